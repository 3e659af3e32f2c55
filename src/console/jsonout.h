/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * jsonout.h: foh --json: the store's changes as JSON lines on a stream,
 * for scripts and jq. One object per line, with "type":
 *
 *   "venue"  a venue's link changed (live, stale, stale offline, ...)
 *   "alert"  an alert appeared or its state, severity, escalation or
 *            acknowledgement changed
 *   "zone"   a zone's density band changed
 *
 * jsonout keeps what it last printed per entity and prints only changes.
 */
#ifndef FOH_JSONOUT_H
#define FOH_JSONOUT_H

#include <stdio.h>

#include "core/store.h"

struct jsonout;

/* Start writing to f (not owned). NULL when out of memory. */
struct jsonout	*jsonout_new(FILE *f);
void		 jsonout_free(struct jsonout *);

/* Print what changed in s since the last call. Returns lines printed. */
unsigned	 jsonout_scan(struct jsonout *, const struct store *s,
		     uint64_t now_ms);

#endif
