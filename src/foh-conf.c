/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * foh-conf.c: what foh.c (the console) and foh-oneshot.c (one request and
 * exit) both need: the console config loaded, who acts, the key that
 * signs their requests, the version line.
 * It calls neither of them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>
#include <unistd.h>

#include "console/cconf.h"
#include "console/signer.h"
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

/*
 * Open the signer s (signer.h): the key file given (--identity) if not
 * NULL, else conf's identity (conf may be NULL), else the ssh-agent's
 * first Ed25519 key. Into why (whylen bytes) what the diagnostics say:
 * "signing as SHA256:... (ssh-agent)" or why none does. 0, or
 * EX_CONFIG having said on stderr why an identity asked for cannot be
 * used: it must not be replaced by another key, or by none.
 */
int
foh_signer_open(struct signer *s, const char *given, const struct cconf *conf,
    char *why, size_t whylen)
{
	const char	*identity = given;
	char		 err[1024];
	int		 rv;

	if (identity == NULL && conf != NULL && conf->identity[0] != '\0')
		identity = conf->identity;
	rv = signer_open(s, identity, NULL, err, sizeof(err));
	if (rv < 0) {
		fprintf(stderr, "foh: error: identity: %s\n", err);
		return (EX_CONFIG);
	}
	if (rv == 0)
		snprintf(why, whylen, "signing as %s (%s)",
		    signer_fingerprint(s), s->source);
	else	/* signer_open says why, ending "requests go unsigned" */
		snprintf(why, whylen, "%s", err);
	return (0);
}

/* foh --version (and a one-shot command's). */
void
foh_version(void)
{
	printf("foh %s (protocol %d)\n", PACKAGE_VERSION, FOHP_VERSION);
}
