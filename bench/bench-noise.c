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
#include "bench-noise.h"

/* fohd's old behaviour, appended to each venue's config for "before". */
static const char bench_before_rules[] =
    "\n[rules]\n"
    "flap_transitions = 0\n"
    "drift_hold = 0\n"
    "drift_clear = 0.9\n";

const char *const bench_mode_names[BENCH_MODES] = { "before", "after" };


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
	if (feed_open(&v->feed, v->conf.stream, v->conf.control, NULL, v->sv,
	    err, errlen) != 0)
		return (-1);
	v->has_feed = 1;
	snprintf(prefix, sizeof(prefix), "foh/%s/", v->conf.id);
	if (transport_sub_dial(&v->sub, v->conf.stream, NULL, prefix,
	    bench_pipe_event, v, NULL, err, errlen) != 0)
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
