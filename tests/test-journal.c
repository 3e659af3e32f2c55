/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-journal.c: the durable alert and audit journal, on a real SQLite
 * file in a fresh temporary directory per test (no mocks).
 *
 * Besides the API cases there is a crash test: a child process records
 * lines and reports each one on a pipe only after journal_record returned
 * 0; the parent kills it with SIGKILL at a random moment, reopens the file
 * and checks that every reported line is there.
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

#include "agent/journal.h"

#define VENUE		"arena"
#define T0		1700000000000ULL	/* 2023-11-14T22:13:20.000Z */

/* The temporary directory and journal file of one test. */
struct tj {
	char	dir[64];
	char	path[128];
};

/* Make a fresh directory for a test. */
static int
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
static int
tj_teardown(void **state)
{
	struct tj	*t = *state;
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };
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
static void
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
static long long
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
static const char *
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
static struct journal *
tj_open(struct tj *t)
{
	struct journal	*j;
	char		 err[512];

	if ((j = journal_open(t->path, VENUE, err, sizeof err)) == NULL)
		fail_msg("journal_open: %s", err);
	return (j);
}

/* Fill an alert with every field set, ops history included. */
static void
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

/* What the codec itself makes of an alert: encode, then decode. */
static void
codec_round_trip(const struct fohp_alert *a, struct fohp_alert *out)
{
	struct fohp_msg		*m;
	struct fohp_decoder	 dec;
	struct fohp_err		 fe;
	msgpack_sbuffer		 sb;

	assert_non_null(m = calloc(1, sizeof *m));
	m->v = FOHP_VERSION;
	strcpy(m->venue, VENUE);
	m->kind = FOHP_ALERT;
	m->u.alert = *a;
	msgpack_sbuffer_init(&sb);
	if (fohp_encode(&sb, m, 0, &fe) != FOHP_OK)
		fail_msg("encode: %s", fe.text);
	memset(m, 0, sizeof *m);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);
	if (fohp_decode(&dec, sb.data, sb.size, 0, m, &fe) != FOHP_OK)
		fail_msg("decode: %s", fe.text);
	*out = m->u.alert;
	fohp_decoder_fini(&dec);
	msgpack_sbuffer_destroy(&sb);
	free(m);
}

/* An audit line. */
static void
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
static void
record_ok(struct journal *j, const struct fohp_alert *a,
    const struct journal_audit *au)
{
	char	err[512] = "";

	if (journal_record(j, a, au, err, sizeof err) != 0)
		fail_msg("journal_record: %s", err);
}

/* Alerts collected by a restore. */
struct restored {
	unsigned		n;
	struct fohp_alert	a[8];
};

/* journal_restore callback: keep a copy. */
static void
restore_cb(void *arg, const struct fohp_alert *a)
{
	struct restored	*r = arg;

	assert_true(r->n < 8);
	r->a[r->n++] = *a;
}

/* A new file gets the schema, version 2 and WAL mode. */
static void
test_journal_create(void **state)
{
	struct tj	*t = *state;
	struct journal	*j;
	struct stat	 sb;
	char		 mode[16];

	assert_int_equal(stat(t->path, &sb), -1);
	j = tj_open(t);
	assert_int_equal(stat(t->path, &sb), 0);
	assert_string_equal(sql_text(t->path, "PRAGMA journal_mode", mode,
	    sizeof mode), "wal");
	assert_int_equal(sql_int(t->path, "PRAGMA user_version"), 2);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM sqlite_master"
	    " WHERE name IN ('alerts', 'audit', 'audit_t_ms', 'answers')"), 4);
	assert_int_equal(journal_last_id(j), 0);
	journal_close(j);

	/* Opening again keeps what is there. */
	j = tj_open(t);
	assert_int_equal(sql_int(t->path, "PRAGMA user_version"), 2);
	journal_close(j);
}

/* Alerts and audit lines survive a reopen; resolved alerts stay out. */
static void
test_journal_restore(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct fohp_alert	 a[3], ref;
	struct journal_audit	 au;
	struct restored		*r;
	static const enum fohp_alert_state st[3] = {
		FOHP_AS_ACKED, FOHP_AS_RESOLVED, FOHP_AS_FIRING
	};
	unsigned		 i;

	assert_non_null(r = calloc(1, sizeof *r));
	j = tj_open(t);
	/* Recorded out of id order: restore sorts by id. */
	for (i = 3; i-- > 0;) {
		make_alert(&a[i], 10 + i, st[i], "crowding at the bar");
		make_audit(&au, T0 + i, 10 + i, "fire", "");
		record_ok(j, &a[i], &au);
	}
	journal_close(j);

	j = tj_open(t);
	assert_int_equal(journal_restore(j, restore_cb, r), 2);
	assert_int_equal(r->n, 2);
	assert_int_equal(r->a[0].id, 10);
	assert_int_equal(r->a[1].id, 12);
	for (i = 0; i < 2; i++) {
		const struct fohp_alert	*want = &a[i == 0 ? 0 : 2];
		const struct fohp_alert	*got = &r->a[i];

		assert_string_equal(got->rule, want->rule);
		assert_string_equal(got->subject, want->subject);
		assert_string_equal(got->title, want->title);
		assert_int_equal(got->severity, want->severity);
		assert_int_equal(got->state, want->state);
		assert_true(got->value == want->value);
		assert_true(got->threshold == want->threshold);
		assert_int_equal(got->since_ms, want->since_ms);

		/* Exactly what the codec carries, nothing lost or added. */
		codec_round_trip(want, &ref);
		assert_memory_equal(got, &ref, sizeof ref);
		assert_int_equal(got->nops, 2);
		assert_string_equal(got->ops[1].op, "ack");
		assert_string_equal(got->ops[1].operator_name, "maria");
		assert_string_equal(got->ops[1].note, want->ops[1].note);
		assert_int_equal(got->ops[1].t_ms, want->ops[1].t_ms);
		assert_string_equal(got->acked_by, want->acked_by);
		assert_int_equal(got->fingerprint, want->fingerprint);
	}
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM audit"), 3);
	assert_int_equal(sql_int(t->path, "SELECT fingerprint FROM alerts "
	    "WHERE id = 11"), (long long)(0x9e3779b97f4a7c15ULL ^ 11));
	journal_close(j);
	free(r);
}

/* An undecodable row is skipped, not fatal. */
static void
test_journal_undecodable(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct fohp_alert	 a;
	struct restored		*r;

	assert_non_null(r = calloc(1, sizeof *r));
	j = tj_open(t);
	make_alert(&a, 1, FOHP_AS_FIRING, "one");
	record_ok(j, &a, NULL);
	make_alert(&a, 3, FOHP_AS_FIRING, "three");
	record_ok(j, &a, NULL);
	sql_exec(t->path, "INSERT INTO alerts VALUES (2, 0, 'r', 's', "
	    "'info', 'firing', 0, 0, 0, x'c1c1c1')");
	assert_int_equal(journal_restore(j, restore_cb, r), 2);
	assert_string_equal(r->a[0].title, "one");
	assert_string_equal(r->a[1].title, "three");
	journal_close(j);
	free(r);
}

/* The last id is the largest of alerts and audit, across a reopen. */
static void
test_journal_last_id(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct fohp_alert	 a;
	struct journal_audit	 au;

	j = tj_open(t);
	assert_int_equal(journal_last_id(j), 0);
	make_alert(&a, 5, FOHP_AS_FIRING, "five");
	record_ok(j, &a, NULL);
	assert_int_equal(journal_last_id(j), 5);
	make_audit(&au, T0, 9, "resolve", "");
	record_ok(j, NULL, &au);
	assert_int_equal(journal_last_id(j), 9);
	journal_close(j);

	/* Alert rows pruned: the audit trail still remembers 9. */
	sql_exec(t->path, "DELETE FROM alerts");
	j = tj_open(t);
	assert_int_equal(journal_last_id(j), 9);
	journal_close(j);
}

/* Recording an alert again updates its one row. */
static void
test_journal_upsert(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct fohp_alert	 a;
	struct restored		*r;
	char			 buf[64];

	assert_non_null(r = calloc(1, sizeof *r));
	j = tj_open(t);
	make_alert(&a, 7, FOHP_AS_FIRING, "first words");
	record_ok(j, &a, NULL);
	make_alert(&a, 7, FOHP_AS_ACKED, "second words");
	a.severity = FOHP_SEV_WARNING;
	record_ok(j, &a, NULL);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM alerts"), 1);
	assert_string_equal(sql_text(t->path, "SELECT state || '/' || "
	    "severity FROM alerts", buf, sizeof buf), "acknowledged/warning");
	assert_int_equal(journal_restore(j, restore_cb, r), 1);
	assert_string_equal(r->a[0].title, "second words");
	assert_int_equal(r->a[0].state, FOHP_AS_ACKED);

	make_alert(&a, 7, FOHP_AS_RESOLVED, "second words");
	record_ok(j, &a, NULL);
	assert_int_equal(sql_int(t->path, "SELECT resolved_ms FROM alerts"),
	    (long long)(T0 + 9000));
	r->n = 0;
	assert_int_equal(journal_restore(j, restore_cb, r), 0);
	journal_close(j);
	free(r);
}

/* Parse RFC 4180 text into rows of malloc'd fields. Returns rows. */
static int
csv_parse(const char *s, char *rows[][9], int maxrows)
{
	char	field[512];
	size_t	n = 0;
	int	row = 0, col = 0, quoted = 0;

	for (;; s++) {
		if (quoted) {
			if (*s == '\0')
				fail_msg("CSV: unterminated quote");
			if (*s == '"' && s[1] == '"') {
				field[n++] = '"';
				s++;
			} else if (*s == '"')
				quoted = 0;
			else
				field[n++] = *s;
			continue;
		}
		if (*s == '"' && n == 0) {
			quoted = 1;
			continue;
		}
		if (*s == ',' || *s == '\n' || *s == '\0') {
			if (*s == '\0' && col == 0 && n == 0)
				break;
			assert_true(row < maxrows && col < 9);
			field[n] = '\0';
			rows[row][col++] = strdup(field);
			n = 0;
			if (*s == ',')
				continue;
			assert_int_equal(col, 9);
			row++;
			col = 0;
			if (*s == '\0')
				break;
			continue;
		}
		assert_true(*s != '"' && *s != '\r');
		field[n++] = *s;
	}
	return (row);
}

/* Free what csv_parse made. */
static void
csv_free(char *rows[][9], int n)
{
	int	i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < 9; k++)
			free(rows[i][k]);
	}
}

/* No control character in an export but the line ends. */
static void
assert_no_controls(const char *text)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p == '\n')
			continue;
		if (*p < 0x20 || *p == 0x7f)
			fail_msg("control byte 0x%02x at %ld", *p,
			    (long)(p - (const unsigned char *)text));
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			fail_msg("C1 control at %ld",
			    (long)(p - (const unsigned char *)text));
	}
}

/* Write a journal's history into a string (caller frees). */
static char *
history(struct journal *j, enum journal_format fmt, uint64_t since,
    long want)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;

	assert_non_null(f = open_memstream(&buf, &len));
	assert_int_equal(journal_history(j, f, fmt, since), want);
	fclose(f);
	return (buf);
}

/* Controls (LF, ESC, DEL, C1 CSI), a stray byte, UTF-8, a backslash. */
#define HARD_NOTE	"door 3, \"north\"\nsee radio log\x1b[2J\x7f" \
			"\xc2\x9b\xff caf\xc3\xa9 \\"
/* ... as the history writes it: escaped (escape.h), in either format. */
#define HARD_NOTE_ESC	"door 3, \"north\"\\x0asee radio log\\x1b[2J" \
			"\\x7f\\xc2\\x9b\\xff caf\xc3\xa9 \\\\"

/* Record the history cases' audit lines. */
static void
history_lines(struct journal *j)
{
	struct journal_audit	au;

	make_audit(&au, T0, 1, "fire", "");
	snprintf(au.operator_name, sizeof au.operator_name, "%s", "");
	record_ok(j, NULL, &au);
	make_audit(&au, T0 + 61234, 1, "ack", HARD_NOTE);
	record_ok(j, NULL, &au);
	make_audit(&au, T0 + 3600000, 2, "shelve", "plain");
	snprintf(au.result, sizeof au.result, "refused: not firing");
	record_ok(j, NULL, &au);
}

/*
 * CSV history: header, ISO times, RFC 4180 quoting, control characters
 * escaped (no raw ESC, CR, LF, DEL or C1 in the file); parses back.
 */
static void
test_journal_history_csv(void **state)
{
	struct tj	*t = *state;
	struct journal	*j;
	char		*text, *rows[8][9] = { { NULL } };
	int		 n;

	j = tj_open(t);
	history_lines(j);
	text = history(j, JOURNAL_CSV, 0, 3);
	assert_string_equal(text,
	    "time,venue,alert,op,operator,note,request,result,peer\n"
	    "2023-11-14T22:13:20.000Z,arena,1,fire,,,10,done,ipc uid 1000\n"
	    "2023-11-14T22:14:21.234Z,arena,1,ack,maria,"
	    "\"door 3, \"\"north\"\"\\x0asee radio log\\x1b[2J\\x7f"
	    "\\xc2\\x9b\\xff caf\xc3\xa9 \\\\\",10,done,ipc uid 1000\n"
	    "2023-11-14T23:13:20.000Z,arena,2,shelve,maria,plain,20,"
	    "refused: not firing,ipc uid 1000\n");
	assert_no_controls(text);
	n = csv_parse(text, rows, 8);
	assert_int_equal(n, 4);
	assert_string_equal(rows[0][5], "note");
	assert_string_equal(rows[2][5], HARD_NOTE_ESC);
	assert_string_equal(rows[2][0], "2023-11-14T22:14:21.234Z");
	assert_string_equal(rows[3][7], "refused: not firing");
	csv_free(rows, n);
	free(text);

	/* since_ms filters; the header is always there. */
	text = history(j, JOURNAL_CSV, T0 + 61234, 2);
	n = csv_parse(text, rows, 8);
	assert_int_equal(n, 3);
	assert_string_equal(rows[1][3], "ack");
	csv_free(rows, n);
	free(text);
	text = history(j, JOURNAL_CSV, T0 + 3600001, 0);
	assert_string_equal(text,
	    "time,venue,alert,op,operator,note,request,result,peer\n");
	free(text);
	journal_close(j);
}

/* JSON lines history: one object per line, parsed back with jansson. */
static void
test_journal_history_jsonl(void **state)
{
	struct tj	*t = *state;
	struct journal	*j;
	char		*text, *line, *save = NULL;
	json_t		*o;
	json_error_t	 je;
	int		 n = 0;
	static const char *const keys[] = { "time", "t_ms", "venue", "alert",
	    "op", "operator", "note", "request", "result", "peer" };
	size_t		 k;

	j = tj_open(t);
	history_lines(j);
	text = history(j, JOURNAL_JSONL, T0 + 1, 2);
	assert_int_equal(text[strlen(text) - 1], '\n');
	assert_no_controls(text);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((o = json_loads(line, 0, &je)) == NULL)
			fail_msg("line %d: %s", n + 1, je.text);
		assert_int_equal(json_object_size(o), 10);
		for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
			assert_non_null(json_object_get(o, keys[k]));
		if (n == 0) {
			assert_string_equal(json_string_value(json_object_get(
			    o, "time")), "2023-11-14T22:14:21.234Z");
			assert_int_equal(json_integer_value(json_object_get(
			    o, "t_ms")), (long long)(T0 + 61234));
			assert_string_equal(json_string_value(json_object_get(
			    o, "note")), HARD_NOTE_ESC);
			assert_string_equal(json_string_value(json_object_get(
			    o, "venue")), VENUE);
			assert_int_equal(json_integer_value(json_object_get(
			    o, "alert")), 1);
		} else {
			assert_string_equal(json_string_value(json_object_get(
			    o, "op")), "shelve");
			assert_int_equal(json_integer_value(json_object_get(
			    o, "request")), 20);
		}
		json_decref(o);
		n++;
	}
	assert_int_equal(n, 2);
	free(text);
	journal_close(j);
}

/* A write lock held elsewhere: -1 with the reason, then it works again. */
static void
test_journal_fail_locked(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct journal_audit	 au;
	sqlite3			*db;
	char			 err[512] = "";

	j = tj_open(t);
	assert_int_equal(sqlite3_open(t->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL,
	    NULL), SQLITE_OK);
	make_audit(&au, T0, 1, "ack", "");
	assert_int_equal(journal_record(j, NULL, &au, err, sizeof err), -1);
	print_message("locked: %s\n", err);
	assert_non_null(strstr(err, t->path));
	assert_non_null(strstr(err, "locked"));
	assert_int_equal(journal_errors(j), 1);
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	record_ok(j, NULL, &au);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM audit"), 1);
	journal_close(j);
}

/* A failure inside the transaction rolls back the alert too. */
static void
test_journal_fail_rollback(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct fohp_alert	 a;
	struct journal_audit	 au;
	char			 err[512] = "";

	j = tj_open(t);
	sql_exec(t->path, "CREATE TRIGGER refuse BEFORE INSERT ON audit "
	    "BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END");
	make_alert(&a, 4, FOHP_AS_FIRING, "four");
	make_audit(&au, T0, 4, "fire", "");
	assert_int_equal(journal_record(j, &a, &au, err, sizeof err), -1);
	print_message("refused: %s\n", err);
	assert_non_null(strstr(err, "cannot append audit line"));
	assert_non_null(strstr(err, "audit refused by the test"));
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM alerts"), 0);

	/* An alert the codec refuses: nothing stored either. */
	sql_exec(t->path, "DROP TRIGGER refuse");
	a.rule[0] = '\0';
	assert_int_equal(journal_record(j, &a, &au, err, sizeof err), -1);
	print_message("refused: %s\n", err);
	assert_non_null(strstr(err, "cannot encode alert 4"));
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM audit"), 0);

	/* No transaction was left open. */
	make_alert(&a, 4, FOHP_AS_FIRING, "four");
	record_ok(j, &a, &au);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM alerts"), 1);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM audit"), 1);
	journal_close(j);
}

/* A file from a newer fohd, or not a database, is refused with words. */
static void
test_journal_refused(void **state)
{
	struct tj	*t = *state;
	struct journal	*j;
	char		 err[512] = "", mode[16];
	const char	*garbage = "this is not a database, not at all; it is "
			    "long enough to have a header, really it is\n";
	int		 fd;

	sql_exec(t->path, "CREATE TABLE future (x); PRAGMA user_version = 3");
	j = journal_open(t->path, VENUE, err, sizeof err);
	assert_null(j);
	print_message("newer: %s\n", err);
	assert_non_null(strstr(err, t->path));
	assert_non_null(strstr(err, "schema version 3 is newer"));
	/* Left as it was found. */
	assert_string_equal(sql_text(t->path, "PRAGMA journal_mode", mode,
	    sizeof mode), "delete");
	assert_int_equal(sql_int(t->path, "PRAGMA user_version"), 3);

	unlink(t->path);
	assert_true((fd = open(t->path, O_WRONLY|O_CREAT, 0644)) != -1);
	assert_int_equal(write(fd, garbage, strlen(garbage)),
	    (ssize_t)strlen(garbage));
	close(fd);
	assert_null(journal_open(t->path, VENUE, err, sizeof err));
	print_message("garbage: %s\n", err);
	assert_non_null(strstr(err, t->path));
	assert_non_null(strstr(err, "not a database"));
}

/* An answer to remember for (peer, operator, id). */
static void
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
static int
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

/*
 * Answers are kept by (peer, operator, id), survive a reopen, and are
 * kept only if the change they answer is committed.
 */
static void
test_journal_answers(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct journal_answer	 an;
	struct journal_audit	 au;
	struct fohp_alert	 a;
	char			 buf[64], err[512] = "";

	j = tj_open(t);
	make_alert(&a, 7, FOHP_AS_ACKED, "seven");
	make_audit(&au, T0, 7, "ack", "on it");
	make_answer(&an, "ipc uid 1000", "ana", 99, "done: ack of alert 7");
	an.digest = 0x8000000000000001ULL;	/* all 64 bits kept */
	assert_int_equal(journal_record_answer(j, &a, &au, &an, err,
	    sizeof err), 0);
	make_answer(&an, "ipc uid 1000", "ana", 99, "");
	assert_int_equal(journal_answer(j, &an, T0, err, sizeof err), 1);
	assert_true(an.digest == 0x8000000000000001ULL);
	free(an.bytes);
	assert_int_equal(recall(j, "ipc uid 1000", "ana", 99, T0, buf,
	    sizeof buf), 1);
	assert_string_equal(buf, "done: ack of alert 7");
	/* Another peer, operator or id is another request. */
	assert_int_equal(recall(j, "ipc uid 1001", "ana", 99, T0, buf,
	    sizeof buf), 0);
	assert_int_equal(recall(j, "ipc uid 1000", "bob", 99, T0, buf,
	    sizeof buf), 0);
	assert_int_equal(recall(j, "ipc uid 1000", "ana", 100, T0, buf,
	    sizeof buf), 0);
	journal_close(j);

	/* After a restart, the same. */
	j = tj_open(t);
	assert_int_equal(recall(j, "ipc uid 1000", "ana", 99, T0 + 1000, buf,
	    sizeof buf), 1);
	assert_string_equal(buf, "done: ack of alert 7");
	/* Not after a day. */
	assert_int_equal(recall(j, "ipc uid 1000", "ana", 99,
	    T0 + JOURNAL_ANSWERS_MS + 1, buf, sizeof buf), 0);

	/* A commit that fails keeps neither the change nor the answer. */
	sql_exec(t->path, "CREATE TRIGGER refuse BEFORE INSERT ON audit "
	    "BEGIN SELECT RAISE(ABORT, 'audit refused by the test'); END");
	make_answer(&an, "ipc uid 1000", "ana", 101, "done: comment");
	assert_int_equal(journal_record_answer(j, &a, &au, &an, err,
	    sizeof err), -1);
	assert_int_equal(recall(j, "ipc uid 1000", "ana", 101, T0, buf,
	    sizeof buf), 0);
	sql_exec(t->path, "DROP TRIGGER refuse");
	assert_int_equal(journal_record_answer(j, &a, &au, &an, err,
	    sizeof err), 0);
	assert_int_equal(recall(j, "ipc uid 1000", "ana", 101, T0, buf,
	    sizeof buf), 1);

	/* A day later the old answers are pruned by the next insert. */
	make_audit(&au, T0 + JOURNAL_ANSWERS_MS + 5000, 7, "comment", "x");
	make_answer(&an, "ipc uid 1000", "ana", 102, "done: later");
	assert_int_equal(journal_record_answer(j, NULL, &au, &an, err,
	    sizeof err), 0);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM answers"), 1);
	journal_close(j);
}

/* At most JOURNAL_ANSWERS_MAX answers are kept: the oldest go. */
static void
test_journal_answers_bound(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct journal_answer	 an;
	struct journal_audit	 au;
	char			 buf[64], err[512] = "";
	unsigned		 i;

	j = tj_open(t);
	/* Fill it fast on a second connection, then one more the real way. */
	sql_exec(t->path, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
	    "SELECT i + 1 FROM n WHERE i < 4100) INSERT INTO answers "
	    "(peer, operator, id, digest, t_ms, answer) SELECT 'ipc uid 1000', "
	    "'ana', i, 0, 1700000000000, x'00' FROM n");
	make_audit(&au, T0 + 1, 1, "comment", "x");
	make_answer(&an, "ipc uid 1000", "ana", 5000, "done: the newest");
	assert_int_equal(journal_record_answer(j, NULL, &au, &an, err,
	    sizeof err), 0);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM answers"),
	    JOURNAL_ANSWERS_MAX);
	assert_int_equal(recall(j, "ipc uid 1000", "ana", 5000, T0 + 2, buf,
	    sizeof buf), 1);
	for (i = 1; i <= 4100 - JOURNAL_ANSWERS_MAX + 1; i++)
		assert_int_equal(recall(j, "ipc uid 1000", "ana", i, T0 + 2,
		    buf, sizeof buf), 0);
	assert_int_equal(recall(j, "ipc uid 1000", "ana", i, T0 + 2, buf,
	    sizeof buf), 1);
	journal_close(j);
}

/* A version 1 file (no answers table) is upgraded in place. */
static void
test_journal_upgrade(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct journal_answer	 an;
	struct journal_audit	 au;
	char			 buf[64], err[512] = "";

	sql_exec(t->path, "CREATE TABLE alerts (id INTEGER PRIMARY KEY,"
	    " fingerprint INTEGER NOT NULL, rule TEXT NOT NULL,"
	    " subject TEXT NOT NULL, severity TEXT NOT NULL,"
	    " state TEXT NOT NULL, since_ms INTEGER NOT NULL,"
	    " resolved_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,"
	    " msg BLOB NOT NULL);"
	    "CREATE INDEX alerts_state ON alerts(state);"
	    "CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	    " t_ms INTEGER NOT NULL, venue TEXT NOT NULL,"
	    " alert INTEGER NOT NULL, op TEXT NOT NULL,"
	    " operator TEXT NOT NULL, note TEXT NOT NULL,"
	    " request INTEGER NOT NULL, result TEXT NOT NULL,"
	    " peer TEXT NOT NULL);"
	    "CREATE INDEX audit_t_ms ON audit(t_ms);"
	    "INSERT INTO audit VALUES (NULL, 1700000000000, 'arena', 3, 'ack',"
	    " 'maria', 'old', 30, 'done', 'ipc uid 1000');"
	    "PRAGMA user_version = 1");
	j = tj_open(t);
	assert_int_equal(sql_int(t->path, "PRAGMA user_version"), 2);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM audit"), 1);
	assert_int_equal(journal_last_id(j), 3);
	make_audit(&au, T0 + 1, 3, "comment", "new");
	make_answer(&an, "ipc uid 1000", "maria", 31, "done");
	assert_int_equal(journal_record_answer(j, NULL, &au, &an, err,
	    sizeof err), 0);
	assert_int_equal(recall(j, "ipc uid 1000", "maria", 31, T0 + 2, buf,
	    sizeof buf), 1);
	journal_close(j);
}

#define CRASH_RUNS	20
#define CRASH_LINES	400

/* Child of the crash test: record lines, report each one done on fd. */
static void __attribute__((noreturn))
crash_child(const char *path, int fd, uint64_t base)
{
	struct journal		*j;
	struct fohp_alert	 a;
	struct journal_audit	 au;
	char			 err[512];
	uint32_t		 i;

	if ((j = journal_open(path, VENUE, err, sizeof err)) == NULL)
		_exit(2);
	for (i = 1; i <= CRASH_LINES; i++) {
		make_alert(&a, base + i, FOHP_AS_FIRING, "crash test");
		make_audit(&au, T0 + base + i, base + i, "fire", "crash");
		au.request = base + i;
		if (journal_record(j, &a, &au, err, sizeof err) != 0)
			_exit(3);
		if (write(fd, &i, sizeof i) != sizeof i)
			_exit(4);
	}
	journal_close(j);
	_exit(0);
}

/* Kill a recording child at random moments: no answered line is lost. */
static void
test_journal_crash(void **state)
{
	struct tj	*t = *state;
	struct journal	*j;
	struct pollfd	 pfd;
	struct timespec	 now, end;
	char		 sql[256];
	uint64_t	 base, last;
	uint32_t	 v, done;
	long long	 have, maxreq;
	unsigned	 seed, run, killed = 0, total_done = 0, total_have = 0;
	unsigned	 extra = 0;
	int		 fds[2], status, delay_us, left_ms;
	pid_t		 pid;

	seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	srand(seed);
	j = tj_open(t);		/* create the file first */
	journal_close(j);
	for (run = 0; run < CRASH_RUNS; run++) {
		base = (uint64_t)(run + 1) * 100000;
		delay_us = rand() % 150000;
		assert_int_equal(pipe(fds), 0);
		if ((pid = fork()) == 0) {
			close(fds[0]);
			crash_child(t->path, fds[1], base);
		}
		assert_true(pid > 0);
		close(fds[1]);

		clock_gettime(CLOCK_MONOTONIC, &end);
		end.tv_nsec += (long)delay_us * 1000;
		end.tv_sec += end.tv_nsec / 1000000000;
		end.tv_nsec %= 1000000000;
		done = 0;
		pfd.fd = fds[0];
		pfd.events = POLLIN;
		for (;;) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			left_ms = (int)((end.tv_sec - now.tv_sec) * 1000 +
			    (end.tv_nsec - now.tv_nsec) / 1000000);
			if (left_ms < 0)
				break;
			if (poll(&pfd, 1, left_ms) <= 0)
				continue;
			if (read(fds[0], &v, sizeof v) != sizeof v)
				break;	/* the child finished */
			done = v;
		}
		kill(pid, SIGKILL);
		while (read(fds[0], &v, sizeof v) == sizeof v)
			done = v;
		close(fds[0]);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (WIFSIGNALED(status))
			killed++;
		else
			assert_int_equal(WEXITSTATUS(status), 0);

		/* Reopen (recovering the WAL) and look. */
		j = tj_open(t);
		last = journal_last_id(j);
		journal_close(j);
		if (done > 0 && last < base + done)
			fail_msg("run %u: last id %llu, %u lines answered", run,
			    (unsigned long long)last, done);
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM audit WHERE "
		    "request BETWEEN %llu AND %llu",
		    (unsigned long long)base + 1,
		    (unsigned long long)base + CRASH_LINES);
		have = sql_int(t->path, sql);
		snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(request), %llu) "
		    "FROM audit WHERE request BETWEEN %llu AND %llu",
		    (unsigned long long)base, (unsigned long long)base + 1,
		    (unsigned long long)base + CRASH_LINES);
		maxreq = sql_int(t->path, sql);
		/* Every answered line is there, in order, with no holes. */
		assert_true(have >= (long long)done);
		assert_int_equal(maxreq - (long long)base, have);
		/* At most one committed but not yet answered. */
		assert_true(have <= (long long)done + 1);
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM alerts WHERE "
		    "id BETWEEN %llu AND %llu", (unsigned long long)base + 1,
		    (unsigned long long)base + CRASH_LINES);
		assert_int_equal(sql_int(t->path, sql), have);
		total_done += done;
		total_have += (unsigned)have;
		extra += (unsigned)have - done;
	}
	print_message("crash: %u runs (seed %u), %u killed mid-run, %u lines "
	    "answered, %u found after reopen (%u committed but not yet "
	    "answered), 0 lost\n", CRASH_RUNS, seed, killed, total_done,
	    total_have, extra);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, tj_setup, tj_teardown)
		T(test_journal_create),
		T(test_journal_restore),
		T(test_journal_undecodable),
		T(test_journal_last_id),
		T(test_journal_upsert),
		T(test_journal_history_csv),
		T(test_journal_history_jsonl),
		T(test_journal_fail_locked),
		T(test_journal_fail_rollback),
		T(test_journal_refused),
		T(test_journal_answers),
		T(test_journal_answers_bound),
		T(test_journal_upgrade),
		T(test_journal_crash),
#undef T
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
