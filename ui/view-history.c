/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-history.c: resolved alerts, newest first, apart from the queue.
 *
 * The store keeps the latest STORE_PAST_MAX resolutions of every venue
 * (store_past_get); this view reads them and nothing else. At the top, time
 * to acknowledge per severity (history_ttack): how many were acknowledged
 * of how many resolved, the median and the worst wait, and how many
 * resolved with nobody acknowledging them. Under a rule, one block per
 * alert:
 *
 *   CRIT #12 club dance  Dance floor: density 5.43 p/m2 > 5.00
 *     fired 20:01:05  acked by ana after 12s  resolved 20:03:10, lasted 2m5s
 *     20:01:17 ack by ana: stewards on the way
 *     20:02:30 ack-expired (agent)
 *
 * On a narrow panel the title goes on a line of its own (cut with an
 * ellipsis if it must be), and the times flow onto further lines, a piece
 * never cut in the middle. Ops are shown as the agent named them,
 * so an op this console does not know still reads as what it is.
 *
 * N opens the venue's numbers over the last hours instead
 * (view-numbers.c).
 *
 * u->table_sel is the first block shown (clamped here); the arrows move it
 * by one, PgUp and PgDn by a screenful, Home and End to the ends. A footer
 * says which blocks show when they do not all fit.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/clock.h"
#include "core/history.h"
#include "ui-priv.h"

#define VIEW_HISTORY_PIECES	6	/* of an alert's second line */

/* The severity words, as the queue has them. */
static const char *const view_history_sev_words[FOHP_SEV_COUNT] = {
	[FOHP_SEV_INFO] = "INFO",
	[FOHP_SEV_WARNING] = "WARN",
	[FOHP_SEV_CRITICAL] = "CRIT",
};

/*
 * Lay out (and, if draw, print) the second line of p's block from y: its
 * pieces joined by two spaces, flowing onto a new line at x when the next
 * one does not fit in w. Returns the lines taken.
 */
static int
view_history_times(struct ui *u, const struct store_past *p, int y, int x,
    int w, uint64_t wall, int draw)
{
	char		 piece[VIEW_HISTORY_PIECES][160], at[32], d[32];
	uint64_t	 ms;
	int		 n = 0, i, cx = 0, lines = 1, pw;

	ui_clock(at, sizeof(at), wall, p->fired_ms);
	snprintf(piece[n++], sizeof(piece[0]), "fired %s", at);
	if (history_acked(p, &ms) && p->fired_ms != 0) {
		ui_span(d, sizeof(d), ms);
		snprintf(piece[n++], sizeof(piece[0]), "acked by %s after %s",
		    p->acked_by[0] != '\0' ? p->acked_by : "?", d);
	} else if (p->acked_ms != 0)	/* when it fired is not known */
		snprintf(piece[n++], sizeof(piece[0]), "acked by %s",
		    p->acked_by[0] != '\0' ? p->acked_by : "?");
	else
		snprintf(piece[n++], sizeof(piece[0]), "not acknowledged");
	ui_clock(at, sizeof(at), wall, p->resolved_ms);
	if ((ms = history_lasted(p)) != 0) {
		ui_span(d, sizeof(d), ms);
		snprintf(piece[n++], sizeof(piece[0]), "resolved %s, lasted %s",
		    at, d);
	} else
		snprintf(piece[n++], sizeof(piece[0]), "resolved %s", at);
	if (p->escalated > 0)
		snprintf(piece[n++], sizeof(piece[0]), "escalated %u time%s",
		    (unsigned)p->escalated, p->escalated == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		pw = ui_width(u, piece[i]);
		if (cx > 0 && cx + 2 + pw > w) {
			lines++;
			cx = 0;
		} else if (cx > 0)
			cx += 2;
		if (draw) {
			/* The states in their theme slots; never acked
			 * stands out. */
			ui_colour_set(u, i == 1 ? (p->acked_ms == 0 ?
			    UI_C_STALE : UI_C_ST_ACKED) : i == 2 ?
			    UI_C_ST_RESOLVED : UI_C_NORMAL, 0);
			ui_print(u, y + lines - 1, x + cx, w - cx, piece[i]);
		}
		cx += pw;
	}
	return (lines);
}

/*
 * Lay out (and, if draw, print) p's block at y, x, w columns wide, at most
 * through line end (exclusive). Returns the lines it takes in all, drawn
 * or not.
 */
static int
view_history_block(struct ui *u, const struct store_past *p, int y, int x,
    int w, int end, uint64_t wall, int draw)
{
	const char	*sev = (unsigned)p->severity < FOHP_SEV_COUNT ?
			    view_history_sev_words[p->severity] : "?";
	const char	*title;
	char		 buf[FOHP_TEXT_MAX + 128], at[32];
	int		 lines, cx, tx, i, n = p->nops;

	title = p->title[0] != '\0' ? p->title : p->rule;
	snprintf(buf, sizeof(buf), "#%llu %s %s", (unsigned long long)p->id,
	    p->venue[0] != '\0' ? p->venue : "?",
	    p->subject[0] != '\0' ? p->subject : "-");
	cx = ui_width(u, sev) + 1 + ui_width(u, buf) + 2;
	tx = x + cx;
	lines = 1;
	if (cx + ui_width(u, title) > w) {	/* title on its own line */
		tx = x + 2;
		lines = 2;
	}
	if (draw && y < end) {
		ui_colour_set(u, ui_severity_slot(p->severity), A_BOLD);
		cx = x + ui_print(u, y, x, w, sev) + 1;
		ui_colour_set(u, UI_C_NORMAL, 0);
		ui_print(u, y, cx, x + w - cx, buf);
	}
	if (draw && y + lines - 1 < end) {
		ui_colour_set(u, UI_C_NORMAL, A_BOLD);
		ui_print_fit(u, y + lines - 1, tx, x + w - tx, title);
		ui_colour_set(u, UI_C_NORMAL, 0);
	}
	lines += view_history_times(u, p, y + lines, x + 2, w - 2, wall,
	    draw && y + lines < end);
	if (n > STORE_PAST_OPS)
		n = STORE_PAST_OPS;
	for (i = 0; i < n; i++, lines++) {
		const struct fohp_alert_op *op = &p->ops[i];

		if (!draw || y + lines >= end)
			continue;
		ui_clock(at, sizeof(at), wall, op->t_ms);
		if (op->operator_name[0] != '\0')
			snprintf(buf, sizeof(buf), "%s %s by %s%s%s", at,
			    op->op, op->operator_name,
			    op->note[0] != '\0' ? ": " : "", op->note);
		else
			snprintf(buf, sizeof(buf), "%s %s (agent)%s%s", at,
			    op->op, op->note[0] != '\0' ? ": " : "", op->note);
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print_fit(u, y + lines, x + 2, w - 2, buf);
	}
	ui_colour_set(u, UI_C_NORMAL, 0);
	return (lines);
}

/*
 * The time-to-acknowledge table at y: a heading and one row per severity,
 * critical first. Returns the lines taken.
 */
static int
view_history_ttack(struct ui *u, const struct store *s, int y, int x, int w)
{
	struct history_ttack	 t[FOHP_SEV_COUNT];
	static const int	 col[] = { 0, 9, 20, 28, 36 };
	static const char *const title[] = { "Severity", "Acked", "Median",
				    "Worst", "Resolved unacked" };
	static const char *const name[FOHP_SEV_COUNT] = { "info", "warning",
				    "critical" };
	char			 buf[5][32];
	int			 i, c, sev;

	history_ttack(s, t);
	ui_colour_set(u, UI_C_HEADING, 0);
	for (c = 0; c < 5; c++)
		ui_print(u, y, x + col[c], w - col[c], title[c]);
	for (i = 0; i < FOHP_SEV_COUNT; i++) {
		sev = FOHP_SEV_COUNT - 1 - i;
		snprintf(buf[0], sizeof(buf[0]), "%s", name[sev]);
		snprintf(buf[1], sizeof(buf[1]), "%u of %u", t[sev].acked,
		    t[sev].resolved);
		if (t[sev].acked > 0) {
			ui_span(buf[2], sizeof(buf[2]), t[sev].median_ms);
			ui_span(buf[3], sizeof(buf[3]), t[sev].worst_ms);
		} else {
			snprintf(buf[2], sizeof(buf[2]), "-");
			snprintf(buf[3], sizeof(buf[3]), "-");
		}
		snprintf(buf[4], sizeof(buf[4]), "%u",
		    t[sev].resolved - t[sev].acked);
		for (c = 0; c < 5; c++) {
			ui_colour_set(u, c == 0 ? ui_severity_slot(
			    (enum fohp_severity)sev) : UI_C_NORMAL, 0);
			ui_print(u, y + 1 + i, x + col[c], w - col[c], buf[c]);
		}
	}
	ui_colour_set(u, UI_C_NORMAL, 0);
	return (1 + FOHP_SEV_COUNT);
}

/* Draw the history into r. */
void
view_history_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	const struct store_past	*p;
	uint64_t		 wall = clock_wall_ms();
	unsigned		 n = s->npast, i, top;
	int			 x = r->x + 1, w = r->w - 1, y, end, foot = 0;
	int			 h;

	if (u->numbers_hours != 0) {	/* N: the venue's numbers */
		view_numbers_draw(u, s, r, now_ms);
		return;
	}
	if (r->w < 10 || r->h < 2)
		return;
	ui_colour_set(u, UI_C_HEADING, 0);
	if (s->past_total > n)
		ui_printf(u, r->y, x, w, "History: the latest %u of %llu "
		    "resolved alerts, newest first", n,
		    (unsigned long long)s->past_total);
	else
		ui_printf(u, r->y, x, w, "History: %u resolved alert%s, "
		    "newest first", n, n == 1 ? "" : "s");
	y = r->y + 1;
	end = r->y + r->h;
	if (r->h >= 10) {	/* room for the table and a block under it */
		y += view_history_ttack(u, s, y, x + 2, w - 2);
		ui_colour_set(u, UI_C_BORDER, 0);
		ui_fill(u, y, r->x, r->w, u->g->hline);
		y++;
	}
	ui_colour_set(u, UI_C_NORMAL, 0);
	if (n == 0) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_print(u, y, x, w, "none resolved yet: alerts come here "
		    "when they resolve");
		u->table_sel = 0;
		return;
	}
	if (u->table_sel >= n)
		u->table_sel = n - 1;
	top = u->table_sel;

	/* All from top fit? Else keep the last line for the footer. */
	for (i = top, h = y; i < n && h < end; i++) {
		p = store_past_get(s, i);
		h += view_history_block(u, p, h, x, w, end, wall, 0) + 1;
	}
	if (top > 0 || h - 1 > end || i < n) {
		foot = 1;
		end--;
	}
	for (i = top; i < n && y < end; i++) {
		p = store_past_get(s, i);
		h = view_history_block(u, p, y, x, w, end, wall, 0);
		if (y + h > end && i > top)
			break;	/* whole blocks only, but always one */
		view_history_block(u, p, y, x, w, end, wall, 1);
		y += h + 1;
	}
	u->history_shown = i > top ? i - top : 1;
	if (foot) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_printf(u, r->y + r->h - 1, x, w, "alerts %u-%u of %u: %s "
		    "PgUp PgDn Home End scroll", top + 1, i, n,
		    u->g->keys_select);
		ui_colour_set(u, UI_C_NORMAL, 0);
	}
}

/* Keys of the history: scroll by a block, a screenful, to the ends. */
int
view_history_key(struct ui *u, const struct store *s, int key)
{
	unsigned	page = u->history_shown > 0 ? u->history_shown : 1;

	return (ui_scroll(&u->table_sel, key, page, s->npast));
}
