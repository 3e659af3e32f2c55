/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * series.c: a ring of timed samples and its least-squares line.
 *
 * The fit is ordinary least squares of value against time, x measured back
 * from the latest sample in the caller's unit (minutes for a forecast,
 * hours for remaining life):
 *
 *	slope  = Sxy / Sxx
 *	r2     = Sxy^2 / (Sxx Syy)	0 when the values are all equal
 *	fitted = my - slope * mx	the line at the latest sample (x = 0)
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "series.h"

/* Empty the series and set how many samples it keeps. */
void
series_init(struct series *s, unsigned cap)
{
	memset(s, 0, sizeof *s);
	if (cap == 0)
		cap = 1;
	s->cap = cap > SERIES_MAX ? SERIES_MAX : cap;
}

/* How many samples the series keeps: a zeroed one keeps SERIES_MAX. */
static unsigned
series_cap(const struct series *s)
{
	return (s->cap == 0 || s->cap > SERIES_MAX ? SERIES_MAX : s->cap);
}

/* Ring slot of the i-th oldest sample held (i < s->n). */
static unsigned
series_slot(const struct series *s, unsigned i)
{
	return ((s->head + series_cap(s) - s->n + i) % series_cap(s));
}

/* Time of the i-th oldest sample. */
uint64_t
series_t(const struct series *s, unsigned i)
{
	return (s->t_ms[series_slot(s, i)]);
}

/* Value of the i-th oldest sample. */
double
series_v(const struct series *s, unsigned i)
{
	return (s->v[series_slot(s, i)]);
}

/* Would a sample at t_ms with value v be kept at all? */
static int
series_takes(const struct series *s, uint64_t t_ms, double v)
{
	if (!isfinite(v))
		return (0);
	return (s->n == 0 || t_ms >= series_t(s, s->n - 1));
}

/* Add one sample, dropping the oldest when full. */
void
series_add(struct series *s, uint64_t t_ms, double v)
{
	if (!series_takes(s, t_ms, v))
		return;
	s->t_ms[s->head] = t_ms;
	s->v[s->head] = v;
	s->head = (s->head + 1) % series_cap(s);
	if (s->n < series_cap(s))
		s->n++;
}

/* Add one sample, replacing the latest while it is under a step old. */
void
series_add_every(struct series *s, uint64_t t_ms, double v, uint32_t step_ms)
{
	unsigned	last;

	if (!series_takes(s, t_ms, v))
		return;
	if (s->n >= 2 && series_t(s, s->n - 1) - series_t(s, s->n - 2) <
	    step_ms) {
		last = series_slot(s, s->n - 1);
		s->t_ms[last] = t_ms;
		s->v[last] = v;
		return;
	}
	series_add(s, t_ms, v);
}

/* Age index of the oldest sample within window_ms of the latest. */
unsigned
series_first(const struct series *s, uint64_t window_ms)
{
	uint64_t	tn;
	unsigned	i;

	if (s->n == 0 || window_ms == 0)
		return (0);
	tn = series_t(s, s->n - 1);
	for (i = 0; i < s->n; i++) {
		if (tn - series_t(s, i) <= window_ms)
			break;
	}
	return (i);
}

/* Least-squares line over samples first..n-1, x in unit_ms before latest. */
int
series_fit(const struct series *s, unsigned first, double unit_ms,
    struct series_fit *out)
{
	uint64_t	tn;
	unsigned	i, n;
	double		x, y, mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0;

	n = first < s->n ? s->n - first : 0;
	out->n = n;
	out->slope = out->r2 = out->fitted = NAN;
	if (n < 2)
		return (-1);
	tn = series_t(s, s->n - 1);
	for (i = first; i < s->n; i++) {
		mx -= (tn - series_t(s, i)) / unit_ms;
		my += series_v(s, i);
	}
	mx /= n;
	my /= n;
	for (i = first; i < s->n; i++) {
		x = -((tn - series_t(s, i)) / unit_ms) - mx;
		y = series_v(s, i) - my;
		sxx += x * x;
		sxy += x * y;
		syy += y * y;
	}
	if (!(sxx > 0))
		return (-1);
	out->slope = sxy / sxx;
	out->r2 = (syy > 0) ? (sxy * sxy) / (sxx * syy) : 0;
	out->fitted = my - out->slope * mx;
	return (0);
}
