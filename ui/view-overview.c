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
 * Rows share the panel's height, tiles their row's width, so the last
 * row's fewer tiles are wider: nothing is left empty. What a tile
 * shows at the size it gets (a map, worst zones, critical titles, or one
 * summary line) is view-overview-tile.c's.
 *
 * When even one-line tiles do not all fit (hundreds of venues), the view
 * is a dense list instead, worst first: one line a venue (marker, name and
 * the tile's summary line) in columns of VIEW_OVERVIEW_DENSEW, under a
 * heading that counts the venues by link state; the page holding the
 * selected venue is shown. Worst: unacknowledged critical alerts, then
 * offline, stale, connecting, then critical alerts, the worst band, the
 * warnings; ties in the venue list's order.
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
#define VIEW_OVERVIEW_DENSEW	48	/* a dense list's column */
#define VIEW_OVERVIEW_NAMEW	24	/* and its names, at most */

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
	return ((uint64_t)(unacked < 0xffff ? unacked : 0xffff) << 40 |
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

/* The dense list of many venues, worst first, into r. */
static void
view_overview_dense(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	struct view_overview_rank	 rank[STORE_VENUES_MAX];
	const struct store_venue	*v;
	unsigned			 n = s->nvenues, k, first, per, c[4];
	char				 head[160];
	int				 cols, cw, rows, sel, dim, y, x, nw;

	for (k = 0; k < n; k++) {
		rank[k].bad = view_overview_badness(s->venues[k]);
		rank[k].i = k;
	}
	qsort(rank, n, sizeof(rank[0]), view_overview_rank_cmp);
	cols = r->w / VIEW_OVERVIEW_DENSEW > 0 ? r->w / VIEW_OVERVIEW_DENSEW :
	    1;
	cw = r->w / cols;
	rows = r->h - 1;
	per = (unsigned)(cols * rows);
	for (k = 0; k < n && rank[k].i != u->selected; k++)
		;
	first = k < n ? k / per * per : 0;
	store_link_counts(s, c);
	ui_colour_set(u, UI_C_HEADING, 0);
	/* The long heading, else the venue list's short counts. */
	snprintf(head, sizeof(head), "%u venues, worst first: %u offline, %u "
	    "stale, %u live%s (%u-%u shown)", n, c[STORE_LINK_OFFLINE],
	    c[STORE_LINK_STALE], c[STORE_LINK_LIVE],
	    c[STORE_LINK_CONNECTING] > 0 ? ", some connecting" : "",
	    first + 1, first + per < n ? first + per : n);
	if (ui_width(u, head) > r->w - 1)
		snprintf(head, sizeof(head), "%u venues by worst, %u-%u: "
		    "%u off %u stale %u live", n, first + 1,
		    first + per < n ? first + per : n, c[STORE_LINK_OFFLINE],
		    c[STORE_LINK_STALE], c[STORE_LINK_LIVE]);
	ui_print_fit(u, r->y, r->x + 1, r->w - 1, head);
	nw = cw / 3 < VIEW_OVERVIEW_NAMEW ? cw / 3 : VIEW_OVERVIEW_NAMEW;
	for (k = first; k < n && k < first + per; k++) {
		v = s->venues[rank[k].i];
		sel = rank[k].i == u->selected;
		dim = v->link == STORE_LINK_STALE ||
		    v->link == STORE_LINK_OFFLINE;
		y = r->y + 1 + (int)(k - first) % rows;
		x = r->x + (int)(k - first) / rows * cw;
		ui_colour_set(u, sel ? UI_C_SELECTED : UI_C_NORMAL,
		    dim && !sel ? A_DIM : 0);
		ui_fill(u, y, x, cw, " ");
		if (sel)
			ui_print(u, y, x, 1, u->g->marker);
		ui_print_fit(u, y, x + 2, nw, v->name[0] != '\0' ? v->name :
		    v->id);
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
	/* Rows share the height, the first ones taking what is left over;
	 * tiles share their row's width likewise. */
	th = r->h / (int)rows;
	b.y = r->y;
	for (i = 0, row = 0; row < rows; row++) {
		b.h = th + ((int)row < r->h % (int)rows ? 1 : 0);
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
