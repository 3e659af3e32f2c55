/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * transport.c: nng socket set-up shared by foh and fohd.
 */
#include "config.h"

#include <sys/resource.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nng/nng.h>
#include <nng/protocol/pipeline0/pull.h>
#include <nng/protocol/pubsub0/pub.h>
#include <nng/protocol/pubsub0/sub.h>
#include <nng/protocol/reqrep0/rep.h>
#include <nng/protocol/reqrep0/req.h>

#include "proto/foh-proto.h"
#include "transport-priv.h"

/* Write "what URL: nng's words" into err and pass rv on. */
static int
transport_fail(int rv, const char *what, const char *url, char *err,
    size_t errlen)
{
	snprintf(err, errlen, "%s %s: %s", what, url, nng_strerror(rv));
	return (rv);
}

/* Set the buffers and size limit every socket of ours has. */
static int
transport_tune(nng_socket s, size_t maxsz)
{
	int	rv;

	if ((rv = nng_socket_set_int(s, NNG_OPT_SENDBUF, TRANSPORT_BUF)) != 0 &&
	    rv != NNG_ENOTSUP)
		return (rv);
	if ((rv = nng_socket_set_int(s, NNG_OPT_RECVBUF, TRANSPORT_BUF)) != 0 &&
	    rv != NNG_ENOTSUP)
		return (rv);
	if ((rv = nng_socket_set_size(s, NNG_OPT_RECVMAXSZ, maxsz)) != 0)
		return (rv);
	return (0);
}

/* The listener's name in logs and /metrics. */
const char *
transport_which_name(enum transport_which w)
{
	static const char *const names[TRANSPORT_WHICH_COUNT] = {
		"control", "stream", "pull"
	};

	return (w < TRANSPORT_WHICH_COUNT ? names[w] : "?");
}

/* The default cap from RLIMIT_NOFILE (see transport.h). */
uint32_t
transport_cap_default(enum transport_which w)
{
	struct rlimit	rl;
	uint64_t	lim = 65536, share, small;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		lim = (uint64_t)rl.rlim_cur;
	share = (lim / 4 < 64 ? 64 : lim / 4) / 2;	/* half the reserve */
	small = share / 4 > 64 ? 64 : share / 4;
	if (small < 1)
		small = 1;
	if (w == TRANSPORT_STREAM)
		return (share > 2 * small + 1 ? (uint32_t)(share - 2 * small) :
		    1);
	return ((uint32_t)small);
}

/* Set up a cap; 0 on success, -1 if its mutex cannot be made. */
int
transport_cap_init(struct transport_cap *c, enum transport_which w,
    uint32_t max, nng_pipe_cb cb, void *arg)
{
	memset(c, 0, sizeof(*c));
	c->which = w;
	c->max = max != 0 ? max : transport_cap_default(w);
	c->cb = cb;
	c->arg = arg;
	return (pthread_mutex_init(&c->mtx, NULL) == 0 ? 0 : -1);
}

/* Free a cap (its socket closed). */
void
transport_cap_fini(struct transport_cap *c)
{
	if (c == NULL)
		return;
	free(c->gone);
	c->gone = NULL;
	pthread_mutex_destroy(&c->mtx);
}

/*
 * Remember (add) or forget a refused pipe until nng removes it; 1 if it
 * was stored (add) or found (forget), else 0.
 */
static int
transport_cap_gone(struct transport_cap *c, uint32_t id, int add)
{
	uint32_t	*n;
	size_t		 i;
	int		 found = 0;

	pthread_mutex_lock(&c->mtx);
	if (add) {
		if (c->ngone == c->agone) {
			n = realloc(c->gone, (c->agone ? c->agone * 2 : 64) *
			    sizeof(*n));
			if (n != NULL) {
				c->gone = n;
				c->agone = c->agone ? c->agone * 2 : 64;
			}
		}
		if (c->ngone < c->agone) {
			c->gone[c->ngone++] = id;
			found = 1;
		}
	} else {
		for (i = 0; i < c->ngone; i++) {
			if (c->gone[i] == id) {
				c->gone[i] = c->gone[--c->ngone];
				found = 1;
				break;
			}
		}
	}
	pthread_mutex_unlock(&c->mtx);
	return (found);
}

/*
 * nng thread, every pipe event of a capped socket: admit or close at
 * ADD_PRE, count, log refusals (a line per TRANSPORT_LOG_EVERY_MS with the
 * number since the last line), and pass admitted pipes' events to cb.
 */
static void
transport_cap_event(nng_pipe p, nng_pipe_ev ev, void *arg)
{
	struct transport_cap	*c = arg;
	struct timespec		 ts;
	uint64_t		 n, now, last;

	if (ev == NNG_PIPE_EV_ADD_PRE) {
		n = __atomic_add_fetch(&c->open, 1, __ATOMIC_RELAXED);
		if (n <= c->max) {
			if (c->cb != NULL)
				c->cb(p, ev, c->arg);
			return;
		}
		/*
		 * Before the close: REM_POST may run as soon as it is. Not
		 * remembered (out of memory): it stays counted until then.
		 */
		if (transport_cap_gone(c, (uint32_t)nng_pipe_id(p), 1))
			__atomic_sub_fetch(&c->open, 1, __ATOMIC_RELAXED);
		nng_pipe_close(p);
		n = __atomic_add_fetch(&c->refused, 1, __ATOMIC_RELAXED);
		clock_gettime(CLOCK_MONOTONIC, &ts);
		now = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec /
		    1000000;
		last = __atomic_load_n(&c->log_ms, __ATOMIC_RELAXED);
		if (last != 0 && now - last < TRANSPORT_LOG_EVERY_MS)
			return;
		if (!__atomic_compare_exchange_n(&c->log_ms, &last, now, 0,
		    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			return;
		fprintf(stderr, "fohd: warning: %s: refused a connection: "
		    "%u pipes open, its cap (%llu refused in all, %llu since "
		    "the last such line)\n", transport_which_name(c->which),
		    c->max,
		    (unsigned long long)n, (unsigned long long)(n -
		    __atomic_load_n(&c->logged, __ATOMIC_RELAXED)));
		__atomic_store_n(&c->logged, n, __ATOMIC_RELAXED);
		return;
	}
	if (ev == NNG_PIPE_EV_REM_POST) {
		if (transport_cap_gone(c, (uint32_t)nng_pipe_id(p), 0))
			return;		/* refused at ADD_PRE */
		__atomic_sub_fetch(&c->open, 1, __ATOMIC_RELAXED);
	}
	if (c->cb != NULL)
		c->cb(p, ev, c->arg);
}

/*
 * Listen on url with socket s, TLS from tls for a TLS URL: a listener
 * made, given its configuration, then started. 0 or an nng error code
 * with err.
 */
static int
transport_listener(nng_socket s, const char *what, const char *url,
    const struct transport_tls *tls, struct transport_cap *cap, char *err,
    size_t errlen)
{
	nng_listener	l;
	char		e[512];
	int		rv;

	if ((rv = nng_listener_create(&l, s, url)) != 0)
		return (transport_fail(rv, what, url, err, errlen));
	if ((rv = transport_tls_listener(l, url, tls, e, sizeof(e))) != 0) {
		snprintf(err, errlen, "%s %s: %s", what, url, e);
		return (rv);
	}
	if ((rv = nng_listener_start(l, 0)) != 0)
		return (transport_fail(rv, what, url, err, errlen));
	if (cap != NULL)
		cap->listener = l;
	return (0);
}

/*
 * Dial url with socket s in the background, TLS from tls for a TLS URL;
 * the dialer into *dp if dp is not NULL. 0 or an nng error code with err.
 */
static int
transport_dialer(nng_socket s, const char *what, const char *url,
    const struct transport_tls *tls, nng_dialer *dp, char *err,
    size_t errlen)
{
	nng_dialer	d;
	char		e[512];
	int		rv;

	if ((rv = nng_dialer_create(&d, s, url)) != 0)
		return (transport_fail(rv, what, url, err, errlen));
	if ((rv = transport_tls_dialer(d, url, tls, e, sizeof(e))) != 0) {
		snprintf(err, errlen, "%s %s: %s", what, url, e);
		return (rv);
	}
	if ((rv = nng_dialer_start(d, NNG_FLAG_NONBLOCK)) != 0)
		return (transport_fail(rv, what, url, err, errlen));
	if (dp != NULL)
		*dp = d;
	return (0);
}

/*
 * Open, tune and listen: the agent's side of its sockets. cap (if not
 * NULL) sees every pipe event from the first pipe on.
 */
static int
transport_listen(nng_socket *s, int (*open)(nng_socket *), const char *what,
    const char *url, const struct transport_tls *tls,
    struct transport_cap *cap, char *err, size_t errlen)
{
	int	rv;

	if ((rv = open(s)) != 0)
		return (transport_fail(rv, what, url, err, errlen));
	if ((cap != NULL &&
	    ((rv = nng_pipe_notify(*s, NNG_PIPE_EV_ADD_PRE,
	    transport_cap_event, cap)) != 0 ||
	    (rv = nng_pipe_notify(*s, NNG_PIPE_EV_ADD_POST,
	    transport_cap_event, cap)) != 0 ||
	    (rv = nng_pipe_notify(*s, NNG_PIPE_EV_REM_POST,
	    transport_cap_event, cap)) != 0)) ||
	    (rv = transport_tune(*s, FOHP_SNAPSHOT_MAX)) != 0) {
		nng_close(*s);
		return (transport_fail(rv, what, url, err, errlen));
	}
	if ((rv = transport_listener(*s, what, url, tls, cap, err,
	    errlen)) != 0) {
		nng_close(*s);
		return (rv);
	}
	return (0);
}

/* Open a PUB socket listening on url. */
int
transport_pub_listen(nng_socket *s, const char *url,
    const struct transport_tls *tls, struct transport_cap *cap, char *err,
    size_t errlen)
{
	return (transport_listen(s, nng_pub0_open, "stream", url, tls, cap,
	    err, errlen));
}

/* Open a REP socket listening on url. */
int
transport_rep_listen(nng_socket *s, const char *url,
    const struct transport_tls *tls, struct transport_cap *cap, char *err,
    size_t errlen)
{
	return (transport_listen(s, nng_rep0_open, "control", url, tls, cap,
	    err, errlen));
}

/* Open a PULL socket listening on url, each new pipe shown to the cap. */
int
transport_pull_listen(nng_socket *s, const char *url,
    const struct transport_tls *tls, struct transport_cap *cap, char *err,
    size_t errlen)
{
	return (transport_listen(s, nng_pull0_open, "pull", url, tls, cap,
	    err, errlen));
}

/* Open a SUB socket, subscribe, and dial in the background. */
int
transport_sub_dial(nng_socket *s, const char *url,
    const struct transport_tls *tls, const char *prefix, nng_pipe_cb cb,
    void *arg, nng_dialer *dialer, char *err, size_t errlen)
{
	int	rv = 0;

	if ((rv = nng_sub0_open(s)) != 0)
		return (transport_fail(rv, "stream", url, err, errlen));
	/* Before the dial: an inproc dial connects before it returns. */
	if (cb != NULL &&
	    ((rv = nng_pipe_notify(*s, NNG_PIPE_EV_ADD_POST, cb, arg)) != 0 ||
	    (rv = nng_pipe_notify(*s, NNG_PIPE_EV_REM_POST, cb, arg)) != 0)) {
		nng_close(*s);
		return (transport_fail(rv, "stream", url, err, errlen));
	}
	if ((rv = transport_tune(*s, FOHP_MSG_MAX)) != 0 ||
	    (rv = nng_socket_set(*s, NNG_OPT_SUB_SUBSCRIBE, prefix,
	    strlen(prefix))) != 0 ||
	    (rv = nng_socket_set_ms(*s, NNG_OPT_RECONNMAXT, 2000)) != 0) {
		nng_close(*s);
		return (transport_fail(rv, "stream", url, err, errlen));
	}
	if ((rv = transport_dialer(*s, "stream", url, tls, dialer, err,
	    errlen)) != 0) {
		nng_close(*s);
		return (rv);
	}
	return (0);
}

/* Open a REQ socket and dial in the background. */
int
transport_req_dial(nng_socket *s, const char *url,
    const struct transport_tls *tls, nng_dialer *dialer, char *err,
    size_t errlen)
{
	int	rv;

	if ((rv = nng_req0_open(s)) != 0)
		return (transport_fail(rv, "control", url, err, errlen));
	if ((rv = transport_tune(*s, FOHP_SNAPSHOT_MAX)) != 0 ||
	    (rv = nng_socket_set_ms(*s, NNG_OPT_REQ_RESENDTIME, 2000)) != 0 ||
	    (rv = nng_socket_set_ms(*s, NNG_OPT_RECONNMAXT, 2000)) != 0) {
		nng_close(*s);
		return (transport_fail(rv, "control", url, err, errlen));
	}
	if ((rv = transport_dialer(*s, "control", url, tls, dialer, err,
	    errlen)) != 0) {
		nng_close(*s);
		return (rv);
	}
	return (0);
}

/* The descriptor poll(2) waits on for this socket's incoming messages. */
int
transport_recv_fd(nng_socket s, int *fd)
{
	return (nng_socket_get_int(s, NNG_OPT_RECVFD, fd));
}


/* Set up a sender with its own aio. */
int
transport_sender_init(struct transport_sender *t, nng_socket s)
{
	t->sock = s;
	return (nng_aio_alloc(&t->aio, NULL, NULL));
}

/* Free a sender's aio. */
void
transport_sender_fini(struct transport_sender *t)
{
	if (t->aio != NULL)
		nng_aio_free(t->aio);
	t->aio = NULL;
}

/* Send a copy of buf through the sender's aio. */
int
transport_sender_send(struct transport_sender *t, const void *buf,
    size_t len)
{
	nng_msg	*msg;
	int	 rv;

	if ((rv = nng_msg_alloc(&msg, 0)) != 0)
		return (rv);
	if ((rv = nng_msg_append(msg, buf, len)) != 0) {
		nng_msg_free(msg);
		return (rv);
	}
	nng_aio_set_msg(t->aio, msg);
	nng_send_aio(t->sock, t->aio);
	nng_aio_wait(t->aio);
	if ((rv = nng_aio_result(t->aio)) != 0)
		nng_msg_free(msg);	/* not taken: still ours */
	return (rv);
}

/* Set up a receiver with its own aio. */
int
transport_receiver_init(struct transport_receiver *t, nng_socket s)
{
	t->sock = s;
	return (nng_aio_alloc(&t->aio, NULL, NULL));
}

/* Free a receiver's aio. */
void
transport_receiver_fini(struct transport_receiver *t)
{
	if (t->aio != NULL)
		nng_aio_free(t->aio);
	t->aio = NULL;
}

/* Take the next message through the receiver's aio. */
int
transport_receiver_recv(struct transport_receiver *t, nng_msg **msg,
    int nonblock)
{
	int	rv;

	nng_aio_set_timeout(t->aio, nonblock ? NNG_DURATION_ZERO :
	    NNG_DURATION_DEFAULT);
	nng_recv_aio(t->sock, t->aio);
	nng_aio_wait(t->aio);
	if ((rv = nng_aio_result(t->aio)) != 0)
		return (rv);
	*msg = nng_aio_get_msg(t->aio);
	return (0);
}
