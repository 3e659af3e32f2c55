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
 * milliseconds for a club's night, more for a big venue's 24 hours
 * (bench/RESULTS.md); the answer is not remembered, a repeat reads again.
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
 * slice, the last ending at to; slices before its first sample left out.
 */
static void
agent_summary_series(const struct report_zone *rz, uint64_t to,
    uint64_t slice, struct fohp_summary_zone *z)
{
	uint64_t	start = to - slice * FOHP_HIST_MAX, t;
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
		if ((double)rz->density[i] > v[k])
			v[k] = (float)agent_summary_clamp(rz->density[i]);
	}
	z->nseries = 0;
	for (k = first; k < FOHP_HIST_MAX; k++)
		z->series[z->nseries++] = v[k];
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

/* Answer op "summary" into a->out: a reply, or a refusal that says why. */
void
agent_summary(struct agent *a, const struct fohp_request *r)
{
	struct report_opts	 opts;
	struct report		*rep;
	struct fohp_msg		*m;
	struct fohp_summary	*s;
	uint64_t		 id = r->id, now = clock_wall_ms();
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
	memset(&opts, 0, sizeof(opts));
	opts.to_ms = now;
	opts.from_ms = now - hours * AGENT_HOUR_MS;
	/* A drilling agent marks its envelopes: its numbers are the drill's. */
	opts.drill = agent_envelope(a, FOHP_REPLY)->drill != 0;
	if ((rep = report_load(a->conf.journal, &a->conf, &opts, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "fohd: error: %s: summary: %s\n", a->conf.id,
		    err);
		agent_refusal(a, id, "internal", "", err);
		return;
	}
	m = agent_envelope(a, FOHP_REPLY);
	memset(&m->u.reply, 0, sizeof(m->u.reply));
	m->u.reply.id = id;
	text_copy(m->u.reply.status, sizeof(m->u.reply.status), "done");
	m->u.reply.has_summary = 1;
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
}
