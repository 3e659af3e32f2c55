/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * store.c: venue state and the sequence bookkeeping that keeps it right.
 *
 * A venue's agent numbers every published message (seq) within one run of
 * the agent (epoch). store_apply compares each message with what it has:
 *
 *   new epoch        the agent restarted or this is first contact: take the
 *                    message, forget per-entity sequence numbers, and ask
 *                    for a snapshot.
 *   seq == last + 1  the normal case.
 *   seq >  last + 1  messages were lost: count the gap, apply this one (it
 *                    is newer than anything held), ask for a snapshot.
 *   seq <= last      already covered (a snapshot answered past it): skip.
 *
 * A snapshot answer carries the seq of the last message it covers. Each
 * entity keeps the seq that last set it, and the snapshot only overwrites
 * entities it is newer for; stream messages that arrived while the request
 * was in flight therefore win over the older snapshot.
 *
 * A message of a kind this console does not know still took a seq: it is
 * counted (unknown) and skipped, and its seq moves `last` on, so it is not
 * mistaken for a gap.
 *
 * Alerts. The snapshot's `open` lists every open alert of the venue. Each
 * held alert not in it, and not set by a stream message after the
 * snapshot, is dropped: it resolved, or its agent restarted and forgot it,
 * and it must not stay on screen. Open ids whose map the snapshot did not
 * carry (it carries at most 64) and that the store lacks, or holds from
 * before the snapshot, go on the venue's missing list; the feed asks for
 * them (op "alerts") and store_take_alerts applies the answer.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "band.h"
#include "store.h"
#include "lib/text.h"

/* Create an empty store. */
struct store *
store_new(void)
{
	return (calloc(1, sizeof(struct store)));
}

/* Free a store and its venues. */
void
store_free(struct store *s)
{
	unsigned	i;

	if (s == NULL)
		return;
	free(s->past);
	for (i = 0; i < s->nvenues; i++) {
		free(s->venues[i]->raster);
		free(s->venues[i]->alerts);
		free(s->venues[i]->alert_seq);
		free(s->venues[i]->alert_resolved_seen);
		free(s->venues[i]->missing);
		free(s->venues[i]);
	}
	free(s);
}

/* Add a venue slot, or return the existing one with this (non-empty) id. */
struct store_venue *
store_venue_add(struct store *s, const char *id)
{
	struct store_venue	*v;

	if (id[0] != '\0' && (v = store_venue_find(s, id)) != NULL)
		return (v);
	if (s->nvenues == STORE_VENUES_MAX)
		return (NULL);
	if ((v = calloc(1, sizeof(*v))) == NULL)
		return (NULL);
	text_copy(v->id, sizeof(v->id), id);
	text_copy(v->name, sizeof(v->name), id);
	v->hb_ms = 1000;
	v->dirty = STORE_DIRTY_VENUES;
	s->venues[s->nvenues++] = v;
	s->dirty |= STORE_DIRTY_VENUES;
	return (v);
}

/* Find a venue by id. */
struct store_venue *
store_venue_find(const struct store *s, const char *id)
{
	unsigned	i;

	for (i = 0; i < s->nvenues; i++) {
		if (strcmp(s->venues[i]->id, id) == 0)
			return (s->venues[i]);
	}
	return (NULL);
}

/* Find a zone of a venue by id. */
struct store_zone *
store_zone_find(struct store_venue *v, const char *id)
{
	unsigned	i;

	for (i = 0; i < v->nzones; i++) {
		if (strcmp(v->zones[i].def.id, id) == 0)
			return (&v->zones[i]);
	}
	return (NULL);
}

/*
 * Add a value to a ring. The ring is float32, as the wire's hist: a value
 * beyond it is kept as the largest float32 (it must still encode), and NaN
 * is not kept.
 */
static void
store_ring_push(struct store_ring *r, double v)
{
	if (isnan(v))
		return;
	if (v > FLT_MAX)
		v = FLT_MAX;
	else if (v < -FLT_MAX)
		v = -FLT_MAX;
	r->v[r->head] = (float)v;
	r->head = (r->head + 1) % STORE_HISTORY;
	if (r->len < STORE_HISTORY)
		r->len++;
}

/*
 * Add a value measured at t_ms to a ring that keeps one value per
 * STORE_HIST_STEP_MS: within a step of the newest slot's time, the value
 * replaces the newest. Values without a time (0) are always added.
 */
static void
store_ring_sample(struct store_ring *r, double v, uint64_t t_ms)
{
	if (t_ms != 0 && r->len > 0 && t_ms >= r->last_ms &&
	    t_ms - r->last_ms < STORE_HIST_STEP_MS) {
		if (isnan(v))
			return;
		r->v[(r->head + STORE_HISTORY - 1) % STORE_HISTORY] =
		    v > FLT_MAX ? FLT_MAX : v < -FLT_MAX ? -FLT_MAX : (float)v;
		return;
	}
	store_ring_push(r, v);
	r->last_ms = t_ms;
}

/* The i-th most recent value of a ring, NAN if there is none. */
double
store_ring_get(const struct store_ring *r, unsigned i)
{
	if (i >= r->len)
		return (NAN);
	return (r->v[(r->head + STORE_HISTORY - 1 - i) % STORE_HISTORY]);
}

/* Copy a ring out, oldest first, as a wire history. */
static void
store_ring_export(const struct store_ring *r, float *out, uint8_t *n)
{
	unsigned	i;

	for (i = 0; i < r->len; i++)
		out[i] = (float)store_ring_get(r, r->len - 1 - i);
	*n = (uint8_t)r->len;
}

/* Seed an empty ring from a wire history (oldest first). */
static void
store_ring_import(struct store_ring *r, const float *in, uint8_t n)
{
	unsigned	i;

	if (r->len != 0)
		return;
	for (i = 0; i < n && i < STORE_HISTORY; i++)
		store_ring_push(r, in[i]);
}

/* The i-th most recent density of a zone, NAN if there is none. */
double
store_zone_hist(const struct store_zone *z, unsigned i)
{
	return (store_ring_get(&z->hist, i));
}

/* Find a gate of a venue by id. */
struct store_gate *
store_gate_find(struct store_venue *v, const char *id)
{
	unsigned	i;

	for (i = 0; i < v->ngates; i++) {
		if (strcmp(v->gates[i].last.gate, id) == 0)
			return (&v->gates[i]);
	}
	return (NULL);
}

/*
 * Take a raster if it is newer than the one held and lies inside the grid
 * (the layout may have changed since it was measured). Newer by sequence
 * only: its t_ms is the agent's clock, which may have stepped back, and a
 * raster refused for that was refused until the clock caught up.
 * store_apply notes when it came (raster_heard_ms).
 */
static unsigned
store_apply_raster(struct store_venue *v, const struct fohp_raster *r,
    uint64_t seq)
{
	if ((unsigned)r->x + r->cols > v->grid_w ||
	    (unsigned)r->y + r->rows > v->grid_h ||
	    (unsigned)r->cols * r->rows != r->ncells)
		return (0);
	if (v->raster == NULL) {
		if ((v->raster = malloc(sizeof(*v->raster))) == NULL)
			return (0);
	} else if (seq < v->raster_seq)
		return (0);
	v->raster->x = r->x;
	v->raster->y = r->y;
	v->raster->cols = r->cols;
	v->raster->rows = r->rows;
	v->raster->t_ms = r->t_ms;
	v->raster->ncells = r->ncells;
	memcpy(v->raster->cells, r->cells, r->ncells * sizeof(r->cells[0]));
	v->raster_seq = seq;
	v->raster_new = 1;
	return (STORE_DIRTY_ZONES);
}

/*
 * A raster was just taken from a message of agent time ts_ms, at local
 * monotonic now_ms: it was current its age ago (ts_ms - t_ms, both the
 * agent's clock and of one moment; a snapshot's raster may be old), on
 * the console's own clock, which no agent clock step moves.
 */
static void
store_raster_heard(struct store_venue *v, uint64_t ts_ms, uint64_t now_ms)
{
	uint64_t	t = v->raster->t_ms, age = ts_ms > t ? ts_ms - t : 0;

	v->raster_new = 0;
	v->raster_heard_ms = now_ms > age ? now_ms - age : 0;
}

/* Take a new layout: keep samples of zones that still exist. */
static unsigned
store_apply_layout(struct store_venue *v, const struct fohp_layout *l)
{
	struct store_zone	*old;
	unsigned		 i, j, nold = v->nzones;

	if ((old = malloc(sizeof(*old) * (nold + 1))) == NULL)
		return (0);
	memcpy(old, v->zones, nold * sizeof(old[0]));
	text_copy(v->name, sizeof(v->name), l->name);
	v->grid_w = l->grid_w;
	v->grid_h = l->grid_h;
	v->nzones = l->nzones;
	for (i = 0; i < l->nzones; i++) {
		struct store_zone	*z = &v->zones[i];

		memset(z, 0, sizeof(*z));
		for (j = 0; j < nold; j++) {
			if (strcmp(old[j].def.id, l->zones[i].id) == 0) {
				*z = old[j];
				break;
			}
		}
		z->def = l->zones[i];
	}
	free(old);
	v->has_layout = 1;
	return (STORE_DIRTY_LAYOUT | STORE_DIRTY_ZONES | STORE_DIRTY_VENUES);
}

/*
 * A snapshot's density history with its step gives a fresh zone its timed
 * counts at once (density x area, the last value at the sample's time), so
 * net flow and time to capacity need not wait for live samples.
 */
static void
store_zone_seed_counts(struct store_zone *z, const struct fohp_zone *zs)
{
	unsigned	i;

	if (z->counts.n != 0 || zs->hist_step_ms == 0 || zs->t_ms == 0 ||
	    z->def.area_m2 <= 0 ||
	    (uint64_t)zs->hist_step_ms * zs->nhist > zs->t_ms)
		return;
	/* All but the newest: the sample itself is added next, exactly. */
	for (i = 0; i + 1 < zs->nhist; i++)
		series_add(&z->counts, zs->t_ms - (uint64_t)zs->hist_step_ms *
		    (zs->nhist - 1 - i), zs->hist[i] * z->def.area_m2);
}

/* Take a zone sample if it is newer than what the zone holds. */
static unsigned
store_apply_zone(struct store_venue *v, const struct fohp_zone *zs,
    uint64_t seq)
{
	struct store_zone	*z;

	if ((z = store_zone_find(v, zs->zone)) == NULL)
		return (0);	/* layout not known yet: the snapshot brings it */
	if (z->has_sample && seq < z->seq)
		return (0);
	if (zs->nhist > 0) {	/* a snapshot's history, for a fresh ring */
		store_ring_import(&z->hist, zs->hist, zs->nhist);
		z->hist.last_ms = zs->t_ms;
		store_zone_seed_counts(z, zs);
	}
	else
		store_ring_sample(&z->hist, zs->density, zs->t_ms);
	if (zs->t_ms != 0)
		series_add_every(&z->counts, zs->t_ms, zs->count,
		    STORE_TREND_STEP_MS);
	z->last = *zs;
	z->last.nhist = 0;
	z->has_sample = 1;
	z->seq = seq;
	return (STORE_DIRTY_ZONES);
}

/* Take a gate sample. */
static unsigned
store_apply_gate(struct store_venue *v, const struct fohp_gate *gs,
    uint64_t seq)
{
	struct store_gate	*g;

	if ((g = store_gate_find(v, gs->gate)) == NULL) {
		if (v->ngates == FOHP_GATES_MAX)
			return (0);
		g = &v->gates[v->ngates++];
		memset(g, 0, sizeof(*g));
	} else if (seq < g->seq)
		return (0);
	if (gs->nhist > 0) {
		store_ring_import(&g->hist, gs->hist, gs->nhist);
		g->hist.last_ms = gs->t_ms;
	}
	else
		store_ring_sample(&g->hist, gs->flow_pmm, gs->t_ms);
	g->last = *gs;
	g->last.nhist = 0;
	g->seq = seq;
	return (STORE_DIRTY_GATES);
}

/* Take an equipment sample. */
static unsigned
store_apply_equip(struct store_venue *v, const struct fohp_equip *e,
    uint64_t seq)
{
	unsigned	i;

	for (i = 0; i < v->nequip; i++) {
		if (strcmp(v->equip[i].device, e->device) == 0)
			break;
	}
	if (i == v->nequip) {
		if (v->nequip == FOHP_DEVICES_MAX)
			return (0);
		v->nequip++;
		memset(&v->equip_hist[i], 0, sizeof(v->equip_hist[i]));
	} else if (seq < v->equip_seq[i])
		return (0);
	if (e->nhist > 0)
		store_ring_import(&v->equip_hist[i], e->hist, e->nhist);
	else if (e->wear_limit > 0)
		store_ring_push(&v->equip_hist[i], e->wear);
	v->equip[i] = *e;
	v->equip[i].nhist = 0;
	v->equip_seq[i] = seq;
	return (STORE_DIRTY_EQUIP);
}

/* Take a drift sample. */
static unsigned
store_apply_drift(struct store_venue *v, const struct fohp_drift *d,
    uint64_t seq)
{
	unsigned	i;

	for (i = 0; i < v->ndrift; i++) {
		if (strcmp(v->drift[i].model, d->model) == 0)
			break;
	}
	if (i == v->ndrift) {
		if (v->ndrift == FOHP_MODELS_MAX)
			return (0);
		v->ndrift++;
		memset(&v->drift_hist[i], 0, sizeof(v->drift_hist[i]));
	} else if (seq < v->drift_seq[i])
		return (0);
	if (d->nhist > 0)
		store_ring_import(&v->drift_hist[i], d->hist, d->nhist);
	else if (d->level != FOHP_DL_PENDING)
		store_ring_push(&v->drift_hist[i], d->score);
	v->drift[i] = *d;
	v->drift[i].nhist = 0;
	v->drift_seq[i] = seq;
	return (STORE_DIRTY_DRIFT);
}

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

/* Take an alert event (stream message, snapshot or answer) as of seq. */
static unsigned
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
static unsigned
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

/* Take hello or heartbeat fields. */
static unsigned
store_apply_hello(struct store_venue *v, const struct fohp_hello *h)
{
	unsigned	flags = 0;

	if (h->hb_ms > 0)
		v->hb_ms = h->hb_ms;
	if (strcmp(v->agent, h->agent) != 0) {
		text_copy(v->agent, sizeof(v->agent), h->agent);
		flags |= STORE_DIRTY_VENUES;
	}
	if (h->name[0] != '\0' && strcmp(v->name, h->name) != 0) {
		text_copy(v->name, sizeof(v->name), h->name);
		flags |= STORE_DIRTY_VENUES;
	}
	return (flags);
}

/* Take a snapshot: every entity it is newer for. */
static unsigned
store_apply_snapshot(struct store *s, struct store_venue *v,
    const struct fohp_snapshot *sn, uint64_t seq)
{
	unsigned	i, flags;

	flags = store_apply_hello(v, &sn->hello);
	flags |= store_apply_layout(v, &sn->layout);
	for (i = 0; i < sn->nzones; i++)
		flags |= store_apply_zone(v, &sn->zones[i], seq);
	for (i = 0; i < sn->ngates; i++)
		flags |= store_apply_gate(v, &sn->gates[i], seq);
	for (i = 0; i < sn->nequip; i++)
		flags |= store_apply_equip(v, &sn->equip[i], seq);
	for (i = 0; i < sn->ndrift; i++)
		flags |= store_apply_drift(v, &sn->drift[i], seq);
	flags |= store_apply_snapshot_alerts(s, v, sn, seq);
	if (sn->has_raster)
		flags |= store_apply_raster(v, &sn->raster, seq);
	v->stats.snapshots++;
	return (flags);
}

/* Forget per-entity sequence numbers: a new agent run starts over. */
static void
store_reset_seqs(struct store_venue *v)
{
	unsigned	i;

	for (i = 0; i < v->nzones; i++)
		v->zones[i].seq = 0;
	for (i = 0; i < v->ngates; i++)
		v->gates[i].seq = 0;
	memset(v->equip_seq, 0, sizeof(v->equip_seq));
	memset(v->drift_seq, 0, sizeof(v->drift_seq));
	for (i = 0; i < v->nalerts; i++)
		v->alert_seq[i] = 0;
	v->raster_seq = 0;
}

/*
 * Sequence check for a message. Returns 0 to apply, -1 to skip; may set
 * want_snapshot.
 */
static int
store_check_seq(struct store_venue *v, const struct fohp_msg *m)
{
	if (m->epoch != v->epoch) {
		if (v->epoch != 0)
			v->stats.restarts++;
		v->epoch = m->epoch;
		v->last_seq = m->seq;
		store_reset_seqs(v);
		if (m->kind != FOHP_SNAPSHOT)
			v->want_snapshot = 1;
		return (0);
	}
	if (m->kind == FOHP_SNAPSHOT) {
		if (m->seq > v->last_seq)
			v->last_seq = m->seq;
		return (0);
	}
	if (m->seq == v->last_seq + 1) {
		v->last_seq = m->seq;
		return (0);
	}
	if (m->seq <= v->last_seq) {
		v->stats.covered++;
		return (-1);
	}
	v->stats.gaps++;
	v->stats.missed += m->seq - v->last_seq - 1;
	v->last_seq = m->seq;
	v->want_snapshot = 1;
	return (0);
}

/* Apply one message to venue v. */
unsigned
store_apply(struct store *s, struct store_venue *v, const struct fohp_msg *m,
    uint64_t now_ms)
{
	unsigned	flags = 0;

	if (v->id[0] == '\0') {
		text_copy(v->id, sizeof(v->id), m->venue);
		if (v->name[0] == '\0')
			text_copy(v->name, sizeof(v->name), m->venue);
		flags |= STORE_DIRTY_VENUES;
	} else if (strcmp(v->id, m->venue) != 0) {
		v->stats.rejects++;
		return (0);
	}
	v->heard_ms = now_ms;
	if (v->link != STORE_LINK_LIVE) {
		v->link = STORE_LINK_LIVE;
		flags |= STORE_DIRTY_VENUES;
	}
	if (store_check_seq(v, m) != 0)
		goto out;
	if (m->ts_ms > v->last_ts_ms)
		v->last_ts_ms = m->ts_ms;
	v->stats.msgs++;
	switch (m->kind) {
	case FOHP_HELLO:
	case FOHP_HEARTBEAT:
		flags |= store_apply_hello(v, &m->u.hello);
		break;
	case FOHP_LAYOUT:
		flags |= store_apply_layout(v, &m->u.layout);
		break;
	case FOHP_ZONE:
		flags |= store_apply_zone(v, &m->u.zone, m->seq);
		break;
	case FOHP_GATE:
		flags |= store_apply_gate(v, &m->u.gate, m->seq);
		break;
	case FOHP_EQUIP:
		flags |= store_apply_equip(v, &m->u.equip, m->seq);
		break;
	case FOHP_DRIFT:
		flags |= store_apply_drift(v, &m->u.drift, m->seq);
		break;
	case FOHP_ALERT:
		flags |= store_apply_alert(s, v, &m->u.alert, m->seq);
		break;
	case FOHP_SNAPSHOT:
		flags |= store_apply_snapshot(s, v, &m->u.snapshot, m->seq);
		break;
	case FOHP_RASTER:
		flags |= store_apply_raster(v, &m->u.raster, m->seq);
		break;
	default:
		v->stats.unknown++;
		break;
	}
	if (v->raster_new)
		store_raster_heard(v, m->ts_ms, now_ms);
out:
	if (v->want_snapshot)
		flags |= STORE_WANT_SNAPSHOT;
	v->dirty |= flags & ~STORE_WANT_SNAPSHOT;
	s->dirty |= flags & ~STORE_WANT_SNAPSHOT;
	return (flags);
}

/* Whether the raster is at most max_ms older than the venue's latest news. */
int
store_raster_fresh(const struct store_venue *v, uint64_t max_ms)
{
	return (v->raster != NULL &&
	    v->raster_heard_ms + max_ms >= v->heard_ms);
}

/* Set a venue's link state. */
void
store_set_link(struct store *s, struct store_venue *v, enum store_link link)
{
	if (v->link == link)
		return;
	v->link = link;
	v->dirty |= STORE_DIRTY_VENUES;
	s->dirty |= STORE_DIRTY_VENUES;
}

/* Mark venues STALE whose heartbeats stopped. */
unsigned
store_tick(struct store *s, uint64_t now_ms)
{
	unsigned	i, flags = 0;

	for (i = 0; i < s->nvenues; i++) {
		struct store_venue	*v = s->venues[i];
		uint64_t		 limit;

		limit = (uint64_t)v->hb_ms * STORE_STALE_BEATS;
		if (v->link == STORE_LINK_LIVE && now_ms - v->heard_ms > limit) {
			store_set_link(s, v, STORE_LINK_STALE);
			flags |= STORE_DIRTY_VENUES;
		}
	}
	return (flags);
}

/* Fill a snapshot with the venue's state. */
void
store_snapshot(const struct store_venue *v, struct fohp_snapshot *out)
{
	unsigned	i;

	memset(&out->hello, 0, sizeof(out->hello));
	text_copy(out->hello.agent, sizeof(out->hello.agent), v->agent);
	text_copy(out->hello.name, sizeof(out->hello.name), v->name);
	out->hello.hb_ms = v->hb_ms;
	memset(&out->layout, 0, sizeof(out->layout));
	text_copy(out->layout.name, sizeof(out->layout.name), v->name);
	out->layout.grid_w = v->grid_w;
	out->layout.grid_h = v->grid_h;
	out->layout.nzones = v->nzones;
	out->nzones = 0;
	for (i = 0; i < v->nzones; i++) {
		struct fohp_zone	*z;

		out->layout.zones[i] = v->zones[i].def;
		if (!v->zones[i].has_sample)
			continue;
		z = &out->zones[out->nzones++];
		*z = v->zones[i].last;
		store_ring_export(&v->zones[i].hist, z->hist, &z->nhist);
		z->hist_step_ms = z->nhist > 1 ? STORE_HIST_STEP_MS : 0;
	}
	out->ngates = v->ngates;
	for (i = 0; i < v->ngates; i++) {
		out->gates[i] = v->gates[i].last;
		store_ring_export(&v->gates[i].hist, out->gates[i].hist,
		    &out->gates[i].nhist);
	}
	out->nequip = v->nequip;
	for (i = 0; i < v->nequip; i++) {
		out->equip[i] = v->equip[i];
		store_ring_export(&v->equip_hist[i], out->equip[i].hist,
		    &out->equip[i].nhist);
	}
	out->has_raster = v->raster != NULL;
	if (v->raster != NULL) {
		out->raster = *v->raster;
	}
	out->ndrift = v->ndrift;
	for (i = 0; i < v->ndrift; i++) {
		out->drift[i] = v->drift[i];
		store_ring_export(&v->drift_hist[i], out->drift[i].hist,
		    &out->drift[i].nhist);
	}
	out->nalerts = 0;	/* the agent's alert table fills them */
	out->nopen = 0;
	out->id = 0;
}

/* Smooth a message's age on arrival into the venue's latency (1/16). */
void
store_note_latency(struct store_venue *v, double ms)
{
	struct store_counters	*c = &v->stats;

	if (!c->has_lat) {
		c->lat_ms = ms;
		c->has_lat = 1;
	} else
		c->lat_ms += (ms - c->lat_ms) / 16.0;
}

/* Count venues by link state. */
void
store_link_counts(const struct store *s, unsigned out[4])
{
	unsigned	i;

	memset(out, 0, 4 * sizeof(out[0]));
	for (i = 0; i < s->nvenues; i++)
		out[s->venues[i]->link]++;
}
