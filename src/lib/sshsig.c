/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * sshsig.c: SSHSIG blobs for Ed25519 keys (sshsig.h): what is signed,
 * signing, verifying and the armor ssh-keygen writes around a blob. The
 * keys themselves (public lines, private key files) are in sshsig-key.c.
 *
 * A blob comes from the network, so it is read strictly: every SSH string
 * is bounded by the bytes left, each field is checked in the order
 * PROTOCOL.sshsig gives them, and nothing may follow the signature. The
 * reserved field is signed over but otherwise ignored, as the format asks.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "sshsig.h"
#include "sshsig-priv.h"
#include "text.h"

#define SSHSIG_MAGIC		"SSHSIG"
#define SSHSIG_MAGIC_LEN	6
#define SSHSIG_VERSION		1
#define SSHSIG_ARMOR_BEGIN	"-----BEGIN SSH SIGNATURE-----"
#define SSHSIG_ARMOR_END	"-----END SSH SIGNATURE-----"
#define SSHSIG_ARMOR_WRAP	70	/* base64 characters a line */

/* Set up libsodium; safe to call more than once. */
int
sshsig_init(void)
{
	return (sodium_init() < 0 ? -1 : 0);
}

/*
 * The bytes signed for a message whose hash under alg is h[hlen], with the
 * blob's reserved field, into w.
 */
static void
sshsig_tosign_write(struct sshsig_wr *w, const char *ns,
    const uint8_t *reserved, size_t rlen, const char *alg,
    const uint8_t *h, size_t hlen)
{
	sshsig_wr_bytes(w, SSHSIG_MAGIC, SSHSIG_MAGIC_LEN);
	sshsig_wr_string(w, ns, strlen(ns));
	sshsig_wr_string(w, reserved, rlen);
	sshsig_wr_string(w, alg, strlen(alg));
	sshsig_wr_string(w, h, hlen);
}

/* What a key signs for msg under ns, with sha512. */
size_t
sshsig_tosign(uint8_t *out, size_t outlen, const char *ns, const void *msg,
    size_t len)
{
	struct sshsig_wr	w = { out, outlen, 0, 1 };
	uint8_t			h[crypto_hash_sha512_BYTES];

	crypto_hash_sha512(h, msg, len);
	sshsig_tosign_write(&w, ns, NULL, 0, "sha512", h, sizeof(h));
	return (w.ok ? w.off : 0);
}

/* Wrap an SSH signature blob by pub into an SSHSIG blob. */
size_t
sshsig_wrap(uint8_t *out, size_t outlen, const struct sshsig_pubkey *pub,
    const char *ns, const uint8_t *sigblob, size_t siglen)
{
	struct sshsig_wr	w = { out, outlen, 0, 1 };
	uint8_t			kb[SSHSIG_KEYBLOB_LEN];

	sshsig_pubkey_blob(pub, kb);
	sshsig_wr_bytes(&w, SSHSIG_MAGIC, SSHSIG_MAGIC_LEN);
	sshsig_wr_u32(&w, SSHSIG_VERSION);
	sshsig_wr_string(&w, kb, sizeof(kb));
	sshsig_wr_string(&w, ns, strlen(ns));
	sshsig_wr_string(&w, NULL, 0);
	sshsig_wr_string(&w, "sha512", 6);
	sshsig_wr_string(&w, sigblob, siglen);
	return (w.ok ? w.off : 0);
}

/* Sign msg under ns with a private key into an SSHSIG blob. */
int
sshsig_sign(const struct sshsig_seckey *key, const char *ns, const void *msg,
    size_t len, uint8_t *out, size_t outlen, size_t *outn, char *err,
    size_t errlen)
{
	struct sshsig_wr	w;
	uint8_t			tosign[SSHSIG_TOSIGN_MAX];
	uint8_t			sig[SSHSIG_SIG_LEN], sb[SSHSIG_SIGBLOB_LEN];
	size_t			n;

	if (ns == NULL || *ns == '\0') {
		text_error(err, errlen, "the namespace is empty");
		return (-1);
	}
	if ((n = sshsig_tosign(tosign, sizeof(tosign), ns, msg, len)) == 0) {
		text_error(err, errlen, "the namespace is too long");
		return (-1);
	}
	if (crypto_sign_ed25519_detached(sig, NULL, tosign, n, key->sk) != 0) {
		text_error(err, errlen, "Ed25519 signing failed");
		return (-1);
	}
	w = (struct sshsig_wr){ sb, sizeof(sb), 0, 1 };
	sshsig_wr_string(&w, SSHSIG_KEYTYPE, SSHSIG_KEYTYPE_LEN);
	sshsig_wr_string(&w, sig, sizeof(sig));
	if ((n = sshsig_wrap(out, outlen, &key->pub, ns, sb, w.off)) == 0) {
		text_error(err, errlen, "no room for the signature "
		    "(%zu bytes)", outlen);
		return (-1);
	}
	*outn = n;
	return (0);
}

/* Read the signature field's inner blob: type ssh-ed25519, 64 bytes. */
static int
sshsig_sigblob_parse(const uint8_t *blob, size_t len,
    const uint8_t **sig, char *err, size_t errlen)
{
	struct sshsig_rd	 r = { blob, len, 0 };
	const uint8_t		*t;
	size_t			 tn, sn;
	char			 show[40];

	if (sshsig_rd_string(&r, &t, &tn) != 0) {
		text_error(err, errlen, "the signature's type is cut "
		    "short");
		return (-1);
	}
	if (!sshsig_rd_is(t, tn, SSHSIG_KEYTYPE)) {
		sshsig_show(show, sizeof(show), t, tn);
		text_error(err, errlen, "signature type \"%s\", not "
		    SSHSIG_KEYTYPE, show);
		return (-1);
	}
	if (sshsig_rd_string(&r, sig, &sn) != 0) {
		text_error(err, errlen, "the Ed25519 signature is cut "
		    "short");
		return (-1);
	}
	if (sn != SSHSIG_SIG_LEN) {
		text_error(err, errlen, "the Ed25519 signature is %zu "
		    "bytes, not %d", sn, SSHSIG_SIG_LEN);
		return (-1);
	}
	if (r.off != r.len) {
		text_error(err, errlen, "%zu bytes after the Ed25519 "
		    "signature", r.len - r.off);
		return (-1);
	}
	return (0);
}

/* The blob's fields, each pointing into the blob. */
struct sshsig_fields {
	const uint8_t	*key, *ns, *reserved, *hash, *sig;
	size_t		 keyn, nsn, reservedn, hashn, sign;
};

/* Split a blob into its fields, refusing a short one or trailing bytes. */
static int
sshsig_fields_parse(const uint8_t *blob, size_t len, struct sshsig_fields *f,
    char *err, size_t errlen)
{
	struct sshsig_rd	 r = { blob, len, 0 };
	const uint8_t		*magic;
	uint32_t		 version;

	if (sshsig_rd_bytes(&r, &magic, SSHSIG_MAGIC_LEN) != 0 ||
	    memcmp(magic, SSHSIG_MAGIC, SSHSIG_MAGIC_LEN) != 0) {
		text_error(err, errlen, "not an SSHSIG blob (it does not "
		    "start with \"SSHSIG\")");
		return (-1);
	}
	if (sshsig_rd_u32(&r, &version) != 0) {
		text_error(err, errlen, "the SSHSIG blob ends before its "
		    "version");
		return (-1);
	}
	if (version != SSHSIG_VERSION) {
		text_error(err, errlen, "SSHSIG version %u; only version "
		    "%d is known", version, SSHSIG_VERSION);
		return (-1);
	}
#define SSHSIG_FIELD(p, n, what) do {					\
	if (sshsig_rd_string(&r, &(p), &(n)) != 0) {			\
		text_error(err, errlen, "the SSHSIG blob is cut short "\
		    "in its " what " (%zu bytes)", len);		\
		return (-1);						\
	}								\
} while (0)
	SSHSIG_FIELD(f->key, f->keyn, "public key");
	SSHSIG_FIELD(f->ns, f->nsn, "namespace");
	SSHSIG_FIELD(f->reserved, f->reservedn, "reserved field");
	SSHSIG_FIELD(f->hash, f->hashn, "hash algorithm");
	SSHSIG_FIELD(f->sig, f->sign, "signature");
#undef SSHSIG_FIELD
	if (r.off != r.len) {
		text_error(err, errlen, "%zu bytes after the SSHSIG "
		    "signature", r.len - r.off);
		return (-1);
	}
	return (0);
}

/* Hash msg with the blob's algorithm into h; its length, 0 if unknown. */
static size_t
sshsig_hash(const struct sshsig_fields *f, const void *msg, size_t mlen,
    uint8_t h[crypto_hash_sha512_BYTES], const char **alg)
{
	if (sshsig_rd_is(f->hash, f->hashn, "sha512")) {
		crypto_hash_sha512(h, msg, mlen);
		*alg = "sha512";
		return (crypto_hash_sha512_BYTES);
	}
	if (sshsig_rd_is(f->hash, f->hashn, "sha256")) {
		crypto_hash_sha256(h, msg, mlen);
		*alg = "sha256";
		return (crypto_hash_sha256_BYTES);
	}
	return (0);
}

/* Verify an SSHSIG blob over msg under ns; fill signer on success. */
int
sshsig_verify(const uint8_t *blob, size_t len, const char *ns,
    const void *msg, size_t mlen, struct sshsig_pubkey *signer, char *err,
    size_t errlen)
{
	struct sshsig_fields	 f;
	struct sshsig_wr	 w;
	uint8_t			 tosign[SSHSIG_BLOB_MAX + SSHSIG_TOSIGN_MAX];
	uint8_t			 h[crypto_hash_sha512_BYTES], pk[SSHSIG_PK_LEN];
	const uint8_t		*sig;
	const char		*alg;
	char			 show[40], why[128];
	size_t			 hn;

	if (len > SSHSIG_BLOB_MAX) {
		text_error(err, errlen, "the SSHSIG blob is %zu bytes, "
		    "more than an Ed25519 one can be (%d)", len,
		    SSHSIG_BLOB_MAX);
		return (-1);
	}
	if (sshsig_fields_parse(blob, len, &f, err, errlen) != 0)
		return (-1);
	if (sshsig_keyblob_parse(f.key, f.keyn, pk, why, sizeof(why)) != 0) {
		text_error(err, errlen, "the signer's key: %s", why);
		return (-1);
	}
	if (!sshsig_rd_is(f.ns, f.nsn, ns)) {
		sshsig_show(show, sizeof(show), f.ns, f.nsn);
		text_error(err, errlen, "namespace \"%s\", not \"%s\"",
		    show, ns);
		return (-1);
	}
	if ((hn = sshsig_hash(&f, msg, mlen, h, &alg)) == 0) {
		sshsig_show(show, sizeof(show), f.hash, f.hashn);
		text_error(err, errlen, "hash algorithm \"%s\", not sha256 "
		    "or sha512", show);
		return (-1);
	}
	if (sshsig_sigblob_parse(f.sig, f.sign, &sig, err, errlen) != 0)
		return (-1);
	w = (struct sshsig_wr){ tosign, sizeof(tosign), 0, 1 };
	sshsig_tosign_write(&w, ns, f.reserved, f.reservedn, alg, h, hn);
	if (!w.ok) {
		text_error(err, errlen, "the namespace is too long");
		return (-1);
	}
	if (crypto_sign_ed25519_verify_detached(sig, tosign, w.off, pk) != 0) {
		text_error(err, errlen, "the signature does not verify");
		return (-1);
	}
	if (signer != NULL) {
		memcpy(signer->pk, pk, sizeof(pk));
		sshsig_fingerprint(pk, signer->fp, sizeof(signer->fp));
		signer->comment[0] = '\0';
	}
	return (0);
}

/* Armor a blob as ssh-keygen writes it. */
size_t
sshsig_armor(const uint8_t *blob, size_t len, char *out, size_t outlen)
{
	char	b64[sodium_base64_ENCODED_LEN(SSHSIG_BLOB_MAX,
		    sodium_base64_VARIANT_ORIGINAL)];
	size_t	n, i, off, line;

	if (len > SSHSIG_BLOB_MAX)
		return (0);
	sodium_bin2base64(b64, sizeof(b64), blob, len,
	    sodium_base64_VARIANT_ORIGINAL);
	n = strlen(b64);
	/* Header, lines of 70 each with "\n", footer, "\n", NUL. */
	if (outlen < sizeof(SSHSIG_ARMOR_BEGIN) + n + n /
	    SSHSIG_ARMOR_WRAP + 1 + sizeof(SSHSIG_ARMOR_END) + 1)
		return (0);
	off = 0;
	memcpy(out, SSHSIG_ARMOR_BEGIN "\n", sizeof(SSHSIG_ARMOR_BEGIN));
	off += sizeof(SSHSIG_ARMOR_BEGIN);
	for (i = 0; i < n; i += line) {
		line = n - i < SSHSIG_ARMOR_WRAP ? n - i : SSHSIG_ARMOR_WRAP;
		memcpy(out + off, b64 + i, line);
		off += line;
		out[off++] = '\n';
	}
	memcpy(out + off, SSHSIG_ARMOR_END "\n", sizeof(SSHSIG_ARMOR_END) + 1);
	off += sizeof(SSHSIG_ARMOR_END);
	return (off);
}

/* The blob inside armored text: the header first, the footer last. */
int
sshsig_dearmor(const char *text, size_t len, uint8_t *out, size_t outlen,
    size_t *outn, char *err, size_t errlen)
{
	const size_t	 bl = sizeof(SSHSIG_ARMOR_BEGIN) - 1;
	const size_t	 el = sizeof(SSHSIG_ARMOR_END) - 1;
	const char	*b, *e;
	size_t		 end, bn;

	if (len < bl || memcmp(text, SSHSIG_ARMOR_BEGIN, bl) != 0) {
		text_error(err, errlen, "not an armored SSH signature (it "
		    "does not start with \"%s\")", SSHSIG_ARMOR_BEGIN);
		return (-1);
	}
	if (len == bl || (text[bl] != '\n' && (text[bl] != '\r' ||
	    len == bl + 1 || text[bl + 1] != '\n'))) {
		text_error(err, errlen, "the armored SSH signature's first "
		    "line is not \"%s\" alone", SSHSIG_ARMOR_BEGIN);
		return (-1);
	}
	/* Trailing blank space after the footer is fine, nothing else. */
	end = len;
	while (end > bl && (text[end - 1] == '\n' || text[end - 1] == '\r' ||
	    text[end - 1] == ' ' || text[end - 1] == '\t'))
		end--;
	if (end < bl + el || memcmp(text + end - el, SSHSIG_ARMOR_END,
	    el) != 0 || (text[end - el - 1] != '\n')) {
		text_error(err, errlen, "the armored SSH signature does "
		    "not end with \"%s\" on a line of its own",
		    SSHSIG_ARMOR_END);
		return (-1);
	}
	b = text + bl;
	e = text + end - el;
	if (memchr(b, '\0', (size_t)(e - b)) != NULL) {
		text_error(err, errlen, "a NUL byte inside the armored "
		    "SSH signature");
		return (-1);
	}
	if (sodium_base642bin(out, outlen, b, (size_t)(e - b), "\r\n", &bn,
	    NULL, sodium_base64_VARIANT_ORIGINAL) != 0) {
		text_error(err, errlen, "the armored SSH signature's "
		    "base64 does not decode (or is over %zu bytes)", outlen);
		return (-1);
	}
	if (bn == 0) {
		text_error(err, errlen, "the armored SSH signature is "
		    "empty");
		return (-1);
	}
	*outn = bn;
	return (0);
}
