/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-alerts.c: the alert queue, every venue's alerts in one table.
 *
 * The queue is rebuilt from the store at each frame (it is small) by
 * queue_build (src/core/queue.h), in the order every part of the console uses:
 * severity, then what is at stake (people before equipment before model
 * drift), then those nobody has taken on (firing, flapping) before the
 * acknowledged and shelved ones, then the oldest first; resolved alerts go
 * last, greyed, and leave after the linger (foh.conf linger, --linger).
 * One row per problem: a venue's alerts about one subject are one group,
 * its worst alert the row, which says how many fold under it ("+2").
 * Right or + opens a group: its other alerts are drawn under the row,
 * indented, and those a critical inhibits say so "(inhibited by #N)" and
 * are greyed. An external alert is always a row of its own.
 *
 *   !  CRIT FIRING   Arena    floor    +2 Floor: density 5.43 > 5.00   4m
 *   !  WARN FIRING   Arena    floor      └ Floor: density 5.43 > 3.33
 *                                          (inhibited by #12)         1m
 *
 * Each row says its state and severity in words (the glyph and colour only
 * repeat them). Columns are a const table; narrow panels drop the least
 * useful first, as the heat map's table does. Ages are against the wall
 * clock, since alert times are Unix ms (frozen under --freeze).
 *
 * The cursor is an alert, not a line, and the queue's model (building,
 * filtering, groups opened, finding the cursor's alert again) is
 * ui-queue.c's; this file draws it and moves the cursor by lines.
 *
 * When the panel is tall enough, its bottom third is a compact heat map of
 * the venue of the alert under the cursor, with the alert's zone marked, so
 * that an 80x24 screen shows what is wrong and where at once.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/clock.h"
#include "ui-priv.h"

/* The compact map under the queue: from this panel height, at most so tall. */
#define VIEW_ALERTS_MAP_MIN_H	16
#define VIEW_ALERTS_MAP_MAX_H	14

/* Table columns, in display order. */
enum view_alerts_col {
	VA_COL_GLYPH,
	VA_COL_SEV,
	VA_COL_STATE,
	VA_COL_VENUE,
	VA_COL_SUBJECT,
	VA_COL_TITLE,
	VA_COL_AGE,
	VA_COL_ACKED,
	VA_COL_COUNT
};

/*
 * Widths: minw kept first, maxw grown to when there is room (the title's
 * maxw is its readable width, which columns of lower priority leave it:
 * ui-fit.c). A column with nothing in it this frame is left out.
 */
static const struct ui_column view_alerts_columns[VA_COL_COUNT] = {
	[VA_COL_GLYPH] =   { "",	 1, 1,  0, 0 },
	[VA_COL_SEV] =	   { "Sev",	 4, 4,  0, 0 },
	[VA_COL_STATE] =   { "State",	 8, 8,  0, 1 },
	[VA_COL_VENUE] =   { "Venue",	 8, 24, 0, 4 },
	[VA_COL_SUBJECT] = { "Subject",	 8, 16, 0, 6 },
	[VA_COL_TITLE] =   { "Alert",	 12, 24, 0, 2 },
	[VA_COL_AGE] =	   { "Age",	 5, 6,  1, 1 },
	[VA_COL_ACKED] =   { "Acked by", 8, 16, 0, 5 },
};

/* Short words per state and severity: never colour alone. */
static const char *const view_alerts_state_words[FOHP_AS_COUNT] = {
	[FOHP_AS_FIRING] = "FIRING",
	[FOHP_AS_ACKED] = "ACKED",
	[FOHP_AS_SHELVED] = "SHELVED",
	[FOHP_AS_RESOLVED] = "RESOLVED",
	[FOHP_AS_FLAPPING] = "FLAPPING",
};
static const char *const view_alerts_state_utf8[FOHP_AS_COUNT] = {
	[FOHP_AS_FIRING] = "\u25cf",	/* black circle */
	[FOHP_AS_ACKED] = "\u2713",	/* check mark */
	[FOHP_AS_SHELVED] = "\u25cc",	/* dotted circle */
	[FOHP_AS_RESOLVED] = "\u25cb",	/* white circle */
	[FOHP_AS_FLAPPING] = "\u223f",	/* sine wave */
};
static const char *const view_alerts_state_ascii[FOHP_AS_COUNT] = {
	[FOHP_AS_FIRING] = "!",
	[FOHP_AS_ACKED] = "+",
	[FOHP_AS_SHELVED] = "z",
	[FOHP_AS_RESOLVED] = ".",
	[FOHP_AS_FLAPPING] = "~",
};
static const char *const view_alerts_sev_words[FOHP_SEV_COUNT] = {
	[FOHP_SEV_INFO] = "INFO",
	[FOHP_SEV_WARNING] = "WARN",
	[FOHP_SEV_CRITICAL] = "CRIT",
};

/* Print text in a column, right-aligned if it says so, cut with "...". */
static void
view_alerts_cell(struct ui *u, int y, int x, int col, int w, const char *text)
{
	ui_cell(u, &view_alerts_columns[col], y, x, w, text);
}

/*
 * The text of the title column for line l: a row says how many alerts
 * fold under it ("+2 "); a folded alert is drawn under its row, indented
 * with a tree branch, and says what inhibits it.
 */
static void
view_alerts_title(struct ui *u, const struct store *s,
    const struct ui_queue *uq, unsigned l, char *buf, size_t len)
{
	const struct queue_item	*it = &uq->q[uq->line[l]];
	const struct fohp_alert	*a = ui_queue_item(s, uq, uq->line[l]);
	const char		*branch, *drill = a->drill ? "DRILL " : "";
	int			 last;
	char			 inh[48];

	/* A drill's alert (PROTOCOL.md 15) says so first: view_alerts_row
	 * paints the tag in the info slot. */
	if (!it->folded) {
		if (it->nfolded > 0)
			snprintf(buf, len, "%s+%u %s", drill, it->nfolded,
			    a->title);
		else
			snprintf(buf, len, "%s%s", drill, a->title);
		return;
	}
	last = l + 1 >= uq->nlines || !uq->q[uq->line[l + 1]].folded;
	branch = u->utf8 ? (last ? "\u2514" : "\u251c") : (last ? "`-" : "|-");
	inh[0] = '\0';
	if (it->inhibited_by != 0)
		snprintf(inh, sizeof(inh), " (inhibited by #%llu)",
		    (unsigned long long)it->inhibited_by);
	snprintf(buf, len, "%s  %s %s%s", drill, branch, a->title, inh);
}

/* An alert's state, one the words know (an unknown one: firing). */
static enum fohp_alert_state
view_alerts_state(const struct fohp_alert *a)
{
	return ((unsigned)a->state < FOHP_AS_COUNT ? a->state :
	    FOHP_AS_FIRING);
}

/* An alert's severity, one the words know (an unknown one: info). */
static enum fohp_severity
view_alerts_sev(const struct fohp_alert *a)
{
	return ((unsigned)a->severity < FOHP_SEV_COUNT ? a->severity :
	    FOHP_SEV_INFO);
}

/* The text of column col for line l of the queue, into buf. */
static void
view_alerts_text(struct ui *u, const struct store *s,
    const struct ui_queue *uq, unsigned l, int col, char *buf, size_t len,
    uint64_t wall)
{
	const struct queue_item	*it = &uq->q[uq->line[l]];
	const struct store_venue *v = s->venues[it->venue];
	const struct fohp_alert	*a = ui_queue_item(s, uq, uq->line[l]);
	enum fohp_alert_state	 st = view_alerts_state(a);
	enum fohp_severity	 sev = view_alerts_sev(a);

	buf[0] = '\0';
	switch (col) {
	case VA_COL_GLYPH:
		snprintf(buf, len, "%s", u->utf8 ? view_alerts_state_utf8[st] :
		    view_alerts_state_ascii[st]);
		break;
	case VA_COL_SEV:
		snprintf(buf, len, "%s", view_alerts_sev_words[sev]);
		break;
	case VA_COL_STATE:
		snprintf(buf, len, "%s", view_alerts_state_words[st]);
		break;
	case VA_COL_VENUE:
		snprintf(buf, len, "%s", v->name[0] != '\0' ? v->name : v->id);
		break;
	case VA_COL_SUBJECT:
		snprintf(buf, len, "%s", a->subject);
		break;
	case VA_COL_TITLE:
		view_alerts_title(u, s, uq, l, buf, len);
		break;
	case VA_COL_AGE:
		ui_since(buf, len, wall, st == FOHP_AS_RESOLVED &&
		    a->resolved_ms != 0 ? a->resolved_ms : a->since_ms, "-");
		break;
	case VA_COL_ACKED:
		snprintf(buf, len, "%s", a->acked_by);
		break;
	}
}

/*
 * Size the columns to r->w from what the queue's lines hold (every line,
 * not only those shown, so the columns stay put while scrolling).
 */
static void
view_alerts_columns_size(struct ui *u, const struct store *s,
    const struct ui_queue *uq, int w, int widths[VA_COL_COUNT], uint64_t wall)
{
	char		buf[FOHP_TEXT_MAX + 64];
	int		want[VA_COL_COUNT], i, tw;
	unsigned	l;

	memset(want, 0, sizeof(want));
	for (l = 0; l < uq->nlines; l++) {
		for (i = 0; i < VA_COL_COUNT; i++) {
			view_alerts_text(u, s, uq, l, i, buf, sizeof(buf), wall);
			if ((tw = ui_width(u, buf)) > want[i])
				want[i] = tw;
		}
	}
	(void)ui_columns_size(view_alerts_columns, VA_COL_COUNT, w, want,
	    VA_COL_TITLE, widths);
}

/* Draw line l of the queue at y. */
static void
view_alerts_row(struct ui *u, const struct store *s,
    const struct ui_queue *uq, unsigned l, int selected,
    const struct ui_rect *r, int y, const int widths[VA_COL_COUNT],
    uint64_t wall)
{
	const struct queue_item	*it = &uq->q[uq->line[l]];
	const struct fohp_alert	*a = ui_queue_item(s, uq, uq->line[l]);
	enum fohp_alert_state	 st = view_alerts_state(a);
	enum fohp_severity	 sev = view_alerts_sev(a);
	int			 resolved = st == FOHP_AS_RESOLVED;
	int			 muted = resolved || it->inhibited_by != 0;
	enum ui_slot		 base;
	attr_t			 extra = 0;
	char			 buf[FOHP_TEXT_MAX + 64];
	int			 i, x = r->x;

	base = selected ? UI_C_SELECTED : muted ? UI_C_DIM : UI_C_NORMAL;
	ui_colour_set(u, base, 0);
	ui_fill(u, y, r->x, r->w, " ");
	for (i = 0; i < VA_COL_COUNT; i++) {
		if (widths[i] == 0)
			continue;
		ui_colour_set(u, base, 0);
		view_alerts_text(u, s, uq, l, i, buf, sizeof(buf), wall);
		if (i == VA_COL_SEV && !muted)
			ui_colour_on(u, ui_severity_slot(sev), base, 0);
		if (i == VA_COL_STATE) {
			extra = store_alert_unattended(a) && !muted ?
			    A_BOLD : 0;
			/* An inhibited alert stays muted; resolved is a
			 * state with its own slot. */
			if (muted && !resolved)
				ui_colour_set(u, base, extra);
			else
				ui_colour_on(u, ui_state_slot(st), base,
				    extra);
		}
		view_alerts_cell(u, y, x, i, widths[i], buf);
		if (i == VA_COL_TITLE && a->drill && widths[i] > 5) {
			/* The drill's tag: the info slot, bold; never the
			 * critical colour (a drill must not look real). */
			ui_colour_on(u, UI_C_SEV_INFO, base, A_BOLD);
			ui_print(u, y, x, 5, "DRILL");
		}
		x += widths[i] + 1;
	}
}

/*
 * Draw the queue heading: problems (rows still open), open alerts (when
 * there is room), then those by severity and the unacknowledged critical
 * ones as every count is written (ui_counts), the filter and the cursor's
 * line.
 */
static void
view_alerts_heading(struct ui *u, const struct store *s,
    const struct ui_queue *uq, const struct ui_rect *r)
{
	unsigned	i, rows = 0, open = 0, crit = 0;
	unsigned	sev[FOHP_SEV_COUNT] = { 0 };
	char		buf[160], pos[32], counts[64];
	int		x = r->x, end = r->x + r->w;

	for (i = 0; i < uq->n; i++) {
		const struct fohp_alert	*a = ui_queue_item(s, uq, i);

		if (a->state == FOHP_AS_RESOLVED)
			continue;
		open++;
		if ((unsigned)a->severity < FOHP_SEV_COUNT)
			sev[a->severity]++;
		if (!uq->q[i].folded)
			rows++;
		if (store_alert_unattended(a) &&
		    a->severity == FOHP_SEV_CRITICAL)
			crit++;
	}
	pos[0] = '\0';
	if (uq->nlines > 0)
		snprintf(pos, sizeof(pos), "%u/%u", u->alert_sel + 1,
		    uq->nlines);
	ui_counts(counts, sizeof(counts), sev, crit);
	snprintf(buf, sizeof(buf), "Alerts (%u problem%s, %u open alert%s)  ",
	    rows, rows == 1 ? "" : "s", open, open == 1 ? "" : "s");
	if (ui_width(u, buf) + ui_width(u, counts) +
	    (pos[0] != '\0' ? ui_width(u, pos) + 2 : 0) > r->w)
		snprintf(buf, sizeof(buf), "Alerts (%u problem%s)  ", rows,
		    rows == 1 ? "" : "s");
	ui_colour_set(u, UI_C_HEADING, 0);
	x += ui_print(u, r->y, x, end - x, buf);
	x += ui_counts_draw(u, r->y, x, end - x, sev, crit, UI_C_HEADING);
	if (u->filter[0] != '\0') {
		ui_colour_set(u, UI_C_NORMAL, 0);
		snprintf(buf, sizeof(buf), "  filter /%s", u->filter);
		x += ui_print(u, r->y, x, end - x, buf);
	}
	if (pos[0] != '\0' && end - x - 2 >= ui_width(u, pos)) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, r->y, end - ui_width(u, pos), end - x, pos);
	}
}

/* Draw the alert queue into r. */
void
view_alerts_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	struct ui_queue		*uq;
	struct ui_rect		 map, queue = *r;
	int			 widths[VA_COL_COUNT], rows, i, x, y;
	unsigned		 n, l, it;
	uint64_t		 wall = clock_wall_ms();

	if (r->w <= 0 || r->h <= 0)
		return;
	if ((uq = malloc(sizeof(*uq))) == NULL) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, r->y, r->x + 1, r->w - 1, "out of memory");
		return;
	}
	/*
	 * With room to spare, the bottom third shows where the alert under
	 * the cursor is: its venue's map with its zone marked. This is what
	 * an 80x24 screen over ssh gets instead of switching views.
	 */
	map.h = 0;
	if (r->h >= VIEW_ALERTS_MAP_MIN_H) {
		map = *r;
		map.h = r->h / 3 < VIEW_ALERTS_MAP_MAX_H ? r->h / 3 :
		    VIEW_ALERTS_MAP_MAX_H;
		map.y = r->y + r->h - map.h;
		queue.h = r->h - map.h - 1;
		r = &queue;
	}
	ui_queue_build(u, s, 1, uq);
	ui_queue_locate(u, s, uq);
	n = uq->nlines;
	view_alerts_heading(u, s, uq, r);
	if (n == 0) {
		ui_colour_set(u, UI_C_DIM, 0);
		if (u->filter[0] != '\0')
			ui_printf(u, r->y + 2, r->x + 1, r->w - 1,
			    "no alerts match \"%s\"", u->filter);
		else
			ui_print(u, r->y + 2, r->x + 1, r->w - 1,
			    "no alerts");
		free(uq);
		return;
	}
	if (r->h < 3) {
		free(uq);
		return;
	}

	view_alerts_columns_size(u, s, uq, r->w, widths, wall);
	ui_colour_set(u, UI_C_HEADING, 0);
	for (i = 0, x = r->x; i < VA_COL_COUNT; i++) {
		if (widths[i] == 0)
			continue;
		view_alerts_cell(u, r->y + 1, x, i, widths[i],
		    view_alerts_columns[i].title);
		x += widths[i] + 1;
	}

	/* Keep the cursor in view. */
	rows = r->h - 2;
	if (u->alert_top > u->alert_sel)
		u->alert_top = u->alert_sel;
	if (u->alert_sel >= u->alert_top + (unsigned)rows)
		u->alert_top = u->alert_sel - (unsigned)rows + 1;
	if (n > (unsigned)rows && u->alert_top > n - (unsigned)rows)
		u->alert_top = n - (unsigned)rows;
	if (n <= (unsigned)rows)
		u->alert_top = 0;

	for (l = u->alert_top, y = r->y + 2; l < n && y < r->y + r->h;
	    l++, y++) {
		it = uq->line[l];
		view_alerts_row(u, s, uq, l, l == u->alert_sel, r, y, widths,
		    wall);
		ui_hit_add_alert(u, y, r->x, r->w, uq->q[it].venue,
		    ui_queue_item(s, uq, it)->id);
	}
	if (map.h > 0) {
		it = uq->line[u->alert_sel];
		ui_map_compact(u, s, uq->q[it].venue,
		    ui_queue_item(s, uq, it)->subject, &map, now_ms);
	}
	free(uq);
}

/*
 * Move the queue's cursor; Enter opens the why-pane; Right or + opens the
 * group of the cursor's row, Left or - closes it (from a folded alert the
 * cursor goes up to its row, and says so), Space does either.
 */
int
view_alerts_key(struct ui *u, const struct store *s, int key)
{
	struct ui_queue		*uq;
	const struct fohp_alert	*a;
	unsigned		 n, old, page, i;
	int			 h = u->panels[UI_PANEL_MAIN].h - 2, open;
	int			 flags = UI_HANDLED;

	page = h > 1 ? (unsigned)h - 1 : 10;
	switch (key) {
	case KEY_UP: case 'k': case KEY_DOWN: case 'j':
	case KEY_PPAGE: case KEY_NPAGE: case KEY_HOME: case KEY_END:
	case KEY_RIGHT: case '+': case KEY_LEFT: case '-': case ' ':
		break;
	case '\r': case '\n': case KEY_ENTER:
		return (ui_queue_why(u, s));
	default:
		return (0);
	}

	if ((uq = malloc(sizeof(*uq))) == NULL)
		return (UI_HANDLED);
	ui_queue_build(u, s, 1, uq);
	ui_queue_locate(u, s, uq);
	n = uq->nlines;
	if (n == 0) {
		free(uq);
		return (UI_HANDLED | UI_REDRAW);
	}
	old = u->alert_sel;
	i = uq->line[u->alert_sel];
	switch (key) {
	case KEY_UP: case 'k':
		if (u->alert_sel > 0)
			u->alert_sel--;
		break;
	case KEY_DOWN: case 'j':
		if (u->alert_sel + 1 < n)
			u->alert_sel++;
		break;
	case KEY_PPAGE:
		u->alert_sel = u->alert_sel > page ? u->alert_sel - page : 0;
		break;
	case KEY_NPAGE:
		u->alert_sel = u->alert_sel + page < n ?
		    u->alert_sel + page : n - 1;
		break;
	case KEY_HOME:
		u->alert_sel = 0;
		break;
	case KEY_END:
		u->alert_sel = n - 1;
		break;
	default:	/* open or close the group */
		if (uq->q[i].nfolded == 0 && !uq->q[i].folded) {
			ui_message(u, u->now_ms, "alert #%llu has nothing "
			    "folded under it", (unsigned long long)
			    ui_queue_item(s, uq, i)->id);
			flags |= UI_REDRAW;
			break;
		}
		open = ui_queue_expanded(u, s, uq, i) >= 0;
		if (key == ' ')
			open = !open;
		else
			open = key == KEY_RIGHT || key == '+';
		if (!open && uq->q[i].folded) {
			a = ui_queue_item(s, uq, uq->q[i].head);
			ui_message(u, u->now_ms, "group closed: the cursor is "
			    "on its row, #%llu", (unsigned long long)a->id);
			ui_queue_select(u, uq->q[uq->q[i].head].venue,
			    a->id);
		}
		ui_queue_expand(u, s, uq, i, open);
		free(uq);
		return (UI_HANDLED | UI_REDRAW);
	}
	i = uq->line[u->alert_sel];
	ui_queue_select(u, uq->q[i].venue, ui_queue_item(s, uq, i)->id);
	if (u->alert_sel != old)
		flags |= UI_REDRAW;
	free(uq);
	return (flags);
}
