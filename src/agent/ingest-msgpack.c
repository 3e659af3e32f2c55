/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ingest-msgpack.c: the msgpack path (nng PULL). A message is scanned
 * first, so one whose headers promise more than it holds is refused
 * before msgpack-c allocates for it, then unpacked into the caller's zone,
 * converted to jansson values and walked by ingest_value (ingest.c): one
 * set of checks for every path.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ingest-priv.h"

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
