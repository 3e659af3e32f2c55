/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ingest-venue.c: the venue, batch and helpers the ingest tests share
 * (ingest-venue.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ingest-venue.h"

struct vconf		*venue;
struct reading_batch	*batch;

/* Add a zone to the test venue. */
static void
venue_zone(struct vconf *c, const char *id, int x, int y, int w, int h)
{
	struct fohp_zone_def	*z = &c->layout.zones[c->layout.nzones++];

	strcpy(z->id, id);
	strcpy(z->name, id);
	z->x = (uint16_t)x;
	z->y = (uint16_t)y;
	z->w = (uint16_t)w;
	z->h = (uint16_t)h;
	z->area_m2 = 10.0 * w * h;
}

/* Build the test venue. */
int
setup(void **state)
{
	(void)state;
	venue = calloc(1, sizeof(*venue));
	batch = calloc(1, sizeof(*batch));
	if (venue == NULL || batch == NULL)
		return (-1);
	strcpy(venue->id, "arena");
	strcpy(venue->layout.name, "Arena");
	venue->layout.grid_w = 10;
	venue->layout.grid_h = 10;
	venue_zone(venue, "a", 0, 0, 5, 5);
	venue_zone(venue, "b", 5, 0, 5, 5);
	venue_zone(venue, "c", 0, 5, 10, 5);
	venue->ngates = 1;
	strcpy(venue->gates[0].id, "g1");
	venue->gates[0].width_m = 4;
	venue->ndevices = 1;
	strcpy(venue->devices[0].id, "amp1");
	strcpy(venue->devices[0].dkind, "amplifier");
	venue->nmodels = 1;
	strcpy(venue->models[0].id, "m1");
	strcpy(venue->models[0].method, "psi");
	return (0);
}

/* Free the test venue. */
int
teardown(void **state)
{
	(void)state;
	free(venue);
	free(batch);
	return (0);
}

/* Fail with the batch's first error, for good cases that were refused. */
void
expect_clean(const char *name, int rv, const struct reading_batch *b)
{
	if (rv != 0 || b->rejected != 0) {
		fail_msg("%s: rv %d, rejected %u: [%d] %s %s: %s", name, rv,
		    b->rejected, b->nerrs ? b->errs[0].index : 0,
		    b->nerrs ? b->errs[0].code : "", b->nerrs ?
		    b->errs[0].field : "", b->nerrs ? b->errs[0].reason : "");
	}
}

/* Check of a good case's readings. */

/* Append to a growing string buffer. */
void
buf_add(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t	n = strlen(s);

	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*buf = realloc(*buf, *cap);
		assert_non_null(*buf);
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
}
