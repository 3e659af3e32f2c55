/*
 * demo.c: run the compiled-in venues as agents on a thread of their own.
 *
 * The thread polls the agents' control sockets and a stop pipe, and services
 * each agent when it has a request or its next tick is due, just as fohd's
 * main loop does for its one venue.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agent.h"
#include "clock.h"
#include "demo.h"

#define DEMO_MAX	8

struct demo {
	unsigned	 n;
	struct vconf	 conf[DEMO_MAX];
	struct agent	*agent[DEMO_MAX];
	int		 stop[2];	/* write a byte to stop the thread */
	pthread_t	 thread;
};

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
		next = now + 1000;
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
		now = clock_mono_ms();
		for (i = 0; i < d->n; i++)
			agent_service(d->agent[i], now);
	}
	return (NULL);
}

/* Start the demo venues. */
struct demo *
demo_start(unsigned long long seed, char *err, size_t errlen)
{
	struct demo	*d;
	unsigned	 i;

	if ((d = calloc(1, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (NULL);
	}
	d->stop[0] = d->stop[1] = -1;
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
		if ((d->agent[i] = agent_open(c, err, errlen)) == NULL)
			goto fail;
		d->n++;
	}
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
	for (i = 0; i < d->n; i++)
		agent_close(d->agent[i]);
	close(d->stop[0]);
	close(d->stop[1]);
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
