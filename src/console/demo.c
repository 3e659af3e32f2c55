/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * demo.c: run the compiled-in venues as agents on a thread of their own.
 *
 * Each venue is fed by its scenario (scenarios/NAME.scn, the same files
 * foh-sim pushes into a real fohd), played DEMO_SPEED times faster than
 * life and started again at its end. The thread polls the agents' control
 * sockets and a stop pipe, steps the scenarios every tick and hands their
 * readings to the agents, just as fohd hands over what its ingest parsed.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent/agent.h"
#include "lib/clock.h"
#include "demo.h"
#include "sim/scenario.h"

struct demo {
	unsigned		 n;		/* venues started */
	unsigned		 want;		/* venues asked for */
	struct vconf		*conf;		/* want of each, owned */
	struct scenario		*scn;
	int			*has_scn;
	struct agent		**agent;
	struct pollfd		*pfd;		/* n + 1: the stop pipe */
	struct reading_batch	*batch;
	uint64_t		 start_ms;	/* monotonic */
	uint64_t		 next_step;
	uint32_t		 tick_ms;
	int			 stop[2];	/* write a byte to stop */
	pthread_t		 thread;
};

/* Step every venue's scenario to now and hand the readings over. */
static void
demo_step(struct demo *d, uint64_t now)
{
	double		sim_s;
	unsigned	i;

	for (i = 0; i < d->n; i++) {
		struct scenario	*s = &d->scn[i];

		if (!d->has_scn[i])
			continue;
		sim_s = (double)(now - d->start_ms) / 1000.0 * DEMO_SPEED;
		if (s->duration_s > 0)
			sim_s = fmod(sim_s, s->duration_s);
		d->batch->n = 0;
		d->batch->npool = 0;
		d->batch->rejected = 0;
		d->batch->accepted = 0;
		d->batch->nerrs = 0;
		if (scenario_step(s, sim_s, clock_wall_ms(), d->batch) > 0)
			agent_apply(d->agent[i], d->batch, now);
	}
}

/* Do what is due at now: the scenarios' step, then each agent's timers. */
static void
demo_service(struct demo *d, uint64_t now)
{
	unsigned	i;

	if (now >= d->next_step) {
		demo_step(d, now);
		while (d->next_step <= now)
			d->next_step += d->tick_ms;
	}
	for (i = 0; i < d->n; i++)
		agent_service(d->agent[i], now);
}

/* The agents' loop. */
static void *
demo_main(void *arg)
{
	struct demo	*d = arg;
	struct pollfd	*pfd = d->pfd;
	uint64_t	 now, next;
	unsigned	 i;
	int		 timeout;

	for (;;) {
		now = clock_mono_ms();
		next = d->next_step;
		for (i = 0; i < d->n; i++) {
			pfd[i].fd = agent_fd(d->agent[i]);
			pfd[i].events = POLLIN;
			if (agent_next_ms(d->agent[i]) < next)
				next = agent_next_ms(d->agent[i]);
		}
		pfd[d->n].fd = d->stop[0];
		pfd[d->n].events = POLLIN;
		timeout = next > now ? (int)(next - now) : 0;
		if (poll(pfd, d->n + 1, timeout) < 0 && errno != EINTR)
			break;
		if (pfd[d->n].revents != 0)
			break;
		demo_service(d, clock_mono_ms());
	}
	return (NULL);
}

/*
 * Play the first freeze_ms of the demo at once, tick by tick on the frozen
 * clocks, as demo_main would have played it in real time.
 */
static void
demo_play(struct demo *d, uint64_t freeze_ms)
{
	uint64_t	end = d->start_ms + freeze_ms, now, next;
	unsigned	i;

	for (;;) {
		now = clock_mono_ms();
		demo_service(d, now);
		if (now >= end)
			break;
		next = d->next_step < end ? d->next_step : end;
		for (i = 0; i < d->n; i++) {
			if (agent_next_ms(d->agent[i]) < next)
				next = agent_next_ms(d->agent[i]);
		}
		clock_advance(next > now ? next - now : 1);
	}
}

/*
 * Copy k of a venue (k > 0: the second round and after): id "arena-2",
 * name "City Arena 2", and a seed of its own so the copies differ.
 */
static void
demo_clone(struct vconf *c, unsigned k)
{
	char	buf[FOHP_NAME_MAX];

	snprintf(buf, sizeof(buf), "%s", c->id);
	snprintf(c->id, sizeof(c->id), "%.*s-%u", FOHP_ID_MAX - 6, buf,
	    k + 1);
	snprintf(buf, sizeof(buf), "%s", c->layout.name);
	snprintf(c->layout.name, sizeof(c->layout.name), "%.*s %u",
	    FOHP_NAME_MAX - 6, buf, k + 1);
	c->seed += (uint64_t)k * DEMO_SEED_STEP;
}

/* Load, name and open demo venue i (copy i / demo_nvenues of its kind). */
static int
demo_open(struct demo *d, unsigned i, unsigned long long seed, char *err,
    size_t errlen)
{
	const struct demo_venue	*dv = &demo_venues[i % demo_nvenues];
	struct vconf		*c = &d->conf[i];
	struct scenario		*sc = &d->scn[i];
	unsigned		 k = i / demo_nvenues;
	uint64_t		 reseed;

	if (vconf_load_string(c, dv->file, dv->text, err, errlen) != 0)
		return (-1);
	c->seed += seed;
	c->simulate = 0;	/* the scenario feeds it */
	/* The scenario names the venue by its id: load it before the
	 * copy takes a new one. */
	if (scenario_load_string(sc, dv->scenario_file, dv->scenario_text,
	    c, err, errlen) != 0)
		return (-1);
	d->has_scn[i] = 1;
	if (k > 0)
		demo_clone(c, k);
	reseed = seed + (uint64_t)k * DEMO_SEED_STEP;
	if (reseed != 0)
		scenario_reseed(sc, sc->seed + reseed);
	snprintf(c->stream, sizeof(c->stream), "inproc://foh-demo/%s.pub",
	    c->id);
	snprintf(c->control, sizeof(c->control), "inproc://foh-demo/%s.ctl",
	    c->id);
	if (sc->tick_ms > 0 && sc->tick_ms < d->tick_ms)
		d->tick_ms = sc->tick_ms;
	if ((d->agent[i] = agent_open(c, err, errlen)) == NULL)
		return (-1);
	d->n++;
	return (0);
}

/* Free what demo_start allocated, the agents stopped. */
static void
demo_free(struct demo *d)
{
	unsigned	i;

	for (i = 0; i < d->n; i++)
		agent_close(d->agent[i]);
	for (i = 0; d->has_scn != NULL && i < d->want; i++) {
		if (d->has_scn[i])
			scenario_free(&d->scn[i]);
	}
	if (d->stop[0] != -1) {
		close(d->stop[0]);
		close(d->stop[1]);
	}
	free(d->conf);
	free(d->scn);
	free(d->has_scn);
	free(d->agent);
	free(d->pfd);
	free(d->batch);
	free(d);
}

/* Start the demo venues. */
struct demo *
demo_start(unsigned n, unsigned long long seed, uint64_t freeze_ms,
    char *err, size_t errlen)
{
	struct demo	*d;
	unsigned	 i;

	if (n < 1 || n > DEMO_VENUES_MAX) {
		snprintf(err, errlen, "%u venues: the demo runs 1 to %u", n,
		    DEMO_VENUES_MAX);
		return (NULL);
	}
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (NULL);
	}
	d->stop[0] = d->stop[1] = -1;
	d->want = n;
	if ((d->batch = malloc(sizeof(*d->batch))) == NULL ||
	    (d->conf = calloc(n, sizeof(*d->conf))) == NULL ||
	    (d->scn = calloc(n, sizeof(*d->scn))) == NULL ||
	    (d->has_scn = calloc(n, sizeof(*d->has_scn))) == NULL ||
	    (d->agent = calloc(n, sizeof(*d->agent))) == NULL ||
	    (d->pfd = calloc(n + 1, sizeof(*d->pfd))) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (freeze_ms > 0)
		clock_freeze(DEMO_FREEZE_EPOCH_MS);
	d->tick_ms = 250;
	for (i = 0; i < n; i++) {
		if (demo_open(d, i, seed, err, errlen) != 0)
			goto fail;
	}
	d->start_ms = d->next_step = clock_mono_ms();
	if (freeze_ms > 0)
		demo_play(d, freeze_ms);
	if (pipe(d->stop) != 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		goto fail;
	}
	if (pthread_create(&d->thread, NULL, demo_main, d) != 0) {
		snprintf(err, errlen, "cannot start the demo thread");
		goto fail;
	}
	return (d);
fail:
	demo_free(d);
	return (NULL);
}

/* Stop the demo. */
void
demo_stop(struct demo *d)
{
	if (d == NULL)
		return;
	if (write(d->stop[1], "x", 1) == 1)
		pthread_join(d->thread, NULL);
	demo_free(d);
}

/* Number of demo venues running. */
unsigned
demo_count(const struct demo *d)
{
	return (d->n);
}

/* The config of demo venue i. */
const struct vconf *
demo_conf(const struct demo *d, unsigned i)
{
	return (&d->conf[i]);
}
