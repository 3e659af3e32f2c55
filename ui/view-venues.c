/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-venues.c: the venue list on the left.
 *
 * Each venue takes two lines when they all fit, one otherwise:
 *
 *   > Arena                D      (marker, name, worst zone band)
 *     LIVE  updated 3s ago           (LIVE DRILL in a drill)
 *
 *   > Arena  LIVE 3 s      D      (one-line form, age dropped first)
 *
 * The link state is always a word. STALE and OFFLINE venues are dimmed,
 * since what they show may no longer be true. The list scrolls to keep the
 * selected venue in view. When the venues do not all fit (hundreds of
 * them), a line under the heading counts them by link state ("296 live
 * 3 stale 1 offline", problems first when the line is short) and says which
 * are shown ("41-90").
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-priv.h"

/* Width of the band chip at the right end of a line: " D ". */
#define VIEW_VENUES_CHIP	3

/* The worst band index (0..5) of a venue's zones; -1 if none sampled. */
static int
view_venues_worst(const struct store_venue *v)
{
	const struct store_zone	*z;

	if (ui_zone_worst(v, &z, 1) == 0)
		return (-1);
	return (band_index(ui_zone_band(z)));
}

/* Draw the worst-band chip ending at column end. */
static void
view_venues_chip(struct ui *u, int y, int end, int worst)
{
	char	chip[4] = { ' ', '-', ' ', '\0' };

	if (worst >= 0)
		chip[1] = (char)('A' + worst);
	ui_colour_set(u, ui_colour_band(worst), 0);
	ui_print(u, y, end - VIEW_VENUES_CHIP, VIEW_VENUES_CHIP, chip);
}

/* A venue's open alerts as the status bar writes them, "C1 W2 I0". */
static enum ui_slot
view_venues_alerts(const struct store_venue *v, char *buf, size_t len)
{
	unsigned	sev[FOHP_SEV_COUNT] = { 0 };

	(void)ui_alert_counts(v, sev, NULL);
	ui_counts(buf, len, sev, 0);
	return (sev[FOHP_SEV_CRITICAL] > 0 ? UI_C_SEV_CRITICAL :
	    sev[FOHP_SEV_WARNING] > 0 ? UI_C_SEV_WARNING : UI_C_DIM);
}

/* Draw one venue in lines rows (1 or 2) from y. */
static void
view_venues_draw_one(struct ui *u, const struct store_venue *v, int selected,
    const struct ui_rect *r, int y, int lines, uint64_t now_ms)
{
	enum ui_slot	 base, word;
	attr_t		 dim = 0;
	char		 age[32], line[64], counts[32];
	const char	*state = ui_link_word(v->link);
	enum ui_slot	 cslot;
	int		 x = r->x + 3, end = r->x + r->w, i, namew, sw, aw;
	int		 worst = view_venues_worst(v);

	if (v->link == STORE_LINK_STALE || v->link == STORE_LINK_OFFLINE)
		dim = A_DIM;
	base = selected ? UI_C_SELECTED : UI_C_NORMAL;
	word = selected ? UI_C_SELECTED : ui_link_slot(v->link);
	ui_since(age, sizeof(age), now_ms, v->heard_ms, "never");

	ui_colour_set(u, base, dim);
	for (i = 0; i < lines; i++)
		ui_fill(u, y + i, r->x, r->w, " ");
	if (selected)
		ui_print(u, y, r->x + 1, 1, u->g->marker);

	if (r->w < 8) {		/* too narrow for a chip */
		ui_print(u, y, x, end - x, v->name);
		return;
	}
	end -= VIEW_VENUES_CHIP;
	view_venues_chip(u, y, end + VIEW_VENUES_CHIP, worst);

	if (lines >= 2) {
		ui_colour_set(u, base, dim | A_BOLD);
		ui_print_fit(u, y, x, end - x - 1, v->name);
		ui_colour_set(u, word, 0);
		x += ui_print(u, y + 1, x, r->x + r->w - x, state);
		if (ui_venue_drilling(v)) {	/* which drill (PROTOCOL.md 15) */
			ui_colour_set(u, selected ? base : UI_C_SEV_WARNING,
			    A_BOLD);
			x += ui_print(u, y + 1, x, r->x + r->w - x, " DRILL");
		} else if (v->drill) {	/* offline: it was, when last heard */
			ui_colour_set(u, base, dim);
			x += ui_print(u, y + 1, x, r->x + r->w - x,
			    " last seen in a drill");
		}
		ui_colour_set(u, base, dim);
		/* Then its alerts at the right, the age said short for them. */
		cslot = view_venues_alerts(v, counts, sizeof(counts));
		end = r->x + r->w - 1;
		snprintf(line, sizeof(line), "  updated %s ago", age);
		if (strcmp(age, "never") == 0)
			snprintf(line, sizeof(line), "  never heard");
		if (ui_width(u, line) + 1 + ui_width(u, counts) > end - x)
			snprintf(line, sizeof(line), "  %s", age);
		x += ui_print(u, y + 1, x, r->x + r->w - x, line);
		if (x + 1 + ui_width(u, counts) <= end) {
			ui_colour_set(u, selected ? base : cslot, 0);
			ui_print(u, y + 1, end - ui_width(u, counts),
			    ui_width(u, counts), counts);
		}
		return;
	}

	/* One line: name, then state word and age right-aligned. */
	sw = ui_width(u, state);
	aw = ui_width(u, age);
	namew = end - x - 1 - (sw + 1) - (aw + 1);
	if (namew < 4) {
		aw = -1;	/* drop the age */
		namew = end - x - 1 - (sw + 1);
	}
	if (namew < 2) {	/* no room for the state: the name alone */
		ui_colour_set(u, base, dim | A_BOLD);
		ui_print(u, y, x, end - x - 1, v->name);
		return;
	}
	ui_colour_set(u, base, dim | A_BOLD);
	ui_print_fit(u, y, x, namew, v->name);
	x = end - 1 - sw - (aw >= 0 ? aw + 1 : 0);
	ui_colour_set(u, word, 0);
	x += ui_print(u, y, x, end - 1 - x, state);
	if (aw >= 0) {
		ui_colour_set(u, base, dim);
		ui_print(u, y, x + 1, end - 1 - x - 1, age);
	}
}

/*
 * Lay the list out in r: the first line of venues (*y), lines per venue,
 * and how many fit; scrolls u->venues_top to keep the selected shown.
 * Returns 0 if there is no room or nothing to list.
 */
static int
view_venues_layout(struct ui *u, const struct store *s,
    const struct ui_rect *r, int *y, int *lines, unsigned *shown)
{
	int	rows = r->h;

	*y = r->y;
	if (rows >= 3) {
		*y += 1;	/* the heading */
		rows -= 1;
	}
	if (s->nvenues == 0)
		return (0);
	if ((unsigned)rows < s->nvenues && rows >= 4) {
		*y += 1;	/* the counts */
		rows -= 1;
	}
	*lines = (unsigned)rows >= 2 * s->nvenues ? 2 : 1;
	*shown = (unsigned)(rows / *lines);
	if (*shown == 0)
		return (0);
	if (u->selected < u->venues_top)
		u->venues_top = u->selected;
	if (u->selected >= u->venues_top + *shown)
		u->venues_top = u->selected - *shown + 1;
	if (u->venues_top + *shown > s->nvenues)
		u->venues_top = s->nvenues > *shown ? s->nvenues - *shown : 0;
	return (1);
}

/*
 * The counts line at y, for a list too long to show whole: by link state,
 * the problems first when it is short, and which venues are shown.
 */
static void
view_venues_counts(struct ui *u, const struct store *s,
    const struct ui_rect *r, int y, unsigned shown)
{
	unsigned	c[4], last = u->venues_top + shown;
	char		full[96], problems[64];

	store_link_counts(s, c);
	snprintf(full, sizeof(full), "%u live %u stale %u offline%s  %u-%u",
	    c[STORE_LINK_LIVE], c[STORE_LINK_STALE], c[STORE_LINK_OFFLINE],
	    c[STORE_LINK_CONNECTING] > 0 ? " +conn" : "",
	    u->venues_top + 1, last < s->nvenues ? last : s->nvenues);
	snprintf(problems, sizeof(problems), "%u off %u stale %u live",
	    c[STORE_LINK_OFFLINE], c[STORE_LINK_STALE], c[STORE_LINK_LIVE]);
	ui_colour_set(u, c[STORE_LINK_OFFLINE] + c[STORE_LINK_STALE] > 0 ?
	    UI_C_STALE : UI_C_DIM, 0);
	ui_print(u, y, r->x + 1, r->w - 1, ui_width(u, full) <= r->w - 1 ?
	    full : problems);
}

/* Draw the venue list into r. */
void
view_venues_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	unsigned	i, shown;
	int		y, lines;

	if (r->h >= 3) {	/* reversed, with the marker, when focused */
		ui_colour_set(u, UI_C_HEADING, u->focus_list ? A_REVERSE : 0);
		ui_printf(u, r->y, r->x, r->w, "%sVenues (%u)",
		    u->focus_list ? u->g->marker : " ", s->nvenues);
	}
	if (s->nvenues == 0) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, r->y + (r->h >= 3), r->x + 1, r->w - 1,
		    "no venues");
		return;
	}
	if (!view_venues_layout(u, s, r, &y, &lines, &shown))
		return;
	if (y > r->y + 1)
		view_venues_counts(u, s, r, y - 1, shown);
	for (i = u->venues_top; i < s->nvenues && i < u->venues_top + shown;
	    i++) {
		view_venues_draw_one(u, s->venues[i], i == u->selected, r, y,
		    lines, now_ms);
		ui_hit_add(u, y, r->x, r->w, lines, UI_HIT_VENUE, i);
		y += lines;
	}
}
