/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-rng.c: the simulators' generator (src/lib/rng.c): one seed gives one
 * sequence, no seed gets stuck, and the uniform and normal numbers have
 * the spread they claim.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "lib/rng.h"

#define TR_N	200000		/* samples for the statistics */

/* The same seed gives the same sequence; a neighbouring seed another. */
static void
test_repeat(void **state)
{
	uint64_t	a, b, c;
	int		i, same = 0;

	(void)state;
	rng_seed(&a, 42);
	rng_seed(&b, 42);
	rng_seed(&c, 43);
	for (i = 0; i < 1000; i++) {
		uint64_t x = rng_next(&a);

		assert_true(x == rng_next(&b));
		same += (x == rng_next(&c));
	}
	assert_int_equal(same, 0);
}

/* The inverse of an odd number modulo 2^64 (Newton's iteration). */
static uint64_t
tr_inverse(uint64_t k)
{
	uint64_t	x = k;
	int		i;

	for (i = 0; i < 6; i++)
		x *= 2 - k * x;
	return (x);
}

/* No seed gets stuck: even the one whose spread state would be 0. */
static void
test_seed_zero(void **state)
{
	uint64_t	st, seed, k = 0x9E3779B97F4A7C15ULL;
	int		i, zero = 0;

	(void)state;
	assert_true(k * tr_inverse(k) == 1);
	seed = (0 - 0x2545F4914F6CDD1DULL) * tr_inverse(k);
	rng_seed(&st, seed);
	assert_true(st != 0);
	for (i = 0; i < 1000; i++)
		zero += (rng_next(&st) == 0);
	assert_true(zero < 1000);
	assert_true(st != 0);
	rng_seed(&st, 0);
	assert_true(st != 0);
}

/* Uniform numbers lie in [0, 1) with mean 1/2 and variance 1/12. */
static void
test_uniform(void **state)
{
	uint64_t	st;
	double		u, sum = 0, sq = 0, mean;
	int		i;

	(void)state;
	rng_seed(&st, 7);
	for (i = 0; i < TR_N; i++) {
		u = rng_uniform(&st);
		assert_true(u >= 0 && u < 1);
		sum += u;
		sq += u * u;
	}
	mean = sum / TR_N;
	assert_true(fabs(mean - 0.5) < 0.005);
	assert_true(fabs(sq / TR_N - mean * mean - 1.0 / 12) < 0.002);
}

/* Normal numbers have the mean and standard deviation asked for. */
static void
test_normal(void **state)
{
	uint64_t	st;
	double		x, sum = 0, sq = 0, mean, sd;
	int		i, far = 0;

	(void)state;
	rng_seed(&st, 11);
	for (i = 0; i < TR_N; i++) {
		x = rng_normal(&st, 3, 2);
		assert_true(isfinite(x));
		sum += x;
		sq += x * x;
		far += fabs(x - 3) > 2 * 2;
	}
	mean = sum / TR_N;
	sd = sqrt(sq / TR_N - mean * mean);
	assert_true(fabs(mean - 3) < 0.03);
	assert_true(fabs(sd - 2) < 0.03);
	/* About 4.6 % lie beyond two standard deviations. */
	assert_true(far > TR_N * 0.040 && far < TR_N * 0.052);
}

/* Run the generator's tests. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repeat),
		cmocka_unit_test(test_seed_zero),
		cmocka_unit_test(test_uniform),
		cmocka_unit_test(test_normal),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
