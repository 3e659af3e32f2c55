/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * bell.c: ring once per new unattended alert; see bell.h.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bell.h"
#include "queue.h"

/* Start with nothing seen. */
void
bell_init(struct bell *b, enum bell_mode mode)
{
	memset(b, 0, sizeof(*b));
	b->mode = mode;
}

/* Free what b holds. */
void
bell_fini(struct bell *b)
{
	unsigned	i;

	for (i = 0; i < STORE_VENUES_MAX; i++)
		free(b->v[i].seen);
	memset(b->v, 0, sizeof(b->v));
}

/* qsort and bsearch: by id. */
static int
bell_cmp(const void *a, const void *b)
{
	uint64_t	x = ((const struct bell_seen *)a)->id;
	uint64_t	y = ((const struct bell_seen *)b)->id;

	return (x < y ? -1 : x > y);
}

/*
 * How loud a would ring now: BELL_RUNG_*, NONE if it should not. Only
 * louder than rung matters, so a warning already rung is not looked up
 * again (queue_inhibitor reads the venue's alerts).
 */
static uint8_t
bell_level(const struct bell *b, const struct store_venue *v,
    const struct fohp_alert *a, uint8_t rung)
{
	if (b->mode == BELL_NO || !store_alert_unattended(a))
		return (BELL_RUNG_NONE);
	if (a->severity == FOHP_SEV_CRITICAL)
		return (BELL_RUNG_CRITICAL);
	if (b->mode == BELL_ALL && rung < BELL_RUNG_OTHER &&
	    queue_inhibitor(v, a) == 0)
		return (BELL_RUNG_OTHER);
	return (BELL_RUNG_NONE);
}

/* Scan one venue's alerts into bv; returns how many need the bell. */
static unsigned
bell_scan_venue(struct bell *b, struct bell_venue *bv,
    const struct store_venue *v)
{
	struct bell_seen	*seen, key, *old;
	unsigned		 i, ring = 0;
	uint8_t			 level;

	if (bv->epoch != v->epoch) {
		bv->n = 0;	/* a new agent: its ids start again */
		bv->epoch = v->epoch;
	}
	if (v->nalerts > bv->cap) {
		if ((seen = realloc(bv->seen, v->nalerts *
		    sizeof(*seen))) == NULL)
			return (0);	/* keep the old: no ring twice */
		bv->seen = seen;
		bv->cap = v->nalerts;
	}
	if (v->nalerts == 0) {
		bv->n = 0;
		return (0);
	}
	if ((seen = malloc(v->nalerts * sizeof(*seen))) == NULL)
		return (0);
	for (i = 0; i < v->nalerts; i++) {
		const struct fohp_alert	*a = &v->alerts[i];

		key.id = a->id;
		old = bv->n > 0 ? bsearch(&key, bv->seen, bv->n,
		    sizeof(key), bell_cmp) : NULL;
		seen[i].id = a->id;
		seen[i].rung = old != NULL ? old->rung : BELL_RUNG_NONE;
		if (a->state == FOHP_AS_ACKED)
			seen[i].rung = BELL_RUNG_NONE;	/* taken on: ring
							   if it ends */
		level = bell_level(b, v, a, seen[i].rung);
		if (level > seen[i].rung) {
			seen[i].rung = level;
			ring++;
		}
	}
	qsort(seen, v->nalerts, sizeof(*seen), bell_cmp);
	memcpy(bv->seen, seen, v->nalerts * sizeof(*seen));
	bv->n = v->nalerts;
	free(seen);
	return (ring);
}

/* Look at every alert s holds; how many need the bell now. */
unsigned
bell_scan(struct bell *b, const struct store *s)
{
	unsigned	i, ring = 0;

	if (b->mode == BELL_NO)
		return (0);
	for (i = 0; i < s->nvenues && i < STORE_VENUES_MAX; i++)
		ring += bell_scan_venue(b, &b->v[i], s->venues[i]);
	if (ring > 0)
		b->rings++;
	return (ring);
}
