/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-map.c: a venue's zones drawn on its grid, for the heat map view and
 * for the compact map under the alert queue.
 *
 * The venue's layout is a grid of grid_w x grid_h cells; zones are
 * rectangles on it. The map scales the grid into the panel with one factor
 * for both axes, counting a terminal cell as twice as tall as it is wide, so
 * a square hall stays roughly square. Each zone is outlined (ui-outline.c):
 * its edges are lines on the canvas, shared with its neighbours, the map's
 * box the outermost of them, and its fill and label go inside; the
 * selected zone's outline is heavy. So where one zone ends and the next
 * begins shows even when both are in the same band. A small map (an
 * overview tile's, a heat map on a small terminal) is drawn with outlines
 * only if every zone keeps a cell inside its lines; else without them,
 * the zones filled solid from edge to edge inside the box, a cell each at
 * least, so none vanishes. An overview tile's map is filled flat by band
 * always (UI_MAP_NO_RASTER), colour or not.
 *
 * A zone is filled with its band's colour, or without colour (a terminal
 * without, or the mono theme) with a glyph per band that has more ink the
 * denser the band (ui_glyphs.shade: blank, dots, light to full shade; in
 * ASCII ' ' . : * % @), and labelled with its name and "D 2.41" (band,
 * p/m2); the band letter is the last thing dropped when space runs out, so
 * the map reads without colour.
 *
 * When the venue sends a density raster (persons per grid cell), zones are
 * filled from it instead, cell by cell, with the upper half block: its
 * foreground is the band of the upper half of the terminal cell, its
 * background the band of the lower half, so the map has twice as many rows
 * of colour as of text. A cell's band is its persons over the zone's area
 * per grid cell, banded by the zone's kind. This needs UTF-8 and colour
 * (u->half_blocks); without colour each cell takes the fill glyph of the
 * denser of its two halves, and no colour call is made. When the raster
 * is more than UI_MAP_RASTER_MS older than the venue's news, zones are
 * filled flat. Labels and outlines are drawn over either.
 *
 * A venue that is not live (stale, offline) is drawn with u->greyed set,
 * so its zones come out in the dim colour: what is shown is old. Letters
 * and values stay, so the last known state still reads.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ui-priv.h"

/* A raster cell's band holds until its density is this far past the edge. */
#define UI_MAP_HYSTERESIS	0.15

/* A new raster is taken at most this often. */
#define UI_MAP_RASTER_HOLD_MS	2000

/* A raster this much older than the venue's last message is not drawn. */
#define UI_MAP_RASTER_MS	30000

/* Fit a gw x gh grid into at most aw x ah cells, 2:1 cell aspect. */
struct ui_map
ui_map_fit(int gw, int gh, int aw, int ah)
{
	struct ui_map	m = { 0, 0 };
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
ui_map_value(const struct store_zone *z, char *buf, size_t len)
{
	char	band = ui_zone_band(z);

	if (band == 0)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%c %.2f", band, z->last.density);
}

/*
 * Whether the venue's raster is drawn: fresh, and a screen that can, in
 * half blocks of two colours, or without colour in fill glyphs.
 */
static int
ui_map_raster_on(const struct ui *u, const struct store_venue *v)
{
	return (v->raster != NULL && !u->frugal && (ui_colour_mono(u) ||
	    (u->half_blocks && u->utf8)) &&
	    v->link == STORE_LINK_LIVE &&
	    store_raster_fresh(v, UI_MAP_RASTER_MS));
}

/*
 * Band the venue's raster into u->raster_bands, once per raster and at
 * most every UI_MAP_RASTER_HOLD_MS. A cell keeps the band it had
 * while its density stays within UI_MAP_HYSTERESIS of the boundary
 * it would cross: a count that wobbles by a person at a band's edge does
 * not make the cell flicker, nor send the terminal a colour change each
 * time. A map cell is many terminal cells on a big screen, so this is what
 * keeps a busy raster within a few KB/s over ssh (bench/RESULTS.md).
 */
static void
ui_map_raster_cache(struct ui *u, const struct store_venue *v,
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
	    now_ms - c->drawn_ms < UI_MAP_RASTER_HOLD_MS))
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
					    UI_MAP_HYSTERESIS), d->kind));
					hi = band_index(band_of(dens * (1 +
					    UI_MAP_HYSTERESIS), d->kind));
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
ui_map_raster_band(const struct ui *u, int fallback, int gx, int gy)
{
	const struct ui_raster_bands	*c = &u->raster_bands;
	int				 b;

	if (gx < c->x || gy < c->y || gx >= c->x + c->cols ||
	    gy >= c->y + c->rows)
		return (fallback);
	b = c->band[(gy - c->y) * c->cols + (gx - c->x)];
	return (b >= 0 ? b : fallback);
}

/* Grid coordinate g as a cell of the span from lo, n cells long. */
static int
ui_map_clamp(double g, int lo, int n)
{
	int	c = (int)g;

	if (g < lo)
		return (lo);
	return (c >= lo + n ? lo + n - 1 : c);
}

/*
 * Fill the canvas cells from column c0, row r0 to before c1, r1 (zone d's
 * inside, the canvas at y0,x0) from the raster. With colour, two grid
 * samples per cell, at a quarter and three quarters of its height, in an
 * upper half block's two colours; without, the fill glyph of the worse of
 * the two.
 */
static void
ui_map_raster(struct ui *u, const struct store_venue *v,
    const struct fohp_zone_def *d, int fallback,
    const struct ui_outline *o, int y0, int x0, int r0, int r1,
    int c0, int c1)
{
	int	x, y, gx, top, bottom, mono = ui_colour_mono(u);

	for (y = r0; y < r1; y++) {
		for (x = c0; x < c1; x++) {
			gx = ui_map_clamp(ui_outline_grid(&o->x, x + 0.5),
			    d->x, d->w);
			top = ui_map_raster_band(u, fallback, gx,
			    ui_map_clamp(ui_outline_grid(&o->y, y + 0.25),
			    d->y, d->h));
			bottom = ui_map_raster_band(u, fallback, gx,
			    ui_map_clamp(ui_outline_grid(&o->y, y + 0.75),
			    d->y, d->h));
			if (mono) {
				if (bottom > top)
					top = bottom;
				ui_colour_shade(u, top);
				ui_print(u, y0 + y, x0 + x, 1, top >= 0 ?
				    u->g->shade[top] : " ");
				continue;
			}
			ui_colour_half(u, top, bottom);
			ui_print(u, y0 + y, x0 + x, 1, u->g->upper_half);
		}
	}
}

/*
 * Print a label in a zone's row at y,x, w wide: lead (the marker or a
 * space), text cut with an ellipsis to leave a space each side, then
 * " " and tail if given (the band letter after a cut name), then a space,
 * so a label stands clear of the fill around it.
 */
static void
ui_map_label(struct ui *u, int y, int x, int w, const char *lead,
    const char *text, const char *tail)
{
	int	end = x + w, tw = w - 2 - (tail != NULL ? 2 : 0);

	x += ui_print(u, y, x, 1, lead);
	if (tw > 0)
		x += ui_print_fit(u, y, x, tw, text);
	if (tail != NULL && end - x >= 3) {
		x += ui_print(u, y, x, 1, " ");
		x += ui_print(u, y, x, 1, tail);
	}
	if (x < end)
		ui_print(u, y, x, 1, " ");
}

/*
 * Fill and label zone zi on the canvas at y0,x0 (the map's box), inside
 * its outline; if clickable, a click on it selects it. When flat, o holds
 * the edges as the boundaries between the cells inside the box (no lines:
 * a zone is the cells from its first edge to before its last). The fill
 * is from the raster if raster is set and it is drawn, else solid.
 */
static void
ui_map_zone(struct ui *u, const struct store_venue *v, unsigned zi,
    const struct ui_outline *o, int y0, int x0, int selected,
    int clickable, int flat, int raster)
{
	const struct store_zone		*z = &v->zones[zi];
	const struct fohp_zone_def	*d = &z->def;
	int		 c0, c1, r0, r1, w, h, y, ly;
	int		 bi = band_index(ui_zone_band(z));
	enum ui_slot	 slot = ui_colour_band(bi);	/* grey if old:
							   u->greyed */
	const char	*lead;
	char		 value[32], both[160], letter[2] = { 0, 0 };

	if (d->x >= v->grid_w || d->y >= v->grid_h)
		return;		/* outside the grid */
	c0 = ui_outline_pos(&o->x, d->x) + 1;
	c1 = ui_outline_pos(&o->x, d->x + d->w) + flat;
	r0 = ui_outline_pos(&o->y, d->y) + 1;
	r1 = ui_outline_pos(&o->y, d->y + d->h) + flat;
	w = c1 - c0;
	h = r1 - r0;
	if (clickable)	/* a zone with no inside: its lines */
		ui_hit_add(u, y0 + r0 - (h <= 0), x0 + c0 - (w <= 0),
		    w > 0 ? w : 1, h > 0 ? h : 1, UI_HIT_ZONE, zi);
	if (w <= 0 || h <= 0)
		return;

	if (raster && ui_map_raster_on(u, v))
		ui_map_raster(u, v, d, bi, o, y0, x0, r0, r1, c0, c1);
	else if (ui_colour_mono(u)) {
		ui_colour_shade(u, bi);
		for (y = r0; y < r1; y++)
			ui_fill(u, y0 + y, x0 + c0, w, bi >= 0 ?
			    u->g->shade[bi] : " ");
	} else {
		ui_colour_set(u, slot, 0);
		for (y = r0; y < r1; y++)
			ui_fill(u, y0 + y, x0 + c0, w, " ");
	}

	ui_map_value(z, value, sizeof(value));
	letter[0] = bi >= 0 ? (char)('A' + bi) : '-';
	ui_colour_set(u, slot, A_BOLD | (selected ? A_UNDERLINE : 0));
	if (w < 3) {		/* the letter alone */
		ui_print(u, y0 + r0 + (h - 1) / 2, x0 + c0, 1, letter);
		return;
	}
	/*
	 * Labels stand a space clear of the zone's lines (the selected zone's
	 * marker takes the space on the left) and of a shading glyph. Two rows
	 * or more: the name, cut with an ellipsis if it must be, over the
	 * value, or the band letter if the value does not fit.
	 */
	lead = selected ? u->g->marker : " ";
	if (h >= 2) {
		ly = y0 + r0 + (h - 2) / 2;
		/* A name that cannot keep a character and the ellipsis is
		 * left out: its first letter alone would read as a band. */
		if (ui_width(u, d->name) <= w - 2 ||
		    w - 2 >= 1 + ui_width(u, u->g->ellipsis))
			ui_map_label(u, ly, x0 + c0, w, lead, d->name, NULL);
		else
			ui_map_label(u, ly, x0 + c0, w, lead, "", NULL);
		ui_map_label(u, ly + 1, x0 + c0, w, " ",
		    ui_width(u, value) <= w - 2 ? value : letter, NULL);
		return;
	}

	/*
	 * One row: name and value; name and letter; the name cut, if a
	 * character and the ellipsis fit before the letter; else the letter
	 * alone, never the name's first characters alone (the Dance floor's
	 * "D" would read as band D).
	 */
	snprintf(both, sizeof(both), "%s %s", d->name, value);
	if (ui_width(u, both) > w - 2)
		snprintf(both, sizeof(both), "%s %s", d->name, letter);
	if (ui_width(u, both) <= w - 2)
		ui_map_label(u, y0 + r0, x0 + c0, w, lead, both, NULL);
	else if (w - 4 >= 1 + ui_width(u, u->g->ellipsis))
		ui_map_label(u, y0 + r0, x0 + c0, w, lead, d->name, letter);
	else
		ui_map_label(u, y0 + r0, x0 + c0 + (w - 3) / 2, 3, lead,
		    letter, NULL);
}

/*
 * Whether outlines on a map of m's size leave every zone at least a row
 * and a column inside its lines.
 */
static int
ui_map_outlines_fit(const struct store_venue *v, const struct ui_map *m)
{
	struct ui_outline		 o;
	const struct fohp_zone_def	*d;
	unsigned			 i;

	if (ui_outline_place(&o, v, m->cols + 2, m->rows + 2, 2) < 0)
		return (0);
	for (i = 0; i < v->nzones; i++) {
		d = &v->zones[i].def;
		if (d->x >= v->grid_w || d->y >= v->grid_h)
			continue;	/* not drawn */
		if (ui_outline_pos(&o.x, d->x + d->w) -
		    ui_outline_pos(&o.x, d->x) < 2 ||
		    ui_outline_pos(&o.y, d->y + d->h) -
		    ui_outline_pos(&o.y, d->y) < 2)
			return (0);
	}
	return (1);
}

/*
 * The rows a map needs so that, drawn flat, each of venue v's zones keeps
 * a row: one per band of the grid between consecutive zone edges.
 */
int
ui_map_rows_need(const struct store_venue *v)
{
	struct ui_outline	o;

	if (ui_outline_place(&o, v, 2, 2, 0) < 0)
		return (0);
	return (o.y.n - 1);
}

/*
 * The map without outlines at y,x: its box, and inside it every zone in
 * solid fills, at least a cell each where the map has the room, labelled
 * (a narrow zone by its band letter alone).
 */
static void
ui_map_draw_flat(struct ui *u, const struct store_venue *v,
    const struct ui_map *m, int y, int x, int sel, int clickable)
{
	struct ui_outline	o;
	struct ui_rect		box = { x, y, m->cols + 2, m->rows + 2 };
	unsigned		i;

	ui_colour_set(u, UI_C_BORDER, 0);
	ui_box(u, &box);
	if (ui_outline_place(&o, v, m->cols + 1, m->rows + 1, 1) < 0)
		return;
	for (i = 0; i < v->nzones; i++)
		ui_map_zone(u, v, i, &o, y, x, (int)i == sel, clickable, 1, 0);
}

/*
 * Draw the map with its box at y,x: the zones filled and labelled inside
 * their outlines (ui-outline.c), the box the outermost of them, or, on a
 * map too small for every zone to keep a cell inside its lines, without
 * outlines, so that no zone vanishes. Zone sel (-1: none) is outlined
 * heavy and marked; if clickable, a click on a zone selects it.
 */
void
ui_map_draw(struct ui *u, const struct store_venue *v,
    const struct ui_map *m, int y, int x, int sel, int clickable)
{
	ui_map_draw_as(u, v, m, y, x, sel, clickable, UI_MAP_FIT);
}

/*
 * ui_map_draw, and how: UI_MAP_OUTLINED always outlines the zones;
 * UI_MAP_FIT only if every zone keeps a cell inside its lines, else the
 * map is drawn flat, without them (a small map: outlines there would
 * leave zones no room at all). With UI_MAP_NO_RASTER the zones are
 * filled flat by band even where the raster would be drawn (an overview
 * tile's: many maps a frame, and the raster cache holds one venue).
 */
void
ui_map_draw_as(struct ui *u, const struct store_venue *v,
    const struct ui_map *m, int y, int x, int sel, int clickable, int how)
{
	struct ui_outline		 o;
	const struct fohp_zone_def	*d;
	struct ui_rect	box = { x, y, m->cols + 2, m->rows + 2 };
	unsigned	i;
	int		raster = !(how & UI_MAP_NO_RASTER) &&
			    ui_map_raster_on(u, v);

	if ((how & UI_MAP_FIT) && !ui_map_outlines_fit(v, m)) {
		ui_map_draw_flat(u, v, m, y, x, sel, clickable);
		return;
	}
	if (ui_outline_init(&o, v, m->cols + 2, m->rows + 2) < 0) {
		ui_colour_set(u, UI_C_BORDER, 0);
		ui_box(u, &box);
		return;
	}
	ui_outline_rect(&o, 0, 0, o.w - 1, o.h - 1, 1);
	if (raster)
		ui_map_raster_cache(u, v, u->now_ms);
	for (i = 0; i < v->nzones; i++) {
		d = &v->zones[i].def;
		if (d->x >= v->grid_w || d->y >= v->grid_h)
			continue;
		ui_outline_rect(&o, ui_outline_pos(&o.x, d->x),
		    ui_outline_pos(&o.y, d->y),
		    ui_outline_pos(&o.x, d->x + d->w),
		    ui_outline_pos(&o.y, d->y + d->h), (int)i == sel ? 2 : 1);
	}
	for (i = 0; i < v->nzones; i++)
		ui_map_zone(u, v, i, &o, y, x, (int)i == sel, clickable, 0,
		    raster);
	ui_outline_draw(u, &o, y, x);
	ui_outline_free(&o);
}

/* Draw the heading: name, agent, state if not live, sequence counters. */
void
ui_map_heading(struct ui *u, const struct store_venue *v,
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
	if (ui_map_raster_on(u, v) || (u->frugal && v->raster != NULL)) {
		ui_colour_set(u, UI_C_DIM, 0);
		x += 2;
		x += ui_print(u, r->y, x, end - x, u->frugal ?
		    "slow link: no raster" : "raster");
	}
	ui_colour_set(u, UI_C_NORMAL, 0);
	snprintf(buf, sizeof(buf), "seq %llu, gaps %llu",
	    (unsigned long long)v->last_seq,
	    (unsigned long long)v->stats.gaps);
	if (end - x - 2 >= ui_width(u, buf))
		ui_print(u, r->y, x + 2, end - x - 2, buf);
}

/*
 * A compact map of venue vi in r, for views that show a heat map beside
 * something else (the alert queue on a small screen): a heading line with
 * the venue's name and link, then the map fitted to what is left, with the
 * zone whose id is zone (NULL: none) marked. Nothing if r is too small.
 */
void
ui_map_compact(struct ui *u, const struct store *s, unsigned vi,
    const char *zone, const struct ui_rect *r, uint64_t now_ms)
{
	const struct store_venue	*v;
	struct ui_map		 m;
	unsigned			 i;
	int				 sel = -1;

	if (vi >= s->nvenues || r->h < 4 || r->w < 8)
		return;
	v = s->venues[vi];
	ui_map_heading(u, v, r, now_ms);
	u->greyed = v->link != STORE_LINK_LIVE;
	if (!v->has_layout || v->grid_w == 0 || v->grid_h == 0)
		return;
	for (i = 0; zone != NULL && i < v->nzones; i++) {
		if (strcmp(v->zones[i].def.id, zone) == 0)
			sel = (int)i;
	}
	/* Few rows: stretch across the width, so labels fit, up to twice
	 * the true aspect. */
	m = ui_map_fit(v->grid_w, v->grid_h, r->w - 2, r->h - 3);
	m.cols = m.cols * 2 < r->w - 2 ? m.cols * 2 : r->w - 2;
	ui_map_draw(u, v, &m, r->y + 1, r->x, sel, 0);
}
