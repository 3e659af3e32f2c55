/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fohd-mqtt.c: fohd's side of [mqtt] (issue 16). It starts the agent's
 * MQTT link, watches its descriptor in the server's loop, and makes each
 * message that arrived readings (ingest_mqtt) at most FOHD_MQTT_BATCH per
 * wakeup (the watch is level-triggered: what is left calls again), counted
 * under path "mqtt" and applied as the WebSocket's are. In a drill they
 * are refused, code drill. A refusal is logged at most once per
 * FOHD_LOG_EVERY_MS, naming the topic, the field and the reason, with the
 * number refused since the last such line.
 *
 * SIGHUP: the link keeps running as it was opened (the loop cannot drop a
 * watched descriptor). A reload whose [mqtt] sets the link up the same
 * (url, TLS, client_id, keepalive, qos and the same topics in the same
 * order) takes its mappings at once (a topic now mapped to another zone);
 * one that changes any of those keeps the running [mqtt] whole and says
 * that it changes only on restart.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "agent/agent.h"
#include "agent/agent-mqtt.h"
#include "agent/ingest.h"
#include "agent/metrics.h"
#include "core/reading.h"
#include "core/vconf.h"
#include "lib/clock.h"
#include "lib/text.h"
#include "net/server.h"
#include "fohd.h"

#define FOHD_MQTT_BATCH		256	/* messages per wakeup */

/* Log a refused message, at most once per FOHD_MQTT_LOG_MS. */
static void
fohd_mqtt_log(struct fohd_mqtt *m, const char *topic, uint64_t now)
{
	const struct reading_err	*e = &m->batch->errs[0];

	m->refused += m->batch->rejected;
	if (m->batch->nerrs == 0 || (m->log_ms != 0 && now - m->log_ms <
	    FOHD_MQTT_LOG_MS))
		return;
	m->log_ms = now;
	fprintf(stderr, "fohd: warning: mqtt: refused on topic %.100s: "
	    "%s%s%s: %s: %s (%llu refused since the last such line)\n", topic,
	    e->kind[0] != '\0' ? e->kind : "message", e->field[0] != '\0' ?
	    " field " : "", e->field, e->code, e->reason,
	    (unsigned long long)m->refused);
	m->refused = 0;
}

/* Watched: messages wait on the link. */
static void
fohd_mqtt_take(void *arg)
{
	struct fohd_mqtt	*m = arg;
	struct mqttlink_msg	*msg;
	unsigned		 n = 0;

	while (n++ < FOHD_MQTT_BATCH &&
	    (msg = agent_mqtt_next(m->agent)) != NULL) {
		agent_mark_arrival(m->agent, clock_mono_ns());
		if (*m->drill != NULL)	/* never the real venue's in a drill */
			fohd_drill_refuse(*m->drill, "mqtt", clock_mono_ms(),
			    m->batch);
		else
			ingest_mqtt(m->conf, msg->topic, msg->payload,
			    msg->len, clock_wall_ms(), m->batch);
		metrics_count(m->ingest, METRICS_PATH_MQTT, m->batch);
		if (m->batch->rejected > 0 && *m->drill == NULL)
			fohd_mqtt_log(m, msg->topic, clock_mono_ms());
		if (m->batch->n > 0)
			agent_apply(m->agent, m->batch, clock_mono_ms());
		agent_mark_arrival(m->agent, 0);
		mqttlink_msg_free(msg);
	}
}

/* Start the link and watch it: 0, or an exit status with err. */
int
fohd_mqtt_open(struct fohd_mqtt *m, struct server *srv, const char *path,
    char *err, size_t errlen)
{
	char	why[512], safe[VCONF_URL_MAX];

	if (m->conf->mqtt_url[0] == '\0')
		return (0);
	if (agent_mqtt_start(m->agent, why, sizeof(why)) != 0) {
		snprintf(err, errlen, "%s:%d: [mqtt]: %s", path,
		    m->conf->mqtt_line, why);
		return (1);
	}
	if (server_watch(srv, agent_mqtt_fd(m->agent), fohd_mqtt_take,
	    m) != 0) {
		snprintf(err, errlen, "cannot watch the MQTT link");
		return (1);
	}
	fprintf(stderr, "fohd: info: mqtt: %u topic%s from %s%s\n",
	    m->conf->mqtt_nmaps, m->conf->mqtt_nmaps == 1 ? "" : "s",
	    text_url_safe(safe, sizeof(safe), m->conf->mqtt_url),
	    *m->drill != NULL ?
	    " (refused: a drill runs)" : "");
	return (0);
}

/* SIGHUP: keep the running [mqtt] in next unless only mappings change. */
void
fohd_mqtt_reload(const struct fohd_mqtt *m, struct vconf *next)
{
	const struct vconf	*c = m->conf;
	char			 safe[VCONF_URL_MAX];

	if (agent_mqtt_same(c, next))
		return;
	fprintf(stderr, "fohd: warning: SIGHUP: [mqtt] url, TLS, client_id, "
	    "keepalive, qos and topics change only on restart: keeping the "
	    "running [mqtt] (%u topics from %s)\n", c->mqtt_nmaps,
	    c->mqtt_url[0] != '\0' ? text_url_safe(safe, sizeof(safe),
	    c->mqtt_url) : "no broker");
	memcpy(next->mqtt_url, c->mqtt_url, sizeof(next->mqtt_url));
	memcpy(next->mqtt_client_id, c->mqtt_client_id,
	    sizeof(next->mqtt_client_id));
	memcpy(next->mqtt_ca, c->mqtt_ca, sizeof(next->mqtt_ca));
	memcpy(next->mqtt_cert, c->mqtt_cert, sizeof(next->mqtt_cert));
	memcpy(next->mqtt_key, c->mqtt_key, sizeof(next->mqtt_key));
	next->mqtt_keepalive_ms = c->mqtt_keepalive_ms;
	next->mqtt_qos = c->mqtt_qos;
	next->mqtt_nmaps = c->mqtt_nmaps;
	memcpy(next->mqtt_maps, c->mqtt_maps, sizeof(next->mqtt_maps));
	next->mqtt_line = c->mqtt_line;
}
