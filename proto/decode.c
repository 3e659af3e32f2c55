/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * decode.c: msgpack -> struct fohp_msg.
 *
 * Decoding happens in three steps:
 *
 *  1. fohp_scan walks the raw bytes once, without recursion, and checks that
 *     the input is exactly one well-formed msgpack object: nothing truncated,
 *     no trailing bytes, nesting at most FOHP_DEPTH_MAX deep, and no array
 *     or map header claiming more entries than there are bytes left. That
 *     last check matters: msgpack-c allocates an array's storage from its
 *     header before reading the entries, so a 5-byte input claiming 2^32
 *     entries would otherwise ask for 100 GB. The scan also adds up the
 *     bytes msgpack-c will take from the zone.
 *  2. msgpack_unpack builds the object tree in the decoder's own zone,
 *     cleared first. Strings point into the input, nothing is copied.
 *  3. The tables are walked over the tree: strings are copied into the
 *     fixed arrays of struct fohp_msg and every value is checked.
 *
 * msgpack_zone_clear frees every chunk but the first, so a zone only stops
 * allocating if its first chunk holds a whole message. After a message
 * decodes successfully and needed more than that, the decoder replaces its
 * zone with one whose first chunk is big enough (up to FOHP_ZONE_MAX).
 * From then on a message of that size allocates nothing. Bad messages never
 * grow the zone, so garbage cannot make a decoder keep memory.
 */
#include <math.h>
#include <string.h>

#include "codec-priv.h"

#define FOHP_DEPTH_MAX	16		/* nesting accepted by the scan */
#define FOHP_ZONE_MIN	(16 * 1024)	/* decoder zone's first chunk */
#define FOHP_ZONE_MAX	(4 * 1024 * 1024)	/* largest it grows to */

/* Set up a decoder. Returns FOHP_OK or FOHP_ENOSPACE if out of memory. */
int
fohp_decoder_init(struct fohp_decoder *dec)
{
	memset(dec, 0, sizeof *dec);
	if (!msgpack_zone_init(&dec->zone, FOHP_ZONE_MIN))
		return (FOHP_ENOSPACE);
	return (FOHP_OK);
}

/* Tear down a decoder. */
void
fohp_decoder_fini(struct fohp_decoder *dec)
{
	msgpack_zone_destroy(&dec->zone);
}

/* Expect a msgpack str; set s and n. */
static int
fohp_dec_strobj(struct fohp_ctx *c, const msgpack_object *o, const char **s,
    size_t *n)
{
	if (o->type != MSGPACK_OBJECT_STR)
		return (fohp_fail(c, FOHP_ETYPE, "expected a string"));
	*s = o->via.str.ptr;
	*n = o->via.str.size;
	return (FOHP_OK);
}

/* Expect a non-negative msgpack integer. */
static int
fohp_dec_uintobj(struct fohp_ctx *c, const msgpack_object *o, uint64_t *u)
{
	if (o->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
		return (fohp_fail(c, FOHP_ERANGE, "negative number"));
	if (o->type != MSGPACK_OBJECT_POSITIVE_INTEGER)
		return (fohp_fail(c, FOHP_ETYPE, "expected an integer"));
	*u = o->via.u64;
	return (FOHP_OK);
}

/* Expect an array of n unsigned integers, each at most max. */
static int
fohp_dec_uints(struct fohp_ctx *c, const msgpack_object *o, uint64_t *out,
    uint32_t n, uint64_t max)
{
	uint32_t	i;
	int		rv;

	if (o->type != MSGPACK_OBJECT_ARRAY || o->via.array.size != n) {
		return (fohp_fail(c, FOHP_ETYPE,
		    "expected an array of %u integers", n));
	}
	for (i = 0; i < n; i++) {
		if ((rv = fohp_dec_uintobj(c, &o->via.array.ptr[i],
		    &out[i])) != 0)
			return (rv);
		if (out[i] > max) {
			return (fohp_fail(c, FOHP_ERANGE,
			    "%llu is over the limit %llu",
			    (unsigned long long)out[i],
			    (unsigned long long)max));
		}
	}
	return (FOHP_OK);
}

/* Expect a msgpack float or integer. */
static int
fohp_dec_number(struct fohp_ctx *c, const msgpack_object *o, double *d)
{
	switch (o->type) {
	case MSGPACK_OBJECT_FLOAT32:
	case MSGPACK_OBJECT_FLOAT64:
		*d = o->via.f64;
		break;
	case MSGPACK_OBJECT_POSITIVE_INTEGER:
		*d = (double)o->via.u64;
		break;
	case MSGPACK_OBJECT_NEGATIVE_INTEGER:
		*d = (double)o->via.i64;
		break;
	default:
		return (fohp_fail(c, FOHP_ETYPE, "expected a number"));
	}
	return (FOHP_OK);
}

static int	fohp_dec_map(struct fohp_ctx *, const struct fohp_table *,
		    const msgpack_object *, void *);

/* Expect an array of at most f->max entries for an array field. */
static int
fohp_dec_array_head(struct fohp_ctx *c, const struct fohp_field *f,
    const msgpack_object *o)
{
	if (o->type != MSGPACK_OBJECT_ARRAY)
		return (fohp_fail(c, FOHP_ETYPE, "expected an array"));
	if (o->via.array.size > f->max) {
		return (fohp_fail(c, FOHP_ETOOLONG,
		    "%u entries, at most %llu allowed",
		    o->via.array.size, (unsigned long long)f->max));
	}
	return (FOHP_OK);
}

/* Decode and check one field's value into the struct at base. */
static int
fohp_dec_value(struct fohp_ctx *c, const struct fohp_field *f,
    const msgpack_object *o, char *base)
{
	char			*p = base + f->off;
	struct fohp_layout	*l;
	struct fohp_zone_def	*z;
	const char		*s = NULL;
	size_t			 n = 0;
	uint32_t		 i;
	uint64_t		 u = 0, a[4];
	double			 d;
	int			 rv, k;

	switch (f->type) {
	case FT_UINT:
		if ((rv = fohp_dec_uintobj(c, o, &u)) != 0 ||
		    (rv = fohp_check_uint(c, f, u)) != 0)
			return (rv);
		fohp_set_uint(p, f, u);
		break;
	case FT_DOUBLE:
		if ((rv = fohp_dec_number(c, o, &d)) != 0 ||
		    (rv = fohp_check_double(c, f, d)) != 0)
			return (rv);
		*(double *)p = d;
		break;
	case FT_STR:
		if ((rv = fohp_dec_strobj(c, o, &s, &n)) != 0 ||
		    (rv = fohp_check_str(c, f, s, n)) != 0)
			return (rv);
		memcpy(p, s, n);
		p[n] = '\0';
		break;
	case FT_BIN:
		if (o->type != MSGPACK_OBJECT_BIN)
			return (fohp_fail(c, FOHP_ETYPE, "expected bin"));
		if (o->via.bin.size > f->max)
			return (fohp_fail(c, FOHP_ETOOLONG, "%u bytes, at most "
			    "%llu allowed", o->via.bin.size,
			    (unsigned long long)f->max));
		if ((f->flags & FF_NONEMPTY) && o->via.bin.size == 0)
			return (fohp_fail(c, FOHP_ERANGE, "empty"));
		memcpy(p, o->via.bin.ptr, o->via.bin.size);
		fohp_set_count(base, f, o->via.bin.size);
		break;
	case FT_BAND:
		if ((rv = fohp_dec_strobj(c, o, &s, &n)) != 0)
			return (rv);
		if (n != 1 || s[0] < 'A' || s[0] > 'F')
			return (fohp_fail(c, FOHP_ERANGE, "band not A..F"));
		*p = s[0];
		break;
	case FT_ENUM:
		if ((rv = fohp_dec_strobj(c, o, &s, &n)) != 0)
			return (rv);
		if ((k = fohp_lookup(f->names, f->max, s, n)) < 0)
			return (fohp_fail(c, FOHP_ERANGE, "unknown value"));
		*(int *)p = k;
		break;
	case FT_BOOL:
		if (o->type != MSGPACK_OBJECT_BOOLEAN)
			return (fohp_fail(c, FOHP_ETYPE, "expected true or "
			    "false"));
		*(uint8_t *)p = o->via.boolean ? 1 : 0;
		break;
	case FT_GRID:
		l = (struct fohp_layout *)base;
		if ((rv = fohp_dec_uints(c, o, a, 2, UINT16_MAX)) != 0 ||
		    (rv = fohp_check_grid(c, a[0], a[1])) != 0)
			return (rv);
		l->grid_w = (uint16_t)a[0];
		l->grid_h = (uint16_t)a[1];
		break;
	case FT_RECT:
		z = (struct fohp_zone_def *)base;
		if ((rv = fohp_dec_uints(c, o, a, 4, FOHP_GRID_MAX)) != 0)
			return (rv);
		z->x = (uint16_t)a[0];
		z->y = (uint16_t)a[1];
		z->w = (uint16_t)a[2];
		z->h = (uint16_t)a[3];
		break;
	case FT_MAP:
		return (fohp_dec_map(c, f->sub, o, p));
	case FT_OPTMAP:
		if ((rv = fohp_dec_map(c, f->sub, o, p)) != 0)
			return (rv);
		fohp_set_count(base, f, 1);
		break;
	case FT_ARRAY:
		if ((rv = fohp_dec_array_head(c, f, o)) != 0)
			return (rv);
		for (i = 0; i < o->via.array.size; i++) {
			fohp_index(c, i);
			rv = fohp_dec_map(c, f->sub, &o->via.array.ptr[i],
			    p + i * f->esize);
			if (rv != 0)
				return (rv);
		}
		fohp_set_count(base, f, o->via.array.size);
		break;
	case FT_HIST:
		if ((rv = fohp_dec_array_head(c, f, o)) != 0)
			return (rv);
		for (i = 0; i < o->via.array.size; i++) {
			fohp_index(c, i);
			if ((rv = fohp_dec_number(c, &o->via.array.ptr[i],
			    &d)) != 0 || (rv = fohp_check_double(c, f, d)) != 0)
				return (rv);
			if (!isfinite((float)d))
				return (fohp_fail(c, FOHP_ERANGE,
				    "%g is out of float range", d));
			((float *)p)[i] = (float)d;
		}
		fohp_set_count(base, f, o->via.array.size);
		break;
	case FT_UINTS:
		if ((rv = fohp_dec_array_head(c, f, o)) != 0)
			return (rv);
		rv = fohp_dec_uints(c, o, (uint64_t *)p, o->via.array.size,
		    UINT64_MAX);
		if (rv != 0)
			return (rv);
		fohp_set_count(base, f, o->via.array.size);
		break;
	}
	return (FOHP_OK);
}

/* Find the field of a table named by key k; NULL if none. */
static const struct fohp_field *
fohp_find(const struct fohp_table *t, const msgpack_object *k)
{
	size_t	i;

	if (k->type != MSGPACK_OBJECT_STR)
		return (NULL);
	for (i = 0; i < t->nfields; i++) {
		if (t->fields[i].klen == k->via.str.size &&
		    memcmp(t->fields[i].key, k->via.str.ptr,
		    k->via.str.size) == 0)
			return (&t->fields[i]);
	}
	return (NULL);
}

/*
 * Decode the keys of map o that table t knows into base; other keys are
 * ignored. Optional fields that are absent are zeroed. A known key that
 * repeats is refused (PROTOCOL.md 3): no "first wins" or "last wins".
 */
static int
fohp_dec_fields(struct fohp_ctx *c, const struct fohp_table *t,
    const msgpack_object *o, void *base)
{
	const struct fohp_field	*f;
	const msgpack_object_kv	*kv;
	uint64_t		 seen = 0;
	uint32_t		 i;
	size_t			 j;
	int			 rv;

	for (i = 0; i < o->via.map.size; i++) {
		kv = &o->via.map.ptr[i];
		if ((f = fohp_find(t, &kv->key)) == NULL)
			continue;
		fohp_push(c, f->key);
		if (seen & (UINT64_C(1) << (f - t->fields))) {
			rv = fohp_fail(c, FOHP_ETYPE, "key \"%s\" repeats",
			    f->key);
			fohp_pop(c);
			return (rv);
		}
		rv = fohp_dec_value(c, f, &kv->val, base);
		fohp_pop(c);
		if (rv != 0)
			return (rv);
		seen |= UINT64_C(1) << (f - t->fields);
	}
	for (j = 0; j < t->nfields; j++) {
		f = &t->fields[j];
		if (seen & (UINT64_C(1) << j))
			continue;
		if ((f->flags & FF_REQ) || ((f->flags & FF_ENV) && !c->envopt)) {
			fohp_push(c, f->key);
			rv = fohp_fail(c, FOHP_EMISSING, "required, absent");
			fohp_pop(c);
			return (rv);
		}
		if (f->type == FT_ARRAY || f->type == FT_HIST ||
		    f->type == FT_UINTS)
			fohp_set_count(base, f, 0);
		else if (f->type == FT_OPTMAP) {
			fohp_set_count(base, f, 0);
			memset((char *)base + f->off, 0, f->size);
		} else
			memset((char *)base + f->off, 0, f->size);
	}
	if (t->check != NULL)
		return (t->check(c, base));
	return (FOHP_OK);
}

/* Decode map o with table t into base. */
static int
fohp_dec_map(struct fohp_ctx *c, const struct fohp_table *t,
    const msgpack_object *o, void *base)
{
	if (o->type != MSGPACK_OBJECT_MAP)
		return (fohp_fail(c, FOHP_ETYPE, "expected a map"));
	return (fohp_dec_fields(c, t, o, base));
}

/* Find key in the top-level map; NULL if absent; *n: how many times. */
static const msgpack_object *
fohp_get(const msgpack_object *o, const char *key, unsigned *times)
{
	size_t		 n = strlen(key);
	uint32_t	 i;
	const msgpack_object *k, *v = NULL;

	*times = 0;
	for (i = 0; i < o->via.map.size; i++) {
		k = &o->via.map.ptr[i].key;
		if (k->type == MSGPACK_OBJECT_STR && k->via.str.size == n &&
		    memcmp(k->via.str.ptr, key, n) == 0) {
			if ((*times)++ == 0)
				v = &o->via.map.ptr[i].val;
		}
	}
	return (v);
}

/* Check that a topic of n bytes (no NUL) is "foh/VENUE/KIND" of this body. */
static int
fohp_dec_topic(struct fohp_ctx *c, const char *t, size_t n, const char *venue,
    const char *kind, size_t klen)
{
	size_t	vlen = strlen(venue);

	fohp_push(c, "topic");
	if (n < 4 || memcmp(t, "foh/", 4) != 0 || n != 4 + vlen + 1 + klen ||
	    memcmp(t + 4, venue, vlen) != 0 || t[4 + vlen] != '/' ||
	    memcmp(t + 5 + vlen, kind, klen) != 0) {
		return (fohp_fail(c, FOHP_ETOPIC,
		    "topic \"%.*s\" does not match venue \"%s\" kind \"%.*s\"",
		    (int)n, t, venue, (int)klen, kind));
	}
	fohp_pop(c);
	return (FOHP_OK);
}

/* Give the decoder a zone whose first chunk holds need bytes. */
static void
fohp_decoder_grow(struct fohp_decoder *dec, size_t need)
{
	msgpack_zone	z;
	size_t		size = dec->zone.chunk_size;

	while (size < need && size < FOHP_ZONE_MAX)
		size *= 2;
	if (size <= dec->zone.chunk_size || !msgpack_zone_init(&z, size))
		return;
	msgpack_zone_destroy(&dec->zone);
	dec->zone = z;
}

/* Decode a message body of len bytes (total with the topic). */
static int
fohp_dec_body(struct fohp_decoder *dec, struct fohp_ctx *c, const char *buf,
    size_t len, size_t total, const char *topic, size_t tlen,
    struct fohp_msg *out)
{
	const msgpack_object	*v, *k;
	msgpack_object		 obj;
	const char		*ks = NULL;
	size_t			 off = 0, need, klen = 0;
	uint64_t		 u = 0;
	unsigned		 times;
	int			 rv;
	char			 why[96];

	msgpack_zone_clear(&dec->zone);
	if ((rv = fohp_scan(buf, len, FOHP_DEPTH_MAX - 1, &need, why,
	    sizeof(why))) != FOHP_OK)
		return (fohp_fail(c, rv, "%s", why));
	switch (msgpack_unpack(buf, len, &off, &dec->zone, &obj)) {
	case MSGPACK_UNPACK_SUCCESS:
		break;
	case MSGPACK_UNPACK_NOMEM_ERROR:
		return (fohp_fail(c, FOHP_ETOOLONG, "out of memory"));
	case MSGPACK_UNPACK_EXTRA_BYTES:
	case MSGPACK_UNPACK_CONTINUE:
	default:
		return (fohp_fail(c, FOHP_ETRUNC, "not msgpack"));
	}
	if (obj.type != MSGPACK_OBJECT_MAP)
		return (fohp_fail(c, FOHP_ETYPE, "message is not a map"));

	fohp_push(c, "v");
	if ((v = fohp_get(&obj, "v", &times)) == NULL)
		return (fohp_fail(c, FOHP_EMISSING, "required, absent"));
	if (times > 1)
		return (fohp_fail(c, FOHP_ETYPE, "key \"v\" repeats"));
	if ((rv = fohp_dec_uintobj(c, v, &u)) != 0)
		return (rv == FOHP_ERANGE ? fohp_fail(c, FOHP_EVERSION,
		    "negative version") : rv);
	if (u != FOHP_VERSION) {
		return (fohp_fail(c, FOHP_EVERSION,
		    "version %llu, this decoder speaks %d",
		    (unsigned long long)u, FOHP_VERSION));
	}
	out->v = (uint32_t)u;
	fohp_pop(c);

	fohp_push(c, "kind");
	if ((k = fohp_get(&obj, "kind", &times)) == NULL)
		return (fohp_fail(c, FOHP_EMISSING, "required, absent"));
	if (times > 1)
		return (fohp_fail(c, FOHP_ETYPE, "key \"kind\" repeats"));
	if ((rv = fohp_dec_strobj(c, k, &ks, &klen)) != 0)
		return (rv);
	fohp_pop(c);
	out->kind = fohp_kind_parse(ks, klen);
	if (out->kind != FOHP_UNKNOWN)
		c->what = fohp_kind_names[out->kind];
	c->envopt = (out->kind == FOHP_REQUEST ||
	    out->kind == FOHP_SIGNED);
	if (out->kind != FOHP_SNAPSHOT && total > FOHP_MSG_MAX) {
		return (fohp_fail(c, FOHP_ETOOLONG,
		    "message of %zu bytes, at most %d allowed", total,
		    FOHP_MSG_MAX));
	}

	if ((rv = fohp_dec_fields(c, &fohp_t_envelope, &obj, out)) != 0)
		return (rv);
	if (topic != NULL &&
	    (rv = fohp_dec_topic(c, topic, tlen, out->venue, ks, klen)) != 0)
		return (rv);
	if (out->kind == FOHP_UNKNOWN) {
		fohp_push(c, "kind");
		return (fohp_fail(c, FOHP_EKIND, "unknown kind \"%.*s\"",
		    (int)(klen > 32 ? 32 : klen), ks));
	}
	rv = fohp_dec_fields(c, fohp_bodies[out->kind], &obj, &out->u);
	if (rv == FOHP_OK && need > dec->zone.chunk_size)
		fohp_decoder_grow(dec, need);
	return (rv);
}

/* Decode one message, with its topic first if topic is non-zero. */
int
fohp_decode(struct fohp_decoder *dec, const void *buf, size_t len, int topic,
    struct fohp_msg *out, struct fohp_err *err)
{
	struct fohp_err	 dummy;
	struct fohp_ctx	 c;
	const char	*p = buf, *nul = NULL;
	size_t		 tlen = 0;
	int		 rv;

	memset(&c, 0, sizeof c);
	c.err = err != NULL ? err : &dummy;
	c.err->code = FOHP_OK;
	c.err->field[0] = c.err->text[0] = '\0';
	c.what = "message";
	out->kind = FOHP_UNKNOWN;

	if (len > FOHP_SNAPSHOT_MAX) {
		rv = fohp_fail(&c, FOHP_ETOOLONG,
		    "message of %zu bytes, at most %d allowed", len,
		    FOHP_SNAPSHOT_MAX);
	} else if (topic && (nul = memchr(p, '\0',
	    len < FOHP_TOPIC_MAX ? len : FOHP_TOPIC_MAX)) == NULL) {
		fohp_push(&c, "topic");
		rv = fohp_fail(&c, FOHP_ETOPIC,
		    "no topic (no NUL in the first %d bytes)", FOHP_TOPIC_MAX);
	} else if (topic) {
		tlen = (size_t)(nul - p);
		rv = fohp_dec_body(dec, &c, nul + 1, len - tlen - 1, len, p,
		    tlen, out);
	} else
		rv = fohp_dec_body(dec, &c, p, len, len, NULL, 0, out);

	if (rv == FOHP_OK)
		dec->decoded++;
	else if (rv == FOHP_EKIND)
		dec->unknown++;
	else
		dec->rejected++;
	return (rv);
}
