/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-rul.c: remaining useful life. Each case is a short series of equally
 * spaced samples with its least-squares fit worked by hand beside it:
 * x = hours since the first sample, slope = Sxy / Sxx, r2 = Sxy^2 / (Sxx Syy),
 * hours_left = (limit - fitted latest) / slope.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "core/rul.h"

#define H	3600000ULL	/* one hour in ms */
#define MIN	60000ULL	/* one minute in ms */
#define ANY	NAN		/* not checked */

struct rul_case {
	const char	*name;
	uint64_t	 step_ms;	/* time between samples */
	unsigned	 n;
	double		 v[8];
	double		 limit;
	double		 horizon_h;
	enum rul_state	 state;
	double		 hours_left;
	double		 slope;
	double		 r2;
};

static const struct rul_case rul_cases[] = {
	/*
	 * Lamp at 1900 h, rising 1 h per hour, limit 2000: an exact line,
	 * slope 1, r2 1, fitted latest 1900, (2000 - 1900) / 1 = 100 h.
	 */
	{ "lamp 100 h left", H, 5, { 1896, 1897, 1898, 1899, 1900 },
	    2000, 0, RUL_VALUE, 100, 1, 1 },
	/* The same lamp with a 50 h horizon: 100 > 50, beyond horizon. */
	{ "lamp beyond 50 h horizon", H, 5, { 1896, 1897, 1898, 1899, 1900 },
	    2000, 50, RUL_BEYOND, 100, 1, 1 },
	/* Horizon exactly 100 h: 100 is not > 100, still a value. */
	{ "lamp at the horizon", H, 5, { 1896, 1897, 1898, 1899, 1900 },
	    2000, 100, RUL_VALUE, 100, 1, 1 },
	/* Flat at 1500: Sxy = 0, slope 0, Syy = 0 so r2 taken as 0: n/a. */
	{ "flat", H, 5, { 1500, 1500, 1500, 1500, 1500 },
	    2000, 0, RUL_NA, ANY, 0, 0 },
	/* Falling 64..60: slope -1 per hour, cooling down: n/a. */
	{ "falling", H, 5, { 64, 63, 62, 61, 60 },
	    70, 0, RUL_NA, ANY, -1, 1 },
	/* Only 3 samples (< 5): pending. */
	{ "three samples", H, 3, { 1898, 1899, 1900 },
	    2000, 0, RUL_PENDING, ANY, ANY, ANY },
	/* 5 samples 10 s apart span 40 s (< 60 s): pending. */
	{ "short span", 10000, 5, { 1, 2, 3, 4, 5 },
	    2000, 0, RUL_PENDING, ANY, ANY, ANY },
	/* No limit configured. */
	{ "limit 0", H, 5, { 1896, 1897, 1898, 1899, 1900 },
	    0, 0, RUL_UNSET, ANY, ANY, ANY },
	{ "negative limit", H, 5, { 1896, 1897, 1898, 1899, 1900 },
	    -1, 0, RUL_UNSET, ANY, ANY, ANY },
	/*
	 * Heatsink, noisy but rising, limit 70 C, x = 0..4 h:
	 * mean x = 2, y = 60 62 61 63 64, mean y = 310 / 5 = 62;
	 * dx = -2 -1 0 1 2, dy = -2 0 -1 1 2;
	 * Sxx = 4+1+0+1+4 = 10, Sxy = 4+0+0+1+4 = 9, Syy = 4+0+1+1+4 = 10;
	 * slope = 9/10 = 0.9 C/h, r2 = 81 / (10 * 10) = 0.81;
	 * fitted latest = 62 + 0.9 * (4 - 2) = 63.8;
	 * hours_left = (70 - 63.8) / 0.9 = 6.2 / 0.9 = 6.888889 h.
	 */
	{ "noisy rising", H, 5, { 60, 62, 61, 63, 64 },
	    70, 0, RUL_VALUE, 6.2 / 0.9, 0.9, 0.81 },
	/*
	 * Zig-zag, limit 20: y = 10 14 10 14 11, mean 59/5 = 11.8;
	 * dy = -1.8 2.2 -1.8 2.2 -0.8;
	 * Sxy = 3.6 - 2.2 + 0 + 2.2 - 1.6 = 2.0, slope = 2/10 = 0.2;
	 * Syy = 3.24+4.84+3.24+4.84+0.64 = 16.8;
	 * r2 = 4 / (10 * 16.8) = 0.0238095 < 0.5: poor fit, n/a.
	 */
	{ "poor fit", H, 5, { 10, 14, 10, 14, 11 },
	    20, 0, RUL_NA, ANY, 0.2, 4.0 / 168.0 },
	/*
	 * Heatsink creeping over minutes: 60, 60.5 .. 62 every minute,
	 * 0.5 C/min = 30 C/h, r2 1, limit 85: (85 - 62) / 30 = 0.766667 h.
	 */
	{ "minutes scale", MIN, 5, { 60, 60.5, 61, 61.5, 62 },
	    85, 0, RUL_VALUE, 23.0 / 30.0, 30, 1 },
	/* Already over: 1998..2002, latest 2002 >= 2000: value 0. */
	{ "already over", H, 5, { 1998, 1999, 2000, 2001, 2002 },
	    2000, 0, RUL_VALUE, 0, 1, 1 },
	/* Exactly at the limit, rising: fitted latest 2000 >= 2000: 0. */
	{ "at the limit", H, 5, { 1996, 1997, 1998, 1999, 2000 },
	    2000, 0, RUL_VALUE, 0, 1, 1 },
	/* Flat but over the limit: 0 left, whatever the slope (see rul.c). */
	{ "flat over limit", H, 5, { 2100, 2100, 2100, 2100, 2100 },
	    2000, 0, RUL_VALUE, 0, 0, 0 },
};

/* Compare a fit value unless the case says ANY. */
static void
rul_check(const char *name, const char *what, double got, double want)
{
	if (isnan(want))
		return;
	if (isnan(got) || fabs(got - want) > 1e-9 * (1 + fabs(want)))
		fail_msg("%s: %s %.9g, want %.9g", name, what, got, want);
}

/* Every case gives its state and hand-worked fit. */
static void
test_rul_table(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(rul_cases) / sizeof(rul_cases[0]); i++) {
		const struct rul_case	*c = &rul_cases[i];
		struct rul		 r;
		struct rul_fit		 fit;
		enum rul_state		 got;
		unsigned		 j;

		rul_init(&r);
		for (j = 0; j < c->n; j++)
			rul_add(&r, 1000 + j * c->step_ms, c->v[j]);
		got = rul_estimate(&r, c->limit, c->horizon_h, &fit);
		if (got != c->state)
			fail_msg("%s: state %s, want %s", c->name,
			    rul_state_name(got), rul_state_name(c->state));
		assert_int_equal(fit.n, c->n);
		rul_check(c->name, "hours_left", fit.hours_left,
		    c->hours_left);
		rul_check(c->name, "slope", fit.slope_per_h, c->slope);
		rul_check(c->name, "r2", fit.r2, c->r2);
		if (c->state != RUL_VALUE && c->state != RUL_BEYOND &&
		    !isnan(fit.hours_left))
			fail_msg("%s: hours_left %g should be NaN", c->name,
			    fit.hours_left);
	}
}

/* The ring keeps only the last RUL_SAMPLES samples. */
static void
test_rul_ring(void **state)
{
	struct rul	r;
	struct rul_fit	fit;
	unsigned	i;

	(void)state;
	rul_init(&r);
	/*
	 * 100 hourly samples: 36 flat at 0, then 64 rising 2 per hour from
	 * 1000 to 1000 + 63 * 2 = 1126. Only the rising 64 are kept, so the
	 * fit is exact: slope 2, r2 1, (1200 - 1126) / 2 = 37 h.
	 */
	for (i = 0; i < 100; i++)
		rul_add(&r, i * H, i < 36 ? 0 : 1000 + (i - 36) * 2.0);
	assert_int_equal(r.samples.n, RUL_SAMPLES);
	assert_int_equal(rul_estimate(&r, 1200, 0, &fit), RUL_VALUE);
	assert_int_equal(fit.n, RUL_SAMPLES);
	assert_true(fabs(fit.slope_per_h - 2) < 1e-9);
	assert_true(fabs(fit.r2 - 1) < 1e-9);
	assert_true(fabs(fit.hours_left - 37) < 1e-9);
}

/* Non-finite values and samples from the past are ignored. */
static void
test_rul_ignored(void **state)
{
	struct rul	r;
	struct rul_fit	fit;

	(void)state;
	rul_init(&r);
	rul_add(&r, 0 * H, 1896);
	rul_add(&r, 1 * H, NAN);
	rul_add(&r, 1 * H, 1897);
	rul_add(&r, 2 * H, 1898);
	rul_add(&r, 3 * H, 1899);
	rul_add(&r, 2 * H, 5000);	/* before the latest: ignored */
	rul_add(&r, 4 * H, INFINITY);
	rul_add(&r, 4 * H, -INFINITY);
	rul_add(&r, 4 * H, 1900);
	assert_int_equal(r.samples.n, 5);
	/* As "lamp 100 h left": (2000 - 1900) / 1 = 100. */
	assert_int_equal(rul_estimate(&r, 2000, 0, &fit), RUL_VALUE);
	assert_true(fabs(fit.hours_left - 100) < 1e-9);
	/* out may be NULL. */
	assert_int_equal(rul_estimate(&r, 2000, 50, NULL), RUL_BEYOND);
	/* An empty ring is pending once a limit is set. */
	rul_init(&r);
	assert_int_equal(rul_estimate(&r, 2000, 0, &fit), RUL_PENDING);
	assert_int_equal(fit.n, 0);
}

/* State names as the console shows them. */
static void
test_rul_state_name(void **state)
{
	(void)state;
	assert_string_equal(rul_state_name(RUL_UNSET), "unset");
	assert_string_equal(rul_state_name(RUL_PENDING), "pending");
	assert_string_equal(rul_state_name(RUL_NA), "n/a");
	assert_string_equal(rul_state_name(RUL_VALUE), "value");
	assert_string_equal(rul_state_name(RUL_BEYOND), "beyond horizon");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_rul_table),
		cmocka_unit_test(test_rul_ring),
		cmocka_unit_test(test_rul_ignored),
		cmocka_unit_test(test_rul_state_name),
	};

	return (cmocka_run_group_tests_name("rul", tests, NULL, NULL));
}
