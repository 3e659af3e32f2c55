/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-why.c: one alert's explanation, everything it carries.
 *
 * The pane is a list of lines, top to bottom: what (severity, state, title),
 * why (the rule in words and as an expression, the observed value against
 * the threshold, how long it has held), where it is going (a small chart of
 * the window with the threshold drawn across it, the forecast), what feeds
 * it (contributing signals, source), what to do (the suggested action), and
 * who did what (acknowledgement, shelf, escalation, resolution, history).
 *
 * Lines are produced by one pass that knows nothing of the panel's height
 * (view-why-text.c writes them). A first, dry pass counts the lines, so
 * the scroll is clamped before anything is drawn.
 *
 * The chart scales the window and the threshold together, so the threshold
 * is always on it: samples are columns of blocks (the sparkline glyphs for
 * the partial top cell), the threshold's row is drawn with a rule where no
 * sample reaches it, and labelled at the right. In ASCII the blocks are
 * '#' and '.', and the rule '-', which no block uses.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/clock.h"
#include "view-why-priv.h"

/* Rows of the trend chart. */
#define VIEW_WHY_CHART_ROWS	5
/* Width of the chart's value labels at the left. */
#define VIEW_WHY_AXIS_W		8

/* The severity and state words, the title and where it is. */
static void
view_why_title(struct view_why_out *o, const struct store_venue *v,
    const struct fohp_alert *a)
{
	struct ui	*u = o->u;
	int		 y, x = o->r->x + 1, end = o->r->x + o->r->w;
	char		 buf[FOHP_TEXT_MAX];
	enum ui_slot	 slot;

	if ((y = view_why_line(o)) >= 0) {
		slot = a->state == FOHP_AS_RESOLVED ? UI_C_DIM :
		    ui_severity_slot(a->severity);
		ui_colour_set(u, slot, A_BOLD);
		snprintf(buf, sizeof(buf), " %s ",
		    fohp_severity_name(a->severity));
		view_why_upper(buf);
		x += ui_print(u, y, x, end - x, buf);
		ui_colour_set(u, UI_C_NORMAL, 0);
		x += ui_print(u, y, x, end - x, " ");
		ui_colour_set(u, ui_state_slot(a->state), A_BOLD);
		snprintf(buf, sizeof(buf), "%s",
		    fohp_alert_state_name(a->state));
		view_why_upper(buf);
		x += ui_print(u, y, x, end - x, buf);
		if (a->drill) {	/* a drill's (PROTOCOL.md 15): info, bold */
			ui_colour_set(u, UI_C_SEV_INFO, A_BOLD);
			x += ui_print(u, y, x, end - x, "  DRILL");
		}
		ui_colour_set(u, UI_C_DIM, 0);
		snprintf(buf, sizeof(buf), "  alert %llu, %s",
		    (unsigned long long)a->id,
		    v->name[0] != '\0' ? v->name : v->id);
		ui_print_fit(u, y, x, end - x, buf);
	}
	view_why_wrap(o, 0, NULL, a->title, UI_C_HEADING, 0);
}

/* The rule in words and as an expression; value against threshold. */
static void
view_why_rule(struct view_why_out *o, const struct fohp_alert *a,
    uint64_t wall)
{
	char		buf[FOHP_TEXT_MAX + 64], val[32], thr[32], mar[32];
	char		pct[48], held[32], since[32];
	const char	*unit = a->unit, *sp = a->unit[0] != '\0' ? " " : "";
	const char	*kind = fohp_rule_kind_name(a->rkind);
	/* margin is value - threshold; an agent that predates it sends
	 * none, decoded as 0: compute it (6.7), never show "margin 0". */
	double		 margin = a->margin != 0 ? a->margin :
			    a->value - a->threshold;

	if (a->words[0] != '\0')
		view_why_wrap(o, 0, a->rkind == FOHP_RK_EXTERNAL ? "Reason:" :
		    "Rule:", a->words, UI_C_NORMAL, 0);
	if (a->expr[0] != '\0')
		view_why_text(o, 0, "Expr:", a->expr, UI_C_NORMAL, 0);
	snprintf(buf, sizeof(buf), "%s%s%s on %s", a->rule,
	    kind[0] != '\0' ? ", " : "", kind,
	    a->subject[0] != '\0' ? a->subject : "-");
	view_why_text(o, 0, "Raised by", buf, UI_C_DIM, 0);

	/*
	 * Another system's alert carries no value and threshold of ours:
	 * its own fields (words, source, details) say what it is.
	 */
	if (a->rkind == FOHP_RK_EXTERNAL)
		goto held;
	view_why_num(val, sizeof(val), a->value);
	view_why_num(thr, sizeof(thr), a->threshold);
	view_why_num(mar, sizeof(mar), margin);
	pct[0] = '\0';
	if (a->threshold != 0 && isfinite(margin) && margin != 0)
		snprintf(pct, sizeof(pct), ", %.0f%% %s",
		    fabs(margin / a->threshold) * 100,
		    margin > 0 ? "over" : "under");
	snprintf(buf, sizeof(buf), "%s%s%s vs threshold %s%s%s "
	    "(margin %s%s%s)", val, sp, unit, thr, sp, unit,
	    margin > 0 ? "+" : "", mar, pct);
	view_why_wrap(o, 0, "Observed", buf, UI_C_NORMAL, A_BOLD);

held:
	held[0] = since[0] = '\0';
	if (a->since_ms != 0)
		view_why_rel(since, sizeof(since), wall, a->since_ms);
	if (a->held_ms != 0) {
		ui_span(held, sizeof(held), a->held_ms);
		snprintf(buf, sizeof(buf), "%s%s%s %s", held,
		    since[0] != '\0' ? "; " : "",
		    since[0] != '\0' ? fohp_alert_state_name(a->state) : "",
		    since[0] != '\0' ? "since " : "");
		if (since[0] != '\0')
			strncat(buf, since, sizeof(buf) - strlen(buf) - 1);
		view_why_text(o, 0, "Held for", buf, UI_C_NORMAL, 0);
	} else if (since[0] != '\0') {
		snprintf(buf, sizeof(buf), "%s since %s",
		    fohp_alert_state_name(a->state), since);
		view_why_text(o, 0, "State:", buf, UI_C_NORMAL, 0);
	}
}

/* One cell of the chart: fill eighths (0..8) of it, or the rule. */
static void
view_why_cell(struct ui *u, int y, int x, int eighths, int rule)
{
	const char	*g = " ";

	if (eighths <= 0) {
		if (rule) {
			ui_colour_set(u, UI_C_HEADING, 0);
			ui_print(u, y, x, 1, u->g->hline);
		}
		return;
	}
	if (u->utf8)
		g = u->g->spark[eighths > 8 ? 7 : eighths - 1];
	else
		g = eighths >= 4 ? "#" : ".";
	ui_colour_set(u, UI_C_NORMAL, 0);
	ui_print(u, y, x, 1, g);
}

/* The window as a chart with the threshold across it. */
static void
view_why_chart(struct view_why_out *o, const struct fohp_alert *a)
{
	struct ui	*u = o->u;
	int		 rows = VIEW_WHY_CHART_ROWS, row, i, y, x0, w, n;
	int		 trow, first, eighths, nonneg;
	double		 lo, hi, t = a->threshold, v, pad;
	char		 buf[64], num[32], d[32];

	n = a->nwindow;
	if (n > FOHP_WINDOW_MAX)
		n = FOHP_WINDOW_MAX;
	if (n == 0) {
		view_why_text(o, 0, "Trend:", "no samples", UI_C_DIM, 0);
		return;
	}
	buf[0] = '\0';
	if (a->window_step_ms != 0) {
		ui_span(d, sizeof(d), (uint64_t)a->window_step_ms *
		    (uint64_t)(n - 1));
		snprintf(buf, sizeof(buf), "last %s, %u samples", d,
		    (unsigned)n);
	} else
		snprintf(buf, sizeof(buf), "%u samples", (unsigned)n);
	view_why_text(o, 0, "Trend:", buf, UI_C_DIM, 0);

	w = o->r->w - 1 - VIEW_WHY_AXIS_W - 1 - 18;
	if (w > n)
		w = n;
	if (w < 4) {
		w = o->r->w - 1 - VIEW_WHY_AXIS_W - 1;
		if (w > n)
			w = n;
	}
	if (w < 1)
		return;
	first = n - w;		/* the latest w samples */
	lo = hi = isfinite(t) ? t : a->window[first];
	for (i = first; i < n; i++) {
		v = a->window[i];
		if (!isfinite(v))
			continue;
		if (v < lo)
			lo = v;
		if (v > hi)
			hi = v;
	}
	pad = (hi - lo) * 0.05;
	if (pad <= 0)
		pad = fabs(hi) > 0 ? fabs(hi) * 0.1 : 1.0;
	nonneg = lo >= 0;
	lo -= pad;
	hi += pad;
	if (nonneg && lo < 0)
		lo = 0;		/* densities and counts: keep 0 the floor */
	trow = isfinite(t) ? (int)((t - lo) / (hi - lo) * rows) : -1;
	if (trow >= rows)
		trow = rows - 1;

	x0 = o->r->x + 1 + VIEW_WHY_AXIS_W + 1;
	for (row = rows - 1; row >= 0; row--) {
		if ((y = view_why_line(o)) < 0)
			continue;
		ui_colour_set(u, UI_C_DIM, 0);
		num[0] = '\0';
		if (row == rows - 1)
			view_why_num(num, sizeof(num), hi);
		else if (row == 0)
			view_why_num(num, sizeof(num), lo);
		snprintf(buf, sizeof(buf), "%*s", VIEW_WHY_AXIS_W, num);
		ui_print(u, y, o->r->x + 1, VIEW_WHY_AXIS_W, buf);
		ui_colour_set(u, UI_C_BORDER, 0);
		ui_print(u, y, x0 - 1, 1, u->g->vline);
		for (i = 0; i < w; i++) {
			v = a->window[first + i];
			eighths = isfinite(v) ?
			    (int)lround((v - lo) / (hi - lo) * rows * 8) -
			    row * 8 : 0;
			view_why_cell(u, y, x0 + i, eighths, row == trow);
		}
		if (row == trow) {
			view_why_num(num, sizeof(num), t);
			snprintf(buf, sizeof(buf), " %s threshold %s",
			    u->utf8 ? "\u25c0" : "<", num);
			ui_colour_set(u, UI_C_HEADING, 0);
			ui_print(u, y, x0 + w, o->r->x + o->r->w - x0 - w,
			    buf);
		}
	}
}

/* The forecast in words; a time only when it is crossing. */
static void
view_why_forecast(struct view_why_out *o, const struct fohp_alert *a)
{
	char		 buf[192], thr[32], slope[32], hz[32], eta[32];
	const char	*r2 = o->u->utf8 ? "r\u00b2" : "r2";
	const char	*unit = a->unit;

	view_why_num(thr, sizeof(thr), a->threshold);
	snprintf(slope, sizeof(slope), "%+.2f", a->fc_slope);
	ui_span(hz, sizeof(hz), (uint64_t)(a->fc_horizon_s > 0 ?
	    a->fc_horizon_s * 1000 : 0));
	switch (a->fc_state) {
	case FOHP_FC_NONE:
		return;
	case FOHP_FC_PENDING:
		snprintf(buf, sizeof(buf), "pending (too few samples)");
		break;
	case FOHP_FC_NOT_RISING:
		snprintf(buf, sizeof(buf), "not rising (slope %s %s/min)",
		    slope, unit);
		break;
	case FOHP_FC_POOR_FIT:
		snprintf(buf, sizeof(buf), "poor fit (%s %.2f)", r2,
		    a->fc_r2);
		break;
	case FOHP_FC_BEYOND:
		snprintf(buf, sizeof(buf), "beyond horizon (no crossing "
		    "within %s; slope %s %s/min)", hz, slope, unit);
		break;
	case FOHP_FC_CROSSING:
		ui_span(eta, sizeof(eta), (uint64_t)(a->fc_eta_s > 0 ?
		    a->fc_eta_s * 1000 : 0));
		snprintf(buf, sizeof(buf), "reaches %s in %s (slope %s "
		    "%s/min, %s %.2f, horizon %s)", thr, eta, slope, unit,
		    r2, a->fc_r2, hz);
		break;
	case FOHP_FC_ALREADY:
		snprintf(buf, sizeof(buf), "already past %s (slope %s "
		    "%s/min)", thr, slope, unit);
		break;
	default:
		snprintf(buf, sizeof(buf), "%s",
		    fohp_fc_state_name(a->fc_state));
		break;
	}
	view_why_wrap(o, 0, "Forecast:", buf, UI_C_NORMAL,
	    a->fc_state == FOHP_FC_CROSSING ? A_BOLD : 0);
}

/*
 * Whether a contribution's note only repeats its value: a number, and the
 * same one (an external alert's detail "12" sent as value 12 and note
 * "12").
 */
static int
view_why_note_is_value(const struct fohp_contrib *c)
{
	char	*end;
	double	 v;

	if (c->note[0] == '\0')
		return (0);
	v = strtod(c->note, &end);
	return (end != c->note && *end == '\0' && v == c->value);
}

/*
 * Contributing signals, largest first, as the agent sent them; for an
 * external alert, its details. The note is drawn when there is one, the
 * value when there is no note, or when the note says something else and
 * the alert is ours: an external alert's details are text, and their
 * value only what a number in that text read as.
 */
static void
view_why_contrib(struct view_why_out *o, const struct fohp_alert *a)
{
	struct ui	*u = o->u;
	int		 i, n = a->ncontrib, nw = 0, w, y, x;
	int		 end = o->r->x + o->r->w, ext, value;
	char		 num[32], buf[96];

	if (n > FOHP_CONTRIB_MAX)
		n = FOHP_CONTRIB_MAX;
	if (n == 0)
		return;
	ext = a->rkind == FOHP_RK_EXTERNAL;
	view_why_text(o, 0, ext ? "Details:" : "Contributing:", "", UI_C_NORMAL,
	    0);
	for (i = 0; i < n; i++) {
		w = ui_width(u, a->contrib[i].name);
		if (w > nw)
			nw = w;
	}
	if (nw > 24)
		nw = 24;
	for (i = 0; i < n; i++) {
		const struct fohp_contrib	*c = &a->contrib[i];

		if ((y = view_why_line(o)) < 0)
			continue;
		x = o->r->x + 3;
		ui_colour_set(u, UI_C_NORMAL, 0);
		ui_print_fit(u, y, x, nw < end - x ? nw : end - x, c->name);
		x += nw + 2;
		value = c->note[0] == '\0' ||
		    (!ext && !view_why_note_is_value(c));
		if (value) {
			view_why_num(num, sizeof(num), c->value);
			snprintf(buf, sizeof(buf), "%8s%s%s", num,
			    c->unit[0] != '\0' ? " " : "", c->unit);
			x += ui_print(u, y, x, end - x, buf) + 2;
			ui_colour_set(u, UI_C_DIM, 0);
		}
		if (c->note[0] != '\0')
			ui_print_fit(u, y, x, end - x, c->note);
	}
}

/*
 * The alert's group in the queue: what inhibits it, and the other alerts
 * of its venue and subject ("Also on this subject:"), in queue order.
 */
static void
view_why_group(struct view_why_out *o)
{
	const struct ui_queue	*uq = o->uq;
	const struct queue_item	*it, *m;
	const struct fohp_alert	*b;
	unsigned		 h, k, end;
	char			 buf[FOHP_TEXT_MAX + 128], paren[96], inh[48];
	int			 first = 1;

	if (uq == NULL || o->item < 0)
		return;
	it = &uq->q[o->item];
	if (it->inhibited_by != 0) {
		b = ui_queue_item(o->s, uq, it->head);
		snprintf(buf, sizeof(buf), "Inhibited by #%llu: %s",
		    (unsigned long long)it->inhibited_by,
		    b->id == it->inhibited_by ? b->title : "");
		view_why_wrap(o, 0, NULL, buf, UI_C_NORMAL, A_BOLD);
	}
	h = it->head;
	end = h + 1 + uq->q[h].nfolded;
	if (end > uq->n)
		end = uq->n;
	for (k = h; k < end; k++) {
		if ((int)k == o->item)
			continue;
		m = &uq->q[k];
		b = ui_queue_item(o->s, uq, k);
		if (first)
			view_why_text(o, 0, "Also on this subject:", "",
			    UI_C_NORMAL, 0);
		first = 0;
		/* "(acknowledged; inhibited by #15)": what is not plain. */
		inh[0] = '\0';
		if (m->inhibited_by != 0)
			snprintf(inh, sizeof(inh), "inhibited by #%llu",
			    (unsigned long long)m->inhibited_by);
		paren[0] = '\0';
		if (b->state != FOHP_AS_FIRING && inh[0] != '\0')
			snprintf(paren, sizeof(paren), " (%s; %s)",
			    fohp_alert_state_name(b->state), inh);
		else if (b->state != FOHP_AS_FIRING)
			snprintf(paren, sizeof(paren), " (%s)",
			    fohp_alert_state_name(b->state));
		else if (inh[0] != '\0')
			snprintf(paren, sizeof(paren), " (%s)", inh);
		snprintf(buf, sizeof(buf), "#%llu %s %s%s",
		    (unsigned long long)b->id,
		    b->severity == FOHP_SEV_CRITICAL ? "CRIT" :
		    b->severity == FOHP_SEV_WARNING ? "WARN" : "INFO",
		    b->title, paren);
		view_why_wrap(o, 2, NULL, buf, UI_C_NORMAL, 0);
	}
}

/*
 * Who acknowledged, shelved, escalated; whether it resolved: each line in
 * the theme's slot of the state it tells (an ack or shelf that ended in
 * plain text).
 */
static void
view_why_lifecycle(struct view_why_out *o, const struct fohp_alert *a,
    uint64_t wall)
{
	char	buf[192], rel[32], rel2[48], at[32];

	if (a->acked_by[0] != '\0') {
		view_why_rel(rel, sizeof(rel), wall, a->acked_ms);
		if (a->ack_expires_ms == 0)
			snprintf(rel2, sizeof(rel2), "until resolved");
		else if (a->ack_expires_ms > wall) {
			view_why_rel(rel2, sizeof(rel2), wall,
			    a->ack_expires_ms);
			memmove(rel2 + 8, rel2, strlen(rel2) + 1);
			memcpy(rel2, "expires ", 8);
		} else {
			view_why_rel(at, sizeof(at), wall, a->ack_expires_ms);
			snprintf(rel2, sizeof(rel2), "expired %s", at);
		}
		if (a->ack_type == FOHP_ACK_NONSTICKY)	/* ends if worse */
			snprintf(buf, sizeof(buf), "Acknowledged by %s %s "
			    "(non-sticky%s%s)", a->acked_by, a->acked_ms != 0 ?
			    rel : "", a->ack_expires_ms != 0 ? ", " : "",
			    a->ack_expires_ms != 0 ? rel2 : "");
		else
			snprintf(buf, sizeof(buf), "Acknowledged by %s %s (%s)",
			    a->acked_by, a->acked_ms != 0 ? rel : "", rel2);
		view_why_text(o, 0, NULL, buf, a->ack_expires_ms == 0 ||
		    a->ack_expires_ms > wall ? UI_C_ST_ACKED : UI_C_NORMAL, 0);
	} else if (a->state != FOHP_AS_RESOLVED)
		view_why_text(o, 0, NULL, "Not acknowledged",
		    a->state == FOHP_AS_FIRING ? UI_C_ST_FIRING : UI_C_NORMAL,
		    a->state == FOHP_AS_FIRING ? A_BOLD : 0);
	if (a->shelved_by[0] != '\0') {
		ui_clock(at, sizeof(at), wall, a->shelved_until_ms);
		view_why_rel(rel, sizeof(rel), wall, a->shelved_until_ms);
		snprintf(buf, sizeof(buf), "Shelved by %s until %s (%s%s)",
		    a->shelved_by, at, a->shelved_until_ms <= wall ?
		    "ended " : "", rel);
		view_why_text(o, 0, NULL, buf, a->shelved_until_ms > wall ?
		    UI_C_ST_SHELVED : UI_C_NORMAL, 0);
	}
	if (a->escalated > 0) {
		snprintf(buf, sizeof(buf), "Escalated %u time%s for want of "
		    "an ack", (unsigned)a->escalated,
		    a->escalated == 1 ? "" : "s");
		view_why_text(o, 0, NULL, buf, UI_C_NORMAL, 0);
	}
	if (a->state == FOHP_AS_RESOLVED || a->resolved_ms != 0) {
		if (a->resolved_ms != 0) {
			ui_clock(at, sizeof(at), wall, a->resolved_ms);
			view_why_rel(rel, sizeof(rel), wall, a->resolved_ms);
			snprintf(buf, sizeof(buf), "Resolved at %s (%s)", at,
			    rel);
		} else
			snprintf(buf, sizeof(buf), "Resolved");
		view_why_text(o, 0, NULL, buf, UI_C_ST_RESOLVED, 0);
	}
}

/*
 * Issue 16: is an op the agent's note of an approved action that did not
 * reach the floor (a delivery failed, a hook that did not exit 0)?
 */
static int
view_why_op_bad(const struct fohp_alert_op *op)
{
	if (strcmp(op->op, "deliver") == 0)
		return (strstr(op->note, ": failed") != NULL);
	if (strcmp(op->op, "hook") == 0)
		return (strcmp(op->note, "exit 0") != 0 &&
		    strcmp(op->note, "skipped: drill") != 0);
	return (0);
}

/* The operators' actions, oldest first. */
static void
view_why_history(struct view_why_out *o, const struct fohp_alert *a,
    uint64_t wall)
{
	struct ui	*u = o->u;
	int		 i, n = a->nops, y, x, end = o->r->x + o->r->w;
	int		 room, ww, ellw;
	char		 at[32], buf[128], who[FOHP_ID_MAX + FOHP_KEY_MAX + 16];

	if (n > FOHP_ALERT_HIST_MAX)
		n = FOHP_ALERT_HIST_MAX;
	view_why_text(o, 0, "History:", n == 0 ? "no operator actions" : "",
	    UI_C_DIM, 0);
	for (i = 0; i < n; i++) {
		const struct fohp_alert_op	*op = &a->ops[i];
		int				 fits;

		ui_clock(at, sizeof(at), wall, op->t_ms);
		/* Who, in what is left of the line after when and what. */
		room = o->r->w - 3 - ui_width(u, at) - 1 - 11 - 1;
		ellw = ui_width(u, u->g->ellipsis);
		ww = view_why_who(who, sizeof(who), op, room, u->g->ellipsis,
		    ellw);
		snprintf(buf, sizeof(buf), "%-11s", op->op);
		fits = 3 + ui_width(u, at) + 1 + ui_width(u, buf) + 1 +
		    (ww < 8 ? 8 : ww) + 1 + ui_width(u, op->note) <= o->r->w;
		if ((y = view_why_line(o)) >= 0) {
			x = o->r->x + 3;
			ui_colour_set(u, UI_C_DIM, 0);
			x += ui_print(u, y, x, end - x, at) + 1;
			ui_colour_set(u, UI_C_NORMAL, A_BOLD);
			/* 11: the agent's "ack-expired" */
			snprintf(buf, sizeof(buf), "%-11s", op->op);
			x += ui_print(u, y, x, end - x, buf) + 1;
			ui_colour_set(u, UI_C_NORMAL, 0);
			snprintf(buf, sizeof(buf), "%-8s", who);
			x += ui_print(u, y, x, end - x, buf) + 1;
			if (fits && view_why_op_bad(op))
				ui_colour_set(u, UI_C_SEV_CRITICAL, A_BOLD);
			if (fits)
				ui_print(u, y, x, end - x, op->note);
		}
		if (!fits)
			view_why_wrap(o, 4, NULL, op->note, view_why_op_bad(op) ?
			    UI_C_SEV_CRITICAL : UI_C_NORMAL, view_why_op_bad(op) ?
			    A_BOLD : 0);
	}
}

/* One pass over the pane's lines; returns how many there are. */
static int
view_why_pass(struct view_why_out *o, const struct store_venue *v,
    const struct fohp_alert *a, uint64_t wall)
{
	o->line = 0;
	view_why_title(o, v, a);
	view_why_group(o);
	view_why_blank(o);
	view_why_rule(o, a, wall);
	/* An external alert sends no samples: no empty chart for it. */
	if (a->rkind != FOHP_RK_EXTERNAL || a->nwindow > 0) {
		view_why_blank(o);
		view_why_chart(o, a);
		view_why_forecast(o, a);
	}
	if (a->ncontrib > 0 || a->source[0] != '\0')
		view_why_blank(o);
	view_why_contrib(o, a);
	if (a->source[0] != '\0')
		view_why_text(o, 0, "Source:", a->source, UI_C_NORMAL, 0);
	if (a->action[0] != '\0') {
		view_why_blank(o);
		view_why_wrap(o, 0, "Suggested action:", a->action, UI_C_NORMAL,
		    A_BOLD);
	}
	view_why_blank(o);
	view_why_lifecycle(o, a, wall);
	view_why_history(o, a, wall);
	return (o->line);
}

/* Draw the explanation of the alert u->why_alert into r. */
void
view_why_draw(struct ui *u, const struct store *s, const struct ui_rect *r,
    uint64_t now_ms)
{
	struct view_why_out	 o = { u, r, 1, 0, s, NULL, -1 };
	const struct fohp_alert	*a;
	struct ui_queue		*uq;
	unsigned		 vi = 0, i;
	int			 total;
	uint64_t		 wall = clock_wall_ms();

	if (r->w <= 0 || r->h <= 0)
		return;
	if ((a = ui_queue_current(u, s, &vi)) == NULL) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_printf(u, r->y, r->x + 1, r->w - 1,
		    "alert %llu is no longer known",
		    (unsigned long long)u->why_alert);
		return;
	}
	/* Its group, whatever the "/" filter hides. */
	if ((uq = malloc(sizeof(*uq))) != NULL) {
		ui_queue_build(u, s, 0, uq);
		for (i = 0; i < uq->n; i++) {
			if (uq->q[i].venue == vi &&
			    ui_queue_item(s, uq, i) == a) {
				o.item = (int)i;
				break;
			}
		}
		o.uq = uq;
	}
	total = view_why_pass(&o, s->venues[vi], a, wall);
	if (u->why_scroll > total - r->h)
		u->why_scroll = total - r->h;
	if (u->why_scroll < 0)
		u->why_scroll = 0;
	o.dry = 0;
	view_why_pass(&o, s->venues[vi], a, wall);
	if (u->why_scroll + r->h < total && r->w > 12) {
		ui_colour_set(u, UI_C_DIM, 0);
		ui_printf(u, r->y + r->h - 1, r->x + r->w - 10, 10,
		    " %s more ", u->g->ellipsis);
	}
	free(uq);
}

/* Scroll the explanation; Escape, Backspace, h or Left go back. */
int
view_why_key(struct ui *u, const struct store *s, int key)
{
	int	old = u->why_scroll, page = u->panels[UI_PANEL_MAIN].h - 1;

	if (page < 1)
		page = 1;
	switch (key) {
	case KEY_UP: case 'k':
		u->why_scroll--;
		break;
	case KEY_DOWN: case 'j':
		u->why_scroll++;
		break;
	case KEY_PPAGE:
		u->why_scroll -= page;
		break;
	case KEY_NPAGE:
		u->why_scroll += page;
		break;
	case KEY_HOME:
		u->why_scroll = 0;
		break;
	case KEY_END:
		u->why_scroll = 1 << 20;	/* clamped when drawn */
		break;
	case 27: case KEY_BACKSPACE: case 127: case 8: case 'h':
	case KEY_LEFT:
		u->view = UI_VIEW_ALERTS;
		return (UI_HANDLED | UI_REDRAW);
	default:
		return (0);
	}
	if (u->why_scroll < 0)
		u->why_scroll = 0;
	return (u->why_scroll != old ? UI_HANDLED | UI_REDRAW : UI_HANDLED);
}
