/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-ingest.c: readings into fohd (proto/PROTOCOL.md, section 12). A
 * table of good frames and what they give, a table of bad ones and the
 * refusal each must get (index, code, field, words), then mixed frames,
 * limits, the msgpack path, the WebSocket answer and a rough parse rate.
 *
 * The venue is built in code, not read from a config: grid 10x10, zones a
 * (0,0,5,5), b (5,0,5,5) and c (0,5,10,5), gate g1, device amp1, model m1.
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

#include "agent/ingest.h"

#define NOW	1700000000000ULL

static struct vconf		*venue;
static struct reading_batch	*batch;

/* Add a zone to the test venue. */
static void
venue_zone(struct vconf *c, const char *id, int x, int y, int w, int h)
{
	struct fohp_zone_def	*z = &c->layout.zones[c->layout.nzones++];

	strcpy(z->id, id);
	strcpy(z->name, id);
	z->x = (uint16_t)x;
	z->y = (uint16_t)y;
	z->w = (uint16_t)w;
	z->h = (uint16_t)h;
	z->area_m2 = 10.0 * w * h;
}

/* Build the test venue. */
static int
setup(void **state)
{
	(void)state;
	venue = calloc(1, sizeof(*venue));
	batch = calloc(1, sizeof(*batch));
	if (venue == NULL || batch == NULL)
		return (-1);
	strcpy(venue->id, "arena");
	strcpy(venue->layout.name, "Arena");
	venue->layout.grid_w = 10;
	venue->layout.grid_h = 10;
	venue_zone(venue, "a", 0, 0, 5, 5);
	venue_zone(venue, "b", 5, 0, 5, 5);
	venue_zone(venue, "c", 0, 5, 10, 5);
	venue->ngates = 1;
	strcpy(venue->gates[0].id, "g1");
	venue->gates[0].width_m = 4;
	venue->ndevices = 1;
	strcpy(venue->devices[0].id, "amp1");
	strcpy(venue->devices[0].dkind, "amplifier");
	venue->nmodels = 1;
	strcpy(venue->models[0].id, "m1");
	strcpy(venue->models[0].method, "psi");
	return (0);
}

/* Free the test venue. */
static int
teardown(void **state)
{
	(void)state;
	free(venue);
	free(batch);
	return (0);
}

/* Fail with the batch's first error, for good cases that were refused. */
static void
expect_clean(const char *name, int rv, const struct reading_batch *b)
{
	if (rv != 0 || b->rejected != 0) {
		fail_msg("%s: rv %d, rejected %u: [%d] %s %s: %s", name, rv,
		    b->rejected, b->nerrs ? b->errs[0].index : 0,
		    b->nerrs ? b->errs[0].code : "", b->nerrs ?
		    b->errs[0].field : "", b->nerrs ? b->errs[0].reason : "");
	}
}

/* Check of a good case's readings. */
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

#define ZC(z, n)	"{\"kind\":\"zone_count\",\"zone\":\"" z "\",\"count\":" #n "}"
#define ROW5(v)		v "," v "," v "," v "," v
#define ROW10(v, w)	ROW5(v) "," ROW5(w)
#define CELLS25(v)	ROW5(v) "," ROW5(v) "," ROW5(v) "," ROW5(v) "," ROW5(v)

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
#define RASTER(x, y, c, r, cells) "{\"kind\":\"raster\",\"x\":" #x ",\"y\":" \
	#y ",\"cols\":" #c ",\"rows\":" #r ",\"cells\":[" cells "]}"
#define ALERT(extra) "{\"kind\":\"external_alert\",\"source\":\"s\"," \
	"\"subject\":\"a\",\"severity\":\"info\"" extra "}"
#define MODEL(f) "{\"kind\":\"model_sample\",\"model\":\"m1\"," \
	"\"version\":\"1\",\"features\":" f "}"
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

/* Append to a growing string buffer. */
static void
buf_add(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t	n = strlen(s);

	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*buf = realloc(*buf, *cap);
		assert_non_null(*buf);
	}
	memcpy(*buf + *len, s, n + 1);
	*len += n;
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
	len = 0;
	buf_add(&f, &len, &cap, "[");
	for (i = 0; i < READING_BATCH_MAX - 2; i++)
		buf_add(&f, &len, &cap, ZC("a", 1) ",");
	buf_add(&f, &len, &cap, RASTER(0, 0, 10, 10, ROW10("1", "1") ","
	    ROW10("1", "1") "," ROW10("1", "1") "," ROW10("1", "1") ","
	    ROW10("1", "1") "," ROW10("1", "1") "," ROW10("1", "1") ","
	    ROW10("1", "1") "," ROW10("1", "1") "," ROW10("1", "1")) ","
	    ZC("b", 1) "]");
	assert_int_equal(ingest_json(venue, f, len, NOW, batch), 0);
	assert_int_equal(batch->n, READING_BATCH_MAX - 1);
	assert_int_equal(batch->rejected, 1);
	assert_int_equal(batch->errs[0].index, READING_BATCH_MAX - 2);
	assert_string_equal(batch->errs[0].code, "too_long");
	assert_string_equal(batch->errs[0].kind, "raster");
	assert_non_null(strstr(batch->errs[0].reason, "room for 2"));
	assert_string_equal(batch->r[READING_BATCH_MAX - 2].u.zone.zone, "b");

	/* 1021 counts and the raster fill the batch; one more is refused. */
	len = 0;
	buf_add(&f, &len, &cap, "[");
	for (i = 0; i < READING_BATCH_MAX - 3; i++)
		buf_add(&f, &len, &cap, ZC("a", 1) ",");
	buf_add(&f, &len, &cap, RASTER(0, 0, 10, 10, ROW10("1", "1") ","
	    ROW10("1", "1") "," ROW10("1", "1") "," ROW10("1", "1") ","
	    ROW10("1", "1") "," ROW10("1", "1") "," ROW10("1", "1") ","
	    ROW10("1", "1") "," ROW10("1", "1") "," ROW10("1", "1")) ","
	    ZC("b", 1) "]");
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

/* Pack a zone_count map. */
static void
pack_zone(msgpack_packer *pk, const char *zone, uint64_t count)
{
	msgpack_pack_map(pk, 3);
	msgpack_pack_str_with_body(pk, "kind", 4);
	msgpack_pack_str_with_body(pk, "zone_count", 10);
	msgpack_pack_str_with_body(pk, "zone", 4);
	msgpack_pack_str_with_body(pk, zone, strlen(zone));
	msgpack_pack_str_with_body(pk, "count", 5);
	msgpack_pack_uint64(pk, count);
}

/* Pack a zone_count map whose count is a double. */
static void
pack_zone_f(msgpack_packer *pk, const char *zone, double count)
{
	msgpack_pack_map(pk, 3);
	msgpack_pack_str_with_body(pk, "kind", 4);
	msgpack_pack_str_with_body(pk, "zone_count", 10);
	msgpack_pack_str_with_body(pk, "zone", 4);
	msgpack_pack_str_with_body(pk, zone, strlen(zone));
	msgpack_pack_str_with_body(pk, "count", 5);
	msgpack_pack_double(pk, count);
}

/* Run ingest_msgpack on an sbuffer. */
static int
mp_ingest(msgpack_sbuffer *sb, msgpack_zone *z)
{
	return (ingest_msgpack(venue, sb->data, sb->size, z, NOW, batch));
}

/* The msgpack path takes the same readings and refuses the same way. */
static void
test_ingest_msgpack(void **state)
{
	msgpack_sbuffer	 sb;
	msgpack_packer	 pk;
	msgpack_zone	 z;
	unsigned	 i;

	(void)state;
	msgpack_sbuffer_init(&sb);
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	assert_true(msgpack_zone_init(&z, 2048));

	/* An array of readings, one bad. */
	msgpack_pack_array(&pk, 4);
	pack_zone(&pk, "a", 7);
	msgpack_pack_map(&pk, 6);
	msgpack_pack_str_with_body(&pk, "kind", 4);
	msgpack_pack_str_with_body(&pk, "gate_flow", 9);
	msgpack_pack_str_with_body(&pk, "gate", 4);
	msgpack_pack_str_with_body(&pk, "g1", 2);
	msgpack_pack_str_with_body(&pk, "in", 2);
	msgpack_pack_int(&pk, 4);
	msgpack_pack_str_with_body(&pk, "out", 3);
	msgpack_pack_int(&pk, 0);
	msgpack_pack_str_with_body(&pk, "interval_ms", 11);
	msgpack_pack_int(&pk, 500);
	msgpack_pack_str_with_body(&pk, "t", 1);
	msgpack_pack_uint64(&pk, 42);
	pack_zone(&pk, "a", UINT64_MAX);	/* over LLONG_MAX */
	pack_zone_f(&pk, "b", 3.0);		/* a float is not a uint */
	assert_int_equal(mp_ingest(&sb, &z), 0);
	assert_int_equal(batch->n, 2);
	assert_int_equal(batch->r[0].u.zone.count, 7);
	assert_int_equal(batch->r[0].t_ms, NOW);
	assert_int_equal(batch->r[1].u.gate.in, 4);
	assert_int_equal(batch->r[1].t_ms, 42);
	assert_int_equal(batch->rejected, 2);
	assert_int_equal(batch->errs[0].index, 2);
	assert_string_equal(batch->errs[0].code, "type");
	assert_string_equal(batch->errs[0].field, "count");
	assert_int_equal(batch->errs[1].index, 3);
	assert_string_equal(batch->errs[1].code, "type");

	/* A single map; negative count. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_map(&pk, 3);
	msgpack_pack_str_with_body(&pk, "kind", 4);
	msgpack_pack_str_with_body(&pk, "zone_count", 10);
	msgpack_pack_str_with_body(&pk, "zone", 4);
	msgpack_pack_str_with_body(&pk, "c", 1);
	msgpack_pack_str_with_body(&pk, "count", 5);
	msgpack_pack_int(&pk, -4);
	assert_int_equal(mp_ingest(&sb, &z), 0);
	assert_int_equal(batch->errs[0].index, 0);
	assert_string_equal(batch->errs[0].reason, "negative number -4");

	/* A bin value anywhere refuses the message. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_map(&pk, 2);
	msgpack_pack_str_with_body(&pk, "kind", 4);
	msgpack_pack_str_with_body(&pk, "zone_count", 10);
	msgpack_pack_str_with_body(&pk, "image", 5);
	msgpack_pack_bin_with_body(&pk, "\x01\x02", 2);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_int_equal(batch->errs[0].index, -1);
	assert_string_equal(batch->errs[0].code, "type");
	assert_non_null(strstr(batch->errs[0].reason, "message.image: bin"));

	/* NaN. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_array(&pk, 1);
	pack_zone_f(&pk, "a", NAN);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "range");
	assert_non_null(strstr(batch->errs[0].reason,
	    "message[0].count: NaN"));

	/* Map key not a string. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_map(&pk, 1);
	msgpack_pack_int(&pk, 1);
	msgpack_pack_int(&pk, 1);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "type");

	/* Duplicate key. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_map(&pk, 2);
	msgpack_pack_str_with_body(&pk, "kind", 4);
	msgpack_pack_nil(&pk);
	msgpack_pack_str_with_body(&pk, "kind", 4);
	msgpack_pack_true(&pk);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "json");
	assert_non_null(strstr(batch->errs[0].reason, "duplicate"));

	/* Not UTF-8. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_str_with_body(&pk, "\xff\xfe", 2);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "type");

	/* Nested too deep. */
	msgpack_sbuffer_clear(&sb);
	for (i = 0; i < INGEST_DEPTH_MAX + 1; i++)
		msgpack_pack_array(&pk, 1);
	msgpack_pack_nil(&pk);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "json");
	assert_non_null(strstr(batch->errs[0].reason, "nested deeper"));
	/* ... while INGEST_DEPTH_MAX levels are fine (as msgpack). */
	msgpack_sbuffer_clear(&sb);
	for (i = 0; i < INGEST_DEPTH_MAX; i++)
		msgpack_pack_array(&pk, 1);
	msgpack_pack_nil(&pk);
	assert_int_equal(mp_ingest(&sb, &z), 0);
	assert_string_equal(batch->errs[0].code, "type");

	/* Trailing bytes, truncation, garbage, a lying array header. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_array(&pk, 1);
	pack_zone(&pk, "a", 1);
	msgpack_pack_nil(&pk);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "json");
	assert_non_null(strstr(batch->errs[0].reason, "1 trailing byte"));
	assert_int_equal(ingest_msgpack(venue, sb.data, sb.size - 3, &z, NOW,
	    batch), -1);
	assert_string_equal(batch->errs[0].code, "json");
	assert_int_equal(ingest_msgpack(venue, "\xc1", 1, &z, NOW, batch), -1);
	assert_non_null(strstr(batch->errs[0].reason, "not msgpack"));
	assert_int_equal(ingest_msgpack(venue, "\xdd\xff\xff\xff\xff\xc0", 6,
	    &z, NOW, batch), -1);
	assert_string_equal(batch->errs[0].code, "json");
	assert_int_equal(ingest_msgpack(venue, "", 0, &z, NOW, batch), -1);

	/* Oversized. */
	venue->max_frame = 16;
	msgpack_sbuffer_clear(&sb);
	pack_zone(&pk, "a", 1);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "oversized");
	venue->max_frame = 0;

	msgpack_zone_destroy(&z);
	msgpack_sbuffer_destroy(&sb);
}

/* A crafted msgpack message and the outcome it must have. */
struct crafted_case {
	const char	*name;
	const char	*bytes;
	size_t		 len;
	int		 rv;		/* 0: frame parsed, -1: refused */
	unsigned	 n;		/* readings taken */
	const char	*code;		/* first error's code; NULL: none */
	const char	*reason;	/* a substring of it */
};

#define MP(s)	s, sizeof(s) - 1
/* {"kind":"zone_count","zone":"a","count":X}, X the bytes given. */
#define MPZC(x)	"\x83\xa4kind\xaazone_count\xa4zone\xa1" "a\xa5" "count" x

/*
 * Crafted headers, as a fuzzer finds them. Run under UBSan/ASan
 * (--enable-sanitizers) these must neither trip a report nor crash: an
 * empty str (msgpack-c gives it a NULL pointer, which reached memchr and
 * jansson: a UBSan report, and "" refused as not UTF-8), lengths promising
 * far more than the message holds, ext types, the edges of int64.
 */
static const struct crafted_case crafted_cases[] = {
	{ "empty map key", MP("\x81\xa0\x01"), 0, 0, "missing",
	    "required key" },
	{ "empty key among keys", MP("\x84\xa0\xa0\xa4kind\xaazone_count"
	    "\xa4zone\xa1" "a\xa5" "count\x05"), 0, 1, NULL, NULL },
	{ "empty str value", MP("\x84\xa4kind\xaazone_count\xa4zone\xa1"
	    "a\xa5" "count\x05\xa6source\xa0"), 0, 1, NULL, NULL },
	{ "empty str8 zone", MP("\x83\xa4kind\xaazone_count\xa4zone\xd9\x00"
	    "\xa5" "count\x05"), 0, 0, "range", "must not be empty" },
	{ "the fuzzer's find", MP("\x84\xa0\x6b\x69\x70\x6c\x65\xa5\x65"
	    "\x73\x81\xa1\x78\x93\x01\x02\xfd"), -1, 0, "type",
	    "message.: map key is not a string" },
	{ "str32 of 4 GiB", MP("\xdb\xff\xff\xff\xff" "abc"), -1, 0, "json",
	    "truncated" },
	{ "bin32 of 4 GiB", MP("\xc6\xff\xff\xff\xff" "abc"), -1, 0, "json",
	    "truncated" },
	{ "array32 of 4 G entries", MP("\xdd\xff\xff\xff\xff\xc0\xc0"), -1,
	    0, "json", "truncated" },
	{ "map32 of 4 G entries", MP("\xdf\xff\xff\xff\xff\xc0\xc0"), -1,
	    0, "json", "truncated" },
	{ "map16 of 65535 entries", MP("\xde\xff\xff\xa0\xc0"), -1, 0,
	    "json", "truncated" },
	{ "ext32 of 4 GiB", MP("\xc9\xff\xff\xff\xff\x01" "ab"), -1, 0,
	    "json", "truncated" },
	{ "fixext1 type -1", MP("\x81\xa1x\xd4\xff\x00"), -1, 0, "type",
	    "ext value (type -1)" },
	{ "fixext16 type -128", MP("\xd8\x80" "0123456789abcdef"), -1, 0,
	    "type", "ext value (type -128)" },
	{ "ext8 empty", MP("\xc7\x00\x05"), -1, 0, "type", "ext value" },
	{ "count int64 min", MP(MPZC("\xd3\x80\x00\x00\x00\x00\x00\x00\x00")),
	    0, 0, "range", "negative number -9223372036854775808" },
	{ "count int64 max", MP(MPZC("\xd3\x7f\xff\xff\xff\xff\xff\xff\xff")),
	    0, 0, "range", "over the limit 1000000" },
	{ "count uint64 max", MP(MPZC("\xcf\xff\xff\xff\xff\xff\xff\xff\xff")),
	    0, 0, "type", "real number" },
	{ "count int8 -128", MP(MPZC("\xd0\x80")), 0, 0, "range",
	    "negative number -128" },
	{ "count float32 inf", MP(MPZC("\xca\x7f\x80\x00\x00")), -1, 0,
	    "range", "NaN or infinity" },
	{ "count float64 max", MP(MPZC("\xcb\x7f\xef\xff\xff\xff\xff\xff"
	    "\xff")), 0, 0, "type", "real number" },
	{ "t int64 min", MP("\x84\xa4kind\xaazone_count\xa4zone\xa1" "a\xa5"
	    "count\x01\xa1t\xd3\x80\x00\x00\x00\x00\x00\x00\x00"), 0, 0,
	    "range", "negative number" },
	{ "lone array16 header", MP("\xdc"), -1, 0, "json", "truncated" },
	{ "reserved byte 0xc1", MP("\x91\xc1"), -1, 0, "json",
	    "not msgpack" },
};

/* Crafted msgpack headers are refused (or taken) cleanly. */
static void
test_ingest_msgpack_crafted(void **state)
{
	msgpack_zone	 z;
	size_t		 i;
	int		 rv;

	(void)state;
	assert_true(msgpack_zone_init(&z, 2048));
	for (i = 0; i < sizeof(crafted_cases) / sizeof(crafted_cases[0]);
	    i++) {
		const struct crafted_case	*t = &crafted_cases[i];

		rv = ingest_msgpack(venue, t->bytes, t->len, &z, NOW, batch);
		if (rv != t->rv)
			fail_msg("%s: returned %d, want %d (%s)", t->name, rv,
			    t->rv, batch->nerrs > 0 ? batch->errs[0].reason :
			    "");
		if (batch->n != t->n)
			fail_msg("%s: %u readings, want %u", t->name, batch->n,
			    t->n);
		if (t->code == NULL) {
			if (batch->nerrs != 0)
				fail_msg("%s: refused: %s", t->name,
				    batch->errs[0].reason);
			continue;
		}
		if (batch->nerrs == 0 || batch->rejected != 1 ||
		    strcmp(batch->errs[0].code, t->code) != 0 ||
		    strstr(batch->errs[0].reason, t->reason) == NULL)
			fail_msg("%s: got %s \"%s\", want %s \"...%s...\"",
			    t->name, batch->nerrs ? batch->errs[0].code : "-",
			    batch->nerrs ? batch->errs[0].reason : "",
			    t->code, t->reason);
	}
	msgpack_zone_destroy(&z);
}

/*
 * Who may push over PULL: which URLs only this host can reach, and which
 * peer addresses an allow list takes (vconf.c, used by fohd's PULL).
 */
static void
test_ingest_pull_addresses(void **state)
{
	static const struct {
		const char	*url;
		int		 local;
	} urls[] = {
		{ "ipc:///run/foh/pull", 1 }, { "inproc://x", 1 },
		{ "tcp://127.0.0.1:7603", 1 }, { "tcp://127.8.9.10:1", 1 },
		{ "tcp://localhost:7603", 1 }, { "tcp://[::1]:7603", 1 },
		{ "ws://127.0.0.1:7603/pull", 1 }, { "tls+tcp://[::1]:1", 1 },
		{ "tcp://0.0.0.0:7603", 0 }, { "tcp://:7603", 0 },
		{ "tcp://*:7603", 0 }, { "tcp://[::]:7603", 0 },
		{ "tcp://192.0.2.2:7603", 0 }, { "tcp://fohd.example:7603", 0 },
		{ "tcp://128.0.0.1:7603", 0 }, { "tcp://[::ffff:127.0.0.1]:1", 0 },
		{ "ws://0.0.0.0:7603/pull", 0 }, { "tcp://[::1:7603", 0 },
		{ "nonsense", 0 },
	};
	struct vconf_cidr	 net;
	const uint8_t		 a4[4] = { 10, 1, 200, 7 };
	const uint8_t		 b4[4] = { 10, 2, 0, 1 };
	uint8_t			 m6[16] = { 0 };
	uint8_t			 c6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1 };
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		if (vconf_url_local(urls[i].url) != urls[i].local)
			fail_msg("%s: local %d, want %d", urls[i].url,
			    !urls[i].local, urls[i].local);
	}
	assert_int_equal(vconf_cidr_parse("10.1.0.0/16", &net), 0);
	assert_int_equal(net.family, 4);
	assert_int_equal(net.bits, 16);
	assert_true(vconf_cidr_match(&net, 4, a4));
	assert_false(vconf_cidr_match(&net, 4, b4));
	m6[10] = m6[11] = 0xff;		/* ::ffff:10.1.200.7 */
	memcpy(m6 + 12, a4, 4);
	assert_true(vconf_cidr_match(&net, 6, m6));
	assert_int_equal(vconf_cidr_parse("10.1.200.0/21", &net), 0);
	assert_true(vconf_cidr_match(&net, 4, a4));	/* 200 = 11001000 */
	assert_int_equal(vconf_cidr_parse("10.1.208.0/21", &net), 0);
	assert_false(vconf_cidr_match(&net, 4, a4));
	assert_int_equal(vconf_cidr_parse("192.0.2.7", &net), 0);
	assert_int_equal(net.bits, 32);
	assert_int_equal(vconf_cidr_parse("0.0.0.0/0", &net), 0);
	assert_true(vconf_cidr_match(&net, 4, b4));
	assert_false(vconf_cidr_match(&net, 6, c6));
	assert_int_equal(vconf_cidr_parse("2001:db8::/32", &net), 0);
	assert_int_equal(net.family, 6);
	assert_true(vconf_cidr_match(&net, 6, c6));
	assert_false(vconf_cidr_match(&net, 4, a4));
	assert_int_equal(vconf_cidr_parse("10.0.0.0/33", &net), -1);
	assert_int_equal(vconf_cidr_parse("2001:db8::/129", &net), -1);
	assert_int_equal(vconf_cidr_parse("10.0.0.0/", &net), -1);
	assert_int_equal(vconf_cidr_parse("/8", &net), -1);
	assert_int_equal(vconf_cidr_parse("example.org", &net), -1);
	assert_int_equal(vconf_cidr_parse("10.0.0.0/-1", &net), -1);
}

/* The converter alone: types map across, bin is refused with the path. */
static void
test_ingest_msgpack_to_json(void **state)
{
	msgpack_sbuffer	 sb;
	msgpack_packer	 pk;
	msgpack_zone	 z;
	msgpack_object	 o;
	json_t		*j;
	char		 err[160], *s;
	size_t		 off = 0;

	(void)state;
	msgpack_sbuffer_init(&sb);
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	msgpack_zone_init(&z, 1024);
	msgpack_pack_array(&pk, 7);
	msgpack_pack_nil(&pk);
	msgpack_pack_true(&pk);
	msgpack_pack_int64(&pk, -3);
	msgpack_pack_uint64(&pk, 12);
	msgpack_pack_float(&pk, 0.5f);
	msgpack_pack_str_with_body(&pk, "h\xc3\xa9", 3);
	msgpack_pack_map(&pk, 1);
	msgpack_pack_str_with_body(&pk, "k", 1);
	msgpack_pack_array(&pk, 0);
	assert_int_equal(msgpack_unpack(sb.data, sb.size, &off, &z, &o),
	    MSGPACK_UNPACK_SUCCESS);
	j = ingest_msgpack_to_json(&o, err, sizeof(err));
	assert_non_null(j);
	s = json_dumps(j, JSON_COMPACT);
	assert_string_equal(s, "[null,true,-3,12,0.5,\"h\xc3\xa9\",{\"k\":[]}]");
	free(s);
	json_decref(j);

	msgpack_sbuffer_clear(&sb);
	msgpack_pack_array(&pk, 2);
	msgpack_pack_nil(&pk);
	msgpack_pack_bin_with_body(&pk, "x", 1);
	off = 0;
	assert_int_equal(msgpack_unpack(sb.data, sb.size, &off, &z, &o),
	    MSGPACK_UNPACK_SUCCESS);
	assert_null(ingest_msgpack_to_json(&o, err, sizeof(err)));
	assert_non_null(strstr(err, "message[1]: bin value (1 bytes)"));
	msgpack_zone_destroy(&z);
	msgpack_sbuffer_destroy(&sb);
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
	    "auth" };
	int				i;

	(void)state;
	assert_int_equal(INGEST_CODE_COUNT, 9);
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
		cmocka_unit_test(test_ingest_bad),
		cmocka_unit_test(test_ingest_mixed),
		cmocka_unit_test(test_ingest_limits),
		cmocka_unit_test(test_ingest_msgpack),
		cmocka_unit_test(test_ingest_msgpack_crafted),
		cmocka_unit_test(test_ingest_pull_addresses),
		cmocka_unit_test(test_ingest_msgpack_to_json),
		cmocka_unit_test(test_ingest_reply),
		cmocka_unit_test(test_ingest_rate),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
