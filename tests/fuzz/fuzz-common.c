/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-common.c: the venues and the memfd the fuzz targets share.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "console/demo.h"
#include "fuzz.h"

static struct vconf	*fuzz_venues[8];
static int		 fuzz_fd = -1;

/* Index of a demo venue by name; aborts if there is none. */
static unsigned
fuzz_venue_index(const char *name)
{
	unsigned	i;

	for (i = 0; i < demo_nvenues; i++)
		if (strcmp(demo_venues[i].name, name) == 0)
			return (i);
	fprintf(stderr, "fuzz: no demo venue %s\n", name);
	abort();
}

/* A demo venue, loaded the first time it is asked for. */
const struct vconf *
fuzz_venue(const char *name)
{
	unsigned	i = fuzz_venue_index(name);
	char		err[256];

	if (i >= sizeof(fuzz_venues) / sizeof(fuzz_venues[0]))
		abort();
	if (fuzz_venues[i] != NULL)
		return (fuzz_venues[i]);
	if ((fuzz_venues[i] = calloc(1, sizeof(*fuzz_venues[i]))) == NULL)
		abort();
	if (vconf_load_string(fuzz_venues[i], demo_venues[i].file,
	    demo_venues[i].text, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz: %s\n", err);
		abort();
	}
	return (fuzz_venues[i]);
}

/* A demo venue's scenario. */
const char *
fuzz_scenario_text(const char *name)
{
	return (demo_venues[fuzz_venue_index(name)].scenario_text);
}

/* Write the input into the memfd and name it. */
int
fuzz_file(const uint8_t *data, size_t len, char *path, size_t pathlen)
{
	size_t	off = 0;
	ssize_t	n;

	if (fuzz_fd < 0 && (fuzz_fd = memfd_create("fuzz-input", 0)) < 0)
		return (-1);
	if (ftruncate(fuzz_fd, 0) != 0)
		return (-1);
	while (off < len) {
		if ((n = pwrite(fuzz_fd, data + off, len - off,
		    (off_t)off)) <= 0)
			return (-1);
		off += (size_t)n;
	}
	snprintf(path, pathlen, "/proc/self/fd/%d", fuzz_fd);
	return (0);
}

/* Does err start "name:LINE: "? */
void
fuzz_check_where(const char *err, const char *name)
{
	size_t	n = strlen(name);

	if (memchr(err, '\0', 1024) == NULL || strncmp(err, name, n) != 0 ||
	    err[n] != ':' || err[n + 1] < '1' || err[n + 1] > '9') {
		fprintf(stderr, "fuzz: error without file:line: \"%.200s\"\n",
		    err);
		abort();
	}
}

/* A NUL-terminated copy of the input. */
char *
fuzz_string(const uint8_t *data, size_t len)
{
	char	*s;

	if ((s = malloc(len + 1)) == NULL)
		abort();
	memcpy(s, data, len);
	s[len] = '\0';
	return (s);
}
