/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-ingest-json.c: libFuzzer target for the WebSocket JSON ingest
 * (ingest_json in src/agent/ingest-json.c), on the arena venue.
 *
 * Besides the sanitizers it checks that the batch stays within its limits
 * and that the answer fohd would send for it is valid JSON
 * (fuzz_ingest_check, fuzz-ingest-common.c).
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "agent/ingest.h"

/* One frame. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct vconf	*venue = fuzz_venue("arena");
	struct reading_batch	*batch = fuzz_ingest_batch();

	ingest_json(venue, (const char *)data, len, 1700000000000ULL,
	    batch);
	fuzz_ingest_check(batch);
	return (0);
}
