/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * report-svg.c: the report's charts, inline SVG with no script and no
 * reference outside itself: a zone's density over time on its level of
 * service bands (A..F of its kind, band.h) with its warning and critical
 * lines; a gate's flow against the Green Guide rate; the alert timeline,
 * one swimlane per subject, each alert a bar from fired to resolved with
 * a mark where it was acknowledged, shelved and escalated.
 *
 * Every chart is one <svg class="chart"> of a fixed size in pixels, so a
 * screen shows it unscaled (crisp) and print CSS scales it to the page.
 * Its frame, drawn last, is the one thing in REPORT_SVG_FRAME's colour:
 * a test counts the charts on a screenshot by their frames. A series is
 * drawn at most twice per pixel column (the column's low and high, in
 * order), so a 24 h night at a 10 s step stays a small file.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report-priv.h"
#include "core/band.h"

#define SVG_W		760	/* every chart's width, px */
#define SVG_H		190	/* a zone's or gate's */
#define SVG_L		46	/* plot margins: left (y labels), */
#define SVG_R		22	/*  right (band letters), */
#define SVG_T		10	/*  top, */
#define SVG_B		22	/*  bottom (x labels) */
#define SVG_PW		(SVG_W - SVG_L - SVG_R)
#define SVG_PH		(SVG_H - SVG_T - SVG_B)
#define SVG_LANE	16	/* a timeline swimlane's height */
#define SVG_LANE_L	130	/* the timeline's label column */
#define SVG_LANES_MAX	64	/* more subjects share the last lane */
#define SVG_ROWS_MAX	6	/* a lane's rows; more alerts overlap */

/* The frame's colour: green 0, made by no blend of the others. */
#define REPORT_SVG_FRAME	"#6a00b0"

/* Level of service band backgrounds, A..F: light, and print well. */
static const char *const report_svg_band[BAND_COUNT] = {
	"#e3f2e1", "#eef6dc", "#fdf8d8", "#fdebd3", "#fbd5c0", "#f6c1c1"
};

/* Alert bars by severity: info, warning, critical. */
static const char *const report_svg_sev[FOHP_SEV_COUNT] = {
	"#90caf9", "#ffb74d", "#e57373"
};

/* The x axis: where the charts' data is, clipped to the range. */
void
report_svg_span(const struct report *r, struct report_span *sp)
{
	uint64_t	lo = UINT64_MAX, hi = 0;
	size_t		i;

	for (i = 0; i < r->nzones; i++) {
		if (r->zones[i].n == 0)
			continue;
		if (r->zones[i].t_ms[0] < lo)
			lo = r->zones[i].t_ms[0];
		if (r->zones[i].t_ms[r->zones[i].n - 1] + r->step_ms > hi)
			hi = r->zones[i].t_ms[r->zones[i].n - 1] + r->step_ms;
	}
	for (i = 0; i < r->ngates; i++) {
		if (r->gates[i].n == 0)
			continue;
		if (r->gates[i].t_ms[0] < lo)
			lo = r->gates[i].t_ms[0];
		if (r->gates[i].t_ms[r->gates[i].n - 1] + r->step_ms > hi)
			hi = r->gates[i].t_ms[r->gates[i].n - 1] + r->step_ms;
	}
	for (i = 0; i < r->nalerts; i++) {
		const struct report_alert	*al = &r->alerts[i];
		uint64_t			 end = al->resolved_ms != 0 ?
		    al->resolved_ms : al->fired_ms + r->step_ms;

		if (al->fired_ms < lo)
			lo = al->fired_ms;
		if (end > hi)
			hi = end;
	}
	if (lo == UINT64_MAX) {		/* nothing: the range, or its end */
		lo = r->from_ms != 0 ? r->from_ms : r->to_ms - 3600000;
		hi = r->to_ms;
	}
	sp->t0 = lo > r->from_ms ? lo : r->from_ms;
	sp->t1 = hi < r->to_ms ? hi : r->to_ms;
	if (sp->t1 <= sp->t0)
		sp->t1 = sp->t0 + 60000;
}

/* x of time t on a plot left px wide from x0. */
static double
report_svg_x(const struct report_span *sp, uint64_t t, double x0, double w)
{
	if (t <= sp->t0)
		return (x0);
	if (t >= sp->t1)
		return (x0 + w);
	return (x0 + (double)(t - sp->t0) / (double)(sp->t1 - sp->t0) * w);
}

/* y of value v on a zone's or gate's plot from 0 to ymax. */
static double
report_svg_y(double v, double ymax)
{
	if (v < 0)
		v = 0;
	if (v > ymax)
		v = ymax;
	return (SVG_T + SVG_PH - v / ymax * SVG_PH);
}

/* A round step for about n ticks over max, and max rounded up to it. */
static double
report_svg_nice(double *max, int n)
{
	static const double	steps[] = { 0.25, 0.5, 1, 2, 5, 10, 20, 25,
	    50, 100, 200, 500, 1000 };
	size_t			i;
	double			st = steps[0];

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		st = steps[i];
		if (*max / st <= n)
			break;
	}
	*max = ceil(*max / st - 1e-9) * st;
	if (*max <= 0)
		*max = st;
	return (st);
}

/* The time ticks along a plot from x0, w px wide, at y (labels below). */
static void
report_svg_xticks(FILE *f, const struct report_span *sp, double x0,
    double w, double ytop, double ybot)
{
	static const uint64_t	steps[] = { 60000, 300000, 600000, 900000,
	    1800000, 3600000, 7200000, 10800000, 21600000, 43200000,
	    86400000 };
	uint64_t		st = steps[0], t;
	size_t			i;
	char			lab[16];

	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		st = steps[i];
		if ((sp->t1 - sp->t0) / st <= 8)
			break;
	}
	for (t = (sp->t0 + st - 1) / st * st; t <= sp->t1; t += st) {
		time_t		tt = (time_t)(t / 1000);
		struct tm	tm;
		double		x = report_svg_x(sp, t, x0, w);

		gmtime_r(&tt, &tm);
		strftime(lab, sizeof(lab), st >= 86400000 ? "%m-%d" : "%H:%M",
		    &tm);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#9e9e9e\" stroke-width=\"0.5\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
		    "text-anchor=\"middle\" fill=\"#424242\">%s</text>\n",
		    x, ytop, x, ybot, x, ybot + 13, lab);
	}
}

/* The value ticks of a plot from 0 to ymax, every st. */
static void
report_svg_yticks(FILE *f, double ymax, double st, int decimals)
{
	double	v;

	for (v = 0; v <= ymax + 1e-9; v += st)
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
		    "stroke=\"#bdbdbd\" stroke-width=\"0.5\"/>"
		    "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" "
		    "text-anchor=\"end\" fill=\"#424242\">%.*f</text>\n",
		    SVG_L, report_svg_y(v, ymax), SVG_L + SVG_PW,
		    report_svg_y(v, ymax), SVG_L - 4,
		    report_svg_y(v, ymax) + 3.5, decimals, v);
}

/* A horizontal level line with its label, dashed. */
static void
report_svg_level(FILE *f, double v, double ymax, const char *colour,
    const char *label)
{
	double	y = report_svg_y(v, ymax);

	fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
	    "stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>"
	    "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" "
	    "fill=\"%s\">%s %.2f</text>\n", SVG_L, y, SVG_L + SVG_PW, y,
	    colour, SVG_L + SVG_PW - 4, y - 3, colour, label, v);
}

/* One point of a series' path: M after a gap, L otherwise. */
static void
report_svg_point(FILE *f, int *pen, double x, double y)
{
	fprintf(f, "%c%.1f %.1f", *pen ? 'L' : 'M', x, y);
	*pen = 1;
}

/*
 * A series as one path, at most a low and a high per pixel column, in
 * the order they came; broken where a sample is missing (a gap of more
 * than two steps).
 */
static void
report_svg_series(FILE *f, const struct report_span *sp, size_t n,
    const uint64_t *t, const float *v, double ymax, uint64_t step)
{
	size_t	i, lo = 0, hi = 0;
	long	col = -1, c;
	int	pen = 0;

	fputs("<path fill=\"none\" stroke=\"#1a237e\" stroke-width=\"1.4\" "
	    "stroke-linejoin=\"round\" d=\"", f);
	for (i = 0; i <= n; i++) {
		c = i < n ? (long)floor(report_svg_x(sp, t[i], SVG_L,
		    SVG_PW)) : -2;
		if (i < n && c == col && t[i] - t[i - 1] <= 2 * step) {
			if (v[i] < v[lo])
				lo = i;
			if (v[i] > v[hi])
				hi = i;
			continue;
		}
		if (col >= 0) {		/* the column before, in order */
			size_t	a = lo < hi ? lo : hi, b = lo < hi ? hi : lo;

			report_svg_point(f, &pen, report_svg_x(sp, t[a], SVG_L,
			    SVG_PW), report_svg_y(v[a], ymax));
			if (b != a)
				report_svg_point(f, &pen, report_svg_x(sp,
				    t[b], SVG_L, SVG_PW),
				    report_svg_y(v[b], ymax));
		}
		if (i < n && i > 0 && t[i] - t[i - 1] > 2 * step)
			pen = 0;
		col = c;
		lo = hi = i;
	}
	fputs("\"/>\n", f);
}

/* The frame, last: the one thing in its colour. */
static void
report_svg_frame(FILE *f, int h)
{
	fprintf(f, "<rect x=\"1\" y=\"1\" width=\"%d\" height=\"%d\" "
	    "fill=\"none\" stroke=\"" REPORT_SVG_FRAME "\" stroke-width=\"2\" "
	    "shape-rendering=\"crispEdges\"/>\n</svg>\n", SVG_W - 2, h - 2);
}

/* A zone's density over time on its bands, with warn and crit lines. */
void
report_svg_zone(FILE *f, const struct report *r,
    const struct report_span *sp, const struct report_zone *z)
{
	double	ymax = z->peak * 1.1, lo = 0, hi, st;
	int	b;

	if (z->crit * 1.2 > ymax)
		ymax = z->crit * 1.2;
	if (band_upper('E', z->kind) * 1.15 > ymax)
		ymax = band_upper('E', z->kind) * 1.15;
	st = report_svg_nice(&ymax, 6);
	fprintf(f, "<svg class=\"chart\" data-zone=\"");
	report_esc(f, z->id);
	fprintf(f, "\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\"><title>Density of ", SVG_W, SVG_H, SVG_W, SVG_H);
	report_esc(f, z->name[0] != '\0' ? z->name : z->id);
	fputs(", persons per m2</title>\n", f);
	for (b = 0; b < BAND_COUNT && lo < ymax; b++) {
		hi = b < BAND_COUNT - 1 ? band_upper((char)('A' + b),
		    z->kind) : ymax;
		if (hi > ymax)
			hi = ymax;
		fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" "
		    "height=\"%.1f\" fill=\"%s\"/>\n", SVG_L,
		    report_svg_y(hi, ymax), SVG_PW, report_svg_y(lo, ymax) -
		    report_svg_y(hi, ymax), report_svg_band[b]);
		/* Its letter, where the band is tall enough to hold it. */
		if (report_svg_y(lo, ymax) - report_svg_y(hi, ymax) >= 9)
			fprintf(f, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" "
			    "fill=\"#616161\">%c</text>\n", SVG_L + SVG_PW + 6,
			    (report_svg_y(lo, ymax) + report_svg_y(hi, ymax)) /
			    2 + 3.5, 'A' + b);
		lo = hi;
	}
	report_svg_yticks(f, ymax, st, st < 1 ? 2 : 0);
	report_svg_xticks(f, sp, SVG_L, SVG_PW, SVG_T, SVG_T + SVG_PH);
	report_svg_level(f, z->warn, ymax, "#e65100", "warn");
	report_svg_level(f, z->crit, ymax, "#b71c1c", "crit");
	report_svg_series(f, sp, z->n, z->t_ms, z->density, ymax,
	    r->step_ms);
	if (z->n > 0)
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
		    "fill=\"#1a237e\"/>\n", report_svg_x(sp, z->peak_ms,
		    SVG_L, SVG_PW), report_svg_y(z->peak, ymax));
	report_svg_frame(f, SVG_H);
}

/* A gate's flow over time against the Green Guide rate. */
void
report_svg_gate(FILE *f, const struct report *r,
    const struct report_span *sp, const struct report_gate *g)
{
	double	ymax = g->peak * 1.1, st;

	if (g->limit * 1.3 > ymax)
		ymax = g->limit * 1.3;
	st = report_svg_nice(&ymax, 6);
	fprintf(f, "<svg class=\"chart\" data-gate=\"");
	report_esc(f, g->id);
	fprintf(f, "\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "role=\"img\"><title>Flow through ", SVG_W, SVG_H, SVG_W, SVG_H);
	report_esc(f, g->name[0] != '\0' ? g->name : g->id);
	fputs(", persons per metre per minute</title>\n", f);
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%.1f\" "
	    "fill=\"#fbfbfb\"/><rect x=\"%d\" y=\"%d\" width=\"%d\" "
	    "height=\"%.1f\" fill=\"%s\"/>\n", SVG_L, SVG_T, SVG_PW,
	    (double)SVG_PH, SVG_L, SVG_T, SVG_PW,
	    report_svg_y(g->limit, ymax) - SVG_T,
	    report_svg_band[BAND_COUNT - 1]);
	report_svg_yticks(f, ymax, st, 0);
	report_svg_xticks(f, sp, SVG_L, SVG_PW, SVG_T, SVG_T + SVG_PH);
	report_svg_level(f, g->limit, ymax, "#b71c1c", "Green Guide");
	report_svg_series(f, sp, g->n, g->t_ms, g->flow, ymax, r->step_ms);
	report_svg_frame(f, SVG_H);
}

/*
 * The timeline's lanes: one per subject (the last shared by the rest when
 * there are more than SVG_LANES_MAX), each of as many rows as it needs for
 * its alerts not to hide each other, up to SVG_ROWS_MAX.
 */
struct report_svg_lanes {
	size_t		n;
	char		id[SVG_LANES_MAX][FOHP_ID_MAX];
	unsigned	rows[SVG_LANES_MAX];
	uint64_t	end[SVG_LANES_MAX][SVG_ROWS_MAX];	/* each row's */
	double		y[SVG_LANES_MAX];
};

/* The lane of a subject; a new one if there is room. */
static size_t
report_svg_lane(struct report_svg_lanes *ls, const char *subject)
{
	size_t	i;

	for (i = 0; i < ls->n; i++)
		if (strcmp(ls->id[i], subject) == 0)
			return (i);
	if (ls->n == SVG_LANES_MAX)
		return (ls->n - 1);
	snprintf(ls->id[ls->n], FOHP_ID_MAX, "%s", subject);
	ls->rows[ls->n] = 0;
	return (ls->n++);
}

/* The row of lane l for a bar from t0 to t1: the first free, or else
   a new one, or else the first to be free. */
static unsigned
report_svg_row(struct report_svg_lanes *ls, size_t l, uint64_t t0,
    uint64_t t1)
{
	unsigned	r, best = 0;

	for (r = 0; r < ls->rows[l]; r++) {
		if (ls->end[l][r] <= t0)
			break;
		if (ls->end[l][r] < ls->end[l][best])
			best = r;
	}
	if (r == ls->rows[l]) {
		if (ls->rows[l] < SVG_ROWS_MAX)
			ls->rows[l]++;
		else
			r = best;
	}
	if (t1 > ls->end[l][r])
		ls->end[l][r] = t1;
	return (r);
}

/* One alert's bar in its lane, with its marks. */
static void
report_svg_bar(FILE *f, const struct report_span *sp,
    const struct report_alert *al, double y)
{
	double	w = SVG_W - SVG_LANE_L - SVG_R;
	double	x0 = report_svg_x(sp, al->fired_ms, SVG_LANE_L, w);
	double	x1 = report_svg_x(sp, al->resolved_ms != 0 ? al->resolved_ms :
		    sp->t1, SVG_LANE_L, w), x;

	if (x1 < x0 + 2)
		x1 = x0 + 2;
	fprintf(f, "<g><title>#%llu ", (unsigned long long)al->id);
	report_esc(f, al->rule);
	fputs(" on ", f);
	report_esc(f, al->subject);
	fputs(": ", f);
	report_esc(f, al->title);
	fprintf(f, "</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"10\" fill=\"%s\" stroke=\"#424242\" stroke-width=\"0.5\""
	    "%s/>", x0, y + 3, x1 - x0, report_svg_sev[al->severity],
	    al->resolved_ms == 0 ? " stroke-dasharray=\"2 2\"" : "");
	if (x1 - x0 > 8.0 * strlen(al->rule) * 0.6) {
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"8\" "
		    "fill=\"#212121\">", x0 + 2, y + 11);
		report_esc(f, al->rule);
		fputs("</text>", f);
	}
	if (al->acked_ms != 0) {	/* a black tick */
		x = report_svg_x(sp, al->acked_ms, SVG_LANE_L, w);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#000000\" stroke-width=\"2\"/>", x,
		    y + 1, x, y + 15);
	}
	if (al->shelved_ms != 0) {	/* a grey diamond */
		x = report_svg_x(sp, al->shelved_ms, SVG_LANE_L, w);
		fprintf(f, "<path d=\"M%.1f %.1fl4 4l-4 4l-4 -4z\" "
		    "fill=\"#546e7a\"/>", x, y + 4);
	}
	if (al->escalated_ms != 0) {	/* a red triangle, pointing up */
		x = report_svg_x(sp, al->escalated_ms, SVG_LANE_L, w);
		fprintf(f, "<path d=\"M%.1f %.1fl4 7h-8z\" fill=\"#b71c1c\"/>",
		    x, y + 1);
	}
	fputs("</g>\n", f);
}

/* The alert timeline: one lane per subject, bars fired to resolved. */
void
report_svg_timeline(FILE *f, const struct report *r,
    const struct report_span *sp)
{
	struct report_svg_lanes			 ls;
	unsigned char				*row;
	uint64_t				 t0, t1, gap;
	double					 y = SVG_T;
	size_t					 i, l;
	int					 h;

	memset(&ls, 0, sizeof(ls));
	/* A bar is at least this long in time, so short ones do not touch. */
	gap = (sp->t1 - sp->t0) / 150 + 1;
	row = calloc(r->nalerts + 1, 1);
	for (i = 0; i < r->nalerts; i++) {
		t0 = r->alerts[i].fired_ms;
		t1 = r->alerts[i].resolved_ms != 0 ? r->alerts[i].resolved_ms :
		    sp->t1;
		l = report_svg_lane(&ls, r->alerts[i].subject);
		if (row != NULL)
			row[i] = (unsigned char)report_svg_row(&ls, l, t0,
			    (t1 > t0 + gap ? t1 : t0 + gap));
		else if (ls.rows[l] == 0)
			ls.rows[l] = 1;
	}
	for (l = 0; l < ls.n; l++) {
		ls.y[l] = y;
		y += ls.rows[l] * SVG_LANE;
	}
	h = (int)(ls.n > 0 ? y : SVG_T + SVG_LANE) + SVG_B + 2;
	fprintf(f, "<svg class=\"chart\" data-chart=\"timeline\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">"
	    "<title>Alerts, fired to resolved</title>\n", SVG_W, h, SVG_W, h);
	for (l = 0; l < ls.n; l++) {
		fprintf(f, "<rect x=\"4\" y=\"%.1f\" width=\"%d\" "
		    "height=\"%u\" fill=\"%s\"/><text x=\"8\" y=\"%.1f\" "
		    "font-size=\"10\" fill=\"#212121\">", ls.y[l],
		    SVG_W - 4 - SVG_R, ls.rows[l] * SVG_LANE,
		    l % 2 ? "#ffffff" : "#f2f2f2", ls.y[l] + 11.5);
		report_esc(f, ls.n == SVG_LANES_MAX && l == ls.n - 1 ?
		    "(others)" : ls.id[l][0] == '\0' ? "(venue)" : ls.id[l]);
		fputs("</text>\n", f);
	}
	if (ls.n == 0)
		fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" "
		    "fill=\"#424242\">No alert fired in the range.</text>\n",
		    SVG_LANE_L, SVG_T + 12);
	report_svg_xticks(f, sp, SVG_LANE_L, SVG_W - SVG_LANE_L - SVG_R,
	    SVG_T, h - SVG_B);
	for (i = 0; i < r->nalerts; i++) {
		l = report_svg_lane(&ls, r->alerts[i].subject);
		report_svg_bar(f, sp, &r->alerts[i], ls.y[l] +
		    (row != NULL ? row[i] : 0) * SVG_LANE);
	}
	free(row);
	report_svg_frame(f, h);
}
