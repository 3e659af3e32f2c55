/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-limits.c: the edges of what a console watches and a venue has
 * (PROTOCOL.md 7, foh.conf(5), fohd.conf(5)): STORE_VENUES_MAX venues in
 * a store and in foh.conf, one more refused with words that say so;
 * FOHP_ZONES_MAX zones in fohd.conf, in a layout with the longest ids and
 * names (a stream message: within FOHP_MSG_MAX) and in a snapshot with
 * every zone's history (within FOHP_SNAPSHOT_MAX), both decoded and taken
 * by a store; one zone more refused naming the field. The decoder's own
 * refusal of FOHP_ZONES_MAX + 1 is test-proto-refuse's "too many zones".
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

#include "console/cconf.h"
#include "core/store.h"
#include "core/vconf.h"

/* Append printf-style text to the malloc'd buffer *b (grown, the test's). */
static void __attribute__((format(printf, 2, 3)))
tl_add(char **b, const char *fmt, ...)
{
	va_list	ap;
	size_t	len = *b != NULL ? strlen(*b) : 0;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	*b = realloc(*b, len + (size_t)n + 1);
	assert_non_null(*b);
	va_start(ap, fmt);
	vsnprintf(*b + len, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

/* A store holds STORE_VENUES_MAX venues and refuses the next. */
static void
tl_store_venues(void **state)
{
	struct store	*s = store_new();
	char		 id[FOHP_ID_MAX];
	unsigned	 i;

	(void)state;
	assert_non_null(s);
	for (i = 0; i < STORE_VENUES_MAX; i++) {
		snprintf(id, sizeof(id), "v%04u", i);
		assert_non_null(store_venue_add(s, id));
	}
	assert_int_equal(s->nvenues, STORE_VENUES_MAX);
	assert_null(store_venue_add(s, "one-more"));
	/* An id it has is still found, not refused. */
	assert_non_null(store_venue_add(s, "v0007"));
	store_free(s);
}

/* foh.conf: STORE_VENUES_MAX venues load; the next is refused, said so. */
static void
tl_cconf_venues(void **state)
{
	struct cconf	*c = malloc(sizeof(*c));
	char		*text = NULL, err[512], want[128];
	unsigned	 i;

	(void)state;
	assert_non_null(c);
	for (i = 0; i < STORE_VENUES_MAX; i++)
		tl_add(&text, "[venue v%04u]\nstream = tcp://127.0.0.1:%u\n", i,
		    7601 + 2 * i);
	cconf_defaults(c);
	assert_int_equal(cconf_load_string(c, "foh.conf", text, err,
	    sizeof(err)), 0);
	assert_int_equal(c->nvenues, STORE_VENUES_MAX);
	tl_add(&text, "[venue over]\nstream = tcp://127.0.0.1:9999\n");
	cconf_defaults(c);
	assert_int_equal(cconf_load_string(c, "foh.conf", text, err,
	    sizeof(err)), -1);
	snprintf(want, sizeof(want), "foh.conf:%u: more than %d venues",
	    2 * STORE_VENUES_MAX + 1, STORE_VENUES_MAX);
	if (strstr(err, want) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", err, want);
	free(text);
	free(c);
}

/* fohd.conf: FOHP_ZONES_MAX zones load; the next is refused, said so. */
static void
tl_vconf_zones(void **state)
{
	struct vconf	*c = malloc(sizeof(*c));
	char		*text = NULL, err[512], want[128];
	unsigned	 i;

	(void)state;
	assert_non_null(c);
	tl_add(&text, "[venue]\nid = big\ngrid = 256x256\n");
	for (i = 0; i < FOHP_ZONES_MAX; i++)
		tl_add(&text, "[zone z%03u]\nrect = %u,%u,1,1\narea_m2 = 10\n",
		    i, i % 256, i / 256);
	assert_int_equal(vconf_load_string(c, "fohd.conf", text, err,
	    sizeof(err)), 0);
	assert_int_equal(c->layout.nzones, FOHP_ZONES_MAX);
	tl_add(&text, "[zone over]\nrect = 0,200,1,1\narea_m2 = 10\n");
	assert_int_equal(vconf_load_string(c, "fohd.conf", text, err,
	    sizeof(err)), -1);
	snprintf(want, sizeof(want), "more than %d zones", FOHP_ZONES_MAX);
	if (strstr(err, want) == NULL || strstr(err, "fohd.conf:") == NULL)
		fail_msg("error \"%s\" lacks \"fohd.conf:LINE\" or \"%s\"", err,
		    want);
	free(text);
	free(c);
}

/* Fill m with a layout of FOHP_ZONES_MAX zones, the longest ids, names. */
static void
tl_layout(struct fohp_msg *m)
{
	struct fohp_layout	*l = &m->u.layout;
	unsigned		 i;

	memset(m, 0, sizeof(*m));
	m->v = FOHP_VERSION;
	memset(m->venue, 'v', FOHP_ID_MAX - 1);
	m->seq = 1;
	m->epoch = m->ts_ms = 1700000000000ULL;
	m->kind = FOHP_LAYOUT;
	memset(l->name, 'n', FOHP_NAME_MAX - 1);
	l->grid_w = l->grid_h = FOHP_GRID_MAX;
	l->nzones = FOHP_ZONES_MAX;
	for (i = 0; i < FOHP_ZONES_MAX; i++) {
		struct fohp_zone_def	*z = &l->zones[i];

		memset(z->id, 'z', FOHP_ID_MAX - 1);
		snprintf(z->id, 5, "%04u", i);
		z->id[4] = 'z';
		memset(z->name, 'n', FOHP_NAME_MAX - 1);
		z->x = (uint16_t)(i % 250);
		z->y = (uint16_t)(i / 250);
		z->w = z->h = 6;
		z->area_m2 = 1234.5678;
		z->kind = FOHP_ZK_STANDING;
		z->capacity = FOHP_COUNT_MAX;
	}
}

/*
 * The largest layout is a stream message; a snapshot of it with every
 * zone's whole history fits a snapshot answer; a store takes both and
 * holds exactly the layout's zones.
 */
static void
tl_zones_round_trip(void **state)
{
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	struct fohp_msg		*out = calloc(1, sizeof(*out));
	struct fohp_decoder	 dec;
	struct fohp_err		 err;
	struct store		*s = store_new();
	struct store_venue	*v;
	msgpack_sbuffer		 sb;
	unsigned		 i, j;

	(void)state;
	assert_non_null(m);
	assert_non_null(out);
	assert_non_null(s);
	assert_int_equal(fohp_decoder_init(&dec), FOHP_OK);
	msgpack_sbuffer_init(&sb);

	tl_layout(m);
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_OK);
	print_message("layout of %d zones: %zu bytes\n", FOHP_ZONES_MAX,
	    sb.size);
	assert_true(sb.size <= FOHP_MSG_MAX);
	assert_int_equal(fohp_decode(&dec, sb.data, sb.size, 1, out, &err),
	    FOHP_OK);
	assert_int_equal(out->u.layout.nzones, FOHP_ZONES_MAX);
	assert_string_equal(out->u.layout.zones[FOHP_ZONES_MAX - 1].id,
	    m->u.layout.zones[FOHP_ZONES_MAX - 1].id);

	/* The snapshot: that layout, each zone a sample and 60 values. */
	m->kind = FOHP_SNAPSHOT;
	m->seq = 7;
	out->u.layout = m->u.layout;
	memset(&m->u.snapshot, 0, sizeof(m->u.snapshot));
	m->u.snapshot.layout = out->u.layout;
	snprintf(m->u.snapshot.hello.agent, FOHP_NAME_MAX, "test");
	m->u.snapshot.hello.hb_ms = 1000;
	m->u.snapshot.nzones = FOHP_ZONES_MAX;
	for (i = 0; i < FOHP_ZONES_MAX; i++) {
		struct fohp_zone *z = &m->u.snapshot.zones[i];

		memcpy(z->zone, m->u.snapshot.layout.zones[i].id, FOHP_ID_MAX);
		z->count = 1000 + i;
		z->density = z->count / 1234.5678;
		z->band = 'B';
		z->t_ms = m->ts_ms;
		z->nhist = FOHP_HIST_MAX;
		for (j = 0; j < FOHP_HIST_MAX; j++)
			z->hist[j] = 0.123f * (float)j + 0.001f * (float)i;
		z->hist_step_ms = 5000;
	}
	msgpack_sbuffer_clear(&sb);
	assert_int_equal(fohp_encode(&sb, m, 0, &err), FOHP_OK);
	print_message("snapshot of %d zones with history: %zu bytes\n",
	    FOHP_ZONES_MAX, sb.size);
	assert_true(sb.size <= FOHP_SNAPSHOT_MAX);
	assert_int_equal(fohp_decode(&dec, sb.data, sb.size, 0, out, &err),
	    FOHP_OK);
	assert_int_equal(out->u.snapshot.nzones, FOHP_ZONES_MAX);

	/* A store takes it: every zone, its history, no more room. */
	v = store_venue_add(s, out->venue);
	assert_non_null(v);
	store_apply(s, v, out, 1000);
	assert_int_equal(v->nzones, FOHP_ZONES_MAX);
	assert_int_equal(v->zones_cap, FOHP_ZONES_MAX);
	assert_int_equal(v->zones[FOHP_ZONES_MAX - 1].last.count,
	    1000 + FOHP_ZONES_MAX - 1);
	assert_int_equal(v->zones[FOHP_ZONES_MAX - 1].hist.len,
	    FOHP_HIST_MAX);

	/* One zone more does not encode, and the error names the field. */
	tl_layout(m);
	m->u.layout.nzones = FOHP_ZONES_MAX + 1;
	msgpack_sbuffer_clear(&sb);
	assert_int_equal(fohp_encode(&sb, m, 1, &err), FOHP_ETOOLONG);
	assert_string_equal(err.field, "zones");

	store_free(s);
	msgpack_sbuffer_destroy(&sb);
	fohp_decoder_fini(&dec);
	free(m);
	free(out);
}

/* A venue's memory follows what it has: ten zones hold ten. */
static void
tl_store_small(void **state)
{
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	struct store		*s = store_new();
	struct store_venue	*v;

	(void)state;
	assert_non_null(m);
	assert_non_null(s);
	tl_layout(m);
	m->u.layout.nzones = 10;
	v = store_venue_add(s, m->venue);
	assert_non_null(v);
	assert_null(v->zones);
	assert_null(v->equip);
	store_apply(s, v, m, 1000);
	assert_int_equal(v->nzones, 10);
	assert_int_equal(v->zones_cap, 10);
	/* A layout of 3 keeps the room; one of 12 grows it. */
	m->seq = 2;
	m->u.layout.nzones = 3;
	store_apply(s, v, m, 1000);
	assert_int_equal(v->nzones, 3);
	m->seq = 3;
	m->u.layout.nzones = 12;
	store_apply(s, v, m, 1000);
	assert_int_equal(v->nzones, 12);
	assert_int_equal(v->zones_cap, 12);
	store_free(s);
	free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tl_store_venues),
		cmocka_unit_test(tl_cconf_venues),
		cmocka_unit_test(tl_vconf_zones),
		cmocka_unit_test(tl_zones_round_trip),
		cmocka_unit_test(tl_store_small),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
