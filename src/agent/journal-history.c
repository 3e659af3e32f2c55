/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal-history.c: the audit trail written out for people and tools
 * (fohd history): CSV (RFC 4180) or JSON lines, times in ISO 8601 UTC,
 * every text escaped (escape.h) the same way in both formats. The signed
 * body and sig kept as evidence are not written: sqlite3(1) reads them.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "journal-priv.h"
#include "lib/escape.h"
#include "lib/text.h"

/* Format Unix milliseconds as ISO 8601 UTC with milliseconds. */
static void
journal_iso8601(char *buf, size_t len, uint64_t t_ms)
{
	struct tm	tm;
	time_t		t = (time_t)(t_ms / 1000);
	size_t		n;

	if (gmtime_r(&t, &tm) == NULL ||
	    (n = strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm)) == 0) {
		text_copy(buf, len, "");
		return;
	}
	snprintf(buf + n, len - n, ".%03uZ", (unsigned)(t_ms % 1000));
}

/*
 * A JSON string of the text escaped as in the CSV (escape.h), so both
 * formats say the same and neither carries a raw control character: the
 * escaped text is always UTF-8. NULL if no memory.
 */
static json_t *
journal_json_string(const char *raw)
{
	char	s[ESCAPE_SIZE(FOHP_TEXT_MAX)];

	return (json_string(escape_text(s, sizeof s, raw)));
}

/* The text of column i, "" if NULL. */
static const char *
journal_column_text(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return (s != NULL ? (const char *)s : "");
}

/* Write one audit row as a JSON line. */
static int
journal_history_json(FILE *out, sqlite3_stmt *st, const char *when)
{
	json_t	*o;
	int	 rv;

	o = json_pack("{s:s, s:I, s:o, s:I, s:o, s:o, s:o, s:I, s:o, s:o, "
	    "s:o, s:o, s:o, s:b}",
	    "time", when,
	    "t_ms", (json_int_t)sqlite3_column_int64(st, 0),
	    "venue", journal_json_string(journal_column_text(st, 1)),
	    "alert", (json_int_t)sqlite3_column_int64(st, 2),
	    "op", journal_json_string(journal_column_text(st, 3)),
	    "operator", journal_json_string(journal_column_text(st, 4)),
	    "note", journal_json_string(journal_column_text(st, 5)),
	    "request", (json_int_t)sqlite3_column_int64(st, 6),
	    "result", journal_json_string(journal_column_text(st, 7)),
	    "peer", journal_json_string(journal_column_text(st, 8)),
	    "key", journal_json_string(journal_column_text(st, 9)),
	    "transport", journal_json_string(journal_column_text(st, 10)),
	    "reason", journal_json_string(journal_column_text(st, 11)),
	    "drill", sqlite3_column_int(st, 12) != 0);
	if (o == NULL)
		return (-1);
	rv = json_dumpf(o, out, JSON_COMPACT);
	json_decref(o);
	if (rv != 0 || fputc('\n', out) == EOF)
		return (-1);
	return (0);
}

/*
 * Write the audit trail since since_ms to out, the real lines or (drill 1)
 * the drills'. The CSV's drill column comes last so readers of the first
 * twelve keep them. Returns lines, -1 on error.
 */
long
journal_history(struct journal *j, FILE *out, enum journal_format fmt,
    uint64_t since_ms, int drill)
{
	static const char *const header =
	    "time,venue,alert,op,operator,note,request,result,peer,key,"
	    "transport,reason,drill\n";
	sqlite3_stmt	*st = j->stmt[JS_HISTORY];
	char		 when[40], num[24];
	long		 n = 0;
	int		 rc, i;

	if (fmt == JOURNAL_CSV && fputs(header, out) == EOF)
		return (-1);
	if (since_ms > INT64_MAX)
		since_ms = INT64_MAX;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)since_ms);
	sqlite3_bind_int(st, 2, drill != 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		journal_iso8601(when, sizeof when,
		    (uint64_t)sqlite3_column_int64(st, 0));
		if (fmt == JOURNAL_JSONL) {
			if (journal_history_json(out, st, when) != 0)
				break;
		} else {
			escape_csv(out, when, 0, 0);
			for (i = 1; i < 13; i++) {
				if (i == 2 || i == 6 || i == 12) {
					snprintf(num, sizeof num, "%" PRIu64,
					    (uint64_t)sqlite3_column_int64(st,
					    i));
					escape_csv(out, num, 0, i == 12);
				} else {
					escape_csv(out,
					    journal_column_text(st, i), 1,
					    i == 12);
				}
			}
		}
		n++;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE || ferror(out))
		return (-1);
	return (n);
}
