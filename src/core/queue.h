/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * queue.h: the console's alert queue as a model, with no drawing: which
 * alerts are rows, in what order, what folds under each row, which are
 * inhibited, and which resolved ones have left for the history view. The
 * queue view, the kiosk banner, the status bar's "crit unacked", the bell
 * and bench/bench-noise all read the queue through queue_build, so they
 * agree on what comes first.
 *
 *   order    resolved last; then severity (critical first); then what is
 *            at stake (queue_stake: safety, the people in zones, at gates
 *            and what safety systems report, before equipment, before
 *            model drift); then unattended (firing, flapping) before
 *            acknowledged and shelved; then the oldest first (since); then
 *            venue and id, so that the order is total.
 *   groups   a venue's alerts about one subject form one group: the first
 *            of them in that order is the row, the others fold under it
 *            (the row counts them). An external alert (rkind "external":
 *            another system's) is always a group of its own, and so is an
 *            alert with no subject. Groups are ordered by their row.
 *   inhibit  an open critical alert of a subject inhibits that subject's
 *            open warning and info alerts (not external ones, and an
 *            external critical inhibits nothing): each carries the id of
 *            the first such critical in order, shown as "inhibited by #N".
 *            Nothing is dropped.
 *   linger   a resolved alert stays in the queue opts->linger_ms after the
 *            console first held it resolved (store_alert_resolved_age),
 *            then leaves it; store_past_get has it for the history view.
 *
 * The queue does no I/O and keeps no state: it is rebuilt from the store
 * whenever it is needed.
 */
#ifndef FOH_QUEUE_H
#define FOH_QUEUE_H

#include <stdint.h>

#include "proto/foh-proto.h"
#include "store.h"

#define QUEUE_LINGER_MS		30000	/* default: resolved rows stay 30 s */
#define QUEUE_LINGER_FOREVER	UINT64_MAX

struct queue_opts {
	int		 group;		/* 0: every alert a row of its own
					   (no folding, no inhibition) */
	uint64_t	 linger_ms;	/* QUEUE_LINGER_FOREVER: resolved
					   alerts never leave */
	/* Optional filter ("/" in the queue): 0 leaves the alert out
	   before grouping. NULL: every alert. */
	int		(*match)(void *arg, const struct store_venue *,
			    const struct fohp_alert *);
	void		*arg;
};

/* One alert of the queue, in order. */
struct queue_item {
	unsigned	venue;		/* index into store->venues */
	unsigned	index;		/* slot in that venue's alerts */
	unsigned	head;		/* index (in the out array) of its
					   group's row; its own if a row */
	unsigned	nfolded;	/* a row: alerts folded under it */
	int		folded;		/* 1: not its group's row */
	uint64_t	inhibited_by;	/* id of the critical inhibiting it;
					   0: none */
};

/*
 * What an alert puts at stake: its `stake` if the agent sent one, else
 * from its rule kind and subject (drift: model; status, rul: equipment;
 * external: safety; others: the subject's kind in the venue, a zone or
 * gate being safety, a device equipment). Never FOHP_STAKE_NONE.
 */
enum fohp_stake	 queue_stake(const struct store_venue *,
		     const struct fohp_alert *);

/*
 * Compare two alerts in the queue's order (resolved, severity, stake,
 * unattended, since); 0 if they tie on all of it.
 */
int		 queue_cmp(const struct store_venue *va,
		     const struct fohp_alert *a, const struct store_venue *vb,
		     const struct fohp_alert *b);

/*
 * The id of the open critical alert that inhibits a (the first such of
 * a's venue and subject in the queue's order), or 0: what queue_build
 * gives as inhibited_by when nothing is filtered out, for one alert
 * (the bell asks it).
 */
uint64_t	 queue_inhibitor(const struct store_venue *,
		     const struct fohp_alert *a);

/*
 * Build the queue at now_ms (local monotonic, for the linger): every
 * alert of every venue that the options keep, each row followed at once
 * by the alerts folded under it. Writes at most max items to out and
 * returns how many there are in all (which may be more than max). Out of
 * memory for the sort, returns 0.
 */
unsigned	 queue_build(const struct store *, const struct queue_opts *,
		     uint64_t now_ms, struct queue_item *out, unsigned max);

#endif
