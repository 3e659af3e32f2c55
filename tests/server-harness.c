/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * server-harness.c: a small program around server.c for e2e-server.sh.
 *
 * server-harness [--loopback] [--token T]... [--hup-token T]...
 *     [--max-frame N] [--listen ADDR:PORT]
 *
 * Listens on 127.0.0.1:0 and prints "port N". A timer writes a byte to a
 * watched pipe every 100 ms, so /healthz's timer_ticks and fd_wakeups prove
 * that both wake the loop. Each ingest message is answered with its size as
 * "accepted". SIGTERM and SIGHUP write to a second watched pipe, whose
 * callback stops the server (SIGTERM) or swaps the tokens for the
 * --hup-token ones (SIGHUP). After server_close the harness checks that its
 * pipes survived and exits 0.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/server.h"

#define HARNESS_TOKENS	8

struct harness {
	struct server		*srv;
	const char		*hup_tokens[HARNESS_TOKENS];
	unsigned		 nhup_tokens;
	struct server_timer	 tick;
	int			 tickpipe[2];
	uint64_t		 timer_ticks;
	uint64_t		 fd_wakeups;
};

static int	harness_sigpipe[2] = { -1, -1 };

/* Note SIGTERM or SIGHUP where the loop will see it. */
static void
harness_signal(int sig)
{
	int	saved = errno;

	if (write(harness_sigpipe[1], sig == SIGHUP ? "h" : "t", 1) == -1) {
		/* Nothing to be done in a handler. */
	}
	errno = saved;
}

/* The signal pipe is readable: swap tokens on SIGHUP, stop on SIGTERM. */
static void
harness_on_signal(void *arg)
{
	struct harness	*h = arg;
	char		 c;

	while (read(harness_sigpipe[0], &c, 1) == 1) {
		if (c == 'h') {
			if (server_tokens(h->srv, h->hup_tokens,
			    h->nhup_tokens) != 0)
				fprintf(stderr, "server-harness: tokens: out "
				    "of memory\n");
		} else
			server_stop(h->srv);
	}
}

/* Every 100 ms: poke the tick pipe and re-arm. */
static void
harness_tick(void *arg)
{
	struct harness	*h = arg;

	h->timer_ticks++;
	if (write(h->tickpipe[1], "x", 1) == -1 && errno != EAGAIN)
		fprintf(stderr, "server-harness: write: %s\n", strerror(errno));
	server_timer(h->srv, &h->tick, 100, harness_tick, h);
}

/* The tick pipe is readable: drain it and count. */
static void
harness_wakeup(void *arg)
{
	struct harness	*h = arg;
	char		 buf[64];

	h->fd_wakeups++;
	while (read(h->tickpipe[0], buf, sizeof(buf)) > 0)
		;
}

/* Answer a message with its size. */
static size_t
harness_ingest(void *arg, const char *msg, size_t len, char *reply,
    size_t replylen)
{
	int	n;

	(void)arg;
	(void)msg;
	n = snprintf(reply, replylen,
	    "{\"accepted\":%zu,\"rejected\":0,\"errors\":[]}", len);
	return (n < 0 ? 0 : (size_t)n);
}

/* /healthz: the loop's wake-ups and the frames seen. */
static size_t
harness_healthz(void *arg, char *buf, size_t len)
{
	struct harness	*h = arg;
	int		 n;

	n = snprintf(buf, len, "{\"timer_ticks\":%" PRIu64 ",\"fd_wakeups\":%"
	    PRIu64 ",\"frames\":%" PRIu64 "}\n", h->timer_ticks,
	    h->fd_wakeups, server_stats(h->srv)->frames);
	return (n < 0 ? 0 : (size_t)n);
}

/* /metrics: a few counters in Prometheus text format. */
static size_t
harness_metrics(void *arg, char *buf, size_t len)
{
	struct harness			*h = arg;
	const struct server_stats	*st = server_stats(h->srv);
	int				 n;

	n = snprintf(buf, len,
	    "# HELP fohd_ingest_frames_total WebSocket messages received.\n"
	    "# TYPE fohd_ingest_frames_total counter\n"
	    "fohd_ingest_frames_total %" PRIu64 "\n"
	    "# HELP fohd_ingest_auth_refused_total Upgrades refused.\n"
	    "# TYPE fohd_ingest_auth_refused_total counter\n"
	    "fohd_ingest_auth_refused_total %" PRIu64 "\n"
	    "# HELP fohd_ingest_oversized_total Messages over max_frame.\n"
	    "# TYPE fohd_ingest_oversized_total counter\n"
	    "fohd_ingest_oversized_total %" PRIu64 "\n"
	    "# HELP fohd_ingest_connections_open Open ingest connections.\n"
	    "# TYPE fohd_ingest_connections_open gauge\n"
	    "fohd_ingest_connections_open %" PRIu64 "\n"
	    "# HELP fohd_ingest_answers_queued Answers not yet written.\n"
	    "# TYPE fohd_ingest_answers_queued gauge\n"
	    "fohd_ingest_answers_queued %" PRIu64 "\n",
	    st->frames, st->auth_refused, st->oversized, st->open,
	    st->queued);
	return (n < 0 ? 0 : (size_t)n);
}

/* Make both ends of a pipe non-blocking and close-on-exec. */
static int
harness_pipe(int fds[2])
{
	int	i;

	if (pipe(fds) != 0)
		return (-1);
	for (i = 0; i < 2; i++) {
		if (fcntl(fds[i], F_SETFL, O_NONBLOCK) == -1 ||
		    fcntl(fds[i], F_SETFD, FD_CLOEXEC) == -1)
			return (-1);
	}
	return (0);
}

/* Say how to run us and fail. */
static void
harness_usage(void)
{
	fprintf(stderr, "usage: server-harness [--loopback] [--token T]... "
	    "[--hup-token T]... [--max-frame N] [--listen ADDR:PORT]\n");
	exit(2);
}

/* Open, serve until SIGTERM, check our descriptors survived, exit 0. */
int
main(int argc, char **argv)
{
	struct harness		 h;
	struct server_opts	 opts;
	struct server_hooks	 hooks;
	struct sigaction	 sa;
	const char		*tokens[HARNESS_TOKENS];
	char			 err[256];
	unsigned		 ntokens = 0;
	int			 i, rv;

	memset(&h, 0, sizeof(h));
	memset(&opts, 0, sizeof(opts));
	opts.listen = "127.0.0.1:0";
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--loopback") == 0)
			opts.loopback_only = 1;
		else if (strcmp(argv[i], "--token") == 0 && i + 1 < argc &&
		    ntokens < HARNESS_TOKENS)
			tokens[ntokens++] = argv[++i];
		else if (strcmp(argv[i], "--hup-token") == 0 && i + 1 < argc &&
		    h.nhup_tokens < HARNESS_TOKENS)
			h.hup_tokens[h.nhup_tokens++] = argv[++i];
		else if (strcmp(argv[i], "--max-frame") == 0 && i + 1 < argc)
			opts.max_frame = (uint32_t)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc)
			opts.listen = argv[++i];
		else
			harness_usage();
	}
	opts.tokens = tokens;
	opts.ntokens = ntokens;

	memset(&hooks, 0, sizeof(hooks));
	hooks.arg = &h;
	hooks.ingest = harness_ingest;
	hooks.healthz = harness_healthz;
	hooks.metrics = harness_metrics;

	if (harness_pipe(h.tickpipe) != 0 || harness_pipe(harness_sigpipe)) {
		fprintf(stderr, "server-harness: pipe: %s\n", strerror(errno));
		return (1);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = harness_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	if ((h.srv = server_open(&opts, &hooks, err, sizeof(err))) == NULL) {
		fprintf(stderr, "server-harness: %s\n", err);
		return (1);
	}
	if (server_watch(h.srv, h.tickpipe[0], harness_wakeup, &h) != 0 ||
	    server_watch(h.srv, harness_sigpipe[0], harness_on_signal,
	    &h) != 0) {
		fprintf(stderr, "server-harness: cannot watch pipes\n");
		server_close(h.srv);
		return (1);
	}
	server_timer(h.srv, &h.tick, 100, harness_tick, &h);

	printf("port %u\n", (unsigned)server_port(h.srv));
	fflush(stdout);

	rv = server_run(h.srv);
	server_close(h.srv);

	/* The server watched dups: our descriptors must still be open. */
	for (i = 0; i < 2; i++) {
		if (fcntl(h.tickpipe[i], F_GETFD) == -1 ||
		    fcntl(harness_sigpipe[i], F_GETFD) == -1) {
			fprintf(stderr, "server-harness: server_close closed a "
			    "watched descriptor\n");
			return (1);
		}
		close(h.tickpipe[i]);
		close(harness_sigpipe[i]);
	}
	return (rv == 0 ? 0 : 1);
}
