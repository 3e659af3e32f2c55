/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * sshagent.h: a client of ssh-agent (draft-miller-ssh-agent), enough to
 * sign with a key the agent holds: REQUEST_IDENTITIES (11) -> 12, and
 * SIGN_REQUEST (13) -> SIGN_RESPONSE (14) or FAILURE (5).
 *
 * So an operator signs with the key on their own laptop, also through a
 * jump host (`ssh -A`), and the key never leaves the agent. Each call
 * opens the agent's Unix socket, asks, reads the answer and closes it,
 * waiting at most timeout_ms in all (an agent that asks its user to
 * confirm a signature can take seconds). Errors: -1 and one sentence in
 * err naming the socket.
 */
#ifndef FOH_SSHAGENT_H
#define FOH_SSHAGENT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/sshsig.h"

#define SSHAGENT_KEYS_MAX	32

/* The socket: path if not NULL, else $SSH_AUTH_SOCK; NULL if neither. */
const char *sshagent_socket(const char *path);

/*
 * The Ed25519 keys the agent holds, in its order, into keys (max at most);
 * *n their number. Keys of other types are skipped. 0, or -1 and err.
 */
int	sshagent_list(const char *sock, struct sshsig_pubkey *keys,
	    size_t max, size_t *n, int timeout_ms, char *err, size_t errlen);

/*
 * Have the agent sign msg under namespace ns with key: an SSHSIG blob
 * (sshsig.h) into out, *outn its length. 0, or -1 and err (the agent
 * refused, does not hold the key, did not answer in time).
 */
int	sshagent_sign(const char *sock, const struct sshsig_pubkey *key,
	    const char *ns, const void *msg, size_t len, uint8_t *out,
	    size_t outlen, size_t *outn, int timeout_ms, char *err,
	    size_t errlen);

#endif
