/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * natsconn.c: NATS URLs, connection options and subjects (natsconn.h).
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "lib/text.h"
#include "natsconn.h"

/* Is url a NATS URL? */
int
natsconn_is_url(const char *url)
{
	return (strncmp(url, "nats://", 7) == 0 ||
	    strncmp(url, "tls://", 6) == 0);
}

/* A venue id: 1 to FOHP_ID_MAX-1 bytes of a-z 0-9 _ -. */
static int
natsconn_id_ok(const char *s, size_t n)
{
	size_t	i;

	if (n == 0 || n >= FOHP_ID_MAX)
		return (0);
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '_' || s[i] == '-'))
			return (0);
	}
	return (1);
}

/* Split a NATS URL. */
int
natsconn_parse(const char *url, struct natsconn_url *out, char *err,
    size_t errlen)
{
	const char	*host, *slash, *at, *colon, *p;
	size_t		 n;

	memset(out, 0, sizeof(*out));
	if (strncmp(url, "nats://", 7) == 0)
		host = url + 7;
	else if (strncmp(url, "tls://", 6) == 0) {
		host = url + 6;
		out->tls = 1;
	} else {
		text_error(err, errlen, "%s: not a NATS URL (nats://HOST:PORT "
		    "or tls://HOST:PORT)", url);
		return (-1);
	}
	slash = strchr(host, '/');
	n = slash != NULL ? (size_t)(slash - host) : strlen(host);
	at = memchr(host, '@', n);
	p = at != NULL ? at + 1 : host;
	colon = memchr(p, ':', n - (size_t)(p - host));
	if (p == host + n || colon == NULL || colon == p ||
	    colon + 1 == host + n) {
		text_error(err, errlen, "%s: a NATS URL needs HOST:PORT", url);
		return (-1);
	}
	for (p = colon + 1; p < host + n; p++) {
		if (*p < '0' || *p > '9') {
			text_error(err, errlen, "%s: the port is not a number",
			    url);
			return (-1);
		}
	}
	if (snprintf(out->server, sizeof(out->server), "nats://%.*s", (int)n,
	    host) >= (int)sizeof(out->server)) {
		text_error(err, errlen, "%s: URL too long", url);
		return (-1);
	}
	if (slash == NULL || slash[1] == '\0')
		return (0);
	if (!natsconn_id_ok(slash + 1, strlen(slash + 1))) {
		text_error(err, errlen, "%s: \"%s\" is not a venue id (1-%d of "
		    "a-z 0-9 _ -)", url, slash + 1, FOHP_ID_MAX - 1);
		return (-1);
	}
	snprintf(out->venue, sizeof(out->venue), "%s", slash + 1);
	return (0);
}

static pthread_once_t	natsconn_once = PTHREAD_ONCE_INIT;
static natsStatus	natsconn_started = NATS_ERR;

static void
natsconn_open(void)
{
	natsconn_started = nats_Open(-1);
}

/* Start the library once. */
int
natsconn_init(char *err, size_t errlen)
{
	pthread_once(&natsconn_once, natsconn_open);
	if (natsconn_started != NATS_OK) {
		text_error(err, errlen, "cannot start the NATS client: %s",
		    natsStatus_GetText(natsconn_started));
		return (-1);
	}
	return (0);
}

/* Say which setting failed, with the library's last error. */
static int
natsconn_fail(natsOptions *o, natsStatus s, const char *what, char *err,
    size_t errlen)
{
	const char	*last = nats_GetLastError(NULL);

	text_error(err, errlen, "%s: %s", what, last != NULL && *last !=
	    '\0' ? last : natsStatus_GetText(s));
	natsOptions_Destroy(o);
	return (-1);
}

/* New options for u. */
int
natsconn_options(natsOptions **out, const struct natsconn_url *u,
    const struct transport_tls *tls, const char *name, char *err,
    size_t errlen)
{
	natsOptions	*o = NULL;
	natsStatus	 s;
	char		 what[NATSCONN_URL_MAX + 32];

	*out = NULL;
	if (natsconn_init(err, errlen) != 0)
		return (-1);
	if ((s = natsOptions_Create(&o)) != NATS_OK)
		return (natsconn_fail(NULL, s, "options", err, errlen));
	if ((s = natsOptions_SetURL(o, u->server)) != NATS_OK)
		return (natsconn_fail(o, s, u->server, err, errlen));
	if (name != NULL && (s = natsOptions_SetName(o, name)) != NATS_OK)
		return (natsconn_fail(o, s, "name", err, errlen));
	if ((s = natsOptions_SetMaxReconnect(o, -1)) != NATS_OK ||
	    (s = natsOptions_SetReconnectWait(o, 250)) != NATS_OK ||
	    (s = natsOptions_SetReconnectJitter(o, 100, 500)) != NATS_OK ||
	    (s = natsOptions_SetRetryOnFailedConnect(o, true, NULL,
	    NULL)) != NATS_OK)
		return (natsconn_fail(o, s, "reconnect", err, errlen));
	if (!u->tls)
		return (*out = o, 0);
	if (tls == NULL || tls->ca == NULL || tls->ca[0] == '\0') {
		text_error(err, errlen, "%s is a TLS URL: give the CA the "
		    "server's certificate comes from", u->server);
		natsOptions_Destroy(o);
		return (-1);
	}
	if ((s = natsOptions_SetSecure(o, true)) != NATS_OK)
		return (natsconn_fail(o, s, "TLS", err, errlen));
	snprintf(what, sizeof(what), "CA %s", tls->ca);
	if ((s = natsOptions_LoadCATrustedCertificates(o, tls->ca)) !=
	    NATS_OK)
		return (natsconn_fail(o, s, what, err, errlen));
	if (tls->cert != NULL && tls->cert[0] != '\0') {
		snprintf(what, sizeof(what), "certificate %s and key %s",
		    tls->cert, tls->key != NULL ? tls->key : "(none)");
		if ((s = natsOptions_LoadCertificatesChain(o, tls->cert,
		    tls->key != NULL ? tls->key : "")) != NATS_OK)
			return (natsconn_fail(o, s, what, err, errlen));
	}
	*out = o;
	return (0);
}

/* A subject: foh.VENUE.KIND. */
void
natsconn_subject(char *out, size_t len, const char *venue, const char *kind)
{
	snprintf(out, len, "foh.%s.%s", venue, kind);
}

/* The library's words for s. */
const char *
natsconn_error(natsStatus s)
{
	return (natsStatus_GetText(s));
}
