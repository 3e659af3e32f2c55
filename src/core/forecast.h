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

#define FORECAST_SAMPLES	120	/* kept per series */
#define FORECAST_MIN_SAMPLES	6

enum forecast_state {
	FORECAST_PENDING = 0,	/* too few samples or too short a span */
	FORECAST_NOT_RISING,	/* slope <= 0 */
	FORECAST_POOR_FIT,	/* r2 under the minimum */
	FORECAST_BEYOND,	/* crossing later than the horizon */
	FORECAST_CROSSING,	/* crossing within the horizon: eta_s */
	FORECAST_ALREADY	/* the latest fitted value is past it */
};

/* A bounded series of (t, value). */
struct forecast_series {
	uint64_t	t_ms[FORECAST_SAMPLES];
	double		v[FORECAST_SAMPLES];
	unsigned	head, n;
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

void	forecast_init(struct forecast_series *);
void	forecast_add(struct forecast_series *, uint64_t t_ms, double v);

/*
 * Add a sample keeping the kept ones step_ms apart, so that FORECAST_SAMPLES
 * cover a long window of frequent readings: while the latest sample is less
 * than step_ms after the one before it, a new sample replaces it. The newest
 * value is always kept.
 */
void	forecast_add_every(struct forecast_series *, uint64_t t_ms,
	    double v, uint32_t step_ms);

/*
 * Fit the samples of the last window_ms (0: all kept) and say when the
 * series reaches threshold, within horizon_s, requiring r2 >= min_r2.
 */
enum forecast_state forecast_eval(const struct forecast_series *,
	    uint64_t window_ms, double threshold, double horizon_s,
	    double min_r2, struct forecast *out);

/* "crossing", "not rising", "beyond horizon", "poor fit", "pending"... */
const char *forecast_state_name(enum forecast_state);

/* Rate of change per minute over the last window_ms; NAN if < 2 samples. */
double	forecast_rate(const struct forecast_series *, uint64_t window_ms);

#endif
