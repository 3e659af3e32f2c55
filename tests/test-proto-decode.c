/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-proto-decode.c: what the decoder refuses beyond one field (a known
 * key twice, inputs broken as a whole, messages too large), a check that
 * warm decoding allocates nothing, and a byte-flipping loop that must
 * never crash (run it under ASan).
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto-assert.h"

/*
 * A known key that repeats is refused, naming it (PROTOCOL.md 3): before,
 * the decoder took the last, except `v`, where the first won. Unknown keys
 * are not checked (they are ignored).
 */
static void
test_repeated_keys(void **state)
{
	static const struct {
		enum fohp_kind	 kind;
		const char	*key;
		int		 code;
		const char	*field;
	} cases[] = {
		{ FOHP_ZONE, "count", FOHP_ETYPE, "count" },
		{ FOHP_ZONE, "v", FOHP_ETYPE, "v" },
		{ FOHP_ZONE, "kind", FOHP_ETYPE, "kind" },
		{ FOHP_ZONE, "seq", FOHP_ETYPE, "seq" },
		{ FOHP_ZONE, "zone", FOHP_ETYPE, "zone" },
		{ FOHP_ALERT, "title", FOHP_ETYPE, "title" },
		{ FOHP_REQUEST, "op", FOHP_ETYPE, "op" },
		{ FOHP_ZONE, "bogus", FOHP_OK, "" },
	};
	struct pa_fx		*fx = *state;
	msgpack_sbuffer		*dup = &fx->re;
	struct fohp_err		 err;
	msgpack_packer		 pk;
	msgpack_object		 obj;
	size_t			 i;
	uint32_t		 j;
	int			 rv, found;

	for (i = 0; i < nitems(cases); i++) {
		pf_build(fx->in, cases[i].kind);
		pa_repack_start(fx, &obj, &pk);
		msgpack_pack_map(&pk, obj.via.map.size + 1);
		found = 0;
		for (j = 0; j < obj.via.map.size; j++) {
			const msgpack_object_kv	*kv = &obj.via.map.ptr[j];

			msgpack_pack_object(&pk, kv->key);
			msgpack_pack_object(&pk, kv->val);
			if (kv->key.via.str.size == strlen(cases[i].key) &&
			    memcmp(kv->key.via.str.ptr, cases[i].key,
			    kv->key.via.str.size) == 0) {
				/* Again, after the first: same value. */
				msgpack_pack_object(&pk, kv->key);
				msgpack_pack_object(&pk, kv->val);
				found = 1;
			}
		}
		if (!found) {
			msgpack_pack_str_with_body(&pk, cases[i].key,
			    strlen(cases[i].key));
			msgpack_pack_int(&pk, 1);
			/* An unknown key twice: one more copy. */
			msgpack_pack_str_with_body(&pk, cases[i].key,
			    strlen(cases[i].key));
			msgpack_pack_int(&pk, 2);
			dup->data[0]++;	/* fixmap or map16: one more pair */
		}
		rv = fohp_decode(&fx->dec, dup->data, dup->size, 0, fx->out,
		    &err);
		if (rv != cases[i].code ||
		    strcmp(err.field, cases[i].field) != 0)
			fail_msg("%s repeated: got %d field \"%s\" (%s)",
			    cases[i].key, rv, err.field, err.text);
		if (rv != FOHP_OK && strstr(err.text, "repeats") == NULL)
			fail_msg("%s repeated: text \"%s\"", cases[i].key,
			    err.text);
	}
}

/* Inputs broken as a whole rather than in one field. */
struct tp_raw {
	const char	*name;
	int		 topic;
	const char	*prefix;	/* topic bytes, with their NUL */
	size_t		 plen;
	int		 cut;		/* body: keep this many bytes; <0: from end */
	const char	*suffix;	/* bytes appended */
	size_t		 slen;
	int		 code;
	const char	*field;
};

static const struct tp_raw tp_raws[] = {
	{ "empty", 0, "", 0, -9999, "", 0, FOHP_ETRUNC, "" },
	{ "one byte", 0, "", 0, 1, "", 0, FOHP_ETRUNC, "" },
	{ "cut at 10", 0, "", 0, 10, "", 0, FOHP_ETRUNC, "" },
	{ "cut at 40", 0, "", 0, 40, "", 0, FOHP_ETRUNC, "" },
	{ "cut 1 short", 0, "", 0, -1, "", 0, FOHP_ETRUNC, "" },
	{ "trailing nil", 0, "", 0, 0, "\xc0", 1, FOHP_ETRUNC, "" },
	{ "trailing map", 0, "", 0, 0, "\x80", 1, FOHP_ETRUNC, "" },
	{ "topic ok", 1, "foh/arena/zone", 15, 0, "", 0, FOHP_OK, "" },
	{ "topic other venue", 1, "foh/hall/zone", 14, 0, "", 0, FOHP_ETOPIC,
	  "topic" },
	{ "topic other kind", 1, "foh/arena/equip", 16, 0, "", 0, FOHP_ETOPIC,
	  "topic" },
	{ "topic prefix only", 1, "foh/arena/zon", 14, 0, "", 0, FOHP_ETOPIC,
	  "topic" },
	{ "topic not foh", 1, "bar/arena/zone", 15, 0, "", 0, FOHP_ETOPIC,
	  "topic" },
	{ "topic empty", 1, "", 1, 0, "", 0, FOHP_ETOPIC, "topic" },
	{ "topic no NUL", 1, "foh/arena/zone", 14, -9999,
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 64,
	  FOHP_ETOPIC, "topic" },
	{ "topic then nothing", 1, "foh/arena/zone", 15, -9999, "", 0,
	  FOHP_ETRUNC, "" },
	{ "topic but none wanted", 0, "foh/arena/zone", 15, 0, "", 0,
	  FOHP_ETRUNC, "" },
	{ "reserved byte c1", 0, "", 0, -9999, "\xc1", 1, FOHP_ETRUNC, "" },
	{ "not a map", 0, "", 0, -9999, "\x92\x01\x02", 3, FOHP_ETYPE, "" },
	{ "a string", 0, "", 0, -9999, "\xa3zone", 4, FOHP_ETYPE, "" },
	{ "map without v", 0, "", 0, -9999, "\x80", 1, FOHP_EMISSING, "v" },
	{ "array 2^31, 5 bytes", 0, "", 0, -9999, "\xdd\x80\x00\x00\x00", 5,
	  FOHP_ETRUNC, "" },
	{ "map 2^32-1, 5 bytes", 0, "", 0, -9999, "\xdf\xff\xff\xff\xff", 5,
	  FOHP_ETRUNC, "" },
	{ "str 2^32-1, 5 bytes", 0, "", 0, -9999, "\xdb\xff\xff\xff\xff", 5,
	  FOHP_ETRUNC, "" },
	{ "ext 2^32-1, 6 bytes", 0, "", 0, -9999, "\xc9\xff\xff\xff\xff\x01",
	  6, FOHP_ETRUNC, "" },
};

/* Run the table of broken inputs, built around a valid zone message. */
static void
test_malformed_raw(void **state)
{
	struct pa_fx		*fx = *state;
	msgpack_sbuffer		*sb = &fx->sb;
	const struct tp_raw	*r;
	char			*buf;
	size_t			 i, n, body;

	pf_build(fx->in, FOHP_ZONE);
	pa_encode(sb, fx->in, 0);
	for (i = 0; i < nitems(tp_raws); i++) {
		r = &tp_raws[i];
		if (r->cut == -9999)
			body = 0;
		else if (r->cut <= 0)
			body = sb->size - (size_t)-r->cut;
		else
			body = (size_t)r->cut;
		/* Exact size, so ASan sees any read past the end. */
		n = r->plen + body + r->slen;
		buf = malloc(n ? n : 1);
		assert_non_null(buf);
		memcpy(buf, r->prefix, r->plen);
		memcpy(buf + r->plen, sb->data, body);
		memcpy(buf + r->plen + body, r->suffix, r->slen);
		pa_check(&fx->dec, &(struct pa_want){ r->name, r->code,
		    r->field }, buf, n, r->topic, fx->out);
		free(buf);
	}
}

/* Stream messages over 64 KiB and anything over 1 MiB are refused. */
static void
test_size_limits(void **state)
{
	struct pa_fx		*fx = *state;
	msgpack_sbuffer		*big = &fx->re;
	struct fohp_err		 err;
	msgpack_packer		 pk;
	msgpack_object		 obj;
	uint32_t		 i;
	char			*pad;

	pad = calloc(1, FOHP_SNAPSHOT_MAX);
	assert_non_null(pad);
	pf_build(fx->in, FOHP_ZONE);
	pa_repack_start(fx, &obj, &pk);

	/* A zone message with a 64 KiB unknown key: too large. */
	msgpack_pack_map(&pk, obj.via.map.size + 1);
	msgpack_pack_str_with_body(&pk, "pad", 3);
	msgpack_pack_bin_with_body(&pk, pad, FOHP_MSG_MAX);
	for (i = 0; i < obj.via.map.size; i++) {
		msgpack_pack_object(&pk, obj.via.map.ptr[i].key);
		msgpack_pack_object(&pk, obj.via.map.ptr[i].val);
	}
	assert_int_equal(fohp_decode(&fx->dec, big->data, big->size, 0,
	    fx->out, &err), FOHP_ETOOLONG);

	/* Over 1 MiB: refused before parsing. */
	msgpack_sbuffer_clear(big);
	msgpack_pack_bin_with_body(&pk, pad, FOHP_SNAPSHOT_MAX);
	assert_int_equal(fohp_decode(&fx->dec, big->data, big->size, 0,
	    fx->out, &err), FOHP_ETOOLONG);
	assert_int_equal(fx->dec.rejected, 2);
	free(pad);
}

/*
 * Warm decoding allocates nothing. msgpack-c allocates only through the
 * decoder's zone and fohp_decode itself never calls malloc, so a message
 * that needed memory beyond the zone's first chunk would leave a new chunk
 * at the head of the chunk list. Check the head never changes.
 */
static void
test_no_malloc(void **state)
{
	struct pa_fx		*fx = *state;
	struct fohp_decoder	*dec = &fx->dec;
	struct fohp_msg		*m = fx->in;
	struct fohp_err		 err;
	msgpack_sbuffer		 zone, layout, snap, full, gate;
	/* What arrives once warm: each message, and a truncated one. */
	const struct {
		const msgpack_sbuffer	*sb;
		size_t			 cut;	/* bytes left off the end */
		int			 topic, code;
	} warm[] = {
		{ &zone, 0, 1, FOHP_OK }, { &layout, 0, 1, FOHP_OK },
		{ &snap, 0, 0, FOHP_OK }, { &full, 0, 0, FOHP_OK },
		{ &gate, 0, 1, FOHP_OK }, { &zone, 3, 1, FOHP_ETRUNC },
	};
	void			*head;
	size_t			 chunk, j;
	int			 i;

	msgpack_sbuffer_init(&zone);
	msgpack_sbuffer_init(&layout);
	msgpack_sbuffer_init(&snap);
	msgpack_sbuffer_init(&full);
	msgpack_sbuffer_init(&gate);
	pf_snapshot_full(m);
	pa_encode(&full, m, 0);
	pf_build(m, FOHP_GATE);
	pf_hist(&m->u.gate.nhist, m->u.gate.hist, FOHP_HIST_MAX, 0, 1);
	pa_encode(&gate, m, 1);
	pf_build(m, FOHP_ZONE);
	pa_encode(&zone, m, 1);
	pf_build(m, FOHP_LAYOUT);
	pf_layout(&m->u.layout, FOHP_ZONES_MAX);
	pa_encode(&layout, m, 1);
	pf_build(m, FOHP_SNAPSHOT);
	pa_encode(&snap, m, 0);

	chunk = dec->zone.chunk_size;
	assert_int_equal(fohp_decode(dec, zone.data, zone.size, 1, m, &err),
	    FOHP_OK);
	head = dec->zone.chunk_list.head;
	assert_int_equal(dec->zone.chunk_size, chunk);	/* small: no growth */

	/* The big layout grows the zone once... */
	assert_int_equal(fohp_decode(dec, layout.data, layout.size, 1, m,
	    &err), FOHP_OK);
	assert_true(dec->zone.chunk_size > chunk);
	chunk = dec->zone.chunk_size;

	/* ...and the full snapshot, with every hist at its limit, again. */
	assert_int_equal(fohp_decode(dec, full.data, full.size, 0, m, &err),
	    FOHP_OK);
	assert_true(dec->zone.chunk_size > chunk);
	head = dec->zone.chunk_list.head;
	chunk = dec->zone.chunk_size;

	/* ...then nothing allocates, whatever arrives. */
	for (i = 0; i < 1000; i++) {
		for (j = 0; j < nitems(warm); j++) {
			assert_int_equal(fohp_decode(dec, warm[j].sb->data,
			    warm[j].sb->size - warm[j].cut, warm[j].topic, m,
			    &err), warm[j].code);
			assert_ptr_equal(dec->zone.chunk_list.head, head);
		}
	}
	assert_int_equal(dec->zone.chunk_size, chunk);
	assert_int_equal(dec->decoded, 3 + 5000);
	assert_int_equal(dec->rejected, 1000);

	msgpack_sbuffer_destroy(&zone);
	msgpack_sbuffer_destroy(&layout);
	msgpack_sbuffer_destroy(&snap);
	msgpack_sbuffer_destroy(&full);
	msgpack_sbuffer_destroy(&gate);
}

/* Decode a copy of exactly n bytes and check the result is a known code. */
static void
tp_fuzz_one(struct fohp_decoder *dec, const char *buf, size_t n, int topic,
    struct fohp_msg *m)
{
	struct fohp_err	 err;
	char		*copy;
	int		 rv;

	copy = malloc(n ? n : 1);
	assert_non_null(copy);
	memcpy(copy, buf, n);
	rv = fohp_decode(dec, copy, n, topic, m, &err);
	assert_true(rv >= FOHP_OK && rv < FOHP_ECOUNT);
	assert_int_not_equal(rv, FOHP_ENOSPACE);
	assert_int_equal(err.code, rv);
	assert_true(memchr(err.field, '\0', sizeof err.field) != NULL);
	assert_true(memchr(err.text, '\0', sizeof err.text) != NULL);
	free(copy);
}

/* Flip every byte of every kind's message three ways, cut at every length. */
static void
test_fuzz(void **state)
{
	static const uint8_t	 xors[] = { 0x01, 0x80, 0xff };
	struct pa_fx		*fx = *state;
	struct fohp_decoder	*dec = &fx->dec;
	struct fohp_msg		*m = fx->in;
	msgpack_sbuffer		*sb = &fx->sb;
	char			*buf;
	size_t			 i, j;
	int			 k, topic;

	for (k = 1; k < FOHP_KIND_COUNT; k++) {
		pf_build(m, (enum fohp_kind)k);
		topic = pf_topic((enum fohp_kind)k);
		pa_encode(sb, m, topic);
		buf = malloc(sb->size);
		assert_non_null(buf);
		for (i = 0; i < sb->size; i++) {
			for (j = 0; j < nitems(xors); j++) {
				memcpy(buf, sb->data, sb->size);
				buf[i] ^= (char)xors[j];
				tp_fuzz_one(dec, buf, sb->size, topic, m);
			}
		}
		for (i = 0; i <= sb->size; i++)
			tp_fuzz_one(dec, sb->data, i, topic, m);
		free(buf);
	}
	assert_true(dec->rejected > 0);
}

/*
 * Drills (PROTOCOL.md 15): `drill` true goes on the wire and comes back,
 * false is absent; an alert message, whose alert keys share the map with
 * the envelope, carries one `drill` key for both (two would be refused as
 * a repeat); a snapshot's alerts carry their own.
 */
static void
test_drill(void **state)
{
	static const enum fohp_kind	kinds[] = { FOHP_HELLO, FOHP_ZONE,
	    FOHP_ALERT, FOHP_SNAPSHOT, FOHP_REPLY, FOHP_ERROR };
	struct pa_fx			*fx = *state;
	size_t				 i;

	for (i = 0; i < nitems(kinds); i++) {
		pf_build(fx->in, kinds[i]);
		fx->in->drill = 0;
		pa_encode(&fx->sb, fx->in, 0);
		if (pa_has_key(&fx->sb, "drill"))
			fail_msg("%s: drill false is on the wire",
			    fohp_kind_name(kinds[i]));
		fx->in->drill = 1;
		if (kinds[i] == FOHP_ALERT)
			fx->in->u.alert.drill = 1;	/* as agents send it */
		if (kinds[i] == FOHP_SNAPSHOT && fx->in->u.snapshot.nalerts > 0)
			fx->in->u.snapshot.alerts[0].drill = 1;
		pa_roundtrip(fx, fx->in);
		assert_true(pa_has_key(&fx->sb, "drill"));
		assert_int_equal(fx->out->drill, 1);
	}
	/* The alert alone marked (cannot happen: only a drill raises one):
	 * its key marks the message too, once. */
	pf_build(fx->in, FOHP_ALERT);
	fx->in->drill = 0;
	fx->in->u.alert.drill = 1;
	pa_encode(&fx->sb, fx->in, 0);
	assert_int_equal(fohp_decode(&fx->dec, fx->sb.data, fx->sb.size, 0,
	    fx->out, &fx->err), FOHP_OK);
	assert_int_equal(fx->out->drill, 1);
	assert_int_equal(fx->out->u.alert.drill, 1);
}

/* Run the tests of the decoder's refusals, memory and fuzz loop. */
int
main(void)
{
	const struct CMUnitTest tests[] = {
		PA_TEST(test_repeated_keys),
		PA_TEST(test_drill),
		PA_TEST(test_malformed_raw),
		PA_TEST(test_size_limits),
		PA_TEST(test_no_malloc),
		PA_TEST(test_fuzz),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
