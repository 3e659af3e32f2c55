/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-colour.c: semantic colour slots, from a theme, and how they degrade.
 *
 * Views never name a colour: they ask for a slot (UI_C_STALE, UI_C_BAND_D)
 * and this file turns it into curses attributes. The colours come from a
 * theme (ui/theme.c, themes/NAME.theme): RGB per slot, exact on a direct-
 * colour terminal (ui.c picks one when COLORTERM says truecolor), else
 * mapped down to what the terminal has — 256, 16 or 8 colours — and to
 * attributes alone in monochrome (NO_COLOR, -C, or no colour support),
 * where no colour call is made at all. Slot numbers double as pair
 * numbers, so every pair stays far below 255 and COLOR_PAIR's 8-bit limit
 * never bites; pairs 40..53 hold the severity and state slots over the
 * status bar's and the selected line's fills, 64 on the raster's half
 * blocks. The band letter is always printed beside or on a fill, so
 * nothing depends on colour alone.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "theme.h"
#include "ui-priv.h"

_Static_assert((int)UI_C_BAND_F == (int)THEME_BAND_F &&
    (int)UI_C_SEV_INFO == (int)THEME_SEVERITY_INFO &&
    (int)UI_C_ST_RESOLVED == (int)THEME_STATE_RESOLVED &&
    (int)UI_C_COUNT == (int)THEME_SLOTS,
    "enum ui_slot follows enum theme_slot");

static struct theme	ui_colour_cur;	/* the theme in force */
static int		ui_have_default;
static int		ui_colour_plain;	/* it has no colour (mono) */

/*
 * Half-block pairs: the upper half of a cell in one band's fill colour, the
 * lower in another's (or no data's), for the heat map's raster. Pair
 * UI_HALF_PAIR0 + UI_HALF_N * top + bottom, band 6 being no data; above
 * the slots' pairs and need COLOR_PAIRS to reach them.
 */
#define UI_HALF_PAIR0	64
#define UI_HALF_N	(BAND_COUNT + 1)

/*
 * Severity and state slots drawn on the status bar or the selected line: a
 * slot without a fill of its own gets the bar's or the line's, so its text
 * does not punch a hole in it. Pair UI_ON_PAIR0 + UI_ON_N * (0 status, 1
 * selected) + slot - UI_C_SEV_INFO, between the slots' pairs and the half
 * blocks'.
 */
#define UI_ON_PAIR0	40
#define UI_ON_N		(UI_C_ST_RESOLVED - UI_C_SEV_INFO + 1)
_Static_assert(UI_C_COUNT <= UI_ON_PAIR0 && UI_ON_PAIR0 + 2 * UI_ON_N <= 64,
    "the pairs on a fill sit between the slots' and the half blocks'");

/* Theme attribute bits as curses attributes. */
static attr_t
ui_colour_attrs(unsigned a)
{
	return ((a & THEME_A_BOLD ? A_BOLD : 0) |
	    (a & THEME_A_DIM ? A_DIM : 0) |
	    (a & THEME_A_REVERSE ? A_REVERSE : 0) |
	    (a & THEME_A_UNDERLINE ? A_UNDERLINE : 0));
}

/* A band's fill colour (its slot's background), or no data's. */
static int
ui_colour_fill(int band)
{
	int	fg, bg;

	theme_slot_colours(&ui_colour_cur, band < BAND_COUNT ?
	    (enum theme_slot)ui_colour_band(band) : (enum theme_slot)UI_C_NODATA,
	    COLORS, &fg, &bg);
	if (bg < 0)
		bg = ui_have_default ? -1 :
		    ui_colour_cur.light ? COLOR_WHITE : COLOR_BLACK;
	return (bg);
}

/* Whether theme t gives any slot a colour: mono gives none. */
static int
ui_colour_has(const struct theme *t)
{
	int	i;

	for (i = 0; i < THEME_SLOTS; i++) {
		if (t->slot[i].has_fg || t->slot[i].has_bg)
			return (1);
	}
	return (0);
}

/* Initialise the half-block pairs, if the terminal has enough pairs. */
static void
ui_colour_half_pairs(struct ui *u)
{
	int	top, bottom;

	u->half_blocks = u->colour != UI_MONO &&
	    COLOR_PAIRS > UI_HALF_PAIR0 + UI_HALF_N * UI_HALF_N;
	if (!u->half_blocks)
		return;
	for (top = 0; top < UI_HALF_N; top++)
		for (bottom = 0; bottom < UI_HALF_N; bottom++)
			init_extended_pair(UI_HALF_PAIR0 + UI_HALF_N * top +
			    bottom, ui_colour_fill(top), ui_colour_fill(bottom));
}

/* Initialise the severity and state pairs on the fill of slot under. */
static void
ui_colour_on_pairs(enum ui_slot under, int pair0)
{
	int	i, fg, bg, ufg, ubg;

	theme_slot_colours(&ui_colour_cur, (enum theme_slot)under, COLORS,
	    &ufg, &ubg);
	for (i = 0; i < UI_ON_N && pair0 + i < COLOR_PAIRS; i++) {
		theme_slot_colours(&ui_colour_cur,
		    (enum theme_slot)(UI_C_SEV_INFO + i), COLORS, &fg, &bg);
		if (bg < 0) {
			bg = ubg;
			if (fg == bg)
				fg = ufg;
		}
		if (fg < 0 && !ui_have_default)
			fg = ui_colour_cur.light ? COLOR_BLACK : COLOR_WHITE;
		if (bg < 0 && !ui_have_default)
			bg = ui_colour_cur.light ? COLOR_WHITE : COLOR_BLACK;
		init_extended_pair(pair0 + i, fg, bg);
	}
}

/* Initialise one pair per slot from the theme in force. */
static void
ui_colour_pairs(struct ui *u)
{
	int	i, fg, bg;

	if (u->colour == UI_MONO)
		return;
	for (i = 1; i < UI_C_COUNT; i++) {
		theme_slot_colours(&ui_colour_cur, (enum theme_slot)i, COLORS, &fg,
		    &bg);
		if (fg < 0 && !ui_have_default)
			fg = ui_colour_cur.light ? COLOR_BLACK : COLOR_WHITE;
		if (bg < 0 && !ui_have_default)
			bg = ui_colour_cur.light ? COLOR_WHITE : COLOR_BLACK;
		init_extended_pair(i, fg, bg);
	}
	ui_colour_on_pairs(UI_C_STATUS, UI_ON_PAIR0);
	ui_colour_on_pairs(UI_C_SELECTED, UI_ON_PAIR0 + UI_ON_N);
	ui_colour_half_pairs(u);
}

/* Pick the colour mode and initialise the pairs from the default theme. */
void
ui_colour_init(struct ui *u, int no_color)
{
	theme_builtin_dark(&ui_colour_cur);
	u->colour = UI_MONO;
	ui_colour_plain = 1;
	if (no_color || !has_colors() || start_color() != OK || COLORS < 8) {
		theme_builtin_mono(&ui_colour_cur);
		return;
	}
	ui_colour_plain = 0;
	if (COLORS >= 0x1000000)
		u->colour = UI_COLOUR_DIRECT;
	else if (COLORS >= 256)
		u->colour = UI_COLOUR_256;
	else if (COLORS >= 16)
		u->colour = UI_COLOUR_16;
	else
		u->colour = UI_COLOUR_8;
	ui_have_default = (use_default_colors() == OK);
	ui_colour_pairs(u);
}

/*
 * Switch to the theme called name (:theme, --theme). On failure keep the
 * theme in force, write why into why (len bytes), and return -1.
 */
int
ui_colour_theme(struct ui *u, const char *name, char *why, size_t len)
{
	struct theme	t, dark;
	char		path[1024], err[512], names[256];

	if (u->colour == UI_MONO) {
		snprintf(why, len, "no colours on this terminal: the "
		    "monochrome scheme stays");
		return (-1);
	}
	theme_builtin_dark(&dark);
	if (theme_find(name, path, sizeof(path)) != 0) {
		snprintf(why, len, "no theme \"%s\": there are %s", name,
		    theme_names(names, sizeof(names), NULL, 0));
		return (-1);
	}
	if (theme_load_file(&t, path, &dark, err, sizeof(err)) < 0) {
		snprintf(why, len, "%s (theme not changed)", err);
		return (-1);
	}
	ui_colour_cur = t;
	ui_colour_plain = !ui_colour_has(&t);
	ui_colour_pairs(u);
	clearok(curscr, TRUE);
	return (0);
}

/* Set stdscr's attributes to a slot's, plus extra (A_BOLD, A_REVERSE...). */
void
ui_colour_set(struct ui *u, enum ui_slot slot, attr_t extra)
{
	attr_t	a;

	/* Old data (a stale or offline venue's) is grey, words of state
	 * and headings apart. */
	if (u->greyed && slot != UI_C_HEADING && slot != UI_C_STALE &&
	    slot != UI_C_OFFLINE && slot != UI_C_CONNECTING &&
	    slot != UI_C_SELECTED)
		slot = UI_C_DIM;
	a = ui_colour_attrs(ui_colour_cur.slot[slot].attrs) | extra;
	if (ui_colour_mono(u)) {
		wattrset(stdscr, (int)a);
		return;
	}
	wattr_set(stdscr, a, (short)slot, NULL);
}

/*
 * Whether the screen is drawn without colour: the terminal has none
 * (NO_COLOR, -C, vt100), or the theme in force has none (--theme mono on
 * a colour terminal). Then no colour call is made, and bands are told
 * apart by their fill glyphs (ui_colour_shade).
 */
int
ui_colour_mono(const struct ui *u)
{
	return (u->colour == UI_MONO || ui_colour_plain);
}

/*
 * Set stdscr's attributes for band index band's fill glyph without colour
 * (u->g->shade[band]): its slot's bold or dim, but not reverse nor
 * underline, which would swap the glyph's ink for its background (a
 * reversed full block is a dark cell, as empty as band A) or rule it.
 */
void
ui_colour_shade(struct ui *u, int band)
{
	enum ui_slot	slot = u->greyed ? UI_C_DIM : ui_colour_band(band);
	attr_t		a;

	a = ui_colour_attrs(ui_colour_cur.slot[slot].attrs &
	    ~(THEME_A_REVERSE | THEME_A_UNDERLINE));
	wattrset(stdscr, (int)a);
}

/*
 * Set stdscr's attributes to a severity or state slot's on the fill of
 * under (UI_C_STATUS or UI_C_SELECTED): the slot's own fill if it has one,
 * else its text on under's fill; in monochrome, under's attributes with
 * the slot's, a reversed slot on a reversed fill drawn the other way. Any
 * other slot is as ui_colour_set.
 */
void
ui_colour_on(struct ui *u, enum ui_slot slot, enum ui_slot under,
    attr_t extra)
{
	attr_t	a;
	int	pair;

	if (slot < UI_C_SEV_INFO || slot > UI_C_ST_RESOLVED ||
	    (under != UI_C_STATUS && under != UI_C_SELECTED) || u->greyed) {
		ui_colour_set(u, slot, extra);
		return;
	}
	if (ui_colour_mono(u)) {
		/* Attributes only: keep the bar's or line's (reverse), and
		 * a reversed slot stands out by being the other way. */
		a = ui_colour_attrs(ui_colour_cur.slot[slot].attrs);
		if (a & ui_colour_attrs(ui_colour_cur.slot[under].attrs) &
		    A_REVERSE)
			a &= ~A_REVERSE;
		else
			a |= ui_colour_attrs(ui_colour_cur.slot[under].attrs);
		wattrset(stdscr, (int)(a | extra));
		return;
	}
	pair = UI_ON_PAIR0 + (under == UI_C_SELECTED ? UI_ON_N : 0) +
	    (int)(slot - UI_C_SEV_INFO);
	if (pair >= COLOR_PAIRS) {	/* too few pairs: the slot's own */
		ui_colour_set(u, slot, extra);
		return;
	}
	a = ui_colour_attrs(ui_colour_cur.slot[slot].attrs) | extra;
	wattr_set(stdscr, a, 0, &pair);
}

/*
 * Colour the next "upper half block" glyph: top half in band index top's
 * fill, bottom half in bottom's (-1: no data). Only if u->half_blocks.
 */
void
ui_colour_half(struct ui *u, int top, int bottom)
{
	if (top < 0 || top >= BAND_COUNT)
		top = BAND_COUNT;
	if (bottom < 0 || bottom >= BAND_COUNT)
		bottom = BAND_COUNT;
	wattr_set(stdscr, A_NORMAL, 0, NULL);
	wcolor_set(stdscr, 0, &(int){ UI_HALF_PAIR0 + UI_HALF_N * top +
	    bottom });
}

/* The fill slot for band index 0..5 (A..F); UI_C_NODATA for anything else. */
enum ui_slot
ui_colour_band(int band_index)
{
	if (band_index < 0 || band_index >= BAND_COUNT)
		return (UI_C_NODATA);
	return ((enum ui_slot)(UI_C_BAND_A + band_index));
}
