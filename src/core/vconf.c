/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf.c: read and check a venue config.
 *
 * cfg_parse (cfg.c) calls vconf_handler for each section header and each
 * name = value; the handler checks the value at once and keeps the first
 * error, and cfg_parse answers the line, so the message reads
 * "FILE:LINE: ...". A section header alone makes its section: an empty
 * [operator ana] is an operator with no rights, an empty [zone x] a zone
 * that then lacks its rect. Checks that need the whole file (a zone outside
 * the grid, no zones at all) run after parsing and name the line where the
 * zone's section started.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include "lib/cfg.h"
#include "drift.h"
#include "vconf.h"

#define VCONF_DURATION_MAX	(7ULL * 86400000)	/* rule times: a week */

/*
 * One load's state, the cfg_parse handler's user pointer. The handler keeps
 * the line where each section starts (and of [ingest]'s pull) for the
 * checks that can only run on the whole file.
 */
struct vconf_parse {
	struct vconf	*c;
	char		 error[256];	/* first error, without file:line */
	int		 venue_seen;
	int		 zone_line[FOHP_ZONES_MAX];
	int		 gate_line[VCONF_GATES_MAX];
	int		 device_line[FOHP_DEVICES_MAX];
	int		 model_line[FOHP_MODELS_MAX];
	int		 ingest_line;	/* the first [ingest] */
	int		 pull_line;	/* the last pull = in [ingest] */
};

/* Is s a valid id: [a-z0-9_-], 1 to FOHP_ID_MAX-1 bytes? */
int
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

/* "yes" or "no" into *out (1 or 0); -1 for anything else. */
int
vconf_yesno(const char *s, int *out)
{
	if (strcmp(s, "yes") == 0)
		*out = 1;
	else if (strcmp(s, "no") == 0)
		*out = 0;
	else
		return (-1);
	return (0);
}

/* Parse an unsigned integer in [lo, hi] (cfg_uint: digits only). */
static int
vconf_uint(const char *s, unsigned long long lo, unsigned long long hi,
    unsigned long long *out)
{
	uint64_t	v;

	if (cfg_uint(s, lo, hi, &v) != 0)
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

/*
 * Parse n whole numbers separated by sep ("40x20", "10, 6, 20, 10"), each
 * 0 to max, blanks around each allowed.
 */
static int
vconf_uints(const char *s, int sep, unsigned n, unsigned max, unsigned *out)
{
	char		 buf[128], *part, *next, *e;
	uint64_t	 v;
	unsigned	 i;

	if (strlen(s) >= sizeof(buf))
		return (-1);
	strcpy(buf, s);
	part = buf;
	for (i = 0; i < n; i++) {
		next = strchr(part, sep);
		if ((next == NULL) != (i == n - 1))
			return (-1);
		if (next != NULL)
			*next++ = '\0';
		while (*part == ' ' || *part == '\t')
			part++;
		e = part + strlen(part);
		while (e > part && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (cfg_uint(part, 0, max, &v) != 0)
			return (-1);
		out[i] = (unsigned)v;
		part = next;
	}
	return (0);
}

/* Parse a positive finite number no larger than max. */
static int
vconf_double(const char *s, double max, double *out)
{
	double	d;

	if (cfg_double(s, 0, max, &d) != 0 || d <= 0)
		return (-1);
	*out = d;
	return (0);
}

/* Handle one key of [venue]. */
static int
vconf_venue_key(struct vconf_parse *p, const char *name, const char *value)
{
	struct vconf		*c = p->c;
	unsigned long long	 n;
	unsigned		 wh[2];

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
		if (vconf_uints(value, 'x', 2, FOHP_GRID_MAX, wh) != 0 ||
		    wh[0] < 1 || wh[1] < 1) {
			snprintf(p->error, sizeof(p->error), "grid \"%s\" must "
			    "be WxH, each 1-%d", value, FOHP_GRID_MAX);
			return (0);
		}
		c->layout.grid_w = (uint16_t)wh[0];
		c->layout.grid_h = (uint16_t)wh[1];
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
	unsigned		 r[4];
	double			 d;
	int			 yes;

	if (strcmp(name, "name") == 0) {
		if (vconf_str(z->name, sizeof(z->name), value) != 0) {
			snprintf(p->error, sizeof(p->error), "zone %s: name "
			    "must be 1-%d bytes", z->id, FOHP_NAME_MAX - 1);
			return (0);
		}
	} else if (strcmp(name, "rect") == 0) {
		if (vconf_uints(value, ',', 4, FOHP_GRID_MAX, r) != 0 ||
		    r[2] == 0 || r[3] == 0) {
			snprintf(p->error, sizeof(p->error), "zone %s: rect "
			    "\"%s\" must be x,y,w,h in grid cells", z->id,
			    value);
			return (0);
		}
		z->x = (uint16_t)r[0];
		z->y = (uint16_t)r[1];
		z->w = (uint16_t)r[2];
		z->h = (uint16_t)r[3];
	} else if (strcmp(name, "area_m2") == 0) {
		if (vconf_double(value, 1e7, &d) != 0) {
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
	} else if (strcmp(name, "warn_density") == 0 ||
	    strcmp(name, "crit_density") == 0) {
		if (vconf_double(value, FOHP_DENSITY_MAX, &d) != 0) {
			snprintf(p->error, sizeof(p->error), "zone %s: %s \"%s\" "
			    "must be a density in p/m2 above 0, at most %g",
			    z->id, name, value, FOHP_DENSITY_MAX);
			return (0);
		}
		if (name[0] == 'w')
			p->c->zone_warn[z - p->c->layout.zones] = d;
		else
			p->c->zone_crit[z - p->c->layout.zones] = d;
	} else if (strcmp(name, "surge") == 0) {
		if (vconf_yesno(value, &yes) != 0) {
			snprintf(p->error, sizeof(p->error), "zone %s: surge "
			    "\"%s\" must be yes or no", z->id, value);
			return (0);
		}
		if (yes)
			p->c->surge = (int)(z - p->c->layout.zones);
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
	return (&l->zones[i]);
}

/*
 * Find or add an entry of a section "KIND ID" in an array of structs; a new
 * one's line goes in lines (if not NULL) at its index.
 */
static void *
vconf_entry(struct vconf_parse *p, const char *what, const char *id,
    void *base, size_t size, uint16_t *n, unsigned max, int *lines, int line)
{
	char		*e;
	unsigned	 i;

	for (i = 0; i < *n; i++) {
		e = (char *)base + i * size;
		if (strcmp(e, id) == 0)	/* every entry starts with its id */
			return (e);
	}
	if (!vconf_valid_id(id)) {
		snprintf(p->error, sizeof(p->error), "%s id \"%s\" must be "
		    "1-%d of a-z 0-9 _ -", what, id, FOHP_ID_MAX - 1);
		return (NULL);
	}
	if (*n == max) {
		snprintf(p->error, sizeof(p->error), "more than %u %ss", max,
		    what);
		return (NULL);
	}
	if (lines != NULL)
		lines[*n] = line;
	e = (char *)base + (size_t)(*n)++ * size;
	memset(e, 0, size);
	strcpy(e, id);
	return (e);
}

/* Handle one key of [gate ID]. */
static int
vconf_gate_key(struct vconf_parse *p, struct vconf_gate *g, const char *name,
    const char *value)
{
	char	 list[256], *tok, *save;
	int	 z;

	if (strcmp(name, "name") == 0) {
		if (vconf_str(g->name, sizeof(g->name), value) != 0)
			goto bad;
	} else if (strcmp(name, "width_m") == 0) {
		if (vconf_double(value, 1000, &g->width_m) != 0)
			goto bad;
	} else if (strcmp(name, "zones") == 0) {
		if (strlen(value) >= sizeof(list))
			goto bad;
		strcpy(list, value);
		g->nzones = 0;
		for (tok = strtok_r(list, ", ", &save); tok != NULL;
		    tok = strtok_r(NULL, ", ", &save)) {
			if ((z = vconf_zone(p->c, tok)) < 0) {
				snprintf(p->error, sizeof(p->error), "gate %s: "
				    "no zone \"%s\" (zones must come before "
				    "the gates that feed them)", g->id, tok);
				return (0);
			}
			if (g->nzones == VCONF_GATE_ZONES) {
				snprintf(p->error, sizeof(p->error), "gate %s: "
				    "feeds more than %d zones", g->id,
				    VCONF_GATE_ZONES);
				return (0);
			}
			g->zones[g->nzones++] = (uint16_t)z;
		}
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[gate %s]", name, g->id);
		return (0);
	}
	return (1);
bad:
	snprintf(p->error, sizeof(p->error), "gate %s: %s \"%s\" is not valid",
	    g->id, name, value);
	return (0);
}

/* Handle one key of [device ID]. */
static int
vconf_device_key(struct vconf_parse *p, struct vconf_device *d,
    const char *name, const char *value)
{
	static const char	*kinds[] = {
		"projector", "amplifier", "ledwall", "other", NULL
	};
	unsigned long long	 n;
	unsigned		 i;

	if (strcmp(name, "name") == 0) {
		if (vconf_str(d->name, sizeof(d->name), value) != 0)
			goto bad;
	} else if (strcmp(name, "kind") == 0) {
		for (i = 0; kinds[i] != NULL; i++) {
			if (strcmp(kinds[i], value) == 0)
				break;
		}
		if (kinds[i] == NULL) {
			snprintf(p->error, sizeof(p->error), "device %s: kind "
			    "\"%s\" must be projector, amplifier, ledwall or "
			    "other", d->id, value);
			return (0);
		}
		strcpy(d->dkind, value);
	} else if (strcmp(name, "heartbeat_s") == 0) {
		if (vconf_uint(value, 1, 86400, &n) != 0)
			goto bad;
		d->heartbeat_s = (uint32_t)n;
	} else if (strcmp(name, "wear") == 0) {
		if (!vconf_valid_id(value))
			goto bad;
		strcpy(d->wear, value);
	} else if (strcmp(name, "wear_limit") == 0) {
		if (vconf_double(value, 1e9, &d->wear_limit) != 0)
			goto bad;
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[device %s]", name, d->id);
		return (0);
	}
	return (1);
bad:
	snprintf(p->error, sizeof(p->error), "device %s: %s \"%s\" is not "
	    "valid", d->id, name, value);
	return (0);
}

/* Handle one key of [model ID]. */
static int
vconf_model_key(struct vconf_parse *p, struct vconf_model *m,
    const char *name, const char *value)
{
	unsigned long long	n;

	if (strcmp(name, "name") == 0) {
		if (vconf_str(m->name, sizeof(m->name), value) != 0)
			goto bad;
	} else if (strcmp(name, "method") == 0) {
		if (strcmp(value, "psi") != 0 && strcmp(value, "ks") != 0) {
			snprintf(p->error, sizeof(p->error), "model %s: method "
			    "\"%s\" must be psi or ks", m->id, value);
			return (0);
		}
		strcpy(m->method, value);
	} else if (strcmp(name, "ref_n") == 0 || strcmp(name, "window_n") == 0) {
		if (vconf_uint(value, 20, 100000, &n) != 0) {
			snprintf(p->error, sizeof(p->error), "model %s: %s "
			    "\"%s\" must be 20-100000", m->id, name, value);
			return (0);
		}
		*(name[0] == 'r' ? &m->ref_n : &m->window_n) = (uint32_t)n;
	} else if (strcmp(name, "bins") == 0) {
		if (vconf_uint(value, 2, DRIFT_BINS_MAX, &n) != 0)
			goto bad;
		m->bins = (uint16_t)n;
	} else if (strcmp(name, "warn") == 0) {
		if (vconf_double(value, 100, &m->warn) != 0)
			goto bad;
	} else if (strcmp(name, "crit") == 0) {
		if (vconf_double(value, 100, &m->crit) != 0)
			goto bad;
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[model %s]", name, m->id);
		return (0);
	}
	return (1);
bad:
	snprintf(p->error, sizeof(p->error), "model %s: %s \"%s\" is not valid",
	    m->id, name, value);
	return (0);
}

/*
 * Is "ADDR:PORT" a loopback IPv4 address and a port? Each part through
 * vconf_uints (digits only: "127.0.0.1:4294967376" is not port 80).
 */
static int
vconf_listen_ok(const char *s, int *loopback)
{
	const char	*colon = strrchr(s, ':');
	char		 addr[32];
	unsigned	 a[4], port;

	if (colon == NULL || (size_t)(colon - s) >= sizeof(addr) ||
	    vconf_uints(colon + 1, ':', 1, 65535, &port) != 0 ||
	    strchr(colon + 1, ' ') != NULL || strchr(colon + 1, '\t') != NULL)
		return (-1);
	memcpy(addr, s, (size_t)(colon - s));
	addr[colon - s] = '\0';
	if (strcmp(addr, "localhost") == 0) {
		*loopback = 1;
		return (0);
	}
	if (strchr(addr, ' ') != NULL || strchr(addr, '\t') != NULL ||
	    vconf_uints(addr, '.', 4, 255, a) != 0)
		return (-1);
	*loopback = a[0] == 127;
	return (0);
}

/* Is an nng URL reachable only from this host? */
int
vconf_url_local(const char *url)
{
	const char	*host, *end;
	char		 h[64];
	size_t		 n;
	struct in_addr	 a4;
	struct in6_addr	 a6;

	if (strncmp(url, "ipc://", 6) == 0 || strncmp(url, "inproc://", 9) == 0)
		return (1);
	if ((host = strstr(url, "://")) == NULL)
		return (0);
	host += 3;
	if (*host == '[') {
		if ((end = strchr(++host, ']')) == NULL)
			return (0);
	} else
		end = host + strcspn(host, ":/");
	if ((n = (size_t)(end - host)) == 0 || n >= sizeof(h))
		return (0);		/* "tcp://:7603" is every interface */
	memcpy(h, host, n);
	h[n] = '\0';
	if (strcmp(h, "localhost") == 0)
		return (1);
	if (inet_pton(AF_INET, h, &a4) == 1)
		return ((ntohl(a4.s_addr) >> 24) == 127);
	if (inet_pton(AF_INET6, h, &a6) == 1)
		return (IN6_IS_ADDR_LOOPBACK(&a6));
	return (0);			/* a host name: it may be anywhere */
}

/* Parse "ADDR" or "ADDR/BITS" into a network. */
int
vconf_cidr_parse(const char *s, struct vconf_cidr *out)
{
	char			 a[INET6_ADDRSTRLEN];
	const char		*slash;
	unsigned long long	 bits;
	size_t			 n;

	slash = strchr(s, '/');
	n = slash != NULL ? (size_t)(slash - s) : strlen(s);
	if (n == 0 || n >= sizeof(a))
		return (-1);
	memcpy(a, s, n);
	a[n] = '\0';
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, a, out->addr) == 1)
		out->family = 4;
	else if (inet_pton(AF_INET6, a, out->addr) == 1)
		out->family = 6;
	else
		return (-1);
	out->bits = out->family == 4 ? 32 : 128;
	if (slash != NULL) {
		if (vconf_uint(slash + 1, 0, out->bits, &bits) != 0)
			return (-1);
		out->bits = (uint8_t)bits;
	}
	return (0);
}

/* Does the address lie in the network? */
int
vconf_cidr_match(const struct vconf_cidr *net, int family,
    const uint8_t *addr)
{
	static const uint8_t	mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};
	unsigned		full, rest;

	if (family == 6 && net->family == 4 &&
	    memcmp(addr, mapped, sizeof(mapped)) == 0) {
		family = 4;
		addr += 12;
	}
	if (family != net->family)
		return (0);
	full = net->bits / 8;
	rest = net->bits % 8;
	if (memcmp(addr, net->addr, full) != 0)
		return (0);
	if (rest == 0)
		return (1);
	return (((addr[full] ^ net->addr[full]) &
	    (uint8_t)(0xff << (8 - rest))) == 0);
}

static int	vconf_duration(const char *, uint64_t, uint32_t *);

/* Handle one key of [ingest]. */
static int
vconf_ingest_key(struct vconf_parse *p, const char *name, const char *value)
{
	struct vconf		*c = p->c;
	struct vconf_cidr	 net;
	unsigned long long	 n;
	const char		*s, *e;
	char			 one[INET6_ADDRSTRLEN + 8];
	size_t			 len;
	int			 loop;

	if (strcmp(name, "listen") == 0) {
		if (vconf_listen_ok(value, &loop) != 0 ||
		    strlen(value) >= sizeof(c->ingest_listen)) {
			snprintf(p->error, sizeof(p->error), "listen \"%s\" "
			    "must be IPV4ADDR:PORT, e.g. 127.0.0.1:7680",
			    value);
			return (0);
		}
		strcpy(c->ingest_listen, value);
	} else if (strcmp(name, "loopback_only") == 0) {
		if (vconf_yesno(value, &c->loopback_only) != 0) {
			snprintf(p->error, sizeof(p->error), "loopback_only "
			    "\"%s\" must be yes or no", value);
			return (0);
		}
	} else if (strcmp(name, "token") == 0) {
		if (strlen(value) < 8 || strlen(value) >= VCONF_TOKEN_MAX) {
			snprintf(p->error, sizeof(p->error), "token must be "
			    "8-%d bytes", VCONF_TOKEN_MAX - 1);
			return (0);
		}
		if (c->ntokens == VCONF_TOKENS_MAX) {
			snprintf(p->error, sizeof(p->error), "more than %d "
			    "tokens", VCONF_TOKENS_MAX);
			return (0);
		}
		strcpy(c->tokens[c->ntokens++], value);
	} else if (strcmp(name, "pull") == 0) {
		if (vconf_str(c->pull, sizeof(c->pull), value) != 0 ||
		    strstr(value, "://") == NULL) {
			snprintf(p->error, sizeof(p->error), "pull URL \"%s\" "
			    "is not a URL like tcp://127.0.0.1:7603", value);
			return (0);
		}
	} else if (strcmp(name, "pull_allow") == 0) {
		/* A list, "10.1.0.0/16, 192.0.2.7"; repeatable. */
		for (s = value; *s != '\0'; s = e) {
			s += strspn(s, ", \t");
			if (*s == '\0')
				break;
			e = s + strcspn(s, ", \t");
			len = (size_t)(e - s);
			if (len >= sizeof(one))
				len = sizeof(one) - 1;
			memcpy(one, s, len);
			one[len] = '\0';
			if (vconf_cidr_parse(one, &net) != 0) {
				snprintf(p->error, sizeof(p->error), "pull_allow "
				    "\"%s\" is not an address or network like "
				    "192.0.2.7 or 10.1.0.0/16", one);
				return (0);
			}
			if (c->npull_allow == VCONF_ALLOW_MAX) {
				snprintf(p->error, sizeof(p->error), "pull_allow: "
				    "more than %d addresses or networks",
				    VCONF_ALLOW_MAX);
				return (0);
			}
			c->pull_allow[c->npull_allow++] = net;
		}
	} else if (strcmp(name, "max_conns") == 0) {
		if (vconf_uint(value, 4, VCONF_CONNS_MAX, &n) != 0) {
			snprintf(p->error, sizeof(p->error), "max_conns \"%s\" "
			    "must be 4-%d connections", value, VCONF_CONNS_MAX);
			return (0);
		}
		c->max_conns = (uint32_t)n;
	} else if (strcmp(name, "idle_timeout") == 0) {
		if (vconf_duration(value, 86400000, &c->idle_timeout_ms) != 0 ||
		    c->idle_timeout_ms < 1000) {
			snprintf(p->error, sizeof(p->error), "idle_timeout "
			    "\"%s\" must be a duration from 1s to 24h, e.g. "
			    "60s", value);
			return (0);
		}
	} else if (strcmp(name, "max_frame") == 0) {
		if (vconf_uint(value, 1024, 1024 * 1024, &n) != 0) {
			snprintf(p->error, sizeof(p->error), "max_frame \"%s\" "
			    "must be 1024-1048576 bytes", value);
			return (0);
		}
		c->max_frame = (uint32_t)n;
	} else if (strcmp(name, "simulate") == 0) {
		if (vconf_yesno(value, &c->simulate) != 0) {
			snprintf(p->error, sizeof(p->error), "simulate \"%s\" "
			    "must be yes or no", value);
			return (0);
		}
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[ingest]", name);
		return (0);
	}
	return (1);
}

/* Parse a duration (cfg_duration's grammar) of at most max_ms, into ms. */
static int
vconf_duration(const char *s, uint64_t max_ms, uint32_t *out)
{
	uint64_t	ms;

	if (max_ms > UINT32_MAX || cfg_duration(s, 0, max_ms, &ms) != 0)
		return (-1);
	*out = (uint32_t)ms;
	return (0);
}

/* Is s one of the words in list (NULL-terminated)? */
static int
vconf_oneof(const char *s, const char *const *list)
{
	unsigned	i;

	for (i = 0; list[i] != NULL; i++) {
		if (strcmp(s, list[i]) == 0)
			return (1);
	}
	return (0);
}

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
static int
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
static int
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
static int
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
static int
vconf_misc_key(struct vconf_parse *p, const char *section, const char *name,
    const char *value)
{
	struct vconf	*c = p->c;

	if (strcmp(section, "control") == 0 && strcmp(name, "tcp") == 0) {
		if (strcmp(value, "allow") != 0 &&
		    strcmp(value, "refuse") != 0) {
			snprintf(p->error, sizeof(p->error), "tcp \"%s\" must "
			    "be allow or refuse", value);
			return (0);
		}
		c->control_tcp = value[0] == 'a';
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

/*
 * cfg_parse callback: a section header (name NULL) or one name = value. A
 * header alone makes its section, so an empty one is not lost.
 */
static int
vconf_handler(void *user, int line, const char *section, const char *name,
    const char *value)
{
	struct vconf_parse	*p = user;
	struct vconf		*c = p->c;
	struct fohp_zone_def	*z;
	struct vconf_rule	*r;
	void			*e;

	if (p->error[0] != '\0')
		return (0);
	if (*section == '\0') {
		snprintf(p->error, sizeof(p->error), "key \"%s\" before the "
		    "first [section]", name);
		return (0);
	}
	if (strcmp(section, "venue") == 0) {
		p->venue_seen = 1;
		return (name == NULL || vconf_venue_key(p, name, value));
	}
	if (strncmp(section, "zone ", 5) == 0) {
		if ((z = vconf_zone_section(p, section)) == NULL)
			return (0);
		if (p->zone_line[z - c->layout.zones] == 0)
			p->zone_line[z - c->layout.zones] = line;
		return (name == NULL || vconf_zone_key(p, z, name, value));
	}
	if (strncmp(section, "gate ", 5) == 0) {
		if ((e = vconf_entry(p, "gate", section + 5, c->gates,
		    sizeof(c->gates[0]), &c->ngates, VCONF_GATES_MAX,
		    p->gate_line, line)) == NULL)
			return (0);
		return (name == NULL || vconf_gate_key(p, e, name, value));
	}
	if (strncmp(section, "device ", 7) == 0) {
		if ((e = vconf_entry(p, "device", section + 7, c->devices,
		    sizeof(c->devices[0]), &c->ndevices,
		    FOHP_DEVICES_MAX, p->device_line, line)) == NULL)
			return (0);
		return (name == NULL || vconf_device_key(p, e, name, value));
	}
	if (strncmp(section, "model ", 6) == 0) {
		if ((e = vconf_entry(p, "model", section + 6, c->models,
		    sizeof(c->models[0]), &c->nmodels,
		    FOHP_MODELS_MAX, p->model_line, line)) == NULL)
			return (0);
		return (name == NULL || vconf_model_key(p, e, name, value));
	}
	if (strcmp(section, "ingest") == 0) {
		if (p->ingest_line == 0)
			p->ingest_line = line;
		if (name != NULL && strcmp(name, "pull") == 0)
			p->pull_line = line;
		return (name == NULL || vconf_ingest_key(p, name, value));
	}
	if (strncmp(section, "rule ", 5) == 0) {
		if ((r = vconf_entry(p, "rule", section + 5, c->rules,
		    sizeof(c->rules[0]), &c->nrules, VCONF_RULES_MAX, NULL,
		    0)) == NULL)
			return (0);
		if (r->line == 0)
			r->line = line;
		return (name == NULL || vconf_rule_key(p, r, name, value));
	}
	if (strcmp(section, "rules") == 0)
		return (name == NULL || vconf_rules_key(p, name, value));
	if (strncmp(section, "operator ", 9) == 0) {
		if ((e = vconf_entry(p, "operator", section + 9, c->operators,
		    sizeof(c->operators[0]), &c->noperators,
		    VCONF_OPERATORS_MAX, NULL, 0)) == NULL)
			return (0);
		return (name == NULL || vconf_operator_key(p, e, name, value));
	}
	if (strcmp(section, "control") == 0 || strcmp(section, "journal") == 0)
		return (name == NULL || vconf_misc_key(p, section, name,
		    value));
	snprintf(p->error, sizeof(p->error), "unknown section [%s]", section);
	return (0);
}

/* Rules need a kind, a target that exists, and a threshold. */
static int
vconf_check_rules(struct vconf *c, const char *name, char *err, size_t errlen)
{
	const char	*why = NULL, *t;
	unsigned	i;
	int		found;

	for (i = 0; i < c->nrules && why == NULL; i++) {
		struct vconf_rule	*r = &c->rules[i];

		t = r->target;
		if (r->kind[0] == '\0')
			why = "has no kind";
		else if (t[0] == '\0')
			why = "has no on = TARGET:ID";
		else if (strcmp(r->subject, "*") != 0) {
			found = strcmp(t, "zone") == 0 ?
			    vconf_zone(c, r->subject) >= 0 :
			    strcmp(t, "gate") == 0 ?
			    vconf_gate(c, r->subject) >= 0 :
			    strcmp(t, "device") == 0 ?
			    vconf_device(c, r->subject) >= 0 :
			    vconf_model(c, r->subject) >= 0;
			if (!found)
				why = "names a subject that is not configured";
		}
		if (why == NULL && strcmp(r->kind, "status") != 0 &&
		    r->metric[0] == '\0')
			why = "has no metric";
		if (why != NULL)
			return (cfg_error(err, errlen, name, r->line, "rule %s %s",
			    r->id, why));
		if (!r->has_clear)
			r->clear = r->threshold;
	}
	for (i = 0; i < c->noperators; i++) {
		if (!c->operators[i].has_uid)
			c->operators[i].uid = -1;
	}
	return (0);
}

/* Checks of gates, devices, models and ingest that need the whole file. */
static int
vconf_check_more(struct vconf_parse *p, const char *name, char *err,
    size_t errlen)
{
	struct vconf	*c = p->c;
	unsigned	 i;
	int		 loop, ingest = p->ingest_line != 0 ? p->ingest_line : 1;

	for (i = 0; i < c->ngates; i++) {
		struct vconf_gate	*g = &c->gates[i];

		if (g->width_m <= 0)
			return (cfg_error(err, errlen, name, p->gate_line[i],
			    "gate %s has no width_m", g->id));
		if (g->name[0] == '\0')
			strcpy(g->name, g->id);
	}
	for (i = 0; i < c->ndevices; i++) {
		struct vconf_device	*d = &c->devices[i];

		if (d->dkind[0] == '\0')
			strcpy(d->dkind, "other");
		if (d->heartbeat_s == 0)
			d->heartbeat_s = 30;
		if (d->name[0] == '\0')
			strcpy(d->name, d->id);
		if (d->wear_limit > 0 && d->wear[0] == '\0')
			return (cfg_error(err, errlen, name,
			    p->device_line[i], "device %s has wear_limit but "
			    "no wear metric", d->id));
	}
	for (i = 0; i < c->nmodels; i++) {
		struct vconf_model	*m = &c->models[i];

		if (m->method[0] == '\0')
			strcpy(m->method, "psi");
		if (m->ref_n == 0)
			m->ref_n = 500;
		if (m->window_n == 0)
			m->window_n = m->ref_n;
		if (m->bins == 0)
			m->bins = 10;
		if (m->warn == 0)
			m->warn = 0.1;
		if (m->crit == 0)
			m->crit = 0.25;
		if (m->name[0] == '\0')
			strcpy(m->name, m->id);
		if (m->crit < m->warn)
			return (cfg_error(err, errlen, name, p->model_line[i],
			    "model %s: crit %g is below warn %g", m->id,
			    m->crit, m->warn));
	}
	if (c->ingest_listen[0] != '\0') {
		(void)vconf_listen_ok(c->ingest_listen, &loop);
		if (c->loopback_only && !loop)
			return (cfg_error(err, errlen, name, ingest,
			    "loopback_only = yes but listen %s is not a "
			    "loopback address", c->ingest_listen));
		if (!c->loopback_only && c->ntokens == 0)
			return (cfg_error(err, errlen, name, ingest,
			    "[ingest] listens on %s but has no token: add "
			    "token = ... or loopback_only = yes",
			    c->ingest_listen));
	}
	if (c->pull[0] != '\0' && !vconf_url_local(c->pull) &&
	    c->npull_allow == 0) {
		return (cfg_error(err, errlen, name, p->pull_line != 0 ?
		    p->pull_line : ingest, "[ingest] pull = %s is reachable "
		    "from other hosts, and PULL has no token: anyone who can "
		    "reach it could push readings and alerts. Listen on "
		    "127.0.0.1, [::1] or ipc://, or name the producers with "
		    "pull_allow = ADDR[/BITS],...", c->pull));
	}
	if (c->max_frame == 0)
		c->max_frame = 65536;
	if (c->idle_timeout_ms == 0)
		c->idle_timeout_ms = 60000;
	return (vconf_check_rules(c, name, err, errlen));
}

/* Whole-file checks after parsing. */
static int
vconf_check(struct vconf_parse *p, const char *name, char *err,
    size_t errlen)
{
	struct vconf	*c = p->c;
	unsigned	 i;

	if (!p->venue_seen || c->id[0] == '\0')
		return (cfg_error(err, errlen, name, 1,
		    "no [venue] section with an id"));
	if (c->layout.nzones == 0)
		return (cfg_error(err, errlen, name, 1,
		    "no [zone ID] sections"));
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
		if (why != NULL)
			return (cfg_error(err, errlen, name, p->zone_line[i],
			    "zone %s %s", z->id, why));
	}
	if (vconf_check_more(p, name, err, errlen) != 0)
		return (-1);
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
	c->simulate = 1;
}

/* Index of the entry with this id in an array of structs led by their id. */
static int
vconf_index(const void *base, size_t size, unsigned n, const char *id)
{
	unsigned	i;

	for (i = 0; i < n; i++) {
		if (strcmp((const char *)base + i * size, id) == 0)
			return ((int)i);
	}
	return (-1);
}

/* Index of a zone by id. */
int
vconf_zone(const struct vconf *c, const char *id)
{
	return (vconf_index(c->layout.zones, sizeof(c->layout.zones[0]),
	    c->layout.nzones, id));
}

/* Index of a gate by id. */
int
vconf_gate(const struct vconf *c, const char *id)
{
	return (vconf_index(c->gates, sizeof(c->gates[0]), c->ngates, id));
}

/* Index of a device by id. */
int
vconf_device(const struct vconf *c, const char *id)
{
	return (vconf_index(c->devices, sizeof(c->devices[0]), c->ndevices,
	    id));
}

/* Index of an operator by name. */
int
vconf_operator(const struct vconf *c, const char *id)
{
	return (vconf_index(c->operators, sizeof(c->operators[0]),
	    c->noperators, id));
}

/* May this operator do this op from this peer? */
const char *
vconf_may(const struct vconf *c, const char *operator_name, const char *op,
    unsigned right, enum vconf_peer peer, long uid, char *why, size_t len)
{
	const struct vconf_operator	*o;
	int				 i;

	if (peer == VCONF_PEER_TCP && !c->control_tcp)
		return ("control over tcp is not enabled on this venue "
		    "([control] tcp = allow in fohd.conf)");
	if (c->noperators == 0) {
		if (peer == VCONF_PEER_TCP)
			return ("no operators are configured for control over "
			    "tcp ([operator NAME] in fohd.conf)");
		return (NULL);	/* local and no list: trusted */
	}
	if ((i = vconf_operator(c, operator_name)) < 0) {
		snprintf(why, len, "operator \"%s\" is not known at venue %s",
		    operator_name, c->id);
		return (why);
	}
	o = &c->operators[i];
	if ((o->rights & right) == 0) {
		snprintf(why, len, "operator \"%s\" may not %s at venue %s",
		    o->id, op, c->id);
		return (why);
	}
	if (o->uid >= 0 && peer != VCONF_PEER_TCP && uid != o->uid) {
		snprintf(why, len, "operator \"%s\" must connect as uid %ld, "
		    "not %s", o->id, o->uid, peer == VCONF_PEER_IPC ?
		    "another uid" : "in-process");
		return (why);
	}
	return (NULL);
}

/* Index of a model by id. */
int
vconf_model(const struct vconf *c, const char *id)
{
	return (vconf_index(c->models, sizeof(c->models[0]), c->nmodels, id));
}

/* Read a venue config from a string. */
int
vconf_load_string(struct vconf *c, const char *name, const char *text,
    char *err, size_t errlen)
{
	struct vconf_parse	p;

	vconf_defaults(c);
	memset(&p, 0, sizeof(p));
	p.c = c;
	if (cfg_load(text, name, vconf_handler, &p, p.error, err, errlen) != 0)
		return (-1);
	return (vconf_check(&p, name, err, errlen));
}

/* Read a venue config from a file. */
int
vconf_load_file(struct vconf *c, const char *path, char *err, size_t errlen)
{
	char	*text;
	int	 rv;

	if ((text = cfg_read_file(path, 1024 * 1024, err, errlen)) == NULL)
		return (-1);
	rv = vconf_load_string(c, path, text, err, errlen);
	free(text);
	return (rv);
}
