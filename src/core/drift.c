/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * drift.c: Population Stability Index and Kolmogorov-Smirnov drift.
 *
 * PSI compares shares of values per bin. The bins come from the reference:
 * equal-frequency bins, cut at its quantiles, so each holds about 1/bins of
 * the reference. Cut point k of bins (k = 1 .. bins - 1) over the sorted
 * reference x[0..n-1] is the midpoint between order statistics j - 1 and j,
 * j = floor(k n / bins): for 1..100 in 10 bins that is 10.5, 20.5 .. 90.5.
 * A value equal to a cut point belongs to the lower bin (as in band.c).
 * The reference shares are counted, not assumed to be 1/bins, so ties in the
 * reference (fewer distinct values than bins) still give consistent shares.
 * An empty bin's share is taken as DRIFT_EPSILON (1e-4) so ln() stays
 * finite; an empty bin on both sides then adds exactly 0.
 *
 * KS walks both sorted samples once, stepping past every copy of the next
 * smallest value before comparing the two empirical CDFs, so ties are
 * handled right.
 *
 * A feature's reference is sorted in place when it fills (its order does not
 * matter once frozen), so scoring by PSI needs no sort at all and scoring by
 * KS sorts only a copy of the current window, in preallocated scratch.
 *
 * A model's score is the maximum of its features' scores: one badly drifted
 * input is enough to distrust the model, and an average would hide it.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "drift.h"

/* qsort order of floats. */
static int
drift_cmp(const void *a, const void *b)
{
	float	x = *(const float *)a, y = *(const float *)b;

	return ((x > y) - (x < y));
}

/* Equal-frequency cut points of an already sorted sample. */
static void
drift_edges_sorted(const float *x, uint32_t n, unsigned bins, double *edges)
{
	unsigned	k;
	uint64_t	j;

	for (k = 1; k < bins; k++) {
		j = (uint64_t)k * n / bins;
		if (j == 0)
			edges[k - 1] = x[0];
		else if (j >= n)
			edges[k - 1] = x[n - 1];
		else
			edges[k - 1] = ((double)x[j - 1] + x[j]) / 2;
	}
}

/* Bin of a value: how many cut points lie strictly below it. */
static unsigned
drift_bin_of(const double *edges, unsigned nedges, double v)
{
	unsigned	lo = 0, hi = nedges, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (edges[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* Share of values falling in each bin. */
static void
drift_shares(const float *v, uint32_t n, const double *edges, unsigned bins,
    double *shares)
{
	uint32_t	i;
	unsigned	b;

	for (b = 0; b < bins; b++)
		shares[b] = 0;
	for (i = 0; i < n; i++)
		shares[drift_bin_of(edges, bins - 1, v[i])] += 1;
	for (b = 0; b < bins; b++)
		shares[b] /= n;
}

/*
 * drift_shares of an already sorted sample, by binary search: a value is
 * in bin b or below when it is not above edges[b], so each bin's count is
 * the difference of two upper bounds. The same counts, in O(bins log n).
 */
static void
drift_shares_sorted(const float *v, uint32_t n, const double *edges,
    unsigned bins, double *shares)
{
	uint32_t	lo, hi, mid, below = 0;
	unsigned	b;

	for (b = 0; b + 1 < bins; b++) {
		lo = below;
		hi = n;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if ((double)v[mid] <= edges[b])
				lo = mid + 1;
			else
				hi = mid;
		}
		shares[b] = (double)(lo - below) / n;
		below = lo;
	}
	shares[bins - 1] = (double)(n - below) / n;
}

/* PSI of cur (any order) against an already sorted reference. */
static double
drift_psi_sorted(const float *ref, uint32_t nref, const float *cur,
    uint32_t ncur, unsigned bins)
{
	double	edges[DRIFT_BINS_MAX - 1];
	double	e[DRIFT_BINS_MAX], a[DRIFT_BINS_MAX];

	if (nref == 0 || ncur == 0 || bins == 0 || bins > DRIFT_BINS_MAX)
		return (NAN);
	drift_edges_sorted(ref, nref, bins, edges);
	drift_shares_sorted(ref, nref, edges, bins, e);
	drift_shares(cur, ncur, edges, bins, a);
	return (drift_psi_shares(e, a, bins));
}

/* KS statistic of two sorted samples. */
static double
drift_ks_sorted(const float *a, uint32_t n, const float *b, uint32_t m)
{
	uint32_t	i = 0, j = 0;
	double		d, max = 0;
	float		x;

	if (n == 0 || m == 0)
		return (NAN);
	while (i < n && j < m) {
		x = a[i] < b[j] ? a[i] : b[j];
		while (i < n && a[i] <= x)
			i++;
		while (j < m && b[j] <= x)
			j++;
		d = fabs((double)i / n - (double)j / m);
		if (d > max)
			max = d;
	}
	return (max);
}

/* PSI from two share vectors, empty bins taken as DRIFT_EPSILON. */
double
drift_psi_shares(const double *e, const double *a, unsigned bins)
{
	double		sum = 0, ei, ai;
	unsigned	i;

	for (i = 0; i < bins; i++) {
		ei = e[i] < DRIFT_EPSILON ? DRIFT_EPSILON : e[i];
		ai = a[i] < DRIFT_EPSILON ? DRIFT_EPSILON : a[i];
		sum += (ai - ei) * log(ai / ei);
	}
	return (sum);
}

/* Equal-frequency cut points of a reference sample. */
int
drift_bins(const float *ref, uint32_t n, unsigned bins, double *edges)
{
	float	*x;

	if (n == 0 || bins == 0 || bins > DRIFT_BINS_MAX)
		return (-1);
	if ((x = malloc((size_t)n * sizeof *x)) == NULL)
		return (-1);
	memcpy(x, ref, (size_t)n * sizeof *x);
	qsort(x, n, sizeof *x, drift_cmp);
	drift_edges_sorted(x, n, bins, edges);
	free(x);
	return (0);
}

/* PSI of two samples. */
double
drift_psi(const float *ref, uint32_t nref, const float *cur, uint32_t ncur,
    unsigned bins)
{
	float	*x;
	double	 psi;

	if (nref == 0 || ncur == 0 || bins == 0 || bins > DRIFT_BINS_MAX)
		return (NAN);
	if ((x = malloc((size_t)nref * sizeof *x)) == NULL)
		return (NAN);
	memcpy(x, ref, (size_t)nref * sizeof *x);
	qsort(x, nref, sizeof *x, drift_cmp);
	psi = drift_psi_sorted(x, nref, cur, ncur, bins);
	free(x);
	return (psi);
}

/* KS statistic of two samples. */
double
drift_ks(const float *ref, uint32_t nref, const float *cur, uint32_t ncur)
{
	float	*x;
	double	 d;

	if (nref == 0 || ncur == 0)
		return (NAN);
	if ((x = malloc(((size_t)nref + ncur) * sizeof *x)) == NULL)
		return (NAN);
	memcpy(x, ref, (size_t)nref * sizeof *x);
	memcpy(x + nref, cur, (size_t)ncur * sizeof *x);
	qsort(x, nref, sizeof *x, drift_cmp);
	qsort(x + nref, ncur, sizeof *x, drift_cmp);
	d = drift_ks_sorted(x, nref, x + nref, ncur);
	free(x);
	return (d);
}

/* Set up a feature; one allocation holds ref, cur and scratch. */
int
drift_feature_init(struct drift_feature *f, const char *name,
    uint32_t ref_n, uint32_t window_n)
{
	uint64_t	total = (uint64_t)ref_n + 2 * (uint64_t)window_n;

	memset(f, 0, sizeof *f);
	if (name == NULL || *name == '\0' ||
	    strlen(name) >= sizeof f->name || ref_n == 0 || window_n == 0) {
		errno = EINVAL;
		return (-1);
	}
	if (total > SIZE_MAX / sizeof(float)) {
		errno = ENOMEM;
		return (-1);
	}
	if ((f->ref = malloc((size_t)total * sizeof(float))) == NULL) {
		errno = ENOMEM;
		return (-1);
	}
	f->cur = f->ref + ref_n;
	f->scratch = f->cur + window_n;
	strcpy(f->name, name);
	f->ref_n = ref_n;
	f->window_n = window_n;
	return (0);
}

/* Free a feature's one allocation. */
void
drift_feature_free(struct drift_feature *f)
{
	free(f->ref);
	memset(f, 0, sizeof *f);
}

/* Feed values: reference first, then the current ring. */
void
drift_feature_add(struct drift_feature *f, const float *v, uint32_t n)
{
	uint32_t	i;

	for (i = 0; i < n; i++) {
		if (!isfinite(v[i]))
			continue;
		if (f->nref < f->ref_n) {
			f->ref[f->nref++] = v[i];
			if (f->nref == f->ref_n)
				qsort(f->ref, f->nref, sizeof *f->ref,
				    drift_cmp);
			continue;
		}
		f->cur[f->head] = v[i];
		f->head = (f->head + 1) % f->window_n;
		if (f->ncur < f->window_n)
			f->ncur++;
	}
}

/* Whether a feature has enough data to score. */
int
drift_feature_ready(const struct drift_feature *f)
{
	uint32_t	need;

	if (f->ref_n == 0 || f->nref < f->ref_n)
		return (0);
	need = (f->window_n < f->ref_n ? f->window_n : f->ref_n) / 2;
	if (need == 0)
		need = 1;
	return (f->ncur >= need);
}

/* Score a feature's current window against its reference. */
double
drift_feature_score(struct drift_feature *f, const char *method,
    unsigned bins)
{
	if (method == NULL || !drift_feature_ready(f))
		return (NAN);
	/* While the ring fills, its values are in slots 0 .. ncur - 1. */
	if (strcmp(method, "psi") == 0)
		return (drift_psi_sorted(f->ref, f->nref, f->cur, f->ncur,
		    bins));
	if (strcmp(method, "ks") == 0) {
		memcpy(f->scratch, f->cur, (size_t)f->ncur * sizeof *f->cur);
		qsort(f->scratch, f->ncur, sizeof *f->scratch, drift_cmp);
		return (drift_ks_sorted(f->ref, f->nref, f->scratch,
		    f->ncur));
	}
	return (NAN);
}

/* Set up an empty model. */
int
drift_model_init(struct drift_model *m, uint32_t ref_n, uint32_t window_n,
    unsigned bins, const char *method)
{
	memset(m, 0, sizeof *m);
	if (ref_n == 0 || window_n == 0 || bins == 0 ||
	    bins > DRIFT_BINS_MAX || method == NULL ||
	    (strcmp(method, "psi") != 0 && strcmp(method, "ks") != 0)) {
		errno = EINVAL;
		return (-1);
	}
	m->ref_n = ref_n;
	m->window_n = window_n;
	m->bins = bins;
	strcpy(m->method, method);
	return (0);
}

/* Free every feature. */
void
drift_model_free(struct drift_model *m)
{
	unsigned	i;

	for (i = 0; i < m->nfeatures; i++)
		drift_feature_free(&m->features[i]);
	m->nfeatures = 0;
}

/* Feed a feature's values, adding the feature on first sight. */
int
drift_model_add(struct drift_model *m, const char *feature, const float *v,
    uint32_t n)
{
	struct drift_feature	*f = NULL;
	unsigned		 i;

	if (feature == NULL) {
		errno = EINVAL;
		return (-1);
	}
	for (i = 0; i < m->nfeatures; i++) {
		if (strcmp(m->features[i].name, feature) == 0) {
			f = &m->features[i];
			break;
		}
	}
	if (f == NULL) {
		if (m->nfeatures == FOHP_FEATURES_MAX) {
			errno = ENOSPC;
			return (-1);
		}
		f = &m->features[m->nfeatures];
		if (drift_feature_init(f, feature, m->ref_n,
		    m->window_n) != 0)
			return (-1);
		m->nfeatures++;
	}
	drift_feature_add(f, v, n);
	return (0);
}

/* Score the ready features, worst first; the model scores as the worst. */
int
drift_model_evaluate(struct drift_model *m, double *score,
    struct fohp_feature *top, uint8_t *ntop)
{
	double		s;
	unsigned	i, j, n = 0;

	for (i = 0; i < m->nfeatures; i++) {
		s = drift_feature_score(&m->features[i], m->method, m->bins);
		if (isnan(s))
			continue;
		/* Insertion sort, descending; equal scores keep first seen. */
		for (j = n; j > 0 && top[j - 1].score < s; j--)
			top[j] = top[j - 1];
		memset(&top[j], 0, sizeof top[j]);
		strcpy(top[j].name, m->features[i].name);
		top[j].score = s;
		n++;
	}
	*ntop = (uint8_t)n;
	if (n == 0) {
		*score = NAN;
		return (1);
	}
	*score = top[0].score;
	return (0);
}

/* Conventional reading of a PSI. */
const char *
drift_level(double psi)
{
	if (isnan(psi))
		return ("n/a");
	if (psi < DRIFT_PSI_MODERATE)
		return ("stable");
	if (psi <= DRIFT_PSI_MAJOR)
		return ("moderate");
	return ("major");
}
