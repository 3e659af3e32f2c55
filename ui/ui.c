/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui.c: the console's screen: curses setup, the frame, and the key loop.
 * It calls the views; no view calls it, nor another view.
 *
 * A frame is built in three steps. ui_layout turns LINES x COLS into panel
 * rectangles (status bar, venue list, main view, key help); it runs at start
 * and on every resize. ui_draw then erases stdscr and asks each panel's
 * painter (ui_panels[]) to draw the store into its rectangle; painters know
 * nothing of each other. Finally wnoutrefresh + doupdate hand the frame to
 * curses, which compares it with what the terminal already shows and sends
 * only the cells that changed: repainting the whole virtual screen each frame
 * is cheap, and the bytes on the wire stay proportional to what moved.
 *
 * ui_input only changes ui state (the selection) and returns UI_* flags; the
 * caller decides when to draw. What a key does is the key table's
 * (ui-keys.c); what is drawn with, ui-draw.c's.
 */
#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>
#include <wchar.h>

#include "lib/clock.h"
#include "ui-priv.h"

static const struct ui_glyphs ui_glyphs_utf8 = {
	.hline = "\u2500", .vline = "\u2502",
	.tl = "\u250c", .tr = "\u2510", .bl = "\u2514", .br = "\u2518",
	.marker = "\u25b6",
	.ellipsis = "\u2026",
	.spark = { "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586",
	    "\u2587", "\u2588" },
	.spark_gap = "\u00b7",
	.shade = { " ", "\u00b7", "\u2591", "\u2592", "\u2593", "\u2588" },
	.keys_select = "\u2191\u2193",
	.density_unit = "p/m\u00b2",
	.upper_half = "\u2580",
};

static const struct ui_glyphs ui_glyphs_ascii = {
	.hline = "-", .vline = "|",
	.tl = "+", .tr = "+", .bl = "+", .br = "+",
	.marker = ">",
	.ellipsis = "...",
	.spark = { " ", ".", ":", "-", "=", "+", "*", "#" },
	.spark_gap = "?",
	.shade = { " ", ".", ":", "*", "%", "@" },	/* not the outlines' */
	.keys_select = "Up/Down",
	.density_unit = "p/m2",
};

/* Who paints which panel; the main panel is painted by the view. */
static ui_draw_fn *const ui_panels[UI_PANEL_COUNT] = {
	[UI_PANEL_STATUS] = widget_statusbar_draw,
	[UI_PANEL_VENUES] = view_venues_draw,
	[UI_PANEL_MAIN] = NULL,
	[UI_PANEL_KEYS] = widget_statusbar_draw_keys,
};

/* Who paints the main panel, by view. */
static ui_draw_fn *const ui_views[UI_VIEW_COUNT] = {
	[UI_VIEW_HEATMAP] = view_heatmap_draw,
	[UI_VIEW_ALERTS] = view_alerts_draw,
	[UI_VIEW_WHY] = view_why_draw,
	[UI_VIEW_EQUIPMENT] = view_equipment_draw,
	[UI_VIEW_DRIFT] = view_drift_draw,
	[UI_VIEW_DIAG] = view_diag_draw,
	[UI_VIEW_OVERVIEW] = view_overview_draw,
	[UI_VIEW_HELP] = view_help_draw,
	[UI_VIEW_HISTORY] = view_history_draw,
};

/* Views a kiosk rotates through. */
static const enum ui_view ui_kiosk_views[] = {
	UI_VIEW_OVERVIEW, UI_VIEW_HEATMAP, UI_VIEW_ALERTS
};


/*
 * Terminfo describes most terminals that take 24-bit colour as 256-colour
 * ones; COLORTERM=truecolor (or 24bit) is how they say they can do more.
 * Then use the same terminal's "-direct" description (xterm-256color ->
 * xterm-direct, tmux-256color -> tmux-direct) if one is installed, where
 * a colour number is the RGB value itself and themes come out exact.
 */
static SCREEN *
ui_newterm(void)
{
	const char	*ct = getenv("COLORTERM"), *term = getenv("TERM"), *dash;
	char		 direct[128];
	SCREEN		*sp;

	if (ct != NULL && term != NULL && (strcmp(ct, "truecolor") == 0 ||
	    strcmp(ct, "24bit") == 0) && strstr(term, "-direct") == NULL) {
		dash = strchr(term, '-');
		snprintf(direct, sizeof(direct), "%.*s-direct",
		    (int)(dash != NULL ? dash - term : (ptrdiff_t)strlen(term)),
		    term);
		if ((sp = newterm(direct, stdout, stdin)) != NULL)
			return (sp);
	}
	return (newterm(NULL, stdout, stdin));
}

/* Start curses on the terminal. */
struct ui *
ui_new(const struct ui_options *opts)
{
	struct ui	*u;
	unsigned	 i;

	if ((u = calloc(1, sizeof(*u))) == NULL)
		return (NULL);
	if ((u->screen = ui_newterm()) == NULL) {
		free(u);
		return (NULL);
	}
	set_term(u->screen);
	u->utf8 = !opts->ascii &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	u->g = u->utf8 ? &ui_glyphs_utf8 : &ui_glyphs_ascii;
	if (opts->title != NULL)
		snprintf(u->title, sizeof(u->title), "%s", opts->title);
	u->readonly = opts->readonly || opts->kiosk_s > 0;
	u->kiosk_s = opts->kiosk_s;
	u->linger_ms = opts->linger_ms;
	if (opts->signing != NULL)
		snprintf(u->signing, sizeof(u->signing), "%s", opts->signing);
	if (opts->operator_name != NULL)
		snprintf(u->operator_name, sizeof(u->operator_name), "%s",
		    opts->operator_name);
	u->view = u->kiosk_s > 0 ? UI_VIEW_OVERVIEW : UI_VIEW_HEATMAP;
	for (i = 0; i < UI_VIEW_COUNT; i++)
		u->tables[i].col = -1;	/* the view's own order */
	u->tables[UI_VIEW_HEATMAP].table = &view_heatmap_sort;
	u->tables[UI_VIEW_EQUIPMENT].table = &view_equipment_sort;
	u->tables[UI_VIEW_DRIFT].table = &view_drift_sort;

	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_term_keys();
	/* Presses, not clicks: a click waits mouseinterval for a double. */
	mouseinterval(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	nodelay(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	ui_colour_init(u, opts->no_color);
	ui_link_init(u, opts->link);
	ui_layout(u);
	return (u);
}

/* Leave curses and free u. */
void
ui_free(struct ui *u)
{
	if (u == NULL)
		return;
	if (u->frozen != NULL)
		delwin(u->frozen);
	ui_pause_free(u);
	ui_link_drain(u);
	endwin();
	delscreen(u->screen);
	free(u);
}

/*
 * Act on one key through the key table (ui-keys.c): the entries that act
 * where (UI_IN_* bits), in table order, until a handler takes it.
 * Returns its UI_* flags, 0 if none did.
 */
static int
ui_key(struct ui *u, const struct store *s, unsigned where, int key)
{
	const struct ui_key	*k = NULL;
	int			 f;

	while ((k = ui_keys_find(where, key, k)) != NULL) {
		if ((f = k->fn(u, s, key)) != 0)
			return (f);
	}
	return (0);
}

/*
 * A mouse event: the wheel moves as the arrow keys do in the view (not in
 * the venue list); a press of the first button is a click at its cell,
 * which the key table's KEY_MOUSE entry takes.
 */
static int
ui_mouse(struct ui *u, const struct store *s, unsigned where)
{
	MEVENT	ev;
	int	f;

	if (getmouse(&ev) != OK)
		return (UI_HANDLED);
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		f = ui_key(u, s, UI_IN(u->view),
		    ev.bstate & BUTTON4_PRESSED ? KEY_UP : KEY_DOWN);
		return (f != 0 ? f : UI_HANDLED);
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return (UI_HANDLED);
	u->click_y = ev.y;
	u->click_x = ev.x;
	f = ui_key(u, s, where, KEY_MOUSE);
	return (f != 0 ? f : UI_HANDLED);
}

/*
 * Read every pending key and act on it: in a prompt, its line editor's
 * keys or the key typed; else the key table's entries for the view in
 * front and, when it has the focus, the venue list.
 */
int
ui_input(struct ui *u, const struct store *s)
{
	enum ui_view	before;
	unsigned	where;
	int		key, flags = 0, f;

	while ((key = wgetch(stdscr)) != ERR) {
		if (UI_KEY_IS_LINK(key)) {
			flags |= ui_link_answer(u, key);
			continue;
		}
		if (key == KEY_RESIZE) {
			ui_layout(u);
			flags |= UI_HANDLED | UI_REDRAW;
			continue;
		}
		if (u->prompt.active && u->pending == UI_QUIT_ASK) {
			flags |= ui_cmd_quit_answer(u, key);
			if (flags & UI_QUIT)
				break;
			continue;
		}
		if (u->prompt.active) {
			if ((f = ui_key(u, s, UI_IN_PROMPT, key)) == 0)
				f = widget_prompt_type(u, key);
			flags |= f;
			if (f & UI_REDRAW)	/* a filter typed: show it */
				ui_pause_retake(u);
			continue;
		}
		before = u->view;
		where = UI_IN(u->view) | (u->focus_list ? UI_IN_LIST : 0);
		if (key == KEY_MOUSE)
			f = ui_mouse(u, s, where);
		else
			f = ui_key(u, s, where, key);
		flags |= f;
		if (u->view != before)
			u->table_sel = 0;
		if (f & UI_REDRAW)	/* paused: show what it did */
			ui_pause_retake(u);
		if (flags & UI_QUIT)
			break;
	}
	return (flags);
}

/* Switch theme (--theme, :theme). */
int
ui_theme(struct ui *u, const char *name)
{
	char	why[600];

	if (ui_colour_theme(u, name, why, sizeof(why)) == 0)
		return (0);
	ui_message(u, u->now_ms, "%s", why);
	return (-1);
}

/* Ring the terminal's bell, or flash it where it has no audible one. */
void
ui_bell(struct ui *u)
{
	(void)u;
	beep();
}

/* Kiosk: rotate venues and views every kiosk_s seconds. */
int
ui_tick(struct ui *u, const struct store *s, uint64_t now_ms)
{
	unsigned	i, n = sizeof(ui_kiosk_views) / sizeof(ui_kiosk_views[0]);

	if (u->kiosk_s == 0)
		return (0);
	if (u->kiosk_next == 0) {
		u->kiosk_next = now_ms + u->kiosk_s * 1000ULL;
		return (0);
	}
	if (now_ms < u->kiosk_next)
		return (0);
	u->kiosk_next = now_ms + u->kiosk_s * 1000ULL;
	for (i = 0; i < n; i++) {
		if (ui_kiosk_views[i] == u->view)
			break;
	}
	if (i + 1 >= n) {
		u->view = ui_kiosk_views[0];
		if (s->nvenues > 0)
			u->selected = (u->selected + 1) % s->nvenues;
	} else
		u->view = ui_kiosk_views[i + 1];
	return (UI_REDRAW);
}

/*
 * Kiosk: what the banner says while critical alerts are unacked, into line;
 * 0 if there are none. How many counts the real ones only, a drill's
 * added apart as "(+N drill)"; with none real, the drill's, tagged DRILL
 * (ui_crit_counts). It names the first of them in the queue's order
 * (life safety first), as every console orders them (the filter does not
 * apply), not inhibited if one is not, else the first (its inhibitor was
 * acknowledged: still nobody's); then the venue, the zone (or device, or
 * gate, or the subject's id) and the alert's title. A real alert is named
 * before any drill's (PROTOCOL.md 15); *drill says if a drill's is named.
 */
static int
ui_banner_text(struct ui *u, const struct store *s, char *line, size_t len,
    int *drill)
{
	struct ui_queue		*uq;
	const struct fohp_alert	*first = NULL, *any = NULL;
	const struct store_venue *fv = NULL, *av = NULL;
	const char		*what = "", *name;
	char			 more[32] = "";
	unsigned		 i, n, nd, pass;

	/* Real criticals counted alone, a drill's added apart (+N drill);
	 * none real: the drill's, tagged DRILL. */
	n = ui_crit_counts(s, &nd);
	if (n + nd == 0)
		return (0);
	if (n > 0 && nd > 0)
		snprintf(more, sizeof(more), " (+%u drill)", nd);
	if ((uq = malloc(sizeof(*uq))) == NULL)
		return (0);
	ui_queue_build(u, s, 0, uq);
	/* Pass 0 the real alerts, pass 1 (none real) the drills'. */
	for (pass = 0; pass < 2 && any == NULL; pass++) {
		for (i = 0; i < uq->n && first == NULL; i++) {
			const struct fohp_alert *al = ui_queue_item(s, uq, i);

			if (!ui_alert_crit_unacked(al) || al->drill != pass)
				continue;
			if (any == NULL) {
				any = al;
				av = s->venues[uq->q[i].venue];
			}
			if (uq->q[i].inhibited_by == 0) {
				first = al;
				fv = s->venues[uq->q[i].venue];
			}
		}
	}
	free(uq);
	if (first == NULL) {	/* every one inhibited: the first anyway */
		first = any;
		fv = av;
	}
	if (first == NULL) {	/* beyond the queue's UI_QUEUE_MAX */
		*drill = n == 0;
		snprintf(line, len, " %s%u UNACKNOWLEDGED CRITICAL%s ",
		    n == 0 ? "DRILL  " : "", n > 0 ? n : nd, more);
		return (1);
	}
	*drill = first->drill;	/* a drill's: ui_draw says so, calmly */
	name = first->subject;
	for (i = 0; i < fv->nzones; i++) {
		if (strcmp(fv->zones[i].def.id, name) == 0) {
			what = "zone ";
			name = fv->zones[i].def.name;
			break;
		}
	}
	for (i = 0; what[0] == '\0' && i < fv->nequip; i++) {
		if (strcmp(fv->equip[i].device, name) == 0) {
			what = "device ";
			if (fv->equip[i].name[0] != '\0')
				name = fv->equip[i].name;
		}
	}
	for (i = 0; what[0] == '\0' && i < fv->ngates; i++) {
		if (strcmp(fv->gates[i].last.gate, name) == 0) {
			what = "gate ";
			if (fv->gates[i].last.name[0] != '\0')
				name = fv->gates[i].last.name;
		}
	}
	snprintf(line, len, " %s%u UNACKNOWLEDGED CRITICAL%s  %s  %s%s  %s ",
	    *drill ? "DRILL  " : "", *drill ? nd : n, more,
	    fv->name[0] != '\0' ? fv->name : fv->id, what, name,
	    first->title);
	return (1);
}

/*
 * Drills (PROTOCOL.md 15): while a shown venue's latest message says it
 * runs a drill and it is heard from (ui_venue_drilling: not offline), what
 * the banner says, into line; 0 if none does. One
 * venue is named; several are counted and the first named.
 */
static int
ui_banner_drill(const struct ui *u, const struct store *s, char *line,
    size_t len)
{
	const struct store_venue	*first = NULL;
	const char			*dash = u->utf8 ? "\u2014" : "-";
	unsigned			 i, n = 0;

	for (i = 0; i < s->nvenues; i++) {
		if (!ui_venue_drilling(s->venues[i]))	/* offline: not now */
			continue;
		if (n++ == 0)
			first = s->venues[i];
	}
	if (first == NULL)
		return (0);
	if (n == 1)
		snprintf(line, len, " DRILL %s %s is running a drill: alerts "
		    "are not real ", dash, first->name[0] != '\0' ?
		    first->name : first->id);
	else
		snprintf(line, len, " DRILL %s %u venues are running drills "
		    "(%s, ...): their alerts are not real ", dash, n,
		    first->name[0] != '\0' ? first->name : first->id);
	return (1);
}

/*
 * The banner on the line ui_layout keeps for it, under the status bar: the
 * whole width, over the venue list's divider, cut with an ellipsis. The
 * kiosk's critical one (UI_BANNER_CRIT) in the critical colour (reverse
 * and bold without colour); a drill's (UI_BANNER_DRILL) reverse and bold
 * in the warning slot, never the critical colour: a drill must not look
 * like a real critical.
 */
static void
ui_banner(struct ui *u, const char *line)
{
	if (u->banner == UI_BANNER_DRILL)
		ui_colour_set(u, UI_C_SEV_WARNING, A_BOLD | A_REVERSE);
	else
		ui_colour_set(u, UI_C_SEV_CRITICAL, A_BOLD |
		    (ui_colour_mono(u) ? A_REVERSE : 0));
	ui_fill(u, 1, 0, u->cols, " ");
	ui_print_fit(u, 1, 0, u->cols, line);
	ui_colour_set(u, UI_C_NORMAL, 0);
}

/* Paint a frame and push it out. */
void
ui_draw(struct ui *u, const struct store *s, uint64_t now_ms)
{
	char		line[FOHP_TEXT_MAX + FOHP_NAME_MAX * 2 + 64];
	uint64_t	t0;
	int		i, y, banner, drill = 0;
	unsigned	hit0;

	/* Every frame: a narrow screen's one panel follows the keys (Tab). */
	ui_layout(u);
	u->now_ms = now_ms;
	if (ui_term_small(u, s))
		return;
	if (s->nvenues == 0)
		u->selected = 0;
	else if (u->selected >= s->nvenues)
		u->selected = s->nvenues - 1;

	/* The kiosk's banner comes and goes: the body moves to make room.
	 * A real critical's wins; else a drill's, on every view. */
	banner = u->kiosk_s > 0 && LINES >= UI_BANNER_MIN_LINES &&
	    ui_banner_text(u, s, line, sizeof(line), &drill) ? (drill ?
	    UI_BANNER_DRILL : UI_BANNER_CRIT) : 0;
	if (banner != UI_BANNER_CRIT && LINES >= UI_BANNER_MIN_LINES &&
	    ui_banner_drill(u, s, line, sizeof(line)))
		banner = UI_BANNER_DRILL;
	if (banner != u->banner) {
		u->banner = banner;
		ui_layout(u);
	}
	u->nhits = 0;
	ui_pause_check(u, s);	/* a new critical: live again */
	ui_colour_set(u, UI_C_NORMAL, 0);
	werase(stdscr);
	for (i = 0; i < UI_PANEL_COUNT; i++) {
		const struct ui_rect	*r = &u->panels[i];
		ui_draw_fn		*fn = ui_panels[i];

		if (r->w <= 0 || r->h <= 0)
			continue;
		if (i == UI_PANEL_MAIN && ui_pause_frozen(u, s, r))
			continue;	/* paused: the picture as it was */
		if (i == UI_PANEL_MAIN)
			fn = ui_views[u->view];
		hit0 = u->nhits;
		if (i == UI_PANEL_KEYS && u->prompt.active)
			fn = widget_prompt_draw;
		else if (i == UI_PANEL_KEYS && now_ms < u->message_until) {
			int	pw;

			ui_colour_set(u, UI_C_KEYS, A_BOLD);
			ui_fill(u, r->y, r->x, r->w, " ");
			/* Paused: PAUSED first, the message after it. */
			if ((pw = ui_pause_keyline(u, r->y, r->x + 1,
			    r->w - 1)) > 0)
				pw++;
			ui_colour_set(u, UI_C_KEYS, A_BOLD);
			ui_print(u, r->y, r->x + 1 + pw, r->w - 1 - pw,
			    u->message);
			ui_colour_set(u, UI_C_NORMAL, 0);
			continue;
		}
		fn(u, s, r, now_ms);
		if (i == UI_PANEL_MAIN)
			ui_pause_take(u, r, hit0);
		u->greyed = 0;
		ui_colour_set(u, UI_C_NORMAL, 0);
	}
	if (u->divider_x >= 0) {
		const struct ui_rect	*r = &u->panels[UI_PANEL_VENUES];

		ui_colour_set(u, UI_C_BORDER, 0);
		for (y = r->y; y < r->y + r->h; y++)
			ui_print(u, y, u->divider_x, 1, u->g->vline);
		ui_colour_set(u, UI_C_NORMAL, 0);
	}
	if (u->banner)
		ui_banner(u, line);
	/* The ":" line's candidates on the line above it (ui-complete.c). */
	ui_complete_draw(u);
	/* A prompt holds the key line: its refusals go on the line above. */
	if (u->prompt.active && now_ms < u->message_until && u->lines >= 3) {
		ui_colour_set(u, UI_C_KEYS, A_BOLD);
		ui_fill(u, u->lines - 2, 0, u->cols, " ");
		ui_print(u, u->lines - 2, 1, u->cols - 1, u->message);
		ui_colour_set(u, UI_C_NORMAL, 0);
	}
	wnoutrefresh(stdscr);
	t0 = clock_pace_ms();
	doupdate();
	ui_link_sent(u, clock_pace_ms() - t0);
}

/* The venue currently selected. */
unsigned
ui_selected(const struct ui *u)
{
	return (u->selected);
}
