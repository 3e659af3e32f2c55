/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-why-text.c: the why-pane's lines, as view-why.c produces them.
 *
 * Lines are produced by one pass that knows nothing of the panel's height:
 * each asks view_why_line for its screen row, which is -1 while the line is
 * scrolled off (why_scroll) or below the panel, so a dry pass only counts.
 * Text comes after a label in the heading colour, on one clipped line or
 * wrapped at spaces with further lines indented under it; numbers and
 * times are written as an operator reads them.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "view-why-priv.h"

/* "2m ago" or "in 10m" for t_ms against now. */
void
view_why_rel(char *buf, size_t len, uint64_t now, uint64_t t_ms)
{
	char	d[32];

	if (t_ms <= now) {
		ui_span(d, sizeof(d), now - t_ms);
		snprintf(buf, len, "%s ago", d);
	} else {
		ui_span(d, sizeof(d), t_ms - now);
		snprintf(buf, len, "in %s", d);
	}
}

/* A number as an operator reads it: 2 decimals, fewer when large. */
void
view_why_num(char *buf, size_t len, double v)
{
	if (!isfinite(v))
		snprintf(buf, len, "?");
	else if (fabs(v) >= 1000)
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.2f", v);
}

/* The screen row of the next line; -1 if it is not shown. */
int
view_why_line(struct view_why_out *o)
{
	int	l = o->line++ - o->u->why_scroll;

	if (o->dry || l < 0 || l >= o->r->h)
		return (-1);
	return (o->r->y + l);
}

/*
 * One line at columns further in: a label in the heading colour, then
 * text in slot and attr.
 */
void
view_why_text(struct view_why_out *o, int at, const char *label,
    const char *text, enum ui_slot slot, attr_t attr)
{
	struct ui	*u = o->u;
	int		 y = view_why_line(o), x = o->r->x + 1 + at;
	int		 end = o->r->x + o->r->w;

	if (y < 0)
		return;
	if (label != NULL) {
		ui_colour_set(u, UI_C_HEADING, 0);
		x += ui_print(u, y, x, end - x, label);
		x += ui_print(u, y, x, end - x, " ");
	}
	ui_colour_set(u, slot, attr);
	ui_print(u, y, x, end - x, text);
}

/*
 * Text after a label, every line at columns further in, wrapped at
 * spaces to the panel's width; further lines are indented under the
 * text. A word wider than the line is cut.
 */
void
view_why_wrap(struct view_why_out *o, int at, const char *label,
    const char *text, enum ui_slot slot, attr_t attr)
{
	struct ui	*u = o->u;
	char		 line[FOHP_TEXT_MAX + 8], word[FOHP_TEXT_MAX];
	const char	*p = text, *q;
	int		 indent, avail, lw, ww, y, first = 1;
	size_t		 ll = 0, wl;

	indent = at + (label != NULL ? ui_width(u, label) + 1 : 0);
	avail = o->r->w - 1 - indent;
	if (avail < 10) {	/* too narrow to wrap: one clipped line */
		view_why_text(o, at, label, text, slot, attr);
		return;
	}
	line[0] = '\0';
	lw = 0;
	for (;;) {
		while (*p == ' ')
			p++;
		q = p;
		while (*q != '\0' && *q != ' ')
			q++;
		wl = (size_t)(q - p);
		if (wl >= sizeof(word))
			wl = sizeof(word) - 1;
		memcpy(word, p, wl);
		word[wl] = '\0';
		ww = ui_width(u, word);
		if (wl > 0 && (lw == 0 || lw + 1 + ww <= avail)) {
			if (lw > 0)
				line[ll++] = ' ';
			memcpy(line + ll, word, wl);
			ll += wl;
			line[ll] = '\0';
			lw += (lw > 0) + ww;
			p = q;
			if (*p != '\0')
				continue;
		}
		/* Flush the line (full, or the text is done). */
		if (first)
			view_why_text(o, at, label, line, slot, attr);
		else if ((y = view_why_line(o)) >= 0) {
			ui_colour_set(u, slot, attr);
			ui_print(u, y, o->r->x + 1 + indent, avail, line);
		}
		first = 0;
		ll = 0;
		lw = 0;
		line[0] = '\0';
		if (*p == '\0' || wl == 0)
			break;
	}
}

/* An empty line. */
void
view_why_blank(struct view_why_out *o)
{
	view_why_line(o);
}

/* Upper-case the ASCII letters of s in place. */
void
view_why_upper(char *s)
{
	for (; *s != '\0'; s++) {
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
	}
}

/*
 * Who did a history entry, into buf (len bytes): "by ana", "(agent)" for
 * the agent's own, and for a signed op "by ana (SHA256:...)" with the
 * key's whole fingerprint if that is at most room columns, else cut to
 * fit and ended with ellipsis (ellw columns wide), keeping at least 4 of
 * its characters. Returns the columns written (all ASCII but ellipsis).
 */
int
view_why_who(char *buf, size_t len, const struct fohp_alert_op *op,
    int room, const char *ellipsis, int ellw)
{
	const char	*fp = op->key;
	int		 n, keep, fixed;

	if (op->operator_name[0] == '\0') {
		snprintf(buf, len, "(agent)");
		return (7);
	}
	if (fp[0] == '\0') {
		n = snprintf(buf, len, "by %s", op->operator_name);
		return (n);
	}
	n = snprintf(buf, len, "by %s (%s)", op->operator_name, fp);
	if (n <= room)
		return (n);
	/* "by NAME (" + the key's first keep characters + ellipsis + ")" */
	fixed = 3 + (int)strlen(op->operator_name) + 2 + ellw + 1;
	keep = room - fixed;
	if (keep < 11)	/* "SHA256:" and 4 of the key's own */
		keep = 11;
	if (keep >= (int)strlen(fp))
		return (n);
	snprintf(buf, len, "by %s (%.*s%s)", op->operator_name, keep, fp,
	    ellipsis);
	return (fixed + keep);
}
