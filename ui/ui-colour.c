/*
 * ui-colour.c: semantic colour slots and how they degrade.
 *
 * Views never name a colour: they ask for a slot (UI_C_STALE, UI_C_BAND_D)
 * and this file turns it into curses attributes. Each slot has a colour for
 * 256-colour terminals, for 16 and for 8 colours, and plain attributes for
 * monochrome (NO_COLOR, -C, or no colour support), where no colour call is
 * made at all. Slot numbers double as pair numbers, initialised once, so
 * every pair stays below 64 and COLOR_PAIR's 8-bit limit never bites.
 *
 * The band fills run green, yellow-green, yellow, orange, red, purple (A..F).
 * With 8 colours A/B and C/D share a colour; the band letter is always
 * printed beside or on a fill, so nothing depends on colour alone. A theme
 * loader can later overwrite ui_colours[] before ui_colour_init.
 */
#include "config.h"

#include "ui-priv.h"

/* One slot's colours per terminal class; -1 is the terminal's default. */
struct ui_colour {
	short	fg256, bg256;
	short	fg16, bg16;
	short	fg8, bg8;
	attr_t	attr;		/* added in every colour mode */
	attr_t	mono;		/* used instead when monochrome */
};

static const struct ui_colour ui_colours[UI_C_COUNT] = {
	[UI_C_NORMAL] =	    { -1,  -1,  -1, -1, -1, -1, 0, 0 },
	[UI_C_STATUS] =	    { 255, 24,  15, 4,  7,  4,  A_BOLD, A_REVERSE },
	[UI_C_KEYS] =	    { 252, 236, 0,  7,  0,  7,  0, A_REVERSE },
	[UI_C_HEADING] =    { 81,  -1,  14, -1, 6,  -1, A_BOLD, A_BOLD },
	[UI_C_SELECTED] =   { 231, 238, 15, 4,  0,  6,  A_BOLD,
			      A_REVERSE | A_BOLD },
	[UI_C_DIM] =	    { 244, -1,  8,  -1, 7,  -1, A_DIM, A_DIM },
	[UI_C_LIVE] =	    { 40,  -1,  10, -1, 2,  -1, A_BOLD, A_BOLD },
	[UI_C_STALE] =	    { 214, -1,  11, -1, 3,  -1, A_BOLD, A_BOLD },
	[UI_C_OFFLINE] =    { 196, -1,  9,  -1, 1,  -1, A_BOLD, A_BOLD },
	[UI_C_CONNECTING] = { 75,  -1,  12, -1, 6,  -1, 0, 0 },
	[UI_C_BORDER] =	    { 240, -1,  8,  -1, 7,  -1, 0, 0 },
	[UI_C_NODATA] =	    { 250, 237, 7,  8,  7,  0,  0, 0 },
	[UI_C_BAND_A] =	    { 16,  34,  0,  2,  0,  2,  0, 0 },
	[UI_C_BAND_B] =	    { 16,  148, 0,  10, 0,  2,  0, 0 },
	[UI_C_BAND_C] =	    { 16,  220, 0,  11, 0,  3,  0, 0 },
	[UI_C_BAND_D] =	    { 16,  208, 0,  3,  0,  3,  0, 0 },
	[UI_C_BAND_E] =	    { 231, 160, 15, 1,  7,  1,  A_BOLD, A_BOLD },
	[UI_C_BAND_F] =	    { 231, 129, 15, 5,  7,  5,  A_BOLD, A_BOLD },
};

/* Replace "default" (-1) when the terminal has no default colours. */
static short
ui_colour_fix(short c, int have_default, short fallback)
{
	return (c < 0 && !have_default ? fallback : c);
}

/* Pick the colour mode and initialise one pair per slot. */
void
ui_colour_init(struct ui *u, int no_color)
{
	int	have_default, i;

	u->colour = UI_MONO;
	if (no_color || !has_colors() || start_color() != OK)
		return;
	if (COLORS >= 256)
		u->colour = UI_COLOUR_256;
	else if (COLORS >= 16)
		u->colour = UI_COLOUR_16;
	else if (COLORS >= 8)
		u->colour = UI_COLOUR_8;
	else
		return;
	have_default = (use_default_colors() == OK);
	for (i = 1; i < UI_C_COUNT; i++) {
		const struct ui_colour	*c = &ui_colours[i];
		short			 fg, bg;

		switch (u->colour) {
		case UI_COLOUR_256:
			fg = c->fg256;
			bg = c->bg256;
			break;
		case UI_COLOUR_16:
			fg = c->fg16;
			bg = c->bg16;
			break;
		default:
			fg = c->fg8;
			bg = c->bg8;
			break;
		}
		fg = ui_colour_fix(fg, have_default, COLOR_WHITE);
		bg = ui_colour_fix(bg, have_default, COLOR_BLACK);
		init_pair((short)i, fg, bg);
	}
}

/* Set stdscr's attributes to a slot's, plus extra (A_BOLD, A_REVERSE...). */
void
ui_colour_set(struct ui *u, enum ui_slot slot, attr_t extra)
{
	const struct ui_colour	*c = &ui_colours[slot];

	if (u->colour == UI_MONO) {
		wattrset(stdscr, (int)(c->mono | extra));
		return;
	}
	wattr_set(stdscr, c->attr | extra, (short)slot, NULL);
}

/* The fill slot for band index 0..5 (A..F); UI_C_NODATA for anything else. */
enum ui_slot
ui_colour_band(int band_index)
{
	if (band_index < 0 || band_index >= BAND_COUNT)
		return (UI_C_NODATA);
	return ((enum ui_slot)(UI_C_BAND_A + band_index));
}
