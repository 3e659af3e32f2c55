/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-heatmap.c: the selected venue's zones on its grid, and a zone table.
 *
 * The venue's layout is a grid of grid_w x grid_h cells; zones are
 * rectangles on it. The map scales the grid into the panel with one factor
 * for both axes, counting a terminal cell as twice as tall as it is wide, so
 * a square hall stays roughly square. Grid coordinates map to terminal
 * cells by integer division (col = x * cols / grid_w), so neighbouring zones
 * tile without gaps or overlaps; a zone too small to map still gets one cell.
 *
 * A zone is filled with its band's colour, or in monochrome with a shading
 * glyph per band, and labelled with its name and "D 2.41" (band, p/m2); the
 * band letter is the last thing dropped when space runs out, so the map
 * reads without colour.
 *
 * The table (name, kind, band, density, count, capacity use, trend) goes
 * below the map, or beside it when the map leaves enough width free. Its
 * columns are a const table; narrow panels drop the least useful first.
 *
 * One zone is selected (u->zone_sel): the arrows and hjkl move to the
 * nearest zone in that direction on the map. It carries the marker glyph
 * in the map and the table, and the lines under the table detail it:
 * density and band, count against capacity, the net flow in persons a
 * minute and the time to capacity, both fitted to the zone's recent counts
 * (store_zone.counts) with forecast.c, and its density trend.
 *
 * When the venue sends a density raster (persons per grid cell), zones are
 * filled from it instead, cell by cell, with the upper half block: its
 * foreground is the band of the upper half of the terminal cell, its
 * background the band of the lower half, so the map has twice as many rows
 * of colour as of text. A cell's band is its persons over the zone's area
 * per grid cell, banded by the zone's kind. This needs UTF-8 and colour
 * (u->half_blocks); otherwise, and when the raster is more than
 * VIEW_HEATMAP_RASTER_MS older than the venue's news, zones are filled
 * flat. Labels are drawn over either.
 *
 * A venue that is not live (stale, offline) is drawn with u->greyed set,
 * so its zones come out in the dim colour: what is shown is old. Letters
 * and values stay, so the last known state still reads.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/forecast.h"
#include "ui-priv.h"

/* Table width that earns a place beside the map rather than below it. */
#define VIEW_HEATMAP_SIDE_W	52

/* A raster cell's band holds until its density is this far past the edge. */
#define VIEW_HEATMAP_HYSTERESIS	0.15

/* A new raster is taken at most this often. */
#define VIEW_HEATMAP_RASTER_HOLD_MS	2000

/* A raster this much older than the venue's last message is not drawn. */
#define VIEW_HEATMAP_RASTER_MS	30000

/* Lines of the selected zone's detail under the table. */
#define VIEW_HEATMAP_DETAIL_H	3

/* Time to capacity: fit this much of the recent counts, look this far. */
#define VIEW_HEATMAP_FIT_MS	120000
#define VIEW_HEATMAP_HORIZON_S	3600.0
#define VIEW_HEATMAP_MIN_R2	0.5

/* The map's size in terminal cells (inside its border). */
struct view_heatmap_map {
	int	cols, rows;
};

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
	[VH_COL_NAME] =	   { "  Zone", 8, 18, 0, 0 },
	[VH_COL_KIND] =	   { "Kind",  8, 8,  0, 5 },
	[VH_COL_BAND] =	   { "Band",  4, 4,  0, 1 },
	[VH_COL_DENSITY] = { NULL,    6, 6,  1, 2 },
	[VH_COL_COUNT] =   { "Count", 6, 7,  1, 3 },
	[VH_COL_CAP] =	   { "Cap%",  5, 5,  1, 4 },
	[VH_COL_TREND] =   { "Trend", 8, 30, 0, 6 },
};

static const char *const view_heatmap_kinds[FOHP_ZK_COUNT] = {
	[FOHP_ZK_WALKWAY] = "walkway",
	[FOHP_ZK_STANDING] = "standing",
	[FOHP_ZK_QUEUE] = "queue",
};

/* Fit a gw x gh grid into at most aw x ah cells, 2:1 cell aspect. */
static struct view_heatmap_map
view_heatmap_fit(int gw, int gh, int aw, int ah)
{
	struct view_heatmap_map	m = { 0, 0 };
	double			sy;

	if (gw <= 0 || gh <= 0 || aw <= 0 || ah <= 0)
		return (m);
	sy = (double)ah / gh;
	if ((double)aw / (2.0 * gw) < sy)
		sy = (double)aw / (2.0 * gw);
	m.cols = (int)lround(gw * 2.0 * sy);
	m.rows = (int)lround(gh * sy);
	if (m.cols > aw)
		m.cols = aw;
	if (m.rows > ah)
		m.rows = ah;
	if (m.cols < 1)
		m.cols = 1;
	if (m.rows < 1)
		m.rows = 1;
	return (m);
}

/* The label "D 2.41" for a zone, or "-" without a sample. */
static void
view_heatmap_value(const struct store_zone *z, char *buf, size_t len)
{
	char	band = ui_zone_band(z);

	if (band == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%c %.2f", band, z->last.density);
}

/* Whether the venue's raster is drawn: fresh, and a screen that can. */
static int
view_heatmap_raster_on(const struct ui *u, const struct store_venue *v)
{
	return (v->raster != NULL && u->half_blocks && u->utf8 &&
	    v->link == STORE_LINK_LIVE &&
	    store_raster_fresh(v, VIEW_HEATMAP_RASTER_MS));
}

/*
 * Band the venue's raster into u->raster_bands, once per raster and at
 * most every VIEW_HEATMAP_RASTER_HOLD_MS. A cell keeps the band it had
 * while its density stays within VIEW_HEATMAP_HYSTERESIS of the boundary
 * it would cross: a count that wobbles by a person at a band's edge does
 * not make the cell flicker, nor send the terminal a colour change each
 * time. A map cell is many terminal cells on a big screen, so this is what
 * keeps a busy raster within a few KB/s over ssh (bench/RESULTS.md).
 */
static void
view_heatmap_raster_cache(struct ui *u, const struct store_venue *v,
    uint64_t now_ms)
{
	struct ui_raster_bands		*c = &u->raster_bands;
	const struct fohp_raster	*ra = v->raster;
	const struct fohp_zone_def	*d;
	double				 dens;
	unsigned			 zi, i, x, y;
	int				 same, b, lo, hi;

	same = c->venue == v && c->x == ra->x && c->y == ra->y &&
	    c->cols == ra->cols && c->rows == ra->rows;
	if (same && (c->seq == v->raster_seq ||
	    now_ms - c->drawn_ms < VIEW_HEATMAP_RASTER_HOLD_MS))
		return;
	c->drawn_ms = now_ms;
	if (!same)
		memset(c->band, -1, sizeof(c->band));
	for (zi = 0; zi < v->nzones; zi++) {
		d = &v->zones[zi].def;
		if (d->area_m2 <= 0)
			continue;
		for (y = d->y; y < (unsigned)d->y + d->h; y++) {
			for (x = d->x; x < (unsigned)d->x + d->w; x++) {
				if (x < ra->x || y < ra->y ||
				    x >= (unsigned)ra->x + ra->cols ||
				    y >= (unsigned)ra->y + ra->rows)
					continue;
				i = (y - ra->y) * ra->cols + (x - ra->x);
				dens = ra->cells[i] * d->w * d->h / d->area_m2;
				b = band_index(band_of(dens, d->kind));
				if (c->band[i] >= 0 && c->band[i] != b) {
					lo = band_index(band_of(dens * (1 -
					    VIEW_HEATMAP_HYSTERESIS), d->kind));
					hi = band_index(band_of(dens * (1 +
					    VIEW_HEATMAP_HYSTERESIS), d->kind));
					if (c->band[i] >= lo && c->band[i] <= hi)
						b = c->band[i];
				}
				c->band[i] = (int8_t)b;
			}
		}
	}
	c->venue = v;
	c->seq = v->raster_seq;
	c->x = ra->x;
	c->y = ra->y;
	c->cols = ra->cols;
	c->rows = ra->rows;
}

/* Band index of grid cell gx,gy from the banded raster, else fallback. */
static int
view_heatmap_raster_band(const struct ui *u, int fallback, int gx, int gy)
{
	const struct ui_raster_bands	*c = &u->raster_bands;
	int				 b;

	if (gx < c->x || gy < c->y || gx >= c->x + c->cols ||
	    gy >= c->y + c->rows)
		return (fallback);
	b = c->band[(gy - c->y) * c->cols + (gx - c->x)];
	return (b >= 0 ? b : fallback);
}

/*
 * Fill terminal rows r0..r1, columns c0..c1 of zone d (map-relative) from
 * the raster, two grid samples per cell: one at a quarter of its height,
 * one at three quarters.
 */
static void
view_heatmap_raster(struct ui *u, const struct store_venue *v,
    const struct fohp_zone_def *d, int fallback,
    const struct view_heatmap_map *m, int y0, int x0, int r0, int r1,
    int c0, int c1)
{
	int	x, y, gx, top, bottom;

	for (y = r0; y < r1; y++) {
		for (x = c0; x < c1; x++) {
			gx = (int)((2L * x + 1) * v->grid_w / (2L * m->cols));
			top = view_heatmap_raster_band(u, fallback, gx,
			    (int)((4L * y + 1) * v->grid_h / (4L * m->rows)));
			bottom = view_heatmap_raster_band(u, fallback, gx,
			    (int)((4L * y + 3) * v->grid_h / (4L * m->rows)));
			ui_colour_half(u, top, bottom);
			ui_print(u, y0 + y, x0 + x, 1, u->g->upper_half);
		}
	}
}

/*
 * Fill and label zone zi in the map whose inner top-left is y0,x0; if
 * clickable, a click on it selects it.
 */
static void
view_heatmap_zone(struct ui *u, const struct store_venue *v, unsigned zi,
    const struct view_heatmap_map *m, int y0, int x0, int selected,
    int clickable)
{
	const struct store_zone		*z = &v->zones[zi];
	const struct fohp_zone_def	*d = &z->def;
	int		 c0, c1, r0, r1, w, h, y, lw, ly;
	int		 bi = band_index(ui_zone_band(z));
	enum ui_slot	 slot = ui_colour_band(bi);	/* grey if old:
							   u->greyed */
	const char	*fill = " ", *pad, *lead;
	char		 value[32], both[160], letter[2] = { 0, 0 };

	c0 = (int)((long)d->x * m->cols / v->grid_w);
	c1 = (int)((long)(d->x + d->w) * m->cols / v->grid_w);
	r0 = (int)((long)d->y * m->rows / v->grid_h);
	r1 = (int)((long)(d->y + d->h) * m->rows / v->grid_h);
	if (c0 >= m->cols || r0 >= m->rows)
		return;		/* outside the grid */
	if (c1 > m->cols)
		c1 = m->cols;
	if (r1 > m->rows)
		r1 = m->rows;
	if (c1 <= c0)
		c1 = c0 + 1;
	if (r1 <= r0)
		r1 = r0 + 1;
	w = c1 - c0;
	h = r1 - r0;
	if (clickable)
		ui_hit_add(u, y0 + r0, x0 + c0, w, h, UI_HIT_ZONE, zi);

	if (u->colour == UI_MONO && bi >= 0)
		fill = u->g->shade[bi];
	ui_colour_set(u, slot, 0);
	if (view_heatmap_raster_on(u, v))
		view_heatmap_raster(u, v, d, bi, m, y0, x0, r0, r1, c0, c1);
	else {
		for (y = r0; y < r1; y++)
			ui_fill(u, y0 + y, x0 + c0, w, fill);
	}

	view_heatmap_value(z, value, sizeof(value));
	letter[0] = bi >= 0 ? (char)('A' + bi) : '-';

	/*
	 * Labels are padded with a space each side when the zone is 3 or more
	 * cells wide, so they stand clear of a monochrome shading glyph.
	 */
	pad = w >= 3 ? " " : "";
	lead = selected && w >= 3 ? u->g->marker : pad;
	lw = w;
	ui_colour_set(u, slot, A_BOLD | (selected ? A_UNDERLINE : 0));
	if (h >= 2 && w - 2 * (w >= 3) >= ui_width(u, value)) {
		ly = y0 + r0 + (h - 2) / 2;
		snprintf(both, sizeof(both), "%s%s%s", lead, d->name, pad);
		ui_print(u, ly, x0 + c0, lw, both);
		snprintf(both, sizeof(both), "%s%s%s", pad, value, pad);
		ui_print(u, ly + 1, x0 + c0, lw, both);
		return;
	}
	ly = y0 + r0 + (h - 1) / 2;
	snprintf(both, sizeof(both), "%s%s %s%s", lead, d->name, value, pad);
	if (ui_width(u, both) <= lw) {
		ui_print(u, ly, x0 + c0, lw, both);
		return;
	}
	snprintf(both, sizeof(both), "%s%s%s", lead, value, pad);
	if (ui_width(u, both) <= lw)
		ui_print(u, ly, x0 + c0, lw, both);
	else
		ui_print(u, ly, x0 + c0 + (w >= 3), 1, letter);
}

/*
 * Draw the map with its border at y,x; zone sel (-1: none) is marked, and
 * if clickable, a click on a zone selects it.
 */
static void
view_heatmap_map_draw(struct ui *u, const struct store_venue *v,
    const struct view_heatmap_map *m, int y, int x, int sel, int clickable)
{
	struct ui_rect	box = { x, y, m->cols + 2, m->rows + 2 };
	unsigned	i;

	ui_colour_set(u, UI_C_BORDER, 0);
	ui_box(u, &box);
	if (view_heatmap_raster_on(u, v))
		view_heatmap_raster_cache(u, v, u->now_ms);
	for (i = 0; i < v->nzones; i++)
		view_heatmap_zone(u, v, i, m, y + 1, x + 1, (int)i == sel,
		    clickable);
}

/* Take columns by priority while they fit in w; 0 width = dropped. */
static void
view_heatmap_columns_fit(int w, int widths[VH_COL_COUNT_])
{
	(void)ui_columns_fit(view_heatmap_columns, VH_COL_COUNT_, w, widths, NULL);
}

/* Grow the name and trend columns into the table's free width. */
static void
view_heatmap_columns_grow(int w, int widths[VH_COL_COUNT_])
{
	int	used = 0, i, n = 0, extra, grow;
	int	order[2] = { VH_COL_NAME, VH_COL_TREND };

	for (i = 0; i < VH_COL_COUNT_; i++) {
		if (widths[i] > 0) {
			used += widths[i];
			n++;
		}
	}
	used += n > 0 ? n - 1 : 0;
	extra = w - used;
	for (i = 0; i < 2 && extra > 0; i++) {
		int	c = order[i];

		if (widths[c] == 0)
			continue;
		grow = view_heatmap_columns[c].maxw - widths[c];
		if (grow > extra)
			grow = extra;
		widths[c] += grow;
		extra -= grow;
	}
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
	char		 buf[64];
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

/* Draw the zone table into r, from the row that keeps the selected shown. */
static void
view_heatmap_table(struct ui *u, const struct store_venue *v,
    const struct ui_rect *r)
{
	int		widths[VH_COL_COUNT_], i, x, y, rows;
	unsigned	z, shown, first = 0;

	if (r->w < 12 || r->h < 2)
		return;
	view_heatmap_columns_fit(r->w, widths);
	view_heatmap_columns_grow(r->w, widths);
	ui_colour_set(u, UI_C_HEADING, 0);
	for (i = 0, x = r->x; i < VH_COL_COUNT_; i++) {
		const char	*title = view_heatmap_columns[i].title;

		if (widths[i] == 0)
			continue;
		if (title == NULL)
			title = u->g->density_unit;
		view_heatmap_cell(u, r->y, x, i, widths[i], title);
		x += widths[i] + 1;
	}
	rows = r->h - 1;
	shown = v->nzones;
	if ((int)shown > rows) {
		shown = (unsigned)rows - 1;	/* keep a line for "N more" */
		if (u->zone_sel >= shown)
			first = u->zone_sel - shown + 1;
	}
	for (z = first, y = r->y + 1; z < first + shown; z++, y++)
		view_heatmap_row(u, &v->zones[z], y, r->x, widths,
		    z == u->zone_sel);
	if (shown < v->nzones) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_printf(u, y, r->x, r->w, "%s %u more", u->g->ellipsis,
		    v->nzones - shown);
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
		ui_duration(d, sizeof(d), (uint64_t)(fc.eta_s * 1000));
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

/* Draw the heading: name, agent, state if not live, sequence counters. */
static void
view_heatmap_heading(struct ui *u, const struct store_venue *v,
    const struct ui_rect *r, uint64_t now_ms)
{
	int	x, end = r->x + r->w;
	char	buf[128];

	x = ui_venue_heading(u, v, r, "", now_ms);
	if (v->agent[0] != '\0') {
		ui_colour_set(u, UI_C_DIM, 0);
		x += 2;
		x += ui_print(u, r->y, x, end - x, v->agent);
	}
	if (view_heatmap_raster_on(u, v)) {
		ui_colour_set(u, UI_C_DIM, 0);
		x += 2;
		x += ui_print(u, r->y, x, end - x, "raster");
	}
	ui_colour_set(u, UI_C_NORMAL, 0);
	snprintf(buf, sizeof(buf), "seq %llu, gaps %llu",
	    (unsigned long long)v->last_seq,
	    (unsigned long long)v->stats.gaps);
	if (end - x - 2 >= ui_width(u, buf))
		ui_print(u, r->y, x + 2, end - x - 2, buf);
}

/*
 * Share the table's rectangle with the selected zone's detail: the detail
 * goes a line after the table's rows if there is room, else at the bottom,
 * taking its lines from the table.
 */
static void
view_heatmap_split(const struct store_venue *v, struct ui_rect *table,
    struct ui_rect *detail)
{
	int	used = 1 + v->nzones;

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
	struct view_heatmap_map		 m;
	struct ui_rect			 table, detail;
	int				 by, bh, trows, side;

	if ((v = ui_venue_shown(u, s, r)) == NULL)
		return;
	view_heatmap_heading(u, v, r, now_ms);
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
	by = r->y + 1;
	bh = r->h - 1;
	if (bh < 3 || r->w < 4)
		return;

	/* Below: leave the table its header, rows and the zone detail. */
	trows = 1 + v->nzones + VIEW_HEATMAP_DETAIL_H;
	if (trows > bh / 2)
		trows = bh / 2;
	if (trows < 2 || bh - trows < 3)
		trows = 0;
	m = view_heatmap_fit(v->grid_w, v->grid_h, r->w - 2, bh - trows - 2);
	side = r->w - (m.cols + 2) - 1 >= VIEW_HEATMAP_SIDE_W;
	if (side) {
		m = view_heatmap_fit(v->grid_w, v->grid_h,
		    r->w - 3 - VIEW_HEATMAP_SIDE_W, bh - 2);
		table.x = r->x + m.cols + 3;
		table.y = by;
		table.w = r->w - (m.cols + 3);
		table.h = bh;
	} else {
		table.x = r->x;
		table.y = by + m.rows + 2;
		table.w = r->w;
		table.h = bh - (m.rows + 2);
	}
	view_heatmap_split(v, &table, &detail);
	view_heatmap_map_draw(u, v, &m, by, r->x, (int)u->zone_sel, 1);
	view_heatmap_table(u, v, &table);
	view_heatmap_detail(u, v, &v->zones[u->zone_sel], &detail);
}

/*
 * A compact map of venue vi in r, for views that show a heat map beside
 * something else (the alert queue on a small screen): a heading line with
 * the venue's name and link, then the map fitted to what is left, with the
 * zone whose id is zone (NULL: none) marked. Nothing if r is too small.
 */
void
view_heatmap_compact(struct ui *u, const struct store *s, unsigned vi,
    const char *zone, const struct ui_rect *r, uint64_t now_ms)
{
	const struct store_venue	*v;
	struct view_heatmap_map		 m;
	unsigned			 i;
	int				 sel = -1;

	if (vi >= s->nvenues || r->h < 4 || r->w < 8)
		return;
	v = s->venues[vi];
	view_heatmap_heading(u, v, r, now_ms);
	u->greyed = v->link != STORE_LINK_LIVE;
	if (!v->has_layout || v->grid_w == 0 || v->grid_h == 0)
		return;
	for (i = 0; zone != NULL && i < v->nzones; i++) {
		if (strcmp(v->zones[i].def.id, zone) == 0)
			sel = (int)i;
	}
	/* Few rows: stretch across the width, so labels fit, up to twice
	 * the true aspect. */
	m = view_heatmap_fit(v->grid_w, v->grid_h, r->w - 2, r->h - 3);
	m.cols = m.cols * 2 < r->w - 2 ? m.cols * 2 : r->w - 2;
	view_heatmap_map_draw(u, v, &m, r->y + 1, r->x, sel, 0);
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
