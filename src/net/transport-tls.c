/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * transport-tls.c: TLS for tls+tcp:// and wss:// sockets.
 *
 * nng 1.5.2 opens a tls+tcp:// listener that has no configuration and then
 * fails every handshake ("Cryptographic error"), and a dialer given a
 * configuration of its own forgets the server name it took from the URL.
 * So every TLS socket here gets a configuration made from struct
 * transport_tls, with the server name set, before it starts; a TLS URL
 * without one is refused.
 *
 * nng's own errors say little ("Cryptographic error" for a file that is
 * not PEM, nothing for a key that belongs to another certificate), so the
 * files are read and checked here first with mbed TLS, the library nng's
 * TLS engine is built on (libnng-dev depends on libmbedtls-dev), and the
 * error names the file and what is wrong with it. The same PEM text is
 * then handed to nng, so what was checked is what is used.
 *
 * nng 1.5.2 keeps no last error for a dialer or a listener, only counts
 * by kind; transport_dial_trouble and transport_cap_failed read them, so
 * that a refused handshake can be told to the console's user and counted
 * by fohd.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/error.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include <nng/nng.h>
#include <nng/supplemental/tls/tls.h>

#include "transport-priv.h"

#define TRANSPORT_TLS_FILE_MAX	(1024 * 1024)	/* bytes in a PEM file */

/* The PEM text of one configuration, each the caller's to free. */
struct transport_tls_pem {
	char	*ca;
	char	*cert;
	char	*key;
};

/* Is url one that needs TLS? */
int
transport_url_tls(const char *url)
{
	return (strncmp(url, "tls+tcp", 7) == 0 || strncmp(url, "wss", 3) ==
	    0);
}

/* Is a file name given (not NULL, not "")? */
static int
transport_tls_given(const char *path)
{
	return (path != NULL && *path != '\0');
}

/*
 * Read the whole of path (what: "certificate", "key", "CA") as a string
 * that is PEM and holds a block whose BEGIN line ends in want ("PRIVATE
 * KEY-----", "CERTIFICATE-----"); NULL with err saying why. The caller
 * frees it.
 */
static char *
transport_tls_read(const char *path, const char *what, const char *want,
    char *err, size_t errlen)
{
	FILE	*f;
	char	*buf;
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s %s: cannot read it: %s", what, path,
		    strerror(errno));
		return (NULL);
	}
	if ((buf = malloc(TRANSPORT_TLS_FILE_MAX + 1)) == NULL) {
		fclose(f);
		snprintf(err, errlen, "%s %s: out of memory", what, path);
		return (NULL);
	}
	n = fread(buf, 1, TRANSPORT_TLS_FILE_MAX + 1, f);
	if (ferror(f) || n > TRANSPORT_TLS_FILE_MAX) {
		snprintf(err, errlen, "%s %s: %s", what, path, ferror(f) ?
		    "cannot read it" : "larger than 1 MiB: not a PEM file");
		fclose(f);
		free(buf);
		return (NULL);
	}
	fclose(f);
	buf[n] = '\0';
	if (strlen(buf) != n || strstr(buf, "-----BEGIN ") == NULL) {
		snprintf(err, errlen, "%s %s: not a PEM file (no -----BEGIN "
		    "line)", what, path);
		free(buf);
		return (NULL);
	}
	if (strstr(buf, want) == NULL) {
		snprintf(err, errlen, "%s %s: holds no %s (no -----BEGIN ...%s "
		    "line)", what, path, want[0] == 'C' ? "certificate" :
		    "private key", want);
		free(buf);
		return (NULL);
	}
	return (buf);
}

/* mbed TLS's words for error rv, into buf. */
static const char *
transport_tls_words(int rv, char *buf, size_t len)
{
	mbedtls_strerror(rv, buf, len);
	return (buf);
}

/*
 * Check that a certificate (cert, PEM, from path) parses, that key (from
 * key_path) is its private key, and with dated set that it is valid now.
 * 0 or -1 with err.
 */
static int
transport_tls_check_pair(const char *cert, const char *path,
    const char *key, const char *key_path, int dated, char *err,
    size_t errlen)
{
	mbedtls_x509_crt	 crt;
	mbedtls_pk_context	 pk;
	const mbedtls_x509_time	*t;
	char			 w[160];
	int			 rv, ret = -1;

	mbedtls_x509_crt_init(&crt);
	mbedtls_pk_init(&pk);
	if ((rv = mbedtls_x509_crt_parse(&crt, (const unsigned char *)cert,
	    strlen(cert) + 1)) != 0)
		snprintf(err, errlen, "certificate %s: not a certificate: %s",
		    path, transport_tls_words(rv, w, sizeof(w)));
	else if (dated && mbedtls_x509_time_is_past(&crt.valid_to)) {
		t = &crt.valid_to;
		snprintf(err, errlen, "certificate %s expired on "
		    "%04d-%02d-%02d %02d:%02d UTC", path, t->year, t->mon,
		    t->day, t->hour, t->min);
	} else if (dated && mbedtls_x509_time_is_future(&crt.valid_from)) {
		t = &crt.valid_from;
		snprintf(err, errlen, "certificate %s is not valid before "
		    "%04d-%02d-%02d %02d:%02d UTC", path, t->year, t->mon,
		    t->day, t->hour, t->min);
	} else if ((rv = mbedtls_pk_parse_key(&pk, (const unsigned char *)key,
	    strlen(key) + 1, NULL, 0)) != 0)
		snprintf(err, errlen, "key %s: %s", key_path,
		    rv == MBEDTLS_ERR_PK_PASSWORD_REQUIRED ? "the key is "
		    "encrypted: give it without a passphrase" :
		    transport_tls_words(rv, w, sizeof(w)));
	else if (mbedtls_pk_check_pair(&crt.pk, &pk) != 0)
		snprintf(err, errlen, "key %s does not belong to the "
		    "certificate in %s", key_path, path);
	else
		ret = 0;
	mbedtls_pk_free(&pk);
	mbedtls_x509_crt_free(&crt);
	return (ret);
}

/* Check that a CA file (ca, PEM, from path) holds certificates. */
static int
transport_tls_check_ca(const char *ca, const char *path, char *err,
    size_t errlen)
{
	mbedtls_x509_crt	crt;
	char			w[160];
	int			rv;

	mbedtls_x509_crt_init(&crt);
	rv = mbedtls_x509_crt_parse(&crt, (const unsigned char *)ca,
	    strlen(ca) + 1);
	mbedtls_x509_crt_free(&crt);
	if (rv != 0) {
		snprintf(err, errlen, "CA %s: %s: %s", path, rv > 0 ?
		    "some certificates in it do not parse" :
		    "not a certificate", transport_tls_words(rv, w, sizeof(w)));
		return (-1);
	}
	return (0);
}

/* Free what transport_tls_load read. */
static void
transport_tls_free(struct transport_tls_pem *pem)
{
	free(pem->ca);
	free(pem->cert);
	free(pem->key);
	memset(pem, 0, sizeof(*pem));
}

/*
 * Read and check tls's files as a listener (server) or a dialer needs
 * them, into pem (the caller frees it with transport_tls_free, also on an
 * error). 0 or -1 with err.
 */
static int
transport_tls_load(const struct transport_tls *tls, int server,
    struct transport_tls_pem *pem, char *err, size_t errlen)
{
	int	cert, key;

	memset(pem, 0, sizeof(*pem));
	cert = tls != NULL && transport_tls_given(tls->cert);
	key = tls != NULL && transport_tls_given(tls->key);
	if (server && !cert) {
		snprintf(err, errlen, "a TLS listener needs a certificate "
		    "and its key, and none is configured");
		return (-1);
	}
	if (cert != key) {
		snprintf(err, errlen, "a certificate needs its key and a key "
		    "its certificate: only the %s is given", cert ?
		    "certificate" : "key");
		return (-1);
	}
	if (!server && (tls == NULL || !transport_tls_given(tls->ca))) {
		snprintf(err, errlen, "a TLS URL needs the CA certificate "
		    "the server's certificate is checked against, and none "
		    "is given");
		return (-1);
	}
	if (server && tls->clients != TRANSPORT_TLS_NONE &&
	    !transport_tls_given(tls->ca)) {
		snprintf(err, errlen, "checking clients' certificates needs "
		    "the CA they come from, and none is configured");
		return (-1);
	}
	if (cert && ((pem->cert = transport_tls_read(tls->cert,
	    "certificate", "CERTIFICATE-----", err, errlen)) == NULL ||
	    (pem->key = transport_tls_read(tls->key, "key",
	    "PRIVATE KEY-----", err, errlen)) == NULL ||
	    transport_tls_check_pair(pem->cert, tls->cert, pem->key,
	    tls->key, server, err, errlen) != 0))
		return (-1);
	if (tls != NULL && transport_tls_given(tls->ca) &&
	    ((pem->ca = transport_tls_read(tls->ca, "CA", "CERTIFICATE-----",
	    err, errlen)) == NULL ||
	    transport_tls_check_ca(pem->ca, tls->ca, err, errlen) != 0))
		return (-1);
	return (0);
}

/* Read and check tls's files as a listener or a dialer would. */
int
transport_tls_check(const struct transport_tls *tls, int server, char *err,
    size_t errlen)
{
	struct transport_tls_pem	pem;
	int				rv;

	rv = transport_tls_load(tls, server, &pem, err, errlen);
	transport_tls_free(&pem);
	return (rv);
}

/*
 * Make the configuration of a listener (server) or a dialer on url from
 * tls, into *cfg (the caller's, to nng_tls_config_free). 0, or an nng
 * error code with err.
 */
static int
transport_tls_config(const struct transport_tls *tls, int server,
    const char *url, nng_tls_config **cfg, char *err, size_t errlen)
{
	struct transport_tls_pem	 pem;
	nng_url				*u = NULL;
	const char			*name;
	int				 rv;

	*cfg = NULL;
	if (transport_tls_load(tls, server, &pem, err, errlen) != 0) {
		transport_tls_free(&pem);
		return (NNG_EINVAL);
	}
	if ((rv = nng_tls_config_alloc(cfg, server ? NNG_TLS_MODE_SERVER :
	    NNG_TLS_MODE_CLIENT)) != 0) {
		snprintf(err, errlen, "TLS: %s", nng_strerror(rv));
		transport_tls_free(&pem);
		return (rv);
	}
	if (pem.cert != NULL && (rv = nng_tls_config_own_cert(*cfg, pem.cert,
	    pem.key, NULL)) != 0)
		snprintf(err, errlen, "certificate %s with key %s: %s",
		    tls->cert, tls->key, nng_strerror(rv));
	else if (pem.ca != NULL && (rv = nng_tls_config_ca_chain(*cfg, pem.ca,
	    NULL)) != 0)
		snprintf(err, errlen, "CA %s: %s", tls->ca, nng_strerror(rv));
	else if (server && (rv = nng_tls_config_auth_mode(*cfg,
	    tls->clients == TRANSPORT_TLS_REQUIRED ?
	    NNG_TLS_AUTH_MODE_REQUIRED : tls->clients ==
	    TRANSPORT_TLS_OPTIONAL ? NNG_TLS_AUTH_MODE_OPTIONAL :
	    NNG_TLS_AUTH_MODE_NONE)) != 0)
		snprintf(err, errlen, "TLS client mode: %s", nng_strerror(rv));
	else if (!server) {
		/* The client checks the server's certificate (nng's default
		 * for a client), and its name: given, or the URL's host. */
		name = tls->server_name;
		if (!transport_tls_given(name) && (rv = nng_url_parse(&u,
		    url)) == 0)
			name = u->u_hostname;
		if (rv == 0 && (rv = nng_tls_config_auth_mode(*cfg,
		    NNG_TLS_AUTH_MODE_REQUIRED)) == 0)
			rv = nng_tls_config_server_name(*cfg, name);
		if (rv != 0)
			snprintf(err, errlen, "TLS server name: %s",
			    nng_strerror(rv));
		if (u != NULL)
			nng_url_free(u);
	}
	transport_tls_free(&pem);
	if (rv != 0) {
		nng_tls_config_free(*cfg);
		*cfg = NULL;
	}
	return (rv);
}

/* Give a listener its TLS configuration, if its URL is a TLS one. */
int
transport_tls_listener(nng_listener l, const char *url,
    const struct transport_tls *tls, char *err, size_t errlen)
{
	nng_tls_config	*cfg;
	int		 rv;

	if (!transport_url_tls(url))
		return (0);
	if ((rv = transport_tls_config(tls, 1, url, &cfg, err, errlen)) != 0)
		return (rv);
	/* The listener holds its own reference. */
	if ((rv = nng_listener_set_ptr(l, NNG_OPT_TLS_CONFIG, cfg)) != 0)
		snprintf(err, errlen, "TLS: %s", nng_strerror(rv));
	nng_tls_config_free(cfg);
	return (rv);
}

/* Give a dialer its TLS configuration, if its URL is a TLS one. */
int
transport_tls_dialer(nng_dialer d, const char *url,
    const struct transport_tls *tls, char *err, size_t errlen)
{
	nng_tls_config	*cfg;
	int		 rv;

	if (!transport_url_tls(url))
		return (0);
	if ((rv = transport_tls_config(tls, 0, url, &cfg, err, errlen)) != 0)
		return (rv);
	if ((rv = nng_dialer_set_ptr(d, NNG_OPT_TLS_CONFIG, cfg)) != 0)
		snprintf(err, errlen, "TLS: %s", nng_strerror(rv));
	nng_tls_config_free(cfg);
	return (rv);
}

/* Connections a capped listener took that failed before they were pipes. */
uint64_t
transport_cap_failed(const struct transport_cap *cap)
{
	static const char *const names[] = {
		"auth", "other", "proto", "timeout", "disconnect", "oom"
	};
	nng_stat	*all, *st, *c;
	uint64_t	 n = 0;
	size_t		 i;

	if (nng_listener_id(cap->listener) <= 0 || nng_stats_get(&all) != 0)
		return (0);
	if ((st = nng_stat_find_listener(all, cap->listener)) != NULL) {
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if ((c = nng_stat_find(st, names[i])) != NULL)
				n += nng_stat_value(c);
		}
	}
	nng_stats_free(all);
	return (n);
}

/* Why a background dialer has not connected, from nng's counters. */
const char *
transport_dial_trouble(nng_dialer d, int tls, uint64_t seen[4])
{
	static const char *const names[4] = {
		"auth", "refused", "timeout", "other"
	};
	static const char *const words[4] = {
		"TLS handshake failed", "connection refused", "timed out",
		"cannot connect"
	};
	nng_stat	*all, *st, *c;
	const char	*why = NULL;
	uint64_t	 v;
	int		 i;

	if (nng_stats_get(&all) != 0)
		return (NULL);
	if ((st = nng_stat_find_dialer(all, d)) != NULL) {
		for (i = 0; i < 4; i++) {
			if ((c = nng_stat_find(st, names[i])) == NULL)
				continue;
			v = nng_stat_value(c);
			if (v > seen[i] && why == NULL)
				why = tls && i == 3 ? "TLS handshake failed or "
				    "cut (a client certificate?)" : words[i];
			seen[i] = v;
		}
	}
	nng_stats_free(all);
	return (why);
}
