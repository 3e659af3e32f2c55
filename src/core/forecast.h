/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * forecast.h: when will a rising series cross a threshold? Least squares
 * over a recent window, with explicit answers instead of invented numbers:
 * "not rising", "beyond horizon", "poor fit", "pending" (too few samples)
 * or a time.
 */
#ifndef FOH_FORECAST_H
#define FOH_FORECAST_H

#include <stdint.h>

#include "series.h"

#define FORECAST_SAMPLES	SERIES_MAX	/* kept per series */
#define FORECAST_MIN_SAMPLES	6

enum forecast_state {
	FORECAST_PENDING = 0,	/* too few samples or too short a span */
	FORECAST_NOT_RISING,	/* slope <= 0 */
	FORECAST_POOR_FIT,	/* r2 under the minimum */
	FORECAST_BEYOND,	/* crossing later than the horizon */
	FORECAST_CROSSING,	/* crossing within the horizon: eta_s */
	FORECAST_ALREADY	/* the latest fitted value is past it */
};

struct forecast {
	enum forecast_state state;
	double		slope_per_min;	/* units per minute */
	double		r2;
	double		eta_s;		/* seconds to the crossing */
	double		fitted;		/* fitted value now */
	unsigned	n;		/* samples used */
	double		span_s;		/* seconds they cover */
};

/* Empty a series to hold FORECAST_SAMPLES; add to it with series_add*. */
void	forecast_init(struct series *);

/*
 * Fit the samples of the last window_ms (0: all kept) and say when the
 * series reaches threshold, within horizon_s, requiring r2 >= min_r2.
 */
enum forecast_state forecast_eval(const struct series *,
	    uint64_t window_ms, double threshold, double horizon_s,
	    double min_r2, struct forecast *out);

/* "crossing", "not rising", "beyond horizon", "poor fit", "pending"... */
const char *forecast_state_name(enum forecast_state);

/* Rate of change per minute over the last window_ms; NAN if < 2 samples. */
double	forecast_rate(const struct series *, uint64_t window_ms);

#endif
