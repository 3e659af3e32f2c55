/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * cconf.c: read foh.conf with cfg_parse; every error names file:line.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cconf.h"
#include "lib/cfg.h"
#include "lib/text.h"
#include "core/queue.h"
#include "core/vconf.h"

struct cconf_parse {
	struct cconf	*c;
	char		 error[256];
	int		 line[CCONF_VENUES_MAX];	/* of each [venue] */
};

/* Defaults. */
void
cconf_defaults(struct cconf *c)
{
	memset(c, 0, sizeof(*c));
	c->fps = 4;
	c->bell = -1;
	c->linger_ms = QUEUE_LINGER_MS;
	c->replay_ms = FEED_REPLAY_DEFAULT_MS;
}

/* Parse "auto", "slow" or "fast" (link =, --link). 0, or -1 if none. */
int
cconf_link_parse(const char *s, enum cconf_link *out)
{
	static const char *const names[] = { "auto", "slow", "fast" };
	unsigned	i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (enum cconf_link)i;
			return (0);
		}
	}
	return (-1);
}

/* Find or add the venue of a "venue ID" section. */
static struct cconf_venue *
cconf_venue(struct cconf_parse *p, const char *id)
{
	struct cconf	*c = p->c;
	unsigned	 i;

	for (i = 0; i < c->nvenues; i++) {
		if (strcmp(c->venues[i].id, id) == 0)
			return (&c->venues[i]);
	}
	if (!vconf_valid_id(id)) {	/* as fohd.conf's [venue] id */
		snprintf(p->error, sizeof(p->error), "venue id \"%s\" must be "
		    "1-%d of a-z, 0-9, '-' and '_'", id, FOHP_ID_MAX - 1);
		return (NULL);
	}
	if (c->nvenues == CCONF_VENUES_MAX) {
		snprintf(p->error, sizeof(p->error), "more than %d venues",
		    CCONF_VENUES_MAX);
		return (NULL);
	}
	memset(&c->venues[c->nvenues], 0, sizeof(c->venues[0]));
	strcpy(c->venues[c->nvenues].id, id);
	return (&c->venues[c->nvenues++]);
}

/* A yes/no value into *out; 0 and an error naming key if it is neither. */
static int
cconf_yesno(struct cconf_parse *p, const char *key, const char *value,
    int *out)
{
	if (vconf_yesno(value, out) != 0) {
		snprintf(p->error, sizeof(p->error), "%s \"%s\" must be yes "
		    "or no", key, value);
		return (0);
	}
	return (1);
}

/*
 * A file name into dst (len bytes): "~/" at its start is $HOME. 0 and an
 * error naming key if it is empty or too long.
 */
static int
cconf_path(struct cconf_parse *p, const char *key, const char *value,
    char *dst, size_t len)
{
	const char	*home = getenv("HOME");
	int		 n;

	if (strncmp(value, "~/", 2) == 0 && home != NULL && *home != '\0')
		n = snprintf(dst, len, "%s/%s", home, value + 2);
	else
		n = snprintf(dst, len, "%s", value);
	if (*value == '\0' || n < 0 || (size_t)n >= len) {
		snprintf(p->error, sizeof(p->error), "%s \"%.64s\" must be a "
		    "file name shorter than %zu bytes", key, value, len);
		dst[0] = '\0';
		return (0);
	}
	return (1);
}

/*
 * cfg_parse callback: a section header (name NULL) or one name = value. A
 * header alone makes its section: an empty [venue ID] is a venue without a
 * stream, which cconf_load refuses.
 */
static int
cconf_handler(void *user, int line, const char *section, const char *name,
    const char *value)
{
	struct cconf_parse	*p = user;
	struct cconf_venue	*v;
	char			*dst, dur[32];
	uint64_t		 n;
	enum bell_mode		 bell;

	if (p->error[0] != '\0')
		return (0);
	if (*section == '\0') {
		snprintf(p->error, sizeof(p->error), "key \"%s\" before the "
		    "first [section]", name);
		return (0);
	}
	if (strcmp(section, "console") == 0) {
		if (name == NULL)
			return (1);
		if (strcmp(name, "fps") == 0) {
			if (cfg_uint(value, 1, 60, &n) != 0) {
				snprintf(p->error, sizeof(p->error), "fps "
				    "\"%s\" must be 1-60", value);
				return (0);
			}
			p->c->fps = (unsigned)n;
		} else if (strcmp(name, "ascii") == 0) {
			if (!cconf_yesno(p, name, value, &p->c->ascii))
				return (0);
		} else if (strcmp(name, "theme") == 0) {
			if (*value == '\0' || strlen(value) >=
			    sizeof(p->c->theme)) {
				snprintf(p->error, sizeof(p->error), "theme "
				    "\"%s\" must be a theme name", value);
				return (0);
			}
			strcpy(p->c->theme, value);
		} else if (strcmp(name, "operator") == 0) {
			if (!vconf_valid_id(value)) {
				snprintf(p->error, sizeof(p->error), "operator "
				    "\"%s\" must be 1-%d of a-z, 0-9, '-' and "
				    "'_'", value, FOHP_ID_MAX - 1);
				return (0);
			}
			strcpy(p->c->operator_name, value);
		} else if (strcmp(name, "identity") == 0) {
			if (!cconf_path(p, name, value, p->c->identity,
			    sizeof(p->c->identity)))
				return (0);
		} else if (strcmp(name, "readonly") == 0) {
			if (!cconf_yesno(p, name, value, &p->c->readonly))
				return (0);
		} else if (strcmp(name, "kiosk") == 0) {
			if (strcmp(value, "no") == 0)
				n = 0;
			else if (cfg_duration(value, CCONF_KIOSK_MIN_S * 1000,
			    CCONF_KIOSK_MAX_S * 1000, &n) != 0 ||
			    n % 1000 != 0) {
				snprintf(p->error, sizeof(p->error), "kiosk "
				    "\"%s\" must be no or whole seconds from "
				    "2s to %s, like 30 or 5m", value,
				    text_duration(dur, sizeof(dur),
				    CCONF_KIOSK_MAX_S * 1000, 0));
				return (0);
			}
			p->c->kiosk_s = (unsigned)(n / 1000);
		} else if (strcmp(name, "bell") == 0) {
			if (bell_mode_parse(value, &bell) != 0) {
				snprintf(p->error, sizeof(p->error), "bell "
				    "\"%s\" must be no, critical or all",
				    value);
				return (0);
			}
			p->c->bell = (int)bell;
		} else if (strcmp(name, "replay") == 0) {
			if (cfg_duration(value, 0, CCONF_REPLAY_MAX_MS,
			    &n) != 0) {
				snprintf(p->error, sizeof(p->error), "replay "
				    "\"%s\" must be a duration from 0s to %s, "
				    "like 10m", value, text_duration(dur,
				    sizeof(dur), CCONF_REPLAY_MAX_MS, 0));
				return (0);
			}
			p->c->replay_ms = n;
		} else if (strcmp(name, "linger") == 0) {
			if (cfg_duration(value, 0, CCONF_LINGER_MAX_MS,
			    &n) != 0) {
				snprintf(p->error, sizeof(p->error), "linger "
				    "\"%s\" must be a duration from 0s to %s, "
				    "like 30s or 2m", value,
				    text_duration(dur, sizeof(dur),
				    CCONF_LINGER_MAX_MS, 0));
				return (0);
			}
			p->c->linger_ms = n;
		} else if (strcmp(name, "link") == 0) {
			if (cconf_link_parse(value, &p->c->link) != 0) {
				snprintf(p->error, sizeof(p->error), "link "
				    "\"%s\" must be auto, slow or fast", value);
				return (0);
			}
		} else {
			snprintf(p->error, sizeof(p->error), "unknown key "
			    "\"%s\" in [console]", name);
			return (0);
		}
		return (1);
	}
	if (strncmp(section, "venue ", 6) == 0) {
		if ((v = cconf_venue(p, section + 6)) == NULL)
			return (0);
		if (name == NULL) {
			p->line[v - p->c->venues] = line;
			return (1);
		}
		if (strcmp(name, "stream") == 0)
			dst = v->stream;
		else if (strcmp(name, "control") == 0)
			dst = v->control;
		else if (strcmp(name, "ca") == 0 || strcmp(name, "cert") == 0 ||
		    strcmp(name, "key") == 0) {
			dst = name[0] == 'c' ? (name[1] == 'a' ? v->ca :
			    v->cert) : v->key;
			if (*value == '\0' || strlen(value) >= FEED_URL_MAX) {
				snprintf(p->error, sizeof(p->error), "%s must "
				    "be a file name of 1-%d bytes", name,
				    FEED_URL_MAX - 1);
				return (0);
			}
			strcpy(dst, value);
			return (1);
		} else {
			snprintf(p->error, sizeof(p->error), "unknown key "
			    "\"%s\" in [%s]", name, section);
			return (0);
		}
		if (strstr(value, "://") == NULL ||
		    strlen(value) >= FEED_URL_MAX) {
			snprintf(p->error, sizeof(p->error), "%s \"%s\" is not "
			    "a URL like tcp://127.0.0.1:7601", name, value);
			return (0);
		}
		strcpy(dst, value);
		return (1);
	}
	snprintf(p->error, sizeof(p->error), "unknown section [%s]", section);
	return (0);
}

/*
 * A venue read through NATS (stream = nats://HOST:PORT/VENUE or tls://):
 * the URL must end in this venue's id, has no control URL (requests go
 * over foh.VENUE.ctl) and, with tls://, a ca. The rest of the URL is
 * checked when the feed opens (natsconn_parse). 0, or -1 with FILE:LINE.
 */
static int
cconf_check_nats(const struct cconf_venue *v, char *err, size_t errlen,
    const char *name, unsigned line)
{
	const char	*slash;
	int		 tls = strncmp(v->stream, "tls://", 6) == 0;

	if (!tls && strncmp(v->stream, "nats://", 7) != 0)
		return (0);
	slash = strchr(strstr(v->stream, "://") + 3, '/');
	if (slash == NULL || strcmp(slash + 1, v->id) != 0)
		return (cfg_error(err, errlen, name, line, "[venue %s] stream "
		    "%s must end in /%s, the venue's id", v->id, v->stream,
		    v->id));
	if (v->control[0] != '\0')
		return (cfg_error(err, errlen, name, line, "[venue %s] is read "
		    "through NATS: it has no control URL (requests go over "
		    "foh.%s.ctl)", v->id, v->id));
	if (tls && v->ca[0] == '\0')
		return (cfg_error(err, errlen, name, line, "[venue %s] has a "
		    "TLS URL and no ca = FILE: the CA the server's certificate "
		    "comes from", v->id));
	return (0);
}

/* Read a console config from a string; name stands in for the file. */
int
cconf_load_string(struct cconf *c, const char *name, const char *text,
    char *err, size_t errlen)
{
	struct cconf_parse	p;
	unsigned		i;

	memset(&p, 0, sizeof(p));
	p.c = c;
	if (cfg_load(text, name, cconf_handler, &p, p.error, err, errlen) != 0)
		return (-1);
	for (i = 0; i < c->nvenues; i++) {
		if (c->venues[i].stream[0] == '\0')
			return (cfg_error(err, errlen, name, p.line[i],
			    "[venue %s] has no stream URL", c->venues[i].id));
		if (cconf_check_nats(&c->venues[i], err, errlen, name,
		    p.line[i]) != 0)
			return (-1);
		if ((c->venues[i].cert[0] == '\0') !=
		    (c->venues[i].key[0] == '\0'))
			return (cfg_error(err, errlen, name, p.line[i],
			    "[venue %s] has a %s but no %s: give both cert = "
			    "FILE and key = FILE", c->venues[i].id,
			    c->venues[i].cert[0] != '\0' ? "cert" : "key",
			    c->venues[i].cert[0] != '\0' ? "key" : "cert"));
		if ((vconf_url_tls(c->venues[i].stream) ||
		    vconf_url_tls(c->venues[i].control)) &&
		    c->venues[i].ca[0] == '\0')
			return (cfg_error(err, errlen, name, p.line[i],
			    "[venue %s] has a TLS URL and no ca = FILE: the "
			    "CA the venue's certificate comes from",
			    c->venues[i].id));
	}
	return (0);
}

/* Read a console config file. */
int
cconf_load(struct cconf *c, const char *path, char *err, size_t errlen)
{
	char	*text;
	int	 rv;

	if ((text = cfg_read_file(path, CCONF_FILE_MAX, err, errlen)) == NULL)
		return (-1);
	rv = cconf_load_string(c, path, text, err, errlen);
	free(text);
	return (rv);
}
