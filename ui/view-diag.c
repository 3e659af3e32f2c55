/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-diag.c: how each venue's feed is doing, one row per venue.
 *
 * The counters come from the store (struct store_counters): messages
 * applied, sequence gaps and the messages lost in them, snapshots, stream
 * messages a snapshot covered, rejected messages, unknown kinds skipped,
 * new agent instances; for venues read through NATS, the gaps healed by
 * replay and by snapshot. Columns are a const table with priorities; a narrow
 * panel drops the least useful first and says how many it hid. Spare lines
 * below the table explain the columns shown. Under the venues, one line
 * says which key signs this console's requests, or why none does.
 *
 * Messages per second is not kept by the store, so this file derives it at
 * draw time: view_diag_rates[] remembers, per venue index, the message
 * count and u->now_ms of an earlier frame. Once VIEW_DIAG_RATE_MS have
 * passed the rate is (count now - count then) / elapsed, and the pair is
 * moved forward. A slot is reset, and shows "-" until its first window is
 * over, when it holds another venue (the id differs), when the count went
 * backwards, or when the view was not drawn for VIEW_DIAG_RATE_STALE_MS (a
 * rate averaged over minutes away would mislead). The table is static and
 * so shared by every struct ui of the process; foh has one.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-priv.h"

#define VIEW_DIAG_RATE_MS	2000	/* window of the msgs/s rate */
#define VIEW_DIAG_RATE_STALE_MS	10000	/* older: start over */

/* The previous count of one venue, for msgs/s. */
static struct view_diag_rate {
	char		id[FOHP_ID_MAX];
	uint64_t	msgs;		/* count at ms */
	uint64_t	ms;		/* u->now_ms of that frame; 0: unset */
	double		rate;		/* messages per second */
	int		have;		/* rate is set */
} view_diag_rates[STORE_VENUES_MAX];

/* Table columns, in display order. */
enum view_diag_col {
	VG_COL_NAME,
	VG_COL_ID,
	VG_COL_LINK,
	VG_COL_MSGS,
	VG_COL_RATE,
	VG_COL_SEQ,
	VG_COL_GAPS,
	VG_COL_MISSED,
	VG_COL_SNAPS,
	VG_COL_COVERED,
	VG_COL_REJECTS,
	VG_COL_UNKNOWN,
	VG_COL_RESTARTS,
	VG_COL_HB,
	VG_COL_LATENCY,
	VG_COL_UPDATED,
	VG_COL_COUNT
};

static const struct ui_column view_diag_columns[VG_COL_COUNT] = {
	[VG_COL_NAME] = { "Venue", 14, 22, 0, 0 },
	[VG_COL_ID] = { "Id", 8, 16, 0, 6 },
	[VG_COL_LINK] = { "Link", 10, 13, 0, 1 },
	[VG_COL_MSGS] = { "Msgs", 8, 10, 1, 8 },
	[VG_COL_RATE] = { "Msg/s", 6, 7, 1, 3 },
	[VG_COL_SEQ] = { "Seq", 8, 10, 1, 9 },
	[VG_COL_GAPS] = { "Gaps", 5, 6, 1, 4 },
	[VG_COL_MISSED] = { "Miss", 5, 7, 1, 6 },
	[VG_COL_SNAPS] = { "Snap", 5, 6, 1, 12 },
	[VG_COL_COVERED] = { "Cov", 5, 7, 1, 13 },
	[VG_COL_REJECTS] = { "Rej", 5, 7, 1, 5 },
	[VG_COL_UNKNOWN] = { "Unk", 5, 7, 1, 11 },
	[VG_COL_RESTARTS] = { "Rst", 4, 6, 1, 7 },
	[VG_COL_HB] = { "HB", 5, 6, 1, 10 },
	[VG_COL_LATENCY] = { "Lat", 6, 8, 1, 6 },
	[VG_COL_UPDATED] = { "Updated", 8, 10, 1, 2 },
};

/* What each column means, for the legend under a narrow table. */
static const char *const view_diag_meanings[VG_COL_COUNT] = {
	[VG_COL_NAME] = NULL,
	[VG_COL_ID] = "the venue's id, as :venue takes it",
	[VG_COL_LINK] = "LIVE, STALE, OFFLINE or CONNECTING",
	[VG_COL_MSGS] = "messages applied",
	[VG_COL_RATE] = "messages per second, over 2 s",
	[VG_COL_SEQ] = "highest sequence number applied",
	[VG_COL_GAPS] = "sequence gaps seen (healed by a snapshot)",
	[VG_COL_MISSED] = "messages lost in those gaps",
	[VG_COL_SNAPS] = "snapshots applied",
	[VG_COL_COVERED] = "stream messages a snapshot already covered",
	[VG_COL_REJECTS] = "bad messages refused",
	[VG_COL_UNKNOWN] = "messages of unknown kinds skipped",
	[VG_COL_RESTARTS] = "agent restarts (new epochs)",
	[VG_COL_HB] = "the agent's heartbeat interval",
	[VG_COL_LATENCY] = "messages' age on arrival, smoothed (clock skew in it)",
	[VG_COL_UPDATED] = "time since the last message",
};

/* Update venue i's rate at now_ms; returns it, or -1 if not known yet. */
static double
view_diag_rate(unsigned i, const struct store_venue *v, uint64_t now_ms)
{
	struct view_diag_rate	*r = &view_diag_rates[i];
	uint64_t		 msgs = v->stats.msgs;

	if (strcmp(r->id, v->id) != 0 || msgs < r->msgs || r->ms == 0 ||
	    now_ms < r->ms || now_ms - r->ms > VIEW_DIAG_RATE_STALE_MS) {
		snprintf(r->id, sizeof(r->id), "%s", v->id);
		r->msgs = msgs;
		r->ms = now_ms != 0 ? now_ms : 1;
		r->have = 0;
	} else if (now_ms - r->ms >= VIEW_DIAG_RATE_MS) {
		r->rate = (double)(msgs - r->msgs) * 1000.0 /
		    (double)(now_ms - r->ms);
		r->msgs = msgs;
		r->ms = now_ms;
		r->have = 1;
	}
	return (r->have ? r->rate : -1.0);
}

/* Take columns by priority while they fit in w, then grow some. */
static int
view_diag_columns_fit(int w, int widths[VG_COL_COUNT])
{
	int	used, i, grow, extra, hidden;

	hidden = ui_columns_fit(view_diag_columns, VG_COL_COUNT, w, widths,
	    &used);
	extra = w - used;
	for (i = 0; i < VG_COL_COUNT && extra > 0; i++) {
		if (widths[i] == 0)
			continue;
		grow = view_diag_columns[i].maxw - widths[i];
		if (grow > extra)
			grow = extra;
		widths[i] += grow;
		extra -= grow;
	}
	return (hidden);
}

/* Print text in a column, right-aligned if the column says so. */
static void
view_diag_cell(struct ui *u, int y, int x, int col, int w, const char *text)
{
	ui_cell(u, &view_diag_columns[col], y, x, w, text);
}

/* Draw venue i's row. */
static void
view_diag_row(struct ui *u, unsigned i, const struct store_venue *v,
    double rate, int y, const struct ui_rect *r,
    const int widths[VG_COL_COUNT], uint64_t now_ms)
{
	const struct store_counters	*c = &v->stats;
	int				 sel = i == u->selected, k, x;
	enum ui_slot			 base = sel ? UI_C_SELECTED :
					     UI_C_NORMAL;
	char				 buf[64], age[32];
	unsigned long long		 n = 0;

	ui_colour_set(u, base, 0);
	ui_fill(u, y, r->x, r->w, " ");
	if (sel)
		ui_print(u, y, r->x, 1, u->g->marker);
	for (k = 0, x = r->x + 2; k < VG_COL_COUNT; k++) {
		if (widths[k] == 0)
			continue;
		ui_colour_set(u, base, 0);
		buf[0] = '\0';
		switch (k) {
		case VG_COL_NAME:
			snprintf(buf, sizeof(buf), "%s", v->name[0] != '\0' ?
			    v->name : v->id[0] != '\0' ? v->id : "(unnamed)");
			break;
		case VG_COL_ID:
			snprintf(buf, sizeof(buf), "%s", v->id);
			break;
		case VG_COL_LINK:
			/* "STALE offline" does not fit 10: say OFFLINE. */
			snprintf(buf, sizeof(buf), "%s",
			    widths[k] < 13 && v->link == STORE_LINK_OFFLINE ?
			    "OFFLINE" : ui_link_word(v->link));
			if (!sel)
				ui_colour_set(u, ui_link_slot(v->link),
				    0);
			break;
		case VG_COL_RATE:
			if (rate < 0)
				snprintf(buf, sizeof(buf), "-");
			else
				snprintf(buf, sizeof(buf), "%.1f", rate);
			break;
		case VG_COL_HB:
			if (v->hb_ms == 0)
				snprintf(buf, sizeof(buf), "-");
			else
				snprintf(buf, sizeof(buf), "%.1f s",
				    v->hb_ms / 1000.0);
			break;
		case VG_COL_LATENCY:
			if (!c->has_lat)
				snprintf(buf, sizeof(buf), "-");
			else
				snprintf(buf, sizeof(buf), "%.0f ms",
				    c->lat_ms);
			break;
		case VG_COL_UPDATED:
			ui_since(age, sizeof(age), now_ms, v->heard_ms,
			    "never");
			snprintf(buf, sizeof(buf), "%s%s", age,
			    v->heard_ms != 0 ? " ago" : "");
			if (ui_width(u, buf) > widths[k])
				snprintf(buf, sizeof(buf), "%s", age);
			break;
		default:
			n = k == VG_COL_MSGS ? c->msgs :
			    k == VG_COL_SEQ ? v->last_seq :
			    k == VG_COL_GAPS ? c->gaps :
			    k == VG_COL_MISSED ? c->missed :
			    k == VG_COL_SNAPS ? c->snapshots :
			    k == VG_COL_COVERED ? c->covered :
			    k == VG_COL_REJECTS ? c->rejects :
			    k == VG_COL_UNKNOWN ? c->unknown : c->restarts;
			snprintf(buf, sizeof(buf), "%llu", n);
			/* Too wide for the column: say so, do not cut. */
			if (ui_width(u, buf) > widths[k])
				snprintf(buf, sizeof(buf), "%.*s+",
				    widths[k] - 1, "999999999999");
			/* Trouble counters stand out, by brightness too. */
			if (n > 0 && !sel && (k == VG_COL_GAPS ||
			    k == VG_COL_MISSED || k == VG_COL_REJECTS))
				ui_colour_set(u, UI_C_STALE, 0);
			break;
		}
		view_diag_cell(u, y, x, k, widths[k], buf);
		x += widths[k] + 1;
	}
}

/*
 * Under the table, from line y (before end): a line for each venue whose
 * link is down for a reason the feed knows (a failed TLS handshake, a
 * refused connection). Returns the next free line.
 */
static int
view_diag_trouble(struct ui *u, const struct store *s,
    const struct ui_rect *r, int y, int end)
{
	unsigned	i;

	for (i = 0; i < s->nvenues && y < end; i++) {
		const struct store_venue	*v = s->venues[i];

		if (v->link_why[0] == '\0' || v->link == STORE_LINK_LIVE)
			continue;
		ui_colour_set(u, UI_C_STALE, 0);
		ui_printf(u, y++, r->x + 2, r->w - 2, "%s: not connected: %s",
		    v->name[0] != '\0' ? v->name : v->id[0] != '\0' ? v->id :
		    "(unnamed)", v->link_why);
	}
	return (y);
}

/*
 * From line y (before end): a line for each venue read through NATS that
 * healed a gap, by replay from JetStream or by a snapshot because the
 * stream no longer held it (PROTOCOL.md 14.3). Returns the next free line.
 */
static int
view_diag_heals(struct ui *u, const struct store *s, const struct ui_rect *r,
    int y, int end)
{
	unsigned	i;

	for (i = 0; i < s->nvenues && y < end; i++) {
		const struct store_venue	*v = s->venues[i];
		const struct store_counters	*c = &v->stats;

		if (c->heal_replay == 0 && c->heal_snapshot == 0)
			continue;
		ui_colour_set(u, c->heal_snapshot > 0 ? UI_C_STALE :
		    UI_C_NORMAL, 0);
		ui_printf(u, y++, r->x + 2, r->w - 2, "%s: gaps healed: %llu "
		    "by replay, %llu by snapshot (%llu messages replayed)",
		    v->name[0] != '\0' ? v->name : v->id,
		    (unsigned long long)c->heal_replay,
		    (unsigned long long)c->heal_snapshot,
		    (unsigned long long)c->replayed);
	}
	return (y);
}

/* Explain the columns shown in the lines from y to end. */
static void
view_diag_legend(struct ui *u, const struct ui_rect *r, int y, int end,
    const int widths[VG_COL_COUNT], int hidden)
{
	int	k;

	ui_colour_set(u, UI_C_DIM, 0);
	if (hidden > 0 && y < end)
		ui_printf(u, y++, r->x + 2, r->w - 2,
		    "%d column%s hidden: widen the terminal to see %s", hidden,
		    hidden == 1 ? "" : "s", hidden == 1 ? "it" : "them");
	for (k = 0; k < VG_COL_COUNT && y < end; k++) {
		const struct ui_column	*c = &view_diag_columns[k];

		if (widths[k] == 0 || view_diag_meanings[k] == NULL)
			continue;
		ui_printf(u, y++, r->x + 2, r->w - 2, "%-7s %s", c->title,
		    view_diag_meanings[k]);
	}
}

/*
 * Say which key signs this console's requests (ui_options' signing), from
 * line y, wrapped at blanks to the panel's width, before line end. Returns
 * the line after the last one written.
 */
static int
view_diag_signing(struct ui *u, const struct ui_rect *r, int y, int end)
{
	const char	*p = u->signing, *q, *cut;
	char		 line[sizeof(u->signing)];
	int		 w = r->w - 2;

	ui_colour_set(u, UI_C_NORMAL, 0);
	while (*p != '\0' && y < end) {
		/* The longest run of whole words that fits; at least one. */
		cut = NULL;
		for (q = p;; q++) {
			if (*q != ' ' && *q != '\0')
				continue;
			snprintf(line, sizeof(line), "%.*s", (int)(q - p), p);
			if (cut != NULL && ui_width(u, line) > w)
				break;
			cut = q;
			if (*q == '\0')
				break;
		}
		snprintf(line, sizeof(line), "%.*s", (int)(cut - p), p);
		ui_print(u, y++, r->x + 2, w, line);
		for (p = cut; *p == ' '; p++)
			;
	}
	return (y);
}

/* Draw one row per venue into r. */
void
view_diag_draw(struct ui *u, const struct store *s, const struct ui_rect *r,
    uint64_t now_ms)
{
	int		widths[VG_COL_COUNT], k, x, y, hidden, rows;
	unsigned	i, top, n = s->nvenues, sev[FOHP_SEV_COUNT];
	unsigned	unacked;
	double		rates[STORE_VENUES_MAX];
	char		counts[64];
	char		line[256];

	if (r->w < 4 || r->h < 1)
		return;
	/* Every venue's rate, shown or not, so none goes stale. */
	for (i = 0; i < n && i < STORE_VENUES_MAX; i++)
		rates[i] = view_diag_rate(i, s->venues[i], now_ms);

	unacked = ui_store_counts(s, sev, NULL);	/* the status bar's */
	ui_colour_set(u, UI_C_HEADING, 0);
	ui_printf(u, r->y, r->x + 1, r->w - 1, "Diagnostics: %u venue%s, "
	    "alerts %s", n, n == 1 ? "" : "s", ui_counts(counts,
	    sizeof(counts), sev, unacked));
	if (n == 0 || r->h < 3)
		return;
	hidden = view_diag_columns_fit(r->w - 2, widths);
	ui_colour_set(u, UI_C_HEADING, 0);
	for (k = 0, x = r->x + 2; k < VG_COL_COUNT; k++) {
		if (widths[k] == 0)
			continue;
		view_diag_cell(u, r->y + 1, x, k, widths[k],
		    view_diag_columns[k].title);
		x += widths[k] + 1;
	}
	rows = r->h - 2;
	top = 0;
	if (u->selected < n && u->selected >= (unsigned)rows)
		top = u->selected - (unsigned)rows + 1;
	for (i = top, y = r->y + 2; i < n && y < r->y + r->h; i++, y++)
		view_diag_row(u, i, s->venues[i], rates[i], y, r, widths,
		    now_ms);
	if (y + 1 < r->y + r->h) {
		ui_link_describe(u, line, sizeof(line));
		ui_colour_set(u, UI_C_NORMAL, 0);
		ui_print_fit(u, y + 1, r->x + 2, r->w - 2, line);
		y += 2;
	}
	if (u->signing[0] != '\0' && y + 1 < r->y + r->h)
		y = view_diag_signing(u, r, y + 1, r->y + r->h);
	if (y + 1 < r->y + r->h)
		y = view_diag_trouble(u, s, r, y + 1, r->y + r->h) - 1;
	if (y + 1 < r->y + r->h)
		y = view_diag_heals(u, s, r, y + 1, r->y + r->h) - 1;
	if (y + 1 < r->y + r->h)
		view_diag_legend(u, r, y + 1, r->y + r->h, widths, hidden);
}
