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

#define DEMO_MAX	8

struct demo {
	unsigned		 n;
	struct vconf		 conf[DEMO_MAX];
	struct scenario		 scn[DEMO_MAX];
	int			 has_scn[DEMO_MAX];
	struct agent		*agent[DEMO_MAX];
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
	struct pollfd	 pfd[DEMO_MAX + 1];
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

/* Start the demo venues. */
struct demo *
demo_start(unsigned long long seed, uint64_t freeze_ms, char *err,
    size_t errlen)
{
	struct demo	*d;
	unsigned	 i;

	if ((d = calloc(1, sizeof(*d))) == NULL ||
	    (d->batch = malloc(sizeof(*d->batch))) == NULL) {
		free(d);
		snprintf(err, errlen, "out of memory");
		return (NULL);
	}
	d->stop[0] = d->stop[1] = -1;
	if (freeze_ms > 0)
		clock_freeze(DEMO_FREEZE_EPOCH_MS);
	d->tick_ms = 250;
	for (i = 0; i < demo_nvenues && i < DEMO_MAX; i++) {
		struct vconf	*c = &d->conf[i];
		char		 id[FOHP_ID_MAX];

		if (vconf_load_string(c, demo_venues[i].file,
		    demo_venues[i].text, err, errlen) != 0)
			goto fail;
		memcpy(id, c->id, sizeof(id));
		snprintf(c->stream, sizeof(c->stream),
		    "inproc://foh-demo/%s.pub", id);
		snprintf(c->control, sizeof(c->control),
		    "inproc://foh-demo/%s.ctl", id);
		c->seed += seed;
		c->simulate = 0;	/* the scenario feeds it */
		if (scenario_load_string(&d->scn[i],
		    demo_venues[i].scenario_file, demo_venues[i].scenario_text,
		    c, err, errlen) != 0)
			goto fail;
		d->has_scn[i] = 1;
		if (seed != 0)
			scenario_reseed(&d->scn[i], d->scn[i].seed + seed);
		if (d->scn[i].tick_ms > 0 && d->scn[i].tick_ms < d->tick_ms)
			d->tick_ms = d->scn[i].tick_ms;
		if ((d->agent[i] = agent_open(c, err, errlen)) == NULL)
			goto fail;
		d->n++;
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
	for (i = 0; i < d->n; i++)
		agent_close(d->agent[i]);
	for (i = 0; i < DEMO_MAX; i++) {
		if (d->has_scn[i])
			scenario_free(&d->scn[i]);
	}
	free(d->batch);
	if (d->stop[0] != -1) {
		close(d->stop[0]);
		close(d->stop[1]);
	}
	free(d);
	return (NULL);
}

/* Stop the demo. */
void
demo_stop(struct demo *d)
{
	unsigned	i;

	if (d == NULL)
		return;
	if (write(d->stop[1], "x", 1) == 1)
		pthread_join(d->thread, NULL);
	for (i = 0; i < d->n; i++) {
		agent_close(d->agent[i]);
		scenario_free(&d->scn[i]);
	}
	close(d->stop[0]);
	close(d->stop[1]);
	free(d->batch);
	free(d);
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
