/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-complete.c: the ":" line's Tab completion.
 *
 * Tab completes the word being typed: the command name first, then the
 * command's argument: venues by id and by name (either, any case, a
 * prefix), views, and the themes there are on disk (theme_list). One
 * candidate is put in whole; several are listed on the line above the
 * prompt, the word grows to what they have in common, and each further
 * Tab (Shift-Tab: backwards) puts the next one in, marked in the list.
 * Typing anything else ends the round.
 *
 *   venue: arena City Arena  club Basement Club  [festival Meadow Festival]
 *   :venue festival_
 *
 * Up and Down walk the lines typed before (ui-history.c).
 *
 * ui_complete_build and ui_complete_common are pure: the unit tests
 * (tests/test-ui-fit.c) give them candidates without a terminal. The
 * candidates come in a struct ui_complete_src (the key handlers in
 * ui-cmd.c fill it from the store, the ":" commands and theme_list), so
 * that this file calls nothing of ui-cmd.c's.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ui-priv.h"

/* Whether s starts with word, in any case. */
int
ui_complete_prefix(const char *word, const char *s)
{
	return (strncasecmp(word, s, strlen(word)) == 0);
}

/* Add a candidate item (and its note) unless it is there already. */
static void
ui_complete_add(struct ui_complete *c, const char *item, const char *note)
{
	unsigned	i;

	if (c->n >= UI_COMPLETE_MAX || item == NULL || *item == '\0')
		return;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->item[i], item) == 0)
			return;
	snprintf(c->item[c->n], sizeof(c->item[0]), "%s", item);
	snprintf(c->note[c->n], sizeof(c->note[0]), "%s",
	    note != NULL ? note : "");
	c->n++;
}

/* The ":" command called word (or so aliased); NULL if none. */
static const struct ui_command *
ui_complete_command(const struct ui_command *cmd, const char *word,
    size_t len)
{
	for (; cmd->name != NULL; cmd++) {
		if ((strlen(cmd->name) == len &&
		    strncmp(cmd->name, word, len) == 0) ||
		    (cmd->alias != NULL && strlen(cmd->alias) == len &&
		    strncmp(cmd->alias, word, len) == 0))
			return (cmd);
	}
	return (NULL);
}

/*
 * The candidates for the last word of a ":" line: command names, or the
 * argument of the command typed (a venue's id or name, a view, a theme).
 */
void
ui_complete_build(struct ui_complete *c, const char *line,
    const struct ui_complete_src *src)
{
	const struct ui_command	*cmd;
	const char		*sp = strchr(line, ' '), *word;
	unsigned		 i;

	memset(c, 0, sizeof(*c));
	c->cur = -1;
	if (sp == NULL) {
		snprintf(c->what, sizeof(c->what), "command");
		for (cmd = src->commands; cmd->name != NULL; cmd++) {
			if (ui_complete_prefix(line, cmd->name))
				ui_complete_add(c, cmd->name, NULL);
			if (cmd->alias != NULL &&
			    ui_complete_prefix(line, cmd->alias))
				ui_complete_add(c, cmd->alias, NULL);
		}
		return;
	}
	for (word = sp; *word == ' '; word++)
		;
	c->start = (size_t)(word - line);
	if ((cmd = ui_complete_command(src->commands, line,
	    (size_t)(sp - line))) == NULL ||
	    cmd->arg == NULL)
		return;
	snprintf(c->what, sizeof(c->what), "%s", cmd->name);
	if (strcmp(cmd->name, "venue") == 0) {
		for (i = 0; i < src->nvenues; i++) {
			if (ui_complete_prefix(word, src->venue_ids[i]))
				ui_complete_add(c, src->venue_ids[i],
				    src->venue_names[i]);
			else if (ui_complete_prefix(word, src->venue_names[i]))
				ui_complete_add(c, src->venue_names[i],
				    src->venue_ids[i]);
		}
	} else if (strcmp(cmd->name, "theme") == 0) {
		for (i = 0; i < src->nthemes; i++)
			if (ui_complete_prefix(word, src->themes[i]))
				ui_complete_add(c, src->themes[i], NULL);
	} else if (strcmp(cmd->name, "view") == 0) {
		for (i = 0; i < src->nviews; i++)
			if (ui_complete_prefix(word, src->views[i]))
				ui_complete_add(c, src->views[i], NULL);
	}
}

/* How many bytes every candidate starts with, in any case (0: none). */
size_t
ui_complete_common(const struct ui_complete *c)
{
	size_t		k, n;
	unsigned	i;

	if (c->n == 0)
		return (0);
	n = strlen(c->item[0]);
	for (i = 1; i < c->n; i++) {
		for (k = 0; k < n && c->item[i][k] != '\0' &&
		    strncasecmp(c->item[0] + k, c->item[i] + k, 1) == 0; k++)
			;
		n = k;
	}
	return (n);
}

/*
 * Put the first len bytes of s, then after, in the prompt from byte start
 * on (what was there goes), cut to the prompt's size.
 */
void
ui_complete_put(struct ui *u, size_t start, const char *s, size_t len,
    const char *after)
{
	struct ui_prompt	*p = &u->prompt;
	int			 n;

	if (start > p->len || start >= sizeof(p->text))
		return;
	n = snprintf(p->text + start, sizeof(p->text) - start, "%.*s%s",
	    (int)len, s, after);
	if (n < 0 || (size_t)n >= sizeof(p->text) - start)
		p->text[sizeof(p->text) - 1] = '\0';
	p->len = strlen(p->text);
}

/* End a round of completion: the list goes. */
void
ui_complete_reset(struct ui *u)
{
	u->complete.n = 0;
	u->complete.cur = -1;
}

/*
 * Tab (back: Shift-Tab) on the ":" line, with the candidates from src:
 * complete the word, list the candidates, or put the next (previous) of
 * them in.
 */
void
ui_complete_step(struct ui *u, const struct ui_complete_src *src, int back)
{
	struct ui_complete	*c = &u->complete;
	const struct ui_command	*cmd;
	size_t			 common;

	if (c->n > 1) {		/* the next round */
		if (back)
			c->cur = c->cur <= 0 ? (int)c->n - 1 : c->cur - 1;
		else
			c->cur = (c->cur + 1) % (int)c->n;
		ui_complete_put(u, c->start, c->item[c->cur],
		    strlen(c->item[c->cur]), "");
		return;
	}
	ui_complete_build(c, u->prompt.text, src);
	if (c->n == 0) {
		if (c->what[0] != '\0')
			ui_message(u, u->now_ms, "no %s%s starts with \"%s\"",
			    c->what, strcmp(c->what, "command") == 0 ? "" :
			    " argument", u->prompt.text + c->start);
		return;
	}
	if (c->n == 1) {
		cmd = ui_complete_command(src->commands, c->item[0],
		    strlen(c->item[0]));
		ui_complete_put(u, c->start, c->item[0], strlen(c->item[0]),
		    c->start == 0 && cmd != NULL && cmd->arg != NULL ?
		    " " : "");
		ui_complete_reset(u);
		return;
	}
	common = ui_complete_common(c);
	if (common > strlen(u->prompt.text + c->start))
		ui_complete_put(u, c->start, c->item[0], common, "");
}

/*
 * Draw the candidates on the line above the prompt: what they are, each
 * with its note, Tab's choice marked; "+N" for those that do not fit.
 */
void
ui_complete_draw(struct ui *u)
{
	struct ui_complete	*c = &u->complete;
	char			 buf[2 * UI_COMPLETE_LEN + 8], more[16];
	int			 y = u->lines - 2, x = 1, end = u->cols, w, mw;
	unsigned		 i;

	if (!u->prompt.active || u->pending != ':' || c->n < 2 || y < 1)
		return;
	ui_colour_set(u, UI_C_KEYS, 0);
	ui_fill(u, y, 0, u->cols, " ");
	ui_colour_set(u, UI_C_KEYS, A_BOLD);
	x += ui_printf(u, y, x, end - x, "%s:", c->what);
	for (i = 0; i < c->n; i++) {
		if (c->note[i][0] != '\0')
			snprintf(buf, sizeof(buf), "%s (%s)", c->item[i],
			    c->note[i]);
		else
			snprintf(buf, sizeof(buf), "%s", c->item[i]);
		w = ui_width(u, buf);
		snprintf(more, sizeof(more), " +%u", c->n - i);
		mw = i + 1 < c->n ? ui_width(u, more) : 0;
		if (x + 2 + w + mw > end) {
			ui_colour_set(u, UI_C_KEYS, 0);
			ui_print(u, y, x, end - x, more);
			break;
		}
		x += 2;
		ui_colour_set(u, (int)i == c->cur ? UI_C_SELECTED : UI_C_KEYS,
		    (int)i == c->cur ? A_BOLD : 0);
		x += ui_print(u, y, x, end - x, buf);
	}
	ui_colour_set(u, UI_C_NORMAL, 0);
}
