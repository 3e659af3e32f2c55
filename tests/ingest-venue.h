/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ingest-venue.h: what the ingest tests (test-ingest.c, test-ingest-bad.c,
 * test-ingest-msgpack.c; proto/PROTOCOL.md, section 12) share: the venue
 * built in code, not read from a config: grid 10x10, zones a (0,0,5,5),
 * b (5,0,5,5) and c (0,5,10,5), gate g1, device amp1, model m1; the batch
 * the readings go into, and frames built by macro.
 */
#ifndef FOH_TESTS_INGEST_VENUE_H
#define FOH_TESTS_INGEST_VENUE_H

#include <stddef.h>

#include "agent/ingest.h"

#define NOW	1700000000000ULL

extern struct vconf		*venue;		/* the test venue */
extern struct reading_batch	*batch;		/* readings go here */

#define ZC(z, n)	"{\"kind\":\"zone_count\",\"zone\":\"" z "\",\"count\":" #n "}"
#define ROW5(v)		v "," v "," v "," v "," v
#define ROW10(v, w)	ROW5(v) "," ROW5(w)
#define CELLS25(v)	ROW5(v) "," ROW5(v) "," ROW5(v) "," ROW5(v) "," ROW5(v)
#define RASTER(x, y, c, r, cells) "{\"kind\":\"raster\",\"x\":" #x ",\"y\":" \
	#y ",\"cols\":" #c ",\"rows\":" #r ",\"cells\":[" cells "]}"
#define MODEL(f) "{\"kind\":\"model_sample\",\"model\":\"m1\"," \
	"\"version\":\"1\",\"features\":" f "}"

/* cmocka group setup: build the test venue and the batch. */
int	setup(void **state);

/* cmocka group teardown: free them. */
int	teardown(void **state);

/* Fail with the batch's first error, for good cases that were refused. */
void	expect_clean(const char *name, int rv, const struct reading_batch *b);

/* Append s to a growing string buffer (*buf malloc'd, the caller's). */
void	buf_add(char **buf, size_t *len, size_t *cap, const char *s);

#endif
