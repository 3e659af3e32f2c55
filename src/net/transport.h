/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
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

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <nng/nng.h>

#define TRANSPORT_BUF	8192	/* NNG_OPT_SENDBUF / RECVBUF, messages */

/* The listeners a pipe cap is for (fohd's nng sockets). */
enum transport_which {
	TRANSPORT_CONTROL = 0,
	TRANSPORT_STREAM,
	TRANSPORT_PULL,
	TRANSPORT_WHICH_COUNT
};

/*
 * A cap on the pipes of one listening socket. nng accepts a connection
 * before it shows it (NNG_PIPE_EV_ADD_PRE), so a pipe over max is closed
 * there, which gives its descriptor back at once; refusals are counted and
 * logged as one line per TRANSPORT_LOG_EVERY_MS at most. cb (if not NULL)
 * is told of every event of every admitted pipe (ADD_PRE first, where it
 * may close the pipe too): nng has one callback per event per socket, so
 * this is how the socket's own watcher keeps working. The counters are
 * atomic (nng's threads); the cap must outlive its socket.
 */
struct transport_cap {
	enum transport_which	 which;
	uint32_t		 max;		/* pipes admitted at most */
	nng_pipe_cb		 cb;		/* or NULL */
	void			*arg;
	uint64_t		 open;		/* atomic: admitted, not gone */
	uint64_t		 refused;	/* atomic: closed at the cap */
	uint64_t		 logged;	/* refused at the last line */
	uint64_t		 log_ms;	/* atomic: last line, mono ms */
	pthread_mutex_t		 mtx;		/* guards gone */
	uint32_t		*gone;		/* refused pipes not yet removed */
	size_t			 ngone, agone;
	nng_listener		 listener;	/* set by the listen functions */
};

#define TRANSPORT_LOG_EVERY_MS	10000

/*
 * The default cap for a listener, from RLIMIT_NOFILE. fohd keeps a quarter
 * of the limit (64 at least) out of the WebSocket cap (server.c); half of
 * that reserve is for nng pipes: control and pull a quarter of it each (64
 * at most), stream the rest. The other half stays for fohd's files and
 * /healthz. With ulimit -n 1024: control 32, pull 32, stream 64.
 */
uint32_t	transport_cap_default(enum transport_which);

/* The listener's name in logs and /metrics: "control", "stream", "pull". */
const char	*transport_which_name(enum transport_which);

/*
 * Connections the cap's listener took that failed before they became
 * pipes, from nng's counters: a TLS handshake refused or broken (a plain
 * tcp:// dial to a TLS listener, a client certificate not from [tls] ca),
 * a wrong SP header, nng's handshake timeout. 0 before it listens.
 */
uint64_t	transport_cap_failed(const struct transport_cap *);

/* Set up a cap of max pipes (0: the default) telling cb; free it. */
int	transport_cap_init(struct transport_cap *, enum transport_which,
	    uint32_t max, nng_pipe_cb cb, void *arg);
void	transport_cap_fini(struct transport_cap *);

/* What a TLS listener asks of its peers (nng_tls_auth_mode's words). */
enum transport_tls_clients {
	TRANSPORT_TLS_NONE = 0,		/* no client certificate asked */
	TRANSPORT_TLS_OPTIONAL,		/* verified if the client sends one */
	TRANSPORT_TLS_REQUIRED		/* one from ca, or no link */
};

/*
 * TLS for a tls+tcp:// or wss:// URL: PEM file names, the caller's, read
 * when the socket is opened. Any other URL ignores it, and NULL means no
 * TLS at all: a TLS URL is then refused, never opened to fail every
 * handshake. A listener needs cert and key; ca (the clients' CA) for
 * clients OPTIONAL or REQUIRED. A dialer needs ca (the CA the server's
 * certificate must come from: nng checks it, and its name); cert and key
 * (both or neither) are shown to a listener that asks. The name checked
 * is server_name, or the URL's host when that is NULL or "". NULL or ""
 * stands for a file not given.
 */
struct transport_tls {
	const char			*ca;
	const char			*cert;
	const char			*key;
	const char			*server_name;	/* dialer only */
	enum transport_tls_clients	 clients;	/* listener only */
};

/* Is url one that needs TLS (tls+tcp://, wss://)? 1 or 0. */
int	transport_url_tls(const char *url);

/*
 * Read and check tls's files as a listener (server set) or a dialer would
 * (see struct transport_tls): readable, PEM, a certificate and a key that
 * belong together, a CA that parses, a listener's certificate valid now.
 * 0, or -1 with err naming the file and what is wrong with it. The
 * listen and dial functions below call it; fohd and foh call it at start
 * to say so before anything runs.
 */
int	transport_tls_check(const struct transport_tls *, int server,
	    char *err, size_t errlen);

/*
 * Open a PUB socket and listen on url (an agent's stream); tls for a TLS
 * URL (see struct transport_tls); cap (if not NULL) limits its pipes.
 */
int	transport_pub_listen(nng_socket *, const char *url,
	    const struct transport_tls *, struct transport_cap *, char *err,
	    size_t errlen);

/* Open a REP socket and listen on url (an agent's control), capped. */
int	transport_rep_listen(nng_socket *, const char *url,
	    const struct transport_tls *, struct transport_cap *, char *err,
	    size_t errlen);

/*
 * Open a PULL socket and listen on url (an agent's high-rate ingest),
 * capped; the cap's cb sees every new pipe before it is added, and may
 * nng_pipe_close it to refuse the peer.
 */
int	transport_pull_listen(nng_socket *, const char *url,
	    const struct transport_tls *, struct transport_cap *, char *err,
	    size_t errlen);

/*
 * Open a SUB socket subscribed to prefix and dial url (tls for a TLS URL)
 * in the background; cb (if not NULL) is told, on an nng thread, as pipes
 * come and go, from the first one on. *dialer (if not NULL) gets the
 * dialer, for transport_dial_trouble.
 */
int	transport_sub_dial(nng_socket *, const char *url,
	    const struct transport_tls *, const char *prefix, nng_pipe_cb cb,
	    void *arg, nng_dialer *dialer, char *err, size_t errlen);

/*
 * Open a REQ socket and dial url (tls for a TLS URL) in the background;
 * *dialer (if not NULL) gets the dialer, for transport_dial_trouble.
 */
int	transport_req_dial(nng_socket *, const char *url,
	    const struct transport_tls *, nng_dialer *dialer, char *err,
	    size_t errlen);

/*
 * Why a background dialer has not connected, from nng's counters (nng
 * 1.5.2 keeps no last error): a kind of failure that grew since *seen
 * (the caller's, zeroed at first; updated), as words ("TLS handshake
 * failed", "connection refused"...), or NULL if none grew. On a TLS URL
 * (tls set) a link closed before it was up is almost always a handshake
 * the other side refused (nng says only "Connection shutdown" when a
 * listener wants a client certificate we do not have), and is said so,
 * with the doubt.
 */
const char *transport_dial_trouble(nng_dialer, int tls, uint64_t seen[4]);

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
