/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal-fixture.c: the temporary journal files, SQL probes, alerts and
 * audit lines the journal tests share (journal-fixture.h).
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>

#include "journal-fixture.h"

/* Make a fresh directory for a test. */
int
tj_setup(void **state)
{
	struct tj	*t;

	if ((t = calloc(1, sizeof *t)) == NULL)
		return (-1);
	strcpy(t->dir, "/tmp/test-journal.XXXXXX");
	if (mkdtemp(t->dir) == NULL) {
		free(t);
		return (-1);
	}
	snprintf(t->path, sizeof t->path, "%s/fohd.db", t->dir);
	*state = t;
	return (0);
}

/* Remove the directory and the journal's files. */
int
tj_teardown(void **state)
{
	struct tj	*t = *state;
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal",
	    ".lock" };
	char		 p[160];
	size_t		 i;

	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		snprintf(p, sizeof p, "%s%s", t->path, sfx[i]);
		unlink(p);
	}
	rmdir(t->dir);
	free(t);
	return (0);
}

/* Run SQL on a second connection to the file. */
void
sql_exec(const char *path, const char *sql)
{
	sqlite3	*db;
	char	*msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

/* A single integer from a query on a second connection. */
long long
sql_int(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	long long	 v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return (v);
}

/* A single text from a query on a second connection, into buf. */
const char *
sql_text(const char *path, const char *sql, char *buf, size_t len)
{
	sqlite3			*db;
	sqlite3_stmt		*st;
	const unsigned char	*s;

	buf[0] = '\0';
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (s = sqlite3_column_text(st, 0)) != NULL)
		snprintf(buf, len, "%s", (const char *)s);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return (buf);
}

/* Open the test's journal; fail the test if it does not open. */
struct journal *
tj_open(struct tj *t)
{
	struct journal	*j;
	char		 err[512];

	if ((j = journal_open(t->path, VENUE, err, sizeof err)) == NULL)
		fail_msg("journal_open: %s", err);
	return (j);
}

/* Fill an alert with every field set, ops history included. */
void
make_alert(struct fohp_alert *a, uint64_t id, enum fohp_alert_state state,
    const char *title)
{
	unsigned	i;

	memset(a, 0, sizeof *a);
	a->id = id;
	snprintf(a->rule, sizeof a->rule, "density-high");
	snprintf(a->subject, sizeof a->subject, "zone-%llu",
	    (unsigned long long)id);
	a->severity = FOHP_SEV_CRITICAL;
	a->state = state;
	snprintf(a->title, sizeof a->title, "%s", title);
	a->value = 5.25;
	a->threshold = 5;
	a->since_ms = T0 + id;
	a->fingerprint = 0x9e3779b97f4a7c15ULL ^ id;
	a->rkind = FOHP_RK_THRESHOLD;
	snprintf(a->words, sizeof a->words, "density over 5 p/m2 for 30 s");
	snprintf(a->expr, sizeof a->expr, "density > 5.00 for 30s");
	snprintf(a->unit, sizeof a->unit, "p/m2");
	a->margin = 0.25;
	a->held_ms = 31000;
	a->window_step_ms = 1000;
	a->nwindow = 3;
	a->window[0] = 4.5f;
	a->window[1] = 5.0f;
	a->window[2] = 5.25f;
	snprintf(a->source, sizeof a->source, "cam-7 v2");
	snprintf(a->action, sizeof a->action, "open gate B");
	if (state == FOHP_AS_ACKED) {
		snprintf(a->acked_by, sizeof a->acked_by, "maria");
		a->acked_ms = T0 + 5000;
	}
	if (state == FOHP_AS_RESOLVED)
		a->resolved_ms = T0 + 9000;
	a->nops = 2;
	for (i = 0; i < a->nops; i++) {
		a->ops[i].t_ms = T0 + 1000 * (i + 1);
		snprintf(a->ops[i].op, sizeof a->ops[i].op, "%s",
		    i == 0 ? "comment" : "ack");
		snprintf(a->ops[i].operator_name,
		    sizeof a->ops[i].operator_name, "maria");
		snprintf(a->ops[i].note, sizeof a->ops[i].note,
		    "note %u, with \"quotes\"", i);
	}
}


/* An audit line. */
void
make_audit(struct journal_audit *au, uint64_t t_ms, uint64_t alert,
    const char *op, const char *note)
{
	memset(au, 0, sizeof *au);
	au->t_ms = t_ms;
	au->alert = alert;
	snprintf(au->op, sizeof au->op, "%s", op);
	snprintf(au->operator_name, sizeof au->operator_name, "maria");
	snprintf(au->note, sizeof au->note, "%s", note);
	au->request = alert * 10;
	snprintf(au->result, sizeof au->result, "done");
	snprintf(au->peer, sizeof au->peer, "ipc uid 1000");
}

/* Record, failing the test with the reason if it does not work. */
void
record_ok(struct journal *j, const struct fohp_alert *a,
    const struct journal_audit *au)
{
	char	err[512] = "";

	if (journal_record(j, a, au, err, sizeof err) != 0)
		fail_msg("journal_record: %s", err);
}

/* journal_restore callback: keep a copy. */
void
restore_cb(void *arg, const struct fohp_alert *a)
{
	struct restored	*r = arg;

	assert_true(r->n < 8);
	r->a[r->n++] = *a;
}

/* An answer to remember for (peer, operator, id). */
void
make_answer(struct journal_answer *an, const char *peer, const char *who,
    uint64_t id, const char *bytes)
{
	memset(an, 0, sizeof *an);
	snprintf(an->peer, sizeof an->peer, "%s", peer);
	snprintf(an->operator_name, sizeof an->operator_name, "%s", who);
	an->id = id;
	an->bytes = (void *)bytes;
	an->len = strlen(bytes);
}

/* Look an answer up: 1 and its text in buf, or 0. */
int
recall(struct journal *j, const char *peer, const char *who, uint64_t id,
    uint64_t now, char *buf, size_t len)
{
	struct journal_answer	an;
	char			err[512] = "";
	int			rv;

	make_answer(&an, peer, who, id, "");
	rv = journal_answer(j, &an, now, err, sizeof err);
	if (rv < 0)
		fail_msg("journal_answer: %s", err);
	buf[0] = '\0';
	if (rv == 1) {
		snprintf(buf, len, "%.*s", (int)an.len, (char *)an.bytes);
		free(an.bytes);
	}
	return (rv);
}
