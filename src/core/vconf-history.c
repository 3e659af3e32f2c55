/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-history.c: [history] (step, retention, enabled): how often fohd
 * writes the venue's state into its journal and how long it keeps it
 * (issue 15; the agent's side is src/agent/agent-history.c). Each value is
 * checked as it is read; that retention is at least the step and that
 * enabled = yes has a journal to write to are checked on the whole file,
 * naming the line of the key at fault.
 *
 * Also the config's fingerprint, noted in the journal at every start and
 * reload so a report can say which config was in force: the first 16 hex
 * digits of the SHA-256 of the file's bytes, which anyone can check with
 * `sha256sum fohd.conf | cut -c1-16`.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "lib/cfg.h"
#include "vconf-priv.h"

#define VCONF_HISTORY_STEP_MIN	1000ULL			/* 1 s */
#define VCONF_HISTORY_STEP_MAX	3600000ULL		/* 1 h */
#define VCONF_HISTORY_STEP	10000U			/* 10 s */
#define VCONF_HISTORY_KEEP_MAX	(3660ULL * 86400000)	/* ten years */
#define VCONF_HISTORY_KEEP	(30ULL * 86400000)	/* 30 days */

/* Handle one key of [history] at line; 0 with p->error on an error. */
int
vconf_history_key(struct vconf_parse *p, int line, const char *name,
    const char *value)
{
	struct vconf	*c = p->c;
	uint64_t	 v;
	int		 yes;

	if (strcmp(name, "step") == 0) {
		if (cfg_duration(value, VCONF_HISTORY_STEP_MIN,
		    VCONF_HISTORY_STEP_MAX, &v) != 0) {
			snprintf(p->error, sizeof(p->error), "step \"%.64s\" "
			    "must be a duration from 1s to 1h, like 10s",
			    value);
			return (0);
		}
		c->history_step_ms = (uint32_t)v;
		p->history_step_line = line;
		return (1);
	}
	if (strcmp(name, "retention") == 0) {
		if (cfg_duration(value, VCONF_HISTORY_STEP_MIN,
		    VCONF_HISTORY_KEEP_MAX, &v) != 0) {
			snprintf(p->error, sizeof(p->error), "retention "
			    "\"%.64s\" must be a duration from 1s to 3660d, "
			    "like 30d", value);
			return (0);
		}
		c->history_keep_ms = v;
		p->history_keep_line = line;
		return (1);
	}
	if (strcmp(name, "enabled") == 0) {
		if (vconf_yesno(value, &yes) != 0) {
			snprintf(p->error, sizeof(p->error), "enabled "
			    "\"%.64s\" must be yes or no", value);
			return (0);
		}
		c->history_enabled = yes;
		p->history_on_line = line;
		return (1);
	}
	snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
	    "[history]", name);
	return (0);
}

/* The defaults of [history], before reading: enabled is decided after. */
void
vconf_history_defaults(struct vconf *c)
{
	c->history_step_ms = VCONF_HISTORY_STEP;
	c->history_keep_ms = VCONF_HISTORY_KEEP;
	c->history_enabled = -1;
}

/* [history] whole: retention at least the step, a journal if enabled. */
int
vconf_check_history(struct vconf_parse *p, const char *name, char *err,
    size_t errlen)
{
	struct vconf	*c = p->c;
	int		 line;

	if (c->history_keep_ms < c->history_step_ms) {
		line = p->history_keep_line != 0 ? p->history_keep_line :
		    p->history_step_line;
		return (cfg_error(err, errlen, name, line, "[history] "
		    "retention (%llu ms) is shorter than its step (%lu ms): "
		    "keep at least one step", (unsigned long long)
		    c->history_keep_ms, (unsigned long)c->history_step_ms));
	}
	if (c->history_enabled == 1 && c->journal[0] == '\0')
		return (cfg_error(err, errlen, name, p->history_on_line,
		    "[history] enabled = yes needs a journal to write to "
		    "([journal] path = FILE)"));
	if (c->history_enabled < 0)
		c->history_enabled = c->journal[0] != '\0';
	return (0);
}

/* The config's fingerprint: the first 16 hex digits of its SHA-256. */
void
vconf_history_fingerprint(struct vconf *c, const char *text)
{
	unsigned char	h[crypto_hash_sha256_BYTES];
	unsigned	i;

	crypto_hash_sha256(h, (const unsigned char *)text, strlen(text));
	for (i = 0; i < (sizeof(c->fingerprint) - 1) / 2; i++)
		snprintf(c->fingerprint + 2 * i, 3, "%02x", h[i]);
}
