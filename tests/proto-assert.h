/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * proto-assert.h: what the codec's cmocka programs (test-proto.c,
 * test-proto-refuse.c, test-proto-decode.c) share: a fixture with a
 * decoder, buffers and two messages, and asserting encode and decode
 * helpers. Include <cmocka.h> (and what it needs) first.
 */
#ifndef FOH_PROTO_ASSERT_H
#define FOH_PROTO_ASSERT_H

#include "proto-fixtures.h"

/* One test's state, made by pa_setup and freed by pa_teardown. */
struct pa_fx {
	struct fohp_decoder	 dec;
	struct fohp_err		 err;
	struct fohp_msg		*in, *out;	/* owned, zeroed */
	msgpack_sbuffer		 sb;		/* the encoded message */
	msgpack_sbuffer		 re;		/* a repacked one */
	msgpack_zone		 z;		/* for pf_unpack */
};

/* An input and what decoding it must give. */
struct pa_want {
	const char	*name;		/* the case, for failures */
	int		 code;
	const char	*field;		/* "" if none */
};

/* cmocka group setup and teardown: *state is a struct pa_fx. */
int	pa_setup(void **state);
int	pa_teardown(void **state);

/* A cmocka test with the fixture. */
#define PA_TEST(f) \
	cmocka_unit_test_setup_teardown(f, pa_setup, pa_teardown)

/* Encode m into sb (cleared first) and assert success. */
void	pa_encode(msgpack_sbuffer *sb, const struct fohp_msg *m, int topic);

/* Encode m (with its topic if a stream kind), decode it, compare. */
void	pa_roundtrip(struct pa_fx *, const struct fohp_msg *m);

/* Does the msgpack map in sb (after any topic) have this key at its top? */
int	pa_has_key(const msgpack_sbuffer *sb, const char *key);

/* Unpack sb's message into fx->z and assert it is a map. */
void	pa_unpack(struct pa_fx *, const msgpack_sbuffer *sb,
	    msgpack_object *obj);

/* Encode fx->in bare into fx->sb, unpack it into obj, and start pk on
 * fx->re (cleared): the caller packs a changed copy of obj there. */
void	pa_repack_start(struct pa_fx *, msgpack_object *obj,
	    msgpack_packer *pk);

/* Decode len bytes and check code, field, text and counters against w. */
void	pa_check(struct fohp_decoder *, const struct pa_want *w,
	    const char *buf, size_t len, int topic, struct fohp_msg *out);

#endif
