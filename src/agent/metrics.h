/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * metrics.h: fohd's /metrics (Prometheus text format 0.0.4) and /healthz
 * (JSON) bodies, from the agent's, the server's and ingest's counters.
 */
#ifndef FOH_METRICS_H
#define FOH_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "agent.h"
#include "core/reading.h"
#include "net/server.h"
#include "core/vconf.h"

/* Where readings came in. */
enum metrics_path {
	METRICS_PATH_WS = 0,
	METRICS_PATH_PULL,
	METRICS_PATH_REPLAY,
	METRICS_PATH_MQTT,	/* [mqtt] (issue 16) */
	METRICS_PATH_COUNT
};

/* Ingest counters, kept by fohd as batches are taken. */
struct metrics_ingest {
	uint64_t	frames[METRICS_PATH_COUNT];
	uint64_t	readings[READING_KIND_COUNT];
	uint64_t	rejected[READING_KIND_COUNT + 1][READING_CODES];
	uint64_t	pull_refused;	/* PULL peers refused (by address) */
	/* nng listeners' pipes, by transport_which (filled for /metrics). */
	uint64_t	pipes_open[TRANSPORT_WHICH_COUNT];
	uint64_t	pipes_refused[TRANSPORT_WHICH_COUNT];
	uint32_t	pipes_max[TRANSPORT_WHICH_COUNT];	/* 0: none */
	uint64_t	conns_failed[TRANSPORT_WHICH_COUNT];	/* before they
						   were pipes: TLS handshakes */
};

/* Count a parsed batch (accepted readings and every refusal). */
void	metrics_count(struct metrics_ingest *, enum metrics_path,
	    const struct reading_batch *);

/* Write the /metrics body into buf; returns its length (<= len). */
size_t	metrics_render(char *buf, size_t len, const struct vconf *,
	    const struct agent *, const struct server_stats *,
	    const struct metrics_ingest *);

/*
 * Write the venue's own families (zones, gates, devices, models, open
 * alerts; metrics-venue.c) into buf; returns the length (<= len).
 */
size_t	metrics_venue(const struct agent *, char *buf, size_t len);

/* Write the /healthz body into buf; returns its length (<= len). */
size_t	metrics_healthz(char *buf, size_t len, const struct vconf *,
	    const struct agent_stats *, const struct server_stats *);

#endif
