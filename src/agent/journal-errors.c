/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal-errors.c: what becomes of a commit, for every writer of the
 * journal (journal.c's alerts, audit lines and answers; journal-samples.c's
 * history): a failure is counted (journal_errors) and the first of a
 * streak is logged with SQLite's words; the first success after a streak
 * says how many failed. A file of its own so that both writers share one
 * count and one log without calling each other.
 */
#include "config.h"

#include <stdio.h>

#include "journal-priv.h"
#include "lib/escape.h"

/* A commit failed: count it, and log it if it starts a streak. */
void
journal_failed(struct journal *j, const char *err)
{
	char	safe[ESCAPE_SIZE(256)];

	j->errors++;
	if (j->streak++ == 0)
		fprintf(stderr, "fohd: error: %s: journal: %s (further "
		    "failures are counted, not logged, until a write "
		    "succeeds)\n", j->venue, escape_text(safe, sizeof safe,
		    err));
}

/* A commit succeeded: end a streak of failures, saying so. */
void
journal_succeeded(struct journal *j)
{
	if (j->streak == 0)
		return;
	fprintf(stderr, "fohd: info: %s: journal: writing again after %llu "
	    "failed commits\n", j->venue, (unsigned long long)j->streak);
	j->streak = 0;
}

/* Commits that failed since the journal was opened. */
uint64_t
journal_errors(const struct journal *j)
{
	return (j->errors);
}

/* Rows this journal's connection has written since it opened: a change in
 * it means the journal changed (sqlite3_total_changes). */
uint64_t
journal_changes(const struct journal *j)
{
	return ((uint64_t)sqlite3_total_changes(j->db));
}
