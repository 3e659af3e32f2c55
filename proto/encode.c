/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * encode.c: struct fohp_msg -> msgpack. fohp_encode walks the tables of
 * codec-tables.c, checks every value as the decoder would, and on any
 * error leaves the buffer as it found it.
 */
#include <string.h>

#include "codec-priv.h"

/* An encoder: the packer and whether a write has failed. */
struct fohp_enc {
	msgpack_packer	pk;
	int		failed;
};

/* Pack a string. */
static void
fohp_enc_str(struct fohp_enc *e, const char *s, size_t n)
{
	if (msgpack_pack_str(&e->pk, n) != 0 ||
	    msgpack_pack_str_body(&e->pk, s, n) != 0)
		e->failed = 1;
}

/* Pack an unsigned integer. */
static void
fohp_enc_uint(struct fohp_enc *e, uint64_t u)
{
	if (msgpack_pack_uint64(&e->pk, u) != 0)
		e->failed = 1;
}

/* Does this field go on the wire? Optional fields are left out when zero. */
static int
fohp_enc_present(const struct fohp_ctx *c, const struct fohp_field *f,
    const char *base)
{
	const char	*p = base + f->off;

	if (f == c->skip)
		return (0);
	if ((f->flags & (FF_REQ|FF_ALWAYS)) ||
	    ((f->flags & FF_ENV) && !c->envopt))
		return (1);
	switch (f->type) {
	case FT_UINT:
		return (fohp_get_uint(p, f) != 0);
	case FT_DOUBLE:
		return (*(const double *)p != 0);
	case FT_STR:
	case FT_BAND:
		return (p[0] != '\0');
	case FT_ENUM:
		return (*(const int *)p != 0);
	case FT_BOOL:
		return (*(const uint8_t *)p != 0);
	case FT_ARRAY:
	case FT_HIST:
	case FT_UINTS:
	case FT_BIN:
		return (fohp_get_count(base, f) != 0);
	case FT_OPTMAP:
		return (fohp_get_count(base, f) != 0);	/* the has-flag */
	default:
		return (1);
	}
}

/* Count the fields of a table that go on the wire. */
static uint32_t
fohp_enc_count(const struct fohp_ctx *c, const struct fohp_table *t,
    const void *base)
{
	uint32_t	n = 0;
	size_t		i;

	for (i = 0; i < t->nfields; i++)
		n += fohp_enc_present(c, &t->fields[i], base);
	return (n);
}

static int	fohp_enc_map(struct fohp_enc *, struct fohp_ctx *,
		    const struct fohp_table *, const void *);

/* Pack the header of an array field of n entries, at most f->max. */
static int
fohp_enc_array_head(struct fohp_enc *e, struct fohp_ctx *c,
    const struct fohp_field *f, size_t n)
{
	if (n > f->max) {
		return (fohp_fail(c, FOHP_ETOOLONG,
		    "%zu entries, at most %llu allowed", n,
		    (unsigned long long)f->max));
	}
	if (msgpack_pack_array(&e->pk, n) != 0)
		e->failed = 1;
	return (FOHP_OK);
}

/* Check and pack one field's value. */
static int
fohp_enc_value(struct fohp_enc *e, struct fohp_ctx *c,
    const struct fohp_field *f, const char *base)
{
	const char			*p = base + f->off;
	const struct fohp_layout	*l;
	const struct fohp_zone_def	*z;
	size_t				 n, i;
	int				 v, rv;
	uint64_t			 u;
	double				 d;

	switch (f->type) {
	case FT_UINT:
		u = fohp_get_uint(p, f);
		if ((rv = fohp_check_uint(c, f, u)) != 0)
			return (rv);
		fohp_enc_uint(e, u);
		break;
	case FT_DOUBLE:
		d = *(const double *)p;
		if ((rv = fohp_check_double(c, f, d)) != 0)
			return (rv);
		if (msgpack_pack_double(&e->pk, d) != 0)
			e->failed = 1;
		break;
	case FT_STR:
		n = strnlen(p, f->size);
		if ((rv = fohp_check_str(c, f, p, n)) != 0)
			return (rv);
		fohp_enc_str(e, p, n);
		break;
	case FT_BAND:
		if (*p < 'A' || *p > 'F')
			return (fohp_fail(c, FOHP_ERANGE, "band not A..F"));
		fohp_enc_str(e, p, 1);
		break;
	case FT_BIN:
		n = fohp_get_count(base, f);
		if (n > f->max)
			return (fohp_fail(c, FOHP_ETOOLONG, "%zu bytes, at most "
			    "%llu allowed", n, (unsigned long long)f->max));
		if ((f->flags & FF_NONEMPTY) && n == 0)
			return (fohp_fail(c, FOHP_ERANGE, "empty"));
		if (msgpack_pack_bin(&e->pk, n) != 0 ||
		    msgpack_pack_bin_body(&e->pk, p, n) != 0)
			e->failed = 1;
		break;
	case FT_BOOL:
		if ((*(const uint8_t *)p ? msgpack_pack_true(&e->pk) :
		    msgpack_pack_false(&e->pk)) != 0)
			e->failed = 1;
		break;
	case FT_ENUM:
		v = *(const int *)p;
		if (v < 0 || (uint64_t)v >= f->max || f->names[v] == NULL)
			return (fohp_fail(c, FOHP_ERANGE, "bad value %d", v));
		fohp_enc_str(e, f->names[v], strlen(f->names[v]));
		break;
	case FT_GRID:
		l = (const struct fohp_layout *)base;
		if ((rv = fohp_check_grid(c, l->grid_w, l->grid_h)) != 0)
			return (rv);
		if (msgpack_pack_array(&e->pk, 2) != 0)
			e->failed = 1;
		fohp_enc_uint(e, l->grid_w);
		fohp_enc_uint(e, l->grid_h);
		break;
	case FT_RECT:
		z = (const struct fohp_zone_def *)base;
		if (msgpack_pack_array(&e->pk, 4) != 0)
			e->failed = 1;
		fohp_enc_uint(e, z->x);
		fohp_enc_uint(e, z->y);
		fohp_enc_uint(e, z->w);
		fohp_enc_uint(e, z->h);
		break;
	case FT_MAP:
	case FT_OPTMAP:
		if (msgpack_pack_map(&e->pk,
		    fohp_enc_count(c, f->sub, p)) != 0)
			e->failed = 1;
		return (fohp_enc_map(e, c, f->sub, p));
	case FT_ARRAY:
		n = fohp_get_count(base, f);
		if ((rv = fohp_enc_array_head(e, c, f, n)) != 0)
			return (rv);
		for (i = 0; i < n; i++) {
			fohp_index(c, (long)i);
			if (msgpack_pack_map(&e->pk,
			    fohp_enc_count(c, f->sub, p + i * f->esize)) != 0)
				e->failed = 1;
			rv = fohp_enc_map(e, c, f->sub, p + i * f->esize);
			if (rv != 0)
				return (rv);
		}
		break;
	case FT_HIST:
		n = fohp_get_count(base, f);
		if ((rv = fohp_enc_array_head(e, c, f, n)) != 0)
			return (rv);
		for (i = 0; i < n; i++) {
			fohp_index(c, (long)i);
			d = ((const float *)p)[i];
			if ((rv = fohp_check_double(c, f, d)) != 0)
				return (rv);
			if (msgpack_pack_float(&e->pk, (float)d) != 0)
				e->failed = 1;
		}
		break;
	case FT_UINTS:
		n = fohp_get_count(base, f);
		if ((rv = fohp_enc_array_head(e, c, f, n)) != 0)
			return (rv);
		for (i = 0; i < n; i++)
			fohp_enc_uint(e, ((const uint64_t *)p)[i]);
		break;
	}
	return (FOHP_OK);
}

/* Pack the fields of a table (the map header is the caller's). */
static int
fohp_enc_map(struct fohp_enc *e, struct fohp_ctx *c,
    const struct fohp_table *t, const void *base)
{
	const struct fohp_field	*f;
	size_t			 i;
	int			 rv;

	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		if (!fohp_enc_present(c, f, base))
			continue;
		fohp_push(c, f->key);
		fohp_enc_str(e, f->key, f->klen);
		rv = fohp_enc_value(e, c, f, base);
		fohp_pop(c);
		if (rv != 0)
			return (rv);
	}
	if (t->check != NULL)
		return (t->check(c, base));
	return (FOHP_OK);
}

/* The field of table t with this key, or NULL. */
static const struct fohp_field *
fohp_enc_find(const struct fohp_table *t, const char *key)
{
	size_t	i;

	for (i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i].key, key) == 0)
			return (&t->fields[i]);
	return (NULL);
}

/* Encode m, with its topic first if topic is non-zero. */
int
fohp_encode(msgpack_sbuffer *sb, const struct fohp_msg *m, int topic,
    struct fohp_err *err)
{
	struct fohp_err		 dummy;
	struct fohp_ctx		 c;
	struct fohp_enc		 e;
	const struct fohp_table	*body;
	char			 tbuf[FOHP_TOPIC_MAX];
	size_t			 start = sb->size, tlen, limit;
	uint32_t		 n;
	int			 rv;

	memset(&c, 0, sizeof c);
	c.err = err != NULL ? err : &dummy;
	c.err->code = FOHP_OK;
	c.err->field[0] = c.err->text[0] = '\0';
	c.what = "encode";
	if (m->kind <= FOHP_UNKNOWN || m->kind >= FOHP_KIND_COUNT) {
		fohp_push(&c, "kind");
		return (fohp_fail(&c, FOHP_EKIND, "unknown kind %d", m->kind));
	}
	c.what = fohp_kind_names[m->kind];
	c.envopt = (m->kind == FOHP_REQUEST || m->kind == FOHP_SIGNED);
	body = fohp_bodies[m->kind];
	limit = m->kind == FOHP_SNAPSHOT ? FOHP_SNAPSHOT_MAX : FOHP_MSG_MAX;

	if (m->v != FOHP_VERSION) {
		fohp_push(&c, "v");
		return (fohp_fail(&c, FOHP_EVERSION, "version %u, want %d",
		    m->v, FOHP_VERSION));
	}
	e.failed = 0;
	msgpack_packer_init(&e.pk, sb, msgpack_sbuffer_write);
	if (topic) {
		fohp_push(&c, "venue");
		rv = fohp_check_str(&c, &fohp_t_envelope.fields[0], m->venue,
		    strnlen(m->venue, sizeof m->venue));
		fohp_pop(&c);
		if (rv != 0)
			return (rv);
		tlen = fohp_topic(tbuf, sizeof tbuf, m->venue, m->kind);
		if (tlen == 0)
			return (fohp_fail(&c, FOHP_ETOPIC, "no topic for venue"));
		if (msgpack_sbuffer_write(sb, tbuf, tlen) != 0)
			e.failed = 1;
	}
	/*
	 * An alert message's keys share one map with the envelope's: one
	 * `drill` key marks both the message and the alert (PROTOCOL.md 15),
	 * never two, which a decoder refuses as a repeated key.
	 */
	if (m->kind == FOHP_ALERT && m->drill)
		c.skip = fohp_enc_find(body, "drill");
	n = fohp_enc_count(&c, &fohp_t_envelope, m);
	n += fohp_enc_count(&c, body, &m->u);
	if (msgpack_pack_map(&e.pk, 2 + n) != 0)
		e.failed = 1;
	fohp_enc_str(&e, "v", 1);
	fohp_enc_uint(&e, m->v);
	if ((rv = fohp_enc_map(&e, &c, &fohp_t_envelope, m)) != 0)
		goto fail;
	fohp_enc_str(&e, "kind", 4);
	fohp_enc_str(&e, c.what, strlen(c.what));
	if ((rv = fohp_enc_map(&e, &c, body, &m->u)) != 0)
		goto fail;
	if (e.failed) {
		rv = fohp_fail(&c, FOHP_ENOSPACE, "out of memory");
		goto fail;
	}
	if (sb->size - start > limit) {
		rv = fohp_fail(&c, FOHP_ENOSPACE,
		    "message of %zu bytes, at most %zu allowed",
		    sb->size - start, limit);
		goto fail;
	}
	return (FOHP_OK);

fail:
	sb->size = start;
	return (rv);
}
