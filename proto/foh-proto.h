/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * foh-proto.h: the foh wire contract as C types, and its msgpack codec.
 *
 * This is the whole public API of libfohproto. It does no I/O and knows
 * nothing of nng or ncurses: it turns a struct fohp_msg into bytes and bytes
 * back into a struct fohp_msg. proto/PROTOCOL.md is the normative text; this
 * header mirrors it.
 *
 * Ownership: every struct here is plain data with fixed-size arrays, owned by
 * the caller. Decoding copies strings into those arrays, so nothing the
 * decoder returns points into the input buffer or into decoder memory.
 * A struct fohp_msg is large (a snapshot holds a whole venue); allocate one
 * and reuse it.
 */
#ifndef FOH_PROTO_H
#define FOH_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include <msgpack.h>

#define FOHP_VERSION		1

/* Size limits (PROTOCOL.md, "Limits"). String sizes include the NUL. */
#define FOHP_ID_MAX		32	/* venue, zone, device, model, rule ids */
#define FOHP_NAME_MAX		64	/* display names */
#define FOHP_TEXT_MAX		256	/* free text: alert title, error text */
#define FOHP_UNIT_MAX		16
#define FOHP_GRID_MAX		256	/* grid width and height, cells */
#define FOHP_ZONES_MAX		384	/* zones per venue: a layout of
					   384 with the longest ids and names
					   is 61.7 KiB, under FOHP_MSG_MAX */
#define FOHP_DEVICES_MAX	64	/* devices per venue */
#define FOHP_MODELS_MAX		32	/* models per venue */
#define FOHP_METRICS_MAX	8	/* metrics per equipment sample */
#define FOHP_FEATURES_MAX	8	/* top features per drift sample */
#define FOHP_ALERTS_MAX		64	/* alert maps in a snapshot or reply */
#define FOHP_OPEN_MAX		4096	/* ids in a snapshot's open list */
#define FOHP_IDS_MAX		64	/* ids in an "alerts" request */
#define FOHP_GATES_MAX		32	/* gates per venue */
#define FOHP_FLAGS_MAX		8	/* status flags per equipment sample */
#define FOHP_HIST_MAX		60	/* values in a hist array */
#define FOHP_MSG_MAX		(64 * 1024)	/* any stream message */
#define FOHP_SNAPSHOT_MAX	(1024 * 1024)	/* a snapshot reply */
#define FOHP_TOPIC_MAX		(4 + FOHP_ID_MAX + 1 + 16 + 1)
#define FOHP_COUNT_MAX		1000000u	/* persons in one zone */
#define FOHP_DENSITY_MAX	20.0		/* persons per m2 */
#define FOHP_RASTER_MAX		4096		/* cells in a raster, 64x64 */
#define FOHP_SIGNED_MAX		4096		/* a signed request's body */
#define FOHP_SIG_MAX		2048		/* an SSHSIG signature blob */
#define FOHP_KEY_MAX		64	/* a key fingerprint, SHA256:... */
/* The night's numbers (op "summary", issue 15): PROTOCOL.md 6.9, 6.13. */
#define FOHP_SUMMARY_ZONES_MAX	64	/* zones in a summary: the 64 most
					   loaded; worst case ~27 KiB, under
					   FOHP_MSG_MAX */
#define FOHP_SUMMARY_HOURS_MAX	24	/* the longest range asked, hours */

/* Kinds of message. The wire spells each as the string in fohp_kind_name. */
enum fohp_kind {
	FOHP_UNKNOWN = 0,
	FOHP_HELLO,		/* "hello": agent started */
	FOHP_HEARTBEAT,		/* "heartbeat": agent alive, every hb_ms */
	FOHP_LAYOUT,		/* "layout": the venue's grid and zones */
	FOHP_ZONE,		/* "zone": one zone's count and density */
	FOHP_EQUIP,		/* "equip": one device's telemetry */
	FOHP_DRIFT,		/* "drift": one model's drift scores */
	FOHP_ALERT,		/* "alert": one alert's state */
	FOHP_SNAPSHOT,		/* "snapshot": everything, REP answer */
	FOHP_REQUEST,		/* "request": control request on REQ */
	FOHP_ERROR,		/* "error": a refused or bad request */
	FOHP_GATE,		/* "gate": one gate's flow */
	FOHP_ACTION,		/* "action": an approved suggested action */
	FOHP_REPLY,		/* "reply": a control request was carried out */
	FOHP_RASTER,		/* "raster": persons per grid cell */
	FOHP_SIGNED,		/* "signed": a request and its signature */
	FOHP_KIND_COUNT
};

/* What a zone is used for; it picks the density band table. */
enum fohp_zone_kind {
	FOHP_ZK_WALKWAY = 0,	/* "walkway" */
	FOHP_ZK_STANDING,	/* "standing" */
	FOHP_ZK_QUEUE,		/* "queue" */
	FOHP_ZK_COUNT
};

/* Equipment status, worst last. */
enum fohp_status {
	FOHP_ST_OK = 0,		/* "ok" */
	FOHP_ST_WARNING,	/* "warning" */
	FOHP_ST_ERROR,		/* "error" */
	FOHP_ST_OFFLINE,	/* "offline" */
	FOHP_ST_COUNT
};

/* Remaining useful life of a device: which state, and rul_h if VALUE. */
enum fohp_rul {
	FOHP_RUL_UNSET = 0,	/* "unset": no wear metric or limit set */
	FOHP_RUL_PENDING,	/* "pending": too little data yet */
	FOHP_RUL_NA,		/* "na": not applicable (not wearing) */
	FOHP_RUL_VALUE,		/* "value": rul_h hours left */
	FOHP_RUL_BEYOND,	/* "beyond": beyond the forecast horizon */
	FOHP_RUL_COUNT
};

/*
 * Drift level as the agent judged it. FOHP_DL_NONE is not on the wire: it
 * is what an absent "level" key decodes to (the publisher did not say).
 */
enum fohp_drift_level {
	FOHP_DL_NONE = 0,	/* absent */
	FOHP_DL_STABLE,		/* "stable": score below warn */
	FOHP_DL_MODERATE,	/* "moderate": warn <= score < crit */
	FOHP_DL_MAJOR,		/* "major": score >= crit */
	FOHP_DL_PENDING,	/* "pending": too few samples to judge */
	FOHP_DL_COUNT
};

enum fohp_severity {
	FOHP_SEV_INFO = 0,	/* "info" */
	FOHP_SEV_WARNING,	/* "warning" */
	FOHP_SEV_CRITICAL,	/* "critical" */
	FOHP_SEV_COUNT
};

enum fohp_alert_state {
	FOHP_AS_FIRING = 0,	/* "firing" */
	FOHP_AS_ACKED,		/* "acknowledged" */
	FOHP_AS_SHELVED,	/* "shelved" */
	FOHP_AS_RESOLVED,	/* "resolved" */
	FOHP_AS_FLAPPING,	/* "flapping": fires and clears too often;
				   one alert held open until it settles */
	FOHP_AS_COUNT
};

/* What an alert puts at stake, for the queue's order (PROTOCOL.md 6.7). */
enum fohp_stake {
	FOHP_STAKE_NONE = 0,	/* absent: not stated */
	FOHP_STAKE_SAFETY,	/* "safety": people: zones, gates, safety
				   systems */
	FOHP_STAKE_EQUIPMENT,	/* "equipment": a device */
	FOHP_STAKE_MODEL,	/* "model": a model's trust */
	FOHP_STAKE_COUNT
};

/* How an acknowledgement holds (PROTOCOL.md 6.7, 6.9). */
enum fohp_ack_type {
	FOHP_ACK_NONE = 0,	/* absent: sticky */
	FOHP_ACK_STICKY,	/* "sticky": until resolved (or expiry) */
	FOHP_ACK_NONSTICKY,	/* "non-sticky": also ends when the alert
				   escalates or its value worsens a step */
	FOHP_ACK_COUNT
};

/* Error codes. 0 is success; fohp_strerror turns a code into words. */
enum fohp_error {
	FOHP_OK = 0,
	FOHP_ETRUNC,		/* input ends early or is not msgpack */
	FOHP_ETYPE,		/* a field has the wrong msgpack type */
	FOHP_ERANGE,		/* a number is out of range, NaN or negative */
	FOHP_ETOOLONG,		/* a string or array is over its limit */
	FOHP_EMISSING,		/* a required field is absent */
	FOHP_EKIND,		/* unknown kind (skip and count it) */
	FOHP_EVERSION,		/* protocol version not supported */
	FOHP_ETOPIC,		/* topic missing or does not match the body */
	FOHP_ENOSPACE,		/* encode: output would exceed the limit */
	FOHP_ECOUNT
};

/* A decode or encode error: the code, the field it concerns, and words. */
struct fohp_err {
	int	code;
	char	field[48];		/* e.g. "zones[3].area_m2" */
	char	text[FOHP_TEXT_MAX];	/* full sentence for logs and screens */
};

/* hello and heartbeat. */
struct fohp_hello {
	char		agent[FOHP_NAME_MAX];	/* "fohd 0.1.0" */
	char		name[FOHP_NAME_MAX];	/* venue display name */
	uint32_t	hb_ms;			/* heartbeat interval */
	uint64_t	uptime_ms;
};

/* One zone on the venue grid. */
struct fohp_zone_def {
	char		id[FOHP_ID_MAX];
	char		name[FOHP_NAME_MAX];
	uint16_t	x, y, w, h;		/* cells on the grid */
	double		area_m2;		/* > 0 */
	enum fohp_zone_kind kind;
	uint32_t	capacity;		/* persons, 0 = not set */
};

struct fohp_layout {
	char		name[FOHP_NAME_MAX];	/* venue display name */
	uint16_t	grid_w, grid_h;		/* 1..FOHP_GRID_MAX */
	uint16_t	nzones;
	struct fohp_zone_def zones[FOHP_ZONES_MAX];
};

/* A zone sample. */
struct fohp_zone {
	char		zone[FOHP_ID_MAX];
	uint32_t	count;		/* persons, <= FOHP_COUNT_MAX */
	double		density;	/* persons per m2, finite, >= 0 */
	char		band;		/* 'A'..'F' as the agent computed it */
	uint64_t	t_ms;		/* when it was measured, Unix ms */
	uint8_t		nhist;		/* 0 in stream messages */
	float		hist[FOHP_HIST_MAX];	/* densities, oldest first */
	uint32_t	hist_step_ms;	/* time between hist values, the
					   last at t_ms; 0 = not said */
};

/* A gate sample: persons through one gate over an interval. */
struct fohp_gate {
	char		gate[FOHP_ID_MAX];
	char		name[FOHP_NAME_MAX];	/* display name, may be empty */
	uint32_t	in;		/* persons in over the interval */
	uint32_t	out;		/* persons out over the interval */
	uint32_t	interval_ms;	/* > 0 */
	double		flow_pmm;	/* (in+out) per metre width per min, >= 0 */
	char		los;		/* flow level 'A'..'F' (Fruin) */
	double		use;		/* flow / Green Guide rate, >= 0 */
	uint64_t	t_ms;		/* end of the interval, Unix ms */
	uint8_t		nhist;		/* 0 in stream messages */
	float		hist[FOHP_HIST_MAX];	/* flow_pmm, oldest first */
};

struct fohp_metric {
	char		name[FOHP_ID_MAX];
	double		value;
	char		unit[FOHP_UNIT_MAX];
};

/* A device status flag: "lamp", "fan", "protect" and its state. */
struct fohp_flag {
	char		name[FOHP_ID_MAX];
	enum fohp_status status;
};

/* An equipment sample. */
struct fohp_equip {
	char		device[FOHP_ID_MAX];
	char		dkind[FOHP_ID_MAX];	/* "projector", "amplifier" */
	enum fohp_status status;
	uint8_t		nmetrics;
	struct fohp_metric metrics[FOHP_METRICS_MAX];
	/* Optional (added within v1); absent decodes as 0, "" or UNSET. */
	char		name[FOHP_NAME_MAX];	/* display name */
	uint8_t		nflags;
	struct fohp_flag flags[FOHP_FLAGS_MAX];
	double		wear;		/* wear metric's latest value */
	double		wear_limit;	/* its end-of-life value, >= 0 */
	enum fohp_rul	rul;		/* remaining useful life state */
	double		rul_h;		/* hours left if rul is VALUE, >= 0 */
	uint32_t	hb_age_s;	/* seconds since the device reported */
	uint8_t		nhist;		/* 0 in stream messages */
	float		hist[FOHP_HIST_MAX];	/* wear, oldest first */
};

struct fohp_feature {
	char		name[FOHP_ID_MAX];
	double		score;
};

/* A model-drift sample. */
struct fohp_drift {
	char		model[FOHP_ID_MAX];
	char		version[FOHP_ID_MAX];
	char		method[FOHP_UNIT_MAX];	/* "psi", "ks", "js" */
	double		score;
	double		warn;			/* moderate threshold */
	double		crit;			/* major threshold */
	uint8_t		nfeatures;
	struct fohp_feature features[FOHP_FEATURES_MAX];	/* worst first */
	/* Optional (added within v1); absent decodes as 0, "" or NONE. */
	char		name[FOHP_NAME_MAX];	/* display name */
	enum fohp_drift_level level;
	uint32_t	ref_n;		/* samples in the reference window */
	uint32_t	cur_n;		/* samples in the current window */
	uint8_t		nhist;		/* 0 in stream messages */
	float		hist[FOHP_HIST_MAX];	/* score, oldest first */
};

#define FOHP_WINDOW_MAX	60	/* samples behind an alert */
#define FOHP_CONTRIB_MAX	8	/* contributing signals */
#define FOHP_ALERT_HIST_MAX	16	/* operator actions kept per alert */
#define FOHP_NOTE_MAX		128	/* operator comment, reason */

/* What kind of rule raised an alert. */
enum fohp_rule_kind {
	FOHP_RK_NONE = 0,	/* absent on the wire (old publishers) */
	FOHP_RK_THRESHOLD,	/* "threshold": value past a level, held */
	FOHP_RK_RATE,		/* "rate": change per minute past a level */
	FOHP_RK_FORECAST,	/* "forecast": predicted crossing soon */
	FOHP_RK_STATUS,		/* "status": equipment error or offline */
	FOHP_RK_RUL,		/* "rul": remaining life under a floor */
	FOHP_RK_DRIFT,		/* "drift": model drift over a threshold */
	FOHP_RK_EXTERNAL,	/* "external": raised by another system */
	FOHP_RK_COUNT
};

/* What a forecast says (alert explanation). */
enum fohp_fc_state {
	FOHP_FC_NONE = 0,	/* no forecast applies (absent) */
	FOHP_FC_PENDING,	/* "pending": too few samples */
	FOHP_FC_NOT_RISING,	/* "not-rising" */
	FOHP_FC_POOR_FIT,	/* "poor-fit" */
	FOHP_FC_BEYOND,		/* "beyond-horizon" */
	FOHP_FC_CROSSING,	/* "crossing": eta_s is set */
	FOHP_FC_ALREADY,	/* "already": past the threshold now */
	FOHP_FC_COUNT
};

/* A signal that contributes to an alert (a gate feeding a zone, ...). */
struct fohp_contrib {
	char		name[FOHP_ID_MAX];	/* "gate:north-doors" */
	double		value;
	char		unit[FOHP_UNIT_MAX];	/* "p/m/min" */
	char		note[FOHP_NAME_MAX];	/* "inflow", "top feature" */
};

/* One operator action on an alert. */
struct fohp_alert_op {
	uint64_t	t_ms;
	char		op[16];			/* "ack", "shelve", ... */
	char		operator_name[FOHP_ID_MAX];
	char		note[FOHP_NOTE_MAX];	/* comment or reason */
	/* Added within v1 for signed requests (issue 12). */
	char		key[FOHP_KEY_MAX];	/* signer's SHA256:...; or "" */
};

/* An alert event, with the explanation it carries while it fires. */
struct fohp_alert {
	uint64_t	id;
	char		rule[FOHP_ID_MAX];
	char		subject[FOHP_ID_MAX];
	enum fohp_severity severity;
	enum fohp_alert_state state;
	char		title[FOHP_TEXT_MAX];
	double		value;
	double		threshold;
	uint64_t	since_ms;
	/* Optional (added within v1 for the alerts work). */
	uint64_t	fingerprint;	/* of venue, rule, subject */
	enum fohp_rule_kind rkind;
	char		words[FOHP_TEXT_MAX];	/* the rule in words */
	char		expr[FOHP_NAME_MAX];	/* "density > 5.00 for 30s" */
	char		unit[FOHP_UNIT_MAX];	/* of value and threshold */
	double		margin;		/* value - threshold (signed) */
	uint64_t	held_ms;	/* how long the condition has held */
	uint32_t	window_step_ms;	/* spacing of window samples */
	uint8_t		nwindow;
	float		window[FOHP_WINDOW_MAX];	/* samples, oldest first */
	enum fohp_fc_state fc_state;
	double		fc_slope;	/* units per minute */
	double		fc_r2;
	double		fc_eta_s;	/* seconds to the crossing */
	double		fc_horizon_s;
	uint8_t		ncontrib;
	struct fohp_contrib contrib[FOHP_CONTRIB_MAX];
	char		source[FOHP_NAME_MAX];	/* sensor or model, version */
	char		action[FOHP_TEXT_MAX];	/* suggested action */
	uint8_t		escalated;	/* times raised for want of an ack */
	char		acked_by[FOHP_ID_MAX];
	uint64_t	acked_ms;
	uint64_t	ack_expires_ms;	/* 0: until resolved */
	char		shelved_by[FOHP_ID_MAX];
	uint64_t	shelved_until_ms;
	uint64_t	resolved_ms;
	uint8_t		nops;
	struct fohp_alert_op ops[FOHP_ALERT_HIST_MAX];	/* oldest first */
	/* Added within v1 for signal over noise (issue 10). */
	uint8_t		flaps;		/* transitions in the flap window
					   while it flaps; 0: not flapping */
	enum fohp_stake	stake;		/* what is at stake */
	enum fohp_ack_type ack_type;	/* of the ack in force */
	uint64_t	fired_ms;	/* when it opened, Unix ms */
	/* Added within v1 for drills (issue 15). */
	uint8_t		drill;		/* 1: raised in a drill, not real */
};

/* An approved suggested action, for signage and other controllers. */
struct fohp_action {
	uint64_t	alert;		/* the alert it answers */
	char		rule[FOHP_ID_MAX];
	char		subject[FOHP_ID_MAX];
	char		action[FOHP_TEXT_MAX];
	char		operator_name[FOHP_ID_MAX];
};

/*
 * A density raster: persons in each grid cell of a rectangle of the venue
 * grid, row-major, from a people-counting pipeline (fractions allowed: a
 * density-map model's output). A zone cell's density is its persons over
 * the zone's area per cell.
 */
struct fohp_raster {
	uint16_t	x, y;		/* top-left grid cell */
	uint16_t	cols, rows;	/* >= 1, inside the grid */
	uint64_t	t_ms;		/* when it was measured, Unix ms */
	uint16_t	ncells;		/* cols * rows */
	float		cells[FOHP_RASTER_MAX];
};

/* Everything a console needs to start; seq is the last message it covers. */
struct fohp_snapshot {
	struct fohp_hello	hello;
	struct fohp_layout	layout;
	uint16_t		nzones;
	struct fohp_zone	zones[FOHP_ZONES_MAX];
	uint16_t		nequip;
	struct fohp_equip	equip[FOHP_DEVICES_MAX];
	uint16_t		ndrift;
	struct fohp_drift	drift[FOHP_MODELS_MAX];
	uint16_t		nalerts;
	struct fohp_alert	alerts[FOHP_ALERTS_MAX];
	uint16_t		ngates;		/* absent (old agent): 0 */
	struct fohp_gate	gates[FOHP_GATES_MAX];
	uint8_t			has_raster;	/* the latest raster, if any */
	struct fohp_raster	raster;
	uint64_t		id;		/* the request's id (0: none) */
	/* Every open alert's id, most urgent first; alerts[] holds the maps
	 * of the first nalerts. nopen 0: an old agent, alerts[] is all. */
	uint16_t		nopen;
	uint64_t		open[FOHP_OPEN_MAX];
};

/* A control request (REQ -> REP). */
struct fohp_request {
	uint64_t	id;			/* chosen by the client */
	char		op[16];			/* "snapshot", "ack", ... */
	char		operator_name[FOHP_ID_MAX];	/* may be empty */
	/* Optional, by op (added within v1 for the alerts work). */
	uint64_t	alert;			/* the alert acted on */
	char		comment[FOHP_NOTE_MAX];	/* ack, comment, approve */
	uint32_t	expiry_s;		/* ack: 0 = until resolved */
	uint32_t	duration_s;		/* shelve: > 0 */
	char		reason[FOHP_NOTE_MAX];	/* shelve */
	uint64_t	deadline_ms;		/* agent clock; 0: none */
	uint16_t	nids;			/* op "alerts": which */
	uint64_t	ids[FOHP_IDS_MAX];
	enum fohp_ack_type ack_type;		/* ack: NONE = sticky */
	uint32_t	hours;			/* summary: 1..24 */
};

/* A zone over a summary's range (issue 15; report.h's definitions). */
struct fohp_summary_zone {
	char		zone[FOHP_ID_MAX];
	double		peak;			/* p/m2, the highest sample */
	uint64_t	peak_ms;		/* when, Unix ms; 0: no sample */
	double		min_e, min_f;		/* minutes in band E, F */
	uint8_t		nseries;		/* densities, oldest first: */
	float		series[FOHP_HIST_MAX];	/*  highest per series step */
	uint64_t	series_gaps;		/* bit k: series[k] is a */
						/*  slice with no sample (0) */
};

/* Time to acknowledge and to resolve of one severity, in seconds. */
struct fohp_summary_times {
	enum fohp_severity severity;
	uint32_t	n, nacked, nresolved;	/* alerts fired, of them ... */
	double		ack_median, ack_p90, ack_worst;	/* 0 if nacked 0 */
	double		res_median, res_p90, res_worst;	/* 0 if nresolved 0 */
};

/* The venue's numbers over [from_ms, to_ms): reply to op "summary". */
struct fohp_summary {
	uint64_t	from_ms, to_ms;
	uint32_t	step_ms;		/* the journal's sample step */
	uint32_t	series_step_ms;		/* one series value spans */
	uint16_t	zones_total;		/* zones of the venue */
	uint16_t	nzones;
	struct fohp_summary_zone zones[FOHP_SUMMARY_ZONES_MAX];
	uint16_t	ntimes;
	struct fohp_summary_times times[FOHP_SEV_COUNT];
};

/* The answer to a control request that was carried out (REP -> REQ). */
struct fohp_reply {
	uint64_t	id;			/* the request's id */
	char		status[16];		/* "done" or "unchanged" */
	char		text[FOHP_TEXT_MAX];
	uint8_t		has_alert;
	struct fohp_alert alert;		/* its state afterwards */
	uint16_t	nalerts;		/* op "alerts": the maps asked */
	struct fohp_alert alerts[FOHP_ALERTS_MAX];
	uint8_t		has_summary;		/* op "summary" (issue 15) */
	struct fohp_summary summary;
};

/*
 * A request signed by its operator (REQ -> REP): body holds the exact bytes
 * of a "request" message, sig an SSHSIG blob (namespace "foh") over them.
 */
struct fohp_signed {
	uint16_t	body_len;
	uint8_t		body[FOHP_SIGNED_MAX];
	uint16_t	sig_len;
	uint8_t		sig[FOHP_SIG_MAX];
};

/* An error answer (REP -> REQ). */
struct fohp_error_msg {
	uint64_t	id;			/* the request's id */
	char		code[FOHP_ID_MAX];	/* "unsupported", "bad-request" */
	char		field[48];
	char		text[FOHP_TEXT_MAX];
};

/* One message: the envelope and one body. */
struct fohp_msg {
	uint32_t	v;		/* protocol version */
	char		venue[FOHP_ID_MAX];
	uint64_t	seq;		/* per-venue, +1 per published message */
	uint64_t	epoch;		/* agent start, Unix ms */
	uint64_t	ts_ms;		/* agent clock, Unix ms */
	uint8_t		drill;		/* 1: sent by an agent in a drill
					   (optional key, PROTOCOL.md 5) */
	enum fohp_kind	kind;
	union {
		struct fohp_hello	hello;	/* HELLO, HEARTBEAT */
		struct fohp_layout	layout;
		struct fohp_zone	zone;
		struct fohp_equip	equip;
		struct fohp_drift	drift;
		struct fohp_alert	alert;
		struct fohp_snapshot	snapshot;
		struct fohp_request	request;
		struct fohp_error_msg	error;
		struct fohp_gate	gate;
		struct fohp_action	action;
		struct fohp_reply	reply;
		struct fohp_raster	raster;
		struct fohp_signed	sreq;
	} u;
};

/* A decoder: owns the msgpack zone reused for every message. */
struct fohp_decoder {
	msgpack_zone	zone;
	uint64_t	decoded;	/* messages decoded */
	uint64_t	rejected;	/* messages refused */
	uint64_t	unknown;	/* unknown kinds skipped */
};

/* Names of enum values as they travel on the wire. */
const char	*fohp_kind_name(enum fohp_kind);
enum fohp_kind	 fohp_kind_parse(const char *, size_t);
const char	*fohp_zone_kind_name(enum fohp_zone_kind);
int		 fohp_zone_kind_parse(const char *, enum fohp_zone_kind *);
const char	*fohp_status_name(enum fohp_status);
const char	*fohp_severity_name(enum fohp_severity);
const char	*fohp_alert_state_name(enum fohp_alert_state);
const char	*fohp_rul_name(enum fohp_rul);
const char	*fohp_drift_level_name(enum fohp_drift_level);	/* NONE: "" */
const char	*fohp_rule_kind_name(enum fohp_rule_kind);	/* NONE: "" */
const char	*fohp_fc_state_name(enum fohp_fc_state);	/* NONE: "" */
const char	*fohp_stake_name(enum fohp_stake);	/* NONE: "" */
const char	*fohp_ack_type_name(enum fohp_ack_type);	/* NONE: "" */
const char	*fohp_strerror(int);

/*
 * Write the topic of a stream message ("foh/VENUE/KIND" and a NUL) into buf.
 * Returns its length including the NUL, or 0 if it does not fit.
 */
size_t		 fohp_topic(char *buf, size_t len, const char *venue,
		     enum fohp_kind);

/*
 * Encode m. With topic non-zero the output starts with the topic (stream
 * messages on PUB); without it the output is the bare map (REQ/REP).
 * The sbuffer is the caller's and is appended to; clear it between messages
 * to reuse its memory. Returns FOHP_OK or an error code and fills err.
 */
int		 fohp_encode(msgpack_sbuffer *, const struct fohp_msg *m,
		     int topic, struct fohp_err *err);

/* Set up and tear down a decoder. */
/*
 * Check that buf holds exactly one msgpack object, nested at most
 * max_depth (<= FOHP_SCAN_DEPTH_MAX) deep, with no container promising more
 * entries than bytes are left and nothing after it; without recursion and
 * without allocating. *need (if not NULL) gets the bytes of msgpack_object
 * msgpack-c will allocate to unpack it. Returns FOHP_OK, or FOHP_ETRUNC with
 * why saying what is wrong. fohp_decode runs it on every message.
 */
#define FOHP_SCAN_DEPTH_MAX	32
int		 fohp_scan(const void *buf, size_t len, int max_depth,
		     size_t *need, char *why, size_t whylen);

int		 fohp_decoder_init(struct fohp_decoder *);
void		 fohp_decoder_fini(struct fohp_decoder *);

/*
 * Decode one message of len bytes into out (caller-owned, reused). With
 * topic non-zero the input must start with a topic that agrees with the
 * body. Allocates nothing once the decoder's zone has grown to the largest
 * message seen. Returns FOHP_OK or an error code and fills err; on error out
 * is unspecified.
 */
int		 fohp_decode(struct fohp_decoder *, const void *buf, size_t len,
		     int topic, struct fohp_msg *out, struct fohp_err *err);

#endif /* FOH_PROTO_H */
