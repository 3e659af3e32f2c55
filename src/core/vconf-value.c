/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-value.c: the leaf of the vconf module. One value of a key read and
 * checked (ids, yes/no, numbers, durations, strings, listen URLs), and an
 * entry found by its id. Every other vconf file calls these; these call
 * none of them back.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cfg.h"
#include "vconf-priv.h"

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
int
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
int
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
int
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
int
vconf_double(const char *s, double max, double *out)
{
	double	d;

	if (cfg_double(s, 0, max, &d) != 0 || d <= 0)
		return (-1);
	*out = d;
	return (0);
}

/* Parse a duration (cfg_duration's grammar) of at most max_ms, into ms. */
int
vconf_duration(const char *s, uint64_t max_ms, uint32_t *out)
{
	uint64_t	ms;

	if (max_ms > UINT32_MAX || cfg_duration(s, 0, max_ms, &ms) != 0)
		return (-1);
	*out = (uint32_t)ms;
	return (0);
}

/* Is s one of the words in list (NULL-terminated)? */
int
vconf_oneof(const char *s, const char *const *list)
{
	unsigned	i;

	for (i = 0; list[i] != NULL; i++) {
		if (strcmp(s, list[i]) == 0)
			return (1);
	}
	return (0);
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

/* Index of a model by id. */
int
vconf_model(const struct vconf *c, const char *id)
{
	return (vconf_index(c->models, sizeof(c->models[0]), c->nmodels, id));
}

/*
 * Is "ADDR:PORT" a loopback IPv4 address and a port? Each part through
 * vconf_uints (digits only: "127.0.0.1:4294967376" is not port 80).
 */
int
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
