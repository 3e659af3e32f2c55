/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * clock.h: the clocks foh uses. Monotonic milliseconds for timers,
 * staleness and rates; wall-clock Unix milliseconds for what goes on the
 * wire; both can be frozen for reproducible screens (clock.c).
 */
#ifndef FOH_CLOCK_H
#define FOH_CLOCK_H

#include <stdint.h>
#include <time.h>

/* Where the frozen monotonic clock starts (any value well above 0). */
#define CLOCK_FROZEN_MONO_MS	1000000ULL

/* Monotonic milliseconds since an arbitrary start. */
uint64_t	clock_mono_ms(void);

/* Monotonic nanoseconds, for benchmarks and frame times; never frozen. */
uint64_t	clock_mono_ns(void);

/* Real monotonic milliseconds for frame pacing; never frozen. */
uint64_t	clock_pace_ms(void);

/*
 * *ts = clock id's time now plus ms (never frozen): the deadline of a
 * pthread_cond_timedwait on a condition of that clock.
 */
void		clock_deadline(struct timespec *ts, clockid_t id, uint64_t ms);

/* Wall-clock milliseconds since the Unix epoch. */
uint64_t	clock_wall_ms(void);

/* Freeze both clocks, the wall clock at wall_ms; call before threads. */
void		clock_freeze(uint64_t wall_ms);

/* Move the frozen clocks on by ms (one thread only). */
void		clock_advance(uint64_t ms);

/* Set the frozen wall clock to wall_ms, the monotonic one unmoved (tests:
 * a wall clock set back). */
void		clock_set_wall(uint64_t wall_ms);

#endif
