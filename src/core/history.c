/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * history.c: time to acknowledge over the store's resolved alerts.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "history.h"

/* Whether p was acknowledged, and after how long. */
int
history_acked(const struct store_past *p, uint64_t *ms)
{
	if (p->acked_ms == 0)
		return (0);
	if (ms != NULL)
		*ms = p->acked_ms > p->fired_ms && p->fired_ms != 0 ?
		    p->acked_ms - p->fired_ms : 0;
	return (1);
}

/* How long p lasted, fired to resolved. */
uint64_t
history_lasted(const struct store_past *p)
{
	if (p->fired_ms == 0 || p->resolved_ms <= p->fired_ms)
		return (0);
	return (p->resolved_ms - p->fired_ms);
}

/* qsort: ascending milliseconds. */
static int
history_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/* The median and the worst of n values (sorted in place). */
void
history_median(uint64_t *ms, unsigned n, uint64_t *median, uint64_t *worst)
{
	*median = *worst = 0;
	if (n == 0)
		return;
	qsort(ms, n, sizeof(*ms), history_cmp);
	*worst = ms[n - 1];
	if (n % 2 == 1)
		*median = ms[n / 2];
	else	/* no overflow: each half first */
		*median = ms[n / 2 - 1] / 2 + ms[n / 2] / 2 +
		    (ms[n / 2 - 1] % 2 + ms[n / 2] % 2) / 2;
}

/* Time to acknowledge per severity over every resolved alert held. */
void
history_ttack(const struct store *s, struct history_ttack out[FOHP_SEV_COUNT])
{
	uint64_t		 ms[STORE_PAST_MAX];
	const struct store_past	*p;
	unsigned		 i, n, sev;
	uint64_t		 t;

	memset(out, 0, sizeof(*out) * FOHP_SEV_COUNT);
	for (sev = 0; sev < FOHP_SEV_COUNT; sev++) {
		n = 0;
		for (i = 0; (p = store_past_get(s, i)) != NULL; i++) {
			if ((unsigned)p->severity != sev)
				continue;
			out[sev].resolved++;
			if (history_acked(p, &t) && n < STORE_PAST_MAX)
				ms[n++] = t;
		}
		out[sev].acked = n;
		history_median(ms, n, &out[sev].median_ms,
		    &out[sev].worst_ms);
	}
}
