/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-sim.c: the simulator repeats for a seed, rises and falls, and surges.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/band.h"
#include "agent/crowdsim.h"

/* A two-zone layout: zone 0 surges. */
static void
sim_layout(struct fohp_layout *l)
{
	memset(l, 0, sizeof(*l));
	l->grid_w = 10;
	l->grid_h = 10;
	l->nzones = 2;
	strcpy(l->zones[0].id, "floor");
	l->zones[0].w = l->zones[0].h = 5;
	l->zones[0].area_m2 = 1000;
	l->zones[0].capacity = 4000;
	l->zones[0].kind = FOHP_ZK_STANDING;
	strcpy(l->zones[1].id, "bar");
	l->zones[1].w = l->zones[1].h = 5;
	l->zones[1].area_m2 = 100;
	l->zones[1].capacity = 0;	/* full = area x 4 */
	l->zones[1].kind = FOHP_ZK_STANDING;
}

/* Same seed, same counts; other seed, other counts. */
static void
test_sim_repeats(void **state)
{
	struct fohp_layout	l;
	struct crowdsim		a, b, c;
	uint32_t		ca[2], cb[2], cc[2];
	int			t, differ = 0;

	(void)state;
	sim_layout(&l);
	crowdsim_init(&a, &l, 0, 7);
	crowdsim_init(&b, &l, 0, 7);
	crowdsim_init(&c, &l, 0, 8);
	for (t = 0; t < 200; t++) {
		crowdsim_counts(&a, t * 0.25, ca);
		crowdsim_counts(&b, t * 0.25, cb);
		crowdsim_counts(&c, t * 0.25, cc);
		assert_memory_equal(ca, cb, sizeof(ca));
		differ |= memcmp(ca, cc, sizeof(ca)) != 0;
	}
	assert_true(differ);
}

/* The surging zone passes band E; a calm one stays within capacity. */
static void
test_sim_surge(void **state)
{
	struct fohp_layout	l;
	struct crowdsim		s;
	uint32_t		c[2], max0 = 0, min0 = UINT32_MAX, max1 = 0;
	int			t;

	(void)state;
	sim_layout(&l);
	crowdsim_init(&s, &l, 0, 1);
	for (t = 0; t < 4 * (int)CROWDSIM_PERIOD_S; t++) {
		crowdsim_counts(&s, t * 0.25, c);
		if (c[0] > max0)
			max0 = c[0];
		if (c[0] < min0)
			min0 = c[0];
		if (c[1] > max1)
			max1 = c[1];
	}
	assert_int_equal(band_of(max0 / 1000.0, FOHP_ZK_STANDING), 'F');
	assert_true(min0 < 4000 / 2);		/* it also falls */
	assert_true(max1 <= 400 * 1.1);		/* bar stays near full */
	assert_true(max1 > 0);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_sim_repeats),
		cmocka_unit_test(test_sim_surge),
	};

	return (cmocka_run_group_tests_name("sim", tests, NULL, NULL));
}
