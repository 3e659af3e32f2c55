/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * scenario-play.c: turn a scenario into readings over time.
 *
 * At each tick every quantity (a zone's fraction of capacity, a gate's rate
 * per minute, a device metric, a model feature's mean) is resolved the same
 * way: an event active at t wins, the later one in the file if two are;
 * otherwise the event that ended last and holds its end value (after = hold);
 * otherwise the implicit baseline. A little seeded noise is added on top, so
 * one seed always gives the same readings.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lib/rng.h"
#include "scenario-priv.h"

#define SCENARIO_GATE_BASE	2.0	/* baseline flow, per metre per min */

/* Baseline telemetry of each device kind; the last is for any other. */
static const struct scenario_kind_def scenario_kinds[] = {
	{ "amplifier", {
		{ "heatsink_c", "C", 42, 0.4 },
		{ "thermal", "%", 35, 0.5 },
		{ "clip", "count", 0, 0 },
		{ "load", "ohm", 8, 0.02 },
		{ "line_v", "V", 230, 1 },
		{ NULL, NULL, 0, 0 } },
	  { "protect", "clip", "thermal", NULL } },
	{ "projector", {
		{ "temperature", "C", 38, 0.3 },
		{ "filter_hours", "h", 120, 0 },
		{ NULL, NULL, 0, 0 } },
	  { "fan", "lamp", "temperature", "cover", "filter", NULL } },
	{ "ledwall", {
		{ "supply_v", "V", 5.0, 0.02 },
		{ "link", "cards", 1, 0 },
		{ "temperature", "C", 35, 0.3 },
		{ NULL, NULL, 0, 0 } },
	  { "link", "power", NULL } },
	{ "other", {
		{ "temperature", "C", 30, 0.3 },
		{ NULL, NULL, 0, 0 } },
	  { NULL } },
};

/* The baseline telemetry table of a device kind. */
const struct scenario_kind_def *
scenario_kind_def(const char *dkind)
{
	size_t	i;

	for (i = 0; i < sizeof(scenario_kinds) / sizeof(scenario_kinds[0]);
	    i++) {
		if (strcmp(scenario_kinds[i].dkind, dkind) == 0)
			return (&scenario_kinds[i]);
	}
	return (&scenario_kinds[sizeof(scenario_kinds) /
	    sizeof(scenario_kinds[0]) - 1]);
}

/* Does a device kind's baseline carry this metric? */
int
scenario_kind_has(const struct scenario_kind_def *k, const char *metric)
{
	unsigned	i;

	for (i = 0; k->metrics[i].name != NULL; i++) {
		if (strcmp(k->metrics[i].name, metric) == 0)
			return (1);
	}
	return (0);
}

/* Start again from t = 0 with a seed. */
void
scenario_reseed(struct scenario *s, uint64_t seed)
{
	const struct vconf	*v = s->venue;
	unsigned		 i;

	s->seed = seed;
	rng_seed(&s->rng, seed);
	for (i = 0; i < v->layout.nzones; i++) {
		const struct fohp_zone_def	*d = &v->layout.zones[i];
		struct scenario_zone		*z = &s->zones[i];

		z->full = d->capacity > 0 ? d->capacity : d->area_m2 * 4.0;
		z->base = s->baseline >= 0 ? s->baseline :
		    0.25 + 0.35 * rng_uniform(&s->rng);
		z->swing = s->swing * (0.5 + rng_uniform(&s->rng));
		z->phase = 2 * M_PI * rng_uniform(&s->rng);
	}
	memset(s->gates, 0, sizeof(s->gates));
	s->raster_last = -1;
	for (i = 0; i < v->ndevices; i++) {
		const struct vconf_device	*d = &v->devices[i];

		s->devices[i].last = -1;
		s->devices[i].wear0 = d->wear_limit > 0 ?
		    d->wear_limit * (0.2 + 0.4 * rng_uniform(&s->rng)) :
		    100 + 900 * rng_uniform(&s->rng);
	}
	for (i = 0; i < v->nmodels; i++)
		s->models[i].last = -1;
	for (i = 0; i < s->nevents; i++)
		s->events[i].fired = 0;
}

/* An event's value at t, in its own units (t clamped to its window). */
static double
scenario_value(const struct scenario_event *e, double t)
{
	double	u;

	if (t < e->from_s)
		t = e->from_s;
	if (t > e->to_s)
		t = e->to_s;
	u = (t - e->from_s) / (e->to_s - e->from_s);
	switch (e->shape) {
	case SCENARIO_HOLD:
		return (e->from);
	case SCENARIO_GEOMETRIC:
		if (!isnan(e->growth))
			return (e->from * pow(1 + e->growth,
			    (t - e->from_s) / e->every_s));
		return (e->from * pow(e->to / e->from, u));
	case SCENARIO_LINEAR:
	default:
		return (e->from + (e->to - e->from) * u);
	}
}

/*
 * The event that sets a quantity at t: an active one (the last in the
 * file), else the one that ended last and holds. NULL for the baseline.
 * Events match on kind, target and, if given, the key (metric, feature,
 * gate direction).
 */
static const struct scenario_event *
scenario_resolve(const struct scenario *s, enum scenario_ev_kind kind,
    int target, const char *key, int dir_out, double t)
{
	const struct scenario_event	*e, *active = NULL, *held = NULL;
	unsigned			 i;

	for (i = 0; i < s->nevents; i++) {
		e = &s->events[i];
		if (e->kind != kind || e->target != target)
			continue;
		if (kind == SCENARIO_EV_GATE && e->dir_out != dir_out)
			continue;
		if (kind == SCENARIO_EV_TELEMETRY && strcmp(e->metric, key) != 0)
			continue;
		if (kind == SCENARIO_EV_DRIFT && strcmp(e->feature, key) != 0)
			continue;
		if (t >= e->from_s && t <= e->to_s)
			active = e;
		else if (t > e->to_s && e->hold_after &&
		    (held == NULL || e->to_s >= held->to_s))
			held = e;
	}
	return (active != NULL ? active : held);
}

/* Room for one more reading? */
static struct reading *
scenario_add(struct reading_batch *out, enum reading_kind kind, uint64_t t_ms)
{
	struct reading	*r;

	if (out->n >= READING_BATCH_MAX)
		return (NULL);
	r = &out->r[out->n++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->t_ms = t_ms;
	return (r);
}

/* Every zone's count at t. */
static int
scenario_zones(struct scenario *s, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	const struct fohp_layout	*l = &s->venue->layout;
	const struct scenario_event	*e;
	struct reading			*r;
	unsigned			 i;
	double				 f, v, wave, noise, count;

	for (i = 0; i < l->nzones; i++) {
		struct scenario_zone	*z = &s->zones[i];

		wave = sin(2 * M_PI * t / s->period_s + z->phase);
		noise = 1 + 0.02 * (rng_uniform(&s->rng) - 0.5);
		e = scenario_resolve(s, SCENARIO_EV_RAMP, (int)i, NULL, 0, t);
		if (e != NULL) {
			v = scenario_value(e, t);
			if (e->scale == 2)
				f = v * l->zones[i].area_m2 / z->full;
			else if (e->scale == 3)
				f = v / z->full;
			else
				f = v;
			f *= 1 + 0.2 * z->swing * wave;
		} else
			f = z->base + z->swing * wave;
		count = f * noise * z->full;
		if (count < 0)
			count = 0;
		if (count > FOHP_COUNT_MAX)
			count = FOHP_COUNT_MAX;
		if ((r = scenario_add(out, READING_ZONE_COUNT, t_ms)) == NULL)
			return (-1);
		strcpy(r->u.zone.zone, l->zones[i].id);
		r->u.zone.count = (uint32_t)lround(count);
		strcpy(r->u.zone.source, s->source);
	}
	return (0);
}

/* A gate's rate per minute, one direction, at t. */
static double
scenario_gate_rate(const struct scenario *s, int g, int dir_out, double t)
{
	const struct scenario_event	*e;
	double				 w = s->venue->gates[g].width_m;
	double				 rate;

	e = scenario_resolve(s, SCENARIO_EV_GATE, g, NULL, dir_out, t);
	if (e == NULL)
		return (SCENARIO_GATE_BASE * (w > 0 ? w : 1));
	rate = scenario_value(e, t);
	if (e->max > 0 && rate > e->max)
		rate = e->max;
	return (rate);
}

/* Every gate's flow over the tick ending at t. */
static int
scenario_gates(struct scenario *s, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	struct reading	*r;
	unsigned	 i;
	double		 min = s->tick_ms / 60000.0, in, o;

	for (i = 0; i < s->venue->ngates; i++) {
		struct scenario_gate	*g = &s->gates[i];

		in = scenario_gate_rate(s, (int)i, 0, t) * min *
		    (1 + 0.1 * (rng_uniform(&s->rng) - 0.5));
		o = scenario_gate_rate(s, (int)i, 1, t) * min *
		    (1 + 0.1 * (rng_uniform(&s->rng) - 0.5));
		g->acc_in += in;
		g->acc_out += o;
		if ((r = scenario_add(out, READING_GATE_FLOW, t_ms)) == NULL)
			return (-1);
		strcpy(r->u.gate.gate, s->venue->gates[i].id);
		r->u.gate.in = (uint32_t)floor(g->acc_in);
		r->u.gate.out = (uint32_t)floor(g->acc_out);
		r->u.gate.interval_ms = s->tick_ms;
		g->acc_in -= r->u.gate.in;
		g->acc_out -= r->u.gate.out;
	}
	return (0);
}

/* Set a metric of a telemetry reading, adding it if new. */
static void
scenario_metric(struct reading_telemetry *tm, const char *name,
    const char *unit, double value)
{
	unsigned	i;

	for (i = 0; i < tm->nmetrics; i++) {
		if (strcmp(tm->metrics[i].name, name) == 0)
			break;
	}
	if (i == tm->nmetrics) {
		if (tm->nmetrics == FOHP_METRICS_MAX)
			return;
		tm->nmetrics++;
		snprintf(tm->metrics[i].name, sizeof(tm->metrics[i].name), "%s",
		    name);
	}
	tm->metrics[i].value = value;
	if (unit != NULL && *unit != '\0')
		snprintf(tm->metrics[i].unit, sizeof(tm->metrics[i].unit),
		    "%s", unit);
}

/* Raise a flag of a telemetry reading to at least level. */
static void
scenario_flag(struct reading_telemetry *tm, const char *name, int level)
{
	unsigned	i;

	for (i = 0; i < tm->nflags; i++) {
		if (strcmp(tm->flags[i].name, name) == 0)
			break;
	}
	if (i == tm->nflags) {
		if (tm->nflags == READING_FLAGS_MAX)
			return;
		tm->nflags++;
		snprintf(tm->flags[i].name, sizeof(tm->flags[i].name), "%s",
		    name);
		tm->flags[i].level = FOHP_ST_OK;
	}
	if ((int)tm->flags[i].level < level)
		tm->flags[i].level = (enum fohp_status)level;
}

/* The flag level an event sets at t, or -1 if it sets none now. */
static int
scenario_event_level(const struct scenario_event *e, double t)
{
	double	v;

	if (e->flag[0] == '\0' || t < e->from_s ||
	    (t > e->to_s && !e->hold_after))
		return (-1);
	if (e->level >= 0)
		return (e->level);
	v = scenario_value(e, t);
	if (e->flag_below) {
		if (!isnan(e->error_at) && v <= e->error_at)
			return (FOHP_ST_ERROR);
		if (!isnan(e->warn_at) && v <= e->warn_at)
			return (FOHP_ST_WARNING);
	} else {
		if (!isnan(e->error_at) && v >= e->error_at)
			return (FOHP_ST_ERROR);
		if (!isnan(e->warn_at) && v >= e->warn_at)
			return (FOHP_ST_WARNING);
	}
	return (FOHP_ST_OK);
}

/* One device's telemetry at t. */
static int
scenario_device(struct scenario *s, int dev, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	const struct vconf_device	*d = &s->venue->devices[dev];
	const struct scenario_kind_def	*k = scenario_kind_def(d->dkind);
	const struct scenario_event	*e;
	struct reading_telemetry	*tm;
	struct reading			*r;
	unsigned			 i;
	int				 level;
	double				 v;

	if ((r = scenario_add(out, READING_TELEMETRY, t_ms)) == NULL)
		return (-1);
	tm = &r->u.telemetry;
	strcpy(tm->device, d->id);
	for (i = 0; k->metrics[i].name != NULL; i++) {
		const struct scenario_metric_def	*m = &k->metrics[i];

		v = m->value + m->jitter * 2 * (rng_uniform(&s->rng) - 0.5);
		scenario_metric(tm, m->name, m->unit, v);
	}
	if (d->wear[0] != '\0' && !scenario_kind_has(k, d->wear))
		scenario_metric(tm, d->wear, strstr(d->wear, "hours") != NULL ?
		    "h" : NULL, s->devices[dev].wear0 + t / 3600);
	for (i = 0; k->flags[i] != NULL; i++)
		scenario_flag(tm, k->flags[i], FOHP_ST_OK);

	/* Scripted metrics replace the baseline's; flags take the worst. */
	for (i = 0; i < s->nevents; i++) {
		e = &s->events[i];
		if (e->kind != SCENARIO_EV_TELEMETRY || e->target != dev)
			continue;
		if (e->metric[0] != '\0' && scenario_resolve(s,
		    SCENARIO_EV_TELEMETRY, dev, e->metric, 0, t) == e)
			scenario_metric(tm, e->metric, e->unit,
			    scenario_value(e, t) * e->scale);
		if ((level = scenario_event_level(e, t)) >= 0)
			scenario_flag(tm, e->flag, level);
	}
	return (0);
}

/* One model's feature samples at t. */
static int
scenario_model(struct scenario *s, int mi, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	struct scenario_model		*m = &s->models[mi];
	const struct scenario_event	*e;
	struct reading_model		*rm;
	struct reading			*r;
	unsigned			 i, j;
	double				 mean, sd;

	if (out->npool + (uint64_t)m->nfeatures * m->n > READING_POOL_MAX)
		return (-1);
	if ((r = scenario_add(out, READING_MODEL_SAMPLE, t_ms)) == NULL)
		return (-1);
	rm = &r->u.model;
	strcpy(rm->model, s->venue->models[mi].id);
	strcpy(rm->version, m->version);
	for (i = 0; i < m->nfeatures; i++) {
		struct reading_feature_values	*fv = &rm->features[i];

		mean = m->features[i].mean;
		sd = m->features[i].sd;
		e = scenario_resolve(s, SCENARIO_EV_DRIFT, mi,
		    m->features[i].name, 0, t);
		if (e != NULL) {
			mean = scenario_value(e, t);
			sd = e->sd;
		}
		strcpy(fv->name, m->features[i].name);
		fv->off = out->npool;
		fv->n = m->n;
		for (j = 0; j < m->n; j++)
			out->pool[out->npool++] =
			    (float)rng_normal(&s->rng, mean, sd);
	}
	rm->nfeatures = m->nfeatures;
	return (0);
}

/* Outside alerts due by t. */
static int
scenario_alerts(struct scenario *s, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	struct scenario_event	*e;
	struct reading		*r;
	unsigned		 i;

	for (i = 0; i < s->nevents; i++) {
		e = &s->events[i];
		if (e->kind != SCENARIO_EV_ALERT || e->fired || t < e->from_s)
			continue;
		if ((r = scenario_add(out, READING_EXTERNAL_ALERT, t_ms)) ==
		    NULL)
			return (-1);
		e->fired = 1;
		strcpy(r->u.alert.source, e->source);
		strcpy(r->u.alert.subject, e->subject);
		r->u.alert.severity = (enum fohp_severity)e->severity;
		strcpy(r->u.alert.title, e->title);
		strcpy(r->u.alert.reason, e->reason);
	}
	return (0);
}

/* How thickly cell x,y of zone d fills: 1, up to 4 at its top middle. */
static double
scenario_raster_weight(const struct fohp_zone_def *d, unsigned x, unsigned y)
{
	double	dx = x + 0.5 - (d->x + d->w / 2.0), dy = y + 0.5 - (d->y + 0.5);
	double	sig = (d->w > d->h ? d->w : d->h) / 2.5;

	return (1 + 3 * exp(-(dx * dx + dy * dy) / (2 * sig * sig)));
}

/*
 * A raster of the whole grid from the zone counts just added (out->r from
 * n0): each zone's persons spread over its cells, thicker towards the top
 * middle of the zone (the stage side), rounded so that a zone's cells add
 * up to its count exactly. Cells outside every zone hold 0.
 */
static int
scenario_raster(struct scenario *s, unsigned n0, uint64_t t_ms,
    struct reading_batch *out)
{
	const struct fohp_layout	*l = &s->venue->layout;
	const struct fohp_zone_def	*d;
	struct reading			*r;
	unsigned			 ncells = (unsigned)l->grid_w * l->grid_h;
	unsigned			 i, zi, x, y;
	uint32_t			 off = out->npool;
	double				 sum, acc, prev, count;

	if (ncells > FOHP_RASTER_MAX || ncells > READING_POOL_MAX - out->npool)
		return (0);
	if ((r = scenario_add(out, READING_RASTER, t_ms)) == NULL)
		return (-1);
	memset(&out->pool[off], 0, ncells * sizeof(out->pool[0]));
	out->npool += ncells;
	r->u.raster.x = r->u.raster.y = 0;
	r->u.raster.cols = l->grid_w;
	r->u.raster.rows = l->grid_h;
	r->u.raster.off = off;
	for (i = n0; i < out->n; i++) {
		if (out->r[i].kind != READING_ZONE_COUNT ||
		    (zi = (unsigned)vconf_zone(s->venue, out->r[i].u.zone.zone))
		    >= l->nzones)
			continue;
		d = &l->zones[zi];
		count = out->r[i].u.zone.count;
		sum = 0;
		for (y = d->y; y < (unsigned)d->y + d->h; y++)
			for (x = d->x; x < (unsigned)d->x + d->w; x++)
				sum += scenario_raster_weight(d, x, y);
		acc = prev = 0;
		for (y = d->y; y < (unsigned)d->y + d->h; y++) {
			for (x = d->x; x < (unsigned)d->x + d->w; x++) {
				acc += count * scenario_raster_weight(d, x, y) /
				    sum;
				out->pool[off + y * l->grid_w + x] =
				    (float)(round(acc) - prev);
				prev = round(acc);
			}
		}
	}
	return (0);
}

/* The readings for sim time t. */
int
scenario_step(struct scenario *s, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	unsigned	n0 = out->n, i;
	int64_t		k;

	if (scenario_zones(s, t, t_ms, out) != 0 ||
	    scenario_gates(s, t, t_ms, out) != 0)
		return (-1);
	k = (int64_t)floor(t / s->telemetry_s + 1e-9);
	for (i = 0; i < s->venue->ndevices; i++) {
		if (k <= s->devices[i].last)
			continue;
		s->devices[i].last = k;
		if (scenario_device(s, (int)i, t, t_ms, out) != 0)
			return (-1);
	}
	for (i = 0; i < s->venue->nmodels; i++) {
		k = (int64_t)floor(t / s->models[i].every_s + 1e-9);
		if (k <= s->models[i].last)
			continue;
		s->models[i].last = k;
		if (scenario_model(s, (int)i, t, t_ms, out) != 0)
			return (-1);
	}
	if (scenario_alerts(s, t, t_ms, out) != 0)
		return (-1);
	if (s->raster_s > 0) {
		k = (int64_t)floor(t / s->raster_s + 1e-9);
		if (k < s->raster_last)
			s->raster_last = k - 1;	/* played again from 0 */
		if (k > s->raster_last) {
			s->raster_last = k;
			if (scenario_raster(s, n0, t_ms, out) != 0)
				return (-1);
		}
	}
	return ((int)(out->n - n0));
}
