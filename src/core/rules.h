/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * rules.h: alert rules, evaluated at the edge when readings arrive.
 *
 * A rule watches one metric of one subject (a zone's density, a gate's
 * flow, a device's metric or status, a model's drift score) and says when
 * its condition starts and stops holding:
 *
 *   threshold  value past `threshold` for `for_ms`; clears only past
 *              `clear` (hysteresis), so a value hovering at the line does
 *              not flap.
 *   rate       change per minute over `window_ms` past `threshold`.
 *   forecast   a least-squares fit over `window_ms` predicts the value
 *              reaches `threshold` within `horizon_s`, with r2 >= min_r2;
 *              says "not rising" or "beyond horizon" otherwise.
 *   status     a device's status at or past a level (warning, error,
 *              offline) — heartbeat loss is status offline. A `clear`
 *              above the level bounds it: [threshold, clear).
 *   rul        remaining useful life (hours) under a floor.
 *   drift      a model's drift score past a threshold (PSI 0.1 / 0.25).
 *
 * rules_build expands the config's [rule] sections (subject "*" becomes one
 * rule per subject) and adds the defaults from doc/DOMAIN.md for
 * every zone, gate, device and model that no configured rule covers:
 * standing and queue zones warn above 3.33 p/m2 (band E) and are critical
 * above 5 p/m2; walkways warn above 2.17 (band F) and are critical above 4
 * (a moving crowd's flow collapses); a zone's own warn_density and
 * crit_density override; density forecast to the critical level within 10
 * minutes warns; gate flow over the Green Guide 82 persons/m/min warns, and
 * so does a forecast of it within 15 minutes; device error or offline is
 * critical, warning is a warning; remaining life under 24 h warns; drift
 * over the model's warn/crit thresholds warns / is critical.
 *
 * Drift rules hold for 2 minutes and clear at 60 % of their threshold by
 * default (a PSI over a few hundred samples is noisy; fohd(8) has the
 * figures); [rules] drift_hold and drift_clear change that for all.
 *
 * Flapping: a rule whose condition fires or clears flap_transitions times
 * (default 4; 0 never) within flap_window (default 10 min) flaps. From
 * that transition on its changes are RULES_FLAP (one alert, kept open,
 * following the value) until fewer than half that many transitions lie
 * within the window; rules_tick then reports RULES_SETTLE (the condition
 * holds: the alert goes on firing) or RULES_CLEAR (it resolves).
 *
 * rules_observe is called with each new value and returns what changed;
 * rules_tick is called on the agent's timer, so that a condition that
 * holds on its last value fires once its hold time has passed even if no
 * new value comes (a counter that reports only on change, or goes quiet),
 * and so that a flapping rule settles once time has passed.
 */
#ifndef FOH_RULES_H
#define FOH_RULES_H

#include <stdint.h>

#include "forecast.h"
#include "proto/foh-proto.h"
#include "vconf.h"

#define RULES_MAX	1024
#define RULES_WEAR_WARN	0.9	/* a device at this share of its wear
				   limit is warning (agent.c; the status
				   rules' words say so) */
#define RULES_FLAP_MAX	255	/* transitions a rule remembers */
#define RULES_FLAP_TRANSITIONS 4	/* default: flapping at 4 ... */
#define RULES_FLAP_WINDOW_MS (10 * 60000U)	/* ... within 10 min */
#define RULES_DRIFT_HOLD_MS (2 * 60000U)	/* default drift hold */
#define RULES_DRIFT_CLEAR 0.6		/* drift clears at 60 % of its
					   threshold */

enum rules_target {
	RULES_ZONE = 0,
	RULES_GATE,
	RULES_DEVICE,
	RULES_MODEL,
	RULES_TARGET_COUNT
};

/* One rule bound to one subject. */
struct rule {
	char			id[FOHP_ID_MAX];	/* rule name */
	enum fohp_rule_kind	kind;
	enum rules_target	target;
	char			subject[FOHP_ID_MAX];
	char			metric[FOHP_ID_MAX];
	int			below;
	double			threshold;
	double			clear;
	uint32_t		for_ms;
	uint32_t		window_ms;
	double			horizon_s;
	double			min_r2;
	uint32_t		escalate_ms;
	enum fohp_severity	severity;
	char			unit[FOHP_UNIT_MAX];
	char			words[FOHP_TEXT_MAX];
	char			expr[FOHP_NAME_MAX];
	char			action[FOHP_TEXT_MAX];
	char			hook[VCONF_URL_MAX];
	char			publish[VCONF_URL_MAX];	/* MQTT topic, or ""
						   (issue 16) */
	char			webhook[VCONF_URL_MAX];	/* http:// URL, or "" */
	uint8_t			flap_transitions;	/* 0: never flaps */
	uint32_t		flap_window_ms;

	/* Evaluation state. */
	int			holding;	/* condition true now */
	uint64_t		holding_since;	/* wall ms */
	int			firing;		/* the condition fired and has
						   not cleared */
	double			last;		/* last value observed */
	struct series		series;		/* recent values */
	int			flapping;	/* its alert is held open */
	uint8_t			nflap;		/* transitions remembered */
	uint8_t			flap_head;	/* next slot of flap_t */
	uint64_t		flap_t[RULES_FLAP_MAX];	/* their wall ms */
};

/* What an observation changed for one rule. */
enum rules_change {
	RULES_FIRE = 1,		/* started firing: open an alert */
	RULES_UPDATE,		/* still firing: refresh the explanation */
	RULES_CLEAR,		/* stopped (or settled while off): resolve */
	RULES_FLAP,		/* flapping: keep the one alert open (open it
				   if none is), refresh it and its flaps,
				   whether the condition holds or not */
	RULES_SETTLE		/* stopped flapping while it holds: the
				   alert goes on firing, flaps 0 */
};

struct rules_eval {
	struct rule		*rule;
	enum rules_change	 change;
	double			 value;		/* what was compared */
	double			 threshold;
	double			 margin;	/* value - threshold */
	uint64_t		 held_ms;
	struct forecast		 fc;		/* for forecast rules */
	int			 has_fc;
	int			 on;		/* the condition holds; 0 on an
						   update: firing, not cleared
						   (the hysteresis band) */
	uint8_t			 flaps;		/* transitions within the
						   rule's flap window */
	int			 transition;	/* it fired or cleared with
						   this value */
};

struct rules {
	unsigned	n;
	struct rule	*r;		/* owned, RULES_MAX */
};

/* Expand conf into rules (defaults added). -1 and err if too many. */
int		rules_build(struct rules *, const struct vconf *, char *err,
		    size_t errlen);
void		rules_free(struct rules *);

/*
 * Zone i's density warning and critical levels (p/m2): its own from the
 * config, else its kind's; with why each (static text). The report
 * draws the same lines the rules fire on.
 */
void		rules_zone_levels(const struct vconf *, unsigned i,
		    double *warn, double *crit, const char **warn_why,
		    const char **crit_why);

/*
 * A new value of (target, subject, metric) at t_ms (wall). Writes up to max
 * changes to out, returns how many. Status values are enum fohp_status.
 */
unsigned	rules_observe(struct rules *, enum rules_target,
		    const char *subject, const char *metric, double value,
		    uint64_t t_ms, struct rules_eval *out, unsigned max);

/*
 * Time passes (now_ms, wall): a rule that is holding but not firing fires
 * once its condition, tested again on its last value, has held for_ms
 * (RULES_FIRE, or RULES_FLAP when that fire makes it flap); a flapping
 * rule whose window now holds fewer than half its flap_transitions settles
 * (RULES_SETTLE or RULES_CLEAR). Writes up to max changes to out, returns
 * how many.
 */
unsigned	rules_tick(struct rules *, uint64_t now_ms,
		    struct rules_eval *out, unsigned max);

/*
 * Copy the rule's recent values (oldest first) into a window; values
 * beyond float32 range are clamped to it, so the window always encodes.
 */
void		rules_window(const struct rule *, float *out, uint8_t *n,
		    uint32_t *step_ms);

/* How many transitions of the rule lie within its flap window at now_ms. */
unsigned	rules_flaps(const struct rule *, uint64_t now_ms);

/*
 * A rule's alert was restored flapping with flaps transitions (fohd
 * restarted): it flaps again as if they had all just happened, so it
 * settles one flap window from now unless it goes on flapping.
 */
void		rules_flap_restore(struct rule *, unsigned flaps,
		    uint64_t now_ms);

/*
 * After a restart: the rule's open alert was restored with value v (its
 * last journalled value); judge the rule on v until a new value comes,
 * and not firing if v had cleared it. Nothing if it has seen a value.
 */
void		rules_restore_value(struct rule *, double v);

/*
 * A new rule set replaces an old one (config reload): each new rule takes
 * the transitions and flapping of the old rule with the same id and
 * subject, so a reload neither forgets nor restarts a flap.
 */
void		rules_carry(struct rules *to, const struct rules *from);

#endif
