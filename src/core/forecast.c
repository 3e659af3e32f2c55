/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * forecast.c: time to a threshold by a straight-line fit.
 *
 * The samples of the last window (counted back from the latest sample) are
 * fitted by ordinary least squares, value against time in minutes measured
 * from the latest sample (so x <= 0, the sums stay small, and samples a whole
 * number of minutes apart fit exactly):
 *
 *	slope = Sxy / Sxx		units per minute
 *	r2    = Sxy^2 / (Sxx Syy)	0 when the values are all equal
 *	fitted = my - slope * mx	the line at the latest sample
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

/* Empty the series. */
void
forecast_init(struct forecast_series *s)
{
	memset(s, 0, sizeof *s);
}

/* Ring slot of the i-th oldest sample held (i < s->n). */
static unsigned
forecast_index(const struct forecast_series *s, unsigned i)
{
	return ((s->head + FORECAST_SAMPLES - s->n + i) % FORECAST_SAMPLES);
}

/* Add one sample, dropping the oldest when full; ignore NaN and the past. */
void
forecast_add(struct forecast_series *s, uint64_t t_ms, double v)
{
	if (!isfinite(v))
		return;
	if (s->n > 0 && t_ms < s->t_ms[forecast_index(s, s->n - 1)])
		return;
	s->t_ms[s->head] = t_ms;
	s->v[s->head] = v;
	s->head = (s->head + 1) % FORECAST_SAMPLES;
	if (s->n < FORECAST_SAMPLES)
		s->n++;
}

/* Add one sample, replacing the latest while it is under a step old. */
void
forecast_add_every(struct forecast_series *s, uint64_t t_ms, double v,
    uint32_t step_ms)
{
	unsigned	last;

	if (!isfinite(v))
		return;
	if (s->n > 0 && t_ms < s->t_ms[forecast_index(s, s->n - 1)])
		return;
	last = forecast_index(s, s->n - 1);
	if (s->n >= 2 && s->t_ms[last] - s->t_ms[forecast_index(s, s->n - 2)] <
	    step_ms) {
		s->t_ms[last] = t_ms;
		s->v[last] = v;
		return;
	}
	forecast_add(s, t_ms, v);
}

/* Index (in age order) of the oldest sample within window_ms of the latest. */
static unsigned
forecast_first(const struct forecast_series *s, uint64_t window_ms)
{
	uint64_t	tn;
	unsigned	i;

	if (s->n == 0 || window_ms == 0)
		return (0);
	tn = s->t_ms[forecast_index(s, s->n - 1)];
	for (i = 0; i < s->n; i++) {
		if (tn - s->t_ms[forecast_index(s, i)] <= window_ms)
			break;
	}
	return (i);
}

/* Least-squares sums over samples first..n-1; x in minutes before latest. */
static void
forecast_sums(const struct forecast_series *s, unsigned first, double *mx,
    double *my, double *sxx, double *sxy, double *syy)
{
	uint64_t	tn = s->t_ms[forecast_index(s, s->n - 1)];
	unsigned	i, k, n = s->n - first;
	double		x, y;

	*mx = *my = *sxx = *sxy = *syy = 0;
	for (i = first; i < s->n; i++) {
		k = forecast_index(s, i);
		*mx -= (tn - s->t_ms[k]) / FORECAST_MS_PER_MIN;
		*my += s->v[k];
	}
	*mx /= n;
	*my /= n;
	for (i = first; i < s->n; i++) {
		k = forecast_index(s, i);
		x = -((tn - s->t_ms[k]) / FORECAST_MS_PER_MIN) - *mx;
		y = s->v[k] - *my;
		*sxx += x * x;
		*sxy += x * y;
		*syy += y * y;
	}
}

/* Fit the window and say when (if at all) it reaches threshold. */
enum forecast_state
forecast_eval(const struct forecast_series *s, uint64_t window_ms,
    double threshold, double horizon_s, double min_r2, struct forecast *out)
{
	struct forecast	fc;
	unsigned	first;
	double		mx, my, sxx, sxy, syy;

	memset(&fc, 0, sizeof fc);
	fc.slope_per_min = NAN;
	fc.r2 = NAN;
	fc.eta_s = NAN;
	fc.fitted = NAN;

	first = forecast_first(s, window_ms);
	fc.n = s->n - first;
	if (fc.n > 0) {
		fc.span_s = (s->t_ms[forecast_index(s, s->n - 1)] -
		    s->t_ms[forecast_index(s, first)]) / 1000.0;
	}
	if (fc.n < FORECAST_MIN_SAMPLES ||
	    fc.span_s * 1000.0 < FORECAST_MIN_SPAN_MS) {
		fc.state = FORECAST_PENDING;
		goto done;
	}

	/* sxx > 0: the span check guarantees two distinct times. */
	forecast_sums(s, first, &mx, &my, &sxx, &sxy, &syy);
	fc.slope_per_min = sxy / sxx;
	fc.r2 = (syy > 0) ? (sxy * sxy) / (sxx * syy) : 0;
	fc.fitted = my - fc.slope_per_min * mx;

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
forecast_rate(const struct forecast_series *s, uint64_t window_ms)
{
	unsigned	first;
	double		mx, my, sxx, sxy, syy;

	first = forecast_first(s, window_ms);
	if (s->n - first < 2)
		return (NAN);
	forecast_sums(s, first, &mx, &my, &sxx, &sxy, &syy);
	if (sxx <= 0)
		return (NAN);
	return (sxy / sxx);
}
