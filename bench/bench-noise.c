/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * bench-noise.c: signal over noise (issue 10). How many alerts, and how
 * many queue rows, the demo's three venues give an operator in an hour,
 * before and after issue 10, measured in the same run.
 *
 * The venues are foh --demo's: conf/{arena,club,festival}.conf with their
 * scenarios/, compiled in (demo-venues.c), each an in-process agent. The
 * clocks are frozen (clock.h) and moved on tick by tick as demo_play does,
 * so an hour of the venue's time takes seconds and every run gives the
 * same figures. The scenario plays at --speed scenario seconds per second
 * of the agents' clock: 1 by default (a fohd fed in real time, so its
 * hold times, flap window and the 10-minute window below mean what they
 * say); foh --demo plays them 20 times faster.
 *
 * Each agent's stream is read over real nng sockets (inproc) twice, as a
 * console would read it: once by a console feed (feed.c: SUB + REQ for the
 * snapshot, fohp_decode, store_apply), whose store the queue model
 * (queue.h) is built from after every tick; once by a tally SUB, which
 * decodes every message and follows each alert's transitions. After each
 * tick both have received all the agent published (agent_stats) before
 * time moves on, so nothing is missed without it being known: a message
 * that does not come within BENCH_DRAIN_MS is an error.
 *
 *   before   the old behaviour: fohd's [rules] flap_transitions = 0,
 *            drift_hold = 0, drift_clear = 0.9; the queue with no grouping
 *            and resolved rows that never leave.
 *   after    fohd's and the queue's defaults.
 *
 * Targets, checked on "after" (exit 1 naming what misses, and when): no
 * (venue, rule, subject) opens more than 3 alerts within any 10 minutes;
 * the queue never holds more than one row per (venue, subject) (an
 * external alert is a row of its own and counts for no subject); no
 * resolved alert stays in the queue longer than the linger.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <nng/nng.h>

#include "agent/agent.h"
#include "lib/clock.h"
#include "console/demo.h"
#include "console/feed.h"
#include "proto/foh-proto.h"
#include "core/queue.h"
#include "sim/scenario.h"
#include "core/store.h"
#include "net/transport.h"

#define BENCH_VENUES		8
#define BENCH_WINDOW_MS		(10ULL * 60 * 1000)	/* alerts per window */
#define BENCH_ALERTS_PER_WINDOW	3			/* target */
#define BENCH_DRAIN_MS		10000	/* real time for a tick's messages */
#define BENCH_QUEUE_MAX		8192
#define BENCH_MISSES_SHOWN	20

/* fohd's old behaviour, appended to each venue's config for "before". */
static const char bench_before_rules[] =
    "\n[rules]\n"
    "flap_transitions = 0\n"
    "drift_hold = 0\n"
    "drift_clear = 0.9\n";

enum bench_mode {
	BENCH_BEFORE = 0,
	BENCH_AFTER,
	BENCH_MODES
};

static const char *const bench_mode_names[BENCH_MODES] = { "before", "after" };

/* What one (venue, rule, subject) did in one run. */
struct bench_key {
	unsigned	 venue;
	char		 rule[FOHP_ID_MAX];
	char		 subject[FOHP_ID_MAX];
	unsigned	 ids;		/* distinct alert ids */
	unsigned	 fire, resolve, flapping, settled;
	uint64_t	*opened;	/* agent mono ms of each id's first
					   message, rising; owned */
	unsigned	 nopened, capopened;
	unsigned	 win_max;	/* most opened in any window */
	uint64_t	 win_at;	/* where that window starts */
};

/* An alert id the tally has seen, and what it last was. */
struct bench_seen {
	uint64_t		id;
	unsigned		key;
	enum fohp_alert_state	state;
	uint8_t			flaps;
};

/* One (venue, subject) of the queue: its most rows at once. */
struct bench_subject {
	unsigned	venue;
	char		subject[FOHP_ID_MAX];
	unsigned	max_rows;
	uint64_t	first_over;	/* agent mono ms it first held > 1;
					   0: never */
	uint64_t	max_at;
};

/* One venue of a run: its agent, scenario and both readers. */
struct bench_venue {
	struct vconf		 conf;
	struct scenario		 scn;
	int			 has_scn;
	struct agent		*agent;
	struct feed		 feed;
	int			 has_feed;
	struct store_venue	*sv;
	nng_socket		 sub;		/* the tally's */
	int			 has_sub;
	struct transport_receiver rx;
	int			 sub_fd;
	atomic_int		 pipes;
	uint64_t		 base;		/* published before we listened */
	uint64_t		 received;	/* by the tally */
	uint64_t		 last_seq;	/* highest seq the tally saw */
	uint64_t		 rejects;	/* messages that did not decode */
	struct bench_seen	*seen;		/* owned */
	unsigned		 nseen, capseen;
};

/* Everything one run measured. */
struct bench_run {
	enum bench_mode		 mode;
	unsigned		 n;
	struct bench_venue	*v[BENCH_VENUES];
	struct store		*store;
	struct feed_ctx		 ctx;
	int			 has_ctx;
	int			 has_dec;
	struct fohp_decoder	 dec;
	struct fohp_msg		*msg;
	struct queue_opts	 qopts;
	struct queue_item	*items;
	struct reading_batch	*batch;
	uint64_t		 start_ms;
	int			 old_keys;	/* the before keys were taken */

	struct bench_key	*keys;
	unsigned		 nkeys, capkeys;
	struct bench_subject	*subjects;
	unsigned		 nsubjects, capsubjects;

	unsigned		 ids;		/* distinct alerts, all venues */
	unsigned		 max_rows;
	uint64_t		 max_rows_at;
	uint64_t		 max_age;	/* oldest resolved alert held */
	uint64_t		 max_age_at;
	unsigned		 max_age_venue;
	uint64_t		 max_age_id;
	char			 max_age_rule[FOHP_ID_MAX];
	char			 max_age_subject[FOHP_ID_MAX];
	unsigned		 builds;	/* queues built */
	uint64_t		 published, received;
	double			 wall_s;	/* real seconds the run took */
};

/* Options from the command line. */
struct bench_opts {
	double		minutes;
	double		speed;
	int		modes[BENCH_MODES];
};

/* Scenario time of agent time t, as h:mm:ss, into buf. */
static const char *
bench_when(const struct bench_run *r, const struct bench_opts *o,
    uint64_t t, char *buf, size_t len)
{
	double		s = t > r->start_ms ?
			    (double)(t - r->start_ms) / 1000.0 * o->speed : 0;
	unsigned long	u = (unsigned long)s;

	snprintf(buf, len, "%lu:%02lu:%02lu", u / 3600, u / 60 % 60, u % 60);
	return (buf);
}

/* The key of (venue, rule, subject), added if new; -1 out of memory. */
static int
bench_key_of(struct bench_run *r, unsigned venue, const char *rule,
    const char *subject)
{
	struct bench_key	*k;
	unsigned		 i;

	for (i = 0; i < r->nkeys; i++) {
		k = &r->keys[i];
		if (k->venue == venue && strcmp(k->rule, rule) == 0 &&
		    strcmp(k->subject, subject) == 0)
			return ((int)i);
	}
	if (r->nkeys == r->capkeys) {
		unsigned	 cap = r->capkeys ? r->capkeys * 2 : 64;
		struct bench_key *nk;

		if ((nk = realloc(r->keys, cap * sizeof(*nk))) == NULL)
			return (-1);
		r->keys = nk;
		r->capkeys = cap;
	}
	k = &r->keys[r->nkeys];
	memset(k, 0, sizeof(*k));
	k->venue = venue;
	snprintf(k->rule, sizeof(k->rule), "%s", rule);
	snprintf(k->subject, sizeof(k->subject), "%s", subject);
	return ((int)r->nkeys++);
}

/* Note that key k opened an alert at t. Returns -1 out of memory. */
static int
bench_key_open(struct bench_key *k, uint64_t t)
{
	if (k->nopened == k->capopened) {
		unsigned	 cap = k->capopened ? k->capopened * 2 : 16;
		uint64_t	*no;

		if ((no = realloc(k->opened, cap * sizeof(*no))) == NULL)
			return (-1);
		k->opened = no;
		k->capopened = cap;
	}
	k->opened[k->nopened++] = t;
	return (0);
}

/* The most alerts key k opened within any BENCH_WINDOW_MS, and where. */
static void
bench_key_window(struct bench_key *k)
{
	unsigned	i, j = 0;

	k->win_max = 0;
	for (i = 0; i < k->nopened; i++) {
		if (j < i)
			j = i;
		while (j < k->nopened &&
		    k->opened[j] < k->opened[i] + BENCH_WINDOW_MS)
			j++;
		if (j - i > k->win_max) {
			k->win_max = j - i;
			k->win_at = k->opened[i];
		}
	}
}

/* Follow one alert message of venue vi at agent time now. -1: no memory. */
static int
bench_tally_alert(struct bench_run *r, unsigned vi, const struct fohp_alert *a,
    uint64_t now)
{
	struct bench_venue	*v = r->v[vi];
	struct bench_seen	*s = NULL;
	struct bench_key	*k;
	unsigned		 i;
	int			 ki;

	for (i = v->nseen; i-- > 0;) {
		if (v->seen[i].id == a->id) {
			s = &v->seen[i];
			break;
		}
	}
	if (s == NULL) {
		if ((ki = bench_key_of(r, vi, a->rule, a->subject)) < 0)
			return (-1);
		if (v->nseen == v->capseen) {
			unsigned	 cap = v->capseen ? v->capseen * 2 : 256;
			struct bench_seen *ns;

			if ((ns = realloc(v->seen, cap * sizeof(*ns))) == NULL)
				return (-1);
			v->seen = ns;
			v->capseen = cap;
		}
		s = &v->seen[v->nseen++];
		s->id = a->id;
		s->key = (unsigned)ki;
		k = &r->keys[ki];
		k->ids++;
		r->ids++;
		k->fire++;
		if (bench_key_open(k, now) != 0)
			return (-1);
		if (a->state == FOHP_AS_RESOLVED)
			k->resolve++;
		if (a->flaps > 0)
			k->flapping++;
		s->state = a->state;
		s->flaps = a->flaps;
		return (0);
	}
	k = &r->keys[s->key];
	if (s->state != FOHP_AS_RESOLVED && a->state == FOHP_AS_RESOLVED)
		k->resolve++;
	if (s->flaps == 0 && a->flaps > 0 && a->state != FOHP_AS_RESOLVED)
		k->flapping++;
	if (s->flaps > 0 && (a->flaps == 0 || a->state == FOHP_AS_RESOLVED) &&
	    s->state != FOHP_AS_RESOLVED)
		k->settled++;
	s->state = a->state;
	s->flaps = a->flaps;
	return (0);
}

/* Take what waits on venue vi's tally socket. -1: no memory. */
static int
bench_tally_drain(struct bench_run *r, unsigned vi, uint64_t now)
{
	struct bench_venue	*v = r->v[vi];
	struct fohp_err		 err;
	nng_msg			*m;
	int			 rv;

	while (transport_receiver_recv(&v->rx, &m, 1) == 0) {
		v->received++;
		rv = fohp_decode(&r->dec, nng_msg_body(m), nng_msg_len(m), 1,
		    r->msg, &err);
		nng_msg_free(m);
		if (rv != FOHP_OK) {
			v->rejects++;
			continue;
		}
		if (r->msg->seq > v->last_seq)
			v->last_seq = r->msg->seq;
		if (r->msg->kind == FOHP_ALERT &&
		    bench_tally_alert(r, vi, &r->msg->u.alert, now) != 0)
			return (-1);
	}
	return (0);
}

/* The tally socket's pipes, counted on an nng thread. */
static void
bench_pipe_event(nng_pipe p, nng_pipe_ev ev, void *arg)
{
	struct bench_venue	*v = arg;

	(void)p;
	if (ev == NNG_PIPE_EV_ADD_POST)
		atomic_fetch_add(&v->pipes, 1);
	else if (ev == NNG_PIPE_EV_REM_POST)
		atomic_fetch_sub(&v->pipes, 1);
}

/*
 * Until both readers of every venue have all its agent published and the
 * console's feed has its snapshot: poll the sockets, apply, count. Returns
 * 0, or -1 with err naming the venue and what is missing.
 */
static int
bench_drain(struct bench_run *r, uint64_t now, char *err, size_t errlen)
{
	struct pollfd	pfd[BENCH_VENUES * 2];
	uint64_t	deadline = clock_pace_ms() + BENCH_DRAIN_MS;
	unsigned	i, nfd;
	int		done;

	for (;;) {
		done = 1;
		nfd = 0;
		for (i = 0; i < r->n; i++) {
			struct bench_venue	*v = r->v[i];
			uint64_t		 want;

			agent_service(v->agent, now);
			if (bench_tally_drain(r, i, now) != 0) {
				snprintf(err, errlen, "out of memory");
				return (-1);
			}
			feed_service(&v->feed, &r->ctx, now);
			want = agent_stats(v->agent)->published - v->base;
			if (v->received < want || v->sv->last_seq < v->last_seq ||
			    v->feed.req_pending || v->sv->want_snapshot ||
			    !v->sv->has_layout)
				done = 0;
			if (v->received > want) {
				snprintf(err, errlen, "%s: received %" PRIu64
				    " stream messages, %" PRIu64 " published",
				    v->conf.id, v->received, want);
				return (-1);
			}
			pfd[nfd].fd = v->sub_fd;
			pfd[nfd++].events = POLLIN;
			pfd[nfd].fd = v->feed.sub_fd;
			pfd[nfd++].events = POLLIN;
		}
		if (done)
			return (0);
		if (clock_pace_ms() > deadline)
			break;
		if (poll(pfd, nfd, 10) < 0 && errno != EINTR) {
			snprintf(err, errlen, "poll: %s", strerror(errno));
			return (-1);
		}
	}
	for (i = 0; i < r->n; i++) {
		struct bench_venue	*v = r->v[i];
		uint64_t		 want;

		want = agent_stats(v->agent)->published - v->base;
		if (v->received < want || v->sv->last_seq < v->last_seq ||
		    v->feed.req_pending || !v->sv->has_layout) {
			snprintf(err, errlen, "%s: after %d ms the tally has "
			    "%" PRIu64 " of %" PRIu64 " stream messages, the "
			    "console's store seq %" PRIu64 " of %" PRIu64
			    "%s%s", v->conf.id, BENCH_DRAIN_MS, v->received,
			    want, v->sv->last_seq, v->last_seq,
			    v->feed.req_pending ? ", its snapshot unanswered" :
			    "", v->sv->has_layout ? "" : ", no layout");
			return (-1);
		}
	}
	return (0);
}


/* A queue row about a subject of a venue (not an external alert). */
struct bench_row {
	unsigned	 venue;
	const char	*subject;	/* the store's */
};

/* Order queue rows by venue, then subject. */
static int
bench_row_cmp(const void *pa, const void *pb)
{
	const struct bench_row	*a = pa, *b = pb;

	if (a->venue != b->venue)
		return (a->venue < b->venue ? -1 : 1);
	return (strcmp(a->subject, b->subject));
}

/* The subject entry of (venue, subject), added if new; NULL: no memory. */
static struct bench_subject *
bench_subject_of(struct bench_run *r, unsigned venue, const char *subject)
{
	struct bench_subject	*s;
	unsigned		 i;

	for (i = 0; i < r->nsubjects; i++) {
		s = &r->subjects[i];
		if (s->venue == venue && strcmp(s->subject, subject) == 0)
			return (s);
	}
	if (r->nsubjects == r->capsubjects) {
		unsigned		 cap = r->capsubjects ?
					     r->capsubjects * 2 : 64;
		struct bench_subject	*ns;

		if ((ns = realloc(r->subjects, cap * sizeof(*ns))) == NULL)
			return (NULL);
		r->subjects = ns;
		r->capsubjects = cap;
	}
	s = &r->subjects[r->nsubjects++];
	memset(s, 0, sizeof(*s));
	s->venue = venue;
	snprintf(s->subject, sizeof(s->subject), "%s", subject);
	return (s);
}

/*
 * Build the console's queue at now and note its rows: in all, per
 * (venue, subject), and the oldest resolved alert it holds. -1: no memory.
 */
static int
bench_measure(struct bench_run *r, uint64_t now)
{
	static struct bench_row	 rows[BENCH_QUEUE_MAX];
	unsigned		 n, i, j, nrows = 0, allrows = 0;

	n = queue_build(r->store, &r->qopts, now, r->items,
	    BENCH_QUEUE_MAX);
	if (n > BENCH_QUEUE_MAX)
		n = BENCH_QUEUE_MAX;
	r->builds++;
	for (i = 0; i < n; i++) {
		const struct queue_item		*it = &r->items[i];
		const struct store_venue	*v = r->store->venues[it->venue];
		const struct fohp_alert		*a = &v->alerts[it->index];
		uint64_t			 age;

		age = store_alert_resolved_age(v, it->index, now);
		if (age > r->max_age) {
			r->max_age = age;
			r->max_age_at = now;
			r->max_age_venue = it->venue;
			r->max_age_id = a->id;
			snprintf(r->max_age_rule, sizeof(r->max_age_rule),
			    "%s", a->rule);
			snprintf(r->max_age_subject,
			    sizeof(r->max_age_subject), "%s", a->subject);
		}
		if (it->folded)
			continue;
		allrows++;
		/* An external alert is a row of its own, no subject's. */
		if (a->rkind != FOHP_RK_EXTERNAL) {
			rows[nrows].venue = it->venue;
			rows[nrows++].subject = a->subject;
		}
	}
	if (allrows > r->max_rows) {
		r->max_rows = allrows;
		r->max_rows_at = now;
	}
	/* Rows per (venue, subject): runs of equal ones once sorted. */
	qsort(rows, nrows, sizeof(rows[0]), bench_row_cmp);
	for (i = 0; i < nrows; i = j) {
		struct bench_subject	*s;

		for (j = i + 1; j < nrows &&
		    bench_row_cmp(&rows[i], &rows[j]) == 0; j++)
			;
		if ((s = bench_subject_of(r, rows[i].venue,
		    rows[i].subject)) == NULL)
			return (-1);
		if (j - i > s->max_rows) {
			s->max_rows = j - i;
			s->max_at = now;
		}
		if (j - i > 1 && s->first_over == 0)
			s->first_over = now;
	}
	return (0);
}

/* Open venue i of the demo for a run; -1 with err. */
static int
bench_venue_open(struct bench_run *r, unsigned i, char *err, size_t errlen)
{
	struct bench_venue	*v;
	char			*text, prefix[FOHP_TOPIC_MAX];
	size_t			 len;
	int			 rv;

	if ((v = calloc(1, sizeof(*v))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	r->v[r->n++] = v;
	atomic_init(&v->pipes, 0);
	len = strlen(demo_venues[i].text) + sizeof(bench_before_rules);
	if ((text = malloc(len)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	snprintf(text, len, "%s%s", demo_venues[i].text,
	    r->mode == BENCH_BEFORE ? bench_before_rules : "");
	rv = vconf_load_string(&v->conf, demo_venues[i].file, text, err,
	    errlen);
	free(text);
	if (rv != 0 && r->mode == BENCH_BEFORE) {
		/* A fohd before issue 10 knows no such keys: its
		 * defaults are the old behaviour. */
		if (vconf_load_string(&v->conf, demo_venues[i].file,
		    demo_venues[i].text, err, errlen) != 0)
			return (-1);
		r->old_keys = 0;
	} else if (rv != 0)
		return (-1);
	snprintf(v->conf.stream, sizeof(v->conf.stream),
	    "inproc://bench-noise/%s/%s.pub", bench_mode_names[r->mode],
	    v->conf.id);
	snprintf(v->conf.control, sizeof(v->conf.control),
	    "inproc://bench-noise/%s/%s.ctl", bench_mode_names[r->mode],
	    v->conf.id);
	v->conf.simulate = 0;
	if (scenario_load_string(&v->scn, demo_venues[i].scenario_file,
	    demo_venues[i].scenario_text, &v->conf, err, errlen) != 0)
		return (-1);
	v->has_scn = 1;
	if ((v->agent = agent_open(&v->conf, err, errlen)) == NULL)
		return (-1);
	if ((v->sv = store_venue_add(r->store, v->conf.id)) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	if (feed_open(&v->feed, v->conf.stream, v->conf.control, v->sv, err,
	    errlen) != 0)
		return (-1);
	v->has_feed = 1;
	snprintf(prefix, sizeof(prefix), "foh/%s/", v->conf.id);
	if (transport_sub_dial(&v->sub, v->conf.stream, prefix,
	    bench_pipe_event, v, err, errlen) != 0)
		return (-1);
	v->has_sub = 1;
	if (transport_receiver_init(&v->rx, v->sub) != 0) {
		nng_close(v->sub);
		v->has_sub = 0;
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	transport_recv_fd(v->sub, &v->sub_fd);
	return (0);
}

/* Close what a run opened and free its tallies. */
static void
bench_run_close(struct bench_run *r)
{
	unsigned	i;

	for (i = 0; i < r->n; i++) {
		struct bench_venue	*v = r->v[i];

		if (v->has_sub) {
			nng_close(v->sub);
			transport_receiver_fini(&v->rx);
		}
		if (v->has_feed)
			feed_close(&v->feed);
		if (v->agent != NULL)
			agent_close(v->agent);
		if (v->has_scn)
			scenario_free(&v->scn);
		free(v->seen);
		free(v);
	}
	r->n = 0;
	if (r->has_ctx)
		feed_ctx_fini(&r->ctx);
	r->has_ctx = 0;
	store_free(r->store);
	r->store = NULL;
	free(r->msg);
	r->msg = NULL;
	free(r->items);
	r->items = NULL;
	free(r->batch);
	r->batch = NULL;
}

/* Free a run's tallies (after its report). */
static void
bench_run_free(struct bench_run *r)
{
	unsigned	i;

	for (i = 0; i < r->nkeys; i++)
		free(r->keys[i].opened);
	free(r->keys);
	free(r->subjects);
	if (r->has_dec)
		fohp_decoder_fini(&r->dec);
}

/* Wait until every reader is connected; then count from there. */
static int
bench_connect(struct bench_run *r, char *err, size_t errlen)
{
	uint64_t	deadline = clock_pace_ms() + BENCH_DRAIN_MS, now;
	unsigned	i, ready;

	for (;;) {
		now = clock_mono_ms();
		ready = 0;
		for (i = 0; i < r->n; i++) {
			struct bench_venue	*v = r->v[i];

			agent_service(v->agent, now);
			if (atomic_load(&v->pipes) > 0 &&
			    atomic_load(&v->feed.pipes) > 0 &&
			    agent_stats(v->agent)->subscribers >= 2)
				ready++;
		}
		if (ready == r->n)
			break;
		if (clock_pace_ms() > deadline) {
			snprintf(err, errlen, "the readers did not connect "
			    "within %d ms", BENCH_DRAIN_MS);
			return (-1);
		}
		poll(NULL, 0, 1);
	}
	for (i = 0; i < r->n; i++)
		r->v[i]->base = agent_stats(r->v[i]->agent)->published;
	return (bench_drain(r, clock_mono_ms(), err, errlen));
}

/* Step every venue's scenario to agent time now, as demo_step does. */
static void
bench_step(struct bench_run *r, const struct bench_opts *o, uint64_t now)
{
	unsigned	i;

	for (i = 0; i < r->n; i++) {
		struct bench_venue	*v = r->v[i];
		struct reading_batch	*b = r->batch;
		double			 sim_s;

		sim_s = (double)(now - r->start_ms) / 1000.0 * o->speed;
		if (v->scn.duration_s > 0)
			sim_s = fmod(sim_s, v->scn.duration_s);
		b->n = 0;
		b->npool = 0;
		b->rejected = 0;
		b->accepted = 0;
		b->nerrs = 0;
		if (scenario_step(&v->scn, sim_s, clock_wall_ms(), b) > 0)
			agent_apply(v->agent, b, now);
	}
}

/* Play one run: open, connect, tick to the end, measure. -1 with err. */
static int
bench_run_play(struct bench_run *r, const struct bench_opts *o, char *err,
    size_t errlen)
{
	uint64_t	now, next, next_step, end, t0 = clock_pace_ms();
	uint32_t	tick_ms = 250;
	unsigned	i;

	r->old_keys = 1;
	if ((r->store = store_new()) == NULL ||
	    (r->msg = malloc(sizeof(*r->msg))) == NULL ||
	    (r->items = calloc(BENCH_QUEUE_MAX, sizeof(*r->items))) == NULL ||
	    (r->batch = malloc(sizeof(*r->batch))) == NULL ||
	    fohp_decoder_init(&r->dec) != FOHP_OK) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	r->has_dec = 1;
	if (feed_ctx_init(&r->ctx, r->store) != 0) {
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	r->has_ctx = 1;
	if (r->mode == BENCH_BEFORE) {
		r->qopts.group = 0;
		r->qopts.linger_ms = QUEUE_LINGER_FOREVER;
	} else {
		r->qopts.group = 1;
		r->qopts.linger_ms = QUEUE_LINGER_MS;
	}
	for (i = 0; i < demo_nvenues && i < BENCH_VENUES; i++) {
		if (bench_venue_open(r, i, err, errlen) != 0)
			return (-1);
		if (r->v[i]->scn.tick_ms > 0 && r->v[i]->scn.tick_ms < tick_ms)
			tick_ms = r->v[i]->scn.tick_ms;
	}
	if (bench_connect(r, err, errlen) != 0)
		return (-1);
	r->start_ms = next_step = clock_mono_ms();
	end = r->start_ms + (uint64_t)(o->minutes * 60000.0 / o->speed);
	for (;;) {
		now = clock_mono_ms();
		if (now >= next_step) {
			bench_step(r, o, now);
			while (next_step <= now)
				next_step += tick_ms;
		}
		if (bench_drain(r, now, err, errlen) != 0)
			return (-1);
		if (bench_measure(r, now) != 0) {
			snprintf(err, errlen, "out of memory");
			return (-1);
		}
		if (now >= end)
			break;
		next = next_step < end ? next_step : end;
		for (i = 0; i < r->n; i++) {
			if (agent_next_ms(r->v[i]->agent) < next)
				next = agent_next_ms(r->v[i]->agent);
		}
		clock_advance(next > now ? next - now : 1);
	}
	for (i = 0; i < r->n; i++) {
		struct bench_venue	*v = r->v[i];

		r->published += agent_stats(v->agent)->published - v->base;
		r->received += v->received;
		if (v->rejects != 0 || v->sv->stats.gaps != 0 ||
		    v->sv->stats.rejects != 0) {
			snprintf(err, errlen, "%s: %" PRIu64 " messages did "
			    "not decode, the console's store saw %" PRIu64
			    " gaps and %" PRIu64 " rejects", v->conf.id,
			    v->rejects, v->sv->stats.gaps,
			    v->sv->stats.rejects);
			return (-1);
		}
	}
	for (i = 0; i < r->nkeys; i++)
		bench_key_window(&r->keys[i]);
	r->wall_s = (double)(clock_pace_ms() - t0) / 1000.0;
	return (0);
}

/* The key of run r for (venue id, rule, subject); NULL if it had none. */
static const struct bench_key *
bench_key_find(const struct bench_run *r, const char *venue, const char *rule,
    const char *subject)
{
	unsigned	i;

	for (i = 0; i < r->nkeys; i++) {
		const struct bench_key	*k = &r->keys[i];

		if (strcmp(demo_venues[k->venue].name, venue) == 0 &&
		    strcmp(k->rule, rule) == 0 &&
		    strcmp(k->subject, subject) == 0)
			return (k);
	}
	return (NULL);
}

/* A before -> after cell of two counts (- where a run did not happen). */
static const char *
bench_cell(char *buf, size_t len, const struct bench_run *rb,
    const struct bench_run *ra, unsigned b, unsigned a)
{
	char	sb[16], sa[16];

	snprintf(sb, sizeof(sb), "%u", b);
	snprintf(sa, sizeof(sa), "%u", a);
	snprintf(buf, len, "%s → %s", rb != NULL ? sb : "-",
	    ra != NULL ? sa : "-");
	return (buf);
}

/* Order keys by venue, rule, subject for the table. */
static int
bench_keyref_cmp(const void *pa, const void *pb)
{
	const struct bench_key	*a = *(const struct bench_key *const *)pa;
	const struct bench_key	*b = *(const struct bench_key *const *)pb;
	int			 c;

	if ((c = strcmp(demo_venues[a->venue].name,
	    demo_venues[b->venue].name)) != 0)
		return (c);
	if ((c = strcmp(a->rule, b->rule)) != 0)
		return (c);
	return (strcmp(a->subject, b->subject));
}

/* Print the per (venue, rule, subject) table, before -> after. */
static int
bench_print_keys(const struct bench_run *rb, const struct bench_run *ra)
{
	const struct bench_key	**all;
	unsigned		  n = 0, i;
	char			  c[6][48];

	all = calloc((rb ? rb->nkeys : 0) + (ra ? ra->nkeys : 0) + 1,
	    sizeof(*all));
	if (all == NULL)
		return (-1);
	for (i = 0; rb != NULL && i < rb->nkeys; i++)
		all[n++] = &rb->keys[i];
	for (i = 0; ra != NULL && i < ra->nkeys; i++) {
		const struct bench_key	*k = &ra->keys[i];

		if (rb == NULL || bench_key_find(rb,
		    demo_venues[k->venue].name, k->rule, k->subject) == NULL)
			all[n++] = k;
	}
	qsort(all, n, sizeof(all[0]), bench_keyref_cmp);
	printf("| venue | rule | subject | alerts | most in 10 min | fired | "
	    "resolved | flapping | settled |\n");
	printf("|---|---|---|---|---|---|---|---|---|\n");
	for (i = 0; i < n; i++) {
		const char		*vn = demo_venues[all[i]->venue].name;
		const struct bench_key	*kb = NULL, *ka = NULL, z = { 0 };

		if (rb != NULL)
			kb = bench_key_find(rb, vn, all[i]->rule,
			    all[i]->subject);
		if (ra != NULL)
			ka = bench_key_find(ra, vn, all[i]->rule,
			    all[i]->subject);
		if (kb == NULL)
			kb = &z;
		if (ka == NULL)
			ka = &z;
		printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", vn,
		    all[i]->rule, all[i]->subject,
		    bench_cell(c[0], 48, rb, ra, kb->ids, ka->ids),
		    bench_cell(c[1], 48, rb, ra, kb->win_max, ka->win_max),
		    bench_cell(c[2], 48, rb, ra, kb->fire, ka->fire),
		    bench_cell(c[3], 48, rb, ra, kb->resolve, ka->resolve),
		    bench_cell(c[4], 48, rb, ra, kb->flapping, ka->flapping),
		    bench_cell(c[5], 48, rb, ra, kb->settled, ka->settled));
	}
	free(all);
	return (0);
}

/* Most alerts any (venue, rule, subject) opened in one window. */
static unsigned
bench_worst_window(const struct bench_run *r)
{
	unsigned	i, m = 0;

	for (i = 0; i < r->nkeys; i++)
		if (r->keys[i].win_max > m)
			m = r->keys[i].win_max;
	return (m);
}

/* Most rows any (venue, subject) held at once. */
static unsigned
bench_worst_subject(const struct bench_run *r)
{
	unsigned	i, m = 0;

	for (i = 0; i < r->nsubjects; i++)
		if (r->subjects[i].max_rows > m)
			m = r->subjects[i].max_rows;
	return (m);
}

/* A duration in ms as words for the table ("never left" for forever). */
static const char *
bench_age(char *buf, size_t len, uint64_t ms)
{
	if (ms >= 3600000)
		snprintf(buf, len, "%.1f h", (double)ms / 3600000.0);
	else if (ms >= 60000)
		snprintf(buf, len, "%.1f min", (double)ms / 60000.0);
	else
		snprintf(buf, len, "%.2f s", (double)ms / 1000.0);
	return (buf);
}

/* Print the overall table, before | after | target. */
static void
bench_print_totals(const struct bench_run *const runs[BENCH_MODES])
{
	char		 c[BENCH_MODES][64];
	unsigned	 m;
	const char	*t;

#define ROW(label, target, fmt, ...) do {				\
	for (m = 0; m < BENCH_MODES; m++) {				\
		const struct bench_run *r = runs[m];			\
		if (r == NULL)						\
			snprintf(c[m], sizeof(c[m]), "-");		\
		else							\
			snprintf(c[m], sizeof(c[m]), fmt, __VA_ARGS__);	\
	}								\
	printf("| %s | %s | %s | %s |\n", label, c[0], c[1], target);	\
} while (0)
	printf("| measure | before | after | target |\n");
	printf("|---|---|---|---|\n");
	ROW("distinct alerts", "—", "%u", r->ids);
	ROW("most alerts of one (venue, rule, subject) in 10 min", "≤ 3",
	    "%u", bench_worst_window(r));
	ROW("most queue rows at any moment", "—", "%u", r->max_rows);
	ROW("most rows of one (venue, subject) at any moment", "≤ 1", "%u",
	    bench_worst_subject(r));
	for (m = 0; m < BENCH_MODES; m++) {
		char	a[24], l[24];

		if (runs[m] == NULL) {
			snprintf(c[m], sizeof(c[m]), "-");
			continue;
		}
		snprintf(c[m], sizeof(c[m]), "%s (linger %s)",
		    runs[m]->max_age == 0 ? "none" :
		    bench_age(a, sizeof(a), runs[m]->max_age),
		    runs[m]->qopts.linger_ms == QUEUE_LINGER_FOREVER ?
		    "none" : bench_age(l, sizeof(l), runs[m]->qopts.linger_ms));
	}
	t = "≤ linger";
	printf("| oldest resolved alert still in the queue | %s | %s | %s |\n",
	    c[0], c[1], t);
	ROW("stream messages published / received", "equal",
	    "%" PRIu64 " / %" PRIu64, r->published, r->received);
	ROW("queues built (one per tick)", "—", "%u", r->builds);
	ROW("real time for the run", "—", "%.1f s", r->wall_s);
#undef ROW
}

/* A target missed: when, and what to say. */
struct bench_miss {
	uint64_t	at;
	char		text[256];
};

/* Order misses by when they first happened. */
static int
bench_miss_cmp(const void *pa, const void *pb)
{
	const struct bench_miss	*a = pa, *b = pb;

	return (a->at < b->at ? -1 : a->at > b->at);
}

/*
 * Check the targets on run r; when show, print each miss (venue, rule or
 * subject, and when it first happened), earliest first. Returns the
 * number of misses, or -1 out of memory.
 */
static int
bench_check(const struct bench_run *r, const struct bench_opts *o, int show)
{
	struct bench_miss	*ms;
	unsigned		 i, n = 0;
	char			 w[32], a[32], l[32];

	if ((ms = calloc(r->nkeys + r->nsubjects + 1, sizeof(*ms))) == NULL)
		return (-1);
	for (i = 0; i < r->nkeys; i++) {
		const struct bench_key	*k = &r->keys[i];

		if (k->win_max <= BENCH_ALERTS_PER_WINDOW)
			continue;
		ms[n].at = k->win_at;
		snprintf(ms[n++].text, sizeof(ms[0].text), "%s/%s/%s: %u "
		    "alerts opened within 10 min from scenario time %s "
		    "(target: at most %d)", demo_venues[k->venue].name,
		    k->rule, k->subject, k->win_max, bench_when(r, o,
		    k->win_at, w, sizeof(w)), BENCH_ALERTS_PER_WINDOW);
	}
	for (i = 0; i < r->nsubjects; i++) {
		const struct bench_subject	*s = &r->subjects[i];

		if (s->max_rows <= 1)
			continue;
		ms[n].at = s->first_over;
		snprintf(ms[n++].text, sizeof(ms[0].text), "%s/%s: more "
		    "than one queue row from scenario time %s, %u at most "
		    "(at %s) (target: one row per subject)",
		    demo_venues[s->venue].name, s->subject,
		    bench_when(r, o, s->first_over, a, sizeof(a)),
		    s->max_rows, bench_when(r, o, s->max_at, w, sizeof(w)));
	}
	if (r->max_age > 0 && (r->qopts.linger_ms == QUEUE_LINGER_FOREVER ||
	    r->max_age > r->qopts.linger_ms)) {
		ms[n].at = r->max_age_at;
		snprintf(ms[n++].text, sizeof(ms[0].text), "%s/%s/%s: alert "
		    "%" PRIu64 " still in the queue %s after it resolved, at "
		    "scenario time %s (target: the linger, %s)",
		    demo_venues[r->max_age_venue].name, r->max_age_rule,
		    r->max_age_subject, r->max_age_id,
		    bench_age(a, sizeof(a), r->max_age),
		    bench_when(r, o, r->max_age_at, w, sizeof(w)),
		    r->qopts.linger_ms == QUEUE_LINGER_FOREVER ?
		    "none: resolved rows never leave" :
		    bench_age(l, sizeof(l), r->qopts.linger_ms));
	}
	qsort(ms, n, sizeof(ms[0]), bench_miss_cmp);
	for (i = 0; show && i < n && i < BENCH_MISSES_SHOWN; i++)
		printf("%s: MISS %s\n", bench_mode_names[r->mode],
		    ms[i].text);
	if (show && n > BENCH_MISSES_SHOWN)
		printf("%s: ... and %u more misses\n",
		    bench_mode_names[r->mode], n - BENCH_MISSES_SHOWN);
	free(ms);
	return ((int)n);
}

/* Say how to run it. */
static void
bench_usage(void)
{
	fprintf(stderr, "usage: bench-noise [--minutes N] [--speed S] "
	    "[--before | --after]\n");
}

/* Read the command line into o; -1 on a bad one (said on stderr). */
static int
bench_args(int argc, char **argv, struct bench_opts *o)
{
	char	*end;
	int	 i;

	o->minutes = 60;
	o->speed = 1;
	o->modes[BENCH_BEFORE] = o->modes[BENCH_AFTER] = 1;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--minutes") == 0 && i + 1 < argc) {
			o->minutes = strtod(argv[++i], &end);
			if (*end != '\0' || !(o->minutes > 0) ||
			    o->minutes > 24 * 60) {
				fprintf(stderr, "bench-noise: --minutes: not "
				    "a number of minutes from 0 to 1440: %s\n",
				    argv[i]);
				return (-1);
			}
		} else if (strcmp(argv[i], "--speed") == 0 && i + 1 < argc) {
			o->speed = strtod(argv[++i], &end);
			if (*end != '\0' || !(o->speed >= 0.1) ||
			    o->speed > 1000) {
				fprintf(stderr, "bench-noise: --speed: not "
				    "a speed from 0.1 to 1000: %s\n", argv[i]);
				return (-1);
			}
		} else if (strcmp(argv[i], "--before") == 0)
			o->modes[BENCH_AFTER] = 0;
		else if (strcmp(argv[i], "--after") == 0)
			o->modes[BENCH_BEFORE] = 0;
		else {
			bench_usage();
			return (-1);
		}
	}
	if (!o->modes[BENCH_BEFORE] && !o->modes[BENCH_AFTER]) {
		fprintf(stderr, "bench-noise: --before and --after: give at "
		    "most one\n");
		return (-1);
	}
	return (0);
}

int
main(int argc, char **argv)
{
	struct bench_opts	 o;
	struct bench_run	 runs[BENCH_MODES];
	const struct bench_run	*done[BENCH_MODES] = { NULL, NULL };
	struct utsname		 u;
	char			 err[512];
	unsigned		 m;
	int			 rc = 0, misses;

	if (bench_args(argc, argv, &o) != 0)
		return (2);
	/* Before any thread: nng's start with the first socket. */
	clock_freeze(DEMO_FREEZE_EPOCH_MS);
	memset(runs, 0, sizeof(runs));
	if (uname(&u) != 0)
		strcpy(u.sysname, "?");
	printf("bench-noise: %s %s, %ld cpus; the demo's %u venues, %g "
	    "scenario minutes at %g scenario s per agent s\n", u.sysname,
	    u.machine, sysconf(_SC_NPROCESSORS_ONLN), demo_nvenues,
	    o.minutes, o.speed);
	for (m = 0; m < BENCH_MODES; m++) {
		if (!o.modes[m])
			continue;
		runs[m].mode = (enum bench_mode)m;
		if (bench_run_play(&runs[m], &o, err, sizeof(err)) != 0) {
			fprintf(stderr, "bench-noise: %s: %s\n",
			    bench_mode_names[m], err);
			rc = 2;
		}
		bench_run_close(&runs[m]);
		if (rc != 0)
			break;
		done[m] = &runs[m];
	}
	if (rc == 0) {
		if (done[BENCH_BEFORE] != NULL && !runs[BENCH_BEFORE].old_keys)
			printf("note: this fohd refuses [rules] "
			    "flap_transitions, drift_hold, drift_clear: "
			    "\"before\" ran on its defaults, which are the "
			    "old behaviour\n");
		printf("\n");
		if (bench_print_keys(done[BENCH_BEFORE], done[BENCH_AFTER]) !=
		    0) {
			fprintf(stderr, "bench-noise: out of memory\n");
			rc = 2;
		}
		printf("\n");
		bench_print_totals(done);
		printf("\n");
		if (done[BENCH_BEFORE] != NULL &&
		    (misses = bench_check(done[BENCH_BEFORE], &o, 0)) >= 0)
			printf("before: %d targets missed (not checked)\n",
			    misses);
		if (done[BENCH_AFTER] != NULL) {
			misses = bench_check(done[BENCH_AFTER], &o, 1);
			if (misses < 0) {
				fprintf(stderr, "bench-noise: out of memory\n");
				rc = 2;
			} else if (misses == 0)
				printf("after: every target met\n");
			else {
				printf("after: %d targets missed\n", misses);
				rc = 1;
			}
		}
	}
	for (m = 0; m < BENCH_MODES; m++)
		bench_run_free(&runs[m]);
	return (rc);
}
