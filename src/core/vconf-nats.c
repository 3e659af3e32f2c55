/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-nats.c: [nats] (url, ca, cert, key, stream, domain, max_age,
 * max_bytes, outbox): where fohd publishes its stream and answers control
 * beside nng (PROTOCOL.md 14). Each value is checked as it is read; what
 * needs the whole file (the stream's default name FOH_<id>, a tls:// URL
 * without its CA, a cert without its key) is checked after, naming the
 * line of [nats] or of its url. Reading the PEM files themselves is the
 * NATS client's, when fohd connects.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "lib/cfg.h"
#include "vconf-priv.h"

#define VCONF_NATS_AGE_MAX	(366ULL * 86400000)	/* a year */
#define VCONF_NATS_BYTES_MIN	(1024ULL * 1024)	/* 1M */
#define VCONF_NATS_BYTES_MAX	(1ULL << 40)		/* 1T */
#define VCONF_NATS_OUTBOX_MIN	(64ULL * 1024)		/* 64K */
#define VCONF_NATS_OUTBOX_MAX	(1ULL << 30)		/* 1G */

/*
 * A size: digits, then nothing (bytes) or one of K, M, G, T (powers of
 * 1024), within [lo, hi]. 0, or -1.
 */
int
vconf_size(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	char		 digits[32];
	size_t		 n = strlen(s);
	uint64_t	 v, mul = 1;

	if (n == 0 || n >= sizeof(digits))
		return (-1);
	switch (toupper((unsigned char)s[n - 1])) {
	case 'K':
		mul = 1ULL << 10;
		break;
	case 'M':
		mul = 1ULL << 20;
		break;
	case 'G':
		mul = 1ULL << 30;
		break;
	case 'T':
		mul = 1ULL << 40;
		break;
	}
	if (mul != 1)
		n--;
	memcpy(digits, s, n);
	digits[n] = '\0';
	if (cfg_uint(digits, 0, UINT64_MAX / mul, &v) != 0)
		return (-1);
	v *= mul;
	if (v < lo || v > hi)
		return (-1);
	*out = v;
	return (0);
}

/* Is s a JetStream stream name we accept: 1-n of A-Z a-z 0-9 _ -? */
static int
vconf_nats_name_ok(const char *s, size_t max)
{
	size_t	i, n = strlen(s);

	if (n == 0 || n >= max)
		return (0);
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' &&
		    s[i] != '-')
			return (0);
	}
	return (1);
}

/* Is url nats://[U:P@]HOST:PORT or tls://... with nothing after PORT? */
static int
vconf_nats_url_ok(const char *url)
{
	const char	*h, *colon;

	if (strncmp(url, "nats://", 7) == 0)
		h = url + 7;
	else if (strncmp(url, "tls://", 6) == 0)
		h = url + 6;
	else
		return (0);
	if (strchr(h, '@') != NULL)
		h = strrchr(h, '@') + 1;
	if ((colon = strrchr(h, ':')) == NULL || colon == h ||
	    colon[1] == '\0')
		return (0);
	for (colon++; *colon != '\0'; colon++) {
		if (!isdigit((unsigned char)*colon))
			return (0);
	}
	return (1);
}

/* A file name key (ca, cert, key) into dst. */
static int
vconf_nats_file(struct vconf_parse *p, const char *name, char *dst,
    const char *value)
{
	if (vconf_str(dst, VCONF_URL_MAX, value) == 0)
		return (1);
	snprintf(p->error, sizeof(p->error), "%s must be a file name of 1-%d "
	    "bytes", name, VCONF_URL_MAX - 1);
	return (0);
}

/* Handle one key of [nats]; 0 with p->error on an error. */
int
vconf_nats_key(struct vconf_parse *p, int line, const char *name,
    const char *value)
{
	struct vconf	*c = p->c;
	uint64_t	 v;

	if (strcmp(name, "url") == 0) {
		if (!vconf_nats_url_ok(value) || vconf_str(c->nats_url,
		    sizeof(c->nats_url), value) != 0) {
			snprintf(p->error, sizeof(p->error), "url \"%.100s\" "
			    "must be nats://HOST:PORT or tls://HOST:PORT",
			    value);
			return (0);
		}
		p->nats_url_line = line;
		return (1);
	}
	if (strcmp(name, "ca") == 0)
		return (vconf_nats_file(p, name, c->nats_ca, value));
	if (strcmp(name, "cert") == 0)
		return (vconf_nats_file(p, name, c->nats_cert, value));
	if (strcmp(name, "key") == 0)
		return (vconf_nats_file(p, name, c->nats_key, value));
	if (strcmp(name, "stream") == 0) {
		if (!vconf_nats_name_ok(value, sizeof(c->nats_stream))) {
			snprintf(p->error, sizeof(p->error), "stream \"%.64s\" "
			    "must be 1-%zu of A-Z a-z 0-9 _ -", value,
			    sizeof(c->nats_stream) - 1);
			return (0);
		}
		strcpy(c->nats_stream, value);
		return (1);
	}
	if (strcmp(name, "domain") == 0) {
		if (!vconf_nats_name_ok(value, sizeof(c->nats_domain))) {
			snprintf(p->error, sizeof(p->error), "domain \"%.64s\" "
			    "must be 1-%zu of A-Z a-z 0-9 _ -", value,
			    sizeof(c->nats_domain) - 1);
			return (0);
		}
		strcpy(c->nats_domain, value);
		return (1);
	}
	if (strcmp(name, "max_age") == 0) {
		if (cfg_duration(value, 1000, VCONF_NATS_AGE_MAX, &v) != 0) {
			snprintf(p->error, sizeof(p->error), "max_age "
			    "\"%.64s\" must be a duration from 1s to 366d, "
			    "like 24h", value);
			return (0);
		}
		c->nats_max_age_ms = v;
		return (1);
	}
	if (strcmp(name, "max_bytes") == 0 || strcmp(name, "outbox") == 0) {
		int	 box = name[0] == 'o';

		if (vconf_size(value, box ? VCONF_NATS_OUTBOX_MIN :
		    VCONF_NATS_BYTES_MIN, box ? VCONF_NATS_OUTBOX_MAX :
		    VCONF_NATS_BYTES_MAX, &v) != 0) {
			snprintf(p->error, sizeof(p->error), "%s \"%.64s\" "
			    "must be a size from %s to %s, like %s", name,
			    value, box ? "64K" : "1M", box ? "1G" : "1T",
			    box ? "16M" : "256M");
			return (0);
		}
		*(box ? &c->nats_outbox_bytes : &c->nats_max_bytes) = v;
		return (1);
	}
	snprintf(p->error, sizeof(p->error), "unknown key \"%s\" in [nats]",
	    name);
	return (0);
}

/* The defaults of [nats], before reading. */
void
vconf_nats_defaults(struct vconf *c)
{
	c->nats_max_age_ms = 24ULL * 3600000;
	c->nats_max_bytes = 256ULL << 20;
	c->nats_outbox_bytes = 16ULL << 20;
}

/* [nats] whole: a url if anything is set, TLS files that go together. */
int
vconf_check_nats(struct vconf_parse *p, const char *name, char *err,
    size_t errlen)
{
	struct vconf	*c = p->c;
	int		 line = c->nats_line != 0 ? c->nats_line : 1;
	int		 uline = p->nats_url_line != 0 ? p->nats_url_line :
			    line;

	if (c->nats_line == 0)
		return (0);
	if (c->nats_url[0] == '\0')
		return (cfg_error(err, errlen, name, line, "[nats] needs url = "
		    "nats://HOST:PORT or tls://HOST:PORT"));
	if (strncmp(c->nats_url, "tls://", 6) == 0 && c->nats_ca[0] == '\0')
		return (cfg_error(err, errlen, name, uline, "url %s is TLS: "
		    "[nats] needs ca = FILE, the CA the server's certificate "
		    "comes from", c->nats_url));
	if (strncmp(c->nats_url, "nats://", 7) == 0 && (c->nats_ca[0] !=
	    '\0' || c->nats_cert[0] != '\0'))
		return (cfg_error(err, errlen, name, uline, "url %s is not "
		    "TLS, yet [nats] has %s: use tls://HOST:PORT", c->nats_url,
		    c->nats_ca[0] != '\0' ? "a ca" : "a cert"));
	if ((c->nats_cert[0] != '\0') != (c->nats_key[0] != '\0'))
		return (cfg_error(err, errlen, name, line, "[nats] has a %s "
		    "but no %s: give both cert = FILE and key = FILE",
		    c->nats_cert[0] != '\0' ? "cert" : "key",
		    c->nats_cert[0] != '\0' ? "key" : "cert"));
	if (c->nats_stream[0] == '\0')
		snprintf(c->nats_stream, sizeof(c->nats_stream), "FOH_%s",
		    c->id);
	return (0);
}
