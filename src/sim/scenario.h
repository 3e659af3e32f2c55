/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * scenario.h: scripted readings for a venue over time (scenarios/README.md).
 *
 * A scenario file names a venue, a seed and timed events (ramps of a zone's
 * count, gate flows, telemetry curves and flags, model feature drift,
 * outside alerts). scenario_step turns it into the readings of one tick:
 * every zone's count, every gate's flow, each device's telemetry about once
 * a second, each model's feature samples every few seconds and, if asked
 * for, a density raster of the whole grid. What no event covers follows an
 * implicit, gently varying baseline.
 *
 * No I/O beyond reading the file in scenario_load. The same seed and the
 * same calls give the same readings (lib/rng.h).
 *
 * Ownership: a struct scenario is caller-owned; scenario_load fills it and
 * scenario_free releases what it allocated. It keeps a pointer to the venue,
 * which must outlive it.
 */
#ifndef FOH_SCENARIO_H
#define FOH_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "core/reading.h"
#include "core/vconf.h"

#define SCENARIO_EVENTS_MAX	256
#define SCENARIO_SAMPLE_N_MAX	256	/* values per feature per sample */

enum scenario_ev_kind {
	SCENARIO_EV_RAMP = 0,		/* [ramp NAME]: a zone's count */
	SCENARIO_EV_GATE,		/* [gate NAME]: a gate's flow */
	SCENARIO_EV_TELEMETRY,		/* [telemetry NAME]: a device metric */
	SCENARIO_EV_DRIFT,		/* [drift NAME]: a model feature */
	SCENARIO_EV_ALERT,		/* [alert NAME]: an outside alert */
	SCENARIO_EV_COUNT
};

enum scenario_shape {
	SCENARIO_LINEAR = 0,
	SCENARIO_GEOMETRIC,
	SCENARIO_HOLD
};

/* One timed event; which fields matter depends on its kind. */
struct scenario_event {
	enum scenario_ev_kind	kind;
	char			name[FOHP_ID_MAX];
	int			line;		/* where its section starts */
	int			target;		/* zone, gate, device or model */
	double			from_s, to_s;	/* active window, sim seconds */
	enum scenario_shape	shape;
	double			from, to;	/* values at from_s and to_s */
	int			has_from, has_to;
	double			growth;		/* geometric: per every_s */
	double			every_s;
	int			hold_after;	/* keep the end value after to_s */

	int			dir_out;	/* gate: out-flow, not in-flow */
	double			max;		/* gate: cap per minute, 0 none */

	char			metric[FOHP_ID_MAX];	/* telemetry */
	char			unit[FOHP_UNIT_MAX];
	double			scale;		/* 1, or the device's wear_limit */
	char			flag[FOHP_ID_MAX];
	int			flag_below;	/* flag when value falls below */
	double			warn_at, error_at;	/* NAN = not set */
	int			level;		/* fixed flag level, -1 none */

	char			feature[FOHP_ID_MAX];	/* drift */
	double			sd;

	char			source[FOHP_ID_MAX];	/* alert */
	char			subject[FOHP_ID_MAX];
	int			severity;
	char			title[FOHP_TEXT_MAX];
	char			reason[FOHP_TEXT_MAX];
	int			fired;
};

/* A model's baseline: version, cadence and features. */
struct scenario_feature {
	char		name[FOHP_ID_MAX];
	double		mean, sd;
};

struct scenario_model {
	char			version[FOHP_ID_MAX];
	double			every_s;	/* seconds between samples */
	unsigned		n;		/* values per feature */
	uint8_t			nfeatures;
	struct scenario_feature	features[FOHP_FEATURES_MAX];
	int64_t			last;		/* last sample index sent */
};

/* Per-zone and per-gate state of the baseline. */
struct scenario_zone {
	double		full;		/* persons at fraction 1 */
	double		base, swing, phase;
};

struct scenario_gate {
	double		acc_in, acc_out;	/* fractional persons carried */
};

struct scenario_device {
	int64_t		last;		/* last telemetry index sent */
	double		wear0;		/* wear metric at t = 0 */
};

struct scenario {
	char			 path[256];	/* file name, for messages */
	char			 name[FOHP_NAME_MAX];
	const struct vconf	*venue;
	uint64_t		 seed;
	double			 duration_s;
	uint32_t		 tick_ms;
	double			 baseline;	/* fraction, < 0 = per zone */
	double			 swing;
	double			 period_s;
	double			 telemetry_s;	/* seconds between telemetry */
	char			 source[FOHP_ID_MAX];	/* zone_count source */
	double			 raster_s;	/* seconds between rasters, 0 none */
	int64_t			 raster_last;

	unsigned		 nevents;
	struct scenario_event	*events;	/* owned */

	struct scenario_zone	 zones[FOHP_ZONES_MAX];
	struct scenario_gate	 gates[VCONF_GATES_MAX];
	struct scenario_device	 devices[FOHP_DEVICES_MAX];
	struct scenario_model	 models[FOHP_MODELS_MAX];
	uint64_t		 rng;
};

/*
 * Read a scenario file and check it against the venue. On error returns -1
 * and writes "FILE:LINE: what" into err.
 */
int	scenario_load(struct scenario *, const char *path,
	    const struct vconf *venue, char *err, size_t errlen);

/* The same from a string; name stands in for the file name in errors. */
int	scenario_load_string(struct scenario *, const char *name,
	    const char *text, const struct vconf *venue, char *err,
	    size_t errlen);

/* Release what scenario_load allocated. */
void	scenario_free(struct scenario *);

/* Start again from t = 0 with another seed (foh-sim --seed). */
void	scenario_reseed(struct scenario *, uint64_t seed);

/*
 * Append the readings for sim time t_s to out, stamped t_ms (Unix ms; 0
 * leaves them unstamped). Call it once per tick, t_s rising. Returns the
 * number of readings appended, or -1 if out has no room left.
 */
int	scenario_step(struct scenario *, double t_s, uint64_t t_ms,
	    struct reading_batch *out);

/*
 * Write a batch as one JSON array frame in the ingest shapes into buf.
 * Returns the length the frame needs, without the NUL; if that is size or
 * more, buf holds no usable frame (like snprintf). 0 on failure.
 */
size_t	scenario_json(const struct reading_batch *, char *buf, size_t size);

#endif
