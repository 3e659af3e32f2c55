/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * foh.h: what the console's program files share. foh.c is the program
 * (the screen, --json and the command line); foh-oneshot.c sends one
 * control request and exits (foh ack URL ALERT ...); foh-conf.c has what
 * both need.
 */
#ifndef FOH_H
#define FOH_H

#include <stdio.h>

#define FOH_SIGNING_MAX	512	/* "signing as SHA256:... (FILE)" */

struct cconf;
struct signer;

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
