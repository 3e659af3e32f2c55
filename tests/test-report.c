/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-report.c: report_load on a real journal file that fohd's own code
 * made (schema version 4) and tests/report-fixture.sql filled with a
 * night of known numbers: minutes in each band, peaks, capacity use,
 * gate flow over the Green Guide rate, equipment and drift events, the
 * times to acknowledge and resolve (nearest-rank percentiles), the
 * decision log in order, the range and the drill mark.
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

#include "agent/report.h"
#include "journal-fixture.h"

#define FIX_T0		1700000000000ULL
#define FIX_T2		(FIX_T0 + 7200000)	/* the reload, alert 7 */
#define FIX_SQL		FOH_SRCDIR "/tests/report-fixture.sql"
#define FIX_CONF	FOH_SRCDIR "/tests/report-fixture.conf"

static struct vconf	conf;

/* The fixture journal in the test's directory; its venue in conf. */
static void
fixture(struct tj *t)
{
	char	*sql;
	FILE	*f;
	long	 n;
	char	 err[512];

	journal_close(tj_open(t));	/* the schema, as fohd makes it */
	assert_non_null(f = fopen(FIX_SQL, "r"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	assert_non_null(sql = calloc(1, (size_t)n + 1));
	assert_int_equal(fread(sql, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	sql_exec(t->path, sql);
	free(sql);
	if (vconf_load_file(&conf, FIX_CONF, err, sizeof(err)) != 0)
		fail_msg("%s", err);
}

/* report_load that must succeed. */
static struct report *
load(struct tj *t, uint64_t from, uint64_t to, int drill)
{
	struct report_opts	 o = { from, to, drill, 0 };
	struct report		*r;
	char			 err[512];

	if ((r = report_load(t->path, &conf, &o, err, sizeof(err))) == NULL)
		fail_msg("report_load: %s", err);
	return (r);
}

/* The zone of id in r. */
static const struct report_zone *
zone(const struct report *r, const char *id)
{
	size_t	i;

	for (i = 0; i < r->nzones; i++)
		if (strcmp(r->zones[i].id, id) == 0)
			return (&r->zones[i]);
	fail_msg("no zone %s", id);
	return (NULL);
}

/* Zones: minutes per band, the peak and when, capacity use, the levels. */
static void
test_report_zones(void **state)
{
	struct report			*r;
	const struct report_zone	*z;

	fixture(*state);
	r = load(*state, FIX_T0 - 3600000, FIX_T0 + 3600000, 0);
	assert_int_equal(r->nzones, 3);
	z = zone(r, "dance");
	assert_int_equal(z->n, 12);
	assert_true(z->minutes[5] == 50000 / 60000.0);	/* 5 rows in F */
	assert_true(z->minutes[4] == 20000 / 60000.0);	/* 2 in E */
	assert_true(z->minutes[3] == 30000 / 60000.0);
	assert_true(z->minutes[1] == 20000 / 60000.0);
	assert_true(z->peak == 6.25);
	assert_int_equal(z->peak_ms, FIX_T0 + 50000);
	assert_int_equal(z->peak_count, 938);		/* 6.25 * 150 */
	assert_true(z->cap_use == 938 / 600.0);
	assert_true(z->warn == 3.33 && z->crit == 5.0);	/* standing */
	z = zone(r, "door");
	assert_true(z->minutes[0] == 120000 / 60000.0);
	assert_true(z->warn == 3.33 && z->crit == 5.0);	/* queue */
	assert_string_equal(r->fingerprint, "3f2a9c41d0b7e615");
	assert_int_equal(r->step_ms, 10000);
	assert_string_equal(r->venue, "club");
	report_free(r);
}

/* Gates and events: flow over the rate, totals, changes of state. */
static void
test_report_gates_events(void **state)
{
	struct report	*r;

	fixture(*state);
	r = load(*state, FIX_T0, FIX_T0 + 120000, 0);
	assert_int_equal(r->ngates, 1);
	assert_int_equal(r->gates[0].in, 120);
	assert_int_equal(r->gates[0].out, 24);
	assert_true(r->gates[0].peak == 90);
	assert_int_equal(r->gates[0].peak_ms, FIX_T0 + 40000);
	assert_true(r->gates[0].minutes_over == 30000 / 60000.0);
	assert_true(r->gates[0].limit == 82);
	assert_int_equal(r->nevents, 3);
	assert_int_equal(r->events[0].t_ms, FIX_T0 + 60000);
	assert_string_equal(r->events[0].subject, "amp-main");
	assert_string_equal(r->events[0].from, "ok");
	assert_string_equal(r->events[0].to, "warning");
	assert_int_equal(r->events[1].t_ms, FIX_T0 + 90000);
	assert_string_equal(r->events[1].to, "ok");
	assert_string_equal(r->events[2].subject, "counter");
	assert_string_equal(r->events[2].to, "major");
	report_free(r);
}

/* Times: nearest-rank median, p90, worst per severity and per operator. */
static void
test_report_times(void **state)
{
	struct report			*r;
	const struct report_times	*w, *c, *i;

	fixture(*state);
	r = load(*state, FIX_T0 - 3600000, FIX_T0 + 3600000, 0);
	assert_int_equal(r->nalerts, 6);
	w = &r->by_severity[FOHP_SEV_WARNING];
	assert_string_equal(w->group, "warning");
	assert_int_equal(w->n, 4);
	assert_int_equal(w->nacked, 3);
	assert_true(w->ack_median == 20.0);
	assert_true(w->ack_p90 == 45.0);
	assert_true(w->ack_worst == 45.0);
	assert_int_equal(w->nresolved, 2);
	assert_true(w->res_median == 100.0);
	assert_true(w->res_p90 == 150.0 && w->res_worst == 150.0);
	c = &r->by_severity[FOHP_SEV_CRITICAL];
	assert_int_equal(c->n, 1);		/* escalated from warning */
	assert_true(c->ack_median == 12.5 && c->ack_worst == 12.5);
	assert_true(c->res_median == -1);
	i = &r->by_severity[FOHP_SEV_INFO];
	assert_int_equal(i->n, 1);
	assert_int_equal(i->nacked, 0);
	assert_true(i->ack_median == -1 && i->ack_p90 == -1);
	assert_int_equal(r->nops, 2);
	assert_string_equal(r->by_operator[0].group, "alice");
	assert_true(r->by_operator[0].ack_median == 5.0);
	assert_true(r->by_operator[0].ack_p90 == 20.0);
	assert_string_equal(r->by_operator[1].group, "bob");
	assert_true(r->by_operator[1].ack_median == 12.5);
	assert_true(r->by_operator[1].ack_worst == 45.0);
	assert_int_equal(r->alerts[3].id, 5);	/* by fired_ms */
	assert_int_equal(r->alerts[3].escalations, 1);
	assert_int_equal(r->alerts[2].shelves, 1);
	assert_string_equal(r->alerts[2].rule, "flow-over-limit");
	assert_string_equal(r->alerts[2].subject, "door");
	report_free(r);
}

/* The decision log: every operator line in order, refused ones too. */
static void
test_report_decisions(void **state)
{
	static const char	*ops[] = { "ack", "ack", "ack", "ack", "ack",
	    "shelve", "approve" };
	static const char	*who[] = { "alice", "alice", "bob", "mallory",
	    "bob", "bob", "alice" };
	struct report		*r;
	size_t			 k;

	fixture(*state);
	r = load(*state, FIX_T0, FIX_T0 + 120000, 0);
	assert_int_equal(r->ndecisions, 7);
	for (k = 0; k < 7; k++) {
		assert_string_equal(r->decisions[k].op, ops[k]);
		assert_string_equal(r->decisions[k].operator_name, who[k]);
	}
	assert_string_equal(r->decisions[2].note,
	    "<script>alert(1)</script> & \"x\"");
	assert_string_equal(r->decisions[3].result, "forbidden");
	assert_string_equal(r->decisions[6].key, "SHA256:abc");
	assert_string_equal(r->decisions[6].hook, "exit 3");
	assert_string_equal(r->decisions[0].hook, "");
	/* The range ends before alert 6 fires and alert 2 resolves. */
	assert_int_equal(r->nalerts, 5);
	assert_int_equal(r->by_severity[FOHP_SEV_WARNING].nresolved, 1);
	report_free(r);
}

/* Drill rows only with drill, and then only they. */
static void
test_report_drill(void **state)
{
	struct report			*r;
	const struct report_zone	*z;

	fixture(*state);
	r = load(*state, FIX_T0, FIX_T0 + 120000, 1);
	z = zone(r, "dance");
	assert_int_equal(z->n, 3);
	assert_true(z->peak == 7.0);
	assert_true(z->minutes[5] == 0.5);
	assert_int_equal(r->nalerts, 1);
	assert_int_equal(r->alerts[0].id, 900);
	assert_true(r->by_severity[FOHP_SEV_WARNING].ack_median == 7.0);
	assert_int_equal(r->ndecisions, 1);
	assert_string_equal(r->decisions[0].operator_name, "drillop");
	assert_string_equal(r->fingerprint, "d1d1d1d1d1d1d1d1");
	assert_int_equal(r->ngates, 1);
	assert_int_equal(r->gates[0].n, 0);
	report_free(r);
}

/*
 * Two hours on (T2): a reload from a 60 s step to 10 s. A row lasts until
 * the reload or its zone's next row at most, so the minutes never exceed
 * the wall time the rows cover (190 s) and equal the hand-computed ones;
 * a flapping alert that settles off ("settle", "warning resolved") is
 * resolved then, not at its earlier "settle" that kept it firing.
 */
static void
test_report_reload_settle(void **state)
{
	struct report			*r;
	const struct report_zone	*z;
	double				 sum = 0;
	int				 b;

	fixture(*state);
	r = load(*state, FIX_T2 - 60000, FIX_T2 + 3600000, 0);
	z = zone(r, "dance");
	assert_int_equal(z->n, 7);
	assert_true(z->minutes[5] == 170000 / 60000.0);	/* 60+60+30+10+10 s */
	assert_true(z->minutes[4] == 20000 / 60000.0);
	for (b = 0; b < 6; b++)
		sum += z->minutes[b];
	assert_true(sum * 60000 <= 190000 + 1e-6);	/* T2 .. T2 + 190 s */
	assert_true(z->minutes[5] <= 190000 / 60000.0);
	assert_true(r->gates[0].minutes_over == 40000 / 60000.0);
	assert_int_equal(r->step_ms, 10000);
	assert_string_equal(r->fingerprint, "6f6f6f6f6f6f6f6f");
	assert_int_equal(r->nalerts, 1);
	assert_int_equal(r->alerts[0].id, 7);
	assert_int_equal(r->alerts[0].acked_ms, FIX_T2 + 30000);
	assert_int_equal(r->alerts[0].resolved_ms, FIX_T2 + 100000);
	assert_int_equal(r->by_severity[FOHP_SEV_WARNING].nresolved, 1);
	assert_true(r->by_severity[FOHP_SEV_WARNING].res_median == 90.0);
	assert_int_equal(r->ndecisions, 2);
	assert_string_equal(r->decisions[1].operator_name,
	    "=cmd|' /C calc'!A0");
	report_free(r);
}

/* Errors: an empty range, a missing file, a file without history. */
static void
test_report_errors(void **state)
{
	struct tj		*t = *state;
	struct report_opts	 o = { FIX_T0, FIX_T0, 0, 0 };
	char			 err[512];

	fixture(t);
	assert_null(report_load(t->path, &conf, &o, err, sizeof(err)));
	assert_non_null(strstr(err, "range is empty"));
	o.to_ms = FIX_T0 + 1;
	assert_null(report_load("/nonexistent/fohd.db", &conf, &o, err,
	    sizeof(err)));
	assert_non_null(strstr(err, "/nonexistent/fohd.db"));
	sql_exec(t->path, "PRAGMA user_version = 3");
	assert_null(report_load(t->path, &conf, &o, err, sizeof(err)));
	assert_non_null(strstr(err, "schema version 3"));
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test_setup_teardown(test_report_zones,
		    tj_setup, tj_teardown),
		cmocka_unit_test_setup_teardown(test_report_gates_events,
		    tj_setup, tj_teardown),
		cmocka_unit_test_setup_teardown(test_report_times,
		    tj_setup, tj_teardown),
		cmocka_unit_test_setup_teardown(test_report_decisions,
		    tj_setup, tj_teardown),
		cmocka_unit_test_setup_teardown(test_report_drill,
		    tj_setup, tj_teardown),
		cmocka_unit_test_setup_teardown(test_report_reload_settle,
		    tj_setup, tj_teardown),
		cmocka_unit_test_setup_teardown(test_report_errors,
		    tj_setup, tj_teardown),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
