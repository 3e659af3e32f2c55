/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal.h: the venue's durable alert and audit journal, in SQLite (WAL).
 *
 * Every alert state transition and every operator action is written here;
 * journal_record returns only after its transaction is committed (WAL,
 * synchronous=FULL), so an acknowledgement answered OK survives a crash or
 * a power cut. On start fohd restores the alerts that were not resolved.
 * `fohd history` exports the audit trail for post-event review.
 *
 * It also remembers the answers to operator requests (journal_answer), in
 * the transaction of the change they answer, so that a request repeated
 * after a crash is answered from here and never carried out twice.
 */
#ifndef FOH_JOURNAL_H
#define FOH_JOURNAL_H

#include <stdint.h>
#include <stdio.h>

#include "proto/foh-proto.h"

struct journal;

/* One line of the audit trail. */
struct journal_audit {
	uint64_t	t_ms;
	uint64_t	alert;		/* alert id, 0 if none */
	char		op[16];		/* fire, resolve, escalate, ack, ... */
	char		operator_name[FOHP_ID_MAX];	/* "" for fohd */
	char		note[FOHP_TEXT_MAX];	/* comment, reason, words */
	uint64_t	request;	/* the request's id, 0 if none */
	char		result[24];	/* "done", "refused: ...", ... */
	char		peer[48];	/* "ipc uid 1000", "tcp 10.0.0.5" */
	/* Added for signed requests (issue 12), schema version 3. */
	char		key[FOHP_KEY_MAX];	/* signer's SHA256:..., or "" */
	char		transport[16];	/* control URL's scheme, "" if none */
	char		reason[FOHP_TEXT_MAX];	/* why refused, or "" */
	const void	*body;		/* signed: the request's bytes, */
	size_t		 body_len;	/*  and the SSHSIG blob over them */
	const void	*sig;		/*  (borrowed; NULL if unsigned) */
	size_t		 sig_len;
};

/* The answers kept: the last JOURNAL_ANSWERS_MAX of the last 24 hours. */
#define JOURNAL_ANSWERS_MAX	4096
#define JOURNAL_ANSWERS_MS	(24ULL * 3600 * 1000)

/*
 * The encoded answer to a request, by who asked: (peer, operator, id).
 * bytes is borrowed by journal_record_answer and malloc'd (the caller
 * frees it) by journal_answer.
 */
struct journal_answer {
	char		 peer[80];	/* peer, or "key SHA256:..." */
	char		 operator_name[FOHP_ID_MAX];
	uint64_t	 id;
	uint64_t	 digest;	/* of the request, to tell a reuse */
	uint64_t	 t_ms;
	void		*bytes;
	size_t		 len;
};

/*
 * History at the edge (issue 15): the venue's state at one [history] step,
 * written by journal_samples in one transaction (journal-samples.c). The
 * tables and what a row means are described in journal.c.
 */
struct journal_zone_sample {
	char		zone[FOHP_ID_MAX];
	uint32_t	count;		/* persons */
	double		density;	/* persons per m2 */
	char		band;		/* 'A'..'F' */
};
struct journal_gate_sample {
	char		gate[FOHP_ID_MAX];
	uint32_t	in, out;	/* persons since the row before */
	double		flow_pmm;	/* persons per metre per minute */
	char		los;		/* 'A'..'F' */
};
struct journal_device_sample {
	char		device[FOHP_ID_MAX];
	char		status[16];	/* ok, warning, error, offline */
	double		wear;
};
struct journal_model_sample {
	char		model[FOHP_ID_MAX];
	double		score;
	char		level[16];	/* stable, moderate, major, pending */
};
struct journal_step {
	uint64_t			t_ms;	/* wall clock, Unix ms */
	unsigned			nzones, ngates, ndevices, nmodels;
	struct journal_zone_sample	zones[FOHP_ZONES_MAX];
	struct journal_gate_sample	gates[FOHP_GATES_MAX];
	struct journal_device_sample	devices[FOHP_DEVICES_MAX];
	struct journal_model_sample	models[FOHP_MODELS_MAX];
};

/*
 * Write one step's samples in one committed transaction, and delete the
 * samples older than keep_from_ms (0: keep all). 0, or -1 and err (a
 * failure is counted as a failed commit, journal_errors).
 */
int		 journal_samples(struct journal *, const struct journal_step *,
		    uint64_t keep_from_ms, char *err, size_t errlen);

/*
 * Note a start or a reload: the config's fingerprint (hex) and the history
 * step in force from t_ms. 0, or -1 and err.
 */
int		 journal_config(struct journal *, uint64_t t_ms,
		    const char *fingerprint, uint64_t step_ms, char *err,
		    size_t errlen);

enum journal_format {
	JOURNAL_CSV = 0,
	JOURNAL_JSONL
};

/*
 * Open (creating) the journal at path for venue, as its one writer: a
 * journal held by another process's journal_open (PATH.lock) is refused,
 * "journal PATH is in use by another fohd (pid N)". NULL and err on error.
 */
struct journal	*journal_open(const char *path, const char *venue,
		    char *err, size_t errlen);
/*
 * journal_open without the writer's lock, to read (fohd history): never
 * created or changed; a journal of another schema version is refused.
 */
struct journal	*journal_open_reader(const char *path, const char *venue,
		    char *err, size_t errlen);
/*
 * journal-read.c: open the journal file at path read-only into *db,
 * waiting busy_ms for locks, also where this user cannot create the WAL
 * index beside it while no fohd writes it (fohd report, record and
 * history as whoever may read the file). 0, or -1 and err.
 */
struct sqlite3;
int		 journal_read_open(const char *path, struct sqlite3 **db,
		    unsigned busy_ms, char *err, size_t errlen);
void		 journal_close(struct journal *);

/*
 * In one committed transaction: store the alert's current state (if a is
 * not NULL) and append the audit line (if au is not NULL). 0, or -1 and err.
 */
int		 journal_record(struct journal *, const struct fohp_alert *a,
		    const struct journal_audit *au, char *err, size_t errlen);

/*
 * journal_record, and in the same transaction remember the answer an (if
 * not NULL): the answer is kept if and only if the change is committed.
 */
int		 journal_record_answer(struct journal *,
		    const struct fohp_alert *a, const struct journal_audit *au,
		    const struct journal_answer *an, char *err, size_t errlen);

/*
 * The answer kept for (an->peer, an->operator_name, an->id), if any and
 * not older than JOURNAL_ANSWERS_MS at now_ms: 1 and an->bytes, an->len
 * (malloc'd, the caller frees), an->digest and an->t_ms; 0 if none; -1
 * and err.
 */
int		 journal_answer(struct journal *, struct journal_answer *an,
		    uint64_t now_ms, char *err, size_t errlen);

/*
 * Commits that failed since the journal was opened. The first failure of a
 * streak is logged on stderr with SQLite's words, the rest only counted,
 * until a commit succeeds again (which is logged too).
 */
uint64_t	 journal_errors(const struct journal *);

/* Rows written through this journal since it opened (a change counter). */
uint64_t	 journal_changes(const struct journal *);

/* Call cb for every alert not resolved, oldest first. Returns how many. */
int		 journal_restore(struct journal *,
		    void (*cb)(void *, const struct fohp_alert *), void *arg);

/*
 * Mark everything written from now on (alerts, audit lines, samples) as a
 * drill's (1) or real (0, the default), and restore only alerts of the
 * same kind (PROTOCOL.md 15). A drill's rows sit in the same tables with
 * drill = 1; fohd report leaves them out unless asked.
 */
void		 journal_set_drill(struct journal *, int drill);

/* The largest alert id ever stored (0 if none). */
uint64_t	 journal_last_id(struct journal *);

/*
 * Write the audit trail since since_ms to out: the real lines (drill 0) or
 * the drills' (drill 1), never both. Returns lines, -1 on error.
 */
long		 journal_history(struct journal *, FILE *out,
		    enum journal_format, uint64_t since_ms, int drill);

#endif
