/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * signer.c: the console's request signer (signer.h).
 *
 * signer_open decides once which key signs, and refuses rather than
 * guesses when the operator named one that cannot be used: a request
 * signed by another key than the one asked for, or silently unsigned,
 * would be refused by fohd later with a less helpful message, or worse,
 * accepted as someone else. signer_wrap then signs each request's exact
 * bytes: the body is encoded once and those bytes travel as they are.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/sshagent.h"
#include "signer.h"

#define SIGNER_PUB_MAX	4096	/* a .pub file: one line, some slack */

/* Is the text at the start of path an OpenSSH private key? 1, 0, -1. */
static int
signer_is_private(const char *path, char *err, size_t errlen)
{
	char	buf[64];
	size_t	n, i = 0;
	FILE	*f;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return (-1);
	}
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	while (i < n && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
	    buf[i] == '\n'))
		i++;
	return (strncmp(buf + i, "-----BEGIN ", 11) == 0);
}

/* Read the first key line of a public key file into k. */
static int
signer_read_pub(struct sshsig_pubkey *k, const char *path, char *err,
    size_t errlen)
{
	char	line[SIGNER_PUB_MAX], why[160];
	FILE	*f;
	int	found = 0;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return (-1);
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[strspn(line, " \t\r\n")] == '\0' ||
		    line[strspn(line, " \t")] == '#')
			continue;
		found = 1;
		break;
	}
	fclose(f);
	if (!found) {
		snprintf(err, errlen, "%s: no public key in it", path);
		return (-1);
	}
	if (sshsig_pubkey_parse(k, line, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s: %s", path, why);
		return (-1);
	}
	return (0);
}

/* Copy s into dst[len]; -1 if it does not fit. */
static int
signer_copy(char *dst, size_t len, const char *s)
{
	if (strlen(s) >= len)
		return (-1);
	memcpy(dst, s, strlen(s) + 1);
	return (0);
}

/* Use the agent's key pub, which it must hold; else why (no file named). */
static int
signer_agent(struct signer *s, const struct sshsig_pubkey *pub,
    const char *agent_sock, char *why, size_t whylen)
{
	struct sshsig_pubkey	 keys[SSHAGENT_KEYS_MAX];
	const char		*sock;
	size_t			 n, i;

	if ((sock = sshagent_socket(agent_sock)) == NULL) {
		snprintf(why, whylen, "there is no ssh-agent (SSH_AUTH_SOCK "
		    "is not set) to sign with the key %s", pub->fp);
		return (-1);
	}
	if (signer_copy(s->sock, sizeof(s->sock), sock) != 0) {
		snprintf(why, whylen, "ssh-agent socket path too long: %s",
		    sock);
		return (-1);
	}
	if (sshagent_list(sock, keys, SSHAGENT_KEYS_MAX, &n,
	    SIGNER_TIMEOUT_MS, why, whylen) != 0)
		return (-1);
	for (i = 0; i < n; i++)
		if (sshsig_pubkey_equal(&keys[i], pub))
			break;
	if (i == n) {
		snprintf(why, whylen, "ssh-agent at %s does not hold the key "
		    "%s", sock, pub->fp);
		return (-1);
	}
	s->pub = *pub;
	if (s->pub.comment[0] == '\0')
		memcpy(s->pub.comment, keys[i].comment,
		    sizeof(s->pub.comment));
	s->kind = SIGNER_AGENT;
	snprintf(s->source, sizeof(s->source), "ssh-agent");
	return (0);
}

/* identity names a file: a private key, or a public one for the agent. */
static int
signer_open_file(struct signer *s, const char *identity,
    const char *agent_sock, char *err, size_t errlen)
{
	struct sshsig_pubkey	pub;
	char			pubpath[512], why[512];
	int			rv;

	if ((rv = signer_is_private(identity, err, errlen)) == -1)
		return (-1);
	if (rv == 0) {
		if (signer_read_pub(&pub, identity, err, errlen) != 0)
			return (-1);
		if (signer_agent(s, &pub, agent_sock, why, sizeof(why)) == 0)
			return (0);
		snprintf(err, errlen, "%s: %s%s", identity, why,
		    strstr(why, "does not hold") != NULL ? ": add it with "
		    "ssh-add (its private key file)" : "");
		return (-1);
	}
	rv = sshsig_seckey_load(&s->sk, identity, why, sizeof(why));
	if (rv == 0) {
		s->pub = s->sk.pub;
		s->kind = SIGNER_FILE;
		if (signer_copy(s->source, sizeof(s->source), identity) != 0)
			snprintf(s->source, sizeof(s->source), "key file");
		return (0);
	}
	if (rv != SSHSIG_ENCRYPTED) {
		snprintf(err, errlen, "%s", why);
		return (-1);
	}
	/* Encrypted: the agent signs with the key identity.pub names. */
	snprintf(pubpath, sizeof(pubpath), "%s.pub", identity);
	if (signer_read_pub(&pub, pubpath, why, sizeof(why)) == 0 &&
	    signer_agent(s, &pub, agent_sock, why, sizeof(why)) == 0)
		return (0);
	snprintf(err, errlen, "%s: protected by a passphrase, which foh does "
	    "not ask for: load it into ssh-agent (ssh-add %s) and foh signs "
	    "through the agent; now %s", identity, identity, why);
	return (-1);
}

/* Choose the key (signer.h). */
int
signer_open(struct signer *s, const char *identity, const char *agent_sock,
    char *err, size_t errlen)
{
	struct sshsig_pubkey	 keys[SSHAGENT_KEYS_MAX];
	const char		*sock;
	char			 why[256];
	size_t			 n;

	memset(s, 0, sizeof(*s));
	s->kind = SIGNER_NONE;
	if (sshsig_init() != 0) {
		snprintf(err, errlen, "libsodium did not start");
		return (-1);
	}
	if (identity != NULL && *identity != '\0') {
		if (signer_open_file(s, identity, agent_sock, err,
		    errlen) == 0)
			return (0);
		signer_close(s);
		return (-1);
	}
	if ((sock = sshagent_socket(agent_sock)) == NULL) {
		snprintf(err, errlen, "no identity and no ssh-agent "
		    "(SSH_AUTH_SOCK is not set): requests go unsigned");
		return (1);
	}
	if (sshagent_list(sock, keys, SSHAGENT_KEYS_MAX, &n,
	    SIGNER_TIMEOUT_MS, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s: requests go unsigned", why);
		return (1);
	}
	if (n == 0) {
		snprintf(err, errlen, "ssh-agent at %s holds no Ed25519 key: "
		    "requests go unsigned", sock);
		return (1);
	}
	if (signer_copy(s->sock, sizeof(s->sock), sock) != 0) {
		snprintf(err, errlen, "ssh-agent socket path too long: %s: "
		    "requests go unsigned", sock);
		return (1);
	}
	s->pub = keys[0];
	s->kind = SIGNER_AGENT;
	snprintf(s->source, sizeof(s->source), "ssh-agent");
	return (0);
}

/* Wipe the key held, if any. */
void
signer_close(struct signer *s)
{
	sshsig_seckey_wipe(&s->sk);
	memset(s, 0, sizeof(*s));
	s->kind = SIGNER_NONE;
}

/* The key's fingerprint, or "". */
const char *
signer_fingerprint(const struct signer *s)
{
	return (s->kind == SIGNER_NONE ? "" : s->pub.fp);
}

/* A request a signed one must be: venue, ts, id and operator set. */
static int
signer_check(const struct fohp_msg *m, char *err, size_t errlen)
{
	if (m->kind != FOHP_REQUEST) {
		snprintf(err, errlen, "only a request can be signed, not a "
		    "\"%s\" message", fohp_kind_name(m->kind));
		return (-1);
	}
	if (m->venue[0] == '\0' || m->ts_ms == 0 || m->u.request.id == 0 ||
	    m->u.request.operator_name[0] == '\0') {
		snprintf(err, errlen, "a signed request needs its venue, ts, "
		    "a non-zero id and the operator");
		return (-1);
	}
	return (0);
}

/* Sign body with s into sig (FOHP_SIG_MAX bytes); *n its length. */
static int
signer_sign(struct signer *s, const void *body, size_t len, uint8_t *sig,
    size_t *n, char *err, size_t errlen)
{
	char	why[256];
	int	rv;

	if (s->kind == SIGNER_FILE)
		rv = sshsig_sign(&s->sk, SSHSIG_NAMESPACE, body, len, sig,
		    FOHP_SIG_MAX, n, why, sizeof(why));
	else
		rv = sshagent_sign(s->sock, &s->pub, SSHSIG_NAMESPACE, body,
		    len, sig, FOHP_SIG_MAX, n, SIGNER_TIMEOUT_MS, why,
		    sizeof(why));
	if (rv != 0)
		snprintf(err, errlen, "signing with %s: %s", s->pub.fp, why);
	return (rv);
}

/* Encode m, sign it, and write the whole "signed" message into out. */
int
signer_wrap(struct signer *s, const struct fohp_msg *m,
    msgpack_sbuffer *out, char *err, size_t errlen)
{
	msgpack_sbuffer	 body;
	struct fohp_msg	*sm;
	struct fohp_err	 e;
	size_t		 n;
	int		 rv = -1;

	msgpack_sbuffer_clear(out);
	if (s->kind == SIGNER_NONE) {
		if (fohp_encode(out, m, 0, &e) == FOHP_OK)
			return (0);
		snprintf(err, errlen, "%s", e.text);
		msgpack_sbuffer_clear(out);
		return (-1);
	}
	if (signer_check(m, err, errlen) != 0)
		return (-1);
	if ((sm = calloc(1, sizeof(*sm))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	msgpack_sbuffer_init(&body);
	if (fohp_encode(&body, m, 0, &e) != FOHP_OK) {
		snprintf(err, errlen, "%s", e.text);
		goto out;
	}
	if (body.size > sizeof(sm->u.sreq.body)) {
		snprintf(err, errlen, "the request is %zu bytes, more than a "
		    "signed one may be (%zu)", body.size,
		    sizeof(sm->u.sreq.body));
		goto out;
	}
	if (signer_sign(s, body.data, body.size, sm->u.sreq.sig, &n, err,
	    errlen) != 0)
		goto out;
	sm->v = FOHP_VERSION;
	sm->kind = FOHP_SIGNED;
	memcpy(sm->u.sreq.body, body.data, body.size);
	sm->u.sreq.body_len = (uint16_t)body.size;
	sm->u.sreq.sig_len = (uint16_t)n;
	if (fohp_encode(out, sm, 0, &e) != FOHP_OK) {
		snprintf(err, errlen, "%s", e.text);
		msgpack_sbuffer_clear(out);
		goto out;
	}
	rv = 0;
out:
	msgpack_sbuffer_destroy(&body);
	free(sm);
	return (rv);
}
