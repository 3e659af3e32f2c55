/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * alerts.c: the alert lifecycle, as pure logic with the time passed in.
 *
 * Identity. An open alert is found by its fingerprint. A raise with the
 * fingerprint of an open alert updates it: the explanation (value,
 * threshold, margin, words, expr, unit, held, window, forecast,
 * contributors, source, action, title, rule kind) is taken from the raise;
 * id, since, fired_ms, stake, state, operator fields and the escalation
 * count are not. The severity never falls while the alert is open: it
 * becomes the higher of the incoming one and the current (possibly
 * escalated) one. A resolved
 * alert is final and no longer matches its fingerprint, so the next raise
 * opens a new alert with a new id. Ids only grow (alerts_init seeds them
 * above the last id in the journal).
 *
 * State is derived, never set by hand. alerts_state computes it from the
 * fields with one precedence:
 *
 *   resolved > shelved (shelved_until_ms > now) > acknowledged >
 *   flapping (flaps > 0) > firing
 *
 * so an ack and a shelve can coexist: an alert acked while shelved shows
 * "shelved" and then "acknowledged" once the shelve ends. Ack is not
 * silence, and silence is not ack. A flapping alert (its rule fires and
 * clears too often, rules.c) is held open by the agent: alerts_flap sets
 * its flaps, alerts_settle clears them (and resolves it if the condition
 * is off); it needs a person as a firing one does, and escalates alike.
 *
 * Operator requests check, in order: a missing operator, comment, reason
 * or duration (BAD_REQUEST), an unknown id (NOT_FOUND), a resolved alert
 * (ALREADY_RESOLVED, nothing changes: an ack racing a resolve never
 * reopens it), and "already so" (UNCHANGED, nothing recorded). Only a
 * comment is taken on a resolved alert (post-event notes). An ack stands
 * until unacked or resolved, or until its expiry; a second ack while one
 * stands is UNCHANGED whatever its comment. Shelving a shelved alert sets
 * the new end (the latest request wins), UNCHANGED if it is the same end.
 * Approve is DONE each time; the caller publishes the action.
 *
 * Ack types. An ack is sticky (the default) or non-sticky, kept in
 * ack_type while it stands. A non-sticky ack also remembers the severity
 * and value the alert had when it was given, and ends (op "ack-ended",
 * the reason in its note) when alerts_worsened, called after each raise,
 * finds the severity higher or the value strictly more than one clear
 * band (worse_step) beyond it in the rule's direction (worse_dir); with
 * no band (a status) any worse value. The alert is then unattended
 * again, like an expired one, but does not escalate for it: it worsened
 * already. After a restart the reference is the value journalled with
 * the alert.
 *
 * Time (alerts_tick). An expired ack is cleared (the ops history keeps
 * who acked) and the alert escalates one step at once, whatever
 * escalate_ms, unless it is shelved. An ended shelve is cleared. Whenever
 * an alert becomes unattended again (ack expired, removed or ended by a
 * worsening, shelve ended or removed) its escalation clock restarts:
 * escalate_at = now + escalate_ms. An alert neither acked, shelved nor
 * resolved escalates each escalate_ms: one severity up (capped at
 * critical) and escalated + 1; a tick after a long stall escalates once,
 * not once per missed period. An expired ack is recorded in ops
 * ("ack-expired"), also when a new ack comes before the tick saw it.
 *
 * History. ops holds operator actions, and the changes the agent made by
 * itself that a person should know of ("ack-expired", "ack-ended",
 * "flapping", "settled"; no operator), oldest first. When it is full the
 * first op (usually the ack that matters) and the ALERTS_OPS_RECENT latest
 * stay, and a new op pushes out the oldest of the rest that the agent
 * noted by itself, else the oldest that is not an approval, else the
 * oldest (alerts_record_victim): an approval is not pushed out by
 * comments or by its deliveries' notes.
 *
 * Changes. Every change marks the entry; alerts_changed lists each marked
 * entry once and clears the mark. The table is compacted (resolved
 * entries dropped by alerts_tick after ALERTS_KEEP_MS, or evicted by
 * alerts_raise when full, oldest resolution first) only for entries not
 * marked, so a resolution is always published before it goes. Pointers
 * into the table are good until the next alerts_raise, alerts_restore or
 * alerts_tick.
 *
 * Capacity. The entry array grows by doubling, up to ALERTS_MAX entries:
 * every open alert (at most ALERTS_OPEN_MAX) and up to ALERTS_RESOLVED_MAX
 * resolved ones. A new alert is admitted by severity: info while fewer than
 * ALERTS_INFO_MAX are open, warning while fewer than ALERTS_WARNING_MAX,
 * critical while fewer than ALERTS_OPEN_MAX; so a flood of info alerts can
 * never keep a critical out, and an open alert is never pushed out to make
 * room (it would vanish from every console while its condition holds).
 *
 * Wire safety. Every number an alert takes from a raise passes through
 * alerts_wire_safe, so that what the table holds can always be encoded,
 * journalled and published: a value beyond float32 in the window, or an
 * infinite value, cannot make an alert unpublishable.
 *
 * Restart. alerts_restore puts back what the journal kept, as it was; the
 * first tick settles anything that expired while fohd was down (an ack
 * that ran out escalates then).
 *
 * Operators' requests and the timer (alerts_tick) are in alerts-ops.c.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "alerts-priv.h"
#include "lib/text.h"

#define ALERTS_OPS_RECENT	4	/* latest ops a full history keeps */

/* Copy a fixed array of the same size, always terminated. */
#define alerts_copy_array(dst, src) do {				\
	memcpy((dst), (src), sizeof(dst));				\
	(dst)[sizeof(dst) - 1] = '\0';					\
} while (0)


/* Whether a string is missing or empty. */
int
alerts_empty(const char *s)
{
	return (s == NULL || *s == '\0');
}

/* Whether an alert is resolved (final). */
int
alerts_resolved(const struct alerts_entry *e)
{
	return (e->a.state == FOHP_AS_RESOLVED);
}

/* Whether an ack stands at now. */
int
alerts_acked(const struct alerts_entry *e, uint64_t now)
{
	if (e->a.acked_by[0] == '\0')
		return (0);
	return (e->a.ack_expires_ms == 0 || now < e->a.ack_expires_ms);
}

/* Whether a shelve stands at now. */
int
alerts_shelved(const struct alerts_entry *e, uint64_t now)
{
	return (e->a.shelved_until_ms > now);
}

/*
 * The state the fields say at now: resolved > shelved > acked > flapping >
 * firing.
 */
enum fohp_alert_state
alerts_state(const struct alerts_entry *e, uint64_t now)
{
	if (alerts_resolved(e))
		return (FOHP_AS_RESOLVED);
	if (alerts_shelved(e, now))
		return (FOHP_AS_SHELVED);
	if (alerts_acked(e, now))
		return (FOHP_AS_ACKED);
	if (e->a.flaps > 0)
		return (FOHP_AS_FLAPPING);
	return (FOHP_AS_FIRING);
}

/* Mark an entry changed and bring its state up to date. */
void
alerts_touch(struct alerts_entry *e, uint64_t now)
{
	e->a.state = alerts_state(e, now);
	e->changed = 1;
}

/* One severity up (capped at critical), counted. */
void
alerts_escalate(struct alerts_entry *e)
{
	if (e->a.severity < FOHP_SEV_CRITICAL)
		e->a.severity++;
	if (e->a.escalated < UINT8_MAX)
		e->a.escalated++;
}

/* Restart the escalation clock: the alert is unattended from now. */
void
alerts_unattended(struct alerts_entry *e, uint64_t now)
{
	e->escalate_at = now + e->escalate_ms;
}

/* Clear the ack fields (the ops history keeps who acked). */
void
alerts_clear_ack(struct alerts_entry *e)
{
	e->a.acked_by[0] = '\0';
	e->a.acked_ms = 0;
	e->a.ack_expires_ms = 0;
	e->a.ack_type = FOHP_ACK_NONE;
}

/* Clear the shelve fields. */
void
alerts_clear_shelve(struct alerts_entry *e)
{
	e->a.shelved_by[0] = '\0';
	e->a.shelved_until_ms = 0;
}

/*
 * Which op to drop from a full history: never the first, nor the
 * ALERTS_OPS_RECENT latest; of the others, the oldest the agent noted by
 * itself (no operator: a delivery, a hook's end, a flap) if there is one,
 * else the oldest that is not an approval, else the oldest: who approved
 * an action stays on the alert, and a hook's end is not pushed out by the
 * next comment.
 */
static unsigned
alerts_record_victim(const struct fohp_alert *a)
{
	unsigned	i, end = a->nops - ALERTS_OPS_RECENT;

	for (i = 1; i < end; i++)
		if (a->ops[i].operator_name[0] == '\0')
			return (i);
	for (i = 1; i < end; i++)
		if (strcmp(a->ops[i].op, "approve") != 0)
			return (i);
	return (1);
}

/*
 * Record an operator action (or, with who "", the agent's note), keeping
 * the first, the operators' and the latest (alerts_record_victim).
 */
void
alerts_record(struct alerts_entry *e, const char *op, const char *who,
    const char *note, uint64_t now)
{
	struct fohp_alert	*a = &e->a;
	struct fohp_alert_op	*o;
	unsigned		 v;

	if (a->nops > FOHP_ALERT_HIST_MAX)
		a->nops = FOHP_ALERT_HIST_MAX;
	if (a->nops == FOHP_ALERT_HIST_MAX) {
		v = alerts_record_victim(a);
		memmove(&a->ops[v], &a->ops[v + 1],
		    (FOHP_ALERT_HIST_MAX - v - 1) * sizeof(a->ops[0]));
		a->nops--;
	}
	o = &a->ops[a->nops++];
	memset(o, 0, sizeof(*o));
	o->t_ms = now;
	text_copy(o->op, sizeof(o->op), op);
	text_copy(o->operator_name, sizeof(o->operator_name), who);
	text_copy(o->note, sizeof(o->note), note);
}

/* Take the explanation of a raise (not identity, state or operator). */
static void
alerts_explain(struct fohp_alert *dst, const struct fohp_alert *src)
{
	alerts_copy_array(dst->title, src->title);
	dst->rkind = src->rkind;
	dst->value = src->value;
	dst->threshold = src->threshold;
	dst->margin = src->margin;
	alerts_copy_array(dst->words, src->words);
	alerts_copy_array(dst->expr, src->expr);
	alerts_copy_array(dst->unit, src->unit);
	dst->held_ms = src->held_ms;
	dst->window_step_ms = src->window_step_ms;
	dst->nwindow = src->nwindow;
	if (dst->nwindow > FOHP_WINDOW_MAX)
		dst->nwindow = FOHP_WINDOW_MAX;
	memcpy(dst->window, src->window, sizeof(dst->window));
	dst->fc_state = src->fc_state;
	dst->fc_slope = src->fc_slope;
	dst->fc_r2 = src->fc_r2;
	dst->fc_eta_s = src->fc_eta_s;
	dst->fc_horizon_s = src->fc_horizon_s;
	dst->ncontrib = src->ncontrib;
	if (dst->ncontrib > FOHP_CONTRIB_MAX)
		dst->ncontrib = FOHP_CONTRIB_MAX;
	memcpy(dst->contrib, src->contrib, sizeof(dst->contrib));
	alerts_copy_array(dst->source, src->source);
	alerts_copy_array(dst->action, src->action);
	(void)alerts_wire_safe(dst);
}

/* A finite double: NaN is 0, infinities the largest double. */
static double
alerts_finite(double v, unsigned *n)
{
	if (isfinite(v))
		return (v);
	(*n)++;
	if (isnan(v))
		return (0);
	return (v > 0 ? DBL_MAX : -DBL_MAX);
}

/* Make an alert's numbers encodable; returns how many were changed. */
unsigned
alerts_wire_safe(struct fohp_alert *a)
{
	unsigned	i, n = 0;

	a->value = alerts_finite(a->value, &n);
	a->threshold = alerts_finite(a->threshold, &n);
	a->margin = alerts_finite(a->margin, &n);
	a->fc_slope = alerts_finite(a->fc_slope, &n);
	a->fc_r2 = alerts_finite(a->fc_r2, &n);
	a->fc_eta_s = alerts_finite(a->fc_eta_s, &n);
	a->fc_horizon_s = alerts_finite(a->fc_horizon_s, &n);
	if (a->fc_eta_s < 0) {
		a->fc_eta_s = 0;
		n++;
	}
	if (a->fc_horizon_s < 0) {
		a->fc_horizon_s = 0;
		n++;
	}
	if (a->nwindow > FOHP_WINDOW_MAX)
		a->nwindow = FOHP_WINDOW_MAX;
	for (i = 0; i < a->nwindow; i++) {
		if (isnan(a->window[i])) {
			a->window[i] = 0;
			n++;
		} else if (a->window[i] > FLT_MAX) {
			a->window[i] = FLT_MAX;
			n++;
		} else if (a->window[i] < -FLT_MAX) {
			a->window[i] = -FLT_MAX;
			n++;
		}
	}
	if (a->ncontrib > FOHP_CONTRIB_MAX)
		a->ncontrib = FOHP_CONTRIB_MAX;
	for (i = 0; i < a->ncontrib; i++)
		a->contrib[i].value = alerts_finite(a->contrib[i].value, &n);
	return (n);
}

/* A severity from a raise, capped at critical. */
static enum fohp_severity
alerts_severity(enum fohp_severity sev)
{
	if ((unsigned)sev > FOHP_SEV_CRITICAL)
		return (FOHP_SEV_CRITICAL);
	return (sev);
}

/* Remove entry i, keeping the order of the rest. */
static void
alerts_drop(struct alerts *as, unsigned i)
{
	memmove(&as->e[i], &as->e[i + 1],
	    (as->n - i - 1) * sizeof(as->e[0]));
	as->n--;
}

/* Make room: drop the oldest resolved entry already published. */
static int
alerts_evict(struct alerts *as)
{
	unsigned	i, oldest = as->n;

	for (i = 0; i < as->n; i++) {
		if (!alerts_resolved(&as->e[i]) || as->e[i].changed)
			continue;
		if (oldest == as->n ||
		    as->e[i].a.resolved_ms < as->e[oldest].a.resolved_ms)
			oldest = i;
	}
	if (oldest == as->n)
		return (-1);
	alerts_drop(as, oldest);
	return (0);
}

/* How many alerts are open. */
unsigned
alerts_nopen(const struct alerts *as)
{
	unsigned	i, n = 0;

	for (i = 0; i < as->n; i++)
		n += !alerts_resolved(&as->e[i]);
	return (n);
}

/*
 * Room for one more entry, nopen of them open: evict a published
 * resolution, or grow.
 */
static int
alerts_room(struct alerts *as, unsigned nopen)
{
	struct alerts_entry	*e;
	unsigned		 cap, nresolved = as->n - nopen;

	if ((as->n >= ALERTS_MAX || nresolved >= ALERTS_RESOLVED_MAX) &&
	    alerts_evict(as) == 0)
		return (0);
	if (as->n >= ALERTS_MAX)
		return (-1);
	if (as->n < as->cap)
		return (0);
	cap = as->cap == 0 ? 64 : as->cap * 2;
	if (cap > ALERTS_MAX)
		cap = ALERTS_MAX;
	if ((e = realloc(as->e, cap * sizeof(*e))) == NULL)
		return (-1);
	as->e = e;
	as->cap = cap;
	return (0);
}

/* How many open alerts a new one of this severity may join. */
static unsigned
alerts_limit(enum fohp_severity sev)
{
	switch (sev) {
	case FOHP_SEV_CRITICAL:
		return (ALERTS_OPEN_MAX);
	case FOHP_SEV_WARNING:
		return (ALERTS_WARNING_MAX);
	default:
		return (ALERTS_INFO_MAX);
	}
}

/* An empty table whose ids start above last_id; memory is kept. */
void
alerts_init(struct alerts *as, uint64_t last_id)
{
	struct alerts_entry	*e = as->e;
	unsigned		 cap = as->cap;

	memset(as, 0, sizeof(*as));
	as->e = e;
	as->cap = cap;
	as->next_id = last_id + 1;
}

/* Free the entries. */
void
alerts_fini(struct alerts *as)
{
	free(as->e);
	as->e = NULL;
	as->cap = as->n = 0;
}

/*
 * Rank of a stake in the order of urgency: safety, equipment, model, then
 * not stated.
 */
static int
alerts_stake_rank(enum fohp_stake k)
{
	switch (k) {
	case FOHP_STAKE_SAFETY:
		return (0);
	case FOHP_STAKE_EQUIPMENT:
		return (1);
	case FOHP_STAKE_MODEL:
		return (2);
	default:
		break;
	}
	return (3);
}

/*
 * Most urgent first: severity down, then stake (safety first), then since
 * up, then id up (PROTOCOL.md 6.8, `open`).
 */
static int
alerts_urgency_cmp(const void *x, const void *y)
{
	const struct fohp_alert	*a = *(const struct fohp_alert *const *)x;
	const struct fohp_alert	*b = *(const struct fohp_alert *const *)y;
	int			 ra, rb;

	if (a->severity != b->severity)
		return (a->severity > b->severity ? -1 : 1);
	ra = alerts_stake_rank(a->stake);
	rb = alerts_stake_rank(b->stake);
	if (ra != rb)
		return (ra < rb ? -1 : 1);
	if (a->since_ms != b->since_ms)
		return (a->since_ms < b->since_ms ? -1 : 1);
	return (a->id < b->id ? -1 : a->id > b->id);
}

/* The ids of every open alert, most urgent first. */
unsigned
alerts_open_ids(const struct alerts *as, uint64_t *ids, unsigned max)
{
	const struct fohp_alert	**v;
	unsigned		  i, n = 0;

	if (as->n == 0)
		return (0);
	if ((v = malloc(as->n * sizeof(*v))) == NULL) {
		/* Unsorted rather than none: never hide an open alert. */
		for (i = 0; i < as->n; i++) {
			if (alerts_resolved(&as->e[i]))
				continue;
			if (n < max)
				ids[n] = as->e[i].a.id;
			n++;
		}
		return (n);
	}
	for (i = 0; i < as->n; i++) {
		if (!alerts_resolved(&as->e[i]))
			v[n++] = &as->e[i].a;
	}
	qsort(v, n, sizeof(*v), alerts_urgency_cmp);
	for (i = 0; i < n && i < max; i++)
		ids[i] = v[i]->id;
	free(v);
	return (n);
}

/* Terminate the strings and cap the counts of an alert taken from outside. */
static void
alerts_sanitize(struct fohp_alert *a)
{
	a->rule[sizeof(a->rule) - 1] = '\0';
	a->subject[sizeof(a->subject) - 1] = '\0';
	a->title[sizeof(a->title) - 1] = '\0';
	a->words[sizeof(a->words) - 1] = '\0';
	a->expr[sizeof(a->expr) - 1] = '\0';
	a->unit[sizeof(a->unit) - 1] = '\0';
	a->source[sizeof(a->source) - 1] = '\0';
	a->action[sizeof(a->action) - 1] = '\0';
	a->acked_by[sizeof(a->acked_by) - 1] = '\0';
	a->shelved_by[sizeof(a->shelved_by) - 1] = '\0';
	if (a->nwindow > FOHP_WINDOW_MAX)
		a->nwindow = FOHP_WINDOW_MAX;
	if (a->ncontrib > FOHP_CONTRIB_MAX)
		a->ncontrib = FOHP_CONTRIB_MAX;
	if (a->nops > FOHP_ALERT_HIST_MAX)
		a->nops = FOHP_ALERT_HIST_MAX;
	a->severity = alerts_severity(a->severity);
	if ((unsigned)a->state >= FOHP_AS_COUNT)
		a->state = FOHP_AS_FIRING;
	(void)alerts_wire_safe(a);
}

/*
 * Put back an alert the journal kept, id and all, replacing one with the
 * same id. Not marked changed (nothing new to publish). escalate_ms is not
 * journalled: it is 0 until the rule raises again, which sets it and
 * restarts the clock.
 */
int
alerts_restore(struct alerts *as, const struct fohp_alert *a)
{
	struct alerts_entry	*e;
	unsigned		 nopen;

	if ((e = alerts_find(as, a->id)) == NULL) {
		nopen = alerts_nopen(as);
		if (a->state != FOHP_AS_RESOLVED && nopen >= ALERTS_OPEN_MAX)
			return (-1);
		if (alerts_room(as, nopen) != 0)
			return (-1);
		e = &as->e[as->n++];
	}
	memset(e, 0, sizeof(*e));
	e->a = *a;
	alerts_sanitize(&e->a);
	e->base_severity = e->a.severity;
	e->ack_value = e->a.value;	/* as journalled with it */
	e->ack_severity = e->a.severity;
	if (a->id >= as->next_id)
		as->next_id = a->id + 1;
	return (0);
}

/* The open alert with this fingerprint, or NULL. */
struct alerts_entry *
alerts_open(struct alerts *as, uint64_t fingerprint)
{
	unsigned	i;

	for (i = 0; i < as->n; i++) {
		if (!alerts_resolved(&as->e[i]) &&
		    as->e[i].a.fingerprint == fingerprint)
			return (&as->e[i]);
	}
	return (NULL);
}

/* The alert with this id, open or kept resolved, or NULL. */
struct alerts_entry *
alerts_find(struct alerts *as, uint64_t id)
{
	unsigned	i;

	for (i = 0; i < as->n; i++) {
		if (as->e[i].a.id == id)
			return (&as->e[i]);
	}
	return (NULL);
}

/* A condition holds: open a new alert or update the open one. */
struct alerts_entry *
alerts_raise(struct alerts *as, const struct fohp_alert *a,
    uint32_t escalate_ms, uint64_t now)
{
	struct alerts_entry	*e;
	enum fohp_severity	 sev = alerts_severity(a->severity);
	unsigned		 nopen;

	if ((e = alerts_open(as, a->fingerprint)) != NULL) {
		alerts_explain(&e->a, a);
		if (sev > e->a.severity)
			e->a.severity = sev;
		if (sev > e->base_severity)
			e->base_severity = sev;
		if (escalate_ms != e->escalate_ms) {
			e->escalate_ms = escalate_ms;
			alerts_unattended(e, now);
		}
		e->raised_ms = now;
		e->changed = 1;
		return (e);
	}

	nopen = alerts_nopen(as);
	if (nopen >= alerts_limit(sev) || alerts_room(as, nopen) != 0) {
		as->refused++;
		return (NULL);
	}
	e = &as->e[as->n++];
	memset(e, 0, sizeof(*e));
	e->a.fingerprint = a->fingerprint;
	alerts_copy_array(e->a.rule, a->rule);
	alerts_copy_array(e->a.subject, a->subject);
	alerts_explain(&e->a, a);
	e->a.id = as->next_id++;
	e->a.severity = sev;
	e->a.state = FOHP_AS_FIRING;
	e->a.since_ms = now;
	e->a.fired_ms = now;		/* when it opened; never changes */
	e->a.stake = (unsigned)a->stake < FOHP_STAKE_COUNT ? a->stake :
	    FOHP_STAKE_NONE;
	e->a.drill = a->drill ? 1 : 0;	/* a drill's for its whole life */
	e->base_severity = sev;
	e->escalate_ms = escalate_ms;
	e->raised_ms = now;
	alerts_unattended(e, now);
	e->changed = 1;
	return (e);
}

/* The condition cleared: resolve the open alert (final). */
int
alerts_resolve(struct alerts *as, uint64_t fingerprint, uint64_t now)
{
	struct alerts_entry	*e;

	if ((e = alerts_open(as, fingerprint)) == NULL)
		return (-1);
	e->a.state = FOHP_AS_RESOLVED;
	e->a.resolved_ms = now;
	e->changed = 1;
	return (0);
}

/* The open alert's rule flaps, flaps transitions in its window. */
int
alerts_flap(struct alerts *as, uint64_t fingerprint, uint8_t flaps,
    const char *note, uint64_t now)
{
	struct alerts_entry	*e;

	if ((e = alerts_open(as, fingerprint)) == NULL)
		return (-1);
	if (flaps == 0)
		flaps = 1;	/* 0 would say it does not flap */
	if (e->a.flaps == 0)
		alerts_record(e, "flapping", NULL, note, now);
	e->a.flaps = flaps;
	alerts_touch(e, now);
	return (0);
}

/* The open alert's rule settled: steady again, firing or resolved. */
int
alerts_settle(struct alerts *as, uint64_t fingerprint, int resolve,
    uint64_t now)
{
	struct alerts_entry	*e;

	if ((e = alerts_open(as, fingerprint)) == NULL)
		return (-1);
	if (e->a.flaps != 0) {
		e->a.flaps = 0;
		alerts_record(e, "settled", NULL, resolve ?
		    "steady again: resolved" : "steady again: firing", now);
	}
	alerts_touch(e, now);
	if (resolve)
		return (alerts_resolve(as, fingerprint, now));
	return (0);
}

/* List the entries changed since the last call, each once, and unmark. */
unsigned
alerts_changed(struct alerts *as, struct alerts_entry **out, unsigned max)
{
	unsigned	i, n = 0;

	for (i = 0; i < as->n && n < max; i++) {
		if (!as->e[i].changed)
			continue;
		as->e[i].changed = 0;
		out[n++] = &as->e[i];
	}
	return (n);
}

/* Words for a result. */
const char *
alerts_result_name(enum alerts_result r)
{
	switch (r) {
	case ALERTS_DONE:
		return ("done");
	case ALERTS_UNCHANGED:
		return ("unchanged");
	case ALERTS_NOT_FOUND:
		return ("not found");
	case ALERTS_ALREADY_RESOLVED:
		return ("already resolved");
	case ALERTS_BAD_REQUEST:
		return ("bad request");
	}
	return ("unknown");
}
