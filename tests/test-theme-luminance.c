/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-theme-luminance.c: every shipped theme keeps neighbouring bands and
 * the severities apart in luminance, in 24-bit colour and after reduction
 * to 256 and 16 colours, so a theme still reads in greyscale or to an eye
 * that does not tell red from green.
 *
 * Luminance is WCAG 2's relative luminance L of sRGB, and "apart" its
 * contrast ratio (L1 + 0.05) / (L2 + 0.05). A 256-colour index is taken
 * back to the xterm palette's RGB, a 16-colour one to xterm's default
 * palette (terminals differ there; xterm's is the reference).
 *
 * The rules, also in themes/README.md:
 * - every theme: neighbouring bands A..F at least BAND_MIN apart, and the
 *   three severities pairwise at least SEV_MIN apart (a severity's colour
 *   is its fill if it has one, else its text);
 * - a theme that says "luminance = rising" (colorblind): its bands get
 *   lighter from A to F at every step, at least RISE_MIN apart in 24-bit
 *   and 256 colours and RISE_MIN_16 with 16, whose palette has no six
 *   evenly spaced steps; and its severities as far apart as its bands.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/theme.h"

#define N(a)	(sizeof (a) / sizeof (a)[0])

#define BAND_MIN	1.05	/* neighbouring bands, any theme */
#define SEV_MIN		1.2	/* severities, any theme */
#define RISE_MIN	1.4	/* a rising ramp's steps: 24-bit, 256 */
#define RISE_MIN_16	1.15	/* ... with 16 colours */

/* The shipped themes with colours (mono has attributes only). */
static const char *const luminance_themes[] = {
	"dark", "light", "high-contrast", "colorblind",
};

/* xterm's default 16 colours. */
static const uint32_t luminance_xterm16[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
	0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
	0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
};

/* The depths checked: 24-bit, 256, 16. */
static const int luminance_depths[] = { 0x1000000, 256, 16 };

/* One sRGB channel (0..255) made linear. */
static double
luminance_linear(unsigned v)
{
	double	c = v / 255.0;

	return (c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4));
}

/* WCAG relative luminance of 0xRRGGBB. */
static double
luminance_of(uint32_t rgb)
{
	return (0.2126 * luminance_linear(rgb >> 16 & 0xff) +
	    0.7152 * luminance_linear(rgb >> 8 & 0xff) +
	    0.0722 * luminance_linear(rgb & 0xff));
}

/* WCAG contrast ratio of two luminances, >= 1. */
static double
luminance_ratio(double a, double b)
{
	return (a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05));
}

/* The RGB a terminal with ncolours shows for colour number c. */
static uint32_t
luminance_rgb(int c, int ncolours)
{
	static const int	level[6] = { 0, 95, 135, 175, 215, 255 };
	int			n;

	if (ncolours >= 0x1000000)
		return ((uint32_t)c);
	if (c < 16)
		return (luminance_xterm16[c]);
	if (c >= 232)
		return ((uint32_t)(8 + 10 * (c - 232)) * 0x010101u);
	n = c - 16;
	return ((uint32_t)level[n / 36] << 16 |
	    (uint32_t)level[n / 6 % 6] << 8 | (uint32_t)level[n % 6]);
}

/* The colour a slot is seen as at ncolours: its fill, else its text. */
static double
luminance_slot(const struct theme *t, enum theme_slot slot, int ncolours,
    int *number)
{
	int	fg, bg;

	theme_slot_colours(t, slot, ncolours, &fg, &bg);
	*number = bg >= 0 ? bg : fg;
	assert_true(*number >= 0);
	return (luminance_of(luminance_rgb(*number, ncolours)));
}

/* Load the shipped theme called name. */
static void
luminance_load(struct theme *t, const char *name)
{
	const char	*top = getenv("top_srcdir");
	char		 path[4096], err[512];
	struct theme	 dark;

	snprintf(path, sizeof path, "%s/themes/%s.theme",
	    top != NULL ? top : ".", name);
	theme_builtin_dark(&dark);
	if (theme_load_file(t, path, &dark, err, sizeof err) != 0)
		fail_msg("%s: %s", path, err);
}

/* Neighbouring bands of every theme, and a rising ramp where declared. */
static void
test_bands(void **state)
{
	struct theme	t;
	size_t		i, d;
	int		b, c, prev_c, fails = 0;

	for (i = 0; i < N(luminance_themes); i++) {
		luminance_load(&t, luminance_themes[i]);
		for (d = 0; d < N(luminance_depths); d++) {
			int	nc = luminance_depths[d];
			double	prev, l, r, rise = nc >= 256 ? RISE_MIN :
				    RISE_MIN_16;

			prev = luminance_slot(&t, THEME_BAND_A, nc, &prev_c);
			for (b = THEME_BAND_B; b <= THEME_BAND_F; b++) {
				l = luminance_slot(&t, b, nc, &c);
				r = luminance_ratio(prev, l);
				if (r < BAND_MIN || (t.rising &&
				    (l <= prev || r < rise))) {
					print_message("%s at %d colours: band"
					    " %c (%d, L %.3f) -> %c (%d, L"
					    " %.3f): ratio %.2f\n",
					    luminance_themes[i], nc,
					    'A' + b - THEME_BAND_A - 1, prev_c,
					    prev, 'A' + b - THEME_BAND_A, c,
					    l, r);
					fails++;
				}
				prev = l;
				prev_c = c;
			}
		}
	}
	assert_int_equal(fails, 0);
}

/* The severities of every theme, pairwise. */
static void
test_severities(void **state)
{
	static const char	*sev[] = { "info", "warning", "critical" };
	struct theme		 t;
	size_t			 i, d;
	int			 a, b, ca, cb, fails = 0;

	for (i = 0; i < N(luminance_themes); i++) {
		luminance_load(&t, luminance_themes[i]);
		for (d = 0; d < N(luminance_depths); d++) {
			int	nc = luminance_depths[d];
			double	min = !t.rising ? SEV_MIN : nc >= 256 ?
				    RISE_MIN : RISE_MIN_16;

			for (a = 0; a < 3; a++)
				for (b = a + 1; b < 3; b++) {
					double	la, lb;

					la = luminance_slot(&t,
					    THEME_SEVERITY_INFO + a, nc, &ca);
					lb = luminance_slot(&t,
					    THEME_SEVERITY_INFO + b, nc, &cb);
					if (luminance_ratio(la, lb) >= min)
						continue;
					print_message("%s at %d colours: %s"
					    " (%d, L %.3f) and %s (%d, L"
					    " %.3f): ratio %.2f\n",
					    luminance_themes[i], nc, sev[a],
					    ca, la, sev[b], cb, lb,
					    luminance_ratio(la, lb));
					fails++;
				}
		}
	}
	assert_int_equal(fails, 0);
}

/* The colour-blind theme says its ramp rises; the others do not. */
static void
test_declared(void **state)
{
	struct theme	t;

	luminance_load(&t, "colorblind");
	assert_true(t.rising);
	luminance_load(&t, "dark");
	assert_false(t.rising);
	assert_int_equal(theme_load_string(&t, "[theme]\nluminance = up\n",
	    "x.theme", NULL, NULL, 0), -1);
}

/* The measure itself: black and white are 21:1, a grey is in between. */
static void
test_measure(void **state)
{
	assert_true(fabs(luminance_ratio(luminance_of(0),
	    luminance_of(0xffffff)) - 21.0) < 1e-9);
	assert_true(fabs(luminance_of(0x777777) - 0.184) < 0.001);
	assert_int_equal(luminance_rgb(231, 256), 0xffffff);
	assert_int_equal(luminance_rgb(244, 256), 0x808080);
	assert_int_equal(luminance_rgb(12, 16), 0x5c5cff);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_measure),
		cmocka_unit_test(test_declared),
		cmocka_unit_test(test_bands),
		cmocka_unit_test(test_severities),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
