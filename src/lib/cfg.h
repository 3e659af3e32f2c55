/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * cfg.h: the one reader of foh's INI files (fohd.conf, foh.conf, themes,
 * scenarios) and the one parser of the numbers in them and on the command
 * lines.
 *
 *   [section]            ; a section, even with no keys under it
 *   key = value          ; blanks around key and value are ignored
 *   # comment            ; so is "; comment" after a blank
 *
 * Every line is read whole or refused: a line longer than CFG_LINE_MAX
 * bytes, a control character, a line that is neither, is an error naming
 * its line. There are no continuation lines: leading blanks are ignored.
 */
#ifndef FOH_CFG_H
#define FOH_CFG_H

#include <stddef.h>
#include <stdint.h>

#define CFG_LINE_MAX	1024	/* bytes in a line, without its newline */

/*
 * Called for each "[section]" (name and value NULL) and each key = value,
 * in file order, with the line's number (from 1). section is "" before the
 * first header. The strings live only for the call. Return 1 to go on, 0 to
 * stop: the handler keeps its own message.
 */
typedef int (*cfg_handler)(void *user, int line, const char *section,
    const char *name, const char *value);

/*
 * Read text (NUL-terminated) line by line. 0 when every line was read and
 * every call returned 1; otherwise the line of the first error, with why
 * holding the reason if the line itself was wrong, or "" if the handler
 * refused it.
 */
int	cfg_parse(const char *text, cfg_handler fn, void *user, char *why,
	    size_t whylen);

/*
 * The one way a config error names its place: "FILE:LINE: message" into
 * err (nothing when err is NULL or errlen 0). Returns -1, for the caller to
 * return. A line is the one cfg_parse gives: its answer for the first
 * error, or the handler's line argument, kept by the handler for checks
 * made after the whole file is read (never found again by scanning text).
 */
int	cfg_error(char *err, size_t errlen, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * cfg_parse with its error written by cfg_error: the handler's own message
 * (herr, the handler's buffer, "" if it wrote none) or the reader's reason.
 * 0, or the line of the first error, with err filled in.
 */
int	cfg_load(const char *text, const char *file, cfg_handler fn,
	    void *user, const char *herr, char *err, size_t errlen);

/*
 * A whole file of at most max bytes as a NUL-terminated string that the
 * caller frees; NULL with "FILE: why" (or "FILE:LINE: NUL byte") in err.
 */
char	*cfg_read_file(const char *path, size_t max, char *err, size_t errlen);

/*
 * A whole number of decimal digits only (no sign, blank, or anything after)
 * within [lo, hi]. 0, or -1 with *out untouched.
 */
int	cfg_uint(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);

/*
 * A decimal number ("-2", "0.5", "1e3": digits on both sides of a point; no
 * hex, inf or nan, nothing after) that a double holds without overflow or
 * underflow, within [lo, hi]. 0, or -1.
 */
int	cfg_double(const char *s, double lo, double hi, double *out);

/*
 * A duration into milliseconds within [lo_ms, hi_ms]: a number of seconds
 * ("30", "1.5"), or terms of a number and a unit, d, h, m, s or ms, each
 * unit once and larger units first ("1h30m", "90s", "250ms", "0.5s",
 * "2d"); text_duration writes durations this way. Nothing
 * finer than a millisecond, nothing beyond UINT64_MAX ms. 0, or -1.
 */
int	cfg_duration(const char *s, uint64_t lo_ms, uint64_t hi_ms,
	    uint64_t *out_ms);


/*
 * The same for a command-line option's argument: 0, or -1 after telling
 * stderr "PROG: OPT: 'ARG' is not a whole number from LO to HI" (or "a
 * number", or "a duration from LO to HI, like 30, 30s or 5m"; with whole_s
 * a duration must be whole seconds). The caller exits with EX_USAGE.
 */
int	cfg_opt_uint(const char *prog, const char *opt, const char *arg,
	    uint64_t lo, uint64_t hi, uint64_t *out);
int	cfg_opt_double(const char *prog, const char *opt, const char *arg,
	    double lo, double hi, double *out);
int	cfg_opt_duration(const char *prog, const char *opt, const char *arg,
	    uint64_t lo_ms, uint64_t hi_ms, int whole_s, uint64_t *out_ms);

#endif
