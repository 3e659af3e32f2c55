/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * proto-fixtures.c: valid messages to start from (proto-fixtures.h).
 */
#include <stdio.h>
#include <string.h>

#include "proto-fixtures.h"

/* Zero m and fill its envelope: venue "arena", the epoch, seq and ts. */
void
pf_envelope_at(struct fohp_msg *m, enum fohp_kind kind, uint64_t seq,
    uint64_t ts_ms)
{
	memset(m, 0, sizeof *m);
	m->v = FOHP_VERSION;
	strcpy(m->venue, "arena");
	m->seq = seq;
	m->epoch = 1718000000000ull;
	m->ts_ms = ts_ms;
	m->kind = kind;
}

/* The tests' envelope: pf_envelope_at with seq 42, 12 s into the epoch. */
void
pf_envelope(struct fohp_msg *m, enum fohp_kind kind)
{
	pf_envelope_at(m, kind, 42, 1718000012345ull);
}

/* A hello (or heartbeat) body of the agent "fohd 0.1.0" at Main Arena. */
void
pf_hello(struct fohp_hello *h, uint64_t uptime_ms)
{
	strcpy(h->agent, "fohd 0.1.0");
	strcpy(h->name, "Main Arena");
	h->hb_ms = 1000;
	h->uptime_ms = uptime_ms;
}

/* A layout body with n zones on a 32x20 grid. */
void
pf_layout(struct fohp_layout *l, uint16_t n)
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
void
pf_zone(struct fohp_zone *z, int i)
{
	snprintf(z->zone, sizeof z->zone, "z%d", i);
	z->count = 37 + (uint32_t)i;
	z->density = 1.25;
	z->band = 'D';
	z->t_ms = 1718000012000ull;
}

/* Fill a hist array with n values from v0 in steps of dv. */
void
pf_hist(uint8_t *nhist, float *hist, int n, double v0, double dv)
{
	int	j;

	*nhist = (uint8_t)n;
	for (j = 0; j < n; j++)
		hist[j] = (float)(v0 + j * dv);
}

/* A gate sample. */
void
pf_gate(struct fohp_gate *g, int i)
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
void
pf_equip_more(struct fohp_equip *e, int i, uint8_t nf)
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
void
pf_drift_more(struct fohp_drift *d, int i)
{
	snprintf(d->name, sizeof d->name, "Head counter %d", i);
	d->level = FOHP_DL_MAJOR;
	d->ref_n = 500;
	d->cur_n = 480;
}

/* An equipment sample with n metrics. */
void
pf_equip(struct fohp_equip *e, int i, uint8_t n)
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
void
pf_drift(struct fohp_drift *d, int i, uint8_t n)
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
void
pf_alert(struct fohp_alert *a, int i)
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
void
pf_alert_explain(struct fohp_alert *a)
{
	a->fingerprint = 0x5be0c2a9f13d7e64ull;
	a->rkind = FOHP_RK_THRESHOLD;
	strcpy(a->words, "Zone 3 density over 3.33 p/m2 for 30 s");
	strcpy(a->expr, "density > 3.33 for 30s");
	strcpy(a->unit, "p/m2");
	a->margin = 4.25 - 3.33;
	a->held_ms = 45000;
	a->window_step_ms = 10000;
	pf_hist(&a->nwindow, a->window, 6, 3.5, 0.125);
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
void
pf_alert_full(struct fohp_alert *a, int i)
{
	int	j;

	memset(a, 0, sizeof *a);
	pf_alert(a, i);
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
	pf_hist(&a->nwindow, a->window, FOHP_WINDOW_MAX, -3e38, 1e37);
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
void
pf_raster(struct fohp_raster *r)
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
void
pf_build(struct fohp_msg *m, enum fohp_kind kind)
{
	struct fohp_snapshot	*s = &m->u.snapshot;

	pf_envelope(m, kind);
	switch (kind) {
	case FOHP_HELLO:
	case FOHP_HEARTBEAT:
		pf_hello(&m->u.hello, 12345);
		break;
	case FOHP_LAYOUT:
		pf_layout(&m->u.layout, 3);
		break;
	case FOHP_ZONE:
		pf_zone(&m->u.zone, 3);
		break;
	case FOHP_EQUIP:
		pf_equip(&m->u.equip, 1, 2);
		pf_equip_more(&m->u.equip, 1, 3);
		break;
	case FOHP_DRIFT:
		pf_drift(&m->u.drift, 1, 2);
		pf_drift_more(&m->u.drift, 1);
		break;
	case FOHP_GATE:
		pf_gate(&m->u.gate, 1);
		break;
	case FOHP_RASTER:
		pf_raster(&m->u.raster);
		break;
	case FOHP_SIGNED:
		/* Any bytes: the codec carries them; the agent reads them. */
		m->u.sreq.body_len = 3;
		memcpy(m->u.sreq.body, "\x81\xa1v", 3);
		m->u.sreq.sig_len = 6;
		memcpy(m->u.sreq.sig, "SSHSIG", 6);
		break;
	case FOHP_ALERT:
		pf_alert(&m->u.alert, 0);
		pf_alert_explain(&m->u.alert);
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
		pf_alert(&m->u.reply.alert, 0);
		pf_alert_explain(&m->u.reply.alert);
		break;
	case FOHP_SNAPSHOT:
		pf_hello(&s->hello, 12345);
		pf_layout(&s->layout, 2);
		s->nzones = 2;
		pf_zone(&s->zones[0], 0);
		pf_hist(&s->zones[0].nhist, s->zones[0].hist, 3, 1.0, 0.125);
		s->zones[0].hist_step_ms = 5000;
		pf_zone(&s->zones[1], 1);
		pf_hist(&s->zones[1].nhist, s->zones[1].hist, 2, 1.25, 0);
		s->ngates = 1;
		pf_gate(&s->gates[0], 0);
		pf_hist(&s->gates[0].nhist, s->gates[0].hist, 2, 20, 4.25);
		s->nequip = 1;
		pf_equip(&s->equip[0], 1, 1);
		pf_equip_more(&s->equip[0], 1, 2);
		pf_hist(&s->equip[0].nhist, s->equip[0].hist, 2, 1889, 1.5);
		s->ndrift = 1;
		pf_drift(&s->drift[0], 1, 1);
		pf_drift_more(&s->drift[0], 1);
		pf_hist(&s->drift[0].nhist, s->drift[0].hist, 2, 0.25, 0.0625);
		s->nalerts = 2;
		pf_alert(&s->alerts[0], 0);
		pf_alert(&s->alerts[1], 1);
		pf_alert_explain(&s->alerts[1]);
		s->has_raster = 1;
		pf_raster(&s->raster);
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
int
pf_topic(enum fohp_kind kind)
{
	return (kind != FOHP_SNAPSHOT && kind != FOHP_REQUEST &&
	    kind != FOHP_ERROR && kind != FOHP_REPLY);
}

/* A snapshot full to every limit, with the longest strings. */
void
pf_snapshot_full(struct fohp_msg *in)
{
	struct fohp_snapshot	*s;
	int			 i;

	pf_envelope(in, FOHP_SNAPSHOT);
	s = &in->u.snapshot;
	pf_hello(&s->hello, 12345);
	pf_layout(&s->layout, FOHP_ZONES_MAX);
	for (i = 0; i < FOHP_ZONES_MAX; i++) {
		memset(s->layout.zones[i].name, 'n', FOHP_NAME_MAX - 1);
		pf_zone(&s->zones[i], i);
		pf_hist(&s->zones[i].nhist, s->zones[i].hist, FOHP_HIST_MAX,
		    0.1, 0.3);
	}
	s->nzones = FOHP_ZONES_MAX;
	for (i = 0; i < FOHP_GATES_MAX; i++) {
		pf_gate(&s->gates[i], i);
		memset(s->gates[i].gate, 'g', FOHP_ID_MAX - 1);
		s->gates[i].gate[FOHP_ID_MAX - 2] = (char)('a' + i % 26);
		memset(s->gates[i].name, 'n', FOHP_NAME_MAX - 1);
		pf_hist(&s->gates[i].nhist, s->gates[i].hist, FOHP_HIST_MAX,
		    1e-3, 1.7);
	}
	s->ngates = FOHP_GATES_MAX;
	for (i = 0; i < FOHP_DEVICES_MAX; i++) {
		pf_equip(&s->equip[i], i, FOHP_METRICS_MAX);
		pf_equip_more(&s->equip[i], i, FOHP_FLAGS_MAX);
		memset(s->equip[i].name, 'n', FOHP_NAME_MAX - 1);
		pf_hist(&s->equip[i].nhist, s->equip[i].hist, FOHP_HIST_MAX,
		    -3.3e6, 1.1e5);
	}
	s->nequip = FOHP_DEVICES_MAX;
	for (i = 0; i < FOHP_MODELS_MAX; i++) {
		pf_drift(&s->drift[i], i, FOHP_FEATURES_MAX);
		pf_drift_more(&s->drift[i], i);
		memset(s->drift[i].name, 'n', FOHP_NAME_MAX - 1);
		pf_hist(&s->drift[i].nhist, s->drift[i].hist, FOHP_HIST_MAX,
		    0.01, 1.0 / 3);
	}
	s->ndrift = FOHP_MODELS_MAX;
	for (i = 0; i < FOHP_ALERTS_MAX; i++)
		pf_alert_full(&s->alerts[i], i);
	s->nalerts = FOHP_ALERTS_MAX;
}

/* Unpack sb's message, after any topic, into obj in zone z; -1 if bad. */
long
pf_unpack(const msgpack_sbuffer *sb, msgpack_zone *z, msgpack_object *obj)
{
	size_t	tlen = 0, off;

	if (sb->size > 0 && (uint8_t)sb->data[0] < 0x80) {
		if (memchr(sb->data, '\0', sb->size) == NULL)
			return (-1);
		tlen = strlen(sb->data) + 1;
	}
	off = tlen;
	msgpack_zone_clear(z);
	if (msgpack_unpack(sb->data, sb->size, &off, z, obj) !=
	    MSGPACK_UNPACK_SUCCESS)
		return (-1);
	return ((long)tlen);
}
