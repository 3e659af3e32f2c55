/*
 * clock.h: the two clocks foh uses. Monotonic milliseconds for timers,
 * staleness and rates; wall-clock Unix milliseconds for what goes on the wire.
 */
#ifndef FOH_CLOCK_H
#define FOH_CLOCK_H

#include <stdint.h>

/* Monotonic milliseconds since an arbitrary start. */
uint64_t	clock_mono_ms(void);

/* Monotonic nanoseconds, for benchmarks. */
uint64_t	clock_mono_ns(void);

/* Wall-clock milliseconds since the Unix epoch. */
uint64_t	clock_wall_ms(void);

#endif
