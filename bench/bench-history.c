/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * bench-history.c: what history at the edge (issue 15) costs, for
 * bench-ingest -H CONF.
 *
 *   ingest    fohd's readings path in process, without the sockets: a JSON
 *             frame of zone counts through ingest_json, agent_apply and
 *             agent_service, as fohd's loop does per frame, on an agent
 *             of the venue in CONF with a journal. History off
 *             ([history] enabled = no) and on at step = 1s (ten times the
 *             default's writes) are measured in the same run, in turns
 *             (off, on, off, on, ...), and the median of each is given:
 *             readings/s of the wall clock and per CPU-second (which a
 *             machine shared with other work disturbs less), and on as a
 *             share of off (target: at least 90%).
 *   size      the journal's growth per venue-hour: 360 steps (an hour at
 *             the default 10 s) of every zone, gate, device and model in
 *             CONF written with journal_samples to a fresh file, measured
 *             as page_size * page_count after it is closed, less the
 *             empty file; and the commit time of one step.
 *
 * Its files are made in a fresh folder under /tmp and removed at the end.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "agent/agent.h"
#include "agent/ingest.h"
#include "agent/journal.h"
#include "bench-history.h"
#include "core/vconf.h"
#include "lib/clock.h"

#define BENCH_HISTORY_BATCH	100	/* readings per frame */
#define BENCH_HISTORY_FRAMES	16	/* distinct frames, cycled */
#define BENCH_HISTORY_TURNS	5	/* off and on turns each */
#define BENCH_HISTORY_STEPS	360	/* an hour at 10 s */
#define BENCH_HISTORY_T0	1796400000000ULL	/* 2026-12-04T16:00Z */

/* The frames sent: zone counts over every zone, low enough for no alert. */
static char **
bench_history_frames(const struct vconf *c)
{
	char		**f = calloc(BENCH_HISTORY_FRAMES, sizeof(*f));
	size_t		  cap = BENCH_HISTORY_BATCH * (64 + FOHP_ID_MAX);
	unsigned	  i, j, z;
	int		  n;

	for (i = 0; f != NULL && i < BENCH_HISTORY_FRAMES; i++) {
		if ((f[i] = malloc(cap)) == NULL)
			return (NULL);
		n = snprintf(f[i], cap, "[");
		for (j = 0; j < BENCH_HISTORY_BATCH; j++) {
			z = (i * BENCH_HISTORY_BATCH + j) % c->layout.nzones;
			n += snprintf(f[i] + n, cap - (size_t)n, "%s{\"kind\":"
			    "\"zone_count\",\"zone\":\"%s\",\"count\":%u}",
			    j > 0 ? "," : "", c->layout.zones[z].id,
			    (i * 7 + j) % 20);
		}
		snprintf(f[i] + n, cap - (size_t)n, "]");
	}
	return (f);
}

/* This process's CPU time in ns. */
static uint64_t
bench_history_cpu_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
}

/*
 * One turn: frames for secs seconds through a fresh agent; readings/s of
 * the wall clock, and per CPU-second in *cpu_rate.
 */
static double
bench_history_turn(const struct vconf *base, const char *dir, int on,
    unsigned turn, double secs, char **frames, struct reading_batch *b,
    uint64_t *steps, double *cpu_rate)
{
	struct vconf	*c = malloc(sizeof(*c));
	struct agent	*a;
	char		 err[512];
	uint64_t	 t0, t1, c0, n = 0, i = 0;

	*c = *base;
	snprintf(c->stream, sizeof(c->stream), "ipc://%s/s-%d-%u.ipc", dir,
	    on, turn);
	snprintf(c->control, sizeof(c->control), "ipc://%s/c-%d-%u.ipc", dir,
	    on, turn);
	snprintf(c->journal, sizeof(c->journal), "%s/turn-%d-%u.db", dir, on,
	    turn);
	c->simulate = 0;
	c->history_enabled = on;
	c->history_step_ms = 1000;
	if ((a = agent_open(c, err, sizeof(err))) == NULL) {
		fprintf(stderr, "bench-history: %s\n", err);
		exit(1);
	}
	c0 = bench_history_cpu_ns();
	t0 = t1 = clock_mono_ns();
	while ((double)(t1 - t0) < secs * 1e9) {
		const char	*f = frames[i++ % BENCH_HISTORY_FRAMES];

		ingest_json(c, f, strlen(f), clock_wall_ms(), b);
		agent_apply(a, b, clock_mono_ms());
		agent_service(a, clock_mono_ms());
		n += b->accepted;
		t1 = clock_mono_ns();
	}
	*cpu_rate = (double)n * 1e9 / (double)(bench_history_cpu_ns() - c0);
	*steps = agent_stats(a)->history_steps;
	agent_close(a);
	free(c);
	return ((double)n * 1e9 / (double)(t1 - t0));
}

/* Median of n values (sorted in place). */
static double
bench_history_median(double *v, unsigned n)
{
	unsigned	i, j;
	double		x;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			x = v[j];
			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	return (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
}

/* The file's size as SQLite counts it: page_size * page_count. */
static long long
bench_history_size(const char *path)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	long long	 v[2] = { 0, 0 };
	const char	*q[2] = { "PRAGMA page_size", "PRAGMA page_count" };
	int		 i;

	if (sqlite3_open(path, &db) != SQLITE_OK)
		return (-1);
	for (i = 0; i < 2; i++) {
		if (sqlite3_prepare_v2(db, q[i], -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			v[i] = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return (v[0] * v[1]);
}

/* A step of every zone, gate, device and model of c, varied by i. */
static void
bench_history_step(const struct vconf *c, unsigned i, struct journal_step *s)
{
	unsigned	k;

	s->t_ms = BENCH_HISTORY_T0 + (uint64_t)i * 10000;
	s->nzones = c->layout.nzones;
	for (k = 0; k < s->nzones; k++) {
		strcpy(s->zones[k].zone, c->layout.zones[k].id);
		s->zones[k].count = (i * 13 + k * 101) % 4000;
		s->zones[k].density = s->zones[k].count /
		    c->layout.zones[k].area_m2;
		s->zones[k].band = (char)('A' + (i + k) % 6);
	}
	s->ngates = c->ngates;
	for (k = 0; k < s->ngates; k++) {
		strcpy(s->gates[k].gate, c->gates[k].id);
		s->gates[k].in = (i * 7 + k) % 300;
		s->gates[k].out = (i * 3 + k) % 100;
		s->gates[k].flow_pmm = (s->gates[k].in + s->gates[k].out) /
		    c->gates[k].width_m / 10.0 * 60.0;
		s->gates[k].los = (char)('A' + (i + k) % 6);
	}
	s->ndevices = c->ndevices;
	for (k = 0; k < s->ndevices; k++) {
		strcpy(s->devices[k].device, c->devices[k].id);
		strcpy(s->devices[k].status, (i + k) % 50 ? "ok" : "warning");
		s->devices[k].wear = 1000.0 + i * 0.01 + k;
	}
	s->nmodels = c->nmodels;
	for (k = 0; k < s->nmodels; k++) {
		strcpy(s->models[k].model, c->models[k].id);
		s->models[k].score = (double)((i + k) % 40) / 100.0;
		strcpy(s->models[k].level, "stable");
	}
}

/* An hour of steps into a fresh journal: its growth and commit times. */
static void
bench_history_hour(const struct vconf *c, const char *dir)
{
	struct journal_step	*s = malloc(sizeof(*s));
	struct journal		*j;
	double			 ms[BENCH_HISTORY_STEPS], max = 0;
	char			 path[512], err[512];
	long long		 empty, full;
	unsigned		 i, rows;
	uint64_t		 t0;

	snprintf(path, sizeof(path), "%s/hour.db", dir);
	if (s == NULL || (j = journal_open(path, c->id, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "bench-history: %s\n", s == NULL ?
		    "out of memory" : err);
		exit(1);
	}
	journal_close(j);
	empty = bench_history_size(path);
	j = journal_open(path, c->id, err, sizeof(err));
	for (i = 0; j != NULL && i < BENCH_HISTORY_STEPS; i++) {
		bench_history_step(c, i, s);
		t0 = clock_mono_ns();
		if (journal_samples(j, s, BENCH_HISTORY_T0, err,
		    sizeof(err)) != 0) {
			fprintf(stderr, "bench-history: %s\n", err);
			exit(1);
		}
		ms[i] = (double)(clock_mono_ns() - t0) / 1e6;
		if (ms[i] > max)
			max = ms[i];
	}
	journal_close(j);
	full = bench_history_size(path);
	rows = c->layout.nzones + c->ngates + c->ndevices + c->nmodels;
	printf("journal size per venue-hour, %s (zones %u, gates %u, "
	    "devices %u, models %u: %u rows a step), 10 s step:\n", c->id,
	    c->layout.nzones, c->ngates, c->ndevices, c->nmodels, rows);
	printf("  history per venue-hour          %10.1f KiB  (%.1f MiB a "
	    "day, %.0f bytes a row; empty file %lld bytes)\n",
	    (double)(full - empty) / 1024.0,
	    (double)(full - empty) * 24.0 / 1048576.0,
	    (double)(full - empty) / (rows * BENCH_HISTORY_STEPS), empty);
	printf("  a step's commit                 %10.2f ms median, %.2f ms "
	    "max  (%.3f%% of a 10 s step)\n", bench_history_median(ms,
	    BENCH_HISTORY_STEPS), max, bench_history_median(ms,
	    BENCH_HISTORY_STEPS) / 100.0);
	free(s);
}

/* Run both parts on the venue in conf_path, secs seconds a turn. */
int
bench_history_run(const char *conf_path, double secs)
{
	struct vconf		*c = malloc(sizeof(*c));
	struct reading_batch	*b = malloc(sizeof(*b));
	char			 dir[] = "/tmp/foh-bench-history.XXXXXX";
	char			 err[512], cmd[600];
	char			**frames;
	double			 off[BENCH_HISTORY_TURNS];
	double			 on[BENCH_HISTORY_TURNS], moff, mon;
	double			 coff[BENCH_HISTORY_TURNS];
	double			 con[BENCH_HISTORY_TURNS];
	uint64_t		 steps = 0, s;
	unsigned		 i;

	if (c == NULL || b == NULL || mkdtemp(dir) == NULL ||
	    vconf_load_file(c, conf_path, err, sizeof(err)) != 0) {
		fprintf(stderr, "bench-history: %s\n", c == NULL || b ==
		    NULL ? "out of memory" : err);
		return (-1);
	}
	if ((frames = bench_history_frames(c)) == NULL) {
		fprintf(stderr, "bench-history: out of memory\n");
		return (-1);
	}
	for (i = 0; i < BENCH_HISTORY_TURNS; i++) {
		off[i] = bench_history_turn(c, dir, 0, i, secs, frames, b,
		    &s, &coff[i]);
		on[i] = bench_history_turn(c, dir, 1, i, secs, frames, b, &s,
		    &con[i]);
		steps += s;
	}
	moff = bench_history_median(off, BENCH_HISTORY_TURNS);
	mon = bench_history_median(on, BENCH_HISTORY_TURNS);
	printf("fohd's readings in process (ingest_json + agent_apply + "
	    "agent_service), %s, journal, %u turns of %.0f s each, "
	    "medians:\n", c->id, BENCH_HISTORY_TURNS, secs);
	printf("  history off                     %10.0f readings/s  "
	    "%10.0f per CPU-s\n", moff, bench_history_median(coff,
	    BENCH_HISTORY_TURNS));
	printf("  history on, step 1s             %10.0f readings/s  "
	    "%10.0f per CPU-s  = %.1f%% of off (wall), %.1f%% (CPU); %llu "
	    "steps\n", mon, bench_history_median(con, BENCH_HISTORY_TURNS),
	    100.0 * mon / moff, 100.0 * bench_history_median(con,
	    BENCH_HISTORY_TURNS) / bench_history_median(coff,
	    BENCH_HISTORY_TURNS), (unsigned long long)steps);
	bench_history_hour(c, dir);
	fflush(stdout);
	for (i = 0; i < BENCH_HISTORY_FRAMES; i++)
		free(frames[i]);
	free(frames);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench-history: cannot remove %s\n", dir);
	free(b);
	free(c);
	return (0);
}
