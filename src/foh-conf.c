/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * foh-conf.c: what foh.c (the console) and foh-oneshot.c (one request and
 * exit) both need: the console config loaded, who acts, the version line.
 * It calls neither of them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>
#include <unistd.h>

#include "console/cconf.h"
#include "proto/foh-proto.h"
#include "foh.h"

/*
 * The user's foh.conf ($XDG_CONFIG_HOME/foh/foh.conf, or under ~/.config)
 * into buf; 0 if it exists and can be read.
 */
static int
foh_default_conf(char *buf, size_t len)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg != NULL && *xdg != '\0')
		snprintf(buf, len, "%s/foh/foh.conf", xdg);
	else
		snprintf(buf, len, "%s/.config/foh/foh.conf",
		    home != NULL ? home : ".");
	return (access(buf, R_OK));
}

/*
 * Load the console config at *path into conf, defaults first. With *path
 * NULL and use_default set, the user's foh.conf if it can be read: *path
 * then points at def (deflen bytes, the caller's). 0, or EX_CONFIG having
 * said why on stderr.
 */
int
foh_conf_load(struct cconf *conf, const char **path, int use_default,
    char *def, size_t deflen)
{
	char	err[512];

	if (*path == NULL && use_default && foh_default_conf(def,
	    deflen) == 0)
		*path = def;
	cconf_defaults(conf);
	if (*path != NULL && cconf_load(conf, *path, err, sizeof(err)) != 0) {
		fprintf(stderr, "foh: error: %s\n", err);
		return (EX_CONFIG);
	}
	return (0);
}

/*
 * Who acts, into out (len bytes): given (-o) if not NULL or empty, else
 * conf's operator (conf may be NULL), else $USER, else "operator".
 */
void
foh_operator(char *out, size_t len, const char *given,
    const struct cconf *conf)
{
	const char	*who = getenv("USER");

	if (given != NULL && *given != '\0')
		who = given;
	else if (conf != NULL && conf->operator_name[0] != '\0')
		who = conf->operator_name;
	else if (who == NULL || *who == '\0')
		who = "operator";
	snprintf(out, len, "%s", who);
}

/* foh --version (and a one-shot command's). */
void
foh_version(void)
{
	printf("foh %s (protocol %d)\n", PACKAGE_VERSION, FOHP_VERSION);
}
