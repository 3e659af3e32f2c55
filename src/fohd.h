/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fohd.h: what the agent's program files share. fohd.c is the agent (the
 * daemon and its command line); fohd-history.c is `fohd history`, which
 * reads the journal and exits; fohd-drill.c feeds `fohd --drill FILE` and
 * fohd-record.c is `fohd record`.
 */
#ifndef FOHD_H
#define FOHD_H

#include <stddef.h>
#include <stdint.h>

/* fohd's version line, for printf with FOHP_VERSION. */
#define FOHD_VERSION_LINE	"fohd " PACKAGE_VERSION " (protocol %d)\n"

/* fohd --drill FILE (fohd-drill.c, issue 15): a drill's readings. */
struct fohd_drill;
struct reading_batch;
struct vconf;
#define FOHD_DRILL_LOG_MS	10000	/* live refusals logged this often */
#define FOHD_DRILL_HOLD_MS	(30 * 60 * 1000)	/* --drill-hold's default */
struct fohd_drill *fohd_drill_open(const char *path, double speed,
	    uint64_t hold_ms, const struct vconf *conf, char *err,
	    size_t errlen);
int	fohd_drill_feed(struct fohd_drill *, const struct vconf *,
	    uint64_t now_mono, uint64_t now_wall, struct reading_batch *out,
	    uint64_t *wait_ms);
const char *fohd_drill_summary(struct fohd_drill *);
uint64_t fohd_drill_finished(struct fohd_drill *);
void	fohd_drill_over(void *server);
void	fohd_drill_refuse(struct fohd_drill *, const char *path,
	    uint64_t now_mono, struct reading_batch *out);
uint64_t fohd_drill_refused(const struct fohd_drill *);
void	fohd_drill_close(struct fohd_drill *);

/* fohd-mqtt.c (issue 16): [mqtt] messages into the agent. */
struct agent;
struct metrics_ingest;
struct server;
#define FOHD_MQTT_LOG_MS	10000	/* refusals logged this often */
struct fohd_mqtt {
	struct agent		*agent;
	const struct vconf	*conf;		/* fohd's running config */
	struct reading_batch	*batch;		/* fohd's */
	struct metrics_ingest	*ingest;	/* counted as path "mqtt" */
	struct fohd_drill	**drill;	/* fohd's, NULL: no drill */
	uint64_t		 log_ms;	/* a refusal last logged */
	uint64_t		 refused;	/* ... and refused since */
};
int	fohd_mqtt_open(struct fohd_mqtt *, struct server *, const char *path,
	    char *err, size_t errlen);
void	fohd_mqtt_reload(const struct fohd_mqtt *, struct vconf *next);

/* fohd record ARGS (fohd-record.c): the journal's history as JSON lines. */
int	fohd_record(int argc, char **argv);

/* fohd history ARGS (argv[0] is "history"): exit status (sysexits). */
int	fohd_history(int argc, char **argv);

/* fohd report ARGS (issue 15; fohd-report.c): exit status (sysexits). */
int	fohd_report(int argc, char **argv);

/*
 * fohd-time.c: a TIME option (--from, --to): ISO 8601 UTC or a date,
 * "-DURATION" before now, "now", or Unix ms. 0 and *ms, or -1 having
 * said why on stderr, naming opt.
 */
int	fohd_time(const char *opt, const char *s, uint64_t now, uint64_t *ms);

#endif
