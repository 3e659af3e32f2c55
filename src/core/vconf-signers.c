/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-signers.c: the keys operators sign with. An [operator NAME]
 * section lists them with key = lines; [control] allowed_signers = FILE
 * names a file in OpenSSH's allowed_signers format (ssh-keygen(1), ALLOWED
 * SIGNERS), whose lines give keys to the operators their principals match:
 *
 *	principals [options] keytype base64-key [comment]
 *
 * principals is a pattern-list as in OpenSSH (`*`, `?`, `!` negation),
 * matched against the names of the [operator] sections; a line matching
 * none is an error, since rights stay per operator and such a key could do
 * nothing. Options: namespaces="..." (a pattern-list; a line whose list
 * does not match "foh" does not apply to foh and is skipped), valid-after
 * and valid-before (YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z], local time unless
 * Z; checked when a request is verified, vconf_signer). cert-authority
 * (SSH certificates) is not supported and a key of any type but
 * ssh-ed25519 cannot be verified: both are errors naming file:line, not
 * lines skipped in silence, so that nobody believes a key works that does
 * not. A key belongs to one operator: the same key for two operators is an
 * error naming both.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "lib/cfg.h"
#include "vconf-priv.h"

#define VCONF_SIGNERS_MAX	(256 * 1024)	/* allowed_signers, bytes */

/* Does s match pattern p (OpenSSH's match_pattern: `*` and `?`)? */
static int
vconf_signers_match(const char *s, const char *p, size_t plen)
{
	for (; plen > 0; p++, plen--) {
		if (*p == '*') {
			if (plen == 1)
				return (1);
			for (; *s != '\0'; s++) {
				if (vconf_signers_match(s, p + 1, plen - 1))
					return (1);
			}
			return (vconf_signers_match(s, p + 1, plen - 1));
		}
		if (*s == '\0' || (*p != '?' && *p != *s))
			return (0);
		s++;
	}
	return (*s == '\0');
}

/*
 * OpenSSH's match_pattern_list: 1 if s matches a pattern of the comma-
 * separated list and no negated one ("!pattern"), -1 if a negated one
 * matches, 0 if none does.
 */
int
vconf_pattern_list(const char *s, const char *list)
{
	const char	*p = list, *e;
	int		 got = 0, neg;

	while (*p != '\0') {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		neg = *p == '!';
		if (vconf_signers_match(s, p + neg, (size_t)(e - p - neg))) {
			if (neg)
				return (-1);
			got = 1;
		}
		p = *e == ',' ? e + 1 : e;
	}
	return (got);
}

/*
 * Parse a valid-after/valid-before time, YYYYMMDD[Z] or
 * YYYYMMDDHHMM[SS][Z], local time unless Z, into Unix ms. 0, or -1.
 */
static int
vconf_signers_time(const char *s, uint64_t *out)
{
	struct tm	tm;
	size_t		n = strlen(s), i;
	int		utc = 0, v[6] = { 0 };
	time_t		t;

	if (n > 0 && (s[n - 1] == 'Z' || s[n - 1] == 'z')) {
		utc = 1;
		n--;
	}
	if (n != 8 && n != 12 && n != 14)
		return (-1);
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (-1);
	}
	v[0] = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	for (i = 4; i < n; i += 2)
		v[i / 2 - 1] = (s[i] - '0') * 10 + (s[i + 1] - '0');
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 ||
	    v[4] > 59 || v[5] > 60 || v[0] < 1970)
		return (-1);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	tm.tm_isdst = -1;
	if ((t = utc ? timegm(&tm) : mktime(&tm)) == (time_t)-1 || t < 0)
		return (-1);
	*out = (uint64_t)t * 1000;
	return (0);
}

/*
 * Give operator o the key k (valid from after to before, Unix ms, 0 =
 * unbounded). Another operator holding it is an error naming both. 0, or
 * -1 and why.
 */
static int
vconf_signers_give(struct vconf *c, struct vconf_operator *o,
    const struct sshsig_pubkey *k, uint64_t after, uint64_t before,
    char *why, size_t len)
{
	unsigned	i, j;

	for (i = 0; i < c->noperators; i++) {
		const struct vconf_operator	*x = &c->operators[i];

		for (j = 0; j < x->nkeys; j++) {
			if (x != o && sshsig_pubkey_equal(&x->keys[j], k)) {
				snprintf(why, len, "key %s is listed for "
				    "operator %s and for operator %s: a key "
				    "belongs to one operator", k->fp, x->id,
				    o->id);
				return (-1);
			}
		}
	}
	if (o->nkeys == VCONF_KEYS_MAX) {
		snprintf(why, len, "operator %s has more than %d keys", o->id,
		    VCONF_KEYS_MAX);
		return (-1);
	}
	o->keys[o->nkeys] = *k;
	o->key_after_ms[o->nkeys] = after;
	o->key_before_ms[o->nkeys] = before;
	o->nkeys++;
	return (0);
}

/* Handle key = in [operator NAME]: 1, or 0 with p->error. */
int
vconf_signers_key(struct vconf_parse *p, struct vconf_operator *o,
    const char *value)
{
	struct sshsig_pubkey	k;
	char			why[160];

	if (sshsig_pubkey_parse(&k, value, why, sizeof(why)) != 0) {
		snprintf(p->error, sizeof(p->error), "operator %s: key: %s",
		    o->id, why);
		return (0);
	}
	if (vconf_signers_give(p->c, o, &k, 0, 0, p->error,
	    sizeof(p->error)) != 0)
		return (0);
	return (1);
}

/*
 * The next field of an allowed_signers line at *sp: blank-separated, a
 * double-quoted part may hold blanks (the quotes are kept). NULL at the
 * end. Writes a NUL after it.
 */
static char *
vconf_signers_field(char **sp)
{
	char	*s = *sp, *start;
	int	 quoted = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return (NULL);
	start = s;
	for (; *s != '\0' && (quoted || (*s != ' ' && *s != '\t')); s++) {
		if (*s == '"')
			quoted = !quoted;
	}
	if (*s != '\0')
		*s++ = '\0';
	*sp = s;
	return (start);
}

/* Remove the double quotes of a field or value, in place. */
static void
vconf_signers_unquote(char *s)
{
	char	*d = s;

	for (; *s != '\0'; s++) {
		if (*s != '"')
			*d++ = *s;
	}
	*d = '\0';
}

/* What one allowed_signers line says, beyond its key. */
struct vconf_signers_opts {
	int		applies;	/* namespaces match "foh" (or none) */
	uint64_t	after, before;	/* Unix ms, 0 = unbounded */
};

/* Is this field an options field (it starts with an option keyword)? */
static int
vconf_signers_is_opts(const char *f)
{
	static const char *const words[] = { "cert-authority",
	    "namespaces=", "valid-after=", "valid-before=" };
	size_t	i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strncasecmp(f, words[i], strlen(words[i])) == 0)
			return (1);
	}
	return (0);
}

/* Parse an options field (comma-separated, quotes allowed). 0, or -1. */
static int
vconf_signers_opts(char *f, struct vconf_signers_opts *o, char *why,
    size_t len)
{
	char	*s = f, *opt, *val;
	int	 quoted = 0;

	o->applies = 1;
	while (*s != '\0') {
		opt = s;
		for (; *s != '\0' && (quoted || *s != ','); s++) {
			if (*s == '"')
				quoted = !quoted;
		}
		if (*s == ',')
			*s++ = '\0';
		if ((val = strchr(opt, '=')) != NULL)
			*val++ = '\0';
		if (val != NULL)
			vconf_signers_unquote(val);
		if (strcasecmp(opt, "cert-authority") == 0 && val == NULL) {
			snprintf(why, len, "cert-authority: SSH certificates "
			    "are not supported by foh; list the operator's own "
			    "ssh-ed25519 key");
			return (-1);
		} else if (strcasecmp(opt, "namespaces") == 0 && val != NULL)
			o->applies = vconf_pattern_list(SSHSIG_NAMESPACE,
			    val) == 1;
		else if (strcasecmp(opt, "valid-after") == 0 && val != NULL) {
			if (vconf_signers_time(val, &o->after) != 0)
				goto bad;
		} else if (strcasecmp(opt, "valid-before") == 0 &&
		    val != NULL) {
			if (vconf_signers_time(val, &o->before) != 0)
				goto bad;
		} else {
			snprintf(why, len, "option \"%.40s\" is not known "
			    "(cert-authority, namespaces, valid-after, "
			    "valid-before)", opt);
			return (-1);
		}
		continue;
bad:
		snprintf(why, len, "%s \"%.40s\" is not a time "
		    "YYYYMMDD[Z] or YYYYMMDDHHMM[SS][Z]", opt, val);
		return (-1);
	}
	return (0);
}

/* One line of allowed_signers (NUL-terminated, writable). 0, or -1. */
static int
vconf_signers_line(struct vconf *c, char *line, char *why, size_t len)
{
	struct vconf_signers_opts	 o;
	struct sshsig_pubkey		 k;
	char				*s = line, *principals, *f, kw[160];
	unsigned			 i, n = 0;

	memset(&o, 0, sizeof(o));
	o.applies = 1;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#')
		return (0);
	principals = vconf_signers_field(&s);
	vconf_signers_unquote(principals);
	if ((f = vconf_signers_field(&s)) == NULL) {
		snprintf(why, len, "no key after the principals");
		return (-1);
	}
	if (vconf_signers_is_opts(f)) {
		if (vconf_signers_opts(f, &o, why, len) != 0)
			return (-1);
		if ((f = vconf_signers_field(&s)) == NULL) {
			snprintf(why, len, "no key after the options");
			return (-1);
		}
	}
	if (strcmp(f, "ssh-ed25519") != 0) {
		snprintf(why, len, "key type \"%.40s\": foh verifies "
		    "ssh-ed25519 keys only (keep a separate allowed_signers "
		    "file for foh)", f);
		return (-1);
	}
	if (!o.applies)
		return (0);	/* namespaces say: not for foh */
	snprintf(kw, sizeof(kw), "ssh-ed25519 %.140s", s);
	if (sshsig_pubkey_parse(&k, kw, why, len) != 0)
		return (-1);
	for (i = 0; i < c->noperators; i++) {
		if (vconf_pattern_list(c->operators[i].id, principals) != 1)
			continue;
		if (vconf_signers_give(c, &c->operators[i], &k, o.after,
		    o.before, why, len) != 0)
			return (-1);
		n++;
	}
	if (n == 0) {
		snprintf(why, len, "principals \"%.60s\" match no [operator] "
		    "of the venue config (rights are given per operator)",
		    principals);
		return (-1);
	}
	return (0);
}

/*
 * Read [control] allowed_signers (a relative path is taken from the
 * directory of the config file name), after the whole config is read, so
 * every [operator] is known. 0, or -1 and "FILE:LINE: why" in err.
 */
int
vconf_signers_load(struct vconf_parse *p, const char *name, char *err,
    size_t errlen)
{
	struct vconf	*c = p->c;
	const char	*slash;
	char		 path[2 * VCONF_URL_MAX], why[256], *text, *line, *nl;
	int		 lineno = 0, rv = 0;

	if (c->allowed_signers[0] == '\0')
		return (0);
	if (c->allowed_signers[0] != '/' &&
	    (slash = strrchr(name, '/')) != NULL)
		snprintf(path, sizeof(path), "%.*s/%s", (int)(slash - name),
		    name, c->allowed_signers);
	else
		snprintf(path, sizeof(path), "%s", c->allowed_signers);
	if ((text = cfg_read_file(path, VCONF_SIGNERS_MAX, why,
	    sizeof(why))) == NULL)
		return (cfg_error(err, errlen, name, p->signers_line,
		    "allowed_signers: %s", why));
	for (line = text; line != NULL && rv == 0; line = nl) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		lineno++;
		if (*line != '\0' && line[strlen(line) - 1] == '\r')
			line[strlen(line) - 1] = '\0';
		if (vconf_signers_line(c, line, why, sizeof(why)) != 0)
			rv = cfg_error(err, errlen, path, lineno, "%s", why);
	}
	free(text);
	return (rv);
}

/* Which operator a verified signer may act as (vconf.h). */
int
vconf_signer(const struct vconf *c, const struct sshsig_pubkey *k,
    const char *operator_name, uint64_t now_ms, char *why, size_t len)
{
	const struct vconf_operator	*o;
	int				 i, held = 0;
	unsigned			 j, n;

	if ((i = vconf_operator(c, operator_name)) >= 0) {
		o = &c->operators[i];
		for (j = 0; j < o->nkeys; j++) {
			if (!sshsig_pubkey_equal(&o->keys[j], k))
				continue;
			held = 1;
			if ((o->key_after_ms[j] == 0 ||
			    now_ms >= o->key_after_ms[j]) &&
			    (o->key_before_ms[j] == 0 ||
			    now_ms <= o->key_before_ms[j]))
				return (i);
		}
		if (held) {
			snprintf(why, len, "key %s of %s is not valid now "
			    "(allowed_signers valid-after/valid-before)",
			    k->fp, o->id);
			return (VCONF_SIGNER_NOT_NOW);
		}
	}
	for (n = 0; n < c->noperators; n++) {
		o = &c->operators[n];
		for (j = 0; j < o->nkeys; j++) {
			if (sshsig_pubkey_equal(&o->keys[j], k)) {
				snprintf(why, len, "key %s is listed for %s, "
				    "not %s", k->fp, o->id, operator_name);
				return (VCONF_SIGNER_OTHER);
			}
		}
	}
	snprintf(why, len, "key %s is not listed for any operator", k->fp);
	return (VCONF_SIGNER_UNKNOWN);
}
