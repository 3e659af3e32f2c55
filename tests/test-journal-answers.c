/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-journal-answers.c: answers remembered by (peer, operator, id) in
 * the transaction of the change they answer, recalled, and bounded.
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, tj_setup, tj_teardown)
		T(test_journal_answers),
		T(test_journal_answers_bound),
#undef T
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
