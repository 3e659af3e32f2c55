/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * metrics-out.c: the one writer of /metrics' exposition text
 * (metrics-priv.h), for metrics.c (fohd's health) and metrics-venue.c
 * (the venue's gauges).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "metrics-priv.h"

/* Append formatted text. */
void
metrics_printf(struct metrics_out *o, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (o->used >= o->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->used, o->len - o->used, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	o->used += (size_t)n;
	if (o->used > o->len)
		o->used = o->len;
}

/* HELP and TYPE lines of a family. */
void
metrics_family(struct metrics_out *o, const char *name, const char *type,
    const char *help)
{
	metrics_printf(o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name,
	    type);
}
