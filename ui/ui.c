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
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	.keys_select = "\u2191\u2193 Tab",
	.density_unit = "p/m\u00b2",
};

static const struct ui_glyphs ui_glyphs_ascii = {
	.hline = "-", .vline = "|",
	.tl = "+", .tr = "+", .bl = "+", .br = "+",
	.marker = ">",
	.ellipsis = "...",
	.spark = { " ", ".", ":", "-", "=", "+", "*", "#" },
	.shade = { " ", ".", ":", "+", "#", "@" },
	.keys_select = "Up/Down Tab",
	.density_unit = "p/m2",
};

/* What a key does. */
enum ui_action {
	UI_ACT_PREV,		/* previous venue, stop at the first */
	UI_ACT_NEXT,		/* next venue, stop at the last */
	UI_ACT_PREV_WRAP,
	UI_ACT_NEXT_WRAP,
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
	{ '\t',		UI_ACT_NEXT_WRAP },
	{ KEY_BTAB,	UI_ACT_PREV_WRAP },
	{ '\014',	UI_ACT_REFRESH },	/* C-l */
	{ KEY_RESIZE,	UI_ACT_RESIZE },
	{ 'q',		UI_ACT_QUIT },
};

/* Who paints which panel. */
static ui_draw_fn *const ui_panels[UI_PANEL_COUNT] = {
	[UI_PANEL_STATUS] = widget_statusbar_draw,
	[UI_PANEL_VENUES] = view_venues_draw,
	[UI_PANEL_MAIN] = view_heatmap_draw,
	[UI_PANEL_KEYS] = widget_statusbar_draw_keys,
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

/* Start curses on the terminal. */
struct ui *
ui_new(const struct ui_options *opts)
{
	struct ui	*u;
	const char	*clock;

	if ((u = calloc(1, sizeof(*u))) == NULL)
		return (NULL);
	if ((u->screen = newterm(NULL, stdout, stdin)) == NULL) {
		free(u);
		return (NULL);
	}
	set_term(u->screen);
	u->utf8 = !opts->ascii &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	u->g = u->utf8 ? &ui_glyphs_utf8 : &ui_glyphs_ascii;
	if (opts->title != NULL)
		snprintf(u->title, sizeof(u->title), "%s", opts->title);
	if ((clock = getenv("FOH_FIXED_CLOCK")) != NULL)
		snprintf(u->fixed_clock, sizeof(u->fixed_clock), "%s", clock);

	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
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
		default:
			if (ui_select(u, s, ui_keys[i].action))
				return (UI_HANDLED | UI_REDRAW);
			return (UI_HANDLED);
		}
	}
	return (0);
}

/* Read every pending key and act on it. */
int
ui_input(struct ui *u, const struct store *s)
{
	int	key, flags = 0;

	while ((key = wgetch(stdscr)) != ERR) {
		flags |= ui_key(u, s, key);
		if (flags & UI_QUIT)
			break;
	}
	return (flags);
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

	ui_colour_set(u, UI_C_NORMAL, 0);
	werase(stdscr);
	for (i = 0; i < UI_PANEL_COUNT; i++) {
		const struct ui_rect	*r = &u->panels[i];

		if (r->w <= 0 || r->h <= 0)
			continue;
		ui_panels[i](u, s, r, now_ms);
		ui_colour_set(u, UI_C_NORMAL, 0);
	}
	if (u->divider_x >= 0) {
		const struct ui_rect	*r = &u->panels[UI_PANEL_VENUES];

		ui_colour_set(u, UI_C_BORDER, 0);
		for (y = r->y; y < r->y + r->h; y++)
			ui_print(u, y, u->divider_x, 1, u->g->vline);
		ui_colour_set(u, UI_C_NORMAL, 0);
	}
	wnoutrefresh(stdscr);
	doupdate();
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
