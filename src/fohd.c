/*
 * fohd.c: the venue agent's program. Reads the venue config, opens the
 * venue's stream (PUB) and control (REP) sockets, and runs the agent until
 * SIGTERM or SIGINT.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "agent.h"
#include "clock.h"
#include "vconf.h"

static int	fohd_sigpipe[2] = { -1, -1 };

/* Print usage to f. */
static void
fohd_usage(FILE *f)
{
	fprintf(f,
	    "usage: fohd [-hV] [-c file] [--stream URL] [--control URL]\n"
	    "\n"
	    "  -c, --config FILE   venue config (default " SYSCONFDIR
	    "/foh/fohd.conf)\n"
	    "      --stream URL    listen for subscribers here (overrides "
	    "the config)\n"
	    "      --control URL   answer control requests here (overrides "
	    "the config)\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\n"
	    "See fohd(8) and proto/PROTOCOL.md.\n");
}

/* Signal handler: wake the main loop through the pipe. */
static void
fohd_signal(int sig)
{
	int	saved = errno;
	char	c = (char)sig;

	if (write(fohd_sigpipe[1], &c, 1) < 0) {
		/* Nothing to do: the loop also wakes on its timer. */
	}
	errno = saved;
}

/* Install the stop signals. */
static int
fohd_signals(void)
{
	struct sigaction	sa;

	if (pipe(fohd_sigpipe) != 0)
		return (-1);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fohd_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) != 0 ||
	    sigaction(SIGINT, &sa, NULL) != 0)
		return (-1);
	signal(SIGPIPE, SIG_IGN);
	return (0);
}

/* Run until a stop signal. Returns the signal number. */
static int
fohd_loop(struct agent *a)
{
	struct pollfd	pfd[2];
	uint64_t	now, next;
	char		sig = 0;

	for (;;) {
		now = clock_mono_ms();
		next = agent_next_ms(a);
		pfd[0].fd = agent_fd(a);
		pfd[0].events = POLLIN;
		pfd[1].fd = fohd_sigpipe[0];
		pfd[1].events = POLLIN;
		if (poll(pfd, 2, next > now ? (int)(next - now) : 0) < 0 &&
		    errno != EINTR)
			return (0);
		if (pfd[1].revents & POLLIN) {
			if (read(fohd_sigpipe[0], &sig, 1) == 1)
				return (sig);
		}
		agent_service(a, clock_mono_ms());
	}
}

int
main(int argc, char **argv)
{
	static const struct option	longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ "stream",	required_argument,	NULL, 's' },
		{ "control",	required_argument,	NULL, 'C' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	const char	*path = SYSCONFDIR "/foh/fohd.conf";
	const char	*stream = NULL, *control = NULL;
	struct vconf	 conf;
	struct agent	*a;
	char		 err[512];
	int		 ch, sig;

	setlocale(LC_ALL, "");
	while ((ch = getopt_long(argc, argv, "c:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 's':
			stream = optarg;
			break;
		case 'C':
			control = optarg;
			break;
		case 'h':
			fohd_usage(stdout);
			return (0);
		case 'V':
			printf("fohd %s (protocol %d)\n", PACKAGE_VERSION,
			    FOHP_VERSION);
			return (0);
		default:
			fohd_usage(stderr);
			return (EX_USAGE);
		}
	}
	if (optind != argc) {
		fohd_usage(stderr);
		return (EX_USAGE);
	}
	if (vconf_load_file(&conf, path, err, sizeof(err)) != 0) {
		fprintf(stderr, "fohd: error: %s\n", err);
		return (EX_CONFIG);
	}
	if (stream != NULL)
		snprintf(conf.stream, sizeof(conf.stream), "%s", stream);
	if (control != NULL)
		snprintf(conf.control, sizeof(conf.control), "%s", control);
	if (conf.stream[0] == '\0' || conf.control[0] == '\0') {
		fprintf(stderr, "fohd: error: %s: [venue] needs stream and "
		    "control URLs\n", path);
		return (EX_CONFIG);
	}
	if (fohd_signals() != 0) {
		fprintf(stderr, "fohd: error: signals: %s\n", strerror(errno));
		return (EX_OSERR);
	}
	if ((a = agent_open(&conf, err, sizeof(err))) == NULL) {
		fprintf(stderr, "fohd: error: %s\n", err);
		return (EX_UNAVAILABLE);
	}
	fprintf(stderr, "fohd: info: venue %s (%u zones): stream %s, control "
	    "%s\n", conf.id, conf.layout.nzones, conf.stream, conf.control);
	sig = fohd_loop(a);
	fprintf(stderr, "fohd: info: stopping on signal %d: %llu published, "
	    "%llu requests answered\n", sig,
	    (unsigned long long)agent_stats(a)->published,
	    (unsigned long long)agent_stats(a)->requests);
	agent_close(a);
	return (0);
}
