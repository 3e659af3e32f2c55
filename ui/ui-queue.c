/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-queue.c: the alert queue as the console shows it, which the queue
 * view, the why-pane, the control keys and the kiosk banner share.
 *
 * The queue is rebuilt from the store at each use (it is small) by
 * queue_build (src/core/queue.h): every venue's alerts in one order, a
 * venue's alerts about one subject as one group under its worst alert,
 * resolved ones lingering u->linger_ms, and, when asked, only those that
 * pass the "/" filter. The lines shown are every group's row and the
 * alerts folded under the rows of the groups opened (u->expanded).
 *
 * The cursor is an alert, not a line (u->cursor: venue and id): each use
 * finds the cursor's alert again (ui_queue_locate) and u->alert_sel, its
 * line, follows it. If a worse alert of its subject comes and folds the
 * cursor's alert under it, its group opens: the cursor stays on its alert.
 * If the alert is gone from the queue, the message line says so and the
 * cursor takes the alert now at its line; a control key pressed at that
 * moment does nothing (ui-control.c), so no request ever goes to an alert
 * the operator did not see under the cursor.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui-priv.h"

/* Whether an alert passes the "/" filter (queue_opts.match). */
static int
ui_queue_match(void *arg, const struct store_venue *v,
    const struct fohp_alert *a)
{
	const struct ui	*u = arg;
	const char	*f = u->filter;

	if (f[0] == '\0')
		return (1);
	return (ui_table_contains(v->id, f) ||
	    ui_table_contains(v->name, f) ||
	    ui_table_contains(fohp_severity_name(a->severity), f) ||
	    ui_table_contains(fohp_alert_state_name(a->state), f) ||
	    ui_table_contains(a->rule, f) ||
	    ui_table_contains(a->subject, f) ||
	    ui_table_contains(a->title, f));
}

/* The alert of item i of uq. */
const struct fohp_alert *
ui_queue_item(const struct store *s, const struct ui_queue *uq,
    unsigned i)
{
	return (&s->venues[uq->q[i].venue]->alerts[uq->q[i].index]);
}

/* The index in u->expanded of the group of item i; -1 if it is closed. */
int
ui_queue_expanded(const struct ui *u, const struct store *s,
    const struct ui_queue *uq, unsigned i)
{
	const struct fohp_alert	*a = ui_queue_item(s, uq, i);
	unsigned		 k;

	for (k = 0; k < u->nexpanded; k++) {
		if (u->expanded[k].venue == uq->q[i].venue &&
		    strcmp(u->expanded[k].subject, a->subject) == 0)
			return ((int)k);
	}
	return (-1);
}

/* Open or close the group of item i (its row's group). */
void
ui_queue_expand(struct ui *u, const struct store *s,
    const struct ui_queue *uq, unsigned i, int open)
{
	const struct fohp_alert	*a;
	int			 k;

	i = uq->q[i].head;
	a = ui_queue_item(s, uq, i);
	k = ui_queue_expanded(u, s, uq, i);
	if (!open && k >= 0) {
		memmove(&u->expanded[k], &u->expanded[k + 1],
		    (u->nexpanded - (unsigned)k - 1) * sizeof(u->expanded[0]));
		u->nexpanded--;
	} else if (open && k < 0) {
		if (u->nexpanded == UI_EXPANDED_MAX) {	/* the oldest goes */
			memmove(&u->expanded[0], &u->expanded[1],
			    (UI_EXPANDED_MAX - 1) * sizeof(u->expanded[0]));
			u->nexpanded--;
		}
		u->expanded[u->nexpanded].venue = uq->q[i].venue;
		snprintf(u->expanded[u->nexpanded].subject,
		    sizeof(u->expanded[0].subject), "%s", a->subject);
		u->nexpanded++;
	}
}

/* The lines of uq: every row, and the folded items of opened groups. */
static void
ui_queue_lines(const struct ui *u, const struct store *s,
    struct ui_queue *uq)
{
	unsigned	i;
	int		open = 0;

	uq->nlines = 0;
	for (i = 0; i < uq->n; i++) {
		if (!uq->q[i].folded)
			open = uq->q[i].nfolded > 0 &&
			    ui_queue_expanded(u, s, uq, i) >= 0;
		else if (!open)
			continue;
		uq->line[uq->nlines++] = i;
	}
}

/*
 * Build the queue as shown into uq: queue_build's order and groups, the
 * linger, and with filter the "/" filter. Returns the lines to draw.
 */
unsigned
ui_queue_build(const struct ui *u, const struct store *s, int filter,
    struct ui_queue *uq)
{
	struct queue_opts	o;

	memset(&o, 0, sizeof(o));
	o.group = 1;
	o.linger_ms = u->linger_ms;
	if (filter && u->filter[0] != '\0') {
		o.match = ui_queue_match;
		o.arg = (void *)(uintptr_t)u;
	}
	uq->total = queue_build(s, &o, u->now_ms, uq->q, UI_QUEUE_MAX);
	uq->n = uq->total < UI_QUEUE_MAX ? uq->total : UI_QUEUE_MAX;
	ui_queue_lines(u, s, uq);
	return (uq->nlines);
}

/* Find alert id in venue vi; NULL if the venue or the alert is gone. */
static const struct fohp_alert *
ui_queue_find(const struct store *s, unsigned vi, uint64_t id)
{
	const struct store_venue	*v;
	unsigned			 i;

	if (vi >= s->nvenues)
		return (NULL);
	v = s->venues[vi];
	for (i = 0; i < v->nalerts; i++) {
		if (v->alerts[i].id == id)
			return (&v->alerts[i]);
	}
	return (NULL);
}

/* Put the queue's cursor on alert id of venue. */
void
ui_queue_select(struct ui *u, unsigned venue, uint64_t id)
{
	u->cursor.venue = venue;
	u->cursor.id = id;
}

/*
 * Find the cursor's alert in the queue uq and set u->alert_sel to its
 * line. If it is folded in a closed group (a worse alert of its subject
 * came), its group opens: the cursor stays on its alert. If it is no
 * longer in the queue (resolved and gone, filtered out, gone with a
 * snapshot), say so and put the cursor on the alert now at its old line
 * (or the last), so that the arrows still move from where it was: the
 * cursor never changes alert silently.
 */
void
ui_queue_locate(struct ui *u, const struct store *s, struct ui_queue *uq)
{
	uint64_t	gone;
	unsigned	i, l;

	for (i = 0; i < uq->n && u->cursor.id != 0; i++) {
		if (uq->q[i].venue != u->cursor.venue ||
		    ui_queue_item(s, uq, i)->id != u->cursor.id)
			continue;
		if (uq->q[i].folded &&
		    ui_queue_expanded(u, s, uq, i) < 0) {
			ui_queue_expand(u, s, uq, i, 1);
			ui_queue_lines(u, s, uq);
		}
		for (l = 0; l < uq->nlines; l++) {
			if (uq->line[l] == i) {
				u->alert_sel = l;
				return;
			}
		}
		break;		/* not reached: an opened group is drawn */
	}
	gone = u->cursor.id;
	if (uq->nlines == 0) {
		u->alert_sel = 0;
		u->cursor.id = 0;
	} else {
		if (u->alert_sel >= uq->nlines)
			u->alert_sel = uq->nlines - 1;
		i = uq->line[u->alert_sel];
		ui_queue_select(u, uq->q[i].venue,
		    ui_queue_item(s, uq, i)->id);
	}
	if (gone == 0)
		return;
	u->cursor_left = 1;
	if (u->cursor.id != 0)
		ui_message(u, u->now_ms, "alert #%llu left the queue; the "
		    "cursor is on #%llu", (unsigned long long)gone,
		    (unsigned long long)u->cursor.id);
	else
		ui_message(u, u->now_ms, "alert #%llu left the queue",
		    (unsigned long long)gone);
}

/* The alert under the queue's cursor, or the why-pane's; NULL if none. */
const struct fohp_alert *
ui_queue_current(struct ui *u, const struct store *s, unsigned *venue)
{
	struct ui_queue		*uq;
	const struct fohp_alert	*a = NULL;
	unsigned		 i;

	if (u->view == UI_VIEW_WHY) {
		if (venue != NULL)
			*venue = u->why_venue;
		return (ui_queue_find(s, u->why_venue, u->why_alert));
	}
	if ((uq = malloc(sizeof(*uq))) == NULL)
		return (NULL);
	ui_queue_build(u, s, 1, uq);
	ui_queue_locate(u, s, uq);
	if (uq->nlines > 0) {
		i = uq->line[u->alert_sel];
		if (venue != NULL)
			*venue = uq->q[i].venue;
		a = ui_queue_item(s, uq, i);
	}
	free(uq);
	return (a);
}

/* Open the why-pane on the alert under the queue's cursor. UI_* flags. */
int
ui_queue_why(struct ui *u, const struct store *s)
{
	const struct fohp_alert	*a;
	unsigned		 venue = 0;

	if ((a = ui_queue_current(u, s, &venue)) == NULL)
		return (UI_HANDLED);
	u->view = UI_VIEW_WHY;
	u->why_alert = a->id;
	u->why_venue = venue;
	u->why_scroll = 0;
	return (UI_HANDLED | UI_REDRAW);
}
