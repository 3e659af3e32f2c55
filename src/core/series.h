/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * series.h: a bounded ring of timed samples and the straight line that fits
 * them best, the one both forecast (time to a threshold) and rul (remaining
 * useful life) read.
 */
#ifndef FOH_SERIES_H
#define FOH_SERIES_H

#include <stdint.h>

#define SERIES_MAX	120	/* the most samples a series can hold */

/*
 * The last cap samples (t_ms, v), oldest overwritten first; times never go
 * back. head is the slot the next sample goes in, n how many are held.
 * A plain value: copying it copies the samples; a zeroed one is an empty
 * series of SERIES_MAX.
 */
struct series {
	uint64_t	t_ms[SERIES_MAX];
	double		v[SERIES_MAX];
	unsigned	cap;		/* 1..SERIES_MAX; 0 reads as MAX */
	unsigned	head;
	unsigned	n;
};

/*
 * The least-squares line of value against time over some samples, x in
 * units of unit_ms measured back from the latest sample (x <= 0, so the
 * sums stay small and samples a whole unit apart fit exactly).
 */
struct series_fit {
	unsigned	n;		/* samples fitted */
	double		slope;		/* value per unit of time */
	double		r2;		/* 0..1; 0 when the values are equal */
	double		fitted;		/* the line at the latest sample */
};

/* Empty the series and hold at most cap samples (clamped to 1..MAX). */
void		series_init(struct series *s, unsigned cap);

/*
 * Add a sample, dropping the oldest when full. Non-finite values and times
 * before the latest sample are ignored; equal times are kept.
 */
void		series_add(struct series *s, uint64_t t_ms, double v);

/*
 * Add a sample keeping the held ones step_ms apart, so that cap samples
 * cover a long window of frequent readings: while the latest sample is less
 * than step_ms after the one before it, a new sample replaces it. The
 * newest value is always kept.
 */
void		series_add_every(struct series *s, uint64_t t_ms, double v,
		    uint32_t step_ms);

/* Time and value of the i-th oldest sample held (i < s->n). */
uint64_t	series_t(const struct series *s, unsigned i);
double		series_v(const struct series *s, unsigned i);

/*
 * Age index of the oldest sample within window_ms of the latest (0 when
 * window_ms is 0: all of them; s->n - first is how many).
 */
unsigned	series_first(const struct series *s, uint64_t window_ms);

/*
 * Fit samples first..n-1, x in units of unit_ms (> 0). 0 with out filled
 * in, or -1 (out's numbers NAN) under two samples or when all their times
 * are equal.
 */
int		series_fit(const struct series *s, unsigned first,
		    double unit_ms, struct series_fit *out);

#endif
