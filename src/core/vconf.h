/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf.h: a venue's configuration (fohd.conf), read with cfg_parse.
 *
 *   [venue]                      [zone ID]
 *   id = arena                   name = Floor
 *   name = City Arena            rect = 10,6,20,10   ; x,y,w,h grid cells
 *   grid = 40x20                 area_m2 = 1200
 *   stream = tcp://...:7601      kind = standing      ; walkway|standing|queue
 *   control = tcp://...:7602     capacity = 4800
 *   heartbeat_ms = 1000          surge = yes          ; the simulator surges it
 *   tick_ms = 250
 *   seed = 1
 *
 *   [gate ID]                    [device ID]
 *   name = Gate 3                name = Stage left amp
 *   width_m = 4.5                kind = amplifier     ; projector|amplifier|
 *   zones = floor,west           heartbeat_s = 30     ;  ledwall|camera|other
 *                                wear = lamp_hours    ; metric for remaining
 *   [model ID]                   wear_limit = 2000    ;  life, and its limit
 *   name = Head counter
 *   method = psi                 [ingest]
 *   ref_n = 500                  listen = 127.0.0.1:7680
 *   window_n = 500               loopback_only = yes  ; no token needed
 *   bins = 10                    token = s3cret       ; repeatable
 *   warn = 0.1                   pull = tcp://127.0.0.1:7603
 *   crit = 0.25                  pull_allow = 10.1.0.0/16 ; PULL peers
 *                                max_frame = 65536    ;  beyond loopback
 *                                max_conns = 256      ; HTTP+WebSocket
 *                                idle_timeout = 60s
 *                                simulate = no        ; built-in simulator
 *
 *   [history]                    ; the venue's state in the journal
 *   step = 10s                   ; every step (1s to 1h)
 *   retention = 30d              ; kept this long (at least the step)
 *   enabled = yes                ; default: yes if there is a journal
 *
 *   [rules]                      ; for every rule unless its [rule] says
 *   flap_transitions = 4         ; fires + clears that make it flap (0-255)
 *   flap_window = 10m            ;  ... within this (> 0)
 *   drift_hold = 2m              ; hold of drift rules
 *   drift_clear = 0.6            ; drift rules clear at this x threshold
 *
 * Every error names file:line and what is wrong. A section header alone
 * makes its section: an empty [operator NAME] is an operator with no rights.
 */
#ifndef FOH_VCONF_H
#define FOH_VCONF_H

#include <stdint.h>

#include "proto/foh-proto.h"
#include "lib/sshsig.h"

/*
 * An address or network ("10.1.0.0/16", "192.0.2.7", "fd00::/8"): the
 * family is 4 or 6, the address in network byte order (IPv4 in the first
 * four bytes), bits the prefix length.
 */
struct vconf_cidr {
	uint8_t		family;
	uint8_t		bits;
	uint8_t		addr[16];
};

#define VCONF_URL_MAX	256
#define VCONF_GATES_MAX	32
#define VCONF_GATE_ZONES 4	/* zones one gate feeds */
#define VCONF_TOKENS_MAX 8
#define VCONF_TOKEN_MAX	128
#define VCONF_ALLOW_MAX	16	/* [ingest] pull_allow entries */
#define VCONF_CONNS_MAX	65536	/* [ingest] max_conns at most */

struct vconf_gate {
	char		id[FOHP_ID_MAX];
	char		name[FOHP_NAME_MAX];
	double		width_m;		/* > 0 */
	uint8_t		nzones;
	uint16_t	zones[VCONF_GATE_ZONES];	/* layout zone indexes */
};

struct vconf_device {
	char		id[FOHP_ID_MAX];
	char		name[FOHP_NAME_MAX];
	char		dkind[FOHP_ID_MAX];	/* vconf_device_key's kinds */
	uint32_t	heartbeat_s;		/* OFFLINE after this silence */
	char		wear[FOHP_ID_MAX];	/* metric driving remaining life */
	double		wear_limit;		/* its end-of-life value, 0 = none */
};

#define VCONF_RULES_MAX		64	/* [rule NAME] sections */
#define VCONF_OPERATORS_MAX	32

/* A [rule NAME] section, before it is expanded per subject (rules.c). */
struct vconf_rule {
	char		id[FOHP_ID_MAX];
	char		kind[16];	/* threshold|rate|forecast|status|rul|drift */
	char		target[8];	/* zone|gate|device|model */
	char		subject[FOHP_ID_MAX];	/* an id, or "*" for all */
	char		metric[FOHP_ID_MAX];	/* density, flow_pmm, score, ... */
	int		below;		/* fire when below (else above) */
	double		threshold;
	double		clear;		/* hysteresis level */
	int		has_clear;
	uint32_t	for_ms;		/* hold before firing */
	uint32_t	window_ms;	/* rate and forecast window */
	double		horizon_s;	/* forecast horizon */
	double		min_r2;		/* forecast fit needed */
	uint32_t	escalate_ms;	/* unacknowledged this long: escalate */
	int		has_for;	/* for given (else drift: drift_hold) */
	uint8_t		flap_transitions;	/* 0: never flaps */
	int		has_flap_transitions;	/* else [rules]' or 4 */
	uint32_t	flap_window_ms;	/* 0: [rules]' or 10 min */
	enum fohp_severity severity;
	char		words[FOHP_TEXT_MAX];	/* the rule in words */
	char		action[FOHP_TEXT_MAX];	/* suggested action */
	char		hook[VCONF_URL_MAX];	/* command run on approve */
	char		publish[VCONF_URL_MAX];	/* MQTT topic, or "" (issue 16) */
	char		webhook[VCONF_URL_MAX];	/* http:// URL, or "" */
	int		line;		/* where the section starts */
};

#define VCONF_KEYS_MAX	8	/* signing keys per operator */

/* [control] tcp = ...: control requests over tcp (tls+tcp, ws, wss). */
enum vconf_tcp {
	VCONF_TCP_REFUSE = 0,	/* none (the default) */
	VCONF_TCP_SIGNED,	/* only those with a valid signature */
	VCONF_TCP_ALLOW		/* unsigned too (a trusted LAN only) */
};

/* [tls] clients = ...: what a TLS listener asks of its peers. */
enum vconf_tls_clients {
	VCONF_TLS_NONE = 0,	/* no client certificate asked */
	VCONF_TLS_OPTIONAL,	/* verified if the client sends one */
	VCONF_TLS_REQUIRED	/* a certificate from [tls] ca, or no link */
};

/* Rights of an operator (bits). */
#define VCONF_RIGHT_ACK		0x01	/* ack, unack */
#define VCONF_RIGHT_SHELVE	0x02	/* shelve, unshelve */
#define VCONF_RIGHT_COMMENT	0x04
#define VCONF_RIGHT_APPROVE	0x08	/* approve suggested actions */
#define VCONF_RIGHT_ALL		0x0f

/* An [operator NAME] section. */
struct vconf_operator {
	char		id[FOHP_ID_MAX];	/* the name requests carry */
	long		uid;		/* ipc peer uid required, -1 = any */
	int		has_uid;
	unsigned	rights;		/* VCONF_RIGHT_*, default none */
	/* key = lines, and allowed_signers entries naming the operator. */
	unsigned	nkeys;
	struct sshsig_pubkey keys[VCONF_KEYS_MAX];
	uint64_t	key_after_ms[VCONF_KEYS_MAX];	/* valid-after, Unix
							   ms; 0: always */
	uint64_t	key_before_ms[VCONF_KEYS_MAX];	/* valid-before; 0:
							   never ends */
};

struct vconf_model {
	char		id[FOHP_ID_MAX];
	char		name[FOHP_NAME_MAX];
	char		method[FOHP_UNIT_MAX];	/* "psi" or "ks" */
	uint32_t	ref_n;			/* samples in the reference window */
	uint32_t	window_n;		/* samples in the current window */
	uint16_t	bins;			/* PSI bins */
	double		warn, crit;		/* thresholds */
};

/* [mqtt] (issue 16, vconf-mqtt.c): how a topic's messages become readings. */
#define VCONF_MQTT_MAPS_MAX	32	/* = MQTTLINK_SUBS_MAX (src/net) */
#define VCONF_MQTT_TOPIC_MAX	256	/* a filter, with its NUL */
enum vconf_mqtt_target {
	VCONF_MQTT_READINGS = 0,	/* readings = TOPIC: JSON readings */
	VCONF_MQTT_ZONE_COUNT,		/* value = TOPIC zone:ID count */
	VCONF_MQTT_METRIC,		/* value = TOPIC device:ID NAME */
	VCONF_MQTT_FLAG,		/* value = TOPIC device:ID flag:NAME */
	VCONF_MQTT_GATE_IN,		/* value = TOPIC gate:ID in/DURATION */
	VCONF_MQTT_GATE_OUT		/* value = TOPIC gate:ID out/DURATION */
};
struct vconf_mqtt_map {
	char		topic[VCONF_MQTT_TOPIC_MAX];	/* filter: + # */
	enum vconf_mqtt_target target;
	char		id[FOHP_ID_MAX];	/* zone, device or gate */
	char		name[FOHP_ID_MAX];	/* metric or flag name */
	uint32_t	interval_ms;		/* a gate's: 1 ms to 1 h */
	int		line;			/* in the config file */
};

struct vconf {
	char		id[FOHP_ID_MAX];
	struct fohp_layout layout;		/* name, grid, zones */
	char		stream[VCONF_URL_MAX];	/* PUB listen URL */
	char		control[VCONF_URL_MAX];	/* REP listen URL */
	uint32_t	hb_ms;			/* heartbeat interval */
	uint32_t	tick_ms;		/* simulator step */
	uint64_t	seed;			/* simulator seed */
	int		surge;			/* zone index that surges, -1 */
	int		simulate;		/* run the built-in simulator */
	int		drill;			/* fohd --drill (issue 15): set
						   by the program, never by the
						   file; marks all it makes */
	char		drill_file[FOHP_NAME_MAX];	/* its FILE's base
						   name, for alerts' source */

	uint16_t	ngates;
	struct vconf_gate gates[VCONF_GATES_MAX];
	uint16_t	ndevices;
	struct vconf_device devices[FOHP_DEVICES_MAX];
	uint16_t	nmodels;
	struct vconf_model models[FOHP_MODELS_MAX];

	char		ingest_listen[64];	/* "ADDR:PORT" or "" (none) */
	int		loopback_only;		/* no token on this listener */
	unsigned	ntokens;
	char		tokens[VCONF_TOKENS_MAX][VCONF_TOKEN_MAX];
	char		pull[VCONF_URL_MAX];	/* nng PULL URL or "" */
	struct vconf_cidr pull_allow[VCONF_ALLOW_MAX];	/* PULL peers allowed
							   beyond loopback */
	unsigned	npull_allow;
	uint32_t	max_frame;		/* WebSocket frame limit, bytes */
	uint32_t	max_conns;		/* HTTP+WS connections; 0 = from
						   RLIMIT_NOFILE */
	uint32_t	idle_timeout_ms;	/* idle connection closed after */

	double		zone_warn[FOHP_ZONES_MAX];	/* p/m2, 0 = by kind */
	double		zone_crit[FOHP_ZONES_MAX];
	uint16_t	nrules;
	struct vconf_rule rules[VCONF_RULES_MAX];
	/* [rules]: for every rule, defaults included, that does not set its
	 * own; "not given" takes the built-in value (rules.h). */
	uint8_t		flap_transitions;	/* 0: never flaps */
	int		has_flap_transitions;
	uint32_t	flap_window_ms;		/* 0: not given */
	uint32_t	drift_hold_ms;		/* hold of drift rules */
	int		has_drift_hold;
	double		drift_clear;		/* drift rules clear at this
						   share of their threshold;
						   0: not given */
	uint16_t	noperators;
	struct vconf_operator operators[VCONF_OPERATORS_MAX];
	enum vconf_tcp	control_tcp;		/* [control] tcp = */
	char		allowed_signers[VCONF_URL_MAX];	/* [control], or "" */
	uint32_t	sign_window_ms;		/* [control] window = (60 s):
						   a signed request's ts may
						   be this far from our clock */
	/* [tls]: for every tls+tcp:// and wss:// listener. */
	char		tls_cert[VCONF_URL_MAX];	/* PEM file, or "" */
	char		tls_key[VCONF_URL_MAX];
	char		tls_ca[VCONF_URL_MAX];	/* clients' CA, or "" */
	enum vconf_tls_clients tls_clients;
	int		tls_line;		/* where [tls] starts, or 0 */
	char		journal[VCONF_URL_MAX];	/* SQLite file, "" = none */
	/* [nats]: publish into a NATS JetStream stream and answer control on
	 * foh.ID.ctl (vconf-nats.c, PROTOCOL.md 14); url "" = off. */
	char		nats_url[VCONF_URL_MAX];	/* nats:// or tls:// */
	char		nats_ca[VCONF_URL_MAX];		/* PEM files, or "" */
	char		nats_cert[VCONF_URL_MAX];
	char		nats_key[VCONF_URL_MAX];
	char		nats_stream[FOHP_ID_MAX + 8];	/* default FOH_ID */
	char		nats_domain[FOHP_ID_MAX];	/* "" = ask the server */
	uint64_t	nats_max_age_ms;	/* stream retention: age */
	uint64_t	nats_max_bytes;		/* ... and size */
	uint64_t	nats_outbox_bytes;	/* held while NATS is down */
	int		nats_line;		/* where [nats] starts, or 0 */
	/* [history] (issue 15, vconf-history.c): the venue's state written
	 * to the journal every step, kept for retention. */
	uint32_t	history_step_ms;	/* 1 s to 1 h; 10 s */
	uint64_t	history_keep_ms;	/* retention, >= step; 30 d */
	int		history_enabled;	/* 1: write (needs a journal) */
	int		history_line;		/* where [history] starts, or 0 */
	/* [mqtt] (issue 16): the broker fohd takes readings from and
	 * publishes approved actions to; url "" = no MQTT. */
	char		mqtt_url[VCONF_URL_MAX];	/* mqtt:// or mqtts:// */
	char		mqtt_client_id[64];	/* default fohd-ID */
	char		mqtt_ca[VCONF_URL_MAX];		/* PEM files, or "" */
	char		mqtt_cert[VCONF_URL_MAX];
	char		mqtt_key[VCONF_URL_MAX];
	uint32_t	mqtt_keepalive_ms;	/* 5 s to 1 h; 30 s */
	int		mqtt_qos;		/* subscriptions': 0 or 1 (1) */
	unsigned	mqtt_nmaps;		/* readings = and value = */
	struct vconf_mqtt_map mqtt_maps[VCONF_MQTT_MAPS_MAX];
	int		mqtt_line;		/* where [mqtt] starts, or 0 */
	/* [mqtt] ends. */
	/* [actions] (issue 16, vconf-actions.c): where approved actions of
	 * zone and gate rules with no publish/webhook of their own go, and
	 * how deliveries are tried. */
	char		actions_publish[VCONF_URL_MAX];	/* MQTT topic, or "" */
	char		actions_webhook[VCONF_URL_MAX];	/* http:// URL, or "" */
	uint32_t	actions_retries;	/* after the first try; 3 */
	uint32_t	actions_timeout_ms;	/* per attempt; 5 s */
	uint32_t	actions_backoff_ms;	/* before the 1st retry; 1 s,
						   doubling */
	char		actions_warning[VCONF_URL_MAX + 64];	/* "FILE:LINE:
					   publish = with no [mqtt] url ...",
					   or "": fohd prints it */
	char		fingerprint[17];	/* the config file's: the first
						   16 hex digits of the SHA-256
						   of its bytes */
};

/* "yes" or "no" into *out (1 or 0); -1 for anything else. */
int	vconf_yesno(const char *s, int *out);

/* Is s a valid config id: 1 to FOHP_ID_MAX-1 bytes of a-z 0-9 _ -? */
int	vconf_valid_id(const char *s);

/* Index of a zone, gate, device or model by id; -1 if none. */
int	vconf_zone(const struct vconf *, const char *id);
int	vconf_gate(const struct vconf *, const char *id);
int	vconf_device(const struct vconf *, const char *id);
int	vconf_model(const struct vconf *, const char *id);
int	vconf_operator(const struct vconf *, const char *id);

/* How a control request reached the agent, for vconf_may. */
enum vconf_peer {
	VCONF_PEER_INPROC = 0,	/* same process (foh --demo) */
	VCONF_PEER_IPC,		/* a local socket: uid is known */
	VCONF_PEER_TCP		/* the network */
};

/*
 * May operator do an op needing right (VCONF_RIGHT_*), from this peer (uid
 * for ipc), signed (by a key vconf_signer accepted for the operator) or
 * not? NULL if so, else the reason, written into why. The policy: over
 * tcp (any network transport) only with [control] tcp = signed (then
 * signed only) or allow (unsigned too, but never for an operator pinned to
 * a uid or holding a key: vconf_unsigned), and a listed operator; with no
 * [operator] sections local peers may do everything; otherwise (even if
 * the only one is empty) the operator must be listed, hold the right, and
 * over ipc connect as its uid if set, signed or not.
 */
const char *vconf_may(const struct vconf *, const char *operator_name,
	    const char *op, unsigned right, enum vconf_peer peer, long uid,
	    int is_signed, char *why, size_t len);

/*
 * Is an unsigned request by this operator from this peer refused for
 * want of a signature? Over tcp: always under [control] tcp = signed,
 * and under allow for an operator pinned to a uid or holding a key. NULL
 * if not, else the reason in why.
 */
const char *vconf_unsigned(const struct vconf *, const char *operator_name,
	    enum vconf_peer peer, char *why, size_t len);

/* Why vconf_signer refuses a key. */
#define VCONF_SIGNER_UNKNOWN	(-1)	/* listed for nobody */
#define VCONF_SIGNER_OTHER	(-2)	/* listed for another operator */
#define VCONF_SIGNER_NOT_NOW	(-3)	/* the operator's, not valid now */

/*
 * A signature by key k verified: may it speak for operator_name at now_ms
 * (Unix ms)? The operator's index, or VCONF_SIGNER_* and why ("key
 * SHA256:... is not listed for any operator", "... is listed for bob, not
 * ana", or not valid now by allowed_signers' valid-after/valid-before).
 */
int	vconf_signer(const struct vconf *, const struct sshsig_pubkey *k,
	    const char *operator_name, uint64_t now_ms, char *why,
	    size_t len);

/* The word of a [control] tcp = value: "refuse", "signed" or "allow". */
const char *vconf_tcp_name(enum vconf_tcp);

/* Is an nng URL one that needs TLS (tls+tcp://, wss://)? 1 or 0. */
int	vconf_url_tls(const char *url);

/*
 * Is an nng URL reachable only from this host: ipc://, inproc://, or tcp
 * (ws, tls+tcp) on a loopback address (127.x, [::1], localhost)? 1 or 0.
 */
int	vconf_url_local(const char *url);

/*
 * Parse "ADDR" or "ADDR/BITS" (IPv4 or IPv6) into *out; 0, or -1 if it is
 * neither.
 */
int	vconf_cidr_parse(const char *s, struct vconf_cidr *out);

/*
 * Does the address (family 4 or 6, network byte order: 4 or 16 bytes) lie
 * in the network? An IPv4-mapped IPv6 address counts as IPv4. 1 or 0.
 */
int	vconf_cidr_match(const struct vconf_cidr *, int family,
	    const uint8_t *addr);

/*
 * Read a venue config from a file. On error returns -1 and writes
 * "FILE:LINE: what" into err.
 */
int	vconf_load_file(struct vconf *, const char *path, char *err,
	    size_t errlen);

/* The same from a string; name stands in for the file name in errors. */
int	vconf_load_string(struct vconf *, const char *name, const char *text,
	    char *err, size_t errlen);

#endif
