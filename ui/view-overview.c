/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-overview.c: every venue at a glance, one tile each, in a grid that
 * fills the main panel: the wall's view.
 *
 * The grid is chosen for the panel and the number of venues: of the
 * column counts whose tiles are at least VIEW_OVERVIEW_MINW wide and three
 * lines high with every venue shown, the one whose tiles are biggest, a
 * tile's width counted against 2.5 times its height (a terminal cell is
 * about twice as tall as wide, and a tile's lines of text want width).
 * Tiles are in the venue list's order, so a venue keeps its place on the
 * wall. Rows are all as high, tiles share their row's width, so the last
 * row's fewer tiles are wider. What a tile shows at the size it gets (a
 * map, worst zones, critical titles, or one summary line) is
 * view-overview-tile.c's.
 *
 * When even one-line tiles do not all fit, the view is a dense list
 * instead, which holds three times as many: one line a venue (marker, name
 * and the tile's summary line), worst first, in as many columns of at
 * least VIEW_OVERVIEW_DENSEW as it needs, under a heading that counts the
 * venues by link state. Worst: unacknowledged critical alerts, then
 * offline, stale, connecting, then critical alerts, the worst band, the
 * warnings; ties in the venue list's order. When not even the list holds
 * them all (hundreds of venues on a small screen), it shows the worst and
 * says so: "shown 37 of 100, 63 more", and what the rest hold. A venue
 * with a critical alert nobody acknowledged is never hidden while there
 * is a line for it, whichever venue is selected: when such a venue would
 * be left out, the list goes compact, in columns of VIEW_OVERVIEW_COMPACTW
 * with venue ids (short, and an id too long cut in its middle, so that
 * clones, which differ at their end, stay apart), if that shows more.
 *
 * The selected venue has a marker before its name and a highlighted
 * border; a click on a tile selects its venue.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-priv.h"

#define VIEW_OVERVIEW_MINW	26	/* narrowest tile, border included */
#define VIEW_OVERVIEW_ASPECT	5	/* a tile's line counts as 5 columns */
#define VIEW_OVERVIEW_ASPECT_D	2	/* ... halves */
#define VIEW_OVERVIEW_DENSEW	44	/* a dense list's column, at least */
#define VIEW_OVERVIEW_NAMEW	24	/* and its names, at most */
#define VIEW_OVERVIEW_COMPACTW	28	/* a compact list's column, ids */
#define VIEW_OVERVIEW_UNACKED_SHIFT 40	/* badness: unacked criticals */

/* A venue's place in the dense list: how bad (bigger: worse) and which. */
struct view_overview_rank {
	uint64_t	bad;
	unsigned	i;
};

/* How bad venue v is, for the dense list (see the top of the file). */
static uint64_t
view_overview_badness(const struct store_venue *v)
{
	static const unsigned	link[] = {
		[STORE_LINK_CONNECTING] = 1, [STORE_LINK_LIVE] = 0,
		[STORE_LINK_STALE] = 2, [STORE_LINK_OFFLINE] = 3
	};
	unsigned		n[FOHP_SEV_COUNT], unacked;
	int			wb;

	memset(n, 0, sizeof(n));
	unacked = ui_alert_counts(v, n, NULL);
	(void)view_overview_tile_worst(v, &wb);
	return ((uint64_t)(unacked < 0xffff ? unacked : 0xffff) <<
	    VIEW_OVERVIEW_UNACKED_SHIFT |
	    (uint64_t)link[v->link] << 36 |
	    (uint64_t)(n[FOHP_SEV_CRITICAL] < 0xffff ?
	    n[FOHP_SEV_CRITICAL] : 0xffff) << 20 |
	    (uint64_t)(wb + 1) << 16 |
	    (n[FOHP_SEV_WARNING] < 0xffff ? n[FOHP_SEV_WARNING] : 0xffff));
}

/* qsort: worst first, then in the venue list's order. */
static int
view_overview_rank_cmp(const void *a, const void *b)
{
	const struct view_overview_rank	*x = a, *y = b;

	if (x->bad != y->bad)
		return (x->bad > y->bad ? -1 : 1);
	return (x->i < y->i ? -1 : x->i > y->i);
}

/*
 * The dense list's heading, the first of its forms that fits: the venues
 * by link state and, when not all are shown, how many are ("shown 74 of
 * 100, 26 more") and what the hidden ones hold: how many with a critical
 * alert nobody acknowledged (in the critical colour: more of them than the
 * panel holds), else how many not live (in the stale colour), else that
 * all are live with none unacknowledged; on a wide panel, that the
 * selected venue is among them.
 */
static void
view_overview_dense_head(struct ui *u, const struct store *s,
    const struct ui_rect *r, unsigned shown, int by_id, unsigned hid_unacked,
    unsigned hid_down, const char *sel_hidden)
{
	unsigned	n = s->nvenues, c[4];
	char		counts[2][128], more[64], form[5][256], alarm[64];
	const char	*tail;
	int		k, f, x, end = r->x + r->w;

	store_link_counts(s, c);
	snprintf(counts[0], sizeof(counts[0]), "%u venues, worst first: %u "
	    "offline, %u stale, %u live%s", n, c[STORE_LINK_OFFLINE],
	    c[STORE_LINK_STALE], c[STORE_LINK_LIVE],
	    c[STORE_LINK_CONNECTING] > 0 ? ", some connecting" : "");
	snprintf(counts[1], sizeof(counts[1]), "%u venues by worst: %u off "
	    "%u stale %u live", n, c[STORE_LINK_OFFLINE], c[STORE_LINK_STALE],
	    c[STORE_LINK_LIVE]);
	snprintf(more, sizeof(more), "shown %u of %u%s, %u more", shown, n,
	    by_id ? " by id" : "", n - shown);
	if (shown == n) {
		snprintf(form[0], sizeof(form[0]), "%s, all shown", counts[0]);
		snprintf(form[1], sizeof(form[1]), "%s", counts[1]);
		snprintf(form[2], sizeof(form[2]), "%s", counts[1]);
		snprintf(form[3], sizeof(form[3]), "%s", counts[1]);
	} else {
		snprintf(form[0], sizeof(form[0]), "%s; %s", counts[0], more);
		snprintf(form[1], sizeof(form[1]), "%s; %s", counts[1], more);
		snprintf(form[2], sizeof(form[2]), "by worst, %s", more);
		snprintf(form[3], sizeof(form[3]), "%s", more);
	}
	/* The forms, longest first: the first with its reassurance, then
	 * each with only an alarm. */
	alarm[0] = '\0';
	if (hid_unacked > 0)
		snprintf(alarm, sizeof(alarm), " (%u with crit unacked)",
		    hid_unacked);
	else if (hid_down > 0)
		snprintf(alarm, sizeof(alarm), " (%u not live)", hid_down);
	tail = alarm;
	for (k = 0; k < 5; k++) {
		f = k == 0 ? 0 : k - 1;
		tail = k == 0 && shown < n && alarm[0] == '\0' ?
		    " (all live, no crit unacked)" : alarm;
		if (ui_width(u, form[f]) + ui_width(u, tail) <= r->w - 1)
			break;
	}
	if (k == 5)
		f = 3;
	ui_colour_set(u, UI_C_HEADING, 0);
	x = r->x + 1;
	x += ui_print_fit(u, r->y, x, end - x, form[f]);
	if (hid_unacked > 0)
		ui_colour_set(u, ui_severity_slot(FOHP_SEV_CRITICAL), A_BOLD);
	else if (hid_down > 0)
		ui_colour_set(u, UI_C_STALE, 0);
	if (x < end)
		x += ui_print_fit(u, r->y, x, end - x, tail);
	if (k > 1 || sel_hidden == NULL)
		return;
	/* Where the selection went, if there is room to say. */
	snprintf(form[4], sizeof(form[4]), "; %s %s among them",
	    u->g->marker, sel_hidden);
	ui_colour_set(u, UI_C_HEADING, 0);
	if (ui_width(u, form[4]) <= end - x)
		ui_print(u, r->y, x, end - x, form[4]);
}

/* Columns of at least cw for n venues in w by rows: no more than needed. */
static unsigned
view_overview_dense_cols(int w, int cw, int rows, unsigned n)
{
	unsigned	cols = (unsigned)(w / cw > 0 ? w / cw : 1);
	unsigned	need = (n + (unsigned)rows - 1) / (unsigned)rows;

	return (cols > need ? need : cols);
}

/*
 * The dense list of many venues, worst first, in r: one line a venue, in
 * as many columns of at least VIEW_OVERVIEW_DENSEW as it needs, filled
 * down and balanced. When not all fit, the worst are shown: every venue
 * with an unacknowledged critical alert comes before any without, so
 * none of those is hidden while the panel holds them all; if one would
 * be, compact columns by id, when they hold more.
 */
static void
view_overview_dense(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	struct view_overview_rank	 rank[STORE_VENUES_MAX];
	const struct store_venue	*v;
	const char			*sel_hidden = NULL;
	unsigned			 n = s->nvenues, k, shown, cols, need;
	unsigned			 hid_unacked = 0, hid_down = 0, c2;
	int				 cw, rows, used, sel, dim, y, x, nw, len;
	int				 by_id = 0, ew;
	char				 id[FOHP_ID_MAX + 8];

	for (k = 0; k < n; k++) {
		rank[k].bad = view_overview_badness(s->venues[k]);
		rank[k].i = k;
	}
	qsort(rank, n, sizeof(rank[0]), view_overview_rank_cmp);
	rows = r->h - 1;
	cols = view_overview_dense_cols(r->w, VIEW_OVERVIEW_DENSEW, rows, n);
	need = cols * (unsigned)rows;
	if (need < n && rank[need].bad >> VIEW_OVERVIEW_UNACKED_SHIFT != 0 &&
	    (c2 = view_overview_dense_cols(r->w, VIEW_OVERVIEW_COMPACTW, rows,
	    n)) > cols) {
		cols = c2;
		by_id = 1;
	}
	shown = cols * (unsigned)rows < n ? cols * (unsigned)rows : n;
	used = (int)((shown + cols - 1) / cols);	/* balanced columns */
	cw = r->w / (int)cols;
	for (k = shown; k < n; k++) {
		v = s->venues[rank[k].i];
		if (rank[k].bad >> VIEW_OVERVIEW_UNACKED_SHIFT != 0)
			hid_unacked++;
		if (v->link != STORE_LINK_LIVE)
			hid_down++;
		if (rank[k].i == u->selected)
			sel_hidden = v->name[0] != '\0' ? v->name : v->id;
	}
	view_overview_dense_head(u, s, r, shown, by_id, hid_unacked, hid_down,
	    sel_hidden);
	/* Names as wide as the longest shown, up to VIEW_OVERVIEW_NAMEW and
	 * half the column: the summary wants the rest. */
	for (k = 0, nw = 1; k < shown; k++) {
		v = s->venues[rank[k].i];
		len = ui_width(u, v->name[0] != '\0' && !by_id ? v->name :
		    v->id);
		if (len > nw)
			nw = len;
	}
	if (nw > VIEW_OVERVIEW_NAMEW)
		nw = VIEW_OVERVIEW_NAMEW;
	if (nw > cw / 2 - 2)
		nw = cw / 2 - 2;
	ew = ui_width(u, u->g->ellipsis);
	for (k = 0; k < shown; k++) {
		v = s->venues[rank[k].i];
		sel = rank[k].i == u->selected;
		dim = v->link == STORE_LINK_STALE ||
		    v->link == STORE_LINK_OFFLINE;
		y = r->y + 1 + (int)k % used;
		x = r->x + (int)k / used * cw;
		ui_colour_set(u, sel ? UI_C_SELECTED : UI_C_NORMAL,
		    dim && !sel ? A_DIM : 0);
		ui_fill(u, y, x, cw, " ");
		if (sel)
			ui_print(u, y, x, 1, u->g->marker);
		if (by_id) {	/* cut in the middle: clones differ at the end */
			ui_fit_middle(id, sizeof(id), v->id, nw,
			    u->g->ellipsis, ew);
			ui_print(u, y, x + 2, nw, id);
		} else
			ui_print_fit(u, y, x + 2, nw, v->name[0] != '\0' ?
			    v->name : v->id);
		view_overview_tile_summary(u, v, y, x + 3 + nw, cw - nw - 4,
		    now_ms, dim);
		ui_hit_add(u, y, x, cw, 1, UI_HIT_TILE, rank[k].i);
	}
}

/*
 * The grid for n venues in r: columns and rows, or 0 if even tiles of one
 * line do not fit them all.
 */
static unsigned
view_overview_grid(const struct ui_rect *r, unsigned n, unsigned *rows)
{
	unsigned	c, best = 0, rw;
	int		tw, th, score, top = -1;

	for (c = 1; c <= n; c++) {
		tw = r->w / (int)c;
		if (tw < VIEW_OVERVIEW_MINW)
			break;
		rw = (n + c - 1) / c;
		th = r->h / (int)rw;
		if (th < 3)
			continue;
		tw *= VIEW_OVERVIEW_ASPECT_D;
		th *= VIEW_OVERVIEW_ASPECT;
		score = tw < th ? tw : th;
		if (score > top) {
			top = score;
			best = c;
			*rows = rw;
		}
	}
	return (best);
}

/* Draw one tile per venue into r, or the dense list when they do not fit. */
void
view_overview_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	struct ui_rect	b;
	unsigned	i, n = s->nvenues, cols, rows, row, c, inrow;
	int		th, tw;

	if (r->w < 8 || r->h < 3)
		return;
	if (n == 0) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, r->y, r->x + 1, r->w - 1, "no venues");
		return;
	}
	if ((cols = view_overview_grid(r, n, &rows)) == 0) {
		view_overview_dense(u, s, r, now_ms);
		return;
	}
	/* Rows are all as high (the lines left over stay blank under the
	 * last: a row a line higher could show a line more, and a wall whose
	 * tiles say more in some rows than others reads as uneven); tiles
	 * share their row's width, the first ones taking what is left over. */
	th = r->h / (int)rows;
	b.y = r->y;
	b.h = th;
	for (i = 0, row = 0; row < rows; row++) {
		inrow = n - i < cols ? n - i : cols;
		tw = r->w / (int)inrow;
		b.x = r->x;
		for (c = 0; c < inrow; c++, i++) {
			b.w = tw + ((int)c < r->w % (int)inrow ? 1 : 0);
			view_overview_tile_draw(u, s, i, &b, now_ms);
			ui_hit_add(u, b.y, b.x, b.w, b.h, UI_HIT_TILE, i);
			b.x += b.w;
		}
		b.y += b.h;
	}
}
