/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * rules-words.c: a rule explains itself, in words, as an expression and
 * with a suggested action, so that an alert says what it tests and what to
 * do (rules.c builds the rules).
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules-priv.h"
#include "lib/text.h"

static const char *rules_status_names[FOHP_ST_COUNT] = {
	[FOHP_ST_OK] = "ok",
	[FOHP_ST_WARNING] = "warning",
	[FOHP_ST_ERROR] = "error",
	[FOHP_ST_OFFLINE] = "offline",
};

/* Format into a fixed buffer, truncating. */
void __attribute__((format(printf, 3, 4)))
rules_printf(char *buf, size_t len, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

/* Display name of subject i of a target, its id if it has none. */
static const char *
rules_subject_name(const struct vconf *conf, enum rules_target target,
    unsigned i)
{
	const char	*name = "";

	switch (target) {
	case RULES_ZONE:
		name = conf->layout.zones[i].name;
		break;
	case RULES_GATE:
		name = conf->gates[i].name;
		break;
	case RULES_DEVICE:
		name = conf->devices[i].name;
		break;
	case RULES_MODEL:
		name = conf->models[i].name;
		break;
	case RULES_TARGET_COUNT:
		break;
	}
	if (*name == '\0')
		return (rules_subject_id(conf, target, i));
	return (name);
}

/* Unit of a metric, "" if it has none or is not known. */
const char *
rules_unit(const char *metric)
{
	if (strcmp(metric, "density") == 0)
		return ("p/m\xc2\xb2");
	if (strcmp(metric, "flow_pmm") == 0)
		return ("p/m/min");
	if (strcmp(metric, "rul_h") == 0)
		return ("h");
	return ("");
}

/* A status level's name, or its number if out of range. */
static const char *
rules_status_name(double v, char *buf, size_t len)
{
	int	i = (int)v;

	if (v == i && i >= 0 && i < FOHP_ST_COUNT)
		return (rules_status_names[i]);
	rules_printf(buf, len, "%g", v);
	return (buf);
}

/* Names of the gates feeding zone i, comma separated; "" if none. */
static void
rules_zone_gates(const struct vconf *conf, unsigned i, char *buf, size_t len)
{
	const struct vconf_gate	*g;
	size_t			 used = 0;
	unsigned		 j, k;

	*buf = '\0';
	for (j = 0; j < conf->ngates; j++) {
		g = &conf->gates[j];
		for (k = 0; k < g->nzones && k < VCONF_GATE_ZONES; k++) {
			if (g->zones[k] == i)
				break;
		}
		if (k == g->nzones || k == VCONF_GATE_ZONES)
			continue;
		rules_printf(buf + used, len - used, "%s%s",
		    used == 0 ? "" : ", ", rules_subject_name(conf,
		    RULES_GATE, j));
		used = strlen(buf);
		if (used + 1 >= len)
			break;
	}
}

/*
 * A level as an expression shows it: two decimals, more when two would
 * round it ("clears < 0.225", not "clears < 0.23", which is not true).
 */
const char *
rules_level(char *buf, size_t len, double v)
{
	int	d;

	for (d = 2; d < 6; d++) {
		rules_printf(buf, len, "%.*f", d, v);
		if (fabs(strtod(buf, NULL) - v) <= 1e-9 * (fabs(v) + 1))
			break;
	}
	if (d == 6)
		rules_printf(buf, len, "%.*f", d, v);
	return (buf);
}

/* The subject and metric in words: "Crowd density in Floor". */
static void
rules_what(char *buf, size_t len, const char *metric, const char *name)
{
	if (strcmp(metric, "density") == 0)
		rules_printf(buf, len, "Crowd density in %s", name);
	else if (strcmp(metric, "flow_pmm") == 0)
		rules_printf(buf, len, "Flow through %s", name);
	else if (strcmp(metric, "rul_h") == 0)
		rules_printf(buf, len, "Remaining life of %s", name);
	else if (strcmp(metric, "score") == 0)
		rules_printf(buf, len, "Drift score of %s", name);
	else
		rules_printf(buf, len, "%s of %s", metric, name);
}

/* Fill in expr, and words and action unless given; why may be NULL. */
void
rules_describe(struct rule *r, const struct vconf *conf, unsigned i,
    const char *why)
{
	const char	*name = rules_subject_name(conf, r->target, i);
	const char	*op = r->below ? "<" : ">";
	const char	*cop = r->below ? ">" : "<";
	const char	*dir = r->below ? "below" : "above", *u = r->unit;
	const char	*sp = (*r->unit != '\0') ? " " : "";
	char		 what[FOHP_TEXT_MAX], hold[48];
	char		 clears[48], win[32], hor[32];
	char		 gates[FOHP_TEXT_MAX], note[FOHP_TEXT_MAX];
	char		 b1[16], b2[64], words[FOHP_TEXT_MAX], lvl[32];
	int		 wears;

	/* A device's status is not only its flags: wear makes it warning
	 * from RULES_WEAR_WARN of its limit, error at it (agent.c). */
	wears = r->target == RULES_DEVICE && conf->devices[i].wear[0] != '\0' &&
	    conf->devices[i].wear_limit > 0;
	rules_what(what, sizeof what, r->metric, name);
	*hold = '\0';
	if (r->for_ms != 0) {
		rules_printf(hold, sizeof hold, " for %s",
		    text_duration(b2, sizeof b2, r->for_ms, 0));
	}
	text_duration(win, sizeof win, r->window_ms, 0);
	text_duration(hor, sizeof hor, (uint64_t)(r->horizon_s * 1000), 0);
	if (why != NULL)
		rules_printf(note, sizeof note, " (%s)", why);
	else
		*note = '\0';

	*clears = '\0';
	*words = '\0';
	switch (r->kind) {
	case FOHP_RK_THRESHOLD:
	case FOHP_RK_RATE:
		if (r->clear != r->threshold) {
			rules_printf(clears, sizeof clears, ", clears %s %s",
			    cop, rules_level(lvl, sizeof lvl, r->clear));
		}
		if (r->kind == FOHP_RK_THRESHOLD) {
			rules_printf(r->expr, sizeof r->expr,
			    "%s %s %.2f%s%s", r->metric, op, r->threshold,
			    hold, clears);
			rules_printf(words, sizeof words, "%s %s %.2f%s%s%s%s",
			    what, dir, r->threshold, sp, u, note, hold);
		} else {
			rules_printf(r->expr, sizeof r->expr,
			    "rate(%s, %s) %s %.2f/min%s%s", r->metric, win,
			    op, r->threshold, hold, clears);
			rules_printf(words, sizeof words, "%s %s faster than "
			    "%.2f%s%s a minute over %s%s%s", what,
			    r->below ? "falling" : "rising", fabs(r->threshold),
			    sp, u, win, note, hold);
		}
		break;
	case FOHP_RK_FORECAST:
		rules_printf(r->expr, sizeof r->expr,
		    "forecast(%s, %s) >= %.2f within %s", r->metric, win,
		    r->threshold, hor);
		rules_printf(words, sizeof words, "%s forecast to reach "
		    "%.2f%s%s%s within %s (least squares over %s, "
		    "r\xc2\xb2 at least %.2f)", what, r->threshold, sp, u, note,
		    hor, win, r->min_r2);
		break;
	case FOHP_RK_STATUS:
		if (r->clear > r->threshold + 1) {
			rules_printf(r->expr, sizeof r->expr, "%s in %s..%s",
			    r->metric, rules_status_name(r->threshold, b1,
			    sizeof b1), rules_status_name(r->clear - 1, b2,
			    sizeof b2));
		} else if (r->clear > r->threshold) {
			rules_printf(r->expr, sizeof r->expr, "%s == %s",
			    r->metric, rules_status_name(r->threshold, b1,
			    sizeof b1));
		} else {
			rules_printf(r->expr, sizeof r->expr, "%s >= %s",
			    r->metric, rules_status_name(r->threshold, b1,
			    sizeof b1));
		}
		if (r->threshold == FOHP_ST_OFFLINE)
			rules_printf(words, sizeof words, "%s is offline (no "
			    "heartbeat, or it says so)%s", name, note);
		else if (r->threshold == FOHP_ST_ERROR)
			rules_printf(words, sizeof words, "%s reports an "
			    "error%s%s", name, wears ? ", or its wear has "
			    "reached its limit" : "", note);
		else if (r->threshold == FOHP_ST_WARNING) {
			if (wears)
				rules_printf(b2, sizeof b2, ", or its wear is "
				    "at %.0f%% of its limit or more",
				    RULES_WEAR_WARN * 100);
			rules_printf(words, sizeof words, "%s reports a "
			    "warning%s%s", name, wears ? b2 : "", note);
		}
		else
			rules_printf(words, sizeof words, "%s: %s (%s)%s",
			    name, r->expr, r->metric, note);
		break;
	case FOHP_RK_RUL:
		rules_printf(r->expr, sizeof r->expr,
		    "%s < %.2f, clears >= %s", r->metric, r->threshold,
		    rules_level(lvl, sizeof lvl, r->clear));
		rules_printf(words, sizeof words, "%s under %.0f%s%s%s", what,
		    r->threshold, sp, u, note);
		break;
	case FOHP_RK_DRIFT:
		rules_printf(r->expr, sizeof r->expr,
		    "%s >= %.2f%s, clears < %s", r->metric, r->threshold,
		    hold, rules_level(lvl, sizeof lvl, r->clear));
		rules_printf(words, sizeof words, "%s at or over %.2f%s%s",
		    what, r->threshold, note, hold);
		break;
	case FOHP_RK_NONE:
	case FOHP_RK_EXTERNAL:
	case FOHP_RK_COUNT:
		break;
	}
	if (*r->words == '\0')
		text_copy(r->words, sizeof r->words, words);

	if (*r->action != '\0')
		return;
	switch (r->target) {
	case RULES_ZONE:
		rules_zone_gates(conf, i, gates, sizeof gates);
		if (*gates != '\0')
			rules_printf(r->action, sizeof r->action, "Hold entry "
			    "at the gates feeding %s (%s) and send stewards "
			    "and signage to %s", name, gates, name);
		else
			rules_printf(r->action, sizeof r->action, "Hold entry "
			    "to %s and send stewards and signage to %s", name,
			    name);
		break;
	case RULES_GATE:
		rules_printf(r->action, sizeof r->action, "Open more lanes or "
		    "meter entry at %s", name);
		break;
	case RULES_DEVICE:
		if (r->kind == FOHP_RK_RUL)
			rules_printf(r->action, sizeof r->action, "Plan a "
			    "replacement for %s", name);
		else
			rules_printf(r->action, sizeof r->action, "Send a "
			    "technician to %s", name);
		break;
	case RULES_MODEL:
		rules_printf(r->action, sizeof r->action, "Check %s's camera "
		    "feeds and recalibrate; trust its counts less until then",
		    name);
		break;
	case RULES_TARGET_COUNT:
		break;
	}
}

/* Id of subject i of a target. */
const char *
rules_subject_id(const struct vconf *conf, enum rules_target target,
    unsigned i)
{
	switch (target) {
	case RULES_ZONE:
		return (conf->layout.zones[i].id);
	case RULES_GATE:
		return (conf->gates[i].id);
	case RULES_DEVICE:
		return (conf->devices[i].id);
	case RULES_MODEL:
		return (conf->models[i].id);
	case RULES_TARGET_COUNT:
		break;
	}
	return ("");
}
