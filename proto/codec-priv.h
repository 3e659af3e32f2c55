/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * codec-priv.h: what the files of the wire codec share, and only they
 * (the public face is foh-proto.h).
 *
 * Every kind is described once, as a const table of fields (key, C type,
 * offset in the struct, limits). The encoder walks a table to pack a struct
 * and the decoder walks the same table to fill one, so the two cannot
 * disagree about key names or limits, and both run the same range checks.
 *
 * The codec, file by file, in the order a message takes:
 *   codec-names.c	wire names of kinds and enums, error words, topics
 *   codec-tables.c	the field table of every kind, and whole-struct checks
 *   codec-field.c	one field: its error path, its checks, its C member
 *   encode.c		struct fohp_msg -> msgpack (fohp_encode)
 *   scan.c		one pass over raw bytes before msgpack-c sees them
 *   decode.c		msgpack -> struct fohp_msg (fohp_decode)
 */
#ifndef FOH_CODEC_PRIV_H
#define FOH_CODEC_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "foh-proto.h"

#define FOHP_PATH_MAX	6		/* frames in an error's field path */

#define nitems(a)	(sizeof (a) / sizeof (a)[0])

/* How a field is stored in C and spelled in msgpack. */
enum fohp_ftype {
	FT_UINT,	/* uint: uint16_t, uint32_t or uint64_t */
	FT_DOUBLE,	/* float (ints accepted on decode) */
	FT_STR,		/* str into char[size] */
	FT_BAND,	/* str of one letter 'A'..'F' into char */
	FT_ENUM,	/* str, one of names[], into an enum */
	FT_GRID,	/* array [w, h] into struct fohp_layout */
	FT_RECT,	/* array [x, y, w, h] into struct fohp_zone_def */
	FT_MAP,		/* map into a nested struct */
	FT_ARRAY,	/* array of maps into struct[max] plus a count */
	FT_HIST,	/* array of floats into float[max] plus a count */
	FT_UINTS,	/* array of uints into uint64_t[max] plus a count */
	FT_OPTMAP,	/* optional map into a nested struct, with a has-flag */
	FT_BIN,		/* bin into uint8_t[size] plus a count */
	FT_BOOL		/* true or false into uint8_t (1 or 0) */
};

/* Field flags. */
#define FF_REQ		0x01	/* required */
#define FF_ENV		0x02	/* envelope field optional in a request */
#define FF_NONNEG	0x04	/* double >= 0 */
#define FF_POS		0x08	/* number > 0 */
#define FF_NONEMPTY	0x10	/* string not empty */
#define FF_ID		0x20	/* string of [a-z0-9_-] only */
#define FF_ALWAYS	0x40	/* optional on decode, always encoded */

struct fohp_ctx;
struct fohp_table;

/* One key of a map and where its value lives. */
struct fohp_field {
	const char		*key;
	size_t			 klen;
	enum fohp_ftype		 type;
	int			 flags;
	size_t			 off;		/* offset in the struct */
	size_t			 size;		/* sizeof the member */
	uint64_t		 max;		/* uint: largest; array: entries */
	double			 dmax;		/* double: largest, 0 = none */
	const char *const	*names;		/* enum: wire names, max of them */
	const struct fohp_table	*sub;		/* map, array: element table */
	size_t			 esize;		/* array: sizeof an element */
						/* (hist: of a float) */
	size_t			 noff;		/* array: offset of the count */
						/* (optmap: of the has-flag) */
	size_t			 nsize;		/* array: sizeof the count */
};

/* A map: its fields and an optional check of the whole decoded struct. */
struct fohp_table {
	const struct fohp_field	*fields;
	size_t			 nfields;
	int			(*check)(struct fohp_ctx *, const void *);
};

/* State of one encode or decode: where we are, for error messages. */
struct fohp_ctx {
	struct fohp_err	*err;
	const char	*what;			/* kind name, for err->text */
	int		 envopt;		/* envelope optional (request) */
	const struct fohp_field *skip;		/* encode: a field whose key
						   the envelope wrote (an alert
						   message's drill), or NULL */
	int		 depth;
	const char	*key[FOHP_PATH_MAX];
	long		 idx[FOHP_PATH_MAX];	/* -1: no index */
};

/* Wire names, indexed by the enums of foh-proto.h (codec-names.c). */
extern const char *const fohp_kind_names[FOHP_KIND_COUNT];
extern const char *const fohp_zone_kind_names[FOHP_ZK_COUNT];
extern const char *const fohp_status_names[FOHP_ST_COUNT];
extern const char *const fohp_rul_names[FOHP_RUL_COUNT];
extern const char *const fohp_drift_level_names[FOHP_DL_COUNT];
extern const char *const fohp_rule_kind_names[FOHP_RK_COUNT];
extern const char *const fohp_fc_state_names[FOHP_FC_COUNT];
extern const char *const fohp_severity_names[FOHP_SEV_COUNT];
extern const char *const fohp_alert_state_names[FOHP_AS_COUNT];
extern const char *const fohp_stake_names[FOHP_STAKE_COUNT];
extern const char *const fohp_ack_type_names[FOHP_ACK_COUNT];

/* Find s (n bytes, not NUL-terminated) in a name table; -1 if absent. */
int	fohp_lookup(const char *const *names, size_t count, const char *s,
	    size_t n);

/* The envelope's table, and the body table of each kind (codec-tables.c). */
extern const struct fohp_table		 fohp_t_envelope;
extern const struct fohp_table *const	 fohp_bodies[FOHP_KIND_COUNT];

/* The error path and the checks of one field (codec-field.c). */
void	fohp_push(struct fohp_ctx *, const char *key);
void	fohp_pop(struct fohp_ctx *);
void	fohp_index(struct fohp_ctx *, long i);
int	fohp_fail(struct fohp_ctx *, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	fohp_check_uint(struct fohp_ctx *, const struct fohp_field *,
	    uint64_t);
int	fohp_check_double(struct fohp_ctx *, const struct fohp_field *,
	    double);
int	fohp_check_str(struct fohp_ctx *, const struct fohp_field *,
	    const char *s, size_t n);
int	fohp_check_grid(struct fohp_ctx *, uint64_t w, uint64_t h);

/* A field's C member: array counts and unsigned numbers of any width. */
size_t	 fohp_get_count(const char *base, const struct fohp_field *);
void	 fohp_set_count(char *base, const struct fohp_field *, size_t n);
uint64_t fohp_get_uint(const char *p, const struct fohp_field *);
void	 fohp_set_uint(char *p, const struct fohp_field *, uint64_t u);

#endif
