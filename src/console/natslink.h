/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * natslink.h: the console's connections to NATS servers (PROTOCOL.md 14).
 *
 * One connection per (server URL, TLS files), shared by every venue read
 * through it; each venue has a box: its subscription to foh.VENUE.* and
 * a queue of what NATS delivered for it (stream messages, answers to its
 * requests, replayed messages). nats.c delivers on its own threads (one
 * global delivery thread for every subscription, no thread per venue):
 * those callbacks only queue the message under the link's mutex and make
 * the link's pipe readable, which wakes the console's poll(2). The
 * console's one thread takes the queue (natslink_take) and applies it.
 * The pipe stays readable while any box of the link holds something, so
 * no wake-up is lost when several venues share it.
 *
 * Replies come to one inbox subscription per link: a box's reply subject
 * is INBOX.BOX.TAG.GEN (natslink_reply), and the callback files each
 * answer in that box with TAG and GEN, for the feed to tell answers to
 * its snapshot, its operator requests, its JetStream API calls and its
 * replay consumer's messages apart, and stale ones from current.
 */
#ifndef FOH_NATSLINK_H
#define FOH_NATSLINK_H

#include <stdint.h>

#include <nats/nats.h>

#include "net/natsconn.h"
#include "net/transport.h"

/* What a queued message is. */
enum natslink_tag {
	NATSLINK_LIVE = 0,	/* foh.VENUE.* (the venue's subscription) */
	NATSLINK_SNAP,		/* an answer to a snapshot or alerts request */
	NATSLINK_OP,		/* an answer to an operator request */
	NATSLINK_JSAPI,		/* an answer from the JetStream API */
	NATSLINK_REPLAY,	/* a message from a replay consumer */
	NATSLINK_TAGS
};

struct natslink;
struct natslink_box;

/* One message NATS delivered to a box; the taker owns it and msg. */
struct natslink_item {
	struct natslink_item	*next;
	enum natslink_tag	 tag;
	unsigned		 gen;	/* the reply subject's GEN */
	natsMsg			*msg;
};

/*
 * A box for venue on the link for u and tls (found, or connected now:
 * the first connect is tried once here, then in the background): NULL
 * with err when the URL's options cannot be set up or out of memory.
 * Subscribes to foh.VENUE.*. The box is the caller's until
 * natslink_box_close.
 */
struct natslink_box	*natslink_box_open(const struct natsconn_url *u,
			    const struct transport_tls *tls, const char *venue,
			    char *err, size_t errlen);

/* Unsubscribe, drop what is queued, and close the link after its last. */
void			 natslink_box_close(struct natslink_box *);

/* The descriptor to poll for the box's link. */
int			 natslink_fd(const struct natslink_box *);

/* Whether the box has messages queued (any thread). */
int			 natslink_pending(const struct natslink_box *);

/* Take the box's queue, oldest first (NULL: empty); console's thread. */
struct natslink_item	*natslink_take(struct natslink_box *);

/* Free one item and its message. */
void			 natslink_item_free(struct natslink_item *);

/* The box's link's connection (for publishing). */
natsConnection		*natslink_conn(const struct natslink_box *);

/* The reply subject for the box's tag and gen into out. */
void			 natslink_reply(const struct natslink_box *,
			    enum natslink_tag, unsigned gen, char *out,
			    size_t len);

/*
 * The link's state: its generation (one more at every connect), whether
 * it is connected now, and why not in why ("" if it is, or not known).
 */
unsigned		 natslink_state(const struct natslink_box *, int *up,
			    char *why, size_t len);

/*
 * Subscribe to a replay consumer's deliver subject for the box (its name
 * into deliver): what comes there is queued with tag REPLAY and gen
 * (JetStream delivers with the stored message's subject, so the subject
 * cannot say). Ends the box's previous one. 0, or -1 (not subscribed).
 */
int			 natslink_replay_open(struct natslink_box *,
			    unsigned gen, char *deliver, size_t len);

/* End the box's replay subscription, if any. */
void			 natslink_replay_close(struct natslink_box *);

/* The link's generation and whether it is up, without the lock. */
unsigned		 natslink_gen(const struct natslink_box *, int *up);

/*
 * The server's last permissions violation on the link that names subject
 * (its words into out, and a count that grows with each new one), or 0.
 */
unsigned		 natslink_refusal(const struct natslink_box *,
			    const char *subject, char *out, size_t len);

#endif
