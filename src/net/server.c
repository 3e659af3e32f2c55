/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * server.c: fohd's event loop on libwebsockets.
 *
 * One lws context, one vhost. The vhost carries three protocols that share
 * one callback, server_callback (server-conn.c, with all that happens on
 * a connection): "http" (GET /healthz, GET /metrics), "foh-ingest" (the
 * WebSocket ingest, marked "default" so that clients sending no
 * subprotocol land on it) and "foh-watch" (raw file descriptors adopted
 * from the caller). Without a listener the vhost still exists, with
 * no port, so descriptors can be adopted.
 *
 * Upgrades are checked in LWS_CALLBACK_HTTP_CONFIRM_UPGRADE, while the
 * headers are still there and an HTTP status can be sent: wrong path 404,
 * missing or wrong bearer token 401. FILTER_PROTOCOL_CONNECTION repeats the
 * token check for upgrades that do not pass there (WebSocket over h2).
 *
 * A message comes in pieces (fragments, and lws's own reads). Pieces are
 * gathered per connection up to max_frame; past it the rest of the message
 * is skipped and answered "oversized". Answers wait in a ring per
 * connection and go out one per SERVER_WRITEABLE. When the ring is full
 * the connection's reads stop (lws_rx_flow_control) until it half drains,
 * so no answer is ever dropped and a fast sender is slowed, not cut.
 *
 * Connections are capped (max_conns, HTTP and WebSocket together): one
 * over the cap is closed in FILTER_NETWORK_CONNECTION, before lws spends
 * anything on it, so the listener never runs into EMFILE (lws 4.1 then
 * spins on the readable listener, logging each failed accept). WebSockets
 * may fill all but a reserve, kept for /healthz and /metrics. Each
 * connection carries an lws wsi timer, re-armed whenever its peer sends a
 * request or a message; when it fires the connection has been idle for
 * idle_timeout (before its first request: SERVER_FIRST_MS, if shorter)
 * and is closed. lws's own limit on a connection holding header space
 * unused is set above that, so ours closes first and counts. Refusals are
 * counted, and logged as one line, then a sum per SERVER_LOG_EVERY_MS
 * while they go on.
 *
 * Descriptors are adopted as raw files. lws closes what it adopted when the
 * wsi or the context goes, so it is given a dup(2): the caller's descriptor
 * (nng owns its own) is never closed here. Timers are lws sorted-usec-list
 * entries (server-timer.c), so lws_service wakes for them; it has no other
 * timeout.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <libwebsockets.h>

#include "server-priv.h"


static const struct lws_protocol_vhost_options server_pvo_default = {
	.next = NULL,
	.options = NULL,
	.name = "default",
	.value = "1"
};

static const struct lws_protocol_vhost_options server_pvo = {
	.next = NULL,
	.options = &server_pvo_default,
	.name = "foh-ingest",
	.value = ""
};

/*
 * Pass lws's warnings and errors to stderr under our name, at most
 * SERVER_LWS_LINES per SERVER_LOG_EVERY_MS; the number left out is said
 * with the next line let through. (lws's emit function has no user
 * pointer, hence the statics; there is one loop per process.)
 */
static void
server_log(int level, const char *line)
{
	static uint64_t	 window_ms, suppressed;
	static unsigned	 lines;
	struct timespec	 ts;
	uint64_t	 now;
	size_t		 len = strlen(line);

	(void)level;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	if (window_ms == 0 || now - window_ms >= SERVER_LOG_EVERY_MS) {
		if (suppressed > 0)
			fprintf(stderr, "fohd: lws: %llu more lines left out in "
			    "%d s\n", (unsigned long long)suppressed,
			    SERVER_LOG_EVERY_MS / 1000);
		window_ms = now;
		lines = 0;
		suppressed = 0;
	}
	if (lines++ >= SERVER_LWS_LINES) {
		suppressed++;
		return;
	}
	fprintf(stderr, "fohd: lws: %s%s", line,
	    (len == 0 || line[len - 1] != '\n') ? "\n" : "");
}

/*
 * The connection cap: want, or from RLIMIT_NOFILE if 0. Fills err and
 * returns -1 if the descriptor limit cannot hold want (or any).
 */
static int
server_conn_cap(uint32_t want, uint32_t *cap, char *err, size_t errlen)
{
	struct rlimit	rl;
	uint64_t	lim = 65536, reserve, room;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		lim = (uint64_t)rl.rlim_cur;
	reserve = lim / 4 < 64 ? 64 : lim / 4;
	room = lim > reserve ? lim - reserve : 0;
	if (want == 0)
		want = room > SERVER_CONNS_MAX ? SERVER_CONNS_MAX :
		    (uint32_t)room;
	if (want < 4 || want > room) {
		snprintf(err, errlen, "max_conns %u: the descriptor limit "
		    "(ulimit -n) is %llu, of which %llu are kept for fohd's own "
		    "sockets and files, so at most %llu (and at least 4) "
		    "connections fit", want, (unsigned long long)lim,
		    (unsigned long long)reserve, (unsigned long long)room);
		return (-1);
	}
	*cap = want;
	return (0);
}

/*
 * Can ADDR:PORT be bound? lws 4.1 takes an address that is not on this host
 * as an interface still to come: it logs, retries and creates the vhost
 * anyway. Bind once ourselves to say why now.
 */
static int
server_probe_listen(const char *listen, const struct sockaddr *sa,
    socklen_t salen, char *err, size_t errlen)
{
	int	fd, on = 1;

	if ((fd = socket(sa->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
	    bind(fd, sa, salen) != 0) {
		snprintf(err, errlen, "listen %s: %s", listen, strerror(errno));
		if (fd != -1)
			close(fd);
		return (-1);
	}
	close(fd);
	return (0);
}

/*
 * Split "ADDR:PORT" into what lws wants and check it can be bound; fill err
 * and return -1 if not.
 */
static int
server_parse_listen(const char *listen, int loopback_only, char *iface,
    size_t ifacelen, int *port, int *v6, char *err, size_t errlen)
{
	struct sockaddr_in	 sin;
	struct sockaddr_in6	 sin6;
	struct sockaddr		*sa;
	socklen_t		 salen;
	const char		*colon, *addr;
	char			 host[INET6_ADDRSTRLEN + 2], *end;
	size_t			 hlen;
	long			 n;
	int			 loopback, any;

	if ((colon = strrchr(listen, ':')) == NULL || colon[1] == '\0') {
		snprintf(err, errlen, "listen %s: want ADDR:PORT", listen);
		return (-1);
	}
	errno = 0;
	n = strtol(colon + 1, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || n > 65535) {
		snprintf(err, errlen, "listen %s: bad port", listen);
		return (-1);
	}
	*port = (int)n;

	addr = listen;
	hlen = (size_t)(colon - listen);
	if (hlen >= 2 && addr[0] == '[' && addr[hlen - 1] == ']') {
		addr++;
		hlen -= 2;
	}
	if (hlen == 0 || hlen >= sizeof(host)) {
		snprintf(err, errlen, "listen %s: bad address", listen);
		return (-1);
	}
	memcpy(host, addr, hlen);
	host[hlen] = '\0';
	if (strcmp(host, "localhost") == 0)
		strcpy(host, "127.0.0.1");

	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	if (inet_pton(AF_INET, host, &sin.sin_addr) == 1) {
		*v6 = 0;
		sin.sin_family = AF_INET;
		sin.sin_port = htons((uint16_t)n);
		loopback = (ntohl(sin.sin_addr.s_addr) >> 24) == 127;
		any = sin.sin_addr.s_addr == htonl(INADDR_ANY);
		sa = (struct sockaddr *)&sin;
		salen = sizeof(sin);
	} else if (inet_pton(AF_INET6, host, &sin6.sin6_addr) == 1) {
		*v6 = 1;
		sin6.sin6_family = AF_INET6;
		sin6.sin6_port = htons((uint16_t)n);
		loopback = IN6_IS_ADDR_LOOPBACK(&sin6.sin6_addr);
		any = IN6_IS_ADDR_UNSPECIFIED(&sin6.sin6_addr);
		sa = (struct sockaddr *)&sin6;
		salen = sizeof(sin6);
	} else {
		snprintf(err, errlen, "listen %s: not an IP address (host "
		    "names other than localhost are not looked up)", listen);
		return (-1);
	}
	if (loopback_only && !loopback) {
		snprintf(err, errlen, "listen %s: loopback_only serves without "
		    "a token, so it must listen on a loopback address "
		    "(127.0.0.1, [::1]); set tokens to listen elsewhere",
		    listen);
		return (-1);
	}
	if (server_probe_listen(listen, sa, salen, err, errlen) != 0)
		return (-1);
	if (any)
		*iface = '\0';
	else
		snprintf(iface, ifacelen, "%s", host);
	return (0);
}

/* Free a token list. */
static void
server_free_tokens(char **tokens, size_t *toklens, unsigned ntokens)
{
	unsigned	i;

	for (i = 0; i < ntokens; i++)
		free(tokens[i]);
	free(tokens);
	free(toklens);
}

/* Replace the accepted tokens with copies of the given ones. */
int
server_tokens(struct server *srv, const char *const *tokens,
    unsigned ntokens)
{
	char		**copy = NULL;
	size_t		 *lens = NULL;
	unsigned	  i;

	if (ntokens > 0) {
		copy = calloc(ntokens, sizeof(*copy));
		lens = calloc(ntokens, sizeof(*lens));
		if (copy == NULL || lens == NULL) {
			free(copy);
			free(lens);
			return (-1);
		}
	}
	for (i = 0; i < ntokens; i++) {
		if ((copy[i] = strdup(tokens[i])) == NULL) {
			server_free_tokens(copy, lens, i);
			return (-1);
		}
		lens[i] = strlen(copy[i]);
	}
	server_free_tokens(srv->tokens, srv->toklens, srv->ntokens);
	srv->tokens = copy;
	srv->toklens = lens;
	srv->ntokens = ntokens;
	return (0);
}

/* Free the server's own memory (not the lws context). */
static void
server_free(struct server *srv)
{
	server_free_tokens(srv->tokens, srv->toklens, srv->ntokens);
	free(srv);
}

/* Open the loop and, if asked, the listener. */
struct server *
server_open(const struct server_opts *opts, const struct server_hooks *hooks,
    char *err, size_t errlen)
{
	struct lws_context_creation_info	 info;
	struct server				*srv;
	char					 iface[INET6_ADDRSTRLEN];
	int					 port = 0, v6 = 0, listening;

	listening = opts->listen != NULL && opts->listen[0] != '\0';
	if (listening && server_parse_listen(opts->listen,
	    opts->loopback_only, iface, sizeof(iface), &port, &v6, err,
	    errlen) != 0)
		return (NULL);
	if (listening && !opts->loopback_only && opts->ntokens == 0) {
		snprintf(err, errlen, "listen %s: no tokens: give at least one "
		    "bearer token, or serve loopback_only", opts->listen);
		return (NULL);
	}

	if ((srv = calloc(1, sizeof(*srv))) == NULL ||
	    server_tokens(srv, opts->tokens, opts->ntokens) != 0) {
		snprintf(err, errlen, "server: out of memory");
		if (srv != NULL)
			server_free(srv);
		return (NULL);
	}
	srv->hooks = *hooks;
	srv->loopback_only = opts->loopback_only;
	srv->max_frame = opts->max_frame != 0 ? opts->max_frame :
	    SERVER_MAX_FRAME;
	if (server_conn_cap(opts->max_conns, &srv->max_conns, err,
	    errlen) != 0) {
		server_free(srv);
		return (NULL);
	}
	srv->stats.max_conns = srv->max_conns;
	srv->max_ws = srv->max_conns - (srv->max_conns / 16 < 2 ? 2 :
	    srv->max_conns / 16);
	srv->idle_us = (lws_usec_t)(opts->idle_timeout_ms != 0 ?
	    opts->idle_timeout_ms : SERVER_IDLE_MS) * LWS_US_PER_MS;
	srv->first_us = (lws_usec_t)SERVER_FIRST_MS * LWS_US_PER_MS;
	if (srv->first_us > srv->idle_us)
		srv->first_us = srv->idle_us;

	lws_set_log_level(LLL_ERR | LLL_WARN, server_log);

	memset(&info, 0, sizeof(info));
	info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS;
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.user = srv;
	info.gid = (gid_t)-1;
	info.uid = (uid_t)-1;
	if ((srv->ctx = lws_create_context(&info)) == NULL) {
		snprintf(err, errlen, "server: cannot create lws context");
		server_free(srv);
		return (NULL);
	}

	memset(&info, 0, sizeof(info));
	info.vhost_name = "fohd";
	info.protocols = server_protocols;
	info.pvo = &server_pvo;
	/* Our timer closes (and counts) a silent connection before lws. */
	info.timeout_secs_ah_idle = SERVER_FIRST_MS / 1000 + 5;
	info.gid = (gid_t)-1;
	info.uid = (uid_t)-1;
	if (listening) {
		info.port = port;
		info.iface = iface[0] != '\0' ? iface : NULL;
		if (!v6)
			info.options |= LWS_SERVER_OPTION_DISABLE_IPV6;
	} else
		info.port = CONTEXT_PORT_NO_LISTEN_SERVER;
	if ((srv->vh = lws_create_vhost(srv->ctx, &info)) == NULL) {
		if (listening)
			snprintf(err, errlen, "listen %s: cannot listen "
			    "(address in use, or not on this host?)",
			    opts->listen);
		else
			snprintf(err, errlen, "server: cannot create vhost");
		lws_context_destroy(srv->ctx);
		server_free(srv);
		return (NULL);
	}
	if (listening) {
		if ((port = lws_get_vhost_listen_port(srv->vh)) <= 0 ||
		    port > 65535) {
			snprintf(err, errlen, "listen %s: lws bound no port",
			    opts->listen);
			server_close(srv);
			return (NULL);
		}
		srv->port = (uint16_t)port;
	}
	return (srv);
}

/* Close every connection and descriptor dup, then free the server. */
void
server_close(struct server *srv)
{
	if (srv == NULL)
		return;
	lws_context_destroy(srv->ctx);
	server_free(srv);
}

/* Serve until server_stop. */
int
server_run(struct server *srv)
{
	int	rv = 0;

	while (!srv->stopping) {
		/* 4.1 waits for the next event or timer whatever we pass. */
		if (lws_service(srv->ctx, 0) < 0) {
			rv = -1;
			break;
		}
	}
	srv->stopping = 0;
	return (rv);
}

/* Ask server_run to return; wake the poll in case we are not inside it. */
void
server_stop(struct server *srv)
{
	srv->stopping = 1;
	lws_cancel_service(srv->ctx);
}

/* Counters. */
const struct server_stats *
server_stats(const struct server *srv)
{
	return (&srv->stats);
}

/* The bound port. */
uint16_t
server_port(const struct server *srv)
{
	return (srv->port);
}

/* Watch fd: adopt a dup of it as a raw file into the loop. */
int
server_watch(struct server *srv, int fd, void (*cb)(void *), void *arg)
{
	struct server_watch	*w;
	lws_adopt_desc_t	 desc;
	int			 dupfd;

	if (srv->nwatches == SERVER_WATCH_MAX)
		return (-1);
	if ((dupfd = fcntl(fd, F_DUPFD_CLOEXEC, 0)) == -1)
		return (-1);
	w = &srv->watches[srv->nwatches];
	w->srv = srv;
	w->fd = fd;
	w->cb = cb;
	w->arg = arg;

	memset(&desc, 0, sizeof(desc));
	desc.vh = srv->vh;
	desc.type = LWS_ADOPT_RAW_FILE_DESC;
	desc.fd.filefd = dupfd;
	desc.vh_prot_name = "foh-watch";
	desc.opaque = w;
	/* On failure lws has closed dupfd already. */
	if ((w->wsi = lws_adopt_descriptor_vhost_via_info(&desc)) == NULL)
		return (-1);
	srv->nwatches++;
	return (0);
}
