/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-nats.h: an agent's link to NATS (PROTOCOL.md 14), for fohd.
 *
 * With [nats] url set, the agent hands every stream message it publishes
 * on nng to a bounded outbox as well (from agent_open on, so the first
 * hello and layout are kept), and agent_nats_start starts the thread that
 * connects, creates or updates the venue's JetStream stream and
 * publishes the outbox into it in order; control requests on
 * foh.VENUE.ctl wait in a queue whose descriptor (agent_nats_fd) the
 * caller's loop watches, and agent_service answers them. Nothing of this
 * ever waits on the network in the caller's thread but the write of an
 * answer (bounded by a write deadline). foh --demo's in-process agents
 * never start it.
 */
#ifndef FOH_AGENT_NATS_H
#define FOH_AGENT_NATS_H

#include <stddef.h>

#include "agent.h"

/*
 * Start the NATS link of an agent whose config has [nats] url (nothing to
 * do otherwise): the client options (the TLS files are read now) and the
 * publishing thread, which connects in the background and keeps trying.
 * 0, or -1 with err ("PATH:LINE: [nats]: ...", path the config file's
 * name) naming the setting at fault. agent_close stops it.
 */
int	agent_nats_start(struct agent *, const char *path, char *err,
	    size_t errlen);

/* Readable when control requests from NATS wait; -1 without a link. */
int	agent_nats_fd(const struct agent *);

/*
 * The link's Prometheus series (fohd_nats_*) into buf; the bytes written
 * (0 without a link). Any thread that owns the agent.
 */
size_t	agent_nats_metrics(const struct agent *, char *buf, size_t len);

#endif
