/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * feed.c: one venue's stream and control, applied to the store.
 */
#include "config.h"

#include <sys/random.h>

#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include <nng/nng.h>

#include "lib/clock.h"
#include "feed-priv.h"
#include "net/transport.h"
#include "net/natsconn.h"

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

	if (strncmp(stream, "tcp://", 6) == 0 ||
	    strncmp(stream, "tls+tcp://", 10) == 0) {
		if ((colon = strrchr(strstr(stream, "://") + 3, ':')) == NULL)
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

/* Keep a copy of tls's file names in f, for every dial of the feed. */
static int
feed_tls(struct feed *f, const struct transport_tls *tls, char *err,
    size_t errlen)
{
	if (tls == NULL)
		return (0);
	if (snprintf(f->tls_ca, sizeof(f->tls_ca), "%s", tls->ca != NULL ?
	    tls->ca : "") >= (int)sizeof(f->tls_ca) ||
	    snprintf(f->tls_cert, sizeof(f->tls_cert), "%s", tls->cert !=
	    NULL ? tls->cert : "") >= (int)sizeof(f->tls_cert) ||
	    snprintf(f->tls_key, sizeof(f->tls_key), "%s", tls->key != NULL ?
	    tls->key : "") >= (int)sizeof(f->tls_key)) {
		snprintf(err, errlen, "a TLS file name is too long");
		return (-1);
	}
	f->tls_files = *tls;
	f->tls_files.ca = f->tls_ca;
	f->tls_files.cert = f->tls_cert;
	f->tls_files.key = f->tls_key;
	f->tls_files.server_name = NULL;	/* the URL's host */
	f->tls = &f->tls_files;
	return (0);
}

/* Is url a venue through NATS? */
int
feed_url_nats(const char *url)
{
	return (natsconn_is_url(url));
}

/*
 * Shrink a console socket's queues from an agent's 8192 messages each way
 * (transport.c; 64 KiB each, a venue): recv for the stream (a gap, if it
 * overflows, heals by snapshot), 4 for a REQ. Failing costs memory only.
 */
static void
feed_bufs(nng_socket s, int recv)
{
	(void)nng_socket_set_int(s, NNG_OPT_SENDBUF, 4);
	(void)nng_socket_set_int(s, NNG_OPT_RECVBUF, recv);
}

/* Open a feed. */
int
feed_open(struct feed *f, const char *stream, const char *control,
    const struct transport_tls *tls, struct store_venue *v, char *err,
    size_t errlen)
{
	char	prefix[FOHP_TOPIC_MAX];

	memset(f, 0, sizeof(*f));
	atomic_init(&f->pipes, 0);
	f->venue = v;
	f->ctl_fd = -1;
	if (feed_url_nats(stream))
		return (feed_nats_open(f, stream, tls, err, errlen));
	if (strlen(stream) >= sizeof(f->stream)) {
		snprintf(err, errlen, "stream URL too long: %s", stream);
		return (-1);
	}
	strcpy(f->stream, stream);
	if (feed_tls(f, tls, err, errlen) != 0)
		return (-1);
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
	if (transport_sub_dial(&f->sub, f->stream, f->tls, prefix,
	    feed_pipe_event, f, &f->sub_dialer, err, errlen) != 0)
		return (-1);
	feed_bufs(f->sub, FEED_RECVBUF);
	if (transport_receiver_init(&f->rx, f->sub) != 0) {
		snprintf(err, errlen, "out of memory");
		nng_close(f->sub);
		return (-1);
	}
	if (transport_req_dial(&f->req, f->control, f->tls, NULL, err,
	    errlen) != 0) {
		transport_receiver_fini(&f->rx);
		nng_close(f->sub);
		return (-1);
	}
	feed_bufs(f->req, 4);
	transport_recv_fd(f->sub, &f->sub_fd);
	transport_recv_fd(f->req, &f->req_fd);
	return (0);
}

/* Close a feed. */
void
feed_close(struct feed *f)
{
	if (f->nats != NULL) {
		feed_nats_close(f);
		return;
	}
	nng_close(f->sub);
	transport_receiver_fini(&f->rx);
	nng_close(f->req);
	if (f->ctl_fd >= 0)
		nng_close(f->ctl);
}

/* The agent's clock now, from its latest message. */
uint64_t
feed_agent_clock(uint64_t last_ts, uint64_t heard_ms, uint64_t now_ms,
    uint64_t wall_ms)
{
	if (last_ts == 0)
		return (wall_ms);
	return (last_ts + (now_ms > heard_ms ? now_ms - heard_ms : 0));
}

/* A request's deadline on the agent's clock. */
uint64_t
feed_deadline(const struct feed *f, uint64_t now_ms, uint64_t wall_ms,
    uint64_t timeout_ms)
{
	return (feed_agent_clock(f->agent_ts, f->agent_heard, now_ms,
	    wall_ms) + timeout_ms);
}

/* Queue an operator request. */
int
feed_op(struct feed *f, const struct feed_op *op, uint64_t now_ms, char *err,
    size_t errlen)
{
	struct feed_op	*o;

	if (f->nops == FEED_OPS_MAX) {
		snprintf(err, errlen, "too many requests waiting for %s",
		    f->venue->name);
		return (-1);
	}
	o = &f->ops[f->nops++];
	*o = *op;
	o->id = feed_request_id();
	/* ts and deadline on the same estimate of the agent's clock. */
	o->ts_ms = feed_agent_clock(f->agent_ts, f->agent_heard, now_ms,
	    clock_wall_ms());
	o->deadline_ms = o->ts_ms + FEED_OP_TIMEOUT_MS;
	o->give_up_ms = clock_pace_ms() + FEED_OP_TIMEOUT_MS;
	return (0);
}

/* When the feed next gives up on a request. */
uint64_t
feed_give_up_at(const struct feed *f)
{
	return (f->nops > 0 ? f->ops[0].give_up_ms : 0);
}

/*
 * Take the last answer's words; when more than one request ended since
 * the last take (a bulk ack), how all of them ended after it.
 */
int
feed_take_answer(struct feed *f, char *buf, size_t len)
{
	static const char *const words[FEED_END_COUNT] = {
		[FEED_END_DONE] = "done", [FEED_END_REFUSED] = "refused",
		[FEED_END_LOST] = "not carried out",
		[FEED_END_UNCLEAR] = "answered badly",
	};
	unsigned	i, n = 0;
	size_t		o;

	if (!f->has_answer)
		return (0);
	for (i = 0; i < FEED_END_COUNT; i++)
		n += f->ended[i];
	o = (size_t)snprintf(buf, len, "%s", f->answer);
	for (i = 0; n > 1 && i < FEED_END_COUNT; i++) {
		if (f->ended[i] == 0 || o >= len)
			continue;
		o += (size_t)snprintf(buf + o, len - o, "%s%u %s",
		    o > strlen(f->answer) ? ", " : "; of the last requests: ",
		    f->ended[i], words[i]);
	}
	memset(f->ended, 0, sizeof(f->ended));
	f->has_answer = 0;
	return (1);
}

/*
 * Cancel the request in flight: close the REQ socket, which drops it (nng
 * would otherwise send it again when the link comes back). The next
 * request opens a new one.
 */
static void
feed_ops_cancel(struct feed *f)
{
	if (f->ctl_fd < 0)
		return;
	nng_close(f->ctl);
	f->ctl_fd = -1;
}

/*
 * Give up on the requests whose time is over ("not carried out"), then
 * send the next queued one if none is in flight: the bytes encoded (and
 * signed) for it the first time, again until one send takes them.
 */
static void
feed_ops_send(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	char			 e[512];
	uint64_t		 pace = clock_pace_ms();

	(void)now_ms;
	while (f->nops > 0 && pace >= f->ops[0].give_up_ms) {
		if (f->op_pending)
			feed_ops_cancel(f);
		feed_op_end(f, FEED_END_LOST, "not carried out: no answer in %d s",
		    FEED_OP_TIMEOUT_MS / 1000);
	}
	if (f->op_pending || f->nops == 0)
		return;
	if (f->ctl_fd < 0) {
		if (transport_req_dial(&f->ctl, f->control, f->tls, NULL, e,
		    sizeof(e)) != 0) {
			feed_op_end(f, FEED_END_LOST, "not sent: %s", e);
			return;
		}
		feed_bufs(f->ctl, 4);
		transport_recv_fd(f->ctl, &f->ctl_fd);
	}
	if (f->wire_len == 0 && feed_op_encode(f, c, e, sizeof(e)) != 0) {
		feed_op_end(f, FEED_END_LOST, "not sent: %s", e);
		return;
	}
	if (nng_send(f->ctl, f->wire, f->wire_len, NNG_FLAG_NONBLOCK) != 0)
		return;	/* not connected yet: next time, or give up */
	f->op_pending = 1;
}

/*
 * Take one message waiting on sock, if any, and decode it into c->msg with
 * c's decoder: 1 with *rv the decoder's verdict (FOHP_OK or an error, set
 * in *err), or 0 when none waits. The received buffer is freed here.
 */
static int
feed_recv(nng_socket sock, struct feed_ctx *c, struct fohp_err *err,
    int *rv)
{
	void	*data;
	size_t	 len;

	if (nng_recv(sock, &data, &len, NNG_FLAG_ALLOC |
	    NNG_FLAG_NONBLOCK) != 0)
		return (0);
	*rv = fohp_decode(&c->dec, data, len, 0, c->msg, err);
	nng_free(data, len);
	return (1);
}

/*
 * Read the answer to the operator request in flight and apply the alert
 * it carries. An answer that is not to that request (another id) is
 * dropped: it never ends a request it does not answer.
 */
static unsigned
feed_ops_answers(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct fohp_err	 err;
	unsigned	 flags = 0;
	struct fohp_msg	*m = c->msg;
	uint64_t	 id;
	int		 rv;

	/* Nothing is asked: no recv (each costs nng a getrandom). */
	if (f->ctl_fd < 0 || !f->op_pending)
		return (0);
	while (feed_recv(f->ctl, c, &err, &rv)) {
		if (!f->op_pending)
			continue;
		if (rv != FOHP_OK) {
			feed_op_end(f, FEED_END_UNCLEAR, "bad answer: %s", err.text);
			continue;
		}
		id = m->kind == FOHP_REPLY ? m->u.reply.id :
		    m->kind == FOHP_ERROR ? m->u.error.id : 0;
		/* 0: an error to a request the agent could not read. */
		if (id != f->ops[0].id && !(m->kind == FOHP_ERROR && id == 0))
			continue;
		feed_note_ts(f, m->ts_ms, now_ms);
		if (m->kind == FOHP_REPLY) {
			feed_op_end(f, FEED_END_DONE, "%s: %s",
			    m->u.reply.status,
			    m->u.reply.text);
			/* The new state, before the stream has it, as of
			 * the answer's seq (a newer stream update wins). */
			if (m->u.reply.has_alert)
				flags |= store_take_alerts(c->store, f->venue,
				    &m->u.reply.alert, 1, m->seq);
		} else if (m->kind == FOHP_ERROR)
			feed_op_end(f, FEED_END_REFUSED, "refused (%s): %s", m->u.error.code,
			    m->u.error.text);
		else
			feed_op_end(f, FEED_END_UNCLEAR, "bad answer: a %s", fohp_kind_name(
			    m->kind));
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
	feed_request_init(m, f->venue->id, "snapshot");
	f->req_id = m->u.request.id;
	msgpack_sbuffer_clear(&c->buf);
	if (fohp_encode(&c->buf, m, 0, &err) != FOHP_OK)
		return;
	if (nng_send(f->req, c->buf.data, c->buf.size, NNG_FLAG_NONBLOCK) != 0)
		return;	/* not connected yet: try again next time */
	f->req_pending = 1;
	f->req_alerts = 0;
	if (f->req_summary && f->venue->summary != NULL)
		f->venue->summary->want = f->venue->summary->hours;
	f->req_summary = 0;	/* given up: asked again after this one */
	f->req_sent_ms = now_ms;
	f->venue->want_snapshot = 0;
}

/* Ask for the venue's numbers (op "summary") when the socket is free. */
static void
feed_request_summary(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	if (f->req_pending || f->venue->want_snapshot ||
	    !feed_summary_request(f, c))
		return;
	if (nng_send(f->req, c->buf.data, c->buf.size, NNG_FLAG_NONBLOCK) != 0)
		return;	/* not connected yet: try again next time */
	f->venue->summary->want = 0;
	f->req_pending = 1;
	f->req_summary = 1;
	f->req_sent_ms = now_ms;
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
	feed_request_init(m, v->id, "alerts");
	f->req_id = m->u.request.id;
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

/* Drain the control socket: snapshot answers and refusals. */
static unsigned
feed_answers(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct fohp_err	 err;
	unsigned	 flags = 0;
	int		 rv, snapshot;

	/* REQ delivers only the answer to the request in flight. */
	while (f->req_pending && feed_recv(f->req, c, &err, &rv)) {
		flags |= feed_answer_take(f, c, rv, now_ms, &snapshot);
		if (snapshot)
			flags |= feed_apply(f, c, rv, 0, now_ms);
	}
	feed_request_alerts(f, c, now_ms);
	feed_request_summary(f, c, now_ms);
	return (flags);
}

/*
 * Not connected: once a second, ask nng why the stream's dialer is not
 * (transport_dial_trouble) and keep the words in the venue for the
 * screen. STORE_DIRTY_VENUES if they changed.
 */
static unsigned
feed_trouble(struct feed *f, uint64_t now_ms)
{
	const char	*why;

	if (f->dial_checked != 0 && now_ms - f->dial_checked < 1000)
		return (0);
	f->dial_checked = now_ms;
	if ((why = transport_dial_trouble(f->sub_dialer,
	    transport_url_tls(f->stream), f->dial_seen)) == NULL ||
	    strcmp(why, f->venue->link_why) == 0)
		return (0);
	snprintf(f->venue->link_why, sizeof(f->venue->link_why), "%s", why);
	f->venue->dirty |= STORE_DIRTY_VENUES;
	return (STORE_DIRTY_VENUES);
}

/* The descriptors to poll; nng: stream, snapshot, requests. */
unsigned
feed_fds(const struct feed *f, int *fds)
{
	if (f->nats != NULL)
		return (feed_nats_fds(f, fds));
	fds[0] = f->sub_fd;
	fds[1] = f->req_fd;
	fds[2] = f->ctl_fd;	/* -1 until a request opened it */
	return (f->ctl_fd >= 0 ? 3 : 2);
}

/*
 * Whether a feed has work. nng: a descriptor ready, the link came or went,
 * a snapshot or alerts to ask (again), a request to send or give up on, or
 * the once-a-second look at why the dialer does not connect.
 */
int
feed_due(const struct feed *f, int ready, uint64_t now_ms)
{
	const struct store_venue	*v = f->venue;
	int				 up = atomic_load(&f->pipes) > 0;

	if (f->nats != NULL)
		return (feed_nats_due(f, ready, now_ms));
	if (ready || up != f->linked || v->want_snapshot || (!up &&
	    (f->dial_checked == 0 || now_ms - f->dial_checked >= 1000 ||
	    (f->was_connected && v->link != STORE_LINK_OFFLINE))) ||
	    (f->req_pending ? now_ms - f->req_sent_ms >=
	    FEED_SNAPSHOT_RETRY_MS : v->nmissing > 0 ||
	    (v->summary != NULL && v->summary->want > 0)))
		return (1);
	return (f->nops > 0 && (!f->op_pending ||
	    clock_pace_ms() >= f->ops[0].give_up_ms));
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

	if (f->nats != NULL)
		return (feed_nats_service(f, c, now_ms));
	while (n++ < 4096 && transport_receiver_recv(&f->rx, &msg, 1) == 0) {
		rv = fohp_decode(&c->dec, nng_msg_body(msg), nng_msg_len(msg),
		    1, c->msg, &err);
		nng_msg_free(msg);
		if (rv == FOHP_OK) {
			if (wall == 0)	/* once a batch: they came together */
				wall = clock_wall_ms();
			store_note_latency(f->venue,
			    (double)wall - (double)c->msg->ts_ms);
			feed_note_ts(f, c->msg->ts_ms, now_ms);
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
		if (f->venue->link_why[0] != '\0') {
			f->venue->link_why[0] = '\0';
			flags |= STORE_DIRTY_VENUES;
		}
	} else {
		f->linked = 0;
		flags |= feed_trouble(f, now_ms);
		if (f->was_connected &&
		    f->venue->link != STORE_LINK_OFFLINE) {
			store_set_link(c->store, f->venue, STORE_LINK_OFFLINE);
			flags |= STORE_DIRTY_VENUES;
		}
	}
	return (flags & ~STORE_WANT_SNAPSHOT);
}
