/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-journal-samples.c: history at the edge (issue 15) on a real SQLite
 * file: steps written and read back by plain SQL, a step written twice
 * replaces its rows, retention deletes what is older in the same
 * transaction, a drill's rows are marked, a failed step is counted and
 * rolled back whole and the next one works, the edges (density 0 and its
 * maximum, FOHP_COUNT_MAX persons, every zone a venue may have, one device
 * more than a step holds), and [history] in the venue config.
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

#include <sqlite3.h>

#include "core/vconf.h"
#include "journal-fixture.h"

#define STEP_MS		10000ULL

/* A step at t with zones a..c, gate g1, device d1 and model m1 set. */
static struct journal_step *
make_step(uint64_t t, uint32_t count)
{
	struct journal_step	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		fail_msg("out of memory");
	s->t_ms = t;
	s->nzones = 3;
	strcpy(s->zones[0].zone, "floor");
	s->zones[0].count = count;
	s->zones[0].density = count / 100.0;
	s->zones[0].band = 'C';
	strcpy(s->zones[1].zone, "bar");
	s->zones[1].count = 7;
	s->zones[1].density = 0.07;
	s->zones[1].band = 'A';
	strcpy(s->zones[2].zone, "door");
	s->zones[2].count = 0;
	s->zones[2].density = 0;
	s->zones[2].band = 'A';
	s->ngates = 1;
	strcpy(s->gates[0].gate, "g1");
	s->gates[0].in = 54;
	s->gates[0].out = 3;
	s->gates[0].flow_pmm = 31.5;
	s->gates[0].los = 'B';
	s->ndevices = 1;
	strcpy(s->devices[0].device, "d1");
	strcpy(s->devices[0].status, "offline");
	s->devices[0].wear = 81.25;
	s->nmodels = 1;
	strcpy(s->models[0].model, "m1");
	s->models[0].score = 0.3;
	strcpy(s->models[0].level, "major");
	return (s);
}

/* journal_samples that must succeed. */
static void
samples_ok(struct journal *j, const struct journal_step *s, uint64_t keep)
{
	char	err[512] = "";

	if (journal_samples(j, s, keep, err, sizeof err) != 0)
		fail_msg("journal_samples: %s", err);
}

/* Steps written, read back by SQL from outside; the config noted. */
static void
test_samples_write(void **state)
{
	struct tj		*t = *state;
	struct journal		*j = tj_open(t);
	struct journal_step	*s;
	char			 buf[64], err[256];
	unsigned		 i;

	assert_int_equal(journal_config(j, T0 - 1, "0123456789abcdef",
	    STEP_MS, err, sizeof err), 0);
	for (i = 0; i < 3; i++) {
		s = make_step(T0 + i * STEP_MS, 100 + i);
		samples_ok(j, s, 0);
		free(s);
	}
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM zone_samples"),
	    9);
	assert_int_equal(sql_int(t->path, "SELECT count FROM zone_samples "
	    "WHERE zone = 'floor' AND t_ms = 1700000020000"), 102);
	assert_string_equal(sql_text(t->path, "SELECT band FROM zone_samples "
	    "WHERE zone = 'floor' LIMIT 1", buf, sizeof buf), "C");
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM zone_samples "
	    "WHERE zone = 'door' AND count = 0 AND density = 0"), 3);
	assert_int_equal(sql_int(t->path, "SELECT SUM(in_count) + "
	    "SUM(out_count) FROM gate_samples WHERE gate = 'g1'"), 3 * 57);
	assert_string_equal(sql_text(t->path, "SELECT los || ' ' || flow_pmm "
	    "FROM gate_samples LIMIT 1", buf, sizeof buf), "B 31.5");
	assert_string_equal(sql_text(t->path, "SELECT status || ' ' || wear "
	    "FROM device_samples LIMIT 1", buf, sizeof buf), "offline 81.25");
	assert_string_equal(sql_text(t->path, "SELECT level || ' ' || score "
	    "FROM model_samples LIMIT 1", buf, sizeof buf), "major 0.3");
	assert_string_equal(sql_text(t->path, "SELECT fingerprint || ' ' || "
	    "step_ms FROM configs", buf, sizeof buf), "0123456789abcdef 10000");
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM zone_samples "
	    "WHERE drill <> 0"), 0);
	assert_int_equal(journal_errors(j), 0);

	/* Closed and opened again: the statements are prepared afresh. */
	journal_close(j);
	j = tj_open(t);
	s = make_step(T0 + 3 * STEP_MS, 200);
	samples_ok(j, s, 0);
	free(s);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(DISTINCT t_ms) FROM "
	    "zone_samples"), 4);
	journal_close(j);
}

/* A step written twice (a restart within one step) replaces its rows. */
static void
test_samples_replace(void **state)
{
	struct tj		*t = *state;
	struct journal		*j = tj_open(t);
	struct journal_step	*s = make_step(T0, 100);

	samples_ok(j, s, 0);
	s->zones[0].count = 150;
	samples_ok(j, s, 0);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM zone_samples"),
	    3);
	assert_int_equal(sql_int(t->path, "SELECT count FROM zone_samples "
	    "WHERE zone = 'floor'"), 150);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM gate_samples"),
	    1);
	free(s);
	journal_close(j);
}

/* Retention: older rows go in the step's transaction; configs stay known. */
static void
test_samples_retention(void **state)
{
	struct tj		*t = *state;
	struct journal		*j = tj_open(t);
	struct journal_step	*s;
	char			 err[256];
	unsigned		 i;

	assert_int_equal(journal_config(j, T0, "aaaa", STEP_MS, err,
	    sizeof err), 0);
	assert_int_equal(journal_config(j, T0 + 15000, "bbbb", STEP_MS, err,
	    sizeof err), 0);
	assert_int_equal(journal_config(j, T0 + 45000, "cccc", STEP_MS, err,
	    sizeof err), 0);
	for (i = 0; i < 6; i++) {
		s = make_step(T0 + i * STEP_MS, 100);
		samples_ok(j, s, 0);
		free(s);
	}
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM zone_samples"),
	    18);
	/* Keep from T0 + 25 s: the rows at 0, 10 and 20 s go. */
	s = make_step(T0 + 6 * STEP_MS, 100);
	samples_ok(j, s, T0 + 25000);
	free(s);
	assert_int_equal(sql_int(t->path, "SELECT MIN(t_ms) FROM zone_samples"),
	    T0 + 30000);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM zone_samples"),
	    4 * 3);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM gate_samples"),
	    4);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM "
	    "device_samples"), 4);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM "
	    "model_samples"), 4);
	/* bbbb was in force at T0 + 25 s: kept; aaaa before it: gone. */
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM configs"), 2);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM configs "
	    "WHERE fingerprint = 'aaaa'"), 0);
	journal_close(j);
}

/*
 * Retention per drill mark: a drill's configs row, the newest before the
 * cut, does not make the real row in force at the cut go (nor the other
 * way round).
 */
static void
test_samples_retention_drill(void **state)
{
	struct tj		*t = *state;
	struct journal		*j = tj_open(t);
	struct journal_step	*s;
	char			 err[256];

	assert_int_equal(journal_config(j, T0, "real", STEP_MS, err,
	    sizeof err), 0);
	journal_set_drill(j, 1);
	assert_int_equal(journal_config(j, T0 + 5000, "dril", STEP_MS, err,
	    sizeof err), 0);
	journal_set_drill(j, 0);
	assert_int_equal(journal_config(j, T0 + 40000, "rea2", STEP_MS, err,
	    sizeof err), 0);
	s = make_step(T0 + 30000, 100);
	samples_ok(j, s, T0 + 25000);
	free(s);
	/* In force at T0 + 25 s: "real" (real), "dril" (drill): both kept. */
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM configs "
	    "WHERE fingerprint = 'real' AND drill = 0"), 1);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM configs "
	    "WHERE fingerprint = 'dril' AND drill = 1"), 1);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM configs"), 3);
	/* A later cut: "rea2" is in force; "real" goes, "dril" stays. */
	s = make_step(T0 + 60000, 100);
	samples_ok(j, s, T0 + 50000);
	free(s);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM configs "
	    "WHERE fingerprint = 'real'"), 0);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM configs "
	    "WHERE drill = 1"), 1);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM configs"), 2);
	journal_close(j);
}

/* A drill's rows are marked, beside the real ones of the same step. */
static void
test_samples_drill(void **state)
{
	struct tj		*t = *state;
	struct journal		*j = tj_open(t);
	struct journal_step	*s = make_step(T0, 100);
	char			 err[256];

	samples_ok(j, s, 0);
	journal_set_drill(j, 1);
	s->zones[0].count = 900;
	samples_ok(j, s, 0);
	assert_int_equal(journal_config(j, T0, "dddd", STEP_MS, err,
	    sizeof err), 0);
	journal_set_drill(j, 0);
	assert_int_equal(sql_int(t->path, "SELECT count FROM zone_samples "
	    "WHERE zone = 'floor' AND drill = 1"), 900);
	assert_int_equal(sql_int(t->path, "SELECT count FROM zone_samples "
	    "WHERE zone = 'floor' AND drill = 0"), 100);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM gate_samples "
	    "WHERE drill = 1"), 1);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM "
	    "device_samples WHERE drill = 1"), 1);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM "
	    "model_samples WHERE drill = 1"), 1);
	assert_int_equal(sql_int(t->path, "SELECT drill FROM configs"), 1);
	free(s);
	journal_close(j);
}

/*
 * A step that fails part way is rolled back whole and counted; the next
 * one commits. Then a lock held elsewhere fails a step at BEGIN, and the
 * next works again.
 */
static void
test_samples_fail(void **state)
{
	struct tj		*t = *state;
	struct journal		*j = tj_open(t);
	struct journal_step	*s = make_step(T0, 100);
	sqlite3			*db;
	char			 err[512] = "";

	sql_exec(t->path, "CREATE TRIGGER refuse BEFORE INSERT ON "
	    "model_samples BEGIN SELECT RAISE(ABORT, 'refused by the test');"
	    " END");
	assert_int_equal(journal_samples(j, s, 0, err, sizeof err), -1);
	print_message("refused: %s\n", err);
	assert_non_null(strstr(err, t->path));
	assert_non_null(strstr(err, "model m1"));
	assert_non_null(strstr(err, "refused by the test"));
	assert_int_equal(journal_errors(j), 1);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM zone_samples"),
	    0);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM gate_samples"),
	    0);
	/* No room for the words: still counted. */
	assert_int_equal(journal_samples(j, s, 0, NULL, 0), -1);
	assert_int_equal(journal_errors(j), 2);
	sql_exec(t->path, "DROP TRIGGER refuse");
	s->t_ms = T0 + STEP_MS;
	samples_ok(j, s, 0);
	assert_int_equal(journal_errors(j), 2);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM zone_samples"),
	    3);

	assert_int_equal(sqlite3_open(t->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN EXCLUSIVE", NULL, NULL,
	    NULL), SQLITE_OK);
	s->t_ms = T0 + 2 * STEP_MS;
	assert_int_equal(journal_samples(j, s, 0, err, sizeof err), -1);
	print_message("locked: %s\n", err);
	assert_non_null(strstr(err, "locked"));
	assert_int_equal(journal_errors(j), 3);
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	samples_ok(j, s, 0);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(DISTINCT t_ms) FROM "
	    "zone_samples"), 2);
	free(s);
	journal_close(j);
}

/*
 * The edges: density 0 and FOHP_DENSITY_MAX, FOHP_COUNT_MAX persons, every
 * zone a venue may have in one step, ids of the longest length, gates at
 * UINT32_MAX, and one device more than a step holds (only those held are
 * written).
 */
static void
test_samples_edges(void **state)
{
	struct tj		*t = *state;
	struct journal		*j = tj_open(t);
	struct journal_step	*s = make_step(T0, 0);
	char			 buf[128];
	unsigned		 i;

	s->nzones = FOHP_ZONES_MAX;
	for (i = 0; i < FOHP_ZONES_MAX; i++) {
		snprintf(s->zones[i].zone, sizeof s->zones[i].zone, "z%03u",
		    i);
		s->zones[i].count = i % 2 ? FOHP_COUNT_MAX : 0;
		s->zones[i].density = i % 2 ? FOHP_DENSITY_MAX : 0;
		s->zones[i].band = i % 2 ? 'F' : 'A';
	}
	memset(s->zones[0].zone, 'x', sizeof s->zones[0].zone - 1);
	s->gates[0].in = s->gates[0].out = UINT32_MAX;
	s->ndevices = FOHP_DEVICES_MAX + 1;
	for (i = 0; i < FOHP_DEVICES_MAX; i++) {
		snprintf(s->devices[i].device, sizeof s->devices[i].device,
		    "d%02u", i);
		strcpy(s->devices[i].status, "ok");
	}
	samples_ok(j, s, 0);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM zone_samples"),
	    FOHP_ZONES_MAX);
	assert_int_equal(sql_int(t->path, "SELECT MAX(count) FROM "
	    "zone_samples"), FOHP_COUNT_MAX);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM zone_samples "
	    "WHERE density = 20.0 AND band = 'F'"), FOHP_ZONES_MAX / 2);
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM zone_samples "
	    "WHERE density = 0 AND count = 0"), FOHP_ZONES_MAX / 2);
	assert_int_equal(sql_int(t->path, "SELECT MAX(length(zone)) FROM "
	    "zone_samples"), FOHP_ID_MAX - 1);
	assert_string_equal(sql_text(t->path, "SELECT in_count || ' ' || "
	    "out_count FROM gate_samples", buf, sizeof buf),
	    "4294967295 4294967295");
	assert_int_equal(sql_int(t->path, "SELECT COUNT(*) FROM "
	    "device_samples"), FOHP_DEVICES_MAX);
	free(s);
	journal_close(j);
}

/* A small venue with [history] lines appended. */
static int
load_history(struct vconf *c, const char *journal, const char *history,
    char *err, size_t errlen)
{
	char	text[1024];

	snprintf(text, sizeof text, "[venue]\nid = v\n[zone a]\n"
	    "rect = 0,0,1,1\narea_m2 = 10\n%s%s%s", journal, history[0] !=
	    '\0' ? "[history]\n" : "", history);
	return (vconf_load_string(c, "v.conf", text, err, errlen));
}

/* [history]: defaults, bounds, and refusals that name FILE:LINE. */
static void
test_samples_config(void **state)
{
	static const struct {
		const char	*journal, *history;
		const char	*error;	/* NULL: loads */
		uint32_t	 step_ms;
		uint64_t	 keep_ms;
		int		 enabled;
	} cases[] = {
		{ "", "", NULL, 10000, 30ULL * 86400000, 0 },
		{ "[journal]\npath = j.db\n", "", NULL, 10000,
		    30ULL * 86400000, 1 },
		{ "[journal]\npath = j.db\n", "enabled = no\n", NULL, 10000,
		    30ULL * 86400000, 0 },
		{ "[journal]\npath = j.db\n", "step = 1s\nretention = 1s\n",
		    NULL, 1000, 1000, 1 },
		{ "[journal]\npath = j.db\n", "step = 1h\nretention = 3660d\n",
		    NULL, 3600000, 3660ULL * 86400000, 1 },
		{ "", "step = 0.5s\n", "v.conf:7: step \"0.5s\" must be a "
		    "duration from 1s to 1h", 0, 0, 0 },
		{ "", "step = 2h\n", "v.conf:7: step \"2h\"", 0, 0, 0 },
		{ "", "step = soon\n", "v.conf:7: step \"soon\"", 0, 0, 0 },
		{ "", "retention = 3661d\n", "v.conf:7: retention \"3661d\"",
		    0, 0, 0 },
		{ "", "step = 1m\nretention = 30s\n", "v.conf:8: [history] "
		    "retention (30000 ms) is shorter than its step", 0, 0, 0 },
		{ "", "enabled = maybe\n", "v.conf:7: enabled \"maybe\" must "
		    "be yes or no", 0, 0, 0 },
		{ "", "enabled = yes\n", "v.conf:7: [history] enabled = yes "
		    "needs a journal", 0, 0, 0 },
		{ "", "colour = red\n", "v.conf:7: unknown key \"colour\" in "
		    "[history]", 0, 0, 0 },
	};
	struct vconf	*c;
	char		 err[512];
	unsigned	 i;
	int		 rv;

	(void)state;
	if ((c = malloc(sizeof(*c))) == NULL)
		fail_msg("out of memory");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		rv = load_history(c, cases[i].journal, cases[i].history, err,
		    sizeof err);
		if (cases[i].error != NULL) {
			if (rv == 0 || strstr(err, cases[i].error) == NULL)
				fail_msg("case %u: wanted \"%s\", got %d \"%s\"",
				    i, cases[i].error, rv, err);
			continue;
		}
		if (rv != 0)
			fail_msg("case %u: %s", i, err);
		assert_int_equal(c->history_step_ms, cases[i].step_ms);
		assert_int_equal(c->history_keep_ms, cases[i].keep_ms);
		assert_int_equal(c->history_enabled, cases[i].enabled);
		assert_int_equal(strlen(c->fingerprint), 16);
	}
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, tj_setup, tj_teardown)
		T(test_samples_write),
		T(test_samples_replace),
		T(test_samples_retention),
		T(test_samples_retention_drill),
		T(test_samples_drill),
		T(test_samples_fail),
		T(test_samples_edges),
		cmocka_unit_test(test_samples_config),
#undef T
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
