/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * unit-fixtures.c: the venue and the rule several cmocka programs test
 * with (unit-fixtures.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/forecast.h"
#include "unit-fixtures.h"

/* The small venue of unit-fixtures.h, filled in afresh. */
struct vconf *
unit_venue(void)
{
	static struct vconf	 c;
	struct fohp_zone_def	*z;

	memset(&c, 0, sizeof c);
	strcpy(c.id, "arena");
	c.layout.nzones = 4;
	z = c.layout.zones;
	strcpy(z[0].id, "floor");
	strcpy(z[0].name, "Floor");
	z[0].kind = FOHP_ZK_STANDING;
	z[0].area_m2 = 1200;
	strcpy(z[1].id, "concourse");
	strcpy(z[1].name, "Concourse");
	z[1].kind = FOHP_ZK_WALKWAY;
	z[1].area_m2 = 400;
	strcpy(z[2].id, "pit");		/* no name: the id stands in */
	z[2].kind = FOHP_ZK_STANDING;
	z[2].area_m2 = 200;
	strcpy(z[3].id, "bar");
	strcpy(z[3].name, "Bar queue");
	z[3].kind = FOHP_ZK_QUEUE;
	z[3].area_m2 = 50;
	c.zone_crit[0] = 4.2;

	c.ngates = 2;
	strcpy(c.gates[0].id, "g1");
	strcpy(c.gates[0].name, "Gate 1");
	c.gates[0].width_m = 3;
	c.gates[0].nzones = 1;
	c.gates[0].zones[0] = 0;
	strcpy(c.gates[1].id, "g3");
	strcpy(c.gates[1].name, "Gate 3");
	c.gates[1].width_m = 4.5;
	c.gates[1].nzones = 2;
	c.gates[1].zones[0] = 1;
	c.gates[1].zones[1] = 0;

	c.ndevices = 2;
	strcpy(c.devices[0].id, "amp1");
	strcpy(c.devices[0].name, "Stage left amp");
	strcpy(c.devices[0].dkind, "amplifier");
	strcpy(c.devices[1].id, "proj1");
	strcpy(c.devices[1].name, "Projector 1");
	strcpy(c.devices[1].dkind, "projector");
	strcpy(c.devices[1].wear, "lamp_hours");
	c.devices[1].wear_limit = 2000;

	c.nmodels = 1;
	strcpy(c.models[0].id, "heads");
	strcpy(c.models[0].name, "Head counter");
	strcpy(c.models[0].method, "psi");
	c.models[0].warn = 0.1;
	c.models[0].crit = 0.25;
	return (&c);
}

/* The rule with this id and subject, or NULL. */
struct rule *
unit_find(struct rules *rs, const char *id, const char *subject)
{
	unsigned	i;

	for (i = 0; i < rs->n; i++) {
		if (strcmp(rs->r[i].id, id) == 0 &&
		    strcmp(rs->r[i].subject, subject) == 0)
			return (&rs->r[i]);
	}
	return (NULL);
}

/* One rule on the floor's density, alone in rs. */
struct rule *
unit_rule(struct rules *rs, enum fohp_rule_kind kind, double threshold,
    double clear, uint32_t for_ms)
{
	struct rule	*r;

	r = calloc(1, sizeof *r);
	assert_non_null(r);
	rs->n = 1;
	rs->r = r;
	strcpy(r->id, "test");
	strcpy(r->subject, "floor");
	strcpy(r->metric, "density");
	r->target = RULES_ZONE;
	r->kind = kind;
	r->threshold = threshold;
	r->clear = clear;
	r->for_ms = for_ms;
	forecast_init(&r->series);
	return (r);
}

/* Name of a change, for messages. */
const char *
unit_change_name(int change)
{
	switch (change) {
	case RULES_FIRE:
		return ("fire");
	case RULES_UPDATE:
		return ("update");
	case RULES_CLEAR:
		return ("clear");
	case RULES_FLAP:
		return ("flap");
	case RULES_SETTLE:
		return ("settle");
	}
	return ("-");
}
