/*
 * alerts.h: the alert lifecycle at the venue, as pure logic with the time
 * passed in (tested by tables in tests/test-alerts.c).
 *
 *   identity   an open alert is found by its fingerprint (venue, rule,
 *              subject); a repeat updates it. Once resolved it never opens
 *              again: the next occurrence is a new alert with a new id.
 *   states     firing -> acknowledged (who, when, comment; sticky, or with
 *              an expiry after which a still-firing alert is unacknowledged
 *              again and escalates) ; shelved (until a time, with a reason;
 *              silences, does not acknowledge) ; resolved (auto-clear when
 *              the condition clears; final).
 *   escalation unacknowledged for escalate_ms: one severity up, once per
 *              period, counted in `escalated`.
 *   races      an ack, unack, shelve, unshelve or approve on a resolved
 *              alert answers ALERTS_ALREADY_RESOLVED and changes nothing;
 *              a comment is still taken (post-event notes).
 *
 * Every change is reported to the caller through alerts_changed(), which
 * fills a list of entries to publish and journal; nothing here does I/O.
 * Ownership: struct alerts is caller-owned; the alerts it holds are copied
 * in. Entry pointers returned point into the table and stay good until the
 * next alerts_raise or alerts_tick (both may compact it).
 */
#ifndef FOH_ALERTS_H
#define FOH_ALERTS_H

#include <stdint.h>

#include "foh-proto.h"

#define ALERTS_MAX	256	/* open and recently resolved */
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
};

struct alerts {
	unsigned		n;
	struct alerts_entry	e[ALERTS_MAX];
	uint64_t		next_id;	/* ids grow; seed from journal */
};

/* An empty table whose ids start above last_id (0 for a fresh venue). */
void		alerts_init(struct alerts *, uint64_t last_id);

/*
 * Put back an alert the journal kept (as it was, id and all); next_id moves
 * past it. 0, or -1 if the table is full.
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
 * state or operator fields). Returns the entry, or NULL if the table is
 * full of open alerts.
 */
struct alerts_entry *alerts_raise(struct alerts *, const struct fohp_alert *a,
		    uint32_t escalate_ms, uint64_t now_ms);

/* The condition cleared: resolve the open alert (final). 0, or -1 if none. */
int		alerts_resolve(struct alerts *, uint64_t fingerprint,
		    uint64_t now_ms);

/* Operator requests; each records itself in the alert's ops history. */
enum alerts_result alerts_ack(struct alerts *, uint64_t id, const char *who,
		    const char *comment, uint32_t expiry_s, uint64_t now_ms);
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
 * Time passes: acks expire (a still-firing alert is unacknowledged and
 * escalates), shelves end, unacknowledged alerts escalate, resolved ones
 * are dropped after ALERTS_KEEP_MS. Returns how many changed.
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
