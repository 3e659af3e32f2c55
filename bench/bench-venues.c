/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * bench-venues.c: many light venues in one process, for measuring a
 * console watching hundreds of them (bench/bench-venues.py).
 *
 * Each venue speaks the protocol with the proto/ encoder as fohd would,
 * but has nothing to evaluate: a hello, a layout of Z zones in a row, a
 * sample of every zone each 1/HZ s (spread over the second, venue by
 * venue), a heartbeat each second, and answers to snapshot requests (the
 * hello, the layout and the latest samples; other ops get an error).
 *
 * Over nng (DIR): venue vNNNN publishes on ipc://DIR/vNNNN.pub and answers
 * on ipc://DIR/vNNNN.ctl (the console derives that control URL), polled by
 * the one thread. Over NATS (nats://HOST:PORT): one connection; stream
 * messages on foh.vNNNN.KIND with the headers of PROTOCOL.md 14.2 (there
 * is no JetStream stream: Foh-Stream-Seq is the venue's seq, as if its
 * stream held it alone), requests on foh.*.ctl through one subscription
 * whose callback runs on nats.c's delivery thread; the lock below guards
 * what both threads use (the venues' seq and samples).
 *
 * It prints "ready N" once every venue listens (or is subscribed), then
 * "answered N" each second the count of snapshot answers grew, and runs
 * until SIGTERM or SIGINT, then prints what it sent.
 *
 * usage: bench-venues [-z ZONES] [-r HZ] DIR|nats://HOST:PORT COUNT
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nats/nats.h>
#include <nng/nng.h>

#include "lib/clock.h"
#include "net/transport.h"
#include "proto/foh-proto.h"

#define BV_HB_MS	1000

struct bv_venue {
	char		id[FOHP_ID_MAX];
	nng_socket	pub, rep;
	int		rep_fd;
	uint64_t	seq;
	uint64_t	next_ms;	/* next round of zone samples */
	uint64_t	next_hb;
	struct fohp_zone *last;		/* its zones' latest samples */
};

struct bv {
	unsigned		 n, zones, hz;
	struct bv_venue		*v;
	uint64_t		 epoch;
	natsConnection		*nc;	/* NULL: nng */
	pthread_mutex_t		 lock;	/* v[].seq, v[].last: both threads */
	struct fohp_msg		*out;	/* the main thread's */
	msgpack_sbuffer		 buf;
	uint64_t		 sent, bytes, answered;
};

static volatile sig_atomic_t	bv_stop;

/* SIGTERM, SIGINT: end the loop. */
static void
bv_signal(int sig)
{
	(void)sig;
	bv_stop = 1;
}

/* Fill m's envelope for venue v (seq left to the caller). */
static void
bv_envelope(const struct bv *b, const struct bv_venue *v, struct fohp_msg *m,
    enum fohp_kind kind)
{
	memset(m, 0, offsetof(struct fohp_msg, u));
	m->v = FOHP_VERSION;
	snprintf(m->venue, sizeof(m->venue), "%s", v->id);
	m->epoch = b->epoch;
	m->ts_ms = clock_wall_ms();
	m->kind = kind;
}

/* The hello (and heartbeat) body of venue v. */
static void
bv_hello(const struct bv_venue *v, struct fohp_hello *h, uint64_t up)
{
	memset(h, 0, sizeof(*h));
	snprintf(h->agent, sizeof(h->agent), "bench-venues %s", VERSION);
	snprintf(h->name, sizeof(h->name), "Bench %s", v->id);
	h->hb_ms = BV_HB_MS;
	h->uptime_ms = up;
}

/* The layout of b's venue v: zones in rows of 16 on a 64-wide grid. */
static void
bv_layout(const struct bv *b, const struct bv_venue *v, struct fohp_layout *l)
{
	unsigned	i;

	memset(l, 0, offsetof(struct fohp_layout, zones));
	snprintf(l->name, sizeof(l->name), "Bench %s", v->id);
	l->grid_w = 64;
	l->grid_h = (uint16_t)(4 * ((b->zones + 15) / 16));
	l->nzones = (uint16_t)b->zones;
	for (i = 0; i < b->zones; i++) {
		struct fohp_zone_def *z = &l->zones[i];

		memset(z, 0, sizeof(*z));
		snprintf(z->id, sizeof(z->id), "z%03u", i);
		snprintf(z->name, sizeof(z->name), "Zone %u", i);
		z->x = (uint16_t)(4 * (i % 16));
		z->y = (uint16_t)(4 * (i / 16));
		z->w = z->h = 4;
		z->area_m2 = 100;
		z->kind = FOHP_ZK_STANDING;
		z->capacity = 300;
	}
}

/* A new sample for zone i of venue number k at now (wall ms). */
static void
bv_sample(struct fohp_zone *z, unsigned k, unsigned i, uint64_t now)
{
	double	phase = (double)(now % 600000) / 600000.0 * 2 * M_PI;

	memset(z, 0, sizeof(*z));
	snprintf(z->zone, sizeof(z->zone), "z%03u", i);
	z->count = (uint32_t)(100 + 80 * sin(phase + k * 0.37 + i * 0.11));
	z->density = z->count / 100.0;
	z->band = z->density < 0.5 ? 'A' : z->density < 1.0 ? 'B' : 'C';
	z->t_ms = now;
}

/* Publish the message in b->out for venue v: nng PUB or a NATS subject. */
static void
bv_publish(struct bv *b, struct bv_venue *v)
{
	struct fohp_msg	*m = b->out;
	struct fohp_err	 err;
	natsMsg		*nm;
	char		 subj[128], num[32];

	pthread_mutex_lock(&b->lock);
	m->seq = ++v->seq;
	pthread_mutex_unlock(&b->lock);
	msgpack_sbuffer_clear(&b->buf);
	if (fohp_encode(&b->buf, m, b->nc == NULL, &err) != FOHP_OK) {
		fprintf(stderr, "bench-venues: encode %s: %s\n", err.field,
		    err.text);
		exit(1);
	}
	if (b->nc == NULL) {
		if (nng_send(v->pub, b->buf.data, b->buf.size,
		    NNG_FLAG_NONBLOCK) != 0)
			return;
	} else {
		snprintf(subj, sizeof(subj), "foh.%s.%s", v->id,
		    fohp_kind_name(m->kind));
		if (natsMsg_Create(&nm, subj, NULL, b->buf.data,
		    (int)b->buf.size) != NATS_OK)
			return;
		snprintf(num, sizeof(num), "%" PRIu64, m->epoch);
		natsMsgHeader_Set(nm, "Foh-Epoch", num);
		snprintf(num, sizeof(num), "%" PRIu64, m->seq);
		natsMsgHeader_Set(nm, "Foh-Seq", num);
		natsMsgHeader_Set(nm, "Foh-Stream-Seq", num);
		snprintf(num, sizeof(num), "%" PRIu64, m->seq - 1);
		natsMsgHeader_Set(nm, "Nats-Expected-Last-Sequence", num);
		snprintf(subj, sizeof(subj), "%s.%" PRIu64 ".%" PRIu64, v->id,
		    m->epoch, m->seq);
		natsMsgHeader_Set(nm, "Nats-Msg-Id", subj);
		(void)natsConnection_PublishMsg(b->nc, nm);
		natsMsg_Destroy(nm);
	}
	b->sent++;
	b->bytes += b->buf.size;
}

/*
 * The answer to request data (len bytes) for venue v into buf, encoded
 * with m and dec (the calling thread's): a snapshot, or an error.
 * 0, or -1 if the request does not decode.
 */
static int
bv_answer(struct bv *b, struct bv_venue *v, struct fohp_decoder *dec,
    struct fohp_msg *m, msgpack_sbuffer *buf, const void *data, size_t len)
{
	struct fohp_err		 err;
	struct fohp_snapshot	*sn = &m->u.snapshot;
	uint64_t		 id;
	int			 snap;

	if (fohp_decode(dec, data, len, 0, m, &err) != FOHP_OK ||
	    m->kind != FOHP_REQUEST)
		return (-1);
	id = m->u.request.id;
	snap = strcmp(m->u.request.op, "snapshot") == 0;
	bv_envelope(b, v, m, snap ? FOHP_SNAPSHOT : FOHP_ERROR);
	if (snap) {
		memset(sn, 0, offsetof(struct fohp_snapshot, open));
		bv_hello(v, &sn->hello, clock_wall_ms() - b->epoch);
		bv_layout(b, v, &sn->layout);
		sn->id = id;
		pthread_mutex_lock(&b->lock);
		m->seq = v->seq;
		sn->nzones = (uint16_t)b->zones;
		memcpy(sn->zones, v->last, b->zones * sizeof(*v->last));
		pthread_mutex_unlock(&b->lock);
	} else {
		memset(&m->u.error, 0, sizeof(m->u.error));
		m->u.error.id = id;
		snprintf(m->u.error.code, sizeof(m->u.error.code),
		    "unsupported");
		snprintf(m->u.error.text, sizeof(m->u.error.text),
		    "a bench venue answers snapshot requests only");
	}
	msgpack_sbuffer_clear(buf);
	return (fohp_encode(buf, m, 0, &err) == FOHP_OK ? 0 : -1);
}

/* State the NATS callback keeps: its thread's decoder and scratch. */
struct bv_nats_cb {
	struct bv		*b;
	struct fohp_decoder	 dec;
	struct fohp_msg		*m;
	msgpack_sbuffer		 buf;
};

/* nats.c's delivery thread: a request on foh.VENUE.ctl; answer it. */
static void
bv_nats_request(natsConnection *nc, natsSubscription *sub, natsMsg *msg,
    void *arg)
{
	struct bv_nats_cb	*cb = arg;
	struct bv		*b = cb->b;
	const char		*subj = natsMsg_GetSubject(msg), *id;
	natsMsg			*ans;
	unsigned		 k;

	(void)sub;
	id = subj + 4;	/* foh.vNNNN.ctl */
	if (natsMsg_GetReply(msg) == NULL || sscanf(id, "v%4u.", &k) != 1 ||
	    k >= b->n)
		goto done;
	if (bv_answer(b, &b->v[k], &cb->dec, cb->m, &cb->buf,
	    natsMsg_GetData(msg), (size_t)natsMsg_GetDataLength(msg)) != 0)
		goto done;
	if (natsMsg_Create(&ans, natsMsg_GetReply(msg), NULL, cb->buf.data,
	    (int)cb->buf.size) != NATS_OK)
		goto done;
	natsMsgHeader_Set(ans, "Foh-Stream", "FOH_BENCH");
	natsMsgHeader_Set(ans, "Foh-Domain", "");
	(void)natsConnection_PublishMsg(nc, ans);
	natsMsg_Destroy(ans);
	pthread_mutex_lock(&b->lock);
	b->answered++;
	pthread_mutex_unlock(&b->lock);
done:
	natsMsg_Destroy(msg);
}

/* Answer what waits on venue v's REP socket (nng). */
static void
bv_nng_requests(struct bv *b, struct bv_venue *v, struct fohp_decoder *dec,
    struct fohp_msg *m, msgpack_sbuffer *buf)
{
	void	*data;
	size_t	 len;

	while (nng_recv(v->rep, &data, &len, NNG_FLAG_ALLOC |
	    NNG_FLAG_NONBLOCK) == 0) {
		if (bv_answer(b, v, dec, m, buf, data, len) == 0 &&
		    nng_send(v->rep, buf->data, buf->size, 0) == 0) {
			pthread_mutex_lock(&b->lock);
			b->answered++;
			pthread_mutex_unlock(&b->lock);
		}
		nng_free(data, len);
	}
}

/* Listen (nng) for every venue under dir. */
static int
bv_listen(struct bv *b, const char *dir)
{
	char		url[512], err[512];
	unsigned	i;

	for (i = 0; i < b->n; i++) {
		snprintf(url, sizeof(url), "ipc://%s/%s.pub", dir, b->v[i].id);
		if (transport_pub_listen(&b->v[i].pub, url, NULL, NULL, err,
		    sizeof(err)) != 0)
			goto fail;
		snprintf(url, sizeof(url), "ipc://%s/%s.ctl", dir, b->v[i].id);
		if (transport_rep_listen(&b->v[i].rep, url, NULL, NULL, err,
		    sizeof(err)) != 0)
			goto fail;
		transport_recv_fd(b->v[i].rep, &b->v[i].rep_fd);
	}
	return (0);
fail:
	fprintf(stderr, "bench-venues: %s: %s\n", url, err);
	return (-1);
}

/* Connect to NATS at url and subscribe to every venue's requests. */
static int
bv_connect(struct bv *b, const char *url, struct bv_nats_cb *cb,
    natsSubscription **sub)
{
	natsStatus	s;

	cb->b = b;
	msgpack_sbuffer_init(&cb->buf);
	if (fohp_decoder_init(&cb->dec) != FOHP_OK ||
	    (cb->m = malloc(sizeof(*cb->m))) == NULL)
		return (-1);
	if ((s = natsConnection_ConnectTo(&b->nc, url)) != NATS_OK ||
	    (s = natsConnection_Subscribe(sub, b->nc, "foh.*.ctl",
	    bv_nats_request, cb)) != NATS_OK ||
	    (s = natsConnection_Flush(b->nc)) != NATS_OK) {
		fprintf(stderr, "bench-venues: %s: %s\n", url,
		    natsStatus_GetText(s));
		return (-1);
	}
	return (0);
}

/* Publish what is due for venue number k at now (mono) / wall. */
static void
bv_due(struct bv *b, unsigned k, uint64_t now, uint64_t wall)
{
	struct bv_venue	*v = &b->v[k];
	struct fohp_msg	*m = b->out;
	unsigned	 i;

	if (now >= v->next_hb) {
		v->next_hb += BV_HB_MS;
		bv_envelope(b, v, m, FOHP_HEARTBEAT);
		bv_hello(v, &m->u.hello, wall - b->epoch);
		bv_publish(b, v);
	}
	if (now < v->next_ms)
		return;
	v->next_ms += 1000 / b->hz;
	for (i = 0; i < b->zones; i++) {
		bv_envelope(b, v, m, FOHP_ZONE);
		bv_sample(&m->u.zone, k, i, wall);
		pthread_mutex_lock(&b->lock);
		v->last[i] = m->u.zone;
		pthread_mutex_unlock(&b->lock);
		bv_publish(b, v);
	}
}

/* The loop: publish what is due, answer requests (nng), until a signal. */
static void
bv_run(struct bv *b)
{
	struct pollfd		*pfd;
	struct fohp_decoder	 dec;
	struct fohp_msg		*m;
	msgpack_sbuffer		 buf;
	uint64_t		 now, said = 0, next_say = 0, answered;
	unsigned		 i;

	pfd = calloc(b->n, sizeof(*pfd));
	m = malloc(sizeof(*m));
	if (pfd == NULL || m == NULL || fohp_decoder_init(&dec) != FOHP_OK) {
		fprintf(stderr, "bench-venues: out of memory\n");
		exit(1);
	}
	msgpack_sbuffer_init(&buf);
	while (!bv_stop) {
		for (i = 0; i < b->n && b->nc == NULL; i++) {
			pfd[i].fd = b->v[i].rep_fd;
			pfd[i].events = POLLIN;
		}
		(void)poll(pfd, b->nc == NULL ? b->n : 0, 10);
		for (i = 0; i < b->n && b->nc == NULL; i++)
			if (pfd[i].revents & POLLIN)
				bv_nng_requests(b, &b->v[i], &dec, m, &buf);
		now = clock_mono_ms();
		for (i = 0; i < b->n; i++)
			bv_due(b, i, now, clock_wall_ms());
		if (now < next_say)
			continue;
		next_say = now + 1000;
		pthread_mutex_lock(&b->lock);
		answered = b->answered;
		pthread_mutex_unlock(&b->lock);
		if (answered != said) {
			said = answered;
			printf("answered %" PRIu64 "\n", answered);
			fflush(stdout);
		}
	}
	fohp_decoder_fini(&dec);
	msgpack_sbuffer_destroy(&buf);
	free(m);
	free(pfd);
}

int
main(int argc, char **argv)
{
	struct bv		 b;
	struct bv_nats_cb	 cb;
	natsSubscription	*sub = NULL;
	struct sigaction	 sa;
	uint64_t		 now;
	unsigned		 i;
	int			 ch;

	memset(&b, 0, sizeof(b));
	b.zones = 10;
	b.hz = 1;
	while ((ch = getopt(argc, argv, "z:r:")) != -1) {
		if (ch == 'z')
			b.zones = (unsigned)strtoul(optarg, NULL, 10);
		else if (ch == 'r')
			b.hz = (unsigned)strtoul(optarg, NULL, 10);
		else
			goto usage;
	}
	if (argc - optind != 2 || b.zones == 0 || b.zones > FOHP_ZONES_MAX ||
	    b.hz == 0 || b.hz > 100)
		goto usage;
	b.n = (unsigned)strtoul(argv[optind + 1], NULL, 10);
	if (b.n == 0 || b.n > 9999)
		goto usage;
	b.epoch = clock_wall_ms();
	pthread_mutex_init(&b.lock, NULL);
	msgpack_sbuffer_init(&b.buf);
	if ((b.v = calloc(b.n, sizeof(*b.v))) == NULL ||
	    (b.out = malloc(sizeof(*b.out))) == NULL)
		return (1);
	now = clock_mono_ms();
	for (i = 0; i < b.n; i++) {
		snprintf(b.v[i].id, sizeof(b.v[i].id), "v%04u", i);
		if ((b.v[i].last = calloc(b.zones,
		    sizeof(*b.v[i].last))) == NULL)
			return (1);
		b.v[i].next_ms = now + (uint64_t)i * 1000 / b.hz / b.n;
		b.v[i].next_hb = now + (uint64_t)i * BV_HB_MS / b.n;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = bv_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (strncmp(argv[optind], "nats://", 7) == 0 ? bv_connect(&b,
	    argv[optind], &cb, &sub) != 0 : bv_listen(&b, argv[optind]) != 0)
		return (1);
	/* Everyone says hello and shows its layout first. */
	for (i = 0; i < b.n; i++) {
		bv_envelope(&b, &b.v[i], b.out, FOHP_HELLO);
		bv_hello(&b.v[i], &b.out->u.hello, 0);
		bv_publish(&b, &b.v[i]);
		bv_envelope(&b, &b.v[i], b.out, FOHP_LAYOUT);
		bv_layout(&b, &b.v[i], &b.out->u.layout);
		bv_publish(&b, &b.v[i]);
	}
	printf("ready %u\n", b.n);
	fflush(stdout);
	bv_run(&b);
	if (sub != NULL)
		natsSubscription_Destroy(sub);
	if (b.nc != NULL)
		natsConnection_Destroy(b.nc);
	for (i = 0; b.nc == NULL && i < b.n; i++) {
		nng_close(b.v[i].pub);
		nng_close(b.v[i].rep);
	}
	printf("sent %" PRIu64 " messages, %" PRIu64 " bytes; answered %"
	    PRIu64 "\n", b.sent, b.bytes, b.answered);
	return (0);
usage:
	fprintf(stderr, "usage: bench-venues [-z ZONES] [-r HZ] "
	    "DIR|nats://HOST:PORT COUNT\n");
	return (64);
}
