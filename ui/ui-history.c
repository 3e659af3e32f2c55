/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-history.c: the ":" lines typed before.
 *
 * Up and Down on the ":" line walk them, newest first; Down past the
 * newest brings back what was being typed. They are kept, at most
 * UI_HISTORY_MAX, in $XDG_STATE_HOME/foh/history
 * (~/.local/state/foh/history), read once when first wanted and written
 * whole after each line run, so the next run has them too. A history that
 * cannot be read or written is no error: the session keeps its own.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui-priv.h"

/* The history file's path into path; -1 if there is no home for it. */
static int
ui_history_path(char *path, size_t len, int make)
{
	const char	*state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char		 dir[1024];
	int		 n;

	if (state != NULL && state[0] == '/') {
		if (make)
			(void)mkdir(state, 0700);
		n = snprintf(dir, sizeof(dir), "%s/foh", state);
	} else if (home != NULL && home[0] == '/') {
		n = snprintf(dir, sizeof(dir), "%s/.local", home);
		if (make && n > 0 && (size_t)n < sizeof(dir))
			(void)mkdir(dir, 0700);
		n = snprintf(dir, sizeof(dir), "%s/.local/state", home);
		if (make && n > 0 && (size_t)n < sizeof(dir))
			(void)mkdir(dir, 0700);
		n = snprintf(dir, sizeof(dir), "%s/.local/state/foh", home);
	} else
		return (-1);
	if (n < 0 || (size_t)n >= sizeof(dir))
		return (-1);
	if (make && mkdir(dir, 0700) != 0 && errno != EEXIST)
		return (-1);
	n = snprintf(path, len, "%s/history", dir);
	return (n < 0 || (size_t)n >= len ? -1 : 0);
}

/* Append line to the history in memory, dropping the oldest when full. */
static void
ui_history_push(struct ui_history *h, const char *line)
{
	if (*line == '\0' || (h->n > 0 && strcmp(h->line[h->n - 1], line) == 0))
		return;
	if (h->n == UI_HISTORY_MAX) {
		memmove(h->line[0], h->line[1],
		    sizeof(h->line[0]) * (UI_HISTORY_MAX - 1));
		h->n--;
	}
	snprintf(h->line[h->n++], sizeof(h->line[0]), "%s", line);
}

/* Read the lines of earlier runs, once. */
static void
ui_history_load(struct ui *u)
{
	struct ui_history	*h = &u->history;
	char			 path[1100], line[UI_HISTORY_LEN + 2];
	FILE			*f;

	if (h->loaded)
		return;
	h->loaded = 1;
	if (ui_history_path(path, sizeof(path), 0) != 0 ||
	    (f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		ui_history_push(h, line);
	}
	fclose(f);
	h->pos = h->n;
}

/*
 * Remember a ":" line run, in memory and in the history file (written
 * whole, through a new file renamed over the old: at most
 * UI_HISTORY_MAX lines). A file that cannot be written is not an error.
 */
void
ui_history_add(struct ui *u, const char *line)
{
	struct ui_history	*h = &u->history;
	char			 path[1100], tmp[1200];
	FILE			*f;
	unsigned		 i;
	int			 ok;

	ui_history_load(u);
	ui_history_push(h, line);
	h->pos = h->n;
	if (ui_history_path(path, sizeof(path), 1) != 0)
		return;
	snprintf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid());
	if ((f = fopen(tmp, "w")) == NULL)
		return;
	for (i = 0; i < h->n; i++)
		fprintf(f, "%s\n", h->line[i]);
	ok = fflush(f) == 0 && !ferror(f);
	if (fclose(f) != 0 || !ok || rename(tmp, path) != 0)
		(void)remove(tmp);
}

/*
 * Up (up), Down on the ":" line: the line typed before (after) the one
 * shown; Down past the newest brings back what was being typed.
 */
void
ui_history_step(struct ui *u, int up)
{
	struct ui_history	*h = &u->history;
	struct ui_prompt	*p = &u->prompt;

	ui_history_load(u);
	if (h->pos > h->n)
		h->pos = h->n;
	if (up) {
		if (h->pos == 0)
			return;
		if (h->pos == h->n)
			snprintf(h->draft, sizeof(h->draft), "%s", p->text);
		h->pos--;
		ui_complete_put(u, 0, h->line[h->pos],
		    strlen(h->line[h->pos]), "");
	} else {
		if (h->pos >= h->n)
			return;
		h->pos++;
		if (h->pos == h->n)
			ui_complete_put(u, 0, h->draft, strlen(h->draft), "");
		else
			ui_complete_put(u, 0, h->line[h->pos],
			    strlen(h->line[h->pos]), "");
	}
	ui_complete_reset(u);
}
