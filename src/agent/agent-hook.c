/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-hook.c: an approved action's hook, started and how it ended, in
 * the journal (issue 15): the decision log of a post-event report says
 * whether the action an operator approved was carried out. agent-control.c
 * asks for the hook here once the approval is published; agent-alerts.c's
 * tick reaps children and this file writes one audit line per hook: op
 * "hook", no operator (fohd did it), the hook's path as its note, and as
 * its result "exit N", "signal N", "not started", "not followed" (more
 * than AGENT_HOOKS_MAX running), "skipped: drill" (a drill runs no hook:
 * it would act on the real venue) or "running at stop" (fohd stopped
 * first; the hook is left to finish, its end unknown to the journal).
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>

#include "agent-priv.h"
#include "lib/text.h"

extern char **environ;

/*
 * Journal how a hook of alert, approved by who, ended; noted on the alert
 * too (issue 16), so the stream and the why-pane show it.
 */
void
agent_hook_note(struct agent *a, uint64_t alert, const char *who,
    const char *path, const char *result)
{
	agent_deliver_outcome(a, alert, who, "hook", path, result, "",
	    result);
}

/*
 * Spawn a hook as pid: in a session of its own (a Ctrl-C to fohd's
 * terminal or a signal to its process group does not reach it: what an
 * operator approved is not cut short by fohd's stop), with SIGPIPE back
 * to its default (fohd ignores it). posix_spawn's result.
 */
static int
agent_hook_spawn(pid_t *pid, const char *path, char **argv, char **envp)
{
	posix_spawnattr_t	attr;
	sigset_t		def;
	int			rv;

	if ((rv = posix_spawnattr_init(&attr)) != 0)
		return (rv);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	if ((rv = posix_spawnattr_setsigdefault(&attr, &def)) == 0 &&
	    (rv = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID |
	    POSIX_SPAWN_SETSIGDEF)) == 0)
		rv = posix_spawn(pid, path, NULL, &attr, argv, envp);
	posix_spawnattr_destroy(&attr);
	return (rv);
}

/*
 * Run an approved action's hook, if its rule has one; never waits. A
 * drill's approval runs none (PROTOCOL.md 15): the hook would act on the
 * real venue; "skipped: drill" is journaled as its end instead.
 */
void
agent_hook_run(struct agent *a, const struct fohp_alert *al,
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
		if (a->conf.drill || al->drill) {
			fprintf(stderr, "fohd: info: %s: drill: hook %s of "
			    "alert %llu not run\n", a->conf.id, ru->hook,
			    (unsigned long long)al->id);
			agent_hook_note(a, al->id, who, ru->hook,
			    "skipped: drill");
			return;
		}
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
		if (agent_hook_spawn(&pid, ru->hook, argv, envp) != 0) {
			fprintf(stderr, "fohd: warning: %s: hook %s did not "
			    "start\n", a->conf.id, ru->hook);
			agent_hook_note(a, al->id, who, ru->hook,
			    "not started");
		} else	/* issue 15: how it ends, in the journal */
			agent_hook_started(a, pid, al->id, who, ru->hook);
		return;
	}
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

/*
 * fohd stops: reap what has ended, then journal each hook still running
 * as "running at stop", so the decision log does not show an approved
 * action as never carried out. The hook is not killed: it acts on the
 * venue, and stopping fohd must not cut an action an operator approved
 * (it runs in its own session; the systemd unit has KillMode=process).
 */
void
agent_hook_stop(struct agent *a)
{
	agent_hook_reap(a);
	while (a->nhooks > 0) {
		const struct agent_hook	*h = &a->hooks[--a->nhooks];

		fprintf(stderr, "fohd: warning: %s: hook %s of alert %llu "
		    "still running (pid %ld) at stop\n", a->conf.id, h->path,
		    (unsigned long long)h->alert, (long)h->pid);
		agent_hook_note(a, h->alert, h->who, h->path,
		    "running at stop");
	}
}
