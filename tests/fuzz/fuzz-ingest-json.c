/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-ingest-json.c: libFuzzer target for the WebSocket JSON ingest
 * (ingest_json in src/agent/ingest.c), on the arena venue.
 *
 * Besides the sanitizers it checks that the batch stays within its limits
 * and that the answer fohd would send for it is valid JSON: refusals quote
 * the producer's own strings back to it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz.h"
#include "agent/ingest.h"

static struct reading_batch	*fuzz_batch;
static char			 fuzz_reply[256 * 1024];

/* Check the batch and the answer written for it. */
static void
fuzz_ingest_check(const struct reading_batch *b)
{
	json_t	*v;
	size_t	 n;

	if (b->n > READING_BATCH_MAX || b->nerrs > READING_ERRS_MAX ||
	    b->npool > READING_POOL_MAX)
		abort();
	if ((n = ingest_reply(b, fuzz_reply, sizeof(fuzz_reply))) == 0)
		abort();
	if ((v = json_loadb(fuzz_reply, n, 0, NULL)) == NULL)
		abort();
	json_decref(v);
}

/* One frame. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct vconf	*venue = fuzz_venue("arena");

	if (fuzz_batch == NULL && (fuzz_batch = malloc(sizeof(*fuzz_batch))) ==
	    NULL)
		abort();
	ingest_json(venue, (const char *)data, len, 1700000000000ULL,
	    fuzz_batch);
	fuzz_ingest_check(fuzz_batch);
	return (0);
}
