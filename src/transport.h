/*
 * transport.h: the nng sockets foh and fohd use, set up the one right way.
 *
 * Every stream socket gets 8192-message buffers (TOOLCHAIN.md: nng's defaults
 * lose messages at a few thousand per second) and a receive size limit from
 * the protocol. Dials are non-blocking so a venue that is down now is dialled
 * again in the background until it comes up. Each socket's NNG_OPT_RECVFD is
 * a descriptor poll(2) can wait on beside the terminal.
 */
#ifndef FOH_TRANSPORT_H
#define FOH_TRANSPORT_H

#include <stddef.h>

#include <nng/nng.h>

#define TRANSPORT_BUF	8192	/* NNG_OPT_SENDBUF / RECVBUF, messages */

/* Open a PUB socket and listen on url (an agent's stream). */
int	transport_pub_listen(nng_socket *, const char *url, char *err,
	    size_t errlen);

/* Open a REP socket and listen on url (an agent's control). */
int	transport_rep_listen(nng_socket *, const char *url, char *err,
	    size_t errlen);

/*
 * Open a PULL socket and listen on url (an agent's high-rate ingest). cb
 * (if not NULL) is called on an nng thread for every new pipe before it is
 * added, and may nng_pipe_close it to refuse the peer.
 */
int	transport_pull_listen(nng_socket *, const char *url, nng_pipe_cb cb,
	    void *arg, char *err, size_t errlen);

/*
 * Open a SUB socket subscribed to prefix and dial url in the background;
 * cb (if not NULL) is told, on an nng thread, as pipes come and go, from
 * the first one on.
 */
int	transport_sub_dial(nng_socket *, const char *url, const char *prefix,
	    nng_pipe_cb cb, void *arg, char *err, size_t errlen);

/* Open a REQ socket and dial url in the background. */
int	transport_req_dial(nng_socket *, const char *url, char *err,
	    size_t errlen);

/* The pollable descriptor that is readable when a message waits. */
int	transport_recv_fd(nng_socket, int *fd);

/*
 * A sender for a hot path: nng_send allocates an aio per call, and in nng
 * 1.5.2 that costs a getrandom(2) system call (a fifth of fohd's time when
 * measured); this keeps one aio and reuses it. One sender per thread.
 */
struct transport_sender {
	nng_socket	 sock;
	nng_aio		*aio;
};

/* Set up and free a sender for sock. */
int	transport_sender_init(struct transport_sender *, nng_socket);
void	transport_sender_fini(struct transport_sender *);

/* Send a copy of len bytes; 0 or an nng error code (then nothing sent). */
int	transport_sender_send(struct transport_sender *, const void *buf,
	    size_t len);

/* The same for receiving: one aio kept for every message. */
struct transport_receiver {
	nng_socket	 sock;
	nng_aio		*aio;
};

/* Set up and free a receiver for sock. */
int	transport_receiver_init(struct transport_receiver *, nng_socket);
void	transport_receiver_fini(struct transport_receiver *);

/*
 * Take the next message into *msg (the caller's, to nng_msg_free). With
 * nonblock, returns NNG_ETIMEDOUT at once when none waits; otherwise waits
 * up to the socket's receive timeout. 0 or an nng error code.
 */
int	transport_receiver_recv(struct transport_receiver *, nng_msg **msg,
	    int nonblock);

#endif
