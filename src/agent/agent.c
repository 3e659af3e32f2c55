/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent.c: a venue agent: take readings, keep state, publish, answer.
 *
 * Readings arrive through agent_apply, already checked against the config,
 * and each is turned into what it means at once: a zone count into a
 * density and its band; a gate's in/out into flow per metre of width and
 * its level; telemetry into a device status (the worst of its flags; at
 * least warning at 90% of its wear limit, error at it), its wear trend and
 * remaining life; model samples into drift scores against
 * the model's reference window. Whatever changed is published straight
 * away. Timers do what has no reading behind it: heartbeats, the built-in
 * simulator, noticing devices that went silent, and moving alerts on with
 * time (holds that ran out, expiries, escalations; agent-alerts.c), and
 * every [history] step the venue's state into the journal
 * (agent-history.c).
 *
 * An encoding failure is never swallowed: it is counted (encode_fail,
 * fohd_publish_failed_total{reason="encode"}), logged with the field, and
 * an alert that fails is published in its reduced form rather than lost.
 */
#include "config.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nng/nng.h>

#include "agent.h"
#include "agent-mqtt.h"
#include "core/band.h"
#include "lib/clock.h"
#include "core/drift.h"
#include "core/flow.h"
#include "proto/foh-proto.h"
#include "core/rul.h"
#include "crowdsim.h"
#include "core/store.h"
#include "net/transport.h"
#include "agent-priv.h"
#include "lib/text.h"

/* Publish zone i's count, if it changed, as a density and a band. */
static void
agent_zone(struct agent *a, unsigned i, uint32_t count, uint64_t t_ms,
    uint64_t now_ms)
{
	const struct fohp_zone_def	*def = &a->conf.layout.zones[i];
	struct fohp_msg			*m;
	struct fohp_zone		*z;
	double				 density;

	density = count / def->area_m2;
	if (density > FOHP_DENSITY_MAX)
		density = FOHP_DENSITY_MAX;
	/* Rules see every reading (hold times run on them)... */
	agent_alerts_observe(a, RULES_ZONE, def->id, "density", density, t_ms,
	    now_ms);
	if (a->counted[i] && count == a->counts[i])
		return;	/* ...the stream only changes */
	a->counts[i] = count;
	a->counted[i] = 1;
	m = agent_envelope(a, FOHP_ZONE);
	z = &m->u.zone;
	memset(z, 0, sizeof(*z));
	memcpy(z->zone, def->id, sizeof(z->zone));
	z->count = count;
	z->density = density;
	z->band = band_of(z->density, def->kind);
	z->t_ms = t_ms != 0 ? t_ms : m->ts_ms;
	agent_publish(a, now_ms);
}

/* Step the simulator and publish each zone whose count changed. */
static void
agent_simulate(struct agent *a, uint64_t now_ms)
{
	uint32_t	counts[FOHP_ZONES_MAX];
	unsigned	i;

	crowdsim_counts(&a->sim, (double)(now_ms - a->start_ms) / 1000.0, counts);
	for (i = 0; i < a->conf.layout.nzones; i++)
		agent_zone(a, i, counts[i], 0, now_ms);
}

/* Publish a device that has gone silent as OFFLINE, once. */
static void
agent_silence(struct agent *a, uint64_t now_ms)
{
	unsigned	i, j;

	for (i = 0; i < a->conf.ndevices; i++) {
		const struct vconf_device	*d = &a->conf.devices[i];
		struct agent_device		*ad = &a->devices[i];
		struct fohp_msg			*m;

		if (ad->offline || now_ms - ad->heard_ms <=
		    (uint64_t)d->heartbeat_s * 1000)
			continue;
		ad->offline = 1;
		a->stats.devices_offline++;
		m = agent_envelope(a, FOHP_EQUIP);
		memset(&m->u.equip, 0, sizeof(m->u.equip));
		for (j = 0; j < a->venue->nequip; j++) {
			if (strcmp(a->venue->equip[j].device, d->id) == 0)
				m->u.equip = a->venue->equip[j];
		}
		memcpy(m->u.equip.device, d->id, sizeof(m->u.equip.device));
		memcpy(m->u.equip.dkind, d->dkind, sizeof(m->u.equip.dkind));
		memcpy(m->u.equip.name, d->name, sizeof(m->u.equip.name));
		m->u.equip.status = FOHP_ST_OFFLINE;
		m->u.equip.hb_age_s = (uint32_t)((now_ms - ad->heard_ms) /
		    1000);
		m->u.equip.wear_limit = d->wear_limit;
		m->u.equip.nhist = 0;
		agent_publish(a, now_ms);
		agent_alerts_observe(a, RULES_DEVICE, d->id, "status",
		    FOHP_ST_OFFLINE, 0, now_ms);
	}
}

/* What the timer does: simulate, watch for silent devices, age alerts. */
static void
agent_tick(struct agent *a, uint64_t now_ms)
{
	if (a->conf.simulate)
		agent_simulate(a, now_ms);
	agent_silence(a, now_ms);
	agent_alerts_tick(a, now_ms);
	agent_control_tick(a, now_ms);
}

/* A gate reading: flow per metre of width, its level and Green Guide use. */
static void
agent_gate(struct agent *a, const struct reading_gate *r, uint64_t t_ms,
    uint64_t now_ms)
{
	int			 i = vconf_gate(&a->conf, r->gate);
	const struct vconf_gate	*g;
	struct fohp_msg		*m;
	struct fohp_gate	*o;

	if (i < 0)
		return;
	g = &a->conf.gates[i];
	agent_history_gate(a, i, r->in, r->out);
	m = agent_envelope(a, FOHP_GATE);
	o = &m->u.gate;
	memset(o, 0, sizeof(*o));
	memcpy(o->gate, g->id, sizeof(o->gate));
	memcpy(o->name, g->name, sizeof(o->name));
	o->in = r->in;
	o->out = r->out;
	o->interval_ms = r->interval_ms;
	o->flow_pmm = flow_pmm(r->in, r->out, r->interval_ms, g->width_m);
	o->los = flow_los(o->flow_pmm);
	o->use = flow_capacity_use(o->flow_pmm, 0);
	o->t_ms = t_ms != 0 ? t_ms : m->ts_ms;
	agent_publish(a, now_ms);
	agent_alerts_observe(a, RULES_GATE, g->id, "flow_pmm",
	    flow_pmm(r->in, r->out, r->interval_ms, g->width_m), t_ms, now_ms);
}

/* Worse of two statuses. */
static enum fohp_status
agent_worse(enum fohp_status x, enum fohp_status y)
{
	return (x > y ? x : y);
}

/* Telemetry: status from its flags, wear and remaining life. */
static void
agent_telemetry(struct agent *a, const struct reading_telemetry *r,
    uint64_t t_ms, uint64_t now_ms)
{
	int				 i = vconf_device(&a->conf, r->device);
	const struct vconf_device	*d;
	struct agent_device		*ad;
	struct fohp_msg			*m;
	struct fohp_equip		*e;
	struct rul_fit			 fit;
	enum rul_state			 rs;
	enum fohp_status		 status;
	double				 rul_h;
	unsigned			 j;

	if (i < 0)
		return;
	d = &a->conf.devices[i];
	ad = &a->devices[i];
	ad->heard_ms = now_ms;
	ad->offline = 0;
	m = agent_envelope(a, FOHP_EQUIP);
	e = &m->u.equip;
	memset(e, 0, sizeof(*e));
	memcpy(e->device, d->id, sizeof(e->device));
	memcpy(e->dkind, d->dkind, sizeof(e->dkind));
	memcpy(e->name, d->name, sizeof(e->name));
	e->status = FOHP_ST_OK;
	e->nmetrics = r->nmetrics;
	memcpy(e->metrics, r->metrics, r->nmetrics * sizeof(r->metrics[0]));
	e->nflags = r->nflags;
	for (j = 0; j < r->nflags; j++) {
		memcpy(e->flags[j].name, r->flags[j].name,
		    sizeof(e->flags[j].name));
		e->flags[j].status = r->flags[j].level;
		e->status = agent_worse(e->status, r->flags[j].level);
	}
	e->wear_limit = d->wear_limit;
	e->rul = FOHP_RUL_UNSET;
	for (j = 0; j < r->nmetrics && d->wear[0] != '\0'; j++) {
		if (strcmp(r->metrics[j].name, d->wear) != 0)
			continue;
		e->wear = r->metrics[j].value;
		rul_add(&ad->rul, t_ms != 0 ? t_ms : m->ts_ms, e->wear);
	}
	if (d->wear[0] != '\0') {
		rs = rul_estimate(&ad->rul, d->wear_limit, AGENT_RUL_HORIZON_H,
		    &fit);
		e->rul = (enum fohp_rul)rs;	/* the same order */
		if (rs == RUL_VALUE || rs == RUL_BEYOND)
			e->rul_h = isfinite(fit.hours_left) ?
			    fit.hours_left : 0;
		if (rs == RUL_VALUE && d->wear_limit > 0 &&
		    e->wear >= d->wear_limit)
			e->status = agent_worse(e->status, FOHP_ST_ERROR);
		/* Near the end of its life a device is not "ok", whatever
		 * its flags say (a lamp at 99% of its hours). */
		if (d->wear_limit > 0 &&
		    e->wear >= AGENT_WEAR_WARN * d->wear_limit)
			e->status = agent_worse(e->status, FOHP_ST_WARNING);
	}
	status = e->status;
	rul_h = e->rul == FOHP_RUL_VALUE ? e->rul_h : NAN;
	agent_publish(a, now_ms);
	/* e now belongs to the store's copy; use the values kept. */
	agent_alerts_observe(a, RULES_DEVICE, d->id, "status", status, t_ms,
	    now_ms);
	if (isfinite(rul_h))
		agent_alerts_observe(a, RULES_DEVICE, d->id, "rul_h", rul_h,
		    t_ms, now_ms);
	for (j = 0; j < r->nmetrics; j++)
		agent_alerts_observe(a, RULES_DEVICE, d->id,
		    r->metrics[j].name, r->metrics[j].value, t_ms, now_ms);
}

/*
 * Level of a drift score against the model's thresholds: at a threshold is
 * past it, as for the drift rules (score >= warn warns, >= crit is
 * critical), so the level and the alert never disagree.
 */
static enum fohp_drift_level
agent_drift_level(const struct vconf_model *cm, double score)
{
	if (score >= cm->crit)
		return (FOHP_DL_MAJOR);
	if (score >= cm->warn)
		return (FOHP_DL_MODERATE);
	return (FOHP_DL_STABLE);
}

/* Start (or restart) drift state for model i. */
static int
agent_model_init(struct agent *a, unsigned i)
{
	const struct vconf_model	*cm = &a->conf.models[i];
	struct agent_model		*am = &a->models[i];

	memcpy(am->id, cm->id, sizeof(am->id));
	if (drift_model_init(&am->drift, cm->ref_n, cm->window_n, cm->bins,
	    cm->method) != 0)
		return (-1);
	am->ready = 1;
	return (0);
}

/* Fill the drift message's fixed parts for model i. */
static struct fohp_drift *
agent_drift_msg(struct agent *a, unsigned i, const char *version)
{
	const struct vconf_model	*cm = &a->conf.models[i];
	struct fohp_msg			*m = agent_envelope(a, FOHP_DRIFT);
	struct fohp_drift		*o = &m->u.drift;

	memset(o, 0, sizeof(*o));
	memcpy(o->model, cm->id, sizeof(o->model));
	text_copy(o->version, sizeof(o->version), version);
	memcpy(o->name, cm->name, sizeof(o->name));
	o->warn = cm->warn;
	o->crit = cm->crit;
	return (o);
}

/* Model samples: drift against the reference window, computed here. */
static void
agent_model_sample(struct agent *a, const struct reading_model *r,
    const struct reading_batch *b, uint64_t now_ms)
{
	int			 i = vconf_model(&a->conf, r->model);
	struct agent_model	*am;
	struct fohp_drift	*o;
	unsigned		 j;
	double			 score = 0;
	int			 pending;

	if (i < 0)
		return;
	am = &a->models[i];
	if (!am->ready && agent_model_init(a, (unsigned)i) != 0)
		return;
	for (j = 0; j < r->nfeatures; j++)
		(void)drift_model_add(&am->drift, r->features[j].name,
		    &b->pool[r->features[j].off], r->features[j].n);
	o = agent_drift_msg(a, (unsigned)i, r->version);
	text_copy(o->method, sizeof(o->method), a->conf.models[i].method);
	if (drift_model_evaluate(&am->drift, &score, o->features,
	    &o->nfeatures) == 0) {
		o->score = score;
		o->level = agent_drift_level(&a->conf.models[i], score);
	} else
		o->level = FOHP_DL_PENDING;
	o->ref_n = am->drift.nfeatures > 0 ? am->drift.features[0].nref : 0;
	o->cur_n = am->drift.nfeatures > 0 ? am->drift.features[0].ncur : 0;
	pending = o->level == FOHP_DL_PENDING;
	agent_publish(a, now_ms);
	if (!pending)
		agent_alerts_observe(a, RULES_MODEL, a->conf.models[i].id,
		    "score", score, 0, now_ms);
}

/* Drift computed elsewhere: taken as given, judged by our thresholds. */
static void
agent_drift_score(struct agent *a, const struct reading_drift *r,
    uint64_t now_ms)
{
	int			 i = vconf_model(&a->conf, r->model);
	struct fohp_drift	*o;

	if (i < 0)
		return;
	o = agent_drift_msg(a, (unsigned)i, r->version);
	text_copy(o->method, sizeof(o->method), r->method);
	o->score = r->score;
	o->level = agent_drift_level(&a->conf.models[i], r->score);
	o->nfeatures = r->nfeatures;
	memcpy(o->features, r->features, r->nfeatures * sizeof(o->features[0]));
	agent_publish(a, now_ms);
	agent_alerts_observe(a, RULES_MODEL, a->conf.models[i].id, "score",
	    r->score, 0, now_ms);
}

/* A raster from the field: published as it came, cells from the pool. */
static void
agent_raster(struct agent *a, const struct reading *r,
    const struct reading_batch *b, uint64_t now_ms)
{
	const struct reading_raster	*rr = &r->u.raster;
	struct fohp_msg			*m;
	unsigned			 n = (unsigned)rr->cols * rr->rows;

	if (n == 0 || n > FOHP_RASTER_MAX || rr->off + n > b->npool)
		return;
	m = agent_envelope(a, FOHP_RASTER);
	m->u.raster.x = rr->x;
	m->u.raster.y = rr->y;
	m->u.raster.cols = rr->cols;
	m->u.raster.rows = rr->rows;
	m->u.raster.t_ms = r->t_ms != 0 ? r->t_ms : clock_wall_ms();
	m->u.raster.ncells = (uint16_t)n;
	memcpy(m->u.raster.cells, &b->pool[rr->off], n * sizeof(float));
	agent_publish(a, now_ms);
}

/* Apply a batch of readings and publish what they change. */
void
agent_apply(struct agent *a, const struct reading_batch *b, uint64_t now_ms)
{
	unsigned	i;
	int		z;

	for (i = 0; i < b->n; i++) {
		const struct reading	*r = &b->r[i];

		switch (r->kind) {
		case READING_ZONE_COUNT:
			if ((z = vconf_zone(&a->conf, r->u.zone.zone)) < 0)
				continue;
			memcpy(a->zone_source[z], r->u.zone.source,
			    sizeof(a->zone_source[z]));
			agent_zone(a, (unsigned)z, r->u.zone.count, r->t_ms,
			    now_ms);
			break;
		case READING_GATE_FLOW:
			agent_gate(a, &r->u.gate, r->t_ms, now_ms);
			break;
		case READING_TELEMETRY:
			agent_telemetry(a, &r->u.telemetry, r->t_ms, now_ms);
			break;
		case READING_MODEL_SAMPLE:
			agent_model_sample(a, &r->u.model, b, now_ms);
			break;
		case READING_DRIFT_SCORE:
			agent_drift_score(a, &r->u.drift, now_ms);
			break;
		case READING_EXTERNAL_ALERT:
			agent_alerts_external(a, &r->u.alert, now_ms);
			break;
		case READING_RASTER:
			agent_raster(a, r, b, now_ms);
			break;
		default:
			continue;
		}
		a->stats.readings[r->kind]++;
	}
}

/* Free the drift state of every model. */
static void
agent_models_free(struct agent *a)
{
	unsigned	i;

	for (i = 0; i < FOHP_MODELS_MAX; i++) {
		if (a->models[i].ready)
			drift_model_free(&a->models[i].drift);
		a->models[i].ready = 0;
	}
}

/* Set up per-device state for conf, keeping what old ids had. */
static void
agent_devices_init(struct agent *a, const struct vconf *conf,
    uint64_t now_ms)
{
	struct agent_device	old[FOHP_DEVICES_MAX];
	unsigned		i, j, nold = a->conf.ndevices;

	memcpy(old, a->devices, sizeof(old));
	for (i = 0; i < conf->ndevices; i++) {
		struct agent_device	*ad = &a->devices[i];

		memset(ad, 0, sizeof(*ad));
		memcpy(ad->id, conf->devices[i].id, sizeof(ad->id));
		ad->heard_ms = now_ms;
		rul_init(&ad->rul);
		for (j = 0; j < nold; j++) {
			if (strcmp(old[j].id, ad->id) == 0)
				*ad = old[j];
		}
	}
}

/* Take a new config. */
int
agent_reload(struct agent *a, const struct vconf *conf, char *err,
    size_t errlen)
{
	struct agent_model	old[FOHP_MODELS_MAX];
	uint64_t		now = clock_mono_ms();
	struct fohp_msg		*m;
	unsigned		i, j;

	if (strcmp(conf->id, a->conf.id) != 0) {
		snprintf(err, errlen, "venue id %s differs from the running "
		    "%s: restart fohd to change it", conf->id, a->conf.id);
		return (-1);
	}
	if (agent_alerts_reload(a, conf, err, errlen) != 0)
		return (-1);
	agent_devices_init(a, conf, now);
	/* Models keep their windows if their id and windows stay. */
	memcpy(old, a->models, sizeof(old));
	memset(a->models, 0, sizeof(a->models));
	for (i = 0; i < conf->nmodels; i++) {
		for (j = 0; j < a->conf.nmodels; j++) {
			if (old[j].ready && strcmp(old[j].id,
			    conf->models[i].id) == 0 &&
			    old[j].drift.ref_n == conf->models[i].ref_n &&
			    old[j].drift.window_n == conf->models[i].window_n) {
				a->models[i] = old[j];
				old[j].ready = 0;
			}
		}
	}
	for (j = 0; j < FOHP_MODELS_MAX; j++) {
		if (old[j].ready)
			drift_model_free(&old[j].drift);
	}
	memset(a->counted, 0, sizeof(a->counted));	/* zones may move */
	agent_nats_reload(a, conf);
	agent_history_reload(a, conf, now);
	a->conf = *conf;
	if (conf->actions_warning[0] != '\0')	/* issue 16; fohd only */
		fprintf(stderr, "fohd: warning: SIGHUP: %s\n",
		    conf->actions_warning);
	if (conf->simulate)
		crowdsim_init(&a->sim, &conf->layout, conf->surge, conf->seed);
	a->venue->hb_ms = conf->hb_ms;
	m = agent_envelope(a, FOHP_LAYOUT);
	m->u.layout = conf->layout;
	agent_publish(a, now);
	return (0);
}

/* The config in force. */
const struct vconf *
agent_conf(const struct agent *a)
{
	return (&a->conf);
}

/* nng calls this (on its own thread) as subscribers come and go. */
static void
agent_pipe_event(nng_pipe p, nng_pipe_ev ev, void *arg)
{
	struct agent	*a = arg;

	if (ev == NNG_PIPE_EV_ADD_POST)
		atomic_fetch_add(&a->pipes, 1);
	else if (ev == NNG_PIPE_EV_REM_POST)
		atomic_fetch_sub(&a->pipes, 1);
}

/* The pipe cap of the control or stream listener (read its counters). */
const struct transport_cap *
agent_pipe_cap(const struct agent *a, enum transport_which w)
{
	return (w == TRANSPORT_CONTROL || w == TRANSPORT_STREAM ?
	    &a->caps[w] : NULL);
}

/* Read and answer every waiting control request (agent-control.c). */
static void
agent_requests(struct agent *a)
{
	nng_msg	*msg;

	while (nng_recvmsg(a->rep, &msg, NNG_FLAG_NONBLOCK) == 0)
		agent_control(a, msg);
}

/* Publish a hello or heartbeat. */
static void
agent_beat(struct agent *a, enum fohp_kind kind, uint64_t now_ms)
{
	struct fohp_msg	*m = agent_envelope(a, kind);

	agent_hello(a, &m->u.hello, now_ms);
	agent_publish(a, now_ms);
}

/* The TLS of a venue's listeners, from [tls]. */
void
agent_tls(const struct vconf *conf, struct transport_tls *tls)
{
	memset(tls, 0, sizeof(*tls));
	tls->cert = conf->tls_cert;
	tls->key = conf->tls_key;
	tls->ca = conf->tls_ca;
	tls->clients = conf->tls_clients == VCONF_TLS_REQUIRED ?
	    TRANSPORT_TLS_REQUIRED : conf->tls_clients == VCONF_TLS_OPTIONAL ?
	    TRANSPORT_TLS_OPTIONAL : TRANSPORT_TLS_NONE;
}

/* Open an agent and start listening. */
struct agent *
agent_open(const struct vconf *conf, char *err, size_t errlen)
{
	struct agent	*a;
	struct fohp_msg	*m;
	struct transport_tls tls;
	uint64_t	 now = clock_mono_ms();

	if ((a = calloc(1, sizeof(*a))) == NULL) {
		snprintf(err, errlen, "%s: out of memory", conf->id);
		return (NULL);
	}
	pthread_mutex_init(&a->peers_mtx, NULL);
	msgpack_sbuffer_init(&a->buf);
	fohp_decoder_init(&a->dec);
	if ((a->in = malloc(sizeof(*a->in))) == NULL ||
	    (a->out = malloc(sizeof(*a->out))) == NULL ||
	    (a->sreq = malloc(sizeof(*a->sreq))) == NULL ||
	    (a->store = store_new()) == NULL ||
	    (a->venue = store_venue_add(a->store, conf->id)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", conf->id);
		goto fail;
	}
	a->store->alerts_elsewhere = 1;	/* the alert table holds them */
	a->conf = *conf;
	crowdsim_init(&a->sim, &conf->layout, conf->surge, conf->seed);
	atomic_init(&a->pipes, 0);
	agent_devices_init(a, conf, now);
	if (agent_alerts_open(a, err, errlen) != 0 ||
	    agent_nats_open(a, err, errlen) != 0 ||
	    agent_deliver_open(a, err, errlen) != 0)	/* issue 16 */
		goto fail;
	if (transport_cap_init(&a->caps[TRANSPORT_CONTROL], TRANSPORT_CONTROL,
	    0, agent_peer_event, a) != 0 || (a->ncaps = 1,
	    transport_cap_init(&a->caps[TRANSPORT_STREAM], TRANSPORT_STREAM, 0,
	    agent_pipe_event, a)) != 0) {
		snprintf(err, errlen, "%s: out of memory", conf->id);
		goto fail;
	}
	a->ncaps = 2;
	agent_tls(conf, &tls);
	if (transport_pub_listen(&a->pub, conf->stream, &tls,
	    &a->caps[TRANSPORT_STREAM], err, errlen) != 0)
		goto fail;
	if (transport_sender_init(&a->sender, a->pub) != 0) {
		snprintf(err, errlen, "%s: out of memory", conf->id);
		nng_close(a->pub);
		goto fail;
	}
	/* agent_peer_event notes each control pipe's peer through the cap. */
	if (transport_rep_listen(&a->rep, conf->control, &tls,
	    &a->caps[TRANSPORT_CONTROL], err, errlen) != 0) {
		transport_sender_fini(&a->sender);
		nng_close(a->pub);
		goto fail;
	}
	transport_recv_fd(a->rep, &a->rep_fd);
	agent_sign_warn(a);
	a->epoch = clock_wall_ms();
	a->start_ms = now;
	a->venue->hb_ms = conf->hb_ms;

	agent_beat(a, FOHP_HELLO, now);
	m = agent_envelope(a, FOHP_LAYOUT);
	m->u.layout = conf->layout;
	agent_publish(a, now);
	agent_alerts_publish_all(a, now);
	agent_tick(a, now);
	a->next_tick = now + conf->tick_ms;
	a->next_beat = now + conf->hb_ms;
	agent_history_open(a, now);
	return (a);
fail:
	while (a->ncaps > 0)
		transport_cap_fini(&a->caps[--a->ncaps]);
	agent_alerts_close(a);
	agent_nats_close(a);
	agent_deliver_close(a);	/* issue 16: NULL if not made yet */
	store_free(a->store);
	free(a->in);
	free(a->out);
	free(a->sreq);
	msgpack_sbuffer_destroy(&a->buf);
	fohp_decoder_fini(&a->dec);
	free(a);
	return (NULL);
}

/* Close an agent. */
void
agent_close(struct agent *a)
{
	if (a == NULL)
		return;
	agent_deliver_stop(a);	/* issue 16: before the MQTT link */
	agent_hook_stop(a);	/* a hook still running, journaled */
	agent_nats_close(a);	/* publishes what it can for a moment */
	agent_mqtt_close(a);	/* issue 16 */
	nng_close(a->pub);
	transport_sender_fini(&a->sender);
	nng_close(a->rep);
	while (a->ncaps > 0)
		transport_cap_fini(&a->caps[--a->ncaps]);
	agent_peer_fini(a);
	agent_models_free(a);
	agent_answer_fini(a);
	agent_history_close(a);
	agent_summary_close(a);
	agent_alerts_close(a);
	fohp_decoder_fini(&a->dec);
	msgpack_sbuffer_destroy(&a->buf);
	store_free(a->store);
	free(a->in);
	free(a->out);
	free(a->sreq);
	agent_deliver_close(a);	/* issue 16: after the MQTT link */
	free(a);
}

/* The REP socket's descriptor. */
int
agent_fd(const struct agent *a)
{
	return (a->rep_fd);
}

/* When the agent next has something to do. */
uint64_t
agent_next_ms(const struct agent *a)
{
	uint64_t	next = a->next_tick < a->next_beat ? a->next_tick :
			    a->next_beat;

	return (next < agent_history_next(a) ? next : agent_history_next(a));
}

/* Keep the gauges in the stats current. */
static void
agent_gauges(struct agent *a, uint64_t now_ms)
{
	a->stats.uptime_ms = now_ms - a->start_ms;
	a->stats.subscribers = atomic_load(&a->pipes);
}

/* Do what is due. */
void
agent_service(struct agent *a, uint64_t now_ms)
{
	agent_gauges(a, now_ms);
	agent_requests(a);
	agent_nats_service(a);
	agent_deliver_service(a);	/* issue 16 */
	if (now_ms >= a->next_tick) {
		agent_tick(a, now_ms);
		while (a->next_tick <= now_ms)
			a->next_tick += a->conf.tick_ms;
	}
	if (now_ms >= a->next_beat) {
		agent_beat(a, FOHP_HEARTBEAT, now_ms);
		while (a->next_beat <= now_ms)
			a->next_beat += a->conf.hb_ms;
	}
	agent_history_service(a, now_ms);
}

/* The agent's counters. */
const struct agent_stats *
agent_stats(const struct agent *a)
{
	return (&a->stats);
}

