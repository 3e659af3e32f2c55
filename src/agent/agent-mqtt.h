/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-mqtt.h: an agent's link to an MQTT broker (issue 16), for fohd.
 *
 * With [mqtt] url set, agent_mqtt_start opens the one link of the agent
 * (src/net/mqttlink.h: its own thread, reconnects with a backoff,
 * subscribes at every connect) subscribed to the topics of [mqtt]'s
 * readings = and value = mappings at [mqtt] qos. What arrives waits in
 * the link's queue; the caller's loop watches agent_mqtt_fd and takes
 * messages with agent_mqtt_next, making them readings with ingest_mqtt
 * (ingest.h). Approved actions are published through the same link
 * (a->mqtt). agent_close closes it. foh --demo's in-process agents never
 * start it.
 */
#ifndef FOH_AGENT_MQTT_H
#define FOH_AGENT_MQTT_H

#include <stddef.h>

#include "agent.h"
#include "net/mqttlink.h"

/*
 * Open the link of an agent whose config has [mqtt] url (nothing to do
 * otherwise, or if it is open already). 0, or -1 with err saying why
 * (a TLS file that cannot be read, no memory).
 */
int	agent_mqtt_start(struct agent *, char *err, size_t errlen);

/* Readable while messages wait; -1 without a link. */
int	agent_mqtt_fd(const struct agent *);

/* The next message that arrived (mqttlink_msg_free it), or NULL. */
struct mqttlink_msg *agent_mqtt_next(struct agent *);

/* The link's counters into *st: 0, or -1 (zeroed) without a link. */
int	agent_mqtt_stats(const struct agent *, struct mqttlink_stats *st);

/*
 * Is the running link's setup (url, TLS, client id, keepalive, qos and
 * the set of topics) the same in conf? 1 or 0; a SIGHUP that changes it
 * keeps the running [mqtt] (fohd-mqtt.c).
 */
int	agent_mqtt_same(const struct vconf *running, const struct vconf *conf);

/*
 * The link's Prometheus series (fohd_mqtt_*) into buf; the bytes written
 * (0 without a link).
 */
size_t	agent_mqtt_metrics(const struct agent *, char *buf, size_t len);

/* Close the link (agent_close). */
void	agent_mqtt_close(struct agent *);

#endif
