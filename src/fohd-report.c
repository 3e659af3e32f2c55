/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fohd-report.c: `fohd report`, the post-event report of a range of the
 * venue's journal, as one HTML page, a CSV table or a JSON object
 * (agent/report.h computes the numbers; the agent may be running).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "agent/report.h"
#include "core/vconf.h"
#include "fohd.h"
#include "lib/cfg.h"
#include "lib/clock.h"
#include "proto/foh-proto.h"

/* The range when --from is not given: the day before --to. */
#define FOHD_REPORT_DAY	86400000ULL

/* Print fohd report's usage to f. */
static void
fohd_report_usage(FILE *f)
{
	fprintf(f,
	    "usage: fohd report [-hV] [-c file] [--from TIME] [--to TIME] "
	    "[-o file]\n"
	    "                   [--format html|csv|json] [--table NAME] "
	    "[--drill]\n"
	    "\n"
	    "Write the post-event report of the venue's journal; the agent "
	    "may be running.\n"
	    "\n"
	    "  -c, --config FILE   venue config, for its [journal] path "
	    "(default\n"
	    "                      " SYSCONFDIR "/foh/fohd.conf)\n"
	    "      --from TIME     start of the range (default: a day before "
	    "its end)\n"
	    "      --to TIME       end of the range, excluded (default: now)\n"
	    "                      TIME: ISO 8601 UTC, 2026-12-04T21:00:00Z "
	    "or 2026-12-04,\n"
	    "                      or before now: -6h, -1h30m, -2d; or now\n"
	    "  -o, --output FILE   write it here (default: standard output)\n"
	    "      --format F      html (default), csv or json\n"
	    "      --table NAME    with csv: zones (default), gates, alerts, "
	    "times,\n"
	    "                      decisions, events, density or flow\n"
	    "      --drill         the drills' records, not the real ones\n"
	    "  -h, --help          show this help\n"
	    "  -V, --version       show the version\n"
	    "\n"
	    "See fohd(8), REPORT.\n");
}

/* Write r to path through a temporary file, or to stdout. */
static int
fohd_report_out(const struct report *r, const char *path,
    enum report_format format, const char *table)
{
	char	 tmp[4096], err[512];
	FILE	*f = stdout;
	int	 rc;

	if (path != NULL) {
		if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >=
		    sizeof(tmp) || (f = fopen(tmp, "w")) == NULL) {
			fprintf(stderr, "fohd: error: %s: cannot write it: "
			    "%s\n", path, strerror(errno));
			return (EX_CANTCREAT);
		}
	}
	if (format == REPORT_CSV)
		rc = report_csv_table(r, table, f, err, sizeof(err));
	else
		rc = report_write(r, format, f, err, sizeof(err));
	if (fflush(f) != 0 && rc == 0) {
		snprintf(err, sizeof(err), "cannot write it: %s",
		    strerror(errno));
		rc = -1;
	}
	if (path != NULL) {
		if (fclose(f) != 0 && rc == 0) {
			snprintf(err, sizeof(err), "cannot write it: %s",
			    strerror(errno));
			rc = -1;
		}
		if (rc == 0 && rename(tmp, path) != 0) {
			snprintf(err, sizeof(err), "cannot rename its .tmp "
			    "into place: %s", strerror(errno));
			rc = -1;
		}
		if (rc != 0)
			(void)unlink(tmp);
	}
	if (rc != 0) {
		fprintf(stderr, "fohd: error: report: %s: %s\n",
		    path != NULL ? path : "standard output", err);
		return (EX_IOERR);
	}
	return (0);
}

/* fohd report: the post-event report from the journal. */
int
fohd_report(int argc, char **argv)
{
	static const struct option	longopts[] = {
		{ "config",	required_argument,	NULL, 'c' },
		{ "from",	required_argument,	NULL, 'F' },
		{ "to",		required_argument,	NULL, 'T' },
		{ "output",	required_argument,	NULL, 'o' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "table",	required_argument,	NULL, 't' },
		{ "drill",	no_argument,		NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	static struct vconf	 conf;
	const char		*path = SYSCONFDIR "/foh/fohd.conf";
	const char		*out = NULL, *table = NULL, *from = NULL;
	const char		*to = NULL;
	enum report_format	 format = REPORT_HTML;
	struct report_opts	 o;
	struct report		*r;
	uint64_t		 now = clock_wall_ms();
	char			 err[512];
	int			 ch, rc;

	setlocale(LC_NUMERIC, "C");	/* 2.50, not 2,50 */
	memset(&o, 0, sizeof(o));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "c:o:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'F':
			from = optarg;
			break;
		case 'T':
			to = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "html") == 0)
				format = REPORT_HTML;
			else if (strcmp(optarg, "csv") == 0)
				format = REPORT_CSV;
			else if (strcmp(optarg, "json") == 0)
				format = REPORT_JSON;
			else {
				fprintf(stderr, "fohd: --format: '%s' is not "
				    "html, csv or json\n", optarg);
				return (EX_USAGE);
			}
			break;
		case 't':
			if (!report_table_known(optarg)) {
				fprintf(stderr, "fohd: --table: no table '%s' "
				    "(zones, gates, alerts, times, decisions, "
				    "events, density or flow)\n", optarg);
				return (EX_USAGE);
			}
			table = optarg;
			break;
		case 'd':
			o.drill = 1;
			break;
		case 'h':
			fohd_report_usage(stdout);
			return (0);
		case 'V':
			printf(FOHD_VERSION_LINE, FOHP_VERSION);
			return (0);
		default:
			fohd_report_usage(stderr);
			return (EX_USAGE);
		}
	}
	if (optind != argc) {
		fohd_report_usage(stderr);
		return (EX_USAGE);
	}
	if (table != NULL && format != REPORT_CSV) {
		fprintf(stderr, "fohd: --table: only with --format csv\n");
		return (EX_USAGE);
	}
	o.to_ms = now;
	if (to != NULL && fohd_time("--to", to, now, &o.to_ms) != 0)
		return (EX_USAGE);
	o.from_ms = o.to_ms > FOHD_REPORT_DAY ? o.to_ms - FOHD_REPORT_DAY : 1;
	if (from != NULL &&
	    fohd_time("--from", from, now, &o.from_ms) != 0)
		return (EX_USAGE);
	if (o.from_ms >= o.to_ms) {
		fprintf(stderr, "fohd: --from: the range is empty: it must "
		    "start before --to\n");
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
	if ((r = report_load(conf.journal, &conf, &o, err,
	    sizeof(err))) == NULL) {
		fprintf(stderr, "fohd: error: report: %s\n", err);
		return (EX_NOINPUT);
	}
	rc = fohd_report_out(r, out, format, table != NULL ? table : "zones");
	report_free(r);
	return (rc);
}
