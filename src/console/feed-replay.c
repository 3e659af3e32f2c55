/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * feed-replay.c: a NATS venue's stream messages, live, held and replayed
 * from JetStream (PROTOCOL.md 14.2, 14.3), on the console's thread and
 * never waiting.
 *
 * A live message is checked (its subject against its body, never one on
 * foh.VENUE.ctl) and applied, or, when it shows a gap, held while the
 * gap is replayed; while a replay runs every live message is held, and
 * applied after it in order.
 *
 * A replay is an ephemeral push consumer on the venue's stream (the name
 * and domain of the last control answer's Foh-Stream and Foh-Domain),
 * created with a request to the JetStream API published like any other
 * (the answer comes to the venue's box, tag JSAPI), with ack_policy none,
 * replay_policy instant and a deliver subject in the link's inbox (tag
 * REPLAY), from a stream sequence (by_start_sequence) or, for a console
 * started late, from a time (by_start_time). Every message of a replay
 * and the API's answers carry the replay's GEN, so that what an older one
 * still delivers is dropped. When it ends the consumer is deleted.
 *
 * A gap (FEED_RP_GAP) replays stream sequences from..to: each message must
 * be the next of the venue's epoch (Foh-Epoch, Foh-Seq) or the history no
 * longer holds it: the replay ends, the held messages are applied as they
 * are, and the store asks for a snapshot (healed by snapshot). A replay
 * after a reconnect (FEED_RP_RESUME) or at a late start (FEED_RP_LATE)
 * runs to the stream's end as it was when the consumer was made: the API
 * says how many messages were pending then, and the replay ends once it
 * has delivered that many, or a message says no more are pending (the
 * reply subject's last number), or the API said none were. (Waiting for
 * a message that says none are pending alone never ends while the venue
 * publishes as fast as the consumer delivers: each says one more is.)
 * What is published after the consumer was made arrives live, held. One that
 * cannot reach JetStream (no responders, unavailable, or no progress for
 * FEED_NATS_REPLAY_IDLE_MS) asks again, every FEED_NATS_REPLAY_AGAIN_MS
 * for up to FEED_NATS_REPLAY_REACH_MS, before it ends as not held.
 * Meanwhile live messages are held (feed_nats_live) and applied after.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "lib/clock.h"
#include "lib/text.h"
#include "feed-priv.h"

static uint64_t	feed_nats_replay_ms = FEED_REPLAY_DEFAULT_MS;

/* How far back a venue replays when the console starts (0: not at all). */
void
feed_set_replay(uint64_t ms)
{
	feed_nats_replay_ms = ms;
}

/* How far back a venue replays when the console starts. */
uint64_t
feed_replay_back(void)
{
	return (feed_nats_replay_ms);
}

/* Free a list of items. */
void
feed_nats_release(struct natslink_item *it)
{
	struct natslink_item	*next;

	for (; it != NULL; it = next) {
		next = it->next;
		natslink_item_free(it);
	}
}

/*
 * A stream message (live, held or replayed): check that its subject and
 * body agree (never a request on foh.VENUE.ctl), then either start a
 * replay for the gap it shows (live, not replaying, the stream known: the
 * message is held until the replay ends; 1) or apply it (0). *flags gets
 * what changed.
 */
int
feed_nats_stream(struct feed *f, struct feed_ctx *c,
    struct natslink_item *it, int replayed, int no_heal, unsigned *flags,
    uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	struct store_venue	*v = f->venue;
	struct fohp_msg		*m = c->msg;
	struct fohp_err		 err;
	const char		*subj = natsMsg_GetSubject(it->msg), *kind;
	uint64_t		 sseq, missing;
	int			 rv;
	size_t			 vl = strlen(n->url.venue);

	if (strncmp(subj, "foh.", 4) != 0 ||
	    strncmp(subj + 4, n->url.venue, vl) != 0 || subj[4 + vl] != '.')
		return (0);
	kind = subj + 5 + vl;
	if (strcmp(kind, "ctl") == 0)
		return (0);	/* another console's request */
	rv = fohp_decode(&c->dec, natsMsg_GetData(it->msg),
	    (size_t)natsMsg_GetDataLength(it->msg), 0, m, &err);
	if (rv == FOHP_OK && (strcmp(m->venue, n->url.venue) != 0 ||
	    strcmp(fohp_kind_name(m->kind), kind) != 0)) {
		v->stats.rejects++;
		return (0);	/* the subject disagrees with the body */
	}
	sseq = feed_nats_header(it->msg, "Foh-Stream-Seq");
	if (rv == FOHP_OK && !replayed && !no_heal && m->epoch == v->epoch &&
	    v->epoch != 0 && m->seq > v->last_seq + 1 && sseq > 0 &&
	    n->js_stream[0] != '\0') {
		missing = m->seq - v->last_seq - 1;
		if (sseq > missing) {
			feed_replay_start(f, c, FEED_RP_GAP, sseq - missing,
			    sseq - 1, now_ms);
			return (1);
		}
	}
	if (rv == FOHP_OK) {
		if (!replayed)
			store_note_latency(v, (double)clock_wall_ms() -
			    (double)m->ts_ms);
		feed_note_ts(f, m->ts_ms, now_ms);
	}
	*flags |= feed_apply(f, c, rv, 1, now_ms);
	if (sseq > 0)
		n->applied_sseq = sseq;
	return (0);
}

/* A decimal header of m; 0 if absent or not a number. */
uint64_t
feed_nats_header(natsMsg *m, const char *key)
{
	const char	*s = NULL;
	char		*end;
	uint64_t	 x;

	if (natsMsgHeader_Get(m, key, &s) != NATS_OK || s == NULL)
		return (0);
	x = strtoull(s, &end, 10);
	return (*end == '\0' ? x : 0);
}

/*
 * Take a live message: held while a replay runs (or before the late
 * start's has begun), else applied (or held for the replay it starts).
 */
unsigned
feed_nats_live(struct feed *f, struct feed_ctx *c, struct natslink_item *it,
    int no_heal, uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	unsigned		 flags = 0;

	if (n->rp_state != FEED_RP_NONE || n->late) {
		if (n->nheld >= FEED_NATS_HELD_MAX) {
			natslink_item_free(it);	/* a gap: heals again */
			return (0);
		}
		it->next = NULL;
		if (n->held_tail != NULL)
			n->held_tail->next = it;
		else
			n->held = it;
		n->held_tail = it;
		n->nheld++;
		return (0);
	}
	if (feed_nats_stream(f, c, it, 0, no_heal, &flags, now_ms)) {
		it->next = n->held;	/* the first to apply after */
		n->held = it;
		if (n->held_tail == NULL)
			n->held_tail = it;
		n->nheld++;
		return (flags);
	}
	natslink_item_free(it);
	return (flags);
}

/* Apply the held live messages, in order (no_heal: gaps not replayed). */
unsigned
feed_nats_unhold(struct feed *f, struct feed_ctx *c, int no_heal,
    uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	struct natslink_item	*it = n->held, *next;
	unsigned		 flags = 0;

	n->held = n->held_tail = NULL;
	n->nheld = 0;
	for (; it != NULL; it = next) {
		next = it->next;
		flags |= feed_nats_live(f, c, it, no_heal, now_ms);
	}
	return (flags);
}

/* The JetStream API subject for what (CONSUMER.CREATE...) into out. */
static void
feed_replay_api_subject(const struct feed_nats *n, char *out, size_t len,
    const char *what, const char *name)
{
	if (n->js_domain[0] != '\0')
		snprintf(out, len, "$JS.%s.API.CONSUMER.%s.%s%s%s",
		    n->js_domain, what, n->js_stream, name != NULL ? "." : "",
		    name != NULL ? name : "");
	else
		snprintf(out, len, "$JS.API.CONSUMER.%s.%s%s%s", what,
		    n->js_stream, name != NULL ? "." : "",
		    name != NULL ? name : "");
}

/* Delete consumer name (its answer, GEN 0, is dropped). */
static void
feed_replay_delete(struct feed *f, const char *name)
{
	struct feed_nats	*n = f->nats;
	char			 subj[256], reply[192];

	if (name[0] == '\0')
		return;
	feed_replay_api_subject(n, subj, sizeof(subj), "DELETE", name);
	natslink_reply(n->box, NATSLINK_JSAPI, 0, reply, sizeof(reply));
	(void)natsConnection_PublishRequest(natslink_conn(n->box), subj,
	    reply, "", 0);
}

/* Forget the replay in course, if any, and delete its consumer. */
void
feed_replay_stop(struct feed *f)
{
	struct feed_nats	*n = f->nats;

	n->rp_again = 0;
	if (n->rp_state == FEED_RP_NONE)
		return;
	feed_replay_delete(f, n->rp_consumer);
	natslink_replay_close(n->box);
	n->rp_consumer[0] = '\0';
	n->rp_state = FEED_RP_NONE;
	n->rp_gen++;
}

/*
 * End the replay: healed (ok) or not held by the stream any more (a
 * snapshot instead); count it, then apply the live messages held.
 */
static unsigned
feed_replay_end(struct feed *f, struct feed_ctx *c, int ok, uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	struct store_venue	*v = f->venue;
	enum feed_rp		 mode = n->rp_state;

	feed_replay_stop(f);
	if (mode == FEED_RP_LATE)
		v->want_snapshot = 1;
	else if (!ok) {
		v->stats.heal_snapshot++;
		v->want_snapshot = 1;
	} else if (mode == FEED_RP_GAP || n->rp_count > 0)
		v->stats.heal_replay++;	/* not in gaps: no snapshot */
	v->dirty |= STORE_DIRTY_VENUES;
	return (STORE_DIRTY_VENUES | feed_nats_unhold(f, c, !ok, now_ms));
}

/* Start a replay (see above); on failure to ask, it ends at once. */
void
feed_replay_start(struct feed *f, struct feed_ctx *c, enum feed_rp mode,
    uint64_t from, uint64_t to, uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	char			 subj[256], reply[192], deliver[192];
	char			 start[96], body[1024];
	struct tm		 tm;
	time_t			 t;
	uint64_t		 back = feed_replay_back();
	int			 retry;

	retry = n->rp_again != 0;
	feed_replay_stop(f);
	if (!retry) {			/* a new heal, not asked again */
		n->rp_began = now_ms;
		n->rp_tries = 0;
	}
	n->rp_state = mode;
	n->rp_gen++;
	n->rp_from = from;
	n->rp_to = to;
	n->rp_heard = now_ms;
	n->rp_count = 0;
	n->rp_got = 0;
	n->rp_want = 0;
	n->rp_created = 0;
	n->rp_consumer[0] = '\0';
	if (n->js_stream[0] == '\0') {
		(void)feed_replay_end(f, c, 0, now_ms);
		return;
	}
	if (mode == FEED_RP_LATE) {
		t = (time_t)((clock_wall_ms() - back) / 1000);
		gmtime_r(&t, &tm);
		strftime(start, sizeof(start), "\"deliver_policy\":"
		    "\"by_start_time\",\"opt_start_time\":"
		    "\"%Y-%m-%dT%H:%M:%SZ\"", &tm);
	} else
		snprintf(start, sizeof(start), "\"deliver_policy\":"
		    "\"by_start_sequence\",\"opt_start_seq\":%llu",
		    (unsigned long long)from);
	if (natslink_replay_open(n->box, n->rp_gen, deliver,
	    sizeof(deliver)) != 0) {
		(void)feed_replay_end(f, c, 0, now_ms);
		return;
	}
	snprintf(body, sizeof(body), "{\"stream_name\":\"%s\",\"config\":{"
	    "%s,\"ack_policy\":\"none\",\"replay_policy\":\"instant\","
	    "\"deliver_subject\":\"%s\",\"filter_subject\":\"foh.%s.*\","
	    "\"mem_storage\":true,\"num_replicas\":1,"
	    "\"inactive_threshold\":60000000000}}", n->js_stream, start,
	    deliver, n->url.venue);
	feed_replay_api_subject(n, subj, sizeof(subj), "CREATE", NULL);
	natslink_reply(n->box, NATSLINK_JSAPI, n->rp_gen, reply,
	    sizeof(reply));
	if (natsConnection_PublishRequest(natslink_conn(n->box), subj,
	    reply, body, (int)strlen(body)) != NATS_OK)
		(void)feed_replay_end(f, c, 0, now_ms);
}

/*
 * JetStream could not be reached for the replay: no responders to the
 * API (the venue's leaf node has not rejoined the hub yet), JetStream
 * unavailable, or no word and no message since it was asked. That says
 * nothing about what the stream holds, so this is no reason for a
 * snapshot: keep the held messages and ask again in
 * FEED_NATS_REPLAY_AGAIN_MS, from the message after the last applied,
 * until FEED_NATS_REPLAY_REACH_MS after the heal began; only then a
 * snapshot.
 */
static unsigned
feed_replay_unreached(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;

	if (now_ms - n->rp_began >= FEED_NATS_REPLAY_REACH_MS)
		return (feed_replay_end(f, c, 0, now_ms));
	feed_replay_delete(f, n->rp_consumer);
	natslink_replay_close(n->box);
	n->rp_consumer[0] = '\0';
	n->rp_created = 0;
	n->rp_gen++;		/* what the last one still sends: dropped */
	n->rp_again = now_ms + FEED_NATS_REPLAY_AGAIN_MS;
	n->rp_heard = now_ms;
	n->rp_tries++;
	return (0);
}

/* Ask again for a replay that could not reach JetStream, if it is time. */
static void
feed_replay_again(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	uint64_t		 from = n->rp_from;

	if (n->rp_again == 0 || now_ms < n->rp_again)
		return;
	/* What was applied meanwhile is not asked for again. */
	if (n->rp_state != FEED_RP_LATE && n->applied_sseq + 1 > from)
		from = n->applied_sseq + 1;
	feed_replay_start(f, c, n->rp_state, from, n->rp_to, now_ms);
}

/* Is m an answer that says JetStream could not be reached? */
static int
feed_replay_unreachable(natsMsg *m, json_t *o)
{
	json_int_t	code;

	if (natsMsg_IsNoResponders(m))
		return (1);
	if (o == NULL)
		return (0);
	code = json_integer_value(json_object_get(json_object_get(o,
	    "error"), "code"));
	return (code == 503 || code == 408);
}

/*
 * The JetStream API's answer to a consumer's creation: its name (an
 * older replay's consumer is deleted at once), or an error (the stream is
 * not there: not held). A replay to the end with nothing pending ends.
 */
unsigned
feed_replay_api(struct feed *f, struct feed_ctx *c, struct natslink_item *it,
    uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	json_t			*o;
	const char		*name;
	json_int_t		 pending;
	unsigned		 flags = 0;

	if (it->gen == 0)
		return (0);	/* a deletion's answer */
	o = json_loadb(natsMsg_GetData(it->msg),
	    (size_t)natsMsg_GetDataLength(it->msg), 0, NULL);
	if (it->gen == n->rp_gen && n->rp_state != FEED_RP_NONE &&
	    feed_replay_unreachable(it->msg, o)) {
		json_decref(o);
		return (feed_replay_unreached(f, c, now_ms));
	}
	if (o == NULL) {
		if (it->gen == n->rp_gen && n->rp_state != FEED_RP_NONE)
			flags = feed_replay_end(f, c, 0, now_ms);
		return (flags);
	}
	name = json_string_value(json_object_get(o, "name"));
	pending = json_integer_value(json_object_get(o, "num_pending"));
	if (it->gen != n->rp_gen || n->rp_state == FEED_RP_NONE) {
		if (name != NULL)
			feed_replay_delete(f, name);
	} else if (name == NULL || json_object_get(o, "error") != NULL) {
		flags = feed_replay_end(f, c, 0, now_ms);
	} else {
		text_copy(n->rp_consumer, sizeof(n->rp_consumer), name);
		n->rp_created = 1;
		n->rp_heard = now_ms;
		n->rp_want = pending > 0 ? (uint64_t)pending : 0;
		if (pending == 0 && n->rp_count == 0)
			flags = feed_replay_end(f, c, n->rp_state !=
			    FEED_RP_GAP, now_ms);
		else if (n->rp_state != FEED_RP_GAP && n->rp_got > 0 &&
		    n->rp_got >= n->rp_want)	/* delivered before the
						   answer came */
			flags = feed_replay_end(f, c, 1, now_ms);
	}
	json_decref(o);
	return (flags);
}

/*
 * The stream sequence and the number still pending of a message a
 * consumer delivered, from its reply subject: $JS.ACK.STREAM.CONSUMER.
 * DELIVERED.SSEQ.DSEQ.TS.PENDING, or with the domain and an account hash
 * after ACK and a token at the end. -1 if it is not one.
 */
static int
feed_replay_ack(natsMsg *m, uint64_t *sseq, uint64_t *pending)
{
	const char	*r = natsMsg_GetReply(m), *tok[16];
	unsigned	 n = 0;
	const char	*p;

	if (r == NULL || strncmp(r, "$JS.ACK.", 8) != 0)
		return (-1);
	for (p = r, tok[n++] = r; *p != '\0' && n < 16; p++)
		if (*p == '.')
			tok[n++] = p + 1;
	if (n == 9) {
		*sseq = strtoull(tok[5], NULL, 10);
		*pending = strtoull(tok[8], NULL, 10);
	} else if (n >= 11) {
		*sseq = strtoull(tok[7], NULL, 10);
		*pending = strtoull(tok[10], NULL, 10);
	} else
		return (-1);
	return (0);
}

/* A message the replay's consumer delivered. */
unsigned
feed_replay_msg(struct feed *f, struct feed_ctx *c, struct natslink_item *it,
    uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;
	struct store_venue	*v = f->venue;
	uint64_t		 sseq = 0, pending = 1, epoch, seq, msgs;
	unsigned		 flags = 0;

	if (it->gen != n->rp_gen || n->rp_state == FEED_RP_NONE)
		return (0);
	if (feed_replay_ack(it->msg, &sseq, &pending) != 0)
		return (0);	/* not a stored message (a status) */
	n->rp_heard = now_ms;
	epoch = feed_nats_header(it->msg, "Foh-Epoch");
	seq = feed_nats_header(it->msg, "Foh-Seq");
	if (n->rp_state == FEED_RP_GAP) {
		if (sseq < n->rp_from)
			return (0);
		if (epoch != v->epoch || seq > v->last_seq + 1)
			return (feed_replay_end(f, c, 0, now_ms));
	} else if (n->rp_state == FEED_RP_RESUME && epoch == v->epoch &&
	    seq > v->last_seq + 1)
		return (feed_replay_end(f, c, 0, now_ms));
	n->rp_got++;
	msgs = v->stats.msgs;
	(void)feed_nats_stream(f, c, it, 1, 1, &flags, now_ms);
	if (v->stats.msgs != msgs) {
		v->stats.replayed++;
		n->rp_count++;
	}
	if ((n->rp_state == FEED_RP_GAP && sseq >= n->rp_to) ||
	    (n->rp_state != FEED_RP_GAP && (pending == 0 ||
	    (n->rp_created && n->rp_got >= n->rp_want))))
		flags |= feed_replay_end(f, c, 1, now_ms);
	return (flags);
}

/*
 * A replay waiting to ask again asks when it is time; one that stalled
 * (no word, no message for FEED_NATS_REPLAY_IDLE_MS) is taken as not
 * reached and asked again (feed_replay_unreached).
 */
unsigned
feed_replay_check(struct feed *f, struct feed_ctx *c, uint64_t now_ms)
{
	struct feed_nats	*n = f->nats;

	if (n->rp_state == FEED_RP_NONE)
		return (0);
	if (n->rp_again != 0) {
		feed_replay_again(f, c, now_ms);
		return (0);
	}
	if (now_ms - n->rp_heard < FEED_NATS_REPLAY_IDLE_MS)
		return (0);
	return (feed_replay_unreached(f, c, now_ms));
}
