/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-sshsig.c: libFuzzer target for what src/lib/sshsig*.c reads from
 * outside: SSHSIG blobs (off the network, in fohd), their armor, public
 * key lines (fohd.conf, allowed_signers, .pub files) and private key
 * files. The first byte picks which; the rest is the input.
 *
 *   0  sshsig_verify over the message "fuzz": a refusal says why; a
 *      success names a key with a fingerprint.
 *   1  sshsig_dearmor: what comes out armors and dearmors to itself.
 *   2  sshsig_pubkey_parse: the key's blob parses back to the same key.
 *   3  sshsig_seckey_parse: a key that loads signs, and its signature
 *      verifies under its own public key (the halves belong together).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "lib/sshsig.h"

#define FUZZ_MSG	"fuzz"

/* Mode 0: a blob. */
static void
fuzz_sshsig_verify(const uint8_t *data, size_t len)
{
	struct sshsig_pubkey	who;
	char			err[256];

	err[0] = '\0';
	if (sshsig_verify(data, len, SSHSIG_NAMESPACE, FUZZ_MSG,
	    strlen(FUZZ_MSG), &who, err, sizeof(err)) != 0) {
		if (err[0] == '\0')
			abort();
	} else if (strncmp(who.fp, "SHA256:", 7) != 0 ||
	    strlen(who.fp) != 50)
		abort();
}

/* Mode 1: armored text. */
static void
fuzz_sshsig_dearmor(const uint8_t *data, size_t len)
{
	uint8_t	blob[SSHSIG_BLOB_MAX], back[SSHSIG_BLOB_MAX];
	char	text[SSHSIG_ARMOR_MAX], err[256];
	size_t	n, tn, bn;

	if (sshsig_dearmor((const char *)data, len, blob, sizeof(blob), &n,
	    err, sizeof(err)) != 0)
		return;
	if ((tn = sshsig_armor(blob, n, text, sizeof(text))) == 0 ||
	    sshsig_dearmor(text, tn, back, sizeof(back), &bn, err,
	    sizeof(err)) != 0 || bn != n || memcmp(blob, back, n) != 0)
		abort();
}

/* Mode 2: a public key line. */
static void
fuzz_sshsig_pubkey(const uint8_t *data, size_t len)
{
	struct sshsig_pubkey	k, b;
	uint8_t			blob[SSHSIG_KEYBLOB_LEN];
	char			*line = fuzz_string(data, len), err[256];

	if (sshsig_pubkey_parse(&k, line, err, sizeof(err)) == 0) {
		sshsig_pubkey_blob(&k, blob);
		if (sshsig_pubkey_from_blob(&b, blob, sizeof(blob), err,
		    sizeof(err)) != 0 || !sshsig_pubkey_equal(&k, &b) ||
		    strcmp(k.fp, b.fp) != 0 ||
		    strlen(k.comment) >= sizeof(k.comment))
			abort();
	}
	free(line);
}

/* Mode 3: a private key file. */
static void
fuzz_sshsig_seckey(const uint8_t *data, size_t len)
{
	struct sshsig_seckey	k;
	struct sshsig_pubkey	who;
	uint8_t			blob[SSHSIG_BLOB_MAX];
	char			err[256];
	size_t			n;

	if (sshsig_seckey_parse(&k, (const char *)data, len, err,
	    sizeof(err)) != 0)
		return;
	if (sshsig_sign(&k, SSHSIG_NAMESPACE, data, len, blob, sizeof(blob),
	    &n, err, sizeof(err)) != 0 || sshsig_verify(blob, n,
	    SSHSIG_NAMESPACE, data, len, &who, err, sizeof(err)) != 0 ||
	    !sshsig_pubkey_equal(&who, &k.pub))
		abort();
	sshsig_seckey_wipe(&k);
}

/* One input: a mode byte, then the input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static int	ready;

	if (!ready) {
		if (sshsig_init() != 0)
			abort();
		ready = 1;
	}
	if (len < 1)
		return (0);
	switch (data[0] % 4) {
	case 0:
		fuzz_sshsig_verify(data + 1, len - 1);
		break;
	case 1:
		fuzz_sshsig_dearmor(data + 1, len - 1);
		break;
	case 2:
		fuzz_sshsig_pubkey(data + 1, len - 1);
		break;
	default:
		fuzz_sshsig_seckey(data + 1, len - 1);
		break;
	}
	return (0);
}
