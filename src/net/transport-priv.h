/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * transport-priv.h: what transport.c (the sockets) takes from
 * transport-tls.c (their TLS); transport.h is the module's public face.
 */
#ifndef FOH_TRANSPORT_PRIV_H
#define FOH_TRANSPORT_PRIV_H

#include <stddef.h>

#include <nng/nng.h>

#include "transport.h"

/*
 * Give listener l (not started) on url its TLS configuration from tls when
 * url is a TLS URL; nothing for any other. 0, or an nng error code with
 * err saying why (a file and what is wrong with it) without the URL.
 */
int	transport_tls_listener(nng_listener l, const char *url,
	    const struct transport_tls *tls, char *err, size_t errlen);

/* The same for dialer d (not started): the server's name checked too. */
int	transport_tls_dialer(nng_dialer d, const char *url,
	    const struct transport_tls *tls, char *err, size_t errlen);

#endif
