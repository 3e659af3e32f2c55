/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-hook.c: how an approved action's hook ended, in the journal (issue
 * 15): the decision log of a post-event report says whether the action an
 * operator approved was carried out. agent-control.c starts the hook and
 * hands its pid here; agent-alerts.c's tick reaps children and this file
 * writes one audit line per hook: op "hook", no operator (fohd did it),
 * the hook's path as its note, and as its result "exit N", "signal N",
 * "not started" or "not followed" (more than AGENT_HOOKS_MAX running).
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <stdio.h>
#include <string.h>

#include "agent-priv.h"
#include "lib/clock.h"
#include "lib/text.h"

/* Journal how a hook of alert, approved by who, ended. */
void
agent_hook_note(struct agent *a, uint64_t alert, const char *who,
    const char *path, const char *result)
{
	struct journal_audit	au;
	char			err[256];

	if (a->journal == NULL)
		return;
	memset(&au, 0, sizeof(au));
	au.t_ms = clock_wall_ms();
	au.alert = alert;
	text_copy(au.op, sizeof(au.op), "hook");
	text_copy(au.note, sizeof(au.note), path);
	text_copy(au.result, sizeof(au.result), result);
	snprintf(au.peer, sizeof(au.peer), "fohd for %s", who);
	if (journal_record(a->journal, NULL, &au, err, sizeof(err)) != 0)
		fprintf(stderr, "fohd: error: %s: journal: hook of alert "
		    "%llu: %s\n", a->conf.id, (unsigned long long)alert, err);
}

/* Follow a hook that started, to journal how it ends. */
void
agent_hook_started(struct agent *a, pid_t pid, uint64_t alert,
    const char *who, const char *path)
{
	struct agent_hook	*h;

	if (a->nhooks == AGENT_HOOKS_MAX) {
		agent_hook_note(a, alert, who, path, "not followed");
		return;
	}
	h = &a->hooks[a->nhooks++];
	h->pid = pid;
	h->alert = alert;
	text_copy(h->who, sizeof(h->who), who);
	text_copy(h->path, sizeof(h->path), path);
}

/* Reap ended children; journal how each followed hook ended. */
void
agent_hook_reap(struct agent *a)
{
	pid_t		pid;
	unsigned	i;
	int		st;
	char		result[24];

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		for (i = 0; i < a->nhooks && a->hooks[i].pid != pid; i++)
			;
		if (i == a->nhooks)
			continue;
		if (WIFEXITED(st))
			snprintf(result, sizeof(result), "exit %d",
			    WEXITSTATUS(st));
		else
			snprintf(result, sizeof(result), "signal %d",
			    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
		agent_hook_note(a, a->hooks[i].alert, a->hooks[i].who,
		    a->hooks[i].path, result);
		a->hooks[i] = a->hooks[--a->nhooks];
	}
}
