/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-explain.c: what an alert says about itself.
 *
 * When a rule fires (agent-alerts.c), its alert is filled here from what
 * the venue knows at that moment: the rule in words and as an expression,
 * value against threshold, how long it held, the window of samples, the
 * forecast, a title (title.c), the signals feeding it and where the data
 * came from. An external alert brings its own words; this fills the rest.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "agent-priv.h"
#include "core/title.h"
#include "lib/text.h"

/* A subject's display name. */
static const char *
agent_explain_name(const struct agent *a, enum rules_target t, const char *id)
{
	int	i;

	switch (t) {
	case RULES_ZONE:
		if ((i = vconf_zone(&a->conf, id)) >= 0)
			return (a->conf.layout.zones[i].name);
		break;
	case RULES_GATE:
		if ((i = vconf_gate(&a->conf, id)) >= 0)
			return (a->conf.gates[i].name);
		break;
	case RULES_DEVICE:
		if ((i = vconf_device(&a->conf, id)) >= 0)
			return (a->conf.devices[i].name);
		break;
	case RULES_MODEL:
		if ((i = vconf_model(&a->conf, id)) >= 0)
			return (a->conf.models[i].name);
		break;
	default:
		break;
	}
	return (id);
}

/* Add one contributing signal. */
static void
agent_explain_contrib(struct fohp_alert *al, const char *name, double value,
    const char *unit, const char *note)
{
	struct fohp_contrib	*c;

	if (al->ncontrib == FOHP_CONTRIB_MAX || !isfinite(value))
		return;
	c = &al->contrib[al->ncontrib++];
	text_copy(c->name, sizeof(c->name), name);
	c->value = value;
	text_copy(c->unit, sizeof(c->unit), unit);
	text_copy(c->note, sizeof(c->note), note);
}

/* The signals behind an alert and where its data came from. */
static void
agent_explain_context(struct agent *a, enum rules_target t, const char *id,
    struct fohp_alert *al)
{
	struct store_gate	*sg;
	struct store_zone	*sz;
	char			 name[FOHP_ID_MAX + 8];
	char			 note[FOHP_NAME_MAX];
	double			 warn;
	unsigned		 i, j;
	int			 k;

	switch (t) {
	case RULES_ZONE:
		k = vconf_zone(&a->conf, id);
		for (i = 0; k >= 0 && i < a->conf.ngates; i++) {
			const struct vconf_gate	*g = &a->conf.gates[i];

			for (j = 0; j < g->nzones; j++) {
				if (g->zones[j] != k ||
				    (sg = store_gate_find(a->venue, g->id)) ==
				    NULL)
					continue;
				snprintf(name, sizeof(name), "gate:%s", g->id);
				agent_explain_contrib(al, name,
				    sg->last.flow_pmm, "p/m/min",
				    "gate feeding this zone");
			}
		}
		if (a->conf.drill)	/* the readings are the file's */
			(void)snprintf(al->source, sizeof(al->source), "zone "
			    "counts from the drill file %.31s",
			    a->conf.drill_file);
		else
			snprintf(al->source, sizeof(al->source), "zone counts "
			    "from %s", k >= 0 && a->zone_source[k][0] != '\0' ?
			    a->zone_source[k] : "fohd's simulator");
		break;
	case RULES_GATE:
		k = vconf_gate(&a->conf, id);
		for (j = 0; k >= 0 && j < a->conf.gates[k].nzones; j++) {
			const struct fohp_zone_def *zd =
			    &a->conf.layout.zones[a->conf.gates[k].zones[j]];

			if ((sz = store_zone_find(a->venue, zd->id)) == NULL ||
			    !sz->has_sample)
				continue;
			snprintf(name, sizeof(name), "zone:%s", zd->id);
			agent_explain_contrib(al, name, sz->last.density,
			    "p/m2", "zone this gate feeds");
		}
		snprintf(al->source, sizeof(al->source), "gate counter %s",
		    id);
		break;
	case RULES_DEVICE:
		for (i = 0; i < a->venue->nequip; i++) {
			const struct fohp_equip	*e = &a->venue->equip[i];

			if (strcmp(e->device, id) != 0)
				continue;
			for (j = 0; j < e->nmetrics; j++) {
				snprintf(name, sizeof(name), "metric:%s",
				    e->metrics[j].name);
				agent_explain_contrib(al, name,
				    e->metrics[j].value, e->metrics[j].unit,
				    "telemetry");
			}
			for (j = 0; j < e->nflags; j++) {
				if (e->flags[j].status == FOHP_ST_OK)
					continue;
				snprintf(name, sizeof(name), "flag:%s",
				    e->flags[j].name);
				agent_explain_contrib(al, name,
				    e->flags[j].status, "",
				    fohp_status_name(e->flags[j].status));
			}
			if (snprintf(al->source, sizeof(al->source),
			    "%s %s telemetry", e->dkind, id) >=
			    (int)sizeof(al->source))	/* long names */
				al->source[sizeof(al->source) - 2] = '~';
		}
		break;
	case RULES_MODEL:
		/* A feature is drifting from the model's warning level (as
		 * the drift rules, PSI 0.1 unless configured); under it, it
		 * is named as stable, not drifting. */
		k = vconf_model(&a->conf, id);
		warn = k >= 0 && a->conf.models[k].warn > 0 ?
		    a->conf.models[k].warn : 0.1;
		for (i = 0; i < a->venue->ndrift; i++) {
			const struct fohp_drift	*d = &a->venue->drift[i];

			if (strcmp(d->model, id) != 0)
				continue;
			for (j = 0; j < d->nfeatures; j++) {
				snprintf(name, sizeof(name), "feature:%s",
				    d->features[j].name);
				if (d->features[j].score < warn)
					snprintf(note, sizeof(note), "stable "
					    "(under %.2f)", warn);
				else
					snprintf(note, sizeof(note), "%s",
					    j == 0 ? "top drifting feature" :
					    "drifting feature");
				agent_explain_contrib(al, name,
				    d->features[j].score, d->method, note);
			}
			if (snprintf(al->source, sizeof(al->source),
			    "model %s version %s, %s", id, d->version,
			    d->method) >= (int)sizeof(al->source))
				al->source[sizeof(al->source) - 2] = '~';
		}
		break;
	default:
		break;
	}
}

/* The fohp_fc_state for a forecast_state. */
static enum fohp_fc_state
agent_explain_fc(enum forecast_state s)
{
	switch (s) {
	case FORECAST_PENDING:
		return (FOHP_FC_PENDING);
	case FORECAST_NOT_RISING:
		return (FOHP_FC_NOT_RISING);
	case FORECAST_POOR_FIT:
		return (FOHP_FC_POOR_FIT);
	case FORECAST_BEYOND:
		return (FOHP_FC_BEYOND);
	case FORECAST_CROSSING:
		return (FOHP_FC_CROSSING);
	default:
		return (FOHP_FC_ALREADY);
	}
}

/* What is at stake when a rule of this target fires. */
static enum fohp_stake
agent_explain_stake(enum rules_target t)
{
	switch (t) {
	case RULES_ZONE:
	case RULES_GATE:
		return (FOHP_STAKE_SAFETY);
	case RULES_DEVICE:
		return (FOHP_STAKE_EQUIPMENT);
	case RULES_MODEL:
		return (FOHP_STAKE_MODEL);
	default:
		break;
	}
	return (FOHP_STAKE_SAFETY);
}

/*
 * Why a device's status is what it is, for a status title: its flags at
 * that status ("protect, thermal"), and its wear when that is what makes
 * it so ("lamp hours at 99% of limit"). "" if the venue has no word of it
 * (and for offline: the rule's words say why).
 */
static void
agent_explain_status_detail(const struct agent *a, const char *id,
    enum fohp_status st, char *buf, size_t len)
{
	const struct fohp_equip	*e;
	size_t			 n;
	unsigned		 i, j;
	int			 k;
	char			*p;

	*buf = '\0';
	for (i = 0; i < a->venue->nequip; i++) {
		e = &a->venue->equip[i];
		if (strcmp(e->device, id) != 0)
			continue;
		for (j = 0; j < e->nflags && j < FOHP_FLAGS_MAX; j++) {
			if (e->flags[j].status != st)
				continue;
			n = strlen(buf);
			snprintf(buf + n, len - n, "%s%s", n > 0 ? ", " : "",
			    e->flags[j].name);
		}
		/* Wear makes a device warning from AGENT_WEAR_WARN of its
		 * limit and error at it (agent.c): say so at those. */
		if (e->wear_limit > 0 &&
		    ((st == FOHP_ST_WARNING && e->wear >= AGENT_WEAR_WARN *
		    e->wear_limit && e->wear < e->wear_limit) ||
		    (st == FOHP_ST_ERROR && e->wear >= e->wear_limit))) {
			k = vconf_device(&a->conf, id);
			n = strlen(buf);
			snprintf(buf + n, len - n, "%s%s at %.0f%% of limit",
			    n > 0 ? ", " : "", k >= 0 &&
			    a->conf.devices[k].wear[0] != '\0' ?
			    a->conf.devices[k].wear : "wear",
			    floor(100 * e->wear / e->wear_limit));
			for (p = buf + n; *p != '\0'; p++) {
				if (*p == '_')
					*p = ' ';
			}
		}
		break;
	}
}

/* Fill the alert for a rule's evaluation. */
void
agent_explain_build(struct agent *a, const struct rules_eval *ev,
    struct fohp_alert *al)
{
	const struct rule	*ru = ev->rule;
	const char		*parts[] = { a->conf.id, ru->id, ru->subject };
	const char		*who = agent_explain_name(a, ru->target,
				    ru->subject);
	struct title_in		 ti;
	char			 detail[FOHP_TEXT_MAX];

	memset(al, 0, sizeof(*al));
	al->fingerprint = agent_fingerprint(parts, 3);
	text_copy(al->rule, sizeof(al->rule), ru->id);
	text_copy(al->subject, sizeof(al->subject), ru->subject);
	al->severity = ru->severity;
	al->state = FOHP_AS_FIRING;
	al->rkind = ru->kind;
	al->stake = agent_explain_stake(ru->target);
	al->value = ev->value;
	al->threshold = ev->threshold;
	al->margin = ev->margin;
	al->held_ms = ev->held_ms;
	text_copy(al->words, sizeof(al->words), ru->words);
	text_copy(al->expr, sizeof(al->expr), ru->expr);
	text_copy(al->unit, sizeof(al->unit), ru->unit);
	text_copy(al->action, sizeof(al->action), ru->action);
	rules_window(ru, al->window, &al->nwindow, &al->window_step_ms);
	memset(&ti, 0, sizeof(ti));
	ti.kind = ru->kind;
	ti.cmp = title_cmp_of(ru->kind, ru->below);
	ti.subject = who;
	ti.metric = ru->metric;
	ti.unit = ru->unit;
	ti.value = ev->value;
	ti.threshold = ev->threshold;
	ti.clear = ru->clear;
	ti.on = ev->on;
	/* A flapping rule's clear keeps its alert open: say it cleared. */
	ti.cleared = ev->change == RULES_CLEAR ||
	    (ev->change == RULES_FLAP && !ev->rule->firing);
	if (ev->has_fc) {
		al->fc_state = agent_explain_fc(ev->fc.state);
		al->fc_slope = ev->fc.slope_per_min;
		al->fc_r2 = isfinite(ev->fc.r2) ? ev->fc.r2 : 0;
		al->fc_eta_s = isfinite(ev->fc.eta_s) && ev->fc.eta_s > 0 ?
		    ev->fc.eta_s : 0;
		al->fc_horizon_s = ru->horizon_s;
		ti.fc_state = al->fc_state;
		ti.fc_eta_s = al->fc_eta_s;
	}
	if (ru->kind == FOHP_RK_STATUS) {
		agent_explain_status_detail(a, ru->subject,
		    (enum fohp_status)(int)ev->value, detail, sizeof(detail));
		ti.detail = detail;
	}
	title_write(al->title, sizeof(al->title), &ti);
	agent_explain_context(a, ru->target, ru->subject, al);
}

/*
 * What an external alert that does not say puts at stake: a configured
 * device's, equipment; a model's, model; anything else (a zone, a gate, a
 * place or person the venue does not name), safety.
 */
static enum fohp_stake
agent_explain_external_stake(const struct agent *a, const char *subject)
{
	if (vconf_device(&a->conf, subject) >= 0)
		return (FOHP_STAKE_EQUIPMENT);
	if (vconf_model(&a->conf, subject) >= 0)
		return (FOHP_STAKE_MODEL);
	return (FOHP_STAKE_SAFETY);
}

/* Fill al for an external alert: its own words, identity and stake. */
void
agent_explain_external(struct agent *a, const struct reading_alert *r,
    struct fohp_alert *al)
{
	const char	*parts[] = { a->conf.id, r->source, r->subject };
	unsigned	 i;

	memset(al, 0, sizeof(*al));
	al->fingerprint = agent_fingerprint(parts, 3);
	text_copy(al->rule, sizeof(al->rule), r->source);
	text_copy(al->subject, sizeof(al->subject), r->subject);
	al->severity = r->severity;
	al->state = FOHP_AS_FIRING;
	al->rkind = FOHP_RK_EXTERNAL;
	text_copy(al->title, sizeof(al->title), r->title);
	text_copy(al->words, sizeof(al->words), r->reason[0] != '\0' ?
	    r->reason : r->title);
	text_copy(al->source, sizeof(al->source), r->source);
	al->stake = r->stake != FOHP_STAKE_NONE ? r->stake :
	    agent_explain_external_stake(a, r->subject);
	/* A number is a value; words are the note, and the value then
	 * means nothing (0): PROTOCOL.md 6.7, external alerts. */
	for (i = 0; i < r->ndetails; i++)
		agent_explain_contrib(al, r->details[i].name,
		    r->details[i].is_number ? r->details[i].number : 0, "",
		    r->details[i].is_number ? "" : r->details[i].value);
}
