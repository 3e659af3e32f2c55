/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * feed.h: a console's link to one venue: a SUB socket on the venue's stream
 * and a REQ socket on its control, feeding a store_venue.
 *
 * feed_service drains both sockets without blocking, applies what arrives,
 * and asks for a snapshot when the store says it needs one (first contact,
 * a new agent run, a sequence gap). After a snapshot it asks, 64 ids at a
 * time (op "alerts"), for the maps of open alerts the snapshot listed but
 * did not carry. It tracks whether the transport is connected, so a venue
 * whose agent died shows as offline.
 *
 * Operator requests (feed_op) go one at a time over a REQ socket of their
 * own. Each has a random id and a deadline_ms on the agent's clock, which
 * the feed estimates from the ts of the venue's latest message; each ends
 * within FEED_OP_TIMEOUT_MS of being queued: answered (done, refused), or
 * given up, when the REQ socket is closed so that nng cannot send it again
 * (PROTOCOL.md 6.9, "Deadlines"). feed_take_answer gives the words.
 *
 * With a signer (feed_ctx), each operator request goes as a "signed"
 * message (signer.h): its ts the same estimate of the agent's clock as its
 * deadline. It is signed once, when it is first sent, and those bytes are
 * what every retry sends: fohd answers a repeat of (key, operator, id)
 * only when the request is byte for byte the same. One that cannot be
 * signed ends "not sent"; it never goes unsigned instead. Snapshot and
 * alerts requests are never signed.
 */
#ifndef FOH_FEED_H
#define FOH_FEED_H

#include <stdatomic.h>
#include <stdint.h>

#include <nng/nng.h>

#include "proto/foh-proto.h"
#include "core/store.h"
#include "net/transport.h"
#include "signer.h"

#define FEED_URL_MAX		256
#define FEED_RECVBUF		1024	/* stream messages nng holds */
#define FEED_SNAPSHOT_RETRY_MS	3000	/* ask again if no answer by then */
#define FEED_OPS_MAX		64	/* operator requests waiting */
#define FEED_OP_TIMEOUT_MS	10000	/* give up on an answer after this */
#define FEED_WIRE_MAX		(FOHP_SIGNED_MAX + FOHP_SIG_MAX + 64)
					/* a signed request, encoded */

/* How an operator request ended. */
enum feed_end {
	FEED_END_DONE,		/* a reply: done or unchanged */
	FEED_END_REFUSED,	/* an error answer */
	FEED_END_LOST,		/* not sent, or no answer in time */
	FEED_END_UNCLEAR,	/* an answer that could not be read */
	FEED_END_COUNT
};

/*
 * An operator request for the venue (ack, unack, shelve, approve...).
 * The caller fills what to do; feed_op fills the rest when it is queued:
 * a random id, the deadline on the agent's clock and when it gives up.
 */
struct feed_op {
	char		op[16];
	uint64_t	alert;
	char		operator_name[FOHP_ID_MAX];
	char		comment[FOHP_NOTE_MAX];
	uint32_t	expiry_s;
	uint32_t	duration_s;
	char		reason[FOHP_NOTE_MAX];
	enum fohp_ack_type ack_type;	/* ack: NONE is sticky */
	/* Set by feed_op. */
	uint64_t	id;		/* random, non-zero */
	uint64_t	ts_ms;		/* agent clock: the request's ts */
	uint64_t	deadline_ms;	/* agent clock: not carried out after */
	uint64_t	give_up_ms;	/* clock_pace_ms: "not carried out" */
};

struct feed_nats;	/* feed-nats.c: a venue read through NATS */

#define FEED_FDS_MAX	3	/* descriptors one feed has polled */
#define FEED_REPLAY_DEFAULT_MS	(10 * 60 * 1000)	/* foh --replay */

struct feed {
	struct feed_nats	*nats;		/* NULL: an nng feed. Else
						   the sockets below are
						   unused (PROTOCOL.md 14) */
	char			 stream[FEED_URL_MAX];
	char			 control[FEED_URL_MAX];
	/* TLS for tls+tcp:// and wss:// URLs: copies of the file names,
	 * tls pointing at them (NULL: none given). */
	char			 tls_ca[FEED_URL_MAX];
	char			 tls_cert[FEED_URL_MAX];
	char			 tls_key[FEED_URL_MAX];
	struct transport_tls	 tls_files;
	const struct transport_tls *tls;
	nng_dialer		 sub_dialer;	/* why it does not connect */
	uint64_t		 dial_seen[4];	/* transport_dial_trouble's */
	uint64_t		 dial_checked;	/* when, feed_service's clock */
	struct store_venue	*venue;		/* owned by the store */
	nng_socket		 sub;
	struct transport_receiver rx;		/* on sub, reused */
	nng_socket		 req;
	int			 sub_fd;
	int			 req_fd;
	atomic_int		 pipes;		/* connected stream pipes */
	int			 was_connected;
	int			 linked;	/* pipes > 0 at the last service */
	int			 req_pending;
	int			 req_alerts;	/* the one in flight is op
						   "alerts", for asked[] */
	int			 req_summary;	/* ... is op "summary" */
	unsigned		 nasked;
	uint64_t		 asked[FOHP_IDS_MAX];
	uint64_t		 req_id;
	uint64_t		 req_sent_ms;
	uint64_t		 answers_refused;	/* error answers */

	/* The agent's clock: the ts of its latest message and when
	 * (monotonic, local) it came. */
	uint64_t		 agent_ts;
	uint64_t		 agent_heard;

	/* Operator requests: their own REQ socket, one at a time. */
	nng_socket		 ctl;
	int			 ctl_fd;		/* -1 until opened */
	unsigned		 nops;
	struct feed_op		 ops[FEED_OPS_MAX];
	int			 op_pending;	/* ops[0] is sent */
	int			 no_sign;	/* requests go unsigned (the
						   demo's in-process venues) */
	size_t			 wire_len;	/* ops[0] encoded (and signed)
						   in wire; 0: not yet */
	uint8_t			 wire[FEED_WIRE_MAX];
	char			 answer[FOHP_TEXT_MAX + 192];	/* last, for
							   the screen */
	int			 has_answer;
	unsigned		 ended[FEED_END_COUNT];	/* since the last
							   take */
};

/* Work shared by all feeds of one console (one thread): decoder, scratch. */
struct feed_ctx {
	struct store		*store;
	struct fohp_decoder	 dec;
	struct fohp_msg		*msg;
	msgpack_sbuffer		 buf;
	struct signer		*signer;	/* signs operator requests;
						   NULL: unsigned. Borrowed */
};

/* Set up and tear down the shared context. Returns -1 out of memory. */
int		feed_ctx_init(struct feed_ctx *, struct store *);
void		feed_ctx_fini(struct feed_ctx *);

/*
 * Derive a control URL from a stream URL: tcp port + 1, or ipc path with
 * ".ctl" for ".pub" (or appended). Returns -1 if it cannot.
 */
int		feed_control_url(const char *stream, char *out, size_t len);

/*
 * A venue's control URL into out: control as given if not NULL or empty,
 * else derived from stream. -1 if it is too long or cannot be derived.
 */
int		feed_control_of(const char *stream, const char *control,
		    char *out, size_t len);

/*
 * Open a feed to stream and control URLs (control NULL: derived) for venue
 * v, with tls (copied; NULL: none) for TLS URLs. Dials in the background.
 * Returns -1 and fills err on a bad URL, or a TLS URL whose files are
 * missing or wrong.
 */
int		feed_open(struct feed *, const char *stream, const char *control,
		    const struct transport_tls *tls, struct store_venue *v,
		    char *err, size_t errlen);

/*
 * Is url a venue through NATS: nats://[USER:PASS@]HOST:PORT/VENUE or
 * tls://...? 1 or 0. feed_open opens those with feed-nats.c.
 */
int		feed_url_nats(const char *url);

/*
 * The descriptors to poll (for reading) for f into fds, at most
 * FEED_FDS_MAX; returns how many. Feeds through one NATS connection share
 * its descriptor.
 */
unsigned	feed_fds(const struct feed *, int *fds);

/*
 * Whether feed_service has work for f at now_ms: ready says one of its
 * descriptors polled readable; else messages already queued (NATS), or a
 * timer that is due (snapshot retry, a request's give-up, the once-a-second
 * link check). The console services only the feeds that are due.
 */
int		feed_due(const struct feed *, int ready, uint64_t now_ms);

/*
 * How far back (ms) a venue read through NATS replays its stream from
 * JetStream when the console starts (foh --replay, foh.conf replay);
 * 0: not at all. Before feed_open. Default FEED_REPLAY_DEFAULT_MS.
 */
void		feed_set_replay(uint64_t ms);

/* Close a feed's sockets. */
void		feed_close(struct feed *);

/* Drain, apply, re-snapshot as needed. Returns STORE_DIRTY_* flags. */
unsigned	feed_service(struct feed *, struct feed_ctx *, uint64_t now_ms);

/*
 * Queue an operator request; sent when the one before is answered. It ends
 * within FEED_OP_TIMEOUT_MS: answered, or given up ("not carried out"),
 * its deadline then passed on the agent's clock and its REQ socket closed
 * so that nng does not send it again. now_ms is the feed's clock
 * (feed_service's), for the agent-clock estimate.
 */
int		feed_op(struct feed *, const struct feed_op *, uint64_t now_ms,
		    char *err, size_t errlen);

/* When (clock_pace_ms) the feed next gives up on a request; 0: none. */
uint64_t	feed_give_up_at(const struct feed *);

/* A random non-zero request id (getrandom(2)), unique per console. */
uint64_t	feed_request_id(void);

/* Start request m: envelope, venue (may be ""), op, a random id. */
void		 feed_request_init(struct fohp_msg *m, const char *venue,
		     const char *op);

/*
 * The agent's clock now, estimated from the ts of its latest message
 * (last_ts, 0: none) and when it came (heard_ms), on the local monotonic
 * clock now_ms: last_ts + (now_ms - heard_ms). Without a message, the
 * local wall clock wall_ms.
 */
uint64_t	feed_agent_clock(uint64_t last_ts, uint64_t heard_ms,
		    uint64_t now_ms, uint64_t wall_ms);

/* A request's deadline: the agent's clock now plus timeout_ms. */
uint64_t	feed_deadline(const struct feed *, uint64_t now_ms,
		    uint64_t wall_ms, uint64_t timeout_ms);

/*
 * Ask the venue for its numbers over the last hours (op "summary", issue
 * 15): sent on the snapshot's socket when it is free; the answer goes to
 * the venue's store_summary. 0, or -1 out of memory.
 */
int		feed_summary(struct feed *, unsigned hours);

/* Take the words of the last answer to an operator request, if new. */
int		feed_take_answer(struct feed *, char *buf, size_t len);

#endif
