/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * flow.h: gate and walkway flow, in persons per metre of width per minute,
 * and its Fruin level of service against the UK Green Guide limits.
 */
#ifndef FOH_FLOW_H
#define FOH_FLOW_H

#include <stdint.h>

#define FLOW_LIMIT_LEVEL	82.0	/* Green Guide, p/m/min on the level */
#define FLOW_LIMIT_STAIRS	66.0	/* Green Guide, p/m/min on stairs */

/*
 * Persons per metre of width per minute through a gate: (in + out) / width /
 * minutes. 0 when the interval or the width is not positive (or not finite).
 */
double	flow_pmm(uint32_t in, uint32_t out, uint32_t interval_ms,
	    double width_m);

/* Fruin flow level of service 'A'..'F' of a flow in p/m/min. */
char	flow_los(double pmm);

/* Green Guide flow limit (p/m/min): 66 when stairs is non-zero, else 82. */
double	flow_green_guide_limit(int stairs);

/* Share of the Green Guide limit in use: pmm / limit (1.0 = at the limit). */
double	flow_capacity_use(double pmm, int stairs);

#endif
