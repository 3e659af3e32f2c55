/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fohd-history.c: `fohd history`, the alert audit trail read from the
 * venue's journal while the agent may be running (agent/journal-history.c
 * writes it out).
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "agent/journal.h"
#include "proto/foh-proto.h"
#include "core/vconf.h"
#include "fohd.h"
#include "lib/cfg.h"

/* Print fohd history's usage to f. */
static void
fohd_history_usage(FILE *f)
{
	fprintf(f,
	    "usage: fohd history [-hV] [-c file] [--format csv|jsonl] "
	    "[--since MS] [--drill]\n"
	    "\n"
	    "Print the alert audit trail from the venue's journal; the agent "
	    "may be running.\n"
	    "\n"
	    "  -c, --config FILE   venue config, for its [journal] path "
	    "(default\n"
	    "                      " SYSCONFDIR "/foh/fohd.conf)\n"
	    "      --format F      csv (default) or jsonl\n"
	    "      --since MS      only lines from this Unix time in ms on\n"
	    "      --drill         the drills' lines, not the real ones\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\n"
	    "See fohd(8), JOURNAL.\n");
}

/* fohd history: the audit trail from the journal, to stdout. */
int
fohd_history(int argc, char **argv)
{
	static const struct option	longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "since",	required_argument,	NULL, 's' },
		{ "drill",	no_argument,		NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	static struct vconf	 conf;
	const char		*path = SYSCONFDIR "/foh/fohd.conf";
	enum journal_format	 format = JOURNAL_CSV;
	uint64_t		 since = 0;
	struct journal		*j;
	char			 err[512];
	long			 n;
	int			 ch, drill = 0;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				format = JOURNAL_CSV;
			else if (strcmp(optarg, "jsonl") == 0)
				format = JOURNAL_JSONL;
			else {
				fprintf(stderr, "fohd: --format must be csv "
				    "or jsonl\n");
				return (EX_USAGE);
			}
			break;
		case 's':	/* Unix time in milliseconds */
			if (cfg_opt_uint("fohd", "--since", optarg, 0,
			    UINT64_MAX, &since) != 0)
				return (EX_USAGE);
			break;
		case 'd':
			drill = 1;
			break;
		case 'h':
			fohd_history_usage(stdout);
			return (0);
		case 'V':
			printf(FOHD_VERSION_LINE, FOHP_VERSION);
			return (0);
		default:
			fohd_history_usage(stderr);
			return (EX_USAGE);
		}
	}
	if (optind != argc) {
		fohd_history_usage(stderr);
		return (EX_USAGE);
	}
	if (vconf_load_file(&conf, path, err, sizeof(err)) != 0) {
		fprintf(stderr, "fohd: error: %s\n", err);
		return (EX_CONFIG);
	}
	if (conf.journal[0] == '\0') {
		fprintf(stderr, "fohd: error: %s has no [journal] path\n",
		    path);
		return (EX_CONFIG);
	}
	if ((j = journal_open_reader(conf.journal, conf.id, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "fohd: error: %s\n", err);
		return (EX_NOINPUT);
	}
	n = journal_history(j, stdout, format, since, drill);
	journal_close(j);
	if (n < 0 || fflush(stdout) != 0) {
		fprintf(stderr, "fohd: error: history: cannot write it out\n");
		return (EX_IOERR);
	}
	return (0);
}
