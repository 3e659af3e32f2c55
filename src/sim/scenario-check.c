/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * scenario-check.c: the checks that need a whole section, run once the
 * file is read: what each kind of event needs, its window against the
 * scenario's duration, its target in the venue, and defaults that depend
 * on the venue (a model's baseline feature, a device's units, a gate's cap).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scenario-priv.h"

#define SCENARIO_GREEN_GUIDE	82.0	/* persons per metre per minute */

/* Each event kind's word in a scenario file, by enum scenario_ev. */
const char *const scenario_ev_names[SCENARIO_EV_COUNT] = {
	"ramp", "gate", "telemetry", "drift", "alert"
};

/* Count the distinct metric or flag names a device will carry. */
static unsigned
scenario_device_names(const struct scenario *s, int dev, int flags,
    const struct scenario_event *upto)
{
	const struct scenario_kind_def	*k;
	const struct vconf_device	*d = &s->venue->devices[dev];
	const char			*names[64];
	unsigned			 n = 0, i, j;

	k = scenario_kind_def(d->dkind);
	if (flags) {
		for (i = 0; k->flags[i] != NULL; i++)
			names[n++] = k->flags[i];
	} else {
		for (i = 0; k->metrics[i].name != NULL; i++)
			names[n++] = k->metrics[i].name;
		if (d->wear[0] != '\0' && !scenario_kind_has(k, d->wear))
			names[n++] = d->wear;
	}
	for (i = 0; i < s->nevents && &s->events[i] <= upto; i++) {
		const struct scenario_event	*e = &s->events[i];
		const char			*nm;

		if (e->kind != SCENARIO_EV_TELEMETRY || e->target != dev)
			continue;
		nm = flags ? e->flag : e->metric;
		if (*nm == '\0')
			continue;
		for (j = 0; j < n; j++) {
			if (strcmp(names[j], nm) == 0)
				break;
		}
		if (j == n && n < 64)
			names[n++] = nm;
	}
	return (n);
}

/* Check one event once its section is read; fills p->error. */
int
scenario_check_event(struct scenario_parse *p, struct scenario_event *e)
{
	struct scenario		*s = p->s;
	const char		*k = scenario_ev_names[e->kind];
	static const char	*targets[SCENARIO_EV_COUNT] = {
		"zone", "gate", "device", "model", NULL
	};

	if (targets[e->kind] != NULL && e->target < 0) {
		snprintf(p->error, sizeof(p->error), "[%s %s] needs %s = ID", k,
		    e->name, targets[e->kind]);
		return (-1);
	}
	if (e->kind == SCENARIO_EV_ALERT) {
		if (isnan(e->from_s) || e->source[0] == '\0' ||
		    e->subject[0] == '\0' || e->title[0] == '\0') {
			snprintf(p->error, sizeof(p->error), "[alert %s] needs "
			    "at_s, source, subject and title", e->name);
			return (-1);
		}
		if (e->from_s > s->duration_s)
			goto late;
		return (0);
	}
	if (isnan(e->from_s) || isnan(e->to_s)) {
		snprintf(p->error, sizeof(p->error), "[%s %s] needs from_s and "
		    "to_s", k, e->name);
		return (-1);
	}
	if (e->to_s <= e->from_s) {
		snprintf(p->error, sizeof(p->error), "[%s %s] to_s %g must be "
		    "after from_s %g", k, e->name, e->to_s, e->from_s);
		return (-1);
	}
	if (e->to_s > s->duration_s)
		goto late;

	if (e->kind == SCENARIO_EV_DRIFT) {
		struct scenario_model	*m = &s->models[e->target];
		unsigned		 i;

		if (e->feature[0] == '\0' || !e->has_to) {
			snprintf(p->error, sizeof(p->error), "[drift %s] needs "
			    "feature and mean_to", e->name);
			return (-1);
		}
		for (i = 0; i < m->nfeatures; i++) {
			if (strcmp(m->features[i].name, e->feature) == 0)
				break;
		}
		if (i == m->nfeatures) {
			if (!e->has_from) {
				snprintf(p->error, sizeof(p->error), "[drift "
				    "%s] feature %s is not in model %s's "
				    "baseline: give mean_from", e->name,
				    e->feature, s->venue->models[e->target].id);
				return (-1);
			}
			if (scenario_add_feature(m, e->feature, e->from,
			    isnan(e->sd) ? fabs(e->from) * 0.1 : e->sd) != 0) {
				snprintf(p->error, sizeof(p->error), "[drift "
				    "%s]: model %s would have more than %d "
				    "features", e->name,
				    s->venue->models[e->target].id,
				    FOHP_FEATURES_MAX);
				return (-1);
			}
		}
		if (!e->has_from) {
			e->from = m->features[i].mean;
			e->has_from = 1;
		}
		if (isnan(e->sd))
			e->sd = m->features[i].sd;
	}
	if (e->kind == SCENARIO_EV_TELEMETRY) {
		const struct vconf_device *d = &s->venue->devices[e->target];

		if (e->metric[0] == '\0' && (e->flag[0] == '\0' ||
		    e->level < 0)) {
			snprintf(p->error, sizeof(p->error), "[telemetry %s] "
			    "needs metric, or flag and level", e->name);
			return (-1);
		}
		if (e->metric[0] == '\0' && !e->has_from) {
			e->from = 0;
			e->has_from = e->has_to = 1;
		}
		if (e->flag[0] != '\0' && e->level < 0 &&
		    isnan(e->warn_at) && isnan(e->error_at)) {
			snprintf(p->error, sizeof(p->error), "[telemetry %s] "
			    "flag %s needs warn_at, error_at or level", e->name,
			    e->flag);
			return (-1);
		}
		if (e->scale == -1) {
			if (d->wear_limit <= 0) {
				snprintf(p->error, sizeof(p->error), "[telemetry "
				    "%s] scale = wear_limit, but device %s has "
				    "no wear_limit", e->name, d->id);
				return (-1);
			}
			e->scale = d->wear_limit;
		}
		if (scenario_device_names(s, e->target, 0, e) >
		    FOHP_METRICS_MAX ||
		    scenario_device_names(s, e->target, 1, e) >
		    READING_FLAGS_MAX) {
			snprintf(p->error, sizeof(p->error), "[telemetry %s]: "
			    "device %s would carry more than %d metrics or "
			    "flags", e->name, d->id, FOHP_METRICS_MAX);
			return (-1);
		}
		if (e->unit[0] == '\0' && e->metric[0] != '\0') {
			const struct scenario_kind_def	*kd;
			unsigned			 i;

			kd = scenario_kind_def(d->dkind);
			for (i = 0; kd->metrics[i].name != NULL; i++) {
				if (strcmp(kd->metrics[i].name, e->metric) == 0)
					strcpy(e->unit, kd->metrics[i].unit);
			}
		}
	}
	if (!e->has_from) {
		snprintf(p->error, sizeof(p->error), "[%s %s] needs %s", k,
		    e->name, e->kind == SCENARIO_EV_DRIFT ? "mean_from" :
		    "from");
		return (-1);
	}
	if (e->kind == SCENARIO_EV_GATE && !isnan(e->growth)) {
		if (e->has_to) {
			snprintf(p->error, sizeof(p->error), "[gate %s] give "
			    "either growth or to, not both", e->name);
			return (-1);
		}
		e->shape = SCENARIO_GEOMETRIC;
	} else if (e->shape != SCENARIO_HOLD && !e->has_to) {
		snprintf(p->error, sizeof(p->error), "[%s %s] needs %s%s", k,
		    e->name, e->kind == SCENARIO_EV_DRIFT ? "mean_to" : "to",
		    e->kind == SCENARIO_EV_GATE ? " or growth" : "");
		return (-1);
	}
	if (e->shape == SCENARIO_HOLD && !e->has_to)
		e->to = e->from;
	if (e->shape == SCENARIO_GEOMETRIC && (e->from <= 0 ||
	    (e->has_to && e->to <= 0))) {
		snprintf(p->error, sizeof(p->error), "[%s %s] a geometric shape "
		    "needs values above 0", k, e->name);
		return (-1);
	}
	if ((e->kind == SCENARIO_EV_RAMP || e->kind == SCENARIO_EV_GATE) &&
	    (e->from < 0 || e->to < 0)) {
		snprintf(p->error, sizeof(p->error), "[%s %s] values must not "
		    "be negative", k, e->name);
		return (-1);
	}
	if (e->kind == SCENARIO_EV_GATE && e->max < 0) {
		double	w = s->venue->gates[e->target].width_m;

		e->max = w > 0 ? SCENARIO_GREEN_GUIDE * w : 0;
	}
	return (0);
late:
	snprintf(p->error, sizeof(p->error), "[%s %s] ends at %g s, after "
	    "duration_s %g", k, e->name, e->kind == SCENARIO_EV_ALERT ?
	    e->from_s : e->to_s, s->duration_s);
	return (-1);
}

/* Add or change a feature of a model's baseline. */
int
scenario_add_feature(struct scenario_model *m, const char *name, double mean,
    double sd)
{
	unsigned	i;

	for (i = 0; i < m->nfeatures; i++) {
		if (strcmp(m->features[i].name, name) == 0)
			break;
	}
	if (i == m->nfeatures) {
		if (m->nfeatures == FOHP_FEATURES_MAX)
			return (-1);
		m->nfeatures++;
		strcpy(m->features[i].name, name);
	}
	m->features[i].mean = mean;
	m->features[i].sd = sd;
	return (0);
}
