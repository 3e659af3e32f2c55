/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * store.h: the live state of venues, as a console (or an agent) knows it.
 *
 * The store is the model the ui/ views read. It is fed decoded protocol
 * messages by store_apply, which also does the sequence bookkeeping: it
 * notices a new agent instance (epoch), a gap in the per-venue sequence, and
 * messages already covered by a snapshot, and says when the caller should ask
 * the agent for a snapshot. Every entity remembers the sequence number that
 * last set it, so a snapshot taken before a newer stream message cannot undo
 * that message. The store does no I/O and keeps no clock: callers pass now_ms
 * (a monotonic millisecond clock).
 *
 * Memory per venue follows what it has: zones, gates, devices and models
 * are arrays grown to their count, each with fixed-size histories (ring
 * buffers); the alert table
 * grows as alerts come, to hold every open alert the agent can have
 * (FOHP_OPEN_MAX) and the STORE_RESOLVED_KEEP latest resolved ones.
 * Snapshots carry each entity's recent history (oldest first), and a
 * console that has none yet takes it, so sparklines are full at once.
 *
 * A snapshot is the agent's truth about alerts (PROTOCOL.md 6.8): applying
 * one drops every alert of the venue that is not in its `open` list unless
 * the stream updated it after the snapshot (no ghosts), and notes the open
 * ids whose maps the snapshot did not carry and the store lacks or holds
 * older (`missing`), for the caller to ask for with op "alerts".
 */
#ifndef FOH_STORE_H
#define FOH_STORE_H

#include <stdint.h>

#include "proto/foh-proto.h"
#include "forecast.h"

#define STORE_HISTORY		FOHP_HIST_MAX	/* samples kept per series */
#define STORE_TREND_STEP_MS	2000	/* zone counts kept this far apart */
#define STORE_HIST_STEP_MS	5000	/* zone and gate history: one value
					   per 5 s, so 60 cover 5 minutes */
#define STORE_VENUES_MAX	1024	/* venues a console watches */
#define STORE_STALE_BEATS	3	/* STALE after this many missed beats */
#define STORE_RESOLVED_KEEP	64	/* resolved alerts kept per venue */
#define STORE_ALERTS_MAX	(FOHP_OPEN_MAX + STORE_RESOLVED_KEEP)
#define STORE_PAST_MAX		512	/* resolved alerts kept for the
					   history view, all venues */
#define STORE_PAST_OPS		8	/* of each: its first op and
					   the 7 latest */

/* What changed; store_apply returns an OR of these. */
#define STORE_DIRTY_VENUES	0x01	/* venue list line: name, link, age */
#define STORE_DIRTY_LAYOUT	0x02
#define STORE_DIRTY_ZONES	0x04
#define STORE_DIRTY_EQUIP	0x08
#define STORE_DIRTY_DRIFT	0x10
#define STORE_DIRTY_ALERTS	0x20
#define STORE_DIRTY_CRITICAL	0x40	/* a new critical alert: draw now */
#define STORE_WANT_SNAPSHOT	0x80	/* gap or new agent: ask for a snapshot */
#define STORE_DIRTY_GATES	0x100

/* How a console's link to a venue is doing. */
enum store_link {
	STORE_LINK_CONNECTING = 0,	/* nothing heard yet */
	STORE_LINK_LIVE,		/* heard within the heartbeat timeout */
	STORE_LINK_STALE,		/* heartbeats stopped */
	STORE_LINK_OFFLINE		/* transport says disconnected */
};

/* The recent values of one series, a ring. */
struct store_ring {
	float		v[STORE_HISTORY];
	uint16_t	head;		/* next slot to write */
	uint16_t	len;
	uint64_t	last_ms;	/* sample time of the newest slot */
};

struct store_zone {
	struct fohp_zone_def	def;
	struct fohp_zone	last;		/* last sample, if has_sample */
	int			has_sample;
	uint64_t		seq;		/* seq that last set it */
	struct store_ring	hist;		/* densities */
	struct series		counts;		/* persons by sample time, for
						   net flow and time to
						   capacity (STORE_TREND_STEP_MS
						   apart) */
};

struct store_gate {
	struct fohp_gate	last;
	uint64_t		seq;
	struct store_ring	hist;		/* flow_pmm */
};

struct store_counters {
	uint64_t	msgs;		/* messages applied */
	uint64_t	gaps;		/* sequence gaps seen */
	uint64_t	missed;		/* messages lost in those gaps */
	uint64_t	snapshots;	/* snapshots applied */
	uint64_t	covered;	/* stream messages a snapshot covered */
	uint64_t	rejects;	/* bad messages (counted by caller) */
	uint64_t	unknown;	/* unknown kinds skipped (their seq
					   counts: they are no gap) */
	uint64_t	alerts_dropped;	/* alerts a snapshot no longer had */
	uint64_t	alerts_refused;	/* alerts not taken: table full */
	uint64_t	restarts;	/* new agent epochs */
	uint64_t	heal_replay;	/* gaps healed by replay from
					   JetStream (PROTOCOL.md 14.3) */
	uint64_t	heal_snapshot;	/* ... by a snapshot instead */
	uint64_t	replayed;	/* messages applied from a replay */
	double		lat_ms;		/* age of stream messages on arrival,
					   smoothed: agent clock to ours, so
					   clock skew between hosts is in it */
	int		has_lat;	/* lat_ms has a value */
};

struct store_venue {
	char			id[FOHP_ID_MAX];	/* "" until first heard */
	char			name[FOHP_NAME_MAX];
	char			agent[FOHP_NAME_MAX];
	int			has_layout;
	uint16_t		grid_w, grid_h;
	/* Zones, gates, devices and models: arrays of the store's, grown to
	 * what the venue has (at most FOHP_ZONES_MAX, FOHP_GATES_MAX,
	 * FOHP_DEVICES_MAX, FOHP_MODELS_MAX), NULL until it has one; the
	 * first n of each are used. They may move when they grow: hold no
	 * pointer into them across store_apply. */
	uint16_t		nzones, zones_cap;
	struct store_zone	*zones;
	uint16_t		ngates, gates_cap;
	struct store_gate	*gates;
	uint16_t		nequip, equip_cap;
	struct fohp_equip	*equip;
	uint64_t		*equip_seq;
	struct store_ring	*equip_hist;	/* wear */
	uint16_t		ndrift, drift_cap;
	struct fohp_drift	*drift;
	uint64_t		*drift_seq;
	struct store_ring	*drift_hist;	/* score */
	unsigned		nalerts;
	unsigned		alerts_cap;	/* allocated */
	struct fohp_alert	*alerts;	/* the store's, grows */
	uint64_t		*alert_seq;	/* seq that set each alert */
	uint64_t		*alert_resolved_seen;	/* local monotonic ms
						   when the store first held
						   each alert resolved; 0
						   while it is open */
	unsigned		nmissing;	/* open ids without a current
						   map, to ask for */
	uint64_t		*missing;	/* the store's, FOHP_OPEN_MAX */
	struct fohp_raster	*raster;	/* latest, NULL until one comes;
						   the store's, freed with it */
	uint64_t		raster_seq;
	uint64_t		raster_heard_ms;	/* local monotonic: when
						   it was current */
	int			raster_new;	/* taken by this message */

	int			drill;		/* the latest message said drill
						   (PROTOCOL.md 15): a DRILL
						   banner while it holds */
	uint64_t		epoch;		/* agent instance */
	uint64_t		last_seq;	/* highest seq applied */
	uint64_t		last_ts_ms;	/* agent clock of that message */
	uint32_t		hb_ms;		/* agent's heartbeat interval */
	uint64_t		heard_ms;	/* local monotonic, last message */
	enum store_link		link;
	char			link_why[160];	/* why the transport does not
						   connect, the feed's words
						   ("TLS handshake failed");
						   "" none known */
	int			want_snapshot;
	struct store_counters	stats;
	unsigned		dirty;		/* STORE_DIRTY_* since last draw */
	struct store_summary	*summary;	/* issue 15: NULL until asked */
};

/*
 * The venue's numbers over the last hours (op "summary", issue 15), as the
 * agent answered them from its journal: asked by the history view through
 * the feed (feed_summary), kept here for the ui to read. Freed with the
 * store.
 */
enum store_summary_state {
	STORE_SUMMARY_ASKED = 1,	/* waiting for the answer */
	STORE_SUMMARY_GOT,		/* sum holds it */
	STORE_SUMMARY_REFUSED		/* text says why */
};
struct store_summary {
	unsigned		want;		/* hours to ask; 0: sent */
	unsigned		hours;		/* hours asked last */
	enum store_summary_state state;
	uint64_t		got_ms;		/* local monotonic: answered */
	char			text[FOHP_TEXT_MAX];	/* the answer's words */
	struct fohp_summary	sum;		/* state GOT: the numbers */
};

/*
 * A resolved alert as the history view shows it: what it was, when it
 * fired, who acknowledged it and when, when it resolved, what was said.
 */
struct store_past {
	char			venue[FOHP_ID_MAX];	/* venue id */
	uint64_t		id;
	char			rule[FOHP_ID_MAX];
	char			subject[FOHP_ID_MAX];
	enum fohp_severity	severity;	/* at resolution */
	enum fohp_rule_kind	rkind;
	enum fohp_stake		stake;
	char			title[FOHP_TEXT_MAX];
	uint64_t		fired_ms;	/* Unix ms; the alert's
						   fired_ms, else its since */
	char			acked_by[FOHP_ID_MAX];	/* first ack's operator
							   ("" if none) */
	uint64_t		acked_ms;	/* first ack, Unix ms; 0 none */
	uint64_t		resolved_ms;	/* Unix ms */
	uint8_t			escalated;
	uint8_t			nops;
	struct fohp_alert_op	ops[STORE_PAST_OPS];	/* the first and
							   the latest */
};

/*
 * One alert transition as foh --json prints it: what an alert became
 * (store_changes_keep), so that a batch that fires, acknowledges and
 * resolves an alert (a replay) shows every step, not only the last.
 */
struct store_change {
	char			venue[FOHP_ID_MAX];
	uint64_t		id;
	char			rule[FOHP_ID_MAX];
	char			subject[FOHP_ID_MAX];
	enum fohp_severity	severity;
	enum fohp_alert_state	state;
	char			title[FOHP_TEXT_MAX];
	double			value, threshold;
	char			unit[FOHP_UNIT_MAX];
	uint64_t		since_ms;
	uint8_t			escalated;
	char			acked_by[FOHP_ID_MAX];
	char			action[FOHP_TEXT_MAX];
	uint8_t			drill;		/* a drill's alert */
};

#define STORE_CHANGES_DEFAULT	4096	/* transitions foh --json keeps */

struct store {
	unsigned		 nvenues;
	struct store_venue	*venues[STORE_VENUES_MAX];
	unsigned		 dirty;		/* OR of all venues' dirty */
	int			 alerts_elsewhere;	/* an agent's own
						   store: its alert table
						   holds them; skip alerts */
	struct store_past	*past;		/* ring, STORE_PAST_MAX, the
						   store's; NULL until the
						   first resolution */
	unsigned		 npast;		/* held, <= STORE_PAST_MAX */
	unsigned		 past_head;	/* next slot to write */
	uint64_t		 past_total;	/* ever recorded */
	struct store_change	*changes;	/* ring of alert transitions,
						   the store's; NULL: none
						   kept (store_changes_keep) */
	unsigned		 changes_cap;
	uint64_t		 changes_total;	/* ever recorded */
};

/*
 * Whether an alert needs a person now: firing or flapping (neither
 * acknowledged, shelved nor resolved). What the bell, the kiosk banner
 * and "crit unacked" count.
 */
static inline int
store_alert_unattended(const struct fohp_alert *a)
{
	return (a->state == FOHP_AS_FIRING || a->state == FOHP_AS_FLAPPING);
}

/* Create and free a store. store_new returns NULL when out of memory. */
struct store		*store_new(void);
void			 store_free(struct store *);

/*
 * Add a venue slot. id may be "" when the venue is known only by its URL;
 * the first message fills it in. Returns the slot (owned by the store) or
 * NULL when full or out of memory.
 */
struct store_venue	*store_venue_add(struct store *, const char *id);

/* Find a venue by id; NULL if absent. */
struct store_venue	*store_venue_find(const struct store *, const char *id);

/* Find a zone of a venue by id; NULL if absent. */
struct store_zone	*store_zone_find(struct store_venue *, const char *id);

/*
 * Apply one decoded message to venue v. A message for another venue id is
 * refused (returns 0 and counts a reject). Returns STORE_DIRTY_* flags.
 */
unsigned		 store_apply(struct store *, struct store_venue *v,
			     const struct fohp_msg *m, uint64_t now_ms);

/*
 * Take alert maps that came outside the stream (the answer to op "alerts"
 * or to an operator request) as of seq, the answer's envelope seq: an
 * alert the stream has set with a higher seq keeps what it has. Each is
 * taken off the missing list. Returns STORE_DIRTY_* flags.
 */
unsigned		 store_take_alerts(struct store *, struct store_venue *,
			     const struct fohp_alert *, unsigned n,
			     uint64_t seq);

/* Forget the missing list (the agent cannot answer op "alerts"). */
void			 store_missing_clear(struct store_venue *);

/*
 * Whether v's raster is fresh: it was current at most max_ms before the
 * venue's latest message, both on the console's monotonic clock.
 */
int			 store_raster_fresh(const struct store_venue *,
			     uint64_t max_ms);

/* Mark a venue's link OFFLINE (transport lost) or back to CONNECTING. */
void			 store_set_link(struct store *, struct store_venue *,
			     enum store_link);

/* Move venues to STALE whose heartbeats stopped. Returns dirty flags. */
unsigned		 store_tick(struct store *, uint64_t now_ms);

/*
 * Fill out with the venue's whole state (an agent answering "snapshot"),
 * but no alerts: nalerts and nopen are 0 (the agent's alert table fills
 * them).
 */
void			 store_snapshot(const struct store_venue *,
			     struct fohp_snapshot *out);

/* The i-th most recent density of a zone (0 = newest); NAN if none. */
double			 store_zone_hist(const struct store_zone *, unsigned i);

/* The i-th most recent value of a ring (0 = newest); NAN if none. */
double			 store_ring_get(const struct store_ring *, unsigned i);

/* Note a stream message's age on arrival (our wall clock - its ts). */
void			 store_note_latency(struct store_venue *, double ms);

/* Find a gate by id; NULL if absent. */
struct store_gate	*store_gate_find(struct store_venue *, const char *id);

/*
 * The i-th most recent resolved alert the store has seen (0 = newest), for
 * the history view; NULL past the end. Recorded once per alert when the
 * store first holds it resolved.
 */
const struct store_past	*store_past_get(const struct store *, unsigned i);

/*
 * How long ago (local monotonic ms) the store first held alert i of v
 * resolved; 0 if it is open.
 */
uint64_t		 store_alert_resolved_age(const struct store_venue *,
			     unsigned i, uint64_t now_ms);

/*
 * Keep the latest n alert transitions (a state, severity, escalation or
 * acknowledger that changed, or a new alert) in a ring, for a reader
 * that must see each (foh --json). 0, or -1 out of memory.
 */
int			 store_changes_keep(struct store *, unsigned n);

/*
 * Transition number k (0 = the first ever recorded), NULL when the ring
 * no longer holds it (the reader fell more than changes_cap behind: it
 * must then look at the alerts themselves) or it has not happened yet.
 */
const struct store_change *store_change_get(const struct store *, uint64_t k);

/* Fill ch with what foh --json prints of alert a of venue. */
void			 store_change_fill(struct store_change *ch,
			     const char *venue, const struct fohp_alert *a);

/* Counts of venues by link state; out has 4 entries, by enum store_link. */
void			 store_link_counts(const struct store *, unsigned out[4]);

#endif
