/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * foh-sim.c: play a scenario into a fohd through its WebSocket ingest.
 *
 * One libwebsockets client connection to ws://HOST:PORT/ingest. Each tick of
 * the scenario becomes one JSON array frame; fohd answers every frame with
 * {"accepted":N,"rejected":M,"errors":[...]}, which is counted and, for
 * errors, printed. Ticks are paced on a timer at tick_ms / speed (speed 0:
 * as fast as answers come back), with at most FOHSIM_WINDOW frames awaiting
 * an answer. A dropped connection is retried with back-off; the scenario
 * clock pauses meanwhile, so a seed always gives the same frames.
 *
 * lws_service sleeps until an event, so everything happens in callbacks: the
 * tick timer and retry timer are lws_sul timers, and a signal only sets a
 * flag and wakes the loop with lws_cancel_service.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <jansson.h>
#include <libwebsockets.h>

#include "lib/cfg.h"
#include "sim/scenario.h"
#include "core/vconf.h"

#define FOHSIM_FRAME_MAX	READING_FRAME_MAX
#define FOHSIM_WINDOW		4	/* frames awaiting an answer */
#define FOHSIM_RX_MAX		65536	/* one answer */
#define FOHSIM_RETRIES		10	/* failed connects in a row */
#define FOHSIM_STALL_US		(10 * LWS_US_PER_SEC)

struct fohsim {
	struct lws_context	*ctx;
	struct lws		*wsi;
	lws_sorted_usec_list_t	 sul_tick;	/* next frame due */
	lws_sorted_usec_list_t	 sul_retry;	/* reconnect */
	lws_sorted_usec_list_t	 sul_stall;	/* answers overdue */

	char			 url[512];
	char			 urlbuf[512];	/* cut up by lws_parse_uri */
	const char		*host;
	char			 path[512];
	int			 port;
	int			 tls;
	const char		*token;

	struct vconf		*venue;
	struct scenario		 sc;
	struct reading_batch	*batch;
	unsigned char		*frame;		/* LWS_PRE + frame */
	size_t			 frame_len;
	unsigned		 frame_readings;
	int			 pending;	/* built, not yet sent */

	double			 speed;		/* 0: flat out */
	double			 duration_s;
	uint64_t		 count_frames;	/* 0: no limit */
	int			 timestamps;
	uint64_t		 epoch_ms;	/* wall clock at sim t = 0 */

	uint64_t		 step;		/* next tick to send */
	uint64_t		 anchor_step;
	lws_usec_t		 anchor_us;	/* when anchor_step was due */
	lws_usec_t		 last_answer_us;

	unsigned		 inflight;
	unsigned		 inflight_readings[FOHSIM_WINDOW];
	uint64_t		 sent, answered, readings, accepted, rejected;
	uint64_t		 lost, reconnects;
	int			 failures;	/* failed connects in a row */

	char			*rx;
	size_t			 rxlen;

	int			 closing;	/* close, then stop */
	int			 finished;
	int			 exit_code;
};

static struct fohsim		*fohsim;
static volatile sig_atomic_t	 fohsim_signalled;

static void	fohsim_connect(lws_sorted_usec_list_t *);

/* Say how to run it. */
static void
fohsim_usage(FILE *f)
{
	fprintf(f, "usage: foh-sim [-hV] -c VENUE.conf [-s SCENARIO.scn] "
	    "[--url URL] [--token T]\n"
	    "               [--speed N] [--duration S] [--seed N] "
	    "[--count-frames N] [--no-time]\n"
	    "\n"
	    "Play a scenario into a fohd through its WebSocket ingest.\n"
	    "\n"
	    "  -c, --conf FILE       the venue config (fohd.conf(5)); "
	    "required\n"
	    "  -s, --scenario FILE   the scenario; without it, only the "
	    "baseline\n"
	    "      --url URL         the agent's ingest (default "
	    "ws://127.0.0.1:7680/ingest)\n"
	    "      --token T         send Authorization: Bearer T\n"
	    "      --speed N         time acceleration, 0 to 1000000 (0: flat "
	    "out; default 1)\n"
	    "      --duration S      stop after S of scenario time (30, 5m, "
	    "1h30m)\n"
	    "      --seed N          seed the scenario's random numbers\n"
	    "      --count-frames N  stop after N frames sent and answered\n"
	    "      --no-time         readings without \"t\": the agent stamps "
	    "them\n"
	    "  -h, --help            show this help\n"
	    "  -V, --version         show the version\n"
	    "\n"
	    "See foh-sim(1).\n");
}

/* Route libwebsockets' log lines to stderr with our name. */
static void
fohsim_log(int level, const char *line)
{
	fprintf(stderr, "foh-sim: lws: %s", line);
	if (*line != '\0' && line[strlen(line) - 1] != '\n')
		fputc('\n', stderr);
}

/* A signal: stop after the frames in flight are answered. */
static void
fohsim_signal(int sig)
{
	fohsim_signalled = 1;
	if (fohsim != NULL && fohsim->ctx != NULL)
		lws_cancel_service(fohsim->ctx);
}

/* Is there another tick to send? */
static int
fohsim_more(const struct fohsim *s)
{
	if (s->closing)
		return (0);
	if (s->count_frames != 0 && s->sent >= s->count_frames)
		return (0);
	return (s->step * (double)s->sc.tick_ms / 1000.0 < s->duration_s);
}

/* When the next tick is due, wall clock microseconds. */
static lws_usec_t
fohsim_due(const struct fohsim *s)
{
	if (s->speed == 0)
		return (0);
	return (s->anchor_us + (lws_usec_t)((double)(s->step -
	    s->anchor_step) * s->sc.tick_ms * 1000.0 / s->speed));
}

/* Stop: close the connection if there is one, else leave the loop. */
static void
fohsim_stop(struct fohsim *s)
{
	s->closing = 1;
	if (s->wsi != NULL)
		lws_callback_on_writable(s->wsi);
	else
		s->finished = 1;
}

/* Everything sent and answered? Then close. */
static void
fohsim_check_done(struct fohsim *s)
{
	if (!fohsim_more(s) && !s->pending && s->inflight == 0)
		fohsim_stop(s);
}

/* Tick timer: the next frame is due. */
static void
fohsim_tick(lws_sorted_usec_list_t *sul)
{
	if (fohsim->wsi != NULL)
		lws_callback_on_writable(fohsim->wsi);
}

/* Stall timer: no answer for a long while; drop and reconnect. */
static void
fohsim_stall(lws_sorted_usec_list_t *sul)
{
	struct fohsim	*s = fohsim;

	if (s->wsi == NULL || s->inflight == 0)
		return;
	if (lws_now_usecs() - s->last_answer_us < FOHSIM_STALL_US) {
		lws_sul_schedule(s->ctx, 0, &s->sul_stall, fohsim_stall,
		    FOHSIM_STALL_US);
		return;
	}
	fprintf(stderr, "foh-sim: no answer for %d s; reconnecting\n",
	    (int)(FOHSIM_STALL_US / LWS_US_PER_SEC));
	lws_set_timeout(s->wsi, PENDING_TIMEOUT_CLOSE_SEND, LWS_TO_KILL_ASYNC);
}

/* Build the frame of the next tick. */
static int
fohsim_build(struct fohsim *s)
{
	double	t = s->step * (double)s->sc.tick_ms / 1000.0;
	int	n;

	s->batch->n = 0;
	s->batch->npool = 0;
	n = scenario_step(&s->sc, t, s->timestamps ? s->epoch_ms +
	    (uint64_t)llround(t * 1000) : 0, s->batch);
	if (n < 0) {
		fprintf(stderr, "foh-sim: tick at %.3f s has more readings "
		    "than a frame holds\n", t);
		return (-1);
	}
	s->frame_len = scenario_json(s->batch, (char *)s->frame + LWS_PRE,
	    FOHSIM_FRAME_MAX);
	if (s->frame_len == 0 || s->frame_len >= FOHSIM_FRAME_MAX) {
		fprintf(stderr, "foh-sim: tick at %.3f s: cannot write a "
		    "frame\n", t);
		return (-1);
	}
	s->frame_readings = s->batch->n;
	s->pending = 1;
	s->step++;
	return (0);
}

/* The connection can take a frame: send what is due. */
static int
fohsim_writeable(struct fohsim *s, struct lws *wsi)
{
	lws_usec_t	now, due;

	if (s->closing) {
		lws_close_reason(wsi, LWS_CLOSE_STATUS_NORMAL,
		    (unsigned char *)"done", 4);
		return (-1);
	}
	if (s->inflight >= FOHSIM_WINDOW)
		return (0);		/* an answer asks again */
	if (!s->pending) {
		if (!fohsim_more(s)) {
			fohsim_check_done(s);
			return (0);
		}
		now = lws_now_usecs();
		due = fohsim_due(s);
		if (due > now) {
			lws_sul_schedule(s->ctx, 0, &s->sul_tick, fohsim_tick,
			    due - now);
			return (0);
		}
		if (fohsim_build(s) != 0) {
			s->exit_code = EX_SOFTWARE;
			s->closing = 1;
			lws_callback_on_writable(wsi);
			return (0);
		}
	}
	if (lws_write(wsi, s->frame + LWS_PRE, s->frame_len, LWS_WRITE_TEXT) <
	    (int)s->frame_len) {
		fprintf(stderr, "foh-sim: write failed\n");
		return (-1);
	}
	s->pending = 0;
	s->inflight_readings[s->inflight++] = s->frame_readings;
	s->sent++;
	s->readings += s->frame_readings;
	if (s->inflight == 1) {
		s->last_answer_us = lws_now_usecs();
		lws_sul_schedule(s->ctx, 0, &s->sul_stall, fohsim_stall,
		    FOHSIM_STALL_US);
	}
	lws_callback_on_writable(wsi);
	return (0);
}

/* One answer frame from fohd: count it and print its errors. */
static void
fohsim_answer(struct fohsim *s, const char *text, size_t len)
{
	json_t		*o, *errs, *e;
	json_error_t	 je;
	size_t		 i;
	uint64_t	 frame = s->answered + s->lost;

	if (s->inflight == 0) {
		fprintf(stderr, "foh-sim: answer to no frame: %.*s\n",
		    (int)(len > 200 ? 200 : len), text);
		return;
	}
	s->answered++;
	s->inflight--;
	memmove(s->inflight_readings, s->inflight_readings + 1,
	    s->inflight * sizeof(s->inflight_readings[0]));
	s->last_answer_us = lws_now_usecs();

	if ((o = json_loadb(text, len, 0, &je)) == NULL ||
	    !json_is_object(o)) {
		fprintf(stderr, "foh-sim: frame %llu: answer is not a JSON "
		    "object: %s\n", (unsigned long long)frame, o == NULL ?
		    je.text : "wrong type");
		json_decref(o);
		return;
	}
	s->accepted += json_integer_value(json_object_get(o, "accepted"));
	s->rejected += json_integer_value(json_object_get(o, "rejected"));
	errs = json_object_get(o, "errors");
	json_array_foreach(errs, i, e) {
		const char	*kind = json_string_value(json_object_get(e,
				    "kind"));
		const char	*field = json_string_value(json_object_get(e,
				    "field"));
		const char	*code = json_string_value(json_object_get(e,
				    "code"));
		const char	*reason = json_string_value(json_object_get(e,
				    "reason"));

		fprintf(stderr, "foh-sim: frame %llu, reading %lld%s%s%s: "
		    "%s%s%s: %s\n", (unsigned long long)frame,
		    (long long)json_integer_value(json_object_get(e, "index")),
		    kind != NULL ? " (" : "", kind != NULL ? kind : "",
		    kind != NULL ? ")" : "", field != NULL ? field : "",
		    field != NULL && *field != '\0' ? ": " : "",
		    code != NULL ? code : "?", reason != NULL ? reason : "");
	}
	json_decref(o);
}

/* Gather an answer's fragments; act on the last one. */
static void
fohsim_receive(struct fohsim *s, struct lws *wsi, const void *in, size_t len)
{
	if (s->rxlen + len > FOHSIM_RX_MAX) {
		fprintf(stderr, "foh-sim: answer over %d bytes dropped\n",
		    FOHSIM_RX_MAX);
		s->rxlen = FOHSIM_RX_MAX + 1;
	} else {
		memcpy(s->rx + s->rxlen, in, len);
		s->rxlen += len;
	}
	if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi))
		return;
	if (s->rxlen <= FOHSIM_RX_MAX)
		fohsim_answer(s, s->rx, s->rxlen);
	s->rxlen = 0;
	fohsim_check_done(s);
	if (s->wsi != NULL)
		lws_callback_on_writable(s->wsi);
}

/* Lost the connection (or never had it): try again later, or give up. */
static void
fohsim_retry(struct fohsim *s)
{
	lws_usec_t	wait;

	s->wsi = NULL;
	s->lost += s->inflight;
	s->inflight = 0;
	s->rxlen = 0;
	lws_sul_cancel(&s->sul_tick);
	lws_sul_cancel(&s->sul_stall);
	if (s->finished || s->closing || fohsim_signalled) {
		s->finished = 1;
		return;
	}
	if (++s->failures > FOHSIM_RETRIES) {
		fprintf(stderr, "foh-sim: giving up after %d attempts\n",
		    FOHSIM_RETRIES);
		s->exit_code = EX_UNAVAILABLE;
		s->finished = 1;
		return;
	}
	wait = (lws_usec_t)250000 << (s->failures - 1);
	if (wait > 5 * LWS_US_PER_SEC)
		wait = 5 * LWS_US_PER_SEC;
	lws_sul_schedule(s->ctx, 0, &s->sul_retry, fohsim_connect, wait);
}

/* The protocol callback: everything the connection does. */
static int
fohsim_callback(struct lws *wsi, enum lws_callback_reasons reason,
    void *user, void *in, size_t len)
{
	struct fohsim	 *s = fohsim;
	unsigned char	**p, *end;
	char		  auth[VCONF_TOKEN_MAX + 16];
	const char	 *why;

	switch (reason) {
	case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
		if (s->token == NULL)
			break;
		p = (unsigned char **)in;
		end = *p + len;
		snprintf(auth, sizeof(auth), "Bearer %s", s->token);
		if (lws_add_http_header_by_token(wsi,
		    WSI_TOKEN_HTTP_AUTHORIZATION, (unsigned char *)auth,
		    (int)strlen(auth), p, end) != 0)
			return (-1);
		break;
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		if (s->reconnects > 0 || s->failures > 0)
			fprintf(stderr, "foh-sim: connected to %s\n", s->url);
		s->failures = 0;
		s->anchor_step = s->step;
		s->anchor_us = lws_now_usecs();
		lws_callback_on_writable(wsi);
		break;
	case LWS_CALLBACK_CLIENT_RECEIVE:
		fohsim_receive(s, wsi, in, len);
		break;
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		return (fohsim_writeable(s, wsi));
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		why = in != NULL ? (const char *)in : "unknown error";
		if (strstr(why, "unauthorized") != NULL ||
		    lws_http_client_http_response(wsi) == 401) {
			fprintf(stderr, "foh-sim: %s: token refused (HTTP 401)"
			    "%s\n", s->url, s->token == NULL ?
			    "; give one with --token" : "");
			s->exit_code = EX_NOPERM;
			s->wsi = NULL;
			s->finished = 1;
			break;
		}
		fprintf(stderr, "foh-sim: %s: %s\n", s->url, why);
		fohsim_retry(s);
		break;
	case LWS_CALLBACK_CLIENT_CLOSED:
		if (!s->closing && !fohsim_signalled) {
			fprintf(stderr, "foh-sim: connection lost after %llu "
			    "frames; reconnecting\n",
			    (unsigned long long)s->sent);
			s->reconnects++;
		}
		fohsim_retry(s);
		break;
	case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
		if (fohsim_signalled && !s->closing)
			fohsim_stop(s);
		break;
	default:
		break;
	}
	return (0);
}

static const struct lws_protocols fohsim_protocols[] = {
	{ "foh-sim", fohsim_callback, 0, 4096, 0, NULL, 65536 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 }
};

/* Start a connection (also the retry timer's callback). */
static void
fohsim_connect(lws_sorted_usec_list_t *sul)
{
	struct fohsim			*s = fohsim;
	struct lws_client_connect_info	 ci;

	memset(&ci, 0, sizeof(ci));
	ci.context = s->ctx;
	ci.address = s->host;
	ci.port = s->port;
	ci.path = s->path;
	ci.host = s->host;
	ci.origin = s->host;
	ci.ssl_connection = s->tls ? LCCSCF_USE_SSL : 0;
	ci.protocol = NULL;		/* fohd binds plain clients */
	ci.local_protocol_name = fohsim_protocols[0].name;
	ci.pwsi = &s->wsi;
	if (lws_client_connect_via_info(&ci) == NULL && !s->finished &&
	    s->wsi == NULL)
		fohsim_retry(s);
}

/* Parse ws://HOST:PORT/PATH into the state. */
static int
fohsim_url(struct fohsim *s, const char *url)
{
	const char	*prot, *ads, *path;

	if (strlen(url) >= sizeof(s->urlbuf)) {
		fprintf(stderr, "foh-sim: URL too long\n");
		return (-1);
	}
	strcpy(s->url, url);
	strcpy(s->urlbuf, url);
	if (lws_parse_uri(s->urlbuf, &prot, &ads, &s->port, &path) != 0 ||
	    (strcmp(prot, "ws") != 0 && strcmp(prot, "wss") != 0) ||
	    *ads == '\0') {
		fprintf(stderr, "foh-sim: \"%s\" is not a URL like "
		    "ws://127.0.0.1:7680/ingest\n", url);
		return (-1);
	}
	s->tls = strcmp(prot, "wss") == 0;
	s->host = ads;
	snprintf(s->path, sizeof(s->path), "/%s", path);
	return (0);
}

/* Print what happened. */
static void
fohsim_summary(const struct fohsim *s)
{
	printf("foh-sim: %llu frames sent, %llu answered, %llu lost; "
	    "%llu readings: %llu accepted, %llu rejected; %llu reconnects\n",
	    (unsigned long long)s->sent, (unsigned long long)s->answered,
	    (unsigned long long)(s->lost + s->inflight),
	    (unsigned long long)s->readings,
	    (unsigned long long)s->accepted, (unsigned long long)s->rejected,
	    (unsigned long long)s->reconnects);
	fflush(stdout);
}

int
main(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "conf", required_argument, NULL, 'c' },
		{ "scenario", required_argument, NULL, 's' },
		{ "url", required_argument, NULL, 'u' },
		{ "token", required_argument, NULL, 't' },
		{ "speed", required_argument, NULL, 'S' },
		{ "duration", required_argument, NULL, 'd' },
		{ "seed", required_argument, NULL, 'r' },
		{ "count-frames", required_argument, NULL, 'n' },
		{ "no-time", no_argument, NULL, 'N' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct lws_context_creation_info info;
	struct fohsim			*s;
	struct sigaction		 sa;
	struct timespec			 ts;
	const char			*conf = NULL, *scn = NULL;
	const char			*url = "ws://127.0.0.1:7680/ingest";
	char				 err[512], text[128];
	double				 duration = 0;
	uint64_t			 seed = 0, n, ms;
	int				 ch, have_seed = 0, rv;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		fprintf(stderr, "foh-sim: out of memory\n");
		return (EX_OSERR);
	}
	fohsim = s;
	s->speed = 1;
	s->timestamps = 1;
	while ((ch = getopt_long(argc, argv, "c:hs:V", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			conf = optarg;
			break;
		case 's':
			scn = optarg;
			break;
		case 'u':
			url = optarg;
			break;
		case 't':
			if (*optarg == '\0' || strlen(optarg) >=
			    VCONF_TOKEN_MAX) {
				fprintf(stderr, "foh-sim: --token must be 1-%d "
				    "bytes\n", VCONF_TOKEN_MAX - 1);
				return (EX_USAGE);
			}
			s->token = optarg;
			break;
		case 'S':
			if (cfg_opt_double("foh-sim", "--speed", optarg, 0,
			    1e6, &s->speed) != 0)
				return (EX_USAGE);
			break;
		case 'd':	/* 1 ms to 365 days, cfg_duration's grammar */
			if (cfg_opt_duration("foh-sim", "--duration", optarg,
			    1, 31536000000ULL, 0, &ms) != 0)
				return (EX_USAGE);
			duration = (double)ms / 1000.0;
			break;
		case 'r':
			if (cfg_opt_uint("foh-sim", "--seed", optarg, 0,
			    UINT64_MAX, &seed) != 0)
				return (EX_USAGE);
			have_seed = 1;
			break;
		case 'n':
			if (cfg_opt_uint("foh-sim", "--count-frames", optarg, 1,
			    1000000000000000ULL, &n) != 0)
				return (EX_USAGE);
			s->count_frames = n;
			break;
		case 'N':
			s->timestamps = 0;
			break;
		case 'h':
			fohsim_usage(stdout);
			return (0);
		case 'V':
			printf("foh-sim %s\n", PACKAGE_VERSION);
			return (0);
		default:
			fohsim_usage(stderr);
			return (EX_USAGE);
		}
	}
	if (optind != argc || conf == NULL) {
		if (conf == NULL)
			fprintf(stderr, "foh-sim: no venue config: give "
			    "-c VENUE.conf\n");
		fohsim_usage(stderr);
		return (EX_USAGE);
	}
	if (fohsim_url(s, url) != 0)
		return (EX_USAGE);

	if ((s->venue = calloc(1, sizeof(*s->venue))) == NULL ||
	    (s->batch = calloc(1, sizeof(*s->batch))) == NULL ||
	    (s->frame = malloc(LWS_PRE + FOHSIM_FRAME_MAX)) == NULL ||
	    (s->rx = malloc(FOHSIM_RX_MAX + 1)) == NULL) {
		fprintf(stderr, "foh-sim: out of memory\n");
		return (EX_OSERR);
	}
	if (vconf_load_file(s->venue, conf, err, sizeof(err)) != 0) {
		fprintf(stderr, "foh-sim: %s\n", err);
		return (EX_CONFIG);
	}
	if (scn != NULL)
		rv = scenario_load(&s->sc, scn, s->venue, err, sizeof(err));
	else {
		snprintf(text, sizeof(text), "[scenario]\nvenue = %s\n",
		    s->venue->id);
		rv = scenario_load_string(&s->sc, "(baseline)", text, s->venue,
		    err, sizeof(err));
	}
	if (rv != 0) {
		fprintf(stderr, "foh-sim: %s\n", err);
		return (EX_CONFIG);
	}
	if (have_seed)
		scenario_reseed(&s->sc, seed);
	s->duration_s = duration > 0 ? duration : s->sc.duration_s;
	clock_gettime(CLOCK_REALTIME, &ts);
	s->epoch_ms = (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;

	lws_set_log_level(LLL_ERR | LLL_WARN, fohsim_log);
	memset(&info, 0, sizeof(info));
	info.port = CONTEXT_PORT_NO_LISTEN;
	info.protocols = fohsim_protocols;
	info.gid = -1;
	info.uid = -1;
	if (s->tls)
		info.options |= LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
	if ((s->ctx = lws_create_context(&info)) == NULL) {
		fprintf(stderr, "foh-sim: cannot start libwebsockets\n");
		return (EX_SOFTWARE);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fohsim_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	fohsim_connect(NULL);
	while (!s->finished) {
		if (lws_service(s->ctx, 0) < 0)
			break;
	}
	lws_context_destroy(s->ctx);
	s->ctx = NULL;
	fohsim_summary(s);

	rv = s->exit_code;
	scenario_free(&s->sc);
	free(s->rx);
	free(s->frame);
	free(s->batch);
	free(s->venue);
	free(s);
	fohsim = NULL;
	return (rv);
}
