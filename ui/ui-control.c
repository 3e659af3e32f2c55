/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-control.c: the control keys (a, u, s, x, A): the requests they ask
 * the agent to make of an alert, and the questions the prompt asks first.
 *
 * A control key acts on the alert under the queue's cursor (or the
 * why-pane's), never on one the operator did not see there: if the
 * cursor's alert has just left the queue, the key does nothing and the
 * message line says so (ui-queue.c). A finished request goes on u->reqs,
 * which the caller takes (ui_take_request) and sends to the venue.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ui-priv.h"

/* Queue a request for the caller (the history's numbers too). */
int
ui_request_push(struct ui *u, const struct ui_request *r)
{
	if (u->nreqs == UI_REQUESTS_MAX)
		return (0);
	u->reqs[u->nreqs++] = *r;
	return (UI_REQUEST | UI_REDRAW);
}

/* Take a queued request. */
int
ui_take_request(struct ui *u, struct ui_request *out)
{
	if (u->nreqs == 0)
		return (-1);
	*out = u->reqs[0];
	memmove(&u->reqs[0], &u->reqs[1], --u->nreqs * sizeof(u->reqs[0]));
	return (0);
}

/* "#42 club density dance (critical)": which alert, in words. */
static void
ui_alert_words(char *buf, size_t len, const struct store *s, unsigned venue,
    const struct fohp_alert *al)
{
	const struct store_venue	*v = s->venues[venue];

	snprintf(buf, len, "#%llu %s %s%s%s (%s)", (unsigned long long)al->id,
	    v->id[0] != '\0' ? v->id : v->name, al->rule,
	    al->subject[0] != '\0' ? " " : "", al->subject,
	    fohp_severity_name(al->severity));
}

/*
 * The unattended (firing, flapping) alerts of the queue as shown (filter
 * included), folded ones too, into u->bulk, at most UI_BULK_MAX; how many
 * of those taken are folded into *folded; their venues' ids,
 * comma-separated, into venues. Returns how many are unattended in all
 * (may be more than were taken).
 */
static unsigned
ui_bulk_pick(struct ui *u, const struct store *s, char *venues, size_t len,
    unsigned *folded)
{
	struct ui_queue		*uq;
	unsigned		 i, firing = 0, more = 0;
	size_t			 o = 0;
	char			 seen[STORE_VENUES_MAX];
	const char		*w;

	u->nbulk = 0;
	*folded = 0;
	venues[0] = '\0';
	memset(seen, 0, sizeof(seen));
	if ((uq = malloc(sizeof(*uq))) == NULL)
		return (0);
	ui_queue_build(u, s, 1, uq);
	for (i = 0; i < uq->n; i++) {
		const struct store_venue *v = s->venues[uq->q[i].venue];
		const struct fohp_alert	*al = ui_queue_item(s, uq, i);

		if (!store_alert_unattended(al))
			continue;
		firing++;
		if (u->nbulk == UI_BULK_MAX)
			continue;
		u->bulk[u->nbulk].venue = uq->q[i].venue;
		u->bulk[u->nbulk++].id = al->id;
		if (uq->q[i].folded)
			++*folded;
		if (uq->q[i].venue < STORE_VENUES_MAX &&
		    !seen[uq->q[i].venue]) {
			seen[uq->q[i].venue] = 1;
			w = v->id[0] != '\0' ? v->id : v->name;
			/* Room kept for " and N more": never cut silently. */
			if (o + strlen(w) + 2 + 24 < len)
				o += (size_t)snprintf(venues + o, len - o,
				    "%s%s", o > 0 ? ", " : "", w);
			else
				more++;
		}
	}
	if (more > 0)
		snprintf(venues + o, len - o, " and %u more", more);
	free(uq);
	return (firing);
}

/* The control keys: the request each makes and the first question. */
static const struct ui_control_op {
	int		 key;
	const char	*op;		/* the request's op */
	const char	*words;		/* what it does, for a refusal */
	const char	*ask;		/* "%s %s": the alert, a dash; NULL:
					   no question (x asks its own) */
} ui_control_ops[] = {
	{ 'a', "ack", "acknowledge", "Ack %s %s comment: " },
	{ 'u', "unack", "unacknowledge", NULL },
	{ 's', "shelve", "shelve", "Shelve %s %s minutes: " },
	{ 'x', "approve", "approve", NULL },
	{ 'A', "ack", "bulk acknowledge", NULL },
};

/*
 * "A": ask whether to acknowledge every unacknowledged alert shown,
 * naming how many and of which venues.
 */
static int
ui_control_bulk(struct ui *u, const struct store *s)
{
	unsigned	 firing, folded;
	char		 label[320], venues[96], fw[48];

	firing = ui_bulk_pick(u, s, venues, sizeof(venues), &folded);
	if (u->nbulk == 0) {
		ui_message(u, u->now_ms, "no unacknowledged alert "
		    "shown: nothing to acknowledge");
		return (UI_HANDLED | UI_REDRAW);
	}
	fw[0] = '\0';
	if (folded > 0)
		snprintf(fw, sizeof(fw), " (%u of them folded)", folded);
	if (firing > u->nbulk)
		snprintf(label, sizeof(label), "Ack the first %u of %u "
		    "unacknowledged alerts%s, of %s? (y/n) ", u->nbulk,
		    firing, fw, venues);
	else
		snprintf(label, sizeof(label), "Ack %u unacknowledged "
		    "alert%s%s of %s? (y/n) ", u->nbulk,
		    u->nbulk == 1 ? "" : "s", fw, venues);
	widget_prompt_open(u, 'A', label);
	return (UI_HANDLED | UI_REDRAW);
}

/*
 * A control key (the key table's handler for a, u, s, x, A): on the alert
 * under the cursor (or the why-pane's), or for A on every unacknowledged
 * alert shown. The prompt names the alert(s) and asks its first question.
 */
int
ui_control_key(struct ui *u, const struct store *s, int key)
{
	const struct ui_control_op	*c = NULL;
	const struct fohp_alert		*al;
	unsigned			 venue, i;
	char				 label[320], what[200];

	for (i = 0; i < sizeof(ui_control_ops) / sizeof(ui_control_ops[0]);
	    i++) {
		if (ui_control_ops[i].key == key)
			c = &ui_control_ops[i];
	}
	if (c == NULL)
		return (0);
	if (u->readonly) {
		ui_message(u, u->now_ms, "read-only console: %s does nothing "
		    "here", c->words);
		return (UI_HANDLED | UI_REDRAW);
	}
	memset(&u->req, 0, sizeof(u->req));
	snprintf(u->req.op, sizeof(u->req.op), "%s", c->op);
	if (key == 'A')
		return (ui_control_bulk(u, s));
	u->cursor_left = 0;
	al = ui_queue_current(u, s, &venue);
	if (u->cursor_left)	/* the message says so: look before acting */
		return (UI_HANDLED | UI_REDRAW);
	if (al == NULL) {
		ui_message(u, u->now_ms, "no alert selected: 2 shows the "
		    "alert queue");
		return (UI_HANDLED | UI_REDRAW);
	}
	u->req.venue = venue;
	u->req.alert = al->id;
	ui_alert_words(what, sizeof(what), s, venue, al);
	if (c->ask != NULL) {
		snprintf(label, sizeof(label), c->ask, what,
		    u->utf8 ? "\u2014" : "-");
		widget_prompt_open(u, key, label);
	} else if (key == 'u') {
		widget_prompt_close(u);
		return (UI_HANDLED | ui_request_push(u, &u->req));
	} else if (al->action[0] == '\0') {	/* x */
		ui_message(u, u->now_ms, "alert #%llu suggests no action",
		    (unsigned long long)al->id);
	} else {
		snprintf(label, sizeof(label), "Approve the action of %s? "
		    "(y/n) ", what);
		widget_prompt_open(u, key, label);
	}
	return (UI_HANDLED | UI_REDRAW);
}

/* Bulk acknowledge: one request per alert "A" named (u->bulk). */
static int
ui_bulk(struct ui *u)
{
	unsigned	i, sent = 0;
	int		flags = UI_HANDLED | UI_REDRAW;

	for (i = 0; i < u->nbulk; i++) {
		u->req.venue = u->bulk[i].venue;
		u->req.alert = u->bulk[i].id;
		if (ui_request_push(u, &u->req) == 0)
			break;
		flags |= UI_REQUEST;
		sent++;
	}
	u->nbulk = 0;
	ui_message(u, u->now_ms, "acknowledging %u alert%s", sent,
	    sent == 1 ? "" : "s");
	return (flags);
}

/*
 * The answer to a control key's question (u->pending): act on it, or ask
 * the request's next question. Questions: a: comment, expiry, sticky or
 * not; A: y/n, comment, expiry (its acks are sticky); s: minutes, reason;
 * x: y/n. A refused answer asks the same question again.
 */
int
ui_control_answer(struct ui *u)
{
	const char	*t = u->prompt.text;
	char		*end, label[96];
	unsigned long	 n;
	int		 op = u->pending, step = u->prompt.step;

	switch (op) {
	case 'A':
		if (step == 0) {
			if (*t != 'y' && *t != 'Y') {
				widget_prompt_close(u);
				u->nbulk = 0;
				ui_message(u, u->now_ms, "nothing "
				    "acknowledged");
				return (UI_HANDLED | UI_REDRAW);
			}
			snprintf(label, sizeof(label), "Ack %u alert%s %s "
			    "comment: ", u->nbulk, u->nbulk == 1 ? "" : "s",
			    u->utf8 ? "\u2014" : "-");
			widget_prompt_next(u, label);
			return (UI_HANDLED | UI_REDRAW);
		}
		step--;		/* then the questions of a */
		/* FALLTHROUGH */
	case 'a':
		if (step == 0) {
			if (*t == '\0') {
				ui_message(u, u->now_ms, "an acknowledgement "
				    "needs a comment");
				return (UI_HANDLED | UI_REDRAW);
			}
			snprintf(u->req.comment, sizeof(u->req.comment), "%s",
			    t);
			widget_prompt_next(u, "Expires in minutes (empty: "
			    "until resolved): ");
			return (UI_HANDLED | UI_REDRAW);
		}
		if (step == 1) {
			n = strtoul(t, &end, 10);
			if (*end != '\0' || n > 7 * 24 * 60) {
				ui_message(u, u->now_ms, "minutes, or empty");
				return (UI_HANDLED | UI_REDRAW);
			}
			u->req.expiry_s = (uint32_t)(n * 60);
			if (op == 'A') {
				widget_prompt_close(u);
				return (ui_bulk(u));
			}
			/* 59 cells: the whole question fits in 80 columns */
			widget_prompt_next(u, "Sticky (until resolved), "
			    "non-sticky (ends if worse)? [S/n] ");
			return (UI_HANDLED | UI_REDRAW);
		}
		if (*t == '\0' || strcasecmp(t, "s") == 0 ||
		    strcasecmp(t, "sticky") == 0)
			u->req.ack_type = FOHP_ACK_STICKY;
		else if (strcasecmp(t, "n") == 0 ||
		    strcasecmp(t, "non-sticky") == 0)
			u->req.ack_type = FOHP_ACK_NONSTICKY;
		else {
			ui_message(u, u->now_ms, "s (sticky, the default) or "
			    "n (non-sticky)");
			return (UI_HANDLED | UI_REDRAW);
		}
		widget_prompt_close(u);
		return (UI_HANDLED | ui_request_push(u, &u->req));
	case 's':
		if (step == 0) {
			n = strtoul(t, &end, 10);
			if (*t == '\0' || *end != '\0' || n == 0 ||
			    n > 7 * 24 * 60) {
				ui_message(u, u->now_ms, "shelve needs a number "
				    "of minutes");
				return (UI_HANDLED | UI_REDRAW);
			}
			u->req.duration_s = (uint32_t)(n * 60);
			widget_prompt_next(u, "Reason: ");
			return (UI_HANDLED | UI_REDRAW);
		}
		if (*t == '\0') {
			ui_message(u, u->now_ms, "shelving needs a reason");
			return (UI_HANDLED | UI_REDRAW);
		}
		snprintf(u->req.reason, sizeof(u->req.reason), "%s", t);
		widget_prompt_close(u);
		return (UI_HANDLED | ui_request_push(u, &u->req));
	case 'x':
		widget_prompt_close(u);
		if (*t != 'y' && *t != 'Y') {
			ui_message(u, u->now_ms, "not approved");
			return (UI_HANDLED | UI_REDRAW);
		}
		return (UI_HANDLED | ui_request_push(u, &u->req));
	}
	widget_prompt_close(u);
	return (UI_HANDLED | UI_REDRAW);
}
