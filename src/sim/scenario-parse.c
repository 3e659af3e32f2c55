/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * scenario-parse.c: read a scenario file (scenarios/README.md) into a
 * struct scenario.
 *
 * The file is INI (scenarios/README.md). cfg_parse calls scenario_handler for
 * each section header and each name = value; the handler keeps the first
 * error and stops, so cfg_parse's answer is the line of the error. A header
 * alone makes its section (an empty [ramp x] is a ramp, refused for what it
 * lacks). Checks that need a whole section (a ramp without an end) run after
 * parsing and name the line of the section.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cfg.h"
#include "scenario-priv.h"

#define SCENARIO_TEXT_MAX	(1024 * 1024)
#define SCENARIO_TIME_MAX_MS	10000000000ULL	/* 1e7 s, about 115 days */

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
