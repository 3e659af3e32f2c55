/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * codec-tables.c: the field table of every kind (codec-priv.h says what a
 * field holds), and the checks that need a whole decoded struct: zones on
 * their grid, a raster's cells, a reply's status. Adding a key to the wire
 * format is adding a line here (and to PROTOCOL.md and foh-proto.h).
 */
#include <string.h>

#include "codec-priv.h"

#define MEMBER(s, m)	(((s *)0)->m)
#define F_BASE(k, t, s, m, fl) \
	.key = k, .klen = sizeof k - 1, .type = t, .flags = fl, \
	.off = offsetof(s, m), .size = sizeof MEMBER(s, m)
#define F_UINT(k, s, m, mx, fl)	{ F_BASE(k, FT_UINT, s, m, fl), .max = mx }
#define F_DBL(k, s, m, fl, dm)	{ F_BASE(k, FT_DOUBLE, s, m, fl), .dmax = dm }
#define F_STR(k, s, m, fl)	{ F_BASE(k, FT_STR, s, m, fl) }
#define F_BOOL(k, s, m, fl)	{ F_BASE(k, FT_BOOL, s, m, fl) }
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
#define F_BIN(k, s, m, n, fl) \
	{ F_BASE(k, FT_BIN, s, m, fl), .max = sizeof MEMBER(s, m), \
	  .noff = offsetof(s, n), .nsize = sizeof MEMBER(s, n) }
#define F_OPTMAP(k, s, m, has, t) \
	{ F_BASE(k, FT_OPTMAP, s, m, 0), .sub = &t, \
	  .noff = offsetof(s, has), .nsize = sizeof MEMBER(s, has) }
#define TABLE(f, c)	{ f, nitems(f), c }

static int	fohp_check_layout(struct fohp_ctx *, const void *);
static int	fohp_check_reply(struct fohp_ctx *, const void *);
static int	fohp_check_raster(struct fohp_ctx *, const void *);
static int	fohp_check_summary_zone(struct fohp_ctx *, const void *);

static const struct fohp_field fohp_f_envelope[] = {
	F_STR("venue", struct fohp_msg, venue, FF_ENV|FF_NONEMPTY|FF_ID),
	F_UINT("seq", struct fohp_msg, seq, UINT64_MAX, FF_ENV),
	F_UINT("epoch", struct fohp_msg, epoch, UINT64_MAX, FF_ENV),
	F_UINT("ts", struct fohp_msg, ts_ms, UINT64_MAX, FF_ENV),
	F_BOOL("drill", struct fohp_msg, drill, 0),	/* issue 15 */
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
	/* Added within v1: the signer's key fingerprint, if signed. */
	F_STR("key", struct fohp_alert_op, key, 0),
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
	F_BOOL("drill", struct fohp_alert, drill, 0),	/* issue 15 */
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
	/* Added within v1 (issue 15): op "summary", the last hours. */
	F_UINT("hours", struct fohp_request, hours, FOHP_SUMMARY_HOURS_MAX, 0),
};
/* The night's numbers (issue 15): op "summary"'s answer, PROTOCOL.md 6.13. */
static const struct fohp_field fohp_f_summary_zone[] = {
	F_STR("zone", struct fohp_summary_zone, zone, FF_REQ|FF_NONEMPTY),
	F_DBL("peak", struct fohp_summary_zone, peak, FF_REQ|FF_NONNEG,
	    FOHP_DENSITY_MAX),
	F_UINT("peak_ms", struct fohp_summary_zone, peak_ms, UINT64_MAX,
	    FF_REQ),
	F_DBL("min_e", struct fohp_summary_zone, min_e, FF_REQ|FF_NONNEG, 0),
	F_DBL("min_f", struct fohp_summary_zone, min_f, FF_REQ|FF_NONNEG, 0),
	F_FLOATS("series", struct fohp_summary_zone, series, nseries,
	    FF_REQ|FF_NONNEG, FOHP_DENSITY_MAX),
	F_UINT("series_gaps", struct fohp_summary_zone, series_gaps,
	    (UINT64_C(1) << FOHP_HIST_MAX) - 1, 0),
};
static const struct fohp_table fohp_t_summary_zone =
    TABLE(fohp_f_summary_zone, fohp_check_summary_zone);
static const struct fohp_field fohp_f_summary_times[] = {
	F_ENUM("severity", struct fohp_summary_times, severity,
	    fohp_severity_names, FF_REQ),
	F_UINT("n", struct fohp_summary_times, n, UINT32_MAX, FF_REQ),
	F_UINT("nacked", struct fohp_summary_times, nacked, UINT32_MAX,
	    FF_REQ),
	F_UINT("nresolved", struct fohp_summary_times, nresolved, UINT32_MAX,
	    FF_REQ),
	F_DBL("ack_median", struct fohp_summary_times, ack_median,
	    FF_REQ|FF_NONNEG, 0),
	F_DBL("ack_p90", struct fohp_summary_times, ack_p90, FF_REQ|FF_NONNEG,
	    0),
	F_DBL("ack_worst", struct fohp_summary_times, ack_worst,
	    FF_REQ|FF_NONNEG, 0),
	F_DBL("res_median", struct fohp_summary_times, res_median,
	    FF_REQ|FF_NONNEG, 0),
	F_DBL("res_p90", struct fohp_summary_times, res_p90, FF_REQ|FF_NONNEG,
	    0),
	F_DBL("res_worst", struct fohp_summary_times, res_worst,
	    FF_REQ|FF_NONNEG, 0),
};
static const struct fohp_table fohp_t_summary_times =
    TABLE(fohp_f_summary_times, 0);
static const struct fohp_field fohp_f_summary[] = {
	F_UINT("from", struct fohp_summary, from_ms, UINT64_MAX, FF_REQ),
	F_UINT("to", struct fohp_summary, to_ms, UINT64_MAX, FF_REQ),
	F_UINT("step_ms", struct fohp_summary, step_ms, UINT32_MAX, FF_REQ),
	F_UINT("series_step_ms", struct fohp_summary, series_step_ms,
	    UINT32_MAX, FF_REQ),
	F_UINT("zones_total", struct fohp_summary, zones_total,
	    FOHP_ZONES_MAX, FF_REQ),
	F_ARRAY("zones", struct fohp_summary, zones, nzones,
	    fohp_t_summary_zone, FF_REQ),
	F_ARRAY("times", struct fohp_summary, times, ntimes,
	    fohp_t_summary_times, FF_REQ),
};
static const struct fohp_table fohp_t_summary = TABLE(fohp_f_summary, 0);
static const struct fohp_field fohp_f_reply[] = {
	F_UINT("id", struct fohp_reply, id, UINT64_MAX, FF_REQ),
	F_STR("status", struct fohp_reply, status, FF_REQ|FF_NONEMPTY),
	F_STR("text", struct fohp_reply, text, 0),
	F_OPTMAP("alert", struct fohp_reply, alert, has_alert, fohp_t_alert),
	/* Added within v1: the answer to op "alerts". */
	F_ARRAY("alerts", struct fohp_reply, alerts, nalerts, fohp_t_alert, 0),
	/* Added within v1 (issue 15): the answer to op "summary". */
	F_OPTMAP("summary", struct fohp_reply, summary, has_summary,
	    fohp_t_summary),
};
static const struct fohp_field fohp_f_error[] = {
	F_UINT("id", struct fohp_error_msg, id, UINT64_MAX, FF_REQ),
	F_STR("code", struct fohp_error_msg, code, FF_REQ|FF_NONEMPTY),
	F_STR("field", struct fohp_error_msg, field, 0),
	F_STR("text", struct fohp_error_msg, text, FF_REQ),
};
static const struct fohp_field fohp_f_signed[] = {
	F_BIN("body", struct fohp_signed, body, body_len, FF_REQ|FF_NONEMPTY),
	F_BIN("sig", struct fohp_signed, sig, sig_len, FF_REQ|FF_NONEMPTY),
};
const struct fohp_table fohp_t_envelope = TABLE(fohp_f_envelope, 0);
static const struct fohp_table fohp_t_snapshot = TABLE(fohp_f_snapshot, 0);
static const struct fohp_table fohp_t_request = TABLE(fohp_f_request, 0);
static const struct fohp_table fohp_t_error = TABLE(fohp_f_error, 0);
static const struct fohp_table fohp_t_signed = TABLE(fohp_f_signed, 0);
static const struct fohp_table fohp_t_reply =
    TABLE(fohp_f_reply, fohp_check_reply);

/* fohp_dec_fields keeps the keys it has seen in a 64-bit mask. */
_Static_assert(nitems(fohp_f_alert) <= 64, "alert table too large");
_Static_assert(nitems(fohp_f_snapshot) <= 64, "snapshot table too large");

/* Body table of each kind. */
const struct fohp_table *const fohp_bodies[FOHP_KIND_COUNT] = {
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
	[FOHP_SIGNED] = &fohp_t_signed,
};

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

/* A summary zone's series_gaps marks only values its series has. */
static int
fohp_check_summary_zone(struct fohp_ctx *c, const void *p)
{
	const struct fohp_summary_zone	*z = p;
	int				 rv;

	if ((z->series_gaps >> z->nseries) == 0)
		return (FOHP_OK);
	fohp_push(c, "series_gaps");
	rv = fohp_fail(c, FOHP_ERANGE, "marks a value past the %u of series",
	    z->nseries);
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
