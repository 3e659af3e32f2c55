/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * text.c: a bounded copy and the one duration format (text.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

size_t
text_copy(char *dst, size_t len, const char *src)
{
	size_t	n, cut;

	if (src == NULL)
		src = "";
	n = strlen(src);
	if (len == 0)
		return (n);
	cut = n < len ? n : len - 1;
	/* Back off continuation bytes (10xxxxxx) so no character is split. */
	if (cut < n)
		while (cut > 0 && ((unsigned char)src[cut] & 0xc0) == 0x80)
			cut--;
	memcpy(dst, src, cut);
	dst[cut] = '\0';
	return (n);
}

const char *
text_duration(char *buf, size_t len, uint64_t ms, unsigned units)
{
	static const struct {
		uint64_t	 ms;
		const char	*unit;
	} u[] = { { 86400000, "d" }, { 3600000, "h" }, { 60000, "m" },
	    { 1000, "s" }, { 1, "ms" } };
	size_t		 at = 0, i;
	unsigned	 used = 0;
	int		 n;

	if (len == 0)
		return (buf);
	buf[0] = '\0';
	if (ms == 0) {
		snprintf(buf, len, "0s");
		return (buf);
	}
	for (i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		if (units != 0 && used == units)
			break;
		if (ms / u[i].ms == 0) {
			if (used > 0 && units != 0)
				break;	/* "1h5s" would hide the minutes */
			continue;
		}
		n = snprintf(buf + at, len - at, "%llu%s",
		    (unsigned long long)(ms / u[i].ms), u[i].unit);
		if (n < 0 || (size_t)n >= len - at) {
			buf[at] = '\0';
			break;
		}
		at += (size_t)n;
		ms %= u[i].ms;
		used++;
		if (ms == 0)
			break;
	}
	return (buf);
}

/* Write one error sentence into err, if there is room for one. */
void
text_error(char *err, size_t len, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL || len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
}

/* url with its password as "***", into buf. */
const char *
text_url_safe(char *buf, size_t len, const char *url)
{
	const char	*auth = strstr(url, "://"), *at, *colon;

	if (auth == NULL || (at = strrchr(auth + 3, '@')) == NULL ||
	    (colon = memchr(auth + 3, ':', (size_t)(at - auth - 3))) == NULL) {
		text_copy(buf, len, url);
		return (buf);
	}
	if (len > 0)
		snprintf(buf, len, "%.*s***%s", (int)(colon + 1 - url), url, at);
	return (buf);
}
