/*
 * transport.c: nng socket set-up shared by foh and fohd.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <nng/nng.h>
#include <nng/protocol/pipeline0/pull.h>
#include <nng/protocol/pubsub0/pub.h>
#include <nng/protocol/pubsub0/sub.h>
#include <nng/protocol/reqrep0/rep.h>
#include <nng/protocol/reqrep0/req.h>

#include "foh-proto.h"
#include "transport.h"

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

/*
 * Open, tune and listen: the agent's side of its sockets. cb (if not NULL)
 * is told of every new pipe before it is added (NNG_PIPE_EV_ADD_PRE), from
 * the first one on, and may close it to refuse the peer.
 */
static int
transport_listen(nng_socket *s, int (*open)(nng_socket *), const char *what,
    const char *url, nng_pipe_cb cb, void *arg, char *err, size_t errlen)
{
	int	rv;

	if ((rv = open(s)) != 0)
		return (transport_fail(rv, what, url, err, errlen));
	if ((cb != NULL &&
	    (rv = nng_pipe_notify(*s, NNG_PIPE_EV_ADD_PRE, cb, arg)) != 0) ||
	    (rv = transport_tune(*s, FOHP_SNAPSHOT_MAX)) != 0 ||
	    (rv = nng_listen(*s, url, NULL, 0)) != 0) {
		nng_close(*s);
		return (transport_fail(rv, what, url, err, errlen));
	}
	return (0);
}

/* Open a PUB socket listening on url. */
int
transport_pub_listen(nng_socket *s, const char *url, char *err, size_t errlen)
{
	return (transport_listen(s, nng_pub0_open, "stream", url, NULL, NULL,
	    err, errlen));
}

/* Open a REP socket listening on url. */
int
transport_rep_listen(nng_socket *s, const char *url, char *err, size_t errlen)
{
	return (transport_listen(s, nng_rep0_open, "control", url, NULL, NULL,
	    err, errlen));
}

/* Open a PULL socket listening on url, each new pipe shown to cb. */
int
transport_pull_listen(nng_socket *s, const char *url, nng_pipe_cb cb,
    void *arg, char *err, size_t errlen)
{
	return (transport_listen(s, nng_pull0_open, "pull", url, cb, arg, err,
	    errlen));
}

/* Open a SUB socket, subscribe, and dial in the background. */
int
transport_sub_dial(nng_socket *s, const char *url, const char *prefix,
    nng_pipe_cb cb, void *arg, char *err, size_t errlen)
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
	    (rv = nng_socket_set_ms(*s, NNG_OPT_RECONNMAXT, 2000)) != 0 ||
	    (rv = nng_dial(*s, url, NULL, NNG_FLAG_NONBLOCK)) != 0) {
		nng_close(*s);
		return (transport_fail(rv, "stream", url, err, errlen));
	}
	return (0);
}

/* Open a REQ socket and dial in the background. */
int
transport_req_dial(nng_socket *s, const char *url, char *err, size_t errlen)
{
	int	rv;

	if ((rv = nng_req0_open(s)) != 0)
		return (transport_fail(rv, "control", url, err, errlen));
	if ((rv = transport_tune(*s, FOHP_SNAPSHOT_MAX)) != 0 ||
	    (rv = nng_socket_set_ms(*s, NNG_OPT_REQ_RESENDTIME, 2000)) != 0 ||
	    (rv = nng_socket_set_ms(*s, NNG_OPT_RECONNMAXT, 2000)) != 0 ||
	    (rv = nng_dial(*s, url, NULL, NNG_FLAG_NONBLOCK)) != 0) {
		nng_close(*s);
		return (transport_fail(rv, "control", url, err, errlen));
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
