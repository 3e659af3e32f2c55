/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ingest-check.c: the checks every reading's fields pass (ingest.c).
 *
 * Typed, bounded reads of one key of a reading: an unsigned integer, a
 * number, a string, a configured id, one of a list of words, a map. Each
 * takes the value or fills the context's pending refusal (code, field,
 * reason; formatted only on failure) and returns -1. Reasons that quote
 * producer input are cleaned (ingest_clean) before they are kept. Also the
 * batch's own bookkeeping: reset, a refusal recorded, a whole frame refused.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ingest-priv.h"
#include "lib/text.h"

/* The reason codes' names (ingest.h), in the spec's order. */
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
	[INGEST_DRILL] = "drill",
};

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

/*
 * Make s safe to show: bytes that are not well-formed UTF-8 (including a
 * sequence cut short at the end) and control characters become '?'.
 */
void
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
int __attribute__((format(printf, 4, 5)))
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
void
ingest_field(struct ingest_ctx *c, const char *pre, const char *key)
{
	if (pre == NULL)
		text_copy(c->field, sizeof(c->field), key);
	else
		snprintf(c->field, sizeof(c->field), "%s.%s", pre, key);
}

/* Words for the type of a JSON value. */
const char *
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
void
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
void
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
int __attribute__((format(printf, 3, 4)))
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

/* A live frame while fohd runs a drill: refused whole, code "drill". */
int
ingest_refuse_drill(struct reading_batch *out)
{
	return (ingest_frame_fail(out, INGEST_DRILL, "this agent runs a "
	    "drill: live readings are refused until it restarts without "
	    "--drill"));
}

/*
 * Look up key in o. Returns 1 and sets *vp if present, 0 if absent and
 * optional, -1 (refused "missing") if absent and required.
 */
int
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
int
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
int
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
int
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
int
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
int
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
int
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
int
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
int
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
int
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
