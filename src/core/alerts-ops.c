/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * alerts-ops.c: what operators ask of an alert (acknowledge, unack,
 * shelve, unshelve, comment, approve its action), each checked and
 * recorded, and the timer that ends acks and shelves and escalates what
 * nobody attends to (alerts.c raises and keeps the alerts).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "alerts-priv.h"
#include "lib/text.h"

/* Record an operator's op, with the key that signed it (as->signer). */
static void
alerts_record_by(struct alerts *as, struct alerts_entry *e, const char *op,
    const char *who, const char *note, uint64_t now)
{
	alerts_record(e, op, who, note, now);
	text_copy(e->a.ops[e->a.nops - 1].key,
	    sizeof(e->a.ops[e->a.nops - 1].key), as->signer);
}

/* Common checks of a request: an operator, a known id. */
static enum alerts_result
alerts_request(struct alerts *as, uint64_t id, const char *who,
    struct alerts_entry **ep)
{
	if (alerts_empty(who))
		return (ALERTS_BAD_REQUEST);
	if ((*ep = alerts_find(as, id)) == NULL)
		return (ALERTS_NOT_FOUND);
	return (ALERTS_DONE);
}

/* The same, for ops that only act on an alert not yet resolved. */
static enum alerts_result
alerts_request_open(struct alerts *as, uint64_t id, const char *who,
    struct alerts_entry **ep)
{
	enum alerts_result	r;

	if ((r = alerts_request(as, id, who, ep)) != ALERTS_DONE)
		return (r);
	return (alerts_resolved(*ep) ? ALERTS_ALREADY_RESOLVED : ALERTS_DONE);
}

/* Record that the ack given by e's acked_by expired (the agent's op). */
static void
alerts_ack_expired(struct alerts_entry *e, uint64_t now)
{
	char	note[FOHP_NOTE_MAX];

	snprintf(note, sizeof(note), "ack by %s expired", e->a.acked_by);
	alerts_record(e, "ack-expired", "", note, now);
}

/* Acknowledge, with a comment, an optional expiry and a type. */
enum alerts_result
alerts_ack(struct alerts *as, uint64_t id, const char *who,
    const char *comment, uint32_t expiry_s, enum fohp_ack_type type,
    uint64_t now)
{
	struct alerts_entry	*e;
	enum alerts_result	 r;

	if (alerts_empty(comment) || (unsigned)type >= FOHP_ACK_COUNT)
		return (ALERTS_BAD_REQUEST);
	if ((r = alerts_request_open(as, id, who, &e)) != ALERTS_DONE)
		return (r);
	if (alerts_acked(e, now))
		return (ALERTS_UNCHANGED);
	if (e->a.acked_by[0] != '\0')	/* expired, not yet ticked */
		alerts_ack_expired(e, now);
	text_copy(e->a.acked_by, sizeof(e->a.acked_by), who);
	e->a.acked_ms = now;
	e->a.ack_expires_ms = expiry_s > 0 ? now + expiry_s * 1000ULL : 0;
	e->a.ack_type = type == FOHP_ACK_NONSTICKY ? FOHP_ACK_NONSTICKY :
	    FOHP_ACK_STICKY;
	e->ack_value = e->a.value;
	e->ack_severity = e->a.severity;
	alerts_record_by(as, e, "ack", who, comment, now);
	alerts_touch(e, now);
	return (ALERTS_DONE);
}

/* The value has worsened or the severity risen: end a non-sticky ack. */
int
alerts_worsened(struct alerts_entry *e, int dir, double step, uint64_t now)
{
	char	note[FOHP_NOTE_MAX];
	double	level, ref;

	e->worse_dir = dir > 0 ? 1 : dir < 0 ? -1 : 0;
	e->worse_step = isfinite(step) ? fabs(step) : 0;
	if (alerts_resolved(e) || !alerts_acked(e, now) ||
	    e->a.ack_type != FOHP_ACK_NONSTICKY)
		return (0);
	/* Judged from the threshold if the value was not past it when
	 * acknowledged (a flapping alert acked while clear): coming back
	 * over the line is not worse than the alert was. Not for a
	 * forecast, whose value is short of its threshold while it fires. */
	ref = e->ack_value;
	if (e->a.rkind != FOHP_RK_FORECAST && e->a.rkind != FOHP_RK_STATUS &&
	    isfinite(e->a.threshold) && (e->worse_dir > 0 ?
	    ref < e->a.threshold : ref > e->a.threshold))
		ref = e->a.threshold;
	level = ref + e->worse_dir * e->worse_step;
	if (e->a.severity > e->ack_severity)
		snprintf(note, sizeof(note), "severity rose to %s",
		    fohp_severity_name(e->a.severity));
	else if (e->worse_dir == 0 ||
	    (e->worse_dir > 0 ? !(e->a.value > level) : !(e->a.value < level)))
		return (0);
	else if (e->a.rkind == FOHP_RK_STATUS && e->a.value >= 0 &&
	    e->a.value < FOHP_ST_COUNT)
		snprintf(note, sizeof(note), "status worsened to %s",
		    fohp_status_name((enum fohp_status)(int)e->a.value));
	else
		snprintf(note, sizeof(note), "value worsened past %.2f",
		    level);
	alerts_clear_ack(e);
	alerts_unattended(e, now);
	alerts_record(e, "ack-ended", "", note, now);
	alerts_touch(e, now);
	return (1);
}

/* Withdraw an ack: the alert is unattended again. */
enum alerts_result
alerts_unack(struct alerts *as, uint64_t id, const char *who, uint64_t now)
{
	struct alerts_entry	*e;
	enum alerts_result	 r;

	if ((r = alerts_request_open(as, id, who, &e)) != ALERTS_DONE)
		return (r);
	if (!alerts_acked(e, now))
		return (ALERTS_UNCHANGED);
	alerts_clear_ack(e);
	alerts_unattended(e, now);
	alerts_record_by(as, e, "unack", who, "", now);
	alerts_touch(e, now);
	return (ALERTS_DONE);
}

/* Shelve for a duration with a reason; again sets the new end. */
enum alerts_result
alerts_shelve(struct alerts *as, uint64_t id, const char *who,
    uint32_t duration_s, const char *reason, uint64_t now)
{
	struct alerts_entry	*e;
	enum alerts_result	 r;
	uint64_t		 until = now + duration_s * 1000ULL;

	if (duration_s == 0 || alerts_empty(reason))
		return (ALERTS_BAD_REQUEST);
	if ((r = alerts_request_open(as, id, who, &e)) != ALERTS_DONE)
		return (r);
	if (alerts_shelved(e, now) && e->a.shelved_until_ms == until)
		return (ALERTS_UNCHANGED);
	text_copy(e->a.shelved_by, sizeof(e->a.shelved_by), who);
	e->a.shelved_until_ms = until;
	alerts_record_by(as, e, "shelve", who, reason, now);
	alerts_touch(e, now);
	return (ALERTS_DONE);
}

/* End a shelve early: the alert is unattended again unless acked. */
enum alerts_result
alerts_unshelve(struct alerts *as, uint64_t id, const char *who,
    uint64_t now)
{
	struct alerts_entry	*e;
	enum alerts_result	 r;

	if ((r = alerts_request_open(as, id, who, &e)) != ALERTS_DONE)
		return (r);
	if (!alerts_shelved(e, now))
		return (ALERTS_UNCHANGED);
	alerts_clear_shelve(e);
	alerts_unattended(e, now);
	alerts_record_by(as, e, "unshelve", who, "", now);
	alerts_touch(e, now);
	return (ALERTS_DONE);
}

/* Add a comment; allowed on a resolved alert (post-event notes). */
enum alerts_result
alerts_comment(struct alerts *as, uint64_t id, const char *who,
    const char *comment, uint64_t now)
{
	struct alerts_entry	*e;
	enum alerts_result	 r;

	if (alerts_empty(comment))
		return (ALERTS_BAD_REQUEST);
	if ((r = alerts_request(as, id, who, &e)) != ALERTS_DONE)
		return (r);
	alerts_record_by(as, e, "comment", who, comment, now);
	alerts_touch(e, now);
	return (ALERTS_DONE);
}

/* Approve the suggested action; the caller publishes it. */
enum alerts_result
alerts_approve(struct alerts *as, uint64_t id, const char *who,
    const char *comment, uint64_t now)
{
	struct alerts_entry	*e;
	enum alerts_result	 r;

	if ((r = alerts_request_open(as, id, who, &e)) != ALERTS_DONE)
		return (r);
	if (e->a.action[0] == '\0')
		return (ALERTS_BAD_REQUEST);
	alerts_record_by(as, e, "approve", who, comment, now);
	alerts_touch(e, now);
	return (ALERTS_DONE);
}

/*
 * The agent notes what became of an alert (issue 16: an approved action's
 * delivery, its hook's end): an op by no operator, published as a change,
 * on a resolved alert still in the table too.
 */
int
alerts_note(struct alerts *as, uint64_t id, const char *op,
    const char *note, uint64_t now)
{
	struct alerts_entry	*e;

	if ((e = alerts_find(as, id)) == NULL || alerts_empty(op))
		return (-1);
	alerts_record(e, op, "", note != NULL ? note : "", now);
	alerts_touch(e, now);
	return (0);
}

/* Let time pass for one open alert. Returns 1 if it changed. */
static int
alerts_tick_one(struct alerts_entry *e, uint64_t now)
{
	enum fohp_alert_state	 state;
	int			 changed = 0;

	if (alerts_resolved(e))
		return (0);

	if (e->a.acked_by[0] != '\0' && e->a.ack_expires_ms != 0 &&
	    now >= e->a.ack_expires_ms) {
		alerts_ack_expired(e, now);
		alerts_clear_ack(e);
		if (!alerts_shelved(e, now))
			alerts_escalate(e);
		alerts_unattended(e, now);
		changed = 1;
	}
	if (e->a.shelved_until_ms != 0 && now >= e->a.shelved_until_ms) {
		alerts_clear_shelve(e);
		alerts_unattended(e, now);
		changed = 1;
	}
	if (!alerts_acked(e, now) && !alerts_shelved(e, now) &&
	    e->escalate_ms > 0 && now >= e->escalate_at) {
		alerts_escalate(e);
		e->escalate_at += e->escalate_ms;
		if (e->escalate_at <= now)
			alerts_unattended(e, now);
		changed = 1;
	}

	state = alerts_state(e, now);
	if (state != e->a.state) {
		e->a.state = state;
		changed = 1;
	}
	return (changed);
}

/* Time passes: expiries, escalation, and dropping old resolved alerts. */
unsigned
alerts_tick(struct alerts *as, uint64_t now)
{
	struct alerts_entry	*e;
	unsigned		 i, j, n = 0;

	for (i = 0; i < as->n; i++) {
		e = &as->e[i];
		if (alerts_tick_one(e, now)) {
			e->changed = 1;
			n++;
		}
	}

	/* Drop resolutions kept long enough, in one sweep (order kept). */
	for (i = j = 0; i < as->n; i++) {
		e = &as->e[i];
		if (alerts_resolved(e) && !e->changed &&
		    now >= e->a.resolved_ms + ALERTS_KEEP_MS)
			continue;
		if (j != i)
			as->e[j] = *e;
		j++;
	}
	as->n = j;
	return (n);
}
