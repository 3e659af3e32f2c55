/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * codec.c: the foh wire codec, struct fohp_msg <-> msgpack.
 *
 * Every kind is described once, as a const table of fields (key, C type,
 * offset in the struct, limits). The encoder walks a table to pack a struct
 * and the decoder walks the same table to fill one, so the two cannot
 * disagree about key names or limits, and both run the same range checks.
 *
 * Decoding happens in three steps:
 *
 *  1. fohp_scan walks the raw bytes once, without recursion, and checks that
 *     the input is exactly one well-formed msgpack object: nothing truncated,
 *     no trailing bytes, nesting at most FOHP_DEPTH_MAX deep, and no array
 *     or map header claiming more entries than there are bytes left. That
 *     last check matters: msgpack-c allocates an array's storage from its
 *     header before reading the entries, so a 5-byte input claiming 2^32
 *     entries would otherwise ask for 100 GB. The scan also adds up the
 *     bytes msgpack-c will take from the zone.
 *  2. msgpack_unpack builds the object tree in the decoder's own zone,
 *     cleared first. Strings point into the input, nothing is copied.
 *  3. The tables are walked over the tree: strings are copied into the
 *     fixed arrays of struct fohp_msg and every value is checked.
 *
 * msgpack_zone_clear frees every chunk but the first, so a zone only stops
 * allocating if its first chunk holds a whole message. After a message
 * decodes successfully and needed more than that, the decoder replaces its
 * zone with one whose first chunk is big enough (up to FOHP_ZONE_MAX).
 * From then on a message of that size allocates nothing. Bad messages never
 * grow the zone, so garbage cannot make a decoder keep memory.
 */

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "foh-proto.h"

#define FOHP_DEPTH_MAX	16		/* nesting accepted by the scan */
#define FOHP_PATH_MAX	6		/* frames in an error's field path */
#define FOHP_ZONE_MIN	(16 * 1024)	/* decoder zone's first chunk */
#define FOHP_ZONE_MAX	(4 * 1024 * 1024)	/* largest it grows to */

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

/* How a field is stored in C and spelled in msgpack. */
enum fohp_ftype {
	FT_UINT,	/* uint: uint16_t, uint32_t or uint64_t */
	FT_DOUBLE,	/* float (ints accepted on decode) */
	FT_STR,		/* str into char[size] */
	FT_BAND,	/* str of one letter 'A'..'F' into char */
	FT_ENUM,	/* str, one of names[], into an enum */
	FT_GRID,	/* array [w, h] into struct fohp_layout */
	FT_RECT,	/* array [x, y, w, h] into struct fohp_zone_def */
	FT_MAP,		/* map into a nested struct */
	FT_ARRAY,	/* array of maps into struct[max] plus a count */
	FT_HIST,	/* array of floats into float[max] plus a count */
	FT_UINTS,	/* array of uints into uint64_t[max] plus a count */
	FT_OPTMAP	/* optional map into a nested struct, with a has-flag */
};

/* Field flags. */
#define FF_REQ		0x01	/* required */
#define FF_ENV		0x02	/* envelope field optional in a request */
#define FF_NONNEG	0x04	/* double >= 0 */
#define FF_POS		0x08	/* number > 0 */
#define FF_NONEMPTY	0x10	/* string not empty */
#define FF_ID		0x20	/* string of [a-z0-9_-] only */
#define FF_ALWAYS	0x40	/* optional on decode, always encoded */

struct fohp_ctx;
struct fohp_table;

/* One key of a map and where its value lives. */
struct fohp_field {
	const char		*key;
	size_t			 klen;
	enum fohp_ftype		 type;
	int			 flags;
	size_t			 off;		/* offset in the struct */
	size_t			 size;		/* sizeof the member */
	uint64_t		 max;		/* uint: largest; array: entries */
	double			 dmax;		/* double: largest, 0 = none */
	const char *const	*names;		/* enum: wire names, max of them */
	const struct fohp_table	*sub;		/* map, array: element table */
	size_t			 esize;		/* array: sizeof an element */
						/* (hist: of a float) */
	size_t			 noff;		/* array: offset of the count */
						/* (optmap: of the has-flag) */
	size_t			 nsize;		/* array: sizeof the count */
};

/* A map: its fields and an optional check of the whole decoded struct. */
struct fohp_table {
	const struct fohp_field	*fields;
	size_t			 nfields;
	int			(*check)(struct fohp_ctx *, const void *);
};

/* State of one encode or decode: where we are, for error messages. */
struct fohp_ctx {
	struct fohp_err	*err;
	const char	*what;			/* kind name, for err->text */
	int		 envopt;		/* envelope optional (request) */
	int		 depth;
	const char	*key[FOHP_PATH_MAX];
	long		 idx[FOHP_PATH_MAX];	/* -1: no index */
};

static const char *const fohp_kind_names[FOHP_KIND_COUNT] = {
	"unknown", "hello", "heartbeat", "layout", "zone", "equip", "drift",
	"alert", "snapshot", "request", "error", "gate", "action", "reply",
	"raster"
};
static const char *const fohp_zone_kind_names[FOHP_ZK_COUNT] = {
	"walkway", "standing", "queue"
};
static const char *const fohp_status_names[FOHP_ST_COUNT] = {
	"ok", "warning", "error", "offline"
};
static const char *const fohp_rul_names[FOHP_RUL_COUNT] = {
	"unset", "pending", "na", "value", "beyond"
};
/* NULL: FOHP_DL_NONE has no wire name, it is the absent key. */
static const char *const fohp_drift_level_names[FOHP_DL_COUNT] = {
	NULL, "stable", "moderate", "major", "pending"
};
/* NULL: the NONE values have no wire name, they are the absent key. */
static const char *const fohp_rule_kind_names[FOHP_RK_COUNT] = {
	NULL, "threshold", "rate", "forecast", "status", "rul", "drift",
	"external"
};
static const char *const fohp_fc_state_names[FOHP_FC_COUNT] = {
	NULL, "pending", "not-rising", "poor-fit", "beyond-horizon",
	"crossing", "already"
};
static const char *const fohp_severity_names[FOHP_SEV_COUNT] = {
	"info", "warning", "critical"
};
static const char *const fohp_alert_state_names[FOHP_AS_COUNT] = {
	"firing", "acknowledged", "shelved", "resolved", "flapping"
};
static const char *const fohp_stake_names[FOHP_STAKE_COUNT] = {
	NULL, "safety", "equipment", "model"
};
static const char *const fohp_ack_type_names[FOHP_ACK_COUNT] = {
	NULL, "sticky", "non-sticky"
};
static const char *const fohp_error_names[FOHP_ECOUNT] = {
	"no error",
	"message truncated or not msgpack",
	"field has the wrong type",
	"number out of range",
	"string or array too long",
	"required field missing",
	"unknown message kind",
	"unsupported protocol version",
	"topic missing or does not match the message",
	"message too large to encode"
};

#define MEMBER(s, m)	(((s *)0)->m)
#define F_BASE(k, t, s, m, fl) \
	.key = k, .klen = sizeof k - 1, .type = t, .flags = fl, \
	.off = offsetof(s, m), .size = sizeof MEMBER(s, m)
#define F_UINT(k, s, m, mx, fl)	{ F_BASE(k, FT_UINT, s, m, fl), .max = mx }
#define F_DBL(k, s, m, fl, dm)	{ F_BASE(k, FT_DOUBLE, s, m, fl), .dmax = dm }
#define F_STR(k, s, m, fl)	{ F_BASE(k, FT_STR, s, m, fl) }
#define F_ENUM(k, s, m, n, fl) \
	{ F_BASE(k, FT_ENUM, s, m, fl), .names = n, .max = nitems(n) }
#define F_MAP(k, s, m, t, fl)	{ F_BASE(k, FT_MAP, s, m, fl), .sub = &t }
#define F_ARRAY(k, s, m, n, t, fl) \
	{ F_BASE(k, FT_ARRAY, s, m, fl), .sub = &t, \
	  .esize = sizeof MEMBER(s, m)[0], .max = nitems(MEMBER(s, m)), \
	  .noff = offsetof(s, n), .nsize = sizeof MEMBER(s, n) }
#define F_FLOATS(k, s, m, n, fl, dm) \
	{ F_BASE(k, FT_HIST, s, m, fl), .dmax = dm, \
	  .esize = sizeof MEMBER(s, m)[0], .max = nitems(MEMBER(s, m)), \
	  .noff = offsetof(s, n), .nsize = sizeof MEMBER(s, n) }
#define F_HIST(k, s, fl, dm)	F_FLOATS(k, s, hist, nhist, fl, dm)
#define F_UINTS(k, s, m, n, fl) \
	{ F_BASE(k, FT_UINTS, s, m, fl), \
	  .esize = sizeof MEMBER(s, m)[0], .max = nitems(MEMBER(s, m)), \
	  .noff = offsetof(s, n), .nsize = sizeof MEMBER(s, n) }
#define F_OPTMAP(k, s, m, has, t) \
	{ F_BASE(k, FT_OPTMAP, s, m, 0), .sub = &t, \
	  .noff = offsetof(s, has), .nsize = sizeof MEMBER(s, has) }
#define TABLE(f, c)	{ f, nitems(f), c }

static int	fohp_check_layout(struct fohp_ctx *, const void *);
static int	fohp_check_reply(struct fohp_ctx *, const void *);
static int	fohp_check_raster(struct fohp_ctx *, const void *);

static const struct fohp_field fohp_f_envelope[] = {
	F_STR("venue", struct fohp_msg, venue, FF_ENV|FF_NONEMPTY|FF_ID),
	F_UINT("seq", struct fohp_msg, seq, UINT64_MAX, FF_ENV),
	F_UINT("epoch", struct fohp_msg, epoch, UINT64_MAX, FF_ENV),
	F_UINT("ts", struct fohp_msg, ts_ms, UINT64_MAX, FF_ENV),
};
static const struct fohp_field fohp_f_hello[] = {
	F_STR("agent", struct fohp_hello, agent, FF_REQ),
	F_STR("name", struct fohp_hello, name, FF_REQ),
	F_UINT("hb_ms", struct fohp_hello, hb_ms, UINT32_MAX, FF_REQ|FF_POS),
	F_UINT("uptime_ms", struct fohp_hello, uptime_ms, UINT64_MAX, FF_REQ),
};
static const struct fohp_field fohp_f_zone_def[] = {
	F_STR("id", struct fohp_zone_def, id, FF_REQ|FF_NONEMPTY),
	F_STR("name", struct fohp_zone_def, name, FF_REQ),
	{ F_BASE("rect", FT_RECT, struct fohp_zone_def, x, FF_REQ) },
	F_DBL("area_m2", struct fohp_zone_def, area_m2, FF_REQ|FF_POS, 0),
	F_ENUM("zkind", struct fohp_zone_def, kind, fohp_zone_kind_names,
	    FF_REQ),
	F_UINT("capacity", struct fohp_zone_def, capacity, UINT32_MAX, 0),
};
static const struct fohp_table fohp_t_zone_def = TABLE(fohp_f_zone_def, 0);
static const struct fohp_field fohp_f_layout[] = {
	F_STR("name", struct fohp_layout, name, FF_REQ),
	{ F_BASE("grid", FT_GRID, struct fohp_layout, grid_w, FF_REQ) },
	F_ARRAY("zones", struct fohp_layout, zones, nzones, fohp_t_zone_def,
	    FF_REQ),
};
static const struct fohp_field fohp_f_zone[] = {
	F_STR("zone", struct fohp_zone, zone, FF_REQ|FF_NONEMPTY),
	F_UINT("count", struct fohp_zone, count, FOHP_COUNT_MAX, FF_REQ),
	F_DBL("density", struct fohp_zone, density, FF_REQ|FF_NONNEG,
	    FOHP_DENSITY_MAX),
	{ F_BASE("band", FT_BAND, struct fohp_zone, band, FF_REQ) },
	F_UINT("t", struct fohp_zone, t_ms, UINT64_MAX, FF_REQ),
	F_HIST("hist", struct fohp_zone, FF_NONNEG, FOHP_DENSITY_MAX),
	F_UINT("hist_step_ms", struct fohp_zone, hist_step_ms, UINT32_MAX, 0),
};
static const struct fohp_field fohp_f_gate[] = {
	F_STR("gate", struct fohp_gate, gate, FF_REQ|FF_NONEMPTY),
	F_STR("name", struct fohp_gate, name, 0),
	F_UINT("in", struct fohp_gate, in, UINT32_MAX, FF_REQ),
	F_UINT("out", struct fohp_gate, out, UINT32_MAX, FF_REQ),
	F_UINT("interval_ms", struct fohp_gate, interval_ms, UINT32_MAX,
	    FF_REQ|FF_POS),
	F_DBL("flow_pmm", struct fohp_gate, flow_pmm, FF_REQ|FF_NONNEG, 0),
	{ F_BASE("los", FT_BAND, struct fohp_gate, los, FF_REQ) },
	F_DBL("use", struct fohp_gate, use, FF_REQ|FF_NONNEG, 0),
	F_UINT("t", struct fohp_gate, t_ms, UINT64_MAX, FF_REQ),
	F_HIST("hist", struct fohp_gate, FF_NONNEG, 0),
};
static const struct fohp_field fohp_f_metric[] = {
	F_STR("name", struct fohp_metric, name, FF_REQ|FF_NONEMPTY),
	F_DBL("value", struct fohp_metric, value, FF_REQ, 0),
	F_STR("unit", struct fohp_metric, unit, FF_REQ),
};
static const struct fohp_table fohp_t_metric = TABLE(fohp_f_metric, 0);
static const struct fohp_field fohp_f_flag[] = {
	F_STR("name", struct fohp_flag, name, FF_REQ|FF_NONEMPTY),
	F_ENUM("status", struct fohp_flag, status, fohp_status_names, FF_REQ),
};
static const struct fohp_table fohp_t_flag = TABLE(fohp_f_flag, 0);
static const struct fohp_field fohp_f_equip[] = {
	F_STR("device", struct fohp_equip, device, FF_REQ|FF_NONEMPTY),
	F_STR("dkind", struct fohp_equip, dkind, FF_REQ),
	F_ENUM("status", struct fohp_equip, status, fohp_status_names, FF_REQ),
	F_ARRAY("metrics", struct fohp_equip, metrics, nmetrics, fohp_t_metric,
	    FF_REQ),
	F_STR("name", struct fohp_equip, name, 0),
	F_ARRAY("flags", struct fohp_equip, flags, nflags, fohp_t_flag, 0),
	F_DBL("wear", struct fohp_equip, wear, 0, 0),
	F_DBL("wear_limit", struct fohp_equip, wear_limit, FF_NONNEG, 0),
	F_ENUM("rul", struct fohp_equip, rul, fohp_rul_names, 0),
	F_DBL("rul_h", struct fohp_equip, rul_h, FF_NONNEG, 0),
	F_UINT("hb_age_s", struct fohp_equip, hb_age_s, UINT32_MAX, 0),
	F_HIST("hist", struct fohp_equip, 0, 0),
};
static const struct fohp_field fohp_f_feature[] = {
	F_STR("name", struct fohp_feature, name, FF_REQ|FF_NONEMPTY),
	F_DBL("score", struct fohp_feature, score, FF_REQ, 0),
};
static const struct fohp_table fohp_t_feature = TABLE(fohp_f_feature, 0);
static const struct fohp_field fohp_f_drift[] = {
	F_STR("model", struct fohp_drift, model, FF_REQ|FF_NONEMPTY),
	F_STR("version", struct fohp_drift, version, FF_REQ),
	F_STR("method", struct fohp_drift, method, FF_REQ),
	F_DBL("score", struct fohp_drift, score, FF_REQ, 0),
	F_DBL("warn", struct fohp_drift, warn, FF_REQ, 0),
	F_DBL("crit", struct fohp_drift, crit, FF_REQ, 0),
	F_ARRAY("features", struct fohp_drift, features, nfeatures,
	    fohp_t_feature, FF_REQ),
	F_STR("name", struct fohp_drift, name, 0),
	F_ENUM("level", struct fohp_drift, level, fohp_drift_level_names, 0),
	F_UINT("ref_n", struct fohp_drift, ref_n, UINT32_MAX, 0),
	F_UINT("cur_n", struct fohp_drift, cur_n, UINT32_MAX, 0),
	F_HIST("hist", struct fohp_drift, 0, 0),
};
static const struct fohp_field fohp_f_contrib[] = {
	F_STR("name", struct fohp_contrib, name, FF_REQ|FF_NONEMPTY),
	F_DBL("value", struct fohp_contrib, value, FF_REQ, 0),
	F_STR("unit", struct fohp_contrib, unit, 0),
	F_STR("note", struct fohp_contrib, note, 0),
};
static const struct fohp_table fohp_t_contrib = TABLE(fohp_f_contrib, 0);
static const struct fohp_field fohp_f_alert_op[] = {
	F_UINT("t", struct fohp_alert_op, t_ms, UINT64_MAX, FF_REQ),
	F_STR("op", struct fohp_alert_op, op, FF_REQ|FF_NONEMPTY),
	F_STR("operator", struct fohp_alert_op, operator_name, 0),
	F_STR("note", struct fohp_alert_op, note, 0),
};
static const struct fohp_table fohp_t_alert_op = TABLE(fohp_f_alert_op, 0);
static const struct fohp_field fohp_f_alert[] = {
	F_UINT("id", struct fohp_alert, id, UINT64_MAX, FF_REQ),
	F_STR("rule", struct fohp_alert, rule, FF_REQ|FF_NONEMPTY),
	F_STR("subject", struct fohp_alert, subject, FF_REQ),
	F_ENUM("severity", struct fohp_alert, severity, fohp_severity_names,
	    FF_REQ),
	F_ENUM("state", struct fohp_alert, state, fohp_alert_state_names,
	    FF_REQ),
	F_STR("title", struct fohp_alert, title, FF_REQ),
	F_DBL("value", struct fohp_alert, value, FF_REQ, 0),
	F_DBL("threshold", struct fohp_alert, threshold, FF_REQ, 0),
	F_UINT("since", struct fohp_alert, since_ms, UINT64_MAX, FF_REQ),
	/* The explanation and operator history, added within v1. */
	F_UINT("fingerprint", struct fohp_alert, fingerprint, UINT64_MAX, 0),
	F_ENUM("rkind", struct fohp_alert, rkind, fohp_rule_kind_names, 0),
	F_STR("words", struct fohp_alert, words, 0),
	F_STR("expr", struct fohp_alert, expr, 0),
	F_STR("unit", struct fohp_alert, unit, 0),
	F_DBL("margin", struct fohp_alert, margin, 0, 0),
	F_UINT("held_ms", struct fohp_alert, held_ms, UINT64_MAX, 0),
	F_UINT("window_step_ms", struct fohp_alert, window_step_ms, UINT32_MAX,
	    0),
	F_FLOATS("window", struct fohp_alert, window, nwindow, 0, 0),
	F_ENUM("fc_state", struct fohp_alert, fc_state, fohp_fc_state_names, 0),
	F_DBL("fc_slope", struct fohp_alert, fc_slope, 0, 0),
	F_DBL("fc_r2", struct fohp_alert, fc_r2, 0, 0),
	F_DBL("fc_eta_s", struct fohp_alert, fc_eta_s, FF_NONNEG, 0),
	F_DBL("fc_horizon_s", struct fohp_alert, fc_horizon_s, FF_NONNEG, 0),
	F_ARRAY("contrib", struct fohp_alert, contrib, ncontrib,
	    fohp_t_contrib, 0),
	F_STR("source", struct fohp_alert, source, 0),
	F_STR("action", struct fohp_alert, action, 0),
	F_UINT("escalated", struct fohp_alert, escalated, UINT8_MAX, 0),
	F_STR("acked_by", struct fohp_alert, acked_by, 0),
	F_UINT("acked_ms", struct fohp_alert, acked_ms, UINT64_MAX, 0),
	F_UINT("ack_expires_ms", struct fohp_alert, ack_expires_ms, UINT64_MAX,
	    0),
	F_STR("shelved_by", struct fohp_alert, shelved_by, 0),
	F_UINT("shelved_until_ms", struct fohp_alert, shelved_until_ms,
	    UINT64_MAX, 0),
	F_UINT("resolved_ms", struct fohp_alert, resolved_ms, UINT64_MAX, 0),
	F_ARRAY("ops", struct fohp_alert, ops, nops, fohp_t_alert_op, 0),
	/* Added within v1: flapping, stake, ack type, when it opened. */
	F_UINT("flaps", struct fohp_alert, flaps, UINT8_MAX, 0),
	F_ENUM("stake", struct fohp_alert, stake, fohp_stake_names, 0),
	F_ENUM("ack_type", struct fohp_alert, ack_type, fohp_ack_type_names, 0),
	F_UINT("fired_ms", struct fohp_alert, fired_ms, UINT64_MAX, 0),
};
static const struct fohp_field fohp_f_action[] = {
	F_UINT("alert", struct fohp_action, alert, UINT64_MAX, FF_REQ),
	F_STR("rule", struct fohp_action, rule, 0),
	F_STR("subject", struct fohp_action, subject, 0),
	F_STR("action", struct fohp_action, action, FF_REQ|FF_NONEMPTY),
	F_STR("operator", struct fohp_action, operator_name, 0),
};
static const struct fohp_table fohp_t_hello = TABLE(fohp_f_hello, 0);
static const struct fohp_table fohp_t_layout =
    TABLE(fohp_f_layout, fohp_check_layout);
static const struct fohp_table fohp_t_zone = TABLE(fohp_f_zone, 0);
static const struct fohp_table fohp_t_gate = TABLE(fohp_f_gate, 0);
static const struct fohp_table fohp_t_equip = TABLE(fohp_f_equip, 0);
static const struct fohp_table fohp_t_drift = TABLE(fohp_f_drift, 0);
static const struct fohp_table fohp_t_alert = TABLE(fohp_f_alert, 0);
static const struct fohp_table fohp_t_action = TABLE(fohp_f_action, 0);
static const struct fohp_field fohp_f_raster[] = {
	F_UINT("x", struct fohp_raster, x, FOHP_GRID_MAX - 1, FF_REQ),
	F_UINT("y", struct fohp_raster, y, FOHP_GRID_MAX - 1, FF_REQ),
	F_UINT("cols", struct fohp_raster, cols, FOHP_GRID_MAX, FF_REQ|FF_POS),
	F_UINT("rows", struct fohp_raster, rows, FOHP_GRID_MAX, FF_REQ|FF_POS),
	F_UINT("t", struct fohp_raster, t_ms, UINT64_MAX, FF_REQ),
	F_FLOATS("cells", struct fohp_raster, cells, ncells, FF_REQ|FF_NONNEG,
	    FOHP_COUNT_MAX),
};
static const struct fohp_table fohp_t_raster =
    TABLE(fohp_f_raster, fohp_check_raster);
static const struct fohp_field fohp_f_snapshot[] = {
	F_MAP("hello", struct fohp_snapshot, hello, fohp_t_hello, FF_REQ),
	F_MAP("layout", struct fohp_snapshot, layout, fohp_t_layout, FF_REQ),
	F_ARRAY("zones", struct fohp_snapshot, zones, nzones, fohp_t_zone,
	    FF_REQ),
	/* Added within v1: always sent, but old agents do not send it. */
	F_ARRAY("gates", struct fohp_snapshot, gates, ngates, fohp_t_gate,
	    FF_ALWAYS),
	F_ARRAY("equip", struct fohp_snapshot, equip, nequip, fohp_t_equip,
	    FF_REQ),
	F_ARRAY("drift", struct fohp_snapshot, drift, ndrift, fohp_t_drift,
	    FF_REQ),
	F_ARRAY("alerts", struct fohp_snapshot, alerts, nalerts, fohp_t_alert,
	    FF_REQ),
	/* Added within v1: the request's id, and the ids of every open
	 * alert (6.8); absent (old agent): alerts is the whole open set. */
	F_UINT("id", struct fohp_snapshot, id, UINT64_MAX, 0),
	F_UINTS("open", struct fohp_snapshot, open, nopen, FF_ALWAYS),
	/* Added within v1: only when the venue has sent a raster. */
	F_OPTMAP("raster", struct fohp_snapshot, raster, has_raster,
	    fohp_t_raster),
};
static const struct fohp_field fohp_f_request[] = {
	F_UINT("id", struct fohp_request, id, UINT64_MAX, FF_REQ),
	F_STR("op", struct fohp_request, op, FF_REQ|FF_NONEMPTY),
	F_STR("operator", struct fohp_request, operator_name, 0),
	/* Added within v1 for the alerts work; which op needs which is the
	 * agent's rule (PROTOCOL.md 6.9), not the codec's. */
	F_UINT("alert", struct fohp_request, alert, UINT64_MAX, 0),
	F_STR("comment", struct fohp_request, comment, 0),
	F_UINT("expiry_s", struct fohp_request, expiry_s, UINT32_MAX, 0),
	F_UINT("duration_s", struct fohp_request, duration_s, UINT32_MAX, 0),
	F_STR("reason", struct fohp_request, reason, 0),
	/* Added within v1: the agent-clock time after which the request
	 * must not be carried out, and the alerts op's ids. */
	F_UINT("deadline_ms", struct fohp_request, deadline_ms, UINT64_MAX, 0),
	F_UINTS("ids", struct fohp_request, ids, nids, 0),
	/* Added within v1: ack, sticky or not. */
	F_ENUM("ack_type", struct fohp_request, ack_type, fohp_ack_type_names,
	    0),
};
static const struct fohp_field fohp_f_reply[] = {
	F_UINT("id", struct fohp_reply, id, UINT64_MAX, FF_REQ),
	F_STR("status", struct fohp_reply, status, FF_REQ|FF_NONEMPTY),
	F_STR("text", struct fohp_reply, text, 0),
	F_OPTMAP("alert", struct fohp_reply, alert, has_alert, fohp_t_alert),
	/* Added within v1: the answer to op "alerts". */
	F_ARRAY("alerts", struct fohp_reply, alerts, nalerts, fohp_t_alert, 0),
};
static const struct fohp_field fohp_f_error[] = {
	F_UINT("id", struct fohp_error_msg, id, UINT64_MAX, FF_REQ),
	F_STR("code", struct fohp_error_msg, code, FF_REQ|FF_NONEMPTY),
	F_STR("field", struct fohp_error_msg, field, 0),
	F_STR("text", struct fohp_error_msg, text, FF_REQ),
};
static const struct fohp_table fohp_t_envelope = TABLE(fohp_f_envelope, 0);
static const struct fohp_table fohp_t_snapshot = TABLE(fohp_f_snapshot, 0);
static const struct fohp_table fohp_t_request = TABLE(fohp_f_request, 0);
static const struct fohp_table fohp_t_error = TABLE(fohp_f_error, 0);
static const struct fohp_table fohp_t_reply =
    TABLE(fohp_f_reply, fohp_check_reply);

/* fohp_dec_fields keeps the keys it has seen in a 64-bit mask. */
_Static_assert(nitems(fohp_f_alert) <= 64, "alert table too large");
_Static_assert(nitems(fohp_f_snapshot) <= 64, "snapshot table too large");

/* Body table of each kind. */
static const struct fohp_table *const fohp_bodies[FOHP_KIND_COUNT] = {
	[FOHP_HELLO] = &fohp_t_hello,
	[FOHP_HEARTBEAT] = &fohp_t_hello,
	[FOHP_LAYOUT] = &fohp_t_layout,
	[FOHP_ZONE] = &fohp_t_zone,
	[FOHP_EQUIP] = &fohp_t_equip,
	[FOHP_DRIFT] = &fohp_t_drift,
	[FOHP_ALERT] = &fohp_t_alert,
	[FOHP_SNAPSHOT] = &fohp_t_snapshot,
	[FOHP_REQUEST] = &fohp_t_request,
	[FOHP_ERROR] = &fohp_t_error,
	[FOHP_GATE] = &fohp_t_gate,
	[FOHP_ACTION] = &fohp_t_action,
	[FOHP_REPLY] = &fohp_t_reply,
	[FOHP_RASTER] = &fohp_t_raster,
};

/* Look up v in a name table; "unknown" if out of range, "" if no name. */
static const char *
fohp_name(const char *const *names, size_t n, int v)
{
	if (v < 0 || (size_t)v >= n)
		return ("unknown");
	return (names[v] != NULL ? names[v] : "");
}

/* Find s (n bytes, not NUL-terminated) in a name table; -1 if absent. */
static int
fohp_lookup(const char *const *names, size_t count, const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < count; i++) {
		if (names[i] != NULL && strlen(names[i]) == n &&
		    memcmp(names[i], s, n) == 0)
			return ((int)i);
	}
	return (-1);
}

/* Wire name of a kind. */
const char *
fohp_kind_name(enum fohp_kind k)
{
	return (fohp_name(fohp_kind_names, nitems(fohp_kind_names), k));
}

/* Kind of a wire name of n bytes; FOHP_UNKNOWN if there is none. */
enum fohp_kind
fohp_kind_parse(const char *s, size_t n)
{
	int	k;

	k = fohp_lookup(fohp_kind_names, nitems(fohp_kind_names), s, n);
	if (k <= 0)
		return (FOHP_UNKNOWN);
	return ((enum fohp_kind)k);
}

/* Wire name of a zone kind. */
const char *
fohp_zone_kind_name(enum fohp_zone_kind k)
{
	return (fohp_name(fohp_zone_kind_names, nitems(fohp_zone_kind_names),
	    k));
}

/* Parse a zone kind name; FOHP_OK, or FOHP_ERANGE if unknown. */
int
fohp_zone_kind_parse(const char *s, enum fohp_zone_kind *out)
{
	int	k;

	k = fohp_lookup(fohp_zone_kind_names, nitems(fohp_zone_kind_names), s,
	    strlen(s));
	if (k < 0)
		return (FOHP_ERANGE);
	*out = (enum fohp_zone_kind)k;
	return (FOHP_OK);
}

/* Wire name of an equipment status. */
const char *
fohp_status_name(enum fohp_status s)
{
	return (fohp_name(fohp_status_names, nitems(fohp_status_names), s));
}

/* Wire name of an alert severity. */
const char *
fohp_severity_name(enum fohp_severity s)
{
	return (fohp_name(fohp_severity_names, nitems(fohp_severity_names),
	    s));
}

/* Wire name of an alert state. */
const char *
fohp_alert_state_name(enum fohp_alert_state s)
{
	return (fohp_name(fohp_alert_state_names,
	    nitems(fohp_alert_state_names), s));
}

/* Wire name of a remaining-useful-life state. */
const char *
fohp_rul_name(enum fohp_rul r)
{
	return (fohp_name(fohp_rul_names, nitems(fohp_rul_names), r));
}

/* Wire name of a drift level; "" for FOHP_DL_NONE (sent as no key). */
const char *
fohp_drift_level_name(enum fohp_drift_level l)
{
	return (fohp_name(fohp_drift_level_names,
	    nitems(fohp_drift_level_names), l));
}

/* Wire name of a rule kind; "" for FOHP_RK_NONE (sent as no key). */
const char *
fohp_rule_kind_name(enum fohp_rule_kind k)
{
	return (fohp_name(fohp_rule_kind_names, nitems(fohp_rule_kind_names),
	    k));
}

/* Wire name of a stake; "" for FOHP_STAKE_NONE (sent as no key). */
const char *
fohp_stake_name(enum fohp_stake k)
{
	return (fohp_name(fohp_stake_names, nitems(fohp_stake_names), k));
}

/* Wire name of an ack type; "" for FOHP_ACK_NONE (sent as no key). */
const char *
fohp_ack_type_name(enum fohp_ack_type k)
{
	return (fohp_name(fohp_ack_type_names, nitems(fohp_ack_type_names),
	    k));
}

/* Wire name of a forecast state; "" for FOHP_FC_NONE (sent as no key). */
const char *
fohp_fc_state_name(enum fohp_fc_state s)
{
	return (fohp_name(fohp_fc_state_names, nitems(fohp_fc_state_names),
	    s));
}

/* Words for an error code. */
const char *
fohp_strerror(int code)
{
	if (code < 0 || code >= FOHP_ECOUNT)
		return ("unknown error");
	return (fohp_error_names[code]);
}

/* Write the topic "foh/VENUE/KIND" and a NUL; length with NUL, 0 if no fit. */
size_t
fohp_topic(char *buf, size_t len, const char *venue, enum fohp_kind kind)
{
	const char	*name;
	size_t		 vlen, klen, n;

	if (kind <= FOHP_UNKNOWN || kind >= FOHP_KIND_COUNT || venue == NULL)
		return (0);
	name = fohp_kind_names[kind];
	vlen = strlen(venue);
	klen = strlen(name);
	n = 4 + vlen + 1 + klen + 1;
	if (vlen == 0 || n > len)
		return (0);
	memcpy(buf, "foh/", 4);
	memcpy(buf + 4, venue, vlen);
	buf[4 + vlen] = '/';
	memcpy(buf + 5 + vlen, name, klen + 1);
	return (n);
}

/* Push a key onto the error path. */
static void
fohp_push(struct fohp_ctx *c, const char *key)
{
	if (c->depth < FOHP_PATH_MAX) {
		c->key[c->depth] = key;
		c->idx[c->depth] = -1;
	}
	c->depth++;
}

/* Pop the last key off the error path. */
static void
fohp_pop(struct fohp_ctx *c)
{
	c->depth--;
}

/* Set the array index of the last key on the error path. */
static void
fohp_index(struct fohp_ctx *c, long i)
{
	if (c->depth > 0 && c->depth <= FOHP_PATH_MAX)
		c->idx[c->depth - 1] = i;
}

/* Fill the error from the current path and a message; returns code. */
static int
fohp_fail(struct fohp_ctx *c, int code, const char *fmt, ...)
{
	struct fohp_err	*err = c->err;
	char		 msg[160];
	size_t		 off = 0;
	int		 i, n;
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);

	err->code = code;
	err->field[0] = '\0';
	for (i = 0; i < c->depth && i < FOHP_PATH_MAX; i++) {
		if (off >= sizeof err->field)
			break;
		if (c->idx[i] >= 0) {
			n = snprintf(err->field + off, sizeof err->field - off,
			    "%s%s[%ld]", i ? "." : "", c->key[i], c->idx[i]);
		} else {
			n = snprintf(err->field + off, sizeof err->field - off,
			    "%s%s", i ? "." : "", c->key[i]);
		}
		if (n < 0)
			break;
		off += (size_t)n;
	}
	if (err->field[0] != '\0') {
		snprintf(err->text, sizeof err->text, "%s: field \"%s\": %s",
		    c->what, err->field, msg);
	} else
		snprintf(err->text, sizeof err->text, "%s: %s", c->what, msg);
	return (code);
}

/* Check an unsigned number against a field's limits. */
static int
fohp_check_uint(struct fohp_ctx *c, const struct fohp_field *f, uint64_t u)
{
	if (u > f->max) {
		return (fohp_fail(c, FOHP_ERANGE, "%llu is over the limit %llu",
		    (unsigned long long)u, (unsigned long long)f->max));
	}
	if ((f->flags & FF_POS) && u == 0)
		return (fohp_fail(c, FOHP_ERANGE, "must be greater than 0"));
	return (FOHP_OK);
}

/* Check a double against a field's limits. */
static int
fohp_check_double(struct fohp_ctx *c, const struct fohp_field *f, double d)
{
	if (!isfinite(d))
		return (fohp_fail(c, FOHP_ERANGE, "not a finite number"));
	if ((f->flags & (FF_NONNEG|FF_POS)) && d < 0)
		return (fohp_fail(c, FOHP_ERANGE, "negative number"));
	if ((f->flags & FF_POS) && d <= 0)
		return (fohp_fail(c, FOHP_ERANGE, "must be greater than 0"));
	if (f->dmax != 0 && d > f->dmax)
		return (fohp_fail(c, FOHP_ERANGE, "%g is over the limit %g", d,
		    f->dmax));
	return (FOHP_OK);
}

/* Check a string of n bytes against a field's limits. */
static int
fohp_check_str(struct fohp_ctx *c, const struct fohp_field *f, const char *s,
    size_t n)
{
	size_t	i;

	if (n >= f->size) {
		return (fohp_fail(c, FOHP_ETOOLONG,
		    "string of %zu bytes, at most %zu allowed", n, f->size - 1));
	}
	if ((f->flags & FF_NONEMPTY) && n == 0)
		return (fohp_fail(c, FOHP_ERANGE, "empty string"));
	if (memchr(s, '\0', n) != NULL)
		return (fohp_fail(c, FOHP_ERANGE, "string contains a NUL byte"));
	if (f->flags & FF_ID) {
		for (i = 0; i < n; i++) {
			if ((s[i] < 'a' || s[i] > 'z') &&
			    (s[i] < '0' || s[i] > '9') &&
			    s[i] != '_' && s[i] != '-') {
				return (fohp_fail(c, FOHP_ERANGE,
				    "invalid character in id (only a-z 0-9 _ -)"));
			}
		}
	}
	return (FOHP_OK);
}

/* Check a grid size. */
static int
fohp_check_grid(struct fohp_ctx *c, uint64_t w, uint64_t h)
{
	if (w < 1 || w > FOHP_GRID_MAX || h < 1 || h > FOHP_GRID_MAX) {
		return (fohp_fail(c, FOHP_ERANGE,
		    "grid %llux%llu outside 1..%d", (unsigned long long)w,
		    (unsigned long long)h, FOHP_GRID_MAX));
	}
	return (FOHP_OK);
}

/* Check that every zone of a layout lies on its grid. */
static int
fohp_check_layout(struct fohp_ctx *c, const void *p)
{
	const struct fohp_layout	*l = p;
	const struct fohp_zone_def	*z;
	uint16_t			 i;
	int				 rv;

	for (i = 0; i < l->nzones && i < FOHP_ZONES_MAX; i++) {
		z = &l->zones[i];
		if (z->w >= 1 && z->h >= 1 &&
		    (unsigned)z->x + z->w <= l->grid_w &&
		    (unsigned)z->y + z->h <= l->grid_h)
			continue;
		fohp_push(c, "zones");
		fohp_index(c, i);
		fohp_push(c, "rect");
		rv = fohp_fail(c, FOHP_ERANGE,
		    "rect %u,%u %ux%u is outside the %ux%u grid", z->x, z->y,
		    z->w, z->h, l->grid_w, l->grid_h);
		fohp_pop(c);
		fohp_pop(c);
		return (rv);
	}
	return (FOHP_OK);
}

/* A raster has cols x rows cells. */
static int
fohp_check_raster(struct fohp_ctx *c, const void *p)
{
	const struct fohp_raster	*r = p;
	int				 rv;

	if ((unsigned)r->cols * r->rows == r->ncells)
		return (FOHP_OK);
	fohp_push(c, "cells");
	rv = fohp_fail(c, FOHP_ERANGE, "%u cells, cols %u x rows %u needs %u",
	    r->ncells, r->cols, r->rows, (unsigned)r->cols * r->rows);
	fohp_pop(c);
	return (rv);
}

/* A reply's status is "done" or "unchanged". */
static int
fohp_check_reply(struct fohp_ctx *c, const void *p)
{
	const struct fohp_reply	*r = p;
	int			 rv;

	if (strcmp(r->status, "done") == 0 ||
	    strcmp(r->status, "unchanged") == 0)
		return (FOHP_OK);
	fohp_push(c, "status");
	rv = fohp_fail(c, FOHP_ERANGE, "not \"done\" or \"unchanged\"");
	fohp_pop(c);
	return (rv);
}

/* Read an array count of the given width. */
static size_t
fohp_get_count(const char *base, const struct fohp_field *f)
{
	if (f->nsize == sizeof (uint8_t))
		return (*(const uint8_t *)(base + f->noff));
	return (*(const uint16_t *)(base + f->noff));
}

/* Store an array count of the given width. */
static void
fohp_set_count(char *base, const struct fohp_field *f, size_t n)
{
	if (f->nsize == sizeof (uint8_t))
		*(uint8_t *)(base + f->noff) = (uint8_t)n;
	else
		*(uint16_t *)(base + f->noff) = (uint16_t)n;
}

/* Read an unsigned member of width f->size. */
static uint64_t
fohp_get_uint(const char *p, const struct fohp_field *f)
{
	switch (f->size) {
	case sizeof (uint8_t):
		return (*(const uint8_t *)p);
	case sizeof (uint16_t):
		return (*(const uint16_t *)p);
	case sizeof (uint32_t):
		return (*(const uint32_t *)p);
	default:
		return (*(const uint64_t *)p);
	}
}

/* Store an unsigned member of width f->size. */
static void
fohp_set_uint(char *p, const struct fohp_field *f, uint64_t u)
{
	switch (f->size) {
	case sizeof (uint8_t):
		*(uint8_t *)p = (uint8_t)u;
		break;
	case sizeof (uint16_t):
		*(uint16_t *)p = (uint16_t)u;
		break;
	case sizeof (uint32_t):
		*(uint32_t *)p = (uint32_t)u;
		break;
	default:
		*(uint64_t *)p = u;
		break;
	}
}

/* ---- Encoding. ---- */

/* An encoder: the packer and whether a write has failed. */
struct fohp_enc {
	msgpack_packer	pk;
	int		failed;
};

/* Pack a string. */
static void
fohp_enc_str(struct fohp_enc *e, const char *s, size_t n)
{
	if (msgpack_pack_str(&e->pk, n) != 0 ||
	    msgpack_pack_str_body(&e->pk, s, n) != 0)
		e->failed = 1;
}

/* Pack an unsigned integer. */
static void
fohp_enc_uint(struct fohp_enc *e, uint64_t u)
{
	if (msgpack_pack_uint64(&e->pk, u) != 0)
		e->failed = 1;
}

/* Does this field go on the wire? Optional fields are left out when zero. */
static int
fohp_enc_present(const struct fohp_ctx *c, const struct fohp_field *f,
    const char *base)
{
	const char	*p = base + f->off;

	if ((f->flags & (FF_REQ|FF_ALWAYS)) ||
	    ((f->flags & FF_ENV) && !c->envopt))
		return (1);
	switch (f->type) {
	case FT_UINT:
		return (fohp_get_uint(p, f) != 0);
	case FT_DOUBLE:
		return (*(const double *)p != 0);
	case FT_STR:
	case FT_BAND:
		return (p[0] != '\0');
	case FT_ENUM:
		return (*(const int *)p != 0);
	case FT_ARRAY:
	case FT_HIST:
	case FT_UINTS:
		return (fohp_get_count(base, f) != 0);
	case FT_OPTMAP:
		return (fohp_get_count(base, f) != 0);	/* the has-flag */
	default:
		return (1);
	}
}

/* Count the fields of a table that go on the wire. */
static uint32_t
fohp_enc_count(const struct fohp_ctx *c, const struct fohp_table *t,
    const void *base)
{
	uint32_t	n = 0;
	size_t		i;

	for (i = 0; i < t->nfields; i++)
		n += fohp_enc_present(c, &t->fields[i], base);
	return (n);
}

static int	fohp_enc_map(struct fohp_enc *, struct fohp_ctx *,
		    const struct fohp_table *, const void *);

/* Pack the header of an array field of n entries, at most f->max. */
static int
fohp_enc_array_head(struct fohp_enc *e, struct fohp_ctx *c,
    const struct fohp_field *f, size_t n)
{
	if (n > f->max) {
		return (fohp_fail(c, FOHP_ETOOLONG,
		    "%zu entries, at most %llu allowed", n,
		    (unsigned long long)f->max));
	}
	if (msgpack_pack_array(&e->pk, n) != 0)
		e->failed = 1;
	return (FOHP_OK);
}

/* Check and pack one field's value. */
static int
fohp_enc_value(struct fohp_enc *e, struct fohp_ctx *c,
    const struct fohp_field *f, const char *base)
{
	const char			*p = base + f->off;
	const struct fohp_layout	*l;
	const struct fohp_zone_def	*z;
	size_t				 n, i;
	int				 v, rv;
	uint64_t			 u;
	double				 d;

	switch (f->type) {
	case FT_UINT:
		u = fohp_get_uint(p, f);
		if ((rv = fohp_check_uint(c, f, u)) != 0)
			return (rv);
		fohp_enc_uint(e, u);
		break;
	case FT_DOUBLE:
		d = *(const double *)p;
		if ((rv = fohp_check_double(c, f, d)) != 0)
			return (rv);
		if (msgpack_pack_double(&e->pk, d) != 0)
			e->failed = 1;
		break;
	case FT_STR:
		n = strnlen(p, f->size);
		if ((rv = fohp_check_str(c, f, p, n)) != 0)
			return (rv);
		fohp_enc_str(e, p, n);
		break;
	case FT_BAND:
		if (*p < 'A' || *p > 'F')
			return (fohp_fail(c, FOHP_ERANGE, "band not A..F"));
		fohp_enc_str(e, p, 1);
		break;
	case FT_ENUM:
		v = *(const int *)p;
		if (v < 0 || (uint64_t)v >= f->max || f->names[v] == NULL)
			return (fohp_fail(c, FOHP_ERANGE, "bad value %d", v));
		fohp_enc_str(e, f->names[v], strlen(f->names[v]));
		break;
	case FT_GRID:
		l = (const struct fohp_layout *)base;
		if ((rv = fohp_check_grid(c, l->grid_w, l->grid_h)) != 0)
			return (rv);
		if (msgpack_pack_array(&e->pk, 2) != 0)
			e->failed = 1;
		fohp_enc_uint(e, l->grid_w);
		fohp_enc_uint(e, l->grid_h);
		break;
	case FT_RECT:
		z = (const struct fohp_zone_def *)base;
		if (msgpack_pack_array(&e->pk, 4) != 0)
			e->failed = 1;
		fohp_enc_uint(e, z->x);
		fohp_enc_uint(e, z->y);
		fohp_enc_uint(e, z->w);
		fohp_enc_uint(e, z->h);
		break;
	case FT_MAP:
	case FT_OPTMAP:
		if (msgpack_pack_map(&e->pk,
		    fohp_enc_count(c, f->sub, p)) != 0)
			e->failed = 1;
		return (fohp_enc_map(e, c, f->sub, p));
	case FT_ARRAY:
		n = fohp_get_count(base, f);
		if ((rv = fohp_enc_array_head(e, c, f, n)) != 0)
			return (rv);
		for (i = 0; i < n; i++) {
			fohp_index(c, (long)i);
			if (msgpack_pack_map(&e->pk,
			    fohp_enc_count(c, f->sub, p + i * f->esize)) != 0)
				e->failed = 1;
			rv = fohp_enc_map(e, c, f->sub, p + i * f->esize);
			if (rv != 0)
				return (rv);
		}
		break;
	case FT_HIST:
		n = fohp_get_count(base, f);
		if ((rv = fohp_enc_array_head(e, c, f, n)) != 0)
			return (rv);
		for (i = 0; i < n; i++) {
			fohp_index(c, (long)i);
			d = ((const float *)p)[i];
			if ((rv = fohp_check_double(c, f, d)) != 0)
				return (rv);
			if (msgpack_pack_float(&e->pk, (float)d) != 0)
				e->failed = 1;
		}
		break;
	case FT_UINTS:
		n = fohp_get_count(base, f);
		if ((rv = fohp_enc_array_head(e, c, f, n)) != 0)
			return (rv);
		for (i = 0; i < n; i++)
			fohp_enc_uint(e, ((const uint64_t *)p)[i]);
		break;
	}
	return (FOHP_OK);
}

/* Pack the fields of a table (the map header is the caller's). */
static int
fohp_enc_map(struct fohp_enc *e, struct fohp_ctx *c,
    const struct fohp_table *t, const void *base)
{
	const struct fohp_field	*f;
	size_t			 i;
	int			 rv;

	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		if (!fohp_enc_present(c, f, base))
			continue;
		fohp_push(c, f->key);
		fohp_enc_str(e, f->key, f->klen);
		rv = fohp_enc_value(e, c, f, base);
		fohp_pop(c);
		if (rv != 0)
			return (rv);
	}
	if (t->check != NULL)
		return (t->check(c, base));
	return (FOHP_OK);
}

/* Encode m, with its topic first if topic is non-zero. */
int
fohp_encode(msgpack_sbuffer *sb, const struct fohp_msg *m, int topic,
    struct fohp_err *err)
{
	struct fohp_err		 dummy;
	struct fohp_ctx		 c;
	struct fohp_enc		 e;
	const struct fohp_table	*body;
	char			 tbuf[FOHP_TOPIC_MAX];
	size_t			 start = sb->size, tlen, limit;
	int			 rv;

	memset(&c, 0, sizeof c);
	c.err = err != NULL ? err : &dummy;
	c.err->code = FOHP_OK;
	c.err->field[0] = c.err->text[0] = '\0';
	c.what = "encode";
	if (m->kind <= FOHP_UNKNOWN || m->kind >= FOHP_KIND_COUNT) {
		fohp_push(&c, "kind");
		return (fohp_fail(&c, FOHP_EKIND, "unknown kind %d", m->kind));
	}
	c.what = fohp_kind_names[m->kind];
	c.envopt = (m->kind == FOHP_REQUEST);
	body = fohp_bodies[m->kind];
	limit = m->kind == FOHP_SNAPSHOT ? FOHP_SNAPSHOT_MAX : FOHP_MSG_MAX;

	if (m->v != FOHP_VERSION) {
		fohp_push(&c, "v");
		return (fohp_fail(&c, FOHP_EVERSION, "version %u, want %d",
		    m->v, FOHP_VERSION));
	}
	e.failed = 0;
	msgpack_packer_init(&e.pk, sb, msgpack_sbuffer_write);
	if (topic) {
		fohp_push(&c, "venue");
		rv = fohp_check_str(&c, &fohp_f_envelope[0], m->venue,
		    strnlen(m->venue, sizeof m->venue));
		fohp_pop(&c);
		if (rv != 0)
			return (rv);
		tlen = fohp_topic(tbuf, sizeof tbuf, m->venue, m->kind);
		if (tlen == 0)
			return (fohp_fail(&c, FOHP_ETOPIC, "no topic for venue"));
		if (msgpack_sbuffer_write(sb, tbuf, tlen) != 0)
			e.failed = 1;
	}
	if (msgpack_pack_map(&e.pk, 2 + fohp_enc_count(&c, &fohp_t_envelope,
	    m) + fohp_enc_count(&c, body, &m->u)) != 0)
		e.failed = 1;
	fohp_enc_str(&e, "v", 1);
	fohp_enc_uint(&e, m->v);
	if ((rv = fohp_enc_map(&e, &c, &fohp_t_envelope, m)) != 0)
		goto fail;
	fohp_enc_str(&e, "kind", 4);
	fohp_enc_str(&e, c.what, strlen(c.what));
	if ((rv = fohp_enc_map(&e, &c, body, &m->u)) != 0)
		goto fail;
	if (e.failed) {
		rv = fohp_fail(&c, FOHP_ENOSPACE, "out of memory");
		goto fail;
	}
	if (sb->size - start > limit) {
		rv = fohp_fail(&c, FOHP_ENOSPACE,
		    "message of %zu bytes, at most %zu allowed",
		    sb->size - start, limit);
		goto fail;
	}
	return (FOHP_OK);

fail:
	sb->size = start;
	return (rv);
}

/* ---- Decoding. ---- */

/* Set up a decoder. Returns FOHP_OK or FOHP_ENOSPACE if out of memory. */
int
fohp_decoder_init(struct fohp_decoder *dec)
{
	memset(dec, 0, sizeof *dec);
	if (!msgpack_zone_init(&dec->zone, FOHP_ZONE_MIN))
		return (FOHP_ENOSPACE);
	return (FOHP_OK);
}

/* Tear down a decoder. */
void
fohp_decoder_fini(struct fohp_decoder *dec)
{
	msgpack_zone_destroy(&dec->zone);
}

/* Read a big-endian number of n bytes. */
static uint64_t
fohp_be(const uint8_t *p, size_t n)
{
	uint64_t	v = 0;

	while (n-- > 0)
		v = (v << 8) | *p++;
	return (v);
}

/*
 * Check that buf holds one complete msgpack object and nothing after it,
 * nested at most max_depth deep, each array or map promising no more
 * entries than bytes are left, without recursion: msgpack-c then allocates
 * no more than the message's size warrants. Sets *need (if not NULL) to
 * the zone bytes msgpack-c will use. Returns FOHP_OK, or FOHP_ETRUNC with
 * why (whylen bytes) saying what is wrong. Shared with fohd's msgpack
 * ingest (src/agent/ingest.c), which allows one more level than messages need.
 */
int
fohp_scan(const void *data, size_t len, int max_depth, size_t *need,
    char *why, size_t whylen)
{
	const uint8_t	*buf = data;
	uint64_t	 left[FOHP_SCAN_DEPTH_MAX + 1], pending = 1, n;
	size_t		 pos = 0, hdr, body, zone = 0;
	int		 depth = 0;
	uint8_t		 b;

	if (need != NULL)
		*need = 0;
	if (max_depth > FOHP_SCAN_DEPTH_MAX)
		max_depth = FOHP_SCAN_DEPTH_MAX;
	left[0] = 1;
	if (len == 0) {
		snprintf(why, whylen, "empty message");
		return (FOHP_ETRUNC);
	}
	while (depth >= 0) {
		if (left[depth] == 0) {
			depth--;
			continue;
		}
		left[depth]--;
		pending--;
		if (pos >= len)
			goto trunc;
		b = buf[pos];
		hdr = 1;
		body = 0;
		n = 0;
		if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 ||
		    b == 0xc3)
			;
		else if (b >= 0xa0 && b <= 0xbf)
			body = b & 0x1f;
		else if (b >= 0x80 && b <= 0x8f)
			n = 2 * (uint64_t)(b & 0x0f);
		else if (b >= 0x90 && b <= 0x9f)
			n = b & 0x0f;
		else {
			switch (b) {
			case 0xcc: case 0xd0: body = 1; break;
			case 0xcd: case 0xd1: body = 2; break;
			case 0xca: case 0xce: case 0xd2: body = 4; break;
			case 0xcb: case 0xcf: case 0xd3: body = 8; break;
			case 0xd4: body = 2; break;
			case 0xd5: body = 3; break;
			case 0xd6: body = 5; break;
			case 0xd7: body = 9; break;
			case 0xd8: body = 17; break;
			case 0xc4: case 0xd9: hdr = 2; break;
			case 0xc5: case 0xda: hdr = 3; break;
			case 0xc6: case 0xdb: hdr = 5; break;
			case 0xc7: hdr = 3; break;
			case 0xc8: hdr = 4; break;
			case 0xc9: hdr = 6; break;
			case 0xdc: case 0xde: hdr = 3; break;
			case 0xdd: case 0xdf: hdr = 5; break;
			default:
				snprintf(why, whylen, "not msgpack (byte 0x%02x "
				    "at offset %zu)", b, pos);
				return (FOHP_ETRUNC);
			}
			if (len - pos < hdr)
				goto trunc;
			switch (b) {
			case 0xc4: case 0xc5: case 0xc6:
			case 0xd9: case 0xda: case 0xdb:
				body = fohp_be(buf + pos + 1, hdr - 1);
				break;
			case 0xc7: case 0xc8: case 0xc9:	/* + type */
				body = fohp_be(buf + pos + 1, hdr - 2);
				break;
			case 0xdc: case 0xdd:
				n = fohp_be(buf + pos + 1, hdr - 1);
				break;
			case 0xde: case 0xdf:
				n = 2 * fohp_be(buf + pos + 1, hdr - 1);
				break;
			}
		}
		if (len - pos < hdr || len - pos - hdr < body)
			goto trunc;
		pos += hdr + body;
		if ((b >= 0x80 && b <= 0x9f) || (b >= 0xdc && b <= 0xdf)) {
			/* Entries of a map count twice; kv is 2 objects. */
			zone += n * sizeof (msgpack_object);
			/*
			 * An empty container is nested as deep as a full one:
			 * msgpack-c refuses 33 nested arrays even when the
			 * innermost is empty.
			 */
			if (depth + 1 > max_depth) {
				snprintf(why, whylen, "nested deeper than %d",
				    max_depth);
				return (FOHP_ETRUNC);
			}
			if (n == 0)
				continue;
			/* Every entry still to come needs at least a byte. */
			if (pending + n > len - pos)
				goto trunc;
			left[++depth] = n;
			pending += n;
		}
	}
	if (pos != len) {
		snprintf(why, whylen, "%zu trailing bytes after the message",
		    len - pos);
		return (FOHP_ETRUNC);
	}
	if (need != NULL)
		*need = zone;
	return (FOHP_OK);

trunc:
	snprintf(why, whylen, "truncated (%zu bytes)", len);
	return (FOHP_ETRUNC);
}

/* Expect a msgpack str; set s and n. */
static int
fohp_dec_strobj(struct fohp_ctx *c, const msgpack_object *o, const char **s,
    size_t *n)
{
	if (o->type != MSGPACK_OBJECT_STR)
		return (fohp_fail(c, FOHP_ETYPE, "expected a string"));
	*s = o->via.str.ptr;
	*n = o->via.str.size;
	return (FOHP_OK);
}

/* Expect a non-negative msgpack integer. */
static int
fohp_dec_uintobj(struct fohp_ctx *c, const msgpack_object *o, uint64_t *u)
{
	if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
		return (fohp_fail(c, FOHP_ERANGE, "negative number"));
	if (o->type != MSGPACK_OBJECT_POSITIVE_INTEGER)
		return (fohp_fail(c, FOHP_ETYPE, "expected an integer"));
	*u = o->via.u64;
	return (FOHP_OK);
}

/* Expect an array of n unsigned integers, each at most max. */
static int
fohp_dec_uints(struct fohp_ctx *c, const msgpack_object *o, uint64_t *out,
    uint32_t n, uint64_t max)
{
	uint32_t	i;
	int		rv;

	if (o->type != MSGPACK_OBJECT_ARRAY || o->via.array.size != n) {
		return (fohp_fail(c, FOHP_ETYPE,
		    "expected an array of %u integers", n));
	}
	for (i = 0; i < n; i++) {
		if ((rv = fohp_dec_uintobj(c, &o->via.array.ptr[i],
		    &out[i])) != 0)
			return (rv);
		if (out[i] > max) {
			return (fohp_fail(c, FOHP_ERANGE,
			    "%llu is over the limit %llu",
			    (unsigned long long)out[i],
			    (unsigned long long)max));
		}
	}
	return (FOHP_OK);
}

/* Expect a msgpack float or integer. */
static int
fohp_dec_number(struct fohp_ctx *c, const msgpack_object *o, double *d)
{
	switch (o->type) {
	case MSGPACK_OBJECT_FLOAT32:
	case MSGPACK_OBJECT_FLOAT64:
		*d = o->via.f64;
		break;
	case MSGPACK_OBJECT_POSITIVE_INTEGER:
		*d = (double)o->via.u64;
		break;
	case MSGPACK_OBJECT_NEGATIVE_INTEGER:
		*d = (double)o->via.i64;
		break;
	default:
		return (fohp_fail(c, FOHP_ETYPE, "expected a number"));
	}
	return (FOHP_OK);
}

static int	fohp_dec_map(struct fohp_ctx *, const struct fohp_table *,
		    const msgpack_object *, void *);

/* Expect an array of at most f->max entries for an array field. */
static int
fohp_dec_array_head(struct fohp_ctx *c, const struct fohp_field *f,
    const msgpack_object *o)
{
	if (o->type != MSGPACK_OBJECT_ARRAY)
		return (fohp_fail(c, FOHP_ETYPE, "expected an array"));
	if (o->via.array.size > f->max) {
		return (fohp_fail(c, FOHP_ETOOLONG,
		    "%u entries, at most %llu allowed",
		    o->via.array.size, (unsigned long long)f->max));
	}
	return (FOHP_OK);
}

/* Decode and check one field's value into the struct at base. */
static int
fohp_dec_value(struct fohp_ctx *c, const struct fohp_field *f,
    const msgpack_object *o, char *base)
{
	char			*p = base + f->off;
	struct fohp_layout	*l;
	struct fohp_zone_def	*z;
	const char		*s = NULL;
	size_t			 n = 0;
	uint32_t		 i;
	uint64_t		 u = 0, a[4];
	double			 d;
	int			 rv, k;

	switch (f->type) {
	case FT_UINT:
		if ((rv = fohp_dec_uintobj(c, o, &u)) != 0 ||
		    (rv = fohp_check_uint(c, f, u)) != 0)
			return (rv);
		fohp_set_uint(p, f, u);
		break;
	case FT_DOUBLE:
		if ((rv = fohp_dec_number(c, o, &d)) != 0 ||
		    (rv = fohp_check_double(c, f, d)) != 0)
			return (rv);
		*(double *)p = d;
		break;
	case FT_STR:
		if ((rv = fohp_dec_strobj(c, o, &s, &n)) != 0 ||
		    (rv = fohp_check_str(c, f, s, n)) != 0)
			return (rv);
		memcpy(p, s, n);
		p[n] = '\0';
		break;
	case FT_BAND:
		if ((rv = fohp_dec_strobj(c, o, &s, &n)) != 0)
			return (rv);
		if (n != 1 || s[0] < 'A' || s[0] > 'F')
			return (fohp_fail(c, FOHP_ERANGE, "band not A..F"));
		*p = s[0];
		break;
	case FT_ENUM:
		if ((rv = fohp_dec_strobj(c, o, &s, &n)) != 0)
			return (rv);
		if ((k = fohp_lookup(f->names, f->max, s, n)) < 0)
			return (fohp_fail(c, FOHP_ERANGE, "unknown value"));
		*(int *)p = k;
		break;
	case FT_GRID:
		l = (struct fohp_layout *)base;
		if ((rv = fohp_dec_uints(c, o, a, 2, UINT16_MAX)) != 0 ||
		    (rv = fohp_check_grid(c, a[0], a[1])) != 0)
			return (rv);
		l->grid_w = (uint16_t)a[0];
		l->grid_h = (uint16_t)a[1];
		break;
	case FT_RECT:
		z = (struct fohp_zone_def *)base;
		if ((rv = fohp_dec_uints(c, o, a, 4, FOHP_GRID_MAX)) != 0)
			return (rv);
		z->x = (uint16_t)a[0];
		z->y = (uint16_t)a[1];
		z->w = (uint16_t)a[2];
		z->h = (uint16_t)a[3];
		break;
	case FT_MAP:
		return (fohp_dec_map(c, f->sub, o, p));
	case FT_OPTMAP:
		if ((rv = fohp_dec_map(c, f->sub, o, p)) != 0)
			return (rv);
		fohp_set_count(base, f, 1);
		break;
	case FT_ARRAY:
		if ((rv = fohp_dec_array_head(c, f, o)) != 0)
			return (rv);
		for (i = 0; i < o->via.array.size; i++) {
			fohp_index(c, i);
			rv = fohp_dec_map(c, f->sub, &o->via.array.ptr[i],
			    p + i * f->esize);
			if (rv != 0)
				return (rv);
		}
		fohp_set_count(base, f, o->via.array.size);
		break;
	case FT_HIST:
		if ((rv = fohp_dec_array_head(c, f, o)) != 0)
			return (rv);
		for (i = 0; i < o->via.array.size; i++) {
			fohp_index(c, i);
			if ((rv = fohp_dec_number(c, &o->via.array.ptr[i],
			    &d)) != 0 || (rv = fohp_check_double(c, f, d)) != 0)
				return (rv);
			if (!isfinite((float)d))
				return (fohp_fail(c, FOHP_ERANGE,
				    "%g is out of float range", d));
			((float *)p)[i] = (float)d;
		}
		fohp_set_count(base, f, o->via.array.size);
		break;
	case FT_UINTS:
		if ((rv = fohp_dec_array_head(c, f, o)) != 0)
			return (rv);
		rv = fohp_dec_uints(c, o, (uint64_t *)p, o->via.array.size,
		    UINT64_MAX);
		if (rv != 0)
			return (rv);
		fohp_set_count(base, f, o->via.array.size);
		break;
	}
	return (FOHP_OK);
}

/* Find the field of a table named by key k; NULL if none. */
static const struct fohp_field *
fohp_find(const struct fohp_table *t, const msgpack_object *k)
{
	size_t	i;

	if (k->type != MSGPACK_OBJECT_STR)
		return (NULL);
	for (i = 0; i < t->nfields; i++) {
		if (t->fields[i].klen == k->via.str.size &&
		    memcmp(t->fields[i].key, k->via.str.ptr,
		    k->via.str.size) == 0)
			return (&t->fields[i]);
	}
	return (NULL);
}

/*
 * Decode the keys of map o that table t knows into base; other keys are
 * ignored. Optional fields that are absent are zeroed. A known key that
 * repeats is refused (PROTOCOL.md 3): no "first wins" or "last wins".
 */
static int
fohp_dec_fields(struct fohp_ctx *c, const struct fohp_table *t,
    const msgpack_object *o, void *base)
{
	const struct fohp_field	*f;
	const msgpack_object_kv	*kv;
	uint64_t		 seen = 0;
	uint32_t		 i;
	size_t			 j;
	int			 rv;

	for (i = 0; i < o->via.map.size; i++) {
		kv = &o->via.map.ptr[i];
		if ((f = fohp_find(t, &kv->key)) == NULL)
			continue;
		fohp_push(c, f->key);
		if (seen & (UINT64_C(1) << (f - t->fields))) {
			rv = fohp_fail(c, FOHP_ETYPE, "key \"%s\" repeats",
			    f->key);
			fohp_pop(c);
			return (rv);
		}
		rv = fohp_dec_value(c, f, &kv->val, base);
		fohp_pop(c);
		if (rv != 0)
			return (rv);
		seen |= UINT64_C(1) << (f - t->fields);
	}
	for (j = 0; j < t->nfields; j++) {
		f = &t->fields[j];
		if (seen & (UINT64_C(1) << j))
			continue;
		if ((f->flags & FF_REQ) || ((f->flags & FF_ENV) && !c->envopt)) {
			fohp_push(c, f->key);
			rv = fohp_fail(c, FOHP_EMISSING, "required, absent");
			fohp_pop(c);
			return (rv);
		}
		if (f->type == FT_ARRAY || f->type == FT_HIST ||
		    f->type == FT_UINTS)
			fohp_set_count(base, f, 0);
		else if (f->type == FT_OPTMAP) {
			fohp_set_count(base, f, 0);
			memset((char *)base + f->off, 0, f->size);
		} else
			memset((char *)base + f->off, 0, f->size);
	}
	if (t->check != NULL)
		return (t->check(c, base));
	return (FOHP_OK);
}

/* Decode map o with table t into base. */
static int
fohp_dec_map(struct fohp_ctx *c, const struct fohp_table *t,
    const msgpack_object *o, void *base)
{
	if (o->type != MSGPACK_OBJECT_MAP)
		return (fohp_fail(c, FOHP_ETYPE, "expected a map"));
	return (fohp_dec_fields(c, t, o, base));
}

/* Find key in the top-level map; NULL if absent; *n: how many times. */
static const msgpack_object *
fohp_get(const msgpack_object *o, const char *key, unsigned *times)
{
	size_t		 n = strlen(key);
	uint32_t	 i;
	const msgpack_object *k, *v = NULL;

	*times = 0;
	for (i = 0; i < o->via.map.size; i++) {
		k = &o->via.map.ptr[i].key;
		if (k->type == MSGPACK_OBJECT_STR && k->via.str.size == n &&
		    memcmp(k->via.str.ptr, key, n) == 0) {
			if ((*times)++ == 0)
				v = &o->via.map.ptr[i].val;
		}
	}
	return (v);
}

/* Check that a topic of n bytes (no NUL) is "foh/VENUE/KIND" of this body. */
static int
fohp_dec_topic(struct fohp_ctx *c, const char *t, size_t n, const char *venue,
    const char *kind, size_t klen)
{
	size_t	vlen = strlen(venue);

	fohp_push(c, "topic");
	if (n < 4 || memcmp(t, "foh/", 4) != 0 || n != 4 + vlen + 1 + klen ||
	    memcmp(t + 4, venue, vlen) != 0 || t[4 + vlen] != '/' ||
	    memcmp(t + 5 + vlen, kind, klen) != 0) {
		return (fohp_fail(c, FOHP_ETOPIC,
		    "topic \"%.*s\" does not match venue \"%s\" kind \"%.*s\"",
		    (int)n, t, venue, (int)klen, kind));
	}
	fohp_pop(c);
	return (FOHP_OK);
}

/* Give the decoder a zone whose first chunk holds need bytes. */
static void
fohp_decoder_grow(struct fohp_decoder *dec, size_t need)
{
	msgpack_zone	z;
	size_t		size = dec->zone.chunk_size;

	while (size < need && size < FOHP_ZONE_MAX)
		size *= 2;
	if (size <= dec->zone.chunk_size || !msgpack_zone_init(&z, size))
		return;
	msgpack_zone_destroy(&dec->zone);
	dec->zone = z;
}

/* Decode a message body of len bytes (total with the topic). */
static int
fohp_dec_body(struct fohp_decoder *dec, struct fohp_ctx *c, const char *buf,
    size_t len, size_t total, const char *topic, size_t tlen,
    struct fohp_msg *out)
{
	const msgpack_object	*v, *k;
	msgpack_object		 obj;
	const char		*ks = NULL;
	size_t			 off = 0, need, klen = 0;
	uint64_t		 u = 0;
	unsigned		 times;
	int			 rv;
	char			 why[96];

	msgpack_zone_clear(&dec->zone);
	if ((rv = fohp_scan(buf, len, FOHP_DEPTH_MAX - 1, &need, why,
	    sizeof(why))) != FOHP_OK)
		return (fohp_fail(c, rv, "%s", why));
	switch (msgpack_unpack(buf, len, &off, &dec->zone, &obj)) {
	case MSGPACK_UNPACK_SUCCESS:
		break;
	case MSGPACK_UNPACK_NOMEM_ERROR:
		return (fohp_fail(c, FOHP_ETOOLONG, "out of memory"));
	case MSGPACK_UNPACK_EXTRA_BYTES:
	case MSGPACK_UNPACK_CONTINUE:
	default:
		return (fohp_fail(c, FOHP_ETRUNC, "not msgpack"));
	}
	if (obj.type != MSGPACK_OBJECT_MAP)
		return (fohp_fail(c, FOHP_ETYPE, "message is not a map"));

	fohp_push(c, "v");
	if ((v = fohp_get(&obj, "v", &times)) == NULL)
		return (fohp_fail(c, FOHP_EMISSING, "required, absent"));
	if (times > 1)
		return (fohp_fail(c, FOHP_ETYPE, "key \"v\" repeats"));
	if ((rv = fohp_dec_uintobj(c, v, &u)) != 0)
		return (rv == FOHP_ERANGE ? fohp_fail(c, FOHP_EVERSION,
		    "negative version") : rv);
	if (u != FOHP_VERSION) {
		return (fohp_fail(c, FOHP_EVERSION,
		    "version %llu, this decoder speaks %d",
		    (unsigned long long)u, FOHP_VERSION));
	}
	out->v = (uint32_t)u;
	fohp_pop(c);

	fohp_push(c, "kind");
	if ((k = fohp_get(&obj, "kind", &times)) == NULL)
		return (fohp_fail(c, FOHP_EMISSING, "required, absent"));
	if (times > 1)
		return (fohp_fail(c, FOHP_ETYPE, "key \"kind\" repeats"));
	if ((rv = fohp_dec_strobj(c, k, &ks, &klen)) != 0)
		return (rv);
	fohp_pop(c);
	out->kind = fohp_kind_parse(ks, klen);
	if (out->kind != FOHP_UNKNOWN)
		c->what = fohp_kind_names[out->kind];
	c->envopt = (out->kind == FOHP_REQUEST);
	if (out->kind != FOHP_SNAPSHOT && total > FOHP_MSG_MAX) {
		return (fohp_fail(c, FOHP_ETOOLONG,
		    "message of %zu bytes, at most %d allowed", total,
		    FOHP_MSG_MAX));
	}

	if ((rv = fohp_dec_fields(c, &fohp_t_envelope, &obj, out)) != 0)
		return (rv);
	if (topic != NULL &&
	    (rv = fohp_dec_topic(c, topic, tlen, out->venue, ks, klen)) != 0)
		return (rv);
	if (out->kind == FOHP_UNKNOWN) {
		fohp_push(c, "kind");
		return (fohp_fail(c, FOHP_EKIND, "unknown kind \"%.*s\"",
		    (int)(klen > 32 ? 32 : klen), ks));
	}
	rv = fohp_dec_fields(c, fohp_bodies[out->kind], &obj, &out->u);
	if (rv == FOHP_OK && need > dec->zone.chunk_size)
		fohp_decoder_grow(dec, need);
	return (rv);
}

/* Decode one message, with its topic first if topic is non-zero. */
int
fohp_decode(struct fohp_decoder *dec, const void *buf, size_t len, int topic,
    struct fohp_msg *out, struct fohp_err *err)
{
	struct fohp_err	 dummy;
	struct fohp_ctx	 c;
	const char	*p = buf, *nul = NULL;
	size_t		 tlen = 0;
	int		 rv;

	memset(&c, 0, sizeof c);
	c.err = err != NULL ? err : &dummy;
	c.err->code = FOHP_OK;
	c.err->field[0] = c.err->text[0] = '\0';
	c.what = "message";
	out->kind = FOHP_UNKNOWN;

	if (len > FOHP_SNAPSHOT_MAX) {
		rv = fohp_fail(&c, FOHP_ETOOLONG,
		    "message of %zu bytes, at most %d allowed", len,
		    FOHP_SNAPSHOT_MAX);
	} else if (topic && (nul = memchr(p, '\0',
	    len < FOHP_TOPIC_MAX ? len : FOHP_TOPIC_MAX)) == NULL) {
		fohp_push(&c, "topic");
		rv = fohp_fail(&c, FOHP_ETOPIC,
		    "no topic (no NUL in the first %d bytes)", FOHP_TOPIC_MAX);
	} else if (topic) {
		tlen = (size_t)(nul - p);
		rv = fohp_dec_body(dec, &c, nul + 1, len - tlen - 1, len, p,
		    tlen, out);
	} else
		rv = fohp_dec_body(dec, &c, p, len, len, NULL, 0, out);

	if (rv == FOHP_OK)
		dec->decoded++;
	else if (rv == FOHP_EKIND)
		dec->unknown++;
	else
		dec->rejected++;
	return (rv);
}
