/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-help.c: every key, grouped, from the key table (ui-keys.c).
 *
 * Each entry of the key table gives what it does, its group, and whether
 * it is a control key (one that asks the agent to change an alert); its
 * keys are named from the codes it handles, in UTF-8 or in ASCII ("↑↓" or
 * "Up/Down"), so the help shows the keys that act and no others. The text
 * is laid out into lines for the panel's width (descriptions wrap under
 * themselves), then flowed into one, two or three columns: the fewest that
 * hold everything, as long as a column stays VIEW_HELP_COLW wide, with
 * blank lines between groups or, if that is what it takes, without. An entry is never split between
 * columns. What still does not fit scrolls: the first line shown is
 * u->table_sel, clamped here, so the keys that move a table's selection
 * scroll the help too.
 *
 * After the keys, the band legend, the heat map's own (ui-legend.c):
 * each band's swatch as the map draws it and between two the density
 * where the one ends and the next begins, for walkways and for standing
 * areas and queues; one source, one way of saying it.
 *
 * Control keys carry a "*", explained on the last line: in --readonly and
 * --kiosk they do nothing and say so.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-priv.h"

#define VIEW_HELP_COLW		34	/* narrowest column worth a split */
#define VIEW_HELP_KEYW		14	/* key name column, at most */
#define VIEW_HELP_LINES		160	/* laid-out lines, at most */
#define VIEW_HELP_ITEMS		80	/* entries and headings, at most */
#define VH_LEGEND_KINDS		((1u << FOHP_ZK_COUNT) - 1) /* every kind */
#define VH_LEGEND_LINES		2	/* its lines: walkways, the rest */

/* What a laid-out line shows. */
enum view_help_kind {
	VH_LINE_BLANK,
	VH_LINE_HEADING,
	VH_LINE_KEY,		/* key and the first piece of its text */
	VH_LINE_MORE,		/* a further piece of the text */
	VH_LINE_NOTE,
	VH_LINE_BAND		/* the band legend: band -1 its heading,
				   0, 1 its lines */
};

/* A laid-out line: a key entry's piece of text, or a heading. */
struct view_help_line {
	enum view_help_kind	 kind;
	const struct view_help_item *key;
	const char		*text;	/* piece of key->what */
	int			 len;	/* bytes of it */
	int			 band;	/* VH_LINE_BAND: which line */
};

static const char view_help_note[] =
    "* control keys: with --readonly or --kiosk they do nothing and say so";

/*
 * The help's entries from the key table (ui-keys.c) and the ":" commands
 * (ui-cmd.c), group by group, each group after its heading (what NULL):
 * an entry's keys are named from the codes it handles, and entries that
 * name the same keys and say the same (the arrows of several views) are
 * listed once. Returns how many, at most max.
 */
int
view_help_items(struct view_help_item *out, int max, int utf8)
{
	const struct ui_command	*c;
	size_t			 i;
	int			 n = 0, g, j, dup;

	for (g = 0; g < UI_KG_COUNT && n < max; g++) {
		snprintf(out[n].name, sizeof(out[n].name), "%s",
		    ui_key_groups[g]);
		out[n].what = NULL;
		out[n++].control = 0;
		for (i = 0; i < ui_nkeys && n < max; i++) {
			const struct ui_key	*k = &ui_keys[i];

			if ((int)k->group != g)
				continue;
			(void)ui_keys_names(out[n].name, sizeof(out[n].name),
			    k, utf8);
			for (dup = 0, j = 0; j < n && !dup; j++)
				dup = out[j].what != NULL &&
				    strcmp(out[j].name, out[n].name) == 0 &&
				    strcmp(out[j].what, k->help) == 0;
			if (dup)
				continue;
			out[n].what = k->help;
			out[n++].control = k->control;
		}
		for (c = ui_commands; g == UI_KG_COMMANDS && c->name != NULL &&
		    n < max; c++) {
			snprintf(out[n].name, sizeof(out[n].name), ":%s%s%s",
			    c->name, c->arg != NULL ? " " : "",
			    c->arg != NULL ? c->arg : "");
			out[n].what = c->help;
			out[n++].control = 0;
		}
	}
	return (n);
}

/* The widest key name, capped at VIEW_HELP_KEYW. */
static int
view_help_keyw(struct ui *u, const struct view_help_item *items, int n)
{
	int	i, w = 0, kw;

	for (i = 0; i < n; i++) {
		if (items[i].what == NULL)
			continue;
		kw = ui_width(u, items[i].name);
		if (kw > w)
			w = kw;
	}
	return (w > VIEW_HELP_KEYW ? VIEW_HELP_KEYW : w);
}

/*
 * Cut text into pieces of at most w columns at spaces (the text is ASCII,
 * so bytes are columns); append them to out as lines of kind first, then
 * more. Returns the new count.
 */
static int
view_help_wrap(const struct view_help_item *k, const char *text, int w,
    enum view_help_kind first, enum view_help_kind more,
    struct view_help_line *out, int n, int max)
{
	const char	*p = text;
	int		 len = (int)strlen(text), cut;

	while (len > 0 && n < max) {
		cut = len;
		if (cut > w) {		/* break at the last space */
			cut = w;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = w;
		}
		out[n].kind = p == text ? first : more;
		out[n].key = k;
		out[n].text = p;
		out[n].len = cut;
		n++;
		p += cut;
		len -= cut;
		while (len > 0 && *p == ' ') {
			p++;
			len--;
		}
	}
	return (n);
}

/*
 * Lay the table out for columns colw wide, key names keyw wide; compact:
 * no blank lines between groups. Returns the number of lines.
 */
static int
view_help_layout(const struct view_help_item *items, int nitems, int colw,
    int keyw, int compact, struct view_help_line *out, int max)
{
	int	i, n = 0, textw = colw - keyw - 3;

	if (textw < 8)
		textw = 8;
	for (i = 0; i < nitems && n < max; i++) {
		const struct view_help_item	*k = &items[i];

		if (k->what == NULL) {
			if (n > 0 && n < max && !compact)
				out[n++].kind = VH_LINE_BLANK;
			if (n < max) {
				out[n].kind = VH_LINE_HEADING;
				out[n++].key = k;
			}
			continue;
		}
		n = view_help_wrap(k, k->what, textw, VH_LINE_KEY,
		    VH_LINE_MORE, out, n, max);
	}
	if (n < max && !compact)
		out[n++].kind = VH_LINE_BLANK;
	for (i = -1; i < VH_LEGEND_LINES && n < max; i++) {	/* the legend */
		out[n].kind = VH_LINE_BAND;
		out[n++].band = i;
	}
	if (n < max && !compact)
		out[n++].kind = VH_LINE_BLANK;
	return (view_help_wrap(NULL, view_help_note, colw < 8 ? 8 : colw,
	    VH_LINE_NOTE, VH_LINE_NOTE, out, n, max));
}

/*
 * Draw line band of the band legend at y,x in w columns: its heading
 * (-1), or a line of the heat map's legend (ui-legend.c) for every kind.
 */
static void
view_help_band(struct ui *u, int band, int y, int x, int w)
{
	if (band == -1) {
		ui_colour_set(u, UI_C_HEADING, A_BOLD);
		ui_printf(u, y, x, w, "Density bands (%s where one ends)",
		    u->g->density_unit);
		return;
	}
	ui_legend_draw_line(u, VH_LEGEND_KINDS, band, y, x + 1, w - 1);
}

/* Draw one laid-out line at y,x in w columns, key names keyw wide. */
static void
view_help_line_draw(struct ui *u, const struct view_help_line *l, int y,
    int x, int w, int keyw)
{
	char	buf[128];
	int	tx = x + keyw + 3;

	switch (l->kind) {
	case VH_LINE_HEADING:
		ui_colour_set(u, UI_C_HEADING, A_BOLD);
		ui_print(u, y, x, w, l->key->name);
		break;
	case VH_LINE_KEY:
		ui_colour_set(u, UI_C_NORMAL, A_BOLD);
		ui_print(u, y, x + 1, keyw, l->key->name);
		if (l->key->control)
			ui_print(u, y, x + keyw + 1, 1, "*");
		/* FALLTHROUGH */
	case VH_LINE_MORE:
		ui_colour_set(u, UI_C_NORMAL, 0);
		snprintf(buf, sizeof(buf), "%.*s", l->len, l->text);
		ui_print(u, y, tx, x + w - tx, buf);
		break;
	case VH_LINE_BAND:
		view_help_band(u, l->band, y, x, w);
		break;
	case VH_LINE_NOTE:
		ui_colour_set(u, u->readonly ? UI_C_STALE : UI_C_DIM, 0);
		snprintf(buf, sizeof(buf), "%.*s", l->len, l->text);
		ui_print(u, y, x, w, buf);
		break;
	default:
		break;
	}
}

/*
 * How many lines from line i belong together: an entry and its wrapped
 * text; a heading and the first entry under it.
 */
static int
view_help_keep(const struct view_help_line *lines, int n, int i)
{
	int	j = i;

	if (lines[j].kind == VH_LINE_BAND) {	/* the legend, whole */
		while (j < n && lines[j].kind == VH_LINE_BAND)
			j++;
		return (j - i);
	}
	if (lines[j].kind == VH_LINE_HEADING)
		j++;
	if (j < n && lines[j].kind == VH_LINE_KEY) {
		j++;
		while (j < n && lines[j].kind == VH_LINE_MORE)
			j++;
	}
	return (j > i ? j - i : 1);
}

/*
 * Place lines from top into ncols columns of rows lines from y0, colw wide
 * with gaps of 2, from x0; draw them if draw is set. Returns the index of
 * the first line that did not fit (n if all did).
 */
static int
view_help_place(struct ui *u, const struct view_help_line *lines, int n,
    int top, int ncols, int rows, int y0, int x0, int colw, int keyw,
    int draw)
{
	int	i = top, c, x, y, end = y0 + rows;

	for (c = 0; c < ncols && i < n; c++) {
		x = x0 + c * (colw + 2);
		for (y = y0; y < end && i < n; y++, i++) {
			if (y == y0 && lines[i].kind == VH_LINE_BLANK) {
				y--;	/* no blank at a column's head */
				continue;
			}
			if (c + 1 < ncols && y + view_help_keep(lines, n, i) >
			    end)
				break;	/* to the next column, whole */
			if (draw)
				view_help_line_draw(u, &lines[i], y, x, colw,
				    keyw);
		}
	}
	return (i);
}

/* Draw every key into r. */
void
view_help_draw(struct ui *u, const struct store *s, const struct ui_rect *r,
    uint64_t now_ms)
{
	struct view_help_item	items[VIEW_HELP_ITEMS];
	struct view_help_line	lines[VIEW_HELP_LINES];
	int			keyw, ncols, colw, n = 0, rows, maxcols, top;
	int			nitems;
	int			last, i, y0 = r->y + 1, x0 = r->x + 1;

	if (r->w < 10 || r->h < 2)
		return;
	ui_colour_set(u, UI_C_HEADING, 0);
	ui_print(u, r->y, r->x + 1, r->w - 1,
	    u->readonly ? "Keys (read-only console: control keys are off)" :
	    "Keys");
	rows = r->h - 1;
	nitems = view_help_items(items, VIEW_HELP_ITEMS, u->utf8);
	keyw = view_help_keyw(u, items, nitems);

	/* The fewest columns that hold it all, while columns stay wide. */
	maxcols = (r->w + 2) / (VIEW_HELP_COLW + 2);
	if (maxcols < 1)
		maxcols = 1;
	if (maxcols > 3)
		maxcols = 3;
	for (i = 0; i < 2 * maxcols; i++) {
		ncols = 1 + i / 2;
		colw = (r->w - 1 - 2 * (ncols - 1)) / ncols;
		n = view_help_layout(items, nitems, colw, keyw, i % 2, lines,
		    VIEW_HELP_LINES);
		if (view_help_place(u, lines, n, 0, ncols, rows, y0, x0, colw,
		    keyw, 0) == n)
			break;
	}

	/* Too long still: scroll, from u->table_sel; keep a line for it. */
	if (view_help_place(u, lines, n, 0, ncols, rows, y0, x0, colw, keyw,
	    0) == n) {
		u->table_sel = 0;
		view_help_place(u, lines, n, 0, ncols, rows, y0, x0, colw,
		    keyw, 1);
		return;
	}
	rows--;
	for (top = 0; top < n; top++) {	/* the furthest it scrolls */
		if (view_help_place(u, lines, n, top, ncols, rows, y0, x0,
		    colw, keyw, 0) == n)
			break;
	}
	if ((int)u->table_sel < top)
		top = (int)u->table_sel;
	u->table_sel = (unsigned)top;
	last = view_help_place(u, lines, n, top, ncols, rows, y0, x0, colw,
	    keyw, 1);
	ui_colour_set(u, UI_C_DIM, 0);
	ui_printf(u, r->y + r->h - 1, r->x + 1, r->w - 1,
	    "lines %d-%d of %d: %s and PgUp PgDn scroll", top + 1, last, n,
	    u->g->keys_select);
}
