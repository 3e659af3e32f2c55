/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-rules.c: the keys of [rule ID], [rules], [operator NAME],
 * [control] and [journal], each checked as it is read (vconf.c calls them
 * from its handler).
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cfg.h"
#include "vconf-priv.h"

/*
 * flap_transitions (0-255) or flap_window (a duration > 0), of [rule ID]
 * or [rules], into *n or *ms. 0, or -1 with the error set.
 */
static int
vconf_flap_key(struct vconf_parse *p, const char *rule, const char *name,
    const char *value, uint8_t *n, uint32_t *ms)
{
	const char		*sep = *rule != '\0' ? ": " : "";
	unsigned long long	v;
	uint64_t		d;

	if (name[5] == 't') {
		if (vconf_uint(value, 0, UINT8_MAX, &v) != 0) {
			snprintf(p->error, sizeof(p->error), "%s%sflap_"
			    "transitions \"%s\" must be a whole number from 0 "
			    "(never flapping) to 255", rule, sep, value);
			return (-1);
		}
		*n = (uint8_t)v;
		return (0);
	}
	if (cfg_duration(value, 1, VCONF_DURATION_MAX, &d) != 0) {
		snprintf(p->error, sizeof(p->error), "%s%sflap_window \"%s\" "
		    "must be a duration from 1ms to 168h, like 10m", rule, sep,
		    value);
		return (-1);
	}
	*ms = (uint32_t)d;
	return (0);
}

/* Handle one key of [rules]: what every rule takes unless it says. */
int
vconf_rules_key(struct vconf_parse *p, const char *name, const char *value)
{
	struct vconf	*c = p->c;
	uint64_t	 d;
	double		 x;

	if (strcmp(name, "flap_transitions") == 0 ||
	    strcmp(name, "flap_window") == 0) {
		if (vconf_flap_key(p, "", name, value, &c->flap_transitions,
		    &c->flap_window_ms) != 0)
			return (0);
		if (name[5] == 't')
			c->has_flap_transitions = 1;
	} else if (strcmp(name, "drift_hold") == 0) {
		if (cfg_duration(value, 0, VCONF_DURATION_MAX, &d) != 0) {
			snprintf(p->error, sizeof(p->error), "drift_hold \"%s\" "
			    "must be a duration from 0s to 168h, like 2m",
			    value);
			return (0);
		}
		c->drift_hold_ms = (uint32_t)d;
		c->has_drift_hold = 1;
	} else if (strcmp(name, "drift_clear") == 0) {
		if (cfg_double(value, 0, 1, &x) != 0 || x <= 0 || x >= 1) {
			snprintf(p->error, sizeof(p->error), "drift_clear \"%s\" "
			    "must be a number between 0 and 1 (the share of "
			    "the threshold where drift rules clear), like 0.6",
			    value);
			return (0);
		}
		c->drift_clear = x;
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[rules]", name);
		return (0);
	}
	return (1);
}

/* Handle one key of [rule ID]. */
int
vconf_rule_key(struct vconf_parse *p, struct vconf_rule *r, const char *name,
    const char *value)
{
	static const char *const kinds[] = { "threshold", "rate", "forecast",
	    "status", "rul", "drift", NULL };
	static const char *const targets[] = { "zone", "gate", "device",
	    "model", NULL };
	const char	*colon;
	char		 who[FOHP_ID_MAX + 8];
	double		 d;
	uint32_t	 ms;
	unsigned	 i;

	if (strcmp(name, "kind") == 0) {
		if (!vconf_oneof(value, kinds)) {
			snprintf(p->error, sizeof(p->error), "rule %s: kind "
			    "\"%s\" must be threshold, rate, forecast, status, "
			    "rul or drift", r->id, value);
			return (0);
		}
		strcpy(r->kind, value);
	} else if (strcmp(name, "on") == 0) {
		/* on = zone:floor, zone:*, gate:g3, device:*, model:counter */
		if ((colon = strchr(value, ':')) == NULL ||
		    (size_t)(colon - value) >= sizeof(r->target) ||
		    strlen(colon + 1) >= sizeof(r->subject) ||
		    colon[1] == '\0')
			goto bad;
		memcpy(r->target, value, (size_t)(colon - value));
		r->target[colon - value] = '\0';
		strcpy(r->subject, colon + 1);
		if (!vconf_oneof(r->target, targets)) {
			snprintf(p->error, sizeof(p->error), "rule %s: on \"%s\" "
			    "must be zone:ID, gate:ID, device:ID or model:ID "
			    "(ID may be *)", r->id, value);
			return (0);
		}
	} else if (strcmp(name, "metric") == 0) {
		if (!vconf_valid_id(value))
			goto bad;
		strcpy(r->metric, value);
	} else if (strcmp(name, "above") == 0 || strcmp(name, "below") == 0 ||
	    strcmp(name, "clear") == 0) {
		if (cfg_double(value, -DBL_MAX, DBL_MAX, &d) != 0)
			goto bad;
		if (name[0] == 'c') {
			r->clear = d;
			r->has_clear = 1;
		} else {
			r->threshold = d;
			r->below = name[0] == 'b';
		}
	} else if (strcmp(name, "for") == 0 || strcmp(name, "window") == 0 ||
	    strcmp(name, "escalate_after") == 0 ||
	    strcmp(name, "horizon") == 0) {
		if (vconf_duration(value, VCONF_DURATION_MAX, &ms) != 0) {
			snprintf(p->error, sizeof(p->error), "rule %s: %s \"%s\" "
			    "must be a duration from 0s to 168h, like 30s, 5m or "
			    "1h30m", r->id, name, value);
			return (0);
		}
		if (name[0] == 'f') {
			r->for_ms = ms;
			r->has_for = 1;
		} else if (name[0] == 'w')
			r->window_ms = ms;
		else if (name[0] == 'e')
			r->escalate_ms = ms;
		else
			r->horizon_s = ms / 1000.0;
	} else if (strcmp(name, "flap_transitions") == 0 ||
	    strcmp(name, "flap_window") == 0) {
		snprintf(who, sizeof(who), "rule %s", r->id);
		if (vconf_flap_key(p, who, name, value, &r->flap_transitions,
		    &r->flap_window_ms) != 0)
			return (0);
		if (name[5] == 't')
			r->has_flap_transitions = 1;
	} else if (strcmp(name, "min_r2") == 0) {
		if (cfg_double(value, 0, 1, &d) != 0)
			goto bad;
		r->min_r2 = d;
	} else if (strcmp(name, "severity") == 0) {
		for (i = 0; i < FOHP_SEV_COUNT; i++) {
			if (strcmp(value, fohp_severity_name(
			    (enum fohp_severity)i)) == 0)
				break;
		}
		if (i == FOHP_SEV_COUNT) {
			snprintf(p->error, sizeof(p->error), "rule %s: severity "
			    "\"%s\" must be info, warning or critical", r->id,
			    value);
			return (0);
		}
		r->severity = (enum fohp_severity)i;
	} else if (strcmp(name, "words") == 0) {
		if (vconf_str(r->words, sizeof(r->words), value) != 0)
			goto bad;
	} else if (strcmp(name, "action") == 0) {
		if (vconf_str(r->action, sizeof(r->action), value) != 0)
			goto bad;
	} else if (strcmp(name, "hook") == 0) {
		if (vconf_str(r->hook, sizeof(r->hook), value) != 0 ||
		    value[0] != '/') {
			snprintf(p->error, sizeof(p->error), "rule %s: hook must "
			    "be an absolute path to a program", r->id);
			return (0);
		}
	} else if (strcmp(name, "publish") == 0 ||
	    strcmp(name, "webhook") == 0) {	/* issue 16 */
		snprintf(who, sizeof(who), "rule %s", r->id);
		return (vconf_actions_target(p, who, name, value,
		    name[0] == 'p' ? r->publish : r->webhook,
		    sizeof(r->publish)));
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[rule %s]", name, r->id);
		return (0);
	}
	return (1);
bad:
	snprintf(p->error, sizeof(p->error), "rule %s: %s \"%s\" is not valid",
	    r->id, name, value);
	return (0);
}

/* Handle one key of [operator ID]. */
int
vconf_operator_key(struct vconf_parse *p, struct vconf_operator *o,
    const char *name, const char *value)
{
	static const struct {
		const char	*word;
		unsigned	 bit;
	} rights[] = {
		{ "ack", VCONF_RIGHT_ACK }, { "shelve", VCONF_RIGHT_SHELVE },
		{ "comment", VCONF_RIGHT_COMMENT },
		{ "approve", VCONF_RIGHT_APPROVE }, { "all", VCONF_RIGHT_ALL },
	};
	unsigned long long	 n;
	char			 list[256], *tok, *save;
	unsigned		 i;

	if (strcmp(name, "key") == 0)
		return (vconf_signers_key(p, o, value));
	if (strcmp(name, "uid") == 0) {
		if (vconf_uint(value, 0, 0x7fffffff, &n) != 0)
			goto bad;
		o->uid = (long)n;
		o->has_uid = 1;
	} else if (strcmp(name, "rights") == 0) {
		if (strlen(value) >= sizeof(list))
			goto bad;
		strcpy(list, value);
		o->rights = 0;
		for (tok = strtok_r(list, ", ", &save); tok != NULL;
		    tok = strtok_r(NULL, ", ", &save)) {
			for (i = 0; i < sizeof(rights) / sizeof(rights[0]);
			    i++) {
				if (strcmp(tok, rights[i].word) == 0)
					break;
			}
			if (i == sizeof(rights) / sizeof(rights[0])) {
				snprintf(p->error, sizeof(p->error), "operator "
				    "%s: right \"%s\" must be ack, shelve, "
				    "comment, approve or all", o->id, tok);
				return (0);
			}
			o->rights |= rights[i].bit;
		}
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[operator %s]", name, o->id);
		return (0);
	}
	return (1);
bad:
	snprintf(p->error, sizeof(p->error), "operator %s: %s \"%s\" is not "
	    "valid", o->id, name, value);
	return (0);
}

/* Handle [control] and [journal] keys. */
int
vconf_misc_key(struct vconf_parse *p, const char *section, const char *name,
    const char *value)
{
	struct vconf	*c = p->c;

	if (strcmp(section, "control") == 0 && strcmp(name, "tcp") == 0) {
		if (strcmp(value, "allow") == 0)
			c->control_tcp = VCONF_TCP_ALLOW;
		else if (strcmp(value, "signed") == 0)
			c->control_tcp = VCONF_TCP_SIGNED;
		else if (strcmp(value, "refuse") == 0)
			c->control_tcp = VCONF_TCP_REFUSE;
		else {
			snprintf(p->error, sizeof(p->error), "tcp \"%s\" must "
			    "be refuse, signed or allow", value);
			return (0);
		}
		return (1);
	}
	if (strcmp(section, "control") == 0 &&
	    strcmp(name, "allowed_signers") == 0) {
		if (vconf_str(c->allowed_signers, sizeof(c->allowed_signers),
		    value) != 0) {
			snprintf(p->error, sizeof(p->error), "allowed_signers "
			    "must be 1-%d bytes", VCONF_URL_MAX - 1);
			return (0);
		}
		return (1);
	}
	if (strcmp(section, "control") == 0 && strcmp(name, "window") == 0) {
		if (vconf_duration(value, 3600000, &c->sign_window_ms) != 0 ||
		    c->sign_window_ms < 1000) {
			snprintf(p->error, sizeof(p->error), "window \"%s\" "
			    "must be a duration from 1s to 1h", value);
			return (0);
		}
		return (1);
	}
	if (strcmp(section, "journal") == 0 && strcmp(name, "path") == 0) {
		if (vconf_str(c->journal, sizeof(c->journal), value) != 0) {
			snprintf(p->error, sizeof(p->error), "journal path "
			    "must be 1-%d bytes", VCONF_URL_MAX - 1);
			return (0);
		}
		return (1);
	}
	snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in [%s]",
	    name, section);
	return (0);
}
