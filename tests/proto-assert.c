/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * proto-assert.c: the fixture and asserting helpers of the codec's cmocka
 * programs (proto-assert.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "proto-assert.h"

/* Make a test's fixture: a decoder, empty buffers, two zeroed messages. */
int
pa_setup(void **state)
{
	struct pa_fx	*fx;

	if ((fx = calloc(1, sizeof *fx)) == NULL)
		return (-1);
	fx->in = calloc(1, sizeof *fx->in);
	fx->out = calloc(1, sizeof *fx->out);
	if (fx->in == NULL || fx->out == NULL ||
	    fohp_decoder_init(&fx->dec) != FOHP_OK) {
		free(fx->in);
		free(fx->out);
		free(fx);
		return (-1);
	}
	msgpack_sbuffer_init(&fx->sb);
	msgpack_sbuffer_init(&fx->re);
	msgpack_zone_init(&fx->z, 4096);
	*state = fx;
	return (0);
}

/* Free what pa_setup made. */
int
pa_teardown(void **state)
{
	struct pa_fx	*fx = *state;

	fohp_decoder_fini(&fx->dec);
	msgpack_zone_destroy(&fx->z);
	msgpack_sbuffer_destroy(&fx->sb);
	msgpack_sbuffer_destroy(&fx->re);
	free(fx->in);
	free(fx->out);
	free(fx);
	return (0);
}

/* Encode m into sb (cleared first) and assert success. */
void
pa_encode(msgpack_sbuffer *sb, const struct fohp_msg *m, int topic)
{
	struct fohp_err	err;
	int		rv;

	msgpack_sbuffer_clear(sb);
	rv = fohp_encode(sb, m, topic, &err);
	if (rv != FOHP_OK)
		fail_msg("encode %s: %s", fohp_kind_name(m->kind), err.text);
}

/* Encode m (with its topic if a stream kind), decode it, compare. */
void
pa_roundtrip(struct pa_fx *fx, const struct fohp_msg *m)
{
	int	rv;

	pa_encode(&fx->sb, m, pf_topic(m->kind));
	memset(fx->out, 0, sizeof *fx->out);
	rv = fohp_decode(&fx->dec, fx->sb.data, fx->sb.size, pf_topic(m->kind),
	    fx->out, &fx->err);
	if (rv != FOHP_OK)
		fail_msg("%s: %s", fohp_kind_name(m->kind), fx->err.text);
	assert_memory_equal(m, fx->out, sizeof *m);
}

/* Does the msgpack map in sb (after any topic) have this key at its top? */
int
pa_has_key(const msgpack_sbuffer *sb, const char *key)
{
	msgpack_zone	z;
	msgpack_object	obj;
	uint32_t	i;
	int		found = 0;

	msgpack_zone_init(&z, 4096);
	assert_true(pf_unpack(sb, &z, &obj) >= 0);
	assert_int_equal(obj.type, MSGPACK_OBJECT_MAP);
	for (i = 0; i < obj.via.map.size; i++) {
		const msgpack_object *k = &obj.via.map.ptr[i].key;
		if (k->via.str.size == strlen(key) &&
		    memcmp(k->via.str.ptr, key, k->via.str.size) == 0)
			found = 1;
	}
	msgpack_zone_destroy(&z);
	return (found);
}

/* Unpack sb's message into fx->z and assert it is a map. */
void
pa_unpack(struct pa_fx *fx, const msgpack_sbuffer *sb, msgpack_object *obj)
{
	assert_true(pf_unpack(sb, &fx->z, obj) >= 0);
	assert_int_equal(obj->type, MSGPACK_OBJECT_MAP);
}

/* Encode fx->in, unpack it into obj, and start pk on an empty fx->re. */
void
pa_repack_start(struct pa_fx *fx, msgpack_object *obj, msgpack_packer *pk)
{
	pa_encode(&fx->sb, fx->in, 0);
	pa_unpack(fx, &fx->sb, obj);
	msgpack_sbuffer_clear(&fx->re);
	msgpack_packer_init(pk, &fx->re, msgpack_sbuffer_write);
}

/* Decode len bytes and check code, field, text and counters against w. */
void
pa_check(struct fohp_decoder *dec, const struct pa_want *b, const char *buf,
    size_t len, int topic, struct fohp_msg *out)
{
	struct fohp_err	err;
	uint64_t	rej = dec->rejected, unk = dec->unknown, ok = dec->decoded;
	int		rv;

	memset(&err, 0x55, sizeof err);
	rv = fohp_decode(dec, buf, len, topic, out, &err);
	if (rv != b->code || strcmp(err.field, b->field) != 0)
		fail_msg("case \"%s\": got %d field \"%s\" (%s), want %d "
		    "field \"%s\"", b->name, rv, err.field, err.text, b->code,
		    b->field);
	assert_int_equal(err.code, rv);
	if (rv == FOHP_OK) {
		assert_int_equal(dec->decoded, ok + 1);
		assert_string_equal(err.text, "");
		return;
	}
	assert_true(strlen(err.text) > 0);
	if (*b->field != '\0' && strstr(err.text, b->field) == NULL)
		fail_msg("case \"%s\": text \"%s\" does not name the field",
		    b->name, err.text);
	if (rv == FOHP_EKIND) {
		assert_int_equal(dec->unknown, unk + 1);
		assert_int_equal(dec->rejected, rej);
	} else
		assert_int_equal(dec->rejected, rej + 1);
}
