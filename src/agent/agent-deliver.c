/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-deliver.c: an approved action delivered to its rule's MQTT topic
 * and webhook (issue 16, PROTOCOL.md 16), the agent's side of deliver.c.
 *
 * Once an approval is published (agent-control.c), each target of the
 * alert's rule becomes a job for the delivery thread, with the payload
 * (the same JSON for both) and a delivery id the retries share. What the
 * thread reports comes back here on the agent's thread (agent_service,
 * woken through agent_deliver_fd): each event is journaled as an audit
 * line "deliver" (note: the target, result: sent, acknowledged, HTTP
 * 2xx, failed; the reason: how many tries, and why not) and noted on the
 * alert as an op of fohd's, so that the stream and the why-pane show it.
 * The hook's end takes the same path (agent_deliver_outcome). A drill
 * delivers nothing: "skipped: drill" is journaled instead (the action
 * would reach the real venue's signage).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "agent-priv.h"
#include "deliver.h"
#include "lib/clock.h"
#include "lib/text.h"

/* Make the delivery queue (its thread starts with the first job). */
int
agent_deliver_open(struct agent *a, char *err, size_t errlen)
{
	return ((a->deliver = deliver_open(err, errlen)) == NULL ? -1 : 0);
}

/*
 * Stop the deliveries' thread (before the MQTT link closes), and journal
 * what it ended with: deliveries it finished that were not taken yet,
 * and those it will not finish ("failed: fohd stopped; ...").
 */
void
agent_deliver_stop(struct agent *a)
{
	deliver_stop(a->deliver);
	agent_deliver_service(a);
}

/* Free the deliveries (after the MQTT link closed). */
void
agent_deliver_close(struct agent *a)
{
	deliver_close(a->deliver);
	a->deliver = NULL;
}

/* Readable while deliveries have news for agent_service. */
int
agent_deliver_fd(const struct agent *a)
{
	return (a->deliver != NULL ? deliver_fd(a->deliver) : -1);
}

/*
 * Publish the alerts that changed (as agent_alerts_flush does; not called,
 * so that agent-hook.c, which agent-alerts.c calls, can come here).
 */
static void
agent_deliver_flush(struct agent *a)
{
	struct alerts_entry	*changed[16];
	struct fohp_msg		*m;
	unsigned		 i, n;

	while ((n = alerts_changed(a->alerts, changed, 16)) > 0) {
		for (i = 0; i < n; i++) {
			m = agent_envelope(a, FOHP_ALERT);
			m->u.alert = changed[i]->a;
			agent_publish(a, clock_mono_ms());
		}
	}
}

/*
 * What became of an approved action of alert (op "deliver" or "hook"),
 * for who approved it: an audit line (note: target, result, reason) and
 * the alert's own op (note: text), published on the stream.
 */
void
agent_deliver_outcome(struct agent *a, uint64_t alert, const char *who,
    const char *op, const char *target, const char *result,
    const char *reason, const char *text)
{
	struct journal_audit	 au;
	struct alerts_entry	*e;
	uint64_t		 now = clock_wall_ms();
	char			 err[256];

	memset(&au, 0, sizeof(au));
	au.t_ms = now;
	au.alert = alert;
	text_copy(au.op, sizeof(au.op), op);
	text_copy(au.note, sizeof(au.note), target);
	text_copy(au.result, sizeof(au.result), result);
	text_copy(au.reason, sizeof(au.reason), reason);
	snprintf(au.peer, sizeof(au.peer), "fohd for %s", who);
	e = alerts_note(a->alerts, alert, op, text, now) == 0 ?
	    alerts_find(a->alerts, alert) : NULL;
	/* The alert with its new op, else (it does not encode) the line. */
	if (a->journal != NULL && journal_record(a->journal, e != NULL ?
	    &e->a : NULL, &au, err, sizeof(err)) != 0 && (e == NULL ||
	    journal_record(a->journal, NULL, &au, err, sizeof(err)) != 0))
		fprintf(stderr, "fohd: error: %s: journal: %s of alert %llu: "
		    "%s\n", a->conf.id, op, (unsigned long long)alert, err);
	if (e != NULL)
		agent_deliver_flush(a);
}

/* One event of the delivery thread: journaled, noted, logged, counted. */
static void
agent_deliver_event(struct agent *a, const struct deliver_event *ev)
{
	char	target[DELIVER_TARGET_MAX + 8], text[FOHP_NOTE_MAX];
	char	tail[FOHP_NOTE_MAX];
	int	room, n;

	if (ev->via == DELIVER_MQTT)
		snprintf(target, sizeof(target), "mqtt %s", ev->target);
	else
		text_copy(target, sizeof(target), ev->target);
	n = snprintf(tail, sizeof(tail), ": %s%s%.96s%s", ev->result,
	    ev->reason[0] != '\0' ? (ev->ok ? " (" : ": ") : "", ev->reason,
	    ev->reason[0] != '\0' && ev->ok ? ")" : "");
	room = (int)sizeof(text) - 1 - (n < (int)sizeof(tail) ? n :
	    (int)sizeof(tail) - 1);
	n = snprintf(text, sizeof(text), "%.*s", room > 8 ? room : 8, target);
	if (n >= 0 && (size_t)n < sizeof(text))
		text_copy(text + n, sizeof(text) - (size_t)n, tail);
	agent_deliver_outcome(a, ev->alert, ev->who, "deliver", target,
	    ev->result, ev->reason, text);
	if (!ev->final)
		return;
	a->stats.deliveries[ev->via == DELIVER_MQTT ? 0 : 1][ev->ok ? 0 :
	    1]++;
	/* No broker at all was said once, at start (and foh --demo's
	 * in-process agents, which have none, must not write on its
	 * screen): the journal and the why-pane say it for each. */
	if (!ev->ok && (ev->via != DELIVER_MQTT || a->mqtt != NULL))
		fprintf(stderr, "fohd: warning: %s: alert %llu: delivery to "
		    "%s failed: %s\n", a->conf.id,
		    (unsigned long long)ev->alert, target, ev->reason);
}

/*
 * An alert resolved: its deliveries are not tried again (a retry would
 * put an action for a crowd that is gone on the signage); each ends
 * failed, saying so, through agent_deliver_service.
 */
void
agent_deliver_resolved(struct agent *a, uint64_t alert)
{
	deliver_cancel(a->deliver, alert, "alert resolved");
}

/* Take what the delivery thread reports (agent_service). */
void
agent_deliver_service(struct agent *a)
{
	struct deliver_event	*ev;

	if (a->deliver == NULL)
		return;
	while ((ev = deliver_next(a->deliver)) != NULL) {
		agent_deliver_event(a, ev);
		free(ev);
	}
}

/* The payload of an approved action (PROTOCOL.md 16); malloc'd, or NULL. */
static char *
agent_deliver_payload(struct agent *a, const struct fohp_alert *al,
    const char *who, uint64_t approved_ms, const char *id)
{
	json_t	*o;
	char	*s;

	o = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s}",
	    "venue", a->conf.id, "alert", (json_int_t)al->id, "rule",
	    al->rule, "subject", al->subject, "severity",
	    fohp_severity_name(al->severity), "title", al->title, "action",
	    al->action, "operator", who, "approved_ms",
	    (json_int_t)approved_ms, "delivery", id);
	if (o == NULL)
		return (NULL);
	s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return (s);
}

/* Queue one target of an approved action, or say why it is not sent. */
static void
agent_deliver_one(struct agent *a, const struct fohp_alert *al,
    const char *who, enum deliver_via via, const char *target,
    uint64_t approved_ms)
{
	struct deliver_job	 job;
	char			 id[FOHP_ID_MAX + 64], err[160];
	char			 shown[DELIVER_TARGET_MAX + 8];
	char			*body;

	if (via == DELIVER_MQTT)
		snprintf(shown, sizeof(shown), "mqtt %s", target);
	else
		text_copy(shown, sizeof(shown), target);
	if (a->conf.drill || al->drill) {
		fprintf(stderr, "fohd: info: %s: drill: alert %llu not "
		    "delivered to %s\n", a->conf.id,
		    (unsigned long long)al->id, shown);
		snprintf(err, sizeof(err), "%.100s: skipped: drill", shown);
		agent_deliver_outcome(a, al->id, who, "deliver", shown,
		    "skipped: drill", "", err);
		a->stats.deliveries[via == DELIVER_MQTT ? 0 : 1][2]++;
		return;
	}
	snprintf(id, sizeof(id), "%s-%llu-%llu-%s", a->conf.id,
	    (unsigned long long)al->id, (unsigned long long)approved_ms,
	    via == DELIVER_MQTT ? "mqtt" : "webhook");
	if ((body = agent_deliver_payload(a, al, who, approved_ms, id)) ==
	    NULL) {
		agent_deliver_outcome(a, al->id, who, "deliver", shown,
		    "failed", "out of memory", "out of memory");
		return;
	}
	memset(&job, 0, sizeof(job));
	job.alert = al->id;
	text_copy(job.who, sizeof(job.who), who);
	job.via = via;
	text_copy(job.target, sizeof(job.target), target);
	job.body = body;
	job.len = strlen(body);
	job.retries = a->conf.actions_retries;
	job.timeout_ms = a->conf.actions_timeout_ms;
	job.backoff_ms = a->conf.actions_backoff_ms;
	job.link = a->mqtt;
	if (deliver_push(a->deliver, &job, err, sizeof(err)) != 0)
		agent_deliver_outcome(a, al->id, who, "deliver", shown,
		    "failed", err, err);
	free(body);
}

/* An approval was published: deliver the action to its rule's targets. */
void
agent_deliver_approved(struct agent *a, const struct fohp_alert *al,
    const char *who)
{
	uint64_t	approved_ms = clock_wall_ms();
	unsigned	i;

	if (a->deliver == NULL)
		return;
	for (i = 0; i < a->rules.n; i++) {
		const struct rule	*ru = &a->rules.r[i];

		if (strcmp(ru->id, al->rule) != 0 ||
		    strcmp(ru->subject, al->subject) != 0)
			continue;
		if (ru->publish[0] != '\0')
			agent_deliver_one(a, al, who, DELIVER_MQTT,
			    ru->publish, approved_ms);
		if (ru->webhook[0] != '\0')
			agent_deliver_one(a, al, who, DELIVER_WEBHOOK,
			    ru->webhook, approved_ms);
		return;
	}
}
