/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-alerts-table.c: the alert table as plain tests: what a raise takes,
 * bounded ops and tables, admission by severity, open ids and stakes,
 * restarts from the journal, flapping (the scripted lifecycle:
 * test-alerts.c).
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/alerts.h"
#include "unit-fixtures.h"

/* The table under test: too big for the stack, static so a failure leaks
 * nothing. */
static struct alerts	test_table;

/*
 * A non-sticky ack put back from the journal ends against the value it
 * was journalled with; the first raise after the restart already counts.
 */
static void
test_alerts_nonsticky_restored(void **state)
{
	struct alerts		*as = &test_table;
	struct fohp_alert	 a;
	struct alerts_entry	*e;

	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	a.id = 7;
	a.fingerprint = 1;
	a.severity = FOHP_SEV_WARNING;
	a.state = FOHP_AS_ACKED;
	a.value = 5.25;
	strcpy(a.acked_by, "ana");
	a.acked_ms = AT(1);
	a.ack_type = FOHP_ACK_NONSTICKY;
	a.nops = 1;
	strcpy(a.ops[0].op, "ack");
	strcpy(a.ops[0].operator_name, "ana");
	assert_int_equal(alerts_restore(as, &a), 0);
	memset(&a, 0, sizeof(a));
	a.fingerprint = 1;
	a.severity = FOHP_SEV_WARNING;
	a.value = 5.75;
	e = alerts_raise(as, &a, 0, AT(10));
	assert_int_equal(alerts_worsened(e, 1, 0.5, AT(10)), 0);
	assert_int_equal(e->a.state, FOHP_AS_ACKED);
	assert_int_equal(e->a.ack_type, FOHP_ACK_NONSTICKY);
	a.value = 5.8;
	e = alerts_raise(as, &a, 0, AT(11));
	assert_int_equal(alerts_worsened(e, 1, 0.5, AT(11)), 1);
	assert_int_equal(e->a.state, FOHP_AS_FIRING);
	assert_int_equal(e->a.ack_type, FOHP_ACK_NONE);
	assert_string_equal(e->a.ops[1].op, "ack-ended");
	alerts_fini(as);
}

/* A raise copies the explanation in but never identity or operator fields. */
static void
test_alerts_raise_fields(void **state)
{
	struct alerts		*as = &test_table;
	struct fohp_alert	 a;
	struct alerts_entry	*e;

	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	a.fingerprint = 5;
	a.severity = FOHP_SEV_WARNING;
	a.id = 77;
	a.state = FOHP_AS_SHELVED;
	a.nops = 3;
	a.escalated = 4;
	a.nwindow = 200;	/* bogus: capped */
	a.ncontrib = 1;
	strcpy(a.contrib[0].name, "gate:north");
	strcpy(a.source, "camera-3 v2");
	strcpy(a.rule, "density");
	memset(a.title, 'x', sizeof(a.title));	/* unterminated */
	e = alerts_raise(as, &a, 0, AT(0));
	assert_non_null(e);
	assert_int_equal(e->a.id, 1);
	assert_int_equal(e->a.state, FOHP_AS_FIRING);
	assert_int_equal(e->a.nops, 0);
	assert_int_equal(e->a.escalated, 0);
	assert_int_equal(e->a.nwindow, FOHP_WINDOW_MAX);
	assert_int_equal(e->base_severity, FOHP_SEV_WARNING);
	assert_int_equal(strlen(e->a.title), FOHP_TEXT_MAX - 1);
	assert_string_equal(e->a.rule, "density");
	assert_string_equal(e->a.contrib[0].name, "gate:north");

	assert_int_equal(alerts_ack(as, 1, "ana", "on it", 0, FOHP_ACK_NONE,
	    AT(1)),
	    ALERTS_DONE);
	a.ncontrib = 0;
	strcpy(a.source, "camera-3 v3");
	strcpy(a.rule, "other");
	a.value = 6.5;
	e = alerts_raise(as, &a, 0, AT(2));
	assert_int_equal(e->a.id, 1);
	assert_int_equal(e->a.since_ms, AT(0));
	assert_int_equal(e->a.state, FOHP_AS_ACKED);
	assert_string_equal(e->a.acked_by, "ana");
	assert_int_equal(e->a.nops, 1);
	assert_int_equal(e->a.ncontrib, 0);
	assert_string_equal(e->a.source, "camera-3 v3");
	assert_string_equal(e->a.rule, "density");
	assert_true(e->a.value == 6.5);
}

/* The ops history keeps the first op and the latest ones. */
static void
test_alerts_ops_bounded(void **state)
{
	struct alerts		*as = &test_table;
	struct fohp_alert	 a;
	struct alerts_entry	*e;
	char			 note[16];
	unsigned		 i;

	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	a.fingerprint = 1;
	assert_non_null(alerts_raise(as, &a, 0, AT(0)));
	assert_int_equal(alerts_ack(as, 1, "ana", "mine", 0, FOHP_ACK_NONE,
	    AT(1)),
	    ALERTS_DONE);
	for (i = 1; i <= 20; i++) {
		snprintf(note, sizeof(note), "c%u", i);
		assert_int_equal(alerts_comment(as, 1, "bo", note, AT(1 + i)),
		    ALERTS_DONE);
	}
	e = alerts_find(as, 1);
	assert_int_equal(e->a.nops, FOHP_ALERT_HIST_MAX);
	assert_string_equal(e->a.ops[0].op, "ack");
	assert_string_equal(e->a.ops[0].operator_name, "ana");
	assert_string_equal(e->a.ops[0].note, "mine");
	/* 21 ops: the ack, then the latest 15 comments (c6 .. c20). */
	assert_string_equal(e->a.ops[1].note, "c6");
	assert_string_equal(e->a.ops[FOHP_ALERT_HIST_MAX - 1].note, "c20");
	assert_int_equal(e->a.ops[FOHP_ALERT_HIST_MAX - 1].t_ms, AT(21));
	for (i = 1; i < FOHP_ALERT_HIST_MAX; i++)
		assert_true(e->a.ops[i - 1].t_ms < e->a.ops[i].t_ms);
}

/* A severity's admission limit and the severity of alert i when filling. */
static enum fohp_severity
test_alerts_fill_sev(unsigned i)
{
	if (i < ALERTS_INFO_MAX)
		return (FOHP_SEV_INFO);
	if (i < ALERTS_WARNING_MAX)
		return (FOHP_SEV_WARNING);
	return (FOHP_SEV_CRITICAL);
}

/*
 * The table grows past the old 256 and holds every open alert up to
 * ALERTS_OPEN_MAX; near it, info is refused first, then warning, and a
 * critical still gets in; nothing open is pushed out; resolved entries
 * make room and are bounded; every refusal is counted.
 */
static void
test_alerts_table_full(void **state)
{
	struct alerts		*as = &test_table;
	struct alerts_entry	**out;
	struct fohp_alert	 a;
	struct alerts_entry	*e;
	unsigned		 i;

	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	out = calloc(ALERTS_MAX, sizeof(*out));
	assert_non_null(out);
	for (i = 0; i < ALERTS_OPEN_MAX; i++) {
		a.fingerprint = i + 1;
		a.severity = test_alerts_fill_sev(i);
		e = alerts_raise(as, &a, 0, AT(0));
		assert_non_null(e);
		assert_int_equal(e->a.id, i + 1);
	}
	assert_int_equal(alerts_nopen(as), ALERTS_OPEN_MAX);
	assert_int_equal(as->refused, 0);
	a.fingerprint = 100000;
	a.severity = FOHP_SEV_CRITICAL;
	assert_null(alerts_raise(as, &a, 0, AT(1)));	/* hard cap */
	assert_int_equal(as->refused, 1);
	a.fingerprint = 7;
	assert_non_null(alerts_raise(as, &a, 0, AT(1)));	/* repeat */
	assert_int_equal(alerts_changed(as, out, ALERTS_MAX),
	    ALERTS_OPEN_MAX);

	/* One resolves: a critical takes its place, an info does not. */
	assert_int_equal(alerts_resolve(as, 10, AT(5)), 0);
	assert_int_equal(alerts_changed(as, out, ALERTS_MAX), 1);
	a.fingerprint = 100001;
	a.severity = FOHP_SEV_INFO;
	assert_null(alerts_raise(as, &a, 0, AT(6)));
	a.severity = FOHP_SEV_WARNING;
	assert_null(alerts_raise(as, &a, 0, AT(6)));
	assert_int_equal(as->refused, 3);
	a.severity = FOHP_SEV_CRITICAL;
	e = alerts_raise(as, &a, 0, AT(7));
	assert_non_null(e);
	assert_int_equal(e->a.id, ALERTS_OPEN_MAX + 1);
	assert_non_null(alerts_find(as, 10));	/* resolved, kept a while */
	for (i = 0; i + 1 < as->n; i++)	/* order kept: ids grow */
		assert_true(as->e[i].a.id < as->e[i + 1].a.id);
	alerts_fini(as);
	free(out);
}

/* Admission by severity from an empty table: info stops first. */
static void
test_alerts_admission(void **state)
{
	struct alerts		*as = &test_table;
	struct fohp_alert	 a;
	uint64_t		 ids[4];
	unsigned		 i;

	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	a.severity = FOHP_SEV_INFO;
	for (i = 0; i < ALERTS_INFO_MAX; i++) {
		a.fingerprint = i + 1;
		assert_non_null(alerts_raise(as, &a, 0, AT(i)));
	}
	a.fingerprint = 500000;
	assert_null(alerts_raise(as, &a, 0, AT(1)));	/* info: no room */
	a.severity = FOHP_SEV_WARNING;
	assert_non_null(alerts_raise(as, &a, 0, AT(1)));
	a.fingerprint = 500001;
	a.severity = FOHP_SEV_CRITICAL;
	assert_non_null(alerts_raise(as, &a, 0, AT(2)));
	assert_int_equal(as->refused, 1);
	/* Most urgent first, then oldest: the critical leads. */
	assert_int_equal(alerts_open_ids(as, ids, 4), ALERTS_INFO_MAX + 2);
	assert_int_equal(ids[0], ALERTS_INFO_MAX + 2);	/* critical */
	assert_int_equal(ids[1], ALERTS_INFO_MAX + 1);	/* warning */
	assert_int_equal(ids[2], 1);			/* oldest info */
	assert_int_equal(ids[3], 2);
	alerts_fini(as);
}

/* Open ids: resolved never listed; order severity, since, id. */
static void
test_alerts_open_ids(void **state)
{
	static const struct {
		uint64_t		fp;
		enum fohp_severity	sev;
		uint32_t		at_s;
		int			resolve;
	} in[] = {
		{ 1, FOHP_SEV_INFO, 1, 0 }, { 2, FOHP_SEV_WARNING, 5, 0 },
		{ 3, FOHP_SEV_CRITICAL, 9, 0 }, { 4, FOHP_SEV_CRITICAL, 3, 1 },
		{ 5, FOHP_SEV_WARNING, 2, 0 }, { 6, FOHP_SEV_INFO, 1, 0 },
	};
	static const uint64_t	want[] = { 3, 5, 2, 1, 6 };
	struct alerts		*as = &test_table;
	struct fohp_alert	 a;
	uint64_t		 ids[8];
	unsigned		 i;

	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	for (i = 0; i < nitems(in); i++) {
		a.fingerprint = in[i].fp;
		a.severity = in[i].sev;
		assert_non_null(alerts_raise(as, &a, 0, AT(in[i].at_s)));
		if (in[i].resolve)
			assert_int_equal(alerts_resolve(as, in[i].fp,
			    AT(20)), 0);
	}
	assert_int_equal(alerts_open_ids(as, ids, 8), nitems(want));
	for (i = 0; i < nitems(want); i++)
		assert_int_equal(ids[i], want[i]);
	assert_int_equal(alerts_open_ids(as, ids, 2), nitems(want));
	alerts_fini(as);
}

/*
 * Open ids: severity, then what is at stake (safety, equipment, model, not
 * stated), then since, then id. A person down (an external safety
 * critical) comes before a model-drift critical that fired earlier, and a
 * device's critical between them.
 */
static void
test_alerts_open_stake(void **state)
{
	static const struct {
		uint64_t		fp;
		enum fohp_severity	sev;
		enum fohp_stake		stake;
		uint32_t		at_s;
		const char		*what;
	} in[] = {
		{ 1, FOHP_SEV_CRITICAL, FOHP_STAKE_MODEL, 1, "drift-critical" },
		{ 2, FOHP_SEV_WARNING, FOHP_STAKE_SAFETY, 2, "density-warning" },
		{ 3, FOHP_SEV_CRITICAL, FOHP_STAKE_EQUIPMENT, 3, "amp error" },
		{ 4, FOHP_SEV_CRITICAL, FOHP_STAKE_SAFETY, 9, "person down" },
		{ 5, FOHP_SEV_CRITICAL, FOHP_STAKE_NONE, 0, "older agent" },
		{ 6, FOHP_SEV_WARNING, FOHP_STAKE_MODEL, 0, "drift-warning" },
		{ 7, FOHP_SEV_CRITICAL, FOHP_STAKE_SAFETY, 5, "density-crit" },
		{ 8, FOHP_SEV_INFO, FOHP_STAKE_SAFETY, 0, "info" },
		{ 9, FOHP_SEV_CRITICAL, FOHP_STAKE_EQUIPMENT, 3, "same since" },
	};
	/* ids are 1.. in raise order */
	static const uint64_t	want[] = { 7, 4, 3, 9, 1, 5, 2, 6, 8 };
	struct alerts		*as = &test_table;
	struct fohp_alert	 a;
	uint64_t		 ids[16];
	unsigned		 i;

	(void)state;
	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	for (i = 0; i < nitems(in); i++) {
		a.fingerprint = in[i].fp;
		a.severity = in[i].sev;
		a.stake = in[i].stake;
		assert_non_null(alerts_raise(as, &a, 0, AT(in[i].at_s)));
		assert_int_equal(alerts_open(as, in[i].fp)->a.stake,
		    in[i].stake);
	}
	assert_int_equal(alerts_open_ids(as, ids, 16), nitems(want));
	for (i = 0; i < nitems(want); i++) {
		if (ids[i] != want[i])
			fail_msg("position %u: alert %llu (%s), want %llu (%s)",
			    i, (unsigned long long)ids[i],
			    in[ids[i] - 1].what, (unsigned long long)want[i],
			    in[want[i] - 1].what);
	}
	alerts_fini(as);
}

/*
 * fired_ms is set when an alert opens and never moves: not by updates
 * (whatever they carry), not by acks or escalation, not by a restore; the
 * stake stays as it opened. A new occurrence after resolution has its own.
 */
static void
test_alerts_fired_ms(void **state)
{
	struct alerts		*as = &test_table;
	struct fohp_alert	 a, kept;
	struct alerts_entry	*e;

	(void)state;
	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	a.fingerprint = 7;
	a.severity = FOHP_SEV_WARNING;
	a.stake = FOHP_STAKE_SAFETY;
	a.fired_ms = AT(999);	/* a raise does not choose it */
	e = alerts_raise(as, &a, 60000, AT(5));
	assert_int_equal(e->a.fired_ms, AT(5));
	assert_int_equal(e->a.stake, FOHP_STAKE_SAFETY);

	a.severity = FOHP_SEV_CRITICAL;
	a.stake = FOHP_STAKE_MODEL;
	a.value = 9;
	e = alerts_raise(as, &a, 60000, AT(40));
	assert_int_equal(e->a.fired_ms, AT(5));
	assert_int_equal(e->a.stake, FOHP_STAKE_SAFETY);
	assert_true(e->a.value == 9);
	assert_int_equal(alerts_ack(as, e->a.id, "ana", "on it", 10,
	    FOHP_ACK_STICKY, AT(41)),
	    ALERTS_DONE);
	(void)alerts_tick(as, AT(200));		/* ack expired, escalates */
	e = alerts_open(as, 7);
	assert_int_equal(e->a.fired_ms, AT(5));
	assert_int_equal(e->a.since_ms, AT(5));

	/* A restart: what the journal kept comes back as it was. */
	kept = e->a;
	alerts_fini(as);
	alerts_init(as, 0);
	assert_int_equal(alerts_restore(as, &kept), 0);
	e = alerts_open(as, 7);
	assert_int_equal(e->a.fired_ms, AT(5));
	assert_int_equal(e->a.stake, FOHP_STAKE_SAFETY);
	e = alerts_raise(as, &a, 60000, AT(300));	/* fires on */
	assert_int_equal(e->a.id, kept.id);
	assert_int_equal(e->a.fired_ms, AT(5));

	/* Resolved, then again: a new alert, fired now. */
	assert_int_equal(alerts_resolve(as, 7, AT(310)), 0);
	e = alerts_raise(as, &a, 60000, AT(320));
	assert_int_not_equal(e->a.id, kept.id);
	assert_int_equal(e->a.fired_ms, AT(320));
	assert_int_equal(e->a.stake, FOHP_STAKE_MODEL);
	alerts_fini(as);
}

/* A window or value beyond float32 / finite cannot reach the wire. */
static void
test_alerts_wire_safe(void **state)
{
	struct alerts		*as = &test_table;
	struct fohp_alert	 a;
	struct alerts_entry	*e;

	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	a.fingerprint = 1;
	a.value = INFINITY;
	a.threshold = 0.25;
	a.margin = NAN;
	a.fc_eta_s = -3;
	a.nwindow = 3;
	a.window[0] = 1.5f;
	a.window[1] = INFINITY;
	a.window[2] = NAN;
	a.ncontrib = 1;
	a.contrib[0].value = -INFINITY;
	e = alerts_raise(as, &a, 0, AT(0));
	assert_non_null(e);
	assert_true(isfinite(e->a.value) && e->a.value > 1e300);
	assert_true(e->a.margin == 0);
	assert_true(e->a.fc_eta_s == 0);
	assert_true(e->a.window[0] == 1.5f);
	assert_true(e->a.window[1] == FLT_MAX);
	assert_true(e->a.window[2] == 0);
	assert_true(isfinite(e->a.contrib[0].value));
	assert_int_equal(alerts_wire_safe(&e->a), 0);	/* already safe */
	alerts_fini(as);
}

/* alerts_changed honours max and leaves the rest for the next call. */
static void
test_alerts_changed_max(void **state)
{
	struct alerts		*as = &test_table;
	struct alerts_entry	*out[2];
	struct fohp_alert	 a;
	unsigned		 i;

	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	for (i = 1; i <= 3; i++) {
		a.fingerprint = i;
		assert_non_null(alerts_raise(as, &a, 0, AT(0)));
	}
	assert_int_equal(alerts_changed(as, out, 2), 2);
	assert_int_equal(out[0]->a.id, 1);
	assert_int_equal(out[1]->a.id, 2);
	assert_int_equal(alerts_changed(as, out, 2), 1);
	assert_int_equal(out[0]->a.id, 3);
	assert_int_equal(alerts_changed(as, out, 2), 0);
	assert_int_equal(alerts_changed(as, out, 0), 0);
}

/* Alerts put back from the journal keep their ids and operator fields. */
static void
test_alerts_restore(void **state)
{
	struct alerts		*as = &test_table;
	struct alerts_entry	*out[4];
	struct fohp_alert	 a;
	struct alerts_entry	*e;
	unsigned		 i;

	alerts_init(as, 49);
	memset(&a, 0, sizeof(a));
	a.id = 50;
	a.fingerprint = 1;
	a.severity = FOHP_SEV_WARNING;
	a.state = FOHP_AS_ACKED;
	a.since_ms = AT(0);
	strcpy(a.acked_by, "ana");
	a.acked_ms = AT(1);
	a.ack_expires_ms = AT(30);
	a.nops = 1;
	strcpy(a.ops[0].op, "ack");
	assert_int_equal(alerts_restore(as, &a), 0);
	a.id = 40;	/* older, resolved: ids still move on from 50 */
	a.fingerprint = 2;
	a.state = FOHP_AS_RESOLVED;
	a.resolved_ms = AT(2);
	a.nops = 200;	/* bogus: capped */
	assert_int_equal(alerts_restore(as, &a), 0);
	assert_int_equal(as->n, 2);
	assert_int_equal(as->next_id, 51);
	assert_int_equal(alerts_find(as, 40)->a.nops, FOHP_ALERT_HIST_MAX);
	assert_int_equal(alerts_changed(as, out, 4), 0);

	e = alerts_open(as, 1);	/* the rule fires again after the restart */
	assert_non_null(e);
	assert_int_equal(e->a.id, 50);
	memset(&a, 0, sizeof(a));
	a.fingerprint = 1;
	a.severity = FOHP_SEV_WARNING;
	e = alerts_raise(as, &a, 60000, AT(10));
	assert_int_equal(e->a.id, 50);
	assert_int_equal(e->a.since_ms, AT(0));
	assert_string_equal(e->a.acked_by, "ana");
	assert_int_equal(alerts_tick(as, AT(29)), 0);
	assert_int_equal(alerts_tick(as, AT(30)), 1);	/* ack ran out */
	assert_int_equal(e->a.state, FOHP_AS_FIRING);
	assert_int_equal(e->a.severity, FOHP_SEV_CRITICAL);
	a.fingerprint = 2;	/* resolved stays resolved: a new id */
	e = alerts_raise(as, &a, 0, AT(31));
	assert_int_equal(e->a.id, 51);

	a.id = 50;	/* the same id again replaces, does not add */
	a.fingerprint = 1;
	a.state = FOHP_AS_RESOLVED;
	assert_int_equal(alerts_restore(as, &a), 0);
	assert_int_equal(as->n, 3);
	assert_null(alerts_open(as, 1));

	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	for (i = 1; i <= ALERTS_OPEN_MAX; i++) {
		a.id = i;
		a.fingerprint = i;
		assert_int_equal(alerts_restore(as, &a), 0);
	}
	a.id = ALERTS_OPEN_MAX + 1;
	assert_int_equal(alerts_restore(as, &a), -1);	/* open: full */
	a.state = FOHP_AS_RESOLVED;
	assert_int_equal(alerts_restore(as, &a), 0);	/* resolved: kept */
	alerts_fini(as);
}

/* A step of the flapping script: what is done at t_s, what it shows. */
enum flap_do {
	F_END = 0,
	F_RAISE,	/* the rule fires or updates */
	F_FLAP,		/* alerts_flap with n flaps */
	F_SETTLE,	/* alerts_settle, n = resolve */
	F_ACK,		/* ack, n = expiry_s */
	F_UNACK,
	F_SHELVE,	/* n = duration_s */
	F_TICK
};

static const struct {
	enum flap_do		 what;
	unsigned		 t_s;
	unsigned		 n;
	enum fohp_alert_state	 state;		/* of alert 1 after it */
	enum fohp_severity	 sev;
	const char		*last_op;	/* its latest op, NULL: any */
} flap_steps[] = {
	{ F_RAISE, 0, 0, FOHP_AS_FIRING, FOHP_SEV_WARNING, NULL },
	{ F_FLAP, 10, 4, FOHP_AS_FLAPPING, FOHP_SEV_WARNING, "flapping" },
	/* More flaps: the count follows, no second op. */
	{ F_FLAP, 20, 5, FOHP_AS_FLAPPING, FOHP_SEV_WARNING, "flapping" },
	{ F_RAISE, 30, 0, FOHP_AS_FLAPPING, FOHP_SEV_WARNING, "flapping" },
	/* acknowledged > flapping: the ack shows, flaps stays. */
	{ F_ACK, 40, 60, FOHP_AS_ACKED, FOHP_SEV_WARNING, "ack" },
	/* shelved > acknowledged > flapping. */
	{ F_SHELVE, 50, 30, FOHP_AS_SHELVED, FOHP_SEV_WARNING, "shelve" },
	{ F_TICK, 80, 0, FOHP_AS_ACKED, FOHP_SEV_WARNING, "shelve" },
	/* The ack runs out (at 100 s): flapping again, and escalates as a
	 * firing alert would. */
	{ F_TICK, 100, 0, FOHP_AS_FLAPPING, FOHP_SEV_CRITICAL, NULL },
	/* Unattended and flapping: escalates each escalate_ms (capped). */
	{ F_TICK, 400, 0, FOHP_AS_FLAPPING, FOHP_SEV_CRITICAL, NULL },
	/* Settles while it holds: firing, op "settled". */
	{ F_SETTLE, 500, 0, FOHP_AS_FIRING, FOHP_SEV_CRITICAL, "settled" },
	/* Flaps again, settles off: resolved. */
	{ F_FLAP, 600, 4, FOHP_AS_FLAPPING, FOHP_SEV_CRITICAL, "flapping" },
	{ F_UNACK, 610, 0, FOHP_AS_FLAPPING, FOHP_SEV_CRITICAL, "flapping" },
	{ F_SETTLE, 700, 1, FOHP_AS_RESOLVED, FOHP_SEV_CRITICAL, "settled" },
	{ F_END, 0, 0, 0, 0, NULL }
};

/*
 * Flapping: state precedence (resolved > shelved > acknowledged > flapping
 * > firing), escalation while it flaps, and the agent's ops.
 */
static void
test_alerts_flapping(void **state)
{
	struct alerts		*as = &test_table;
	struct alerts_entry	*e;
	struct fohp_alert	 a;
	const char		*note = "fired or cleared 4 times in 10 min";
	unsigned		 i, k, nflapping = 0, nsettled = 0;

	(void)state;
	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	a.fingerprint = 7;
	strcpy(a.rule, "density-warning");
	strcpy(a.subject, "floor");
	a.severity = FOHP_SEV_WARNING;
	a.rkind = FOHP_RK_THRESHOLD;
	/* No alert open: nothing to flap or settle. */
	assert_int_equal(alerts_flap(as, 7, 4, note, AT(0)), -1);
	assert_int_equal(alerts_settle(as, 7, 0, AT(0)), -1);
	for (i = 0; flap_steps[i].what != F_END; i++) {
		uint64_t	now = AT(flap_steps[i].t_s);

		switch (flap_steps[i].what) {
		case F_RAISE:
			assert_non_null(alerts_raise(as, &a, 120 * 1000, now));
			break;
		case F_FLAP:
			assert_int_equal(alerts_flap(as, 7,
			    (uint8_t)flap_steps[i].n, note, now), 0);
			break;
		case F_SETTLE:
			assert_int_equal(alerts_settle(as, 7,
			    (int)flap_steps[i].n, now), 0);
			break;
		case F_ACK:
			assert_int_equal(alerts_ack(as, 1, "ana", "on it",
			    flap_steps[i].n, FOHP_ACK_STICKY, now),
			    ALERTS_DONE);
			break;
		case F_UNACK:
			assert_int_equal(alerts_unack(as, 1, "ana", now),
			    ALERTS_UNCHANGED);
			break;
		case F_SHELVE:
			assert_int_equal(alerts_shelve(as, 1, "ana",
			    flap_steps[i].n, "band change", now),
			    ALERTS_DONE);
			break;
		case F_TICK:
			(void)alerts_tick(as, now);
			break;
		case F_END:
			break;
		}
		e = alerts_find(as, 1);
		assert_non_null(e);
		if (e->a.state != flap_steps[i].state ||
		    e->a.severity != flap_steps[i].sev)
			fail_msg("step %u (%u s): state %s severity %s, want "
			    "%s %s", i, flap_steps[i].t_s,
			    fohp_alert_state_name(e->a.state),
			    fohp_severity_name(e->a.severity),
			    fohp_alert_state_name(flap_steps[i].state),
			    fohp_severity_name(flap_steps[i].sev));
		if (flap_steps[i].last_op != NULL)
			assert_string_equal(e->a.ops[e->a.nops - 1].op,
			    flap_steps[i].last_op);
		/* flaps says it flaps, whatever the state shows. */
		if (flap_steps[i].state == FOHP_AS_FLAPPING)
			assert_true(e->a.flaps > 0);
	}
	/* One alert throughout, and its ops tell the story. */
	assert_int_equal(as->n, 1);
	e = alerts_find(as, 1);
	for (k = 0; k < e->a.nops; k++) {
		if (strcmp(e->a.ops[k].op, "flapping") == 0) {
			nflapping++;
			assert_string_equal(e->a.ops[k].note, note);
			assert_string_equal(e->a.ops[k].operator_name, "");
		} else if (strcmp(e->a.ops[k].op, "settled") == 0) {
			assert_string_equal(e->a.ops[k].note, nsettled++ == 0 ?
			    "steady again: firing" : "steady again: resolved");
			assert_string_equal(e->a.ops[k].operator_name, "");
		}
	}
	assert_int_equal(nflapping, 2);
	assert_int_equal(nsettled, 2);
	assert_int_equal(e->a.flaps, 0);
	assert_true(e->a.resolved_ms == AT(700));
	/* Resolved is final: no flapping on it. */
	assert_int_equal(alerts_flap(as, 7, 4, note, AT(800)), -1);
	alerts_fini(as);
}

/* A restored flapping alert keeps its state (journal, restart). */
static void
test_alerts_flapping_restore(void **state)
{
	struct alerts		*as = &test_table;
	struct fohp_alert	 a;

	(void)state;
	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	a.id = 42;
	a.fingerprint = 9;
	a.state = FOHP_AS_FLAPPING;
	a.flaps = 6;
	assert_int_equal(alerts_restore(as, &a), 0);
	assert_int_equal(alerts_find(as, 42)->a.state, FOHP_AS_FLAPPING);
	(void)alerts_tick(as, AT(1));
	assert_int_equal(alerts_find(as, 42)->a.state, FOHP_AS_FLAPPING);
	assert_int_equal(alerts_settle(as, 9, 0, AT(2)), 0);
	assert_int_equal(alerts_find(as, 42)->a.state, FOHP_AS_FIRING);
	alerts_fini(as);
}

/* Result names. */
static void
test_alerts_result_name(void **state)
{
	assert_string_equal(alerts_result_name(ALERTS_DONE), "done");
	assert_string_equal(alerts_result_name(ALERTS_UNCHANGED), "unchanged");
	assert_string_equal(alerts_result_name(ALERTS_NOT_FOUND), "not found");
	assert_string_equal(alerts_result_name(ALERTS_ALREADY_RESOLVED),
	    "already resolved");
	assert_string_equal(alerts_result_name(ALERTS_BAD_REQUEST),
	    "bad request");
	assert_string_equal(alerts_result_name((enum alerts_result)99),
	    "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alerts_nonsticky_restored),
		cmocka_unit_test(test_alerts_raise_fields),
		cmocka_unit_test(test_alerts_ops_bounded),
		cmocka_unit_test(test_alerts_table_full),
		cmocka_unit_test(test_alerts_admission),
		cmocka_unit_test(test_alerts_open_ids),
		cmocka_unit_test(test_alerts_open_stake),
		cmocka_unit_test(test_alerts_fired_ms),
		cmocka_unit_test(test_alerts_wire_safe),
		cmocka_unit_test(test_alerts_changed_max),
		cmocka_unit_test(test_alerts_restore),
		cmocka_unit_test(test_alerts_result_name),
		cmocka_unit_test(test_alerts_flapping),
		cmocka_unit_test(test_alerts_flapping_restore),
	};

	return (cmocka_run_group_tests_name("alerts-table", tests, NULL,
	    NULL));
}
