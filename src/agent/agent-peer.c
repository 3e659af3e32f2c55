/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-peer.c: who is on the other end of each control pipe, noted when
 * the pipe opens. A request is judged by the peer it came from; reading
 * that from the pipe when the request is served is too late when the
 * client has already hung up (nng keeps the request, but the closed pipe
 * answers no option), and a request must never pass for an in-process one
 * because its pipe is gone. So the agent keeps what each pipe was for a
 * while after it closes, and a peer it cannot tell at all is taken as the
 * least trusted, tcp.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/text.h"
#include "agent-priv.h"

#define AGENT_PEER_KEEP_MS	60000	/* a closed pipe's entry, kept */

/* What pipe p is: its kind, uid (ipc; else -1) and words; -1 if unknown. */
static int
agent_peer_describe(nng_pipe p, enum vconf_peer *kind, int *uid, char *text,
    size_t len)
{
	nng_sockaddr	sa;
	uint64_t	u;
	const uint8_t	*b;
	char		six[INET6_ADDRSTRLEN];

	*uid = -1;
	if (nng_pipe_get_uint64(p, NNG_OPT_IPC_PEER_UID, &u) == 0) {
		*uid = (int)u;
		snprintf(text, len, "ipc uid %d", *uid);
		*kind = VCONF_PEER_IPC;
		return (0);
	}
	if (nng_pipe_get_addr(p, NNG_OPT_REMADDR, &sa) != 0)
		return (-1);
	*kind = VCONF_PEER_TCP;
	b = (const uint8_t *)&sa.s_in.sa_addr;
	if (sa.s_family == NNG_AF_INET)
		snprintf(text, len, "tcp %u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	else if (sa.s_family == NNG_AF_INET6 && inet_ntop(AF_INET6,
	    sa.s_in6.sa_addr, six, sizeof(six)) != NULL)
		snprintf(text, len, "tcp %.43s", six);
	else if (sa.s_family == NNG_AF_INET6)
		snprintf(text, len, "tcp ipv6");
	else if (sa.s_family == NNG_AF_INPROC) {
		snprintf(text, len, "inproc");
		*kind = VCONF_PEER_INPROC;
	} else
		return (-1);
	return (0);
}

/* Forget entries of pipes closed long enough ago. Called locked. */
static void
agent_peer_purge(struct agent *a, uint64_t now)
{
	size_t	i = 0;

	while (i < a->npeers) {
		if (a->peers[i].gone_ms != 0 &&
		    now - a->peers[i].gone_ms > AGENT_PEER_KEEP_MS)
			a->peers[i] = a->peers[--a->npeers];
		else
			i++;
	}
}

/* Pipe callback of the control socket: note a pipe's peer, or its end. */
void
agent_peer_event(nng_pipe p, nng_pipe_ev ev, void *arg)
{
	struct agent		*a = arg;
	struct agent_peer	 e, *n;
	uint64_t		 now = clock_mono_ns() / 1000000;
	size_t			 i;

	memset(&e, 0, sizeof(e));
	e.id = (uint32_t)nng_pipe_id(p);
	if (ev == NNG_PIPE_EV_ADD_POST && agent_peer_describe(p, &e.kind,
	    &e.uid, e.text, sizeof(e.text)) != 0)
		return;		/* gone already: served as unknown */
	pthread_mutex_lock(&a->peers_mtx);
	if (ev == NNG_PIPE_EV_REM_POST) {
		for (i = 0; i < a->npeers; i++)
			if (a->peers[i].id == e.id && a->peers[i].gone_ms == 0)
				a->peers[i].gone_ms = now != 0 ? now : 1;
	} else if (ev == NNG_PIPE_EV_ADD_POST) {
		agent_peer_purge(a, now);
		if (a->npeers == a->apeers) {
			n = reallocarray(a->peers, a->apeers ? a->apeers * 2 :
			    16, sizeof(*n));
			if (n != NULL) {
				a->peers = n;
				a->apeers = a->apeers ? a->apeers * 2 : 16;
			}
		}
		if (a->npeers < a->apeers)	/* else: served as unknown */
			a->peers[a->npeers++] = e;
	}
	pthread_mutex_unlock(&a->peers_mtx);
}

/* The peer req came from, into a->peer and *uid; tcp if unknown. */
enum vconf_peer
agent_peer_of(struct agent *a, nng_msg *req, int *uid)
{
	nng_pipe	p = nng_msg_get_pipe(req);
	uint32_t	id = (uint32_t)nng_pipe_id(p);
	enum vconf_peer	kind;
	size_t		i;

	pthread_mutex_lock(&a->peers_mtx);
	for (i = 0; i < a->npeers; i++) {
		if (a->peers[i].id == id) {
			kind = a->peers[i].kind;
			*uid = a->peers[i].uid;
			text_copy(a->peer, sizeof(a->peer), a->peers[i].text);
			pthread_mutex_unlock(&a->peers_mtx);
			return (kind);
		}
	}
	pthread_mutex_unlock(&a->peers_mtx);
	if (agent_peer_describe(p, &kind, uid, a->peer, sizeof(a->peer)) == 0)
		return (kind);
	*uid = -1;
	snprintf(a->peer, sizeof(a->peer), "unknown (pipe %u gone)", id);
	return (VCONF_PEER_TCP);
}

/* Free the table (the control socket closed: no callback runs). */
void
agent_peer_fini(struct agent *a)
{
	free(a->peers);
	a->peers = NULL;
	a->npeers = a->apeers = 0;
	pthread_mutex_destroy(&a->peers_mtx);
}
