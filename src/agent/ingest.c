/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ingest.c: check readings from producers and turn them into structs.
 *
 * All three ingest paths meet in ingest_value, which walks jansson values:
 * JSON frames are parsed by jansson, msgpack messages are converted to
 * jansson first (after a scan that refuses a message whose headers promise
 * more than it holds, so a few bytes cannot make msgpack-c allocate
 * gigabytes). One set of checks therefore gives every path the same answers.
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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "lib/text.h"

#define INGEST_QUOTE	40	/* bytes of producer input quoted in reasons */

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

/* Checking one frame. */
struct ingest_ctx {
	const struct vconf	*conf;
	struct reading_batch	*out;
	int			 index;		/* reading in the frame */
	unsigned		 room;		/* free slots in the batch */

	int			 code;		/* the pending refusal */
	char			 field[sizeof(((struct reading_err *)0)->field)];
	char			 reason[sizeof(((struct reading_err *)0)->reason)];
};

/* A kind of reading: its wire name, batch kind and parser. */
struct ingest_kind {
	const char		*name;
	enum reading_kind	 kind;
	/* Parse into r[0..]; returns readings written or -1. */
	int			(*parse)(struct ingest_ctx *, json_t *,
				    struct reading *);
};

/* A kind of configured id. */
struct ingest_idkind {
	const char	*noun;
	int		(*lookup)(const struct vconf *, const char *);
};

const char *const ingest_codes[INGEST_CODE_COUNT] = {
	[INGEST_JSON] = "json",
	[INGEST_TYPE] = "type",
	[INGEST_RANGE] = "range",
	[INGEST_MISSING] = "missing",
	[INGEST_TOO_LONG] = "too_long",
	[INGEST_UNKNOWN_ID] = "unknown_id",
	[INGEST_UNKNOWN_KIND] = "unknown_kind",
	[INGEST_OVERSIZED] = "oversized",
	[INGEST_AUTH] = "auth",
};

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

#define INGEST_NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/* Name of reason code i; "unknown" if out of range. */
const char *
ingest_code_name(int i)
{
	if (i < 0 || i >= INGEST_CODE_COUNT)
		return ("unknown");
	return (ingest_codes[i]);
}

/* Index of a reason code name; -1 if none. */
int
ingest_code_index(const char *name)
{
	int	i;

	for (i = 0; i < INGEST_CODE_COUNT; i++) {
		if (strcmp(ingest_codes[i], name) == 0)
			return (i);
	}
	return (-1);
}

/* The wire name of a kind ("zone_count", ...). */
const char *
reading_kind_name(enum reading_kind k)
{
	if ((unsigned)k >= READING_KIND_COUNT)
		return ("unknown");
	return (ingest_kind_names[k]);
}

/*
 * Make s safe to show: bytes that are not well-formed UTF-8 (including a
 * sequence cut short at the end) and control characters become '?'.
 */
static void
ingest_clean(char *s)
{
	unsigned char	*p = (unsigned char *)s;
	unsigned	 n, i;

	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f) {
			*p++ = '?';
			continue;
		}
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			n = 1;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 2;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 3;
		else
			n = 0;
		/* Overlong forms, surrogates and values over U+10FFFF. */
		if ((*p == 0xe0 && p[1] < 0xa0) ||
		    (*p == 0xed && p[1] > 0x9f) ||
		    (*p == 0xf0 && p[1] < 0x90) ||
		    (*p == 0xf4 && p[1] > 0x8f))
			n = 0;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				break;
		}
		if (n == 0 || i <= n) {
			*p++ = '?';
			continue;
		}
		p += n + 1;
	}
}

/* Set the pending refusal; field NULL keeps c->field. Returns -1. */
static int __attribute__((format(printf, 4, 5)))
ingest_fail(struct ingest_ctx *c, int code, const char *field,
    const char *fmt, ...)
{
	va_list	ap;

	c->code = code;
	if (field != NULL)
		text_copy(c->field, sizeof(c->field), field);
	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
	va_end(ap);
	return (-1);
}

/* Set c->field to "pre.key", or "key" without a prefix. */
static void
ingest_field(struct ingest_ctx *c, const char *pre, const char *key)
{
	if (pre == NULL)
		text_copy(c->field, sizeof(c->field), key);
	else
		snprintf(c->field, sizeof(c->field), "%s.%s", pre, key);
}

/* Words for the type of a JSON value. */
static const char *
ingest_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return ("object");
	case JSON_ARRAY:
		return ("array");
	case JSON_STRING:
		return ("string");
	case JSON_INTEGER:
		return ("integer");
	case JSON_REAL:
		return ("real");
	case JSON_TRUE:
	case JSON_FALSE:
		return ("boolean");
	case JSON_NULL:
		return ("null");
	}
	return ("unknown");
}

/* Reset a batch for a new frame. */
static void
ingest_reset(struct reading_batch *out)
{
	out->n = 0;
	out->npool = 0;
	out->rejected = 0;
	out->accepted = 0;
	out->nerrs = 0;
	memset(out->rejected_by_kind, 0, sizeof(out->rejected_by_kind));
	memset(out->rejected_by, 0, sizeof(out->rejected_by));
}

/*
 * Count a refusal of reading index (of batch kind slot, READING_KIND_COUNT
 * if unknown) and keep it if it is among the first READING_ERRS_MAX.
 */
static void
ingest_record(struct reading_batch *out, int index, const char *kind,
    unsigned slot, int code, const char *field, const char *reason)
{
	struct reading_err	*e;

	out->rejected++;
	out->rejected_by_kind[slot]++;
	out->rejected_by[slot][code]++;
	if (out->nerrs == READING_ERRS_MAX)
		return;
	e = &out->errs[out->nerrs++];
	e->index = index;
	text_copy(e->kind, sizeof(e->kind), kind);
	text_copy(e->code, sizeof(e->code), ingest_code_name(code));
	text_copy(e->field, sizeof(e->field), field);
	text_copy(e->reason, sizeof(e->reason), reason);
	ingest_clean(e->field);
	ingest_clean(e->reason);
}

/* Refuse the whole frame: reset the batch, record index -1. Returns -1. */
static int __attribute__((format(printf, 3, 4)))
ingest_frame_fail(struct reading_batch *out, int code, const char *fmt, ...)
{
	char	reason[sizeof(out->errs[0].reason)];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	ingest_reset(out);
	ingest_record(out, -1, "", READING_KIND_COUNT, code, "", reason);
	return (-1);
}

/*
 * Look up key in o. Returns 1 and sets *vp if present, 0 if absent and
 * optional, -1 (refused "missing") if absent and required.
 */
static int
ingest_key(struct ingest_ctx *c, json_t *o, const char *pre, const char *key,
    int required, json_t **vp)
{
	if ((*vp = json_object_get(o, key)) != NULL)
		return (1);
	if (!required)
		return (0);
	ingest_field(c, pre, key);
	return (ingest_fail(c, INGEST_MISSING, NULL, "required key is absent"));
}

/* Check v is an unsigned integer in lo..hi (c->field set by caller). */
static int
ingest_uint_value(struct ingest_ctx *c, const json_t *v, uint64_t lo,
    uint64_t hi, uint64_t *out)
{
	json_int_t	i;

	if (!json_is_integer(v)) {
		if (json_is_real(v)) {
			return (ingest_fail(c, INGEST_TYPE, NULL, "expected an "
			    "unsigned integer, got real number %g",
			    json_real_value(v)));
		}
		return (ingest_fail(c, INGEST_TYPE, NULL, "expected an "
		    "unsigned integer, got %s", ingest_type_name(v)));
	}
	i = json_integer_value(v);
	if (i < 0) {
		return (ingest_fail(c, INGEST_RANGE, NULL, "negative number "
		    "%lld", (long long)i));
	}
	if ((uint64_t)i < lo || (uint64_t)i > hi) {
		if (lo == 0) {
			return (ingest_fail(c, INGEST_RANGE, NULL, "%lld is over "
			    "the limit %llu", (long long)i,
			    (unsigned long long)hi));
		}
		return (ingest_fail(c, INGEST_RANGE, NULL, "%lld is out of "
		    "range %llu-%llu", (long long)i, (unsigned long long)lo,
		    (unsigned long long)hi));
	}
	*out = (uint64_t)i;
	return (0);
}

/* Read key of o as an unsigned integer in lo..hi. Returns as ingest_key. */
static int
ingest_uint(struct ingest_ctx *c, json_t *o, const char *pre, const char *key,
    int required, uint64_t lo, uint64_t hi, uint64_t *out)
{
	json_t	*v;
	int	 rv;

	if ((rv = ingest_key(c, o, pre, key, required, &v)) <= 0)
		return (rv);
	if (json_is_integer(v)) {
		/* The good path, without formatting the field name. */
		json_int_t	i = json_integer_value(v);

		if (i >= 0 && (uint64_t)i >= lo && (uint64_t)i <= hi) {
			*out = (uint64_t)i;
			return (1);
		}
	}
	ingest_field(c, pre, key);
	if (ingest_uint_value(c, v, lo, hi, out) != 0)
		return (-1);
	return (1);
}

/*
 * Check v is a finite number in lo..hi (c->field set by caller). Every
 * range is inside float32's, so whatever is taken can be published.
 */
static int
ingest_num_value(struct ingest_ctx *c, const json_t *v, double lo, double hi,
    double *out)
{
	double	d;

	if (!json_is_number(v)) {
		return (ingest_fail(c, INGEST_TYPE, NULL, "expected a number, "
		    "got %s", ingest_type_name(v)));
	}
	d = json_number_value(v);
	if (!isfinite(d))
		return (ingest_fail(c, INGEST_RANGE, NULL, "not a finite number"));
	if (d < lo && lo == 0)
		return (ingest_fail(c, INGEST_RANGE, NULL, "negative number %.15g", d));
	if (d < lo || d > hi) {
		if (lo == 0) {
			return (ingest_fail(c, INGEST_RANGE, NULL, "%.15g is over "
			    "the limit %.15g", d, hi));
		}
		return (ingest_fail(c, INGEST_RANGE, NULL, "%.15g is out of range "
		    "%.15g to %.15g", d, lo, hi));
	}
	*out = d;
	return (0);
}

/* Read key of o as a finite number in lo..hi. Returns as ingest_key. */
static int
ingest_num(struct ingest_ctx *c, json_t *o, const char *pre, const char *key,
    int required, double lo, double hi, double *out)
{
	json_t	*v;
	int	 rv;

	if ((rv = ingest_key(c, o, pre, key, required, &v)) <= 0)
		return (rv);
	ingest_field(c, pre, key);
	if (ingest_num_value(c, v, lo, hi, out) != 0)
		return (-1);
	return (1);
}

/*
 * Check v is a string that fits dst (len bytes with the NUL), not empty if
 * nonempty, and copy it (c->field set by caller).
 */
static int
ingest_str_value(struct ingest_ctx *c, const json_t *v, char *dst,
    size_t len, int nonempty)
{
	const char	*s;
	size_t		 n;

	if (!json_is_string(v)) {
		return (ingest_fail(c, INGEST_TYPE, NULL, "expected a string, "
		    "got %s", ingest_type_name(v)));
	}
	s = json_string_value(v);
	n = json_string_length(v);
	if (memchr(s, '\0', n) != NULL) {
		return (ingest_fail(c, INGEST_TYPE, NULL, "string contains a "
		    "NUL byte"));
	}
	if (n >= len) {
		return (ingest_fail(c, INGEST_TOO_LONG, NULL, "%zu bytes, at "
		    "most %zu", n, len - 1));
	}
	if (n == 0 && nonempty)
		return (ingest_fail(c, INGEST_RANGE, NULL, "must not be empty"));
	memcpy(dst, s, n + 1);
	return (0);
}

/* Read key of o as a string into dst. Returns as ingest_key. */
static int
ingest_str(struct ingest_ctx *c, json_t *o, const char *pre, const char *key,
    int required, int nonempty, char *dst, size_t len)
{
	json_t	*v;
	int	 rv;

	if ((rv = ingest_key(c, o, pre, key, required, &v)) <= 0)
		return (rv);
	if (json_is_string(v)) {
		size_t	n = json_string_length(v);
		const char *s = json_string_value(v);

		if (n < len && (n > 0 || !nonempty) && strlen(s) == n) {
			memcpy(dst, s, n + 1);
			return (1);
		}
	}
	ingest_field(c, pre, key);
	if (ingest_str_value(c, v, dst, len, nonempty) != 0)
		return (-1);
	return (1);
}

/* Read required key of o as a configured id of kind ik into dst. */
static int
ingest_id(struct ingest_ctx *c, json_t *o, const char *key,
    const struct ingest_idkind *ik, char *dst)
{
	if (ingest_str(c, o, NULL, key, 1, 1, dst, FOHP_ID_MAX) < 0)
		return (-1);
	if (ik->lookup(c->conf, dst) < 0) {
		return (ingest_fail(c, INGEST_UNKNOWN_ID, key, "no %s \"%.*s\" "
		    "in venue %s", ik->noun, INGEST_QUOTE, dst, c->conf->id));
	}
	return (0);
}

/*
 * Check v is one of the n strings in names (c->field set); set *out to its
 * index.
 */
static int
ingest_enum_value(struct ingest_ctx *c, const json_t *v,
    const char *const *names, size_t n, int *out)
{
	const char	*s;
	char		 list[64];
	size_t		 i;

	if (!json_is_string(v)) {
		return (ingest_fail(c, INGEST_TYPE, NULL, "expected a string, "
		    "got %s", ingest_type_name(v)));
	}
	s = json_string_value(v);
	for (i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return (0);
		}
	}
	list[0] = '\0';
	for (i = 0; i < n; i++) {
		strncat(list, i == 0 ? "" : (i + 1 == n ? " or " : ", "),
		    sizeof(list) - strlen(list) - 1);
		strncat(list, names[i], sizeof(list) - strlen(list) - 1);
	}
	return (ingest_fail(c, INGEST_RANGE, NULL, "expected %s, got \"%.*s\"",
	    list, INGEST_QUOTE, s));
}

/* Read key of o as one of names. Returns as ingest_key. */
static int
ingest_enum(struct ingest_ctx *c, json_t *o, const char *key, int required,
    const char *const *names, size_t n, int *out)
{
	json_t	*v;
	int	 rv;

	if ((rv = ingest_key(c, o, NULL, key, required, &v)) <= 0)
		return (rv);
	ingest_field(c, NULL, key);
	if (ingest_enum_value(c, v, names, n, out) != 0)
		return (-1);
	return (1);
}

/*
 * Read key of o as an object (a map) of at most max entries with names that
 * fit an id. Returns as ingest_key.
 */
static int
ingest_map(struct ingest_ctx *c, json_t *o, const char *key, int required,
    size_t max, json_t **vp)
{
	const char	*name;
	json_t		*v;
	int		 rv;

	if ((rv = ingest_key(c, o, NULL, key, required, vp)) <= 0)
		return (rv);
	if (!json_is_object(*vp)) {
		return (ingest_fail(c, INGEST_TYPE, key, "expected an object, "
		    "got %s", ingest_type_name(*vp)));
	}
	if (json_object_size(*vp) > max) {
		return (ingest_fail(c, INGEST_TOO_LONG, key, "%zu entries, at "
		    "most %zu", json_object_size(*vp), max));
	}
	json_object_foreach(*vp, name, v) {
		if (*name == '\0') {
			return (ingest_fail(c, INGEST_RANGE, key, "empty name"));
		}
		if (strlen(name) >= FOHP_ID_MAX) {
			return (ingest_fail(c, INGEST_TOO_LONG, key, "name "
			    "\"%.*s...\" is %zu bytes, at most %d", INGEST_QUOTE,
			    name, strlen(name), FOHP_ID_MAX - 1));
		}
	}
	return (1);
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

/* The frame limit in force: max_frame, its default, at most 1 MiB. */
static size_t
ingest_max_frame(const struct vconf *conf)
{
	if (conf->max_frame == 0)
		return (INGEST_FRAME_DEFAULT);
	if (conf->max_frame > READING_FRAME_MAX)
		return (READING_FRAME_MAX);
	return (conf->max_frame);
}

/* Parse one JSON frame and take its readings. */
int
ingest_json(const struct vconf *conf, const char *buf, size_t len,
    uint64_t now_ms, struct reading_batch *out)
{
	json_error_t	 jerr;
	json_t		*value;
	size_t		 max = ingest_max_frame(conf);
	int		 rv;

	if (len > max) {
		return (ingest_frame_fail(out, INGEST_OVERSIZED, "frame of %zu "
		    "bytes is over the limit of %zu", len, max));
	}
	/*
	 * Duplicate keys are refused: {"count": 1, "count": 900} has no one
	 * meaning, and taking the last silently would hide a producer bug.
	 * JSON_DECODE_ANY lets a bare scalar through to a "type" refusal.
	 */
	value = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
	    &jerr);
	if (value == NULL) {
		return (ingest_frame_fail(out, INGEST_JSON, "line %d column %d: "
		    "%s", jerr.line, jerr.column, jerr.text));
	}
	rv = ingest_value(conf, value, now_ms, out);
	json_decref(value);
	return (rv);
}

/*
 * The bytes of a msgpack str: msgpack-c leaves ptr NULL for an empty one,
 * and neither memchr nor jansson may be given NULL, even for 0 bytes.
 */
static const char *
ingest_mp_bytes(const msgpack_object_str *s)
{
	return (s->size == 0 || s->ptr == NULL ? "" : s->ptr);
}

/*
 * Convert o to jansson at nesting depth (1 = top). path is where o is, for
 * errors; *code gets the reason code on failure.
 */
static json_t *
ingest_mp_value(const msgpack_object *o, int depth, char *path, size_t plen,
    int *code, char *err, size_t errlen)
{
	const msgpack_object_kv	*kv;
	const char		*key;
	json_t			*j, *child;
	size_t			 at = strlen(path);
	uint32_t		 i;

	*code = INGEST_TYPE;
	switch (o->type) {
	case MSGPACK_OBJECT_NIL:
		return (json_null());
	case MSGPACK_OBJECT_BOOLEAN:
		return (json_boolean(o->via.boolean));
	case MSGPACK_OBJECT_POSITIVE_INTEGER:
		/* Over LLONG_MAX: a real, refused wherever a uint is due. */
		if (o->via.u64 > LLONG_MAX)
			return (json_real((double)o->via.u64));
		return (json_integer((json_int_t)o->via.u64));
	case MSGPACK_OBJECT_NEGATIVE_INTEGER:
		return (json_integer((json_int_t)o->via.i64));
	case MSGPACK_OBJECT_FLOAT32:
	case MSGPACK_OBJECT_FLOAT64:
		if (!isfinite(o->via.f64)) {
			*code = INGEST_RANGE;
			snprintf(err, errlen, "%s: NaN or infinity", path);
			return (NULL);
		}
		return (json_real(o->via.f64));
	case MSGPACK_OBJECT_STR:
		j = json_stringn(ingest_mp_bytes(&o->via.str),
		    o->via.str.size);
		if (j == NULL)
			snprintf(err, errlen, "%s: string is not UTF-8", path);
		return (j);
	case MSGPACK_OBJECT_BIN:
		snprintf(err, errlen, "%s: bin value (%u bytes) where only "
		    "map, array, str, number, bool or nil may be", path,
		    o->via.bin.size);
		return (NULL);
	case MSGPACK_OBJECT_EXT:
		snprintf(err, errlen, "%s: ext value (type %d) where only "
		    "map, array, str, number, bool or nil may be", path,
		    o->via.ext.type);
		return (NULL);
	case MSGPACK_OBJECT_ARRAY:
	case MSGPACK_OBJECT_MAP:
		break;
	}
	if (depth > INGEST_DEPTH_MAX) {
		*code = INGEST_TOO_LONG;
		snprintf(err, errlen, "%s: nested deeper than %d", path,
		    INGEST_DEPTH_MAX);
		return (NULL);
	}

	if (o->type == MSGPACK_OBJECT_ARRAY) {
		if ((j = json_array()) == NULL)
			goto nomem;
		for (i = 0; i < o->via.array.size; i++) {
			snprintf(path + at, plen - at, "[%u]", i);
			child = ingest_mp_value(&o->via.array.ptr[i], depth + 1,
			    path, plen, code, err, errlen);
			if (child == NULL)
				goto fail;
			if (json_array_append_new(j, child) != 0)
				goto nomem_j;
		}
		path[at] = '\0';
		return (j);
	}

	if ((j = json_object()) == NULL)
		goto nomem;
	for (i = 0; i < o->via.map.size; i++) {
		kv = &o->via.map.ptr[i];
		if (kv->key.type != MSGPACK_OBJECT_STR) {
			snprintf(err, errlen, "%s: map key is not a string",
			    path);
			goto fail;
		}
		key = ingest_mp_bytes(&kv->key.via.str);
		if (memchr(key, '\0', kv->key.via.str.size) != NULL) {
			snprintf(err, errlen, "%s: map key contains a NUL byte",
			    path);
			goto fail;
		}
		snprintf(path + at, plen - at, ".%.*s",
		    (int)(kv->key.via.str.size < INGEST_QUOTE ?
		    kv->key.via.str.size : INGEST_QUOTE), key);
		if (json_object_getn(j, key, kv->key.via.str.size) != NULL) {
			*code = INGEST_JSON;
			snprintf(err, errlen, "%s: duplicate map key", path);
			goto fail;
		}
		child = ingest_mp_value(&kv->val, depth + 1, path, plen, code,
		    err, errlen);
		if (child == NULL)
			goto fail;
		if (json_object_setn_new(j, key, kv->key.via.str.size,
		    child) != 0) {
			snprintf(err, errlen, "%s: map key is not UTF-8", path);
			goto fail;
		}
	}
	path[at] = '\0';
	return (j);

nomem_j:
	json_decref(child);
nomem:
	*code = INGEST_JSON;
	snprintf(err, errlen, "%s: out of memory", path);
fail:
	json_decref(j);
	return (NULL);
}

/* Convert a decoded msgpack object to a new jansson value. */
json_t *
ingest_msgpack_to_json(const msgpack_object *o, char *err, size_t errlen)
{
	json_t	*j;
	char	 path[128] = "message";
	int	 code;

	j = ingest_mp_value(o, 1, path, sizeof(path), &code, err, errlen);
	if (j == NULL && errlen > 0)
		ingest_clean(err);
	return (j);
}

/* Unpack one msgpack message, convert it and take its readings. */
int
ingest_msgpack(const struct vconf *conf, const void *buf, size_t len,
    msgpack_zone *zone, uint64_t now_ms, struct reading_batch *out)
{
	msgpack_object		 obj;
	json_t			*value;
	char			 err[sizeof(out->errs[0].reason)];
	char			 path[128] = "message";
	size_t			 off = 0, max = ingest_max_frame(conf);
	int			 rv, code;

	if (len > max) {
		return (ingest_frame_fail(out, INGEST_OVERSIZED, "message of "
		    "%zu bytes is over the limit of %zu", len, max));
	}
	/*
	 * Input that is not one msgpack object is refused with code "json":
	 * that code means "the frame could not be decoded", whatever the
	 * encoding, and keeps the metrics labels the same on every path.
	 */
	if (len == 0)
		return (ingest_frame_fail(out, INGEST_JSON, "empty message"));
	if (fohp_scan(buf, len, INGEST_DEPTH_MAX, NULL, err, sizeof(err)) !=
	    FOHP_OK)
		return (ingest_frame_fail(out, INGEST_JSON, "%s", err));
	msgpack_zone_clear(zone);
	if (msgpack_unpack(buf, len, &off, zone, &obj) !=
	    MSGPACK_UNPACK_SUCCESS) {
		return (ingest_frame_fail(out, INGEST_JSON, "undecodable "
		    "msgpack (%zu bytes)", len));
	}
	value = ingest_mp_value(&obj, 1, path, sizeof(path), &code, err,
	    sizeof(err));
	if (value == NULL)
		return (ingest_frame_fail(out, code, "%s", err));
	rv = ingest_value(conf, value, now_ms, out);
	json_decref(value);
	return (rv);
}

/* Write the WebSocket answer for a batch into buf, NUL-terminated. */
size_t
ingest_reply(const struct reading_batch *b, char *buf, size_t len)
{
	const struct reading_err	*e;
	json_t				*root, *errors, *je;
	size_t				 n = 0;
	unsigned			 i;

	if (len == 0)
		return (0);
	if ((errors = json_array()) == NULL)
		return (0);
	for (i = 0; i < b->nerrs && i < READING_ERRS_MAX; i++) {
		e = &b->errs[i];
		je = json_pack("{s:i,s:s,s:s,s:s,s:s}", "index", e->index,
		    "kind", e->kind, "field", e->field, "code", e->code,
		    "reason", e->reason);
		if (je == NULL || json_array_append_new(errors, je) != 0) {
			json_decref(errors);
			return (0);
		}
	}
	root = json_pack("{s:I,s:I,s:o}", "accepted", (json_int_t)b->accepted,
	    "rejected", (json_int_t)b->rejected, "errors", errors);
	if (root == NULL)
		return (0);
	n = json_dumpb(root, buf, len - 1, JSON_COMPACT);
	json_decref(root);
	if (n == 0 || n > len - 1) {
		buf[0] = '\0';
		return (0);
	}
	buf[n] = '\0';
	return (n);
}
