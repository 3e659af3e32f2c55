/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-outline.c: the heat map's zone outlines (ui/ui-outline.c). Edges
 * are placed in proportion and kept two cells apart so every zone keeps a
 * cell inside; an edge two zones share is one line; where lines meet the
 * glyph joins them, heavy where the selected zone's outline runs; ASCII
 * keeps the outlines apart from the fills.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ui/ui-priv.h"

/* A venue of gw x gh with n zones given as x, y, w, h. */
static struct store_venue *
venue(int gw, int gh, int n, const int (*rect)[4])
{
	struct store_venue	*v = calloc(1, sizeof(*v));
	int			 i;

	assert_non_null(v);
	v->grid_w = (uint16_t)gw;
	v->grid_h = (uint16_t)gh;
	v->zones = calloc((size_t)n, sizeof(*v->zones));
	assert_non_null(v->zones);
	v->nzones = (uint16_t)n;
	for (i = 0; i < n; i++) {
		v->zones[i].def.x = (uint16_t)rect[i][0];
		v->zones[i].def.y = (uint16_t)rect[i][1];
		v->zones[i].def.w = (uint16_t)rect[i][2];
		v->zones[i].def.h = (uint16_t)rect[i][3];
	}
	return (v);
}

/* Free a venue of venue(). */
static void
venue_free(struct store_venue *v)
{
	free(v->zones);
	free(v);
}

/* The festival's layout (conf/festival.conf), 60 x 20. */
static const int festival[][4] = {
	{ 0, 0, 20, 6 }, { 20, 0, 20, 6 }, { 40, 0, 20, 6 },
	{ 0, 6, 10, 10 }, { 10, 6, 40, 10 }, { 50, 6, 10, 10 },
	{ 0, 16, 30, 4 }, { 30, 16, 30, 4 },
};

/* Edges go where the grid says, the ends on the canvas's ends. */
static void
test_axis_proportional(void **state)
{
	struct store_venue	*v = venue(60, 20, 8, festival);
	struct ui_outline	 o;

	(void)state;
	assert_int_equal(ui_outline_init(&o, v, 61, 21), 0);
	assert_int_equal(o.x.n, 7);	/* 0 10 20 30 40 50 60 */
	assert_int_equal(ui_outline_pos(&o.x, 0), 0);
	assert_int_equal(ui_outline_pos(&o.x, 20), 20);
	assert_int_equal(ui_outline_pos(&o.x, 60), 60);
	assert_int_equal(o.y.n, 4);	/* 0 6 16 20 */
	assert_int_equal(ui_outline_pos(&o.y, 16), 16);
	assert_int_equal(ui_outline_pos(&o.y, 20), 20);
	ui_outline_free(&o);
	venue_free(v);
}

/* A thin zone keeps a cell inside: its edges are two apart. */
static void
test_axis_min_gap(void **state)
{
	static const int	thin[][4] = {	/* the arena's gate queue */
		{ 0, 0, 40, 18 }, { 0, 18, 40, 2 },
	};
	struct store_venue	*v = venue(40, 20, 2, thin);
	struct ui_outline	 o;

	(void)state;
	assert_int_equal(ui_outline_init(&o, v, 42, 8), 0);
	/* 18/20 of 7 is 6: the gate would have no inside. */
	assert_int_equal(ui_outline_pos(&o.y, 20), 7);
	assert_int_equal(ui_outline_pos(&o.y, 18), 5);
	ui_outline_free(&o);
	venue_free(v);
}

/*
 * The flat layout of a small map (an overview tile's): the festival in 3
 * rows and 27 columns has no room for outlines that leave every zone an
 * inside (its row of three zones would have none), but edges placed a
 * cell apart on the boundaries between cells (0 .. cols) give every zone
 * a row and columns of its own.
 */
static void
test_place_flat(void **state)
{
	struct store_venue	*v = venue(60, 20, 8, festival);
	struct ui_outline	 o;
	int			 i, w, h;

	(void)state;
	assert_int_equal(ui_outline_place(&o, v, 29, 5, 2), 0);
	assert_true(ui_outline_pos(&o.y, 6) - ui_outline_pos(&o.y, 0) < 2);
	assert_null(o.cell);	/* placed only */
	assert_int_equal(ui_outline_place(&o, v, 28, 4, 1), 0);
	assert_int_equal(ui_outline_pos(&o.y, 0), 0);
	assert_int_equal(ui_outline_pos(&o.y, 20), 3);
	assert_int_equal(ui_outline_pos(&o.x, 60), 27);
	for (i = 0; i < 8; i++) {
		w = ui_outline_pos(&o.x, festival[i][0] + festival[i][2]) -
		    ui_outline_pos(&o.x, festival[i][0]);
		h = ui_outline_pos(&o.y, festival[i][1] + festival[i][3]) -
		    ui_outline_pos(&o.y, festival[i][1]);
		assert_true(w >= 1);
		assert_int_equal(h, 1);
	}
	venue_free(v);
}

/* More edges than room: the positions still rise, ends in place. */
static void
test_axis_crowded(void **state)
{
	int			 r[30][4], i;
	struct store_venue	*v;
	struct ui_outline	 o;

	(void)state;
	for (i = 0; i < 30; i++) {
		r[i][0] = i;
		r[i][1] = 0;
		r[i][2] = 1;
		r[i][3] = 1;
	}
	v = venue(30, 1, 30, (const int (*)[4])r);
	assert_int_equal(ui_outline_init(&o, v, 40, 3), 0);
	assert_int_equal(o.x.pos[0], 0);
	assert_int_equal(o.x.pos[o.x.n - 1], 39);
	for (i = 1; i < o.x.n; i++)
		assert_true(o.x.pos[i] >= o.x.pos[i - 1]);
	ui_outline_free(&o);
	venue_free(v);
}

/* Back from a canvas position to the grid: a cell inside maps inside. */
static void
test_axis_grid(void **state)
{
	struct store_venue	*v = venue(60, 20, 8, festival);
	struct ui_outline	 o;
	double			 g;

	(void)state;
	assert_int_equal(ui_outline_init(&o, v, 31, 11), 0);
	g = ui_outline_grid(&o.x, ui_outline_pos(&o.x, 20) + 1.5);
	assert_true(g > 20 && g < 30);
	g = ui_outline_grid(&o.x, ui_outline_pos(&o.x, 20) - 0.5);
	assert_true(g > 10 && g < 20);
	ui_outline_free(&o);
	venue_free(v);
}

/* Two zones side by side: one line between them, tees where it ends. */
static void
test_rect_shared(void **state)
{
	struct ui_outline	 o;
	static const int	 two[][4] = { { 0, 0, 2, 2 }, { 2, 0, 2, 2 } };
	struct store_venue	*v = venue(4, 2, 2, two);

	(void)state;
	assert_int_equal(ui_outline_init(&o, v, 9, 5), 0);
	ui_outline_rect(&o, 0, 0, 8, 4, 1);
	ui_outline_rect(&o, 0, 0, 4, 4, 1);
	ui_outline_rect(&o, 4, 0, 8, 4, 1);
	assert_string_equal(ui_outline_glyph(o.cell[0], 1), "\u250c");
	assert_string_equal(ui_outline_glyph(o.cell[4], 1), "\u252c");
	assert_string_equal(ui_outline_glyph(o.cell[2 * 9 + 4], 1), "\u2502");
	assert_string_equal(ui_outline_glyph(o.cell[4 * 9 + 4], 1), "\u2534");
	assert_string_equal(ui_outline_glyph(o.cell[2 * 9 + 2], 1), " ");
	/* The left zone selected: its edges heavy, the shared one too. */
	ui_outline_rect(&o, 0, 0, 4, 4, 2);
	assert_string_equal(ui_outline_glyph(o.cell[0], 1), "\u250f");
	assert_string_equal(ui_outline_glyph(o.cell[4], 1), "\u2531");
	assert_string_equal(ui_outline_glyph(o.cell[2 * 9 + 4], 1), "\u2503");
	assert_string_equal(ui_outline_glyph(o.cell[2], 1), "\u2501");
	assert_string_equal(ui_outline_glyph(o.cell[6], 1), "\u2500");
	/* ASCII: light - | +, heavy = #. */
	assert_string_equal(ui_outline_glyph(o.cell[6], 0), "-");
	assert_string_equal(ui_outline_glyph(o.cell[2], 0), "=");
	assert_string_equal(ui_outline_glyph(o.cell[2 * 9 + 4], 0), "#");
	assert_string_equal(ui_outline_glyph(o.cell[2 * 9 + 8], 0), "|");
	assert_string_equal(ui_outline_glyph(o.cell[4 * 9 + 8], 0), "+");
	ui_outline_free(&o);
	venue_free(v);
}

/* Every mix of weights has a glyph; none is ASCII's fill. */
static void
test_glyphs(void **state)
{
	static const char	*fills = " .:*%@";
	unsigned		 c, d, w, seen;
	const char		*g;

	(void)state;
	for (c = 1; c < 256; c++) {
		for (seen = 0, d = 0; d < 8; d += 2) {
			w = (c >> d) & 3;
			seen |= w == 3;
		}
		if (seen)
			continue;
		g = ui_outline_glyph(c, 1);
		assert_true((unsigned char)g[0] == 0xe2);	/* U+25xx */
		g = ui_outline_glyph(c, 0);
		assert_int_equal(strlen(g), 1);
		assert_null(strchr(fills, g[0]));
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_axis_proportional),
		cmocka_unit_test(test_axis_min_gap),
		cmocka_unit_test(test_axis_crowded),
		cmocka_unit_test(test_place_flat),
		cmocka_unit_test(test_axis_grid),
		cmocka_unit_test(test_rect_shared),
		cmocka_unit_test(test_glyphs),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
