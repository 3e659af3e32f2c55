/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * bench-ingest.c: how fast the console takes in a venue stream, beside a
 * bare baseline measured in the same run.
 *
 *   baseline  nng_recv + msgpack_unpack into a reused zone, nothing else:
 *             the floor any console must pay.
 *   foh       nng_recv + fohp_decode (validated, copied into structs) +
 *             store_apply (sequence bookkeeping, zone state, history):
 *             what feed_service does per message.
 *
 * Both are measured twice: in memory (ns per message, no transport), and
 * through a real nng PUB -> SUB pair over ipc with the console's socket
 * options, a sender thread publishing as fast as it can (messages/s taken
 * in, and how many the receiver could not keep up with).
 *
 * Given a folder of certificates (bench-ingest N DIR: DIR/ca.pem, and
 * DIR/venue.pem and DIR/venue.key for localhost, made by bench-all.py
 * with openssl), foh's path is also measured over loopback tcp and over
 * tls+tcp in the same run, the listener and the dialer set up as fohd's
 * and the console's are (struct transport_tls).
 *
 * Given -H CONF first (bench-ingest -H CONF N [DIR]), fohd's own readings
 * path with history at the edge off and on, and the journal's size per
 * venue-hour, are measured too, for the venue in CONF (bench-history.c).
 */
#include "config.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <nng/nng.h>

#include "bench-history.h"
#include "core/band.h"
#include "lib/clock.h"
#include "proto/foh-proto.h"
#include "core/store.h"
#include "net/transport.h"

#define BENCH_ZONES	8
#define BENCH_WAIT_NS	10000000000ULL	/* for the subscription to connect */

struct bench {
	unsigned	 n;		/* messages per run */
	char		 url[256];
	const struct transport_tls *tls_server;	/* tls+tcp:// only */
	const struct transport_tls *tls_client;
	nng_socket	 pub;
	volatile int	 ready;
};

/* Build zone sample seq for venue "arena" into m. */
static void
bench_zone_msg(struct fohp_msg *m, uint64_t seq)
{
	unsigned	z = (unsigned)(seq % BENCH_ZONES);

	m->v = FOHP_VERSION;
	strcpy(m->venue, "arena");
	m->seq = seq;
	m->epoch = 1700000000000ULL;
	m->ts_ms = m->epoch + seq;
	m->kind = FOHP_ZONE;
	memset(&m->u.zone, 0, sizeof(m->u.zone));
	snprintf(m->u.zone.zone, sizeof(m->u.zone.zone), "zone%u", z);
	m->u.zone.count = (uint32_t)(1000 + seq % 977);
	m->u.zone.density = m->u.zone.count / 1000.0;
	m->u.zone.band = band_of(m->u.zone.density, FOHP_ZK_STANDING);
	m->u.zone.t_ms = m->ts_ms;
}

/* A store with venue arena and its layout. */
static struct store_venue *
bench_store(struct store *s, struct fohp_msg *m)
{
	struct store_venue	*v = store_venue_add(s, "arena");
	unsigned		 i;

	memset(m, 0, sizeof(*m));
	m->v = FOHP_VERSION;
	strcpy(m->venue, "arena");
	m->epoch = 1700000000000ULL;
	m->seq = 0;
	m->kind = FOHP_LAYOUT;
	strcpy(m->u.layout.name, "Arena");
	m->u.layout.grid_w = 40;
	m->u.layout.grid_h = 20;
	m->u.layout.nzones = BENCH_ZONES;
	for (i = 0; i < BENCH_ZONES; i++) {
		struct fohp_zone_def	*z = &m->u.layout.zones[i];

		snprintf(z->id, sizeof(z->id), "zone%u", i);
		snprintf(z->name, sizeof(z->name), "Zone %u", i);
		z->x = (uint16_t)(i * 5);
		z->w = 5;
		z->h = 20;
		z->area_m2 = 1000;
		z->kind = FOHP_ZK_STANDING;
	}
	store_apply(s, v, m, 0);
	return (v);
}

/* Publish n zone samples as fast as nng takes them. */
static void *
bench_sender(void *arg)
{
	struct bench	*b = arg;
	struct fohp_msg	*m = malloc(sizeof(*m));
	struct fohp_err	 err;
	msgpack_sbuffer	 buf;
	uint64_t	 i;

	struct transport_sender	 tx;

	msgpack_sbuffer_init(&buf);
	transport_sender_init(&tx, b->pub);
	for (i = 1; i <= b->n; i++) {
		bench_zone_msg(m, i);
		msgpack_sbuffer_clear(&buf);
		fohp_encode(&buf, m, 1, &err);
		transport_sender_send(&tx, buf.data, buf.size);
	}
	transport_sender_fini(&tx);
	msgpack_sbuffer_destroy(&buf);
	free(m);
	return (NULL);
}

/* Receive until n messages or a quiet 300 ms; mode 0 bare, 1 foh. */
static void
bench_nng(struct bench *b, int mode, double *rate, double *lost)
{
	nng_socket		 sub;
	pthread_t		 t;
	char			 err[256];
	struct fohp_decoder	 dec;
	struct fohp_err		 ferr;
	struct fohp_msg		*m = malloc(sizeof(*m));
	struct store		*s = store_new();
	struct store_venue	*v = bench_store(s, m);
	msgpack_zone		 zone;
	msgpack_object		 obj;
	struct transport_receiver rx;
	nng_msg			*msg;
	uint64_t		 got = 0, t0 = 0, t1 = 0;
	void			*data;
	size_t			 len, off;

	fohp_decoder_init(&dec);
	msgpack_zone_init(&zone, 2048);
	if (transport_pub_listen(&b->pub, b->url, b->tls_server, NULL, err,
	    sizeof(err)) != 0 || transport_sub_dial(&sub, b->url,
	    b->tls_client, "foh/", NULL, NULL, NULL, err, sizeof(err)) != 0) {
		fprintf(stderr, "bench: %s\n", err);
		exit(1);
	}
	nng_socket_set_ms(sub, NNG_OPT_RECVTIMEO, 300);
	/*
	 * Wait until the subscription is connected: a probe gets through.
	 * Within BENCH_WAIT_NS, or the run stops saying so.
	 */
	t0 = clock_mono_ns();
	for (;;) {
		nng_send(b->pub, "foh/probe\0", 10, 0);
		if (nng_recv(sub, &data, &len, NNG_FLAG_ALLOC) == 0) {
			nng_free(data, len);
			break;
		}
		if (clock_mono_ns() - t0 > BENCH_WAIT_NS) {
			fprintf(stderr, "bench: %s: no probe through PUB->SUB "
			    "in %d s\n", b->url, (int)(BENCH_WAIT_NS / 1000000000));
			if (strncmp(b->url, "ipc://", 6) == 0)
				unlink(b->url + 6);
			exit(1);
		}
	}
	t0 = 0;
	while (nng_recv(sub, &data, &len, NNG_FLAG_ALLOC |
	    NNG_FLAG_NONBLOCK) == 0)
		nng_free(data, len);
	transport_receiver_init(&rx, sub);
	pthread_create(&t, NULL, bench_sender, b);
	/* Both loops receive as the console does: one aio, reused. */
	while (got < b->n && transport_receiver_recv(&rx, &msg, 0) == 0) {
		data = nng_msg_body(msg);
		len = nng_msg_len(msg);
		if (got == 0)
			t0 = clock_mono_ns();
		if (mode == 0) {
			msgpack_zone_clear(&zone);
			off = strlen(data) + 1;
			msgpack_unpack(data, len, &off, &zone, &obj);
		} else if (fohp_decode(&dec, data, len, 1, m, &ferr) == 0)
			store_apply(s, v, m, 1);
		nng_msg_free(msg);
		got++;
		t1 = clock_mono_ns();
	}
	transport_receiver_fini(&rx);
	pthread_join(t, NULL);
	*rate = got > 1 ? (double)(got - 1) * 1e9 / (double)(t1 - t0) : 0;
	*lost = 100.0 * (double)(b->n - got) / b->n;
	nng_close(sub);
	nng_close(b->pub);
	msgpack_zone_destroy(&zone);
	fohp_decoder_fini(&dec);
	store_free(s);
	free(m);
}

/* In memory: ns per message for the bare loop and foh's path. */
static void
bench_memory(unsigned n, double *bare_ns, double *dec_ns, double *foh_ns)
{
	struct fohp_msg		*m = malloc(sizeof(*m));
	struct store		*s = store_new();
	struct store_venue	*v = bench_store(s, m);
	struct fohp_decoder	 dec;
	struct fohp_err		 err;
	msgpack_sbuffer		*bufs;
	msgpack_zone		 zone;
	msgpack_object		 obj;
	uint64_t		 t0, i;
	size_t			 off;
	unsigned		 k = 4096;
	volatile size_t		 sink = 0;

	bufs = calloc(k, sizeof(*bufs));
	for (i = 0; i < k; i++) {
		msgpack_sbuffer_init(&bufs[i]);
		bench_zone_msg(m, i + 1);
		fohp_encode(&bufs[i], m, 1, &err);
	}
	msgpack_zone_init(&zone, 2048);
	fohp_decoder_init(&dec);

	t0 = clock_mono_ns();
	for (i = 0; i < n; i++) {
		msgpack_sbuffer	*b = &bufs[i % k];

		msgpack_zone_clear(&zone);
		off = strlen(b->data) + 1;
		msgpack_unpack(b->data, b->size, &off, &zone, &obj);
		sink += obj.via.map.size;
	}
	*bare_ns = (double)(clock_mono_ns() - t0) / n;

	t0 = clock_mono_ns();
	for (i = 0; i < n; i++) {
		msgpack_sbuffer	*b = &bufs[i % k];

		fohp_decode(&dec, b->data, b->size, 1, m, &err);
		sink += m->u.zone.count;
	}
	*dec_ns = (double)(clock_mono_ns() - t0) / n;

	t0 = clock_mono_ns();
	for (i = 0; i < n; i++) {
		msgpack_sbuffer	*b = &bufs[i % k];

		fohp_decode(&dec, b->data, b->size, 1, m, &err);
		m->seq = i + 1;		/* a continuous stream */
		store_apply(s, v, m, i);
	}
	*foh_ns = (double)(clock_mono_ns() - t0) / n;

	for (i = 0; i < k; i++)
		msgpack_sbuffer_destroy(&bufs[i]);
	free(bufs);
	msgpack_zone_destroy(&zone);
	fohp_decoder_fini(&dec);
	store_free(s);
	free(m);
	(void)sink;
}

/* A loopback TCP port free now (the kernel's pick, released); 0 if none. */
static unsigned
bench_free_port(void)
{
	struct sockaddr_in	a;
	socklen_t		len = sizeof(a);
	int			fd;
	unsigned		port = 0;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return (0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	close(fd);
	return (port);
}

/*
 * foh's path over loopback tcp, then over tls+tcp with the certificates
 * in dir, one after the other in this run: messages/s and loss of each.
 */
static void
bench_tls(struct bench *b, const char *dir)
{
	struct transport_tls	server, client;
	char			ca[512], cert[512], key[512];
	double			tcp_rate, tcp_lost, tls_rate, tls_lost;

	snprintf(ca, sizeof(ca), "%s/ca.pem", dir);
	snprintf(cert, sizeof(cert), "%s/venue.pem", dir);
	snprintf(key, sizeof(key), "%s/venue.key", dir);
	memset(&server, 0, sizeof(server));
	server.cert = cert;
	server.key = key;
	memset(&client, 0, sizeof(client));
	client.ca = ca;
	snprintf(b->url, sizeof(b->url), "tcp://127.0.0.1:%u",
	    bench_free_port());
	b->tls_server = b->tls_client = NULL;
	bench_nng(b, 1, &tcp_rate, &tcp_lost);
	snprintf(b->url, sizeof(b->url), "tls+tcp://localhost:%u",
	    bench_free_port());
	b->tls_server = &server;
	b->tls_client = &client;
	bench_nng(b, 1, &tls_rate, &tls_lost);
	printf("through nng PUB->SUB over loopback, foh recv + decode + "
	    "apply, same run:\n");
	printf("  foh over tcp                     %10.0f msg/s  "
	    "(%.2f%% not kept up with)\n", tcp_rate, tcp_lost);
	printf("  foh over tls+tcp                 %10.0f msg/s  "
	    "(%.2f%% not kept up with)  = %.0f%% of tcp\n", tls_rate,
	    tls_lost, 100.0 * tls_rate / tcp_rate);
}

int
main(int argc, char **argv)
{
	struct bench	b;
	struct utsname	u;
	double		bare_ns, dec_ns, foh_ns, bare_rate, foh_rate;
	double		bare_lost, foh_lost;
	char		host[256];
	long		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	const char	*history = NULL;

	if (argc > 2 && strcmp(argv[1], "-H") == 0) {
		history = argv[2];
		argc -= 2;
		argv += 2;
	}
	memset(&b, 0, sizeof(b));
	b.n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 500000;
	snprintf(b.url, sizeof(b.url), "ipc:///tmp/foh-bench-%d.ipc",
	    (int)getpid());
	uname(&u);
	gethostname(host, sizeof(host));

	bench_memory(b.n * 4, &bare_ns, &dec_ns, &foh_ns);
	bench_nng(&b, 0, &bare_rate, &bare_lost);
	bench_nng(&b, 1, &foh_rate, &foh_lost);
	unlink(b.url + 6);

	printf("bench-ingest: %s %s, %ld cpus, %u zone samples per run\n",
	    u.sysname, u.machine, ncpu, b.n);
	printf("in memory, ns per message (lower is better):\n");
	printf("  baseline msgpack_unpack, reused zone   %8.1f ns\n", bare_ns);
	printf("  fohp_decode (validate + copy)          %8.1f ns\n", dec_ns);
	printf("  fohp_decode + store_apply (foh)        %8.1f ns  "
	    "(%.2fx baseline)\n", foh_ns, foh_ns / bare_ns);
	printf("through nng PUB->SUB over ipc, 8192-message buffers:\n");
	printf("  baseline recv + msgpack_unpack   %10.0f msg/s  "
	    "(%.2f%% not kept up with)\n", bare_rate, bare_lost);
	printf("  foh recv + decode + apply        %10.0f msg/s  "
	    "(%.2f%% not kept up with)  = %.0f%% of baseline\n", foh_rate,
	    foh_lost, 100.0 * foh_rate / bare_rate);
	fflush(stdout);
	if (argc > 2)
		bench_tls(&b, argv[2]);
	if (history != NULL && bench_history_run(history, b.n >= 500000 ?
	    5.0 : 2.0) != 0)
		return (1);
	return (0);
}
