/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-ingest-msgpack.c: libFuzzer target for the nng PULL msgpack ingest
 * (ingest_msgpack in src/agent/ingest-msgpack.c), on the arena venue.
 *
 * Besides the sanitizers it checks that the batch stays within its limits
 * and that the answer fohd would send for it is valid JSON
 * (fuzz_ingest_check, fuzz-ingest-common.c).
 */
#include "config.h"

#include <stdlib.h>

#include "fuzz.h"
#include "agent/ingest.h"

static msgpack_zone		 fuzz_zone;
static int			 fuzz_zone_ready;

/* One message. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct vconf	*venue = fuzz_venue("arena");
	struct reading_batch	*batch = fuzz_ingest_batch();

	if (!fuzz_zone_ready) {
		if (!msgpack_zone_init(&fuzz_zone, 16 * 1024))
			abort();
		fuzz_zone_ready = 1;
	}
	ingest_msgpack(venue, data, len, &fuzz_zone, 1700000000000ULL,
	    batch);
	fuzz_ingest_check(batch);
	return (0);
}
