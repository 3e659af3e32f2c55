/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * rul.c: remaining useful life by a straight-line fit.
 *
 * The last RUL_SAMPLES samples are fitted by ordinary least squares, value
 * against time in hours (measured from the oldest sample, so the sums stay
 * small). The forecast is where the fitted line meets the limit, counted from
 * the fitted value at the latest sample:
 *
 *	hours_left = (limit - fitted(latest)) / slope
 *
 * The states are checked in this order:
 *	UNSET	limit <= 0 (or not finite): nothing is configured.
 *	PENDING	fewer than RUL_MIN_SAMPLES samples, or they span less than
 *		RUL_MIN_SPAN_MS.
 *	VALUE 0	the latest sample, or the fitted value at it, is at or over
 *		the limit: that is a fact, not a forecast, so it is reported
 *		whatever the slope or the fit quality.
 *	N/A	slope <= 0 (not wearing toward the limit) or r2 < RUL_MIN_R2.
 *	BEYOND	hours_left > horizon_h (when horizon_h > 0); hours_left is
 *		still filled in.
 *	VALUE	otherwise.
 * A perfectly flat series has slope 0 and r2 taken as 0.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "rul.h"

#define RUL_MIN_R2	0.5
#define RUL_MS_PER_H	3600000.0

/* Empty the ring. */
void
rul_init(struct rul *r)
{
	memset(r, 0, sizeof *r);
}

/* Index of the i-th oldest sample held (i < r->n). */
static unsigned
rul_index(const struct rul *r, unsigned i)
{
	return ((r->head + RUL_SAMPLES - r->n + i) % RUL_SAMPLES);
}

/* Add one sample, dropping the oldest when full. */
void
rul_add(struct rul *r, uint64_t t_ms, double value)
{
	if (!isfinite(value))
		return;
	if (r->n > 0 && t_ms < r->t_ms[rul_index(r, r->n - 1)])
		return;
	r->t_ms[r->head] = t_ms;
	r->value[r->head] = value;
	r->head = (r->head + 1) % RUL_SAMPLES;
	if (r->n < RUL_SAMPLES)
		r->n++;
}

/* Fit the line and say what it means against limit and horizon. */
enum rul_state
rul_estimate(const struct rul *r, double limit, double horizon_h,
    struct rul_fit *out)
{
	struct rul_fit	 fit;
	uint64_t	 t0, tn;
	double		 x, y, mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0;
	double		 xlast, latest, fitted;
	enum rul_state	 state;
	unsigned	 i, k;

	fit.hours_left = NAN;
	fit.slope_per_h = NAN;
	fit.r2 = NAN;
	fit.n = r->n;

	if (!isfinite(limit) || limit <= 0) {
		state = RUL_UNSET;
		goto done;
	}
	if (r->n < RUL_MIN_SAMPLES) {
		state = RUL_PENDING;
		goto done;
	}
	t0 = r->t_ms[rul_index(r, 0)];
	tn = r->t_ms[rul_index(r, r->n - 1)];
	if (tn - t0 < RUL_MIN_SPAN_MS) {
		state = RUL_PENDING;
		goto done;
	}

	for (i = 0; i < r->n; i++) {
		k = rul_index(r, i);
		mx += (r->t_ms[k] - t0) / RUL_MS_PER_H;
		my += r->value[k];
	}
	mx /= r->n;
	my /= r->n;
	for (i = 0; i < r->n; i++) {
		k = rul_index(r, i);
		x = (r->t_ms[k] - t0) / RUL_MS_PER_H - mx;
		y = r->value[k] - my;
		sxx += x * x;
		sxy += x * y;
		syy += y * y;
	}
	/* sxx > 0: the span check guarantees two distinct times. */
	fit.slope_per_h = sxy / sxx;
	fit.r2 = (syy > 0) ? (sxy * sxy) / (sxx * syy) : 0;

	xlast = (tn - t0) / RUL_MS_PER_H;
	latest = r->value[rul_index(r, r->n - 1)];
	fitted = my + fit.slope_per_h * (xlast - mx);
	if (latest >= limit || fitted >= limit) {
		fit.hours_left = 0;
		state = RUL_VALUE;
		goto done;
	}
	if (fit.slope_per_h <= 0 || fit.r2 < RUL_MIN_R2) {
		state = RUL_NA;
		goto done;
	}
	fit.hours_left = (limit - fitted) / fit.slope_per_h;
	if (horizon_h > 0 && fit.hours_left > horizon_h)
		state = RUL_BEYOND;
	else
		state = RUL_VALUE;

done:
	if (out != NULL)
		*out = fit;
	return (state);
}

/* Display name of an estimate state. */
const char *
rul_state_name(enum rul_state state)
{
	switch (state) {
	case RUL_UNSET:
		return ("unset");
	case RUL_PENDING:
		return ("pending");
	case RUL_NA:
		return ("n/a");
	case RUL_VALUE:
		return ("value");
	case RUL_BEYOND:
		return ("beyond horizon");
	}
	return ("?");
}
