/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal-samples.c: history at the edge (issue 15). Every [history] step
 * the agent hands over the venue's state (struct journal_step) and this
 * writes it, one row per zone, gate, device and model, in ONE committed
 * transaction: BEGIN IMMEDIATE, the inserts, the retention delete, COMMIT.
 * One fsync per step, whatever the number of rows, is what keeps the
 * ingest rate where it was (bench/bench-ingest.c measures it).
 *
 * The statements are prepared at the first step and kept (journal_close
 * finalizes them). A row is keyed by (t_ms, id, drill): a step written
 * again at the same t_ms (a restart within the same step, the clock set
 * back) replaces the row, it never doubles it. Rows older than
 * keep_from_ms go in the same transaction; t_ms leads each primary key, so
 * the delete is a range of the index, cheap when there is nothing to
 * delete. configs keeps its rows but for those before the one in force at
 * keep_from_ms, per drill mark (a drill's row does not stand for the real
 * one in force), so the step and the fingerprint of every kept row stay
 * known.
 *
 * A failure rolls the whole step back and is counted like a journal_record
 * failure (journal_errors; the first of a streak logged); the next step is
 * tried afresh.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "journal-priv.h"
#include "lib/text.h"

static const char *const journal_samples_sql[JSS_COUNT] = {
	[JSS_ZONE] =
	    "INSERT OR REPLACE INTO zone_samples (t_ms, zone, count, density,"
	    " band, drill) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[JSS_GATE] =
	    "INSERT OR REPLACE INTO gate_samples (t_ms, gate, in_count,"
	    " out_count, flow_pmm, los, drill) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	    " ?7)",
	[JSS_DEVICE] =
	    "INSERT OR REPLACE INTO device_samples (t_ms, device, status, wear,"
	    " drill) VALUES (?1, ?2, ?3, ?4, ?5)",
	[JSS_MODEL] =
	    "INSERT OR REPLACE INTO model_samples (t_ms, model, score, level,"
	    " drill) VALUES (?1, ?2, ?3, ?4, ?5)",
	[JSS_PRUNE_ZONES] = "DELETE FROM zone_samples WHERE t_ms < ?1",
	[JSS_PRUNE_GATES] = "DELETE FROM gate_samples WHERE t_ms < ?1",
	[JSS_PRUNE_DEVICES] = "DELETE FROM device_samples WHERE t_ms < ?1",
	[JSS_PRUNE_MODELS] = "DELETE FROM model_samples WHERE t_ms < ?1",
	[JSS_PRUNE_CONFIGS] =
	    "DELETE FROM configs WHERE t_ms < (SELECT MAX(k.t_ms) FROM"
	    " configs AS k WHERE k.t_ms <= ?1 AND k.drill = configs.drill)",
	[JSS_CONFIG] =
	    "INSERT INTO configs (t_ms, fingerprint, step_ms, drill)"
	    " VALUES (?1, ?2, ?3, ?4)",
};

/* Prepare the statements once, at the first use. 0, or -1 and err. */
static int
journal_samples_prepare(struct journal *j, char *err, size_t errlen)
{
	int	i;

	if (j->samples[0] != NULL)
		return (0);
	for (i = 0; i < JSS_COUNT; i++) {
		if (sqlite3_prepare_v3(j->db, journal_samples_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &j->samples[i], NULL) !=
		    SQLITE_OK) {
			text_error(err, errlen, "%s: cannot prepare "
			    "\"%.40s\": %s", j->path, journal_samples_sql[i],
			    sqlite3_errmsg(j->db));
			journal_samples_fini(j);
			return (-1);
		}
	}
	return (0);
}

/* Finalize the statements (journal_close calls it). */
void
journal_samples_fini(struct journal *j)
{
	int	i;

	for (i = 0; i < JSS_COUNT; i++) {
		sqlite3_finalize(j->samples[i]);
		j->samples[i] = NULL;
	}
}

/* Step a bound statement that returns no rows, then reset it. 0, or -1. */
static int
journal_samples_run(struct journal *j, sqlite3_stmt *st, int bound,
    const char *what, const char *id, char *err, size_t errlen)
{
	int	rc = bound == SQLITE_OK ? sqlite3_step(st) : bound;

	if (rc != SQLITE_DONE)
		text_error(err, errlen, "%s: %s%s%s: %s", j->path, what,
		    id != NULL ? " " : "", id != NULL ? id : "",
		    sqlite3_errmsg(j->db));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* Bind a fixed array's C string as text (the statement copies nothing). */
static int
journal_samples_text(sqlite3_stmt *st, int i, const char *s, size_t max)
{
	return (sqlite3_bind_text(st, i, s, (int)strnlen(s, max),
	    SQLITE_STATIC));
}

/* Bind a band or level letter as a one-letter text ("" if none). */
static int
journal_samples_letter(sqlite3_stmt *st, int i, const char *c)
{
	return (sqlite3_bind_text(st, i, c, *c != '\0' ? 1 : 0,
	    SQLITE_STATIC));
}

/* Insert the step's zone and gate rows. 0, or -1 and err. */
static int
journal_samples_places(struct journal *j, const struct journal_step *s,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	unsigned	 i;
	int		 rc;

	st = j->samples[JSS_ZONE];
	for (i = 0; i < s->nzones && i < FOHP_ZONES_MAX; i++) {
		const struct journal_zone_sample	*z = &s->zones[i];

		rc = sqlite3_bind_int64(st, 1, (sqlite3_int64)s->t_ms);
		rc |= journal_samples_text(st, 2, z->zone, sizeof z->zone);
		rc |= sqlite3_bind_int64(st, 3, z->count);
		rc |= sqlite3_bind_double(st, 4, z->density);
		rc |= journal_samples_letter(st, 5, &z->band);
		rc |= sqlite3_bind_int(st, 6, j->drill);
		if (journal_samples_run(j, st, rc, "cannot write the sample "
		    "of zone", z->zone, err, errlen) != 0)
			return (-1);
	}
	st = j->samples[JSS_GATE];
	for (i = 0; i < s->ngates && i < FOHP_GATES_MAX; i++) {
		const struct journal_gate_sample	*g = &s->gates[i];

		rc = sqlite3_bind_int64(st, 1, (sqlite3_int64)s->t_ms);
		rc |= journal_samples_text(st, 2, g->gate, sizeof g->gate);
		rc |= sqlite3_bind_int64(st, 3, g->in);
		rc |= sqlite3_bind_int64(st, 4, g->out);
		rc |= sqlite3_bind_double(st, 5, g->flow_pmm);
		rc |= journal_samples_letter(st, 6, &g->los);
		rc |= sqlite3_bind_int(st, 7, j->drill);
		if (journal_samples_run(j, st, rc, "cannot write the sample "
		    "of gate", g->gate, err, errlen) != 0)
			return (-1);
	}
	return (0);
}

/* Insert the step's device and model rows. 0, or -1 and err. */
static int
journal_samples_things(struct journal *j, const struct journal_step *s,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	unsigned	 i;
	int		 rc;

	st = j->samples[JSS_DEVICE];
	for (i = 0; i < s->ndevices && i < FOHP_DEVICES_MAX; i++) {
		const struct journal_device_sample	*d = &s->devices[i];

		rc = sqlite3_bind_int64(st, 1, (sqlite3_int64)s->t_ms);
		rc |= journal_samples_text(st, 2, d->device,
		    sizeof d->device);
		rc |= journal_samples_text(st, 3, d->status,
		    sizeof d->status);
		rc |= sqlite3_bind_double(st, 4, d->wear);
		rc |= sqlite3_bind_int(st, 5, j->drill);
		if (journal_samples_run(j, st, rc, "cannot write the sample "
		    "of device", d->device, err, errlen) != 0)
			return (-1);
	}
	st = j->samples[JSS_MODEL];
	for (i = 0; i < s->nmodels && i < FOHP_MODELS_MAX; i++) {
		const struct journal_model_sample	*m = &s->models[i];

		rc = sqlite3_bind_int64(st, 1, (sqlite3_int64)s->t_ms);
		rc |= journal_samples_text(st, 2, m->model, sizeof m->model);
		rc |= sqlite3_bind_double(st, 3, m->score);
		rc |= journal_samples_text(st, 4, m->level, sizeof m->level);
		rc |= sqlite3_bind_int(st, 5, j->drill);
		if (journal_samples_run(j, st, rc, "cannot write the sample "
		    "of model", m->model, err, errlen) != 0)
			return (-1);
	}
	return (0);
}

/* Delete the samples older than keep_from_ms. 0, or -1 and err. */
static int
journal_samples_prune(struct journal *j, uint64_t keep_from_ms, char *err,
    size_t errlen)
{
	int	i, rc;

	for (i = JSS_PRUNE_ZONES; i <= JSS_PRUNE_CONFIGS; i++) {
		rc = sqlite3_bind_int64(j->samples[i], 1,
		    (sqlite3_int64)keep_from_ms);
		if (journal_samples_run(j, j->samples[i], rc, "cannot delete "
		    "old samples", NULL, err, errlen) != 0)
			return (-1);
	}
	return (0);
}

/* BEGIN IMMEDIATE, after preparing what is needed. 0, or -1 and err. */
static int
journal_samples_begin(struct journal *j, char *err, size_t errlen)
{
	if (journal_samples_prepare(j, err, errlen) != 0)
		return (-1);
	return (journal_samples_run(j, j->stmt[JS_BEGIN], SQLITE_OK,
	    "cannot begin", NULL, err, errlen));
}

/* COMMIT, or roll back and count the failure. 0, or -1 and err. */
static int
journal_samples_end(struct journal *j, int failed, char *err, size_t errlen)
{
	if (!failed && journal_samples_run(j, j->stmt[JS_COMMIT], SQLITE_OK,
	    "cannot commit", NULL, err, errlen) == 0) {
		journal_succeeded(j);
		return (0);
	}
	/* An error may already have rolled the transaction back. */
	if (!sqlite3_get_autocommit(j->db))
		journal_samples_run(j, j->stmt[JS_ROLLBACK], SQLITE_OK,
		    "cannot roll back", NULL, NULL, 0);
	journal_failed(j, err);
	return (-1);
}

/* Write one step's samples and the retention delete in one transaction. */
int
journal_samples(struct journal *j, const struct journal_step *s,
    uint64_t keep_from_ms, char *err, size_t errlen)
{
	char	why[512];
	int	failed;

	/* Callers may pass no room for the words; the streak log wants them. */
	if (err == NULL || errlen == 0) {
		err = why;
		errlen = sizeof why;
	}
	err[0] = '\0';
	failed = journal_samples_begin(j, err, errlen) != 0;
	if (!failed)
		failed = journal_samples_places(j, s, err, errlen) != 0 ||
		    journal_samples_things(j, s, err, errlen) != 0 ||
		    (keep_from_ms > 0 && journal_samples_prune(j,
		    keep_from_ms, err, errlen) != 0);
	return (journal_samples_end(j, failed, err, errlen));
}

/* Note a start or a reload: the config's fingerprint and the step. */
int
journal_config(struct journal *j, uint64_t t_ms, const char *fingerprint,
    uint64_t step_ms, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 why[512];
	int		 failed, rc;

	if (err == NULL || errlen == 0) {
		err = why;
		errlen = sizeof why;
	}
	err[0] = '\0';
	failed = journal_samples_begin(j, err, errlen) != 0;
	if (!failed) {
		st = j->samples[JSS_CONFIG];
		rc = sqlite3_bind_int64(st, 1, (sqlite3_int64)t_ms);
		rc |= sqlite3_bind_text(st, 2, fingerprint, -1,
		    SQLITE_STATIC);
		rc |= sqlite3_bind_int64(st, 3, (sqlite3_int64)step_ms);
		rc |= sqlite3_bind_int(st, 4, j->drill);
		failed = journal_samples_run(j, st, rc, "cannot note the "
		    "config", NULL, err, errlen) != 0;
	}
	return (journal_samples_end(j, failed, err, errlen));
}
