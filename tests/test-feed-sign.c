/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-feed-sign.c: the console's operator requests, signed (feed.h,
 * signer.h), against a stand-in agent on real nng sockets (inproc): a PUB
 * the test publishes heartbeats on, a REP that takes what the feed sends.
 *
 *   - a signed ack: a "signed" message whose sig verifies (sshsig_verify)
 *     over the body's exact bytes under the test's key, and whose body is
 *     the request with the venue, operator, a random id, ts the feed's
 *     estimate of the agent's clock (5 s behind ours here) and the
 *     deadline 10 s after that ts; snapshot requests stay unsigned;
 *   - a retry resends the same bytes: queued while nobody listens, the
 *     agent's clock then moving on, the request that finally arrives is
 *     byte for byte the one first signed (fohd's exactly-once rule compares
 *     the request); the next request is signed anew;
 *   - a request that cannot be signed (an ssh-agent socket that is not
 *     there) ends "not sent" and nothing goes out, unsigned or not.
 *
 * The key is made here from a fixed seed with libsodium. Every wait polls
 * with a deadline; nothing sleeps to synchronise.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <nng/nng.h>
#include <nng/supplemental/util/platform.h>
#include <sodium.h>

#include "lib/clock.h"
#include "lib/sshsig.h"
#include "console/feed.h"
#include "console/signer.h"
#include "core/store.h"
#include "net/transport.h"

#define DEADLINE_MS	5000
#define BEHIND_MS	5000	/* the stand-in agent's clock, behind ours */

/* The stand-in agent, the console's feed and its signer. */
struct ts {
	nng_socket		 pub, rep;
	char			 ctl[64];
	struct store		*s;
	struct store_venue	*v;
	struct feed		 f;
	struct feed_ctx		 c;
	struct signer		 sg;
	struct fohp_msg		*m;
	struct fohp_decoder	 dec;
	msgpack_sbuffer		 sb;
};

static struct ts	ts;
static int64_t		agent_off;	/* the agent's clock minus ours */

/* A signer holding a key made from a fixed seed (kind SIGNER_FILE). */
static void
ts_signer(struct signer *sg)
{
	uint8_t	seed[crypto_sign_SEEDBYTES];

	memset(sg, 0, sizeof(*sg));
	memset(seed, 7, sizeof(seed));
	assert_int_equal(sshsig_init(), 0);
	crypto_sign_seed_keypair(sg->pub.pk, sg->sk.sk, seed);
	sshsig_fingerprint(sg->pub.pk, sg->pub.fp, sizeof(sg->pub.fp));
	sg->sk.pub = sg->pub;
	sg->kind = SIGNER_FILE;
	snprintf(sg->source, sizeof(sg->source), "test key");
}

/* Open the stand-in's PUB; its REP only if listen is set. */
static void
ts_open(int listen)
{
	static unsigned	n;
	char		pub[64], err[256];

	memset(&ts, 0, sizeof(ts));
	agent_off = -BEHIND_MS;
	snprintf(pub, sizeof(pub), "inproc://ts-pub-%u", n);
	snprintf(ts.ctl, sizeof(ts.ctl), "inproc://ts-ctl-%u", n++);
	assert_int_equal(transport_pub_listen(&ts.pub, pub, NULL, NULL, err,
	    sizeof(err)), 0);
	if (listen)
		assert_int_equal(transport_rep_listen(&ts.rep, ts.ctl, NULL,
		    NULL, err, sizeof(err)), 0);
	ts.s = store_new();
	ts.v = store_venue_add(ts.s, "arena");
	assert_int_equal(feed_ctx_init(&ts.c, ts.s), 0);
	assert_int_equal(feed_open(&ts.f, pub, ts.ctl, NULL, ts.v, err,
	    sizeof(err)), 0);
	ts_signer(&ts.sg);
	ts.c.signer = &ts.sg;
	ts.m = calloc(1, sizeof(*ts.m));
	assert_non_null(ts.m);
	assert_int_equal(fohp_decoder_init(&ts.dec), FOHP_OK);
	msgpack_sbuffer_init(&ts.sb);
}

/* Close everything (the REP may never have been opened: closing an
 * unopened socket is an error nng reports and we ignore). */
static int
ts_teardown(void **state)
{
	(void)state;
	feed_close(&ts.f);
	feed_ctx_fini(&ts.c);
	store_free(ts.s);
	nng_close(ts.pub);
	nng_close(ts.rep);
	fohp_decoder_fini(&ts.dec);
	msgpack_sbuffer_destroy(&ts.sb);
	free(ts.m);
	return (0);
}

/* Publish a heartbeat whose ts is agent_ts. */
static void
ts_heartbeat(uint64_t seq, uint64_t agent_ts)
{
	struct fohp_err	err;

	memset(ts.m, 0, sizeof(*ts.m));
	ts.m->v = FOHP_VERSION;
	strcpy(ts.m->venue, "arena");
	ts.m->epoch = 1718000000000ULL;
	ts.m->seq = seq;
	ts.m->ts_ms = agent_ts;
	ts.m->kind = FOHP_HEARTBEAT;
	strcpy(ts.m->u.hello.agent, "stand-in");
	strcpy(ts.m->u.hello.name, "Arena");
	ts.m->u.hello.hb_ms = 1000;
	msgpack_sbuffer_clear(&ts.sb);
	if (fohp_encode(&ts.sb, ts.m, 1, &err) != FOHP_OK)
		fail_msg("encode: %s", err.text);
	assert_int_equal(nng_send(ts.pub, ts.sb.data, ts.sb.size, 0), 0);
}

/*
 * Run the feed until the store has applied seq, the heartbeat ts_heartbeat
 * published last. A pub/sub message sent before the feed's SUB has
 * connected is dropped (nng), so it is published again every 100 ms until
 * it lands; a copy after that is a repeat the feed drops.
 */
static void
ts_until_seq(uint64_t seq)
{
	uint64_t	limit = clock_mono_ms() + DEADLINE_MS;
	uint64_t	again = clock_mono_ms() + 100;

	while (ts.v->last_seq < seq) {
		feed_service(&ts.f, &ts.c, clock_mono_ms());
		if (clock_mono_ms() > limit)
			fail_msg("seq %llu not applied", (unsigned long long)seq);
		if (clock_mono_ms() >= again) {
			assert_int_equal(nng_send(ts.pub, ts.sb.data,
			    ts.sb.size, 0), 0);
			again = clock_mono_ms() + 100;
		}
		nng_msleep(2);
	}
}

/* Queue an ack of alert 7 by ana. */
static void
ts_ack(const char *comment)
{
	struct feed_op	op;
	char		err[256];

	memset(&op, 0, sizeof(op));
	strcpy(op.op, "ack");
	op.alert = 7;
	strcpy(op.operator_name, "ana");
	snprintf(op.comment, sizeof(op.comment), "%s", comment);
	assert_int_equal(feed_op(&ts.f, &op, clock_mono_ms(), err,
	    sizeof(err)), 0);
}

/*
 * Run the feed until a signed message reaches the REP; its bytes into
 * *data (nng's, the caller frees), *len. Unsigned requests met on the way
 * must be snapshots or alerts. 0, or -1 if none came by limit_ms.
 */
static int
ts_next_signed(void **data, size_t *len, uint64_t limit_ms)
{
	struct fohp_err	err;

	for (;;) {
		feed_service(&ts.f, &ts.c, clock_mono_ms());
		if (nng_recv(ts.rep, data, len, NNG_FLAG_ALLOC |
		    NNG_FLAG_NONBLOCK) == 0) {
			assert_int_equal(fohp_decode(&ts.dec, *data, *len, 0,
			    ts.m, &err), FOHP_OK);
			if (ts.m->kind == FOHP_SIGNED)
				return (0);
			assert_int_equal(ts.m->kind, FOHP_REQUEST);
			if (strcmp(ts.m->u.request.op, "snapshot") != 0 &&
			    strcmp(ts.m->u.request.op, "alerts") != 0)
				fail_msg("op %s went unsigned",
				    ts.m->u.request.op);
			nng_free(*data, *len);
		}
		if (clock_mono_ms() > limit_ms)
			return (-1);
		nng_msleep(2);
	}
}

/*
 * Check a signed message (decoded in ts.m): the signature is ours over
 * the body, the body an ack by ana at venue arena, its ts near agent_now
 * and its deadline 10 s on. The body's request id into *id.
 */
static void
ts_check_signed(uint64_t agent_now, uint64_t *id)
{
	struct sshsig_pubkey	 who;
	struct fohp_signed	 sr = ts.m->u.sreq;
	struct fohp_err		 err;
	char			 e[256];

	if (sshsig_verify(sr.sig, sr.sig_len, "foh", sr.body, sr.body_len,
	    &who, e, sizeof(e)) != 0)
		fail_msg("the signature does not verify: %s", e);
	assert_string_equal(who.fp, ts.sg.pub.fp);
	assert_int_equal(fohp_decode(&ts.dec, sr.body, sr.body_len, 0, ts.m,
	    &err), FOHP_OK);
	assert_int_equal(ts.m->kind, FOHP_REQUEST);
	assert_string_equal(ts.m->venue, "arena");
	assert_string_equal(ts.m->u.request.op, "ack");
	assert_string_equal(ts.m->u.request.operator_name, "ana");
	assert_true(ts.m->u.request.id != 0);
	if (llabs((long long)(ts.m->ts_ms - agent_now)) > 2000)
		fail_msg("ts %llu is not the agent's clock %llu",
		    (unsigned long long)ts.m->ts_ms,
		    (unsigned long long)agent_now);
	assert_int_equal(ts.m->u.request.deadline_ms,
	    ts.m->ts_ms + FEED_OP_TIMEOUT_MS);
	*id = ts.m->u.request.id;
}

/* Answer request id with a reply, done. */
static void
ts_reply(uint64_t id)
{
	struct fohp_err	err;

	memset(ts.m, 0, sizeof(*ts.m));
	ts.m->v = FOHP_VERSION;
	strcpy(ts.m->venue, "arena");
	ts.m->ts_ms = clock_wall_ms() + agent_off;
	ts.m->kind = FOHP_REPLY;
	ts.m->u.reply.id = id;
	strcpy(ts.m->u.reply.status, "done");
	strcpy(ts.m->u.reply.text, "acknowledged");
	msgpack_sbuffer_clear(&ts.sb);
	if (fohp_encode(&ts.sb, ts.m, 0, &err) != FOHP_OK)
		fail_msg("encode: %s", err.text);
	assert_int_equal(nng_send(ts.rep, ts.sb.data, ts.sb.size, 0), 0);
}

/* Run the feed until it has an answer for the screen; into buf. */
static void
ts_answer(char *buf, size_t len)
{
	uint64_t	limit = clock_mono_ms() + DEADLINE_MS;

	while (!feed_take_answer(&ts.f, buf, len)) {
		feed_service(&ts.f, &ts.c, clock_mono_ms());
		if (clock_mono_ms() > limit)
			fail_msg("no answer in %d ms", DEADLINE_MS);
		nng_msleep(2);
	}
}

/* A signed ack: verified over its body, which names venue, ts, id. */
static void
test_sign_ack(void **state)
{
	void		*data;
	size_t		 len;
	uint64_t	 id;
	struct fohp_err	 err;
	char		 buf[512];

	(void)state;
	ts_open(1);
	ts_heartbeat(1, clock_wall_ms() - BEHIND_MS);
	ts_until_seq(1);
	ts_ack("stewards on the way");
	if (ts_next_signed(&data, &len, clock_mono_ms() + DEADLINE_MS) != 0)
		fail_msg("no signed request");
	assert_int_equal(fohp_decode(&ts.dec, data, len, 0, ts.m, &err),
	    FOHP_OK);
	nng_free(data, len);
	ts_check_signed(clock_wall_ms() - BEHIND_MS, &id);
	ts_reply(id);
	ts_answer(buf, sizeof(buf));
	if (strstr(buf, "done: acknowledged") == NULL)
		fail_msg("answer \"%s\"", buf);
}

/* A retry resends the bytes first signed, not a new signature. */
static void
test_sign_retry_same_bytes(void **state)
{
	void		*data;
	size_t		 len, first_len;
	uint8_t		 first[FEED_WIRE_MAX];
	uint64_t	 id, limit;
	struct fohp_err	 err;
	char		 e[256], buf[512];

	(void)state;
	ts_open(0);		/* nobody answers the control URL yet */
	ts_heartbeat(1, clock_wall_ms() - BEHIND_MS);
	ts_until_seq(1);
	ts_ack("first");
	limit = clock_mono_ms() + DEADLINE_MS;
	while (ts.f.wire_len == 0) {
		feed_service(&ts.f, &ts.c, clock_mono_ms());
		if (clock_mono_ms() > limit)
			fail_msg("the request was never signed");
		nng_msleep(2);
	}
	first_len = ts.f.wire_len;
	memcpy(first, ts.f.wire, first_len);
	/* The agent's clock jumps a minute: a new signature would differ. */
	agent_off = 60000;
	ts_heartbeat(2, clock_wall_ms() + agent_off);
	ts_until_seq(2);
	assert_int_equal(transport_rep_listen(&ts.rep, ts.ctl, NULL, NULL, e,
	    sizeof(e)), 0);
	if (ts_next_signed(&data, &len, clock_mono_ms() + DEADLINE_MS) != 0)
		fail_msg("no signed request once the agent listens");
	assert_int_equal(len, first_len);
	assert_memory_equal(data, first, first_len);
	assert_int_equal(fohp_decode(&ts.dec, data, len, 0, ts.m, &err),
	    FOHP_OK);
	nng_free(data, len);
	ts_check_signed(clock_wall_ms() - BEHIND_MS, &id);
	ts_reply(id);
	ts_answer(buf, sizeof(buf));
	/* The next request is signed anew, on the agent's clock now. */
	ts_ack("second");
	if (ts_next_signed(&data, &len, clock_mono_ms() + DEADLINE_MS) != 0)
		fail_msg("no second signed request");
	assert_int_equal(fohp_decode(&ts.dec, data, len, 0, ts.m, &err),
	    FOHP_OK);
	nng_free(data, len);
	ts_check_signed(clock_wall_ms() + 60000, &id);
}

/* A request that cannot be signed is not sent, unsigned or otherwise. */
static void
test_sign_failure_not_sent(void **state)
{
	void		*data;
	size_t		 len;
	char		 buf[512];

	(void)state;
	ts_open(1);
	ts.sg.kind = SIGNER_AGENT;	/* an agent that is not there */
	snprintf(ts.sg.sock, sizeof(ts.sg.sock), "/nonexistent/foh-test/"
	    "agent.sock");
	snprintf(ts.sg.source, sizeof(ts.sg.source), "ssh-agent");
	ts_heartbeat(1, clock_wall_ms() - BEHIND_MS);
	ts_until_seq(1);
	ts_ack("never");
	ts_answer(buf, sizeof(buf));
	if (strstr(buf, "ack #7 arena: not sent: ") != buf)
		fail_msg("answer \"%s\"", buf);
	assert_int_equal(ts.f.nops, 0);
	/* Nothing but snapshots reaches the agent in the next 300 ms. */
	if (ts_next_signed(&data, &len, clock_mono_ms() + 300) == 0)
		fail_msg("a signed message was sent");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test_teardown(test_sign_ack, ts_teardown),
		cmocka_unit_test_teardown(test_sign_retry_same_bytes,
		    ts_teardown),
		cmocka_unit_test_teardown(test_sign_failure_not_sent,
		    ts_teardown),
	};

	return (cmocka_run_group_tests_name("feed-sign", tests, NULL, NULL));
}
