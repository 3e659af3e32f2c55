/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * bench-sign.c: what a signed request costs, beside an unsigned one
 * measured in the same run.
 *
 *   baseline  fohp_decode of an unsigned "request" (an ack with a
 *             comment): what fohd pays per request today.
 *   signed    fohp_decode of the "signed" message, sshsig_verify of its
 *             SSHSIG blob over the body, fohp_decode of the body: what
 *             fohd pays per signed request before it looks at the op.
 *   sign      sshsig_sign with a key held in memory (foh --identity FILE),
 *             and, when $SSH_AUTH_SOCK names an agent holding an Ed25519
 *             key, sshagent_sign through it (bench-all.py starts a private
 *             one): the console's cost per request.
 *
 * The loops alternate in rounds and each figure is the median round. The
 * in-memory loops are timed in this thread's CPU time, so a busy
 * neighbour on a shared machine changes them little; the agent's figure
 * is wall time, since it waits for another process.
 *
 *	bench-sign [N]		N requests per round (default 200000)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "console/signer.h"
#include "lib/clock.h"
#include "lib/sshsig.h"
#include "net/sshagent.h"
#include "proto/foh-proto.h"

#define BENCH_ROUNDS		7
#define BENCH_AGENT_N		2000

/* What the loops share. */
struct bench {
	struct fohp_decoder	 dec;
	struct fohp_msg		*m, *body;
	msgpack_sbuffer		 plain, sgn;
	struct sshsig_seckey	 key;
	uint16_t		 siglen;	/* the SSHSIG blob's */
	volatile uint64_t	 sink;
};

/* This thread's CPU time in ns. */
static uint64_t
bench_cpu_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
}

/* An ack as the console sends it, id i. */
static void
bench_request(struct fohp_msg *m, uint64_t i)
{
	memset(m, 0, sizeof(*m));
	m->v = FOHP_VERSION;
	m->kind = FOHP_REQUEST;
	strcpy(m->venue, "arena");
	m->ts_ms = 1796000000000ULL + i;
	m->u.request.id = 1796000000000000ULL + i;
	strcpy(m->u.request.op, "ack");
	strcpy(m->u.request.operator_name, "ana");
	m->u.request.alert = 4242;
	strcpy(m->u.request.comment, "stewards sent to gate B");
	m->u.request.deadline_ms = m->ts_ms + 5000;
}

/* A fixed Ed25519 key from a fixed seed: the same in every run. */
static void
bench_key(struct sshsig_seckey *k)
{
	uint8_t	seed[32];

	memset(k, 0, sizeof(*k));
	memset(seed, 0x42, sizeof(seed));
	crypto_sign_ed25519_seed_keypair(k->pub.pk, k->sk, seed);
	sshsig_fingerprint(k->pub.pk, k->pub.fp, sizeof(k->pub.fp));
}

/* Build the unsigned and the signed message. */
static void
bench_setup(struct bench *b)
{
	struct fohp_err	e;
	msgpack_sbuffer	body;
	char		err[256];
	size_t		n;

	bench_request(b->m, 1);
	msgpack_sbuffer_init(&b->plain);
	msgpack_sbuffer_init(&b->sgn);
	msgpack_sbuffer_init(&body);
	if (fohp_encode(&b->plain, b->m, 0, &e) != FOHP_OK ||
	    fohp_encode(&body, b->m, 0, &e) != FOHP_OK) {
		fprintf(stderr, "bench-sign: encode: %s\n", e.text);
		exit(1);
	}
	if (sshsig_sign(&b->key, SSHSIG_NAMESPACE, body.data, body.size,
	    b->body->u.sreq.sig, sizeof(b->body->u.sreq.sig), &n, err,
	    sizeof(err)) != 0) {
		fprintf(stderr, "bench-sign: sign: %s\n", err);
		exit(1);
	}
	/* b->body is scratch here: it holds the signed message to encode. */
	b->body->v = FOHP_VERSION;
	b->body->kind = FOHP_SIGNED;
	b->body->u.sreq.sig_len = (uint16_t)n;
	b->siglen = (uint16_t)n;
	memcpy(b->body->u.sreq.body, body.data, body.size);
	b->body->u.sreq.body_len = (uint16_t)body.size;
	if (fohp_encode(&b->sgn, b->body, 0, &e) != FOHP_OK) {
		fprintf(stderr, "bench-sign: encode signed: %s\n", e.text);
		exit(1);
	}
	msgpack_sbuffer_destroy(&body);
}

/* ns per unsigned request: decode it. */
static double
bench_plain(struct bench *b, unsigned n)
{
	struct fohp_err	e;
	uint64_t	t0 = bench_cpu_ns();
	unsigned	i;

	for (i = 0; i < n; i++) {
		if (fohp_decode(&b->dec, b->plain.data, b->plain.size, 0, b->m,
		    &e) != FOHP_OK)
			exit(1);
		b->sink += b->m->u.request.id;
	}
	return ((double)(bench_cpu_ns() - t0) / n);
}

/* ns per signed request: decode, verify, decode the body (vonly: verify). */
static double
bench_signed(struct bench *b, unsigned n, int vonly)
{
	struct sshsig_pubkey	who;
	struct fohp_err		e;
	char			err[256];
	uint64_t		t0;
	unsigned		i;

	if (fohp_decode(&b->dec, b->sgn.data, b->sgn.size, 0, b->m, &e) !=
	    FOHP_OK)
		exit(1);
	t0 = bench_cpu_ns();
	for (i = 0; i < n; i++) {
		if (!vonly && fohp_decode(&b->dec, b->sgn.data, b->sgn.size, 0,
		    b->m, &e) != FOHP_OK)
			exit(1);
		if (sshsig_verify(b->m->u.sreq.sig, b->m->u.sreq.sig_len,
		    SSHSIG_NAMESPACE, b->m->u.sreq.body, b->m->u.sreq.body_len,
		    &who, err, sizeof(err)) != 0) {
			fprintf(stderr, "bench-sign: %s\n", err);
			exit(1);
		}
		if (!vonly && fohp_decode(&b->dec, b->m->u.sreq.body,
		    b->m->u.sreq.body_len, 0, b->body, &e) != FOHP_OK)
			exit(1);
		b->sink += who.pk[0] + b->body->u.request.id;
	}
	return ((double)(bench_cpu_ns() - t0) / n);
}

/* ns per signature made with the key in memory. */
static double
bench_sign_file(struct bench *b, unsigned n)
{
	uint8_t		out[SSHSIG_BLOB_MAX];
	char		err[256];
	size_t		on;
	uint64_t	t0 = bench_cpu_ns();
	unsigned	i;

	for (i = 0; i < n; i++) {
		if (sshsig_sign(&b->key, SSHSIG_NAMESPACE, b->plain.data,
		    b->plain.size, out, sizeof(out), &on, err,
		    sizeof(err)) != 0)
			exit(1);
		b->sink += out[on - 1];
	}
	return ((double)(bench_cpu_ns() - t0) / n);
}

/* ns per signature through the agent at $SSH_AUTH_SOCK; < 0 if none. */
static double
bench_sign_agent(struct bench *b, unsigned n, char *fp, size_t fplen)
{
	struct sshsig_pubkey	keys[SSHAGENT_KEYS_MAX];
	uint8_t			out[SSHSIG_BLOB_MAX];
	char			err[256];
	size_t			nk, on;
	uint64_t		t0;
	unsigned		i;

	if (sshagent_socket(NULL) == NULL || sshagent_list(NULL, keys,
	    SSHAGENT_KEYS_MAX, &nk, SIGNER_TIMEOUT_MS, err, sizeof(err)) != 0 ||
	    nk == 0)
		return (-1);
	snprintf(fp, fplen, "%s", keys[0].fp);
	t0 = clock_mono_ns();
	for (i = 0; i < n; i++) {
		if (sshagent_sign(NULL, &keys[0], SSHSIG_NAMESPACE,
		    b->plain.data, b->plain.size, out, sizeof(out), &on,
		    SIGNER_TIMEOUT_MS, err, sizeof(err)) != 0) {
			fprintf(stderr, "bench-sign: agent: %s\n", err);
			return (-1);
		}
		b->sink += out[on - 1];
	}
	return ((double)(clock_mono_ns() - t0) / n);
}

/* The median of v[n] (sorts v). */
static double
bench_median(double *v, int n)
{
	double	t;
	int	i, j;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1] > v[j]; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return (v[n / 2]);
}

/* Run the rounds and print the figures. */
int
main(int argc, char **argv)
{
	struct bench	b;
	struct utsname	u;
	double		plain[BENCH_ROUNDS], sgn[BENCH_ROUNDS];
	double		ver[BENCH_ROUNDS], sign[BENCH_ROUNDS];
	double		p, s, v, f, a;
	unsigned	n;
	char		fp[SSHSIG_FP_MAX];
	int		r;

	n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 200000;
	if (n == 0 || sshsig_init() != 0)
		return (1);
	memset(&b, 0, sizeof(b));
	if ((b.m = malloc(sizeof(*b.m))) == NULL ||
	    (b.body = calloc(1, sizeof(*b.body))) == NULL ||
	    fohp_decoder_init(&b.dec) != 0)
		return (1);
	bench_key(&b.key);
	bench_setup(&b);
	for (r = 0; r < BENCH_ROUNDS; r++) {
		plain[r] = bench_plain(&b, n);
		sgn[r] = bench_signed(&b, n / 10, 0);
		ver[r] = bench_signed(&b, n / 10, 1);
		sign[r] = bench_sign_file(&b, n / 20);
	}
	p = bench_median(plain, BENCH_ROUNDS);
	s = bench_median(sgn, BENCH_ROUNDS);
	v = bench_median(ver, BENCH_ROUNDS);
	f = bench_median(sign, BENCH_ROUNDS);
	a = bench_sign_agent(&b, BENCH_AGENT_N, fp, sizeof(fp));
	uname(&u);

	printf("bench-sign: %s %s, %ld cpus, %u requests a round, median of "
	    "%d rounds\n", u.sysname, u.machine, sysconf(_SC_NPROCESSORS_ONLN),
	    n, BENCH_ROUNDS);
	printf("a request: %zu bytes unsigned, %zu signed (SSHSIG %u "
	    "bytes)\n", b.plain.size, b.sgn.size, b.siglen);
	printf("fohd's side, CPU ns per request (lower is better):\n");
	printf("  baseline fohp_decode, unsigned request  %9.1f ns\n", p);
	printf("  signed: decode + verify + decode body   %9.1f ns  "
	    "(%.1fx baseline)\n", s, s / p);
	printf("    of which sshsig_verify                %9.1f ns\n", v);
	printf("  signed requests verified per CPU-second %9.0f /s\n",
	    1e9 / s);
	printf("the console's side, per request (key file: CPU; agent: wall):\n");
	printf("  sshsig_sign, key file in memory         %9.1f ns\n", f);
	if (a >= 0)
		printf("  sshagent_sign through ssh-agent         %9.1f ns  "
		    "(%s, %d signatures)\n", a, fp, BENCH_AGENT_N);
	else
		printf("  sshagent_sign: no ssh-agent with an Ed25519 key "
		    "(SSH_AUTH_SOCK)\n");
	sshsig_seckey_wipe(&b.key);
	msgpack_sbuffer_destroy(&b.plain);
	msgpack_sbuffer_destroy(&b.sgn);
	fohp_decoder_fini(&b.dec);
	free(b.m);
	free(b.body);
	return (0);
}
