/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * server-timer.c: timers on lws's sorted-usec-list (so lws_service wakes
 * for them), and the one the server keeps itself: refused connections are
 * logged as one line, then summed up every SERVER_LOG_EVERY_MS while they
 * go on. It calls nothing else of the server's, so server.c and
 * server-conn.c both depend on it and not on each other both ways.
 */
#include "config.h"

#include <stdio.h>

#include <libwebsockets.h>

#include "server-priv.h"

/* Timer: say how many connections were refused since the last line. */
static void
server_reflog_due(void *arg)
{
	struct server	*srv = arg;

	if (srv->refused_unlogged == 0) {
		srv->reflog_armed = 0;
		return;
	}
	fprintf(stderr, "fohd: warning: server: %llu more connections refused "
	    "in the last %d s (cap %u, %llu open; %llu refused in all)\n",
	    (unsigned long long)srv->refused_unlogged,
	    SERVER_LOG_EVERY_MS / 1000, srv->max_conns,
	    (unsigned long long)srv->stats.conns,
	    (unsigned long long)(srv->stats.conns_refused +
	    srv->stats.ws_refused));
	srv->refused_unlogged = 0;
	server_timer(srv, &srv->reflog, SERVER_LOG_EVERY_MS, server_reflog_due,
	    srv);
}

/* A connection was refused: log the first, sum up the rest. */
void
server_note_refusal(struct server *srv, const char *why)
{
	if (srv->reflog_armed) {
		srv->refused_unlogged++;
		return;
	}
	fprintf(stderr, "fohd: warning: server: connection refused: %s (cap "
	    "%u, %llu open); further refusals are summed up every %d s\n",
	    why, srv->max_conns, (unsigned long long)srv->stats.conns,
	    SERVER_LOG_EVERY_MS / 1000);
	srv->reflog_armed = 1;
	server_timer(srv, &srv->reflog, SERVER_LOG_EVERY_MS, server_reflog_due,
	    srv);
}

/* A timer is due: call its owner. */
static void
server_timer_fire(lws_sorted_usec_list_t *sul)
{
	struct server_timer	*t;

	t = lws_container_of(sul, struct server_timer, sul);
	t->cb(t->arg);
}

/* Arm (or re-arm) a one-shot timer. */
void
server_timer(struct server *srv, struct server_timer *t, uint64_t delay_ms,
    void (*cb)(void *), void *arg)
{
	t->cb = cb;
	t->arg = arg;
	lws_sul_schedule(srv->ctx, 0, &t->sul, server_timer_fire,
	    (lws_usec_t)delay_ms * LWS_US_PER_MS);
}
