/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-agent-signed.c: signed requests to an agent in-process, over a real
 * ipc control socket, with a real SQLite journal, signed here with keys
 * made from fixed seeds (e2e-signed.sh does the same over tcp with keys
 * and signatures made by ssh-keygen):
 *
 *   - over ipc an operator's uid is checked for signed requests too: a
 *     valid signature by ana's key from another uid is refused, field
 *     operator;
 *   - a signed request by bob's own key passes the signature checks and
 *     reaches the op (alert 999 is not found), and its audit row names the
 *     key, the transport "ipc" and keeps body and sig byte for byte;
 *   - a key listed for nobody, a ts outside a 5 s window, a body that is
 *     not a request: each refused with its field, counted by reason;
 *   - a signed snapshot is answered as any snapshot.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <nng/nng.h>
#include <nng/protocol/reqrep0/req.h>
#include <nng/supplemental/util/platform.h>
#include <sodium.h>
#include <sqlite3.h>

#include "agent/agent.h"
#include "lib/clock.h"
#include "lib/sshsig.h"
#include "core/vconf.h"

#define DEADLINE_MS	5000

/* The test's agent, its requester, and three keys. */
struct tas {
	struct agent		*a;
	nng_socket		 req;
	struct sshsig_seckey	 ana, bob, eve;
	struct fohp_decoder	 dec;
	struct fohp_msg		*m;
	char			 sock[64], db[64];
};

/* A key from a seed of 32 bytes of s. */
static void
tas_key(struct sshsig_seckey *k, uint8_t s)
{
	uint8_t	seed[crypto_sign_SEEDBYTES];

	memset(seed, s, sizeof(seed));
	memset(k, 0, sizeof(*k));
	assert_int_equal(crypto_sign_seed_keypair(k->pub.pk, k->sk, seed), 0);
	sshsig_fingerprint(k->pub.pk, k->pub.fp, sizeof(k->pub.fp));
}

/* The public line of a key, for fohd.conf. */
static void
tas_line(const struct sshsig_seckey *k, char *out, size_t len)
{
	uint8_t	blob[SSHSIG_KEYBLOB_LEN];
	char	b64[sodium_base64_ENCODED_LEN(SSHSIG_KEYBLOB_LEN,
		    sodium_base64_VARIANT_ORIGINAL)];

	sshsig_pubkey_blob(&k->pub, blob);
	sodium_bin2base64(b64, sizeof(b64), blob, sizeof(blob),
	    sodium_base64_VARIANT_ORIGINAL);
	snprintf(out, len, "ssh-ed25519 %s", b64);
}

/* Open an agent on ipc: ana pinned to another uid, bob free; both keyed. */
static int
tas_setup(void **state)
{
	static const char	 conf[] =
	    "[venue]\nid = lab\nname = Lab\ngrid = 4x4\n"
	    "stream = inproc://tas-pub-%d\ncontrol = ipc://%s\n"
	    "[zone floor]\nrect = 0,0,4,4\narea_m2 = 10\n"
	    "[ingest]\nsimulate = no\n[journal]\npath = %s\n"
	    "[control]\nwindow = 5s\n"
	    "[operator ana]\nuid = %d\nrights = all\nkey = %s\n"
	    "[operator bob]\nrights = comment\nkey = %s\n";
	struct tas	*t = calloc(1, sizeof(*t));
	struct vconf	*c = calloc(1, sizeof(*c));
	char		 text[2048], why[256], url[80], ka[128], kb[128];

	assert_true(t != NULL && c != NULL);
	assert_int_equal(sshsig_init(), 0);
	tas_key(&t->ana, 1);
	tas_key(&t->bob, 2);
	tas_key(&t->eve, 3);
	tas_line(&t->ana, ka, sizeof(ka));
	tas_line(&t->bob, kb, sizeof(kb));
	snprintf(t->sock, sizeof(t->sock), "/tmp/foh-tas-%d.ipc",
	    (int)getpid());
	snprintf(t->db, sizeof(t->db), "/tmp/foh-tas-%d.db", (int)getpid());
	unlink(t->sock);
	unlink(t->db);
	snprintf(text, sizeof(text), conf, (int)getpid(), t->sock, t->db,
	    (int)getuid() + 1, ka, kb);
	if (vconf_load_string(c, "test", text, why, sizeof(why)) != 0)
		fail_msg("config: %s", why);
	if ((t->a = agent_open(c, why, sizeof(why))) == NULL)
		fail_msg("agent: %s", why);
	free(c);
	assert_int_equal(nng_req0_open(&t->req), 0);
	snprintf(url, sizeof(url), "ipc://%s", t->sock);
	assert_int_equal(nng_dial(t->req, url, NULL, 0), 0);
	assert_int_equal(fohp_decoder_init(&t->dec), FOHP_OK);
	assert_non_null(t->m = calloc(1, sizeof(*t->m)));
	*state = t;
	return (0);
}

/* Close it all. */
static int
tas_teardown(void **state)
{
	struct tas	*t = *state;

	nng_close(t->req);
	agent_close(t->a);
	fohp_decoder_fini(&t->dec);
	free(t->m);
	unlink(t->sock);
	unlink(t->db);
	free(t);
	return (0);
}

/*
 * Sign a request (op, operator, alert, comment; ts = now + skew) with key
 * k, send it, serve the agent until the answer comes: it is in t->m.
 * The body and sig sent are kept in body/sig (if not NULL).
 */
static void
tas_ask(struct tas *t, const struct sshsig_seckey *k, const char *op,
    const char *who, uint64_t alert, int64_t skew, const char *venue,
    struct fohp_signed *sent)
{
	static uint64_t		 id = 100;
	struct fohp_msg		*r = calloc(1, sizeof(*r));
	struct fohp_signed	*s = &t->m->u.sreq;
	struct fohp_err		 err;
	msgpack_sbuffer		 sb;
	uint64_t		 limit = clock_mono_ms() + DEADLINE_MS;
	size_t			 n;
	void			*ans;
	char			 why[256];

	assert_non_null(r);
	r->v = FOHP_VERSION;
	r->kind = FOHP_REQUEST;
	strcpy(r->venue, venue);
	r->ts_ms = (uint64_t)((int64_t)clock_wall_ms() + skew);
	r->u.request.id = ++id;
	strcpy(r->u.request.op, op);
	strcpy(r->u.request.operator_name, who);
	r->u.request.alert = alert;
	strcpy(r->u.request.comment, "signed in a unit test");
	msgpack_sbuffer_init(&sb);
	assert_int_equal(fohp_encode(&sb, r, 0, &err), FOHP_OK);
	memset(t->m, 0, sizeof(*t->m));
	t->m->v = FOHP_VERSION;
	t->m->kind = FOHP_SIGNED;
	memcpy(s->body, sb.data, sb.size);
	s->body_len = (uint16_t)sb.size;
	if (sshsig_sign(k, SSHSIG_NAMESPACE, sb.data, sb.size, s->sig,
	    sizeof(s->sig), &n, why, sizeof(why)) != 0)
		fail_msg("sign: %s", why);
	s->sig_len = (uint16_t)n;
	if (sent != NULL)
		*sent = *s;
	msgpack_sbuffer_clear(&sb);
	assert_int_equal(fohp_encode(&sb, t->m, 0, &err), FOHP_OK);
	assert_int_equal(nng_send(t->req, sb.data, sb.size, 0), 0);
	msgpack_sbuffer_destroy(&sb);
	free(r);
	for (;;) {
		agent_service(t->a, clock_mono_ms());
		if (nng_recv(t->req, &ans, &n, NNG_FLAG_ALLOC |
		    NNG_FLAG_NONBLOCK) == 0)
			break;
		if (clock_mono_ms() > limit)
			fail_msg("no answer to %s by %s", op, who);
		nng_msleep(1);
	}
	assert_int_equal(fohp_decode(&t->dec, ans, n, 0, t->m, &err),
	    FOHP_OK);
	nng_free(ans, n);
}

/* The answer is an error of code on field whose text holds words. */
static void
tas_refused(struct tas *t, const char *code, const char *field,
    const char *words)
{
	if (t->m->kind != FOHP_ERROR)
		fail_msg("want %s, got kind %s", code,
		    fohp_kind_name(t->m->kind));
	assert_string_equal(t->m->u.error.code, code);
	assert_string_equal(t->m->u.error.field, field);
	if (strstr(t->m->u.error.text, words) == NULL)
		fail_msg("\"%s\" without \"%s\"", t->m->u.error.text, words);
}

/* The uid check stays over ipc; bob's key reaches the op, audited. */
static void
test_signed_ipc(void **state)
{
	struct tas		*t = *state;
	struct fohp_signed	 sent;
	sqlite3			*db;
	sqlite3_stmt		*st;
	char			 want[128];

	tas_ask(t, &t->ana, "comment", "ana", 999, 0, "lab", NULL);
	tas_refused(t, "forbidden", "operator", "must connect as uid");
	tas_ask(t, &t->bob, "comment", "bob", 999, 0, "lab", &sent);
	tas_refused(t, "not-found", "alert", "no alert 999");
	tas_ask(t, &t->bob, "snapshot", "bob", 0, 0, "lab", NULL);
	assert_int_equal(t->m->kind, FOHP_SNAPSHOT);
	assert_int_equal(agent_stats(t->a)->signed_ok, 3);

	assert_int_equal(sqlite3_open(t->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT key, transport, body,"
	    " sig, peer FROM audit WHERE result = 'not found'", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
	    t->bob.pub.fp);
	assert_string_equal((const char *)sqlite3_column_text(st, 1), "ipc");
	assert_int_equal(sqlite3_column_bytes(st, 2), sent.body_len);
	assert_memory_equal(sqlite3_column_blob(st, 2), sent.body,
	    sent.body_len);
	assert_int_equal(sqlite3_column_bytes(st, 3), sent.sig_len);
	assert_memory_equal(sqlite3_column_blob(st, 3), sent.sig,
	    sent.sig_len);
	snprintf(want, sizeof(want), "ipc uid %d", (int)getuid());
	assert_string_equal((const char *)sqlite3_column_text(st, 4), want);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Unknown key, ts outside the window, another venue: refused, counted. */
static void
test_signed_refused(void **state)
{
	struct tas			*t = *state;
	const struct agent_stats	*s = agent_stats(t->a);
	char				 want[128];

	tas_ask(t, &t->eve, "comment", "bob", 999, 0, "lab", NULL);
	snprintf(want, sizeof(want), "key %s is not listed for any operator",
	    t->eve.pub.fp);
	tas_refused(t, "forbidden", "sig", want);
	tas_ask(t, &t->bob, "comment", "ana", 999, 0, "lab", NULL);
	snprintf(want, sizeof(want), "key %s is listed for bob, not ana",
	    t->bob.pub.fp);
	tas_refused(t, "forbidden", "sig", want);
	tas_ask(t, &t->bob, "comment", "bob", 999, -6000, "lab", NULL);
	tas_refused(t, "expired", "ts", "the window is 5000 ms");
	tas_ask(t, &t->bob, "comment", "bob", 999, 6000, "lab", NULL);
	tas_refused(t, "expired", "ts", "ahead of");
	tas_ask(t, &t->bob, "comment", "bob", 999, 0, "arena", NULL);
	tas_refused(t, "bad-request", "venue", "the body names \"arena\"");
	assert_int_equal(s->sig_refused[AGENT_SIG_UNKNOWN_KEY], 1);
	assert_int_equal(s->sig_refused[AGENT_SIG_OTHER_OPERATOR], 1);
	assert_int_equal(s->sig_refused[AGENT_SIG_EXPIRED], 2);
	assert_int_equal(s->sig_refused[AGENT_SIG_VENUE], 1);
	assert_int_equal(s->signed_ok, 0);
	assert_string_equal(agent_sign_reason_name(AGENT_SIG_OTHER_OPERATOR),
	    "other-operator");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test_setup_teardown(test_signed_ipc, tas_setup,
		    tas_teardown),
		cmocka_unit_test_setup_teardown(test_signed_refused,
		    tas_setup, tas_teardown),
	};

	return (cmocka_run_group_tests_name("agent-signed", tests, NULL,
	    NULL));
}
