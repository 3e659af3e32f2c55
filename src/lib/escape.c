/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * escape.c: untrusted text made safe for logs and exports (escape.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"

/* How many bytes of a well-formed UTF-8 character start at s; 0 if none. */
size_t
escape_utf8_len(const unsigned char *s)
{
	uint32_t	c;
	size_t		n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return (0);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond U+10FFFF, and the C1 controls. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff ||
	    (c >= 0x80 && c <= 0x9f))
		return (0);
	return (n);
}

/* Write src, escaped, into dst; returns dst. */
char *
escape_text(char *dst, size_t len, const char *src)
{
	const unsigned char	*s = (const unsigned char *)src;
	char			 piece[8];
	size_t			 used = 0, n, adv;

	if (len == 0)
		return (dst);
	while (s != NULL && *s != '\0') {
		adv = 1;
		if (*s >= 0x20 && *s < 0x7f && *s != '\\') {
			piece[0] = (char)*s;
			n = 1;
		} else if (*s == '\\') {
			memcpy(piece, "\\\\", 2);
			n = 2;
		} else if (*s >= 0x80 && (n = escape_utf8_len(s)) > 0) {
			memcpy(piece, s, n);
			adv = n;
		} else {
			snprintf(piece, sizeof(piece), "\\x%02x", *s);
			n = 4;
		}
		if (used + n >= len)
			break;
		memcpy(dst + used, piece, n);
		used += n;
		s += adv;
	}
	dst[used] = '\0';
	return (dst);
}

/* One CSV field, escaped, quoted, formulas defused (escape.h). */
void
escape_csv(FILE *f, const char *raw, int text, int last)
{
	char		 s[ESCAPE_SIZE(ESCAPE_CSV_MAX) + 1];
	const char	*p;
	size_t		 n;

	s[0] = '\'';
	escape_text(s + 1, sizeof(s) - 1, raw);
	if (!text || raw[0] == '\0' || strchr("=+-@\t\r", raw[0]) == NULL)
		memmove(s, s + 1, strlen(s + 1) + 1);
	n = strlen(s);
	if (strpbrk(s, ",\"\r\n") == NULL &&
	    (n == 0 || (s[0] != ' ' && s[n - 1] != ' ')))
		fputs(s, f);
	else {
		fputc('"', f);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				fputc('"', f);
			fputc(*p, f);
		}
		fputc('"', f);
	}
	fputc(last ? '\n' : ',', f);
}
