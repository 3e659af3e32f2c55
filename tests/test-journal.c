/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-journal.c: the durable alert and audit journal, on a real SQLite
 * file in a fresh temporary directory per test (no mocks): the schema,
 * restore, ids, upserts, failures and refusals, the upgrade of a version 1
 * file. The audit trail's export is in test-journal-history.c, the answers
 * remembered in test-journal-answers.c, the crash test in
 * test-journal-crash.c; the fixture in journal-fixture.c.
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


/* A new file gets the schema, version 4 and WAL mode. */
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
	assert_int_equal(sql_int(t->path, "PRAGMA user_version"), 4);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM"
	    " pragma_table_info('audit') WHERE name IN ('key', 'transport',"
	    " 'reason', 'body', 'sig', 'drill')"), 6);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM"
	    " pragma_table_info('alerts') WHERE name = 'drill'"), 1);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM sqlite_master"
	    " WHERE name IN ('alerts', 'audit', 'audit_t_ms', 'answers',"
	    " 'zone_samples', 'gate_samples', 'device_samples',"
	    " 'model_samples', 'configs')"), 9);
	assert_int_equal(journal_last_id(j), 0);
	journal_close(j);

	/* Opening again keeps what is there. */
	j = tj_open(t);
	assert_int_equal(sql_int(t->path, "PRAGMA user_version"), 4);
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
	sql_exec(t->path, "INSERT INTO alerts (id, fingerprint, rule, subject,"
	    " severity, state, since_ms, resolved_ms, updated_ms, msg)"
	    " VALUES (2, 0, 'r', 's', 'info', 'firing', 0, 0, 0, x'c1c1c1')");
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

	sql_exec(t->path, "CREATE TABLE future (x); PRAGMA user_version = 5");
	j = journal_open(t->path, VENUE, err, sizeof err);
	assert_null(j);
	print_message("newer: %s\n", err);
	assert_non_null(strstr(err, t->path));
	assert_non_null(strstr(err, "schema version 5 is newer"));
	/* Left as it was found. */
	assert_string_equal(sql_text(t->path, "PRAGMA journal_mode", mode,
	    sizeof mode), "delete");
	assert_int_equal(sql_int(t->path, "PRAGMA user_version"), 5);

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
	assert_int_equal(sql_int(t->path, "PRAGMA user_version"), 4);
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

/*
 * A version 2 file (before signed requests), as the old fohd made it: its
 * audit rows keep their words and get "" for key, transport and reason;
 * new rows store a signed request's body and sig as they were; opening it
 * again adds nothing twice.
 */
static void
test_journal_upgrade_v2(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct journal_audit	 au;
	char			 buf[128], err[512] = "";
	static const unsigned char body[] = { 0x82, 0xa1, 'v', 0x01, 0x00,
	    0xff }, sig[] = { 'S', 'S', 'H', 'S', 'I', 'G', 0x00 };

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
	    "CREATE TABLE answers (peer TEXT NOT NULL, operator TEXT NOT NULL,"
	    " id INTEGER NOT NULL, digest INTEGER NOT NULL,"
	    " t_ms INTEGER NOT NULL, answer BLOB NOT NULL,"
	    " PRIMARY KEY (peer, operator, id));"
	    "CREATE INDEX answers_t_ms ON answers(t_ms);"
	    "INSERT INTO audit VALUES (NULL, 1700000000000, 'arena', 3, 'ack',"
	    " 'maria', 'old', 30, 'done', 'ipc uid 1000');"
	    "PRAGMA user_version = 2");
	j = tj_open(t);
	assert_int_equal(sql_int(t->path, "PRAGMA user_version"), 4);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM audit WHERE"
	    " key = '' AND transport = '' AND reason = '' AND body IS NULL"
	    " AND note = 'old'"), 1);
	make_audit(&au, T0 + 1, 3, "ack", "signed one");
	snprintf(au.key, sizeof au.key, "SHA256:abc");
	snprintf(au.transport, sizeof au.transport, "tcp");
	au.body = body;
	au.body_len = sizeof body;
	au.sig = sig;
	au.sig_len = sizeof sig;
	assert_int_equal(journal_record(j, NULL, &au, err, sizeof err), 0);
	journal_close(j);
	j = tj_open(t);		/* again: nothing to add */
	journal_close(j);
	assert_string_equal(sql_text(t->path, "SELECT key || ' ' || transport"
	    " || ' ' || hex(body) || ' ' || hex(sig) FROM audit WHERE"
	    " note = 'signed one'", buf, sizeof buf),
	    "SHA256:abc tcp 82A1760100FF 53534853494700");
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM"
	    " pragma_table_info('audit')"), 16);
}

/*
 * A drill's alerts and audit lines are marked and kept apart: a journal
 * in a drill restores only the drill's open alerts, one without only the
 * real ones; ids never collide.
 */
static void
test_journal_drill(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct journal_audit	 au;
	struct fohp_alert	 a;
	struct restored		*r;
	char			 err[512] = "";

	assert_non_null(r = calloc(1, sizeof *r));
	j = tj_open(t);
	make_alert(&a, 1, FOHP_AS_FIRING, "real");
	record_ok(j, &a, NULL);
	journal_set_drill(j, 1);
	make_alert(&a, 2, FOHP_AS_FIRING, "drill");
	make_audit(&au, T0 + 1, 2, "ack", "drill ack");
	assert_int_equal(journal_record(j, &a, &au, err, sizeof err), 0);
	assert_int_equal(journal_restore(j, restore_cb, r), 1);
	assert_string_equal(r->a[0].title, "drill");
	journal_close(j);

	j = tj_open(t);		/* a real night again */
	memset(r, 0, sizeof *r);
	assert_int_equal(journal_restore(j, restore_cb, r), 1);
	assert_string_equal(r->a[0].title, "real");
	assert_int_equal(journal_last_id(j), 2);
	journal_close(j);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM alerts"
	    " WHERE drill = 1 AND id = 2"), 1);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM audit"
	    " WHERE drill = 1 AND note = 'drill ack'"), 1);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM alerts"
	    " WHERE drill = 0"), 1);
	free(r);
}

/* A version 3 file (before history and drills) is upgraded in place. */
static void
test_journal_upgrade_v3(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct fohp_alert	 a;
	struct restored		*r;

	assert_non_null(r = calloc(1, sizeof *r));
	j = tj_open(t);
	make_alert(&a, 5, FOHP_AS_FIRING, "kept");
	record_ok(j, &a, NULL);
	journal_close(j);
	/* Make it a version 3 file, as the fohd before it left it. */
	sql_exec(t->path, "DROP TABLE zone_samples; DROP TABLE gate_samples;"
	    " DROP TABLE device_samples; DROP TABLE model_samples;"
	    " DROP TABLE configs; ALTER TABLE alerts DROP COLUMN drill;"
	    " ALTER TABLE audit DROP COLUMN drill; PRAGMA user_version = 3");
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM"
	    " pragma_table_info('alerts') WHERE name = 'drill'"), 0);
	j = tj_open(t);
	assert_int_equal(sql_int(t->path, "PRAGMA user_version"), 4);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM sqlite_master"
	    " WHERE name IN ('zone_samples', 'gate_samples', 'device_samples',"
	    " 'model_samples', 'configs')"), 5);
	assert_int_equal(journal_restore(j, restore_cb, r), 1);
	assert_string_equal(r->a[0].title, "kept");
	journal_close(j);
	free(r);
}

/*
 * One writer: a second journal_open of the file is refused, naming the
 * file and the holder's pid, while the first writes on; a reader opens
 * it and reads what the writer wrote; once closed, it opens again.
 */
static void
test_journal_one_writer(void **state)
{
	struct tj		*t = *state;
	struct journal		*j, *j2, *r;
	struct fohp_alert	 a;
	struct journal_audit	 au;
	char			 err[512] = "", want[64];
	FILE			*f;
	char			*buf = NULL;
	size_t			 len = 0;

	j = tj_open(t);
	assert_null(journal_open(t->path, VENUE, err, sizeof err));
	print_message("second writer: %s\n", err);
	snprintf(want, sizeof want, "is in use by another fohd (pid %ld)",
	    (long)getpid());
	assert_non_null(strstr(err, t->path));
	assert_non_null(strstr(err, want));
	make_alert(&a, 1, FOHP_AS_FIRING, "still writing");
	make_audit(&au, T0, 1, "fire", "");
	record_ok(j, &a, &au);
	r = journal_open_reader(t->path, VENUE, err, sizeof err);
	assert_non_null(r);
	assert_non_null(f = open_memstream(&buf, &len));
	assert_int_equal(journal_history(r, f, JOURNAL_JSONL, 0, 0), 1);
	fclose(f);
	free(buf);
	journal_close(r);
	journal_close(j);
	j2 = journal_open(t->path, VENUE, err, sizeof err);
	assert_non_null(j2);
	assert_int_equal(journal_last_id(j2), 1);
	journal_close(j2);
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
		T(test_journal_fail_locked),
		T(test_journal_fail_rollback),
		T(test_journal_refused),
		T(test_journal_upgrade),
		T(test_journal_upgrade_v2),
		T(test_journal_upgrade_v3),
		T(test_journal_drill),
		T(test_journal_one_writer),
#undef T
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
