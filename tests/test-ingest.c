/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-ingest.c: readings into fohd (proto/PROTOCOL.md, section 12): a
 * table of good frames and what they give, mixed frames, the WebSocket
 * answer, the names of codes and kinds, and a rough parse rate. Bad frames
 * are in test-ingest-bad.c, the msgpack path in test-ingest-msgpack.c; the
 * venue is ingest-venue.c's.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "ingest-venue.h"

typedef void (*good_check)(const struct reading_batch *);

struct good_case {
	const char	*name;
	const char	*frame;
	unsigned	 n;		/* readings it gives */
	good_check	 check;		/* more checks, or NULL */
};

/* A zone count with t, source and an unknown key. */
static void
check_zone(const struct reading_batch *b)
{
	assert_int_equal(b->r[0].kind, READING_ZONE_COUNT);
	assert_string_equal(b->r[0].u.zone.zone, "b");
	assert_int_equal(b->r[0].u.zone.count, 1234);
	assert_string_equal(b->r[0].u.zone.source, "cam-7");
	assert_int_equal(b->r[0].t_ms, 1699999999000ULL);
}

/* Readings without t are stamped now; without source, source is empty. */
static void
check_now(const struct reading_batch *b)
{
	assert_int_equal(b->r[0].t_ms, NOW);
	assert_string_equal(b->r[0].u.zone.source, "");
	assert_int_equal(b->r[0].u.zone.count, 0);
}

/* One of each kind, in order. */
static void
check_kinds(const struct reading_batch *b)
{
	static const enum reading_kind	kinds[] = { READING_ZONE_COUNT,
	    READING_GATE_FLOW, READING_TELEMETRY, READING_MODEL_SAMPLE,
	    READING_DRIFT_SCORE, READING_EXTERNAL_ALERT };
	unsigned			i;

	for (i = 0; i < 6; i++)
		assert_int_equal(b->r[i].kind, kinds[i]);
	assert_int_equal(b->r[1].u.gate.in, 12);
	assert_int_equal(b->r[1].u.gate.out, 3);
	assert_int_equal(b->r[1].u.gate.interval_ms, 60000);
	assert_string_equal(b->r[1].u.gate.gate, "g1");
	assert_int_equal(b->r[1].t_ms, 5);
}

/* Telemetry metrics and flags. */
static void
check_telemetry(const struct reading_batch *b)
{
	const struct reading_telemetry	*t = &b->r[0].u.telemetry;

	assert_string_equal(t->device, "amp1");
	assert_int_equal(t->nmetrics, 2);
	assert_string_equal(t->metrics[0].name, "temp_c");
	assert_true(t->metrics[0].value == 61.5);
	assert_string_equal(t->metrics[0].unit, "C");
	assert_string_equal(t->metrics[1].name, "load");
	assert_true(t->metrics[1].value == 3);
	assert_string_equal(t->metrics[1].unit, "");
	assert_int_equal(t->nflags, 3);
	assert_string_equal(t->flags[0].name, "protect");
	assert_int_equal(t->flags[0].level, FOHP_ST_OK);
	assert_string_equal(t->flags[1].name, "clip");
	assert_int_equal(t->flags[1].level, FOHP_ST_WARNING);
	assert_int_equal(t->flags[2].level, FOHP_ST_ERROR);
}

/* Model-sample values land in the pool, feature by feature. */
static void
check_model(const struct reading_batch *b)
{
	const struct reading_model	*m = &b->r[1].u.model;

	assert_int_equal(b->r[0].u.model.features[0].n, 1);
	assert_string_equal(m->model, "m1");
	assert_string_equal(m->version, "v2.1");
	assert_int_equal(m->nfeatures, 2);
	assert_string_equal(m->features[0].name, "speed");
	assert_int_equal(m->features[0].off, 1);
	assert_int_equal(m->features[0].n, 3);
	assert_string_equal(m->features[1].name, "size");
	assert_int_equal(m->features[1].off, 4);
	assert_int_equal(m->features[1].n, 0);
	assert_int_equal(b->npool, 4);
	assert_true(b->pool[0] == 9.0f);
	assert_true(b->pool[1] == 1.5f);
	assert_true(b->pool[3] == -2.0f);
}

/* A drift score with features. */
static void
check_drift(const struct reading_batch *b)
{
	const struct reading_drift	*d = &b->r[0].u.drift;

	assert_string_equal(d->method, "ks");
	assert_true(d->score == 0.25);
	assert_int_equal(d->nfeatures, 2);
	assert_string_equal(d->features[1].name, "size");
	assert_true(d->features[1].score == 0.0);
}

/* An external alert with details of both kinds. */
static void
check_alert(const struct reading_batch *b)
{
	const struct reading_alert	*a = &b->r[0].u.alert;

	assert_string_equal(a->source, "fall-detector");
	assert_string_equal(a->subject, "c");
	assert_int_equal(a->severity, FOHP_SEV_CRITICAL);
	assert_string_equal(a->title, "Person down");
	assert_string_equal(a->reason, "pose below 0.3 m for 4 s");
	assert_int_equal(a->ndetails, 3);
	assert_string_equal(a->details[0].name, "camera");
	assert_string_equal(a->details[0].value, "cam-3");
	assert_string_equal(a->details[1].value, "0.87");
	assert_string_equal(a->details[2].value, "123456789");
}

/* A raster of the whole grid: cell (x,y) holds x + 10y. */
static void
check_raster_all(const struct reading_batch *b)
{
	/* a: sum over x<5,y<5 of x+10y = 5*10 + 5*100 ... computed below. */
	uint32_t	want[3] = { 0, 0, 0 };
	unsigned	x, y;

	for (y = 0; y < 10; y++) {
		for (x = 0; x < 10; x++) {
			if (y >= 5)
				want[2] += x + 10 * y;
			else
				want[x >= 5] += x + 10 * y;
		}
	}
	assert_string_equal(b->r[0].u.zone.zone, "a");
	assert_int_equal(b->r[0].u.zone.count, want[0]);
	assert_string_equal(b->r[1].u.zone.zone, "b");
	assert_int_equal(b->r[1].u.zone.count, want[1]);
	assert_string_equal(b->r[2].u.zone.zone, "c");
	assert_int_equal(b->r[2].u.zone.count, want[2]);
	assert_string_equal(b->r[2].u.zone.source, "raster");
	assert_int_equal(b->r[2].t_ms, 77);
	/* One reading of the frame accepted, whatever it gave. */
	assert_int_equal(b->accepted, 1);
	/* Then the raster itself, to publish: its cells in the pool. */
	assert_int_equal(b->r[3].kind, READING_RASTER);
	assert_int_equal(b->r[3].u.raster.cols, 10);
	assert_int_equal(b->r[3].u.raster.rows, 10);
	assert_int_equal(b->r[3].t_ms, 77);
	for (x = 0; x < 100; x++)
		assert_true(b->pool[b->r[3].u.raster.off + x] == (float)x);
}

/* A raster over the top half gives a and b only. */
static void
check_raster_top(const struct reading_batch *b)
{
	assert_string_equal(b->r[0].u.zone.zone, "a");
	assert_int_equal(b->r[0].u.zone.count, 25);
	assert_string_equal(b->r[1].u.zone.zone, "b");
	assert_int_equal(b->r[1].u.zone.count, 50);
	assert_int_equal(b->r[1].t_ms, NOW);
	assert_int_equal(b->r[2].kind, READING_RASTER);
	assert_int_equal(b->r[2].u.raster.rows, 6);
	assert_true(b->pool[b->r[2].u.raster.off + 59] == 9.0f);
}

/* Raster cell sums are clamped to FOHP_COUNT_MAX. */
static void
check_raster_clamp(const struct reading_batch *b)
{
	assert_int_equal(b->r[0].u.zone.count, FOHP_COUNT_MAX);
	assert_int_equal(b->accepted, 1);
}

/*
 * Fractional cells: zone a (0.5 and 24 cells of 0.3) sums to 7.7, rounded
 * to 8; zone b (0.1 and 24 of 0.02) to 0.58, rounded to 1. The cells go on
 * as given (as float32).
 */
static void
check_raster_frac(const struct reading_batch *b)
{
	assert_int_equal(b->n, 3);
	assert_string_equal(b->r[0].u.zone.zone, "a");
	assert_int_equal(b->r[0].u.zone.count, 8);
	assert_string_equal(b->r[1].u.zone.zone, "b");
	assert_int_equal(b->r[1].u.zone.count, 1);
	assert_int_equal(b->r[2].kind, READING_RASTER);
	assert_true(b->pool[b->r[2].u.raster.off] == 0.5f);
	assert_true(b->pool[b->r[2].u.raster.off + 1] == 0.3f);
	assert_true(b->pool[b->r[2].u.raster.off + 5] == 0.1f);
}


static const struct good_case good_cases[] = {
	{ "zone_count object, t, source, unknown key",
	    "{\"kind\":\"zone_count\",\"zone\":\"b\",\"count\":1234,"
	    "\"source\":\"cam-7\",\"t\":1699999999000,\"colour\":[1,{}],"
	    "\"v\":1}", 1, check_zone },
	{ "no t means now", ZC("a", 0), 1, check_now },
	{ "array of one", "[" ZC("a", 0) "]", 1, check_now },
	{ "empty array", "[]", 0, NULL },
	{ "whitespace around", " \n\t[" ZC("c", 1) "]\n", 1, NULL },
	{ "every kind",
	    "[" ZC("a", 3) ","
	    "{\"kind\":\"gate_flow\",\"gate\":\"g1\",\"in\":12,\"out\":3,"
	    "\"interval_ms\":60000,\"t\":5},"
	    "{\"kind\":\"telemetry\",\"device\":\"amp1\",\"metrics\":[]},"
	    "{\"kind\":\"model_sample\",\"model\":\"m1\",\"version\":\"1\","
	    "\"features\":{\"x\":[1]}},"
	    "{\"kind\":\"drift_score\",\"model\":\"m1\",\"version\":\"1\","
	    "\"method\":\"psi\",\"score\":0},"
	    "{\"kind\":\"external_alert\",\"source\":\"s\",\"subject\":\"x\","
	    "\"severity\":\"info\",\"title\":\"t\"}]", 6, check_kinds },
	{ "telemetry",
	    "{\"kind\":\"telemetry\",\"device\":\"amp1\",\"metrics\":["
	    "{\"name\":\"temp_c\",\"value\":61.5,\"unit\":\"C\"},"
	    "{\"name\":\"load\",\"value\":3}],\"flags\":{\"protect\":\"ok\","
	    "\"clip\":\"warning\",\"thermal\":\"error\"}}", 1,
	    check_telemetry },
	{ "model samples share the pool",
	    "[{\"kind\":\"model_sample\",\"model\":\"m1\",\"version\":\"v1\","
	    "\"features\":{\"speed\":[9]}},"
	    "{\"kind\":\"model_sample\",\"model\":\"m1\",\"version\":\"v2.1\","
	    "\"features\":{\"speed\":[1.5,0,-2],\"size\":[]}}]", 2,
	    check_model },
	{ "drift_score",
	    "{\"kind\":\"drift_score\",\"model\":\"m1\",\"version\":\"v\","
	    "\"method\":\"ks\",\"score\":0.25,\"features\":{\"speed\":0.5,"
	    "\"size\":0}}", 1, check_drift },
	{ "external_alert",
	    "{\"kind\":\"external_alert\",\"source\":\"fall-detector\","
	    "\"subject\":\"c\",\"severity\":\"critical\",\"title\":"
	    "\"Person down\",\"reason\":\"pose below 0.3 m for 4 s\","
	    "\"details\":{\"camera\":\"cam-3\",\"score\":0.87,"
	    "\"frame\":123456789}}", 1, check_alert },
	{ "raster over the whole grid",
	    "{\"kind\":\"raster\",\"x\":0,\"y\":0,\"cols\":10,\"rows\":10,"
	    "\"t\":77,\"source\":\"pipeline\",\"cells\":["
	    "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,"
	    "20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,"
	    "40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,"
	    "60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,"
	    "80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,96,97,98,99]}",
	    4, check_raster_all },
	{ "raster over the top half",
	    "{\"kind\":\"raster\",\"x\":0,\"y\":0,\"cols\":10,\"rows\":6,"
	    "\"cells\":[" ROW10("1", "2") "," ROW10("1", "2") ","
	    ROW10("1", "2") "," ROW10("1", "2") "," ROW10("1", "2") ","
	    ROW10("9", "9") "]}", 3, check_raster_top },
	{ "raster sum clamped",
	    "{\"kind\":\"raster\",\"x\":0,\"y\":0,\"cols\":5,\"rows\":5,"
	    "\"cells\":[" CELLS25("1000000") "]}", 2, check_raster_clamp },
	{ "raster of fractional cells",
	    "{\"kind\":\"raster\",\"x\":0,\"y\":0,\"cols\":10,\"rows\":5,"
	    "\"cells\":[0.5,0.3,0.3,0.3,0.3,0.1,0.02,0.02,0.02,0.02,"
	    ROW10("0.3", "0.02") "," ROW10("0.3", "0.02") ","
	    ROW10("0.3", "0.02") "," ROW10("0.3", "0.02") "]}", 3,
	    check_raster_frac },
	{ "ranges: the edges are taken",
	    "[{\"kind\":\"drift_score\",\"model\":\"m1\",\"version\":\"1\","
	    "\"method\":\"psi\",\"score\":1000,\"features\":{\"x\":1000}},"
	    "{\"kind\":\"drift_score\",\"model\":\"m1\",\"version\":\"1\","
	    "\"method\":\"ks\",\"score\":1,\"features\":{\"x\":1}},"
	    "{\"kind\":\"telemetry\",\"device\":\"amp1\",\"metrics\":["
	    "{\"name\":\"hz\",\"value\":1e12},{\"name\":\"db\","
	    "\"value\":-1e12}]},"
	    "{\"kind\":\"model_sample\",\"model\":\"m1\",\"version\":\"1\","
	    "\"features\":{\"x\":[1e12,-1e12]}},"
	    "{\"kind\":\"zone_count\",\"zone\":\"a\",\"count\":1,"
	    "\"t\":253402300799999}]", 5, NULL },
};

/* Every good frame is taken whole, with what the table says. */
static void
test_ingest_good(void **state)
{
	size_t	i;
	int	rv;

	(void)state;
	for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++) {
		const struct good_case	*t = &good_cases[i];

		rv = ingest_json(venue, t->frame, strlen(t->frame), NOW,
		    batch);
		expect_clean(t->name, rv, batch);
		if (batch->n != t->n) {
			fail_msg("%s: %u readings, want %u", t->name,
			    batch->n, t->n);
		}
		if (t->check != NULL)
			t->check(batch);
	}
}

/* Good and bad readings in one frame: each taken or refused alone. */
static void
test_ingest_mixed(void **state)
{
	static const char	frame[] = "[" ZC("a", 1) "," ZC("a", -4) ","
	    "{\"kind\":\"gate_flow\",\"gate\":\"g1\",\"in\":1,\"out\":2,"
	    "\"interval_ms\":1000}," "{\"kind\":\"bogus\"},"
	    MODEL("{\"x\":[1,2],\"y\":[3,\"no\"]}") ","
	    MODEL("{\"x\":[5,6]}") "," ZC("b", 2) "]";

	(void)state;
	assert_int_equal(ingest_json(venue, frame, strlen(frame), NOW, batch),
	    0);
	assert_int_equal(batch->n, 4);
	assert_int_equal(batch->rejected, 3);
	assert_int_equal(batch->nerrs, 3);
	assert_int_equal(batch->errs[0].index, 1);
	assert_string_equal(batch->errs[0].code, "range");
	assert_string_equal(batch->errs[0].kind, "zone_count");
	assert_int_equal(batch->errs[1].index, 3);
	assert_string_equal(batch->errs[1].code, "unknown_kind");
	assert_int_equal(batch->errs[2].index, 4);
	assert_string_equal(batch->errs[2].field, "features.y[1]");
	assert_int_equal(batch->rejected_by_kind[READING_ZONE_COUNT], 1);
	assert_int_equal(batch->rejected_by_kind[READING_MODEL_SAMPLE], 1);
	assert_int_equal(batch->rejected_by_kind[READING_KIND_COUNT], 1);
	assert_int_equal(batch->rejected_by[READING_ZONE_COUNT][INGEST_RANGE],
	    1);
	assert_int_equal(batch->rejected_by[READING_MODEL_SAMPLE][INGEST_TYPE],
	    1);
	assert_int_equal(batch->rejected_by[READING_KIND_COUNT]
	    [INGEST_UNKNOWN_KIND], 1);
	assert_int_equal(batch->r[0].u.zone.count, 1);
	assert_int_equal(batch->r[1].kind, READING_GATE_FLOW);
	/* The refused sample's values were dropped from the pool. */
	assert_int_equal(batch->r[2].kind, READING_MODEL_SAMPLE);
	assert_int_equal(batch->npool, 2);
	assert_int_equal(batch->r[2].u.model.features[0].off, 0);
	assert_true(batch->pool[0] == 5.0f && batch->pool[1] == 6.0f);
	assert_string_equal(batch->r[3].u.zone.zone, "b");
}

/* The answer is JSON of the spec's shape; quoted input is escaped. */
static void
test_ingest_reply(void **state)
{
	static const char	 frame[] = "[" ZC("a", 3) ","
	    "{\"kind\":\"zone_count\",\"zone\":\"st\\\"age\\n\\u00e9\","
	    "\"count\":1}]";
	json_error_t		 jerr;
	json_t			*j, *e;
	char			 buf[1024];
	size_t			 n;

	(void)state;
	assert_int_equal(ingest_json(venue, frame, strlen(frame), NOW, batch),
	    0);
	n = ingest_reply(batch, buf, sizeof(buf));
	assert_true(n > 0 && n == strlen(buf));
	j = json_loads(buf, 0, &jerr);
	if (j == NULL)
		fail_msg("reply %s: %s", buf, jerr.text);
	assert_int_equal(json_integer_value(json_object_get(j, "accepted")),
	    1);
	assert_int_equal(json_integer_value(json_object_get(j, "rejected")),
	    1);
	assert_int_equal(json_array_size(json_object_get(j, "errors")), 1);
	e = json_array_get(json_object_get(j, "errors"), 0);
	assert_int_equal(json_integer_value(json_object_get(e, "index")), 1);
	assert_string_equal(json_string_value(json_object_get(e, "kind")),
	    "zone_count");
	assert_string_equal(json_string_value(json_object_get(e, "field")),
	    "zone");
	assert_string_equal(json_string_value(json_object_get(e, "code")),
	    "unknown_id");
	/* The newline became '?', the quote survives escaped. */
	assert_string_equal(json_string_value(json_object_get(e, "reason")),
	    "no zone \"st\"age?\xc3\xa9\" in venue arena");
	json_decref(j);
	assert_non_null(strstr(buf, "\"accepted\":1,\"rejected\":1,"
	    "\"errors\":[{\"index\":1,"));

	/* No errors: an empty list. A buffer too small: 0. */
	ingest_json(venue, ZC("a", 1), strlen(ZC("a", 1)), NOW, batch);
	n = ingest_reply(batch, buf, sizeof(buf));
	assert_string_equal(buf,
	    "{\"accepted\":1,\"rejected\":0,\"errors\":[]}");
	assert_int_equal(ingest_reply(batch, buf, n), 0);
	assert_int_equal(ingest_reply(batch, buf, n + 1), n);

	/* A frame refused for bytes that are not UTF-8: still valid JSON. */
	assert_int_equal(ingest_json(venue, "[\"\xff\xfe\"]", 6, NOW, batch),
	    -1);
	assert_true(ingest_reply(batch, buf, sizeof(buf)) > 0);
	j = json_loads(buf, 0, &jerr);
	assert_non_null(j);
	e = json_array_get(json_object_get(j, "errors"), 0);
	assert_int_equal(json_integer_value(json_object_get(e, "index")), -1);
	assert_string_equal(json_string_value(json_object_get(e, "code")),
	    "json");
	json_decref(j);
}

/* Names: codes in the spec's order, kinds as on the wire. */
static void
test_ingest_names(void **state)
{
	static const char *const	codes[] = { "json", "type", "range",
	    "missing", "too_long", "unknown_id", "unknown_kind", "oversized",
	    "auth", "drill" };
	int				i;

	(void)state;
	assert_int_equal(INGEST_CODE_COUNT, 10);
	for (i = 0; i < INGEST_CODE_COUNT; i++) {
		assert_string_equal(ingest_code_name(i), codes[i]);
		assert_int_equal(ingest_code_index(codes[i]), i);
	}
	assert_string_equal(ingest_code_name(INGEST_CODE_COUNT), "unknown");
	assert_int_equal(ingest_code_index("nope"), -1);
	assert_string_equal(reading_kind_name(READING_ZONE_COUNT),
	    "zone_count");
	assert_string_equal(reading_kind_name(READING_EXTERNAL_ALERT),
	    "external_alert");
	assert_string_equal(reading_kind_name(READING_KIND_COUNT), "unknown");
}

/* Seconds on the monotonic clock. */
static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

/* Parse rate for frames of 100 zone counts; printed, not asserted. */
static void
test_ingest_rate(void **state)
{
	static const char *const	zones[] = { "a", "b", "c" };
	char				*f = NULL, one[96];
	size_t				 len = 0, cap = 0;
	unsigned			 i, frames = 0;
	double				 t0, t;

	(void)state;
	buf_add(&f, &len, &cap, "[");
	for (i = 0; i < 100; i++) {
		snprintf(one, sizeof(one), "%s{\"kind\":\"zone_count\","
		    "\"zone\":\"%s\",\"count\":%u,\"source\":\"cam-%u\"}",
		    i == 0 ? "" : ",", zones[i % 3], i * 37, i % 8);
		buf_add(&f, &len, &cap, one);
	}
	buf_add(&f, &len, &cap, "]");
	t0 = now_s();
	do {
		for (i = 0; i < 100; i++) {
			assert_int_equal(ingest_json(venue, f, len, NOW,
			    batch), 0);
		}
		frames += 100;
		t = now_s() - t0;
	} while (t < 0.5);
	assert_int_equal(batch->n, 100);
	print_message("ingest: %.0f readings/s (%u frames of 100 zone "
	    "counts, %zu bytes each, in %.2f s)\n", frames * 100.0 / t,
	    frames, len, t);
	free(f);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_ingest_names),
		cmocka_unit_test(test_ingest_good),
		cmocka_unit_test(test_ingest_mixed),
		cmocka_unit_test(test_ingest_reply),
		cmocka_unit_test(test_ingest_rate),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
