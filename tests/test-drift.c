/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-drift.c: PSI and KS against hand-worked values (doc/DOMAIN.md, "Model
 * drift"), equal-frequency bins, bounded feature windows and the worst-first
 * model summary. ln values used below: ln 0.4 = -0.916291, ln 0.8 =
 * -0.223144, ln 1.2 = 0.182322, ln 1.6 = 0.470004, ln 2 = 0.693147,
 * ln 4 = 1.386294, ln 5 = 1.609438, ln 1.5 = 0.405465, ln 0.5 = -0.693147,
 * ln 2e-4 = -8.517193, ln 4e-4 = -7.824046, ln 8e-4 = -7.130899.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <cmocka.h>

#include "core/drift.h"

#define NGRID	128

/* Near enough for values worked by hand to 6 decimals. */
#define assert_near(got, want) do {					\
	double	g_ = (got), w_ = (want);				\
	if (isnan(g_) || fabs(g_ - w_) > 1e-5)				\
		fail_msg("%s = %.9g, want %.9g", #got, g_, w_);		\
} while (0)

struct psi_case {
	const char	*name;
	unsigned	 bins;
	double		 e[4];
	double		 a[4];
	double		 psi;
};

static const struct psi_case psi_cases[] = {
	/*
	 * (0.10 - 0.25) ln(0.10 / 0.25) = -0.15 * -0.916291 = 0.137444
	 * (0.20 - 0.25) ln(0.20 / 0.25) = -0.05 * -0.223144 = 0.011157
	 * (0.30 - 0.25) ln(0.30 / 0.25) =  0.05 *  0.182322 = 0.009116
	 * (0.40 - 0.25) ln(0.40 / 0.25) =  0.15 *  0.470004 = 0.070501
	 * sum = 0.228217 (the rounded terms add to 0.228218)
	 */
	{ "four bins", 4, { .25, .25, .25, .25 }, { .10, .20, .30, .40 },
	    0.228217 },
	/* Every term has a_i = e_i, so ln 1 = 0: PSI 0. */
	{ "identical", 4, { .1, .2, .3, .4 }, { .1, .2, .3, .4 }, 0 },
	/*
	 * Empty current bin, taken as epsilon 1e-4:
	 * (1e-4 - 0.5) ln(1e-4 / 0.5) = -0.4999 * -8.517193 = 4.257745
	 * (1.0 - 0.5) ln(1.0 / 0.5)   =  0.5 * 0.693147     = 0.346574
	 * sum = 4.604318
	 */
	{ "empty current bin", 2, { .5, .5 }, { 0, 1 }, 4.604318 },
	/* Empty in both: epsilon against epsilon adds 0. */
	{ "empty in both", 3, { .5, 0, .5 }, { .5, 0, .5 }, 0 },
	/*
	 * Symmetric swap: 2 * (0.05 ln 1.2) + 2 * (-0.05 ln 0.8)
	 * = 2 * 0.009116 + 2 * 0.011157 = 0.040546
	 */
	{ "small shift", 4, { .25, .25, .25, .25 }, { .3, .2, .2, .3 },
	    0.040546 },
};

/* PSI from shares, every case worked by hand. */
static void
test_drift_psi_shares(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(psi_cases) / sizeof(psi_cases[0]); i++) {
		const struct psi_case	*c = &psi_cases[i];
		double			 got;

		got = drift_psi_shares(c->e, c->a, c->bins);
		if (fabs(got - c->psi) > 1e-5)
			fail_msg("%s: PSI %.9g, want %.9g", c->name, got,
			    c->psi);
	}
}

/* Equal-frequency cut points from the reference. */
static void
test_drift_bins(void **state)
{
	float	x[100], ties[8] = { 2, 1, 2, 1, 1, 2, 2, 1 };
	double	edges[DRIFT_BINS_MAX - 1];
	int	i;

	(void)state;
	/* 1..100 shuffled (37 is coprime with 100, so i*37 mod 100 is). */
	for (i = 0; i < 100; i++)
		x[i] = (float)(1 + (i * 37) % 100);
	/* Deciles: cut k between the 10k-th and (10k+1)-th: 10.5 .. 90.5. */
	assert_int_equal(drift_bins(x, 100, 10, edges), 0);
	for (i = 1; i < 10; i++)
		assert_near(edges[i - 1], 10.0 * i + 0.5);
	/* 1..8 in 4 bins: j = 2, 4, 6 -> 2.5, 4.5, 6.5. */
	for (i = 0; i < 8; i++)
		x[i] = (float)(8 - i);
	assert_int_equal(drift_bins(x, 8, 4, edges), 0);
	assert_near(edges[0], 2.5);
	assert_near(edges[1], 4.5);
	assert_near(edges[2], 6.5);
	/* Ties 1 1 1 1 2 2 2 2: j = 2, 4, 6 -> (1+1)/2, (1+2)/2, (2+2)/2. */
	assert_int_equal(drift_bins(ties, 8, 4, edges), 0);
	assert_near(edges[0], 1.0);
	assert_near(edges[1], 1.5);
	assert_near(edges[2], 2.0);
	/* Bad arguments. */
	assert_int_equal(drift_bins(x, 0, 4, edges), -1);
	assert_int_equal(drift_bins(x, 8, 0, edges), -1);
	assert_int_equal(drift_bins(x, 8, DRIFT_BINS_MAX + 1, edges), -1);
}

/* PSI of raw samples: bins from the reference, then the shares. */
static void
test_drift_psi(void **state)
{
	const float	ref[8] = { 5, 1, 8, 3, 2, 7, 4, 6 };
	/* Bins (<= 2.5] (2.5, 4.5] (4.5, 6.5] (> 6.5]: 1, 2, 3, 4 of 10. */
	const float	cur[10] = { 8, 1, 6, 3, 8, 5, 4, 7, 6, 8 };
	const float	edge[4] = { 2.5, 2.5, 2.5, 4 };
	const float	ties[8] = { 1, 1, 1, 1, 2, 2, 2, 2 };

	(void)state;
	/* e = .25 each (2 of 8), a = .1 .2 .3 .4: as "four bins", 0.228217 */
	assert_near(drift_psi(ref, 8, cur, 10, 4), 0.228217);
	/* Same sample: 0. */
	assert_near(drift_psi(ref, 8, ref, 8, 4), 0);
	/* One value against itself, one bin: 0. */
	assert_near(drift_psi(ref, 1, ref, 1, 1), 0);
	/*
	 * A value on the cut is in the lower bin: ref 4 3 2 1 in 2 bins cuts
	 * at (2 + 3) / 2 = 2.5; cur 2.5 2.5 2.5 4 -> a = .75 .25, e = .5 .5:
	 * 0.25 ln 1.5 + (-0.25) ln 0.5 = 0.101366 + 0.173287 = 0.274653
	 * (if 2.5 went up, a = 0 1 and PSI would be 4.604318).
	 */
	{
		const float	r4[4] = { 4, 3, 2, 1 };

		assert_near(drift_psi(r4, 4, edge, 4, 2), 0.274653);
	}
	/* Ties: edges 1, 1.5, 2; e = a = .5 0 .5 0; empty bins add 0. */
	assert_near(drift_psi(ties, 8, ties, 8, 4), 0);
	/* Bad arguments. */
	assert_true(isnan(drift_psi(ref, 0, cur, 10, 4)));
	assert_true(isnan(drift_psi(ref, 8, cur, 0, 4)));
	assert_true(isnan(drift_psi(ref, 8, cur, 10, 0)));
}

/* KS of small samples sorted by hand. */
static void
test_drift_ks(void **state)
{
	const float	r1[4] = { 4, 1, 3, 2 }, c1[4] = { 6, 3, 5, 4 };
	const float	r2[5] = { 1, 2, 3, 4, 5 }, c2[2] = { 6, 4 };
	const float	r3[4] = { 1, 1, 2, 2 }, c3[4] = { 2, 1, 2, 2 };
	const float	d1[2] = { 1, 2 }, d2[2] = { 3, 4 };

	(void)state;
	/*
	 * ref 1 2 3 4, cur 3 4 5 6:
	 * x:      1    2    3    4    5    6
	 * F_ref: .25  .5   .75  1    1    1
	 * F_cur:  0    0   .25  .5  .75   1
	 * diff:  .25  .5   .5   .5  .25   0   -> 0.5
	 */
	assert_near(drift_ks(r1, 4, c1, 4), 0.5);
	/* Symmetric. */
	assert_near(drift_ks(c1, 4, r1, 4), 0.5);
	/*
	 * ref 1..5, cur 4 6:
	 * x:     1   2   3   4   5   6
	 * F_ref .2  .4  .6  .8   1   1
	 * F_cur  0   0   0  .5  .5   1
	 * diff  .2  .4  .6  .3  .5   0   -> 0.6
	 */
	assert_near(drift_ks(r2, 5, c2, 2), 0.6);
	/*
	 * Ties, ref 1 1 2 2, cur 1 2 2 2: at x = 1, .5 vs .25 -> .25;
	 * at x = 2, 1 vs 1 -> 0. So 0.25 (stepping one value at a time
	 * would wrongly see .5 between the ref 1s and the cur 1).
	 */
	assert_near(drift_ks(r3, 4, c3, 4), 0.25);
	/* Identical: 0. Disjoint: 1. */
	assert_near(drift_ks(r1, 4, r1, 4), 0);
	assert_near(drift_ks(d1, 2, d2, 2), 1);
	assert_true(isnan(drift_ks(r1, 0, c1, 4)));
	assert_true(isnan(drift_ks(r1, 4, c1, 0)));
}

/* Fill v with the grid (i + off) / 128, i = 0 .. 127: exact in float. */
static void
grid(float *v, int off)
{
	int	i;

	for (i = 0; i < NGRID; i++)
		v[i] = (float)(i + off) / NGRID;
}

/* A shifted feature is major drift; the same distribution is stable. */
static void
test_drift_feature_shift(void **state)
{
	struct drift_feature	f;
	float			ref[NGRID], cur[NGRID];
	int			i;

	(void)state;
	assert_int_equal(drift_feature_init(&f, "speed", NGRID, NGRID), 0);
	grid(ref, 0);
	drift_feature_add(&f, ref, NGRID);
	assert_false(drift_feature_ready(&f));
	/*
	 * Reference 0/128 .. 127/128 (uniform on 0..1), 8 bins: cuts at
	 * (16k - 0.5) / 128, 16 values (e = .125) in each bin.
	 * Current (i + 64) / 128: 0.5 .. 1.49. Bins 1-4 empty (epsilon),
	 * bins 5, 6, 7 get 16 each (a = .125, term 0), bin 8 gets
	 * 112..191 = 80 values (a = .625):
	 * 4 * (1e-4 - .125) ln(1e-4 / .125) = 4 * -0.1249 * -7.130899
	 *   = 4 * 0.890649 = 3.562597
	 * (.625 - .125) ln(.625 / .125) = 0.5 * 1.609438 = 0.804719
	 * PSI = 4.367316: major.
	 */
	grid(cur, 64);
	drift_feature_add(&f, cur, NGRID);
	assert_true(drift_feature_ready(&f));
	assert_near(drift_feature_score(&f, "psi", 8), 4.367316);
	assert_string_equal(drift_level(drift_feature_score(&f, "psi", 8)),
	    "major");
	/*
	 * KS: for x < 0.5, F_ref = (k+1)/128 and F_cur = 0, reaching 64/128;
	 * above, both climb together 64/128 apart: 0.5.
	 */
	assert_near(drift_feature_score(&f, "ks", 0), 0.5);
	assert_true(isnan(drift_feature_score(&f, "js", 8)));
	drift_feature_free(&f);

	/*
	 * Same distribution, half a step up: (i + 0.5) / 128. Each bin still
	 * gets 16 ((i + .5) <= 15.5 for i <= 15, ...): a = e, PSI 0, stable.
	 * KS: at k/128, F_ref = (k+1)/128, F_cur = k/128: 1/128 = 0.0078125.
	 */
	assert_int_equal(drift_feature_init(&f, "size", NGRID, NGRID), 0);
	drift_feature_add(&f, ref, NGRID);
	for (i = 0; i < NGRID; i++)
		cur[i] = (i + 0.5f) / NGRID;
	drift_feature_add(&f, cur, NGRID);
	assert_near(drift_feature_score(&f, "psi", 8), 0);
	assert_true(drift_feature_score(&f, "psi", 8) < 0.1);
	assert_string_equal(drift_level(drift_feature_score(&f, "psi", 8)),
	    "stable");
	assert_near(drift_feature_score(&f, "ks", 0), 1.0 / 128);
	drift_feature_free(&f);
	drift_feature_free(&f);		/* safe twice */
}

/* Readiness, non-finite values, and the ring staying bounded. */
static void
test_drift_feature_window(void **state)
{
	struct drift_feature	f;
	float			ref[NGRID], cur[NGRID], bad[3];
	int			i;

	(void)state;
	assert_int_equal(drift_feature_init(&f, "hue", NGRID, NGRID), 0);
	grid(ref, 0);
	/* NaN and infinities are skipped, not counted. */
	bad[0] = NAN;
	bad[1] = INFINITY;
	bad[2] = -INFINITY;
	drift_feature_add(&f, bad, 3);
	assert_int_equal(f.nref, 0);
	drift_feature_add(&f, ref, NGRID);
	assert_int_equal(f.nref, NGRID);
	assert_int_equal(f.ncur, 0);
	/* Ready from min(128, 128) / 2 = 64 current values. */
	grid(cur, 64);
	drift_feature_add(&f, cur, 63);
	assert_false(drift_feature_ready(&f));
	assert_true(isnan(drift_feature_score(&f, "psi", 8)));
	drift_feature_add(&f, cur + 63, 1);
	assert_true(drift_feature_ready(&f));

	/*
	 * 10 windows' worth: nine of the shifted grid, then the reference
	 * grid itself. The ring keeps exactly the last 128, so PSI and KS
	 * are both 0 (nothing of the shifted data remains).
	 */
	for (i = 0; i < 9; i++)
		drift_feature_add(&f, cur, NGRID);
	drift_feature_add(&f, ref, NGRID);
	assert_int_equal(f.ncur, NGRID);
	assert_int_equal(f.nref, NGRID);
	assert_near(drift_feature_score(&f, "psi", 8), 0);
	assert_near(drift_feature_score(&f, "ks", 0), 0);
	drift_feature_free(&f);

	/* A small reference: ready from min(100, 10) / 2 = 5 values. */
	assert_int_equal(drift_feature_init(&f, "small", 10, 100), 0);
	drift_feature_add(&f, ref, 14);
	assert_false(drift_feature_ready(&f));
	drift_feature_add(&f, ref, 1);
	assert_true(drift_feature_ready(&f));
	drift_feature_free(&f);

	/* Bad names and sizes. */
	errno = 0;
	assert_int_equal(drift_feature_init(&f, "", 10, 10), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(drift_feature_init(&f,
	    "a-feature-name-longer-than-31-chars", 10, 10), -1);
	assert_int_equal(drift_feature_init(&f, "x", 0, 10), -1);
	assert_int_equal(drift_feature_init(&f, "x", 10, 0), -1);
}

/* Features sorted worst first; the model scores as its worst. */
static void
test_drift_model(void **state)
{
	struct drift_model	m;
	struct fohp_feature	top[FOHP_FEATURES_MAX];
	const float		ref[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	/* 4 bins of ref: (<= 2.5] (2.5, 4.5] (4.5, 6.5] (> 6.5]. */
	const float		speed[10] = { 1, 2, 1, 3, 4, 5, 6, 7, 8, 8 };
	const float		size[10] = { 1, 3, 4, 5, 6, 6, 7, 8, 8, 8 };
	const float		hue[10] = { 8, 8, 8, 8, 8, 8, 8, 8, 8, 8 };
	double			score;
	uint8_t			ntop;
	char			name[8];
	int			i;

	(void)state;
	assert_int_equal(drift_model_init(&m, 8, 10, 4, "psi"), 0);
	/* Nothing yet: pending. */
	assert_int_equal(drift_model_evaluate(&m, &score, top, &ntop), 1);
	assert_int_equal(ntop, 0);
	assert_true(isnan(score));
	assert_int_equal(drift_model_add(&m, "speed", ref, 8), 0);
	assert_int_equal(drift_model_add(&m, "size", ref, 8), 0);
	assert_int_equal(drift_model_add(&m, "hue", ref, 4), 0);
	assert_int_equal(m.nfeatures, 3);
	/* References full (hue's not), no current values: pending. */
	assert_int_equal(drift_model_evaluate(&m, &score, top, &ntop), 1);

	assert_int_equal(drift_model_add(&m, "speed", speed, 10), 0);
	assert_int_equal(drift_model_add(&m, "size", size, 10), 0);
	/* hue not ready yet: the two ready ones are scored. */
	assert_int_equal(drift_model_evaluate(&m, &score, top, &ntop), 0);
	assert_int_equal(ntop, 2);
	assert_string_equal(top[0].name, "size");
	assert_string_equal(top[1].name, "speed");

	assert_int_equal(drift_model_add(&m, "hue", ref + 4, 4), 0);
	assert_int_equal(drift_model_add(&m, "hue", hue, 10), 0);
	assert_int_equal(drift_model_evaluate(&m, &score, top, &ntop), 0);
	assert_int_equal(ntop, 3);
	/*
	 * hue: a = 0 0 0 1 against e = .25 each:
	 * 3 * (1e-4 - .25) ln(1e-4 / .25) = 3 * -0.2499 * -7.824046
	 *   = 3 * 1.955229 = 5.865687; (1 - .25) ln 4 = 0.75 * 1.386294
	 *   = 1.039721; PSI = 6.905408: major.
	 */
	assert_string_equal(top[0].name, "hue");
	assert_near(top[0].score, 6.905408);
	/* size: counts 1 2 3 4 of 10, as "four bins": 0.228217 moderate. */
	assert_string_equal(top[1].name, "size");
	assert_near(top[1].score, 0.228217);
	assert_string_equal(drift_level(top[1].score), "moderate");
	/* speed: counts 3 2 2 3 of 10, as "small shift": 0.040546 stable. */
	assert_string_equal(top[2].name, "speed");
	assert_near(top[2].score, 0.040546);
	assert_string_equal(drift_level(top[2].score), "stable");
	/* Model score = the worst feature's. */
	assert_near(score, 6.905408);

	/* Up to 8 features; the ninth is refused. */
	for (i = 3; i < FOHP_FEATURES_MAX; i++) {
		snprintf(name, sizeof name, "f%d", i);
		assert_int_equal(drift_model_add(&m, name, ref, 8), 0);
	}
	assert_int_equal(m.nfeatures, FOHP_FEATURES_MAX);
	errno = 0;
	assert_int_equal(drift_model_add(&m, "ninth", ref, 8), -1);
	assert_int_equal(errno, ENOSPC);
	/* Known features still accept values. */
	assert_int_equal(drift_model_add(&m, "hue", hue, 10), 0);
	assert_int_equal(drift_model_evaluate(&m, &score, top, &ntop), 0);
	assert_int_equal(ntop, 3);	/* f3..f7 have no current values */
	drift_model_free(&m);
	assert_int_equal(m.nfeatures, 0);

	/*
	 * KS model. hue, 8 x10 against 1..8: at x = 7, F_ref = 7/8 and
	 * F_cur = 0: 0.875. size, sorted 1 3 4 5 6 6 7 8 8 8 against 1..8:
	 * x:      1     2     3     4     5     6     7     8
	 * F_ref: .125  .25   .375  .5    .625  .75   .875  1
	 * F_cur: .1    .1    .2    .3    .4    .6    .7    1
	 * diff:  .025  .15   .175  .2    .225  .15   .175  0   -> 0.225
	 */
	assert_int_equal(drift_model_init(&m, 8, 10, 4, "ks"), 0);
	assert_int_equal(drift_model_add(&m, "size", ref, 8), 0);
	assert_int_equal(drift_model_add(&m, "hue", ref, 8), 0);
	assert_int_equal(drift_model_add(&m, "size", size, 10), 0);
	assert_int_equal(drift_model_add(&m, "hue", hue, 10), 0);
	assert_int_equal(drift_model_evaluate(&m, &score, top, &ntop), 0);
	assert_int_equal(ntop, 2);
	assert_string_equal(top[0].name, "hue");
	assert_near(top[0].score, 0.875);
	assert_string_equal(top[1].name, "size");
	assert_near(top[1].score, 0.225);
	assert_near(score, 0.875);
	drift_model_free(&m);

	/* Bad set-ups. */
	assert_int_equal(drift_model_init(&m, 8, 10, 4, "js"), -1);
	assert_int_equal(drift_model_init(&m, 8, 10, 0, "psi"), -1);
	assert_int_equal(drift_model_init(&m, 0, 10, 4, "psi"), -1);
	assert_int_equal(drift_model_init(&m, 8, 10, DRIFT_BINS_MAX + 1,
	    "psi"), -1);
}

/* The conventional reading, at and around its boundaries. */
static void
test_drift_level(void **state)
{
	(void)state;
	assert_string_equal(drift_level(0), "stable");
	assert_string_equal(drift_level(0.0999), "stable");
	assert_string_equal(drift_level(0.1), "moderate");	/* not < 0.1 */
	assert_string_equal(drift_level(0.228217), "moderate");
	assert_string_equal(drift_level(0.25), "moderate");	/* not > 0.25 */
	assert_string_equal(drift_level(0.2501), "major");
	assert_string_equal(drift_level(4.367316), "major");
	assert_string_equal(drift_level(NAN), "n/a");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_drift_psi_shares),
		cmocka_unit_test(test_drift_bins),
		cmocka_unit_test(test_drift_psi),
		cmocka_unit_test(test_drift_ks),
		cmocka_unit_test(test_drift_feature_shift),
		cmocka_unit_test(test_drift_feature_window),
		cmocka_unit_test(test_drift_model),
		cmocka_unit_test(test_drift_level),
	};

	return (cmocka_run_group_tests_name("drift", tests, NULL, NULL));
}
