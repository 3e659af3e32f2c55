/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-overview-tile.c: one venue's tile on the overview, at any size the
 * grid gives it (view-overview.c lays the grid out).
 *
 *   ┌ ▶ Basement Club ─────────────────────────────────────────────┐
 *   │ ┌───────────────────────────┐  LIVE  updated 0s ago           │
 *   │ │ Dance floor     Bar       │  alerts C2 W3 I0, 2 crit unacked│
 *   │ │ F 5.43          A 0.73    │  CRIT Dance floor: density 5.43…│
 *   │ │                           │  CRIT Person down near the stage│
 *   │ │ Door queue                │   F  Dance floor      5.43 p/m² │
 *   │ │ D 2.70                    │   D  Door queue       2.70 p/m² │
 *   │ └───────────────────────────┘  equip 1 ok 0 warn 0 err 0 off  │
 *   └──────────────────────────────────────────────────────────────┘
 *
 * A tile holds text lines and, when there is room, the venue's compact
 * heat map (ui-map.c's, in flat band fills: a raster per tile would thrash
 * the heat map's raster cache and cost bytes on every frame). A wide tile
 * puts the map on the left and the text on the right; a tall one puts the
 * text on top and the map below; a small one has text only.
 *
 * The text lines, in display order: link word and age, open alerts by
 * severity ("alerts C2 W9 I0, 2 crit unacked", the status bar's words), the
 * titles of open critical alerts (unacknowledged first, each after the
 * word CRIT in the critical colour), the worst zones
 * (band letter, name, density), then equipment, models and the busiest
 * gate. A short tile keeps the first of these by priority: link, alerts,
 * one critical title, one zone, then more of both, then the rest. At one
 * line, a tile is a summary: link, age, worst band, alert counts.
 *
 * Every state is a word or a letter as well as a colour; a piece of text
 * cut to fit ends with an ellipsis. Tiles of STALE or offline venues are
 * dimmed, their map greyed: what they show may no longer be true.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-priv.h"

#define VO_SEGS		12	/* pieces of one line */
#define VO_CRIT_MAX	8	/* critical titles a tile lists */
#define VO_ZONES_MAX	8	/* zones a tile lists */
#define VO_MAP_MINW	24	/* a map narrower than this is not drawn */
#define VO_MAP_MINH	5	/* nor one lower (border included) */
#define VO_SIDE_MINW	64	/* map beside the text from this width */
#define VO_TEXT_W	48	/* the text column beside a map, at most */

/* A piece of a line in one colour slot. */
struct vo_seg {
	char		text[FOHP_TEXT_MAX + 16];
	enum ui_slot	slot;
	attr_t		attr;
	int		clip;		/* may be cut short to fit */
};

/* A line: pieces, printed left to right; right-aligned from ralign on. */
struct vo_text {
	struct vo_seg	seg[VO_SEGS];
	int		n;
	int		ralign;	/* -1: none */
};

/* Start an empty line. */
static void
view_overview_tile_init(struct vo_text *t)
{
	t->n = 0;
	t->ralign = -1;
}

/* Add a piece to a line. */
static void
view_overview_tile_add(struct vo_text *t, enum ui_slot slot, attr_t attr,
    int clip, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
view_overview_tile_add(struct vo_text *t, enum ui_slot slot, attr_t attr,
    int clip, const char *fmt, ...)
{
	struct vo_seg	*s;
	va_list		 ap;

	if (t->n == VO_SEGS)
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
view_overview_tile_width(struct ui *u, const struct vo_text *t)
{
	int	i, w = 0;

	for (i = 0; i < t->n; i++)
		w += ui_width(u, t->seg[i].text);
	return (w);
}

/*
 * Print a line in w columns from y,x. A clippable piece gives up what the
 * line lacks, and a piece cut short ends with an ellipsis; the pieces from
 * ralign on go to the right edge. With dim, every piece is dimmed.
 */
static void
view_overview_tile_print(struct ui *u, const struct vo_text *t, int y,
    int x, int w, int dim)
{
	int	i, end = x + w, over, sw, full, rw = 0;

	over = view_overview_tile_width(u, t) - w;
	if (t->ralign >= 0) {
		for (i = t->ralign; i < t->n; i++)
			rw += ui_width(u, t->seg[i].text);
	}
	for (i = 0; i < t->n && x < end; i++) {
		const struct vo_seg *s = &t->seg[i];

		if (i == t->ralign && end - rw > x)
			x = end - rw;
		sw = full = ui_width(u, s->text);
		if (s->clip && over > 0) {
			int	cut = over < sw ? over : sw;

			sw -= cut;
			over -= cut;
		}
		if (sw > end - x)
			sw = end - x;
		ui_colour_set(u, s->slot, s->attr | (dim ? A_DIM : 0));
		if (sw < full)
			ui_print_fit(u, y, x, sw, s->text);
		else
			ui_print(u, y, x, sw, s->text);
		x += sw;
	}
}

/* Print the first of the forms that fits w, else the last, cut. */
static void
view_overview_tile_forms(struct ui *u, const struct vo_text *forms,
    int nforms, int y, int x, int w, int dim)
{
	int	i;

	for (i = 0; i < nforms - 1; i++) {
		if (view_overview_tile_width(u, &forms[i]) <= w)
			break;
	}
	view_overview_tile_print(u, &forms[i], y, x, w, dim);
}

/*
 * Open alerts by severity as everywhere ("C2 W9 I0"), and the critical
 * ones nobody acknowledged (", 2 crit unacked", the last piece: shown
 * whole or dropped, never cut to ",…"; C2 says as much in its colour).
 */
static void
view_overview_tile_counts(struct vo_text *t, const unsigned *n,
    unsigned unacked)
{
	view_overview_tile_add(t, n[FOHP_SEV_CRITICAL] > 0 ?
	    ui_severity_slot(FOHP_SEV_CRITICAL) : UI_C_NORMAL, 0, 0, "C%u",
	    n[FOHP_SEV_CRITICAL]);
	view_overview_tile_add(t, n[FOHP_SEV_WARNING] > 0 ?
	    ui_severity_slot(FOHP_SEV_WARNING) : UI_C_NORMAL, 0, 0, " W%u",
	    n[FOHP_SEV_WARNING]);
	view_overview_tile_add(t, UI_C_NORMAL, 0, 0, " I%u",
	    n[FOHP_SEV_INFO]);
	if (unacked > 0)
		view_overview_tile_add(t, UI_C_OFFLINE, A_BOLD, 0,
		    ", %u crit unacked", unacked);
}

/* Link word and "updated 2s ago". */
static void
view_overview_tile_link(struct ui *u, const struct store_venue *v, int y,
    int x, int w, uint64_t now_ms)
{
	struct vo_text	f[2];
	char		age[32];
	int		i;

	ui_since(age, sizeof(age), now_ms, v->heard_ms, "never");
	for (i = 0; i < 2; i++) {
		view_overview_tile_init(&f[i]);
		view_overview_tile_add(&f[i], ui_link_slot(v->link), 0, 0,
		    "%s", ui_link_word(v->link));
	}
	if (v->heard_ms == 0) {
		view_overview_tile_add(&f[0], UI_C_NORMAL, 0, 0,
		    "  never heard");
		view_overview_tile_add(&f[1], UI_C_NORMAL, 0, 0, " never");
	} else {
		view_overview_tile_add(&f[0], UI_C_NORMAL, 0, 0,
		    "  updated %s ago", age);
		view_overview_tile_add(&f[1], UI_C_NORMAL, 0, 0, " %s", age);
	}
	/* The link word keeps its colour even on a dimmed tile. */
	view_overview_tile_forms(u, f, 2, y, x, w, 0);
}

/* "alerts C2 W9 I0, 2 crit unacked", the label dropped when narrow. */
static void
view_overview_tile_alerts(struct ui *u, const struct store_venue *v, int y,
    int x, int w, int dim)
{
	struct vo_text	f[3];
	unsigned	n[FOHP_SEV_COUNT], unacked;
	int		k;

	memset(n, 0, sizeof(n));
	unacked = ui_alert_counts(v, n, NULL);
	for (k = 0; k < 3; k++) {
		view_overview_tile_init(&f[k]);
		if (k == 0)
			view_overview_tile_add(&f[k], UI_C_NORMAL, 0, 0,
			    "alerts ");
		view_overview_tile_counts(&f[k], n, k < 2 ? unacked : 0);
	}
	view_overview_tile_forms(u, f, 3, y, x, w, dim);
}

/* The zone in the worst band, densest first; NULL if none has a sample. */
const struct store_zone *
view_overview_tile_worst(const struct store_venue *v, int *band)
{
	const struct store_zone	*z;

	*band = -1;
	if (ui_zone_worst(v, &z, 1) == 0)
		return (NULL);
	*band = band_index(ui_zone_band(z));
	return (z);
}

/* A zone: band letter, name, density at the right. */
static void
view_overview_tile_zone(struct ui *u, const struct store_zone *z, int y,
    int x, int w, int dim)
{
	struct vo_text	t;
	int		b = band_index(ui_zone_band(z));

	view_overview_tile_init(&t);
	view_overview_tile_add(&t, ui_colour_band(b), A_BOLD, 0, " %c ",
	    b >= 0 ? 'A' + b : '-');
	view_overview_tile_add(&t, UI_C_NORMAL, 0, 1, " %s", z->def.name);
	t.ralign = t.n;
	view_overview_tile_add(&t, UI_C_NORMAL, 0, 0, " %.2f %s",
	    z->last.density, u->g->density_unit);
	view_overview_tile_print(u, &t, y, x, w, dim);
}

/* Where there are no zones to list: why. */
static void
view_overview_tile_nozones(struct ui *u, const struct store_venue *v,
    int y, int x, int w, int dim)
{
	struct vo_text	t;

	view_overview_tile_init(&t);
	view_overview_tile_add(&t, UI_C_DIM, 0, 1, "%s", v->nzones > 0 ?
	    "zones: no data yet" : "zones: no layout");
	view_overview_tile_print(u, &t, y, x, w, dim);
}

/*
 * The open critical alerts, unacknowledged first, then in the venue's
 * order, into a; how many there are (a holds up to max).
 */
static unsigned
view_overview_tile_crits(const struct store_venue *v,
    const struct fohp_alert **a, unsigned max)
{
	unsigned	i, pass, n = 0;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < v->nalerts; i++) {
			const struct fohp_alert	*al = &v->alerts[i];

			if (al->severity != FOHP_SEV_CRITICAL ||
			    al->state == FOHP_AS_RESOLVED ||
			    store_alert_unattended(al) != (pass == 0))
				continue;
			if (n < max)
				a[n] = al;
			n++;
		}
	}
	return (n);
}

/*
 * A critical alert: "CRIT" in the critical colour (a word, never a letter
 * a band could have: the zone lines under it start with theirs), its
 * title, "acked" or "shelved" when so.
 */
static void
view_overview_tile_crit(struct ui *u, const struct fohp_alert *a,
    unsigned more, int y, int x, int w, int dim)
{
	struct vo_text	t;

	view_overview_tile_init(&t);
	view_overview_tile_add(&t, ui_severity_slot(FOHP_SEV_CRITICAL),
	    A_BOLD, 0, "CRIT");
	view_overview_tile_add(&t, UI_C_NORMAL, 0, 1, " %s", a->title);
	t.ralign = t.n;
	if (more > 0)
		view_overview_tile_add(&t, UI_C_DIM, 0, 0, " +%u more", more);
	else if (!store_alert_unattended(a))
		view_overview_tile_add(&t, ui_state_slot(a->state), 0, 0,
		    " %s", a->state == FOHP_AS_SHELVED ? "shelved" : "acked");
	view_overview_tile_print(u, &t, y, x, w, dim);
}

/*
 * Equipment by status: "equip 3 ok / 1 warning / 1 error / 0 offline",
 * shorter words when narrow, then only the counts that are not zero.
 */
static void
view_overview_tile_equip(struct ui *u, const struct store_venue *v, int y,
    int x, int w, int dim)
{
	static const char *const	words[2][FOHP_ST_COUNT] = {
		{ "ok", "warning", "error", "offline" },
		{ "ok", "warn", "err", "off" },
	};
	static const enum ui_slot	slots[FOHP_ST_COUNT] = {
		UI_C_NORMAL, UI_C_STALE, UI_C_OFFLINE, UI_C_OFFLINE
	};
	struct vo_text			f[4];
	unsigned			n[FOHP_ST_COUNT] = { 0 }, i;
	int				k, st, long_form, skip_zero;

	for (i = 0; i < v->nequip; i++) {
		if ((unsigned)v->equip[i].status < FOHP_ST_COUNT)
			n[v->equip[i].status]++;
	}
	if (v->nequip == 0) {
		view_overview_tile_init(&f[0]);
		view_overview_tile_add(&f[0], UI_C_DIM, 0, 1,
		    "equipment: none");
		view_overview_tile_print(u, &f[0], y, x, w, dim);
		return;
	}
	for (k = 0; k < 4; k++) {
		long_form = k == 0;
		skip_zero = k >= 2;
		view_overview_tile_init(&f[k]);
		if (k < 3)
			view_overview_tile_add(&f[k], UI_C_NORMAL, 0, 0,
			    "equip");
		for (st = 0; st < FOHP_ST_COUNT; st++) {
			if (skip_zero && n[st] == 0)
				continue;
			view_overview_tile_add(&f[k], n[st] > 0 ? slots[st] :
			    UI_C_NORMAL, 0, 0, "%s%u %s",
			    f[k].n == 0 ? "" : long_form && st > 0 ? " / " :
			    " ", n[st], words[long_form ? 0 : 1][st]);
		}
	}
	view_overview_tile_forms(u, f, 4, y, x, w, dim);
}

/* The worst drift level of the models, and how many are at it. */
static void
view_overview_tile_models(struct ui *u, const struct store_venue *v, int y,
    int x, int w, int dim)
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
	struct vo_text			t;
	enum fohp_drift_level		l, worst = FOHP_DL_NONE;
	unsigned			i, at = 0;
	enum ui_slot			slot;

	view_overview_tile_init(&t);
	if (v->ndrift == 0) {
		view_overview_tile_add(&t, UI_C_DIM, 0, 1, "models: none");
		view_overview_tile_print(u, &t, y, x, w, dim);
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
	view_overview_tile_add(&t, UI_C_NORMAL, 0, 0, "models ");
	view_overview_tile_add(&t, slot, 0, 0, "%s", words[worst]);
	view_overview_tile_add(&t, UI_C_NORMAL, 0, 1, " (%u of %u)", at,
	    (unsigned)v->ndrift);
	view_overview_tile_print(u, &t, y, x, w, dim);
}

/* Busiest gate: name, flow, LOS letter. */
static void
view_overview_tile_gate(struct ui *u, const struct store_venue *v, int y,
    int x, int w, int dim)
{
	struct vo_text		 f[2];
	const struct store_gate	*best = NULL;
	const char		*name;
	unsigned		 i;
	int			 k;

	for (i = 0; i < v->ngates; i++) {
		if (best == NULL ||
		    v->gates[i].last.flow_pmm > best->last.flow_pmm)
			best = &v->gates[i];
	}
	view_overview_tile_init(&f[0]);
	if (best == NULL) {
		view_overview_tile_add(&f[0], UI_C_DIM, 0, 1, "gates: none");
		view_overview_tile_print(u, &f[0], y, x, w, dim);
		return;
	}
	name = best->last.name[0] != '\0' ? best->last.name : best->last.gate;
	for (k = 0; k < 2; k++) {
		view_overview_tile_init(&f[k]);
		view_overview_tile_add(&f[k], UI_C_NORMAL, 0, 1, "gate %s",
		    name);
		f[k].ralign = f[k].n;
		view_overview_tile_add(&f[k], UI_C_NORMAL, 0, 0,
		    k == 0 ? " %.0f p/m/min" : " %.0f/min",
		    best->last.flow_pmm);
		view_overview_tile_add(&f[k], ui_colour_band(band_index(
		    best->last.los)), A_BOLD, 0, " LOS %c",
		    best->last.los >= 'A' && best->last.los <= 'F' ?
		    best->last.los : '-');
	}
	/* Keep most of the name in the long form. */
	if (view_overview_tile_width(u, &f[0]) - ui_width(u, name) + 10 <= w)
		view_overview_tile_print(u, &f[0], y, x, w, dim);
	else
		view_overview_tile_print(u, &f[1], y, x, w, dim);
}

/*
 * The one line of a tile too short for more, and of the dense list: link
 * word, age, worst band letter, open alerts by severity, and how many
 * critical ones nobody acknowledged.
 */
void
view_overview_tile_summary(struct ui *u, const struct store_venue *v,
    int y, int x, int w, uint64_t now_ms, int dim)
{
	static const char *const gap[4] = { "  ", " ", " ", "" };
	struct vo_text	f[4];
	unsigned	n[FOHP_SEV_COUNT], unacked;
	char		age[32];
	int		k, wb;

	memset(n, 0, sizeof(n));
	unacked = ui_alert_counts(v, n, NULL);
	(void)view_overview_tile_worst(v, &wb);
	ui_since(age, sizeof(age), now_ms, v->heard_ms, "never");
	for (k = 0; k < 4; k++) {	/* shorter each time */
		view_overview_tile_init(&f[k]);
		view_overview_tile_add(&f[k], ui_link_slot(v->link), 0, 0,
		    "%s", ui_link_word(v->link));
		if (k < 2)
			view_overview_tile_add(&f[k], UI_C_NORMAL,
			    dim ? A_DIM : 0, 0, " %s", age);
		view_overview_tile_add(&f[k], UI_C_NORMAL, 0, 0, "%s",
		    gap[k]);
		view_overview_tile_add(&f[k], ui_colour_band(wb), A_BOLD, 0,
		    " %c ", wb >= 0 ? 'A' + wb : '-');
		view_overview_tile_add(&f[k], UI_C_NORMAL, 0, 0, "%s",
		    gap[k]);
		view_overview_tile_counts(&f[k], n, unacked);
	}
	/* The age (how stale) is dropped last: before it, the unacked
	 * count's words go (the C count says as much in its colour), then
	 * the spacing, so that summaries side by side stay in columns; last
	 * the spaces beside the band's cell (its own stay). */
	k = 2;
	if (view_overview_tile_width(u, &f[0]) <= w)
		k = 0;
	else if (view_overview_tile_width(u, &f[1]) <= w)
		k = 1;
	else if (unacked > 0) {
		for (k = 0; k < 2; k++) {
			f[k].n--;
			if (view_overview_tile_width(u, &f[k]) <= w)
				break;
			f[k].n++;
		}
		if (k == 2)	/* not even then: the words go here too */
			f[k].n--;
		if (k == 2 && view_overview_tile_width(u, &f[2]) > w) {
			f[3].n--;
			k = 3;
		}
	} else if (view_overview_tile_width(u, &f[2]) > w)
		k = 3;
	/* The link word keeps its colour even on a dimmed tile. */
	view_overview_tile_print(u, &f[k], y, x, w, 0);
}

/* What a tile's text lines show, in display order. */
struct vo_plan {
	int	alerts;		/* the counts line */
	unsigned ncrit;		/* critical titles shown */
	unsigned crit_more;	/* ... and not shown */
	unsigned nzones;	/* zones shown */
	int	equip, models, gate;
};

/*
 * Share lines text lines out: link, alerts, one critical title, one zone,
 * then critical titles and zones in turn, then equipment, models, gate.
 */
static int
view_overview_tile_plan(struct vo_plan *p, int lines, unsigned ncrit,
    unsigned nz)
{
	int	left = lines - 1;

	memset(p, 0, sizeof(*p));
	if (left > 0) {
		p->alerts = 1;
		left--;
	}
	while (left > 0 && (p->ncrit < ncrit || p->nzones < nz)) {
		if (p->ncrit < ncrit && (p->ncrit <= p->nzones ||
		    p->nzones >= nz)) {
			p->ncrit++;
			left--;
		} else if (p->nzones < nz) {
			p->nzones++;
			left--;
		}
	}
	if (p->nzones == 0 && left > 0) {	/* says why there are none */
		p->nzones = 1;
		left--;
	}
	if (left > 0) {
		p->equip = 1;
		left--;
	}
	if (left > 0) {
		p->models = 1;
		left--;
	}
	if (left > 0) {
		p->gate = 1;
		left--;
	}
	if (p->ncrit < ncrit)
		p->crit_more = ncrit - p->ncrit;
	return (lines - left);
}

/* The text lines of venue v in the lines x w cells at y,x. */
static void
view_overview_tile_text(struct ui *u, const struct store_venue *v, int y,
    int x, int w, int lines, uint64_t now_ms, int dim)
{
	const struct fohp_alert	*crit[VO_CRIT_MAX];
	const struct store_zone	*zones[VO_ZONES_MAX];
	struct vo_plan		 p;
	unsigned		 ncrit, nz, k;

	ncrit = view_overview_tile_crits(v, crit, VO_CRIT_MAX);
	nz = ui_zone_worst(v, zones, VO_ZONES_MAX);
	(void)view_overview_tile_plan(&p, lines, ncrit < VO_CRIT_MAX ? ncrit :
	    VO_CRIT_MAX, nz);
	if (ncrit > VO_CRIT_MAX)
		p.crit_more += ncrit - VO_CRIT_MAX;
	view_overview_tile_link(u, v, y++, x, w, now_ms);
	if (p.alerts)
		view_overview_tile_alerts(u, v, y++, x, w, dim);
	for (k = 0; k < p.ncrit; k++, y++)
		view_overview_tile_crit(u, crit[k], k + 1 == p.ncrit ?
		    p.crit_more : 0, y, x, w, dim);
	for (k = 0; k < p.nzones; k++, y++) {
		if (nz == 0)
			view_overview_tile_nozones(u, v, y, x, w, dim);
		else
			view_overview_tile_zone(u, zones[k], y, x, w, dim);
	}
	if (p.equip)
		view_overview_tile_equip(u, v, y++, x, w, dim);
	if (p.models)
		view_overview_tile_models(u, v, y++, x, w, dim);
	if (p.gate)
		view_overview_tile_gate(u, v, y++, x, w, dim);
}

/*
 * The venue's map in at most aw x ah cells at y,x (border included), in
 * flat band fills, greyed when not live. Returns its width, 0 if it is
 * not drawn (no layout yet, or too small).
 */
static int
view_overview_tile_map(struct ui *u, const struct store_venue *v, int y,
    int x, int aw, int ah)
{
	struct ui_map	m;

	if (!v->has_layout || v->grid_w == 0 || v->grid_h == 0 ||
	    aw < VO_MAP_MINW || ah < VO_MAP_MINH)
		return (0);
	m = ui_map_fit(v->grid_w, v->grid_h, aw - 2, ah - 2);
	/* On a wall, space counts more than the hall's true shape: up to
	 * half as wide and half as high again, labels need the width. */
	m.cols = m.cols * 3 / 2 < aw - 2 ? m.cols * 3 / 2 : aw - 2;
	m.rows = m.rows * 3 / 2 < ah - 2 ? m.rows * 3 / 2 : ah - 2;
	if (m.cols + 2 < VO_MAP_MINW)
		return (0);
	u->greyed = v->link != STORE_LINK_LIVE;
	/* flat fills, with colour or without: see the top of the file */
	ui_map_draw_as(u, v, &m, y, x, -1, 0, UI_MAP_FIT | UI_MAP_NO_RASTER);
	u->greyed = 0;
	return (m.cols + 2);
}

/*
 * The lines a tile's text wants above its map: link, alerts, up to three
 * critical titles and three zones; equipment, models and gate give way to
 * the map.
 */
static int
view_overview_tile_want(const struct store_venue *v)
{
	const struct fohp_alert	*crit[VO_CRIT_MAX];
	const struct store_zone	*zones[VO_ZONES_MAX];
	unsigned		 nc, nz;

	nc = view_overview_tile_crits(v, crit, VO_CRIT_MAX);
	nz = ui_zone_worst(v, zones, 3);
	return (2 + (int)(nc < 3 ? nc : 3) + (int)(nz > 0 ? nz : 1));
}

/* Draw venue i's tile in box b: border, title, text and map as they fit. */
void
view_overview_tile_draw(struct ui *u, const struct store *s, unsigned i,
    const struct ui_rect *b, uint64_t now_ms)
{
	const struct store_venue	*v = s->venues[i];
	int				 sel = i == u->selected, dim;
	int				 x, y, w, h, tx, tw, mw, th;

	dim = v->link == STORE_LINK_STALE || v->link == STORE_LINK_OFFLINE;
	ui_colour_set(u, sel ? UI_C_SELECTED : UI_C_BORDER,
	    dim && !sel ? A_DIM : 0);
	ui_box(u, b);
	ui_colour_set(u, sel ? UI_C_SELECTED : UI_C_HEADING, dim ? A_DIM : 0);
	x = b->x + 1;
	x += ui_print(u, b->y, x, 1, " ");
	if (sel) {
		x += ui_print(u, b->y, x, 1, u->g->marker);
		x += ui_print(u, b->y, x, 1, " ");
	}
	x += ui_print_fit(u, b->y, x, b->x + b->w - 3 - x, v->name[0] != '\0' ?
	    v->name : v->id);
	ui_print(u, b->y, x, b->x + b->w - 1 - x, " ");

	x = b->x + 2;
	y = b->y + 1;
	w = b->w - 4;
	h = b->h - 2;
	if (h <= 0 || w <= 0)
		return;
	if (h == 1) {
		view_overview_tile_summary(u, v, y, x, w, now_ms, dim);
		return;
	}
	/* Wide: the map on the left, the text beside it. */
	if (w >= VO_SIDE_MINW) {
		tw = w * 2 / 5 > VO_TEXT_W ? VO_TEXT_W : w * 2 / 5;
		if (tw < 32)
			tw = 32;
		mw = view_overview_tile_map(u, v, y, x, w - tw - 2, h);
		tx = mw > 0 ? x + mw + 2 : x;
		view_overview_tile_text(u, v, y, tx, x + w - tx, h, now_ms,
		    dim);
		return;
	}
	/* Tall: the text on top, the map under it. */
	th = view_overview_tile_want(v);
	if (th > h - VO_MAP_MINH)
		th = h - VO_MAP_MINH;
	if (th < 4 || view_overview_tile_map(u, v, y + th, x, w,
	    h - th) == 0)
		th = h;
	view_overview_tile_text(u, v, y, x, w, th, now_ms, dim);
}
