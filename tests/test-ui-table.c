/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-ui-table.c: the tables' sort and filter (ui/ui-table.c), without a
 * terminal. Sorting by text and by number, both ways; a row without a
 * value last either way; ties in the view's own order; the filter on
 * every text of a row, without case; the sort keys moving between the
 * columns shown and back to the view's own order; the header's mark; the
 * selection staying on its item when the order changes; and the worst
 * zones of a venue, found without sorting them all.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/ui-priv.h"

/* Zones as the heat map would sort them: name, band, density. */
static const struct {
	const char	*name;
	double		 band, density;
} zones[] = {
	{ "North stand", 1, 0.87 },
	{ "west concourse", 2, 0.44 },
	{ "Floor", 3, 1.55 },
	{ "East concourse", 2, 0.45 },
	{ "Gate queue", NAN, NAN },	/* no sample yet */
};
#define NZONES	(sizeof(zones) / sizeof(zones[0]))

/* The rows of zones, in the view's own order. */
static unsigned
fill(struct ui_table_row *rows)
{
	unsigned	i, k;

	memset(rows, 0, sizeof(*rows) * NZONES);
	for (i = 0; i < NZONES; i++) {
		for (k = 0; k < UI_TABLE_KEYS; k++)
			rows[i].num[k] = NAN;
		rows[i].item = rows[i].order = i;
		rows[i].str[0] = zones[i].name;
		rows[i].num[1] = zones[i].band;
		rows[i].num[2] = zones[i].density;
		rows[i].text[0] = i == 2 ? "dance" : NULL;
	}
	return (NZONES);
}

/* The rows' items as a string of digits, "20314". */
static const char *
order(const struct ui_table_row *rows, unsigned n)
{
	static char	buf[32];
	unsigned	i;

	for (i = 0; i < n && i + 1 < sizeof(buf); i++)
		buf[i] = (char)('0' + rows[i].item);
	buf[i] = '\0';
	return (buf);
}

/* By text, without case, and reversed. */
static void
test_sort_text(void **state)
{
	struct ui_table_row	rows[NZONES];
	unsigned		n = fill(rows);

	(void)state;
	ui_table_sort(rows, n, 0, 0);
	assert_string_equal(order(rows, n), "32401");
	ui_table_sort(rows, n, 0, 1);
	assert_string_equal(order(rows, n), "10423");
	ui_table_sort(rows, n, -1, 0);		/* the view's own order */
	assert_string_equal(order(rows, n), "01234");
	ui_table_sort(rows, n, -1, 1);		/* ... reversed */
	assert_string_equal(order(rows, n), "43210");
}

/* By number: no value last both ways; ties in the view's own order. */
static void
test_sort_number(void **state)
{
	struct ui_table_row	rows[NZONES];
	unsigned		n = fill(rows);

	(void)state;
	ui_table_sort(rows, n, 2, 1);
	assert_string_equal(order(rows, n), "20314");
	ui_table_sort(rows, n, 2, 0);
	assert_string_equal(order(rows, n), "13024");
	/* Band: 1 and 3 tie at C; they stay in their order either way. */
	ui_table_sort(rows, n, 1, 1);
	assert_string_equal(order(rows, n), "21304");
	ui_table_sort(rows, n, 1, 0);
	assert_string_equal(order(rows, n), "01324");
}

/* Many rows (a venue's 384 zones), many ties: sorted and stable. */
static void
test_sort_many(void **state)
{
	static struct ui_table_row	rows[384];
	unsigned			i, k;

	(void)state;
	for (i = 0; i < 384; i++) {
		memset(&rows[i], 0, sizeof(rows[i]));
		for (k = 0; k < UI_TABLE_KEYS; k++)
			rows[i].num[k] = NAN;
		rows[i].item = rows[i].order = i;
		rows[i].num[3] = i % 7 == 0 ? NAN : (double)(i * 37 % 11);
	}
	ui_table_sort(rows, 384, 3, 1);
	for (i = 1; i < 384; i++) {
		const struct ui_table_row *a = &rows[i - 1], *b = &rows[i];

		if (isnan(b->num[3]) && !isnan(a->num[3]))
			continue;		/* the first without a value */
		assert_false(isnan(a->num[3]) && !isnan(b->num[3]));
		if (isnan(a->num[3]) || a->num[3] == b->num[3])
			assert_true(a->order < b->order);	/* stable */
		else
			assert_true(a->num[3] > b->num[3]);
	}
	ui_table_sort(rows, 384, -1, 0);
	for (i = 0; i < 384; i++)
		assert_int_equal(rows[i].item, i);
}

/* The filter: a substring of any text, without case; empty passes all. */
static void
test_filter(void **state)
{
	struct ui_table_row	rows[NZONES];
	unsigned		n;

	(void)state;
	n = ui_table_filter(rows, fill(rows), "CONC");
	assert_string_equal(order(rows, n), "13");
	n = ui_table_filter(rows, fill(rows), "dance");	/* a text[] */
	assert_string_equal(order(rows, n), "2");
	n = ui_table_filter(rows, fill(rows), "");
	assert_int_equal(n, NZONES);
	n = ui_table_filter(rows, fill(rows), "nothing");
	assert_int_equal(n, 0);
	assert_true(ui_table_contains("Main pit", "n p"));
	assert_false(ui_table_contains("Main", "Mainpit"));
}

/* < and >: the columns shown that sort, then the view's own order. */
static void
test_keys(void **state)
{
	struct ui		*u = calloc(1, sizeof(*u));
	struct ui_table_state	*st;
	const struct ui_table_desc *d = &view_equipment_sort;
	int			 widths[UI_TABLE_KEYS], i, first = -1;
	int			 second = -1;

	(void)state;
	assert_non_null(u);
	u->view = UI_VIEW_EQUIPMENT;
	st = ui_table_state(u, u->view);
	st->table = d;			/* as ui_new sets it */
	st->col = -1;
	/* Before the view has drawn: every column that sorts. */
	ui_table_key(u, NULL, '>');
	assert_int_equal(st->col, 0);
	assert_int_equal(st->desc, 0);		/* a name: A to Z first */
	assert_non_null(strstr(u->message, "sorted by Device, ascending"));
	ui_table_key(u, NULL, '>');
	assert_int_equal(st->col, 1);		/* Kind */
	/* Drawn with the second column dropped: > skips it. */
	for (i = 0; i < UI_TABLE_KEYS; i++)
		widths[i] = i == 1 ? 0 : 5;
	ui_table_shown(u, u->view, widths);
	st->col = -1;
	ui_table_key(u, NULL, '>');
	first = st->col;
	ui_table_key(u, NULL, '>');
	second = st->col;
	assert_int_equal(first, 0);
	assert_int_equal(second, 2);		/* Status, not Kind */
	assert_int_equal(st->desc, 1);		/* worst first */
	ui_table_key(u, NULL, 'r');
	assert_int_equal(st->desc, 0);
	/* Past the last that sorts: the view's own order, by its name. */
	for (i = 0; i < d->ncols && st->col != -1; i++)
		ui_table_key(u, NULL, '>');
	assert_int_equal(st->col, -1);
	assert_non_null(strstr(u->message, "worst first"));
	ui_table_key(u, NULL, '<');
	assert_true(st->col >= 0 && (d->sortable >> st->col) & 1);
	/* The queue does not sort, and says why. */
	u->view = UI_VIEW_ALERTS;
	ui_table_key(u, NULL, '>');
	assert_non_null(strstr(u->message, "safety order"));
	free(u);
}

/* The header's mark, after the title, in the space after the column. */
static void
test_title(void **state)
{
	struct ui		*u = calloc(1, sizeof(*u));
	struct ui_table_state	*st;
	char			 buf[64];

	(void)state;
	assert_non_null(u);
	st = ui_table_state(u, UI_VIEW_DRIFT);
	st->col = 1;
	st->desc = 1;
	assert_int_equal(ui_table_title(u, UI_VIEW_DRIFT, 0, "Model", 8, buf,
	    sizeof(buf)), 8);
	assert_string_equal(buf, "Model");
	assert_int_equal(ui_table_title(u, UI_VIEW_DRIFT, 1, "Score", 6, buf,
	    sizeof(buf)), 7);
	assert_string_equal(buf, "Score v");	/* ASCII: a space before */
	assert_int_equal(ui_table_title(u, UI_VIEW_DRIFT, 1, "Band", 4, buf,
	    sizeof(buf)), 5);
	assert_string_equal(buf, "Ban v");	/* never "Bandv" */
	st->desc = 0;
	ui_table_title(u, UI_VIEW_DRIFT, 1, "Version", 4, buf, sizeof(buf));
	assert_string_equal(buf, "Ver ^");	/* cut to the column */
	if (setlocale(LC_ALL, "C.UTF-8") != NULL) {
		u->utf8 = 1;
		ui_table_title(u, UI_VIEW_DRIFT, 1, "p/m\u00b2", 4, buf,
		    sizeof(buf));
		assert_string_equal(buf, "p/m\u00b2\u25b2");
		ui_table_title(u, UI_VIEW_DRIFT, 1, "p/m\u00b2", 3, buf,
		    sizeof(buf));
		assert_string_equal(buf, "p/m\u25b2");	/* a whole char */
	}
	free(u);
}

/* The selection stays on its item when the order changes. */
static void
test_keep(void **state)
{
	struct ui	*u = calloc(1, sizeof(*u));
	const char	*a[] = { "proj", "amp", "led" };
	const char	*b[] = { "led", "proj", "amp" };
	const char	*c[] = { "led", "proj" };

	(void)state;
	assert_non_null(u);
	u->view = UI_VIEW_EQUIPMENT;
	ui_table_keep(u, a, 3);
	u->table_sel = 1;			/* the keys: down to amp */
	ui_table_moved(u);
	ui_table_keep(u, b, 3);			/* sorted: amp is last */
	assert_int_equal(u->table_sel, 2);
	assert_string_equal(u->table_item, "amp");
	ui_table_keep(u, c, 2);			/* amp filtered out */
	assert_int_equal(u->table_sel, 1);	/* at its place, clamped */
	assert_string_equal(u->table_item, "proj");
	ui_table_keep(u, a, 3);
	assert_int_equal(u->table_sel, 0);	/* proj, wherever it is */
	free(u);
}

/*
 * The worst zones (ui-draw.c's ui_zone_worst, for the overview's tiles
 * and the venue list): worst band first, then densest, ties in the
 * venue's order, zones without a sample left out, at most max; without
 * sorting them all.
 */
static void
test_worst(void **state)
{
	static const struct {
		char	band;
		double	density;
		int	sample;
	} in[] = {
		{ 'B', 0.87, 1 }, { 'C', 0.44, 1 }, { 'D', 1.55, 1 },
		{ 'C', 0.45, 1 }, { 0, 0, 0 }, { 'D', 1.55, 1 }, { 'F', 5.4, 1 },
	};
	struct store_zone	 zs[sizeof(in) / sizeof(in[0])];
	struct store_venue	 v;
	const struct store_zone	*z[8];
	unsigned		 i, n;
	char			 got[16];

	(void)state;
	memset(zs, 0, sizeof(zs));
	memset(&v, 0, sizeof(v));
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		zs[i].has_sample = in[i].sample;
		zs[i].last.band = in[i].band;
		zs[i].last.density = in[i].density;
	}
	v.zones = zs;
	v.nzones = sizeof(in) / sizeof(in[0]);
	n = ui_zone_worst(&v, z, 4);
	for (i = 0; i < n; i++)
		got[i] = (char)('0' + (z[i] - zs));
	got[n] = '\0';
	assert_string_equal(got, "6253");
	n = ui_zone_worst(&v, z, 8);	/* all with a sample */
	for (i = 0; i < n; i++)
		got[i] = (char)('0' + (z[i] - zs));
	got[n] = '\0';
	assert_string_equal(got, "625310");
	assert_int_equal(ui_zone_worst(&v, z, 1), 1);
	assert_ptr_equal(z[0], &zs[6]);
	assert_int_equal(ui_zone_worst(&v, z, 0), 0);
	v.nzones = 0;
	assert_int_equal(ui_zone_worst(&v, z, 3), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort_text),
		cmocka_unit_test(test_sort_number),
		cmocka_unit_test(test_sort_many),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_keep),
		cmocka_unit_test(test_worst),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
