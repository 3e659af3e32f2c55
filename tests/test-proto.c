/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-proto.c: tests of the wire codec (proto/): names and topics, round
 * trips of every kind at every limit, what goes on the wire and what an
 * old agent's message decodes to, and what the encoder refuses.
 *
 * test-proto-refuse.c has the table of malformed fields and
 * test-proto-decode.c the decoder's other refusals, its memory and a
 * byte-flipping loop; the messages they start from are proto-fixtures.c's.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto-assert.h"

/* Names round-trip and strerror covers every code. */
static void
test_names(void **state)
{
	enum fohp_zone_kind	zk;
	int			i;

	(void)state;
	for (i = 1; i < FOHP_KIND_COUNT; i++) {
		const char *n = fohp_kind_name((enum fohp_kind)i);
		assert_int_equal(fohp_kind_parse(n, strlen(n)), i);
	}
	assert_int_equal(fohp_kind_parse("unknown", 7), FOHP_UNKNOWN);
	assert_int_equal(fohp_kind_parse("zon", 3), FOHP_UNKNOWN);
	assert_int_equal(fohp_kind_parse("zonex", 5), FOHP_UNKNOWN);
	assert_int_equal(fohp_zone_kind_parse("queue", &zk), FOHP_OK);
	assert_int_equal(zk, FOHP_ZK_QUEUE);
	assert_int_not_equal(fohp_zone_kind_parse("stage", &zk), FOHP_OK);
	assert_string_equal(fohp_status_name(FOHP_ST_OFFLINE), "offline");
	assert_string_equal(fohp_severity_name(FOHP_SEV_CRITICAL), "critical");
	assert_string_equal(fohp_alert_state_name(FOHP_AS_ACKED),
	    "acknowledged");
	assert_string_equal(fohp_zone_kind_name(FOHP_ZK_STANDING), "standing");
	assert_int_equal(FOHP_GATE, FOHP_ERROR + 1);
	assert_string_equal(fohp_kind_name(FOHP_GATE), "gate");
	assert_string_equal(fohp_rul_name(FOHP_RUL_UNSET), "unset");
	assert_string_equal(fohp_rul_name(FOHP_RUL_NA), "na");
	assert_string_equal(fohp_rul_name(FOHP_RUL_BEYOND), "beyond");
	assert_string_equal(fohp_rul_name(FOHP_RUL_COUNT), "unknown");
	assert_string_equal(fohp_drift_level_name(FOHP_DL_NONE), "");
	assert_string_equal(fohp_drift_level_name(FOHP_DL_MODERATE),
	    "moderate");
	assert_string_equal(fohp_drift_level_name(FOHP_DL_PENDING), "pending");
	assert_int_equal(FOHP_ACTION, FOHP_GATE + 1);
	assert_int_equal(FOHP_REPLY, FOHP_ACTION + 1);
	assert_string_equal(fohp_kind_name(FOHP_ACTION), "action");
	assert_string_equal(fohp_kind_name(FOHP_REPLY), "reply");
	assert_string_equal(fohp_rule_kind_name(FOHP_RK_NONE), "");
	assert_string_equal(fohp_rule_kind_name(FOHP_RK_THRESHOLD),
	    "threshold");
	assert_string_equal(fohp_rule_kind_name(FOHP_RK_RUL), "rul");
	assert_string_equal(fohp_rule_kind_name(FOHP_RK_EXTERNAL), "external");
	assert_string_equal(fohp_rule_kind_name(FOHP_RK_COUNT), "unknown");
	assert_string_equal(fohp_fc_state_name(FOHP_FC_NONE), "");
	assert_string_equal(fohp_fc_state_name(FOHP_FC_NOT_RISING),
	    "not-rising");
	assert_string_equal(fohp_fc_state_name(FOHP_FC_BEYOND),
	    "beyond-horizon");
	assert_string_equal(fohp_fc_state_name(FOHP_FC_ALREADY), "already");
	assert_string_equal(fohp_fc_state_name(FOHP_FC_COUNT), "unknown");
	for (i = 0; i < FOHP_ECOUNT; i++)
		assert_string_not_equal(fohp_strerror(i), "unknown error");
	assert_string_equal(fohp_strerror(FOHP_ECOUNT), "unknown error");
}

/* Topics are "foh/VENUE/KIND" and a NUL. */
static void
test_topic(void **state)
{
	char	buf[FOHP_TOPIC_MAX];

	(void)state;
	assert_int_equal(fohp_topic(buf, sizeof buf, "arena", FOHP_ZONE), 15);
	assert_memory_equal(buf, "foh/arena/zone", 15);
	assert_int_equal(fohp_topic(buf, 14, "arena", FOHP_ZONE), 0);
	assert_int_equal(fohp_topic(buf, 15, "arena", FOHP_ZONE), 15);
	assert_int_equal(fohp_topic(buf, sizeof buf, "arena", FOHP_UNKNOWN), 0);
	assert_int_equal(fohp_topic(buf, sizeof buf, "arena", FOHP_GATE), 15);
	assert_memory_equal(buf, "foh/arena/gate", 15);
	assert_int_equal(fohp_topic(buf, sizeof buf, "", FOHP_ZONE), 0);
	assert_int_equal(fohp_topic(buf, sizeof buf,
	    "abcdefghijklmnopqrstuvwxyz01234", FOHP_HEARTBEAT),
	    4 + 31 + 1 + 9 + 1);
}

/* Encode then decode every kind, with and without topic, and compare. */
static void
test_roundtrip(void **state)
{
	struct pa_fx		*fx = *state;
	struct fohp_msg		*in = fx->in, *out = fx->out;
	struct fohp_decoder	*dec = &fx->dec;
	msgpack_sbuffer		*sb = &fx->sb;
	struct fohp_err		 err;
	int			 k, topic, rv;

	for (k = 1; k < FOHP_KIND_COUNT; k++) {
		for (topic = 0; topic <= 1; topic++) {
			if (topic && k == FOHP_REQUEST)
				continue;	/* no venue, so no topic */
			pf_build(in, (enum fohp_kind)k);
			pa_encode(sb, in, topic);
			if (topic)
				assert_int_equal(sb->data[0], 'f');
			else
				assert_true((uint8_t)sb->data[0] >= 0x80);
			memset(out, 0, sizeof *out);
			rv = fohp_decode(dec, sb->data, sb->size, topic, out,
			    &err);
			if (rv != FOHP_OK)
				fail_msg("%s topic %d: %s", fohp_kind_name(k),
				    topic, err.text);
			assert_int_equal(out->kind, k);
			assert_memory_equal(in, out, sizeof *in);
			/* A stream message read with the wrong topic mode. */
			rv = fohp_decode(dec, sb->data, sb->size, !topic, out,
			    &err);
			assert_int_not_equal(rv, FOHP_OK);
		}
	}
	assert_int_equal(dec->unknown, 0);
}

/* tp_enum_values writes an enum through an int, as the codec does. */
_Static_assert(sizeof (enum fohp_rul) == sizeof (int), "enums are ints");

/*
 * Every value of the enum at offset off of a kind's message (pf_build)
 * round-trips, and goes on the wire as key unless it is none.
 */
static void
tp_enum_values(struct pa_fx *fx, enum fohp_kind kind, size_t off, int count,
    int none, const char *key)
{
	int	v;

	for (v = 0; v < count; v++) {
		pf_build(fx->in, kind);
		*(int *)((char *)fx->in + off) = v;
		pa_roundtrip(fx, fx->in);
		assert_int_equal(pa_has_key(&fx->sb, key), v != none);
	}
}

/* The keys added within v1: gate, equip and drift extras, hist arrays. */
static void
test_new_keys(void **state)
{
	static const char *const extra[] = {
		"name", "flags", "wear", "wear_limit", "rul", "rul_h",
		"hb_age_s", "hist", "level", "ref_n", "cur_n"
	};
	struct pa_fx		*fx = *state;
	struct fohp_msg		*in = fx->in, *out = fx->out;
	struct fohp_decoder	*dec = &fx->dec;
	msgpack_sbuffer		*sb = &fx->sb;
	size_t			 i;

	/* Every hist at its limit, in stream messages too. */
	pf_build(in, FOHP_ZONE);
	pf_hist(&in->u.zone.nhist, in->u.zone.hist, FOHP_HIST_MAX, 0, 1.0 / 3);
	in->u.zone.hist[FOHP_HIST_MAX - 1] = (float)FOHP_DENSITY_MAX;
	pa_roundtrip(fx, in);
	assert_int_equal(out->u.zone.nhist, FOHP_HIST_MAX);
	pf_build(in, FOHP_GATE);
	pf_hist(&in->u.gate.nhist, in->u.gate.hist, FOHP_HIST_MAX, 0, 2.5);
	pa_roundtrip(fx, in);
	assert_string_equal(out->u.gate.name, "Gate 1");
	assert_int_equal(out->u.gate.los, 'B');
	pf_build(in, FOHP_EQUIP);
	pf_equip_more(&in->u.equip, 1, FOHP_FLAGS_MAX);
	pf_hist(&in->u.equip.nhist, in->u.equip.hist, FOHP_HIST_MAX, -5, 0.5);
	pa_roundtrip(fx, in);
	assert_int_equal(out->u.equip.nflags, FOHP_FLAGS_MAX);
	assert_int_equal(out->u.equip.flags[3].status, FOHP_ST_OFFLINE);
	pf_build(in, FOHP_DRIFT);
	pf_hist(&in->u.drift.nhist, in->u.drift.hist, FOHP_HIST_MAX, 0, 0.01);
	pa_roundtrip(fx, in);

	/* Every rul state and drift level. */
	tp_enum_values(fx, FOHP_EQUIP, offsetof(struct fohp_msg, u.equip.rul),
	    FOHP_RUL_COUNT, FOHP_RUL_UNSET, "rul");
	tp_enum_values(fx, FOHP_DRIFT, offsetof(struct fohp_msg, u.drift.level),
	    FOHP_DL_COUNT, FOHP_DL_NONE, "level");

	/* Without the optional keys, none of them goes on the wire. */
	pf_build(in, FOHP_EQUIP);
	memset(in, 0, sizeof *in);
	pf_envelope(in, FOHP_EQUIP);
	pf_equip(&in->u.equip, 1, 2);
	pa_roundtrip(fx, in);
	for (i = 0; i < nitems(extra); i++)
		assert_false(pa_has_key(sb, extra[i]));
	pf_envelope(in, FOHP_DRIFT);
	pf_drift(&in->u.drift, 1, 2);
	pa_roundtrip(fx, in);
	for (i = 0; i < nitems(extra); i++)
		assert_false(pa_has_key(sb, extra[i]));
	assert_int_equal(out->u.drift.level, FOHP_DL_NONE);
	pf_envelope(in, FOHP_GATE);
	pf_gate(&in->u.gate, 1);
	memset(in->u.gate.name, 0, sizeof in->u.gate.name);
	in->u.gate.in = in->u.gate.out = 0;	/* required: still sent */
	in->u.gate.flow_pmm = in->u.gate.use = 0;
	in->u.gate.los = 'A';
	pa_roundtrip(fx, in);
	assert_false(pa_has_key(sb, "name"));
	assert_false(pa_has_key(sb, "hist"));
	assert_true(pa_has_key(sb, "in"));
	assert_true(pa_has_key(sb, "flow_pmm"));

	/* A snapshot always carries gates, even none. */
	pf_build(in, FOHP_SNAPSHOT);
	in->u.snapshot.ngates = 0;
	memset(in->u.snapshot.gates, 0, sizeof in->u.snapshot.gates);
	pa_roundtrip(fx, in);
	assert_true(pa_has_key(sb, "gates"));
	assert_int_equal(dec->rejected, 0);
}

/*
 * A snapshot as an agent from before the additions sends it: no gates key
 * and none of the new keys in its maps. It decodes, with zeroes for them.
 */
static void
test_old_snapshot(void **state)
{
	struct pa_fx		*fx = *state;
	struct fohp_msg		*in = fx->in, *out = fx->out;
	msgpack_sbuffer		*sb = &fx->sb, *old = &fx->re;
	struct fohp_err		 err;
	struct fohp_snapshot	*s;
	msgpack_packer		 pk;
	msgpack_object		 obj;
	uint32_t		 i;

	/* Old-style maps: encoded without the new optional keys. */
	pf_envelope(in, FOHP_SNAPSHOT);
	s = &in->u.snapshot;
	pf_hello(&s->hello, 12345);
	pf_layout(&s->layout, 2);
	s->nzones = 2;
	pf_zone(&s->zones[0], 0);
	pf_zone(&s->zones[1], 1);
	s->nequip = 1;
	pf_equip(&s->equip[0], 1, 1);
	s->ndrift = 1;
	pf_drift(&s->drift[0], 1, 1);
	pa_repack_start(fx, &obj, &pk);

	/* Pack it again without "gates". */
	msgpack_pack_map(&pk, obj.via.map.size - 1);
	for (i = 0; i < obj.via.map.size; i++) {
		const msgpack_object_kv *kv = &obj.via.map.ptr[i];
		if (kv->key.via.str.size == 5 &&
		    memcmp(kv->key.via.str.ptr, "gates", 5) == 0)
			continue;
		msgpack_pack_object(&pk, kv->key);
		msgpack_pack_object(&pk, kv->val);
	}
	assert_int_equal(old->size, sb->size - 7);	/* "gates" and [] */

	memset(out, 0xa5, sizeof *out);
	assert_int_equal(fohp_decode(&fx->dec, old->data, old->size, 0, out,
	    &err), FOHP_OK);
	assert_int_equal(out->u.snapshot.ngates, 0);
	assert_int_equal(out->u.snapshot.zones[1].nhist, 0);
	assert_int_equal(out->u.snapshot.equip[0].nflags, 0);
	assert_int_equal(out->u.snapshot.equip[0].nhist, 0);
	assert_int_equal(out->u.snapshot.equip[0].rul, FOHP_RUL_UNSET);
	assert_true(out->u.snapshot.equip[0].wear == 0);
	assert_int_equal(out->u.snapshot.equip[0].hb_age_s, 0);
	assert_string_equal(out->u.snapshot.equip[0].name, "");
	assert_int_equal(out->u.snapshot.drift[0].level, FOHP_DL_NONE);
	assert_int_equal(out->u.snapshot.drift[0].ref_n, 0);
	assert_int_equal(out->u.snapshot.drift[0].nhist, 0);
	assert_int_equal(out->u.snapshot.nalerts, 0);
}

/* A snapshot full to every limit, with the longest strings, round-trips. */
static void
test_snapshot_full(void **state)
{
	struct pa_fx		*fx = *state;
	struct fohp_msg		*in = fx->in, *out = fx->out;
	struct fohp_decoder	*dec = &fx->dec;
	msgpack_sbuffer		*sb = &fx->sb;
	struct fohp_err		 err;

	pf_snapshot_full(in);
	pa_encode(sb, in, 0);
	assert_true(sb->size <= FOHP_SNAPSHOT_MAX);
	assert_true(sb->size > FOHP_MSG_MAX);	/* too big for a stream */
	print_message("full snapshot: %zu bytes\n", sb->size);
	assert_int_equal(fohp_decode(dec, sb->data, sb->size, 0, out, &err),
	    FOHP_OK);
	assert_memory_equal(in, out, sizeof *in);

	/* The same bytes claiming to be a stream kind are too large. */
	in->kind = FOHP_LAYOUT;
	in->u.layout = out->u.snapshot.layout;
	pa_encode(sb, in, 1);
	assert_true(sb->size <= FOHP_MSG_MAX);
	assert_int_equal(fohp_decode(dec, sb->data, sb->size, 1, out, &err),
	    FOHP_OK);
	assert_int_equal(out->u.layout.nzones, FOHP_ZONES_MAX);
}

/* Keys added to alert within v1 (the explanation and history). */
static const char *const tp_alert_keys[] = {
	"fingerprint", "rkind", "words", "expr", "unit", "margin", "held_ms",
	"window_step_ms", "window", "fc_state", "fc_slope", "fc_r2",
	"fc_eta_s", "fc_horizon_s", "contrib", "source", "action",
	"escalated", "acked_by", "acked_ms", "ack_expires_ms", "shelved_by",
	"shelved_until_ms", "resolved_ms", "ops"
};

/* Every field added to alert within v1 is zero, "" or NONE. */
static void
tp_alert_bare(const struct fohp_alert *a)
{
	assert_true(a->fingerprint == 0 && a->held_ms == 0 &&
	    a->window_step_ms == 0 && a->acked_ms == 0 &&
	    a->ack_expires_ms == 0 && a->shelved_until_ms == 0 &&
	    a->resolved_ms == 0 && a->escalated == 0);
	assert_true(a->margin == 0 && a->fc_slope == 0 && a->fc_r2 == 0 &&
	    a->fc_eta_s == 0 && a->fc_horizon_s == 0);
	assert_int_equal(a->rkind, FOHP_RK_NONE);
	assert_int_equal(a->fc_state, FOHP_FC_NONE);
	assert_int_equal(a->nwindow, 0);
	assert_int_equal(a->ncontrib, 0);
	assert_int_equal(a->nops, 0);
	assert_string_equal(a->words, "");
	assert_string_equal(a->expr, "");
	assert_string_equal(a->unit, "");
	assert_string_equal(a->source, "");
	assert_string_equal(a->action, "");
	assert_string_equal(a->acked_by, "");
	assert_string_equal(a->shelved_by, "");
}

/*
 * Alerts with explanations, actions, replies and the alert requests:
 * round trips at every limit, what goes on the wire, and old alerts.
 */
static void
test_alerts(void **state)
{
	static const char *const rqkeys[] = {
		"alert", "comment", "expiry_s", "duration_s", "reason"
	};
	/* Each op with the fields it takes; ack twice (sticky, expiring). */
	static const struct {
		const char	*op;
		uint64_t	 alert;
		const char	*comment;
		uint32_t	 expiry_s, duration_s;
		const char	*reason;
	} rq[] = {
		{ "snapshot", 0, "", 0, 0, "" },
		{ "ack", 7, "Stewards on their way", 0, 0, "" },
		{ "ack", 7, "Checking", 900, 0, "" },
		{ "unack", 7, "", 0, 0, "" },
		{ "shelve", 7, "", 0, 1800, "Sensor under repair" },
		{ "unshelve", 7, "", 0, 0, "" },
		{ "comment", 7, "Crowd easing", 0, 0, "" },
		{ "approve", 7, "", 0, 0, "" },
		{ "approve", UINT64_MAX, "Go", 0, 0, "" },
	};
	struct pa_fx		*fx = *state;
	struct fohp_msg		*in = fx->in, *out = fx->out;
	struct fohp_decoder	*dec = &fx->dec;
	msgpack_sbuffer		*sb = &fx->sb;
	struct fohp_err		 err;
	struct fohp_request	*r;
	size_t			 i, j;
	int			 k;

	/* A fully loaded alert fits a stream message, and round-trips. */
	pf_envelope(in, FOHP_ALERT);
	pf_alert_full(&in->u.alert, 0);
	pa_roundtrip(fx, in);
	print_message("full alert: %zu bytes\n", sb->size);
	assert_true(sb->size <= FOHP_MSG_MAX);
	for (i = 0; i < nitems(tp_alert_keys); i++)
		assert_true(pa_has_key(sb, tp_alert_keys[i]));
	assert_int_equal(out->u.alert.nwindow, FOHP_WINDOW_MAX);
	assert_int_equal(out->u.alert.ncontrib, FOHP_CONTRIB_MAX);
	assert_int_equal(out->u.alert.nops, FOHP_ALERT_HIST_MAX);
	assert_int_equal(out->u.alert.escalated, UINT8_MAX);
	assert_int_equal(strlen(out->u.alert.ops[15].note), FOHP_NOTE_MAX - 1);

	/* ...and so does a reply carrying it. */
	pf_envelope(in, FOHP_REPLY);
	in->u.reply.id = UINT64_MAX;
	strcpy(in->u.reply.status, "unchanged");
	memset(in->u.reply.text, 'x', FOHP_TEXT_MAX - 1);
	in->u.reply.has_alert = 1;
	pf_alert_full(&in->u.reply.alert, 1);
	pa_roundtrip(fx, in);
	assert_true(sb->size <= FOHP_MSG_MAX);
	assert_int_equal(out->u.reply.has_alert, 1);

	/* A reply without an alert: no key; decodes as has_alert 0. */
	pf_envelope(in, FOHP_REPLY);
	in->u.reply.id = 4;
	strcpy(in->u.reply.status, "done");
	pa_encode(sb, in, 0);
	assert_false(pa_has_key(sb, "alert"));
	assert_false(pa_has_key(sb, "text"));
	assert_true(pa_has_key(sb, "status"));
	memset(out, 0xa5, sizeof *out);
	assert_int_equal(fohp_decode(dec, sb->data, sb->size, 0, out, &err),
	    FOHP_OK);
	assert_int_equal(out->u.reply.id, 4);
	assert_string_equal(out->u.reply.status, "done");
	assert_string_equal(out->u.reply.text, "");
	assert_int_equal(out->u.reply.has_alert, 0);
	assert_memory_equal(&in->u.reply.alert, &out->u.reply.alert,
	    sizeof in->u.reply.alert);		/* zeroed */

	/* Every rule kind and forecast state; NONE is no key. */
	tp_enum_values(fx, FOHP_ALERT, offsetof(struct fohp_msg, u.alert.rkind),
	    FOHP_RK_COUNT, FOHP_RK_NONE, "rkind");
	tp_enum_values(fx, FOHP_ALERT,
	    offsetof(struct fohp_msg, u.alert.fc_state), FOHP_FC_COUNT,
	    FOHP_FC_NONE, "fc_state");

	/* Every ack type, on the alert and on the ack; NONE is no key. */
	assert_string_equal(fohp_ack_type_name(FOHP_ACK_STICKY), "sticky");
	assert_string_equal(fohp_ack_type_name(FOHP_ACK_NONSTICKY),
	    "non-sticky");
	for (k = 0; k < FOHP_ACK_COUNT; k++) {
		pf_build(in, FOHP_ALERT);
		in->u.alert.ack_type = (enum fohp_ack_type)k;
		pa_roundtrip(fx, in);
		assert_int_equal(pa_has_key(sb, "ack_type"), k != FOHP_ACK_NONE);
		assert_int_equal(out->u.alert.ack_type, k);
		pf_build(in, FOHP_REQUEST);
		r = &in->u.request;
		memset(r->op, 0, sizeof r->op);
		strcpy(r->op, "ack");
		r->alert = 7;
		strcpy(r->comment, "Stewards on their way");
		r->ack_type = (enum fohp_ack_type)k;
		pa_roundtrip(fx, in);
		assert_int_equal(pa_has_key(sb, "ack_type"), k != FOHP_ACK_NONE);
		assert_int_equal(out->u.request.ack_type, k);
	}

	/* An alert as an old agent sends it: none of the new keys. */
	pf_envelope(in, FOHP_ALERT);
	pf_alert(&in->u.alert, 0);
	pa_encode(sb, in, 1);
	for (i = 0; i < nitems(tp_alert_keys); i++)
		assert_false(pa_has_key(sb, tp_alert_keys[i]));
	memset(out, 0xa5, sizeof *out);
	assert_int_equal(fohp_decode(dec, sb->data, sb->size, 1, out, &err),
	    FOHP_OK);
	assert_int_equal(out->u.alert.id, 7);
	assert_string_equal(out->u.alert.title, in->u.alert.title);
	tp_alert_bare(&out->u.alert);

	/* An action, full and with only what it needs. */
	pf_build(in, FOHP_ACTION);
	pa_roundtrip(fx, in);
	assert_true(pa_has_key(sb, "operator"));
	pf_envelope(in, FOHP_ACTION);
	in->u.action.alert = 0;
	strcpy(in->u.action.action, "Open the east pen");
	pa_roundtrip(fx, in);
	assert_true(pa_has_key(sb, "alert"));		/* required: 0 sent */
	assert_false(pa_has_key(sb, "rule"));
	assert_false(pa_has_key(sb, "operator"));

	/* Requests of every op, with the fields each takes. */
	for (i = 0; i < nitems(rq); i++) {
		pf_build(in, FOHP_REQUEST);
		r = &in->u.request;
		r->id = 100 + i;
		memset(r->op, 0, sizeof r->op);
		strcpy(r->op, rq[i].op);
		r->alert = rq[i].alert;
		strcpy(r->comment, rq[i].comment);
		r->expiry_s = rq[i].expiry_s;
		r->duration_s = rq[i].duration_s;
		strcpy(r->reason, rq[i].reason);
		pa_roundtrip(fx, in);
		assert_int_equal(pa_has_key(sb, "alert"), rq[i].alert != 0);
		assert_int_equal(pa_has_key(sb, "comment"),
		    *rq[i].comment != '\0');
		assert_int_equal(pa_has_key(sb, "expiry_s"),
		    rq[i].expiry_s != 0);
		assert_int_equal(pa_has_key(sb, "duration_s"),
		    rq[i].duration_s != 0);
		assert_int_equal(pa_has_key(sb, "reason"),
		    *rq[i].reason != '\0');
	}
	/* The longest comment and reason, and the largest numbers. */
	pf_build(in, FOHP_REQUEST);
	r = &in->u.request;
	memset(r->op, 0, sizeof r->op);
	strcpy(r->op, "shelve");
	r->alert = UINT64_MAX;
	memset(r->comment, 'c', FOHP_NOTE_MAX - 1);
	memset(r->reason, 'r', FOHP_NOTE_MAX - 1);
	r->expiry_s = r->duration_s = UINT32_MAX;
	pa_roundtrip(fx, in);
	for (j = 0; j < nitems(rqkeys); j++)
		assert_true(pa_has_key(sb, rqkeys[j]));
	assert_int_equal(dec->rejected, 0);
}

/* Encoding m must fail with code (at field if not NULL), adding no bytes. */
static void
tp_refuse(msgpack_sbuffer *sb, const struct fohp_msg *m, int topic, int code,
    const char *field)
{
	struct fohp_err	err;
	size_t		size = sb->size;

	assert_int_equal(fohp_encode(sb, m, topic, &err), code);
	if (field != NULL)
		assert_string_equal(err.field, field);
	assert_int_equal(sb->size, size);
}

/* The encoder refuses what the decoder would refuse, and leaves no bytes. */
static void
test_encode_errors(void **state)
{
	struct pa_fx		*fx = *state;
	struct fohp_msg		*m = fx->in;
	msgpack_sbuffer		*sb = &fx->sb;

	msgpack_sbuffer_write(sb, "keep", 4);

	pf_build(m, FOHP_ZONE);
	m->u.zone.density = NAN;
	tp_refuse(sb, m, 1, FOHP_ERANGE, "density");
	assert_int_equal(sb->size, 4);

	pf_build(m, FOHP_ZONE);
	memset(m->venue, 'a', sizeof m->venue);		/* no NUL */
	tp_refuse(sb, m, 1, FOHP_ETOOLONG, "venue");
	tp_refuse(sb, m, 0, FOHP_ETOOLONG, NULL);
	assert_int_equal(sb->size, 4);

	pf_build(m, FOHP_ZONE);
	m->u.zone.band = 'G';
	tp_refuse(sb, m, 0, FOHP_ERANGE, "band");

	pf_build(m, FOHP_LAYOUT);
	m->u.layout.nzones = FOHP_ZONES_MAX + 1;
	tp_refuse(sb, m, 0, FOHP_ETOOLONG, "zones");

	pf_build(m, FOHP_LAYOUT);
	m->u.layout.zones[2].x = 31;
	m->u.layout.zones[2].w = 2;
	tp_refuse(sb, m, 0, FOHP_ERANGE, "zones[2].rect");

	pf_build(m, FOHP_EQUIP);
	m->u.equip.status = FOHP_ST_COUNT;
	tp_refuse(sb, m, 0, FOHP_ERANGE, "status");

	pf_build(m, FOHP_ZONE);
	pf_hist(&m->u.zone.nhist, m->u.zone.hist, 4, 1, 1);
	m->u.zone.hist[2] = NAN;
	tp_refuse(sb, m, 1, FOHP_ERANGE, "hist[2]");
	m->u.zone.hist[2] = -1;
	tp_refuse(sb, m, 1, FOHP_ERANGE, "hist[2]");
	pf_hist(&m->u.zone.nhist, m->u.zone.hist, FOHP_HIST_MAX, 1, 0);
	assert_int_equal(fohp_encode(sb, m, 1, &fx->err), FOHP_OK);
	sb->size = 4;
	m->u.zone.nhist = FOHP_HIST_MAX + 1;
	tp_refuse(sb, m, 1, FOHP_ETOOLONG, "hist");

	pf_build(m, FOHP_GATE);
	m->u.gate.los = 'G';
	tp_refuse(sb, m, 1, FOHP_ERANGE, "los");
	pf_build(m, FOHP_GATE);
	m->u.gate.interval_ms = 0;
	tp_refuse(sb, m, 1, FOHP_ERANGE, "interval_ms");
	pf_build(m, FOHP_GATE);
	m->u.gate.flow_pmm = -0.5;
	tp_refuse(sb, m, 1, FOHP_ERANGE, "flow_pmm");

	pf_build(m, FOHP_EQUIP);
	m->u.equip.rul = FOHP_RUL_COUNT;
	tp_refuse(sb, m, 0, FOHP_ERANGE, "rul");
	pf_build(m, FOHP_EQUIP);
	m->u.equip.flags[1].status = FOHP_ST_COUNT;
	tp_refuse(sb, m, 0, FOHP_ERANGE, "flags[1].status");
	pf_build(m, FOHP_EQUIP);
	m->u.equip.nflags = FOHP_FLAGS_MAX + 1;
	tp_refuse(sb, m, 0, FOHP_ETOOLONG, "flags");
	pf_build(m, FOHP_DRIFT);
	m->u.drift.level = FOHP_DL_COUNT;
	tp_refuse(sb, m, 0, FOHP_ERANGE, "level");
	pf_build(m, FOHP_SNAPSHOT);
	m->u.snapshot.gates[0].hist[1] = INFINITY;
	tp_refuse(sb, m, 0, FOHP_ERANGE, "gates[0].hist[1]");
	pf_build(m, FOHP_SNAPSHOT);
	m->u.snapshot.ngates = FOHP_GATES_MAX + 1;
	tp_refuse(sb, m, 0, FOHP_ETOOLONG, "gates");
	assert_int_equal(sb->size, 4);

	pf_build(m, FOHP_ALERT);
	m->u.alert.window[3] = NAN;
	tp_refuse(sb, m, 1, FOHP_ERANGE, "window[3]");
	pf_build(m, FOHP_ALERT);
	m->u.alert.nwindow = FOHP_WINDOW_MAX + 1;
	tp_refuse(sb, m, 1, FOHP_ETOOLONG, "window");
	pf_build(m, FOHP_ALERT);
	m->u.alert.ncontrib = FOHP_CONTRIB_MAX + 1;
	tp_refuse(sb, m, 1, FOHP_ETOOLONG, "contrib");
	pf_build(m, FOHP_ALERT);
	m->u.alert.nops = FOHP_ALERT_HIST_MAX + 1;
	tp_refuse(sb, m, 1, FOHP_ETOOLONG, "ops");
	pf_build(m, FOHP_ALERT);
	m->u.alert.ops[1].op[0] = '\0';
	tp_refuse(sb, m, 1, FOHP_ERANGE, "ops[1].op");
	pf_build(m, FOHP_ALERT);
	m->u.alert.fc_eta_s = -1;
	tp_refuse(sb, m, 1, FOHP_ERANGE, "fc_eta_s");
	pf_build(m, FOHP_ALERT);
	m->u.alert.fc_r2 = NAN;
	tp_refuse(sb, m, 1, FOHP_ERANGE, "fc_r2");
	pf_build(m, FOHP_ALERT);
	m->u.alert.rkind = FOHP_RK_COUNT;
	tp_refuse(sb, m, 1, FOHP_ERANGE, "rkind");
	pf_build(m, FOHP_ALERT);
	m->u.alert.fc_state = FOHP_FC_COUNT;
	tp_refuse(sb, m, 1, FOHP_ERANGE, "fc_state");
	pf_build(m, FOHP_ALERT);
	memset(m->u.alert.words, 'w', sizeof m->u.alert.words);	/* no NUL */
	tp_refuse(sb, m, 1, FOHP_ETOOLONG, "words");
	pf_build(m, FOHP_REPLY);
	strcpy(m->u.reply.status, "ok");
	tp_refuse(sb, m, 0, FOHP_ERANGE, "status");
	pf_build(m, FOHP_REPLY);
	m->u.reply.alert.contrib[1].value = INFINITY;
	tp_refuse(sb, m, 0, FOHP_ERANGE, "alert.contrib[1].value");
	m->u.reply.has_alert = 0;		/* not sent, so not checked */
	assert_int_equal(fohp_encode(sb, m, 0, &fx->err), FOHP_OK);
	sb->size = 4;
	pf_build(m, FOHP_ACTION);
	m->u.action.action[0] = '\0';
	tp_refuse(sb, m, 1, FOHP_ERANGE, "action");
	pf_build(m, FOHP_REQUEST);
	memset(m->u.request.comment, 'c', sizeof m->u.request.comment);
	tp_refuse(sb, m, 0, FOHP_ETOOLONG, "comment");
	assert_int_equal(sb->size, 4);

	pf_build(m, FOHP_ZONE);
	m->kind = FOHP_KIND_COUNT;
	tp_refuse(sb, m, 0, FOHP_EKIND, NULL);
	m->kind = FOHP_UNKNOWN;
	tp_refuse(sb, m, 0, FOHP_EKIND, NULL);

	pf_build(m, FOHP_ZONE);
	m->v = 2;
	tp_refuse(sb, m, 0, FOHP_EVERSION, NULL);

	pf_build(m, FOHP_REQUEST);		/* no venue: no topic */
	assert_int_not_equal(fohp_encode(sb, m, 1, &fx->err), FOHP_OK);
	assert_int_equal(sb->size, 4);
	assert_int_equal(fohp_encode(sb, m, 0, NULL), FOHP_OK);
	assert_true(sb->size > 4);
}

/* Run the tests of names, round trips and the encoder. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_topic),
		PA_TEST(test_roundtrip),
		PA_TEST(test_snapshot_full),
		PA_TEST(test_new_keys),
		PA_TEST(test_old_snapshot),
		PA_TEST(test_alerts),
		PA_TEST(test_encode_errors),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
