/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-nats.c: an agent's NATS link, its side in the agent's thread.
 *
 * The outbox: agent_publish hands each stream message's body (without
 * nng's topic) to agent_nats_push (agent-nats-box.c), which copies it to
 * the tail of a list bounded in bytes by [nats] outbox; past that the
 * oldest messages are dropped and counted. It never waits for the link's
 * thread but for the mutex, which that thread holds only to move list
 * heads. The thread (agent-nats-pub.c) takes a window off the head,
 * publishes it (agent-nats-js.c), and puts back what was not stored.
 * This file starts and stops the thread, answers control, and renders
 * the link's metrics; who owns what: struct agent owns its struct
 * agent_nats (agent_nats_close frees it after joining the thread), the
 * outbox owns its items, and a request taken off the queue is the
 * agent's thread's to free.
 *
 * Control: nats.c's delivery thread queues each request on foh.VENUE.ctl
 * and writes a byte to a pipe; the caller's loop watches the pipe's other
 * end (agent_nats_fd) and agent_service calls agent_nats_service, which
 * answers each request with agent_control_bytes, exactly as one from the
 * control socket but as a network peer ("nats", [control] tcp policy,
 * audit transport "nats"), to its reply subject with the headers
 * Foh-Stream and Foh-Domain.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent-nats-priv.h"
#include "agent-nats.h"
#include "agent-priv.h"
#include "lib/text.h"
#include "metrics-priv.h"

/* Start the link: options (TLS files read now), the pipe, the thread. */
int
agent_nats_start(struct agent *a, const char *path, char *err, size_t errlen)
{
	struct agent_nats	*n = a->nats;
	struct natsconn_url	 u;
	struct transport_tls	 tls;
	char			 why[512], name[FOHP_ID_MAX + 8];
	int			 i;

	if (n == NULL || n->started)
		return (0);
	if (natsconn_parse(a->conf.nats_url, &u, why, sizeof(why)) != 0) {
		text_error(err, errlen, "%s:%d: [nats]: %s", path,
		    a->conf.nats_line, why);
		return (-1);
	}
	memset(&tls, 0, sizeof(tls));
	tls.ca = a->conf.nats_ca;
	tls.cert = a->conf.nats_cert;
	tls.key = a->conf.nats_key;
	snprintf(name, sizeof(name), "fohd %s", a->conf.id);
	if (natsconn_options(&n->opts, &u, &tls, name, why, sizeof(why)) != 0) {
		text_error(err, errlen, "%s:%d: [nats]: %s", path,
		    a->conf.nats_line, why);
		return (-1);
	}
	if (agent_nats_callbacks(n, why, sizeof(why)) != 0) {
		text_error(err, errlen, "%s:%d: [nats]: %s", path,
		    a->conf.nats_line, why);
		return (-1);
	}
	if (pipe(n->pipe) != 0) {
		text_error(err, errlen, "%s:%d: [nats]: pipe: %s", path,
		    a->conf.nats_line, strerror(errno));
		return (-1);
	}
	for (i = 0; i < 2; i++) {
		(void)fcntl(n->pipe[i], F_SETFL, O_NONBLOCK);
		(void)fcntl(n->pipe[i], F_SETFD, FD_CLOEXEC);
	}
	if (pthread_create(&n->thread, NULL, agent_nats_main, n) != 0) {
		text_error(err, errlen, "%s:%d: [nats]: cannot start its "
		    "thread", path, a->conf.nats_line);
		return (-1);
	}
	n->started = 1;
	fprintf(stderr, "fohd: info: %s: publishing to NATS %s, stream %s "
	    "(outbox %llu bytes); control on %s\n", a->conf.id, n->url,
	    n->stream, (unsigned long long)n->cap, n->ctl);
	return (0);
}

/* The pipe's read end, or -1. */
int
agent_nats_fd(const struct agent *a)
{
	return (a->nats != NULL && a->nats->started ? a->nats->pipe[0] : -1);
}

/* Answer one request from NATS to its reply subject, with the headers. */
static void
agent_nats_answer(struct agent *a, struct agent_nats_req *r)
{
	struct agent_nats	*n = a->nats;
	struct agent_from	 from;
	natsMsg			*m = NULL;
	const void		*ans;
	size_t			 len;
	char			 domain[FOHP_ID_MAX];
	natsStatus		 s;

	memset(&from, 0, sizeof(from));
	from.kind = VCONF_PEER_TCP;
	from.uid = -1;
	from.peer = "nats";
	from.transport = "nats";
	agent_control_bytes(a, r->body, r->len, &from, &ans, &len);
	pthread_mutex_lock(&n->mtx);
	text_copy(domain, sizeof(domain), n->domain);
	pthread_mutex_unlock(&n->mtx);
	/* No empty Foh-Domain: nats.c 3.4.1 reads the next header as its
	 * value (PROTOCOL.md 14.4: absent means the requester's own). */
	if ((s = natsMsg_Create(&m, r->reply, NULL, ans, (int)len)) !=
	    NATS_OK || (s = natsMsgHeader_Set(m, "Foh-Stream",
	    n->stream)) != NATS_OK || (domain[0] != '\0' &&
	    (s = natsMsgHeader_Set(m, "Foh-Domain", domain)) != NATS_OK) ||
	    (s = natsConnection_PublishMsg(n->nc, m)) != NATS_OK)
		fprintf(stderr, "fohd: warning: %s: NATS: answer to %s not "
		    "sent: %s\n", a->conf.id, r->reply, natsconn_error(s));
	else {
		a->stats.requests++;
		atomic_fetch_add(&n->requests, 1);
	}
	natsMsg_Destroy(m);
}

/* Answer the control requests NATS delivered (the agent's thread). */
void
agent_nats_service(struct agent *a)
{
	struct agent_nats	*n = a->nats;
	struct agent_nats_req	*r;
	char			 drain[64];

	if (n == NULL || !n->started)
		return;
	while (read(n->pipe[0], drain, sizeof(drain)) > 0)
		;
	for (;;) {
		pthread_mutex_lock(&n->mtx);
		if ((r = n->rhead) != NULL) {
			n->rhead = r->next;
			if (n->rhead == NULL)
				n->rtail = NULL;
			n->nreqs--;
		}
		pthread_mutex_unlock(&n->mtx);
		if (r == NULL)
			return;
		agent_nats_answer(a, r);
		free(r);
	}
}

/* SIGHUP: the link keeps its settings; say so if they changed. */
void
agent_nats_reload(struct agent *a, const struct vconf *next)
{
	const struct vconf	*c = &a->conf;

	if (strcmp(c->nats_url, next->nats_url) != 0 ||
	    strcmp(c->nats_ca, next->nats_ca) != 0 ||
	    strcmp(c->nats_cert, next->nats_cert) != 0 ||
	    strcmp(c->nats_key, next->nats_key) != 0 ||
	    strcmp(c->nats_stream, next->nats_stream) != 0 ||
	    strcmp(c->nats_domain, next->nats_domain) != 0 ||
	    c->nats_max_age_ms != next->nats_max_age_ms ||
	    c->nats_max_bytes != next->nats_max_bytes ||
	    c->nats_outbox_bytes != next->nats_outbox_bytes)
		fprintf(stderr, "fohd: warning: SIGHUP: [nats] changes only "
		    "on restart; the link to %s stays as it is\n",
		    a->nats != NULL ? a->nats->url : "(none)");
}

/* Stop the thread (it publishes what it can for a moment) and free all. */
void
agent_nats_close(struct agent *a)
{
	struct agent_nats	*n = a->nats;
	struct agent_nats_item	*it;
	struct agent_nats_req	*r;

	if (n == NULL)
		return;
	if (n->started) {
		pthread_mutex_lock(&n->mtx);
		n->stop = 1;
		pthread_cond_broadcast(&n->cond);
		pthread_mutex_unlock(&n->mtx);
		pthread_join(n->thread, NULL);
	}
	while ((it = n->head) != NULL) {
		n->head = it->next;
		free(it);
	}
	while ((r = n->rhead) != NULL) {
		n->rhead = r->next;
		free(r);
	}
	if (n->opts != NULL)
		natsOptions_Destroy(n->opts);
	if (n->pipe[0] >= 0)
		close(n->pipe[0]);
	if (n->pipe[1] >= 0)
		close(n->pipe[1]);
	pthread_cond_destroy(&n->cond);
	pthread_mutex_destroy(&n->mtx);
	free(n);
	a->nats = NULL;
}

/* Append one series (after its HELP and TYPE if help is not NULL). */
static void
agent_nats_series(struct metrics_out *o, const char *name,
    const char *type, const char *help, const char *label, uint64_t v)
{
	if (help != NULL)
		metrics_family(o, name, type, help);
	metrics_printf(o, "%s%s %llu\n", name, label, (unsigned long long)v);
}

/* The link's series. */
size_t
agent_nats_metrics(const struct agent *a, char *buf, size_t len)
{
	struct agent_nats	*n = a->nats;
	struct metrics_out	 o = { buf, len, 0 };

	if (n == NULL)
		return (0);
	agent_nats_series(&o, "fohd_nats_connected", "gauge", "1 while the "
	    "link to the NATS server is up.", "", (uint64_t)atomic_load(
	    &n->connected));
	agent_nats_series(&o, "fohd_nats_published_total", "counter",
	    "Stream messages stored in the JetStream stream.", "",
	    atomic_load(&n->published));
	agent_nats_series(&o, "fohd_nats_dropped_total", "counter", "Stream "
	    "messages never published to NATS: the outbox overflowed (oldest "
	    "first) or one was larger than the server takes.", "",
	    atomic_load(&n->dropped));
	agent_nats_series(&o, "fohd_nats_outbox_messages", "gauge", "Stream "
	    "messages waiting to be published to NATS.", "",
	    atomic_load(&n->count));
	agent_nats_series(&o, "fohd_nats_refused_total", "counter", "What "
	    "the NATS server refused: permission (a permissions violation: "
	    "these credentials may not publish or subscribe there), stream "
	    "(JetStream refused a message or the stream).",
	    "{reason=\"permission\"}", atomic_load(&n->permission.n));
	agent_nats_series(&o, "fohd_nats_refused_total", NULL, NULL,
	    "{reason=\"stream\"}", atomic_load(&n->refused_stream.n));
	agent_nats_series(&o, "fohd_nats_resyncs_total", "counter", "Times "
	    "the stream's last stored message was read to carry on from it: "
	    "at each connect, after a refusal or a lost acknowledgement.", "",
	    atomic_load(&n->resyncs));
	agent_nats_series(&o, "fohd_nats_requests_total", "counter", "Control "
	    "requests from foh.VENUE.ctl answered.", "",
	    atomic_load(&n->requests));
	return (o.used);
}
