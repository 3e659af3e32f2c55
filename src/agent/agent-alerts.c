/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-alerts.c: from observations to alerts that explain themselves.
 *
 * agent.c hands every new value it derives (a zone's density, a gate's
 * flow, a device's status and remaining life, a model's drift score) to
 * agent_alerts_observe as it is computed. The rules (rules.c) say when a
 * condition starts, goes on and stops; this file turns that into the alert
 * table's lifecycle (alerts.c), has each alert explained from what the
 * venue knows at that moment (agent-explain.c: the rule in words, value
 * against threshold, the window of samples, the forecast, the signals
 * feeding it, where the data came from, what to do), writes openings and
 * resolutions to the journal, and publishes the alert at once: the console
 * draws a new critical alert as soon as it arrives.
 *
 * Time moves alerts too: agent_alerts_tick, on the agent's timer, fires
 * the rules whose hold time ran out since their last value (rules_tick),
 * settles flapping ones, expires acks and shelves, escalates, and resolves
 * external alerts whose source has gone quiet. Values move them: each
 * raise tells the table how the rule's value worsens (agent_alerts_worse),
 * which ends a non-sticky ack the alert has worsened past; that is
 * journalled as "ack-ended".
 *
 * A flapping rule (rules.c) keeps one alert: RULES_FLAP opens it if none
 * is open, else updates it, and sets its flaps (alerts_flap; its title
 * ends "(flapping)"); RULES_SETTLE and a RULES_CLEAR of a flapping alert
 * settle it (alerts_settle), firing or resolved. Entering and settling
 * are journalled ("flapping", "settle"). A flapping alert's value swings
 * with each fire and clear, so it does not end a non-sticky ack.
 *
 * Nothing is lost to an encoding failure: every alert in the table is
 * wire-safe (alerts_wire_safe), and should an alert still fail to encode,
 * agent_pub_reduce (agent-pub.c) gives the form without its explanation,
 * which is journalled and published instead (agent-pub.c counts and logs
 * the failure).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent-priv.h"
#include "lib/clock.h"
#include "lib/text.h"

/* Write an alert state and an audit line to the journal, if there is one. */
int
agent_alerts_journal(struct agent *a, const struct fohp_alert *al,
    const struct journal_audit *au, char *err, size_t errlen)
{
	if (a->journal == NULL)
		return (0);
	return (journal_record(a->journal, al, au, err, errlen));
}

/* Journal a transition the agent made by itself (fire, resolve, timer). */
static void
agent_alerts_note(struct agent *a, const struct fohp_alert *al,
    const char *op, uint64_t now)
{
	struct journal_audit	au;
	char			err[256];

	if (al->state == FOHP_AS_RESOLVED)	/* resolve, settle: issue 16 */
		agent_deliver_resolved(a, al->id);
	memset(&au, 0, sizeof(au));
	au.t_ms = now;
	au.alert = al->id;
	text_copy(au.op, sizeof(au.op), op);
	text_copy(au.note, sizeof(au.note), al->title);
	snprintf(au.result, sizeof(au.result), "%s %s",
	    fohp_severity_name(al->severity), fohp_alert_state_name(al->state));
	text_copy(au.peer, sizeof(au.peer), "fohd");
	if (agent_alerts_journal(a, al, &au, err, sizeof(err)) == 0)
		return;
	fprintf(stderr, "fohd: error: %s: journal: %s\n", a->conf.id, err);
	/* Whatever it was, keep the alert's reduced form at least. */
	a->scratch = *al;
	agent_pub_reduce(&a->scratch);
	if (agent_alerts_journal(a, &a->scratch, &au, err, sizeof(err)) != 0)
		fprintf(stderr, "fohd: error: %s: journal: alert %llu, "
		    "reduced: %s\n", a->conf.id, (unsigned long long)al->id,
		    err);
	else
		fprintf(stderr, "fohd: warning: %s: alert %llu journalled "
		    "without its explanation\n", a->conf.id,
		    (unsigned long long)al->id);
}

/* Say, now and then, that new alerts were refused for want of room. */
static void
agent_alerts_refused(struct agent *a, const char *rule, const char *subject,
    enum fohp_severity sev)
{
	uint64_t	n = a->alerts->refused;

	a->stats.alerts_refused = n;
	if ((n & (n - 1)) != 0)
		return;		/* the 1st, 2nd, 4th, 8th ... */
	fprintf(stderr, "fohd: error: %s: alert table full (%u open): %s "
	    "%s on %s not raised (%llu refused so far; see fohd(8))\n",
	    a->conf.id, alerts_nopen(a->alerts), fohp_severity_name(sev),
	    rule, subject, (unsigned long long)n);
}

/* Publish every alert that changed. */
void
agent_alerts_flush(struct agent *a, const char *op, uint64_t now)
{
	struct alerts_entry	*changed[64];
	struct fohp_msg		*m;
	unsigned		 i, n;

	while ((n = alerts_changed(a->alerts, changed, 64)) > 0) {
		for (i = 0; i < n; i++) {
			if (op != NULL)
				agent_alerts_note(a, &changed[i]->a, op, now);
			m = agent_envelope(a, FOHP_ALERT);
			m->u.alert = changed[i]->a;
			agent_publish(a, clock_mono_ms());
		}
	}
}

/* Take the alerts the journal kept from the last run. */
static void
agent_alerts_restored(void *arg, const struct fohp_alert *al)
{
	struct agent	*a = arg;

	if (alerts_restore(a->alerts, al) != 0)
		fprintf(stderr, "fohd: warning: %s: alert %llu not restored: "
		    "table full\n", a->conf.id, (unsigned long long)al->id);
}

/*
 * Tell the rules which of them were firing when the alerts were saved, so
 * a value back under the clear level resolves a restored alert.
 */
static void
agent_alerts_rearm(struct agent *a)
{
	unsigned	i, j;

	for (i = 0; i < a->alerts->n; i++) {
		const struct fohp_alert	*al = &a->alerts->e[i].a;

		if (al->state == FOHP_AS_RESOLVED)
			continue;
		for (j = 0; j < a->rules.n; j++) {
			struct rule	*ru = &a->rules.r[j];

			if (strcmp(ru->id, al->rule) != 0 ||
			    strcmp(ru->subject, al->subject) != 0 ||
			    ru->flapping)	/* reload: carried as it was */
				continue;
			ru->firing = 1;
			ru->holding = 1;
			ru->holding_since = al->since_ms;
			/* Until a new value comes, the rule judges the last
			 * one journalled (a settle on the timer tests it),
			 * not 0; a flapping alert saved while clear is not
			 * firing. Not for rate and forecast rules, whose
			 * value is not what their test reads. */
			if (ru->kind != FOHP_RK_RATE &&
			    ru->kind != FOHP_RK_FORECAST)
				rules_restore_value(ru, al->value);

			/* Restored flapping: it flaps on, settling a flap
			 * window from now if it has calmed down. */
			if (al->flaps > 0)
				rules_flap_restore(ru, al->flaps,
				    clock_wall_ms());
		}
		/* An external alert resolves after its source's silence,
		 * counted from now if restored: its source may not know we
		 * restarted. A reload keeps the time of its last word. */
		if (al->rkind == FOHP_RK_EXTERNAL &&
		    a->alerts->e[i].raised_ms == 0)
			a->alerts->e[i].raised_ms = clock_wall_ms();
	}
}

/* Build rules, open the journal and restore what it holds. */
int
agent_alerts_open(struct agent *a, char *err, size_t errlen)
{
	int	n;

	if ((a->alerts = calloc(1, sizeof(*a->alerts))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	if (rules_build(&a->rules, &a->conf, err, errlen) != 0)
		return (-1);
	if (a->conf.journal[0] != '\0') {
		if ((a->journal = journal_open(a->conf.journal, a->conf.id,
		    err, errlen)) == NULL)
			return (-1);
		alerts_init(a->alerts, journal_last_id(a->journal));
		/* Before the restore: a drill gets back only a drill's
		 * alerts, a real start only real ones (PROTOCOL.md 15). */
		journal_set_drill(a->journal, a->conf.drill);
		n = journal_restore(a->journal, agent_alerts_restored, a);
		agent_alerts_rearm(a);
		if (n > 0)
			fprintf(stderr, "fohd: info: %s: %d open alerts "
			    "restored from %s\n", a->conf.id, n,
			    a->conf.journal);
	} else
		alerts_init(a->alerts, clock_wall_ms() * 1000);
	return (0);
}

/* Publish every alert in the table (at start: what was restored). */
void
agent_alerts_publish_all(struct agent *a, uint64_t now_ms)
{
	struct fohp_msg	*m;
	unsigned	 i;

	for (i = 0; i < a->alerts->n; i++) {
		m = agent_envelope(a, FOHP_ALERT);
		m->u.alert = a->alerts->e[i].a;
		agent_publish(a, now_ms);
	}
}

/* Close the journal and free the rules. */
void
agent_alerts_close(struct agent *a)
{
	journal_close(a->journal);
	a->journal = NULL;
	rules_free(&a->rules);
	if (a->alerts != NULL)
		alerts_fini(a->alerts);
	free(a->alerts);
	a->alerts = NULL;
}

/* A new config: rebuild the rules (firing alerts stay in the table). */
int
agent_alerts_reload(struct agent *a, const struct vconf *conf, char *err,
    size_t errlen)
{
	struct rules	r;

	memset(&r, 0, sizeof(r));
	if (rules_build(&r, conf, err, errlen) != 0) {
		rules_free(&r);
		return (-1);
	}
	rules_carry(&r, &a->rules);	/* flaps go on across a reload */
	rules_free(&a->rules);
	a->rules = r;
	agent_alerts_rearm(a);	/* open alerts' rules are firing */
	return (0);
}

/* Keep how long a new alert took from its reading's arrival to publish. */
static void
agent_alerts_timed(struct agent *a)
{
	struct agent_stats	*st = &a->stats;
	uint64_t		 us;

	st->alerts_fired++;
	if (a->arrival_ns == 0)
		return;
	us = (clock_mono_ns() - a->arrival_ns) / 1000;
	st->latency_us[st->latency_head] = us > UINT32_MAX ? UINT32_MAX :
	    (uint32_t)us;
	st->latency_head = (st->latency_head + 1) % AGENT_LATENCIES;
	if (st->nlatency < AGENT_LATENCIES)
		st->nlatency++;
}

/* Compare two latencies, for qsort. */
static int
agent_alerts_cmp(const void *x, const void *y)
{
	uint32_t	a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return (a < b ? -1 : a > b);
}

/* The readings about to be applied arrived at mono_ns. */
void
agent_mark_arrival(struct agent *a, uint64_t mono_ns)
{
	a->arrival_ns = mono_ns;
}

/* A quantile of the kept latencies, in seconds. */
double
agent_latency_quantile(const struct agent *a, double q)
{
	const struct agent_stats	*st = &a->stats;
	uint32_t			 v[AGENT_LATENCIES];
	unsigned			 i;

	if (st->nlatency == 0)
		return (NAN);
	memcpy(v, st->latency_us, st->nlatency * sizeof(v[0]));
	qsort(v, st->nlatency, sizeof(v[0]), agent_alerts_cmp);
	i = (unsigned)(q * (st->nlatency - 1) + 0.5);
	return (v[i] / 1e6);
}

/*
 * How a rule's value worsens, for non-sticky acks: *dir +1 if higher is
 * worse, -1 if lower; *step its clear band |threshold - clear|, or 0 for
 * a status (any worse status).
 */
static void
agent_alerts_worse(const struct rule *ru, int *dir, double *step)
{
	*step = fabs(ru->threshold - ru->clear);
	switch (ru->kind) {
	case FOHP_RK_STATUS:
		*dir = 1;
		*step = 0;
		break;
	case FOHP_RK_RUL:
		*dir = -1;
		break;
	case FOHP_RK_DRIFT:
		*dir = 1;
		break;
	default:
		*dir = ru->below ? -1 : 1;
		break;
	}
}

/*
 * A flapping alert's title says so: the title agent_explain_build wrote
 * (which says whether it holds, is clearing or has cleared), then
 * "(flapping)".
 */
static void
agent_alerts_flap_title(struct fohp_alert *al)
{
	const char	*suffix = " (flapping)";
	size_t		 n = strnlen(al->title, sizeof(al->title) - 1);
	size_t		 k = strlen(suffix);

	if (n + k >= sizeof(al->title)) {
		/* Cut the title, not the word, at a character's start. */
		n = sizeof(al->title) - 1 - k;
		while (n > 0 && ((unsigned char)al->title[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(al->title + n, suffix, k + 1);
}

/* Take the " (flapping)" agent_alerts_flap_title put off a title. */
static void
agent_alerts_unflap_title(struct fohp_alert *al)
{
	const char	*suffix = " (flapping)";
	size_t		 n = strnlen(al->title, sizeof(al->title)),
			 k = strlen(suffix);

	if (n >= k && strcmp(al->title + n - k, suffix) == 0)
		al->title[n - k] = '\0';
}

/*
 * A flapping rule's change: one alert, opened if none is, takes the new
 * explanation and its flaps; the first flap of it is journalled. Returns
 * 1 if it opened a new alert.
 */
static int
agent_alerts_flap(struct agent *a, const struct rules_eval *ev,
    uint64_t now)
{
	struct alerts_entry	*e;
	char			 note[FOHP_TEXT_MAX], span[32];
	int			 fresh, entered;

	agent_alerts_flap_title(&a->scratch);
	fresh = (e = alerts_open(a->alerts, a->scratch.fingerprint)) == NULL;
	entered = fresh || e->a.flaps == 0;
	if ((e = alerts_raise(a->alerts, &a->scratch, ev->rule->escalate_ms,
	    now)) == NULL) {
		agent_alerts_refused(a, ev->rule->id, ev->rule->subject,
		    a->scratch.severity);
		return (0);
	}
	snprintf(note, sizeof(note), "fired or cleared %u times in %s",
	    ev->flaps, text_duration(span, sizeof(span),
	    ev->rule->flap_window_ms, 0));
	(void)alerts_flap(a->alerts, a->scratch.fingerprint, ev->flaps, note,
	    now);
	if (fresh)
		agent_alerts_note(a, &e->a, "fire", now);
	if (entered) {
		a->stats.alerts_flapping++;
		agent_alerts_note(a, &e->a, "flapping", now);
	} else if (ev->transition && !fresh)
		/* Each fire and clear is journalled (a few per flap window):
		 * a restart then knows whether the condition held. */
		agent_alerts_note(a, &e->a, ev->rule->firing ? "flap-fire" :
		    "flap-clear", now);
	return (fresh);
}

/* Keep the alert table in step with what the rules said; publish. */
static void
agent_alerts_apply(struct agent *a, struct rules_eval *ev, unsigned n,
    uint64_t now_ms)
{
	struct alerts_entry	*e;
	unsigned		 i, fired = 0;
	uint64_t		 now = clock_wall_ms();
	double			 step;
	int			 dir;

	for (i = 0; i < n; i++) {
		agent_explain_build(a, &ev[i], &a->scratch);
		a->scratch.drill = a->conf.drill ? 1 : 0;
		if (ev[i].change == RULES_CLEAR) {
			if ((e = alerts_open(a->alerts,
			    a->scratch.fingerprint)) == NULL)
				continue;
			if (e->a.flaps > 0) {
				/* Settled while off: steady, resolved; its
				 * title no longer says it flaps. */
				agent_alerts_unflap_title(&e->a);
				if (alerts_settle(a->alerts,
				    a->scratch.fingerprint, 1, now) == 0) {
					a->stats.alerts_settled++;
					agent_alerts_note(a, &e->a, "settle",
					    now);
				}
			} else if (alerts_resolve(a->alerts,
			    a->scratch.fingerprint, now) == 0)
				agent_alerts_note(a, &e->a, "resolve", now);
			continue;
		}
		if (ev[i].change == RULES_FLAP) {
			fired += agent_alerts_flap(a, &ev[i], now);
			continue;
		}
		e = alerts_raise(a->alerts, &a->scratch,
		    ev[i].rule->escalate_ms, now);
		if (e == NULL)
			agent_alerts_refused(a, ev[i].rule->id,
			    ev[i].rule->subject, a->scratch.severity);
		else if (ev[i].change == RULES_FIRE) {
			agent_alerts_note(a, &e->a, "fire", now);
			fired++;
		} else if (ev[i].change == RULES_SETTLE &&
		    alerts_settle(a->alerts, a->scratch.fingerprint, 0,
		    now) == 0) {
			a->stats.alerts_settled++;
			agent_alerts_note(a, &e->a, "settle", now);
		}
		if (e == NULL)
			continue;
		agent_alerts_worse(ev[i].rule, &dir, &step);
		if (alerts_worsened(e, dir, step, now))
			agent_alerts_note(a, &e->a, "ack-ended", now);
	}
	if (n > 0)
		agent_alerts_flush(a, NULL, now_ms);
	if (fired > 0)
		agent_alerts_timed(a);
}

/* A new value: run the rules over it and keep the alert table in step. */
void
agent_alerts_observe(struct agent *a, enum rules_target t,
    const char *subject, const char *metric, double value, uint64_t t_ms,
    uint64_t now_ms)
{
	struct rules_eval	 ev[AGENT_EVALS_MAX];
	unsigned		 n;

	n = rules_observe(&a->rules, t, subject, metric, value,
	    t_ms != 0 ? t_ms : clock_wall_ms(), ev, AGENT_EVALS_MAX);
	agent_alerts_apply(a, ev, n, now_ms);
}

/* An external alert: raised (or refreshed) with its own explanation. */
void
agent_alerts_external(struct agent *a, const struct reading_alert *r,
    uint64_t now_ms)
{
	struct fohp_alert	*al = &a->scratch;
	struct alerts_entry	*e;
	uint64_t		 now = clock_wall_ms();
	int			 fresh;

	agent_explain_external(a, r, al);
	al->drill = a->conf.drill ? 1 : 0;
	fresh = alerts_open(a->alerts, al->fingerprint) == NULL;
	if ((e = alerts_raise(a->alerts, al, 0, now)) == NULL) {
		agent_alerts_refused(a, r->source, r->subject, r->severity);
		return;
	}
	if (fresh)
		agent_alerts_note(a, &e->a, "fire", now);
	if (alerts_worsened(e, 0, 0, now))	/* severity only */
		agent_alerts_note(a, &e->a, "ack-ended", now);
	agent_alerts_flush(a, NULL, now_ms);
}

/*
 * Time passes: holds that ran out, expiries, escalations, quiet external
 * alerts, hooks.
 */
void
agent_alerts_tick(struct agent *a, uint64_t now_ms)
{
	struct rules_eval	 ev[AGENT_EVALS_MAX];
	struct alerts_entry	*e;
	uint64_t		 now = clock_wall_ms();
	unsigned		 i, n;

	agent_hook_reap(a);	/* approved actions' hooks (issue 15) */
	a->arrival_ns = 0;	/* fired by the clock, not by a reading */
	while ((n = rules_tick(&a->rules, now, ev, AGENT_EVALS_MAX)) > 0)
		agent_alerts_apply(a, ev, n, now_ms);
	for (i = 0; i < a->alerts->n; i++) {
		e = &a->alerts->e[i];
		if (e->a.rkind != FOHP_RK_EXTERNAL ||
		    e->a.state == FOHP_AS_RESOLVED ||
		    now - e->raised_ms < AGENT_EXTERNAL_TTL_MS)
			continue;
		if (alerts_resolve(a->alerts, e->a.fingerprint, now) == 0)
			agent_alerts_note(a, &e->a, "resolve", now);
	}
	agent_alerts_flush(a, NULL, now_ms);
	if (alerts_tick(a->alerts, now) > 0)
		agent_alerts_flush(a, "timer", now_ms);
	else
		agent_alerts_flush(a, NULL, now_ms);
}

/*
 * Fill a snapshot's alerts from the table: `open` lists every open alert,
 * most urgent first; `alerts` carries the maps of the first
 * FOHP_ALERTS_MAX of them. Resolved alerts are never in it.
 */
void
agent_alerts_snapshot(struct agent *a, struct fohp_snapshot *sn)
{
	struct alerts_entry	*e;
	unsigned		 i, n;

	n = alerts_open_ids(a->alerts, sn->open, FOHP_OPEN_MAX);
	sn->nopen = (uint16_t)(n < FOHP_OPEN_MAX ? n : FOHP_OPEN_MAX);
	sn->nalerts = 0;
	for (i = 0; i < sn->nopen && sn->nalerts < FOHP_ALERTS_MAX; i++) {
		if ((e = alerts_find(a->alerts, sn->open[i])) != NULL)
			sn->alerts[sn->nalerts++] = e->a;
	}
}
