/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * demo.h: foh --demo's venues: the sample configs in conf/, compiled in,
 * each run as an agent on inproc:// sockets in a thread of the console. No
 * config file and no daemon to start.
 */
#ifndef FOH_DEMO_H
#define FOH_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "core/vconf.h"

/* A compiled-in venue (generated from conf/NAME.conf, scenarios/NAME.scn). */
struct demo_venue {
	const char	*name;
	const char	*file;		/* the config's name, for errors */
	const char	*text;		/* the config */
	const char	*scenario_file;
	const char	*scenario_text;
};

extern const struct demo_venue	demo_venues[];
extern const unsigned		demo_nvenues;

struct demo;

#define DEMO_SPEED	20.0	/* scenario seconds per real second */
#define DEMO_VENUES		3	/* --demo without a number */
#define DEMO_VENUES_MAX		300	/* --demo=N at most */
#define DEMO_SEED_STEP		7919	/* a copy's seed, from the one before */

/* Where the wall clock stands when the demo is frozen: 2026-07-04 20:00 UTC. */
#define DEMO_FREEZE_EPOCH_MS	1783195200000ULL

/*
 * Start n demo venues (1 to DEMO_VENUES_MAX) on inproc sockets: the
 * compiled-in ones in turn, round after round; a copy of round k (from 0)
 * gets the id "ID-k+1", the name "NAME k+1" and its seeds moved on by
 * k * DEMO_SEED_STEP, so the copies differ. Each venue's seed has seed
 * added, its scenario played DEMO_SPEED times faster than life. If
 * freeze_ms is not 0, freeze the clocks (clock.h) at DEMO_FREEZE_EPOCH_MS,
 * play the first freeze_ms of the demo at once, and hold time there: the
 * agents answer requests but nothing changes any more. Returns NULL and
 * fills err on failure.
 */
struct demo	*demo_start(unsigned n, unsigned long long seed,
		    uint64_t freeze_ms, char *err, size_t errlen);

/* Stop the agents and their thread; frees d. */
void		 demo_stop(struct demo *d);

/* How many venues run, and the config (with its inproc URLs) of each. */
unsigned	 demo_count(const struct demo *d);
const struct vconf *demo_conf(const struct demo *d, unsigned i);

#endif
