/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * crowdsim.c: the synthetic crowd behind fohd's `simulate = yes` and the
 * agent tests. Not the scenario player foh-sim and the demo use: src/sim/.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lib/rng.h"
#include "crowdsim.h"

/* Set up the simulation. */
void
crowdsim_init(struct crowdsim *s, const struct fohp_layout *l, int surge,
    uint64_t seed)
{
	unsigned	i;

	memset(s, 0, sizeof(*s));
	rng_seed(&s->rng, seed);
	s->nzones = l->nzones;
	s->surge = surge;
	for (i = 0; i < l->nzones; i++) {
		const struct fohp_zone_def	*d = &l->zones[i];
		struct crowdsim_zone			*z = &s->z[i];

		z->full = d->capacity > 0 ? d->capacity : d->area_m2 * 4.0;
		z->base = 0.25 + 0.35 * rng_uniform(&s->rng);
		z->swing = 0.10 + 0.20 * rng_uniform(&s->rng);
		z->phase = 2 * M_PI * rng_uniform(&s->rng);
	}
}

/* How far into a surge t_s is: 0 outside one, up to 1 at its peak. */
static double
sim_surge(double t_s)
{
	double	u = fmod(t_s, CROWDSIM_SURGE_S) / CROWDSIM_SURGE_S;

	/* Quiet for the first half, then a ramp up, a hold, and a fall. */
	if (u < 0.5)
		return (0);
	if (u < 0.7)
		return ((u - 0.5) / 0.2);
	if (u < 0.85)
		return (1);
	return ((1 - u) / 0.15);
}

/* Counts for every zone at time t_s. */
void
crowdsim_counts(struct crowdsim *s, double t_s, uint32_t *counts)
{
	unsigned	i;

	for (i = 0; i < s->nzones; i++) {
		struct crowdsim_zone	*z = &s->z[i];
		double		 f, noise;

		f = z->base + z->swing * sin(2 * M_PI * t_s / CROWDSIM_PERIOD_S +
		    z->phase);
		if ((int)i == s->surge)
			f += (1.35 - f) * sim_surge(t_s);
		noise = 1 + 0.04 * (rng_uniform(&s->rng) - 0.5);
		f *= noise;
		if (f < 0)
			f = 0;
		counts[i] = (uint32_t)lround(f * z->full);
	}
}
