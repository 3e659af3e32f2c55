/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * codec-field.c: what the encoder and the decoder share about one field:
 * the path that names it in an error ("zones[2].rect"), the range checks of
 * its value, and reading or writing its C member at any width.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "codec-priv.h"

/* Push a key onto the error path. */
void
fohp_push(struct fohp_ctx *c, const char *key)
{
	if (c->depth < FOHP_PATH_MAX) {
		c->key[c->depth] = key;
		c->idx[c->depth] = -1;
	}
	c->depth++;
}

/* Pop the last key off the error path. */
void
fohp_pop(struct fohp_ctx *c)
{
	c->depth--;
}

/* Set the array index of the last key on the error path. */
void
fohp_index(struct fohp_ctx *c, long i)
{
	if (c->depth > 0 && c->depth <= FOHP_PATH_MAX)
		c->idx[c->depth - 1] = i;
}

/* Fill the error from the current path and a message; returns code. */
int
fohp_fail(struct fohp_ctx *c, int code, const char *fmt, ...)
{
	struct fohp_err	*err = c->err;
	char		 msg[160];
	size_t		 off = 0;
	int		 i, n;
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);

	err->code = code;
	err->field[0] = '\0';
	for (i = 0; i < c->depth && i < FOHP_PATH_MAX; i++) {
		if (off >= sizeof err->field)
			break;
		if (c->idx[i] >= 0) {
			n = snprintf(err->field + off, sizeof err->field - off,
			    "%s%s[%ld]", i ? "." : "", c->key[i], c->idx[i]);
		} else {
			n = snprintf(err->field + off, sizeof err->field - off,
			    "%s%s", i ? "." : "", c->key[i]);
		}
		if (n < 0)
			break;
		off += (size_t)n;
	}
	if (err->field[0] != '\0') {
		snprintf(err->text, sizeof err->text, "%s: field \"%s\": %s",
		    c->what, err->field, msg);
	} else
		snprintf(err->text, sizeof err->text, "%s: %s", c->what, msg);
	return (code);
}

/* Check an unsigned number against a field's limits. */
int
fohp_check_uint(struct fohp_ctx *c, const struct fohp_field *f, uint64_t u)
{
	if (u > f->max) {
		return (fohp_fail(c, FOHP_ERANGE, "%llu is over the limit %llu",
		    (unsigned long long)u, (unsigned long long)f->max));
	}
	if ((f->flags & FF_POS) && u == 0)
		return (fohp_fail(c, FOHP_ERANGE, "must be greater than 0"));
	return (FOHP_OK);
}

/* Check a double against a field's limits. */
int
fohp_check_double(struct fohp_ctx *c, const struct fohp_field *f, double d)
{
	if (!isfinite(d))
		return (fohp_fail(c, FOHP_ERANGE, "not a finite number"));
	if ((f->flags & (FF_NONNEG|FF_POS)) && d < 0)
		return (fohp_fail(c, FOHP_ERANGE, "negative number"));
	if ((f->flags & FF_POS) && d <= 0)
		return (fohp_fail(c, FOHP_ERANGE, "must be greater than 0"));
	if (f->dmax != 0 && d > f->dmax)
		return (fohp_fail(c, FOHP_ERANGE, "%g is over the limit %g", d,
		    f->dmax));
	return (FOHP_OK);
}

/* Check a string of n bytes against a field's limits. */
int
fohp_check_str(struct fohp_ctx *c, const struct fohp_field *f, const char *s,
    size_t n)
{
	size_t	i;

	if (n >= f->size) {
		return (fohp_fail(c, FOHP_ETOOLONG,
		    "string of %zu bytes, at most %zu allowed", n, f->size - 1));
	}
	if ((f->flags & FF_NONEMPTY) && n == 0)
		return (fohp_fail(c, FOHP_ERANGE, "empty string"));
	if (memchr(s, '\0', n) != NULL)
		return (fohp_fail(c, FOHP_ERANGE, "string contains a NUL byte"));
	if (f->flags & FF_ID) {
		for (i = 0; i < n; i++) {
			if ((s[i] < 'a' || s[i] > 'z') &&
			    (s[i] < '0' || s[i] > '9') &&
			    s[i] != '_' && s[i] != '-') {
				return (fohp_fail(c, FOHP_ERANGE,
				    "invalid character in id (only a-z 0-9 _ -)"));
			}
		}
	}
	return (FOHP_OK);
}

/* Check a grid size. */
int
fohp_check_grid(struct fohp_ctx *c, uint64_t w, uint64_t h)
{
	if (w < 1 || w > FOHP_GRID_MAX || h < 1 || h > FOHP_GRID_MAX) {
		return (fohp_fail(c, FOHP_ERANGE,
		    "grid %llux%llu outside 1..%d", (unsigned long long)w,
		    (unsigned long long)h, FOHP_GRID_MAX));
	}
	return (FOHP_OK);
}

/* Read an array count of the given width. */
size_t
fohp_get_count(const char *base, const struct fohp_field *f)
{
	if (f->nsize == sizeof (uint8_t))
		return (*(const uint8_t *)(base + f->noff));
	return (*(const uint16_t *)(base + f->noff));
}

/* Store an array count of the given width. */
void
fohp_set_count(char *base, const struct fohp_field *f, size_t n)
{
	if (f->nsize == sizeof (uint8_t))
		*(uint8_t *)(base + f->noff) = (uint8_t)n;
	else
		*(uint16_t *)(base + f->noff) = (uint16_t)n;
}

/* Read an unsigned member of width f->size. */
uint64_t
fohp_get_uint(const char *p, const struct fohp_field *f)
{
	switch (f->size) {
	case sizeof (uint8_t):
		return (*(const uint8_t *)p);
	case sizeof (uint16_t):
		return (*(const uint16_t *)p);
	case sizeof (uint32_t):
		return (*(const uint32_t *)p);
	default:
		return (*(const uint64_t *)p);
	}
}

/* Store an unsigned member of width f->size. */
void
fohp_set_uint(char *p, const struct fohp_field *f, uint64_t u)
{
	switch (f->size) {
	case sizeof (uint8_t):
		*(uint8_t *)p = (uint8_t)u;
		break;
	case sizeof (uint16_t):
		*(uint16_t *)p = (uint16_t)u;
		break;
	case sizeof (uint32_t):
		*(uint32_t *)p = (uint32_t)u;
		break;
	default:
		*(uint64_t *)p = u;
		break;
	}
}
