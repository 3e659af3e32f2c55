/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * feed-nats.c: a venue read through NATS (PROTOCOL.md 14): its stream on
 * foh.VENUE.*, snapshots and operator requests over foh.VENUE.ctl, gaps
 * healed by replay from JetStream (feed-replay.c, which also takes the
 * stream messages themselves).
 *
 * Everything here runs on the console's thread. natslink.c's callbacks
 * (nats.c's threads) only queue what arrives in the venue's box and wake
 * the console's poll through the link's pipe; feed_nats_service takes the
 * box's queue and applies it. Nothing here waits for NATS: requests are
 * published with a reply subject in the link's inbox
 * (natsConnection_PublishRequest) and their answers come through the box.
 *
 * The link: OFFLINE while the connection is down (after it was once up),
 * with the link's words in link_why; at each (re)connect the feed asks for
 * a snapshot the first time, and after that replays from the stream
 * sequence after the last message it applied (14.3). A venue started late
 * (feed_set_replay) first replays that far back, then takes a snapshot.
 *
 * Operator requests go one at a time, as on nng: the same bytes (signed
 * once) published again every FEED_NATS_RETRY_MS until an answer comes or
 * the request gives up at its deadline. "No responders" and a permissions
 * violation naming foh.VENUE.ctl end it at once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/text.h"
#include "feed-priv.h"

/* Open a feed to a venue through NATS. */
int
feed_nats_open(struct feed *f, const char *url,
    const struct transport_tls *tls, char *err, size_t errlen)
{
	struct feed_nats	*n;
	struct store_venue	*v = f->venue;

	if ((n = calloc(1, sizeof(*n))) == NULL) {
		text_error(err, errlen, "out of memory");
		return (-1);
	}
	if (natsconn_parse(url, &n->url, err, errlen) != 0) {
		free(n);
		return (-1);
	}
	if (n->url.venue[0] == '\0') {
		text_error(err, errlen, "%s: no venue: give it as "
		    "nats://HOST:PORT/VENUE", url);
		free(n);
		return (-1);
	}
	if (v->id[0] != '\0' && strcmp(v->id, n->url.venue) != 0) {
		text_error(err, errlen, "%s is venue %s, not %s", url,
		    n->url.venue, v->id);
		free(n);
		return (-1);
	}
	if (v->id[0] == '\0') {
		text_copy(v->id, sizeof(v->id), n->url.venue);
		if (v->name[0] == '\0')
			text_copy(v->name, sizeof(v->name), n->url.venue);
	}
	natsconn_subject(n->ctl, sizeof(n->ctl), n->url.venue, "ctl");
	if ((n->box = natslink_box_open(&n->url, tls, n->url.venue, err,
	    errlen)) == NULL) {
		free(n);
		return (-1);
	}
	n->late = feed_replay_back() > 0;
	n->snap_gen = 1;
	n->rp_gen = 1;
	f->nats = n;
	f->sub_fd = f->req_fd = f->ctl_fd = -1;
	return (0);
}

/* Close a NATS feed. */
void
feed_nats_close(struct feed *f)
{
	struct feed_nats	*n = f->nats;

	feed_replay_stop(f);
	feed_nats_release(n->held);
	natslink_box_close(n->box);
	free(n);
	f->nats = NULL;
}

/* The link's pipe. */
unsigned
feed_nats_fds(const struct feed *f, int *fds)
{
	fds[0] = natslink_fd(f->nats->box);
	return (1);
}

/*
 * Whether a NATS feed has work: its link's pipe ready, messages queued,
 * the link came or went, a snapshot to ask for (again), a replay that
 * stalled, a request to send, send again or give up on.
 */
int
feed_nats_due(const struct feed *f, int ready, uint64_t now_ms)
{
	const struct feed_nats	*n = f->nats;
	int			 up;
	unsigned		 gen = natslink_gen(n->box, &up);

	if (ready || gen != n->gen_seen || up != n->up_seen ||
	    natslink_pending(n->box))
		return (1);
	if (n->rp_state != FEED_RP_NONE && (n->rp_again != 0 ?
	    now_ms >= n->rp_again :
	    now_ms - n->rp_heard >= FEED_NATS_REPLAY_IDLE_MS))
		return (1);
	if (up && n->rp_state == FEED_RP_NONE && (f->venue->want_snapshot ||
	    (f->req_pending ?
	    now_ms - f->req_sent_ms >= FEED_SNAPSHOT_RETRY_MS :
	    f->venue->nmissing > 0 || (f->venue->summary != NULL &&
	    f->venue->summary->want > 0))))
		return (1);
	return (f->nops > 0 && (!f->op_pending ||
	    now_ms - n->op_sent_ms >= FEED_NATS_RETRY_MS ||
	    clock_pace_ms() >= f->ops[0].give_up_ms));
}

/* Publish body as a request on the venue's ctl, answers to tag and gen. */
static int
feed_nats_ask(struct feed *f, enum natslink_tag tag, unsigned gen,
    const void *body, size_t len)
{
	struct feed_nats	*n = f->nats;
	char			 reply[192];

	natslink_reply(n->box, tag, gen, reply, sizeof(reply));
	return (natsConnection_PublishRequest(natslink_conn(n->box), n->ctl,
	    reply, body, (int)len) == NATS_OK ? 0 : -1);
}

/* Ask for a snapshot, or for the maps of missing alerts, if due. */
static void
feed_nats_request(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	struct store_venue	*v = f->venue;
	struct fohp_msg		*m = c->msg;
	struct fohp_err		 err;
	unsigned		 i;
	int			 alerts, summary;

	if (!n->up_seen || n->rp_state != FEED_RP_NONE)
		return;
	if (f->req_pending && now_ms - f->req_sent_ms <
	    FEED_SNAPSHOT_RETRY_MS)
		return;
	if (f->req_pending && f->req_summary && v->summary != NULL)
		v->summary->want = v->summary->hours;	/* asked again */
	/* Op "summary" (issue 15) when nothing else is due. */
	summary = !f->req_pending && !v->want_snapshot && v->nmissing == 0 &&
	    feed_summary_request(f, c);
	if (!summary && !v->want_snapshot && !f->req_pending &&
	    v->nmissing == 0)
		return;
	alerts = !summary && !v->want_snapshot && v->nmissing > 0;
	if (!summary) {
		feed_request_init(m, v->id, alerts ? "alerts" : "snapshot");
		f->req_id = m->u.request.id;
	}
	if (alerts) {
		f->nasked = v->nmissing < FOHP_IDS_MAX ? v->nmissing :
		    FOHP_IDS_MAX;
		for (i = 0; i < f->nasked; i++)
			f->asked[i] = m->u.request.ids[i] = v->missing[i];
		m->u.request.nids = (uint16_t)f->nasked;
	}
	if (!summary) {
		msgpack_sbuffer_clear(&c->buf);
		if (fohp_encode(&c->buf, m, 0, &err) != FOHP_OK)
			return;
	}
	n->snap_gen++;
	if (feed_nats_ask(f, NATSLINK_SNAP, n->snap_gen, c->buf.data,
	    c->buf.size) != 0)
		return;	/* not connected: again at the next connect */
	f->req_pending = 1;
	f->req_alerts = alerts;
	f->req_summary = summary;
	f->req_sent_ms = now_ms;
	if (summary)
		v->summary->want = 0;
	else if (!alerts)
		v->want_snapshot = 0;
}

/* Keep the stream's name and domain from a control answer's headers. */
static void
feed_nats_stream_of(struct feed_nats *n, natsMsg *m)
{
	const char	*s = NULL, *d = NULL;

	if (natsMsgHeader_Get(m, "Foh-Stream", &s) != NATS_OK || s == NULL)
		return;
	text_copy(n->js_stream, sizeof(n->js_stream), s);
	if (natsMsgHeader_Get(m, "Foh-Domain", &d) != NATS_OK || d == NULL)
		d = "";
	text_copy(n->js_domain, sizeof(n->js_domain), d);
}

/* Set the venue's link words; STORE_DIRTY_VENUES if they changed. */
static unsigned
feed_nats_why(struct feed *f, const char *why)
{
	struct store_venue	*v = f->venue;

	if (strcmp(v->link_why, why) == 0)
		return (0);
	text_copy(v->link_why, sizeof(v->link_why), why);
	v->dirty |= STORE_DIRTY_VENUES;
	return (STORE_DIRTY_VENUES);
}

/* An answer to a snapshot or alerts request. */
static unsigned
feed_nats_answer(struct feed *f, struct feed_ctx *c,
    struct natslink_item *it, uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	struct fohp_err		 err;
	unsigned		 flags = 0;
	int			 rv, snapshot;
	char			 why[160];

	if (it->gen != n->snap_gen || !f->req_pending)
		return (0);	/* to a request asked again since */
	if (natsMsg_IsNoResponders(it->msg)) {
		snprintf(why, sizeof(why), "no responders on %s: fohd is not "
		    "connected to NATS", n->ctl);
		return (feed_nats_why(f, why));
	}
	feed_nats_stream_of(n, it->msg);
	rv = fohp_decode(&c->dec, natsMsg_GetData(it->msg),
	    (size_t)natsMsg_GetDataLength(it->msg), 0, c->msg, &err);
	flags = feed_answer_take(f, c, rv, now_ms, &snapshot);
	if (!snapshot)
		return (flags);
	if (n->late && n->js_stream[0] != '\0') {
		/* Started late: first what happened before (its messages
		 * are not covered by this snapshot), then a snapshot. */
		n->late = 0;
		f->venue->want_snapshot = 1;
		feed_replay_start(f, c, FEED_RP_LATE, 0, 0, now_ms);
		return (0);
	}
	flags |= feed_nats_why(f, "") | feed_apply(f, c, rv, 0, now_ms);
	if (n->late) {
		/* No stream named: nothing to replay; what was held waits
		 * no longer. */
		n->late = 0;
		flags |= feed_nats_unhold(f, c, 0, now_ms);
	}
	return (flags);
}

/* Read the answer to the operator request in flight (as feed.c's). */
static unsigned
feed_nats_op_answer(struct feed *f, struct feed_ctx *c,
    struct natslink_item *it, uint64_t now_ms)
{
	struct fohp_msg	*m = c->msg;
	struct fohp_err	 err;
	unsigned	 flags = 0;
	uint64_t	 id;
	int		 rv;

	if (!f->op_pending || it->gen != f->nats->op_gen)
		return (0);
	if (natsMsg_IsNoResponders(it->msg)) {
		feed_op_end(f, FEED_END_LOST, "not carried out: no "
		    "responders on %s (fohd is not connected to NATS)",
		    f->nats->ctl);
		return (STORE_DIRTY_ALERTS);
	}
	rv = fohp_decode(&c->dec, natsMsg_GetData(it->msg),
	    (size_t)natsMsg_GetDataLength(it->msg), 0, m, &err);
	if (rv != FOHP_OK) {
		feed_op_end(f, FEED_END_UNCLEAR, "bad answer: %s", err.text);
		return (STORE_DIRTY_ALERTS);
	}
	id = m->kind == FOHP_REPLY ? m->u.reply.id :
	    m->kind == FOHP_ERROR ? m->u.error.id : 0;
	if (id != f->ops[0].id && !(m->kind == FOHP_ERROR && id == 0))
		return (0);
	feed_note_ts(f, m->ts_ms, now_ms);
	if (m->kind == FOHP_REPLY) {
		feed_op_end(f, FEED_END_DONE, "%s: %s", m->u.reply.status,
		    m->u.reply.text);
		if (m->u.reply.has_alert)
			flags |= store_take_alerts(c->store, f->venue,
			    &m->u.reply.alert, 1, m->seq);
	} else if (m->kind == FOHP_ERROR)
		feed_op_end(f, FEED_END_REFUSED, "refused (%s): %s",
		    m->u.error.code, m->u.error.text);
	else
		feed_op_end(f, FEED_END_UNCLEAR, "bad answer: a %s",
		    fohp_kind_name(m->kind));
	return (flags | STORE_DIRTY_ALERTS);
}

/*
 * Operator requests: give up on those whose time is over, send the next
 * (encoded and signed once), send the same bytes again while no answer
 * comes, and end one at once when the server refuses foh.VENUE.ctl.
 */
static void
feed_nats_ops(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	char			 e[512];

	while (f->nops > 0 && clock_pace_ms() >= f->ops[0].give_up_ms)
		feed_op_end(f, FEED_END_LOST, "not carried out: no answer "
		    "in %d s", FEED_OP_TIMEOUT_MS / 1000);
	if (f->nops == 0)
		return;
	if (f->op_pending && n->refused_ctl) {
		feed_op_end(f, FEED_END_REFUSED, "refused by the server: "
		    "permission to publish %s denied", n->ctl);
		n->refused_ctl = 0;
		return;
	}
	if (f->op_pending && now_ms - n->op_sent_ms < FEED_NATS_RETRY_MS)
		return;
	if (f->wire_len == 0 && feed_op_encode(f, c, e, sizeof(e)) != 0) {
		feed_op_end(f, FEED_END_LOST, "not sent: %s", e);
		return;
	}
	if (!n->up_seen)
		return;	/* sent when the link is back, or given up */
	if (!f->op_pending)
		n->op_gen++;
	n->refused_ctl = 0;
	if (feed_nats_ask(f, NATSLINK_OP, n->op_gen, f->wire,
	    f->wire_len) != 0)
		return;
	f->op_pending = 1;
	n->op_sent_ms = now_ms;
}

/*
 * The link: came up (a new generation: snapshot the first time, else
 * replay what the cut missed), went down (OFFLINE, and the link's words),
 * or the server refused us (its words, until the next connect).
 */
static unsigned
feed_nats_link(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	struct store_venue	*v = f->venue;
	char			 why[200], refusal[160];
	char			 prefix[NATSCONN_SUBJECT_MAX];
	unsigned		 gen, k, flags = 0;
	int			 up;

	gen = natslink_state(n->box, &up, why, sizeof(why));
	snprintf(prefix, sizeof(prefix), "foh.%s.", n->url.venue);
	if ((k = natslink_refusal(n->box, prefix, refusal,
	    sizeof(refusal))) != n->refusals) {
		n->refusals = k;
		n->refused_ctl = strstr(refusal, n->ctl) != NULL;
		snprintf(why, sizeof(why), "refused by the server: %s",
		    refusal);
		return (feed_nats_why(f, why));
	}
	n->up_seen = up;
	if (up && gen != n->gen_seen) {
		n->gen_seen = gen;
		feed_replay_stop(f);
		if (!n->linked_once) {
			n->linked_once = 1;
			v->want_snapshot = 1;
		} else if (n->applied_sseq > 0 && n->js_stream[0] != '\0')
			feed_replay_start(f, c, FEED_RP_RESUME,
			    n->applied_sseq + 1, 0, now_ms);
		else
			v->want_snapshot = 1;
		f->req_pending = 0;
		if (v->link == STORE_LINK_OFFLINE)
			store_set_link(c->store, v, STORE_LINK_CONNECTING);
		flags |= STORE_DIRTY_VENUES | feed_nats_why(f, "");
	}
	if (!up) {
		flags |= feed_nats_why(f, why);
		if (n->linked_once && v->link != STORE_LINK_OFFLINE) {
			store_set_link(c->store, v, STORE_LINK_OFFLINE);
			v->dirty |= STORE_DIRTY_VENUES;
			flags |= STORE_DIRTY_VENUES;
		}
	}
	return (flags);
}

/* Take what NATS delivered for the venue, apply it, ask what is due. */
unsigned
feed_nats_service(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	struct natslink_item	*it, *next;
	unsigned		 flags = 0;

	flags |= feed_nats_link(f, c, now_ms);
	for (it = natslink_take(n->box); it != NULL; it = next) {
		next = it->next;
		switch (it->tag) {
		case NATSLINK_LIVE:
			flags |= feed_nats_live(f, c, it, 0, now_ms);
			continue;	/* kept or freed there */
		case NATSLINK_SNAP:
			flags |= feed_nats_answer(f, c, it, now_ms);
			break;
		case NATSLINK_OP:
			flags |= feed_nats_op_answer(f, c, it, now_ms);
			break;
		case NATSLINK_JSAPI:
			flags |= feed_replay_api(f, c, it, now_ms);
			break;
		case NATSLINK_REPLAY:
			flags |= feed_replay_msg(f, c, it, now_ms);
			break;
		default:
			break;
		}
		natslink_item_free(it);
	}
	flags |= feed_replay_check(f, c, now_ms);
	feed_nats_ops(f, c, now_ms);
	feed_nats_request(f, c, now_ms);
	return (flags & ~STORE_WANT_SNAPSHOT);
}
