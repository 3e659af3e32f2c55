/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * scenario.c: read a scenario file and turn it into readings over time.
 *
 * The file is INI (scenarios/README.md). cfg_parse calls scenario_handler for
 * each section header and each name = value; the handler keeps the first
 * error and stops, so cfg_parse's answer is the line of the error. A header
 * alone makes its section (an empty [ramp x] is a ramp, refused for what it
 * lacks). Checks that need a whole section (a ramp without an end) run after
 * parsing and name the line of the section.
 *
 * At each tick every quantity (a zone's fraction of capacity, a gate's rate
 * per minute, a device metric, a model feature's mean) is resolved the same
 * way: an event active at t wins, the later one in the file if two are;
 * otherwise the event that ended last and holds its end value (after = hold);
 * otherwise the implicit baseline. A little seeded noise is added on top, so
 * one seed always gives the same readings.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/cfg.h"
#include "scenario.h"

#define SCENARIO_TEXT_MAX	(1024 * 1024)
#define SCENARIO_TIME_MAX_MS	10000000000ULL	/* 1e7 s, about 115 days */
#define SCENARIO_GREEN_GUIDE	82.0	/* persons per metre per minute */
#define SCENARIO_GATE_BASE	2.0	/* baseline flow, per metre per min */

struct scenario_parse {
	struct scenario		*s;
	char			 section[160];
	int			 section_line;
	int			 scenario_line;	/* of [scenario], 0 if none */
	struct scenario_event	*ev;		/* current event section */
	int			 model;		/* current [model ID], or -1 */
	int			 in_scenario;
	int			 seen_scenario;
	int			 venue_seen;
	int			 declared[FOHP_MODELS_MAX];
	char			 error[256];
};

/* Baseline telemetry of a device kind: metrics and their resting values. */
struct scenario_metric_def {
	const char	*name;
	const char	*unit;
	double		 value;
	double		 jitter;	/* +- this, 0 = exact */
};

struct scenario_kind_def {
	const char			*dkind;
	struct scenario_metric_def	 metrics[6];
	const char			*flags[6];
};

static const struct scenario_kind_def scenario_kinds[] = {
	{ "amplifier", {
		{ "heatsink_c", "C", 42, 0.4 },
		{ "thermal", "%", 35, 0.5 },
		{ "clip", "count", 0, 0 },
		{ "load", "ohm", 8, 0.02 },
		{ "line_v", "V", 230, 1 },
		{ NULL, NULL, 0, 0 } },
	  { "protect", "clip", "thermal", NULL } },
	{ "projector", {
		{ "temperature", "C", 38, 0.3 },
		{ "filter_hours", "h", 120, 0 },
		{ NULL, NULL, 0, 0 } },
	  { "fan", "lamp", "temperature", "cover", "filter", NULL } },
	{ "ledwall", {
		{ "supply_v", "V", 5.0, 0.02 },
		{ "link", "cards", 1, 0 },
		{ "temperature", "C", 35, 0.3 },
		{ NULL, NULL, 0, 0 } },
	  { "link", "power", NULL } },
	{ "other", {
		{ "temperature", "C", 30, 0.3 },
		{ NULL, NULL, 0, 0 } },
	  { NULL } },
};

static const char *const scenario_ev_names[SCENARIO_EV_COUNT] = {
	"ramp", "gate", "telemetry", "drift", "alert"
};

/* xorshift64*: the same generator as sim.c. */
static uint64_t
scenario_next(struct scenario *s)
{
	s->rng ^= s->rng >> 12;
	s->rng ^= s->rng << 25;
	s->rng ^= s->rng >> 27;
	return (s->rng * 2685821657736338717ULL);
}

/* A uniform number in [0, 1). */
static double
scenario_uniform(struct scenario *s)
{
	return ((double)(scenario_next(s) >> 11) / 9007199254740992.0);
}

/* A normal number (Box-Muller). */
static double
scenario_normal(struct scenario *s, double mean, double sd)
{
	double	u1, u2;

	u1 = scenario_uniform(s);
	u2 = scenario_uniform(s);
	if (u1 < 1e-300)
		u1 = 1e-300;
	return (mean + sd * sqrt(-2 * log(u1)) * cos(2 * M_PI * u2));
}

/* Parse a finite decimal number (cfg_double). */
static int
scenario_number(const char *s, double *out)
{
	return (cfg_double(s, -DBL_MAX, DBL_MAX, out));
}

/* Parse a time in seconds: cfg_duration's "90", "1.5", "1h30m", "250ms". */
static int
scenario_time(const char *s, double *out)
{
	uint64_t	ms;

	if (cfg_duration(s, 0, SCENARIO_TIME_MAX_MS, &ms) != 0)
		return (-1);
	*out = (double)ms / 1000.0;
	return (0);
}

/* Copy a string into a fixed array; fails if empty or too long. */
static int
scenario_str(char *dst, size_t len, const char *s)
{
	if (*s == '\0' || strlen(s) >= len)
		return (-1);
	strcpy(dst, s);
	return (0);
}

/* Start a new section "KIND NAME" or "scenario", whose header is on line. */
static int
scenario_section(struct scenario_parse *p, int line, const char *section)
{
	struct scenario		*s = p->s;
	struct scenario_event	*ev;
	char			 words[CFG_LINE_MAX + 1], *w[3], *tok, *save;
	const char		*kind, *name;
	int			 k, n;
	unsigned		 i;

	p->section_line = line;
	snprintf(p->section, sizeof(p->section), "%s", section);
	p->ev = NULL;
	p->model = -1;
	p->in_scenario = 0;

	if (strcmp(section, "scenario") == 0) {
		if (p->seen_scenario) {
			snprintf(p->error, sizeof(p->error), "[scenario] "
			    "appears twice");
			return (0);
		}
		p->in_scenario = p->seen_scenario = 1;
		p->scenario_line = line;
		return (1);
	}
	snprintf(words, sizeof(words), "%s", section);	/* KIND NAME */
	n = 0;
	for (tok = strtok_r(words, " \t", &save); tok != NULL && n < 3;
	    tok = strtok_r(NULL, " \t", &save))
		w[n++] = tok;
	kind = n >= 1 ? w[0] : "";
	name = n >= 2 ? w[1] : "";
	if (n >= 1 && strcmp(kind, "model") == 0) {
		if (n != 2 || (k = vconf_model(s->venue, name)) < 0) {
			snprintf(p->error, sizeof(p->error), "[%s]: no model "
			    "\"%s\" in venue %s", section, n >= 2 ? name : "",
			    s->venue->id);
			return (0);
		}
		p->model = k;
		return (1);
	}
	for (k = 0; k < SCENARIO_EV_COUNT; k++) {
		if (n >= 1 && strcmp(kind, scenario_ev_names[k]) == 0)
			break;
	}
	if (k == SCENARIO_EV_COUNT) {
		snprintf(p->error, sizeof(p->error), "unknown section [%s]: "
		    "expected scenario, model, ramp, gate, telemetry, drift "
		    "or alert", section);
		return (0);
	}
	if (n != 2 || !vconf_valid_id(name)) {
		snprintf(p->error, sizeof(p->error), "[%s] needs one name, "
		    "1-%d of a-z 0-9 _ -, as in [%s NAME]", section,
		    FOHP_ID_MAX - 1, kind);
		return (0);
	}
	for (i = 0; i < s->nevents; i++) {
		if (s->events[i].kind == (enum scenario_ev_kind)k &&
		    strcmp(s->events[i].name, name) == 0) {
			snprintf(p->error, sizeof(p->error), "[%s] appears "
			    "twice (first at line %d)", section,
			    s->events[i].line);
			return (0);
		}
	}
	if (s->nevents == SCENARIO_EVENTS_MAX) {
		snprintf(p->error, sizeof(p->error), "more than %d events",
		    SCENARIO_EVENTS_MAX);
		return (0);
	}
	ev = &s->events[s->nevents++];
	memset(ev, 0, sizeof(*ev));
	ev->kind = (enum scenario_ev_kind)k;
	strcpy(ev->name, name);
	ev->line = p->section_line;
	ev->target = -1;
	ev->from_s = ev->to_s = NAN;
	ev->every_s = 600;
	ev->growth = NAN;
	ev->hold_after = 1;
	ev->max = -1;
	ev->scale = 1;
	ev->warn_at = ev->error_at = NAN;
	ev->level = -1;
	ev->sd = NAN;
	ev->severity = FOHP_SEV_WARNING;
	p->ev = ev;
	return (1);
}

/* Handle one key of [scenario]. */
static int
scenario_scenario_key(struct scenario_parse *p, const char *name,
    const char *value)
{
	struct scenario	*s = p->s;
	double		 d;
	uint64_t	 n;

	if (strcmp(name, "name") == 0) {
		if (scenario_str(s->name, sizeof(s->name), value) != 0)
			goto bad;
	} else if (strcmp(name, "venue") == 0) {
		if (strcmp(value, s->venue->id) != 0) {
			snprintf(p->error, sizeof(p->error), "scenario is for "
			    "venue \"%s\", but the config is for venue \"%s\"",
			    value, s->venue->id);
			return (0);
		}
		p->venue_seen = 1;
	} else if (strcmp(name, "seed") == 0) {
		if (cfg_uint(value, 0, UINT64_MAX, &n) != 0)
			goto bad;
		s->seed = n;
	} else if (strcmp(name, "duration_s") == 0) {
		if (scenario_time(value, &d) != 0 || d <= 0 || d > 1e7)
			goto bad;
		s->duration_s = d;
	} else if (strcmp(name, "tick_ms") == 0) {
		if (cfg_uint(value, 10, 60000, &n) != 0)
			goto bad;
		s->tick_ms = (uint32_t)n;
	} else if (strcmp(name, "baseline") == 0) {
		if (scenario_number(value, &d) != 0 || d < 0 || d > 2)
			goto bad;
		s->baseline = d;
	} else if (strcmp(name, "swing") == 0) {
		if (scenario_number(value, &d) != 0 || d < 0 || d > 1)
			goto bad;
		s->swing = d;
	} else if (strcmp(name, "period_s") == 0) {
		if (scenario_time(value, &d) != 0 || d <= 0)
			goto bad;
		s->period_s = d;
	} else if (strcmp(name, "telemetry_every_s") == 0) {
		if (scenario_time(value, &d) != 0 || d <= 0 || d > 3600)
			goto bad;
		s->telemetry_s = d;
	} else if (strcmp(name, "source") == 0) {
		if (!vconf_valid_id(value))
			goto bad;
		strcpy(s->source, value);
	} else if (strcmp(name, "raster_every_s") == 0) {
		if (scenario_time(value, &d) != 0 || d < 0 || d > 3600)
			goto bad;
		if (d > 0 && (unsigned)s->venue->layout.grid_w *
		    s->venue->layout.grid_h > FOHP_RASTER_MAX) {
			snprintf(p->error, sizeof(p->error), "raster_every_s: "
			    "the %ux%u grid has more than %d cells",
			    s->venue->layout.grid_w, s->venue->layout.grid_h,
			    FOHP_RASTER_MAX);
			return (0);
		}
		s->raster_s = d;
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[scenario]", name);
		return (0);
	}
	return (1);
bad:
	snprintf(p->error, sizeof(p->error), "[scenario] %s \"%s\" is not "
	    "valid", name, value);
	return (0);
}

/* Add or change a feature of a model's baseline. */
static int
scenario_add_feature(struct scenario_model *m, const char *name, double mean,
    double sd)
{
	unsigned	i;

	for (i = 0; i < m->nfeatures; i++) {
		if (strcmp(m->features[i].name, name) == 0)
			break;
	}
	if (i == m->nfeatures) {
		if (m->nfeatures == FOHP_FEATURES_MAX)
			return (-1);
		m->nfeatures++;
		strcpy(m->features[i].name, name);
	}
	m->features[i].mean = mean;
	m->features[i].sd = sd;
	return (0);
}

/* Handle one key of [model ID]. */
static int
scenario_model_key(struct scenario_parse *p, const char *name,
    const char *value)
{
	struct scenario_model	*m = &p->s->models[p->model];
	char			 buf[CFG_LINE_MAX + 1], *w[4], *tok, *save;
	double			 d, mean, sd;
	uint64_t		 n;
	unsigned		 nw;

	if (strcmp(name, "version") == 0) {
		if (scenario_str(m->version, sizeof(m->version), value) != 0)
			goto bad;
	} else if (strcmp(name, "every_s") == 0) {
		if (scenario_time(value, &d) != 0 || d <= 0 || d > 3600)
			goto bad;
		m->every_s = d;
	} else if (strcmp(name, "n") == 0) {
		if (cfg_uint(value, 1, SCENARIO_SAMPLE_N_MAX, &n) != 0)
			goto bad;
		m->n = (unsigned)n;
	} else if (strcmp(name, "feature") == 0) {
		snprintf(buf, sizeof(buf), "%s", value);
		nw = 0;
		for (tok = strtok_r(buf, " \t", &save); tok != NULL && nw < 4;
		    tok = strtok_r(NULL, " \t", &save))
			w[nw++] = tok;	/* a fourth word makes nw 4: refused */
		if (nw != 3 || !vconf_valid_id(w[0]) ||
		    scenario_number(w[1], &mean) != 0 ||
		    scenario_number(w[2], &sd) != 0 || sd < 0) {
			snprintf(p->error, sizeof(p->error), "[%s] feature "
			    "\"%s\" must be NAME MEAN SD", p->section, value);
			return (0);
		}
		if (!p->declared[p->model]) {
			p->declared[p->model] = 1;
			m->nfeatures = 0;
		}
		if (scenario_add_feature(m, w[0], mean, sd) != 0) {
			snprintf(p->error, sizeof(p->error), "[%s] has more "
			    "than %d features", p->section, FOHP_FEATURES_MAX);
			return (0);
		}
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[%s]", name, p->section);
		return (0);
	}
	return (1);
bad:
	snprintf(p->error, sizeof(p->error), "[%s] %s \"%s\" is not valid",
	    p->section, name, value);
	return (0);
}

/* Resolve the target key of an event against the venue. */
static int
scenario_target(struct scenario_parse *p, const char *what, const char *id)
{
	const struct vconf	*v = p->s->venue;
	int			 i = -1;

	if (strcmp(what, "zone") == 0)
		i = vconf_zone(v, id);
	else if (strcmp(what, "gate") == 0)
		i = vconf_gate(v, id);
	else if (strcmp(what, "device") == 0)
		i = vconf_device(v, id);
	else if (strcmp(what, "model") == 0)
		i = vconf_model(v, id);
	if (i < 0) {
		snprintf(p->error, sizeof(p->error), "[%s]: no %s \"%s\" in "
		    "venue %s", p->section, what, id, v->id);
		return (0);
	}
	p->ev->target = i;
	return (1);
}

/* Handle one key of an event section. */
static int
scenario_event_key(struct scenario_parse *p, const char *name,
    const char *value)
{
	static const char	*targets[SCENARIO_EV_COUNT] = {
		"zone", "gate", "device", "model", NULL
	};
	struct scenario_event	*ev = p->ev;
	const char		*target = targets[ev->kind];
	double			 d;
	unsigned		 i;

	if (target != NULL && strcmp(name, target) == 0)
		return (scenario_target(p, target, value));
	if (strcmp(name, "from_s") == 0 || strcmp(name, "at_s") == 0) {
		if ((name[0] == 'a') != (ev->kind == SCENARIO_EV_ALERT))
			goto unknown;
		if (scenario_time(value, &ev->from_s) != 0)
			goto bad;
		if (ev->kind == SCENARIO_EV_ALERT)
			ev->to_s = ev->from_s;
	} else if (strcmp(name, "to_s") == 0 && ev->kind != SCENARIO_EV_ALERT) {
		if (scenario_time(value, &ev->to_s) != 0)
			goto bad;
	} else if (strcmp(name, "shape") == 0 && ev->kind != SCENARIO_EV_ALERT) {
		if (strcmp(value, "linear") == 0)
			ev->shape = SCENARIO_LINEAR;
		else if (strcmp(value, "geometric") == 0)
			ev->shape = SCENARIO_GEOMETRIC;
		else if (strcmp(value, "hold") == 0)
			ev->shape = SCENARIO_HOLD;
		else
			goto bad;
	} else if (strcmp(name, "after") == 0 && ev->kind != SCENARIO_EV_ALERT) {
		if (strcmp(value, "hold") == 0)
			ev->hold_after = 1;
		else if (strcmp(value, "baseline") == 0)
			ev->hold_after = 0;
		else
			goto bad;
	} else if ((strcmp(name, "from") == 0 && ev->kind != SCENARIO_EV_DRIFT) ||
	    (strcmp(name, "mean_from") == 0 && ev->kind == SCENARIO_EV_DRIFT)) {
		if (ev->kind == SCENARIO_EV_ALERT ||
		    scenario_number(value, &ev->from) != 0)
			goto bad;
		ev->has_from = 1;
	} else if ((strcmp(name, "to") == 0 && ev->kind != SCENARIO_EV_DRIFT) ||
	    (strcmp(name, "mean_to") == 0 && ev->kind == SCENARIO_EV_DRIFT)) {
		if (ev->kind == SCENARIO_EV_ALERT ||
		    scenario_number(value, &ev->to) != 0)
			goto bad;
		ev->has_to = 1;
	} else if (ev->kind == SCENARIO_EV_RAMP && strcmp(name, "unit") == 0) {
		/* Kept in scale: 1 capacity, 2 density, 3 persons. */
		if (strcmp(value, "capacity") == 0)
			ev->scale = 1;
		else if (strcmp(value, "density") == 0)
			ev->scale = 2;
		else if (strcmp(value, "persons") == 0)
			ev->scale = 3;
		else
			goto bad;
	} else if (ev->kind == SCENARIO_EV_GATE && strcmp(name, "dir") == 0) {
		if (strcmp(value, "in") == 0)
			ev->dir_out = 0;
		else if (strcmp(value, "out") == 0)
			ev->dir_out = 1;
		else
			goto bad;
	} else if (ev->kind == SCENARIO_EV_GATE && strcmp(name, "growth") == 0) {
		if (scenario_number(value, &ev->growth) != 0 ||
		    ev->growth <= -1 || ev->growth > 100)
			goto bad;
	} else if (ev->kind == SCENARIO_EV_GATE && strcmp(name, "every_s") == 0) {
		if (scenario_time(value, &ev->every_s) != 0 || ev->every_s <= 0)
			goto bad;
	} else if (ev->kind == SCENARIO_EV_GATE &&
	    strcmp(name, "max_per_min") == 0) {
		if (scenario_number(value, &ev->max) != 0 || ev->max < 0)
			goto bad;
	} else if (ev->kind == SCENARIO_EV_TELEMETRY &&
	    strcmp(name, "metric") == 0) {
		if (!vconf_valid_id(value))
			goto bad;
		strcpy(ev->metric, value);
	} else if (ev->kind == SCENARIO_EV_TELEMETRY &&
	    strcmp(name, "unit") == 0) {
		if (scenario_str(ev->unit, sizeof(ev->unit), value) != 0)
			goto bad;
	} else if (ev->kind == SCENARIO_EV_TELEMETRY &&
	    strcmp(name, "scale") == 0) {
		if (strcmp(value, "wear_limit") == 0)
			ev->scale = -1;		/* resolved after parsing */
		else if (scenario_number(value, &ev->scale) != 0 ||
		    ev->scale == 0)
			goto bad;
	} else if (ev->kind == SCENARIO_EV_TELEMETRY &&
	    strcmp(name, "flag") == 0) {
		if (!vconf_valid_id(value))
			goto bad;
		strcpy(ev->flag, value);
	} else if (ev->kind == SCENARIO_EV_TELEMETRY &&
	    strcmp(name, "flag_when") == 0) {
		if (strcmp(value, "above") == 0)
			ev->flag_below = 0;
		else if (strcmp(value, "below") == 0)
			ev->flag_below = 1;
		else
			goto bad;
	} else if (ev->kind == SCENARIO_EV_TELEMETRY &&
	    (strcmp(name, "warn_at") == 0 || strcmp(name, "error_at") == 0)) {
		if (scenario_number(value, &d) != 0)
			goto bad;
		if (name[0] == 'w')
			ev->warn_at = d;
		else
			ev->error_at = d;
	} else if (ev->kind == SCENARIO_EV_TELEMETRY &&
	    strcmp(name, "level") == 0) {
		for (i = 0; i <= FOHP_ST_ERROR; i++) {
			if (strcmp(value, fohp_status_name(i)) == 0)
				break;
		}
		if (i > FOHP_ST_ERROR)
			goto bad;
		ev->level = (int)i;
	} else if (ev->kind == SCENARIO_EV_DRIFT && strcmp(name, "feature") == 0) {
		if (!vconf_valid_id(value))
			goto bad;
		strcpy(ev->feature, value);
	} else if (ev->kind == SCENARIO_EV_DRIFT && strcmp(name, "sd") == 0) {
		if (scenario_number(value, &ev->sd) != 0 || ev->sd < 0)
			goto bad;
	} else if (ev->kind == SCENARIO_EV_ALERT && strcmp(name, "source") == 0) {
		if (scenario_str(ev->source, sizeof(ev->source), value) != 0)
			goto bad;
	} else if (ev->kind == SCENARIO_EV_ALERT &&
	    strcmp(name, "subject") == 0) {
		if (scenario_str(ev->subject, sizeof(ev->subject), value) != 0)
			goto bad;
	} else if (ev->kind == SCENARIO_EV_ALERT &&
	    strcmp(name, "severity") == 0) {
		for (i = 0; i < FOHP_SEV_COUNT; i++) {
			if (strcmp(value, fohp_severity_name(
			    (enum fohp_severity)i)) == 0)
				break;
		}
		if (i == FOHP_SEV_COUNT)
			goto bad;
		ev->severity = (int)i;
	} else if (ev->kind == SCENARIO_EV_ALERT && (strcmp(name, "title") == 0 ||
	    strcmp(name, "reason") == 0)) {
		if (scenario_str(name[0] == 't' ? ev->title : ev->reason,
		    FOHP_TEXT_MAX, value) != 0)
			goto bad;
	} else
		goto unknown;
	return (1);
unknown:
	snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in [%s]", name,
	    p->section);
	return (0);
bad:
	snprintf(p->error, sizeof(p->error), "[%s] %s \"%s\" is not valid",
	    p->section, name, value);
	return (0);
}

/*
 * cfg_parse callback: a section header (name NULL) or one name = value; 0
 * stops with the first error.
 */
static int
scenario_handler(void *user, int line, const char *section, const char *name,
    const char *value)
{
	struct scenario_parse	*p = user;

	if (p->error[0] != '\0')
		return (0);
	if (*section == '\0') {
		snprintf(p->error, sizeof(p->error), "key \"%s\" outside a "
		    "section", name);
		return (0);
	}
	if (name == NULL)
		return (scenario_section(p, line, section));
	if (p->in_scenario)
		return (scenario_scenario_key(p, name, value));
	if (p->model >= 0)
		return (scenario_model_key(p, name, value));
	if (p->ev != NULL)
		return (scenario_event_key(p, name, value));
	snprintf(p->error, sizeof(p->error), "key \"%s\" outside a section",
	    name);
	return (0);
}

/* The baseline telemetry table of a device kind. */
static const struct scenario_kind_def *
scenario_kind_def(const char *dkind)
{
	size_t	i;

	for (i = 0; i < sizeof(scenario_kinds) / sizeof(scenario_kinds[0]);
	    i++) {
		if (strcmp(scenario_kinds[i].dkind, dkind) == 0)
			return (&scenario_kinds[i]);
	}
	return (&scenario_kinds[sizeof(scenario_kinds) /
	    sizeof(scenario_kinds[0]) - 1]);
}

/* Does a device kind's baseline carry this metric? */
static int
scenario_kind_has(const struct scenario_kind_def *k, const char *metric)
{
	unsigned	i;

	for (i = 0; k->metrics[i].name != NULL; i++) {
		if (strcmp(k->metrics[i].name, metric) == 0)
			return (1);
	}
	return (0);
}

/* Count the distinct metric or flag names a device will carry. */
static unsigned
scenario_device_names(const struct scenario *s, int dev, int flags,
    const struct scenario_event *upto)
{
	const struct scenario_kind_def	*k;
	const struct vconf_device	*d = &s->venue->devices[dev];
	const char			*names[64];
	unsigned			 n = 0, i, j;

	k = scenario_kind_def(d->dkind);
	if (flags) {
		for (i = 0; k->flags[i] != NULL; i++)
			names[n++] = k->flags[i];
	} else {
		for (i = 0; k->metrics[i].name != NULL; i++)
			names[n++] = k->metrics[i].name;
		if (d->wear[0] != '\0' && !scenario_kind_has(k, d->wear))
			names[n++] = d->wear;
	}
	for (i = 0; i < s->nevents && &s->events[i] <= upto; i++) {
		const struct scenario_event	*e = &s->events[i];
		const char			*nm;

		if (e->kind != SCENARIO_EV_TELEMETRY || e->target != dev)
			continue;
		nm = flags ? e->flag : e->metric;
		if (*nm == '\0')
			continue;
		for (j = 0; j < n; j++) {
			if (strcmp(names[j], nm) == 0)
				break;
		}
		if (j == n && n < 64)
			names[n++] = nm;
	}
	return (n);
}

/* Check one event once its section is read; fills p->error. */
static int
scenario_check_event(struct scenario_parse *p, struct scenario_event *e)
{
	struct scenario		*s = p->s;
	const char		*k = scenario_ev_names[e->kind];
	static const char	*targets[SCENARIO_EV_COUNT] = {
		"zone", "gate", "device", "model", NULL
	};

	if (targets[e->kind] != NULL && e->target < 0) {
		snprintf(p->error, sizeof(p->error), "[%s %s] needs %s = ID", k,
		    e->name, targets[e->kind]);
		return (-1);
	}
	if (e->kind == SCENARIO_EV_ALERT) {
		if (isnan(e->from_s) || e->source[0] == '\0' ||
		    e->subject[0] == '\0' || e->title[0] == '\0') {
			snprintf(p->error, sizeof(p->error), "[alert %s] needs "
			    "at_s, source, subject and title", e->name);
			return (-1);
		}
		if (e->from_s > s->duration_s)
			goto late;
		return (0);
	}
	if (isnan(e->from_s) || isnan(e->to_s)) {
		snprintf(p->error, sizeof(p->error), "[%s %s] needs from_s and "
		    "to_s", k, e->name);
		return (-1);
	}
	if (e->to_s <= e->from_s) {
		snprintf(p->error, sizeof(p->error), "[%s %s] to_s %g must be "
		    "after from_s %g", k, e->name, e->to_s, e->from_s);
		return (-1);
	}
	if (e->to_s > s->duration_s)
		goto late;

	if (e->kind == SCENARIO_EV_DRIFT) {
		struct scenario_model	*m = &s->models[e->target];
		unsigned		 i;

		if (e->feature[0] == '\0' || !e->has_to) {
			snprintf(p->error, sizeof(p->error), "[drift %s] needs "
			    "feature and mean_to", e->name);
			return (-1);
		}
		for (i = 0; i < m->nfeatures; i++) {
			if (strcmp(m->features[i].name, e->feature) == 0)
				break;
		}
		if (i == m->nfeatures) {
			if (!e->has_from) {
				snprintf(p->error, sizeof(p->error), "[drift "
				    "%s] feature %s is not in model %s's "
				    "baseline: give mean_from", e->name,
				    e->feature, s->venue->models[e->target].id);
				return (-1);
			}
			if (scenario_add_feature(m, e->feature, e->from,
			    isnan(e->sd) ? fabs(e->from) * 0.1 : e->sd) != 0) {
				snprintf(p->error, sizeof(p->error), "[drift "
				    "%s]: model %s would have more than %d "
				    "features", e->name,
				    s->venue->models[e->target].id,
				    FOHP_FEATURES_MAX);
				return (-1);
			}
		}
		if (!e->has_from) {
			e->from = m->features[i].mean;
			e->has_from = 1;
		}
		if (isnan(e->sd))
			e->sd = m->features[i].sd;
	}
	if (e->kind == SCENARIO_EV_TELEMETRY) {
		const struct vconf_device *d = &s->venue->devices[e->target];

		if (e->metric[0] == '\0' && (e->flag[0] == '\0' ||
		    e->level < 0)) {
			snprintf(p->error, sizeof(p->error), "[telemetry %s] "
			    "needs metric, or flag and level", e->name);
			return (-1);
		}
		if (e->metric[0] == '\0' && !e->has_from) {
			e->from = 0;
			e->has_from = e->has_to = 1;
		}
		if (e->flag[0] != '\0' && e->level < 0 &&
		    isnan(e->warn_at) && isnan(e->error_at)) {
			snprintf(p->error, sizeof(p->error), "[telemetry %s] "
			    "flag %s needs warn_at, error_at or level", e->name,
			    e->flag);
			return (-1);
		}
		if (e->scale == -1) {
			if (d->wear_limit <= 0) {
				snprintf(p->error, sizeof(p->error), "[telemetry "
				    "%s] scale = wear_limit, but device %s has "
				    "no wear_limit", e->name, d->id);
				return (-1);
			}
			e->scale = d->wear_limit;
		}
		if (scenario_device_names(s, e->target, 0, e) >
		    FOHP_METRICS_MAX ||
		    scenario_device_names(s, e->target, 1, e) >
		    READING_FLAGS_MAX) {
			snprintf(p->error, sizeof(p->error), "[telemetry %s]: "
			    "device %s would carry more than %d metrics or "
			    "flags", e->name, d->id, FOHP_METRICS_MAX);
			return (-1);
		}
		if (e->unit[0] == '\0' && e->metric[0] != '\0') {
			const struct scenario_kind_def	*kd;
			unsigned			 i;

			kd = scenario_kind_def(d->dkind);
			for (i = 0; kd->metrics[i].name != NULL; i++) {
				if (strcmp(kd->metrics[i].name, e->metric) == 0)
					strcpy(e->unit, kd->metrics[i].unit);
			}
		}
	}
	if (!e->has_from) {
		snprintf(p->error, sizeof(p->error), "[%s %s] needs %s", k,
		    e->name, e->kind == SCENARIO_EV_DRIFT ? "mean_from" :
		    "from");
		return (-1);
	}
	if (e->kind == SCENARIO_EV_GATE && !isnan(e->growth)) {
		if (e->has_to) {
			snprintf(p->error, sizeof(p->error), "[gate %s] give "
			    "either growth or to, not both", e->name);
			return (-1);
		}
		e->shape = SCENARIO_GEOMETRIC;
	} else if (e->shape != SCENARIO_HOLD && !e->has_to) {
		snprintf(p->error, sizeof(p->error), "[%s %s] needs %s%s", k,
		    e->name, e->kind == SCENARIO_EV_DRIFT ? "mean_to" : "to",
		    e->kind == SCENARIO_EV_GATE ? " or growth" : "");
		return (-1);
	}
	if (e->shape == SCENARIO_HOLD && !e->has_to)
		e->to = e->from;
	if (e->shape == SCENARIO_GEOMETRIC && (e->from <= 0 ||
	    (e->has_to && e->to <= 0))) {
		snprintf(p->error, sizeof(p->error), "[%s %s] a geometric shape "
		    "needs values above 0", k, e->name);
		return (-1);
	}
	if ((e->kind == SCENARIO_EV_RAMP || e->kind == SCENARIO_EV_GATE) &&
	    (e->from < 0 || e->to < 0)) {
		snprintf(p->error, sizeof(p->error), "[%s %s] values must not "
		    "be negative", k, e->name);
		return (-1);
	}
	if (e->kind == SCENARIO_EV_GATE && e->max < 0) {
		double	w = s->venue->gates[e->target].width_m;

		e->max = w > 0 ? SCENARIO_GREEN_GUIDE * w : 0;
	}
	return (0);
late:
	snprintf(p->error, sizeof(p->error), "[%s %s] ends at %g s, after "
	    "duration_s %g", k, e->name, e->kind == SCENARIO_EV_ALERT ?
	    e->from_s : e->to_s, s->duration_s);
	return (-1);
}

/* Set everything the file may leave out. */
static void
scenario_defaults(struct scenario *s, const struct vconf *venue)
{
	unsigned	i;

	s->venue = venue;
	s->seed = venue->seed;
	s->duration_s = 3600;
	s->tick_ms = venue->tick_ms > 0 ? venue->tick_ms : 250;
	s->baseline = -1;
	s->swing = 0.05;
	s->period_s = 900;
	s->telemetry_s = 1;
	strcpy(s->source, "scenario");
	for (i = 0; i < venue->nmodels && i < FOHP_MODELS_MAX; i++) {
		struct scenario_model	*m = &s->models[i];

		strcpy(m->version, "1.0");
		m->every_s = 5;
		m->n = 32;
		scenario_add_feature(m, "brightness", 0.55, 0.12);
		scenario_add_feature(m, "confidence", 0.85, 0.05);
	}
}

/* Read a scenario from a string. */
int
scenario_load_string(struct scenario *s, const char *name, const char *text,
    const struct vconf *venue, char *err, size_t errlen)
{
	struct scenario_parse	*p;
	char			 why[128];
	unsigned		 i;
	int			 line, rv = -1;

	memset(s, 0, sizeof(*s));
	snprintf(s->path, sizeof(s->path), "%s", name);
	s->events = calloc(SCENARIO_EVENTS_MAX, sizeof(*s->events));
	if ((p = calloc(1, sizeof(*p))) == NULL || s->events == NULL) {
		snprintf(err, errlen, "%s: out of memory", name);
		goto out;
	}
	scenario_defaults(s, venue);
	p->s = s;
	p->model = -1;

	line = cfg_parse(text, scenario_handler, p, why, sizeof(why));
	if (line != 0) {
		snprintf(err, errlen, "%s:%d: %s", name, line,
		    p->error[0] != '\0' ? p->error : why);
		goto out;
	}
	if (!p->seen_scenario || !p->venue_seen) {
		snprintf(err, errlen, "%s:%d: no [scenario] section with venue "
		    "= %s", name, p->seen_scenario ? p->scenario_line : 1,
		    venue->id);
		goto out;
	}
	for (i = 0; i < s->nevents; i++) {
		if (scenario_check_event(p, &s->events[i]) != 0) {
			snprintf(err, errlen, "%s:%d: %s", name,
			    s->events[i].line, p->error);
			goto out;
		}
	}
	scenario_reseed(s, s->seed);
	rv = 0;
out:
	free(p);
	if (rv != 0)
		scenario_free(s);
	return (rv);
}

/* Read a scenario file. */
int
scenario_load(struct scenario *s, const char *path, const struct vconf *venue,
    char *err, size_t errlen)
{
	char	*text;
	int	 rv;

	memset(s, 0, sizeof(*s));
	if ((text = cfg_read_file(path, SCENARIO_TEXT_MAX, err,
	    errlen)) == NULL)
		return (-1);
	rv = scenario_load_string(s, path, text, venue, err, errlen);
	free(text);
	return (rv);
}

/* Release what scenario_load allocated. */
void
scenario_free(struct scenario *s)
{
	free(s->events);
	s->events = NULL;
	s->nevents = 0;
}

/* Start again from t = 0 with a seed. */
void
scenario_reseed(struct scenario *s, uint64_t seed)
{
	const struct vconf	*v = s->venue;
	unsigned		 i;

	s->seed = seed;
	s->rng = seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
	if (s->rng == 0)
		s->rng = 1;
	for (i = 0; i < v->layout.nzones; i++) {
		const struct fohp_zone_def	*d = &v->layout.zones[i];
		struct scenario_zone		*z = &s->zones[i];

		z->full = d->capacity > 0 ? d->capacity : d->area_m2 * 4.0;
		z->base = s->baseline >= 0 ? s->baseline :
		    0.25 + 0.35 * scenario_uniform(s);
		z->swing = s->swing * (0.5 + scenario_uniform(s));
		z->phase = 2 * M_PI * scenario_uniform(s);
	}
	memset(s->gates, 0, sizeof(s->gates));
	s->raster_last = -1;
	for (i = 0; i < v->ndevices; i++) {
		const struct vconf_device	*d = &v->devices[i];

		s->devices[i].last = -1;
		s->devices[i].wear0 = d->wear_limit > 0 ?
		    d->wear_limit * (0.2 + 0.4 * scenario_uniform(s)) :
		    100 + 900 * scenario_uniform(s);
	}
	for (i = 0; i < v->nmodels; i++)
		s->models[i].last = -1;
	for (i = 0; i < s->nevents; i++)
		s->events[i].fired = 0;
}

/* An event's value at t, in its own units (t clamped to its window). */
static double
scenario_value(const struct scenario_event *e, double t)
{
	double	u;

	if (t < e->from_s)
		t = e->from_s;
	if (t > e->to_s)
		t = e->to_s;
	u = (t - e->from_s) / (e->to_s - e->from_s);
	switch (e->shape) {
	case SCENARIO_HOLD:
		return (e->from);
	case SCENARIO_GEOMETRIC:
		if (!isnan(e->growth))
			return (e->from * pow(1 + e->growth,
			    (t - e->from_s) / e->every_s));
		return (e->from * pow(e->to / e->from, u));
	case SCENARIO_LINEAR:
	default:
		return (e->from + (e->to - e->from) * u);
	}
}

/*
 * The event that sets a quantity at t: an active one (the last in the
 * file), else the one that ended last and holds. NULL for the baseline.
 * Events match on kind, target and, if given, the key (metric, feature,
 * gate direction).
 */
static const struct scenario_event *
scenario_resolve(const struct scenario *s, enum scenario_ev_kind kind,
    int target, const char *key, int dir_out, double t)
{
	const struct scenario_event	*e, *active = NULL, *held = NULL;
	unsigned			 i;

	for (i = 0; i < s->nevents; i++) {
		e = &s->events[i];
		if (e->kind != kind || e->target != target)
			continue;
		if (kind == SCENARIO_EV_GATE && e->dir_out != dir_out)
			continue;
		if (kind == SCENARIO_EV_TELEMETRY && strcmp(e->metric, key) != 0)
			continue;
		if (kind == SCENARIO_EV_DRIFT && strcmp(e->feature, key) != 0)
			continue;
		if (t >= e->from_s && t <= e->to_s)
			active = e;
		else if (t > e->to_s && e->hold_after &&
		    (held == NULL || e->to_s >= held->to_s))
			held = e;
	}
	return (active != NULL ? active : held);
}

/* Room for one more reading? */
static struct reading *
scenario_add(struct reading_batch *out, enum reading_kind kind, uint64_t t_ms)
{
	struct reading	*r;

	if (out->n >= READING_BATCH_MAX)
		return (NULL);
	r = &out->r[out->n++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->t_ms = t_ms;
	return (r);
}

/* Every zone's count at t. */
static int
scenario_zones(struct scenario *s, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	const struct fohp_layout	*l = &s->venue->layout;
	const struct scenario_event	*e;
	struct reading			*r;
	unsigned			 i;
	double				 f, v, wave, noise, count;

	for (i = 0; i < l->nzones; i++) {
		struct scenario_zone	*z = &s->zones[i];

		wave = sin(2 * M_PI * t / s->period_s + z->phase);
		noise = 1 + 0.02 * (scenario_uniform(s) - 0.5);
		e = scenario_resolve(s, SCENARIO_EV_RAMP, (int)i, NULL, 0, t);
		if (e != NULL) {
			v = scenario_value(e, t);
			if (e->scale == 2)
				f = v * l->zones[i].area_m2 / z->full;
			else if (e->scale == 3)
				f = v / z->full;
			else
				f = v;
			f *= 1 + 0.2 * z->swing * wave;
		} else
			f = z->base + z->swing * wave;
		count = f * noise * z->full;
		if (count < 0)
			count = 0;
		if (count > FOHP_COUNT_MAX)
			count = FOHP_COUNT_MAX;
		if ((r = scenario_add(out, READING_ZONE_COUNT, t_ms)) == NULL)
			return (-1);
		strcpy(r->u.zone.zone, l->zones[i].id);
		r->u.zone.count = (uint32_t)lround(count);
		strcpy(r->u.zone.source, s->source);
	}
	return (0);
}

/* A gate's rate per minute, one direction, at t. */
static double
scenario_gate_rate(const struct scenario *s, int g, int dir_out, double t)
{
	const struct scenario_event	*e;
	double				 w = s->venue->gates[g].width_m;
	double				 rate;

	e = scenario_resolve(s, SCENARIO_EV_GATE, g, NULL, dir_out, t);
	if (e == NULL)
		return (SCENARIO_GATE_BASE * (w > 0 ? w : 1));
	rate = scenario_value(e, t);
	if (e->max > 0 && rate > e->max)
		rate = e->max;
	return (rate);
}

/* Every gate's flow over the tick ending at t. */
static int
scenario_gates(struct scenario *s, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	struct reading	*r;
	unsigned	 i;
	double		 min = s->tick_ms / 60000.0, in, o;

	for (i = 0; i < s->venue->ngates; i++) {
		struct scenario_gate	*g = &s->gates[i];

		in = scenario_gate_rate(s, (int)i, 0, t) * min *
		    (1 + 0.1 * (scenario_uniform(s) - 0.5));
		o = scenario_gate_rate(s, (int)i, 1, t) * min *
		    (1 + 0.1 * (scenario_uniform(s) - 0.5));
		g->acc_in += in;
		g->acc_out += o;
		if ((r = scenario_add(out, READING_GATE_FLOW, t_ms)) == NULL)
			return (-1);
		strcpy(r->u.gate.gate, s->venue->gates[i].id);
		r->u.gate.in = (uint32_t)floor(g->acc_in);
		r->u.gate.out = (uint32_t)floor(g->acc_out);
		r->u.gate.interval_ms = s->tick_ms;
		g->acc_in -= r->u.gate.in;
		g->acc_out -= r->u.gate.out;
	}
	return (0);
}

/* Set a metric of a telemetry reading, adding it if new. */
static void
scenario_metric(struct reading_telemetry *tm, const char *name,
    const char *unit, double value)
{
	unsigned	i;

	for (i = 0; i < tm->nmetrics; i++) {
		if (strcmp(tm->metrics[i].name, name) == 0)
			break;
	}
	if (i == tm->nmetrics) {
		if (tm->nmetrics == FOHP_METRICS_MAX)
			return;
		tm->nmetrics++;
		snprintf(tm->metrics[i].name, sizeof(tm->metrics[i].name), "%s",
		    name);
	}
	tm->metrics[i].value = value;
	if (unit != NULL && *unit != '\0')
		snprintf(tm->metrics[i].unit, sizeof(tm->metrics[i].unit),
		    "%s", unit);
}

/* Raise a flag of a telemetry reading to at least level. */
static void
scenario_flag(struct reading_telemetry *tm, const char *name, int level)
{
	unsigned	i;

	for (i = 0; i < tm->nflags; i++) {
		if (strcmp(tm->flags[i].name, name) == 0)
			break;
	}
	if (i == tm->nflags) {
		if (tm->nflags == READING_FLAGS_MAX)
			return;
		tm->nflags++;
		snprintf(tm->flags[i].name, sizeof(tm->flags[i].name), "%s",
		    name);
		tm->flags[i].level = FOHP_ST_OK;
	}
	if ((int)tm->flags[i].level < level)
		tm->flags[i].level = (enum fohp_status)level;
}

/* The flag level an event sets at t, or -1 if it sets none now. */
static int
scenario_event_level(const struct scenario_event *e, double t)
{
	double	v;

	if (e->flag[0] == '\0' || t < e->from_s ||
	    (t > e->to_s && !e->hold_after))
		return (-1);
	if (e->level >= 0)
		return (e->level);
	v = scenario_value(e, t);
	if (e->flag_below) {
		if (!isnan(e->error_at) && v <= e->error_at)
			return (FOHP_ST_ERROR);
		if (!isnan(e->warn_at) && v <= e->warn_at)
			return (FOHP_ST_WARNING);
	} else {
		if (!isnan(e->error_at) && v >= e->error_at)
			return (FOHP_ST_ERROR);
		if (!isnan(e->warn_at) && v >= e->warn_at)
			return (FOHP_ST_WARNING);
	}
	return (FOHP_ST_OK);
}

/* One device's telemetry at t. */
static int
scenario_device(struct scenario *s, int dev, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	const struct vconf_device	*d = &s->venue->devices[dev];
	const struct scenario_kind_def	*k = scenario_kind_def(d->dkind);
	const struct scenario_event	*e;
	struct reading_telemetry	*tm;
	struct reading			*r;
	unsigned			 i;
	int				 level;
	double				 v;

	if ((r = scenario_add(out, READING_TELEMETRY, t_ms)) == NULL)
		return (-1);
	tm = &r->u.telemetry;
	strcpy(tm->device, d->id);
	for (i = 0; k->metrics[i].name != NULL; i++) {
		const struct scenario_metric_def	*m = &k->metrics[i];

		v = m->value + m->jitter * 2 * (scenario_uniform(s) - 0.5);
		scenario_metric(tm, m->name, m->unit, v);
	}
	if (d->wear[0] != '\0' && !scenario_kind_has(k, d->wear))
		scenario_metric(tm, d->wear, strstr(d->wear, "hours") != NULL ?
		    "h" : NULL, s->devices[dev].wear0 + t / 3600);
	for (i = 0; k->flags[i] != NULL; i++)
		scenario_flag(tm, k->flags[i], FOHP_ST_OK);

	/* Scripted metrics replace the baseline's; flags take the worst. */
	for (i = 0; i < s->nevents; i++) {
		e = &s->events[i];
		if (e->kind != SCENARIO_EV_TELEMETRY || e->target != dev)
			continue;
		if (e->metric[0] != '\0' && scenario_resolve(s,
		    SCENARIO_EV_TELEMETRY, dev, e->metric, 0, t) == e)
			scenario_metric(tm, e->metric, e->unit,
			    scenario_value(e, t) * e->scale);
		if ((level = scenario_event_level(e, t)) >= 0)
			scenario_flag(tm, e->flag, level);
	}
	return (0);
}

/* One model's feature samples at t. */
static int
scenario_model(struct scenario *s, int mi, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	struct scenario_model		*m = &s->models[mi];
	const struct scenario_event	*e;
	struct reading_model		*rm;
	struct reading			*r;
	unsigned			 i, j;
	double				 mean, sd;

	if (out->npool + (uint64_t)m->nfeatures * m->n > READING_POOL_MAX)
		return (-1);
	if ((r = scenario_add(out, READING_MODEL_SAMPLE, t_ms)) == NULL)
		return (-1);
	rm = &r->u.model;
	strcpy(rm->model, s->venue->models[mi].id);
	strcpy(rm->version, m->version);
	for (i = 0; i < m->nfeatures; i++) {
		struct reading_feature_values	*fv = &rm->features[i];

		mean = m->features[i].mean;
		sd = m->features[i].sd;
		e = scenario_resolve(s, SCENARIO_EV_DRIFT, mi,
		    m->features[i].name, 0, t);
		if (e != NULL) {
			mean = scenario_value(e, t);
			sd = e->sd;
		}
		strcpy(fv->name, m->features[i].name);
		fv->off = out->npool;
		fv->n = m->n;
		for (j = 0; j < m->n; j++)
			out->pool[out->npool++] =
			    (float)scenario_normal(s, mean, sd);
	}
	rm->nfeatures = m->nfeatures;
	return (0);
}

/* Outside alerts due by t. */
static int
scenario_alerts(struct scenario *s, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	struct scenario_event	*e;
	struct reading		*r;
	unsigned		 i;

	for (i = 0; i < s->nevents; i++) {
		e = &s->events[i];
		if (e->kind != SCENARIO_EV_ALERT || e->fired || t < e->from_s)
			continue;
		if ((r = scenario_add(out, READING_EXTERNAL_ALERT, t_ms)) ==
		    NULL)
			return (-1);
		e->fired = 1;
		strcpy(r->u.alert.source, e->source);
		strcpy(r->u.alert.subject, e->subject);
		r->u.alert.severity = (enum fohp_severity)e->severity;
		strcpy(r->u.alert.title, e->title);
		strcpy(r->u.alert.reason, e->reason);
	}
	return (0);
}

/* How thickly cell x,y of zone d fills: 1, up to 4 at its top middle. */
static double
scenario_raster_weight(const struct fohp_zone_def *d, unsigned x, unsigned y)
{
	double	dx = x + 0.5 - (d->x + d->w / 2.0), dy = y + 0.5 - (d->y + 0.5);
	double	sig = (d->w > d->h ? d->w : d->h) / 2.5;

	return (1 + 3 * exp(-(dx * dx + dy * dy) / (2 * sig * sig)));
}

/*
 * A raster of the whole grid from the zone counts just added (out->r from
 * n0): each zone's persons spread over its cells, thicker towards the top
 * middle of the zone (the stage side), rounded so that a zone's cells add
 * up to its count exactly. Cells outside every zone hold 0.
 */
static int
scenario_raster(struct scenario *s, unsigned n0, uint64_t t_ms,
    struct reading_batch *out)
{
	const struct fohp_layout	*l = &s->venue->layout;
	const struct fohp_zone_def	*d;
	struct reading			*r;
	unsigned			 ncells = (unsigned)l->grid_w * l->grid_h;
	unsigned			 i, zi, x, y;
	uint32_t			 off = out->npool;
	double				 sum, acc, prev, count;

	if (ncells > FOHP_RASTER_MAX || ncells > READING_POOL_MAX - out->npool)
		return (0);
	if ((r = scenario_add(out, READING_RASTER, t_ms)) == NULL)
		return (-1);
	memset(&out->pool[off], 0, ncells * sizeof(out->pool[0]));
	out->npool += ncells;
	r->u.raster.x = r->u.raster.y = 0;
	r->u.raster.cols = l->grid_w;
	r->u.raster.rows = l->grid_h;
	r->u.raster.off = off;
	for (i = n0; i < out->n; i++) {
		if (out->r[i].kind != READING_ZONE_COUNT ||
		    (zi = (unsigned)vconf_zone(s->venue, out->r[i].u.zone.zone))
		    >= l->nzones)
			continue;
		d = &l->zones[zi];
		count = out->r[i].u.zone.count;
		sum = 0;
		for (y = d->y; y < (unsigned)d->y + d->h; y++)
			for (x = d->x; x < (unsigned)d->x + d->w; x++)
				sum += scenario_raster_weight(d, x, y);
		acc = prev = 0;
		for (y = d->y; y < (unsigned)d->y + d->h; y++) {
			for (x = d->x; x < (unsigned)d->x + d->w; x++) {
				acc += count * scenario_raster_weight(d, x, y) /
				    sum;
				out->pool[off + y * l->grid_w + x] =
				    (float)(round(acc) - prev);
				prev = round(acc);
			}
		}
	}
	return (0);
}

/* The readings for sim time t. */
int
scenario_step(struct scenario *s, double t, uint64_t t_ms,
    struct reading_batch *out)
{
	unsigned	n0 = out->n, i;
	int64_t		k;

	if (scenario_zones(s, t, t_ms, out) != 0 ||
	    scenario_gates(s, t, t_ms, out) != 0)
		return (-1);
	k = (int64_t)floor(t / s->telemetry_s + 1e-9);
	for (i = 0; i < s->venue->ndevices; i++) {
		if (k <= s->devices[i].last)
			continue;
		s->devices[i].last = k;
		if (scenario_device(s, (int)i, t, t_ms, out) != 0)
			return (-1);
	}
	for (i = 0; i < s->venue->nmodels; i++) {
		k = (int64_t)floor(t / s->models[i].every_s + 1e-9);
		if (k <= s->models[i].last)
			continue;
		s->models[i].last = k;
		if (scenario_model(s, (int)i, t, t_ms, out) != 0)
			return (-1);
	}
	if (scenario_alerts(s, t, t_ms, out) != 0)
		return (-1);
	if (s->raster_s > 0) {
		k = (int64_t)floor(t / s->raster_s + 1e-9);
		if (k < s->raster_last)
			s->raster_last = k - 1;	/* played again from 0 */
		if (k > s->raster_last) {
			s->raster_last = k;
			if (scenario_raster(s, n0, t_ms, out) != 0)
				return (-1);
		}
	}
	return ((int)(out->n - n0));
}

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
