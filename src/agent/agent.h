/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent.h: one venue's agent: the heart of fohd, and of each venue foh
 * --demo runs in-process.
 *
 * An agent owns a PUB socket (the venue's stream) and a REP socket (its
 * control), keeps the venue's state in a store, feeds it from the crowd
 * simulator, and publishes what changes: hello and layout at start, zone
 * samples as counts change, a heartbeat every hb_ms. It answers "snapshot"
 * requests with the whole state. It has no thread or loop of its own: the
 * caller polls agent_fd and calls agent_service when it is readable or when
 * agent_next_ms has come.
 */
#ifndef FOH_AGENT_H
#define FOH_AGENT_H

#include <stdint.h>

#include "core/reading.h"
#include "net/transport.h"
#include "core/vconf.h"

struct agent;

#define AGENT_LATENCIES	4096	/* reading -> alert published, kept */
#define AGENT_CODES	10	/* error codes counted (agent_code_name) */

/* Why a signed request was refused (agent_sign_reason_name). */
enum agent_sig_reason {
	AGENT_SIG_BODY = 0,		/* does not decode, or lacks id etc. */
	AGENT_SIG_SIGNATURE,		/* sig does not verify over body */
	AGENT_SIG_UNKNOWN_KEY,		/* key listed for nobody (now) */
	AGENT_SIG_OTHER_OPERATOR,	/* key listed for another operator */
	AGENT_SIG_VENUE,		/* body names no venue, or another */
	AGENT_SIG_EXPIRED,		/* ts outside [control] window */
	AGENT_SIG_ID_REUSED,		/* the key's id, another request */
	AGENT_SIG_UNSIGNED,		/* unsigned where a signature is due */
	AGENT_SIG_REASONS
};

struct agent_stats {
	uint64_t	published;	/* stream messages sent */
	uint64_t	published_by_kind[FOHP_KIND_COUNT];
	uint64_t	send_fail;	/* stream messages nng refused */
	uint64_t	encode_fail;	/* stream messages that did not encode
					   (an alert is then sent reduced) */
	uint64_t	snapshots_degraded;	/* sent without history: the
						   whole did not encode */
	uint64_t	alerts_refused;	/* new alerts refused: table full */
	uint64_t	requests;	/* control requests answered */
	uint64_t	bad_requests;	/* of which refused */
	uint64_t	refused[AGENT_CODES];	/* ... by agent_code_name */
	uint64_t	replayed;	/* repeats answered from memory */
	uint64_t	signed_ok;	/* signed requests that passed checks
					   1-5 (agent-sign.c) */
	uint64_t	sig_refused[AGENT_SIG_REASONS];	/* by reason */
	uint64_t	refusals_suppressed;	/* audit rows and log lines of
						   refusals not written */
	uint64_t	journal_errors;	/* journal commits that failed */
	uint64_t	history_steps;	/* [history] steps written (issue 15) */
	uint64_t	history_failed;	/* ... and that failed to commit */
	uint64_t	history_paused;	/* ... not written: the wall clock was
					   set back behind the last row */
	uint64_t	history_rows;	/* rows the written steps held */
	uint64_t	summary_computed;	/* op summary: report_load ran */
	uint64_t	summary_cached;		/* ... answered from its cache */
	uint64_t	deliveries[2][3];	/* issue 16: [mqtt, webhook]
					   [delivered, failed, skipped] */
	uint64_t	readings[READING_KIND_COUNT];	/* applied */
	uint64_t	devices_offline;	/* transitions to OFFLINE */
	uint64_t	uptime_ms;
	int		subscribers;	/* stream pipes now */
	uint64_t	alerts_fired;
	uint64_t	alerts_flapping;	/* alerts that began to flap */
	uint64_t	alerts_settled;		/* flapping alerts settled */
	/* Microseconds from a reading's arrival to its new alert's publish. */
	uint32_t	latency_us[AGENT_LATENCIES];
	unsigned	nlatency;	/* kept, <= AGENT_LATENCIES */
	unsigned	latency_head;
};

/*
 * The readings about to be applied arrived at mono_ns (clock_mono_ns), so
 * an alert they raise can be timed from arrival to publish. 0: untimed.
 */
void		 agent_mark_arrival(struct agent *, uint64_t mono_ns);

/* The q quantile (0..1) of the kept latencies, in seconds; NAN if none. */
double		 agent_latency_quantile(const struct agent *, double q);

/*
 * The TLS of the venue's tls+tcp:// and wss:// listeners, from conf's [tls]
 * (tls points into conf, which must outlive it).
 */
void		 agent_tls(const struct vconf *conf, struct transport_tls *tls);

/*
 * Open an agent for the venue in conf (copied) and start listening. Returns
 * NULL and fills err if a socket cannot be opened.
 */
struct agent	*agent_open(const struct vconf *conf, char *err, size_t errlen);

/* Stop listening and free the agent. */
void		 agent_close(struct agent *);

/*
 * Readable while deliveries of approved actions have news (issue 16);
 * agent_service takes it. -1 if none.
 */
int		 agent_deliver_fd(const struct agent *);

/* Descriptor readable when a control request waits. */
int		 agent_fd(const struct agent *);

/* Monotonic ms when agent_service should next run even if nothing is read. */
uint64_t	 agent_next_ms(const struct agent *);

/* Answer waiting requests and do whatever is due at now_ms (monotonic). */
void		 agent_service(struct agent *, uint64_t now_ms);

/* The error code counted in refused[i] ("other" for the last). */
const char	*agent_code_name(unsigned i);

/* The reason counted in sig_refused[i]: "signature", "expired", ... */
const char	*agent_sign_reason_name(unsigned i);

/* Counters, for logs, health and metrics. */
const struct agent_stats *agent_stats(const struct agent *);

/* The pipe cap of the control or stream listener; NULL for another. */
const struct transport_cap *agent_pipe_cap(const struct agent *,
	    enum transport_which);

/*
 * Apply a batch of readings (already checked against the config) at now_ms
 * (monotonic) and publish what they change.
 */
void		 agent_apply(struct agent *, const struct reading_batch *,
		     uint64_t now_ms);

/*
 * Take a new config (copied): the venue's layout, gates, devices and models
 * change in place and a new layout is published; state of whatever keeps
 * its id is kept, and the sockets stay as they are (their URLs need a
 * restart). Returns 0, or -1 with err if the config cannot be taken.
 */
int		 agent_reload(struct agent *, const struct vconf *conf,
		     char *err, size_t errlen);

/* The config in force. */
const struct vconf *agent_conf(const struct agent *);

#endif
