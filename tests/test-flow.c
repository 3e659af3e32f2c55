/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-flow.c: gate flow in p/m/min, its Fruin band at and around every
 * boundary, and the Green Guide limits (doc/DOMAIN.md). Expected values are
 * worked by hand in the comment beside them.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "core/flow.h"

struct flow_pmm_case {
	const char	*name;
	uint32_t	 in;
	uint32_t	 out;
	uint32_t	 interval_ms;
	double		 width_m;
	double		 pmm;
};

static const struct flow_pmm_case flow_pmm_cases[] = {
	/* (120 + 30) / 2.5 m / 1 min = 150 / 2.5 = 60 */
	{ "one minute, both ways",	120, 30, 60000, 2.5,	60.0 },
	/* 45 / 1.5 m / 0.5 min = 30 / 0.5 = 60 */
	{ "half a minute",		45, 0, 30000, 1.5,	60.0 },
	/* (100 + 100) / 4 m / 2 min = 50 / 2 = 25 */
	{ "two minutes, wide gate",	100, 100, 120000, 4.0,	25.0 },
	/* 10 / 1 m / (1/60) min = 600 */
	{ "one second burst",		10, 0, 1000, 1.0,	600.0 },
	/* 0 persons -> 0 */
	{ "nobody",			0, 0, 60000, 3.0,	0.0 },
	/* no interval, no width: 0 rather than a division by zero */
	{ "zero interval",		10, 10, 0, 2.0,		0.0 },
	{ "zero width",			10, 10, 60000, 0.0,	0.0 },
	{ "negative width",		10, 10, 60000, -1.0,	0.0 },
	{ "NaN width",			10, 10, 60000, NAN,	0.0 },
};

struct flow_los_case {
	const char	*name;
	double		 pmm;
	char		 los;
};

/* An upper bound belongs to the lower band, as in band.c. */
static const struct flow_los_case flow_los_cases[] = {
	{ "empty",		0.0,	'A' },
	{ "A upper",		23.0,	'A' },
	{ "just over A",	23.01,	'B' },
	{ "B upper",		33.0,	'B' },
	{ "just over B",	33.01,	'C' },
	{ "C upper",		49.0,	'C' },
	{ "just over C",	49.01,	'D' },
	{ "D upper",		66.0,	'D' },
	{ "just over D",	66.01,	'E' },
	{ "E upper",		82.0,	'E' },
	{ "just over E",	82.01,	'F' },
	{ "far over",		500.0,	'F' },
	{ "negative is A",	-5.0,	'A' },
	{ "NaN is A",		NAN,	'A' },
};

/* Every flow case gives its hand-worked p/m/min. */
static void
test_flow_pmm_table(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(flow_pmm_cases) / sizeof(flow_pmm_cases[0]);
	    i++) {
		const struct flow_pmm_case	*c = &flow_pmm_cases[i];
		double				 got;

		got = flow_pmm(c->in, c->out, c->interval_ms, c->width_m);
		if (fabs(got - c->pmm) > 1e-9)
			fail_msg("%s: got %g, want %g", c->name, got, c->pmm);
	}
}

/* Every flow maps to its band. */
static void
test_flow_los_table(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(flow_los_cases) / sizeof(flow_los_cases[0]);
	    i++) {
		const struct flow_los_case	*c = &flow_los_cases[i];
		char				 got;

		got = flow_los(c->pmm);
		if (got != c->los)
			fail_msg("%s: %g p/m/min gave %c, want %c", c->name,
			    c->pmm, got, c->los);
	}
}

/* Flow computed from counts lands in the right band. */
static void
test_flow_pmm_los(void **state)
{
	(void)state;
	/* 150 / 2.5 / 1 = 60: above 49, at most 66 -> D */
	assert_int_equal(flow_los(flow_pmm(120, 30, 60000, 2.5)), 'D');
	/* 200 / 4 / 2 = 25: above 23, at most 33 -> B */
	assert_int_equal(flow_los(flow_pmm(100, 100, 120000, 4.0)), 'B');
	/* 164 / 2 / 1 = 82 exactly: E upper bound -> E */
	assert_int_equal(flow_los(flow_pmm(164, 0, 60000, 2.0)), 'E');
	/* 165 / 2 / 1 = 82.5 -> F */
	assert_int_equal(flow_los(flow_pmm(165, 0, 60000, 2.0)), 'F');
}

/* Green Guide limits and the share of them in use. */
static void
test_flow_green_guide(void **state)
{
	(void)state;
	assert_true(flow_green_guide_limit(0) == 82.0);
	assert_true(flow_green_guide_limit(1) == 66.0);
	assert_true(flow_green_guide_limit(7) == 66.0);
	/* 41 / 82 = 0.5 */
	assert_true(fabs(flow_capacity_use(41.0, 0) - 0.5) < 1e-12);
	/* 33 / 66 = 0.5 */
	assert_true(fabs(flow_capacity_use(33.0, 1) - 0.5) < 1e-12);
	/* 82 / 82 = 1: exactly at the level limit */
	assert_true(fabs(flow_capacity_use(82.0, 0) - 1.0) < 1e-12);
	/* 99 / 66 = 1.5: half as much again as stairs allow */
	assert_true(fabs(flow_capacity_use(99.0, 1) - 1.5) < 1e-12);
	/* 60 p/m/min: 60 / 82 = 0.7317 level, 60 / 66 = 0.9091 stairs */
	assert_true(fabs(flow_capacity_use(60.0, 0) - 0.731707) < 1e-6);
	assert_true(fabs(flow_capacity_use(60.0, 1) - 0.909091) < 1e-6);
	assert_true(flow_capacity_use(0.0, 0) == 0.0);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_flow_pmm_table),
		cmocka_unit_test(test_flow_los_table),
		cmocka_unit_test(test_flow_pmm_los),
		cmocka_unit_test(test_flow_green_guide),
	};

	return (cmocka_run_group_tests_name("flow", tests, NULL, NULL));
}
