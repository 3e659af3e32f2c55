/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * mqttlink.h: one MQTT client connection (libmosquitto, MQTT 3.1.1) for
 * fohd (issue 16): it subscribes to the topics readings come on, hands
 * what arrives to fohd's thread, and publishes approved actions.
 *
 * The link has its own thread: it connects, and reconnects after a loss
 * with a backoff (1 s doubling to 30 s), subscribing again at every
 * connect (a clean session: nothing is kept by the broker while fohd is
 * away). What arrives is queued (at most MQTTLINK_QUEUE_MAX messages or
 * MQTTLINK_QUEUE_BYTES; more is dropped and counted) and the descriptor
 * of mqttlink_fd becomes readable; the owner's thread takes messages
 * with mqttlink_next. Publishing may be called from any thread; the
 * broker's PUBACK of a QoS 1 message is reported through the callback
 * set with mqttlink_on_published, on the link's thread.
 *
 * URLs: mqtt://[USER[:PASS]@]HOST[:PORT] (port 1883) or mqtts://...
 * (TLS, port 8883: the broker's certificate checked against ca, or the
 * system's CAs when ca is ""; a client certificate when cert and key are
 * given).
 */
#ifndef FOH_MQTTLINK_H
#define FOH_MQTTLINK_H

#include <stddef.h>
#include <stdint.h>

#define MQTTLINK_URL_MAX	256
#define MQTTLINK_TOPIC_MAX	256	/* a topic or filter, with its NUL */
#define MQTTLINK_SUBS_MAX	32
#define MQTTLINK_QUEUE_MAX	4096	/* messages waiting for the owner */
#define MQTTLINK_QUEUE_BYTES	(8u << 20)
#define MQTTLINK_PAYLOAD_MAX	(1u << 20)	/* larger: dropped, counted */

struct mqttlink_conf {
	char		url[MQTTLINK_URL_MAX];
	char		client_id[64];		/* "" : "fohd-" and the pid */
	char		log_prefix[64];		/* "fohd: club", for stderr */
	char		ca[MQTTLINK_URL_MAX];	/* PEM files, or "" */
	char		cert[MQTTLINK_URL_MAX];
	char		key[MQTTLINK_URL_MAX];
	unsigned	keepalive_s;		/* 0: 30 */
	unsigned	nsubs;
	char		subs[MQTTLINK_SUBS_MAX][MQTTLINK_TOPIC_MAX];
	int		sub_qos[MQTTLINK_SUBS_MAX];	/* 0 or 1 */
};

/* One message that arrived; topic and payload are NUL-terminated. */
struct mqttlink_msg {
	char		*topic;
	char		*payload;
	size_t		 len;		/* of payload, without its NUL */
	int		 qos;
	int		 retained;
	struct mqttlink_msg *next;
};

struct mqttlink_stats {
	int		connected;	/* now */
	uint64_t	connects;	/* successful, in all */
	uint64_t	losses;		/* connections lost */
	uint64_t	received;	/* messages taken from the broker */
	uint64_t	dropped;	/* the queue was full, or too large */
	uint64_t	published;	/* handed to the broker */
	uint64_t	acked;		/* PUBACKs (QoS 1) */
	char		last_error[160];	/* "" when none since connected */
};

struct mqttlink;

/*
 * Parse url: 0, or -1 with err naming what is wrong (scheme, host, port,
 * user). On success *tls says mqtts://.
 */
int	mqttlink_parse(const char *url, char *host, size_t hostlen,
	    int *port, int *tls, char *user, size_t userlen, char *pass,
	    size_t passlen, char *err, size_t errlen);

/*
 * Make the link and start its thread (it connects in the background;
 * a broker that is down is not an error here). NULL with err on a bad
 * URL, unreadable TLS files or no memory.
 */
struct mqttlink *mqttlink_open(const struct mqttlink_conf *, char *err,
	    size_t errlen);

/* Stop the thread, disconnect, free what is queued. NULL is fine. */
void	mqttlink_close(struct mqttlink *);

/* A descriptor readable while messages wait for mqttlink_next. */
int	mqttlink_fd(const struct mqttlink *);

/*
 * The next message that arrived, or NULL when none wait. The caller
 * frees it with mqttlink_msg_free.
 */
struct mqttlink_msg *mqttlink_next(struct mqttlink *);

void	mqttlink_msg_free(struct mqttlink_msg *);

/*
 * Publish payload on topic at qos (0 or 1), not retained. 0 with *mid
 * the message id (for QoS 1 its PUBACK is reported with that id), or -1
 * with err (not connected, a bad topic, payload too large).
 */
int	mqttlink_publish(struct mqttlink *, const char *topic,
	    const void *payload, size_t len, int qos, int *mid, char *err,
	    size_t errlen);

/*
 * fn(arg, mid) is called on the link's thread when the broker has
 * acknowledged the QoS 1 message mid (or at once after sending a QoS 0
 * one). Set it before publishing.
 */
void	mqttlink_on_published(struct mqttlink *, void (*fn)(void *arg,
	    int mid), void *arg);

/* A copy of the counters (any thread). */
void	mqttlink_stats(struct mqttlink *, struct mqttlink_stats *);

/*
 * Does topic match filter (MQTT's + and # wildcards; topics starting
 * with $ match no filter starting with a wildcard)? 1 or 0.
 */
int	mqttlink_match(const char *filter, const char *topic);

/* Is s a valid filter (1) or, with wild 0, a valid topic to publish? */
int	mqttlink_valid(const char *s, int wild);

#endif
