/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-scenario.c: scenario files load, repeat for a seed, tell the stories
 * they script, serialise to the ingest shapes, and name FILE:LINE on errors.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <jansson.h>

#include "sim/scenario.h"

#define TEST_FRAME_MAX	(256 * 1024)

static struct reading_batch	*batch;
static char			*frame;

/* A small venue: a floor that can crush, a bar, a gate, two devices, a model. */
static void
test_venue(struct vconf *v)
{
	struct fohp_zone_def	*z;

	memset(v, 0, sizeof(*v));
	strcpy(v->id, "test");
	strcpy(v->layout.name, "Test hall");
	v->layout.grid_w = 10;
	v->layout.grid_h = 10;
	v->tick_ms = 250;
	v->seed = 1;
	v->surge = -1;
	v->layout.nzones = 2;
	z = &v->layout.zones[0];
	strcpy(z->id, "floor");
	z->w = z->h = 5;
	z->area_m2 = 1200;
	z->capacity = 4800;
	z->kind = FOHP_ZK_STANDING;
	z = &v->layout.zones[1];
	strcpy(z->id, "bar");
	z->x = 5;
	z->w = z->h = 5;
	z->area_m2 = 100;
	z->kind = FOHP_ZK_STANDING;
	v->ngates = 2;
	strcpy(v->gates[0].id, "g1");
	v->gates[0].width_m = 100;	/* wide: never a bottleneck */
	strcpy(v->gates[1].id, "narrow");
	v->gates[1].width_m = 1;	/* 82 persons per minute */
	v->ndevices = 2;
	strcpy(v->devices[0].id, "amp");
	strcpy(v->devices[0].dkind, "amplifier");
	strcpy(v->devices[0].wear, "heatsink_c");
	v->devices[0].wear_limit = 90;
	strcpy(v->devices[1].id, "proj");
	strcpy(v->devices[1].dkind, "projector");
	strcpy(v->devices[1].wear, "lamp_hours");
	v->devices[1].wear_limit = 2000;
	v->nmodels = 1;
	strcpy(v->models[0].id, "m1");
}

#define TEST_HEAD	"[scenario]\nvenue = test\nseed = 5\nduration_s = 2h\n"

static const char test_story[] = TEST_HEAD
    "[gate doors]\ngate = g1\nfrom_s = 0\nto_s = 1h\nfrom = 20\n"
    "growth = 0.2\nevery_s = 600\n"
    "[gate squeeze]\ngate = narrow\nfrom_s = 0\nto_s = 1h\nfrom = 20\n"
    "growth = 0.5\n"
    "[ramp fill]\nzone = floor\nfrom_s = 0\nto_s = 1h\nfrom = 0.2\n"
    "to = 0.8\n"
    "[ramp surge]\nzone = floor\nfrom_s = 1h\nto_s = 1h10m\nfrom = 0.8\n"
    "to = 1.35\n"
    "[ramp crush]\nzone = floor\nfrom_s = 1h10m\nto_s = 1h40m\n"
    "shape = hold\nfrom = 1.35\n"
    "[ramp out]\nzone = floor\nfrom_s = 1h40m\nto_s = 2h\nfrom = 1.35\n"
    "to = 0.1\n"
    "[telemetry heat]\ndevice = amp\nmetric = heatsink_c\nfrom_s = 10m\n"
    "to_s = 1h\nfrom = 42\nto = 96\n"
    "[telemetry protect]\ndevice = amp\nmetric = thermal\nunit = %\n"
    "from_s = 10m\nto_s = 1h\nfrom = 35\nto = 100\nflag = protect\n"
    "error_at = 98\n"
    "[telemetry lamp]\ndevice = proj\nmetric = lamp_hours\n"
    "scale = wear_limit\nfrom_s = 0\nto_s = 2h\nfrom = 0.99\nto = 0.999\n"
    "flag = lamp\nwarn_at = 0.994\n"
    "[drift dusk]\nmodel = m1\nfeature = brightness\nfrom_s = 30m\n"
    "to_s = 1h30m\nmean_from = 0.55\nmean_to = 0.25\nsd = 0.1\n"
    "[alert fall]\nat_s = 1h15m\nsource = fall-detector\nsubject = floor\n"
    "severity = critical\ntitle = Person down\n";

/* Load a scenario text against the test venue; fails the test on error. */
static void
test_load(struct scenario *s, struct vconf *v, const char *text)
{
	char	err[512] = "";

	test_venue(v);
	if (scenario_load_string(s, "test.scn", text, v, err,
	    sizeof(err)) != 0)
		fail_msg("%s", err);
}

/* The batch for time t alone. */
static void
test_step(struct scenario *s, double t)
{
	batch->n = 0;
	batch->npool = 0;
	assert_true(scenario_step(s, t, 0, batch) >= 0);
}

/* The first reading of a kind about a subject in the batch, or NULL. */
static const struct reading *
test_find(enum reading_kind kind, const char *id)
{
	unsigned	i;

	for (i = 0; i < batch->n; i++) {
		const struct reading	*r = &batch->r[i];
		const char		*rid = NULL;

		if (r->kind != kind)
			continue;
		switch (kind) {
		case READING_ZONE_COUNT:
			rid = r->u.zone.zone;
			break;
		case READING_GATE_FLOW:
			rid = r->u.gate.gate;
			break;
		case READING_TELEMETRY:
			rid = r->u.telemetry.device;
			break;
		case READING_MODEL_SAMPLE:
			rid = r->u.model.model;
			break;
		default:
			rid = "";
			break;
		}
		if (strcmp(rid, id) == 0)
			return (r);
	}
	return (NULL);
}

/* A telemetry metric's value; NAN if absent. */
static double
test_metric(const struct reading *r, const char *name)
{
	unsigned	i;

	for (i = 0; i < r->u.telemetry.nmetrics; i++) {
		if (strcmp(r->u.telemetry.metrics[i].name, name) == 0)
			return (r->u.telemetry.metrics[i].value);
	}
	return (NAN);
}

/* A telemetry flag's level; -1 if absent. */
static int
test_flag(const struct reading *r, const char *name)
{
	unsigned	i;

	for (i = 0; i < r->u.telemetry.nflags; i++) {
		if (strcmp(r->u.telemetry.flags[i].name, name) == 0)
			return ((int)r->u.telemetry.flags[i].level);
	}
	return (-1);
}

/* Same seed, same frames; another seed, other frames. */
static void
test_scenario_repeats(void **state)
{
	struct scenario	 a, b;
	struct vconf	 va, vb;
	char		*fa;
	size_t		 na, nb;
	int		 i, differ = 0;

	(void)state;
	fa = malloc(TEST_FRAME_MAX);
	assert_non_null(fa);
	test_load(&a, &va, test_story);
	test_load(&b, &vb, test_story);
	for (i = 0; i < 400; i++) {
		test_step(&a, i * 0.25);
		na = scenario_json(batch, fa, TEST_FRAME_MAX);
		test_step(&b, i * 0.25);
		nb = scenario_json(batch, frame, TEST_FRAME_MAX);
		assert_true(na > 0 && na < TEST_FRAME_MAX);
		assert_int_equal(na, nb);
		assert_memory_equal(fa, frame, na);
	}
	scenario_reseed(&a, 6);
	scenario_reseed(&b, 5);
	for (i = 0; i < 40; i++) {
		test_step(&a, i * 0.25);
		na = scenario_json(batch, fa, TEST_FRAME_MAX);
		test_step(&b, i * 0.25);
		nb = scenario_json(batch, frame, TEST_FRAME_MAX);
		differ |= na != nb || memcmp(fa, frame, na) != 0;
	}
	assert_true(differ);
	scenario_free(&a);
	scenario_free(&b);
	free(fa);
}

/* Persons in through a gate over [t, t + 60 s). */
static double
test_per_minute(struct scenario *s, const char *gate, double t)
{
	const struct reading	*r;
	double			 sum = 0;
	int			 i;

	for (i = 0; i < 240; i++) {
		test_step(s, t + i * 0.25);
		r = test_find(READING_GATE_FLOW, gate);
		assert_non_null(r);
		assert_int_equal(r->u.gate.interval_ms, 250);
		sum += r->u.gate.in;
	}
	return (sum);
}

/* Doors: the inflow grows about 20 % per ten minutes, then bottlenecks. */
static void
test_scenario_gate_growth(void **state)
{
	static const double	 at[] = { 0, 600, 1200, 2400 };
	struct scenario		 s;
	struct vconf		 v;
	double			 a, b, ratio;
	size_t			 i;

	(void)state;
	test_load(&s, &v, test_story);
	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		a = test_per_minute(&s, "g1", at[i]);
		b = test_per_minute(&s, "g1", at[i] + 600);
		ratio = b / a;
		if (fabs(ratio - 1.2) > 0.06)
			fail_msg("at %g s: %g then %g per minute, ratio %g",
			    at[i], a, b, ratio);
	}
	/* The narrow gate (1 m) saturates at 82 persons per minute. */
	a = test_per_minute(&s, "narrow", 3000);
	assert_true(a > 82 * 0.9 && a < 82 * 1.1);
	scenario_free(&s);
}

/* The crush: above 5 p/m2 during the hold, never before the surge. */
static void
test_scenario_crush(void **state)
{
	const struct reading	*r;
	struct scenario		 s;
	struct vconf		 v;
	double			 t, d;

	(void)state;
	test_load(&s, &v, test_story);
	for (t = 0; t < 7200; t += 5) {
		test_step(&s, t);
		r = test_find(READING_ZONE_COUNT, "floor");
		assert_non_null(r);
		d = r->u.zone.count / 1200.0;
		if (t < 3600 && d > 5)
			fail_msg("%g p/m2 at %g s, before the surge", d, t);
		if (t >= 4200 && t <= 6000 && d <= 5)
			fail_msg("%g p/m2 at %g s, in the crush", d, t);
	}
	scenario_free(&s);
}

/* The amplifier heats up and goes into protect; the lamp wears. */
static void
test_scenario_telemetry(void **state)
{
	const struct reading	*r;
	struct scenario		 s;
	struct vconf		 v;
	double			 heat[3], lamp[3];
	int			 protect[3], lampf[3], i;
	static const double	 at[3] = { 60, 1800, 3590 };

	(void)state;
	test_load(&s, &v, test_story);
	for (i = 0; i < 3; i++) {
		test_step(&s, at[i]);
		assert_non_null(r = test_find(READING_TELEMETRY, "amp"));
		heat[i] = test_metric(r, "heatsink_c");
		protect[i] = test_flag(r, "protect");
		assert_false(isnan(test_metric(r, "thermal")));
		assert_non_null(r = test_find(READING_TELEMETRY, "proj"));
		lamp[i] = test_metric(r, "lamp_hours");
		lampf[i] = test_flag(r, "lamp");
	}
	assert_true(heat[0] < 45 && heat[1] > heat[0] + 10 &&
	    heat[2] > 90);
	assert_int_equal(protect[0], FOHP_ST_OK);
	assert_int_equal(protect[1], FOHP_ST_OK);
	assert_int_equal(protect[2], FOHP_ST_ERROR);
	assert_true(lamp[0] >= 1980 && lamp[1] > lamp[0] && lamp[2] > lamp[1]);
	assert_int_equal(lampf[0], FOHP_ST_OK);
	assert_int_equal(lampf[2], FOHP_ST_WARNING);
	/* After the window the protect state holds. */
	test_step(&s, 5000);
	assert_non_null(r = test_find(READING_TELEMETRY, "amp"));
	assert_int_equal(test_flag(r, "protect"), FOHP_ST_ERROR);
	scenario_free(&s);
}

/* Mean of a model feature over the samples sent in [t0, t1). */
static double
test_feature_mean(struct scenario *s, const char *feature, double t0,
    double t1)
{
	const struct reading	*r;
	double			 sum = 0, t;
	unsigned		 n = 0, i, j;

	for (t = t0; t < t1; t += 0.25) {
		test_step(s, t);
		if ((r = test_find(READING_MODEL_SAMPLE, "m1")) == NULL)
			continue;
		for (i = 0; i < r->u.model.nfeatures; i++) {
			const struct reading_feature_values *fv =
			    &r->u.model.features[i];

			if (strcmp(fv->name, feature) != 0)
				continue;
			for (j = 0; j < fv->n; j++)
				sum += batch->pool[fv->off + j];
			n += fv->n;
		}
	}
	assert_true(n > 0);
	return (sum / n);
}

/* Dusk: brightness falls from 0.55 to 0.25; confidence stays. */
static void
test_scenario_drift(void **state)
{
	struct scenario	s;
	struct vconf	v;
	double		before, after, conf0, conf1;

	(void)state;
	test_load(&s, &v, test_story);
	before = test_feature_mean(&s, "brightness", 0, 300);
	conf0 = test_feature_mean(&s, "confidence", 300, 600);
	after = test_feature_mean(&s, "brightness", 5400, 5700);
	conf1 = test_feature_mean(&s, "confidence", 5700, 6000);
	assert_true(fabs(before - 0.55) < 0.03);
	assert_true(fabs(after - 0.25) < 0.03);
	assert_true(fabs(conf0 - conf1) < 0.03);
	scenario_free(&s);
}

/* Look up a key of a JSON object of a given type. */
static json_t *
test_key(json_t *o, const char *key, int type)
{
	json_t	*v = json_object_get(o, key);

	if (v == NULL || (int)json_typeof(v) != type)
		fail_msg("key %s missing or of the wrong type", key);
	return (v);
}

/* The frame is a JSON array of readings in the ingest shapes. */
static void
test_scenario_json(void **state)
{
	struct scenario	 s;
	struct vconf	 v;
	json_t		*a, *o, *m;
	json_error_t	 je;
	size_t		 n, i;
	unsigned	 seen = 0;
	const char	*kind;
	double		 t;

	(void)state;
	test_load(&s, &v, test_story);
	for (t = 4500; t < 4510; t += 0.25) {
		batch->n = batch->npool = 0;
		assert_true(scenario_step(&s, t, 1750000000000ULL, batch) > 0);
		n = scenario_json(batch, frame, TEST_FRAME_MAX);
		assert_true(n > 0 && n < 65536);
		a = json_loadb(frame, n, 0, &je);
		if (a == NULL)
			fail_msg("bad JSON: %s", je.text);
		assert_true(json_is_array(a));
		assert_int_equal(json_array_size(a), batch->n);
		json_array_foreach(a, i, o) {
			kind = json_string_value(test_key(o, "kind",
			    JSON_STRING));
			assert_int_equal(json_integer_value(test_key(o, "t",
			    JSON_INTEGER)), 1750000000000LL);
			if (strcmp(kind, "zone_count") == 0) {
				test_key(o, "zone", JSON_STRING);
				test_key(o, "count", JSON_INTEGER);
				seen |= 1;
			} else if (strcmp(kind, "gate_flow") == 0) {
				test_key(o, "gate", JSON_STRING);
				test_key(o, "in", JSON_INTEGER);
				test_key(o, "out", JSON_INTEGER);
				test_key(o, "interval_ms", JSON_INTEGER);
				seen |= 2;
			} else if (strcmp(kind, "telemetry") == 0) {
				test_key(o, "device", JSON_STRING);
				m = json_array_get(test_key(o, "metrics",
				    JSON_ARRAY), 0);
				test_key(m, "name", JSON_STRING);
				test_key(m, "value", JSON_REAL);
				m = test_key(o, "flags", JSON_OBJECT);
				assert_true(json_object_size(m) > 0);
				seen |= 4;
			} else if (strcmp(kind, "model_sample") == 0) {
				test_key(o, "model", JSON_STRING);
				test_key(o, "version", JSON_STRING);
				m = test_key(test_key(o, "features",
				    JSON_OBJECT), "brightness", JSON_ARRAY);
				assert_int_equal(json_array_size(m), 32);
				seen |= 8;
			} else if (strcmp(kind, "external_alert") == 0) {
				assert_string_equal(json_string_value(test_key(
				    o, "severity", JSON_STRING)), "critical");
				test_key(o, "title", JSON_STRING);
				seen |= 16;
			} else
				fail_msg("unexpected kind %s", kind);
		}
		json_decref(a);
	}
	assert_int_equal(seen, 31);
	/* Too small a buffer: the length needed, like snprintf. */
	n = scenario_json(batch, frame, 16);
	assert_true(n >= 16);
	scenario_free(&s);
}

#define X10	"xxxxxxxxxx"
#define X100	X10 X10 X10 X10 X10 X10 X10 X10 X10 X10
#define LONG1100 X100 X100 X100 X100 X100 X100 X100 X100 X100 X100 \
    X10 X10 X10 X10 X10 X10 X10 X10 X10 "xxxxxxxx"	/* +"; " = 1100 */

struct test_bad {
	const char	*text;
	const char	*error;		/* the start of the message */
};

static const struct test_bad test_bads[] = {
	{ "[scenario]\nvenue = test\nraster_every_s = soon\n",
	  "test.scn:3: [scenario] raster_every_s \"soon\" is not valid" },
	{ "[scenario]\nvenue = test\n[ramp a]\nzone = stage\n",
	  "test.scn:4: [ramp a]: no zone \"stage\" in venue test" },
	{ "[scenario]\nvenue = other\n",
	  "test.scn:2: scenario is for venue \"other\"" },
	{ "[scenario]\nvenue = test\n\n[gate g]\ngate = g9\n",
	  "test.scn:5: [gate g]: no gate \"g9\"" },
	{ "[scenario]\nvenue = test\n[telemetry t]\ndevice = amp\n"
	  "metric = x\nfrom_s = 0\nto_s = 10\nfrom = 1\nto = 2\nflag = f\n",
	  "test.scn:3: [telemetry t] flag f needs warn_at" },
	{ "[scenario]\nvenue = test\n[drift d]\nmodel = nope\n",
	  "test.scn:4: [drift d]: no model \"nope\"" },
	{ "[scenario]\nvenue = test\n[ramp a]\nzone = floor\nfrom_s = 10\n"
	  "to_s = 5\nfrom = 1\nto = 2\n",
	  "test.scn:3: [ramp a] to_s 5 must be after from_s 10" },
	{ "[scenario]\nvenue = test\nduration_s = 60\n[ramp a]\n"
	  "zone = floor\nfrom_s = 0\nto_s = 2m\nfrom = 1\nto = 2\n",
	  "test.scn:4: [ramp a] ends at 120 s, after duration_s 60" },
	{ "[scenario]\nvenue = test\n[ramp a]\nzone = floor\nfrom_s = 0\n"
	  "to_s = 10\nfrom = 1\n",
	  "test.scn:3: [ramp a] needs to" },
	{ "[scenario]\nvenue = test\n[ramp a]\nzone = floor\nspeed = 3\n",
	  "test.scn:5: unknown key \"speed\" in [ramp a]" },
	{ "[scenario]\nvenue = test\n[ramp a]\nzone = floor\nshape = cubic\n",
	  "test.scn:5: [ramp a] shape \"cubic\" is not valid" },
	{ "[scenario]\nvenue = test\n[wave a]\nzone = floor\n",
	  "test.scn:3: unknown section [wave a]" },
	{ "[scenario]\nvenue = test\n[ramp]\nzone = floor\n",
	  "test.scn:3: [ramp] needs one name" },
	{ "[scenario]\nvenue = test\nseed = -3\n",
	  "test.scn:3: [scenario] seed \"-3\" is not valid" },
	{ "[scenario]\nvenue = test\n[ramp a]\nzone = floor\n[ramp b]\n"
	  "zone = bar\n[ramp a]\nzone = bar\n",
	  "test.scn:7: [ramp a] appears twice (first at line 3)" },
	{ "[scenario]\nvenue = test\nthis line is wrong\n",
	  "test.scn:3: expected \"key = value\" or \"[section]\"" },
	{ "[ramp a]\nzone = floor\n",
	  "test.scn:1: no [scenario] section" },
	{ "[scenario]\nvenue = test\n[telemetry w]\ndevice = amp\n"
	  "metric = clip\nscale = wear_limit\nfrom_s = 0\nto_s = 1\n"
	  "from = 1\nto = 2\n[telemetry x]\ndevice = bar\n",
	  "test.scn:12: [telemetry x]: no device \"bar\"" },
	{ "[scenario]\nvenue = test\n[gate g]\ngate = g1\nfrom_s = 0\n"
	  "to_s = 60\nfrom = 0\ngrowth = 0.2\n",
	  "test.scn:3: [gate g] a geometric shape needs values above 0" },
	{ "[scenario]\nvenue = test\n[alert a]\nat_s = 5\nsource = x\n",
	  "test.scn:3: [alert a] needs at_s, source, subject and title" },
	{ "[scenario]\nvenue = test\n[model m1]\nfeature = brightness high\n",
	  "test.scn:4: [model m1] feature \"brightness high\" must be" },
	{ "[scenario]\nvenue = test\n[model m1]\nfeature = b 1 nan\n",
	  "test.scn:4: [model m1] feature \"b 1 nan\" must be" },
	{ "[scenario]\nvenue = test\n[model m1]\nfeature = b 1e999 1\n",
	  "test.scn:4: [model m1] feature \"b 1e999 1\" must be" },
	{ "[scenario]\nvenue = test\n[model m1]\nfeature = b 1 1 1\n",
	  "test.scn:4: [model m1] feature \"b 1 1 1\" must be" },
	{ "[scenario]\nvenue = test\n[model m1]\nn = 32.0\n",
	  "test.scn:4: [model m1] n \"32.0\" is not valid" },
	/* Empty sections are sections, refused for what they lack. */
	{ "[scenario]\nvenue = test\n[ramp a]\n",
	  "test.scn:3: [ramp a] needs zone = ID" },
	{ "[scenario]\nvenue = test\n[alert a]\n; nothing yet\n",
	  "test.scn:3: [alert a] needs at_s" },
	{ "[scenario]\nvenue = test\n[wave]\n",
	  "test.scn:3: unknown section [wave]" },
	{ "[scenario]\nvenue = test\n[ramp a b]\n",
	  "test.scn:3: [ramp a b] needs one name" },
	{ "[scenario]\nvenue = test\n[ramp " X100 "]\n",
	  "test.scn:3: [ramp " X100 "] needs one name" },
	{ "[scenario]\nvenue = test\n[scenario]\n",
	  "test.scn:3: [scenario] appears twice" },
	{ "[scenario]\n[ramp a]\nzone = floor\n",
	  "test.scn:1: no [scenario] section with venue = test" },
	/* Numbers and times at their edges. */
	{ "[scenario]\nvenue = test\nseed = 18446744073709551616\n",
	  "test.scn:3: [scenario] seed \"18446744073709551616\" is not valid" },
	{ "[scenario]\nvenue = test\ntick_ms = 1e2\n",
	  "test.scn:3: [scenario] tick_ms \"1e2\" is not valid" },
	{ "[scenario]\nvenue = test\nduration_s = 18446744073709552s\n",
	  "test.scn:3: [scenario] duration_s \"18446744073709552s\" is not" },
	{ "[scenario]\nvenue = test\nswing = 0x0.1\n",
	  "test.scn:3: [scenario] swing \"0x0.1\" is not valid" },
	{ "[scenario]\nvenue = test\n[ramp a]\nzone = floor\n"
	  "from_s = 1e999\n", "test.scn:5: [ramp a] from_s \"1e999\" is not" },
	{ "[scenario]\nvenue = test\n[ramp a]\nzone = floor\n"
	  "from_s = -5\n", "test.scn:5: [ramp a] from_s \"-5\" is not" },
	{ "[scenario]\nvenue = test\n[ramp a]\nzone = floor\n"
	  "from = inf\n", "test.scn:5: [ramp a] from \"inf\" is not" },
	{ "[scenario]\nvenue = test\n[ramp a]\nzone = floor\n"
	  "from_s = 1h30\n", "test.scn:5: [ramp a] from_s \"1h30\" is not" },
	/* Long lines: read whole up to 1024 bytes, refused beyond. */
	{ "[scenario]\nvenue = test\n[ramp a]\n; " LONG1100 "\n",
	  "test.scn:4: line is 1100 bytes long; at most 1024" },
};

/* Bad files: each error names FILE:LINE and what is wrong. */
static void
test_scenario_errors(void **state)
{
	struct scenario	s;
	struct vconf	v;
	char		err[512];
	size_t		i;

	(void)state;
	test_venue(&v);
	for (i = 0; i < sizeof(test_bads) / sizeof(test_bads[0]); i++) {
		err[0] = '\0';
		if (scenario_load_string(&s, "test.scn", test_bads[i].text, &v,
		    err, sizeof(err)) == 0)
			fail_msg("case %zu loaded", i);
		if (strncmp(err, test_bads[i].error,
		    strlen(test_bads[i].error)) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s...\"", i, err,
			    test_bads[i].error);
	}
	assert_int_equal(scenario_load(&s, "/nonexistent/x.scn", &v, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/x.scn: "));
}

/* Baseline only: every zone, gate, device and model still reports. */
static void
test_scenario_baseline(void **state)
{
	struct scenario	 s;
	struct vconf	 v;

	(void)state;
	test_load(&s, &v, "[scenario]\nvenue = test\n");
	test_step(&s, 0);
	assert_non_null(test_find(READING_ZONE_COUNT, "floor"));
	assert_non_null(test_find(READING_ZONE_COUNT, "bar"));
	assert_non_null(test_find(READING_GATE_FLOW, "g1"));
	assert_non_null(test_find(READING_TELEMETRY, "amp"));
	assert_non_null(test_find(READING_TELEMETRY, "proj"));
	assert_non_null(test_find(READING_MODEL_SAMPLE, "m1"));
	/* Telemetry about once a second, samples every 5 s. */
	test_step(&s, 0.25);
	assert_null(test_find(READING_TELEMETRY, "amp"));
	assert_null(test_find(READING_MODEL_SAMPLE, "m1"));
	test_step(&s, 1.0);
	assert_non_null(test_find(READING_TELEMETRY, "amp"));
	assert_int_equal(batch->n, 2 + 2 + 2);
	scenario_free(&s);
}

/*
 * Long lines are read whole: a 300-byte comment ending in "seed = 99" stays
 * a comment (inih read its tail as a key). Times take the one duration
 * grammar everywhere, the model's every_s too.
 */
static void
test_scenario_long_lines(void **state)
{
	struct scenario	 s;
	struct vconf	 v;
	char		 text[1024], line[301];

	(void)state;
	memset(line, 'x', 300);
	memcpy(line, "; ", 2);
	memcpy(line + 300 - 10, " seed = 99", 10);
	line[300] = '\0';
	snprintf(text, sizeof(text), "[scenario]\nvenue = test\nseed = 7\n"
	    "%s\n[model m1]\nevery_s = 1m\nn = 8\n", line);
	test_load(&s, &v, text);
	assert_true(s.seed == 7);
	assert_true(s.models[0].every_s == 60);
	assert_int_equal(s.models[0].n, 8);
	scenario_free(&s);
}

struct test_sample {
	const char	*conf;
	const char	*scn;
};

static const struct test_sample test_samples[] = {
	{ "conf/arena.conf", "scenarios/arena.scn" },
	{ "conf/club.conf", "scenarios/club.scn" },
	{ "conf/festival.conf", "scenarios/festival.scn" },
};

/* Each sample scenario loads against its venue and runs to the end. */
static void
test_scenario_samples(void **state)
{
	const char	*top = getenv("top_srcdir");
	struct scenario	 s;
	struct vconf	*v;
	char		 path[1024], err[512];
	size_t		 i, n;
	double		 t;
	unsigned	 steps;

	(void)state;
	if (top == NULL)
		top = ".";
	v = malloc(sizeof(*v));
	assert_non_null(v);
	for (i = 0; i < sizeof(test_samples) / sizeof(test_samples[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", top, test_samples[i].conf);
		if (vconf_load_file(v, path, err, sizeof(err)) != 0)
			fail_msg("%s", err);
		if (v->ngates == 0 || v->ndevices == 0 || v->nmodels == 0) {
			print_message("skip %s: no gates, devices or models "
			    "yet\n", path);
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", top, test_samples[i].scn);
		if (scenario_load(&s, path, v, err, sizeof(err)) != 0)
			fail_msg("%s", err);
		steps = 0;
		for (t = 0; t < s.duration_s; t += s.tick_ms / 1000.0) {
			batch->n = batch->npool = 0;
			assert_true(scenario_step(&s, t, 0, batch) > 0);
			if (steps++ % 97 != 0)
				continue;
			n = scenario_json(batch, frame, TEST_FRAME_MAX);
			if (n == 0 || n >= 65536)
				fail_msg("%s at %g s: frame of %zu bytes",
				    path, t, n);
		}
		scenario_free(&s);
	}
	free(v);
}

/* Allocate the shared batch and frame. */
static int
test_setup(void **state)
{
	(void)state;
	batch = calloc(1, sizeof(*batch));
	frame = malloc(TEST_FRAME_MAX);
	return (batch == NULL || frame == NULL);
}

/* Free them. */
static int
test_teardown(void **state)
{
	(void)state;
	free(batch);
	free(frame);
	return (0);
}

/*
 * raster_every_s: a raster of the whole grid every 10 s, not between; its
 * cells add up to each zone's count exactly, are thickest at the zone's
 * top middle, and are 0 outside every zone.
 */
static void
test_scenario_raster(void **state)
{
	struct scenario		 s;
	struct vconf		 v;
	const struct reading	*r, *z;
	double			 sum;
	unsigned		 x, y, zi;

	(void)state;
	test_load(&s, &v, TEST_HEAD "raster_every_s = 10s\n");
	test_step(&s, 0);
	assert_non_null(r = test_find(READING_RASTER, ""));
	assert_int_equal(r->u.raster.cols, 10);
	assert_int_equal(r->u.raster.rows, 10);
	for (zi = 0; zi < v.layout.nzones; zi++) {
		const struct fohp_zone_def *d = &v.layout.zones[zi];

		assert_non_null(z = test_find(READING_ZONE_COUNT, d->id));
		sum = 0;
		for (y = d->y; y < (unsigned)d->y + d->h; y++)
			for (x = d->x; x < (unsigned)d->x + d->w; x++)
				sum += batch->pool[r->u.raster.off + y * 10 + x];
		assert_float_equal(sum, z->u.zone.count, 1e-6);
		/* top middle holds more than a bottom corner */
		assert_true(batch->pool[r->u.raster.off + d->y * 10 + d->x +
		    d->w / 2] > batch->pool[r->u.raster.off +
		    (d->y + d->h - 1) * 10 + d->x]);
	}
	for (x = 0; x < 10; x++)	/* rows 5-9 lie in no zone */
		assert_true(batch->pool[r->u.raster.off + 90 + x] == 0);
	test_step(&s, 5);
	assert_null(test_find(READING_RASTER, ""));
	test_step(&s, 10);
	assert_non_null(test_find(READING_RASTER, ""));
	scenario_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scenario_repeats),
		cmocka_unit_test(test_scenario_long_lines),
		cmocka_unit_test(test_scenario_gate_growth),
		cmocka_unit_test(test_scenario_crush),
		cmocka_unit_test(test_scenario_telemetry),
		cmocka_unit_test(test_scenario_drift),
		cmocka_unit_test(test_scenario_json),
		cmocka_unit_test(test_scenario_errors),
		cmocka_unit_test(test_scenario_baseline),
		cmocka_unit_test(test_scenario_samples),
		cmocka_unit_test(test_scenario_raster),
	};

	return (cmocka_run_group_tests(tests, test_setup, test_teardown));
}
