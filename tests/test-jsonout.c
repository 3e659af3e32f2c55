/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-jsonout.c: foh --json prints every alert transition the store saw
 * (store_changes_keep's ring), in order, even when they came in one batch
 * (a replay from JetStream); when the ring overflowed, the alert's last
 * state; a transition that changes nothing shown is not printed again;
 * a drill's venue and alerts are marked.
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

#include "core/store.h"
#include "console/jsonout.h"

#define E1	1700000000000ULL

/*
 * Apply an alert message of arena, of an agent in a drill if drill (the
 * message and the alert marked): id in state st (acked_by who).
 */
static void
apply_alert_drill(struct store *s, struct store_venue *v, uint64_t seq,
    uint64_t id, enum fohp_alert_state st, const char *who, int drill)
{
	struct fohp_msg	*m = calloc(1, sizeof(*m));

	assert_non_null(m);
	m->v = FOHP_VERSION;
	strcpy(m->venue, "arena");
	m->epoch = E1;
	m->seq = seq;
	m->kind = FOHP_ALERT;
	m->drill = m->u.alert.drill = drill;
	m->u.alert.id = id;
	strcpy(m->u.alert.rule, "r");
	m->u.alert.severity = FOHP_SEV_WARNING;
	m->u.alert.state = st;
	strcpy(m->u.alert.acked_by, who);
	(void)store_apply(s, v, m, 1000 + seq);
	free(m);
}

/* Apply a real alert message of arena, as apply_alert_drill. */
static void
apply_alert(struct store *s, struct store_venue *v, uint64_t seq,
    uint64_t id, enum fohp_alert_state st, const char *who)
{
	apply_alert_drill(s, v, seq, id, st, who, 0);
}

/* Line n (from 0) of f that has text, into out; "" if none. */
static void
line_with(FILE *f, const char *text, int n, char *out, size_t len)
{
	char	line[4096];

	out[0] = '\0';
	rewind(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strstr(line, text) != NULL && n-- == 0) {
			snprintf(out, len, "%s", line);
			return;
		}
}

/* The states jsonout printed for alert id, in order, blank-separated. */
static void
states_of(FILE *f, uint64_t id, char *out, size_t len)
{
	char	line[4096], want[64], *p;

	out[0] = '\0';
	rewind(f);
	snprintf(want, sizeof(want), "\"id\":%llu,", (unsigned long long)id);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strstr(line, want) == NULL ||
		    (p = strstr(line, "\"state\":\"")) == NULL)
			continue;
		p += 9;
		*strchr(p, '"') = '\0';
		if (out[0] != '\0')
			strncat(out, " ", len - strlen(out) - 1);
		strncat(out, p, len - strlen(out) - 1);
	}
}

/* Fired, acknowledged and resolved in one batch: three lines, in order. */
static void
test_jsonout_every_transition(void **state)
{
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	FILE			*f = tmpfile();
	struct jsonout		*j;
	char			 got[256];

	(void)state;
	assert_non_null(f);
	assert_int_equal(store_changes_keep(s, 16), 0);
	assert_non_null(j = jsonout_new(f));
	apply_alert(s, v, 1, 7, FOHP_AS_FIRING, "");
	(void)jsonout_scan(j, s, 0);
	apply_alert(s, v, 2, 7, FOHP_AS_FIRING, "");	/* nothing new */
	apply_alert(s, v, 3, 7, FOHP_AS_ACKED, "ana");
	apply_alert(s, v, 4, 8, FOHP_AS_FIRING, "");
	apply_alert(s, v, 5, 7, FOHP_AS_RESOLVED, "ana");
	assert_int_equal(s->changes_total, 4);
	assert_null(store_change_get(s, 4));
	assert_non_null(store_change_get(s, 0));
	(void)jsonout_scan(j, s, 0);
	(void)jsonout_scan(j, s, 0);	/* and nothing twice */
	fflush(f);
	states_of(f, 7, got, sizeof(got));
	assert_string_equal(got, "firing acknowledged resolved");
	states_of(f, 8, got, sizeof(got));
	assert_string_equal(got, "firing");
	jsonout_free(j);
	fclose(f);
	store_free(s);
}

/* More transitions than the ring holds between two scans: the last state. */
static void
test_jsonout_overflow(void **state)
{
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	FILE			*f = tmpfile();
	struct jsonout		*j;
	char			 got[256];

	(void)state;
	assert_non_null(f);
	assert_int_equal(store_changes_keep(s, 2), 0);
	assert_non_null(j = jsonout_new(f));
	apply_alert(s, v, 1, 7, FOHP_AS_FIRING, "");
	apply_alert(s, v, 2, 7, FOHP_AS_ACKED, "ana");
	apply_alert(s, v, 3, 7, FOHP_AS_RESOLVED, "ana");
	apply_alert(s, v, 4, 9, FOHP_AS_FIRING, "");
	apply_alert(s, v, 5, 9, FOHP_AS_SHELVED, "");
	assert_null(store_change_get(s, 2));	/* overwritten */
	(void)jsonout_scan(j, s, 0);
	fflush(f);
	states_of(f, 7, got, sizeof(got));
	assert_string_equal(got, "resolved");
	states_of(f, 9, got, sizeof(got));
	assert_string_equal(got, "firing shelved");
	jsonout_free(j);
	fclose(f);
	store_free(s);
}

/*
 * Drills (PROTOCOL.md 15): while the venue's messages say drill, its venue
 * line and its drill alert's lines have "drill":true; a restarted agent
 * without the drill gives a venue line without it, and a real alert has
 * none.
 */
static void
test_jsonout_drill(void **state)
{
	struct store		*s = store_new();
	struct store_venue	*v = store_venue_add(s, "arena");
	struct fohp_msg		*m = calloc(1, sizeof(*m));
	FILE			*f = tmpfile();
	struct jsonout		*j;
	char			 got[4096];

	(void)state;
	assert_non_null(f);
	assert_non_null(m);
	assert_int_equal(store_changes_keep(s, 16), 0);
	assert_non_null(j = jsonout_new(f));
	apply_alert_drill(s, v, 1, 7, FOHP_AS_FIRING, "", 1);
	assert_int_equal(v->drill, 1);
	(void)jsonout_scan(j, s, 0);
	apply_alert_drill(s, v, 2, 7, FOHP_AS_ACKED, "ana", 1);
	(void)jsonout_scan(j, s, 0);
	/* The agent restarts without the drill: a heartbeat, a real alert. */
	m->v = FOHP_VERSION;
	strcpy(m->venue, "arena");
	m->epoch = E1 + 1;
	m->seq = 1;
	m->kind = FOHP_HEARTBEAT;
	(void)store_apply(s, v, m, 2000);
	assert_int_equal(v->drill, 0);
	m->seq = 2;
	m->kind = FOHP_ALERT;
	m->u.alert.id = 8;
	strcpy(m->u.alert.rule, "r");
	(void)store_apply(s, v, m, 2001);
	(void)jsonout_scan(j, s, 0);
	fflush(f);
	line_with(f, "\"type\":\"venue\"", 0, got, sizeof(got));
	assert_non_null(strstr(got, "\"drill\":true"));
	line_with(f, "\"type\":\"venue\"", 1, got, sizeof(got));
	assert_non_null(strstr(got, "\"link\":\"live\""));
	assert_null(strstr(got, "drill"));
	line_with(f, "\"id\":7,", 0, got, sizeof(got));
	assert_non_null(strstr(got, "\"state\":\"firing\""));
	assert_non_null(strstr(got, "\"drill\":true"));
	line_with(f, "\"id\":7,", 1, got, sizeof(got));
	assert_non_null(strstr(got, "\"acked_by\":\"ana\""));
	assert_non_null(strstr(got, "\"drill\":true"));
	line_with(f, "\"id\":8,", 0, got, sizeof(got));
	assert_non_null(strstr(got, "\"state\":\"firing\""));
	assert_null(strstr(got, "drill"));
	jsonout_free(j);
	fclose(f);
	free(m);
	store_free(s);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_jsonout_every_transition),
		cmocka_unit_test(test_jsonout_overflow),
		cmocka_unit_test(test_jsonout_drill),
	};

	return (cmocka_run_group_tests_name("jsonout", tests, NULL, NULL));
}
