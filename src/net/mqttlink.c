/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * mqttlink.c: one MQTT client connection (see mqttlink.h). The link's
 * thread owns the connection: it connects without blocking
 * (mosquitto_connect_async), runs mosquitto_loop, and after a failure or
 * a loss waits (1 s, doubling to 30 s; a broker that takes the TCP
 * connection but gives no CONNACK within MQTTLINK_CONNACK_MS counts as a
 * failure) before it reconnects. libmosquitto is told it is threaded, so
 * that mosquitto_publish may be called from the owner's threads.
 *
 * The link logs to stderr, with the prefix the owner gave: the first
 * connect, each loss, and a failure to connect when its reason changes
 * (not once per retry).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mosquitto.h>

#include "mqttlink.h"
#include "lib/clock.h"
#include "lib/text.h"
#include "lib/url.h"

#define MQTTLINK_BACKOFF_MIN_MS	1000
#define MQTTLINK_BACKOFF_MAX_MS	30000
#define MQTTLINK_CONNACK_MS	10000
#define MQTTLINK_LOOP_MS	100

struct mqttlink {
	struct mqttlink_conf	 conf;
	char			 host[MQTTLINK_URL_MAX];
	int			 port;
	struct mosquitto	*mosq;
	pthread_t		 thread;
	int			 started;
	pthread_mutex_t		 mtx;
	pthread_cond_t		 cond;
	int			 stop;
	int			 wake[2];	/* readable: messages wait */
	struct mqttlink_msg	*head, *tail;
	unsigned		 nq;
	size_t			 qbytes;
	struct mqttlink_stats	 st;
	char			 logged[160];	/* the last failure logged */
	void			(*published)(void *, int);
	void			*published_arg;
	/* The link's thread only. */
	int			 sock_up;	/* a connection is in progress
						   or made */
	uint64_t		 sock_since;	/* when it began, mono ms */
	uint64_t		 backoff_ms;
	int			 ever;		/* connected once */
};

static pthread_once_t	mqttlink_once = PTHREAD_ONCE_INIT;

/* Initialise libmosquitto once per process. */
static void
mqttlink_lib_init(void)
{
	(void)mosquitto_lib_init();
}

/* Is s a valid filter (1) or, with wild 0, a valid topic to publish? */
int
mqttlink_valid(const char *s, int wild)
{
	return (s != NULL && url_mqtt_topic_ok(s, wild, MQTTLINK_TOPIC_MAX));
}

/* Does topic match filter? 1 or 0. */
int
mqttlink_match(const char *filter, const char *topic)
{
	bool	r = false;

	if (mosquitto_topic_matches_sub(filter, topic, &r) != MOSQ_ERR_SUCCESS)
		return (0);
	return (r ? 1 : 0);
}

/* Split url into host, port, TLS, user and password: 0, or -1 with err. */
int
mqttlink_parse(const char *url, char *host, size_t hostlen, int *port,
    int *tls, char *user, size_t userlen, char *pass, size_t passlen,
    char *err, size_t errlen)
{
	static const char *const schemes[] = { "mqtt", "mqtts", NULL };
	struct url	u;
	char		safe[MQTTLINK_URL_MAX];
	const char	*shown = text_url_safe(safe, sizeof(safe), url);

	if (url_split(url, schemes, &u, err, errlen) != 0)
		return (-1);
	if (u.path[0] != '\0' && strcmp(u.path, "/") != 0) {
		text_error(err, errlen, "%s: a path, query or fragment (an "
		    "MQTT URL is only the broker)", shown);
		return (-1);
	}
	if (strlen(u.host) >= hostlen || strlen(u.user) >= userlen ||
	    strlen(u.pass) >= passlen) {
		text_error(err, errlen, "%s: too long", shown);
		return (-1);
	}
	*tls = u.scheme == 1;
	*port = u.port != 0 ? u.port : *tls ? 8883 : 1883;
	text_copy(host, hostlen, u.host);
	text_copy(user, userlen, u.user);
	text_copy(pass, passlen, u.pass);
	return (0);
}

/* Log a line with the owner's prefix. */
static void
mqttlink_log(const struct mqttlink *l, const char *level, const char *what)
{
	fprintf(stderr, "%s: %s: mqtt %s:%d: %s\n", l->conf.log_prefix[0] !=
	    '\0' ? l->conf.log_prefix : "mqtt", level, l->host, l->port, what);
}

/* Record why the link is down; log it if the reason changed. Locked. */
static void
mqttlink_failed(struct mqttlink *l, const char *why)
{
	text_copy(l->st.last_error, sizeof(l->st.last_error), why);
	if (strcmp(l->logged, why) != 0) {
		text_copy(l->logged, sizeof(l->logged), why);
		mqttlink_log(l, "warning", why);
	}
}

/* libmosquitto: the broker's CONNACK. */
static void
mqttlink_on_connect(struct mosquitto *m, void *arg, int rc)
{
	struct mqttlink	*l = arg;
	unsigned	 i;
	char		 why[160];

	pthread_mutex_lock(&l->mtx);
	if (rc != 0) {
		snprintf(why, sizeof(why), "refused by the broker: %s",
		    mosquitto_connack_string(rc));
		mqttlink_failed(l, why);
		pthread_mutex_unlock(&l->mtx);
		return;
	}
	l->st.connected = 1;
	l->st.connects++;
	l->st.last_error[0] = '\0';
	l->logged[0] = '\0';
	l->backoff_ms = MQTTLINK_BACKOFF_MIN_MS;
	mqttlink_log(l, "info", l->ever ? "connected again" : "connected");
	l->ever = 1;
	pthread_mutex_unlock(&l->mtx);
	for (i = 0; i < l->conf.nsubs; i++) {
		rc = mosquitto_subscribe(m, NULL, l->conf.subs[i],
		    l->conf.sub_qos[i]);
		if (rc != MOSQ_ERR_SUCCESS) {
			snprintf(why, sizeof(why), "cannot subscribe to %s: "
			    "%s", l->conf.subs[i], mosquitto_strerror(rc));
			mqttlink_log(l, "warning", why);
		}
	}
}

/* libmosquitto: the connection ended. */
static void
mqttlink_on_disconnect(struct mosquitto *m, void *arg, int rc)
{
	struct mqttlink	*l = arg;
	char		 why[160];

	(void)m;
	pthread_mutex_lock(&l->mtx);
	if (l->st.connected) {
		l->st.connected = 0;
		l->st.losses++;
		snprintf(why, sizeof(why), "connection lost: %s", rc == 0 ?
		    "closed" : mosquitto_strerror(rc));
		mqttlink_failed(l, why);
	}
	pthread_mutex_unlock(&l->mtx);
}

/*
 * Say a dropped message: its topic and why, at the 1st, 10th, 100th ...
 * drop (a flood is not a line a message). Locked.
 */
static void
mqttlink_dropped(struct mqttlink *l, const char *topic, size_t len)
{
	uint64_t	n;
	char		why[256];

	for (n = l->st.dropped; n % 10 == 0; n /= 10)
		;
	if (n != 1)
		return;
	snprintf(why, sizeof(why), "dropped a message on topic %.100s: %s "
	    "(%llu dropped in all)", topic, len > MQTTLINK_PAYLOAD_MAX ?
	    "larger than 1 MiB" : "the queue is full",
	    (unsigned long long)l->st.dropped);
	mqttlink_log(l, "warning", why);
}

/* libmosquitto: a message arrived; queue a copy for the owner. */
static void
mqttlink_on_message(struct mosquitto *m, void *arg,
    const struct mosquitto_message *msg)
{
	struct mqttlink		*l = arg;
	struct mqttlink_msg	*q;
	size_t			 tl = strlen(msg->topic);
	size_t			 len = msg->payloadlen > 0 ?
				    (size_t)msg->payloadlen : 0;
	char			 c = 1;

	(void)m;
	pthread_mutex_lock(&l->mtx);
	if (len > MQTTLINK_PAYLOAD_MAX || l->nq >= MQTTLINK_QUEUE_MAX ||
	    l->qbytes + len + tl > MQTTLINK_QUEUE_BYTES ||
	    (q = calloc(1, sizeof(*q) + tl + 1 + len + 1)) == NULL) {
		l->st.dropped++;
		mqttlink_dropped(l, msg->topic, len);
		pthread_mutex_unlock(&l->mtx);
		return;
	}
	q->topic = (char *)(q + 1);
	memcpy(q->topic, msg->topic, tl + 1);
	q->payload = q->topic + tl + 1;
	if (len > 0)
		memcpy(q->payload, msg->payload, len);
	q->payload[len] = '\0';
	q->len = len;
	q->qos = msg->qos;
	q->retained = msg->retain ? 1 : 0;
	if (l->tail != NULL)
		l->tail->next = q;
	else
		l->head = q;
	l->tail = q;
	if (l->nq++ == 0)
		(void)write(l->wake[1], &c, 1);
	l->qbytes += len + tl;
	l->st.received++;
	pthread_mutex_unlock(&l->mtx);
}

/* libmosquitto: a QoS 1 message was acknowledged (or QoS 0 sent). */
static void
mqttlink_on_publish(struct mosquitto *m, void *arg, int mid)
{
	struct mqttlink	*l = arg;
	void		(*fn)(void *, int);
	void		*fa;

	(void)m;
	pthread_mutex_lock(&l->mtx);
	l->st.acked++;
	fn = l->published;
	fa = l->published_arg;
	pthread_mutex_unlock(&l->mtx);
	if (fn != NULL)
		fn(fa, mid);
}

/* Wait up to ms, or until the link is stopped. 1 if stopped. */
static int
mqttlink_wait(struct mqttlink *l, uint64_t ms)
{
	struct timespec	ts;
	int		stop;

	clock_deadline(&ts, CLOCK_REALTIME, ms);
	pthread_mutex_lock(&l->mtx);
	while (!l->stop && pthread_cond_timedwait(&l->cond, &l->mtx,
	    &ts) == 0)
		;
	stop = l->stop;
	pthread_mutex_unlock(&l->mtx);
	return (stop);
}

/* The connection failed or was lost: close it and wait before again. */
static int
mqttlink_down(struct mqttlink *l, const char *why)
{
	uint64_t	wait;

	(void)mosquitto_disconnect(l->mosq);
	l->sock_up = 0;
	pthread_mutex_lock(&l->mtx);
	if (l->st.connected) {
		l->st.connected = 0;
		l->st.losses++;
	}
	mqttlink_failed(l, why);
	wait = l->backoff_ms;
	l->backoff_ms = l->backoff_ms * 2 > MQTTLINK_BACKOFF_MAX_MS ?
	    MQTTLINK_BACKOFF_MAX_MS : l->backoff_ms * 2;
	pthread_mutex_unlock(&l->mtx);
	return (mqttlink_wait(l, wait));
}

/* The link's thread: connect, loop, reconnect. */
static void *
mqttlink_main(void *arg)
{
	struct mqttlink	*l = arg;
	char		 why[160];
	int		 rc, connected;

	for (;;) {
		pthread_mutex_lock(&l->mtx);
		rc = l->stop;
		connected = l->st.connected;
		pthread_mutex_unlock(&l->mtx);
		if (rc)
			break;
		if (!l->sock_up) {
			rc = l->ever || l->sock_since != 0 ?
			    mosquitto_reconnect_async(l->mosq) :
			    mosquitto_connect_async(l->mosq, l->host, l->port,
			    (int)(l->conf.keepalive_s ? l->conf.keepalive_s :
			    30));
			l->sock_since = clock_mono_ms();
			if (rc != MOSQ_ERR_SUCCESS) {
				snprintf(why, sizeof(why), "cannot connect: "
				    "%s", rc == MOSQ_ERR_ERRNO ?
				    strerror(errno) : mosquitto_strerror(rc));
				if (mqttlink_down(l, why))
					break;
				continue;
			}
			l->sock_up = 1;
		}
		rc = mosquitto_loop(l->mosq, MQTTLINK_LOOP_MS, 1);
		if (rc != MOSQ_ERR_SUCCESS) {
			snprintf(why, sizeof(why), "%s: %s", connected ?
			    "connection lost" : "cannot connect",
			    rc == MOSQ_ERR_ERRNO ? strerror(errno) :
			    mosquitto_strerror(rc));
			if (mqttlink_down(l, why))
				break;
		} else if (!connected && clock_mono_ms() - l->sock_since >
		    MQTTLINK_CONNACK_MS) {
			if (mqttlink_down(l, "cannot connect: no answer to "
			    "CONNECT"))
				break;
		}
	}
	if (l->sock_up)
		(void)mosquitto_disconnect(l->mosq);
	return (NULL);
}

/* Make the link and start its thread; NULL with err. */
struct mqttlink *
mqttlink_open(const struct mqttlink_conf *c, char *err, size_t errlen)
{
	struct mqttlink	*l;
	char		 user[128], pass[128], id[64];
	char		 safe[MQTTLINK_URL_MAX];
	int		 tls, rc, fl;

	pthread_once(&mqttlink_once, mqttlink_lib_init);
	if ((l = calloc(1, sizeof(*l))) == NULL) {
		text_error(err, errlen, "mqtt: out of memory");
		return (NULL);
	}
	l->conf = *c;
	l->wake[0] = l->wake[1] = -1;
	pthread_mutex_init(&l->mtx, NULL);
	pthread_cond_init(&l->cond, NULL);
	l->backoff_ms = MQTTLINK_BACKOFF_MIN_MS;
	if (mqttlink_parse(c->url, l->host, sizeof(l->host), &l->port, &tls,
	    user, sizeof(user), pass, sizeof(pass), err, errlen) != 0)
		goto fail;
	if (pipe(l->wake) != 0) {
		text_error(err, errlen, "mqtt: pipe: %s", strerror(errno));
		goto fail;
	}
	fl = fcntl(l->wake[0], F_GETFL);
	(void)fcntl(l->wake[0], F_SETFL, fl | O_NONBLOCK);
	(void)fcntl(l->wake[0], F_SETFD, FD_CLOEXEC);
	(void)fcntl(l->wake[1], F_SETFD, FD_CLOEXEC);
	if (c->client_id[0] != '\0')
		text_copy(id, sizeof(id), c->client_id);
	else
		snprintf(id, sizeof(id), "fohd-%ld", (long)getpid());
	if ((l->mosq = mosquitto_new(id, true, l)) == NULL) {
		text_error(err, errlen, "mqtt: %s", strerror(errno));
		goto fail;
	}
	(void)mosquitto_int_option(l->mosq, MOSQ_OPT_PROTOCOL_VERSION,
	    MQTT_PROTOCOL_V311);
	(void)mosquitto_threaded_set(l->mosq, true);
	if (*user != '\0' && mosquitto_username_pw_set(l->mosq, user,
	    *pass != '\0' ? pass : NULL) != MOSQ_ERR_SUCCESS) {
		text_error(err, errlen, "mqtt: %s: bad user", text_url_safe(
		    safe, sizeof(safe), c->url));
		goto fail;
	}
	if (tls && (rc = mosquitto_tls_set(l->mosq, c->ca[0] != '\0' ? c->ca :
	    NULL, c->ca[0] != '\0' ? NULL : "/etc/ssl/certs",
	    c->cert[0] != '\0' ? c->cert : NULL, c->key[0] != '\0' ? c->key :
	    NULL, NULL)) != MOSQ_ERR_SUCCESS) {
		text_error(err, errlen, "mqtt: TLS files (ca %s, cert %s, key "
		    "%s): %s", c->ca[0] != '\0' ? c->ca : "the system's",
		    c->cert[0] != '\0' ? c->cert : "none", c->key[0] != '\0' ?
		    c->key : "none", mosquitto_strerror(rc));
		goto fail;
	}
	mosquitto_connect_callback_set(l->mosq, mqttlink_on_connect);
	mosquitto_disconnect_callback_set(l->mosq, mqttlink_on_disconnect);
	mosquitto_message_callback_set(l->mosq, mqttlink_on_message);
	mosquitto_publish_callback_set(l->mosq, mqttlink_on_publish);
	if (pthread_create(&l->thread, NULL, mqttlink_main, l) != 0) {
		text_error(err, errlen, "mqtt: cannot start its thread");
		goto fail;
	}
	l->started = 1;
	return (l);
fail:
	mqttlink_close(l);
	return (NULL);
}

/* Stop the thread, disconnect, free what is queued. */
void
mqttlink_close(struct mqttlink *l)
{
	struct mqttlink_msg	*q, *next;

	if (l == NULL)
		return;
	if (l->started) {
		pthread_mutex_lock(&l->mtx);
		l->stop = 1;
		pthread_cond_broadcast(&l->cond);
		pthread_mutex_unlock(&l->mtx);
		pthread_join(l->thread, NULL);
	}
	if (l->mosq != NULL)
		mosquitto_destroy(l->mosq);
	for (q = l->head; q != NULL; q = next) {
		next = q->next;
		free(q);
	}
	if (l->wake[0] >= 0)
		close(l->wake[0]);
	if (l->wake[1] >= 0)
		close(l->wake[1]);
	pthread_cond_destroy(&l->cond);
	pthread_mutex_destroy(&l->mtx);
	free(l);
}

/* A descriptor readable while messages wait. */
int
mqttlink_fd(const struct mqttlink *l)
{
	return (l->wake[0]);
}

/* The next message that arrived, or NULL. */
struct mqttlink_msg *
mqttlink_next(struct mqttlink *l)
{
	struct mqttlink_msg	*q;
	char			 buf[64];

	pthread_mutex_lock(&l->mtx);
	if ((q = l->head) != NULL) {
		if ((l->head = q->next) == NULL)
			l->tail = NULL;
		q->next = NULL;
		l->nq--;
		l->qbytes -= q->len + strlen(q->topic);
	}
	if (l->nq == 0)
		while (read(l->wake[0], buf, sizeof(buf)) > 0)
			;
	pthread_mutex_unlock(&l->mtx);
	return (q);
}

/* Free a message mqttlink_next gave. */
void
mqttlink_msg_free(struct mqttlink_msg *q)
{
	free(q);
}

/* Publish payload on topic: 0 with *mid, or -1 with err. */
int
mqttlink_publish(struct mqttlink *l, const char *topic, const void *payload,
    size_t len, int qos, int *mid, char *err, size_t errlen)
{
	int	rc, connected;
	char	why[160];

	if (!mqttlink_valid(topic, 0)) {
		text_error(err, errlen, "%s: not a topic to publish on",
		    topic);
		return (-1);
	}
	if (len > MQTTLINK_PAYLOAD_MAX) {
		text_error(err, errlen, "payload of %zu bytes: more than %u",
		    len, MQTTLINK_PAYLOAD_MAX);
		return (-1);
	}
	pthread_mutex_lock(&l->mtx);
	connected = l->st.connected;
	text_copy(why, sizeof(why), l->st.last_error);
	pthread_mutex_unlock(&l->mtx);
	if (!connected) {
		text_error(err, errlen, "not connected to the broker%s%s",
		    why[0] != '\0' ? ": " : "", why);
		return (-1);
	}
	rc = mosquitto_publish(l->mosq, mid, topic, (int)len, payload,
	    qos > 0 ? 1 : 0, false);
	if (rc != MOSQ_ERR_SUCCESS) {
		text_error(err, errlen, "%s", rc == MOSQ_ERR_ERRNO ?
		    strerror(errno) : mosquitto_strerror(rc));
		return (-1);
	}
	pthread_mutex_lock(&l->mtx);
	l->st.published++;
	pthread_mutex_unlock(&l->mtx);
	return (0);
}

/* Set the callback for acknowledged publications. */
void
mqttlink_on_published(struct mqttlink *l, void (*fn)(void *, int), void *arg)
{
	pthread_mutex_lock(&l->mtx);
	l->published = fn;
	l->published_arg = arg;
	pthread_mutex_unlock(&l->mtx);
}

/* A copy of the counters. */
void
mqttlink_stats(struct mqttlink *l, struct mqttlink_stats *out)
{
	pthread_mutex_lock(&l->mtx);
	*out = l->st;
	pthread_mutex_unlock(&l->mtx);
}
