/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-vconf-signers.c: who may act, and with which key. The policy
 * (vconf_may, vconf_unsigned) as a table of operator, op, peer, uid and
 * signed or not under each [control] tcp; operators' keys (key =) and
 * OpenSSH allowed_signers files, good and bad, each bad one refused with
 * its file:line; and vconf_signer, which says whether a verified key may
 * speak for an operator now. The keys are real ones made by ssh-keygen;
 * their fingerprints are what `ssh-keygen -l` printed for them.
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

#include "core/vconf.h"
#include "lib/sshsig.h"

#define VENUE	"[venue]\nid = arena\ngrid = 10x10\n"
#define ZONE	"[zone a]\nrect = 0,0,5,5\narea_m2 = 100\n"

/* Made with ssh-keygen -t ed25519; fingerprints from ssh-keygen -l. */
#define K1	"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFkkEtirOnMhVe/+PitGJII+" \
		"sLvxzaLgSwdxBgUZ2J8X"
#define K1_FP	"SHA256:JV3Bvc9DwuBeI8nfKlF+UVvxCBkbwPaMLijtMO/23c8"
#define K2	"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMrnYEfRdYl02jGQGr6tp9bY" \
		"ucgaEGpZUZ/HrraILI5c"
#define K2_FP	"SHA256:6Z8H8qktXkp3k711JaGMWQpmpGTSWLjBHBsGpoabh3w"
#define K3	"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJLwELh3YGN0W7RRICZZrt+U" \
		"sLWNNVJVX1kk5euVT6tf"
#define K3_FP	"SHA256:83c8DgQDl796Nevi1032MDfj86X8psAIfn1gMuzh57c"
#define RSA	"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDK2glceGJxeianvQiTvaBy"

/* A scratch directory with a fohd.conf and an allowed_signers in it. */
struct ts {
	char	dir[64];
	char	conf[128];
	char	signers[128];
};

/* Make the scratch directory. */
static int
ts_setup(void **state)
{
	struct ts	*t = calloc(1, sizeof(*t));

	if (t == NULL)
		return (-1);
	snprintf(t->dir, sizeof(t->dir), "/tmp/foh-signers-XXXXXX");
	if (mkdtemp(t->dir) == NULL)
		return (-1);
	snprintf(t->conf, sizeof(t->conf), "%s/fohd.conf", t->dir);
	snprintf(t->signers, sizeof(t->signers), "%s/signers", t->dir);
	*state = t;
	return (0);
}

/* Remove it. */
static int
ts_teardown(void **state)
{
	struct ts	*t = *state;

	unlink(t->conf);
	unlink(t->signers);
	rmdir(t->dir);
	free(t);
	return (0);
}

/* Write text to path. */
static void
ts_write(const char *path, const char *text)
{
	FILE	*f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* Load a config from the scratch fohd.conf: 0 or -1 with err. */
static int
ts_load(struct ts *t, struct vconf *c, const char *conf,
    const char *signers, char *err, size_t errlen)
{
	ts_write(t->conf, conf);
	if (signers != NULL)
		ts_write(t->signers, signers);
	return (vconf_load_file(c, t->conf, err, errlen));
}

/* Who may do what: operator, op, peer, uid, signed, under each policy. */
static void
test_vconf_may(void **state)
{
	static const struct {
		const char	*name;
		enum vconf_tcp	 tcp;
		const char	*who;
		const char	*op;
		unsigned	 right;
		enum vconf_peer	 peer;
		long		 uid;
		int		 is_signed;
		const char	*refusal;	/* NULL: allowed */
	} cases[] = {
		{ "listed with the right, ipc, its uid", VCONF_TCP_REFUSE,
		    "ana", "ack", VCONF_RIGHT_ACK, VCONF_PEER_IPC, 1000, 0,
		    NULL },
		{ "wrong uid over ipc", VCONF_TCP_REFUSE, "ana", "ack",
		    VCONF_RIGHT_ACK, VCONF_PEER_IPC, 1001, 0,
		    "must connect as uid 1000" },
		{ "wrong uid over ipc, signed: the uid check stays",
		    VCONF_TCP_SIGNED, "ana", "ack", VCONF_RIGHT_ACK,
		    VCONF_PEER_IPC, 1001, 1, "must connect as uid 1000" },
		{ "in-process for a uid-bound operator", VCONF_TCP_REFUSE,
		    "ana", "ack", VCONF_RIGHT_ACK, VCONF_PEER_INPROC, -1, 0,
		    "must connect as uid 1000" },
		{ "no uid set: any local peer", VCONF_TCP_REFUSE, "bo",
		    "comment", VCONF_RIGHT_COMMENT, VCONF_PEER_IPC, 4242, 0,
		    NULL },
		{ "without the right", VCONF_TCP_REFUSE, "bo", "ack",
		    VCONF_RIGHT_ACK, VCONF_PEER_IPC, 4242, 0,
		    "operator \"bo\" may not ack" },
		{ "without the right to approve", VCONF_TCP_REFUSE, "bo",
		    "approve", VCONF_RIGHT_APPROVE, VCONF_PEER_INPROC, -1, 0,
		    "may not approve" },
		{ "unknown operator", VCONF_TCP_REFUSE, "eve", "ack",
		    VCONF_RIGHT_ACK, VCONF_PEER_IPC, 0, 0,
		    "operator \"eve\" is not known" },
		{ "tcp refused", VCONF_TCP_REFUSE, "ana", "ack",
		    VCONF_RIGHT_ACK, VCONF_PEER_TCP, -1, 0,
		    "control over tcp is not enabled" },
		{ "tcp refused, even signed", VCONF_TCP_REFUSE, "ana", "ack",
		    VCONF_RIGHT_ACK, VCONF_PEER_TCP, -1, 1,
		    "control over tcp is not enabled" },
		{ "signed policy, unsigned", VCONF_TCP_SIGNED, "bo",
		    "comment", VCONF_RIGHT_COMMENT, VCONF_PEER_TCP, -1, 0,
		    "accepts only signed requests" },
		{ "signed policy, signed, uid-pinned: no uid over tcp",
		    VCONF_TCP_SIGNED, "ana", "ack", VCONF_RIGHT_ACK,
		    VCONF_PEER_TCP, -1, 1, NULL },
		{ "signed policy, signed, without the right",
		    VCONF_TCP_SIGNED, "bo", "ack", VCONF_RIGHT_ACK,
		    VCONF_PEER_TCP, -1, 1, "operator \"bo\" may not ack" },
		{ "allow, unsigned, free operator", VCONF_TCP_ALLOW, "bo",
		    "comment", VCONF_RIGHT_COMMENT, VCONF_PEER_TCP, -1, 0,
		    NULL },
		{ "allow, unsigned, uid-pinned operator", VCONF_TCP_ALLOW,
		    "ana", "ack", VCONF_RIGHT_ACK, VCONF_PEER_TCP, -1, 0,
		    "\"ana\" is pinned to a uid" },
		{ "allow, unsigned, operator holding a key", VCONF_TCP_ALLOW,
		    "cy", "ack", VCONF_RIGHT_ACK, VCONF_PEER_TCP, -1, 0,
		    "\"cy\" holds a signing key" },
		{ "allow, signed, operator holding a key", VCONF_TCP_ALLOW,
		    "cy", "ack", VCONF_RIGHT_ACK, VCONF_PEER_TCP, -1, 1,
		    NULL },
		{ "allow, unsigned key holder over ipc", VCONF_TCP_ALLOW,
		    "cy", "ack", VCONF_RIGHT_ACK, VCONF_PEER_IPC, 5, 0, NULL },
	};
	struct vconf	*c = malloc(sizeof(*c));
	char		 err[512], why[256];
	const char	*got;
	size_t		 i;

	(void)state;
	assert_int_equal(vconf_load_string(c, "t.conf", VENUE ZONE
	    "[operator ana]\nuid = 1000\nrights = all\n"
	    "[operator bo]\nrights = comment\n"
	    "[operator cy]\nrights = ack\nkey = " K1 "\n", err,
	    sizeof(err)), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c->control_tcp = cases[i].tcp;
		got = vconf_may(c, cases[i].who, cases[i].op, cases[i].right,
		    cases[i].peer, cases[i].uid, cases[i].is_signed, why,
		    sizeof(why));
		if (cases[i].refusal == NULL && got != NULL)
			fail_msg("%s: refused: %s", cases[i].name, got);
		if (cases[i].refusal != NULL && (got == NULL ||
		    strstr(got, cases[i].refusal) == NULL))
			fail_msg("%s: got %s, want ...%s...", cases[i].name,
			    got != NULL ? got : "allowed", cases[i].refusal);
	}
	/* vconf_unsigned: only the network is asked for a signature. */
	c->control_tcp = VCONF_TCP_SIGNED;
	assert_null(vconf_unsigned(c, "bo", VCONF_PEER_IPC, why, sizeof(why)));
	assert_non_null(vconf_unsigned(c, "bo", VCONF_PEER_TCP, why,
	    sizeof(why)));
	c->control_tcp = VCONF_TCP_REFUSE;	/* refused anyway, not "sign" */
	assert_null(vconf_unsigned(c, "ana", VCONF_PEER_TCP, why,
	    sizeof(why)));
	/* No operators listed: local peers are trusted, tcp never. */
	c->control_tcp = VCONF_TCP_ALLOW;
	c->noperators = 0;
	assert_null(vconf_may(c, "anyone", "approve", VCONF_RIGHT_APPROVE,
	    VCONF_PEER_IPC, 7, 0, why, sizeof(why)));
	assert_non_null(vconf_may(c, "anyone", "ack", VCONF_RIGHT_ACK,
	    VCONF_PEER_TCP, -1, 0, why, sizeof(why)));
	free(c);
}

/* [control] tcp, window, and [operator] key = lines, good and bad. */
static void
test_vconf_keys(void **state)
{
	static const struct {
		const char	*name;
		const char	*text;
		const char	*error;
	} bad[] = {
		{ "tcp word", "[control]\ntcp = maybe\n",
		    "t.conf:8: tcp \"maybe\" must be refuse, signed or allow" },
		{ "window zero", "[control]\nwindow = 0s\n",
		    "t.conf:8: window \"0s\" must be a duration from 1s to 1h" },
		{ "window too long", "[control]\nwindow = 2h\n",
		    "t.conf:8: window \"2h\"" },
		{ "not a key", "[operator ana]\nkey = hello\n",
		    "t.conf:8: operator ana: key: " },
		{ "an rsa key", "[operator ana]\nkey = " RSA "\n",
		    "t.conf:8: operator ana: key: " },
		{ "one key, two operators", "[operator ana]\nkey = " K1 "\n"
		    "[operator bob]\nkey = " K2 "\nkey = " K1 " again\n",
		    "t.conf:11: key " K1_FP " is listed for operator ana and "
		    "for operator bob" },
		{ "nine keys", "[operator ana]\nkey = " K1 "\nkey = " K1 "\n"
		    "key = " K1 "\nkey = " K1 "\nkey = " K1 "\nkey = " K1 "\n"
		    "key = " K1 "\nkey = " K1 "\nkey = " K1 "\n",
		    "t.conf:16: operator ana has more than 8 keys" },
	};
	struct vconf	*c = malloc(sizeof(*c));
	char		 err[512], text[2048];
	size_t		 i;

	(void)state;
	assert_int_equal(vconf_load_string(c, "t.conf", VENUE ZONE, err,
	    sizeof(err)), 0);
	assert_int_equal(c->control_tcp, VCONF_TCP_REFUSE);
	assert_int_equal(c->sign_window_ms, 60000);
	assert_string_equal(c->allowed_signers, "");
	assert_int_equal(vconf_load_string(c, "t.conf", VENUE ZONE
	    "[control]\ntcp = signed\nwindow = 10s\n"
	    "[operator ana]\nrights = ack\nkey = " K1 " ana@laptop\n"
	    "key = " K2 "\n[operator bob]\n", err, sizeof(err)), 0);
	assert_int_equal(c->control_tcp, VCONF_TCP_SIGNED);
	assert_string_equal(vconf_tcp_name(c->control_tcp), "signed");
	assert_int_equal(c->sign_window_ms, 10000);
	assert_int_equal(c->operators[0].nkeys, 2);
	assert_string_equal(c->operators[0].keys[0].fp, K1_FP);
	assert_string_equal(c->operators[0].keys[0].comment, "ana@laptop");
	assert_string_equal(c->operators[0].keys[1].fp, K2_FP);
	assert_int_equal(c->operators[0].key_after_ms[0], 0);
	assert_int_equal(c->operators[1].nkeys, 0);
	assert_int_equal(vconf_load_string(c, "t.conf", VENUE ZONE
	    "[control]\ntcp = allow\n", err, sizeof(err)), 0);
	assert_int_equal(c->control_tcp, VCONF_TCP_ALLOW);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), VENUE ZONE "%s", bad[i].text);
		if (vconf_load_string(c, "t.conf", text, err,
		    sizeof(err)) == 0)
			fail_msg("%s: loaded", bad[i].name);
		if (strstr(err, bad[i].error) != err)
			fail_msg("%s: got \"%s\", want \"%s...\"",
			    bad[i].name, err, bad[i].error);
	}
	free(c);
}

/* allowed_signers: what applies to whom, and every bad line's place. */
static void
test_vconf_allowed_signers(void **state)
{
	static const struct {
		const char	*name;
		const char	*line;
		const char	*error;		/* after "signers:1: " */
	} bad[] = {
		{ "cert-authority", "ana cert-authority " K1,
		    "cert-authority: SSH certificates are not supported" },
		{ "rsa", "ana " RSA, "key type \"ssh-rsa\": foh verifies "
		    "ssh-ed25519 keys only" },
		{ "rsa with options", "ana namespaces=\"foh\" " RSA,
		    "key type \"ssh-rsa\"" },
		{ "nobody", "zed " K1, "principals \"zed\" match no "
		    "[operator]" },
		{ "all negated", "*,!ana,!bob,!cy " K1, "principals" },
		{ "bad time", "ana valid-after=\"2026-01-01\" " K1,
		    "valid-after \"2026-01-01\" is not a time" },
		{ "unknown option", "ana no-touch-required " K1,
		    "key type \"no-touch-required\"" },
		{ "unknown option after a known one",
		    "ana namespaces=\"foh\",verify-required " K1,
		    "option \"verify-required\" is not known" },
		{ "no key", "ana", "no key after the principals" },
		{ "bad base64", "ana ssh-ed25519 !!!!", "" },
		{ "bob's key for ana too", "ana " K2, "key " K2_FP " is listed "
		    "for operator bob and for operator ana" },
	};
	struct ts	*t = *state;
	struct vconf	*c = malloc(sizeof(*c));
	char		 err[512], want[256], line[512];
	const char	*conf = VENUE ZONE "[control]\ntcp = signed\n"
	    "allowed_signers = signers\n[operator ana]\nrights = all\n"
	    "[operator bob]\nkey = " K2 "\n[operator cy]\n";
	size_t		 i;

	/* Comments, quotes, patterns, namespaces, validity. */
	assert_int_equal(ts_load(t, c, conf,
	    "# the venue's signers\n\n"
	    "  \"ana\" " K1 " ana@laptop\r\n"
	    "ana namespaces=\"git\" " K3 "\n"	/* not for foh: skipped */
	    "c? namespaces=\"file,f*\",valid-after=\"20260101\","
	    "VALID-BEFORE=\"202701020304Z\" " K3 " cy@home\n"
	    "*,!ana,!cy " RSA "x\n", err, sizeof(err)), -1);
	/* ... an RSA line is an error wherever it is (line 6). */
	snprintf(want, sizeof(want), "%s:6: key type \"ssh-rsa\"",
	    t->signers);
	if (strstr(err, want) != err)
		fail_msg("got \"%s\", want \"%s...\"", err, want);
	assert_int_equal(ts_load(t, c, conf,
	    "# the venue's signers\n\n"
	    "  \"ana\" " K1 " ana@laptop\r\n"
	    "ana namespaces=\"git\" " K3 "\n"
	    "c? namespaces=\"file,f*\",valid-after=\"20260101\","
	    "VALID-BEFORE=\"202701020304Z\" " K3 " cy@home\n", err,
	    sizeof(err)), 0);
	assert_int_equal(c->operators[0].nkeys, 1);
	assert_string_equal(c->operators[0].keys[0].fp, K1_FP);
	assert_int_equal(c->operators[1].nkeys, 1);	/* bob: key = */
	assert_int_equal(c->operators[2].nkeys, 1);
	assert_string_equal(c->operators[2].keys[0].fp, K3_FP);
	assert_int_equal(c->operators[2].key_before_ms[0],
	    1798859040000ULL);			/* 2027-01-02 03:04 UTC */
	assert_true(c->operators[2].key_after_ms[0] > 1767139200000ULL &&
	    c->operators[2].key_after_ms[0] < 1767312000000ULL);	/* local */

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(line, sizeof(line), "%s\n", bad[i].line);
		if (ts_load(t, c, conf, line, err, sizeof(err)) == 0)
			fail_msg("%s: loaded", bad[i].name);
		snprintf(want, sizeof(want), "%s:1: %s", t->signers,
		    bad[i].error);
		if (strstr(err, want) != err)
			fail_msg("%s: got \"%s\", want \"%s...\"",
			    bad[i].name, err, want);
	}
	/* A file that is not there: the config's line says which. */
	unlink(t->signers);
	assert_int_equal(ts_load(t, c, conf, NULL, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s:9: allowed_signers: %s/signers",
	    t->conf, t->dir);
	if (strstr(err, want) != err)
		fail_msg("got \"%s\", want \"%s...\"", err, want);
	free(c);
}

/* vconf_signer: the key's operator, another's, nobody's, not yet valid. */
static void
test_vconf_signer(void **state)
{
	struct ts		*t = *state;
	struct vconf		*c = malloc(sizeof(*c));
	struct sshsig_pubkey	 k1, k2, k3;
	char			 err[512], why[256];
	const uint64_t		 y2026 = 1767225600000ULL;	/* 1 Jan */

	assert_int_equal(sshsig_init(), 0);
	assert_int_equal(sshsig_pubkey_parse(&k1, K1, err, sizeof(err)), 0);
	assert_int_equal(sshsig_pubkey_parse(&k2, K2, err, sizeof(err)), 0);
	assert_int_equal(sshsig_pubkey_parse(&k3, K3, err, sizeof(err)), 0);
	assert_int_equal(ts_load(t, c, VENUE ZONE
	    "[control]\nallowed_signers = " "signers\n"
	    "[operator ana]\nkey = " K1 "\n[operator bob]\n",
	    "bob valid-after=\"20260101Z\",valid-before=\"20260201Z\" " K2
	    "\n", err, sizeof(err)), 0);
	assert_int_equal(vconf_signer(c, &k1, "ana", y2026, why, sizeof(why)),
	    0);
	assert_int_equal(vconf_signer(c, &k1, "bob", y2026, why, sizeof(why)),
	    VCONF_SIGNER_OTHER);
	assert_string_equal(why, "key " K1_FP " is listed for ana, not bob");
	assert_int_equal(vconf_signer(c, &k3, "ana", y2026, why, sizeof(why)),
	    VCONF_SIGNER_UNKNOWN);
	assert_string_equal(why, "key " K3_FP " is not listed for any "
	    "operator");
	assert_int_equal(vconf_signer(c, &k3, "eve", y2026, why, sizeof(why)),
	    VCONF_SIGNER_UNKNOWN);
	/* valid-after and valid-before are checked at the time given. */
	assert_int_equal(vconf_signer(c, &k2, "bob", y2026, why, sizeof(why)),
	    1);
	assert_int_equal(vconf_signer(c, &k2, "bob", y2026 - 1, why,
	    sizeof(why)), VCONF_SIGNER_NOT_NOW);
	assert_non_null(strstr(why, "is not valid now"));
	assert_int_equal(vconf_signer(c, &k2, "bob", y2026 + 31ULL * 86400000,
	    why, sizeof(why)), 1);		/* valid-before: inclusive */
	assert_int_equal(vconf_signer(c, &k2, "bob", y2026 + 31ULL * 86400000 +
	    1, why, sizeof(why)), VCONF_SIGNER_NOT_NOW);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_vconf_may),
		cmocka_unit_test(test_vconf_keys),
		cmocka_unit_test_setup_teardown(test_vconf_allowed_signers,
		    ts_setup, ts_teardown),
		cmocka_unit_test_setup_teardown(test_vconf_signer, ts_setup,
		    ts_teardown),
	};

	return (cmocka_run_group_tests_name("vconf-signers", tests, NULL,
	    NULL));
}
