/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * clock.c: monotonic and wall clocks, and the frozen clock.
 *
 * foh --demo --freeze plays the demo up to a moment and then holds time
 * still, so that every screen is the same on every run (golden-screen
 * tests, screenshots). clock_freeze switches clock_mono_ms and clock_wall_ms
 * over to two counters that only clock_advance moves; both are set before
 * any thread starts and moved only by the thread that plays the demo up to
 * its moment, before the console starts, so they need no lock.
 * clock_pace_ms always reads the real monotonic clock: it paces frames and
 * poll timeouts, which must go on when time stands still.
 */
#include "config.h"

#include <time.h>

#include "clock.h"

static int	 clock_frozen;
static uint64_t	 clock_frozen_mono;
static uint64_t	 clock_frozen_wall;

/* Read one clock in nanoseconds. */
static uint64_t
clock_read_ns(clockid_t id)
{
	struct timespec	ts;

	clock_gettime(id, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
}

/* Monotonic milliseconds (frozen if clock_freeze was called). */
uint64_t
clock_mono_ms(void)
{
	if (clock_frozen)
		return (clock_frozen_mono);
	return (clock_read_ns(CLOCK_MONOTONIC) / 1000000ULL);
}

/* Monotonic nanoseconds, never frozen. */
uint64_t
clock_mono_ns(void)
{
	return (clock_read_ns(CLOCK_MONOTONIC));
}

/* Real monotonic milliseconds, never frozen: for pacing. */
uint64_t
clock_pace_ms(void)
{
	return (clock_read_ns(CLOCK_MONOTONIC) / 1000000ULL);
}

/* A condition wait's deadline: clock id's now plus ms. */
void
clock_deadline(struct timespec *ts, clockid_t id, uint64_t ms)
{
	clock_gettime(id, ts);
	ts->tv_sec += (time_t)(ms / 1000);
	ts->tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

/* Wall-clock Unix milliseconds (frozen if clock_freeze was called). */
uint64_t
clock_wall_ms(void)
{
	if (clock_frozen)
		return (clock_frozen_wall);
	return (clock_read_ns(CLOCK_REALTIME) / 1000000ULL);
}

/* Stop both clocks; the wall clock reads wall_ms from now on. */
void
clock_freeze(uint64_t wall_ms)
{
	clock_frozen_wall = wall_ms;
	clock_frozen_mono = CLOCK_FROZEN_MONO_MS;
	clock_frozen = 1;
}

/* Move both frozen clocks on by ms. */
void
clock_advance(uint64_t ms)
{
	clock_frozen_mono += ms;
	clock_frozen_wall += ms;
}

/* Set the frozen wall clock alone, back or on (a clock stepped by NTP). */
void
clock_set_wall(uint64_t wall_ms)
{
	clock_frozen_wall = wall_ms;
}
