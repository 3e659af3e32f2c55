/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * queue.c: the console's alert queue as a model (queue.h says what it is).
 *
 * queue_build takes every alert the options keep (the filter, then the
 * linger), sorts them into the queue's order once, and then finds the
 * groups with a second sort of the same items by (venue, subject, place
 * in the order): the items of a group are then side by side, its first
 * one is its row, and whether that row is an open critical decides the
 * inhibition of the rest. The output walks the order once more and writes
 * each row followed by its group. Both sorts are O(n log n); nothing is
 * kept between calls.
 *
 * An alert with no subject, like an external one, is a group of its own:
 * it is about nothing the others could share.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "queue.h"

/* One alert while the queue is built. */
struct queue_ent {
	const struct store_venue *v;
	const struct fohp_alert	*a;
	unsigned		 venue, index;
	unsigned		 rank;		/* place in the queue's order */
	unsigned		 head;		/* rank of its group's row */
	unsigned		 nfolded;	/* a row: its others */
	unsigned		 first;		/* a row: where its group starts
						   in the group sort */
	int			 alone;		/* a group of its own */
	uint64_t		 inhibited_by;
	/* The order's keys, as queue_cmp takes them, computed once. */
	int			 resolved, sev, unattended;
	enum fohp_stake		 stake;
};

/* What an alert puts at stake (queue.h). */
enum fohp_stake
queue_stake(const struct store_venue *v, const struct fohp_alert *a)
{
	unsigned	i;

	if (a->stake > FOHP_STAKE_NONE && a->stake < FOHP_STAKE_COUNT)
		return (a->stake);
	switch (a->rkind) {
	case FOHP_RK_DRIFT:
		return (FOHP_STAKE_MODEL);
	case FOHP_RK_STATUS:
	case FOHP_RK_RUL:
		return (FOHP_STAKE_EQUIPMENT);
	case FOHP_RK_EXTERNAL:
		return (FOHP_STAKE_SAFETY);
	default:
		break;
	}
	if (v != NULL && a->subject[0] != '\0') {
		for (i = 0; i < v->nzones && i < FOHP_ZONES_MAX; i++) {
			if (strcmp(v->zones[i].def.id, a->subject) == 0)
				return (FOHP_STAKE_SAFETY);
		}
		for (i = 0; i < v->ngates && i < FOHP_GATES_MAX; i++) {
			if (strcmp(v->gates[i].last.gate, a->subject) == 0)
				return (FOHP_STAKE_SAFETY);
		}
		for (i = 0; i < v->nequip && i < FOHP_DEVICES_MAX; i++) {
			if (strcmp(v->equip[i].device, a->subject) == 0)
				return (FOHP_STAKE_EQUIPMENT);
		}
		for (i = 0; i < v->ndrift && i < FOHP_MODELS_MAX; i++) {
			if (strcmp(v->drift[i].model, a->subject) == 0)
				return (FOHP_STAKE_MODEL);
		}
	}
	/* A subject the console does not know yet: rank it with the
	 * people rather than risk putting a crowd below a device. */
	return (FOHP_STAKE_SAFETY);
}

/* An alert's severity as a number to sort by, higher first. */
static int
queue_sev(const struct fohp_alert *a)
{
	return ((unsigned)a->severity < FOHP_SEV_COUNT ? (int)a->severity :
	    (int)FOHP_SEV_INFO);
}

/* Compare two alerts in the queue's order (queue.h). */
int
queue_cmp(const struct store_venue *va, const struct fohp_alert *a,
    const struct store_venue *vb, const struct fohp_alert *b)
{
	int		ra = a->state == FOHP_AS_RESOLVED;
	int		rb = b->state == FOHP_AS_RESOLVED;
	int		ua, ub;
	enum fohp_stake	sa, sb;

	if (ra != rb)
		return (ra < rb ? -1 : 1);
	if (queue_sev(a) != queue_sev(b))
		return (queue_sev(a) > queue_sev(b) ? -1 : 1);
	sa = queue_stake(va, a);
	sb = queue_stake(vb, b);
	if (sa != sb)
		return (sa < sb ? -1 : 1);
	ua = store_alert_unattended(a);
	ub = store_alert_unattended(b);
	if (ua != ub)
		return (ua > ub ? -1 : 1);
	if (a->since_ms != b->since_ms)
		return (a->since_ms < b->since_ms ? -1 : 1);
	return (0);
}

/*
 * qsort: the queue's order (queue_cmp's, from the keys kept), then venue
 * and id, so that it is total.
 */
static int
queue_cmp_ent(const void *pa, const void *pb)
{
	const struct queue_ent	*a = pa, *b = pb;

	if (a->resolved != b->resolved)
		return (a->resolved < b->resolved ? -1 : 1);
	if (a->sev != b->sev)
		return (a->sev > b->sev ? -1 : 1);
	if (a->stake != b->stake)
		return (a->stake < b->stake ? -1 : 1);
	if (a->unattended != b->unattended)
		return (a->unattended > b->unattended ? -1 : 1);
	if (a->a->since_ms != b->a->since_ms)
		return (a->a->since_ms < b->a->since_ms ? -1 : 1);
	if (a->venue != b->venue)
		return (a->venue < b->venue ? -1 : 1);
	if (a->a->id != b->a->id)
		return (a->a->id < b->a->id ? -1 : 1);
	return (a->index < b->index ? -1 : a->index > b->index);
}

/* qsort of entry pointers: by group (venue, subject), then by rank. */
static int
queue_cmp_group(const void *pa, const void *pb)
{
	const struct queue_ent	*a = *(const struct queue_ent *const *)pa;
	const struct queue_ent	*b = *(const struct queue_ent *const *)pb;
	int			 c;

	if (a->alone != b->alone)
		return (a->alone < b->alone ? -1 : 1);
	if (!a->alone) {
		if (a->venue != b->venue)
			return (a->venue < b->venue ? -1 : 1);
		if ((c = strcmp(a->a->subject, b->a->subject)) != 0)
			return (c);
	}
	return (a->rank < b->rank ? -1 : a->rank > b->rank);
}

/* Whether two entries are of one group (both in it, not alone). */
static int
queue_same_group(const struct queue_ent *a, const struct queue_ent *b)
{
	return (!a->alone && !b->alone && a->venue == b->venue &&
	    strcmp(a->a->subject, b->a->subject) == 0);
}

/*
 * Find the groups: each entry's head (the rank of its row), each row's
 * count of folded ones, and what the rows inhibit. by (n entries, the
 * caller's) is left sorted by group, each group in order.
 */
static void
queue_group(struct queue_ent *e, struct queue_ent **by, unsigned n)
{
	unsigned		 i, j, k;
	const struct fohp_alert	*h;

	for (i = 0; i < n; i++)
		by[i] = &e[i];
	qsort(by, n, sizeof(*by), queue_cmp_group);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && queue_same_group(by[i], by[j]); j++)
			;
		/*
		 * by[i] is the group's first in order: its row. Being first,
		 * it is the first open critical of the group if there is one:
		 * resolved ones sort last, and severity before the rest.
		 */
		by[i]->nfolded = j - i - 1;
		by[i]->first = i;
		h = by[i]->a;
		for (k = i; k < j; k++) {
			by[k]->head = by[i]->rank;
			if (k > i && h->severity == FOHP_SEV_CRITICAL &&
			    h->state != FOHP_AS_RESOLVED &&
			    by[k]->a->state != FOHP_AS_RESOLVED &&
			    by[k]->a->severity != FOHP_SEV_CRITICAL)
				by[k]->inhibited_by = h->id;
		}
	}
}

/* The open critical inhibiting a, first in order; 0 if none (queue.h). */
uint64_t
queue_inhibitor(const struct store_venue *v, const struct fohp_alert *a)
{
	const struct fohp_alert	*c, *best = NULL;
	unsigned		 i;

	if (a->severity == FOHP_SEV_CRITICAL || a->state == FOHP_AS_RESOLVED ||
	    a->rkind == FOHP_RK_EXTERNAL || a->subject[0] == '\0')
		return (0);
	for (i = 0; i < v->nalerts; i++) {
		c = &v->alerts[i];
		if (c->severity != FOHP_SEV_CRITICAL ||
		    c->state == FOHP_AS_RESOLVED ||
		    c->rkind == FOHP_RK_EXTERNAL ||
		    strcmp(c->subject, a->subject) != 0)
			continue;
		if (best == NULL || queue_cmp(v, c, v, best) < 0 ||
		    (queue_cmp(v, c, v, best) == 0 && c->id < best->id))
			best = c;
	}
	return (best != NULL ? best->id : 0);
}

/* Write one entry as a queue item at out[o] (if o < max). */
static void
queue_put(const struct queue_ent *e, unsigned o, unsigned head,
    struct queue_item *out, unsigned max)
{
	if (o >= max)
		return;
	out[o].venue = e->venue;
	out[o].index = e->index;
	out[o].head = head;
	out[o].nfolded = e->head == e->rank ? e->nfolded : 0;
	out[o].folded = e->head != e->rank;
	out[o].inhibited_by = e->inhibited_by;
}

/* Build the queue at now_ms (queue.h). */
unsigned
queue_build(const struct store *s, const struct queue_opts *o,
    uint64_t now_ms, struct queue_item *out, unsigned max)
{
	struct queue_ent	*e, **by = NULL;
	unsigned		 vi, ai, n = 0, cap = 0, i, k, w, row;
	uint64_t		 age;

	for (vi = 0; vi < s->nvenues; vi++)
		cap += s->venues[vi]->nalerts;
	if (cap == 0)
		return (0);
	if ((e = calloc(cap, sizeof(*e))) == NULL)
		return (0);
	for (vi = 0; vi < s->nvenues; vi++) {
		const struct store_venue	*v = s->venues[vi];

		for (ai = 0; ai < v->nalerts; ai++) {
			const struct fohp_alert	*a = &v->alerts[ai];

			if (o->match != NULL && !o->match(o->arg, v, a))
				continue;
			if (a->state == FOHP_AS_RESOLVED &&
			    o->linger_ms != QUEUE_LINGER_FOREVER &&
			    (age = store_alert_resolved_age(v, ai, now_ms)) !=
			    0 && age >= o->linger_ms)
				continue;
			e[n].v = v;
			e[n].a = a;
			e[n].venue = vi;
			e[n].index = ai;
			e[n].alone = !o->group ||
			    a->rkind == FOHP_RK_EXTERNAL ||
			    a->subject[0] == '\0';
			e[n].resolved = a->state == FOHP_AS_RESOLVED;
			e[n].sev = queue_sev(a);
			e[n].stake = queue_stake(v, a);
			e[n].unattended = store_alert_unattended(a);
			n++;
		}
	}
	if (n > 1)
		qsort(e, n, sizeof(*e), queue_cmp_ent);
	for (i = 0; i < n; i++) {
		e[i].rank = i;
		e[i].head = i;
	}
	if (o->group && n > 1) {
		if ((by = malloc(n * sizeof(*by))) == NULL) {
			free(e);
			return (0);
		}
		queue_group(e, by, n);
	}
	/* Each row, then its group's others in order. */
	for (i = 0, w = 0; i < n; i++) {
		if (e[i].head != i)
			continue;
		row = w;
		queue_put(&e[i], w++, row, out, max);
		for (k = 1; k <= e[i].nfolded; k++)
			queue_put(by[e[i].first + k], w++, row, out, max);
	}
	free(by);
	free(e);
	return (n);
}
