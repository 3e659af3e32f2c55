/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-mqtt.c: an agent's MQTT link (issue 16; agent-mqtt.h): opened
 * from [mqtt] with the mappings' topics as its subscriptions, its
 * messages handed to the caller, its counters rendered for /metrics. The
 * agent owns the link (a->mqtt) and closes it in agent_close.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "agent-mqtt.h"
#include "agent-priv.h"
#include "lib/text.h"
#include "metrics-priv.h"

/* Open the link from a->conf's [mqtt]. */
int
agent_mqtt_start(struct agent *a, char *err, size_t errlen)
{
	const struct vconf	*c = &a->conf;
	struct mqttlink_conf	 mc;
	unsigned		 i;

	if (a->mqtt != NULL || c->mqtt_url[0] == '\0')
		return (0);
	memset(&mc, 0, sizeof(mc));
	text_copy(mc.url, sizeof(mc.url), c->mqtt_url);
	text_copy(mc.client_id, sizeof(mc.client_id), c->mqtt_client_id);
	snprintf(mc.log_prefix, sizeof(mc.log_prefix), "fohd: %s", c->id);
	text_copy(mc.ca, sizeof(mc.ca), c->mqtt_ca);
	text_copy(mc.cert, sizeof(mc.cert), c->mqtt_cert);
	text_copy(mc.key, sizeof(mc.key), c->mqtt_key);
	mc.keepalive_s = (c->mqtt_keepalive_ms + 999) / 1000;
	for (i = 0; i < c->mqtt_nmaps && i < MQTTLINK_SUBS_MAX; i++) {
		text_copy(mc.subs[i], sizeof(mc.subs[i]), c->mqtt_maps[i].topic);
		mc.sub_qos[i] = c->mqtt_qos;
	}
	mc.nsubs = i;
	if ((a->mqtt = mqttlink_open(&mc, err, errlen)) == NULL)
		return (-1);
	return (0);
}

/* The link's descriptor, or -1. */
int
agent_mqtt_fd(const struct agent *a)
{
	return (a->mqtt != NULL ? mqttlink_fd(a->mqtt) : -1);
}

/* The next message, or NULL. */
struct mqttlink_msg *
agent_mqtt_next(struct agent *a)
{
	return (a->mqtt != NULL ? mqttlink_next(a->mqtt) : NULL);
}

/* The link's counters. */
int
agent_mqtt_stats(const struct agent *a, struct mqttlink_stats *st)
{
	if (a->mqtt == NULL) {
		memset(st, 0, sizeof(*st));
		return (-1);
	}
	mqttlink_stats(a->mqtt, st);
	return (0);
}

/* Does conf set the link up as running does? */
int
agent_mqtt_same(const struct vconf *running, const struct vconf *conf)
{
	unsigned	i;

	if (strcmp(running->mqtt_url, conf->mqtt_url) != 0 ||
	    strcmp(running->mqtt_client_id, conf->mqtt_client_id) != 0 ||
	    strcmp(running->mqtt_ca, conf->mqtt_ca) != 0 ||
	    strcmp(running->mqtt_cert, conf->mqtt_cert) != 0 ||
	    strcmp(running->mqtt_key, conf->mqtt_key) != 0 ||
	    running->mqtt_keepalive_ms != conf->mqtt_keepalive_ms ||
	    running->mqtt_qos != conf->mqtt_qos ||
	    running->mqtt_nmaps != conf->mqtt_nmaps)
		return (0);
	for (i = 0; i < conf->mqtt_nmaps; i++) {
		if (strcmp(running->mqtt_maps[i].topic,
		    conf->mqtt_maps[i].topic) != 0)
			return (0);
	}
	return (1);
}

/* One series of one number, its family first. */
static void
agent_mqtt_series(struct metrics_out *o, const char *name,
    const char *type, const char *help, uint64_t v)
{
	metrics_family(o, name, type, help);
	metrics_printf(o, "%s %llu\n", name, (unsigned long long)v);
}

/* The link's series. */
size_t
agent_mqtt_metrics(const struct agent *a, char *buf, size_t len)
{
	struct metrics_out	o = { buf, len, 0 };
	struct mqttlink_stats	st;

	if (agent_mqtt_stats(a, &st) != 0)
		return (0);
	agent_mqtt_series(&o, "fohd_mqtt_connected", "gauge", "1 while the "
	    "link to the MQTT broker ([mqtt] url) is up.",
	    (uint64_t)(st.connected != 0));
	agent_mqtt_series(&o, "fohd_mqtt_connects_total", "counter",
	    "Connections to the MQTT broker made (the first and every "
	    "reconnect).", st.connects);
	agent_mqtt_series(&o, "fohd_mqtt_losses_total", "counter",
	    "Connections to the MQTT broker lost.", st.losses);
	agent_mqtt_series(&o, "fohd_mqtt_received_total", "counter",
	    "MQTT messages taken from the broker on [mqtt]'s topics.",
	    st.received);
	agent_mqtt_series(&o, "fohd_mqtt_dropped_total", "counter",
	    "MQTT messages dropped before ingest: fohd's queue was full or "
	    "one was larger than 1 MiB.", st.dropped);
	return (o.used);
}

/* Close the link. */
void
agent_mqtt_close(struct agent *a)
{
	mqttlink_close(a->mqtt);
	a->mqtt = NULL;
}
