/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui.c: the console's screen: curses setup, the frame, keys, text helpers.
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
 * caller decides when to draw. Every string goes through ui_print, which
 * clips to the screen by display width and, in ASCII mode, turns anything
 * that is not printable ASCII into '?', so a LANG=C screen holds no byte
 * above 0x7f whatever names a venue sends.
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

#include "ui-priv.h"

static const struct ui_glyphs ui_glyphs_utf8 = {
	.hline = "\u2500", .vline = "\u2502",
	.tl = "\u250c", .tr = "\u2510", .bl = "\u2514", .br = "\u2518",
	.marker = "\u25b6",
	.ellipsis = "\u2026",
	.spark = { "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586",
	    "\u2587", "\u2588" },
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
	.shade = { " ", ".", ":", "+", "#", "@" },
	.keys_select = "Up/Down",
	.density_unit = "p/m2",
};

/* What a key does. */
enum ui_action {
	UI_ACT_PREV,		/* previous venue, stop at the first */
	UI_ACT_NEXT,		/* next venue, stop at the last */
	UI_ACT_PREV_WRAP,
	UI_ACT_NEXT_WRAP,
	UI_ACT_FOCUS,		/* Tab: the venue list or the view */
	UI_ACT_REFRESH,		/* repaint the whole terminal */
	UI_ACT_RESIZE,
	UI_ACT_QUIT
};

static const struct ui_key {
	int		key;
	enum ui_action	action;
} ui_keys[] = {
	{ KEY_UP,	UI_ACT_PREV },
	{ 'k',		UI_ACT_PREV },
	{ KEY_DOWN,	UI_ACT_NEXT },
	{ 'j',		UI_ACT_NEXT },
	{ '\t',		UI_ACT_FOCUS },
	{ KEY_BTAB,	UI_ACT_FOCUS },
	{ ']',		UI_ACT_NEXT_WRAP },
	{ '[',		UI_ACT_PREV_WRAP },
	{ '\014',	UI_ACT_REFRESH },	/* C-l */
	{ KEY_RESIZE,	UI_ACT_RESIZE },
	{ 'q',		UI_ACT_QUIT },
};

/* Who paints which panel; the main panel is painted by the view. */
static ui_draw_fn *const ui_panels[UI_PANEL_COUNT] = {
	[UI_PANEL_STATUS] = widget_statusbar_draw,
	[UI_PANEL_VENUES] = view_venues_draw,
	[UI_PANEL_MAIN] = NULL,
	[UI_PANEL_KEYS] = widget_statusbar_draw_keys,
};

/* Keys of the table views (equipment, drift, help): move the row. */
static int
ui_table_key(struct ui *u, const struct store *s, int key)
{
	int	page = u->panels[UI_PANEL_MAIN].h > 4 ?
		    u->panels[UI_PANEL_MAIN].h - 3 : 1;

	switch (key) {
	case KEY_UP:
	case 'k':
		if (u->table_sel > 0)
			u->table_sel--;
		break;
	case KEY_DOWN:
	case 'j':
		u->table_sel++;		/* the view clamps it */
		break;
	case KEY_PPAGE:
		u->table_sel = u->table_sel > (unsigned)page ?
		    u->table_sel - (unsigned)page : 0;
		break;
	case KEY_NPAGE:
		u->table_sel += (unsigned)page;
		break;
	default:
		return (0);
	}
	return (UI_HANDLED | UI_REDRAW);
}

/* The views: name (for :view), painter, own keys, and the digit key. */
static const struct ui_view_def {
	const char	*name;
	ui_draw_fn	*draw;
	ui_key_fn	*key;
	int		 digit;
} ui_views[UI_VIEW_COUNT] = {
	[UI_VIEW_HEATMAP] =	{ "heatmap", view_heatmap_draw,
				  view_heatmap_key, '1' },
	[UI_VIEW_ALERTS] =	{ "alerts", view_alerts_draw, view_alerts_key,
				  '2' },
	[UI_VIEW_WHY] =		{ "why", view_why_draw, view_why_key, 0 },
	[UI_VIEW_EQUIPMENT] =	{ "equipment", view_equipment_draw,
				  ui_table_key, '3' },
	[UI_VIEW_DRIFT] =	{ "drift", view_drift_draw, ui_table_key, '4' },
	[UI_VIEW_DIAG] =	{ "diag", view_diag_draw, NULL, '5' },
	[UI_VIEW_OVERVIEW] =	{ "overview", view_overview_draw, NULL, '6' },
	[UI_VIEW_HELP] =	{ "help", view_help_draw, ui_table_key, '7' },
	[UI_VIEW_HISTORY] =	{ "history", view_history_draw,
				  view_history_key, 0 },
};

/* Views a kiosk rotates through. */
static const enum ui_view ui_kiosk_views[] = {
	UI_VIEW_OVERVIEW, UI_VIEW_HEATMAP, UI_VIEW_ALERTS
};

/* Below this width the venue list takes the whole body. */
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

/* Compute the panels for the current terminal size. */
static void
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
	if (L >= 3) {
		ui_rect_set(&u->panels[UI_PANEL_KEYS], 0, L - 1, C, 1);
		body_h--;
	}
	if (C < UI_MAIN_MIN_COLS) {
		ui_rect_set(&u->panels[UI_PANEL_VENUES], 0, body_y, C, body_h);
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
	if (opts->operator_name != NULL)
		snprintf(u->operator_name, sizeof(u->operator_name), "%s",
		    opts->operator_name);
	u->view = u->kiosk_s > 0 ? UI_VIEW_OVERVIEW : UI_VIEW_HEATMAP;

	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* Presses, not clicks: a click waits mouseinterval for a double. */
	mouseinterval(0);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	nodelay(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	ui_colour_init(u, opts->no_color);
	ui_layout(u);
	return (u);
}

/* Leave curses and free u. */
void
ui_free(struct ui *u)
{
	if (u == NULL)
		return;
	endwin();
	delscreen(u->screen);
	free(u);
}

/* Move the selection by one action; returns non-zero if it changed. */
static int
ui_select(struct ui *u, const struct store *s, enum ui_action a)
{
	unsigned	old = u->selected, n = s->nvenues;

	if (n == 0)
		return (0);
	if (u->selected >= n)
		u->selected = n - 1;
	switch (a) {
	case UI_ACT_PREV:
		if (u->selected > 0)
			u->selected--;
		break;
	case UI_ACT_NEXT:
		if (u->selected + 1 < n)
			u->selected++;
		break;
	case UI_ACT_PREV_WRAP:
		u->selected = (u->selected + n - 1) % n;
		break;
	case UI_ACT_NEXT_WRAP:
		u->selected = (u->selected + 1) % n;
		break;
	default:
		break;
	}
	return (u->selected != old);
}

/*
 * Keys while the venue list has the focus (Tab): the arrows and jk move
 * the selection, Enter, Esc, l and Right give the focus back to the view.
 * Returns 0 for the keys it leaves to the rest.
 */
static int
ui_list_key(struct ui *u, const struct store *s, int key)
{
	switch (key) {
	case KEY_UP:
	case 'k':
		return (UI_HANDLED | (ui_select(u, s, UI_ACT_PREV) ?
		    UI_REDRAW : 0));
	case KEY_DOWN:
	case 'j':
		return (UI_HANDLED | (ui_select(u, s, UI_ACT_NEXT) ?
		    UI_REDRAW : 0));
	case '\r':
	case '\n':
	case KEY_ENTER:
	case '\033':
	case 'l':
	case KEY_RIGHT:
		u->focus_list = 0;
		return (UI_HANDLED | UI_REDRAW);
	default:
		return (0);
	}
}

/* Act on one key; returns UI_* flags. */
static int
ui_key(struct ui *u, const struct store *s, int key)
{
	size_t	i;

	for (i = 0; i < sizeof(ui_keys) / sizeof(ui_keys[0]); i++) {
		if (ui_keys[i].key != key)
			continue;
		switch (ui_keys[i].action) {
		case UI_ACT_QUIT:
			return (UI_HANDLED | UI_QUIT);
		case UI_ACT_RESIZE:
			ui_layout(u);
			return (UI_HANDLED | UI_REDRAW);
		case UI_ACT_REFRESH:
			clearok(curscr, TRUE);
			return (UI_HANDLED | UI_REDRAW);
		case UI_ACT_FOCUS:
			u->focus_list = !u->focus_list;
			return (UI_HANDLED | UI_REDRAW);
		default:
			if (ui_select(u, s, ui_keys[i].action))
				return (UI_HANDLED | UI_REDRAW);
			return (UI_HANDLED);
		}
	}
	return (0);
}

/* Whether screen cell y,x is inside r. */
static int
ui_rect_has(const struct ui_rect *r, int y, int x)
{
	return (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h);
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

/*
 * A click on what the last frame drew, the last drawn (topmost) first:
 * a venue in the list or a zone or table row is selected; a tile or an
 * alert is selected, and opened (heat map, why-pane) if it already was.
 * 0 if the click hit nothing.
 */
static int
ui_hit_click(struct ui *u, const struct store *s, int y, int x)
{
	const struct ui_hit	*hit;
	unsigned		 i;

	for (i = u->nhits; i-- > 0;) {
		hit = &u->hits[i];
		if (!ui_rect_has(&hit->r, y, x))
			continue;
		switch (hit->kind) {
		case UI_HIT_ROW:
			u->table_sel = hit->index;
			break;
		case UI_HIT_ZONE:
			u->zone_sel = hit->index;
			break;
		case UI_HIT_ALERT:
			/* The alert drawn there, wherever it is now. */
			if (hit->index == u->cursor.venue &&
			    hit->id == u->cursor.id)
				return (view_alerts_key(u, s, '\r'));
			view_alerts_select(u, hit->index, hit->id);
			break;
		case UI_HIT_VENUE:
		case UI_HIT_TILE:
			if (hit->index >= s->nvenues)
				return (UI_HANDLED);
			if (hit->index == u->selected) {
				if (hit->kind == UI_HIT_VENUE)
					return (UI_HANDLED);
				u->view = UI_VIEW_HEATMAP;
			}
			u->selected = hit->index;
			break;
		}
		return (UI_HANDLED | UI_REDRAW);
	}
	return (0);
}

/*
 * A mouse event: the wheel moves as the arrow keys do; a press of the
 * first button selects what is under it (a venue in the list, a zone on
 * the heat map, an alert in the queue, which a second press opens).
 */
static int
ui_mouse(struct ui *u, const struct store *s)
{
	MEVENT	ev;
	int	key = 0, f = 0;

	if (getmouse(&ev) != OK)
		return (UI_HANDLED);
	if (ev.bstate & BUTTON4_PRESSED)
		key = KEY_UP;
	else if (ev.bstate & BUTTON5_PRESSED)
		key = KEY_DOWN;
	if (key != 0) {
		if (ui_views[u->view].key != NULL)
			f = ui_views[u->view].key(u, s, key);
		return (f != 0 ? f : ui_key(u, s, key));
	}
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return (UI_HANDLED);
	f = ui_hit_click(u, s, ev.y, ev.x);
	return (f != 0 ? f : UI_HANDLED);
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

/* Queue a request for the caller. */
static int
ui_queue_request(struct ui *u, const struct ui_request *r)
{
	if (u->nreqs == UI_REQUESTS_MAX)
		return (0);
	u->reqs[u->nreqs++] = *r;
	return (UI_REQUEST | UI_REDRAW);
}

/* Take a queued request. */
int
ui_take_request(struct ui *u, struct ui_request *out)
{
	if (u->nreqs == 0)
		return (-1);
	*out = u->reqs[0];
	memmove(&u->reqs[0], &u->reqs[1], --u->nreqs * sizeof(u->reqs[0]));
	return (0);
}

/* "#42 club density dance (critical)": which alert, in words. */
static void
ui_alert_words(char *buf, size_t len, const struct store *s, unsigned venue,
    const struct fohp_alert *al)
{
	const struct store_venue	*v = s->venues[venue];

	snprintf(buf, len, "#%llu %s %s%s%s (%s)", (unsigned long long)al->id,
	    v->id[0] != '\0' ? v->id : v->name, al->rule,
	    al->subject[0] != '\0' ? " " : "", al->subject,
	    fohp_severity_name(al->severity));
}

/*
 * The unattended (firing, flapping) alerts of the queue as shown (filter
 * included), folded ones too, into u->bulk, at most UI_BULK_MAX; how many
 * of those taken are folded into *folded; their venues' ids,
 * comma-separated, into venues. Returns how many are unattended in all
 * (may be more than were taken).
 */
static unsigned
ui_bulk_pick(struct ui *u, const struct store *s, char *venues, size_t len,
    unsigned *folded)
{
	struct ui_queue		*uq;
	unsigned		 i, firing = 0, more = 0;
	size_t			 o = 0;
	char			 seen[STORE_VENUES_MAX];
	const char		*w;

	u->nbulk = 0;
	*folded = 0;
	venues[0] = '\0';
	memset(seen, 0, sizeof(seen));
	if ((uq = malloc(sizeof(*uq))) == NULL)
		return (0);
	view_alerts_queue(u, s, 1, uq);
	for (i = 0; i < uq->n; i++) {
		const struct store_venue *v = s->venues[uq->q[i].venue];
		const struct fohp_alert	*al = view_alerts_item(s, uq, i);

		if (!store_alert_unattended(al))
			continue;
		firing++;
		if (u->nbulk == UI_BULK_MAX)
			continue;
		u->bulk[u->nbulk].venue = uq->q[i].venue;
		u->bulk[u->nbulk++].id = al->id;
		if (uq->q[i].folded)
			++*folded;
		if (uq->q[i].venue < STORE_VENUES_MAX &&
		    !seen[uq->q[i].venue]) {
			seen[uq->q[i].venue] = 1;
			w = v->id[0] != '\0' ? v->id : v->name;
			/* Room kept for " and N more": never cut silently. */
			if (o + strlen(w) + 2 + 24 < len)
				o += (size_t)snprintf(venues + o, len - o,
				    "%s%s", o > 0 ? ", " : "", w);
			else
				more++;
		}
	}
	if (more > 0)
		snprintf(venues + o, len - o, " and %u more", more);
	free(uq);
	return (firing);
}

/*
 * Start a control op: on the alert under the cursor (or the why-pane's),
 * or for A on every firing alert shown. The prompt names the alert(s) and
 * asks its first question.
 */
static int
ui_control(struct ui *u, const struct store *s, int key)
{
	const struct fohp_alert	*al;
	unsigned		 venue, firing, folded;
	char			 label[320], what[200], venues[96], fw[48];

	if (u->readonly) {
		ui_message(u, u->now_ms, "read-only console: %s does nothing "
		    "here", key == 'a' ? "acknowledge" : key == 'u' ?
		    "unacknowledge" : key == 's' ? "shelve" : key == 'x' ?
		    "approve" : "bulk acknowledge");
		return (UI_HANDLED | UI_REDRAW);
	}
	memset(&u->req, 0, sizeof(u->req));
	if (key == 'A') {
		snprintf(u->req.op, sizeof(u->req.op), "ack");
		firing = ui_bulk_pick(u, s, venues, sizeof(venues), &folded);
		if (u->nbulk == 0) {
			ui_message(u, u->now_ms, "no unacknowledged alert "
			    "shown: nothing to acknowledge");
			return (UI_HANDLED | UI_REDRAW);
		}
		fw[0] = '\0';
		if (folded > 0)
			snprintf(fw, sizeof(fw), " (%u of them folded)",
			    folded);
		if (firing > u->nbulk)
			snprintf(label, sizeof(label), "Ack the first %u of %u "
			    "unacknowledged alerts%s, of %s? (y/n) ", u->nbulk,
			    firing, fw, venues);
		else
			snprintf(label, sizeof(label), "Ack %u unacknowledged "
			    "alert%s%s of %s? (y/n) ", u->nbulk,
			    u->nbulk == 1 ? "" : "s", fw, venues);
		widget_prompt_open(u, 'A', label);
		return (UI_HANDLED | UI_REDRAW);
	}
	u->cursor_left = 0;
	al = view_alerts_current(u, s, &venue);
	if (u->cursor_left)	/* the message says so: look before acting */
		return (UI_HANDLED | UI_REDRAW);
	if (al == NULL) {
		ui_message(u, u->now_ms, "no alert selected: 2 shows the "
		    "alert queue");
		return (UI_HANDLED | UI_REDRAW);
	}
	u->req.venue = venue;
	u->req.alert = al->id;
	ui_alert_words(what, sizeof(what), s, venue, al);
	switch (key) {
	case 'a':
		snprintf(u->req.op, sizeof(u->req.op), "ack");
		snprintf(label, sizeof(label), "Ack %s %s comment: ", what,
		    u->utf8 ? "\u2014" : "-");
		widget_prompt_open(u, key, label);
		break;
	case 'u':
		snprintf(u->req.op, sizeof(u->req.op), "unack");
		widget_prompt_close(u);
		return (UI_HANDLED | ui_queue_request(u, &u->req));
	case 's':
		snprintf(u->req.op, sizeof(u->req.op), "shelve");
		snprintf(label, sizeof(label), "Shelve %s %s minutes: ", what,
		    u->utf8 ? "\u2014" : "-");
		widget_prompt_open(u, key, label);
		break;
	case 'x':
		snprintf(u->req.op, sizeof(u->req.op), "approve");
		if (al->action[0] == '\0') {
			ui_message(u, u->now_ms, "alert #%llu suggests no "
			    "action", (unsigned long long)al->id);
			return (UI_HANDLED | UI_REDRAW);
		}
		snprintf(label, sizeof(label), "Approve the action of %s? "
		    "(y/n) ", what);
		widget_prompt_open(u, key, label);
		break;
	}
	return (UI_HANDLED | UI_REDRAW);
}

/* Bulk acknowledge: one request per alert "A" named (u->bulk). */
static int
ui_bulk(struct ui *u)
{
	unsigned	i, sent = 0;
	int		flags = UI_HANDLED | UI_REDRAW;

	for (i = 0; i < u->nbulk; i++) {
		u->req.venue = u->bulk[i].venue;
		u->req.alert = u->bulk[i].id;
		if (ui_queue_request(u, &u->req) == 0)
			break;
		flags |= UI_REQUEST;
		sent++;
	}
	u->nbulk = 0;
	ui_message(u, u->now_ms, "acknowledging %u alert%s", sent,
	    sent == 1 ? "" : "s");
	return (flags);
}

/* A ":" command. */
static int
ui_command(struct ui *u, const struct store *s, const char *line)
{
	char		 word[16], arg[64];
	unsigned	 i;

	word[0] = arg[0] = '\0';
	if (sscanf(line, "%15s %63s", word, arg) < 1)
		return (UI_HANDLED | UI_REDRAW);
	if (strcmp(word, "q") == 0 || strcmp(word, "quit") == 0)
		return (UI_HANDLED | UI_QUIT);
	if (strcmp(word, "view") == 0) {
		for (i = 0; i < UI_VIEW_COUNT; i++) {
			if (strcmp(ui_views[i].name, arg) == 0) {
				u->view = (enum ui_view)i;
				return (UI_HANDLED | UI_REDRAW);
			}
		}
		ui_message(u, u->now_ms, "no view \"%s\": heatmap, alerts, "
		    "why, equipment, drift, diag, overview, help, history",
		    arg);
	} else if (strcmp(word, "venue") == 0) {
		for (i = 0; i < s->nvenues; i++) {
			if (strcmp(s->venues[i]->id, arg) == 0 ||
			    strcasecmp(s->venues[i]->name, arg) == 0) {
				u->selected = i;
				return (UI_HANDLED | UI_REDRAW);
			}
		}
		ui_message(u, u->now_ms, "no venue \"%s\"", arg);
	} else if (strcmp(word, "theme") == 0) {
		if (ui_colour_theme(u, arg) == 0)
			ui_message(u, u->now_ms, "theme %s", arg);
	} else
		ui_message(u, u->now_ms, "unknown command \"%s\": :view, "
		    ":venue, :theme, :q", word);
	return (UI_HANDLED | UI_REDRAW);
}

/*
 * The prompt's answer: act on it, or ask the request's next question.
 * Questions: a: comment, expiry, sticky or not; A: y/n, comment, expiry
 * (its acks are sticky); s: minutes, reason; x: y/n. A refused answer
 * asks the same question again.
 */
static int
ui_prompt_done(struct ui *u, const struct store *s)
{
	const char	*t = u->prompt.text;
	char		*end, label[96];
	unsigned long	 n;
	int		 op = u->pending, step = u->prompt.step;

	switch (op) {
	case ':':
		widget_prompt_close(u);
		return (ui_command(u, s, t));
	case '/':
		snprintf(u->filter, sizeof(u->filter), "%s", t);
		widget_prompt_close(u);
		if (u->view != UI_VIEW_ALERTS)
			u->view = UI_VIEW_ALERTS;
		return (UI_HANDLED | UI_REDRAW);
	case 'A':
		if (step == 0) {
			if (*t != 'y' && *t != 'Y') {
				widget_prompt_close(u);
				u->nbulk = 0;
				ui_message(u, u->now_ms, "nothing "
				    "acknowledged");
				return (UI_HANDLED | UI_REDRAW);
			}
			snprintf(label, sizeof(label), "Ack %u alert%s %s "
			    "comment: ", u->nbulk, u->nbulk == 1 ? "" : "s",
			    u->utf8 ? "\u2014" : "-");
			widget_prompt_next(u, label);
			return (UI_HANDLED | UI_REDRAW);
		}
		step--;		/* then the questions of a */
		/* FALLTHROUGH */
	case 'a':
		if (step == 0) {
			if (*t == '\0') {
				ui_message(u, u->now_ms, "an acknowledgement "
				    "needs a comment");
				return (UI_HANDLED | UI_REDRAW);
			}
			snprintf(u->req.comment, sizeof(u->req.comment), "%s",
			    t);
			widget_prompt_next(u, "Expires in minutes (empty: "
			    "until resolved): ");
			return (UI_HANDLED | UI_REDRAW);
		}
		if (step == 1) {
			n = strtoul(t, &end, 10);
			if (*end != '\0' || n > 7 * 24 * 60) {
				ui_message(u, u->now_ms, "minutes, or empty");
				return (UI_HANDLED | UI_REDRAW);
			}
			u->req.expiry_s = (uint32_t)(n * 60);
			if (op == 'A') {
				widget_prompt_close(u);
				return (ui_bulk(u));
			}
			/* 59 cells: the whole question fits in 80 columns */
			widget_prompt_next(u, "Sticky (until resolved), "
			    "non-sticky (ends if worse)? [S/n] ");
			return (UI_HANDLED | UI_REDRAW);
		}
		if (*t == '\0' || strcasecmp(t, "s") == 0 ||
		    strcasecmp(t, "sticky") == 0)
			u->req.ack_type = FOHP_ACK_STICKY;
		else if (strcasecmp(t, "n") == 0 ||
		    strcasecmp(t, "non-sticky") == 0)
			u->req.ack_type = FOHP_ACK_NONSTICKY;
		else {
			ui_message(u, u->now_ms, "s (sticky, the default) or "
			    "n (non-sticky)");
			return (UI_HANDLED | UI_REDRAW);
		}
		widget_prompt_close(u);
		return (UI_HANDLED | ui_queue_request(u, &u->req));
	case 's':
		if (step == 0) {
			n = strtoul(t, &end, 10);
			if (*t == '\0' || *end != '\0' || n == 0 ||
			    n > 7 * 24 * 60) {
				ui_message(u, u->now_ms, "shelve needs a number "
				    "of minutes");
				return (UI_HANDLED | UI_REDRAW);
			}
			u->req.duration_s = (uint32_t)(n * 60);
			widget_prompt_next(u, "Reason: ");
			return (UI_HANDLED | UI_REDRAW);
		}
		if (*t == '\0') {
			ui_message(u, u->now_ms, "shelving needs a reason");
			return (UI_HANDLED | UI_REDRAW);
		}
		snprintf(u->req.reason, sizeof(u->req.reason), "%s", t);
		widget_prompt_close(u);
		return (UI_HANDLED | ui_queue_request(u, &u->req));
	case 'x':
		widget_prompt_close(u);
		if (*t != 'y' && *t != 'Y') {
			ui_message(u, u->now_ms, "not approved");
			return (UI_HANDLED | UI_REDRAW);
		}
		return (UI_HANDLED | ui_queue_request(u, &u->req));
	}
	widget_prompt_close(u);
	return (UI_HANDLED | UI_REDRAW);
}

/* Keys common to all views: views, filter, commands, control. */
static int
ui_key_global(struct ui *u, const struct store *s, int key)
{
	unsigned	i;

	for (i = 0; i < UI_VIEW_COUNT; i++) {
		if (ui_views[i].digit != 0 && ui_views[i].digit == key) {
			u->view = (enum ui_view)i;
			return (UI_HANDLED | UI_REDRAW);
		}
	}
	switch (key) {
	case '?':
		u->view = UI_VIEW_HELP;
		return (UI_HANDLED | UI_REDRAW);
	case 'H':
		u->view = UI_VIEW_HISTORY;
		return (UI_HANDLED | UI_REDRAW);
	case ':':
	case '/':
		widget_prompt_open(u, key, key == ':' ? ":" : "Filter: ");
		return (UI_HANDLED | UI_REDRAW);
	case 'n':
		u->filter[0] = '\0';
		return (UI_HANDLED | UI_REDRAW);
	case 'a':
	case 'u':
	case 's':
	case 'x':
	case 'A':
		return (ui_control(u, s, key));
	case 27:	/* Escape: back from a view to the heat map */
		if (u->view != UI_VIEW_HEATMAP && u->view != UI_VIEW_WHY) {
			u->view = UI_VIEW_HEATMAP;
			return (UI_HANDLED | UI_REDRAW);
		}
		break;
	}
	return (0);
}

/* Read every pending key and act on it. */
int
ui_input(struct ui *u, const struct store *s)
{
	enum ui_view	before;
	int		key, flags = 0, f, done;

	while ((key = wgetch(stdscr)) != ERR) {
		if (u->prompt.active) {
			if ((done = widget_prompt_key(u, key)) == 1)
				flags |= ui_prompt_done(u, s);
			else if (done == -1) {
				u->nbulk = 0;
				flags |= UI_HANDLED | UI_REDRAW;
			} else
				flags |= UI_HANDLED | UI_REDRAW;
			continue;
		}
		f = 0;
		before = u->view;
		if (u->focus_list)
			f = ui_list_key(u, s, key);
		if (f == 0 && ui_views[u->view].key != NULL)
			f = ui_views[u->view].key(u, s, key);
		if (f == 0 && key == KEY_MOUSE)
			f = ui_mouse(u, s);
		if (f == 0)
			f = ui_key_global(u, s, key);
		if (f == 0)
			f = ui_key(u, s, key);
		flags |= f;
		if (u->view != before)
			u->table_sel = 0;
		if (flags & UI_QUIT)
			break;
	}
	return (flags);
}

/* Switch theme (--theme, :theme). */
int
ui_theme(struct ui *u, const char *name)
{
	return (ui_colour_theme(u, name));
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
 * Kiosk: a banner across the top while critical alerts are unacked. It
 * names the first of them in the queue's order (life safety first), as
 * every console orders them: the filter does not apply.
 */
static void
ui_banner(struct ui *u, const struct store *s)
{
	struct ui_queue		*uq;
	const struct fohp_alert	*first = NULL;
	const struct store_venue *fv = NULL;
	unsigned		 i, n = 0;
	char			 line[512];

	if (u->lines < 4 || (uq = malloc(sizeof(*uq))) == NULL)
		return;
	view_alerts_queue(u, s, 0, uq);
	for (i = 0; i < uq->n; i++) {
		const struct fohp_alert *al = view_alerts_item(s, uq, i);

		if (al->severity != FOHP_SEV_CRITICAL ||
		    !store_alert_unattended(al))
			continue;
		n++;
		if (first == NULL && uq->q[i].inhibited_by == 0) {
			first = al;
			fv = s->venues[uq->q[i].venue];
		}
	}
	free(uq);
	if (n == 0 || first == NULL)
		return;
	snprintf(line, sizeof(line), " %u UNACKNOWLEDGED CRITICAL  %s: %s ",
	    n, fv->name, first->title);
	ui_colour_set(u, UI_C_BAND_F, A_BOLD | A_REVERSE);
	ui_fill(u, 1, 0, u->cols, " ");
	ui_print(u, 1, 0, u->cols, line);
	ui_colour_set(u, UI_C_NORMAL, 0);
}

/* Paint a frame and push it out. */
void
ui_draw(struct ui *u, const struct store *s, uint64_t now_ms)
{
	int	i, y;

	if (u->lines != LINES || u->cols != COLS)
		ui_layout(u);
	if (s->nvenues == 0)
		u->selected = 0;
	else if (u->selected >= s->nvenues)
		u->selected = s->nvenues - 1;

	u->now_ms = now_ms;
	u->nhits = 0;
	ui_colour_set(u, UI_C_NORMAL, 0);
	werase(stdscr);
	for (i = 0; i < UI_PANEL_COUNT; i++) {
		const struct ui_rect	*r = &u->panels[i];
		ui_draw_fn		*fn = ui_panels[i];

		if (r->w <= 0 || r->h <= 0)
			continue;
		if (i == UI_PANEL_MAIN)
			fn = ui_views[u->view].draw;
		if (i == UI_PANEL_KEYS && u->prompt.active)
			fn = widget_prompt_draw;
		else if (i == UI_PANEL_KEYS && now_ms < u->message_until) {
			ui_colour_set(u, UI_C_KEYS, A_BOLD);
			ui_fill(u, r->y, r->x, r->w, " ");
			ui_print(u, r->y, r->x + 1, r->w - 1, u->message);
			ui_colour_set(u, UI_C_NORMAL, 0);
			continue;
		}
		fn(u, s, r, now_ms);
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
	/* Over the divider too: the banner is read whole. */
	if (u->kiosk_s > 0)
		ui_banner(u, s);
	/* A prompt holds the key line: its refusals go on the line above. */
	if (u->prompt.active && now_ms < u->message_until && u->lines >= 3) {
		ui_colour_set(u, UI_C_KEYS, A_BOLD);
		ui_fill(u, u->lines - 2, 0, u->cols, " ");
		ui_print(u, u->lines - 2, 1, u->cols - 1, u->message);
		ui_colour_set(u, UI_C_NORMAL, 0);
	}
	wnoutrefresh(stdscr);
	doupdate();
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

/* Print text in a column's w cells, right-aligned if the column says so. */
void
ui_cell(struct ui *u, const struct ui_column *c, int y, int x, int w,
    const char *text)
{
	int	tw = ui_width(u, text);

	if (c->right && tw < w)
		x += w - tw;
	ui_print(u, y, x, w, text);
}

/* The slot a severity word is drawn in (queue, history, why-pane). */
enum ui_slot
ui_severity_slot(enum fohp_severity sev)
{
	switch (sev) {
	case FOHP_SEV_CRITICAL:
		return (UI_C_BAND_F);
	case FOHP_SEV_WARNING:
		return (UI_C_BAND_D);
	default:
		return (UI_C_DIM);
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

/* A duration: "45s", "1m20s", "1h2m", "3d4h". */
void
ui_duration(char *buf, size_t len, uint64_t ms)
{
	unsigned long long	s = ms / 1000;

	if (s < 60)
		snprintf(buf, len, "%llus", s);
	else if (s < 3600 && s % 60 != 0)
		snprintf(buf, len, "%llum%llus", s / 60, s % 60);
	else if (s < 3600)
		snprintf(buf, len, "%llum", s / 60);
	else if (s < 86400 && s / 60 % 60 != 0)
		snprintf(buf, len, "%lluh%llum", s / 3600, s / 60 % 60);
	else if (s < 86400)
		snprintf(buf, len, "%lluh", s / 3600);
	else if (s / 3600 % 24 != 0)
		snprintf(buf, len, "%llud%lluh", s / 86400, s / 3600 % 24);
	else
		snprintf(buf, len, "%llud", s / 86400);
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
		if (a->severity == FOHP_SEV_CRITICAL &&
		    store_alert_unattended(a))
			unacked++;
	}
	return (unacked);
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
	x += ui_print(u, r->y, x, end - x, v->name);
	x += ui_print(u, r->y, x, end - x, what);
	if (v->link == STORE_LINK_LIVE)
		return (x);
	ui_colour_set(u, ui_link_slot(v->link), 0);
	x += 2;
	x += ui_print(u, r->y, x, end - x, ui_link_word(v->link));
	if (v->heard_ms != 0) {
		ui_age(age, sizeof(age), now_ms, v->heard_ms);
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

/* The venue currently selected. */
unsigned
ui_selected(const struct ui *u)
{
	return (u->selected);
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

/* "12 s", "3 min", "2 h" since heard_ms, or "never". */
void
ui_age(char *buf, size_t len, uint64_t now_ms, uint64_t heard_ms)
{
	unsigned long long	secs;

	if (heard_ms == 0) {
		snprintf(buf, len, "never");
		return;
	}
	secs = now_ms > heard_ms ? (now_ms - heard_ms) / 1000 : 0;
	if (secs < 100)
		snprintf(buf, len, "%llu s", secs);
	else if (secs < 100 * 60)
		snprintf(buf, len, "%llu min", secs / 60);
	else
		snprintf(buf, len, "%llu h", secs / 3600);
}
