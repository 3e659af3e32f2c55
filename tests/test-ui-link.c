/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-ui-link.c: the terminal link's judgement (ui/ui-link.c): which
 * answers to the frames' status reports make the link slow (the ui turns
 * frugal), when frames wait and for how long at most, that a late answer
 * is matched to its own question, which changes do not wait, and that
 * --link fast and slow hold. The questions and answers are made with
 * their times (ui_link_asked, ui_link_answered); nothing is written to
 * the terminal. Last, curses reads the answers among keys from a pty.
 */
#include "config.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
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
	uint64_t	now = clock_pace_ms();

	return (ui_link_answered(u, ui_link_asked(u, now - rtt_ms), now));
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
	(void)ui_link_asked(u, now);
	assert_int_equal(ui_link_wait(u, now), 0);	/* never answered */
	u->link.answers = 1;
	assert_true(ui_link_wait(u, now + 100) > 0);
	assert_true(ui_link_wait(u, now + 100) <= 10000);
	assert_int_equal(ui_link_wait(u, now + 10000), 0);	/* gave up */
	u->link.sent_ms = 0;
	assert_int_equal(ui_link_wait(u, now), 0);	/* answered */
	(void)ui_link_asked(u, now);
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
	assert_non_null(strstr(buf, "(1 answer, 0 lost)"));
	assert_non_null(strstr(buf, "found slow 1 time"));
	free(u);
}

/*
 * A lost answer holds a frame at most a few recent round trips (at least
 * 1 s) while answers are fast; the full 10 s only on a slow link.
 */
static void
test_cap(void **state)
{
	struct ui	*u = link_ui(UI_LINK_AUTO);
	uint64_t	 now = 1000000;
	int		 i;

	(void)state;
	assert_int_equal(ui_link_cap(u), 10000);	/* nothing known */
	for (i = 0; i < 4; i++)
		(void)ui_link_answered(u, ui_link_asked(u, now + i * 100),
		    now + i * 100 + 20);
	assert_int_equal(ui_link_cap(u), 1000);		/* 4 x 20 ms: 1 s */
	/* The next answer is lost: the frame after goes within 1 s. */
	(void)ui_link_asked(u, now + 1000);
	assert_true(ui_link_wait(u, now + 1500) > 0);
	assert_int_equal(ui_link_wait(u, now + 2000), 0);
	(void)ui_link_answered(u, ui_link_asked(u, now + 3000), now + 3400);
	assert_int_equal(ui_link_cap(u), 1600);		/* 4 x 400 ms */
	u->frugal = 1;					/* a slow link */
	assert_int_equal(ui_link_cap(u), 10000);
	u->frugal = 0;
	for (i = 0; i < 4; i++)
		(void)ui_link_answered(u, ui_link_asked(u, now + 5000),
		    now + 8000);
	assert_int_equal(ui_link_cap(u), 10000);	/* 4 x 3 s, capped */
	free(u);
}

/*
 * Each question has its tag: a late answer after a re-ask is credited to
 * its own question (the round trip not under-measured), an answer settles
 * the older questions still out, an answer to none is dropped.
 */
static void
test_tags(void **state)
{
	struct ui	*u = link_ui(UI_LINK_AUTO);
	uint64_t	 t0 = 1000000;
	unsigned	 a, b, c, i;

	(void)state;
	a = ui_link_asked(u, t0);
	b = ui_link_asked(u, t0 + 1000);		/* re-asked at the cap */
	assert_int_not_equal(a, b);
	assert_int_equal(u->link.sent_ms, t0 + 1000);
	(void)ui_link_answered(u, a, t0 + 3000);	/* the late answer */
	assert_int_equal(u->link.rtt_ms, 3000);		/* not 2000 */
	assert_int_equal(u->link.sent_ms, t0 + 1000);	/* b still out */
	(void)ui_link_answered(u, b, t0 + 3010);
	assert_int_equal(u->link.rtt_ms, 2010);
	assert_int_equal(u->link.sent_ms, 0);
	assert_int_equal(u->link.answers, 2);
	/* a is lost, b answered: a is settled; its answer, late, is stray. */
	a = ui_link_asked(u, t0 + 4000);
	b = ui_link_asked(u, t0 + 5000);
	(void)ui_link_answered(u, b, t0 + 5050);
	assert_int_equal(u->link.rtt_ms, 50);
	assert_int_equal(u->link.sent_ms, 0);
	assert_int_equal(ui_link_answered(u, a, t0 + 5060), 0);
	assert_int_equal(u->link.stray, 1);
	assert_int_equal(u->link.rtt_ms, 50);
	assert_int_equal(u->link.answers, 3);
	/* More questions out than tags: the oldest is taken over. */
	c = ui_link_asked(u, t0 + 6000);
	for (i = 1; i < UI_LINK_TAGS; i++)
		(void)ui_link_asked(u, t0 + 6000 + i * 1000);
	(void)ui_link_asked(u, t0 + 10000);		/* c's tag again */
	(void)ui_link_answered(u, c, t0 + 10100);
	assert_int_equal(u->link.rtt_ms, 100);		/* the newest */
	assert_int_equal(u->link.sent_ms, 0);
	free(u);
}

/* A venue's link state or open alerts changed: the frame does not wait. */
static void
test_urgent(void **state)
{
	struct ui		*u = link_ui(UI_LINK_AUTO);
	struct store		*s = store_new();
	struct store_venue	*v;
	struct fohp_alert	 al[1], *keep;
	unsigned		 keepn;

	(void)state;
	assert_non_null(s);
	assert_non_null(v = store_venue_add(s, "v1"));
	v->link = STORE_LINK_LIVE;
	ui_link_shown(u, s);
	assert_false(ui_link_urgent(u, s));
	v->link = STORE_LINK_STALE;			/* heartbeats stopped */
	assert_true(ui_link_urgent(u, s));
	ui_link_shown(u, s);
	assert_false(ui_link_urgent(u, s));
	v->link = STORE_LINK_OFFLINE;
	assert_true(ui_link_urgent(u, s));
	ui_link_shown(u, s);
	/* A new warning (any severity) opens; then it is acknowledged. */
	memset(al, 0, sizeof(al));
	al[0].id = 7;
	al[0].severity = FOHP_SEV_WARNING;
	al[0].state = FOHP_AS_FIRING;
	keep = v->alerts;
	keepn = v->nalerts;
	v->alerts = al;
	v->nalerts = 1;
	assert_true(ui_link_urgent(u, s));
	ui_link_shown(u, s);
	assert_false(ui_link_urgent(u, s));
	al[0].state = FOHP_AS_ACKED;
	assert_true(ui_link_urgent(u, s));
	v->alerts = keep;
	v->nalerts = keepn;
	/* Once per question out: the next change waits for its answer. */
	ui_link_shown(u, s);
	(void)ui_link_asked(u, 1000);
	v->link = STORE_LINK_LIVE;
	assert_true(ui_link_urgent(u, s));
	ui_link_shown(u, s);
	v->link = STORE_LINK_STALE;
	assert_false(ui_link_urgent(u, s));
	(void)ui_link_answered(u, u->link.tag, 1100);
	(void)ui_link_asked(u, 1200);
	assert_true(ui_link_urgent(u, s));
	u->link.mode = UI_LINK_FAST;			/* nothing waits */
	assert_false(ui_link_urgent(u, s));
	store_free(s);
	free(u);
}

/* Up to n keys from curses, waiting up to a second for them. */
static int
read_keys(int *keys, int n)
{
	int		got = 0, k, tries;
	struct timespec	ts = { 0, 5000000 };

	for (tries = 0; got < n && tries < 200; tries++) {
		while (got < n && (k = wgetch(stdscr)) != ERR)
			keys[got++] = k;
		if (got < n)
			nanosleep(&ts, NULL);
	}
	return (got);
}

/* Write s to the pty's master, then wait ms. */
static void
type(int fd, const char *s, long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000 };

	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
	if (ms > 0)
		nanosleep(&ts, NULL);
}

/* Write a, and b ms ms later from a child, while curses reads a. */
static void
split(int fd, const char *a, const char *b, long ms)
{
	pid_t	pid;

	type(fd, a, 0);
	if ((pid = fork()) == 0) {
		type(fd, "", ms);
		_exit(write(fd, b, strlen(b)) == (ssize_t)strlen(b) ? 0 : 1);
	}
	assert_true(pid > 0);
}

/* Reap the writer split started. */
static void
split_done(void)
{
	int	st;

	assert_true(wait(&st) > 0);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/*
 * The answers come on stdin among the user's keys: curses (xterm's keys,
 * the answers defined by ui_link_keys) reads from a pty. Keys before,
 * between and after answers are kept, in order; an answer split across
 * reads is joined; a key like an answer (Shift-F3, ESC [ 1 ; 2 R) is not
 * taken for one; a lone Escape still comes.
 */
static void
test_keys(void **state)
{
	int		 m, sl = -1, k[8];
	FILE		*in, *out;
	SCREEN		*sc;

	(void)state;
	if ((m = posix_openpt(O_RDWR | O_NOCTTY)) < 0 || grantpt(m) != 0 ||
	    unlockpt(m) != 0 || (sl = open(ptsname(m), O_RDWR)) < 0)
		skip();
	assert_non_null(in = fdopen(sl, "r"));
	/* Its modes are set on the output's descriptor: the pty too. */
	assert_non_null(out = fdopen(dup(sl), "w"));
	if ((sc = newterm("xterm", out, in)) == NULL)
		skip();
	set_term(sc);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(UI_LINK_SPLIT_MS);		/* a question out */
	ui_link_keys();

	type(m, "a\033[0nb", 0);
	assert_int_equal(read_keys(k, 3), 3);
	assert_int_equal(k[0], 'a');
	assert_int_equal(k[1], UI_KEY_LINK);
	assert_int_equal(k[2], 'b');

	type(m, "q\033[2;1Rj\033[0n:\033[3;1R", 0);
	assert_int_equal(read_keys(k, 5), 5);
	assert_int_equal(k[0], 'q');
	assert_int_equal(k[1], UI_KEY_LINK + 2);
	assert_int_equal(k[2], 'j');
	assert_int_equal(k[3], UI_KEY_LINK);
	assert_int_equal(k[4], ':');
	assert_int_equal(read_keys(k, 1), 1);
	assert_int_equal(k[0], UI_KEY_LINK + 3);

	/* Split across reads: curses reads the start, the rest comes while
	 * it waits (the escape delay) for it. */
	split(m, "x\033[", "1;1Ry", 50);
	assert_int_equal(read_keys(k, 3), 3);
	assert_int_equal(k[0], 'x');
	assert_int_equal(k[1], UI_KEY_LINK + 1);
	assert_int_equal(k[2], 'y');
	split_done();
	split(m, "\033", "[0nz", 80);
	assert_int_equal(read_keys(k, 2), 2);
	assert_int_equal(k[0], UI_KEY_LINK);
	assert_int_equal(k[1], 'z');
	split_done();

	/* Shift-F3 is a key, not an answer; Escape alone is Escape. */
	type(m, "\033[1;2R", 0);
	assert_int_equal(read_keys(k, 1), 1);
	assert_false(UI_KEY_IS_LINK(k[0]));
	type(m, "\033", 0);
	assert_int_equal(read_keys(k, 1), 1);
	assert_int_equal(k[0], 27);

	endwin();
	delscreen(sc);
	fclose(in);
	fclose(out);
	close(m);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_spell),
		cmocka_unit_test(test_wait),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_urgent),
		cmocka_unit_test(test_keys),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
