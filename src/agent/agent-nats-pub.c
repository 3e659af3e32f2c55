/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-nats-pub.c: an agent's NATS link, its own thread and nats.c's
 * callbacks (PROTOCOL.md 14.2, 14.4).
 *
 * The thread (agent_nats_main) connects (nats.c keeps reconnecting), then
 * loops: while connected, it re-syncs when it must (at each connect, and
 * after anything that leaves in doubt where the stream stands), else
 * publishes a window off the outbox's head and reads its
 * acknowledgements (agent-nats-js.c says how, and why nothing is stored
 * twice or skipped); while not connected, it waits. At stop it goes on
 * for up to AGENT_NATS_DRAIN_MS while it is connected and has messages.
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
		agent_nats_refused(n, &n->busy, "request", "dropped: the "
		    "agent has 64 requests from NATS waiting already");
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

	clock_deadline(&ts, CLOCK_REALTIME, ms);
	n->waiting = 1;
	(void)pthread_cond_timedwait(&n->cond, &n->mtx, &ts);
	n->waiting = 0;
}

/* Connect; subscribe to control and to acknowledgements. Unlocked. */
static int
agent_nats_connect(struct agent_nats *n)
{
	jsOptions	 jo;
	natsInbox	*inbox = NULL;
	natsStatus	 s;
	char		 acks[80];

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
	if ((s = natsInbox_Create(&inbox)) != NATS_OK) {
		fprintf(stderr, "fohd: error: %s: NATS: inbox: %s\n", n->venue,
		    natsconn_error(s));
		return (-1);
	}
	text_copy(n->inbox, sizeof(n->inbox), inbox);
	natsInbox_Destroy(inbox);
	snprintf(acks, sizeof(acks), "%s.>", n->inbox);
	if ((s = natsConnection_JetStream(&n->js, n->nc, &jo)) != NATS_OK ||
	    (s = natsConnection_SubscribeSync(&n->acks, n->nc, acks)) !=
	    NATS_OK ||
	    (s = natsSubscription_SetPendingLimits(n->acks, -1, -1)) !=
	    NATS_OK ||
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
	if (n->acks != NULL)
		natsSubscription_Destroy(n->acks);
	if (n->js != NULL)
		jsCtx_Destroy(n->js);
	if (n->nc != NULL) {
		natsConnection_Close(n->nc);
		natsConnection_Destroy(n->nc);
	}
	atomic_store(&n->connected, 0);
}

/*
 * Publish a window off the outbox's head (agent-nats-js.c); free what was
 * stored, put the rest back in order. Locked (unlocked while it waits).
 */
static void
agent_nats_publish(struct agent_nats *n)
{
	struct agent_nats_item	*win[AGENT_NATS_WINDOW], *it;
	size_t			 bytes = 0;
	uint64_t		 at = n->next;
	unsigned		 k = 0, got, i;
	int			 dropped;

	while (k < AGENT_NATS_WINDOW && (it = n->head) != NULL &&
	    (k == 0 || bytes + it->len <= AGENT_NATS_WINDOW_BYTES)) {
		n->head = it->next;
		if (n->head == NULL)
			n->tail = NULL;
		n->bytes -= it->len;
		bytes += it->len;
		win[k++] = it;
	}
	pthread_mutex_unlock(&n->mtx);
	got = agent_nats_window(n, win, k, at, &dropped);
	pthread_mutex_lock(&n->mtx);
	for (i = 0; i < got; i++)
		free(win[i]);
	atomic_fetch_add(&n->published, got);
	n->next = at + got;
	if (got == 0 && dropped) {	/* never storable */
		free(win[0]);
		atomic_fetch_add(&n->dropped, 1);
		i = 1;
	}
	atomic_fetch_sub(&n->count, i);
	if (i == k)
		return;
	while (k > i) {		/* back at the head, in order */
		it = win[--k];
		it->next = n->head;
		n->head = it;
		if (n->tail == NULL)
			n->tail = it;
		n->bytes += it->len;
	}
	agent_nats_trim(n);
	if (!dropped)
		n->resync = 1;	/* refused, or in doubt */
	if (!dropped && natsConnection_Status(n->nc) !=
	    NATS_CONN_STATUS_CONNECTED)
		agent_nats_wait(n, 250);
}

/* The link's thread: connect, then publish in order, re-syncing. */
void *
agent_nats_main(void *arg)
{
	struct agent_nats	*n = arg;
	uint64_t		 deadline = 0;
	int			 rv;

	if (agent_nats_connect(n) != 0) {
		/* Logged; wait for the stop: the agent's thread may still be
		 * answering a request on this connection. */
		pthread_mutex_lock(&n->mtx);
		while (!n->stop)
			agent_nats_wait(n, 1000);
		pthread_mutex_unlock(&n->mtx);
		agent_nats_disconnect(n);
		return (NULL);
	}
	pthread_mutex_lock(&n->mtx);
	for (;;) {
		if (n->stop && deadline == 0)
			deadline = clock_mono_ms() + AGENT_NATS_DRAIN_MS;
		if (n->stop && (n->head == NULL ||
		    !atomic_load(&n->connected) || clock_mono_ms() >= deadline))
			break;
		if (!atomic_load(&n->connected) ||
		    natsConnection_Status(n->nc) !=
		    NATS_CONN_STATUS_CONNECTED) {
			agent_nats_wait(n, 250);
			continue;
		}
		if (n->resync) {
			pthread_mutex_unlock(&n->mtx);
			rv = agent_nats_resync(n);
			pthread_mutex_lock(&n->mtx);
			if (rv != 0)
				agent_nats_wait(n, AGENT_NATS_BACKOFF_MS);
			continue;
		}
		if (n->head == NULL) {
			agent_nats_wait(n, 1000);
			continue;
		}
		agent_nats_publish(n);
	}
	pthread_mutex_unlock(&n->mtx);
	agent_nats_disconnect(n);
	return (NULL);
}
