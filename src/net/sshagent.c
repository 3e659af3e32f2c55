/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * sshagent.c: an ssh-agent client (sshagent.h).
 *
 * Each call is one short conversation on a fresh connection: connect,
 * write one framed request (uint32 length, then a type byte and its
 * fields), read one framed answer, close. The socket is non-blocking and
 * every wait is a poll(2) bounded by what is left of the caller's
 * timeout, so a stuck agent costs at most that. An answer's length is
 * checked before anything is read into memory: no agent answer foh asks
 * for is near SSHAGENT_FRAME_MAX, so a larger one is refused, not
 * allocated.
 *
 * The signature an agent returns is checked before it is used: wrapped
 * into an SSHSIG blob and verified, so a confused agent (or something
 * else listening on the socket) cannot hand the caller a bad signature.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/clock.h"
#include "lib/text.h"
#include "sshagent.h"

#define SSHAGENT_FAILURE		5
#define SSHAGENT_FAILURE_SSH2		30	/* older agents, as ssh takes */
#define SSHAGENT_FAILURE_COM		102
#define SSHAGENT_REQUEST_IDENTITIES	11
#define SSHAGENT_IDENTITIES_ANSWER	12
#define SSHAGENT_SIGN_REQUEST		13
#define SSHAGENT_SIGN_RESPONSE		14
#define SSHAGENT_FRAME_MAX		(256 * 1024)	/* as OpenSSH's */
#define SSHAGENT_REQ_MAX		1024	/* our largest request */

/* One conversation: the socket, its deadline, the answer read. */
struct sshagent_conv {
	const char	*sock;
	int		 fd;
	uint64_t	 deadline;	/* clock_pace_ms */
	uint8_t		*ans;		/* malloc'd, type byte first */
	size_t		 ansn;
};

/* A cursor over an answer (bounded reads, like sshsig's). */
struct sshagent_rd {
	const uint8_t	*p;
	size_t		 len, off;
};


/* The agent's socket path: path, else $SSH_AUTH_SOCK if set and not "". */
const char *
sshagent_socket(const char *path)
{
	const char	*env;

	if (path != NULL && *path != '\0')
		return (path);
	env = getenv("SSH_AUTH_SOCK");
	return (env != NULL && *env != '\0' ? env : NULL);
}

/* Milliseconds left before the deadline, 0 once it has passed. */
static int
sshagent_left(const struct sshagent_conv *c)
{
	uint64_t	now = clock_pace_ms();

	return (now >= c->deadline ? 0 : (int)(c->deadline - now));
}

/* Wait until fd is ready for ev; 0, or -1 and err (time out, error). */
static int
sshagent_wait(struct sshagent_conv *c, short ev, char *err, size_t errlen)
{
	struct pollfd	pfd = { c->fd, ev, 0 };
	int		n;

	for (;;) {
		n = poll(&pfd, 1, sshagent_left(c));
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			text_error(err, errlen, "ssh-agent at %s: poll: %s",
			    c->sock, strerror(errno));
			return (-1);
		}
		if (n == 0) {
			text_error(err, errlen, "ssh-agent at %s did not "
			    "answer in time", c->sock);
			return (-1);
		}
		return (0);
	}
}

/* Connect to the agent's socket (non-blocking). */
static int
sshagent_connect(struct sshagent_conv *c, char *err, size_t errlen)
{
	struct sockaddr_un	sun;
	socklen_t		sl = sizeof(sun);
	int			e;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(c->sock) >= sizeof(sun.sun_path)) {
		text_error(err, errlen, "ssh-agent socket path too long: "
		    "%s", c->sock);
		return (-1);
	}
	strcpy(sun.sun_path, c->sock);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
	    0);
	if (c->fd == -1) {
		text_error(err, errlen, "ssh-agent at %s: socket: %s",
		    c->sock, strerror(errno));
		return (-1);
	}
	if (connect(c->fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
		return (0);
	if (errno != EINPROGRESS && errno != EAGAIN && errno != EINTR) {
		text_error(err, errlen, "cannot reach ssh-agent at %s: %s",
		    c->sock, strerror(errno));
		return (-1);
	}
	if (sshagent_wait(c, POLLOUT, err, errlen) != 0)
		return (-1);
	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &e, &sl) != 0 || e != 0) {
		text_error(err, errlen, "cannot reach ssh-agent at %s: %s",
		    c->sock, strerror(e != 0 ? e : errno));
		return (-1);
	}
	return (0);
}

/* Write all n bytes of buf, waiting as needed. */
static int
sshagent_send(struct sshagent_conv *c, const uint8_t *buf, size_t n,
    char *err, size_t errlen)
{
	ssize_t	w;
	size_t	off = 0;

	while (off < n) {
		w = send(c->fd, buf + off, n - off, MSG_NOSIGNAL);
		if (w == -1 && (errno == EAGAIN || errno == EINTR)) {
			if (sshagent_wait(c, POLLOUT, err, errlen) != 0)
				return (-1);
			continue;
		}
		if (w == -1) {
			text_error(err, errlen, "ssh-agent at %s: write: %s",
			    c->sock, strerror(errno));
			return (-1);
		}
		off += (size_t)w;
	}
	return (0);
}

/* Read exactly n bytes into buf, waiting as needed. */
static int
sshagent_recv(struct sshagent_conv *c, uint8_t *buf, size_t n, char *err,
    size_t errlen)
{
	ssize_t	r;
	size_t	off = 0;

	while (off < n) {
		r = recv(c->fd, buf + off, n - off, 0);
		if (r == -1 && (errno == EAGAIN || errno == EINTR)) {
			if (sshagent_wait(c, POLLIN, err, errlen) != 0)
				return (-1);
			continue;
		}
		if (r == -1) {
			text_error(err, errlen, "ssh-agent at %s: read: %s",
			    c->sock, strerror(errno));
			return (-1);
		}
		if (r == 0) {
			text_error(err, errlen, "ssh-agent at %s closed the "
			    "connection before answering", c->sock);
			return (-1);
		}
		off += (size_t)r;
	}
	return (0);
}

/*
 * Send request req[n] (type byte first; framed here) and read the answer
 * into c->ans (malloc'd; the caller frees it with sshagent_close).
 */
static int
sshagent_ask(struct sshagent_conv *c, const uint8_t *req, size_t n,
    char *err, size_t errlen)
{
	uint8_t		frame[4 + SSHAGENT_REQ_MAX], hdr[4];
	uint32_t	len;

	if (n > SSHAGENT_REQ_MAX) {
		text_error(err, errlen, "a request of %zu bytes for "
		    "ssh-agent is too long", n);
		return (-1);
	}
	frame[0] = (uint8_t)(n >> 24);
	frame[1] = (uint8_t)(n >> 16);
	frame[2] = (uint8_t)(n >> 8);
	frame[3] = (uint8_t)n;
	memcpy(frame + 4, req, n);
	if (sshagent_connect(c, err, errlen) != 0 ||
	    sshagent_send(c, frame, 4 + n, err, errlen) != 0 ||
	    sshagent_recv(c, hdr, 4, err, errlen) != 0)
		return (-1);
	len = (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 |
	    (uint32_t)hdr[2] << 8 | hdr[3];
	if (len == 0 || len > SSHAGENT_FRAME_MAX) {
		text_error(err, errlen, "ssh-agent at %s answered a frame "
		    "of %u bytes (not 1 to %d): not an ssh-agent?", c->sock,
		    len, SSHAGENT_FRAME_MAX);
		return (-1);
	}
	if ((c->ans = malloc(len)) == NULL) {
		text_error(err, errlen, "ssh-agent at %s: out of memory",
		    c->sock);
		return (-1);
	}
	c->ansn = len;
	return (sshagent_recv(c, c->ans, len, err, errlen));
}

/* Close the conversation and free its answer. */
static void
sshagent_close(struct sshagent_conv *c)
{
	if (c->fd != -1)
		close(c->fd);
	c->fd = -1;
	free(c->ans);
	c->ans = NULL;
}

/* Read a uint32; 0, or -1 if fewer than 4 bytes are left. */
static int
sshagent_rd_u32(struct sshagent_rd *r, uint32_t *v)
{
	const uint8_t	*b = r->p + r->off;

	if (r->len - r->off < 4)
		return (-1);
	*v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
	r->off += 4;
	return (0);
}

/* Read an SSH string, pointing into the answer. */
static int
sshagent_rd_string(struct sshagent_rd *r, const uint8_t **s, size_t *n)
{
	uint32_t	len;

	if (sshagent_rd_u32(r, &len) != 0 || r->len - r->off < len)
		return (-1);
	*s = r->p + r->off;
	*n = len;
	r->off += len;
	return (0);
}

/* Append an SSH string to buf at *off (the caller sized buf). */
static void
sshagent_put_string(uint8_t *buf, size_t *off, const void *s, size_t n)
{
	buf[*off] = (uint8_t)(n >> 24);
	buf[*off + 1] = (uint8_t)(n >> 16);
	buf[*off + 2] = (uint8_t)(n >> 8);
	buf[*off + 3] = (uint8_t)n;
	memcpy(buf + *off + 4, s, n);
	*off += 4 + n;
}

/* Start a conversation with the agent at sock (NULL: $SSH_AUTH_SOCK). */
static int
sshagent_begin(struct sshagent_conv *c, const char *sock, int timeout_ms,
    char *err, size_t errlen)
{
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	if ((c->sock = sshagent_socket(sock)) == NULL) {
		text_error(err, errlen, "no ssh-agent: SSH_AUTH_SOCK is not "
		    "set");
		return (-1);
	}
	c->deadline = clock_pace_ms() + (uint64_t)(timeout_ms > 0 ?
	    timeout_ms : 0);
	return (0);
}

/*
 * Copy an agent's comment for a key: cut at a whole UTF-8 character,
 * control characters (it may be shown on a terminal) as '?', a NUL ends it.
 */
static void
sshagent_comment(struct sshsig_pubkey *k, const uint8_t *s, size_t n)
{
	size_t	i;

	if (n >= sizeof(k->comment)) {
		n = sizeof(k->comment) - 1;
		while (n > 0 && (s[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n && s[i] != '\0'; i++)
		k->comment[i] = (s[i] < 0x20 || s[i] == 0x7f) ? '?' :
		    (char)s[i];
	k->comment[i] = '\0';
}

/* The Ed25519 keys the agent holds. */
int
sshagent_list(const char *sock, struct sshsig_pubkey *keys, size_t max,
    size_t *n, int timeout_ms, char *err, size_t errlen)
{
	struct sshagent_conv	 c;
	struct sshagent_rd	 r;
	const uint8_t		*blob, *cmt;
	uint8_t			 req = SSHAGENT_REQUEST_IDENTITIES;
	uint32_t		 nkeys, i;
	size_t			 bn, cn;

	*n = 0;
	if (sshagent_begin(&c, sock, timeout_ms, err, errlen) != 0)
		return (-1);
	if (sshagent_ask(&c, &req, 1, err, errlen) != 0)
		goto fail;
	r = (struct sshagent_rd){ c.ans, c.ansn, 1 };
	if (c.ans[0] != SSHAGENT_IDENTITIES_ANSWER ||
	    sshagent_rd_u32(&r, &nkeys) != 0) {
		text_error(err, errlen, "ssh-agent at %s did not list its "
		    "keys (answer type %u)", c.sock, c.ans[0]);
		goto fail;
	}
	for (i = 0; i < nkeys; i++) {
		if (sshagent_rd_string(&r, &blob, &bn) != 0 ||
		    sshagent_rd_string(&r, &cmt, &cn) != 0) {
			text_error(err, errlen, "ssh-agent at %s: its list "
			    "of %u keys is cut short at key %u", c.sock,
			    nkeys, i + 1);
			goto fail;
		}
		/* Other key types, and what does not parse, are skipped. */
		if (*n >= max || sshsig_pubkey_from_blob(&keys[*n], blob, bn,
		    NULL, 0) != 0)
			continue;
		sshagent_comment(&keys[*n], cmt, cn);
		(*n)++;
	}
	if (r.off != r.len) {
		text_error(err, errlen, "ssh-agent at %s: %zu bytes after "
		    "its list of keys", c.sock, r.len - r.off);
		goto fail;
	}
	sshagent_close(&c);
	return (0);
fail:
	sshagent_close(&c);
	*n = 0;
	return (-1);
}

/* After a refusal: does the agent hold key? Words for the error. */
static const char *
sshagent_why_refused(const char *sock, const struct sshsig_pubkey *key,
    uint64_t deadline)
{
	struct sshsig_pubkey	keys[SSHAGENT_KEYS_MAX];
	uint64_t		now = clock_pace_ms();
	size_t			n, i;

	if (now >= deadline || sshagent_list(sock, keys, SSHAGENT_KEYS_MAX,
	    &n, (int)(deadline - now), NULL, 0) != 0)
		return ("");
	for (i = 0; i < n; i++)
		if (sshsig_pubkey_equal(&keys[i], key))
			return (" (it holds the key: was confirmation "
			    "declined?)");
	return (" (it does not hold that key: add it with ssh-add)");
}

/* Check the agent's signature blob and wrap it into an SSHSIG blob. */
static int
sshagent_wrap(struct sshagent_conv *c, const struct sshsig_pubkey *key,
    const char *ns, const void *msg, size_t len, uint8_t *out,
    size_t outlen, size_t *outn, char *err, size_t errlen)
{
	struct sshagent_rd	 r = { c->ans, c->ansn, 1 };
	const uint8_t		*sig;
	char			 why[160];
	size_t			 sn, n;

	if (sshagent_rd_string(&r, &sig, &sn) != 0 || r.off != r.len) {
		text_error(err, errlen, "ssh-agent at %s: its signature "
		    "answer is malformed", c->sock);
		return (-1);
	}
	if ((n = sshsig_wrap(out, outlen, key, ns, sig, sn)) == 0) {
		text_error(err, errlen, "ssh-agent at %s: its signature "
		    "does not fit in %zu bytes", c->sock, outlen);
		return (-1);
	}
	if (sshsig_verify(out, n, ns, msg, len, NULL, why, sizeof(why)) != 0) {
		text_error(err, errlen, "ssh-agent at %s gave a bad "
		    "signature: %s", c->sock, why);
		return (-1);
	}
	*outn = n;
	return (0);
}

/* Have the agent sign msg under ns with key: an SSHSIG blob into out. */
int
sshagent_sign(const char *sock, const struct sshsig_pubkey *key,
    const char *ns, const void *msg, size_t len, uint8_t *out,
    size_t outlen, size_t *outn, int timeout_ms, char *err, size_t errlen)
{
	struct sshagent_conv	c;
	char			fp[SSHSIG_FP_MAX];
	uint8_t			req[1 + 4 + SSHSIG_KEYBLOB_LEN + 4 +
				    SSHSIG_TOSIGN_MAX + 4];
	uint8_t			kb[SSHSIG_KEYBLOB_LEN], tosign[SSHSIG_TOSIGN_MAX];
	size_t			off = 0, tn;
	int			rv = -1;

	*outn = 0;
	if (sshagent_begin(&c, sock, timeout_ms, err, errlen) != 0)
		return (-1);
	if ((tn = sshsig_tosign(tosign, sizeof(tosign), ns, msg, len)) == 0) {
		text_error(err, errlen, "the namespace is too long");
		return (-1);
	}
	sshsig_pubkey_blob(key, kb);
	req[off++] = SSHAGENT_SIGN_REQUEST;
	sshagent_put_string(req, &off, kb, sizeof(kb));
	sshagent_put_string(req, &off, tosign, tn);
	memset(req + off, 0, 4);	/* flags: none for Ed25519 */
	off += 4;
	if (sshagent_ask(&c, req, off, err, errlen) != 0)
		goto out;
	if (c.ans[0] == SSHAGENT_SIGN_RESPONSE)
		rv = sshagent_wrap(&c, key, ns, msg, len, out, outlen, outn,
		    err, errlen);
	else if (c.ans[0] == SSHAGENT_FAILURE ||
	    c.ans[0] == SSHAGENT_FAILURE_SSH2 ||
	    c.ans[0] == SSHAGENT_FAILURE_COM) {
		close(c.fd);
		c.fd = -1;
		sshsig_fingerprint(key->pk, fp, sizeof(fp));
		text_error(err, errlen, "ssh-agent at %s refused to sign "
		    "with %s%s", c.sock, fp,
		    sshagent_why_refused(c.sock, key, c.deadline));
	} else
		text_error(err, errlen, "ssh-agent at %s answered type %u "
		    "to a sign request", c.sock, c.ans[0]);
out:
	sshagent_close(&c);
	return (rv);
}
