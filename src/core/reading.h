/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * reading.h: a reading from the field, as every ingest path hands it to the
 * agent. WebSocket JSON frames, nng PULL msgpack messages and replay files
 * all carry the same shapes (proto/PROTOCOL.md, "Ingest"); their parsers
 * produce these structs, checked against the venue config, and the agent
 * applies them (agent_apply).
 *
 * A density raster never reaches the agent as such: the parser maps its
 * cells onto the venue grid and hands on one READING_ZONE_COUNT per zone the
 * raster covers (source "raster").
 *
 * Ownership: a struct reading_batch is caller-owned and large; allocate one
 * and reuse it. Model-sample values live in the batch's pool; a reading
 * refers to them by offset, so a reading is only meaningful with its batch.
 */
#ifndef FOH_READING_H
#define FOH_READING_H

#include <stdint.h>

#include "proto/foh-proto.h"

#define READING_BATCH_MAX	1024	/* readings in one frame or message */
#define READING_POOL_MAX	65536	/* model-sample values in one batch */
#define READING_FLAGS_MAX	8	/* status flags in one telemetry */
#define READING_DETAILS_MAX	8	/* explanation fields, external alert */
#define READING_FRAME_MAX	(1024 * 1024)	/* bytes in one frame */

enum reading_kind {
	READING_ZONE_COUNT = 0,	/* "zone_count" (and a raster's zones) */
	READING_GATE_FLOW,	/* "gate_flow" */
	READING_TELEMETRY,	/* "telemetry" */
	READING_MODEL_SAMPLE,	/* "model_sample" */
	READING_DRIFT_SCORE,	/* "drift_score" */
	READING_EXTERNAL_ALERT,	/* "external_alert" */
	READING_RASTER,		/* "raster": the cells, to publish */
	READING_KIND_COUNT
};

struct reading_zone {
	char		zone[FOHP_ID_MAX];
	uint32_t	count;			/* persons */
	char		source[FOHP_ID_MAX];	/* sensor id, or "raster" */
};

struct reading_gate {
	char		gate[FOHP_ID_MAX];
	uint32_t	in;			/* persons in over interval */
	uint32_t	out;			/* persons out over interval */
	uint32_t	interval_ms;		/* > 0 */
};

struct reading_flag {
	char		name[FOHP_ID_MAX];	/* "lamp", "fan", "protect" */
	enum fohp_status level;			/* ok / warning / error */
};

struct reading_telemetry {
	char			device[FOHP_ID_MAX];
	uint8_t			nmetrics;
	struct fohp_metric	metrics[FOHP_METRICS_MAX];
	uint8_t			nflags;
	struct reading_flag	flags[READING_FLAGS_MAX];
};

struct reading_feature_values {
	char		name[FOHP_ID_MAX];
	uint32_t	off;			/* into the batch's pool */
	uint32_t	n;			/* values */
};

struct reading_model {
	char				model[FOHP_ID_MAX];
	char				version[FOHP_ID_MAX];
	uint8_t				nfeatures;
	struct reading_feature_values	features[FOHP_FEATURES_MAX];
};

struct reading_drift {
	char			model[FOHP_ID_MAX];
	char			version[FOHP_ID_MAX];
	char			method[FOHP_UNIT_MAX];	/* "psi", "ks", "js" */
	double			score;			/* overall */
	uint8_t			nfeatures;
	struct fohp_feature	features[FOHP_FEATURES_MAX];
};

struct reading_detail {
	char		name[FOHP_ID_MAX];
	char		value[FOHP_NAME_MAX];	/* as text, either way */
	int		is_number;	/* 1: given as a JSON number */
	double		number;		/* that number */
};

struct reading_alert {
	char			source[FOHP_ID_MAX];	/* "fall-detector" */
	char			subject[FOHP_ID_MAX];	/* zone, gate, device */
	enum fohp_severity	severity;
	char			title[FOHP_TEXT_MAX];
	char			reason[FOHP_TEXT_MAX];	/* its explanation */
	enum fohp_stake		stake;	/* as stated; NONE: not stated */
	uint8_t			ndetails;
	struct reading_detail	details[READING_DETAILS_MAX];
};

/* A raster's cells, in the batch's pool (persons per grid cell). */
struct reading_raster {
	uint16_t	x, y, cols, rows;
	uint32_t	off;			/* into the batch's pool */
};

struct reading {
	enum reading_kind	kind;
	uint64_t		t_ms;		/* measured at, Unix ms; 0 = now */
	union {
		struct reading_zone		zone;
		struct reading_gate		gate;
		struct reading_telemetry	telemetry;
		struct reading_model		model;
		struct reading_drift		drift;
		struct reading_alert		alert;
		struct reading_raster		raster;
	} u;
};

/* Where a reading was refused, and why. */
struct reading_err {
	int	index;			/* reading in the frame, -1 = frame */
	char	kind[24];		/* its kind, if known */
	char	code[16];		/* metrics label: "json", "type", "range",
					   "missing", "too_long", "unknown_id",
					   "unknown_kind", "oversized", "auth",
					   "drill" */
	char	field[48];		/* e.g. "count", "cells[12]" */
	char	reason[160];		/* e.g. "negative number" */
};

#define READING_ERRS_MAX	8	/* errors reported per frame */
#define READING_CODES		10	/* refusal codes, as in reading_err */

struct reading_batch {
	unsigned		n;
	struct reading		r[READING_BATCH_MAX];
	uint32_t		npool;
	float			pool[READING_POOL_MAX];
	unsigned		accepted;	/* readings of the frame taken (a
						   raster is one, giving many) */
	unsigned		rejected;	/* readings refused */
	unsigned		nerrs;		/* first READING_ERRS_MAX */
	struct reading_err	errs[READING_ERRS_MAX];
	unsigned		rejected_by_kind[READING_KIND_COUNT + 1];
					/* last slot: kind unknown */
	unsigned		rejected_by[READING_KIND_COUNT + 1]
				    [READING_CODES];
					/* by kind and code (ingest.h order) */
};

/* The wire name of a kind ("zone_count", ...). */
const char	*reading_kind_name(enum reading_kind);

#endif
