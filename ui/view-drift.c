/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-drift.c: the selected venue's models and how far their inputs drift.
 *
 * Each model takes two lines:
 *
 *   > Crowd counter  v3.2  psi  0.312  0.100/0.250  major     ▁▂▄▆█
 *       ref 1200 / cur 300  top:  dwell 0.410  speed 0.220 +2
 *
 * The first line has the columns (name, version, method, score, warn/crit,
 * level, a sparkline of the score), taken by priority so a narrow panel
 * drops the method and version first; they move to the start of the second
 * line. The second line has the windows the score compares and the top
 * drifting features, worst first, as many as fit; "+N" says how many more
 * the agent sent.
 *
 * The level is always a word (stable, moderate, major, pending). When the
 * publisher sent none, it is worked out from the score and thresholds. A
 * pending model (too few samples) shows no score, since there is none to
 * judge. u->table_sel is the selected model, clamped here.
 *
 * Any column but Trend sorts the table (< > r), "/" narrows it
 * (ui-table.c); u->table_sel follows its model when the order changes.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui-priv.h"

/* Columns of a model's first line, in display order. */
enum view_drift_col {
	VD_COL_NAME,
	VD_COL_VERSION,
	VD_COL_METHOD,
	VD_COL_SCORE,
	VD_COL_THRESH,
	VD_COL_LEVEL,
	VD_COL_TREND,
	VD_COL_COUNT
};

static const struct ui_column view_drift_columns[VD_COL_COUNT] = {
	[VD_COL_NAME] =	   { "Model",     14, 22, 0, 0 },
	[VD_COL_VERSION] = { "Version",   7, 12, 0, 6 },
	[VD_COL_METHOD] =  { "Method",    6, 6,  0, 5 },	/* or line 2 */
	[VD_COL_SCORE] =   { "Score",     6, 6,  1, 2 },
	[VD_COL_THRESH] =  { "Warn/Crit", 11, 11, 0, 3 },
	[VD_COL_LEVEL] =   { "Level",     8, 8,  0, 1 },
	[VD_COL_TREND] =   { "Trend",     6, 30, 0, 4 },
};

/* Columns that take the width left over, in order. */
static const enum view_drift_col view_drift_grow[] = {
	VD_COL_NAME, VD_COL_TREND, VD_COL_VERSION
};

/* The level the agent judged, or worked out from the thresholds. */
static enum fohp_drift_level
view_drift_level(const struct fohp_drift *d)
{
	if (d->level != FOHP_DL_NONE && (unsigned)d->level < FOHP_DL_COUNT)
		return (d->level);
	if (d->crit > 0 && d->score >= d->crit)
		return (FOHP_DL_MAJOR);
	if (d->warn > 0 && d->score >= d->warn)
		return (FOHP_DL_MODERATE);
	if (d->warn > 0 || d->crit > 0)
		return (FOHP_DL_STABLE);
	return (FOHP_DL_NONE);
}

/* The word for a level; "-" when nothing can be said. */
static const char *
view_drift_level_word(enum fohp_drift_level l)
{
	switch (l) {
	case FOHP_DL_STABLE:
		return ("stable");
	case FOHP_DL_MODERATE:
		return ("moderate");
	case FOHP_DL_MAJOR:
		return ("major");
	case FOHP_DL_PENDING:
		return ("pending");
	default:
		return ("-");
	}
}

/* The colour slot for a level; the word says it too. */
static enum ui_slot
view_drift_level_slot(enum fohp_drift_level l)
{
	switch (l) {
	case FOHP_DL_MODERATE:
		return (UI_C_STALE);
	case FOHP_DL_MAJOR:
		return (UI_C_OFFLINE);
	case FOHP_DL_PENDING:
		return (UI_C_DIM);
	default:
		return (UI_C_NORMAL);
	}
}

/* Draw a score sparkline, newest at the right, scaled to crit or the max. */
static void
view_drift_spark(struct ui *u, const struct fohp_drift *d,
    const struct store_ring *h, int y, int x, int w)
{
	ui_spark(u, h, d->crit, y, x, w);
}

/* Take columns by priority while they fit in w, then grow some. */
static void
view_drift_columns_fit(int w, int widths[VD_COL_COUNT])
{
	int	used, i, grow, extra;
	size_t	g;

	(void)ui_columns_fit(view_drift_columns, VD_COL_COUNT, w, widths, &used);
	extra = w - used;
	for (g = 0; g < sizeof(view_drift_grow) / sizeof(view_drift_grow[0]) &&
	    extra > 0; g++) {
		i = view_drift_grow[g];
		if (widths[i] == 0)
			continue;
		grow = view_drift_columns[i].maxw - widths[i];
		if (grow > extra)
			grow = extra;
		widths[i] += grow;
		extra -= grow;
	}
}

/* Print text in a column, right-aligned if the column says so. */
static void
view_drift_cell(struct ui *u, int y, int x, int col, int w, const char *text)
{
	ui_cell(u, &view_drift_columns[col], y, x, w, text);
}

/*
 * The second line: version and method if their columns were dropped, the
 * windows, then as many top features as fit in w.
 */
static void
view_drift_features(struct ui *u, const struct fohp_drift *d, int y, int x,
    int w, const int widths[VD_COL_COUNT])
{
	char		buf[FOHP_ID_MAX + 48], more[16];
	int		end = x + w, fw, mw;
	unsigned	i, n = d->nfeatures;

	if (n > FOHP_FEATURES_MAX)
		n = FOHP_FEATURES_MAX;
	if (widths[VD_COL_VERSION] == 0 && d->version[0] != '\0') {
		snprintf(buf, sizeof(buf), "%s ", d->version);
		x += ui_print(u, y, x, end - x, buf);
	}
	if (widths[VD_COL_METHOD] == 0 && d->method[0] != '\0') {
		snprintf(buf, sizeof(buf), "%s, ", d->method);
		x += ui_print(u, y, x, end - x, buf);
	}
	if (d->ref_n > 0 || d->cur_n > 0)
		snprintf(buf, sizeof(buf), "ref %u / cur %u  ",
		    (unsigned)d->ref_n, (unsigned)d->cur_n);
	else
		snprintf(buf, sizeof(buf), "windows not sent  ");
	x += ui_print(u, y, x, end - x, buf);
	if (n == 0) {
		ui_print(u, y, x, end - x, "no feature scores");
		return;
	}
	x += ui_print(u, y, x, end - x, "top:");
	for (i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "  %s %.3f", d->features[i].name,
		    d->features[i].score);
		fw = ui_width(u, buf);
		/* Leave room for "+N" unless this is the last feature. */
		snprintf(more, sizeof(more), " +%u", n - i - 1);
		mw = i + 1 < n ? ui_width(u, more) : 0;
		if (x + fw + mw > end) {
			if (i == 0) {	/* at least part of the worst */
				x += ui_print(u, y, x, end - x, buf);
				if (mw > 0 && x + mw <= end)
					ui_print(u, y, x, end - x, more);
				return;
			}
			snprintf(more, sizeof(more), " +%u", n - i);
			ui_print(u, y, x, end - x, more);
			return;
		}
		x += ui_print(u, y, x, end - x, buf);
	}
}

/* Draw one model's two lines from y; sel: it is the selected one. */
static void
view_drift_model(struct ui *u, const struct store_venue *v, unsigned m,
    int sel, int y, const struct ui_rect *r, const int widths[VD_COL_COUNT])
{
	const struct fohp_drift	*d = &v->drift[m];
	enum fohp_drift_level	 l = view_drift_level(d);
	enum ui_slot		 base = sel ? UI_C_SELECTED : UI_C_NORMAL;
	char			 buf[128];
	int			 i, x = r->x + 2, end = r->x + r->w;

	ui_colour_set(u, base, 0);
	ui_fill(u, y, r->x, r->w, " ");
	ui_fill(u, y + 1, r->x, r->w, " ");
	if (sel)
		ui_print(u, y, r->x, 1, u->g->marker);
	for (i = 0; i < VD_COL_COUNT; i++) {
		if (widths[i] == 0)
			continue;
		ui_colour_set(u, base, 0);
		buf[0] = '\0';
		switch (i) {
		case VD_COL_NAME:
			ui_colour_set(u, base, A_BOLD);
			snprintf(buf, sizeof(buf), "%s",
			    d->name[0] != '\0' ? d->name : d->model);
			break;
		case VD_COL_VERSION:
			snprintf(buf, sizeof(buf), "%s",
			    d->version[0] != '\0' ? d->version : "-");
			break;
		case VD_COL_METHOD:
			snprintf(buf, sizeof(buf), "%s",
			    d->method[0] != '\0' ? d->method : "-");
			break;
		case VD_COL_SCORE:
			if (l == FOHP_DL_PENDING || !isfinite(d->score))
				snprintf(buf, sizeof(buf), "-");
			else
				snprintf(buf, sizeof(buf), "%.3f", d->score);
			break;
		case VD_COL_THRESH:
			snprintf(buf, sizeof(buf), "%.3f/%.3f", d->warn,
			    d->crit);
			break;
		case VD_COL_LEVEL:
			snprintf(buf, sizeof(buf), "%s",
			    view_drift_level_word(l));
			if (!sel)
				ui_colour_set(u, view_drift_level_slot(l),
				    0);
			break;
		case VD_COL_TREND:
			view_drift_spark(u, d, &v->drift_hist[m], y, x,
			    widths[i]);
			break;
		}
		view_drift_cell(u, y, x, i, widths[i], buf);
		x += widths[i] + 1;
	}
	ui_colour_set(u, sel ? UI_C_SELECTED : UI_C_DIM, 0);
	view_drift_features(u, d, y + 1, r->x + 4, end - r->x - 4, widths);
}

/* Columns the table sorts by, and those that sort descending first. */
#define VD_SORTABLE	(((1u << VD_COL_COUNT) - 1) & ~(1u << VD_COL_TREND))
#define VD_DESC_FIRST	((1u << VD_COL_SCORE) | (1u << VD_COL_LEVEL) | \
			    (1u << VD_COL_THRESH))

/* How bad a level is, for sorting: major highest, none lowest. */
static double
view_drift_rank(enum fohp_drift_level l)
{
	switch (l) {
	case FOHP_DL_MAJOR:
		return (3);
	case FOHP_DL_MODERATE:
		return (2);
	case FOHP_DL_STABLE:
		return (1);
	case FOHP_DL_PENDING:
		return (0);
	default:
		return (NAN);
	}
}

/* The table's columns, for sorting (ui-table.c). */
const struct ui_table_desc view_drift_sort = {
	view_drift_columns, VD_COL_COUNT, VD_SORTABLE, VD_DESC_FIRST,
	"the agent's order"
};

/*
 * The models of v as the table lists them into t: those that pass the
 * filter, in the sort's order (t[].item: the model). Returns how many.
 */
static unsigned
view_drift_sorted(struct ui *u, const struct store_venue *v, unsigned n,
    struct ui_table_row *t)
{
	const struct ui_table_state *st = ui_table_state(u, UI_VIEW_DRIFT);
	unsigned	 i, k, m = 0;

	for (i = 0; i < n; i++) {
		const struct fohp_drift	*d = &v->drift[i];
		enum fohp_drift_level	 l = view_drift_level(d);
		struct ui_table_row	*row = &t[m];

		memset(row, 0, sizeof(*row));
		for (k = 0; k < UI_TABLE_KEYS; k++)
			row->num[k] = NAN;
		row->item = row->order = i;
		row->str[VD_COL_NAME] = d->name[0] != '\0' ? d->name :
		    d->model;
		row->str[VD_COL_VERSION] = d->version;
		row->str[VD_COL_METHOD] = d->method;
		if (l != FOHP_DL_PENDING && isfinite(d->score))
			row->num[VD_COL_SCORE] = d->score;
		row->num[VD_COL_THRESH] = d->crit > 0 ? d->crit : NAN;
		row->num[VD_COL_LEVEL] = view_drift_rank(l);
		row->text[0] = view_drift_level_word(l);
		row->text[1] = d->model;
		if (ui_table_match(row, ui_table_filter_text(u,
		    UI_VIEW_DRIFT)))
			m++;
	}
	ui_table_sort(t, m, st->col, st->desc);
	return (m);
}

/* The heading: venue, link state if not live, models by level. */
static void
view_drift_heading(struct ui *u, const struct store_venue *v,
    const struct ui_rect *r, uint64_t now_ms)
{
	unsigned	 n[FOHP_DL_COUNT] = { 0 }, i;
	int		 x, end = r->x + r->w;
	char		 buf[128];

	for (i = 0; i < v->ndrift; i++)
		n[view_drift_level(&v->drift[i])]++;
	x = ui_venue_heading(u, v, r, " models", now_ms);
	ui_colour_set(u, UI_C_NORMAL, 0);
	snprintf(buf, sizeof(buf), "%u major %u moderate %u stable %u pending",
	    n[FOHP_DL_MAJOR], n[FOHP_DL_MODERATE], n[FOHP_DL_STABLE],
	    n[FOHP_DL_PENDING]);
	if (end - x - 2 >= ui_width(u, buf))
		ui_print(u, r->y, x + 2, end - x - 2, buf);
}

/* Draw the selected venue's models into r. */
void
view_drift_draw(struct ui *u, const struct store *s, const struct ui_rect *r,
    uint64_t now_ms)
{
	const struct store_venue	*v;
	struct ui_table_row		 t[FOHP_MODELS_MAX];
	const char			*ids[FOHP_MODELS_MAX];
	struct ui_rect			 head;
	int				 widths[VD_COL_COUNT], i, x, y, tw;
	unsigned			 n, total, m, top, shown;
	char				 more[48], title[32];

	if (r->w < 4 || r->h < 1)
		return;
	if ((v = ui_venue_shown(u, s, r)) == NULL)
		return;
	total = v->ndrift < FOHP_MODELS_MAX ? v->ndrift : FOHP_MODELS_MAX;
	n = view_drift_sorted(u, v, total, t);
	for (m = 0; m < n; m++)
		ids[m] = v->drift[t[m].item].model;
	head = *r;
	head.w -= ui_table_heading(u, UI_VIEW_DRIFT, r, n, total);
	view_drift_heading(u, v, &head, now_ms);
	u->greyed = v->link != STORE_LINK_LIVE;
	ui_table_keep(u, ids, n);
	if (n == 0) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, r->y + 2, r->x + 1, r->w - 1, total == 0 ?
		    "no models reported" : "no model matches the filter");
		u->table_sel = 0;
		return;
	}
	if (r->h < 4)
		return;
	shown = (unsigned)(r->h - 2) / 2;
	if (shown < n && (r->h - 2) % 2 == 0)
		shown--;	/* keep a line to say which models show */
	if (shown == 0)
		shown = 1;
	top = 0;
	if (u->table_sel >= shown)
		top = u->table_sel - shown + 1;

	view_drift_columns_fit(r->w - 2, widths);
	ui_table_shown(u, UI_VIEW_DRIFT, widths);
	ui_colour_set(u, UI_C_HEADING, 0);
	for (i = 0, x = r->x + 2; i < VD_COL_COUNT; i++) {
		if (widths[i] == 0)
			continue;
		tw = ui_table_title(u, UI_VIEW_DRIFT, i,
		    view_drift_columns[i].title, widths[i], title,
		    sizeof(title));
		view_drift_cell(u, r->y + 1, x, i, tw, title);
		x += widths[i] + 1;
	}
	for (m = top, y = r->y + 2; m < n && m < top + shown; m++, y += 2) {
		view_drift_model(u, v, t[m].item, m == u->table_sel, y, r,
		    widths);
		ui_hit_add(u, y, r->x, r->w, 2, UI_HIT_ROW, m);
	}
	if ((top > 0 || m < n) && y < r->y + r->h) {
		snprintf(more, sizeof(more), "models %u-%u of %u", top + 1, m,
		    n);
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, y, r->x + 2, r->w - 2, more);
	}
}
