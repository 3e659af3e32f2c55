/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-check.c: the checks that need the whole venue config (a zone
 * outside the grid, a rule without a subject, an ingest open to all),
 * each naming the line the handler kept for it, and the defaults filled in
 * after them.
 */
#include "config.h"

#include <string.h>

#include "lib/cfg.h"
#include "vconf-priv.h"

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
			return (cfg_error(err, errlen, name, r->line,
			    "rule %s %s", r->id, why));
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
	int		 loop, ingest;

	ingest = p->ingest_line != 0 ? p->ingest_line : 1;
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
int
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
	if (vconf_check_more(p, name, err, errlen) != 0 ||
	    vconf_check_tls(p, name, err, errlen) != 0 ||
	    vconf_check_nats(p, name, err, errlen) != 0 ||
	    vconf_check_history(p, name, err, errlen) != 0 ||
	    vconf_check_mqtt(p, name, err, errlen) != 0)
		return (-1);
	vconf_check_actions(p, name);	/* issue 16: a warning, no error */
	/* After the rules check: operators without uid = have uid -1. */
	if (vconf_signers_load(p, name, err, errlen) != 0)
		return (-1);
	if (c->layout.name[0] == '\0')
		strcpy(c->layout.name, c->id);
	return (0);
}
