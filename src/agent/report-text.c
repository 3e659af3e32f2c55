/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * report-text.c: how the report's writers (report-html.c, report-svg.c,
 * report-table.c) write a time, a number and a piece of text, so every
 * format says the same thing the same way: times as ISO 8601 UTC to the
 * second, numbers with a fixed count of decimals in the C locale's
 * notation (fohd report sets LC_NUMERIC to C), "—" for a number that
 * does not exist.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "lib/escape.h"
#include "report-priv.h"

/* Unix ms as ISO 8601 UTC to the second, "2026-12-04T21:03:10Z". */
const char *
report_iso(char *buf, size_t len, uint64_t ms)
{
	time_t		t = (time_t)(ms / 1000);
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "%llu", (unsigned long long)ms);
	return (buf);
}

/* v with decimals places; "—" when v is below 0 (none). */
const char *
report_num(char *buf, size_t len, double v, int decimals)
{
	if (v < 0)
		snprintf(buf, len, "%s", REPORT_NONE);
	else
		snprintf(buf, len, "%.*f", decimals, v);
	return (buf);
}

/* Copy src into dst as well-formed UTF-8: a bad byte becomes U+FFFD. */
const char *
report_utf8(char *dst, size_t len, const char *src)
{
	const unsigned char	*s = (const unsigned char *)src;
	size_t			 o = 0, n;

	while (*s != '\0' && len > 0) {
		n = *s < 0x80 ? 1 : escape_utf8_len(s);
		if (o + (n == 0 ? 3 : n) >= len)
			break;
		if (n == 0) {
			memcpy(dst + o, REPORT_BAD, 3);
			o += 3;
			s++;
		} else {
			memcpy(dst + o, s, n);
			o += n;
			s += n;
		}
	}
	if (len > 0)
		dst[o] = '\0';
	return (dst);
}

/* Write s with HTML's special characters as entities, as UTF-8. */
void
report_esc(FILE *f, const char *s)
{
	size_t	n;

	for (; *s != '\0'; s++) {
		if ((unsigned char)*s >= 0x80) {
			if ((n = escape_utf8_len((const unsigned char *)s)) ==
			    0)
				fputs(REPORT_BAD, f);
			else {
				fwrite(s, 1, n, f);
				s += n - 1;
			}
			continue;
		}
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			/* Control characters would not print; show a space. */
			if (((unsigned char)*s < 0x20 && *s != '\n' &&
			    *s != '\t') || *s == 0x7f)
				fputc(' ', f);
			else
				fputc(*s, f);
		}
	}
}
