/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * drift-noise.c: how noisy is a model's drift score with the sample sizes
 * the demo venues use, and what does that do to a drift rule?
 *
 * Plays each demo venue's scenario (conf/NAME.conf, scenarios/NAME.scn) at
 * scenario time (one model sample of 32 values per feature every 5 s, as
 * a real counter would send them), scores each sample as fohd does
 * (drift.c: worst feature's PSI, the venue's ref_n, window_n and bins),
 * and runs the drift-warning rule (rules.c) over the scores with each
 * candidate hold and clear level. For every venue, over seeds 1..SEEDS:
 *
 *   before drift  the score while nothing drifts (up to the first drift
 *                 event): mean, quantiles, the share at or over the warn
 *                 threshold; and the alerts the rule opens there (all
 *                 false).
 *   drifted       after the drift event's end (the shift held): alerts
 *                 opened, i.e. how often a real drift clears and fires
 *                 again.
 *
 * Then a small real drift that holds (brightness shifted a quarter and a
 * third of its sd): how often each rule clears on the noise and fires
 * again.
 *
 * Usage: drift-noise TOP_SRCDIR [SEEDS]; `make bench-drift` runs it with
 * 20 seeds. Its figures are in man/fohd.8 (Default rules).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/drift.h"
#include "core/reading.h"
#include "core/rules.h"
#include "sim/scenario.h"
#include "core/vconf.h"

#define NOISE_SCORES	40000	/* scores kept per venue, all seeds */

/* A demo venue and when its drift starts and ends (scenario seconds). */
static const struct {
	const char	*name;
	double		 drift_from, drift_to;
} noise_venues[] = {
	{ "arena", 3600, 7200 },
	{ "club", 1200, 2400 },
	{ "festival", 5400, 10800 },
};

/* A candidate rule: hold and clear level (a fraction of the threshold). */
static const struct {
	uint32_t	hold_ms;
	double		clear;
} noise_rules[] = {
	{ 0, 0.9 }, { 0, 0.5 }, { 60000, 0.9 }, { 60000, 0.6 },
	{ 120000, 0.9 }, { 120000, 0.6 }, { 120000, 0.5 }, { 300000, 0.5 },
};
#define NOISE_NRULES	(sizeof(noise_rules) / sizeof(noise_rules[0]))

/* qsort order of doubles. */
static int
noise_cmp(const void *x, const void *y)
{
	double	a = *(const double *)x, b = *(const double *)y;

	return ((a > b) - (a < b));
}

/* One venue over seeds: print the score's spread and each rule's alerts. */
static int
noise_venue(const char *top, unsigned v, unsigned seeds,
    struct reading_batch *b, double *scores)
{
	struct vconf		*c;
	struct scenario		 s;
	struct drift_model	 dm;
	struct rule		 r[NOISE_NRULES];
	struct rules		 rs;
	struct rules_eval	 ev[4];
	struct fohp_feature	 top_f[FOHP_FEATURES_MAX];
	char			 path[1024], err[512];
	unsigned		 seed, i, k, j, n = 0, over = 0;
	unsigned		 fires_base[NOISE_NRULES], fires_held[NOISE_NRULES];
	unsigned		 on_base[NOISE_NRULES], nbase = 0;
	double			 t, tick, sum = 0, score, base_h = 0, held_h = 0;
	uint8_t			 ntop;
	const struct vconf_model *m;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return (-1);
	snprintf(path, sizeof(path), "%s/conf/%s.conf", top,
	    noise_venues[v].name);
	if (vconf_load_file(c, path, err, sizeof(err)) != 0) {
		fprintf(stderr, "drift-noise: %s\n", err);
		free(c);
		return (-1);
	}
	snprintf(path, sizeof(path), "%s/scenarios/%s.scn", top,
	    noise_venues[v].name);
	if (scenario_load(&s, path, c, err, sizeof(err)) != 0) {
		fprintf(stderr, "drift-noise: %s\n", err);
		free(c);
		return (-1);
	}
	m = &c->models[0];
	memset(fires_base, 0, sizeof(fires_base));
	memset(fires_held, 0, sizeof(fires_held));
	memset(on_base, 0, sizeof(on_base));
	tick = s.tick_ms > 0 ? s.tick_ms / 1000.0 : 1;
	for (seed = 1; seed <= seeds; seed++) {
		scenario_reseed(&s, seed);
		if (drift_model_init(&dm, m->ref_n, m->window_n, m->bins,
		    m->method) != 0)
			return (-1);
		memset(r, 0, sizeof(r));
		for (k = 0; k < NOISE_NRULES; k++) {
			strcpy(r[k].id, "drift-warning");
			strcpy(r[k].subject, m->id);
			strcpy(r[k].metric, "score");
			r[k].target = RULES_MODEL;
			r[k].kind = FOHP_RK_DRIFT;
			r[k].threshold = m->warn;
			r[k].clear = m->warn * noise_rules[k].clear;
			r[k].for_ms = noise_rules[k].hold_ms;
			forecast_init(&r[k].series);
		}
		for (t = 0; t < s.duration_s; t += tick) {
			b->n = b->npool = 0;
			if (scenario_step(&s, t, 0, b) < 0)
				break;
			for (i = 0; i < b->n; i++) {
				const struct reading_model *rm =
				    &b->r[i].u.model;

				if (b->r[i].kind != READING_MODEL_SAMPLE)
					continue;
				for (j = 0; j < rm->nfeatures; j++)
					(void)drift_model_add(&dm,
					    rm->features[j].name,
					    &b->pool[rm->features[j].off],
					    rm->features[j].n);
				if (drift_model_evaluate(&dm, &score, top_f,
				    &ntop) != 0)
					continue;
				if (t < noise_venues[v].drift_from)
					nbase++;
				if (t < noise_venues[v].drift_from &&
				    n < NOISE_SCORES) {
					scores[n++] = score;
					sum += score;
					over += score >= m->warn;
				}
				for (k = 0; k < NOISE_NRULES; k++) {
					rs.n = 1;
					rs.r = &r[k];
					if (rules_observe(&rs, RULES_MODEL,
					    m->id, "score", score,
					    (uint64_t)(t * 1000), ev, 4) == 0)
						ev[0].change = 0;
					if (t < noise_venues[v].drift_from &&
					    r[k].firing)
						on_base[k]++;
					if (ev[0].change != RULES_FIRE)
						continue;
					if (t < noise_venues[v].drift_from)
						fires_base[k]++;
					else if (t >= noise_venues[v].drift_to)
						fires_held[k]++;
				}
			}
		}
		drift_model_free(&dm);
		base_h += noise_venues[v].drift_from / 3600;
		held_h += (s.duration_s - noise_venues[v].drift_to) / 3600;
	}
	qsort(scores, n, sizeof(scores[0]), noise_cmp);
	printf("%s: ref_n %u window_n %u bins %u, %s, warn %.2f; "
	    "%u seeds\n", noise_venues[v].name, m->ref_n, m->window_n,
	    m->bins, m->method, m->warn, seeds);
	if (n > 0)
		printf("  score before drift (%u samples): mean %.3f, "
		    "p50 %.3f, p90 %.3f, p99 %.3f, max %.3f; "
		    "%.1f %% at or over %.2f\n", n, sum / n, scores[n / 2],
		    scores[n * 9 / 10], scores[n * 99 / 100], scores[n - 1],
		    100.0 * over / n, m->warn);
	printf("  %-8s %-6s %22s %22s %22s\n", "hold", "clear",
	    "alerts/h before drift", "firing before drift", "alerts/h drift held");
	for (k = 0; k < NOISE_NRULES; k++)
		printf("  %-8u %-6.2f %22.1f %21.0f%% %22.1f\n",
		    noise_rules[k].hold_ms / 1000,
		    m->warn * noise_rules[k].clear,
		    base_h > 0 ? fires_base[k] / base_h : 0,
		    nbase > 0 ? 100.0 * on_base[k] / nbase : 0,
		    held_h > 0 ? fires_held[k] / held_h : 0);
	scenario_free(&s);
	free(c);
	return (0);
}

/* A normal deviate (Box-Muller) from a xorshift state. */
static double
noise_normal(uint64_t *st)
{
	double	u, v;

	*st ^= *st << 13, *st ^= *st >> 7, *st ^= *st << 17;
	u = ((*st >> 11) + 1.0) / 9007199254740993.0;
	*st ^= *st << 13, *st ^= *st >> 7, *st ^= *st << 17;
	v = ((*st >> 11) + 0.5) / 9007199254740992.0;
	return (sqrt(-2 * log(u)) * cos(2 * M_PI * v));
}

/*
 * A real but small drift that holds: brightness (sd 0.12) shifted by
 * shift from the start of the current window on, confidence unchanged,
 * 300 values of reference and window, 10 bins, 32 values every 5 s for 4
 * hours per seed. How often does each candidate rule fire again, i.e.
 * clear on the score's noise and re-fire?
 */
static void
noise_marginal(double shift, unsigned seeds)
{
	struct drift_model	 dm;
	struct rule		 r[NOISE_NRULES];
	struct rules		 rs;
	struct rules_eval	 ev[4];
	struct fohp_feature	 top_f[FOHP_FEATURES_MAX];
	float			 vb[32], vc[32];
	unsigned		 seed, k, j, fires[NOISE_NRULES], nscore = 0;
	unsigned		 on[NOISE_NRULES];
	uint64_t		 st, t;
	double			 score, sum = 0, hours = 0;
	uint8_t			 ntop;

	memset(fires, 0, sizeof(fires));
	memset(on, 0, sizeof(on));
	for (seed = 1; seed <= seeds; seed++) {
		st = 0x9e3779b97f4a7c15ULL * seed;
		if (drift_model_init(&dm, 300, 300, 10, "psi") != 0)
			return;
		memset(r, 0, sizeof(r));
		for (k = 0; k < NOISE_NRULES; k++) {
			strcpy(r[k].id, "drift-warning");
			strcpy(r[k].subject, "counter");
			strcpy(r[k].metric, "score");
			r[k].target = RULES_MODEL;
			r[k].kind = FOHP_RK_DRIFT;
			r[k].threshold = 0.1;
			r[k].clear = 0.1 * noise_rules[k].clear;
			r[k].for_ms = noise_rules[k].hold_ms;
			forecast_init(&r[k].series);
		}
		for (t = 0; t < 4 * 3600; t += 5) {
			for (j = 0; j < 32; j++) {
				vb[j] = (float)(0.55 + (t >= 50 ? shift : 0) +
				    0.12 * noise_normal(&st));
				vc[j] = (float)(0.85 + 0.05 *
				    noise_normal(&st));
			}
			(void)drift_model_add(&dm, "brightness", vb, 32);
			(void)drift_model_add(&dm, "confidence", vc, 32);
			if (drift_model_evaluate(&dm, &score, top_f,
			    &ntop) != 0 || t < 3600)
				continue;	/* the first hour settles */
			sum += score;
			nscore++;
			for (k = 0; k < NOISE_NRULES; k++) {
				rs.n = 1;
				rs.r = &r[k];
				if (rules_observe(&rs, RULES_MODEL, "counter",
				    "score", score, t * 1000, ev, 4) > 0 &&
				    ev[0].change == RULES_FIRE)
					fires[k]++;
				on[k] += r[k].firing;
			}
		}
		drift_model_free(&dm);
		hours += 3;
	}
	printf("marginal drift: brightness shifted %.3f (%.2f sd), held; "
	    "%u seeds x 3 h\n  score mean %.3f\n", shift, shift / 0.12,
	    seeds, nscore > 0 ? sum / nscore : 0);
	printf("  %-8s %-6s %22s %22s\n", "hold", "clear", "alerts/h",
	    "firing");
	for (k = 0; k < NOISE_NRULES; k++)
		printf("  %-8u %-6.2f %22.1f %21.0f%%\n",
		    noise_rules[k].hold_ms / 1000, 0.1 * noise_rules[k].clear,
		    fires[k] / hours, nscore > 0 ? 100.0 * on[k] / nscore : 0);
}

/* Every demo venue, then small real drifts. */
int
main(int argc, char **argv)
{
	struct reading_batch	*b;
	double			*scores;
	unsigned		 v, seeds = 20;
	int			 rv = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: drift-noise TOP_SRCDIR [SEEDS]\n");
		return (2);
	}
	if (argc > 2)
		seeds = (unsigned)strtoul(argv[2], NULL, 10);
	b = malloc(sizeof(*b));
	scores = malloc(NOISE_SCORES * sizeof(*scores));
	if (b == NULL || scores == NULL)
		return (1);
	for (v = 0; v < sizeof(noise_venues) / sizeof(noise_venues[0]); v++)
		if (noise_venue(argv[1], v, seeds, b, scores) != 0)
			rv = 1;
	noise_marginal(0.03, seeds);
	noise_marginal(0.04, seeds);
	free(scores);
	free(b);
	return (rv);
}
