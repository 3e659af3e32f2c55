/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * metrics-priv.h: what metrics.c and metrics-venue.c share: the one
 * writer of the exposition text and its HELP/TYPE lines.
 */
#ifndef FOH_METRICS_PRIV_H
#define FOH_METRICS_PRIV_H

#include <stddef.h>

/* A buffer being written, which stops (and remembers it) when full. */
struct metrics_out {
	char	*buf;
	size_t	 len;
	size_t	 used;
};

/* Append formatted text to o, up to its end. */
void	metrics_printf(struct metrics_out *o, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* HELP and TYPE lines of a family of type ("counter", "gauge"). */
void	metrics_family(struct metrics_out *o, const char *name,
	    const char *type, const char *help);

#endif
