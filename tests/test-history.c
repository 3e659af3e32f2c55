/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-history.c: time to acknowledge (src/core/history.c) over the store's
 * ring of resolved alerts, fed through store_apply as a console is: a
 * table of medians, then alerts of each severity fired, acked or not,
 * resolved, escalated, and the ring past its end.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/history.h"
#include "core/store.h"

#define T0	1700000000000ULL

/* history_median: n values, their median and worst. */
static const struct median_case {
	const char	*name;
	unsigned	 n;
	uint64_t	 v[6];
	uint64_t	 median, worst;
} median_cases[] = {
	{ "none", 0, { 0 }, 0, 0 },
	{ "one", 1, { 7000 }, 7000, 7000 },
	{ "odd, unsorted", 3, { 9000, 1000, 4000 }, 4000, 9000 },
	{ "even: mean of the middle two", 4, { 1000, 2000, 4000, 100000 },
	  3000, 100000 },
	{ "even, odd sum rounds down", 2, { 1, 2 }, 1, 2 },
	{ "at the edge of the type", 2, { UINT64_MAX, UINT64_MAX - 2 },
	  UINT64_MAX - 1, UINT64_MAX },
	{ "zeros (acked as it fired)", 3, { 0, 0, 5 }, 0, 5 },
};

/* Each median case. */
static void
test_history_median(void **state)
{
	size_t		i;
	uint64_t	v[6], med, worst;

	(void)state;
	for (i = 0; i < sizeof(median_cases) / sizeof(median_cases[0]); i++) {
		const struct median_case *c = &median_cases[i];

		memcpy(v, c->v, sizeof(v));
		history_median(v, c->n, &med, &worst);
		if (med != c->median || worst != c->worst)
			fail_msg("%s: median %llu worst %llu, want %llu %llu",
			    c->name, (unsigned long long)med,
			    (unsigned long long)worst,
			    (unsigned long long)c->median,
			    (unsigned long long)c->worst);
	}
}

/* Apply one alert event for venue arena to s. */
static void
history_event(struct store *s, struct store_venue *v, uint64_t *seq,
    uint64_t id, enum fohp_severity sev, enum fohp_alert_state st,
    uint64_t since, const char *acked_by, uint64_t acked, uint64_t resolved)
{
	struct fohp_msg	*m = calloc(1, sizeof(*m));

	assert_non_null(m);
	m->v = FOHP_VERSION;
	strcpy(m->venue, "arena");
	m->epoch = T0;
	m->seq = ++*seq;
	m->kind = FOHP_ALERT;
	m->u.alert.id = id;
	strcpy(m->u.alert.rule, "r");
	strcpy(m->u.alert.subject, "floor");
	m->u.alert.severity = sev;
	m->u.alert.state = st;
	m->u.alert.since_ms = since;
	if (acked_by != NULL) {
		strcpy(m->u.alert.acked_by, acked_by);
		m->u.alert.acked_ms = acked;
		m->u.alert.nops = 1;
		m->u.alert.ops[0].t_ms = acked;
		strcpy(m->u.alert.ops[0].op, "ack");
		strcpy(m->u.alert.ops[0].operator_name, acked_by);
		strcpy(m->u.alert.ops[0].note, "on it");
	}
	m->u.alert.resolved_ms = resolved;
	store_apply(s, v, m, *seq);
	free(m);
}

/*
 * Alerts fire, some are acked, all resolve: per severity the counts, the
 * median and the worst; what is still open does not count; a repeat of a
 * resolution is not counted twice; an ack with a clock before the fire
 * counts as 0 s.
 */
static void
test_history_ttack(void **state)
{
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	struct history_ttack	 t[FOHP_SEV_COUNT];
	const struct store_past	*p;
	uint64_t		 seq = 0, ms;

	(void)state;
	history_ttack(s, t);
	assert_int_equal(t[FOHP_SEV_CRITICAL].resolved, 0);
	assert_int_equal(t[FOHP_SEV_CRITICAL].median_ms, 0);

	/* Critical: acked after 10 s, 30 s, 2 min; one never acked. */
	history_event(s, v, &seq, 1, FOHP_SEV_CRITICAL, FOHP_AS_FIRING, T0,
	    NULL, 0, 0);
	history_event(s, v, &seq, 1, FOHP_SEV_CRITICAL, FOHP_AS_ACKED, T0,
	    "ana", T0 + 10000, 0);
	history_event(s, v, &seq, 1, FOHP_SEV_CRITICAL, FOHP_AS_RESOLVED, T0,
	    "ana", T0 + 10000, T0 + 60000);
	history_event(s, v, &seq, 1, FOHP_SEV_CRITICAL, FOHP_AS_RESOLVED, T0,
	    "ana", T0 + 10000, T0 + 60000);	/* a repeat */
	history_event(s, v, &seq, 2, FOHP_SEV_CRITICAL, FOHP_AS_RESOLVED, T0,
	    "bob", T0 + 30000, T0 + 90000);
	history_event(s, v, &seq, 3, FOHP_SEV_CRITICAL, FOHP_AS_RESOLVED, T0,
	    "ana", T0 + 120000, T0 + 130000);
	history_event(s, v, &seq, 4, FOHP_SEV_CRITICAL, FOHP_AS_RESOLVED, T0,
	    NULL, 0, T0 + 5000);
	/* Warning: one acked "before" it fired (clocks), one still open. */
	history_event(s, v, &seq, 5, FOHP_SEV_WARNING, FOHP_AS_RESOLVED, T0,
	    "cy", T0 - 3000, T0 + 1000);
	history_event(s, v, &seq, 6, FOHP_SEV_WARNING, FOHP_AS_ACKED, T0,
	    "cy", T0 + 1000, 0);
	history_ttack(s, t);
	assert_int_equal(t[FOHP_SEV_CRITICAL].resolved, 4);
	assert_int_equal(t[FOHP_SEV_CRITICAL].acked, 3);
	assert_int_equal(t[FOHP_SEV_CRITICAL].median_ms, 30000);
	assert_int_equal(t[FOHP_SEV_CRITICAL].worst_ms, 120000);
	assert_int_equal(t[FOHP_SEV_WARNING].resolved, 1);
	assert_int_equal(t[FOHP_SEV_WARNING].acked, 1);
	assert_int_equal(t[FOHP_SEV_WARNING].median_ms, 0);
	assert_int_equal(t[FOHP_SEV_INFO].resolved, 0);

	/* Newest first; the fields the view shows. */
	p = store_past_get(s, 0);
	assert_non_null(p);
	assert_int_equal(p->id, 5);
	p = store_past_get(s, 1);
	assert_int_equal(p->id, 4);
	assert_false(history_acked(p, NULL));
	assert_int_equal(history_lasted(p), 5000);
	p = store_past_get(s, 4);
	assert_int_equal(p->id, 1);
	assert_true(history_acked(p, &ms));
	assert_int_equal(ms, 10000);
	assert_string_equal(p->acked_by, "ana");
	assert_int_equal(history_lasted(p), 60000);
	assert_int_equal(p->nops, 1);
	assert_string_equal(p->ops[0].note, "on it");
	assert_null(store_past_get(s, 5));
	store_free(s);
}

/* Past the ring's end: only the latest STORE_PAST_MAX count. */
static void
test_history_ring(void **state)
{
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	struct history_ttack	 t[FOHP_SEV_COUNT];
	uint64_t		 seq = 0, i;

	(void)state;
	/* The first 100 are acked after 1 h; the later ones after i s. */
	for (i = 1; i <= STORE_PAST_MAX + 100; i++)
		history_event(s, v, &seq, i, FOHP_SEV_INFO, FOHP_AS_RESOLVED,
		    T0, "ana", T0 + (i <= 100 ? 3600000 : i * 1000),
		    T0 + 7200000);
	history_ttack(s, t);
	assert_int_equal(t[FOHP_SEV_INFO].resolved, STORE_PAST_MAX);
	assert_int_equal(t[FOHP_SEV_INFO].acked, STORE_PAST_MAX);
	assert_int_equal(t[FOHP_SEV_INFO].worst_ms,
	    (STORE_PAST_MAX + 100) * 1000ULL);
	/* 101..612: the mean of the middle two, 356 s and 357 s. */
	assert_int_equal(t[FOHP_SEV_INFO].median_ms, 356500);
	store_free(s);
}

/*
 * A resolved alert with more ops than the history keeps: the first (the
 * ack) and the latest ones (how it ended) are kept, in order.
 */
static void
test_history_ops(void **state)
{
	struct store		*s = store_new();
	struct store_venue	*v;
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	const struct store_past	*p;
	unsigned		 i;

	(void)state;
	assert_non_null(s);
	assert_non_null(m);
	v = store_venue_add(s, "arena");
	m->v = FOHP_VERSION;
	strcpy(m->venue, "arena");
	m->epoch = T0;
	m->seq = 1;
	m->kind = FOHP_ALERT;
	m->u.alert.id = 7;
	strcpy(m->u.alert.rule, "r");
	strcpy(m->u.alert.subject, "floor");
	m->u.alert.state = FOHP_AS_RESOLVED;
	m->u.alert.resolved_ms = T0 + 99000;
	m->u.alert.nops = 12;
	for (i = 0; i < 12; i++) {
		m->u.alert.ops[i].t_ms = T0 + i * 1000;
		strcpy(m->u.alert.ops[i].op, i == 0 ? "ack" :
		    i == 11 ? "ack-ended" : "comment");
		snprintf(m->u.alert.ops[i].note, sizeof(m->u.alert.ops[i].note),
		    "op %u", i);
	}
	store_apply(s, v, m, 1);
	assert_non_null(p = store_past_get(s, 0));
	assert_int_equal(p->nops, STORE_PAST_OPS);
	assert_string_equal(p->ops[0].note, "op 0");
	assert_string_equal(p->ops[1].note, "op 5");
	assert_string_equal(p->ops[STORE_PAST_OPS - 1].op, "ack-ended");
	assert_int_equal(p->acked_ms, T0);
	free(m);
	store_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_history_median),
		cmocka_unit_test(test_history_ttack),
		cmocka_unit_test(test_history_ring),
		cmocka_unit_test(test_history_ops),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
