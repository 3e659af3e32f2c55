/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * natslink.c: the console's shared NATS connections and their boxes.
 *
 * Threads: natslink_box_open, _close, _take, _state and _refusal run on
 * the console's thread; natslink_on_live and natslink_on_inbox on nats.c's
 * global delivery thread; natslink_on_up, _on_down, _on_closed and
 * _on_error on nats.c's connection threads. What they share (each box's
 * queue, the link's state words, its refusal) is under the link's mutex;
 * gen and up are atomics. The list of links is the console thread's.
 *
 * Ownership: a link owns its boxes (freed with it, when its last box
 * closes: a callback that still runs finds its box by index, marked
 * closed, and drops the message); a box owns its queued items.
 */
#include "config.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/text.h"
#include "natslink.h"

#define NATSLINK_WHY_MAX	160

struct natslink_box {
	struct natslink		*link;
	unsigned		 idx;		/* in link->boxes */
	int			 closed;	/* under link->mtx */
	char			 venue[FOHP_ID_MAX];
	natsSubscription	*sub;		/* foh.VENUE.* */
	natsSubscription	*replay;	/* its replay's deliver subject */
	struct natslink_item	*head, *tail;	/* under link->mtx */
};

struct natslink {
	struct natslink		*next;		/* the console's list */
	char			 server[NATSCONN_URL_MAX];
	char			 ca[256], cert[256], key[256];
	natsConnection		*nc;
	natsSubscription	*inbox_sub;	/* INBOX.> */
	char			 inbox[128];
	pthread_mutex_t		 mtx;
	int			 pipe[2];	/* readable: something queued */
	int			 armed;		/* a byte is in the pipe */
	unsigned		 queued;	/* items in all boxes */
	struct natslink_box	**boxes;	/* the link's, grows */
	unsigned		 nboxes, cap, open;
	atomic_uint		 gen;		/* one more at each connect */
	atomic_int		 up;
	char			 why[NATSLINK_WHY_MAX];	/* under mtx */
	char			 refused[NATSLINK_WHY_MAX];	/* under mtx */
	unsigned		 nrefused;	/* under mtx */
};

static struct natslink	*natslink_list;	/* the console thread's */

/* Make the pipe readable if it is not (under l->mtx). */
static void
natslink_wake(struct natslink *l)
{
	if (l->armed)
		return;
	if (write(l->pipe[1], "n", 1) == 1)
		l->armed = 1;
}

/* Queue msg in box idx of l with tag and gen (any nats.c thread). */
static void
natslink_queue(struct natslink *l, unsigned idx, enum natslink_tag tag,
    unsigned gen, natsMsg *msg)
{
	struct natslink_item	*it;
	struct natslink_box	*b;

	if ((it = malloc(sizeof(*it))) == NULL) {
		natsMsg_Destroy(msg);	/* a gap: healed by replay */
		return;
	}
	it->next = NULL;
	it->tag = tag;
	it->gen = gen;
	it->msg = msg;
	pthread_mutex_lock(&l->mtx);
	if (idx >= l->nboxes || (b = l->boxes[idx])->closed) {
		pthread_mutex_unlock(&l->mtx);
		natslink_item_free(it);
		return;
	}
	if (b->tail != NULL)
		b->tail->next = it;
	else
		b->head = it;
	b->tail = it;
	l->queued++;
	natslink_wake(l);
	pthread_mutex_unlock(&l->mtx);
}

/* nats.c's delivery thread: a message on foh.VENUE.* for box arg. */
static void
natslink_on_live(natsConnection *nc, natsSubscription *sub, natsMsg *msg,
    void *arg)
{
	struct natslink_box	*b = arg;

	(void)nc;
	(void)sub;
	natslink_queue(b->link, b->idx, NATSLINK_LIVE, 0, msg);
}

/* What a replay subscription's callback knows: its box and GEN. */
struct natslink_replay {
	struct natslink	*link;
	unsigned	 idx, gen;
};

/* nats.c's delivery thread: a message a replay consumer delivered. */
static void
natslink_on_replay(natsConnection *nc, natsSubscription *sub, natsMsg *msg,
    void *arg)
{
	struct natslink_replay	*r = arg;

	(void)nc;
	(void)sub;
	natslink_queue(r->link, r->idx, NATSLINK_REPLAY, r->gen, msg);
}

/* nats.c: a replay subscription will call back no more: free its arg. */
static void
natslink_on_replay_done(void *arg)
{
	free(arg);
}

/* nats.c's delivery thread: a reply, INBOX.BOX.TAG.GEN, for its box. */
static void
natslink_on_inbox(natsConnection *nc, natsSubscription *sub, natsMsg *msg,
    void *arg)
{
	struct natslink	*l = arg;
	const char	*s = natsMsg_GetSubject(msg);
	unsigned	 idx, tag, gen;
	size_t		 n = strlen(l->inbox);

	(void)nc;
	(void)sub;
	if (strncmp(s, l->inbox, n) != 0 || s[n] != '.' ||
	    sscanf(s + n + 1, "%u.%u.%u", &idx, &tag, &gen) != 3 ||
	    tag >= NATSLINK_TAGS) {
		natsMsg_Destroy(msg);
		return;
	}
	natslink_queue(l, idx, (enum natslink_tag)tag, gen, msg);
}

/* Set l's state words and wake the console (any thread). */
static void
natslink_say(struct natslink *l, const char *why)
{
	pthread_mutex_lock(&l->mtx);
	text_copy(l->why, sizeof(l->why), why);
	natslink_wake(l);
	pthread_mutex_unlock(&l->mtx);
}

/* nats.c: connected (the first time, late) or reconnected. */
static void
natslink_on_up(natsConnection *nc, void *arg)
{
	struct natslink	*l = arg;

	(void)nc;
	atomic_fetch_add(&l->gen, 1);
	atomic_store(&l->up, 1);
	natslink_say(l, "");
}

/* nats.c: the connection was lost; it reconnects by itself. */
static void
natslink_on_down(natsConnection *nc, void *arg)
{
	struct natslink	*l = arg;

	(void)nc;
	atomic_store(&l->up, 0);
	natslink_say(l, "connection to the server lost, reconnecting");
}

/* nats.c: the connection is closed for good. */
static void
natslink_on_closed(natsConnection *nc, void *arg)
{
	struct natslink	*l = arg;

	(void)nc;
	atomic_store(&l->up, 0);
	natslink_say(l, "connection closed");
}

/*
 * nats.c: an asynchronous error: a permissions violation (kept, with the
 * server's words, for the feeds whose subject it names) or another one
 * (a slow consumer: shown as the link's trouble while it is down).
 */
static void
natslink_on_error(natsConnection *nc, natsSubscription *sub, natsStatus s,
    void *arg)
{
	struct natslink	*l = arg;
	const char	*text = NULL;

	(void)sub;
	(void)natsConnection_GetLastError(nc, &text);
	pthread_mutex_lock(&l->mtx);
	if (s == NATS_NOT_PERMITTED || (text != NULL &&
	    strstr(text, "Permissions Violation") != NULL)) {
		text_copy(l->refused, sizeof(l->refused), text != NULL ?
		    text : natsStatus_GetText(s));
		l->nrefused++;
	}
	natslink_wake(l);
	pthread_mutex_unlock(&l->mtx);
}

/* Free a link whose boxes are all closed (console thread). */
static void
natslink_free(struct natslink *l)
{
	struct natslink	**pp;
	unsigned	  i;

	for (pp = &natslink_list; *pp != NULL; pp = &(*pp)->next)
		if (*pp == l) {
			*pp = l->next;
			break;
		}
	if (l->inbox_sub != NULL)
		natsSubscription_Destroy(l->inbox_sub);
	if (l->nc != NULL) {
		natsConnection_Close(l->nc);
		natsConnection_Destroy(l->nc);
	}
	for (i = 0; i < l->nboxes; i++) {
		while (l->boxes[i]->head != NULL) {
			struct natslink_item *it = l->boxes[i]->head;

			l->boxes[i]->head = it->next;
			natslink_item_free(it);
		}
		free(l->boxes[i]);
	}
	free(l->boxes);
	close(l->pipe[0]);
	close(l->pipe[1]);
	pthread_mutex_destroy(&l->mtx);
	free(l);
}

/* Copy a TLS file name ("" for none). */
static void
natslink_file(char *out, size_t len, const char *name)
{
	text_copy(out, len, name != NULL ? name : "");
}

/* Connect a new link for u and tls: 0, or -1 with err. */
static int
natslink_connect(struct natslink *l, const struct natsconn_url *u,
    const struct transport_tls *tls, char *err, size_t errlen)
{
	natsOptions	*o = NULL;
	natsInbox	*ib = NULL;
	natsStatus	 s;
	const char	*last;
	char		 sub[160];

	if (natsconn_options(&o, u, tls, "foh", err, errlen) != 0)
		return (-1);
	nats_SetMessageDeliveryPoolSize(1);
	if ((s = natsOptions_UseGlobalMessageDelivery(o, true)) != NATS_OK ||
	    (s = natsOptions_SetRetryOnFailedConnect(o, true,
	    natslink_on_up, l)) != NATS_OK ||
	    (s = natsOptions_SetReconnectedCB(o, natslink_on_up,
	    l)) != NATS_OK ||
	    (s = natsOptions_SetDisconnectedCB(o, natslink_on_down,
	    l)) != NATS_OK ||
	    (s = natsOptions_SetClosedCB(o, natslink_on_closed, l)) !=
	    NATS_OK ||
	    (s = natsOptions_SetErrorHandler(o, natslink_on_error, l)) !=
	    NATS_OK || (s = natsOptions_SetTimeout(o, 2000)) != NATS_OK ||
	    /* Our own requests on foh.VENUE.ctl are not echoed to our
	     * foh.VENUE.* subscription: else they would be the answer's
	     * only "responder", and "no responders" never come. */
	    (s = natsOptions_SetNoEcho(o, true)) != NATS_OK ||
	    (s = natsOptions_SetReconnectBufSize(o, 1 << 20)) != NATS_OK) {
		text_error(err, errlen, "%s: options: %s", u->server,
		    natsStatus_GetText(s));
		natsOptions_Destroy(o);
		return (-1);
	}
	s = natsConnection_Connect(&l->nc, o);
	natsOptions_Destroy(o);
	if (s == NATS_OK) {
		atomic_fetch_add(&l->gen, 1);
		atomic_store(&l->up, 1);
	} else if (s == NATS_NOT_YET_CONNECTED) {
		last = nats_GetLastError(NULL);
		snprintf(l->why, sizeof(l->why), "connecting%s%s",
		    last != NULL && *last != '\0' ? ": " : "",
		    last != NULL ? last : "");
	} else {
		text_error(err, errlen, "%s: %s", u->server,
		    natsStatus_GetText(s));
		return (-1);
	}
	if ((s = natsInbox_Create(&ib)) != NATS_OK) {
		text_error(err, errlen, "inbox: %s", natsStatus_GetText(s));
		return (-1);
	}
	text_copy(l->inbox, sizeof(l->inbox), ib);
	natsInbox_Destroy(ib);
	snprintf(sub, sizeof(sub), "%s.>", l->inbox);
	if ((s = natsConnection_Subscribe(&l->inbox_sub, l->nc, sub,
	    natslink_on_inbox, l)) != NATS_OK ||
	    (s = natsSubscription_SetPendingLimits(l->inbox_sub, -1,
	    -1)) != NATS_OK) {
		text_error(err, errlen, "%s: subscribe %s: %s", u->server,
		    sub, natsStatus_GetText(s));
		return (-1);
	}
	return (0);
}

/* Find the link for u and tls, or make one: NULL with err. */
static struct natslink *
natslink_get(const struct natsconn_url *u, const struct transport_tls *tls,
    char *err, size_t errlen)
{
	struct natslink	*l;
	char		 ca[256], cert[256], key[256];

	natslink_file(ca, sizeof(ca), tls != NULL ? tls->ca : NULL);
	natslink_file(cert, sizeof(cert), tls != NULL ? tls->cert : NULL);
	natslink_file(key, sizeof(key), tls != NULL ? tls->key : NULL);
	for (l = natslink_list; l != NULL; l = l->next)
		if (strcmp(l->server, u->server) == 0 &&
		    strcmp(l->ca, ca) == 0 && strcmp(l->cert, cert) == 0 &&
		    strcmp(l->key, key) == 0)
			return (l);
	if ((l = calloc(1, sizeof(*l))) == NULL) {
		text_error(err, errlen, "out of memory");
		return (NULL);
	}
	if (pipe2(l->pipe, O_CLOEXEC | O_NONBLOCK) != 0) {
		text_error(err, errlen, "pipe: out of descriptors");
		free(l);
		return (NULL);
	}
	pthread_mutex_init(&l->mtx, NULL);
	atomic_init(&l->gen, 0);
	atomic_init(&l->up, 0);
	text_copy(l->server, sizeof(l->server), u->server);
	memcpy(l->ca, ca, sizeof(ca));
	memcpy(l->cert, cert, sizeof(cert));
	memcpy(l->key, key, sizeof(key));
	l->next = natslink_list;
	natslink_list = l;
	if (natslink_connect(l, u, tls, err, errlen) != 0) {
		natslink_free(l);
		return (NULL);
	}
	return (l);
}

/* A box for venue on the link for u and tls. */
struct natslink_box *
natslink_box_open(const struct natsconn_url *u,
    const struct transport_tls *tls, const char *venue, char *err,
    size_t errlen)
{
	struct natslink		 *l;
	struct natslink_box	 *b, **nb;
	char			  subj[NATSCONN_SUBJECT_MAX];
	natsStatus		  s;

	if ((l = natslink_get(u, tls, err, errlen)) == NULL)
		return (NULL);
	if ((b = calloc(1, sizeof(*b))) == NULL)
		goto oom;
	pthread_mutex_lock(&l->mtx);
	if (l->nboxes == l->cap) {
		if ((nb = realloc(l->boxes, (l->cap + 16) *
		    sizeof(*nb))) == NULL) {
			pthread_mutex_unlock(&l->mtx);
			free(b);
			goto oom;
		}
		l->boxes = nb;
		l->cap += 16;
	}
	b->link = l;
	b->idx = l->nboxes;
	text_copy(b->venue, sizeof(b->venue), venue);
	l->boxes[l->nboxes++] = b;
	l->open++;
	pthread_mutex_unlock(&l->mtx);
	natsconn_subject(subj, sizeof(subj), venue, "*");
	if ((s = natsConnection_Subscribe(&b->sub, l->nc, subj,
	    natslink_on_live, b)) != NATS_OK ||
	    (s = natsSubscription_SetPendingLimits(b->sub, -1, -1)) !=
	    NATS_OK) {
		text_error(err, errlen, "%s: subscribe %s: %s", u->server,
		    subj, natsStatus_GetText(s));
		natslink_box_close(b);
		return (NULL);
	}
	return (b);
oom:
	text_error(err, errlen, "out of memory");
	if (l->open == 0)
		natslink_free(l);
	return (NULL);
}

/* Close a box; its link with its last. */
void
natslink_box_close(struct natslink_box *b)
{
	struct natslink		*l = b->link;
	struct natslink_item	*it;

	natslink_replay_close(b);
	if (b->sub != NULL) {
		natsSubscription_Unsubscribe(b->sub);
		natsSubscription_Destroy(b->sub);
		b->sub = NULL;
	}
	pthread_mutex_lock(&l->mtx);
	b->closed = 1;
	while ((it = b->head) != NULL) {
		b->head = it->next;
		l->queued--;
		natslink_item_free(it);
	}
	b->tail = NULL;
	l->open--;
	pthread_mutex_unlock(&l->mtx);
	if (l->open == 0)
		natslink_free(l);
}

/* The link's descriptor. */
int
natslink_fd(const struct natslink_box *b)
{
	return (b->link->pipe[0]);
}

/* Whether the box has messages queued. */
int
natslink_pending(const struct natslink_box *b)
{
	int	n;

	pthread_mutex_lock(&b->link->mtx);
	n = b->head != NULL;
	pthread_mutex_unlock(&b->link->mtx);
	return (n);
}

/*
 * Take the box's queue. The pipe is emptied only when no box of the link
 * holds anything any more, so that poll keeps reporting it until every
 * venue sharing it has taken its own.
 */
struct natslink_item *
natslink_take(struct natslink_box *b)
{
	struct natslink		*l = b->link;
	struct natslink_item	*it, *list;
	char			 buf[64];

	pthread_mutex_lock(&l->mtx);
	list = b->head;
	for (it = list; it != NULL; it = it->next)
		l->queued--;
	b->head = b->tail = NULL;
	if (l->queued == 0 && l->armed) {
		while (read(l->pipe[0], buf, sizeof(buf)) > 0)
			;
		l->armed = 0;
	}
	pthread_mutex_unlock(&l->mtx);
	return (list);
}

/* Free one item. */
void
natslink_item_free(struct natslink_item *it)
{
	natsMsg_Destroy(it->msg);
	free(it);
}

/* The box's connection. */
natsConnection *
natslink_conn(const struct natslink_box *b)
{
	return (b->link->nc);
}

/* A reply subject: INBOX.BOX.TAG.GEN. */
void
natslink_reply(const struct natslink_box *b, enum natslink_tag tag,
    unsigned gen, char *out, size_t len)
{
	snprintf(out, len, "%s.%u.%u.%u", b->link->inbox, b->idx,
	    (unsigned)tag, gen);
}

/* The link's generation, whether it is up, and why not. */
unsigned
natslink_state(const struct natslink_box *b, int *up, char *why, size_t len)
{
	struct natslink	*l = b->link;

	*up = atomic_load(&l->up);
	pthread_mutex_lock(&l->mtx);
	text_copy(why, len, l->why);
	/* A state change woke the console: nothing queued, empty the pipe. */
	if (l->queued == 0 && l->armed) {
		char	buf[64];

		while (read(l->pipe[0], buf, sizeof(buf)) > 0)
			;
		l->armed = 0;
	}
	pthread_mutex_unlock(&l->mtx);
	return (atomic_load(&l->gen));
}

/* Subscribe to a replay's deliver subject. */
int
natslink_replay_open(struct natslink_box *b, unsigned gen, char *deliver,
    size_t len)
{
	struct natslink_replay	*r;

	natslink_replay_close(b);
	if ((r = malloc(sizeof(*r))) == NULL)
		return (-1);
	r->link = b->link;
	r->idx = b->idx;
	r->gen = gen;
	/* Outside INBOX.>: delivered once, to this subscription. */
	snprintf(deliver, len, "%sR.%u.%u", b->link->inbox, b->idx, gen);
	if (natsConnection_Subscribe(&b->replay, b->link->nc, deliver,
	    natslink_on_replay, r) != NATS_OK) {
		b->replay = NULL;
		free(r);
		return (-1);
	}
	(void)natsSubscription_SetPendingLimits(b->replay, -1, -1);
	if (natsSubscription_SetOnCompleteCB(b->replay,
	    natslink_on_replay_done, r) != NATS_OK) {
		/* Not freed: a few bytes rather than a use after free. */
	}
	return (0);
}

/* End the box's replay subscription. */
void
natslink_replay_close(struct natslink_box *b)
{
	if (b->replay == NULL)
		return;
	natsSubscription_Unsubscribe(b->replay);
	natsSubscription_Destroy(b->replay);
	b->replay = NULL;
}

/* The link's generation and whether it is up (atomics: no lock). */
unsigned
natslink_gen(const struct natslink_box *b, int *up)
{
	*up = atomic_load(&b->link->up);
	return (atomic_load(&b->link->gen));
}

/* The last permissions violation naming subject. */
unsigned
natslink_refusal(const struct natslink_box *b, const char *subject,
    char *out, size_t len)
{
	struct natslink	*l = b->link;
	unsigned	 n = 0;

	pthread_mutex_lock(&l->mtx);
	if (l->nrefused > 0 && strstr(l->refused, subject) != NULL) {
		text_copy(out, len, l->refused);
		n = l->nrefused;
	}
	pthread_mutex_unlock(&l->mtx);
	return (n);
}
