/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * foh.c: the console's program.
 *
 * One thread, one poll(2): the terminal, every venue's stream and control
 * descriptors, and a timer. Messages are applied to the store as they
 * arrive; the screen is drawn at most fps times a second and only when
 * something changed, except that a new critical alert is drawn at once. With
 * --demo, the demo venues run as agents on a second thread and are reached
 * over inproc:// sockets exactly as a real fohd is over tcp or ipc.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "core/bell.h"
#include "console/cconf.h"
#include "lib/cfg.h"
#include "lib/clock.h"
#include "console/demo.h"
#include "console/feed.h"
#include "console/jsonout.h"
#include "console/signer.h"
#include "core/store.h"
#include "ui/theme.h"
#include "net/transport.h"
#include "ui/ui.h"
#include "foh.h"

struct foh {
	struct store	*store;
	struct feed_ctx	 ctx;
	struct feed	**feeds;	/* each its own allocation: nng holds
					   a pointer to it for pipe events */
	unsigned	 nfeeds;
	struct foh_poll	 poll;		/* the loop's (foh-poll.c) */
	struct demo	*demo;
	struct ui	*ui;
	struct bell	 bell;		/* when to ring the terminal's bell */
	struct transport_tls arg_tls;	/* --ca, --cert, --key: for the URLs
					   of the command line */
	unsigned	 fps;
	char		 operator_name[FOHP_ID_MAX];
	struct signer	 signer;	/* signs requests (feed_ctx's) */
	char		 signing[FOH_SIGNING_MAX];	/* for diagnostics */
	/* Frame build times, for FOH_BENCH (make bench). */
	uint64_t	 frames;
	uint64_t	 frame_ns_sum;
	uint64_t	 frame_ns_max;
};

static int	foh_sigpipe[2] = { -1, -1 };

/* Print usage to f. */
static void
foh_usage(FILE *f)
{
	fprintf(f,
	    "usage: foh [-aCdhjrV] [-c FILE] [-f N] [-k[N]] [-o NAME] "
	    "[-t NAME]\n"
	    "           [--bell no|critical|all] [--linger D] "
	    "[--identity FILE]\n"
	    "           [--ca FILE [--cert FILE --key FILE]] [--replay D]\n"
	    "           [--link MODE] [--demo[=N]] [--seed N] [--freeze S]\n"
	    "           [STREAM[,CONTROL] ...]\n");
	foh_oneshot_synopsis(f);
	fprintf(f,
	    "\n"
	    "  -c, --config FILE   console config (default "
	    "$XDG_CONFIG_HOME/foh/foh.conf)\n"
	    "  -d, --demo[=N]      run N simulated venues in process (3; "
	    "at most 300)\n"
	    "  -f, --fps N         cap frames per second (default 4)\n"
	    "      --link MODE     the terminal's link: auto (frames wait for "
	    "it; no raster\n"
	    "                      when slow), slow (no raster), fast\n"
	    "  -a, --ascii         draw with ASCII only\n"
	    "  -C, --no-color      no colours (also when NO_COLOR is set)\n"
	    "  -r, --readonly      control keys do nothing (and say so)\n"
	    "  -k, --kiosk[=N]     wall monitor: read-only, rotate every N s "
	    "(20)\n"
	    "      --bell MODE     ring on a new unattended alert: no, "
	    "critical, all\n"
	    "  -o, --operator NAME who acknowledges (default $USER)\n"
	    "      --identity FILE the SSH key that signs requests (default: "
	    "ssh-agent's)\n"
	    "      --linger D      resolved alerts stay in the queue D "
	    "(default 30s)\n"
	    "      --replay D      venues through NATS: replay the last D at "
	    "start (10m)\n"
	    "  -t, --theme NAME    colour theme (dark, light, high-contrast, "
	    "...)\n"
	    "  -j, --json          no screen: changes as JSON lines on "
	    "stdout\n"
	    "      --seed N        demo simulator seed\n"
	    "      --freeze S      play the demo's first S seconds, then "
	    "stop time\n"
	    "      --ca FILE       tls+tcp:// and wss:// URLs given here: the "
	    "CA the venue's\n"
	    "                      certificate must come from (its name is "
	    "checked too)\n"
	    "      --cert FILE     ... and our certificate, for a venue that "
	    "asks for one\n"
	    "      --key FILE      ... and its private key\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\n"
	    "foh ack --help (and each one-shot command's) lists its "
	    "options.\n"
	    "STREAM is a venue's stream URL, e.g. tcp://10.0.0.5:7601; its "
	    "control URL\n"
	    "defaults to the next port (tcp) or the .ctl path (ipc).\n"
	    "A venue through NATS: nats://HOST:PORT/VENUE or tls://... "
	    "(TLS: --ca ...).\n"
	    "Keys: [ ] venue, Tab venue list, 1-7 views, 2 alerts, Enter why, "
	    "a ack, ? help,\n< > sort, / filter, p pause, q quit. See "
	    "foh(1).\n");
}

/* Signal handler: wake the loop through the pipe. */
static void
foh_signal(int sig)
{
	int	saved = errno;
	char	c = (char)sig;

	if (write(foh_sigpipe[1], &c, 1) < 0) {
		/* The loop wakes on its timer anyway. */
	}
	errno = saved;
}

/* Add a feed for a venue at stream[,control], with tls (or NULL). */
static int
foh_add(struct foh *f, const char *id, const char *stream,
    const char *control, const struct transport_tls *tls, char *err,
    size_t errlen)
{
	struct store_venue	 *v;
	struct feed		**feeds, *feed;

	if ((v = store_venue_add(f->store, id)) == NULL) {
		snprintf(err, errlen, "too many venues: a console watches at "
		    "most %d", STORE_VENUES_MAX);
		return (-1);
	}
	feeds = realloc(f->feeds, (f->nfeeds + 1) * sizeof(*feeds));
	if (feeds == NULL || (feed = calloc(1, sizeof(*feed))) == NULL) {
		if (feeds != NULL)
			f->feeds = feeds;
		snprintf(err, errlen, "out of memory");
		return (-1);
	}
	f->feeds = feeds;
	if (feed_open(feed, stream, control, tls, v, err, errlen) != 0) {
		free(feed);
		return (-1);
	}
	f->feeds[f->nfeeds++] = feed;
	return (0);
}

/* Add a feed from a command-line argument STREAM[,CONTROL]. */
static int
foh_add_arg(struct foh *f, const char *arg, char *err, size_t errlen)
{
	char	 stream[FEED_URL_MAX];
	char	*comma;

	if (strlen(arg) >= sizeof(stream)) {
		snprintf(err, errlen, "URL too long: %s", arg);
		return (-1);
	}
	strcpy(stream, arg);
	if ((comma = strchr(stream, ',')) != NULL)
		*comma++ = '\0';
	if (strstr(stream, "://") == NULL) {
		snprintf(err, errlen, "\"%s\" is not a URL like "
		    "tcp://127.0.0.1:7601", stream);
		return (-1);
	}
	if (feed_url_nats(stream) && comma != NULL) {
		snprintf(err, errlen, "%s is a venue through NATS: it has no "
		    "control URL (requests go over foh.VENUE.ctl)", stream);
		return (-1);
	}
	if (transport_url_tls(stream) && (f->arg_tls.ca == NULL ||
	    *f->arg_tls.ca == '\0')) {
		snprintf(err, errlen, "%s is a TLS URL: give --ca FILE, the CA "
		    "the venue's certificate comes from", stream);
		return (-1);
	}
	return (foh_add(f, "", stream, comma, &f->arg_tls, err, errlen));
}

/*
 * Start the demo if asked, open a feed for every venue named in the config
 * and on the command line, and set up the stop signals. Returns 0 or an exit
 * status, having said why.
 */
static int
foh_open(struct foh *f, const struct cconf *conf, const char *path,
    unsigned demo, unsigned long long seed, uint64_t freeze_ms, int nargs,
    char **args)
{
	struct sigaction	sa;
	struct transport_tls	tls;
	char			err[512];
	unsigned		i;
	int			j;

	if (demo) {
		if ((f->demo = demo_start(demo, seed, freeze_ms, err,
		    sizeof(err))) == NULL) {
			fprintf(stderr, "foh: demo: %s\n", err);
			return (EX_SOFTWARE);
		}
		for (i = 0; i < demo_count(f->demo); i++) {
			const struct vconf *c = demo_conf(f->demo, i);

			if (foh_add(f, c->id, c->stream, c->control, NULL,
			    err, sizeof(err)) != 0) {
				fprintf(stderr, "foh: demo: %s\n", err);
				return (EX_SOFTWARE);
			}
			/* Its agents run here: a signature proves nothing. */
			f->feeds[f->nfeeds - 1]->no_sign = 1;
		}
	}
	for (i = 0; i < conf->nvenues; i++) {
		const struct cconf_venue	*cv = &conf->venues[i];

		memset(&tls, 0, sizeof(tls));
		tls.ca = cv->ca;
		tls.cert = cv->cert;
		tls.key = cv->key;
		if (foh_add(f, cv->id, cv->stream, cv->control, &tls, err,
		    sizeof(err)) != 0) {
			fprintf(stderr, "foh: %s: venue %s: %s\n", path,
			    conf->venues[i].id, err);
			return (EX_CONFIG);
		}
	}
	for (j = 0; j < nargs; j++) {
		if (foh_add_arg(f, args[j], err, sizeof(err)) != 0) {
			fprintf(stderr, "foh: %s\n", err);
			return (EX_USAGE);
		}
	}
	if (pipe(foh_sigpipe) != 0) {
		fprintf(stderr, "foh: pipe: %s\n", strerror(errno));
		return (EX_OSERR);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = foh_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	return (0);
}

/* Say now, on stderr, if a theme will not load; the default is used. */
static void
foh_check_theme(const char *name)
{
	struct theme	t, dark;
	char		path[1024], err[512], names[512], where[1024];

	theme_builtin_dark(&dark);
	if (theme_find(name, path, sizeof(path)) != 0) {
		/* Apart: where is filled by theme_names, and the order in
		 * which arguments are evaluated is not set. */
		theme_names(names, sizeof(names), where, sizeof(where));
		fprintf(stderr, "foh: no theme %s: there are %s (in %s): "
		    "using dark\n", name, names, where[0] != '\0' ? where :
		    "no theme directory");
	} else if (theme_load_file(&t, path, &dark, err, sizeof(err)) < 0)
		fprintf(stderr, "foh: %s: using the dark theme\n", err);
}

/* The feed of the store's venue i. */
static struct feed *
foh_feed_of(struct foh *f, unsigned venue)
{
	unsigned	i;

	for (i = 0; i < f->nfeeds; i++) {
		if (f->feeds[i]->venue == f->store->venues[venue])
			return (f->feeds[i]);
	}
	return (f->feeds[0]);
}

/* Count a frame's build time (FOH_BENCH reports them at exit). */
static void
foh_frame_time(struct foh *f, uint64_t ns)
{
	f->frames++;
	f->frame_ns_sum += ns;
	if (ns > f->frame_ns_max)
		f->frame_ns_max = ns;
}

/* Send the control requests the user made to their venues' agents. */
static void
foh_requests(struct foh *f, uint64_t now)
{
	struct ui_request	r;
	struct feed_op		op;
	char			err[256];

	while (ui_take_request(f->ui, &r) == 0) {
		if (r.venue >= f->nfeeds)
			continue;
		if (strcmp(r.op, "summary") == 0) {	/* issue 15 */
			if (feed_summary(foh_feed_of(f, r.venue), r.hours) != 0)
				ui_message(f->ui, now, "summary: out of memory");
			continue;
		}
		memset(&op, 0, sizeof(op));
		memcpy(op.op, r.op, sizeof(op.op));
		op.alert = r.alert;
		memcpy(op.operator_name, f->operator_name,
		    sizeof(op.operator_name));
		memcpy(op.comment, r.comment, sizeof(op.comment));
		op.expiry_s = r.expiry_s;
		op.duration_s = r.duration_s;
		memcpy(op.reason, r.reason, sizeof(op.reason));
		op.ack_type = r.ack_type;
		if (feed_op(foh_feed_of(f, r.venue), &op, now, err,
		    sizeof(err)) != 0)
			ui_message(f->ui, now, "%s #%llu: not sent: %s", r.op,
			    (unsigned long long)r.alert, err);
		else
			ui_message(f->ui, now, "%s #%llu sent as %s, waiting "
			    "for the answer (%d s at most)", r.op,
			    (unsigned long long)r.alert, f->operator_name,
			    FEED_OP_TIMEOUT_MS / 1000);
	}
}

/*
 * Service the feeds that have work (feed_due: a descriptor polled ready,
 * or a timer); the others are not touched. With ui, show their answers.
 * Returns the STORE_DIRTY_* flags and sets *redraw for an answer.
 */
static unsigned
foh_service(struct foh *f, uint64_t now, struct ui *ui, int *redraw)
{
	char		answer[FOHP_TEXT_MAX + 256];
	unsigned	i, got = 0;

	for (i = 0; i < f->nfeeds; i++) {
		if (!feed_due(f->feeds[i], foh_poll_ready(&f->poll, i), now))
			continue;
		got |= feed_service(f->feeds[i], &f->ctx, now);
		if (ui != NULL && feed_take_answer(f->feeds[i], answer,
		    sizeof(answer))) {
			ui_message(ui, now, "%s", answer);
			*redraw = 1;
		}
	}
	return (got);
}

/* foh --json: no screen; the store's changes as JSON lines on stdout. */
static void
foh_json_loop(struct foh *f)
{
	struct pollfd	*pfd = f->poll.pfd;
	struct jsonout	*j;
	uint64_t	 now;
	unsigned	 n;
	int		 redraw;
	char		 sig;

	if (store_changes_keep(f->store, STORE_CHANGES_DEFAULT) != 0 ||
	    (j = jsonout_new(stdout)) == NULL)
		return;
	for (;;) {
		n = 0;
		pfd[n].fd = foh_sigpipe[0];
		pfd[n].revents = 0;
		pfd[n++].events = POLLIN;
		n = foh_poll_feeds(&f->poll, f->feeds, f->nfeeds, n);
		if (foh_poll_wait(&f->poll, 1, n, 1000) < 0 && errno != EINTR)
			break;
		if ((pfd[0].revents & POLLIN) &&
		    read(foh_sigpipe[0], &sig, 1) == 1)
			break;
		now = clock_mono_ms();
		(void)foh_service(f, now, NULL, &redraw);
		(void)store_tick(f->store, now);
		jsonout_scan(j, f->store, now);
		if (ferror(stdout))
			break;	/* the reader went away */
	}
	jsonout_free(j);
}

/* The console's loop: until q or a signal. */
static void
foh_loop(struct foh *f)
{
	struct pollfd	*pfd = f->poll.pfd;
	uint64_t	now, pace, last_frame = 0, frame_ms = 1000 / f->fps;
	uint64_t	last_second = 0;
	unsigned	i, n, dirty = STORE_DIRTY_VENUES, got;
	int		timeout, in, redraw, wait;
	char		sig;
	uint64_t	t0;

	/*
	 * now is the model's time (frozen under --freeze); pace is real
	 * time, which frames and the once-a-second redraw go by.
	 */
	for (;;) {
		pace = clock_pace_ms();
		/* Wake for the next frame if something waits to be drawn,
		 * else within a second for ages and staleness. */
		if (dirty) {
			timeout = last_frame + frame_ms > pace ?
			    (int)(last_frame + frame_ms - pace) : 0;
			/* The terminal has not shown the last frame yet:
			 * its answer (input) wakes the loop; and each second,
			 * for a venue gone stale (ui_link_urgent). */
			if ((wait = ui_link_wait(f->ui, pace)) > timeout)
				timeout = wait < 1000 ? wait : 1000;
		} else
			timeout = 1000 - (int)((pace - last_second) % 1000);
		/* And when a request's time is up, to say so at once. */
		for (i = 0; i < f->nfeeds; i++) {
			uint64_t at = feed_give_up_at(f->feeds[i]);

			if (at == 0)
				continue;
			if (at <= pace)
				timeout = 0;
			else if ((int)(at - pace) < timeout)
				timeout = (int)(at - pace);
		}
		n = 0;
		pfd[n].fd = STDIN_FILENO;
		pfd[n].revents = 0;
		pfd[n++].events = POLLIN;
		pfd[n].fd = foh_sigpipe[0];
		pfd[n].revents = 0;
		pfd[n++].events = POLLIN;
		n = foh_poll_feeds(&f->poll, f->feeds, f->nfeeds, n);
		if (foh_poll_wait(&f->poll, 2, n, timeout) < 0 && errno != EINTR)
			return;
		if (pfd[1].revents & POLLIN) {
			if (read(foh_sigpipe[0], &sig, 1) == 1)
				return;
		}
		now = clock_mono_ms();
		pace = clock_pace_ms();
		in = 0;
		if (pfd[0].revents & (POLLIN | POLLHUP))
			in = ui_input(f->ui, f->store);
		else if (errno == EINTR)
			in = ui_input(f->ui, f->store);	/* SIGWINCH */
		if (in & UI_QUIT)
			return;
		if (in & UI_REQUEST)
			foh_requests(f, now);
		redraw = 0;
		got = foh_service(f, now, f->ui, &redraw);
		if (redraw)
			in |= UI_REDRAW;
		dirty |= got;
		/* After the messages, before the frame: ring for the new. */
		if ((got & (STORE_DIRTY_ALERTS | STORE_DIRTY_CRITICAL)) &&
		    bell_scan(&f->bell, f->store) > 0)
			ui_bell(f->ui);
		in |= ui_tick(f->ui, f->store, now);
		dirty |= store_tick(f->store, now);
		if (pace - last_second >= 1000) {
			last_second = pace;
			dirty |= STORE_DIRTY_VENUES;	/* "updated N s ago" */
		}
		/* Keys and a new critical at once; the rest at the frame
		 * rate, once the terminal has shown the last frame, unless
		 * a venue's link or open alerts changed (never shown late). */
		if ((in & UI_REDRAW) || (dirty & STORE_DIRTY_CRITICAL) ||
		    (dirty && pace - last_frame >= frame_ms &&
		    (ui_link_wait(f->ui, pace) == 0 ||
		    ui_link_urgent(f->ui, f->store)))) {
			t0 = clock_mono_ns();
			ui_draw(f->ui, f->store, now);
			ui_link_shown(f->ui, f->store);
			foh_frame_time(f, clock_mono_ns() - t0);
			last_frame = pace;
			dirty = 0;
			f->store->dirty = 0;
		}
		errno = 0;
	}
}

int
main(int argc, char **argv)
{
	static const struct option	longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ "demo",	optional_argument,	NULL, 'd' },
		{ "fps",	required_argument,	NULL, 'f' },
		{ "ascii",	no_argument,		NULL, 'a' },
		{ "no-color",	no_argument,		NULL, 'C' },
		{ "seed",	required_argument,	NULL, 'S' },
		{ "freeze",	required_argument,	NULL, 'Z' },
		{ "readonly",	no_argument,		NULL, 'r' },
		{ "kiosk",	optional_argument,	NULL, 'k' },
		{ "operator",	required_argument,	NULL, 'o' },
		{ "theme",	required_argument,	NULL, 't' },
		{ "json",	no_argument,		NULL, 'j' },
		{ "ca",		required_argument,	NULL, 'A' },
		{ "cert",	required_argument,	NULL, 'E' },
		{ "key",	required_argument,	NULL, 'K' },
		{ "bell",	required_argument,	NULL, 'B' },
		{ "linger",	required_argument,	NULL, 'L' },
		{ "replay",	required_argument,	NULL, 'P' },
		{ "identity",	required_argument,	NULL, 'I' },
		{ "link",	required_argument,	NULL, 'N' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct foh		 f;
	struct cconf		 conf;
	struct ui_options	 uo;
	const char		*path = NULL, *nc;
	char			 def[1024], why[256];
	uint64_t		 fps = 0, seed = 0, freeze_ms = 0, kiosk_ms = 0;
	uint64_t		 linger_ms = UINT64_MAX;	/* not given */
	uint64_t		 replay_ms = UINT64_MAX;	/* not given */
	unsigned		 i;
	uint64_t		 demo = 0;	/* venues; 0: no demo */
	int			 ch, ascii = 0, mono = 0, rv = 0;
	int			 readonly = 0, json = 0, bell = -1;
	enum bell_mode		 mode;
	enum cconf_link		 link_mode;
	int			 link = -1;	/* --link, not given */
	const char		*theme = NULL, *operator_name = NULL;
	const char		*identity = NULL;

	setlocale(LC_ALL, "");
#ifdef M_MMAP_THRESHOLD
	/* 64 KiB blocks and up mapped apart, unmapped when freed: nng's
	 * queues the feeds shrink (feed.c) left 0.1 MB a venue resident. */
	mallopt(M_MMAP_THRESHOLD, 64 * 1024);
#endif
	if (argc > 1 && foh_oneshot_is(argv[1]))
		return (foh_oneshot(argc - 1, argv + 1));
	memset(&f, 0, sizeof(f));
	while ((ch = getopt_long(argc, argv, "c:df:aCrk::o:t:jhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'd':
			demo = DEMO_VENUES;
			if (optarg != NULL && cfg_opt_uint("foh", "--demo",
			    optarg, 1, DEMO_VENUES_MAX, &demo) != 0)
				return (EX_USAGE);
			break;
		case 'f':
			if (cfg_opt_uint("foh", "--fps", optarg, 1, 60,
			    &fps) != 0)
				return (EX_USAGE);
			break;
		case 'a':
			ascii = 1;
			break;
		case 'C':
			mono = 1;
			break;
		case 'S':
			if (cfg_opt_uint("foh", "--seed", optarg, 0,
			    UINT64_MAX, &seed) != 0)
				return (EX_USAGE);
			break;
		case 'Z':
			if (cfg_opt_duration("foh", "--freeze", optarg, 1,
			    86400000, 0, &freeze_ms) != 0)
				return (EX_USAGE);
			break;
		case 'r':
			readonly = 1;
			break;
		case 'k':
			kiosk_ms = 20000;
			if (optarg != NULL && cfg_opt_duration("foh",
			    "--kiosk", optarg, CCONF_KIOSK_MIN_S * 1000,
			    CCONF_KIOSK_MAX_S * 1000, 1, &kiosk_ms) != 0)
				return (EX_USAGE);
			break;
		case 'o':
			operator_name = optarg;
			break;
		case 't':
			theme = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'A':
			f.arg_tls.ca = optarg;
			break;
		case 'E':
			f.arg_tls.cert = optarg;
			break;
		case 'K':
			f.arg_tls.key = optarg;
			break;
		case 'B':
			if (bell_mode_parse(optarg, &mode) != 0) {
				fprintf(stderr, "foh: --bell: '%s' is not no, "
				    "critical or all\n", optarg);
				return (EX_USAGE);
			}
			bell = (int)mode;
			break;
		case 'L':
			if (cfg_opt_duration("foh", "--linger", optarg, 0,
			    CCONF_LINGER_MAX_MS, 0, &linger_ms) != 0)
				return (EX_USAGE);
			break;
		case 'P':
			if (cfg_opt_duration("foh", "--replay", optarg, 0,
			    CCONF_REPLAY_MAX_MS, 0, &replay_ms) != 0)
				return (EX_USAGE);
			break;
		case 'I':
			identity = optarg;
			break;
		case 'N':
			if (cconf_link_parse(optarg, &link_mode) != 0) {
				fprintf(stderr, "foh: --link: '%s' is not "
				    "auto, slow or fast\n", optarg);
				return (EX_USAGE);
			}
			link = (int)link_mode;
			break;
		case 'h':
			foh_usage(stdout);
			return (0);
		case 'V':
			foh_version();
			return (0);
		default:
			foh_usage(stderr);
			return (EX_USAGE);
		}
	}
	/* No venues named: the user's config. */
	if (foh_conf_load(&conf, &path, !demo && optind == argc, def,
	    sizeof(def)) != 0)
		return (EX_CONFIG);
	if (fps != 0)
		conf.fps = (unsigned)fps;
	if (linger_ms != UINT64_MAX)
		conf.linger_ms = linger_ms;
	if (replay_ms != UINT64_MAX)
		conf.replay_ms = replay_ms;
	if (link >= 0)
		conf.link = (enum cconf_link)link;
	feed_set_replay(conf.replay_ms);
	if (!demo && optind == argc && conf.nvenues == 0) {
		fprintf(stderr, "foh: no venues: give STREAM URLs, a config "
		    "with -c, or --demo\n");
		foh_usage(stderr);
		return (EX_USAGE);
	}
	f.fps = conf.fps;
	/* The key that signs, now: one asked for and unusable stops us. */
	if ((rv = foh_signer_open(&f.signer, identity, &conf, f.signing,
	    sizeof(f.signing))) != 0)
		return (rv);
	if ((f.store = store_new()) == NULL ||
	    feed_ctx_init(&f.ctx, f.store) != 0) {
		fprintf(stderr, "foh: out of memory\n");
		store_free(f.store);
		signer_close(&f.signer);
		return (EX_OSERR);
	}
	f.ctx.signer = &f.signer;
	if (theme != NULL || conf.theme[0] != '\0')
		foh_check_theme(theme != NULL ? theme : conf.theme);
	foh_nofile();
	if ((rv = foh_open(&f, &conf, path, (unsigned)demo, seed,
	    freeze_ms, argc - optind,
	    argv + optind)) == 0 && foh_poll_alloc(&f.poll, f.nfeeds) != 0) {
		fprintf(stderr, "foh: out of memory\n");
		rv = EX_OSERR;
	}
	if (rv == 0 && json) {
		signal(SIGPIPE, SIG_IGN);
		foh_json_loop(&f);
	} else if (rv == 0) {
		memset(&uo, 0, sizeof(uo));
		uo.ascii = ascii || conf.ascii;
		nc = getenv("NO_COLOR");
		uo.no_color = mono || (nc != NULL && *nc != '\0');
		uo.title = demo ? "demo" : NULL;
		uo.readonly = readonly || conf.readonly;
		uo.kiosk_s = kiosk_ms != 0 ? (unsigned)(kiosk_ms / 1000) :
		    conf.kiosk_s;
		/* --bell, else foh.conf's bell, else critical in a kiosk. */
		if (bell < 0)
			bell = conf.bell;
		if (bell < 0)
			bell = uo.kiosk_s > 0 ? BELL_CRITICAL : BELL_NO;
		bell_init(&f.bell, (enum bell_mode)bell);
		uo.linger_ms = conf.linger_ms;
		uo.link = (enum ui_link_mode)conf.link;
		foh_operator(f.operator_name, sizeof(f.operator_name),
		    operator_name, &conf);
		uo.operator_name = f.operator_name;
		if (demo && f.signer.kind != SIGNER_NONE)	/* no_sign */
			snprintf(f.signing + strlen(f.signing),
			    sizeof(f.signing) - strlen(f.signing),
			    "; the demo's venues take requests unsigned");
		uo.signing = f.signing;
		uo.theme = theme != NULL ? theme : conf.theme[0] != '\0' ?
		    conf.theme : NULL;
		/* After the venues, so their errors come first. */
		if (ui_usable(why, sizeof(why)) != 0) {
			fprintf(stderr, "foh: %s\n", why);
			rv = EX_UNAVAILABLE;
		} else if ((f.ui = ui_new(&uo)) == NULL) {
			fprintf(stderr, "foh: cannot use this terminal "
			    "(TERM=%s)\n", getenv("TERM") != NULL ?
			    getenv("TERM") : "");
			rv = EX_UNAVAILABLE;
		} else {
			if (uo.theme != NULL)
				(void)ui_theme(f.ui, uo.theme);
			foh_loop(&f);
			ui_free(f.ui);
			if (getenv("FOH_BENCH") != NULL && f.frames > 0)
				fprintf(stderr, "foh: bench: %llu frames, mean "
				    "%.3f ms, max %.3f ms to build\n",
				    (unsigned long long)f.frames,
				    f.frame_ns_sum / 1e6 / f.frames,
				    f.frame_ns_max / 1e6);
		}
	}
	/* Closing hundreds of nng sockets one by one takes nng seconds to
	 * minutes after they reconnected (22 s at 256 venues, more under
	 * load): with that many, the process's exit frees them at once. */
	if (f.nfeeds > 64)
		exit(rv);
	for (i = 0; i < f.nfeeds; i++) {
		feed_close(f.feeds[i]);
		free(f.feeds[i]);
	}
	free(f.feeds);
	foh_poll_free(&f.poll);
	bell_fini(&f.bell);
	demo_stop(f.demo);
	feed_ctx_fini(&f.ctx);
	store_free(f.store);
	signer_close(&f.signer);
	return (rv);
}
