/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * natsconn.h: what fohd and the console share to reach a NATS server
 * (PROTOCOL.md 14): the URL forms, the connection options (TLS from a
 * struct transport_tls, reconnecting forever), and the subject names.
 *
 * URLs: nats://[USER:PASS@]HOST:PORT[/VENUE], or tls://... for TLS (the
 * server's certificate checked against the CA, its name against HOST; a
 * client certificate when cert and key are given, for verify_and_map).
 * fohd's [nats] url has no VENUE; a console's venue URL must have one.
 */
#ifndef FOH_NATSCONN_H
#define FOH_NATSCONN_H

#include <stddef.h>

#include <nats/nats.h>

#include "proto/foh-proto.h"
#include "transport.h"

#define NATSCONN_URL_MAX	256
#define NATSCONN_SUBJECT_MAX	(4 + FOHP_ID_MAX + 1 + 16 + 1)

struct natsconn_url {
	char	server[NATSCONN_URL_MAX];	/* nats://[u:p@]HOST:PORT, for
						   the client library */
	char	venue[FOHP_ID_MAX];		/* "" when none was given */
	int	tls;				/* tls:// */
};

/* Is url a NATS URL (nats:// or tls://)? 1 or 0. */
int	natsconn_is_url(const char *url);

/*
 * Split url into out: 0, or -1 with err naming what is wrong (scheme, no
 * port, a venue that is not a venue id, ...).
 */
int	natsconn_parse(const char *url, struct natsconn_url *out, char *err,
	    size_t errlen);

/*
 * Start the client library once per process (thread-safe; later calls do
 * nothing): 0, or -1 with err.
 */
int	natsconn_init(char *err, size_t errlen);

/*
 * New client options for u: its server, name (shown by the server's
 * monitoring), TLS from tls when u->tls (ca required; cert and key
 * optional), reconnecting forever (every 250 ms to 2 s, jittered) and
 * retrying the first connect in the background too. The caller adds its
 * handlers and frees them with natsOptions_Destroy. 0, or -1 with err
 * naming the file or setting at fault.
 */
int	natsconn_options(natsOptions **out, const struct natsconn_url *u,
	    const struct transport_tls *tls, const char *name, char *err,
	    size_t errlen);

/* The subject of venue's kind ("zone", ..., or "ctl") into out. */
void	natsconn_subject(char *out, size_t len, const char *venue,
	    const char *kind);

/* The library's words for s (natsStatus_GetText). */
const char *natsconn_error(natsStatus s);

#endif
