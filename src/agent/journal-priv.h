/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal-priv.h: what the journal's files share (journal.c: the file,
 * its schema and its writes; journal-history.c: the audit trail written
 * out). Nothing outside them includes it.
 */
#ifndef FOH_JOURNAL_PRIV_H
#define FOH_JOURNAL_PRIV_H

#include <sqlite3.h>

#include "journal.h"

/* The prepared statements, by index into journal_sql. */
enum journal_stmt {
	JS_BEGIN = 0,
	JS_COMMIT,
	JS_ROLLBACK,
	JS_UPSERT,
	JS_AUDIT,
	JS_RESTORE,
	JS_LAST_ID,
	JS_HISTORY,
	JS_ANSWER_PUT,
	JS_ANSWER_PRUNE,
	JS_ANSWER_GET,
	JS_COUNT
};

struct journal {
	char			*path;
	char			 venue[FOHP_ID_MAX];
	sqlite3			*db;
	sqlite3_stmt		*stmt[JS_COUNT];

	msgpack_sbuffer		 sb;		/* encode buffer, reused */
	struct fohp_msg		*msg;		/* encode and decode, reused */
	struct fohp_decoder	 dec;
	int			 dec_ready;

	uint64_t		 undecodable;	/* rows restore skipped */
	uint64_t		 errors;	/* commits that failed */
	uint64_t		 streak;	/* ... since the last success */
	int			 drill;		/* rows written are a drill's */
};

#endif
