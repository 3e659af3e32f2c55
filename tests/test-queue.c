/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-queue.c: the console's alert queue (src/core/queue.h). A table of named
 * cases: each puts alerts into a real store through store_apply, builds
 * the queue and states every line of it in order: which alert, whether it
 * is folded, how many fold under it, and what inhibits it. Then linger,
 * the filter, a short output array and the stake of an alert.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/queue.h"
#include "unit-fixtures.h"

#define NO	FOHP_STAKE_NONE

/* An alert of a case: the store gets it as an alert message. */
struct qa {
	const char		*venue;		/* "arena" or "club" */
	uint64_t		 id;
	const char		*subject;
	enum fohp_severity	 sev;
	enum fohp_alert_state	 st;
	enum fohp_rule_kind	 rk;
	uint64_t		 since;
	enum fohp_stake		 stake;
};

/* A line of the queue the case expects. */
struct ql {
	uint64_t	id;
	int		folded;
	unsigned	nfolded;
	uint64_t	inhibited_by;
};

struct queue_case {
	const char	*name;
	int		 group;
	struct qa	 alerts[8];
	struct ql	 want[8];	/* in order; id 0 ends */
};

#define FIRE	FOHP_AS_FIRING
#define ACK	FOHP_AS_ACKED
#define SHELF	FOHP_AS_SHELVED
#define FLAP	FOHP_AS_FLAPPING
#define RES	FOHP_AS_RESOLVED
#define THR	FOHP_RK_THRESHOLD
#define FC	FOHP_RK_FORECAST
#define DRIFT	FOHP_RK_DRIFT
#define STATUS	FOHP_RK_STATUS
#define EXT	FOHP_RK_EXTERNAL

static const struct queue_case queue_cases[] = {
	/* Order. */
	{ "severity first, whatever is at stake", 1, {
	    { "club", 1, "dance", W, FIRE, THR, 1, NO },
	    { "club", 2, "counter", C, FIRE, DRIFT, 5, NO } },
	  { { 2, 0, 0, 0 }, { 1, 0, 0, 0 } } },
	{ "external safety critical above an older model drift critical", 1, {
	    { "club", 1, "counter", C, FIRE, DRIFT, 1, NO },
	    { "club", 2, "dance", C, FIRE, EXT, 10, NO } },
	  { { 2, 0, 0, 0 }, { 1, 0, 0, 0 } } },
	{ "equipment between safety and model", 1, {
	    { "club", 1, "counter", C, FIRE, DRIFT, 1, NO },
	    { "club", 2, "amp", C, FIRE, STATUS, 2, NO },
	    { "club", 3, "dance", C, FIRE, THR, 3, NO } },
	  { { 3, 0, 0, 0 }, { 2, 0, 0, 0 }, { 1, 0, 0, 0 } } },
	{ "the agent's stake wins over the rule kind", 1, {
	    { "club", 1, "dance", C, FIRE, THR, 1, FOHP_STAKE_MODEL },
	    { "club", 2, "amp", C, FIRE, STATUS, 2, NO } },
	  { { 2, 0, 0, 0 }, { 1, 0, 0, 0 } } },
	{ "unattended (firing, flapping) before acked and shelved", 1, {
	    { "arena", 1, "floor", W, ACK, THR, 1, NO },
	    { "arena", 2, "pit", W, SHELF, THR, 2, NO },
	    { "club", 3, "bar", W, FIRE, THR, 3, NO },
	    { "club", 4, "dance", W, FLAP, THR, 4, NO } },
	  { { 3, 0, 0, 0 }, { 4, 0, 0, 0 }, { 1, 0, 0, 0 },
	    { 2, 0, 0, 0 } } },
	{ "oldest first, then venue and id", 1, {
	    { "club", 7, "bar", W, FIRE, THR, 5, NO },
	    { "arena", 9, "pit", W, FIRE, THR, 5, NO },
	    { "arena", 8, "floor", W, FIRE, THR, 5, NO },
	    { "club", 6, "dance", W, FIRE, THR, 6, NO } },
	  { { 8, 0, 0, 0 }, { 9, 0, 0, 0 }, { 7, 0, 0, 0 },
	    { 6, 0, 0, 0 } } },
	{ "resolved last, below an info", 1, {
	    { "club", 1, "dance", C, RES, THR, 1, NO },
	    { "club", 2, "bar", I, FIRE, THR, 9, NO } },
	  { { 2, 0, 0, 0 }, { 1, 0, 0, 0 } } },

	/* Groups and inhibition. */
	{ "one row per venue and subject: the worst, the rest inhibited", 1, {
	    { "club", 1, "dance", W, FIRE, THR, 1, NO },
	    { "club", 2, "dance", W, FIRE, FC, 2, NO },
	    { "club", 3, "dance", C, FIRE, THR, 5, NO },
	    { "club", 4, "bar", W, FIRE, THR, 3, NO } },
	  { { 3, 0, 2, 0 }, { 1, 1, 0, 3 }, { 2, 1, 0, 3 },
	    { 4, 0, 0, 0 } } },
	{ "a warning row folds an info, inhibiting nothing", 1, {
	    { "club", 1, "bar", I, FIRE, THR, 1, NO },
	    { "club", 2, "bar", W, FIRE, THR, 2, NO } },
	  { { 2, 0, 1, 0 }, { 1, 1, 0, 0 } } },
	{ "two criticals of a subject: the first inhibits, none inhibited", 1, {
	    { "club", 1, "dance", C, FIRE, THR, 2, NO },
	    { "club", 2, "dance", C, FIRE, FC, 1, NO },
	    { "club", 3, "dance", W, FIRE, THR, 3, NO } },
	  { { 2, 0, 2, 0 }, { 1, 1, 0, 0 }, { 3, 1, 0, 2 } } },
	{ "an acknowledged critical still inhibits", 1, {
	    { "club", 1, "dance", C, ACK, THR, 1, NO },
	    { "club", 2, "dance", W, FIRE, THR, 2, NO } },
	  { { 1, 0, 1, 0 }, { 2, 1, 0, 1 } } },
	{ "a resolved critical inhibits nothing and folds last", 1, {
	    { "club", 1, "dance", C, RES, THR, 1, NO },
	    { "club", 2, "dance", W, FIRE, THR, 2, NO } },
	  { { 2, 0, 1, 0 }, { 1, 1, 0, 0 } } },
	{ "a resolved warning is not inhibited: it folds last", 1, {
	    { "club", 1, "dance", W, RES, THR, 1, NO },
	    { "club", 2, "dance", C, FIRE, THR, 2, NO },
	    { "club", 3, "dance", I, SHELF, THR, 3, NO } },
	  { { 2, 0, 2, 0 }, { 3, 1, 0, 2 }, { 1, 1, 0, 0 } } },
	{ "external alerts keep their own rows and are not inhibited", 1, {
	    { "club", 1, "dance", C, FIRE, THR, 1, NO },
	    { "club", 2, "dance", C, FIRE, EXT, 2, NO },
	    { "club", 3, "dance", W, FIRE, EXT, 3, NO },
	    { "club", 4, "dance", W, FIRE, THR, 4, NO } },
	  { { 1, 0, 1, 0 }, { 4, 1, 0, 1 }, { 2, 0, 0, 0 },
	    { 3, 0, 0, 0 } } },
	{ "an external critical inhibits nothing", 1, {
	    { "club", 1, "dance", C, FIRE, EXT, 1, NO },
	    { "club", 2, "dance", W, FIRE, THR, 2, NO } },
	  { { 1, 0, 0, 0 }, { 2, 0, 0, 0 } } },
	{ "same subject in two venues: two rows, no inhibition across", 1, {
	    { "arena", 1, "floor", C, FIRE, THR, 1, NO },
	    { "club", 2, "floor", W, FIRE, THR, 2, NO } },
	  { { 1, 0, 0, 0 }, { 2, 0, 0, 0 } } },
	{ "not another subject's warnings", 1, {
	    { "club", 1, "dance", C, FIRE, THR, 1, NO },
	    { "club", 2, "bar", W, FIRE, THR, 2, NO } },
	  { { 1, 0, 0, 0 }, { 2, 0, 0, 0 } } },
	{ "alerts with no subject are rows of their own", 1, {
	    { "club", 1, "", C, FIRE, THR, 1, NO },
	    { "club", 2, "", W, FIRE, THR, 2, NO } },
	  { { 1, 0, 0, 0 }, { 2, 0, 0, 0 } } },
	{ "no grouping: every alert a row, nothing inhibited", 0, {
	    { "club", 1, "dance", W, FIRE, THR, 1, NO },
	    { "club", 2, "dance", C, FIRE, THR, 2, NO } },
	  { { 2, 0, 0, 0 }, { 1, 0, 0, 0 } } },
};

/* Layout of a venue: zones floor, pit (arena) or dance, bar, floor. */
static void
queue_layout(struct store *s, struct store_venue *v, const char *id,
    uint64_t *seq)
{
	struct fohp_msg	*m = calloc(1, sizeof(*m));
	const char	*zones[3];
	unsigned	 i, n;

	assert_non_null(m);
	m->v = FOHP_VERSION;
	strcpy(m->venue, id);
	m->epoch = T0;
	m->seq = ++*seq;
	m->ts_ms = T0;
	m->kind = FOHP_LAYOUT;
	strcpy(m->u.layout.name, id);
	m->u.layout.grid_w = m->u.layout.grid_h = 10;
	if (strcmp(id, "arena") == 0) {
		zones[0] = "floor";
		zones[1] = "pit";
		n = 2;
	} else {
		zones[0] = "dance";
		zones[1] = "bar";
		zones[2] = "floor";
		n = 3;
	}
	m->u.layout.nzones = (uint16_t)n;
	for (i = 0; i < n; i++) {
		strcpy(m->u.layout.zones[i].id, zones[i]);
		m->u.layout.zones[i].w = m->u.layout.zones[i].h = 2;
		m->u.layout.zones[i].area_m2 = 10;
	}
	store_apply(s, v, m, 1);
	free(m);
}

/* Apply one alert of a case to the store at now_ms (local monotonic). */
static void
queue_alert(struct store *s, const struct qa *q, uint64_t *seq,
    uint64_t now_ms)
{
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	struct store_venue	*v = store_venue_find(s, q->venue);
	struct fohp_alert	*a = &m->u.alert;

	assert_non_null(m);
	assert_non_null(v);
	m->v = FOHP_VERSION;
	strcpy(m->venue, q->venue);
	m->epoch = T0;
	m->seq = ++*seq;
	m->ts_ms = T0 + m->seq;
	m->kind = FOHP_ALERT;
	a->id = q->id;
	snprintf(a->rule, sizeof(a->rule), "r%llu", (unsigned long long)q->id);
	strcpy(a->subject, q->subject);
	a->severity = q->sev;
	a->state = q->st;
	a->rkind = q->rk;
	a->since_ms = T0 + q->since * 1000;
	a->stake = q->stake;
	snprintf(a->title, sizeof(a->title), "alert %llu",
	    (unsigned long long)q->id);
	if (q->st == FOHP_AS_RESOLVED)
		a->resolved_ms = a->since_ms;
	store_apply(s, v, m, now_ms);
	free(m);
}

/* A store with both venues laid out; seq is where each venue's stream is. */
static struct store *
queue_store(uint64_t seq[2])
{
	struct store	*s = store_new();

	assert_non_null(s);
	seq[0] = seq[1] = 0;
	queue_layout(s, store_venue_add(s, "arena"), "arena", &seq[0]);
	queue_layout(s, store_venue_add(s, "club"), "club", &seq[1]);
	return (s);
}

/* Put a case's alerts into a new store, all applied at now_ms. */
static struct store *
queue_fill(const struct qa *alerts, unsigned n, uint64_t now_ms)
{
	uint64_t	 seq[2];
	struct store	*s = queue_store(seq);
	unsigned	 i;

	for (i = 0; i < n && alerts[i].venue != NULL; i++)
		queue_alert(s, &alerts[i], &seq[strcmp(alerts[i].venue,
		    "arena") == 0 ? 0 : 1], now_ms);
	return (s);
}

/* The alert id of a queue item. */
static uint64_t
queue_id(const struct store *s, const struct queue_item *it)
{
	return (s->venues[it->venue]->alerts[it->index].id);
}

/* Every case of the table. */
static void
test_queue_table(void **state)
{
	struct queue_item	out[16];
	struct queue_opts	o;
	size_t			i;
	unsigned		n, k, nwant;

	(void)state;
	for (i = 0; i < sizeof(queue_cases) / sizeof(queue_cases[0]); i++) {
		const struct queue_case	*c = &queue_cases[i];
		struct store		*s = queue_fill(c->alerts, 8, 1000);

		memset(&o, 0, sizeof(o));
		o.group = c->group;
		o.linger_ms = QUEUE_LINGER_FOREVER;
		n = queue_build(s, &o, 2000, out, 16);
		for (nwant = 0; nwant < 8 && c->want[nwant].id != 0; nwant++)
			;
		if (n != nwant)
			fail_msg("%s: %u lines, want %u", c->name, n, nwant);
		for (k = 0; k < n; k++) {
			const struct ql	*w = &c->want[k];
			uint64_t	 id = queue_id(s, &out[k]);

			if (id != w->id || out[k].folded != w->folded ||
			    out[k].nfolded != w->nfolded ||
			    out[k].inhibited_by != w->inhibited_by)
				fail_msg("%s: line %u is #%llu folded %d "
				    "nfolded %u inhibited by %llu; want #%llu "
				    "%d %u %llu", c->name, k,
				    (unsigned long long)id, out[k].folded,
				    out[k].nfolded,
				    (unsigned long long)out[k].inhibited_by,
				    (unsigned long long)w->id, w->folded,
				    w->nfolded,
				    (unsigned long long)w->inhibited_by);
			/* The one-alert question agrees with the queue. */
			if (c->group && out[k].inhibited_by !=
			    queue_inhibitor(s->venues[out[k].venue],
			    &s->venues[out[k].venue]->alerts[out[k].index]))
				fail_msg("%s: line %u: queue_inhibitor says "
				    "otherwise", c->name, k);
			/* A row is its own head; a folded line points at
			 * the row above it that it folds under. */
			if (!out[k].folded && out[k].head != k)
				fail_msg("%s: row %u heads %u", c->name, k,
				    out[k].head);
			if (out[k].folded && (out[k].head >= k ||
			    out[out[k].head].folded))
				fail_msg("%s: line %u folds under %u", c->name,
				    k, out[k].head);
		}
		store_free(s);
	}
}

/*
 * A resolved alert stays linger_ms after the store first held it resolved,
 * on the console's clock, then leaves; open alerts never do; forever is
 * forever; a row that leaves takes nothing else with it.
 */
static void
test_queue_linger(void **state)
{
	static const struct qa	alerts[] = {
		{ "club", 1, "dance", C, FIRE, THR, 1, NO },
		{ "club", 2, "bar", W, FIRE, THR, 2, NO },
	};
	static const struct qa	gone = { "club", 2, "bar", W, RES, THR, 3, NO };
	struct queue_item	out[4];
	struct queue_opts	o;
	uint64_t		seq[2];
	struct store		*s = queue_store(seq);

	(void)state;
	queue_alert(s, &alerts[0], &seq[1], 1000);
	queue_alert(s, &alerts[1], &seq[1], 1000);
	queue_alert(s, &gone, &seq[1], 50000);	/* resolved at 50 s */
	memset(&o, 0, sizeof(o));
	o.group = 1;
	o.linger_ms = 30000;
	assert_int_equal(queue_build(s, &o, 50000, out, 4), 2);
	assert_int_equal(queue_build(s, &o, 79999, out, 4), 2);
	assert_int_equal(queue_id(s, &out[1]), 2);
	assert_int_equal(queue_build(s, &o, 80000, out, 4), 1);
	assert_int_equal(queue_id(s, &out[0]), 1);
	assert_int_equal(queue_build(s, &o, 10000000, out, 4), 1);
	/* The agent's resolved_ms is not the clock: it is long past. */
	o.linger_ms = 0;
	assert_int_equal(queue_build(s, &o, 50000, out, 4), 1);
	o.linger_ms = QUEUE_LINGER_FOREVER;
	assert_int_equal(queue_build(s, &o, UINT64_MAX / 2, out, 4), 2);
	store_free(s);
}

/* A filter: only warnings. */
static int
queue_only_warnings(void *arg, const struct store_venue *v,
    const struct fohp_alert *a)
{
	(void)v;
	++*(unsigned *)arg;
	return (a->severity == FOHP_SEV_WARNING);
}

/*
 * The filter leaves alerts out before grouping: a warning whose critical
 * is filtered out is a row of its own, and nothing inhibits it.
 */
static void
test_queue_filter(void **state)
{
	static const struct qa	alerts[] = {
		{ "club", 1, "dance", C, FIRE, THR, 1, NO },
		{ "club", 2, "dance", W, FIRE, THR, 2, NO },
		{ "club", 3, "dance", W, FIRE, FC, 3, NO },
		{ "club", 4, "bar", I, FIRE, THR, 4, NO },
	};
	struct queue_item	out[8];
	struct queue_opts	o;
	struct store		*s = queue_fill(alerts, 4, 1000);
	unsigned		calls = 0;

	(void)state;
	memset(&o, 0, sizeof(o));
	o.group = 1;
	o.linger_ms = QUEUE_LINGER_FOREVER;
	o.match = queue_only_warnings;
	o.arg = &calls;
	assert_int_equal(queue_build(s, &o, 2000, out, 8), 2);
	assert_int_equal(calls, 4);
	assert_int_equal(queue_id(s, &out[0]), 2);
	assert_int_equal(out[0].folded, 0);
	assert_int_equal(out[0].nfolded, 1);
	assert_int_equal(out[0].inhibited_by, 0);
	assert_int_equal(queue_id(s, &out[1]), 3);
	assert_int_equal(out[1].folded, 1);
	assert_int_equal(out[1].inhibited_by, 0);
	store_free(s);
}

/*
 * max smaller than the queue: the first max lines are written, nothing
 * past them, and the count is of all; max 0 only counts.
 */
static void
test_queue_max(void **state)
{
	static const struct qa	alerts[] = {
		{ "club", 1, "dance", C, FIRE, THR, 1, NO },
		{ "club", 2, "dance", W, FIRE, THR, 2, NO },
		{ "club", 3, "bar", W, FIRE, THR, 3, NO },
		{ "arena", 4, "floor", W, FIRE, THR, 4, NO },
		{ "arena", 5, "pit", I, FIRE, THR, 5, NO },
	};
	struct queue_item	out[4];
	struct queue_opts	o;
	struct store		*s = queue_fill(alerts, 5, 1000);

	(void)state;
	memset(&o, 0, sizeof(o));
	o.group = 1;
	o.linger_ms = QUEUE_LINGER_FOREVER;
	memset(out, 0xa5, sizeof(out));
	assert_int_equal(queue_build(s, &o, 2000, out, 3), 5);
	assert_int_equal(queue_id(s, &out[0]), 1);
	assert_int_equal(out[0].nfolded, 1);
	assert_int_equal(queue_id(s, &out[1]), 2);
	assert_int_equal(queue_id(s, &out[2]), 3);
	assert_int_equal(out[3].venue, 0xa5a5a5a5u);
	assert_int_equal(queue_build(s, &o, 2000, NULL, 0), 5);
	store_free(s);
	/* An empty store: nothing. */
	s = store_new();
	assert_int_equal(queue_build(s, &o, 2000, out, 4), 0);
	store_free(s);
}

/* What is at stake, and the comparison's ties. */
static void
test_queue_stake(void **state)
{
	static const struct qa	alerts[] = {
		{ "club", 1, "dance", W, FIRE, THR, 1, NO },
		{ "club", 2, "amp", W, FIRE, THR, 1, NO },
		{ "club", 3, "counter", W, FIRE, DRIFT, 1, NO },
		{ "club", 4, "amp", W, FIRE, FOHP_RK_RUL, 1, NO },
		{ "club", 5, "bar", W, FIRE, EXT, 1, NO },
		{ "club", 6, "dance", W, FIRE, THR, 1, FOHP_STAKE_EQUIPMENT },
		{ "club", 7, "bar", W, FIRE, THR, 1, NO },
	};
	struct store		*s = queue_fill(alerts, 7, 1000);
	struct store_venue	*v = store_venue_find(s, "club");
	const struct fohp_alert	*a = v->alerts;

	(void)state;
	assert_int_equal(v->nalerts, 7);
	assert_int_equal(queue_stake(v, &a[0]), FOHP_STAKE_SAFETY);
	/* Not a zone, not a known device: with the people. */
	assert_int_equal(queue_stake(v, &a[1]), FOHP_STAKE_SAFETY);
	assert_int_equal(queue_stake(v, &a[2]), FOHP_STAKE_MODEL);
	assert_int_equal(queue_stake(v, &a[3]), FOHP_STAKE_EQUIPMENT);
	assert_int_equal(queue_stake(v, &a[4]), FOHP_STAKE_SAFETY);
	assert_int_equal(queue_stake(v, &a[5]), FOHP_STAKE_EQUIPMENT);
	assert_int_equal(queue_cmp(v, &a[0], v, &a[6]), 0);
	assert_true(queue_cmp(v, &a[0], v, &a[2]) < 0);
	assert_true(queue_cmp(v, &a[2], v, &a[0]) > 0);
	assert_true(queue_cmp(v, &a[5], v, &a[0]) > 0);
	store_free(s);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_queue_table),
		cmocka_unit_test(test_queue_linger),
		cmocka_unit_test(test_queue_filter),
		cmocka_unit_test(test_queue_max),
		cmocka_unit_test(test_queue_stake),
	};

	return (cmocka_run_group_tests_name("queue", tests, NULL, NULL));
}
