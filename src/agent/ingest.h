/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ingest.h: readings from producers, checked against the venue config.
 *
 * Every ingest path (WebSocket JSON frames, nng PULL msgpack messages,
 * replay lines) ends in ingest_value: it walks one reading or an array of
 * readings, takes or refuses each one by itself (proto/PROTOCOL.md,
 * section 12), and fills a struct reading_batch (reading.h). A refusal
 * names the reading's index, the field, a code from ingest_codes and a
 * reason in words.
 *
 * Ownership: the batch is the caller's; every ingest_* call resets it first
 * and then owns nothing. No call keeps a pointer to its input. A json_t
 * passed in stays the caller's (ingest_value only reads it).
 */
#ifndef FOH_INGEST_H
#define FOH_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <msgpack.h>

#include "core/reading.h"
#include "core/vconf.h"

#define INGEST_FRAME_DEFAULT	65536	/* max_frame when the config says 0 */
#define INGEST_DEPTH_MAX	16	/* msgpack nesting converted at most */

/*
 * Reason codes, in the order of the spec's list. They are the "code" of a
 * refusal and the reason label of fohd_ingest_rejected_total; the batch
 * counts refusals in rejected_by[kind][code] with these indexes.
 */
enum ingest_code {
	INGEST_JSON = 0,	/* "json": frame is not JSON (or msgpack) */
	INGEST_TYPE,		/* "type": wrong type */
	INGEST_RANGE,		/* "range": value out of range */
	INGEST_MISSING,		/* "missing": required key absent */
	INGEST_TOO_LONG,	/* "too_long": string, array or map too long */
	INGEST_UNKNOWN_ID,	/* "unknown_id": no such zone, gate, ... */
	INGEST_UNKNOWN_KIND,	/* "unknown_kind": kind not known */
	INGEST_OVERSIZED,	/* "oversized": frame over max_frame */
	INGEST_AUTH,		/* "auth": upgrade without a good token */
	INGEST_DRILL,		/* "drill": fohd runs a drill, takes no live
				   readings (issue 15) */
	INGEST_CODE_COUNT
};

/* Names of the reason codes, indexed by enum ingest_code. */
extern const char *const ingest_codes[INGEST_CODE_COUNT];

/* Name of reason code i; "unknown" if out of range. */
const char	*ingest_code_name(int i);

/* Index of a reason code name (an err's code); -1 if none. */
int		 ingest_code_index(const char *name);

/*
 * Parse one frame of len bytes (a JSON object or an array of them) into
 * out, readings without "t" stamped now_ms. Returns 0 if the frame parsed,
 * even if readings in it were refused; -1 if the whole frame was refused
 * (out->errs[0] has index -1 and code "json", "oversized" or "type").
 */
int		 ingest_json(const struct vconf *conf, const char *buf,
		     size_t len, uint64_t now_ms, struct reading_batch *out);

/* The same from an already parsed value; never "json" or "oversized". */
int		 ingest_value(const struct vconf *conf, json_t *value,
		     uint64_t now_ms, struct reading_batch *out);

/*
 * Convert a decoded msgpack object to a new jansson value (the caller's,
 * json_decref it). Maps need string keys, unique; bin, ext, NaN, infinities
 * and nesting deeper than INGEST_DEPTH_MAX are refused: returns NULL and
 * writes why into err.
 */
json_t		*ingest_msgpack_to_json(const msgpack_object *o, char *err,
		     size_t errlen);

/*
 * Unpack one msgpack message of len bytes into zone (the caller's, cleared
 * first and reused), convert and ingest it as ingest_value does. Returns as
 * ingest_json; an undecodable message is refused with code "json".
 */
int		 ingest_msgpack(const struct vconf *conf, const void *buf,
		     size_t len, msgpack_zone *zone, uint64_t now_ms,
		     struct reading_batch *out);

/*
 * One MQTT message (issue 16; ingest-mqtt.c): the first [mqtt] mapping
 * whose filter matches topic makes payload readings: a readings = topic
 * as ingest_json, a value = topic one number (or flag word) made into its
 * mapping's reading and checked by ingest_value; not a number: that
 * reading refused, code "type", its field named. A topic no mapping
 * matches is refused whole (code "unknown_id", field "topic"). Returns as
 * ingest_json.
 */
int		 ingest_mqtt(const struct vconf *conf, const char *topic,
		     const char *payload, size_t len, uint64_t now_ms,
		     struct reading_batch *out);

/*
 * Refuse a whole live frame because fohd runs a drill: out reset, one
 * refusal with index -1 and code "drill". Returns -1.
 */
int		 ingest_refuse_drill(struct reading_batch *out);

/*
 * Write the WebSocket answer for a batch into buf, NUL-terminated:
 * {"accepted":N,"rejected":M,"errors":[{"index":...,"kind":...,"field":...,
 * "code":...,"reason":...}]}. Returns its length without the NUL, or 0 if
 * it does not fit (or out of memory).
 */
size_t		 ingest_reply(const struct reading_batch *b, char *buf,
		     size_t len);

#endif
