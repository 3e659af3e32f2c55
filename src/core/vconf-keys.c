/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-keys.c: the keys of a venue's place and services: [venue], [zone
 * ID], [gate ID], [device ID], [model ID] and [ingest], each checked as it
 * is read (vconf.c calls them from its handler).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include "drift.h"
#include "vconf-priv.h"

/* Handle one key of [venue]. */
int
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
int
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

/* Handle one key of [gate ID]. */
int
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
int
vconf_device_key(struct vconf_parse *p, struct vconf_device *d,
    const char *name, const char *value)
{
	static const char	*kinds[] = {
		"projector", "amplifier", "ledwall", "camera", "other", NULL
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
			    "\"%s\" must be projector, amplifier, ledwall, "
			    "camera or other", d->id, value);
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
int
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

/* Handle one key of [ingest]. */
int
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
