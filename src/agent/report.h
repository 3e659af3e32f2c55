/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * report.h: the numbers of a night, read back from a venue's journal
 * (journal.c says what its tables hold): how full each zone was and how
 * long it spent in each band, gate flows, every alert from fired to
 * resolved, how fast people acknowledged and resolved, every operator
 * action (the decision log), equipment and drift events.
 *
 * report_load computes them once (report-data.c); `fohd report` writes
 * them as HTML, CSV or JSON (report-html.c, report-table.c), and fohd
 * answers a console's "summary" request from them. Nothing else computes
 * these numbers: one definition, wherever they are shown.
 *
 * Definitions (the report and its tests use exactly these):
 *   - a sample row at t lasts the least of: the step_ms of the configs
 *     row in force at t (the latest at or before t; the first if none
 *     is), the time until the next configs row (a reload), and the time
 *     until its subject's next row; minutes in a band = the sum of what
 *     its rows in that band last / 60000 (a gate's minutes over the rate
 *     likewise); so a step change never counts a moment twice;
 *   - an alert's severity: the one its "fire" line's result names as
 *     its first word ("SEVERITY STATE"), warning if it names none; then
 *     the highest named by a later line of fohd itself (empty operator);
 *   - an alert's time to acknowledge = the t_ms of its first audit line
 *     with op "ack" and result "done" minus the t_ms of its "fire" line;
 *     its time to resolve = the t_ms of its first line of fohd itself
 *     (empty operator) whose result's state word (the second) is
 *     "resolved", whatever the op ("resolve", "settle", ...), minus the
 *     same;
 *   - percentiles are nearest-rank: p90 of n values is the value at rank
 *     ceil(0.9 * n) in ascending order; the median is p50 the same way;
 *   - an alert is in the report when its "fire" line is in the range;
 *     only lines in the range count (acked after it: not acked);
 *   - the decision log is every audit line with an operator, in order;
 *     an approval's hook is the result of the first "hook" line of its
 *     alert after it (a "hook" line goes to the latest "approve" line of
 *     its alert before it, if that one has no hook yet; else to none);
 *   - drill rows count only when drill is asked for (report_opts.drill),
 *     and then only they count.
 */
#ifndef FOH_REPORT_H
#define FOH_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/vconf.h"
#include "proto/foh-proto.h"

/* A zone over the range. */
struct report_zone {
	char		 id[FOHP_ID_MAX];
	char		 name[FOHP_NAME_MAX];
	enum fohp_zone_kind kind;	/* its bands (band.h) */
	uint32_t	 capacity;	/* persons, 0: none configured */
	double		 warn, crit;	/* p/m2: its warning and critical */
	double		 peak;		/* p/m2, the highest sample */
	uint64_t	 peak_ms;	/* ... when (the first such sample) */
	uint32_t	 peak_count;	/* persons at the highest count */
	double		 minutes[6];	/* in band A..F */
	double		 cap_use;	/* peak_count / capacity, 0: none */
	size_t		 n;		/* samples, oldest first: */
	uint64_t	*t_ms;		/*  malloc'd */
	float		*density;	/*  malloc'd */
};

/* A gate over the range. */
struct report_gate {
	char		 id[FOHP_ID_MAX];
	char		 name[FOHP_NAME_MAX];
	uint64_t	 in, out;	/* persons, totals */
	double		 peak;		/* persons per metre per minute */
	uint64_t	 peak_ms;
	double		 limit;		/* the Green Guide rate, 82 */
	double		 minutes_over;	/* above it (rows * step) */
	size_t		 n;
	uint64_t	*t_ms;
	float		*flow;
};

/* One alert, fired to resolved, with what operators did to it. */
struct report_alert {
	uint64_t	 id;
	char		 rule[FOHP_ID_MAX];
	char		 subject[FOHP_ID_MAX];
	char		 title[FOHP_TEXT_MAX];
	enum fohp_severity severity;	/* the highest it reached */
	uint64_t	 fired_ms;
	uint64_t	 acked_ms;	/* 0: never acknowledged */
	uint64_t	 resolved_ms;	/* 0: open at the end of the range */
	char		 acked_by[FOHP_ID_MAX];
	unsigned	 escalations, shelves;
	uint64_t	 escalated_ms;	/* the first escalation, 0: none */
	uint64_t	 shelved_ms;	/* the first shelve, 0: none */
};

/*
 * Time to acknowledge and to resolve, in seconds, of one group: the
 * alerts of a severity (the highest each reached), or those an operator
 * acknowledged first. Over the acked (resolved) ones only; -1: none.
 */
struct report_times {
	char		 group[FOHP_ID_MAX];	/* severity or operator name */
	unsigned	 n;		/* alerts in the group */
	unsigned	 nacked, nresolved;
	double		 ack_median, ack_p90, ack_worst;
	double		 res_median, res_p90, res_worst;
};

/* One line of the decision log: an operator's action, in order. */
struct report_decision {
	uint64_t	 t_ms;
	uint64_t	 alert;		/* 0: none */
	char		 op[16];
	char		 operator_name[FOHP_ID_MAX];
	char		 note[FOHP_TEXT_MAX];	/* the comment: why */
	char		 result[24];
	char		 hook[24];	/* approve: how its hook ended ("exit
					   0", "signal 9", "not started"),
					   "" if none was journaled */
	char		 transport[16];
	char		 key[FOHP_KEY_MAX];	/* signer, "" if unsigned */
};

/* An equipment or drift event: a change of status or level. */
struct report_event {
	uint64_t	 t_ms;
	char		 subject[FOHP_ID_MAX];	/* device or model */
	char		 from[16], to[16];	/* status or level */
	double		 value;		/* wear or drift score */
};

struct report {
	char			 venue[FOHP_ID_MAX];
	char			 name[FOHP_NAME_MAX];
	char			 fingerprint[32];	/* of the config, hex */
	uint64_t		 from_ms, to_ms;	/* the range */
	uint64_t		 step_ms;
	int			 drill;
	size_t			 nzones, ngates, nalerts, ndecisions;
	size_t			 nevents, nops;
	struct report_zone	*zones;
	struct report_gate	*gates;
	struct report_alert	*alerts;	/* by fired_ms */
	struct report_decision	*decisions;
	struct report_event	*events;
	struct report_times	 by_severity[3];	/* info, warn, crit */
	struct report_times	*by_operator;		/* nops of them */
};

struct report_opts {
	uint64_t	from_ms;	/* Unix ms, inclusive; 0: the start */
	uint64_t	to_ms;		/* Unix ms, exclusive; 0: now */
	int		drill;		/* 1: the drills' rows, not the real */
	unsigned	busy_ms;	/* wait this long at most for a locked
					   journal; 0: REPORT_BUSY_MS */
};

#define REPORT_BUSY_MS	5000	/* fohd report waits this for a lock */

enum report_format {
	REPORT_HTML = 0,
	REPORT_CSV,
	REPORT_JSON
};

/*
 * Read the numbers from the journal at path (read-only; fohd may be
 * writing it) for the venue of conf. NULL and err on error.
 */
struct report	*report_load(const char *path, const struct vconf *conf,
		    const struct report_opts *, char *err, size_t errlen);
void		 report_free(struct report *);

/*
 * Write the report to out: one HTML page (report-html.c), one JSON object
 * (report-json.c), or CSV: the zones table. 0, or -1 and err.
 */
int		 report_write(const struct report *, enum report_format,
		    FILE *out, char *err, size_t errlen);

/*
 * Write one table as CSV with a header line: zones, gates, alerts, times,
 * decisions, events, density or flow (fohd(8), REPORT). 0, or -1 and err.
 */
int		 report_csv_table(const struct report *, const char *table,
		    FILE *out, char *err, size_t errlen);

/* 1 if name is one of report_csv_table's tables, else 0. */
int		 report_table_known(const char *name);

#endif
