/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * bench-noise.h: what bench-noise.c (the runs) and bench-noise-report.c
 * (the tables and the targets) share.
 */
#ifndef FOH_BENCH_NOISE_H
#define FOH_BENCH_NOISE_H

#include <stdint.h>

#include <nng/nng.h>

#include "console/feed.h"
#include "core/queue.h"
#include "core/store.h"
#include "proto/foh-proto.h"
#include "sim/scenario.h"

#define BENCH_VENUES		8
#define BENCH_WINDOW_MS		(10ULL * 60 * 1000)	/* alerts per window */
#define BENCH_ALERTS_PER_WINDOW	3			/* target */
#define BENCH_DRAIN_MS		10000	/* real time for a tick's messages */
#define BENCH_QUEUE_MAX		8192
#define BENCH_MISSES_SHOWN	20

enum bench_mode {
	BENCH_BEFORE = 0,
	BENCH_AFTER,
	BENCH_MODES
};

/* "before", "after": the modes' names. */
extern const char *const bench_mode_names[BENCH_MODES];

/* What one (venue, rule, subject) did in one run. */
struct bench_key {
	unsigned	 venue;
	char		 rule[FOHP_ID_MAX];
	char		 subject[FOHP_ID_MAX];
	unsigned	 ids;		/* distinct alert ids */
	unsigned	 fire, resolve, flapping, settled;
	uint64_t	*opened;	/* agent mono ms of each id's first
					   message, rising; owned */
	unsigned	 nopened, capopened;
	unsigned	 win_max;	/* most opened in any window */
	uint64_t	 win_at;	/* where that window starts */
};

/* An alert id the tally has seen, and what it last was. */
struct bench_seen {
	uint64_t		id;
	unsigned		key;
	enum fohp_alert_state	state;
	uint8_t			flaps;
};

/* One (venue, subject) of the queue: its most rows at once. */
struct bench_subject {
	unsigned	venue;
	char		subject[FOHP_ID_MAX];
	unsigned	max_rows;
	uint64_t	first_over;	/* agent mono ms it first held > 1;
					   0: never */
	uint64_t	max_at;
};

/* One venue of a run: its agent, scenario and both readers. */
struct bench_venue {
	struct vconf		 conf;
	struct scenario		 scn;
	int			 has_scn;
	struct agent		*agent;
	struct feed		 feed;
	int			 has_feed;
	struct store_venue	*sv;
	nng_socket		 sub;		/* the tally's */
	int			 has_sub;
	struct transport_receiver rx;
	int			 sub_fd;
	atomic_int		 pipes;
	uint64_t		 base;		/* published before we listened */
	uint64_t		 received;	/* by the tally */
	uint64_t		 last_seq;	/* highest seq the tally saw */
	uint64_t		 rejects;	/* messages that did not decode */
	struct bench_seen	*seen;		/* owned */
	unsigned		 nseen, capseen;
};

/* Everything one run measured. */
struct bench_run {
	enum bench_mode		 mode;
	unsigned		 n;
	struct bench_venue	*v[BENCH_VENUES];
	struct store		*store;
	struct feed_ctx		 ctx;
	int			 has_ctx;
	int			 has_dec;
	struct fohp_decoder	 dec;
	struct fohp_msg		*msg;
	struct queue_opts	 qopts;
	struct queue_item	*items;
	struct reading_batch	*batch;
	uint64_t		 start_ms;
	int			 old_keys;	/* the before keys were taken */

	struct bench_key	*keys;
	unsigned		 nkeys, capkeys;
	struct bench_subject	*subjects;
	unsigned		 nsubjects, capsubjects;

	unsigned		 ids;		/* distinct alerts, all venues */
	unsigned		 max_rows;
	uint64_t		 max_rows_at;
	uint64_t		 max_age;	/* oldest resolved alert held */
	uint64_t		 max_age_at;
	unsigned		 max_age_venue;
	uint64_t		 max_age_id;
	char			 max_age_rule[FOHP_ID_MAX];
	char			 max_age_subject[FOHP_ID_MAX];
	unsigned		 builds;	/* queues built */
	uint64_t		 published, received;
	double			 wall_s;	/* real seconds the run took */
};

/* Options from the command line. */
struct bench_opts {
	double		minutes;
	double		speed;
	int		modes[BENCH_MODES];
};

/* Rows of the queue built from the feeds' stores now, into r. 0, or -1. */
int	bench_measure(struct bench_run *, uint64_t);
/* The table of every key that opened an alert, before | after. 0, or -1. */
int	bench_print_keys(const struct bench_run *, const struct bench_run *);
/* The totals table, before | after | target. */
void	bench_print_totals(const struct bench_run *const [BENCH_MODES]);
/* Misses of the targets in run r (printed when show); -1 on error. */
int	bench_check(const struct bench_run *, const struct bench_opts *, int);

#endif
