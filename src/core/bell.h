/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * bell.h: when the console rings the terminal's bell, with no terminal
 * I/O: bell_scan reads the store after messages were applied and says
 * whether to ring; the caller rings (ncurses beep(), which sends the
 * terminal's bell, or its visual bell where it has no audible one).
 *
 * It rings once per alert (venue and id) when an alert the mode covers
 * first needs a person: unattended (firing or flapping, so not
 * acknowledged, shelved or resolved), critical for BELL_CRITICAL, any
 * severity for BELL_ALL, and not a warning or info alert inhibited by an
 * open critical of the same venue and subject (external alerts are never
 * inhibited). Not again for the same alert's repeats, its re-fires while
 * it flaps, or a snapshot that brings it back after a reconnect; but an
 * alert that was acknowledged and needs a person again (its ack expired,
 * a non-sticky ack ended as it got worse, or the ack was withdrawn) rings
 * again, and so does one that escalates to critical. A venue's agent that
 * restarts (a new epoch) starts its ids again, so what was rung for the
 * old epoch is forgotten. Alerts the
 * console already holds when it connects ring if they need a person.
 * Alerts that arrive in one scan share one ring.
 *
 * What it remembers is bounded by what the store holds: per venue, the
 * ids of the alerts the store still holds; an id the store dropped is
 * forgotten.
 */
#ifndef FOH_BELL_H
#define FOH_BELL_H

#include <stdint.h>
#include <string.h>

#include "store.h"

enum bell_mode {
	BELL_NO = 0,		/* "no": never ring */
	BELL_CRITICAL,		/* "critical": new unattended criticals */
	BELL_ALL		/* "all": any new unattended alert */
};

/* An alert the scan has seen: how loud it has rung (BELL_RUNG_*). */
struct bell_seen {
	uint64_t	id;
	uint8_t		rung;
};

#define BELL_RUNG_NONE		0
#define BELL_RUNG_OTHER		1	/* rung while warning or info */
#define BELL_RUNG_CRITICAL	2	/* rung while critical */

/* Per venue (by index in the store): its held alerts seen, by id. */
struct bell_venue {
	struct bell_seen	*seen;	/* sorted by id; the bell's */
	unsigned		 n, cap;
	uint64_t		 epoch;	/* of the agent the ids are of */
};

struct bell {
	enum bell_mode		 mode;
	struct bell_venue	 v[STORE_VENUES_MAX];
	uint64_t		 rings;	/* rings so far */
};

/* A mode's name into *out: 0, or -1 if name is not no, critical or all. */
static inline int
bell_mode_parse(const char *name, enum bell_mode *out)
{
	if (strcmp(name, "no") == 0)
		*out = BELL_NO;
	else if (strcmp(name, "critical") == 0)
		*out = BELL_CRITICAL;
	else if (strcmp(name, "all") == 0)
		*out = BELL_ALL;
	else
		return (-1);
	return (0);
}

/* Start with nothing seen. */
void	bell_init(struct bell *, enum bell_mode);

/* Free what b holds (not b). */
void	bell_fini(struct bell *);

/*
 * Look at every alert s holds: how many alerts need the bell now (0: do
 * not ring). Out of memory, remembers nothing new and returns 0 for the
 * venues it could not track, so it never rings twice for one alert.
 */
unsigned bell_scan(struct bell *, const struct store *s);

#endif
