/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-tls.c: [tls] (cert, key, ca, clients), and the whole-file check
 * that every tls+tcp:// or wss:// listen URL has a certificate to listen
 * with: nng would open such a listener without one and fail every
 * handshake, so the config is refused, naming the URL's line. Reading the
 * files themselves is transport_tls_check's (src/net), which fohd calls
 * at start.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "lib/cfg.h"
#include "vconf-priv.h"

/* Handle one key of [tls]. */
int
vconf_tls_key(struct vconf_parse *p, const char *name, const char *value)
{
	struct vconf	*c = p->c;
	char		*dst = NULL;

	if (strcmp(name, "cert") == 0)
		dst = c->tls_cert;
	else if (strcmp(name, "key") == 0)
		dst = c->tls_key;
	else if (strcmp(name, "ca") == 0)
		dst = c->tls_ca;
	else if (strcmp(name, "clients") == 0) {
		if (strcmp(value, "none") == 0)
			c->tls_clients = VCONF_TLS_NONE;
		else if (strcmp(value, "optional") == 0)
			c->tls_clients = VCONF_TLS_OPTIONAL;
		else if (strcmp(value, "required") == 0)
			c->tls_clients = VCONF_TLS_REQUIRED;
		else {
			snprintf(p->error, sizeof(p->error), "clients \"%s\" "
			    "must be none, optional or required", value);
			return (0);
		}
		return (1);
	} else {
		snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in "
		    "[tls]", name);
		return (0);
	}
	if (vconf_str(dst, VCONF_URL_MAX, value) != 0) {
		snprintf(p->error, sizeof(p->error), "%s must be a file name "
		    "of 1-%d bytes", name, VCONF_URL_MAX - 1);
		return (0);
	}
	return (1);
}

/* Is url one nng opens with TLS (tls+tcp://, wss://)? */
int
vconf_url_tls(const char *url)
{
	return (strncmp(url, "tls+tcp", 7) == 0 || strncmp(url, "wss", 3) ==
	    0);
}

/* [tls] is whole, and every TLS listen URL has what it needs. */
int
vconf_check_tls(struct vconf_parse *p, const char *name, char *err,
    size_t errlen)
{
	struct vconf	*c = p->c;
	const char	*what[3] = { "stream", "control", "pull" };
	const char	*url[3];
	int		 line[3], i, tls;

	url[0] = c->stream;
	url[1] = c->control;
	url[2] = c->pull;
	line[0] = p->stream_line;
	line[1] = p->control_line;
	line[2] = p->pull_line;
	tls = c->tls_line != 0 ? c->tls_line : 1;
	if ((c->tls_cert[0] != '\0') != (c->tls_key[0] != '\0'))
		return (cfg_error(err, errlen, name, tls, "[tls] has a %s but "
		    "no %s: give both cert = FILE and key = FILE",
		    c->tls_cert[0] != '\0' ? "cert" : "key",
		    c->tls_cert[0] != '\0' ? "key" : "cert"));
	if (c->tls_clients != VCONF_TLS_NONE && c->tls_ca[0] == '\0')
		return (cfg_error(err, errlen, name, tls, "[tls] clients = %s "
		    "needs ca = FILE: the CA whose certificates clients show",
		    c->tls_clients == VCONF_TLS_REQUIRED ? "required" :
		    "optional"));
	for (i = 0; i < 3; i++) {
		if (url[i][0] == '\0' || !vconf_url_tls(url[i]) ||
		    c->tls_cert[0] != '\0')
			continue;
		return (cfg_error(err, errlen, name, line[i] != 0 ? line[i] :
		    1, "%s URL %s needs TLS, and there is no certificate: add "
		    "[tls] cert = FILE and key = FILE (see fohd.conf(5))",
		    what[i], url[i]));
	}
	return (0);
}
