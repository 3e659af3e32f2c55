/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * server-priv.h: what the server's files share (server.c: the context,
 * its listener and watched descriptors; server-conn.c: each connection and
 * the callback lws calls for it; server-timer.c: timers and the refusal
 * log). Nothing outside them includes it.
 */
#ifndef FOH_SERVER_PRIV_H
#define FOH_SERVER_PRIV_H

#include <libwebsockets.h>

#include "server.h"

#define SERVER_RING	16	/* answers waiting per connection */
#define SERVER_AUTH_MAX	512	/* bytes of an Authorization header */
#define SERVER_URI_MAX	256	/* bytes of a request path we look at */
#define SERVER_LOG_EVERY_MS 10000	/* refusals summed up this often */
#define SERVER_LWS_LINES 10	/* lws log lines per SERVER_LOG_EVERY_MS */
#define SERVER_FIRST_MS	10000	/* for the first request, at most */

/* One answer waiting to be written; buf has LWS_PRE bytes of headroom. */
struct server_reply {
	unsigned char	*buf;
	size_t		 len;
};

/* Per-connection state (lws's per-session data, zeroed by lws). */
struct server_conn {
	/* WebSocket. */
	int			 established;
	struct server_reply	 ring[SERVER_RING];
	unsigned		 head;
	unsigned		 count;
	int			 throttled;	/* reads stopped: ring full */
	char			*msg;		/* message gathered so far */
	size_t			 msglen;
	size_t			 msgsize;
	int			 discard;	/* over max_frame: skip rest */

	/* HTTP. */
	unsigned char		*body;		/* LWS_PRE headroom */
	size_t			 bodylen;
	int			 close_after;	/* not GET: hang up after */
};

/* A watched descriptor. */
struct server_watch {
	struct server	*srv;
	int		 fd;		/* the caller's */
	struct lws	*wsi;		/* lws's wsi for our dup of it */
	void		(*cb)(void *);
	void		*arg;
};

struct server {
	struct lws_context	*ctx;
	struct lws_vhost	*vh;
	struct server_hooks	 hooks;
	char			**tokens;
	size_t			*toklens;
	unsigned		 ntokens;
	int			 loopback_only;
	size_t			 max_frame;
	volatile int		 stopping;
	uint16_t		 port;
	uint32_t		 max_conns;	/* HTTP + WebSocket */
	uint32_t		 max_ws;	/* WebSocket, < max_conns */
	lws_usec_t		 idle_us;
	lws_usec_t		 first_us;	/* till the first request */
	struct server_timer	 reflog;	/* sums refusals up */
	int			 reflog_armed;
	uint64_t		 refused_unlogged;
	struct server_stats	 stats;
	struct server_watch	 watches[SERVER_WATCH_MAX];
	unsigned		 nwatches;
	char			 reply[SERVER_REPLY_MAX];
};

/*
 * The vhost's protocols. A WebSocket client may ask for any of these by
 * name (Sec-WebSocket-Protocol), so every entry has the same per-session
 * data and callback, and only SERVER_PROTO_INGEST may become a WebSocket
 * connection: an upgrade naming another is refused with 400 before lws
 * binds it, and server_callback drops one that gets through anyway.
 */
enum {
	SERVER_PROTO_HTTP = 0,
	SERVER_PROTO_INGEST,
	SERVER_PROTO_WATCH,
	SERVER_PROTO_COUNT
};

extern const struct lws_protocols server_protocols[];

/* server-timer.c */
void	server_note_refusal(struct server *, const char *why);

/* server-conn.c: lws's callback for every protocol of the vhost. */
int	server_callback(struct lws *, enum lws_callback_reasons, void *,
	    void *, size_t);

#endif
