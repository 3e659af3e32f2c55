/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * report-json.c: the whole report as one JSON object: the range, every
 * table of the HTML and every zone's and gate's series as [t_ms, value]
 * pairs. Numbers are not rounded (10 significant digits); a number or
 * time that does not exist is null; times are ISO 8601 UTC strings.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "report-priv.h"

/* A text as a JSON string: as UTF-8, a bad byte as U+FFFD. */
static json_t *
report_json_str(const char *s)
{
	char	buf[3 * FOHP_TEXT_MAX + 1];

	return (json_string(report_utf8(buf, sizeof(buf), s)));
}

/* A time as an ISO 8601 string, null for 0. */
static json_t *
report_json_time(uint64_t ms)
{
	char	buf[32];

	return (ms == 0 ? json_null() :
	    json_string(report_iso(buf, sizeof(buf), ms)));
}

/* A number, null below 0 (none). */
static json_t *
report_json_num(double v)
{
	return (v < 0 ? json_null() : json_real(v));
}

/* A series as [[t_ms, value], ...]. */
static json_t *
report_json_series(size_t n, const uint64_t *t, const float *v)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("[I f]", (json_int_t)t[i],
		    (double)v[i]));
	return (a);
}

/* The zones. */
static json_t *
report_json_zones(const struct report *r)
{
	json_t	*a = json_array(), *m;
	size_t	 i;
	int	 b;
	char	 k[2] = "A";

	for (i = 0; i < r->nzones; i++) {
		const struct report_zone	*z = &r->zones[i];

		m = json_object();
		for (b = 0; b < 6; b++) {
			k[0] = (char)('A' + b);
			json_object_set_new(m, k, json_real(z->minutes[b]));
		}
		json_array_append_new(a, json_pack("{s:o s:o s:s s:o s:o s:o "
		    "s:o s:o s:f s:f s:o s:o}", "id", report_json_str(z->id),
		    "name", report_json_str(z->name),
		    "kind", fohp_zone_kind_name(z->kind),
		    "capacity", z->capacity > 0 ?
		    json_integer(z->capacity) : json_null(),
		    "peak", report_json_num(z->n > 0 ? z->peak : -1),
		    "peak_at", report_json_time(z->n > 0 ? z->peak_ms : 0),
		    "peak_count", z->n > 0 ? json_integer(z->peak_count) :
		    json_null(),
		    "cap_use", report_json_num(z->capacity > 0 && z->n > 0 ?
		    z->cap_use : -1), "warn", z->warn, "crit", z->crit,
		    "minutes", m,
		    "series", report_json_series(z->n, z->t_ms, z->density)));
	}
	return (a);
}

/* The gates. */
static json_t *
report_json_gates(const struct report *r)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < r->ngates; i++) {
		const struct report_gate	*g = &r->gates[i];

		json_array_append_new(a, json_pack("{s:o s:o s:I s:I s:o s:o "
		    "s:f s:f s:o}", "id", report_json_str(g->id),
		    "name", report_json_str(g->name),
		    "in", (json_int_t)g->in, "out", (json_int_t)g->out,
		    "peak", report_json_num(g->n > 0 ? g->peak : -1),
		    "peak_at", report_json_time(g->n > 0 ? g->peak_ms : 0),
		    "minutes_over", g->minutes_over, "limit", g->limit,
		    "series", report_json_series(g->n, g->t_ms, g->flow)));
	}
	return (a);
}

/* The alerts. */
static json_t *
report_json_alerts(const struct report *r)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < r->nalerts; i++) {
		const struct report_alert	*al = &r->alerts[i];

		json_array_append_new(a, json_pack("{s:I s:o s:s s:o s:o s:o "
		    "s:o s:o s:o s:o s:o s:i s:i s:o s:o}",
		    "id", (json_int_t)al->id, "fired",
		    report_json_time(al->fired_ms),
		    "severity", fohp_severity_name(al->severity),
		    "rule", report_json_str(al->rule),
		    "subject", report_json_str(al->subject),
		    "title", report_json_str(al->title),
		    "acked", report_json_time(al->acked_ms),
		    "acked_by", report_json_str(al->acked_by),
		    "ack_s", report_json_num(al->acked_ms != 0 ?
		    (double)(al->acked_ms - al->fired_ms) / 1000.0 : -1),
		    "resolved", report_json_time(al->resolved_ms),
		    "res_s", report_json_num(al->resolved_ms != 0 ?
		    (double)(al->resolved_ms - al->fired_ms) / 1000.0 : -1),
		    "shelves", (int)al->shelves,
		    "escalations", (int)al->escalations,
		    "shelved", report_json_time(al->shelved_ms),
		    "escalated", report_json_time(al->escalated_ms)));
	}
	return (a);
}

/* One group's times. */
static json_t *
report_json_times(const struct report_times *t)
{
	return (json_pack("{s:o s:i s:i s:o s:o s:o s:i s:o s:o s:o}",
	    "group", report_json_str(t->group), "n", (int)t->n, "nacked", (int)t->nacked,
	    "ack_median", report_json_num(t->ack_median),
	    "ack_p90", report_json_num(t->ack_p90),
	    "ack_worst", report_json_num(t->ack_worst),
	    "nresolved", (int)t->nresolved,
	    "res_median", report_json_num(t->res_median),
	    "res_p90", report_json_num(t->res_p90),
	    "res_worst", report_json_num(t->res_worst)));
}

/* The decision log and the events. */
static void
report_json_log(const struct report *r, json_t *o)
{
	json_t	*d = json_array(), *e = json_array();
	size_t	 i;

	for (i = 0; i < r->ndecisions; i++) {
		const struct report_decision	*x = &r->decisions[i];

		json_array_append_new(d, json_pack("{s:o s:o s:o s:o s:o s:o "
		    "s:o s:o s:o}", "t", report_json_time(x->t_ms),
		    "operator", report_json_str(x->operator_name),
		    "op", report_json_str(x->op),
		    "alert", x->alert != 0 ? json_integer((json_int_t)x->alert) :
		    json_null(), "note", report_json_str(x->note),
		    "result", report_json_str(x->result),
		    "hook", report_json_str(x->hook),
		    "transport", report_json_str(x->transport),
		    "key", report_json_str(x->key)));
	}
	for (i = 0; i < r->nevents; i++)
		json_array_append_new(e, json_pack("{s:o s:o s:o s:o s:f}",
		    "t", report_json_time(r->events[i].t_ms),
		    "subject", report_json_str(r->events[i].subject),
		    "from", report_json_str(r->events[i].from),
		    "to", report_json_str(r->events[i].to),
		    "value", r->events[i].value));
	json_object_set_new(o, "decisions", d);
	json_object_set_new(o, "events", e);
}

/* The report as one JSON object. 0, or -1 (out of memory, write error). */
int
report_json(const struct report *r, FILE *f)
{
	json_t	*o, *sev = json_array(), *ops = json_array();
	size_t	 i;
	int	 s, rc;

	for (s = FOHP_SEV_COUNT - 1; s >= 0; s--)
		json_array_append_new(sev, report_json_times(
		    &r->by_severity[s]));
	for (i = 0; i < r->nops; i++)
		json_array_append_new(ops, report_json_times(
		    &r->by_operator[i]));
	o = json_pack("{s:o s:o s:o s:o s:I s:I s:I s:o s:b s:o s:o s:o "
	    "s:{s:o s:o}}", "venue", report_json_str(r->venue),
	    "name", report_json_str(r->name),
	    "from", report_json_time(r->from_ms),
	    "to", report_json_time(r->to_ms),
	    "from_ms", (json_int_t)r->from_ms, "to_ms", (json_int_t)r->to_ms,
	    "step_ms", (json_int_t)r->step_ms,
	    "fingerprint", report_json_str(r->fingerprint),
	    "drill", r->drill, "zones", report_json_zones(r),
	    "gates", report_json_gates(r), "alerts", report_json_alerts(r),
	    "times", "severity", sev, "operator", ops);
	if (o == NULL)
		return (-1);
	report_json_log(r, o);
	rc = json_dumpf(o, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(10));
	json_decref(o);
	if (rc == 0 && fputc('\n', f) == EOF)
		rc = -1;
	return (rc == 0 && !ferror(f) ? 0 : -1);
}
