/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal-schema.c: the journal's tables, made in a new file and upgraded
 * in an old one, and the small SQL helpers journal.c shares.
 *
 * The schema version is PRAGMA user_version; a file with a newer version
 * than this code knows is refused rather than guessed at. Version 1 (no
 * answers table) and 2 (no key, transport, reason, body and sig in audit:
 * issue 12's signed requests) are upgraded in place; a column is added
 * only where it is absent. Version 4 adds the drill mark on alerts and
 * audit and the history tables (issue 15; journal_schema_samples says what
 * they hold, journal-samples.c writes them). A reader (no writer's lock)
 * changes nothing: a file of another version is refused.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal-priv.h"
#include "lib/text.h"

#define JOURNAL_VERSION		4

static const char journal_schema[] =
    "CREATE TABLE alerts ("
    " id INTEGER PRIMARY KEY,"
    " fingerprint INTEGER NOT NULL,"
    " rule TEXT NOT NULL,"
    " subject TEXT NOT NULL,"
    " severity TEXT NOT NULL,"
    " state TEXT NOT NULL,"
    " since_ms INTEGER NOT NULL,"
    " resolved_ms INTEGER NOT NULL,"
    " updated_ms INTEGER NOT NULL,"
    " msg BLOB NOT NULL);"
    "CREATE INDEX alerts_state ON alerts(state);"
    "CREATE TABLE audit ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " t_ms INTEGER NOT NULL,"
    " venue TEXT NOT NULL,"
    " alert INTEGER NOT NULL,"
    " op TEXT NOT NULL,"
    " operator TEXT NOT NULL,"
    " note TEXT NOT NULL,"
    " request INTEGER NOT NULL,"
    " result TEXT NOT NULL,"
    " peer TEXT NOT NULL);"
    "CREATE INDEX audit_t_ms ON audit(t_ms);";

/*
 * Version 3 (signed requests): the audit trail's new columns; version 4
 * (drills): the drill mark on alerts and audit lines. Each is added to an
 * older file only if it is absent (journal_columns).
 */
static const struct {
	const char	*table;
	const char	*name;
	const char	*sql;
} journal_columns_v3[] = {
	{ "audit", "key", "ALTER TABLE audit ADD COLUMN key TEXT NOT NULL DEFAULT ''" },
	{ "audit", "transport", "ALTER TABLE audit ADD COLUMN transport TEXT NOT NULL"
	    " DEFAULT ''" },
	{ "audit", "reason", "ALTER TABLE audit ADD COLUMN reason TEXT NOT NULL"
	    " DEFAULT ''" },
	{ "audit", "body", "ALTER TABLE audit ADD COLUMN body BLOB" },
	{ "audit", "sig", "ALTER TABLE audit ADD COLUMN sig BLOB" },
	{ "alerts", "drill", "ALTER TABLE alerts ADD COLUMN drill INTEGER"
	    " NOT NULL DEFAULT 0" },
	{ "audit", "drill", "ALTER TABLE audit ADD COLUMN drill INTEGER"
	    " NOT NULL DEFAULT 0" },
};

/*
 * Version 4: history at the edge (issue 15). Each row is the venue's
 * state at t_ms, taken every [history] step (its step_ms is in configs):
 * a row stands for the step [t_ms, t_ms + step_ms), so the time a zone
 * spent in a band is its rows in that band times the step. A drill's rows
 * have drill = 1. Rows older than [history] retention are deleted.
 *
 *   zone_samples: per zone, persons (count), density (p/m2) and its band
 *   gate_samples: per gate, persons in and out since the row before (the
 *       readings received in the step), flow (persons per metre per
 *       minute) and its level (los) of its latest reading
 *   device_samples: per device, status (ok, warning, error, offline) and
 *       wear
 *   model_samples: per model, drift score and level
 *   configs: one row per start or reload: the config's fingerprint and
 *       the step in force from then on
 *
 * What fohd has not heard from since it started has no row, rather than a
 * row of zeros: a zone with no count yet, a gate with no reading, a device
 * with no telemetry (until it is found silent: then "offline"), a model
 * with no score. A missing row means "not known"; count 0 means "counted
 * empty" (agent-history.c).
 */
static const char journal_schema_samples[] =
    "CREATE TABLE zone_samples ("
    " t_ms INTEGER NOT NULL,"
    " zone TEXT NOT NULL,"
    " count INTEGER NOT NULL,"
    " density REAL NOT NULL,"
    " band TEXT NOT NULL,"
    " drill INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (t_ms, zone, drill)) WITHOUT ROWID;"
    "CREATE TABLE gate_samples ("
    " t_ms INTEGER NOT NULL,"
    " gate TEXT NOT NULL,"
    " in_count INTEGER NOT NULL,"
    " out_count INTEGER NOT NULL,"
    " flow_pmm REAL NOT NULL,"
    " los TEXT NOT NULL,"
    " drill INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (t_ms, gate, drill)) WITHOUT ROWID;"
    "CREATE TABLE device_samples ("
    " t_ms INTEGER NOT NULL,"
    " device TEXT NOT NULL,"
    " status TEXT NOT NULL,"
    " wear REAL NOT NULL,"
    " drill INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (t_ms, device, drill)) WITHOUT ROWID;"
    "CREATE TABLE model_samples ("
    " t_ms INTEGER NOT NULL,"
    " model TEXT NOT NULL,"
    " score REAL NOT NULL,"
    " level TEXT NOT NULL,"
    " drill INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY (t_ms, model, drill)) WITHOUT ROWID;"
    "CREATE TABLE configs ("
    " t_ms INTEGER NOT NULL,"
    " fingerprint TEXT NOT NULL,"
    " step_ms INTEGER NOT NULL,"
    " drill INTEGER NOT NULL DEFAULT 0);";

/* Version 2: the answers remembered for repeated requests. */
static const char journal_schema_answers[] =
    "CREATE TABLE answers ("
    " peer TEXT NOT NULL,"
    " operator TEXT NOT NULL,"
    " id INTEGER NOT NULL,"
    " digest INTEGER NOT NULL,"
    " t_ms INTEGER NOT NULL,"
    " answer BLOB NOT NULL,"
    " PRIMARY KEY (peer, operator, id));"
    "CREATE INDEX answers_t_ms ON answers(t_ms);";

/* Run SQL that returns nothing the caller needs. */
int
journal_exec(struct journal *j, const char *sql, const char *what, char *err,
    size_t errlen)
{
	if (sqlite3_exec(j->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		text_error(err, errlen, "%s: %s: %s", j->path, what,
		    sqlite3_errmsg(j->db));
		return (-1);
	}
	return (0);
}

/* Run a pragma and return its single integer or text answer. */
int
journal_pragma(struct journal *j, const char *sql, long long *ival,
    char *text, size_t textlen, char *err, size_t errlen)
{
	sqlite3_stmt		*st;
	const unsigned char	*s;
	int			 rc;

	if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK)
		goto fail;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		goto fail;
	}
	if (ival != NULL)
		*ival = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (text != NULL) {
		s = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
		text_copy(text, textlen, s != NULL ? (const char *)s : "");
	}
	sqlite3_finalize(st);
	return (0);

fail:
	text_error(err, errlen, "%s: %s: %s", j->path, sql,
	    sqlite3_errmsg(j->db));
	return (-1);
}

/* Has the table a column of this name? 1, 0, or -1 and err. */
static int
journal_has_column(struct journal *j, const char *table, const char *name,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 sql[64];
	int		 rc, found = 0;

	snprintf(sql, sizeof sql, "PRAGMA table_info(%s)", table);
	if (sqlite3_prepare_v2(j->db, sql, -1, &st, NULL) != SQLITE_OK) {
		text_error(err, errlen, "%s: cannot read the %s table's "
		    "columns: %s", j->path, table, sqlite3_errmsg(j->db));
		return (-1);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char	*c = sqlite3_column_text(st, 1);

		if (c != NULL && strcmp((const char *)c, name) == 0)
			found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		text_error(err, errlen, "%s: cannot read the %s table's "
		    "columns: %s", j->path, table, sqlite3_errmsg(j->db));
		return (-1);
	}
	return (found);
}

/* Versions 3 and 4: add the columns an older file lacks. 0, or -1. */
static int
journal_columns(struct journal *j, char *err, size_t errlen)
{
	size_t	i;
	int	has;

	for (i = 0; i < sizeof(journal_columns_v3) /
	    sizeof(journal_columns_v3[0]); i++) {
		if ((has = journal_has_column(j, journal_columns_v3[i].table,
		    journal_columns_v3[i].name, err, errlen)) < 0)
			return (-1);
		if (!has && journal_exec(j, journal_columns_v3[i].sql,
		    "cannot add a column", err, errlen) != 0)
			return (-1);
	}
	return (0);
}

/* Create the schema in a new file, or check the version of an old one. */
int
journal_schema_check(struct journal *j, char *err, size_t errlen)
{
	long long	version;
	char		sql[64];

	if (journal_pragma(j, "PRAGMA user_version", &version, NULL, 0, err,
	    errlen) != 0)
		return (-1);
	if (version > JOURNAL_VERSION) {
		text_error(err, errlen, "%s: schema version %lld is newer "
		    "than this fohd knows (%d); refusing to open it", j->path,
		    version, JOURNAL_VERSION);
		return (-1);
	}
	if (version == JOURNAL_VERSION)
		return (0);
	if (j->lockfd < 0) {	/* a reader changes nothing */
		text_error(err, errlen, "%s: schema version %lld, not %d: "
		    "run this fohd on it once", j->path, version,
		    JOURNAL_VERSION);
		return (-1);
	}
	if (version < 0) {
		text_error(err, errlen, "%s: schema version %lld is not "
		    "a foh journal", j->path, version);
		return (-1);
	}

	/* Version 0 (a new file), 1 or 2. Check again under the write lock. */
	if (journal_exec(j, "BEGIN IMMEDIATE", "cannot lock to create schema",
	    err, errlen) != 0)
		return (-1);
	if (journal_pragma(j, "PRAGMA user_version", &version, NULL, 0, err,
	    errlen) != 0)
		goto fail;
	if (version == 0 && journal_exec(j, journal_schema, "cannot create "
	    "schema", err, errlen) != 0)
		goto fail;
	if (version < JOURNAL_VERSION) {
		if (version < 2 && journal_exec(j, journal_schema_answers,
		    "cannot create the answers table", err, errlen) != 0)
			goto fail;
		if (version < 4 && journal_exec(j, journal_schema_samples,
		    "cannot create the history tables", err, errlen) != 0)
			goto fail;
		if (journal_columns(j, err, errlen) != 0)
			goto fail;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
		    JOURNAL_VERSION);
		if (journal_exec(j, sql, "cannot set schema version", err,
		    errlen) != 0)
			goto fail;
	} else if (version != JOURNAL_VERSION) {
		text_error(err, errlen, "%s: schema version %lld, this "
		    "fohd knows %d", j->path, version, JOURNAL_VERSION);
		goto fail;
	}
	if (journal_exec(j, "COMMIT", "cannot commit schema", err,
	    errlen) != 0)
		goto fail;
	return (0);

fail:
	sqlite3_exec(j->db, "ROLLBACK", NULL, NULL, NULL);
	return (-1);
}
