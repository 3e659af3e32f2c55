/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * url.c: URLs and MQTT topics (see url.h). Pure string work, no I/O.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "text.h"

/* Split s; 0, or -1 with err. */
int
url_split(const char *s, const char *const *schemes, struct url *out,
    char *err, size_t errlen)
{
	const char	*p = NULL, *at, *colon, *end, *rb, *shown;
	char		*e, safe[2 * URL_PART_MAX];
	size_t		 n;
	long		 port;
	int		 i;

	memset(out, 0, sizeof(*out));
	shown = text_url_safe(safe, sizeof(safe), s);	/* no password */
	for (i = 0; schemes[i] != NULL; i++) {
		n = strlen(schemes[i]);
		if (strncmp(s, schemes[i], n) == 0 &&
		    strncmp(s + n, "://", 3) == 0) {
			p = s + n + 3;
			out->scheme = i;
			break;
		}
	}
	if (p == NULL) {
		text_error(err, errlen, "%s: not %s://HOST[:PORT]%s", shown,
		    schemes[0], schemes[1] != NULL ? " (or another of its "
		    "schemes)" : "");
		return (-1);
	}
	end = p + strcspn(p, "/?#");
	if (strlen(end) >= sizeof(out->path)) {
		text_error(err, errlen, "%s: too long", shown);
		return (-1);
	}
	text_copy(out->path, sizeof(out->path), end);
	for (at = end; at > p && at[-1] != '@'; at--)
		;
	if (at > p) {		/* at: just past the last @ */
		colon = memchr(p, ':', (size_t)(at - 1 - p));
		n = (size_t)((colon != NULL ? colon : at - 1) - p);
		if (n == 0 || n >= sizeof(out->user) || (colon != NULL &&
		    (size_t)(at - 1 - colon - 1) >= sizeof(out->pass))) {
			text_error(err, errlen, "%s: bad user or password",
			    shown);
			return (-1);
		}
		memcpy(out->user, p, n);
		if (colon != NULL) {
			out->has_pass = 1;
			memcpy(out->pass, colon + 1,
			    (size_t)(at - 1 - colon - 1));
		}
		p = at;
	}
	if (*p == '[') {		/* [IPv6] */
		rb = memchr(p, ']', (size_t)(end - p));
		if (rb == NULL || rb == p + 1 || (rb + 1 < end &&
		    rb[1] != ':')) {
			text_error(err, errlen, "%s: bad [address]", shown);
			return (-1);
		}
		n = (size_t)(rb - p - 1);
		p++;
		colon = rb + 1 < end ? rb + 1 : NULL;
	} else {
		colon = memchr(p, ':', (size_t)(end - p));
		n = (size_t)((colon != NULL ? colon : end) - p);
	}
	if (n == 0) {
		text_error(err, errlen, "%s: no host", shown);
		return (-1);
	}
	if (n >= sizeof(out->host)) {
		text_error(err, errlen, "%s: too long", shown);
		return (-1);
	}
	memcpy(out->host, p, n);
	if (colon != NULL) {
		errno = 0;
		port = strtol(colon + 1, &e, 10);
		if (e == colon + 1 || e != end || errno != 0 || port < 1 ||
		    port > 65535 || colon[1] == '+' || colon[1] == '-' ||
		    colon[1] == ' ') {
			text_error(err, errlen, "%s: bad port", shown);
			return (-1);
		}
		out->port = (int)port;
	}
	return (0);
}

/* Is s an MQTT topic (wild 0) or filter (wild 1) of 1 to max - 1 bytes? */
int
url_mqtt_topic_ok(const char *s, int wild, size_t max)
{
	size_t	i, n = strlen(s);

	if (n == 0 || n >= max)
		return (0);
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return (0);
		if (s[i] != '+' && s[i] != '#')
			continue;
		if (!wild || (i > 0 && s[i - 1] != '/'))
			return (0);
		if (s[i] == '#' && i + 1 != n)
			return (0);
		if (s[i] == '+' && s[i + 1] != '\0' && s[i + 1] != '/')
			return (0);
	}
	return (1);
}
