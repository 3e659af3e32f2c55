/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-bell.c: when the console rings (src/core/bell.c), as tables of named
 * sequences: each step is an alert event (or a snapshot) applied to a real
 * store through store_apply, then a bell_scan, and says how many alerts
 * must need the bell after it.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/bell.h"
#include "core/store.h"

#define E1	1700000000000ULL

enum step_kind { ALERT, SNAPSHOT, RESTART, END };

/*
 * One step: an alert event of venue 0 or 1, or a snapshot of venue 0, or
 * an alert event from a restarted agent (a new epoch; its ids start
 * again), as the last step.
 */
struct step {
	enum step_kind		 kind;
	unsigned		 venue;
	uint64_t		 id;
	enum fohp_severity	 sev;
	enum fohp_alert_state	 st;
	const char		*subject;
	enum fohp_rule_kind	 rkind;
	unsigned		 want;		/* bell_scan's answer */
};

struct bell_case {
	const char	*name;
	enum bell_mode	 mode;
	struct step	 steps[12];
};

#define C	FOHP_SEV_CRITICAL
#define W	FOHP_SEV_WARNING
#define I	FOHP_SEV_INFO
#define FIRE	FOHP_AS_FIRING
#define ACK	FOHP_AS_ACKED
#define SHELF	FOHP_AS_SHELVED
#define RES	FOHP_AS_RESOLVED
#define FLAP	FOHP_AS_FLAPPING
#define TH	FOHP_RK_THRESHOLD
#define EXT	FOHP_RK_EXTERNAL

static const struct bell_case bell_cases[] = {
	{ "critical: once per alert, whatever it does after", BELL_CRITICAL, {
	    { ALERT, 0, 1, W, FIRE, "dance", TH, 0 },
	    { ALERT, 0, 2, C, FIRE, "bar", TH, 1 },
	    { ALERT, 0, 2, C, FIRE, "bar", TH, 0 },	/* a repeat */
	    { ALERT, 0, 2, C, ACK, "bar", TH, 0 },
	    { ALERT, 0, 2, C, FIRE, "bar", TH, 1 },	/* ack expired */
	    { ALERT, 0, 2, C, FLAP, "bar", TH, 0 },
	    { ALERT, 0, 2, C, FIRE, "bar", TH, 0 },	/* re-fire */
	    { ALERT, 0, 3, C, FIRE, "door", TH, 1 },	/* a new one */
	    { ALERT, 1, 3, C, FIRE, "door", TH, 1 },	/* same id, venue 2 */
	    { .kind = END } } },
	{ "critical: an escalation to critical rings", BELL_CRITICAL, {
	    { ALERT, 0, 1, W, FIRE, "dance", TH, 0 },
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 1 },
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 0 },
	    { .kind = END } } },
	{ "all: a warning rings, and again as it escalates", BELL_ALL, {
	    { ALERT, 0, 1, I, FIRE, "dance", TH, 1 },
	    { ALERT, 0, 1, W, FIRE, "dance", TH, 0 },
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 1 },
	    { ALERT, 0, 1, W, FIRE, "dance", TH, 0 },
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 0 },
	    { .kind = END } } },
	{ "all: an open critical inhibits its subject's warnings", BELL_ALL, {
	    { ALERT, 0, 1, C, ACK, "dance", TH, 0 },	/* open, acked */
	    { ALERT, 0, 2, W, FIRE, "dance", TH, 0 },	/* inhibited */
	    { ALERT, 0, 3, W, FIRE, "bar", TH, 1 },	/* another subject */
	    { ALERT, 0, 4, W, FIRE, "dance", EXT, 1 },	/* external */
	    { ALERT, 1, 5, W, FIRE, "dance", TH, 1 },	/* another venue */
	    { ALERT, 0, 1, C, RES, "dance", TH, 1 },	/* 2 is not now */
	    { ALERT, 0, 2, W, FIRE, "dance", TH, 0 },
	    { .kind = END } } },
	{ "shelved, acked: not until they need a person", BELL_CRITICAL, {
	    { ALERT, 0, 1, C, SHELF, "dance", TH, 0 },
	    { ALERT, 0, 2, C, ACK, "bar", TH, 0 },
	    { ALERT, 0, 3, C, RES, "door", TH, 0 },
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 1 },	/* unshelved */
	    { ALERT, 0, 2, C, FLAP, "bar", TH, 1 },
	    { .kind = END } } },
	{ "a reconnect's snapshot of it does not ring", BELL_CRITICAL, {
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 1 },
	    { SNAPSHOT, 0, 1, C, FIRE, "dance", TH, 0 },
	    { SNAPSHOT, 0, 2, C, FIRE, "bar", TH, 1 },	/* 1 gone, 2 new */
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 1 },	/* forgotten */
	    { .kind = END } } },
	{ "an ack that ends rings again; a withdrawn one too", BELL_CRITICAL, {
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 1 },
	    { ALERT, 0, 1, C, ACK, "dance", TH, 0 },
	    { ALERT, 0, 1, C, ACK, "dance", TH, 0 },	/* a repeat */
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 1 },	/* ack ended */
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 0 },
	    { ALERT, 0, 1, C, SHELF, "dance", TH, 0 },
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 0 },	/* shelf ended:
							   rung before */
	    { .kind = END } } },
	{ "a restarted agent's #1 is a new alert", BELL_CRITICAL, {
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 1 },
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 0 },
	    { RESTART, 0, 1, C, FIRE, "bar", TH, 1 },
	    { .kind = END } } },
	{ "no: never", BELL_NO, {
	    { ALERT, 0, 1, C, FIRE, "dance", TH, 0 },
	    { ALERT, 0, 2, W, FIRE, "bar", TH, 0 },
	    { .kind = END } } },
};

/* Apply one step to s. */
static void
apply(struct store *s, struct store_venue **v, uint64_t *seq,
    const struct step *st)
{
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	struct fohp_alert	*a;
	struct fohp_snapshot	*sn;

	assert_non_null(m);
	m->v = FOHP_VERSION;
	strcpy(m->venue, st->venue == 0 ? "arena" : "club");
	m->epoch = st->kind == RESTART ? E1 + 1 : E1;
	if (st->kind == RESTART)
		seq[st->venue] = 0;
	m->seq = ++seq[st->venue];
	if (st->kind == SNAPSHOT) {
		m->kind = FOHP_SNAPSHOT;
		sn = &m->u.snapshot;
		sn->layout.grid_w = sn->layout.grid_h = 1;
		sn->nopen = 1;
		sn->open[0] = st->id;
		sn->nalerts = 1;
		a = &sn->alerts[0];
	} else {
		m->kind = FOHP_ALERT;
		a = &m->u.alert;
	}
	a->id = st->id;
	strcpy(a->rule, "r");
	strcpy(a->subject, st->subject);
	a->severity = st->sev;
	a->state = st->st;
	a->rkind = st->rkind;
	store_apply(s, v[st->venue], m, seq[st->venue]);
	free(m);
}

/* Each case, step by step. */
static void
test_bell_cases(void **state)
{
	struct bell	*b = calloc(1, sizeof(*b));
	size_t		 i, j;
	unsigned	 got;

	(void)state;
	assert_non_null(b);
	for (i = 0; i < sizeof(bell_cases) / sizeof(bell_cases[0]); i++) {
		const struct bell_case	*c = &bell_cases[i];
		struct store		*s = store_new();
		struct store_venue	*v[2];
		uint64_t		 seq[2] = { 0, 0 };

		v[0] = store_venue_add(s, "arena");
		v[1] = store_venue_add(s, "club");
		bell_init(b, c->mode);
		for (j = 0; c->steps[j].kind != END; j++) {
			apply(s, v, seq, &c->steps[j]);
			got = bell_scan(b, s);
			if (got != c->steps[j].want)
				fail_msg("%s: step %zu: %u to ring, want %u",
				    c->name, j + 1, got, c->steps[j].want);
		}
		/* What it remembers is what the store holds (no: nothing). */
		assert_int_equal(b->v[0].n, c->mode == BELL_NO ? 0 :
		    v[0]->nalerts);
		assert_int_equal(b->v[1].n, c->mode == BELL_NO ? 0 :
		    v[1]->nalerts);
		bell_fini(b);
		store_free(s);
	}
	free(b);
}

/* Modes by name: exactly no, critical, all. */
static void
test_bell_mode_parse(void **state)
{
	static const char *const bad[] = { "", "No", "yes", "critical ",
	    "crit", "all\n", "1" };
	enum bell_mode	m;
	size_t		i;

	(void)state;
	assert_int_equal(bell_mode_parse("no", &m), 0);
	assert_int_equal(m, BELL_NO);
	assert_int_equal(bell_mode_parse("critical", &m), 0);
	assert_int_equal(m, BELL_CRITICAL);
	assert_int_equal(bell_mode_parse("all", &m), 0);
	assert_int_equal(m, BELL_ALL);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(bell_mode_parse(bad[i], &m), -1);
}

/* Many alerts at once: one scan, all counted, and none twice. */
static void
test_bell_many(void **state)
{
	struct bell		*b = calloc(1, sizeof(*b));
	struct store		*s = store_new();
	struct store_venue	*v[2];
	struct step		 st = { ALERT, 0, 0, C, FIRE, "z", TH, 0 };
	uint64_t		 seq[2] = { 0, 0 };
	unsigned		 i;

	(void)state;
	v[0] = store_venue_add(s, "arena");
	v[1] = store_venue_add(s, "club");
	bell_init(b, BELL_CRITICAL);
	for (i = 0; i < 3000; i++) {
		st.id = 3000 - i;	/* not in id order */
		apply(s, v, seq, &st);
	}
	assert_int_equal(bell_scan(b, s), 3000);
	assert_int_equal(bell_scan(b, s), 0);
	st.id = 1500;
	apply(s, v, seq, &st);
	assert_int_equal(bell_scan(b, s), 0);
	st.id = 3001;
	apply(s, v, seq, &st);
	assert_int_equal(bell_scan(b, s), 1);
	assert_int_equal(b->rings, 2);
	bell_fini(b);
	store_free(s);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bell_cases),
		cmocka_unit_test(test_bell_mode_parse),
		cmocka_unit_test(test_bell_many),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
