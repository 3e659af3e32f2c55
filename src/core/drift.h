/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * drift.h: model drift at the edge. Each input feature of a model keeps a
 * frozen reference window and a sliding current window; a model's score is
 * its worst feature's, by Population Stability Index or the
 * Kolmogorov-Smirnov statistic (doc/DOMAIN.md, "Model drift").
 */
#ifndef FOH_DRIFT_H
#define FOH_DRIFT_H

#include <stdint.h>

#include "proto/foh-proto.h"

#define DRIFT_EPSILON		1e-4	/* share used for an empty PSI bin */
#define DRIFT_BINS_MAX		64	/* most PSI bins */
#define DRIFT_PSI_MODERATE	0.1	/* PSI below this is stable */
#define DRIFT_PSI_MAJOR		0.25	/* PSI above this is major */

/*
 * One feature: the first ref_n finite values seen form the reference (then
 * frozen, and sorted in place), every later one goes into the current
 * window, a ring of the latest window_n values. All three arrays come from
 * one allocation made by drift_feature_init.
 */
struct drift_feature {
	char		 name[FOHP_ID_MAX];
	float		*ref;		/* ref_n values; sorted once full */
	float		*cur;		/* ring of window_n values */
	float		*scratch;	/* window_n values, for sorting cur */
	uint32_t	 ref_n;
	uint32_t	 nref;		/* reference values held */
	uint32_t	 window_n;
	uint32_t	 ncur;		/* current values held, <= window_n */
	uint32_t	 head;		/* ring slot the next value goes in */
};

/* A model: up to FOHP_FEATURES_MAX features, added on first sight. */
struct drift_model {
	struct drift_feature features[FOHP_FEATURES_MAX];
	unsigned	 nfeatures;
	uint32_t	 ref_n;
	uint32_t	 window_n;
	unsigned	 bins;
	char		 method[FOHP_UNIT_MAX];	/* "psi" or "ks" */
};

/*
 * PSI of current shares a against expected (reference) shares e over bins:
 * sum of (a_i - e_i) ln(a_i / e_i), a share below DRIFT_EPSILON counted as
 * DRIFT_EPSILON (shares are not renormalised afterwards).
 */
double	 drift_psi_shares(const double *e, const double *a, unsigned bins);

/*
 * Equal-frequency bin edges from the reference values: bins - 1 interior
 * cut points written to edges (the caller's array of at least bins - 1).
 * Returns 0, or -1 when n is 0, bins is 0 or above DRIFT_BINS_MAX, or on
 * ENOMEM (it sorts a malloc'd copy of ref).
 */
int	 drift_bins(const float *ref, uint32_t n, unsigned bins,
	     double *edges);

/*
 * PSI of cur against ref over bins equal-frequency bins of ref. Values must
 * be finite. Sorts a malloc'd copy of ref; NAN on bad arguments or ENOMEM.
 */
double	 drift_psi(const float *ref, uint32_t nref, const float *cur,
	     uint32_t ncur, unsigned bins);

/*
 * Two-sample Kolmogorov-Smirnov statistic, max |F_ref(x) - F_cur(x)|, 0..1.
 * Values must be finite. Sorts copies in one malloc'd block of
 * nref + ncur floats; NAN when either sample is empty or on ENOMEM.
 */
double	 drift_ks(const float *ref, uint32_t nref, const float *cur,
	     uint32_t ncur);

/*
 * Set up a feature and allocate its windows. name is copied and must fit
 * FOHP_ID_MAX with its NUL. Returns 0, or -1 with errno EINVAL (bad name,
 * zero size) or ENOMEM; on failure there is nothing to free.
 */
int	 drift_feature_init(struct drift_feature *f, const char *name,
	     uint32_t ref_n, uint32_t window_n);

/* Free a feature's windows. Safe on a zeroed or already freed feature. */
void	 drift_feature_free(struct drift_feature *f);

/* Add n values (v is only read); non-finite values are skipped. */
void	 drift_feature_add(struct drift_feature *f, const float *v,
	     uint32_t n);

/*
 * Non-zero when the reference is full and the current window holds at
 * least max(1, min(window_n, ref_n) / 2) values.
 */
int	 drift_feature_ready(const struct drift_feature *f);

/*
 * Score of the current window against the reference: method "psi" (over
 * bins equal-frequency bins) or "ks" (bins unused). NAN when not ready or
 * on a bad method or bin count. Does not allocate.
 */
double	 drift_feature_score(struct drift_feature *f, const char *method,
	     unsigned bins);

/*
 * Set up an empty model. Returns 0, or -1 with errno EINVAL for a zero
 * size, bins outside 1..DRIFT_BINS_MAX or a method other than "psi"/"ks".
 */
int	 drift_model_init(struct drift_model *m, uint32_t ref_n,
	     uint32_t window_n, unsigned bins, const char *method);

/* Free every feature of a model. */
void	 drift_model_free(struct drift_model *m);

/*
 * Add n values of a feature, creating it on first sight. Returns 0, or -1
 * when a ninth feature would be needed (errno ENOSPC), for a bad name
 * (EINVAL) or on ENOMEM.
 */
int	 drift_model_add(struct drift_model *m, const char *feature,
	     const float *v, uint32_t n);

/*
 * Score the ready features. top (FOHP_FEATURES_MAX entries) gets them worst
 * first, *ntop how many; *score is the worst feature's score. Returns 0, or
 * 1 (pending: *score NAN, *ntop 0) while no feature is ready yet.
 */
int	 drift_model_evaluate(struct drift_model *m, double *score,
	     struct fohp_feature *top, uint8_t *ntop);

/*
 * Reading of a PSI score: "stable" below 0.1, "moderate" from 0.1 up to and
 * including 0.25, "major" above 0.25; "n/a" for NAN. Not for KS scores.
 */
const char *drift_level(double psi);

#endif
