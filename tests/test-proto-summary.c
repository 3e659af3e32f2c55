/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-proto-summary.c: the wire of op "summary" (issue 15; PROTOCOL.md
 * 6.9 and 6.13): the request's hours, the reply's summary map, that a
 * summary full to every limit stays under the message limit, and what the
 * decoder refuses in it.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto-assert.h"

/* A summary reply full to every limit: the longest ids, every series full. */
static void
tps_full(struct fohp_msg *m)
{
	struct fohp_summary	*s;
	int			 i, k;

	pf_envelope(m, FOHP_REPLY);
	m->u.reply.id = UINT64_MAX;
	strcpy(m->u.reply.status, "done");
	memset(m->u.reply.text, 't', FOHP_TEXT_MAX - 1);
	m->u.reply.has_summary = 1;
	s = &m->u.reply.summary;
	s->from_ms = UINT64_MAX - 1;
	s->to_ms = UINT64_MAX;
	s->step_ms = UINT32_MAX;
	s->series_step_ms = UINT32_MAX;
	s->zones_total = FOHP_ZONES_MAX;
	s->nzones = FOHP_SUMMARY_ZONES_MAX;
	for (i = 0; i < FOHP_SUMMARY_ZONES_MAX; i++) {
		memset(s->zones[i].zone, 'a' + i % 26, FOHP_ID_MAX - 1);
		s->zones[i].peak = 19.0 + 1.0 / 3;
		s->zones[i].peak_ms = UINT64_MAX - (uint64_t)i;
		s->zones[i].min_e = 1e9 / 7;
		s->zones[i].min_f = 2e9 / 7;
		s->zones[i].nseries = FOHP_HIST_MAX;
		for (k = 0; k < FOHP_HIST_MAX; k++)
			s->zones[i].series[k] = 19.0f + (float)k / 61;
		s->zones[i].series_gaps = (UINT64_C(1) << FOHP_HIST_MAX) - 1 -
		    (uint64_t)i;
	}
	s->ntimes = FOHP_SEV_COUNT;
	for (i = 0; i < FOHP_SEV_COUNT; i++) {
		s->times[i].severity = (enum fohp_severity)i;
		s->times[i].n = s->times[i].nacked = s->times[i].nresolved =
		    UINT32_MAX;
		s->times[i].ack_median = s->times[i].res_median = 1e9 / 3;
		s->times[i].ack_p90 = s->times[i].res_p90 = 2e9 / 3;
		s->times[i].ack_worst = s->times[i].res_worst = 4e9 / 3;
	}
}

/* The request's hours and the reply's summary round-trip, at the limits. */
static void
test_summary_roundtrip(void **state)
{
	struct pa_fx	*fx = *state;
	struct fohp_msg	*in = fx->in, *out = fx->out;

	pf_build(in, FOHP_REQUEST);
	strcpy(in->u.request.op, "summary");
	in->u.request.hours = FOHP_SUMMARY_HOURS_MAX;
	pa_roundtrip(fx, in);
	assert_int_equal(out->u.request.hours, 24);
	assert_true(pa_has_key(&fx->sb, "hours"));
	pf_build(in, FOHP_REQUEST);
	pa_roundtrip(fx, in);
	assert_false(pa_has_key(&fx->sb, "hours"));	/* 0: absent */

	/* Full to every limit: under the 64 KiB of any message. */
	tps_full(in);
	pa_roundtrip(fx, in);
	print_message("full summary reply: %zu bytes (limit %d)\n",
	    fx->sb.size, FOHP_MSG_MAX);
	assert_true(fx->sb.size <= FOHP_MSG_MAX);
	assert_int_equal(out->u.reply.summary.nzones, FOHP_SUMMARY_ZONES_MAX);
	assert_int_equal(out->u.reply.summary.zones[63].nseries,
	    FOHP_HIST_MAX);
	assert_true(out->u.reply.summary.zones[0].series_gaps ==
	    (UINT64_C(1) << FOHP_HIST_MAX) - 1);
	assert_true(out->u.reply.summary.zones[63].series_gaps ==
	    (UINT64_C(1) << FOHP_HIST_MAX) - 64);

	assert_non_null(memmem(fx->sb.data, fx->sb.size, "series_gaps", 11));

	/* No gap: series_gaps is left out (the key is nowhere). */
	tps_full(in);
	in->u.reply.summary.nzones = 1;
	memset(&in->u.reply.summary.zones[1], 0,
	    sizeof(in->u.reply.summary.zones) -
	    sizeof(in->u.reply.summary.zones[0]));
	in->u.reply.summary.zones[0].series_gaps = 0;
	pa_roundtrip(fx, in);
	assert_null(memmem(fx->sb.data, fx->sb.size, "series_gaps", 11));
	assert_true(out->u.reply.summary.zones[0].series_gaps == 0);

	/* An empty summary: no zones, no times, still a map. */
	memset(in, 0, sizeof *in);
	pf_envelope(in, FOHP_REPLY);
	in->u.reply.id = 5;
	strcpy(in->u.reply.status, "done");
	in->u.reply.has_summary = 1;
	in->u.reply.summary.from_ms = 1;
	in->u.reply.summary.to_ms = 2;
	pa_roundtrip(fx, in);
	assert_true(pa_has_key(&fx->sb, "summary"));
	assert_int_equal(out->u.reply.has_summary, 1);

	/* A reply to another op has none. */
	pf_build(in, FOHP_REPLY);
	pa_roundtrip(fx, in);
	assert_false(pa_has_key(&fx->sb, "summary"));
	assert_int_equal(out->u.reply.has_summary, 0);
}

/* Encode m, expecting the decoder to refuse it naming field. */
static void
tps_refused(struct pa_fx *fx, const struct fohp_msg *m, const char *name,
    const char *field)
{
	struct fohp_err	err;

	msgpack_sbuffer_clear(&fx->sb);
	/* The encoder runs the same checks: it refuses too. */
	assert_int_not_equal(fohp_encode(&fx->sb, m, 0, &err), FOHP_OK);
	if (strcmp(err.field, field) != 0)
		fail_msg("%s: encoder field %s, want %s", name, err.field,
		    field);
}

/* What breaks a limit of the summary is refused, naming the field. */
static void
test_summary_refused(void **state)
{
	struct pa_fx	*fx = *state;
	struct fohp_msg	*in = fx->in;

	pf_build(in, FOHP_REQUEST);
	in->u.request.hours = FOHP_SUMMARY_HOURS_MAX + 1;
	tps_refused(fx, in, "hours 25", "hours");

	tps_full(in);
	in->u.reply.summary.zones[3].peak = FOHP_DENSITY_MAX + 1;
	tps_refused(fx, in, "peak over 20", "summary.zones[3].peak");
	tps_full(in);
	in->u.reply.summary.zones[2].series[59] = -1;
	tps_refused(fx, in, "negative density", "summary.zones[2].series[59]");
	tps_full(in);
	in->u.reply.summary.zones[4].nseries = 10;	/* bits 10.. set */
	tps_refused(fx, in, "a gap past the series",
	    "summary.zones[4].series_gaps");
	tps_full(in);
	in->u.reply.summary.zones[5].series_gaps = UINT64_C(1) << 60;
	tps_refused(fx, in, "a gap bit over 59",
	    "summary.zones[5].series_gaps");
	tps_full(in);
	in->u.reply.summary.zones[1].zone[0] = '\0';
	tps_refused(fx, in, "empty zone id", "summary.zones[1].zone");
	tps_full(in);
	in->u.reply.summary.times[1].ack_p90 = -0.5;
	tps_refused(fx, in, "negative time", "summary.times[1].ack_p90");
	tps_full(in);
	in->u.reply.summary.zones_total = FOHP_ZONES_MAX + 1;
	tps_refused(fx, in, "zones_total", "summary.zones_total");
}

/* Run the summary's wire tests. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		PA_TEST(test_summary_roundtrip),
		PA_TEST(test_summary_refused),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
