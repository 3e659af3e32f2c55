/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * rng.h: the one seeded random generator of both crowd simulators (fohd's
 * crowdsim and the scenario player): xorshift64*, small, fast, and the same
 * on every machine, so one seed always gives the same crowd.
 *
 * The state is a bare uint64_t owned by the caller, never 0 once seeded.
 */
#ifndef FOH_RNG_H
#define FOH_RNG_H

#include <stdint.h>

/* Start the generator at *st from seed (any value, 0 included). */
void		rng_seed(uint64_t *st, uint64_t seed);

/* The next 64 random bits. */
uint64_t	rng_next(uint64_t *st);

/* A uniform number in [0, 1), from the top 53 bits of rng_next. */
double		rng_uniform(uint64_t *st);

/* A normal number of this mean and standard deviation (Box-Muller). */
double		rng_normal(uint64_t *st, double mean, double sd);

#endif
