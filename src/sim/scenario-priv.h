/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * scenario-priv.h: what the files of the scenario module share, and only
 * they (the public face is scenario.h):
 *   scenario-parse.c	read the INI file into a struct scenario
 *   scenario-check.c	check each event against the venue once it is read
 *   scenario-play.c	turn the scenario into readings, tick by tick
 *   scenario-json.c	write a tick's readings as one JSON frame
 */
#ifndef FOH_SCENARIO_PRIV_H
#define FOH_SCENARIO_PRIV_H

#include "scenario.h"

/* The state of one parse, for cfg_parse's callback (scenario-parse.c). */
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

/* Section names of the event kinds, by enum scenario_ev_kind. */
extern const char *const scenario_ev_names[SCENARIO_EV_COUNT];

/* Add or change a feature of a model's baseline; -1 if it is full. */
int	scenario_add_feature(struct scenario_model *, const char *name,
	    double mean, double sd);

/* Check one event once its section is read; fills p->error (-1). */
int	scenario_check_event(struct scenario_parse *p,
	    struct scenario_event *e);

/* The baseline telemetry of a device kind ("other" if unknown). */
const struct scenario_kind_def *scenario_kind_def(const char *dkind);

/* Does a device kind's baseline carry this metric? */
int	scenario_kind_has(const struct scenario_kind_def *, const char *metric);

#endif
