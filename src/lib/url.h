/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * url.h: the one reader of the URLs fohd dials beside nng's and NATS's
 * (issue 16): an MQTT broker's (mqtt://, mqtts://) and a webhook's
 * (http://), and the one check of MQTT topic names and filters. The
 * config (src/core/vconf-mqtt.c, vconf-actions.c) refuses with the same
 * words that the links (src/net/mqttlink.c, httppost.c) would use.
 */
#ifndef FOH_URL_H
#define FOH_URL_H

#include <stddef.h>

#define URL_PART_MAX	256

struct url {
	int	scheme;			/* index in the schemes given */
	char	user[128];		/* "" when none */
	char	pass[128];		/* "" when none */
	int	has_pass;
	char	host[URL_PART_MAX];	/* without the [ ] of an IPv6 one */
	int	port;			/* 0: not given */
	char	path[URL_PART_MAX];	/* from the first / ? or #, or "" */
};

/*
 * Split SCHEME://[USER[:PASS]@]HOST[:PORT][PATH] with SCHEME one of the
 * NULL-terminated schemes (without "://"): 0, or -1 with err naming the
 * URL and what is wrong ("not ...", "no host", "bad port", "bad
 * [address]", "bad user or password", "too long"). The user part ends at
 * the last @ before the path (a password may hold one).
 */
int	url_split(const char *s, const char *const *schemes, struct url *out,
	    char *err, size_t errlen);

/*
 * Is s an MQTT topic name to publish on (wild 0: no + or #) or a filter
 * to subscribe with (wild 1: + alone in its level, # alone in the last),
 * 1 to max - 1 bytes, without control characters? 1 or 0.
 */
int	url_mqtt_topic_ok(const char *s, int wild, size_t max);

#endif
