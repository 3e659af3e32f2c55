/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * bench-history.h: history at the edge's cost (bench-history.c), run by
 * bench-ingest -H CONF.
 */
#ifndef FOH_BENCH_HISTORY_H
#define FOH_BENCH_HISTORY_H

/*
 * fohd's readings/s in process with history off and on, in turns of secs
 * seconds, and the journal's growth per venue-hour, for the venue in
 * conf_path; printed on stdout. 0, or -1 (said on stderr).
 */
int	bench_history_run(const char *conf_path, double secs);

#endif
