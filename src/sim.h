/*
 * sim.h: a venue's crowd, simulated. Arrivals rise and fall on a slow wave
 * per zone, with a little noise; one zone surges well past capacity now and
 * then. Deterministic for a seed: the same seed and times give the same
 * counts, so tests and demos repeat.
 */
#ifndef FOH_SIM_H
#define FOH_SIM_H

#include <stdint.h>

#include "foh-proto.h"

#define SIM_PERIOD_S	120.0	/* one rise and fall of the crowd */
#define SIM_SURGE_S	60.0	/* a surge every so often */

struct sim_zone {
	double	full;		/* persons at "full": capacity or area x 4 */
	double	base;		/* mean occupancy, fraction of full */
	double	swing;		/* wave amplitude, fraction of full */
	double	phase;		/* radians */
};

struct sim {
	uint64_t	rng;
	uint16_t	nzones;
	int		surge;		/* zone index that surges, or -1 */
	struct sim_zone	z[FOHP_ZONES_MAX];
};

/* Set up a simulation of layout's zones. */
void	sim_init(struct sim *, const struct fohp_layout *, int surge,
	    uint64_t seed);

/* Counts for every zone at t_s seconds since start, into counts[nzones]. */
void	sim_counts(struct sim *, double t_s, uint32_t *counts);

#endif
