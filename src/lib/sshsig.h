/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * sshsig.h: OpenSSH's signature format, SSHSIG (PROTOCOL.sshsig in
 * OpenSSH's source), for Ed25519 keys, with libsodium.
 *
 * foh's operators sign control requests with their own SSH keys, so that
 * `ssh-keygen -Y sign -n foh` can make a signature fohd accepts and
 * `ssh-keygen -Y verify -n foh` can check one foh made. An SSHSIG blob is
 *
 *	byte[6] "SSHSIG"  uint32 1  string publickey  string namespace
 *	string reserved  string hash_algorithm  string signature
 *
 * and what the key signs is
 *
 *	byte[6] "SSHSIG"  string namespace  string reserved
 *	string hash_algorithm  string H(message)
 *
 * (SSH "string" = uint32 length, big-endian, then the bytes). Keys are
 * SSH wire blobs: string "ssh-ed25519", string pk[32]; signatures are
 * string "ssh-ed25519", string sig[64]. Verification takes "sha256" and
 * "sha512"; signing writes "sha512", as ssh-keygen does.
 *
 * Pure: no I/O but sshsig_seckey_load, which reads one file. Everything is
 * plain data owned by the caller. Errors: -1 and one sentence in err.
 */
#ifndef FOH_SSHSIG_H
#define FOH_SSHSIG_H

#include <stddef.h>
#include <stdint.h>

#define SSHSIG_NAMESPACE	"foh"	/* what foh signs under */
#define SSHSIG_PK_LEN		32	/* an Ed25519 public key */
#define SSHSIG_SK_LEN		64	/* libsodium's secret key: seed + pk */
#define SSHSIG_KEYBLOB_LEN	51	/* string "ssh-ed25519", string pk */
#define SSHSIG_FP_MAX		64	/* "SHA256:" + 43 base64 + NUL */
#define SSHSIG_COMMENT_MAX	128
#define SSHSIG_BLOB_MAX		512	/* an Ed25519 SSHSIG blob, ~180 B */
#define SSHSIG_ARMOR_MAX	1024	/* the same, armored */
#define SSHSIG_TOSIGN_MAX	128	/* the bytes signed, "foh", sha512: 95 */

/* A public key: its bytes, its fingerprint as ssh-keygen -l prints it. */
struct sshsig_pubkey {
	uint8_t	pk[SSHSIG_PK_LEN];
	char	fp[SSHSIG_FP_MAX];		/* "SHA256:..." */
	char	comment[SSHSIG_COMMENT_MAX];	/* may be empty */
};

/* A private key, as an unencrypted OpenSSH key file holds it. */
struct sshsig_seckey {
	uint8_t			sk[SSHSIG_SK_LEN];
	struct sshsig_pubkey	pub;
};

/* The key file is passphrase-protected (sshsig_seckey_parse, _load). */
#define SSHSIG_ENCRYPTED	(-2)

/* Call once before anything else (sodium_init); 0 or -1. */
int	sshsig_init(void);

/*
 * Parse a public key line, "ssh-ed25519 AAAA... [comment]" (a .pub file,
 * an authorized_keys line without options). Leading and trailing blanks
 * are ignored. 0, or -1 and err ("not an ssh-ed25519 key", ...).
 */
int	sshsig_pubkey_parse(struct sshsig_pubkey *, const char *line,
	    char *err, size_t errlen);

/* A public key from its SSH wire blob; fills fp, empties comment. */
int	sshsig_pubkey_from_blob(struct sshsig_pubkey *, const uint8_t *blob,
	    size_t len, char *err, size_t errlen);

/* Write a key's SSH wire blob (SSHSIG_KEYBLOB_LEN bytes) into blob. */
void	sshsig_pubkey_blob(const struct sshsig_pubkey *,
	    uint8_t blob[SSHSIG_KEYBLOB_LEN]);

/* Are two keys the same key? 1 or 0. */
int	sshsig_pubkey_equal(const struct sshsig_pubkey *,
	    const struct sshsig_pubkey *);

/* The fingerprint of pk, "SHA256:" + unpadded base64 of SHA-256(blob). */
void	sshsig_fingerprint(const uint8_t pk[SSHSIG_PK_LEN], char *fp,
	    size_t len);

/*
 * Parse an OpenSSH private key file's text ("-----BEGIN OPENSSH PRIVATE
 * KEY-----", openssh-key-v1) holding one Ed25519 key. 0; SSHSIG_ENCRYPTED
 * if it has a passphrase (err says to use ssh-agent); or -1 and err.
 */
int	sshsig_seckey_parse(struct sshsig_seckey *, const char *text,
	    size_t len, char *err, size_t errlen);

/* The same from a file; err names the file. */
int	sshsig_seckey_load(struct sshsig_seckey *, const char *path,
	    char *err, size_t errlen);

/* Wipe a private key (sodium_memzero). */
void	sshsig_seckey_wipe(struct sshsig_seckey *);

/*
 * The bytes a key signs for msg under namespace ns, with sha512, into out
 * (SSHSIG_TOSIGN_MAX at least). Returns their length, or 0 if out is too
 * small. What an ssh-agent is asked to sign.
 */
size_t	sshsig_tosign(uint8_t *out, size_t outlen, const char *ns,
	    const void *msg, size_t len);

/*
 * Wrap an SSH signature blob (string "ssh-ed25519", string sig[64], as an
 * ssh-agent returns it) made by pub over sshsig_tosign(ns, ...) into an
 * SSHSIG blob in out. Returns its length, or 0 if out is too small.
 */
size_t	sshsig_wrap(uint8_t *out, size_t outlen,
	    const struct sshsig_pubkey *pub, const char *ns,
	    const uint8_t *sigblob, size_t siglen);

/* Sign msg with a private key: an SSHSIG blob into out. 0 or -1 and err. */
int	sshsig_sign(const struct sshsig_seckey *, const char *ns,
	    const void *msg, size_t len, uint8_t *out, size_t outlen,
	    size_t *outn, char *err, size_t errlen);

/*
 * Verify an SSHSIG blob over msg under namespace ns: magic, version 1, the
 * namespace, the hash ("sha256" or "sha512"), an Ed25519 key and signature,
 * nothing after them. On success fills signer (if not NULL) with the key
 * the blob names, which the caller must still look up: a valid signature
 * by an unknown key proves nothing. 0, or -1 and err saying what is wrong
 * ("namespace \"git\", not \"foh\"", "the signature does not verify").
 */
int	sshsig_verify(const uint8_t *blob, size_t len, const char *ns,
	    const void *msg, size_t mlen, struct sshsig_pubkey *signer,
	    char *err, size_t errlen);

/*
 * Armor a blob as ssh-keygen writes it: "-----BEGIN SSH SIGNATURE-----",
 * base64 in lines of 70, "-----END SSH SIGNATURE-----", each line ending
 * in "\n". Returns the length written (NUL-terminated), 0 if too small.
 */
size_t	sshsig_armor(const uint8_t *blob, size_t len, char *out,
	    size_t outlen);

/* The blob inside armored text; 0, or -1 and err. */
int	sshsig_dearmor(const char *text, size_t len, uint8_t *out,
	    size_t outlen, size_t *outn, char *err, size_t errlen);

#endif
