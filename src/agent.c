/*
 * agent.c: a venue agent: simulate, keep state, publish, answer snapshots.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nng/nng.h>

#include "agent.h"
#include "band.h"
#include "clock.h"
#include "foh-proto.h"
#include "sim.h"
#include "store.h"
#include "transport.h"

struct agent {
	struct vconf		 conf;
	struct store		*store;		/* the venue's own state */
	struct store_venue	*venue;
	struct sim		 sim;
	uint32_t		 counts[FOHP_ZONES_MAX];
	int			 have_counts;

	nng_socket		 pub;
	nng_socket		 rep;
	int			 rep_fd;

	uint64_t		 epoch;		/* wall ms at start */
	uint64_t		 seq;		/* last published */
	uint64_t		 start_ms;	/* monotonic */
	uint64_t		 next_tick;
	uint64_t		 next_beat;

	struct fohp_decoder	 dec;
	struct fohp_msg		*in;		/* decoded request */
	struct fohp_msg		*out;		/* message being sent */
	msgpack_sbuffer		 buf;
	struct agent_stats	 stats;
};

/* Fill the envelope of the outgoing message for kind. */
static struct fohp_msg *
agent_envelope(struct agent *a, enum fohp_kind kind)
{
	struct fohp_msg	*m = a->out;

	m->v = FOHP_VERSION;
	memcpy(m->venue, a->conf.id, sizeof(m->venue));
	m->epoch = a->epoch;
	m->ts_ms = clock_wall_ms();
	m->kind = kind;
	return (m);
}

/* Encode and publish the outgoing message, then apply it to our state. */
static void
agent_publish(struct agent *a, uint64_t now_ms)
{
	struct fohp_msg	*m = a->out;
	struct fohp_err	 err;

	m->seq = ++a->seq;
	msgpack_sbuffer_clear(&a->buf);
	if (fohp_encode(&a->buf, m, 1, &err) != FOHP_OK) {
		fprintf(stderr, "fohd: error: %s: cannot encode %s: %s\n",
		    a->conf.id, fohp_kind_name(m->kind), err.text);
		a->seq--;
		return;
	}
	if (transport_send(a->pub, a->buf.data, a->buf.size) != 0)
		a->stats.send_fail++;
	else
		a->stats.published++;
	store_apply(a->store, a->venue, m, now_ms);
}

/* Fill hello fields. */
static void
agent_hello(struct agent *a, struct fohp_hello *h, uint64_t now_ms)
{
	memset(h, 0, sizeof(*h));
	snprintf(h->agent, sizeof(h->agent), "fohd %s", PACKAGE_VERSION);
	memcpy(h->name, a->conf.layout.name, sizeof(h->name));
	h->hb_ms = a->conf.hb_ms;
	h->uptime_ms = now_ms - a->start_ms;
}

/* Step the simulator and publish each zone whose count changed. */
static void
agent_tick(struct agent *a, uint64_t now_ms)
{
	const struct fohp_layout	*l = &a->conf.layout;
	uint32_t			 counts[FOHP_ZONES_MAX];
	unsigned			 i;

	sim_counts(&a->sim, (double)(now_ms - a->start_ms) / 1000.0, counts);
	for (i = 0; i < l->nzones; i++) {
		struct fohp_msg		*m;
		struct fohp_zone	*z;

		if (a->have_counts && counts[i] == a->counts[i])
			continue;
		a->counts[i] = counts[i];
		m = agent_envelope(a, FOHP_ZONE);
		z = &m->u.zone;
		memset(z, 0, sizeof(*z));
		memcpy(z->zone, l->zones[i].id, sizeof(z->zone));
		z->count = counts[i];
		z->density = counts[i] / l->zones[i].area_m2;
		if (z->density > FOHP_DENSITY_MAX)
			z->density = FOHP_DENSITY_MAX;
		z->band = band_of(z->density, l->zones[i].kind);
		z->t_ms = m->ts_ms;
		agent_publish(a, now_ms);
	}
	a->have_counts = 1;
}

/* Fill the outgoing message with an error answer. */
static void
agent_refusal(struct agent *a, uint64_t id, const char *code,
    const char *field, const char *text)
{
	struct fohp_msg	*m = agent_envelope(a, FOHP_ERROR);

	memset(&m->u.error, 0, sizeof(m->u.error));
	m->u.error.id = id;
	snprintf(m->u.error.code, sizeof(m->u.error.code), "%s", code);
	snprintf(m->u.error.field, sizeof(m->u.error.field), "%s", field);
	snprintf(m->u.error.text, sizeof(m->u.error.text), "%s", text);
	a->stats.bad_requests++;
}

/*
 * Build the answer to the request in a->in (rv is how its decoding went):
 * a snapshot, or a refusal that says why (PROTOCOL.md 6.9, 6.10).
 */
static void
agent_build_answer(struct agent *a, int rv, const struct fohp_err *derr)
{
	const struct fohp_request	*r = &a->in->u.request;
	struct fohp_msg			*m;
	char				 text[FOHP_TEXT_MAX];

	if (rv == FOHP_EVERSION)
		agent_refusal(a, 0, "unsupported", "v", derr->text);
	else if (rv != FOHP_OK)
		agent_refusal(a, 0, "bad-request", derr->field, derr->text);
	else if (a->in->kind != FOHP_REQUEST) {
		snprintf(text, sizeof(text), "kind \"%s\" is not a request",
		    fohp_kind_name(a->in->kind));
		agent_refusal(a, 0, "bad-request", "kind", text);
	} else if (a->in->venue[0] != '\0' &&
	    strcmp(a->in->venue, a->conf.id) != 0) {
		snprintf(text, sizeof(text), "this agent serves venue \"%s\", "
		    "not \"%s\"", a->conf.id, a->in->venue);
		agent_refusal(a, r->id, "bad-request", "venue", text);
	} else if (strcmp(r->op, "snapshot") != 0) {
		snprintf(text, sizeof(text), "op \"%s\" is not supported by "
		    "this agent", r->op);
		agent_refusal(a, r->id, "unsupported", "op", text);
	} else {
		m = agent_envelope(a, FOHP_SNAPSHOT);
		store_snapshot(a->venue, &m->u.snapshot);
		agent_hello(a, &m->u.snapshot.hello, clock_mono_ms());
	}
	/* A snapshot covers, and an error reports, everything sent so far. */
	a->out->seq = a->seq;
}

/* Answer one control request: build, encode, send. */
static void
agent_answer(struct agent *a, int rv, const struct fohp_err *derr)
{
	struct fohp_err	err;
	uint64_t	id = rv == FOHP_OK ? a->in->u.request.id : 0;
	int		erv;

	agent_build_answer(a, rv, derr);
	msgpack_sbuffer_clear(&a->buf);
	if ((erv = fohp_encode(&a->buf, a->out, 0, &err)) != FOHP_OK) {
		fprintf(stderr, "fohd: error: %s: cannot encode answer: %s\n",
		    a->conf.id, err.text);
		agent_refusal(a, id, erv == FOHP_ENOSPACE ? "too-large" :
		    "internal", "", err.text);
		a->out->seq = a->seq;
		msgpack_sbuffer_clear(&a->buf);
		(void)fohp_encode(&a->buf, a->out, 0, &err);
	}
	if (nng_send(a->rep, a->buf.data, a->buf.size, 0) == 0)
		a->stats.requests++;
}

/* Read and answer every waiting control request. */
static void
agent_requests(struct agent *a)
{
	void		*data;
	size_t		 len;
	struct fohp_err	 err;
	int		 rv;

	while (nng_recv(a->rep, &data, &len,
	    NNG_FLAG_ALLOC | NNG_FLAG_NONBLOCK) == 0) {
		rv = fohp_decode(&a->dec, data, len, 0, a->in, &err);
		nng_free(data, len);
		if (rv != FOHP_OK)
			fprintf(stderr, "fohd: warning: %s: bad control "
			    "request: %s\n", a->conf.id, err.text);
		agent_answer(a, rv, &err);
	}
}

/* Publish a hello or heartbeat. */
static void
agent_beat(struct agent *a, enum fohp_kind kind, uint64_t now_ms)
{
	struct fohp_msg	*m = agent_envelope(a, kind);

	agent_hello(a, &m->u.hello, now_ms);
	agent_publish(a, now_ms);
}

/* Open an agent and start listening. */
struct agent *
agent_open(const struct vconf *conf, char *err, size_t errlen)
{
	struct agent	*a;
	struct fohp_msg	*m;
	uint64_t	 now = clock_mono_ms();

	if ((a = calloc(1, sizeof(*a))) == NULL) {
		snprintf(err, errlen, "%s: out of memory", conf->id);
		return (NULL);
	}
	msgpack_sbuffer_init(&a->buf);
	fohp_decoder_init(&a->dec);
	if ((a->in = malloc(sizeof(*a->in))) == NULL ||
	    (a->out = malloc(sizeof(*a->out))) == NULL ||
	    (a->store = store_new()) == NULL ||
	    (a->venue = store_venue_add(a->store, conf->id)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", conf->id);
		goto fail;
	}
	a->conf = *conf;
	sim_init(&a->sim, &conf->layout, conf->surge, conf->seed);
	if (transport_pub_listen(&a->pub, conf->stream, err, errlen) != 0)
		goto fail;
	if (transport_rep_listen(&a->rep, conf->control, err, errlen) != 0) {
		nng_close(a->pub);
		goto fail;
	}
	transport_recv_fd(a->rep, &a->rep_fd);
	a->epoch = clock_wall_ms();
	a->start_ms = now;
	a->venue->hb_ms = conf->hb_ms;

	agent_beat(a, FOHP_HELLO, now);
	m = agent_envelope(a, FOHP_LAYOUT);
	m->u.layout = conf->layout;
	agent_publish(a, now);
	agent_tick(a, now);
	a->next_tick = now + conf->tick_ms;
	a->next_beat = now + conf->hb_ms;
	return (a);
fail:
	store_free(a->store);
	free(a->in);
	free(a->out);
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
	nng_close(a->pub);
	nng_close(a->rep);
	fohp_decoder_fini(&a->dec);
	msgpack_sbuffer_destroy(&a->buf);
	store_free(a->store);
	free(a->in);
	free(a->out);
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
	return (a->next_tick < a->next_beat ? a->next_tick : a->next_beat);
}

/* Do what is due. */
void
agent_service(struct agent *a, uint64_t now_ms)
{
	agent_requests(a);
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
}

/* The agent's counters. */
const struct agent_stats *
agent_stats(const struct agent *a)
{
	return (&a->stats);
}
