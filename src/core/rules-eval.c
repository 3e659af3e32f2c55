/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * rules-eval.c: alert rules evaluated at the edge as readings arrive
 * (rules.c builds them).
 *
 * Evaluating. Each value goes into the rule's series (spaced so that the
 * series covers the rule's window) and is tested two ways: "on" (the
 * condition holds) and "off" (it has cleared). A rule not firing starts to
 * hold when on, fires once it has held for_ms, and stops holding as soon as
 * it is not on (a dip resets the hold). A firing rule clears only when off,
 * which for levels means past `clear`, not just back under the threshold:
 * a value hovering between the two keeps firing instead of flapping.
 *
 *	kind	   on				off
 *	threshold  value > threshold		value < clear
 *	rate	   slope/min > threshold	slope/min < clear
 *		   (below: the other way round for both)
 *	forecast   crossing within the horizon	anything else
 *		   or already past
 *	status	   value >= threshold (and	not on
 *		   < clear if clear is above)
 *	rul	   value < threshold		value >= clear
 *	drift	   value >= threshold		value < clear
 *
 * The status band keeps an offline device from raising warning, error and
 * offline at once: the default warning rule covers warning only and the
 * error rule error only.
 *
 * Time. A hold is judged on the last value seen: rules_tick, run on the
 * agent's timer, fires a rule whose condition (tested again on its last
 * value, and for rate and forecast rules on its series as it stands) has
 * held for_ms, whether or not a new value came. A zone put over its limit
 * by one reading and then left silent fires on time. If the clock steps
 * back past the start of a hold, the hold counts from the tick that sees
 * it, so a step delays an alert by for_ms at most.
 *
 * Flapping. Hysteresis and holds keep a value hovering at a line from
 * flapping; what still fires and clears again and again (a noisy drift
 * score, a device that keeps dropping off) is caught by counting. Each
 * fire and each clear is a transition, and a rule remembers the times of
 * its latest RULES_FLAP_MAX. A transition counts while it is less than
 * flap_window_ms old (one exactly that old no longer does). The change
 * each observation reports then reads:
 *
 *	state		transition		reported
 *	steady		fire			FIRE (count < limit)
 *	steady		clear			CLEAR (count < limit)
 *	steady		fire or clear that	FLAP: flapping from now on
 *			makes count >= limit
 *	steady		none, firing		UPDATE
 *	flapping	any, or none		FLAP (the alert stays open
 *						and follows the value)
 *	flapping	rules_tick: count * 2	SETTLE if firing, else CLEAR
 *			< limit (or limit 0)
 *
 * where limit is flap_transitions (0: never flaps). So one alert stands
 * for a flapping condition from the transition that reaches the limit
 * until the condition has been steady for most of a window; every
 * evaluation carries the count (flaps) for the alert.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "rules-priv.h"

/* Spacing of a rule's series: its window over 60 samples, else 1 s. */
static uint32_t
rules_step(const struct rule *r)
{
	if ((r->kind == FOHP_RK_RATE || r->kind == FOHP_RK_FORECAST) &&
	    r->window_ms >= FOHP_WINDOW_MAX * RULES_SEC)
		return (r->window_ms / FOHP_WINDOW_MAX);
	return (RULES_SEC);
}

/* Whether v is past a level in the rule's direction (strictly). */
static int
rules_past(const struct rule *r, double v, double level)
{
	return (r->below ? v < level : v > level);
}

/* Test a rule against the new value: fill ev, set on and off. */
static void
rules_test(struct rule *r, double value, struct rules_eval *ev, int *on,
    int *off)
{
	enum forecast_state	st;
	double			rate;

	ev->value = value;
	ev->threshold = r->threshold;
	*on = *off = 0;
	switch (r->kind) {
	case FOHP_RK_THRESHOLD:
		*on = rules_past(r, value, r->threshold);
		*off = !*on && !rules_past(r, value, r->clear) &&
		    value != r->clear;
		break;
	case FOHP_RK_RATE:
		rate = forecast_rate(&r->series, r->window_ms);
		ev->value = rate;
		if (isnan(rate))
			break;		/* too early to say either way */
		*on = rules_past(r, rate, r->threshold);
		*off = !*on && !rules_past(r, rate, r->clear) &&
		    rate != r->clear;
		break;
	case FOHP_RK_FORECAST:
		st = forecast_eval(&r->series, r->window_ms, r->threshold,
		    r->horizon_s, r->min_r2, &ev->fc);
		ev->has_fc = 1;
		*on = (st == FORECAST_CROSSING || st == FORECAST_ALREADY);
		*off = !*on;
		break;
	case FOHP_RK_STATUS:
		*on = value >= r->threshold &&
		    (r->clear <= r->threshold || value < r->clear);
		*off = !*on;
		break;
	case FOHP_RK_RUL:
		*on = value < r->threshold;
		*off = !*on && value >= r->clear;
		break;
	case FOHP_RK_DRIFT:
		*on = value >= r->threshold;
		*off = !*on && value < r->clear;
		break;
	case FOHP_RK_NONE:
	case FOHP_RK_EXTERNAL:
	case FOHP_RK_COUNT:
		break;
	}
	ev->margin = ev->value - r->threshold;
	ev->on = *on;
}

/* How many transitions lie within the rule's flap window at now. */
unsigned
rules_flaps(const struct rule *r, uint64_t now)
{
	unsigned	i, n = 0;
	uint64_t	t;

	for (i = 0; i < r->nflap; i++) {
		t = r->flap_t[(r->flap_head + RULES_FLAP_MAX - 1 - i) %
		    RULES_FLAP_MAX];
		/* A time ahead of now (the clock went back) still counts. */
		if (t > now || now - t < r->flap_window_ms)
			n++;
	}
	return (n);
}

/* Remember a transition at t. */
static void
rules_flap_note(struct rule *r, uint64_t t)
{
	r->flap_t[r->flap_head] = t;
	r->flap_head = (uint8_t)((r->flap_head + 1) % RULES_FLAP_MAX);
	if (r->nflap < RULES_FLAP_MAX)
		r->nflap++;
}

/*
 * The condition fired or cleared at t (ev reports it): count it, and flap
 * from the transition that brings the count to the limit; while flapping
 * the change is RULES_FLAP.
 */
static void
rules_transition(struct rule *r, uint64_t t, struct rules_eval *ev)
{
	rules_flap_note(r, t);
	ev->transition = 1;
	if (r->flap_transitions > 0 &&
	    rules_flaps(r, t) >= r->flap_transitions)
		r->flapping = 1;
	if (r->flapping)
		ev->change = RULES_FLAP;
}

/* Fill an evaluation's count of transitions (rule->firing says whether
 * it holds now). */
static void
rules_eval_flaps(const struct rule *r, uint64_t now, struct rules_eval *ev)
{
	unsigned	c = rules_flaps(r, now);

	ev->flaps = (uint8_t)(c > UINT8_MAX ? UINT8_MAX : c);
}

/* A flapping alert was restored: flap again, as of now. */
void
rules_flap_restore(struct rule *r, unsigned flaps, uint64_t now)
{
	unsigned	i;

	r->nflap = r->flap_head = 0;
	r->flapping = flaps > 0;
	for (i = 0; i < flaps && i < RULES_FLAP_MAX; i++)
		rules_flap_note(r, now);
}

/*
 * A restart restored the rule's alert with its last journalled value v:
 * judge it on v until a new value comes, and if v had cleared the
 * condition (a flapping alert saved while clear) the rule is not firing.
 */
void
rules_restore_value(struct rule *r, double v)
{
	struct rules_eval	ev;
	int			on, off;

	if (r->series.n != 0 || !isfinite(v))
		return;
	r->last = v;
	memset(&ev, 0, sizeof(ev));
	rules_test(r, v, &ev, &on, &off);
	if (off)
		r->firing = r->holding = 0;
}

/* Carry flap state (and, while flapping, the condition) across a reload. */
void
rules_carry(struct rules *to, const struct rules *from)
{
	const struct rule	*o;
	struct rule		*r;
	unsigned		 i, j;

	for (i = 0; i < to->n; i++) {
		r = &to->r[i];
		for (j = 0; j < from->n; j++) {
			o = &from->r[j];
			if (strcmp(o->id, r->id) != 0 ||
			    strcmp(o->subject, r->subject) != 0)
				continue;
			r->nflap = o->nflap;
			r->flap_head = o->flap_head;
			memcpy(r->flap_t, o->flap_t, sizeof r->flap_t);
			r->flapping = o->flapping;
			if (o->flapping) {
				r->firing = o->firing;
				r->holding = o->holding;
				r->holding_since = o->holding_since;
				r->last = o->last;
			}
			break;
		}
	}
}

/* How long the condition has held at t_ms (0 if the clock went back). */
static uint64_t
rules_held(const struct rule *r, uint64_t t_ms)
{
	return (t_ms > r->holding_since ? t_ms - r->holding_since : 0);
}

/*
 * A new value for (target, subject, metric). When out is full, the rules
 * after it still record the value but keep their state, so a change is
 * reported on a later observation rather than lost.
 */
unsigned
rules_observe(struct rules *rs, enum rules_target target,
    const char *subject, const char *metric, double value, uint64_t t_ms,
    struct rules_eval *out, unsigned max)
{
	struct rule		*r;
	struct rules_eval	 ev;
	enum rules_change	 change;
	unsigned		 i, n = 0;
	int			 on, off;

	if (!isfinite(value))
		return (0);
	for (i = 0; i < rs->n; i++) {
		r = &rs->r[i];
		if (r->target != target || strcmp(r->subject, subject) != 0 ||
		    strcmp(r->metric, metric) != 0)
			continue;
		series_add_every(&r->series, t_ms, value, rules_step(r));
		r->last = value;

		memset(&ev, 0, sizeof ev);
		ev.rule = r;
		rules_test(r, value, &ev, &on, &off);

		change = 0;
		if (!r->firing) {
			if (!on)
				r->holding = 0;
			else {
				if (!r->holding) {
					r->holding = 1;
					r->holding_since = t_ms;
				}
				if (rules_held(r, t_ms) >= r->for_ms)
					change = RULES_FIRE;
			}
			/* Flapping, the held alert follows every value. */
			if (change == 0 && !r->flapping)
				continue;
		} else {
			r->holding = on;
			change = off ? RULES_CLEAR : RULES_UPDATE;
		}
		if (n >= max)
			continue;
		ev.change = change != 0 ? change : RULES_FLAP;
		ev.held_ms = r->firing || r->holding ? rules_held(r, t_ms) : 0;
		if (change == RULES_FIRE) {
			r->firing = 1;
			rules_transition(r, t_ms, &ev);
		} else if (change == RULES_CLEAR) {
			r->firing = 0;
			r->holding = 0;
			rules_transition(r, t_ms, &ev);
		} else if (r->flapping)
			ev.change = RULES_FLAP;
		rules_eval_flaps(r, t_ms, &ev);
		out[n++] = ev;
	}
	return (n);
}

/*
 * Time passes: fire the rules whose hold ran out with no new value, settle
 * the flapping ones that have calmed down.
 */
unsigned
rules_tick(struct rules *rs, uint64_t now_ms, struct rules_eval *out,
    unsigned max)
{
	struct rule		*r;
	struct rules_eval	 ev;
	unsigned		 i, c, n = 0;
	int			 on, off;

	for (i = 0; i < rs->n && n < max; i++) {
		r = &rs->r[i];
		if (r->firing || !r->holding)
			continue;
		/* The clock went back past the start of the hold: count it
		 * from now, so a step delays the alert by for_ms at most. */
		if (now_ms < r->holding_since)
			r->holding_since = now_ms;
		if (rules_held(r, now_ms) < r->for_ms)
			continue;
		memset(&ev, 0, sizeof ev);
		ev.rule = r;
		rules_test(r, r->last, &ev, &on, &off);
		if (!on)
			continue;
		ev.change = RULES_FIRE;
		ev.held_ms = rules_held(r, now_ms);
		r->firing = 1;
		rules_transition(r, now_ms, &ev);
		rules_eval_flaps(r, now_ms, &ev);
		out[n++] = ev;
	}

	/* Flapping rules whose window has emptied enough settle. */
	for (i = 0; i < rs->n && n < max; i++) {
		r = &rs->r[i];
		if (!r->flapping)
			continue;
		c = rules_flaps(r, now_ms);
		if (r->flap_transitions != 0 && c * 2 >= r->flap_transitions)
			continue;
		r->flapping = 0;
		memset(&ev, 0, sizeof ev);
		ev.rule = r;
		rules_test(r, r->last, &ev, &on, &off);
		ev.change = r->firing ? RULES_SETTLE : RULES_CLEAR;
		ev.held_ms = r->firing ? rules_held(r, now_ms) : 0;
		rules_eval_flaps(r, now_ms, &ev);
		out[n++] = ev;
	}
	return (n);
}

/* The rule's last FOHP_WINDOW_MAX values, oldest first, and their step. */
void
rules_window(const struct rule *r, float *out, uint8_t *n, uint32_t *step_ms)
{
	const struct series	*s = &r->series;
	unsigned		 k, i, first;
	double			 v;

	k = s->n < FOHP_WINDOW_MAX ? s->n : FOHP_WINDOW_MAX;
	first = s->n - k;
	for (i = 0; i < k; i++) {
		v = series_v(s, first + i);
		if (v > FLT_MAX)
			out[i] = FLT_MAX;
		else if (v < -FLT_MAX)
			out[i] = -FLT_MAX;
		else
			out[i] = (float)v;
	}
	*n = (uint8_t)k;
	*step_ms = 0;
	if (k >= 2)
		*step_ms = (uint32_t)((series_t(s, s->n - 1) -
		    series_t(s, first)) / (k - 1));
}
