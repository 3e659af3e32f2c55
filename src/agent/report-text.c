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

/* Write s with HTML's special characters as entities. */
void
report_esc(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
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
			if ((unsigned char)*s < 0x20 && *s != '\n' &&
			    *s != '\t')
				fputc(' ', f);
			else
				fputc(*s, f);
		}
	}
}
