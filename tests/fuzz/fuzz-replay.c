/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-replay.c: libFuzzer target for replay files (fohd --replay FILE,
 * src/agent/replay.c), fed to the arena venue. replay_open reads a path, so the
 * input goes through a memfd; every line is fed, the clock jumping to each
 * line's due time, and the number of calls is bounded by the input's lines.
 *
 * replay_feed warns on stderr for each bad line, so the target asks
 * libFuzzer to close stderr (-close_fd_mask=2; libFuzzer and the
 * sanitizers still report on a copy of it).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "agent/replay.h"

int	LLVMFuzzerInitialize(int *, char ***);

/* Add -close_fd_mask=2 to libFuzzer's arguments. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static char	*args[256];
	static char	 quiet[] = "-close_fd_mask=2";
	int		 i;

	if (*argc + 2 > (int)(sizeof(args) / sizeof(args[0])) ||
	    getenv("FUZZ_REPLAY_VERBOSE") != NULL)
		return (0);
	args[0] = (*argv)[0];
	args[1] = quiet;
	for (i = 1; i < *argc; i++)
		args[i + 1] = (*argv)[i];
	args[*argc + 1] = NULL;
	*argc += 1;
	*argv = args;
	return (0);
}

/* One replay file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static struct reading_batch	*batch;
	const struct vconf		*venue = fuzz_venue("arena");
	struct replay			*r;
	char				 path[64], err[512];
	uint64_t			 mono = 1000, wall = 1718000000000ULL,
					 wait;
	size_t				 i, calls = 2;

	if (batch == NULL && (batch = malloc(sizeof(*batch))) == NULL)
		abort();
	for (i = 0; i < len; i++)
		calls += data[i] == '\n';
	if (fuzz_file(data, len, path, sizeof(path)) != 0)
		abort();
	if ((r = replay_open(path, 1.0, err, sizeof(err))) == NULL)
		return (0);
	while (calls-- > 0) {
		if (replay_feed(r, venue, mono, wall, batch, &wait) != 1)
			break;
		mono += wait;
		wall += wait;
		if (batch->n > READING_BATCH_MAX || batch->nerrs >
		    READING_ERRS_MAX)
			abort();
	}
	(void)replay_summary(r);
	replay_close(r);
	return (0);
}
