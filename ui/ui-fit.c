/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-fit.c: table columns sized from the space there is and from what they
 * hold this frame, and one way of writing alert counts.
 *
 * ui_columns_fit (ui-draw.c) takes every column at its minimum width by
 * priority. That leaves an empty "Acked by" column holding 8 cells while
 * the alert titles beside it are cut at 16, and a venue column of 8 cells
 * whatever the names are. Here a view says, per column, how wide its
 * widest text is (want); then:
 *
 *   1. a column with nothing in it is left out: its room goes to the rest;
 *   2. the others take min(minw, max(want, title)) by priority, but one of
 *      lower priority than the flex column (the one that reads best when
 *      wide, e.g. alert titles) only while the flex column can still grow
 *      to its maxw, its readable width, after it;
 *   3. the flex column grows to its maxw, then every other column to what
 *      it holds (at most its maxw), and the flex column takes the rest.
 *
 * So the widths depend only on numbers: the unit tests (tests/test-ui-fit.c)
 * run ui_columns_size without a terminal.
 *
 * Alert counts are written one way, "C2 W9 I0, 2 crit unacked"
 * (ui_counts), and drawn in their severities' colours (ui_counts_draw);
 * where that does not fit, "2 crit unacked" alone (ui_counts_fit): it is
 * the last thing any line that carries it gives up.
 *
 * A venue id too long for its cells is cut in its middle (ui_fit_middle),
 * so that ids of one family, which differ at their end, stay apart.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-priv.h"

/* What column i needs to be kept: 0 when it holds nothing. */
static int
ui_columns_need(const struct ui_column *c, int want)
{
	int	tw = c->title != NULL ? (int)strlen(c->title) : 0, need;

	if (want <= 0)
		return (0);
	need = want > tw ? want : tw;
	return (need < c->minw ? need : c->minw);
}

/*
 * Size n columns into w cells from want[i], the widest text of column i
 * (0: empty, left out), growing column flex (-1: none) first and last.
 * Writes widths (0: left out); returns how many columns with text were
 * left out for want of room.
 */
int
ui_columns_size(const struct ui_column *c, int n, int w, const int *want,
    int flex, int *widths)
{
	int	used = 0, p, i, hidden = 0, need, reserve, grow, cap, pmax = 0;

	memset(widths, 0, sizeof(int) * (size_t)n);
	for (i = 0; i < n; i++)
		if (c[i].priority > pmax)
			pmax = c[i].priority;
	for (p = 0; p <= pmax; p++) {
		for (i = 0; i < n; i++) {
			if (c[i].priority != p ||
			    (need = ui_columns_need(&c[i], want[i])) == 0)
				continue;
			reserve = 0;
			if (flex >= 0 && widths[flex] > 0 &&
			    p > c[flex].priority && c[flex].maxw > widths[flex])
				reserve = c[flex].maxw - widths[flex];
			if (used + need + (used > 0) + reserve > w) {
				hidden++;
				continue;
			}
			used += need + (used > 0);
			widths[i] = need;
		}
	}
	/* Grow: flex to readable, the others to their text, flex the rest. */
	for (p = -1; p <= n; p++) {
		i = p < 0 || p == n ? flex : p;
		if (i < 0 || widths[i] == 0 || (p >= 0 && p < n && i == flex))
			continue;
		cap = p == n ? w : c[i].maxw;
		if (p >= 0 && p < n && want[i] < cap)
			cap = want[i];
		grow = cap - widths[i];
		if (grow > w - used)
			grow = w - used;
		if (grow > 0) {
			widths[i] += grow;
			used += grow;
		}
	}
	return (hidden);
}

/*
 * Open alerts by severity, the one way the console writes them: "C2 W9
 * I0" (critical, warning, info), then ", 2 crit unacked" if unacked > 0.
 * The status bar, the venue list, the queue's heading and the diag view
 * all say it so. Returns buf.
 */
const char *
ui_counts(char *buf, size_t len, const unsigned n[FOHP_SEV_COUNT],
    unsigned unacked)
{
	int	k;

	k = snprintf(buf, len, "C%u W%u I%u", n[FOHP_SEV_CRITICAL],
	    n[FOHP_SEV_WARNING], n[FOHP_SEV_INFO]);
	if (unacked > 0 && k > 0 && (size_t)k < len)
		snprintf(buf + k, len - (size_t)k, ", %u crit unacked",
		    unacked);
	return (buf);
}

/*
 * Draw ui_counts' words at y, x in at most w columns on the colours of
 * under (UI_C_STATUS, UI_C_HEADING...), each count above 0 in its
 * severity's slot and the unacknowledged ones in severity_critical, bold.
 * Returns the width drawn; leaves under's colours set.
 */
int
ui_counts_draw(struct ui *u, int y, int x, int w,
    const unsigned n[FOHP_SEV_COUNT], unsigned unacked, enum ui_slot under)
{
	static const struct {
		char			letter;
		enum fohp_severity	sev;
	} order[] = {
		{ 'C', FOHP_SEV_CRITICAL },
		{ 'W', FOHP_SEV_WARNING },
		{ 'I', FOHP_SEV_INFO },
	};
	char		buf[64];
	int		x0 = x, end = x + w;
	size_t		i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		ui_colour_set(u, under, 0);
		if (i > 0)
			x += ui_print(u, y, x, end - x, " ");
		if (n[order[i].sev] > 0)
			ui_colour_on(u, ui_severity_slot(order[i].sev), under,
			    0);
		snprintf(buf, sizeof(buf), "%c%u", order[i].letter,
		    n[order[i].sev]);
		x += ui_print(u, y, x, end - x, buf);
	}
	ui_colour_set(u, under, 0);
	if (unacked > 0) {
		x += ui_print(u, y, x, end - x, ", ");
		x += ui_counts_crit_draw(u, y, x, end - x, unacked, under);
	}
	return (x - x0);
}

/*
 * Draw "2 crit unacked" at y, x in at most w columns: severity_critical,
 * bold, on under's colours. Returns the width drawn; leaves under's
 * colours set.
 */
int
ui_counts_crit_draw(struct ui *u, int y, int x, int w, unsigned unacked,
    enum ui_slot under)
{
	char	buf[32];
	int	n;

	ui_colour_on(u, UI_C_SEV_CRITICAL, under, A_BOLD);
	snprintf(buf, sizeof(buf), "%u crit unacked", unacked);
	n = ui_print(u, y, x, w, buf);
	ui_colour_set(u, under, 0);
	return (n);
}

/*
 * The alert counts in the room there is: ui_counts_draw's words if they
 * fit in w, else "2 crit unacked" alone (the count by severity goes
 * first), else whatever of it fits. Returns the width drawn.
 */
int
ui_counts_fit(struct ui *u, int y, int x, int w,
    const unsigned n[FOHP_SEV_COUNT], unsigned unacked, enum ui_slot under)
{
	char	buf[64];

	if (w <= 0)
		return (0);
	if (unacked == 0 || ui_width(u, ui_counts(buf, sizeof(buf), n,
	    unacked)) <= w)
		return (ui_counts_draw(u, y, x, w, n, unacked, under));
	return (ui_counts_crit_draw(u, y, x, w, unacked, under));
}

/*
 * s cut in its middle to w cells into buf, its start and its end kept,
 * the end longer ("clu…stand-12"), with the ellipsis ell of ellw cells
 * between: for ids (ASCII, a cell a byte), whose clones differ at their
 * end. s itself if it fits; its first w bytes if not even the ellipsis
 * fits with a byte on each side.
 */
void
ui_fit_middle(char *buf, size_t len, const char *s, int w, const char *ell,
    int ellw)
{
	size_t	n = strlen(s), head, tail;

	if (w < 0)
		w = 0;
	if (n <= (size_t)w || w < ellw + 2) {
		snprintf(buf, len, "%.*s", w, s);
		return;
	}
	head = (size_t)(w - ellw) / 3;
	if (head == 0)
		head = 1;
	tail = (size_t)(w - ellw) - head;
	snprintf(buf, len, "%.*s%s%s", (int)head, s, ell, s + n - tail);
}
