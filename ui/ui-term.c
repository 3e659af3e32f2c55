/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui-term.c: what the terminal must be, and the keys terminfo forgets.
 *
 * Before curses starts, ui_usable looks the terminal up in terminfo and
 * refuses one that cannot move the cursor (TERM=dumb, a hard-copy or
 * generic type) or is smaller than UI_MIN_COLS x UI_MIN_LINES, saying why;
 * foh then exits 69. While running, a terminal resized below that size gets
 * one line, "terminal too small (WxH, needs 40x12)" ("too small: WxH, needs
 * 40x12", "too small" if narrower than that) and the alert counts, in place
 * of a layout that would not fit, until it is made larger again; a
 * question (q's) or message goes on the line under it.
 *
 * Terminals disagree on what Home, End and the function keys send, and a
 * terminfo entry lists one form: PuTTY and rxvt under TERM=xterm send
 * ESC [ 1 ~ for Home and ESC [ 4 ~ for End, which curses would hand over as
 * ESC, '[', '1', '~' (leave the view, previous venue, ...). As htop does,
 * every common form is registered with define_key, so each arrives as one
 * key code.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ui-priv.h"

#include <term.h>
#undef lines		/* term.h's, which would rename struct ui's */
#undef columns

/* The other forms of keys: xterm, rxvt, PuTTY, the Linux console. */
static const struct {
	const char	*seq;
	int		 code;
} ui_term_seqs[] = {
	{ "\033[1~", KEY_HOME },	/* PuTTY, rxvt, vt220 */
	{ "\033[7~", KEY_HOME },	/* rxvt */
	{ "\033[H", KEY_HOME },		/* xterm, normal cursor mode */
	{ "\033OH", KEY_HOME },		/* xterm, application mode */
	{ "\033[4~", KEY_END },
	{ "\033[8~", KEY_END },
	{ "\033[F", KEY_END },
	{ "\033OF", KEY_END },
	{ "\033[2~", KEY_IC },
	{ "\033[3~", KEY_DC },
	{ "\033[5~", KEY_PPAGE },
	{ "\033[6~", KEY_NPAGE },
	{ "\033OP", KEY_F(1) },		/* xterm */
	{ "\033OQ", KEY_F(2) },
	{ "\033OR", KEY_F(3) },
	{ "\033OS", KEY_F(4) },
	{ "\033[11~", KEY_F(1) },	/* PuTTY (ESC [n~ mode), rxvt */
	{ "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) },
	{ "\033[14~", KEY_F(4) },
	{ "\033[15~", KEY_F(5) },
	{ "\033[[A", KEY_F(1) },	/* Linux console, PuTTY's Linux mode */
	{ "\033[[B", KEY_F(2) },
	{ "\033[[C", KEY_F(3) },
	{ "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) },
	{ "\033[17~", KEY_F(6) },
	{ "\033[18~", KEY_F(7) },
	{ "\033[19~", KEY_F(8) },
	{ "\033[20~", KEY_F(9) },
	{ "\033[21~", KEY_F(10) },
	{ "\033[23~", KEY_F(11) },
	{ "\033[24~", KEY_F(12) },
};

/* Register every form of Home, End, Insert, Delete, PgUp, PgDn, F1-F12. */
void
ui_term_keys(void)
{
	size_t	i;

	for (i = 0; i < sizeof(ui_term_seqs) / sizeof(ui_term_seqs[0]); i++) {
		/* Already that key (the terminfo's own form): leave it. */
		if (key_defined(ui_term_seqs[i].seq) == ui_term_seqs[i].code)
			continue;
		(void)define_key(ui_term_seqs[i].seq, ui_term_seqs[i].code);
	}
}

/* The terminal's size: the window's, else $LINES/$COLUMNS, else terminfo. */
static void
ui_term_size(int *nc, int *nl)
{
	struct winsize	 ws;
	const char	*e;

	*nc = tigetnum("cols");
	*nl = tigetnum("lines");
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
	    ws.ws_row > 0) {
		*nc = ws.ws_col;
		*nl = ws.ws_row;
	}
	if ((e = getenv("COLUMNS")) != NULL && atoi(e) > 0)
		*nc = atoi(e);
	if ((e = getenv("LINES")) != NULL && atoi(e) > 0)
		*nl = atoi(e);
}

/*
 * Whether foh can draw on this terminal: 0, or -1 with why (len bytes),
 * "TERM=dumb cannot move the cursor; foh needs ...".
 */
int
ui_usable(char *why, size_t len)
{
	const char	*term = getenv("TERM");
	char		*cup;
	int		 err = 0, nc, nl, rv = 0;

	if (term == NULL || *term == '\0') {
		snprintf(why, len, "TERM is not set; foh needs a terminal that "
		    "can move the cursor, at least %dx%d", UI_MIN_COLS,
		    UI_MIN_LINES);
		return (-1);
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		snprintf(why, len, "TERM=%s: %s", term, err == 0 ?
		    "no such terminal in the terminfo database" :
		    "no terminfo database");
		return (-1);
	}
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1 || tigetflag("hc") > 0 ||
	    tigetflag("gn") > 0) {
		snprintf(why, len, "TERM=%s cannot move the cursor; foh needs "
		    "a full-screen terminal (such as xterm-256color), at least "
		    "%dx%d", term, UI_MIN_COLS, UI_MIN_LINES);
		rv = -1;
	} else {
		/* A size nobody states (<= 0) is left to curses. */
		ui_term_size(&nc, &nl);
		if ((nc > 0 && nc < UI_MIN_COLS) ||
		    (nl > 0 && nl < UI_MIN_LINES)) {
			snprintf(why, len, "the terminal is %dx%d; foh needs at"
			    " least %dx%d (columns x lines)", nc, nl,
			    UI_MIN_COLS, UI_MIN_LINES);
			rv = -1;
		}
	}
	(void)del_curterm(cur_term);
	return (rv);
}

/* The words about a too small screen, form 0 (long) to 2 ("too small"). */
static void
ui_term_words(struct ui *u, int form, char *buf, size_t len)
{
	if (form == 0)
		snprintf(buf, len, "terminal too small (%dx%d, needs %dx%d)",
		    u->cols, u->lines, UI_MIN_COLS, UI_MIN_LINES);
	else if (form == 1)
		snprintf(buf, len, "too small: %dx%d, needs %dx%d", u->cols,
		    u->lines, UI_MIN_COLS, UI_MIN_LINES);
	else
		snprintf(buf, len, "too small");
}

/*
 * If the screen is below the minimum, say so on its first line with the
 * alert counts in their colours ("terminal too small (30x10, needs 40x12)
 * C2 W9 I0, 2 crit unacked": a shrunken console still alarms; the words
 * shorten to "too small", the counts to "2 crit unacked", and then only
 * that is left) and return 1 (the
 * frame is that); else 0. A question (q's "Quit? ...", any prompt) or a
 * message goes on the next line, or on the first if there is no other;
 * the words cut short, whole on the third.
 */
int
ui_term_small(struct ui *u, const struct store *s)
{
	char		 line[96], buf[64];
	unsigned	 sev[FOHP_SEV_COUNT], unacked;
	int		 cw, ccw, x, y, form;
	struct ui_rect	 r;

	if (u->cols >= UI_MIN_COLS && u->lines >= UI_MIN_LINES)
		return (0);
	unacked = ui_store_counts(s, sev, NULL);
	cw = ui_width(u, ui_counts(buf, sizeof(buf), sev, unacked));
	/* "2 crit unacked" alone: what ui_counts_fit falls back to. */
	ccw = unacked > 0 ? cw - ui_width(u, ui_counts(buf, sizeof(buf), sev,
	    0)) - 2 : cw;
	for (form = 0; form < 3; form++) {
		ui_term_words(u, form, line, sizeof(line));
		if (ui_width(u, line) + 2 + (form < 2 ? cw : ccw) <= u->cols)
			break;
	}
	if (form == 3)
		line[0] = '\0';	/* the counts alone */
	ui_colour_set(u, UI_C_NORMAL, 0);
	werase(stdscr);
	ui_colour_set(u, UI_C_HEADING, 0);
	x = ui_print(u, 0, 0, u->cols, line);
	if (x > 0)
		x += 2;
	ui_counts_fit(u, 0, x, u->cols - x, sev, unacked, UI_C_NORMAL);
	y = u->lines >= 2 ? 1 : 0;
	r.y = y;
	r.x = 0;
	r.w = u->cols;
	r.h = 1;
	if (u->prompt.active)
		widget_prompt_draw(u, s, &r, u->now_ms);
	else if (u->now_ms < u->message_until) {
		ui_colour_set(u, UI_C_KEYS, A_BOLD);
		ui_fill(u, y, 0, u->cols, " ");
		ui_print(u, y, 0, u->cols, u->message);
	}
	/* The words about the size cut short: whole, on the third line. */
	if (form > 0 && u->lines >= 3) {
		ui_term_words(u, 0, line, sizeof(line));
		if (ui_width(u, line) > u->cols)
			ui_term_words(u, 1, line, sizeof(line));
		ui_colour_set(u, UI_C_HEADING, 0);
		ui_print(u, 2, 0, u->cols, line);
	}
	ui_colour_set(u, UI_C_NORMAL, 0);
	wnoutrefresh(stdscr);
	doupdate();
	return (1);
}
