/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-mqtt.c: [mqtt] (issue 16): the broker fohd takes readings from
 * (url, client_id, ca, cert, key, keepalive, qos) and the topic mappings
 * that make its messages readings:
 *
 *   readings = TOPIC                  JSON readings, as on the WebSocket
 *   value = TOPIC zone:ID count       one number: the zone's count
 *   value = TOPIC device:ID NAME      one number: telemetry metric NAME
 *   value = TOPIC device:ID flag:NAME ok, warning or error: flag NAME
 *   value = TOPIC gate:ID in/DURATION persons in over DURATION (or out/)
 *
 * Each value is checked as it is read (the URL, the filter, the grammar);
 * what needs the whole file (the ids of zones, gates and devices, which
 * may come after [mqtt]; a cert without its key; mappings without a url)
 * is checked after, naming the mapping's own line. The URL and filter
 * rules are those of src/net/mqttlink.c (mqttlink_parse, mqttlink_valid),
 * written again here since the config sits below the network layer;
 * tests/test-vconf-mqtt.c holds the two to the same answers.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cfg.h"
#include "lib/text.h"
#include "lib/url.h"
#include "vconf-priv.h"

#define VCONF_MQTT_KEEPALIVE_MIN	5000ULL		/* 5 s */
#define VCONF_MQTT_KEEPALIVE_MAX	3600000ULL	/* 1 h */
#define VCONF_MQTT_INTERVAL_MAX		3600000ULL	/* gate_flow's */

/*
 * Is url mqtt://[USER[:PASS]@]HOST[:PORT][/] or mqtts://...? The same
 * answer as mqttlink_parse. 1 or 0.
 */
int
vconf_mqtt_url_ok(const char *url)
{
	static const char *const schemes[] = { "mqtt", "mqtts", NULL };
	struct url	u;
	char		err[8];

	return (url_split(url, schemes, &u, err, sizeof(err)) == 0 &&
	    (u.path[0] == '\0' || strcmp(u.path, "/") == 0));
}

/*
 * Is s an MQTT subscription filter: 1-255 bytes, + alone in its level, #
 * alone in the last level? 1 or 0.
 */
int
vconf_mqtt_filter_ok(const char *s)
{
	return (url_mqtt_topic_ok(s, 1, VCONF_MQTT_TOPIC_MAX));
}

/* Is s a metric or flag name: 1-31 of a-z A-Z 0-9 _ . -? */
static int
vconf_mqtt_name_ok(const char *s)
{
	size_t	i, n = strlen(s);

	if (n == 0 || n >= FOHP_ID_MAX)
		return (0);
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' &&
		    s[i] != '.' && s[i] != '-')
			return (0);
	}
	return (1);
}

/* A new mapping on topic at line into m; 0 with p->error if not. */
static int
vconf_mqtt_map(struct vconf_parse *p, int line, const char *name,
    const char *topic, struct vconf_mqtt_map **m)
{
	struct vconf	*c = p->c;
	unsigned	 i;

	if (c->mqtt_nmaps == VCONF_MQTT_MAPS_MAX) {
		snprintf(p->error, sizeof(p->error), "[mqtt] %s: more than %d "
		    "mappings (readings = and value = together)", name,
		    VCONF_MQTT_MAPS_MAX);
		return (0);
	}
	if (!vconf_mqtt_filter_ok(topic)) {
		snprintf(p->error, sizeof(p->error), "[mqtt] %s: topic "
		    "\"%.100s\" is not an MQTT filter of 1-%d bytes (+ and # "
		    "only as a whole level, # only last)", name, topic,
		    VCONF_MQTT_TOPIC_MAX - 1);
		return (0);
	}
	for (i = 0; i < c->mqtt_nmaps; i++) {
		if (strcmp(c->mqtt_maps[i].topic, topic) == 0) {
			snprintf(p->error, sizeof(p->error), "[mqtt] %s: "
			    "topic %.100s is mapped already, at line %d", name,
			    topic, c->mqtt_maps[i].line);
			return (0);
		}
	}
	*m = &c->mqtt_maps[c->mqtt_nmaps++];
	memset(*m, 0, sizeof(**m));
	strcpy((*m)->topic, topic);
	(*m)->line = line;
	return (1);
}

/* value = TOPIC KIND:ID METRIC: 0 with p->error on an error. */
static int
vconf_mqtt_value(struct vconf_parse *p, int line, const char *value)
{
	char			 buf[VCONF_MQTT_TOPIC_MAX + 128];
	char			*w[4], *save = NULL, *id, *slash;
	struct vconf_mqtt_map	*m;
	unsigned		 n = 0;
	uint32_t		 ms;

	if (vconf_str(buf, sizeof(buf), value) != 0)
		goto usage;
	for (w[0] = strtok_r(buf, " \t", &save); w[n] != NULL && n < 3;
	    w[n] = strtok_r(NULL, " \t", &save))
		n++;
	if (n != 3 || w[3] != NULL || (id = strchr(w[1], ':')) == NULL)
		goto usage;
	*id++ = '\0';
	if (!vconf_mqtt_map(p, line, "value", w[0], &m))
		return (0);
	if (*id == '\0' || strlen(id) >= sizeof(m->id)) {
		snprintf(p->error, sizeof(p->error), "[mqtt] value: id "
		    "\"%.64s\" must be 1-%zu bytes", id, sizeof(m->id) - 1);
		goto fail;
	}
	strcpy(m->id, id);
	if (strcmp(w[1], "zone") == 0) {
		if (strcmp(w[2], "count") != 0) {
			snprintf(p->error, sizeof(p->error), "[mqtt] value: "
			    "zone:%s takes only \"count\", not \"%.32s\"", id,
			    w[2]);
			goto fail;
		}
		m->target = VCONF_MQTT_ZONE_COUNT;
	} else if (strcmp(w[1], "device") == 0) {
		m->target = strncmp(w[2], "flag:", 5) == 0 ? VCONF_MQTT_FLAG :
		    VCONF_MQTT_METRIC;
		if (m->target == VCONF_MQTT_FLAG)
			w[2] += 5;
		if (!vconf_mqtt_name_ok(w[2])) {
			snprintf(p->error, sizeof(p->error), "[mqtt] value: "
			    "%s name \"%.40s\" must be 1-%d of a-z A-Z 0-9 _ "
			    ". -", m->target == VCONF_MQTT_FLAG ? "flag" :
			    "metric", w[2], FOHP_ID_MAX - 1);
			goto fail;
		}
		strcpy(m->name, w[2]);
	} else if (strcmp(w[1], "gate") == 0) {
		if ((slash = strchr(w[2], '/')) == NULL)
			goto gate;
		*slash++ = '\0';
		if (strcmp(w[2], "in") == 0)
			m->target = VCONF_MQTT_GATE_IN;
		else if (strcmp(w[2], "out") == 0)
			m->target = VCONF_MQTT_GATE_OUT;
		else
			goto gate;
		if (vconf_duration(slash, VCONF_MQTT_INTERVAL_MAX, &ms) != 0 ||
		    ms == 0)
			goto gate;
		m->interval_ms = ms;
	} else {
		snprintf(p->error, sizeof(p->error), "[mqtt] value: \"%.32s\" "
		    "is not zone, gate or device", w[1]);
		goto fail;
	}
	return (1);
gate:
	snprintf(p->error, sizeof(p->error), "[mqtt] value: gate:%s needs "
	    "in/DURATION or out/DURATION (the interval the counter counts "
	    "over, 1ms to 1h), like in/60s", id);
fail:
	p->c->mqtt_nmaps--;
	return (0);
usage:
	snprintf(p->error, sizeof(p->error), "[mqtt] value: \"%.100s\" must "
	    "be TOPIC zone:ID count, TOPIC device:ID NAME, TOPIC device:ID "
	    "flag:NAME or TOPIC gate:ID in/DURATION (or out/DURATION)", value);
	return (0);
}

/* A file name key (ca, cert, key) into dst. */
static int
vconf_mqtt_file(struct vconf_parse *p, const char *name, char *dst,
    const char *value)
{
	if (vconf_str(dst, VCONF_URL_MAX, value) == 0)
		return (1);
	snprintf(p->error, sizeof(p->error), "[mqtt] %s: must be a file name "
	    "of 1-%d bytes", name, VCONF_URL_MAX - 1);
	return (0);
}

/* Handle one key of [mqtt] at line; 0 with p->error on an error. */
int
vconf_mqtt_key(struct vconf_parse *p, int line, const char *name,
    const char *value)
{
	struct vconf		*c = p->c;
	struct vconf_mqtt_map	*m;
	uint64_t		 v;
	size_t			 i;
	char			 safe[VCONF_URL_MAX];

	if (strcmp(name, "url") == 0) {
		if (!vconf_mqtt_url_ok(value) || vconf_str(c->mqtt_url,
		    sizeof(c->mqtt_url), value) != 0) {
			snprintf(p->error, sizeof(p->error), "[mqtt] url: "
			    "\"%.100s\" must be mqtt://[USER[:PASS]@]HOST[:PORT]"
			    " or mqtts://...", text_url_safe(safe, sizeof(safe),
			    value));
			return (0);
		}
		p->mqtt_url_line = line;
		return (1);
	}
	if (strcmp(name, "client_id") == 0) {
		for (i = 0; value[i] != '\0'; i++)
			if ((unsigned char)value[i] <= 0x20 || value[i] == 0x7f)
				break;
		if (value[i] != '\0' || vconf_str(c->mqtt_client_id,
		    sizeof(c->mqtt_client_id), value) != 0) {
			snprintf(p->error, sizeof(p->error), "[mqtt] "
			    "client_id: must be 1-%zu bytes without spaces",
			    sizeof(c->mqtt_client_id) - 1);
			return (0);
		}
		return (1);
	}
	if (strcmp(name, "ca") == 0)
		return (vconf_mqtt_file(p, name, c->mqtt_ca, value));
	if (strcmp(name, "cert") == 0)
		return (vconf_mqtt_file(p, name, c->mqtt_cert, value));
	if (strcmp(name, "key") == 0)
		return (vconf_mqtt_file(p, name, c->mqtt_key, value));
	if (strcmp(name, "keepalive") == 0) {
		if (cfg_duration(value, VCONF_MQTT_KEEPALIVE_MIN,
		    VCONF_MQTT_KEEPALIVE_MAX, &v) != 0) {
			snprintf(p->error, sizeof(p->error), "[mqtt] "
			    "keepalive: \"%.64s\" must be a duration from 5s "
			    "to 1h, like 30s", value);
			return (0);
		}
		c->mqtt_keepalive_ms = (uint32_t)v;
		return (1);
	}
	if (strcmp(name, "qos") == 0) {
		if (strcmp(value, "0") != 0 && strcmp(value, "1") != 0) {
			snprintf(p->error, sizeof(p->error), "[mqtt] qos: "
			    "\"%.16s\" must be 0 or 1", value);
			return (0);
		}
		c->mqtt_qos = value[0] - '0';
		return (1);
	}
	if (strcmp(name, "readings") == 0) {
		if (!vconf_mqtt_map(p, line, name, value, &m))
			return (0);
		m->target = VCONF_MQTT_READINGS;
		return (1);
	}
	if (strcmp(name, "value") == 0)
		return (vconf_mqtt_value(p, line, value));
	snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in [mqtt]",
	    name);
	return (0);
}

/* The defaults of [mqtt], before reading. */
void
vconf_mqtt_defaults(struct vconf *c)
{
	c->mqtt_keepalive_ms = 30000;
	c->mqtt_qos = 1;
}

/*
 * [mqtt] whole: a url if anything is set, TLS files that go together,
 * every mapping's id configured, the default client id. 0, or -1 with
 * FILE:LINE in err.
 */
int
vconf_check_mqtt(struct vconf_parse *p, const char *name, char *err,
    size_t errlen)
{
	struct vconf			*c = p->c;
	const struct vconf_mqtt_map	*m;
	int				 line = c->mqtt_line != 0 ?
					    c->mqtt_line : 1, found;
	unsigned			 i;
	const char			*noun;
	char				 safe[VCONF_URL_MAX];

	if (c->mqtt_line == 0)
		return (0);
	if (c->mqtt_url[0] == '\0')
		return (cfg_error(err, errlen, name, line, "[mqtt] url: "
		    "missing: [mqtt] needs url = mqtt://HOST[:PORT]%s",
		    c->mqtt_nmaps > 0 ? " for its readings and value "
		    "mappings" : ""));
	if ((c->mqtt_cert[0] != '\0') != (c->mqtt_key[0] != '\0'))
		return (cfg_error(err, errlen, name, line, "[mqtt] %s: "
		    "missing: a %s needs its %s (give both cert = FILE and "
		    "key = FILE)", c->mqtt_cert[0] != '\0' ? "key" : "cert",
		    c->mqtt_cert[0] != '\0' ? "cert" : "key",
		    c->mqtt_cert[0] != '\0' ? "key" : "cert"));
	if (strncmp(c->mqtt_url, "mqtt://", 7) == 0 && (c->mqtt_ca[0] !=
	    '\0' || c->mqtt_cert[0] != '\0'))
		return (cfg_error(err, errlen, name, p->mqtt_url_line, "[mqtt] "
		    "url: %s is not TLS, yet [mqtt] has %s: use mqtts://",
		    text_url_safe(safe, sizeof(safe), c->mqtt_url), c->mqtt_ca[0] != '\0' ? "a ca" : "a cert"));
	for (i = 0; i < c->mqtt_nmaps; i++) {
		m = &c->mqtt_maps[i];
		switch (m->target) {
		case VCONF_MQTT_READINGS:
			continue;
		case VCONF_MQTT_ZONE_COUNT:
			noun = "zone";
			found = vconf_zone(c, m->id) >= 0;
			break;
		case VCONF_MQTT_GATE_IN:
		case VCONF_MQTT_GATE_OUT:
			noun = "gate";
			found = vconf_gate(c, m->id) >= 0;
			break;
		default:
			noun = "device";
			found = vconf_device(c, m->id) >= 0;
			break;
		}
		if (!found)
			return (cfg_error(err, errlen, name, m->line, "[mqtt] "
			    "value: %s:%s: no such %s in this config (no "
			    "[%s %s])", noun, m->id, noun, noun, m->id));
	}
	if (c->mqtt_client_id[0] == '\0')
		snprintf(c->mqtt_client_id, sizeof(c->mqtt_client_id),
		    "fohd-%s", c->id);
	return (0);
}
