/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fohd-drill.c: the readings of `fohd --drill FILE` (issue 15).
 *
 * A drill replays a recorded night or plays a scenario into the live agent
 * at speed. FILE is either a scenario (its name ends in ".scn",
 * scenarios/README.md, played by src/sim as foh-sim plays it) or a file of
 * JSON lines of readings in the --replay format (agent/replay.h; what
 * `fohd record` writes). Both give a batch of readings when due, checked
 * against the venue's config by the same ingest code as live readings: a
 * scenario's tick is written as one ingest frame (scenario_json) and read
 * back (ingest_json), so a drill is refused or taken exactly as the same
 * readings arriving on the WebSocket would be.
 *
 * What marks the drill (the envelope's and the alerts' drill key, the
 * journal's drill column) is the agent's business (vconf.drill); this file
 * only feeds. When the file is played out the drill holds --drill-hold
 * (fohd_drill_finished), for the crew's acks, and then fohd exits: a venue
 * left in a drill would be blind (its live readings refused) behind a calm
 * DRILL banner, where a venue offline alarms its consoles.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agent/ingest.h"
#include "agent/replay.h"
#include "lib/text.h"
#include "net/server.h"
#include "sim/scenario.h"
#include "fohd.h"

struct fohd_drill {
	struct replay		*replay;	/* JSON lines, or NULL */
	struct scenario		 sc;		/* or a scenario */
	int			 has_sc;
	double			 speed;
	uint64_t		 hold_ms;	/* --drill-hold, 0: forever */
	struct reading_batch	*scratch;	/* the scenario's tick */
	char			*frame;		/* ... as an ingest frame */
	uint64_t		 step;		/* next tick of the scenario */
	uint64_t		 start_mono;	/* when tick 0 was fed */
	uint64_t		 readings, refused, ticks;
	uint64_t		 live_refused;	/* live frames refused */
	uint64_t		 live_logged;	/* ... at the last warning */
	uint64_t		 live_log_ms;	/* when last warned */
	char			 summary[512];
};

/* Is path a scenario, by its name? */
static int
fohd_drill_is_scenario(const char *path)
{
	size_t	n = strlen(path);

	return (n > 4 && strcmp(path + n - 4, ".scn") == 0);
}

/* Open the drill's file for conf's venue. NULL and err on failure. */
struct fohd_drill *
fohd_drill_open(const char *path, double speed, uint64_t hold_ms,
    const struct vconf *conf, char *err, size_t errlen)
{
	struct fohd_drill	*dr;

	if ((dr = calloc(1, sizeof(*dr))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return (NULL);
	}
	dr->speed = speed;
	dr->hold_ms = hold_ms;
	if (!fohd_drill_is_scenario(path)) {
		if ((dr->replay = replay_open(path, speed, err,
		    errlen)) == NULL) {
			free(dr);
			return (NULL);
		}
		return (dr);
	}
	if ((dr->scratch = malloc(sizeof(*dr->scratch))) == NULL ||
	    (dr->frame = malloc(READING_FRAME_MAX)) == NULL) {
		snprintf(err, errlen, "out of memory");
		fohd_drill_close(dr);
		return (NULL);
	}
	if (scenario_load(&dr->sc, path, conf, err, errlen) != 0) {
		fohd_drill_close(dr);
		return (NULL);
	}
	dr->has_sc = 1;
	return (dr);
}

/* Monotonic ms when the scenario's next tick is due. */
static uint64_t
fohd_drill_due(const struct fohd_drill *dr)
{
	return (dr->start_mono + (uint64_t)llround((double)dr->step *
	    dr->sc.tick_ms / dr->speed));
}

/* The scenario's next tick into out, if due; as fohd_drill_feed. */
static int
fohd_drill_tick(struct fohd_drill *dr, const struct vconf *conf,
    uint64_t now_mono, uint64_t now_wall, struct reading_batch *out,
    uint64_t *wait_ms)
{
	double	t_s = (double)dr->step * dr->sc.tick_ms / 1000.0;
	size_t	len;
	int	n;

	if (t_s >= dr->sc.duration_s)
		return (0);
	if (dr->step == 0)
		dr->start_mono = now_mono;
	else if (fohd_drill_due(dr) > now_mono) {
		*wait_ms = fohd_drill_due(dr) - now_mono;
		return (1);
	}
	dr->scratch->n = 0;
	dr->scratch->npool = 0;
	n = scenario_step(&dr->sc, t_s, now_wall, dr->scratch);
	len = n < 0 ? 0 : scenario_json(dr->scratch, dr->frame,
	    READING_FRAME_MAX);
	if (len == 0 || len >= READING_FRAME_MAX) {
		fprintf(stderr, "fohd: warning: %s: tick at %.3f s does not "
		    "fit a frame; skipped\n", dr->sc.path, t_s);
		out->n = 0;
		out->rejected = 1;
	} else
		(void)ingest_json(conf, dr->frame, len, now_wall, out);
	dr->readings += out->n;
	dr->refused += out->rejected;
	dr->ticks++;
	dr->step++;
	if ((double)dr->step * dr->sc.tick_ms / 1000.0 >= dr->sc.duration_s)
		return (0);
	*wait_ms = fohd_drill_due(dr) > now_mono ? fohd_drill_due(dr) -
	    now_mono : 0;
	return (1);
}

/*
 * The readings due at now_mono into out (now_wall stamps them). Returns 1
 * if more follow (in *wait_ms), 0 when the drill's file is played out, -1
 * on a read error. As replay_feed.
 */
int
fohd_drill_feed(struct fohd_drill *dr, const struct vconf *conf,
    uint64_t now_mono, uint64_t now_wall, struct reading_batch *out,
    uint64_t *wait_ms)
{
	*wait_ms = 0;
	if (dr->replay != NULL)
		return (replay_feed(dr->replay, conf, now_mono, now_wall, out,
		    wait_ms));
	out->n = 0;
	out->rejected = 0;
	out->accepted = 0;
	out->nerrs = 0;
	return (fohd_drill_tick(dr, conf, now_mono, now_wall, out, wait_ms));
}

/* What was played, for the log line "drill finished: ...". */
const char *
fohd_drill_summary(struct fohd_drill *dr)
{
	if (dr->replay != NULL)
		return (replay_summary(dr->replay));
	snprintf(dr->summary, sizeof(dr->summary), "scenario %s: %.0f s in "
	    "%llu ticks, %llu readings, %llu refused", dr->sc.name[0] !=
	    '\0' ? dr->sc.name : dr->sc.path, (double)dr->ticks *
	    dr->sc.tick_ms / 1000.0, (unsigned long long)dr->ticks,
	    (unsigned long long)dr->readings, (unsigned long long)dr->refused);
	return (dr->summary);
}

/*
 * The file is played out: log it and the hold. Returns the hold in ms,
 * after which fohd exits, or 0 to stay in the drill until stopped.
 */
uint64_t
fohd_drill_finished(struct fohd_drill *dr)
{
	char	hold[32];

	if (dr->hold_ms == 0)
		fprintf(stderr, "fohd: info: drill finished: %s; still in the "
		    "drill until fohd restarts without --drill\n",
		    fohd_drill_summary(dr));
	else
		fprintf(stderr, "fohd: info: drill finished: %s; still in the "
		    "drill for %s (--drill-hold), then fohd exits\n",
		    fohd_drill_summary(dr), text_duration(hold, sizeof(hold),
		    dr->hold_ms, 0));
	return (dr->hold_ms);
}

/*
 * Timer (arg: fohd's server): the hold is over; stop fohd, so that the
 * venue shows offline rather than in a drill nobody ends.
 */
void
fohd_drill_over(void *server)
{
	fputs("fohd: info: drill over: exiting; start fohd without --drill\n",
	    stderr);
	server_stop(server);
}

/*
 * A live frame (path: "ws" or "pull") arrived during the drill: refuse it
 * whole into out (code "drill", counted in /metrics with the batch) and
 * warn at most every FOHD_DRILL_LOG_MS with the number refused.
 */
void
fohd_drill_refuse(struct fohd_drill *dr, const char *path, uint64_t now_mono,
    struct reading_batch *out)
{
	(void)ingest_refuse_drill(out);
	dr->live_refused++;
	if (dr->live_log_ms != 0 && now_mono - dr->live_log_ms <
	    FOHD_DRILL_LOG_MS)
		return;
	dr->live_log_ms = now_mono;
	fprintf(stderr, "fohd: warning: drill: refused a live frame on %s: "
	    "this agent runs a drill and takes no readings of the real venue "
	    "(%llu refused in all, %llu since the last such line)\n", path,
	    (unsigned long long)dr->live_refused,
	    (unsigned long long)(dr->live_refused - dr->live_logged));
	dr->live_logged = dr->live_refused;
}

/* Live frames refused so far, for the stop line. */
uint64_t
fohd_drill_refused(const struct fohd_drill *dr)
{
	return (dr->live_refused);
}

/* Close the drill's file and free. NULL is fine. */
void
fohd_drill_close(struct fohd_drill *dr)
{
	if (dr == NULL)
		return;
	replay_close(dr->replay);
	if (dr->has_sc)
		scenario_free(&dr->sc);
	free(dr->frame);
	free(dr->scratch);
	free(dr);
}
