/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * cfg.c: read foh's INI files line by line, and parse their numbers.
 *
 * foh used inih, which reads into a fixed buffer of 200 bytes and parses the
 * rest of a longer line as a line of its own (a long comment ending in
 * "tcp = allow" turned tcp control on), calls its handler only for keys (an
 * empty section vanished) and gives the handler no line number. This reader
 * copies each line whole, refuses what it cannot read with the line's
 * number, and hands section headers to the handler as well as keys.
 *
 * Numbers: one strict parser per kind. A value is all digits, or a decimal
 * number, or a duration; anything after it, a sign where none may be, a
 * blank, an empty value or a value outside the type or the range is
 * refused, never wrapped or cut.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "text.h"

/* Is c a blank (space or tab)? */
static int
cfg_blank(int c)
{
	return (c == ' ' || c == '\t');
}

/* Cut blanks from both ends of s, in place; the start of what is left. */
static char *
cfg_trim(char *s)
{
	size_t	n;

	while (cfg_blank((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && cfg_blank((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return (s);
}

/* Parse one line (no newline) into fn; 1 to go on, 0 on error. */
static int
cfg_line(char *s, int line, char *section, size_t seclen, cfg_handler fn,
    void *user, char *why, size_t whylen)
{
	char	*p, *eq, *name, *value;
	size_t	 n;

	s = cfg_trim(s);
	if (*s == '\0' || *s == ';' || *s == '#')
		return (1);
	for (p = s + 1; *p != '\0'; p++) {	/* "; comment" after a blank */
		if (*p == ';' && cfg_blank((unsigned char)p[-1])) {
			*p = '\0';
			break;
		}
	}
	s = cfg_trim(s);
	if (*s == '[') {
		n = strlen(s);
		if (s[n - 1] != ']') {
			snprintf(why, whylen, "a section header must end with "
			    "']'");
			return (0);
		}
		s[n - 1] = '\0';
		s = cfg_trim(s + 1);
		if (*s == '\0' || strlen(s) >= seclen) {
			snprintf(why, whylen, "a section name must be 1-%zu "
			    "bytes", seclen - 1);
			return (0);
		}
		strcpy(section, s);
		return (fn(user, line, section, NULL, NULL));
	}
	if ((eq = strchr(s, '=')) == NULL || eq == s) {
		snprintf(why, whylen, "expected \"key = value\" or "
		    "\"[section]\"");
		return (0);
	}
	*eq = '\0';
	name = cfg_trim(s);
	value = cfg_trim(eq + 1);
	return (fn(user, line, section, name, value));
}

/* Read text line by line into fn. */
int
cfg_parse(const char *text, cfg_handler fn, void *user, char *why,
    size_t whylen)
{
	char		 buf[CFG_LINE_MAX + 1], section[CFG_LINE_MAX + 1];
	const char	*s = text, *e;
	size_t		 n, i;
	int		 line = 0;

	if (whylen > 0)
		why[0] = '\0';
	section[0] = '\0';
	if (strncmp(s, "\xef\xbb\xbf", 3) == 0)	/* a UTF-8 byte order mark */
		s += 3;
	while (*s != '\0') {
		line++;
		if ((e = strchr(s, '\n')) == NULL)
			e = s + strlen(s);
		n = (size_t)(e - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n > CFG_LINE_MAX) {
			snprintf(why, whylen, "line is %zu bytes long; at most "
			    "%d", n, CFG_LINE_MAX);
			return (line);
		}
		for (i = 0; i < n; i++) {
			unsigned char	c = (unsigned char)s[i];

			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				snprintf(why, whylen, "control character 0x%02x "
				    "at column %zu", c, i + 1);
				return (line);
			}
		}
		memcpy(buf, s, n);
		buf[n] = '\0';
		if (!cfg_line(buf, line, section, sizeof(section), fn, user, why,
		    whylen))
			return (line);
		s = *e == '\n' ? e + 1 : e;
	}
	return (0);
}

/* Write "FILE:LINE: message" into err. */
int
cfg_error(char *err, size_t errlen, const char *file, int line,
    const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (err == NULL || errlen == 0)
		return (-1);
	n = snprintf(err, errlen, "%s:%d: ", file, line);
	if (n < 0 || (size_t)n >= errlen)
		return (-1);
	va_start(ap, fmt);
	vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return (-1);
}

/* cfg_parse, and its first error as "FILE:LINE: why". */
int
cfg_load(const char *text, const char *file, cfg_handler fn, void *user,
    const char *herr, char *err, size_t errlen)
{
	char	why[128];
	int	line;

	line = cfg_parse(text, fn, user, why, sizeof(why));
	if (line > 0)
		(void)cfg_error(err, errlen, file, line, "%s",
		    herr != NULL && herr[0] != '\0' ? herr : why);
	return (line);
}

/* A whole file as a string. */
char *
cfg_read_file(const char *path, size_t max, char *err, size_t errlen)
{
	FILE	*f;
	char	*text, *nul;
	size_t	 n;
	int	 line;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	if ((text = malloc(max + 1)) == NULL) {
		fclose(f);
		snprintf(err, errlen, "%s: out of memory", path);
		return (NULL);
	}
	n = fread(text, 1, max + 1, f);
	if (ferror(f) || n > max) {
		if (ferror(f))
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		else
			snprintf(err, errlen, "%s: larger than %zu bytes", path,
			    max);
		fclose(f);
		free(text);
		return (NULL);
	}
	fclose(f);
	text[n] = '\0';
	if ((nul = memchr(text, '\0', n)) != NULL) {
		line = 1;
		for (n = 0; text + n < nul; n++)
			line += text[n] == '\n';
		(void)cfg_error(err, errlen, path, line, "NUL byte");
		free(text);
		return (NULL);
	}
	return (text);
}

/* A whole number in [lo, hi]. */
int
cfg_uint(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	uint64_t	v = 0, d;

	if (*s == '\0')
		return (-1);
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return (-1);
		d = (uint64_t)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return (-1);
		v = v * 10 + d;
	}
	if (v < lo || v > hi)
		return (-1);
	*out = v;
	return (0);
}

/* Skip a run of digits; how many there were. */
static size_t
cfg_digits(const char **s)
{
	size_t	n = 0;

	while (**s >= '0' && **s <= '9') {
		(*s)++;
		n++;
	}
	return (n);
}

/* A finite decimal number in [lo, hi]. */
int
cfg_double(const char *s, double lo, double hi, double *out)
{
	const char	*p = s;
	char		*end;
	locale_t	 c;
	double		 d;
	int		 range;

	if (*p == '-' || *p == '+')
		p++;
	if (cfg_digits(&p) == 0)
		return (-1);
	if (*p == '.') {
		p++;
		if (cfg_digits(&p) == 0)
			return (-1);
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (cfg_digits(&p) == 0)
			return (-1);
	}
	if (*p != '\0')
		return (-1);
	/*
	 * In the "C" locale, so "0.5" reads the same under any LC_NUMERIC
	 * (foh calls setlocale). A locale made per call, not kept, so
	 * threads cannot race on it; glibc hands out its static C locale.
	 */
	if ((c = newlocale(LC_ALL_MASK, "C", (locale_t)0)) == (locale_t)0)
		return (-1);
	errno = 0;
	d = strtod_l(s, &end, c);
	range = errno == ERANGE;
	freelocale(c);
	if (*end != '\0' || range || !isfinite(d) || d < lo || d > hi)
		return (-1);
	*out = d;
	return (0);
}

/* Milliseconds in a unit at the start of s; its length in *len, 0 if none. */
static uint64_t
cfg_unit(const char *s, size_t *len)
{
	if (s[0] == 'm' && s[1] == 's') {
		*len = 2;
		return (1);
	}
	*len = 1;
	switch (s[0]) {
	case 'd':
		return (86400000);
	case 'h':
		return (3600000);
	case 'm':
		return (60000);
	case 's':
		return (1000);
	}
	*len = 0;
	return (0);
}

/*
 * One term "N[.F]" times unit ms into *ms: 0, or -1 if it overflows or is
 * finer than a millisecond.
 */
static int
cfg_term(const char *ip, size_t nip, const char *fp, size_t nfp,
    uint64_t unit, uint64_t *ms)
{
	uint64_t	i = 0, f = 0, d, scale = 1;
	size_t		k;

	for (k = 0; k < nip; k++) {
		d = (uint64_t)(ip[k] - '0');
		if (i > (UINT64_MAX - d) / 10)
			return (-1);
		i = i * 10 + d;
	}
	if (nfp > 9)
		return (-1);
	for (k = 0; k < nfp; k++) {
		f = f * 10 + (uint64_t)(fp[k] - '0');
		scale *= 10;
	}
	if (i > UINT64_MAX / unit)
		return (-1);
	i *= unit;
	if ((f * unit) % scale != 0)		/* f < 1e9, unit <= 3.6e6 */
		return (-1);
	f = f * unit / scale;
	if (i > UINT64_MAX - f)
		return (-1);
	*ms = i + f;
	return (0);
}

/* A duration into milliseconds. */
int
cfg_duration(const char *s, uint64_t lo_ms, uint64_t hi_ms, uint64_t *out_ms)
{
	const char	*ip, *fp;
	uint64_t	 total = 0, ms, unit, last = UINT64_MAX;
	size_t		 nip, nfp, ulen;

	if (*s == '\0')
		return (-1);
	while (*s != '\0') {
		ip = s;
		if ((nip = cfg_digits(&s)) == 0)
			return (-1);
		fp = s;
		nfp = 0;
		if (*s == '.') {
			fp = ++s;
			if ((nfp = cfg_digits(&s)) == 0)
				return (-1);
		}
		unit = cfg_unit(s, &ulen);
		if (ulen == 0) {
			if (*s != '\0' || total != 0 || last != UINT64_MAX)
				return (-1);	/* bare seconds stand alone */
			unit = 1000;
		} else if (unit >= last)
			return (-1);		/* each unit once, larger first */
		s += ulen;
		last = unit;
		if (cfg_term(ip, nip, fp, nfp, unit, &ms) != 0 ||
		    total > UINT64_MAX - ms)
			return (-1);
		total += ms;
	}
	if (total < lo_ms || total > hi_ms)
		return (-1);
	*out_ms = total;
	return (0);
}

/* A whole-number option argument, or a message on stderr. */
int
cfg_opt_uint(const char *prog, const char *opt, const char *arg, uint64_t lo,
    uint64_t hi, uint64_t *out)
{
	if (cfg_uint(arg, lo, hi, out) == 0)
		return (0);
	fprintf(stderr, "%s: %s: '%s' is not a whole number from %llu to "
	    "%llu\n", prog, opt, arg, (unsigned long long)lo,
	    (unsigned long long)hi);
	return (-1);
}

/* A number option argument, or a message on stderr. */
int
cfg_opt_double(const char *prog, const char *opt, const char *arg, double lo,
    double hi, double *out)
{
	if (cfg_double(arg, lo, hi, out) == 0)
		return (0);
	fprintf(stderr, "%s: %s: '%s' is not a number from %.15g to %.15g\n",
	    prog, opt, arg, lo, hi);
	return (-1);
}

/* A duration option argument, or a message on stderr. */
int
cfg_opt_duration(const char *prog, const char *opt, const char *arg,
    uint64_t lo_ms, uint64_t hi_ms, int whole_s, uint64_t *out_ms)
{
	char		lo[32], hi[32];
	uint64_t	ms;

	if (cfg_duration(arg, lo_ms, hi_ms, &ms) == 0 &&
	    (!whole_s || ms % 1000 == 0)) {
		*out_ms = ms;
		return (0);
	}
	fprintf(stderr, "%s: %s: '%s' is not a duration from %s to %s%s, like "
	    "30, 30s or 5m\n", prog, opt, arg, text_duration(lo,
	    sizeof(lo), lo_ms, 0), text_duration(hi, sizeof(hi), hi_ms, 0),
	    whole_s ?
	    " in whole seconds" : "");
	return (-1);
}
