/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * replay.h: fohd --replay FILE: readings from a file of JSON lines, fed as
 * if they were arriving now, paced by their "t" (optionally faster).
 *
 * Each line holds one reading or an array of them, in the ingest shapes
 * (proto/PROTOCOL.md). A line's time is the smallest "t" in it; the first
 * line is fed at once and each later line (t - t_first) / speed later. Lines
 * without "t" follow the line before at once. The readings are applied with
 * the time they are fed, so a drill looks live. Bad lines are reported with
 * FILE:LINE and counted; the replay goes on.
 */
#ifndef FOH_REPLAY_H
#define FOH_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "core/reading.h"
#include "core/vconf.h"

struct replay;

/* Open a replay file. NULL and err on failure. */
struct replay	*replay_open(const char *path, double speed, char *err,
		    size_t errlen);

/*
 * Parse the next line if it is due at now_mono into out (now_wall stamps
 * the readings). Returns 1 if more lines follow (the next is due in
 * *wait_ms), 0 at the end of the file, -1 on a read error.
 */
int		 replay_feed(struct replay *, const struct vconf *,
		    uint64_t now_mono, uint64_t now_wall,
		    struct reading_batch *out, uint64_t *wait_ms);

/* "N lines, M readings, K refused", for the log. */
const char	*replay_summary(struct replay *);

/* Close the file and free. NULL is fine. */
void		 replay_close(struct replay *);

#endif
