/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * report-db.c: what reading a journal for a report takes at every table:
 * a query bound to the range and mark asked for, its end, the step in
 * force at a time, growing arrays.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report-priv.h"
#include "lib/text.h"

/* Room for n + 1 elements of size in *(void **)p (capacity *cap). */
int
report_grow(void *p, size_t *cap, size_t n, size_t size)
{
	void	**pp = p, *q;
	size_t	  c;

	if (n < *cap)
		return (0);
	c = *cap == 0 ? 64 : *cap * 2;
	if ((q = realloc(*pp, c * size)) == NULL)
		return (-1);
	*pp = q;
	*cap = c;
	return (0);
}

/* A column's text, "" for NULL. */
const char *
report_db_text(sqlite3_stmt *st, int col)
{
	const unsigned char	*s = sqlite3_column_text(st, col);

	return (s == NULL ? "" : (const char *)s);
}

/* Prepare sql with ?1 drill, ?2 from, ?3 to bound. 0, or -1 and err. */
int
report_db_query(struct report_db *d, const char *sql, sqlite3_stmt **st,
    char *err, size_t errlen)
{
	if (sqlite3_prepare_v2(d->db, sql, -1, st, NULL) != SQLITE_OK) {
		text_error(err, errlen, "%s: cannot read it: %s", d->path,
		    sqlite3_errmsg(d->db));
		return (-1);
	}
	sqlite3_bind_int(*st, 1, d->drill);
	sqlite3_bind_int64(*st, 2, (sqlite3_int64)d->from);
	sqlite3_bind_int64(*st, 3, (sqlite3_int64)d->to);
	return (0);
}

/* The end of a query: 0, or -1 and err if it stopped on an error. */
int
report_db_done(struct report_db *d, sqlite3_stmt *st, int rc, char *err,
    size_t errlen)
{
	if (rc != SQLITE_DONE) {
		text_error(err, errlen, "%s: cannot read it: %s", d->path,
		    sqlite3_errmsg(d->db));
		sqlite3_finalize(st);
		return (-1);
	}
	sqlite3_finalize(st);
	return (0);
}

/* The step in force at t (ms). */
uint64_t
report_db_step_at(const struct report_db *d, uint64_t t)
{
	size_t	lo = 0, hi = d->nsteps;

	if (d->nsteps == 0)
		return (REPORT_STEP_DEFAULT);
	/* The last configs row at or before t; the first if none is. */
	while (hi - lo > 1) {
		size_t	mid = (lo + hi) / 2;

		if (d->step_t[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return (d->step_ms[lo]);
}

/*
 * How long a row at t lasts (ms): the least of the step in force at t,
 * the time until the next configs row (a reload) and the time until its
 * subject's next row at next (UINT64_MAX: none), report.h's definition.
 */
uint64_t
report_db_span(const struct report_db *d, uint64_t t, uint64_t next)
{
	uint64_t	span = report_db_step_at(d, t);
	size_t		lo = 0, hi = d->nsteps;

	/* The first configs row after t, if any. */
	while (lo < hi) {
		size_t	mid = (lo + hi) / 2;

		if (d->step_t[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->nsteps && d->step_t[lo] - t < span)
		span = d->step_t[lo] - t;
	if (next != UINT64_MAX && next > t && next - t < span)
		span = next - t;
	return (span);
}
