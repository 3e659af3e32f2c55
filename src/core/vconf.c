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
 *
 * The module's files: vconf.c (the handler, value parsers, lookups,
 * loading), vconf-keys.c ([venue], [zone], [gate], [device], [model],
 * [ingest]), vconf-rules.c ([rule], [rules], [operator], [control],
 * [journal]) and vconf-check.c (the whole-file checks).
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
