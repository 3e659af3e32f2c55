/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-ingest-mqtt.c: an MQTT message made readings by its topic's [mqtt]
 * mapping (ingest-mqtt.c, issue 16): JSON readings on a readings = topic
 * exactly as on the WebSocket; each kind of value = mapping; payloads
 * refused with their code and field (not a number, NaN, a fraction or a
 * negative count, a flag word not known, bad JSON, an unknown zone in a
 * JSON reading); wildcards; the first mapping in the file wins; a topic
 * no mapping matches is refused whole.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "agent/ingest.h"
#include "core/vconf.h"

#define NOW	1700000000000ULL

static struct vconf		*conf;
static struct reading_batch	*b;

/* The venue: zones a and b, gate g1, device env1; [mqtt] mappings. */
static const char venue_text[] =
    "[venue]\nid = arena\ngrid = 10x10\n"
    "[zone a]\nrect = 0,0,5,5\narea_m2 = 100\n"
    "[zone b]\nrect = 5,0,5,5\narea_m2 = 100\n"
    "[gate g1]\nwidth_m = 2\nzones = a\n"
    "[device env1]\nkind = other\nheartbeat_s = 60\n"
    "[mqtt]\nurl = mqtt://127.0.0.1:1883\n"
    "value = sensors/door1/in gate:g1 in/60s\n"
    "value = sensors/door1/out gate:g1 out/1m\n"
    "value = counters/+/a zone:a count\n"
    "value = env/env1/co2 device:env1 co2_ppm\n"
    "value = env/env1/fan device:env1 flag:fan\n"
    "readings = venue/arena/#\n"
    "value = venue/arena/b/count zone:b count\n"
    "readings = +/json\n";

/* cmocka setup: load the venue. */
static int
setup(void **state)
{
	char	err[512];

	(void)state;
	if ((conf = calloc(1, sizeof(*conf))) == NULL ||
	    (b = calloc(1, sizeof(*b))) == NULL)
		return (-1);
	if (vconf_load_string(conf, "fohd.conf", venue_text, err,
	    sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return (-1);
	}
	return (0);
}

/* cmocka teardown. */
static int
teardown(void **state)
{
	(void)state;
	free(conf);
	free(b);
	return (0);
}

/* Ingest payload on topic; the return value. */
static int
msg(const char *topic, const char *payload)
{
	return (ingest_mqtt(conf, topic, payload, strlen(payload), NOW, b));
}

/* One reading taken, none refused. */
static void
taken(const char *what, int rv, unsigned n)
{
	if (rv != 0 || b->n != n || b->rejected != 0)
		fail_msg("%s: rv %d, %u readings, %u refused: %s %s: %s", what,
		    rv, b->n, b->rejected, b->nerrs > 0 ? b->errs[0].code : "",
		    b->nerrs > 0 ? b->errs[0].field : "",
		    b->nerrs > 0 ? b->errs[0].reason : "");
}

/* Each kind of value mapping makes its reading. */
static void
test_ingest_mqtt_values(void **state)
{
	const struct reading	*r = &b->r[0];

	(void)state;
	taken("zone count", msg("counters/cam7/a", "42"), 1);
	assert_int_equal(r->kind, READING_ZONE_COUNT);
	assert_string_equal(r->u.zone.zone, "a");
	assert_int_equal(r->u.zone.count, 42);
	assert_string_equal(r->u.zone.source, "mqtt");
	assert_int_equal(r->t_ms, NOW);

	taken("a count with a line end", msg("counters/x/a", " 7\r\n"), 1);
	assert_int_equal(r->u.zone.count, 7);

	taken("door in", msg("sensors/door1/in", "12"), 1);
	assert_int_equal(r->kind, READING_GATE_FLOW);
	assert_string_equal(r->u.gate.gate, "g1");
	assert_int_equal(r->u.gate.in, 12);
	assert_int_equal(r->u.gate.out, 0);
	assert_int_equal(r->u.gate.interval_ms, 60000);

	taken("door out", msg("sensors/door1/out", "5\n"), 1);
	assert_int_equal(r->u.gate.in, 0);
	assert_int_equal(r->u.gate.out, 5);
	assert_int_equal(r->u.gate.interval_ms, 60000);

	taken("metric", msg("env/env1/co2", "812.5"), 1);
	assert_int_equal(r->kind, READING_TELEMETRY);
	assert_string_equal(r->u.telemetry.device, "env1");
	assert_int_equal(r->u.telemetry.nmetrics, 1);
	assert_string_equal(r->u.telemetry.metrics[0].name, "co2_ppm");
	assert_true(r->u.telemetry.metrics[0].value == 812.5);
	assert_int_equal(r->u.telemetry.nflags, 0);

	taken("a negative metric", msg("env/env1/co2", "-3e2"), 1);
	assert_true(r->u.telemetry.metrics[0].value == -300);

	taken("flag", msg("env/env1/fan", "warning\n"), 1);
	assert_int_equal(r->u.telemetry.nmetrics, 0);
	assert_int_equal(r->u.telemetry.nflags, 1);
	assert_string_equal(r->u.telemetry.flags[0].name, "fan");
	assert_int_equal(r->u.telemetry.flags[0].level, FOHP_ST_WARNING);

	taken("a flag quoted", msg("env/env1/fan", "\"error\""), 1);
	assert_int_equal(r->u.telemetry.flags[0].level, FOHP_ST_ERROR);
}

/* JSON readings, one or an array, as on the WebSocket. */
static void
test_ingest_mqtt_readings(void **state)
{
	(void)state;
	taken("one reading", msg("venue/arena/cams",
	    "{\"kind\":\"zone_count\",\"zone\":\"b\",\"count\":300,"
	    "\"t\":1699999999000}"), 1);
	assert_int_equal(b->r[0].u.zone.count, 300);
	assert_int_equal(b->r[0].t_ms, 1699999999000ULL);
	taken("an array", msg("door/json", "[{\"kind\":\"zone_count\","
	    "\"zone\":\"a\",\"count\":1},{\"kind\":\"gate_flow\",\"gate\":"
	    "\"g1\",\"in\":3,\"out\":4,\"interval_ms\":10000}]"), 2);
	assert_int_equal(b->r[1].u.gate.out, 4);
	taken("an empty array", msg("venue/arena/x", "[]"), 0);

	/* Mixed: the good one taken, the bad one refused by itself. */
	assert_int_equal(msg("venue/arena/x", "[{\"kind\":\"zone_count\","
	    "\"zone\":\"a\",\"count\":1},{\"kind\":\"zone_count\",\"zone\":"
	    "\"nope\",\"count\":1}]"), 0);
	assert_int_equal(b->n, 1);
	assert_int_equal(b->rejected, 1);
	assert_int_equal(b->errs[0].index, 1);
	assert_string_equal(b->errs[0].code, "unknown_id");
	assert_string_equal(b->errs[0].field, "zone");
}

/* Refusals: their code, kind and field. */
static void
test_ingest_mqtt_refused(void **state)
{
	static const struct {
		const char	*topic, *payload;
		int		 rv;
		const char	*kind, *code, *field;
	} cases[] = {
		{ "counters/x/a", "lots", 0, "zone_count", "type", "count" },
		{ "counters/x/a", "NaN", 0, "zone_count", "type", "count" },
		{ "counters/x/a", "", 0, "zone_count", "type", "count" },
		{ "counters/x/a", "\"42\"", 0, "zone_count", "type", "count" },
		{ "counters/x/a", "4 2", 0, "zone_count", "type", "count" },
		{ "counters/x/a", "-4", 0, "zone_count", "range", "count" },
		{ "counters/x/a", "4.5", 0, "zone_count", "type", "count" },
		{ "counters/x/a", "1000001", 0, "zone_count", "range",
		    "count" },
		{ "sensors/door1/in", "-1", 0, "gate_flow", "range", "in" },
		{ "sensors/door1/out", "x", 0, "gate_flow", "type", "out" },
		{ "env/env1/co2", "1e13", 0, "telemetry", "range",
		    "metrics[0].value" },
		{ "env/env1/co2", "null", 0, "telemetry", "type",
		    "metrics[0].value" },
		{ "env/env1/co2", "inf", 0, "telemetry", "type",
		    "metrics[0].value" },
		{ "env/env1/fan", "broken", 0, "telemetry", "range",
		    "flags.fan" },
		{ "env/env1/fan", "", 0, "telemetry", "type", "flags.fan" },
		{ "venue/arena/x", "{\"kind\":", -1, "", "json", "" },
		{ "venue/arena/x", "{\"kind\":\"zone_count\",\"zone\":\"zz\","
		    "\"count\":1}", 0, "zone_count", "unknown_id", "zone" },
		{ "venue/arena/x", "{\"kind\":\"zone_count\",\"zone\":\"a\","
		    "\"count\":-2}", 0, "zone_count", "range", "count" },
		{ "elsewhere/a", "42", -1, "", "unknown_id", "topic" },
		{ "counters/a", "42", -1, "", "unknown_id", "topic" },
		{ "$SYS/json", "[]", -1, "", "unknown_id", "topic" },
	};
	size_t	i;
	int	rv;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		print_message("%s \"%s\"\n", cases[i].topic, cases[i].payload);
		rv = msg(cases[i].topic, cases[i].payload);
		assert_int_equal(rv, cases[i].rv);
		assert_int_equal(b->n, 0);
		assert_int_equal(b->rejected, 1);
		assert_int_equal(b->nerrs, 1);
		assert_string_equal(b->errs[0].kind, cases[i].kind);
		assert_string_equal(b->errs[0].code, cases[i].code);
		assert_string_equal(b->errs[0].field, cases[i].field);
		assert_true(b->errs[0].reason[0] != '\0');
		if (strcmp(cases[i].field, "topic") == 0)
			assert_int_equal(b->rejected_by[READING_KIND_COUNT][
			    INGEST_UNKNOWN_ID], 1);
	}
	/* The words: what the payload was. */
	msg("counters/x/a", "lots");
	assert_string_equal(b->errs[0].reason,
	    "payload \"lots\" is not a number");
	assert_int_equal(b->rejected_by[READING_ZONE_COUNT][INGEST_TYPE], 1);
	msg("env/env1/fan", "");
	assert_string_equal(b->errs[0].reason,
	    "payload \"\" is not ok, warning or error");
}

/* The first mapping in the file whose filter matches wins. */
static void
test_ingest_mqtt_first(void **state)
{
	(void)state;
	/* venue/arena/# (readings) comes before venue/arena/b/count. */
	assert_int_equal(msg("venue/arena/b/count", "42"), -1);
	assert_int_equal(b->n, 0);
	assert_int_equal(b->rejected, 1);
	assert_string_equal(b->errs[0].code, "type");	/* a bare 42 */
	taken("the JSON path", msg("venue/arena/b/count",
	    "{\"kind\":\"zone_count\",\"zone\":\"b\",\"count\":9}"), 1);
	/* + matches one level only. */
	assert_int_equal(msg("counters/x/y/a", "1"), -1);
	assert_string_equal(b->errs[0].field, "topic");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_ingest_mqtt_values),
		cmocka_unit_test(test_ingest_mqtt_readings),
		cmocka_unit_test(test_ingest_mqtt_refused),
		cmocka_unit_test(test_ingest_mqtt_first),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
