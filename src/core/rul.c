/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * rul.c: remaining useful life by a straight-line fit.
 *
 * The last RUL_SAMPLES samples are fitted by series_fit, value against time
 * in hours. The forecast is where the fitted line meets the limit, counted
 * from the fitted value at the latest sample:
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
#include <stddef.h>

#include "rul.h"

#define RUL_MIN_R2	0.5
#define RUL_MS_PER_H	3600000.0

/* Empty the ring. */
void
rul_init(struct rul *r)
{
	series_init(&r->samples, RUL_SAMPLES);
}

/* Add one sample, dropping the oldest when full. */
void
rul_add(struct rul *r, uint64_t t_ms, double value)
{
	series_add(&r->samples, t_ms, value);
}

/* Fit the line and say what it means against limit and horizon. */
enum rul_state
rul_estimate(const struct rul *r, double limit, double horizon_h,
    struct rul_fit *out)
{
	const struct series	*s = &r->samples;
	struct rul_fit		 fit;
	struct series_fit	 line;
	enum rul_state		 state;

	fit.hours_left = NAN;
	fit.slope_per_h = NAN;
	fit.r2 = NAN;
	fit.n = s->n;

	if (!isfinite(limit) || limit <= 0) {
		state = RUL_UNSET;
		goto done;
	}
	if (s->n < RUL_MIN_SAMPLES ||
	    series_t(s, s->n - 1) - series_t(s, 0) < RUL_MIN_SPAN_MS) {
		state = RUL_PENDING;
		goto done;
	}

	/* Fits: the span check guarantees two distinct times. */
	(void)series_fit(s, 0, RUL_MS_PER_H, &line);
	fit.slope_per_h = line.slope;
	fit.r2 = line.r2;
	if (series_v(s, s->n - 1) >= limit || line.fitted >= limit) {
		fit.hours_left = 0;
		state = RUL_VALUE;
		goto done;
	}
	if (fit.slope_per_h <= 0 || fit.r2 < RUL_MIN_R2) {
		state = RUL_NA;
		goto done;
	}
	fit.hours_left = (limit - line.fitted) / fit.slope_per_h;
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
