/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * sshsig-key.c: Ed25519 keys as OpenSSH writes them (sshsig.h): the wire
 * blob, the public line of a .pub file or an allowed_signers entry, the
 * fingerprint ssh-keygen -l prints, and the private key file
 * (openssh-key-v1, PROTOCOL.key in OpenSSH's source).
 *
 * A private key file is read only when it is not encrypted: foh does not
 * ask for passphrases. An encrypted one is answered with SSHSIG_ENCRYPTED
 * and a pointer to ssh-agent, which does the asking once per session.
 * Every buffer that held secret bytes is wiped before it is given back.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "sshsig.h"
#include "sshsig-priv.h"
#include "text.h"

#define SSHSIG_KEY_BEGIN	"-----BEGIN OPENSSH PRIVATE KEY-----"
#define SSHSIG_KEY_END		"-----END OPENSSH PRIVATE KEY-----"
#define SSHSIG_KEY_MAGIC	"openssh-key-v1"	/* and its NUL */
#define SSHSIG_KEY_FILE_MAX	8192	/* far above an Ed25519 key's ~400 */
#define SSHSIG_AGENT_HINT	"foh does not ask for passphrases: load it " \
	"into ssh-agent (ssh-add %s) and sign through the agent"

/* Write a key's SSH wire blob. */
void
sshsig_pubkey_blob(const struct sshsig_pubkey *k,
    uint8_t blob[SSHSIG_KEYBLOB_LEN])
{
	struct sshsig_wr	w = { blob, SSHSIG_KEYBLOB_LEN, 0, 1 };

	sshsig_wr_string(&w, SSHSIG_KEYTYPE, SSHSIG_KEYTYPE_LEN);
	sshsig_wr_string(&w, k->pk, SSHSIG_PK_LEN);
}

/* The fingerprint of pk as ssh-keygen -l prints it. */
void
sshsig_fingerprint(const uint8_t pk[SSHSIG_PK_LEN], char *fp, size_t len)
{
	struct sshsig_pubkey	k;
	uint8_t			blob[SSHSIG_KEYBLOB_LEN];
	uint8_t			h[crypto_hash_sha256_BYTES];
	char			b64[sodium_base64_ENCODED_LEN(
				    crypto_hash_sha256_BYTES,
				    sodium_base64_VARIANT_ORIGINAL_NO_PADDING)];

	memcpy(k.pk, pk, SSHSIG_PK_LEN);
	sshsig_pubkey_blob(&k, blob);
	crypto_hash_sha256(h, blob, sizeof(blob));
	sodium_bin2base64(b64, sizeof(b64), h, sizeof(h),
	    sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	if (len > 0)
		snprintf(fp, len, "SHA256:%s", b64);
}

/* Are two keys the same key? */
int
sshsig_pubkey_equal(const struct sshsig_pubkey *a,
    const struct sshsig_pubkey *b)
{
	return (sodium_memcmp(a->pk, b->pk, SSHSIG_PK_LEN) == 0);
}

/* Read a key's wire blob: string "ssh-ed25519", string pk[32], no more. */
int
sshsig_keyblob_parse(const uint8_t *blob, size_t len,
    uint8_t pk[SSHSIG_PK_LEN], char *err, size_t errlen)
{
	struct sshsig_rd	 r = { blob, len, 0 };
	const uint8_t		*p;
	size_t			 pn;

	if (sshsig_rd_keytype(&r, "the key's type is cut short", err,
	    errlen) != 0)
		return (-1);
	if (sshsig_rd_string(&r, &p, &pn) != 0) {
		text_error(err, errlen, "the Ed25519 key is cut short");
		return (-1);
	}
	if (pn != SSHSIG_PK_LEN) {
		text_error(err, errlen, "the Ed25519 key is %zu bytes, "
		    "not %d", pn, SSHSIG_PK_LEN);
		return (-1);
	}
	if (r.off != r.len) {
		text_error(err, errlen, "%zu bytes after the Ed25519 key",
		    r.len - r.off);
		return (-1);
	}
	memcpy(pk, p, SSHSIG_PK_LEN);
	return (0);
}

/* A public key from its wire blob. */
int
sshsig_pubkey_from_blob(struct sshsig_pubkey *k, const uint8_t *blob,
    size_t len, char *err, size_t errlen)
{
	if (sshsig_keyblob_parse(blob, len, k->pk, err, errlen) != 0)
		return (-1);
	sshsig_fingerprint(k->pk, k->fp, sizeof(k->fp));
	k->comment[0] = '\0';
	return (0);
}

/* Is c a blank (space or tab; a line's end counts too)? */
static int
sshsig_blank(char c)
{
	return (c == ' ' || c == '\t' || c == '\r' || c == '\n');
}

/*
 * Copy comment s[n] into k, cut at a whole UTF-8 character; control
 * characters (a comment may come from a file or an agent, and may be
 * shown on a terminal) become '?', and a NUL ends it.
 */
static void
sshsig_comment_set(struct sshsig_pubkey *k, const char *s, size_t n)
{
	size_t	i;

	if (n >= sizeof(k->comment)) {
		n = sizeof(k->comment) - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n && s[i] != '\0'; i++)
		k->comment[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ?
		    '?' : s[i];
	k->comment[i] = '\0';
}

/* Parse "ssh-ed25519 AAAA... [comment]". */
int
sshsig_pubkey_parse(struct sshsig_pubkey *k, const char *line, char *err,
    size_t errlen)
{
	uint8_t		 blob[64];
	const char	*p = line, *t, *b, *end;
	size_t		 tn, bn, n;
	char		 show[40], why[128];

	while (sshsig_blank(*p))
		p++;
	end = p + strlen(p);
	while (end > p && sshsig_blank(end[-1]))
		end--;
	for (t = p; p < end && !sshsig_blank(*p); p++)
		;
	tn = (size_t)(p - t);
	if (tn == 0) {
		text_error(err, errlen, "no key (an empty line)");
		return (-1);
	}
	if (tn != SSHSIG_KEYTYPE_LEN || memcmp(t, SSHSIG_KEYTYPE, tn) != 0) {
		sshsig_show(show, sizeof(show), (const uint8_t *)t, tn);
		text_error(err, errlen, "not an ssh-ed25519 key (\"%s\")",
		    show);
		return (-1);
	}
	while (p < end && sshsig_blank(*p))
		p++;
	for (b = p; p < end && !sshsig_blank(*p); p++)
		;
	if ((bn = (size_t)(p - b)) == 0) {
		text_error(err, errlen, "the ssh-ed25519 key has no "
		    "base64 after its type");
		return (-1);
	}
	if (sodium_base642bin(blob, sizeof(blob), b, bn, NULL, &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0) {
		text_error(err, errlen, "the ssh-ed25519 key's base64 does "
		    "not decode to a key");
		return (-1);
	}
	if (sshsig_keyblob_parse(blob, n, k->pk, why, sizeof(why)) != 0) {
		text_error(err, errlen, "the base64 of the ssh-ed25519 "
		    "key: %s", why);
		return (-1);
	}
	sshsig_fingerprint(k->pk, k->fp, sizeof(k->fp));
	while (p < end && sshsig_blank(*p))
		p++;
	sshsig_comment_set(k, p, (size_t)(end - p));
	return (0);
}

/* Wipe a private key. */
void
sshsig_seckey_wipe(struct sshsig_seckey *k)
{
	sodium_memzero(k, sizeof(*k));
}

/*
 * The one private key in an unencrypted key list (PROTOCOL.key, 3): two
 * equal check words, "ssh-ed25519", pk, seed+pk, comment, padding 1, 2,
 * 3... to a multiple of 8. The public key must match pub, and the seed
 * must give it.
 */
static int
sshsig_seckey_list(struct sshsig_seckey *k, const uint8_t *list, size_t len,
    const uint8_t pub[SSHSIG_PK_LEN], char *err, size_t errlen)
{
	struct sshsig_rd	 r = { list, len, 0 };
	const uint8_t		*p, *s, *c, *pad;
	size_t			 pn, sn, cn, i;
	uint32_t		 c1, c2;
	uint8_t			 pk[SSHSIG_PK_LEN], sk[SSHSIG_SK_LEN];

	if (len % 8 != 0) {
		text_error(err, errlen, "its private part is %zu bytes, "
		    "not a multiple of 8", len);
		return (-1);
	}
	if (sshsig_rd_u32(&r, &c1) != 0 || sshsig_rd_u32(&r, &c2) != 0 ||
	    c1 != c2) {
		text_error(err, errlen, "its check words differ (a damaged "
		    "or encrypted key)");
		return (-1);
	}
	if (sshsig_rd_keytype(&r, "its private key is cut short", err,
	    errlen) != 0)
		return (-1);
	if (sshsig_rd_string(&r, &p, &pn) != 0 || pn != SSHSIG_PK_LEN ||
	    sshsig_rd_string(&r, &s, &sn) != 0 || sn != SSHSIG_SK_LEN ||
	    sshsig_rd_string(&r, &c, &cn) != 0) {
		text_error(err, errlen, "its Ed25519 private key is not "
		    "32 + 64 bytes and a comment");
		return (-1);
	}
	for (i = 0; r.off < r.len; i++) {
		if (i >= 8 || sshsig_rd_bytes(&r, &pad, 1) != 0 ||
		    *pad != i + 1) {
			text_error(err, errlen, "its padding is not 1, 2, "
			    "3...");
			return (-1);
		}
	}
	if (memcmp(p, pub, SSHSIG_PK_LEN) != 0 ||
	    memcmp(s + 32, pub, SSHSIG_PK_LEN) != 0) {
		text_error(err, errlen, "its private key does not match "
		    "its public key");
		return (-1);
	}
	crypto_sign_ed25519_seed_keypair(pk, sk, s);
	if (sodium_memcmp(sk, s, SSHSIG_SK_LEN) != 0) {
		sodium_memzero(sk, sizeof(sk));
		text_error(err, errlen, "its private key does not give its "
		    "public key");
		return (-1);
	}
	memcpy(k->sk, sk, SSHSIG_SK_LEN);
	sodium_memzero(sk, sizeof(sk));
	memcpy(k->pub.pk, pub, SSHSIG_PK_LEN);
	sshsig_fingerprint(pub, k->pub.fp, sizeof(k->pub.fp));
	sshsig_comment_set(&k->pub, (const char *)c, cn);
	return (0);
}

/* Parse the decoded openssh-key-v1 bytes (PROTOCOL.key, 1). */
static int
sshsig_seckey_bin(struct sshsig_seckey *k, const uint8_t *bin, size_t len,
    char *err, size_t errlen)
{
	struct sshsig_rd	 r = { bin, len, 0 };
	const uint8_t		*magic, *cipher, *kdf, *opts, *pub, *list;
	size_t			 ciphern, kdfn, optsn, pubn, listn;
	uint32_t		 nkeys;
	uint8_t			 pk[SSHSIG_PK_LEN];
	char			 why[128];

	if (sshsig_rd_bytes(&r, &magic, sizeof(SSHSIG_KEY_MAGIC)) != 0 ||
	    memcmp(magic, SSHSIG_KEY_MAGIC, sizeof(SSHSIG_KEY_MAGIC)) != 0) {
		text_error(err, errlen, "not an openssh-key-v1 key");
		return (-1);
	}
	if (sshsig_rd_string(&r, &cipher, &ciphern) != 0 ||
	    sshsig_rd_string(&r, &kdf, &kdfn) != 0 ||
	    sshsig_rd_string(&r, &opts, &optsn) != 0 ||
	    sshsig_rd_u32(&r, &nkeys) != 0) {
		text_error(err, errlen, "the key's header is cut short");
		return (-1);
	}
	if (!sshsig_rd_is(cipher, ciphern, "none") ||
	    !sshsig_rd_is(kdf, kdfn, "none"))
		return (SSHSIG_ENCRYPTED);
	if (optsn != 0) {
		text_error(err, errlen, "the key has KDF options but no "
		    "KDF");
		return (-1);
	}
	if (nkeys != 1) {
		text_error(err, errlen, "the file holds %u keys, not 1",
		    nkeys);
		return (-1);
	}
	if (sshsig_rd_string(&r, &pub, &pubn) != 0 ||
	    sshsig_rd_string(&r, &list, &listn) != 0) {
		text_error(err, errlen, "the key is cut short");
		return (-1);
	}
	if (r.off != r.len) {
		text_error(err, errlen, "%zu bytes after the key",
		    r.len - r.off);
		return (-1);
	}
	if (sshsig_keyblob_parse(pub, pubn, pk, why, sizeof(why)) != 0) {
		text_error(err, errlen, "%s", why);
		return (-1);
	}
	return (sshsig_seckey_list(k, list, listn, pk, err, errlen));
}

/* Parse an OpenSSH private key file's text. */
int
sshsig_seckey_parse(struct sshsig_seckey *k, const char *text, size_t len,
    char *err, size_t errlen)
{
	const size_t	 bl = sizeof(SSHSIG_KEY_BEGIN) - 1;
	const size_t	 el = sizeof(SSHSIG_KEY_END) - 1;
	uint8_t		 bin[SSHSIG_KEY_FILE_MAX];
	const char	*b, *e;
	size_t		 start = 0, end = len, bn;
	int		 rv;

	memset(k, 0, sizeof(*k));
	while (start < len && sshsig_blank(text[start]))
		start++;
	while (end > start && sshsig_blank(text[end - 1]))
		end--;
	if (end - start < bl || memcmp(text + start, SSHSIG_KEY_BEGIN,
	    bl) != 0) {
		text_error(err, errlen, "not an OpenSSH private key (no "
		    "\"%s\"; a PEM or PKCS#8 key can be converted with "
		    "ssh-keygen -p)", SSHSIG_KEY_BEGIN);
		return (-1);
	}
	if (end - start < bl + el || memcmp(text + end - el, SSHSIG_KEY_END,
	    el) != 0) {
		text_error(err, errlen, "the OpenSSH private key does not "
		    "end with \"%s\"", SSHSIG_KEY_END);
		return (-1);
	}
	b = text + start + bl;
	e = text + end - el;
	if (len > SSHSIG_KEY_FILE_MAX || memchr(b, '\0', (size_t)(e - b))) {
		text_error(err, errlen, "not an Ed25519 OpenSSH private "
		    "key (too long, or a NUL byte inside)");
		return (-1);
	}
	if (sodium_base642bin(bin, sizeof(bin), b, (size_t)(e - b),
	    "\r\n\t ", &bn, NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
		sodium_memzero(bin, sizeof(bin));
		text_error(err, errlen, "the OpenSSH private key's base64 "
		    "does not decode");
		return (-1);
	}
	rv = sshsig_seckey_bin(k, bin, bn, err, errlen);
	sodium_memzero(bin, sizeof(bin));
	if (rv == SSHSIG_ENCRYPTED)
		text_error(err, errlen, "the key is protected by a "
		    "passphrase; " SSHSIG_AGENT_HINT, "FILE");
	if (rv != 0)
		sshsig_seckey_wipe(k);
	return (rv);
}

/* Read a private key file (at most SSHSIG_KEY_FILE_MAX bytes) and parse it. */
int
sshsig_seckey_load(struct sshsig_seckey *k, const char *path, char *err,
    size_t errlen)
{
	char	text[SSHSIG_KEY_FILE_MAX + 1], why[256];
	size_t	len = 0;
	ssize_t	n;
	int	fd, rv;

	memset(k, 0, sizeof(*k));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		text_error(err, errlen, "%s: %s", path, strerror(errno));
		return (-1);
	}
	while (len < sizeof(text) && (n = read(fd, text + len,
	    sizeof(text) - len)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			text_error(err, errlen, "%s: %s", path,
			    strerror(errno));
			close(fd);
			sodium_memzero(text, sizeof(text));
			return (-1);
		}
		len += (size_t)n;
	}
	close(fd);
	if (len > SSHSIG_KEY_FILE_MAX) {
		sodium_memzero(text, sizeof(text));
		text_error(err, errlen, "%s: over %d bytes: not an Ed25519 "
		    "private key", path, SSHSIG_KEY_FILE_MAX);
		return (-1);
	}
	rv = sshsig_seckey_parse(k, text, len, why, sizeof(why));
	sodium_memzero(text, sizeof(text));
	if (rv == SSHSIG_ENCRYPTED)
		text_error(err, errlen, "%s: the key is protected by a "
		    "passphrase; " SSHSIG_AGENT_HINT, path, path);
	else if (rv != 0)
		text_error(err, errlen, "%s: %s", path, why);
	return (rv);
}
