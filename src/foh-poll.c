/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * foh-poll.c: the console loop's poll set (foh.c). The first entries are
 * the loop's own (the terminal, the signal pipe); then every feed's
 * descriptors (feed_fds), each feed's noted, so that the loop services
 * only the feeds that polled ready or have a timer due (feed_due). Feeds
 * reading venues through one NATS connection each list its descriptor:
 * poll reports it for all of them.
 *
 * Messages from hundreds of venues come a few at a time: the feeds are
 * polled at most every FOH_POLL_BATCH_MS, so that one pass over every
 * descriptor takes many of them (and nng signals a socket's descriptor
 * once for several), while the terminal and the signals still wake the
 * loop at once.
 */
#include "config.h"

#include <sys/resource.h>

#include <stdlib.h>

#include "console/feed.h"
#include "lib/clock.h"
#include "foh.h"

/* Size the poll set for nfeeds feeds and two of the loop's; -1 no memory. */
int
foh_poll_alloc(struct foh_poll *p, unsigned nfeeds)
{
	p->pfd = calloc(2 + (size_t)nfeeds * FEED_FDS_MAX, sizeof(*p->pfd));
	p->first = calloc(nfeeds + 1, sizeof(*p->first));
	p->count = calloc(nfeeds + 1, sizeof(*p->count));
	p->polled = 0;
	return (p->pfd == NULL || p->first == NULL || p->count == NULL ?
	    -1 : 0);
}

/* Free the poll set's arrays. */
void
foh_poll_free(struct foh_poll *p)
{
	free(p->pfd);
	free(p->first);
	free(p->count);
}

/* Add every feed's descriptors from entry n on; the new count. */
unsigned
foh_poll_feeds(struct foh_poll *p, struct feed *const *feeds,
    unsigned nfeeds, unsigned n)
{
	int		fds[FEED_FDS_MAX];
	unsigned	i, j, k;

	for (i = 0; i < nfeeds; i++) {
		k = feed_fds(feeds[i], fds);
		p->first[i] = n;
		p->count[i] = k;
		for (j = 0; j < k; j++) {
			p->pfd[n].fd = fds[j];
			p->pfd[n].events = POLLIN;
			p->pfd[n++].revents = 0;
		}
	}
	return (n);
}

/*
 * Poll the first nfixed entries (terminal, signals) and n in all, up to
 * timeout ms, the feeds at most every FOH_POLL_BATCH_MS. poll's result.
 */
int
foh_poll_wait(struct foh_poll *p, unsigned nfixed, unsigned n, int timeout)
{
	uint64_t	pace = clock_pace_ms();
	int		hold;

	if (pace - p->polled < FOH_POLL_BATCH_MS) {
		hold = (int)(FOH_POLL_BATCH_MS - (pace - p->polled));
		if (hold > timeout)
			hold = timeout;
		if (poll(p->pfd, nfixed, hold) != 0)
			timeout = 0;	/* a key, a signal: now */
		else
			timeout -= hold;
	}
	hold = poll(p->pfd, n, timeout);
	p->polled = clock_pace_ms();
	return (hold);
}

/* Whether one of feed i's descriptors polled ready (or in error). */
int
foh_poll_ready(const struct foh_poll *p, unsigned i)
{
	unsigned	j;

	for (j = 0; j < p->count[i]; j++)
		if (p->pfd[p->first[i] + j].revents != 0)
			return (1);
	return (0);
}

/*
 * Allow as many descriptors as the hard limit: a venue over nng takes
 * about six (its sockets' connections and nng's pollable pipes), so 1024
 * venues need several thousand, over the usual soft limit of 1024.
 */
void
foh_nofile(void)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
}
