/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * report-alerts.c: the alerts of a night, the decision log and the times
 * to acknowledge and resolve, read from the journal's audit trail in
 * order (report.h defines them).
 *
 * fohd writes an audit line for every change: "fire", "resolve",
 * "timer" (expiry, escalation), "flapping", "flap-fire", "flap-clear",
 * "settle" and "ack-ended" by fohd itself (agent-alerts.c), with
 * "SEVERITY STATE" as their result (the first such line whose state is
 * "resolved" resolves the alert: a flapping alert settles off with
 * "settle"); "ack", "unack", "shelve", "unshelve", "comment" and
 * "approve" by an operator, with "done" or why not as their result;
 * "hook" when an approved action's hook ended (agent-hook.c). An
 * alert is taken when its "fire" line is in the range; the alerts table
 * gives its rule and subject. A severity above the one before, on any
 * fohd line after the first, is an escalation.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report-priv.h"
#include "lib/text.h"

/* The severity named by the first word of s; -1 if none. */
int
report_severity_word(const char *s)
{
	int	i;

	for (i = 0; i < FOHP_SEV_COUNT; i++) {
		const char	*w = fohp_severity_name((enum fohp_severity)i);
		size_t		 n = strlen(w);

		if (strncmp(s, w, n) == 0 && (s[n] == ' ' || s[n] == '\0'))
			return (i);
	}
	return (-1);
}

/* The alert of id among r's, newest first; NULL if not taken. */
static struct report_alert *
report_alerts_find(struct report *r, uint64_t id)
{
	size_t	i;

	for (i = r->nalerts; i > 0; i--)
		if (r->alerts[i - 1].id == id)
			return (&r->alerts[i - 1]);
	return (NULL);
}

/*
 * Whether a fohd line's result ("SEVERITY STATE") says resolved, whatever
 * its op: "resolve", or "settle" for a flapping alert that settled off.
 */
static int
report_alerts_resolved(const char *result)
{
	const char	*sp = strchr(result, ' ');

	return (sp != NULL && strcmp(sp + 1, "resolved") == 0);
}

/* One audit line's part in the alert it is about. */
static void
report_alerts_line(struct report_alert *al, uint64_t t, const char *op,
    const char *who, const char *result)
{
	int	sev = report_severity_word(result);

	if (who[0] == '\0' && sev > (int)al->severity) {
		al->severity = (enum fohp_severity)sev;
		if (al->escalations++ == 0)
			al->escalated_ms = t;
	}
	if (strcmp(op, "ack") == 0 && strcmp(result, "done") == 0 &&
	    al->acked_ms == 0) {
		al->acked_ms = t;
		text_copy(al->acked_by, sizeof(al->acked_by), who);
	} else if (strcmp(op, "shelve") == 0 &&
	    strcmp(result, "done") == 0) {
		if (al->shelves++ == 0)
			al->shelved_ms = t;
	} else if (who[0] == '\0' && al->resolved_ms == 0 &&
	    report_alerts_resolved(result))
		al->resolved_ms = t;
}

/* Take a new alert at its "fire" line. NULL if out of memory. */
static struct report_alert *
report_alerts_new(struct report *r, size_t *cap, uint64_t id, uint64_t t,
    const char *title, const char *result)
{
	struct report_alert	*al;
	int			 sev = report_severity_word(result);

	if (report_grow(&r->alerts, cap, r->nalerts, sizeof(*r->alerts)) != 0)
		return (NULL);
	al = &r->alerts[r->nalerts++];
	memset(al, 0, sizeof(*al));
	al->id = id;
	al->fired_ms = t;
	al->severity = sev < 0 ? FOHP_SEV_WARNING : (enum fohp_severity)sev;
	text_copy(al->title, sizeof(al->title), title);
	return (al);
}

/* Append an operator's line to the decision log. */
static int
report_alerts_decision(struct report *r, size_t *cap, sqlite3_stmt *st)
{
	struct report_decision	*dc;

	if (report_grow(&r->decisions, cap, r->ndecisions,
	    sizeof(*r->decisions)) != 0)
		return (-1);
	dc = &r->decisions[r->ndecisions++];
	memset(dc, 0, sizeof(*dc));
	dc->t_ms = (uint64_t)sqlite3_column_int64(st, 0);
	dc->alert = (uint64_t)sqlite3_column_int64(st, 1);
	text_copy(dc->op, sizeof(dc->op), report_db_text(st, 2));
	text_copy(dc->operator_name, sizeof(dc->operator_name),
	    report_db_text(st, 3));
	text_copy(dc->note, sizeof(dc->note), report_db_text(st, 4));
	text_copy(dc->result, sizeof(dc->result), report_db_text(st, 5));
	text_copy(dc->transport, sizeof(dc->transport), report_db_text(st, 6));
	text_copy(dc->key, sizeof(dc->key), report_db_text(st, 7));
	return (0);
}

/* A hook's end: on the last approval of its alert without one. */
static void
report_alerts_hook(struct report *r, uint64_t id, const char *result)
{
	size_t	i;

	for (i = r->ndecisions; i > 0; i--) {
		struct report_decision	*d = &r->decisions[i - 1];

		if (d->alert != id || strcmp(d->op, "approve") != 0)
			continue;
		if (d->hook[0] == '\0')
			text_copy(d->hook, sizeof(d->hook), result);
		return;
	}
}

/* The audit lines of the range: alerts and the decision log. */
static int
report_alerts_audit(struct report_db *d, struct report *r, char *err,
    size_t errlen)
{
	sqlite3_stmt		*st;
	struct report_alert	*al;
	size_t			 acap = 0, dcap = 0;
	int			 rc;

	if (report_db_query(d, "SELECT t_ms, alert, op, operator, note,"
	    " result, transport, key FROM audit WHERE drill = ?1"
	    " AND t_ms >= ?2 AND t_ms < ?3 ORDER BY seq", &st, err,
	    errlen) != 0)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint64_t	 t = (uint64_t)sqlite3_column_int64(st, 0);
		uint64_t	 id = (uint64_t)sqlite3_column_int64(st, 1);
		const char	*op = report_db_text(st, 2);
		const char	*who = report_db_text(st, 3);
		const char	*result = report_db_text(st, 5);

		if (who[0] != '\0' &&
		    report_alerts_decision(r, &dcap, st) != 0)
			break;
		if (id == 0)
			continue;
		if (strcmp(op, "hook") == 0)
			report_alerts_hook(r, id, result);
		if ((al = report_alerts_find(r, id)) != NULL)
			report_alerts_line(al, t, op, who, result);
		else if (strcmp(op, "fire") == 0 &&
		    report_alerts_new(r, &acap, id, t, report_db_text(st, 4),
		    result) == NULL)
			break;
	}
	if (rc == SQLITE_ROW) {
		sqlite3_finalize(st);
		text_error(err, errlen, "out of memory");
		return (-1);
	}
	if (rc != SQLITE_DONE) {
		text_error(err, errlen, "%s: cannot read the audit trail: %s",
		    d->path, sqlite3_errmsg(d->db));
		sqlite3_finalize(st);
		return (-1);
	}
	sqlite3_finalize(st);
	return (0);
}

/* Each alert's rule and subject, from the alerts table. */
static int
report_alerts_rules(struct report_db *d, struct report *r, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	size_t		 i;

	if (sqlite3_prepare_v2(d->db, "SELECT rule, subject FROM alerts"
	    " WHERE id = ?1", -1, &st, NULL) != SQLITE_OK) {
		text_error(err, errlen, "%s: cannot read the alerts: %s",
		    d->path, sqlite3_errmsg(d->db));
		return (-1);
	}
	for (i = 0; i < r->nalerts; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, (sqlite3_int64)r->alerts[i].id);
		if (sqlite3_step(st) != SQLITE_ROW)
			continue;
		text_copy(r->alerts[i].rule, sizeof(r->alerts[i].rule),
		    report_db_text(st, 0));
		text_copy(r->alerts[i].subject, sizeof(r->alerts[i].subject),
		    report_db_text(st, 1));
	}
	sqlite3_finalize(st);
	return (0);
}

/* Order ms values ascending. */
static int
report_alerts_ms_cmp(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y ? -1 : x > y);
}

/*
 * Median, p90 and worst of n delays (ms, sorted here) in seconds,
 * nearest-rank: the value at rank ceil(p * n); -1 for all when n is 0.
 */
static void
report_alerts_ranks(uint64_t *v, size_t n, double *median, double *p90,
    double *worst)
{
	if (n == 0) {
		*median = *p90 = *worst = -1;
		return;
	}
	qsort(v, n, sizeof(*v), report_alerts_ms_cmp);
	*median = (double)v[(n + 1) / 2 - 1] / 1000.0;
	*p90 = (double)v[(9 * n + 9) / 10 - 1] / 1000.0;
	*worst = (double)v[n - 1] / 1000.0;
}

/* The times of the alerts of one group: severity sev, or acked by who. */
static void
report_alerts_group(const struct report *r, int sev, const char *who,
    struct report_times *tm, uint64_t *ack, uint64_t *res)
{
	size_t	i;

	tm->n = tm->nacked = tm->nresolved = 0;
	for (i = 0; i < r->nalerts; i++) {
		const struct report_alert	*al = &r->alerts[i];

		if (who != NULL ? strcmp(al->acked_by, who) != 0 ||
		    al->acked_ms == 0 : (int)al->severity != sev)
			continue;
		tm->n++;
		if (al->acked_ms != 0)
			ack[tm->nacked++] = al->acked_ms > al->fired_ms ?
			    al->acked_ms - al->fired_ms : 0;
		if (al->resolved_ms != 0)
			res[tm->nresolved++] = al->resolved_ms > al->fired_ms ?
			    al->resolved_ms - al->fired_ms : 0;
	}
	report_alerts_ranks(ack, tm->nacked, &tm->ack_median, &tm->ack_p90,
	    &tm->ack_worst);
	report_alerts_ranks(res, tm->nresolved, &tm->res_median, &tm->res_p90,
	    &tm->res_worst);
}

/* Times per severity and per operator (by name, in first-ack order). */
static int
report_alerts_times(struct report *r, char *err, size_t errlen)
{
	uint64_t	*ack, *res = NULL;
	size_t		 i, k;
	int		 s;

	if ((ack = calloc(r->nalerts + 1, sizeof(*ack))) == NULL ||
	    (res = calloc(r->nalerts + 1, sizeof(*res))) == NULL ||
	    (r->by_operator = calloc(r->nalerts + 1,
	    sizeof(*r->by_operator))) == NULL) {
		free(ack);
		free(res);
		text_error(err, errlen, "out of memory");
		return (-1);
	}
	for (s = 0; s < FOHP_SEV_COUNT; s++) {
		text_copy(r->by_severity[s].group,
		    sizeof(r->by_severity[s].group),
		    fohp_severity_name((enum fohp_severity)s));
		report_alerts_group(r, s, NULL, &r->by_severity[s], ack, res);
	}
	for (i = 0; i < r->nalerts; i++) {
		const char	*who = r->alerts[i].acked_by;

		if (r->alerts[i].acked_ms == 0)
			continue;
		for (k = 0; k < r->nops; k++)
			if (strcmp(r->by_operator[k].group, who) == 0)
				break;
		if (k < r->nops)
			continue;
		text_copy(r->by_operator[k].group,
		    sizeof(r->by_operator[k].group), who);
		report_alerts_group(r, -1, who, &r->by_operator[k], ack, res);
		r->nops++;
	}
	free(ack);
	free(res);
	return (0);
}

/* Order alerts by when they fired, then id. */
static int
report_alerts_cmp(const void *a, const void *b)
{
	const struct report_alert	*x = a, *y = b;

	if (x->fired_ms != y->fired_ms)
		return (x->fired_ms < y->fired_ms ? -1 : 1);
	return (x->id < y->id ? -1 : x->id > y->id);
}

/* Read the alerts, decision log and times into r. 0, or -1 and err. */
int
report_alerts_load(struct report_db *d, struct report *r, char *err,
    size_t errlen)
{
	if (report_alerts_audit(d, r, err, errlen) != 0 ||
	    report_alerts_rules(d, r, err, errlen) != 0)
		return (-1);
	if (r->nalerts > 1)
		qsort(r->alerts, r->nalerts, sizeof(*r->alerts),
		    report_alerts_cmp);
	return (report_alerts_times(r, err, errlen));
}
