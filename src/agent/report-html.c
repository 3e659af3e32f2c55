/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * report-html.c: the report as one self-contained HTML file a safety
 * officer can file: no script, nothing fetched (CSS in <style>, charts as
 * inline SVG from report-svg.c), print CSS for A4. Every text that came
 * from a config or an operator is escaped.
 *
 * Its numbers are laid out for a program to read back as well as a
 * person (fohd(8), REPORT): each table has an id, each row a data-zone,
 * data-gate, data-alert or data-group, each number cell a data-k key,
 * and the cell's text is the number in a fixed format: density p/m2 with
 * 2 decimals, minutes and seconds with 1, percent with 0, times ISO 8601
 * UTC to the second, "—" for none.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report-priv.h"

/* The style sheet: screen, then print on A4. */
static const char report_html_css[] =
    "body{font:12px/1.4 'DejaVu Sans',Arial,sans-serif;color:#212121;"
    "max-width:1120px;margin:16px auto;padding:0 12px;background:#fff}\n"
    "h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:18px 0 6px;"
    "border-bottom:2px solid #37474f;padding-bottom:2px}\n"
    "h3{font-size:12px;margin:10px 0 2px}\n"
    "table{border-collapse:collapse;margin:4px 0 8px}\n"
    "th,td{border-bottom:1px solid #cfd8dc;padding:2px 6px;text-align:left;"
    "vertical-align:top}\n"
    "th{background:#eceff1;font-weight:bold}\n"
    "td.n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "td.t{white-space:nowrap}\n"
    "td.note{min-width:110px;max-width:340px;overflow-wrap:break-word}\n"
    "table.meta td,table.meta th{border:none;padding:1px 8px 1px 0}\n"
    ".drill{background:#b71c1c;color:#fff;font-weight:bold;font-size:16px;"
    "padding:6px 10px;letter-spacing:.15em;margin:6px 0}\n"
    "figure{margin:6px 0 12px;break-inside:avoid;page-break-inside:avoid}\n"
    "figcaption{font-size:11px;color:#424242}\n"
    "svg.chart{display:block;max-width:100%;height:auto}\n"
    ".key{font-size:11px;color:#424242}\n"
    ".bad{color:#b71c1c;font-weight:bold}\n"
    "@page{size:A4;margin:12mm 10mm}\n"
    "@media print{body{max-width:none;margin:0;padding:0;font-size:9pt}"
    "h2{break-after:avoid;page-break-after:avoid}"
    "tr,figure{break-inside:avoid;page-break-inside:avoid}"
    "thead{display:table-header-group}"
    "table{font-size:6.5pt}th,td{padding:1px 2px}"
    "td.note{min-width:60px;max-width:180px}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* A text cell with its key; escaped. */
static void
report_html_td(FILE *f, const char *k, const char *cls, const char *s)
{
	fprintf(f, "<td data-k=\"%s\"%s%s%s>", k, cls != NULL ? " class=\"" :
	    "", cls != NULL ? cls : "", cls != NULL ? "\"" : "");
	report_esc(f, s);
	fputs("</td>", f);
}

/* A number cell: v with decimals, "—" below 0. */
static void
report_html_num(FILE *f, const char *k, double v, int decimals)
{
	char	buf[64];

	report_html_td(f, k, "n", report_num(buf, sizeof(buf), v, decimals));
}

/* A time cell: ISO 8601 UTC, "—" for 0. */
static void
report_html_time(FILE *f, const char *k, uint64_t ms)
{
	char	buf[64];

	report_html_td(f, k, "t", ms == 0 ? REPORT_NONE :
	    report_iso(buf, sizeof(buf), ms));
}

/* A table's head: its id and column titles, "|" between them. */
static void
report_html_head(FILE *f, const char *id, const char *cols)
{
	fprintf(f, "<table id=\"%s\">\n<thead><tr><th>", id);
	for (; *cols != '\0'; cols++) {
		if (*cols == '|')
			fputs("</th><th>", f);
		else
			fputc(*cols, f);
	}
	fputs("</th></tr></thead>\n<tbody>\n", f);
}

/* The title, the drill mark, and what the report covers. */
static void
report_html_top(FILE *f, const struct report *r)
{
	char	a[32], b[32];

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", f);
	if (r->drill)
		fputs("DRILL: ", f);
	fputs("Post-event report: ", f);
	report_esc(f, r->name[0] != '\0' ? r->name : r->venue);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<header>\n<h1>", report_html_css);
	if (r->drill)
		fputs("DRILL: ", f);
	fputs("Post-event report: ", f);
	report_esc(f, r->name[0] != '\0' ? r->name : r->venue);
	fputs("</h1>\n", f);
	if (r->drill)
		fputs("<p class=\"drill\" id=\"drill\">DRILL: the records of "
		    "drills only, not of the real event</p>\n", f);
	fputs("<table class=\"meta\" id=\"report\">\n<tbody>\n", f);
	fputs("<tr><th>Venue</th>", f);
	report_html_td(f, "venue", NULL, r->venue);
	fprintf(f, "</tr>\n<tr><th>From</th>");
	report_html_td(f, "from", "t", report_iso(a, sizeof(a), r->from_ms));
	fprintf(f, "</tr>\n<tr><th>To</th>");
	report_html_td(f, "to", "t", report_iso(b, sizeof(b), r->to_ms));
	fprintf(f, "</tr>\n<tr><th>Step (s)</th>");
	report_html_num(f, "step_s", (double)r->step_ms / 1000.0, 1);
	fprintf(f, "</tr>\n<tr><th>Config fingerprint</th>");
	report_html_td(f, "fingerprint", NULL, r->fingerprint[0] != '\0' ?
	    r->fingerprint : REPORT_NONE);
	fprintf(f, "</tr>\n<tr><th>Records</th>");
	report_html_td(f, "drill", NULL, r->drill ? "drill" : "real");
	fprintf(f, "</tr>\n</tbody>\n</table>\n<p id=\"summary\">%zu alerts "
	    "(%u critical, %u warning, %u info), %zu operator actions, %zu "
	    "equipment and drift events.</p>\n<p class=\"key\">Times are "
	    "UTC. The range includes its start and excludes its end.</p>\n"
	    "</header>\n", r->nalerts, r->by_severity[FOHP_SEV_CRITICAL].n,
	    r->by_severity[FOHP_SEV_WARNING].n, r->by_severity[FOHP_SEV_INFO].n,
	    r->ndecisions, r->nevents);
}

/* Zones: the table, then a chart each. */
static void
report_html_zones(FILE *f, const struct report *r,
    const struct report_span *sp)
{
	size_t	i;
	int	b;
	char	k[8];

	fputs("<section id=\"s-zones\">\n<h2>Zones</h2>\n", f);
	report_html_head(f, "zones", "Zone|Peak p/m&#178;|Peak at|Min A|Min B|"
	    "Min C|Min D|Min E|Min F|Peak count|Capacity|Capacity use %|"
	    "Warn|Crit");
	for (i = 0; i < r->nzones; i++) {
		const struct report_zone	*z = &r->zones[i];

		fputs("<tr data-zone=\"", f);
		report_esc(f, z->id);
		fputs("\">", f);
		report_html_td(f, "name", NULL, z->name[0] != '\0' ? z->name :
		    z->id);
		report_html_num(f, "peak", z->n > 0 ? z->peak : -1, 2);
		report_html_time(f, "peak_at", z->n > 0 ? z->peak_ms : 0);
		for (b = 0; b < 6; b++) {
			snprintf(k, sizeof(k), "min_%c", 'a' + b);
			report_html_num(f, k, z->minutes[b], 1);
		}
		report_html_num(f, "peak_count", z->n > 0 ? (double)z->peak_count :
		    -1, 0);
		report_html_num(f, "capacity", z->capacity > 0 ? (double)z->capacity :
		    -1, 0);
		report_html_num(f, "cap_use", z->capacity > 0 && z->n > 0 ?
		    z->cap_use * 100 : -1, 0);
		report_html_num(f, "warn", z->warn, 2);
		report_html_num(f, "crit", z->crit, 2);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n<p class=\"key\">Minutes in each level "
	    "of service band (rows in it times the step). Charts: density on "
	    "the bands A (lightest) to F, the warning and critical levels "
	    "dashed, the peak a dot.</p>\n", f);
	for (i = 0; i < r->nzones; i++) {
		const struct report_zone	*z = &r->zones[i];
		char				 buf[32];

		fputs("<figure>\n", f);
		report_svg_zone(f, r, sp, z);
		fputs("<figcaption>", f);
		report_esc(f, z->name[0] != '\0' ? z->name : z->id);
		fprintf(f, ": %.1f min in E, %.1f min in F", z->minutes[4],
		    z->minutes[5]);
		if (z->n > 0)
			fprintf(f, "; peak %.2f p/m&#178; at %s", z->peak,
			    report_iso(buf, sizeof(buf), z->peak_ms));
		fputs("</figcaption>\n</figure>\n", f);
	}
	fputs("</section>\n", f);
}

/* Gates: the table, then a chart each. */
static void
report_html_gates(FILE *f, const struct report *r,
    const struct report_span *sp)
{
	size_t	i;

	fputs("<section id=\"s-gates\">\n<h2>Gates</h2>\n", f);
	report_html_head(f, "gates", "Gate|In|Out|Peak p/m/min|Peak at|"
	    "Min over the rate|Rate");
	for (i = 0; i < r->ngates; i++) {
		const struct report_gate	*g = &r->gates[i];

		fputs("<tr data-gate=\"", f);
		report_esc(f, g->id);
		fputs("\">", f);
		report_html_td(f, "name", NULL, g->name[0] != '\0' ? g->name :
		    g->id);
		report_html_num(f, "in", (double)g->in, 0);
		report_html_num(f, "out", (double)g->out, 0);
		report_html_num(f, "peak", g->n > 0 ? g->peak : -1, 1);
		report_html_time(f, "peak_at", g->n > 0 ? g->peak_ms : 0);
		report_html_num(f, "min_over", g->minutes_over, 1);
		report_html_num(f, "limit", g->limit, 0);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n<p class=\"key\">Flow in persons per "
	    "metre of gate width per minute; the Green Guide's rate on the "
	    "level is 82, the shaded part above it.</p>\n", f);
	for (i = 0; i < r->ngates; i++) {
		fputs("<figure>\n", f);
		report_svg_gate(f, r, sp, &r->gates[i]);
		fputs("<figcaption>", f);
		report_esc(f, r->gates[i].name[0] != '\0' ? r->gates[i].name :
		    r->gates[i].id);
		fprintf(f, ": %.1f min over the rate</figcaption>\n"
		    "</figure>\n", r->gates[i].minutes_over);
	}
	fputs("</section>\n", f);
}

/* The alert timeline and the list of alerts. */
static void
report_html_alerts(FILE *f, const struct report *r,
    const struct report_span *sp)
{
	size_t	i;
	char	id[24];

	fputs("<section id=\"s-alerts\">\n<h2>Alerts</h2>\n<figure>\n", f);
	report_svg_timeline(f, r, sp);
	fputs("<figcaption>Each alert a bar from fired to resolved (dashed: "
	    "still open at the end), coloured by the highest severity it "
	    "reached (blue info, orange warning, red critical); a black tick "
	    "where it was acknowledged, a grey diamond where shelved, a red "
	    "triangle where escalated. One lane per subject.</figcaption>\n"
	    "</figure>\n", f);
	report_html_head(f, "alerts", "Alert|Fired|Severity|Rule|Subject|"
	    "Title|Acknowledged|By|Ack s|Resolved|Res. s|Shelved|"
	    "Escal.");
	for (i = 0; i < r->nalerts; i++) {
		const struct report_alert	*al = &r->alerts[i];

		snprintf(id, sizeof(id), "%llu", (unsigned long long)al->id);
		fprintf(f, "<tr data-alert=\"%s\">", id);
		report_html_td(f, "id", "n", id);
		report_html_time(f, "fired", al->fired_ms);
		report_html_td(f, "severity", NULL,
		    fohp_severity_name(al->severity));
		report_html_td(f, "rule", NULL, al->rule);
		report_html_td(f, "subject", NULL, al->subject);
		report_html_td(f, "title", "note", al->title);
		report_html_time(f, "acked", al->acked_ms);
		report_html_td(f, "acked_by", NULL, al->acked_by);
		report_html_num(f, "ack_s", al->acked_ms != 0 ?
		    (double)(al->acked_ms - al->fired_ms) / 1000.0 : -1, 1);
		report_html_time(f, "resolved", al->resolved_ms);
		report_html_num(f, "res_s", al->resolved_ms != 0 ?
		    (double)(al->resolved_ms - al->fired_ms) / 1000.0 : -1, 1);
		report_html_num(f, "shelves", al->shelves, 0);
		report_html_num(f, "escalations", al->escalations, 0);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n</section>\n", f);
}

/* One row of a times table. */
static void
report_html_times_row(FILE *f, const struct report_times *t)
{
	fputs("<tr data-group=\"", f);
	report_esc(f, t->group);
	fputs("\">", f);
	report_html_td(f, "group", NULL, t->group);
	report_html_num(f, "n", t->n, 0);
	report_html_num(f, "nacked", t->nacked, 0);
	report_html_num(f, "ack_median", t->ack_median, 1);
	report_html_num(f, "ack_p90", t->ack_p90, 1);
	report_html_num(f, "ack_worst", t->ack_worst, 1);
	report_html_num(f, "nresolved", t->nresolved, 0);
	report_html_num(f, "res_median", t->res_median, 1);
	report_html_num(f, "res_p90", t->res_p90, 1);
	report_html_num(f, "res_worst", t->res_worst, 1);
	fputs("</tr>\n", f);
}

/* Time to acknowledge and to resolve, per severity and per operator. */
static void
report_html_times(FILE *f, const struct report *r)
{
	static const char	cols[] = "|Alerts|Acked|Ack median s|Ack p90 s|"
	    "Ack worst s|Resolved|Resolve median s|Resolve p90 s|"
	    "Resolve worst s";
	char			head[256];
	int			s;
	size_t			i;

	fputs("<section id=\"s-times\">\n<h2>Time to acknowledge and to "
	    "resolve</h2>\n<h3>Per severity</h3>\n", f);
	snprintf(head, sizeof(head), "Severity%s", cols);
	report_html_head(f, "times-severity", head);
	for (s = FOHP_SEV_COUNT - 1; s >= 0; s--)
		report_html_times_row(f, &r->by_severity[s]);
	fputs("</tbody>\n</table>\n<h3>Per operator</h3>\n", f);
	snprintf(head, sizeof(head), "Operator%s", cols);
	report_html_head(f, "times-operator", head);
	for (i = 0; i < r->nops; i++)
		report_html_times_row(f, &r->by_operator[i]);
	fputs("</tbody>\n</table>\n<p class=\"key\">Seconds from the alert "
	    "firing to its first acknowledgement (resolution); nearest-rank "
	    "median and 90th percentile. An operator's row: the alerts they "
	    "acknowledged first.</p>\n</section>\n", f);
}

/* The decision log: every operator action, in order. */
static void
report_html_decisions(FILE *f, const struct report *r)
{
	size_t	i;

	fputs("<section id=\"s-decisions\">\n<h2>Decision log</h2>\n", f);
	report_html_head(f, "decisions", "Time|Operator|Action|Alert|"
	    "Comment|Result|Hook|Via|Signed by");
	for (i = 0; i < r->ndecisions; i++) {
		const struct report_decision	*d = &r->decisions[i];
		char				 id[24];
		int				 ok = strcmp(d->result,
						     "done") == 0;

		snprintf(id, sizeof(id), "%llu", (unsigned long long)d->alert);
		fprintf(f, "<tr data-alert=\"%s\">", id);
		report_html_time(f, "t", d->t_ms);
		report_html_td(f, "operator", NULL, d->operator_name);
		report_html_td(f, "op", NULL, d->op);
		report_html_td(f, "alert", "n", d->alert != 0 ? id :
		    REPORT_NONE);
		report_html_td(f, "note", "note", d->note);
		report_html_td(f, "result", ok ? NULL : "bad", d->result);
		report_html_td(f, "hook", strcmp(d->hook, "exit 0") == 0 ||
		    strcmp(d->hook, "skipped: drill") == 0 ||
		    d->hook[0] == '\0' ? NULL : "bad", d->hook);
		report_html_td(f, "transport", NULL, d->transport);
		report_html_td(f, "key", NULL, d->key);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n<p class=\"key\">Each line as fohd "
	    "journalled it: the operator's comment is their reason; a result "
	    "other than done was refused and changed nothing. Hook: how the "
	    "approved action's hook ended (exit 0: it succeeded; skipped: "
	    "drill, a drill runs none); empty when the rule has none or it had "
	    "not ended.</p>\n</section>\n", f);
}

/* Equipment and drift events. */
static void
report_html_events(FILE *f, const struct report *r)
{
	size_t	i;

	fputs("<section id=\"s-events\">\n<h2>Equipment and drift</h2>\n", f);
	report_html_head(f, "events", "Time|Device or model|From|To|"
	    "Wear or score");
	for (i = 0; i < r->nevents; i++) {
		const struct report_event	*e = &r->events[i];

		fputs("<tr data-subject=\"", f);
		report_esc(f, e->subject);
		fputs("\">", f);
		report_html_time(f, "t", e->t_ms);
		report_html_td(f, "subject", NULL, e->subject);
		report_html_td(f, "from", NULL, e->from[0] != '\0' ? e->from :
		    REPORT_NONE);
		report_html_td(f, "to", NULL, e->to);
		report_html_num(f, "value", e->value, 2);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n<p class=\"key\">A device's status or a "
	    "model's drift level when it changed.</p>\n</section>\n", f);
}

/* The report as one self-contained HTML page. 0, or -1 on a write error. */
int
report_html(const struct report *r, FILE *f)
{
	struct report_span	sp;

	report_svg_span(r, &sp);
	report_html_top(f, r);
	report_html_zones(f, r, &sp);
	report_html_gates(f, r, &sp);
	report_html_alerts(f, r, &sp);
	report_html_times(f, r);
	report_html_decisions(f, r);
	report_html_events(f, r);
	fputs("<footer><p class=\"key\">Made by fohd report " PACKAGE_VERSION
	    " from the venue's journal.</p></footer>\n</body>\n</html>\n", f);
	return (ferror(f) ? -1 : 0);
}
