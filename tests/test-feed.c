/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-feed.c: a console's feed against a stand-in agent on real nng
 * sockets (inproc): a PUB the test publishes on and a REP it answers from,
 * written from PROTOCOL.md. It checks what the console is shown:
 *
 *   - a snapshot of 100 open alerts carries 64 maps; the feed asks for the
 *     other 36 with op "alerts" (at most 64 ids) and then holds all 100,
 *     the critical one first in `open` among them;
 *   - a message of an unknown kind is counted and skipped: its seq is no
 *     gap, and no snapshot is asked for (PROTOCOL.md 10);
 *   - an alert whose resolution the console missed (a ghost) is dropped by
 *     the healing snapshot that no longer lists it (6.8).
 *
 * Every wait polls with a deadline; nothing sleeps to synchronise.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <nng/nng.h>
#include <nng/supplemental/util/platform.h>

#include "lib/clock.h"
#include "console/feed.h"
#include "core/store.h"
#include "net/transport.h"

#define EPOCH		1718000000000ULL
#define DEADLINE_MS	5000

/* The stand-in agent and the console under test. */
struct tf {
	nng_socket		 pub, rep;
	struct store		*s;
	struct store_venue	*v;
	struct feed		 f;
	struct feed_ctx		 c;
	struct fohp_msg		*m;
	struct fohp_decoder	 dec;
	msgpack_sbuffer		 sb;
	unsigned		 requests;	/* snapshot requests seen */
	unsigned		 alerts_requests;
	uint64_t		 last_id;	/* of the last request */
};

static struct tf	tf;
static volatile int	tf_subscribers;	/* pipes on the PUB, from nng's thread */

/* Count a subscriber's pipe as it joins the PUB (nng's callback). */
static void
tf_pipe_added(nng_pipe p, nng_pipe_ev ev, void *arg)
{
	(void)p;
	(void)ev;
	(void)arg;
	__atomic_add_fetch(&tf_subscribers, 1, __ATOMIC_SEQ_CST);
}

/* Open both sides on fresh inproc URLs. */
static int
tf_setup(void **state)
{
	static unsigned	n;
	char		pub[64], ctl[64], err[256];
	uint64_t	limit;

	(void)state;
	memset(&tf, 0, sizeof(tf));
	snprintf(pub, sizeof(pub), "inproc://tf-pub-%u", n);
	snprintf(ctl, sizeof(ctl), "inproc://tf-ctl-%u", n++);
	assert_int_equal(transport_pub_listen(&tf.pub, pub, NULL, NULL, err, sizeof(err)),
	    0);
	tf_subscribers = 0;
	assert_int_equal(nng_pipe_notify(tf.pub, NNG_PIPE_EV_ADD_POST,
	    tf_pipe_added, NULL), 0);
	assert_int_equal(transport_rep_listen(&tf.rep, ctl, NULL, NULL, err, sizeof(err)),
	    0);
	tf.s = store_new();
	tf.v = store_venue_add(tf.s, "arena");
	assert_int_equal(feed_ctx_init(&tf.c, tf.s), 0);
	assert_int_equal(feed_open(&tf.f, pub, ctl, NULL, tf.v, err, sizeof(err)),
	    0);
	tf.m = calloc(1, sizeof(*tf.m));
	assert_non_null(tf.m);
	assert_int_equal(fohp_decoder_init(&tf.dec), FOHP_OK);
	msgpack_sbuffer_init(&tf.sb);
	/*
	 * The feed dials without blocking: its SUB may join after its REQ
	 * has asked. What the PUB sends before is lost (pub/sub keeps no
	 * backlog), so nothing is published until the subscriber is there.
	 * CI once lost a message to this race under load.
	 */
	limit = clock_mono_ms() + DEADLINE_MS;
	while (__atomic_load_n(&tf_subscribers, __ATOMIC_SEQ_CST) == 0) {
		if (clock_mono_ms() > limit)
			fail_msg("the feed's SUB did not join in %d ms",
			    DEADLINE_MS);
		nng_msleep(2);
	}
	return (0);
}

/* Close everything. */
static int
tf_teardown(void **state)
{
	(void)state;
	feed_close(&tf.f);
	feed_ctx_fini(&tf.c);
	store_free(tf.s);
	nng_close(tf.pub);
	nng_close(tf.rep);
	fohp_decoder_fini(&tf.dec);
	msgpack_sbuffer_destroy(&tf.sb);
	free(tf.m);
	return (0);
}

/* Give the feed a turn. */
static void
tf_service(void)
{
	feed_service(&tf.f, &tf.c, clock_mono_ms());
}

/* Run the feed until the next request reaches the agent; decode it. */
static const struct fohp_request *
tf_next_request(void)
{
	uint64_t	 limit = clock_mono_ms() + DEADLINE_MS;
	struct fohp_err	 err;
	void		*data;
	size_t		 len;

	for (;;) {
		tf_service();
		if (nng_recv(tf.rep, &data, &len,
		    NNG_FLAG_ALLOC | NNG_FLAG_NONBLOCK) == 0)
			break;
		if (clock_mono_ms() > limit)
			fail_msg("no request from the feed in %d ms",
			    DEADLINE_MS);
		nng_msleep(2);
	}
	assert_int_equal(fohp_decode(&tf.dec, data, len, 0, tf.m, &err),
	    FOHP_OK);
	nng_free(data, len);
	assert_int_equal(tf.m->kind, FOHP_REQUEST);
	/* Every request's envelope is its own: the wall clock in ts (an
	 * alerts request once kept half of the previous message's ts), and
	 * a fresh id. */
	if (llabs((long long)(tf.m->ts_ms - clock_wall_ms())) > 60000)
		fail_msg("%s request: ts %llu is not the wall clock",
		    tf.m->u.request.op, (unsigned long long)tf.m->ts_ms);
	assert_true(tf.m->u.request.id != 0);
	assert_true(tf.m->u.request.id != tf.last_id);
	if (strcmp(tf.m->u.request.op, "snapshot") == 0)
		tf.requests++;
	else if (strcmp(tf.m->u.request.op, "alerts") == 0)
		tf.alerts_requests++;
	tf.last_id = tf.m->u.request.id;
	return (&tf.m->u.request);
}

/* Envelope of an outgoing message. */
static void
tf_envelope(enum fohp_kind kind, uint64_t seq)
{
	memset(tf.m, 0, sizeof(*tf.m));
	tf.m->v = FOHP_VERSION;
	strcpy(tf.m->venue, "arena");
	tf.m->epoch = EPOCH;
	tf.m->seq = seq;
	tf.m->ts_ms = clock_wall_ms();
	tf.m->kind = kind;
}

/* Encode the outgoing message and send it on sock. */
static void
tf_send(nng_socket sock, int topic)
{
	struct fohp_err	err;

	msgpack_sbuffer_clear(&tf.sb);
	if (fohp_encode(&tf.sb, tf.m, topic, &err) != FOHP_OK)
		fail_msg("encode: %s", err.text);
	assert_int_equal(nng_send(sock, tf.sb.data, tf.sb.size, 0), 0);
}

/* Alert id as the agent would have it: 100 is critical, others info. */
static void
tf_alert(struct fohp_alert *a, uint64_t id)
{
	memset(a, 0, sizeof(*a));
	a->id = id;
	snprintf(a->rule, sizeof(a->rule), "%s", id == 100 ? "fire-panel" :
	    "door-sensor");
	snprintf(a->subject, sizeof(a->subject), "s%llu",
	    (unsigned long long)id);
	a->severity = id == 100 ? FOHP_SEV_CRITICAL : FOHP_SEV_INFO;
	a->state = FOHP_AS_FIRING;
	snprintf(a->title, sizeof(a->title), "%s", id == 100 ? "FIRE ALARM" :
	    "door open");
	a->since_ms = EPOCH + id;
	a->rkind = FOHP_RK_EXTERNAL;
}

/* Publish a stream message of kind at seq (a heartbeat's fields). */
static void
tf_publish(enum fohp_kind kind, uint64_t seq)
{
	tf_envelope(kind, seq);
	if (kind == FOHP_HEARTBEAT || kind == FOHP_HELLO) {
		strcpy(tf.m->u.hello.agent, "stand-in");
		strcpy(tf.m->u.hello.name, "Arena");
		tf.m->u.hello.hb_ms = 1000;
	}
	tf_send(tf.pub, 1);
}

/* Run the feed until the store's last seq is seq. */
static void
tf_until_seq(uint64_t seq)
{
	uint64_t	limit = clock_mono_ms() + DEADLINE_MS;

	while (tf.v->last_seq < seq) {
		tf_service();
		if (clock_mono_ms() > limit)
			fail_msg("seq %llu not reached (at %llu)",
			    (unsigned long long)seq,
			    (unsigned long long)tf.v->last_seq);
		nng_msleep(2);
	}
}

/* Answer a snapshot request: open = the ids given, maps of the first 64. */
static void
tf_snapshot(uint64_t seq, const uint64_t *open, unsigned nopen)
{
	struct fohp_snapshot	*sn;
	unsigned		 i;

	tf_envelope(FOHP_SNAPSHOT, seq);
	sn = &tf.m->u.snapshot;
	strcpy(sn->hello.agent, "stand-in");
	strcpy(sn->hello.name, "Arena");
	sn->hello.hb_ms = 1000;
	strcpy(sn->layout.name, "Arena");
	sn->layout.grid_w = sn->layout.grid_h = 4;
	sn->id = tf.last_id;
	sn->nopen = (uint16_t)nopen;
	for (i = 0; i < nopen; i++) {
		sn->open[i] = open[i];
		if (i < FOHP_ALERTS_MAX)
			tf_alert(&sn->alerts[sn->nalerts++], open[i]);
	}
	tf_send(tf.rep, 0);
}

/* Whether the store holds alert id; its index in *at. */
static int
tf_holds(uint64_t id, unsigned *at)
{
	unsigned	i;

	for (i = 0; i < tf.v->nalerts; i++) {
		if (tf.v->alerts[i].id == id) {
			if (at != NULL)
				*at = i;
			return (1);
		}
	}
	return (0);
}

/*
 * 100 open alerts, the critical FIRE ALARM first in `open`: the snapshot
 * brings 64 maps and the feed fetches the other 36 with op "alerts".
 */
static void
test_feed_hundred_open(void **state)
{
	const struct fohp_request	*r;
	uint64_t			 open[100], limit;
	struct fohp_alert		 a;
	unsigned			 i, at = 0;

	(void)state;
	open[0] = 100;		/* critical first, then the oldest info */
	for (i = 1; i < 100; i++)
		open[i] = i;
	r = tf_next_request();
	assert_string_equal(r->op, "snapshot");
	tf_snapshot(3, open, 100);
	r = tf_next_request();
	assert_string_equal(r->op, "alerts");
	assert_int_equal(r->nids, 36);
	for (i = 0; i < r->nids; i++)
		assert_int_equal(r->ids[i], open[64 + i]);
	assert_true(tf_holds(100, &at));
	assert_string_equal(tf.v->alerts[at].title, "FIRE ALARM");
	assert_int_equal(tf.v->nalerts, 64);

	/* The answer: a reply with the maps still kept (one has gone). */
	tf_envelope(FOHP_REPLY, 3);
	tf.m->u.reply.id = tf.last_id;
	strcpy(tf.m->u.reply.status, "done");
	for (i = 0; i < 35; i++) {
		tf_alert(&a, open[64 + i]);
		tf.m->u.reply.alerts[tf.m->u.reply.nalerts++] = a;
	}
	tf_send(tf.rep, 0);
	limit = clock_mono_ms() + DEADLINE_MS;
	while (tf.v->nalerts < 99 || tf.v->nmissing > 0) {
		tf_service();
		if (clock_mono_ms() > limit)
			fail_msg("holds %u alerts, %u missing",
			    tf.v->nalerts, tf.v->nmissing);
		nng_msleep(2);
	}
	assert_false(tf_holds(open[99], NULL));
	assert_int_equal(tf.alerts_requests, 1);
	assert_int_equal(tf.requests, 1);
}

/* An unknown kind between known ones: counted, no gap, no re-snapshot. */
static void
test_feed_unknown_kind(void **state)
{
	const struct fohp_request	*r;
	msgpack_packer			 pk;
	static const char		 topic[] = "foh/arena/teleport";
	uint64_t			 wall = clock_wall_ms();

	(void)state;
	r = tf_next_request();
	assert_string_equal(r->op, "snapshot");
	tf_snapshot(1, NULL, 0);
	tf_until_seq(1);
	tf_publish(FOHP_HEARTBEAT, 2);
	/* seq 3: a kind of a later version, written by hand. */
	msgpack_sbuffer_clear(&tf.sb);
	msgpack_sbuffer_write(&tf.sb, topic, sizeof(topic));	/* and NUL */
	msgpack_packer_init(&pk, &tf.sb, msgpack_sbuffer_write);
	msgpack_pack_map(&pk, 7);
	msgpack_pack_str_with_body(&pk, "v", 1);
	msgpack_pack_uint64(&pk, 1);
	msgpack_pack_str_with_body(&pk, "venue", 5);
	msgpack_pack_str_with_body(&pk, "arena", 5);
	msgpack_pack_str_with_body(&pk, "seq", 3);
	msgpack_pack_uint64(&pk, 3);
	msgpack_pack_str_with_body(&pk, "epoch", 5);
	msgpack_pack_uint64(&pk, EPOCH);
	msgpack_pack_str_with_body(&pk, "ts", 2);
	msgpack_pack_uint64(&pk, wall);
	msgpack_pack_str_with_body(&pk, "kind", 4);
	msgpack_pack_str_with_body(&pk, "teleport", 8);
	msgpack_pack_str_with_body(&pk, "where", 5);
	msgpack_pack_str_with_body(&pk, "moon", 4);
	assert_int_equal(nng_send(tf.pub, tf.sb.data, tf.sb.size, 0), 0);
	tf_publish(FOHP_HEARTBEAT, 4);
	tf_until_seq(4);
	assert_int_equal(tf.v->stats.unknown, 1);
	assert_int_equal(tf.v->stats.gaps, 0);
	assert_int_equal(tf.v->stats.missed, 0);
	assert_false(tf.v->want_snapshot);
	assert_false(tf.f.req_pending);
	assert_int_equal(tf.requests, 1);
}

/*
 * A ghost: alert 7 fires; its resolution (seq 3) never reaches the
 * console; the gap makes it ask, and the snapshot, which no longer lists
 * 7, drops it. Alert 8, updated by the stream after the snapshot, stays.
 */
static void
test_feed_ghost(void **state)
{
	const struct fohp_request	*r;
	uint64_t			 open[1] = { 9 }, limit;

	(void)state;
	r = tf_next_request();
	assert_string_equal(r->op, "snapshot");
	tf_snapshot(0, NULL, 0);
	tf_envelope(FOHP_ALERT, 1);
	tf_alert(&tf.m->u.alert, 7);
	tf_send(tf.pub, 1);
	tf_until_seq(1);
	assert_true(tf_holds(7, NULL));
	/* seq 2, 3 (7 resolved) are lost; 4 arrives: a gap. */
	tf_publish(FOHP_HEARTBEAT, 4);
	r = tf_next_request();
	assert_string_equal(r->op, "snapshot");
	/* Before the answer, the stream updates 8 at seq 6. */
	tf_envelope(FOHP_ALERT, 5);
	tf_alert(&tf.m->u.alert, 8);
	tf_send(tf.pub, 1);
	tf_envelope(FOHP_ALERT, 6);
	tf_alert(&tf.m->u.alert, 8);
	tf.m->u.alert.state = FOHP_AS_ACKED;
	tf_send(tf.pub, 1);
	tf_until_seq(6);
	tf_snapshot(4, open, 1);	/* taken at 4: open is just 9 */
	limit = clock_mono_ms() + DEADLINE_MS;
	while (tf.v->stats.snapshots < 2) {
		tf_service();
		if (clock_mono_ms() > limit)
			fail_msg("snapshot not applied");
		nng_msleep(2);
	}
	assert_false(tf_holds(7, NULL));	/* the ghost is gone */
	assert_true(tf_holds(8, NULL));		/* newer than the snapshot */
	assert_true(tf_holds(9, NULL));
	assert_int_equal(tf.v->stats.alerts_dropped, 1);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test_setup_teardown(test_feed_hundred_open,
		    tf_setup, tf_teardown),
		cmocka_unit_test_setup_teardown(test_feed_unknown_kind,
		    tf_setup, tf_teardown),
		cmocka_unit_test_setup_teardown(test_feed_ghost,
		    tf_setup, tf_teardown),
	};

	return (cmocka_run_group_tests_name("feed", tests, NULL, NULL));
}
