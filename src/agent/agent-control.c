/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-control.c: operator requests on the venue's control socket.
 *
 * A request is decoded, checked, carried out on the alert table, written
 * to the journal, and only then answered: an answer of "done" means the
 * change is committed (PROTOCOL.md, control). Who may do what:
 *
 *   - the operator must be listed in fohd.conf ([operator NAME]) with the
 *     right for the op (ack also covers unack, shelve covers unshelve);
 *     with no [operator] sections at all, local requests (ipc, inproc) may
 *     do everything and tcp ones nothing;
 *   - over ipc the peer's uid (which nng reads from the socket) must be the
 *     operator's configured uid, if one is set;
 *   - over tcp (any network transport) control is refused under [control]
 *     tcp = refuse; under signed only signed requests pass (agent-sign.c
 *     checks them before they get here); under allow unsigned ones too,
 *     but never for an operator pinned to a uid or holding a key.
 *
 * A request with a deadline_ms the agent's wall clock has passed is
 * refused "expired" before anything else can change state.
 *
 * Carrying out an op is all or nothing. The alert is changed in memory,
 * the answer is encoded, and the new state, the audit line and the answer
 * are committed to the journal in one transaction; only then is the
 * change published (and an approved action's hook run) and the answer
 * sent. If the commit fails the alert is put back as it was, nothing is
 * published, and the answer is "internal": a retry with the same id
 * carries it out once the disk is back.
 *
 * Answers to requests carried out ("done" or "unchanged") are remembered
 * by (peer, operator, id), in that same transaction, so "committed" and
 * "remembered" are one fact: a repeat, even after a crash and a restart,
 * is answered with the very bytes of the first answer and not carried out
 * twice (agent-answer.c). Without a journal a small ring in memory does
 * it. Refusals are not remembered: they changed nothing, and a repeat is
 * checked again. A request that names another peer's operator and id
 * therefore cannot poison the answer the real one gets.
 *
 * Every refusal is answered with its reason; refusals naming an operator
 * and an alert are written to the audit trail, and some to the log. Those
 * rows and lines are rate-limited (a token bucket per peer and one for all
 * peers; agent-limit.c): what is not written is counted, and summed up
 * in one log line per peer every AGENT_LIMIT_REPORT_MS. Text that came
 * from the request is escaped (escape.h) before it reaches the log; what
 * can be read of a request that did not decode, agent-raw.c reads.
 */
#include "config.h"

#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nng/nng.h>

#include "agent-priv.h"
#include "lib/clock.h"
#include "lib/escape.h"
#include "lib/text.h"

/* An op, the right it needs, and what carries it out. */
struct agent_op {
	const char	*name;
	unsigned	 right;
	int		 needs_comment;
};

static const struct agent_op agent_ops[] = {
	{ "ack",	VCONF_RIGHT_ACK,	1 },
	{ "unack",	VCONF_RIGHT_ACK,	0 },
	{ "shelve",	VCONF_RIGHT_SHELVE,	0 },
	{ "unshelve",	VCONF_RIGHT_SHELVE,	0 },
	{ "comment",	VCONF_RIGHT_COMMENT,	1 },
	{ "approve",	VCONF_RIGHT_APPROVE,	0 },
};

/* The error codes counted, in agent_stats.refused order; "other" last. */
static const char *const agent_codes[AGENT_CODES] = {
	"bad-request", "unsupported", "not-found", "already-resolved",
	"forbidden", "expired", "too-large", "internal", "busy", "other"
};

/* The error code counted in refused[i]. */
const char *
agent_code_name(unsigned i)
{
	return (i < AGENT_CODES ? agent_codes[i] : "other");
}

/* Count an error answer by its code. */
static void
agent_control_count(struct agent *a, const char *code)
{
	unsigned	i;

	for (i = 0; i < AGENT_CODES - 1; i++) {
		if (strcmp(agent_codes[i], code) == 0)
			break;
	}
	a->stats.refused[i]++;
}

/* The op entry for a name, or NULL. */
static const struct agent_op *
agent_control_op(const char *name)
{
	size_t	i;

	for (i = 0; i < sizeof(agent_ops) / sizeof(agent_ops[0]); i++) {
		if (strcmp(agent_ops[i].name, name) == 0)
			return (&agent_ops[i]);
	}
	return (NULL);
}

/* May this operator do this op from this peer? NULL, or the reason. */
static const char *
agent_control_allowed(struct agent *a, const struct fohp_request *r,
    const struct agent_op *op, char *why, size_t len)
{
	return (vconf_may(&a->conf, r->operator_name, op->name, op->right,
	    a->peer_kind, a->peer_uid, a->is_signed, why, len));
}

/*
 * Write a refusal's audit line (and its log line, if log is not NULL),
 * unless the peer's refusals are over their rate.
 */
static void
agent_control_audit(struct agent *a, const struct journal_audit *au,
    const char *log)
{
	struct journal_audit	row = *au;

	if (!agent_limit_take(a))
		return;
	if (a->out->kind == FOHP_ERROR)	/* the refusal just built */
		text_copy(row.reason, sizeof(row.reason),
		    a->out->u.error.text);
	/* A failure is logged (once per streak) and counted by journal.c. */
	(void)agent_alerts_journal(a, NULL, &row, NULL, 0);
	if (log != NULL)
		fprintf(stderr, "fohd: warning: %s: %s\n", a->conf.id, log);
}

/* Publish the action message of an approved alert. */
static void
agent_control_action(struct agent *a, const struct fohp_alert *al,
    const char *who, uint64_t now_ms)
{
	struct fohp_msg	*m = agent_envelope(a, FOHP_ACTION);

	memset(&m->u.action, 0, sizeof(m->u.action));
	m->u.action.alert = al->id;
	memcpy(m->u.action.rule, al->rule, sizeof(m->u.action.rule));
	memcpy(m->u.action.subject, al->subject, sizeof(m->u.action.subject));
	memcpy(m->u.action.action, al->action, sizeof(m->u.action.action));
	text_copy(m->u.action.operator_name,
	    sizeof(m->u.action.operator_name), who);
	agent_publish(a, now_ms);
	agent_hook_run(a, al, who);
	agent_deliver_approved(a, al, who);	/* issue 16 */
}

/*
 * Encode the reply to a request carried out into a->answer, with the seq
 * the stream will have once the change is published (pending messages).
 * Without the alert map if it cannot be encoded. 0, or -1 and err.
 */
static int
agent_control_reply(struct agent *a, const struct fohp_request *r,
    const struct agent_op *op, enum alerts_result res,
    const struct alerts_entry *e, unsigned pending, char *err, size_t len)
{
	struct fohp_msg	*m = agent_envelope(a, FOHP_REPLY);
	struct fohp_err	 fe;

	memset(&m->u.reply, 0, sizeof(m->u.reply));
	m->seq = a->seq + pending;
	m->u.reply.id = r->id;
	text_copy(m->u.reply.status, sizeof(m->u.reply.status),
	    res == ALERTS_DONE ? "done" : "unchanged");
	snprintf(m->u.reply.text, sizeof(m->u.reply.text), "%s of alert %llu "
	    "by %s: %s", op->name, (unsigned long long)r->alert,
	    r->operator_name, res == ALERTS_DONE ? "done" :
	    "it was so already");
	if (e != NULL) {
		m->u.reply.has_alert = 1;
		m->u.reply.alert = e->a;
	}
	msgpack_sbuffer_clear(&a->answer);
	if (fohp_encode(&a->answer, m, 0, &fe) == FOHP_OK)
		return (0);
	if (m->u.reply.has_alert) {
		fprintf(stderr, "fohd: error: %s: alert %llu cannot be encoded "
		    "in the answer to request %llu, sent without it: %s\n",
		    a->conf.id, (unsigned long long)r->alert,
		    (unsigned long long)r->id, fe.text);
		m->u.reply.has_alert = 0;
		msgpack_sbuffer_clear(&a->answer);
		if (fohp_encode(&a->answer, m, 0, &fe) == FOHP_OK)
			return (0);
	}
	snprintf(err, len, "cannot encode the answer: %.200s", fe.text);
	return (-1);
}

/* How many alerts will be published by the next flush. */
static unsigned
agent_control_pending(const struct agent *a)
{
	unsigned	i, n = 0;

	for (i = 0; i < a->alerts->n; i++)
		n += a->alerts->e[i].changed != 0;
	return (n);
}

/*
 * Commit what an op did and its answer, in one transaction: the alert's
 * state (if it changed), the audit line and the answer to remember.
 * 0, or -1 and err.
 */
static int
agent_control_commit(struct agent *a, const struct fohp_request *r,
    const struct fohp_alert *changed, const struct journal_audit *au,
    char *err, size_t len)
{
	struct journal_answer	an;
	int			rv;

	if (a->journal == NULL) {
		if (r->id != 0)
			agent_answer_remember(a, r);
		return (0);
	}
	memset(&an, 0, sizeof(an));
	text_copy(an.peer, sizeof(an.peer), a->ident);
	text_copy(an.operator_name, sizeof(an.operator_name),
	    r->operator_name);
	an.id = r->id;
	an.digest = agent_answer_digest(r);
	an.bytes = a->answer.data;
	an.len = a->answer.size;
	rv = journal_record_answer(a->journal, changed, au, r->id != 0 ?
	    &an : NULL, err, len);
	a->stats.journal_errors = journal_errors(a->journal);
	return (rv);
}

/* Log an op carried out, with its operator's words, escaped. */
static void
agent_control_said(struct agent *a, const struct fohp_request *r,
    const struct agent_op *op, const struct journal_audit *au)
{
	char	who[ESCAPE_SIZE(FOHP_ID_MAX)];
	char	note[ESCAPE_SIZE(FOHP_TEXT_MAX)];

	escape_text(who, sizeof(who), r->operator_name);
	escape_text(note, sizeof(note), au->note);
	fprintf(stderr, "fohd: info: %s: %s of alert %llu by %s from %s "
	    "(request %llu): done%s%s%s\n", a->conf.id, op->name,
	    (unsigned long long)r->alert, who, a->peer,
	    (unsigned long long)r->id, note[0] != '\0' ? ": \"" : "", note,
	    note[0] != '\0' ? "\"" : "");
}

/*
 * Time passes (now_ms monotonic, as clock_mono_ms): sum up suppressed
 * refusals, keep the journal's count.
 */
void
agent_control_tick(struct agent *a, uint64_t now_ms)
{
	agent_limit_tick(a, now_ms);
	if (a->journal != NULL)
		a->stats.journal_errors = journal_errors(a->journal);
}

/*
 * Build the answer to a snapshot request with id into a->out: the store's
 * state, every open alert (agent_alerts_snapshot), the request's id. Tried
 * once here: should it not encode, it is counted, logged with the field,
 * and sent without its histories and raster rather than not at all.
 */
void
agent_snapshot(struct agent *a, uint64_t id)
{
	struct fohp_msg		*m = agent_envelope(a, FOHP_SNAPSHOT);
	struct fohp_snapshot	*sn = &m->u.snapshot;
	struct fohp_err		 err;
	unsigned		 i;

	store_snapshot(a->venue, sn);
	agent_hello(a, &sn->hello, clock_mono_ms());
	agent_alerts_snapshot(a, sn);
	sn->id = id;
	m->seq = a->seq;
	msgpack_sbuffer_clear(&a->buf);
	if (fohp_encode(&a->buf, m, 0, &err) == FOHP_OK ||
	    err.code == FOHP_ENOSPACE)
		return;
	a->stats.snapshots_degraded++;
	fprintf(stderr, "fohd: error: %s: snapshot does not encode, field "
	    "%s: %s; sent without histories\n", a->conf.id,
	    err.field[0] != '\0' ? err.field : "?", err.text);
	for (i = 0; i < sn->nzones; i++)
		sn->zones[i].nhist = 0;
	for (i = 0; i < sn->ngates; i++)
		sn->gates[i].nhist = 0;
	for (i = 0; i < sn->nequip; i++)
		sn->equip[i].nhist = 0;
	for (i = 0; i < sn->ndrift; i++)
		sn->drift[i].nhist = 0;
	sn->has_raster = 0;
	for (i = 0; i < sn->nalerts; i++)
		agent_pub_reduce(&sn->alerts[i]);
}

/* Carry out an alert op; fills the answer and the audit line. */
static void
agent_control_alert(struct agent *a, const struct fohp_request *r,
    const struct agent_op *op, struct journal_audit *au, uint64_t now)
{
	struct alerts_entry	*e;
	enum alerts_result	 res;
	char			 err[256];
	int			 approve = strcmp(op->name, "approve") == 0;

	/* What to put back if the change cannot be made durable. */
	if ((e = alerts_find(a->alerts, r->alert)) != NULL)
		a->undo = *e;
	/* The op entry the alert records names the key that signed it. */
	text_copy(a->alerts->signer, sizeof(a->alerts->signer),
	    a->is_signed ? a->signer.fp : "");
	if (strcmp(op->name, "ack") == 0)
		res = alerts_ack(a->alerts, r->alert, r->operator_name,
		    r->comment, r->expiry_s, r->ack_type, now);
	else if (strcmp(op->name, "unack") == 0)
		res = alerts_unack(a->alerts, r->alert, r->operator_name, now);
	else if (strcmp(op->name, "shelve") == 0)
		res = alerts_shelve(a->alerts, r->alert, r->operator_name,
		    r->duration_s, r->reason, now);
	else if (strcmp(op->name, "unshelve") == 0)
		res = alerts_unshelve(a->alerts, r->alert, r->operator_name,
		    now);
	else if (strcmp(op->name, "comment") == 0)
		res = alerts_comment(a->alerts, r->alert, r->operator_name,
		    r->comment, now);
	else
		res = alerts_approve(a->alerts, r->alert, r->operator_name,
		    r->comment, now);
	a->alerts->signer[0] = '\0';
	text_copy(au->result, sizeof(au->result), alerts_result_name(res));
	switch (res) {
	case ALERTS_NOT_FOUND:
		snprintf(err, sizeof(err), "no alert %llu at venue %s",
		    (unsigned long long)r->alert, a->conf.id);
		agent_refusal(a, r->id, "not-found", "alert", err);
		break;
	case ALERTS_ALREADY_RESOLVED:
		snprintf(err, sizeof(err), "alert %llu is already resolved; "
		    "nothing was changed", (unsigned long long)r->alert);
		agent_refusal(a, r->id, "already-resolved", "alert", err);
		break;
	case ALERTS_BAD_REQUEST:
		if (approve)
			agent_refusal(a, r->id, "bad-request", "alert",
			    "this alert's rule suggests no action to approve");
		else if (strcmp(op->name, "shelve") == 0)
			agent_refusal(a, r->id, "bad-request",
			    r->duration_s == 0 ? "duration_s" : "reason",
			    "shelve needs duration_s above 0 and a reason");
		else {
			snprintf(err, sizeof(err), "%s needs a comment",
			    op->name);
			agent_refusal(a, r->id, "bad-request", "comment", err);
		}
		break;
	case ALERTS_DONE:
	case ALERTS_UNCHANGED:
		/* Durable, answer included, before anything is published. */
		if (agent_control_reply(a, r, op, res, e,
		    agent_control_pending(a) + (res == ALERTS_DONE && approve),
		    err, sizeof(err)) != 0 ||
		    agent_control_commit(a, r, res == ALERTS_DONE && e != NULL ?
		    &e->a : NULL, au, err, sizeof(err)) != 0) {
			if (res == ALERTS_DONE && e != NULL)
				*e = a->undo;
			agent_refusal(a, r->id, "internal", "", err);
			return;
		}
		a->answer_ready = 1;
		if (res == ALERTS_DONE)
			agent_control_said(a, r, op, au);
		if (res == ALERTS_DONE && approve)
			agent_control_action(a, &e->a, r->operator_name,
			    clock_mono_ms());
		agent_alerts_flush(a, NULL, now);
		return;
	}
	/* Refusals are written to the audit trail too. */
	agent_control_audit(a, au, NULL);
}

/*
 * The answer to a request that did not decode: its id if it can be read;
 * unsupported "v" for another version, else field "kind" if it is of
 * another kind (a reply, say) whatever else is wrong with it.
 */
static void
agent_control_undecodable(struct agent *a, const void *req, size_t len,
    int rv, const struct fohp_err *derr)
{
	char		kind[FOHP_ID_MAX], safe[ESCAPE_SIZE(FOHP_ID_MAX)];
	char		text[FOHP_TEXT_MAX], log[ESCAPE_SIZE(FOHP_TEXT_MAX)];
	uint64_t	id;

	agent_raw_request(req, len, &id, kind, sizeof(kind));
	/* The version first (section 5): a v2 body may mean anything. */
	if (rv == FOHP_EVERSION)
		agent_refusal(a, id, "unsupported", "v", derr->text);
	else if (kind[0] != '\0' && strcmp(kind, "request") != 0 &&
	    strcmp(kind, "signed") != 0) {
		snprintf(text, sizeof(text), "kind \"%s\" is not a request",
		    escape_text(safe, sizeof(safe), kind));
		agent_refusal(a, id, "bad-request", "kind", text);
	} else
		agent_refusal(a, id, "bad-request", derr->field, derr->text);
	if (strcmp(kind, "signed") == 0)	/* check 1 (agent-sign.c) */
		agent_sign_count(a, AGENT_SIG_BODY);
	if (agent_limit_take(a))
		fprintf(stderr, "fohd: warning: %s: bad control request from "
		    "%s: %s\n", a->conf.id, a->peer, escape_text(log,
		    sizeof(log), a->out->u.error.text));
}

/* The alerts op: the maps of the alerts asked for that the agent keeps. */
static void
agent_control_alerts(struct agent *a, const struct fohp_request *r)
{
	struct alerts_entry	*e;
	struct fohp_msg		*m;
	unsigned		 i;

	if (r->nids == 0) {
		agent_refusal(a, r->id, "bad-request", "ids", "op alerts "
		    "needs ids: 1 to 64 alert ids");
		return;
	}
	m = agent_envelope(a, FOHP_REPLY);
	memset(&m->u.reply, 0, sizeof(m->u.reply));
	m->u.reply.id = r->id;
	text_copy(m->u.reply.status, sizeof(m->u.reply.status), "done");
	for (i = 0; i < r->nids && i < FOHP_ALERTS_MAX; i++) {
		if ((e = alerts_find(a->alerts, r->ids[i])) != NULL)
			m->u.reply.alerts[m->u.reply.nalerts++] = e->a;
	}
	snprintf(m->u.reply.text, sizeof(m->u.reply.text), "%u of the %u "
	    "alerts asked for are kept at venue %s", m->u.reply.nalerts,
	    (unsigned)r->nids, a->conf.id);
}

/*
 * Build the answer to a decoded request (rv is how decoding went) into
 * a->out, or into a->answer (a->answer_ready) if it was carried out: a
 * snapshot, a reply, or a refusal that says why.
 */
static void
agent_control_build(struct agent *a, const void *req, size_t len, int rv,
    const struct fohp_err *derr)
{
	const struct fohp_request	*r = &a->in->u.request;
	const struct agent_op		*op;
	struct journal_audit		 au;
	const char			*why;
	char				 text[FOHP_TEXT_MAX];
	char				 log[ESCAPE_SIZE(FOHP_TEXT_MAX) + 256];
	char				 who[ESCAPE_SIZE(FOHP_ID_MAX)];
	char				 safe[ESCAPE_SIZE(FOHP_TEXT_MAX)];
	uint64_t			 now = clock_wall_ms();

	if (rv != FOHP_OK || a->in->kind != FOHP_REQUEST) {
		agent_control_undecodable(a, req, len, rv, derr);
		return;
	}
	if (a->in->venue[0] != '\0' && strcmp(a->in->venue, a->conf.id) != 0) {
		snprintf(text, sizeof(text), "this agent serves venue \"%s\", "
		    "not \"%s\"", a->conf.id, a->in->venue);
		agent_refusal(a, r->id, "bad-request", "venue", text);
		return;
	}
	if (strcmp(r->op, "snapshot") == 0) {
		agent_snapshot(a, r->id);	/* every open alert, our id */
		return;
	}
	if (strcmp(r->op, "alerts") == 0) {
		agent_control_alerts(a, r);
		return;
	}
	if (strcmp(r->op, "summary") == 0) {	/* agent-summary.c */
		agent_summary(a, r);
		return;
	}
	if ((op = agent_control_op(r->op)) == NULL) {
		snprintf(text, sizeof(text), "op \"%s\" is not supported by "
		    "this agent", r->op);
		agent_refusal(a, r->id, "unsupported", "op", text);
		return;
	}
	if (r->operator_name[0] == '\0') {
		agent_refusal(a, r->id, "bad-request", "operator",
		    "every op but snapshot must name its operator");
		return;
	}
	if (r->alert == 0) {
		snprintf(text, sizeof(text), "%s needs the alert's id",
		    op->name);
		agent_refusal(a, r->id, "bad-request", "alert", text);
		return;
	}
	memset(&au, 0, sizeof(au));
	au.t_ms = now;
	au.alert = r->alert;
	text_copy(au.op, sizeof(au.op), op->name);
	text_copy(au.operator_name, sizeof(au.operator_name),
	    r->operator_name);
	text_copy(au.note, sizeof(au.note), r->comment[0] != '\0' ?
	    r->comment : r->reason);
	au.request = r->id;
	text_copy(au.peer, sizeof(au.peer), a->peer);
	agent_sign_audit(a, &au);
	escape_text(who, sizeof(who), r->operator_name);
	/* Too late: the client has stopped waiting; change nothing. */
	if (r->deadline_ms != 0 && now > r->deadline_ms) {
		snprintf(text, sizeof(text), "deadline %llu passed %llu ms "
		    "before the request arrived; nothing was carried out",
		    (unsigned long long)r->deadline_ms,
		    (unsigned long long)(now - r->deadline_ms));
		agent_refusal(a, r->id, "expired", "deadline_ms", text);
		snprintf(au.result, sizeof(au.result), "expired");
		snprintf(log, sizeof(log), "refused %s of alert %llu by %s "
		    "from %s: %s", op->name, (unsigned long long)r->alert, who,
		    a->peer, text);
		agent_control_audit(a, &au, log);
		return;
	}
	/* Unsigned where the policy wants a signature: say so (field sig). */
	if (!a->is_signed && (why = vconf_unsigned(&a->conf,
	    r->operator_name, a->peer_kind, text, sizeof(text))) != NULL) {
		agent_sign_count(a, AGENT_SIG_UNSIGNED);
		snprintf(au.result, sizeof(au.result), "forbidden");
		agent_refusal(a, r->id, "forbidden", "sig", why);
		snprintf(log, sizeof(log), "refused unsigned %s of alert %llu "
		    "by %s from %s: %s", op->name,
		    (unsigned long long)r->alert, who, a->peer,
		    escape_text(safe, sizeof(safe), why));
		agent_control_audit(a, &au, log);
		return;
	}
	if ((why = agent_control_allowed(a, r, op, text,
	    sizeof(text))) != NULL) {
		snprintf(au.result, sizeof(au.result), "forbidden");
		agent_refusal(a, r->id, "forbidden", "operator", why);
		snprintf(log, sizeof(log), "refused %s of alert %llu by %s "
		    "from %s: %s", op->name, (unsigned long long)r->alert, who,
		    a->peer, escape_text(safe, sizeof(safe), why));
		agent_control_audit(a, &au, log);
		return;
	}
	agent_control_alert(a, r, op, &au, now);
}

/* The audit line of a signed request as it stands (op, who, evidence). */
static void
agent_control_signed_row(struct agent *a, const struct fohp_request *r,
    struct journal_audit *au, const char *result)
{
	memset(au, 0, sizeof(*au));
	au->t_ms = clock_wall_ms();
	au->alert = r->alert;
	text_copy(au->op, sizeof(au->op), r->op);
	text_copy(au->operator_name, sizeof(au->operator_name),
	    r->operator_name);
	text_copy(au->note, sizeof(au->note), r->comment[0] != '\0' ?
	    r->comment : r->reason);
	au->request = r->id;
	text_copy(au->result, sizeof(au->result), result);
	text_copy(au->peer, sizeof(au->peer), a->peer);
	agent_sign_audit(a, au);
}

/* A signed request repeated: answered from memory, written down. */
static void
agent_control_repeat(struct agent *a, const struct fohp_request *r)
{
	struct journal_audit	au;

	agent_control_signed_row(a, r, &au, "repeat");
	text_copy(au.reason, sizeof(au.reason), "a repeat of a request "
	    "carried out: answered with its first answer, not carried out "
	    "again");
	if (agent_limit_take(a))
		(void)agent_alerts_journal(a, NULL, &au, NULL, 0);
}

/* A signed request reusing its key's id for another request: audit it. */
static void
agent_control_reused(struct agent *a, const struct fohp_request *r)
{
	struct journal_audit	au;

	agent_sign_count(a, AGENT_SIG_ID_REUSED);
	agent_control_signed_row(a, r, &au, "bad-request");
	text_copy(au.reason, sizeof(au.reason), a->out->u.error.text);
	if (agent_limit_take(a))
		(void)agent_alerts_journal(a, NULL, &au, NULL, 0);
}

/* The answer is bytes (a repeat's, malloc'd): keep them in a->answer. */
static void
agent_control_keep(struct agent *a, void *bytes, size_t len)
{
	msgpack_sbuffer_clear(&a->answer);
	if (msgpack_sbuffer_write(&a->answer, bytes, len) != 0)
		msgpack_sbuffer_clear(&a->answer);
	free(bytes);
}

/*
 * Answer one control request of len bytes from the peer from, whatever
 * carried it (nng's control socket, NATS): the same decoding, checks,
 * repeats and policy. *ans and *anslen are the answer's bytes, owned by
 * the agent and good until the next request; the caller sends them.
 */
void
agent_control_bytes(struct agent *a, const void *req, size_t len,
    const struct agent_from *from, const void **ans, size_t *anslen)
{
	const struct fohp_request	*r = &a->in->u.request;
	struct fohp_err			 derr, err;
	void				*bytes = NULL;
	int				 rv, erv, found = 0;
	uint64_t			 id = 0, digest = 0;
	char				 text[FOHP_TEXT_MAX];

	a->answer_ready = 0;
	a->is_signed = 0;
	a->peer_kind = from->kind;
	a->peer_uid = from->uid;
	a->via = from->transport;
	text_copy(a->peer, sizeof(a->peer), from->peer);
	text_copy(a->ident, sizeof(a->ident), a->peer);
	rv = fohp_decode(&a->dec, req, len, 0, a->in, &derr);
	/* Signed: checks 1-5 (agent-sign.c), then the body as a request. */
	if (rv == FOHP_OK && a->in->kind == FOHP_SIGNED &&
	    agent_sign_open(a) != 0)
		goto answer;
	id = rv == FOHP_OK ? r->id : 0;
	/* A repeat of a request carried out: its first answer, as it was. */
	if (rv == FOHP_OK && a->in->kind == FOHP_REQUEST && id != 0 &&
	    r->operator_name[0] != '\0' && agent_control_op(r->op) != NULL &&
	    (found = agent_answer_recall(a, r, &bytes, anslen, &digest)) == 1 &&
	    digest == agent_answer_digest(r)) {
		a->stats.replayed++;
		if (a->is_signed)
			agent_control_repeat(a, r);
		agent_control_keep(a, bytes, *anslen);
		a->via = NULL;
		*ans = a->answer.data;
		*anslen = a->answer.size;
		return;
	}
	if (found < 0) {
		/* Nobody can tell whether it was carried out: do not. */
		agent_refusal(a, id, "internal", "", "the journal cannot say "
		    "whether this request was carried out; retry later");
	} else if (found == 1) {
		/* The id of another request: neither replay nor carry out. */
		free(bytes);
		snprintf(text, sizeof(text), "request id %llu was used for "
		    "another request %s and operator; nothing was carried "
		    "out: use a fresh id", (unsigned long long)id,
		    a->is_signed ? "signed by this key" : "from this peer");
		agent_refusal(a, id, "bad-request", "id", text);
		if (a->is_signed)
			agent_control_reused(a, r);
		if (agent_limit_take(a))
			fprintf(stderr, "fohd: warning: %s: request id %llu "
			    "reused for another request from %s\n",
			    a->conf.id, (unsigned long long)id, a->peer);
	} else
		agent_control_build(a, req, len, rv, &derr);
answer:
	a->via = NULL;
	if (a->answer_ready) {
		*ans = a->answer.data;
		*anslen = a->answer.size;
		return;
	}
	/* A snapshot covers, and an answer reports, everything sent so far. */
	a->out->seq = a->seq;
	msgpack_sbuffer_clear(&a->buf);
	if ((erv = fohp_encode(&a->buf, a->out, 0, &err)) != FOHP_OK) {
		fprintf(stderr, "fohd: error: %s: cannot encode answer: %s\n",
		    a->conf.id, err.text);
		agent_refusal(a, id, erv == FOHP_ENOSPACE ? "too-large" :
		    "internal", "", err.text);
		a->out->seq = a->seq;
		msgpack_sbuffer_clear(&a->buf);
		(void)fohp_encode(&a->buf, a->out, 0, &err);
	}
	if (a->out->kind == FOHP_ERROR)
		agent_control_count(a, a->out->u.error.code);
	*ans = a->buf.data;
	*anslen = a->buf.size;
}

/*
 * Answer one request from the control socket (nng); takes req. Returns 0
 * if an answer was sent.
 */
int
agent_control(struct agent *a, nng_msg *req)
{
	struct agent_from	 from;
	char			 peer[sizeof(a->peer)];
	const void		*ans;
	size_t			 len;
	int			 rv;

	memset(&from, 0, sizeof(from));
	from.kind = agent_peer_of(a, req, &from.uid);
	text_copy(peer, sizeof(peer), a->peer);
	from.peer = peer;
	agent_control_bytes(a, nng_msg_body(req), nng_msg_len(req), &from,
	    &ans, &len);
	nng_msg_free(req);
	if ((rv = nng_send(a->rep, (void *)ans, len, 0)) == 0)
		a->stats.requests++;
	return (rv);
}
