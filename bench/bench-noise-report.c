/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * bench-noise-report.c: what bench-noise reads off a run: the queue's rows
 * after each tick (bench_measure), the tables (per key, the totals) and the
 * check of the targets. bench-noise.c runs the venues and counts alerts.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console/demo.h"
#include "core/queue.h"
#include "lib/text.h"
#include "bench-noise.h"

/* Scenario time of agent time t, as h:mm:ss, into buf. */
static const char *
bench_when(const struct bench_run *r, const struct bench_opts *o,
    uint64_t t, char *buf, size_t len)
{
	double		s = t > r->start_ms ?
			    (double)(t - r->start_ms) / 1000.0 * o->speed : 0;
	unsigned long	u = (unsigned long)s;

	snprintf(buf, len, "%lu:%02lu:%02lu", u / 3600, u / 60 % 60, u % 60);
	return (buf);
}

/* A queue row about a subject of a venue (not an external alert). */
struct bench_row {
	unsigned	 venue;
	const char	*subject;	/* the store's */
};

/* Order queue rows by venue, then subject. */
static int
bench_row_cmp(const void *pa, const void *pb)
{
	const struct bench_row	*a = pa, *b = pb;

	if (a->venue != b->venue)
		return (a->venue < b->venue ? -1 : 1);
	return (strcmp(a->subject, b->subject));
}

/* The subject entry of (venue, subject), added if new; NULL: no memory. */
static struct bench_subject *
bench_subject_of(struct bench_run *r, unsigned venue, const char *subject)
{
	struct bench_subject	*s;
	unsigned		 i;

	for (i = 0; i < r->nsubjects; i++) {
		s = &r->subjects[i];
		if (s->venue == venue && strcmp(s->subject, subject) == 0)
			return (s);
	}
	if (r->nsubjects == r->capsubjects) {
		unsigned		 cap = r->capsubjects ?
					     r->capsubjects * 2 : 64;
		struct bench_subject	*ns;

		if ((ns = realloc(r->subjects, cap * sizeof(*ns))) == NULL)
			return (NULL);
		r->subjects = ns;
		r->capsubjects = cap;
	}
	s = &r->subjects[r->nsubjects++];
	memset(s, 0, sizeof(*s));
	s->venue = venue;
	snprintf(s->subject, sizeof(s->subject), "%s", subject);
	return (s);
}

/*
 * Build the console's queue at now and note its rows: in all, per
 * (venue, subject), and the oldest resolved alert it holds. -1: no memory.
 */
int
bench_measure(struct bench_run *r, uint64_t now)
{
	static struct bench_row	 rows[BENCH_QUEUE_MAX];
	unsigned		 n, i, j, nrows = 0, allrows = 0;

	n = queue_build(r->store, &r->qopts, now, r->items,
	    BENCH_QUEUE_MAX);
	if (n > BENCH_QUEUE_MAX)
		n = BENCH_QUEUE_MAX;
	r->builds++;
	for (i = 0; i < n; i++) {
		const struct queue_item		*it = &r->items[i];
		const struct store_venue	*v = r->store->venues[it->venue];
		const struct fohp_alert		*a = &v->alerts[it->index];
		uint64_t			 age;

		age = store_alert_resolved_age(v, it->index, now);
		if (age > r->max_age) {
			r->max_age = age;
			r->max_age_at = now;
			r->max_age_venue = it->venue;
			r->max_age_id = a->id;
			snprintf(r->max_age_rule, sizeof(r->max_age_rule),
			    "%s", a->rule);
			snprintf(r->max_age_subject,
			    sizeof(r->max_age_subject), "%s", a->subject);
		}
		if (it->folded)
			continue;
		allrows++;
		/* An external alert is a row of its own, no subject's. */
		if (a->rkind != FOHP_RK_EXTERNAL) {
			rows[nrows].venue = it->venue;
			rows[nrows++].subject = a->subject;
		}
	}
	if (allrows > r->max_rows) {
		r->max_rows = allrows;
		r->max_rows_at = now;
	}
	/* Rows per (venue, subject): runs of equal ones once sorted. */
	qsort(rows, nrows, sizeof(rows[0]), bench_row_cmp);
	for (i = 0; i < nrows; i = j) {
		struct bench_subject	*s;

		for (j = i + 1; j < nrows &&
		    bench_row_cmp(&rows[i], &rows[j]) == 0; j++)
			;
		if ((s = bench_subject_of(r, rows[i].venue,
		    rows[i].subject)) == NULL)
			return (-1);
		if (j - i > s->max_rows) {
			s->max_rows = j - i;
			s->max_at = now;
		}
		if (j - i > 1 && s->first_over == 0)
			s->first_over = now;
	}
	return (0);
}

/* The key of run r for (venue id, rule, subject); NULL if it had none. */
static const struct bench_key *
bench_key_find(const struct bench_run *r, const char *venue, const char *rule,
    const char *subject)
{
	unsigned	i;

	for (i = 0; i < r->nkeys; i++) {
		const struct bench_key	*k = &r->keys[i];

		if (strcmp(demo_venues[k->venue].name, venue) == 0 &&
		    strcmp(k->rule, rule) == 0 &&
		    strcmp(k->subject, subject) == 0)
			return (k);
	}
	return (NULL);
}

/* A before -> after cell of two counts (- where a run did not happen). */
static const char *
bench_cell(char *buf, size_t len, const struct bench_run *rb,
    const struct bench_run *ra, unsigned b, unsigned a)
{
	char	sb[16], sa[16];

	snprintf(sb, sizeof(sb), "%u", b);
	snprintf(sa, sizeof(sa), "%u", a);
	snprintf(buf, len, "%s → %s", rb != NULL ? sb : "-",
	    ra != NULL ? sa : "-");
	return (buf);
}

/* Order keys by venue, rule, subject for the table. */
static int
bench_keyref_cmp(const void *pa, const void *pb)
{
	const struct bench_key	*a = *(const struct bench_key *const *)pa;
	const struct bench_key	*b = *(const struct bench_key *const *)pb;
	int			 c;

	if ((c = strcmp(demo_venues[a->venue].name,
	    demo_venues[b->venue].name)) != 0)
		return (c);
	if ((c = strcmp(a->rule, b->rule)) != 0)
		return (c);
	return (strcmp(a->subject, b->subject));
}

/* Print the per (venue, rule, subject) table, before -> after. */
int
bench_print_keys(const struct bench_run *rb, const struct bench_run *ra)
{
	const struct bench_key	**all;
	unsigned		  n = 0, i;
	char			  c[6][48];

	all = calloc((rb ? rb->nkeys : 0) + (ra ? ra->nkeys : 0) + 1,
	    sizeof(*all));
	if (all == NULL)
		return (-1);
	for (i = 0; rb != NULL && i < rb->nkeys; i++)
		all[n++] = &rb->keys[i];
	for (i = 0; ra != NULL && i < ra->nkeys; i++) {
		const struct bench_key	*k = &ra->keys[i];

		if (rb == NULL || bench_key_find(rb,
		    demo_venues[k->venue].name, k->rule, k->subject) == NULL)
			all[n++] = k;
	}
	qsort(all, n, sizeof(all[0]), bench_keyref_cmp);
	printf("| venue | rule | subject | alerts | most in 10 min | fired | "
	    "resolved | flapping | settled |\n");
	printf("|---|---|---|---|---|---|---|---|---|\n");
	for (i = 0; i < n; i++) {
		const char		*vn = demo_venues[all[i]->venue].name;
		const struct bench_key	*kb = NULL, *ka = NULL, z = { 0 };

		if (rb != NULL)
			kb = bench_key_find(rb, vn, all[i]->rule,
			    all[i]->subject);
		if (ra != NULL)
			ka = bench_key_find(ra, vn, all[i]->rule,
			    all[i]->subject);
		if (kb == NULL)
			kb = &z;
		if (ka == NULL)
			ka = &z;
		printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", vn,
		    all[i]->rule, all[i]->subject,
		    bench_cell(c[0], 48, rb, ra, kb->ids, ka->ids),
		    bench_cell(c[1], 48, rb, ra, kb->win_max, ka->win_max),
		    bench_cell(c[2], 48, rb, ra, kb->fire, ka->fire),
		    bench_cell(c[3], 48, rb, ra, kb->resolve, ka->resolve),
		    bench_cell(c[4], 48, rb, ra, kb->flapping, ka->flapping),
		    bench_cell(c[5], 48, rb, ra, kb->settled, ka->settled));
	}
	free(all);
	return (0);
}

/* Most alerts any (venue, rule, subject) opened in one window. */
static unsigned
bench_worst_window(const struct bench_run *r)
{
	unsigned	i, m = 0;

	for (i = 0; i < r->nkeys; i++)
		if (r->keys[i].win_max > m)
			m = r->keys[i].win_max;
	return (m);
}

/* Most rows any (venue, subject) held at once. */
static unsigned
bench_worst_subject(const struct bench_run *r)
{
	unsigned	i, m = 0;

	for (i = 0; i < r->nsubjects; i++)
		if (r->subjects[i].max_rows > m)
			m = r->subjects[i].max_rows;
	return (m);
}

/* Print the overall table, before | after | target. */
void
bench_print_totals(const struct bench_run *const runs[BENCH_MODES])
{
	char		 c[BENCH_MODES][64];
	unsigned	 m;
	const char	*t;

#define ROW(label, target, fmt, ...) do {				\
	for (m = 0; m < BENCH_MODES; m++) {				\
		const struct bench_run *r = runs[m];			\
		if (r == NULL)						\
			snprintf(c[m], sizeof(c[m]), "-");		\
		else							\
			snprintf(c[m], sizeof(c[m]), fmt, __VA_ARGS__);	\
	}								\
	printf("| %s | %s | %s | %s |\n", label, c[0], c[1], target);	\
} while (0)
	printf("| measure | before | after | target |\n");
	printf("|---|---|---|---|\n");
	ROW("distinct alerts", "—", "%u", r->ids);
	ROW("most alerts of one (venue, rule, subject) in 10 min", "≤ 3",
	    "%u", bench_worst_window(r));
	ROW("most queue rows at any moment", "—", "%u", r->max_rows);
	ROW("most rows of one (venue, subject) at any moment", "≤ 1", "%u",
	    bench_worst_subject(r));
	for (m = 0; m < BENCH_MODES; m++) {
		char	a[24], l[24];

		if (runs[m] == NULL) {
			snprintf(c[m], sizeof(c[m]), "-");
			continue;
		}
		snprintf(c[m], sizeof(c[m]), "%s (linger %s)",
		    runs[m]->max_age == 0 ? "none" :
		    text_duration(a, sizeof(a), runs[m]->max_age, 2),
		    runs[m]->qopts.linger_ms == QUEUE_LINGER_FOREVER ?
		    "none" : text_duration(l, sizeof(l),
		    runs[m]->qopts.linger_ms, 2));
	}
	t = "≤ linger";
	printf("| oldest resolved alert still in the queue | %s | %s | %s |\n",
	    c[0], c[1], t);
	ROW("stream messages published / received", "equal",
	    "%" PRIu64 " / %" PRIu64, r->published, r->received);
	ROW("queues built (one per tick)", "—", "%u", r->builds);
	ROW("real time for the run", "—", "%.1f s", r->wall_s);
#undef ROW
}

/* A target missed: when, and what to say. */
struct bench_miss {
	uint64_t	at;
	char		text[256];
};

/* Order misses by when they first happened. */
static int
bench_miss_cmp(const void *pa, const void *pb)
{
	const struct bench_miss	*a = pa, *b = pb;

	return (a->at < b->at ? -1 : a->at > b->at);
}

/*
 * Check the targets on run r; when show, print each miss (venue, rule or
 * subject, and when it first happened), earliest first. Returns the
 * number of misses, or -1 out of memory.
 */
int
bench_check(const struct bench_run *r, const struct bench_opts *o, int show)
{
	struct bench_miss	*ms;
	unsigned		 i, n = 0;
	char			 w[32], a[32], l[32];

	if ((ms = calloc(r->nkeys + r->nsubjects + 1, sizeof(*ms))) == NULL)
		return (-1);
	for (i = 0; i < r->nkeys; i++) {
		const struct bench_key	*k = &r->keys[i];

		if (k->win_max <= BENCH_ALERTS_PER_WINDOW)
			continue;
		ms[n].at = k->win_at;
		snprintf(ms[n++].text, sizeof(ms[0].text), "%s/%s/%s: %u "
		    "alerts opened within 10 min from scenario time %s "
		    "(target: at most %d)", demo_venues[k->venue].name,
		    k->rule, k->subject, k->win_max, bench_when(r, o,
		    k->win_at, w, sizeof(w)), BENCH_ALERTS_PER_WINDOW);
	}
	for (i = 0; i < r->nsubjects; i++) {
		const struct bench_subject	*s = &r->subjects[i];

		if (s->max_rows <= 1)
			continue;
		ms[n].at = s->first_over;
		snprintf(ms[n++].text, sizeof(ms[0].text), "%s/%s: more "
		    "than one queue row from scenario time %s, %u at most "
		    "(at %s) (target: one row per subject)",
		    demo_venues[s->venue].name, s->subject,
		    bench_when(r, o, s->first_over, a, sizeof(a)),
		    s->max_rows, bench_when(r, o, s->max_at, w, sizeof(w)));
	}
	if (r->max_age > 0 && (r->qopts.linger_ms == QUEUE_LINGER_FOREVER ||
	    r->max_age > r->qopts.linger_ms)) {
		ms[n].at = r->max_age_at;
		snprintf(ms[n++].text, sizeof(ms[0].text), "%s/%s/%s: alert "
		    "%" PRIu64 " still in the queue %s after it resolved, at "
		    "scenario time %s (target: the linger, %s)",
		    demo_venues[r->max_age_venue].name, r->max_age_rule,
		    r->max_age_subject, r->max_age_id,
		    text_duration(a, sizeof(a), r->max_age, 2),
		    bench_when(r, o, r->max_age_at, w, sizeof(w)),
		    r->qopts.linger_ms == QUEUE_LINGER_FOREVER ?
		    "none: resolved rows never leave" :
		    text_duration(l, sizeof(l), r->qopts.linger_ms, 2));
	}
	qsort(ms, n, sizeof(ms[0]), bench_miss_cmp);
	for (i = 0; show && i < n && i < BENCH_MISSES_SHOWN; i++)
		printf("%s: MISS %s\n", bench_mode_names[r->mode],
		    ms[i].text);
	if (show && n > BENCH_MISSES_SHOWN)
		printf("%s: ... and %u more misses\n",
		    bench_mode_names[r->mode], n - BENCH_MISSES_SHOWN);
	free(ms);
	return ((int)n);
}
