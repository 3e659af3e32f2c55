/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-cfg.c: the one INI reader and number parsers (cfg.c) and the text
 * helpers beside them (text.c). Numbers are tried at the edges of their
 * types; every error names FILE:LINE one way.
 */
#include "config.h"

#include <float.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/cfg.h"
#include "lib/text.h"

/* cfg_uint at the edges of uint32 and uint64, and what is not a number. */
static void
test_cfg_uint(void **state)
{
	static const struct {
		const char	*s;
		uint64_t	 hi;
		int		 ok;
		uint64_t	 want;
	} cases[] = {
		{ "0", UINT32_MAX, 1, 0 },
		{ "4294967295", UINT32_MAX, 1, UINT32_MAX },
		{ "4294967296", UINT32_MAX, 0, 0 },
		{ "18446744073709551615", UINT64_MAX, 1, UINT64_MAX },
		{ "18446744073709551616", UINT64_MAX, 0, 0 },
		{ "99999999999999999999", UINT64_MAX, 0, 0 },
		{ "007", 10, 1, 7 },
		{ "11", 10, 0, 0 },
		{ "", UINT64_MAX, 0, 0 },
		{ "-1", UINT64_MAX, 0, 0 },
		{ "+1", UINT64_MAX, 0, 0 },
		{ " 1", UINT64_MAX, 0, 0 },
		{ "1 ", UINT64_MAX, 0, 0 },
		{ "10x", UINT64_MAX, 0, 0 },
		{ "0x10", UINT64_MAX, 0, 0 },
		{ "1e3", UINT64_MAX, 0, 0 },
		{ "1.0", UINT64_MAX, 0, 0 },
	};
	uint64_t	v;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = 12345;
		if ((cfg_uint(cases[i].s, 0, cases[i].hi, &v) == 0) !=
		    cases[i].ok)
			fail_msg("cfg_uint \"%s\": want %s", cases[i].s,
			    cases[i].ok ? "accepted" : "refused");
		if (cases[i].ok && v != cases[i].want)
			fail_msg("cfg_uint \"%s\" = %llu", cases[i].s,
			    (unsigned long long)v);
		if (!cases[i].ok && v != 12345)
			fail_msg("cfg_uint \"%s\" wrote a refused value",
			    cases[i].s);
	}
	assert_int_equal(cfg_uint("5", 6, 10, &v), -1);	/* below lo */
}

/* cfg_double: finite decimal numbers only. */
static void
test_cfg_double(void **state)
{
	static const struct {
		const char	*s;
		int		 ok;
		double		 want;
	} cases[] = {
		{ "0", 1, 0 }, { "-2.5", 1, -2.5 }, { "1e3", 1, 1000 },
		{ "1E-3", 1, 0.001 }, { "+4", 1, 4 }, { "1.7e308", 1, 1.7e308 },
		{ "1e999", 0, 0 }, { "-1e999", 0, 0 }, { "1e-400", 0, 0 },
		{ "nan", 0, 0 }, { "inf", 0, 0 }, { "-infinity", 0, 0 },
		{ "0x10", 0, 0 }, { "0x1p3", 0, 0 }, { "", 0, 0 }, { "-", 0, 0 },
		{ ".", 0, 0 }, { ".5", 0, 0 }, { "1.", 0, 0 }, { "1e", 0, 0 },
		{ "1e+", 0, 0 }, { "10x", 0, 0 }, { "1,5", 0, 0 }, { " 1", 0, 0 },
		{ "1 ", 0, 0 }, { "--1", 0, 0 },
	};
	double	d;
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		d = 42;
		if ((cfg_double(cases[i].s, -DBL_MAX, DBL_MAX, &d) == 0) !=
		    cases[i].ok)
			fail_msg("cfg_double \"%s\": want %s", cases[i].s,
			    cases[i].ok ? "accepted" : "refused");
		if (cases[i].ok && d != cases[i].want)
			fail_msg("cfg_double \"%s\" = %g", cases[i].s, d);
	}
	assert_int_equal(cfg_double("60.5", 1, 60, &d), -1);
	assert_int_equal(cfg_double("0.5", 1, 60, &d), -1);
	assert_int_equal(cfg_double("60", 1, 60, &d), 0);
}

/* cfg_duration: the grammar, its edges and its overflows. */
static void
test_cfg_duration(void **state)
{
	static const struct {
		const char	*s;
		int		 ok;
		uint64_t	 want;
	} cases[] = {
		{ "0", 1, 0 }, { "30", 1, 30000 }, { "1.5", 1, 1500 },
		{ "30s", 1, 30000 }, { "5m", 1, 300000 }, { "1h", 1, 3600000 },
		{ "250ms", 1, 250 }, { "1h30m", 1, 5400000 },
		{ "1h30m15s500ms", 1, 5415500 }, { "0.5s", 1, 500 },
		{ "0.25m", 1, 15000 }, { "0.001s", 1, 1 },
		{ "18446744073709551615ms", 1, UINT64_MAX },
		{ "18446744073709551s", 1, 18446744073709551000ULL },
		{ "5124095576030h", 1, 5124095576030ULL * 3600000 },
		{ "18446744073709551616ms", 0, 0 },	/* 2^64 ms */
		{ "18446744073709552s", 0, 0 },	/* was 0.384 s */
		{ "18446744073709551616s", 0, 0 },	/* 2^64 s */
		{ "5124095576031h", 0, 0 },
		{ "5124095576030h1h", 0, 0 },
		{ "18446744073709551s616ms", 0, 0 },	/* sum overflows */
		{ "0.0001s", 0, 0 }, { "1.5ms", 0, 0 }, { "0.0000000001h", 0, 0 },
		{ "", 0, 0 }, { "-1", 0, 0 }, { "-1s", 0, 0 }, { "+1s", 0, 0 },
		{ "10x", 0, 0 }, { "1e999", 0, 0 }, { "1e3", 0, 0 },
		{ "s", 0, 0 }, { "1.s", 0, 0 }, { ".5s", 0, 0 }, { "1h30", 0, 0 },
		{ "30m1h", 0, 0 }, { "1m1m", 0, 0 }, { "5min", 0, 0 },
		{ "1 h", 0, 0 }, { "1d", 1, 86400000 }, { "1dh", 0, 0 }, { "nan", 0, 0 },
	};
	uint64_t	ms;
	size_t		i;
	char		buf[64];

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ms = 7;
		if ((cfg_duration(cases[i].s, 0, UINT64_MAX, &ms) == 0) !=
		    cases[i].ok)
			fail_msg("cfg_duration \"%s\": want %s", cases[i].s,
			    cases[i].ok ? "accepted" : "refused");
		if (cases[i].ok && ms != cases[i].want)
			fail_msg("cfg_duration \"%s\" = %llu ms", cases[i].s,
			    (unsigned long long)ms);
	}
	assert_int_equal(cfg_duration("2s", 2000, 3600000, &ms), 0);
	assert_int_equal(cfg_duration("1999ms", 2000, 3600000, &ms), -1);
	assert_int_equal(cfg_duration("1h1ms", 2000, 3600000, &ms), -1);
	assert_int_equal(cfg_duration("2d12h", 0, UINT64_MAX, &ms), 0);
	assert_true(ms == 216000000);
	assert_int_equal(cfg_duration("12h2d", 0, UINT64_MAX, &ms), -1);
	assert_string_equal(text_duration(buf, sizeof(buf), 0, 0), "0s");
	assert_string_equal(text_duration(buf, sizeof(buf), 5415500, 0),
	    "1h30m15s500ms");
	assert_string_equal(text_duration(buf, sizeof(buf), 604800000, 0),
	    "7d");
	assert_int_equal(cfg_duration(text_duration(buf, sizeof(buf),
	    UINT64_MAX, 0), 0, UINT64_MAX, &ms), 0);
	assert_true(ms == UINT64_MAX);
}

/* text_duration on screen: two units at most, larger first, none hidden. */
static void
test_text_duration(void **state)
{
	static const struct {
		uint64_t	 ms;
		const char	*want;
	} cases[] = {
		{ 0, "0s" }, { 250, "250ms" }, { 999, "999ms" },
		{ 1000, "1s" }, { 1500, "1s500ms" }, { 45000, "45s" },
		{ 60000, "1m" }, { 80000, "1m20s" }, { 80999, "1m20s" },
		{ 3600000, "1h" }, { 3605000, "1h" }, { 3720000, "1h2m" },
		{ 86400000, "1d" }, { 100800000, "1d4h" },
		{ 86460000, "1d" },
	};
	char		buf[32], small[4];
	unsigned	i;
	uint64_t	ms;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		text_duration(buf, sizeof(buf), cases[i].ms, 2);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("text_duration %llu = \"%s\", want \"%s\"",
			    (unsigned long long)cases[i].ms, buf,
			    cases[i].want);
		/* What it writes, the grammar reads back (rounded down). */
		assert_int_equal(cfg_duration(buf, 0, UINT64_MAX, &ms), 0);
		assert_true(ms <= cases[i].ms);
	}
	/* Too small a buffer: whole units only, never half of one. */
	assert_string_equal(text_duration(small, sizeof(small), 3720000, 2),
	    "1h");
	assert_string_equal(text_duration(small, 1, 3720000, 2), "");
}

/* text_error: formats, cuts to its buffer, and takes no buffer at all. */
static void
test_text_error(void **state)
{
	char	buf[8];

	(void)state;
	text_error(buf, sizeof(buf), "key %d", 7);
	assert_string_equal(buf, "key 7");
	text_error(buf, sizeof(buf), "a %s sentence", "longer");
	assert_string_equal(buf, "a longe");
	text_error(NULL, 10, "nowhere %d", 1);
	buf[0] = 'x';
	text_error(buf, 0, "no room");
	assert_int_equal(buf[0], 'x');
}

/* text_copy: terminated, cut on a character, NULL as "". */
static void
test_text_copy(void **state)
{
	char	buf[6];

	(void)state;
	assert_int_equal(text_copy(buf, sizeof(buf), "gate"), 4);
	assert_string_equal(buf, "gate");
	assert_int_equal(text_copy(buf, sizeof(buf), "gate 12"), 7);
	assert_string_equal(buf, "gate ");
	/* "Bühne": the cut falls inside ü's two bytes at 5 -> 4 bytes. */
	assert_int_equal(text_copy(buf, 4, "B\xc3\xbchne"), 6);
	assert_string_equal(buf, "B\xc3\xbc");
	assert_int_equal(text_copy(buf, 3, "B\xc3\xbchne"), 6);
	assert_string_equal(buf, "B");
	assert_int_equal(text_copy(buf, sizeof(buf), NULL), 0);
	assert_string_equal(buf, "");
	assert_int_equal(text_copy(buf, 0, "x"), 1);
}


/* A handler that refuses the key "bad" with its own words, once. */
static int
test_cfg_handler(void *user, int line, const char *section, const char *name,
    const char *value)
{
	char	*herr = user;

	(void)section;
	(void)value;
	if (name != NULL && strcmp(name, "bad") == 0) {
		snprintf(herr, 64, "bad key on line %d", line);
		return (0);
	}
	if (name != NULL && strcmp(name, "quiet") == 0)
		return (0);
	return (1);
}

/* cfg_error and cfg_load: "FILE:LINE: why", the handler's or the reader's. */
static void
test_cfg_error(void **state)
{
	char	err[64], small[8], herr[64];

	(void)state;
	assert_int_equal(cfg_error(err, sizeof err, "a.conf", 7, "x %d", 3),
	    -1);
	assert_string_equal(err, "a.conf:7: x 3");
	/* Cut, terminated; NULL or 0 bytes write nothing. */
	assert_int_equal(cfg_error(small, sizeof small, "a.conf", 7, "long"),
	    -1);
	assert_string_equal(small, "a.conf:");
	assert_int_equal(cfg_error(NULL, 0, "a.conf", 1, "x"), -1);

	/* The handler's words and the line cfg_parse gave it. */
	herr[0] = '\0';
	assert_int_equal(cfg_load("[s]\nok = 1\n\nbad = 2\n", "b.conf",
	    test_cfg_handler, herr, herr, err, sizeof err), 4);
	assert_string_equal(err, "b.conf:4: bad key on line 4");
	/* The reader's reason when the line itself is wrong. */
	herr[0] = '\0';
	assert_int_equal(cfg_load("[s\n", "c.conf", test_cfg_handler, herr,
	    herr, err, sizeof err), 1);
	assert_string_equal(err, "c.conf:1: a section header must end with "
	    "']'");
	/* A refusal with no words still names the line. */
	herr[0] = '\0';
	assert_int_equal(cfg_load("[s]\nquiet = 1\n", "d.conf",
	    test_cfg_handler, herr, herr, err, sizeof err), 2);
	assert_string_equal(err, "d.conf:2: ");
	/* A good file: 0, err untouched. */
	strcpy(err, "kept");
	assert_int_equal(cfg_load("[s]\nok = 1\n", "e.conf",
	    test_cfg_handler, herr, NULL, err, sizeof err), 0);
	assert_string_equal(err, "kept");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cfg_uint),
		cmocka_unit_test(test_cfg_double),
		cmocka_unit_test(test_cfg_duration),
		cmocka_unit_test(test_text_duration),
		cmocka_unit_test(test_text_copy),
		cmocka_unit_test(test_text_error),
		cmocka_unit_test(test_cfg_error),
	};

	return (cmocka_run_group_tests_name("cfg", tests, NULL, NULL));
}
