/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-rules-build.c: building alert rules. The defaults built for a small
 * venue (unit-fixtures.c), in words and as expressions; "*" expansion and
 * the errors of rules_build (evaluating them: test-rules.c).
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
	assert_int_equal(rules_build(&rs, unit_venue(), err, sizeof err), 0);
	/* 4 zones x 3 + 2 gates x 2 + amp 3 + projector 4 + model 2. */
	assert_int_equal(rs.n, 12 + 4 + 3 + 4 + 2);
	assert_null(unit_find(&rs, "rul-floor", "amp1"));

	for (i = 0; i < sizeof rules_expects / sizeof rules_expects[0]; i++) {
		const struct rules_expect	*e = &rules_expects[i];

		r = unit_find(&rs, e->id, e->subject);
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
	assert_int_equal(rules_build(&rs, unit_venue(), err, sizeof err), 0);

	r = unit_find(&rs, "density-critical", "pit");
	assert_string_equal(r->words, "Crowd density in pit above 5.00 "
	    "p/m\xc2\xb2 (standing: discomfort, danger above) for 10s");
	assert_string_equal(r->expr, "density > 5.00 for 10s, clears < 4.50");
	assert_string_equal(r->unit, "p/m\xc2\xb2");
	assert_string_equal(r->action, "Hold entry to pit and send stewards "
	    "and signage to pit");

	r = unit_find(&rs, "density-critical", "floor");
	assert_string_equal(r->words, "Crowd density in Floor above 4.20 "
	    "p/m\xc2\xb2 (this zone's own critical level) for 10s");
	assert_string_equal(r->action, "Hold entry at the gates feeding Floor "
	    "(Gate 1, Gate 3) and send stewards and signage to Floor");

	r = unit_find(&rs, "density-warning", "concourse");
	assert_string_equal(r->words, "Crowd density in Concourse above 2.17 "
	    "p/m\xc2\xb2 (walkway: band F) for 30s");
	assert_string_equal(r->expr, "density > 2.17 for 30s, clears < 1.953");
	assert_string_equal(r->action, "Hold entry at the gates feeding "
	    "Concourse (Gate 3) and send stewards and signage to Concourse");

	r = unit_find(&rs, "density-forecast", "bar");
	assert_string_equal(r->expr,
	    "forecast(density, 5m) >= 5.00 within 10m");
	assert_string_equal(r->words, "Crowd density in Bar queue forecast to "
	    "reach 5.00 p/m\xc2\xb2 (queue: discomfort, danger above) within "
	    "10m (least squares over 5m, r\xc2\xb2 at least 0.60)");

	r = unit_find(&rs, "flow-over-limit", "g3");
	assert_string_equal(r->words, "Flow through Gate 3 above 82.00 "
	    "p/m/min (Green Guide limit on the level) for 30s");
	assert_string_equal(r->expr,
	    "flow_pmm > 82.00 for 30s, clears < 73.80");
	assert_string_equal(r->unit, "p/m/min");
	assert_string_equal(r->action, "Open more lanes or meter entry at "
	    "Gate 3");

	r = unit_find(&rs, "device-warning", "amp1");
	assert_string_equal(r->words, "Stage left amp reports a warning");
	assert_string_equal(r->expr, "status == warning");
	assert_string_equal(r->action, "Send a technician to Stage left amp");
	r = unit_find(&rs, "device-offline", "amp1");
	assert_string_equal(r->expr, "status >= offline");
	/* A device that wears: its status also says how worn it is. */
	r = unit_find(&rs, "device-warning", "proj1");
	assert_string_equal(r->words, "Projector 1 reports a warning, or its "
	    "wear is at 90% of its limit or more");
	r = unit_find(&rs, "device-error", "proj1");
	assert_string_equal(r->words, "Projector 1 reports an error, or its "
	    "wear has reached its limit");

	r = unit_find(&rs, "rul-floor", "proj1");
	assert_string_equal(r->words, "Remaining life of Projector 1 under "
	    "24 h (lamp_hours toward 2000)");
	assert_string_equal(r->expr, "rul_h < 24.00, clears >= 26.40");
	assert_string_equal(r->unit, "h");
	assert_string_equal(r->action, "Plan a replacement for Projector 1");

	r = unit_find(&rs, "drift-critical", "heads");
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
	assert_int_equal(rules_build(&rs, unit_venue(), err, sizeof err), 0);
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
	assert_int_equal(rules_build(&rs, unit_venue(), err, sizeof err), 0);
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
			    unit_change_name(ev[k].change));
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
	assert_int_equal(rules_build(&rs, unit_venue(), err, sizeof err), 0);
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
	struct vconf		*c = unit_venue();
	struct vconf_rule	*cr;
	struct rules		 rs;
	struct rule		*r;
	char			 err[256] = "";

	(void)state;
	c->has_drift_hold = 1;
	c->drift_hold_ms = 30 * SEC;
	c->drift_clear = 0.5;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	r = unit_find(&rs, "drift-warning", "heads");
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
	r = unit_find(&rs, "my-drift", "heads");
	assert_int_equal(r->for_ms, 30 * SEC);
	assert_true(fabs(r->clear - 0.1) < 1e-12);
	rules_free(&rs);
	/* With its own for = 0 and clear. */
	cr->has_for = 1;
	cr->for_ms = 0;
	cr->has_clear = 1;
	cr->clear = 0.19;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	r = unit_find(&rs, "my-drift", "heads");
	assert_int_equal(r->for_ms, 0);
	assert_true(r->clear == 0.19);
	rules_free(&rs);
	/* Without [rules]: the built-in 2 min and 60 %. */
	c->has_drift_hold = 0;
	c->drift_clear = 0;
	cr->has_for = 0;
	cr->has_clear = 0;
	assert_int_equal(rules_build(&rs, c, err, sizeof err), 0);
	r = unit_find(&rs, "my-drift", "heads");
	assert_int_equal(r->for_ms, 2 * MIN);
	assert_true(fabs(r->clear - 0.12) < 1e-12);
	rules_free(&rs);
}


/* Remaining life: the projector's floor is 24 h, clearing at 26.4 h. */
static void
test_rules_rul_default(void **state)
{
	struct rules		 rs;
	struct rules_eval	 ev[8];
	char			 err[256] = "";

	(void)state;
	assert_int_equal(rules_build(&rs, unit_venue(), err, sizeof err), 0);
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
	struct vconf		*c = unit_venue();
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
	r = unit_find(&rs, "filling-fast", "bar");
	assert_int_equal(r->kind, FOHP_RK_RATE);
	assert_string_equal(r->metric, "density");	/* zone default */
	assert_int_equal(r->window_ms, MIN);		/* rate default */
	assert_true(fabs(r->clear - 0.45) < 1e-12);
	assert_string_equal(r->words, "Filling fast");	/* given */
	assert_string_equal(r->expr,
	    "rate(density, 1m) > 0.50/min, clears < 0.45");

	r = unit_find(&rs, "floor-busy", "floor");
	assert_true(r->clear == 2.0);
	assert_string_equal(r->action, "Open the overflow area");
	assert_string_equal(r->expr, "density > 3.00 for 5s, clears < 2.00");
	assert_string_equal(r->words, "Crowd density in Floor above 3.00 "
	    "p/m\xc2\xb2 for 5s");
	/* It covers the floor's threshold defaults, not its forecast. */
	assert_null(unit_find(&rs, "density-critical", "floor"));
	assert_null(unit_find(&rs, "density-warning", "floor"));
	assert_non_null(unit_find(&rs, "density-forecast", "floor"));
	assert_non_null(unit_find(&rs, "density-critical", "pit"));
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
		c = unit_venue();
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
	struct vconf	*c = unit_venue();
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_defaults),
		cmocka_unit_test(test_rules_words),
		cmocka_unit_test(test_rules_gate_forecast),
		cmocka_unit_test(test_rules_device_status),
		cmocka_unit_test(test_rules_drift_defaults),
		cmocka_unit_test(test_rules_drift_conf),
		cmocka_unit_test(test_rules_rul_default),
		cmocka_unit_test(test_rules_configured),
		cmocka_unit_test(test_rules_errors),
		cmocka_unit_test(test_rules_too_many),
	};

	return (cmocka_run_group_tests_name("rules-build", tests, NULL, NULL));
}
