/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-theme.c: theme files load, errors name FILE:LINE, defaults fill the
 * gaps, colours downsample, and theme_find searches in order.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "ui/theme.h"

#define N(a)	(sizeof (a) / sizeof (a)[0])

/* Where the shipped themes are: $top_srcdir/themes. */
static void
theme_path(char *path, size_t len, const char *name)
{
	const char	*top = getenv("top_srcdir");

	snprintf(path, len, "%s/themes/%s.theme", top != NULL ? top : ".",
	    name);
}

/* Two slots are the same. */
static void
assert_slot_equal(const struct theme_colour *a, const struct theme_colour *b,
    const char *what)
{
	if (a->set != b->set || a->has_fg != b->has_fg ||
	    a->has_bg != b->has_bg || a->attrs != b->attrs ||
	    (a->has_fg && a->fg != b->fg) || (a->has_bg && a->bg != b->bg))
		fail_msg("slot %s differs: %06x/%06x %d/%d %u vs %06x/%06x"
		    " %d/%d %u", what, a->fg, a->bg, a->has_fg, a->has_bg,
		    a->attrs, b->fg, b->bg, b->has_fg, b->has_bg, b->attrs);
}

/* Two themes have the same slots and background. */
static void
assert_theme_equal(const struct theme *a, const struct theme *b)
{
	int	i;

	assert_int_equal(a->light, b->light);
	for (i = 0; i < THEME_SLOTS; i++)
		assert_slot_equal(&a->slot[i], &b->slot[i],
		    theme_slot_name(i));
}

/* --- slot names ------------------------------------------------------- */

/* Every slot has a name, and the name finds the slot. */
static void
test_slot_names(void **state)
{
	int	i;

	for (i = 0; i < THEME_SLOTS; i++) {
		assert_non_null(theme_slot_name(i));
		assert_int_equal(theme_slot_find(theme_slot_name(i)), i);
	}
	assert_null(theme_slot_name(THEME_SLOTS));
	assert_int_equal(theme_slot_find("band_g"), -1);
	assert_string_equal(theme_slot_name(THEME_BAND_C), "band_c");
	assert_string_equal(theme_slot_name(THEME_STATE_ACKNOWLEDGED),
	    "state_acknowledged");
}

/* --- shipped themes ---------------------------------------------------- */

struct shipped_case {
	const char	*name;
	int		 light;
};

static const struct shipped_case shipped_cases[] = {
	{ "dark",		0 },
	{ "light",		1 },
	{ "high-contrast",	0 },
	{ "colorblind",		0 },
	{ "mono",		0 },
};

/* Each shipped theme loads cleanly, sets every slot itself, and with the
 * defaults behind it every slot is set. */
static void
test_shipped_one(const struct shipped_case *c)
{
	struct theme	dark, t;
	char		path[4096], err[512];
	int		i, rv;

	theme_builtin_dark(&dark);
	theme_path(path, sizeof path, c->name);

	rv = theme_load_file(&t, path, NULL, err, sizeof err);
	if (rv != 0)
		fail_msg("%s: %d: %s", path, rv, err);
	assert_string_equal(t.name, c->name);
	assert_int_equal(t.light, c->light);
	for (i = 0; i < THEME_SLOTS; i++) {
		if (!t.slot[i].set)
			fail_msg("%s: slot %s not set", c->name,
			    theme_slot_name(i));
	}

	assert_int_equal(theme_load_file(&t, path, &dark, err, sizeof err),
	    0);
	for (i = 0; i < THEME_SLOTS; i++)
		assert_true(t.slot[i].set);
}

/* Every shipped theme. */
static void
test_shipped(void **state)
{
	size_t	i;

	for (i = 0; i < N(shipped_cases); i++)
		test_shipped_one(&shipped_cases[i]);
}

/* dark.theme is what is compiled in, and so is mono.theme. */
static void
test_builtin_matches_files(void **state)
{
	struct theme	builtin, t;
	char		path[4096], err[512];

	theme_builtin_dark(&builtin);
	assert_string_equal(builtin.name, "dark");
	theme_path(path, sizeof path, "dark");
	assert_int_equal(theme_load_file(&t, path, NULL, err, sizeof err), 0);
	assert_theme_equal(&t, &builtin);

	theme_builtin_mono(&builtin);
	assert_string_equal(builtin.name, "mono");
	theme_path(path, sizeof path, "mono");
	assert_int_equal(theme_load_file(&t, path, NULL, err, sizeof err), 0);
	assert_theme_equal(&t, &builtin);
}

/* mono names no colour; bands differ by attributes alone. */
static void
test_mono_attrs_only(void **state)
{
	struct theme	t;
	int		i, j;

	theme_builtin_mono(&t);
	for (i = 0; i < THEME_SLOTS; i++) {
		assert_false(t.slot[i].has_fg);
		assert_false(t.slot[i].has_bg);
	}
	for (i = THEME_BAND_A; i <= THEME_BAND_F; i++) {
		for (j = i + 1; j <= THEME_BAND_F; j++)
			assert_int_not_equal(t.slot[i].attrs, t.slot[j].attrs);
	}
}

/* The colour-blind bands get lighter from A to F (a monotonic ramp). */
static void
test_colorblind_ramp(void **state)
{
	struct theme	t;
	char		path[4096], err[512];
	long		prev = -1;
	int		i;

	theme_path(path, sizeof path, "colorblind");
	assert_int_equal(theme_load_file(&t, path, NULL, err, sizeof err), 0);
	for (i = THEME_BAND_A; i <= THEME_BAND_F; i++) {
		uint32_t	bg = t.slot[i].bg;
		long		lum = 299L * (bg >> 16 & 0xff) +
				    587L * (bg >> 8 & 0xff) + 114L * (bg & 0xff);

		assert_true(t.slot[i].has_bg);
		assert_true(lum > prev);
		prev = lum;
	}
}

/* --- malformed files --------------------------------------------------- */

#define X10	"xxxxxxxxxx"
#define X100	X10 X10 X10 X10 X10 X10 X10 X10 X10 X10
#define X1000	X100 X100 X100 X100 X100 X100 X100 X100 X100 X100

struct bad_case {
	const char	*name;
	const char	*text;
	const char	*error;
};

static const struct bad_case bad_cases[] = {
	{ "bad hex, short",
	  "[theme]\nband_c = #12345\n",
	  "bad.theme:2: slot band_c: \"#12345\" is not #RRGGBB" },
	{ "bad hex digit",
	  "[theme]\nname = x\nband_c = #12345g\n",
	  "bad.theme:3: slot band_c: \"#12345g\" is not #RRGGBB" },
	{ "bad hex, long",
	  "[theme]\nband_c = #1234567\n",
	  "bad.theme:2: slot band_c: \"#1234567\" is not #RRGGBB" },
	{ "bad background colour",
	  "[theme]\nstatus = #000000 on #zz0000\n",
	  "bad.theme:2: slot status: \"#zz0000\" is not #RRGGBB" },
	{ "missing #",
	  "[theme]\nband_c = 123456\n",
	  "bad.theme:2: slot band_c: \"123456\" is not #RRGGBB" },
	{ "colour name",
	  "[theme]\nlive = green\n",
	  "bad.theme:2: slot live: \"green\" is not #RRGGBB" },
	{ "bad attr",
	  "[theme]\nband_c = #000000, blink\n",
	  "bad.theme:2: slot band_c: \"blink\" is not bold, dim, reverse or"
	  " underline" },
	{ "bad attr after good",
	  "[theme]\nheading = bold, italic\n",
	  "bad.theme:2: slot heading: \"italic\" is not bold, dim, reverse or"
	  " underline" },
	{ "text after colour",
	  "[theme]\nband_c = #000000 blue\n",
	  "bad.theme:2: slot band_c: unexpected \"blue\" after \"#000000\"" },
	{ "attrs without comma",
	  "[theme]\nband_c = bold dim\n",
	  "bad.theme:2: slot band_c: unexpected \"dim\" after \"bold\"" },
	{ "text after background",
	  "[theme]\nband_c = #000000 on #ffffff bold\n",
	  "bad.theme:2: slot band_c: unexpected \"bold\" after \"#ffffff\"" },
	{ "on without background",
	  "[theme]\nband_c = #000000 on\n",
	  "bad.theme:2: slot band_c: \"on\" needs a background colour" },
	{ "empty value",
	  "[theme]\nband_c =\n",
	  "bad.theme:2: slot band_c: no value (\"default\" is the terminal's"
	  " colour)" },
	{ "trailing comma",
	  "[theme]\nband_c = #000000,\n",
	  "bad.theme:2: slot band_c: nothing after ','" },
	{ "bad background",
	  "[theme]\nbackground = grey\n",
	  "bad.theme:2: background: \"grey\" is not dark or light" },
	{ "not key = value",
	  "[theme]\nband_c\n",
	  "bad.theme:2: expected \"key = value\" or \"[section]\"" },
	{ "line count past comments and blanks",
	  "# a comment\n\n; another\n[theme]\n\nname = x\nband_a = #00af00\n"
	  "band_b = #afd70\n",
	  "bad.theme:8: slot band_b: \"#afd70\" is not #RRGGBB" },
	{ "first error wins",
	  "[theme]\nband_a = #1\nband_b = #2\n",
	  "bad.theme:2: slot band_a: \"#1\" is not #RRGGBB" },
	{ "syntax error before slot error",
	  "[theme]\noops\nband_b = #2\n",
	  "bad.theme:2: expected \"key = value\" or \"[section]\"" },
	{ "slot error before syntax error",
	  "[theme]\nband_b = #2\noops\n",
	  "bad.theme:2: slot band_b: \"#2\" is not #RRGGBB" },
	{ "line too long",
	  "[theme]\nname = " X1000 "xxxxxxxxxxxxxxxxxx\n",
	  "bad.theme:2: line is 1025 bytes long; at most 1024" },
	{ "escape sequence",
	  "[theme]\nname = \x1b]0;owned\x07\n",
	  "bad.theme:2: control character 0x1b at column 8" },
	{ "section not closed",
	  "[theme\nband_a = #010203\n",
	  "bad.theme:1: a section header must end with ']'" },
};

/* A malformed theme gives its FILE:LINE message and leaves the defaults. */
static void
test_bad(void **state)
{
	struct theme	dark, t;
	char		err[512], want[512];
	size_t		i;
	int		rv;

	theme_builtin_dark(&dark);
	for (i = 0; i < N(bad_cases); i++) {
		const struct bad_case	*c = &bad_cases[i];

		rv = theme_load_string(&t, c->text, "themes/bad.theme", &dark,
		    err, sizeof err);
		snprintf(want, sizeof want, "themes/%s", c->error);
		if (rv != -1 || strcmp(err, want) != 0)
			fail_msg("%s: got %d \"%s\", want -1 \"%s\"", c->name,
			    rv, err, want);
		assert_theme_equal(&t, &dark);
	}
}

/* A file that is not there: "PATH: strerror". */
static void
test_missing_file(void **state)
{
	struct theme	dark, t;
	char		err[512];

	theme_builtin_dark(&dark);
	assert_int_equal(theme_load_file(&t, "/nonexistent/x.theme", &dark,
	    err, sizeof err), -1);
	assert_string_equal(err, "/nonexistent/x.theme: No such file or"
	    " directory");
	assert_theme_equal(&t, &dark);
}

/* --- unknown keys, defaults, values ------------------------------------ */

struct warn_case {
	const char	*name;
	const char	*text;
	int		 count;
	const char	*warning;
};

static const struct warn_case warn_cases[] = {
	{ "unknown slot",
	  "[theme]\nband_g = #000000\nband_a = #010203\n", 1,
	  "w.theme:2: unknown key \"band_g\" ignored" },
	{ "several unknown",
	  "[theme]\nname = w\nsparkline = #ffffff\nband_a = #010203\n"
	  "gradient_start = #000000\n", 2,
	  "w.theme:3: unknown key \"sparkline\" ignored (and 1 more)" },
	{ "other section",
	  "[theme]\nband_a = #010203\n[extra]\nband_b = #000000\n", 1,
	  "w.theme:4: unknown key \"[extra] band_b\" ignored" },
	{ "before any section",
	  "band_b = #000000\n[theme]\nband_a = #010203\n", 1,
	  "w.theme:1: unknown key \"band_b\" ignored" },
};

/* Unknown keys are skipped, counted and reported; the rest applies. */
static void
test_warn(void **state)
{
	struct theme	dark, t;
	char		err[512];
	size_t		i;
	int		rv;

	theme_builtin_dark(&dark);
	for (i = 0; i < N(warn_cases); i++) {
		const struct warn_case	*c = &warn_cases[i];

		rv = theme_load_string(&t, c->text, "w.theme", &dark, err,
		    sizeof err);
		if (rv != c->count || strcmp(err, c->warning) != 0)
			fail_msg("%s: got %d \"%s\", want %d \"%s\"", c->name,
			    rv, err, c->count, c->warning);
		assert_int_equal(t.slot[THEME_BAND_A].fg, 0x010203);
		assert_false(t.slot[THEME_BAND_A].has_bg);
		assert_slot_equal(&t.slot[THEME_BAND_B],
		    &dark.slot[THEME_BAND_B], "band_b");
	}
}

/* A partial theme changes what it names and inherits the rest. */
static void
test_partial(void **state)
{
	struct theme	dark, t;
	char		err[512];
	int		i;

	theme_builtin_dark(&dark);
	assert_int_equal(theme_load_string(&t,
	    "[theme]\nname = partial\nbackground = light\n"
	    "band_a = #010203 on #A0B0C0, reverse, bold ; a comment\n",
	    "x.theme", &dark, err, sizeof err), 0);
	assert_string_equal(err, "");
	assert_string_equal(t.name, "partial");
	assert_int_equal(t.light, 1);
	assert_int_equal(t.slot[THEME_BAND_A].fg, 0x010203);
	assert_int_equal(t.slot[THEME_BAND_A].bg, 0xa0b0c0);
	assert_true(t.slot[THEME_BAND_A].has_fg);
	assert_true(t.slot[THEME_BAND_A].has_bg);
	assert_int_equal(t.slot[THEME_BAND_A].attrs,
	    THEME_A_REVERSE | THEME_A_BOLD);
	for (i = 0; i < THEME_SLOTS; i++) {
		if (i != THEME_BAND_A)
			assert_slot_equal(&t.slot[i], &dark.slot[i],
			    theme_slot_name(i));
	}
}

/*
 * Lines are read whole: a 300-byte comment that ends in "band_a = ..." is a
 * comment (inih split it at 199 bytes and read the tail as a key), a
 * 300-byte name is one name, and indented keys are keys, not the
 * continuation of the key above (as inih read them).
 */
static void
test_long_and_indented(void **state)
{
	struct theme	dark, t;
	char		err[512], text[1024], line[301];

	theme_builtin_dark(&dark);
	memset(line, 'x', 300);
	memcpy(line, "; ", 2);
	memcpy(line + 300 - 17, " band_a = #ff0000", 17);
	line[300] = '\0';
	snprintf(text, sizeof text, "[theme]\n%s\nband_b = #010203\n", line);
	assert_int_equal(theme_load_string(&t, text, "l.theme", &dark, err,
	    sizeof err), 0);
	assert_slot_equal(&t.slot[THEME_BAND_A], &dark.slot[THEME_BAND_A],
	    "band_a");
	assert_int_equal(t.slot[THEME_BAND_B].fg, 0x010203);

	assert_int_equal(theme_load_string(&t, "[theme]\n  band_a = #010203\n"
	    "  band_b = #040506\n", "i.theme", &dark, err, sizeof err), 0);
	assert_int_equal(t.slot[THEME_BAND_A].fg, 0x010203);
	assert_int_equal(t.slot[THEME_BAND_B].fg, 0x040506);
}

/* Without a name key the theme is named after its file. */
static void
test_name_from_file(void **state)
{
	struct theme	t;
	char		err[512];

	assert_int_equal(theme_load_string(&t, "[theme]\nlive = #00ff00\n",
	    "/home/op/.config/foh/themes/venue-x.theme", NULL, err,
	    sizeof err), 0);
	assert_string_equal(t.name, "venue-x");
	assert_true(t.slot[THEME_LIVE].set);
	assert_false(t.slot[THEME_STALE].set);
}

struct value_case {
	const char	*value;
	int		 has_fg, has_bg;
	uint32_t	 fg, bg;
	unsigned	 attrs;
};

static const struct value_case value_cases[] = {
	{ "#ff0000",			1, 0, 0xff0000, 0, 0 },
	{ "#FFaa00",			1, 0, 0xffaa00, 0, 0 },
	{ "#000000 on #ffffff",		1, 1, 0x000000, 0xffffff, 0 },
	{ "#000000 on #ffffff, bold",	1, 1, 0, 0xffffff, THEME_A_BOLD },
	{ "#000000,dim,reverse",	1, 0, 0, 0,
	  THEME_A_DIM | THEME_A_REVERSE },
	{ "  #123456  ,  underline ",	1, 0, 0x123456, 0, THEME_A_UNDERLINE },
	{ "default",			0, 0, 0, 0, 0 },
	{ "default on #102030",		0, 1, 0, 0x102030, 0 },
	{ "#102030 on default, bold",	1, 0, 0x102030, 0, THEME_A_BOLD },
	{ "reverse",			0, 0, 0, 0, THEME_A_REVERSE },
	{ "bold, dim",			0, 0, 0, 0, THEME_A_BOLD | THEME_A_DIM },
};

/* Each accepted value form parses to the expected slot. */
static void
test_values(void **state)
{
	struct theme	t;
	char		text[256], err[512];
	size_t		i;

	for (i = 0; i < N(value_cases); i++) {
		const struct value_case		*c = &value_cases[i];
		const struct theme_colour	*s = &t.slot[THEME_HEADING];

		snprintf(text, sizeof text, "[theme]\nheading = %s\n",
		    c->value);
		if (theme_load_string(&t, text, "v.theme", NULL, err,
		    sizeof err) != 0)
			fail_msg("\"%s\": %s", c->value, err);
		assert_true(s->set);
		assert_int_equal(s->has_fg, c->has_fg);
		assert_int_equal(s->has_bg, c->has_bg);
		if (c->has_fg)
			assert_int_equal(s->fg, c->fg);
		if (c->has_bg)
			assert_int_equal(s->bg, c->bg);
		assert_int_equal(s->attrs, c->attrs);
	}
}

/* --- downsampling ------------------------------------------------------ */

struct down_case {
	uint32_t	rgb;
	int		c256, c16, c8;
};

/*
 * Pure red is 196 with 256 colours, 9 (bright red) with 16 and 1 with 8.
 * The cube's corners map to themselves; greys go to the 24-step ramp
 * (232..255) unless the cube has them exactly (black 16, white 231).
 */
static const struct down_case down_cases[] = {
	{ 0xff0000, 196,  9, 1 },	/* cube corners */
	{ 0x00ff00,  46, 10, 2 },
	{ 0x0000ff,  21, 12, 4 },
	{ 0xffff00, 226, 11, 3 },
	{ 0x00ffff,  51, 14, 6 },
	{ 0xff00ff, 201, 13, 5 },
	{ 0x000000,  16,  0, 0 },
	{ 0xffffff, 231, 15, 7 },
	{ 0x800000,  88,  1, 1 },	/* dark red */
	{ 0x080808, 232,  0, 0 },	/* greys */
	{ 0x121212, 233,  0, 0 },
	{ 0x808080, 244,  8, 7 },
	{ 0x8a8a8a, 245,  8, 7 },
	{ 0x585858, 240,  8, 0 },
	{ 0xbcbcbc, 250,  7, 7 },
	{ 0xeeeeee, 255, 15, 7 },
	{ 0x5f5f5f,  59,  8, 0 },	/* cube grey, nearer than ramp */
	{ 0x010101,  16,  0, 0 },
	{ 0xfefefe, 231, 15, 7 },
	{ 0xff8700, 208,  3, 3 },	/* orange: never bright yellow */
	{ 0xffd700, 220, 11, 3 },
	{ 0x00af00,  34,  2, 2 },
	{ 0xafd700, 148, 10, 2 },
	{ 0xd70000, 160,  1, 1 },
	{ 0xaf00ff, 129, 13, 5 },
	{ 0x005f87,  24,  4, 4 },
	{ 0x5fd7ff,  81, 14, 6 },
	{ 0x123456,  23,  4, 4 },	/* not on the cube: #005f5f */
};

/* Each colour downsamples to the expected index at 256, 16 and 8. */
static void
test_downsample(void **state)
{
	size_t	i;

	for (i = 0; i < N(down_cases); i++) {
		const struct down_case	*c = &down_cases[i];

		if (theme_to_256(c->rgb) != c->c256 ||
		    theme_to_16(c->rgb) != c->c16 ||
		    theme_to_8(c->rgb) != c->c8)
			fail_msg("#%06x: %d %d %d, want %d %d %d", c->rgb,
			    theme_to_256(c->rgb), theme_to_16(c->rgb),
			    theme_to_8(c->rgb), c->c256, c->c16, c->c8);
	}
}

/* Every 256-colour index's own RGB maps back to it (16..255). */
static void
test_256_round_trip(void **state)
{
	static const int	level[6] = { 0, 95, 135, 175, 215, 255 };
	int			i;

	for (i = 16; i < 256; i++) {
		uint32_t	rgb;

		if (i < 232) {
			int	n = i - 16;

			rgb = (uint32_t)level[n / 36] << 16 |
			    (uint32_t)level[n / 6 % 6] << 8 |
			    (uint32_t)level[n % 6];
		} else
			rgb = (uint32_t)(8 + 10 * (i - 232)) * 0x010101u;
		assert_int_equal(theme_to_256(rgb), i);
	}
}

/* dark.theme gives today's 256-colour table exactly. */
static void
test_dark_256(void **state)
{
	static const int	want[][2] = {
		{ -1, -1 }, { 255, 24 }, { 252, 236 }, { 81, -1 },
		{ 231, 238 }, { 244, -1 }, { 40, -1 }, { 214, -1 },
		{ 196, -1 }, { 75, -1 }, { 240, -1 }, { 250, 237 },
		{ 16, 34 }, { 16, 148 }, { 16, 220 }, { 16, 208 },
		{ 231, 160 }, { 231, 129 },
	};
	struct theme		t;
	int			i, fg, bg;

	theme_builtin_dark(&t);
	for (i = 0; i <= THEME_BAND_F; i++) {
		theme_slot_colours(&t, i, 256, &fg, &bg);
		assert_int_equal(fg, want[i][0]);
		assert_int_equal(bg, want[i][1]);
	}
	/* With 16 and 8 colours the bands are 2 10 11 3 1 13 / 2 2 3 3 1 5. */
	theme_slot_colours(&t, THEME_BAND_B, 16, &fg, &bg);
	assert_int_equal(bg, 10);
	theme_slot_colours(&t, THEME_BAND_F, 8, &fg, &bg);
	assert_int_equal(fg, 7);
	assert_int_equal(bg, 5);
}

/* Text that would vanish into its background is moved to black or white;
 * direct colour passes RGB through. */
static void
test_slot_colours(void **state)
{
	struct theme	t;
	int		fg, bg;

	theme_builtin_dark(&t);
	/* Border #585858 on the dark default: 0 with 8 colours -> 7. */
	theme_slot_colours(&t, THEME_BORDER, 8, &fg, &bg);
	assert_int_equal(fg, 7);
	assert_int_equal(bg, -1);
	theme_slot_colours(&t, THEME_BORDER, 16, &fg, &bg);
	assert_int_equal(fg, 8);

	/* Yellow on orange: both 3 with 8 colours -> black text. */
	t.slot[THEME_BAND_D].fg = 0xffff00;
	theme_slot_colours(&t, THEME_BAND_D, 8, &fg, &bg);
	assert_int_equal(bg, 3);
	assert_int_equal(fg, 0);

	/* Pale grey on a light theme's default white: -> black. */
	t.light = 1;
	t.slot[THEME_DIM].fg = 0xf0f0f0;
	theme_slot_colours(&t, THEME_DIM, 16, &fg, &bg);
	assert_int_equal(fg, 0);

	theme_slot_colours(&t, THEME_STATUS, 0x1000000, &fg, &bg);
	assert_int_equal(fg, 0xeeeeee);
	assert_int_equal(bg, 0x005f87);
	theme_slot_colours(&t, THEME_NORMAL, 0x1000000, &fg, &bg);
	assert_int_equal(fg, -1);
	assert_int_equal(bg, -1);
}

/* --- theme_find -------------------------------------------------------- */

/* Create dir and its parents. */
static void
mkdirs(const char *dir)
{
	char	buf[4096], *p;

	snprintf(buf, sizeof buf, "%s", dir);
	for (p = buf + 1; *p != '\0'; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0700);
			*p = '/';
		}
	}
	assert_true(mkdir(buf, 0700) == 0 || access(buf, F_OK) == 0);
}

/* Write a small theme file. */
static void
touch(const char *dir, const char *file)
{
	char	path[4096];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	assert_non_null(f = fopen(path, "w"));
	fputs("[theme]\n", f);
	fclose(f);
}

/* The user's directory first, then $FOH_THEMEDIR; paths taken as given. */
static void
test_find(void **state)
{
	char	tmpl[] = "/tmp/test-theme.XXXXXX", *top;
	char	xdg[256], home[256], sys[256], want[4096], path[4096];
	char	cmd[4200];
	char	*old_xdg = getenv("XDG_CONFIG_HOME");
	char	*old_home = getenv("HOME");

	old_xdg = old_xdg != NULL ? strdup(old_xdg) : NULL;
	old_home = old_home != NULL ? strdup(old_home) : NULL;
	assert_non_null(top = mkdtemp(tmpl));
	snprintf(xdg, sizeof xdg, "%s/xdg/foh/themes", top);
	snprintf(home, sizeof home, "%s/home/.config/foh/themes", top);
	snprintf(sys, sizeof sys, "%s/sys", top);
	mkdirs(xdg);
	mkdirs(home);
	mkdirs(sys);
	touch(xdg, "tt-both.theme");
	touch(sys, "tt-both.theme");
	touch(sys, "tt-sys.theme");
	touch(home, "tt-home.theme");
	touch(sys, "tt-home.theme");

	snprintf(path, sizeof path, "%s/xdg", top);
	setenv("XDG_CONFIG_HOME", path, 1);
	snprintf(path, sizeof path, "%s/home", top);
	setenv("HOME", path, 1);
	setenv("FOH_THEMEDIR", sys, 1);

	/* XDG before FOH_THEMEDIR. */
	assert_int_equal(theme_find("tt-both", path, sizeof path), 0);
	snprintf(want, sizeof want, "%s/tt-both.theme", xdg);
	assert_string_equal(path, want);
	/* Only in FOH_THEMEDIR. */
	assert_int_equal(theme_find("tt-sys", path, sizeof path), 0);
	snprintf(want, sizeof want, "%s/tt-sys.theme", sys);
	assert_string_equal(path, want);
	/* With XDG_CONFIG_HOME set, ~/.config is not searched. */
	assert_int_equal(theme_find("tt-home", path, sizeof path), 0);
	snprintf(want, sizeof want, "%s/tt-home.theme", sys);
	assert_string_equal(path, want);
	/* Without it, ~/.config/foh/themes comes first. */
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(theme_find("tt-home", path, sizeof path), 0);
	snprintf(want, sizeof want, "%s/tt-home.theme", home);
	assert_string_equal(path, want);

	/* Not found, hidden, empty, too small a buffer. */
	assert_int_equal(theme_find("tt-none", path, sizeof path), -1);
	assert_int_equal(theme_find(".tt-sys", path, sizeof path), -1);
	assert_int_equal(theme_find("", path, sizeof path), -1);
	assert_int_equal(theme_find("tt-sys", path, 8), -1);

	/* A name with a '/' is a path. */
	snprintf(want, sizeof want, "%s/tt-sys.theme", sys);
	assert_int_equal(theme_find(want, path, sizeof path), 0);
	assert_string_equal(path, want);
	snprintf(want, sizeof want, "%s/nope.theme", sys);
	assert_int_equal(theme_find(want, path, sizeof path), -1);

	/* The list: each name once (tt-home is in two), sorted, and the
	 * directories holding any in the order searched. */
	{
		char	names[1024], where[4096], dirs[1024];

		theme_names(names, sizeof names, where, sizeof where);
		assert_non_null(strstr(names, "tt-both, tt-home, tt-sys"));
		snprintf(dirs, sizeof dirs, "%s, %s", home, sys);
		assert_int_equal(strncmp(where, dirs, strlen(dirs)), 0);
	}

	unsetenv("FOH_THEMEDIR");
	assert_int_equal(theme_find("tt-sys", path, sizeof path), -1);

	if (old_xdg != NULL)
		setenv("XDG_CONFIG_HOME", old_xdg, 1);
	if (old_home != NULL)
		setenv("HOME", old_home, 1);
	free(old_xdg);
	free(old_home);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_slot_names),
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_builtin_matches_files),
		cmocka_unit_test(test_mono_attrs_only),
		cmocka_unit_test(test_colorblind_ramp),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_warn),
		cmocka_unit_test(test_partial),
		cmocka_unit_test(test_name_from_file),
		cmocka_unit_test(test_long_and_indented),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_downsample),
		cmocka_unit_test(test_256_round_trip),
		cmocka_unit_test(test_dark_256),
		cmocka_unit_test(test_slot_colours),
		cmocka_unit_test(test_find),
	};

	return (cmocka_run_group_tests_name("theme", tests, NULL, NULL));
}
