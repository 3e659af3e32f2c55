/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ingest.c: check readings from producers and turn them into structs.
 *
 * All three ingest paths meet in ingest_value, which walks jansson values:
 * JSON frames are parsed by jansson (ingest-json.c), msgpack messages are
 * converted to jansson first (ingest-msgpack.c, after a scan that refuses a
 * message whose headers promise more than it holds, so a few bytes cannot
 * make msgpack-c allocate gigabytes). One set of checks (ingest-check.c)
 * therefore gives every path the same answers.
 *
 * Each reading is parsed straight into the next free slot of the batch; the
 * slot only counts once the whole reading passed, so a refused reading
 * leaves nothing behind (model-sample values it put in the pool are dropped
 * again). A check that fails fills the context's pending refusal (code,
 * field, reason) and returns -1; ingest_one records it. Field names and
 * reasons are only formatted on failure, which keeps the good path to a few
 * hash lookups and copies per reading.
 *
 * Numbers are typed strictly: where the spec says uint, only a JSON integer
 * (msgpack int) is taken; 5.0 is a real and is refused as "type". Reasons
 * may quote producer input; they are cut to UTF-8 and control characters are
 * replaced, so they are safe in the JSON answer and in logs.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest-priv.h"

/*
 * Ranges of numbers (proto/PROTOCOL.md 12.2). A measurement (a telemetry
 * value, a model-sample value) is at most 1e12 in magnitude: no venue
 * instrument needs more, and the squares of a window of them still fit a
 * float32, which is how histories go out on the wire. A PSI score of 1000
 * is far past any alert threshold; KS and JS scores are at most 1. A
 * raster cell holds at most FOHP_COUNT_MAX persons, like a zone. "t" ends
 * at the last millisecond of the year 9999.
 */
#define INGEST_MEASURE_MAX	1e12
#define INGEST_PSI_MAX		1000.0
#define INGEST_T_MAX		UINT64_C(253402300799999)

_Static_assert(INGEST_CODE_COUNT == READING_CODES,
    "reading.h READING_CODES must match enum ingest_code");

static const char *const ingest_kind_names[READING_KIND_COUNT] = {
	[READING_ZONE_COUNT] = "zone_count",
	[READING_GATE_FLOW] = "gate_flow",
	[READING_TELEMETRY] = "telemetry",
	[READING_MODEL_SAMPLE] = "model_sample",
	[READING_DRIFT_SCORE] = "drift_score",
	[READING_EXTERNAL_ALERT] = "external_alert",
	[READING_RASTER] = "raster",
};

static const char *const ingest_flag_levels[] = { "ok", "warning", "error" };
static const char *const ingest_severities[] = {
	"info", "warning", "critical"
};
static const char *const ingest_methods[] = { "psi", "ks", "js" };
static const char *const ingest_stakes[] = {	/* FOHP_STAKE_SAFETY on */
	"safety", "equipment", "model"
};

static const struct ingest_idkind ingest_id_zone = { "zone", vconf_zone };
static const struct ingest_idkind ingest_id_gate = { "gate", vconf_gate };
static const struct ingest_idkind ingest_id_device = {
	"device", vconf_device
};
static const struct ingest_idkind ingest_id_model = { "model", vconf_model };

/* The wire name of a kind ("zone_count", ...). */
const char *
reading_kind_name(enum reading_kind k)
{
	if ((unsigned)k >= READING_KIND_COUNT)
		return ("unknown");
	return (ingest_kind_names[k]);
}

/* Parse a zone_count reading. */
static int
ingest_zone_count(struct ingest_ctx *c, json_t *o, struct reading *r)
{
	struct reading_zone	*z = &r->u.zone;
	uint64_t		 u;

	r->kind = READING_ZONE_COUNT;
	if (ingest_id(c, o, "zone", &ingest_id_zone, z->zone) != 0)
		return (-1);
	if (ingest_uint(c, o, NULL, "count", 1, 0, FOHP_COUNT_MAX, &u) < 0)
		return (-1);
	z->count = (uint32_t)u;
	z->source[0] = '\0';
	if (ingest_str(c, o, NULL, "source", 0, 0, z->source,
	    sizeof(z->source)) < 0)
		return (-1);
	return (1);
}

/* The number v as a double (0 if not a number). */
static double
ingest_number(const json_t *v)
{
	if (json_is_integer(v))
		return ((double)json_integer_value(v));
	return (json_is_real(v) ? json_real_value(v) : 0);
}

/*
 * Parse a raster: check it lies inside the grid and has cols*rows cell
 * values (persons per cell, fractions allowed: a density resampled onto
 * the grid rarely gives whole persons), then write one zone count for each
 * zone wholly inside it, its cells' sum rounded to the nearest person, and,
 * if it has at most FOHP_RASTER_MAX cells and the pool has room, a
 * READING_RASTER with the cells, for the agent to publish.
 */
static int
ingest_raster(struct ingest_ctx *c, json_t *o, struct reading *r)
{
	const struct fohp_layout	*l = &c->conf->layout;
	const struct fohp_zone_def	*zd;
	char				 source[FOHP_ID_MAX];
	json_t				*cells, *v;
	uint64_t			 x, y, cols, rows;
	size_t				 i, ncells;
	unsigned			 zi, nz = 0, cx, cy;
	double				 d, sum;
	int				 keep;

	if (ingest_uint(c, o, NULL, "x", 1, 0, UINT32_MAX, &x) < 0 ||
	    ingest_uint(c, o, NULL, "y", 1, 0, UINT32_MAX, &y) < 0 ||
	    ingest_uint(c, o, NULL, "cols", 1, 1, UINT32_MAX, &cols) < 0 ||
	    ingest_uint(c, o, NULL, "rows", 1, 1, UINT32_MAX, &rows) < 0)
		return (-1);
	if (x + cols > l->grid_w) {
		return (ingest_fail(c, INGEST_RANGE, "cols", "x %llu + cols %llu "
		    "is outside the grid (width %u)", (unsigned long long)x,
		    (unsigned long long)cols, l->grid_w));
	}
	if (y + rows > l->grid_h) {
		return (ingest_fail(c, INGEST_RANGE, "rows", "y %llu + rows %llu "
		    "is outside the grid (height %u)", (unsigned long long)y,
		    (unsigned long long)rows, l->grid_h));
	}
	if (ingest_str(c, o, NULL, "source", 0, 0, source, sizeof(source)) < 0)
		return (-1);
	if (ingest_key(c, o, NULL, "cells", 1, &cells) < 0)
		return (-1);
	if (!json_is_array(cells)) {
		return (ingest_fail(c, INGEST_TYPE, "cells", "expected an array, "
		    "got %s", ingest_type_name(cells)));
	}
	ncells = (size_t)(cols * rows);
	if (json_array_size(cells) != ncells) {
		return (ingest_fail(c, INGEST_RANGE, "cells", "expected %zu "
		    "values (cols %llu x rows %llu), got %zu", ncells,
		    (unsigned long long)cols, (unsigned long long)rows,
		    json_array_size(cells)));
	}
	json_array_foreach(cells, i, v) {
		d = ingest_number(v);
		if (json_is_number(v) && d >= 0 && d <= FOHP_COUNT_MAX)
			continue;
		snprintf(c->field, sizeof(c->field), "cells[%zu]", i);
		return (ingest_num_value(c, v, 0, FOHP_COUNT_MAX, &d));
	}

	for (zi = 0; zi < l->nzones; zi++) {
		zd = &l->zones[zi];
		if (zd->x >= x && zd->y >= y && zd->x + zd->w <= x + cols &&
		    zd->y + zd->h <= y + rows)
			nz++;
	}
	if (nz == 0) {
		return (ingest_fail(c, INGEST_RANGE, "cells", "raster covers no "
		    "whole zone"));
	}
	if (nz > c->room) {
		return (ingest_fail(c, INGEST_TOO_LONG, "cells", "raster gives "
		    "%u zone counts, the batch has room for %u", nz, c->room));
	}
	keep = ncells <= FOHP_RASTER_MAX && nz < c->room &&
	    ncells <= READING_POOL_MAX - c->out->npool;

	nz = 0;
	for (zi = 0; zi < l->nzones; zi++) {
		zd = &l->zones[zi];
		if (zd->x < x || zd->y < y || zd->x + zd->w > x + cols ||
		    zd->y + zd->h > y + rows)
			continue;
		sum = 0;
		for (cy = zd->y; cy < (unsigned)zd->y + zd->h; cy++) {
			for (cx = zd->x; cx < (unsigned)zd->x + zd->w; cx++) {
				v = json_array_get(cells,
				    (cy - y) * cols + (cx - x));
				sum += ingest_number(v);
			}
		}
		/* Each cell is <= 1e6 and a grid is small: sum stays finite. */
		sum = floor(sum + 0.5);
		r[nz].kind = READING_ZONE_COUNT;
		memcpy(r[nz].u.zone.zone, zd->id, sizeof(zd->id));
		r[nz].u.zone.count = sum > FOHP_COUNT_MAX ? FOHP_COUNT_MAX :
		    (uint32_t)sum;
		strcpy(r[nz].u.zone.source, "raster");
		nz++;
	}
	if (keep) {
		r[nz].kind = READING_RASTER;
		r[nz].u.raster.x = (uint16_t)x;
		r[nz].u.raster.y = (uint16_t)y;
		r[nz].u.raster.cols = (uint16_t)cols;
		r[nz].u.raster.rows = (uint16_t)rows;
		r[nz].u.raster.off = c->out->npool;
		for (i = 0; i < ncells; i++)
			c->out->pool[c->out->npool++] =
			    (float)ingest_number(json_array_get(cells, i));
		nz++;
	}
	return ((int)nz);
}

/* Parse a gate_flow reading. */
static int
ingest_gate_flow(struct ingest_ctx *c, json_t *o, struct reading *r)
{
	struct reading_gate	*g = &r->u.gate;
	uint64_t		 in, out, ms;

	r->kind = READING_GATE_FLOW;
	if (ingest_id(c, o, "gate", &ingest_id_gate, g->gate) != 0)
		return (-1);
	if (ingest_uint(c, o, NULL, "in", 1, 0, FOHP_COUNT_MAX, &in) < 0 ||
	    ingest_uint(c, o, NULL, "out", 1, 0, FOHP_COUNT_MAX, &out) < 0 ||
	    ingest_uint(c, o, NULL, "interval_ms", 1, 1, 3600000, &ms) < 0)
		return (-1);
	g->in = (uint32_t)in;
	g->out = (uint32_t)out;
	g->interval_ms = (uint32_t)ms;
	return (1);
}

/* Parse a telemetry reading. */
static int
ingest_telemetry(struct ingest_ctx *c, json_t *o, struct reading *r)
{
	struct reading_telemetry	*t = &r->u.telemetry;
	struct fohp_metric		*m;
	const char			*name;
	char				 pre[24];
	json_t				*metrics, *flags, *v;
	size_t				 i;
	int				 level;

	r->kind = READING_TELEMETRY;
	t->nmetrics = t->nflags = 0;
	if (ingest_id(c, o, "device", &ingest_id_device, t->device) != 0)
		return (-1);

	if (ingest_key(c, o, NULL, "metrics", 1, &metrics) < 0)
		return (-1);
	if (!json_is_array(metrics)) {
		return (ingest_fail(c, INGEST_TYPE, "metrics", "expected an "
		    "array, got %s", ingest_type_name(metrics)));
	}
	if (json_array_size(metrics) > FOHP_METRICS_MAX) {
		return (ingest_fail(c, INGEST_TOO_LONG, "metrics", "%zu metrics, "
		    "at most %d", json_array_size(metrics), FOHP_METRICS_MAX));
	}
	json_array_foreach(metrics, i, v) {
		m = &t->metrics[i];
		snprintf(pre, sizeof(pre), "metrics[%u]", (unsigned)i);
		if (!json_is_object(v)) {
			return (ingest_fail(c, INGEST_TYPE, pre, "expected an "
			    "object, got %s", ingest_type_name(v)));
		}
		m->unit[0] = '\0';
		if (ingest_str(c, v, pre, "name", 1, 1, m->name,
		    sizeof(m->name)) < 0 ||
		    ingest_num(c, v, pre, "value", 1, -INGEST_MEASURE_MAX,
		    INGEST_MEASURE_MAX, &m->value) < 0 ||
		    ingest_str(c, v, pre, "unit", 0, 0, m->unit,
		    sizeof(m->unit)) < 0)
			return (-1);
	}
	t->nmetrics = (uint8_t)json_array_size(metrics);

	if (ingest_map(c, o, "flags", 0, READING_FLAGS_MAX, &flags) < 0)
		return (-1);
	if (flags == NULL)
		return (1);
	json_object_foreach(flags, name, v) {
		ingest_field(c, "flags", name);
		if (ingest_enum_value(c, v, ingest_flag_levels,
		    INGEST_NITEMS(ingest_flag_levels), &level) != 0)
			return (-1);
		strcpy(t->flags[t->nflags].name, name);
		t->flags[t->nflags].level = (enum fohp_status)level;
		t->nflags++;
	}
	return (1);
}

/* Parse a model_sample reading; its values go to the batch's pool. */
static int
ingest_model_sample(struct ingest_ctx *c, json_t *o, struct reading *r)
{
	struct reading_model		*m = &r->u.model;
	struct reading_feature_values	*f;
	struct reading_batch		*out = c->out;
	const char			*name;
	json_t				*features, *vals, *v;
	size_t				 i, n;
	double				 d;

	r->kind = READING_MODEL_SAMPLE;
	m->nfeatures = 0;
	if (ingest_id(c, o, "model", &ingest_id_model, m->model) != 0)
		return (-1);
	if (ingest_str(c, o, NULL, "version", 1, 1, m->version,
	    sizeof(m->version)) < 0)
		return (-1);
	if (ingest_map(c, o, "features", 1, FOHP_FEATURES_MAX, &features) < 0)
		return (-1);
	json_object_foreach(features, name, vals) {
		if (!json_is_array(vals)) {
			ingest_field(c, "features", name);
			return (ingest_fail(c, INGEST_TYPE, NULL, "expected an "
			    "array, got %s", ingest_type_name(vals)));
		}
		n = json_array_size(vals);
		if (n > READING_POOL_MAX - out->npool) {
			ingest_field(c, "features", name);
			return (ingest_fail(c, INGEST_TOO_LONG, NULL, "more than "
			    "%d model-sample values in one frame",
			    READING_POOL_MAX));
		}
		f = &m->features[m->nfeatures];
		strcpy(f->name, name);
		f->off = out->npool;
		f->n = (uint32_t)n;
		json_array_foreach(vals, i, v) {
			if (json_is_real(v))
				d = json_real_value(v);
			else if (json_is_integer(v))
				d = (double)json_integer_value(v);
			else
				d = NAN;
			if (!(fabs(d) <= INGEST_MEASURE_MAX)) {
				snprintf(c->field, sizeof(c->field),
				    "features.%s[%zu]", name, i);
				if (ingest_num_value(c, v, -INGEST_MEASURE_MAX,
				    INGEST_MEASURE_MAX, &d) != 0)
					return (-1);
			}
			out->pool[out->npool++] = (float)d;
		}
		m->nfeatures++;
	}
	return (1);
}

/* Parse a drift_score reading. */
static int
ingest_drift_score(struct ingest_ctx *c, json_t *o, struct reading *r)
{
	struct reading_drift	*d = &r->u.drift;
	const char		*name;
	json_t			*features, *v;
	double			 hi;
	int			 method;

	r->kind = READING_DRIFT_SCORE;
	d->nfeatures = 0;
	if (ingest_id(c, o, "model", &ingest_id_model, d->model) != 0)
		return (-1);
	if (ingest_str(c, o, NULL, "version", 1, 1, d->version,
	    sizeof(d->version)) < 0)
		return (-1);
	if (ingest_enum(c, o, "method", 1, ingest_methods,
	    INGEST_NITEMS(ingest_methods), &method) < 0)
		return (-1);
	strcpy(d->method, ingest_methods[method]);
	/* PSI is unbounded in theory; KS and JS (base 2) lie in 0..1. */
	hi = strcmp(d->method, "psi") == 0 ? INGEST_PSI_MAX : 1;
	if (ingest_num(c, o, NULL, "score", 1, 0, hi, &d->score) < 0)
		return (-1);
	if (ingest_map(c, o, "features", 0, FOHP_FEATURES_MAX, &features) < 0)
		return (-1);
	if (features == NULL)
		return (1);
	json_object_foreach(features, name, v) {
		ingest_field(c, "features", name);
		if (ingest_num_value(c, v, 0, hi,
		    &d->features[d->nfeatures].score) != 0)
			return (-1);
		strcpy(d->features[d->nfeatures].name, name);
		d->nfeatures++;
	}
	return (1);
}

/* Parse an external_alert reading. */
static int
ingest_external_alert(struct ingest_ctx *c, json_t *o, struct reading *r)
{
	struct reading_alert	*a = &r->u.alert;
	struct reading_detail	*dt;
	const char		*name;
	json_t			*details, *v;
	int			 severity, stake, rv;

	r->kind = READING_EXTERNAL_ALERT;
	a->ndetails = 0;
	a->reason[0] = '\0';
	a->stake = FOHP_STAKE_NONE;
	if (ingest_str(c, o, NULL, "source", 1, 1, a->source,
	    sizeof(a->source)) < 0 ||
	    ingest_str(c, o, NULL, "subject", 1, 1, a->subject,
	    sizeof(a->subject)) < 0)
		return (-1);
	if (ingest_enum(c, o, "severity", 1, ingest_severities,
	    INGEST_NITEMS(ingest_severities), &severity) < 0)
		return (-1);
	a->severity = (enum fohp_severity)severity;
	if (ingest_str(c, o, NULL, "title", 1, 1, a->title,
	    sizeof(a->title)) < 0 ||
	    ingest_str(c, o, NULL, "reason", 0, 0, a->reason,
	    sizeof(a->reason)) < 0)
		return (-1);
	if ((rv = ingest_enum(c, o, "stake", 0, ingest_stakes,
	    INGEST_NITEMS(ingest_stakes), &stake)) < 0)
		return (-1);
	if (rv > 0)
		a->stake = (enum fohp_stake)(FOHP_STAKE_SAFETY + stake);
	if (ingest_map(c, o, "details", 0, READING_DETAILS_MAX, &details) < 0)
		return (-1);
	if (details == NULL)
		return (1);
	json_object_foreach(details, name, v) {
		dt = &a->details[a->ndetails];
		ingest_field(c, "details", name);
		dt->is_number = json_is_number(v);
		dt->number = dt->is_number ? json_number_value(v) : 0;
		if (json_is_integer(v)) {
			snprintf(dt->value, sizeof(dt->value), "%lld",
			    (long long)json_integer_value(v));
		} else if (json_is_real(v)) {
			snprintf(dt->value, sizeof(dt->value), "%g",
			    json_real_value(v));
		} else if (json_is_string(v)) {
			if (ingest_str_value(c, v, dt->value,
			    sizeof(dt->value), 0) != 0)
				return (-1);
		} else {
			return (ingest_fail(c, INGEST_TYPE, NULL, "expected a "
			    "string or a number, got %s", ingest_type_name(v)));
		}
		strcpy(dt->name, name);
		a->ndetails++;
	}
	return (1);
}

static const struct ingest_kind ingest_kinds[] = {
	{ "zone_count", READING_ZONE_COUNT, ingest_zone_count },
	{ "raster", READING_RASTER, ingest_raster },
	{ "gate_flow", READING_GATE_FLOW, ingest_gate_flow },
	{ "telemetry", READING_TELEMETRY, ingest_telemetry },
	{ "model_sample", READING_MODEL_SAMPLE, ingest_model_sample },
	{ "drift_score", READING_DRIFT_SCORE, ingest_drift_score },
	{ "external_alert", READING_EXTERNAL_ALERT, ingest_external_alert },
};

/* Find a kind by wire name; NULL if unknown. */
static const struct ingest_kind *
ingest_find_kind(const char *s)
{
	size_t	i;

	for (i = 0; i < INGEST_NITEMS(ingest_kinds); i++) {
		if (strcmp(ingest_kinds[i].name, s) == 0)
			return (&ingest_kinds[i]);
	}
	return (NULL);
}

/* Take or refuse reading index of a frame. */
static void
ingest_one(struct ingest_ctx *c, json_t *o, int index, uint64_t now_ms)
{
	struct reading_batch		*out = c->out;
	const struct ingest_kind	*k = NULL;
	json_t				*kv;
	uint64_t			 v, t = now_ms;
	uint32_t			 pool = out->npool;
	unsigned			 i;
	int				 nr, rv;

	c->index = index;
	c->field[0] = '\0';
	if (!json_is_object(o)) {
		ingest_fail(c, INGEST_TYPE, "", "expected an object, got %s",
		    ingest_type_name(o));
		goto refuse;
	}
	if ((kv = json_object_get(o, "kind")) == NULL) {
		ingest_fail(c, INGEST_MISSING, "kind", "required key is absent");
		goto refuse;
	}
	if (!json_is_string(kv)) {
		ingest_fail(c, INGEST_TYPE, "kind", "expected a string, got %s",
		    ingest_type_name(kv));
		goto refuse;
	}
	if (strlen(json_string_value(kv)) != json_string_length(kv) ||
	    (k = ingest_find_kind(json_string_value(kv))) == NULL) {
		ingest_fail(c, INGEST_UNKNOWN_KIND, "kind", "unknown kind "
		    "\"%.*s\"", INGEST_QUOTE, json_string_value(kv));
		goto refuse;
	}
	if (index >= READING_BATCH_MAX) {
		ingest_fail(c, INGEST_TOO_LONG, "", "more than %d readings in "
		    "one frame", READING_BATCH_MAX);
		goto refuse;
	}
	c->room = READING_BATCH_MAX - out->n;
	if (c->room == 0) {
		ingest_fail(c, INGEST_TOO_LONG, "", "the frame gives more than "
		    "%d readings", READING_BATCH_MAX);
		goto refuse;
	}
	if ((rv = ingest_uint(c, o, NULL, "v", 0, 0, INT64_MAX, &v)) < 0)
		goto refuse;
	if (rv == 1 && v != FOHP_VERSION) {
		ingest_fail(c, INGEST_RANGE, "v", "version %llu is not "
		    "supported (only %d)", (unsigned long long)v, FOHP_VERSION);
		goto refuse;
	}
	if (ingest_uint(c, o, NULL, "t", 0, 0, INGEST_T_MAX, &t) < 0)
		goto refuse;

	if ((nr = k->parse(c, o, &out->r[out->n])) < 0) {
		out->npool = pool;
		goto refuse;
	}
	for (i = 0; i < (unsigned)nr; i++)
		out->r[out->n + i].t_ms = t;
	out->n += (unsigned)nr;
	out->accepted++;
	return;

refuse:
	ingest_record(out, index, k != NULL ? k->name : "",
	    k != NULL ? k->kind : READING_KIND_COUNT, c->code, c->field,
	    c->reason);
}

/* Check and take the readings of an already parsed frame. */
int
ingest_value(const struct vconf *conf, json_t *value, uint64_t now_ms,
    struct reading_batch *out)
{
	struct ingest_ctx	 c;
	json_t			*o;
	size_t			 i;

	ingest_reset(out);
	c.conf = conf;
	c.out = out;
	if (json_is_object(value)) {
		ingest_one(&c, value, 0, now_ms);
		return (0);
	}
	if (!json_is_array(value)) {
		return (ingest_frame_fail(out, INGEST_TYPE, "expected an object "
		    "or an array of objects, got %s",
		    value == NULL ? "nothing" : ingest_type_name(value)));
	}
	json_array_foreach(value, i, o)
		ingest_one(&c, o, i > INT_MAX ? INT_MAX : (int)i, now_ms);
	return (0);
}
