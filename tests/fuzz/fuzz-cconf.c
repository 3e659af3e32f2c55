/*
 * fuzz-cconf.c: libFuzzer target for the console config parser (foh.conf,
 * cconf_load in src/cconf.c). cconf_load reads a path, so the input goes
 * through a memfd. An error must name file:line.
 *
 * Known, reported to the config part of issue 9: "[venue X] has no stream
 * URL" names the file but no line (cconf_load checks it after parsing and
 * does not keep the section's line). It is let through by its exact words
 * so that every other error is still held to file:line; remove the
 * exception when cconf.c says the line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cconf.h"
#include "fuzz.h"

/* One config file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct cconf	c;
	char		path[64], err[512];

	if (fuzz_file(data, len, path, sizeof(path)) != 0)
		abort();
	cconf_defaults(&c);
	err[0] = '\0';
	if (cconf_load(&c, path, err, sizeof(err)) != 0) {
		if (strncmp(err, path, strlen(path)) == 0 &&
		    strncmp(err + strlen(path), ": [venue ", 9) == 0 &&
		    strstr(err, "] has no stream URL") != NULL)
			return (0);	/* known: no line (see above) */
		fuzz_check_where(err, path);
	}
	else if (c.nvenues > CCONF_VENUES_MAX || c.fps == 0)
		abort();
	return (0);
}
