/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-overview.c: every venue at a glance, one tile each.
 *
 *   +- > Festival -------------------+
 *   | LIVE  updated 2s ago           |
 *   |  F  North gate       5.60 p/m2 |
 *   | gate Bridge   71 p/m/min LOS E |
 *   | alerts C 1 W 2 I 0  1 unacked  |
 *   | equip 3 ok / 1 warning / ...   |
 *   | models major (1 of 3)          |
 *   +--------------------------------+
 *
 * Tiles are laid out in a grid: as many columns as fit at VIEW_OVERVIEW_MINW
 * each (no more than there are venues), rows as needed. When the rows do not
 * fit at full height, tiles lose lines, least useful first (gate, models,
 * equipment, zone, alerts; the link line stays). At three lines high a tile
 * has one line, a summary (link, age, worst band, alerts by severity), and
 * the grid scrolls to keep the selected venue in view.
 *
 * When even one-line tiles do not all fit (hundreds of venues), the view
 * is a dense list instead, worst first: one line a venue (marker, name and
 * the tile's summary line) in columns of VIEW_OVERVIEW_DENSEW, under a
 * heading that counts the venues by link state; the page holding the
 * selected venue is shown. Worst: unacknowledged critical alerts, then
 * offline, stale, connecting, then critical alerts, the worst band, the
 * warnings; ties in the venue list's order.
 *
 * Every state is a word or a letter as well as a colour: link words, band
 * letter, LOS letter, severity letters C/W/I, status and level words. The
 * selected venue has a marker before its name and a highlighted border;
 * tiles of STALE or offline venues are dimmed, since what they show may no
 * longer be true.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ui-priv.h"

#define VIEW_OVERVIEW_MINW	26	/* narrowest tile, border included */
#define VIEW_OVERVIEW_MAXW	64	/* widest tile */
#define VIEW_OVERVIEW_SEGS	12	/* pieces of one line */
#define VIEW_OVERVIEW_DENSEW	48	/* a dense list's column */
#define VIEW_OVERVIEW_NAMEW	16	/* and its names, at most */

/* The lines of a tile, in display order. */
enum view_overview_line {
	VO_LINE_LINK,
	VO_LINE_ZONE,
	VO_LINE_GATE,
	VO_LINE_ALERTS,
	VO_LINE_EQUIP,
	VO_LINE_MODELS,
	VO_LINE_COUNT
};

/* Lines by priority: a short tile keeps the first ones. */
static const enum view_overview_line view_overview_priority[VO_LINE_COUNT] = {
	VO_LINE_LINK, VO_LINE_ALERTS, VO_LINE_ZONE, VO_LINE_EQUIP,
	VO_LINE_MODELS, VO_LINE_GATE
};

/* A piece of a line in one colour slot. */
struct view_overview_seg {
	char		text[FOHP_NAME_MAX + 16];
	enum ui_slot	slot;
	attr_t		attr;
	int		clip;		/* may be cut short to fit */
};

/* A line: pieces, printed left to right; right-aligned from ralign on. */
struct view_overview_text {
	struct view_overview_seg	seg[VIEW_OVERVIEW_SEGS];
	int				n;
	int				ralign;	/* -1: none */
};

/* Start an empty line. */
static void
view_overview_text_init(struct view_overview_text *t)
{
	t->n = 0;
	t->ralign = -1;
}

/* Add a piece to a line. */
static void
view_overview_add(struct view_overview_text *t, enum ui_slot slot,
    attr_t attr, int clip, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
view_overview_add(struct view_overview_text *t, enum ui_slot slot,
    attr_t attr, int clip, const char *fmt, ...)
{
	struct view_overview_seg	*s;
	va_list				 ap;

	if (t->n == VIEW_OVERVIEW_SEGS)
		return;
	s = &t->seg[t->n++];
	va_start(ap, fmt);
	vsnprintf(s->text, sizeof(s->text), fmt, ap);
	va_end(ap);
	s->slot = slot;
	s->attr = attr;
	s->clip = clip;
}

/* The width a line takes. */
static int
view_overview_text_width(struct ui *u, const struct view_overview_text *t)
{
	int	i, w = 0;

	for (i = 0; i < t->n; i++)
		w += ui_width(u, t->seg[i].text);
	return (w);
}

/*
 * Print a line in w columns from y,x. A clippable piece gives up what the
 * line lacks; the pieces from ralign on go to the right edge. With dim,
 * every piece is dimmed.
 */
static void
view_overview_text_print(struct ui *u, const struct view_overview_text *t,
    int y, int x, int w, int dim)
{
	int	i, end = x + w, total, over, sw, rw = 0;

	total = view_overview_text_width(u, t);
	over = total - w;
	if (t->ralign >= 0) {
		for (i = t->ralign; i < t->n; i++)
			rw += ui_width(u, t->seg[i].text);
	}
	for (i = 0; i < t->n && x < end; i++) {
		const struct view_overview_seg *s = &t->seg[i];

		if (i == t->ralign && end - rw > x)
			x = end - rw;
		sw = ui_width(u, s->text);
		if (s->clip && over > 0) {
			int	cut = over < sw ? over : sw;

			sw -= cut;
			over -= cut;
		}
		ui_colour_set(u, s->slot, s->attr | (dim ? A_DIM : 0));
		ui_print(u, y, x, sw < end - x ? sw : end - x, s->text);
		x += sw;
	}
}

/* Print the first of the forms that fits w, else the last clipped. */
static void
view_overview_forms(struct ui *u, const struct view_overview_text *forms,
    int nforms, int y, int x, int w, int dim)
{
	int	i;

	for (i = 0; i < nforms - 1; i++) {
		if (view_overview_text_width(u, &forms[i]) <= w)
			break;
	}
	view_overview_text_print(u, &forms[i], y, x, w, dim);
}

/* Link word and "updated 2s ago". */
static void
view_overview_link(struct ui *u, const struct store_venue *v, int y, int x,
    int w, uint64_t now_ms, int dim)
{
	struct view_overview_text	f[2];
	char				age[32];
	enum ui_slot			slot = ui_link_slot(v->link);
	int				i;

	ui_since(age, sizeof(age), now_ms, v->heard_ms, "never");
	for (i = 0; i < 2; i++) {
		view_overview_text_init(&f[i]);
		view_overview_add(&f[i], slot, 0, 0, "%s",
		    ui_link_word(v->link));
	}
	if (v->heard_ms == 0) {
		view_overview_add(&f[0], UI_C_NORMAL, 0, 0, "  never heard");
		view_overview_add(&f[1], UI_C_NORMAL, 0, 0, " never");
	} else {
		view_overview_add(&f[0], UI_C_NORMAL, 0, 0, "  updated %s ago",
		    age);
		view_overview_add(&f[1], UI_C_NORMAL, 0, 0, " %s", age);
	}
	/* The link word keeps its colour even on a dimmed tile. */
	view_overview_forms(u, f, 2, y, x, w, 0);
	(void)dim;
}

/* The zone in the worst band, densest first; NULL if none has a sample. */
static const struct store_zone *
view_overview_worst_zone(const struct store_venue *v, int *band)
{
	const struct store_zone	*worst = NULL;
	unsigned		 i;
	int			 b;

	*band = -1;
	for (i = 0; i < v->nzones; i++) {
		const struct store_zone	*z = &v->zones[i];

		b = band_index(ui_zone_band(z));
		if (b < 0)
			continue;
		if (b > *band || (b == *band && z->last.density >
		    worst->last.density)) {
			*band = b;
			worst = z;
		}
	}
	return (worst);
}

/* Worst zone: band letter, name, density. */
static void
view_overview_zone(struct ui *u, const struct store_venue *v, int y,
    int x, int w, uint64_t now_ms, int dim)
{
	struct view_overview_text	 t;
	const struct store_zone		*worst;
	int				 wb;

	(void)now_ms;
	worst = view_overview_worst_zone(v, &wb);
	view_overview_text_init(&t);
	if (worst == NULL) {
		view_overview_add(&t, UI_C_DIM, 0, 1, "%s",
		    v->nzones > 0 ? "zones: no data yet" : "zones: no layout");
		view_overview_text_print(u, &t, y, x, w, dim);
		return;
	}
	view_overview_add(&t, ui_colour_band(wb), A_BOLD, 0, " %c ",
	    'A' + wb);
	view_overview_add(&t, UI_C_NORMAL, 0, 1, " %s", worst->def.name);
	t.ralign = t.n;
	view_overview_add(&t, UI_C_NORMAL, 0, 0, " %.2f %s",
	    worst->last.density, u->g->density_unit);
	view_overview_text_print(u, &t, y, x, w, dim);
}

/* Busiest gate: name, flow, LOS letter. */
static void
view_overview_gate(struct ui *u, const struct store_venue *v, int y,
    int x, int w, uint64_t now_ms, int dim)
{
	struct view_overview_text	 f[2];
	const struct store_gate		*best = NULL;
	const char			*name;
	unsigned			 i;
	int				 k;

	(void)now_ms;
	for (i = 0; i < v->ngates; i++) {
		if (best == NULL ||
		    v->gates[i].last.flow_pmm > best->last.flow_pmm)
			best = &v->gates[i];
	}
	view_overview_text_init(&f[0]);
	if (best == NULL) {
		view_overview_add(&f[0], UI_C_DIM, 0, 1, "gates: none");
		view_overview_text_print(u, &f[0], y, x, w, dim);
		return;
	}
	name = best->last.name[0] != '\0' ? best->last.name : best->last.gate;
	for (k = 0; k < 2; k++) {
		view_overview_text_init(&f[k]);
		view_overview_add(&f[k], UI_C_NORMAL, 0, 1, "gate %s", name);
		f[k].ralign = f[k].n;
		view_overview_add(&f[k], UI_C_NORMAL, 0, 0,
		    k == 0 ? " %.0f p/m/min" : " %.0f/min", best->last.flow_pmm);
		view_overview_add(&f[k], ui_colour_band(band_index(
		    best->last.los)), A_BOLD, 0, " LOS %c",
		    best->last.los >= 'A' && best->last.los <= 'F' ?
		    best->last.los : '-');
	}
	/* Keep most of the name in the long form. */
	if (view_overview_text_width(u, &f[0]) - ui_width(u, name) + 10 <= w)
		view_overview_text_print(u, &f[0], y, x, w, dim);
	else
		view_overview_text_print(u, &f[1], y, x, w, dim);
}

/* Open alerts by severity, and critical ones nobody acknowledged. */
static void
view_overview_alerts(struct ui *u, const struct store_venue *v, int y,
    int x, int w, uint64_t now_ms, int dim)
{
	static const char *const	labels[3] = { "alerts ", "alerts ", "" };
	static const char *const	unack[3] = {
		"  %u crit unacked", " %u unacked", "  %u crit unacked"
	};
	struct view_overview_text	f[3];
	unsigned			n[FOHP_SEV_COUNT], unacked;
	int				k;

	(void)now_ms;
	memset(n, 0, sizeof(n));
	unacked = ui_alert_counts(v, n, NULL);
	if (n[FOHP_SEV_CRITICAL] + n[FOHP_SEV_WARNING] + n[FOHP_SEV_INFO] ==
	    0) {
		view_overview_text_init(&f[0]);
		view_overview_add(&f[0], UI_C_NORMAL, 0, 1, "alerts: none open");
		view_overview_text_print(u, &f[0], y, x, w, dim);
		return;
	}
	for (k = 0; k < 3; k++) {
		const char	*sp = k == 0 ? " " : "";

		view_overview_text_init(&f[k]);
		view_overview_add(&f[k], UI_C_NORMAL, 0, 0, "%s", labels[k]);
		view_overview_add(&f[k], n[FOHP_SEV_CRITICAL] > 0 ?
		    UI_C_OFFLINE : UI_C_NORMAL, 0, 0, "C%s%u",
		    sp, n[FOHP_SEV_CRITICAL]);
		view_overview_add(&f[k], n[FOHP_SEV_WARNING] > 0 ?
		    UI_C_STALE : UI_C_NORMAL, 0, 0, " W%s%u",
		    sp, n[FOHP_SEV_WARNING]);
		view_overview_add(&f[k], UI_C_NORMAL, 0, 0, " I%s%u",
		    sp, n[FOHP_SEV_INFO]);
		if (unacked > 0)
			view_overview_add(&f[k], UI_C_OFFLINE, A_BOLD, 0,
			    unack[k], unacked);
		else if (k == 0 && n[FOHP_SEV_CRITICAL] > 0)
			view_overview_add(&f[k], UI_C_NORMAL, 0, 0,
			    "  crit all acked");
	}
	view_overview_forms(u, f, 3, y, x, w, dim);
}

/*
 * Equipment by status: "equip 3 ok / 1 warning / 1 error / 0 offline",
 * shorter words when narrow, then only the counts that are not zero.
 */
static void
view_overview_equip(struct ui *u, const struct store_venue *v, int y,
    int x, int w, uint64_t now_ms, int dim)
{
	static const char *const	words[2][FOHP_ST_COUNT] = {
		{ "ok", "warning", "error", "offline" },
		{ "ok", "warn", "err", "off" },
	};
	static const enum ui_slot	slots[FOHP_ST_COUNT] = {
		UI_C_NORMAL, UI_C_STALE, UI_C_OFFLINE, UI_C_OFFLINE
	};
	struct view_overview_text	f[4];
	unsigned			n[FOHP_ST_COUNT] = { 0 }, i;
	int				k, st, long_form, skip_zero;

	(void)now_ms;
	for (i = 0; i < v->nequip; i++) {
		if ((unsigned)v->equip[i].status < FOHP_ST_COUNT)
			n[v->equip[i].status]++;
	}
	if (v->nequip == 0) {
		view_overview_text_init(&f[0]);
		view_overview_add(&f[0], UI_C_DIM, 0, 1, "equipment: none");
		view_overview_text_print(u, &f[0], y, x, w, dim);
		return;
	}
	for (k = 0; k < 4; k++) {
		long_form = k == 0;
		skip_zero = k >= 2;
		view_overview_text_init(&f[k]);
		if (k < 3)
			view_overview_add(&f[k], UI_C_NORMAL, 0, 0, "equip");
		for (st = 0; st < FOHP_ST_COUNT; st++) {
			if (skip_zero && n[st] == 0)
				continue;
			view_overview_add(&f[k], n[st] > 0 ? slots[st] :
			    UI_C_NORMAL, 0, 0, "%s%u %s",
			    f[k].n == 0 ? "" : long_form && st > 0 ? " / " :
			    " ", n[st], words[long_form ? 0 : 1][st]);
		}
	}
	view_overview_forms(u, f, 4, y, x, w, dim);
}

/* The worst drift level of the models, and how many are at it. */
static void
view_overview_models(struct ui *u, const struct store_venue *v, int y,
    int x, int w, uint64_t now_ms, int dim)
{
	static const int		rank[FOHP_DL_COUNT] = {
		[FOHP_DL_NONE] = 0, [FOHP_DL_STABLE] = 1,
		[FOHP_DL_PENDING] = 2, [FOHP_DL_MODERATE] = 3,
		[FOHP_DL_MAJOR] = 4,
	};
	static const char *const	words[FOHP_DL_COUNT] = {
		[FOHP_DL_NONE] = "not judged", [FOHP_DL_STABLE] = "stable",
		[FOHP_DL_PENDING] = "pending", [FOHP_DL_MODERATE] = "moderate",
		[FOHP_DL_MAJOR] = "major",
	};
	struct view_overview_text	t;
	enum fohp_drift_level		l, worst = FOHP_DL_NONE;
	unsigned			i, at = 0;
	enum ui_slot			slot;

	(void)now_ms;
	view_overview_text_init(&t);
	if (v->ndrift == 0) {
		view_overview_add(&t, UI_C_DIM, 0, 1, "models: none");
		view_overview_text_print(u, &t, y, x, w, dim);
		return;
	}
	for (i = 0; i < v->ndrift; i++) {
		l = v->drift[i].level;
		if ((unsigned)l >= FOHP_DL_COUNT)
			l = FOHP_DL_NONE;
		if (rank[l] > rank[worst]) {
			worst = l;
			at = 0;
		}
		if (l == worst)
			at++;
	}
	slot = worst == FOHP_DL_MAJOR ? UI_C_OFFLINE :
	    worst == FOHP_DL_MODERATE ? UI_C_STALE : UI_C_NORMAL;
	view_overview_add(&t, UI_C_NORMAL, 0, 0, "models ");
	view_overview_add(&t, slot, 0, 0, "%s", words[worst]);
	view_overview_add(&t, UI_C_NORMAL, 0, 1, " (%u of %u)", at,
	    (unsigned)v->ndrift);
	view_overview_text_print(u, &t, y, x, w, dim);
}

/*
 * The one line of a tile too short for more: link word, age, worst band
 * letter, open alerts by severity, unacknowledged critical ones.
 */
static void
view_overview_summary(struct ui *u, const struct store_venue *v, int y,
    int x, int w, uint64_t now_ms, int dim)
{
	struct view_overview_text	f[3];
	unsigned			n[FOHP_SEV_COUNT], unacked;
	char				age[32];
	int				k, wb;

	memset(n, 0, sizeof(n));
	unacked = ui_alert_counts(v, n, NULL);
	(void)view_overview_worst_zone(v, &wb);
	ui_since(age, sizeof(age), now_ms, v->heard_ms, "never");
	for (k = 0; k < 3; k++) {	/* shorter each time */
		view_overview_text_init(&f[k]);
		view_overview_add(&f[k], ui_link_slot(v->link), 0, 0,
		    "%s", ui_link_word(v->link));
		if (k == 0)
			view_overview_add(&f[k], UI_C_NORMAL, dim ? A_DIM : 0,
			    0, " %s", age);
		view_overview_add(&f[k], UI_C_NORMAL, 0, 0, " ");
		view_overview_add(&f[k], ui_colour_band(wb), A_BOLD, 0,
		    " %c ", wb >= 0 ? 'A' + wb : '-');
		view_overview_add(&f[k], n[FOHP_SEV_CRITICAL] > 0 ?
		    UI_C_OFFLINE : UI_C_NORMAL, 0, 0, "%sC%u",
		    k < 2 ? "  " : " ", n[FOHP_SEV_CRITICAL]);
		view_overview_add(&f[k], n[FOHP_SEV_WARNING] > 0 ?
		    UI_C_STALE : UI_C_NORMAL, 0, 0, " W%u",
		    n[FOHP_SEV_WARNING]);
		if (k < 2)
			view_overview_add(&f[k], UI_C_NORMAL, 0, 0, " I%u",
			    n[FOHP_SEV_INFO]);
		if (unacked > 0)
			view_overview_add(&f[k], UI_C_OFFLINE, A_BOLD, 0,
			    " %u unacked", unacked);
	}
	/* The link word keeps its colour even on a dimmed tile. */
	view_overview_forms(u, f, 3, y, x, w, 0);
}

/* Who draws each line of a tile. */
static void (*const view_overview_lines[VO_LINE_COUNT])(struct ui *,
    const struct store_venue *, int, int, int, uint64_t, int) = {
	[VO_LINE_LINK] = view_overview_link,
	[VO_LINE_ZONE] = view_overview_zone,
	[VO_LINE_GATE] = view_overview_gate,
	[VO_LINE_ALERTS] = view_overview_alerts,
	[VO_LINE_EQUIP] = view_overview_equip,
	[VO_LINE_MODELS] = view_overview_models,
};

/* Draw venue i's tile in box b with lines inner lines. */
static void
view_overview_tile(struct ui *u, const struct store *s, unsigned i,
    const struct ui_rect *b, int lines, uint64_t now_ms)
{
	const struct store_venue	*v = s->venues[i];
	int				 sel = i == u->selected, dim, k, p, y;
	int				 x = b->x + 2, w = b->w - 4, show[VO_LINE_COUNT];
	char				 title[FOHP_NAME_MAX + 8];

	dim = v->link == STORE_LINK_STALE || v->link == STORE_LINK_OFFLINE;
	ui_colour_set(u, sel ? UI_C_SELECTED : UI_C_BORDER,
	    dim && !sel ? A_DIM : 0);
	ui_box(u, b);
	snprintf(title, sizeof(title), " %s%s%s ", sel ? u->g->marker : "",
	    sel ? " " : "", v->name[0] != '\0' ? v->name : v->id);
	ui_colour_set(u, sel ? UI_C_SELECTED : UI_C_HEADING,
	    dim ? A_DIM : 0);
	ui_print(u, b->y, b->x + 1, b->w - 2, title);

	if (lines == 1) {
		view_overview_summary(u, v, b->y + 1, x, w, now_ms, dim);
		return;
	}
	memset(show, 0, sizeof(show));
	for (p = 0; p < VO_LINE_COUNT && p < lines; p++)
		show[view_overview_priority[p]] = 1;
	for (k = 0, y = b->y + 1; k < VO_LINE_COUNT; k++) {
		if (!show[k])
			continue;
		view_overview_lines[k](u, v, y, x, w, now_ms, dim);
		y++;
	}
}

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
	(void)view_overview_worst_zone(v, &wb);
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
	ui_printf(u, r->y, r->x + 1, r->w - 1, "%u venues, worst first: %u "
	    "offline, %u stale, %u live%s (%u-%u shown)", n,
	    c[STORE_LINK_OFFLINE], c[STORE_LINK_STALE], c[STORE_LINK_LIVE],
	    c[STORE_LINK_CONNECTING] > 0 ? ", some connecting" : "",
	    first + 1, first + per < n ? first + per : n);
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
		ui_print(u, y, x + 2, nw, v->name[0] != '\0' ? v->name :
		    v->id);
		view_overview_summary(u, v, y, x + 3 + nw, cw - nw - 4, now_ms,
		    dim);
		ui_hit_add(u, y, x, cw, 1, UI_HIT_TILE, rank[k].i);
	}
}

/* Draw one tile per venue into r, or the dense list when they do not fit. */
void
view_overview_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	struct ui_rect	b;
	unsigned	i, n = s->nvenues, cols, rows, vis, first, sel_row;
	int		tw, th, extra;

	if (r->w < 8 || r->h < 3)
		return;
	if (n == 0) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, r->y, r->x + 1, r->w - 1, "no venues");
		return;
	}
	cols = (unsigned)(r->w / VIEW_OVERVIEW_MINW);
	if (cols < 1)
		cols = 1;
	if (cols > n)
		cols = n;
	rows = (n + cols - 1) / cols;
	tw = r->w / (int)cols;
	if (tw > VIEW_OVERVIEW_MAXW)
		tw = VIEW_OVERVIEW_MAXW;
	th = r->h / (int)rows;
	if (th > VO_LINE_COUNT + 2)
		th = VO_LINE_COUNT + 2;
	if (th < 3)
		th = 3;
	vis = (unsigned)(r->h / th);
	if (vis > rows)
		vis = rows;
	if (th == 3 && vis < rows && r->h >= 2) {
		view_overview_dense(u, s, r, now_ms);
		return;
	}
	extra = r->w - tw * (int)cols;	/* given to the first tiles */
	if (tw == VIEW_OVERVIEW_MAXW)
		extra = 0;

	/* Scroll by whole rows to keep the selected venue in view. */
	sel_row = (u->selected < n ? u->selected : 0) / cols;
	first = sel_row >= vis ? sel_row - vis + 1 : 0;
	for (i = first * cols; i < n && i < (first + vis) * cols; i++) {
		unsigned	c = i % cols;

		b.w = tw + ((int)c < extra ? 1 : 0);
		b.x = r->x + (int)c * tw + ((int)c < extra ? (int)c : extra);
		b.y = r->y + (int)(i / cols - first) * th;
		b.h = th;
		view_overview_tile(u, s, i, &b, th - 2, now_ms);
		ui_hit_add(u, b.y, b.x, b.w, b.h, UI_HIT_TILE, i);
	}
	if (first > 0 || (first + vis) * cols < n) {
		char	more[64];

		snprintf(more, sizeof(more), " venues %u-%u of %u ",
		    first * cols + 1, i, n);
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, r->y + r->h - 1, r->x + 1, r->w - 2, more);
	}
}
