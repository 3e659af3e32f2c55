/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * alerts-priv.h: what the files of the alerts module share (alerts.c
 * raises, resolves and keeps alerts; alerts-ops.c carries out operators'
 * requests and the timer); alerts.h is the module's public face.
 */
#ifndef FOH_ALERTS_PRIV_H
#define FOH_ALERTS_PRIV_H

#include <stdint.h>

#include "alerts.h"

/* Whether a string is missing or empty. */
int	alerts_empty(const char *s);

/* Whether an alert is resolved (final). */
int	alerts_resolved(const struct alerts_entry *e);

/* Whether an ack stands at now. */
int	alerts_acked(const struct alerts_entry *e, uint64_t now);

/* Whether a shelve stands at now. */
int	alerts_shelved(const struct alerts_entry *e, uint64_t now);

/*
 * The state the fields say at now: resolved > shelved > acked > flapping >
 * firing.
 */
enum fohp_alert_state alerts_state(const struct alerts_entry *e,
	    uint64_t now);

/* Mark an entry changed and bring its state up to date. */
void	alerts_touch(struct alerts_entry *e, uint64_t now);

/* One severity up (capped at critical), counted. */
void	alerts_escalate(struct alerts_entry *e);

/* Restart the escalation clock: the alert is unattended from now. */
void	alerts_unattended(struct alerts_entry *e, uint64_t now);

/* Clear the ack fields (the ops history keeps who acked). */
void	alerts_clear_ack(struct alerts_entry *e);

/* Clear the shelve fields. */
void	alerts_clear_shelve(struct alerts_entry *e);

/*
 * Record an operator action (who "": the agent's note); when full, the
 * first, the approvals and the operators' ops are kept before the rest.
 */
void	alerts_record(struct alerts_entry *e, const char *op, const char *who,
	    const char *note, uint64_t now);

#endif
