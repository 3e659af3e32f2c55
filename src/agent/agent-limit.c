/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-limit.c: how often refusals may be written down.
 *
 * Every refusal is answered, but the audit rows and log lines of refusals
 * are rate-limited (agent-control.c): a token bucket per peer and one for
 * all peers together. What is not written is counted, and summed up in one
 * log line per peer every AGENT_LIMIT_REPORT_MS.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "agent-priv.h"
#include "lib/clock.h"
#include "lib/text.h"

/* Refill a bucket for the time since its last refill. */
static void
agent_limit_refill(struct agent_limit *l, uint64_t rate, uint64_t burst,
    uint64_t now)
{
	uint64_t	dt = now > l->last_ms ? now - l->last_ms : 0;

	l->milli += dt * rate;	/* rate per s = rate thousandths per ms */
	if (l->milli > burst * 1000)
		l->milli = burst * 1000;
	l->last_ms = now;
}

/* Say how many refusals of a bucket were not written, and start again. */
static void
agent_limit_report(struct agent *a, struct agent_limit *l, uint64_t now)
{
	if (l->suppressed == 0)
		return;
	fprintf(stderr, "fohd: warning: %s: suppressed %llu refusals from %s "
	    "in the last %llu s (answered, counted, not audited or logged)\n",
	    a->conf.id, (unsigned long long)l->suppressed,
	    l->peer[0] != '\0' ? l->peer : "all peers",
	    (unsigned long long)((now > l->since_ms ? now - l->since_ms : 0) +
	    500) / 1000);
	l->suppressed = 0;
	l->since_ms = 0;
}

/* The bucket of the peer being served; a free or the stalest slot. */
static struct agent_limit *
agent_limit_bucket(struct agent *a, uint64_t now)
{
	struct agent_limit	*l, *pick = NULL;
	unsigned		 i;

	for (i = 0; i < AGENT_LIMIT_PEERS; i++) {
		l = &a->limits[i];
		if (strcmp(l->peer, a->peer) == 0 && l->peer[0] != '\0')
			return (l);
		if (pick == NULL || l->peer[0] == '\0' ||
		    (pick->peer[0] != '\0' && l->last_ms < pick->last_ms))
			pick = l;
	}
	agent_limit_report(a, pick, now);
	memset(pick, 0, sizeof(*pick));
	text_copy(pick->peer, sizeof(pick->peer), a->peer);
	pick->milli = AGENT_LIMIT_BURST * 1000;
	pick->last_ms = now;
	return (pick);
}

/*
 * May the audit row and log line of this refusal be written? 1 and a token
 * of the peer's and of the global bucket taken; 0 and it is counted.
 */
int
agent_limit_take(struct agent *a)
{
	struct agent_limit	*l, *all = &a->limit_all;
	uint64_t		 now = clock_mono_ms();

	l = agent_limit_bucket(a, now);
	agent_limit_refill(l, AGENT_LIMIT_RATE, AGENT_LIMIT_BURST, now);
	if (all->last_ms == 0)
		all->milli = AGENT_LIMIT_ALL_BURST * 1000;
	agent_limit_refill(all, AGENT_LIMIT_ALL_RATE, AGENT_LIMIT_ALL_BURST,
	    now);
	if (l->milli >= 1000 && all->milli >= 1000) {
		l->milli -= 1000;
		all->milli -= 1000;
		return (1);
	}
	if (l->suppressed++ == 0)
		l->since_ms = now;
	a->stats.refusals_suppressed++;
	return (0);
}

/* Time passes (now_ms monotonic): sum up suppressed refusals now due. */
void
agent_limit_tick(struct agent *a, uint64_t now_ms)
{
	unsigned	i;

	for (i = 0; i < AGENT_LIMIT_PEERS; i++) {
		struct agent_limit	*l = &a->limits[i];

		if (l->suppressed > 0 &&
		    now_ms >= l->since_ms + AGENT_LIMIT_REPORT_MS)
			agent_limit_report(a, l, now_ms);
	}
}
