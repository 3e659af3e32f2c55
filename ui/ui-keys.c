/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-keys.c: every key, once. One const table, as tmux's cmd_table and
 * htop's actions: each entry holds the keys (what wgetch returns), where
 * they act (views, the venue list, a prompt), the handler, the help text
 * and, if it is on the key line at the bottom, the word shown there.
 *
 *   ui_input (ui.c)           walks the table for a key in table order:
 *                             the first entry that acts here and whose
 *                             handler takes the key (not 0) wins;
 *   widget-statusbar.c        draws the key line from it;
 *   view-help.c               lists it, by group, with the key names made
 *                             here from the codes the entry handles.
 *
 * So the help can no longer disagree with what keys do: the names it shows
 * are those of the codes dispatched. Entries that act in a view come
 * before those that act everywhere, so a view's own meaning of a key wins;
 * apart from that, the order is the key line's.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-priv.h"

#define UI_ENTER	'\r', '\n', KEY_ENTER
#define UI_BACKSPACE	KEY_BACKSPACE, 127, 8
#define UI_UPDOWN	KEY_UP, KEY_DOWN, 'j', 'k'
#define UI_IN_TABLES	(UI_IN(UI_VIEW_EQUIPMENT) | UI_IN(UI_VIEW_DRIFT) | \
			    UI_IN(UI_VIEW_HELP))
/* The tables that sort and filter (ui-table.c). */
#define UI_IN_SORTED	(UI_IN(UI_VIEW_HEATMAP) | UI_IN(UI_VIEW_EQUIPMENT) | \
			    UI_IN(UI_VIEW_DRIFT))

/* What moves the list, the table or the pane: one help line for all. */
static const char ui_keys_move[] = "move in the list, table or pane";
static const char ui_keys_page[] = "a page up or down";
static const char ui_keys_ends[] = "to the first or the last";

const struct ui_key ui_keys[] = {
	/* The venue list, when it has the focus (Tab). */
	{ { UI_UPDOWN }, ui_keys_move, UI_KG_NAVIGATION, UI_IN_LIST,
	    ui_cmd_venue, 0, "venue", NULL, UI_IN_LIST },
	{ { UI_ENTER, 27, 'l', KEY_RIGHT }, "venue list: back to the view",
	    UI_KG_NAVIGATION, UI_IN_LIST, ui_cmd_unfocus, 0,
	    "back to the view", "Enter", UI_IN_LIST },

	/* The views' own keys. */
	{ { KEY_LEFT, KEY_RIGHT, KEY_UP, KEY_DOWN, 'h', 'j', 'k', 'l' },
	    "heat map: to the next zone that way", UI_KG_NAVIGATION,
	    UI_IN(UI_VIEW_HEATMAP), view_heatmap_key, 0, "zone", "hjkl",
	    UI_IN(UI_VIEW_HEATMAP) },
	{ { UI_UPDOWN }, ui_keys_move, UI_KG_NAVIGATION,
	    UI_IN(UI_VIEW_ALERTS), view_alerts_key, 0, "alert", NULL,
	    UI_IN(UI_VIEW_ALERTS) },
	{ { UI_ENTER }, "why-pane: the alert under the cursor explained",
	    UI_KG_NAVIGATION, UI_IN(UI_VIEW_ALERTS), view_alerts_key, 0,
	    "why", "Enter", UI_IN(UI_VIEW_ALERTS) },
	{ { '+', '-', KEY_RIGHT, KEY_LEFT, ' ' }, "open a problem's row: "
	    "the alerts folded under it (+N); fold them again",
	    UI_KG_ALERTS, UI_IN(UI_VIEW_ALERTS), view_alerts_key, 0, "fold",
	    "+ -", UI_IN(UI_VIEW_ALERTS) },
	{ { KEY_PPAGE, KEY_NPAGE }, ui_keys_page, UI_KG_NAVIGATION,
	    UI_IN(UI_VIEW_ALERTS), view_alerts_key, 0, NULL, NULL, 0 },
	{ { KEY_HOME, KEY_END }, ui_keys_ends, UI_KG_NAVIGATION,
	    UI_IN(UI_VIEW_ALERTS), view_alerts_key, 0, NULL, NULL, 0 },
	{ { 27, KEY_LEFT, 'h', UI_BACKSPACE }, "why-pane: back to the queue",
	    UI_KG_NAVIGATION, UI_IN(UI_VIEW_WHY), view_why_key, 0, "back",
	    "Esc", UI_IN(UI_VIEW_WHY) },
	{ { UI_UPDOWN }, ui_keys_move, UI_KG_NAVIGATION, UI_IN(UI_VIEW_WHY),
	    view_why_key, 0, NULL, NULL, 0 },
	{ { KEY_PPAGE, KEY_NPAGE }, ui_keys_page, UI_KG_NAVIGATION,
	    UI_IN(UI_VIEW_WHY), view_why_key, 0, NULL, NULL, 0 },
	{ { KEY_HOME, KEY_END }, ui_keys_ends, UI_KG_NAVIGATION,
	    UI_IN(UI_VIEW_WHY), view_why_key, 0, NULL, NULL, 0 },
	{ { UI_UPDOWN }, ui_keys_move, UI_KG_NAVIGATION,
	    UI_IN(UI_VIEW_EQUIPMENT), ui_cmd_row, 0, "device", NULL,
	    UI_IN(UI_VIEW_EQUIPMENT) },
	{ { UI_UPDOWN }, ui_keys_move, UI_KG_NAVIGATION, UI_IN(UI_VIEW_DRIFT),
	    ui_cmd_row, 0, "model", NULL, UI_IN(UI_VIEW_DRIFT) },
	{ { UI_UPDOWN }, ui_keys_move, UI_KG_NAVIGATION, UI_IN(UI_VIEW_HELP),
	    ui_cmd_row, 0, NULL, NULL, 0 },
	{ { KEY_PPAGE, KEY_NPAGE }, ui_keys_page, UI_KG_NAVIGATION,
	    UI_IN_TABLES, ui_cmd_row, 0, NULL, NULL, 0 },
	{ { KEY_HOME, KEY_END }, ui_keys_ends, UI_KG_NAVIGATION,
	    UI_IN_TABLES, ui_cmd_row, 0, NULL, NULL, 0 },
	/* The history's numbers (issue 15): N opens, + - Esc while open. */
	{ { 'N' }, "history: the venue's numbers of the last hours (as "
	    "fohd report has them); again: ask again", UI_KG_NAVIGATION,
	    UI_IN(UI_VIEW_HISTORY), view_numbers_key, 0, "numbers", "N",
	    UI_IN(UI_VIEW_HISTORY) },
	{ { '+', '-' }, "history numbers: an hour more or less (1 to 24)",
	    UI_KG_NAVIGATION, UI_IN(UI_VIEW_HISTORY), view_numbers_key, 0,
	    NULL, NULL, 0 },
	{ { 27 }, "history numbers: back to the resolved alerts",
	    UI_KG_NAVIGATION, UI_IN(UI_VIEW_HISTORY), view_numbers_key, 0,
	    NULL, NULL, 0 },
	{ { UI_UPDOWN }, ui_keys_move, UI_KG_NAVIGATION,
	    UI_IN(UI_VIEW_HISTORY), view_history_key, 0, "scroll", NULL,
	    UI_IN(UI_VIEW_HISTORY) },
	{ { KEY_PPAGE, KEY_NPAGE }, ui_keys_page, UI_KG_NAVIGATION,
	    UI_IN(UI_VIEW_HISTORY), view_history_key, 0, NULL, NULL, 0 },
	{ { KEY_HOME, KEY_END }, ui_keys_ends, UI_KG_NAVIGATION,
	    UI_IN(UI_VIEW_HISTORY), view_history_key, 0, NULL, NULL, 0 },

	/* The tables: sort and filter (ui-table.c); the queue keeps its
	 * safety order and says so. */
	{ { '<', '>' }, "tables: sort by the column to the left or right "
	    "(past the ends: the view's own order)", UI_KG_NAVIGATION,
	    UI_IN_SORTED | UI_IN(UI_VIEW_ALERTS), ui_table_key, 0, "sort",
	    "< >", UI_IN_SORTED },
	{ { 'r', 'I' }, "tables: reverse the sort", UI_KG_NAVIGATION,
	    UI_IN_SORTED | UI_IN(UI_VIEW_ALERTS), ui_table_key, 0, NULL, NULL,
	    0 },
	{ { '/' }, "tables: show only the rows that contain the text",
	    UI_KG_NAVIGATION, UI_IN_SORTED, ui_table_ask, 0, "filter", "/",
	    UI_IN_SORTED },
	{ { 27, 'n' }, "tables: clear the filter (then Esc goes back)",
	    UI_KG_NAVIGATION, UI_IN_SORTED, ui_table_unfilter, 0, NULL, NULL,
	    0 },

	/* Control keys: they ask the agent to change an alert. */
	{ { 'a' }, "acknowledge: comment, expiry (optional), sticky or not",
	    UI_KG_ALERTS, UI_IN_ALL, ui_control_key, 1, "ack", "a",
	    UI_IN(UI_VIEW_ALERTS) | UI_IN(UI_VIEW_WHY) },
	{ { 'u' }, "unacknowledge", UI_KG_ALERTS, UI_IN_ALL, ui_control_key,
	    1, NULL, NULL, 0 },
	{ { 's' }, "shelve: duration, then reason", UI_KG_ALERTS, UI_IN_ALL,
	    ui_control_key, 1, "shelve", "s", UI_IN(UI_VIEW_ALERTS) },
	{ { 'x' }, "approve the suggested action (confirm)", UI_KG_ALERTS,
	    UI_IN_ALL, ui_control_key, 1, "approve", "x",
	    UI_IN(UI_VIEW_WHY) },
	{ { 'A' }, "acknowledge the unacknowledged alerts shown, folded ones "
	    "too (y/n)", UI_KG_ALERTS, UI_IN_ALL, ui_control_key, 1, NULL,
	    NULL, 0 },
	{ { '/' }, "filter: venue, severity, state, text", UI_KG_ALERTS,
	    UI_IN_ALL, ui_cmd_ask, 0, "filter", "/", UI_IN(UI_VIEW_ALERTS) },
	{ { 'n' }, "clear the filter", UI_KG_ALERTS, UI_IN_ALL,
	    ui_cmd_unfilter, 0, NULL, NULL, 0 },

	/* Everywhere. */
	{ { KEY_MOUSE }, "select a venue, zone, alert, tile or row; again: "
	    "open (the wheel moves as the arrows do)", UI_KG_NAVIGATION,
	    UI_IN_ALL, ui_cmd_click, 0, NULL, NULL, 0 },
	{ { '\t', KEY_BTAB }, "between the venue list and the view",
	    UI_KG_NAVIGATION, UI_IN_ALL, ui_cmd_focus, 0, "venues", "Tab",
	    UI_IN_ALL },
	{ { '[', ']' }, "previous or next venue, from anywhere",
	    UI_KG_NAVIGATION, UI_IN_ALL, ui_cmd_venue_wrap, 0, "venue", "[ ]",
	    UI_IN_ALL },
	{ { '1', '2', '3', '4', '5', '6', '7' }, "views: 1 heatmap, 2 alerts, "
	    "3 equipment, 4 drift, 5 diag, 6 overview, 7 help",
	    UI_KG_NAVIGATION, UI_IN_ALL, ui_cmd_view, 0, "views", "1-7",
	    UI_IN_ALL },
	{ { '?', KEY_F(1) }, "this help", UI_KG_OTHER, UI_IN_ALL,
	    ui_cmd_view, 0, "help", "?", UI_IN_ALL },
	{ { 'H' }, "history: resolved alerts", UI_KG_NAVIGATION, UI_IN_ALL,
	    ui_cmd_view, 0, NULL, NULL, 0 },
	{ { 27 }, "back to the heat map", UI_KG_NAVIGATION,
	    UI_IN_VIEWS & ~(UI_IN(UI_VIEW_HEATMAP) | UI_IN(UI_VIEW_WHY)),
	    ui_cmd_back, 0, NULL, NULL, 0 },
	{ { UI_UPDOWN }, "overview, diag: previous or next venue",
	    UI_KG_NAVIGATION, UI_IN(UI_VIEW_OVERVIEW) | UI_IN(UI_VIEW_DIAG),
	    ui_cmd_venue, 0, NULL, NULL, 0 },
	{ { ':' }, "command mode", UI_KG_COMMANDS, UI_IN_ALL, ui_cmd_ask, 0,
	    NULL, NULL, 0 },
	{ { '\014' }, "repaint the screen", UI_KG_OTHER, UI_IN_ALL,
	    ui_cmd_repaint, 0, NULL, NULL, 0 },
	{ { 'p', 'Z' }, "pause: the view stops changing; the status bar's "
	    "counts stay live, a new critical alert ends it", UI_KG_OTHER,
	    UI_IN_ALL, ui_pause_key, 0, NULL, NULL, 0 },
	{ { 'q' }, "quit (asks y/n while critical alerts are "
	    "unacknowledged)", UI_KG_OTHER, UI_IN_ALL, ui_cmd_quit, 0, "quit",
	    "q", UI_IN_ALL },

	/* A prompt's line editor; other keys are typed into it. */
	{ { UI_ENTER }, "answer the question", UI_KG_PROMPT, UI_IN_PROMPT,
	    ui_cmd_answer, 0, NULL, NULL, 0 },
	/* Not C-c: the terminal makes it SIGINT, which quits (foh.c). */
	{ { 27, 7 }, "cancel the question", UI_KG_PROMPT, UI_IN_PROMPT,
	    ui_cmd_cancel, 0, NULL, NULL, 0 },
	{ { UI_BACKSPACE }, "erase the last character", UI_KG_PROMPT,
	    UI_IN_PROMPT, ui_cmd_erase, 0, NULL, NULL, 0 },
	{ { '\t', KEY_BTAB }, "\":\" line: complete, list what fits, again: "
	    "the next (previous)", UI_KG_PROMPT, UI_IN_PROMPT,
	    ui_cmd_complete, 0, NULL, NULL, 0 },
	{ { KEY_UP, KEY_DOWN }, "\":\" line: the commands typed before",
	    UI_KG_PROMPT, UI_IN_PROMPT, ui_cmd_recall, 0, NULL, NULL, 0 },
};

const size_t ui_nkeys = sizeof(ui_keys) / sizeof(ui_keys[0]);

/* The help view's headings, by enum ui_key_group. */
const char *const ui_key_groups[UI_KG_COUNT] = {
	[UI_KG_NAVIGATION] = "Navigation",
	[UI_KG_ALERTS] = "Alerts",
	[UI_KG_COMMANDS] = "Commands",
	[UI_KG_PROMPT] = "Questions",
	[UI_KG_OTHER] = "Other",
};

/*
 * The next entry after `after` (NULL: from the first) that acts where
 * (UI_IN_* bits) on code; NULL when there is none.
 */
const struct ui_key *
ui_keys_find(unsigned where, int code, const struct ui_key *after)
{
	const struct ui_key	*k = after != NULL ? after + 1 : ui_keys;
	unsigned		 i;

	for (; k < ui_keys + ui_nkeys; k++) {
		if ((k->where & where) == 0)
			continue;
		for (i = 0; i < UI_KEY_CODES && k->codes[i] != 0; i++) {
			if (k->codes[i] == code)
				return (k);
		}
	}
	return (NULL);
}

/* Whether code is an arrow key. */
static int
ui_keys_arrow(int code)
{
	return (code == KEY_UP || code == KEY_DOWN || code == KEY_LEFT ||
	    code == KEY_RIGHT);
}

/*
 * The name of key code as the help writes it, in UTF-8 or ASCII, into buf.
 * Returns -1 (and "?") for a code that has no name.
 */
int
ui_keys_name(char *buf, size_t len, int code, int utf8)
{
	static const struct {
		int		 code;
		const char	*utf8, *ascii;
	} names[] = {
		{ KEY_UP, "\u2191", "Up" }, { KEY_DOWN, "\u2193", "Down" },
		{ KEY_LEFT, "\u2190", "Left" },
		{ KEY_RIGHT, "\u2192", "Right" },
		{ KEY_PPAGE, "PgUp", NULL }, { KEY_NPAGE, "PgDn", NULL },
		{ KEY_HOME, "Home", NULL }, { KEY_END, "End", NULL },
		{ '\r', "Enter", NULL }, { '\n', "Enter", NULL },
		{ KEY_ENTER, "Enter", NULL }, { 27, "Esc", NULL },
		{ '\t', "Tab", NULL }, { KEY_BTAB, "S-Tab", NULL },
		{ ' ', "Space", NULL }, { KEY_BACKSPACE, "BS", NULL },
		{ 127, "BS", NULL }, { 8, "BS", NULL },
		{ KEY_MOUSE, "click", NULL }, { KEY_F(1), "F1", NULL },
	};
	size_t	i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].code == code) {
			snprintf(buf, len, "%s", utf8 ||
			    names[i].ascii == NULL ? names[i].utf8 :
			    names[i].ascii);
			return (0);
		}
	}
	if (code > 0 && code < 32)
		snprintf(buf, len, "C-%c", code + 'a' - 1);
	else if (code > 32 && code < 127)
		snprintf(buf, len, "%c", code);
	else {
		snprintf(buf, len, "?");
		return (-1);
	}
	return (0);
}

/*
 * The names of an entry's keys as the help shows them, from its codes:
 * each name once, in the table's order; arrows side by side ("\u2191\u2193",
 * "Up/Down", all four in ASCII "arrows"); a run of digits as "1-7".
 * Returns -1 if a code has no name (it is then written "?").
 */
int
ui_keys_names(char *buf, size_t len, const struct ui_key *k, int utf8)
{
	char		 name[16];
	size_t		 o = 0;
	unsigned	 i, j, arrows = 0;
	int		 rv = 0, prev_arrow = 0, dup, c;

	buf[0] = '\0';
	for (i = 0; i < UI_KEY_CODES && k->codes[i] != 0; i++)
		arrows += ui_keys_arrow(k->codes[i]);
	for (i = 0; i < UI_KEY_CODES && (c = k->codes[i]) != 0; i++) {
		if (ui_keys_name(name, sizeof(name), c, utf8) != 0)
			rv = -1;
		for (dup = 0, j = 0; j < i && !dup; j++) {
			char	other[16];

			(void)ui_keys_name(other, sizeof(other), k->codes[j],
			    utf8);
			dup = strcmp(other, name) == 0;
		}
		if (dup)
			continue;
		if (c >= '0' && c <= '9' && i + 1 < UI_KEY_CODES &&
		    k->codes[i + 1] == c + 1) {
			j = i;
			while (j + 1 < UI_KEY_CODES &&
			    k->codes[j + 1] == k->codes[j] + 1)
				j++;
			snprintf(name, sizeof(name), "%c-%c", c, k->codes[j]);
			i = j;
		}
		if (ui_keys_arrow(c) && !utf8 && arrows == 4) {
			if (prev_arrow)
				continue;
			snprintf(name, sizeof(name), "arrows");
		}
		if (o > 0 && o < len)
			o += (size_t)snprintf(buf + o, len - o, "%s",
			    prev_arrow && ui_keys_arrow(c) ? (utf8 ? "" : "/") :
			    " ");
		if (o < len)
			o += (size_t)snprintf(buf + o, len - o, "%s", name);
		prev_arrow = ui_keys_arrow(c);
	}
	return (rv);
}
