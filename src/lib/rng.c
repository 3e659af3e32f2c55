/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * rng.c: xorshift64* (rng.h).
 */
#include "config.h"

#include <math.h>

#include "rng.h"

/* Start the generator at *st from seed: spread it, and never 0. */
void
rng_seed(uint64_t *st, uint64_t seed)
{
	*st = seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
	if (*st == 0)
		*st = 1;
}

/* The next 64 random bits. */
uint64_t
rng_next(uint64_t *st)
{
	*st ^= *st >> 12;
	*st ^= *st << 25;
	*st ^= *st >> 27;
	return (*st * 2685821657736338717ULL);
}

/* A uniform number in [0, 1). */
double
rng_uniform(uint64_t *st)
{
	return ((double)(rng_next(st) >> 11) / 9007199254740992.0);
}

/* A normal number (Box-Muller). */
double
rng_normal(uint64_t *st, double mean, double sd)
{
	double	u1, u2;

	u1 = rng_uniform(st);
	u2 = rng_uniform(st);
	if (u1 < 1e-300)
		u1 = 1e-300;
	return (mean + sd * sqrt(-2 * log(u1)) * cos(2 * M_PI * u2));
}
