/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-map.c: a venue's zones drawn on its grid, for the heat map view and
 * for the compact map under the alert queue.
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
 * When the venue sends a density raster (persons per grid cell), zones are
 * filled from it instead, cell by cell, with the upper half block: its
 * foreground is the band of the upper half of the terminal cell, its
 * background the band of the lower half, so the map has twice as many rows
 * of colour as of text. A cell's band is its persons over the zone's area
 * per grid cell, banded by the zone's kind. This needs UTF-8 and colour
 * (u->half_blocks); otherwise, and when the raster is more than
 * UI_MAP_RASTER_MS older than the venue's news, zones are filled flat.
 * Labels are drawn over either.
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

/* Whether the venue's raster is drawn: fresh, and a screen that can. */
static int
ui_map_raster_on(const struct ui *u, const struct store_venue *v)
{
	return (v->raster != NULL && u->half_blocks && u->utf8 &&
	    !u->frugal && v->link == STORE_LINK_LIVE &&
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

/*
 * Fill terminal rows r0..r1, columns c0..c1 of zone d (map-relative) from
 * the raster, two grid samples per cell: one at a quarter of its height,
 * one at three quarters.
 */
static void
ui_map_raster(struct ui *u, const struct store_venue *v,
    const struct fohp_zone_def *d, int fallback,
    const struct ui_map *m, int y0, int x0, int r0, int r1,
    int c0, int c1)
{
	int	x, y, gx, top, bottom;

	for (y = r0; y < r1; y++) {
		for (x = c0; x < c1; x++) {
			gx = (int)((2L * x + 1) * v->grid_w / (2L * m->cols));
			top = ui_map_raster_band(u, fallback, gx,
			    (int)((4L * y + 1) * v->grid_h / (4L * m->rows)));
			bottom = ui_map_raster_band(u, fallback, gx,
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
ui_map_zone(struct ui *u, const struct store_venue *v, unsigned zi,
    const struct ui_map *m, int y0, int x0, int selected,
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
	if (ui_map_raster_on(u, v))
		ui_map_raster(u, v, d, bi, m, y0, x0, r0, r1, c0, c1);
	else {
		for (y = r0; y < r1; y++)
			ui_fill(u, y0 + y, x0 + c0, w, fill);
	}

	ui_map_value(z, value, sizeof(value));
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
void
ui_map_draw(struct ui *u, const struct store_venue *v,
    const struct ui_map *m, int y, int x, int sel, int clickable)
{
	struct ui_rect	box = { x, y, m->cols + 2, m->rows + 2 };
	unsigned	i;

	ui_colour_set(u, UI_C_BORDER, 0);
	ui_box(u, &box);
	if (ui_map_raster_on(u, v))
		ui_map_raster_cache(u, v, u->now_ms);
	for (i = 0; i < v->nzones; i++)
		ui_map_zone(u, v, i, m, y + 1, x + 1, (int)i == sel,
		    clickable);
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
