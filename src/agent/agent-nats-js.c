/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-nats-js.c: what the NATS link's thread asks of JetStream
 * (PROTOCOL.md 14.2, 14.4): the stream made ours, re-syncing, and
 * publishing a window of the outbox.
 *
 * A window is up to AGENT_NATS_WINDOW messages of the outbox's head sent
 * back to back, the one at stream sequence N with Foh-Epoch, Foh-Seq,
 * Foh-Stream-Seq = N, Nats-Expected-Last-Sequence = N - 1 and
 * Nats-Msg-Id = VENUE.EPOCH.SEQ, each with its own reply subject
 * (INBOX.WINDOW.I), then their acknowledgements read in order. JetStream
 * stores each at exactly N or refuses it, and once a message is refused
 * every later one of the window is too (its expected last sequence is
 * wrong), so what was stored is always a prefix of the window. Whatever
 * goes wrong (a refusal, a lost or late acknowledgement, an
 * acknowledgement of another sequence) ends the window: the rest goes
 * back to the outbox's head and the thread re-syncs.
 *
 * Re-syncing: create the stream or make its config ours, read its last
 * sequence L and the Foh-Epoch and Foh-Seq of the message stored there,
 * drop from the outbox's head what that shows stored already (same epoch,
 * seq up to it), and carry on at L + 1. So nothing is stored twice (and
 * Nats-Msg-Id makes JetStream store a repeat once anyway) and nothing kept
 * is skipped.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent-nats-priv.h"
#include "lib/text.h"

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

/* Re-sync (the essay above). Unlocked. 0, or -1 (try again later). */
int
agent_nats_resync(struct agent_nats *n)
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
	while ((it = n->head) != NULL && it->epoch == epoch && it->seq <= seq) {
		n->head = it->next;
		if (n->head == NULL)
			n->tail = NULL;
		n->bytes -= it->len;
		atomic_fetch_sub(&n->count, 1);
		atomic_fetch_add(&n->published, 1);	/* stored before */
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

/* Send it, to be stored at sequence at, answered on reply. */
static natsStatus
agent_nats_one(struct agent_nats *n, const struct agent_nats_item *it,
    const char *subject, uint64_t at, const char *reply)
{
	natsMsg		*m = NULL;
	natsStatus	 s;
	char		 id[FOHP_ID_MAX + 48];

	snprintf(id, sizeof(id), "%s.%" PRIu64 ".%" PRIu64, n->venue,
	    it->epoch, it->seq);
	if ((s = natsMsg_Create(&m, subject, reply, (const char *)it->body,
	    (int)it->len)) == NATS_OK &&
	    (s = agent_nats_set(m, "Foh-Epoch", it->epoch)) == NATS_OK &&
	    (s = agent_nats_set(m, "Foh-Seq", it->seq)) == NATS_OK &&
	    (s = agent_nats_set(m, "Foh-Stream-Seq", at)) == NATS_OK &&
	    (s = natsMsgHeader_Set(m, "Nats-Msg-Id", id)) == NATS_OK &&
	    (s = agent_nats_set(m, "Nats-Expected-Last-Sequence", at - 1)) ==
	    NATS_OK)
		s = natsConnection_PublishMsg(n->nc, m);
	natsMsg_Destroy(m);
	return (s);
}

/*
 * One acknowledgement of the window w, for its message i stored (if all is
 * well) at at: 1 stored there, 0 not (say why if it is a refusal), -1 it
 * is another window's (ignore it).
 */
static int
agent_nats_ack(struct agent_nats *n, natsMsg *m, uint64_t w, unsigned i,
    uint64_t at)
{
	const char	*subj = natsMsg_GetSubject(m), *p;
	char		 want[96], d[512];
	int		 len = natsMsg_GetDataLength(m);

	snprintf(want, sizeof(want), "%s.%" PRIu64 ".", n->inbox, w);
	if (strncmp(subj, want, strlen(want)) != 0)
		return (-1);
	if (strtoul(subj + strlen(want), NULL, 10) != i)
		return (0);
	if (natsMsg_IsNoResponders(m)) {
		agent_nats_refused(n, &n->refused_stream, "message",
		    "no stream takes it (deleted?)");
		return (0);
	}
	if (len <= 0 || natsMsg_GetData(m) == NULL)
		return (0);
	snprintf(d, sizeof(d), "%.*s", len, natsMsg_GetData(m));
	if (strstr(d, "\"error\"") != NULL) {
		/* A wrong last sequence is the re-sync's, not a refusal. */
		if (strstr(d, "10071") == NULL)
			agent_nats_refused(n, &n->refused_stream, "message",
			    d);
		return (0);
	}
	if (strstr(d, "\"duplicate\":true") != NULL ||
	    (p = strstr(d, "\"seq\":")) == NULL)
		return (0);	/* stored before: the re-sync sees it */
	return (strtoull(p + 6, NULL, 10) == at ? 1 : 0);
}

/*
 * Publish the k messages its[] at sequences at, at + 1, ... and wait for
 * their acknowledgements: how many were stored, in order (the rest were
 * not, or are in doubt: re-sync). *dropped: its[0] can never be stored
 * (larger than the server takes): the caller drops it.
 */
unsigned
agent_nats_window(struct agent_nats *n, struct agent_nats_item **its,
    unsigned k, uint64_t at, int *dropped)
{
	const char	*subject;
	natsMsg		*m = NULL;
	natsStatus	 s;
	char		 reply[96], why[256];
	unsigned	 i, sent, got = 0;
	int		 rv;

	*dropped = 0;
	n->window++;
	for (sent = 0; sent < k; sent++) {
		if ((subject = agent_nats_subject(n, its[sent]->kind)) ==
		    NULL)
			break;
		snprintf(reply, sizeof(reply), "%s.%" PRIu64 ".%u", n->inbox,
		    n->window, sent);
		if ((s = agent_nats_one(n, its[sent], subject, at + sent,
		    reply)) == NATS_OK)
			continue;
		if (s == NATS_MAX_PAYLOAD && sent == 0) {
			snprintf(why, sizeof(why), "%s seq %" PRIu64 ": "
			    "larger than the server takes; dropped", subject,
			    its[0]->seq);
			agent_nats_refused(n, &n->refused_stream, "message",
			    why);
			*dropped = 1;
		}
		break;
	}
	if (sent == 0 && k > 0 && !*dropped &&
	    agent_nats_subject(n, its[0]->kind) == NULL)
		*dropped = 1;	/* a kind the stream does not keep */
	for (i = 0; got < sent && i < 4 * sent + 4; i++) {
		if (natsSubscription_NextMsg(&m, n->acks,
		    AGENT_NATS_WAIT_MS) != NATS_OK)
			break;	/* lost: in doubt */
		rv = agent_nats_ack(n, m, n->window, got, at + got);
		natsMsg_Destroy(m);
		if (rv == 0)
			break;
		if (rv == 1)
			got++;
	}
	return (got);
}
