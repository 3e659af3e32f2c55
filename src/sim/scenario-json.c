/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * scenario-json.c: a tick's readings as one JSON array frame, in the shapes
 * fohd's JSON ingest reads (foh-sim's output).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "scenario.h"

/* Set a key of a JSON object, taking the value; 0 if it failed. */
static int
scenario_set(json_t *o, const char *key, json_t *v)
{
	return (v != NULL && json_object_set_new(o, key, v) == 0);
}

/* One reading as a JSON object, or NULL. */
static json_t *
scenario_json_reading(const struct reading_batch *b, const struct reading *r)
{
	json_t	*o, *a, *m, *f;
	unsigned i, j;
	int	 ok;

	if ((o = json_object()) == NULL)
		return (NULL);
	ok = scenario_set(o, "kind", json_string(reading_kind_name(r->kind)));
	if (r->t_ms != 0)
		ok &= scenario_set(o, "t", json_integer((json_int_t)r->t_ms));
	switch (r->kind) {
	case READING_ZONE_COUNT:
		ok &= scenario_set(o, "zone", json_string(r->u.zone.zone));
		ok &= scenario_set(o, "count", json_integer(r->u.zone.count));
		if (r->u.zone.source[0] != '\0')
			ok &= scenario_set(o, "source",
			    json_string(r->u.zone.source));
		break;
	case READING_GATE_FLOW:
		ok &= scenario_set(o, "gate", json_string(r->u.gate.gate));
		ok &= scenario_set(o, "in", json_integer(r->u.gate.in));
		ok &= scenario_set(o, "out", json_integer(r->u.gate.out));
		ok &= scenario_set(o, "interval_ms",
		    json_integer(r->u.gate.interval_ms));
		break;
	case READING_TELEMETRY:
		ok &= scenario_set(o, "device",
		    json_string(r->u.telemetry.device));
		ok &= scenario_set(o, "metrics", a = json_array());
		for (i = 0; ok && i < r->u.telemetry.nmetrics; i++) {
			const struct fohp_metric *fm = &r->u.telemetry.metrics[i];

			ok &= (m = json_object()) != NULL &&
			    json_array_append_new(a, m) == 0;
			ok = ok && scenario_set(m, "name", json_string(fm->name));
			ok = ok && scenario_set(m, "value",
			    json_real(fm->value));
			if (ok && fm->unit[0] != '\0')
				ok &= scenario_set(m, "unit",
				    json_string(fm->unit));
		}
		if (r->u.telemetry.nflags == 0)
			break;
		ok &= scenario_set(o, "flags", f = json_object());
		for (i = 0; ok && i < r->u.telemetry.nflags; i++)
			ok &= scenario_set(f, r->u.telemetry.flags[i].name,
			    json_string(fohp_status_name(
			    r->u.telemetry.flags[i].level)));
		break;
	case READING_MODEL_SAMPLE:
		ok &= scenario_set(o, "model", json_string(r->u.model.model));
		ok &= scenario_set(o, "version",
		    json_string(r->u.model.version));
		ok &= scenario_set(o, "features", f = json_object());
		for (i = 0; ok && i < r->u.model.nfeatures; i++) {
			const struct reading_feature_values *fv =
			    &r->u.model.features[i];

			if (fv->off + (uint64_t)fv->n > b->npool) {
				ok = 0;
				break;
			}
			ok &= scenario_set(f, fv->name, a = json_array());
			for (j = 0; ok && j < fv->n; j++)
				ok &= json_array_append_new(a,
				    json_real(b->pool[fv->off + j])) == 0;
		}
		break;
	case READING_DRIFT_SCORE:
		ok &= scenario_set(o, "model", json_string(r->u.drift.model));
		ok &= scenario_set(o, "version",
		    json_string(r->u.drift.version));
		ok &= scenario_set(o, "method", json_string(r->u.drift.method));
		ok &= scenario_set(o, "score", json_real(r->u.drift.score));
		if (r->u.drift.nfeatures == 0)
			break;
		ok &= scenario_set(o, "features", f = json_object());
		for (i = 0; ok && i < r->u.drift.nfeatures; i++)
			ok &= scenario_set(f, r->u.drift.features[i].name,
			    json_real(r->u.drift.features[i].score));
		break;
	case READING_EXTERNAL_ALERT:
		ok &= scenario_set(o, "source", json_string(r->u.alert.source));
		ok &= scenario_set(o, "subject",
		    json_string(r->u.alert.subject));
		ok &= scenario_set(o, "severity",
		    json_string(fohp_severity_name(r->u.alert.severity)));
		ok &= scenario_set(o, "title", json_string(r->u.alert.title));
		if (r->u.alert.reason[0] != '\0')
			ok &= scenario_set(o, "reason",
			    json_string(r->u.alert.reason));
		if (r->u.alert.stake != FOHP_STAKE_NONE)
			ok &= scenario_set(o, "stake", json_string(
			    fohp_stake_name(r->u.alert.stake)));
		if (r->u.alert.ndetails == 0)
			break;
		ok &= scenario_set(o, "details", f = json_object());
		for (i = 0; ok && i < r->u.alert.ndetails; i++)
			ok &= scenario_set(f, r->u.alert.details[i].name,
			    r->u.alert.details[i].is_number ?
			    json_real(r->u.alert.details[i].number) :
			    json_string(r->u.alert.details[i].value));
		break;
	case READING_RASTER:
		ok &= scenario_set(o, "x", json_integer(r->u.raster.x));
		ok &= scenario_set(o, "y", json_integer(r->u.raster.y));
		ok &= scenario_set(o, "cols", json_integer(r->u.raster.cols));
		ok &= scenario_set(o, "rows", json_integer(r->u.raster.rows));
		ok &= scenario_set(o, "cells", a = json_array());
		for (i = 0; ok && i < (unsigned)r->u.raster.cols *
		    r->u.raster.rows; i++)
			ok &= json_array_append_new(a, json_integer(
			    (json_int_t)b->pool[r->u.raster.off + i])) == 0;
		break;
	default:
		ok = 0;
		break;
	}
	if (!ok) {
		json_decref(o);
		return (NULL);
	}
	return (o);
}

/* A batch as one JSON array frame. */
size_t
scenario_json(const struct reading_batch *b, char *buf, size_t size)
{
	json_t		*a, *o;
	unsigned	 i;
	size_t		 n;

	if ((a = json_array()) == NULL)
		return (0);
	for (i = 0; i < b->n; i++) {
		if ((o = scenario_json_reading(b, &b->r[i])) == NULL ||
		    json_array_append_new(a, o) != 0) {
			json_decref(a);
			return (0);
		}
	}
	n = json_dumpb(a, buf, size > 0 ? size - 1 : 0,
	    JSON_COMPACT | JSON_REAL_PRECISION(7));
	json_decref(a);
	if (n > 0 && n < size)
		buf[n] = '\0';
	return (n);
}
