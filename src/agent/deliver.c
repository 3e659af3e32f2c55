/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * deliver.c: the delivery threads (deliver.h). Jobs wait in a list, each
 * with the time of its next try (due_ms) or, once an MQTT message is
 * handed to the broker, the time by which its PUBACK must come (ack_by).
 * Two threads share the list, one taking the MQTT jobs and one the
 * webhooks'; each sleeps on the condition variable (monotonic clock,
 * broadcast) until the earliest of its jobs' times, a new job, a PUBACK
 * or the stop, and makes one try at a time with the lock released (the
 * job marked busy meanwhile). A PUBACK is reported on the link's thread
 * (deliver_on_ack): it marks the job that published that message id,
 * or, when the PUBACK beats mqttlink_publish's return, is kept in a small
 * ring the MQTT thread looks in after publishing. deliver_cancel (the
 * alert resolved) ends a job between tries at once, and one in a try or
 * awaiting its PUBACK when that try fails: no try after it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "deliver.h"
#include "lib/clock.h"
#include "lib/text.h"
#include "net/httppost.h"
#include "net/mqttlink.h"

#define DELIVER_EARLY	16	/* PUBACKs seen before their job waits */
#define DELIVER_MIDS	16	/* a job's messages (retries <= 10) */

/* A job and its state. */
struct deliver_item {
	struct deliver_job	 job;	/* body is owned: malloc'd copy */
	unsigned		 tries;	/* made so far */
	uint64_t		 due_ms;	/* monotonic: the next try */
	int			 waiting;	/* for a PUBACK, until ack_by */
	int			 mids[DELIVER_MIDS];	/* each try's */
	unsigned		 nmids;
	uint64_t		 ack_by;	/* monotonic */
	int			 acked;
	int			 sent;		/* "sent" reported */
	int			 busy;		/* a try under way (unlocked) */
	char			 gone[32];	/* why cancelled, or "" */
	char			 last[160];	/* why the last try failed */
	struct deliver_item	*next;
};

struct deliver;

/* A thread and the jobs it tries: one for MQTT, one for webhooks. */
struct deliver_worker {
	struct deliver		*d;
	enum deliver_via	 via;
	pthread_t		 thread;
};

struct deliver {
	pthread_mutex_t		 mtx;
	pthread_cond_t		 cv;		/* broadcast: both threads */
	struct deliver_worker	 workers[2];
	int			 started;	/* threads running */
	int			 stop;
	int			 wake[2];	/* events: thread -> owner */
	int			 abort[2];	/* stop: owner -> a try */
	struct deliver_item	*items;
	struct deliver_event	*events, **events_tail;
	struct mqttlink		*link;		/* whose PUBACKs come here */
	int			 early[DELIVER_EARLY];
	unsigned		 nearly;
};

/* The wait before retry n. */
uint64_t
deliver_backoff_ms(uint32_t first_ms, unsigned n)
{
	uint64_t	ms = first_ms;

	while (n-- > 1 && ms < DELIVER_BACKOFF_MAX_MS)
		ms *= 2;
	return (ms < DELIVER_BACKOFF_MAX_MS ? ms : DELIVER_BACKOFF_MAX_MS);
}

/* Is an HTTP status a delivery (2xx)? */
int
deliver_http_ok(int code)
{
	return (code >= 200 && code <= 299);
}

/* Queue an event for the owner and wake it (lock held). */
static void
deliver_event(struct deliver *d, const struct deliver_item *it,
    const char *result, const char *reason, int final, int ok)
{
	struct deliver_event	*ev;

	if ((ev = calloc(1, sizeof(*ev))) == NULL) {
		fprintf(stderr, "fohd: error: delivery of alert %llu: %s: "
		    "out of memory for its event\n",
		    (unsigned long long)it->job.alert, result);
		return;
	}
	ev->alert = it->job.alert;
	text_copy(ev->who, sizeof(ev->who), it->job.who);
	ev->via = it->job.via;
	text_copy(ev->target, sizeof(ev->target), it->job.target);
	text_copy(ev->result, sizeof(ev->result), result);
	text_copy(ev->reason, sizeof(ev->reason), reason);
	ev->final = final;
	ev->ok = ok;
	*d->events_tail = ev;
	d->events_tail = &ev->next;
	(void)!write(d->wake[1], "", 1);
}

/* A job is over: its last event, and out of the list (lock held). */
static void
deliver_end(struct deliver *d, struct deliver_item *it, const char *result,
    int ok)
{
	struct deliver_item	**pp;
	char			  reason[160];

	if (ok)
		snprintf(reason, sizeof(reason), "%u %s", it->tries,
		    it->tries == 1 ? "try" : "tries");
	else
		snprintf(reason, sizeof(reason), "%.120s (%u %s)", it->last,
		    it->tries, it->tries == 1 ? "try" : "tries");
	deliver_event(d, it, result, reason, 1, ok);
	for (pp = &d->items; *pp != it; pp = &(*pp)->next)
		;
	*pp = it->next;
	free((void *)it->job.body);
	free(it);
}

/* A try failed (why in it->last): again after the backoff, or the end. */
static void
deliver_failed(struct deliver *d, struct deliver_item *it, int final)
{
	char	why[160];

	it->waiting = 0;
	if (it->acked)		/* an earlier try's PUBACK: deliver_main */
		return;
	if (it->gone[0] != '\0') {	/* its alert ended: no more tries */
		if (it->tries == 0)
			snprintf(why, sizeof(why), "%s before a try",
			    it->gone);
		else
			snprintf(why, sizeof(why), "%s; last try: %.100s",
			    it->gone, it->last);
		text_copy(it->last, sizeof(it->last), why);
		final = 1;
	}
	if (final || it->tries > it->job.retries) {
		deliver_end(d, it, "failed", 0);
		return;
	}
	it->due_ms = clock_mono_ms() + deliver_backoff_ms(it->job.backoff_ms,
	    it->tries);
}

/* Was mid published by one of the tries of it? */
static int
deliver_has_mid(const struct deliver_item *it, int mid)
{
	unsigned	i;

	for (i = 0; i < it->nmids; i++) {
		if (it->mids[i] == mid)
			return (1);
	}
	return (0);
}

/*
 * PUBACK of mid (the link's thread): the job of any of its tries, even
 * one that timed out (libmosquitto sends it again after a reconnect), is
 * delivered, and not tried again.
 */
static void
deliver_on_ack(void *arg, int mid)
{
	struct deliver		*d = arg;
	struct deliver_item	*it;

	pthread_mutex_lock(&d->mtx);
	for (it = d->items; it != NULL; it = it->next) {
		if (it->job.via == DELIVER_MQTT && deliver_has_mid(it, mid))
			break;
	}
	if (it != NULL)
		it->acked = 1;
	else
		d->early[d->nearly++ % DELIVER_EARLY] = mid;
	pthread_cond_broadcast(&d->cv);
	pthread_mutex_unlock(&d->mtx);
}

/* Was mid's PUBACK seen before its job waited for it? (lock held) */
static int
deliver_early(struct deliver *d, int mid)
{
	unsigned	i, n = d->nearly < DELIVER_EARLY ? d->nearly :
			    DELIVER_EARLY;

	for (i = 0; i < n; i++) {
		if (d->early[i] == mid) {
			d->early[i] = -1;
			return (1);
		}
	}
	return (0);
}

/* A webhook try's job, for deliver_written. */
struct deliver_wrote {
	struct deliver		*d;
	struct deliver_item	*it;	/* busy: not freed meanwhile */
};

/* The request is written: "sent" now, not when the answer comes. */
static void
deliver_written(void *arg)
{
	struct deliver_wrote	*w = arg;

	pthread_mutex_lock(&w->d->mtx);
	if (!w->it->sent) {
		w->it->sent = 1;
		deliver_event(w->d, w->it, "sent", "", 0, 0);
	}
	pthread_mutex_unlock(&w->d->mtx);
}

/* One try of a job (lock held; released around the network). */
static void
deliver_try(struct deliver *d, struct deliver_item *it)
{
	struct deliver_wrote	w;
	char			err[160], reason[64];
	int			mid = -1, rv, code = 0, wrote = 0;

	it->tries++;
	it->due_ms = UINT64_MAX;
	it->busy = 1;
	if (it->job.via == DELIVER_MQTT) {
		if (it->job.link == NULL) {
			text_copy(it->last, sizeof(it->last),
			    "no [mqtt] url");
			deliver_failed(d, it, 1);
			return;
		}
		pthread_mutex_unlock(&d->mtx);
		rv = mqttlink_publish(it->job.link, it->job.target,
		    it->job.body, it->job.len, 1, &mid, err, sizeof(err));
		pthread_mutex_lock(&d->mtx);
		it->busy = 0;
		if (rv != 0) {
			text_copy(it->last, sizeof(it->last), err);
			deliver_failed(d, it, 0);
			return;
		}
		if (!it->sent) {
			it->sent = 1;
			deliver_event(d, it, "sent", "", 0, 0);
		}
		it->waiting = 1;
		if (it->nmids < DELIVER_MIDS)
			it->mids[it->nmids++] = mid;
		if (deliver_early(d, mid))
			it->acked = 1;
		it->ack_by = clock_mono_ms() + it->job.timeout_ms;
		return;
	}
	pthread_mutex_unlock(&d->mtx);
	w.d = d;
	w.it = it;
	rv = httppost_send(it->job.target, it->job.body, it->job.len,
	    it->job.timeout_ms, d->abort[0], &wrote, deliver_written, &w,
	    &code, reason, sizeof(reason), err, sizeof(err));
	pthread_mutex_lock(&d->mtx);
	it->busy = 0;
	if (wrote && !it->sent) {
		it->sent = 1;
		deliver_event(d, it, "sent", "", 0, 0);
	}
	if (rv == 0 && deliver_http_ok(code)) {
		snprintf(err, sizeof(err), "HTTP %d", code);
		deliver_end(d, it, err, 1);
		return;
	}
	if (rv == 0)
		snprintf(it->last, sizeof(it->last), "HTTP %d%s%.60s", code,
		    reason[0] != '\0' ? " " : "", reason);
	else
		text_copy(it->last, sizeof(it->last), err);
	deliver_failed(d, it, 0);
}

/* Wait on the condition until mono ms at (lock held). */
static void
deliver_sleep(struct deliver *d, uint64_t at)
{
	struct timespec	ts;
	uint64_t	now = clock_mono_ms();

	if (at <= now)
		return;
	if (at - now > 60000)
		at = now + 60000;
	clock_deadline(&ts, CLOCK_MONOTONIC, at - now);
	(void)pthread_cond_timedwait(&d->cv, &d->mtx, &ts);
}

/*
 * A thread: try what is due of its jobs, end what was acknowledged or
 * timed out. MQTT and webhooks each have one, so that a webhook's try
 * (up to the timeout) never holds up a publish or a PUBACK's timeout.
 */
static void *
deliver_main(void *arg)
{
	struct deliver_worker	*w = arg;
	struct deliver		*d = w->d;
	struct deliver_item	*it, *next;
	uint64_t		 now, wake;

	pthread_mutex_lock(&d->mtx);
	while (!d->stop) {
		now = clock_mono_ms();
		wake = UINT64_MAX;
		for (it = d->items; it != NULL && !d->stop; it = next) {
			next = it->next;
			if (it->job.via != w->via)
				continue;
			if (it->acked) {	/* this try's or an earlier's */
				deliver_end(d, it, "acknowledged", 1);
				next = d->items;	/* the list changed */
				continue;
			}
			if (it->waiting && now >= it->ack_by) {
				snprintf(it->last, sizeof(it->last), "no "
				    "PUBACK within %ums",
				    (unsigned)it->job.timeout_ms);
				deliver_failed(d, it, 0);
				next = d->items;
				continue;
			}
			if (!it->waiting && it->due_ms <= now) {
				deliver_try(d, it);
				next = d->items;	/* unlocked meanwhile */
				now = clock_mono_ms();
				continue;
			}
			if (it->waiting && it->ack_by < wake)
				wake = it->ack_by;
			if (!it->waiting && it->due_ms < wake)
				wake = it->due_ms;
		}
		if (!d->stop)
			deliver_sleep(d, wake == UINT64_MAX ? now + 60000 :
			    wake);
	}
	pthread_mutex_unlock(&d->mtx);
	return (NULL);
}

/* Ready to take jobs. */
struct deliver *
deliver_open(char *err, size_t errlen)
{
	struct deliver		*d;
	pthread_condattr_t	 ca;

	if ((d = calloc(1, sizeof(*d))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (NULL);
	}
	d->wake[0] = d->wake[1] = d->abort[0] = d->abort[1] = -1;
	pthread_mutex_init(&d->mtx, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&d->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (pipe2(d->wake, O_CLOEXEC | O_NONBLOCK) != 0 ||
	    pipe2(d->abort, O_CLOEXEC | O_NONBLOCK) != 0) {
		snprintf(err, errlen, "delivery pipe: %s", strerror(errno));
		deliver_close(d);
		return (NULL);
	}
	d->events_tail = &d->events;
	memset(d->early, 0xff, sizeof(d->early));
	return (d);
}

/* Stop the thread; the link's callback given back; what is left ended. */
void
deliver_stop(struct deliver *d)
{
	struct deliver_item	*it;

	if (d == NULL)
		return;
	pthread_mutex_lock(&d->mtx);
	d->stop = 1;
	pthread_cond_broadcast(&d->cv);
	pthread_mutex_unlock(&d->mtx);
	(void)!write(d->abort[1], "", 1);
	while (d->started > 0) {
		d->started--;
		pthread_join(d->workers[d->started].thread, NULL);
	}
	if (d->link != NULL)
		mqttlink_on_published(d->link, NULL, NULL);
	d->link = NULL;
	/* No try is under way now: each job left ends, said. */
	pthread_mutex_lock(&d->mtx);
	while ((it = d->items) != NULL) {
		if (it->acked) {
			deliver_end(d, it, "acknowledged", 1);
			continue;
		}
		if (it->waiting)
			text_copy(it->last, sizeof(it->last), "no PUBACK yet");
		if (it->gone[0] == '\0')
			text_copy(it->gone, sizeof(it->gone), "fohd stopped");
		deliver_failed(d, it, 1);
	}
	pthread_mutex_unlock(&d->mtx);
}

/* Stop the thread and free everything. */
void
deliver_close(struct deliver *d)
{
	struct deliver_item	*it;
	struct deliver_event	*ev;

	if (d == NULL)
		return;
	deliver_stop(d);
	pthread_cond_destroy(&d->cv);
	pthread_mutex_destroy(&d->mtx);
	while ((it = d->items) != NULL) {
		d->items = it->next;
		free((void *)it->job.body);
		free(it);
	}
	while ((ev = d->events) != NULL) {
		d->events = ev->next;
		free(ev);
	}
	if (d->wake[0] >= 0)
		close(d->wake[0]);
	if (d->wake[1] >= 0)
		close(d->wake[1]);
	if (d->abort[0] >= 0)
		close(d->abort[0]);
	if (d->abort[1] >= 0)
		close(d->abort[1]);
	free(d);
}

/* Readable while events wait. */
int
deliver_fd(const struct deliver *d)
{
	return (d->wake[0]);
}

/* Queue a job. */
int
deliver_push(struct deliver *d, const struct deliver_job *job, char *err,
    size_t errlen)
{
	struct deliver_item	*it, **pp;
	char			*body;

	if ((it = calloc(1, sizeof(*it))) == NULL ||
	    (body = malloc(job->len + 1)) == NULL) {
		free(it);
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	memcpy(body, job->body, job->len);
	body[job->len] = '\0';
	it->job = *job;
	it->job.body = body;
	it->due_ms = 0;
	pthread_mutex_lock(&d->mtx);
	if (d->stop) {
		pthread_mutex_unlock(&d->mtx);
		free(body);
		free(it);
		snprintf(err, errlen, "deliveries stopped");
		return (-1);
	}
	if (job->link != NULL && job->link != d->link) {
		d->link = job->link;
		mqttlink_on_published(job->link, deliver_on_ack, d);
	}
	while (d->started < 2) {
		d->workers[d->started].d = d;
		d->workers[d->started].via = d->started == 0 ? DELIVER_MQTT :
		    DELIVER_WEBHOOK;
		if (pthread_create(&d->workers[d->started].thread, NULL,
		    deliver_main, &d->workers[d->started]) != 0) {
			pthread_mutex_unlock(&d->mtx);
			free(body);
			free(it);
			snprintf(err, errlen, "cannot start the delivery "
			    "threads");
			return (-1);
		}
		d->started++;
	}
	for (pp = &d->items; *pp != NULL; pp = &(*pp)->next)
		;
	*pp = it;
	pthread_cond_broadcast(&d->cv);
	pthread_mutex_unlock(&d->mtx);
	return (0);
}

/* No more tries for alert's deliveries: end those that wait for one. */
void
deliver_cancel(struct deliver *d, uint64_t alert, const char *why)
{
	struct deliver_item	*it, *next;

	if (d == NULL)
		return;
	pthread_mutex_lock(&d->mtx);
	for (it = d->items; it != NULL; it = next) {
		next = it->next;
		if (it->job.alert != alert || it->gone[0] != '\0')
			continue;
		text_copy(it->gone, sizeof(it->gone), why);
		/* A try under way, or a PUBACK awaited, ends as it ends. */
		if (!it->busy && !it->waiting && !it->acked)
			deliver_failed(d, it, 1);
	}
	pthread_cond_broadcast(&d->cv);
	pthread_mutex_unlock(&d->mtx);
}

/* The next event, or NULL. */
struct deliver_event *
deliver_next(struct deliver *d)
{
	struct deliver_event	*ev;
	char			 buf[64];

	pthread_mutex_lock(&d->mtx);
	if ((ev = d->events) != NULL) {
		if ((d->events = ev->next) == NULL)
			d->events_tail = &d->events;
		ev->next = NULL;
	} else
		while (read(d->wake[0], buf, sizeof(buf)) > 0)
			;
	pthread_mutex_unlock(&d->mtx);
	return (ev);
}
