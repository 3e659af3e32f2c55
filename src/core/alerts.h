/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * alerts.h: the alert lifecycle at the venue, as pure logic with the time
 * passed in (tested by tables in tests/test-alerts.c).
 *
 *   identity   an open alert is found by its fingerprint (venue, rule,
 *              subject); a repeat updates it. Once resolved it never opens
 *              again: the next occurrence is a new alert with a new id.
 *   states     firing -> acknowledged (who, when, comment; until resolved,
 *              or with an expiry after which a still-firing alert is
 *              unacknowledged again and escalates) ; shelved (until a time,
 *              with a reason; silences, does not acknowledge) ; flapping
 *              (its rule fires and clears too often: one alert held open,
 *              flaps > 0, until it settles) ; resolved (auto-clear when the
 *              condition clears; final).
 *   ack types  a sticky ack holds until resolved (or its expiry); a
 *              non-sticky one also ends when the alert worsens: its
 *              severity rises, or its value goes one clear band past the
 *              value it had when acknowledged (alerts_worsened).
 *   escalation unacknowledged for escalate_ms: one severity up, once per
 *              period, counted in `escalated`.
 *   races      an ack, unack, shelve, unshelve or approve on a resolved
 *              alert answers ALERTS_ALREADY_RESOLVED and changes nothing;
 *              a comment is still taken (post-event notes).
 *
 *   capacity   the table grows as alerts open: it holds every open alert
 *              up to ALERTS_OPEN_MAX (4096, FOHP_OPEN_MAX: what a snapshot's
 *              `open` can list), plus resolved ones kept a while. Near the
 *              cap, lower severities are refused first, so that a new
 *              critical alert always gets in: a new info alert is refused
 *              once ALERTS_INFO_MAX are open, a warning once
 *              ALERTS_WARNING_MAX are, a critical only at ALERTS_OPEN_MAX.
 *              Each refusal is counted in `refused`; nothing already open
 *              is ever pushed out, and resolved entries make room first.
 *
 * Every change is reported to the caller through alerts_changed(), which
 * fills a list of entries to publish and journal; nothing here does I/O.
 * Ownership: struct alerts is caller-owned and must be zeroed before its
 * first alerts_init (static or calloc); it owns the entry array, which
 * alerts_fini frees. The alerts it holds are copied in. Entry pointers
 * returned point into the table and stay good until the next alerts_raise,
 * alerts_restore or alerts_tick (they may grow or compact it).
 */
#ifndef FOH_ALERTS_H
#define FOH_ALERTS_H

#include <stdint.h>

#include "proto/foh-proto.h"

#define ALERTS_OPEN_MAX		FOHP_OPEN_MAX	/* open alerts, hard cap */
#define ALERTS_WARNING_MAX	(ALERTS_OPEN_MAX - 128)	/* room for
							   criticals */
#define ALERTS_INFO_MAX		(ALERTS_OPEN_MAX - 512)	/* room for
							   warnings too */
#define ALERTS_RESOLVED_MAX	256	/* resolved kept, at most */
#define ALERTS_MAX	(ALERTS_OPEN_MAX + ALERTS_RESOLVED_MAX)	/* entries */
#define ALERTS_KEEP_MS	(10 * 60 * 1000)	/* resolved kept this long */

/* Outcome of an operator request. */
enum alerts_result {
	ALERTS_DONE = 0,		/* carried out */
	ALERTS_UNCHANGED,		/* already so: an idempotent repeat */
	ALERTS_NOT_FOUND,		/* no such alert id */
	ALERTS_ALREADY_RESOLVED,	/* resolved before the request came */
	ALERTS_BAD_REQUEST		/* missing comment, zero duration, ... */
};

struct alerts_entry {
	struct fohp_alert	a;
	uint32_t		escalate_ms;	/* 0 = never */
	uint64_t		escalate_at;	/* next escalation, wall ms */
	enum fohp_severity	base_severity;
	int			changed;	/* to publish */
	uint64_t		raised_ms;	/* last raise, wall ms (an
						   external alert resolves
						   when its source is quiet) */
	/* How its value worsens, from its rule (alerts_worsened). */
	int			worse_dir;	/* +1: higher is worse, -1:
						   lower; 0: not known (only
						   a severity rise counts) */
	double			worse_step;	/* one clear band, >= 0; 0:
						   any worse value */
	/* What it was when the ack in force was given (non-sticky). */
	double			ack_value;
	enum fohp_severity	ack_severity;
};

struct alerts {
	unsigned		n;
	unsigned		cap;		/* entries allocated */
	struct alerts_entry	*e;		/* owned, grows to ALERTS_MAX */
	uint64_t		next_id;	/* ids grow; seed from journal */
	uint64_t		refused;	/* new alerts refused: full */
	char			signer[FOHP_KEY_MAX];	/* set by the caller
					   around an operator's op: the key
					   that signed it ("" if unsigned),
					   recorded in the op entry */
};

/*
 * An empty table whose ids start above last_id (0 for a fresh venue). The
 * struct must be zeroed before the first call; a table already used keeps
 * its memory for reuse.
 */
void		alerts_init(struct alerts *, uint64_t last_id);

/* Free the table's entries (the struct itself is the caller's). */
void		alerts_fini(struct alerts *);

/* How many alerts are open (not resolved). */
unsigned	alerts_nopen(const struct alerts *);

/*
 * The ids of every open alert, most urgent first: critical, warning, info,
 * then by stake (safety, equipment, model, not stated), then oldest
 * (since) first, then by id. Writes at most max to ids and
 * returns how many there are in all. Out of memory for the sort, they come
 * in table order: all of them still.
 */
unsigned	alerts_open_ids(const struct alerts *, uint64_t *ids,
		    unsigned max);

/*
 * Make an alert's numbers encodable whatever went into it: window values
 * into float32 range, NaN and infinities of the float fields replaced by
 * the nearest finite value (0 for NaN), negative forecast times by 0.
 * Returns how many values it had to change.
 */
unsigned	alerts_wire_safe(struct fohp_alert *);

/*
 * Put back an alert the journal kept (as it was, id and all); next_id moves
 * past it. 0, or -1 if the table is full (ALERTS_OPEN_MAX open) or out of
 * memory.
 */
int		alerts_restore(struct alerts *, const struct fohp_alert *a);

/* The open (not resolved) alert with this fingerprint, or NULL. */
struct alerts_entry *alerts_open(struct alerts *, uint64_t fingerprint);

/* The alert with this id (open or kept resolved), or NULL. */
struct alerts_entry *alerts_find(struct alerts *, uint64_t id);

/*
 * A condition holds: open a new alert from a (fingerprint, rule, subject,
 * severity, title and explanation fields) or update the open one with the
 * same fingerprint (explanation, value, severity; never its id, since,
 * fired_ms, stake, state or operator fields). A new alert takes its stake
 * from a, and fired_ms = now_ms. Returns the entry, or NULL (counted in
 * refused) if a new alert of its severity cannot be admitted (capacity,
 * above) or memory ran out.
 */
struct alerts_entry *alerts_raise(struct alerts *, const struct fohp_alert *a,
		    uint32_t escalate_ms, uint64_t now_ms);

/* The condition cleared: resolve the open alert (final). 0, or -1 if none. */
int		alerts_resolve(struct alerts *, uint64_t fingerprint,
		    uint64_t now_ms);

/*
 * The open alert's rule flaps (rules.c): set its flaps (at least 1) and
 * so its state "flapping" (unless acknowledged or shelved). The first time
 * records op "flapping" with note (what the agent says of it; copied), by
 * no operator. 0, or -1 if no alert with that fingerprint is open.
 */
int		alerts_flap(struct alerts *, uint64_t fingerprint,
		    uint8_t flaps, const char *note, uint64_t now_ms);

/*
 * The open alert's rule stopped flapping: flaps 0, op "settled" ("steady
 * again: firing" or "...: resolved") if it flapped, and with resolve set
 * it resolves. 0, or -1 if none is open.
 */
int		alerts_settle(struct alerts *, uint64_t fingerprint,
		    int resolve, uint64_t now_ms);

/*
 * After each alerts_raise: say how the alert's value worsens (dir +1:
 * higher is worse, -1: lower, 0: not known; step: its rule's clear band,
 * 0 for any worse value, as for a status) and end a non-sticky ack the
 * alert has worsened past: its severity above the one it had when
 * acknowledged, or its value strictly more than step beyond the value it
 * had then, in dir. An ended ack is recorded as op "ack-ended" with the
 * reason in its note; the alert is unattended again. Returns 1 if it
 * ended an ack, else 0.
 */
int		alerts_worsened(struct alerts_entry *, int dir, double step,
		    uint64_t now_ms);

/*
 * Operator requests; each records itself in the alert's ops history. An
 * ack's type is FOHP_ACK_STICKY (FOHP_ACK_NONE means the same) or
 * FOHP_ACK_NONSTICKY.
 */
enum alerts_result alerts_ack(struct alerts *, uint64_t id, const char *who,
		    const char *comment, uint32_t expiry_s,
		    enum fohp_ack_type type, uint64_t now_ms);
enum alerts_result alerts_unack(struct alerts *, uint64_t id,
		    const char *who, uint64_t now_ms);
enum alerts_result alerts_shelve(struct alerts *, uint64_t id,
		    const char *who, uint32_t duration_s, const char *reason,
		    uint64_t now_ms);
enum alerts_result alerts_unshelve(struct alerts *, uint64_t id,
		    const char *who, uint64_t now_ms);
enum alerts_result alerts_comment(struct alerts *, uint64_t id,
		    const char *who, const char *comment, uint64_t now_ms);
enum alerts_result alerts_approve(struct alerts *, uint64_t id,
		    const char *who, const char *comment, uint64_t now_ms);

/*
 * Issue 16: the agent's note on what became of alert id (op "deliver" or
 * "hook", note "mqtt foh/club/signage: acknowledged", "exit 0"; copied),
 * by no operator, kept within the ops history's limit; the alert is
 * marked changed (published), also when it is resolved but still in the
 * table. 0, or -1 if no alert has that id (or op is empty).
 */
int		alerts_note(struct alerts *, uint64_t id, const char *op,
		    const char *note, uint64_t now_ms);

/*
 * Time passes: acks expire (a still-firing alert is unacknowledged, op
 * "ack-expired", and escalates), shelves end, unacknowledged alerts
 * escalate, resolved ones are dropped after ALERTS_KEEP_MS. Returns how
 * many changed.
 */
unsigned	alerts_tick(struct alerts *, uint64_t now_ms);

/*
 * The entries changed since the last call (each listed once), cleared as
 * they are returned. Returns how many were written to out (<= max).
 */
unsigned	alerts_changed(struct alerts *, struct alerts_entry **out,
		    unsigned max);

/* Words for a result ("done", "unchanged", "not found", ...). */
const char	*alerts_result_name(enum alerts_result);

#endif
