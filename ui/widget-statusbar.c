/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * widget-statusbar.c: the top status line and the bottom key help.
 *
 * Top: "foh TITLE  3 live 0 stale 0 offline  alerts C3 W8 I0, 3 crit
 * unacked, 1 acked, 0 shelved" on the left; paused (ui-pause.c) "PAUSED
 * 12s" reversed, the mode (kiosk, read-only), the operator and the wall
 * clock on the right. With WIDGET_STATUSBAR_MANY venues or more, the
 * venue counts start with their number ("300 venues: "). Under --freeze
 * the clock shows the frozen time. When the line is short, what matters
 * least gives way first (enum widget_statusbar_level): the counts by
 * state, the mode and operator, the venue counts shortened ("12 live"),
 * the title, the clock, the venue counts, PAUSED (the key line always
 * starts with it), the counts by severity; "2 crit unacked" is the last
 * thing on the line, cut only when nothing else is left.
 *
 * Bottom: the keys that act where the keys go now, from the key table
 * (ui-keys.c), as the help view lists them all.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/clock.h"
#include "ui-priv.h"

#define WIDGET_STATUSBAR_MANY	10	/* venues: say how many */

/* The wall clock (frozen under --freeze) as local HH:MM:SS. */
static void
widget_statusbar_clock(char *buf, size_t len)
{
	time_t		t;
	struct tm	tm;

	t = (time_t)(clock_wall_ms() / 1000);
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%H:%M:%S", &tm) == 0)
		snprintf(buf, len, "--:--:--");
}

/*
 * The alert counts at y, x (w columns: the caller checked they fit), each
 * in its theme slot on the bar: "alerts C1 W2 I0, 1 crit unacked" and, if
 * states, ", 3 acked, 1 shelved"; without label, no "alerts "; without
 * sev, "1 crit unacked" alone. A count of 0 stays in the bar's colour.
 */
static void
widget_statusbar_alerts(struct ui *u, int y, int x, int w,
    const unsigned sev[FOHP_SEV_COUNT], const unsigned st[FOHP_AS_COUNT],
    unsigned unacked, int label, int sevs, int states)
{
	char		buf[64];
	int		end = x + w;

	ui_colour_set(u, UI_C_STATUS, 0);
	if (label)
		x += ui_print(u, y, x, end - x, "alerts ");
	if (!sevs) {
		ui_counts_crit_draw(u, y, x, end - x, unacked, UI_C_STATUS);
		return;
	}
	x += ui_counts_draw(u, y, x, end - x, sev, unacked, UI_C_STATUS);
	if (!states)
		return;
	ui_colour_set(u, UI_C_STATUS, 0);
	x += ui_print(u, y, x, end - x, ", ");
	if (st[FOHP_AS_ACKED] > 0)
		ui_colour_on(u, UI_C_ST_ACKED, UI_C_STATUS, 0);
	snprintf(buf, sizeof(buf), "%u acked", st[FOHP_AS_ACKED]);
	x += ui_print(u, y, x, end - x, buf);
	ui_colour_set(u, UI_C_STATUS, 0);
	x += ui_print(u, y, x, end - x, ", ");
	if (st[FOHP_AS_SHELVED] > 0)
		ui_colour_on(u, UI_C_ST_SHELVED, UI_C_STATUS, 0);
	snprintf(buf, sizeof(buf), "%u shelved", st[FOHP_AS_SHELVED]);
	ui_print(u, y, x, end - x, buf);
}

/*
 * The venues' link counts in form f into buf: 0 "12 venues: 12 live 0
 * stale 0 offline" (the number only with WIDGET_STATUSBAR_MANY venues or
 * more), 1 without the number, 2 "12 live" and only the other states that
 * are not 0 ("10 live 2 offline").
 */
static void
widget_statusbar_links(const struct store *s, int f, char *buf, size_t len)
{
	static const char *const words[] = { "live", "stale", "offline",
	    "connecting" };
	static const int order[] = { STORE_LINK_LIVE, STORE_LINK_STALE,
	    STORE_LINK_OFFLINE, STORE_LINK_CONNECTING };
	unsigned	n[4];
	size_t		o = 0, i;
	int		k;

	store_link_counts(s, n);
	buf[0] = '\0';
	if (f == 0 && s->nvenues >= WIDGET_STATUSBAR_MANY)
		o = (size_t)snprintf(buf, len, "%u venues: ", s->nvenues);
	for (i = 0; i < 4 && o < len; i++) {
		/* live always; connecting only when some are; the rest in
		 * the short form only when some are */
		if (i > 0 && n[order[i]] == 0 && (f == 2 ||
		    order[i] == STORE_LINK_CONNECTING))
			continue;
		k = snprintf(buf + o, len - o, "%s%u %s", o > 0 &&
		    buf[o - 1] != ' ' ? " " : "", n[order[i]], words[i]);
		if (k > 0)
			o += (size_t)k;
	}
}

/*
 * The top line's parts, and what gives way when they do not fit, in this
 * order: the counts by state, the mode and operator, the link counts'
 * "12 venues: ", the link counts' zeros, the name and title, the clock,
 * the link counts, PAUSED (the key line keeps it), "alerts ", the counts
 * by severity. "2 crit unacked" goes last: never a hidden critical.
 */
enum widget_statusbar_level {
	WSB_ALL,
	WSB_NO_STATES,
	WSB_NO_WHO,
	WSB_LINKS_SHORT,	/* without "12 venues: " */
	WSB_LINKS_SHORTEST,	/* "12 live" */
	WSB_NO_TITLE,		/* nor "foh" */
	WSB_NO_CLOCK,
	WSB_NO_LINKS,
	WSB_NO_LABEL,		/* "alerts " */
	WSB_NO_PAUSED,
	WSB_NO_SEV,		/* "2 crit unacked" alone */
	WSB_LEVELS
};

/* Draw the top line. */
void
widget_statusbar_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	char		clock[16], links[3][96], who[64];
	char		paused[48], buf[64];
	unsigned	sev[FOHP_SEV_COUNT], st[FOHP_AS_COUNT], unacked;
	int		x = r->x, right = r->x + r->w, cw, ww, pw, tw, aw;
	int		lv, f, need, ispaused;

	ui_colour_set(u, UI_C_STATUS, 0);
	ui_fill(u, r->y, r->x, r->w, " ");

	widget_statusbar_clock(clock, sizeof(clock));
	for (f = 0; f < 3; f++)
		widget_statusbar_links(s, f, links[f], sizeof(links[f]));
	unacked = ui_store_counts(s, sev, st);
	if (u->kiosk_s > 0)
		snprintf(who, sizeof(who), "kiosk");
	else
		snprintf(who, sizeof(who), "%s%s%s",
		    u->readonly ? "read-only" : "",
		    u->readonly && u->operator_name[0] != '\0' ? " " : "",
		    u->operator_name);
	ispaused = ui_pause_words(u, paused, sizeof(paused));
	cw = ui_width(u, clock);
	ww = ui_width(u, who);
	pw = ispaused ? ui_width(u, paused) + 2 : 0;	/* " PAUSED 3s " */
	tw = u->title[0] != '\0' ? 1 + ui_width(u, u->title) : 0;

	/* The richest line that fits. */
	for (lv = WSB_ALL; lv < WSB_LEVELS - 1; lv++) {
		need = 1;		/* the margin */
		if (lv < WSB_NO_TITLE)
			need += 3 + tw;		/* "foh demo" */
		f = lv < WSB_LINKS_SHORT ? 0 : lv < WSB_LINKS_SHORTEST ? 1 : 2;
		if (lv < WSB_NO_LINKS)
			need += (need > 1 ? 2 : 0) + ui_width(u, links[f]);
		if (lv < WSB_NO_SEV || unacked == 0) {
			aw = ui_width(u, ui_counts(buf, sizeof(buf), sev,
			    unacked));
			if (lv < WSB_NO_LABEL)
				aw += 7;		/* "alerts " */
			if (lv < WSB_NO_STATES) {
				snprintf(buf, sizeof(buf), ", %u acked, %u "
				    "shelved", st[FOHP_AS_ACKED],
				    st[FOHP_AS_SHELVED]);
				aw += ui_width(u, buf);
			}
		} else
			aw = ui_width(u, ui_counts(buf, sizeof(buf), sev,
			    unacked)) - ui_width(u, ui_counts(buf,
			    sizeof(buf), sev, 0)) - 2;	/* "2 crit unacked" */
		need += (need > 1 ? 2 : 0) + aw;
		if (lv < WSB_NO_CLOCK)
			need += cw + 2;
		if (ispaused && lv < WSB_NO_PAUSED)
			need += pw + 1;
		if (ww > 0 && lv < WSB_NO_WHO)
			need += ww + 2;
		if (need <= r->w)
			break;
	}

	if (lv < WSB_NO_CLOCK) {
		ui_print(u, r->y, right - cw - 1, cw, clock);
		right -= cw + 2;
	}
	if (ispaused && lv < WSB_NO_PAUSED) {
		ui_colour_set(u, UI_C_STATUS, A_REVERSE | A_BOLD);
		ui_printf(u, r->y, right - pw, pw, " %s ", paused);
		ui_colour_set(u, UI_C_STATUS, 0);
		right -= pw + 1;
	}
	if (ww > 0 && lv < WSB_NO_WHO) {
		ui_print(u, r->y, right - ww, ww, who);
		right -= ww + 2;
	}
	x++;
	if (lv < WSB_NO_TITLE) {
		x += ui_print(u, r->y, x, right - x, "foh");
		if (tw > 0)
			x += 1 + ui_print(u, r->y, x + 1, right - x - 1,
			    u->title);
	}
	if (lv < WSB_NO_LINKS) {
		if (x > r->x + 1)
			x += 2;
		f = lv < WSB_LINKS_SHORT ? 0 : lv < WSB_LINKS_SHORTEST ? 1 : 2;
		x += ui_print(u, r->y, x, right - x, links[f]);
	}
	if (x > r->x + 1)
		x += 2;
	if (right > x)
		widget_statusbar_alerts(u, r->y, x, right - x, sev, st,
		    unacked, lv < WSB_NO_LABEL, lv < WSB_NO_SEV ||
		    unacked == 0, lv < WSB_NO_STATES);
}

/*
 * Draw the bottom line: the keys of the key table (ui-keys.c) that are on
 * the key line where the keys go now (the venue list when it has the
 * focus, else the view in front), in the table's order; control keys are
 * left out on a read-only console.
 */
void
widget_statusbar_draw_keys(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	unsigned	 here = u->focus_list ? UI_IN_LIST : UI_IN(u->view);
	size_t		 i;
	int		 x = r->x + 1, end = r->x + r->w;
	const char	*keys;
	int		 pw;

	ui_colour_set(u, UI_C_KEYS, 0);
	ui_fill(u, r->y, r->x, r->w, " ");
	if ((pw = ui_pause_keyline(u, r->y, x, end - x)) > 0) {	/* first */
		x += pw;
		x += ui_print(u, r->y, x, end - x, " p live");
	}
	for (i = 0; i < ui_nkeys; i++) {
		const struct ui_key	*k = &ui_keys[i];

		if (k->bar == NULL || (k->bar_where & here) == 0 ||
		    (k->control && u->readonly))
			continue;
		keys = k->bar_keys != NULL ? k->bar_keys : u->g->keys_select;
		if (x > r->x + 1)
			x += 2;
		ui_colour_set(u, UI_C_KEYS, A_BOLD);
		x += ui_print(u, r->y, x, end - x, keys);
		ui_colour_set(u, UI_C_KEYS, 0);
		x += ui_print(u, r->y, x, end - x, " ");
		x += ui_print(u, r->y, x, end - x, k->bar);
		if (x >= end)
			break;
	}
}
