/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-series.c: the ring of timed samples and its least-squares line, the
 * part forecast and rul share. Fits are worked by hand beside each case:
 * x = units before the latest sample, slope = Sxy / Sxx, r2 = Sxy^2 /
 * (Sxx Syy), fitted = my - slope * mx.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "core/series.h"

#define SEC	1000ULL
#define MIN	60000ULL
#define H	3600000ULL
#define ANY	NAN		/* not checked */

struct series_case {
	const char	*name;
	unsigned	 cap;
	uint64_t	 step_ms;	/* time between samples */
	unsigned	 n;
	double		 v[8];
	double		 unit_ms;
	int		 rv;		/* series_fit's answer */
	unsigned	 used;
	double		 slope;
	double		 r2;
	double		 fitted;
};

static const struct series_case series_cases[] = {
	/* 1 2 3 4 a minute apart: slope 1 per minute, exact, fitted 4. */
	{ "line per minute", 8, MIN, 4, { 1, 2, 3, 4 }, MIN, 0, 4, 1, 1, 4 },
	/* The same samples in hours: 60 per hour. */
	{ "line per hour", 8, MIN, 4, { 1, 2, 3, 4 }, H, 0, 4, 60, 1, 4 },
	/*
	 * 60 62 61 63 64 an hour apart: x = -4..0, mx = -2, my = 62;
	 * Sxx = 10, Sxy = 9, Syy = 10: slope 0.9, r2 0.81,
	 * fitted = 62 - 0.9 * -2 = 63.8.
	 */
	{ "noisy", 8, H, 5, { 60, 62, 61, 63, 64 }, H, 0, 5, 0.9, 0.81, 63.8 },
	/* Flat: Syy = 0, r2 taken as 0, slope 0, fitted the value. */
	{ "flat", 8, SEC, 3, { 7, 7, 7 }, SEC, 0, 3, 0, 0, 7 },
	/* A ring of 3 keeps 3 4 5 of 1..5: slope 1, fitted 5. */
	{ "ring of 3", 3, SEC, 5, { 1, 2, 3, 4, 5 }, SEC, 0, 3, 1, 1, 5 },
	/* One sample: no line. */
	{ "one sample", 8, SEC, 1, { 3 }, SEC, -1, 1, ANY, ANY, ANY },
	/* Two samples at the same time: Sxx = 0, no line. */
	{ "same time", 8, 0, 2, { 3, 4 }, SEC, -1, 2, ANY, ANY, ANY },
};

/* Compare a fit value unless the case says ANY. */
static void
series_check(const char *name, const char *what, double got, double want)
{
	if (isnan(want)) {
		if (!isnan(got))
			fail_msg("%s: %s %.9g, want NaN", name, what, got);
		return;
	}
	if (isnan(got) || fabs(got - want) > 1e-9 * (1 + fabs(want)))
		fail_msg("%s: %s %.9g, want %.9g", name, what, got, want);
}

/* Every case fits as worked by hand. */
static void
test_series_table(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(series_cases) / sizeof(series_cases[0]); i++) {
		const struct series_case	*c = &series_cases[i];
		struct series			 s;
		struct series_fit		 fit;
		unsigned			 j;
		int				 rv;

		series_init(&s, c->cap);
		for (j = 0; j < c->n; j++)
			series_add(&s, 5000 + j * c->step_ms, c->v[j]);
		rv = series_fit(&s, 0, c->unit_ms, &fit);
		if (rv != c->rv)
			fail_msg("%s: series_fit %d, want %d", c->name, rv,
			    c->rv);
		assert_int_equal(fit.n, c->used);
		series_check(c->name, "slope", fit.slope, c->slope);
		series_check(c->name, "r2", fit.r2, c->r2);
		series_check(c->name, "fitted", fit.fitted, c->fitted);
	}
}

/* The ring keeps its newest cap samples in age order. */
static void
test_series_ring(void **state)
{
	struct series	s;
	unsigned	i;

	(void)state;
	series_init(&s, 4);
	assert_int_equal(s.n, 0);
	for (i = 0; i < 10; i++)
		series_add(&s, i * SEC, 100 + i);
	assert_int_equal(s.n, 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(series_t(&s, i), (6 + i) * SEC);
		assert_true(series_v(&s, i) == 106 + i);
	}
	/* The cap is clamped to 1..SERIES_MAX. */
	series_init(&s, 0);
	assert_int_equal(s.cap, 1);
	series_init(&s, SERIES_MAX + 50);
	assert_int_equal(s.cap, SERIES_MAX);
	for (i = 0; i < SERIES_MAX + 10; i++)
		series_add(&s, i, i);
	assert_int_equal(s.n, SERIES_MAX);
	assert_true(series_v(&s, 0) == 10);
}

/* A zeroed series is an empty one of SERIES_MAX samples. */
static void
test_series_zeroed(void **state)
{
	struct series	s = { .n = 0 };
	unsigned	i;

	(void)state;
	for (i = 0; i < SERIES_MAX + 1; i++)
		series_add(&s, i * SEC, i);
	assert_int_equal(s.n, SERIES_MAX);
	assert_true(series_v(&s, 0) == 1);
	assert_true(series_v(&s, SERIES_MAX - 1) == SERIES_MAX);
}

/* Non-finite values and the past are ignored; equal times are kept. */
static void
test_series_ignored(void **state)
{
	struct series	s;

	(void)state;
	series_init(&s, 8);
	series_add(&s, 10 * SEC, 1);
	series_add(&s, 11 * SEC, NAN);
	series_add(&s, 12 * SEC, INFINITY);
	series_add(&s, 9 * SEC, 5);		/* before the latest */
	series_add(&s, 10 * SEC, 2);		/* same time: kept */
	assert_int_equal(s.n, 2);
	assert_true(series_v(&s, 1) == 2);
	series_add_every(&s, 5 * SEC, 9, SEC);	/* the past, again */
	series_add_every(&s, 13 * SEC, -INFINITY, SEC);
	assert_int_equal(s.n, 2);
}

/* series_add_every replaces the latest until it is a step old. */
static void
test_series_every(void **state)
{
	struct series	s;

	(void)state;
	series_init(&s, 8);
	series_add_every(&s, 0, 1, 10 * SEC);
	series_add_every(&s, 1 * SEC, 2, 10 * SEC);
	assert_int_equal(s.n, 2);		/* under two: always added */
	series_add_every(&s, 2 * SEC, 3, 10 * SEC);
	assert_int_equal(s.n, 2);		/* 1 s after 0: replaced */
	assert_int_equal(series_t(&s, 1), 2 * SEC);
	assert_true(series_v(&s, 1) == 3);
	series_add_every(&s, 10 * SEC, 4, 10 * SEC);
	assert_int_equal(s.n, 2);		/* 2 s after 0: replaced */
	series_add_every(&s, 11 * SEC, 5, 10 * SEC);
	assert_int_equal(s.n, 3);		/* 10 s after 0: added */
	assert_true(series_v(&s, 2) == 5);
}

/* series_first counts back a window from the latest sample. */
static void
test_series_window(void **state)
{
	struct series		s;
	struct series_fit	fit;
	unsigned		i;

	(void)state;
	series_init(&s, 16);
	assert_int_equal(series_first(&s, MIN), 0);
	/* 0..9 minutes: falling 100..96 for 5, then rising 1 per minute. */
	for (i = 0; i < 10; i++)
		series_add(&s, i * MIN, i < 5 ? 100.0 - i : i);
	assert_int_equal(series_first(&s, 0), 0);
	assert_int_equal(series_first(&s, 4 * MIN), 5);	/* 5..9 */
	assert_int_equal(series_first(&s, 100 * MIN), 0);
	assert_int_equal(series_fit(&s, 5, MIN, &fit), 0);
	assert_int_equal(fit.n, 5);
	assert_true(fit.slope == 1.0);		/* whole minutes: exact */
	assert_true(fit.fitted == 9.0);
	assert_int_equal(series_fit(&s, 10, MIN, &fit), -1);
	assert_int_equal(fit.n, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_series_table),
		cmocka_unit_test(test_series_ring),
		cmocka_unit_test(test_series_zeroed),
		cmocka_unit_test(test_series_ignored),
		cmocka_unit_test(test_series_every),
		cmocka_unit_test(test_series_window),
	};

	return (cmocka_run_group_tests_name("series", tests, NULL, NULL));
}
