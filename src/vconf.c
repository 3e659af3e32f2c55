/*
 * vconf.c: read and check a venue config.
 *
 * inih calls vconf_handler for each name = value; the handler checks the
 * value at once and keeps the first error. inih reports the line of the first
 * error, so the message reads "FILE:LINE: ...". Checks that need the whole
 * file (a zone outside the grid, no zones at all) run after parsing and name
 * the line where the zone's section started.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "vconf.h"

struct vconf_parse {
	struct vconf	*c;
	char		 error[256];	/* first error, without file:line */
	int		 line;		/* current line, for section starts */
	int		 zone_line[FOHP_ZONES_MAX];
	int		 venue_seen;
};

/* Is s a valid id: [a-z0-9_-], 1 to FOHP_ID_MAX-1 bytes? */
static int
vconf_valid_id(const char *s)
{
	size_t	n = strlen(s), i;

	if (n == 0 || n >= FOHP_ID_MAX)
		return (0);
	for (i = 0; i < n; i++) {
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return (0);
	}
	return (1);
}

/* Parse an unsigned integer in [lo, hi]. */
static int
vconf_uint(const char *s, unsigned long long lo, unsigned long long hi,
    unsigned long long *out)
{
	char			*end;
	unsigned long long	 v;

	if (*s == '-' || *s == '\0')
		return (-1);
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return (-1);
	*out = v;
	return (0);
}

/* Parse a copy of a string into a fixed array; fails if too long. */
static int
vconf_str(char *dst, size_t len, const char *s)
{
	if (strlen(s) >= len || *s == '\0')
		return (-1);
	strcpy(dst, s);
	return (0);
}

/* Handle one key of [venue]. */
static int
vconf_venue_key(struct vconf_parse *p, const char *name, const char *value)
{
	struct vconf		*c = p->c;
	unsigned long long	 n;
	unsigned		 w, h;
	char			 extra;

	if (strcmp(name, "id") == 0) {
		if (!vconf_valid_id(value)) {
			snprintf(p->error, sizeof(p->error), "venue id \"%s\" "
			    "must be 1-%d of a-z 0-9 _ -", value,
			    FOHP_ID_MAX - 1);
			return (0);
		}
		strcpy(c->id, value);
	} else if (strcmp(name, "name") == 0) {
		if (vconf_str(c->layout.name, sizeof(c->layout.name), value)) {
			snprintf(p->error, sizeof(p->error), "venue name must "
			    "be 1-%d bytes", FOHP_NAME_MAX - 1);
			return (0);
		}
	} else if (strcmp(name, "grid") == 0) {
		if (sscanf(value, "%ux%u%c", &w, &h, &extra) != 2 ||
		    w < 1 || h < 1 || w > FOHP_GRID_MAX || h > FOHP_GRID_MAX) {
			snprintf(p->error, sizeof(p->error), "grid \"%s\" must "
			    "be WxH, each 1-%d", value, FOHP_GRID_MAX);
			return (0);
		}
		c->layout.grid_w = (uint16_t)w;
		c->layout.grid_h = (uint16_t)h;
	} else if (strcmp(name, "stream") == 0 || strcmp(name, "control") == 0) {
		char	*dst = name[0] == 's' ? c->stream : c->control;

		if (vconf_str(dst, VCONF_URL_MAX, value) != 0 ||
		    strstr(value, "://") == NULL) {
			snprintf(p->error, sizeof(p->error), "%s URL \"%s\" is "
			    "not a URL like tcp://127.0.0.1:7601", name, value);
			return (0);
		}
	} else if (strcmp(name, "heartbeat_ms") == 0) {
		if (vconf_uint(value, 100, 60000, &n) != 0) {
			snprintf(p->error, sizeof(p->error), "heartbeat_ms "
			    "\"%s\" must be 100-60000", value);
			return (0);
		}
		c->hb_ms = (uint32_t)n;
	} else if (strcmp(name, "tick_ms") == 0) {
		if (vconf_uint(value, 10, 60000, &n) != 0) {
			snprintf(p->error, sizeof(p->error), "tick_ms \"%s\" "
			    "must be 10-60000", value);
			return (0);
		}
		c->tick_ms = (uint32_t)n;
	} else if (strcmp(name, "seed") == 0) {
		if (vconf_uint(value, 0, UINT64_MAX, &n) != 0) {
			snprintf(p->error, sizeof(p->error), "seed \"%s\" is "
			    "not a number", value);
			return (0);
		}
		c->seed = n;
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[venue]", name);
		return (0);
	}
	return (1);
}

/* Handle one key of [zone ID]. */
static int
vconf_zone_key(struct vconf_parse *p, struct fohp_zone_def *z,
    const char *name, const char *value)
{
	unsigned long long	 n;
	unsigned		 x, y, w, h;
	double			 d;
	char			*end, extra;

	if (strcmp(name, "name") == 0) {
		if (vconf_str(z->name, sizeof(z->name), value) != 0) {
			snprintf(p->error, sizeof(p->error), "zone %s: name "
			    "must be 1-%d bytes", z->id, FOHP_NAME_MAX - 1);
			return (0);
		}
	} else if (strcmp(name, "rect") == 0) {
		if (sscanf(value, "%u,%u,%u,%u%c", &x, &y, &w, &h,
		    &extra) != 4 || w == 0 || h == 0 || x > FOHP_GRID_MAX ||
		    y > FOHP_GRID_MAX || w > FOHP_GRID_MAX ||
		    h > FOHP_GRID_MAX) {
			snprintf(p->error, sizeof(p->error), "zone %s: rect "
			    "\"%s\" must be x,y,w,h in grid cells", z->id,
			    value);
			return (0);
		}
		z->x = (uint16_t)x;
		z->y = (uint16_t)y;
		z->w = (uint16_t)w;
		z->h = (uint16_t)h;
	} else if (strcmp(name, "area_m2") == 0) {
		d = strtod(value, &end);
		if (*value == '\0' || *end != '\0' || !isfinite(d) || d <= 0 ||
		    d > 1e7) {
			snprintf(p->error, sizeof(p->error), "zone %s: area_m2 "
			    "\"%s\" must be a positive number", z->id, value);
			return (0);
		}
		z->area_m2 = d;
	} else if (strcmp(name, "kind") == 0) {
		if (fohp_zone_kind_parse(value, &z->kind) != 0) {
			snprintf(p->error, sizeof(p->error), "zone %s: kind "
			    "\"%s\" must be walkway, standing or queue", z->id,
			    value);
			return (0);
		}
	} else if (strcmp(name, "capacity") == 0) {
		if (vconf_uint(value, 0, FOHP_COUNT_MAX, &n) != 0) {
			snprintf(p->error, sizeof(p->error), "zone %s: capacity "
			    "\"%s\" must be 0-%u", z->id, value,
			    FOHP_COUNT_MAX);
			return (0);
		}
		z->capacity = (uint32_t)n;
	} else if (strcmp(name, "surge") == 0) {
		if (strcmp(value, "yes") == 0)
			p->c->surge = (int)(z - p->c->layout.zones);
		else if (strcmp(value, "no") != 0) {
			snprintf(p->error, sizeof(p->error), "zone %s: surge "
			    "\"%s\" must be yes or no", z->id, value);
			return (0);
		}
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[zone %s]", name, z->id);
		return (0);
	}
	return (1);
}

/* Find or start the zone for a "zone ID" section. */
static struct fohp_zone_def *
vconf_zone_section(struct vconf_parse *p, const char *section)
{
	struct fohp_layout	*l = &p->c->layout;
	const char		*id = section + 5;
	unsigned		 i;

	for (i = 0; i < l->nzones; i++) {
		if (strcmp(l->zones[i].id, id) == 0)
			return (&l->zones[i]);
	}
	if (!vconf_valid_id(id)) {
		snprintf(p->error, sizeof(p->error), "zone id \"%s\" must be "
		    "1-%d of a-z 0-9 _ -", id, FOHP_ID_MAX - 1);
		return (NULL);
	}
	if (l->nzones == FOHP_ZONES_MAX) {
		snprintf(p->error, sizeof(p->error), "more than %d zones",
		    FOHP_ZONES_MAX);
		return (NULL);
	}
	i = l->nzones++;
	memset(&l->zones[i], 0, sizeof(l->zones[i]));
	strcpy(l->zones[i].id, id);
	strcpy(l->zones[i].name, id);
	l->zones[i].kind = FOHP_ZK_STANDING;
	p->zone_line[i] = p->line;
	return (&l->zones[i]);
}

/* inih callback: one name = value in a section. */
static int
vconf_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct vconf_parse	*p = user;
	struct fohp_zone_def	*z;

	if (p->error[0] != '\0')
		return (0);
	if (strcmp(section, "venue") == 0) {
		p->venue_seen = 1;
		return (vconf_venue_key(p, name, value));
	}
	if (strncmp(section, "zone ", 5) == 0) {
		if ((z = vconf_zone_section(p, section)) == NULL)
			return (0);
		return (vconf_zone_key(p, z, name, value));
	}
	snprintf(p->error, sizeof(p->error), "unknown section [%s]", section);
	return (0);
}

/* Count lines for section-start bookkeeping (inih has no line callback). */
static int
vconf_line_of(const char *text, const char *section)
{
	char		 want[FOHP_ID_MAX + 16];
	const char	*at;
	int		 line = 1;

	snprintf(want, sizeof(want), "[%s]", section);
	if ((at = strstr(text, want)) == NULL)
		return (0);
	for (; text < at; text++) {
		if (*text == '\n')
			line++;
	}
	return (line);
}

/* Whole-file checks after parsing. */
static int
vconf_check(struct vconf_parse *p, const char *text, const char *name,
    char *err, size_t errlen)
{
	struct vconf	*c = p->c;
	unsigned	 i;
	char		 section[FOHP_ID_MAX + 8];

	if (!p->venue_seen || c->id[0] == '\0') {
		snprintf(err, errlen, "%s:1: no [venue] section with an id",
		    name);
		return (-1);
	}
	if (c->layout.nzones == 0) {
		snprintf(err, errlen, "%s:1: no [zone ID] sections", name);
		return (-1);
	}
	for (i = 0; i < c->layout.nzones; i++) {
		const struct fohp_zone_def	*z = &c->layout.zones[i];
		const char			*why = NULL;

		if (z->w == 0)
			why = "has no rect";
		else if (z->area_m2 <= 0)
			why = "has no area_m2";
		else if (z->x + z->w > c->layout.grid_w ||
		    z->y + z->h > c->layout.grid_h)
			why = "rect lies outside the grid";
		if (why != NULL) {
			snprintf(section, sizeof(section), "zone %s", z->id);
			snprintf(err, errlen, "%s:%d: zone %s %s", name,
			    text != NULL ? vconf_line_of(text, section) : 1,
			    z->id, why);
			return (-1);
		}
	}
	if (c->layout.name[0] == '\0')
		strcpy(c->layout.name, c->id);
	return (0);
}

/* Defaults before reading. */
static void
vconf_defaults(struct vconf *c)
{
	memset(c, 0, sizeof(*c));
	c->layout.grid_w = 40;
	c->layout.grid_h = 20;
	c->hb_ms = 1000;
	c->tick_ms = 250;
	c->seed = 1;
	c->surge = -1;
}

/* Read a venue config from a string. */
int
vconf_load_string(struct vconf *c, const char *name, const char *text,
    char *err, size_t errlen)
{
	struct vconf_parse	p;
	int			line;

	vconf_defaults(c);
	memset(&p, 0, sizeof(p));
	p.c = c;
	line = ini_parse_string(text, vconf_handler, &p);
	if (line != 0) {
		if (p.error[0] == '\0')
			snprintf(p.error, sizeof(p.error), "syntax error");
		snprintf(err, errlen, "%s:%d: %s", name, line, p.error);
		return (-1);
	}
	return (vconf_check(&p, text, name, err, errlen));
}

/* Read a venue config from a file. */
int
vconf_load_file(struct vconf *c, const char *path, char *err, size_t errlen)
{
	FILE	*f;
	char	*text;
	long	 len;
	int	 rv;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return (-1);
	}
	if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    len > 1024 * 1024 || fseek(f, 0, SEEK_SET) != 0) {
		snprintf(err, errlen, "%s: not a readable file under 1 MiB",
		    path);
		fclose(f);
		return (-1);
	}
	if ((text = malloc((size_t)len + 1)) == NULL) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return (-1);
	}
	if (fread(text, 1, (size_t)len, f) != (size_t)len) {
		snprintf(err, errlen, "%s: read error", path);
		free(text);
		fclose(f);
		return (-1);
	}
	text[len] = '\0';
	fclose(f);
	rv = vconf_load_string(c, path, text, err, errlen);
	free(text);
	return (rv);
}
