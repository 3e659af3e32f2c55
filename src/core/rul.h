/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * rul.h: remaining useful life of a device, from the trend of one wear
 * metric (lamp hours, filter hours, a heatsink temperature) toward its limit.
 */
#ifndef FOH_RUL_H
#define FOH_RUL_H

#include <stdint.h>

#include "series.h"

#define RUL_SAMPLES	64	/* samples kept: the fit window */
#define RUL_MIN_SAMPLES	5	/* fewer than this is pending */
#define RUL_MIN_SPAN_MS	60000	/* a shorter time span is pending */

/* What rul_estimate could say (doc/DOMAIN.md, "Equipment telemetry"). */
enum rul_state {
	RUL_UNSET,	/* no limit configured */
	RUL_PENDING,	/* too few samples, or too short a span */
	RUL_NA,		/* not wearing toward the limit, or a poor fit */
	RUL_VALUE,	/* hours_left is a forecast */
	RUL_BEYOND	/* the forecast is past the horizon */
};

/* The last RUL_SAMPLES (t_ms, value) samples, oldest overwritten first. */
struct rul {
	struct series	samples;
};

/* The fit behind an estimate. */
struct rul_fit {
	double		hours_left;	/* VALUE, BEYOND; NAN otherwise */
	double		slope_per_h;	/* metric units per hour; NAN if no fit */
	double		r2;		/* 0..1; NAN if no fit */
	unsigned	n;		/* samples used */
};

/* Empty the sample ring. */
void		 rul_init(struct rul *r);

/*
 * Add a sample: t_ms on any monotonic millisecond clock. Non-finite values
 * and times before the latest sample are ignored; equal times are kept.
 */
void		 rul_add(struct rul *r, uint64_t t_ms, double value);

/*
 * Estimate the hours until the metric reaches limit, by least squares of
 * value over time. horizon_h <= 0 means no horizon. out may be NULL; when
 * given it is always filled in.
 */
enum rul_state	 rul_estimate(const struct rul *r, double limit,
		     double horizon_h, struct rul_fit *out);

/* "unset", "pending", "n/a", "value" or "beyond horizon". */
const char	*rul_state_name(enum rul_state state);

#endif
