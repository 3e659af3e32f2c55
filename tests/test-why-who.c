/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-why-who.c: who did an entry of the why-pane's history
 * (view_why_who, ui/view-why-text.c), a table of named cases: "by ana"
 * unsigned, "(agent)" for the agent's own, "by ana (SHA256:...)" for a
 * signed op with the whole fingerprint when it fits, cut with an ellipsis
 * (UTF-8 or ASCII) to the room there is when it does not, never below
 * "SHA256:" and 4 characters of the key.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ui/view-why-priv.h"

#define FP	"SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"

/* One case: an op's operator and key, the room, what is written. */
struct who_case {
	const char	*name;
	const char	*operator_name;
	const char	*key;
	int		 room;
	const char	*ellipsis;
	int		 ellw;
	const char	*want;
};

static const struct who_case who_cases[] = {
	{ "unsigned", "ana", "", 80, "\xe2\x80\xa6", 1, "by ana" },
	{ "the agent's own", "", "", 80, "\xe2\x80\xa6", 1, "(agent)" },
	{ "signed, room for all", "ana", FP, 80, "\xe2\x80\xa6", 1,
	    "by ana (" FP ")" },
	{ "signed, exactly room", "ana", FP, 59, "\xe2\x80\xa6", 1,
	    "by ana (" FP ")" },
	{ "signed, one short", "ana", FP, 58, "\xe2\x80\xa6", 1,
	    "by ana (SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD\xe2\x80\xa6)" },
	{ "signed, narrow", "ana", FP, 30, "\xe2\x80\xa6", 1,
	    "by ana (SHA256:uNiVztksCsDhc\xe2\x80\xa6)" },
	{ "signed, narrow, ASCII", "ana", FP, 30, "...", 3,
	    "by ana (SHA256:uNiVztksCsD...)" },
	{ "signed, no room: 4 of the key", "ana", FP, 5, "\xe2\x80\xa6", 1,
	    "by ana (SHA256:uNiV\xe2\x80\xa6)" },
};

/* Every case: the text, and the columns said are the columns written. */
static void
test_who_cases(void **state)
{
	struct fohp_alert_op	op;
	char			buf[160];
	size_t			i;
	int			w, cols;

	(void)state;
	for (i = 0; i < sizeof(who_cases) / sizeof(who_cases[0]); i++) {
		const struct who_case *c = &who_cases[i];

		memset(&op, 0, sizeof(op));
		snprintf(op.operator_name, sizeof(op.operator_name), "%s",
		    c->operator_name);
		snprintf(op.key, sizeof(op.key), "%s", c->key);
		w = view_why_who(buf, sizeof(buf), &op, c->room, c->ellipsis,
		    c->ellw);
		if (strcmp(buf, c->want) != 0)
			fail_msg("%s: \"%s\", want \"%s\"", c->name, buf,
			    c->want);
		/* Columns: bytes, less the ellipsis's extra bytes. */
		cols = (int)strlen(buf);
		if (strstr(buf, c->ellipsis) != NULL)
			cols -= (int)strlen(c->ellipsis) - c->ellw;
		if (w != cols)
			fail_msg("%s: said %d columns, wrote %d", c->name, w,
			    cols);
		if (c->key[0] != '\0' && c->room >= 20 && w > c->room)
			fail_msg("%s: %d columns in a room of %d", c->name, w,
			    c->room);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_who_cases),
	};

	return (cmocka_run_group_tests_name("why-who", tests, NULL, NULL));
}
