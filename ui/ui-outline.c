/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-outline.c: the lines between a venue's zones on the heat map.
 *
 * A map is drawn on a canvas of terminal cells whose outer ring is its
 * box. Zone edges are lines that lie on cells, as a table's rules do: every
 * distinct zone edge along an axis (and the grid's two ends) gets a line
 * position, neighbours share the line between them, and a zone's fill
 * and label go in the cells strictly inside its lines. Positions follow
 * the grid proportionally, pushed apart where needed so that two edges
 * are at least two cells apart and every zone keeps at least a cell of
 * its own (when the canvas has room for that at all).
 *
 * Lines are recorded per cell as four directions (up, down, left, right),
 * each none, light or heavy, and drawn once all zones have added theirs: a
 * cell where a zone's edge meets another's gets the tee or cross that joins
 * them, and an edge two zones share is drawn once. The selected zone adds
 * its edges heavy, so it is outlined in heavy lines (in ASCII '=' and '#')
 * whatever its neighbours are. UTF-8 has a box-drawing character for every
 * one of the 81 mixes of light and heavy; ASCII has '-', '|', '+'.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-priv.h"

/* Directions of a cell's lines: 2 bits each, 0 none, 1 light, 2 heavy. */
#define UI_OUTLINE_UP		0
#define UI_OUTLINE_DOWN		2
#define UI_OUTLINE_LEFT		4
#define UI_OUTLINE_RIGHT	6

/*
 * Box drawing by weight up + 3 down + 9 left + 27 right (U+2500 block;
 * generated from the characters' Unicode names).
 */
static const char *const ui_outline_utf8[81] = {
	" ", "\u2575", "\u2579", "\u2577", "\u2502", "\u257f", "\u257b",
	"\u257d", "\u2503",
	"\u2574", "\u2518", "\u251a", "\u2510", "\u2524", "\u2526", "\u2512",
	"\u2527", "\u2528",
	"\u2578", "\u2519", "\u251b", "\u2511", "\u2525", "\u2529", "\u2513",
	"\u252a", "\u252b",
	"\u2576", "\u2514", "\u2516", "\u250c", "\u251c", "\u251e", "\u250e",
	"\u251f", "\u2520",
	"\u2500", "\u2534", "\u2538", "\u252c", "\u253c", "\u2540", "\u2530",
	"\u2541", "\u2542",
	"\u257e", "\u2535", "\u2539", "\u252d", "\u253d", "\u2543", "\u2531",
	"\u2545", "\u2549",
	"\u257a", "\u2515", "\u2517", "\u250d", "\u251d", "\u2521", "\u250f",
	"\u2522", "\u2523",
	"\u257c", "\u2536", "\u253a", "\u252e", "\u253e", "\u2544", "\u2532",
	"\u2546", "\u254a",
	"\u2501", "\u2537", "\u253b", "\u252f", "\u253f", "\u2547", "\u2533",
	"\u2548", "\u254b",
};

/* Compare two ints, for qsort. */
static int
ui_outline_cmp(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return ((x > y) - (x < y));
}

/*
 * Lay an axis out: its edges (grid coordinates, 0 and end among them)
 * sorted and made unique, then placed on 0..size-1, at least widest
 * apart if there is room, else as far apart as there is.
 */
static void
ui_outline_axis(struct ui_outline_axis *a, int end, int size, int widest)
{
	int	i, n = 0, gap;

	qsort(a->grid, (size_t)a->n, sizeof(a->grid[0]), ui_outline_cmp);
	for (i = 0; i < a->n; i++) {
		if (a->grid[i] < 0 || a->grid[i] > end)
			continue;
		if (n == 0 || a->grid[i] != a->grid[n - 1])
			a->grid[n++] = a->grid[i];
	}
	a->n = n;
	for (gap = widest; gap >= 0; gap--) {
		for (i = 0; i < n; i++) {
			a->pos[i] = (int)((long)a->grid[i] * (size - 1) / end);
			if (i > 0 && a->pos[i] < a->pos[i - 1] + gap)
				a->pos[i] = a->pos[i - 1] + gap;
		}
		a->pos[n - 1] = size - 1;
		for (i = n - 2; i >= 0; i--) {
			if (a->pos[i] > a->pos[i + 1] - gap)
				a->pos[i] = a->pos[i + 1] - gap;
		}
		if (a->pos[0] >= 0)
			break;	/* room for this gap */
	}
	a->pos[0] = 0;
	for (i = 1; i < n; i++) {
		if (a->pos[i] < a->pos[i - 1])
			a->pos[i] = a->pos[i - 1];
	}
}

/*
 * Place venue v's zone edges on w x h positions, edges at least gap
 * apart where there is room (o's cells are not allocated). Returns 0, or
 * -1 if there is no grid or no room.
 */
int
ui_outline_place(struct ui_outline *o, const struct store_venue *v, int w,
    int h, int gap)
{
	const struct fohp_zone_def	*d;
	unsigned			 i;

	memset(o, 0, sizeof(*o));
	if (w < 2 || h < 2 || v->grid_w == 0 || v->grid_h == 0)
		return (-1);
	o->x.grid[o->x.n++] = 0;
	o->x.grid[o->x.n++] = v->grid_w;
	o->y.grid[o->y.n++] = 0;
	o->y.grid[o->y.n++] = v->grid_h;
	for (i = 0; i < v->nzones && i < FOHP_ZONES_MAX; i++) {
		d = &v->zones[i].def;
		o->x.grid[o->x.n++] = d->x;
		o->x.grid[o->x.n++] = d->x + d->w;
		o->y.grid[o->y.n++] = d->y;
		o->y.grid[o->y.n++] = d->y + d->h;
	}
	ui_outline_axis(&o->x, v->grid_w, w, gap);
	ui_outline_axis(&o->y, v->grid_h, h, gap);
	return (0);
}

/*
 * Place venue v's zone edges on a canvas of w x h cells (the map and its
 * box), two cells apart where there is room, so a zone keeps a cell inside
 * its lines. Returns 0, or -1 if out of memory (o is then empty).
 */
int
ui_outline_init(struct ui_outline *o, const struct store_venue *v, int w,
    int h)
{
	if (ui_outline_place(o, v, w, h, 2) < 0)
		return (-1);
	if ((o->cell = calloc((size_t)w * h, 1)) == NULL)
		return (-1);
	o->w = w;
	o->h = h;
	return (0);
}

/* Free what ui_outline_init took. */
void
ui_outline_free(struct ui_outline *o)
{
	free(o->cell);
	o->cell = NULL;
}

/* The position of grid coordinate g on the axis (clamped to its ends). */
int
ui_outline_pos(const struct ui_outline_axis *a, int g)
{
	int	lo = 0, hi = a->n - 1, mid;

	if (a->n == 0)
		return (0);
	if (g <= a->grid[0])
		return (a->pos[0]);
	if (g >= a->grid[hi])
		return (a->pos[hi]);
	while (hi - lo > 1) {	/* grid[lo] <= g < grid[hi] */
		mid = (lo + hi) / 2;
		if (a->grid[mid] <= g)
			lo = mid;
		else
			hi = mid;
	}
	return (a->pos[lo]);	/* edges are on the axis; others: the one before */
}

/*
 * The grid coordinate under canvas position t (a cell's index plus where
 * in it: 0.5 its middle): linear between the lines on either side, a
 * line standing for its edge's coordinate at its cell's middle.
 */
double
ui_outline_grid(const struct ui_outline_axis *a, double t)
{
	int	i;

	if (a->n < 2)
		return (0);
	for (i = 0; i < a->n - 2 && t >= a->pos[i + 1] + 0.5; i++)
		;
	if (a->pos[i + 1] == a->pos[i])
		return (a->grid[i]);
	return (a->grid[i] + (t - a->pos[i] - 0.5) *
	    (a->grid[i + 1] - a->grid[i]) / (a->pos[i + 1] - a->pos[i]));
}

/* Raise direction dir of cell x,y to weight. */
static void
ui_outline_mark(struct ui_outline *o, int x, int y, int dir, int weight)
{
	uint8_t	*c;

	if (x < 0 || y < 0 || x >= o->w || y >= o->h)
		return;
	c = &o->cell[y * o->w + x];
	if (((*c >> dir) & 3) < weight)
		*c = (uint8_t)((*c & ~(3 << dir)) | (weight << dir));
}

/*
 * Add the outline of the canvas rectangle from column c0, row r0 to
 * column c1, row r1 (its lines, inclusive) at weight 1 (light) or 2
 * (heavy).
 */
void
ui_outline_rect(struct ui_outline *o, int c0, int r0, int c1, int r1,
    int weight)
{
	int	x, y;

	for (x = c0; x < c1; x++) {
		ui_outline_mark(o, x, r0, UI_OUTLINE_RIGHT, weight);
		ui_outline_mark(o, x + 1, r0, UI_OUTLINE_LEFT, weight);
		ui_outline_mark(o, x, r1, UI_OUTLINE_RIGHT, weight);
		ui_outline_mark(o, x + 1, r1, UI_OUTLINE_LEFT, weight);
	}
	for (y = r0; y < r1; y++) {
		ui_outline_mark(o, c0, y, UI_OUTLINE_DOWN, weight);
		ui_outline_mark(o, c0, y + 1, UI_OUTLINE_UP, weight);
		ui_outline_mark(o, c1, y, UI_OUTLINE_DOWN, weight);
		ui_outline_mark(o, c1, y + 1, UI_OUTLINE_UP, weight);
	}
}

/*
 * The ASCII for a cell's lines: '-', '|' and '+' light; where a heavy
 * line runs, '=' along and '#' up or down or where lines meet.
 */
static const char *
ui_outline_ascii(unsigned up, unsigned down, unsigned left, unsigned right)
{
	int	vert = up || down, horiz = left || right;
	int	heavy = up == 2 || down == 2 || left == 2 || right == 2;

	if (horiz && !vert)
		return (heavy ? "=" : "-");
	if (vert && !horiz)
		return (heavy ? "#" : "|");
	return (heavy ? "#" : "+");
}

/* The glyph for a cell's lines (ui_outline.cell), UTF-8 or ASCII. */
const char *
ui_outline_glyph(unsigned c, int utf8)
{
	unsigned	up = (c >> UI_OUTLINE_UP) & 3;
	unsigned	down = (c >> UI_OUTLINE_DOWN) & 3;
	unsigned	left = (c >> UI_OUTLINE_LEFT) & 3;
	unsigned	right = (c >> UI_OUTLINE_RIGHT) & 3;

	if (up == 3 || down == 3 || left == 3 || right == 3)
		return ("?");	/* not a weight */
	if (c == 0)
		return (" ");
	if (utf8)
		return (ui_outline_utf8[up + 3 * down + 9 * left + 27 * right]);
	return (ui_outline_ascii(up, down, left, right));
}

/*
 * Draw the lines with the canvas's top left at y,x: light ones in the
 * border's colour, cells with a heavy line in the heading's, bold.
 */
void
ui_outline_draw(struct ui *u, const struct ui_outline *o, int y, int x)
{
	unsigned	c;
	int		i, j, heavy, was = -1;

	for (j = 0; j < o->h; j++) {
		for (i = 0; i < o->w; i++) {
			if ((c = o->cell[j * o->w + i]) == 0)
				continue;
			heavy = (c & 0xaa) != 0;	/* a weight of 2 */
			if (heavy != was) {
				if (heavy)
					ui_colour_set(u, UI_C_HEADING, A_BOLD);
				else
					ui_colour_set(u, UI_C_BORDER, 0);
				was = heavy;
			}
			ui_print(u, y + j, x + i, 1,
			    ui_outline_glyph(c, u->utf8));
		}
	}
}
