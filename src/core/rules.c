/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * rules.c: alert rules, built from the venue config and evaluated at the
 * edge as readings arrive.
 *
 * Building. Each [rule NAME] section becomes one rule per subject ("*" is
 * every zone, gate, device or model). Then every subject gets the default
 * rules of rules_defaults[] (doc/DOMAIN.md) unless a configured rule
 * of the same kind and metric already watches it. Levels come from the zone
 * (its own warn/crit density, else its kind's), the gate limit (Green Guide
 * 82 p/m/min), the device's status and the model's warn/crit thresholds.
 * Every rule is written out in words, as an expression and with a suggested
 * action, so that an alert explains itself.
 *
 * Evaluating. Each value goes into the rule's series (spaced so that the
 * series covers the rule's window) and is tested two ways: "on" (the
 * condition holds) and "off" (it has cleared). A rule not firing starts to
 * hold when on, fires once it has held for_ms, and stops holding as soon as
 * it is not on (a dip resets the hold). A firing rule clears only when off,
 * which for levels means past `clear`, not just back under the threshold:
 * a value hovering between the two keeps firing instead of flapping.
 *
 *	kind	   on				off
 *	threshold  value > threshold		value < clear
 *	rate	   slope/min > threshold	slope/min < clear
 *		   (below: the other way round for both)
 *	forecast   crossing within the horizon	anything else
 *		   or already past
 *	status	   value >= threshold (and	not on
 *		   < clear if clear is above)
 *	rul	   value < threshold		value >= clear
 *	drift	   value >= threshold		value < clear
 *
 * The status band keeps an offline device from raising warning, error and
 * offline at once: the default warning rule covers warning only and the
 * error rule error only.
 *
 * Time. A hold is judged on the last value seen: rules_tick, run on the
 * agent's timer, fires a rule whose condition (tested again on its last
 * value, and for rate and forecast rules on its series as it stands) has
 * held for_ms, whether or not a new value came. A zone put over its limit
 * by one reading and then left silent fires on time. If the clock steps
 * back past the start of a hold, the hold counts from the tick that sees
 * it, so a step delays an alert by for_ms at most.
 *
 * Flapping. Hysteresis and holds keep a value hovering at a line from
 * flapping; what still fires and clears again and again (a noisy drift
 * score, a device that keeps dropping off) is caught by counting. Each
 * fire and each clear is a transition, and a rule remembers the times of
 * its latest RULES_FLAP_MAX. A transition counts while it is less than
 * flap_window_ms old (one exactly that old no longer does). The change
 * each observation reports then reads:
 *
 *	state		transition		reported
 *	steady		fire			FIRE (count < limit)
 *	steady		clear			CLEAR (count < limit)
 *	steady		fire or clear that	FLAP: flapping from now on
 *			makes count >= limit
 *	steady		none, firing		UPDATE
 *	flapping	any, or none		FLAP (the alert stays open
 *						and follows the value)
 *	flapping	rules_tick: count * 2	SETTLE if firing, else CLEAR
 *			< limit (or limit 0)
 *
 * where limit is flap_transitions (0: never flaps). So one alert stands
 * for a flapping condition from the transition that reaches the limit
 * until the condition has been steady for most of a window; every
 * evaluation carries the count (flaps) for the alert.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "band.h"
#include "flow.h"
#include "rules.h"
#include "lib/text.h"

#define RULES_SEC	1000U
#define RULES_MIN	60000U
#define RULES_MIN_R2	0.6
#define RULES_RUL_FLOOR	24.0		/* hours */
#define RULES_PSI_MODERATE 0.1	/* PSI: moderate shift */
#define RULES_PSI_MAJOR	0.25	/* PSI: major shift */
#define RULES_WALKWAY_CRIT 4.0		/* p/m2: moving flow collapses */
#define RULES_HYSTERESIS 0.1		/* clear 10 % back from the level */

/* Which level of a subject a default rule watches. */
enum rules_level {
	RULES_DENSITY_CRIT,
	RULES_DENSITY_WARN,
	RULES_FLOW_LIMIT,
	RULES_STATUS_WARNING,
	RULES_STATUS_ERROR,
	RULES_STATUS_OFFLINE,
	RULES_RUL,
	RULES_DRIFT_WARN,
	RULES_DRIFT_CRIT
};

/* A default rule, added per subject of its target. */
struct rules_default {
	const char		*id;
	enum rules_target	 target;
	enum fohp_rule_kind	 kind;
	const char		*metric;
	enum rules_level	 level;
	uint32_t		 for_ms;
	uint32_t		 window_ms;
	double			 horizon_s;
	uint32_t		 escalate_ms;
	enum fohp_severity	 severity;
};

static const struct rules_default rules_defaults[] = {
	{ .id = "density-critical", .target = RULES_ZONE,
	  .kind = FOHP_RK_THRESHOLD, .metric = "density",
	  .level = RULES_DENSITY_CRIT, .for_ms = 10 * RULES_SEC,
	  .escalate_ms = 5 * RULES_MIN, .severity = FOHP_SEV_CRITICAL },
	{ .id = "density-warning", .target = RULES_ZONE,
	  .kind = FOHP_RK_THRESHOLD, .metric = "density",
	  .level = RULES_DENSITY_WARN, .for_ms = 30 * RULES_SEC,
	  .escalate_ms = 15 * RULES_MIN, .severity = FOHP_SEV_WARNING },
	{ .id = "density-forecast", .target = RULES_ZONE,
	  .kind = FOHP_RK_FORECAST, .metric = "density",
	  .level = RULES_DENSITY_CRIT, .window_ms = 5 * RULES_MIN,
	  .horizon_s = 10 * 60, .escalate_ms = 15 * RULES_MIN,
	  .severity = FOHP_SEV_WARNING },
	{ .id = "flow-over-limit", .target = RULES_GATE,
	  .kind = FOHP_RK_THRESHOLD, .metric = "flow_pmm",
	  .level = RULES_FLOW_LIMIT, .for_ms = 30 * RULES_SEC,
	  .escalate_ms = 15 * RULES_MIN, .severity = FOHP_SEV_WARNING },
	{ .id = "flow-forecast", .target = RULES_GATE,
	  .kind = FOHP_RK_FORECAST, .metric = "flow_pmm",
	  .level = RULES_FLOW_LIMIT, .window_ms = 15 * RULES_MIN,
	  .horizon_s = 15 * 60, .escalate_ms = 15 * RULES_MIN,
	  .severity = FOHP_SEV_WARNING },
	{ .id = "device-error", .target = RULES_DEVICE,
	  .kind = FOHP_RK_STATUS, .metric = "status",
	  .level = RULES_STATUS_ERROR, .escalate_ms = 5 * RULES_MIN,
	  .severity = FOHP_SEV_CRITICAL },
	{ .id = "device-warning", .target = RULES_DEVICE,
	  .kind = FOHP_RK_STATUS, .metric = "status",
	  .level = RULES_STATUS_WARNING, .escalate_ms = 15 * RULES_MIN,
	  .severity = FOHP_SEV_WARNING },
	{ .id = "device-offline", .target = RULES_DEVICE,
	  .kind = FOHP_RK_STATUS, .metric = "status",
	  .level = RULES_STATUS_OFFLINE, .escalate_ms = 5 * RULES_MIN,
	  .severity = FOHP_SEV_CRITICAL },
	{ .id = "rul-floor", .target = RULES_DEVICE,
	  .kind = FOHP_RK_RUL, .metric = "rul_h",
	  .level = RULES_RUL, .escalate_ms = 15 * RULES_MIN,
	  .severity = FOHP_SEV_WARNING },
	{ .id = "drift-warning", .target = RULES_MODEL,
	  .kind = FOHP_RK_DRIFT, .metric = "score",
	  .level = RULES_DRIFT_WARN, .for_ms = RULES_DRIFT_HOLD_MS,
	  .escalate_ms = 15 * RULES_MIN,
	  .severity = FOHP_SEV_WARNING },
	{ .id = "drift-critical", .target = RULES_MODEL,
	  .kind = FOHP_RK_DRIFT, .metric = "score",
	  .level = RULES_DRIFT_CRIT, .for_ms = RULES_DRIFT_HOLD_MS,
	  .escalate_ms = 5 * RULES_MIN,
	  .severity = FOHP_SEV_CRITICAL },
};

static const char *rules_target_names[RULES_TARGET_COUNT] = {
	[RULES_ZONE] = "zone",
	[RULES_GATE] = "gate",
	[RULES_DEVICE] = "device",
	[RULES_MODEL] = "model",
};

static const char *rules_kind_names[FOHP_RK_COUNT] = {
	[FOHP_RK_THRESHOLD] = "threshold",
	[FOHP_RK_RATE] = "rate",
	[FOHP_RK_FORECAST] = "forecast",
	[FOHP_RK_STATUS] = "status",
	[FOHP_RK_RUL] = "rul",
	[FOHP_RK_DRIFT] = "drift",
};

static const char *rules_status_names[FOHP_ST_COUNT] = {
	[FOHP_ST_OK] = "ok",
	[FOHP_ST_WARNING] = "warning",
	[FOHP_ST_ERROR] = "error",
	[FOHP_ST_OFFLINE] = "offline",
};

/* Format into a fixed buffer, truncating. */
static void __attribute__((format(printf, 3, 4)))
rules_printf(char *buf, size_t len, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

/* Kind from its config name; FOHP_RK_NONE if unknown. */
static enum fohp_rule_kind
rules_kind_parse(const char *s)
{
	int	i;

	for (i = 0; i < FOHP_RK_COUNT; i++) {
		if (rules_kind_names[i] != NULL &&
		    strcmp(rules_kind_names[i], s) == 0)
			return ((enum fohp_rule_kind)i);
	}
	return (FOHP_RK_NONE);
}

/* Target from its config name; -1 if unknown. */
static int
rules_target_parse(const char *s)
{
	int	i;

	for (i = 0; i < RULES_TARGET_COUNT; i++) {
		if (strcmp(rules_target_names[i], s) == 0)
			return (i);
	}
	return (-1);
}

/* How many subjects of a target the venue has. */
static unsigned
rules_nsubjects(const struct vconf *conf, enum rules_target target)
{
	switch (target) {
	case RULES_ZONE:
		return (conf->layout.nzones);
	case RULES_GATE:
		return (conf->ngates);
	case RULES_DEVICE:
		return (conf->ndevices);
	case RULES_MODEL:
		return (conf->nmodels);
	case RULES_TARGET_COUNT:
		break;
	}
	return (0);
}

/* Id of subject i of a target. */
static const char *
rules_subject_id(const struct vconf *conf, enum rules_target target,
    unsigned i)
{
	switch (target) {
	case RULES_ZONE:
		return (conf->layout.zones[i].id);
	case RULES_GATE:
		return (conf->gates[i].id);
	case RULES_DEVICE:
		return (conf->devices[i].id);
	case RULES_MODEL:
		return (conf->models[i].id);
	case RULES_TARGET_COUNT:
		break;
	}
	return ("");
}

/* Display name of subject i of a target, its id if it has none. */
static const char *
rules_subject_name(const struct vconf *conf, enum rules_target target,
    unsigned i)
{
	const char	*name = "";

	switch (target) {
	case RULES_ZONE:
		name = conf->layout.zones[i].name;
		break;
	case RULES_GATE:
		name = conf->gates[i].name;
		break;
	case RULES_DEVICE:
		name = conf->devices[i].name;
		break;
	case RULES_MODEL:
		name = conf->models[i].name;
		break;
	case RULES_TARGET_COUNT:
		break;
	}
	if (*name == '\0')
		return (rules_subject_id(conf, target, i));
	return (name);
}

/* Index of a subject by id; -1 if none. */
static int
rules_subject_find(const struct vconf *conf, enum rules_target target,
    const char *id)
{
	unsigned	i, n = rules_nsubjects(conf, target);

	for (i = 0; i < n; i++) {
		if (strcmp(rules_subject_id(conf, target, i), id) == 0)
			return ((int)i);
	}
	return (-1);
}

/* The metric a rule of this kind watches when none is given. */
static const char *
rules_default_metric(enum rules_target target, enum fohp_rule_kind kind)
{
	switch (target) {
	case RULES_ZONE:
		return ("density");
	case RULES_GATE:
		return ("flow_pmm");
	case RULES_DEVICE:
		return (kind == FOHP_RK_RUL ? "rul_h" : "status");
	case RULES_MODEL:
	case RULES_TARGET_COUNT:
		break;
	}
	return ("score");
}

/* Unit of a metric, "" if it has none or is not known. */
static const char *
rules_unit(const char *metric)
{
	if (strcmp(metric, "density") == 0)
		return ("p/m\xc2\xb2");
	if (strcmp(metric, "flow_pmm") == 0)
		return ("p/m/min");
	if (strcmp(metric, "rul_h") == 0)
		return ("h");
	return ("");
}

/* A status level's name, or its number if out of range. */
static const char *
rules_status_name(double v, char *buf, size_t len)
{
	int	i = (int)v;

	if (v == i && i >= 0 && i < FOHP_ST_COUNT)
		return (rules_status_names[i]);
	rules_printf(buf, len, "%g", v);
	return (buf);
}

/* The clear level RULES_HYSTERESIS back from a threshold. */
static double
rules_hysteresis(double threshold, int below)
{
	double	d = fabs(threshold) * RULES_HYSTERESIS;

	return (below ? threshold + d : threshold - d);
}

/* Density warn and crit levels of zone i, with why. */
static void
rules_zone_levels(const struct vconf *conf, unsigned i, double *warn,
    double *crit, const char **warn_why, const char **crit_why)
{
	enum fohp_zone_kind	 kind = conf->layout.zones[i].kind;

	if (kind == FOHP_ZK_WALKWAY) {
		/* Past band E is F; about 4 p/m2 a moving crowd stops. */
		*warn = band_upper('E', kind);
		*warn_why = "walkway: band F";
		*crit = RULES_WALKWAY_CRIT;
		*crit_why = "walkway: a moving crowd's flow collapses";
	} else {
		/* Past band D is E; 5 p/m2 (E's top) is the danger line. */
		*warn = band_upper('D', kind);
		*crit = band_upper('E', kind);
		if (kind == FOHP_ZK_QUEUE) {
			*warn_why = "queue: band E";
			*crit_why = "queue: discomfort, danger above";
		} else {
			*warn_why = "standing: band E";
			*crit_why = "standing: discomfort, danger above";
		}
	}
	if (conf->zone_warn[i] > 0) {
		*warn = conf->zone_warn[i];
		*warn_why = "this zone's own warning level";
	}
	if (conf->zone_crit[i] > 0) {
		*crit = conf->zone_crit[i];
		*crit_why = "this zone's own critical level";
	}
}

/* Names of the gates feeding zone i, comma separated; "" if none. */
static void
rules_zone_gates(const struct vconf *conf, unsigned i, char *buf, size_t len)
{
	const struct vconf_gate	*g;
	size_t			 used = 0;
	unsigned		 j, k;

	*buf = '\0';
	for (j = 0; j < conf->ngates; j++) {
		g = &conf->gates[j];
		for (k = 0; k < g->nzones && k < VCONF_GATE_ZONES; k++) {
			if (g->zones[k] == i)
				break;
		}
		if (k == g->nzones || k == VCONF_GATE_ZONES)
			continue;
		rules_printf(buf + used, len - used, "%s%s",
		    used == 0 ? "" : ", ", rules_subject_name(conf,
		    RULES_GATE, j));
		used = strlen(buf);
		if (used + 1 >= len)
			break;
	}
}

/*
 * A level as an expression shows it: two decimals, more when two would
 * round it ("clears < 0.225", not "clears < 0.23", which is not true).
 */
static const char *
rules_level(char *buf, size_t len, double v)
{
	int	d;

	for (d = 2; d < 6; d++) {
		rules_printf(buf, len, "%.*f", d, v);
		if (fabs(strtod(buf, NULL) - v) <= 1e-9 * (fabs(v) + 1))
			break;
	}
	if (d == 6)
		rules_printf(buf, len, "%.*f", d, v);
	return (buf);
}

/* The subject and metric in words: "Crowd density in Floor". */
static void
rules_what(char *buf, size_t len, const char *metric, const char *name)
{
	if (strcmp(metric, "density") == 0)
		rules_printf(buf, len, "Crowd density in %s", name);
	else if (strcmp(metric, "flow_pmm") == 0)
		rules_printf(buf, len, "Flow through %s", name);
	else if (strcmp(metric, "rul_h") == 0)
		rules_printf(buf, len, "Remaining life of %s", name);
	else if (strcmp(metric, "score") == 0)
		rules_printf(buf, len, "Drift score of %s", name);
	else
		rules_printf(buf, len, "%s of %s", metric, name);
}

/* Fill in expr, and words and action unless given; why may be NULL. */
static void
rules_describe(struct rule *r, const struct vconf *conf, unsigned i,
    const char *why)
{
	const char	*name = rules_subject_name(conf, r->target, i);
	const char	*op = r->below ? "<" : ">";
	const char	*cop = r->below ? ">" : "<";
	const char	*dir = r->below ? "below" : "above", *u = r->unit;
	const char	*sp = (*r->unit != '\0') ? " " : "";
	char		 what[FOHP_TEXT_MAX], hold[48];
	char		 clears[48], win[32], hor[32];
	char		 gates[FOHP_TEXT_MAX], note[FOHP_TEXT_MAX];
	char		 b1[16], b2[64], words[FOHP_TEXT_MAX], lvl[32];
	int		 wears;

	/* A device's status is not only its flags: wear makes it warning
	 * from RULES_WEAR_WARN of its limit, error at it (agent.c). */
	wears = r->target == RULES_DEVICE && conf->devices[i].wear[0] != '\0' &&
	    conf->devices[i].wear_limit > 0;
	rules_what(what, sizeof what, r->metric, name);
	*hold = '\0';
	if (r->for_ms != 0) {
		rules_printf(hold, sizeof hold, " for %s",
		    text_duration(b2, sizeof b2, r->for_ms, 0));
	}
	text_duration(win, sizeof win, r->window_ms, 0);
	text_duration(hor, sizeof hor, (uint64_t)(r->horizon_s * 1000), 0);
	if (why != NULL)
		rules_printf(note, sizeof note, " (%s)", why);
	else
		*note = '\0';

	*clears = '\0';
	*words = '\0';
	switch (r->kind) {
	case FOHP_RK_THRESHOLD:
	case FOHP_RK_RATE:
		if (r->clear != r->threshold) {
			rules_printf(clears, sizeof clears, ", clears %s %s",
			    cop, rules_level(lvl, sizeof lvl, r->clear));
		}
		if (r->kind == FOHP_RK_THRESHOLD) {
			rules_printf(r->expr, sizeof r->expr,
			    "%s %s %.2f%s%s", r->metric, op, r->threshold,
			    hold, clears);
			rules_printf(words, sizeof words, "%s %s %.2f%s%s%s%s",
			    what, dir, r->threshold, sp, u, note, hold);
		} else {
			rules_printf(r->expr, sizeof r->expr,
			    "rate(%s, %s) %s %.2f/min%s%s", r->metric, win,
			    op, r->threshold, hold, clears);
			rules_printf(words, sizeof words, "%s %s faster than "
			    "%.2f%s%s a minute over %s%s%s", what,
			    r->below ? "falling" : "rising", fabs(r->threshold),
			    sp, u, win, note, hold);
		}
		break;
	case FOHP_RK_FORECAST:
		rules_printf(r->expr, sizeof r->expr,
		    "forecast(%s, %s) >= %.2f within %s", r->metric, win,
		    r->threshold, hor);
		rules_printf(words, sizeof words, "%s forecast to reach "
		    "%.2f%s%s%s within %s (least squares over %s, "
		    "r\xc2\xb2 at least %.2f)", what, r->threshold, sp, u, note,
		    hor, win, r->min_r2);
		break;
	case FOHP_RK_STATUS:
		if (r->clear > r->threshold + 1) {
			rules_printf(r->expr, sizeof r->expr, "%s in %s..%s",
			    r->metric, rules_status_name(r->threshold, b1,
			    sizeof b1), rules_status_name(r->clear - 1, b2,
			    sizeof b2));
		} else if (r->clear > r->threshold) {
			rules_printf(r->expr, sizeof r->expr, "%s == %s",
			    r->metric, rules_status_name(r->threshold, b1,
			    sizeof b1));
		} else {
			rules_printf(r->expr, sizeof r->expr, "%s >= %s",
			    r->metric, rules_status_name(r->threshold, b1,
			    sizeof b1));
		}
		if (r->threshold == FOHP_ST_OFFLINE)
			rules_printf(words, sizeof words, "%s is offline (no "
			    "heartbeat, or it says so)%s", name, note);
		else if (r->threshold == FOHP_ST_ERROR)
			rules_printf(words, sizeof words, "%s reports an "
			    "error%s%s", name, wears ? ", or its wear has "
			    "reached its limit" : "", note);
		else if (r->threshold == FOHP_ST_WARNING) {
			if (wears)
				rules_printf(b2, sizeof b2, ", or its wear is "
				    "at %.0f%% of its limit or more",
				    RULES_WEAR_WARN * 100);
			rules_printf(words, sizeof words, "%s reports a "
			    "warning%s%s", name, wears ? b2 : "", note);
		}
		else
			rules_printf(words, sizeof words, "%s: %s (%s)%s",
			    name, r->expr, r->metric, note);
		break;
	case FOHP_RK_RUL:
		rules_printf(r->expr, sizeof r->expr,
		    "%s < %.2f, clears >= %s", r->metric, r->threshold,
		    rules_level(lvl, sizeof lvl, r->clear));
		rules_printf(words, sizeof words, "%s under %.0f%s%s%s", what,
		    r->threshold, sp, u, note);
		break;
	case FOHP_RK_DRIFT:
		rules_printf(r->expr, sizeof r->expr,
		    "%s >= %.2f%s, clears < %s", r->metric, r->threshold,
		    hold, rules_level(lvl, sizeof lvl, r->clear));
		rules_printf(words, sizeof words, "%s at or over %.2f%s%s",
		    what, r->threshold, note, hold);
		break;
	case FOHP_RK_NONE:
	case FOHP_RK_EXTERNAL:
	case FOHP_RK_COUNT:
		break;
	}
	if (*r->words == '\0')
		text_copy(r->words, sizeof r->words, words);

	if (*r->action != '\0')
		return;
	switch (r->target) {
	case RULES_ZONE:
		rules_zone_gates(conf, i, gates, sizeof gates);
		if (*gates != '\0')
			rules_printf(r->action, sizeof r->action, "Hold entry "
			    "at the gates feeding %s (%s) and send stewards "
			    "and signage to %s", name, gates, name);
		else
			rules_printf(r->action, sizeof r->action, "Hold entry "
			    "to %s and send stewards and signage to %s", name,
			    name);
		break;
	case RULES_GATE:
		rules_printf(r->action, sizeof r->action, "Open more lanes or "
		    "meter entry at %s", name);
		break;
	case RULES_DEVICE:
		if (r->kind == FOHP_RK_RUL)
			rules_printf(r->action, sizeof r->action, "Plan a "
			    "replacement for %s", name);
		else
			rules_printf(r->action, sizeof r->action, "Send a "
			    "technician to %s", name);
		break;
	case RULES_MODEL:
		rules_printf(r->action, sizeof r->action, "Check %s's camera "
		    "feeds and recalibrate; trust its counts less until then",
		    name);
		break;
	case RULES_TARGET_COUNT:
		break;
	}
}

/* A fresh rule at the end of the set; NULL and err if full. */
static struct rule *
rules_new(struct rules *rs, char *err, size_t errlen)
{
	struct rule	*r;

	if (rs->n >= RULES_MAX) {
		rules_printf(err, errlen, "too many rules (more than %d)",
		    RULES_MAX);
		return (NULL);
	}
	r = &rs->r[rs->n++];
	memset(r, 0, sizeof *r);
	forecast_init(&r->series);
	return (r);
}

/* Hold of drift rules: [rules] drift_hold, else the built-in one. */
static uint32_t
rules_drift_hold(const struct vconf *conf)
{
	return (conf->has_drift_hold ? conf->drift_hold_ms :
	    RULES_DRIFT_HOLD_MS);
}

/* Share of its threshold where a drift rule clears. */
static double
rules_drift_clear(const struct vconf *conf)
{
	return (conf->drift_clear > 0 ? conf->drift_clear :
	    RULES_DRIFT_CLEAR);
}

/* Flap limits of a rule: its [rule]'s (cr may be NULL), [rules]', built-in. */
static void
rules_flap_set(struct rule *r, const struct vconf *conf,
    const struct vconf_rule *cr)
{
	if (cr != NULL && cr->has_flap_transitions)
		r->flap_transitions = cr->flap_transitions;
	else if (conf->has_flap_transitions)
		r->flap_transitions = conf->flap_transitions;
	else
		r->flap_transitions = RULES_FLAP_TRANSITIONS;
	if (cr != NULL && cr->flap_window_ms > 0)
		r->flap_window_ms = cr->flap_window_ms;
	else if (conf->flap_window_ms > 0)
		r->flap_window_ms = conf->flap_window_ms;
	else
		r->flap_window_ms = RULES_FLAP_WINDOW_MS;
}

/* Add one configured rule for subject i. */
static int
rules_add_configured(struct rules *rs, const struct vconf *conf,
    const struct vconf_rule *cr, enum fohp_rule_kind kind,
    enum rules_target target, unsigned i, char *err, size_t errlen)
{
	struct rule	*r;

	if ((r = rules_new(rs, err, errlen)) == NULL)
		return (-1);
	text_copy(r->id, sizeof r->id, cr->id);
	r->kind = kind;
	r->target = target;
	text_copy(r->subject, sizeof r->subject,
	    rules_subject_id(conf, target, i));
	text_copy(r->metric, sizeof r->metric, *cr->metric != '\0' ?
	    cr->metric : rules_default_metric(target, kind));
	r->below = cr->below;
	r->threshold = cr->threshold;
	r->for_ms = cr->for_ms;
	r->window_ms = cr->window_ms;
	r->horizon_s = cr->horizon_s;
	r->min_r2 = cr->min_r2;
	r->escalate_ms = cr->escalate_ms;
	r->severity = cr->severity;
	text_copy(r->unit, sizeof r->unit, rules_unit(r->metric));
	text_copy(r->words, sizeof r->words, cr->words);
	text_copy(r->action, sizeof r->action, cr->action);
	text_copy(r->hook, sizeof r->hook, cr->hook);

	/* What the section leaves out (0) is taken as the default. */
	rules_flap_set(r, conf, cr);
	if (kind == FOHP_RK_DRIFT && !cr->has_for)
		r->for_ms = rules_drift_hold(conf);
	if (cr->has_clear)
		r->clear = cr->clear;
	else if (kind == FOHP_RK_RUL)
		r->clear = rules_hysteresis(r->threshold, 1);
	else if (kind == FOHP_RK_DRIFT)
		r->clear = r->threshold * rules_drift_clear(conf);
	else if (kind == FOHP_RK_STATUS)
		r->clear = 0;		/* no upper bound */
	else
		r->clear = rules_hysteresis(r->threshold, r->below);
	if (kind == FOHP_RK_RATE && r->window_ms == 0)
		r->window_ms = RULES_MIN;
	if (kind == FOHP_RK_FORECAST) {
		if (r->window_ms == 0)
			r->window_ms = target == RULES_ZONE ?
			    5 * RULES_MIN : 15 * RULES_MIN;
		if (r->horizon_s <= 0)
			r->horizon_s = target == RULES_ZONE ? 600 : 900;
		if (r->min_r2 <= 0)
			r->min_r2 = RULES_MIN_R2;
	}
	rules_describe(r, conf, i, NULL);
	return (0);
}

/* Expand one [rule] section over its subjects. */
static int
rules_expand(struct rules *rs, const struct vconf *conf,
    const struct vconf_rule *cr, char *err, size_t errlen)
{
	enum fohp_rule_kind	kind;
	int			target, i;
	unsigned		j, n;

	if ((kind = rules_kind_parse(cr->kind)) == FOHP_RK_NONE) {
		rules_printf(err, errlen, "rule %s: unknown kind \"%s\"",
		    cr->id, cr->kind);
		return (-1);
	}
	if ((target = rules_target_parse(cr->target)) < 0) {
		rules_printf(err, errlen, "rule %s: unknown target \"%s\"",
		    cr->id, cr->target);
		return (-1);
	}
	if (strcmp(cr->subject, "*") == 0) {
		n = rules_nsubjects(conf, target);
		for (j = 0; j < n; j++) {
			if (rules_add_configured(rs, conf, cr, kind, target, j,
			    err, errlen) != 0)
				return (-1);
		}
		return (0);
	}
	if ((i = rules_subject_find(conf, target, cr->subject)) < 0) {
		rules_printf(err, errlen, "rule %s: no %s \"%s\"", cr->id,
		    rules_target_names[target], cr->subject);
		return (-1);
	}
	return (rules_add_configured(rs, conf, cr, kind, target, i, err,
	    errlen));
}

/* Whether one of the first n rules watches this subject's kind and metric. */
static int
rules_covered(const struct rules *rs, unsigned n, enum rules_target target,
    const char *subject, enum fohp_rule_kind kind, const char *metric)
{
	const struct rule	*r;
	unsigned		 i;

	for (i = 0; i < n; i++) {
		r = &rs->r[i];
		if (r->target == target && r->kind == kind &&
		    strcmp(r->subject, subject) == 0 &&
		    strcmp(r->metric, metric) == 0)
			return (1);
	}
	return (0);
}

/*
 * Threshold, clear and why of a default for subject i; 0 if the subject
 * does not have what the rule needs (a device without a wear limit).
 */
static int
rules_default_level(const struct vconf *conf, const struct rules_default *d,
    unsigned i, double *threshold, double *clear, const char **why)
{
	const struct vconf_model	*m;
	double				 warn, crit;
	const char			*warn_why, *crit_why;

	switch (d->level) {
	case RULES_DENSITY_CRIT:
	case RULES_DENSITY_WARN:
		rules_zone_levels(conf, i, &warn, &crit, &warn_why, &crit_why);
		*threshold = d->level == RULES_DENSITY_CRIT ? crit : warn;
		*why = d->level == RULES_DENSITY_CRIT ? crit_why : warn_why;
		*clear = rules_hysteresis(*threshold, 0);
		return (1);
	case RULES_FLOW_LIMIT:
		*threshold = FLOW_LIMIT_LEVEL;
		*clear = rules_hysteresis(*threshold, 0);
		*why = "Green Guide limit on the level";
		return (1);
	case RULES_STATUS_WARNING:
		*threshold = FOHP_ST_WARNING;
		*clear = FOHP_ST_ERROR;		/* warning only */
		*why = NULL;
		return (1);
	case RULES_STATUS_ERROR:
		*threshold = FOHP_ST_ERROR;
		*clear = FOHP_ST_OFFLINE;	/* error only */
		*why = NULL;
		return (1);
	case RULES_STATUS_OFFLINE:
		*threshold = FOHP_ST_OFFLINE;
		*clear = 0;
		*why = NULL;
		return (1);
	case RULES_RUL:
		if (*conf->devices[i].wear == '\0' ||
		    !(conf->devices[i].wear_limit > 0))
			return (0);
		*threshold = RULES_RUL_FLOOR;
		*clear = rules_hysteresis(*threshold, 1);
		*why = NULL;
		return (1);
	case RULES_DRIFT_WARN:
	case RULES_DRIFT_CRIT:
		m = &conf->models[i];
		if (d->level == RULES_DRIFT_WARN) {
			*threshold = m->warn > 0 ? m->warn : RULES_PSI_MODERATE;
			*why = "moderate shift";
		} else {
			*threshold = m->crit > 0 ? m->crit : RULES_PSI_MAJOR;
			*why = "major shift";
		}
		*clear = *threshold * rules_drift_clear(conf);
		return (1);
	}
	return (0);
}

/* Add the default d for subject i. */
static int
rules_add_default(struct rules *rs, const struct vconf *conf,
    const struct rules_default *d, unsigned i, char *err, size_t errlen)
{
	struct rule	*r;
	double		 threshold, clear;
	const char	*why, *name;
	char		 wear[FOHP_TEXT_MAX];

	if (!rules_default_level(conf, d, i, &threshold, &clear, &why))
		return (0);
	if ((r = rules_new(rs, err, errlen)) == NULL)
		return (-1);
	text_copy(r->id, sizeof r->id, d->id);
	r->kind = d->kind;
	r->target = d->target;
	text_copy(r->subject, sizeof r->subject,
	    rules_subject_id(conf, d->target, i));
	text_copy(r->metric, sizeof r->metric, d->metric);
	r->threshold = threshold;
	r->clear = clear;
	r->for_ms = d->kind == FOHP_RK_DRIFT ? rules_drift_hold(conf) :
	    d->for_ms;
	r->window_ms = d->window_ms;
	r->horizon_s = d->horizon_s;
	r->min_r2 = d->kind == FOHP_RK_FORECAST ? RULES_MIN_R2 : 0;
	rules_flap_set(r, conf, NULL);
	r->escalate_ms = d->escalate_ms;
	r->severity = d->severity;
	text_copy(r->unit, sizeof r->unit, rules_unit(r->metric));
	if (d->kind == FOHP_RK_RUL) {
		rules_printf(wear, sizeof wear, "%s toward %g",
		    conf->devices[i].wear, conf->devices[i].wear_limit);
		why = wear;
	}
	if (d->target == RULES_MODEL) {
		name = conf->models[i].method;
		if (*name != '\0' && why != NULL) {
			rules_printf(wear, sizeof wear, "%s, %s", name, why);
			why = wear;
		}
	}
	rules_describe(r, conf, i, why);
	return (0);
}

/* Expand the configured rules, then add defaults for what they leave. */
int
rules_build(struct rules *rs, const struct vconf *conf, char *err,
    size_t errlen)
{
	const struct rules_default	*d;
	unsigned			 i, j, nconf;
	size_t				 k;

	rs->n = 0;
	if ((rs->r = calloc(RULES_MAX, sizeof *rs->r)) == NULL) {
		rules_printf(err, errlen, "out of memory");
		return (-1);
	}
	for (i = 0; i < conf->nrules && i < VCONF_RULES_MAX; i++) {
		if (rules_expand(rs, conf, &conf->rules[i], err, errlen) != 0)
			goto fail;
	}
	nconf = rs->n;

	for (k = 0; k < sizeof rules_defaults / sizeof rules_defaults[0];
	    k++) {
		d = &rules_defaults[k];
		for (j = 0; j < rules_nsubjects(conf, d->target); j++) {
			if (rules_covered(rs, nconf, d->target,
			    rules_subject_id(conf, d->target, j), d->kind,
			    d->metric))
				continue;
			if (rules_add_default(rs, conf, d, j, err, errlen) != 0)
				goto fail;
		}
	}
	return (0);

fail:
	rules_free(rs);
	return (-1);
}

/* Free the rules. */
void
rules_free(struct rules *rs)
{
	free(rs->r);
	rs->r = NULL;
	rs->n = 0;
}

/* Spacing of a rule's series: its window over 60 samples, else 1 s. */
static uint32_t
rules_step(const struct rule *r)
{
	if ((r->kind == FOHP_RK_RATE || r->kind == FOHP_RK_FORECAST) &&
	    r->window_ms >= FOHP_WINDOW_MAX * RULES_SEC)
		return (r->window_ms / FOHP_WINDOW_MAX);
	return (RULES_SEC);
}

/* Whether v is past a level in the rule's direction (strictly). */
static int
rules_past(const struct rule *r, double v, double level)
{
	return (r->below ? v < level : v > level);
}

/* Test a rule against the new value: fill ev, set on and off. */
static void
rules_test(struct rule *r, double value, struct rules_eval *ev, int *on,
    int *off)
{
	enum forecast_state	st;
	double			rate;

	ev->value = value;
	ev->threshold = r->threshold;
	*on = *off = 0;
	switch (r->kind) {
	case FOHP_RK_THRESHOLD:
		*on = rules_past(r, value, r->threshold);
		*off = !*on && !rules_past(r, value, r->clear) &&
		    value != r->clear;
		break;
	case FOHP_RK_RATE:
		rate = forecast_rate(&r->series, r->window_ms);
		ev->value = rate;
		if (isnan(rate))
			break;		/* too early to say either way */
		*on = rules_past(r, rate, r->threshold);
		*off = !*on && !rules_past(r, rate, r->clear) &&
		    rate != r->clear;
		break;
	case FOHP_RK_FORECAST:
		st = forecast_eval(&r->series, r->window_ms, r->threshold,
		    r->horizon_s, r->min_r2, &ev->fc);
		ev->has_fc = 1;
		*on = (st == FORECAST_CROSSING || st == FORECAST_ALREADY);
		*off = !*on;
		break;
	case FOHP_RK_STATUS:
		*on = value >= r->threshold &&
		    (r->clear <= r->threshold || value < r->clear);
		*off = !*on;
		break;
	case FOHP_RK_RUL:
		*on = value < r->threshold;
		*off = !*on && value >= r->clear;
		break;
	case FOHP_RK_DRIFT:
		*on = value >= r->threshold;
		*off = !*on && value < r->clear;
		break;
	case FOHP_RK_NONE:
	case FOHP_RK_EXTERNAL:
	case FOHP_RK_COUNT:
		break;
	}
	ev->margin = ev->value - r->threshold;
	ev->on = *on;
}

/* How many transitions lie within the rule's flap window at now. */
unsigned
rules_flaps(const struct rule *r, uint64_t now)
{
	unsigned	i, n = 0;
	uint64_t	t;

	for (i = 0; i < r->nflap; i++) {
		t = r->flap_t[(r->flap_head + RULES_FLAP_MAX - 1 - i) %
		    RULES_FLAP_MAX];
		/* A time ahead of now (the clock went back) still counts. */
		if (t > now || now - t < r->flap_window_ms)
			n++;
	}
	return (n);
}

/* Remember a transition at t. */
static void
rules_flap_note(struct rule *r, uint64_t t)
{
	r->flap_t[r->flap_head] = t;
	r->flap_head = (uint8_t)((r->flap_head + 1) % RULES_FLAP_MAX);
	if (r->nflap < RULES_FLAP_MAX)
		r->nflap++;
}

/*
 * The condition fired or cleared at t (ev reports it): count it, and flap
 * from the transition that brings the count to the limit; while flapping
 * the change is RULES_FLAP.
 */
static void
rules_transition(struct rule *r, uint64_t t, struct rules_eval *ev)
{
	rules_flap_note(r, t);
	ev->transition = 1;
	if (r->flap_transitions > 0 &&
	    rules_flaps(r, t) >= r->flap_transitions)
		r->flapping = 1;
	if (r->flapping)
		ev->change = RULES_FLAP;
}

/* Fill an evaluation's count of transitions (rule->firing says whether
 * it holds now). */
static void
rules_eval_flaps(const struct rule *r, uint64_t now, struct rules_eval *ev)
{
	unsigned	c = rules_flaps(r, now);

	ev->flaps = (uint8_t)(c > UINT8_MAX ? UINT8_MAX : c);
}

/* A flapping alert was restored: flap again, as of now. */
void
rules_flap_restore(struct rule *r, unsigned flaps, uint64_t now)
{
	unsigned	i;

	r->nflap = r->flap_head = 0;
	r->flapping = flaps > 0;
	for (i = 0; i < flaps && i < RULES_FLAP_MAX; i++)
		rules_flap_note(r, now);
}

/*
 * A restart restored the rule's alert with its last journalled value v:
 * judge it on v until a new value comes, and if v had cleared the
 * condition (a flapping alert saved while clear) the rule is not firing.
 */
void
rules_restore_value(struct rule *r, double v)
{
	struct rules_eval	ev;
	int			on, off;

	if (r->series.n != 0 || !isfinite(v))
		return;
	r->last = v;
	memset(&ev, 0, sizeof(ev));
	rules_test(r, v, &ev, &on, &off);
	if (off)
		r->firing = r->holding = 0;
}

/* Carry flap state (and, while flapping, the condition) across a reload. */
void
rules_carry(struct rules *to, const struct rules *from)
{
	const struct rule	*o;
	struct rule		*r;
	unsigned		 i, j;

	for (i = 0; i < to->n; i++) {
		r = &to->r[i];
		for (j = 0; j < from->n; j++) {
			o = &from->r[j];
			if (strcmp(o->id, r->id) != 0 ||
			    strcmp(o->subject, r->subject) != 0)
				continue;
			r->nflap = o->nflap;
			r->flap_head = o->flap_head;
			memcpy(r->flap_t, o->flap_t, sizeof r->flap_t);
			r->flapping = o->flapping;
			if (o->flapping) {
				r->firing = o->firing;
				r->holding = o->holding;
				r->holding_since = o->holding_since;
				r->last = o->last;
			}
			break;
		}
	}
}

/* How long the condition has held at t_ms (0 if the clock went back). */
static uint64_t
rules_held(const struct rule *r, uint64_t t_ms)
{
	return (t_ms > r->holding_since ? t_ms - r->holding_since : 0);
}

/*
 * A new value for (target, subject, metric). When out is full, the rules
 * after it still record the value but keep their state, so a change is
 * reported on a later observation rather than lost.
 */
unsigned
rules_observe(struct rules *rs, enum rules_target target,
    const char *subject, const char *metric, double value, uint64_t t_ms,
    struct rules_eval *out, unsigned max)
{
	struct rule		*r;
	struct rules_eval	 ev;
	enum rules_change	 change;
	unsigned		 i, n = 0;
	int			 on, off;

	if (!isfinite(value))
		return (0);
	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		if (r->target != target || strcmp(r->subject, subject) != 0 ||
		    strcmp(r->metric, metric) != 0)
			continue;
		series_add_every(&r->series, t_ms, value, rules_step(r));
		r->last = value;

		memset(&ev, 0, sizeof ev);
		ev.rule = r;
		rules_test(r, value, &ev, &on, &off);

		change = 0;
		if (!r->firing) {
			if (!on)
				r->holding = 0;
			else {
				if (!r->holding) {
					r->holding = 1;
					r->holding_since = t_ms;
				}
				if (rules_held(r, t_ms) >= r->for_ms)
					change = RULES_FIRE;
			}
			/* Flapping, the held alert follows every value. */
			if (change == 0 && !r->flapping)
				continue;
		} else {
			r->holding = on;
			change = off ? RULES_CLEAR : RULES_UPDATE;
		}
		if (n >= max)
			continue;
		ev.change = change != 0 ? change : RULES_FLAP;
		ev.held_ms = r->firing || r->holding ? rules_held(r, t_ms) : 0;
		if (change == RULES_FIRE) {
			r->firing = 1;
			rules_transition(r, t_ms, &ev);
		} else if (change == RULES_CLEAR) {
			r->firing = 0;
			r->holding = 0;
			rules_transition(r, t_ms, &ev);
		} else if (r->flapping)
			ev.change = RULES_FLAP;
		rules_eval_flaps(r, t_ms, &ev);
		out[n++] = ev;
	}
	return (n);
}

/*
 * Time passes: fire the rules whose hold ran out with no new value, settle
 * the flapping ones that have calmed down.
 */
unsigned
rules_tick(struct rules *rs, uint64_t now_ms, struct rules_eval *out,
    unsigned max)
{
	struct rule		*r;
	struct rules_eval	 ev;
	unsigned		 i, c, n = 0;
	int			 on, off;

	for (i = 0; i < rs->n && n < max; i++) {
		r = &rs->r[i];
		if (r->firing || !r->holding)
			continue;
		/* The clock went back past the start of the hold: count it
		 * from now, so a step delays the alert by for_ms at most. */
		if (now_ms < r->holding_since)
			r->holding_since = now_ms;
		if (rules_held(r, now_ms) < r->for_ms)
			continue;
		memset(&ev, 0, sizeof ev);
		ev.rule = r;
		rules_test(r, r->last, &ev, &on, &off);
		if (!on)
			continue;
		ev.change = RULES_FIRE;
		ev.held_ms = rules_held(r, now_ms);
		r->firing = 1;
		rules_transition(r, now_ms, &ev);
		rules_eval_flaps(r, now_ms, &ev);
		out[n++] = ev;
	}

	/* Flapping rules whose window has emptied enough settle. */
	for (i = 0; i < rs->n && n < max; i++) {
		r = &rs->r[i];
		if (!r->flapping)
			continue;
		c = rules_flaps(r, now_ms);
		if (r->flap_transitions != 0 && c * 2 >= r->flap_transitions)
			continue;
		r->flapping = 0;
		memset(&ev, 0, sizeof ev);
		ev.rule = r;
		rules_test(r, r->last, &ev, &on, &off);
		ev.change = r->firing ? RULES_SETTLE : RULES_CLEAR;
		ev.held_ms = r->firing ? rules_held(r, now_ms) : 0;
		rules_eval_flaps(r, now_ms, &ev);
		out[n++] = ev;
	}
	return (n);
}

/* The rule's last FOHP_WINDOW_MAX values, oldest first, and their step. */
void
rules_window(const struct rule *r, float *out, uint8_t *n, uint32_t *step_ms)
{
	const struct series	*s = &r->series;
	unsigned		 k, i, first;
	double			 v;

	k = s->n < FOHP_WINDOW_MAX ? s->n : FOHP_WINDOW_MAX;
	first = s->n - k;
	for (i = 0; i < k; i++) {
		v = series_v(s, first + i);
		if (v > FLT_MAX)
			out[i] = FLT_MAX;
		else if (v < -FLT_MAX)
			out[i] = -FLT_MAX;
		else
			out[i] = (float)v;
	}
	*n = (uint8_t)k;
	*step_ms = 0;
	if (k >= 2)
		*step_ms = (uint32_t)((series_t(s, s->n - 1) -
		    series_t(s, first)) / (k - 1));
}
