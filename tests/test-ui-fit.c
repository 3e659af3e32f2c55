/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-ui-fit.c: text that fits (ui/ui-fit.c) and the ":" line's
 * completion (ui/ui-complete.c), without a terminal: columns sized from
 * the room and what they hold, and the candidates Tab offers, as tables of
 * named cases.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/ui-priv.h"

/* The alert queue's columns, as view-alerts.c has them. */
static const struct ui_column cols[] = {
	{ "",	      1, 1,  0, 0 },	/* glyph */
	{ "Sev",      4, 4,  0, 0 },
	{ "State",    8, 8,  0, 1 },
	{ "Venue",    8, 24, 0, 4 },
	{ "Subject",  8, 16, 0, 6 },
	{ "Alert",    12, 24, 0, 2 },
	{ "Age",      5, 6,  1, 1 },
	{ "Acked by", 8, 16, 0, 5 },
};
#define NCOLS	((int)(sizeof(cols) / sizeof(cols[0])))

static const struct fit_case {
	const char	*name;
	int		 w;
	int		 want[NCOLS];
	int		 widths[NCOLS];
} fit_cases[] = {
	/* 80x24: the empty "Acked by" gives its room to the title. */
	{ "80x24, nobody acked", 56, { 1, 4, 8, 15, 9, 80, 5, 0 },
	    { 1, 4, 8, 9, 0, 24, 5, 0 } },
	/* Someone acked: the title keeps its readable width first. */
	{ "80x24, acked", 56, { 1, 4, 8, 15, 9, 80, 5, 3 },
	    { 1, 4, 8, 9, 0, 24, 5, 0 } },
	/* 200x60: every name whole, the title the rest. */
	{ "200x60", 166, { 1, 4, 8, 15, 9, 80, 5, 0 },
	    { 1, 4, 8, 15, 9, 118, 5, 0 } },
	/* Narrow: the venue waits until the title can be read. */
	{ "narrow", 36, { 1, 4, 8, 15, 9, 80, 5, 0 },
	    { 1, 4, 8, 0, 0, 14, 5, 0 } },
	/* Short titles: no column grows past what it holds but the flex. */
	{ "short text", 100, { 1, 4, 6, 5, 3, 10, 2, 4 },
	    { 1, 4, 6, 5, 7, 59, 3, 8 } },
};

/* Each case's widths, and that they never pass the room there is. */
static void
test_columns_size(void **state)
{
	int		widths[NCOLS], i, used, n;
	unsigned	k;

	(void)state;
	for (k = 0; k < sizeof(fit_cases) / sizeof(fit_cases[0]); k++) {
		const struct fit_case	*c = &fit_cases[k];

		ui_columns_size(cols, NCOLS, c->w, c->want, 5, widths);
		for (i = 0, used = 0, n = 0; i < NCOLS; i++) {
			if (widths[i] != c->widths[i])
				fail_msg("%s: column %d is %d, not %d", c->name,
				    i, widths[i], c->widths[i]);
			if (widths[i] > 0) {
				used += widths[i];
				n++;
			}
		}
		if (used + n - 1 > c->w)
			fail_msg("%s: %d cells in %d", c->name, used + n - 1,
			    c->w);
	}
}

static const char *const ids[] = { "arena", "club", "festival" };
static const char *const names[] = { "City Arena", "Basement Club",
    "Meadow Festival" };
static const char *const themes[] = { "colorblind", "dark",
    "high-contrast", "light", "mono" };

static const struct complete_case {
	const char	*name, *line;
	const char	*items;		/* the candidates, space-separated */
	size_t		 common;
} complete_cases[] = {
	{ "all commands", "", "venue theme view q quit", 0 },
	{ "command prefix", "v", "venue view", 1 },
	{ "command, any case", "TH", "theme", 5 },
	{ "venues by id and name", "venue ", "arena club festival", 0 },
	{ "venue by id", "venue cl", "club", 4 },
	{ "venue by name, any case", "venue me", "Meadow Festival", 15 },
	{ "venue by name with a space", "venue city a", "City Arena", 10 },
	{ "views", "view h", "heatmap help history", 1 },
	{ "themes", "theme ", "colorblind dark high-contrast light mono", 0 },
	{ "theme prefix", "theme  li", "light", 5 },
	{ "nothing", "venue zz", "", 0 },
	{ "no argument", "q ", "", 0 },
	{ "unknown command", "frob x", "", 0 },
};

/* Each case's candidates, in order, and what they share. */
static void
test_complete(void **state)
{
	struct ui_complete	c;
	struct ui_complete_src	src;
	const char		*views[UI_VIEW_COUNT];
	char			got[512];
	size_t			o;
	unsigned		k, i;

	(void)state;
	for (i = 0; i < UI_VIEW_COUNT; i++)
		views[i] = ui_cmd_view_name(i);
	memset(&src, 0, sizeof(src));
	src.commands = ui_commands;
	src.nviews = UI_VIEW_COUNT;
	src.views = views;
	src.nvenues = 3;
	src.venue_ids = ids;
	src.venue_names = names;
	src.nthemes = 5;
	src.themes = themes;
	for (k = 0; k < sizeof(complete_cases) / sizeof(complete_cases[0]);
	    k++) {
		const struct complete_case *t = &complete_cases[k];

		ui_complete_build(&c, t->line, &src);
		got[0] = '\0';
		for (i = 0, o = 0; i < c.n; i++)
			o += (size_t)snprintf(got + o, sizeof(got) - o, "%s%s",
			    i > 0 ? " " : "", c.item[i]);
		if (strcmp(got, t->items) != 0)
			fail_msg("%s: \"%s\", not \"%s\"", t->name, got,
			    t->items);
		if (ui_complete_common(&c) != t->common)
			fail_msg("%s: common %zu, not %zu", t->name,
			    ui_complete_common(&c), t->common);
	}
	/* The note says the other half of a venue: its name, or its id. */
	ui_complete_build(&c, "venue f", &src);
	assert_int_equal(c.n, 1);
	assert_string_equal(c.note[0], "Meadow Festival");
	ui_complete_build(&c, "venue b", &src);
	assert_string_equal(c.item[0], "Basement Club");
	assert_string_equal(c.note[0], "club");
	assert_int_equal(c.start, 6);
}

/* One way of writing counts. */
static void
test_counts(void **state)
{
	unsigned	n[FOHP_SEV_COUNT] = { 0 };
	char		buf[32];

	(void)state;
	n[FOHP_SEV_CRITICAL] = 2;
	n[FOHP_SEV_WARNING] = 9;
	assert_string_equal(ui_counts(buf, sizeof(buf), n, 0), "C2 W9 I0");
	assert_string_equal(ui_counts(buf, sizeof(buf), n, 2),
	    "C2 W9 I0, 2 crit unacked");
}

/*
 * A venue id cut in its middle keeps its end: two clones that differ only
 * there stay apart; one that fits is whole; a width too small for the
 * ellipsis gives the start.
 */
static void
test_fit_middle(void **state)
{
	static const struct {
		const char *s;
		int	 w;
		const char *ell;
		int	 ellw;
		const char *want;
	} cases[] = {
		{ "club-27", 12, "\u2026", 1, "club-27" },
		{ "festival-100", 12, "\u2026", 1, "festival-100" },
		{ "club-north-stand-12", 12, "\u2026", 1, "clu\u2026stand-12" },
		{ "club-north-stand-13", 12, "\u2026", 1, "clu\u2026stand-13" },
		{ "club-north-stand-12", 12, "...", 3, "clu...and-12" },
		{ "club-north-stand-12", 4, "\u2026", 1, "c\u202612" },
		{ "club-north-stand-12", 2, "\u2026", 1, "cl" },
		{ "club-north-stand-12", 0, "\u2026", 1, "" },
		{ "abcdefghijklmnopqrstuvwxyz01234", 30, "\u2026", 1,
		    "abcdefghi\u2026lmnopqrstuvwxyz01234" },
	};
	char		buf[64];
	unsigned	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ui_fit_middle(buf, sizeof(buf), cases[i].s, cases[i].w,
		    cases[i].ell, cases[i].ellw);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("%s in %d: '%s', want '%s'", cases[i].s,
			    cases[i].w, buf, cases[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_size),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_fit_middle),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
