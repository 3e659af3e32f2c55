/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * flow.c: gate flow and its level of service.
 *
 * Fruin flow bands (doc/DOMAIN.md), persons per metre of width per
 * minute: A < 23, B 23-33, C 33-49, D 49-66, E 66-82, F > 82. As in band.c, a
 * flow equal to a band's upper bound belongs to that (lower) band: 23 is A,
 * 23.01 is B, 82 is E, 82.01 is F. Negative and NaN flows read as A.
 *
 * The UK Green Guide caps exit flow at 82 p/m/min on the level and 66 on
 * stairs; flow_capacity_use divides by that cap.
 */
#include "config.h"

#include <math.h>

#include "flow.h"

#define FLOW_BANDS	6	/* A..F */

static const double flow_upper[FLOW_BANDS - 1] = {
	23.0, 33.0, 49.0, 66.0, 82.0
};

/* Persons per metre of width per minute through a gate. */
double
flow_pmm(uint32_t in, uint32_t out, uint32_t interval_ms, double width_m)
{
	double	minutes;

	if (interval_ms == 0 || !isfinite(width_m) || width_m <= 0)
		return (0);
	minutes = interval_ms / 60000.0;
	return (((double)in + (double)out) / width_m / minutes);
}

/* Flow level-of-service letter of a flow in p/m/min. */
char
flow_los(double pmm)
{
	int	i;

	if (isnan(pmm) || pmm < 0)
		pmm = 0;
	for (i = 0; i < FLOW_BANDS - 1; i++) {
		if (pmm <= flow_upper[i])
			return ((char)('A' + i));
	}
	return ('F');
}

/* Green Guide flow limit for level ground or stairs. */
double
flow_green_guide_limit(int stairs)
{
	return (stairs ? FLOW_LIMIT_STAIRS : FLOW_LIMIT_LEVEL);
}

/* Fraction of the Green Guide limit a flow uses. */
double
flow_capacity_use(double pmm, int stairs)
{
	return (pmm / flow_green_guide_limit(stairs));
}
