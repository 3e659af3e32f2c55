/*
 * cconf.c: read foh.conf.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "cconf.h"
#include "vconf.h"

struct cconf_parse {
	struct cconf	*c;
	char		 error[256];
};

/* Defaults. */
void
cconf_defaults(struct cconf *c)
{
	memset(c, 0, sizeof(*c));
	c->fps = 4;
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
	if (*id == '\0' || strlen(id) >= FOHP_ID_MAX) {
		snprintf(p->error, sizeof(p->error), "venue id \"%s\" must be "
		    "1-%d bytes", id, FOHP_ID_MAX - 1);
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

/* inih callback. */
static int
cconf_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct cconf_parse	*p = user;
	struct cconf_venue	*v;
	char			*end, *dst;
	unsigned long		 n;

	if (p->error[0] != '\0')
		return (0);
	if (strcmp(section, "console") == 0) {
		if (strcmp(name, "fps") == 0) {
			errno = 0;
			n = strtoul(value, &end, 10);
			if (errno != 0 || *end != '\0' || n < 1 || n > 60) {
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
		} else if (strcmp(name, "readonly") == 0) {
			if (!cconf_yesno(p, name, value, &p->c->readonly))
				return (0);
		} else if (strcmp(name, "kiosk") == 0) {
			errno = 0;
			n = strtoul(value, &end, 10);
			if (strcmp(value, "no") == 0)
				n = 0;
			else if (errno != 0 || *end != '\0' || *value == '\0' ||
			    n < 2 || n > 3600) {
				snprintf(p->error, sizeof(p->error), "kiosk "
				    "\"%s\" must be no or 2-3600 seconds",
				    value);
				return (0);
			}
			p->c->kiosk_s = (unsigned)n;
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
		if (strcmp(name, "stream") == 0)
			dst = v->stream;
		else if (strcmp(name, "control") == 0)
			dst = v->control;
		else {
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

/* Read a console config. */
int
cconf_load(struct cconf *c, const char *path, char *err, size_t errlen)
{
	struct cconf_parse	p;
	unsigned		i;
	int			line;

	memset(&p, 0, sizeof(p));
	p.c = c;
	line = ini_parse(path, cconf_handler, &p);
	if (line < 0) {
		snprintf(err, errlen, "%s: %s", path, line == -1 ?
		    strerror(errno) : "out of memory");
		return (-1);
	}
	if (line > 0) {
		snprintf(err, errlen, "%s:%d: %s", path, line,
		    p.error[0] != '\0' ? p.error : "syntax error");
		return (-1);
	}
	for (i = 0; i < c->nvenues; i++) {
		if (c->venues[i].stream[0] == '\0') {
			snprintf(err, errlen, "%s: [venue %s] has no stream "
			    "URL", path, c->venues[i].id);
			return (-1);
		}
	}
	return (0);
}
