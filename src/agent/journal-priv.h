/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal-priv.h: what the journal's files share (journal.c: the file
 * and its writes; journal-schema.c: its tables; journal-history.c: the
 * audit trail written out; journal-samples.c: history at the edge;
 * journal-errors.c: failed commits counted; journal-lock.c: the one
 * writer's lock; journal-read.c: opened by a reader). Nothing outside
 * them includes it.
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

/* History at the edge (journal-samples.c): its own statements. */
enum journal_samples_stmt {
	JSS_ZONE = 0,
	JSS_GATE,
	JSS_DEVICE,
	JSS_MODEL,
	JSS_PRUNE_ZONES,
	JSS_PRUNE_GATES,
	JSS_PRUNE_DEVICES,
	JSS_PRUNE_MODELS,
	JSS_PRUNE_CONFIGS,
	JSS_CONFIG,
	JSS_COUNT
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
	sqlite3_stmt		*samples[JSS_COUNT];	/* prepared at the
					   first step (journal-samples.c) */
	int			 lockfd;	/* the writer's lock, or -1 */
};

/* journal-errors.c: a commit failed (count it, log a streak's first), or
 * worked. */
void		 journal_failed(struct journal *, const char *err);
void		 journal_succeeded(struct journal *);

/*
 * journal-schema.c: make or upgrade the tables (a writer), or check their
 * version (a reader); run SQL with no answer; a pragma's one answer.
 */
int		 journal_schema_check(struct journal *, char *err,
		    size_t errlen);
int		 journal_exec(struct journal *, const char *sql,
		    const char *what, char *err, size_t errlen);
int		 journal_pragma(struct journal *, const char *sql,
		    long long *ival, char *sval, size_t svlen, char *err,
		    size_t errlen);

/*
 * journal-lock.c: one writer: take PATH.lock, or name who has it; and
 * whether a reader finds it free.
 */
int		 journal_lock(struct journal *, char *err, size_t errlen);
int		 journal_lock_free(const char *journal, char *err,
		    size_t errlen);
void		 journal_unlock(struct journal *);

/* journal-samples.c: finalize its statements (journal_close calls it). */
void		 journal_samples_fini(struct journal *);

#endif
