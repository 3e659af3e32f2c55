/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-nats-priv.h: what the files of an agent's NATS link share.
 * agent-nats.c runs on the agent's (the caller's) thread: the outbox's
 * producer, the control requests' consumer, start, stop and metrics.
 * agent-nats-pub.c is the link's own thread and nats.c's callbacks: the
 * connection, the stream, publishing and re-syncing, the control
 * requests' producer. They meet in struct agent_nats, whose fields say
 * which lock or atomic guards them.
 */
#ifndef FOH_AGENT_NATS_PRIV_H
#define FOH_AGENT_NATS_PRIV_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include <nats/nats.h>

#include "net/natsconn.h"
#include "proto/foh-proto.h"

#define AGENT_NATS_KINDS	10	/* stream kinds, a subject each */
#define AGENT_NATS_REQS_MAX	64	/* control requests waiting, at most */
#define AGENT_NATS_WAIT_MS	2000	/* a JetStream answer, at most */
#define AGENT_NATS_WINDOW	256	/* messages published before their
					   acknowledgements are read */
#define AGENT_NATS_WINDOW_BYTES	(4 << 20)	/* ... and their bytes */
#define AGENT_NATS_BACKOFF_MS	1000	/* after a refusal, before a retry */
#define AGENT_NATS_DRAIN_MS	2000	/* at stop: the outbox's last chance */
#define AGENT_NATS_WRITE_MS	1000	/* a write to the server, at most */
#define AGENT_NATS_LOG_MS	10000	/* a refusal logged at most so often */

/* A stream message waiting to be published: its body, without topic. */
struct agent_nats_item {
	struct agent_nats_item	*next;
	uint64_t		 epoch;
	uint64_t		 seq;
	enum fohp_kind		 kind;
	size_t			 len;
	unsigned char		 body[];
};

/* A control request from NATS waiting for the agent's thread. */
struct agent_nats_req {
	struct agent_nats_req	*next;
	char			*reply;		/* in the same allocation */
	size_t			 len;
	unsigned char		 body[];
};

/* A refusal class: counted, and logged at most every AGENT_NATS_LOG_MS. */
struct agent_nats_refusal {
	atomic_uint_fast64_t	 n;
	uint64_t		 logged;	/* n at the last line (mtx) */
	uint64_t		 log_ms;	/* mono ms of the last line */
};

struct agent_nats {
	/* Set before the thread starts; read-only after. */
	char			 venue[FOHP_ID_MAX];
	char			 stream[FOHP_ID_MAX + 8];
	char			 conf_domain[FOHP_ID_MAX];	/* "" = ask */
	char		 subjects[AGENT_NATS_KINDS][NATSCONN_SUBJECT_MAX];
	enum fohp_kind		 kinds[AGENT_NATS_KINDS];
	char			 ctl[NATSCONN_SUBJECT_MAX];
	char			 url[NATSCONN_URL_MAX];	/* for logs */
	uint64_t		 max_age_ms, max_bytes, cap;
	natsOptions		*opts;		/* owned; NULL until started */

	pthread_mutex_t		 mtx;		/* guards what follows but
						   atomics */
	pthread_cond_t		 cond;		/* outbox, stop, connection */
	struct agent_nats_item	*head, *tail;	/* the outbox, oldest first */
	size_t			 bytes;		/* of bodies in it */
	atomic_uint_fast64_t	 count;		/* items in it (+ in flight) */
	struct agent_nats_req	*rhead, *rtail;	/* control requests */
	unsigned		 nreqs;
	int			 resync;	/* re-read the stream first */
	int			 waiting;	/* the thread waits on cond: a
						   push must signal it */
	int			 stop;
	int			 sub_done;	/* the subscription's last
						   callback has returned */
	char			 domain[FOHP_ID_MAX];	/* Foh-Domain */

	/* The thread's, but for nc (read by the agent's thread to answer:
	 * set before the subscription exists, cleared after it is gone). */
	natsConnection		*nc;
	jsCtx			*js;
	natsSubscription	*sub;
	natsSubscription	*acks;		/* on inbox.> */
	char			 inbox[64];	/* acknowledgements come here */
	uint64_t		 window;	/* windows sent */
	uint64_t		 next;		/* stream sequence to use */
	pthread_t		 thread;
	int			 started;
	int			 pipe[2];	/* requests wait: [0] reads */

	atomic_int		 connected;
	atomic_uint_fast64_t	 published, dropped, resyncs, requests;
	struct agent_nats_refusal permission, refused_stream;
	struct agent_nats_refusal timeouts;	/* no answer: logged only */
	struct agent_nats_refusal busy;		/* requests over the queue's
						   bound: logged only */
};

/* agent-nats-pub.c: the link's thread (started by agent_nats_start). */
void	*agent_nats_main(void *);
int	 agent_nats_callbacks(struct agent_nats *, char *err, size_t errlen);

/* agent-nats-js.c: JetStream, for the link's thread. */
int	 agent_nats_resync(struct agent_nats *);
unsigned agent_nats_window(struct agent_nats *, struct agent_nats_item **,
	    unsigned k, uint64_t at, int *dropped);

/* agent-nats-box.c: the outbox (locked) and the refusals, for all. */
void	 agent_nats_trim(struct agent_nats *);
void	 agent_nats_refused(struct agent_nats *, struct agent_nats_refusal *,
	    const char *what, const char *text);

#endif
