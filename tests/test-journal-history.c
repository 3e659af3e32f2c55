/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-journal-history.c: the audit trail written out (fohd history), as
 * CSV (RFC 4180) and as JSON lines, from a real journal file; hostile
 * notes come out escaped, the same in both formats.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>

#include "journal-fixture.h"

#define CSV_COLS	13	/* fohd history's columns */

/* Parse RFC 4180 text into rows of malloc'd fields. Returns rows. */
static int
csv_parse(const char *s, char *rows[][CSV_COLS], int maxrows)
{
	char	field[512];
	size_t	n = 0;
	int	row = 0, col = 0, quoted = 0;

	for (;; s++) {
		if (quoted) {
			if (*s == '\0')
				fail_msg("CSV: unterminated quote");
			if (*s == '"' && s[1] == '"') {
				field[n++] = '"';
				s++;
			} else if (*s == '"')
				quoted = 0;
			else
				field[n++] = *s;
			continue;
		}
		if (*s == '"' && n == 0) {
			quoted = 1;
			continue;
		}
		if (*s == ',' || *s == '\n' || *s == '\0') {
			if (*s == '\0' && col == 0 && n == 0)
				break;
			assert_true(row < maxrows && col < CSV_COLS);
			field[n] = '\0';
			rows[row][col++] = strdup(field);
			n = 0;
			if (*s == ',')
				continue;
			assert_int_equal(col, CSV_COLS);
			row++;
			col = 0;
			if (*s == '\0')
				break;
			continue;
		}
		assert_true(*s != '"' && *s != '\r');
		field[n++] = *s;
	}
	return (row);
}

/* Free what csv_parse made. */
static void
csv_free(char *rows[][CSV_COLS], int n)
{
	int	i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < CSV_COLS; k++)
			free(rows[i][k]);
	}
}

/* No control character in an export but the line ends. */
static void
assert_no_controls(const char *text)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p == '\n')
			continue;
		if (*p < 0x20 || *p == 0x7f)
			fail_msg("control byte 0x%02x at %ld", *p,
			    (long)(p - (const unsigned char *)text));
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			fail_msg("C1 control at %ld",
			    (long)(p - (const unsigned char *)text));
	}
}

/* Write a journal's history into a string (caller frees). */
static char *
history(struct journal *j, enum journal_format fmt, uint64_t since,
    int drill, long want)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;

	assert_non_null(f = open_memstream(&buf, &len));
	assert_int_equal(journal_history(j, f, fmt, since, drill), want);
	fclose(f);
	return (buf);
}

/* Controls (LF, ESC, DEL, C1 CSI), a stray byte, UTF-8, a backslash. */
#define HARD_NOTE	"door 3, \"north\"\nsee radio log\x1b[2J\x7f" \
			"\xc2\x9b\xff caf\xc3\xa9 \\"
/* ... as the history writes it: escaped (escape.h), in either format. */
#define HARD_NOTE_ESC	"door 3, \"north\"\\x0asee radio log\\x1b[2J" \
			"\\x7f\\xc2\\x9b\\xff caf\xc3\xa9 \\\\"

/* Record the history cases' audit lines. */
static void
history_lines(struct journal *j)
{
	struct journal_audit	au;

	make_audit(&au, T0, 1, "fire", "");
	snprintf(au.operator_name, sizeof au.operator_name, "%s", "");
	record_ok(j, NULL, &au);
	make_audit(&au, T0 + 61234, 1, "ack", HARD_NOTE);
	record_ok(j, NULL, &au);
	make_audit(&au, T0 + 3600000, 2, "shelve", "plain");
	snprintf(au.result, sizeof au.result, "refused: not firing");
	record_ok(j, NULL, &au);
}

/*
 * CSV history: header, ISO times, RFC 4180 quoting, control characters
 * escaped (no raw ESC, CR, LF, DEL or C1 in the file); parses back.
 */
static void
test_journal_history_csv(void **state)
{
	struct tj	*t = *state;
	struct journal	*j;
	char		*text, *rows[8][CSV_COLS] = { { NULL } };
	int		 n;

	j = tj_open(t);
	history_lines(j);
	text = history(j, JOURNAL_CSV, 0, 0, 3);
	assert_string_equal(text,
	    "time,venue,alert,op,operator,note,request,result,peer,key,"
	    "transport,reason,drill\n"
	    "2023-11-14T22:13:20.000Z,arena,1,fire,,,10,done,ipc uid 1000,,,,0\n"
	    "2023-11-14T22:14:21.234Z,arena,1,ack,maria,"
	    "\"door 3, \"\"north\"\"\\x0asee radio log\\x1b[2J\\x7f"
	    "\\xc2\\x9b\\xff caf\xc3\xa9 \\\\\",10,done,ipc uid 1000,,,,0\n"
	    "2023-11-14T23:13:20.000Z,arena,2,shelve,maria,plain,20,"
	    "refused: not firing,ipc uid 1000,,,,0\n");
	assert_no_controls(text);
	n = csv_parse(text, rows, 8);
	assert_int_equal(n, 4);
	assert_string_equal(rows[0][5], "note");
	assert_string_equal(rows[2][5], HARD_NOTE_ESC);
	assert_string_equal(rows[2][0], "2023-11-14T22:14:21.234Z");
	assert_string_equal(rows[3][7], "refused: not firing");
	csv_free(rows, n);
	free(text);

	/* since_ms filters; the header is always there. */
	text = history(j, JOURNAL_CSV, T0 + 61234, 0, 2);
	n = csv_parse(text, rows, 8);
	assert_int_equal(n, 3);
	assert_string_equal(rows[1][3], "ack");
	csv_free(rows, n);
	free(text);
	text = history(j, JOURNAL_CSV, T0 + 3600001, 0, 0);
	assert_string_equal(text,
	    "time,venue,alert,op,operator,note,request,result,peer,key,"
	    "transport,reason,drill\n");
	free(text);
	journal_close(j);
}

/*
 * An operator's name and comment that a spreadsheet would run as formulas
 * come out of the CSV as text (a ' before them), quoted where they must
 * be; the JSON lines keep them as they were.
 */
static void
test_journal_history_formula(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct journal_audit	 au;
	char			*text, *rows[4][CSV_COLS] = { { NULL } };
	int			 n;

	j = tj_open(t);
	make_audit(&au, T0, 3, "comment",
	    "=HYPERLINK(\"http://evil.example/x\",\"click\")");
	snprintf(au.operator_name, sizeof au.operator_name, "%s",
	    "@SUM(1+1)");
	record_ok(j, NULL, &au);
	text = history(j, JOURNAL_CSV, 0, 0, 1);
	n = csv_parse(text, rows, 4);
	assert_int_equal(n, 2);
	assert_string_equal(rows[1][4], "'@SUM(1+1)");
	assert_string_equal(rows[1][5],
	    "'=HYPERLINK(\"http://evil.example/x\",\"click\")");
	assert_string_equal(rows[1][2], "3");	/* numbers as they are */
	csv_free(rows, n);
	free(text);
	text = history(j, JOURNAL_JSONL, 0, 0, 1);
	assert_non_null(strstr(text, "\"operator\":\"@SUM(1+1)\""));
	free(text);
	journal_close(j);
}

/* JSON lines history: one object per line, parsed back with jansson. */
static void
test_journal_history_jsonl(void **state)
{
	struct tj	*t = *state;
	struct journal	*j;
	char		*text, *line, *save = NULL;
	json_t		*o;
	json_error_t	 je;
	int		 n = 0;
	static const char *const keys[] = { "time", "t_ms", "venue", "alert",
	    "op", "operator", "note", "request", "result", "peer", "key",
	    "transport", "reason", "drill" };
	size_t		 k;

	j = tj_open(t);
	history_lines(j);
	text = history(j, JOURNAL_JSONL, T0 + 1, 0, 2);
	assert_int_equal(text[strlen(text) - 1], '\n');
	assert_no_controls(text);
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((o = json_loads(line, 0, &je)) == NULL)
			fail_msg("line %d: %s", n + 1, je.text);
		assert_int_equal(json_object_size(o), 14);
		assert_true(json_is_false(json_object_get(o, "drill")));
		for (k = 0; k < sizeof keys / sizeof keys[0]; k++)
			assert_non_null(json_object_get(o, keys[k]));
		if (n == 0) {
			assert_string_equal(json_string_value(json_object_get(
			    o, "time")), "2023-11-14T22:14:21.234Z");
			assert_int_equal(json_integer_value(json_object_get(
			    o, "t_ms")), (long long)(T0 + 61234));
			assert_string_equal(json_string_value(json_object_get(
			    o, "note")), HARD_NOTE_ESC);
			assert_string_equal(json_string_value(json_object_get(
			    o, "venue")), VENUE);
			assert_int_equal(json_integer_value(json_object_get(
			    o, "alert")), 1);
		} else {
			assert_string_equal(json_string_value(json_object_get(
			    o, "op")), "shelve");
			assert_int_equal(json_integer_value(json_object_get(
			    o, "request")), 20);
		}
		json_decref(o);
		n++;
	}
	assert_int_equal(n, 2);
	free(text);
	journal_close(j);
}

/*
 * A drill's audit lines (written after journal_set_drill) never show among
 * the real ones; --drill shows only them, marked drill in both formats.
 */
static void
test_journal_history_drill(void **state)
{
	struct tj		*t = *state;
	struct journal		*j;
	struct journal_audit	 au;
	char			*text, *rows[8][CSV_COLS] = { { NULL } };
	int			 n;

	j = tj_open(t);
	history_lines(j);
	journal_set_drill(j, 1);
	make_audit(&au, T0 + 120000, 7, "ack", "drill: stewards");
	record_ok(j, NULL, &au);
	make_audit(&au, T0 + 130000, 7, "resolve", "drill over");
	record_ok(j, NULL, &au);
	journal_set_drill(j, 0);
	make_audit(&au, T0 + 140000, 2, "comment", "real again");
	record_ok(j, NULL, &au);

	text = history(j, JOURNAL_CSV, 0, 0, 4);
	assert_null(strstr(text, "drill: stewards"));
	n = csv_parse(text, rows, 8);
	assert_int_equal(n, 5);
	assert_string_equal(rows[0][12], "drill");
	assert_string_equal(rows[4][5], "real again");
	assert_string_equal(rows[4][12], "0");
	csv_free(rows, n);
	free(text);

	text = history(j, JOURNAL_CSV, 0, 1, 2);
	n = csv_parse(text, rows, 8);
	assert_int_equal(n, 3);
	assert_string_equal(rows[1][5], "drill: stewards");
	assert_string_equal(rows[1][12], "1");
	assert_string_equal(rows[2][3], "resolve");
	csv_free(rows, n);
	free(text);

	text = history(j, JOURNAL_JSONL, T0 + 125000, 1, 1);
	assert_non_null(strstr(text, "\"op\":\"resolve\""));
	assert_non_null(strstr(text, "\"drill\":true"));
	free(text);
	text = history(j, JOURNAL_JSONL, T0 + 125000, 0, 2);
	assert_non_null(strstr(text, "real again"));
	assert_non_null(strstr(text, "\"drill\":false"));
	free(text);
	journal_close(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, tj_setup, tj_teardown)
		T(test_journal_history_csv),
		T(test_journal_history_jsonl),
		T(test_journal_history_drill),
		T(test_journal_history_formula),
#undef T
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
