/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fohd-time.c: the TIME of fohd report's and fohd record's --from and
 * --to, one syntax for both (fohd(8)).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fohd.h"
#include "lib/cfg.h"

/* An ISO 8601 UTC time (to the minute, second or millisecond) or date. */
static int
fohd_time_iso(const char *s, uint64_t *ms)
{
	struct tm	 tm, back;
	const char	*p = s + 10;
	int		 n = 0;
	unsigned	 frac = 0;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	    &n) != 3 || n != 10)
		return (-1);
	if (*p == 'T') {
		if (sscanf(p, "T%2d:%2d%n", &tm.tm_hour, &tm.tm_min, &n) != 2 ||
		    n != 6)
			return (-1);
		p += 6;
		if (*p == ':') {
			if (sscanf(p, ":%2d%n", &tm.tm_sec, &n) != 1 || n != 3)
				return (-1);
			p += 3;
		}
		if (*p == '.' && tm.tm_sec >= 0 && p[-3] == ':') {
			if (strspn(p + 1, "0123456789") != 3)
				return (-1);
			frac = (unsigned)((p[1] - '0') * 100 +
			    (p[2] - '0') * 10 + (p[3] - '0'));
			p += 4;
		}
		if (strcmp(p, "Z") != 0)	/* UTC, said so */
			return (-1);
	} else if (*p != '\0')
		return (-1);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	back = tm;
	if ((t = timegm(&tm)) == (time_t)-1 || t < 0 ||
	    tm.tm_mon != back.tm_mon || tm.tm_mday != back.tm_mday ||
	    tm.tm_hour != back.tm_hour || tm.tm_min != back.tm_min ||
	    tm.tm_sec != back.tm_sec)
		return (-1);
	*ms = (uint64_t)t * 1000 + frac;
	return (0);
}

/*
 * A TIME option of fohd report and fohd record: ISO 8601 UTC or a date,
 * "-DURATION" before now, "now", or Unix ms (digits only).
 */
int
fohd_time(const char *opt, const char *s, uint64_t now, uint64_t *ms)
{
	uint64_t	d;
	char		*end;

	if (s[0] >= '0' && s[0] <= '9' && strspn(s, "0123456789") ==
	    strlen(s)) {
		errno = 0;
		d = strtoull(s, &end, 10);
		if (errno == 0 && *end == '\0' && d <= INT64_MAX) {
			*ms = d;
			return (0);
		}
	}
	if (strcmp(s, "now") == 0) {
		*ms = now;
		return (0);
	}
	if (s[0] == '-' && s[1] >= '0' && s[1] <= '9' &&
	    cfg_duration(s + 1, 0, now, &d) == 0) {
		*ms = now - d;
		return (0);
	}
	if (s[0] != '-' && fohd_time_iso(s, ms) == 0)
		return (0);
	fprintf(stderr, "fohd: %s: '%s' is not a time: give ISO 8601 UTC "
	    "(2026-12-04T21:00:00Z or 2026-12-04), a time before now (-6h, "
	    "-1h30m), now, or Unix ms\n", opt, s);
	return (-1);
}
