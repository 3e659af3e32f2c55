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
 *   - over tcp control is refused unless [control] tcp = allow.
 *
 * Every refusal is answered with its reason and written to the journal.
 * A repeated request (same operator and id) gets the answer it got the
 * first time, from a small cache, and is not carried out twice.
 */
#include "config.h"

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nng/nng.h>

#include "agent-priv.h"
#include "clock.h"

extern char **environ;

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

/* How the request reached us, described into a->peer; uid for ipc. */
static enum vconf_peer
agent_control_peer(struct agent *a, nng_msg *req, int *uid)
{
	nng_pipe	p = nng_msg_get_pipe(req);
	nng_sockaddr	sa;
	uint64_t	u;
	const uint8_t	*b;

	*uid = -1;
	if (nng_pipe_get_uint64(p, NNG_OPT_IPC_PEER_UID, &u) == 0) {
		*uid = (int)u;
		snprintf(a->peer, sizeof(a->peer), "ipc uid %d", *uid);
		return (VCONF_PEER_IPC);
	}
	*uid = -1;
	if (nng_pipe_get_addr(p, NNG_OPT_REMADDR, &sa) == 0 &&
	    (sa.s_family == NNG_AF_INET || sa.s_family == NNG_AF_INET6)) {
		b = (const uint8_t *)&sa.s_in.sa_addr;
		if (sa.s_family == NNG_AF_INET)
			snprintf(a->peer, sizeof(a->peer), "tcp %u.%u.%u.%u",
			    b[0], b[1], b[2], b[3]);
		else
			snprintf(a->peer, sizeof(a->peer), "tcp ipv6");
		return (VCONF_PEER_TCP);
	}
	snprintf(a->peer, sizeof(a->peer), "inproc");
	return (VCONF_PEER_INPROC);
}

/* May this operator do this op from this peer? NULL, or the reason. */
static const char *
agent_control_allowed(struct agent *a, nng_msg *req,
    const struct fohp_request *r, const struct agent_op *op, char *why,
    size_t len)
{
	enum vconf_peer	peer;
	int		uid;

	peer = agent_control_peer(a, req, &uid);
	return (vconf_may(&a->conf, r->operator_name, op->name, op->right,
	    peer, uid, why, len));
}

/* Find a cached answer for a repeated request. */
static struct agent_answer *
agent_control_cached(struct agent *a, const struct fohp_request *r)
{
	unsigned	i;

	for (i = 0; i < AGENT_ANSWERS_KEPT; i++) {
		struct agent_answer	*an = &a->answers[i];

		if (an->id == r->id && an->bytes != NULL &&
		    strcmp(an->operator_name, r->operator_name) == 0)
			return (an);
	}
	return (NULL);
}

/* Remember the encoded answer to a request. */
static void
agent_control_remember(struct agent *a, const struct fohp_request *r)
{
	struct agent_answer	*an = &a->answers[a->answers_next];
	void			*bytes;

	if ((bytes = malloc(a->buf.size)) == NULL)
		return;
	free(an->bytes);
	memcpy(bytes, a->buf.data, a->buf.size);
	an->bytes = bytes;
	an->len = a->buf.size;
	an->id = r->id;
	agent_copy(an->operator_name, sizeof(an->operator_name),
	    r->operator_name);
	a->answers_next = (a->answers_next + 1) % AGENT_ANSWERS_KEPT;
}

/* Free the answer cache. */
void
agent_control_fini(struct agent *a)
{
	unsigned	i;

	for (i = 0; i < AGENT_ANSWERS_KEPT; i++) {
		free(a->answers[i].bytes);
		a->answers[i].bytes = NULL;
	}
}

/* Run an approved action's hook, if its rule has one; never waits. */
static void
agent_control_hook(struct agent *a, const struct fohp_alert *al,
    const char *who)
{
	char	 e[6][FOHP_TEXT_MAX + 32], *envp[64], *argv[2];
	pid_t	 pid;
	unsigned i, n = 0;

	for (i = 0; i < a->rules.n; i++) {
		const struct rule	*ru = &a->rules.r[i];

		if (strcmp(ru->id, al->rule) != 0 ||
		    strcmp(ru->subject, al->subject) != 0 ||
		    ru->hook[0] == '\0')
			continue;
		snprintf(e[0], sizeof(e[0]), "FOH_VENUE=%s", a->conf.id);
		snprintf(e[1], sizeof(e[1]), "FOH_ALERT=%llu",
		    (unsigned long long)al->id);
		snprintf(e[2], sizeof(e[2]), "FOH_RULE=%s", al->rule);
		snprintf(e[3], sizeof(e[3]), "FOH_SUBJECT=%s", al->subject);
		snprintf(e[4], sizeof(e[4]), "FOH_ACTION=%s", al->action);
		snprintf(e[5], sizeof(e[5]), "FOH_OPERATOR=%s", who);
		for (n = 0; n < 6; n++)
			envp[n] = e[n];
		for (i = 0; environ[i] != NULL && n < 63; i++) {
			if (strncmp(environ[i], "FOH_", 4) != 0)
				envp[n++] = environ[i];
		}
		envp[n] = NULL;
		argv[0] = (char *)ru->hook;
		argv[1] = NULL;
		if (posix_spawn(&pid, ru->hook, NULL, NULL, argv, envp) != 0)
			fprintf(stderr, "fohd: warning: %s: hook %s did not "
			    "start\n", a->conf.id, ru->hook);
		return;
	}
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
	agent_copy(m->u.action.operator_name,
	    sizeof(m->u.action.operator_name), who);
	agent_publish(a, now_ms);
	agent_control_hook(a, al, who);
}

/* Carry out an alert op; fills the answer and the audit line. */
static void
agent_control_alert(struct agent *a, const struct fohp_request *r,
    const struct agent_op *op, struct journal_audit *au, uint64_t now)
{
	struct alerts_entry	*e;
	enum alerts_result	 res;
	struct fohp_msg		*m;
	char			 err[256];

	if (strcmp(op->name, "ack") == 0)
		res = alerts_ack(a->alerts, r->alert, r->operator_name,
		    r->comment, r->expiry_s, now);
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
	agent_copy(au->result, sizeof(au->result), alerts_result_name(res));
	e = alerts_find(a->alerts, r->alert);
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
		if (agent_alerts_journal(a, NULL, au, err, sizeof(err)) != 0)
			fprintf(stderr, "fohd: error: journal: %s\n", err);
		return;
	case ALERTS_BAD_REQUEST:
		if (strcmp(op->name, "approve") == 0)
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
		/* Durable before anyone is told. */
		if (agent_alerts_journal(a, res == ALERTS_DONE && e != NULL ?
		    &e->a : NULL, au, err, sizeof(err)) != 0) {
			agent_refusal(a, r->id, "internal", "", err);
			return;
		}
		if (res == ALERTS_DONE && strcmp(op->name, "approve") == 0)
			agent_control_action(a, &e->a, r->operator_name, now);
		agent_alerts_flush(a, NULL, now);
		m = agent_envelope(a, FOHP_REPLY);
		memset(&m->u.reply, 0, sizeof(m->u.reply));
		m->u.reply.id = r->id;
		agent_copy(m->u.reply.status, sizeof(m->u.reply.status),
		    res == ALERTS_DONE ? "done" : "unchanged");
		snprintf(m->u.reply.text, sizeof(m->u.reply.text), "%s of "
		    "alert %llu by %s: %s", op->name,
		    (unsigned long long)r->alert, r->operator_name,
		    res == ALERTS_DONE ? "done" : "it was so already");
		if (e != NULL) {
			m->u.reply.has_alert = 1;
			m->u.reply.alert = e->a;
		}
		return;
	}
	/* Refusals are written to the audit trail too. */
	if (agent_alerts_journal(a, NULL, au, err, sizeof(err)) != 0)
		fprintf(stderr, "fohd: error: journal: %s\n", err);
}

/*
 * Build the answer to a decoded request (rv is how decoding went) into
 * a->out: a snapshot, a reply, or a refusal that says why.
 */
static void
agent_control_build(struct agent *a, nng_msg *req, int rv,
    const struct fohp_err *derr)
{
	const struct fohp_request	*r = &a->in->u.request;
	const struct agent_op		*op;
	struct journal_audit		 au;
	const char			*why;
	char				 text[FOHP_TEXT_MAX], err[256];
	uint64_t			 now = clock_wall_ms();

	if (rv == FOHP_EVERSION) {
		agent_refusal(a, 0, "unsupported", "v", derr->text);
		return;
	}
	if (rv != FOHP_OK) {
		agent_refusal(a, 0, "bad-request", derr->field, derr->text);
		return;
	}
	if (a->in->kind != FOHP_REQUEST) {
		snprintf(text, sizeof(text), "kind \"%s\" is not a request",
		    fohp_kind_name(a->in->kind));
		agent_refusal(a, 0, "bad-request", "kind", text);
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
	agent_copy(au.op, sizeof(au.op), op->name);
	agent_copy(au.operator_name, sizeof(au.operator_name),
	    r->operator_name);
	agent_copy(au.note, sizeof(au.note), r->comment[0] != '\0' ?
	    r->comment : r->reason);
	au.request = r->id;
	if ((why = agent_control_allowed(a, req, r, op, text,
	    sizeof(text))) != NULL) {
		agent_copy(au.peer, sizeof(au.peer), a->peer);
		snprintf(au.result, sizeof(au.result), "forbidden");
		agent_refusal(a, r->id, "forbidden", "operator", why);
		if (agent_alerts_journal(a, NULL, &au, err, sizeof(err)) != 0)
			fprintf(stderr, "fohd: error: journal: %s\n", err);
		fprintf(stderr, "fohd: warning: %s: refused %s of alert %llu "
		    "by %s from %s: %s\n", a->conf.id, op->name,
		    (unsigned long long)r->alert, r->operator_name, a->peer,
		    why);
		return;
	}
	agent_copy(au.peer, sizeof(au.peer), a->peer);
	agent_control_alert(a, r, op, &au, now);
}

/* Answer one control request; takes req. Returns 0 if an answer was sent. */
int
agent_control(struct agent *a, nng_msg *req)
{
	struct agent_answer	*cached;
	struct fohp_err		 derr, err;
	int			 rv, erv, cache = 0;
	uint64_t		 id;

	rv = fohp_decode(&a->dec, nng_msg_body(req), nng_msg_len(req), 0,
	    a->in, &derr);
	if (rv != FOHP_OK)
		fprintf(stderr, "fohd: warning: %s: bad control request: %s\n",
		    a->conf.id, derr.text);
	id = rv == FOHP_OK ? a->in->u.request.id : 0;
	if (rv == FOHP_OK && a->in->kind == FOHP_REQUEST &&
	    strcmp(a->in->u.request.op, "snapshot") != 0 && id != 0) {
		if ((cached = agent_control_cached(a,
		    &a->in->u.request)) != NULL) {
			nng_msg_free(req);
			rv = nng_send(a->rep, cached->bytes, cached->len, 0);
			a->stats.requests += rv == 0;
			return (rv);
		}
		cache = 1;
	}
	agent_control_build(a, req, rv, &derr);
	nng_msg_free(req);
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
		cache = 0;
	}
	/* A failure of ours is not an answer to keep: a retry tries again. */
	if (a->out->kind == FOHP_ERROR &&
	    strcmp(a->out->u.error.code, "internal") == 0)
		cache = 0;
	if (cache)
		agent_control_remember(a, &a->in->u.request);
	if ((rv = nng_send(a->rep, a->buf.data, a->buf.size, 0)) == 0)
		a->stats.requests++;
	return (rv);
}
