/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * feed-ops.c: what a venue's feed does the same over nng (feed.c) and
 * through NATS (feed-nats.c): request ids and envelopes, the agent's clock,
 * an operator request's encoding (and signature) and its end, the answer
 * to op "alerts", op "summary" (the history view's numbers, issue 15),
 * and applying a decoded message to the store.
 */
#include "config.h"

#include <sys/random.h>

#include <stdarg.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lib/clock.h"
#include "feed-priv.h"

/* A random non-zero request id. */
uint64_t
feed_request_id(void)
{
	static uint64_t	count;
	uint64_t	id = 0;

	while (id == 0) {
		if (getrandom(&id, sizeof(id), 0) != (ssize_t)sizeof(id)) {
			/* No getrandom: time, pid and a count, mixed. */
			id = (clock_wall_ms() << 20) ^ ((uint64_t)getpid() <<
			    40) ^ (++count * 0x9e3779b97f4a7c15ULL);
		}
	}
	return (id);
}

/*
 * Start a request in m (caller-owned): the whole envelope (wall-clock ts,
 * no seq or epoch), venue (may be ""), op and a fresh random id; every
 * other request field zero.
 */
void
feed_request_init(struct fohp_msg *m, const char *venue, const char *op)
{
	memset(m, 0, offsetof(struct fohp_msg, u));
	m->v = FOHP_VERSION;
	snprintf(m->venue, sizeof(m->venue), "%s", venue);
	m->kind = FOHP_REQUEST;
	m->ts_ms = clock_wall_ms();
	memset(&m->u.request, 0, sizeof(m->u.request));
	m->u.request.id = feed_request_id();
	snprintf(m->u.request.op, sizeof(m->u.request.op), "%s", op);
}

/* Note the ts of a message from the agent, for the clock estimate. */
void
feed_note_ts(struct feed *f, uint64_t ts_ms, uint64_t now_ms)
{
	if (ts_ms == 0)
		return;
	f->agent_ts = ts_ms;
	f->agent_heard = now_ms;
}

/* Say how operator request ops[0] ended (enum feed_end), and drop it. */
void
feed_op_end(struct feed *f, enum feed_end how_ended, const char *fmt, ...)
{
	const struct feed_op	*op = &f->ops[0];
	char			 how[FOHP_TEXT_MAX + 64];
	va_list			 ap;

	va_start(ap, fmt);
	vsnprintf(how, sizeof(how), fmt, ap);
	va_end(ap);
	snprintf(f->answer, sizeof(f->answer), "%s #%llu %s: %s", op->op,
	    (unsigned long long)op->alert, f->venue->id[0] != '\0' ?
	    f->venue->id : f->venue->name, how);
	f->has_answer = 1;
	f->ended[how_ended]++;
	f->op_pending = 0;
	f->wire_len = 0;
	memmove(&f->ops[0], &f->ops[1], --f->nops * sizeof(f->ops[0]));
}

/*
 * Encode request ops[0] into f->wire, signed with c's signer unless the
 * feed sends unsigned: 0, or -1 and err (why it cannot be sent).
 *
 * Signing through an ssh-agent is a round trip on its Unix socket, made
 * here on the console's one thread: it blocks the loop for about a
 * millisecond with a local agent, a network round trip with one forwarded
 * by `ssh -A`, and at most SIGNER_TIMEOUT_MS when the agent asks its user
 * to confirm (ssh-add -c). That is acceptable because it happens once per
 * request the user made, never for the stream; meanwhile nng keeps the
 * stream's messages in its receive buffer (8192), and a gap, if any, heals
 * by snapshot. The user is, in that case, at the agent's prompt.
 */
int
feed_op_encode(struct feed *f, struct feed_ctx *c, char *err, size_t errlen)
{
	struct fohp_msg		*m = c->msg;
	struct fohp_request	*r = &m->u.request;
	const struct feed_op	*op = &f->ops[0];
	struct fohp_err		 e;

	feed_request_init(m, f->venue->id, op->op);
	m->ts_ms = op->ts_ms;
	r->id = op->id;
	memcpy(r->operator_name, op->operator_name, sizeof(r->operator_name));
	r->alert = op->alert;
	memcpy(r->comment, op->comment, sizeof(r->comment));
	r->expiry_s = op->expiry_s;
	r->duration_s = op->duration_s;
	memcpy(r->reason, op->reason, sizeof(r->reason));
	r->ack_type = op->ack_type;
	r->deadline_ms = op->deadline_ms;
	msgpack_sbuffer_clear(&c->buf);
	if (c->signer != NULL && !f->no_sign) {
		if (signer_wrap(c->signer, m, &c->buf, err, errlen) != 0)
			return (-1);
	} else if (fohp_encode(&c->buf, m, 0, &e) != FOHP_OK) {
		snprintf(err, errlen, "%s", e.text);
		return (-1);
	}
	if (c->buf.size > sizeof(f->wire)) {
		snprintf(err, errlen, "request of %zu bytes, over %zu",
		    c->buf.size, sizeof(f->wire));
		return (-1);
	}
	memcpy(f->wire, c->buf.data, c->buf.size);
	f->wire_len = c->buf.size;
	return (0);
}

/*
 * The answer to op "alerts": take the maps (as of the answer's seq); ids
 * asked for and not answered are no longer kept by the agent, so they are
 * not missing any more either. A refusal (an agent that predates the op)
 * ends the asking until the next snapshot.
 */
unsigned
feed_alerts_answer(struct feed *f, struct feed_ctx *c)
{
	struct store_venue	*v = f->venue;
	const struct fohp_msg	*m = c->msg;
	unsigned		 i, j, flags = 0;

	f->req_alerts = 0;
	if (m->kind != FOHP_REPLY) {
		store_missing_clear(v);
		return (0);
	}
	flags = store_take_alerts(c->store, v, m->u.reply.alerts,
	    m->u.reply.nalerts, m->seq);
	for (i = 0; i < f->nasked; i++) {
		for (j = 0; j < v->nmissing; j++) {
			if (v->missing[j] == f->asked[i]) {
				v->missing[j] = v->missing[--v->nmissing];
				break;
			}
		}
	}
	f->nasked = 0;
	return (flags);
}

/* Ask for the venue's numbers over the last hours (feed.h). */
int
feed_summary(struct feed *f, unsigned hours)
{
	struct store_venue	*v = f->venue;

	if (v->summary == NULL &&
	    (v->summary = calloc(1, sizeof(*v->summary))) == NULL)
		return (-1);
	v->summary->want = hours;
	v->summary->hours = hours;
	v->summary->state = STORE_SUMMARY_ASKED;
	v->dirty |= STORE_DIRTY_VENUES;
	return (0);
}

/* Encode the summary request wanted, if any, into c->buf: 1, else 0. */
int
feed_summary_request(struct feed *f, struct feed_ctx *c)
{
	struct store_summary	*sm = f->venue->summary;
	struct fohp_err		 err;

	if (sm == NULL || sm->want == 0)
		return (0);
	feed_request_init(c->msg, f->venue->id, "summary");
	c->msg->u.request.hours = sm->want;
	f->req_id = c->msg->u.request.id;
	msgpack_sbuffer_clear(&c->buf);
	if (fohp_encode(&c->buf, c->msg, 0, &err) != FOHP_OK) {
		sm->want = 0;
		sm->state = STORE_SUMMARY_REFUSED;
		snprintf(sm->text, sizeof(sm->text), "%s", err.text);
		return (0);
	}
	return (1);
}

/*
 * The answer to op "summary": the numbers, or the refusal's words (an
 * agent without a journal, or one that predates the op). Kept in the
 * venue's store_summary for the history view.
 */
unsigned
feed_summary_answer(struct feed *f, struct feed_ctx *c, int rv)
{
	struct store_summary	*sm = f->venue->summary;
	const struct fohp_msg	*m = c->msg;

	f->req_summary = 0;
	if (sm == NULL)
		return (0);
	sm->got_ms = clock_mono_ms();	/* as feed_service's now_ms */
	if (rv == FOHP_OK && m->kind == FOHP_REPLY &&
	    m->u.reply.has_summary) {
		sm->state = STORE_SUMMARY_GOT;
		sm->sum = m->u.reply.summary;
		snprintf(sm->text, sizeof(sm->text), "%s", m->u.reply.text);
	} else {
		sm->state = STORE_SUMMARY_REFUSED;
		if (rv == FOHP_OK && m->kind == FOHP_ERROR)
			snprintf(sm->text, sizeof(sm->text), "%.31s: %.200s",
			    m->u.error.code, m->u.error.text);
		else
			snprintf(sm->text, sizeof(sm->text), "an answer that "
			    "could not be read (%s)", rv == FOHP_OK ?
			    fohp_kind_name(m->kind) : fohp_strerror(rv));
	}
	f->venue->dirty |= STORE_DIRTY_VENUES;
	return (STORE_DIRTY_VENUES);
}

/*
 * Apply a decoded message, counting what the decoder refused. A stream
 * message of a kind we do not know is still a published message: the
 * store counts it and moves its sequence on (PROTOCOL.md section 10).
 */
unsigned
feed_apply(struct feed *f, struct feed_ctx *c, int rv, int stream,
    uint64_t now_ms)
{
	if (rv == FOHP_EKIND) {
		if (stream)
			return (store_apply(c->store, f->venue, c->msg,
			    now_ms));
		f->venue->stats.unknown++;
		return (0);
	}
	if (rv != FOHP_OK) {
		f->venue->stats.rejects++;
		f->venue->dirty |= STORE_DIRTY_VENUES;
		return (STORE_DIRTY_VENUES);
	}
	return (store_apply(c->store, f->venue, c->msg, now_ms));
}

/* Take the answer to the snapshot or alerts request in flight. */
unsigned
feed_answer_take(struct feed *f, struct feed_ctx *c, int rv, uint64_t now_ms,
    int *snapshot)
{
	*snapshot = 0;
	f->req_pending = 0;
	if (rv == FOHP_OK)
		feed_note_ts(f, c->msg->ts_ms, now_ms);
	if (rv == FOHP_OK && c->msg->kind == FOHP_ERROR)
		f->answers_refused++;
	if (f->req_summary)
		return (feed_summary_answer(f, c, rv));
	if (f->req_alerts) {
		if (rv != FOHP_OK)
			c->msg->kind = FOHP_UNKNOWN;
		return (feed_alerts_answer(f, c));
	}
	*snapshot = !(rv == FOHP_OK && c->msg->kind == FOHP_ERROR);
	return (0);
}
