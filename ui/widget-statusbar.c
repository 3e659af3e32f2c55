/*
 * widget-statusbar.c: the top status line and the bottom key help.
 *
 * Top: "foh TITLE  3 live 0 stale 0 offline" on the left, the wall clock on
 * the right; the clock survives the narrowest screens, the counts are cut
 * first. Under --freeze the clock shows the frozen time.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "ui-priv.h"

/* The key help, left to right; keys NULL means the glyph set's arrows. */
static const struct widget_statusbar_key {
	const char	*keys;
	const char	*what;
} widget_statusbar_keys[] = {
	{ NULL,	"select venue" },
	{ "q",	"quit" },
};

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

/* Draw the top line. */
void
widget_statusbar_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	char		clock[16], counts[96];
	unsigned	n[4];
	int		x = r->x, right = r->x + r->w, cw;

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
	if (n[STORE_LINK_CONNECTING] > 0)
		snprintf(counts, sizeof(counts),
		    "%u live %u stale %u offline %u connecting",
		    n[STORE_LINK_LIVE], n[STORE_LINK_STALE],
		    n[STORE_LINK_OFFLINE], n[STORE_LINK_CONNECTING]);
	else
		snprintf(counts, sizeof(counts), "%u live %u stale %u offline",
		    n[STORE_LINK_LIVE], n[STORE_LINK_STALE],
		    n[STORE_LINK_OFFLINE]);
	if (right - x - 2 >= ui_width(u, counts))
		ui_print(u, r->y, x + 2, right - x - 2, counts);
}

/* Draw the bottom line: key help. */
void
widget_statusbar_draw_keys(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	size_t		 i;
	int		 x = r->x + 1, end = r->x + r->w;
	const char	*keys;

	ui_colour_set(u, UI_C_KEYS, 0);
	ui_fill(u, r->y, r->x, r->w, " ");
	for (i = 0; i < sizeof(widget_statusbar_keys) /
	    sizeof(widget_statusbar_keys[0]); i++) {
		const struct widget_statusbar_key *k = &widget_statusbar_keys[i];

		keys = k->keys != NULL ? k->keys : u->g->keys_select;
		if (i > 0)
			x += 2;
		ui_colour_set(u, UI_C_KEYS, A_BOLD);
		x += ui_print(u, r->y, x, end - x, keys);
		ui_colour_set(u, UI_C_KEYS, 0);
		x += ui_print(u, r->y, x, end - x, " ");
		x += ui_print(u, r->y, x, end - x, k->what);
		if (x >= end)
			break;
	}
}
