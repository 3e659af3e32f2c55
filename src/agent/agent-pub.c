/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-pub.c: what every part of the agent publishes and answers with.
 *
 * The outgoing message's envelope, its encoding and publishing (and its
 * application to the agent's own store; a copy to the NATS outbox,
 * agent-nats.c), the hello fields, an error
 * answer, an alert's identity and its reduced form. agent.c (readings),
 * agent-alerts.c (the alert lifecycle) and agent-control.c (operator
 * requests) all call these; this file calls none of them, so the agent's
 * files depend on each other one way only.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "agent-priv.h"
#include "lib/clock.h"

/* Fill the envelope of the outgoing message for kind. */
struct fohp_msg *
agent_envelope(struct agent *a, enum fohp_kind kind)
{
	struct fohp_msg	*m = a->out;

	m->v = FOHP_VERSION;
	memcpy(m->venue, a->conf.id, sizeof(m->venue));
	m->epoch = a->epoch;
	m->ts_ms = clock_wall_ms();
	m->kind = kind;
	m->drill = a->conf.drill ? 1 : 0;	/* PROTOCOL.md 15 */
	return (m);
}

/* Encode and publish the outgoing message, then apply it to our state. */
void
agent_publish(struct agent *a, uint64_t now_ms)
{
	struct fohp_msg	*m = a->out;
	struct fohp_err	 err;

	m->seq = ++a->seq;
	msgpack_sbuffer_clear(&a->buf);
	if (fohp_encode(&a->buf, m, 1, &err) != FOHP_OK) {
		a->stats.encode_fail++;
		fprintf(stderr, "fohd: error: %s: cannot encode %s, field "
		    "%s: %s\n", a->conf.id, fohp_kind_name(m->kind),
		    err.field[0] != '\0' ? err.field : "?", err.text);
		if (m->kind == FOHP_ALERT) {
			/* Never lose an alert: send what surely encodes. */
			agent_pub_reduce(&m->u.alert);
			msgpack_sbuffer_clear(&a->buf);
		}
		if (m->kind != FOHP_ALERT ||
		    fohp_encode(&a->buf, m, 1, &err) != FOHP_OK) {
			a->seq--;
			return;
		}
		fprintf(stderr, "fohd: warning: %s: alert %llu published "
		    "without its explanation\n", a->conf.id,
		    (unsigned long long)m->u.alert.id);
	}
	agent_nats_push(a, m);	/* the outbox, never waiting */
	if (transport_sender_send(&a->sender, a->buf.data, a->buf.size) != 0)
		a->stats.send_fail++;
	else {
		a->stats.published++;
		a->stats.published_by_kind[m->kind]++;
	}
	store_apply(a->store, a->venue, m, now_ms);
}

/* Fill hello fields. */
void
agent_hello(struct agent *a, struct fohp_hello *h, uint64_t now_ms)
{
	memset(h, 0, sizeof(*h));
	snprintf(h->agent, sizeof(h->agent), "fohd %s", PACKAGE_VERSION);
	memcpy(h->name, a->conf.layout.name, sizeof(h->name));
	h->hb_ms = a->conf.hb_ms;
	h->uptime_ms = now_ms - a->start_ms;
}

/* FNV-1a over n bytes, continuing from h (AGENT_FNV_BASIS to start). */
uint64_t
agent_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*b = p;

	while (n-- > 0) {
		h ^= *b++;
		h *= 0x100000001b3ULL;
	}
	return (h);
}

/* FNV-1a over a few strings: an alert's identity from its labels. */
uint64_t
agent_fingerprint(const char *const *parts, unsigned n)
{
	uint64_t	h = AGENT_FNV_BASIS;
	unsigned	i;

	for (i = 0; i < n; i++) {
		h = agent_fnv(h, parts[i], strlen(parts[i]));
		/* separator: ("ab","c") != ("a","bc") */
		h = agent_fnv(h, "\xff", 1);
	}
	return (h & 0x1fffffffffffffULL);	/* exact in a double, too */
}

/* Fill the outgoing message with an error answer. */
void
agent_refusal(struct agent *a, uint64_t id, const char *code,
    const char *field, const char *text)
{
	struct fohp_msg	*m = agent_envelope(a, FOHP_ERROR);

	memset(&m->u.error, 0, sizeof(m->u.error));
	m->u.error.id = id;
	snprintf(m->u.error.code, sizeof(m->u.error.code), "%s", code);
	snprintf(m->u.error.field, sizeof(m->u.error.field), "%s", field);
	snprintf(m->u.error.text, sizeof(m->u.error.text), "%s", text);
	a->stats.bad_requests++;
}
/*
 * Reduce an alert to what cannot fail to encode: identity, state, title,
 * finite value and threshold, operator fields; no explanation arrays.
 */
void
agent_pub_reduce(struct fohp_alert *al)
{
	al->nwindow = 0;
	al->window_step_ms = 0;
	al->ncontrib = 0;
	al->fc_state = FOHP_FC_NONE;
	al->fc_slope = al->fc_r2 = al->fc_eta_s = al->fc_horizon_s = 0;
	if (al->nops > FOHP_ALERT_HIST_MAX)
		al->nops = FOHP_ALERT_HIST_MAX;
	(void)alerts_wire_safe(al);
	al->margin = 0;
	if (al->severity > FOHP_SEV_CRITICAL)
		al->severity = FOHP_SEV_CRITICAL;
}
