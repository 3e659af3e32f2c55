/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * report-priv.h: what report-data.c (samples, configs, events),
 * report-alerts.c (alerts, decision log, times) and report-db.c share while they read a
 * journal, and what the writers (report-html.c, report-table.c) share.
 */
#ifndef FOH_REPORT_PRIV_H
#define FOH_REPORT_PRIV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

#include "report.h"

/* The step assumed when the journal has no configs row (ms). */
#define REPORT_STEP_DEFAULT	10000

/* A journal open for reading, and the range and mark asked for. */
struct report_db {
	sqlite3		*db;
	const char	*path;
	int		 drill;
	uint64_t	 from, to;	/* [from, to), Unix ms */
	size_t		 nsteps;	/* configs rows, oldest first: */
	uint64_t	*step_t;	/*  from when, */
	uint64_t	*step_ms;	/*  the step in force */
};

/* Prepare sql with ?1 drill, ?2 from, ?3 to bound. 0, or -1 and err. */
int		 report_db_query(struct report_db *, const char *sql,
		    sqlite3_stmt **, char *err, size_t errlen);

/* The end of a query (sqlite3_step's rc): 0, or -1 and err; finalizes. */
int		 report_db_done(struct report_db *, sqlite3_stmt *, int rc,
		    char *err, size_t errlen);

/* The step in force at t (ms). */
uint64_t	 report_db_step_at(const struct report_db *, uint64_t t);

/*
 * How long a row at t lasts (ms): the step in force, cut at the next
 * configs row and at its subject's next row at next (UINT64_MAX: none).
 */
uint64_t	 report_db_span(const struct report_db *, uint64_t t,
		    uint64_t next);

/* A column's text, "" for NULL. */
const char	*report_db_text(sqlite3_stmt *, int col);

/* Room for n + 1 elements of size in *p (capacity *cap). 0, or -1. */
int		 report_grow(void *p, size_t *cap, size_t n, size_t size);

/* Read the alerts, decision log and times into r (report-alerts.c). */
int		 report_alerts_load(struct report_db *, struct report *,
		    char *err, size_t errlen);

/* The severity named by the first word of s; -1 if none. */
int		 report_severity_word(const char *s);

/* Writers: HTML (report-html.c), JSON (report-json.c). 0, or -1. */
int		 report_html(const struct report *, FILE *);
int		 report_json(const struct report *, FILE *);

/* What a writer says for a number or time that does not exist. */
#define REPORT_NONE	"\xe2\x80\x94"	/* U+2014 EM DASH */

/* Unix ms as ISO 8601 UTC to the second, "2026-12-04T21:03:10Z". */
const char	*report_iso(char *buf, size_t len, uint64_t ms);

/* v with decimals places; REPORT_NONE when v is below 0 (none). */
const char	*report_num(char *buf, size_t len, double v, int decimals);

/* What a byte that is not UTF-8 is written as: U+FFFD. */
#define REPORT_BAD	"\xef\xbf\xbd"

/* Write s to f with HTML's special characters as entities, as UTF-8. */
void		 report_esc(FILE *f, const char *s);

/* src into dst (len bytes) as well-formed UTF-8; returns dst. */
const char	*report_utf8(char *dst, size_t len, const char *src);

/* Charts (report-svg.c): a zone's, a gate's, the alert timeline. */
struct report_span {
	uint64_t	t0, t1;		/* the x axis, Unix ms */
};
void		 report_svg_span(const struct report *, struct report_span *);
void		 report_svg_zone(FILE *, const struct report *,
		    const struct report_span *, const struct report_zone *);
void		 report_svg_gate(FILE *, const struct report *,
		    const struct report_span *, const struct report_gate *);
void		 report_svg_timeline(FILE *, const struct report *,
		    const struct report_span *);

#endif
