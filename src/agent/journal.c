/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal.c: the venue's durable alert and audit journal, in SQLite.
 *
 * Two tables. alerts holds one row per alert id, its latest state: the
 * whole struct fohp_alert as a msgpack "alert" message made by the
 * project's codec (column msg), plus plain columns copied from it so that
 * the file can be queried with sqlite3(1) without decoding anything. audit
 * is append-only: one row per state transition or operator action.
 *
 * The file is in WAL mode with synchronous=FULL, so a COMMIT has reached
 * the disk when sqlite3_step returns; journal_record writes the alert and
 * its audit line in one BEGIN IMMEDIATE transaction and returns 0 only
 * after that COMMIT, which is what lets fohd answer an acknowledgement
 * "done". Statements are prepared once at open and reset after use.
 *
 * A third table, answers, remembers the encoded answer to each operator
 * request that was carried out, keyed by (peer, operator, id), written in
 * the transaction of the change it answers: after a crash between COMMIT
 * and the answer, the request's retry finds it here and is not carried out
 * again. It holds at most JOURNAL_ANSWERS_MAX rows of the last
 * JOURNAL_ANSWERS_MS; each insert prunes the rest.
 *
 * A commit that fails (disk full, file read-only, I/O error) is rolled
 * back and counted; the first of a streak of failures is logged with
 * SQLite's words, and so is the first success after it (journal-errors.c,
 * shared with journal-samples.c).
 *
 * The audit trail is written out for fohd history by journal-history.c.
 *
 * The tables' definitions and their upgrades are journal-schema.c's.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "journal-priv.h"
#include "lib/text.h"

#define JOURNAL_BUSY_MS		2000

static const char *const journal_sql[JS_COUNT] = {
	[JS_BEGIN] = "BEGIN IMMEDIATE",
	[JS_COMMIT] = "COMMIT",
	[JS_ROLLBACK] = "ROLLBACK",
	[JS_UPSERT] =
	    "INSERT INTO alerts (id, fingerprint, rule, subject, severity,"
	    " state, since_ms, resolved_ms, updated_ms, msg,"
	    " drill) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
	    " ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint,"
	    " rule = excluded.rule, subject = excluded.subject,"
	    " severity = excluded.severity, state = excluded.state,"
	    " since_ms = excluded.since_ms, resolved_ms = excluded.resolved_ms,"
	    " updated_ms = excluded.updated_ms, msg = excluded.msg",
	[JS_AUDIT] =
	    "INSERT INTO audit (t_ms, venue, alert, op, operator, note,"
	    " request, result, peer, key, transport, reason, body, sig, drill)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15)",
	[JS_RESTORE] =
	    "SELECT msg FROM alerts WHERE state <> 'resolved' AND drill = ?1"
	    " ORDER BY id",
	[JS_LAST_ID] =
	    "SELECT MAX(m) FROM (SELECT MAX(id) AS m FROM alerts"
	    " UNION ALL SELECT MAX(alert) FROM audit)",
	[JS_HISTORY] =
	    "SELECT t_ms, venue, alert, op, operator, note, request, result,"
	    " peer, key, transport, reason, drill FROM audit"
	    " WHERE t_ms >= ?1 AND drill = ?2 ORDER BY seq",
	[JS_ANSWER_PUT] =
	    "INSERT OR REPLACE INTO answers (peer, operator, id, t_ms, answer,"
	    " digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[JS_ANSWER_PRUNE] =
	    "DELETE FROM answers WHERE t_ms < ?1"
	    " OR rowid <= (SELECT MAX(rowid) FROM answers) - ?2",
	[JS_ANSWER_GET] =
	    "SELECT answer, t_ms, digest FROM answers"
	    " WHERE peer = ?1 AND operator = ?2 AND id = ?3 AND t_ms >= ?4",
};


/* Wall-clock milliseconds since the Unix epoch. */
static uint64_t
journal_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

/*
 * Open (creating) the journal at path for venue, as its one writer (the
 * lock, journal-lock.c) or not. NULL and err on error.
 */
static struct journal *
journal_open_as(const char *path, const char *venue, int writer, char *err,
    size_t errlen)
{
	struct journal	*j;
	char		 mode[16];
	int		 i;

	if ((j = calloc(1, sizeof *j)) == NULL) {
		text_error(err, errlen, "%s: out of memory", path);
		return (NULL);
	}
	j->lockfd = -1;
	if ((j->path = strdup(path)) == NULL ||
	    (j->msg = malloc(sizeof *j->msg)) == NULL) {
		text_error(err, errlen, "%s: out of memory", path);
		goto fail;
	}
	if (writer && journal_lock(j, err, errlen) != 0)
		goto fail;
	text_copy(j->venue, sizeof j->venue, venue);
	msgpack_sbuffer_init(&j->sb);
	if (fohp_decoder_init(&j->dec) != FOHP_OK) {
		text_error(err, errlen, "%s: out of memory", path);
		goto fail;
	}
	j->dec_ready = 1;

	if (!writer) {	/* read-only, never created (journal-read.c) */
		if (journal_read_open(path, &j->db, JOURNAL_BUSY_MS, err,
		    errlen) != 0 || journal_schema_check(j, err, errlen) != 0)
			goto fail;
	} else if (sqlite3_open_v2(path, &j->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		text_error(err, errlen, "%s: cannot open: %s", path,
		    j->db != NULL ? sqlite3_errmsg(j->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(j->db, 1);
	sqlite3_busy_timeout(j->db, JOURNAL_BUSY_MS);

	if (writer && journal_schema_check(j, err, errlen) != 0)
		goto fail;
	if (writer && journal_pragma(j, "PRAGMA journal_mode = WAL", NULL, mode,
	    sizeof mode, err, errlen) != 0)
		goto fail;
	if (writer && strcmp(mode, "wal") != 0) {
		text_error(err, errlen, "%s: cannot use WAL mode (the "
		    "journal mode is \"%s\")", path, mode);
		goto fail;
	}
	if (writer && journal_exec(j, "PRAGMA synchronous = FULL", "cannot "
	    "set synchronous", err, errlen) != 0)
		goto fail;

	for (i = 0; i < JS_COUNT; i++) {
		if (sqlite3_prepare_v3(j->db, journal_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &j->stmt[i], NULL) !=
		    SQLITE_OK) {
			text_error(err, errlen, "%s: cannot prepare "
			    "\"%.40s\": %s", path, journal_sql[i],
			    sqlite3_errmsg(j->db));
			goto fail;
		}
	}
	return (j);

fail:
	journal_close(j);
	return (NULL);
}

/* Open (creating) the journal at path for venue, as its one writer. */
struct journal *
journal_open(const char *path, const char *venue, char *err, size_t errlen)
{
	return (journal_open_as(path, venue, 1, err, errlen));
}

/* Open the journal at path without the writer's lock, to read it. */
struct journal *
journal_open_reader(const char *path, const char *venue, char *err,
    size_t errlen)
{
	return (journal_open_as(path, venue, 0, err, errlen));
}

/* Close a journal and free it. */
void
journal_close(struct journal *j)
{
	int	i;

	if (j == NULL)
		return;
	for (i = 0; i < JS_COUNT; i++)
		sqlite3_finalize(j->stmt[i]);
	journal_samples_fini(j);
	if (j->db != NULL)
		sqlite3_close(j->db);
	if (j->dec_ready)
		fohp_decoder_fini(&j->dec);
	msgpack_sbuffer_destroy(&j->sb);
	journal_unlock(j);
	free(j->msg);
	free(j->path);
	free(j);
}

/* Step a statement that returns no rows, then reset it. */
static int
journal_step(struct journal *j, enum journal_stmt s, const char *what,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st = j->stmt[s];
	int		 rc;

	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE) {
		text_error(err, errlen, "%s: %s: %s", j->path, what,
		    sqlite3_errmsg(j->db));
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* Bind a C string as text; the statement copies nothing, so it must live. */
static int
journal_bind_text(sqlite3_stmt *st, int i, const char *s, size_t max)
{
	return (sqlite3_bind_text(st, i, s, (int)strnlen(s, max),
	    SQLITE_STATIC));
}

/* Encode an alert and bind the upsert's parameters. */
static int
journal_bind_alert(struct journal *j, const struct fohp_alert *a,
    uint64_t now, char *err, size_t errlen)
{
	sqlite3_stmt	*st = j->stmt[JS_UPSERT];
	struct fohp_err	 fe;
	int		 rc = SQLITE_OK;

	memset(j->msg, 0, sizeof *j->msg);
	j->msg->v = FOHP_VERSION;
	text_copy(j->msg->venue, sizeof j->msg->venue, j->venue);
	j->msg->ts_ms = now;
	j->msg->kind = FOHP_ALERT;
	j->msg->u.alert = *a;
	j->sb.size = 0;
	if (fohp_encode(&j->sb, j->msg, 0, &fe) != FOHP_OK) {
		text_error(err, errlen, "%s: cannot encode alert %" PRIu64
		    ": %s", j->path, a->id, fe.text);
		return (-1);
	}

	rc |= sqlite3_bind_int64(st, 1, (sqlite3_int64)a->id);
	rc |= sqlite3_bind_int64(st, 2, (sqlite3_int64)a->fingerprint);
	rc |= journal_bind_text(st, 3, a->rule, sizeof a->rule);
	rc |= journal_bind_text(st, 4, a->subject, sizeof a->subject);
	rc |= sqlite3_bind_text(st, 5, fohp_severity_name(a->severity), -1,
	    SQLITE_STATIC);
	rc |= sqlite3_bind_text(st, 6, fohp_alert_state_name(a->state), -1,
	    SQLITE_STATIC);
	rc |= sqlite3_bind_int64(st, 7, (sqlite3_int64)a->since_ms);
	rc |= sqlite3_bind_int64(st, 8, (sqlite3_int64)a->resolved_ms);
	rc |= sqlite3_bind_int64(st, 9, (sqlite3_int64)now);
	rc |= sqlite3_bind_blob(st, 10, j->sb.data, (int)j->sb.size,
	    SQLITE_STATIC);
	rc |= sqlite3_bind_int(st, 11, a->drill || j->drill);
	if (rc != SQLITE_OK) {
		text_error(err, errlen, "%s: cannot bind alert %" PRIu64
		    ": %s", j->path, a->id, sqlite3_errmsg(j->db));
		sqlite3_clear_bindings(st);
		return (-1);
	}
	return (0);
}

/* Bind the audit insert's parameters. */
static int
journal_bind_audit(struct journal *j, const struct journal_audit *au,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st = j->stmt[JS_AUDIT];
	int		 rc = SQLITE_OK;

	rc |= sqlite3_bind_int64(st, 1, (sqlite3_int64)au->t_ms);
	rc |= journal_bind_text(st, 2, j->venue, sizeof j->venue);
	rc |= sqlite3_bind_int64(st, 3, (sqlite3_int64)au->alert);
	rc |= journal_bind_text(st, 4, au->op, sizeof au->op);
	rc |= journal_bind_text(st, 5, au->operator_name,
	    sizeof au->operator_name);
	rc |= journal_bind_text(st, 6, au->note, sizeof au->note);
	rc |= sqlite3_bind_int64(st, 7, (sqlite3_int64)au->request);
	rc |= journal_bind_text(st, 8, au->result, sizeof au->result);
	rc |= journal_bind_text(st, 9, au->peer, sizeof au->peer);
	rc |= journal_bind_text(st, 10, au->key, sizeof au->key);
	rc |= journal_bind_text(st, 11, au->transport, sizeof au->transport);
	rc |= journal_bind_text(st, 12, au->reason, sizeof au->reason);
	if (au->body != NULL)
		rc |= sqlite3_bind_blob(st, 13, au->body, (int)au->body_len,
		    SQLITE_STATIC);
	else
		rc |= sqlite3_bind_null(st, 13);
	if (au->sig != NULL)
		rc |= sqlite3_bind_blob(st, 14, au->sig, (int)au->sig_len,
		    SQLITE_STATIC);
	else
		rc |= sqlite3_bind_null(st, 14);
	rc |= sqlite3_bind_int(st, 15, j->drill);
	if (rc != SQLITE_OK) {
		text_error(err, errlen, "%s: cannot bind audit line: %s",
		    j->path, sqlite3_errmsg(j->db));
		sqlite3_clear_bindings(st);
		return (-1);
	}
	return (0);
}

/* Bind the answer insert's and the prune's parameters. */
static int
journal_bind_answer(struct journal *j, const struct journal_answer *an,
    uint64_t now, char *err, size_t errlen)
{
	sqlite3_stmt	*put = j->stmt[JS_ANSWER_PUT];
	sqlite3_stmt	*prune = j->stmt[JS_ANSWER_PRUNE];
	int		 rc = SQLITE_OK;

	rc |= journal_bind_text(put, 1, an->peer, sizeof an->peer);
	rc |= journal_bind_text(put, 2, an->operator_name,
	    sizeof an->operator_name);
	rc |= sqlite3_bind_int64(put, 3, (sqlite3_int64)an->id);
	rc |= sqlite3_bind_int64(put, 4, (sqlite3_int64)now);
	rc |= sqlite3_bind_blob(put, 5, an->bytes, (int)an->len,
	    SQLITE_STATIC);
	rc |= sqlite3_bind_int64(put, 6, (sqlite3_int64)an->digest);
	rc |= sqlite3_bind_int64(prune, 1, now > JOURNAL_ANSWERS_MS ?
	    (sqlite3_int64)(now - JOURNAL_ANSWERS_MS) : 0);
	rc |= sqlite3_bind_int64(prune, 2, JOURNAL_ANSWERS_MAX);
	if (rc != SQLITE_OK) {
		text_error(err, errlen, "%s: cannot bind answer: %s",
		    j->path, sqlite3_errmsg(j->db));
		sqlite3_clear_bindings(put);
		sqlite3_clear_bindings(prune);
		return (-1);
	}
	return (0);
}

/*
 * In one committed transaction: store the alert's current state (if a is
 * not NULL) and append the audit line (if au is not NULL). 0, or -1 and err.
 */
int
journal_record(struct journal *j, const struct fohp_alert *a,
    const struct journal_audit *au, char *err, size_t errlen)
{
	return (journal_record_answer(j, a, au, NULL, err, errlen));
}

/* journal_record, and in the same transaction remember the answer an. */
int
journal_record_answer(struct journal *j, const struct fohp_alert *a,
    const struct journal_audit *au, const struct journal_answer *an,
    char *err, size_t errlen)
{
	uint64_t	now = au != NULL && au->t_ms != 0 ? au->t_ms :
			    journal_now_ms();
	char		why[512];

	if (a == NULL && au == NULL && an == NULL)
		return (0);
	/* Callers may pass no room for the words; the streak log wants them. */
	if (err == NULL || errlen == 0) {
		err = why;
		errlen = sizeof why;
	}
	err[0] = '\0';
	if (journal_step(j, JS_BEGIN, "cannot begin", err, errlen) != 0)
		goto fail;
	if (a != NULL) {
		if (journal_bind_alert(j, a, now, err, errlen) != 0)
			goto fail;
		if (journal_step(j, JS_UPSERT, "cannot store alert", err,
		    errlen) != 0)
			goto fail;
	}
	if (au != NULL) {
		if (journal_bind_audit(j, au, err, errlen) != 0)
			goto fail;
		if (journal_step(j, JS_AUDIT, "cannot append audit line", err,
		    errlen) != 0)
			goto fail;
	}
	if (an != NULL) {
		if (journal_bind_answer(j, an, now, err, errlen) != 0)
			goto fail;
		if (journal_step(j, JS_ANSWER_PUT, "cannot keep the answer",
		    err, errlen) != 0 ||
		    journal_step(j, JS_ANSWER_PRUNE, "cannot prune answers",
		    err, errlen) != 0)
			goto fail;
	}
	if (journal_step(j, JS_COMMIT, "cannot commit", err, errlen) != 0)
		goto fail;
	journal_succeeded(j);
	return (0);

fail:
	/* An error may already have rolled the transaction back. */
	if (!sqlite3_get_autocommit(j->db))
		journal_step(j, JS_ROLLBACK, "cannot roll back", NULL, 0);
	journal_failed(j, err);
	return (-1);
}

/* The answer kept for (peer, operator, id), if any and young enough. */
int
journal_answer(struct journal *j, struct journal_answer *an, uint64_t now_ms,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st = j->stmt[JS_ANSWER_GET];
	const void	*blob;
	int		 rc, len, found = 0;

	an->bytes = NULL;
	an->len = 0;
	rc = journal_bind_text(st, 1, an->peer, sizeof an->peer);
	rc |= journal_bind_text(st, 2, an->operator_name,
	    sizeof an->operator_name);
	rc |= sqlite3_bind_int64(st, 3, (sqlite3_int64)an->id);
	rc |= sqlite3_bind_int64(st, 4, now_ms > JOURNAL_ANSWERS_MS ?
	    (sqlite3_int64)(now_ms - JOURNAL_ANSWERS_MS) : 0);
	if (rc != SQLITE_OK) {
		text_error(err, errlen, "%s: cannot bind answer lookup: %s",
		    j->path, sqlite3_errmsg(j->db));
		found = -1;
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		blob = sqlite3_column_blob(st, 0);
		len = sqlite3_column_bytes(st, 0);
		if (blob != NULL && len > 0 &&
		    (an->bytes = malloc((size_t)len)) != NULL) {
			memcpy(an->bytes, blob, (size_t)len);
			an->len = (size_t)len;
			an->t_ms = (uint64_t)sqlite3_column_int64(st, 1);
			an->digest = (uint64_t)sqlite3_column_int64(st, 2);
			found = 1;
		} else {
			text_error(err, errlen, "%s: answer of request "
			    "%" PRIu64 ": %s", j->path, an->id, blob == NULL ||
			    len <= 0 ? "empty" : "out of memory");
			found = -1;
		}
	} else if (rc != SQLITE_DONE) {
		text_error(err, errlen, "%s: cannot look up answer: %s",
		    j->path, sqlite3_errmsg(j->db));
		found = -1;
	}
out:
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return (found);
}

/* Call cb for every alert not resolved, oldest first. Returns how many. */
int
journal_restore(struct journal *j,
    void (*cb)(void *, const struct fohp_alert *), void *arg)
{
	sqlite3_stmt	*st = j->stmt[JS_RESTORE];
	const void	*blob;
	int		 n = 0, rc, len;

	/* A drill restores only a drill's alerts, a real night only real. */
	if (sqlite3_bind_int(st, 1, j->drill) != SQLITE_OK)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		blob = sqlite3_column_blob(st, 0);
		len = sqlite3_column_bytes(st, 0);
		/* Fields the codec does not carry must not leak across rows. */
		memset(&j->msg->u.alert, 0, sizeof j->msg->u.alert);
		if (blob == NULL || len <= 0 ||
		    fohp_decode(&j->dec, blob, (size_t)len, 0, j->msg,
		    NULL) != FOHP_OK || j->msg->kind != FOHP_ALERT) {
			j->undecodable++;
			continue;
		}
		cb(arg, &j->msg->u.alert);
		n++;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return (rc == SQLITE_DONE ? n : -1);
}

/* Mark what is written from now on as a drill's (1) or real (0). */
void
journal_set_drill(struct journal *j, int drill)
{
	j->drill = drill ? 1 : 0;
}

/* The largest alert id ever stored (0 if none). */
uint64_t
journal_last_id(struct journal *j)
{
	sqlite3_stmt	*st = j->stmt[JS_LAST_ID];
	uint64_t	 id = 0;

	if (sqlite3_step(st) == SQLITE_ROW)
		id = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return (id);
}
