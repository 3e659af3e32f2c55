/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fohd-record.c: `fohd record`, a night's history from the venue's journal
 * written as JSON lines of readings that `fohd --drill FILE` (and
 * `--replay FILE`) play back (issue 15).
 *
 * The journal keeps the venue's state every [history] step (journal.c,
 * schema 4: zone_samples, gate_samples, device_samples, model_samples, and
 * configs for the step in force). Each row becomes the reading that makes
 * the agent reach that state again:
 *
 *   zone_samples    zone_count {zone, count}: density and band follow
 *                   from the zone's area, as they did on the night
 *   gate_samples    gate_flow {gate, in, out, interval_ms = the step}
 *   device_samples  telemetry {device, metrics: [the device's wear metric
 *                   = wear] if the config names one, flags: {"status":
 *                   status}}; an "offline" row writes nothing (the device
 *                   goes offline again by its silence)
 *   model_samples   drift_score {model, version "record", method of the
 *                   config's model, score}: the level follows from the
 *                   score and the model's warn and crit
 *
 * What cannot come back: a device's own flag names and metrics other than
 * wear, a model's per-feature scores, rasters, outside alerts (the journal
 * keeps the alerts, not the readings that raised them) and readings
 * between two steps. Only the real night's rows are written (drill = 0):
 * a drill is never recorded into the next one.
 *
 * The rows of one t_ms make one line (a JSON array, at most 1024 readings:
 * more are split over lines of the same t), so the replay paces them by
 * their "t" as the night went. The journal is opened read-only; the agent
 * may be running.
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <jansson.h>
#include <sqlite3.h>

#include "agent/journal.h"
#include "core/vconf.h"
#include "fohd.h"
#include "lib/cfg.h"
#include "lib/clock.h"
#include "proto/foh-proto.h"

#define FOHD_RECORD_LINE_MAX	1024	/* readings per line (ingest) */
#define FOHD_RECORD_STEP_MS	10000	/* when the journal has no configs */
#define FOHD_RECORD_STEPS_MAX	256	/* configs rows read */

/* The rows of all four tables, in time order, one reading each. */
static const char fohd_record_sql[] =
    "SELECT t_ms, 0, zone, count, 0, 0.0, '' FROM zone_samples"
    " WHERE drill = 0 AND t_ms >= ?1 AND t_ms < ?2"
    " UNION ALL SELECT t_ms, 1, gate, in_count, out_count, 0.0, ''"
    " FROM gate_samples WHERE drill = 0 AND t_ms >= ?1 AND t_ms < ?2"
    " UNION ALL SELECT t_ms, 2, device, 0, 0, wear, status"
    " FROM device_samples WHERE drill = 0 AND t_ms >= ?1 AND t_ms < ?2"
    " UNION ALL SELECT t_ms, 3, model, 0, 0, score, level"
    " FROM model_samples WHERE drill = 0 AND t_ms >= ?1 AND t_ms < ?2"
    " ORDER BY 1, 2, 3";

/* The step in force from t_ms on (configs), for gate intervals. */
struct fohd_record_step {
	int64_t		t_ms;
	int64_t		step_ms;
};

struct fohd_record {
	const struct vconf	*conf;
	FILE			*out;
	struct fohd_record_step	 steps[FOHD_RECORD_STEPS_MAX];
	unsigned		 nsteps;
	json_t			*line;		/* readings of the line */
	int64_t			 line_t;
	unsigned long		 lines;
	unsigned long		 rows[4];	/* by table, written */
	unsigned long		 skipped;	/* offline device rows */
	int			 failed;	/* a write failed */
};

/* Print fohd record's usage to f. */
static void
fohd_record_usage(FILE *f)
{
	fprintf(f,
	    "usage: fohd record [-hV] [-c file] [--from TIME] [--to TIME] "
	    "[-o FILE]\n"
	    "\n"
	    "Write the venue's history from its journal as JSON lines of "
	    "readings,\n"
	    "for fohd --drill FILE or --replay FILE; the agent may be "
	    "running.\n"
	    "\n"
	    "  -c, --config FILE   venue config, for its [journal] path "
	    "(default\n"
	    "                      " SYSCONFDIR "/foh/fohd.conf)\n"
	    "      --from TIME     from this time on: 2026-12-04T21:00:00Z, "
	    "a date,\n"
	    "                      -6h (before now), now, or Unix ms\n"
	    "      --to TIME       up to this time, not included\n"
	    "  -o, --output FILE   write here (default: standard output)\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\n"
	    "See fohd(8), DRILLS.\n");
}

/* Read the configs rows (the step in force over time), oldest first. */
static int
fohd_record_steps(struct fohd_record *r, sqlite3 *db)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(db, "SELECT t_ms, step_ms FROM configs WHERE "
	    "drill = 0 AND step_ms > 0 ORDER BY t_ms", -1, &st, NULL) !=
	    SQLITE_OK)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->nsteps == FOHD_RECORD_STEPS_MAX)	/* keep the latest */
			memmove(&r->steps[0], &r->steps[1],
			    --r->nsteps * sizeof(r->steps[0]));
		r->steps[r->nsteps].t_ms = sqlite3_column_int64(st, 0);
		r->steps[r->nsteps++].step_ms = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* The step in force at t_ms: the last configs row at or before it. */
static int64_t
fohd_record_step(const struct fohd_record *r, int64_t t_ms)
{
	int64_t		step = r->nsteps > 0 ? r->steps[0].step_ms :
			    FOHD_RECORD_STEP_MS;
	unsigned	i;

	for (i = 0; i < r->nsteps && r->steps[i].t_ms <= t_ms; i++)
		step = r->steps[i].step_ms;
	if (step < 1)
		step = 1;
	return (step > 3600000 ? 3600000 : step);	/* ingest's range */
}

/* Write out the line being built, if it has readings. */
static void
fohd_record_flush(struct fohd_record *r)
{
	if (r->line == NULL)
		return;
	if (json_array_size(r->line) > 0) {
		if (json_dumpf(r->line, r->out, JSON_COMPACT |
		    JSON_ENSURE_ASCII) != 0 || fputc('\n', r->out) == EOF)
			r->failed = 1;
		r->lines++;
	}
	json_decref(r->line);
	r->line = NULL;
}

/* Add a reading of time t_ms (owned now) to the line of its time. */
static void
fohd_record_add(struct fohd_record *r, int64_t t_ms, json_t *reading)
{
	if (reading == NULL) {
		r->failed = 1;
		return;
	}
	if (r->line != NULL && (r->line_t != t_ms ||
	    json_array_size(r->line) >= FOHD_RECORD_LINE_MAX))
		fohd_record_flush(r);
	if (r->line == NULL) {
		r->line = json_array();
		r->line_t = t_ms;
	}
	if (r->line == NULL || json_array_append_new(r->line, reading) != 0)
		r->failed = 1;
}

/* A device row as telemetry; NULL (skipped) if it was offline. */
static json_t *
fohd_record_device(struct fohd_record *r, int64_t t, const char *dev,
    double wear, const char *status)
{
	json_t	*metrics = json_array();
	int	 i = vconf_device(r->conf, dev);

	if (strcmp(status, "ok") != 0 && strcmp(status, "warning") != 0 &&
	    strcmp(status, "error") != 0) {
		r->skipped++;
		json_decref(metrics);
		return (NULL);
	}
	if (i >= 0 && r->conf->devices[i].wear[0] != '\0')
		json_array_append_new(metrics, json_pack("{s:s, s:f}", "name",
		    r->conf->devices[i].wear, "value", wear));
	return (json_pack("{s:s, s:I, s:s, s:o, s:{s:s}}", "kind",
	    "telemetry", "t", (json_int_t)t, "device", dev, "metrics",
	    metrics, "flags", "status", status));
}

/* One row of the union (fohd_record_sql) into the line of its time. */
static void
fohd_record_row(struct fohd_record *r, sqlite3_stmt *st)
{
	int64_t		 t = sqlite3_column_int64(st, 0);
	int		 table = sqlite3_column_int(st, 1), m;
	const char	*id = (const char *)sqlite3_column_text(st, 2);
	const char	*word = (const char *)sqlite3_column_text(st, 6);
	json_t		*o = NULL;

	if (id == NULL || word == NULL)
		return;
	switch (table) {
	case 0:
		o = json_pack("{s:s, s:I, s:s, s:I, s:s}", "kind",
		    "zone_count", "t", (json_int_t)t, "zone", id, "count",
		    (json_int_t)sqlite3_column_int64(st, 3), "source",
		    "record");
		break;
	case 1:
		o = json_pack("{s:s, s:I, s:s, s:I, s:I, s:I}", "kind",
		    "gate_flow", "t", (json_int_t)t, "gate", id, "in",
		    (json_int_t)sqlite3_column_int64(st, 3), "out",
		    (json_int_t)sqlite3_column_int64(st, 4), "interval_ms",
		    (json_int_t)fohd_record_step(r, t));
		break;
	case 2:
		if ((o = fohd_record_device(r, t, id,
		    sqlite3_column_double(st, 5), word)) == NULL)
			return;
		break;
	default:
		m = vconf_model(r->conf, id);
		o = json_pack("{s:s, s:I, s:s, s:s, s:s, s:f}", "kind",
		    "drift_score", "t", (json_int_t)t, "model", id, "version",
		    "record", "method", m >= 0 &&
		    r->conf->models[m].method[0] != '\0' ?
		    r->conf->models[m].method : "psi", "score",
		    sqlite3_column_double(st, 5));
		break;
	}
	fohd_record_add(r, t, o);
	r->rows[table & 3]++;
}

/* Write the rows of [from, to) to r->out. 0, or -1 having said why. */
static int
fohd_record_write(struct fohd_record *r, const char *path, int64_t from,
    int64_t to)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*st = NULL;
	int		 rc;
	char		 err[512];

	/* the agent may be writing: wait 5 s for its locks */
	if (journal_read_open(path, &db, 5000, err, sizeof(err)) != 0) {
		fprintf(stderr, "fohd: error: record: %s\n", err);
		return (-1);
	}
	if (fohd_record_steps(r, db) != 0 || sqlite3_prepare_v2(db,
	    fohd_record_sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "fohd: error: record: %s: %s (a journal "
		    "older than schema 4 has no history: run this fohd on it "
		    "once)\n", path, sqlite3_errmsg(db));
		sqlite3_close(db);
		return (-1);
	}
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !r->failed)
		fohd_record_row(r, st);
	fohd_record_flush(r);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		fprintf(stderr, "fohd: error: record: %s: %s\n", path,
		    sqlite3_errmsg(db));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return (rc == SQLITE_DONE && !r->failed ? 0 : -1);
}

/* fohd record: the journal's history as JSON lines of readings. */
int
fohd_record(int argc, char **argv)
{
	static const struct option	longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ "from",	required_argument,	NULL, 'f' },
		{ "to",		required_argument,	NULL, 't' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	static struct vconf	 conf;
	static struct fohd_record r;
	const char		*path = SYSCONFDIR "/foh/fohd.conf";
	const char		*output = NULL;
	const char		*from_arg = NULL, *to_arg = NULL;
	uint64_t		 now = clock_wall_ms(), u;
	int64_t			 from = 0, to = INT64_MAX;
	char			 err[512];
	int			 ch, rv;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:o:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'f':
			from_arg = optarg;
			break;
		case 't':
			to_arg = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fohd_record_usage(stdout);
			return (0);
		case 'V':
			printf(FOHD_VERSION_LINE, FOHP_VERSION);
			return (0);
		default:
			fohd_record_usage(stderr);
			return (EX_USAGE);
		}
	}
	if (optind != argc) {
		fohd_record_usage(stderr);
		return (EX_USAGE);
	}
	if (from_arg != NULL) {
		if (fohd_time("--from", from_arg, now, &u) != 0)
			return (EX_USAGE);
		from = (int64_t)u;
	}
	if (to_arg != NULL) {
		if (fohd_time("--to", to_arg, now, &u) != 0)
			return (EX_USAGE);
		to = (int64_t)u;
	}
	if (from >= to) {
		fprintf(stderr, "fohd record: --from must be before --to\n");
		return (EX_USAGE);
	}
	if (vconf_load_file(&conf, path, err, sizeof(err)) != 0) {
		fprintf(stderr, "fohd: error: %s\n", err);
		return (EX_CONFIG);
	}
	if (conf.journal[0] == '\0') {
		fprintf(stderr, "fohd: error: %s has no [journal] path\n",
		    path);
		return (EX_CONFIG);
	}
	r.conf = &conf;
	r.out = stdout;
	if (output != NULL && (r.out = fopen(output, "w")) == NULL) {
		perror(output);
		return (EX_CANTCREAT);
	}
	rv = fohd_record_write(&r, conf.journal, from, to);
	if ((output != NULL ? fclose(r.out) : fflush(r.out)) != 0 ||
	    r.failed) {
		fprintf(stderr, "fohd: error: record: cannot write %s\n",
		    output != NULL ? output : "the output");
		return (EX_IOERR);
	}
	if (rv != 0)
		return (EX_NOINPUT);
	fprintf(stderr, "fohd: info: record: %lu lines: %lu zone, %lu gate, "
	    "%lu device, %lu model readings (%lu offline device rows "
	    "left out)\n", r.lines, r.rows[0], r.rows[1], r.rows[2],
	    r.rows[3], r.skipped);
	return (0);
}
