/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-history.c: history at the edge (issue 15). Every [history] step
 * the agent writes the venue's state into its journal (journal_samples,
 * one transaction per step): per zone its count, density and band; per
 * gate the persons in and out since the step before, its flow and level;
 * per device its status (offline included) and wear; per model its drift
 * score and level. The state is the agent's own store, the same the
 * stream and /metrics show.
 *
 * Steps sit on a grid of the wall clock: t_ms is a multiple of the step,
 * so after a restart or a reload the rows go on where they were, and a
 * step written twice (a restart within one step) replaces its rows rather
 * than adding to them. The timer is monotonic (agent_next_ms wakes fohd
 * for it); each step aims at the next multiple of the step on the wall
 * clock. A wall clock set back while fohd runs pauses the rows until it
 * is past the last one again: rows already written are not overwritten
 * with later states.
 *
 * What was never heard is left out: a zone with no count yet, a gate with
 * no reading, a device with no telemetry (until it is found silent and
 * goes offline), a model with no drift. A row says what the venue knew,
 * never a 0 it did not see. What left the config at a reload is left out
 * too, though the store may still hold it.
 *
 * A failed step is counted (history_failed, and the journal's errors) and
 * the next step is tried as usual; the journal logs the first of a streak.
 * At start and at each reload the config's fingerprint and the step are
 * noted (journal_config), so a report knows what a row stands for.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent-priv.h"
#include "lib/clock.h"
#include "lib/text.h"

#define AGENT_HISTORY_EARLY_MS	250	/* a step this early is on time */

/*
 * Note the config in force and the step in the journal. A failure is the
 * journal's to count and log (fohd_journal_errors_total), not a step's.
 */
static void
agent_history_config(struct agent *a, const struct vconf *conf)
{
	(void)journal_config(a->journal, clock_wall_ms(), conf->fingerprint,
	    conf->history_step_ms, NULL, 0);
	a->stats.journal_errors = journal_errors(a->journal);
}

/* Aim the timer at the next multiple of step on the wall clock. */
static void
agent_history_aim(struct agent *a, uint64_t step, uint64_t now_ms)
{
	a->history.next_ms = now_ms + (step - clock_wall_ms() % step);
}

/* Start writing history if the config asks and there is a journal. */
void
agent_history_open(struct agent *a, uint64_t now_ms)
{
	char	step[32], keep[32];

	memset(&a->history, 0, sizeof(a->history));
	if (!a->conf.history_enabled || a->journal == NULL)
		return;
	if ((a->history.step = malloc(sizeof(*a->history.step))) == NULL) {
		fprintf(stderr, "fohd: error: %s: history: out of memory; "
		    "no history is written\n", a->conf.id);
		return;
	}
	agent_history_config(a, &a->conf);
	agent_history_aim(a, a->conf.history_step_ms, now_ms);
	fprintf(stderr, "fohd: info: %s: history every %s, kept %s, in %s "
	    "(config %s)\n", a->conf.id, text_duration(step, sizeof(step),
	    a->conf.history_step_ms, 0), text_duration(keep, sizeof(keep),
	    a->conf.history_keep_ms, 0), a->conf.journal,
	    a->conf.fingerprint);
}

/*
 * A new config, before it replaces a->conf: carry the gates' counts over
 * by id, note the config, start or stop as [history] now says.
 */
void
agent_history_reload(struct agent *a, const struct vconf *conf,
    uint64_t now_ms)
{
	uint32_t	in[VCONF_GATES_MAX], out[VCONF_GATES_MAX];
	unsigned	i;
	int		j;

	memcpy(in, a->history.in, sizeof(in));
	memcpy(out, a->history.out, sizeof(out));
	memset(a->history.in, 0, sizeof(a->history.in));
	memset(a->history.out, 0, sizeof(a->history.out));
	for (i = 0; i < a->conf.ngates; i++) {
		if ((j = vconf_gate(conf, a->conf.gates[i].id)) < 0)
			continue;
		a->history.in[j] = in[i];
		a->history.out[j] = out[i];
	}
	if (!conf->history_enabled || a->journal == NULL) {
		free(a->history.step);
		a->history.step = NULL;
		return;
	}
	if (a->history.step == NULL &&
	    (a->history.step = malloc(sizeof(*a->history.step))) == NULL)
		return;
	agent_history_config(a, conf);
	agent_history_aim(a, conf->history_step_ms, now_ms);
}

/* A gate reading: add its persons to the step's. */
void
agent_history_gate(struct agent *a, int gate, uint32_t in, uint32_t out)
{
	if (gate < 0 || gate >= VCONF_GATES_MAX)
		return;
	a->history.in[gate] = in > UINT32_MAX - a->history.in[gate] ?
	    UINT32_MAX : a->history.in[gate] + in;
	a->history.out[gate] = out > UINT32_MAX - a->history.out[gate] ?
	    UINT32_MAX : a->history.out[gate] + out;
}

/* The step's zones and gates, from the store: those heard from. */
static void
agent_history_places(struct agent *a, struct journal_step *s)
{
	const struct store_venue	*v = a->venue;
	unsigned			 i;
	int				 g;

	for (i = 0; i < v->nzones && s->nzones < FOHP_ZONES_MAX; i++) {
		const struct store_zone		*z = &v->zones[i];
		struct journal_zone_sample	*o = &s->zones[s->nzones];

		if (!z->has_sample || vconf_zone(&a->conf, z->def.id) < 0)
			continue;
		text_copy(o->zone, sizeof(o->zone), z->def.id);
		o->count = z->last.count;
		o->density = z->last.density;
		o->band = z->last.band;
		s->nzones++;
	}
	for (i = 0; i < v->ngates && s->ngates < FOHP_GATES_MAX; i++) {
		const struct fohp_gate		*sg = &v->gates[i].last;
		struct journal_gate_sample	*o = &s->gates[s->ngates];

		if (sg->gate[0] == '\0' ||
		    (g = vconf_gate(&a->conf, sg->gate)) < 0)
			continue;
		text_copy(o->gate, sizeof(o->gate), sg->gate);
		o->in = a->history.in[g];
		o->out = a->history.out[g];
		o->flow_pmm = sg->flow_pmm;
		o->los = sg->los;
		s->ngates++;
	}
}

/* The step's devices and models, from the store: those heard from. */
static void
agent_history_things(struct agent *a, struct journal_step *s)
{
	const struct store_venue	*v = a->venue;
	unsigned			 i;

	for (i = 0; i < v->nequip && s->ndevices < FOHP_DEVICES_MAX; i++) {
		const struct fohp_equip		*e = &v->equip[i];
		struct journal_device_sample	*o = &s->devices[s->ndevices];

		if (vconf_device(&a->conf, e->device) < 0)
			continue;
		text_copy(o->device, sizeof(o->device), e->device);
		text_copy(o->status, sizeof(o->status),
		    fohp_status_name(e->status));
		o->wear = e->wear;
		s->ndevices++;
	}
	for (i = 0; i < v->ndrift && s->nmodels < FOHP_MODELS_MAX; i++) {
		const struct fohp_drift		*d = &v->drift[i];
		struct journal_model_sample	*o = &s->models[s->nmodels];

		if (vconf_model(&a->conf, d->model) < 0 ||
		    d->level == FOHP_DL_NONE)
			continue;
		text_copy(o->model, sizeof(o->model), d->model);
		o->score = d->score;
		text_copy(o->level, sizeof(o->level),
		    fohp_drift_level_name(d->level));
		s->nmodels++;
	}
}

/* Write the step due at now_ms (monotonic), if one is, and aim the next. */
void
agent_history_service(struct agent *a, uint64_t now_ms)
{
	struct journal_step	*s = a->history.step;
	uint64_t		 step = a->conf.history_step_ms;
	uint64_t		 wall, t, rows;
	char			 err[512];

	if (s == NULL || now_ms < a->history.next_ms)
		return;
	/* The multiple of the step just passed on the wall clock, or one
	 * due within AGENT_HISTORY_EARLY_MS (the monotonic timer and the
	 * wall clock drift apart a little); never the same t twice. */
	wall = clock_wall_ms();
	t = (wall + (step / 2 < AGENT_HISTORY_EARLY_MS ? step / 2 :
	    AGENT_HISTORY_EARLY_MS)) / step * step;
	if (t <= a->history.last_t_ms) {
		/* The wall clock was set back: no row (a later t would stamp
		 * rows in the future, an earlier one overwrite later states);
		 * look again within a step, the gates' persons kept for the
		 * next row, until the clock passes the last row. */
		a->stats.history_paused++;
		a->history.next_ms = now_ms + (a->history.last_t_ms + step >
		    wall && a->history.last_t_ms + step - wall < step ?
		    a->history.last_t_ms + step - wall : step);
		return;
	}
	s->t_ms = t;
	s->nzones = s->ngates = s->ndevices = s->nmodels = 0;
	agent_history_places(a, s);
	agent_history_things(a, s);
	rows = (uint64_t)s->nzones + s->ngates + s->ndevices + s->nmodels;
	if (journal_samples(a->journal, s, t > a->conf.history_keep_ms ?
	    t - a->conf.history_keep_ms : 0, err, sizeof(err)) == 0) {
		a->stats.history_steps++;
		a->stats.history_rows += rows;
		/* The gates' persons are in a row now: count afresh. */
		memset(a->history.in, 0, sizeof(a->history.in));
		memset(a->history.out, 0, sizeof(a->history.out));
	} else
		a->stats.history_failed++;	/* the journal logs it */
	a->stats.journal_errors = journal_errors(a->journal);
	a->history.last_t_ms = t;
	a->history.next_ms = now_ms + (t + step > wall ? t + step - wall :
	    step);
}

/* When the next step is due (monotonic ms); UINT64_MAX if never. */
uint64_t
agent_history_next(const struct agent *a)
{
	return (a->history.step != NULL ? a->history.next_ms : UINT64_MAX);
}

/* Stop writing history. */
void
agent_history_close(struct agent *a)
{
	free(a->history.step);
	a->history.step = NULL;
}
