/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-rules.c: evaluating alert rules. Scripts of (time, value) steps with
 * the change expected at each, per kind; holds, the timer, flapping, the
 * window (building the rules: test-rules-build.c).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "core/flow.h"
#include "core/rules.h"
#include "unit-fixtures.h"

#define END	UINT32_MAX		/* ends a script */
#define NONE	0			/* no change expected */
#define FIRE	RULES_FIRE
#define UPD	RULES_UPDATE
#define CLR	RULES_CLEAR

/* One observation and the change it should make. */
struct rules_step {
	uint32_t	t_s;
	double		v;
	int		change;
};

/* One rule on its own, fed a script. */
struct rules_script {
	const char		*name;
	enum fohp_rule_kind	 kind;
	int			 below;
	double			 threshold;
	double			 clear;
	uint32_t		 for_ms;
	uint32_t		 window_ms;
	double			 horizon_s;
	struct rules_step	 steps[32];
};

static const struct rules_script rules_scripts[] = {
	/* Over 5 from t = 0: held 10 s at t = 10, not before. */
	{ "fires only after 10 s held", FOHP_RK_THRESHOLD, 0, 5.0, 4.5,
	    10 * SEC, 0, 0,
	    { { 0, 5.1, NONE }, { 5, 5.2, NONE }, { 9, 5.3, NONE },
	      { 10, 5.3, FIRE }, { 11, 5.4, UPD }, { 12, 4.4, CLR },
	      { 13, 4.0, NONE }, { END, 0, 0 } } },
	/* The dip at 6 s restarts the hold at 7 s: fires at 17, not 10. */
	{ "a dip resets the hold", FOHP_RK_THRESHOLD, 0, 5.0, 4.5,
	    10 * SEC, 0, 0,
	    { { 0, 5.1, NONE }, { 5, 5.1, NONE }, { 6, 4.9, NONE },
	      { 7, 5.1, NONE }, { 16, 5.1, NONE }, { 17, 5.1, FIRE },
	      { END, 0, 0 } } },
	/* "Above" is strict: 5.00 is not over 5. */
	{ "at the threshold is not over it", FOHP_RK_THRESHOLD, 0, 5.0, 4.5,
	    0, 0, 0,
	    { { 0, 5.0, NONE }, { 1, 5.01, FIRE }, { 2, 5.0, UPD },
	      { END, 0, 0 } } },
	/*
	 * Hovering 5.1, 4.9, 5.1, ...: fires once, and 4.9 (under 5 but
	 * not under the clear level 4.5) never clears; 4.5 itself does not,
	 * 4.49 does. Then it may fire again.
	 */
	{ "hovering fires once, no flapping", FOHP_RK_THRESHOLD, 0, 5.0, 4.5,
	    0, 0, 0,
	    { { 0, 5.1, FIRE }, { 1, 4.9, UPD }, { 2, 5.1, UPD },
	      { 3, 4.9, UPD }, { 4, 5.1, UPD }, { 5, 4.9, UPD },
	      { 6, 5.1, UPD }, { 7, 4.6, UPD }, { 8, 4.5, UPD },
	      { 9, 4.49, CLR }, { 10, 4.9, NONE }, { 11, 5.1, FIRE },
	      { END, 0, 0 } } },
	/* The same with the 10 s hold of a critical density rule. */
	{ "hovering after a 10 s hold", FOHP_RK_THRESHOLD, 0, 5.0, 4.5,
	    10 * SEC, 0, 0,
	    { { 0, 5.1, NONE }, { 5, 5.1, NONE }, { 10, 5.1, FIRE },
	      { 11, 4.9, UPD }, { 12, 5.1, UPD }, { 13, 4.9, UPD },
	      { 14, 5.1, UPD }, { 15, 4.9, UPD }, { 16, 5.1, UPD },
	      { 17, 4.5, UPD }, { 18, 4.4, CLR }, { 19, 5.1, NONE },
	      { 28, 5.1, NONE }, { 29, 5.1, FIRE }, { END, 0, 0 } } },
	/* Below 1.0 fires; clears only over 1.1. */
	{ "below: under fires, over clear clears", FOHP_RK_THRESHOLD, 1, 1.0,
	    1.1, 0, 0, 0,
	    { { 0, 1.5, NONE }, { 1, 1.0, NONE }, { 2, 0.9, FIRE },
	      { 3, 1.05, UPD }, { 4, 1.1, UPD }, { 5, 1.2, CLR },
	      { END, 0, 0 } } },
	{ "below with a 5 s hold", FOHP_RK_THRESHOLD, 1, 1.0, 1.1,
	    5 * SEC, 0, 0,
	    { { 0, 0.5, NONE }, { 4, 0.5, NONE }, { 5, 0.5, FIRE },
	      { 6, 1.2, CLR }, { END, 0, 0 } } },
	/*
	 * Rate over 1/min in a 60 s window, clearing under 0.9. Flat at 2
	 * to 60 s, +0.5 every 10 s to 5 at 120 s, then flat. x = minutes
	 * before the latest, 7 samples x - mx = -1/2, -1/3, ... 1/2,
	 * Sxx = 2 (1/4 + 1/9 + 1/36) = 7/9; slope = Sum (x - mx) (y - 2) / Sxx:
	 *  70 s: (1/2)(0.5) / (7/9) = 0.32
	 *  80 s: ((1/3)(0.5) + (1/2)(1)) / (7/9) = 0.86
	 *  90 s: ((1/6)(0.5) + (1/3)(1) + (1/2)(1.5)) / (7/9) = 1.5: fire
	 * 160 s: the mirror of 80 s, 0.86 < 0.9: clear.
	 */
	{ "rate over 1/min", FOHP_RK_RATE, 0, 1.0, 0.9, 0, MIN, 0,
	    { { 0, 2, NONE }, { 10, 2, NONE }, { 20, 2, NONE },
	      { 30, 2, NONE }, { 40, 2, NONE }, { 50, 2, NONE },
	      { 60, 2, NONE }, { 70, 2.5, NONE }, { 80, 3, NONE },
	      { 90, 3.5, FIRE }, { 100, 4, UPD }, { 110, 4.5, UPD },
	      { 120, 5, UPD }, { 130, 5, UPD }, { 140, 5, UPD },
	      { 150, 5, UPD }, { 160, 5, CLR }, { 170, 5, NONE },
	      { END, 0, 0 } } },
	/*
	 * Forecast of 30 within 10 min over a 5 min window, one value a
	 * minute rising 1 a minute: eta = (30 - k) min, within 10 from
	 * k = 20 (beyond before; pending until 6 samples at k = 5). A drop
	 * to 10 at 23 turns the slope negative: clears.
	 */
	{ "forecast 1/min toward 30", FOHP_RK_FORECAST, 0, 30, 0, 0,
	    5 * MIN, 600,
	    { { 0, 0, NONE }, { 60, 1, NONE }, { 120, 2, NONE },
	      { 180, 3, NONE }, { 240, 4, NONE }, { 300, 5, NONE },
	      { 600, 10, NONE }, { 660, 11, NONE }, { 720, 12, NONE },
	      { 780, 13, NONE }, { 840, 14, NONE }, { 900, 15, NONE },
	      { 960, 16, NONE }, { 1020, 17, NONE }, { 1080, 18, NONE },
	      { 1140, 19, NONE }, { 1200, 20, FIRE }, { 1260, 21, UPD },
	      { 1320, 22, UPD }, { 1380, 10, CLR }, { 1440, 10, NONE },
	      { END, 0, 0 } } },
	/* Status at or past error (2), no upper bound, no hold. */
	{ "status error or worse", FOHP_RK_STATUS, 0, FOHP_ST_ERROR, 0, 0, 0,
	    0,
	    { { 0, FOHP_ST_OK, NONE }, { 1, FOHP_ST_ERROR, FIRE },
	      { 2, FOHP_ST_OFFLINE, UPD }, { 3, FOHP_ST_WARNING, CLR },
	      { 4, FOHP_ST_ERROR, FIRE }, { 5, FOHP_ST_OK, CLR },
	      { END, 0, 0 } } },
	/* Status warning only: clear = error is the upper bound. */
	{ "status warning only", FOHP_RK_STATUS, 0, FOHP_ST_WARNING,
	    FOHP_ST_ERROR, 0, 0, 0,
	    { { 0, FOHP_ST_WARNING, FIRE }, { 1, FOHP_ST_ERROR, CLR },
	      { 2, FOHP_ST_WARNING, FIRE }, { 3, FOHP_ST_OK, CLR },
	      { END, 0, 0 } } },
	/* Remaining life under 24 h; clears at 24 * 1.1 = 26.4. */
	{ "rul floor", FOHP_RK_RUL, 0, 24, 26.4, 0, 0, 0,
	    { { 0, 30, NONE }, { 1, 24, NONE }, { 2, 23.5, FIRE },
	      { 3, 25, UPD }, { 4, 26.3, UPD }, { 5, 26.4, CLR },
	      { 6, 23, FIRE }, { END, 0, 0 } } },
	/* PSI at or over 0.25 (major); clears under 0.225. */
	{ "drift major", FOHP_RK_DRIFT, 0, 0.25, 0.225, 0, 0, 0,
	    { { 0, 0.1, NONE }, { 1, 0.25, FIRE }, { 2, 0.23, UPD },
	      { 3, 0.225, UPD }, { 4, 0.2, CLR }, { 5, 0.3, FIRE },
	      { END, 0, 0 } } },
};


/* Every script makes its changes, one step at a time. */
static void
test_rules_scripts(void **state)
{
	size_t	i, j;

	(void)state;
	for (i = 0; i < sizeof rules_scripts / sizeof rules_scripts[0]; i++) {
		const struct rules_script	*c = &rules_scripts[i];
		struct rule			*r;
		struct rules			 rs;
		struct rules_eval		 ev[4];
		unsigned			 n;
		int				 got;

		r = unit_rule(&rs, c->kind, c->threshold, c->clear, c->for_ms);
		r->below = c->below;
		r->window_ms = c->window_ms;
		r->horizon_s = c->horizon_s;
		r->min_r2 = 0.6;

		for (j = 0; c->steps[j].t_s != END; j++) {
			const struct rules_step	*s = &c->steps[j];

			n = rules_observe(&rs, RULES_ZONE, "floor", "density",
			    s->v, T0 + s->t_s * 1000ULL, ev, 4);
			got = n == 0 ? NONE : (int)ev[0].change;
			if (n > 1 || got != s->change)
				fail_msg("%s: at %u s (%g): %s, want %s",
				    c->name, s->t_s, s->v,
				    unit_change_name(got),
				    unit_change_name(s->change));
			if (n == 1) {
				assert_ptr_equal(ev[0].rule, r);
				if (c->kind != FOHP_RK_RATE)
					assert_true(ev[0].value == s->v);
				assert_true(ev[0].threshold == c->threshold);
				assert_true(ev[0].margin ==
				    ev[0].value - c->threshold);
				assert_int_equal(ev[0].has_fc,
				    c->kind == FOHP_RK_FORECAST);
			}
		}
		free(r);
	}
}

/* One step of a timed script: an observation, or the timer at t_ms. */
struct rules_tstep {
	int		tick;		/* 1: rules_tick; 0: rules_observe */
	uint32_t	t_ms;
	double		v;
	int		change;
};

/* A threshold rule over 5 (clears under 4.5) held for_ms, and its steps. */
static const struct {
	const char		*name;
	uint32_t		 for_ms;
	struct rules_tstep	 steps[12];
} rules_tick_scripts[] = {
	/* The case: one reading at 6.0, then silence. */
	{ "one reading then silence fires at 10 s", 10 * SEC,
	    { { 0, 0, 6.0, NONE }, { 1, 250, 0, NONE }, { 1, 9999, 0, NONE },
	      { 1, 10000, 0, FIRE }, { 1, 10250, 0, NONE },
	      { 1, 20000, 0, NONE }, { 0, 21000, 4.4, CLR },
	      { 1, 40000, 0, NONE }, { 1, END, 0, 0 } } },
	/* A dip resets the hold: the timer does not fire on the old one. */
	{ "a dip before the hold ends", 10 * SEC,
	    { { 0, 0, 6.0, NONE }, { 1, 5000, 0, NONE }, { 0, 6000, 4.9, NONE },
	      { 1, 15000, 0, NONE }, { 0, 16000, 6.0, NONE },
	      { 1, 25999, 0, NONE }, { 1, 26000, 0, FIRE },
	      { 1, END, 0, 0 } } },
	/* Under the threshold: nothing holds, the timer fires nothing. */
	{ "under the line", 10 * SEC,
	    { { 0, 0, 4.9, NONE }, { 1, 60000, 0, NONE }, { 1, END, 0, 0 } } },
	/* The clock went back 25 s: the hold counts from the tick that
	 * sees it, not from the reading's time in the "future". */
	{ "clock went back", 10 * SEC,
	    { { 0, 30000, 6.0, NONE }, { 1, 5000, 0, NONE },
	      { 1, 14999, 0, NONE }, { 1, 15000, 0, FIRE },
	      { 1, END, 0, 0 } } },
	/* No hold time: the reading itself fires; the timer adds nothing. */
	{ "no hold", 0,
	    { { 0, 0, 6.0, FIRE }, { 1, 1000, 0, NONE }, { 0, 2000, 6.1, UPD },
	      { 1, END, 0, 0 } } },
	/* A reading that also ends the hold fires once, not again. */
	{ "a reading after the hold fires once", 10 * SEC,
	    { { 0, 0, 6.0, NONE }, { 0, 12000, 6.0, FIRE },
	      { 1, 12001, 0, NONE }, { 1, END, 0, 0 } } },
};

/*
 * One step of a timed script: the timer, or a reading of the floor's
 * density, at T0 + t_ms into ev (room for 4); fails unless the first
 * change is want and there is no second. Returns how many there were.
 */
static unsigned
test_rules_step(struct rules *rs, const char *name, int tick, uint32_t t_ms,
    double v, int want, struct rules_eval *ev)
{
	unsigned	n;
	int		got;

	if (tick)
		n = rules_tick(rs, T0 + t_ms, ev, 4);
	else
		n = rules_observe(rs, RULES_ZONE, "floor", "density", v,
		    T0 + t_ms, ev, 4);
	got = n == 0 ? NONE : (int)ev[0].change;
	if (n > 1 || got != want)
		fail_msg("%s: %s at %u ms: %s, want %s", name,
		    tick ? "tick" : "reading", t_ms, unit_change_name(got),
		    unit_change_name(want));
	return (n);
}

/* Time moves alerts: rules_tick fires a hold that ran out in silence. */
static void
test_rules_tick(void **state)
{
	size_t	i, j;

	(void)state;
	for (i = 0; i < sizeof rules_tick_scripts /
	    sizeof rules_tick_scripts[0]; i++) {
		struct rules		 rs;
		struct rule		*r = unit_rule(&rs, FOHP_RK_THRESHOLD,
					     5.0, 4.5,
					     rules_tick_scripts[i].for_ms);
		struct rules_eval	 ev[4];
		unsigned		 n;

		for (j = 0; rules_tick_scripts[i].steps[j].t_ms != END; j++) {
			const struct rules_tstep *st =
			    &rules_tick_scripts[i].steps[j];

			n = test_rules_step(&rs, rules_tick_scripts[i].name,
			    st->tick, st->t_ms, st->v, st->change, ev);
			if (st->tick && n == 1) {
				assert_true(ev[0].value == 6.0);
				assert_int_equal(ev[0].held_ms, st->t_ms -
				    (i == 3 ? 5000 : i == 1 ? 16000 : 0));
			}
		}
		free(r);
	}
}

/* held_ms counts from when the condition started to hold. */
static void
test_rules_held(void **state)
{
	struct rule		*r;
	struct rules		 rs;
	struct rules_eval	 ev;

	(void)state;
	r = unit_rule(&rs, FOHP_RK_THRESHOLD, 5, 4.5, 10 * SEC);
	assert_int_equal(rules_observe(&rs, RULES_ZONE, "floor", "density",
	    6, T0, &ev, 1), 0);
	assert_int_equal(rules_observe(&rs, RULES_ZONE, "floor", "density",
	    6, T0 + 10500, &ev, 1), 1);
	assert_int_equal(ev.change, RULES_FIRE);
	assert_int_equal(ev.held_ms, 10500);
	assert_true(ev.margin == 1.0);
	assert_int_equal(rules_observe(&rs, RULES_ZONE, "floor", "density",
	    4.8, T0 + 20000, &ev, 1), 1);
	assert_int_equal(ev.change, RULES_UPDATE);
	assert_int_equal(ev.held_ms, 20000);
	/* Other subjects and metrics do not touch it. */
	assert_int_equal(rules_observe(&rs, RULES_ZONE, "pit", "density",
	    1, T0 + 21000, &ev, 1), 0);
	assert_int_equal(rules_observe(&rs, RULES_ZONE, "floor", "count",
	    1, T0 + 21000, &ev, 1), 0);
	assert_int_equal(rules_observe(&rs, RULES_GATE, "floor", "density",
	    1, T0 + 21000, &ev, 1), 0);
	/* Not a number: ignored, still firing. */
	assert_int_equal(rules_observe(&rs, RULES_ZONE, "floor", "density",
	    NAN, T0 + 21000, &ev, 1), 0);
	assert_int_equal(rules_observe(&rs, RULES_ZONE, "floor", "density",
	    4, T0 + 22000, &ev, 1), 1);
	assert_int_equal(ev.change, RULES_CLEAR);
	assert_int_equal(r->firing, 0);
	free(r);
}


/* One step of a flap script: a reading, or the timer; what it reports. */
struct rules_fstep {
	int		tick;		/* 1: rules_tick; 0: rules_observe */
	uint32_t	t_ms;
	double		v;
	int		change;		/* NONE, FIRE, UPD, CLR, FLAP, SETL */
	int		flaps;		/* ev.flaps; -1: not checked */
	int		holds;		/* ev.holds; -1: not checked */
};

#define FLAP	RULES_FLAP
#define SETL	RULES_SETTLE
#define S(x)	((x) * SEC)

/*
 * A threshold rule over 5 (clears under 4.5), each script with its flap
 * limit, window and hold, and the change each step must report. Unless a
 * script says, flapping at 4 transitions within 10 min.
 */
static const struct {
	const char		*name;
	uint8_t			 transitions;
	uint32_t		 window_ms;
	uint32_t		 for_ms;
	struct rules_fstep	 steps[24];
} rules_flap_scripts[] = {
	{ "flaps at the 4th transition, settles firing", 4, 10 * MIN, 0,
	    { { 0, S(0), 6, FIRE, 1, 1 }, { 0, S(60), 4, CLR, 2, 0 },
	      { 0, S(120), 6, FIRE, 3, 1 },
	      /* The 4th: a clear no longer resolves. */
	      { 0, S(180), 4, FLAP, 4, 0 },
	      /* Off, flapping: the held alert follows the value. */
	      { 0, S(200), 4.2, FLAP, 4, 0 },
	      /* A fire opens nothing new; nor does the next clear. */
	      { 0, S(240), 6, FLAP, 5, 1 }, { 0, S(300), 7, FLAP, 5, 1 },
	      { 0, S(360), 4, FLAP, 6, 0 }, { 0, S(420), 6, FLAP, 7, 1 },
	      { 1, S(421), 0, NONE, -1, -1 },
	      /* Steady on: at 959 s two transitions (360, 420) are in the
	       * window, at 960 s the one at 360 s is exactly 10 min old
	       * and out: 1 < 4 / 2, settles firing. */
	      { 0, S(900), 6.5, FLAP, 2, 1 }, { 1, S(959), 0, NONE, -1, -1 },
	      { 1, S(960), 0, SETL, 1, 1 }, { 1, S(961), 0, NONE, -1, -1 },
	      { 0, S(970), 6, UPD, 1, 1 }, { 0, S(980), 4, CLR, 2, 0 },
	      { 1, END, 0, 0, 0, 0 } } },
	{ "flaps, then steady off resolves", 4, 10 * MIN, 0,
	    { { 0, S(0), 6, FIRE, 1, 1 }, { 0, S(60), 4, CLR, 2, 0 },
	      { 0, S(120), 6, FIRE, 3, 1 }, { 0, S(180), 4, FLAP, 4, 0 },
	      { 0, S(240), 6, FLAP, 5, 1 }, { 0, S(300), 4, FLAP, 6, 0 },
	      { 0, S(400), 4, FLAP, 6, 0 },
	      /* 240 s and 300 s are in the window until 840 s. */
	      { 1, S(839), 0, NONE, -1, -1 }, { 1, S(840), 0, CLR, 1, 0 },
	      { 0, S(850), 4, NONE, -1, -1 },
	      /* A new fire after it settled is a new alert. */
	      { 0, S(860), 6, FIRE, 2, 1 },
	      { 1, END, 0, 0, 0, 0 } } },
	{ "flap_transitions 0 never flaps", 0, 10 * MIN, 0,
	    { { 0, S(0), 6, FIRE, 1, 1 }, { 0, S(1), 4, CLR, 2, 0 },
	      { 0, S(2), 6, FIRE, 3, 1 }, { 0, S(3), 4, CLR, 4, 0 },
	      { 0, S(4), 6, FIRE, 5, 1 }, { 0, S(5), 4, CLR, 6, 0 },
	      { 0, S(6), 6, FIRE, 7, 1 }, { 1, S(7), 0, NONE, -1, -1 },
	      { 0, S(8), 4, CLR, 8, 0 }, { 1, S(9), 0, NONE, -1, -1 },
	      { 1, END, 0, 0, 0, 0 } } },
	{ "a transition exactly one window old does not count", 4, 10 * MIN,
	    0,
	    { { 0, S(0), 6, FIRE, 1, 1 }, { 0, S(1), 4, CLR, 2, 0 },
	      { 0, S(2), 6, FIRE, 3, 1 },
	      /* At 600 s the fire at 0 s is out: 3 transitions. */
	      { 0, S(600), 4, CLR, 3, 0 },
	      /* At 601 s: 1, 2, 600, 601: flapping, from a fire (the
	       * agent opens one alert for it). */
	      { 0, S(601) - 1, 6, FLAP, 4, 1 },
	      { 1, END, 0, 0, 0, 0 } } },
	{ "a transition 1 ms inside the window counts", 4, 10 * MIN, 0,
	    { { 0, S(0), 6, FIRE, 1, 1 }, { 0, S(1), 4, CLR, 2, 0 },
	      { 0, S(2), 6, FIRE, 3, 1 },
	      { 0, S(600) - 1, 4, FLAP, 4, 0 },
	      { 1, END, 0, 0, 0, 0 } } },
	{ "a rule's own limit: 2 within 1 min", 2, MIN, 0,
	    { { 0, S(0), 6, FIRE, 1, 1 }, { 0, S(10), 4, FLAP, 2, 0 },
	      /* 1 transition is not fewer than 2 / 2: still flapping. */
	      { 1, S(60), 0, NONE, -1, -1 }, { 1, S(70) - 1, 0, NONE, -1, -1 },
	      { 1, S(70), 0, CLR, 0, 0 },
	      { 0, S(80), 6, FIRE, 1, 1 },
	      { 1, END, 0, 0, 0, 0 } } },
	{ "a hold that runs out on the timer is a transition", 3, 10 * MIN,
	    10 * SEC,
	    { { 0, S(0), 6, NONE, -1, -1 }, { 1, S(10), 0, FIRE, 1, 1 },
	      { 0, S(20), 4, CLR, 2, 0 }, { 0, S(30), 6, NONE, -1, -1 },
	      /* The hold is still needed to count a fire: 3rd at 40 s. */
	      { 1, S(39), 0, NONE, -1, -1 }, { 1, S(40), 0, FLAP, 3, 1 },
	      { 1, END, 0, 0, 0, 0 } } },
};


/* Flapping enters and leaves as the table says, and every eval counts. */
static void
test_rules_flap(void **state)
{
	size_t	i, j;

	(void)state;
	for (i = 0; i < sizeof rules_flap_scripts /
	    sizeof rules_flap_scripts[0]; i++) {
		struct rules		 rs;
		struct rule		*r = unit_rule(&rs, FOHP_RK_THRESHOLD,
					     5.0, 4.5,
					     rules_flap_scripts[i].for_ms);
		struct rules_eval	 ev[4];
		unsigned		 n;

		r->flap_transitions = rules_flap_scripts[i].transitions;
		r->flap_window_ms = rules_flap_scripts[i].window_ms;
		for (j = 0; rules_flap_scripts[i].steps[j].t_ms != END; j++) {
			const struct rules_fstep *st =
			    &rules_flap_scripts[i].steps[j];

			n = test_rules_step(&rs, rules_flap_scripts[i].name,
			    st->tick, st->t_ms, st->v, st->change, ev);
			if (n == 0)
				continue;
			if (st->flaps >= 0 && ev[0].flaps != st->flaps)
				fail_msg("%s: at %u ms: flaps %u, want %d",
				    rules_flap_scripts[i].name, st->t_ms,
				    ev[0].flaps, st->flaps);
			if (st->holds >= 0 && ev[0].rule->firing != st->holds)
				fail_msg("%s: at %u ms: holds %d, want %d",
				    rules_flap_scripts[i].name, st->t_ms,
				    ev[0].rule->firing, st->holds);
			assert_int_equal(r->flapping,
			    ev[0].change == RULES_FLAP ? 1 : 0);
			if (!st->tick && (int)ev[0].change != NONE)
				assert_true(ev[0].value == st->v);
		}
		free(r);
	}
}

/* Flap limits: built-in, [rules], then a [rule]'s own. */
static void
test_rules_flap_conf(void **state)
{
	struct vconf		*c = unit_venue();
	struct vconf_rule	*cr;
	struct rules		 rs;
	struct rule		*r;
	char			 err[256] = "";

	(void)state;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	r = unit_find(&rs, "density-critical", "floor");
	assert_int_equal(r->flap_transitions, 4);
	assert_int_equal(r->flap_window_ms, 10 * MIN);
	rules_free(&rs);

	c->has_flap_transitions = 1;
	c->flap_transitions = 0;
	c->flap_window_ms = 5 * MIN;
	cr = &c->rules[c->nrules++];
	memset(cr, 0, sizeof *cr);
	strcpy(cr->id, "busy");
	strcpy(cr->kind, "threshold");
	strcpy(cr->target, "zone");
	strcpy(cr->subject, "*");
	strcpy(cr->metric, "density");
	cr->threshold = 3;
	cr->has_flap_transitions = 1;
	cr->flap_transitions = 6;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	/* The defaults take [rules]. */
	r = unit_find(&rs, "drift-warning", "heads");
	assert_int_equal(r->flap_transitions, 0);
	assert_int_equal(r->flap_window_ms, 5 * MIN);
	/* The [rule] its own count, [rules]' window. */
	r = unit_find(&rs, "busy", "pit");
	assert_int_equal(r->flap_transitions, 6);
	assert_int_equal(r->flap_window_ms, 5 * MIN);
	rules_free(&rs);
	cr->flap_window_ms = 30 * SEC;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	r = unit_find(&rs, "busy", "floor");
	assert_int_equal(r->flap_window_ms, 30 * SEC);
	rules_free(&rs);
}

/* A reload keeps a flap going; a restart restores one as of now. */
static void
test_rules_flap_carry(void **state)
{
	struct rules		 a, b;
	struct rules_eval	 ev[8];
	struct rule		*r;
	char			 err[256] = "";
	unsigned		 k, n;

	(void)state;
	assert_int_equal(rules_build(&a, unit_venue(), err, sizeof err), 0);
	/* Fire (its hold is 10 s), clear, fire, clear the critical on the
	 * floor (over 4.2): readings every 10 s. */
	for (k = 0; k < 6; k++)
		(void)rules_observe(&a, RULES_ZONE, "floor", "density",
		    k % 3 == 2 ? 1.0 : 6.0, T0 + k * 10 * SEC, ev, 8);
	r = unit_find(&a, "density-critical", "floor");
	assert_int_equal(r->flapping, 1);
	assert_int_equal(rules_flaps(r, T0 + 60 * SEC), 4);

	assert_int_equal(rules_build(&b, unit_venue(), err, sizeof err), 0);
	rules_carry(&b, &a);
	r = unit_find(&b, "density-critical", "floor");
	assert_int_equal(r->flapping, 1);
	assert_int_equal(r->firing, 0);
	assert_int_equal(rules_flaps(r, T0 + 60 * SEC), 4);
	assert_int_equal(unit_find(&b, "density-warning", "floor")->flapping,
	    0);
	/* Still one alert: the next fire is a flap, not a new alert. */
	(void)rules_observe(&b, RULES_ZONE, "floor", "density", 6.0,
	    T0 + 60 * SEC, ev, 8);
	n = rules_observe(&b, RULES_ZONE, "floor", "density", 6.0,
	    T0 + 70 * SEC, ev, 8);
	for (k = 0; k < n && ev[k].rule != r; k++)
		;
	assert_true(k < n);
	assert_int_equal(ev[k].change, RULES_FLAP);
	assert_int_equal(ev[k].flaps, 5);
	rules_free(&a);

	/* Restored with flaps 5: flapping until a window from now. */
	r = unit_find(&b, "density-warning", "pit");
	rules_flap_restore(r, 5, T0);
	assert_int_equal(r->flapping, 1);
	assert_int_equal(rules_flaps(r, T0 + 10 * MIN - 1), 5);
	assert_int_equal(rules_flaps(r, T0 + 10 * MIN), 0);
	rules_flap_restore(r, 0, T0);
	assert_int_equal(r->flapping, 0);

	/* Reloaded with flap_transitions = 0: the next tick settles it. */
	r = unit_find(&b, "density-critical", "floor");
	r->flap_transitions = 0;
	n = rules_tick(&b, T0 + 71 * SEC, ev, 8);
	for (k = 0; k < n && ev[k].rule != r; k++)
		;
	assert_true(k < n);
	assert_int_equal(ev[k].change, RULES_SETTLE);
	assert_int_equal(r->flapping, 0);
	rules_free(&b);
}

/* The window is the last 60 values, oldest first, with their spacing. */
static void
test_rules_window(void **state)
{
	struct rules		 rs;
	struct rules_eval	 ev[8];
	struct rule		*r;
	char			 err[256] = "";
	float			 w[FOHP_WINDOW_MAX];
	uint8_t			 n;
	uint32_t		 step;
	unsigned		 t;

	(void)state;
	assert_int_equal(rules_build(&rs, unit_venue(), err, sizeof err), 0);
	r = unit_find(&rs, "density-critical", "pit");
	rules_window(r, w, &n, &step);
	assert_int_equal(n, 0);
	assert_int_equal(step, 0);
	for (t = 0; t < 70; t++)
		rules_observe(&rs, RULES_ZONE, "pit", "density", t * 0.01,
		    T0 + t * 2000ULL, ev, 8);
	rules_window(r, w, &n, &step);
	assert_int_equal(n, 60);
	assert_int_equal(step, 2000);
	assert_true(fabsf(w[0] - 0.10f) < 1e-6f);	/* t = 10 */
	assert_true(fabsf(w[59] - 0.69f) < 1e-6f);	/* t = 69 */
	/*
	 * The forecast rule's series is spaced 5 min / 60 = 5 s: with a
	 * reading every 2 s the newest is replaced until it is 5 s or more
	 * after the one before, so 0, 6, 12, ... 138 s are kept: 24.
	 */
	r = unit_find(&rs, "density-forecast", "pit");
	rules_window(r, w, &n, &step);
	assert_int_equal(n, 24);
	assert_int_equal(step, 6000);
	assert_true(fabsf(w[1] - 0.03f) < 1e-6f);	/* t = 6 s */
	assert_true(fabsf(w[n - 1] - 0.69f) < 1e-6f);	/* newest kept */
	rules_free(&rs);
}

/* When out is full, a change waits for the next observation. */
static void
test_rules_out_full(void **state)
{
	struct rules		 rs;
	struct rules_eval	 ev[8];
	char			 err[256] = "";
	struct vconf		*c = unit_venue();

	(void)state;
	c->has_drift_hold = 1;		/* fire at once */
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.3, T0, ev, 1), 1);
	assert_string_equal(ev[0].rule->id, "drift-warning");
	assert_int_equal(ev[0].change, RULES_FIRE);
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.3, T0 + 1000, ev, 8), 2);
	assert_int_equal(ev[0].change, RULES_UPDATE);
	assert_string_equal(ev[1].rule->id, "drift-critical");
	assert_int_equal(ev[1].change, RULES_FIRE);
	rules_free(&rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_scripts),
		cmocka_unit_test(test_rules_held),
		cmocka_unit_test(test_rules_tick),
		cmocka_unit_test(test_rules_flap),
		cmocka_unit_test(test_rules_flap_conf),
		cmocka_unit_test(test_rules_flap_carry),
		cmocka_unit_test(test_rules_window),
		cmocka_unit_test(test_rules_out_full),
	};

	return (cmocka_run_group_tests_name("rules", tests, NULL, NULL));
}
