/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * widget-prompt.c: a one-line editor for the comment, duration or reason
 * a request needs.
 *
 * wgetch hands over a UTF-8 character as its bytes, one call each, so the
 * editor stores bytes and treats a character as a lead byte and its
 * continuation bytes: a lead byte is only taken if its whole sequence
 * fits, and Backspace removes the whole sequence. Editing is at the end
 * only; the line shows the tail of the text when it is wider than the
 * panel, so the cursor stays in view.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-priv.h"

/* How many bytes a UTF-8 sequence starting with c takes (1 otherwise). */
static size_t
widget_prompt_seqlen(unsigned char c)
{
	if (c >= 0xf0 && c <= 0xf7)
		return (4);
	if (c >= 0xe0)
		return (3);
	if (c >= 0xc0)
		return (2);
	return (1);
}

/*
 * Whether the text ends inside a UTF-8 sequence, so that a continuation
 * byte belongs there. A continuation byte after a whole character (its
 * lead byte refused for want of room) would be a stray byte: not taken.
 */
static int
widget_prompt_inside(const struct ui_prompt *p)
{
	size_t		i = p->len, n = 0;
	unsigned char	c;

	while (i > 0 && n < 4) {
		c = (unsigned char)p->text[--i];
		n++;
		if (c < 0x80)
			return (0);
		if (c >= 0xc0)
			return (n < widget_prompt_seqlen(c));
	}
	return (0);
}

/* Ask a question: set the label, clear the text. */
static void
widget_prompt_ask(struct ui_prompt *p, const char *label)
{
	p->active = 1;
	snprintf(p->label, sizeof(p->label), "%s", label != NULL ? label : "");
	p->text[0] = '\0';
	p->len = 0;
}

/*
 * Start a request's prompt for key pending (what ui_cmd_answer acts on)
 * at its first question, step 0, whatever an earlier prompt left.
 */
void
widget_prompt_open(struct ui *u, int pending, const char *label)
{
	u->pending = pending;
	u->prompt.step = 0;
	ui_complete_reset(u);
	widget_prompt_ask(&u->prompt, label);
}

/* Ask the request's next question. */
void
widget_prompt_next(struct ui *u, const char *label)
{
	u->prompt.step++;
	widget_prompt_ask(&u->prompt, label);
}

/* End the prompt: nothing pending, the next one starts at step 0. */
void
widget_prompt_close(struct ui *u)
{
	u->prompt.active = 0;
	u->prompt.step = 0;
	u->pending = 0;
	ui_complete_reset(u);
}

/* Remove the last character (a whole UTF-8 sequence). */
void
widget_prompt_erase(struct ui *u)
{
	struct ui_prompt	*p = &u->prompt;
	size_t			 back = 0;

	ui_complete_reset(u);
	while (p->len > 0) {
		unsigned char	c = (unsigned char)p->text[--p->len];

		if (c < 0x80 || c >= 0xc0 || ++back == 4)
			break;
	}
	p->text[p->len] = '\0';
}

/*
 * Type key into the text (the key table took Enter, Esc and Backspace):
 * printable bytes only, a UTF-8 lead byte only with room for its whole
 * sequence. Returns UI_* flags.
 */
int
widget_prompt_type(struct ui *u, int key)
{
	struct ui_prompt	*p = &u->prompt;
	size_t			 need;

	if (!p->active || key < 32 || key > 255 || key == 127)
		return (UI_HANDLED | UI_REDRAW);
	ui_complete_reset(u);
	need = key >= 0x80 && key < 0xc0 ? 1 :
	    widget_prompt_seqlen((unsigned char)key);
	if (p->len + need >= sizeof(p->text))	/* full */
		return (UI_HANDLED | UI_REDRAW);
	if (key >= 0x80 && key < 0xc0 && !widget_prompt_inside(p))
		return (UI_HANDLED | UI_REDRAW);	/* its lead refused */
	p->text[p->len++] = (char)key;
	p->text[p->len] = '\0';
	return (UI_HANDLED | UI_REDRAW);
}

/* Draw the prompt on the first line of r: label, text, cursor. */
void
widget_prompt_draw(struct ui *u, const struct store *s,
    const struct ui_rect *r, uint64_t now_ms)
{
	struct ui_prompt	*p = &u->prompt;
	const char		*text = p->text, *cursor;
	char			 q[sizeof(p->label)];
	size_t			 ll;
	int			 x = r->x, end = r->x + r->w, avail, yn;

	if (r->w <= 0 || r->h <= 0)
		return;
	ui_colour_set(u, UI_C_NORMAL, 0);
	ui_fill(u, r->y, r->x, r->w, " ");
	ui_colour_set(u, UI_C_HEADING, 0);
	/* A long label (it names the alert) leaves room for 20 typed cells;
	 * a y/n question takes one key, and its "(y/n)" must show. */
	ll = strlen(p->label);
	yn = ll >= 6 && strcmp(p->label + ll - 6, "(y/n) ") == 0;
	if (yn && ui_width(u, p->label) > end - x - 1 && end - x - 1 > 12) {
		/* Too long: the question cut with an ellipsis, then the
		 * "(y/n)" whole. */
		snprintf(q, sizeof(q), "%.*s", (int)(ll - 6), p->label);
		x += ui_print_fit(u, r->y, x, end - x - 7, q);
		x += ui_print(u, r->y, x, end - x - 1, " (y/n) ");
	} else
		x += ui_print(u, r->y, x, r->w > 40 && !yn ? r->w - 21 :
		    end - x - 1, p->label);
	avail = end - x - 1;	/* keep a cell for the cursor */
	if (avail < 0)
		avail = 0;
	while (*text != '\0' && ui_width(u, text) > avail) {
		text++;		/* drop whole characters from the front */
		while (((unsigned char)*text & 0xc0) == 0x80)
			text++;
	}
	ui_colour_set(u, UI_C_NORMAL, A_BOLD);
	x += ui_print(u, r->y, x, avail, text);
	cursor = u->utf8 ? u->g->spark[7] : "_";
	ui_colour_set(u, UI_C_NORMAL, 0);
	ui_print(u, r->y, x, end - x, cursor);
}
