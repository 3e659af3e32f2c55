/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-priv.h: what the agent's files share. agent.c: lifecycle and
 * readings; agent-alerts.c: rules and the alert lifecycle, agent-explain.c
 * what an alert says; agent-control.c: operator requests, with
 * agent-answer.c (answers remembered), agent-limit.c (refusals' rate),
 * agent-raw.c (requests that do not decode) and agent-sign.c (signed
 * requests checked); agent-nats.c: the NATS link; agent-pub.c: publishing,
 * which all of them call and which calls none of them. Nothing outside
 * them includes it but metrics-venue.c, which reads the venue's state for
 * /metrics.
 */
#ifndef FOH_AGENT_PRIV_H
#define FOH_AGENT_PRIV_H

#include <sys/types.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include <nng/nng.h>

#include "agent.h"
#include "core/alerts.h"
#include "core/drift.h"
#include "proto/foh-proto.h"
#include "journal.h"
#include "core/rul.h"
#include "core/rules.h"
#include "crowdsim.h"
#include "core/store.h"
#include "net/mqttlink.h"
#include "net/transport.h"

#define AGENT_RUL_HORIZON_H	168.0	/* "beyond horizon" past a week */
#define AGENT_WEAR_WARN		RULES_WEAR_WARN	/* a device whose wear
					   is at this share of its limit or
					   more is not "ok": its status is at
					   least warning (error at the limit) */
#define AGENT_EXTERNAL_TTL_MS	(15 * 60 * 1000)	/* external alert
							   resolves when its
							   source goes quiet */
#define AGENT_ANSWERS_KEPT	64	/* idempotent repeats remembered
					   without a journal (else there) */
#define AGENT_LIMIT_PEERS	16	/* peers whose refusals are limited */
#define AGENT_LIMIT_RATE	10	/* refusals written per s per peer */
#define AGENT_LIMIT_BURST	20	/* ... and at once */
#define AGENT_LIMIT_ALL_RATE	50	/* ... per s, all peers together */
#define AGENT_LIMIT_ALL_BURST	100
#define AGENT_LIMIT_REPORT_MS	10000	/* a summary line at most this often */
#define AGENT_EVALS_MAX		16	/* rule changes per observation */
#define AGENT_IDENT_MAX		80	/* "tcp 10.0.0.7", "key SHA256:..." */

/* An answer kept so a repeated request gets it again, not a second act. */
struct agent_answer {
	char		peer[AGENT_IDENT_MAX];	/* agent's ident */
	char		operator_name[FOHP_ID_MAX];
	uint64_t	id;		/* request id; 0 = slot empty */
	uint64_t	digest;		/* of the request (agent-control.c) */
	void		*bytes;		/* the encoded answer, malloc'd */
	size_t		 len;
};

/*
 * A token bucket for the refusals of one peer (or of all): how many audit
 * rows and log lines of refused requests may still be written, and how
 * many were not since the last summary line.
 */
struct agent_limit {
	char		peer[48];	/* "" = slot free */
	uint64_t	milli;		/* tokens, in thousandths */
	uint64_t	last_ms;	/* monotonic: last refill */
	uint64_t	suppressed;	/* not written, not yet reported */
	uint64_t	since_ms;	/* monotonic: first of those */
};


/* What the agent keeps per configured device beyond its last message. */
struct agent_device {
	char		id[FOHP_ID_MAX];
	uint64_t	heard_ms;	/* monotonic; start counts as heard */
	int		offline;
	struct rul	rul;
};

/* A control pipe's peer, noted when it opened (agent-peer.c). */
struct agent_peer {
	uint32_t	 id;		/* nng_pipe_id */
	enum vconf_peer	 kind;
	int		 uid;		/* ipc: its uid, else -1 */
	char		 text[48];	/* "ipc uid 1000", "tcp 10.0.0.7" */
	uint64_t	 gone_ms;	/* mono ms it closed; 0 = open */
};

/* ... and per configured model. */
struct agent_model {
	char			id[FOHP_ID_MAX];
	struct drift_model	drift;
	int			ready;		/* drift initialised */
};

/* History at the edge (issue 15, agent-history.c). */
struct agent_history {
	struct journal_step	*step;		/* built at each step; owned,
					   NULL: history is off */
	uint64_t		 next_ms;	/* monotonic: the next step */
	uint64_t		 last_t_ms;	/* wall: the last step's t_ms */
	uint32_t		 in[VCONF_GATES_MAX];	/* persons through
					   each config gate since the last
					   step, in and out */
	uint32_t		 out[VCONF_GATES_MAX];
};

/*
 * Issue 15: an approved action's hook still running, so that how it ended
 * is journaled as an audit line "hook" of its alert (agent-hook.c).
 */
#define AGENT_HOOKS_MAX	16
struct agent_hook {
	pid_t		 pid;
	uint64_t	 alert;
	char		 who[FOHP_ID_MAX];	/* the operator who approved */
	char		 path[VCONF_URL_MAX];	/* the hook */
};
/* fixdrill: starting it moved here; a drill's approval starts none. */
void	agent_hook_run(struct agent *, const struct fohp_alert *,
	    const char *who);
void	agent_hook_started(struct agent *, pid_t, uint64_t alert,
	    const char *who, const char *path);
void	agent_hook_note(struct agent *, uint64_t alert, const char *who,
	    const char *path, const char *result);
void	agent_hook_reap(struct agent *);
void	agent_hook_stop(struct agent *);

/*
 * Issue 16: approved actions delivered to MQTT and webhooks
 * (agent-deliver.c, with deliver.c's thread).
 */
struct deliver;
int	agent_deliver_open(struct agent *, char *err, size_t errlen);
void	agent_deliver_stop(struct agent *);	/* before the link closes */
void	agent_deliver_close(struct agent *);	/* after */
void	agent_deliver_service(struct agent *);
void	agent_deliver_approved(struct agent *, const struct fohp_alert *,
	    const char *who);
void	agent_deliver_resolved(struct agent *, uint64_t alert);
void	agent_deliver_outcome(struct agent *, uint64_t alert,
	    const char *who, const char *op, const char *target,
	    const char *result, const char *reason, const char *text);

struct agent {
	struct vconf		 conf;
	struct store		*store;		/* the venue's own state */
	struct store_venue	*venue;
	struct crowdsim		 sim;
	uint32_t		 counts[FOHP_ZONES_MAX];	/* last published */
	uint8_t			 counted[FOHP_ZONES_MAX];	/* counts[i] set */
	struct agent_device	 devices[FOHP_DEVICES_MAX];
	struct agent_model	 models[FOHP_MODELS_MAX];
	atomic_int		 pipes;		/* stream subscribers */
	struct transport_cap	 caps[2];	/* control, stream pipes */
	int			 ncaps;		/* caps set up */

	nng_socket		 pub;
	struct transport_sender	 sender;	/* on pub, reused */
	nng_socket		 rep;
	int			 rep_fd;

	uint64_t		 epoch;		/* wall ms at start */
	uint64_t		 seq;		/* last published */
	uint64_t		 start_ms;	/* monotonic */
	uint64_t		 next_tick;
	uint64_t		 next_beat;

	struct fohp_decoder	 dec;
	struct fohp_msg		*in;		/* decoded request */
	struct fohp_msg		*out;		/* message being sent */
	msgpack_sbuffer		 buf;
	struct agent_stats	 stats;

	/* Alerts (agent-alerts.c). */
	struct rules		 rules;
	struct alerts		*alerts;
	struct journal		*journal;	/* NULL: not durable */
	char			 zone_source[FOHP_ZONES_MAX][FOHP_ID_MAX];
	struct fohp_alert	 scratch;	/* alert being built */

	/* Operator requests (agent-control.c). */
	struct agent_answer	 answers[AGENT_ANSWERS_KEPT];
	unsigned		 answers_next;
	char			 peer[48];	/* of the request being served */
	char			 ident[AGENT_IDENT_MAX];	/* who repeats are
					   told apart by: peer, or for a
					   signed request "key SHA256:..." */
	char			 transport[16];	/* the control URL's scheme */
	const char		*via;		/* the request's transport when
					   not the control socket ("nats"),
					   else NULL */
	int			 is_signed;	/* the request passed checks 1-5 */
	struct sshsig_pubkey	 signer;	/* ... by this key */
	struct fohp_signed	*sreq;		/* its body and sig; owned */
	enum vconf_peer		 peer_kind;	/* ... its transport */
	int			 peer_uid;	/* ... ipc: its uid, else -1 */
	pthread_mutex_t		 peers_mtx;	/* guards peers: nng's threads */
	struct agent_peer	*peers;		/* control pipes; owned */
	size_t			 npeers, apeers;
	msgpack_sbuffer		 answer;	/* answer encoded before commit */
	int			 answer_ready;	/* send answer, not out */
	struct alerts_entry	 undo;		/* alert before the op */
	struct agent_limit	 limits[AGENT_LIMIT_PEERS];
	struct agent_limit	 limit_all;
	uint64_t		 arrival_ns;	/* of the readings being applied */
	struct agent_nats	*nats;		/* [nats] link, or NULL; owned */
	struct mqttlink		*mqtt;		/* [mqtt] link (issue 16), or
						   NULL; owned */
	struct agent_history	 history;	/* issue 15: agent-history.c */
	struct agent_summaries	*summaries;	/* issue 15 fix: op summary's
					   cache and rate (agent-summary.c);
					   owned, NULL until the first */

	/* Issue 15: approved actions' hooks still running (agent-hook.c). */
	struct agent_hook	 hooks[AGENT_HOOKS_MAX];
	unsigned		 nhooks;

	/* Issue 16: deliveries of approved actions (agent-deliver.c). */
	struct deliver		*deliver;	/* owned */
};

/* agent-pub.c: the leaf every other file of the agent publishes through. */
#define AGENT_FNV_BASIS	0xcbf29ce484222325ULL
struct fohp_msg	*agent_envelope(struct agent *, enum fohp_kind);
void		 agent_hello(struct agent *, struct fohp_hello *, uint64_t);
void		 agent_publish(struct agent *, uint64_t now_ms);
uint64_t	 agent_fnv(uint64_t, const void *, size_t);
uint64_t	 agent_fingerprint(const char *const *, unsigned);
void		 agent_refusal(struct agent *, uint64_t id, const char *code,
		     const char *field, const char *text);
void		 agent_pub_reduce(struct fohp_alert *);

/* agent-nats-box.c: the NATS outbox, fed by agent_publish. */
int		 agent_nats_open(struct agent *, char *err, size_t errlen);
void		 agent_nats_push(struct agent *, const struct fohp_msg *);

/* agent-nats.c: the NATS link, the agent's thread's side (agent-nats.h). */
void		 agent_nats_service(struct agent *);
void		 agent_nats_reload(struct agent *, const struct vconf *);
void		 agent_nats_close(struct agent *);

/* agent-alerts.c */
int		 agent_alerts_open(struct agent *, char *err, size_t errlen);
void		 agent_alerts_close(struct agent *);
void		 agent_alerts_publish_all(struct agent *, uint64_t now_ms);
int		 agent_alerts_reload(struct agent *, const struct vconf *,
		     char *err, size_t errlen);
void		 agent_alerts_observe(struct agent *, enum rules_target,
		     const char *subject, const char *metric, double value,
		     uint64_t t_ms, uint64_t now_ms);
void		 agent_alerts_external(struct agent *,
		     const struct reading_alert *, uint64_t now_ms);
void		 agent_alerts_tick(struct agent *, uint64_t now_ms);
void		 agent_alerts_flush(struct agent *, const char *op,
		     uint64_t now_ms);
int		 agent_alerts_journal(struct agent *, const struct fohp_alert *,
		     const struct journal_audit *, char *err, size_t errlen);
void		 agent_alerts_snapshot(struct agent *, struct fohp_snapshot *);

/* agent-explain.c: an alert's explanation, from what the venue knows. */
void		 agent_explain_build(struct agent *, const struct rules_eval *,
		     struct fohp_alert *);
void		 agent_explain_external(struct agent *,
		     const struct reading_alert *, struct fohp_alert *);

/* agent-control.c */
/* Who a control request came from, whatever carried it. */
struct agent_from {
	enum vconf_peer	 kind;		/* the policy's peer class */
	int		 uid;		/* ipc: its uid, else -1 */
	const char	*peer;		/* "ipc uid 1000", "tcp 10.0.0.7",
					   "nats": logs, audit, repeats */
	const char	*transport;	/* audit's transport; NULL: the
					   control URL's scheme */
};
void		 agent_control_bytes(struct agent *, const void *req,
		     size_t len, const struct agent_from *, const void **ans,
		     size_t *anslen);
int		 agent_control(struct agent *, nng_msg *req);
void		 agent_control_tick(struct agent *, uint64_t now_ms);
void		 agent_snapshot(struct agent *, uint64_t id);

/* agent-summary.c (issue 15): op "summary", the numbers of the last hours. */
void		 agent_summary(struct agent *, const struct fohp_request *);
void		 agent_summary_close(struct agent *);

/* agent-answer.c */
uint64_t	 agent_answer_digest(const struct fohp_request *);
int		 agent_answer_recall(struct agent *, const struct fohp_request *,
		     void **bytes, size_t *len, uint64_t *digest);
void		 agent_answer_remember(struct agent *,
		     const struct fohp_request *);
void		 agent_answer_fini(struct agent *);

/* agent-sign.c: signed requests, checked before they are served. */
int		 agent_sign_open(struct agent *);
void		 agent_sign_audit(struct agent *, struct journal_audit *);
const char	*agent_sign_transport(struct agent *);
void		 agent_sign_count(struct agent *, unsigned reason);
void		 agent_sign_warn(struct agent *);

/* agent-limit.c */
int		 agent_limit_take(struct agent *);
void		 agent_limit_tick(struct agent *, uint64_t now_ms);

/* agent-raw.c */
void		 agent_raw_request(const void *buf, size_t len, uint64_t *id,
		     char *kind, size_t kindlen);

/* agent-history.c: the venue's state in the journal every [history] step
 * (issue 15). */
void		 agent_history_open(struct agent *, uint64_t now_ms);
void		 agent_history_reload(struct agent *, const struct vconf *,
		     uint64_t now_ms);
void		 agent_history_gate(struct agent *, int gate, uint32_t in,
		     uint32_t out);
void		 agent_history_service(struct agent *, uint64_t now_ms);
uint64_t	 agent_history_next(const struct agent *);
void		 agent_history_close(struct agent *);

/* agent-peer.c: who each control pipe is, kept past its close. */
void		 agent_peer_event(nng_pipe, nng_pipe_ev, void *);
enum vconf_peer	 agent_peer_of(struct agent *, nng_msg *, int *);
void		 agent_peer_fini(struct agent *);

#endif
