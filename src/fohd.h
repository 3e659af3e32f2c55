/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fohd.h: what the agent's program files share. fohd.c is the agent (the
 * daemon and its command line); fohd-history.c is `fohd history`, which
 * reads the journal and exits.
 */
#ifndef FOHD_H
#define FOHD_H

/* fohd's version line, for printf with FOHP_VERSION. */
#define FOHD_VERSION_LINE	"fohd " PACKAGE_VERSION " (protocol %d)\n"

/* fohd history ARGS (argv[0] is "history"): exit status (sysexits). */
int	fohd_history(int argc, char **argv);

/* fohd report ARGS (issue 15; fohd-report.c): exit status (sysexits). */
int	fohd_report(int argc, char **argv);

#endif
