/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-nats-box.c: an agent's NATS outbox, made with the agent when
 * [nats] url is set (so the first hello and layout are kept) and fed by
 * agent_publish on the agent's thread; its trimming to the cap, and the
 * refusals' counts and rate-limited log lines, which both threads use.
 * It calls none of the agent's other files (agent-pub.c calls it;
 * agent-nats.c calls agent-control.c, which calls agent-pub.c). The
 * consumer is the link's thread (agent-nats-pub.c, agent-nats-js.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent-nats-priv.h"
#include "agent-priv.h"
#include "lib/clock.h"
#include "lib/text.h"

/* The kinds stored in the stream, one subject each (PROTOCOL.md 14.1). */
static const enum fohp_kind agent_nats_kinds[AGENT_NATS_KINDS] = {
	FOHP_HELLO, FOHP_HEARTBEAT, FOHP_LAYOUT, FOHP_ZONE, FOHP_EQUIP,
	FOHP_DRIFT, FOHP_ALERT, FOHP_GATE, FOHP_ACTION, FOHP_RASTER
};

/* url for logs: without a USER:PASS@ it may hold. */
static void
agent_nats_url(char *out, size_t len, const char *url)
{
	const char	*s = strstr(url, "://"), *at = strrchr(url, '@');

	if (s == NULL || at == NULL)
		text_copy(out, len, url);
	else
		snprintf(out, len, "%.*s%s", (int)(s + 3 - url), url, at + 1);
}

/*
 * Make the link of an agent whose config has [nats] url, before it
 * publishes anything: the outbox and the settings, no thread yet. 0, or
 * -1 with err.
 */
int
agent_nats_open(struct agent *a, char *err, size_t errlen)
{
	struct agent_nats	*n;
	const struct vconf	*c = &a->conf;
	unsigned		 i;

	if (c->nats_url[0] == '\0')
		return (0);
	if ((n = calloc(1, sizeof(*n))) == NULL) {
		text_error(err, errlen, "%s: [nats]: out of memory", c->id);
		return (-1);
	}
	pthread_mutex_init(&n->mtx, NULL);
	pthread_cond_init(&n->cond, NULL);
	n->pipe[0] = n->pipe[1] = -1;
	text_copy(n->venue, sizeof(n->venue), c->id);
	text_copy(n->stream, sizeof(n->stream), c->nats_stream);
	text_copy(n->conf_domain, sizeof(n->conf_domain), c->nats_domain);
	text_copy(n->domain, sizeof(n->domain), c->nats_domain);
	agent_nats_url(n->url, sizeof(n->url), c->nats_url);
	for (i = 0; i < AGENT_NATS_KINDS; i++) {
		n->kinds[i] = agent_nats_kinds[i];
		natsconn_subject(n->subjects[i], sizeof(n->subjects[i]), c->id,
		    fohp_kind_name(agent_nats_kinds[i]));
	}
	natsconn_subject(n->ctl, sizeof(n->ctl), c->id, "ctl");
	n->max_age_ms = c->nats_max_age_ms;
	n->max_bytes = c->nats_max_bytes;
	n->cap = c->nats_outbox_bytes;
	n->resync = 1;
	a->nats = n;
	return (0);
}

/* Drop the oldest messages until the outbox fits its cap. Locked. */
void
agent_nats_trim(struct agent_nats *n)
{
	struct agent_nats_item	*it;

	while (n->bytes > n->cap && (it = n->head) != NULL) {
		n->head = it->next;
		if (n->head == NULL)
			n->tail = NULL;
		n->bytes -= it->len;
		atomic_fetch_sub(&n->count, 1);
		atomic_fetch_add(&n->dropped, 1);
		free(it);
	}
}

/*
 * Hand the stream message just published (a->buf: topic, NUL, body) to
 * the outbox. Never waits on the network; a message that cannot be kept
 * (out of memory) is counted dropped.
 */
void
agent_nats_push(struct agent *a, const struct fohp_msg *m)
{
	struct agent_nats	*n = a->nats;
	struct agent_nats_item	*it;
	const char		*nul;
	size_t			 len;

	if (n == NULL)
		return;
	if ((nul = memchr(a->buf.data, '\0', a->buf.size)) == NULL)
		return;
	len = a->buf.size - (size_t)(nul + 1 - a->buf.data);
	if ((it = malloc(sizeof(*it) + len)) == NULL) {
		atomic_fetch_add(&n->dropped, 1);
		return;
	}
	it->next = NULL;
	it->epoch = m->epoch;
	it->seq = m->seq;
	it->kind = m->kind;
	it->len = len;
	memcpy(it->body, nul + 1, len);
	pthread_mutex_lock(&n->mtx);
	if (n->tail != NULL)
		n->tail->next = it;
	else
		n->head = it;
	n->tail = it;
	n->bytes += len;
	atomic_fetch_add(&n->count, 1);
	agent_nats_trim(n);
	if (n->waiting)		/* else it comes back for more by itself */
		pthread_cond_signal(&n->cond);
	pthread_mutex_unlock(&n->mtx);
}

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
	    "unanswered" : r == &n->busy ? "not served" : "refused", text,
	    (unsigned long long)(v - r->logged));
	r->logged = v;
	r->log_ms = now != 0 ? now : 1;
	pthread_mutex_unlock(&n->mtx);
}
