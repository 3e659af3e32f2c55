/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * view-why-priv.h: what the why-pane's two files share: the pass over the
 * pane's lines (view-why-text.c writes them, view-why.c says what they
 * are).
 */
#ifndef FOH_VIEW_WHY_PRIV_H
#define FOH_VIEW_WHY_PRIV_H

#include "ui-priv.h"

/* The pass over the pane's lines. */
struct view_why_out {
	struct ui		*u;
	const struct ui_rect	*r;
	int			 dry;	/* count only */
	int			 line;	/* lines produced so far */
	const struct store	*s;
	const struct ui_queue	*uq;	/* the queue, no filter; NULL if out
					   of memory */
	int			 item;	/* the alert's item in it; -1 none */
};

void	view_why_rel(char *, size_t, uint64_t now, uint64_t t_ms);
void	view_why_num(char *, size_t, double);
int	view_why_line(struct view_why_out *);
void	view_why_text(struct view_why_out *, int at, const char *label,
	    const char *text, enum ui_slot, attr_t);
void	view_why_wrap(struct view_why_out *, int at, const char *label,
	    const char *text, enum ui_slot, attr_t);
void	view_why_blank(struct view_why_out *);
void	view_why_upper(char *);
int	view_why_who(char *, size_t, const struct fohp_alert_op *, int room,
	    const char *ellipsis, int ellw);

#endif
