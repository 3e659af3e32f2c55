/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * escape.h: one way to make untrusted text safe for a log line or an
 * export (fohd's stderr, `fohd history` CSV and JSONL).
 *
 * Operator names, comments, shelve reasons and external alerts' titles
 * come from the network; written raw they could move a terminal's cursor,
 * change its title or forge a log line. escape_text keeps printable ASCII
 * and well-formed UTF-8 and writes everything else as \xNN: C0 controls
 * (ESC, CR, LF, TAB, ...), DEL, the C1 controls U+0080-U+009F (each of
 * their two bytes) and bytes that are not UTF-8. A backslash becomes \\,
 * so the escaping can be undone unambiguously.
 */
#ifndef FOH_ESCAPE_H
#define FOH_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write src, escaped, into dst of len bytes (always terminated, cut at a
 * whole escape if it does not fit). Returns dst, so it can be used in a
 * printf argument list.
 */
char	*escape_text(char *dst, size_t len, const char *src);

/*
 * How many bytes (2 to 4) of a well-formed UTF-8 character start at s, or
 * 0 if none does: a stray or cut byte, an overlong form, a surrogate,
 * beyond U+10FFFF, or a C1 control (U+0080-U+009F: a control, not text).
 */
size_t	 escape_utf8_len(const unsigned char *s);

/* The room escape_text can need for a source of n bytes, terminator too. */
#define ESCAPE_SIZE(n)	(4 * (n) + 1)

/* The longest source escape_csv writes whole (longer ones are cut). */
#define ESCAPE_CSV_MAX	1024

/*
 * Write raw to f as one CSV field (RFC 4180), then ',' or, if last, a
 * newline: escaped by escape_text, quoted when it holds a comma, a quote,
 * CR, LF or a space at either end. A text field (text != 0: not a number
 * nor a time) that a spreadsheet would take for a formula, starting with
 * = + - @ TAB or CR, gets a ' before it.
 */
void	 escape_csv(FILE *f, const char *raw, int text, int last);

#endif
