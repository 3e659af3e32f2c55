/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fohd.c: the venue agent's program.
 *
 * One thread runs everything through the server's event loop (src/server.c,
 * on libwebsockets): WebSocket frames on /ingest and GET /healthz and
 * /metrics, the agent's control socket and the nng PULL socket (watched
 * descriptors), the agent's ticks and heartbeats (timers), and signals
 * (a self-pipe, watched like any other descriptor). Readings are parsed and
 * applied as they arrive, so what they change is published at once.
 *
 * SIGHUP re-reads the config file: a config that does not load is refused,
 * with file:line, and the running one kept; a good one is handed to the
 * agent, whose sockets, subscribers and NATS link (agent-nats.h: its own
 * thread, its control requests a watched descriptor) stay as they are.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include <nng/nng.h>

#include "agent/agent.h"
#include "agent/agent-nats.h"
#include "lib/cfg.h"
#include "lib/clock.h"
#include "lib/text.h"
#include "agent/ingest.h"
#include "agent/journal.h"
#include "agent/metrics.h"
#include "agent/replay.h"
#include "net/server.h"
#include "net/transport.h"
#include "core/vconf.h"
#include "fohd.h"

struct fohd {
	const char		*path;		/* config file */
	struct vconf		 conf;
	struct vconf		 next;		/* SIGHUP scratch */
	struct agent		*agent;
	struct server		*server;
	struct server_timer	 timer;
	nng_socket		 pull;
	struct transport_receiver pull_rx;
	int			 has_pull;
	struct transport_cap	 pull_cap;	/* its pipes; cb fohd_pull_pipe */
	/* Who may push: loopback and local transports, and pull_allow as
	 * it was at start (read on nng's threads, so never changed after). */
	struct vconf_cidr	 pull_allow[VCONF_ALLOW_MAX];
	unsigned		 npull_allow;
	uint64_t		 pull_refused;	/* atomic: nng's threads */
	uint64_t		 pull_logged;	/* pull_refused at last log */
	uint64_t		 pull_log_ms;	/* atomic: when last logged */
	uint64_t		 failed_logged[TRANSPORT_WHICH_COUNT];	/* at
						   the last warning */
	uint64_t		 failed_log_ms;	/* when last looked at */
	msgpack_zone		 zone;		/* PULL decoding */
	struct reading_batch	*batch;
	struct metrics_ingest	 ingest;	/* counters by path/kind */
	struct replay		*replay;
	struct server_timer	 replay_timer;	/* also the drill's */
	struct fohd_drill	*drill;		/* --drill (issue 15), or NULL */
	const char		*tokens[VCONF_TOKENS_MAX];
	int			 sig;		/* last signal */
	struct fohd_mqtt	 mqtt;		/* issue 16: fohd-mqtt.c */
};

#define FOHD_LOG_EVERY_MS	10000	/* refusals logged at most this often */

static int	fohd_sigpipe[2] = { -1, -1 };

/* Print usage to f. */
static void
fohd_usage(FILE *f)
{
	fprintf(f,
	    "usage: fohd [-hV] [-c file] [--stream URL] [--control URL]\n"
	    "            [--replay FILE | --drill FILE [--drill-hold D]] "
	    "[--speed N]\n"
	    "       fohd history [-hV] [-c file] [--format csv|jsonl] "
	    "[--since MS]\n"
	    "       fohd record [-hV] [-c file] [--from T] [--to T] "
	    "[-o FILE]\n"
	    "       fohd report [-hV] [-c file] [--from TIME] [--to TIME] "
	    "[-o file] ...\n"
	    "\n"
	    "  -c, --config FILE   venue config (default " SYSCONFDIR
	    "/foh/fohd.conf)\n"
	    "      --stream URL    listen for subscribers here (overrides "
	    "the config)\n"
	    "      --control URL   answer control requests here (overrides "
	    "the config)\n"
	    "      --replay FILE   feed JSON lines of readings, paced by "
	    "their \"t\"\n"
	    "      --drill FILE    run a drill from FILE (JSON lines, or a "
	    ".scn scenario):\n"
	    "                      all it makes marked drill, live readings "
	    "refused\n"
	    "      --drill-hold D  once FILE ends, exit after D (default 30m; "
	    "0: never)\n"
	    "      --speed N       replay N times faster (default 1)\n"
	    "  history             print the alert audit trail from the "
	    "journal\n"
	    "      --format F      csv (default) or jsonl\n"
	    "      --since MS      only lines from this Unix time in ms on\n"
	    "  record              write the journal's history as JSON lines "
	    "for --drill\n"
	    "  report              write the post-event report (fohd report "
	    "-h)\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\n"
	    "Signals: TERM and INT stop, HUP re-reads the config. "
	    "See fohd(8).\n");
}

/* fohd --version (and fohd history's). */
static void
fohd_version(void)
{
	printf(FOHD_VERSION_LINE, FOHP_VERSION);
}

/* Signal handler: hand the signal to the loop through the pipe. */
static void
fohd_signal(int sig)
{
	int	saved = errno;
	char	c = (char)sig;

	if (write(fohd_sigpipe[1], &c, 1) < 0)
		errno = saved;	/* the pipe is full of signals already */
	errno = saved;
}

/* Install the signal handlers. */
static int
fohd_signals(void)
{
	struct sigaction	sa;

	if (pipe(fohd_sigpipe) != 0)
		return (-1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fohd_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) != 0 ||
	    sigaction(SIGINT, &sa, NULL) != 0 ||
	    sigaction(SIGHUP, &sa, NULL) != 0)
		return (-1);
	signal(SIGPIPE, SIG_IGN);
	return (0);
}

/* Count a batch's outcome for /metrics and apply what was accepted. */
static void
fohd_take(struct fohd *d, enum metrics_path path)
{
	metrics_count(&d->ingest, path, d->batch);
	if (d->batch->n > 0)
		agent_apply(d->agent, d->batch, clock_mono_ms());
}

/* Server hook: one WebSocket message on /ingest. */
static size_t
fohd_ingest_ws(void *arg, const char *msg, size_t len, char *reply,
    size_t replylen)
{
	struct fohd	*d = arg;

	agent_mark_arrival(d->agent, clock_mono_ns());
	if (d->drill != NULL)	/* never the real venue's in a drill */
		fohd_drill_refuse(d->drill, "ws", clock_mono_ms(), d->batch);
	else
		ingest_json(&d->conf, msg, len, clock_wall_ms(), d->batch);
	fohd_take(d, METRICS_PATH_WS);
	agent_mark_arrival(d->agent, 0);
	return (ingest_reply(d->batch, reply, replylen));
}

/* Server hook: GET /healthz. */
static size_t
fohd_healthz(void *arg, char *buf, size_t len)
{
	struct fohd	*d = arg;

	return (metrics_healthz(buf, len, &d->conf, agent_stats(d->agent),
	    server_stats(d->server)));
}

/* Copy the nng listeners' pipe counters into d->ingest for /metrics. */
static void
fohd_pipes_read(struct fohd *d)
{
	const struct transport_cap	*c;
	int				 w;

	for (w = 0; w < TRANSPORT_WHICH_COUNT; w++) {
		c = w == TRANSPORT_PULL ? (d->has_pull ? &d->pull_cap : NULL) :
		    agent_pipe_cap(d->agent, (enum transport_which)w);
		d->ingest.pipes_max[w] = c != NULL ? c->max : 0;
		if (c == NULL)
			continue;
		d->ingest.pipes_open[w] = __atomic_load_n(&c->open,
		    __ATOMIC_RELAXED);
		d->ingest.pipes_refused[w] = __atomic_load_n(&c->refused,
		    __ATOMIC_RELAXED);
		d->ingest.conns_failed[w] = transport_cap_failed(c);
	}
}

/* Every FOHD_LOG_EVERY_MS, warn of connections that failed (nng's counts). */
static void
fohd_failed_log(struct fohd *d, uint64_t now)
{
	const struct transport_cap	*c;
	uint64_t			 n;
	int				 w;

	if (d->failed_log_ms != 0 && now - d->failed_log_ms <
	    FOHD_LOG_EVERY_MS)
		return;
	d->failed_log_ms = now;
	for (w = 0; w < TRANSPORT_WHICH_COUNT; w++) {
		c = w == TRANSPORT_PULL ? (d->has_pull ? &d->pull_cap : NULL) :
		    agent_pipe_cap(d->agent, (enum transport_which)w);
		if (c == NULL || (n = transport_cap_failed(c)) <=
		    d->failed_logged[w])
			continue;
		fprintf(stderr, "fohd: warning: %s: %llu connections failed "
		    "before they were links (%llu in all): %s\n",
		    transport_which_name((enum transport_which)w),
		    (unsigned long long)(n - d->failed_logged[w]),
		    (unsigned long long)n, transport_url_tls(w ==
		    TRANSPORT_STREAM ? d->conf.stream : w == TRANSPORT_CONTROL ?
		    d->conf.control : d->conf.pull) ? "TLS handshakes refused "
		    "or broken: plain tcp:// dials, certificates [tls] does "
		    "not accept" : "wrong SP headers or handshake timeouts");
		d->failed_logged[w] = n;
	}
}

/* Server hook: GET /metrics. */
static size_t
fohd_metrics(void *arg, char *buf, size_t len)
{
	struct fohd	*d = arg;

	d->ingest.pull_refused = __atomic_load_n(&d->pull_refused,
	    __ATOMIC_RELAXED);
	fohd_pipes_read(d);
	return (metrics_render(buf, len, &d->conf, d->agent,
	    server_stats(d->server), &d->ingest));
}

/* Watched: readings waiting on the PULL socket. */
static void
fohd_pull(void *arg)
{
	struct fohd	*d = arg;
	nng_msg		*msg;
	unsigned	 n = 0;

	while (n++ < 256 && transport_receiver_recv(&d->pull_rx, &msg,
	    1) == 0) {
		agent_mark_arrival(d->agent, clock_mono_ns());
		if (d->drill != NULL)
			fohd_drill_refuse(d->drill, "pull", clock_mono_ms(),
			    d->batch);
		else
			ingest_msgpack(&d->conf, nng_msg_body(msg),
			    nng_msg_len(msg), &d->zone, clock_wall_ms(),
			    d->batch);
		nng_msg_free(msg);
		fohd_take(d, METRICS_PATH_PULL);
		agent_mark_arrival(d->agent, 0);
	}
}

/*
 * May this pipe's peer push? Loopback and non-IP transports (ipc, inproc)
 * may; an IP peer only if pull_allow names it. *what gets its address.
 */
static int
fohd_pull_peer_ok(const struct fohd *d, nng_pipe p, char *what, size_t len)
{
	nng_sockaddr	 sa;
	uint8_t		 a[16];
	unsigned	 i;
	int		 family;

	if (nng_pipe_get_addr(p, NNG_OPT_REMADDR, &sa) != 0) {
		snprintf(what, len, "an unknown address");
		return (0);
	}
	switch (sa.s_family) {
	case NNG_AF_INET:
		family = 4;
		memcpy(a, &sa.s_in.sa_addr, 4);
		inet_ntop(AF_INET, a, what, (socklen_t)len);
		if (a[0] == 127)
			return (1);
		break;
	case NNG_AF_INET6:
		family = 6;
		memcpy(a, sa.s_in6.sa_addr, 16);
		inet_ntop(AF_INET6, a, what, (socklen_t)len);
		if (IN6_IS_ADDR_LOOPBACK((struct in6_addr *)(void *)a) ||
		    (IN6_IS_ADDR_V4MAPPED((struct in6_addr *)(void *)a) &&
		    a[12] == 127))
			return (1);
		break;
	default:
		return (1);	/* ipc, inproc: this host's own */
	}
	for (i = 0; i < d->npull_allow; i++) {
		if (vconf_cidr_match(&d->pull_allow[i], family, a))
			return (1);
	}
	return (0);
}

/*
 * nng thread, before a PULL pipe is added: refuse a peer that may not
 * push, count it, and say so at most once per FOHD_LOG_EVERY_MS with the
 * number refused since the last line.
 */
static void
fohd_pull_pipe(nng_pipe p, nng_pipe_ev ev, void *arg)
{
	struct fohd	*d = arg;
	char		 addr[INET6_ADDRSTRLEN + 16];
	uint64_t	 n, now, last;

	if (ev != NNG_PIPE_EV_ADD_PRE || fohd_pull_peer_ok(d, p, addr,
	    sizeof(addr)))
		return;
	nng_pipe_close(p);
	n = __atomic_add_fetch(&d->pull_refused, 1, __ATOMIC_RELAXED);
	now = clock_mono_ns() / 1000000;	/* never frozen, any thread */
	last = __atomic_load_n(&d->pull_log_ms, __ATOMIC_RELAXED);
	if (last != 0 && now - last < FOHD_LOG_EVERY_MS)
		return;
	if (!__atomic_compare_exchange_n(&d->pull_log_ms, &last, now, 0,
	    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		return;
	fprintf(stderr, "fohd: warning: pull: refused a producer from %s: "
	    "not loopback and not in pull_allow (%llu refused in all, %llu "
	    "since the last such line)\n", addr, (unsigned long long)n,
	    (unsigned long long)(n - __atomic_load_n(&d->pull_logged,
	    __ATOMIC_RELAXED)));
	__atomic_store_n(&d->pull_logged, n, __ATOMIC_RELAXED);
}

/* Timer: the agent's ticks and heartbeats; re-armed for the next one. */
static void
fohd_tick(void *arg)
{
	struct fohd	*d = arg;
	uint64_t	 now = clock_mono_ms(), next;

	agent_service(d->agent, now);
	fohd_failed_log(d, now);
	next = agent_next_ms(d->agent);
	server_timer(d->server, &d->timer, next > now ? next - now : 0,
	    fohd_tick, d);
}

/* Watched: a control request waits. */
static void
fohd_control(void *arg)
{
	struct fohd	*d = arg;

	agent_service(d->agent, clock_mono_ms());
}

/*
 * Timer: feed the readings that are due, of the replay or of the drill
 * (issue 15): one file read at its pace either way. At its end a replay
 * is over; a drill holds, then ends fohd (fohd_drill_over).
 */
static void
fohd_feed_due(void *arg)
{
	struct fohd	*d = arg;
	uint64_t	 wait_ms, now = clock_mono_ms(), wall = clock_wall_ms();
	int		 more;

	more = d->drill != NULL ? fohd_drill_feed(d->drill, &d->conf, now,
	    wall, d->batch, &wait_ms) : replay_feed(d->replay, &d->conf, now,
	    wall, d->batch, &wait_ms);
	if (more < 0)
		return;
	if (d->batch->n > 0 || d->batch->rejected > 0)
		fohd_take(d, METRICS_PATH_REPLAY);
	if (more > 0)
		server_timer(d->server, &d->replay_timer, wait_ms,
		    fohd_feed_due, d);
	else if (d->drill == NULL)
		fprintf(stderr, "fohd: info: replay finished: %s\n",
		    replay_summary(d->replay));
	else if ((wait_ms = fohd_drill_finished(d->drill)) > 0)
		server_timer(d->server, &d->replay_timer, wait_ms,
		    fohd_drill_over, d->server);	/* not for ever */
}

/* Re-read the config file on SIGHUP. */
static void
fohd_reload(struct fohd *d)
{
	char		err[512];
	unsigned	i;

	if (vconf_load_file(&d->next, d->path, err, sizeof(err)) != 0) {
		fprintf(stderr, "fohd: error: SIGHUP: keeping the running "
		    "config: %s\n", err);
		return;
	}
	/* The sockets stay: their URLs come from the first load. */
	memcpy(d->next.stream, d->conf.stream, sizeof(d->next.stream));
	memcpy(d->next.control, d->conf.control, sizeof(d->next.control));
	if (strcmp(d->next.tls_cert, d->conf.tls_cert) != 0 ||
	    strcmp(d->next.tls_key, d->conf.tls_key) != 0 ||
	    strcmp(d->next.tls_ca, d->conf.tls_ca) != 0 ||
	    d->next.tls_clients != d->conf.tls_clients)
		fprintf(stderr, "fohd: warning: SIGHUP: [tls] changes only on "
		    "restart\n");
	if (strcmp(d->next.ingest_listen, d->conf.ingest_listen) != 0 ||
	    strcmp(d->next.pull, d->conf.pull) != 0 ||
	    d->next.npull_allow != d->conf.npull_allow ||
	    memcmp(d->next.pull_allow, d->conf.pull_allow,
	    sizeof(d->next.pull_allow)) != 0 ||
	    d->next.max_conns != d->conf.max_conns ||
	    d->next.idle_timeout_ms != d->conf.idle_timeout_ms)
		fprintf(stderr, "fohd: warning: SIGHUP: listen, pull, "
		    "pull_allow, max_conns and idle_timeout change only on "
		    "restart\n");
	d->next.drill = d->conf.drill;		/* issue 15: the agent's, too */
	memcpy(d->next.drill_file, d->conf.drill_file,	/* fixdrill */
	    sizeof(d->next.drill_file));
	if (d->conf.drill)
		d->next.simulate = 0;		/* ... no real readings */
	fohd_mqtt_reload(&d->mqtt, &d->next);	/* issue 16 */
	if (agent_reload(d->agent, &d->next, err, sizeof(err)) != 0) {
		fprintf(stderr, "fohd: error: SIGHUP: keeping the running "
		    "config: %s\n", err);
		return;
	}
	memcpy(d->next.ingest_listen, d->conf.ingest_listen,
	    sizeof(d->next.ingest_listen));
	memcpy(d->next.pull, d->conf.pull, sizeof(d->next.pull));
	memcpy(d->next.pull_allow, d->conf.pull_allow,
	    sizeof(d->next.pull_allow));
	d->next.npull_allow = d->conf.npull_allow;
	d->next.max_conns = d->conf.max_conns;
	d->next.idle_timeout_ms = d->conf.idle_timeout_ms;
	memcpy(d->next.tls_cert, d->conf.tls_cert, sizeof(d->next.tls_cert));
	memcpy(d->next.tls_key, d->conf.tls_key, sizeof(d->next.tls_key));
	memcpy(d->next.tls_ca, d->conf.tls_ca, sizeof(d->next.tls_ca));
	d->next.tls_clients = d->conf.tls_clients;
	d->conf = d->next;
	for (i = 0; i < d->conf.ntokens; i++)
		d->tokens[i] = d->conf.tokens[i];
	server_tokens(d->server, d->tokens, d->conf.ntokens);
	fprintf(stderr, "fohd: info: SIGHUP: %s reloaded: %u zones, %u "
	    "gates, %u devices, %u models\n", d->path, d->conf.layout.nzones,
	    d->conf.ngates, d->conf.ndevices, d->conf.nmodels);
}

/* Watched: a signal arrived. */
static void
fohd_on_signal(void *arg)
{
	struct fohd	*d = arg;
	char		 sig;

	while (read(fohd_sigpipe[0], &sig, 1) == 1) {
		if (sig == SIGHUP)
			fohd_reload(d);
		else {
			d->sig = sig;
			server_stop(d->server);
			return;
		}
	}
}

/*
 * Before any socket opens: a TLS URL (also of --stream, --control) needs
 * [tls]'s files, and good ones. 0, or EX_CONFIG having said why.
 */
static int
fohd_check_tls(const struct fohd *d, const char *stream, const char *control)
{
	const char		*opt[2] = { "--stream", "--control" };
	const char		*url[2];
	struct transport_tls	 tls;
	char			 err[512];
	int			 i, any = 0;

	url[0] = stream;
	url[1] = control;
	for (i = 0; i < 2; i++) {
		if (url[i] == NULL || !transport_url_tls(url[i]))
			continue;
		if (d->conf.tls_cert[0] == '\0') {
			fprintf(stderr, "fohd: error: %s %s needs TLS, and %s "
			    "has no certificate: add [tls] cert = FILE and "
			    "key = FILE\n", opt[i], url[i], d->path);
			return (EX_CONFIG);
		}
	}
	any = transport_url_tls(d->conf.stream) ||
	    transport_url_tls(d->conf.control) ||
	    (d->conf.pull[0] != '\0' && transport_url_tls(d->conf.pull));
	if (!any)
		return (0);
	agent_tls(&d->conf, &tls);
	if (transport_tls_check(&tls, 1, err, sizeof(err)) != 0) {
		fprintf(stderr, "fohd: error: %s:%d: [tls]: %s\n", d->path,
		    d->conf.tls_line, err);
		return (EX_CONFIG);
	}
	return (0);
}

/* Open the agent, the server, the PULL socket and the watches. */
static int
fohd_open(struct fohd *d, const char *replay, const char *drill,
    double speed, uint64_t hold_ms, char *err, size_t errlen)
{
	struct server_opts	opts;
	struct server_hooks	hooks;
	struct transport_tls	tls;
	unsigned		i;
	int			fd;

	if ((d->batch = malloc(sizeof(*d->batch))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (EX_OSERR);
	}
	msgpack_zone_init(&d->zone, 64 * 1024);
	if (replay != NULL &&
	    (d->replay = replay_open(replay, speed, err, errlen)) == NULL)
		return (EX_NOINPUT);
	if (drill != NULL && (d->drill = fohd_drill_open(drill, speed,
	    hold_ms, &d->conf, err, errlen)) == NULL)
		return (EX_NOINPUT);
	if ((d->agent = agent_open(&d->conf, err, errlen)) == NULL ||
	    agent_nats_start(d->agent, d->path, err, errlen) != 0)
		return (EX_UNAVAILABLE);
	for (i = 0; i < d->conf.ntokens; i++)
		d->tokens[i] = d->conf.tokens[i];
	memset(&opts, 0, sizeof(opts));
	opts.listen = d->conf.ingest_listen;
	opts.loopback_only = d->conf.loopback_only;
	opts.tokens = d->tokens;
	opts.ntokens = d->conf.ntokens;
	opts.max_frame = d->conf.max_frame;
	opts.max_conns = d->conf.max_conns;
	opts.idle_timeout_ms = d->conf.idle_timeout_ms;
	memset(&hooks, 0, sizeof(hooks));
	hooks.arg = d;
	hooks.ingest = fohd_ingest_ws;
	hooks.healthz = fohd_healthz;
	hooks.metrics = fohd_metrics;
	if ((d->server = server_open(&opts, &hooks, err, errlen)) == NULL)
		return (EX_UNAVAILABLE);
	if (d->conf.pull[0] != '\0') {
		memcpy(d->pull_allow, d->conf.pull_allow,
		    sizeof(d->pull_allow));
		d->npull_allow = d->conf.npull_allow;
		if (transport_cap_init(&d->pull_cap, TRANSPORT_PULL, 0,
		    fohd_pull_pipe, d) != 0) {
			snprintf(err, errlen, "out of memory");
			return (EX_OSERR);
		}
		agent_tls(&d->conf, &tls);
		if (transport_pull_listen(&d->pull, d->conf.pull, &tls,
		    &d->pull_cap, err, errlen) != 0) {
			transport_cap_fini(&d->pull_cap);
			return (EX_UNAVAILABLE);
		}
		d->has_pull = 1;
		if (transport_receiver_init(&d->pull_rx, d->pull) != 0) {
			snprintf(err, errlen, "out of memory");
			return (EX_OSERR);
		}
		transport_recv_fd(d->pull, &fd);
		if (server_watch(d->server, fd, fohd_pull, d) != 0) {
			snprintf(err, errlen, "cannot watch the pull socket");
			return (EX_SOFTWARE);
		}
	}
	if (server_watch(d->server, agent_fd(d->agent), fohd_control,
	    d) != 0 || server_watch(d->server, fohd_sigpipe[0],
	    fohd_on_signal, d) != 0 || (agent_nats_fd(d->agent) >= 0 &&
	    server_watch(d->server, agent_nats_fd(d->agent), fohd_control,
	    d) != 0)) {
		snprintf(err, errlen, "cannot watch the control socket");
		return (EX_SOFTWARE);
	}
	d->mqtt = (struct fohd_mqtt){ d->agent, &d->conf, d->batch,
	    &d->ingest, &d->drill, 0, 0 };	/* issue 16: [mqtt] */
	if (fohd_mqtt_open(&d->mqtt, d->server, d->path, err, errlen) != 0)
		return (EX_UNAVAILABLE);
	/* Issue 16: deliveries' news; a publish = with no broker, said. */
	if (agent_deliver_fd(d->agent) >= 0 && server_watch(d->server,
	    agent_deliver_fd(d->agent), fohd_control, d) != 0)
		return (snprintf(err, errlen, "cannot watch deliveries"),
		    EX_SOFTWARE);
	if (d->conf.actions_warning[0] != '\0')
		fprintf(stderr, "fohd: warning: %s\n", d->conf.actions_warning);
	server_timer(d->server, &d->timer, 0, fohd_tick, d);
	if (d->replay != NULL || d->drill != NULL)	/* never both */
		server_timer(d->server, &d->replay_timer, 0, fohd_feed_due,
		    d);
	return (0);
}

/* Close whatever fohd_open opened. */
static void
fohd_close(struct fohd *d)
{
	server_close(d->server);
	if (d->has_pull) {
		nng_close(d->pull);
		transport_receiver_fini(&d->pull_rx);
		transport_cap_fini(&d->pull_cap);
	}
	agent_close(d->agent);
	replay_close(d->replay);
	fohd_drill_close(d->drill);
	msgpack_zone_destroy(&d->zone);
	free(d->batch);
}

int
main(int argc, char **argv)
{
	static const struct option	longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ "stream",	required_argument,	NULL, 's' },
		{ "control",	required_argument,	NULL, 'C' },
		{ "replay",	required_argument,	NULL, 'r' },
		{ "speed",	required_argument,	NULL, 'x' },
		{ "drill",	required_argument,	NULL, 'D' },
		{ "drill-hold",	required_argument,	NULL, 'H' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	static struct fohd	 d;
	const char		*stream = NULL, *control = NULL;
	const char		*replay = NULL, *drill = NULL;
	char			 err[512];
	double			 speed = 1;
	uint64_t		 hold = FOHD_DRILL_HOLD_MS;	/* fixdrill */
	int			 ch, rv;

	setlocale(LC_ALL, "");
	if (argc > 1 && strcmp(argv[1], "history") == 0)
		return (fohd_history(argc - 1, argv + 1));
	if (argc > 1 && strcmp(argv[1], "record") == 0)
		return (fohd_record(argc - 1, argv + 1));
	/* Issue 15: the post-event report (fohd-report.c). */
	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return (fohd_report(argc - 1, argv + 1));
	d.path = SYSCONFDIR "/foh/fohd.conf";
	while ((ch = getopt_long(argc, argv, "c:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			d.path = optarg;
			break;
		case 's':
			stream = optarg;
			break;
		case 'C':
			control = optarg;
			break;
		case 'r':
			replay = optarg;
			break;
		case 'D':
			drill = optarg;
			break;
		case 'H':
			if (cfg_opt_duration("fohd", "--drill-hold", optarg, 0,
			    7 * 86400000ULL, 0, &hold) != 0)
				return (EX_USAGE);
			break;
		case 'x':
			if (cfg_opt_double("fohd", "--speed", optarg, 0.001,
			    1e6, &speed) != 0)
				return (EX_USAGE);
			break;
		case 'h':
			fohd_usage(stdout);
			return (0);
		case 'V':
			fohd_version();
			return (0);
		default:
			fohd_usage(stderr);
			return (EX_USAGE);
		}
	}
	if (optind != argc) {
		fohd_usage(stderr);
		return (EX_USAGE);
	}
	if (drill != NULL && replay != NULL) {
		fprintf(stderr, "fohd: error: --drill and --replay: a drill "
		    "replays its own FILE; give one of them\n");
		return (EX_USAGE);
	}
	if (vconf_load_file(&d.conf, d.path, err, sizeof(err)) != 0) {
		fprintf(stderr, "fohd: error: %s\n", err);
		return (EX_CONFIG);
	}
	/* A drill (issue 15): all it makes is marked; nothing real mixes. */
	if (drill != NULL) {
		d.conf.drill = 1;	/* fixdrill: its name, for the alerts */
		text_copy(d.conf.drill_file, sizeof(d.conf.drill_file),
		    strrchr(drill, '/') != NULL ? strrchr(drill, '/') + 1 :
		    drill);
		if (d.conf.simulate)
			fprintf(stderr, "fohd: info: drill: simulate = yes is "
			    "off for the drill\n");
		d.conf.simulate = 0;
	}
	if (stream != NULL)
		snprintf(d.conf.stream, sizeof(d.conf.stream), "%s", stream);
	if (control != NULL)
		snprintf(d.conf.control, sizeof(d.conf.control), "%s",
		    control);
	if (d.conf.stream[0] == '\0' || d.conf.control[0] == '\0') {
		fprintf(stderr, "fohd: error: %s: [venue] needs stream and "
		    "control URLs\n", d.path);
		return (EX_CONFIG);
	}
	if ((rv = fohd_check_tls(&d, stream, control)) != 0)
		return (rv);
	if (fohd_signals() != 0) {
		fprintf(stderr, "fohd: error: signals: %s\n", strerror(errno));
		return (EX_OSERR);
	}
	if ((rv = fohd_open(&d, replay, drill, speed, hold, err,
	    sizeof(err))) != 0) {
		fprintf(stderr, "fohd: error: %s\n", err);
		fohd_close(&d);
		return (rv);
	}
	fprintf(stderr, "fohd: info: venue %s (%u zones, %u gates, %u "
	    "devices, %u models): stream %s, control %s\n", d.conf.id,
	    d.conf.layout.nzones, d.conf.ngates, d.conf.ndevices,
	    d.conf.nmodels, d.conf.stream, d.conf.control);
	if (d.conf.ingest_listen[0] != '\0')
		fprintf(stderr, "fohd: info: ingest on %.*s:%u (ws /ingest, "
		    "GET /healthz, /metrics)%s\n",
		    (int)(strrchr(d.conf.ingest_listen, ':') -
		    d.conf.ingest_listen), d.conf.ingest_listen,
		    server_port(d.server), d.conf.loopback_only ?
		    ", loopback only" : "");
	if (d.drill != NULL)
		fprintf(stderr, "fohd: info: DRILL: venue %s runs a drill from "
		    "%s at speed %g: every message and alert is marked drill, "
		    "the journal keeps them apart, live readings are "
		    "refused\n", d.conf.id, drill, speed);
	server_run(d.server);
	fprintf(stderr, "fohd: info: stopping %s %d: %llu published, "
	    "%llu requests answered%s\n", d.sig != 0 ? "on signal" :
	    "at the drill's end, status", d.sig,
	    (unsigned long long)agent_stats(d.agent)->published,
	    (unsigned long long)agent_stats(d.agent)->requests,
	    d.drill != NULL ? " (a drill)" : "");
	fohd_close(&d);
	return (0);
}
