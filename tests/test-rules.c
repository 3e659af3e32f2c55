/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-rules.c: alert rules. Scripts of (time, value) steps with the change
 * expected at each, per kind; the defaults built for a small venue; "*"
 * expansion and the errors of rules_build.
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

#define SEC	1000U
#define MIN	60000U
#define T0	1700000000000ULL	/* a wall clock, Unix ms */
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

static const char *
rules_change_name(int change)
{
	switch (change) {
	case RULES_FIRE:
		return ("fire");
	case RULES_UPDATE:
		return ("update");
	case RULES_CLEAR:
		return ("clear");
	}
	return ("-");
}

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

		r = calloc(1, sizeof *r);
		assert_non_null(r);
		rs.n = 1;
		rs.r = r;
		strcpy(r->id, "test");
		strcpy(r->subject, "floor");
		strcpy(r->metric, "density");
		r->target = RULES_ZONE;
		r->kind = c->kind;
		r->below = c->below;
		r->threshold = c->threshold;
		r->clear = c->clear;
		r->for_ms = c->for_ms;
		r->window_ms = c->window_ms;
		r->horizon_s = c->horizon_s;
		r->min_r2 = 0.6;
		forecast_init(&r->series);

		for (j = 0; c->steps[j].t_s != END; j++) {
			const struct rules_step	*s = &c->steps[j];

			n = rules_observe(&rs, RULES_ZONE, "floor", "density",
			    s->v, T0 + s->t_s * 1000ULL, ev, 4);
			got = n == 0 ? NONE : (int)ev[0].change;
			if (n > 1 || got != s->change)
				fail_msg("%s: at %u s (%g): %s, want %s",
				    c->name, s->t_s, s->v,
				    rules_change_name(got),
				    rules_change_name(s->change));
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

/* Time moves alerts: rules_tick fires a hold that ran out in silence. */
static void
test_rules_tick(void **state)
{
	size_t	i, j;

	(void)state;
	for (i = 0; i < sizeof rules_tick_scripts /
	    sizeof rules_tick_scripts[0]; i++) {
		struct rule		*r = calloc(1, sizeof *r);
		struct rules		 rs;
		struct rules_eval	 ev[4];
		unsigned		 n;
		int			 got;

		assert_non_null(r);
		rs.n = 1;
		rs.r = r;
		strcpy(r->id, "test");
		strcpy(r->subject, "floor");
		strcpy(r->metric, "density");
		r->target = RULES_ZONE;
		r->kind = FOHP_RK_THRESHOLD;
		r->threshold = 5.0;
		r->clear = 4.5;
		r->for_ms = rules_tick_scripts[i].for_ms;
		forecast_init(&r->series);
		for (j = 0; rules_tick_scripts[i].steps[j].t_ms != END; j++) {
			const struct rules_tstep *st =
			    &rules_tick_scripts[i].steps[j];

			if (st->tick)
				n = rules_tick(&rs, T0 + st->t_ms, ev, 4);
			else
				n = rules_observe(&rs, RULES_ZONE, "floor",
				    "density", st->v, T0 + st->t_ms, ev, 4);
			got = n == 0 ? NONE : (int)ev[0].change;
			if (n > 1 || got != st->change)
				fail_msg("%s: %s at %u ms: %s, want %s",
				    rules_tick_scripts[i].name,
				    st->tick ? "tick" : "reading", st->t_ms,
				    rules_change_name(got),
				    rules_change_name(st->change));
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
	r = calloc(1, sizeof *r);
	assert_non_null(r);
	rs.n = 1;
	rs.r = r;
	strcpy(r->subject, "floor");
	strcpy(r->metric, "density");
	r->kind = FOHP_RK_THRESHOLD;
	r->threshold = 5;
	r->clear = 4.5;
	r->for_ms = 10 * SEC;
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

/*
 * A small venue: a standing floor with its own critical level 4.2, a
 * concourse (walkway), a standing pit and a bar queue; Gate 1 (3 m) feeds
 * the floor, Gate 3 (4.5 m) the floor and the concourse; an amplifier with
 * no wear metric and a projector whose lamp wears to 2000 h; a PSI model.
 */
static struct vconf *
venue(void)
{
	static struct vconf	 c;
	struct fohp_zone_def	*z;

	memset(&c, 0, sizeof c);
	strcpy(c.id, "arena");
	c.layout.nzones = 4;
	z = c.layout.zones;
	strcpy(z[0].id, "floor");
	strcpy(z[0].name, "Floor");
	z[0].kind = FOHP_ZK_STANDING;
	z[0].area_m2 = 1200;
	strcpy(z[1].id, "concourse");
	strcpy(z[1].name, "Concourse");
	z[1].kind = FOHP_ZK_WALKWAY;
	z[1].area_m2 = 400;
	strcpy(z[2].id, "pit");		/* no name: the id stands in */
	z[2].kind = FOHP_ZK_STANDING;
	z[2].area_m2 = 200;
	strcpy(z[3].id, "bar");
	strcpy(z[3].name, "Bar queue");
	z[3].kind = FOHP_ZK_QUEUE;
	z[3].area_m2 = 50;
	c.zone_crit[0] = 4.2;

	c.ngates = 2;
	strcpy(c.gates[0].id, "g1");
	strcpy(c.gates[0].name, "Gate 1");
	c.gates[0].width_m = 3;
	c.gates[0].nzones = 1;
	c.gates[0].zones[0] = 0;
	strcpy(c.gates[1].id, "g3");
	strcpy(c.gates[1].name, "Gate 3");
	c.gates[1].width_m = 4.5;
	c.gates[1].nzones = 2;
	c.gates[1].zones[0] = 1;
	c.gates[1].zones[1] = 0;

	c.ndevices = 2;
	strcpy(c.devices[0].id, "amp1");
	strcpy(c.devices[0].name, "Stage left amp");
	strcpy(c.devices[0].dkind, "amplifier");
	strcpy(c.devices[1].id, "proj1");
	strcpy(c.devices[1].name, "Projector 1");
	strcpy(c.devices[1].dkind, "projector");
	strcpy(c.devices[1].wear, "lamp_hours");
	c.devices[1].wear_limit = 2000;

	c.nmodels = 1;
	strcpy(c.models[0].id, "heads");
	strcpy(c.models[0].name, "Head counter");
	strcpy(c.models[0].method, "psi");
	c.models[0].warn = 0.1;
	c.models[0].crit = 0.25;
	return (&c);
}

/* The rule with this id and subject, or NULL. */
static struct rule *
find(struct rules *rs, const char *id, const char *subject)
{
	unsigned	i;

	for (i = 0; i < rs->n; i++) {
		if (strcmp(rs->r[i].id, id) == 0 &&
		    strcmp(rs->r[i].subject, subject) == 0)
			return (&rs->r[i]);
	}
	return (NULL);
}

/* A default rule expected for one subject. */
struct rules_expect {
	const char		*id;
	const char		*subject;
	enum fohp_rule_kind	 kind;
	const char		*metric;
	double			 threshold;
	double			 clear;		/* NAN: any */
	uint32_t		 for_ms;
	uint32_t		 window_ms;
	double			 horizon_s;
	uint32_t		 escalate_ms;
	enum fohp_severity	 severity;
};

#define CRIT	FOHP_SEV_CRITICAL
#define WARN	FOHP_SEV_WARNING
#define TH	FOHP_RK_THRESHOLD
#define FC	FOHP_RK_FORECAST

static const struct rules_expect rules_expects[] = {
	/* The floor's own 4.2 overrides standing 5.0; clears at 90 %. */
	{ "density-critical", "floor", TH, "density", 4.2, 4.2 * 0.9,
	    10 * SEC, 0, 0, 5 * MIN, CRIT },
	{ "density-warning", "floor", TH, "density", 3.33, 3.33 * 0.9,
	    30 * SEC, 0, 0, 15 * MIN, WARN },
	{ "density-forecast", "floor", FC, "density", 4.2, NAN,
	    0, 5 * MIN, 600, 15 * MIN, WARN },
	/* A walkway: warn past band E (2.17), critical at 4. */
	{ "density-critical", "concourse", TH, "density", 4.0, 3.6,
	    10 * SEC, 0, 0, 5 * MIN, CRIT },
	{ "density-warning", "concourse", TH, "density", 2.17, 2.17 * 0.9,
	    30 * SEC, 0, 0, 15 * MIN, WARN },
	{ "density-forecast", "concourse", FC, "density", 4.0, NAN,
	    0, 5 * MIN, 600, 15 * MIN, WARN },
	{ "density-critical", "pit", TH, "density", 5.0, 4.5,
	    10 * SEC, 0, 0, 5 * MIN, CRIT },
	{ "density-warning", "pit", TH, "density", 3.33, 3.33 * 0.9,
	    30 * SEC, 0, 0, 15 * MIN, WARN },
	{ "density-critical", "bar", TH, "density", 5.0, 4.5,
	    10 * SEC, 0, 0, 5 * MIN, CRIT },
	{ "density-warning", "bar", TH, "density", 3.33, 3.33 * 0.9,
	    30 * SEC, 0, 0, 15 * MIN, WARN },
	/* Gates: Green Guide 82 p/m/min. */
	{ "flow-over-limit", "g1", TH, "flow_pmm", 82, 82 * 0.9,
	    30 * SEC, 0, 0, 15 * MIN, WARN },
	{ "flow-forecast", "g1", FC, "flow_pmm", 82, NAN,
	    0, 15 * MIN, 900, 15 * MIN, WARN },
	{ "flow-over-limit", "g3", TH, "flow_pmm", 82, 82 * 0.9,
	    30 * SEC, 0, 0, 15 * MIN, WARN },
	/* Devices: status bands, remaining life only with a wear limit. */
	{ "device-warning", "amp1", FOHP_RK_STATUS, "status",
	    FOHP_ST_WARNING, FOHP_ST_ERROR, 0, 0, 0, 15 * MIN, WARN },
	{ "device-error", "amp1", FOHP_RK_STATUS, "status",
	    FOHP_ST_ERROR, FOHP_ST_OFFLINE, 0, 0, 0, 5 * MIN, CRIT },
	{ "device-offline", "amp1", FOHP_RK_STATUS, "status",
	    FOHP_ST_OFFLINE, 0, 0, 0, 0, 5 * MIN, CRIT },
	{ "device-offline", "proj1", FOHP_RK_STATUS, "status",
	    FOHP_ST_OFFLINE, 0, 0, 0, 0, 5 * MIN, CRIT },
	{ "rul-floor", "proj1", FOHP_RK_RUL, "rul_h", 24, 24 * 1.1,
	    0, 0, 0, 15 * MIN, WARN },
	/* The model's own thresholds. */
	/* The model's own thresholds; a noisy PSI: held 2 min, clearing at
	 * 60 % of the threshold (fohd(8)). */
	{ "drift-warning", "heads", FOHP_RK_DRIFT, "score", 0.1, 0.06,
	    2 * MIN, 0, 0, 15 * MIN, WARN },
	{ "drift-critical", "heads", FOHP_RK_DRIFT, "score", 0.25, 0.15,
	    2 * MIN, 0, 0, 5 * MIN, CRIT },
};

/* Defaults for the small venue: ids, levels, holds and windows. */
static void
test_rules_defaults(void **state)
{
	struct rules	 rs;
	struct rule	*r;
	char		 err[256] = "";
	size_t		 i;

	(void)state;
	assert_int_equal(rules_build(&rs, venue(), err, sizeof err), 0);
	/* 4 zones x 3 + 2 gates x 2 + amp 3 + projector 4 + model 2. */
	assert_int_equal(rs.n, 12 + 4 + 3 + 4 + 2);
	assert_null(find(&rs, "rul-floor", "amp1"));

	for (i = 0; i < sizeof rules_expects / sizeof rules_expects[0]; i++) {
		const struct rules_expect	*e = &rules_expects[i];

		r = find(&rs, e->id, e->subject);
		if (r == NULL)
			fail_msg("no %s for %s", e->id, e->subject);
		if (r->kind != e->kind || strcmp(r->metric, e->metric) != 0 ||
		    fabs(r->threshold - e->threshold) > 1e-9 ||
		    (!isnan(e->clear) && fabs(r->clear - e->clear) > 1e-9) ||
		    r->for_ms != e->for_ms || r->window_ms != e->window_ms ||
		    r->horizon_s != e->horizon_s ||
		    r->escalate_ms != e->escalate_ms ||
		    r->severity != e->severity)
			fail_msg("%s for %s: kind %d %s > %g clears %g for %u "
			    "window %u horizon %g escalate %u severity %d",
			    e->id, e->subject, r->kind, r->metric,
			    r->threshold, r->clear, r->for_ms, r->window_ms,
			    r->horizon_s, r->escalate_ms, r->severity);
		if (r->kind == FOHP_RK_FORECAST)
			assert_true(r->min_r2 == 0.6);
		assert_true(r->words[0] != '\0');
		assert_true(r->expr[0] != '\0');
		assert_true(r->action[0] != '\0');
		assert_int_equal(r->firing, 0);
	}
	rules_free(&rs);
	assert_null(rs.r);
	rules_free(&rs);		/* twice is harmless */
}

/* A rule explains itself in words, as an expression and an action. */
static void
test_rules_words(void **state)
{
	struct rules	 rs;
	struct rule	*r;
	char		 err[256] = "";

	(void)state;
	assert_int_equal(rules_build(&rs, venue(), err, sizeof err), 0);

	r = find(&rs, "density-critical", "pit");
	assert_string_equal(r->words, "Crowd density in pit above 5.00 "
	    "p/m\xc2\xb2 (standing: discomfort, danger above) for 10s");
	assert_string_equal(r->expr, "density > 5.00 for 10s, clears < 4.50");
	assert_string_equal(r->unit, "p/m\xc2\xb2");
	assert_string_equal(r->action, "Hold entry to pit and send stewards "
	    "and signage to pit");

	r = find(&rs, "density-critical", "floor");
	assert_string_equal(r->words, "Crowd density in Floor above 4.20 "
	    "p/m\xc2\xb2 (this zone's own critical level) for 10s");
	assert_string_equal(r->action, "Hold entry at the gates feeding Floor "
	    "(Gate 1, Gate 3) and send stewards and signage to Floor");

	r = find(&rs, "density-warning", "concourse");
	assert_string_equal(r->words, "Crowd density in Concourse above 2.17 "
	    "p/m\xc2\xb2 (walkway: band F) for 30s");
	assert_string_equal(r->expr, "density > 2.17 for 30s, clears < 1.953");
	assert_string_equal(r->action, "Hold entry at the gates feeding "
	    "Concourse (Gate 3) and send stewards and signage to Concourse");

	r = find(&rs, "density-forecast", "bar");
	assert_string_equal(r->expr,
	    "forecast(density, 5m) >= 5.00 within 10m");
	assert_string_equal(r->words, "Crowd density in Bar queue forecast to "
	    "reach 5.00 p/m\xc2\xb2 (queue: discomfort, danger above) within "
	    "10m (least squares over 5m, r\xc2\xb2 at least 0.60)");

	r = find(&rs, "flow-over-limit", "g3");
	assert_string_equal(r->words, "Flow through Gate 3 above 82.00 "
	    "p/m/min (Green Guide limit on the level) for 30s");
	assert_string_equal(r->expr,
	    "flow_pmm > 82.00 for 30s, clears < 73.80");
	assert_string_equal(r->unit, "p/m/min");
	assert_string_equal(r->action, "Open more lanes or meter entry at "
	    "Gate 3");

	r = find(&rs, "device-warning", "amp1");
	assert_string_equal(r->words, "Stage left amp reports a warning");
	assert_string_equal(r->expr, "status == warning");
	assert_string_equal(r->action, "Send a technician to Stage left amp");
	r = find(&rs, "device-offline", "amp1");
	assert_string_equal(r->expr, "status >= offline");
	/* A device that wears: its status also says how worn it is. */
	r = find(&rs, "device-warning", "proj1");
	assert_string_equal(r->words, "Projector 1 reports a warning, or its "
	    "wear is at 90% of its limit or more");
	r = find(&rs, "device-error", "proj1");
	assert_string_equal(r->words, "Projector 1 reports an error, or its "
	    "wear has reached its limit");

	r = find(&rs, "rul-floor", "proj1");
	assert_string_equal(r->words, "Remaining life of Projector 1 under "
	    "24 h (lamp_hours toward 2000)");
	assert_string_equal(r->expr, "rul_h < 24.00, clears >= 26.40");
	assert_string_equal(r->unit, "h");
	assert_string_equal(r->action, "Plan a replacement for Projector 1");

	r = find(&rs, "drift-critical", "heads");
	assert_string_equal(r->words, "Drift score of Head counter at or over "
	    "0.25 (psi, major shift) for 2m");
	assert_string_equal(r->expr, "score >= 0.25 for 2m, clears < 0.15");
	assert_string_equal(r->action, "Check Head counter's camera feeds and "
	    "recalibrate; trust its counts less until then");
	rules_free(&rs);
}

/*
 * The gate whose inflow grows 20 % every ten minutes: 40 * 1.2^(t/10)
 * persons a minute through Gate 1 (3 m), so flow_pmm = that / 3, against
 * the Green Guide 82 p/m/min (246/min). It really crosses at 99.63 min.
 * The default flow-forecast (15 min window and horizon) fits 16 samples:
 * at t = 89 fitted 67.20, slope 1.0765/min, eta (82 - 67.20) / 1.0765
 * = 13.75 min <= 15: fires. flow-over-limit sees 82.56 > 82 at t = 100
 * and has held 30 s at t = 101: the forecast came 12 minutes earlier.
 */
static void
test_rules_gate_forecast(void **state)
{
	struct rules		 rs;
	struct rules_eval	 ev[8];
	char			 err[256] = "";
	unsigned		 t, n, k, fc_at = 0, over_at = 0;
	double			 pmm;

	(void)state;
	assert_int_equal(rules_build(&rs, venue(), err, sizeof err), 0);
	for (t = 0; t <= 110; t++) {
		pmm = 40 * pow(1.2, t / 10.0) / 3;
		n = rules_observe(&rs, RULES_GATE, "g1", "flow_pmm", pmm,
		    T0 + t * (uint64_t)MIN, ev, 8);
		for (k = 0; k < n; k++) {
			if (ev[k].change != RULES_FIRE)
				continue;
			if (strcmp(ev[k].rule->id, "flow-forecast") == 0) {
				fc_at = t;
				assert_true(ev[k].has_fc);
				assert_int_equal(ev[k].fc.state,
				    FORECAST_CROSSING);
				assert_true(fabs(ev[k].fc.eta_s / 60 - 13.75) <
				    0.01);
				assert_true(ev[k].margin < -14);
			} else if (strcmp(ev[k].rule->id,
			    "flow-over-limit") == 0)
				over_at = t;
			else
				fail_msg("unexpected %s", ev[k].rule->id);
		}
	}
	assert_int_equal(fc_at, 89);
	assert_int_equal(over_at, 101);
	rules_free(&rs);
}

/* Device status: one alert per level, not three for an offline device. */
static void
test_rules_device_status(void **state)
{
	static const struct {
		double		 status;
		const char	*changes;	/* "id:change ..." */
	} steps[] = {
		{ FOHP_ST_OK,		"" },
		{ FOHP_ST_ERROR,	"device-error:fire" },
		{ FOHP_ST_ERROR,	"device-error:update" },
		{ FOHP_ST_OK,		"device-error:clear" },
		{ FOHP_ST_WARNING,	"device-warning:fire" },
		{ FOHP_ST_OFFLINE,	"device-warning:clear "
					"device-offline:fire" },
		{ FOHP_ST_ERROR,	"device-error:fire "
					"device-offline:clear" },
		{ FOHP_ST_OK,		"device-error:clear" },
	};
	struct rules		 rs;
	struct rules_eval	 ev[8];
	char			 err[256] = "", got[256];
	unsigned		 i, k, n;
	size_t			 len;

	(void)state;
	assert_int_equal(rules_build(&rs, venue(), err, sizeof err), 0);
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		/* 5 min apart: device-error's 4 transitions in 8 s would
		 * flap (test_rules_flap); here the bands are tested. */
		n = rules_observe(&rs, RULES_DEVICE, "amp1", "status",
		    steps[i].status, T0 + i * 5ULL * MIN, ev, 8);
		*got = '\0';
		for (k = 0; k < n; k++) {
			len = strlen(got);
			snprintf(got + len, sizeof got - len, "%s%s:%s",
			    k ? " " : "", ev[k].rule->id,
			    rules_change_name(ev[k].change));
		}
		if (strcmp(got, steps[i].changes) != 0)
			fail_msg("step %u: \"%s\", want \"%s\"", i, got,
			    steps[i].changes);
	}
	rules_free(&rs);
}

/*
 * Drift: warning at the model's 0.1, critical at 0.25, each held 2 min and
 * clearing at 60 % of its threshold (0.06, 0.15): a noisy score that dips
 * under 0.09 no longer clears the warning.
 */
static void
test_rules_drift_defaults(void **state)
{
	struct rules		 rs;
	struct rules_eval	 ev[8];
	char			 err[256] = "";

	(void)state;
	assert_int_equal(rules_build(&rs, venue(), err, sizeof err), 0);
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.05, T0, ev, 8), 0);
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.12, T0 + 1000, ev, 8), 0);
	/* Held 1:59: not yet. */
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.12, T0 + 1000 + 2 * MIN - 1, ev, 8), 0);
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.12, T0 + 1000 + 2 * MIN, ev, 8), 1);
	assert_string_equal(ev[0].rule->id, "drift-warning");
	assert_int_equal(ev[0].change, RULES_FIRE);
	assert_int_equal(ev[0].held_ms, 2 * MIN);
	/* 0.08: under 0.09 (the old clear level), over 0.06: still firing. */
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.08, T0 + 3 * MIN, ev, 8), 1);
	assert_int_equal(ev[0].change, RULES_UPDATE);
	/* Critical needs its own 2 min over 0.25. */
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.3, T0 + 4 * MIN, ev, 8), 1);
	assert_int_equal(ev[0].change, RULES_UPDATE);
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.3, T0 + 6 * MIN, ev, 8), 2);
	assert_int_equal(ev[0].change, RULES_UPDATE);
	assert_string_equal(ev[1].rule->id, "drift-critical");
	assert_int_equal(ev[1].change, RULES_FIRE);
	/* 0.2 is under 0.25 but not under 0.15: both go on. */
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.2, T0 + 7 * MIN, ev, 8), 2);
	assert_int_equal(ev[1].change, RULES_UPDATE);
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.14, T0 + 8 * MIN, ev, 8), 2);
	assert_int_equal(ev[0].change, RULES_UPDATE);
	assert_int_equal(ev[1].change, RULES_CLEAR);
	assert_int_equal(rules_observe(&rs, RULES_MODEL, "heads", "score",
	    0.059, T0 + 9 * MIN, ev, 8), 1);
	assert_int_equal(ev[0].change, RULES_CLEAR);
	rules_free(&rs);
}

/* [rules] drift_hold and drift_clear apply to defaults and to configured
 * drift rules that set neither; a [rule]'s own for and clear win. */
static void
test_rules_drift_conf(void **state)
{
	struct vconf		*c = venue();
	struct vconf_rule	*cr;
	struct rules		 rs;
	struct rule		*r;
	char			 err[256] = "";

	(void)state;
	c->has_drift_hold = 1;
	c->drift_hold_ms = 30 * SEC;
	c->drift_clear = 0.5;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	r = find(&rs, "drift-warning", "heads");
	assert_int_equal(r->for_ms, 30 * SEC);
	assert_true(fabs(r->clear - 0.05) < 1e-12);
	rules_free(&rs);

	/* A configured drift rule without for or clear takes [rules]'. */
	cr = &c->rules[c->nrules++];
	memset(cr, 0, sizeof *cr);
	strcpy(cr->id, "my-drift");
	strcpy(cr->kind, "drift");
	strcpy(cr->target, "model");
	strcpy(cr->subject, "heads");
	strcpy(cr->metric, "score");
	cr->threshold = 0.2;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	r = find(&rs, "my-drift", "heads");
	assert_int_equal(r->for_ms, 30 * SEC);
	assert_true(fabs(r->clear - 0.1) < 1e-12);
	rules_free(&rs);
	/* With its own for = 0 and clear. */
	cr->has_for = 1;
	cr->for_ms = 0;
	cr->has_clear = 1;
	cr->clear = 0.19;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	r = find(&rs, "my-drift", "heads");
	assert_int_equal(r->for_ms, 0);
	assert_true(r->clear == 0.19);
	rules_free(&rs);
	/* Without [rules]: the built-in 2 min and 60 %. */
	c->has_drift_hold = 0;
	c->drift_clear = 0;
	cr->has_for = 0;
	cr->has_clear = 0;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	r = find(&rs, "my-drift", "heads");
	assert_int_equal(r->for_ms, 2 * MIN);
	assert_true(fabs(r->clear - 0.12) < 1e-12);
	rules_free(&rs);
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

/* Name of a change, for messages. */
static const char *
rules_fchange_name(int change)
{
	switch (change) {
	case RULES_FLAP:
		return ("flap");
	case RULES_SETTLE:
		return ("settle");
	}
	return (rules_change_name(change));
}

/* Flapping enters and leaves as the table says, and every eval counts. */
static void
test_rules_flap(void **state)
{
	size_t	i, j;

	(void)state;
	for (i = 0; i < sizeof rules_flap_scripts /
	    sizeof rules_flap_scripts[0]; i++) {
		struct rule		*r = calloc(1, sizeof *r);
		struct rules		 rs;
		struct rules_eval	 ev[4];
		unsigned		 n;
		int			 got;

		assert_non_null(r);
		rs.n = 1;
		rs.r = r;
		strcpy(r->id, "test");
		strcpy(r->subject, "floor");
		strcpy(r->metric, "density");
		r->target = RULES_ZONE;
		r->kind = FOHP_RK_THRESHOLD;
		r->threshold = 5.0;
		r->clear = 4.5;
		r->for_ms = rules_flap_scripts[i].for_ms;
		r->flap_transitions = rules_flap_scripts[i].transitions;
		r->flap_window_ms = rules_flap_scripts[i].window_ms;
		forecast_init(&r->series);
		for (j = 0; rules_flap_scripts[i].steps[j].t_ms != END; j++) {
			const struct rules_fstep *st =
			    &rules_flap_scripts[i].steps[j];

			if (st->tick)
				n = rules_tick(&rs, T0 + st->t_ms, ev, 4);
			else
				n = rules_observe(&rs, RULES_ZONE, "floor",
				    "density", st->v, T0 + st->t_ms, ev, 4);
			got = n == 0 ? NONE : (int)ev[0].change;
			if (n > 1 || got != st->change)
				fail_msg("%s: %s at %u ms: %s, want %s",
				    rules_flap_scripts[i].name,
				    st->tick ? "tick" : "reading", st->t_ms,
				    rules_fchange_name(got),
				    rules_fchange_name(st->change));
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
			    got == RULES_FLAP ? 1 : 0);
			if (!st->tick && got != NONE)
				assert_true(ev[0].value == st->v);
		}
		free(r);
	}
}

/* Flap limits: built-in, [rules], then a [rule]'s own. */
static void
test_rules_flap_conf(void **state)
{
	struct vconf		*c = venue();
	struct vconf_rule	*cr;
	struct rules		 rs;
	struct rule		*r;
	char			 err[256] = "";

	(void)state;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	r = find(&rs, "density-critical", "floor");
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
	r = find(&rs, "drift-warning", "heads");
	assert_int_equal(r->flap_transitions, 0);
	assert_int_equal(r->flap_window_ms, 5 * MIN);
	/* The [rule] its own count, [rules]' window. */
	r = find(&rs, "busy", "pit");
	assert_int_equal(r->flap_transitions, 6);
	assert_int_equal(r->flap_window_ms, 5 * MIN);
	rules_free(&rs);
	cr->flap_window_ms = 30 * SEC;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	r = find(&rs, "busy", "floor");
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
	assert_int_equal(rules_build(&a, venue(), err, sizeof err), 0);
	/* Fire (its hold is 10 s), clear, fire, clear the critical on the
	 * floor (over 4.2): readings every 10 s. */
	for (k = 0; k < 6; k++)
		(void)rules_observe(&a, RULES_ZONE, "floor", "density",
		    k % 3 == 2 ? 1.0 : 6.0, T0 + k * 10 * SEC, ev, 8);
	r = find(&a, "density-critical", "floor");
	assert_int_equal(r->flapping, 1);
	assert_int_equal(rules_flaps(r, T0 + 60 * SEC), 4);

	assert_int_equal(rules_build(&b, venue(), err, sizeof err), 0);
	rules_carry(&b, &a);
	r = find(&b, "density-critical", "floor");
	assert_int_equal(r->flapping, 1);
	assert_int_equal(r->firing, 0);
	assert_int_equal(rules_flaps(r, T0 + 60 * SEC), 4);
	assert_int_equal(find(&b, "density-warning", "floor")->flapping, 0);
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
	r = find(&b, "density-warning", "pit");
	rules_flap_restore(r, 5, T0);
	assert_int_equal(r->flapping, 1);
	assert_int_equal(rules_flaps(r, T0 + 10 * MIN - 1), 5);
	assert_int_equal(rules_flaps(r, T0 + 10 * MIN), 0);
	rules_flap_restore(r, 0, T0);
	assert_int_equal(r->flapping, 0);

	/* Reloaded with flap_transitions = 0: the next tick settles it. */
	r = find(&b, "density-critical", "floor");
	r->flap_transitions = 0;
	n = rules_tick(&b, T0 + 71 * SEC, ev, 8);
	for (k = 0; k < n && ev[k].rule != r; k++)
		;
	assert_true(k < n);
	assert_int_equal(ev[k].change, RULES_SETTLE);
	assert_int_equal(r->flapping, 0);
	rules_free(&b);
}

/* Remaining life: the projector's floor is 24 h, clearing at 26.4 h. */
static void
test_rules_rul_default(void **state)
{
	struct rules		 rs;
	struct rules_eval	 ev[8];
	char			 err[256] = "";

	(void)state;
	assert_int_equal(rules_build(&rs, venue(), err, sizeof err), 0);
	assert_int_equal(rules_observe(&rs, RULES_DEVICE, "proj1", "rul_h",
	    100, T0, ev, 8), 0);
	assert_int_equal(rules_observe(&rs, RULES_DEVICE, "proj1", "rul_h",
	    20, T0 + 1000, ev, 8), 1);
	assert_string_equal(ev[0].rule->id, "rul-floor");
	assert_int_equal(ev[0].change, RULES_FIRE);
	assert_true(ev[0].margin == -4);
	assert_int_equal(rules_observe(&rs, RULES_DEVICE, "proj1", "rul_h",
	    30, T0 + 2000, ev, 8), 1);
	assert_int_equal(ev[0].change, RULES_CLEAR);
	rules_free(&rs);
}

/* "*" makes one rule per subject; configured rules replace defaults. */
static void
test_rules_configured(void **state)
{
	struct vconf		*c = venue();
	struct vconf_rule	*cr;
	struct rules		 rs;
	struct rule		*r;
	char			 err[256] = "";
	unsigned		 i, n;

	(void)state;
	c->nrules = 2;
	cr = &c->rules[0];
	strcpy(cr->id, "filling-fast");
	strcpy(cr->kind, "rate");
	strcpy(cr->target, "zone");
	strcpy(cr->subject, "*");
	cr->threshold = 0.5;
	cr->severity = FOHP_SEV_WARNING;
	strcpy(cr->words, "Filling fast");
	cr = &c->rules[1];
	strcpy(cr->id, "floor-busy");
	strcpy(cr->kind, "threshold");
	strcpy(cr->target, "zone");
	strcpy(cr->subject, "floor");
	strcpy(cr->metric, "density");
	cr->threshold = 3.0;
	cr->clear = 2.0;
	cr->has_clear = 1;
	cr->for_ms = 5000;
	cr->severity = FOHP_SEV_CRITICAL;
	strcpy(cr->action, "Open the overflow area");

	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	for (i = n = 0; i < rs.n; i++) {
		if (strcmp(rs.r[i].id, "filling-fast") == 0)
			n++;
	}
	assert_int_equal(n, 4);
	r = find(&rs, "filling-fast", "bar");
	assert_int_equal(r->kind, FOHP_RK_RATE);
	assert_string_equal(r->metric, "density");	/* zone default */
	assert_int_equal(r->window_ms, MIN);		/* rate default */
	assert_true(fabs(r->clear - 0.45) < 1e-12);
	assert_string_equal(r->words, "Filling fast");	/* given */
	assert_string_equal(r->expr,
	    "rate(density, 1m) > 0.50/min, clears < 0.45");

	r = find(&rs, "floor-busy", "floor");
	assert_true(r->clear == 2.0);
	assert_string_equal(r->action, "Open the overflow area");
	assert_string_equal(r->expr, "density > 3.00 for 5s, clears < 2.00");
	assert_string_equal(r->words, "Crowd density in Floor above 3.00 "
	    "p/m\xc2\xb2 for 5s");
	/* It covers the floor's threshold defaults, not its forecast. */
	assert_null(find(&rs, "density-critical", "floor"));
	assert_null(find(&rs, "density-warning", "floor"));
	assert_non_null(find(&rs, "density-forecast", "floor"));
	assert_non_null(find(&rs, "density-critical", "pit"));
	assert_int_equal(rs.n, 4 + 1 + 25 - 2);
	rules_free(&rs);
}

/* What rules_build refuses, and what it says. */
static void
test_rules_errors(void **state)
{
	static const struct {
		const char	*name;
		const char	*kind;
		const char	*target;
		const char	*subject;
		const char	*err;
	} cases[] = {
		{ "unknown zone", "threshold", "zone", "nowhere",
		    "rule bad: no zone \"nowhere\"" },
		{ "unknown gate", "forecast", "gate", "floor",
		    "rule bad: no gate \"floor\"" },
		{ "unknown device", "status", "device", "amp9",
		    "rule bad: no device \"amp9\"" },
		{ "unknown kind", "average", "zone", "floor",
		    "rule bad: unknown kind \"average\"" },
		{ "unknown target", "threshold", "stage", "floor",
		    "rule bad: unknown target \"stage\"" },
	};
	struct vconf	*c;
	struct rules	 rs;
	char		 err[256];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c = venue();
		c->nrules = 1;
		strcpy(c->rules[0].id, "bad");
		strcpy(c->rules[0].kind, cases[i].kind);
		strcpy(c->rules[0].target, cases[i].target);
		strcpy(c->rules[0].subject, cases[i].subject);
		*err = '\0';
		if (rules_build(&rs, c, err, sizeof err) != -1)
			fail_msg("%s: built", cases[i].name);
		if (strcmp(err, cases[i].err) != 0)
			fail_msg("%s: \"%s\"", cases[i].name, err);
		assert_null(rs.r);
		assert_int_equal(rs.n, 0);
	}
}

/* More than RULES_MAX rules is an error, not a silent cut. */
static void
test_rules_too_many(void **state)
{
	struct vconf	*c = venue();
	struct rules	 rs;
	char		 err[256] = "";
	unsigned	 i;

	(void)state;
	c->layout.nzones = FOHP_ZONES_MAX;
	for (i = 4; i < FOHP_ZONES_MAX; i++) {
		snprintf(c->layout.zones[i].id, sizeof c->layout.zones[i].id,
		    "z%u", i);
		c->layout.zones[i].kind = FOHP_ZK_STANDING;
	}
	c->nrules = 8;		/* 8 x 128 = 1024, then the defaults */
	for (i = 0; i < 8; i++) {
		struct vconf_rule	*cr = &c->rules[i];

		snprintf(cr->id, sizeof cr->id, "r%u", i);
		snprintf(cr->kind, sizeof cr->kind, "drift");
		snprintf(cr->target, sizeof cr->target, "zone");
		snprintf(cr->subject, sizeof cr->subject, "*");
		snprintf(cr->metric, sizeof cr->metric, "other");
	}
	assert_int_equal(rules_build(&rs, c, err, sizeof err), -1);
	assert_string_equal(err, "too many rules (more than 1024)");
	assert_null(rs.r);
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
	assert_int_equal(rules_build(&rs, venue(), err, sizeof err), 0);
	r = find(&rs, "density-critical", "pit");
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
	r = find(&rs, "density-forecast", "pit");
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
	struct vconf		*c = venue();

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
		cmocka_unit_test(test_rules_defaults),
		cmocka_unit_test(test_rules_words),
		cmocka_unit_test(test_rules_gate_forecast),
		cmocka_unit_test(test_rules_device_status),
		cmocka_unit_test(test_rules_drift_defaults),
		cmocka_unit_test(test_rules_drift_conf),
		cmocka_unit_test(test_rules_flap),
		cmocka_unit_test(test_rules_flap_conf),
		cmocka_unit_test(test_rules_flap_carry),
		cmocka_unit_test(test_rules_rul_default),
		cmocka_unit_test(test_rules_configured),
		cmocka_unit_test(test_rules_errors),
		cmocka_unit_test(test_rules_too_many),
		cmocka_unit_test(test_rules_window),
		cmocka_unit_test(test_rules_out_full),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
