/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * jsonout.c: print the store's changes as JSON lines (foh --json).
 *
 * Alerts: every transition the store recorded in its ring since the last
 * scan (store_changes_keep), in order, so that a batch that fired,
 * acknowledged and resolved an alert (a replay from JetStream) prints
 * each step; then a look at every alert held, which prints what the ring
 * lost if it overflowed (its last state only) and is otherwise silent.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonout.h"

#define JSONOUT_ALERTS	(STORE_VENUES_MAX * 16)

/* What was last printed for an alert. */
struct jsonout_alert {
	char			venue[FOHP_ID_MAX];
	uint64_t		id;
	enum fohp_alert_state	state;
	enum fohp_severity	severity;
	uint8_t			escalated;
	char			acked_by[FOHP_ID_MAX];
};

struct jsonout {
	FILE			*f;
	enum store_link		 link[STORE_VENUES_MAX];
	int			 seen[STORE_VENUES_MAX];
	char			 band[STORE_VENUES_MAX][FOHP_ZONES_MAX];
	unsigned		 nalerts;
	struct jsonout_alert	 alerts[JSONOUT_ALERTS];
	uint64_t		 dropped[STORE_VENUES_MAX];	/* the store's
						   alerts_dropped, last seen */
	uint64_t		 heals[STORE_VENUES_MAX];	/* heal_replay +
						   heal_snapshot, last seen */
	uint64_t		 changes_seen;	/* the store's ring, read to */
	int			 drill[STORE_VENUES_MAX];	/* printed */
};

/* Start. */
struct jsonout *
jsonout_new(FILE *f)
{
	struct jsonout	*j;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		return (NULL);
	j->f = f;
	return (j);
}

/* Free. */
void
jsonout_free(struct jsonout *j)
{
	free(j);
}

/* Print one object as a line and free it. */
static unsigned
jsonout_line(struct jsonout *j, json_t *o)
{
	if (o == NULL)
		return (0);
	json_dumpf(o, j->f, JSON_COMPACT | JSON_ENSURE_ASCII);
	fputc('\n', j->f);
	json_decref(o);
	return (1);
}

/* The words for a link state. */
static const char *
jsonout_link(enum store_link l)
{
	static const char *const w[] = { "connecting", "live", "stale",
	    "offline" };

	return (w[l]);
}

/* Find or add the record of an alert. */
static struct jsonout_alert *
jsonout_alert(struct jsonout *j, const char *venue, uint64_t id, int *fresh)
{
	unsigned	i;

	*fresh = 0;
	for (i = 0; i < j->nalerts; i++) {
		if (j->alerts[i].id == id &&
		    strcmp(j->alerts[i].venue, venue) == 0)
			return (&j->alerts[i]);
	}
	if (j->nalerts == JSONOUT_ALERTS)
		memmove(&j->alerts[0], &j->alerts[1],
		    --j->nalerts * sizeof(j->alerts[0]));
	*fresh = 1;
	memset(&j->alerts[j->nalerts], 0, sizeof(j->alerts[0]));
	snprintf(j->alerts[j->nalerts].venue, FOHP_ID_MAX, "%s", venue);
	j->alerts[j->nalerts].id = id;
	return (&j->alerts[j->nalerts++]);
}

/*
 * Print a line for each alert of venue v that was printed and that the
 * store no longer holds (a snapshot said it is not open): state "gone".
 */
static unsigned
jsonout_gone(struct jsonout *j, const struct store_venue *v)
{
	unsigned	i, k, n = 0;
	int		held;

	i = 0;
	while (i < j->nalerts) {
		if (strcmp(j->alerts[i].venue, v->id) != 0) {
			i++;
			continue;
		}
		for (held = 0, k = 0; k < v->nalerts && !held; k++)
			held = v->alerts[k].id == j->alerts[i].id;
		if (held) {
			i++;
			continue;
		}
		n += jsonout_line(j, json_pack("{s:s, s:s, s:I, s:s}", "type",
		    "alert", "venue", v->id, "id",
		    (json_int_t)j->alerts[i].id, "state", "gone"));
		memmove(&j->alerts[i], &j->alerts[i + 1],
		    (--j->nalerts - i) * sizeof(j->alerts[0]));
	}
	return (n);
}

/* Add "drill": true to o (a venue or alert line) if drill; o is returned. */
static json_t *
jsonout_drill(int drill, json_t *o)
{
	if (o != NULL && drill)
		json_object_set_new(o, "drill", json_true());
	return (o);
}

/* Print a transition if it is not what was last printed of its alert. */
static unsigned
jsonout_change(struct jsonout *j, const struct store_change *a)
{
	struct jsonout_alert	*r;
	int			 fresh;

	r = jsonout_alert(j, a->venue, a->id, &fresh);
	if (!fresh && r->state == a->state && r->severity == a->severity &&
	    r->escalated == a->escalated &&
	    strcmp(r->acked_by, a->acked_by) == 0)
		return (0);
	r->state = a->state;
	r->severity = a->severity;
	r->escalated = a->escalated;
	memcpy(r->acked_by, a->acked_by, sizeof(r->acked_by));
	return (jsonout_line(j, jsonout_drill(a->drill, json_pack("{s:s, "
	    "s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:s, s:I, s:i, "
	    "s:s, s:s}",
	    "type", "alert", "venue", a->venue, "id", (json_int_t)a->id,
	    "rule", a->rule, "subject", a->subject,
	    "severity", fohp_severity_name(a->severity),
	    "state", fohp_alert_state_name(a->state),
	    "title", a->title, "value", a->value,
	    "threshold", a->threshold, "unit", a->unit,
	    "since", (json_int_t)a->since_ms,
	    "escalated", (int)a->escalated, "acked_by", a->acked_by,
	    "action", a->action))));
}

/*
 * Print the transitions the store's ring recorded since the last scan;
 * those it no longer holds are skipped (the scan of the alerts then
 * prints their last state).
 */
static unsigned
jsonout_changes(struct jsonout *j, const struct store *s)
{
	const struct store_change	*ch;
	unsigned			 n = 0;

	if (s->changes_total - j->changes_seen > s->changes_cap)
		j->changes_seen = s->changes_total - s->changes_cap;
	for (; j->changes_seen < s->changes_total; j->changes_seen++)
		if ((ch = store_change_get(s, j->changes_seen)) != NULL)
			n += jsonout_change(j, ch);
	return (n);
}

/* Print the alerts of a venue that changed. */
static unsigned
jsonout_alerts(struct jsonout *j, const struct store_venue *v)
{
	struct store_change	ch;
	unsigned		i, n = 0;

	for (i = 0; i < v->nalerts; i++) {
		store_change_fill(&ch, v->id, &v->alerts[i]);
		n += jsonout_change(j, &ch);
	}
	return (n);
}

/* Print what changed. */
unsigned
jsonout_scan(struct jsonout *j, const struct store *s, uint64_t now_ms)
{
	unsigned	i, k, n = 0;
	uint64_t	heals;

	for (i = 0; i < s->nvenues; i++) {
		const struct store_venue	*v = s->venues[i];

		if (v->id[0] == '\0')
			continue;
		heals = v->stats.heal_replay + v->stats.heal_snapshot;
		if (!j->seen[i] || j->link[i] != v->link ||
		    j->heals[i] != heals || j->drill[i] != v->drill) {
			j->seen[i] = 1;
			j->link[i] = v->link;
			j->heals[i] = heals;
			j->drill[i] = v->drill;
			n += jsonout_line(j, jsonout_drill(v->drill,
			    json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, "
			    "s:I}", "type", "venue", "venue",
			    v->id, "name", v->name, "link",
			    jsonout_link(v->link), "seq",
			    (json_int_t)v->last_seq, "heal_replay",
			    (json_int_t)v->stats.heal_replay, "heal_snapshot",
			    (json_int_t)v->stats.heal_snapshot, "replayed",
			    (json_int_t)v->stats.replayed)));
		}
	}
	n += jsonout_changes(j, s);
	for (i = 0; i < s->nvenues; i++) {
		const struct store_venue	*v = s->venues[i];

		if (v->id[0] == '\0')
			continue;
		for (k = 0; k < v->nzones; k++) {
			const struct store_zone	*z = &v->zones[k];

			if (!z->has_sample || j->band[i][k] == z->last.band)
				continue;
			j->band[i][k] = z->last.band;
			n += jsonout_line(j, json_pack("{s:s, s:s, s:s, s:s%, "
			    "s:f, s:i}", "type", "zone", "venue", v->id,
			    "zone", z->def.id, "band", &z->last.band,
			    (size_t)1, "density", z->last.density, "count",
			    (int)z->last.count));
		}
		n += jsonout_alerts(j, v);
		if (j->dropped[i] != v->stats.alerts_dropped) {
			j->dropped[i] = v->stats.alerts_dropped;
			n += jsonout_gone(j, v);
		}
	}
	if (n > 0)
		fflush(j->f);
	(void)now_ms;
	return (n);
}
