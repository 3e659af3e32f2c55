/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ingest-mqtt.c: one MQTT message made readings (issue 16), by the
 * [mqtt] mapping of its topic.
 *
 * The mapping is the first in the config (readings = and value = in the
 * order written) whose filter matches the topic. A readings = topic
 * carries what a WebSocket frame carries and goes through ingest_json. A
 * value = topic carries one plain number (or, for a flag, one word),
 * spaces and line ends around it ignored; it is made into the reading of
 * its mapping as JSON and checked by ingest_value, so its ranges, codes
 * and fields are those of PROTOCOL.md 12.2. A payload that is not a
 * number is refused here, with code "type" and the field it would have
 * filled. A message on a topic no mapping matches (the broker sent what
 * fohd did not ask for) is refused whole: code "unknown_id", field
 * "topic".
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ingest-priv.h"
#include "net/mqttlink.h"

#define INGEST_MQTT_VALUE_MAX	64	/* bytes of a value payload */

/* The payload without the spaces and line ends around it, into buf. */
static int
ingest_mqtt_trim(const char *payload, size_t len, char *buf, size_t buflen)
{
	while (len > 0 && strchr(" \t\r\n", payload[0]) != NULL) {
		payload++;
		len--;
	}
	while (len > 0 && strchr(" \t\r\n", payload[len - 1]) != NULL)
		len--;
	if (len == 0 || len >= buflen || memchr(payload, '\0', len) != NULL)
		return (-1);
	memcpy(buf, payload, len);
	buf[len] = '\0';
	return (0);
}

/* Refuse a value message: one reading of kind, code "type", on field. */
static int
ingest_mqtt_refuse(struct reading_batch *out, enum reading_kind kind,
    const char *field, const char *payload, size_t len)
{
	char	reason[sizeof(out->errs[0].reason)];

	snprintf(reason, sizeof(reason), "payload \"%.*s\"%s is not %s",
	    (int)(len < INGEST_QUOTE ? len : INGEST_QUOTE), payload,
	    len > INGEST_QUOTE ? "..." : "", field[0] == 'f' ? "ok, warning "
	    "or error" : "a number");
	ingest_reset(out);
	ingest_record(out, 0, reading_kind_name(kind), kind, INGEST_TYPE,
	    field, reason);
	return (0);
}

/* The reading of a value mapping m around v (taken), or NULL. */
static json_t *
ingest_mqtt_reading(const struct vconf_mqtt_map *m, json_t *v)
{
	switch (m->target) {
	case VCONF_MQTT_ZONE_COUNT:
		return (json_pack("{s:s,s:s,s:o,s:s}", "kind", "zone_count",
		    "zone", m->id, "count", v, "source", "mqtt"));
	case VCONF_MQTT_METRIC:
		return (json_pack("{s:s,s:s,s:[{s:s,s:o}]}", "kind",
		    "telemetry", "device", m->id, "metrics", "name", m->name,
		    "value", v));
	case VCONF_MQTT_FLAG:
		return (json_pack("{s:s,s:s,s:[],s:{s:o}}", "kind",
		    "telemetry", "device", m->id, "metrics", "flags", m->name,
		    v));
	case VCONF_MQTT_GATE_IN:
	case VCONF_MQTT_GATE_OUT:
		return (json_pack("{s:s,s:s,s:o,s:o,s:I}", "kind", "gate_flow",
		    "gate", m->id, m->target == VCONF_MQTT_GATE_IN ? "in" :
		    "out", v, m->target == VCONF_MQTT_GATE_IN ? "out" : "in",
		    json_integer(0), "interval_ms", (json_int_t)m->interval_ms));
	default:
		json_decref(v);
		return (NULL);
	}
}

/* One message of a value = mapping. */
static int
ingest_mqtt_value(const struct vconf *conf, const struct vconf_mqtt_map *m,
    const char *payload, size_t len, uint64_t now_ms,
    struct reading_batch *out)
{
	static const char	*fields[] = { "", "count", "metrics[0].value",
				    "flags.", "in", "out" };
	enum reading_kind	 kind;
	char			 buf[INGEST_MQTT_VALUE_MAX], field[48];
	json_t			*v = NULL, *r;
	size_t			 n;
	int			 rv;

	kind = m->target == VCONF_MQTT_ZONE_COUNT ? READING_ZONE_COUNT :
	    m->target == VCONF_MQTT_GATE_IN || m->target == VCONF_MQTT_GATE_OUT ?
	    READING_GATE_FLOW : READING_TELEMETRY;
	snprintf(field, sizeof(field), "%s%s", fields[m->target],
	    m->target == VCONF_MQTT_FLAG ? m->name : "");
	if (ingest_mqtt_trim(payload, len, buf, sizeof(buf)) == 0) {
		if (m->target == VCONF_MQTT_FLAG) {
			n = strlen(buf);	/* "ok" quoted, or ok bare */
			if (n >= 2 && buf[0] == '"' && buf[n - 1] == '"') {
				buf[n - 1] = '\0';
				v = json_string(buf + 1);
			} else
				v = json_string(buf);
		} else {
			v = json_loads(buf, JSON_DECODE_ANY, NULL);
			if (v != NULL && !json_is_number(v)) {
				json_decref(v);
				v = NULL;
			}
		}
	}
	if (v == NULL)
		return (ingest_mqtt_refuse(out, kind, field, payload, len));
	if ((r = ingest_mqtt_reading(m, v)) == NULL)
		return (ingest_frame_fail(out, INGEST_JSON, "out of memory"));
	rv = ingest_value(conf, r, now_ms, out);
	json_decref(r);
	return (rv);
}

/* Make one MQTT message readings by its topic's mapping. */
int
ingest_mqtt(const struct vconf *conf, const char *topic, const char *payload,
    size_t len, uint64_t now_ms, struct reading_batch *out)
{
	const struct vconf_mqtt_map	*m;
	char				 reason[sizeof(out->errs[0].reason)];
	unsigned			 i;

	for (i = 0; i < conf->mqtt_nmaps; i++) {
		m = &conf->mqtt_maps[i];
		if (!mqttlink_match(m->topic, topic))
			continue;
		if (m->target == VCONF_MQTT_READINGS)
			return (ingest_json(conf, payload, len, now_ms, out));
		return (ingest_mqtt_value(conf, m, payload, len, now_ms, out));
	}
	snprintf(reason, sizeof(reason), "topic %.100s matches no [mqtt] "
	    "readings or value mapping", topic);
	ingest_reset(out);
	ingest_record(out, -1, "", READING_KIND_COUNT, INGEST_UNKNOWN_ID,
	    "topic", reason);
	return (-1);
}
