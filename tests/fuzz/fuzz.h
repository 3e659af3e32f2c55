/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz.h: what the libFuzzer targets in tests/fuzz/ share.
 *
 * The venues come from the sample configs compiled in for foh --demo
 * (demo-venues.c, made from conf/ and scenarios/ at build time), so a
 * target needs no file at run time. Parsers that only read a path get the
 * input through a memfd and its /proc/self/fd/N name: nothing touches the
 * disk and nothing is left behind.
 */
#ifndef FOH_FUZZ_H
#define FOH_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/reading.h"
#include "core/vconf.h"

/* libFuzzer's entry point, defined by each target. */
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The demo venue called name, loaded once and kept (the caller must not
 * free it); aborts if it does not load, which would be a bug of its own.
 */
const struct vconf	*fuzz_venue(const char *name);

/* The demo venue's scenario text, or NULL. */
const char		*fuzz_scenario_text(const char *name);

/*
 * Put data into a memfd (one per process, rewritten per input) and write
 * its path into path. Returns 0, or -1 if the memfd cannot be made.
 */
int			 fuzz_file(const uint8_t *data, size_t len, char *path,
			    size_t pathlen);

/*
 * Abort unless err names the file and a line: "NAME:LINE: what". Every
 * config error must say where it is (HELPERS.md, "Bad input").
 */
void			 fuzz_check_where(const char *err, const char *name);

/* data as a NUL-terminated string (the caller frees it). */
char			*fuzz_string(const uint8_t *data, size_t len);

/* fuzz-ingest-common.c, for the ingest targets: their batch, kept. */
struct reading_batch	*fuzz_ingest_batch(void);

/* Abort unless the batch is within its limits and its answer is JSON. */
void			 fuzz_ingest_check(const struct reading_batch *);

#endif
