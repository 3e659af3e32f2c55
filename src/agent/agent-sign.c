/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-sign.c: requests signed by their operator (PROTOCOL.md, signed).
 *
 * A "signed" message carries the exact bytes of a request (body) and an
 * SSHSIG blob over them (sig), made with the operator's SSH key under the
 * namespace "foh". Before the request is looked at as a request, the
 * agent checks, in this order, and refuses at the first that fails:
 *
 *   1. the body decodes, as a request (bad-request, field "body/...");
 *   2. sig verifies over body (forbidden, field "sig");
 *   3. the signer's key is listed for the body's operator ([operator]
 *      key = or allowed_signers; forbidden, field "sig");
 *   4. the body names this venue (bad-request, field "venue");
 *   5. the body's ts is within [control] window of our wall clock
 *      (expired, field "ts").
 *
 * Then the decoded body goes the way of any request (agent-control.c),
 * with two differences: the operator is proven, not claimed (vconf_may's
 * is_signed), and a repeat is recognised by the key, not by the peer
 * address, so a retry over another link still learns the first answer.
 *
 * Every refusal is answered, counted by reason (/metrics), and written to
 * the audit trail with the body and sig as evidence, rate-limited like any
 * refusal (agent-limit.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent-priv.h"
#include "lib/clock.h"
#include "lib/escape.h"
#include "lib/text.h"

/* The reasons signed requests are refused, in agent_stats.sig_refused. */
static const char *const agent_sign_reasons[AGENT_SIG_REASONS] = {
	"body", "signature", "unknown-key", "other-operator", "venue",
	"expired", "id-reused", "unsigned"
};

/* The name of sig_refused[i]. */
const char *
agent_sign_reason_name(unsigned i)
{
	return (i < AGENT_SIG_REASONS ? agent_sign_reasons[i] : "?");
}

/*
 * The transport of the request being served: "nats", or the scheme of the
 * control listener: "tcp", "ipc", "tls+tcp", ...
 */
const char *
agent_sign_transport(struct agent *a)
{
	const char	*e = strstr(a->conf.control, "://");
	size_t		 n = e != NULL ? (size_t)(e - a->conf.control) : 0;

	if (a->via != NULL)
		return (a->via);
	if (n == 0 || n >= sizeof(a->transport))
		n = 0;
	memcpy(a->transport, a->conf.control, n);
	a->transport[n] = '\0';
	return (a->transport);
}

/* The signed message being served, as evidence: its body and sig. */
static void
agent_sign_evidence(struct agent *a, struct journal_audit *au)
{
	au->body = a->sreq->body;
	au->body_len = a->sreq->body_len;
	au->sig = a->sreq->sig;
	au->sig_len = a->sreq->sig_len;
}

/* Fill the transport, and for a signed request key and evidence. */
void
agent_sign_audit(struct agent *a, struct journal_audit *au)
{
	text_copy(au->transport, sizeof(au->transport),
	    agent_sign_transport(a));
	if (!a->is_signed)
		return;
	text_copy(au->key, sizeof(au->key), a->signer.fp);
	agent_sign_evidence(a, au);
}

/*
 * Refuse the signed request being opened: answer, count, and audit it
 * with what could be read of it (a->in holds the body if it decoded).
 */
static void
agent_sign_refuse(struct agent *a, unsigned reason, const char *fp,
    uint64_t id, const char *code, const char *field, const char *text)
{
	const struct fohp_request	*r = &a->in->u.request;
	struct journal_audit		 au;
	char				 log[ESCAPE_SIZE(FOHP_TEXT_MAX) + 128];
	char				 safe[ESCAPE_SIZE(FOHP_TEXT_MAX)];

	agent_refusal(a, id, code, field, text);
	a->stats.sig_refused[reason]++;
	if (!agent_limit_take(a))
		return;
	memset(&au, 0, sizeof(au));
	au.t_ms = clock_wall_ms();
	if (a->in->kind == FOHP_REQUEST) {
		au.alert = r->alert;
		text_copy(au.op, sizeof(au.op), r->op);
		text_copy(au.operator_name, sizeof(au.operator_name),
		    r->operator_name);
		text_copy(au.note, sizeof(au.note), r->comment[0] != '\0' ?
		    r->comment : r->reason);
	} else
		text_copy(au.op, sizeof(au.op), "signed");
	au.request = id;
	text_copy(au.result, sizeof(au.result), code);
	text_copy(au.peer, sizeof(au.peer), a->peer);
	text_copy(au.reason, sizeof(au.reason), text);
	agent_sign_audit(a, &au);	/* not signed (yet): transport */
	text_copy(au.key, sizeof(au.key), fp);	/* "" if not verified */
	agent_sign_evidence(a, &au);	/* whatever it proves */
	(void)agent_alerts_journal(a, NULL, &au, NULL, 0);
	snprintf(log, sizeof(log), "refused a signed request from %s: %s",
	    a->peer, escape_text(safe, sizeof(safe), text));
	fprintf(stderr, "fohd: warning: %s: %s\n", a->conf.id, log);
}

/*
 * Open the signed message in a->in: checks 1 to 5 above. 0: a->in holds
 * the body's request, a->signer its key, a->ident "key SHA256:...", and
 * a->is_signed is set. -1: refused, the answer is in a->out.
 */
int
agent_sign_open(struct agent *a)
{
	const struct fohp_request	*r = &a->in->u.request;
	struct fohp_err			 derr;
	struct sshsig_pubkey		 key;
	char				 text[FOHP_TEXT_MAX], why[256];
	char				 field[48 + 8];
	uint64_t			 now = clock_wall_ms(), off;
	int				 rv;

	*a->sreq = a->in->u.sreq;
	rv = fohp_decode(&a->dec, a->sreq->body, a->sreq->body_len, 0, a->in,
	    &derr);
	if (rv == FOHP_OK && a->in->kind != FOHP_REQUEST) {
		snprintf(text, sizeof(text), "the body is a \"%s\", not a "
		    "request", fohp_kind_name(a->in->kind));
		a->in->kind = FOHP_SIGNED;	/* nothing of it is audited */
		agent_sign_refuse(a, AGENT_SIG_BODY, "", 0, "bad-request",
		    "body/kind", text);
		return (-1);
	}
	if (rv != FOHP_OK) {
		a->in->kind = FOHP_SIGNED;
		snprintf(field, sizeof(field), "body/%s", derr.field);
		snprintf(text, sizeof(text), "the signed body does not decode: "
		    "%.200s", derr.text);
		agent_sign_refuse(a, AGENT_SIG_BODY, "", 0, "bad-request",
		    field, text);
		return (-1);
	}
	if (sshsig_verify(a->sreq->sig, a->sreq->sig_len, SSHSIG_NAMESPACE,
	    a->sreq->body, a->sreq->body_len, &key, why, sizeof(why)) != 0) {
		snprintf(text, sizeof(text), "the signature does not hold: "
		    "%.200s", why);
		agent_sign_refuse(a, AGENT_SIG_SIGNATURE, "", r->id,
		    "forbidden", "sig", text);
		return (-1);
	}
	if (r->operator_name[0] == '\0' || r->id == 0) {
		agent_sign_refuse(a, AGENT_SIG_BODY, key.fp, r->id,
		    "bad-request", r->id == 0 ? "id" : "operator", "a signed "
		    "request must carry an id (not 0) and its operator");
		return (-1);
	}
	if ((rv = vconf_signer(&a->conf, &key, r->operator_name, now, why,
	    sizeof(why))) < 0) {
		agent_sign_refuse(a, rv == VCONF_SIGNER_OTHER ?
		    AGENT_SIG_OTHER_OPERATOR : AGENT_SIG_UNKNOWN_KEY, key.fp,
		    r->id, "forbidden", "sig", why);
		return (-1);
	}
	if (strcmp(a->in->venue, a->conf.id) != 0) {
		snprintf(text, sizeof(text), "a signed request must name this "
		    "venue: this agent serves \"%s\", the body names \"%s\"",
		    a->conf.id, a->in->venue);
		agent_sign_refuse(a, AGENT_SIG_VENUE, key.fp, r->id,
		    "bad-request", "venue", text);
		return (-1);
	}
	off = now > a->in->ts_ms ? now - a->in->ts_ms : a->in->ts_ms - now;
	if (a->in->ts_ms == 0 || off > a->conf.sign_window_ms) {
		if (a->in->ts_ms == 0)
			snprintf(text, sizeof(text), "a signed request must "
			    "carry ts, the signer's Unix ms");
		else
			snprintf(text, sizeof(text), "ts is %llu ms %s this "
			    "agent's clock; the window is %lu ms ([control] "
			    "window): sign it again", (unsigned long long)off,
			    now > a->in->ts_ms ? "behind" : "ahead of",
			    (unsigned long)a->conf.sign_window_ms);
		agent_sign_refuse(a, AGENT_SIG_EXPIRED, key.fp, r->id,
		    "expired", "ts", text);
		return (-1);
	}
	a->signer = key;
	a->is_signed = 1;
	snprintf(a->ident, sizeof(a->ident), "key %s", key.fp);
	a->stats.signed_ok++;
	return (0);
}

/* Count a signed request refused after it was opened (agent-control.c). */
void
agent_sign_count(struct agent *a, unsigned reason)
{
	if (reason < AGENT_SIG_REASONS)
		a->stats.sig_refused[reason]++;
}

/* Say at start what the control policy lets through over the network. */
void
agent_sign_warn(struct agent *a)
{
	const char	*t = agent_sign_transport(a);

	if (a->conf.control_tcp != VCONF_TCP_ALLOW ||
	    strcmp(t, "ipc") == 0 || strcmp(t, "inproc") == 0)
		return;
	fprintf(stderr, "fohd: warning: %s: unsigned control over tcp is "
	    "allowed: anyone who can reach %s can act as any operator (but "
	    "those pinned to a uid or holding a key: they must sign)\n",
	    a->conf.id, a->conf.control);
}
