/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-numbers.c: the venue's numbers over the last hours, opened from the
 * history view (N): what `fohd report` would file for that range, as the
 * agent computed them from its journal (op "summary", PROTOCOL.md 6.13;
 * issue 15). The view reads them from the store (store_venue.summary),
 * which the feed fills; N asks (again) through the caller, + and - ask
 * for an hour more or less (1 to 24, 4 at first), Esc goes back to the
 * resolved alerts.
 *
 *   Basement Club: the last 4 h, 16:31:05 to 20:31:05
 *   Zone        Peak  at         in E   in F   density, one mark per 4m
 *   dance       5.43  20:12:30   1m10s  25s    ▁▂▃▅▇█▇▃▁
 *
 *   Severity   Alerts  Acked  median  p90   worst  Resolved  median ...
 *   critical        2      2     12s  40s     40s         2    5m10s
 *
 * Peaks are in their band's colour (the venue's kind of zone); the marks
 * share one scale, the highest peak shown, so zones compare at a glance.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "ui-priv.h"

#define VIEW_NUMBERS_HOURS	4	/* at first */

/* The severity names, most urgent first as the table shows them. */
static const char *const view_numbers_sev[FOHP_SEV_COUNT] = {
	[FOHP_SEV_INFO] = "info",
	[FOHP_SEV_WARNING] = "warning",
	[FOHP_SEV_CRITICAL] = "critical",
};

/* Ask the selected venue for its numbers over u->numbers_hours. */
static int
view_numbers_ask(struct ui *u)
{
	struct ui_request	r;

	memset(&r, 0, sizeof(r));
	r.venue = u->selected;
	snprintf(r.op, sizeof(r.op), "summary");
	r.hours = u->numbers_hours;
	return (UI_HANDLED | UI_REDRAW | ui_request_push(u, &r));
}

/* Keys: N opens (asks again), + and - an hour more or less, Esc closes. */
int
view_numbers_key(struct ui *u, const struct store *s, int key)
{
	(void)s;
	if (key == 'N') {
		if (u->numbers_hours == 0)
			u->numbers_hours = VIEW_NUMBERS_HOURS;
		return (view_numbers_ask(u));
	}
	if (u->numbers_hours == 0)
		return (0);	/* closed: the history's own keys */
	if (key == 27) {
		u->numbers_hours = 0;
		return (UI_HANDLED | UI_REDRAW);
	}
	if (key == '+' && u->numbers_hours < FOHP_SUMMARY_HOURS_MAX)
		u->numbers_hours++;
	else if (key == '-' && u->numbers_hours > 1)
		u->numbers_hours--;
	else if (key == '+' || key == '-')
		return (UI_HANDLED);	/* at the end already */
	else
		return (0);
	return (view_numbers_ask(u));
}

/* A time in minutes as the ui writes spans, "1m10s"; "0s" for none. */
static const char *
view_numbers_minutes(char *buf, size_t len, double minutes)
{
	return (ui_span(buf, len, minutes > 0 ?
	    (uint64_t)llround(minutes * 60000.0) : 0));
}

/* The venue's kind of zone id (for its bands); standing if unknown. */
static enum fohp_zone_kind
view_numbers_kind(const struct store_venue *v, const char *id)
{
	unsigned	i;

	for (i = 0; i < v->nzones; i++) {
		if (strcmp(v->zones[i].def.id, id) == 0)
			return (v->zones[i].def.kind);
	}
	return (FOHP_ZK_STANDING);
}

/*
 * A zone's sparkline scaled to top, w cells at most (the latest); a slice
 * with no sample (series_gaps) is the dim gap mark, not a 0.
 */
static void
view_numbers_spark(struct ui *u, const struct fohp_summary_zone *z,
    double top, int y, int x, int w)
{
	unsigned	i, n = z->nseries;
	unsigned	first = n > (unsigned)w ? n - (unsigned)w : 0;
	int		level;

	for (i = first; i < n; i++) {
		if (z->series_gaps >> i & 1) {
			ui_colour_set(u, UI_C_DIM, 0);
			ui_print(u, y, x + (int)(i - first), 1,
			    u->g->spark_gap);
			ui_colour_set(u, UI_C_NORMAL, 0);
			continue;
		}
		level = (int)(z->series[i] / top * 8.0);
		if (level > 7)
			level = 7;
		if (level < 0)
			level = 0;
		ui_print(u, y, x + (int)(i - first), 1, u->g->spark[level]);
	}
}

/* The zones' table from y; returns the lines taken. */
static int
view_numbers_zones(struct ui *u, const struct store_venue *v,
    const struct fohp_summary *sm, int y, int x, int w, int end)
{
	const struct fohp_summary_zone	*z;
	static const int		 col[] = { 0, 12, 18, 28, 36, 44 };
	char				 at[32], e[32], f[32], step[32];
	double				 top = 1.0;
	unsigned			 i;
	int				 lines = 1, sx = x + col[5], gaps = 0;
	char				 band;

	for (i = 0; i < sm->nzones; i++) {
		if (sm->zones[i].peak > top)
			top = sm->zones[i].peak;
		gaps |= sm->zones[i].series_gaps != 0;
	}
	ui_colour_set(u, UI_C_HEADING, 0);
	ui_print(u, y, x, w, "Zone");
	ui_print(u, y, x + col[1] + 1, w - col[1] - 1, "Peak");
	ui_print(u, y, x + col[2], w - col[2], "at");
	ui_print(u, y, x + col[3], w - col[3], "in E");
	ui_print(u, y, x + col[4], w - col[4], "in F");
	if (gaps && x + w - sx >= 40)
		ui_printf(u, y, sx, x + w - sx, "density, a mark per %s, %s "
		    "no sample", ui_span(step, sizeof(step),
		    sm->series_step_ms), u->g->spark_gap);
	else if (x + w - sx >= 24)
		ui_printf(u, y, sx, x + w - sx, "density, a mark per %s",
		    ui_span(step, sizeof(step), sm->series_step_ms));
	else if (x + w - sx >= 7)
		ui_print(u, y, sx, x + w - sx, "density");
	for (i = 0; i < sm->nzones && y + lines < end; i++, lines++) {
		z = &sm->zones[i];
		band = band_of(z->peak, view_numbers_kind(v, z->zone));
		ui_colour_set(u, UI_C_NORMAL, 0);
		ui_print_fit(u, y + lines, x, col[1] - 1, z->zone);
		ui_colour_set(u, ui_colour_band(band_index(band)), A_BOLD);
		ui_printf(u, y + lines, x + col[1], w - col[1], "%5.2f",
		    z->peak);
		ui_colour_set(u, UI_C_NORMAL, 0);
		ui_clock(at, sizeof(at), clock_wall_ms(), z->peak_ms);
		ui_print(u, y + lines, x + col[2], w - col[2], z->peak_ms ?
		    at : "-");
		ui_print(u, y + lines, x + col[3], w - col[3],
		    view_numbers_minutes(e, sizeof(e), z->min_e));
		ui_colour_set(u, z->min_f > 0 ? ui_colour_band(5) :
		    UI_C_NORMAL, 0);
		ui_print(u, y + lines, x + col[4], w - col[4],
		    view_numbers_minutes(f, sizeof(f), z->min_f));
		ui_colour_set(u, UI_C_NORMAL, 0);
		if (x + w - sx > 0)
			view_numbers_spark(u, z, top, y + lines, sx,
			    x + w - sx);
	}
	if (sm->zones_total > sm->nzones && y + lines < end) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_printf(u, y + lines++, x, w, "the %u most loaded of %u "
		    "zones (fohd report has them all)", sm->nzones,
		    sm->zones_total);
	}
	ui_colour_set(u, UI_C_NORMAL, 0);
	return (lines);
}

/* A time in seconds, or "-" when there is none. */
static const char *
view_numbers_secs(char *buf, size_t len, unsigned n, double s)
{
	if (n == 0 || !(s >= 0)) {
		snprintf(buf, len, "-");
		return (buf);
	}
	return (ui_span(buf, len, (uint64_t)llround(s * 1000.0)));
}

/*
 * Time to acknowledge and to resolve per severity from y, columns first
 * to last of the ten (a narrow panel shows them as two tables); lines
 * taken.
 */
static int
view_numbers_times(struct ui *u, const struct fohp_summary *sm, int y,
    int x, int w, int end, int first, int last)
{
	static const int	 at[] = { 0, 9, 16, 22, 29, 36, 43, 52, 59, 66 };
	static const char *const title[] = { "Severity", "Alerts", "Acked",
				    "median", "p90", "worst", "Resolved",
				    "median", "p90", "worst" };
	const struct fohp_summary_times *t;
	char			 buf[10][32];
	int			 col[10], i, c, k, lines = 1;

	for (c = first; c <= last; c++)	/* Severity, then these */
		col[c] = first == 0 ? at[c] : at[1] + at[c] - at[first];
	ui_colour_set(u, UI_C_HEADING, 0);
	if (first > 0)
		ui_print(u, y, x, w, title[0]);
	for (c = first; c <= last && col[c] < w; c++)
		ui_print(u, y, x + col[c], w - col[c], title[c]);
	for (k = FOHP_SEV_COUNT - 1; k >= 0 && y + lines < end; k--) {
		for (i = 0, t = NULL; i < sm->ntimes; i++)
			if ((int)sm->times[i].severity == k)
				t = &sm->times[i];
		if (t == NULL)
			continue;
		snprintf(buf[0], sizeof(buf[0]), "%s", view_numbers_sev[k]);
		snprintf(buf[1], sizeof(buf[1]), "%u", t->n);
		snprintf(buf[2], sizeof(buf[2]), "%u", t->nacked);
		view_numbers_secs(buf[3], sizeof(buf[3]), t->nacked,
		    t->ack_median);
		view_numbers_secs(buf[4], sizeof(buf[4]), t->nacked,
		    t->ack_p90);
		view_numbers_secs(buf[5], sizeof(buf[5]), t->nacked,
		    t->ack_worst);
		snprintf(buf[6], sizeof(buf[6]), "%u", t->nresolved);
		view_numbers_secs(buf[7], sizeof(buf[7]), t->nresolved,
		    t->res_median);
		view_numbers_secs(buf[8], sizeof(buf[8]), t->nresolved,
		    t->res_p90);
		view_numbers_secs(buf[9], sizeof(buf[9]), t->nresolved,
		    t->res_worst);
		ui_colour_set(u, ui_severity_slot((enum fohp_severity)k), 0);
		ui_print(u, y + lines, x, w, buf[0]);
		ui_colour_set(u, UI_C_NORMAL, 0);
		for (c = first > 0 ? first : 1; c <= last && col[c] < w; c++)
			ui_print(u, y + lines, x + col[c], w - col[c],
			    buf[c]);
		lines++;
	}
	ui_colour_set(u, UI_C_NORMAL, 0);
	return (lines);
}

/* Draw the selected venue's numbers into r (the history view's panel). */
void
view_numbers_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	const struct store_venue	*v;
	const struct store_summary	*sm;
	char				 from[32], to[32], ago[32];
	int				 x = r->x + 1, w = r->w - 1, y = r->y;
	int				 end = r->y + r->h;

	if (r->w < 10 || r->h < 2 || u->selected >= s->nvenues)
		return;
	v = s->venues[u->selected];
	sm = v->summary;
	ui_colour_set(u, UI_C_HEADING, A_BOLD);
	ui_printf(u, y++, x, w, "%s: the last %u h, as fohd report has them",
	    v->name[0] != '\0' ? v->name : v->id, u->numbers_hours);
	ui_colour_set(u, UI_C_DIM, 0);
	ui_print(u, y++, x, w, "N ask again  + - an hour more or less  "
	    "Esc back to the history");
	ui_colour_set(u, UI_C_NORMAL, 0);
	if (sm == NULL || sm->hours != u->numbers_hours ||
	    sm->state == STORE_SUMMARY_ASKED) {
		ui_printf(u, y + 1, x, w, "asking %s for its numbers of the "
		    "last %u h...", v->id, u->numbers_hours);
		return;
	}
	if (sm->state == STORE_SUMMARY_REFUSED) {
		ui_colour_set(u, UI_C_STALE, 0);
		ui_printf(u, y + 1, x, w, "no numbers: %s", sm->text);
		ui_colour_set(u, UI_C_NORMAL, 0);
		return;
	}
	ui_clock(from, sizeof(from), clock_wall_ms(), sm->sum.from_ms);
	ui_clock(to, sizeof(to), clock_wall_ms(), sm->sum.to_ms);
	ui_printf(u, y++, x, w, "%s to %s, answered %s ago: %s", from, to,
	    ui_since(ago, sizeof(ago), now_ms, sm->got_ms, "?"), sm->text);
	y++;
	if (sm->sum.nzones == 0)
		ui_print(u, y++, x, w, "no zone samples in the journal "
		    "([history] in fohd.conf)");
	else
		y += view_numbers_zones(u, v, &sm->sum, y, x, w, end);
	if (y + 2 >= end)
		return;
	if (w >= 72)	/* one table; else acknowledge, then resolve */
		view_numbers_times(u, &sm->sum, y + 1, x, w, end, 0, 9);
	else {
		y += 1 + view_numbers_times(u, &sm->sum, y + 1, x, w, end, 0,
		    5);
		if (y + 2 < end)
			view_numbers_times(u, &sm->sum, y + 1, x, w, end, 6,
			    9);
	}
}
