/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-console.c: the console's clocks. The agent-clock estimate and a
 * request's deadline (feed.c), request ids, and a raster's freshness
 * across agent clock steps (store.c), each as a table of named cases.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "console/feed.h"
#include "core/store.h"

struct console_clock_case {
	const char	*name;
	uint64_t	 last_ts, heard, now, wall;
	uint64_t	 want;
};

static const struct console_clock_case console_clock_cases[] = {
	{ "nothing heard: the local wall clock", 0, 0, 5000, 1700000000000ULL,
	  1700000000000ULL },
	{ "just heard: its ts", 1700000000000ULL, 5000, 5000, 1,
	  1700000000000ULL },
	{ "heard 2.5 s ago: its ts + 2.5 s", 1700000000000ULL, 5000, 7500, 1,
	  1700000002500ULL },
	{ "agent 1 h behind the local clock", 1700000000000ULL, 100, 1100,
	  1700003600000ULL, 1700000001000ULL },
	{ "agent 1 h ahead of the local clock", 1700003600000ULL, 100, 100,
	  1700000000000ULL, 1700003600000ULL },
	{ "heard 'after' now (clocks read apart): no negative wait",
	  1700000000000ULL, 9000, 8000, 1, 1700000000000ULL },
	{ "an agent clock stepped back 60 s: the latest ts, not the highest",
	  1699999940000ULL, 200, 200, 1, 1699999940000ULL },
};

/* The agent's clock: last ts + the local monotonic time since. */
static void
test_console_agent_clock(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(console_clock_cases) /
	    sizeof(console_clock_cases[0]); i++) {
		const struct console_clock_case *c = &console_clock_cases[i];
		uint64_t got = feed_agent_clock(c->last_ts, c->heard, c->now,
		    c->wall);

		if (got != c->want)
			fail_msg("%s: got %llu, want %llu", c->name,
			    (unsigned long long)got,
			    (unsigned long long)c->want);
	}
}

/* A deadline is the estimate plus the wait, on the agent's clock. */
static void
test_console_deadline(void **state)
{
	struct feed	*f = calloc(1, sizeof(*f));

	(void)state;
	assert_non_null(f);
	/* Nothing heard: this host's clock. */
	assert_int_equal(feed_deadline(f, 1000, 1700000000000ULL,
	    FEED_OP_TIMEOUT_MS), 1700000010000ULL);
	/* An agent 30 s behind, heard 1 s ago: its clock + 1 s + 10 s. */
	f->agent_ts = 1699999970000ULL;
	f->agent_heard = 4000;
	assert_int_equal(feed_deadline(f, 5000, 1700000000000ULL,
	    FEED_OP_TIMEOUT_MS), 1699999981000ULL);
	free(f);
}

/* Request ids: never 0, not the clock, and no repeat in 100000. */
static int
test_console_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

static void
test_console_ids(void **state)
{
	enum { N = 100000 };
	uint64_t	*ids = malloc(N * sizeof(*ids));
	size_t		 i;

	(void)state;
	assert_non_null(ids);
	for (i = 0; i < N; i++) {
		ids[i] = feed_request_id();
		assert_true(ids[i] != 0);
	}
	qsort(ids, N, sizeof(*ids), test_console_cmp);
	for (i = 1; i < N; i++)
		assert_true(ids[i] != ids[i - 1]);
	free(ids);
}

/* A raster message of agent time ts, applied at local monotonic now. */
static void
test_console_raster_at(struct store *s, struct store_venue *v,
    struct fohp_msg *m, uint64_t seq, uint64_t ts, uint64_t now)
{
	memset(m, 0, sizeof(*m));
	m->v = FOHP_VERSION;
	strcpy(m->venue, "club");
	m->epoch = 1;
	m->seq = seq;
	m->ts_ms = ts;
	m->kind = FOHP_RASTER;
	m->u.raster.cols = m->u.raster.rows = 2;
	m->u.raster.ncells = 4;
	m->u.raster.t_ms = ts;
	(void)store_apply(s, v, m, now);
}

/* Heartbeat of agent time ts at local now. */
static void
test_console_beat(struct store *s, struct store_venue *v, struct fohp_msg *m,
    uint64_t seq, uint64_t ts, uint64_t now)
{
	memset(m, 0, sizeof(*m));
	m->v = FOHP_VERSION;
	strcpy(m->venue, "club");
	m->epoch = 1;
	m->seq = seq;
	m->ts_ms = ts;
	m->kind = FOHP_HEARTBEAT;
	strcpy(m->u.hello.agent, "fohd");
	strcpy(m->u.hello.name, "club");
	m->u.hello.hb_ms = 1000;
	(void)store_apply(s, v, m, now);
}

/*
 * Rasters stay drawn across agent clock steps: after a step back of 60 s
 * and of a day, each new raster is taken and fresh at once; one that
 * stopped coming goes stale by the console's own clock, 30 s on.
 */
static void
test_console_raster_steps(void **state)
{
	struct store		*s = store_new();
	struct store_venue	*v;
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	uint64_t		 t = 1700000000000ULL, now = 100000, seq = 1;

	(void)state;
	assert_non_null(s);
	assert_non_null(m);
	assert_non_null(v = store_venue_add(s, "club"));
	v->grid_w = v->grid_h = 4;
	/* A first message sets the epoch; then rasters and heartbeats. */
	test_console_beat(s, v, m, seq++, t, now);
	v->grid_w = v->grid_h = 4;
	test_console_raster_at(s, v, m, seq++, t, now);
	assert_true(store_raster_fresh(v, 30000));

	/* The agent's clock steps back 60 s, then a day. */
	now += 1000;
	test_console_raster_at(s, v, m, seq++, t - 60000, now);
	assert_int_equal(v->raster->t_ms, t - 60000);
	assert_true(store_raster_fresh(v, 30000));
	now += 1000;
	test_console_raster_at(s, v, m, seq++, t - 86400000ULL, now);
	assert_int_equal(v->raster->t_ms, t - 86400000ULL);
	test_console_beat(s, v, m, seq++, t - 86400000ULL + 5000, now + 5000);
	assert_true(store_raster_fresh(v, 30000));

	/* Rasters stop; heartbeats go on: stale 30 s later, by local time. */
	test_console_beat(s, v, m, seq++, t - 86400000ULL + 31000,
	    now + 31000);
	assert_false(store_raster_fresh(v, 30000));

	/* A step forward of a day: a new raster is fresh again. */
	now += 40000;
	test_console_raster_at(s, v, m, seq++, t + 86400000ULL, now);
	assert_true(store_raster_fresh(v, 30000));
	/* An older raster (lower seq) is still refused. */
	test_console_raster_at(s, v, m, seq - 3, t, now);
	assert_int_equal(v->raster->t_ms, t + 86400000ULL);
	free(m);
	store_free(s);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_console_agent_clock),
		cmocka_unit_test(test_console_deadline),
		cmocka_unit_test(test_console_ids),
		cmocka_unit_test(test_console_raster_steps),
	};

	return (cmocka_run_group_tests_name("console", tests, NULL, NULL));
}
