/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-store.c: the console's model. Sequence bookkeeping is a table of
 * named scripts: each feeds messages (epoch, seq, kind) and states what the
 * store must then hold.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/store.h"

#define E1	1700000000000ULL
#define E2	1700000099000ULL

/* One step of a script: a message to apply. */
struct step {
	uint64_t	epoch;
	uint64_t	seq;
	enum fohp_kind	kind;	/* FOHP_ZONE: zone "a" with count = seq */
};

struct seq_case {
	const char	*name;
	struct step	 steps[8];
	uint64_t	 last_seq;
	uint64_t	 gaps, missed, covered, restarts;
	int		 want_snapshot;
	uint32_t	 count_a;	/* zone a's count at the end */
};

static const struct seq_case seq_cases[] = {
	{ "in order", {
	    { E1, 1, FOHP_LAYOUT }, { E1, 2, FOHP_ZONE }, { E1, 3, FOHP_ZONE },
	    { E1, 4, FOHP_HEARTBEAT } },
	  4, 0, 0, 0, 0, 1, 3 },
	{ "gap counts missed and wants a snapshot", {
	    { E1, 1, FOHP_LAYOUT }, { E1, 2, FOHP_ZONE }, { E1, 6, FOHP_ZONE } },
	  6, 1, 3, 0, 0, 1, 6 },
	{ "old and duplicate messages are skipped", {
	    { E1, 1, FOHP_LAYOUT }, { E1, 5, FOHP_ZONE }, { E1, 5, FOHP_ZONE },
	    { E1, 4, FOHP_ZONE } },
	  5, 1, 3, 2, 0, 1, 5 },
	{ "new epoch restarts the sequence", {
	    { E1, 1, FOHP_LAYOUT }, { E1, 9, FOHP_ZONE }, { E2, 1, FOHP_LAYOUT },
	    { E2, 2, FOHP_ZONE } },
	  2, 1, 7, 0, 1, 1, 2 },
	{ "first contact mid-stream", {
	    { E1, 40, FOHP_LAYOUT }, { E1, 41, FOHP_ZONE } },
	  41, 0, 0, 0, 0, 1, 41 },
	/* PROTOCOL.md 10: counted and skipped, but it was published. */
	{ "an unknown kind takes its seq: no gap", {
	    { E1, 1, FOHP_LAYOUT }, { E1, 2, FOHP_UNKNOWN },
	    { E1, 3, FOHP_UNKNOWN }, { E1, 4, FOHP_ZONE } },
	  4, 0, 0, 0, 0, 1, 4 },
};

/* Build the message for a step into m. */
static void
step_msg(const struct step *st, struct fohp_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->v = FOHP_VERSION;
	strcpy(m->venue, "arena");
	m->epoch = st->epoch;
	m->seq = st->seq;
	m->ts_ms = st->epoch + st->seq;
	m->kind = st->kind;
	switch (st->kind) {
	case FOHP_LAYOUT:
		strcpy(m->u.layout.name, "City Arena");
		m->u.layout.grid_w = 10;
		m->u.layout.grid_h = 10;
		m->u.layout.nzones = 2;
		strcpy(m->u.layout.zones[0].id, "a");
		strcpy(m->u.layout.zones[1].id, "b");
		m->u.layout.zones[0].w = m->u.layout.zones[0].h = 5;
		m->u.layout.zones[1].w = m->u.layout.zones[1].h = 5;
		m->u.layout.zones[0].area_m2 = 100;
		m->u.layout.zones[1].area_m2 = 100;
		break;
	case FOHP_ZONE:
		strcpy(m->u.zone.zone, "a");
		m->u.zone.count = (uint32_t)st->seq;
		m->u.zone.density = st->seq / 100.0;
		m->u.zone.band = 'A';
		break;
	case FOHP_HEARTBEAT:
		strcpy(m->u.hello.agent, "fohd test");
		m->u.hello.hb_ms = 1000;
		break;
	default:
		break;
	}
}

/* Run every sequence script. */
static void
test_store_seq_table(void **state)
{
	struct fohp_msg	*m = malloc(sizeof(*m));
	size_t		 i, j;

	(void)state;
	assert_non_null(m);
	for (i = 0; i < sizeof(seq_cases) / sizeof(seq_cases[0]); i++) {
		const struct seq_case	*c = &seq_cases[i];
		struct store		*s = store_new();
		struct store_venue	*v = store_venue_add(s, "");
		struct store_zone	*z;

		for (j = 0; j < 8 && c->steps[j].epoch != 0; j++) {
			step_msg(&c->steps[j], m);
			store_apply(s, v, m, 1000 + j);
		}
		if (v->last_seq != c->last_seq ||
		    v->stats.gaps != c->gaps ||
		    v->stats.missed != c->missed ||
		    v->stats.covered != c->covered ||
		    v->stats.restarts != c->restarts ||
		    v->want_snapshot != c->want_snapshot)
			fail_msg("%s: last %llu gaps %llu missed %llu covered "
			    "%llu restarts %llu want %d", c->name,
			    (unsigned long long)v->last_seq,
			    (unsigned long long)v->stats.gaps,
			    (unsigned long long)v->stats.missed,
			    (unsigned long long)v->stats.covered,
			    (unsigned long long)v->stats.restarts,
			    v->want_snapshot);
		z = store_zone_find(v, "a");
		assert_non_null(z);
		if (z->last.count != c->count_a)
			fail_msg("%s: zone a count %u, want %u", c->name,
			    z->last.count, c->count_a);
		assert_string_equal(v->id, "arena");
		store_free(s);
	}
	free(m);
}

/* A snapshot older than a stream update does not undo it. */
static void
test_store_snapshot_vs_stream(void **state)
{
	struct fohp_msg		*m = malloc(sizeof(*m));
	struct fohp_snapshot	*sn;
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	struct step		 st;

	(void)state;
	st = (struct step){ E1, 1, FOHP_LAYOUT };
	step_msg(&st, m);
	store_apply(s, v, m, 1);
	st = (struct step){ E1, 12, FOHP_ZONE };	/* gap: wants snapshot */
	step_msg(&st, m);
	assert_true(store_apply(s, v, m, 2) & STORE_WANT_SNAPSHOT);

	/* The answer was taken at seq 11: a=500 is older, b=700 is new. */
	st = (struct step){ E1, 1, FOHP_LAYOUT };
	step_msg(&st, m);
	sn = &m->u.snapshot;
	{
		struct fohp_layout l = m->u.layout;

		memset(sn, 0, sizeof(*sn));
		sn->layout = l;
	}
	m->kind = FOHP_SNAPSHOT;
	m->seq = 11;
	sn->nzones = 2;
	strcpy(sn->zones[0].zone, "a");
	sn->zones[0].count = 500;
	strcpy(sn->zones[1].zone, "b");
	sn->zones[1].count = 700;
	sn->hello.hb_ms = 500;
	v->want_snapshot = 0;
	store_apply(s, v, m, 3);
	assert_int_equal(store_zone_find(v, "a")->last.count, 12);
	assert_int_equal(store_zone_find(v, "b")->last.count, 700);
	assert_int_equal(v->stats.snapshots, 1);
	assert_int_equal(v->last_seq, 12);
	assert_int_equal(v->hb_ms, 500);
	assert_false(v->want_snapshot);
	store_free(s);
	free(m);
}

/* Heartbeats stop: STALE after STORE_STALE_BEATS beats; back to LIVE. */
static void
test_store_stale(void **state)
{
	struct fohp_msg		*m = malloc(sizeof(*m));
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	struct step		 st = { E1, 1, FOHP_HEARTBEAT };
	unsigned		 counts[4];

	(void)state;
	assert_int_equal(v->link, STORE_LINK_CONNECTING);
	step_msg(&st, m);
	store_apply(s, v, m, 10000);
	assert_int_equal(v->link, STORE_LINK_LIVE);
	assert_int_equal(store_tick(s, 10000 + 3000), 0);
	assert_int_equal(v->link, STORE_LINK_LIVE);
	assert_true(store_tick(s, 10000 + 3001) & STORE_DIRTY_VENUES);
	assert_int_equal(v->link, STORE_LINK_STALE);
	store_link_counts(s, counts);
	assert_int_equal(counts[STORE_LINK_STALE], 1);
	st.seq = 2;
	step_msg(&st, m);
	store_apply(s, v, m, 20000);
	assert_int_equal(v->link, STORE_LINK_LIVE);
	store_set_link(s, v, STORE_LINK_OFFLINE);
	assert_int_equal(v->link, STORE_LINK_OFFLINE);
	store_free(s);
	free(m);
}

/* A message for another venue is refused. */
static void
test_store_wrong_venue(void **state)
{
	struct fohp_msg		*m = malloc(sizeof(*m));
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "club");
	struct step		 st = { E1, 1, FOHP_HEARTBEAT };

	(void)state;
	step_msg(&st, m);
	assert_int_equal(store_apply(s, v, m, 1), 0);
	assert_int_equal(v->stats.rejects, 1);
	assert_int_equal(v->stats.msgs, 0);
	assert_ptr_equal(store_venue_add(s, "club"), v);
	assert_ptr_equal(store_venue_find(s, "club"), v);
	assert_null(store_venue_find(s, "arena"));
	store_free(s);
	free(m);
}

/* The history ring keeps the newest STORE_HISTORY densities. */
static void
test_store_history(void **state)
{
	struct fohp_msg		*m = malloc(sizeof(*m));
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	struct store_zone	*z;
	struct step		 st = { E1, 1, FOHP_LAYOUT };
	uint64_t		 i;

	(void)state;
	step_msg(&st, m);
	store_apply(s, v, m, 1);
	for (i = 2; i < 2 + STORE_HISTORY + 10; i++) {
		st = (struct step){ E1, i, FOHP_ZONE };
		step_msg(&st, m);
		store_apply(s, v, m, i);
	}
	z = store_zone_find(v, "a");
	assert_int_equal(z->hist.len, STORE_HISTORY);
	assert_float_equal(store_zone_hist(z, 0), (i - 1) / 100.0, 1e-5);
	assert_float_equal(store_zone_hist(z, STORE_HISTORY - 1),
	    (i - STORE_HISTORY) / 100.0, 1e-5);
	assert_true(isnan(store_zone_hist(z, STORE_HISTORY)));
	/* A new layout that keeps zone a keeps its history. */
	st = (struct step){ E1, i, FOHP_LAYOUT };
	step_msg(&st, m);
	store_apply(s, v, m, i);
	assert_int_equal(store_zone_find(v, "a")->hist.len, STORE_HISTORY);
	assert_int_equal(store_zone_find(v, "b")->hist.len, 0);
	store_free(s);
	free(m);
}

/* Alerts: a new critical one asks for an immediate draw; table is bounded. */
static void
test_store_alerts(void **state)
{
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	unsigned		 flags, i;

	(void)state;
	m->v = 1;
	strcpy(m->venue, "arena");
	m->epoch = E1;
	m->kind = FOHP_ALERT;
	m->seq = 1;
	m->u.alert.id = 1;
	m->u.alert.severity = FOHP_SEV_CRITICAL;
	m->u.alert.state = FOHP_AS_FIRING;
	flags = store_apply(s, v, m, 1);
	assert_true(flags & STORE_DIRTY_CRITICAL);
	m->seq = 2;
	flags = store_apply(s, v, m, 2);	/* repeat: no new draw */
	assert_false(flags & STORE_DIRTY_CRITICAL);
	assert_true(flags & STORE_DIRTY_ALERTS);
	m->u.alert.state = FOHP_AS_RESOLVED;
	m->seq = 3;
	store_apply(s, v, m, 3);
	/* 100 warnings, then a critical: past the old 64, all held. */
	for (i = 2; i <= 101; i++) {
		m->seq = 2 + i;
		m->u.alert.id = i;
		m->u.alert.severity = FOHP_SEV_WARNING;
		m->u.alert.state = FOHP_AS_FIRING;
		assert_true(store_apply(s, v, m, 4) & STORE_DIRTY_ALERTS);
	}
	m->seq++;
	m->u.alert.id = 102;
	m->u.alert.severity = FOHP_SEV_CRITICAL;
	flags = store_apply(s, v, m, 5);
	assert_true(flags & STORE_DIRTY_CRITICAL);
	assert_int_equal(v->nalerts, 102);
	/* Resolved ones are bounded: the oldest resolution goes first. */
	for (i = 0; i < STORE_RESOLVED_KEEP + 5; i++) {
		m->seq++;
		m->u.alert.id = 1000 + i;
		m->u.alert.state = FOHP_AS_RESOLVED;
		m->u.alert.resolved_ms = 1000 + i;
		store_apply(s, v, m, 6);
	}
	assert_int_equal(v->nalerts, 101 + STORE_RESOLVED_KEEP);
	for (i = 0; i < v->nalerts; i++) {
		assert_int_not_equal(v->alerts[i].id, 1);
		assert_true(v->alerts[i].id < 1000 || v->alerts[i].id >= 1005);
	}
	/* Full of firing alerts: a newcomer is counted, not crashed on. */
	m->u.alert.state = FOHP_AS_FIRING;
	for (i = 0; i < STORE_ALERTS_MAX; i++) {
		m->seq++;
		m->u.alert.id = 100000 + i;
		if (!(store_apply(s, v, m, 7) & STORE_DIRTY_ALERTS))
			break;
	}
	assert_int_equal(v->nalerts, STORE_ALERTS_MAX);	/* resolved went */
	assert_int_equal(v->stats.alerts_refused, 1);
	for (i = 0; i < v->nalerts; i++)
		assert_int_equal(v->alerts[i].state, FOHP_AS_FIRING);
	store_free(s);
	free(m);
}

/* An alert message for the store. */
static void
alert_msg(struct fohp_msg *m, uint64_t epoch, uint64_t seq, uint64_t id,
    enum fohp_severity sev, enum fohp_alert_state st)
{
	memset(m, 0, sizeof(*m));
	m->v = FOHP_VERSION;
	strcpy(m->venue, "arena");
	m->epoch = epoch;
	m->seq = seq;
	m->kind = FOHP_ALERT;
	m->u.alert.id = id;
	strcpy(m->u.alert.rule, "r");
	m->u.alert.severity = sev;
	m->u.alert.state = st;
}

/* An empty snapshot message as of seq, for alerts only. */
static struct fohp_snapshot *
snap_msg(struct fohp_msg *m, uint64_t epoch, uint64_t seq)
{
	memset(m, 0, sizeof(*m));
	m->v = FOHP_VERSION;
	strcpy(m->venue, "arena");
	m->epoch = epoch;
	m->seq = seq;
	m->kind = FOHP_SNAPSHOT;
	m->u.snapshot.layout.grid_w = m->u.snapshot.layout.grid_h = 1;
	return (&m->u.snapshot);
}

/* Whether the venue holds alert id. */
static int
holds(const struct store_venue *v, uint64_t id)
{
	unsigned	i;

	for (i = 0; i < v->nalerts; i++) {
		if (v->alerts[i].id == id)
			return (1);
	}
	return (0);
}

/*
 * A snapshot's open list is the truth (PROTOCOL.md 6.8): a ghost (an alert
 * whose resolution was missed) goes; an alert the stream updated after the
 * snapshot stays; open ids without a current map are listed as missing and
 * leave the list when an "alerts" answer brings them.
 */
static void
test_store_snapshot_open(void **state)
{
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	struct fohp_msg		*t = calloc(1, sizeof(*t));
	struct fohp_alert	 got[2];
	struct fohp_snapshot	*sn;
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");

	(void)state;
	alert_msg(m, E1, 1, 7, FOHP_SEV_CRITICAL, FOHP_AS_FIRING);
	store_apply(s, v, m, 1);	/* 7: its resolution will be lost */
	alert_msg(m, E1, 2, 8, FOHP_SEV_WARNING, FOHP_AS_FIRING);
	store_apply(s, v, m, 2);	/* 8: open, the snapshot has its map */
	alert_msg(m, E1, 3, 9, FOHP_SEV_INFO, FOHP_AS_FIRING);
	store_apply(s, v, m, 3);	/* 9: open, no map in the snapshot */
	alert_msg(m, E1, 12, 10, FOHP_SEV_INFO, FOHP_AS_FIRING);
	store_apply(s, v, m, 4);	/* gap; 10 is newer than the snapshot */
	assert_int_equal(v->nalerts, 4);

	sn = snap_msg(m, E1, 11);	/* taken at 11: 7 resolved, 11 new */
	sn->nopen = 4;
	sn->open[0] = 8;
	sn->open[1] = 11;
	sn->open[2] = 9;
	sn->open[3] = 12;
	sn->nalerts = 1;
	alert_msg(t, E1, 11, 8, FOHP_SEV_WARNING, FOHP_AS_ACKED);
	sn->alerts[0] = t->u.alert;
	assert_true(store_apply(s, v, m, 5) & STORE_DIRTY_ALERTS);
	assert_false(holds(v, 7));	/* the ghost is gone */
	assert_true(holds(v, 8) && holds(v, 9) && holds(v, 10));
	assert_int_equal(v->stats.alerts_dropped, 1);
	assert_int_equal(v->nmissing, 3);	/* 11, 9 (old map), 12 */
	assert_int_equal(v->missing[0], 11);
	assert_int_equal(v->missing[1], 9);
	assert_int_equal(v->missing[2], 12);

	/* The "alerts" answer, as of seq 13: 11 and 9 (12 is gone). */
	alert_msg(m, E1, 13, 11, FOHP_SEV_CRITICAL, FOHP_AS_FIRING);
	got[0] = m->u.alert;
	alert_msg(m, E1, 13, 9, FOHP_SEV_INFO, FOHP_AS_SHELVED);
	got[1] = m->u.alert;
	assert_true(store_take_alerts(s, v, got, 2, 13) & STORE_DIRTY_ALERTS);
	assert_true(holds(v, 11));
	assert_int_equal(v->nmissing, 1);
	assert_int_equal(v->missing[0], 12);
	store_missing_clear(v);
	assert_int_equal(v->nmissing, 0);

	/* After a restart nothing of the old run counts as newer: a
	 * snapshot of the new run with nothing open clears them all. */
	alert_msg(m, E2, 1, 1, FOHP_SEV_INFO, FOHP_AS_FIRING);
	m->kind = FOHP_HELLO;
	memset(&m->u.hello, 0, sizeof(m->u.hello));
	store_apply(s, v, m, 6);
	sn = snap_msg(m, E2, 2);
	store_apply(s, v, m, 7);
	assert_int_equal(v->nalerts, 0);
	store_free(s);
	free(m);
	free(t);
}

/* An agent before `open`: its alerts are the open set, resolved aside. */
static void
test_store_snapshot_old_agent(void **state)
{
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	struct fohp_msg		*t = calloc(1, sizeof(*t));
	struct fohp_snapshot	*sn;
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");

	(void)state;
	alert_msg(m, E1, 1, 1, FOHP_SEV_INFO, FOHP_AS_FIRING);
	store_apply(s, v, m, 1);
	alert_msg(m, E1, 2, 2, FOHP_SEV_INFO, FOHP_AS_FIRING);
	store_apply(s, v, m, 2);
	sn = snap_msg(m, E1, 5);
	sn->nalerts = 2;
	alert_msg(t, E1, 5, 2, FOHP_SEV_INFO, FOHP_AS_FIRING);
	sn->alerts[0] = t->u.alert;
	alert_msg(t, E1, 5, 3, FOHP_SEV_INFO, FOHP_AS_RESOLVED);
	sn->alerts[1] = t->u.alert;
	store_apply(s, v, m, 3);
	assert_false(holds(v, 1));
	assert_true(holds(v, 2));
	assert_false(holds(v, 3));	/* resolved: not open, dropped */
	assert_int_equal(v->nmissing, 0);
	store_free(s);
	free(m);
	free(t);
}

/* store_snapshot, applied to a fresh store, reproduces the venue. */
static void
test_store_snapshot_roundtrip(void **state)
{
	struct fohp_msg		*m = malloc(sizeof(*m));
	struct store		*s = store_new(), *t = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	struct store_venue	*w = store_venue_add(t, "");
	struct step		 st = { E1, 1, FOHP_LAYOUT };

	(void)state;
	step_msg(&st, m);
	store_apply(s, v, m, 1);
	st = (struct step){ E1, 2, FOHP_ZONE };
	step_msg(&st, m);
	store_apply(s, v, m, 2);
	memset(m, 0, sizeof(*m));
	m->v = 1;
	strcpy(m->venue, "arena");
	m->epoch = E1;
	m->seq = 2;
	m->kind = FOHP_SNAPSHOT;
	store_snapshot(v, &m->u.snapshot);
	assert_int_equal(m->u.snapshot.layout.nzones, 2);
	assert_int_equal(m->u.snapshot.nzones, 1);	/* b has no sample */
	store_apply(t, w, m, 3);
	assert_string_equal(w->id, "arena");
	assert_string_equal(w->name, "City Arena");
	assert_int_equal(w->nzones, 2);
	assert_int_equal(store_zone_find(w, "a")->last.count, 2);
	assert_false(store_zone_find(w, "b")->has_sample);
	assert_false(w->want_snapshot);
	/* The history travels with the snapshot and seeds a fresh ring. */
	assert_int_equal(store_zone_find(w, "a")->hist.len, 1);
	assert_float_equal(store_zone_hist(store_zone_find(w, "a"), 0), 0.02,
	    1e-6);
	store_free(s);
	store_free(t);
	free(m);
}

/* Gate samples: kept by id, with their flow history, and in snapshots. */
static void
test_store_gates(void **state)
{
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	struct fohp_snapshot	*sn = calloc(1, sizeof(*sn));
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	struct store_gate	*g;
	unsigned		 i;

	(void)state;
	m->v = 1;
	strcpy(m->venue, "arena");
	m->epoch = E1;
	m->kind = FOHP_GATE;
	strcpy(m->u.gate.gate, "g1");
	m->u.gate.interval_ms = 60000;
	for (i = 1; i <= 3; i++) {
		m->seq = i;
		m->u.gate.flow_pmm = 10.0 * i;
		m->u.gate.los = 'A';
		assert_true(store_apply(s, v, m, i) & STORE_DIRTY_GATES);
	}
	assert_int_equal(v->ngates, 1);
	g = store_gate_find(v, "g1");
	assert_non_null(g);
	assert_float_equal(g->last.flow_pmm, 30, 1e-9);
	assert_float_equal(store_ring_get(&g->hist, 2), 10, 1e-6);
	assert_null(store_gate_find(v, "g2"));
	store_snapshot(v, sn);
	assert_int_equal(sn->ngates, 1);
	assert_int_equal(sn->gates[0].nhist, 3);
	assert_float_equal(sn->gates[0].hist[0], 10, 1e-6);	/* oldest */
	assert_float_equal(sn->gates[0].hist[2], 30, 1e-6);
	store_free(s);
	free(sn);
	free(m);
}

/*
 * Rasters: kept when inside the grid and of a later seq than the one held, in
 * snapshots, and taken from a snapshot by a fresh store; zone counts give
 * each zone a timed series for net flow and time to capacity.
 */
static void
test_store_raster(void **state)
{
	static const struct {
		const char	*name;
		uint16_t	 x, cols, rows;
		uint64_t	 seq, t_ms;
		int		 taken;
	} cases[] = {
		{ "whole grid", 0, 10, 10, 2, 1000, 1 },
		{ "older seq", 0, 10, 10, 1, 2000, 0 },
		{ "older time: a clock step back", 0, 10, 10, 3, 500, 1 },
		{ "off the grid", 5, 6, 10, 4, 3000, 0 },
		{ "a corner", 8, 2, 2, 5, 3000, 1 },
	};
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	struct fohp_snapshot	*sn = calloc(1, sizeof(*sn));
	struct store		*s = store_new(), *s2 = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	struct store_venue	*v2 = store_venue_add(s2, "arena");
	struct step		 lay = { E1, 1, FOHP_LAYOUT };
	size_t			 i;
	unsigned		 c, flags;

	(void)state;
	step_msg(&lay, m);
	store_apply(s, v, m, 1);
	assert_null(v->raster);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&m->u.raster, 0, sizeof(m->u.raster));
		m->kind = FOHP_RASTER;
		m->seq = cases[i].seq;
		m->u.raster.x = cases[i].x;
		m->u.raster.cols = cases[i].cols;
		m->u.raster.rows = cases[i].rows;
		m->u.raster.t_ms = cases[i].t_ms;
		m->u.raster.ncells = (uint16_t)(cases[i].cols * cases[i].rows);
		for (c = 0; c < m->u.raster.ncells; c++)
			m->u.raster.cells[c] = (float)(i * 1000 + c);
		flags = store_apply(s, v, m, 2);
		if (cases[i].taken != ((flags & STORE_DIRTY_ZONES) != 0))
			fail_msg("%s: taken %d, want %d", cases[i].name,
			    (flags & STORE_DIRTY_ZONES) != 0, cases[i].taken);
		assert_non_null(v->raster);
		if (cases[i].taken)
			assert_true(v->raster->cells[1] == (float)(i * 1000 + 1));
	}
	assert_int_equal(v->raster->x, 8);
	assert_int_equal(v->raster->ncells, 4);
	store_snapshot(v, sn);
	assert_int_equal(sn->has_raster, 1);
	assert_int_equal(sn->raster.cols, 2);
	m->kind = FOHP_SNAPSHOT;
	m->seq = 6;
	m->u.snapshot = *sn;
	store_apply(s2, v2, m, 3);
	assert_non_null(v2->raster);
	assert_true(v2->raster->cells[3] == 4003.0f);	/* the last taken */

	/* Zone counts, 2 s apart, rising 60 a minute: the series says so. */
	m->kind = FOHP_ZONE;
	for (c = 0; c < 10; c++) {
		m->seq = 7 + c;
		memset(&m->u.zone, 0, sizeof(m->u.zone));
		strcpy(m->u.zone.zone, "a");
		m->u.zone.count = 100 + 2 * c;
		m->u.zone.density = (100 + 2 * c) / 100.0;
		m->u.zone.band = 'A';
		m->u.zone.t_ms = 1000000 + 2000 * c;
		store_apply(s2, v2, m, 4 + c);
	}
	assert_int_equal(v2->zones[0].counts.n, 10);
	/* 18 s of samples 2 s apart: one history value per 5 s step, the
	 * newest always the latest sample. */
	assert_int_equal(v2->zones[0].hist.len, 4);
	assert_float_equal(store_zone_hist(&v2->zones[0], 0),
	    v2->zones[0].last.density, 1e-6);
	assert_float_equal(forecast_rate(&v2->zones[0].counts, 60000), 60.0,
	    1e-6);
	store_free(s);
	store_free(s2);
	free(sn);
	free(m);
}

/*
 * A snapshot's zone history with its step seeds the zone's timed counts:
 * 5 values 5 s apart rising 0.05 p/m2 a step over 100 m2 is +60 persons a
 * minute at once; without a step nothing is seeded.
 */
static void
test_store_seed_counts(void **state)
{
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	struct step		 lay = { E1, 1, FOHP_LAYOUT };
	struct fohp_snapshot	*sn;
	struct fohp_zone	*z;
	unsigned		 i, pass;

	(void)state;
	for (pass = 0; pass < 2; pass++) {
		struct fohp_layout	 l;

		step_msg(&lay, m);
		l = m->u.layout;		/* zones a and b, 100 m2 */
		sn = &m->u.snapshot;
		memset(sn, 0, sizeof(*sn));
		sn->layout = l;
		m->kind = FOHP_SNAPSHOT;
		m->epoch = E1 + pass;		/* a new agent: fresh zones */
		m->seq = 10;
		sn->nzones = 1;
		z = &sn->zones[0];
		strcpy(z->zone, "a");
		z->count = 140;
		z->density = 1.4;
		z->band = 'B';
		z->t_ms = 1000000;
		z->nhist = 5;
		for (i = 0; i < 5; i++)
			z->hist[i] = (float)(1.2 + 0.05 * i);
		z->hist_step_ms = pass == 0 ? 5000 : 0;
		if (pass == 1) {
			store_free(s);
			s = store_new();
			v = store_venue_add(s, "arena");
		}
		store_apply(s, v, m, 1);
		if (pass == 0) {
			assert_int_equal(v->zones[0].counts.n, 5);
			assert_float_equal(forecast_rate(&v->zones[0].counts,
			    60000), 60.0, 1e-3);
		} else
			assert_int_equal(v->zones[0].counts.n, 1);
	}
	store_free(s);
	free(m);
}

/* Latency: the first age is taken as it is, later ones smoothed by 1/16. */
static void
test_store_latency(void **state)
{
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");

	(void)state;
	assert_int_equal(v->stats.has_lat, 0);
	store_note_latency(v, 10);
	assert_int_equal(v->stats.has_lat, 1);
	assert_float_equal(v->stats.lat_ms, 10, 1e-9);
	store_note_latency(v, 26);
	assert_float_equal(v->stats.lat_ms, 11, 1e-9);
	store_note_latency(v, -5);	/* clock skew: kept, not hidden */
	assert_float_equal(v->stats.lat_ms, 11 - 1, 1e-9);
	store_free(s);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_store_seq_table),
		cmocka_unit_test(test_store_snapshot_vs_stream),
		cmocka_unit_test(test_store_stale),
		cmocka_unit_test(test_store_wrong_venue),
		cmocka_unit_test(test_store_history),
		cmocka_unit_test(test_store_alerts),
		cmocka_unit_test(test_store_snapshot_open),
		cmocka_unit_test(test_store_snapshot_old_agent),
		cmocka_unit_test(test_store_snapshot_roundtrip),
		cmocka_unit_test(test_store_gates),
		cmocka_unit_test(test_store_raster),
		cmocka_unit_test(test_store_latency),
		cmocka_unit_test(test_store_seed_counts),
	};

	return (cmocka_run_group_tests_name("store", tests, NULL, NULL));
}
