/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-ingest-msgpack.c: the msgpack path (nng PULL) takes the same
 * readings and refuses the same way as JSON; crafted headers are refused
 * cleanly; the conversion to jansson values. The venue is
 * ingest-venue.c's.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "ingest-venue.h"

/* Pack a zone_count map up to its count's key; the count comes next. */
static void
pack_zone_head(msgpack_packer *pk, const char *zone)
{
	msgpack_pack_map(pk, 3);
	msgpack_pack_str_with_body(pk, "kind", 4);
	msgpack_pack_str_with_body(pk, "zone_count", 10);
	msgpack_pack_str_with_body(pk, "zone", 4);
	msgpack_pack_str_with_body(pk, zone, strlen(zone));
	msgpack_pack_str_with_body(pk, "count", 5);
}

/* Pack a zone_count map. */
static void
pack_zone(msgpack_packer *pk, const char *zone, uint64_t count)
{
	pack_zone_head(pk, zone);
	msgpack_pack_uint64(pk, count);
}

/* Pack a zone_count map whose count is a double. */
static void
pack_zone_f(msgpack_packer *pk, const char *zone, double count)
{
	pack_zone_head(pk, zone);
	msgpack_pack_double(pk, count);
}

/* Run ingest_msgpack on an sbuffer. */
static int
mp_ingest(msgpack_sbuffer *sb, msgpack_zone *z)
{
	return (ingest_msgpack(venue, sb->data, sb->size, z, NOW, batch));
}

/* The msgpack path takes the same readings and refuses the same way. */
static void
test_ingest_msgpack(void **state)
{
	msgpack_sbuffer	 sb;
	msgpack_packer	 pk;
	msgpack_zone	 z;
	unsigned	 i;

	(void)state;
	msgpack_sbuffer_init(&sb);
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	assert_true(msgpack_zone_init(&z, 2048));

	/* An array of readings, one bad. */
	msgpack_pack_array(&pk, 4);
	pack_zone(&pk, "a", 7);
	msgpack_pack_map(&pk, 6);
	msgpack_pack_str_with_body(&pk, "kind", 4);
	msgpack_pack_str_with_body(&pk, "gate_flow", 9);
	msgpack_pack_str_with_body(&pk, "gate", 4);
	msgpack_pack_str_with_body(&pk, "g1", 2);
	msgpack_pack_str_with_body(&pk, "in", 2);
	msgpack_pack_int(&pk, 4);
	msgpack_pack_str_with_body(&pk, "out", 3);
	msgpack_pack_int(&pk, 0);
	msgpack_pack_str_with_body(&pk, "interval_ms", 11);
	msgpack_pack_int(&pk, 500);
	msgpack_pack_str_with_body(&pk, "t", 1);
	msgpack_pack_uint64(&pk, 42);
	pack_zone(&pk, "a", UINT64_MAX);	/* over LLONG_MAX */
	pack_zone_f(&pk, "b", 3.0);		/* a float is not a uint */
	assert_int_equal(mp_ingest(&sb, &z), 0);
	assert_int_equal(batch->n, 2);
	assert_int_equal(batch->r[0].u.zone.count, 7);
	assert_int_equal(batch->r[0].t_ms, NOW);
	assert_int_equal(batch->r[1].u.gate.in, 4);
	assert_int_equal(batch->r[1].t_ms, 42);
	assert_int_equal(batch->rejected, 2);
	assert_int_equal(batch->errs[0].index, 2);
	assert_string_equal(batch->errs[0].code, "type");
	assert_string_equal(batch->errs[0].field, "count");
	assert_int_equal(batch->errs[1].index, 3);
	assert_string_equal(batch->errs[1].code, "type");

	/* A single map; negative count. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_map(&pk, 3);
	msgpack_pack_str_with_body(&pk, "kind", 4);
	msgpack_pack_str_with_body(&pk, "zone_count", 10);
	msgpack_pack_str_with_body(&pk, "zone", 4);
	msgpack_pack_str_with_body(&pk, "c", 1);
	msgpack_pack_str_with_body(&pk, "count", 5);
	msgpack_pack_int(&pk, -4);
	assert_int_equal(mp_ingest(&sb, &z), 0);
	assert_int_equal(batch->errs[0].index, 0);
	assert_string_equal(batch->errs[0].reason, "negative number -4");

	/* A bin value anywhere refuses the message. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_map(&pk, 2);
	msgpack_pack_str_with_body(&pk, "kind", 4);
	msgpack_pack_str_with_body(&pk, "zone_count", 10);
	msgpack_pack_str_with_body(&pk, "image", 5);
	msgpack_pack_bin_with_body(&pk, "\x01\x02", 2);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_int_equal(batch->errs[0].index, -1);
	assert_string_equal(batch->errs[0].code, "type");
	assert_non_null(strstr(batch->errs[0].reason, "message.image: bin"));

	/* NaN. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_array(&pk, 1);
	pack_zone_f(&pk, "a", NAN);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "range");
	assert_non_null(strstr(batch->errs[0].reason,
	    "message[0].count: NaN"));

	/* Map key not a string. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_map(&pk, 1);
	msgpack_pack_int(&pk, 1);
	msgpack_pack_int(&pk, 1);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "type");

	/* Duplicate key. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_map(&pk, 2);
	msgpack_pack_str_with_body(&pk, "kind", 4);
	msgpack_pack_nil(&pk);
	msgpack_pack_str_with_body(&pk, "kind", 4);
	msgpack_pack_true(&pk);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "json");
	assert_non_null(strstr(batch->errs[0].reason, "duplicate"));

	/* Not UTF-8. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_str_with_body(&pk, "\xff\xfe", 2);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "type");

	/* Nested too deep. */
	msgpack_sbuffer_clear(&sb);
	for (i = 0; i < INGEST_DEPTH_MAX + 1; i++)
		msgpack_pack_array(&pk, 1);
	msgpack_pack_nil(&pk);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "json");
	assert_non_null(strstr(batch->errs[0].reason, "nested deeper"));
	/* ... while INGEST_DEPTH_MAX levels are fine (as msgpack). */
	msgpack_sbuffer_clear(&sb);
	for (i = 0; i < INGEST_DEPTH_MAX; i++)
		msgpack_pack_array(&pk, 1);
	msgpack_pack_nil(&pk);
	assert_int_equal(mp_ingest(&sb, &z), 0);
	assert_string_equal(batch->errs[0].code, "type");

	/* Trailing bytes, truncation, garbage, a lying array header. */
	msgpack_sbuffer_clear(&sb);
	msgpack_pack_array(&pk, 1);
	pack_zone(&pk, "a", 1);
	msgpack_pack_nil(&pk);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "json");
	assert_non_null(strstr(batch->errs[0].reason, "1 trailing byte"));
	assert_int_equal(ingest_msgpack(venue, sb.data, sb.size - 3, &z, NOW,
	    batch), -1);
	assert_string_equal(batch->errs[0].code, "json");
	assert_int_equal(ingest_msgpack(venue, "\xc1", 1, &z, NOW, batch), -1);
	assert_non_null(strstr(batch->errs[0].reason, "not msgpack"));
	assert_int_equal(ingest_msgpack(venue, "\xdd\xff\xff\xff\xff\xc0", 6,
	    &z, NOW, batch), -1);
	assert_string_equal(batch->errs[0].code, "json");
	assert_int_equal(ingest_msgpack(venue, "", 0, &z, NOW, batch), -1);

	/* Oversized. */
	venue->max_frame = 16;
	msgpack_sbuffer_clear(&sb);
	pack_zone(&pk, "a", 1);
	assert_int_equal(mp_ingest(&sb, &z), -1);
	assert_string_equal(batch->errs[0].code, "oversized");
	venue->max_frame = 0;

	msgpack_zone_destroy(&z);
	msgpack_sbuffer_destroy(&sb);
}

/* A crafted msgpack message and the outcome it must have. */
struct crafted_case {
	const char	*name;
	const char	*bytes;
	size_t		 len;
	int		 rv;		/* 0: frame parsed, -1: refused */
	unsigned	 n;		/* readings taken */
	const char	*code;		/* first error's code; NULL: none */
	const char	*reason;	/* a substring of it */
};

#define MP(s)	s, sizeof(s) - 1
/* {"kind":"zone_count","zone":"a","count":X}, X the bytes given. */
#define MPZC(x)	"\x83\xa4kind\xaazone_count\xa4zone\xa1" "a\xa5" "count" x

/*
 * Crafted headers, as a fuzzer finds them. Run under UBSan/ASan
 * (--enable-sanitizers) these must neither trip a report nor crash: an
 * empty str (msgpack-c gives it a NULL pointer, which reached memchr and
 * jansson: a UBSan report, and "" refused as not UTF-8), lengths promising
 * far more than the message holds, ext types, the edges of int64.
 */
static const struct crafted_case crafted_cases[] = {
	{ "empty map key", MP("\x81\xa0\x01"), 0, 0, "missing",
	    "required key" },
	{ "empty key among keys", MP("\x84\xa0\xa0\xa4kind\xaazone_count"
	    "\xa4zone\xa1" "a\xa5" "count\x05"), 0, 1, NULL, NULL },
	{ "empty str value", MP("\x84\xa4kind\xaazone_count\xa4zone\xa1"
	    "a\xa5" "count\x05\xa6source\xa0"), 0, 1, NULL, NULL },
	{ "empty str8 zone", MP("\x83\xa4kind\xaazone_count\xa4zone\xd9\x00"
	    "\xa5" "count\x05"), 0, 0, "range", "must not be empty" },
	{ "the fuzzer's find", MP("\x84\xa0\x6b\x69\x70\x6c\x65\xa5\x65"
	    "\x73\x81\xa1\x78\x93\x01\x02\xfd"), -1, 0, "type",
	    "message.: map key is not a string" },
	{ "str32 of 4 GiB", MP("\xdb\xff\xff\xff\xff" "abc"), -1, 0, "json",
	    "truncated" },
	{ "bin32 of 4 GiB", MP("\xc6\xff\xff\xff\xff" "abc"), -1, 0, "json",
	    "truncated" },
	{ "array32 of 4 G entries", MP("\xdd\xff\xff\xff\xff\xc0\xc0"), -1,
	    0, "json", "truncated" },
	{ "map32 of 4 G entries", MP("\xdf\xff\xff\xff\xff\xc0\xc0"), -1,
	    0, "json", "truncated" },
	{ "map16 of 65535 entries", MP("\xde\xff\xff\xa0\xc0"), -1, 0,
	    "json", "truncated" },
	{ "ext32 of 4 GiB", MP("\xc9\xff\xff\xff\xff\x01" "ab"), -1, 0,
	    "json", "truncated" },
	{ "fixext1 type -1", MP("\x81\xa1x\xd4\xff\x00"), -1, 0, "type",
	    "ext value (type -1)" },
	{ "fixext16 type -128", MP("\xd8\x80" "0123456789abcdef"), -1, 0,
	    "type", "ext value (type -128)" },
	{ "ext8 empty", MP("\xc7\x00\x05"), -1, 0, "type", "ext value" },
	{ "count int64 min", MP(MPZC("\xd3\x80\x00\x00\x00\x00\x00\x00\x00")),
	    0, 0, "range", "negative number -9223372036854775808" },
	{ "count int64 max", MP(MPZC("\xd3\x7f\xff\xff\xff\xff\xff\xff\xff")),
	    0, 0, "range", "over the limit 1000000" },
	{ "count uint64 max", MP(MPZC("\xcf\xff\xff\xff\xff\xff\xff\xff\xff")),
	    0, 0, "type", "real number" },
	{ "count int8 -128", MP(MPZC("\xd0\x80")), 0, 0, "range",
	    "negative number -128" },
	{ "count float32 inf", MP(MPZC("\xca\x7f\x80\x00\x00")), -1, 0,
	    "range", "NaN or infinity" },
	{ "count float64 max", MP(MPZC("\xcb\x7f\xef\xff\xff\xff\xff\xff"
	    "\xff")), 0, 0, "type", "real number" },
	{ "t int64 min", MP("\x84\xa4kind\xaazone_count\xa4zone\xa1" "a\xa5"
	    "count\x01\xa1t\xd3\x80\x00\x00\x00\x00\x00\x00\x00"), 0, 0,
	    "range", "negative number" },
	{ "lone array16 header", MP("\xdc"), -1, 0, "json", "truncated" },
	{ "reserved byte 0xc1", MP("\x91\xc1"), -1, 0, "json",
	    "not msgpack" },
};

/* Crafted msgpack headers are refused (or taken) cleanly. */
static void
test_ingest_msgpack_crafted(void **state)
{
	msgpack_zone	 z;
	size_t		 i;
	int		 rv;

	(void)state;
	assert_true(msgpack_zone_init(&z, 2048));
	for (i = 0; i < sizeof(crafted_cases) / sizeof(crafted_cases[0]);
	    i++) {
		const struct crafted_case	*t = &crafted_cases[i];

		rv = ingest_msgpack(venue, t->bytes, t->len, &z, NOW, batch);
		if (rv != t->rv)
			fail_msg("%s: returned %d, want %d (%s)", t->name, rv,
			    t->rv, batch->nerrs > 0 ? batch->errs[0].reason :
			    "");
		if (batch->n != t->n)
			fail_msg("%s: %u readings, want %u", t->name, batch->n,
			    t->n);
		if (t->code == NULL) {
			if (batch->nerrs != 0)
				fail_msg("%s: refused: %s", t->name,
				    batch->errs[0].reason);
			continue;
		}
		if (batch->nerrs == 0 || batch->rejected != 1 ||
		    strcmp(batch->errs[0].code, t->code) != 0 ||
		    strstr(batch->errs[0].reason, t->reason) == NULL)
			fail_msg("%s: got %s \"%s\", want %s \"...%s...\"",
			    t->name, batch->nerrs ? batch->errs[0].code : "-",
			    batch->nerrs ? batch->errs[0].reason : "",
			    t->code, t->reason);
	}
	msgpack_zone_destroy(&z);
}

/*
 * Who may push over PULL: which URLs only this host can reach, and which
 * peer addresses an allow list takes (vconf.c, used by fohd's PULL).
 */
static void
test_ingest_pull_addresses(void **state)
{
	static const struct {
		const char	*url;
		int		 local;
	} urls[] = {
		{ "ipc:///run/foh/pull", 1 }, { "inproc://x", 1 },
		{ "tcp://127.0.0.1:7603", 1 }, { "tcp://127.8.9.10:1", 1 },
		{ "tcp://localhost:7603", 1 }, { "tcp://[::1]:7603", 1 },
		{ "ws://127.0.0.1:7603/pull", 1 }, { "tls+tcp://[::1]:1", 1 },
		{ "tcp://0.0.0.0:7603", 0 }, { "tcp://:7603", 0 },
		{ "tcp://*:7603", 0 }, { "tcp://[::]:7603", 0 },
		{ "tcp://192.0.2.2:7603", 0 }, { "tcp://fohd.example:7603", 0 },
		{ "tcp://128.0.0.1:7603", 0 }, { "tcp://[::ffff:127.0.0.1]:1", 0 },
		{ "ws://0.0.0.0:7603/pull", 0 }, { "tcp://[::1:7603", 0 },
		{ "nonsense", 0 },
	};
	struct vconf_cidr	 net;
	const uint8_t		 a4[4] = { 10, 1, 200, 7 };
	const uint8_t		 b4[4] = { 10, 2, 0, 1 };
	uint8_t			 m6[16] = { 0 };
	uint8_t			 c6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1 };
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++) {
		if (vconf_url_local(urls[i].url) != urls[i].local)
			fail_msg("%s: local %d, want %d", urls[i].url,
			    !urls[i].local, urls[i].local);
	}
	assert_int_equal(vconf_cidr_parse("10.1.0.0/16", &net), 0);
	assert_int_equal(net.family, 4);
	assert_int_equal(net.bits, 16);
	assert_true(vconf_cidr_match(&net, 4, a4));
	assert_false(vconf_cidr_match(&net, 4, b4));
	m6[10] = m6[11] = 0xff;		/* ::ffff:10.1.200.7 */
	memcpy(m6 + 12, a4, 4);
	assert_true(vconf_cidr_match(&net, 6, m6));
	assert_int_equal(vconf_cidr_parse("10.1.200.0/21", &net), 0);
	assert_true(vconf_cidr_match(&net, 4, a4));	/* 200 = 11001000 */
	assert_int_equal(vconf_cidr_parse("10.1.208.0/21", &net), 0);
	assert_false(vconf_cidr_match(&net, 4, a4));
	assert_int_equal(vconf_cidr_parse("192.0.2.7", &net), 0);
	assert_int_equal(net.bits, 32);
	assert_int_equal(vconf_cidr_parse("0.0.0.0/0", &net), 0);
	assert_true(vconf_cidr_match(&net, 4, b4));
	assert_false(vconf_cidr_match(&net, 6, c6));
	assert_int_equal(vconf_cidr_parse("2001:db8::/32", &net), 0);
	assert_int_equal(net.family, 6);
	assert_true(vconf_cidr_match(&net, 6, c6));
	assert_false(vconf_cidr_match(&net, 4, a4));
	assert_int_equal(vconf_cidr_parse("10.0.0.0/33", &net), -1);
	assert_int_equal(vconf_cidr_parse("2001:db8::/129", &net), -1);
	assert_int_equal(vconf_cidr_parse("10.0.0.0/", &net), -1);
	assert_int_equal(vconf_cidr_parse("/8", &net), -1);
	assert_int_equal(vconf_cidr_parse("example.org", &net), -1);
	assert_int_equal(vconf_cidr_parse("10.0.0.0/-1", &net), -1);
}

/* The converter alone: types map across, bin is refused with the path. */
static void
test_ingest_msgpack_to_json(void **state)
{
	msgpack_sbuffer	 sb;
	msgpack_packer	 pk;
	msgpack_zone	 z;
	msgpack_object	 o;
	json_t		*j;
	char		 err[160], *s;
	size_t		 off = 0;

	(void)state;
	msgpack_sbuffer_init(&sb);
	msgpack_packer_init(&pk, &sb, msgpack_sbuffer_write);
	msgpack_zone_init(&z, 1024);
	msgpack_pack_array(&pk, 7);
	msgpack_pack_nil(&pk);
	msgpack_pack_true(&pk);
	msgpack_pack_int64(&pk, -3);
	msgpack_pack_uint64(&pk, 12);
	msgpack_pack_float(&pk, 0.5f);
	msgpack_pack_str_with_body(&pk, "h\xc3\xa9", 3);
	msgpack_pack_map(&pk, 1);
	msgpack_pack_str_with_body(&pk, "k", 1);
	msgpack_pack_array(&pk, 0);
	assert_int_equal(msgpack_unpack(sb.data, sb.size, &off, &z, &o),
	    MSGPACK_UNPACK_SUCCESS);
	j = ingest_msgpack_to_json(&o, err, sizeof(err));
	assert_non_null(j);
	s = json_dumps(j, JSON_COMPACT);
	assert_string_equal(s, "[null,true,-3,12,0.5,\"h\xc3\xa9\",{\"k\":[]}]");
	free(s);
	json_decref(j);

	msgpack_sbuffer_clear(&sb);
	msgpack_pack_array(&pk, 2);
	msgpack_pack_nil(&pk);
	msgpack_pack_bin_with_body(&pk, "x", 1);
	off = 0;
	assert_int_equal(msgpack_unpack(sb.data, sb.size, &off, &z, &o),
	    MSGPACK_UNPACK_SUCCESS);
	assert_null(ingest_msgpack_to_json(&o, err, sizeof(err)));
	assert_non_null(strstr(err, "message[1]: bin value (1 bytes)"));
	msgpack_zone_destroy(&z);
	msgpack_sbuffer_destroy(&sb);
}


int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_ingest_msgpack),
		cmocka_unit_test(test_ingest_msgpack_crafted),
		cmocka_unit_test(test_ingest_pull_addresses),
		cmocka_unit_test(test_ingest_msgpack_to_json),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
