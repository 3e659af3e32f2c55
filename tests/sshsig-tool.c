/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * sshsig-tool.c: foh's SSHSIG code as a command, so tests/e2e-sshsig.sh
 * can hold it against the real ssh-keygen and ssh-agent.
 *
 *	sshsig-tool sign KEYFILE MSGFILE OUT	armored signature into OUT
 *	sshsig-tool verify PUBLINE MSGFILE SIGFILE
 *	sshsig-tool agent-sign [PUBFILE] MSGFILE OUT
 *	sshsig-tool agent-list			"FP comment" per key
 *	sshsig-tool fingerprint PUBFILE
 *	sshsig-tool load KEYFILE		its fingerprint; exit 3 if
 *						passphrase-protected
 *	sshsig-tool signer IDENTITY|- BODYOUT SIGOUT
 *		signer_open and signer_wrap on a sample ack; prints the choice
 *		("file|agent SOURCE FP" or "none: why"), checks the message
 *		decodes and verifies, writes its body and armored signature.
 *
 * The agent is $SSH_AUTH_SOCK; its timeout $SSHSIG_TOOL_TIMEOUT_MS (5000).
 * Exit 0 on success, 1 with a sentence on stderr otherwise.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/signer.h"
#include "lib/clock.h"
#include "lib/sshsig.h"
#include "net/sshagent.h"

#define TOOL_FILE_MAX	65536

/* Read a whole file into a malloc'd buffer (NUL-terminated); NULL on error. */
static char *
tool_read(const char *path, size_t *len)
{
	char	*buf;
	size_t	 n;
	FILE	*f;

	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return (NULL);
	}
	if ((buf = malloc(TOOL_FILE_MAX + 1)) == NULL) {
		fclose(f);
		return (NULL);
	}
	n = fread(buf, 1, TOOL_FILE_MAX, f);
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return (buf);
}

/* Write len bytes to path; 0 or -1. */
static int
tool_write(const char *path, const void *buf, size_t len)
{
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return (-1);
	}
	return (0);
}

/* Armor blob and write it to path. */
static int
tool_write_sig(const char *path, const uint8_t *blob, size_t n)
{
	char	text[SSHSIG_ARMOR_MAX];
	size_t	tn;

	if ((tn = sshsig_armor(blob, n, text, sizeof(text))) == 0) {
		fprintf(stderr, "armor: no room\n");
		return (-1);
	}
	return (tool_write(path, text, tn));
}

/* The agent timeout. */
static int
tool_timeout(void)
{
	const char	*s = getenv("SSHSIG_TOOL_TIMEOUT_MS");

	return (s != NULL ? atoi(s) : 5000);
}

/* sign KEYFILE MSGFILE OUT */
static int
tool_sign(char **argv)
{
	struct sshsig_seckey	k;
	uint8_t			blob[SSHSIG_BLOB_MAX];
	char			err[512], *msg;
	size_t			mlen, n;
	int			rv;

	if (sshsig_seckey_load(&k, argv[0], err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return (1);
	}
	if ((msg = tool_read(argv[1], &mlen)) == NULL)
		return (1);
	rv = sshsig_sign(&k, SSHSIG_NAMESPACE, msg, mlen, blob, sizeof(blob),
	    &n, err, sizeof(err));
	sshsig_seckey_wipe(&k);
	free(msg);
	if (rv != 0) {
		fprintf(stderr, "%s\n", err);
		return (1);
	}
	return (tool_write_sig(argv[2], blob, n) == 0 ? 0 : 1);
}

/* verify PUBLINE MSGFILE SIGFILE */
static int
tool_verify(char **argv)
{
	struct sshsig_pubkey	want, got;
	uint8_t			blob[SSHSIG_BLOB_MAX];
	char			err[512], *msg, *sig;
	size_t			mlen, slen, n;
	int			rv = 1;

	if (sshsig_pubkey_parse(&want, argv[0], err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return (1);
	}
	if ((msg = tool_read(argv[1], &mlen)) == NULL)
		return (1);
	if ((sig = tool_read(argv[2], &slen)) == NULL) {
		free(msg);
		return (1);
	}
	if (sshsig_dearmor(sig, slen, blob, sizeof(blob), &n, err,
	    sizeof(err)) != 0 || sshsig_verify(blob, n, SSHSIG_NAMESPACE, msg,
	    mlen, &got, err, sizeof(err)) != 0)
		fprintf(stderr, "%s\n", err);
	else if (!sshsig_pubkey_equal(&want, &got))
		fprintf(stderr, "a valid signature, but by %s, not %s\n",
		    got.fp, want.fp);
	else {
		printf("verified: %s\n", got.fp);
		rv = 0;
	}
	free(msg);
	free(sig);
	return (rv);
}

/* The public key in a .pub file. */
static int
tool_pubfile(struct sshsig_pubkey *k, const char *path)
{
	char	err[512], *text;
	size_t	len;
	int	rv;

	if ((text = tool_read(path, &len)) == NULL)
		return (-1);
	if ((rv = sshsig_pubkey_parse(k, text, err, sizeof(err))) != 0)
		fprintf(stderr, "%s: %s\n", path, err);
	free(text);
	return (rv);
}

/* agent-sign [PUBFILE] MSGFILE OUT */
static int
tool_agent_sign(int argc, char **argv)
{
	struct sshsig_pubkey	keys[SSHAGENT_KEYS_MAX], k;
	uint8_t			blob[SSHSIG_BLOB_MAX];
	char			err[512], *msg;
	size_t			mlen, n;
	int			rv;

	err[0] = '\0';
	if (argc == 3) {
		if (tool_pubfile(&k, argv[0]) != 0)
			return (1);
		argv++;
	} else {
		if (sshagent_list(NULL, keys, SSHAGENT_KEYS_MAX, &n,
		    tool_timeout(), err, sizeof(err)) != 0 || n == 0) {
			fprintf(stderr, "%s\n", n == 0 && err[0] == '\0' ?
			    "the agent holds no Ed25519 key" : err);
			return (1);
		}
		k = keys[0];
	}
	if ((msg = tool_read(argv[0], &mlen)) == NULL)
		return (1);
	rv = sshagent_sign(NULL, &k, SSHSIG_NAMESPACE, msg, mlen, blob,
	    sizeof(blob), &n, tool_timeout(), err, sizeof(err));
	free(msg);
	if (rv != 0) {
		fprintf(stderr, "%s\n", err);
		return (1);
	}
	return (tool_write_sig(argv[1], blob, n) == 0 ? 0 : 1);
}

/* agent-list */
static int
tool_agent_list(void)
{
	struct sshsig_pubkey	keys[SSHAGENT_KEYS_MAX];
	char			err[512];
	size_t			n, i;

	err[0] = '\0';
	if (sshagent_list(NULL, keys, SSHAGENT_KEYS_MAX, &n, tool_timeout(),
	    err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return (1);
	}
	for (i = 0; i < n; i++)
		printf("%s %s\n", keys[i].fp, keys[i].comment);
	return (0);
}

/* A sample ack from ana at venue arena, as a console would send. */
static void
tool_sample(struct fohp_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->v = FOHP_VERSION;
	m->kind = FOHP_REQUEST;
	snprintf(m->venue, sizeof(m->venue), "arena");
	m->ts_ms = clock_wall_ms();
	m->u.request.id = 42;
	snprintf(m->u.request.op, sizeof(m->u.request.op), "ack");
	snprintf(m->u.request.operator_name,
	    sizeof(m->u.request.operator_name), "ana");
	m->u.request.alert = 7;
	snprintf(m->u.request.comment, sizeof(m->u.request.comment),
	    "stewards on it");
}

/* Check a wrapped message: decode, verify, the body is the request. */
static int
tool_check(struct signer *s, const msgpack_sbuffer *sb, char **argv)
{
	struct fohp_decoder	 dec;
	struct fohp_msg		*out, *body;
	struct sshsig_pubkey	 who;
	struct fohp_err		 e;
	char			 err[512];
	int			 rv = 1;

	out = calloc(1, sizeof(*out));
	body = calloc(1, sizeof(*body));
	if (out == NULL || body == NULL || fohp_decoder_init(&dec) != 0)
		exit(1);
	if (fohp_decode(&dec, sb->data, sb->size, 0, out, &e) != FOHP_OK) {
		fprintf(stderr, "the wrapped message: %s\n", e.text);
		goto out;
	}
	if (s->kind == SIGNER_NONE) {
		rv = out->kind == FOHP_REQUEST && out->u.request.id == 42 ?
		    0 : 1;
		goto out;
	}
	if (out->kind != FOHP_SIGNED || fohp_decode(&dec, out->u.sreq.body,
	    out->u.sreq.body_len, 0, body, &e) != FOHP_OK ||
	    body->kind != FOHP_REQUEST || body->u.request.id != 42 ||
	    strcmp(body->venue, "arena") != 0) {
		fprintf(stderr, "the signed message's body is not the "
		    "request\n");
		goto out;
	}
	if (sshsig_verify(out->u.sreq.sig, out->u.sreq.sig_len,
	    SSHSIG_NAMESPACE, out->u.sreq.body, out->u.sreq.body_len, &who,
	    err, sizeof(err)) != 0 || strcmp(who.fp, signer_fingerprint(s))) {
		fprintf(stderr, "the signed message does not verify: %s\n",
		    err);
		goto out;
	}
	if (tool_write(argv[1], out->u.sreq.body, out->u.sreq.body_len) != 0 ||
	    tool_write_sig(argv[2], out->u.sreq.sig, out->u.sreq.sig_len) != 0)
		goto out;
	rv = 0;
out:
	fohp_decoder_fini(&dec);
	free(out);
	free(body);
	return (rv);
}

/* signer IDENTITY|- BODYOUT SIGOUT */
static int
tool_signer(char **argv)
{
	static const char	*kinds[] = { "none", "file", "agent" };
	struct signer		 s;
	struct fohp_msg		*m;
	msgpack_sbuffer		 sb;
	char			 err[1024];
	int			 rv;

	rv = signer_open(&s, strcmp(argv[0], "-") == 0 ? NULL : argv[0], NULL,
	    err, sizeof(err));
	if (rv == -1) {
		fprintf(stderr, "%s\n", err);
		return (1);
	}
	if (rv == 1)
		printf("none: %s\n", err);
	else
		printf("%s %s %s\n", kinds[s.kind], s.source,
		    signer_fingerprint(&s));
	if ((m = malloc(sizeof(*m))) == NULL)
		return (1);
	tool_sample(m);
	msgpack_sbuffer_init(&sb);
	if (signer_wrap(&s, m, &sb, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		rv = 1;
	} else
		rv = tool_check(&s, &sb, argv);
	msgpack_sbuffer_destroy(&sb);
	free(m);
	signer_close(&s);
	return (rv);
}

/* Run one subcommand. */
int
main(int argc, char **argv)
{
	struct sshsig_seckey	k;
	struct sshsig_pubkey	p;
	char			err[512];
	int			rv;

	if (sshsig_init() != 0)
		return (1);
	if (argc == 5 && strcmp(argv[1], "sign") == 0)
		return (tool_sign(argv + 2));
	if (argc == 5 && strcmp(argv[1], "verify") == 0)
		return (tool_verify(argv + 2));
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "agent-sign") == 0)
		return (tool_agent_sign(argc - 2, argv + 2));
	if (argc == 2 && strcmp(argv[1], "agent-list") == 0)
		return (tool_agent_list());
	if (argc == 3 && strcmp(argv[1], "fingerprint") == 0) {
		if (tool_pubfile(&p, argv[2]) != 0)
			return (1);
		printf("%s\n", p.fp);
		return (0);
	}
	if (argc == 3 && strcmp(argv[1], "load") == 0) {
		if ((rv = sshsig_seckey_load(&k, argv[2], err,
		    sizeof(err))) != 0) {
			fprintf(stderr, "%s\n", err);
			return (rv == SSHSIG_ENCRYPTED ? 3 : 1);
		}
		printf("%s %s\n", k.pub.fp, k.pub.comment);
		sshsig_seckey_wipe(&k);
		return (0);
	}
	if (argc == 5 && strcmp(argv[1], "signer") == 0)
		return (tool_signer(argv + 2));
	fprintf(stderr, "usage: sshsig-tool sign|verify|agent-sign|agent-list|"
	    "fingerprint|load|signer ...\n");
	return (2);
}
