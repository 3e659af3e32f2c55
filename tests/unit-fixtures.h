/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * unit-fixtures.h: what several cmocka programs share: the clock of their
 * scripts, a small venue to build rules for, and a lone rule to evaluate
 * and the shorthands of their tables (test-rules.c, test-rules-build.c,
 * test-alerts.c, test-alerts-table.c, test-queue.c).
 */
#ifndef FOH_UNIT_FIXTURES_H
#define FOH_UNIT_FIXTURES_H

#include <stdint.h>

#include "core/alerts.h"
#include "core/rules.h"
#include "core/vconf.h"

#define SEC	1000U
#define MIN	60000U
#define T0	1700000000000ULL	/* a wall clock, Unix ms */
#define AT(s)	(T0 + (uint64_t)(s) * 1000)	/* s seconds after T0 */
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/* Severities, alert states, results and ack types, short enough for a row. */
#define I		FOHP_SEV_INFO
#define W		FOHP_SEV_WARNING
#define C		FOHP_SEV_CRITICAL
#define FIRING		FOHP_AS_FIRING
#define ACKED		FOHP_AS_ACKED
#define SHELVED		FOHP_AS_SHELVED
#define RESOLVED	FOHP_AS_RESOLVED
#define DONE		ALERTS_DONE
#define UNCHANGED	ALERTS_UNCHANGED
#define NOT_FOUND	ALERTS_NOT_FOUND
#define ALREADY		ALERTS_ALREADY_RESOLVED
#define BAD		ALERTS_BAD_REQUEST
#define STICKY		FOHP_ACK_STICKY
#define NONSTICKY	FOHP_ACK_NONSTICKY

/*
 * A small venue: a standing floor with its own critical level 4.2, a
 * concourse (walkway), a standing pit and a bar queue; Gate 1 (3 m) feeds
 * the floor, Gate 3 (4.5 m) the floor and the concourse; an amplifier with
 * no wear metric and a projector whose lamp wears to 2000 h; a PSI model.
 * One static copy, filled in again at each call.
 */
struct vconf	*unit_venue(void);

/* The rule of rs with this id and subject, or NULL. */
struct rule	*unit_find(struct rules *rs, const char *id,
		    const char *subject);

/*
 * rs made of one rule "test" on the floor's density, of kind with these
 * levels and hold; the rest zero. The caller frees rs->r (calloc'd);
 * fails the test when out of memory.
 */
struct rule	*unit_rule(struct rules *rs, enum fohp_rule_kind kind,
		    double threshold, double clear, uint32_t for_ms);

/* Name of a rules_eval change (RULES_FIRE...), "-" for none, for messages. */
const char	*unit_change_name(int change);

#endif
