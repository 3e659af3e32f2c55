/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * crowdsim.h: a venue's crowd, simulated. Arrivals rise and fall on a slow wave
 * per zone, with a little noise; one zone surges well past capacity now and
 * then. Deterministic for a seed: the same seed and times give the same
 * counts, so tests and demos repeat.
 */
#ifndef FOH_CROWDSIM_H
#define FOH_CROWDSIM_H

#include <stdint.h>

#include "proto/foh-proto.h"

#define CROWDSIM_PERIOD_S	120.0	/* one rise and fall of the crowd */
#define CROWDSIM_SURGE_S	60.0	/* a surge every so often */

struct crowdsim_zone {
	double	full;		/* persons at "full": capacity or area x 4 */
	double	base;		/* mean occupancy, fraction of full */
	double	swing;		/* wave amplitude, fraction of full */
	double	phase;		/* radians */
};

struct crowdsim {
	uint64_t	rng;
	uint16_t	nzones;
	int		surge;		/* zone index that surges, or -1 */
	struct crowdsim_zone	z[FOHP_ZONES_MAX];
};

/* Set up a simulation of layout's zones. */
void	crowdsim_init(struct crowdsim *, const struct fohp_layout *, int surge,
	    uint64_t seed);

/* Counts for every zone at t_s seconds since start, into counts[nzones]. */
void	crowdsim_counts(struct crowdsim *, double t_s, uint32_t *counts);

#endif
