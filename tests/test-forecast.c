/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-forecast.c: time to a threshold. Each case is a short series with its
 * least-squares fit worked by hand beside it: x = minutes before the latest
 * sample, slope = Sxy / Sxx (per minute), r2 = Sxy^2 / (Sxx Syy), fitted =
 * my - slope * mx, eta = (threshold - fitted) / slope * 60 s.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "core/forecast.h"

#define SEC	1000ULL
#define MIN	60000ULL
#define ANY	NAN		/* not checked */

struct forecast_case {
	const char		*name;
	uint64_t		 step_ms;	/* time between samples */
	unsigned		 n;
	double			 v[24];
	uint64_t		 window_ms;
	double			 threshold;
	double			 horizon_s;
	double			 min_r2;
	enum forecast_state	 state;
	double			 eta_s;
	double			 slope;		/* per minute */
	double			 r2;
	unsigned		 used;		/* in the window */
};

static const struct forecast_case forecast_cases[] = {
	/*
	 * 0, 1, ..., 20 one minute apart: x = -20..0, mx = -10, my = 10,
	 * slope 1/min, r2 1, fitted 10 - 1 * -10 = 20; threshold 30:
	 * (30 - 20) / 1 = 10 min = 600 s exactly.
	 */
	{ "linear 1/min, 30 at 20 min: 600 s", MIN, 21,
	    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
	      18, 19, 20 },
	    0, 30, 1800, 0.6, FORECAST_CROSSING, 600, 1, 1, 21 },
	/* The same with a 5 min horizon: 600 s > 300 s, beyond it. */
	{ "linear beyond a 5 min horizon", MIN, 21,
	    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
	      18, 19, 20 },
	    0, 30, 300, 0.6, FORECAST_BEYOND, 600, 1, 1, 21 },
	/* Horizon exactly 600 s: 600 is not > 600, still crossing. */
	{ "linear at the horizon", MIN, 21,
	    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
	      18, 19, 20 },
	    0, 30, 600, 0.6, FORECAST_CROSSING, 600, 1, 1, 21 },
	/*
	 * A 5 min window keeps t = 15..20 (age <= 5 min): 6 samples,
	 * x = -5..0, still slope 1 and fitted 20: 600 s.
	 */
	{ "linear, 5 min window", MIN, 21,
	    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
	      18, 19, 20 },
	    5 * MIN, 30, 1800, 0.6, FORECAST_CROSSING, 600, 1, 1, 6 },
	/* Threshold 15 and the fitted value now is 20: already past. */
	{ "already past", MIN, 21,
	    { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
	      18, 19, 20 },
	    0, 15, 1800, 0.6, FORECAST_ALREADY, 0, 1, 1, 21 },
	/* Flat at 3: Sxy = 0, slope 0, Syy = 0 so r2 taken as 0. */
	{ "flat", MIN, 6, { 3, 3, 3, 3, 3, 3 },
	    0, 5, 1800, 0.6, FORECAST_NOT_RISING, ANY, 0, 0, 6 },
	/* 5..0: slope -1/min, r2 1; fitted 0 < 5; not rising. */
	{ "falling", MIN, 6, { 5, 4, 3, 2, 1, 0 },
	    0, 5, 1800, 0.6, FORECAST_NOT_RISING, ANY, -1, 1, 6 },
	/*
	 * 1, 3, 1, 3, 1, 3: x - mx = -2.5..2.5, y - my = -1, 1, ...:
	 * Sxx = 17.5, Sxy = 2.5 - 1.5 + 0.5 + 0.5 - 1.5 + 2.5 = 3,
	 * Syy = 6; slope 3 / 17.5 = 0.1714 (rising), r2 = 9 / 105 = 0.0857
	 * < 0.6; fitted 2 + 0.1714 * 2.5 = 2.43 < 10: poor fit.
	 */
	{ "zig-zag", MIN, 6, { 1, 3, 1, 3, 1, 3 },
	    0, 10, 1800, 0.6, FORECAST_POOR_FIT, ANY, 3 / 17.5, 9.0 / 105,
	    6 },
	/*
	 * 1.0 .. 1.5 by 0.1 a minute: slope 0.1, r2 1, fitted 1.5;
	 * (5 - 1.5) / 0.1 = 35 min = 2100 s > 600 s: beyond the horizon.
	 */
	{ "slow rise", MIN, 6, { 1.0, 1.1, 1.2, 1.3, 1.4, 1.5 },
	    0, 5, 600, 0.6, FORECAST_BEYOND, 2100, 0.1, 1, 6 },
	/* Five samples (< 6): pending, whatever they say. */
	{ "five samples", MIN, 5, { 0, 1, 2, 3, 4 },
	    0, 5, 1800, 0.6, FORECAST_PENDING, ANY, ANY, ANY, 5 },
	/* Ten samples 1 s apart span 9 s (< 10 s): pending. */
	{ "short span", SEC, 10, { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
	    0, 50, 1800, 0.6, FORECAST_PENDING, ANY, ANY, ANY, 10 },
	/* Eleven 1 s apart span 10 s: enough; 60/min, (50 - 10) / 60 = 40 s. */
	{ "ten second span", SEC, 11, { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 },
	    0, 50, 1800, 0.6, FORECAST_CROSSING, 40, 60, 1, 11 },
	/* A 5 min window of a series one sample an hour: only 1, pending. */
	{ "window holds one sample", 60 * MIN, 6, { 0, 1, 2, 3, 4, 5 },
	    5 * MIN, 50, 1800, 0.6, FORECAST_PENDING, ANY, ANY, ANY, 1 },
};

/* Compare a double to a hand-computed value, ANY matching anything. */
static void
forecast_check(const char *name, const char *what, double got, double want)
{
	if (isnan(want))
		return;
	if (fabs(got - want) > 1e-9 * (1 + fabs(want)))
		fail_msg("%s: %s %.12g, want %.12g", name, what, got, want);
}

/* Every case gives its state and hand-computed fit. */
static void
test_forecast_table(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof forecast_cases / sizeof forecast_cases[0];
	    i++) {
		const struct forecast_case	*c = &forecast_cases[i];
		struct series			 s;
		struct forecast			 fc;
		enum forecast_state		 st;
		unsigned			 j;

		forecast_init(&s);
		for (j = 0; j < c->n; j++)
			series_add(&s, 1000000 + j * c->step_ms, c->v[j]);
		st = forecast_eval(&s, c->window_ms, c->threshold,
		    c->horizon_s, c->min_r2, &fc);
		if (st != c->state || fc.state != c->state)
			fail_msg("%s: %s, want %s", c->name,
			    forecast_state_name(st),
			    forecast_state_name(c->state));
		forecast_check(c->name, "eta_s", fc.eta_s, c->eta_s);
		forecast_check(c->name, "slope", fc.slope_per_min, c->slope);
		forecast_check(c->name, "r2", fc.r2, c->r2);
		if (fc.n != c->used)
			fail_msg("%s: used %u samples, want %u", c->name,
			    fc.n, c->used);
	}
}

/* The linear case's eta is exactly 600 s, not just close. */
static void
test_forecast_exact(void **state)
{
	struct series		s;
	struct forecast		fc;
	unsigned		t;

	(void)state;
	forecast_init(&s);
	for (t = 0; t <= 20; t++)
		series_add(&s, t * MIN, t);
	assert_int_equal(forecast_eval(&s, 0, 30, 1800, 0.6, &fc),
	    FORECAST_CROSSING);
	assert_true(fc.eta_s == 600.0);
	assert_true(fc.fitted == 20.0);
	assert_true(fc.span_s == 1200.0);
}

/*
 * A gate whose inflow grows 20 % every ten minutes: 40 * 1.2^(t/10) persons
 * a minute, sampled each minute, against 246/min (82 p/m/min over 3 m). It
 * really crosses at t = 10 ln(246/40) / ln 1.2 = 10 * 1.81645 / 0.18232
 * = 99.63 min. Fit over a 15 min window (16 samples, x = -15..0, mx = -7.5,
 * Sxx = 16 (16^2 - 1) / 12 = 340), 30 min horizon:
 *   t = 78: values 126.15 .. 165.83, slope 2.6427/min, r2 0.99861,
 *           fitted 164.97, eta (246 - 164.97) / 2.6427 = 30.66 min: beyond.
 *   t = 79: values 128.48 .. 168.89, slope 2.6913/min, fitted 168.01,
 *           eta (246 - 168.01) / 2.6913 = 28.98 min = 1738.8 s: crossing,
 *           99.63 - 79 = 20.6 min before the real crossing.
 *   t = 99: fitted 241.93, slope 3.8754, eta 1.05 min: still crossing.
 *   t = 100: 247.67 measured, fitted 246.38 >= 246: already past.
 * (The straight line underestimates an accelerating series, so its eta is
 * late: predicted 79 + 28.98 = 107.98 min against 99.63.)
 */
static void
test_forecast_gate_growth(void **state)
{
	struct series		 s;
	struct forecast		 fc;
	enum forecast_state	 st;
	unsigned		 t, first = 0;
	double			 truth;

	(void)state;
	truth = 10 * log(246.0 / 40) / log(1.2);
	assert_true(fabs(truth - 99.63) < 0.01);

	forecast_init(&s);
	for (t = 0; t <= 110; t++) {
		series_add(&s, t * MIN, 40 * pow(1.2, t / 10.0));
		st = forecast_eval(&s, 15 * MIN, 246, 1800, 0.6, &fc);
		if (t < 5)
			assert_int_equal(st, FORECAST_PENDING);
		else if (t < 79)
			assert_int_equal(st, FORECAST_BEYOND);
		else if (t < 100)
			assert_int_equal(st, FORECAST_CROSSING);
		else
			assert_int_equal(st, FORECAST_ALREADY);
		if (st == FORECAST_CROSSING && first == 0)
			first = t;
		if (t == 78)
			assert_true(fabs(fc.eta_s / 60 - 30.66) < 0.01);
		if (t == 79) {
			assert_true(fabs(fc.slope_per_min - 2.6913) < 0.0001);
			assert_true(fabs(fc.fitted - 168.006) < 0.001);
			assert_true(fabs(fc.eta_s - 1738.8) < 0.1);
			assert_true(fabs(fc.r2 - 0.99861) < 0.00001);
		}
	}
	assert_int_equal(first, 79);
	/* Flagged 20.6 minutes before the inflow really reaches 246/min. */
	assert_true(truth - first > 20.6 && truth - first < 20.7);
}

/* forecast_rate is the least-squares slope per minute of the window. */
static void
test_forecast_rate(void **state)
{
	struct series		s;
	unsigned		t;

	(void)state;
	forecast_init(&s);
	assert_true(isnan(forecast_rate(&s, 0)));
	series_add(&s, 0, 1);
	assert_true(isnan(forecast_rate(&s, 0)));
	series_add(&s, 30 * SEC, 2);		/* +1 in 30 s: 2/min */
	assert_true(forecast_rate(&s, 0) == 2.0);
	/* 10 minutes flat then 3 a minute for 5 more. */
	forecast_init(&s);
	for (t = 0; t <= 10; t++)
		series_add(&s, t * MIN, 7);
	for (t = 11; t <= 15; t++)
		series_add(&s, t * MIN, 7 + 3 * (t - 10));
	assert_true(forecast_rate(&s, 5 * MIN) == 3.0);	/* t = 10..15 */
	assert_true(forecast_rate(&s, 0) < 3.0);	/* all: flatter */
	/* A window holding only the latest sample. */
	assert_true(isnan(forecast_rate(&s, 30 * SEC)));
}

/* The ring keeps the newest FORECAST_SAMPLES; NaN and the past are ignored. */
static void
test_forecast_ring(void **state)
{
	struct series		s;
	struct forecast		fc;
	unsigned		t;

	(void)state;
	forecast_init(&s);
	for (t = 0; t < 300; t++)
		series_add(&s, t * MIN, t < 200 ? 1000 - t : t);
	assert_int_equal(s.n, FORECAST_SAMPLES);
	/* The last 120 are t = 180..299: the falling part mostly gone. */
	series_add(&s, 10 * MIN, 1e9);	/* in the past */
	series_add(&s, 400 * MIN, NAN);
	assert_int_equal(s.n, FORECAST_SAMPLES);
	forecast_eval(&s, 60 * MIN, 1e6, 1e9, 0.6, &fc);
	assert_int_equal(fc.n, 61);		/* t = 239..299 */
	assert_true(fc.slope_per_min == 1.0);
	assert_true(fc.fitted == 299.0);
}

/* series_add_every stretches the ring over a long window. */
static void
test_forecast_every(void **state)
{
	struct series		s;
	struct forecast		fc;
	uint64_t		t;

	(void)state;
	forecast_init(&s);
	/* Four readings a second for 15 minutes, kept 10 s apart. */
	for (t = 0; t <= 15 * MIN; t += 250)
		series_add_every(&s, t, t / 60000.0, 10 * SEC);
	assert_true(s.n <= FORECAST_SAMPLES);
	forecast_eval(&s, 15 * MIN, 30, 1800, 0.6, &fc);
	/* 0, 10, 20, ... 900 s: 91 samples over the whole 15 minutes. */
	assert_int_equal(fc.n, 91);
	assert_true(fc.span_s == 900.0);
	assert_true(fabs(fc.slope_per_min - 1) < 1e-9);
	assert_true(fabs(fc.fitted - 15) < 1e-9);	/* newest kept */
	/* 900 s is a full step after 890 s: the next one is added... */
	series_add_every(&s, 15 * MIN + 250, 99, 10 * SEC);
	assert_int_equal(s.n, 92);
	/* ...and the one after replaces it, until it is 10 s old. */
	series_add_every(&s, 15 * MIN + 500, 98, 10 * SEC);
	assert_int_equal(s.n, 92);
	assert_true(series_v(&s, s.n - 1) == 98);
}

/* Every state has a name. */
static void
test_forecast_names(void **state)
{
	(void)state;
	assert_string_equal(forecast_state_name(FORECAST_PENDING), "pending");
	assert_string_equal(forecast_state_name(FORECAST_NOT_RISING),
	    "not rising");
	assert_string_equal(forecast_state_name(FORECAST_POOR_FIT),
	    "poor fit");
	assert_string_equal(forecast_state_name(FORECAST_BEYOND),
	    "beyond horizon");
	assert_string_equal(forecast_state_name(FORECAST_CROSSING),
	    "crossing");
	assert_string_equal(forecast_state_name(FORECAST_ALREADY),
	    "already past");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forecast_table),
		cmocka_unit_test(test_forecast_exact),
		cmocka_unit_test(test_forecast_gate_growth),
		cmocka_unit_test(test_forecast_rate),
		cmocka_unit_test(test_forecast_ring),
		cmocka_unit_test(test_forecast_every),
		cmocka_unit_test(test_forecast_names),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
