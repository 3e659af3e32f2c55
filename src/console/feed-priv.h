/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * feed-priv.h: what feed.c (nng venues) and feed-nats.c (venues through
 * NATS, PROTOCOL.md 14) share; feed.h is the module's public face.
 */
#ifndef FOH_FEED_PRIV_H
#define FOH_FEED_PRIV_H

#include <stdint.h>

#include "feed.h"
#include "natslink.h"

#define FEED_NATS_RETRY_MS	2000	/* an operator request sent again */
#define FEED_NATS_REPLAY_IDLE_MS 5000	/* a replay that stalls this long
					   ends: healed by snapshot */
#define FEED_NATS_REPLAY_REACH_MS 30000	/* a replay that cannot reach
					   JetStream (no responders: a leaf
					   node not back yet) asks again
					   this long; then a snapshot */
#define FEED_NATS_REPLAY_AGAIN_MS 500	/* ... every this often */
#define FEED_NATS_HELD_MAX	8192	/* live messages held meanwhile */

/* What a replay is for (PROTOCOL.md 14.3). */
enum feed_rp {
	FEED_RP_NONE = 0,
	FEED_RP_GAP,		/* a gap in the live stream: from..to */
	FEED_RP_RESUME,		/* after a reconnect: from.. the end */
	FEED_RP_LATE		/* a console started late: by start time */
};

/* A venue read through NATS (feed->nats); the console thread's. */
struct feed_nats {
	struct natslink_box	*box;		/* owned */
	struct natsconn_url	 url;
	char			 ctl[NATSCONN_SUBJECT_MAX];	/* foh.V.ctl */
	unsigned		 gen_seen;	/* the link's, last serviced */
	int			 up_seen;
	int			 linked_once;
	unsigned		 refusals;	/* natslink_refusal's count */
	int			 refused_ctl;	/* the last names foh.V.ctl */
	int			 late;		/* replay before the first
						   snapshot (feed_set_replay) */
	unsigned		 snap_gen;	/* the snapshot asked last */
	unsigned		 op_gen;	/* the operator request */
	uint64_t		 op_sent_ms;
	char			 js_stream[FOHP_ID_MAX + 16];	/* from the */
	char			 js_domain[FOHP_ID_MAX + 16];	/* answers */
	uint64_t		 applied_sseq;	/* stream seq last applied */
	/* The replay: a consumer on the stream (feed-replay.c). */
	enum feed_rp		 rp_state;
	unsigned		 rp_gen;	/* its deliver subject's GEN */
	uint64_t		 rp_from, rp_to;	/* to 0: the end */
	uint64_t		 rp_heard;	/* last progress, now_ms */
	uint64_t		 rp_count;	/* applied so far */
	uint64_t		 rp_got;	/* delivered so far */
	uint64_t		 rp_want;	/* pending when it was made:
						   RESUME and LATE end there */
	int			 rp_created;	/* the API said yes */
	uint64_t		 rp_began;	/* the heal began, now_ms */
	uint64_t		 rp_again;	/* ask again at (now_ms), 0:
						   not waiting */
	unsigned		 rp_tries;	/* asked again so far */
	char			 rp_consumer[64];	/* its name */
	struct natslink_item	*held, *held_tail;	/* live, meanwhile */
	unsigned		 nheld;
};

/* Say how operator request ops[0] ended (enum feed_end), and drop it. */
void		feed_op_end(struct feed *, enum feed_end, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* Encode (and sign) ops[0] into f->wire: 0, or -1 with err. */
int		feed_op_encode(struct feed *, struct feed_ctx *, char *err,
		    size_t errlen);

/* Note the ts of a message from the agent, for the clock estimate. */
void		feed_note_ts(struct feed *, uint64_t ts_ms, uint64_t now_ms);

/* Apply c->msg as decoded with verdict rv (stream: a stream message). */
unsigned	feed_apply(struct feed *, struct feed_ctx *, int rv, int stream,
		    uint64_t now_ms);

/* Op "summary" (feed-ops.c): encode the one wanted into c->buf (1, or 0
 * if none is), and take its answer (decoded into c->msg with verdict rv). */
int		feed_summary_request(struct feed *, struct feed_ctx *);
unsigned	feed_summary_answer(struct feed *, struct feed_ctx *, int rv);

/* Take the answer to op "alerts" in c->msg. */
unsigned	feed_alerts_answer(struct feed *, struct feed_ctx *);

/*
 * Take the answer (decoded into c->msg with verdict rv) to the snapshot
 * or alerts request in flight, over nng or NATS alike: the agent's clock,
 * refusals counted, an alerts answer taken. Sets *snapshot when it is a
 * snapshot for the caller to apply (feed_apply). Returns STORE_DIRTY_*.
 */
unsigned	feed_answer_take(struct feed *, struct feed_ctx *, int rv,
		    uint64_t now_ms, int *snapshot);

/* feed-nats.c: feed_open, _close, _fds, _due and _service for NATS. */
int		feed_nats_open(struct feed *, const char *url,
		    const struct transport_tls *, char *err, size_t errlen);
void		feed_nats_close(struct feed *);
unsigned	feed_nats_fds(const struct feed *, int *fds);
int		feed_nats_due(const struct feed *, int ready, uint64_t now_ms);
unsigned	feed_nats_service(struct feed *, struct feed_ctx *,
		    uint64_t now_ms);

/* feed-nats.c: a stream message, live or replayed; 1: held. */
int		feed_nats_stream(struct feed *, struct feed_ctx *,
		    struct natslink_item *, int replayed, int no_heal,
		    unsigned *flags, uint64_t now_ms);
/* Take a live message (or hold it); owns it. */
unsigned	feed_nats_live(struct feed *, struct feed_ctx *,
		    struct natslink_item *, int no_heal, uint64_t now_ms);
/* Apply what was held during a replay. */
unsigned	feed_nats_unhold(struct feed *, struct feed_ctx *, int no_heal,
		    uint64_t now_ms);
/* Free a list of items. */
void		feed_nats_release(struct natslink_item *);
/* A decimal header; 0 if absent. */
uint64_t	feed_nats_header(natsMsg *, const char *key);

/* How far back a venue replays when the console starts late. */
uint64_t	feed_replay_back(void);

/* feed-replay.c: replays from JetStream. */
void		feed_replay_start(struct feed *, struct feed_ctx *,
		    enum feed_rp, uint64_t from, uint64_t to, uint64_t now_ms);
void		feed_replay_stop(struct feed *);
unsigned	feed_replay_api(struct feed *, struct feed_ctx *,
		    struct natslink_item *, uint64_t now_ms);
unsigned	feed_replay_msg(struct feed *, struct feed_ctx *,
		    struct natslink_item *, uint64_t now_ms);
unsigned	feed_replay_check(struct feed *, struct feed_ctx *,
		    uint64_t now_ms);

#endif
