/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-answer.c: answers remembered, so a repeated request is answered
 * again and not carried out twice (agent-control.c says why). With a
 * journal the journal remembers them, in the transaction that commits the
 * change; without one, a small ring in memory does.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent-priv.h"
#include "lib/clock.h"
#include "lib/text.h"

/*
 * What a request asks, as a number: its op, alert, words, durations and
 * ack type (not its deadline, which a client may move when it retries).
 * A repeat must have the same; another request reusing the id has not.
 */
uint64_t
agent_answer_digest(const struct fohp_request *r)
{
	uint64_t	h = AGENT_FNV_BASIS;

	h = agent_fnv(h, r->op, strlen(r->op) + 1);
	h = agent_fnv(h, &r->alert, sizeof(r->alert));
	h = agent_fnv(h, r->comment, strlen(r->comment) + 1);
	h = agent_fnv(h, r->reason, strlen(r->reason) + 1);
	h = agent_fnv(h, &r->expiry_s, sizeof(r->expiry_s));
	h = agent_fnv(h, &r->duration_s, sizeof(r->duration_s));
	if (r->ack_type == FOHP_ACK_NONSTICKY)	/* sticky: as before it */
		h = agent_fnv(h, "n", 1);
	return (h);
}

/*
 * The answer remembered for this request from this peer: 1 and *bytes
 * (malloc'd, the caller frees), *len and the *digest of the request it
 * answered; 0 if none; -1 if the journal cannot say (then nobody knows
 * whether it was carried out).
 */
int
agent_answer_recall(struct agent *a, const struct fohp_request *r,
    void **bytes, size_t *len, uint64_t *digest)
{
	struct journal_answer	 an;
	char			 err[256];
	unsigned		 i;
	int			 rv;

	if (a->journal != NULL) {
		memset(&an, 0, sizeof(an));
		text_copy(an.peer, sizeof(an.peer), a->ident);
		text_copy(an.operator_name, sizeof(an.operator_name),
		    r->operator_name);
		an.id = r->id;
		rv = journal_answer(a->journal, &an, clock_wall_ms(), err,
		    sizeof(err));
		if (rv < 0)
			fprintf(stderr, "fohd: error: %s: journal: %s\n",
			    a->conf.id, err);
		*bytes = an.bytes;
		*len = an.len;
		*digest = an.digest;
		return (rv);
	}
	for (i = 0; i < AGENT_ANSWERS_KEPT; i++) {
		struct agent_answer	*m = &a->answers[i];

		if (m->id != r->id || m->bytes == NULL ||
		    strcmp(m->operator_name, r->operator_name) != 0 ||
		    strcmp(m->peer, a->ident) != 0)
			continue;
		if ((*bytes = malloc(m->len)) == NULL)
			return (-1);
		memcpy(*bytes, m->bytes, m->len);
		*len = m->len;
		*digest = m->digest;
		return (1);
	}
	return (0);
}

/* Without a journal: remember the encoded answer in memory. */
void
agent_answer_remember(struct agent *a, const struct fohp_request *r)
{
	struct agent_answer	*an = &a->answers[a->answers_next];
	void			*bytes;

	if ((bytes = malloc(a->answer.size)) == NULL)
		return;
	free(an->bytes);
	memcpy(bytes, a->answer.data, a->answer.size);
	an->bytes = bytes;
	an->len = a->answer.size;
	an->id = r->id;
	an->digest = agent_answer_digest(r);
	text_copy(an->peer, sizeof(an->peer), a->ident);
	text_copy(an->operator_name, sizeof(an->operator_name),
	    r->operator_name);
	a->answers_next = (a->answers_next + 1) % AGENT_ANSWERS_KEPT;
}

/* Free the answer memory. */
void
agent_answer_fini(struct agent *a)
{
	unsigned	i;

	for (i = 0; i < AGENT_ANSWERS_KEPT; i++) {
		free(a->answers[i].bytes);
		a->answers[i].bytes = NULL;
	}
	msgpack_sbuffer_destroy(&a->answer);
}
