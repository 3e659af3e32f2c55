/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-legend.c: what the heat map's letters and fills mean.
 *
 * A legend line is a scale: a swatch per band, in the band's fill (its
 * colour; without colour its fill glyph) with the letter on it, and between
 * two swatches the density in p/m2 where the one ends and the next begins
 * (band.c's upper bounds):
 *
 *   walkway          A 0.31 B 0.43 C 0.72 D 1.08 E 2.17 F  p/m2
 *   standing, queue  A 0.83 B 1.11 C 1.43 D 3.33 E 5.00 F  p/m2
 *
 * Walkways have a table of their own; standing areas and queues share the
 * other, so a venue needs one line or two. When the width is short the
 * kind is shortened or left out, the spaces around the numbers go, then
 * the unit.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-priv.h"

/* The legend's two tables: walkways; standing areas and queues. */
#define UI_LEGEND_WALKWAY	(1u << FOHP_ZK_WALKWAY)
#define UI_LEGEND_STANDING	(1u << FOHP_ZK_STANDING | 1u << FOHP_ZK_QUEUE)

/* The kinds of venue v's zones, a bit each. */
unsigned
ui_legend_kinds(const struct store_venue *v)
{
	unsigned	i, kinds = 0;

	for (i = 0; i < v->nzones; i++) {
		if ((unsigned)v->zones[i].def.kind < FOHP_ZK_COUNT)
			kinds |= 1u << v->zones[i].def.kind;
	}
	return (kinds);
}

/*
 * The kind label of a line: full, short, none, or a letter (level 0, 1,
 * 2, 3). One line may go without; two lines never: their scales differ.
 */
static const char *
ui_legend_label(unsigned line, int level)
{
	if (level == 2)
		return ("");
	if (line & UI_LEGEND_WALKWAY)
		return (level == 0 ? "walkway" : level == 1 ? "walk" : "w");
	if ((line & UI_LEGEND_STANDING) == UI_LEGEND_STANDING)
		return (level == 0 ? "standing, queue" : level == 1 ?
		    "stand" : "s");
	if (line & (1u << FOHP_ZK_QUEUE))
		return (level == 3 ? "q" : "queue");
	return (level == 0 ? "standing" : level == 1 ? "stand" : "s");
}

/* The tables kinds needs, as line masks: returns how many (0..2). */
static int
ui_legend_split(unsigned kinds, unsigned line[2])
{
	int	n = 0;

	if (kinds & UI_LEGEND_WALKWAY)
		line[n++] = UI_LEGEND_WALKWAY;
	if (kinds & UI_LEGEND_STANDING)
		line[n++] = kinds & UI_LEGEND_STANDING;
	return (n);
}

/*
 * The layout that fits w: label level (0..3), gap around the numbers
 * (1 or 0), unit (1 or 0), and the label column's width. -1 if none fits:
 * two lines without labels would be two rows of numbers nobody can tell
 * apart, so they get a letter at least, or no legend.
 */
static int
ui_legend_fit(struct ui *u, const unsigned line[2], int n, int w,
    int *level, int *gap, int *unit, int *labw)
{
	static const int	tries[][3] = {	/* level, gap, unit */
		{ 0, 1, 1 }, { 1, 1, 1 }, { 0, 0, 1 }, { 1, 0, 1 },
		{ 2, 1, 1 }, { 3, 1, 1 }, { 2, 0, 1 }, { 3, 0, 1 },
		{ 1, 0, 0 }, { 2, 0, 0 }, { 3, 0, 0 },
	};
	size_t	t;
	int	i, need, lw;

	for (t = 0; t < sizeof(tries) / sizeof(tries[0]); t++) {
		if (n == 1 && (tries[t][0] == 1 || tries[t][0] == 3))
			continue;	/* one line: its kind whole or not */
		if (n == 2 && tries[t][0] == 2)
			continue;	/* two: each labelled */
		lw = 0;
		for (i = 0; i < n; i++) {
			int	l = ui_width(u, ui_legend_label(line[i],
			    tries[t][0]));

			if (l > lw)
				lw = l;
		}
		need = (lw > 0 ? lw + 2 : 0) + BAND_COUNT * 3 +
		    (BAND_COUNT - 1) * (4 + 2 * tries[t][1]) +
		    (tries[t][2] ? 2 + ui_width(u, u->g->density_unit) : 0);
		if (need <= w) {
			*level = tries[t][0];
			*gap = tries[t][1];
			*unit = tries[t][2];
			*labw = lw;
			return (0);
		}
	}
	return (-1);
}

/* How many lines the legend of kinds takes in width w (0: it does not fit). */
int
ui_legend_lines(struct ui *u, unsigned kinds, int w)
{
	unsigned	line[2];
	int		n, level, gap, unit, labw;

	n = ui_legend_split(kinds, line);
	if (n == 0 || ui_legend_fit(u, line, n, w, &level, &gap, &unit,
	    &labw) < 0)
		return (0);
	return (n);
}

/*
 * Draw band index band's swatch at y,x: three cells of its fill with its
 * letter in the middle. Returns its width.
 */
int
ui_legend_swatch(struct ui *u, int band, int y, int x)
{
	char	letter[2] = { (char)('A' + band), '\0' };

	if (ui_colour_mono(u)) {
		ui_colour_shade(u, band);
		ui_print(u, y, x, 1, u->g->shade[band]);
		ui_print(u, y, x + 2, 1, u->g->shade[band]);
	} else {
		ui_colour_set(u, ui_colour_band(band), 0);
		ui_fill(u, y, x, 3, " ");
	}
	ui_colour_set(u, ui_colour_band(band), A_BOLD);
	ui_print(u, y, x + 1, 1, letter);
	return (3);
}

/*
 * Draw line i of the legend for kinds at y,x in w columns, laid out as
 * the whole legend is (the help view draws it a line at a time). Returns
 * 1, or 0 if there is no such line or the legend does not fit.
 */
int
ui_legend_draw_line(struct ui *u, unsigned kinds, int i, int y, int x,
    int w)
{
	unsigned		line[2];
	int			n, b, cx, level, gap, unit, labw;
	char			num[16];
	enum fohp_zone_kind	k;

	n = ui_legend_split(kinds, line);
	if (i < 0 || i >= n || ui_legend_fit(u, line, n, w, &level, &gap,
	    &unit, &labw) < 0)
		return (0);
	k = line[i] & UI_LEGEND_WALKWAY ? FOHP_ZK_WALKWAY : FOHP_ZK_STANDING;
	cx = x;
	if (labw > 0) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, y, cx, labw, ui_legend_label(line[i], level));
		cx += labw + 2;
	}
	for (b = 0; b < BAND_COUNT; b++) {
		cx += ui_legend_swatch(u, b, y, cx);
		if (b == BAND_COUNT - 1)
			break;
		snprintf(num, sizeof(num), "%s%.2f%s", gap ? " " : "",
		    band_upper((char)('A' + b), k), gap ? " " : "");
		ui_colour_set(u, UI_C_NORMAL, 0);
		cx += ui_print(u, y, cx, x + w - cx, num);
	}
	if (unit) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, y, cx + 2, x + w - cx - 2, u->g->density_unit);
	}
	ui_colour_set(u, UI_C_NORMAL, 0);
	return (1);
}

/*
 * Draw the legend for kinds at y,x in w columns. Returns the lines drawn
 * (0 if it does not fit).
 */
int
ui_legend_draw(struct ui *u, unsigned kinds, int y, int x, int w)
{
	int	i, n = ui_legend_lines(u, kinds, w);

	for (i = 0; i < n; i++)
		ui_legend_draw_line(u, kinds, i, y + i, x, w);
	return (n);
}
