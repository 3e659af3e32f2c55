/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * metrics-venue.c: what the venue is doing, for its own Prometheus and
 * Grafana: each zone's density and head count, each gate's flow, each
 * device's status and wear, each model's drift score, and the open alerts
 * by severity and state.
 *
 * metrics.c says how fohd is doing; this file says how the venue is. Every
 * series carries the label venue (the config's id) and one of zone, gate,
 * device or model, all ids from the config: the number of series is bounded
 * by the config (at most FOHP_ZONES_MAX zones ... and 3 x 4 alert series),
 * never by what readings say, and the ids need no escaping (a-z, 0-9, _,
 * -). A zone, gate, device or model not heard from since start has no
 * series (Prometheus then shows no data rather than a false 0).
 *
 * Runs on fohd's main thread (the /metrics hook), like everything that
 * reads the agent's store.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "agent-priv.h"
#include "metrics.h"
#include "metrics-priv.h"

/* HELP and TYPE lines of a gauge. */
static void
metrics_venue_family(struct metrics_out *o, const char *name,
    const char *help)
{
	metrics_family(o, name, "gauge", help);
}

/* One series NAME{venue="V",KEY="ID"} V. */
static void
metrics_venue_series(struct metrics_out *o, const char *name,
    const char *venue, const char *key, const char *id, double v)
{
	metrics_printf(o, "%s{venue=\"%s\",%s=\"%s\"} %.6g\n", name,
	    venue, key, id, v);
}

/* Zones: density, persons, capacity. */
static void
metrics_venue_zones(struct metrics_out *o, const char *venue,
    const struct store_venue *v)
{
	unsigned	i;

	metrics_venue_family(o, "fohd_zone_density", "Persons per square "
	    "metre in the zone, at its latest count.");
	for (i = 0; i < v->nzones; i++)
		if (v->zones[i].has_sample)
			metrics_venue_series(o, "fohd_zone_density", venue,
			    "zone", v->zones[i].def.id,
			    v->zones[i].last.density);
	metrics_venue_family(o, "fohd_zone_persons", "Persons in the zone, "
	    "its latest count.");
	for (i = 0; i < v->nzones; i++)
		if (v->zones[i].has_sample)
			metrics_venue_series(o, "fohd_zone_persons", venue,
			    "zone", v->zones[i].def.id,
			    (double)v->zones[i].last.count);
	metrics_venue_family(o, "fohd_zone_capacity_persons", "The zone's "
	    "licensed capacity (zones that have one).");
	for (i = 0; i < v->nzones; i++)
		if (v->zones[i].def.capacity > 0)
			metrics_venue_series(o, "fohd_zone_capacity_persons",
			    venue, "zone", v->zones[i].def.id,
			    (double)v->zones[i].def.capacity);
}

/* Gates: flow per metre width and minute, and its share of the rate. */
static void
metrics_venue_gates(struct metrics_out *o, const char *venue,
    const struct store_venue *v)
{
	unsigned	i;

	metrics_venue_family(o, "fohd_gate_flow", "Persons through the gate "
	    "per metre of width per minute (in and out), its latest "
	    "interval.");
	for (i = 0; i < v->ngates; i++)
		if (v->gates[i].seq != 0)
			metrics_venue_series(o, "fohd_gate_flow", venue, "gate",
			    v->gates[i].last.gate, v->gates[i].last.flow_pmm);
	metrics_venue_family(o, "fohd_gate_use_ratio", "The gate's flow as a "
	    "share of its Green Guide rate (1 = at the rate).");
	for (i = 0; i < v->ngates; i++)
		if (v->gates[i].seq != 0)
			metrics_venue_series(o, "fohd_gate_use_ratio", venue,
			    "gate", v->gates[i].last.gate, v->gates[i].last.use);
}

/* Devices: status as a state set, wear and its limit, hours left. */
static void
metrics_venue_devices(struct metrics_out *o, const char *venue,
    const struct store_venue *v)
{
	static const char *const st[FOHP_ST_COUNT] = {
		"ok", "warning", "error", "offline"
	};
	const struct fohp_equip	*e;
	unsigned		 i, s;

	metrics_venue_family(o, "fohd_device_status", "1 for the device's "
	    "status now (ok, warning, error, offline), 0 for the others.");
	for (i = 0; i < v->nequip; i++) {
		e = &v->equip[i];
		for (s = 0; s < FOHP_ST_COUNT; s++)
			metrics_printf(o, "fohd_device_status{venue=\"%s\","
			    "device=\"%s\",status=\"%s\"} %d\n", venue,
			    e->device, st[s], e->status == (enum fohp_status)s);
	}
	metrics_venue_family(o, "fohd_device_wear", "The device's wear "
	    "metric, its latest value (devices with a wear limit).");
	for (i = 0; i < v->nequip; i++)
		if (v->equip[i].wear_limit > 0)
			metrics_venue_series(o, "fohd_device_wear", venue,
			    "device", v->equip[i].device, v->equip[i].wear);
	metrics_venue_family(o, "fohd_device_wear_limit", "The wear metric's "
	    "end-of-life value.");
	for (i = 0; i < v->nequip; i++)
		if (v->equip[i].wear_limit > 0)
			metrics_venue_series(o, "fohd_device_wear_limit", venue,
			    "device", v->equip[i].device,
			    v->equip[i].wear_limit);
	metrics_venue_family(o, "fohd_device_remaining_life_hours", "Hours "
	    "until the wear limit at the present trend (devices with one).");
	for (i = 0; i < v->nequip; i++)
		if (v->equip[i].rul == FOHP_RUL_VALUE)
			metrics_venue_series(o,
			    "fohd_device_remaining_life_hours", venue, "device",
			    v->equip[i].device, v->equip[i].rul_h);
}

/* Models: drift score and its thresholds. */
static void
metrics_venue_models(struct metrics_out *o, const char *venue,
    const struct store_venue *v)
{
	unsigned	i;

	metrics_venue_family(o, "fohd_model_drift_score", "The model's input "
	    "drift score (PSI, KS or JS, per its method), the latest.");
	for (i = 0; i < v->ndrift; i++)
		metrics_venue_series(o, "fohd_model_drift_score", venue, "model",
		    v->drift[i].model, v->drift[i].score);
	metrics_venue_family(o, "fohd_model_drift_warn", "The score at which "
	    "drift is moderate.");
	for (i = 0; i < v->ndrift; i++)
		metrics_venue_series(o, "fohd_model_drift_warn", venue, "model",
		    v->drift[i].model, v->drift[i].warn);
	metrics_venue_family(o, "fohd_model_drift_crit", "The score at which "
	    "drift is major.");
	for (i = 0; i < v->ndrift; i++)
		metrics_venue_series(o, "fohd_model_drift_crit", venue, "model",
		    v->drift[i].model, v->drift[i].crit);
}

/* Open alerts by severity and state: every pair, 0 included. */
static void
metrics_venue_alerts(struct metrics_out *o, const char *venue,
    const struct alerts *as)
{
	static const char *const sev[FOHP_SEV_COUNT] = {
		"info", "warning", "critical"
	};
	static const struct {
		enum fohp_alert_state	 state;
		const char		*name;
	} states[] = {
		{ FOHP_AS_FIRING, "firing" },
		{ FOHP_AS_ACKED, "acknowledged" },
		{ FOHP_AS_SHELVED, "shelved" },
		{ FOHP_AS_FLAPPING, "flapping" },
	};
	unsigned	n[FOHP_SEV_COUNT][FOHP_AS_COUNT] = { { 0 } };
	unsigned	i, s, k;

	for (i = 0; as != NULL && i < as->n; i++) {
		s = (unsigned)as->e[i].a.severity;
		k = (unsigned)as->e[i].a.state;
		if (s < FOHP_SEV_COUNT && k < FOHP_AS_COUNT)
			n[s][k]++;
	}
	metrics_venue_family(o, "fohd_alerts_open", "Open alerts by severity "
	    "and state (firing: nobody has acknowledged or shelved it).");
	for (s = 0; s < FOHP_SEV_COUNT; s++)
		for (k = 0; k < sizeof(states) / sizeof(states[0]); k++)
			metrics_printf(o, "fohd_alerts_open{venue=\"%s\","
			    "severity=\"%s\",state=\"%s\"} %u\n", venue, sev[s],
			    states[k].name, n[s][states[k].state]);
}

/* Write the venue's families into buf; returns the length (<= len). */
size_t
metrics_venue(const struct agent *ag, char *buf, size_t len)
{
	struct metrics_out o = { buf, len, 0 };
	const char		*venue = ag->conf.id;

	if (ag->venue != NULL) {
		metrics_venue_zones(&o, venue, ag->venue);
		metrics_venue_gates(&o, venue, ag->venue);
		metrics_venue_devices(&o, venue, ag->venue);
		metrics_venue_models(&o, venue, ag->venue);
	}
	metrics_venue_alerts(&o, venue, ag->alerts);
	return (o.used);
}
