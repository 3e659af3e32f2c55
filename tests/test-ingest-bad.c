/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-ingest-bad.c: readings fohd refuses (proto/PROTOCOL.md, section
 * 12): a table of bad frames and the refusal each must get (index, code,
 * field, words), and the limits of a frame. The venue is ingest-venue.c's.
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

struct bad_case {
	const char	*name;
	const char	*frame;
	int		 rv;		/* 0: a reading refused, -1: frame */
	const char	*code;
	const char	*field;
	const char	*reason;	/* a substring of it */
	const char	*kind;		/* err's kind; NULL: do not check */
};

#define TEL(m)	"{\"kind\":\"telemetry\",\"device\":\"amp1\",\"metrics\":" m "}"
#define M1	"{\"name\":\"x\",\"value\":1}"
#define ALERT(extra) "{\"kind\":\"external_alert\",\"source\":\"s\"," \
	"\"subject\":\"a\",\"severity\":\"info\"" extra "}"
#define DRIFT(extra) "{\"kind\":\"drift_score\",\"model\":\"m1\"," \
	"\"version\":\"1\"" extra "}"
#define GATE(extra) "{\"kind\":\"gate_flow\",\"gate\":\"g1\",\"in\":1," \
	"\"out\":2" extra "}"

static const struct bad_case bad_cases[] = {
	/* The frame. */
	{ "bad JSON", "{\"kind\": ", -1, "json", "", "line 1 column 9", "" },
	{ "bad JSON on line 2", "[\n{\"kind\":\"zone_count\",}\n]", -1,
	    "json", "", "line 2 column", NULL },
	{ "trailing garbage", ZC("a", 1) " x", -1, "json", "", "line 1",
	    NULL },
	{ "empty frame", "", -1, "json", "", "line 1", NULL },
	{ "NaN literal", "{\"kind\":\"zone_count\",\"zone\":\"a\","
	    "\"count\":NaN}", -1, "json", "", "invalid token", NULL },
	{ "Infinity literal", "[Infinity]", -1, "json", "", "invalid", NULL },
	{ "1e999 overflows", "{\"kind\":\"drift_score\",\"score\":1e999}", -1,
	    "json", "", "real number overflow", NULL },
	{ "integer too big for JSON", "{\"count\":99999999999999999999}", -1,
	    "json", "", "too big integer", NULL },
	{ "duplicate key", "{\"kind\":\"zone_count\",\"zone\":\"a\","
	    "\"count\":1,\"count\":900}", -1, "json", "", "duplicate", NULL },
	{ "NUL in a string", "{\"kind\":\"zone_count\",\"zone\":\"a\\u0000b\","
	    "\"count\":1}", -1, "json", "", "\\u0000", NULL },
	{ "a number", "42", -1, "type", "", "got integer", NULL },
	{ "a string", "\"zone_count\"", -1, "type", "", "got string", NULL },
	{ "null", "null", -1, "type", "", "object or an array", NULL },

	/* Any reading. */
	{ "element not an object", "[1]", 0, "type", "",
	    "expected an object, got integer", "" },
	{ "missing kind", "{\"zone\":\"a\",\"count\":1}", 0, "missing",
	    "kind", "absent", "" },
	{ "kind not a string", "{\"kind\":7}", 0, "type", "kind",
	    "expected a string, got integer", "" },
	{ "unknown kind", "{\"kind\":\"zone_counts\"}", 0, "unknown_kind",
	    "kind", "unknown kind \"zone_counts\"", "" },
	{ "v=2", "{\"kind\":\"zone_count\",\"zone\":\"a\",\"count\":1,"
	    "\"v\":2}", 0, "range", "v", "version 2 is not supported",
	    "zone_count" },
	{ "v not a number", "{\"kind\":\"zone_count\",\"zone\":\"a\","
	    "\"count\":1,\"v\":\"1\"}", 0, "type", "v", "got string", NULL },
	{ "negative t", "{\"kind\":\"zone_count\",\"zone\":\"a\","
	    "\"count\":1,\"t\":-1}", 0, "range", "t", "negative number -1",
	    NULL },
	{ "t after the year 9999", "{\"kind\":\"zone_count\",\"zone\":"
	    "\"a\",\"count\":1,\"t\":253402300800000}", 0, "range", "t",
	    "253402300800000 is over the limit 253402300799999", NULL },

	/* zone_count. */
	{ "unknown zone", ZC("stagee", 1), 0, "unknown_id", "zone",
	    "no zone \"stagee\" in venue arena", "zone_count" },
	{ "zone not a string", "{\"kind\":\"zone_count\",\"zone\":5,"
	    "\"count\":1}", 0, "type", "zone", "expected a string, got integer",
	    NULL },
	{ "empty zone", ZC("", 1), 0, "range", "zone", "must not be empty",
	    NULL },
	{ "zone id too long", ZC("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 1),
	    0, "too_long", "zone", "40 bytes, at most 31", NULL },
	{ "missing count", "{\"kind\":\"zone_count\",\"zone\":\"a\"}", 0,
	    "missing", "count", "absent", NULL },
	{ "negative count", ZC("a", -4), 0, "range", "count",
	    "negative number -4", NULL },
	{ "huge count", ZC("a", 1000001), 0, "range", "count",
	    "1000001 is over the limit 1000000", NULL },
	{ "fractional count", ZC("a", 2.5), 0, "type", "count",
	    "expected an unsigned integer, got real number 2.5", NULL },
	{ "count 5.0 is a real", ZC("a", 5.0), 0, "type", "count",
	    "real number 5", NULL },
	{ "count 1e3 is a real", ZC("a", 1e3), 0, "type", "count",
	    "real number 1000", NULL },
	{ "count as a string", ZC("a", "7"), 0, "type", "count",
	    "got string", NULL },
	{ "count true", ZC("a", true), 0, "type", "count", "got boolean",
	    NULL },
	{ "source not a string", "{\"kind\":\"zone_count\",\"zone\":\"a\","
	    "\"count\":1,\"source\":[]}", 0, "type", "source", "got array",
	    NULL },

	/* raster. */
	{ "raster cell count", RASTER(0, 0, 5, 5, ROW5("1")), 0, "range",
	    "cells", "expected 25 values (cols 5 x rows 5), got 5", "raster" },
	{ "raster outside grid", RASTER(6, 0, 5, 5, CELLS25("1")), 0,
	    "range", "cols", "x 6 + cols 5 is outside the grid (width 10)",
	    NULL },
	{ "raster below grid", RASTER(0, 9, 5, 5, CELLS25("1")), 0,
	    "range", "rows", "outside the grid (height 10)", NULL },
	{ "raster no whole zone", RASTER(1, 0, 5, 5, CELLS25("1")), 0,
	    "range", "cells", "raster covers no whole zone", NULL },
	{ "raster zero cols", RASTER(0, 0, 0, 5, ""), 0, "range", "cols",
	    "0 is out of range", NULL },
	{ "raster negative cell", RASTER(0, 0, 5, 5, "1,1,1,-1,"
	    ROW5("1") "," ROW5("1") "," ROW5("1") "," ROW5("1") ",1"), 0,
	    "range", "cells[3]", "negative number -1", NULL },
	{ "raster cell over a zone's limit", RASTER(0, 0, 5, 5, "1000000.5,"
	    ROW5("1") "," ROW5("1") "," ROW5("1") "," ROW5("1") ",1,1,1,1"),
	    0, "range", "cells[0]", "1000000.5 is over the limit 1000000", NULL },
	{ "raster cell 1e300", RASTER(0, 0, 5, 5, "1," ROW5("1") ","
	    ROW5("1") "," ROW5("1") "," ROW5("1") ",1e300,1,1,1"), 0, "range",
	    "cells[21]", "1e+300 is over the limit", NULL },
	{ "raster cell a string", RASTER(0, 0, 5, 5, "\"1\"," ROW5("1") ","
	    ROW5("1") "," ROW5("1") "," ROW5("1") ",1,1,1,1"), 0, "type",
	    "cells[0]", "expected a number, got string", NULL },
	{ "raster empty cells", RASTER(0, 0, 5, 5, ""), 0, "range",
	    "cells", "got 0", NULL },
	{ "raster cells not an array", "{\"kind\":\"raster\",\"x\":0,"
	    "\"y\":0,\"cols\":1,\"rows\":1,\"cells\":{}}", 0, "type",
	    "cells", "expected an array, got object", NULL },
	{ "raster missing y", "{\"kind\":\"raster\",\"x\":0,\"cols\":1,"
	    "\"rows\":1,\"cells\":[1]}", 0, "missing", "y", "absent", NULL },

	/* gate_flow. */
	{ "unknown gate", "{\"kind\":\"gate_flow\",\"gate\":\"g9\",\"in\":1,"
	    "\"out\":1,\"interval_ms\":1000}", 0, "unknown_id", "gate",
	    "no gate \"g9\"", "gate_flow" },
	{ "interval 0", GATE(",\"interval_ms\":0"), 0, "range",
	    "interval_ms", "0 is out of range 1-3600000", NULL },
	{ "interval too long", GATE(",\"interval_ms\":3600001"), 0, "range",
	    "interval_ms", "out of range", NULL },
	{ "missing interval", GATE(""), 0, "missing", "interval_ms", "absent",
	    NULL },

	/* telemetry. */
	{ "unknown device", "{\"kind\":\"telemetry\",\"device\":\"amp2\","
	    "\"metrics\":[]}", 0, "unknown_id", "device", "no device \"amp2\"",
	    "telemetry" },
	{ "metrics not an array", TEL("{}"), 0, "type", "metrics",
	    "expected an array, got object", NULL },
	{ "metrics missing", "{\"kind\":\"telemetry\",\"device\":\"amp1\"}",
	    0, "missing", "metrics", "absent", NULL },
	{ "too many metrics", TEL("[" M1 "," M1 "," M1 "," M1 "," M1 "," M1
	    "," M1 "," M1 "," M1 "]"), 0, "too_long", "metrics",
	    "9 metrics, at most 8", NULL },
	{ "metric value a string", TEL("[" M1 "," M1 ",{\"name\":\"x\","
	    "\"value\":\"hot\"}]"), 0, "type", "metrics[2].value",
	    "expected a number, got string", NULL },
	{ "metric value 1e300", TEL("[{\"name\":\"temp_c\","
	    "\"value\":1e300}]"), 0, "range", "metrics[0].value",
	    "1e+300 is out of range -1000000000000 to 1000000000000", "telemetry" },
	{ "metric value -1e13", TEL("[" M1 ",{\"name\":\"x\","
	    "\"value\":-1e13}]"), 0, "range", "metrics[1].value",
	    "-10000000000000 is out of range", NULL },
	{ "metric not an object", TEL("[" M1 ",3]"), 0, "type", "metrics[1]",
	    "expected an object", NULL },
	{ "metric without name", TEL("[{\"value\":1}]"), 0, "missing",
	    "metrics[0].name", "absent", NULL },
	{ "metric unit too long", TEL("[{\"name\":\"x\",\"value\":1,"
	    "\"unit\":\"furlongs per fortnight\"}]"), 0, "too_long",
	    "metrics[0].unit", "at most 15", NULL },
	{ "flag bad level", "{\"kind\":\"telemetry\",\"device\":\"amp1\","
	    "\"metrics\":[],\"flags\":{\"fan\":\"ok\",\"lamp\":\"bad\"}}", 0,
	    "range", "flags.lamp", "expected ok, warning or error, got "
	    "\"bad\"", NULL },
	{ "flag level a number", "{\"kind\":\"telemetry\",\"device\":\"amp1\","
	    "\"metrics\":[],\"flags\":{\"lamp\":1}}", 0, "type", "flags.lamp",
	    "expected a string", NULL },
	{ "flags an array", "{\"kind\":\"telemetry\",\"device\":\"amp1\","
	    "\"metrics\":[],\"flags\":[]}", 0, "type", "flags",
	    "expected an object", NULL },
	{ "too many flags", "{\"kind\":\"telemetry\",\"device\":\"amp1\","
	    "\"metrics\":[],\"flags\":{\"a\":\"ok\",\"b\":\"ok\",\"c\":\"ok\","
	    "\"d\":\"ok\",\"e\":\"ok\",\"f\":\"ok\",\"g\":\"ok\",\"h\":\"ok\","
	    "\"i\":\"ok\"}}", 0, "too_long", "flags", "9 entries, at most 8",
	    NULL },

	/* model_sample. */
	{ "unknown model", "{\"kind\":\"model_sample\",\"model\":\"m2\","
	    "\"version\":\"1\",\"features\":{}}", 0, "unknown_id", "model",
	    "no model \"m2\"", "model_sample" },
	{ "too many features", MODEL("{\"a\":[],\"b\":[],\"c\":[],\"d\":[],"
	    "\"e\":[],\"f\":[],\"g\":[],\"h\":[],\"i\":[]}"), 0, "too_long",
	    "features", "9 entries, at most 8", NULL },
	{ "feature not an array", MODEL("{\"speed\":1}"), 0, "type",
	    "features.speed", "expected an array, got integer", NULL },
	{ "feature value a string", MODEL("{\"speed\":[1,\"2\"]}"), 0, "type",
	    "features.speed[1]", "expected a number, got string", NULL },
	{ "feature value 1e300", MODEL("{\"speed\":[1e300]}"), 0,
	    "range", "features.speed[0]", "1e+300 is out of range -1000000000000 to "
	    "1000000000000", NULL },
	{ "feature value past 1e12", MODEL("{\"speed\":[0,-1.5e12]}"), 0,
	    "range", "features.speed[1]", "-1500000000000 is out of range", NULL },
	{ "feature name too long", MODEL("{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\":[]}"), 0, "too_long", "features", "32 bytes, at most 31",
	    NULL },
	{ "empty feature name", MODEL("{\"\":[]}"), 0, "range", "features",
	    "empty name", NULL },
	{ "missing version", "{\"kind\":\"model_sample\",\"model\":\"m1\","
	    "\"features\":{}}", 0, "missing", "version", "absent", NULL },

	/* drift_score. */
	{ "drift bad method", DRIFT(",\"method\":\"kl\",\"score\":1"), 0,
	    "range", "method", "expected psi, ks or js, got \"kl\"",
	    "drift_score" },
	{ "drift negative score", DRIFT(",\"method\":\"js\",\"score\":-0.1"),
	    0, "range", "score", "negative number -0.1", NULL },
	{ "drift score a string", DRIFT(",\"method\":\"js\",\"score\":\"1\""),
	    0, "type", "score", "expected a number, got string", NULL },
	{ "drift score 1e300", DRIFT(",\"method\":\"psi\",\"score\":1e300"),
	    0, "range", "score", "1e+300 is over the limit 1000",
	    "drift_score" },
	{ "drift ks score over 1", DRIFT(",\"method\":\"ks\",\"score\":1.01"),
	    0, "range", "score", "1.01 is over the limit 1", NULL },
	{ "drift js feature over 1", DRIFT(",\"method\":\"js\",\"score\":0.5,"
	    "\"features\":{\"x\":2}"), 0, "range", "features.x",
	    "2 is over the limit 1", NULL },
	{ "drift psi feature 1e300", DRIFT(",\"method\":\"psi\",\"score\":1,"
	    "\"features\":{\"x\":1e300}"), 0, "range", "features.x",
	    "over the limit 1000", NULL },
	{ "drift feature negative", DRIFT(",\"method\":\"psi\",\"score\":1,"
	    "\"features\":{\"x\":-1}"), 0, "range", "features.x",
	    "negative number -1", NULL },

	/* external_alert. */
	{ "empty title", ALERT(",\"title\":\"\""), 0, "range", "title",
	    "must not be empty", "external_alert" },
	{ "missing title", ALERT(""), 0, "missing", "title", "absent", NULL },
	{ "bad severity", "{\"kind\":\"external_alert\",\"source\":\"s\","
	    "\"subject\":\"a\",\"severity\":\"panic\",\"title\":\"t\"}", 0,
	    "range", "severity", "expected info, warning or critical", NULL },
	{ "detail an array", ALERT(",\"title\":\"t\",\"details\":{\"x\":[]}"),
	    0, "type", "details.x", "expected a string or a number, got array",
	    NULL },
	{ "detail string too long", ALERT(",\"title\":\"t\",\"details\":"
	    "{\"x\":\"0123456789012345678901234567890123456789012345678901234"
	    "5678901234\"}"), 0, "too_long", "details.x", "65 bytes, at most 63",
	    NULL },
	{ "missing source", "{\"kind\":\"external_alert\",\"subject\":\"a\","
	    "\"severity\":\"info\",\"title\":\"t\"}", 0, "missing", "source",
	    "absent", NULL },
};

/* Every bad frame is refused with the code, field and words expected. */
static void
test_ingest_bad(void **state)
{
	const struct reading_err	*e;
	size_t				 i;
	unsigned			 k, c, sum;
	int				 rv, code;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case	*t = &bad_cases[i];

		rv = ingest_json(venue, t->frame, strlen(t->frame), NOW,
		    batch);
		if (rv != t->rv)
			fail_msg("%s: returned %d, want %d", t->name, rv, t->rv);
		if (batch->n != 0 || batch->rejected != 1 || batch->nerrs != 1)
			fail_msg("%s: n %u rejected %u nerrs %u", t->name,
			    batch->n, batch->rejected, batch->nerrs);
		e = &batch->errs[0];
		if (e->index != (t->rv == 0 ? 0 : -1))
			fail_msg("%s: index %d", t->name, e->index);
		if (strcmp(e->code, t->code) != 0 ||
		    strcmp(e->field, t->field) != 0 ||
		    strstr(e->reason, t->reason) == NULL) {
			fail_msg("%s: got %s %s \"%s\", want %s %s \"...%s...\"",
			    t->name, e->code, e->field, e->reason, t->code,
			    t->field, t->reason);
		}
		if (t->kind != NULL && strcmp(e->kind, t->kind) != 0)
			fail_msg("%s: kind \"%s\", want \"%s\"", t->name,
			    e->kind, t->kind);
		if ((code = ingest_code_index(e->code)) < 0)
			fail_msg("%s: code %s not in the table", t->name,
			    e->code);
		for (k = 0, sum = 0; k <= READING_KIND_COUNT; k++) {
			sum += batch->rejected_by_kind[k];
			for (c = 0; c < READING_CODES; c++) {
				if (batch->rejected_by[k][c] != 0 &&
				    (c != (unsigned)code ||
				    batch->rejected_by_kind[k] != 1))
					fail_msg("%s: rejected_by[%u][%u] = %u",
					    t->name, k, c,
					    batch->rejected_by[k][c]);
			}
		}
		if (sum != 1)
			fail_msg("%s: rejected_by_kind sums to %u", t->name,
			    sum);
	}

	/* Over a configured max_frame. */
	venue->max_frame = 64;
	assert_int_equal(ingest_json(venue, "[" ZC("a", 1) "," ZC("a", 1) "]",
	    81, NOW, batch), -1);
	venue->max_frame = 0;
	assert_string_equal(batch->errs[0].code, "oversized");
	assert_string_equal(batch->errs[0].reason, "frame of 81 bytes is over "
	    "the limit of 64");
}

/*
 * Into *f: a frame of n zone counts of "a", a 10x10 raster (it gives 3
 * readings) and a zone count of "b".
 */
static void
limit_frame(char **f, size_t *len, size_t *cap, unsigned n)
{
	unsigned	i;

	*len = 0;
	buf_add(f, len, cap, "[");
	for (i = 0; i < n; i++)
		buf_add(f, len, cap, ZC("a", 1) ",");
	buf_add(f, len, cap, RASTER(0, 0, 10, 10, ROW10("1", "1") ","
	    ROW10("1", "1") "," ROW10("1", "1") "," ROW10("1", "1") ","
	    ROW10("1", "1") "," ROW10("1", "1") "," ROW10("1", "1") ","
	    ROW10("1", "1") "," ROW10("1", "1") "," ROW10("1", "1")) ","
	    ZC("b", 1) "]");
}

/* Only READING_BATCH_MAX readings a frame; errors kept are the first 8. */
static void
test_ingest_limits(void **state)
{
	char		*f = NULL;
	size_t		 len = 0, cap = 0;
	unsigned	 i;

	(void)state;
	buf_add(&f, &len, &cap, "[");
	for (i = 0; i < READING_BATCH_MAX + 6; i++)
		buf_add(&f, &len, &cap, i == 0 ? ZC("a", 1) : "," ZC("a", 1));
	buf_add(&f, &len, &cap, "]");
	assert_int_equal(ingest_json(venue, f, len, NOW, batch), 0);
	assert_int_equal(batch->n, READING_BATCH_MAX);
	assert_int_equal(batch->rejected, 6);
	assert_int_equal(batch->nerrs, 6);
	assert_int_equal(batch->errs[0].index, READING_BATCH_MAX);
	assert_string_equal(batch->errs[0].code, "too_long");
	assert_non_null(strstr(batch->errs[0].reason, "more than 1024"));

	/* 1022 counts, then a raster giving 3 more: no room for it. */
	limit_frame(&f, &len, &cap, READING_BATCH_MAX - 2);
	assert_int_equal(ingest_json(venue, f, len, NOW, batch), 0);
	assert_int_equal(batch->n, READING_BATCH_MAX - 1);
	assert_int_equal(batch->rejected, 1);
	assert_int_equal(batch->errs[0].index, READING_BATCH_MAX - 2);
	assert_string_equal(batch->errs[0].code, "too_long");
	assert_string_equal(batch->errs[0].kind, "raster");
	assert_non_null(strstr(batch->errs[0].reason, "room for 2"));
	assert_string_equal(batch->r[READING_BATCH_MAX - 2].u.zone.zone, "b");

	/* 1021 counts and the raster fill the batch; one more is refused. */
	limit_frame(&f, &len, &cap, READING_BATCH_MAX - 3);
	assert_int_equal(ingest_json(venue, f, len, NOW, batch), 0);
	assert_int_equal(batch->n, READING_BATCH_MAX);
	assert_int_equal(batch->rejected, 1);
	assert_int_equal(batch->errs[0].index, READING_BATCH_MAX - 2);
	assert_string_equal(batch->errs[0].code, "too_long");
	assert_string_equal(batch->errs[0].kind, "zone_count");
	assert_string_equal(batch->r[READING_BATCH_MAX - 1].u.zone.zone, "c");
	assert_int_equal(batch->r[READING_BATCH_MAX - 1].u.zone.count, 50);

	/* Ten bad readings: all counted, eight kept. */
	len = 0;
	buf_add(&f, &len, &cap, "[");
	for (i = 0; i < 10; i++)
		buf_add(&f, &len, &cap, i == 0 ? ZC("x", 1) : "," ZC("x", 1));
	buf_add(&f, &len, &cap, "]");
	assert_int_equal(ingest_json(venue, f, len, NOW, batch), 0);
	assert_int_equal(batch->rejected, 10);
	assert_int_equal(batch->nerrs, READING_ERRS_MAX);
	assert_int_equal(batch->errs[7].index, 7);
	assert_int_equal(batch->rejected_by_kind[READING_ZONE_COUNT], 10);
	assert_int_equal(batch->rejected_by[READING_ZONE_COUNT]
	    [INGEST_UNKNOWN_ID], 10);

	/* Over READING_POOL_MAX model-sample values in one frame. */
	len = 0;
	buf_add(&f, &len, &cap, "[" MODEL("{\"x\":[1]}") ","
	    "{\"kind\":\"model_sample\",\"model\":\"m1\",\"version\":\"1\","
	    "\"features\":{\"x\":[");
	for (i = 0; i < READING_POOL_MAX; i++)
		buf_add(&f, &len, &cap, i == 0 ? "0" : ",0");
	buf_add(&f, &len, &cap, "]}}," MODEL("{\"y\":[2,3]}") "]");
	venue->max_frame = READING_FRAME_MAX;
	assert_int_equal(ingest_json(venue, f, len, NOW, batch), 0);
	venue->max_frame = 0;
	assert_int_equal(batch->n, 2);
	assert_int_equal(batch->rejected, 1);
	assert_string_equal(batch->errs[0].code, "too_long");
	assert_string_equal(batch->errs[0].field, "features.x");
	assert_int_equal(batch->npool, 3);
	assert_int_equal(batch->r[1].u.model.features[0].off, 1);

	/* The same frame is over the default limit. */
	assert_int_equal(ingest_json(venue, f, len, NOW, batch), -1);
	assert_string_equal(batch->errs[0].code, "oversized");
	assert_int_equal(batch->rejected, 1);
	assert_int_equal(batch->rejected_by_kind[READING_KIND_COUNT], 1);
	assert_int_equal(batch->rejected_by[READING_KIND_COUNT]
	    [INGEST_OVERSIZED], 1);
	assert_int_equal(batch->rejected_by[READING_MODEL_SAMPLE]
	    [INGEST_TOO_LONG], 0);
	free(f);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_ingest_bad),
		cmocka_unit_test(test_ingest_limits),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
