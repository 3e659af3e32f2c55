/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * proto-fixtures.h: valid messages to start from, for the codec's tests
 * (test-proto*.c) and the worked examples of PROTOCOL.md (proto-examples.c).
 * No cmocka here: proto-examples links without it.
 *
 * Ownership: every builder fills a caller-owned struct and keeps nothing.
 */
#ifndef FOH_PROTO_FIXTURES_H
#define FOH_PROTO_FIXTURES_H

#include <stdint.h>

#include "proto/foh-proto.h"

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

/* Zero m and fill its envelope: venue "arena", the epoch, seq and ts. */
void	pf_envelope_at(struct fohp_msg *, enum fohp_kind, uint64_t seq,
	    uint64_t ts_ms);
/* The tests' envelope: pf_envelope_at with seq 42, 12 s into the epoch. */
void	pf_envelope(struct fohp_msg *, enum fohp_kind);
/* A hello (or heartbeat) body of the agent "fohd 0.1.0" at Main Arena. */
void	pf_hello(struct fohp_hello *, uint64_t uptime_ms);
/* A layout body with n zones on a 32x20 grid. */
void	pf_layout(struct fohp_layout *, uint16_t n);
/* Zone sample i. */
void	pf_zone(struct fohp_zone *, int i);
/* Fill a hist array with n values from v0 in steps of dv. */
void	pf_hist(uint8_t *nhist, float *hist, int n, double v0, double dv);
/* Gate sample i. */
void	pf_gate(struct fohp_gate *, int i);
/* Equipment sample i with n metrics, then its optional keys with nf flags. */
void	pf_equip(struct fohp_equip *, int i, uint8_t n);
void	pf_equip_more(struct fohp_equip *, int i, uint8_t nf);
/* Drift sample i with n features, then its optional keys. */
void	pf_drift(struct fohp_drift *, int i, uint8_t n);
void	pf_drift_more(struct fohp_drift *, int i);
/* Alert i; then its explanation and history; or every field at its limit. */
void	pf_alert(struct fohp_alert *, int i);
void	pf_alert_explain(struct fohp_alert *);
void	pf_alert_full(struct fohp_alert *, int i);
/* A 3x2 raster at 1,1 with fractional cells. */
void	pf_raster(struct fohp_raster *);
/* A valid message of each kind. */
void	pf_build(struct fohp_msg *, enum fohp_kind);
/* A snapshot full to every limit, with the longest strings. */
void	pf_snapshot_full(struct fohp_msg *);
/* Is this kind sent with a topic (stream) or bare (REQ/REP)? */
int	pf_topic(enum fohp_kind);

/*
 * Unpack the message in sb, after its topic if it has one, into obj in the
 * caller's zone z (cleared first). Returns the topic's length with its NUL
 * (0 if none), or -1 if the rest is not exactly one msgpack object.
 */
long	pf_unpack(const msgpack_sbuffer *sb, msgpack_zone *z,
	    msgpack_object *obj);

#endif
