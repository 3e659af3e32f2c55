/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * foh.h: what the console's program files share. foh.c is the program
 * (the screen, --json and the command line); foh-oneshot.c sends one
 * control request and exits (foh ack URL ALERT ...); foh-conf.c has what
 * both need; foh-poll.c is foh.c's poll set over its feeds.
 */
#ifndef FOH_H
#define FOH_H

#include <poll.h>
#include <stdint.h>
#include <stdio.h>

#define FOH_SIGNING_MAX	512	/* "signing as SHA256:... (FILE)" */

#define FOH_POLL_BATCH_MS	25	/* feeds polled at most this often */

struct cconf;
struct feed;
struct signer;

/*
 * foh-poll.c: the loop's descriptors, 2 of its own then FEED_FDS_MAX a
 * feed at most; where each feed's are. The arrays are its own.
 */
struct foh_poll {
	struct pollfd	*pfd;
	unsigned	*first;		/* feed i's first entry in pfd */
	unsigned	*count;		/* and how many it has there */
	uint64_t	 polled;	/* clock_pace_ms of the last full poll */
};

/* foh-poll.c: size p for nfeeds feeds; -1 out of memory. Free it. */
int	foh_poll_alloc(struct foh_poll *, unsigned);
void	foh_poll_free(struct foh_poll *);

/* foh-poll.c: add every feed's descriptors from entry n on; new count. */
unsigned foh_poll_feeds(struct foh_poll *, struct feed *const *, unsigned,
	    unsigned);

/*
 * foh-poll.c: poll the first nfixed entries and n in all, up to timeout
 * ms, the feeds at most every FOH_POLL_BATCH_MS; poll's result.
 */
int	foh_poll_wait(struct foh_poll *, unsigned, unsigned, int);

/* foh-poll.c: whether a descriptor of feed i polled ready. */
int	foh_poll_ready(const struct foh_poll *, unsigned);

/* foh-poll.c: raise the descriptor limit to the hard one (6 a venue). */
void	foh_nofile(void);

/*
 * foh-conf.c: load the console config at *path (or, when *path is NULL and
 * use_default is set, the user's foh.conf if there is one, its path kept
 * in def) into conf, defaults first. 0, or EX_CONFIG having said why.
 */
int	foh_conf_load(struct cconf *, const char **, int, char *, size_t);
/* foh-conf.c: who acts: given (-o) if set, else conf's operator, else $USER. */
void	foh_operator(char *, size_t, const char *, const struct cconf *);
/*
 * foh-conf.c: open the signer: --identity (given) if set, else conf's
 * identity, else the ssh-agent's key; what the diagnostics say into a
 * buffer. 0, or EX_CONFIG having said why the identity cannot be used.
 */
int	foh_signer_open(struct signer *, const char *, const struct cconf *,
	    char *, size_t);
/* foh-conf.c: print "foh VERSION (protocol N)" to stdout (--version). */
void	foh_version(void);

/* foh-oneshot.c: is name a one-shot command (ack, shelve ...)? */
int	foh_oneshot_is(const char *);
/* foh-oneshot.c: run argv[0] (a one-shot command); an exit status. */
int	foh_oneshot(int, char **);
/* foh-oneshot.c: print the one-shot commands' usage lines to f. */
void	foh_oneshot_synopsis(FILE *);

#endif
