/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-pause.c: the pause key (p, or htop's Z): the main panel stops
 * changing, so a number can be read or copied while the venue moves on.
 *
 * Only the picture is frozen. The store keeps taking every message (the
 * caller's loop does not change), the status bar keeps its live counts
 * and shows PAUSED and for how long, the venue list, the key line and a
 * kiosk's banner stay live. A key that changes what is shown (another
 * view, venue, row) paints the main panel once from the live store and
 * freezes that picture. Never a hidden critical: when the number of
 * unacknowledged critical alerts grows while paused, the pause ends by
 * itself and the key line says why. A kiosk is never paused: a wall must
 * not show an old picture.
 *
 * The picture is a pad the size of the main panel, copied out of stdscr
 * after the view painted it, and copied back in over the following frames;
 * the clickable places the view registered with it are kept with it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "ui-priv.h"

/* Unacknowledged critical alerts, every venue. */
unsigned
ui_pause_criticals(const struct store *s)
{
	unsigned	sev[FOHP_SEV_COUNT], i, n = 0;

	for (i = 0; i < s->nvenues; i++) {
		memset(sev, 0, sizeof(sev));
		n += ui_alert_counts(s->venues[i], sev, NULL);
	}
	return (n);
}

/* End the pause; why (NULL: the key) goes on the key line. */
static void
ui_pause_end(struct ui *u, const char *why)
{
	u->paused_at = 0;
	if (u->frozen != NULL)
		delwin(u->frozen);
	u->frozen = NULL;
	u->nfrozen_hits = 0;
	if (why != NULL)
		ui_message(u, u->now_ms, "%s", why);
}

/* p, Z: pause the main panel, or go on. */
int
ui_pause_key(struct ui *u, const struct store *s, int key)
{
	(void)key;
	if (u->kiosk_s > 0) {
		ui_message(u, u->now_ms, "a kiosk is never paused");
		return (UI_HANDLED | UI_REDRAW);
	}
	if (u->paused_at != 0) {
		ui_pause_end(u, "live again");
		return (UI_HANDLED | UI_REDRAW);
	}
	u->paused_at = clock_pace_ms();
	if (u->paused_at == 0)
		u->paused_at = 1;
	u->paused_crit = ui_pause_criticals(s);
	u->pause_take = 1;
	ui_message(u, u->now_ms, "paused: the view is frozen, the counts "
	    "above stay live; p goes on");
	return (UI_HANDLED | UI_REDRAW);
}

/* A key changed what is shown: paint it live once, then freeze it. */
void
ui_pause_retake(struct ui *u)
{
	if (u->paused_at != 0)
		u->pause_take = 1;
}

/*
 * Before a frame is painted (the status bar first): end the pause if more
 * critical alerts are unacknowledged than when it began or last looked.
 */
void
ui_pause_check(struct ui *u, const struct store *s)
{
	unsigned	n;

	if (u->paused_at == 0)
		return;
	if ((n = ui_pause_criticals(s)) > u->paused_crit)
		ui_pause_end(u, "live again: a new critical alert");
	else
		u->paused_crit = n;	/* acknowledged: fewer */
}

/*
 * Paused: copy the frozen picture into r and its clickable places into
 * this frame's; returns 1. 0 when the view must paint (live, or a
 * picture to take).
 */
int
ui_pause_frozen(struct ui *u, const struct store *s, const struct ui_rect *r)
{
	unsigned	i;

	(void)s;
	if (u->paused_at == 0)
		return (0);
	if (u->pause_take || u->frozen == NULL ||
	    getmaxy(u->frozen) != r->h || getmaxx(u->frozen) != r->w)
		return (0);
	copywin(u->frozen, stdscr, 0, 0, r->y, r->x, r->y + r->h - 1,
	    r->x + r->w - 1, FALSE);
	for (i = 0; i < u->nfrozen_hits && u->nhits < UI_HITS_MAX; i++)
		u->hits[u->nhits++] = u->frozen_hits[i];
	return (1);
}

/*
 * Paused, after the view painted r (its clickable places from hit
 * first_hit on): keep the picture, if it is one to take.
 */
void
ui_pause_take(struct ui *u, const struct ui_rect *r, unsigned first_hit)
{
	unsigned	i;

	if (u->paused_at == 0 || (!u->pause_take && u->frozen != NULL &&
	    getmaxy(u->frozen) == r->h && getmaxx(u->frozen) == r->w))
		return;
	if (u->frozen != NULL)
		delwin(u->frozen);
	if ((u->frozen = newpad(r->h, r->w)) == NULL) {
		ui_pause_end(u, "cannot pause: out of memory");
		return;
	}
	copywin(stdscr, u->frozen, r->y, r->x, 0, 0, r->h - 1, r->w - 1,
	    FALSE);
	u->nfrozen_hits = 0;
	for (i = first_hit; i < u->nhits; i++)
		u->frozen_hits[u->nfrozen_hits++] = u->hits[i];
	u->pause_take = 0;
}

/* "PAUSED 1m20s" for the status bar into buf; 0 when live. */
int
ui_pause_words(const struct ui *u, char *buf, size_t len)
{
	char		 d[32];
	uint64_t	 now = clock_pace_ms();

	if (u->paused_at == 0)
		return (0);
	ui_span(d, sizeof(d), now > u->paused_at ? now - u->paused_at : 0);
	snprintf(buf, len, "PAUSED %s", d);
	return (1);
}
