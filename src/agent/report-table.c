/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * report-table.c: the report's tables for whoever wants their own charts:
 * one table as CSV (RFC 4180, a header line, times ISO 8601 UTC, numbers
 * as in the HTML, an empty field for none, a text that would be a
 * spreadsheet formula after a '), or every table and series in
 * one JSON object (numbers unrounded, null for none). report_write picks
 * the writer.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "report-priv.h"
#include "lib/escape.h"
#include "lib/text.h"

/* The tables --table names, in the order JSON has them. */
static const char *const report_table_names[] = {
	"zones", "gates", "alerts", "times", "decisions", "events", "density",
	"flow", NULL
};

/* A text field: an operator's, a config's (escape_csv). */
static void
report_csv_field(FILE *f, const char *raw, int last)
{
	escape_csv(f, raw, 1, last);
}

/* A number field: decimals places, empty for none (below 0). */
static void
report_csv_num(FILE *f, double v, int decimals, int last)
{
	char	buf[64];

	if (v < 0)
		buf[0] = '\0';
	else
		snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	escape_csv(f, buf, 0, last);
}

/* A time field: ISO 8601 UTC, empty for 0. */
static void
report_csv_time(FILE *f, uint64_t ms, int last)
{
	char	buf[32];

	escape_csv(f, ms == 0 ? "" : report_iso(buf, sizeof(buf), ms), 0,
	    last);
}

/* The zones table. */
static void
report_csv_zones(const struct report *r, FILE *f)
{
	size_t	i;
	int	b;

	fputs("zone,name,peak,peak_at,min_a,min_b,min_c,min_d,min_e,min_f,"
	    "peak_count,capacity,cap_use,warn,crit\n", f);
	for (i = 0; i < r->nzones; i++) {
		const struct report_zone	*z = &r->zones[i];

		report_csv_field(f, z->id, 0);
		report_csv_field(f, z->name, 0);
		report_csv_num(f, z->n > 0 ? z->peak : -1, 2, 0);
		report_csv_time(f, z->n > 0 ? z->peak_ms : 0, 0);
		for (b = 0; b < 6; b++)
			report_csv_num(f, z->minutes[b], 1, 0);
		report_csv_num(f, z->n > 0 ? (double)z->peak_count : -1, 0, 0);
		report_csv_num(f, z->capacity > 0 ? (double)z->capacity : -1, 0,
		    0);
		report_csv_num(f, z->capacity > 0 && z->n > 0 ?
		    z->cap_use * 100 : -1, 0, 0);
		report_csv_num(f, z->warn, 2, 0);
		report_csv_num(f, z->crit, 2, 1);
	}
}

/* The gates table. */
static void
report_csv_gates(const struct report *r, FILE *f)
{
	size_t	i;

	fputs("gate,name,in,out,peak,peak_at,min_over,limit\n", f);
	for (i = 0; i < r->ngates; i++) {
		const struct report_gate	*g = &r->gates[i];

		report_csv_field(f, g->id, 0);
		report_csv_field(f, g->name, 0);
		report_csv_num(f, (double)g->in, 0, 0);
		report_csv_num(f, (double)g->out, 0, 0);
		report_csv_num(f, g->n > 0 ? g->peak : -1, 1, 0);
		report_csv_time(f, g->n > 0 ? g->peak_ms : 0, 0);
		report_csv_num(f, g->minutes_over, 1, 0);
		report_csv_num(f, g->limit, 0, 1);
	}
}

/* The alerts table. */
static void
report_csv_alerts(const struct report *r, FILE *f)
{
	size_t	i;
	char	id[24];

	fputs("alert,fired,severity,rule,subject,title,acked,acked_by,ack_s,"
	    "resolved,res_s,shelves,escalations\n", f);
	for (i = 0; i < r->nalerts; i++) {
		const struct report_alert	*al = &r->alerts[i];

		snprintf(id, sizeof(id), "%llu", (unsigned long long)al->id);
		escape_csv(f, id, 0, 0);
		report_csv_time(f, al->fired_ms, 0);
		report_csv_field(f, fohp_severity_name(al->severity), 0);
		report_csv_field(f, al->rule, 0);
		report_csv_field(f, al->subject, 0);
		report_csv_field(f, al->title, 0);
		report_csv_time(f, al->acked_ms, 0);
		report_csv_field(f, al->acked_by, 0);
		report_csv_num(f, al->acked_ms != 0 ? (double)(al->acked_ms -
		    al->fired_ms) / 1000.0 : -1, 1, 0);
		report_csv_time(f, al->resolved_ms, 0);
		report_csv_num(f, al->resolved_ms != 0 ?
		    (double)(al->resolved_ms - al->fired_ms) / 1000.0 : -1, 1,
		    0);
		report_csv_num(f, al->shelves, 0, 0);
		report_csv_num(f, al->escalations, 0, 1);
	}
}

/* One row of the times table. */
static void
report_csv_times_row(FILE *f, const char *by, const struct report_times *t)
{
	report_csv_field(f, by, 0);
	report_csv_field(f, t->group, 0);
	report_csv_num(f, t->n, 0, 0);
	report_csv_num(f, t->nacked, 0, 0);
	report_csv_num(f, t->ack_median, 1, 0);
	report_csv_num(f, t->ack_p90, 1, 0);
	report_csv_num(f, t->ack_worst, 1, 0);
	report_csv_num(f, t->nresolved, 0, 0);
	report_csv_num(f, t->res_median, 1, 0);
	report_csv_num(f, t->res_p90, 1, 0);
	report_csv_num(f, t->res_worst, 1, 1);
}

/* The times table: per severity, then per operator. */
static void
report_csv_times(const struct report *r, FILE *f)
{
	size_t	i;
	int	s;

	fputs("by,group,n,nacked,ack_median,ack_p90,ack_worst,nresolved,"
	    "res_median,res_p90,res_worst\n", f);
	for (s = FOHP_SEV_COUNT - 1; s >= 0; s--)
		report_csv_times_row(f, "severity", &r->by_severity[s]);
	for (i = 0; i < r->nops; i++)
		report_csv_times_row(f, "operator", &r->by_operator[i]);
}

/* The decision log. */
static void
report_csv_decisions(const struct report *r, FILE *f)
{
	size_t	i;
	char	id[24];

	fputs("t,operator,op,alert,note,result,hook,transport,key\n", f);
	for (i = 0; i < r->ndecisions; i++) {
		const struct report_decision	*d = &r->decisions[i];

		snprintf(id, sizeof(id), "%llu", (unsigned long long)d->alert);
		report_csv_time(f, d->t_ms, 0);
		report_csv_field(f, d->operator_name, 0);
		report_csv_field(f, d->op, 0);
		escape_csv(f, d->alert != 0 ? id : "", 0, 0);
		report_csv_field(f, d->note, 0);
		report_csv_field(f, d->result, 0);
		report_csv_field(f, d->hook, 0);
		report_csv_field(f, d->transport, 0);
		report_csv_field(f, d->key, 1);
	}
}

/* Equipment and drift events. */
static void
report_csv_events(const struct report *r, FILE *f)
{
	size_t	i;

	fputs("t,subject,from,to,value\n", f);
	for (i = 0; i < r->nevents; i++) {
		report_csv_time(f, r->events[i].t_ms, 0);
		report_csv_field(f, r->events[i].subject, 0);
		report_csv_field(f, r->events[i].from, 0);
		report_csv_field(f, r->events[i].to, 0);
		report_csv_num(f, r->events[i].value, 2, 1);
	}
}

/* Every zone's density, or every gate's flow, one sample a line. */
static void
report_csv_series(const struct report *r, FILE *f, int gates)
{
	size_t	i, k, n = gates ? r->ngates : r->nzones;
	char	buf[32];

	fputs(gates ? "t,gate,flow\n" : "t,zone,density\n", f);
	for (i = 0; i < n; i++) {
		const char	*id = gates ? r->gates[i].id : r->zones[i].id;
		size_t		 m = gates ? r->gates[i].n : r->zones[i].n;

		for (k = 0; k < m; k++) {
			report_csv_time(f, gates ? r->gates[i].t_ms[k] :
			    r->zones[i].t_ms[k], 0);
			report_csv_field(f, id, 0);
			snprintf(buf, sizeof(buf), gates ? "%.1f" : "%.2f",
			    gates ? r->gates[i].flow[k] :
			    r->zones[i].density[k]);
			escape_csv(f, buf, 0, 1);
		}
	}
}

/* One table as CSV. 0, or -1 and err (an unknown table, a write error). */
int
report_csv_table(const struct report *r, const char *table, FILE *f,
    char *err, size_t errlen)
{
	if (strcmp(table, "zones") == 0)
		report_csv_zones(r, f);
	else if (strcmp(table, "gates") == 0)
		report_csv_gates(r, f);
	else if (strcmp(table, "alerts") == 0)
		report_csv_alerts(r, f);
	else if (strcmp(table, "times") == 0)
		report_csv_times(r, f);
	else if (strcmp(table, "decisions") == 0)
		report_csv_decisions(r, f);
	else if (strcmp(table, "events") == 0)
		report_csv_events(r, f);
	else if (strcmp(table, "density") == 0 || strcmp(table, "flow") == 0)
		report_csv_series(r, f, table[0] == 'f');
	else {
		text_error(err, errlen, "no table %s (zones, gates, alerts, "
		    "times, decisions, events, density or flow)", table);
		return (-1);
	}
	if (ferror(f)) {
		text_error(err, errlen, "cannot write the %s table", table);
		return (-1);
	}
	return (0);
}

/* Whether name is one of the tables. */
int
report_table_known(const char *name)
{
	size_t	i;

	for (i = 0; report_table_names[i] != NULL; i++)
		if (strcmp(report_table_names[i], name) == 0)
			return (1);
	return (0);
}

/* Write the report to out: HTML, CSV (the zones table) or JSON. */
int
report_write(const struct report *r, enum report_format format, FILE *out,
    char *err, size_t errlen)
{
	int	rc;

	switch (format) {
	case REPORT_CSV:
		return (report_csv_table(r, "zones", out, err, errlen));
	case REPORT_JSON:
		rc = report_json(r, out);
		break;
	default:
		rc = report_html(r, out);
		break;
	}
	if (rc != 0)
		text_error(err, errlen, "cannot write the report out");
	return (rc);
}
