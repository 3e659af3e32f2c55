/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal-fixture.h: what the journal tests (test-journal.c,
 * test-journal-history.c, test-journal-answers.c, test-journal-crash.c)
 * share: a real SQLite file in a fresh temporary directory per test (no
 * mocks), plain SQL to look at it from outside, and alerts and audit
 * lines with every field set.
 */
#ifndef FOH_TESTS_JOURNAL_FIXTURE_H
#define FOH_TESTS_JOURNAL_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#include "agent/journal.h"

#define VENUE		"arena"
#define T0		1700000000000ULL	/* 2023-11-14T22:13:20.000Z */

/* The temporary directory and journal file of one test. */
struct tj {
	char	dir[64];
	char	path[128];
};

/* Alerts collected by a restore. */
struct restored {
	unsigned		n;
	struct fohp_alert	a[8];
};

/* cmocka setup: make a fresh directory for a test (*state, a struct tj). */
int		 tj_setup(void **state);

/* cmocka teardown: remove the test's directory and files. */
int		 tj_teardown(void **state);

/* Run SQL on the file from outside the journal; fail the test if it fails. */
void		 sql_exec(const char *path, const char *sql);

/* The integer the SQL's first row says. */
long long	 sql_int(const char *path, const char *sql);

/* The text the SQL's first row says, into buf. */
const char	*sql_text(const char *path, const char *sql, char *buf,
		     size_t len);

/* Open the test's journal; fail the test if it does not open. */
struct journal	*tj_open(struct tj *t);

/* Fill an alert with every field set, ops history included. */
void		 make_alert(struct fohp_alert *a, uint64_t id,
		     enum fohp_alert_state state, const char *title);

/* An audit line. */
void		 make_audit(struct journal_audit *au, uint64_t t_ms,
		     uint64_t alert, const char *op, const char *note);

/* journal_record that must succeed. */
void		 record_ok(struct journal *j, const struct fohp_alert *a,
		     const struct journal_audit *au);

/* journal_restore callback: keep a copy in a struct restored. */
void		 restore_cb(void *arg, const struct fohp_alert *a);

/* An answer to remember for (peer, operator, id); bytes stay the caller's. */
void		 make_answer(struct journal_answer *an, const char *peer,
		     const char *who, uint64_t id, const char *bytes);

/* Look an answer up: 1 and its text in buf, or 0. */
int		 recall(struct journal *j, const char *peer, const char *who,
		     uint64_t id, uint64_t now, char *buf, size_t len);

#endif
