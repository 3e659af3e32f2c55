/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-actions.c: where approved actions go (issue 16). A rule's
 * publish = TOPIC (MQTT, on the [mqtt] broker, QoS 1) and webhook = URL
 * (an HTTP POST), and [actions]: the publish and webhook of every zone
 * and gate rule (the crowd's: their actions move people) that sets none,
 * and how a delivery is tried (retries, timeout per attempt, backoff
 * before the first retry, doubling). The agent's side is
 * src/agent/deliver.c.
 *
 * A topic is checked here as MQTT checks a topic to publish on (no
 * wildcards, 1 to 255 bytes); the core cannot call src/net, and
 * mqttlink_publish checks it again. A webhook is http://HOST[:PORT][/PATH]:
 * https:// is refused, since fohd does not check a server's certificate
 * on this path (put a local relay in front of an https:// receiver).
 * A publish with no [mqtt] url is not an error (the broker may be added
 * on a reload) but a warning naming its line, kept in actions_warning for
 * fohd to print; such deliveries fail, visibly, as "no [mqtt] url".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cfg.h"
#include "lib/text.h"
#include "lib/url.h"
#include "vconf-priv.h"

#define VCONF_ACTIONS_RETRIES	3
#define VCONF_ACTIONS_TIMEOUT	5000U		/* ms, per attempt */
#define VCONF_ACTIONS_BACKOFF	1000U		/* ms, before the 1st retry */

/*
 * Is s a topic one may publish on: 1-255 bytes, no + or #, no control,
 * not the broker's own ($SYS/...: mosquitto acknowledges a publish there
 * and drops it, so the delivery would be "acknowledged" and lost)?
 */
int
vconf_actions_topic_ok(const char *s)
{
	/* $... is the broker's ($SYS): it takes a publish and gives it to
	 * no one, so fohd would journal "acknowledged" for nothing. */
	return (s[0] != '$' && url_mqtt_topic_ok(s, 0, 256));
}

/*
 * Is s a webhook URL fohd can post to: http://HOST[:PORT][/PATH], no
 * blanks? NULL if so, else why.
 */
int
vconf_actions_url_why(const char *s, char *why, size_t len)
{
	static const char *const schemes[] = { "http", NULL };
	struct url	u;
	char		err[URL_PART_MAX + 64];
	const char	*w = NULL;

	if (strncmp(s, "https://", 8) == 0)
		w = "https:// is not supported (fohd does not check a "
		    "receiver's certificate on this path): post to an "
		    "http:// relay on this host or the venue's LAN";
	else if (strncmp(s, "http://", 7) != 0)
		w = "must start with http://";
	else if (strpbrk(s, " \t\r\n\"") != NULL)
		w = "must have no blanks or quotes";
	else if (url_split(s, schemes, &u, err, sizeof(err)) != 0)
		w = strncmp(err, s, strlen(s)) == 0 && strlen(err) >
		    strlen(s) + 2 ? err + strlen(s) + 2 : err;	/* "URL: " */
	else if (u.user[0] != '\0')
		w = "must name a host and no user@";
	if (w == NULL)
		return (0);
	text_copy(why, len, w);
	return (-1);
}

/* A rule's or [actions]' publish = or webhook = into dst; 0 with p->error. */
int
vconf_actions_target(struct vconf_parse *p, const char *who,
    const char *name, const char *value, char *dst, size_t len)
{
	char		 why[URL_PART_MAX + 64];

	if (strcmp(name, "publish") == 0) {
		if (!vconf_actions_topic_ok(value) || strlen(value) >= len) {
			snprintf(p->error, sizeof(p->error), "%s: publish "
			    "\"%.64s\" must be an MQTT topic of 1-255 bytes "
			    "with no + or # and no leading $ (the broker's)",
			    who, value);
			return (0);
		}
		if (p->publish_line == 0)
			p->publish_line = p->line;
	} else if (vconf_actions_url_why(value, why, sizeof(why)) != 0 ||
	    strlen(value) >= len) {
		snprintf(p->error, sizeof(p->error), "%s: webhook \"%.64s\" "
		    "%.150s", who, value, strlen(value) >= len ? "is too long" :
		    why);
		return (0);
	}
	strcpy(dst, value);
	return (1);
}

/* Handle one key of [actions]; 0 with p->error on an error. */
int
vconf_actions_key(struct vconf_parse *p, const char *name,
    const char *value)
{
	struct vconf	*c = p->c;
	uint64_t	 v;

	if (strcmp(name, "publish") == 0)
		return (vconf_actions_target(p, "[actions]", name, value,
		    c->actions_publish, sizeof(c->actions_publish)));
	if (strcmp(name, "webhook") == 0)
		return (vconf_actions_target(p, "[actions]", name, value,
		    c->actions_webhook, sizeof(c->actions_webhook)));
	if (strcmp(name, "retries") == 0) {
		if (cfg_uint(value, 0, 10, &v) != 0) {
			snprintf(p->error, sizeof(p->error), "retries "
			    "\"%.64s\" must be a whole number from 0 to 10",
			    value);
			return (0);
		}
		c->actions_retries = (uint32_t)v;
		return (1);
	}
	if (strcmp(name, "timeout") == 0 || strcmp(name, "backoff") == 0) {
		if (cfg_duration(value, 100, 60000, &v) != 0) {
			snprintf(p->error, sizeof(p->error), "%s \"%.64s\" "
			    "must be a duration from 100ms to 60s, like %s",
			    name, value, name[0] == 't' ? "5s" : "1s");
			return (0);
		}
		if (name[0] == 't')
			c->actions_timeout_ms = (uint32_t)v;
		else
			c->actions_backoff_ms = (uint32_t)v;
		return (1);
	}
	snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
	    "[actions]", name);
	return (0);
}

/* The defaults of [actions]. */
void
vconf_actions_defaults(struct vconf *c)
{
	c->actions_retries = VCONF_ACTIONS_RETRIES;
	c->actions_timeout_ms = VCONF_ACTIONS_TIMEOUT;
	c->actions_backoff_ms = VCONF_ACTIONS_BACKOFF;
}

/* The whole file: a publish with no [mqtt] url is warned of, by line. */
void
vconf_check_actions(struct vconf_parse *p, const char *name)
{
	struct vconf	*c = p->c;

	c->actions_warning[0] = '\0';
	if (p->publish_line != 0 && c->mqtt_url[0] == '\0')
		snprintf(c->actions_warning, sizeof(c->actions_warning),
		    "%s:%d: publish = with no [mqtt] url: those deliveries "
		    "will fail (\"no [mqtt] url\")", name, p->publish_line);
}
