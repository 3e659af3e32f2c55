/*
 * clock.c: monotonic and wall clocks.
 */
#include "config.h"

#include <time.h>

#include "clock.h"

/* Read one clock in nanoseconds. */
static uint64_t
clock_read_ns(clockid_t id)
{
	struct timespec	ts;

	clock_gettime(id, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
}

/* Monotonic milliseconds. */
uint64_t
clock_mono_ms(void)
{
	return (clock_read_ns(CLOCK_MONOTONIC) / 1000000ULL);
}

/* Monotonic nanoseconds. */
uint64_t
clock_mono_ns(void)
{
	return (clock_read_ns(CLOCK_MONOTONIC));
}

/* Wall-clock Unix milliseconds. */
uint64_t
clock_wall_ms(void)
{
	return (clock_read_ns(CLOCK_REALTIME) / 1000000ULL);
}
