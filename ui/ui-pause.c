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
 * freezes that picture. Never a hidden critical: the pause keeps which
 * critical alerts were unacknowledged (venue and alert id) when it began,
 * and each frame forgets those acknowledged since; when one is
 * unacknowledged that is not among them (a new one, or one that fires
 * again after an ack), the pause ends by itself and the key line says why.
 * Counting them would not do: one acknowledged and another fired between
 * two frames leave the count as it was. PAUSED starts the key line, before
 * any message. A kiosk is never paused: a wall must not show an old
 * picture.
 *
 * The picture is a pad the size of the main panel, copied out of stdscr
 * after the view painted it, and copied back in over the following frames;
 * the clickable places the view registered with it are kept with it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "ui-priv.h"

/*
 * Whether alert id of venue vi is among the n criticals seen (sorted by
 * venue, then id).
 */
static int
ui_pause_seen(const struct ui_alert_id *seen, unsigned n, unsigned vi,
    uint64_t id)
{
	unsigned	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (seen[mid].venue < vi ||
		    (seen[mid].venue == vi && seen[mid].id < id))
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < n && seen[lo].venue == vi && seen[lo].id == id);
}

/*
 * Look at the criticals unacknowledged now (ui_alert_crit_unacked): 1 if
 * one is not among those seen (u->paused_seen), else 0; with keep, they
 * become the ones seen (in venue, id order). -1 when out of memory.
 */
static int
ui_pause_look(struct ui *u, const struct store *s, int keep)
{
	struct ui_alert_id	*now, *grown;
	unsigned		 i, k, n = 0, cap = 16;
	int			 fresh = 0;

	if ((now = malloc(cap * sizeof(*now))) == NULL)
		return (-1);
	for (i = 0; i < s->nvenues; i++) {
		const struct store_venue *v = s->venues[i];
		unsigned		  first = n, a, b;

		for (k = 0; k < v->nalerts; k++) {
			if (!ui_alert_crit_unacked(&v->alerts[k]))
				continue;
			if (!keep && !ui_pause_seen(u->paused_seen,
			    u->npaused_seen, i, v->alerts[k].id))
				fresh = 1;
			if (n == cap) {
				grown = realloc(now, 2 * cap * sizeof(*now));
				if (grown == NULL) {
					free(now);
					return (-1);
				}
				now = grown;
				cap *= 2;
			}
			now[n].venue = i;
			now[n++].id = v->alerts[k].id;
		}
		/* A venue's alerts by id (few: insertion sort). */
		for (a = first + 1; a < n; a++) {
			struct ui_alert_id	t = now[a];

			for (b = a; b > first && now[b - 1].id > t.id; b--)
				now[b] = now[b - 1];
			now[b] = t;
		}
	}
	if (fresh) {
		free(now);
		return (1);
	}
	/* Those seen now: the ones acknowledged since are forgotten, so
	 * that one firing again counts as new. */
	free(u->paused_seen);
	u->paused_seen = now;
	u->npaused_seen = n;
	u->paused_cap = cap;
	return (0);
}

/* Forget the criticals seen (the pause ended, or foh is leaving). */
void
ui_pause_free(struct ui *u)
{
	free(u->paused_seen);
	u->paused_seen = NULL;
	u->npaused_seen = u->paused_cap = 0;
}

/* End the pause; why (NULL: the key) goes on the key line. */
static void
ui_pause_end(struct ui *u, const char *why)
{
	u->paused_at = 0;
	u->pause_take = 0;
	ui_pause_free(u);
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
	if (ui_pause_look(u, s, 1) != 0) {
		ui_message(u, u->now_ms, "cannot pause: out of memory");
		return (UI_HANDLED | UI_REDRAW);
	}
	u->paused_at = clock_pace_ms();
	if (u->paused_at == 0)
		u->paused_at = 1;
	u->pause_take = 1;	/* the next frame's picture is frozen */
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
 * Before a frame is painted (the status bar first): end the pause if a
 * critical alert is unacknowledged that was not when it began (or was
 * acknowledged since); out of memory, end it too (it cannot tell).
 */
void
ui_pause_check(struct ui *u, const struct store *s)
{
	int	r;

	if (u->paused_at == 0)
		return;
	if ((r = ui_pause_look(u, s, 0)) > 0)
		ui_pause_end(u, "live again: a new critical alert");
	else if (r < 0)
		ui_pause_end(u, "live again: out of memory");
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

/*
 * Paused: " PAUSED 12s " reversed at y, x (w columns) on the key line's
 * colours, before what the key line says (keys, or a message). Returns
 * the width drawn, 0 when live.
 */
int
ui_pause_keyline(struct ui *u, int y, int x, int w)
{
	char	paused[48];
	int	n;

	if (!ui_pause_words(u, paused, sizeof(paused)))
		return (0);
	ui_colour_set(u, UI_C_KEYS, A_REVERSE | A_BOLD);
	n = ui_printf(u, y, x, w, " %s ", paused);
	ui_colour_set(u, UI_C_KEYS, 0);
	return (n);
}
