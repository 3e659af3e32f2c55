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
 * The module's files: vconf.c (the handler, rights, loading), vconf-tls.c
 * ([tls] and the TLS listen URLs), vconf-keys.c
 * ([venue], [zone], [gate], [device], [model], [ingest]), vconf-nats.c
 * ([nats]), vconf-actions.c ([actions], issue 16), vconf-history.c ([history] and the config's fingerprint),
 * vconf-rules.c
 * ([rule], [rules], [operator], [control], [journal]), vconf-signers.c
 * (operators' signing keys: key = and allowed_signers), vconf-check.c (the
 * whole-file checks) and vconf-value.c (value parsers and lookups: the leaf
 * every other file calls).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cfg.h"
#include "vconf-priv.h"

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
	p->line = line;		/* issue 16: publish = warnings */
	if (*section == '\0') {
		snprintf(p->error, sizeof(p->error), "key \"%s\" before the "
		    "first [section]", name);
		return (0);
	}
	if (strcmp(section, "venue") == 0) {
		p->venue_seen = 1;
		if (name != NULL && strcmp(name, "stream") == 0)
			p->stream_line = line;
		if (name != NULL && strcmp(name, "control") == 0)
			p->control_line = line;
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
	if (strcmp(section, "tls") == 0) {
		if (c->tls_line == 0)
			c->tls_line = line;
		return (name == NULL || vconf_tls_key(p, name, value));
	}
	if (strcmp(section, "nats") == 0) {
		if (c->nats_line == 0)
			c->nats_line = line;
		return (name == NULL || vconf_nats_key(p, line, name, value));
	}
	if (strcmp(section, "mqtt") == 0) {	/* issue 16 */
		if (c->mqtt_line == 0)
			c->mqtt_line = line;
		return (name == NULL || vconf_mqtt_key(p, line, name, value));
	}
	if (strcmp(section, "history") == 0) {
		if (c->history_line == 0)
			c->history_line = line;
		return (name == NULL || vconf_history_key(p, line, name,
		    value));
	}
	if (strcmp(section, "actions") == 0)	/* issue 16 */
		return (name == NULL || vconf_actions_key(p, name, value));
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
	if (strcmp(section, "control") == 0 && name != NULL &&
	    strcmp(name, "allowed_signers") == 0)
		p->signers_line = line;
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
	c->sign_window_ms = 60000;
	vconf_nats_defaults(c);
	vconf_history_defaults(c);
	vconf_mqtt_defaults(c);
	vconf_actions_defaults(c);	/* issue 16 */
}

/* The word of a [control] tcp = value. */
const char *
vconf_tcp_name(enum vconf_tcp t)
{
	return (t == VCONF_TCP_SIGNED ? "signed" : t == VCONF_TCP_ALLOW ?
	    "allow" : "refuse");
}

/* Is an unsigned request of this operator refused for want of a signature? */
const char *
vconf_unsigned(const struct vconf *c, const char *operator_name,
    enum vconf_peer peer, char *why, size_t len)
{
	const struct vconf_operator	*o;
	int				 i;

	if (peer != VCONF_PEER_TCP || c->control_tcp == VCONF_TCP_REFUSE)
		return (NULL);		/* local, or refused anyway */
	if (c->control_tcp == VCONF_TCP_SIGNED) {
		snprintf(why, len, "venue %s accepts only signed requests over "
		    "the network ([control] tcp = signed)", c->id);
		return (why);
	}
	if ((i = vconf_operator(c, operator_name)) < 0)
		return (NULL);
	o = &c->operators[i];
	if (o->uid >= 0 || o->nkeys > 0) {
		snprintf(why, len, "operator \"%s\" %s: over the network only "
		    "a request signed with the operator's key is accepted",
		    o->id, o->uid < 0 ? "holds a signing key" : o->nkeys == 0 ?
		    "is pinned to a uid" : "is pinned to a uid and holds a "
		    "signing key");
		return (why);
	}
	return (NULL);
}

/* May this operator do this op from this peer? */
const char *
vconf_may(const struct vconf *c, const char *operator_name, const char *op,
    unsigned right, enum vconf_peer peer, long uid, int is_signed, char *why,
    size_t len)
{
	const struct vconf_operator	*o;
	int				 i;

	if (peer == VCONF_PEER_TCP && c->control_tcp == VCONF_TCP_REFUSE)
		return ("control over tcp is not enabled on this venue "
		    "([control] tcp = signed or allow in fohd.conf)");
	if (!is_signed && vconf_unsigned(c, operator_name, peer, why,
	    len) != NULL)
		return (why);
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

/* Read a venue config from a string. */
int
vconf_load_string(struct vconf *c, const char *name, const char *text,
    char *err, size_t errlen)
{
	struct vconf_parse	p;

	vconf_defaults(c);
	memset(&p, 0, sizeof(p));
	p.c = c;
	vconf_history_fingerprint(c, text);
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
