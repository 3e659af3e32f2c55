/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-band.c: density bands at and around every boundary (doc/DOMAIN.md).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>

#include "core/band.h"

struct band_case {
	const char		*name;
	double			 density;
	enum fohp_zone_kind	 kind;
	char			 band;
};

static const struct band_case band_cases[] = {
	{ "walkway empty",		0.0,	FOHP_ZK_WALKWAY,  'A' },
	{ "walkway A upper",		0.31,	FOHP_ZK_WALKWAY,  'A' },
	{ "walkway just over A",	0.3101,	FOHP_ZK_WALKWAY,  'B' },
	{ "walkway B upper",		0.43,	FOHP_ZK_WALKWAY,  'B' },
	{ "walkway just over B",	0.4301,	FOHP_ZK_WALKWAY,  'C' },
	{ "walkway C upper",		0.72,	FOHP_ZK_WALKWAY,  'C' },
	{ "walkway D upper",		1.08,	FOHP_ZK_WALKWAY,  'D' },
	{ "walkway just over D",	1.0801,	FOHP_ZK_WALKWAY,  'E' },
	{ "walkway E upper",		2.17,	FOHP_ZK_WALKWAY,  'E' },
	{ "walkway just over E",	2.1701,	FOHP_ZK_WALKWAY,  'F' },
	{ "walkway crush",		6.0,	FOHP_ZK_WALKWAY,  'F' },
	{ "standing empty",		0.0,	FOHP_ZK_STANDING, 'A' },
	{ "standing A upper",		0.83,	FOHP_ZK_STANDING, 'A' },
	{ "standing just over A",	0.8301,	FOHP_ZK_STANDING, 'B' },
	{ "standing B upper",		1.11,	FOHP_ZK_STANDING, 'B' },
	{ "standing C upper",		1.43,	FOHP_ZK_STANDING, 'C' },
	{ "standing just over C",	1.4301,	FOHP_ZK_STANDING, 'D' },
	{ "standing D upper",		3.33,	FOHP_ZK_STANDING, 'D' },
	{ "standing 4 p/m2 moving",	4.0,	FOHP_ZK_STANDING, 'E' },
	{ "standing E upper 5 p/m2",	5.00,	FOHP_ZK_STANDING, 'E' },
	{ "standing just over E",	5.0001,	FOHP_ZK_STANDING, 'F' },
	{ "queue same table",		1.12,	FOHP_ZK_QUEUE,    'C' },
	{ "queue F",			5.5,	FOHP_ZK_QUEUE,    'F' },
	{ "negative reads as empty",	-1.0,	FOHP_ZK_WALKWAY,  'A' },
	{ "NaN reads as empty",		NAN,	FOHP_ZK_STANDING, 'A' },
};

/* Every case maps to its band. */
static void
test_band_table(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(band_cases) / sizeof(band_cases[0]); i++) {
		const struct band_case	*c = &band_cases[i];
		char			 got;

		got = band_of(c->density, c->kind);
		if (got != c->band)
			fail_msg("%s: density %g gave %c, want %c", c->name,
			    c->density, got, c->band);
	}
}

/* Upper bounds and indexes agree with band_of. */
static void
test_band_upper(void **state)
{
	char	b;
	int	k;

	(void)state;
	assert_true(band_upper('A', FOHP_ZK_WALKWAY) == 0.31);
	assert_true(band_upper('E', FOHP_ZK_STANDING) == 5.00);
	assert_true(band_upper('F', FOHP_ZK_STANDING) < 0);
	assert_true(band_upper('x', FOHP_ZK_STANDING) < 0);
	assert_int_equal(band_index('A'), 0);
	assert_int_equal(band_index('F'), 5);
	assert_int_equal(band_index('G'), -1);
	for (k = 0; k < FOHP_ZK_COUNT; k++) {
		for (b = 'A'; b <= 'E'; b++) {
			double	u = band_upper(b, (enum fohp_zone_kind)k);

			assert_int_equal(band_of(u, (enum fohp_zone_kind)k), b);
			assert_int_equal(band_of(u + 1e-6,
			    (enum fohp_zone_kind)k), b + 1);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_band_table),
		cmocka_unit_test(test_band_upper),
	};

	return (cmocka_run_group_tests_name("band", tests, NULL, NULL));
}
