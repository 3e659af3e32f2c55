/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-ingest-common.c: what the two ingest targets (fuzz-ingest-json.c,
 * fuzz-ingest-msgpack.c) share: their batch, and the check that it stays
 * within its limits and that the answer fohd would send for it is valid
 * JSON (refusals quote the producer's own strings back to it). Linked
 * only into targets that link the ingest module.
 */
#include "config.h"

#include <stdlib.h>

#include <jansson.h>

#include "fuzz.h"
#include "agent/ingest.h"

static struct reading_batch	*fuzz_batch;
static char			 fuzz_reply[256 * 1024];

/* The targets' batch, allocated once and kept. */
struct reading_batch *
fuzz_ingest_batch(void)
{
	if (fuzz_batch == NULL && (fuzz_batch = malloc(sizeof(*fuzz_batch))) ==
	    NULL)
		abort();
	return (fuzz_batch);
}

/* Check the batch and the answer written for it; abort if either is bad. */
void
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
