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
 * The words, expression and action of each rule: rules-words.c. Evaluating
 * values against the rules, holds, clears and flapping: rules-eval.c.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "band.h"
#include "flow.h"
#include "rules-priv.h"
#include "lib/text.h"

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

/* The clear level RULES_HYSTERESIS back from a threshold. */
static double
rules_hysteresis(double threshold, int below)
{
	double	d = fabs(threshold) * RULES_HYSTERESIS;

	return (below ? threshold + d : threshold - d);
}

/* Density warn and crit levels of zone i, with why. */
void
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
	text_copy(r->publish, sizeof r->publish, cr->publish);
	text_copy(r->webhook, sizeof r->webhook, cr->webhook);

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

/*
 * Issue 16: [actions]' publish and webhook for the zone and gate rules
 * (the crowd's) that have an action and no target of their own.
 */
static void
rules_targets(struct rules *rs, const struct vconf *conf)
{
	struct rule	*r;
	unsigned	 i;

	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		if ((r->target != RULES_ZONE && r->target != RULES_GATE) ||
		    r->action[0] == '\0')
			continue;
		if (r->publish[0] == '\0')
			text_copy(r->publish, sizeof r->publish,
			    conf->actions_publish);
		if (r->webhook[0] == '\0')
			text_copy(r->webhook, sizeof r->webhook,
			    conf->actions_webhook);
	}
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
	rules_targets(rs, conf);
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
