/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ui.h: the console's screen. Views and widgets live one per file in ui/
 * (ui/view-venues.c, ui/view-heatmap.c, ui/widget-statusbar.c, ...); this is
 * the one header they share with the rest of foh.
 *
 * The ui reads a struct store (src/core/store.h) and never touches the network.
 * Model -> layout -> draw: input handlers only change ui state and return
 * flags; ui_draw paints a whole frame into curses' virtual screen and curses
 * sends only the cells that changed. The caller decides when to draw (capped
 * frame rate, at once for a new critical alert).
 */
#ifndef FOH_UI_H
#define FOH_UI_H

#include <stddef.h>
#include <stdint.h>

#include "core/store.h"

/* ui_input returns an OR of these. */
#define UI_HANDLED	0x1
#define UI_REDRAW	0x2
#define UI_QUIT		0x4
#define UI_REQUEST	0x8	/* a control request waits: ui_take_request */

/* The terminal link (ui-link.c): --link, foh.conf's link. */
enum ui_link_mode {
	UI_LINK_AUTO = 0,	/* frames wait for the terminal; frugal when
				   it is found slow */
	UI_LINK_SLOW,		/* ... frugal from the start */
	UI_LINK_FAST		/* every frame goes out, nothing asked */
};

struct ui_options {
	int		ascii;		/* force ASCII glyphs (else from locale) */
	int		no_color;	/* NO_COLOR or -C: monochrome */
	const char	*title;		/* shown in the status bar, e.g. "demo" */
	int		readonly;	/* control keys say so and do nothing */
	unsigned	kiosk_s;	/* rotate venues and views every N s */
	const char	*operator_name;	/* shown, and sent with requests */
	const char	*signing;	/* which key signs requests, for the
					   diagnostics view; NULL: not said */
	const char	*theme;		/* theme name, NULL = default */
	uint64_t	linger_ms;	/* resolved alerts stay in the queue
					   so long (QUEUE_LINGER_MS) */
	enum ui_link_mode link;		/* the terminal link (ui-link.c) */
};

/* A control request the user made; the caller sends it to the venue. */
struct ui_request {
	unsigned	venue;			/* index into s->venues */
	char		op[16];			/* ack, unack, shelve, approve,
						   summary */
	uint64_t	alert;
	char		comment[FOHP_NOTE_MAX];
	uint32_t	expiry_s;
	uint32_t	duration_s;
	char		reason[FOHP_NOTE_MAX];
	enum fohp_ack_type ack_type;		/* ack: NONE is sticky */
	uint32_t	hours;			/* summary (issue 15): 1..24 */
};

struct ui;

/*
 * The smallest terminal foh draws on, columns and lines; a smaller one is
 * refused at start (ui_usable) and shows one line while it stays so small.
 */
#define UI_MIN_COLS	40
#define UI_MIN_LINES	12

/*
 * Whether foh can draw on this terminal ($TERM, stdout): 0, or -1 with
 * why (a cursor it cannot move, a size below the minimum) in why.
 */
int		 ui_usable(char *why, size_t len);

/* Start curses on the terminal. Returns NULL if the terminal cannot be used. */
struct ui	*ui_new(const struct ui_options *);

/* Leave curses and restore the terminal; frees u. */
void		 ui_free(struct ui *u);

/* Read every pending key (non-blocking) and act on it. */
int		 ui_input(struct ui *u, const struct store *s);

/* Paint a frame from the store at now_ms (monotonic) and push it out. */
void		 ui_draw(struct ui *u, const struct store *s, uint64_t now_ms);

/* The venue currently selected (index into s->venues), for callers. */
unsigned	 ui_selected(const struct ui *u);

/* Take the request ui_input announced with UI_REQUEST. 0, or -1 if none. */
int		 ui_take_request(struct ui *u, struct ui_request *out);

/* Show a one-line message (an answer, a refusal) for a few seconds. */
void		 ui_message(struct ui *u, uint64_t now_ms, const char *fmt, ...)
		     __attribute__((format(printf, 3, 4)));

/* Switch to a named theme; on failure the message line says why. 0/-1. */
int		 ui_theme(struct ui *u, const char *name);

/*
 * Ring the terminal's bell (its visual bell where it has no audible one),
 * at once.
 */
void		 ui_bell(struct ui *u);

/*
 * Whether a frame must wait for the terminal to show the last one, at
 * pace_ms (real time): 0 if it may go, else the ms to wait at most; the
 * terminal's answer comes as input and wakes the caller's poll sooner.
 */
int		 ui_link_wait(struct ui *u, uint64_t pace_ms);

/*
 * Whether what changed in s since the last frame must be shown without
 * waiting for the terminal: a venue's link state (live, stale, offline)
 * or its open alerts; once per question out. ui_link_shown records s as
 * drawn.
 */
int		 ui_link_urgent(struct ui *u, const struct store *s);
void		 ui_link_shown(struct ui *u, const struct store *s);

/* Kiosk: move to the next venue or view if it is time. Returns UI_REDRAW. */
int		 ui_tick(struct ui *u, const struct store *s, uint64_t now_ms);

#endif
