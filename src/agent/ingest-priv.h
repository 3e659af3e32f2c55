/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * ingest-priv.h: what the ingest module's files share. ingest.c: readings
 * and their kinds, ingest_value; ingest-check.c: the typed checks of one
 * key and the batch's bookkeeping; ingest-json.c and ingest-msgpack.c: the
 * two wire paths into ingest_value. Nothing outside them includes it.
 */
#ifndef FOH_INGEST_PRIV_H
#define FOH_INGEST_PRIV_H

#include "ingest.h"

#define INGEST_QUOTE	40	/* bytes of producer input quoted in reasons */

/* Checking one frame. */
struct ingest_ctx {
	const struct vconf	*conf;
	struct reading_batch	*out;
	int			 index;		/* reading in the frame */
	unsigned		 room;		/* free slots in the batch */

	int			 code;		/* the pending refusal */
	char			 field[sizeof(((struct reading_err *)0)->field)];
	char			 reason[sizeof(((struct reading_err *)0)->reason)];
};

/* A kind of reading: its wire name, batch kind and parser. */
struct ingest_kind {
	const char		*name;
	enum reading_kind	 kind;
	/* Parse into r[0..]; returns readings written or -1. */
	int			(*parse)(struct ingest_ctx *, json_t *,
				    struct reading *);
};

/* A kind of configured id. */
struct ingest_idkind {
	const char	*noun;
	int		(*lookup)(const struct vconf *, const char *);
};

#define INGEST_NITEMS(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Make s safe to show: bytes that are not well-formed UTF-8 (including a
 * sequence cut short at the end) and control characters become '?'.
 */
void	 ingest_clean(char *s);

/* Set the pending refusal; field NULL keeps c->field. Returns -1. */
int	 ingest_fail(struct ingest_ctx *c, int code, const char *field,
		     const char *fmt, ...)
		     __attribute__((format(printf, 4, 5)));

/* Set c->field to "pre.key", or "key" without a prefix. */
void	 ingest_field(struct ingest_ctx *c, const char *pre, const char *key);

/* Words for the type of a JSON value. */
const char	*ingest_type_name(const json_t *v);

/* Reset a batch for a new frame. */
void	 ingest_reset(struct reading_batch *out);

/*
 * Count a refusal of reading index (of batch kind slot, READING_KIND_COUNT
 * if unknown) and keep it if it is among the first READING_ERRS_MAX.
 */
void	 ingest_record(struct reading_batch *out, int index, const char *kind,
		     unsigned slot, int code, const char *field,
		     const char *reason);

/* Refuse the whole frame: reset the batch, record index -1. Returns -1. */
int	 ingest_frame_fail(struct reading_batch *out, int code,
		     const char *fmt, ...)
		     __attribute__((format(printf, 3, 4)));

/*
 * Look up key in o. Returns 1 and sets *vp if present, 0 if absent and
 * optional, -1 (refused "missing") if absent and required.
 */
int	 ingest_key(struct ingest_ctx *c, json_t *o, const char *pre,
		     const char *key, int required, json_t **vp);

/* Read key of o as an unsigned integer in lo..hi. Returns as ingest_key. */
int	 ingest_uint(struct ingest_ctx *c, json_t *o, const char *pre,
		     const char *key, int required, uint64_t lo, uint64_t hi,
		     uint64_t *out);

/*
 * Check v is a finite number in lo..hi (c->field set by caller). Every
 * range is inside float32's, so whatever is taken can be published.
 */
int	 ingest_num_value(struct ingest_ctx *c, const json_t *v, double lo,
		     double hi, double *out);

/* Read key of o as a finite number in lo..hi. Returns as ingest_key. */
int	 ingest_num(struct ingest_ctx *c, json_t *o, const char *pre,
		     const char *key, int required, double lo, double hi,
		     double *out);

/*
 * Check v is a string that fits dst (len bytes with the NUL), not empty if
 * nonempty, and copy it (c->field set by caller).
 */
int	 ingest_str_value(struct ingest_ctx *c, const json_t *v, char *dst,
		     size_t len, int nonempty);

/* Read key of o as a string into dst. Returns as ingest_key. */
int	 ingest_str(struct ingest_ctx *c, json_t *o, const char *pre,
		     const char *key, int required, int nonempty, char *dst,
		     size_t len);

/* Read required key of o as a configured id of kind ik into dst. */
int	 ingest_id(struct ingest_ctx *c, json_t *o, const char *key,
		     const struct ingest_idkind *ik, char *dst);

/*
 * Check v is one of the n strings in names (c->field set); set *out to its
 * index.
 */
int	 ingest_enum_value(struct ingest_ctx *c, const json_t *v,
		     const char *const *names, size_t n, int *out);

/* Read key of o as one of names. Returns as ingest_key. */
int	 ingest_enum(struct ingest_ctx *c, json_t *o, const char *key,
		     int required, const char *const *names, size_t n,
		     int *out);

/*
 * Read key of o as an object (a map) of at most max entries with names that
 * fit an id. Returns as ingest_key.
 */
int	 ingest_map(struct ingest_ctx *c, json_t *o, const char *key,
		     int required, size_t max, json_t **vp);

/* The frame limit in force: max_frame, its default, at most 1 MiB. */
size_t	 ingest_max_frame(const struct vconf *conf);

#endif
