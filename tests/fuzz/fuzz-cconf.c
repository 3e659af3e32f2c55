/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-cconf.c: libFuzzer target for the console config parser (foh.conf,
 * cconf_load_string in src/console/cconf.c). An error must name file:line: the
 * regression input venue-without-stream.conf once gave none.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "console/cconf.h"
#include "fuzz.h"

/* One config file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct cconf	c;
	char		*text, err[512];

	text = fuzz_string(data, len);
	cconf_defaults(&c);
	err[0] = '\0';
	if (cconf_load_string(&c, "fuzz.conf", text, err, sizeof(err)) != 0)
		fuzz_check_where(err, "fuzz.conf");
	else if (c.nvenues > CCONF_VENUES_MAX || c.fps == 0)
		abort();
	free(text);
	return (0);
}
