/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * text.h: the small string helpers every layer shares, one of each: a
 * bounded copy and the one way foh writes a duration.
 */
#ifndef FOH_TEXT_H
#define FOH_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Copy src (NULL reads as "") into dst of len bytes, always terminated
 * when len > 0, cut at a UTF-8 character boundary so a cut name never ends
 * in half a character. Returns strlen(src): a result >= len means cut.
 */
size_t	text_copy(char *dst, size_t len, const char *src);

/*
 * A duration the way foh writes every duration, on screen, in titles and
 * in messages: the largest units first, each once, in the config grammar's
 * letters (cfg_duration reads it back): "0s", "250ms", "45s", "1m20s",
 * "1h2m", "3d4h". units is how many units at most (2 for an age or a
 * span on screen; 0 for every unit, exact). Returns buf.
 */
const char *text_duration(char *buf, size_t len, uint64_t ms,
	    unsigned units);

/*
 * Write one error sentence into err (len bytes), printf-style; nothing if
 * err is NULL or len is 0. The one way a function fills its caller's
 * "char *err, size_t errlen".
 */
void	text_error(char *err, size_t len, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * url (SCHEME://[USER[:PASS]@]HOST...) for a log or an error message:
 * its password, everything between the user's ':' and the last '@',
 * written "***", cut to len bytes. Returns buf.
 */
const char *text_url_safe(char *buf, size_t len, const char *url);

#endif
