/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-nats-pub.c: an agent's NATS link, its own thread and nats.c's
 * callbacks (PROTOCOL.md 14.2, 14.4).
 *
 * The thread (agent_nats_main) connects (nats.c keeps reconnecting), then
 * loops: while connected, it re-syncs when it must, else publishes the
 * outbox's head and waits for JetStream's acknowledgement; while not, it
 * waits. Each message goes to foh.VENUE.KIND with Foh-Epoch, Foh-Seq,
 * Foh-Stream-Seq = N, Nats-Expected-Last-Sequence = N - 1 and
 * Nats-Msg-Id = VENUE.EPOCH.SEQ, so JetStream stores it at exactly N or
 * refuses it, and stores it once even when it is sent twice.
 *
 * Re-syncing, at each connect and after anything that leaves in doubt
 * where the stream stands (a wrong last sequence, a lost acknowledgement,
 * any refusal): create or update the stream, read its last sequence L
 * and the Foh-Epoch and Foh-Seq of the message stored there, drop from the
 * outbox's head what that shows stored already (same epoch, seq up to
 * it), and carry on at L + 1. So nothing is stored twice and nothing kept
 * is skipped: the message in doubt is either stored (and dropped here) or
 * not (and sent again).
 *
 * Callbacks, on nats.c's threads: connected and reconnected (re-sync),
 * disconnected, errors (a permissions violation: counted, logged), and
 * the control subscription's messages (queued for the agent's thread,
 * agent-nats.c). They touch only atomics and what struct agent_nats's
 * mutex guards.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "agent-nats-priv.h"
#include "lib/clock.h"
#include "lib/text.h"

/* Count a refusal; log it unless one was logged in the last while. */
void
agent_nats_refused(struct agent_nats *n, struct agent_nats_refusal *r,
    const char *what, const char *text)
{
	uint64_t	now = clock_mono_ms(), v;

	v = atomic_fetch_add(&r->n, 1) + 1;
	pthread_mutex_lock(&n->mtx);
	if (r->log_ms != 0 && now - r->log_ms < AGENT_NATS_LOG_MS) {
		pthread_mutex_unlock(&n->mtx);
		return;
	}
	fprintf(stderr, "fohd: warning: %s: NATS %s %s: %s (%llu since "
	    "the last line)\n", n->venue, what, r == &n->timeouts ?
	    "unanswered" : "refused", text,
	    (unsigned long long)(v - r->logged));
	r->logged = v;
	r->log_ms = now != 0 ? now : 1;
	pthread_mutex_unlock(&n->mtx);
}

/* nats.c: an asynchronous error, e.g. a permissions violation. */
static void
agent_nats_on_error(natsConnection *nc, natsSubscription *sub, natsStatus s,
    void *arg)
{
	struct agent_nats	*n = arg;
	const char		*text = NULL;

	(void)sub;
	(void)natsConnection_GetLastError(nc, &text);
	if (text == NULL || *text == '\0')
		text = natsconn_error(s);
	if (s == NATS_NOT_PERMITTED || strstr(text, "ermissions") != NULL)
		agent_nats_refused(n, &n->permission, "permission", text);
	else
		fprintf(stderr, "fohd: warning: %s: NATS: %s\n", n->venue,
		    text);
}

/* nats.c: connected (at last) or reconnected: re-sync before publishing. */
static void
agent_nats_on_connect(natsConnection *nc, void *arg)
{
	struct agent_nats	*n = arg;

	(void)nc;
	atomic_store(&n->connected, 1);
	pthread_mutex_lock(&n->mtx);
	n->resync = 1;
	pthread_cond_broadcast(&n->cond);
	pthread_mutex_unlock(&n->mtx);
}

/* nats.c: the link is down; publishing waits. */
static void
agent_nats_on_disconnect(natsConnection *nc, void *arg)
{
	struct agent_nats	*n = arg;

	(void)nc;
	atomic_store(&n->connected, 0);
}

/* nats.c: a control request: queue it for the agent's thread. */
static void
agent_nats_on_ctl(natsConnection *nc, natsSubscription *sub, natsMsg *msg,
    void *arg)
{
	struct agent_nats	*n = arg;
	struct agent_nats_req	*r = NULL;
	const char		*reply = natsMsg_GetReply(msg);
	size_t			 len = (size_t)natsMsg_GetDataLength(msg);
	size_t			 rlen;

	(void)nc;
	(void)sub;
	if (reply == NULL || *reply == '\0') {
		natsMsg_Destroy(msg);	/* not a request: nobody to answer */
		return;
	}
	rlen = strlen(reply) + 1;
	if ((r = malloc(sizeof(*r) + len + rlen)) != NULL) {
		r->next = NULL;
		r->len = len;
		memcpy(r->body, natsMsg_GetData(msg), len);
		r->reply = (char *)r->body + len;
		memcpy(r->reply, reply, rlen);
	}
	natsMsg_Destroy(msg);
	if (r == NULL)
		return;
	pthread_mutex_lock(&n->mtx);
	if (n->nreqs >= AGENT_NATS_REQS_MAX) {
		pthread_mutex_unlock(&n->mtx);
		free(r);	/* the requester times out and retries */
		return;
	}
	if (n->rtail != NULL)
		n->rtail->next = r;
	else
		n->rhead = r;
	n->rtail = r;
	n->nreqs++;
	pthread_mutex_unlock(&n->mtx);
	if (write(n->pipe[1], "r", 1) < 0) {
		/* Full: a wake-up is pending already. */
	}
}

/* nats.c: the control subscription will call back no more. */
static void
agent_nats_on_sub_done(void *arg)
{
	struct agent_nats	*n = arg;

	pthread_mutex_lock(&n->mtx);
	n->sub_done = 1;
	pthread_cond_broadcast(&n->cond);
	pthread_mutex_unlock(&n->mtx);
}

/* Add the callbacks to the options (agent_nats_start). */
int
agent_nats_callbacks(struct agent_nats *n, char *err, size_t errlen)
{
	natsStatus	s;

	if ((s = natsOptions_SetErrorHandler(n->opts, agent_nats_on_error,
	    n)) != NATS_OK || (s = natsOptions_SetDisconnectedCB(n->opts,
	    agent_nats_on_disconnect, n)) != NATS_OK ||
	    (s = natsOptions_SetReconnectedCB(n->opts, agent_nats_on_connect,
	    n)) != NATS_OK || (s = natsOptions_SetRetryOnFailedConnect(n->opts,
	    true, agent_nats_on_connect, n)) != NATS_OK ||
	    (s = natsOptions_SetWriteDeadline(n->opts,
	    AGENT_NATS_WRITE_MS)) != NATS_OK) {
		text_error(err, errlen, "callbacks: %s", natsconn_error(s));
		return (-1);
	}
	return (0);
}

/* Wait on the condition for at most ms. Locked. */
static void
agent_nats_wait(struct agent_nats *n, uint64_t ms)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += (time_t)(ms / 1000);
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	(void)pthread_cond_timedwait(&n->cond, &n->mtx, &ts);
}

/* A JetStream failure's words: the server's text, or the library's. */
static const char *
agent_nats_why(natsStatus s, jsErrCode jerr, char *buf, size_t len)
{
	const char	*last = nats_GetLastError(NULL);

	if (last != NULL && *last != '\0')
		snprintf(buf, len, "%s (error %d)", last, (int)jerr);
	else
		snprintf(buf, len, "%s (error %d)", natsconn_error(s),
		    (int)jerr);
	return (buf);
}

/* Create the stream, or make its config ours. Unlocked. 0, or -1. */
static int
agent_nats_stream(struct agent_nats *n, jsStreamInfo **si)
{
	jsStreamConfig	 cfg;
	const char	*subjects[AGENT_NATS_KINDS];
	jsErrCode	 jerr = 0;
	natsStatus	 s;
	char		 why[512], what[128];
	unsigned	 i;

	jsStreamConfig_Init(&cfg);
	for (i = 0; i < AGENT_NATS_KINDS; i++)
		subjects[i] = n->subjects[i];
	cfg.Name = n->stream;
	cfg.Subjects = subjects;
	cfg.SubjectsLen = AGENT_NATS_KINDS;
	cfg.Retention = js_LimitsPolicy;
	cfg.Discard = js_DiscardOld;
	cfg.Storage = js_FileStorage;
	cfg.MaxAge = (int64_t)n->max_age_ms * 1000000;
	cfg.MaxBytes = (int64_t)n->max_bytes;
	cfg.AllowDirect = true;
	s = js_AddStream(si, n->js, &cfg, NULL, &jerr);
	if (s != NATS_OK && jerr == JSStreamNameExistErr) {
		jerr = 0;
		s = js_UpdateStream(si, n->js, &cfg, NULL, &jerr);
	}
	if (s == NATS_OK)
		return (0);
	snprintf(what, sizeof(what), "stream %s", n->stream);
	if (s == NATS_TIMEOUT)	/* no answer: not a refusal (permissions?) */
		agent_nats_refused(n, &n->timeouts, what, "no answer from "
		    "JetStream (is it enabled, may this user use its API?)");
	else if (s == NATS_NOT_PERMITTED)
		agent_nats_refused(n, &n->permission, what, agent_nats_why(s,
		    jerr, why, sizeof(why)));
	else
		agent_nats_refused(n, &n->refused_stream, what,
		    agent_nats_why(s, jerr, why, sizeof(why)));
	return (-1);
}

/* The JetStream domain: [nats] domain, else the server's. Unlocked. */
static void
agent_nats_domain(struct agent_nats *n)
{
	jsAccountInfo	*ai = NULL;
	jsErrCode	 jerr = 0;

	if (n->conf_domain[0] != '\0')
		return;
	if (js_GetAccountInfo(&ai, n->js, NULL, &jerr) != NATS_OK)
		return;
	pthread_mutex_lock(&n->mtx);
	text_copy(n->domain, sizeof(n->domain), ai->Domain != NULL ?
	    ai->Domain : "");
	pthread_mutex_unlock(&n->mtx);
	jsAccountInfo_Destroy(ai);
}

/* A decimal header of m, or 0. */
static uint64_t
agent_nats_header(natsMsg *m, const char *key)
{
	const char	*v = NULL;

	if (natsMsgHeader_Get(m, key, &v) != NATS_OK || v == NULL)
		return (0);
	return (strtoull(v, NULL, 10));
}

/*
 * Re-sync: the stream as ours, its last sequence, and what of the outbox
 * it holds already (dropped). *held is the message in flight (or NULL),
 * freed if stored. Unlocked. 0, or -1 (try again later).
 */
static int
agent_nats_resync(struct agent_nats *n, struct agent_nats_item **held)
{
	jsStreamInfo		*si = NULL;
	natsMsg			*m = NULL;
	jsErrCode		 jerr = 0;
	uint64_t		 last, epoch = 0, seq = 0;
	struct agent_nats_item	*it;

	if (agent_nats_stream(n, &si) != 0)
		return (-1);
	last = si->State.LastSeq;
	jsStreamInfo_Destroy(si);
	if (last > 0 && js_GetMsg(&m, n->js, n->stream, last, NULL, &jerr) ==
	    NATS_OK) {
		epoch = agent_nats_header(m, "Foh-Epoch");
		seq = agent_nats_header(m, "Foh-Seq");
		natsMsg_Destroy(m);
	}
	agent_nats_domain(n);
	pthread_mutex_lock(&n->mtx);
	if (*held != NULL && (*held)->epoch == epoch && (*held)->seq <= seq) {
		free(*held);
		*held = NULL;
		atomic_fetch_sub(&n->count, 1);
	}
	while ((it = n->head) != NULL && it->epoch == epoch && it->seq <= seq) {
		n->head = it->next;
		if (n->head == NULL)
			n->tail = NULL;
		n->bytes -= it->len;
		atomic_fetch_sub(&n->count, 1);
		free(it);
	}
	n->next = last + 1;
	n->resync = 0;
	pthread_mutex_unlock(&n->mtx);
	atomic_fetch_add(&n->resyncs, 1);
	return (0);
}

/* Set a decimal header. */
static natsStatus
agent_nats_set(natsMsg *m, const char *key, uint64_t v)
{
	char	buf[24];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	return (natsMsgHeader_Set(m, key, buf));
}

/* The subject of a kind, or NULL if the stream does not keep it. */
static const char *
agent_nats_subject(struct agent_nats *n, enum fohp_kind k)
{
	unsigned	i;

	for (i = 0; i < AGENT_NATS_KINDS; i++) {
		if (n->kinds[i] == k)
			return (n->subjects[i]);
	}
	return (NULL);
}

/*
 * Publish it at stream sequence at and wait for the acknowledgement.
 * 1 stored there, 0 not stored (re-sync, then again), -1 never storable
 * (drop it), -2 the link is down (wait, then again).
 */
static int
agent_nats_send(struct agent_nats *n, const struct agent_nats_item *it,
    uint64_t at)
{
	const char	*subject = agent_nats_subject(n, it->kind);
	natsMsg		*m = NULL;
	jsPubAck	*pa = NULL;
	jsPubOptions	 po;
	jsErrCode	 jerr = 0;
	natsStatus	 s;
	char		 id[FOHP_ID_MAX + 48], why[512];
	int		 rv;

	if (subject == NULL)
		return (-1);
	snprintf(id, sizeof(id), "%s.%" PRIu64 ".%" PRIu64, n->venue,
	    it->epoch, it->seq);
	if ((s = natsMsg_Create(&m, subject, NULL, (const char *)it->body,
	    (int)it->len)) != NATS_OK ||
	    (s = agent_nats_set(m, "Foh-Epoch", it->epoch)) != NATS_OK ||
	    (s = agent_nats_set(m, "Foh-Seq", it->seq)) != NATS_OK ||
	    (s = agent_nats_set(m, "Foh-Stream-Seq", at)) != NATS_OK ||
	    (s = natsMsgHeader_Set(m, "Nats-Msg-Id", id)) != NATS_OK ||
	    (s = agent_nats_set(m, "Nats-Expected-Last-Sequence", at - 1)) !=
	    NATS_OK) {
		natsMsg_Destroy(m);
		return (0);
	}
	jsPubOptions_Init(&po);
	po.MaxWait = AGENT_NATS_WAIT_MS;
	s = js_PublishMsg(&pa, n->js, m, &po, &jerr);
	natsMsg_Destroy(m);
	if (s == NATS_OK) {
		rv = pa->Sequence == at && !pa->Duplicate ? 1 : 0;
		jsPubAck_Destroy(pa);
		return (rv);	/* a duplicate: stored before; re-sync */
	}
	if (s == NATS_MAX_PAYLOAD) {
		snprintf(why, sizeof(why), "%s %s: larger than the server "
		    "takes; dropped", subject, id);
		agent_nats_refused(n, &n->refused_stream, "message", why);
		return (-1);
	}
	if (jerr == JSStreamWrongLastSequenceErr || s == NATS_TIMEOUT)
		return (0);	/* in doubt: re-sync says */
	if (natsConnection_Status(n->nc) != NATS_CONN_STATUS_CONNECTED)
		return (-2);
	snprintf(id, sizeof(id), "message on %s", subject);
	agent_nats_refused(n, s == NATS_NOT_PERMITTED ? &n->permission :
	    &n->refused_stream, id, agent_nats_why(s, jerr, why,
	    sizeof(why)));
	return (0);
}

/* Put a message not stored back at the outbox's head. Locked. */
static void
agent_nats_unpop(struct agent_nats *n, struct agent_nats_item *it)
{
	it->next = n->head;
	n->head = it;
	if (n->tail == NULL)
		n->tail = it;
	n->bytes += it->len;
	/* A full outbox drops its oldest: this one first. */
	if (n->bytes > n->cap) {
		n->bytes -= it->len;
		n->head = it->next;
		if (n->head == NULL)
			n->tail = NULL;
		atomic_fetch_sub(&n->count, 1);
		atomic_fetch_add(&n->dropped, 1);
		free(it);
	}
}

/* Connect, subscribe to control. Unlocked. 0, or -1 (logged). */
static int
agent_nats_connect(struct agent_nats *n)
{
	jsOptions	jo;
	natsStatus	s;

	s = natsConnection_Connect(&n->nc, n->opts);
	if (s != NATS_OK && s != NATS_NOT_YET_CONNECTED) {
		fprintf(stderr, "fohd: error: %s: NATS %s: %s\n", n->venue,
		    n->url, natsconn_error(s));
		return (-1);
	}
	if (s == NATS_OK)
		agent_nats_on_connect(n->nc, n);
	else
		fprintf(stderr, "fohd: warning: %s: NATS %s not reached yet; "
		    "publishing waits in the outbox\n", n->venue, n->url);
	jsOptions_Init(&jo);
	jo.Wait = AGENT_NATS_WAIT_MS;
	if (n->conf_domain[0] != '\0')
		jo.Domain = n->conf_domain;
	if ((s = natsConnection_JetStream(&n->js, n->nc, &jo)) != NATS_OK ||
	    (s = natsConnection_Subscribe(&n->sub, n->nc, n->ctl,
	    agent_nats_on_ctl, n)) != NATS_OK ||
	    (s = natsSubscription_SetPendingLimits(n->sub, 256,
	    64 * 1024 * 1024)) != NATS_OK ||
	    (s = natsSubscription_SetOnCompleteCB(n->sub,
	    agent_nats_on_sub_done, n)) != NATS_OK) {
		fprintf(stderr, "fohd: error: %s: NATS %s: control on %s: %s\n",
		    n->venue, n->url, n->ctl, natsconn_error(s));
		return (-1);
	}
	return (0);
}

/* Unsubscribe, wait for the last callback, close. Unlocked. */
static void
agent_nats_disconnect(struct agent_nats *n)
{
	int	i;

	if (n->sub != NULL) {
		if (natsSubscription_Unsubscribe(n->sub) == NATS_OK) {
			pthread_mutex_lock(&n->mtx);
			for (i = 0; i < 20 && !n->sub_done; i++)
				agent_nats_wait(n, 50);
			pthread_mutex_unlock(&n->mtx);
		}
		natsSubscription_Destroy(n->sub);
	}
	if (n->js != NULL)
		jsCtx_Destroy(n->js);
	if (n->nc != NULL) {
		natsConnection_Close(n->nc);
		natsConnection_Destroy(n->nc);
	}
	atomic_store(&n->connected, 0);
}

/* The link's thread: connect, then publish in order, re-syncing. */
void *
agent_nats_main(void *arg)
{
	struct agent_nats	*n = arg;
	struct agent_nats_item	*it = NULL;
	uint64_t		 deadline = 0, at;
	int			 rv;

	if (agent_nats_connect(n) != 0) {
		agent_nats_disconnect(n);
		return (NULL);
	}
	pthread_mutex_lock(&n->mtx);
	for (;;) {
		if (n->stop && deadline == 0)
			deadline = clock_mono_ms() + AGENT_NATS_DRAIN_MS;
		if (n->stop && (n->head == NULL || !atomic_load(&n->connected) ||
		    clock_mono_ms() >= deadline))
			break;
		if (!atomic_load(&n->connected) ||
		    natsConnection_Status(n->nc) != NATS_CONN_STATUS_CONNECTED) {
			agent_nats_wait(n, 250);
			continue;
		}
		if (n->resync) {
			pthread_mutex_unlock(&n->mtx);
			rv = agent_nats_resync(n, &it);
			pthread_mutex_lock(&n->mtx);
			if (it != NULL) {	/* not stored: first again */
				agent_nats_unpop(n, it);
				it = NULL;
			}
			if (rv != 0)
				agent_nats_wait(n, AGENT_NATS_BACKOFF_MS);
			continue;
		}
		if ((it = n->head) == NULL) {
			agent_nats_wait(n, 1000);
			continue;
		}
		n->head = it->next;
		if (n->head == NULL)
			n->tail = NULL;
		n->bytes -= it->len;
		at = n->next;
		pthread_mutex_unlock(&n->mtx);
		rv = agent_nats_send(n, it, at);
		pthread_mutex_lock(&n->mtx);
		if (rv == 1 || rv == -1) {
			if (rv == 1) {
				n->next = at + 1;
				atomic_fetch_add(&n->published, 1);
			} else
				atomic_fetch_add(&n->dropped, 1);
			atomic_fetch_sub(&n->count, 1);
			free(it);
			it = NULL;
			continue;
		}
		/* Not stored, or in doubt: re-sync with it held. */
		n->resync = 1;
		if (rv == -2) {
			agent_nats_unpop(n, it);
			it = NULL;
			agent_nats_wait(n, 250);
		}
	}
	pthread_mutex_unlock(&n->mtx);
	if (it != NULL)
		free(it);
	agent_nats_disconnect(n);
	return (NULL);
}
