/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * forecast.c: time to a threshold by a straight-line fit.
 *
 * The samples of the last window (counted back from the latest sample) are
 * fitted by series_fit, value against time in minutes measured from the
 * latest sample (so samples a whole number of minutes apart fit exactly):
 * slope in units per minute, r2, and the fitted value now; then
 *
 *	eta   = (threshold - fitted) / slope, in seconds
 *
 * The answers are checked in this order, so that a number is only given
 * when the data supports one (doc/DOMAIN.md, "Predicting a
 * bottleneck"):
 *	PENDING		fewer than FORECAST_MIN_SAMPLES in the window,
 *			or they span less than FORECAST_MIN_SPAN_MS.
 *	ALREADY		the fitted value now is at or over threshold.
 *	NOT_RISING	slope <= 0.
 *	POOR_FIT	r2 < min_r2.
 *	BEYOND		eta > horizon (eta is still filled in).
 *	CROSSING	otherwise.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "forecast.h"

#define FORECAST_MIN_SPAN_MS	10000
#define FORECAST_MS_PER_MIN	60000.0

/* Empty the series, to hold FORECAST_SAMPLES. */
void
forecast_init(struct series *s)
{
	series_init(s, FORECAST_SAMPLES);
}

/* Fit the window and say when (if at all) it reaches threshold. */
enum forecast_state
forecast_eval(const struct series *s, uint64_t window_ms,
    double threshold, double horizon_s, double min_r2, struct forecast *out)
{
	struct forecast		fc;
	struct series_fit	fit;
	unsigned		first;

	memset(&fc, 0, sizeof fc);
	fc.slope_per_min = NAN;
	fc.r2 = NAN;
	fc.eta_s = NAN;
	fc.fitted = NAN;

	first = series_first(s, window_ms);
	fc.n = s->n - first;
	if (fc.n > 0)
		fc.span_s = (series_t(s, s->n - 1) - series_t(s, first)) /
		    1000.0;
	if (fc.n < FORECAST_MIN_SAMPLES ||
	    fc.span_s * 1000.0 < FORECAST_MIN_SPAN_MS) {
		fc.state = FORECAST_PENDING;
		goto done;
	}

	/* Fits: the span check guarantees two distinct times. */
	(void)series_fit(s, first, FORECAST_MS_PER_MIN, &fit);
	fc.slope_per_min = fit.slope;
	fc.r2 = fit.r2;
	fc.fitted = fit.fitted;

	if (fc.fitted >= threshold) {
		fc.eta_s = 0;
		fc.state = FORECAST_ALREADY;
		goto done;
	}
	if (fc.slope_per_min <= 0) {
		fc.state = FORECAST_NOT_RISING;
		goto done;
	}
	if (fc.r2 < min_r2) {
		fc.state = FORECAST_POOR_FIT;
		goto done;
	}
	fc.eta_s = (threshold - fc.fitted) / fc.slope_per_min * 60;
	if (fc.eta_s > horizon_s)
		fc.state = FORECAST_BEYOND;
	else
		fc.state = FORECAST_CROSSING;

done:
	if (out != NULL)
		*out = fc;
	return (fc.state);
}

/* Display name of a forecast state. */
const char *
forecast_state_name(enum forecast_state state)
{
	switch (state) {
	case FORECAST_PENDING:
		return ("pending");
	case FORECAST_NOT_RISING:
		return ("not rising");
	case FORECAST_POOR_FIT:
		return ("poor fit");
	case FORECAST_BEYOND:
		return ("beyond horizon");
	case FORECAST_CROSSING:
		return ("crossing");
	case FORECAST_ALREADY:
		return ("already past");
	}
	return ("?");
}

/* Least-squares slope per minute over the window; NAN under 2 samples. */
double
forecast_rate(const struct series *s, uint64_t window_ms)
{
	struct series_fit	fit;

	if (series_fit(s, series_first(s, window_ms), FORECAST_MS_PER_MIN,
	    &fit) != 0)
		return (NAN);
	return (fit.slope);
}
