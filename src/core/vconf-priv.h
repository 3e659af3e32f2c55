/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-priv.h: what the files of the venue config module share (the
 * parse state, the value parsers and the key handlers); vconf.h is the
 * module's public face.
 */
#ifndef FOH_VCONF_PRIV_H
#define FOH_VCONF_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "vconf.h"

#define VCONF_DURATION_MAX	(7ULL * 86400000)	/* rule times: a week */

/*
 * One load's state, the cfg_parse handler's user pointer. The handler keeps
 * the line where each section starts (and of [ingest]'s pull) for the
 * checks that can only run on the whole file.
 */
struct vconf_parse {
	struct vconf	*c;
	char		 error[256];	/* first error, without file:line */
	int		 venue_seen;
	int		 stream_line;	/* the last stream = in [venue] */
	int		 control_line;	/* the last control = in [venue] */
	int		 zone_line[FOHP_ZONES_MAX];
	int		 gate_line[VCONF_GATES_MAX];
	int		 device_line[FOHP_DEVICES_MAX];
	int		 model_line[FOHP_MODELS_MAX];
	int		 ingest_line;	/* the first [ingest] */
	int		 pull_line;	/* the last pull = in [ingest] */
	int		 signers_line;	/* [control] allowed_signers = */
	int		 nats_url_line;	/* [nats] url = */
	int		 history_step_line;	/* [history] step = */
	int		 history_keep_line;	/* [history] retention = */
	int		 history_on_line;	/* [history] enabled = */
	int		 mqtt_url_line;	/* [mqtt] url = (issue 16) */
	/* Issue 16, actions (vconf-actions.c). */
	int		 line;		/* of the key being handled */
	int		 publish_line;	/* the first publish = anywhere */
};

/* Parse an unsigned integer in [lo, hi] (cfg_uint: digits only). */
int	vconf_uint(const char *s, unsigned long long lo, unsigned long long hi,
	    unsigned long long *out);

/* Parse a copy of a string into a fixed array; fails if too long. */
int	vconf_str(char *dst, size_t len, const char *s);

/* Parse n whole numbers separated by sep, each 0 to max. */
int	vconf_uints(const char *s, int	sep, unsigned n, unsigned max,
	    unsigned *out);

/* Parse a positive finite number no larger than max. */
int	vconf_double(const char *s, double max, double *out);

/* Parse a duration (cfg_duration's grammar) of at most max_ms, into ms. */
int	vconf_duration(const char *s, uint64_t max_ms, uint32_t *out);

/* Is s one of the words in list (NULL-terminated)? */
int	vconf_oneof(const char *s, const char *const *list);

/* Handle one key of [venue]; 0 with p->error on an error. */
int	vconf_venue_key(struct vconf_parse *p, const char *name,
	    const char *value);

/* Handle one key of [zone ID]. */
int	vconf_zone_key(struct vconf_parse *p, struct fohp_zone_def *z,
	    const char *name, const char *value);

/* Handle one key of [gate ID]. */
int	vconf_gate_key(struct vconf_parse *p, struct vconf_gate *g,
	    const char *name, const char *value);

/* Handle one key of [device ID]. */
int	vconf_device_key(struct vconf_parse *p, struct vconf_device *d,
	    const char *name, const char *value);

/* Handle one key of [model ID]. */
int	vconf_model_key(struct vconf_parse *p, struct vconf_model *m,
	    const char *name, const char *value);

/* Is "ADDR:PORT" a loopback IPv4 address and a port? */
int	vconf_listen_ok(const char *s, int	*loopback);

/* Handle one key of [ingest]. */
int	vconf_ingest_key(struct vconf_parse *p, const char *name,
	    const char *value);

/* Handle one key of [tls]. */
int	vconf_tls_key(struct vconf_parse *p, const char *name,
	    const char *value);

/* [tls] whole, and a certificate for every TLS listen URL. */
int	vconf_check_tls(struct vconf_parse *p, const char *name, char *err,
	    size_t errlen);

/* Parse a size (digits, then K, M, G or T) in [lo, hi], in bytes. */
int	vconf_size(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);

/* Handle one key of [nats] at line (vconf-nats.c). */
int	vconf_nats_key(struct vconf_parse *p, int line, const char *name,
	    const char *value);

/* The defaults of [nats]. */
void	vconf_nats_defaults(struct vconf *c);

/* [nats] whole, its stream's default name set: 0, or -1 with FILE:LINE. */
int	vconf_check_nats(struct vconf_parse *p, const char *name, char *err,
	    size_t errlen);

/* [history] (vconf-history.c): one key at line, the defaults, the whole. */
int	vconf_history_key(struct vconf_parse *p, int line, const char *name,
	    const char *value);
void	vconf_history_defaults(struct vconf *c);
int	vconf_check_history(struct vconf_parse *p, const char *name,
	    char *err, size_t errlen);

/* The config's fingerprint from its text (vconf-history.c). */
void	vconf_history_fingerprint(struct vconf *c, const char *text);

/* [mqtt] (vconf-mqtt.c, issue 16): one key at line, the defaults, the
 * whole; the URL and filter checks (mqttlink_parse's, mqttlink_valid's). */
int	vconf_mqtt_key(struct vconf_parse *p, int line, const char *name,
	    const char *value);
void	vconf_mqtt_defaults(struct vconf *c);
int	vconf_check_mqtt(struct vconf_parse *p, const char *name, char *err,
	    size_t errlen);
int	vconf_mqtt_url_ok(const char *url);
int	vconf_mqtt_filter_ok(const char *s);
/*
 * [actions] and the rules' targets (vconf-actions.c, issue 16): a topic
 * one may publish on (1 or 0); a webhook URL refused (-1, why) or not; a
 * publish = or webhook = of who ("rule bar", "[actions]") into dst; one
 * key of [actions]; the defaults; the whole-file warning.
 */
int	vconf_actions_topic_ok(const char *s);
int	vconf_actions_url_why(const char *s, char *why, size_t len);
int	vconf_actions_target(struct vconf_parse *p, const char *who,
	    const char *name, const char *value, char *dst, size_t len);
int	vconf_actions_key(struct vconf_parse *p, const char *name,
	    const char *value);
void	vconf_actions_defaults(struct vconf *c);
void	vconf_check_actions(struct vconf_parse *p, const char *name);

/* Handle one key of [rules]. */
int	vconf_rules_key(struct vconf_parse *p, const char *name,
	    const char *value);

/* Handle one key of [rule ID]. */
int	vconf_rule_key(struct vconf_parse *p, struct vconf_rule *r,
	    const char *name, const char *value);

/* Handle one key of [operator NAME]. */
int	vconf_operator_key(struct vconf_parse *p, struct vconf_operator *o,
	    const char *name, const char *value);

/* Handle one key of [control] or [journal]. */
int	vconf_misc_key(struct vconf_parse *p, const char *section,
	    const char *name, const char *value);

/* Handle key = in [operator NAME] (vconf-signers.c). */
int	vconf_signers_key(struct vconf_parse *p, struct vconf_operator *o,
	    const char *value);

/*
 * Read [control] allowed_signers once the whole config is read (every
 * operator known): 0, or -1 and "FILE:LINE: why" in err.
 */
int	vconf_signers_load(struct vconf_parse *p, const char *name, char *err,
	    size_t errlen);

/* OpenSSH's match_pattern_list: 1 match, -1 negated match, 0 none. */
int	vconf_pattern_list(const char *s, const char *list);

/* Whole-file checks after parsing: 0, or -1 with FILE:LINE in err. */
int	vconf_check(struct vconf_parse *p, const char *name, char *err,
	    size_t errlen);

#endif
