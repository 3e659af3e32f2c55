/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * title.h: an alert's one-line title, written from what its rule really
 * tests. Pure: no I/O, no state; tests/test-title.c holds a table with a
 * row for every template and comparison.
 *
 * A title names the subject first, then what about it, so that it still
 * reads when cut at 40 columns, and it states only true things:
 *
 *   - the rule's own comparison: ">" or "<" for a strict level (threshold,
 *     rate, remaining life), "≥" for a drift score (at the threshold is
 *     past it);
 *   - inside the hysteresis band (the rule still fires, but the value is
 *     no longer past the threshold) it says "clearing" and the level it
 *     clears at, never the comparison that no longer holds; past that
 *     level, "cleared";
 *   - a forecast says when it reaches the level ("in 6 min", "in 40 s"),
 *     or that the trend is already there;
 *   - metrics and units in words ("density", "people per m²").
 *
 * Titles are UTF-8 and at most FOHP_TEXT_MAX - 1 bytes; a title cut to fit
 * never ends inside a UTF-8 sequence.
 */
#ifndef FOH_TITLE_H
#define FOH_TITLE_H

#include <stddef.h>

#include "proto/foh-proto.h"

/* The comparison a rule makes against its threshold. */
enum title_cmp {
	TITLE_GT = 0,		/* value > threshold (strict) */
	TITLE_LT,		/* value < threshold (strict) */
	TITLE_GE,		/* value >= threshold */
	TITLE_STATUS		/* a device status at a level */
};

/* What a title is written from. Strings may be NULL (taken as ""). */
struct title_in {
	enum fohp_rule_kind	 kind;
	enum title_cmp		 cmp;
	const char		*subject;	/* display name */
	const char		*metric;	/* metric id: "density", ... */
	const char		*unit;		/* the rule's unit: "p/m²" */
	double			 value;		/* status: enum fohp_status */
	double			 threshold;
	double			 clear;		/* level it clears at */
	int			 on;		/* 1: the condition holds;
						   0: firing, not yet
						   cleared (in the band) */
	int			 cleared;	/* with on 0: past the clear
						   level (a clear the alert
						   outlives, e.g. flapping) */
	enum fohp_fc_state	 fc_state;	/* forecast rules */
	double			 fc_eta_s;
	const char		*detail;	/* status: what is not ok
						   ("protect", "lamp wear
						   99% of limit"); optional */
};

/*
 * The comparison of a rule of this kind (below: the rule's direction for
 * threshold and rate rules), as rules.c's rules_test makes it.
 */
enum title_cmp	 title_cmp_of(enum fohp_rule_kind, int below);

/* Whether value is past threshold by cmp (status: value >= threshold). */
int		 title_holds(enum title_cmp, double value, double threshold);

/* A metric id in words: "density", "flow", "remaining life", ... */
const char	*title_metric_words(const char *metric);

/* A unit in words: "people per m²", "hours", ...; others as given. */
const char	*title_unit_words(const char *unit);

/*
 * Write the title into buf (len bytes, at most FOHP_TEXT_MAX are used).
 * Returns its length in bytes.
 */
size_t		 title_write(char *buf, size_t len, const struct title_in *);

/*
 * Cut a UTF-8 string to at most max bytes (max < its buffer) without
 * breaking a sequence. Returns the new length.
 */
size_t		 title_cut(char *s, size_t max);

#endif
