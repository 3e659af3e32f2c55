/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * store-alerts.c: a venue's alerts in the console's store: maps and
 * updates from the stream, a snapshot's open list (what it no longer
 * lists is dropped, what it could not carry goes on the missing list),
 * the answers to "alerts", and the recently resolved kept for history.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store-priv.h"
#include "lib/text.h"

/* Remove alert i, keeping the order of the rest. */
static void
store_alert_drop(struct store_venue *v, unsigned i)
{
	memmove(&v->alerts[i], &v->alerts[i + 1],
	    (v->nalerts - i - 1) * sizeof(v->alerts[0]));
	memmove(&v->alert_seq[i], &v->alert_seq[i + 1],
	    (v->nalerts - i - 1) * sizeof(v->alert_seq[0]));
	memmove(&v->alert_resolved_seen[i], &v->alert_resolved_seen[i + 1],
	    (v->nalerts - i - 1) * sizeof(v->alert_resolved_seen[0]));
	v->nalerts--;
}

/* The oldest resolved alert (by resolution, else since); -1 if none. */
static int
store_alert_oldest_resolved(const struct store_venue *v, unsigned *nresolved)
{
	const struct fohp_alert	*a, *b;
	unsigned		 i;
	int			 best = -1;

	*nresolved = 0;
	for (i = 0; i < v->nalerts; i++) {
		a = &v->alerts[i];
		if (a->state != FOHP_AS_RESOLVED)
			continue;
		(*nresolved)++;
		if (best >= 0) {
			b = &v->alerts[best];
			if (a->resolved_ms > b->resolved_ms ||
			    (a->resolved_ms == b->resolved_ms &&
			    a->since_ms >= b->since_ms))
				continue;
		}
		best = (int)i;
	}
	return (best);
}

/*
 * Make room for one more alert: drop the oldest resolved one when
 * STORE_RESOLVED_KEEP are kept or the table is at STORE_ALERTS_MAX, grow
 * the arrays when they are full. -1 if there is no room.
 */
static int
store_alert_room(struct store_venue *v)
{
	struct fohp_alert	*na;
	uint64_t		*ns;
	unsigned		 cap, nresolved;
	int			 old;

	old = store_alert_oldest_resolved(v, &nresolved);
	if (old >= 0 && (nresolved >= STORE_RESOLVED_KEEP ||
	    v->nalerts >= STORE_ALERTS_MAX))
		store_alert_drop(v, (unsigned)old);
	if (v->nalerts >= STORE_ALERTS_MAX)
		return (-1);
	if (v->nalerts < v->alerts_cap)
		return (0);
	cap = v->alerts_cap == 0 ? 64 : v->alerts_cap * 2;
	if (cap > STORE_ALERTS_MAX)
		cap = STORE_ALERTS_MAX;
	if ((na = realloc(v->alerts, cap * sizeof(*na))) == NULL)
		return (-1);
	v->alerts = na;
	if ((ns = realloc(v->alert_seq, cap * sizeof(*ns))) == NULL)
		return (-1);
	v->alert_seq = ns;
	if ((ns = realloc(v->alert_resolved_seen, cap * sizeof(*ns))) == NULL)
		return (-1);
	v->alert_resolved_seen = ns;
	v->alerts_cap = cap;
	return (0);
}

/* Index of alert id; -1 if not held. */
static int
store_alert_find(const struct store_venue *v, uint64_t id)
{
	unsigned	i;

	for (i = 0; i < v->nalerts; i++) {
		if (v->alerts[i].id == id)
			return ((int)i);
	}
	return (-1);
}

/*
 * Record a resolved alert for the history view: its first ack and first
 * ops. The ring holds the STORE_PAST_MAX latest of all venues.
 */
static void
store_past_add(struct store *s, const struct store_venue *v,
    const struct fohp_alert *a)
{
	struct store_past	*p;
	unsigned		 i, n;

	if (s->past == NULL &&
	    (s->past = calloc(STORE_PAST_MAX, sizeof(*s->past))) == NULL)
		return;
	p = &s->past[s->past_head];
	s->past_head = (s->past_head + 1) % STORE_PAST_MAX;
	if (s->npast < STORE_PAST_MAX)
		s->npast++;
	s->past_total++;
	memset(p, 0, sizeof(*p));
	text_copy(p->venue, sizeof(p->venue), v->id);
	p->id = a->id;
	text_copy(p->rule, sizeof(p->rule), a->rule);
	text_copy(p->subject, sizeof(p->subject), a->subject);
	p->severity = a->severity;
	p->rkind = a->rkind;
	p->stake = a->stake;
	text_copy(p->title, sizeof(p->title), a->title);
	p->fired_ms = a->fired_ms != 0 ? a->fired_ms : a->since_ms;
	p->resolved_ms = a->resolved_ms;
	p->escalated = a->escalated;
	n = a->nops < FOHP_ALERT_HIST_MAX ? a->nops : FOHP_ALERT_HIST_MAX;
	for (i = 0; i < n; i++) {
		if (p->acked_ms == 0 && strcmp(a->ops[i].op, "ack") == 0) {
			p->acked_ms = a->ops[i].t_ms;
			text_copy(p->acked_by, sizeof(p->acked_by),
			    a->ops[i].operator_name);
		}
		/* The first op (usually the ack) and the latest ones: how
		 * it ended (ack-ended, settled, a last comment) is kept. */
		if (i == 0 || i + STORE_PAST_OPS - 1 >= n)
			p->ops[p->nops++] = a->ops[i];
	}
	if (p->acked_ms == 0 && a->acked_ms != 0) {
		p->acked_ms = a->acked_ms;
		text_copy(p->acked_by, sizeof(p->acked_by), a->acked_by);
	}
}

/* The i-th most recent resolved alert seen (0 = newest); NULL if none. */
const struct store_past *
store_past_get(const struct store *s, unsigned i)
{
	if (s->past == NULL || i >= s->npast)
		return (NULL);
	return (&s->past[(s->past_head + STORE_PAST_MAX - 1 - i) %
	    STORE_PAST_MAX]);
}

/* How long ago alert i of v was first held resolved; 0 if open. */
uint64_t
store_alert_resolved_age(const struct store_venue *v, unsigned i,
    uint64_t now_ms)
{
	uint64_t	t;

	if (i >= v->nalerts || (t = v->alert_resolved_seen[i]) == 0)
		return (0);
	return (now_ms > t ? now_ms - t : 1);
}

/* Fill a transition from an alert. */
void
store_change_fill(struct store_change *ch, const char *venue,
    const struct fohp_alert *a)
{
	text_copy(ch->venue, sizeof(ch->venue), venue);
	ch->id = a->id;
	memcpy(ch->rule, a->rule, sizeof(ch->rule));
	memcpy(ch->subject, a->subject, sizeof(ch->subject));
	ch->severity = a->severity;
	ch->state = a->state;
	memcpy(ch->title, a->title, sizeof(ch->title));
	ch->value = a->value;
	ch->threshold = a->threshold;
	memcpy(ch->unit, a->unit, sizeof(ch->unit));
	ch->since_ms = a->since_ms;
	ch->escalated = a->escalated;
	memcpy(ch->acked_by, a->acked_by, sizeof(ch->acked_by));
	memcpy(ch->action, a->action, sizeof(ch->action));
	ch->drill = a->drill;
}

/* Keep the latest n transitions. */
int
store_changes_keep(struct store *s, unsigned n)
{
	struct store_change	*ring;

	if (n == 0 || (ring = calloc(n, sizeof(*ring))) == NULL)
		return (-1);
	free(s->changes);
	s->changes = ring;
	s->changes_cap = n;
	s->changes_total = 0;
	return (0);
}

/* Transition k, if the ring still holds it. */
const struct store_change *
store_change_get(const struct store *s, uint64_t k)
{
	if (s->changes == NULL || k >= s->changes_total ||
	    s->changes_total - k > s->changes_cap)
		return (NULL);
	return (&s->changes[k % s->changes_cap]);
}

/* Record a's new state if what foh --json shows of it changed (old). */
static void
store_change_note(struct store *s, const struct store_venue *v,
    const struct fohp_alert *old, const struct fohp_alert *a)
{
	if (s->changes == NULL || (old != NULL && old->state == a->state &&
	    old->severity == a->severity && old->escalated == a->escalated &&
	    strcmp(old->acked_by, a->acked_by) == 0))
		return;
	store_change_fill(&s->changes[s->changes_total++ % s->changes_cap],
	    v->id, a);
}

/* Take an alert event (stream message, snapshot or answer) as of seq. */
unsigned
store_apply_alert(struct store *s, struct store_venue *v,
    const struct fohp_alert *a, uint64_t seq)
{
	unsigned	i, flags = STORE_DIRTY_ALERTS;
	int		k;

	if (s->alerts_elsewhere)
		return (0);
	if ((k = store_alert_find(v, a->id)) < 0) {
		if (store_alert_room(v) != 0) {
			v->stats.alerts_refused++;
			return (0);
		}
		i = v->nalerts++;
		if (a->severity == FOHP_SEV_CRITICAL &&
		    store_alert_unattended(a))
			flags |= STORE_DIRTY_CRITICAL;
	} else {
		i = (unsigned)k;
		if (seq < v->alert_seq[i])
			return (0);
		if (a->severity == FOHP_SEV_CRITICAL &&
		    store_alert_unattended(a) &&
		    (v->alerts[i].severity != FOHP_SEV_CRITICAL ||
		    !store_alert_unattended(&v->alerts[i])))
			flags |= STORE_DIRTY_CRITICAL;
	}
	if (a->state == FOHP_AS_RESOLVED &&
	    (k < 0 || v->alerts[i].state != FOHP_AS_RESOLVED)) {
		v->alert_resolved_seen[i] = v->heard_ms != 0 ? v->heard_ms : 1;
		store_past_add(s, v, a);
	} else if (a->state != FOHP_AS_RESOLVED)
		v->alert_resolved_seen[i] = 0;
	store_change_note(s, v, k < 0 ? NULL : &v->alerts[i], a);
	v->alerts[i] = *a;
	v->alert_seq[i] = seq;
	return (flags);
}

/* Compare two ids, for qsort and bsearch. */
static int
store_id_cmp(const void *x, const void *y)
{
	uint64_t	a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return (a < b ? -1 : a > b);
}

/* An alert held, by id, for the missing list. */
struct store_held {
	uint64_t	id;	/* first: store_id_cmp compares it */
	uint64_t	seq;
};

/*
 * Whether id is among the n ids of list: sorted (bsearch) or not (NULL
 * sorted: a linear search, when memory for the sorted copy ran out).
 */
static int
store_id_in(const uint64_t *list, const uint64_t *sorted, unsigned n,
    uint64_t id)
{
	unsigned	i;

	if (sorted != NULL)
		return (bsearch(&id, sorted, n, sizeof(*sorted),
		    store_id_cmp) != NULL);
	for (i = 0; i < n; i++) {
		if (list[i] == id)
			return (1);
	}
	return (0);
}

/*
 * A snapshot's alerts: take its maps; drop what it says is no longer open
 * (unless the stream set it after seq); list the open ids it has no map
 * for and the store lacks or holds from before seq. Each pass is one sweep
 * or a sort, not a search per alert: a snapshot may list 4096 ids.
 */
unsigned
store_apply_snapshot_alerts(struct store *s, struct store_venue *v,
    const struct fohp_snapshot *sn, uint64_t seq)
{
	const uint64_t		*open = sn->open;
	uint64_t		*old = NULL, *sorted;
	struct store_held	*held, key, *h;
	unsigned		 i, j, nopen = sn->nopen, flags = 0;
	int			 k;

	if (s->alerts_elsewhere)
		return (0);
	for (i = 0; i < sn->nalerts; i++)
		flags |= store_apply_alert(s, v, &sn->alerts[i], seq);
	if (nopen == 0 && sn->nalerts > 0) {
		/* An agent before `open`: its alerts are the open set. */
		if ((old = malloc(sn->nalerts * sizeof(*old))) == NULL)
			return (flags);
		for (i = 0; i < sn->nalerts; i++) {
			if (sn->alerts[i].state != FOHP_AS_RESOLVED)
				old[nopen++] = sn->alerts[i].id;
		}
		open = old;
	}
	if ((sorted = malloc((nopen + 1) * sizeof(*sorted))) != NULL) {
		memcpy(sorted, open, nopen * sizeof(*sorted));
		qsort(sorted, nopen, sizeof(*sorted), store_id_cmp);
	}
	for (i = j = 0; i < v->nalerts; i++) {	/* compact in one sweep */
		if (v->alert_seq[i] <= seq &&
		    !store_id_in(open, sorted, nopen, v->alerts[i].id)) {
			v->stats.alerts_dropped++;
			flags |= STORE_DIRTY_ALERTS;
			continue;
		}
		if (j != i) {
			v->alerts[j] = v->alerts[i];
			v->alert_seq[j] = v->alert_seq[i];
			v->alert_resolved_seen[j] = v->alert_resolved_seen[i];
		}
		j++;
	}
	v->nalerts = j;
	free(sorted);
	free(old);

	v->nmissing = 0;
	if (sn->nopen > 0 && v->missing == NULL)
		v->missing = malloc(FOHP_OPEN_MAX * sizeof(*v->missing));
	if (v->missing == NULL)
		return (flags);
	if ((held = malloc((v->nalerts + 1) * sizeof(*held))) != NULL) {
		for (i = 0; i < v->nalerts; i++) {
			held[i].id = v->alerts[i].id;
			held[i].seq = v->alert_seq[i];
		}
		qsort(held, v->nalerts, sizeof(*held), store_id_cmp);
	}
	for (i = 0; i < sn->nopen && i < FOHP_OPEN_MAX; i++) {
		if (held != NULL) {
			key.id = sn->open[i];
			h = bsearch(&key, held, v->nalerts, sizeof(*held),
			    store_id_cmp);
			if (h != NULL && h->seq >= seq)
				continue;	/* current: the snapshot's or
						   newer */
		} else if ((k = store_alert_find(v, sn->open[i])) >= 0 &&
		    v->alert_seq[k] >= seq)
			continue;
		v->missing[v->nmissing++] = sn->open[i];
	}
	free(held);
	return (flags);
}

/* Take alert maps from an answer as of seq; they are no longer missing. */
unsigned
store_take_alerts(struct store *s, struct store_venue *v,
    const struct fohp_alert *a, unsigned n, uint64_t seq)
{
	unsigned	i, j, flags = 0;

	for (i = 0; i < n; i++) {
		flags |= store_apply_alert(s, v, &a[i], seq);
		for (j = 0; j < v->nmissing; j++) {
			if (v->missing[j] == a[i].id) {
				v->missing[j] = v->missing[--v->nmissing];
				break;
			}
		}
	}
	v->dirty |= flags;
	s->dirty |= flags;
	return (flags);
}

/* Forget the missing list. */
void
store_missing_clear(struct store_venue *v)
{
	v->nmissing = 0;
}
