/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-table.c: sort and filter the tables (zones, equipment, drift), as
 * htop and k9s do: < and > choose the sort column, r (or htop's I)
 * reverses it, / narrows the rows to those that contain the text.
 *
 * Each table view keeps its own state (u->tables[view]): the sort column
 * (-1: the view's own order, worst first where it has one), the direction
 * and the filter. A view fills one struct ui_table_row per item with the
 * values its columns sort by, and calls ui_table_sort; ties keep the
 * view's own order, and a row without a value (no sample yet) sorts last
 * whichever way. The column sorted by carries a mark in the header (up
 * or down triangle, ^ or v in ASCII).
 *
 * The selection stays on its item, not its place: the heat map selects a
 * zone by its index (u->zone_sel) already; the equipment and drift tables
 * remember the id of the selected row (ui_table_keep) and find it again
 * when the order changes under it.
 *
 * The alert queue is not sorted here: its order is the safety order (life
 * safety first, then severity, then age) and its rows are problems with
 * alerts folded under them, so a sort by another column could push an
 * unacknowledged critical alert off the screen. < > r there say so.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui-priv.h"

/*
 * The merge sort's scratch rows, as many as the longest table (a venue's
 * zones): sorting every frame takes no allocation. The UI has one thread.
 */
static struct ui_table_row	ui_table_scratch[FOHP_ZONES_MAX];

/* Whether hay contains needle, ASCII letters compared without case. */
int
ui_table_contains(const char *hay, const char *needle)
{
	size_t	i, n = strlen(needle);
	int	a, b;

	if (n == 0)
		return (1);
	for (; *hay != '\0'; hay++) {
		for (i = 0; i < n && hay[i] != '\0'; i++) {
			a = (unsigned char)hay[i];
			b = (unsigned char)needle[i];
			if (a >= 'A' && a <= 'Z')
				a += 'a' - 'A';
			if (b >= 'A' && b <= 'Z')
				b += 'a' - 'A';
			if (a != b)
				break;
		}
		if (i == n)
			return (1);
	}
	return (0);
}

/*
 * Whether a row passes filter: an empty filter passes all; else one of
 * the row's texts (str[], and the extra ones) contains it.
 */
int
ui_table_match(const struct ui_table_row *row, const char *filter)
{
	unsigned	i;

	if (filter == NULL || filter[0] == '\0')
		return (1);
	for (i = 0; i < UI_TABLE_KEYS; i++) {
		if (row->str[i] != NULL &&
		    ui_table_contains(row->str[i], filter))
			return (1);
	}
	for (i = 0; i < UI_TABLE_TEXTS; i++) {
		if (row->text[i] != NULL &&
		    ui_table_contains(row->text[i], filter))
			return (1);
	}
	return (0);
}

/* Keep the rows that pass filter, in order; returns how many. */
unsigned
ui_table_filter(struct ui_table_row *rows, unsigned n, const char *filter)
{
	unsigned	i, k = 0;

	for (i = 0; i < n; i++) {
		if (!ui_table_match(&rows[i], filter))
			continue;
		if (k != i)
			rows[k] = rows[i];
		k++;
	}
	return (k);
}

/*
 * a against b by column col (-1: the view's own order), desc reversed:
 * <0, 0, >0. A missing value (NaN, or no text) sorts last either way;
 * equal values keep the view's own order.
 */
int
ui_table_cmp(const struct ui_table_row *a, const struct ui_table_row *b,
    int col, int desc)
{
	int	c = 0, am, bm;

	if (col >= 0 && col < UI_TABLE_KEYS) {
		if (a->str[col] != NULL || b->str[col] != NULL) {
			am = a->str[col] == NULL || a->str[col][0] == '\0';
			bm = b->str[col] == NULL || b->str[col][0] == '\0';
			if (am || bm)
				return (am - bm);
			c = strcasecmp(a->str[col], b->str[col]);
			if (c == 0)
				c = strcmp(a->str[col], b->str[col]);
		} else {
			am = isnan(a->num[col]);
			bm = isnan(b->num[col]);
			if (am || bm)
				return (am - bm);
			c = a->num[col] < b->num[col] ? -1 :
			    a->num[col] > b->num[col];
		}
		if (c != 0)
			return (desc ? -c : c);
		return (a->order < b->order ? -1 : a->order > b->order);
	}
	c = a->order < b->order ? -1 : a->order > b->order;
	return (desc ? -c : c);
}

/* Merge the sorted halves a[0..m) and a[m..n) through tmp, stably. */
static void
ui_table_merge(struct ui_table_row *a, unsigned m, unsigned n,
    struct ui_table_row *tmp, int col, int desc)
{
	unsigned	i = 0, j = m, k = 0;

	while (i < m && j < n)
		tmp[k++] = ui_table_cmp(&a[j], &a[i], col, desc) < 0 ?
		    a[j++] : a[i++];
	while (i < m)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, sizeof(*a) * n);
}

/* Merge sort a[0..n) through tmp (n rows). */
static void
ui_table_msort(struct ui_table_row *a, unsigned n, struct ui_table_row *tmp,
    int col, int desc)
{
	unsigned	m = n / 2;

	if (n < 2)
		return;
	ui_table_msort(a, m, tmp, col, desc);
	ui_table_msort(a + m, n - m, tmp, col, desc);
	if (ui_table_cmp(&a[m - 1], &a[m], col, desc) <= 0)
		return;		/* already in order: the usual case */
	ui_table_merge(a, m, n, tmp, col, desc);
}

/*
 * Sort rows by column col (-1: the view's own order, row.order), desc
 * for descending. Stable (a merge sort: a zone table of 384 rows sorted
 * against its own order every frame moves a few thousand rows, not the
 * 70 000 an insertion sort would). Its scratch is ui_table_scratch, no
 * allocation a frame; only a table longer than that allocates, and
 * without memory for the merge it is sorted by insertion.
 */
void
ui_table_sort(struct ui_table_row *rows, unsigned n, int col, int desc)
{
	struct ui_table_row	*tmp, t;
	unsigned		 i, j;

	if (n < 2)
		return;
	if (n <= FOHP_ZONES_MAX) {
		ui_table_msort(rows, n, ui_table_scratch, col, desc);
		return;
	}
	if ((tmp = malloc(sizeof(*tmp) * n)) != NULL) {
		ui_table_msort(rows, n, tmp, col, desc);
		free(tmp);
		return;
	}
	for (i = 1; i < n; i++) {
		if (ui_table_cmp(&rows[i - 1], &rows[i], col, desc) <= 0)
			continue;
		t = rows[i];
		for (j = i; j > 0 &&
		    ui_table_cmp(&rows[j - 1], &t, col, desc) > 0; j--)
			rows[j] = rows[j - 1];
		rows[j] = t;
	}
}

/* The table state of view v. */
struct ui_table_state *
ui_table_state(struct ui *u, enum ui_view v)
{
	return (&u->tables[(unsigned)v < UI_VIEW_COUNT ? v : 0]);
}

/*
 * The filter view v's rows pass: while its "/" question is open, what is
 * typed so far (the table narrows as one types), else the one answered.
 */
const char *
ui_table_filter_text(const struct ui *u, enum ui_view v)
{
	if (u->prompt.active && u->pending == UI_TABLE_ASK && u->view == v)
		return (u->prompt.text);
	return (u->tables[v].filter);
}

/* The columns of view v's table (ui_new's); NULL for a view without. */
static const struct ui_table_desc *
ui_table_desc(struct ui *u, enum ui_view v)
{
	return (ui_table_state(u, v)->table);
}

/*
 * Which columns view v drew this frame (width > 0), for < and > to move
 * between; until it has drawn, all.
 */
void
ui_table_shown(struct ui *u, enum ui_view v, const int *widths)
{
	const struct ui_table_desc *d = ui_table_desc(u, v);
	struct ui_table_state	*st = ui_table_state(u, v);
	int			 i;

	if (d == NULL)
		return;
	st->shown = 0;
	for (i = 0; i < d->ncols && i < UI_TABLE_KEYS; i++) {
		if (widths[i] > 0)
			st->shown |= 1u << i;
	}
}

/*
 * Column col's title as the header shows it, into buf: with the sort mark
 * after it if the table is sorted by it. Returns the width to print it
 * in: w, or w + 1 for a marked title, whose mark takes the space after
 * the column (so a right-aligned title stays over its numbers); the title
 * is cut, a whole character at a time, if the two do not fit even so
 * (in ASCII, with a space between them).
 */
int
ui_table_title(struct ui *u, enum ui_view v, int col, const char *title,
    int w, char *buf, size_t len)
{
	const struct ui_table_state *st = ui_table_state(u, v);
	const char	*mark;
	char		 cut[64];
	size_t		 tl;
	int		 gap;

	if (st->col != col) {
		snprintf(buf, len, "%s", title);
		return (w);
	}
	mark = st->desc ? (u->utf8 ? "\u25bc" : "v") :
	    (u->utf8 ? "\u25b2" : "^");
	/* In ASCII the mark is a letter: a space keeps it off the title
	 * ("Band v", not "Bandv"). */
	gap = u->utf8 ? 0 : 1;
	snprintf(cut, sizeof(cut), "%s", title);
	tl = strlen(cut);
	while (tl > 0 && ui_width(u, cut) > w - gap) {	/* a whole char */
		do
			tl--;
		while (tl > 0 && (cut[tl] & 0xc0) == 0x80);
		cut[tl] = '\0';
	}
	snprintf(buf, len, "%s%s%s", cut, tl > 0 && gap ? " " : "", mark);
	return (w + 1);
}

/* What view v's table is sorted by, on the message line. */
static void
ui_table_sort_words(struct ui *u, const struct ui_table_desc *d,
    const struct ui_table_state *st)
{
	const char	*name = d->own != NULL ? d->own : "own order";

	if (st->col >= 0 && st->col < d->ncols) {
		name = d->cols[st->col].title;
		if (name == NULL)
			name = u->g->density_unit;
		while (*name == ' ')
			name++;
	}
	ui_message(u, u->now_ms, "sorted by %s, %s%s", name,
	    st->desc ? "descending" : "ascending",
	    st->col < 0 ? "" : "  (< > column, r reverse)");
}

/*
 * < and > : the sort column to the left or right among those shown,
 * past the last (or the first) back to the view's own order; r and I:
 * reverse. In the alert queue: say why it keeps its order.
 */
int
ui_table_key(struct ui *u, const struct store *s, int key)
{
	const struct ui_table_desc *d = ui_table_desc(u, u->view);
	struct ui_table_state	*st;
	unsigned		 can;
	int			 c, i, n;

	(void)s;
	if (d == NULL) {
		ui_message(u, u->now_ms, "the queue keeps its safety order: "
		    "life safety first, then severity, then age");
		return (UI_HANDLED | UI_REDRAW);
	}
	st = ui_table_state(u, u->view);
	if (key == 'r' || key == 'I') {
		st->desc = !st->desc;
		ui_table_sort_words(u, d, st);
		return (UI_HANDLED | UI_REDRAW);
	}
	n = d->ncols < UI_TABLE_KEYS ? d->ncols : UI_TABLE_KEYS;
	can = d->sortable & (st->shown != 0 ? st->shown : ~0u);
	c = st->col;
	for (i = 0; i <= n; i++) {
		c += key == '>' ? 1 : -1;
		if (c < -1)
			c = n - 1;
		if (c >= n)
			c = -1;
		if (c == -1 || (can & (1u << c)))
			break;
	}
	st->col = c;
	st->desc = c >= 0 ? (d->desc_first >> c) & 1 : 0;
	ui_table_sort_words(u, d, st);
	return (UI_HANDLED | UI_REDRAW);
}

/* /: ask for the filter of the table in front. */
int
ui_table_ask(struct ui *u, const struct store *s, int key)
{
	(void)s;
	(void)key;
	widget_prompt_open(u, UI_TABLE_ASK, "Filter rows: ");
	snprintf(u->prompt.text, sizeof(u->prompt.text), "%s",
	    ui_table_state(u, u->view)->filter);
	u->prompt.len = strlen(u->prompt.text);
	return (UI_HANDLED | UI_REDRAW);
}

/* The "/" question's answer: the table's filter; empty clears it. */
int
ui_table_answer(struct ui *u)
{
	struct ui_table_state	*st = ui_table_state(u, u->view);

	snprintf(st->filter, sizeof(st->filter), "%s", u->prompt.text);
	widget_prompt_close(u);
	u->zone_refilter = u->view == UI_VIEW_HEATMAP;
	return (UI_HANDLED | UI_REDRAW);
}

/* Esc or n in a table with a filter: clear it; else not this key's. */
int
ui_table_unfilter(struct ui *u, const struct store *s, int key)
{
	struct ui_table_state	*st = ui_table_state(u, u->view);

	(void)s;
	(void)key;
	if (st->filter[0] == '\0')
		return (0);
	st->filter[0] = '\0';
	ui_message(u, u->now_ms, "filter cleared");
	return (UI_HANDLED | UI_REDRAW);
}

/*
 * The heading's part for a filtered table: "/TEXT  N of M" at the right
 * of line r->y. Returns the columns it took (0 without a filter), so the
 * heading keeps to the rest.
 */
int
ui_table_heading(struct ui *u, enum ui_view v, const struct ui_rect *r,
    unsigned shown, unsigned total)
{
	const char	*f = ui_table_filter_text(u, v);
	char		 buf[FOHP_NOTE_MAX + 48];
	int		 w;

	if (f[0] == '\0')
		return (0);
	snprintf(buf, sizeof(buf), " /%s  %u of %u ", f, shown, total);
	w = ui_width(u, buf);
	if (w > r->w / 2) {
		snprintf(buf, sizeof(buf), " %u of %u ", shown, total);
		w = ui_width(u, buf);
	}
	if (w > r->w)
		return (0);
	ui_colour_set(u, UI_C_HEADING, A_BOLD);
	ui_print(u, r->y, r->x + r->w - w, w, buf);
	ui_colour_set(u, UI_C_NORMAL, 0);
	return (w);
}

/*
 * Keep the equipment or drift table's selection on its item: put
 * u->table_sel on the row whose id is the selected one (when the order
 * changed under it), or, if that row is gone or filtered out, leave it at
 * its place; then remember the ids as drawn, for the keys (ui_table_moved).
 * ids[i] is the id of row i as drawn now.
 */
void
ui_table_keep(struct ui *u, const char *const *ids, unsigned n)
{
	unsigned	i;

	if (n == 0) {	/* none drawn (all filtered out): none to move to */
		u->ntable_ids = 0;
		return;
	}
	if (u->table_item_view == u->view && u->table_item[0] != '\0') {
		for (i = 0; i < n; i++) {
			if (strcmp(ids[i], u->table_item) == 0) {
				u->table_sel = i;
				break;
			}
		}
	}
	if (u->table_sel >= n)
		u->table_sel = n - 1;
	u->table_item_view = u->view;
	u->ntable_ids = n < UI_TABLE_IDS ? n : UI_TABLE_IDS;
	for (i = 0; i < u->ntable_ids; i++)
		snprintf(u->table_ids[i], sizeof(u->table_ids[i]), "%s",
		    ids[i]);
	ui_table_moved(u);
}

/*
 * The keys or a click moved u->table_sel: the selected item is the one
 * drawn on that row (in the last frame), whatever the order is by the
 * next one.
 */
void
ui_table_moved(struct ui *u)
{
	if (u->table_item_view != u->view || u->ntable_ids == 0)
		return;
	if (u->table_sel >= u->ntable_ids)
		u->table_sel = u->ntable_ids - 1;
	snprintf(u->table_item, sizeof(u->table_item), "%s",
	    u->table_ids[u->table_sel]);
}
