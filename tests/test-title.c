/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-title.c: every title template against its rule's real comparison
 * (rules.c rules_test): strict ">" and "<" for levels, "≥" for drift, "<"
 * for remaining life; "clearing" with the clear level inside the
 * hysteresis band; a forecast's time to the crossing in minutes or, under
 * a minute, seconds, and "already" when the trend is past the level;
 * status words; titles cut to 255 bytes at a UTF-8 boundary.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/title.h"

#define GE	"\xe2\x89\xa5"		/* ≥ */
#define M2	"people per m\xc2\xb2"	/* p/m² in words */
#define PM2	"p/m\xc2\xb2"		/* the rule's unit */

struct title_case {
	const char		*name;
	enum fohp_rule_kind	 kind;
	int			 below;
	const char		*subject, *metric, *unit;
	double			 value, threshold, clear;
	enum fohp_fc_state	 fc;
	double			 eta_s;
	const char		*detail;
	const char		*want;
	int			 cleared;	/* past the clear level */
};

static const struct title_case title_cases[] = {
	/* Threshold, above: on when value > threshold. */
	{ "threshold above, past it", FOHP_RK_THRESHOLD, 0, "Dance floor",
	  "density", PM2, 5.43, 5.00, 4.50, 0, 0, NULL,
	  "Dance floor: density 5.43 > 5.00 " M2, 0 },
	{ "threshold above, at it: band (strict >)", FOHP_RK_THRESHOLD, 0,
	  "Dance floor", "density", PM2, 5.00, 5.00, 4.50, 0, 0, NULL,
	  "Dance floor: density 5.00 " M2 ", clearing (below 4.50)", 0 },
	{ "threshold above, in the band", FOHP_RK_THRESHOLD, 0,
	  "Dance floor", "density", PM2, 4.80, 5.00, 4.50, 0, 0, NULL,
	  "Dance floor: density 4.80 " M2 ", clearing (below 4.50)", 0 },
	{ "threshold above, just past: more decimals, not '5.00 > 5.00'",
	  FOHP_RK_THRESHOLD, 0, "Dance floor", "density", PM2, 5.004, 5.00,
	  4.50, 0, 0, NULL, "Dance floor: density 5.004 > 5.00 " M2, 0 },
	{ "threshold above, band, value not shown as the threshold",
	  FOHP_RK_THRESHOLD, 0, "Dance floor", "density", PM2, 4.999, 5.00,
	  4.50, 0, 0, NULL,
	  "Dance floor: density 4.999 " M2 ", clearing (below 4.50)", 0 },
	{ "threshold above, flow in words", FOHP_RK_THRESHOLD, 0, "Camp gate",
	  "flow_pmm", "p/m/min", 90, 82, 73.8, 0, 0, NULL,
	  "Camp gate: flow 90.00 > 82.00 people per metre per minute", 0 },
	/* Threshold, below: on when value < threshold. */
	{ "threshold below, past it", FOHP_RK_THRESHOLD, 1, "Bar fridge",
	  "temp_c", "C", 1.5, 2.0, 2.2, 0, 0, NULL,
	  "Bar fridge: temp_c 1.50 < 2.00 \xc2\xb0" "C", 0 },
	{ "threshold below, in the band", FOHP_RK_THRESHOLD, 1,
	  "Bar fridge", "temp_c", "C", 2.1, 2.0, 2.2, 0, 0, NULL,
	  "Bar fridge: temp_c 2.10 \xc2\xb0" "C, clearing (above 2.20)", 0 },
	/* Drift: on when score >= threshold. */
	{ "drift over", FOHP_RK_DRIFT, 0, "Door counter", "score", "",
	  4.65, 0.25, 0.225, 0, 0, NULL,
	  "Door counter: drift score 4.65 " GE " 0.25", 0 },
	{ "drift at exactly the threshold", FOHP_RK_DRIFT, 0, "Door counter",
	  "score", "", 0.10, 0.10, 0.09, 0, 0, NULL,
	  "Door counter: drift score 0.10 " GE " 0.10", 0 },
	{ "drift in the band, not 'score 0.09 > 0.10'", FOHP_RK_DRIFT, 0,
	  "Door counter", "score", "", 0.0901, 0.10, 0.09, 0, 0, NULL,
	  "Door counter: drift score 0.0901, clearing (below 0.09)", 0 },
	{ "drift in the band, clearly", FOHP_RK_DRIFT, 0, "Door counter",
	  "score", "", 0.095, 0.10, 0.09, 0, 0, NULL,
	  "Door counter: drift score 0.095, clearing (below 0.09)", 0 },
	{ "drift past its clear level, the alert still open (flapping)",
	  FOHP_RK_DRIFT, 0, "Door counter", "score", "", 0.05, 0.10, 0.09, 0,
	  0, NULL, "Door counter: drift score 0.05, cleared (below 0.09)", 1 },
	/* Remaining life: on when hours < floor. */
	{ "rul under the floor", FOHP_RK_RUL, 0, "Screen projector", "rul_h",
	  "h", 14.99, 24, 26.4, 0, 0, NULL,
	  "Screen projector: remaining life 14.99 < 24.00 hours", 0 },
	{ "rul at the floor: band (strict <)", FOHP_RK_RUL, 0,
	  "Screen projector", "rul_h", "h", 24, 24, 26.4, 0, 0, NULL,
	  "Screen projector: remaining life 24.00 hours, clearing "
	  "(above 26.40)", 0 },
	{ "rul in the band", FOHP_RK_RUL, 0, "Screen projector", "rul_h", "h",
	  25.5, 24, 26.4, 0, 0, NULL,
	  "Screen projector: remaining life 25.50 hours, clearing "
	  "(above 26.40)", 0 },
	{ "rul past its clear level", FOHP_RK_RUL, 0, "Screen projector",
	  "rul_h", "h", 30, 24, 26.4, 0, 0, NULL,
	  "Screen projector: remaining life 30.00 hours, cleared "
	  "(above 26.40)", 1 },
	/* Rate: change per minute, signed. */
	{ "rate rising", FOHP_RK_RATE, 0, "Floor", "density", PM2, 0.52, 0.40,
	  0.36, 0, 0, NULL,
	  "Floor: density rising +0.52 > +0.40 " M2 " per minute", 0 },
	{ "rate falling", FOHP_RK_RATE, 1, "North gate", "flow_pmm",
	  "p/m/min", -12.5, -10, -9, 0, 0, NULL,
	  "North gate: flow falling -12.50 < -10.00 people per metre per "
	  "minute per minute", 0 },
	{ "rate rising, in the band", FOHP_RK_RATE, 0, "Floor", "density",
	  PM2, 0.38, 0.40, 0.36, 0, 0, NULL,
	  "Floor: density rising +0.38 " M2 " per minute, clearing "
	  "(below +0.36)", 0 },
	{ "rate rising, past its clear level", FOHP_RK_RATE, 0, "Floor",
	  "density", PM2, 0.10, 0.40, 0.36, 0, 0, NULL,
	  "Floor: density rising +0.10 " M2 " per minute, cleared "
	  "(below +0.36)", 1 },
	{ "rate falling, in the band", FOHP_RK_RATE, 1, "North gate",
	  "flow_pmm", "p/m/min", -9.5, -10, -9, 0, 0, NULL,
	  "North gate: flow falling -9.50 people per metre per minute per "
	  "minute, clearing (above -9.00)", 0 },
	{ "rate below a positive level, rising slowly", FOHP_RK_RATE, 1,
	  "Floor", "density", PM2, 0.05, 0.10, 0.11, 0, 0, NULL,
	  "Floor: density rising +0.05 < +0.10 " M2 " per minute", 0 },
	/* Forecast: when it reaches the level. */
	{ "forecast crossing in minutes", FOHP_RK_FORECAST, 0, "Floor",
	  "density", PM2, 4.10, 5.00, 0, FOHP_FC_CROSSING, 372, NULL,
	  "Floor: density 4.10 " M2 ", reaches 5.00 in 6m", 0 },
	{ "forecast crossing under a minute: seconds", FOHP_RK_FORECAST, 0,
	  "Floor", "density", PM2, 4.90, 5.00, 0, FOHP_FC_CROSSING, 40,
	  NULL, "Floor: density 4.90 " M2 ", reaches 5.00 in 40s", 0 },
	{ "forecast crossing at 59.6 s: a minute, never 0m",
	  FOHP_RK_FORECAST, 0, "Floor", "density", PM2, 4.90, 5.00, 0,
	  FOHP_FC_CROSSING, 59.6, NULL,
	  "Floor: density 4.90 " M2 ", reaches 5.00 in 1m", 0 },
	{ "forecast crossing in 0.2 s", FOHP_RK_FORECAST, 0, "Floor",
	  "density", PM2, 4.99, 5.00, 0, FOHP_FC_CROSSING, 0.2, NULL,
	  "Floor: density 4.99 " M2 ", reaches 5.00 in 1s", 0 },
	{ "forecast crossing past an hour", FOHP_RK_FORECAST, 0, "Camp gate",
	  "flow_pmm", "p/m/min", 30, 82, 0, FOHP_FC_CROSSING, 4800, NULL,
	  "Camp gate: flow 30.00 people per metre per minute, reaches 82.00 "
	  "in 1h20m", 0 },
	{ "forecast already past its level", FOHP_RK_FORECAST, 0,
	  "Dance floor", "density", PM2, 5.43, 5.00, 0, FOHP_FC_ALREADY, 0,
	  NULL, "Dance floor: density 5.43 " M2 ", already at or above 5.00", 0 },
	{ "forecast: the trend is past, the last value not yet",
	  FOHP_RK_FORECAST, 0, "Floor gate 3", "flow_pmm", "p/m/min", 80, 82,
	  0, FOHP_FC_ALREADY, 0, NULL,
	  "Floor gate 3: flow 80.00 people per metre per minute, trend "
	  "already at or above 82.00", 0 },
	/* Status: the level, and why when known. */
	{ "status error", FOHP_RK_STATUS, 0, "Dance amp", "status", "",
	  FOHP_ST_ERROR, FOHP_ST_ERROR, FOHP_ST_OFFLINE, 0, 0, NULL,
	  "Dance amp: error", 0 },
	{ "status error with its flag", FOHP_RK_STATUS, 0, "Dance amp",
	  "status", "", FOHP_ST_ERROR, FOHP_ST_ERROR, FOHP_ST_OFFLINE, 0, 0,
	  "protect", "Dance amp: error (protect)", 0 },
	{ "status warning for wear", FOHP_RK_STATUS, 0, "Screen projector",
	  "status", "", FOHP_ST_WARNING, FOHP_ST_WARNING, FOHP_ST_ERROR, 0, 0,
	  "lamp hours at 99% of limit",
	  "Screen projector: warning (lamp hours at 99% of limit)", 0 },
	{ "status offline", FOHP_RK_STATUS, 0, "Main amp", "status", "",
	  FOHP_ST_OFFLINE, FOHP_ST_OFFLINE, 0, 0, 0, NULL,
	  "Main amp: offline", 0 },
	/* Numbers too big for two decimals. */
	{ "drift score of 1e300", FOHP_RK_DRIFT, 0, "Door counter", "score",
	  "", 1e300, 0.25, 0.225, 0, 0, NULL,
	  "Door counter: drift score 1e+300 " GE " 0.25", 0 },
};

/* The input of a case, "on" as rules_test would find it. */
static void
title_case_in(const struct title_case *c, struct title_in *in)
{
	memset(in, 0, sizeof(*in));
	in->kind = c->kind;
	in->cmp = title_cmp_of(c->kind, c->below);
	in->subject = c->subject;
	in->metric = c->metric;
	in->unit = c->unit;
	in->value = c->value;
	in->threshold = c->threshold;
	in->clear = c->clear;
	in->on = in->cmp == TITLE_STATUS || c->kind == FOHP_RK_FORECAST ||
	    title_holds(in->cmp, c->value, c->threshold);
	in->fc_state = c->fc;
	in->fc_eta_s = c->eta_s;
	in->detail = c->detail;
	in->cleared = c->cleared;
}

/* Every row gives exactly its title. */
static void
test_title_table(void **state)
{
	struct title_in	in;
	char		buf[FOHP_TEXT_MAX];
	size_t		i, n;

	(void)state;
	for (i = 0; i < sizeof(title_cases) / sizeof(title_cases[0]); i++) {
		title_case_in(&title_cases[i], &in);
		n = title_write(buf, sizeof(buf), &in);
		if (strcmp(buf, title_cases[i].want) != 0)
			fail_msg("%s:\n got  \"%s\"\n want \"%s\"",
			    title_cases[i].name, buf, title_cases[i].want);
		assert_int_equal(n, strlen(buf));
	}
}

/* The comparisons are those of rules_test, strict or not. */
static void
test_title_cmp(void **state)
{
	(void)state;
	assert_int_equal(title_cmp_of(FOHP_RK_THRESHOLD, 0), TITLE_GT);
	assert_int_equal(title_cmp_of(FOHP_RK_THRESHOLD, 1), TITLE_LT);
	assert_int_equal(title_cmp_of(FOHP_RK_RATE, 0), TITLE_GT);
	assert_int_equal(title_cmp_of(FOHP_RK_RATE, 1), TITLE_LT);
	assert_int_equal(title_cmp_of(FOHP_RK_RUL, 0), TITLE_LT);
	assert_int_equal(title_cmp_of(FOHP_RK_DRIFT, 0), TITLE_GE);
	assert_int_equal(title_cmp_of(FOHP_RK_STATUS, 0), TITLE_STATUS);
	assert_false(title_holds(TITLE_GT, 5.0, 5.0));
	assert_true(title_holds(TITLE_GT, 5.01, 5.0));
	assert_false(title_holds(TITLE_LT, 24.0, 24.0));
	assert_true(title_holds(TITLE_LT, 23.99, 24.0));
	assert_true(title_holds(TITLE_GE, 0.10, 0.10));
	assert_false(title_holds(TITLE_GE, 0.0999, 0.10));
}

/* Metrics and units in words; unknown ones as given. */
static void
test_title_words(void **state)
{
	(void)state;
	assert_string_equal(title_metric_words("density"), "density");
	assert_string_equal(title_metric_words("flow_pmm"), "flow");
	assert_string_equal(title_metric_words("rul_h"), "remaining life");
	assert_string_equal(title_metric_words("score"), "drift score");
	assert_string_equal(title_metric_words("heatsink_c"), "heatsink_c");
	assert_string_equal(title_unit_words(PM2), M2);
	assert_string_equal(title_unit_words("p/m/min"),
	    "people per metre per minute");
	assert_string_equal(title_unit_words("h"), "hours");
	assert_string_equal(title_unit_words("dBFS"), "dBFS");
}

/* Whether s is whole UTF-8 (no sequence cut short). */
static int
title_utf8_whole(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 need;

	while (*p != '\0') {
		need = *p < 0x80 ? 0 : (*p & 0xe0) == 0xc0 ? 1 :
		    (*p & 0xf0) == 0xe0 ? 2 : (*p & 0xf8) == 0xf0 ? 3 : -1;
		if (need < 0)
			return (0);
		for (p++; need > 0; need--, p++) {
			if ((*p & 0xc0) != 0x80)
				return (0);
		}
	}
	return (1);
}

/*
 * A long subject: the title is cut to 255 bytes, never inside a UTF-8
 * sequence, whichever byte the cut falls on; the subject comes first.
 */
static void
test_title_long(void **state)
{
	struct title_in	in;
	char		subject[1024], buf[FOHP_TEXT_MAX], small[41];
	size_t		shift, n;

	(void)state;
	for (shift = 0; shift < 4; shift++) {
		memset(subject, 0, sizeof(subject));
		memset(subject, 'x', shift);
		/* "é" is 2 bytes, "€" 3, "😀" 4: cuts land inside each. */
		while (strlen(subject) + 9 < sizeof(subject))
			strcat(subject, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
		memset(&in, 0, sizeof(in));
		in.kind = FOHP_RK_DRIFT;
		in.cmp = TITLE_GE;
		in.subject = subject;
		in.metric = "score";
		in.value = 0.3;
		in.threshold = 0.25;
		in.on = 1;
		n = title_write(buf, sizeof(buf), &in);
		assert_true(n <= 255);
		assert_true(n >= 252);
		assert_int_equal(n, strlen(buf));
		assert_true(title_utf8_whole(buf));
		assert_memory_equal(buf, subject, n);
		/* A smaller buffer is respected too. */
		n = title_write(small, sizeof(small), &in);
		assert_true(n <= 40);
		assert_true(title_utf8_whole(small));
	}
}

/* title_cut on its own: at and around each sequence. */
static void
test_title_cut(void **state)
{
	char	s[16];

	(void)state;
	strcpy(s, "ab\xe2\x89\xa5" "c");	/* a b ≥ c */
	assert_int_equal(title_cut(s, 4), 2);
	assert_string_equal(s, "ab");
	strcpy(s, "ab\xe2\x89\xa5" "c");
	assert_int_equal(title_cut(s, 5), 5);
	assert_string_equal(s, "ab\xe2\x89\xa5");
	strcpy(s, "abc");
	assert_int_equal(title_cut(s, 10), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_table),
		cmocka_unit_test(test_title_cmp),
		cmocka_unit_test(test_title_words),
		cmocka_unit_test(test_title_long),
		cmocka_unit_test(test_title_cut),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
