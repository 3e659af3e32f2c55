/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * cconf.h: the console's configuration (foh.conf), read with cfg_parse.
 *
 *   [console]                  [venue arena]
 *   fps = 4                    stream = tcp://10.0.0.5:7601
 *   ascii = no                 control = tcp://10.0.0.5:7602   ; optional
 *   theme = dark               ca = venue-ca.pem  ; TLS URLs: the venue's CA
 *                              cert = me.pem      ; optional, with key =
 *   operator = ana             ; who acknowledges
 *   identity = ~/.ssh/id_ed25519.pub  ; the key that signs requests
 *   readonly = no
 *   kiosk = 30                 ; wall monitor, rotating every 30 s
 *   bell = critical            ; no, critical or all
 *   linger = 30s               ; resolved alerts stay in the queue
 *   replay = 10m               ; NATS venues: replay so far back at start
 *   link = auto                ; the terminal's link: auto, slow or fast
 *
 *   [venue club]
 *   stream = nats://hub:4222/club   ; through NATS: no control URL; with
 *                                   ; tls://, ca (cert, key) are NATS's
 *
 * Errors name file:line.
 */
#ifndef FOH_CCONF_H
#define FOH_CCONF_H

#include "core/bell.h"
#include "feed.h"

#define CCONF_VENUES_MAX	STORE_VENUES_MAX
#define CCONF_FILE_MAX		(1024 * 1024)	/* bytes in foh.conf */
#define CCONF_KIOSK_MIN_S	2		/* kiosk rotation, seconds */
#define CCONF_KIOSK_MAX_S	3600
#define CCONF_PATH_MAX		1024	/* identity = FILE */
#define CCONF_LINGER_MAX_MS	(24 * 3600 * 1000ULL)	/* linger, at most */
#define CCONF_REPLAY_MAX_MS	(7 * 24 * 3600 * 1000ULL)	/* replay */

struct cconf_venue {
	char	id[FOHP_ID_MAX];
	char	stream[FEED_URL_MAX];
	char	control[FEED_URL_MAX];	/* "" = derived from stream */
	/* TLS (tls+tcp://, wss://): PEM files, "" = not given. ca: the CA
	 * of the venue's certificate; cert, key: ours, if it asks. */
	char	ca[FEED_URL_MAX];
	char	cert[FEED_URL_MAX];
	char	key[FEED_URL_MAX];
};

/* link = (ui.h's enum ui_link_mode has the same values, in order). */
enum cconf_link {
	CCONF_LINK_AUTO = 0,	/* frames wait for the terminal; frugal
				   when it is found slow */
	CCONF_LINK_SLOW,	/* frugal from the start */
	CCONF_LINK_FAST		/* every frame sent, nothing asked */
};

struct cconf {
	unsigned		fps;		/* frames per second cap */
	int			ascii;
	char			theme[64];	/* theme name, "" = dark */
	char			operator_name[FOHP_ID_MAX];	/* "" = $USER */
	char			identity[CCONF_PATH_MAX];	/* key file
						   that signs (signer.h); "":
						   the ssh-agent's first */
	int			readonly;
	unsigned		kiosk_s;	/* 0 = not a kiosk */
	int			bell;		/* enum bell_mode; -1: not
						   set (critical in a kiosk,
						   else no) */
	uint64_t		linger_ms;	/* resolved alerts stay in the
						   queue so long; 0: they
						   leave at once */
	uint64_t		replay_ms;	/* NATS venues replay so far
						   back at start (feed_set_
						   replay); 0: not at all */
	enum cconf_link		link;		/* the terminal's link */
	unsigned		nvenues;
	struct cconf_venue	venues[CCONF_VENUES_MAX];
};

/*
 * Defaults: 4 frames/s, glyphs from the locale, resolved alerts linger
 * QUEUE_LINGER_MS, no venues.
 */
void	cconf_defaults(struct cconf *);

/* Parse "auto", "slow" or "fast" (link =, --link). 0, or -1 if none. */
int	cconf_link_parse(const char *, enum cconf_link *);

/* Read path into c (on top of what it holds). -1 and "FILE:LINE: what". */
int	cconf_load(struct cconf *, const char *path, char *err, size_t errlen);

/* The same from a string; name stands in for the file name in errors. */
int	cconf_load_string(struct cconf *, const char *name, const char *text,
	    char *err, size_t errlen);

#endif
