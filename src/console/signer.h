/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * signer.h: how the console and its one-shot commands sign the requests
 * that change state (PROTOCOL.md, "signed"), with the operator's own SSH
 * key: through their ssh-agent (also one forwarded with `ssh -A`) or from
 * a key file.
 *
 * Which key (signer_open):
 *   - identity names an unencrypted OpenSSH Ed25519 private key file:
 *     signed here with it;
 *   - identity names a public key (a .pub file), or a passphrase-protected
 *     private key (then identity.pub): the agent's matching key signs;
 *   - no identity: the agent's first Ed25519 key;
 *   - no identity and no agent (or an agent with no Ed25519 key): no
 *     signer; requests go unsigned, which ipc and a LAN that allows it
 *     still take.
 */
#ifndef FOH_SIGNER_H
#define FOH_SIGNER_H

#include <stddef.h>
#include <stdint.h>

#include <msgpack.h>

#include "proto/foh-proto.h"
#include "lib/sshsig.h"

#define SIGNER_TIMEOUT_MS	10000	/* the agent may ask its user */

enum signer_kind {
	SIGNER_NONE = 0,	/* requests go unsigned */
	SIGNER_FILE,		/* a private key held here */
	SIGNER_AGENT		/* a key in ssh-agent */
};

struct signer {
	enum signer_kind	 kind;
	struct sshsig_seckey	 sk;		/* SIGNER_FILE */
	struct sshsig_pubkey	 pub;		/* the key that signs */
	char			 sock[256];	/* SIGNER_AGENT: its socket */
	char			 source[300];	/* "ssh-agent", or the file */
};

/*
 * Choose the key (above); agent_sock NULL means $SSH_AUTH_SOCK. 0 with a
 * key, 1 with none (kind SIGNER_NONE, err says why, for diagnostics), -1
 * and err if identity was given and cannot be used: a key the operator
 * asked for must not be silently replaced by another or by none.
 */
int	signer_open(struct signer *, const char *identity,
	    const char *agent_sock, char *err, size_t errlen);

/* Wipe the key held, if any. */
void	signer_close(struct signer *);

/*
 * Encode request m (kind FOHP_REQUEST; its venue, ts and a non-zero id
 * set by the caller) as the body, sign it, and write the whole "signed"
 * message into out (cleared first). With SIGNER_NONE writes m itself,
 * unsigned. 0, or -1 and err (nothing usable in out).
 */
int	signer_wrap(struct signer *, const struct fohp_msg *m,
	    msgpack_sbuffer *out, char *err, size_t errlen);

/* "SHA256:..." of the key that signs, or "" with none. */
const char *signer_fingerprint(const struct signer *);

#endif
