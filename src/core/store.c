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
 * them (op "alerts") and store_take_alerts applies the answer
 * (store-alerts.c).
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "band.h"
#include "store-priv.h"
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
	free(s->changes);
	for (i = 0; i < s->nvenues; i++) {
		free(s->venues[i]->raster);
		free(s->venues[i]->summary);	/* issue 15 */
		free(s->venues[i]->alerts);
		free(s->venues[i]->alert_seq);
		free(s->venues[i]->alert_resolved_seen);
		free(s->venues[i]->missing);
		free(s->venues[i]->zones);
		free(s->venues[i]->gates);
		free(s->venues[i]->equip);
		free(s->venues[i]->equip_seq);
		free(s->venues[i]->equip_hist);
		free(s->venues[i]->drift);
		free(s->venues[i]->drift_seq);
		free(s->venues[i]->drift_hist);
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

/*
 * Grow the array *p of elements of size from *cap to hold need: double
 * (from 4), at most max. The new elements are zeroed. 0, or -1 when need
 * is over max or out of memory (then *p and *cap are as they were).
 */
static int
store_grow(void **p, size_t size, uint16_t *cap, unsigned need,
    unsigned max)
{
	unsigned	 n = *cap > 0 ? *cap : 4;
	void		*np;

	if (need <= *cap)
		return (0);
	if (need > max)
		return (-1);
	while (n < need)
		n *= 2;
	if (n > max)
		n = max;
	if ((np = realloc(*p, n * size)) == NULL)
		return (-1);
	memset((char *)np + (size_t)*cap * size, 0, (size_t)(n - *cap) * size);
	*p = np;
	*cap = (uint16_t)n;
	return (0);
}

/*
 * Room for need devices (models with drift set) in v's three parallel
 * arrays, which share one capacity; 0 or -1.
 */
static int
store_grow_three(void **a, size_t sa, void **b, size_t sb, void **c,
    size_t sc, uint16_t *cap, unsigned need, unsigned max)
{
	uint16_t	ca = *cap, cb = *cap, cc = *cap;

	if (store_grow(a, sa, &ca, need, max) != 0 ||
	    store_grow(b, sb, &cb, need, max) != 0 ||
	    store_grow(c, sc, &cc, need, max) != 0)
		return (-1);	/* those grown stay grown: harmless */
	*cap = ca;
	return (0);
}

/* Take a new layout: keep samples of zones that still exist. */
static unsigned
store_apply_layout(struct store_venue *v, const struct fohp_layout *l)
{
	struct store_zone	*old;
	unsigned		 i, j, nold = v->nzones;

	/* Exactly the layout's zones: a layout seldom grows. */
	if (store_grow((void **)&v->zones, sizeof(*v->zones), &v->zones_cap,
	    l->nzones, l->nzones) != 0)
		return (0);
	if ((old = malloc(sizeof(*old) * (nold + 1))) == NULL)
		return (0);
	if (nold > 0)	/* else zones may be NULL: none yet */
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
		if (store_grow((void **)&v->gates, sizeof(*v->gates),
		    &v->gates_cap, v->ngates + 1u, FOHP_GATES_MAX) != 0)
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
		if (store_grow_three((void **)&v->equip, sizeof(*v->equip),
		    (void **)&v->equip_seq, sizeof(*v->equip_seq),
		    (void **)&v->equip_hist, sizeof(*v->equip_hist),
		    &v->equip_cap, v->nequip + 1u, FOHP_DEVICES_MAX) != 0)
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
		if (store_grow_three((void **)&v->drift, sizeof(*v->drift),
		    (void **)&v->drift_seq, sizeof(*v->drift_seq),
		    (void **)&v->drift_hist, sizeof(*v->drift_hist),
		    &v->drift_cap, v->ndrift + 1u, FOHP_MODELS_MAX) != 0)
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
	for (i = 0; i < v->nequip; i++)
		v->equip_seq[i] = 0;
	for (i = 0; i < v->ndrift; i++)
		v->drift_seq[i] = 0;
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
	if (v->drill != (m->drill != 0)) {	/* the newest message says */
		v->drill = m->drill != 0;
		flags |= STORE_DIRTY_VENUES;
	}
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
