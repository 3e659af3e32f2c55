/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ingest-json.c: the JSON path (WebSocket frames, replay lines) and the
 * answer a WebSocket producer gets. A frame is parsed by jansson, within
 * the venue's max_frame, and walked by ingest_value (ingest.c).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest-priv.h"

/* The frame limit in force: max_frame, its default, at most 1 MiB. */
size_t
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
