/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-cmd.c: what the keys of every view do (the key table's handlers in
 * ui-keys.c that belong to no one view), and the ":" commands.
 *
 * A handler only changes ui state and returns UI_* flags; 0 says the key
 * is not its here, and the key table tries the next entry with that key.
 * The ":" commands are a table too (ui_commands), which the help view
 * lists and the "unknown command" message names.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "theme.h"
#include "ui-priv.h"

/* The views by name (for :view) and the key that shows each (0: none). */
static const struct ui_cmd_view {
	const char	*name;
	int		 key;
} ui_cmd_views[UI_VIEW_COUNT] = {
	[UI_VIEW_HEATMAP] =	{ "heatmap", '1' },
	[UI_VIEW_ALERTS] =	{ "alerts", '2' },
	[UI_VIEW_WHY] =		{ "why", 0 },
	[UI_VIEW_EQUIPMENT] =	{ "equipment", '3' },
	[UI_VIEW_DRIFT] =	{ "drift", '4' },
	[UI_VIEW_DIAG] =	{ "diag", '5' },
	[UI_VIEW_OVERVIEW] =	{ "overview", '6' },
	[UI_VIEW_HELP] =	{ "help", '7' },
	[UI_VIEW_HISTORY] =	{ "history", 'H' },
};

/* The name of view (for :view and its completion); NULL past the last. */
const char *
ui_cmd_view_name(unsigned view)
{
	return (view < UI_VIEW_COUNT ? ui_cmd_views[view].name : NULL);
}

/* The previous or next venue (Up, k or Down, j), stopping at the ends. */
int
ui_cmd_venue(struct ui *u, const struct store *s, int key)
{
	unsigned	old = u->selected, n = s->nvenues;

	if (n == 0)
		return (UI_HANDLED);
	if (u->selected >= n)
		u->selected = n - 1;
	if ((key == KEY_UP || key == 'k') && u->selected > 0)
		u->selected--;
	else if ((key == KEY_DOWN || key == 'j') && u->selected + 1 < n)
		u->selected++;
	return (u->selected != old ? UI_HANDLED | UI_REDRAW : UI_HANDLED);
}

/* The previous ([) or next (]) venue, round from the last to the first. */
int
ui_cmd_venue_wrap(struct ui *u, const struct store *s, int key)
{
	unsigned	old = u->selected, n = s->nvenues;

	if (n == 0)
		return (UI_HANDLED);
	if (u->selected >= n)
		u->selected = n - 1;
	u->selected = (u->selected + (key == '[' ? n - 1 : 1)) % n;
	return (u->selected != old ? UI_HANDLED | UI_REDRAW : UI_HANDLED);
}

/* Tab: the keys go to the venue list, or back to the view. */
int
ui_cmd_focus(struct ui *u, const struct store *s, int key)
{
	(void)s;
	(void)key;
	u->focus_list = !u->focus_list;
	return (UI_HANDLED | UI_REDRAW);
}

/* The venue list gives the focus back to the view. */
int
ui_cmd_unfocus(struct ui *u, const struct store *s, int key)
{
	(void)s;
	(void)key;
	u->focus_list = 0;
	return (UI_HANDLED | UI_REDRAW);
}

/* C-l: repaint the whole terminal; a resize: lay the panels out again. */
int
ui_cmd_repaint(struct ui *u, const struct store *s, int key)
{
	(void)s;
	if (key == KEY_RESIZE)
		ui_layout(u);
	else
		clearok(curscr, TRUE);
	return (UI_HANDLED | UI_REDRAW);
}

/*
 * q (and :q): leave; while critical alerts are unacknowledged, first ask
 * y/n on the key line, naming how many. A kiosk leaves at once: it is
 * read-only and nobody works at it.
 */
int
ui_cmd_quit(struct ui *u, const struct store *s, int key)
{
	char		label[96];
	unsigned	n;

	(void)key;
	if (u->kiosk_s > 0 || (n = ui_store_counts(s, NULL, NULL)) == 0)
		return (UI_HANDLED | UI_QUIT);
	snprintf(label, sizeof(label), "Quit? %u critical alert%s %s "
	    "unacknowledged (y/n) ", n, n == 1 ? "" : "s",
	    n == 1 ? "is" : "are");
	/* A narrow terminal gets the short form: the (y/n) must show. */
	if (ui_width(u, label) + 2 > u->cols)
		snprintf(label, sizeof(label), "Quit? %u crit unacked (y/n) ",
		    n);
	if (ui_width(u, label) + 2 > u->cols)	/* too small: line 1 counts */
		snprintf(label, sizeof(label), "Quit? (y/n) ");
	widget_prompt_open(u, UI_QUIT_ASK, label);
	return (UI_HANDLED | UI_REDRAW);
}

/* The quit question's answer, one key: y leaves, any other stays. */
int
ui_cmd_quit_answer(struct ui *u, int key)
{
	widget_prompt_close(u);
	if (key == 'y' || key == 'Y')
		return (UI_HANDLED | UI_QUIT);
	ui_message(u, u->now_ms, "not quitting");
	return (UI_HANDLED | UI_REDRAW);
}

/* A view's key (1-7, H), or ? (F1) for the help. */
int
ui_cmd_view(struct ui *u, const struct store *s, int key)
{
	unsigned	i;

	(void)s;
	if (key == '?' || key == KEY_F(1))
		key = ui_cmd_views[UI_VIEW_HELP].key;
	for (i = 0; i < UI_VIEW_COUNT; i++) {
		if (ui_cmd_views[i].key != 0 && ui_cmd_views[i].key == key) {
			u->view = (enum ui_view)i;
			return (UI_HANDLED | UI_REDRAW);
		}
	}
	return (0);
}

/* Esc: from a view back to the heat map. */
int
ui_cmd_back(struct ui *u, const struct store *s, int key)
{
	(void)s;
	(void)key;
	u->view = UI_VIEW_HEATMAP;
	return (UI_HANDLED | UI_REDRAW);
}

/* : asks for a command, / for the queue's filter. */
int
ui_cmd_ask(struct ui *u, const struct store *s, int key)
{
	(void)s;
	widget_prompt_open(u, key, key == ':' ? ":" : "Filter: ");
	u->history.pos = UI_HISTORY_MAX + 1;	/* Up: the newest line */
	return (UI_HANDLED | UI_REDRAW);
}

/* n: clear the queue's filter. */
int
ui_cmd_unfilter(struct ui *u, const struct store *s, int key)
{
	(void)s;
	(void)key;
	u->filter[0] = '\0';
	return (UI_HANDLED | UI_REDRAW);
}

/* The keys of the table views (equipment, drift, help): move the row. */
int
ui_cmd_row(struct ui *u, const struct store *s, int key)
{
	int	page = u->panels[UI_PANEL_MAIN].h > 4 ?
		    u->panels[UI_PANEL_MAIN].h - 3 : 1;
	unsigned n = u->table_item_view == u->view ? u->ntable_ids : 0;
	int	f;

	(void)s;
	/* End: the last row drawn; where the rows are not known (help),
	 * far down, and the view clamps it. */
	if (key == KEY_END && n == 0) {
		u->table_sel = INT_MAX / 2;
		return (UI_HANDLED | UI_REDRAW);
	}
	f = ui_scroll(&u->table_sel, key, (unsigned)page, n);
	ui_table_moved(u);	/* the row's item, in whatever order */
	return (f);
}

/* Whether screen cell y,x is inside r. */
static int
ui_cmd_rect_has(const struct ui_rect *r, int y, int x)
{
	return (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h);
}

/*
 * A click (ui_input put it in u->click_y, u->click_x) on what the last
 * frame drew, the last drawn (topmost) first: a venue in the list or a
 * zone or table row is selected; a tile or an alert is selected, and
 * opened (heat map, why-pane) if it already was.
 */
int
ui_cmd_click(struct ui *u, const struct store *s, int key)
{
	const struct ui_hit	*hit;
	unsigned		 i;

	(void)key;
	for (i = u->nhits; i-- > 0;) {
		hit = &u->hits[i];
		if (!ui_cmd_rect_has(&hit->r, u->click_y, u->click_x))
			continue;
		switch (hit->kind) {
		case UI_HIT_ROW:
			u->table_sel = hit->index;
			ui_table_moved(u);
			break;
		case UI_HIT_ZONE:
			u->zone_sel = hit->index;
			break;
		case UI_HIT_ALERT:
			/* The alert drawn there, wherever it is now. */
			if (hit->index == u->cursor.venue &&
			    hit->id == u->cursor.id)
				return (ui_queue_why(u, s));
			ui_queue_select(u, hit->index, hit->id);
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
	return (UI_HANDLED);
}

/* :view NAME */
static int
ui_cmd_do_view(struct ui *u, const struct store *s, const char *arg)
{
	char		names[160];
	size_t		o = 0;
	unsigned	i;

	(void)s;
	names[0] = '\0';
	for (i = 0; i < UI_VIEW_COUNT; i++) {
		if (strcmp(ui_cmd_views[i].name, arg) == 0) {
			u->view = (enum ui_view)i;
			return (UI_HANDLED | UI_REDRAW);
		}
		if (o < sizeof(names))
			o += (size_t)snprintf(names + o, sizeof(names) - o,
			    "%s%s", i > 0 ? ", " : "", ui_cmd_views[i].name);
	}
	ui_message(u, u->now_ms, "no view \"%s\": %s", arg, names);
	return (UI_HANDLED | UI_REDRAW);
}

/*
 * :venue ID-OR-NAME: an id or a name, exactly, else the one venue whose id
 * or name starts so (in any case); with no argument, the venues' ids.
 */
static int
ui_cmd_do_venue(struct ui *u, const struct store *s, const char *arg)
{
	char		names[256];
	size_t		o = 0;
	unsigned	i, found = 0, n = 0;

	for (i = 0; i < s->nvenues; i++) {
		if (strcmp(s->venues[i]->id, arg) == 0 ||
		    strcasecmp(s->venues[i]->name, arg) == 0) {
			u->selected = i;
			return (UI_HANDLED | UI_REDRAW);
		}
	}
	names[0] = '\0';
	for (i = 0; i < s->nvenues; i++) {
		if (*arg != '\0' &&
		    !ui_complete_prefix(arg, s->venues[i]->id) &&
		    !ui_complete_prefix(arg, s->venues[i]->name))
			continue;
		found = i;
		n++;
		if (o < sizeof(names))
			o += (size_t)snprintf(names + o, sizeof(names) - o,
			    "%s%s (%s)", o > 0 ? ", " : "", s->venues[i]->id,
			    s->venues[i]->name);
	}
	if (n == 1 && *arg != '\0') {
		u->selected = found;
		return (UI_HANDLED | UI_REDRAW);
	}
	if (*arg == '\0')
		ui_message(u, u->now_ms, "venues: %s", names);
	else if (n == 0)
		ui_message(u, u->now_ms, "no venue \"%s\" (:venue lists "
		    "them, Tab completes)", arg);
	else
		ui_message(u, u->now_ms, "\"%s\" is %u venues: %s", arg, n,
		    names);
	return (UI_HANDLED | UI_REDRAW);
}

/* :theme NAME; with no name, the themes there are and where. */
static int
ui_cmd_do_theme(struct ui *u, const struct store *s, const char *arg)
{
	char	err[512], names[256], where[THEME_PATH_MAX * 2];

	(void)s;
	if (*arg == '\0') {
		theme_names(names, sizeof(names), where, sizeof(where));
		ui_message(u, u->now_ms, "themes: %s (in %s)", names,
		    where[0] != '\0' ? where : "no theme directory");
	} else if (ui_colour_theme(u, arg, err, sizeof(err)) == 0)
		ui_message(u, u->now_ms, "theme %s", arg);
	else
		ui_message(u, u->now_ms, "%s", err);
	return (UI_HANDLED | UI_REDRAW);
}

/* :q, as q */
static int
ui_cmd_do_quit(struct ui *u, const struct store *s, const char *arg)
{
	(void)arg;
	return (ui_cmd_quit(u, s, 'q'));
}

/* The ":" commands, in the order the help lists them. */
const struct ui_command ui_commands[] = {
	{ "venue", NULL, "NAME", "select a venue", ui_cmd_do_venue },
	{ "theme", NULL, "NAME", "switch colour theme", ui_cmd_do_theme },
	{ "view", NULL, "NAME", "switch view", ui_cmd_do_view },
	{ "q", "quit", NULL, "quit", ui_cmd_do_quit },
	{ NULL, NULL, NULL, NULL, NULL }
};

/* Run a ":" command line. */
static int
ui_cmd_run(struct ui *u, const struct store *s, const char *line)
{
	const struct ui_command	*c;
	char			 word[16], arg[UI_HISTORY_LEN], names[96];
	size_t			 o = 0, k;

	word[0] = arg[0] = '\0';
	if (sscanf(line, "%15s", word) < 1)
		return (UI_HANDLED | UI_REDRAW);
	ui_history_add(u, line);
	/* The argument is the rest of the line: a name may have spaces. */
	line += strspn(line, " ");
	line += strcspn(line, " ");
	line += strspn(line, " ");
	snprintf(arg, sizeof(arg), "%s", line);
	for (k = strlen(arg); k > 0 && arg[k - 1] == ' '; k--)
		arg[k - 1] = '\0';
	names[0] = '\0';
	for (c = ui_commands; c->name != NULL; c++) {
		if (strcmp(word, c->name) == 0 ||
		    (c->alias != NULL && strcmp(word, c->alias) == 0))
			return (c->fn(u, s, arg));
		if (o < sizeof(names))
			o += (size_t)snprintf(names + o, sizeof(names) - o,
			    "%s:%s", o > 0 ? ", " : "", c->name);
	}
	ui_message(u, u->now_ms, "unknown command \"%s\": %s", word, names);
	return (UI_HANDLED | UI_REDRAW);
}

/*
 * The prompt's answer (Enter): a ":" command, the "/" filter, or the
 * answer to a control key's question (ui-control.c).
 */
int
ui_cmd_answer(struct ui *u, const struct store *s, int key)
{
	char	text[sizeof(u->prompt.text)];

	(void)key;
	switch (u->pending) {
	case ':':
		snprintf(text, sizeof(text), "%s", u->prompt.text);
		widget_prompt_close(u);
		return (ui_cmd_run(u, s, text));
	case '/':
		snprintf(u->filter, sizeof(u->filter), "%s", u->prompt.text);
		widget_prompt_close(u);
		u->view = UI_VIEW_ALERTS;
		return (UI_HANDLED | UI_REDRAW);
	case UI_TABLE_ASK:
		return (ui_table_answer(u));
	default:
		return (ui_control_answer(u));
	}
}

/*
 * Tab, Shift-Tab on the ":" line: complete from the commands, the views,
 * the venues by id and name and the themes on disk (ui-complete.c).
 */
int
ui_cmd_complete(struct ui *u, const struct store *s, int key)
{
	struct ui_complete_src	 src;
	const char		*ids[STORE_VENUES_MAX], *names[STORE_VENUES_MAX];
	const char		*views[UI_VIEW_COUNT], *themes[64];
	char			 tn[64][THEME_NAME_MAX];
	unsigned		 i;

	if (u->pending != ':')
		return (UI_HANDLED);
	memset(&src, 0, sizeof(src));
	src.commands = ui_commands;
	for (i = 0; i < UI_VIEW_COUNT; i++)
		views[i] = ui_cmd_views[i].name;
	src.nviews = UI_VIEW_COUNT;
	src.views = views;
	for (i = 0; i < s->nvenues && i < STORE_VENUES_MAX; i++) {
		ids[i] = s->venues[i]->id;
		names[i] = s->venues[i]->name;
	}
	src.nvenues = i;
	src.venue_ids = ids;
	src.venue_names = names;
	/* The disk is read only for a theme's name, not at every Tab. */
	if (u->complete.n < 2 && strncmp(u->prompt.text, "theme ", 6) == 0) {
		src.nthemes = (unsigned)theme_list(tn, 64, NULL, 0);
		for (i = 0; i < src.nthemes; i++)
			themes[i] = tn[i];
		src.themes = themes;
	}
	ui_complete_step(u, &src, key == KEY_BTAB);
	return (UI_HANDLED | UI_REDRAW);
}

/* Up, Down on the ":" line: the lines typed before. */
int
ui_cmd_recall(struct ui *u, const struct store *s, int key)
{
	(void)s;
	if (u->pending == ':')
		ui_history_step(u, key == KEY_UP);
	return (UI_HANDLED | UI_REDRAW);
}

/* Esc or C-g in a prompt: cancel the question (and a bulk ack). */
int
ui_cmd_cancel(struct ui *u, const struct store *s, int key)
{
	(void)s;
	(void)key;
	widget_prompt_close(u);
	u->nbulk = 0;
	return (UI_HANDLED | UI_REDRAW);
}

/* Backspace in a prompt: erase the last character. */
int
ui_cmd_erase(struct ui *u, const struct store *s, int key)
{
	(void)s;
	(void)key;
	widget_prompt_erase(u);
	return (UI_HANDLED | UI_REDRAW);
}
