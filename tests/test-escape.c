/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-escape.c: escape_text, as a table of named cases.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "lib/escape.h"

static const struct {
	const char	*name;
	const char	*in;
	const char	*out;
} cases[] = {
	{ "plain", "ana acked it", "ana acked it" },
	{ "empty", "", "" },
	{ "newline", "a\nb", "a\\x0ab" },
	{ "cr", "a\rb", "a\\x0db" },
	{ "tab", "a\tb", "a\\x09b" },
	{ "esc", "\x1b[2J\x1b]0;pwned\x07", "\\x1b[2J\\x1b]0;pwned\\x07" },
	{ "del", "x\x7fy", "x\\x7fy" },
	{ "c1 csi", "\xc2\x9b" "31m", "\\xc2\\x9b31m" },
	{ "c1 nel", "\xc2\x85", "\\xc2\\x85" },
	{ "latin", "caf\xc3\xa9 \xc2\xa0", "caf\xc3\xa9 \xc2\xa0" },
	{ "euro", "\xe2\x82\xac", "\xe2\x82\xac" },
	{ "emoji", "\xf0\x9f\x94\xa5", "\xf0\x9f\x94\xa5" },
	{ "stray", "\xff\xfe", "\\xff\\xfe" },
	{ "cut", "\xe2\x82", "\\xe2\\x82" },
	{ "overlong", "\xc0\xaf", "\\xc0\\xaf" },
	{ "surrogate", "\xed\xa0\x80", "\\xed\\xa0\\x80" },
	{ "backslash", "C:\\x1b", "C:\\\\x1b" },
};

/* Each case, into a buffer with room. */
static void
test_escape_table(void **state)
{
	char	buf[256];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		escape_text(buf, sizeof buf, cases[i].in);
		if (strcmp(buf, cases[i].out) != 0)
			fail_msg("%s: got \"%s\", want \"%s\"", cases[i].name,
			    buf, cases[i].out);
	}
}

/* A short buffer cuts at a whole escape and stays terminated. */
static void
test_escape_short(void **state)
{
	char	buf[6];

	(void)state;
	memset(buf, 'z', sizeof buf);
	assert_string_equal(escape_text(buf, sizeof buf, "ab\x1b" "cd"),
	    "ab");
	assert_string_equal(escape_text(buf, sizeof buf, "\xe2\x82\xac\xe2"
	    "\x82\xac"), "\xe2\x82\xac");
	assert_string_equal(escape_text(buf, 1, "abc"), "");
	assert_string_equal(escape_text(buf, sizeof buf, NULL), "");
}

/*
 * escape_utf8_len, which fohd report uses too: whole characters of 2 to 4
 * bytes; a C1 control, a stray continuation, a cut sequence, an overlong
 * form and a surrogate are none (the report writes U+FFFD for them).
 */
static void
test_escape_utf8_len(void **state)
{
	(void)state;
	assert_int_equal(escape_utf8_len((const unsigned char *)"\xc3\xa9"), 2);
	assert_int_equal(escape_utf8_len((const unsigned char *)"\xe2\x80\x94"),
	    3);
	assert_int_equal(escape_utf8_len((const unsigned char *)
	    "\xf0\x9f\x94\xa5"), 4);
	assert_int_equal(escape_utf8_len((const unsigned char *)"\xc2\x85"), 0);
	assert_int_equal(escape_utf8_len((const unsigned char *)"\x85"), 0);
	assert_int_equal(escape_utf8_len((const unsigned char *)"\xe2\x80"), 0);
	assert_int_equal(escape_utf8_len((const unsigned char *)"\xc0\xaf"), 0);
	assert_int_equal(escape_utf8_len((const unsigned char *)"\xed\xa0\x80"),
	    0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_table),
		cmocka_unit_test(test_escape_short),
		cmocka_unit_test(test_escape_utf8_len),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
