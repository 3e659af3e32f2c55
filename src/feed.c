/*
 * feed.c: one venue's stream and control, applied to the store.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nng/nng.h>

#include "clock.h"
#include "feed.h"
#include "transport.h"

/* Set up the shared decoder and scratch message. */
int
feed_ctx_init(struct feed_ctx *c, struct store *s)
{
	memset(c, 0, sizeof(*c));
	c->store = s;
	if ((c->msg = malloc(sizeof(*c->msg))) == NULL)
		return (-1);
	if (fohp_decoder_init(&c->dec) != FOHP_OK) {
		free(c->msg);
		return (-1);
	}
	msgpack_sbuffer_init(&c->buf);
	return (0);
}

/* Free the shared context. */
void
feed_ctx_fini(struct feed_ctx *c)
{
	fohp_decoder_fini(&c->dec);
	msgpack_sbuffer_destroy(&c->buf);
	free(c->msg);
}

/* Derive the control URL from the stream URL. */
int
feed_control_url(const char *stream, char *out, size_t len)
{
	const char	*colon;
	size_t		 n = strlen(stream);
	char		*end;
	unsigned long	 port;

	if (strncmp(stream, "tcp://", 6) == 0) {
		if ((colon = strrchr(stream + 6, ':')) == NULL)
			return (-1);
		port = strtoul(colon + 1, &end, 10);
		if (*end != '\0' || port == 0 || port >= 65535)
			return (-1);
		if ((size_t)snprintf(out, len, "%.*s:%lu",
		    (int)(colon - stream), stream, port + 1) >= len)
			return (-1);
		return (0);
	}
	if (strncmp(stream, "ipc://", 6) == 0 ||
	    strncmp(stream, "inproc://", 9) == 0) {
		if (n > 4 && strcmp(stream + n - 4, ".pub") == 0) {
			if ((size_t)snprintf(out, len, "%.*s.ctl",
			    (int)(n - 4), stream) >= len)
				return (-1);
		} else if ((size_t)snprintf(out, len, "%s.ctl", stream) >= len)
			return (-1);
		return (0);
	}
	return (-1);
}

/* The control URL as given, else derived from the stream URL. */
int
feed_control_of(const char *stream, const char *control, char *out,
    size_t len)
{
	if (control == NULL || control[0] == '\0')
		return (feed_control_url(stream, out, len));
	if (strlen(control) >= len)
		return (-1);
	strcpy(out, control);
	return (0);
}

/* nng calls this (on its own thread) as stream pipes come and go. */
static void
feed_pipe_event(nng_pipe p, nng_pipe_ev ev, void *arg)
{
	struct feed	*f = arg;

	if (ev == NNG_PIPE_EV_ADD_POST)
		atomic_fetch_add(&f->pipes, 1);
	else if (ev == NNG_PIPE_EV_REM_POST)
		atomic_fetch_sub(&f->pipes, 1);
}

/* Open a feed. */
int
feed_open(struct feed *f, const char *stream, const char *control,
    struct store_venue *v, char *err, size_t errlen)
{
	char	prefix[FOHP_TOPIC_MAX];

	memset(f, 0, sizeof(*f));
	atomic_init(&f->pipes, 0);
	f->venue = v;
	f->ctl_fd = -1;
	if (strlen(stream) >= sizeof(f->stream)) {
		snprintf(err, errlen, "stream URL too long: %s", stream);
		return (-1);
	}
	strcpy(f->stream, stream);
	if (feed_control_of(stream, control, f->control,
	    sizeof(f->control)) != 0) {
		if (control != NULL && control[0] != '\0')
			snprintf(err, errlen, "control URL too long: %s",
			    control);
		else
			snprintf(err, errlen, "cannot derive a control URL "
			    "from %s: give it as STREAM,CONTROL", stream);
		return (-1);
	}
	/* Subscribe to the venue's whole prefix, or to all if unknown. */
	if (v->id[0] != '\0')
		snprintf(prefix, sizeof(prefix), "foh/%s/", v->id);
	else
		snprintf(prefix, sizeof(prefix), "foh/");
	if (transport_sub_dial(&f->sub, f->stream, prefix, feed_pipe_event, f,
	    err, errlen) != 0)
		return (-1);
	if (transport_receiver_init(&f->rx, f->sub) != 0) {
		snprintf(err, errlen, "out of memory");
		nng_close(f->sub);
		return (-1);
	}
	if (transport_req_dial(&f->req, f->control, err, errlen) != 0) {
		transport_receiver_fini(&f->rx);
		nng_close(f->sub);
		return (-1);
	}
	transport_recv_fd(f->sub, &f->sub_fd);
	transport_recv_fd(f->req, &f->req_fd);
	return (0);
}

/* Close a feed. */
void
feed_close(struct feed *f)
{
	nng_close(f->sub);
	transport_receiver_fini(&f->rx);
	nng_close(f->req);
	if (f->ctl_fd >= 0)
		nng_close(f->ctl);
}

/* Queue an operator request. */
int
feed_op(struct feed *f, const struct feed_op *op, char *err, size_t errlen)
{
	if (f->ctl_fd < 0) {
		if (transport_req_dial(&f->ctl, f->control, err, errlen) != 0)
			return (-1);
		transport_recv_fd(f->ctl, &f->ctl_fd);
	}
	if (f->nops == FEED_OPS_MAX) {
		snprintf(err, errlen, "too many requests waiting for %s",
		    f->venue->name);
		return (-1);
	}
	f->ops[f->nops++] = *op;
	return (0);
}

/* Take the last answer's words. */
int
feed_take_answer(struct feed *f, char *buf, size_t len)
{
	if (!f->has_answer)
		return (0);
	snprintf(buf, len, "%s", f->answer);
	f->has_answer = 0;
	return (1);
}

/* Send the next queued operator request if none is in flight. */
static void
feed_ops_send(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct fohp_msg		*m = c->msg;
	struct fohp_request	*r = &m->u.request;
	const struct feed_op	*op;
	struct fohp_err		 err;

	if (f->op_pending && now_ms - f->op_sent_ms > FEED_OP_TIMEOUT_MS) {
		snprintf(f->answer, sizeof(f->answer), "%s: no answer from "
		    "%s in %d s", f->ops[0].op, f->venue->name,
		    FEED_OP_TIMEOUT_MS / 1000);
		f->has_answer = 1;
		f->op_pending = 0;
		memmove(&f->ops[0], &f->ops[1], --f->nops * sizeof(f->ops[0]));
	}
	if (f->op_pending || f->nops == 0)
		return;
	op = &f->ops[0];
	memset(m, 0, sizeof(*m));
	m->v = FOHP_VERSION;
	memcpy(m->venue, f->venue->id, sizeof(m->venue));
	m->kind = FOHP_REQUEST;
	/* Ids unique across runs of this console: time in ms and a count. */
	r->id = f->op_id = (now_ms << 8) + (++f->req_id & 0xff);
	memcpy(r->op, op->op, sizeof(r->op));
	memcpy(r->operator_name, op->operator_name, sizeof(r->operator_name));
	r->alert = op->alert;
	memcpy(r->comment, op->comment, sizeof(r->comment));
	r->expiry_s = op->expiry_s;
	r->duration_s = op->duration_s;
	memcpy(r->reason, op->reason, sizeof(r->reason));
	msgpack_sbuffer_clear(&c->buf);
	if (fohp_encode(&c->buf, m, 0, &err) != FOHP_OK) {
		snprintf(f->answer, sizeof(f->answer), "%s not sent: %s",
		    op->op, err.text);
		f->has_answer = 1;
		memmove(&f->ops[0], &f->ops[1], --f->nops * sizeof(f->ops[0]));
		return;
	}
	if (nng_send(f->ctl, c->buf.data, c->buf.size, NNG_FLAG_NONBLOCK) != 0)
		return;	/* not connected yet: next time */
	f->op_pending = 1;
	f->op_sent_ms = now_ms;
}

/* Read the answer to an operator request, apply the alert it carries. */
static unsigned
feed_ops_answers(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	void		*data;
	size_t		 len;
	struct fohp_err	 err;
	unsigned	 flags = 0;
	struct fohp_msg	*m = c->msg;

	if (f->ctl_fd < 0)
		return (0);
	while (nng_recv(f->ctl, &data, &len,
	    NNG_FLAG_ALLOC | NNG_FLAG_NONBLOCK) == 0) {
		int rv = fohp_decode(&c->dec, data, len, 0, m, &err);

		nng_free(data, len);
		if (!f->op_pending)
			continue;
		f->op_pending = 0;
		if (rv != FOHP_OK)
			snprintf(f->answer, sizeof(f->answer), "%s: bad answer "
			    "from %s: %s", f->ops[0].op, f->venue->name,
			    err.text);
		else if (m->kind == FOHP_REPLY) {
			snprintf(f->answer, sizeof(f->answer), "%s: %s",
			    f->venue->name, m->u.reply.text);
			if (m->u.reply.has_alert) {
				/* The new state, before the stream has it. */
				m->kind = FOHP_ALERT;
				m->u.alert = m->u.reply.alert;
				m->seq = f->venue->last_seq;
				flags |= store_apply(c->store, f->venue, m,
				    now_ms);
			}
		} else if (m->kind == FOHP_ERROR)
			snprintf(f->answer, sizeof(f->answer), "%s refused by "
			    "%s: %s", f->ops[0].op, f->venue->name,
			    m->u.error.text);
		f->has_answer = 1;
		memmove(&f->ops[0], &f->ops[1], --f->nops * sizeof(f->ops[0]));
		flags |= STORE_DIRTY_ALERTS;
	}
	return (flags);
}

/* Send a snapshot request if one is wanted and none is in flight. */
static void
feed_request(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct fohp_msg	*m = c->msg;
	struct fohp_err	 err;

	if (f->req_pending && now_ms - f->req_sent_ms < FEED_SNAPSHOT_RETRY_MS)
		return;
	memset(m, 0, sizeof(m->v) + sizeof(m->venue) + sizeof(m->seq) +
	    sizeof(m->epoch) + sizeof(m->ts_ms));
	m->v = FOHP_VERSION;
	memcpy(m->venue, f->venue->id, sizeof(m->venue));
	m->kind = FOHP_REQUEST;
	memset(&m->u.request, 0, sizeof(m->u.request));
	m->u.request.id = ++f->req_id;
	snprintf(m->u.request.op, sizeof(m->u.request.op), "snapshot");
	msgpack_sbuffer_clear(&c->buf);
	if (fohp_encode(&c->buf, m, 0, &err) != FOHP_OK)
		return;
	if (nng_send(f->req, c->buf.data, c->buf.size, NNG_FLAG_NONBLOCK) != 0)
		return;	/* not connected yet: try again next time */
	f->req_pending = 1;
	f->req_alerts = 0;
	f->req_sent_ms = now_ms;
	f->venue->want_snapshot = 0;
}

/*
 * Ask for the maps of open alerts the last snapshot listed but did not
 * carry, at most FOHP_IDS_MAX at a time, on the snapshot's socket.
 */
static void
feed_request_alerts(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct fohp_msg		*m = c->msg;
	struct store_venue	*v = f->venue;
	struct fohp_err		 err;
	unsigned		 i;

	if (f->req_pending || v->want_snapshot || v->nmissing == 0)
		return;
	memset(m, 0, sizeof(m->v) + sizeof(m->venue) + sizeof(m->seq) +
	    sizeof(m->epoch) + sizeof(m->ts_ms));
	m->v = FOHP_VERSION;
	memcpy(m->venue, v->id, sizeof(m->venue));
	m->kind = FOHP_REQUEST;
	memset(&m->u.request, 0, sizeof(m->u.request));
	m->u.request.id = ++f->req_id;
	snprintf(m->u.request.op, sizeof(m->u.request.op), "alerts");
	f->nasked = v->nmissing < FOHP_IDS_MAX ? v->nmissing : FOHP_IDS_MAX;
	for (i = 0; i < f->nasked; i++)
		f->asked[i] = m->u.request.ids[i] = v->missing[i];
	m->u.request.nids = (uint16_t)f->nasked;
	msgpack_sbuffer_clear(&c->buf);
	if (fohp_encode(&c->buf, m, 0, &err) != FOHP_OK) {
		store_missing_clear(v);
		return;
	}
	if (nng_send(f->req, c->buf.data, c->buf.size, NNG_FLAG_NONBLOCK) != 0)
		return;	/* not connected yet: try again next time */
	f->req_pending = 1;
	f->req_alerts = 1;
	f->req_sent_ms = now_ms;
}

/*
 * The answer to op "alerts": take the maps (as of the answer's seq); ids
 * asked for and not answered are no longer kept by the agent, so they are
 * not missing any more either. A refusal (an agent that predates the op)
 * ends the asking until the next snapshot.
 */
static unsigned
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

/*
 * Apply a decoded message, counting what the decoder refused. A stream
 * message of a kind we do not know is still a published message: the
 * store counts it and moves its sequence on (PROTOCOL.md section 10).
 */
static unsigned
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

/* Drain the control socket: snapshot answers and refusals. */
static unsigned
feed_answers(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	void		*data;
	size_t		 len;
	struct fohp_err	 err;
	unsigned	 flags = 0;
	int		 rv;

	while (nng_recv(f->req, &data, &len,
	    NNG_FLAG_ALLOC | NNG_FLAG_NONBLOCK) == 0) {
		f->req_pending = 0;
		rv = fohp_decode(&c->dec, data, len, 0, c->msg, &err);
		nng_free(data, len);
		if (rv == FOHP_OK && c->msg->kind == FOHP_ERROR)
			f->answers_refused++;
		if (f->req_alerts) {
			if (rv != FOHP_OK)
				c->msg->kind = FOHP_UNKNOWN;
			flags |= feed_alerts_answer(f, c);
			continue;
		}
		if (rv == FOHP_OK && c->msg->kind == FOHP_ERROR)
			continue;
		flags |= feed_apply(f, c, rv, 0, now_ms);
	}
	feed_request_alerts(f, c, now_ms);
	return (flags);
}

/* Drain the stream, apply, and re-snapshot when needed. */
unsigned
feed_service(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	nng_msg		*msg;
	struct fohp_err	 err;
	unsigned	 flags = 0, n = 0;
	int		 rv;
	uint64_t	 wall = 0;

	while (n++ < 4096 && transport_receiver_recv(&f->rx, &msg, 1) == 0) {
		rv = fohp_decode(&c->dec, nng_msg_body(msg), nng_msg_len(msg),
		    1, c->msg, &err);
		nng_msg_free(msg);
		if (rv == FOHP_OK) {
			if (wall == 0)	/* once a batch: they came together */
				wall = clock_wall_ms();
			store_note_latency(f->venue,
			    (double)wall - (double)c->msg->ts_ms);
		}
		flags |= feed_apply(f, c, rv, 1, now_ms);
	}
	flags |= feed_answers(f, c, now_ms);
	flags |= feed_ops_answers(f, c, now_ms);
	feed_ops_send(f, c, now_ms);
	if (f->venue->want_snapshot || (f->req_pending &&
	    now_ms - f->req_sent_ms >= FEED_SNAPSHOT_RETRY_MS))
		feed_request(f, c, now_ms);

	if (atomic_load(&f->pipes) > 0) {
		/* Just (re)connected: take the state now, not at the next
		 * message, which from a quiet or frozen venue may be far. */
		if (!f->linked) {
			f->linked = 1;
			f->venue->want_snapshot = 1;
			feed_request(f, c, now_ms);
		}
		f->was_connected = 1;
		if (f->venue->link == STORE_LINK_OFFLINE)
			store_set_link(c->store, f->venue,
			    STORE_LINK_CONNECTING);
	} else {
		f->linked = 0;
		if (f->was_connected &&
		    f->venue->link != STORE_LINK_OFFLINE) {
			store_set_link(c->store, f->venue, STORE_LINK_OFFLINE);
			flags |= STORE_DIRTY_VENUES;
		}
	}
	return (flags & ~STORE_WANT_SNAPSHOT);
}
