/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-sshsig.c: SSHSIG against vectors made by OpenSSH itself.
 *
 * The vectors were made on 2026-12-04 with OpenSSH_9.2p1 (Debian 12):
 *	ssh-keygen -q -t ed25519 -N '' -C foh-test-vector -f key
 *	printf 'foh signed request test vector\n' >msg
 *	ssh-keygen -Y sign -n foh -f key msg			-> SIG512
 *	ssh-keygen -Y sign -n foh -O hashalg=sha256 -f key msg	-> SIG256
 *	ssh-keygen -l -f key.pub				-> FP
 *	ssh-keygen -q -t ed25519 -N secret -C enc -f enckey	-> ENCKEY
 *	ssh-keygen -q -t ecdsa -N '' -f eckey			-> ECKEY
 * The key is a throw-away one, made for this test and used nowhere else.
 * tests/e2e-sshsig.sh checks the same against ssh-keygen at test time,
 * and signer's choices with a real ssh-agent; here, signer with a key file
 * and without one.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "console/signer.h"
#include "lib/sshsig.h"

#define MSG	"foh signed request test vector\n"
#define FP	"SHA256:Yl7Mt/4+M1oAl+bRFQomxENbFMoZy2mEgOIMeFty3fM"
#define PUBLINE	"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDaQLiS77Sfm+ENgFBk8" \
	"i55WXi3U/MTJT+OwTYA1N9YD foh-test-vector"

static const char key_text[] =
	"-----BEGIN OPENSSH PRIVATE KEY-----\n"
	"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
	"QyNTUxOQAAACA2kC4ku+0n5vhDYBQZPIueVl4t1PzEyU/jsE2ANTfWAwAAAJjAn4EYwJ+B\n"
	"GAAAAAtzc2gtZWQyNTUxOQAAACA2kC4ku+0n5vhDYBQZPIueVl4t1PzEyU/jsE2ANTfWAw\n"
	"AAAED4pt2AGxBEQqUlCDneUERMZKvkBfnpmm722+MFUbn3/DaQLiS77Sfm+ENgFBk8i55W\n"
	"Xi3U/MTJT+OwTYA1N9YDAAAAD2ZvaC10ZXN0LXZlY3RvcgECAwQFBg==\n"
	"-----END OPENSSH PRIVATE KEY-----\n";

static const char sig512[] =
	"-----BEGIN SSH SIGNATURE-----\n"
	"U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgNpAuJLvtJ+b4Q2AUGTyLnlZeLd\n"
	"T8xMlP47BNgDU31gMAAAADZm9oAAAAAAAAAAZzaGE1MTIAAABTAAAAC3NzaC1lZDI1NTE5\n"
	"AAAAQPnR6VQJzZJIWTzLaeva98FSg13L1w3a3QybiOJddMBDAgFViXCN8oONDmJ3ZgGwon\n"
	"gRJj5JmXEMBENkeFUUIwA=\n"
	"-----END SSH SIGNATURE-----\n";

static const char sig256[] =
	"-----BEGIN SSH SIGNATURE-----\n"
	"U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgNpAuJLvtJ+b4Q2AUGTyLnlZeLd\n"
	"T8xMlP47BNgDU31gMAAAADZm9oAAAAAAAAAAZzaGEyNTYAAABTAAAAC3NzaC1lZDI1NTE5\n"
	"AAAAQBfezMlKCPYrsXIqPF6stS4m94lRPe4OGWtyQ0RUb3vlV8NzCur7Ar0qugxbu27C5l\n"
	"4hkQTwoJAXcoO1gAYy3AU=\n"
	"-----END SSH SIGNATURE-----\n";

static const char enckey_text[] =
	"-----BEGIN OPENSSH PRIVATE KEY-----\n"
	"b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABCyjH2FwR\n"
	"hHgoKDYSh924OyAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIFFhmkpL9+UAVQwM\n"
	"U7/GdQ9/vYB/ab7TbtmBDcGhQ6RhAAAAkMIDQXcA2rpM7cdBwi+BqHj93xNPxc/RiBUr3S\n"
	"O+WvLK8YfF4YnSi+9Ru3RWd1zWrJXERFT4gAPLCZdl6Qs9YUVYA03EGKstuis1v/VipoIZ\n"
	"cMmQcwpJIAmSl6c28MnVlanf/VdnuNNKKNPhRyjAla8AKJuDVX4ibyc2U/xRiop+LxWkLU\n"
	"lHUbh3DTCbjkop+Q==\n"
	"-----END OPENSSH PRIVATE KEY-----\n";

static const char eckey_text[] =
	"-----BEGIN OPENSSH PRIVATE KEY-----\n"
	"b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAaAAAABNlY2RzYS\n"
	"1zaGEyLW5pc3RwMjU2AAAACG5pc3RwMjU2AAAAQQT4skd4tDJczF0Bk0q9OTxL/yMouB0A\n"
	"a5v40XAovdXj3s3TnEX6+JEZO2zkbVwOoQZH28Z1jxCqkCsZhhxRaD5LAAAAoKVQpXilUK\n"
	"V4AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPiyR3i0MlzMXQGT\n"
	"Sr05PEv/Iyi4HQBrm/jRcCi91ePezdOcRfr4kRk7bORtXA6hBkfbxnWPEKqQKxmGHFFoPk\n"
	"sAAAAgCSIGK4Pxl1hbFNZ5DnJf5mTiFNa3myZ+B9LEd6icalEAAAAHcm9vdEB2bQE=\n"
	"-----END OPENSSH PRIVATE KEY-----\n";

/* Dearmor a vector, asserting it works. */
static size_t
dearmor(const char *text, uint8_t *blob, size_t len)
{
	char	err[256];
	size_t	n = 0;

	assert_int_equal(sshsig_dearmor(text, strlen(text), blob, len, &n,
	    err, sizeof(err)), 0);
	return (n);
}

/* Set up libsodium once. */
static int
setup(void **state)
{
	(void)state;
	return (sshsig_init());
}

/* ssh-keygen's signatures verify, sha512 and sha256, and name the key. */
static void
test_sshsig_verify_keygen(void **state)
{
	struct sshsig_pubkey	signer, pub;
	uint8_t			blob[SSHSIG_BLOB_MAX];
	char			err[256];
	size_t			n;

	(void)state;
	assert_int_equal(sshsig_pubkey_parse(&pub, PUBLINE, err, sizeof(err)),
	    0);
	n = dearmor(sig512, blob, sizeof(blob));
	assert_int_equal(sshsig_verify(blob, n, "foh", MSG, strlen(MSG),
	    &signer, err, sizeof(err)), 0);
	assert_true(sshsig_pubkey_equal(&signer, &pub));
	assert_string_equal(signer.fp, FP);
	n = dearmor(sig256, blob, sizeof(blob));
	assert_int_equal(sshsig_verify(blob, n, "foh", MSG, strlen(MSG),
	    NULL, err, sizeof(err)), 0);
	/* ...but not over another message, nor under another namespace. */
	assert_int_equal(sshsig_verify(blob, n, "foh", MSG, strlen(MSG) - 1,
	    NULL, err, sizeof(err)), -1);
	assert_string_equal(err, "the signature does not verify");
	assert_int_equal(sshsig_verify(blob, n, "git", MSG, strlen(MSG),
	    NULL, err, sizeof(err)), -1);
	assert_string_equal(err, "namespace \"foh\", not \"git\"");
}

/* Every flipped byte of the blob or of the message is refused. */
static void
test_sshsig_flip(void **state)
{
	uint8_t	blob[SSHSIG_BLOB_MAX];
	char	msg[] = MSG, err[256];
	size_t	n, i;
	int	bit;

	(void)state;
	n = dearmor(sig512, blob, sizeof(blob));
	for (i = 0; i < n; i++)
		for (bit = 0; bit < 8; bit++) {
			blob[i] ^= (uint8_t)(1 << bit);
			err[0] = '\0';
			assert_int_equal(sshsig_verify(blob, n, "foh", MSG,
			    strlen(MSG), NULL, err, sizeof(err)), -1);
			assert_true(err[0] != '\0');
			blob[i] ^= (uint8_t)(1 << bit);
		}
	for (i = 0; i < strlen(msg); i++) {
		msg[i] ^= 0x01;
		assert_int_equal(sshsig_verify(blob, n, "foh", msg,
		    strlen(MSG), NULL, err, sizeof(err)), -1);
		assert_string_equal(err, "the signature does not verify");
		msg[i] ^= 0x01;
	}
	assert_int_equal(sshsig_verify(blob, n, "foh", msg, strlen(MSG),
	    NULL, err, sizeof(err)), 0);
}

/* Every prefix of a blob is refused without reading past it (ASan). */
static void
test_sshsig_truncated(void **state)
{
	uint8_t	blob[SSHSIG_BLOB_MAX], *cut;
	char	err[256];
	size_t	n, i;

	(void)state;
	n = dearmor(sig512, blob, sizeof(blob));
	for (i = 0; i < n; i++) {
		cut = malloc(i > 0 ? i : 1);
		assert_non_null(cut);
		memcpy(cut, blob, i);
		err[0] = '\0';
		assert_int_equal(sshsig_verify(cut, i, "foh", MSG, strlen(MSG),
		    NULL, err, sizeof(err)), -1);
		assert_true(err[0] != '\0');
		free(cut);
	}
	/* One byte more is refused too, and says so. */
	blob[n] = 0;
	assert_int_equal(sshsig_verify(blob, n + 1, "foh", MSG, strlen(MSG),
	    NULL, err, sizeof(err)), -1);
	assert_string_equal(err, "1 bytes after the SSHSIG signature");
}

/* Named faults in a blob's fields give the sentence that names them. */
static void
test_sshsig_faults(void **state)
{
	uint8_t	blob[SSHSIG_BLOB_MAX], bad[SSHSIG_BLOB_MAX + 8];
	char	err[256];
	size_t	n;

	(void)state;
	n = dearmor(sig512, blob, sizeof(blob));
	memcpy(bad, blob, n);
	bad[0] = 'X';
	assert_int_equal(sshsig_verify(bad, n, "foh", MSG, strlen(MSG), NULL,
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not an SSHSIG blob"));
	memcpy(bad, blob, n);
	bad[9] = 2;	/* version 2 */
	assert_int_equal(sshsig_verify(bad, n, "foh", MSG, strlen(MSG), NULL,
	    err, sizeof(err)), -1);
	assert_string_equal(err, "SSHSIG version 2; only version 1 is known");
	memcpy(bad, blob, n);
	bad[22] = 'X';	/* "ssh-ed25519" in the key -> "ssh-Xd25519" */
	assert_int_equal(sshsig_verify(bad, n, "foh", MSG, strlen(MSG), NULL,
	    err, sizeof(err)), -1);
	assert_string_equal(err, "the signer's key: not an ssh-ed25519 key "
	    "(\"ssh-Xd25519\")");
	memcpy(bad, blob, n);
	memcpy(bad + 6 + 4 + 55 + 7 + 4 + 4, "sha384", 6);
	assert_int_equal(sshsig_verify(bad, n, "foh", MSG, strlen(MSG), NULL,
	    err, sizeof(err)), -1);
	assert_string_equal(err, "hash algorithm \"sha384\", not sha256 or "
	    "sha512");
	assert_int_equal(sshsig_verify(blob, n, "foh", MSG, strlen(MSG), NULL,
	    err, sizeof(err)), 0);
	memset(bad, 0, sizeof(bad));
	assert_int_equal(sshsig_verify(bad, SSHSIG_BLOB_MAX + 1, "foh", MSG,
	    strlen(MSG), NULL, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "more than"));
}

/* Signing with the private key gives ssh-keygen's blob, byte for byte. */
static void
test_sshsig_sign_equal(void **state)
{
	struct sshsig_seckey	key;
	struct sshsig_pubkey	signer;
	uint8_t			want[SSHSIG_BLOB_MAX], got[SSHSIG_BLOB_MAX];
	char			err[256];
	size_t			wn, gn;

	(void)state;
	wn = dearmor(sig512, want, sizeof(want));
	assert_int_equal(sshsig_seckey_parse(&key, key_text, strlen(key_text),
	    err, sizeof(err)), 0);
	assert_string_equal(key.pub.fp, FP);
	assert_string_equal(key.pub.comment, "foh-test-vector");
	assert_int_equal(sshsig_sign(&key, "foh", MSG, strlen(MSG), got,
	    sizeof(got), &gn, err, sizeof(err)), 0);
	assert_int_equal(gn, wn);
	assert_memory_equal(got, want, wn);
	assert_int_equal(sshsig_verify(got, gn, "foh", MSG, strlen(MSG),
	    &signer, err, sizeof(err)), 0);
	assert_true(sshsig_pubkey_equal(&signer, &key.pub));
	/* No room: refused, not cut. */
	assert_int_equal(sshsig_sign(&key, "foh", MSG, strlen(MSG), got,
	    wn - 1, &gn, err, sizeof(err)), -1);
	/* An empty message and one of 64 KiB sign and verify. */
	assert_int_equal(sshsig_sign(&key, "foh", "", 0, got, sizeof(got),
	    &gn, err, sizeof(err)), 0);
	assert_int_equal(sshsig_verify(got, gn, "foh", "", 0, NULL, err,
	    sizeof(err)), 0);
	sshsig_seckey_wipe(&key);
	assert_string_equal(key.pub.fp, "");
}

/* Armor: ssh-keygen's text back, byte for byte; bad armor is refused. */
static void
test_sshsig_armor(void **state)
{
	uint8_t	blob[SSHSIG_BLOB_MAX], back[SSHSIG_BLOB_MAX];
	char	text[SSHSIG_ARMOR_MAX], bad[SSHSIG_ARMOR_MAX], err[256];
	size_t	n, tn, bn;

	(void)state;
	n = dearmor(sig512, blob, sizeof(blob));
	tn = sshsig_armor(blob, n, text, sizeof(text));
	assert_int_equal(tn, strlen(sig512));
	assert_string_equal(text, sig512);
	assert_int_equal(sshsig_armor(blob, n, text, tn), 0);
	assert_int_equal(sshsig_armor(blob, n, text, tn + 1), tn);
	assert_int_equal(sshsig_dearmor(text, tn, back, sizeof(back), &bn,
	    err, sizeof(err)), 0);
	assert_int_equal(bn, n);
	assert_memory_equal(back, blob, n);
	/* CRLF lines and no final newline are fine. */
	snprintf(bad, sizeof(bad), "%s", "-----BEGIN SSH SIGNATURE-----\r\n"
	    "U1NIU0lHAAAAAQ==\r\n-----END SSH SIGNATURE-----");
	assert_int_equal(sshsig_dearmor(bad, strlen(bad), back, sizeof(back),
	    &bn, err, sizeof(err)), 0);
	assert_int_equal(bn, 10);
	/* Refused: base64 on the header's line. */
	snprintf(bad, sizeof(bad), "%s", "-----BEGIN SSH SIGNATURE-----"
	    "U1NIU0lHAAAAAQ==\n-----END SSH SIGNATURE-----\n");
	assert_int_equal(sshsig_dearmor(bad, strlen(bad), back, sizeof(back),
	    &bn, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "first line"));
	/* Refused: no header, no footer, text after, bad base64, too big. */
	assert_int_equal(sshsig_dearmor(sig512 + 1, strlen(sig512) - 1, back,
	    sizeof(back), &bn, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "does not start with"));
	assert_int_equal(sshsig_dearmor(sig512, strlen(sig512) - 10, back,
	    sizeof(back), &bn, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "does not end with"));
	snprintf(bad, sizeof(bad), "%sx\n", sig512);
	assert_int_equal(sshsig_dearmor(bad, strlen(bad), back, sizeof(back),
	    &bn, err, sizeof(err)), -1);
	snprintf(bad, sizeof(bad), "%s", sig512);
	bad[40] = '*';
	assert_int_equal(sshsig_dearmor(bad, strlen(bad), back, sizeof(back),
	    &bn, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "base64"));
	assert_int_equal(sshsig_dearmor(sig512, strlen(sig512), back, 20, &bn,
	    err, sizeof(err)), -1);
}

/* Public lines: parse, fingerprint as ssh-keygen -l, faults named. */
static void
test_sshsig_pubkey(void **state)
{
	struct sshsig_pubkey	k, b;
	uint8_t			blob[SSHSIG_KEYBLOB_LEN];
	char			err[256], fp[SSHSIG_FP_MAX];

	(void)state;
	assert_int_equal(sshsig_pubkey_parse(&k, "  \t" PUBLINE " \n", err,
	    sizeof(err)), 0);
	assert_string_equal(k.fp, FP);
	assert_string_equal(k.comment, "foh-test-vector");
	sshsig_fingerprint(k.pk, fp, sizeof(fp));
	assert_string_equal(fp, FP);
	sshsig_pubkey_blob(&k, blob);
	assert_int_equal(sshsig_pubkey_from_blob(&b, blob, sizeof(blob), err,
	    sizeof(err)), 0);
	assert_true(sshsig_pubkey_equal(&k, &b));
	assert_string_equal(b.fp, FP);
	assert_string_equal(b.comment, "");
	assert_int_equal(sshsig_pubkey_from_blob(&b, blob, sizeof(blob) - 1,
	    err, sizeof(err)), -1);
	assert_int_equal(sshsig_pubkey_parse(&k, "ssh-ed25519 AAAAC3NzaC1lZ"
	    "DI1NTE5AAAAIDaQLiS77Sfm+ENgFBk8i55WXi3U/MTJT+OwTYA1N9YD", err,
	    sizeof(err)), 0);
	assert_string_equal(k.comment, "");
	/* A comment's control characters are not kept. */
	assert_int_equal(sshsig_pubkey_parse(&k, PUBLINE " \x1b[2Jx\x07y",
	    err, sizeof(err)), 0);
	assert_string_equal(k.comment, "foh-test-vector ?[2Jx?y");
	assert_int_equal(sshsig_pubkey_parse(&k, "ssh-rsa AAAAB3NzaC1yc2E "
	    "x", err, sizeof(err)), -1);
	assert_string_equal(err, "not an ssh-ed25519 key (\"ssh-rsa\")");
	assert_int_equal(sshsig_pubkey_parse(&k, "", err, sizeof(err)), -1);
	assert_int_equal(sshsig_pubkey_parse(&k, "ssh-ed25519", err,
	    sizeof(err)), -1);
	assert_int_equal(sshsig_pubkey_parse(&k, "ssh-ed25519 AAAA!!", err,
	    sizeof(err)), -1);
	/* An ecdsa key's base64 under the ed25519 type. */
	assert_int_equal(sshsig_pubkey_parse(&k, "ssh-ed25519 AAAAE2VjZHNhL"
	    "XNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPiyR3i0MlzMXQGTSr05PEv/"
	    "Iyi4HQBrm/jRcCi91ePezdOcRfr4kRk7bORtXA6hBkfbxnWPEKqQKxmGHFFoPks=",
	    err, sizeof(err)), -1);
	/* The key cut by one base64 quantum. */
	assert_int_equal(sshsig_pubkey_parse(&k, "ssh-ed25519 AAAAC3NzaC1lZ"
	    "DI1NTE5AAAAIDaQLiS77Sfm+ENgFBk8i55WXi3U/MTJT+OwTYA1N9", err,
	    sizeof(err)), -1);
}

/* Private key files: encrypted and other types refused, named. */
static void
test_sshsig_seckey(void **state)
{
	struct sshsig_seckey	k;
	char			err[256], *bad;
	size_t			i, n = strlen(key_text);

	(void)state;
	assert_int_equal(sshsig_seckey_parse(&k, enckey_text,
	    strlen(enckey_text), err, sizeof(err)), SSHSIG_ENCRYPTED);
	assert_non_null(strstr(err, "ssh-add"));
	assert_int_equal(sshsig_seckey_parse(&k, eckey_text,
	    strlen(eckey_text), err, sizeof(err)), -1);
	assert_string_equal(err, "not an ssh-ed25519 key "
	    "(\"ecdsa-sha2-nistp256\")");
	assert_int_equal(sshsig_seckey_parse(&k, PUBLINE, strlen(PUBLINE),
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not an OpenSSH private key"));
	/* Any changed base64 character is refused or still the same key. */
	bad = malloc(n + 1);
	assert_non_null(bad);
	for (i = 36; i < n - 35; i++) {
		if (key_text[i] == '\n' || key_text[i] == '=')
			continue;
		memcpy(bad, key_text, n + 1);
		bad[i] = bad[i] == 'A' ? 'B' : 'A';
		if (sshsig_seckey_parse(&k, bad, n, err, sizeof(err)) == 0)
			assert_string_equal(k.pub.fp, FP);
	}
	/* Every cut of the text is refused, without reading past it. */
	free(bad);
	for (i = 0; i < n - 1; i++) {
		bad = malloc(i > 0 ? i : 1);
		assert_non_null(bad);
		memcpy(bad, key_text, i);
		assert_int_not_equal(sshsig_seckey_parse(&k, bad, i, err,
		    sizeof(err)), 0);
		free(bad);
	}
	assert_int_equal(sshsig_seckey_load(&k, "/nonexistent/key", err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/key: "));
}

/* Write text to a fresh temporary file; its path into path. */
static void
write_temp(char *path, size_t len, const char *text)
{
	FILE	*f;
	int	 fd;

	snprintf(path, len, "/tmp/test-sshsig.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* An ack as the console builds one. */
static void
sample_ack(struct fohp_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->v = FOHP_VERSION;
	m->kind = FOHP_REQUEST;
	strcpy(m->venue, "arena");
	m->ts_ms = 1796000000000ULL;
	m->u.request.id = 7;
	strcpy(m->u.request.op, "ack");
	strcpy(m->u.request.operator_name, "ana");
	m->u.request.alert = 3;
}

/* signer: a key file signs; the message is signed, its body the request. */
static void
test_signer_file(void **state)
{
	struct signer		 s;
	struct fohp_decoder	 dec;
	struct fohp_msg		*m, *out, *body;
	struct fohp_err		 e;
	struct sshsig_pubkey	 who;
	msgpack_sbuffer		 sb;
	char			 path[64], err[512];

	(void)state;
	m = malloc(sizeof(*m));
	out = malloc(sizeof(*out));
	body = malloc(sizeof(*body));
	assert_true(m != NULL && out != NULL && body != NULL);
	assert_int_equal(fohp_decoder_init(&dec), 0);
	msgpack_sbuffer_init(&sb);
	write_temp(path, sizeof(path), key_text);
	assert_int_equal(signer_open(&s, path, "/nonexistent/agent", err,
	    sizeof(err)), 0);
	assert_int_equal(s.kind, SIGNER_FILE);
	assert_string_equal(s.source, path);
	assert_string_equal(signer_fingerprint(&s), FP);
	sample_ack(m);
	assert_int_equal(signer_wrap(&s, m, &sb, err, sizeof(err)), 0);
	assert_int_equal(fohp_decode(&dec, sb.data, sb.size, 0, out, &e),
	    FOHP_OK);
	assert_int_equal(out->kind, FOHP_SIGNED);
	assert_int_equal(sshsig_verify(out->u.sreq.sig, out->u.sreq.sig_len,
	    "foh", out->u.sreq.body, out->u.sreq.body_len, &who, err,
	    sizeof(err)), 0);
	assert_string_equal(who.fp, FP);
	assert_int_equal(fohp_decode(&dec, out->u.sreq.body,
	    out->u.sreq.body_len, 0, body, &e), FOHP_OK);
	assert_int_equal(body->kind, FOHP_REQUEST);
	assert_int_equal(body->u.request.id, 7);
	assert_string_equal(body->venue, "arena");
	assert_int_equal(body->ts_ms, 1796000000000ULL);
	/* A request without venue, ts, id or operator is not signed. */
	m->venue[0] = '\0';
	assert_int_equal(signer_wrap(&s, m, &sb, err, sizeof(err)), -1);
	assert_int_equal(sb.size, 0);
	sample_ack(m);
	m->u.request.id = 0;
	assert_int_equal(signer_wrap(&s, m, &sb, err, sizeof(err)), -1);
	sample_ack(m);
	m->kind = FOHP_HEARTBEAT;
	assert_int_equal(signer_wrap(&s, m, &sb, err, sizeof(err)), -1);
	signer_close(&s);
	assert_string_equal(signer_fingerprint(&s), "");
	/* No signer: the request goes as it is. */
	assert_int_equal(signer_open(&s, NULL, "/nonexistent/agent", err,
	    sizeof(err)), 1);
	assert_int_equal(s.kind, SIGNER_NONE);
	assert_non_null(strstr(err, "requests go unsigned"));
	sample_ack(m);
	assert_int_equal(signer_wrap(&s, m, &sb, err, sizeof(err)), 0);
	assert_int_equal(fohp_decode(&dec, sb.data, sb.size, 0, out, &e),
	    FOHP_OK);
	assert_int_equal(out->kind, FOHP_REQUEST);
	assert_int_equal(out->u.request.id, 7);
	unlink(path);
	/* A key asked for that cannot be used is an error, not "none". */
	write_temp(path, sizeof(path), enckey_text);
	assert_int_equal(signer_open(&s, path, "/nonexistent/agent", err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "ssh-add"));
	unlink(path);
	write_temp(path, sizeof(path), "# a comment\n\n" PUBLINE "\n");
	assert_int_equal(signer_open(&s, path, "/nonexistent/agent", err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "cannot reach ssh-agent at "
	    "/nonexistent/agent"));
	unlink(path);
	assert_int_equal(signer_open(&s, "/nonexistent/key", NULL, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/key: "));
	msgpack_sbuffer_destroy(&sb);
	fohp_decoder_fini(&dec);
	free(m);
	free(out);
	free(body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sshsig_verify_keygen),
		cmocka_unit_test(test_sshsig_flip),
		cmocka_unit_test(test_sshsig_truncated),
		cmocka_unit_test(test_sshsig_faults),
		cmocka_unit_test(test_sshsig_sign_equal),
		cmocka_unit_test(test_sshsig_armor),
		cmocka_unit_test(test_sshsig_pubkey),
		cmocka_unit_test(test_sshsig_seckey),
		cmocka_unit_test(test_signer_file),
	};

	return (cmocka_run_group_tests(tests, setup, NULL));
}
