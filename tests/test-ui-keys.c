/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-ui-keys.c: the console's key table (ui/ui-keys.c), which drives the
 * key dispatch, the key line and the help view. Every code an entry
 * dispatches has a name, so the help shows it; every entry is in the help
 * view's list; what the key line shows are keys the entry handles, where
 * it acts; and the names are made as the help writes them (a table of
 * named cases).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/ui-priv.h"

#define ITEMS_MAX	80

/* Whether k handles code. */
static int
has_code(const struct ui_key *k, int code)
{
	int	i;

	for (i = 0; i < UI_KEY_CODES && k->codes[i] != 0; i++) {
		if (k->codes[i] == code)
			return (1);
	}
	return (0);
}

/* Whether name is the name of one of k's codes. */
static int
names_a_code(const struct ui_key *k, const char *name, int utf8)
{
	char	buf[16];
	int	i;

	for (i = 0; i < UI_KEY_CODES && k->codes[i] != 0; i++) {
		if (ui_keys_name(buf, sizeof(buf), k->codes[i], utf8) == 0 &&
		    strcmp(buf, name) == 0)
			return (1);
	}
	return (0);
}

/* Every entry is whole, and every code it dispatches has a name. */
static void
test_every_code_named(void **state)
{
	char	buf[64];
	size_t	i;
	int	utf8;

	(void)state;
	assert_true(ui_nkeys > 20);
	for (i = 0; i < ui_nkeys; i++) {
		const struct ui_key	*k = &ui_keys[i];

		if (k->codes[0] == 0 || k->help == NULL || k->help[0] == '\0' ||
		    k->fn == NULL || k->where == 0 ||
		    (unsigned)k->group >= UI_KG_COUNT)
			fail_msg("entry %zu is not whole", i);
		for (utf8 = 0; utf8 < 2; utf8++) {
			if (ui_keys_names(buf, sizeof(buf), k, utf8) != 0)
				fail_msg("entry %zu (%s): a code has no name: "
				    "\"%s\"", i, k->help, buf);
			assert_true(buf[0] != '\0');
		}
	}
}

/* The help view lists every entry, with its keys' names, and each command. */
static void
test_help_lists_every_key(void **state)
{
	struct view_help_item	 items[ITEMS_MAX];
	const struct ui_command	*c;
	char			 name[64];
	size_t			 i;
	int			 n, j, utf8, found;

	(void)state;
	for (utf8 = 0; utf8 < 2; utf8++) {
		n = view_help_items(items, ITEMS_MAX, utf8);
		assert_true(n > 0 && n < ITEMS_MAX);	/* none cut off */
		for (i = 0; i < ui_nkeys; i++) {
			(void)ui_keys_names(name, sizeof(name), &ui_keys[i],
			    utf8);
			for (found = 0, j = 0; j < n && !found; j++)
				found = items[j].what != NULL &&
				    strcmp(items[j].name, name) == 0 &&
				    strcmp(items[j].what, ui_keys[i].help) == 0;
			if (!found)
				fail_msg("the help lacks \"%s\" (%s)", name,
				    ui_keys[i].help);
		}
		for (c = ui_commands; c->name != NULL; c++) {
			for (found = 0, j = 0; j < n && !found; j++)
				found = items[j].what != NULL &&
				    strncmp(items[j].name + 1, c->name,
				    strlen(c->name)) == 0 &&
				    strcmp(items[j].what, c->help) == 0;
			if (!found)
				fail_msg("the help lacks :%s", c->name);
		}
		/* Every group has its heading, in order. */
		for (j = 0, found = 0; j < n; j++) {
			if (items[j].what == NULL)
				assert_string_equal(items[j].name,
				    ui_key_groups[found++]);
		}
		assert_int_equal(found, UI_KG_COUNT);
	}
}

/*
 * The key line shows an entry only where it acts, and only keys it
 * handles: each word of bar_keys names one of its codes (or each letter
 * does, "hjkl"); no bar_keys means the arrows, which it must handle.
 */
static void
test_key_line_keys_act(void **state)
{
	char	word[16];
	size_t	i, l;
	int	utf8;

	(void)state;
	for (i = 0; i < ui_nkeys; i++) {
		const struct ui_key	*k = &ui_keys[i];
		const char		*p, *q;

		if (k->bar == NULL)
			continue;
		if (k->bar_where == 0 || (k->bar_where & ~k->where) != 0)
			fail_msg("\"%s\" is on the key line where it does not "
			    "act", k->bar);
		if (k->bar_keys == NULL) {
			assert_true(has_code(k, KEY_UP) &&
			    has_code(k, KEY_DOWN));
			continue;
		}
		for (p = k->bar_keys; *p != '\0'; p = q) {
			while (*p == ' ')
				p++;
			for (q = p; *q != '\0' && *q != ' '; q++)
				;
			l = (size_t)(q - p);
			if (l == 0)
				continue;
			snprintf(word, sizeof(word), "%.*s", (int)l, p);
			for (utf8 = 0; utf8 < 2; utf8++) {
				int	ok = names_a_code(k, word, utf8);
				size_t	c;

				for (c = 0; !ok && c < l; c++) {
					char	one[2] = { word[c], '\0' };

					if (!names_a_code(k, one, utf8))
						break;
					ok = c + 1 == l;
				}
				if (!ok && strchr(word, '-') != NULL &&
				    has_code(k, word[0]) &&
				    has_code(k, word[l - 1]))
					ok = 1;		/* "1-7" */
				if (!ok)
					fail_msg("key line \"%s %s\": \"%s\" "
					    "is not a key of the entry",
					    k->bar_keys, k->bar, word);
			}
		}
	}
}

/*
 * Every view and the venue list have a way out and the keys every
 * screen needs: quit, help, and a handler for the arrows.
 */
static void
test_every_place_has_keys(void **state)
{
	static const int	need[] = { 'q', '?', '\t', KEY_UP, KEY_DOWN };
	unsigned		v;
	size_t			i;

	(void)state;
	for (v = 0; v < UI_VIEW_COUNT; v++) {
		for (i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
			if (ui_keys_find(UI_IN(v), need[i], NULL) == NULL)
				fail_msg("view %u: key %d does nothing", v,
				    need[i]);
		}
	}
	/* F1, in any of its forms (ui-term.c), is the help everywhere. */
	for (v = 0; v < UI_VIEW_COUNT; v++)
		assert_ptr_equal(ui_keys_find(UI_IN(v), KEY_F(1), NULL)->fn,
		    ui_cmd_view);
	assert_non_null(ui_keys_find(UI_IN_LIST, '\r', NULL));
	assert_non_null(ui_keys_find(UI_IN_PROMPT, 27, NULL));
	/* The venue list's own meaning of Up comes first. */
	assert_ptr_equal(ui_keys_find(UI_IN_LIST | UI_IN(UI_VIEW_ALERTS),
	    KEY_UP, NULL)->fn, ui_cmd_venue);
	/* A prompt takes no view's keys. */
	assert_null(ui_keys_find(UI_IN_PROMPT, 'q', NULL));
}

/* Names of an entry's keys, as the help writes them. */
static void
test_names(void **state)
{
	static const struct {
		const char	*what;
		struct ui_key	 k;
		const char	*utf8, *ascii;
	} cases[] = {
		{ "arrows and letters", { .codes = { KEY_UP, KEY_DOWN, 'j',
		    'k' } }, "\u2191\u2193 j k", "Up/Down j k" },
		{ "all four arrows", { .codes = { KEY_LEFT, KEY_RIGHT, KEY_UP,
		    KEY_DOWN, 'h' } }, "\u2190\u2192\u2191\u2193 h",
		    "arrows h" },
		{ "digits", { .codes = { '1', '2', '3', 'H' } }, "1-3 H",
		    "1-3 H" },
		{ "same name once", { .codes = { '\r', '\n', KEY_ENTER, 27 } },
		    "Enter Esc", "Enter Esc" },
		{ "control keys", { .codes = { '\014', 3, KEY_BACKSPACE, 127 } },
		    "C-l C-c BS", "C-l C-c BS" },
		{ "pages", { .codes = { KEY_PPAGE, KEY_NPAGE, ' ' } },
		    "PgUp PgDn Space", "PgUp PgDn Space" },
		{ "help", { .codes = { '?', KEY_F(1) } }, "? F1", "? F1" },
	};
	char	buf[64];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(ui_keys_names(buf, sizeof(buf), &cases[i].k,
		    1), 0);
		if (strcmp(buf, cases[i].utf8) != 0)
			fail_msg("%s: \"%s\", want \"%s\"", cases[i].what, buf,
			    cases[i].utf8);
		assert_int_equal(ui_keys_names(buf, sizeof(buf), &cases[i].k,
		    0), 0);
		if (strcmp(buf, cases[i].ascii) != 0)
			fail_msg("%s: \"%s\", want \"%s\"", cases[i].what, buf,
			    cases[i].ascii);
	}
	/* A code without a name says so. */
	assert_int_equal(ui_keys_name(buf, sizeof(buf), KEY_F(5), 1), -1);
}

/*
 * The prompt takes a UTF-8 character whole or not at all: a continuation
 * byte whose lead byte was refused (no room) is not taken either.
 */
static void
test_prompt_utf8(void **state)
{
	struct ui	*u;
	size_t		 i, full;

	(void)state;
	assert_non_null(u = calloc(1, sizeof(*u)));
	widget_prompt_open(u, ':', ":");
	widget_prompt_type(u, 0xc3);
	widget_prompt_type(u, 0xa9);
	assert_int_equal(u->prompt.len, 2);
	assert_string_equal(u->prompt.text, "\xc3\xa9");
	/* A stray continuation byte, after a whole character: refused. */
	widget_prompt_type(u, 0xa9);
	assert_int_equal(u->prompt.len, 2);
	/* Filled to two bytes short of the end: "é" does not fit. */
	full = sizeof(u->prompt.text) - 2;
	while (u->prompt.len < full)
		widget_prompt_type(u, 'a');
	widget_prompt_type(u, 0xc3);
	widget_prompt_type(u, 0xa9);
	assert_int_equal(u->prompt.len, full);
	for (i = 2; i < u->prompt.len; i++)
		assert_int_equal(u->prompt.text[i], 'a');
	widget_prompt_close(u);
	free(u);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_code_named),
		cmocka_unit_test(test_help_lists_every_key),
		cmocka_unit_test(test_key_line_keys_act),
		cmocka_unit_test(test_every_place_has_keys),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_prompt_utf8),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
