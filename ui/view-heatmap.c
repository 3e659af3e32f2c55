/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-heatmap.c: the selected venue's zones on its grid, and a zone table.
 *
 * The map itself (scaling, bands, the raster, outlines, labels) is
 * ui-map.c's, which the compact map under the alert queue draws too. Under
 * the map goes the band legend (ui-legend.c), a line per table of limits
 * the venue's zones need; its lines come off the map's height, and it is
 * left out where it fits nowhere.
 *
 * The table (name, kind, band, density, count, capacity use, trend) goes
 * below the map, or beside it when the map leaves enough width free. Its
 * columns are a const table; narrow panels drop the least useful first.
 *
 * The table sorts by any column but Trend and takes a "/" filter
 * (ui-table.c); the map always shows every zone.
 *
 * One zone is selected (u->zone_sel): the arrows and hjkl move to the
 * nearest zone in that direction on the map. It carries the marker glyph
 * in the map and the table, and the lines under the table detail it:
 * density and band, count against capacity, the net flow in persons a
 * minute and the time to capacity, both fitted to the zone's recent counts
 * (store_zone.counts) with forecast.c, and its density trend.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/forecast.h"
#include "ui-priv.h"

/* Table width that earns a place beside the map rather than below it. */
#define VIEW_HEATMAP_SIDE_W	52

/* Lines of the selected zone's detail under the table. */
#define VIEW_HEATMAP_DETAIL_H	3

/* Time to capacity: fit this much of the recent counts, look this far. */
#define VIEW_HEATMAP_FIT_MS	120000
#define VIEW_HEATMAP_HORIZON_S	3600.0
#define VIEW_HEATMAP_MIN_R2	0.5

/* Table columns, in display order. */
enum view_heatmap_col {
	VH_COL_NAME,
	VH_COL_KIND,
	VH_COL_BAND,
	VH_COL_DENSITY,
	VH_COL_COUNT,
	VH_COL_CAP,
	VH_COL_TREND,
	VH_COL_COUNT_
};

static const struct ui_column view_heatmap_columns[VH_COL_COUNT_] = {
	[VH_COL_NAME] =	   { "  Zone", 8, 40, 0, 0 },
	[VH_COL_KIND] =	   { "Kind",  8, 8,  0, 5 },
	[VH_COL_BAND] =	   { "Band",  4, 4,  0, 1 },
	[VH_COL_DENSITY] = { NULL,    6, 6,  1, 2 },
	[VH_COL_COUNT] =   { "Count", 6, 7,  1, 3 },
	[VH_COL_CAP] =	   { "Cap%",  5, 5,  1, 4 },
	[VH_COL_TREND] =   { "Trend", 5, 30, 0, 6 },
};

static const char *const view_heatmap_kinds[FOHP_ZK_COUNT] = {
	[FOHP_ZK_WALKWAY] = "walkway",
	[FOHP_ZK_STANDING] = "standing",
	[FOHP_ZK_QUEUE] = "queue",
};

/* Columns the table sorts by, and those that sort descending first. */
#define VH_SORTABLE	((1u << VH_COL_TREND) - 1)
#define VH_DESC_FIRST	((1u << VH_COL_BAND) | (1u << VH_COL_DENSITY) | \
			    (1u << VH_COL_COUNT) | (1u << VH_COL_CAP))

/* The zone table's columns, for sorting (ui-table.c). */
const struct ui_table_desc view_heatmap_sort = {
	view_heatmap_columns, VH_COL_COUNT_, VH_SORTABLE, VH_DESC_FIRST,
	"map order"
};

/*
 * The zones of v as the table lists them into rows: those that pass the
 * filter, in the sort's order. Returns how many.
 */
static unsigned
view_heatmap_rows(struct ui *u, const struct store_venue *v,
    struct ui_table_row *rows)
{
	const struct ui_table_state *st = ui_table_state(u, UI_VIEW_HEATMAP);
	unsigned	 i, n = 0;
	int		 bi;

	for (i = 0; i < v->nzones && i < FOHP_ZONES_MAX; i++) {
		const struct store_zone	*z = &v->zones[i];
		struct ui_table_row	*row = &rows[n];

		memset(row, 0, sizeof(*row));
		row->item = row->order = i;
		bi = band_index(ui_zone_band(z));
		row->str[VH_COL_NAME] = z->def.name;
		row->str[VH_COL_KIND] = (unsigned)z->def.kind < FOHP_ZK_COUNT ?
		    view_heatmap_kinds[z->def.kind] : "?";
		row->num[VH_COL_BAND] = bi >= 0 ? bi : NAN;
		row->num[VH_COL_DENSITY] = z->has_sample ? z->last.density :
		    NAN;
		row->num[VH_COL_COUNT] = z->has_sample ? z->last.count : NAN;
		row->num[VH_COL_CAP] = z->has_sample && z->def.capacity > 0 ?
		    (double)z->last.count / z->def.capacity : NAN;
		row->num[VH_COL_TREND] = NAN;
		row->text[0] = z->def.id;
		if (ui_table_match(row, ui_table_filter_text(u,
		    UI_VIEW_HEATMAP)))
			n++;
	}
	ui_table_sort(rows, n, st->col, st->desc);
	return (n);
}

/*
 * Size the table to w from v's zone names (ui_columns_size): the names
 * whole before the kind and the trend are let in, then what the names do
 * not need goes to the trend, and what it does not need is left blank.
 */
static void
view_heatmap_columns_size(struct ui *u, const struct store_venue *v, int w,
    int widths[VH_COL_COUNT_])
{
	struct ui_column	c[VH_COL_COUNT_];
	int			want[VH_COL_COUNT_], i, nw, grow;
	unsigned		z;

	memcpy(c, view_heatmap_columns, sizeof(c));
	for (i = 0; i < VH_COL_COUNT_; i++)
		want[i] = c[i].minw;	/* numbers and words: room enough */
	want[VH_COL_TREND] = c[VH_COL_TREND].maxw;
	want[VH_COL_NAME] = c[VH_COL_NAME].minw;
	for (z = 0; z < v->nzones; z++) {
		nw = 2 + ui_width(u, v->zones[z].def.name);	/* marker */
		if (nw > want[VH_COL_NAME])
			want[VH_COL_NAME] = nw;
	}
	if (want[VH_COL_NAME] > 40)
		want[VH_COL_NAME] = 40;
	c[VH_COL_NAME].maxw = want[VH_COL_NAME];
	(void)ui_columns_size(c, VH_COL_COUNT_, w, want, VH_COL_NAME, widths);
	if (widths[VH_COL_NAME] > want[VH_COL_NAME] && widths[VH_COL_TREND] > 0) {
		grow = widths[VH_COL_NAME] - want[VH_COL_NAME];
		if (grow > c[VH_COL_TREND].maxw - widths[VH_COL_TREND])
			grow = c[VH_COL_TREND].maxw - widths[VH_COL_TREND];
		if (grow > 0) {
			widths[VH_COL_TREND] += grow;
			widths[VH_COL_NAME] -= grow;
		}
	}
	if (widths[VH_COL_NAME] > want[VH_COL_NAME])	/* room left over */
		widths[VH_COL_NAME] = want[VH_COL_NAME];
}

/* Draw a density sparkline, newest at the right, w cells. */
static void
view_heatmap_spark(struct ui *u, const struct store_zone *z, int y, int x,
    int w)
{
	double	top = band_upper('E', z->def.kind);

	ui_spark(u, &z->hist, top > 0 ? top : 5.0, y, x, w);
}

/* Print text in a column, right-aligned if the column says so. */
static void
view_heatmap_cell(struct ui *u, int y, int x, int col, int w,
    const char *text)
{
	ui_cell(u, &view_heatmap_columns[col], y, x, w, text);
}

/* Draw one zone's row of the table. */
static void
view_heatmap_row(struct ui *u, const struct store_zone *z, int y, int x,
    const int widths[VH_COL_COUNT_], int selected)
{
	char		 buf[FOHP_NAME_MAX + 16];
	const char	*kind;
	int		 i, bi = band_index(ui_zone_band(z));

	for (i = 0; i < VH_COL_COUNT_; i++) {
		if (widths[i] == 0)
			continue;
		ui_colour_set(u, UI_C_NORMAL, 0);
		buf[0] = '\0';
		switch (i) {
		case VH_COL_NAME:
			snprintf(buf, sizeof(buf), "%s %s",
			    selected ? u->g->marker : " ", z->def.name);
			if (selected)
				ui_colour_set(u, UI_C_SELECTED, 0);
			break;
		case VH_COL_KIND:
			kind = (unsigned)z->def.kind < FOHP_ZK_COUNT ?
			    view_heatmap_kinds[z->def.kind] : "?";
			snprintf(buf, sizeof(buf), "%s", kind);
			break;
		case VH_COL_BAND:
			snprintf(buf, sizeof(buf), " %c ",
			    bi >= 0 ? 'A' + bi : '-');
			ui_colour_set(u, ui_colour_band(bi), 0);
			break;
		case VH_COL_DENSITY:
			if (z->has_sample)
				snprintf(buf, sizeof(buf), "%.2f",
				    z->last.density);
			else
				snprintf(buf, sizeof(buf), "-");
			break;
		case VH_COL_COUNT:
			if (z->has_sample)
				snprintf(buf, sizeof(buf), "%u",
				    (unsigned)z->last.count);
			else
				snprintf(buf, sizeof(buf), "-");
			break;
		case VH_COL_CAP:
			if (z->has_sample && z->def.capacity > 0)
				snprintf(buf, sizeof(buf), "%.0f%%", 100.0 *
				    z->last.count / z->def.capacity);
			else
				snprintf(buf, sizeof(buf), "-");
			break;
		case VH_COL_TREND:
			view_heatmap_spark(u, z, y, x, widths[i]);
			break;
		}
		view_heatmap_cell(u, y, x, i, widths[i], buf);
		x += widths[i] + 1;
	}
}

/*
 * Draw the zone table (rows, n of them) into r, from the row that keeps
 * the selected zone shown.
 */
static void
view_heatmap_table(struct ui *u, const struct store_venue *v,
    const struct ui_rect *r, const struct ui_table_row *rows, unsigned n)
{
	int		widths[VH_COL_COUNT_], i, x, y, nrows, tw;
	unsigned	k, shown, first = 0, at = 0;
	char		title[32];

	(void)v;
	if (r->w < 12 || r->h < 2)
		return;
	view_heatmap_columns_size(u, v, r->w, widths);
	ui_table_shown(u, UI_VIEW_HEATMAP, widths);
	ui_colour_set(u, UI_C_HEADING, 0);
	for (i = 0, x = r->x; i < VH_COL_COUNT_; i++) {
		const char	*t = view_heatmap_columns[i].title;

		if (widths[i] == 0)
			continue;
		if (t == NULL)
			t = u->g->density_unit;
		tw = ui_table_title(u, UI_VIEW_HEATMAP, i, t, widths[i],
		    title, sizeof(title));
		view_heatmap_cell(u, r->y, x, i, tw, title);
		x += widths[i] + 1;
	}
	for (k = 0; k < n; k++) {
		if (rows[k].item == u->zone_sel)
			at = k;
	}
	nrows = r->h - 1;
	shown = n;
	if ((int)shown > nrows) {
		shown = (unsigned)nrows - 1;	/* keep a line for "N more" */
		if (at >= shown)
			first = at - shown + 1;
	}
	for (k = first, y = r->y + 1; k < first + shown; k++, y++) {
		view_heatmap_row(u, &v->zones[rows[k].item], y, r->x, widths,
		    rows[k].item == u->zone_sel);
		ui_hit_add(u, y, r->x, r->w, 1, UI_HIT_ZONE, rows[k].item);
	}
	if (shown < n) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_printf(u, y, r->x, r->w, "%s %u more", u->g->ellipsis,
		    n - shown);
	} else if (n == 0) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, r->y + 1, r->x, r->w, "no zone matches the filter");
	}
}

/* "full in 3m20s", "not filling", ...: the zone's time to capacity. */
static void
view_heatmap_ttc(const struct store_zone *z, char *buf, size_t len)
{
	struct forecast	fc;
	char		d[32];

	if (z->def.capacity == 0) {
		snprintf(buf, len, "capacity not set");
		return;
	}
	if (z->last.count >= z->def.capacity) {
		snprintf(buf, len, "%s capacity",
		    z->last.count > z->def.capacity ? "over" : "at");
		return;
	}
	switch (forecast_eval(&z->counts, VIEW_HEATMAP_FIT_MS,
	    z->def.capacity, VIEW_HEATMAP_HORIZON_S, VIEW_HEATMAP_MIN_R2,
	    &fc)) {
	case FORECAST_CROSSING:
		ui_span(d, sizeof(d), (uint64_t)(fc.eta_s * 1000));
		snprintf(buf, len, "full in %s", d);
		break;
	case FORECAST_ALREADY:
		snprintf(buf, len, "at capacity");
		break;
	case FORECAST_NOT_RISING:
		snprintf(buf, len, "not filling");
		break;
	case FORECAST_BEYOND:
		snprintf(buf, len, "not full within 1h");
		break;
	case FORECAST_POOR_FIT:
		snprintf(buf, len, "no steady trend");
		break;
	default:
		snprintf(buf, len, "time to capacity pending");
		break;
	}
}

/*
 * The selected zone in detail, up to three lines at r:
 *   > Dance floor  standing, 150 m2
 *     F 5.43 p/m2, 815 persons of 600 (136%)
 *     net +12/min, full in 3m20s  trend ..::-==
 */
static void
view_heatmap_detail(struct ui *u, const struct store_venue *v,
    const struct store_zone *z, const struct ui_rect *r)
{
	const char	*kind;
	char		 buf[160], ttc[48], flow[32];
	double		 rate;
	int		 x, bi = band_index(ui_zone_band(z));

	if (r->h < 1 || r->w < 12)
		return;
	kind = (unsigned)z->def.kind < FOHP_ZK_COUNT ?
	    view_heatmap_kinds[z->def.kind] : "?";
	ui_colour_set(u, UI_C_HEADING, 0);
	x = r->x + ui_printf(u, r->y, r->x, r->w, "%s %s", u->g->marker,
	    z->def.name);
	ui_colour_set(u, UI_C_DIM, 0);
	ui_printf(u, r->y, x, r->x + r->w - x, "  %s, %.0f m%s", kind,
	    z->def.area_m2, u->utf8 ? "\u00b2" : "2");
	if (r->h < 2)
		return;
	x = r->x + 2;
	if (!z->has_sample) {
		ui_colour_set(u, UI_C_NODATA, 0);
		ui_print(u, r->y + 1, x, r->w - 2, "no sample yet");
		return;
	}
	ui_colour_set(u, ui_colour_band(bi), A_BOLD);
	x += ui_printf(u, r->y + 1, x, r->x + r->w - x, " %c ",
	    bi >= 0 ? 'A' + bi : '-');
	ui_colour_set(u, UI_C_NORMAL, 0);
	if (z->def.capacity > 0)
		snprintf(buf, sizeof(buf), "%.2f %s, %u persons of %u (%.0f%%)",
		    z->last.density, u->g->density_unit,
		    (unsigned)z->last.count, (unsigned)z->def.capacity,
		    100.0 * z->last.count / z->def.capacity);
	else
		snprintf(buf, sizeof(buf), "%.2f %s, %u persons",
		    z->last.density, u->g->density_unit,
		    (unsigned)z->last.count);
	ui_print(u, r->y + 1, x, r->x + r->w - x, buf);
	if (r->h < 3)
		return;
	rate = forecast_rate(&z->counts, VIEW_HEATMAP_FIT_MS / 2);
	if (isnan(rate))
		snprintf(flow, sizeof(flow), "net flow pending");
	else
		snprintf(flow, sizeof(flow), "net %+.0f/min", rate);
	view_heatmap_ttc(z, ttc, sizeof(ttc));
	snprintf(buf, sizeof(buf), "%s, %s", flow, ttc);
	x = r->x + 2 + ui_print(u, r->y + 2, r->x + 2, r->w - 2, buf);
	if (r->x + r->w - x >= 10) {
		ui_colour_set(u, UI_C_DIM, 0);
		x += ui_print(u, r->y + 2, x, 8, "  trend ");
		ui_colour_set(u, UI_C_NORMAL, 0);
		view_heatmap_spark(u, z, r->y + 2, x,
		    r->x + r->w - x < (int)z->hist.len ? r->x + r->w - x :
		    (int)z->hist.len);
	}
}

/*
 * Share the table's rectangle with the selected zone's detail: the detail
 * goes a line after the table's rows if there is room, else at the bottom,
 * taking its lines from the table.
 */
static void
view_heatmap_split(unsigned nrows, struct ui_rect *table,
    struct ui_rect *detail)
{
	int	used = 1 + (int)(nrows > 0 ? nrows : 1);

	*detail = *table;
	detail->h = 0;
	if (table->h < 2 + VIEW_HEATMAP_DETAIL_H)
		return;
	detail->h = VIEW_HEATMAP_DETAIL_H;
	if (table->h >= used + 1 + VIEW_HEATMAP_DETAIL_H) {
		detail->y = table->y + used + 1;
		table->h = used;
	} else {
		detail->y = table->y + table->h - VIEW_HEATMAP_DETAIL_H;
		table->h -= VIEW_HEATMAP_DETAIL_H;
	}
}

/* Draw the selected venue's heat map, zone table and zone detail into r. */
void
view_heatmap_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	const struct store_venue	*v;
	struct ui_map		 m;
	struct ui_rect			 table, detail, head;
	/* ~70 KB: not on the stack every frame. The UI has one thread. */
	static struct ui_table_row	 rows[FOHP_ZONES_MAX];
	int				 by, bh, trows, side, lh, lw, ly, need;
	unsigned			 kinds, n, k;

	if ((v = ui_venue_shown(u, s, r)) == NULL)
		return;
	n = view_heatmap_rows(u, v, rows);
	head = *r;
	head.w -= ui_table_heading(u, UI_VIEW_HEATMAP, r, n, v->nzones);
	ui_map_heading(u, v, &head, now_ms);
	u->greyed = v->link != STORE_LINK_LIVE;
	if (!v->has_layout || v->grid_w == 0 || v->grid_h == 0) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_printf(u, r->y + 2, r->x + 1, r->w - 1,
		    "waiting for layout from %s%s", v->name, u->g->ellipsis);
		return;
	}
	if (u->zone_sel >= v->nzones || u->zone_venue != v) {
		u->zone_sel = 0;	/* another venue: its first zone */
		u->zone_venue = v;
	}
	if (u->zone_refilter && n > 0) {	/* a new filter: a zone in it */
		for (k = 0; k < n && rows[k].item != u->zone_sel; k++)
			;
		if (k == n)
			u->zone_sel = rows[0].item;
	}
	u->zone_refilter = 0;
	by = r->y + 1;
	bh = r->h - 1;
	if (bh < 3 || r->w < 4)
		return;
	/* The band legend goes under the map: its lines come off the map's
	 * height, and if it fits nowhere it is left out. */
	kinds = ui_legend_kinds(v);
	lh = ui_legend_lines(u, kinds, r->w - 1);
	if (bh - lh < 3)
		lh = 0;
	/* The map keeps a row for each of its zones, so that none vanishes,
	 * and the table its header, a zone and a line under it: the legend
	 * gives way to them first. */
	need = ui_map_rows_need(v) + 2;
	if (lh > 0 && bh - lh < need + 3 && bh >= need + 3)
		lh = 0;
	bh -= lh;

	/* Below: leave the table its header, rows and the zone detail. */
	trows = 1 + (int)(n > 0 ? n : 1) + VIEW_HEATMAP_DETAIL_H;
	if (trows > bh / 2)
		trows = bh / 2;
	if (bh - trows < need)
		trows = bh - need;
	if (trows < 2 || bh - trows < 3)
		trows = 0;
	m = ui_map_fit(v->grid_w, v->grid_h, r->w - 2, bh - trows - 2);
	side = r->w - (m.cols + 2) - 1 >= VIEW_HEATMAP_SIDE_W;
	if (side) {
		m = ui_map_fit(v->grid_w, v->grid_h,
		    r->w - 3 - VIEW_HEATMAP_SIDE_W, bh - 2);
		table.x = r->x + m.cols + 3;
		table.y = by;
		table.w = r->w - (m.cols + 3);
		table.h = bh;
		/* The legend under the map if it fits there, else across
		 * the bottom, under the table too. */
		ly = by + m.rows + 2;
		lw = m.cols + 1;
		if (ui_legend_lines(u, kinds, lw) == lh)
			table.h += lh;
		else {
			ly = by + bh;
			lw = r->w - 1;
		}
	} else {
		table.x = r->x;
		table.y = by + m.rows + 2 + lh;
		table.w = r->w;
		table.h = bh - (m.rows + 2);
		ly = by + m.rows + 2;
		lw = r->w - 1;
	}
	view_heatmap_split(n, &table, &detail);
	ui_map_draw(u, v, &m, by, r->x, (int)u->zone_sel, 1);
	if (lh > 0)
		ui_legend_draw(u, kinds, ly, r->x + 1, lw);
	view_heatmap_table(u, v, &table, rows, n);
	view_heatmap_detail(u, v, &v->zones[u->zone_sel], &detail);
}

/*
 * The nearest zone from zone "from" in direction dx,dy (one of them 0), by
 * centres on the grid: distance along the direction plus twice the
 * distance across it. -1 if no zone lies that way.
 */
static int
view_heatmap_step(const struct store_venue *v, unsigned from, int dx, int dy)
{
	const struct fohp_zone_def	*f = &v->zones[from].def, *d;
	long	cx = 2L * f->x + f->w, cy = 2L * f->y + f->h;
	long	along, across, dist, best_dist = 0;
	int	best = -1;
	unsigned i;

	for (i = 0; i < v->nzones; i++) {
		if (i == from)
			continue;
		d = &v->zones[i].def;
		along = dx != 0 ? (2L * d->x + d->w - cx) * dx :
		    (2L * d->y + d->h - cy) * dy;
		across = dx != 0 ? labs(2L * d->y + d->h - cy) :
		    labs(2L * d->x + d->w - cx);
		if (along <= 0)
			continue;
		dist = along + 2 * across;
		if (best < 0 || dist < best_dist) {
			best = (int)i;
			best_dist = dist;
		}
	}
	return (best);
}

/* The heat map's keys: arrows and hjkl move between zones on the map. */
int
view_heatmap_key(struct ui *u, const struct store *s, int key)
{
	const struct store_venue	*v;
	int				 dx = 0, dy = 0, to;

	switch (key) {
	case KEY_LEFT:
	case 'h':
		dx = -1;
		break;
	case KEY_RIGHT:
	case 'l':
		dx = 1;
		break;
	case KEY_UP:
	case 'k':
		dy = -1;
		break;
	case KEY_DOWN:
	case 'j':
		dy = 1;
		break;
	default:
		return (0);
	}
	if (u->selected >= s->nvenues)
		return (UI_HANDLED);
	v = s->venues[u->selected];
	if (v->nzones == 0 || v != u->zone_venue)
		return (UI_HANDLED);	/* not drawn yet */
	if (u->zone_sel >= v->nzones)
		u->zone_sel = 0;
	if ((to = view_heatmap_step(v, u->zone_sel, dx, dy)) < 0)
		return (UI_HANDLED);
	u->zone_sel = (unsigned)to;
	return (UI_HANDLED | UI_REDRAW);
}
