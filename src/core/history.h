/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * history.h: what the history view reckons from the store's ring of
 * resolved alerts (store_past_get), with no drawing: how long each alert
 * waited for its first acknowledgement, and per severity how many were
 * acknowledged, the median and the worst of those waits, and how many
 * resolved with nobody acknowledging them.
 *
 * Times are the agent's (Unix ms of fired and of the first ack op), so
 * they do not depend on when this console heard of the alert. An alert
 * counts under its severity at resolution: a warning that escalated to
 * critical counts as critical.
 */
#ifndef FOH_HISTORY_H
#define FOH_HISTORY_H

#include <stdint.h>

#include "proto/foh-proto.h"
#include "store.h"

/* Time to acknowledge, for one severity. */
struct history_ttack {
	unsigned	resolved;	/* resolved alerts of it held */
	unsigned	acked;		/* of them, acknowledged */
	uint64_t	median_ms;	/* of their times to ack; 0 if none */
	uint64_t	worst_ms;	/* the longest; 0 if none */
};

/*
 * Whether p was acknowledged; if so and ms is not NULL, how long after it
 * fired into *ms (0 if the clocks say the ack came first).
 */
int		 history_acked(const struct store_past *p, uint64_t *ms);

/*
 * How long p lasted, fired to resolved (0 if either is unknown or the
 * clocks disagree).
 */
uint64_t	 history_lasted(const struct store_past *p);

/*
 * Time to acknowledge per severity over the n values of ms (sorted in
 * place): the median (the mean of the two middle ones for an even n) and
 * the worst. Both 0 when n is 0.
 */
void		 history_median(uint64_t *ms, unsigned n, uint64_t *median,
		     uint64_t *worst);

/* Time to acknowledge per severity over every resolved alert s holds. */
void		 history_ttack(const struct store *s,
		     struct history_ttack out[FOHP_SEV_COUNT]);

#endif
