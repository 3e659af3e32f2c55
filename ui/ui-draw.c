/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-draw.c: what every view and widget draws with, and calls nothing of
 * theirs: the frame's layout into panels, text and shapes clipped and
 * sanitised for the glyph mode, table columns, sparklines, the words and
 * colour slots of link states and severities, durations on screen,
 * clickable regions, the one-line message, and the arithmetic of a
 * selection that scrolls.
 *
 * Every string goes through ui_print, which clips to the screen by display
 * width and, in ASCII mode, turns anything that is not printable ASCII into
 * '?', so a LANG=C screen holds no byte above 0x7f whatever names a venue
 * sends.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "lib/text.h"
#include "ui-priv.h"

/*
 * Below this width one panel takes the whole body: the view in front, or
 * the venue list while it has the keys (Tab), so 40 columns still show
 * the alerts.
 */
#define UI_MAIN_MIN_COLS	50

/* Set a rectangle. */
static void
ui_rect_set(struct ui_rect *r, int x, int y, int w, int h)
{
	r->x = x;
	r->y = y;
	r->w = w > 0 ? w : 0;
	r->h = h > 0 ? h : 0;
}

/*
 * Compute the panels for the current terminal size: the status bar on top,
 * the kiosk's banner under it while u->banner, the key line at the bottom,
 * the venue list and the main view between.
 */
void
ui_layout(struct ui *u)
{
	int	L = LINES, C = COLS, body_y, body_h, list_w;

	u->lines = L;
	u->cols = C;
	memset(u->panels, 0, sizeof(u->panels));
	u->divider_x = -1;
	if (L < 1 || C < 1)
		return;
	ui_rect_set(&u->panels[UI_PANEL_STATUS], 0, 0, C, 1);
	body_y = 1;
	body_h = L - 1;
	if (u->banner && L >= UI_BANNER_MIN_LINES) {	/* line 1: ui.c's */
		body_y++;
		body_h--;
	}
	if (L >= 3) {
		ui_rect_set(&u->panels[UI_PANEL_KEYS], 0, L - 1, C, 1);
		body_h--;
	}
	if (C < UI_MAIN_MIN_COLS) {
		ui_rect_set(&u->panels[u->focus_list ? UI_PANEL_VENUES :
		    UI_PANEL_MAIN], 0, body_y, C, body_h);
		return;
	}
	list_w = C / 4;
	if (list_w < 22)
		list_w = 22;
	if (list_w > 32)
		list_w = 32;
	ui_rect_set(&u->panels[UI_PANEL_VENUES], 0, body_y, list_w, body_h);
	u->divider_x = list_w;
	ui_rect_set(&u->panels[UI_PANEL_MAIN], list_w + 2, body_y,
	    C - list_w - 2, body_h);
}

/* Note that a click on the w x h cells at y,x selects kind index. */
void
ui_hit_add(struct ui *u, int y, int x, int w, int h, enum ui_hit_kind kind,
    unsigned index)
{
	struct ui_hit	*hit;

	if (u->nhits >= UI_HITS_MAX || w <= 0 || h <= 0)
		return;
	hit = &u->hits[u->nhits++];
	hit->r.x = x;
	hit->r.y = y;
	hit->r.w = w;
	hit->r.h = h;
	hit->kind = kind;
	hit->index = index;
}

/* Note that a click on the row at y,x (w wide) selects alert id of venue. */
void
ui_hit_add_alert(struct ui *u, int y, int x, int w, unsigned venue,
    uint64_t id)
{
	unsigned	n = u->nhits;

	ui_hit_add(u, y, x, w, 1, UI_HIT_ALERT, venue);
	if (u->nhits > n)	/* not when the table is full */
		u->hits[n].id = id;
}

/* Show a message on the key line for a few seconds. */
void
ui_message(struct ui *u, uint64_t now_ms, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(u->message, sizeof(u->message), fmt, ap);
	va_end(ap);
	u->message_until = now_ms + 6000;
}

/*
 * Sanitise and clip s to at most maxw columns. Copies the bytes to print
 * into out (when not NULL, outlen > 0) and returns the width they take.
 */
static int
ui_text(struct ui *u, const char *s, int maxw, char *out, size_t outlen,
    size_t *used)
{
	size_t		 o = 0, len = strlen(s), n;
	int		 w = 0, cw;
	mbstate_t	 ps;
	wchar_t		 wc;
	unsigned char	 c;

	memset(&ps, 0, sizeof(ps));
	while (len > 0 && w < maxw) {
		c = (unsigned char)*s;
		if (!u->utf8 || c < 0x80) {
			if (!u->utf8 && c >= 0x80 && c < 0xc0) {
				s++;	/* continuation byte: one '?' per char */
				len--;
				continue;
			}
			if (out != NULL && o + 1 >= outlen)
				break;
			if (out != NULL)
				out[o] = (c < 0x20 || c >= 0x7f) ? '?' : (char)c;
			o++;
			w++;
			s++;
			len--;
			continue;
		}
		n = mbrtowc(&wc, s, len, &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&ps, 0, sizeof(ps));
			n = 1;
			cw = -1;
		} else
			cw = wcwidth(wc);
		if (cw < 0) {	/* invalid or control: one '?' */
			if (out != NULL && o + 1 >= outlen)
				break;
			if (out != NULL)
				out[o] = '?';
			o++;
			w++;
		} else {
			if (w + cw > maxw)
				break;
			if (out != NULL && o + n >= outlen)
				break;
			if (out != NULL)
				memcpy(out + o, s, n);
			o += n;
			w += cw;
		}
		s += n;
		len -= n;
	}
	if (used != NULL)
		*used = o;
	return (w);
}

/* Print s at y,x in at most maxw columns (clipped to the screen). */
int
ui_print(struct ui *u, int y, int x, int maxw, const char *s)
{
	char	buf[1024];
	size_t	used;
	int	w;

	if (y < 0 || x < 0 || y >= LINES || x >= COLS || maxw <= 0)
		return (0);
	if (maxw > COLS - x)
		maxw = COLS - x;
	w = ui_text(u, s, maxw, buf, sizeof(buf), &used);
	if (used > 0)
		mvwaddnstr(stdscr, y, x, buf, (int)used);
	return (w);
}

/* Format and print, like ui_print. */
int
ui_printf(struct ui *u, int y, int x, int maxw, const char *fmt, ...)
{
	char	buf[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return (ui_print(u, y, x, maxw, buf));
}

/* The display width s would take. */
int
ui_width(struct ui *u, const char *s)
{
	return (ui_text(u, s, INT_MAX, NULL, 0, NULL));
}

/*
 * Print s at y,x in at most maxw columns; if it does not fit, cut it and
 * end it with the ellipsis ("Meadow Fest…", ASCII "Meadow F..."). Returns
 * the width printed.
 */
int
ui_print_fit(struct ui *u, int y, int x, int maxw, const char *s)
{
	char	cut[1024];
	size_t	n;
	int	ew = ui_width(u, u->g->ellipsis), w;

	if (y < 0 || x < 0 || y >= LINES || x >= COLS || maxw <= 0)
		return (0);
	if (maxw > COLS - x)
		maxw = COLS - x;
	if (ui_width(u, s) <= maxw || maxw <= ew)
		return (ui_print(u, y, x, maxw, s));
	/* The part that fits, sanitised, without the blanks it may end in
	 * ("East …" reads as a word of its own). */
	w = ui_text(u, s, maxw - ew, cut, sizeof(cut), &n);
	while (n > 0 && cut[n - 1] == ' ') {
		n--;
		w--;
	}
	if (n > 0)
		mvwaddnstr(stdscr, y, x, cut, (int)n);
	return (w + ui_print(u, y, x + w, ew, u->g->ellipsis));
}

/* Repeat a one-column glyph w times from y,x. */
void
ui_fill(struct ui *u, int y, int x, int w, const char *glyph)
{
	int	i;

	for (i = 0; i < w; i++)
		ui_print(u, y, x + i, 1, glyph);
}

/* Draw a box on the edge of r. */
void
ui_box(struct ui *u, const struct ui_rect *r)
{
	int	y;

	if (r->w < 2 || r->h < 2)
		return;
	ui_print(u, r->y, r->x, 1, u->g->tl);
	ui_fill(u, r->y, r->x + 1, r->w - 2, u->g->hline);
	ui_print(u, r->y, r->x + r->w - 1, 1, u->g->tr);
	for (y = r->y + 1; y < r->y + r->h - 1; y++) {
		ui_print(u, y, r->x, 1, u->g->vline);
		ui_print(u, y, r->x + r->w - 1, 1, u->g->vline);
	}
	ui_print(u, r->y + r->h - 1, r->x, 1, u->g->bl);
	ui_fill(u, r->y + r->h - 1, r->x + 1, r->w - 2, u->g->hline);
	ui_print(u, r->y + r->h - 1, r->x + r->w - 1, 1, u->g->br);
}

/*
 * Draw a ring's values as a sparkline of w cells, newest at the right,
 * scaled to top (top <= 0: to the largest value held).
 */
void
ui_spark(struct ui *u, const struct store_ring *h, double top, int y, int x,
    int w)
{
	double		v;
	unsigned	k;
	int		i, level;

	if (top <= 0) {
		for (k = 0; k < h->len; k++) {
			v = store_ring_get(h, k);
			if (!isnan(v) && v > top)
				top = v;
		}
	}
	if (top <= 0)
		top = 1.0;
	for (i = 0; i < w; i++) {
		v = store_ring_get(h, (unsigned)(w - 1 - i));
		if (isnan(v))
			continue;
		level = (int)(v / top * 8.0);
		if (level > 7)
			level = 7;
		if (level < 0)
			level = 0;
		ui_print(u, y, x + i, 1, u->g->spark[level]);
	}
}

/*
 * Give table columns their minimum widths by priority (0 first), a space
 * between them, until one does not fit in w: it and every column after it
 * are left out (width 0). Views then grow the kept ones by their own
 * policy from *usedp, the width taken (NULL: not wanted). Returns how many
 * were left out.
 */
int
ui_columns_fit(const struct ui_column *c, int n, int w, int *widths,
    int *usedp)
{
	int	used = 0, p, i, hidden = 0;

	memset(widths, 0, sizeof(int) * (size_t)n);
	for (p = 0; p < n; p++) {
		for (i = 0; i < n; i++) {
			if (c[i].priority != p)
				continue;
			if (hidden > 0 || used + c[i].minw + (used > 0) > w) {
				hidden++;
				continue;
			}
			used += c[i].minw + (used > 0);
			widths[i] = c[i].minw;
		}
	}
	if (usedp != NULL)
		*usedp = used;
	return (hidden);
}

/*
 * Print text in a column's w cells, right-aligned if the column says so,
 * cut with the ellipsis if it is wider.
 */
void
ui_cell(struct ui *u, const struct ui_column *c, int y, int x, int w,
    const char *text)
{
	int	tw = ui_width(u, text);

	if (c->right && tw < w)
		x += w - tw;
	ui_print_fit(u, y, x, w, text);
}

/* A zone's band letter: the agent's, else computed; 0 without a sample. */
char
ui_zone_band(const struct store_zone *z)
{
	if (!z->has_sample)
		return (0);
	if (band_index(z->last.band) >= 0)
		return (z->last.band);
	return (band_of(z->last.density, z->def.kind));
}

/* Whether zone a is worse than b: a worse band, then denser. */
static int
ui_zone_worse(const struct store_zone *a, const struct store_zone *b)
{
	int	ba = band_index(ui_zone_band(a)), bb = band_index(ui_zone_band(b));

	if (ba != bb)
		return (ba > bb);
	return (a->last.density > b->last.density);
}

/*
 * The up to max worst zones of venue v with a sample, worst band first,
 * then densest (ties in the venue's order), into z; returns how many.
 * One pass over the zones, each set into the few kept: no allocation,
 * for the overview's tiles and the venue list, every frame. z points
 * into v.
 */
unsigned
ui_zone_worst(const struct store_venue *v, const struct store_zone **z,
    unsigned max)
{
	const struct store_zone	*c;
	unsigned		 i, j, n = 0;

	for (i = 0; i < v->nzones && max > 0; i++) {
		c = &v->zones[i];
		if (band_index(ui_zone_band(c)) < 0)
			continue;
		if (n == max && !ui_zone_worse(c, z[n - 1]))
			continue;
		j = n < max ? n++ : n - 1;
		for (; j > 0 && ui_zone_worse(c, z[j - 1]); j--)
			z[j] = z[j - 1];
		z[j] = c;
	}
	return (n);
}

/*
 * The words for a link state; never shown as colour alone. A venue whose
 * agent is unreachable is also stale: its data can no longer be fresh.
 */
const char *
ui_link_word(enum store_link link)
{
	switch (link) {
	case STORE_LINK_LIVE:
		return ("LIVE");
	case STORE_LINK_STALE:
		return ("STALE");
	case STORE_LINK_OFFLINE:
		return ("STALE offline");
	default:
		return ("CONNECTING");
	}
}

/* The slot a link state's word is drawn in. */
enum ui_slot
ui_link_slot(enum store_link link)
{
	switch (link) {
	case STORE_LINK_LIVE:
		return (UI_C_LIVE);
	case STORE_LINK_STALE:
		return (UI_C_STALE);
	case STORE_LINK_OFFLINE:
		return (UI_C_OFFLINE);
	default:
		return (UI_C_CONNECTING);
	}
}

/* The slot a severity word is drawn in (queue, history, why-pane). */
enum ui_slot
ui_severity_slot(enum fohp_severity sev)
{
	switch (sev) {
	case FOHP_SEV_CRITICAL:
		return (UI_C_SEV_CRITICAL);
	case FOHP_SEV_WARNING:
		return (UI_C_SEV_WARNING);
	default:
		return (UI_C_SEV_INFO);
	}
}

/* The theme slot of an alert state (flapping is drawn as firing). */
enum ui_slot
ui_state_slot(enum fohp_alert_state st)
{
	switch (st) {
	case FOHP_AS_ACKED:
		return (UI_C_ST_ACKED);
	case FOHP_AS_SHELVED:
		return (UI_C_ST_SHELVED);
	case FOHP_AS_RESOLVED:
		return (UI_C_ST_RESOLVED);
	default:
		return (UI_C_ST_FIRING);
	}
}

/* Local wall time of t_ms, "14:02:11"; with the date if not today. */
void
ui_clock(char *buf, size_t len, uint64_t now, uint64_t t_ms)
{
	time_t		t = (time_t)(t_ms / 1000), n = (time_t)(now / 1000);
	struct tm	tm, tn;

	if (t_ms == 0 || localtime_r(&t, &tm) == NULL ||
	    localtime_r(&n, &tn) == NULL) {
		snprintf(buf, len, "?");
		return;
	}
	if (tm.tm_year == tn.tm_year && tm.tm_yday == tn.tm_yday)
		strftime(buf, len, "%H:%M:%S", &tm);
	else
		strftime(buf, len, "%Y-%m-%d %H:%M", &tm);
}

/*
 * Whether alert a counts in "crit unacked": open, critical and unattended
 * (firing or flapping: neither acknowledged, shelved nor resolved). The
 * one rule of the status bar, the diag view, the venue list, the overview,
 * the pause, the quit question and the kiosk's banner.
 */
int
ui_alert_crit_unacked(const struct fohp_alert *a)
{
	return (a->severity == FOHP_SEV_CRITICAL && store_alert_unattended(a));
}

/*
 * Every venue's open alerts by severity into n[] and, if st is not NULL,
 * by state into st[] (both zeroed first); returns how many are critical
 * and unacknowledged (ui_alert_crit_unacked). n may be NULL.
 */
unsigned
ui_store_counts(const struct store *s, unsigned n[FOHP_SEV_COUNT],
    unsigned st[FOHP_AS_COUNT])
{
	unsigned	sev[FOHP_SEV_COUNT], i, unacked = 0;

	if (n == NULL)
		n = sev;
	memset(n, 0, sizeof(unsigned) * FOHP_SEV_COUNT);
	if (st != NULL)
		memset(st, 0, sizeof(unsigned) * FOHP_AS_COUNT);
	for (i = 0; i < s->nvenues; i++)
		unacked += ui_alert_counts(s->venues[i], n, st);
	return (unacked);
}

/*
 * Add a venue's open alerts by severity to n[] and, if st is not NULL, by
 * state to st[]; returns how many of them are critical and unacknowledged.
 */
unsigned
ui_alert_counts(const struct store_venue *v, unsigned n[FOHP_SEV_COUNT],
    unsigned st[FOHP_AS_COUNT])
{
	unsigned	i, unacked = 0;

	for (i = 0; i < v->nalerts; i++) {
		const struct fohp_alert	*a = &v->alerts[i];

		if (a->state == FOHP_AS_RESOLVED ||
		    (unsigned)a->severity >= FOHP_SEV_COUNT)
			continue;
		n[a->severity]++;
		if (st != NULL && (unsigned)a->state < FOHP_AS_COUNT)
			st[a->state]++;
		if (ui_alert_crit_unacked(a))
			unacked++;
	}
	return (unacked);
}

/*
 * A venue view's heading on line r->y: the venue's name and what (" models"),
 * then, unless the link is live, its state and how old the data is.
 * Returns the column after what was printed.
 */
int
ui_venue_heading(struct ui *u, const struct store_venue *v,
    const struct ui_rect *r, const char *what, uint64_t now_ms)
{
	int	x = r->x + 1, end = r->x + r->w;
	char	buf[64], age[32];

	ui_colour_set(u, UI_C_HEADING, 0);
	x += ui_print_fit(u, r->y, x, end - x, v->name);
	x += ui_print(u, r->y, x, end - x, what);
	if (v->link == STORE_LINK_LIVE)
		return (x);
	ui_colour_set(u, ui_link_slot(v->link), 0);
	x += 2;
	x += ui_print(u, r->y, x, end - x, ui_link_word(v->link));
	if (v->heard_ms != 0) {
		ui_since(age, sizeof(age), now_ms, v->heard_ms, "never");
		ui_colour_set(u, UI_C_DIM, 0);
		snprintf(buf, sizeof(buf), " (data %s old)", age);
		x += ui_print(u, r->y, x, end - x, buf);
	}
	return (x);
}

/*
 * The selected venue, for a view that shows one; NULL, having said so in
 * r, if there is none.
 */
const struct store_venue *
ui_venue_shown(struct ui *u, const struct store *s, const struct ui_rect *r)
{
	if (s->nvenues == 0 || u->selected >= s->nvenues) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, r->y, r->x + 1, r->w - 1, "no venue selected");
		return (NULL);
	}
	return (s->venues[u->selected]);
}



/*
 * A span on screen, "45s", "1m20s", "1h2m": text_duration's two units,
 * to the second (a part of a second is never shown). Returns buf.
 */
const char *
ui_span(char *buf, size_t len, uint64_t ms)
{
	return (text_duration(buf, len, ms - ms % 1000, 2));
}

/*
 * How long ago t_ms was at now_ms, as ui_span writes it (0s if t_ms is
 * ahead); unknown (e.g. "never", "-") if t_ms is 0. Returns buf.
 */
const char *
ui_since(char *buf, size_t len, uint64_t now_ms, uint64_t t_ms,
    const char *unknown)
{
	if (t_ms == 0) {
		snprintf(buf, len, "%s", unknown);
		return (buf);
	}
	return (ui_span(buf, len, now_ms > t_ms ? now_ms - t_ms : 0));
}

/*
 * Move a selection (a row, the first block shown) for key: Up, k, Down, j
 * by one; PgUp, PgDn by page; Home, End to the ends. With n (the rows
 * there are) Down stops at the last; with n 0 the view clamps it. Returns
 * UI_* flags, 0 for a key it does not move by.
 */
int
ui_scroll(unsigned *sel, int key, unsigned page, unsigned n)
{
	switch (key) {
	case KEY_UP:
	case 'k':
		if (*sel > 0)
			(*sel)--;
		break;
	case KEY_DOWN:
	case 'j':
		if (n == 0 || *sel + 1 < n)
			(*sel)++;
		break;
	case KEY_PPAGE:
		*sel = *sel > page ? *sel - page : 0;
		break;
	case KEY_NPAGE:
		*sel += page;		/* the view clamps it */
		break;
	case KEY_HOME:
		*sel = 0;
		break;
	case KEY_END:
		*sel = n > 0 ? n - 1 : 0;
		break;
	default:
		return (0);
	}
	return (UI_HANDLED | UI_REDRAW);
}

/* Unacknowledged criticals of all venues: the real ones, the drills' in
 * *drill (the kiosk banner counts them apart, PROTOCOL.md 15). */
unsigned
ui_crit_counts(const struct store *s, unsigned *drill)
{
	unsigned	i, k, real = 0;

	*drill = 0;
	for (i = 0; i < s->nvenues; i++) {
		const struct store_venue	*v = s->venues[i];

		for (k = 0; k < v->nalerts; k++) {
			const struct fohp_alert	*a = &v->alerts[k];

			if (a->state == FOHP_AS_RESOLVED ||
			    (unsigned)a->severity >= FOHP_SEV_COUNT ||
			    !ui_alert_crit_unacked(a))
				continue;
			if (a->drill)
				(*drill)++;
			else
				real++;
		}
	}
	return (real);
}

/*
 * Whether the banner says the venue drills: its latest message said so and
 * it is heard from (live or stale). Offline, or reconnecting and not heard
 * since, it was last seen in a drill: its fohd may have stopped the drill.
 */
int
ui_venue_drilling(const struct store_venue *v)
{
	return (v->drill && (v->link == STORE_LINK_LIVE ||
	    v->link == STORE_LINK_STALE));
}
