/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * widget-statusbar.c: the top status line and the bottom key help.
 *
 * Top: "foh TITLE  3 live 0 stale 0 offline  alerts C3 W8 I0, 3 crit
 * unacked, 1 acked, 0 shelved" on the left (the states when there is
 * room); the mode (kiosk, read-only), the operator and the wall clock on
 * the right. What matters least goes first when the line is short: the
 * counts by state, then the mode and operator, then the alert counts, then
 * the venue counts; the clock stays. With WIDGET_STATUSBAR_MANY venues
 * or more, the venue counts start with their number ("300 venues: ").
 * Under --freeze the clock shows the frozen time. Paused (ui-pause.c),
 * "PAUSED 12s", reversed, goes after the alert counts where they leave
 * room, and always at the start of the key line.
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
 * states, ", 3 acked, 1 shelved". A count of 0 stays in the bar's colour.
 */
static void
widget_statusbar_alerts(struct ui *u, int y, int x, int w,
    const unsigned sev[FOHP_SEV_COUNT], const unsigned st[FOHP_AS_COUNT],
    unsigned unacked, int states)
{
	char		buf[64];
	int		end = x + w;

	ui_colour_set(u, UI_C_STATUS, 0);
	x += ui_print(u, y, x, end - x, "alerts ");
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

/* Draw the top line. */
void
widget_statusbar_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	char		clock[16], counts[96], alerts[96], states[160], who[64];
	char		paused[48];
	unsigned	n[4], sev[FOHP_SEV_COUNT], st[FOHP_AS_COUNT];
	unsigned	unacked = 0, i;
	const char	*text;
	int		x = r->x, right = r->x + r->w, cw, ww, o;

	ui_colour_set(u, UI_C_STATUS, 0);
	ui_fill(u, r->y, r->x, r->w, " ");

	widget_statusbar_clock(clock, sizeof(clock));
	cw = ui_width(u, clock);
	if (r->w >= cw + 6) {
		ui_print(u, r->y, right - cw - 1, cw, clock);
		right -= cw + 2;
	}

	x += ui_print(u, r->y, x + 1, right - x - 1, "foh") + 1;
	if (u->title[0] != '\0' && right - x > 1)
		x += ui_print(u, r->y, x + 1, right - x - 1, u->title) + 1;

	store_link_counts(s, n);
	/* Many venues: their number first ("300 venues: 296 live..."). */
	o = s->nvenues >= WIDGET_STATUSBAR_MANY ? snprintf(counts,
	    sizeof(counts), "%u venues: ", s->nvenues) : 0;
	if (n[STORE_LINK_CONNECTING] > 0)
		snprintf(counts + o, sizeof(counts) - (size_t)o,
		    "%u live %u stale %u offline %u connecting",
		    n[STORE_LINK_LIVE], n[STORE_LINK_STALE],
		    n[STORE_LINK_OFFLINE], n[STORE_LINK_CONNECTING]);
	else
		snprintf(counts + o, sizeof(counts) - (size_t)o,
		    "%u live %u stale %u offline", n[STORE_LINK_LIVE],
		    n[STORE_LINK_STALE], n[STORE_LINK_OFFLINE]);
	if (right - x - 2 < ui_width(u, counts))
		return;
	x += 2 + ui_print(u, r->y, x + 2, right - x - 2, counts);

	memset(sev, 0, sizeof(sev));
	memset(st, 0, sizeof(st));
	for (i = 0; i < s->nvenues; i++)
		unacked += ui_alert_counts(s->venues[i], sev, st);
	memcpy(alerts, "alerts ", 7);
	ui_counts(alerts + 7, sizeof(alerts) - 7, sev, unacked);
	/* By state, where there is room: acknowledged and shelved. */
	snprintf(states, sizeof(states), "%s, %u acked, %u shelved", alerts,
	    st[FOHP_AS_ACKED], st[FOHP_AS_SHELVED]);
	if (u->kiosk_s > 0)
		snprintf(who, sizeof(who), "kiosk");
	else
		snprintf(who, sizeof(who), "%s%s%s",
		    u->readonly ? "read-only" : "",
		    u->readonly && u->operator_name[0] != '\0' ? " " : "",
		    u->operator_name);
	/* Paused (ui-pause.c): after the alert counts, before the mode; the
	 * key line says it too. */
	if (ui_pause_words(u, paused, sizeof(paused))) {
		cw = ui_width(u, paused) + 2;
		if (right - x - 2 >= ui_width(u, alerts) + cw + 1) {
			ui_colour_set(u, UI_C_STATUS, A_REVERSE | A_BOLD);
			ui_printf(u, r->y, right - cw, cw, " %s ", paused);
			ui_colour_set(u, UI_C_STATUS, 0);
			right -= cw + 1;
		}
	}
	ww = ui_width(u, who);
	if (ww > 0 && right - x - 2 >= ui_width(u, alerts) + ww + 2) {
		ui_print(u, r->y, right - ww, ww, who);
		right -= ww + 2;
	}
	text = right - x - 2 >= ui_width(u, states) ? states :
	    right - x - 2 >= ui_width(u, alerts) ? alerts : NULL;
	if (text != NULL)
		widget_statusbar_alerts(u, r->y, x + 2, right - x - 2, sev, st,
		    unacked, text == states);
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
	char		 paused[48];

	ui_colour_set(u, UI_C_KEYS, 0);
	ui_fill(u, r->y, r->x, r->w, " ");
	if (ui_pause_words(u, paused, sizeof(paused))) {	/* first */
		ui_colour_set(u, UI_C_KEYS, A_REVERSE | A_BOLD);
		x += ui_printf(u, r->y, x, end - x, " %s ", paused);
		ui_colour_set(u, UI_C_KEYS, 0);
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
