/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * store-priv.h: what the files of the store module share (store.c holds
 * venues and the sequence bookkeeping, store-alerts.c their alerts);
 * store.h is the module's public face.
 */
#ifndef FOH_STORE_PRIV_H
#define FOH_STORE_PRIV_H

#include <stdint.h>

#include "store.h"

/* Take an alert event (stream message, snapshot or answer) as of seq. */
unsigned	store_apply_alert(struct store *s, struct store_venue *v,
		    const struct fohp_alert *a, uint64_t seq);

/*
 * Take a snapshot's alerts: drop what resolved, keep what is newer, list
 * what is missing; returns STORE_DIRTY_* flags.
 */
unsigned	store_apply_snapshot_alerts(struct store *s,
		    struct store_venue *v, const struct fohp_snapshot *sn,
		    uint64_t seq);

#endif
