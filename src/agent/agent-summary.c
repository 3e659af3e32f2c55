/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-summary.c: op "summary" (PROTOCOL.md 6.9, 6.13): the venue's
 * numbers over the last hours, for a console's history view.
 *
 * The numbers are report_load's (report.h), over [now - hours, now) of
 * the venue's journal: the same computation as `fohd report`, so the
 * console and the filed report cannot disagree. This file only shapes
 * them for the wire: the FOHP_SUMMARY_ZONES_MAX most loaded zones, each
 * zone's samples folded into at most FOHP_HIST_MAX slices (the highest
 * density of each), and the three severities' times. A drilling agent
 * (its envelope carries the drill mark) answers with the drill's rows.
 *
 * report_load reads the journal read-only on the agent's thread: a few
 * milliseconds for a club's night, about 0.2 s for a big venue's 24 hours
 * (bench/RESULTS.md), waiting AGENT_SUMMARY_BUSY_MS at most for a lock.
 * So a client looping on the op cannot stall ingest and the rules:
 *   - an answer is kept per (hours, drill) while the wall clock stays in
 *     its [history] step and nothing was written to the journal (the
 *     numbers cannot change before either), and a repeat is answered
 *     from it;
 *   - each peer may ask AGENT_SUMMARY_RATE a second (AGENT_SUMMARY_BURST
 *     at once), and all peers together may have AGENT_SUMMARY_READS_RATE
 *     answers computed a second (AGENT_SUMMARY_READS_BURST at once); over
 *     either the request is refused "busy" (PROTOCOL.md 6.10).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent-priv.h"
#include "report.h"
#include "lib/clock.h"
#include "lib/text.h"

#define AGENT_HOUR_MS	3600000ULL
#define AGENT_SUMMARY_CACHE	4	/* answers kept, (hours, drill) each */
#define AGENT_SUMMARY_PEERS	8	/* peers whose requests are limited */
#define AGENT_SUMMARY_RATE	2	/* requests a second per peer ... */
#define AGENT_SUMMARY_BURST	10	/* ... and at once */
#define AGENT_SUMMARY_READS_RATE 1	/* journal reads a second, all peers */
#define AGENT_SUMMARY_READS_BURST 4	/* ... and at once */
#define AGENT_SUMMARY_BUSY_MS	250	/* wait for a locked journal */

/* One answer kept: valid for its key in its step while nothing changed. */
struct agent_summary_kept {
	unsigned		 hours;		/* 0: slot free */
	int			 drill;
	uint64_t		 slot;		/* wall ms / step when computed */
	uint64_t		 changes;	/* journal_changes then */
	char			 fingerprint[sizeof(((struct vconf *)0)->
				    fingerprint)];
	struct fohp_summary	 summary;
	char			 text[FOHP_TEXT_MAX];
};

/* Op summary's cache and rate limits (a->summaries). */
struct agent_summaries {
	struct agent_summary_kept kept[AGENT_SUMMARY_CACHE];
	unsigned		 next;		/* slot replaced next */
	struct agent_limit	 peers[AGENT_SUMMARY_PEERS];
	struct agent_limit	 reads;		/* all peers' journal reads */
};

/* Order zones by peak, highest first, then by id. */
static int
agent_summary_cmp(const void *pa, const void *pb)
{
	const struct report_zone	*a = *(const struct report_zone *const *)pa;
	const struct report_zone	*b = *(const struct report_zone *const *)pb;

	if (a->peak != b->peak)
		return (a->peak > b->peak ? -1 : 1);
	return (strcmp(a->id, b->id));
}

/* A density the wire takes: 0..FOHP_DENSITY_MAX. */
static double
agent_summary_clamp(double d)
{
	if (!(d > 0))
		return (0);
	return (d > FOHP_DENSITY_MAX ? FOHP_DENSITY_MAX : d);
}

/*
 * The slice a series value spans: the range over FOHP_HIST_MAX, rounded up
 * to a whole number of history steps (so a slice holds whole samples).
 */
static uint64_t
agent_summary_slice(uint64_t range_ms, uint64_t step_ms)
{
	uint64_t	slice = (range_ms + FOHP_HIST_MAX - 1) / FOHP_HIST_MAX;

	if (step_ms > 0)
		slice = (slice + step_ms - 1) / step_ms * step_ms;
	return (slice > 0 ? slice : 1);
}

/*
 * Fold a zone's samples into its series: the highest density in each
 * slice, the last ending at to; slices before its first sample left out,
 * a slice after it with no sample 0 and its bit set in series_gaps (not
 * known, which a 0 alone would hide).
 */
static void
agent_summary_series(const struct report_zone *rz, uint64_t to,
    uint64_t slice, struct fohp_summary_zone *z)
{
	uint64_t	start = to - slice * FOHP_HIST_MAX, t, seen = 0;
	size_t		i, k, first = FOHP_HIST_MAX;
	float		v[FOHP_HIST_MAX];

	memset(v, 0, sizeof(v));
	for (i = 0; i < rz->n; i++) {
		t = rz->t_ms[i];
		if (t < start || t >= to)
			continue;
		k = (size_t)((t - start) / slice);
		if (k < first)
			first = k;
		seen |= UINT64_C(1) << k;
		if ((double)rz->density[i] > v[k])
			v[k] = (float)agent_summary_clamp(rz->density[i]);
	}
	z->nseries = 0;
	z->series_gaps = 0;
	for (k = first; k < FOHP_HIST_MAX; k++) {
		if ((seen & UINT64_C(1) << k) == 0)
			z->series_gaps |= UINT64_C(1) << z->nseries;
		z->series[z->nseries++] = v[k];
	}
}

/* One severity's times, seconds as report_load gives them. */
static void
agent_summary_times(const struct report_times *rt, enum fohp_severity sev,
    struct fohp_summary_times *t)
{
	memset(t, 0, sizeof(*t));
	t->severity = sev;
	t->n = rt->n;
	t->nacked = rt->nacked;
	t->nresolved = rt->nresolved;
	if (rt->nacked > 0) {
		t->ack_median = rt->ack_median;
		t->ack_p90 = rt->ack_p90;
		t->ack_worst = rt->ack_worst;
	}
	if (rt->nresolved > 0) {
		t->res_median = rt->res_median;
		t->res_p90 = rt->res_p90;
		t->res_worst = rt->res_worst;
	}
}

/* Shape the report's numbers into the reply's summary. 0, or -1 (memory). */
static int
agent_summary_fill(const struct report *rep, struct fohp_summary *s)
{
	const struct report_zone	**by;
	struct fohp_summary_zone	 *z;
	uint64_t			  slice;
	size_t				  i;
	int				  sev;

	s->from_ms = rep->from_ms;
	s->to_ms = rep->to_ms;
	s->step_ms = (uint32_t)(rep->step_ms <= UINT32_MAX ? rep->step_ms : 0);
	slice = agent_summary_slice(rep->to_ms - rep->from_ms, rep->step_ms);
	s->series_step_ms = (uint32_t)(slice <= UINT32_MAX ? slice : 0);
	s->zones_total = (uint16_t)(rep->nzones < FOHP_ZONES_MAX ?
	    rep->nzones : FOHP_ZONES_MAX);
	if ((by = calloc(rep->nzones + 1, sizeof(*by))) == NULL)
		return (-1);
	for (i = 0; i < rep->nzones; i++)
		by[i] = &rep->zones[i];
	qsort(by, rep->nzones, sizeof(*by), agent_summary_cmp);
	for (i = 0; i < rep->nzones && i < FOHP_SUMMARY_ZONES_MAX; i++) {
		z = &s->zones[s->nzones++];
		text_copy(z->zone, sizeof(z->zone), by[i]->id);
		z->peak = agent_summary_clamp(by[i]->peak);
		z->peak_ms = by[i]->peak_ms;
		z->min_e = by[i]->minutes[4] > 0 ? by[i]->minutes[4] : 0;
		z->min_f = by[i]->minutes[5] > 0 ? by[i]->minutes[5] : 0;
		agent_summary_series(by[i], rep->to_ms, slice, z);
	}
	free(by);
	for (sev = 0; sev < FOHP_SEV_COUNT; sev++)
		agent_summary_times(&rep->by_severity[sev],
		    (enum fohp_severity)sev, &s->times[s->ntimes++]);
	return (0);
}

/* Take a token of bucket l (rate a second, burst at once): 1, or 0. */
static int
agent_summary_take(struct agent_limit *l, uint64_t rate, uint64_t burst,
    uint64_t now)
{
	if (l->last_ms == 0)
		l->milli = burst * 1000;
	else if (now > l->last_ms)
		l->milli += (now - l->last_ms) * rate;
	if (l->milli > burst * 1000)
		l->milli = burst * 1000;
	l->last_ms = now;
	if (l->milli < 1000)
		return (0);
	l->milli -= 1000;
	return (1);
}

/* The bucket of the peer asking (a->peer): its own, a free or the stalest. */
static struct agent_limit *
agent_summary_peer(struct agent_summaries *ss, const char *peer)
{
	struct agent_limit	*l, *pick = NULL;
	unsigned		 i;

	for (i = 0; i < AGENT_SUMMARY_PEERS; i++) {
		l = &ss->peers[i];
		if (l->peer[0] != '\0' && strcmp(l->peer, peer) == 0)
			return (l);
		if (pick == NULL || l->peer[0] == '\0' ||
		    (pick->peer[0] != '\0' && l->last_ms < pick->last_ms))
			pick = l;
	}
	memset(pick, 0, sizeof(*pick));
	text_copy(pick->peer, sizeof(pick->peer), peer);
	return (pick);
}

/* The answer kept for (hours, drill), if still good at wall ms now. */
static struct agent_summary_kept *
agent_summary_find(struct agent *a, unsigned hours, int drill, uint64_t slot)
{
	struct agent_summary_kept	*k;
	unsigned			 i;

	for (i = 0; i < AGENT_SUMMARY_CACHE; i++) {
		k = &a->summaries->kept[i];
		if (k->hours == hours && k->drill == drill && k->slot == slot &&
		    k->changes == journal_changes(a->journal) &&
		    strcmp(k->fingerprint, a->conf.fingerprint) == 0)
			return (k);
	}
	return (NULL);
}

/* Keep the answer in m for (hours, drill), over the oldest kept. */
static void
agent_summary_keep(struct agent *a, unsigned hours, int drill, uint64_t slot,
    const struct fohp_msg *m)
{
	struct agent_summaries		*ss = a->summaries;
	struct agent_summary_kept	*k;

	k = &ss->kept[ss->next++ % AGENT_SUMMARY_CACHE];
	k->hours = hours;
	k->drill = drill;
	k->slot = slot;
	k->changes = journal_changes(a->journal);
	text_copy(k->fingerprint, sizeof(k->fingerprint), a->conf.fingerprint);
	k->summary = m->u.reply.summary;
	text_copy(k->text, sizeof(k->text), m->u.reply.text);
}

/* Start the reply to request id in a->out: done, with a summary. */
static struct fohp_msg *
agent_summary_reply(struct agent *a, uint64_t id)
{
	struct fohp_msg	*m = agent_envelope(a, FOHP_REPLY);

	memset(&m->u.reply, 0, sizeof(m->u.reply));
	m->u.reply.id = id;
	text_copy(m->u.reply.status, sizeof(m->u.reply.status), "done");
	m->u.reply.has_summary = 1;
	return (m);
}

/* Forget op summary's answers and limits. */
void
agent_summary_close(struct agent *a)
{
	free(a->summaries);
	a->summaries = NULL;
}

/* Answer op "summary" into a->out: a reply, or a refusal that says why. */
void
agent_summary(struct agent *a, const struct fohp_request *r)
{
	struct report_opts	 opts;
	struct report		*rep;
	struct fohp_msg		*m;
	struct fohp_summary	*s;
	struct agent_summary_kept *k;
	uint64_t		 id = r->id, now = clock_wall_ms(), mono, slot;
	unsigned		 hours = r->hours;
	char			 err[FOHP_TEXT_MAX];

	if (hours < 1 || hours > FOHP_SUMMARY_HOURS_MAX) {
		agent_refusal(a, id, "bad-request", "hours", "op summary needs "
		    "hours: 1 to 24");
		return;
	}
	if (a->conf.journal[0] == '\0') {
		snprintf(err, sizeof(err), "venue %s keeps no journal, so no "
		    "history to sum up ([venue] journal in fohd.conf)",
		    a->conf.id);
		agent_refusal(a, id, "unsupported", "op", err);
		return;
	}
	if (a->summaries == NULL &&
	    (a->summaries = calloc(1, sizeof(*a->summaries))) == NULL) {
		agent_refusal(a, id, "internal", "", "out of memory");
		return;
	}
	mono = clock_mono_ms();
	if (!agent_summary_take(agent_summary_peer(a->summaries, a->peer),
	    AGENT_SUMMARY_RATE, AGENT_SUMMARY_BURST, mono)) {
		snprintf(err, sizeof(err), "op summary: %s asks more than %d "
		    "a second; ask again later", a->peer, AGENT_SUMMARY_RATE);
		agent_refusal(a, id, "busy", "op", err);
		return;
	}
	memset(&opts, 0, sizeof(opts));
	opts.to_ms = now;
	opts.from_ms = now - hours * AGENT_HOUR_MS;
	opts.busy_ms = AGENT_SUMMARY_BUSY_MS;
	/* A drilling agent marks its envelopes: its numbers are the drill's. */
	opts.drill = agent_envelope(a, FOHP_REPLY)->drill != 0;
	slot = now / (a->conf.history_step_ms > 0 ? a->conf.history_step_ms :
	    1000);
	if ((k = agent_summary_find(a, hours, opts.drill, slot)) != NULL) {
		m = agent_summary_reply(a, id);
		m->u.reply.summary = k->summary;
		text_copy(m->u.reply.text, sizeof(m->u.reply.text), k->text);
		a->stats.summary_cached++;
		return;
	}
	if (!agent_summary_take(&a->summaries->reads,
	    AGENT_SUMMARY_READS_RATE, AGENT_SUMMARY_READS_BURST, mono)) {
		agent_refusal(a, id, "busy", "op", "op summary: the journal is "
		    "being read for other clients; ask again in a second");
		return;
	}
	a->stats.summary_computed++;
	if ((rep = report_load(a->conf.journal, &a->conf, &opts, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "fohd: error: %s: summary: %s\n", a->conf.id,
		    err);
		agent_refusal(a, id, "internal", "", err);
		return;
	}
	m = agent_summary_reply(a, id);
	s = &m->u.reply.summary;
	if (agent_summary_fill(rep, s) != 0) {
		report_free(rep);
		agent_refusal(a, id, "internal", "", "out of memory");
		return;
	}
	snprintf(m->u.reply.text, sizeof(m->u.reply.text), "venue %s over "
	    "the last %u h%s: %zu zones, %zu alerts", a->conf.id, hours,
	    opts.drill ? " (drill)" : "", rep->nzones, rep->nalerts);
	report_free(rep);
	agent_summary_keep(a, hours, opts.drill, slot, m);
}
