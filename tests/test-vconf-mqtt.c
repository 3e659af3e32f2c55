/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-vconf-mqtt.c: fohd.conf's [mqtt] section (vconf-mqtt.c, issue 16).
 * Good configs with the values they give (defaults: keepalive 30 s, qos
 * 1, client_id fohd-ID), every mapping kind; bad ones with FILE:LINE, the
 * key and the words of their refusal; and the config's own URL and filter
 * checks held to mqttlink_parse's and mqttlink_valid's answers.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/vconf.h"
#include "vconf-assert.h"
#include "lib/text.h"
#include "net/mqttlink.h"

/* Lines 1-12: a venue with a zone, a gate and a device; [mqtt] at 13. */
#define BASE	"[venue]\nid = arena\ngrid = 10x10\n" \
		"[zone a]\nrect = 0,0,5,5\narea_m2 = 100\n" \
		"[gate g1]\nwidth_m = 2\nzones = a\n" \
		"[device env1]\nkind = other\nheartbeat_s = 60\n"

/* The config's checks, declared in vconf-priv.h. */
int	vconf_mqtt_url_ok(const char *url);
int	vconf_mqtt_filter_ok(const char *s);

/* Load BASE then more; fail the test if it does not load. */
static void
load(struct vconf *c, const char *more)
{
	char	text[8192], err[512];

	snprintf(text, sizeof(text), "%s%s", BASE, more);
	if (vconf_load_string(c, "fohd.conf", text, err, sizeof(err)) != 0)
		fail_msg("refused: %s", err);
}

/* No [mqtt]: off; the defaults in place. */
static void
test_vconf_mqtt_off(void **state)
{
	static struct vconf	c;

	(void)state;
	load(&c, "");
	assert_string_equal(c.mqtt_url, "");
	assert_int_equal(c.mqtt_nmaps, 0);
	assert_int_equal(c.mqtt_qos, 1);
	assert_int_equal(c.mqtt_keepalive_ms, 30000);
	assert_int_equal(c.mqtt_line, 0);
}

/* Every key and every kind of mapping, in the order written. */
static void
test_vconf_mqtt_good(void **state)
{
	static struct vconf		 c;
	const struct vconf_mqtt_map	*m = c.mqtt_maps;

	(void)state;
	load(&c, "[mqtt]\nurl = mqtts://fohd:s3cret@broker.local:8883\n"
	    "client_id = arena-ingest\nca = /etc/ca.pem\ncert = /c.pem\n"
	    "key = /k.pem\nkeepalive = 1m\nqos = 0\n"
	    "readings = venue/arena/readings/#\n"
	    "value = sensors/door1/in gate:g1 in/60s\n"
	    "value = sensors/door1/out gate:g1 out/30s\n"
	    "value = sensors/+/people zone:a count\n"
	    "value = env/env1/co2 device:env1 co2_ppm\n"
	    "value = env/env1/fan device:env1 flag:fan\n");
	assert_string_equal(c.mqtt_url,
	    "mqtts://fohd:s3cret@broker.local:8883");
	assert_string_equal(c.mqtt_client_id, "arena-ingest");
	assert_string_equal(c.mqtt_ca, "/etc/ca.pem");
	assert_string_equal(c.mqtt_cert, "/c.pem");
	assert_string_equal(c.mqtt_key, "/k.pem");
	assert_int_equal(c.mqtt_keepalive_ms, 60000);
	assert_int_equal(c.mqtt_qos, 0);
	assert_int_equal(c.mqtt_line, 13);
	assert_int_equal(c.mqtt_nmaps, 6);
	assert_int_equal(m[0].target, VCONF_MQTT_READINGS);
	assert_string_equal(m[0].topic, "venue/arena/readings/#");
	assert_int_equal(m[0].line, 21);
	assert_int_equal(m[1].target, VCONF_MQTT_GATE_IN);
	assert_string_equal(m[1].id, "g1");
	assert_int_equal(m[1].interval_ms, 60000);
	assert_int_equal(m[2].target, VCONF_MQTT_GATE_OUT);
	assert_int_equal(m[2].interval_ms, 30000);
	assert_int_equal(m[3].target, VCONF_MQTT_ZONE_COUNT);
	assert_string_equal(m[3].topic, "sensors/+/people");
	assert_string_equal(m[3].id, "a");
	assert_int_equal(m[4].target, VCONF_MQTT_METRIC);
	assert_string_equal(m[4].name, "co2_ppm");
	assert_int_equal(m[5].target, VCONF_MQTT_FLAG);
	assert_string_equal(m[5].name, "fan");
	assert_int_equal(m[5].line, 26);

	/* The default client id; [mqtt] before the zone it names. */
	{
		static struct vconf	d;
		char			err[512];

		if (vconf_load_string(&d, "fohd.conf", "[mqtt]\nurl = "
		    "mqtt://127.0.0.1\nvalue = t zone:a count\n" BASE, err,
		    sizeof(err)) != 0)
			fail_msg("refused: %s", err);
		assert_string_equal(d.mqtt_client_id, "fohd-arena");
		assert_int_equal(d.mqtt_qos, 1);
		assert_int_equal(d.mqtt_keepalive_ms, 30000);
	}
}

/* Bad configs: refused with FILE:LINE, the key and the reason. */
static void
test_vconf_mqtt_bad(void **state)
{
	static const struct {
		const char	*name;
		const char	*mqtt;		/* after BASE, from line 13 */
		const char	*error;		/* a prefix of err */
	} cases[] = {
		{ "an nng URL", "[mqtt]\nurl = tcp://127.0.0.1:1883\n",
		    "fohd.conf:14: [mqtt] url: \"tcp://127.0.0.1:1883\" must be "
		    "mqtt://" },
		{ "a bad port", "[mqtt]\nurl = mqtt://h:99999\n",
		    "fohd.conf:14: [mqtt] url: \"mqtt://h:99999\"" },
		{ "a path", "[mqtt]\nurl = mqtt://h:1883/x\n",
		    "fohd.conf:14: [mqtt] url:" },
		{ "no host", "[mqtt]\nurl = mqtt://u:p@:1883\n",
		    "fohd.conf:14: [mqtt] url:" },
		{ "mappings without url", "[mqtt]\nqos = 1\n"
		    "readings = a/b\n", "fohd.conf:13: [mqtt] url: missing: "
		    "[mqtt] needs url = mqtt://HOST[:PORT] for its readings" },
		{ "cert without key", "[mqtt]\nurl = mqtts://h\n"
		    "cert = /c.pem\n", "fohd.conf:13: [mqtt] key: missing: a "
		    "cert needs its key" },
		{ "key without cert", "[mqtt]\nurl = mqtts://h\n"
		    "key = /k.pem\n", "fohd.conf:13: [mqtt] cert: missing: a "
		    "key needs its cert" },
		{ "ca on a plain url", "[mqtt]\nurl = mqtt://h\nca = /ca.pem\n",
		    "fohd.conf:14: [mqtt] url: mqtt://h is not TLS" },
		{ "qos 2", "[mqtt]\nurl = mqtt://h\nqos = 2\n",
		    "fohd.conf:15: [mqtt] qos: \"2\" must be 0 or 1" },
		{ "keepalive too short", "[mqtt]\nurl = mqtt://h\n"
		    "keepalive = 1s\n", "fohd.conf:15: [mqtt] keepalive: \"1s\" "
		    "must be a duration from 5s to 1h" },
		{ "client_id with a space", "[mqtt]\nurl = mqtt://h\n"
		    "client_id = a b\n", "fohd.conf:15: [mqtt] client_id:" },
		{ "unknown key", "[mqtt]\nurl = mqtt://h\ntopic = x\n",
		    "fohd.conf:15: unknown key \"topic\" in [mqtt]" },
		{ "a filter with # inside", "[mqtt]\nurl = mqtt://h\n"
		    "readings = a/#/b\n", "fohd.conf:15: [mqtt] readings: topic "
		    "\"a/#/b\" is not an MQTT filter" },
		{ "a filter with a+ ", "[mqtt]\nurl = mqtt://h\n"
		    "value = a/b+ zone:a count\n", "fohd.conf:15: [mqtt] value: "
		    "topic \"a/b+\" is not an MQTT filter" },
		{ "a topic mapped twice", "[mqtt]\nurl = mqtt://h\n"
		    "readings = a/b\nvalue = a/b zone:a count\n",
		    "fohd.conf:16: [mqtt] value: topic a/b is mapped already, "
		    "at line 15" },
		{ "value without a metric", "[mqtt]\nurl = mqtt://h\n"
		    "value = a/b zone:a\n", "fohd.conf:15: [mqtt] value: "
		    "\"a/b zone:a\" must be TOPIC zone:ID count" },
		{ "value with a word too many", "[mqtt]\nurl = mqtt://h\n"
		    "value = a/b zone:a count x\n", "fohd.conf:15: [mqtt] "
		    "value: \"a/b zone:a count x\" must be" },
		{ "an unknown zone", "[mqtt]\nurl = mqtt://h\n"
		    "value = a/b zone:nope count\n", "fohd.conf:15: [mqtt] "
		    "value: zone:nope: no such zone in this config" },
		{ "an unknown gate", "[mqtt]\nurl = mqtt://h\n"
		    "value = a/b gate:g9 in/60s\n", "fohd.conf:15: [mqtt] "
		    "value: gate:g9: no such gate" },
		{ "an unknown device", "[mqtt]\nurl = mqtt://h\nqos = 1\n"
		    "value = a/b device:env9 flag:fan\n", "fohd.conf:16: "
		    "[mqtt] value: device:env9: no such device" },
		{ "a zone's other metric", "[mqtt]\nurl = mqtt://h\n"
		    "value = a/b zone:a density\n", "fohd.conf:15: [mqtt] "
		    "value: zone:a takes only \"count\"" },
		{ "a gate without interval", "[mqtt]\nurl = mqtt://h\n"
		    "value = a/b gate:g1 in\n", "fohd.conf:15: [mqtt] value: "
		    "gate:g1 needs in/DURATION" },
		{ "a gate over an hour", "[mqtt]\nurl = mqtt://h\n"
		    "value = a/b gate:g1 out/2h\n", "fohd.conf:15: [mqtt] "
		    "value: gate:g1 needs" },
		{ "a gate both ways", "[mqtt]\nurl = mqtt://h\n"
		    "value = a/b gate:g1 both/60s\n", "fohd.conf:15: [mqtt] "
		    "value: gate:g1 needs" },
		{ "a bad metric name", "[mqtt]\nurl = mqtt://h\n"
		    "value = a/b device:env1 co2/ppm\n", "fohd.conf:15: [mqtt] "
		    "value: metric name \"co2/ppm\" must be" },
		{ "a model", "[mqtt]\nurl = mqtt://h\n"
		    "value = a/b model:m score\n", "fohd.conf:15: [mqtt] "
		    "value: \"model\" is not zone, gate or device" },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		vconf_assert_refused(cases[i].name, BASE, cases[i].mqtt,
		    cases[i].error);
}

/* More than VCONF_MQTT_MAPS_MAX mappings: the one too many is named. */
static void
test_vconf_mqtt_too_many(void **state)
{
	static struct vconf	c;
	char			text[8192], err[512], want[64];
	size_t			n;
	int			i;

	(void)state;
	assert_int_equal(VCONF_MQTT_MAPS_MAX, MQTTLINK_SUBS_MAX);
	assert_int_equal(VCONF_MQTT_TOPIC_MAX, MQTTLINK_TOPIC_MAX);
	n = (size_t)snprintf(text, sizeof(text), "%s[mqtt]\nurl = mqtt://h\n",
	    BASE);
	for (i = 0; i <= VCONF_MQTT_MAPS_MAX; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "value = s/%d zone:a count\n", i);
	assert_int_not_equal(vconf_load_string(&c, "fohd.conf", text, err,
	    sizeof(err)), 0);
	snprintf(want, sizeof(want), "fohd.conf:%d: [mqtt] value: more than "
	    "%d", 15 + VCONF_MQTT_MAPS_MAX, VCONF_MQTT_MAPS_MAX);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("got \"%s\", want \"%s...\"", err, want);
}

/* The config's URL and filter checks give mqttlink's answers. */
static void
test_vconf_mqtt_same_as_link(void **state)
{
	static const char *const urls[] = { "mqtt://h", "mqtt://h:1",
	    "mqtts://h:8883", "mqtt://u@h", "mqtt://u:p@h:1883",
	    "mqtt://[::1]:1883", "mqtt://[::1]", "mqtt://h/", "mqtt://h:0",
	    "mqtt://h:65536", "mqtt://h:x", "mqtt://", "mqtt://:1",
	    "mqtt://@h", "mqtt://:p@h", "mqtt://h/x", "mqtt://h?x",
	    "mqtt://[]:1", "mqtt://[::1]x", "tcp://h:1", "mqtt:/h",
	    "mqtt://h:1:2", "mqtt://u:p@ss@h", "mqtt://u:p@s:s@h:1883",
	    "mqtt://u:p@s@:1" };
	static const char *const filters[] = { "a", "a/b", "#", "+", "a/#",
	    "a/+/b", "+/+", "/", "a//b", "a/#/b", "a#", "a/b#", "a+",
	    "a/+b", "+a", "#/a", "$SYS/#", "a/\x01", "" };
	char		host[256], user[128], pass[128], err[256];
	int		port, tls, link;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		link = mqttlink_parse(urls[i], host, sizeof(host), &port, &tls,
		    user, sizeof(user), pass, sizeof(pass), err,
		    sizeof(err)) == 0;
		if (vconf_mqtt_url_ok(urls[i]) != link)
			fail_msg("url %s: config %d, link %d", urls[i], !link,
			    link);
	}
	for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		if (vconf_mqtt_filter_ok(filters[i]) !=
		    mqttlink_valid(filters[i], 1))
			fail_msg("filter \"%s\": config %d, link %d",
			    filters[i], vconf_mqtt_filter_ok(filters[i]),
			    mqttlink_valid(filters[i], 1));
	}
}

/* No error or log line shows the url's password, even one with @ and :. */
static void
test_vconf_mqtt_no_password(void **state)
{
	static const char *const bad[] = {
		"[mqtt]\nurl = mqtt://fohd:s3:cr@t@h:99999\n",
		"[mqtt]\nurl = mqtt://fohd:s3:cr@t@h/x\n",
		"[mqtt]\nurl = mqtt://fohd:s3:cr@t@h:1883\nca = /ca.pem\n",
	};
	static struct vconf	c;
	char			text[8192], err[512], buf[128];
	char			host[256], user[128], pass[128];
	int			port, tls;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "%s%s", BASE, bad[i]);
		assert_int_not_equal(vconf_load_string(&c, "fohd.conf", text,
		    err, sizeof(err)), 0);
		if (strstr(err, "s3") != NULL || strstr(err, "cr@") != NULL ||
		    strstr(err, "fohd:***@h") == NULL)
			fail_msg("%s: the password shown: %s", bad[i], err);
	}
	assert_int_not_equal(mqttlink_parse("mqtt://fohd:s3:cr@t@h:0", host,
	    sizeof(host), &port, &tls, user, sizeof(user), pass, sizeof(pass),
	    err, sizeof(err)), 0);
	if (strstr(err, "s3") != NULL || strstr(err, "fohd:***@h:0") == NULL)
		fail_msg("mqttlink_parse: the password shown: %s", err);
	/* Accepted: the password is everything to the last @. */
	snprintf(text, sizeof(text), "%s[mqtt]\nurl = mqtt://fohd:s3:cr@t@h"
	    ":1883\n", BASE);
	assert_int_equal(vconf_load_string(&c, "fohd.conf", text, err,
	    sizeof(err)), 0);
	assert_int_equal(mqttlink_parse(c.mqtt_url, host, sizeof(host), &port,
	    &tls, user, sizeof(user), pass, sizeof(pass), err, sizeof(err)), 0);
	assert_string_equal(pass, "s3:cr@t");
	assert_string_equal(host, "h");
	assert_string_equal(text_url_safe(buf, sizeof(buf), c.mqtt_url),
	    "mqtt://fohd:***@h:1883");
	assert_string_equal(text_url_safe(buf, sizeof(buf), "mqtt://u@h"),
	    "mqtt://u@h");
	assert_string_equal(text_url_safe(buf, sizeof(buf), "mqtt://h:1"),
	    "mqtt://h:1");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_vconf_mqtt_off),
		cmocka_unit_test(test_vconf_mqtt_good),
		cmocka_unit_test(test_vconf_mqtt_bad),
		cmocka_unit_test(test_vconf_mqtt_too_many),
		cmocka_unit_test(test_vconf_mqtt_same_as_link),
		cmocka_unit_test(test_vconf_mqtt_no_password),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
