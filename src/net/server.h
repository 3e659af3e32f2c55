/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * server.h: fohd's event loop: one libwebsockets context that serves the
 * WebSocket ingest (/ingest), /healthz and /metrics, wakes timers and
 * watches foreign descriptors (nng's NNG_OPT_RECVFD, signal pipes).
 *
 * Everything runs inside server_run on the caller's thread; every hook and
 * callback is called from there. There is no thread of its own.
 *
 * Authentication: unless loopback_only, a WebSocket upgrade on /ingest needs
 * "Authorization: Bearer <token>" with one of the configured tokens, or it
 * is refused with HTTP 401. GET /healthz and GET /metrics need no token:
 * they hold counters and health, never readings.
 *
 * Hostile peers: an upgrade may only bind the "foh-ingest" subprotocol (or
 * none); connections are capped (max_conns, a share kept for HTTP) and
 * closed after idle_timeout without a request or message. See server.c.
 */
#ifndef FOH_SERVER_H
#define FOH_SERVER_H

#include <stddef.h>
#include <stdint.h>

#include <libwebsockets.h>

#define SERVER_HTTP_MAX		262144	/* bytes of a /healthz, /metrics body:
					   /metrics at 128 zones, 64 devices */
#define SERVER_REPLY_MAX	16384	/* bytes of one ingest answer */
#define SERVER_WATCH_MAX	16	/* descriptors server_watch takes */
#define SERVER_MAX_FRAME	65536	/* default bytes in one message */
#define SERVER_IDLE_MS		60000	/* default idle timeout */
#define SERVER_CONNS_MAX	4096	/* default max_conns at most */

struct server;

struct server_stats {
	uint64_t	connections;	/* WebSocket connections accepted */
	uint64_t	open;		/* of which open now */
	uint64_t	frames;		/* whole messages (oversized too) */
	uint64_t	auth_refused;	/* upgrades refused: no good token */
	uint64_t	proto_refused;	/* upgrades refused: subprotocol not
					   foh-ingest */
	uint64_t	oversized;	/* messages over max_frame, discarded */
	uint64_t	http_requests;	/* plain HTTP requests answered */
	uint64_t	queued;		/* answers waiting to be written now */
	uint64_t	conns;		/* HTTP and WebSocket connections open
					   now (gauge) */
	uint64_t	conns_refused;	/* closed at accept: at max_conns */
	uint64_t	ws_refused;	/* upgrades refused (503): WebSockets
					   at their share of max_conns */
	uint64_t	idle_closed;	/* closed after idle_timeout */
	uint32_t	max_conns;	/* the cap in force */
};

struct server_hooks {
	void	*arg;		/* passed to every hook */
	/*
	 * A whole WebSocket message (text or binary) on /ingest: write the
	 * answer (JSON text) into reply, return its length. Every message
	 * gets exactly one answer; 0 sends an empty one. msg is not
	 * NUL-terminated and is the server's until the hook returns.
	 */
	size_t	(*ingest)(void *arg, const char *msg, size_t len, char *reply,
		    size_t replylen);
	/*
	 * Bodies of GET /healthz (application/json) and GET /metrics
	 * (text/plain; version=0.0.4): write into buf (SERVER_HTTP_MAX
	 * bytes), return the length. NULL hooks answer 404.
	 */
	size_t	(*healthz)(void *arg, char *buf, size_t len);
	size_t	(*metrics)(void *arg, char *buf, size_t len);
};

struct server_opts {
	/*
	 * "ADDR:PORT": an IPv4 address ("127.0.0.1:7680", "0.0.0.0:7680"),
	 * "localhost:PORT" or a bracketed IPv6 one ("[::1]:7680"). Port 0
	 * picks a free port (see server_port). NULL or "" for no listener:
	 * only the loop, timers and watched descriptors.
	 */
	const char	*listen;
	/* No token needed; listen must then be a loopback address. */
	int		 loopback_only;
	const char	*const *tokens;	/* accepted bearer tokens (copied) */
	unsigned	 ntokens;
	uint32_t	 max_frame;	/* bytes in one message; 0 = 65536 */
	/*
	 * Connections (HTTP and WebSocket) open at once; one more is closed
	 * as soon as it is accepted. WebSockets may take all but a reserve
	 * of max_conns / 16 (at least 2), kept for /healthz and /metrics.
	 * 0: from the descriptor limit, RLIMIT_NOFILE less a quarter (at
	 * least 64) for fohd's other descriptors, at most SERVER_CONNS_MAX.
	 */
	uint32_t	 max_conns;
	/*
	 * A connection that sends nothing for this long is closed: between
	 * HTTP requests and between WebSocket messages (pings do not count);
	 * before its first request it has 10 s, or this if shorter. 0 =
	 * SERVER_IDLE_MS.
	 */
	uint32_t	 idle_timeout_ms;
};

/*
 * A one-shot timer, owned by the caller. Zero it (static storage, calloc
 * or memset) before its first server_timer; after that it may be re-armed
 * at any time, from its own callback too. It must outlive its last firing
 * or server_close.
 */
struct server_timer {
	lws_sorted_usec_list_t	 sul;	/* first: the loop finds us from it */
	void			(*cb)(void *);
	void			*arg;
};

/*
 * Open the loop and, if opts->listen is set, the listener. opts and hooks
 * are copied. Returns NULL and fills err on a bad address, a non-loopback
 * address with loopback_only, no tokens without loopback_only, a port
 * that cannot be bound, or a max_conns the descriptor limit cannot hold.
 */
struct server	*server_open(const struct server_opts *,
		     const struct server_hooks *, char *err, size_t errlen);

/*
 * Call cb(arg) whenever fd is readable (level-triggered: cb must drain or
 * it is called again). The server polls a dup(2) of fd and closes only
 * that dup: fd stays the caller's. The dup shares fd's file status flags.
 * Up to SERVER_WATCH_MAX descriptors; returns 0 or -1.
 */
int		 server_watch(struct server *, int fd, void (*cb)(void *),
		     void *arg);

/* Call cb(arg) once, delay_ms from now; re-arming replaces the delay. */
void		 server_timer(struct server *, struct server_timer *,
		     uint64_t delay_ms, void (*cb)(void *), void *arg);

/*
 * Serve until server_stop (also if it was called before). Returns 0, or -1
 * if libwebsockets failed.
 */
int		 server_run(struct server *);

/* Make server_run return once the current callback is done. */
void		 server_stop(struct server *);

/* Close every connection and the listener, and free the server. */
void		 server_close(struct server *);

/*
 * Replace the accepted bearer tokens (copied), e.g. on SIGHUP; connections
 * already open stay. Returns 0, or -1 out of memory with the old tokens
 * kept.
 */
int		 server_tokens(struct server *, const char *const *tokens,
		     unsigned ntokens);

/* Counters, for logs, /healthz and /metrics. */
const struct server_stats *server_stats(const struct server *);

/* The port bound (useful with port 0), or 0 without a listener. */
uint16_t	 server_port(const struct server *);

#endif
