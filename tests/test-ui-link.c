/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-ui-link.c: the terminal link's judgement (ui/ui-link.c): which
 * answers to the frames' status reports make the link slow (the ui turns
 * frugal), when frames wait, and that --link fast and slow hold. The
 * answers are made by setting when the question went out; nothing is
 * written to the terminal.
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

#include "lib/clock.h"
#include "ui/ui-priv.h"

/* A ui with only its link set up, in mode. */
static struct ui *
link_ui(enum ui_link_mode mode)
{
	struct ui	*u = calloc(1, sizeof(*u));

	assert_non_null(u);
	u->link.mode = mode;
	u->link.hold_ms = 60000;
	u->frugal = mode == UI_LINK_SLOW;
	return (u);
}

/* The terminal answers a question that went out rtt_ms ago. */
static int
answer_after(struct ui *u, uint64_t rtt_ms)
{
	u->link.sent_ms = clock_pace_ms() - rtt_ms;
	return (ui_link_answer(u));
}

/* A table of answer sequences and whether they make the link slow. */
static void
test_judge(void **state)
{
	static const struct {
		const char		*name;
		enum ui_link_mode	 mode;
		uint64_t		 rtt[6];	/* 0 ends */
		int			 frugal;
	} cases[] = {
		{ "fast answers", UI_LINK_AUTO, { 20, 30, 25, 40, 10, 0 }, 0 },
		{ "two slow of four", UI_LINK_AUTO,
		    { 1500, 20, 1200, 30, 0 }, 0 },
		{ "three slow of four", UI_LINK_AUTO,
		    { 1500, 20, 1200, 1100, 0 }, 1 },
		{ "one very slow", UI_LINK_AUTO, { 20, 4500, 0 }, 1 },
		{ "slow, then fast is not enough", UI_LINK_AUTO,
		    { 1500, 1500, 20, 20, 20, 0 }, 0 },
		{ "fast: never frugal", UI_LINK_FAST,
		    { 5000, 5000, 5000, 5000, 0 }, 0 },
		{ "slow: always frugal", UI_LINK_SLOW, { 10, 10, 10, 0 }, 1 },
	};
	struct ui	*u;
	size_t		 i, j;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		u = link_ui(cases[i].mode);
		for (j = 0; cases[i].rtt[j] != 0; j++)
			(void)answer_after(u, cases[i].rtt[j]);
		if (u->frugal != cases[i].frugal)
			fail_msg("%s: frugal %d, want %d", cases[i].name,
			    u->frugal, cases[i].frugal);
		assert_int_equal(u->link.answers, j);
		free(u);
	}
}

/* Turning frugal asks for a redraw; the spell ends after its hold. */
static void
test_spell(void **state)
{
	struct ui	*u = link_ui(UI_LINK_AUTO);

	(void)state;
	assert_int_equal(answer_after(u, 5000), UI_REDRAW);
	assert_int_equal(u->frugal, 1);
	assert_int_equal(u->link.spells, 1);
	assert_int_equal(answer_after(u, 10), 0);
	assert_int_equal(u->frugal, 1);		/* within its minute */
	u->link.frugal_until = clock_pace_ms();	/* the minute is up */
	assert_int_equal(answer_after(u, 10), UI_REDRAW);
	assert_int_equal(u->frugal, 0);
	/* Slow again at once: the next spell is twice as long. */
	assert_int_equal(answer_after(u, 5000), UI_REDRAW);
	assert_int_equal(u->link.hold_ms, 120000);
	assert_int_equal(u->link.spells, 2);
	free(u);
}

/* Frames wait while a question is out, once the terminal has answered. */
static void
test_wait(void **state)
{
	struct ui	*u = link_ui(UI_LINK_AUTO);
	uint64_t	 now = clock_pace_ms();

	(void)state;
	u->link.sent_ms = now;
	assert_int_equal(ui_link_wait(u, now), 0);	/* never answered */
	u->link.answers = 1;
	assert_true(ui_link_wait(u, now + 100) > 0);
	assert_true(ui_link_wait(u, now + 100) <= 10000);
	assert_int_equal(ui_link_wait(u, now + 10000), 0);	/* gave up */
	u->link.sent_ms = 0;
	assert_int_equal(ui_link_wait(u, now), 0);	/* answered */
	u->link.sent_ms = now;
	u->link.mode = UI_LINK_FAST;
	assert_int_equal(ui_link_wait(u, now + 100), 0);
	free(u);
}

/* The diagnostics' words: the mode, and the flat fills when frugal. */
static void
test_describe(void **state)
{
	struct ui	*u = link_ui(UI_LINK_AUTO);
	char		 buf[256];

	(void)state;
	ui_link_describe(u, buf, sizeof(buf));
	assert_non_null(strstr(buf, "Terminal link: auto, no answer"));
	(void)answer_after(u, 5000);
	ui_link_describe(u, buf, sizeof(buf));
	assert_non_null(strstr(buf, "map in flat fills (slow link)"));
	assert_non_null(strstr(buf, "(1 answer)"));
	assert_non_null(strstr(buf, "found slow 1 time"));
	free(u);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_spell),
		cmocka_unit_test(test_wait),
		cmocka_unit_test(test_describe),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
