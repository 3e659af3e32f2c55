/*
 * ui.h: the console's screen. Views and widgets live one per file in ui/
 * (ui/view-venues.c, ui/view-heatmap.c, ui/widget-statusbar.c, ...); this is
 * the one header they share with the rest of foh.
 *
 * The ui reads a struct store (src/store.h) and never touches the network.
 * Model -> layout -> draw: input handlers only change ui state and return
 * flags; ui_draw paints a whole frame into curses' virtual screen and curses
 * sends only the cells that changed. The caller decides when to draw (capped
 * frame rate, at once for a new critical alert).
 */
#ifndef FOH_UI_H
#define FOH_UI_H

#include <stdint.h>

#include "store.h"

/* ui_input returns an OR of these. */
#define UI_HANDLED	0x1
#define UI_REDRAW	0x2
#define UI_QUIT		0x4

struct ui_options {
	int		ascii;		/* force ASCII glyphs (else from locale) */
	int		no_color;	/* NO_COLOR or -C: monochrome */
	const char	*title;		/* shown in the status bar, e.g. "demo" */
};

struct ui;

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

#endif
