/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-proto.c: tests of the wire codec (proto/codec.c).
 *
 * Round trips of every kind, a table of malformed inputs with the error code
 * and field each must give, a check that warm decoding allocates nothing,
 * and a byte-flipping loop that must never crash (run it under ASan).
 *
 * Malformed inputs are made from a valid message: it is encoded, unpacked
 * with msgpack-c, and packed again with one value replaced, removed or
 * added (tp_repack), so each case names only what it breaks.
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

#include "proto/foh-proto.h"

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

/* Fill the envelope of m. */
static void
tp_envelope(struct fohp_msg *m, enum fohp_kind kind)
{
	memset(m, 0, sizeof *m);
	m->v = FOHP_VERSION;
	strcpy(m->venue, "arena");
	m->seq = 42;
	m->epoch = 1718000000000ull;
	m->ts_ms = 1718000012345ull;
	m->kind = kind;
}

/* A hello body. */
static void
tp_hello(struct fohp_hello *h)
{
	strcpy(h->agent, "fohd 0.1.0");
	strcpy(h->name, "Main Arena");
	h->hb_ms = 1000;
	h->uptime_ms = 12345;
}

/* A layout body with n zones on a 32x20 grid. */
static void
tp_layout(struct fohp_layout *l, uint16_t n)
{
	struct fohp_zone_def	*z;
	uint16_t		 i;

	strcpy(l->name, "Main Arena");
	l->grid_w = 32;
	l->grid_h = 20;
	l->nzones = n;
	for (i = 0; i < n; i++) {
		z = &l->zones[i];
		snprintf(z->id, sizeof z->id, "z%u", i);
		snprintf(z->name, sizeof z->name, "Zone %u", i);
		z->x = i % 32;
		z->y = (i / 32) % 20;
		z->w = 1;
		z->h = 1;
		z->area_m2 = 12.5 + i;
		z->kind = (enum fohp_zone_kind)(i % FOHP_ZK_COUNT);
		z->capacity = i % 2 ? 100 * i : 0;
	}
}

/* A zone sample. */
static void
tp_zone(struct fohp_zone *z, int i)
{
	snprintf(z->zone, sizeof z->zone, "z%d", i);
	z->count = 37 + (uint32_t)i;
	z->density = 1.25;
	z->band = 'D';
	z->t_ms = 1718000012000ull;
}

/* Fill a hist array with n values from v0 in steps of dv. */
static void
tp_hist(uint8_t *nhist, float *hist, int n, double v0, double dv)
{
	int	j;

	*nhist = (uint8_t)n;
	for (j = 0; j < n; j++)
		hist[j] = (float)(v0 + j * dv);
}

/* A gate sample. */
static void
tp_gate(struct fohp_gate *g, int i)
{
	snprintf(g->gate, sizeof g->gate, "gate-%d", i);
	snprintf(g->name, sizeof g->name, "Gate %d", i);
	g->in = 120 + (uint32_t)i;
	g->out = 8;
	g->interval_ms = 60000;
	g->flow_pmm = 28.25;
	g->los = 'B';
	g->use = 28.25 / 82;
	g->t_ms = 1718000012000ull;
}

/* The optional keys of an equipment sample, with nf flags. */
static void
tp_equip_more(struct fohp_equip *e, int i, uint8_t nf)
{
	uint8_t	j;

	snprintf(e->name, sizeof e->name, "Projector %d", i);
	e->nflags = nf;
	for (j = 0; j < nf; j++) {
		snprintf(e->flags[j].name, sizeof e->flags[j].name, "flag%u",
		    j);
		e->flags[j].status = (enum fohp_status)(j % FOHP_ST_COUNT);
	}
	e->wear = 1890.5;
	e->wear_limit = 2000;
	e->rul = FOHP_RUL_VALUE;
	e->rul_h = 109.5;
	e->hb_age_s = 4;
}

/* The optional keys of a drift sample. */
static void
tp_drift_more(struct fohp_drift *d, int i)
{
	snprintf(d->name, sizeof d->name, "Head counter %d", i);
	d->level = FOHP_DL_MAJOR;
	d->ref_n = 500;
	d->cur_n = 480;
}

/* An equipment sample with n metrics. */
static void
tp_equip(struct fohp_equip *e, int i, uint8_t n)
{
	uint8_t	j;

	snprintf(e->device, sizeof e->device, "proj-%d", i);
	strcpy(e->dkind, "projector");
	e->status = FOHP_ST_WARNING;
	e->nmetrics = n;
	for (j = 0; j < n; j++) {
		snprintf(e->metrics[j].name, sizeof e->metrics[j].name,
		    "temp%u", j);
		e->metrics[j].value = 41.5 + j;
		strcpy(e->metrics[j].unit, "C");
	}
}

/* A drift sample with n features. */
static void
tp_drift(struct fohp_drift *d, int i, uint8_t n)
{
	uint8_t	j;

	snprintf(d->model, sizeof d->model, "counter-%d", i);
	strcpy(d->version, "2024.06");
	strcpy(d->method, "psi");
	d->score = 0.3;
	d->warn = 0.1;
	d->crit = 0.25;
	d->nfeatures = n;
	for (j = 0; j < n; j++) {
		snprintf(d->features[j].name, sizeof d->features[j].name,
		    "f%u", j);
		d->features[j].score = 0.3 / (j + 1);
	}
}

/* An alert. */
static void
tp_alert(struct fohp_alert *a, int i)
{
	a->id = 7 + (uint64_t)i;
	strcpy(a->rule, "density-high");
	strcpy(a->subject, "z3");
	a->severity = FOHP_SEV_CRITICAL;
	a->state = FOHP_AS_FIRING;
	strcpy(a->title, "Zone 3 density 4.2 p/m2 over 3.33");
	a->value = 4.25;
	a->threshold = 3.33;
	a->since_ms = 1718000011000ull;
}

/* An alert's explanation and history, as an agent fills them. */
static void
tp_alert_explain(struct fohp_alert *a)
{
	a->fingerprint = 0x5be0c2a9f13d7e64ull;
	a->rkind = FOHP_RK_THRESHOLD;
	strcpy(a->words, "Zone 3 density over 3.33 p/m2 for 30 s");
	strcpy(a->expr, "density > 3.33 for 30s");
	strcpy(a->unit, "p/m2");
	a->margin = 4.25 - 3.33;
	a->held_ms = 45000;
	a->window_step_ms = 10000;
	tp_hist(&a->nwindow, a->window, 6, 3.5, 0.125);
	a->fc_state = FOHP_FC_ALREADY;
	a->fc_slope = 0.75;
	a->fc_r2 = 0.96875;
	a->fc_horizon_s = 600;
	a->ncontrib = 2;
	strcpy(a->contrib[0].name, "gate:north");
	a->contrib[0].value = 41;
	strcpy(a->contrib[0].unit, "p/m/min");
	strcpy(a->contrib[0].note, "inflow");
	strcpy(a->contrib[1].name, "gate:east");
	a->contrib[1].value = 0;		/* required: still sent */
	strcpy(a->source, "crowd-counter 2024.06");
	strcpy(a->action, "Hold entry at the north gate");
	a->escalated = 1;
	strcpy(a->acked_by, "ana");
	a->acked_ms = 1718000011500ull;
	a->ack_expires_ms = 1718000611500ull;
	a->nops = 2;
	a->ops[0].t_ms = 1718000011200ull;
	strcpy(a->ops[0].op, "escalate");
	a->ops[1].t_ms = 1718000011500ull;
	strcpy(a->ops[1].op, "ack");
	strcpy(a->ops[1].operator_name, "ana");
	strcpy(a->ops[1].note, "Stewards on their way");
}

/* An alert with every field at its limit: longest strings, full arrays. */
static void
tp_alert_full(struct fohp_alert *a, int i)
{
	int	j;

	memset(a, 0, sizeof *a);
	tp_alert(a, i);
	memset(a->rule, 'r', FOHP_ID_MAX - 1);
	memset(a->subject, 's', FOHP_ID_MAX - 1);
	memset(a->title, 't', FOHP_TEXT_MAX - 1);
	a->id = UINT64_MAX - (uint64_t)i;
	a->since_ms = UINT64_MAX;
	a->fingerprint = UINT64_MAX;
	a->rkind = FOHP_RK_EXTERNAL;
	memset(a->words, 'w', FOHP_TEXT_MAX - 1);
	memset(a->expr, 'e', FOHP_NAME_MAX - 1);
	memset(a->unit, 'u', FOHP_UNIT_MAX - 1);
	a->margin = -1.7976931348623157e308;
	a->held_ms = UINT64_MAX;
	a->window_step_ms = UINT32_MAX;
	tp_hist(&a->nwindow, a->window, FOHP_WINDOW_MAX, -3e38, 1e37);
	a->fc_state = FOHP_FC_COUNT - 1;
	a->fc_slope = -1e300;
	a->fc_r2 = 1.0 / 3;
	a->fc_eta_s = 1.7976931348623157e308;
	a->fc_horizon_s = 1e300;
	a->ncontrib = FOHP_CONTRIB_MAX;
	for (j = 0; j < FOHP_CONTRIB_MAX; j++) {
		memset(a->contrib[j].name, 'c', FOHP_ID_MAX - 1);
		a->contrib[j].value = 1.0 / (j + 3);
		memset(a->contrib[j].unit, 'u', FOHP_UNIT_MAX - 1);
		memset(a->contrib[j].note, 'n', FOHP_NAME_MAX - 1);
	}
	memset(a->source, 'p', FOHP_NAME_MAX - 1);
	memset(a->action, 'a', FOHP_TEXT_MAX - 1);
	a->escalated = UINT8_MAX;
	memset(a->acked_by, 'o', FOHP_ID_MAX - 1);
	a->acked_ms = UINT64_MAX;
	a->ack_expires_ms = UINT64_MAX;
	memset(a->shelved_by, 'o', FOHP_ID_MAX - 1);
	a->shelved_until_ms = UINT64_MAX;
	a->resolved_ms = UINT64_MAX;
	a->nops = FOHP_ALERT_HIST_MAX;
	for (j = 0; j < FOHP_ALERT_HIST_MAX; j++) {
		a->ops[j].t_ms = UINT64_MAX - (uint64_t)j;
		memset(a->ops[j].op, 'q', sizeof a->ops[j].op - 1);
		memset(a->ops[j].operator_name, 'o', FOHP_ID_MAX - 1);
		memset(a->ops[j].note, 'n', FOHP_NOTE_MAX - 1);
	}
}

/* A 3x2 raster at 1,1 with fractional cells, as a density model gives. */
static void
tp_raster(struct fohp_raster *r)
{
	unsigned	i;

	r->x = 1;
	r->y = 1;
	r->cols = 3;
	r->rows = 2;
	r->t_ms = 1700000000500ULL;
	r->ncells = 6;
	for (i = 0; i < 6; i++)
		r->cells[i] = 0.5f * (float)i;
}

/* A valid message of each kind. */
static void
tp_build(struct fohp_msg *m, enum fohp_kind kind)
{
	struct fohp_snapshot	*s = &m->u.snapshot;

	tp_envelope(m, kind);
	switch (kind) {
	case FOHP_HELLO:
	case FOHP_HEARTBEAT:
		tp_hello(&m->u.hello);
		break;
	case FOHP_LAYOUT:
		tp_layout(&m->u.layout, 3);
		break;
	case FOHP_ZONE:
		tp_zone(&m->u.zone, 3);
		break;
	case FOHP_EQUIP:
		tp_equip(&m->u.equip, 1, 2);
		tp_equip_more(&m->u.equip, 1, 3);
		break;
	case FOHP_DRIFT:
		tp_drift(&m->u.drift, 1, 2);
		tp_drift_more(&m->u.drift, 1);
		break;
	case FOHP_GATE:
		tp_gate(&m->u.gate, 1);
		break;
	case FOHP_RASTER:
		tp_raster(&m->u.raster);
		break;
	case FOHP_ALERT:
		tp_alert(&m->u.alert, 0);
		tp_alert_explain(&m->u.alert);
		break;
	case FOHP_ACTION:
		m->u.action.alert = 7;
		strcpy(m->u.action.rule, "density-high");
		strcpy(m->u.action.subject, "z3");
		strcpy(m->u.action.action, "Hold entry at the north gate");
		strcpy(m->u.action.operator_name, "ana");
		break;
	case FOHP_REPLY:
		m->u.reply.id = 9;
		strcpy(m->u.reply.status, "done");
		strcpy(m->u.reply.text, "alert 7 acknowledged");
		m->u.reply.has_alert = 1;
		tp_alert(&m->u.reply.alert, 0);
		tp_alert_explain(&m->u.reply.alert);
		break;
	case FOHP_SNAPSHOT:
		tp_hello(&s->hello);
		tp_layout(&s->layout, 2);
		s->nzones = 2;
		tp_zone(&s->zones[0], 0);
		tp_hist(&s->zones[0].nhist, s->zones[0].hist, 3, 1.0, 0.125);
		s->zones[0].hist_step_ms = 5000;
		tp_zone(&s->zones[1], 1);
		tp_hist(&s->zones[1].nhist, s->zones[1].hist, 2, 1.25, 0);
		s->ngates = 1;
		tp_gate(&s->gates[0], 0);
		tp_hist(&s->gates[0].nhist, s->gates[0].hist, 2, 20, 4.25);
		s->nequip = 1;
		tp_equip(&s->equip[0], 1, 1);
		tp_equip_more(&s->equip[0], 1, 2);
		tp_hist(&s->equip[0].nhist, s->equip[0].hist, 2, 1889, 1.5);
		s->ndrift = 1;
		tp_drift(&s->drift[0], 1, 1);
		tp_drift_more(&s->drift[0], 1);
		tp_hist(&s->drift[0].nhist, s->drift[0].hist, 2, 0.25, 0.0625);
		s->nalerts = 2;
		tp_alert(&s->alerts[0], 0);
		tp_alert(&s->alerts[1], 1);
		tp_alert_explain(&s->alerts[1]);
		s->has_raster = 1;
		tp_raster(&s->raster);
		break;
	case FOHP_REQUEST:
		memset(m->venue, 0, sizeof m->venue);
		m->seq = m->epoch = m->ts_ms = 0;
		m->u.request.id = 9;
		strcpy(m->u.request.op, "snapshot");
		strcpy(m->u.request.operator_name, "ana");
		break;
	case FOHP_ERROR:
		m->u.error.id = 9;
		strcpy(m->u.error.code, "unsupported");
		strcpy(m->u.error.field, "op");
		strcpy(m->u.error.text, "request: op \"dance\" is not supported");
		break;
	default:
		break;
	}
}

/* Is this kind sent with a topic (stream) or bare (REQ/REP)? */
static int
tp_topic(enum fohp_kind kind)
{
	return (kind != FOHP_SNAPSHOT && kind != FOHP_REQUEST &&
	    kind != FOHP_ERROR && kind != FOHP_REPLY);
}

/* Encode m into sb (cleared first) and assert success. */
static void
tp_encode(msgpack_sbuffer *sb, const struct fohp_msg *m, int topic)
{
	struct fohp_err	err;
	int		rv;

	msgpack_sbuffer_clear(sb);
	rv = fohp_encode(sb, m, topic, &err);
	if (rv != FOHP_OK)
		fail_msg("encode %s: %s", fohp_kind_name(m->kind), err.text);
}

/* Encode m (with its topic if a stream kind), decode it, compare. */
static void
tp_roundtrip(struct fohp_decoder *dec, msgpack_sbuffer *sb,
    const struct fohp_msg *m, struct fohp_msg *out)
{
	struct fohp_err	err;
	int		rv;

	tp_encode(sb, m, tp_topic(m->kind));
	memset(out, 0, sizeof *out);
	rv = fohp_decode(dec, sb->data, sb->size, tp_topic(m->kind), out,
	    &err);
	if (rv != FOHP_OK)
		fail_msg("%s: %s", fohp_kind_name(m->kind), err.text);
	assert_memory_equal(m, out, sizeof *m);
}

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
	struct fohp_decoder	 dec;
	struct fohp_err		 err;
	struct fohp_msg		*in, *out;
	msgpack_sbuffer		 sb;
	int			 k, topic, rv;

	(void)state;
	in = calloc(1, sizeof *in);
	out = calloc(1, sizeof *out);
	assert_non_null(in);
	assert_non_null(out);
	msgpack_sbuffer_init(&sb);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);
	for (k = 1; k < FOHP_KIND_COUNT; k++) {
		for (topic = 0; topic <= 1; topic++) {
			if (topic && k == FOHP_REQUEST)
				continue;	/* no venue, so no topic */
			tp_build(in, (enum fohp_kind)k);
			tp_encode(&sb, in, topic);
			if (topic)
				assert_int_equal(sb.data[0], 'f');
			else
				assert_true((uint8_t)sb.data[0] >= 0x80);
			memset(out, 0, sizeof *out);
			rv = fohp_decode(&dec, sb.data, sb.size, topic, out,
			    &err);
			if (rv != FOHP_OK)
				fail_msg("%s topic %d: %s", fohp_kind_name(k),
				    topic, err.text);
			assert_int_equal(out->kind, k);
			assert_memory_equal(in, out, sizeof *in);
			/* A stream message read with the wrong topic mode. */
			rv = fohp_decode(&dec, sb.data, sb.size, !topic, out,
			    &err);
			assert_int_not_equal(rv, FOHP_OK);
		}
	}
	assert_int_equal(dec.unknown, 0);
	fohp_decoder_fini(&dec);
	msgpack_sbuffer_destroy(&sb);
	free(in);
	free(out);
}

/* Does the msgpack map in sb (after any topic) have this key at its top? */
static int
tp_has_key(const msgpack_sbuffer *sb, const char *key)
{
	msgpack_zone	z;
	msgpack_object	obj;
	size_t		off = 0;
	uint32_t	i;
	int		found = 0;

	if ((uint8_t)sb->data[0] < 0x80)
		off = strlen(sb->data) + 1;
	msgpack_zone_init(&z, 4096);
	assert_int_equal(msgpack_unpack(sb->data, sb->size, &off, &z, &obj),
	    MSGPACK_UNPACK_SUCCESS);
	assert_int_equal(obj.type, MSGPACK_OBJECT_MAP);
	for (i = 0; i < obj.via.map.size; i++) {
		const msgpack_object *k = &obj.via.map.ptr[i].key;
		if (k->via.str.size == strlen(key) &&
		    memcmp(k->via.str.ptr, key, k->via.str.size) == 0)
			found = 1;
	}
	msgpack_zone_destroy(&z);
	return (found);
}

/* The keys added within v1: gate, equip and drift extras, hist arrays. */
static void
test_new_keys(void **state)
{
	static const char *const extra[] = {
		"name", "flags", "wear", "wear_limit", "rul", "rul_h",
		"hb_age_s", "hist", "level", "ref_n", "cur_n"
	};
	struct fohp_decoder	 dec;
	struct fohp_msg		*in, *out;
	msgpack_sbuffer		 sb;
	size_t			 i;
	int			 r;

	(void)state;
	in = calloc(1, sizeof *in);
	out = calloc(1, sizeof *out);
	assert_non_null(in);
	assert_non_null(out);
	msgpack_sbuffer_init(&sb);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);

	/* Every hist at its limit, in stream messages too. */
	tp_build(in, FOHP_ZONE);
	tp_hist(&in->u.zone.nhist, in->u.zone.hist, FOHP_HIST_MAX, 0, 1.0 / 3);
	in->u.zone.hist[FOHP_HIST_MAX - 1] = (float)FOHP_DENSITY_MAX;
	tp_roundtrip(&dec, &sb, in, out);
	assert_int_equal(out->u.zone.nhist, FOHP_HIST_MAX);
	tp_build(in, FOHP_GATE);
	tp_hist(&in->u.gate.nhist, in->u.gate.hist, FOHP_HIST_MAX, 0, 2.5);
	tp_roundtrip(&dec, &sb, in, out);
	assert_string_equal(out->u.gate.name, "Gate 1");
	assert_int_equal(out->u.gate.los, 'B');
	tp_build(in, FOHP_EQUIP);
	tp_equip_more(&in->u.equip, 1, FOHP_FLAGS_MAX);
	tp_hist(&in->u.equip.nhist, in->u.equip.hist, FOHP_HIST_MAX, -5, 0.5);
	tp_roundtrip(&dec, &sb, in, out);
	assert_int_equal(out->u.equip.nflags, FOHP_FLAGS_MAX);
	assert_int_equal(out->u.equip.flags[3].status, FOHP_ST_OFFLINE);
	tp_build(in, FOHP_DRIFT);
	tp_hist(&in->u.drift.nhist, in->u.drift.hist, FOHP_HIST_MAX, 0, 0.01);
	tp_roundtrip(&dec, &sb, in, out);

	/* Every rul state and drift level. */
	for (r = 0; r < FOHP_RUL_COUNT; r++) {
		tp_build(in, FOHP_EQUIP);
		in->u.equip.rul = (enum fohp_rul)r;
		tp_roundtrip(&dec, &sb, in, out);
		assert_int_equal(tp_has_key(&sb, "rul"), r != FOHP_RUL_UNSET);
	}
	for (r = 0; r < FOHP_DL_COUNT; r++) {
		tp_build(in, FOHP_DRIFT);
		in->u.drift.level = (enum fohp_drift_level)r;
		tp_roundtrip(&dec, &sb, in, out);
		assert_int_equal(tp_has_key(&sb, "level"), r != FOHP_DL_NONE);
	}

	/* Without the optional keys, none of them goes on the wire. */
	tp_build(in, FOHP_EQUIP);
	memset(in, 0, sizeof *in);
	tp_envelope(in, FOHP_EQUIP);
	tp_equip(&in->u.equip, 1, 2);
	tp_roundtrip(&dec, &sb, in, out);
	for (i = 0; i < nitems(extra); i++)
		assert_false(tp_has_key(&sb, extra[i]));
	tp_envelope(in, FOHP_DRIFT);
	tp_drift(&in->u.drift, 1, 2);
	tp_roundtrip(&dec, &sb, in, out);
	for (i = 0; i < nitems(extra); i++)
		assert_false(tp_has_key(&sb, extra[i]));
	assert_int_equal(out->u.drift.level, FOHP_DL_NONE);
	tp_envelope(in, FOHP_GATE);
	tp_gate(&in->u.gate, 1);
	memset(in->u.gate.name, 0, sizeof in->u.gate.name);
	in->u.gate.in = in->u.gate.out = 0;	/* required: still sent */
	in->u.gate.flow_pmm = in->u.gate.use = 0;
	in->u.gate.los = 'A';
	tp_roundtrip(&dec, &sb, in, out);
	assert_false(tp_has_key(&sb, "name"));
	assert_false(tp_has_key(&sb, "hist"));
	assert_true(tp_has_key(&sb, "in"));
	assert_true(tp_has_key(&sb, "flow_pmm"));

	/* A snapshot always carries gates, even none. */
	tp_build(in, FOHP_SNAPSHOT);
	in->u.snapshot.ngates = 0;
	memset(in->u.snapshot.gates, 0, sizeof in->u.snapshot.gates);
	tp_roundtrip(&dec, &sb, in, out);
	assert_true(tp_has_key(&sb, "gates"));
	assert_int_equal(dec.rejected, 0);

	fohp_decoder_fini(&dec);
	msgpack_sbuffer_destroy(&sb);
	free(in);
	free(out);
}

/*
 * A snapshot as an agent from before the additions sends it: no gates key
 * and none of the new keys in its maps. It decodes, with zeroes for them.
 */
static void
test_old_snapshot(void **state)
{
	struct fohp_decoder	 dec;
	struct fohp_err		 err;
	struct fohp_msg		*in, *out;
	struct fohp_snapshot	*s;
	msgpack_sbuffer		 sb, old;
	msgpack_packer		 pk;
	msgpack_zone		 z;
	msgpack_object		 obj;
	size_t			 off = 0;
	uint32_t		 i;

	(void)state;
	in = calloc(1, sizeof *in);
	out = calloc(1, sizeof *out);
	assert_non_null(in);
	assert_non_null(out);
	msgpack_sbuffer_init(&sb);
	msgpack_sbuffer_init(&old);
	msgpack_zone_init(&z, 4096);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);

	/* Old-style maps: encoded without the new optional keys. */
	tp_envelope(in, FOHP_SNAPSHOT);
	s = &in->u.snapshot;
	tp_hello(&s->hello);
	tp_layout(&s->layout, 2);
	s->nzones = 2;
	tp_zone(&s->zones[0], 0);
	tp_zone(&s->zones[1], 1);
	s->nequip = 1;
	tp_equip(&s->equip[0], 1, 1);
	s->ndrift = 1;
	tp_drift(&s->drift[0], 1, 1);
	tp_encode(&sb, in, 0);
	assert_int_equal(msgpack_unpack(sb.data, sb.size, &off, &z, &obj),
	    MSGPACK_UNPACK_SUCCESS);

	/* Pack it again without "gates". */
	msgpack_packer_init(&pk, &old, msgpack_sbuffer_write);
	msgpack_pack_map(&pk, obj.via.map.size - 1);
	for (i = 0; i < obj.via.map.size; i++) {
		const msgpack_object_kv *kv = &obj.via.map.ptr[i];
		if (kv->key.via.str.size == 5 &&
		    memcmp(kv->key.via.str.ptr, "gates", 5) == 0)
			continue;
		msgpack_pack_object(&pk, kv->key);
		msgpack_pack_object(&pk, kv->val);
	}
	assert_int_equal(old.size, sb.size - 7);	/* "gates" and [] */

	memset(out, 0xa5, sizeof *out);
	assert_int_equal(fohp_decode(&dec, old.data, old.size, 0, out, &err),
	    FOHP_OK);
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

	fohp_decoder_fini(&dec);
	msgpack_zone_destroy(&z);
	msgpack_sbuffer_destroy(&sb);
	msgpack_sbuffer_destroy(&old);
	free(in);
	free(out);
}

/* A snapshot full to every limit, with the longest strings. */
static void
tp_snapshot_full(struct fohp_msg *in)
{
	struct fohp_snapshot	*s;
	int			 i;

	tp_envelope(in, FOHP_SNAPSHOT);
	s = &in->u.snapshot;
	tp_hello(&s->hello);
	tp_layout(&s->layout, FOHP_ZONES_MAX);
	for (i = 0; i < FOHP_ZONES_MAX; i++) {
		memset(s->layout.zones[i].name, 'n', FOHP_NAME_MAX - 1);
		tp_zone(&s->zones[i], i);
		tp_hist(&s->zones[i].nhist, s->zones[i].hist, FOHP_HIST_MAX,
		    0.1, 0.3);
	}
	s->nzones = FOHP_ZONES_MAX;
	for (i = 0; i < FOHP_GATES_MAX; i++) {
		tp_gate(&s->gates[i], i);
		memset(s->gates[i].gate, 'g', FOHP_ID_MAX - 1);
		s->gates[i].gate[FOHP_ID_MAX - 2] = (char)('a' + i % 26);
		memset(s->gates[i].name, 'n', FOHP_NAME_MAX - 1);
		tp_hist(&s->gates[i].nhist, s->gates[i].hist, FOHP_HIST_MAX,
		    1e-3, 1.7);
	}
	s->ngates = FOHP_GATES_MAX;
	for (i = 0; i < FOHP_DEVICES_MAX; i++) {
		tp_equip(&s->equip[i], i, FOHP_METRICS_MAX);
		tp_equip_more(&s->equip[i], i, FOHP_FLAGS_MAX);
		memset(s->equip[i].name, 'n', FOHP_NAME_MAX - 1);
		tp_hist(&s->equip[i].nhist, s->equip[i].hist, FOHP_HIST_MAX,
		    -3.3e6, 1.1e5);
	}
	s->nequip = FOHP_DEVICES_MAX;
	for (i = 0; i < FOHP_MODELS_MAX; i++) {
		tp_drift(&s->drift[i], i, FOHP_FEATURES_MAX);
		tp_drift_more(&s->drift[i], i);
		memset(s->drift[i].name, 'n', FOHP_NAME_MAX - 1);
		tp_hist(&s->drift[i].nhist, s->drift[i].hist, FOHP_HIST_MAX,
		    0.01, 1.0 / 3);
	}
	s->ndrift = FOHP_MODELS_MAX;
	for (i = 0; i < FOHP_ALERTS_MAX; i++)
		tp_alert_full(&s->alerts[i], i);
	s->nalerts = FOHP_ALERTS_MAX;

}

/* A snapshot full to every limit, with the longest strings, round-trips. */
static void
test_snapshot_full(void **state)
{
	struct fohp_decoder	 dec;
	struct fohp_err		 err;
	struct fohp_msg		*in, *out;
	msgpack_sbuffer		 sb;

	(void)state;
	in = calloc(1, sizeof *in);
	out = calloc(1, sizeof *out);
	assert_non_null(in);
	assert_non_null(out);
	tp_snapshot_full(in);
	msgpack_sbuffer_init(&sb);
	tp_encode(&sb, in, 0);
	assert_true(sb.size <= FOHP_SNAPSHOT_MAX);
	assert_true(sb.size > FOHP_MSG_MAX);	/* too big for a stream */
	print_message("full snapshot: %zu bytes\n", sb.size);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);
	assert_int_equal(fohp_decode(&dec, sb.data, sb.size, 0, out, &err),
	    FOHP_OK);
	assert_memory_equal(in, out, sizeof *in);

	/* The same bytes claiming to be a stream kind are too large. */
	in->kind = FOHP_LAYOUT;
	in->u.layout = out->u.snapshot.layout;
	tp_encode(&sb, in, 1);
	assert_true(sb.size <= FOHP_MSG_MAX);
	assert_int_equal(fohp_decode(&dec, sb.data, sb.size, 1, out, &err),
	    FOHP_OK);
	assert_int_equal(out->u.layout.nzones, FOHP_ZONES_MAX);
	fohp_decoder_fini(&dec);
	msgpack_sbuffer_destroy(&sb);
	free(in);
	free(out);
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
	struct fohp_decoder	 dec;
	struct fohp_err		 err;
	struct fohp_msg		*in, *out;
	struct fohp_request	*r;
	msgpack_sbuffer		 sb;
	size_t			 i, j;
	int			 k;

	(void)state;
	in = calloc(1, sizeof *in);
	out = calloc(1, sizeof *out);
	assert_non_null(in);
	assert_non_null(out);
	msgpack_sbuffer_init(&sb);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);

	/* A fully loaded alert fits a stream message, and round-trips. */
	tp_envelope(in, FOHP_ALERT);
	tp_alert_full(&in->u.alert, 0);
	tp_roundtrip(&dec, &sb, in, out);
	print_message("full alert: %zu bytes\n", sb.size);
	assert_true(sb.size <= FOHP_MSG_MAX);
	for (i = 0; i < nitems(tp_alert_keys); i++)
		assert_true(tp_has_key(&sb, tp_alert_keys[i]));
	assert_int_equal(out->u.alert.nwindow, FOHP_WINDOW_MAX);
	assert_int_equal(out->u.alert.ncontrib, FOHP_CONTRIB_MAX);
	assert_int_equal(out->u.alert.nops, FOHP_ALERT_HIST_MAX);
	assert_int_equal(out->u.alert.escalated, UINT8_MAX);
	assert_int_equal(strlen(out->u.alert.ops[15].note), FOHP_NOTE_MAX - 1);

	/* ...and so does a reply carrying it. */
	tp_envelope(in, FOHP_REPLY);
	in->u.reply.id = UINT64_MAX;
	strcpy(in->u.reply.status, "unchanged");
	memset(in->u.reply.text, 'x', FOHP_TEXT_MAX - 1);
	in->u.reply.has_alert = 1;
	tp_alert_full(&in->u.reply.alert, 1);
	tp_roundtrip(&dec, &sb, in, out);
	assert_true(sb.size <= FOHP_MSG_MAX);
	assert_int_equal(out->u.reply.has_alert, 1);

	/* A reply without an alert: no key; decodes as has_alert 0. */
	tp_envelope(in, FOHP_REPLY);
	in->u.reply.id = 4;
	strcpy(in->u.reply.status, "done");
	tp_encode(&sb, in, 0);
	assert_false(tp_has_key(&sb, "alert"));
	assert_false(tp_has_key(&sb, "text"));
	assert_true(tp_has_key(&sb, "status"));
	memset(out, 0xa5, sizeof *out);
	assert_int_equal(fohp_decode(&dec, sb.data, sb.size, 0, out, &err),
	    FOHP_OK);
	assert_int_equal(out->u.reply.id, 4);
	assert_string_equal(out->u.reply.status, "done");
	assert_string_equal(out->u.reply.text, "");
	assert_int_equal(out->u.reply.has_alert, 0);
	assert_memory_equal(&in->u.reply.alert, &out->u.reply.alert,
	    sizeof in->u.reply.alert);		/* zeroed */

	/* Every rule kind and forecast state; NONE is no key. */
	for (k = 0; k < FOHP_RK_COUNT; k++) {
		tp_build(in, FOHP_ALERT);
		in->u.alert.rkind = (enum fohp_rule_kind)k;
		tp_roundtrip(&dec, &sb, in, out);
		assert_int_equal(tp_has_key(&sb, "rkind"), k != FOHP_RK_NONE);
	}
	for (k = 0; k < FOHP_FC_COUNT; k++) {
		tp_build(in, FOHP_ALERT);
		in->u.alert.fc_state = (enum fohp_fc_state)k;
		tp_roundtrip(&dec, &sb, in, out);
		assert_int_equal(tp_has_key(&sb, "fc_state"),
		    k != FOHP_FC_NONE);
	}

	/* Every ack type, on the alert and on the ack; NONE is no key. */
	assert_string_equal(fohp_ack_type_name(FOHP_ACK_STICKY), "sticky");
	assert_string_equal(fohp_ack_type_name(FOHP_ACK_NONSTICKY),
	    "non-sticky");
	for (k = 0; k < FOHP_ACK_COUNT; k++) {
		tp_build(in, FOHP_ALERT);
		in->u.alert.ack_type = (enum fohp_ack_type)k;
		tp_roundtrip(&dec, &sb, in, out);
		assert_int_equal(tp_has_key(&sb, "ack_type"), k != FOHP_ACK_NONE);
		assert_int_equal(out->u.alert.ack_type, k);
		tp_build(in, FOHP_REQUEST);
		r = &in->u.request;
		memset(r->op, 0, sizeof r->op);
		strcpy(r->op, "ack");
		r->alert = 7;
		strcpy(r->comment, "Stewards on their way");
		r->ack_type = (enum fohp_ack_type)k;
		tp_roundtrip(&dec, &sb, in, out);
		assert_int_equal(tp_has_key(&sb, "ack_type"), k != FOHP_ACK_NONE);
		assert_int_equal(out->u.request.ack_type, k);
	}

	/* An alert as an old agent sends it: none of the new keys. */
	tp_envelope(in, FOHP_ALERT);
	tp_alert(&in->u.alert, 0);
	tp_encode(&sb, in, 1);
	for (i = 0; i < nitems(tp_alert_keys); i++)
		assert_false(tp_has_key(&sb, tp_alert_keys[i]));
	memset(out, 0xa5, sizeof *out);
	assert_int_equal(fohp_decode(&dec, sb.data, sb.size, 1, out, &err),
	    FOHP_OK);
	assert_int_equal(out->u.alert.id, 7);
	assert_string_equal(out->u.alert.title, in->u.alert.title);
	tp_alert_bare(&out->u.alert);

	/* An action, full and with only what it needs. */
	tp_build(in, FOHP_ACTION);
	tp_roundtrip(&dec, &sb, in, out);
	assert_true(tp_has_key(&sb, "operator"));
	tp_envelope(in, FOHP_ACTION);
	in->u.action.alert = 0;
	strcpy(in->u.action.action, "Open the east pen");
	tp_roundtrip(&dec, &sb, in, out);
	assert_true(tp_has_key(&sb, "alert"));		/* required: 0 sent */
	assert_false(tp_has_key(&sb, "rule"));
	assert_false(tp_has_key(&sb, "operator"));

	/* Requests of every op, with the fields each takes. */
	for (i = 0; i < nitems(rq); i++) {
		tp_build(in, FOHP_REQUEST);
		r = &in->u.request;
		r->id = 100 + i;
		memset(r->op, 0, sizeof r->op);
		strcpy(r->op, rq[i].op);
		r->alert = rq[i].alert;
		strcpy(r->comment, rq[i].comment);
		r->expiry_s = rq[i].expiry_s;
		r->duration_s = rq[i].duration_s;
		strcpy(r->reason, rq[i].reason);
		tp_roundtrip(&dec, &sb, in, out);
		assert_int_equal(tp_has_key(&sb, "alert"), rq[i].alert != 0);
		assert_int_equal(tp_has_key(&sb, "comment"),
		    *rq[i].comment != '\0');
		assert_int_equal(tp_has_key(&sb, "expiry_s"),
		    rq[i].expiry_s != 0);
		assert_int_equal(tp_has_key(&sb, "duration_s"),
		    rq[i].duration_s != 0);
		assert_int_equal(tp_has_key(&sb, "reason"),
		    *rq[i].reason != '\0');
	}
	/* The longest comment and reason, and the largest numbers. */
	tp_build(in, FOHP_REQUEST);
	r = &in->u.request;
	memset(r->op, 0, sizeof r->op);
	strcpy(r->op, "shelve");
	r->alert = UINT64_MAX;
	memset(r->comment, 'c', FOHP_NOTE_MAX - 1);
	memset(r->reason, 'r', FOHP_NOTE_MAX - 1);
	r->expiry_s = r->duration_s = UINT32_MAX;
	tp_roundtrip(&dec, &sb, in, out);
	for (j = 0; j < nitems(rqkeys); j++)
		assert_true(tp_has_key(&sb, rqkeys[j]));
	assert_int_equal(dec.rejected, 0);

	fohp_decoder_fini(&dec);
	msgpack_sbuffer_destroy(&sb);
	free(in);
	free(out);
}

/* Value writers for tp_repack: each packs one replacement value. */
typedef void (*tp_writer)(msgpack_packer *);

static void w_str(msgpack_packer *pk) { msgpack_pack_str_with_body(pk, "x", 1); }
static void w_int5(msgpack_packer *pk) { msgpack_pack_uint32(pk, 5); }
static void w_int2(msgpack_packer *pk) { msgpack_pack_uint32(pk, 2); }
static void w_zero(msgpack_packer *pk) { msgpack_pack_uint32(pk, 0); }
static void w_neg(msgpack_packer *pk) { msgpack_pack_int32(pk, -1); }
static void w_negf(msgpack_packer *pk) { msgpack_pack_double(pk, -0.5); }
static void w_nan(msgpack_packer *pk) { msgpack_pack_double(pk, NAN); }
static void w_inf(msgpack_packer *pk) { msgpack_pack_double(pk, INFINITY); }
static void w_f32(msgpack_packer *pk) { msgpack_pack_float(pk, 2.5f); }
static void w_float(msgpack_packer *pk) { msgpack_pack_double(pk, 3.0); }
static void w_dens25(msgpack_packer *pk) { msgpack_pack_double(pk, 25.0); }
static void w_countmax(msgpack_packer *pk)
{ msgpack_pack_uint32(pk, FOHP_COUNT_MAX + 1); }
static void w_countok(msgpack_packer *pk)
{ msgpack_pack_uint32(pk, FOHP_COUNT_MAX); }
static void w_u64big(msgpack_packer *pk) { msgpack_pack_uint64(pk, 1ull << 40); }
static void w_nil(msgpack_packer *pk) { msgpack_pack_nil(pk); }
static void w_bin(msgpack_packer *pk)
{ msgpack_pack_bin(pk, 5); msgpack_pack_bin_body(pk, "arena", 5); }
static void w_long32(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "abcdefghijklmnopqrstuvwxyz012345", 32); }
static void w_long31(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "abcdefghijklmnopqrstuvwxyz01234", 31); }
static void w_long64(msgpack_packer *pk)
{
	char	s[64];

	memset(s, 'n', sizeof s);
	msgpack_pack_str_with_body(pk, s, sizeof s);
}
static void w_upper(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "Arena", 5); }
static void w_empty(msgpack_packer *pk) { msgpack_pack_str_with_body(pk, "", 0); }
static void w_nulstr(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "z\0z", 3); }
static void w_bandG(msgpack_packer *pk) { msgpack_pack_str_with_body(pk, "G", 1); }
static void w_bandAB(msgpack_packer *pk) { msgpack_pack_str_with_body(pk, "AB", 2); }
static void w_bandA(msgpack_packer *pk) { msgpack_pack_str_with_body(pk, "A", 1); }
static void w_bogus(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "bogus", 5); }
static void w_grid0(msgpack_packer *pk)
{ msgpack_pack_array(pk, 2); msgpack_pack_uint32(pk, 0); msgpack_pack_uint32(pk, 10); }
static void w_grid300(msgpack_packer *pk)
{ msgpack_pack_array(pk, 2); msgpack_pack_uint32(pk, 300); msgpack_pack_uint32(pk, 10); }
static void w_grid1(msgpack_packer *pk)
{ msgpack_pack_array(pk, 1); msgpack_pack_uint32(pk, 10); }
static void w_rectout(msgpack_packer *pk)
{
	msgpack_pack_array(pk, 4);
	msgpack_pack_uint32(pk, 30);
	msgpack_pack_uint32(pk, 0);
	msgpack_pack_uint32(pk, 5);
	msgpack_pack_uint32(pk, 5);
}
static void w_rect0(msgpack_packer *pk)
{
	msgpack_pack_array(pk, 4);
	msgpack_pack_uint32(pk, 1);
	msgpack_pack_uint32(pk, 1);
	msgpack_pack_uint32(pk, 0);
	msgpack_pack_uint32(pk, 1);
}
/* One entry more than FOHP_ZONES_MAX, each an empty map. */
static void w_zones_many(msgpack_packer *pk)
{
	int	i;

	msgpack_pack_array(pk, FOHP_ZONES_MAX + 1);
	for (i = 0; i <= FOHP_ZONES_MAX; i++)
		msgpack_pack_map(pk, 0);
}
static void w_metrics_many(msgpack_packer *pk)
{
	int	i;

	msgpack_pack_array(pk, FOHP_METRICS_MAX + 1);
	for (i = 0; i <= FOHP_METRICS_MAX; i++)
		msgpack_pack_map(pk, 0);
}
static void w_flags_many(msgpack_packer *pk)
{
	int	i;

	msgpack_pack_array(pk, FOHP_FLAGS_MAX + 1);
	for (i = 0; i <= FOHP_FLAGS_MAX; i++) {
		msgpack_pack_map(pk, 2);
		msgpack_pack_str_with_body(pk, "name", 4);
		msgpack_pack_str_with_body(pk, "fan", 3);
		msgpack_pack_str_with_body(pk, "status", 6);
		msgpack_pack_str_with_body(pk, "ok", 2);
	}
}
static void w_rul_value(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "value", 5); }
static void w_rul_upper(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "Value", 5); }
static void w_level_major(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "major", 5); }
static void w_f64big(msgpack_packer *pk) { msgpack_pack_double(pk, 1e300); }
static void w_256(msgpack_packer *pk) { msgpack_pack_uint32(pk, 256); }
static void w_255(msgpack_packer *pk) { msgpack_pack_uint32(pk, 255); }
static void w_long127(msgpack_packer *pk)
{
	char	s[127];

	memset(s, 'c', sizeof s);
	msgpack_pack_str_with_body(pk, s, sizeof s);
}
static void w_long128(msgpack_packer *pk)
{
	char	s[128];

	memset(s, 'c', sizeof s);
	msgpack_pack_str_with_body(pk, s, sizeof s);
}
static void w_unchanged(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "unchanged", 9); }
static void w_done_case(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "Done", 4); }
static void w_crossing(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "crossing", 8); }
static void w_forecast(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "forecast", 8); }
static void w_nonsticky(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "non-sticky", 10); }
static void w_nonsticky_case(msgpack_packer *pk)
{ msgpack_pack_str_with_body(pk, "Non-Sticky", 10); }
/* n empty maps: an array is refused by its length before its entries. */
static void
w_maps_n(msgpack_packer *pk, int n)
{
	int	i;

	msgpack_pack_array(pk, (size_t)n);
	for (i = 0; i < n; i++)
		msgpack_pack_map(pk, 0);
}
static void w_contrib_many(msgpack_packer *pk)
{ w_maps_n(pk, FOHP_CONTRIB_MAX + 1); }
static void w_ops_many(msgpack_packer *pk)
{ w_maps_n(pk, FOHP_ALERT_HIST_MAX + 1); }
/* A hist of n values, one of them replaced by bad (if bad is set). */
static void
w_hist_n(msgpack_packer *pk, int n, void (*bad)(msgpack_packer *))
{
	int	i;

	msgpack_pack_array(pk, (size_t)n);
	for (i = 0; i < n; i++) {
		if (bad != NULL && i == 1)
			bad(pk);
		else
			msgpack_pack_float(pk, 0.25f * (float)i);
	}
}
static void w_hist60(msgpack_packer *pk) { w_hist_n(pk, FOHP_HIST_MAX, NULL); }
static void w_hist61(msgpack_packer *pk)
{ w_hist_n(pk, FOHP_HIST_MAX + 1, NULL); }
static void w_hist_empty(msgpack_packer *pk) { w_hist_n(pk, 0, NULL); }
static void w_hist_nan(msgpack_packer *pk) { w_hist_n(pk, 3, w_nan); }
static void w_hist_inf(msgpack_packer *pk) { w_hist_n(pk, 3, w_inf); }
static void w_hist_neg(msgpack_packer *pk) { w_hist_n(pk, 3, w_negf); }
static void w_hist_str(msgpack_packer *pk) { w_hist_n(pk, 3, w_str); }
static void w_hist_big(msgpack_packer *pk) { w_hist_n(pk, 3, w_f64big); }
static void w_hist_dens(msgpack_packer *pk) { w_hist_n(pk, 3, w_dens25); }
static void w_hist_ints(msgpack_packer *pk) { w_hist_n(pk, 3, w_int5); }
static void w_hist_f64(msgpack_packer *pk) { w_hist_n(pk, 3, w_float); }
static void w_win60(msgpack_packer *pk) { w_hist_n(pk, FOHP_WINDOW_MAX, NULL); }
static void w_win61(msgpack_packer *pk)
{ w_hist_n(pk, FOHP_WINDOW_MAX + 1, NULL); }
/* An array header claiming entries that are not there. */
static void w_zones_hdr(msgpack_packer *pk)
{ msgpack_pack_array(pk, FOHP_ZONES_MAX + 1); }
static void w_arr_2g(msgpack_packer *pk) { msgpack_pack_array(pk, 1u << 31); }
static void w_map_4g(msgpack_packer *pk) { msgpack_pack_map(pk, UINT32_MAX); }
static void w_int_list(msgpack_packer *pk)
{ msgpack_pack_array(pk, 1); msgpack_pack_uint32(pk, 1); }
/* Deeply nested arrays under an unknown key. */
static void w_deep(msgpack_packer *pk)
{
	int	i;

	for (i = 0; i < 40; i++)
		msgpack_pack_array(pk, 1);
	msgpack_pack_nil(pk);
}
/* Nesting the decoder accepts (forward compatibility). */
static void w_nested_ok(msgpack_packer *pk)
{
	msgpack_pack_map(pk, 1);
	msgpack_pack_str_with_body(pk, "a", 1);
	msgpack_pack_array(pk, 2);
	msgpack_pack_ext(pk, 3, 7);
	msgpack_pack_ext_body(pk, "abc", 3);
	msgpack_pack_bin(pk, 2);
	msgpack_pack_bin_body(pk, "xy", 2);
}

/*
 * Pack o again into pk, replacing the value at path ("zones/1/rect") with
 * w's, or removing the key if w is NULL. A path whose last key is absent
 * from its map adds the key there.
 */
static void
tp_repack(msgpack_packer *pk, const msgpack_object *o, const char *path,
    tp_writer w)
{
	const char	*slash;
	size_t		 n;
	uint32_t	 i, size, found = 0;
	char		 idx[16];

	if (path == NULL || *path == '\0') {
		msgpack_pack_object(pk, *o);
		return;
	}
	slash = strchr(path, '/');
	n = slash ? (size_t)(slash - path) : strlen(path);
	if (o->type == MSGPACK_OBJECT_ARRAY) {
		msgpack_pack_array(pk, o->via.array.size);
		for (i = 0; i < o->via.array.size; i++) {
			snprintf(idx, sizeof idx, "%u", i);
			if (strlen(idx) == n && memcmp(idx, path, n) == 0 &&
			    slash == NULL)
				w(pk);
			else if (strlen(idx) == n && memcmp(idx, path, n) == 0)
				tp_repack(pk, &o->via.array.ptr[i], slash + 1,
				    w);
			else
				msgpack_pack_object(pk, o->via.array.ptr[i]);
		}
		return;
	}
	assert_int_equal(o->type, MSGPACK_OBJECT_MAP);
	for (i = 0; i < o->via.map.size; i++) {
		const msgpack_object *k = &o->via.map.ptr[i].key;
		if (k->via.str.size == n && memcmp(k->via.str.ptr, path, n) == 0)
			found = 1;
	}
	size = o->via.map.size;
	if (!found && slash == NULL)
		size++;
	else if (found && slash == NULL && w == NULL)
		size--;
	msgpack_pack_map(pk, size);
	for (i = 0; i < o->via.map.size; i++) {
		const msgpack_object_kv *kv = &o->via.map.ptr[i];
		if (kv->key.via.str.size != n ||
		    memcmp(kv->key.via.str.ptr, path, n) != 0) {
			msgpack_pack_object(pk, kv->key);
			msgpack_pack_object(pk, kv->val);
		} else if (slash != NULL) {
			msgpack_pack_object(pk, kv->key);
			tp_repack(pk, &kv->val, slash + 1, w);
		} else if (w != NULL) {
			msgpack_pack_object(pk, kv->key);
			w(pk);
		}
	}
	if (!found && slash == NULL) {
		msgpack_pack_str_with_body(pk, path, n);
		if (w != NULL)
			w(pk);
		else
			msgpack_pack_nil(pk);
	}
}

/* A malformed (or oddly formed but valid) input and what it must give. */
struct tp_bad {
	const char	*name;
	enum fohp_kind	 kind;		/* valid message to start from */
	const char	*path;		/* value to change, NULL: none */
	tp_writer	 w;		/* its new value, NULL: remove it */
	int		 code;
	const char	*field;
};

static const struct tp_bad tp_bads[] = {
	{ "venue int", FOHP_ZONE, "venue", w_int5, FOHP_ETYPE, "venue" },
	{ "venue bin", FOHP_ZONE, "venue", w_bin, FOHP_ETYPE, "venue" },
	{ "venue 32 bytes", FOHP_ZONE, "venue", w_long32, FOHP_ETOOLONG,
	  "venue" },
	{ "venue upper case", FOHP_ZONE, "venue", w_upper, FOHP_ERANGE,
	  "venue" },
	{ "venue empty", FOHP_ZONE, "venue", w_empty, FOHP_ERANGE, "venue" },
	{ "venue missing", FOHP_ZONE, "venue", NULL, FOHP_EMISSING, "venue" },
	{ "seq str", FOHP_ZONE, "seq", w_str, FOHP_ETYPE, "seq" },
	{ "seq negative", FOHP_ZONE, "seq", w_neg, FOHP_ERANGE, "seq" },
	{ "seq float", FOHP_ZONE, "seq", w_float, FOHP_ETYPE, "seq" },
	{ "seq missing", FOHP_ZONE, "seq", NULL, FOHP_EMISSING, "seq" },
	{ "epoch nil", FOHP_ZONE, "epoch", w_nil, FOHP_ETYPE, "epoch" },
	{ "ts missing", FOHP_ZONE, "ts", NULL, FOHP_EMISSING, "ts" },
	{ "v 2", FOHP_ZONE, "v", w_int2, FOHP_EVERSION, "v" },
	{ "v 0", FOHP_ZONE, "v", w_zero, FOHP_EVERSION, "v" },
	{ "v str", FOHP_ZONE, "v", w_str, FOHP_ETYPE, "v" },
	{ "v missing", FOHP_ZONE, "v", NULL, FOHP_EMISSING, "v" },
	{ "kind unknown", FOHP_ZONE, "kind", w_bogus, FOHP_EKIND, "kind" },
	{ "kind int", FOHP_ZONE, "kind", w_int5, FOHP_ETYPE, "kind" },
	{ "kind missing", FOHP_ZONE, "kind", NULL, FOHP_EMISSING, "kind" },
	{ "count str", FOHP_ZONE, "count", w_str, FOHP_ETYPE, "count" },
	{ "count negative", FOHP_ZONE, "count", w_neg, FOHP_ERANGE, "count" },
	{ "count over max", FOHP_ZONE, "count", w_countmax, FOHP_ERANGE,
	  "count" },
	{ "count at max", FOHP_ZONE, "count", w_countok, FOHP_OK, "" },
	{ "count 2^40", FOHP_ZONE, "count", w_u64big, FOHP_ERANGE, "count" },
	{ "count missing", FOHP_ZONE, "count", NULL, FOHP_EMISSING, "count" },
	{ "density str", FOHP_ZONE, "density", w_str, FOHP_ETYPE, "density" },
	{ "density NaN", FOHP_ZONE, "density", w_nan, FOHP_ERANGE, "density" },
	{ "density Inf", FOHP_ZONE, "density", w_inf, FOHP_ERANGE, "density" },
	{ "density negative", FOHP_ZONE, "density", w_negf, FOHP_ERANGE,
	  "density" },
	{ "density negative int", FOHP_ZONE, "density", w_neg, FOHP_ERANGE,
	  "density" },
	{ "density over max", FOHP_ZONE, "density", w_dens25, FOHP_ERANGE,
	  "density" },
	{ "density int ok", FOHP_ZONE, "density", w_int2, FOHP_OK, "" },
	{ "density float32 ok", FOHP_ZONE, "density", w_f32, FOHP_OK, "" },
	{ "band G", FOHP_ZONE, "band", w_bandG, FOHP_ERANGE, "band" },
	{ "band AB", FOHP_ZONE, "band", w_bandAB, FOHP_ERANGE, "band" },
	{ "band int", FOHP_ZONE, "band", w_int5, FOHP_ETYPE, "band" },
	{ "zone id NUL", FOHP_ZONE, "zone", w_nulstr, FOHP_ERANGE, "zone" },
	{ "zone id 31 bytes ok", FOHP_ZONE, "zone", w_long31, FOHP_OK, "" },
	{ "unknown key ignored", FOHP_ZONE, "future", w_nested_ok, FOHP_OK,
	  "" },
	{ "nested too deep", FOHP_ZONE, "future", w_deep, FOHP_ETRUNC, "" },
	{ "array 2^31 header", FOHP_ZONE, "future", w_arr_2g, FOHP_ETRUNC,
	  "" },
	{ "map 2^32 header", FOHP_ZONE, "future", w_map_4g, FOHP_ETRUNC, "" },
	{ "hb_ms zero", FOHP_HELLO, "hb_ms", w_zero, FOHP_ERANGE, "hb_ms" },
	{ "uptime float", FOHP_HEARTBEAT, "uptime_ms", w_float, FOHP_ETYPE,
	  "uptime_ms" },
	{ "agent missing", FOHP_HEARTBEAT, "agent", NULL, FOHP_EMISSING,
	  "agent" },
	{ "grid 0", FOHP_LAYOUT, "grid", w_grid0, FOHP_ERANGE, "grid" },
	{ "grid 300", FOHP_LAYOUT, "grid", w_grid300, FOHP_ERANGE, "grid" },
	{ "grid one number", FOHP_LAYOUT, "grid", w_grid1, FOHP_ETYPE, "grid" },
	{ "grid int", FOHP_LAYOUT, "grid", w_int5, FOHP_ETYPE, "grid" },
	{ "rect outside grid", FOHP_LAYOUT, "zones/1/rect", w_rectout,
	  FOHP_ERANGE, "zones[1].rect" },
	{ "rect zero width", FOHP_LAYOUT, "zones/2/rect", w_rect0,
	  FOHP_ERANGE, "zones[2].rect" },
	{ "area 0", FOHP_LAYOUT, "zones/1/area_m2", w_zero, FOHP_ERANGE,
	  "zones[1].area_m2" },
	{ "area negative", FOHP_LAYOUT, "zones/0/area_m2", w_negf, FOHP_ERANGE,
	  "zones[0].area_m2" },
	{ "zkind unknown", FOHP_LAYOUT, "zones/0/zkind", w_bogus, FOHP_ERANGE,
	  "zones[0].zkind" },
	{ "zone id too long", FOHP_LAYOUT, "zones/2/id", w_long32,
	  FOHP_ETOOLONG, "zones[2].id" },
	{ "capacity optional", FOHP_LAYOUT, "zones/1/capacity", NULL, FOHP_OK,
	  "" },
	{ "zone entry not a map", FOHP_LAYOUT, "zones/1", w_int5, FOHP_ETYPE,
	  "zones[1]" },
	{ "too many zones", FOHP_LAYOUT, "zones", w_zones_many, FOHP_ETOOLONG,
	  "zones" },
	{ "zones header only", FOHP_LAYOUT, "zones", w_zones_hdr, FOHP_ETRUNC,
	  "" },
	{ "zones 2^31 header", FOHP_LAYOUT, "zones", w_arr_2g, FOHP_ETRUNC, "" },
	{ "zones of ints", FOHP_LAYOUT, "zones", w_int_list, FOHP_ETYPE,
	  "zones[0]" },
	{ "raster cells not cols x rows", FOHP_RASTER, "cols", w_int5,
	  FOHP_ERANGE, "cells" },
	{ "raster cols 0", FOHP_RASTER, "cols", w_zero, FOHP_ERANGE, "cols" },
	{ "raster cell negative", FOHP_RASTER, "cells/1", w_negf, FOHP_ERANGE,
	  "cells[1]" },
	{ "raster without cells", FOHP_RASTER, "cells", NULL, FOHP_EMISSING,
	  "cells" },
	{ "status unknown", FOHP_EQUIP, "status", w_bogus, FOHP_ERANGE,
	  "status" },
	{ "too many metrics", FOHP_EQUIP, "metrics", w_metrics_many,
	  FOHP_ETOOLONG, "metrics" },
	{ "metric value str", FOHP_EQUIP, "metrics/1/value", w_str, FOHP_ETYPE,
	  "metrics[1].value" },
	{ "metric value NaN", FOHP_EQUIP, "metrics/0/value", w_nan, FOHP_ERANGE,
	  "metrics[0].value" },
	{ "metric unit too long", FOHP_EQUIP, "metrics/0/unit", w_long31,
	  FOHP_ETOOLONG, "metrics[0].unit" },
	{ "drift score Inf", FOHP_DRIFT, "score", w_inf, FOHP_ERANGE, "score" },
	{ "feature name missing", FOHP_DRIFT, "features/1/name", NULL,
	  FOHP_EMISSING, "features[1].name" },
	{ "severity unknown", FOHP_ALERT, "severity", w_bogus, FOHP_ERANGE,
	  "severity" },
	{ "state missing", FOHP_ALERT, "state", NULL, FOHP_EMISSING, "state" },
	{ "snapshot area", FOHP_SNAPSHOT, "layout/zones/1/area_m2", w_zero,
	  FOHP_ERANGE, "layout.zones[1].area_m2" },
	{ "snapshot count", FOHP_SNAPSHOT, "zones/1/count", w_neg, FOHP_ERANGE,
	  "zones[1].count" },
	{ "snapshot band", FOHP_SNAPSHOT, "zones/0/band", w_bandG, FOHP_ERANGE,
	  "zones[0].band" },
	{ "snapshot metric", FOHP_SNAPSHOT, "equip/0/metrics/0/unit", w_long31,
	  FOHP_ETOOLONG, "equip[0].metrics[0].unit" },
	{ "snapshot hello", FOHP_SNAPSHOT, "hello", w_int5, FOHP_ETYPE,
	  "hello" },
	{ "snapshot alerts missing", FOHP_SNAPSHOT, "alerts", NULL,
	  FOHP_EMISSING, "alerts" },
	{ "snapshot gates absent ok", FOHP_SNAPSHOT, "gates", NULL, FOHP_OK,
	  "" },
	{ "snapshot gates int", FOHP_SNAPSHOT, "gates", w_int5, FOHP_ETYPE,
	  "gates" },
	{ "snapshot gate los G", FOHP_SNAPSHOT, "gates/0/los", w_bandG,
	  FOHP_ERANGE, "gates[0].los" },
	{ "snapshot gate missing", FOHP_SNAPSHOT, "gates/0/gate", NULL,
	  FOHP_EMISSING, "gates[0].gate" },
	{ "snapshot zone hist NaN", FOHP_SNAPSHOT, "zones/0/hist", w_hist_nan,
	  FOHP_ERANGE, "zones[0].hist[1]" },
	{ "snapshot zone hist 61", FOHP_SNAPSHOT, "zones/1/hist", w_hist61,
	  FOHP_ETOOLONG, "zones[1].hist" },
	{ "snapshot zone hist 60 ok", FOHP_SNAPSHOT, "zones/1/hist", w_hist60,
	  FOHP_OK, "" },
	{ "snapshot zone hist over density", FOHP_SNAPSHOT, "zones/0/hist",
	  w_hist_dens, FOHP_ERANGE, "zones[0].hist[1]" },
	{ "snapshot gate hist negative", FOHP_SNAPSHOT, "gates/0/hist",
	  w_hist_neg, FOHP_ERANGE, "gates[0].hist[1]" },
	{ "snapshot equip hist Inf", FOHP_SNAPSHOT, "equip/0/hist", w_hist_inf,
	  FOHP_ERANGE, "equip[0].hist[1]" },
	{ "snapshot equip hist negative ok", FOHP_SNAPSHOT, "equip/0/hist",
	  w_hist_neg, FOHP_OK, "" },
	{ "snapshot drift hist str", FOHP_SNAPSHOT, "drift/0/hist", w_hist_str,
	  FOHP_ETYPE, "drift[0].hist[1]" },
	{ "snapshot drift hist 61", FOHP_SNAPSHOT, "drift/0/hist", w_hist61,
	  FOHP_ETOOLONG, "drift[0].hist" },
	{ "snapshot equip rul unknown", FOHP_SNAPSHOT, "equip/0/rul", w_bogus,
	  FOHP_ERANGE, "equip[0].rul" },
	{ "gate los G", FOHP_GATE, "los", w_bandG, FOHP_ERANGE, "los" },
	{ "gate los AB", FOHP_GATE, "los", w_bandAB, FOHP_ERANGE, "los" },
	{ "gate los missing", FOHP_GATE, "los", NULL, FOHP_EMISSING, "los" },
	{ "gate flow negative", FOHP_GATE, "flow_pmm", w_negf, FOHP_ERANGE,
	  "flow_pmm" },
	{ "gate flow negative int", FOHP_GATE, "flow_pmm", w_neg, FOHP_ERANGE,
	  "flow_pmm" },
	{ "gate flow NaN", FOHP_GATE, "flow_pmm", w_nan, FOHP_ERANGE,
	  "flow_pmm" },
	{ "gate flow int ok", FOHP_GATE, "flow_pmm", w_int5, FOHP_OK, "" },
	{ "gate use negative", FOHP_GATE, "use", w_negf, FOHP_ERANGE, "use" },
	{ "gate use missing", FOHP_GATE, "use", NULL, FOHP_EMISSING, "use" },
	{ "gate interval 0", FOHP_GATE, "interval_ms", w_zero, FOHP_ERANGE,
	  "interval_ms" },
	{ "gate interval missing", FOHP_GATE, "interval_ms", NULL,
	  FOHP_EMISSING, "interval_ms" },
	{ "gate in negative", FOHP_GATE, "in", w_neg, FOHP_ERANGE, "in" },
	{ "gate out 2^40", FOHP_GATE, "out", w_u64big, FOHP_ERANGE, "out" },
	{ "gate id empty", FOHP_GATE, "gate", w_empty, FOHP_ERANGE, "gate" },
	{ "gate name absent ok", FOHP_GATE, "name", NULL, FOHP_OK, "" },
	{ "gate name int", FOHP_GATE, "name", w_int5, FOHP_ETYPE, "name" },
	{ "gate t missing", FOHP_GATE, "t", NULL, FOHP_EMISSING, "t" },
	{ "gate hist NaN", FOHP_GATE, "hist", w_hist_nan, FOHP_ERANGE,
	  "hist[1]" },
	{ "gate hist 60 ok", FOHP_GATE, "hist", w_hist60, FOHP_OK, "" },
	{ "gate hist 61", FOHP_GATE, "hist", w_hist61, FOHP_ETOOLONG, "hist" },
	{ "zone hist NaN", FOHP_ZONE, "hist", w_hist_nan, FOHP_ERANGE,
	  "hist[1]" },
	{ "zone hist 61", FOHP_ZONE, "hist", w_hist61, FOHP_ETOOLONG, "hist" },
	{ "zone hist empty ok", FOHP_ZONE, "hist", w_hist_empty, FOHP_OK, "" },
	{ "zone hist ints ok", FOHP_ZONE, "hist", w_hist_ints, FOHP_OK, "" },
	{ "zone hist float64 ok", FOHP_ZONE, "hist", w_hist_f64, FOHP_OK, "" },
	{ "zone hist not an array", FOHP_ZONE, "hist", w_float, FOHP_ETYPE,
	  "hist" },
	{ "equip hist over float", FOHP_EQUIP, "hist", w_hist_big,
	  FOHP_ERANGE, "hist[1]" },
	{ "equip hist NaN", FOHP_EQUIP, "hist", w_hist_nan, FOHP_ERANGE,
	  "hist[1]" },
	{ "equip rul unknown", FOHP_EQUIP, "rul", w_bogus, FOHP_ERANGE, "rul" },
	{ "equip rul case", FOHP_EQUIP, "rul", w_rul_upper, FOHP_ERANGE,
	  "rul" },
	{ "equip rul empty", FOHP_EQUIP, "rul", w_empty, FOHP_ERANGE, "rul" },
	{ "equip rul int", FOHP_EQUIP, "rul", w_int2, FOHP_ETYPE, "rul" },
	{ "equip rul absent ok", FOHP_EQUIP, "rul", NULL, FOHP_OK, "" },
	{ "equip rul value ok", FOHP_EQUIP, "rul", w_rul_value, FOHP_OK, "" },
	{ "equip rul_h negative", FOHP_EQUIP, "rul_h", w_negf, FOHP_ERANGE,
	  "rul_h" },
	{ "equip wear NaN", FOHP_EQUIP, "wear", w_nan, FOHP_ERANGE, "wear" },
	{ "equip wear negative ok", FOHP_EQUIP, "wear", w_negf, FOHP_OK, "" },
	{ "equip wear_limit negative", FOHP_EQUIP, "wear_limit", w_negf,
	  FOHP_ERANGE, "wear_limit" },
	{ "equip hb_age_s negative", FOHP_EQUIP, "hb_age_s", w_neg,
	  FOHP_ERANGE, "hb_age_s" },
	{ "equip hb_age_s float", FOHP_EQUIP, "hb_age_s", w_float, FOHP_ETYPE,
	  "hb_age_s" },
	{ "equip name 64 bytes", FOHP_EQUIP, "name", w_long64, FOHP_ETOOLONG,
	  "name" },
	{ "equip flags too many", FOHP_EQUIP, "flags", w_flags_many,
	  FOHP_ETOOLONG, "flags" },
	{ "equip flag status unknown", FOHP_EQUIP, "flags/1/status", w_bogus,
	  FOHP_ERANGE, "flags[1].status" },
	{ "equip flag name missing", FOHP_EQUIP, "flags/0/name", NULL,
	  FOHP_EMISSING, "flags[0].name" },
	{ "equip flag name empty", FOHP_EQUIP, "flags/2/name", w_empty,
	  FOHP_ERANGE, "flags[2].name" },
	{ "equip flags absent ok", FOHP_EQUIP, "flags", NULL, FOHP_OK, "" },
	{ "equip flags not an array", FOHP_EQUIP, "flags", w_str, FOHP_ETYPE,
	  "flags" },
	{ "drift level unknown", FOHP_DRIFT, "level", w_bogus, FOHP_ERANGE,
	  "level" },
	{ "drift level empty", FOHP_DRIFT, "level", w_empty, FOHP_ERANGE,
	  "level" },
	{ "drift level major ok", FOHP_DRIFT, "level", w_level_major, FOHP_OK,
	  "" },
	{ "drift ref_n negative", FOHP_DRIFT, "ref_n", w_neg, FOHP_ERANGE,
	  "ref_n" },
	{ "drift cur_n str", FOHP_DRIFT, "cur_n", w_str, FOHP_ETYPE, "cur_n" },
	{ "drift name 64 bytes", FOHP_DRIFT, "name", w_long64, FOHP_ETOOLONG,
	  "name" },
	{ "request with venue ok", FOHP_REQUEST, "venue", w_bogus, FOHP_OK,
	  "" },
	{ "request with seq ok", FOHP_REQUEST, "seq", w_int5, FOHP_OK, "" },
	{ "request venue nil", FOHP_REQUEST, "venue", NULL, FOHP_ETYPE,
	  "venue" },
	{ "request venue bad", FOHP_REQUEST, "venue", w_upper, FOHP_ERANGE,
	  "venue" },
	{ "request op missing", FOHP_REQUEST, "op", NULL, FOHP_EMISSING, "op" },
	{ "request op too long", FOHP_REQUEST, "op", w_long31, FOHP_ETOOLONG,
	  "op" },
	{ "request operator absent", FOHP_REQUEST, "operator", NULL, FOHP_OK,
	  "" },
	{ "error text missing", FOHP_ERROR, "text", NULL, FOHP_EMISSING,
	  "text" },
	{ "alert window NaN", FOHP_ALERT, "window", w_hist_nan, FOHP_ERANGE,
	  "window[1]" },
	{ "alert window Inf", FOHP_ALERT, "window", w_hist_inf, FOHP_ERANGE,
	  "window[1]" },
	{ "alert window over float", FOHP_ALERT, "window", w_hist_big,
	  FOHP_ERANGE, "window[1]" },
	{ "alert window 61", FOHP_ALERT, "window", w_win61, FOHP_ETOOLONG,
	  "window" },
	{ "alert window 60 ok", FOHP_ALERT, "window", w_win60, FOHP_OK, "" },
	{ "alert window negative ok", FOHP_ALERT, "window", w_hist_neg,
	  FOHP_OK, "" },
	{ "alert window str", FOHP_ALERT, "window/2", w_str, FOHP_ETYPE,
	  "window[2]" },
	{ "alert window not an array", FOHP_ALERT, "window", w_float,
	  FOHP_ETYPE, "window" },
	{ "alert contrib 9", FOHP_ALERT, "contrib", w_contrib_many,
	  FOHP_ETOOLONG, "contrib" },
	{ "alert contrib name missing", FOHP_ALERT, "contrib/1/name", NULL,
	  FOHP_EMISSING, "contrib[1].name" },
	{ "alert contrib name empty", FOHP_ALERT, "contrib/0/name", w_empty,
	  FOHP_ERANGE, "contrib[0].name" },
	{ "alert contrib value NaN", FOHP_ALERT, "contrib/0/value", w_nan,
	  FOHP_ERANGE, "contrib[0].value" },
	{ "alert contrib value missing", FOHP_ALERT, "contrib/1/value", NULL,
	  FOHP_EMISSING, "contrib[1].value" },
	{ "alert contrib unit 16 bytes", FOHP_ALERT, "contrib/0/unit",
	  w_long31, FOHP_ETOOLONG, "contrib[0].unit" },
	{ "alert contrib note absent ok", FOHP_ALERT, "contrib/0/note", NULL,
	  FOHP_OK, "" },
	{ "alert contrib not an array", FOHP_ALERT, "contrib", w_str,
	  FOHP_ETYPE, "contrib" },
	{ "alert ops 17", FOHP_ALERT, "ops", w_ops_many, FOHP_ETOOLONG,
	  "ops" },
	{ "alert op t missing", FOHP_ALERT, "ops/1/t", NULL, FOHP_EMISSING,
	  "ops[1].t" },
	{ "alert op t negative", FOHP_ALERT, "ops/0/t", w_neg, FOHP_ERANGE,
	  "ops[0].t" },
	{ "alert op op empty", FOHP_ALERT, "ops/1/op", w_empty, FOHP_ERANGE,
	  "ops[1].op" },
	{ "alert op op 31 bytes", FOHP_ALERT, "ops/1/op", w_long31,
	  FOHP_ETOOLONG, "ops[1].op" },
	{ "alert op note 128", FOHP_ALERT, "ops/1/note", w_long128,
	  FOHP_ETOOLONG, "ops[1].note" },
	{ "alert op note 127 ok", FOHP_ALERT, "ops/1/note", w_long127,
	  FOHP_OK, "" },
	{ "alert op operator 32", FOHP_ALERT, "ops/1/operator", w_long32,
	  FOHP_ETOOLONG, "ops[1].operator" },
	{ "alert rkind unknown", FOHP_ALERT, "rkind", w_bogus, FOHP_ERANGE,
	  "rkind" },
	{ "alert rkind empty", FOHP_ALERT, "rkind", w_empty, FOHP_ERANGE,
	  "rkind" },
	{ "alert rkind int", FOHP_ALERT, "rkind", w_int2, FOHP_ETYPE,
	  "rkind" },
	{ "alert rkind forecast ok", FOHP_ALERT, "rkind", w_forecast, FOHP_OK,
	  "" },
	{ "alert fc_state unknown", FOHP_ALERT, "fc_state", w_bogus,
	  FOHP_ERANGE, "fc_state" },
	{ "alert fc_state forecast", FOHP_ALERT, "fc_state", w_forecast,
	  FOHP_ERANGE, "fc_state" },
	{ "alert fc_state crossing ok", FOHP_ALERT, "fc_state", w_crossing,
	  FOHP_OK, "" },
	{ "alert fc_eta_s negative", FOHP_ALERT, "fc_eta_s", w_negf,
	  FOHP_ERANGE, "fc_eta_s" },
	{ "alert fc_eta_s negative int", FOHP_ALERT, "fc_eta_s", w_neg,
	  FOHP_ERANGE, "fc_eta_s" },
	{ "alert fc_eta_s Inf", FOHP_ALERT, "fc_eta_s", w_inf, FOHP_ERANGE,
	  "fc_eta_s" },
	{ "alert fc_horizon_s negative", FOHP_ALERT, "fc_horizon_s", w_negf,
	  FOHP_ERANGE, "fc_horizon_s" },
	{ "alert fc_slope NaN", FOHP_ALERT, "fc_slope", w_nan, FOHP_ERANGE,
	  "fc_slope" },
	{ "alert fc_slope negative ok", FOHP_ALERT, "fc_slope", w_negf,
	  FOHP_OK, "" },
	{ "alert fc_r2 NaN", FOHP_ALERT, "fc_r2", w_nan, FOHP_ERANGE,
	  "fc_r2" },
	{ "alert margin negative ok", FOHP_ALERT, "margin", w_negf, FOHP_OK,
	  "" },
	{ "alert margin Inf", FOHP_ALERT, "margin", w_inf, FOHP_ERANGE,
	  "margin" },
	{ "alert escalated 256", FOHP_ALERT, "escalated", w_256, FOHP_ERANGE,
	  "escalated" },
	{ "alert escalated 255 ok", FOHP_ALERT, "escalated", w_255, FOHP_OK,
	  "" },
	{ "alert fingerprint str", FOHP_ALERT, "fingerprint", w_str,
	  FOHP_ETYPE, "fingerprint" },
	{ "alert held_ms negative", FOHP_ALERT, "held_ms", w_neg, FOHP_ERANGE,
	  "held_ms" },
	{ "alert window_step_ms 2^40", FOHP_ALERT, "window_step_ms", w_u64big,
	  FOHP_ERANGE, "window_step_ms" },
	{ "alert words 128 bytes ok", FOHP_ALERT, "words", w_long128, FOHP_OK,
	  "" },
	{ "alert expr 64 bytes", FOHP_ALERT, "expr", w_long64, FOHP_ETOOLONG,
	  "expr" },
	{ "alert acked_by 32 bytes", FOHP_ALERT, "acked_by", w_long32,
	  FOHP_ETOOLONG, "acked_by" },
	{ "alert ack_expires_ms float", FOHP_ALERT, "ack_expires_ms", w_float,
	  FOHP_ETYPE, "ack_expires_ms" },
	{ "alert source int", FOHP_ALERT, "source", w_int5, FOHP_ETYPE,
	  "source" },
	{ "alert explanation absent ok", FOHP_ALERT, "ops", NULL, FOHP_OK,
	  "" },
	{ "snapshot alert contrib 9", FOHP_SNAPSHOT, "alerts/1/contrib",
	  w_contrib_many, FOHP_ETOOLONG, "alerts[1].contrib" },
	{ "snapshot alert window NaN", FOHP_SNAPSHOT, "alerts/1/window",
	  w_hist_nan, FOHP_ERANGE, "alerts[1].window[1]" },
	{ "snapshot alert fc_state bad", FOHP_SNAPSHOT, "alerts/1/fc_state",
	  w_bogus, FOHP_ERANGE, "alerts[1].fc_state" },
	{ "reply status missing", FOHP_REPLY, "status", NULL, FOHP_EMISSING,
	  "status" },
	{ "reply status unknown", FOHP_REPLY, "status", w_bogus, FOHP_ERANGE,
	  "status" },
	{ "reply status case", FOHP_REPLY, "status", w_done_case, FOHP_ERANGE,
	  "status" },
	{ "reply status empty", FOHP_REPLY, "status", w_empty, FOHP_ERANGE,
	  "status" },
	{ "reply status int", FOHP_REPLY, "status", w_int5, FOHP_ETYPE,
	  "status" },
	{ "reply status unchanged ok", FOHP_REPLY, "status", w_unchanged,
	  FOHP_OK, "" },
	{ "reply id missing", FOHP_REPLY, "id", NULL, FOHP_EMISSING, "id" },
	{ "reply seq missing", FOHP_REPLY, "seq", NULL, FOHP_EMISSING, "seq" },
	{ "reply text absent ok", FOHP_REPLY, "text", NULL, FOHP_OK, "" },
	{ "reply alert absent ok", FOHP_REPLY, "alert", NULL, FOHP_OK, "" },
	{ "reply alert int", FOHP_REPLY, "alert", w_int5, FOHP_ETYPE,
	  "alert" },
	{ "reply alert rule missing", FOHP_REPLY, "alert/rule", NULL,
	  FOHP_EMISSING, "alert.rule" },
	{ "reply alert window NaN", FOHP_REPLY, "alert/window", w_hist_nan,
	  FOHP_ERANGE, "alert.window[1]" },
	{ "reply alert op note 128", FOHP_REPLY, "alert/ops/1/note",
	  w_long128, FOHP_ETOOLONG, "alert.ops[1].note" },
	{ "action alert missing", FOHP_ACTION, "alert", NULL, FOHP_EMISSING,
	  "alert" },
	{ "action alert str", FOHP_ACTION, "alert", w_str, FOHP_ETYPE,
	  "alert" },
	{ "action alert negative", FOHP_ACTION, "alert", w_neg, FOHP_ERANGE,
	  "alert" },
	{ "action action missing", FOHP_ACTION, "action", NULL, FOHP_EMISSING,
	  "action" },
	{ "action action empty", FOHP_ACTION, "action", w_empty, FOHP_ERANGE,
	  "action" },
	{ "action rule absent ok", FOHP_ACTION, "rule", NULL, FOHP_OK, "" },
	{ "action operator 32 bytes", FOHP_ACTION, "operator", w_long32,
	  FOHP_ETOOLONG, "operator" },
	{ "action ts missing", FOHP_ACTION, "ts", NULL, FOHP_EMISSING, "ts" },
	{ "request alert ok", FOHP_REQUEST, "alert", w_int5, FOHP_OK, "" },
	{ "request alert str", FOHP_REQUEST, "alert", w_str, FOHP_ETYPE,
	  "alert" },
	{ "request alert negative", FOHP_REQUEST, "alert", w_neg, FOHP_ERANGE,
	  "alert" },
	{ "request comment 127 ok", FOHP_REQUEST, "comment", w_long127,
	  FOHP_OK, "" },
	{ "request comment 128", FOHP_REQUEST, "comment", w_long128,
	  FOHP_ETOOLONG, "comment" },
	{ "request comment NUL", FOHP_REQUEST, "comment", w_nulstr,
	  FOHP_ERANGE, "comment" },
	{ "request expiry negative", FOHP_REQUEST, "expiry_s", w_neg,
	  FOHP_ERANGE, "expiry_s" },
	{ "request expiry 2^40", FOHP_REQUEST, "expiry_s", w_u64big,
	  FOHP_ERANGE, "expiry_s" },
	{ "request duration float", FOHP_REQUEST, "duration_s", w_float,
	  FOHP_ETYPE, "duration_s" },
	{ "request duration 2^40", FOHP_REQUEST, "duration_s", w_u64big,
	  FOHP_ERANGE, "duration_s" },
	{ "request reason 128", FOHP_REQUEST, "reason", w_long128,
	  FOHP_ETOOLONG, "reason" },
	{ "request reason int", FOHP_REQUEST, "reason", w_int5, FOHP_ETYPE,
	  "reason" },
	{ "request ack_type non-sticky", FOHP_REQUEST, "ack_type",
	  w_nonsticky, FOHP_OK, "" },
	{ "request ack_type unknown", FOHP_REQUEST, "ack_type", w_bogus,
	  FOHP_ERANGE, "ack_type" },
	{ "request ack_type other case", FOHP_REQUEST, "ack_type",
	  w_nonsticky_case, FOHP_ERANGE, "ack_type" },
	{ "request ack_type empty", FOHP_REQUEST, "ack_type", w_empty,
	  FOHP_ERANGE, "ack_type" },
	{ "request ack_type int", FOHP_REQUEST, "ack_type", w_int2,
	  FOHP_ETYPE, "ack_type" },
	{ "alert ack_type unknown", FOHP_ALERT, "ack_type", w_bogus,
	  FOHP_ERANGE, "ack_type" },
	{ "snapshot alert ack_type unknown", FOHP_SNAPSHOT,
	  "alerts/1/ack_type", w_bogus, FOHP_ERANGE, "alerts[1].ack_type" },
	{ "error band unknown key", FOHP_ERROR, "band", w_bandA, FOHP_OK, "" },
};

/* Decode one table case and check code, field and counters. */
static void
tp_check_bad(struct fohp_decoder *dec, const struct tp_bad *b,
    const char *buf, size_t len, int topic, struct fohp_msg *out)
{
	struct fohp_err	err;
	uint64_t	rej = dec->rejected, unk = dec->unknown, ok = dec->decoded;
	int		rv;

	memset(&err, 0x55, sizeof err);
	rv = fohp_decode(dec, buf, len, topic, out, &err);
	if (rv != b->code || strcmp(err.field, b->field) != 0)
		fail_msg("case \"%s\": got %d field \"%s\" (%s), want %d "
		    "field \"%s\"", b->name, rv, err.field, err.text, b->code,
		    b->field);
	assert_int_equal(err.code, rv);
	if (rv == FOHP_OK) {
		assert_int_equal(dec->decoded, ok + 1);
		assert_string_equal(err.text, "");
		return;
	}
	assert_true(strlen(err.text) > 0);
	if (*b->field != '\0' && strstr(err.text, b->field) == NULL)
		fail_msg("case \"%s\": text \"%s\" does not name the field",
		    b->name, err.text);
	if (rv == FOHP_EKIND) {
		assert_int_equal(dec->unknown, unk + 1);
		assert_int_equal(dec->rejected, rej);
	} else
		assert_int_equal(dec->rejected, rej + 1);
}

/*
 * A known key that repeats is refused, naming it (PROTOCOL.md 3): before,
 * the decoder took the last, except `v`, where the first won. Unknown keys
 * are not checked (they are ignored).
 */
static void
test_repeated_keys(void **state)
{
	static const struct {
		enum fohp_kind	 kind;
		const char	*key;
		int		 code;
		const char	*field;
	} cases[] = {
		{ FOHP_ZONE, "count", FOHP_ETYPE, "count" },
		{ FOHP_ZONE, "v", FOHP_ETYPE, "v" },
		{ FOHP_ZONE, "kind", FOHP_ETYPE, "kind" },
		{ FOHP_ZONE, "seq", FOHP_ETYPE, "seq" },
		{ FOHP_ZONE, "zone", FOHP_ETYPE, "zone" },
		{ FOHP_ALERT, "title", FOHP_ETYPE, "title" },
		{ FOHP_REQUEST, "op", FOHP_ETYPE, "op" },
		{ FOHP_ZONE, "bogus", FOHP_OK, "" },
	};
	struct fohp_decoder	 dec;
	struct fohp_msg		*m = calloc(1, sizeof *m);
	struct fohp_err		 err;
	msgpack_sbuffer		 sb, dup;
	msgpack_packer		 pk;
	msgpack_zone		 z;
	msgpack_object		 obj;
	size_t			 i, off;
	uint32_t		 j;
	int			 rv, found;

	(void)state;
	assert_non_null(m);
	msgpack_sbuffer_init(&sb);
	msgpack_sbuffer_init(&dup);
	msgpack_zone_init(&z, 4096);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);
	for (i = 0; i < nitems(cases); i++) {
		tp_build(m, cases[i].kind);
		tp_encode(&sb, m, 0);
		off = 0;
		msgpack_zone_clear(&z);
		assert_int_equal(msgpack_unpack(sb.data, sb.size, &off, &z,
		    &obj), MSGPACK_UNPACK_SUCCESS);
		msgpack_sbuffer_clear(&dup);
		msgpack_packer_init(&pk, &dup, msgpack_sbuffer_write);
		msgpack_pack_map(&pk, obj.via.map.size + 1);
		found = 0;
		for (j = 0; j < obj.via.map.size; j++) {
			const msgpack_object_kv	*kv = &obj.via.map.ptr[j];

			msgpack_pack_object(&pk, kv->key);
			msgpack_pack_object(&pk, kv->val);
			if (kv->key.via.str.size == strlen(cases[i].key) &&
			    memcmp(kv->key.via.str.ptr, cases[i].key,
			    kv->key.via.str.size) == 0) {
				/* Again, after the first: same value. */
				msgpack_pack_object(&pk, kv->key);
				msgpack_pack_object(&pk, kv->val);
				found = 1;
			}
		}
		if (!found) {
			msgpack_pack_str_with_body(&pk, cases[i].key,
			    strlen(cases[i].key));
			msgpack_pack_int(&pk, 1);
			msgpack_sbuffer_clear(&sb);
			/* An unknown key twice: one more copy. */
			msgpack_pack_str_with_body(&pk, cases[i].key,
			    strlen(cases[i].key));
			msgpack_pack_int(&pk, 2);
			dup.data[0]++;	/* fixmap or map16: one more pair */
		}
		rv = fohp_decode(&dec, dup.data, dup.size, 0, m, &err);
		if (rv != cases[i].code ||
		    strcmp(err.field, cases[i].field) != 0)
			fail_msg("%s repeated: got %d field \"%s\" (%s)",
			    cases[i].key, rv, err.field, err.text);
		if (rv != FOHP_OK && strstr(err.text, "repeats") == NULL)
			fail_msg("%s repeated: text \"%s\"", cases[i].key,
			    err.text);
	}
	fohp_decoder_fini(&dec);
	msgpack_zone_destroy(&z);
	msgpack_sbuffer_destroy(&sb);
	msgpack_sbuffer_destroy(&dup);
	free(m);
}

/* Run the table of malformed values. */
static void
test_malformed_fields(void **state)
{
	struct fohp_decoder	 dec;
	struct fohp_msg		*m;
	msgpack_sbuffer		 sb, bad;
	msgpack_packer		 pk;
	msgpack_zone		 z;
	msgpack_object		 obj;
	const struct tp_bad	*b;
	size_t			 i, off;

	(void)state;
	m = calloc(1, sizeof *m);
	assert_non_null(m);
	msgpack_sbuffer_init(&sb);
	msgpack_sbuffer_init(&bad);
	msgpack_zone_init(&z, 4096);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);
	for (i = 0; i < nitems(tp_bads); i++) {
		b = &tp_bads[i];
		tp_build(m, b->kind);
		tp_encode(&sb, m, 0);
		off = 0;
		msgpack_zone_clear(&z);
		assert_int_equal(msgpack_unpack(sb.data, sb.size, &off, &z,
		    &obj), MSGPACK_UNPACK_SUCCESS);
		msgpack_sbuffer_clear(&bad);
		msgpack_packer_init(&pk, &bad, msgpack_sbuffer_write);
		tp_repack(&pk, &obj, b->path, b->w);
		tp_check_bad(&dec, b, bad.data, bad.size, 0, m);
	}
	assert_int_equal(dec.unknown, 1);
	fohp_decoder_fini(&dec);
	msgpack_zone_destroy(&z);
	msgpack_sbuffer_destroy(&sb);
	msgpack_sbuffer_destroy(&bad);
	free(m);
}

/* Inputs broken as a whole rather than in one field. */
struct tp_raw {
	const char	*name;
	int		 topic;
	const char	*prefix;	/* topic bytes, with their NUL */
	size_t		 plen;
	int		 cut;		/* body: keep this many bytes; <0: from end */
	const char	*suffix;	/* bytes appended */
	size_t		 slen;
	int		 code;
	const char	*field;
};

static const struct tp_raw tp_raws[] = {
	{ "empty", 0, "", 0, -9999, "", 0, FOHP_ETRUNC, "" },
	{ "one byte", 0, "", 0, 1, "", 0, FOHP_ETRUNC, "" },
	{ "cut at 10", 0, "", 0, 10, "", 0, FOHP_ETRUNC, "" },
	{ "cut at 40", 0, "", 0, 40, "", 0, FOHP_ETRUNC, "" },
	{ "cut 1 short", 0, "", 0, -1, "", 0, FOHP_ETRUNC, "" },
	{ "trailing nil", 0, "", 0, 0, "\xc0", 1, FOHP_ETRUNC, "" },
	{ "trailing map", 0, "", 0, 0, "\x80", 1, FOHP_ETRUNC, "" },
	{ "topic ok", 1, "foh/arena/zone", 15, 0, "", 0, FOHP_OK, "" },
	{ "topic other venue", 1, "foh/hall/zone", 14, 0, "", 0, FOHP_ETOPIC,
	  "topic" },
	{ "topic other kind", 1, "foh/arena/equip", 16, 0, "", 0, FOHP_ETOPIC,
	  "topic" },
	{ "topic prefix only", 1, "foh/arena/zon", 14, 0, "", 0, FOHP_ETOPIC,
	  "topic" },
	{ "topic not foh", 1, "bar/arena/zone", 15, 0, "", 0, FOHP_ETOPIC,
	  "topic" },
	{ "topic empty", 1, "", 1, 0, "", 0, FOHP_ETOPIC, "topic" },
	{ "topic no NUL", 1, "foh/arena/zone", 14, -9999,
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 64,
	  FOHP_ETOPIC, "topic" },
	{ "topic then nothing", 1, "foh/arena/zone", 15, -9999, "", 0,
	  FOHP_ETRUNC, "" },
	{ "topic but none wanted", 0, "foh/arena/zone", 15, 0, "", 0,
	  FOHP_ETRUNC, "" },
	{ "reserved byte c1", 0, "", 0, -9999, "\xc1", 1, FOHP_ETRUNC, "" },
	{ "not a map", 0, "", 0, -9999, "\x92\x01\x02", 3, FOHP_ETYPE, "" },
	{ "a string", 0, "", 0, -9999, "\xa3zone", 4, FOHP_ETYPE, "" },
	{ "map without v", 0, "", 0, -9999, "\x80", 1, FOHP_EMISSING, "v" },
	{ "array 2^31, 5 bytes", 0, "", 0, -9999, "\xdd\x80\x00\x00\x00", 5,
	  FOHP_ETRUNC, "" },
	{ "map 2^32-1, 5 bytes", 0, "", 0, -9999, "\xdf\xff\xff\xff\xff", 5,
	  FOHP_ETRUNC, "" },
	{ "str 2^32-1, 5 bytes", 0, "", 0, -9999, "\xdb\xff\xff\xff\xff", 5,
	  FOHP_ETRUNC, "" },
	{ "ext 2^32-1, 6 bytes", 0, "", 0, -9999, "\xc9\xff\xff\xff\xff\x01",
	  6, FOHP_ETRUNC, "" },
};

/* Run the table of broken inputs, built around a valid zone message. */
static void
test_malformed_raw(void **state)
{
	struct fohp_decoder	 dec;
	struct fohp_msg		*m;
	msgpack_sbuffer		 sb;
	const struct tp_raw	*r;
	struct tp_bad		 b;
	char			*buf;
	size_t			 i, n, body;

	(void)state;
	m = calloc(1, sizeof *m);
	assert_non_null(m);
	msgpack_sbuffer_init(&sb);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);
	tp_build(m, FOHP_ZONE);
	tp_encode(&sb, m, 0);
	buf = malloc(sb.size + 128);
	assert_non_null(buf);
	for (i = 0; i < nitems(tp_raws); i++) {
		r = &tp_raws[i];
		if (r->cut == -9999)
			body = 0;
		else if (r->cut <= 0)
			body = sb.size - (size_t)-r->cut;
		else
			body = (size_t)r->cut;
		n = 0;
		memcpy(buf, r->prefix, r->plen);
		n += r->plen;
		memcpy(buf + n, sb.data, body);
		n += body;
		memcpy(buf + n, r->suffix, r->slen);
		n += r->slen;
		b.name = r->name;
		b.code = r->code;
		b.field = r->field;
		/* Exact-size copy so ASan sees any read past the end. */
		{
			char *exact = malloc(n ? n : 1);
			assert_non_null(exact);
			memcpy(exact, buf, n);
			tp_check_bad(&dec, &b, exact, n, r->topic, m);
			free(exact);
		}
	}
	free(buf);
	fohp_decoder_fini(&dec);
	msgpack_sbuffer_destroy(&sb);
	free(m);
}

/* Stream messages over 64 KiB and anything over 1 MiB are refused. */
static void
test_size_limits(void **state)
{
	struct fohp_decoder	 dec;
	struct fohp_err		 err;
	struct fohp_msg		*m;
	msgpack_sbuffer		 sb, big;
	msgpack_packer		 pk;
	msgpack_zone		 z;
	msgpack_object		 obj;
	size_t			 off = 0;
	char			*pad;

	(void)state;
	m = calloc(1, sizeof *m);
	pad = calloc(1, FOHP_SNAPSHOT_MAX);
	assert_non_null(m);
	assert_non_null(pad);
	msgpack_sbuffer_init(&sb);
	msgpack_sbuffer_init(&big);
	msgpack_zone_init(&z, 4096);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);
	tp_build(m, FOHP_ZONE);
	tp_encode(&sb, m, 0);
	assert_int_equal(msgpack_unpack(sb.data, sb.size, &off, &z, &obj),
	    MSGPACK_UNPACK_SUCCESS);

	/* A zone message with a 64 KiB unknown key: too large. */
	msgpack_packer_init(&pk, &big, msgpack_sbuffer_write);
	msgpack_pack_map(&pk, obj.via.map.size + 1);
	msgpack_pack_str_with_body(&pk, "pad", 3);
	msgpack_pack_bin_with_body(&pk, pad, FOHP_MSG_MAX);
	for (off = 0; off < obj.via.map.size; off++) {
		msgpack_pack_object(&pk, obj.via.map.ptr[off].key);
		msgpack_pack_object(&pk, obj.via.map.ptr[off].val);
	}
	assert_int_equal(fohp_decode(&dec, big.data, big.size, 0, m, &err),
	    FOHP_ETOOLONG);

	/* Over 1 MiB: refused before parsing. */
	msgpack_sbuffer_clear(&big);
	msgpack_pack_bin_with_body(&pk, pad, FOHP_SNAPSHOT_MAX);
	assert_int_equal(fohp_decode(&dec, big.data, big.size, 0, m, &err),
	    FOHP_ETOOLONG);
	assert_int_equal(dec.rejected, 2);

	fohp_decoder_fini(&dec);
	msgpack_zone_destroy(&z);
	msgpack_sbuffer_destroy(&sb);
	msgpack_sbuffer_destroy(&big);
	free(pad);
	free(m);
}

/* The encoder refuses what the decoder would refuse, and leaves no bytes. */
static void
test_encode_errors(void **state)
{
	struct fohp_err		 err;
	struct fohp_msg		*m;
	msgpack_sbuffer		 sb;

	(void)state;
	m = calloc(1, sizeof *m);
	assert_non_null(m);
	msgpack_sbuffer_init(&sb);
	msgpack_sbuffer_write(&sb, "keep", 4);

	tp_build(m, FOHP_ZONE);
	m->u.zone.density = NAN;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "density");
	assert_int_equal(sb.size, 4);

	tp_build(m, FOHP_ZONE);
	memset(m->venue, 'a', sizeof m->venue);		/* no NUL */
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ETOOLONG);
	assert_string_equal(err.field, "venue");
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ETOOLONG);
	assert_int_equal(sb.size, 4);

	tp_build(m, FOHP_ZONE);
	m->u.zone.band = 'G';
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "band");

	tp_build(m, FOHP_LAYOUT);
	m->u.layout.nzones = FOHP_ZONES_MAX + 1;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ETOOLONG);
	assert_string_equal(err.field, "zones");

	tp_build(m, FOHP_LAYOUT);
	m->u.layout.zones[2].x = 31;
	m->u.layout.zones[2].w = 2;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "zones[2].rect");

	tp_build(m, FOHP_EQUIP);
	m->u.equip.status = FOHP_ST_COUNT;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "status");

	tp_build(m, FOHP_ZONE);
	tp_hist(&m->u.zone.nhist, m->u.zone.hist, 4, 1, 1);
	m->u.zone.hist[2] = NAN;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "hist[2]");
	m->u.zone.hist[2] = -1;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "hist[2]");
	tp_hist(&m->u.zone.nhist, m->u.zone.hist, FOHP_HIST_MAX, 1, 0);
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_OK);
	sb.size = 4;
	m->u.zone.nhist = FOHP_HIST_MAX + 1;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ETOOLONG);
	assert_string_equal(err.field, "hist");

	tp_build(m, FOHP_GATE);
	m->u.gate.los = 'G';
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "los");
	tp_build(m, FOHP_GATE);
	m->u.gate.interval_ms = 0;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "interval_ms");
	tp_build(m, FOHP_GATE);
	m->u.gate.flow_pmm = -0.5;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "flow_pmm");

	tp_build(m, FOHP_EQUIP);
	m->u.equip.rul = FOHP_RUL_COUNT;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "rul");
	tp_build(m, FOHP_EQUIP);
	m->u.equip.flags[1].status = FOHP_ST_COUNT;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "flags[1].status");
	tp_build(m, FOHP_EQUIP);
	m->u.equip.nflags = FOHP_FLAGS_MAX + 1;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ETOOLONG);
	assert_string_equal(err.field, "flags");
	tp_build(m, FOHP_DRIFT);
	m->u.drift.level = FOHP_DL_COUNT;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "level");
	tp_build(m, FOHP_SNAPSHOT);
	m->u.snapshot.gates[0].hist[1] = INFINITY;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "gates[0].hist[1]");
	tp_build(m, FOHP_SNAPSHOT);
	m->u.snapshot.ngates = FOHP_GATES_MAX + 1;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ETOOLONG);
	assert_string_equal(err.field, "gates");
	assert_int_equal(sb.size, 4);

	tp_build(m, FOHP_ALERT);
	m->u.alert.window[3] = NAN;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "window[3]");
	tp_build(m, FOHP_ALERT);
	m->u.alert.nwindow = FOHP_WINDOW_MAX + 1;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ETOOLONG);
	assert_string_equal(err.field, "window");
	tp_build(m, FOHP_ALERT);
	m->u.alert.ncontrib = FOHP_CONTRIB_MAX + 1;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ETOOLONG);
	assert_string_equal(err.field, "contrib");
	tp_build(m, FOHP_ALERT);
	m->u.alert.nops = FOHP_ALERT_HIST_MAX + 1;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ETOOLONG);
	assert_string_equal(err.field, "ops");
	tp_build(m, FOHP_ALERT);
	m->u.alert.ops[1].op[0] = '\0';
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "ops[1].op");
	tp_build(m, FOHP_ALERT);
	m->u.alert.fc_eta_s = -1;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "fc_eta_s");
	tp_build(m, FOHP_ALERT);
	m->u.alert.fc_r2 = NAN;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "fc_r2");
	tp_build(m, FOHP_ALERT);
	m->u.alert.rkind = FOHP_RK_COUNT;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "rkind");
	tp_build(m, FOHP_ALERT);
	m->u.alert.fc_state = FOHP_FC_COUNT;
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "fc_state");
	tp_build(m, FOHP_ALERT);
	memset(m->u.alert.words, 'w', sizeof m->u.alert.words);	/* no NUL */
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ETOOLONG);
	assert_string_equal(err.field, "words");
	tp_build(m, FOHP_REPLY);
	strcpy(m->u.reply.status, "ok");
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "status");
	tp_build(m, FOHP_REPLY);
	m->u.reply.alert.contrib[1].value = INFINITY;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "alert.contrib[1].value");
	m->u.reply.has_alert = 0;		/* not sent, so not checked */
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_OK);
	sb.size = 4;
	tp_build(m, FOHP_ACTION);
	m->u.action.action[0] = '\0';
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ERANGE);
	assert_string_equal(err.field, "action");
	tp_build(m, FOHP_REQUEST);
	memset(m->u.request.comment, 'c', sizeof m->u.request.comment);
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_ETOOLONG);
	assert_string_equal(err.field, "comment");
	assert_int_equal(sb.size, 4);

	tp_build(m, FOHP_ZONE);
	m->kind = FOHP_KIND_COUNT;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_EKIND);
	m->kind = FOHP_UNKNOWN;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_EKIND);

	tp_build(m, FOHP_ZONE);
	m->v = 2;
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_EVERSION);

	tp_build(m, FOHP_REQUEST);		/* no venue: no topic */
	assert_int_not_equal(fohp_encode(&sb, m, 1, &err), FOHP_OK);
	assert_int_equal(sb.size, 4);
	assert_int_equal(fohp_encode(&sb, m, 0, NULL), FOHP_OK);
	assert_true(sb.size > 4);

	msgpack_sbuffer_destroy(&sb);
	free(m);
}

/*
 * Warm decoding allocates nothing. msgpack-c allocates only through the
 * decoder's zone and fohp_decode itself never calls malloc, so a message
 * that needed memory beyond the zone's first chunk would leave a new chunk
 * at the head of the chunk list. Check the head never changes.
 */
static void
test_no_malloc(void **state)
{
	struct fohp_decoder	 dec;
	struct fohp_err		 err;
	struct fohp_msg		*m;
	msgpack_sbuffer		 zone, layout, snap, full, gate;
	void			*head;
	size_t			 chunk;
	int			 i;

	(void)state;
	m = calloc(1, sizeof *m);
	assert_non_null(m);
	msgpack_sbuffer_init(&zone);
	msgpack_sbuffer_init(&layout);
	msgpack_sbuffer_init(&snap);
	msgpack_sbuffer_init(&full);
	msgpack_sbuffer_init(&gate);
	tp_snapshot_full(m);
	tp_encode(&full, m, 0);
	tp_build(m, FOHP_GATE);
	tp_hist(&m->u.gate.nhist, m->u.gate.hist, FOHP_HIST_MAX, 0, 1);
	tp_encode(&gate, m, 1);
	tp_build(m, FOHP_ZONE);
	tp_encode(&zone, m, 1);
	tp_build(m, FOHP_LAYOUT);
	tp_layout(&m->u.layout, FOHP_ZONES_MAX);
	tp_encode(&layout, m, 1);
	tp_build(m, FOHP_SNAPSHOT);
	tp_encode(&snap, m, 0);

	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);
	chunk = dec.zone.chunk_size;
	assert_int_equal(fohp_decode(&dec, zone.data, zone.size, 1, m, &err),
	    FOHP_OK);
	head = dec.zone.chunk_list.head;
	assert_int_equal(dec.zone.chunk_size, chunk);	/* small: no growth */

	/* The big layout grows the zone once... */
	assert_int_equal(fohp_decode(&dec, layout.data, layout.size, 1, m,
	    &err), FOHP_OK);
	assert_true(dec.zone.chunk_size > chunk);
	chunk = dec.zone.chunk_size;

	/* ...and the full snapshot, with every hist at its limit, again. */
	assert_int_equal(fohp_decode(&dec, full.data, full.size, 0, m, &err),
	    FOHP_OK);
	assert_true(dec.zone.chunk_size > chunk);
	head = dec.zone.chunk_list.head;
	chunk = dec.zone.chunk_size;

	/* ...then nothing allocates, whatever arrives. */
	for (i = 0; i < 1000; i++) {
		assert_int_equal(fohp_decode(&dec, zone.data, zone.size, 1, m,
		    &err), FOHP_OK);
		assert_ptr_equal(dec.zone.chunk_list.head, head);
		assert_int_equal(fohp_decode(&dec, layout.data, layout.size, 1,
		    m, &err), FOHP_OK);
		assert_ptr_equal(dec.zone.chunk_list.head, head);
		assert_int_equal(fohp_decode(&dec, snap.data, snap.size, 0, m,
		    &err), FOHP_OK);
		assert_ptr_equal(dec.zone.chunk_list.head, head);
		assert_int_equal(fohp_decode(&dec, full.data, full.size, 0, m,
		    &err), FOHP_OK);
		assert_ptr_equal(dec.zone.chunk_list.head, head);
		assert_int_equal(fohp_decode(&dec, gate.data, gate.size, 1, m,
		    &err), FOHP_OK);
		assert_ptr_equal(dec.zone.chunk_list.head, head);
		assert_int_equal(fohp_decode(&dec, zone.data, zone.size - 3, 1,
		    m, &err), FOHP_ETRUNC);
		assert_ptr_equal(dec.zone.chunk_list.head, head);
	}
	assert_int_equal(dec.zone.chunk_size, chunk);
	assert_int_equal(dec.decoded, 3 + 5000);
	assert_int_equal(dec.rejected, 1000);

	fohp_decoder_fini(&dec);
	msgpack_sbuffer_destroy(&zone);
	msgpack_sbuffer_destroy(&layout);
	msgpack_sbuffer_destroy(&snap);
	msgpack_sbuffer_destroy(&full);
	msgpack_sbuffer_destroy(&gate);
	free(m);
}

/* Decode a copy of exactly n bytes and check the result is a known code. */
static void
tp_fuzz_one(struct fohp_decoder *dec, const char *buf, size_t n, int topic,
    struct fohp_msg *m)
{
	struct fohp_err	 err;
	char		*copy;
	int		 rv;

	copy = malloc(n ? n : 1);
	assert_non_null(copy);
	memcpy(copy, buf, n);
	rv = fohp_decode(dec, copy, n, topic, m, &err);
	assert_true(rv >= FOHP_OK && rv < FOHP_ECOUNT);
	assert_int_not_equal(rv, FOHP_ENOSPACE);
	assert_int_equal(err.code, rv);
	assert_true(memchr(err.field, '\0', sizeof err.field) != NULL);
	assert_true(memchr(err.text, '\0', sizeof err.text) != NULL);
	free(copy);
}

/* Flip every byte of every kind's message three ways, cut at every length. */
static void
test_fuzz(void **state)
{
	static const uint8_t	 xors[] = { 0x01, 0x80, 0xff };
	struct fohp_decoder	 dec;
	struct fohp_msg		*m;
	msgpack_sbuffer		 sb;
	char			*buf;
	size_t			 i, j;
	int			 k, topic;

	(void)state;
	m = calloc(1, sizeof *m);
	assert_non_null(m);
	msgpack_sbuffer_init(&sb);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);
	for (k = 1; k < FOHP_KIND_COUNT; k++) {
		tp_build(m, (enum fohp_kind)k);
		topic = tp_topic((enum fohp_kind)k);
		tp_encode(&sb, m, topic);
		buf = malloc(sb.size);
		assert_non_null(buf);
		for (i = 0; i < sb.size; i++) {
			for (j = 0; j < nitems(xors); j++) {
				memcpy(buf, sb.data, sb.size);
				buf[i] ^= (char)xors[j];
				tp_fuzz_one(&dec, buf, sb.size, topic, m);
			}
		}
		for (i = 0; i <= sb.size; i++)
			tp_fuzz_one(&dec, sb.data, i, topic, m);
		free(buf);
	}
	assert_true(dec.rejected > 0);
	fohp_decoder_fini(&dec);
	msgpack_sbuffer_destroy(&sb);
	free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_topic),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_snapshot_full),
		cmocka_unit_test(test_new_keys),
		cmocka_unit_test(test_old_snapshot),
		cmocka_unit_test(test_alerts),
		cmocka_unit_test(test_malformed_fields),
		cmocka_unit_test(test_repeated_keys),
		cmocka_unit_test(test_malformed_raw),
		cmocka_unit_test(test_size_limits),
		cmocka_unit_test(test_encode_errors),
		cmocka_unit_test(test_no_malloc),
		cmocka_unit_test(test_fuzz),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
