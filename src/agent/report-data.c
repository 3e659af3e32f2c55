/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * report-data.c: report_load, the numbers of a night read back from the
 * journal (report.h defines each of them; journal.c says what the tables
 * hold). The file is opened read-only: fohd may be writing it, in WAL
 * mode, and a reader never blocks it; every table is read in one read
 * transaction, so the numbers all come from one snapshot.
 *
 * Each history table is read in one pass over the range, in time order
 * (its primary key starts with t_ms), and each row is handed to its zone,
 * gate, device or model by id; the rows of a step come in the same order
 * every step, so the next subject is tried first. Subjects the config
 * does not have are skipped: the report is of the venue as configured.
 * A row lasts the step in force at its time (the configs table) but
 * ends at the next configs row and at its subject's next row (report.h):
 * each row is counted when the next one of its subject comes, or at the end.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "report-priv.h"
#include "core/band.h"
#include "core/flow.h"
#include "core/rules.h"
#include "lib/clock.h"
#include "lib/text.h"

/* The journal schema version read here (journal-schema.c's JOURNAL_VERSION). */
#define REPORT_SCHEMA	4

/*
 * The configs rows of the mark asked for (a drill without its own takes
 * the real ones), and the fingerprint and step in force at the end.
 */
static int
report_data_configs(struct report_db *d, struct report *r, char *err,
    size_t errlen)
{
	static const char	*sql[2] = {
	    "SELECT t_ms, fingerprint, step_ms FROM configs WHERE drill = ?1"
	    " ORDER BY t_ms",
	    "SELECT t_ms, fingerprint, step_ms FROM configs ORDER BY t_ms" };
	sqlite3_stmt		*st;
	size_t			 cap = 0, cap2 = 0;
	int			 i, rc;

	for (i = 0; i < 2 && d->nsteps == 0; i++) {
		if (report_db_query(d, sql[i], &st, err, errlen) != 0)
			return (-1);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			uint64_t	t = (uint64_t)sqlite3_column_int64(st, 0);
			sqlite3_int64	s = sqlite3_column_int64(st, 2);

			if (s <= 0)
				continue;
			if (report_grow(&d->step_t, &cap, d->nsteps,
			    sizeof(*d->step_t)) != 0 ||
			    report_grow(&d->step_ms, &cap2, d->nsteps,
			    sizeof(*d->step_ms)) != 0) {
				text_error(err, errlen, "out of memory");
				sqlite3_finalize(st);
				return (-1);
			}
			d->step_t[d->nsteps] = t;
			d->step_ms[d->nsteps++] = (uint64_t)s;
			if (t < d->to || d->nsteps == 1)
				text_copy(r->fingerprint,
				    sizeof(r->fingerprint),
				    report_db_text(st, 1));
		}
		if (report_db_done(d, st, rc, err, errlen) != 0)
			return (-1);
	}
	r->step_ms = report_db_step_at(d, d->to > 0 ? d->to - 1 : 0);
	return (0);
}

/* Index of id among n names of stride size from base, trying hint first. */
static int
report_data_find(const char *base, size_t stride, size_t n, const char *id,
    size_t *hint)
{
	size_t	i, k;

	for (k = 0; k < n; k++) {
		i = (*hint + k) % n;
		if (strcmp(base + i * stride, id) == 0) {
			*hint = (i + 1) % n;
			return ((int)i);
		}
	}
	return (-1);
}

/* Append one sample (t, v) to a zone's or gate's series. */
static int
report_data_push(uint64_t **t, float **v, size_t *cap, size_t *n,
    uint64_t tv, double vv)
{
	size_t	c = *cap;

	if (report_grow(t, &c, *n, sizeof(**t)) != 0 ||
	    report_grow(v, cap, *n, sizeof(**v)) != 0)
		return (-1);
	(*t)[*n] = tv;
	(*v)[(*n)++] = (float)vv;
	return (0);
}

/* Zones: series, peak, minutes per band, capacity use. */
static int
report_data_zones(struct report_db *d, struct report *r,
    const struct vconf *conf, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	size_t		*cap, hint = 0, i;
	uint64_t	(*ms)[BAND_COUNT];
	unsigned char	*last;		/* each zone's last row's band */
	int		 rc, z, b;

	r->nzones = conf->layout.nzones;
	if ((r->zones = calloc(r->nzones + 1, sizeof(*r->zones))) == NULL ||
	    (cap = calloc(r->nzones + 1, sizeof(*cap))) == NULL) {
		text_error(err, errlen, "out of memory");
		return (-1);
	}
	if ((ms = calloc(r->nzones + 1, sizeof(*ms))) == NULL ||
	    (last = calloc(r->nzones + 1, 1)) == NULL) {
		free(ms);
		free(cap);
		text_error(err, errlen, "out of memory");
		return (-1);
	}
	for (i = 0; i < r->nzones; i++) {
		const struct fohp_zone_def	*zd = &conf->layout.zones[i];
		struct report_zone		*rz = &r->zones[i];
		const char			*why1, *why2;

		text_copy(rz->id, sizeof(rz->id), zd->id);
		text_copy(rz->name, sizeof(rz->name), zd->name);
		rz->kind = zd->kind;
		rz->capacity = zd->capacity;
		rules_zone_levels(conf, (unsigned)i, &rz->warn, &rz->crit,
		    &why1, &why2);
	}
	if (report_db_query(d, "SELECT t_ms, zone, count, density, band"
	    " FROM zone_samples WHERE drill = ?1 AND t_ms >= ?2 AND t_ms < ?3"
	    " ORDER BY t_ms", &st, err, errlen) != 0) {
		rc = -1;
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint64_t		 t = (uint64_t)sqlite3_column_int64(st, 0);
		double			 dens = sqlite3_column_double(st, 3);
		sqlite3_int64		 count = sqlite3_column_int64(st, 2);
		const char		*band = report_db_text(st, 4);
		struct report_zone	*rz;

		if ((z = report_data_find(r->zones[0].id, sizeof(*r->zones),
		    r->nzones, report_db_text(st, 1), &hint)) < 0)
			continue;
		rz = &r->zones[z];
		if ((b = band_index(band[0])) < 0 || band[1] != '\0')
			b = band_index(band_of(dens,
			    conf->layout.zones[z].kind));
		/* The row before lasts until this one at most. */
		if (rz->n > 0)
			ms[z][last[z]] += report_db_span(d,
			    rz->t_ms[rz->n - 1], t);
		last[z] = (unsigned char)b;
		if (rz->n == 0 || dens > rz->peak) {
			rz->peak = dens;
			rz->peak_ms = t;
		}
		if (count > 0 && (uint64_t)count > rz->peak_count)
			rz->peak_count = count > UINT32_MAX ? UINT32_MAX :
			    (uint32_t)count;
		if (report_data_push(&rz->t_ms, &rz->density, &cap[z], &rz->n,
		    t, dens) != 0) {
			sqlite3_finalize(st);
			text_error(err, errlen, "out of memory");
			rc = -1;
			goto out;
		}
	}
	rc = report_db_done(d, st, rc, err, errlen);
out:
	for (i = 0; i < r->nzones; i++) {
		struct report_zone	*rz = &r->zones[i];

		if (rz->n > 0)
			ms[i][last[i]] += report_db_span(d,
			    rz->t_ms[rz->n - 1], UINT64_MAX);

		for (b = 0; b < BAND_COUNT; b++)
			rz->minutes[b] = (double)ms[i][b] / 60000.0;
		if (rz->capacity > 0)
			rz->cap_use = (double)rz->peak_count / rz->capacity;
	}
	free(last);
	free(ms);
	free(cap);
	return (rc);
}

/* Gates: totals in and out, flow series, peak, minutes over the limit. */
static int
report_data_gates(struct report_db *d, struct report *r,
    const struct vconf *conf, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	size_t		*cap, hint = 0, i;
	uint64_t	*over;		/* ms over the limit */
	int		 rc, g;

	r->ngates = conf->ngates;
	if ((r->gates = calloc(r->ngates + 1, sizeof(*r->gates))) == NULL ||
	    (cap = calloc(r->ngates + 1, sizeof(*cap))) == NULL) {
		text_error(err, errlen, "out of memory");
		return (-1);
	}
	if ((over = calloc(r->ngates + 1, sizeof(*over))) == NULL) {
		free(cap);
		text_error(err, errlen, "out of memory");
		return (-1);
	}
	for (i = 0; i < r->ngates; i++) {
		text_copy(r->gates[i].id, sizeof(r->gates[i].id),
		    conf->gates[i].id);
		text_copy(r->gates[i].name, sizeof(r->gates[i].name),
		    conf->gates[i].name);
		r->gates[i].limit = FLOW_LIMIT_LEVEL;
	}
	if (report_db_query(d, "SELECT t_ms, gate, in_count, out_count,"
	    " flow_pmm FROM gate_samples WHERE drill = ?1 AND t_ms >= ?2"
	    " AND t_ms < ?3 ORDER BY t_ms", &st, err, errlen) != 0) {
		free(over);
		free(cap);
		return (-1);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint64_t		 t = (uint64_t)sqlite3_column_int64(st, 0);
		double			 flow = sqlite3_column_double(st, 4);
		sqlite3_int64		 in = sqlite3_column_int64(st, 2);
		sqlite3_int64		 out = sqlite3_column_int64(st, 3);
		struct report_gate	*rg;

		if ((g = report_data_find(r->gates[0].id, sizeof(*r->gates),
		    r->ngates, report_db_text(st, 1), &hint)) < 0)
			continue;
		rg = &r->gates[g];
		rg->in += in > 0 ? (uint64_t)in : 0;
		rg->out += out > 0 ? (uint64_t)out : 0;
		if (rg->n == 0 || flow > rg->peak) {
			rg->peak = flow;
			rg->peak_ms = t;
		}
		/* The row before lasts until this one at most. */
		if (rg->n > 0 && rg->minutes_over > 0)
			over[g] += report_db_span(d, rg->t_ms[rg->n - 1], t);
		/* While reading, minutes_over says whether this row is over. */
		rg->minutes_over = flow > rg->limit;
		if (report_data_push(&rg->t_ms, &rg->flow, &cap[g], &rg->n,
		    t, flow) != 0) {
			sqlite3_finalize(st);
			free(over);
			free(cap);
			text_error(err, errlen, "out of memory");
			return (-1);
		}
	}
	for (i = 0; i < r->ngates; i++) {
		struct report_gate	*rg = &r->gates[i];

		if (rg->n > 0 && rg->minutes_over > 0)
			over[i] += report_db_span(d, rg->t_ms[rg->n - 1],
			    UINT64_MAX);
		rg->minutes_over = (double)over[i] / 60000.0;
	}
	free(over);
	free(cap);
	return (report_db_done(d, st, rc, err, errlen));
}

/* Whether a status or level is a device's or model's usual one. */
static int
report_data_nominal(const char *s)
{
	return (strcmp(s, "ok") == 0 || strcmp(s, "stable") == 0 ||
	    strcmp(s, "pending") == 0);
}

/*
 * Equipment or drift events from one table: each change of a subject's
 * status (level) from its row before; the first row in the range is one
 * only if it is not the usual state. prev holds n names of 16 bytes.
 */
static int
report_data_changes(struct report_db *d, struct report *r, const char *sql,
    const char *ids, size_t stride, size_t n, size_t *cap, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	char		(*prev)[16];
	size_t		 hint = 0;
	int		 rc, k;

	if ((prev = calloc(n + 1, sizeof(*prev))) == NULL) {
		text_error(err, errlen, "out of memory");
		return (-1);
	}
	if (report_db_query(d, sql, &st, err, errlen) != 0) {
		free(prev);
		return (-1);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char		*now = report_db_text(st, 2);
		struct report_event	*ev;

		if ((k = report_data_find(ids, stride, n,
		    report_db_text(st, 1), &hint)) < 0 ||
		    strcmp(prev[k], now) == 0)
			continue;
		if (prev[k][0] == '\0' && report_data_nominal(now)) {
			text_copy(prev[k], sizeof(prev[k]), now);
			continue;
		}
		if (report_grow(&r->events, cap, r->nevents,
		    sizeof(*r->events)) != 0) {
			sqlite3_finalize(st);
			free(prev);
			text_error(err, errlen, "out of memory");
			return (-1);
		}
		ev = &r->events[r->nevents++];
		memset(ev, 0, sizeof(*ev));
		ev->t_ms = (uint64_t)sqlite3_column_int64(st, 0);
		text_copy(ev->subject, sizeof(ev->subject),
		    report_db_text(st, 1));
		text_copy(ev->from, sizeof(ev->from), prev[k]);
		text_copy(ev->to, sizeof(ev->to), now);
		ev->value = sqlite3_column_double(st, 3);
		text_copy(prev[k], sizeof(prev[k]), now);
	}
	free(prev);
	return (report_db_done(d, st, rc, err, errlen));
}

/* Order events by time, then subject. */
static int
report_data_event_cmp(const void *a, const void *b)
{
	const struct report_event	*x = a, *y = b;

	if (x->t_ms != y->t_ms)
		return (x->t_ms < y->t_ms ? -1 : 1);
	return (strcmp(x->subject, y->subject));
}

/* Equipment (device status) and drift (model level) events, in order. */
static int
report_data_events(struct report_db *d, struct report *r,
    const struct vconf *conf, char *err, size_t errlen)
{
	size_t	cap = 0;

	if (report_data_changes(d, r, "SELECT t_ms, device, status, wear"
	    " FROM device_samples WHERE drill = ?1 AND t_ms >= ?2"
	    " AND t_ms < ?3 ORDER BY t_ms", conf->devices[0].id,
	    sizeof(conf->devices[0]), conf->ndevices, &cap, err, errlen) != 0)
		return (-1);
	if (report_data_changes(d, r, "SELECT t_ms, model, level, score"
	    " FROM model_samples WHERE drill = ?1 AND t_ms >= ?2"
	    " AND t_ms < ?3 ORDER BY t_ms", conf->models[0].id,
	    sizeof(conf->models[0]), conf->nmodels, &cap, err, errlen) != 0)
		return (-1);
	if (r->nevents > 1)
		qsort(r->events, r->nevents, sizeof(*r->events),
		    report_data_event_cmp);
	return (0);
}

/*
 * Open the journal read-only, waiting busy_ms at most for a lock, and check
 * it has the history tables.
 */
static int
report_data_open(struct report_db *d, const char *path, unsigned busy_ms,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 version = -1;

	d->path = path;
	if (journal_read_open(path, &d->db, busy_ms > 0 ? busy_ms :
	    REPORT_BUSY_MS, err, errlen) != 0)
		return (-1);
	/* One read transaction: every SELECT sees the same snapshot while
	 * fohd goes on writing (WAL); report_load ends it. */
	if (sqlite3_exec(d->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		text_error(err, errlen, "%s: cannot begin reading: %s", path,
		    sqlite3_errmsg(d->db));
		return (-1);
	}
	if (sqlite3_prepare_v2(d->db, "PRAGMA user_version", -1, &st,
	    NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			version = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	if (version < 0) {
		text_error(err, errlen, "%s: not a journal: %s", path,
		    sqlite3_errmsg(d->db));
		return (-1);
	}
	if (version < REPORT_SCHEMA) {
		text_error(err, errlen, "%s: journal schema version %d has "
		    "no history (version %d has; fohd upgrades it when it "
		    "next opens the file)", path, version, REPORT_SCHEMA);
		return (-1);
	}
	return (0);
}

/* Read the numbers from the journal at path. NULL and err on error. */
struct report *
report_load(const char *path, const struct vconf *conf,
    const struct report_opts *opts, char *err, size_t errlen)
{
	struct report_db	 d;
	struct report		*r;
	int			 rc = -1;

	memset(&d, 0, sizeof(d));
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		text_error(err, errlen, "out of memory");
		return (NULL);
	}
	d.drill = r->drill = opts->drill ? 1 : 0;
	d.from = r->from_ms = opts->from_ms;
	d.to = r->to_ms = opts->to_ms != 0 ? opts->to_ms : clock_wall_ms();
	text_copy(r->venue, sizeof(r->venue), conf->id);
	text_copy(r->name, sizeof(r->name), conf->layout.name);
	if (d.to <= d.from)
		text_error(err, errlen, "the range is empty: its end is not "
		    "after its start");
	else if (report_data_open(&d, path, opts->busy_ms, err,
	    errlen) == 0 &&
	    report_data_configs(&d, r, err, errlen) == 0 &&
	    report_data_zones(&d, r, conf, err, errlen) == 0 &&
	    report_data_gates(&d, r, conf, err, errlen) == 0 &&
	    report_data_events(&d, r, conf, err, errlen) == 0 &&
	    report_alerts_load(&d, r, err, errlen) == 0)
		rc = 0;
	if (d.db != NULL && !sqlite3_get_autocommit(d.db))
		sqlite3_exec(d.db, rc == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL,
		    NULL);
	sqlite3_close(d.db);
	free(d.step_t);
	free(d.step_ms);
	if (rc != 0) {
		report_free(r);
		return (NULL);
	}
	return (r);
}

/* Free a report and everything in it. */
void
report_free(struct report *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; r->zones != NULL && i < r->nzones; i++) {
		free(r->zones[i].t_ms);
		free(r->zones[i].density);
	}
	for (i = 0; r->gates != NULL && i < r->ngates; i++) {
		free(r->gates[i].t_ms);
		free(r->gates[i].flow);
	}
	free(r->zones);
	free(r->gates);
	free(r->alerts);
	free(r->decisions);
	free(r->events);
	free(r->by_operator);
	free(r);
}
