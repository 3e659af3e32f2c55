/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * deliver.h: approved actions delivered to MQTT topics and webhooks
 * (issue 16, PROTOCOL.md 16), on two threads of their own (one for MQTT,
 * one for webhooks) so that fohd's thread never waits on a broker or a
 * receiver, and a webhook's slow try never holds up a publish.
 *
 * The agent pushes a job per target (deliver_push: copied); the threads
 * try each one: an MQTT publish at QoS 1 is delivered when the broker's
 * PUBACK comes within the timeout (or later, for an earlier try, before
 * the job ended: then it is not tried again), a webhook POST when it is
 * answered 2xx within it. A failed try is tried again after backoff_ms,
 * doubling, up to retries more times; jobs wait for their turn
 * independently (one in its backoff does not hold the others up; webhook
 * tries do run one at a time). What happens comes back as events
 * (deliver_next) on the owner's thread, which deliver_fd wakes: "sent"
 * once (the message handed to the broker, or the request written), then
 * the end: "acknowledged", "HTTP 204" (any 2xx), or "failed" with why
 * and how many tries.
 *
 * Ownership: the struct deliver is the caller's, from deliver_open to
 * deliver_close (deliver_stop ends the jobs not done, as events). The
 * link passed with a job must stay open until deliver_stop, and be
 * closed before deliver_close; its published callback is taken over
 * (mqttlink_on_published).
 */
#ifndef FOH_DELIVER_H
#define FOH_DELIVER_H

#include <stddef.h>
#include <stdint.h>

#include "proto/foh-proto.h"

#define DELIVER_TARGET_MAX	256	/* a topic or URL, with its NUL */
#define DELIVER_BACKOFF_MAX_MS	(5 * 60 * 1000)	/* a wait at most */

enum deliver_via {
	DELIVER_MQTT = 0,
	DELIVER_WEBHOOK
};

struct mqttlink;

/* One delivery to do (the caller's; deliver_push copies it). */
struct deliver_job {
	uint64_t	 alert;
	char		 who[FOHP_ID_MAX];	/* the operator who approved */
	enum deliver_via via;
	char		 target[DELIVER_TARGET_MAX];	/* topic or URL */
	const char	*body;		/* the JSON payload (borrowed) */
	size_t		 len;
	unsigned	 retries;	/* tries after the first */
	uint32_t	 timeout_ms;	/* per try */
	uint32_t	 backoff_ms;	/* before the first retry */
	struct mqttlink	*link;		/* MQTT: the link, or NULL (none:
					   fails at once, "no [mqtt] url") */
};

/* What became of a delivery (deliver_next; freed with free(3)). */
struct deliver_event {
	uint64_t	 alert;
	char		 who[FOHP_ID_MAX];
	enum deliver_via via;
	char		 target[DELIVER_TARGET_MAX];
	char		 result[24];	/* sent, acknowledged, HTTP 2xx,
					   failed */
	char		 reason[160];	/* "3 tries", "connection refused
					   (4 tries)", or "" */
	int		 final;		/* 0: "sent", more to come */
	int		 ok;		/* delivered */
	struct deliver_event *next;
};

struct deliver;

/* Ready to take jobs (the threads start with the first). NULL and err. */
struct deliver	*deliver_open(char *err, size_t errlen);

/*
 * Stop the threads (at once: a try under way is aborted) and give the
 * link's published callback back. Each job not done ends "failed" as an
 * event for deliver_next, reason "fohd stopped; last try: WHY (N tries)"
 * (or "... before a try"). A PUBACK the link's thread was already
 * reporting may still come in: free the struct (deliver_close) only once
 * the link is closed. NULL is fine.
 */
void		 deliver_stop(struct deliver *);

/* deliver_stop, then free all. NULL is fine. */
void		 deliver_close(struct deliver *);

/* Readable while events wait for deliver_next. */
int		 deliver_fd(const struct deliver *);

/* Queue a job (copied). 0, or -1 and err (no memory, no thread). */
int		 deliver_push(struct deliver *, const struct deliver_job *,
		     char *err, size_t errlen);

/*
 * No more tries for the deliveries of alert (it resolved): each ends
 * "failed", reason "WHY; last try: ..." (or "WHY before a try") -- at
 * once if it waits for its next try, else when the try under way or the
 * PUBACK awaited fails. A try that succeeds still ends well. NULL is fine.
 */
void		 deliver_cancel(struct deliver *, uint64_t alert,
		     const char *why);

/* The next event, or NULL; the caller frees it. */
struct deliver_event *deliver_next(struct deliver *);

/*
 * The wait before retry n (1 for the first retry): first_ms doubled n-1
 * times, at most DELIVER_BACKOFF_MAX_MS.
 */
uint64_t	 deliver_backoff_ms(uint32_t first_ms, unsigned n);

/* A try's end in words: the result of a response's status code. */
int		 deliver_http_ok(int code);

#endif
