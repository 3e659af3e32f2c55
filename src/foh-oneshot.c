/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * foh-oneshot.c: the console's one-shot control commands, for scripts and
 * the shell: foh ack URL ALERT -m TEXT [-e MIN] [--non-sticky] (and unack,
 * shelve -d MIN -m REASON, unshelve, comment -m TEXT, approve [-m TEXT]).
 *
 * One request to the venue whose stream (or control) URL, or foh.conf
 * venue id, is given; no screen, no stream. The answer is printed and the
 * exit status says what became of it: 0 carried out, 1 refused, 64 a bad
 * command line, 69 nobody answered within FEED_OP_TIMEOUT_MS, 77 it could
 * not be signed (not sent), 78 a bad foh.conf or identity.
 *
 * The request is signed as the console signs (signer.h, foh_signer_open),
 * its ts this host's wall clock. A signed request names its venue: a
 * foh.conf venue's id, or, for a URL, the venue the agent names in its
 * answer to an unsigned "alerts" request for the alert (asked first).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "console/cconf.h"
#include "console/feed.h"
#include "console/signer.h"
#include "lib/cfg.h"
#include "lib/clock.h"
#include "net/transport.h"
#include "foh.h"

/* The one-shot commands: foh OP URL ALERT [-m TEXT] ... */
static const char *const foh_oneshot_ops[] = {
	"ack", "unack", "shelve", "unshelve", "comment", "approve", NULL
};

/* Is name a one-shot command? */
int
foh_oneshot_is(const char *name)
{
	unsigned	i;

	for (i = 0; foh_oneshot_ops[i] != NULL; i++) {
		if (strcmp(name, foh_oneshot_ops[i]) == 0)
			return (1);
	}
	return (0);
}

/* The one-shot commands' usage lines, for foh --help. */
void
foh_oneshot_synopsis(FILE *f)
{
	fprintf(f,
	    "       foh ack|unack|shelve|unshelve|comment|approve [-hV] "
	    "[-c FILE]\n"
	    "           [--ca FILE [--cert FILE --key FILE]]\n"
	    "           [-m TEXT] [-e MIN] [-d MIN] [-o OPERATOR] "
	    "[--non-sticky]\n"
	    "           [--identity FILE] VENUE|URL ALERT\n");
}

/* Print command op's usage to f: every option it takes. */
static void
foh_oneshot_usage(FILE *f, const char *op)
{
	int	ack = strcmp(op, "ack") == 0;

	fprintf(f, "usage: foh %s [-hV] [-c FILE] [-m TEXT] [-e MIN] "
	    "[--ca FILE]\n           [--cert FILE --key FILE] "
	    "[-d MIN] [-o OPERATOR]\n"
	    "           [--identity FILE] %sVENUE|URL ALERT\n"
	    "\n"
	    "Send one %s request for alert ALERT to a venue's agent and "
	    "print the answer.\n"
	    "VENUE is a venue of the console config; URL is its stream or "
	    "control URL.\n"
	    "\n"
	    "  -c, --config FILE   console config (default "
	    "$XDG_CONFIG_HOME/foh/foh.conf)\n"
	    "  -m, --message TEXT  the comment (the reason, for shelve)\n"
	    "  -e, --expiry MIN    ack: the acknowledgement ends after MIN "
	    "minutes\n"
	    "  -d, --duration MIN  shelve: for MIN minutes\n"
	    "  -o, --operator NAME who acts (default: the config's "
	    "operator, else $USER)\n"
	    "      --ca FILE       a tls+tcp:// or wss:// URL: the CA the "
	    "venue's certificate\n"
	    "                      must come from (its name is checked too)\n"
	    "      --cert FILE     ... and our certificate, for a venue that "
	    "asks for one\n"
	    "      --key FILE      ... and its private key\n"
	    "      --non-sticky    ack only: the ack also ends if the alert "
	    "gets worse\n"
	    "      --identity FILE the SSH key that signs (default: "
	    "ssh-agent's first)\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\n"
	    "Exit status: 0 carried out, 1 refused, 64 a bad command line, "
	    "69 no answer\nin %d s, 77 not signed (not sent), 78 a bad config "
	    "or identity.\nSee foh(1), ONE-SHOT COMMANDS.\n",
	    op, ack ? "[--non-sticky] " : "", op, FEED_OP_TIMEOUT_MS / 1000);
}

/*
 * The TLS files of venue id of the console config (path, or the user's
 * foh.conf) into *tls, pointing into a static copy of the config: its ca,
 * cert and key. 0, or an exit status having said why.
 */
static int
foh_oneshot_conf_tls(const char *id, const char *path,
    struct transport_tls *tls)
{
	static struct cconf	 conf;
	char			 def[1024];
	unsigned		 i;

	if (foh_conf_load(&conf, &path, 1, def, sizeof(def)) != 0)
		return (EX_CONFIG);
	for (i = 0; i < conf.nvenues; i++) {
		if (strcmp(conf.venues[i].id, id) != 0)
			continue;
		memset(tls, 0, sizeof(*tls));
		tls->ca = conf.venues[i].ca;
		tls->cert = conf.venues[i].cert;
		tls->key = conf.venues[i].key;
	}
	return (0);
}

/*
 * Venue id's control URL in conf into out: as given, or derived from its
 * stream URL. -1 if conf has no such venue or no URL can be derived.
 */
static int
foh_oneshot_conf_control(const struct cconf *conf, const char *id,
    char *out, size_t len)
{
	unsigned	i;

	for (i = 0; i < conf->nvenues; i++) {
		if (strcmp(conf->venues[i].id, id) == 0)
			return (feed_control_of(conf->venues[i].stream,
			    conf->venues[i].control, out, len));
	}
	return (-1);
}

/*
 * The control URL to send to (into control) from the VENUE|URL operand,
 * the operator (into m's request) when -o did not name one (given is
 * NULL), and for a foh.conf venue its id (into m's venue) and the config
 * (*confp, static; NULL for a URL). 0, or an exit status having said why.
 */
static int
foh_oneshot_control(const char *url, const char *path, const char *given,
    struct fohp_msg *m, const struct cconf **confp, char *control,
    size_t len)
{
	struct fohp_request	*r = &m->u.request;
	static struct cconf	 conf;
	char			 def[1024];

	if (strstr(url, "://") != NULL) {
		/* A stream URL names its control; else it is the control. */
		if (strstr(url, ".ctl") != NULL || feed_control_url(url,
		    control, len) != 0)
			snprintf(control, len, "%s", url);
		foh_operator(r->operator_name, sizeof(r->operator_name),
		    given, NULL);
		*confp = NULL;
		return (0);
	}
	/* A venue of foh.conf: its control URL, and its operator. */
	if (foh_conf_load(&conf, &path, 1, def, sizeof(def)) != 0)
		return (EX_CONFIG);
	if (path == NULL) {
		fprintf(stderr, "foh: \"%s\" is not a URL and there is no "
		    "foh.conf to find it in (-c FILE)\n", url);
		return (EX_USAGE);
	}
	if (foh_oneshot_conf_control(&conf, url, control, len) != 0) {
		fprintf(stderr, "foh: no venue \"%s\" in %s\n", url, path);
		return (EX_USAGE);
	}
	foh_operator(r->operator_name, sizeof(r->operator_name), given,
	    &conf);
	snprintf(m->venue, sizeof(m->venue), "%s", url);
	*confp = &conf;
	return (0);
}

/*
 * The venue's id into m's envelope, for a signed request sent to a URL:
 * the venue the agent names in its answer (a reply or a refusal) to an
 * unsigned "alerts" request for m's alert, asked on a socket of its own
 * within FEED_OP_TIMEOUT_MS. 0, or an exit status having said why.
 */
static int
foh_oneshot_venue(struct fohp_msg *m, const char *control,
    const struct transport_tls *tls)
{
	static struct fohp_msg	 q;
	struct fohp_decoder	 dec;
	struct fohp_err		 err;
	msgpack_sbuffer		 buf;
	nng_socket		 sock;
	void			*data;
	size_t			 len;
	char			 e[512];
	int			 rv = EX_UNAVAILABLE;

	feed_request_init(&q, "", "alerts");
	q.u.request.ids[0] = m->u.request.alert;
	q.u.request.nids = 1;
	msgpack_sbuffer_init(&buf);
	fohp_decoder_init(&dec);
	if (fohp_encode(&buf, &q, 0, &err) != FOHP_OK) {
		fprintf(stderr, "foh: %s\n", err.text);
		rv = EX_USAGE;
	} else if (transport_req_dial(&sock, control, tls, NULL, e,
	    sizeof(e)) != 0)
		fprintf(stderr, "foh: %s\n", e);
	else {
		nng_socket_set_ms(sock, NNG_OPT_SENDTIMEO, FEED_OP_TIMEOUT_MS);
		nng_socket_set_ms(sock, NNG_OPT_RECVTIMEO, FEED_OP_TIMEOUT_MS);
		if (nng_send(sock, buf.data, buf.size, 0) != 0 ||
		    nng_recv(sock, &data, &len, NNG_FLAG_ALLOC) != 0)
			fprintf(stderr, "foh: %s #%llu: not carried out: no "
			    "answer from %s in %d s\n", m->u.request.op,
			    (unsigned long long)m->u.request.alert, control,
			    FEED_OP_TIMEOUT_MS / 1000);
		else {
			if (fohp_decode(&dec, data, len, 0, &q, &err) !=
			    FOHP_OK || q.venue[0] == '\0')
				fprintf(stderr, "foh: %s #%llu: not sent: %s "
				    "did not say which venue it is (%s)\n",
				    m->u.request.op, (unsigned long long)
				    m->u.request.alert, control, q.venue[0] ==
				    '\0' ? "no venue in its answer" : err.text);
			else {
				memcpy(m->venue, q.venue, sizeof(m->venue));
				rv = 0;
			}
			nng_free(data, len);
		}
		nng_close(sock);
	}
	fohp_decoder_fini(&dec);
	msgpack_sbuffer_destroy(&buf);
	return (rv);
}

/*
 * Send request m to control, signed by s unless s has no key, and print
 * the answer. 0 carried out, 1 refused, EX_UNAVAILABLE no answer (or a bad
 * one), EX_NOPERM if it could not be signed (then nothing was sent, not
 * even unsigned), EX_USAGE if m cannot be encoded. m is overwritten with
 * the answer.
 */
static int
foh_oneshot_send(struct fohp_msg *m, const char *control,
    const struct transport_tls *tls, struct signer *s)
{
	struct fohp_decoder	 dec;
	struct fohp_err		 err;
	msgpack_sbuffer		 buf;
	nng_socket		 sock;
	nng_dialer		 dialer;
	uint64_t		 alert = m->u.request.alert, give_up;
	uint64_t		 seen[4] = { 0, 0, 0, 0 };
	const char		*why;
	int64_t			 left;
	void			*data;
	size_t			 len;
	char			 e[512], op[sizeof(m->u.request.op)];
	int			 rv = EX_UNAVAILABLE;

	memcpy(op, m->u.request.op, sizeof(op));
	msgpack_sbuffer_init(&buf);
	fohp_decoder_init(&dec);
	if (s->kind != SIGNER_NONE && signer_wrap(s, m, &buf, e,
	    sizeof(e)) != 0) {
		fprintf(stderr, "foh: %s #%llu: not sent: %s\n", op,
		    (unsigned long long)alert, e);
		rv = EX_NOPERM;
	} else if (s->kind == SIGNER_NONE && fohp_encode(&buf, m, 0,
	    &err) != FOHP_OK) {
		fprintf(stderr, "foh: %s\n", err.text);
		rv = EX_USAGE;
	} else if (transport_req_dial(&sock, control, tls, &dialer, e,
	    sizeof(e)) != 0)
		fprintf(stderr, "foh: %s\n", e);
	else {
		/* 10 s in all: sending, then the answer. Closing the socket
		 * then drops the request, so nng does not send it again. */
		give_up = clock_pace_ms() + FEED_OP_TIMEOUT_MS;
		nng_socket_set_ms(sock, NNG_OPT_SENDTIMEO,
		    FEED_OP_TIMEOUT_MS);
		if (nng_send(sock, buf.data, buf.size, 0) == 0) {
			left = (int64_t)(give_up - clock_pace_ms());
			nng_socket_set_ms(sock, NNG_OPT_RECVTIMEO,
			    left > 0 ? (nng_duration)left : 1);
		}
		if (clock_pace_ms() >= give_up || nng_recv(sock, &data, &len,
		    NNG_FLAG_ALLOC) != 0) {
			/* Why, if the link never came up (nng's counters). */
			why = transport_dial_trouble(dialer,
			    transport_url_tls(control), seen);
			fprintf(stderr, "foh: %s #%llu: not carried out: no "
			    "answer from %s in %d s%s%s%s\n", op,
			    (unsigned long long)alert, control,
			    FEED_OP_TIMEOUT_MS / 1000, why != NULL ? " (" : "",
			    why != NULL ? why : "", why != NULL ? ")" : "");
		} else {
			if (fohp_decode(&dec, data, len, 0, m, &err) != 0)
				fprintf(stderr, "foh: bad answer: %s\n",
				    err.text);
			else if (m->kind == FOHP_REPLY) {
				printf("%s: %s\n", m->u.reply.status,
				    m->u.reply.text);
				rv = 0;
			} else if (m->kind == FOHP_ERROR) {
				printf("refused (%s): %s\n", m->u.error.code,
				    m->u.error.text);
				rv = 1;
			}
			nng_free(data, len);
		}
		nng_close(sock);
	}
	fohp_decoder_fini(&dec);
	msgpack_sbuffer_destroy(&buf);
	return (rv);
}

/*
 * foh OP VENUE|URL ALERT [options]: argv[0] is the command. Parse the
 * command line, find the venue's control URL, send one request and print
 * the answer. Returns the exit status (see the top of this file).
 */
int
foh_oneshot(int argc, char **argv)
{
	static const struct option	longopts[] = {
		{ "message",	required_argument,	NULL, 'm' },
		{ "expiry",	required_argument,	NULL, 'e' },
		{ "duration",	required_argument,	NULL, 'd' },
		{ "operator",	required_argument,	NULL, 'o' },
		{ "ca",		required_argument,	NULL, 'A' },
		{ "cert",	required_argument,	NULL, 'E' },
		{ "key",	required_argument,	NULL, 'K' },
		{ "config",	required_argument,	NULL, 'c' },
		{ "non-sticky",	no_argument,		NULL, 'N' },
		{ "identity",	required_argument,	NULL, 'I' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	static struct fohp_msg	 m;
	struct fohp_request	*r = &m.u.request;
	static struct signer	 s;
	const struct cconf	*conf;
	char			 control[FEED_URL_MAX], *text;
	char			 why[FOH_SIGNING_MAX];
	const char		*op = argv[0], *path = NULL, *given = NULL;
	const char		*identity = NULL;
	uint64_t		 minutes;
	int			 ch, rv;
	struct transport_tls	 tls;		/* --ca, --cert, --key */
	char			 e[512];

	/* A random id: two runs in the same millisecond must not share one,
	 * or the agent answers the second from its memory of the first. */
	feed_request_init(&m, "", op);
	memset(&tls, 0, sizeof(tls));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "m:e:d:o:c:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'm':
			text = strcmp(op, "shelve") == 0 ? r->reason :
			    r->comment;
			snprintf(text, FOHP_NOTE_MAX, "%s", optarg);
			break;
		case 'e':
		case 'd':	/* minutes, a week at most */
			if (cfg_opt_uint("foh", ch == 'e' ? "-e" : "-d",
			    optarg, 1, 7 * 24 * 60, &minutes) != 0)
				return (EX_USAGE);
			*(ch == 'e' ? &r->expiry_s : &r->duration_s) =
			    (uint32_t)(minutes * 60);
			break;
		case 'A':
			tls.ca = optarg;
			break;
		case 'E':
			tls.cert = optarg;
			break;
		case 'K':
			tls.key = optarg;
			break;
		case 'o':
			given = optarg;
			break;
		case 'N':	/* ends when the alert worsens */
			if (strcmp(op, "ack") != 0) {
				fprintf(stderr, "foh: --non-sticky is for ack "
				    "only, not %s\n", op);
				return (EX_USAGE);
			}
			r->ack_type = FOHP_ACK_NONSTICKY;
			break;
		case 'I':
			identity = optarg;
			break;
		case 'h':
			foh_oneshot_usage(stdout, op);
			return (0);
		case 'V':
			foh_version();
			return (0);
		default:
			foh_oneshot_usage(stderr, op);
			return (EX_USAGE);
		}
	}
	if (argc - optind != 2) {
		foh_oneshot_usage(stderr, op);
		return (EX_USAGE);
	}
	if ((rv = foh_oneshot_control(argv[optind], path, given, &m, &conf,
	    control, sizeof(control))) != 0)
		return (rv);
	/* A venue of foh.conf: its ca, cert and key, not the options'. */
	if (strstr(argv[optind], "://") == NULL && (rv =
	    foh_oneshot_conf_tls(argv[optind], path, &tls)) != 0)
		return (rv);
	if (transport_url_tls(control) && (tls.ca == NULL || *tls.ca ==
	    '\0')) {
		fprintf(stderr, "foh: %s is a TLS URL: give --ca FILE, the CA "
		    "the venue's certificate comes from\n", control);
		return (EX_USAGE);
	}
	if (transport_url_tls(control) && transport_tls_check(&tls, 0, e,
	    sizeof(e)) != 0) {
		fprintf(stderr, "foh: %s: %s\n", control, e);
		return (EX_USAGE);
	}
	if (cfg_uint(argv[optind + 1], 1, UINT64_MAX, &r->alert) != 0) {
		fprintf(stderr, "foh: %s is not an alert id\n",
		    argv[optind + 1]);
		return (EX_USAGE);
	}
	m.ts_ms = clock_wall_ms();
	/* No stream to learn the agent's clock from: this host's clock. */
	r->deadline_ms = m.ts_ms + FEED_OP_TIMEOUT_MS;
	if ((rv = foh_signer_open(&s, identity, conf, why, sizeof(why))) != 0)
		return (rv);
	/* A signed request names its venue: for a URL, ask which. */
	if (s.kind != SIGNER_NONE && m.venue[0] == '\0' &&
	    (rv = foh_oneshot_venue(&m, control, &tls)) != 0) {
		signer_close(&s);
		return (rv);
	}
	rv = foh_oneshot_send(&m, control, &tls, &s);
	signer_close(&s);
	return (rv);
}
