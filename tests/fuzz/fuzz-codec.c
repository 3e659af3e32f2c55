/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-codec.c: libFuzzer target for the wire codec (proto/).
 *
 * Each input is tried three ways: fohp_scan on its own, fohp_decode as a
 * stream message (topic, NUL, map) and fohp_decode as a REQ/REP body (the
 * bare map). Besides the sanitizers, two properties are checked:
 *
 *  - fohp_scan and msgpack-c agree: what the scan passes, msgpack_unpack
 *    unpacks whole, with nothing left over;
 *  - what decodes, encodes, and the encoding decodes again and encodes to
 *    the same bytes (the codec's two directions share their tables, so a
 *    value one takes and the other refuses is a bug: issue 9, item 4).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/foh-proto.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct fohp_decoder	 fuzz_dec;
static struct fohp_msg		*fuzz_msg, *fuzz_msg2;
static msgpack_sbuffer		 fuzz_sb, fuzz_sb2;
static msgpack_zone		 fuzz_zone;

/* Set up the decoder and the messages once. */
static void
fuzz_codec_init(void)
{
	if (fuzz_msg != NULL)
		return;
	if (fohp_decoder_init(&fuzz_dec) != FOHP_OK)
		abort();
	fuzz_msg = calloc(1, sizeof(*fuzz_msg));
	fuzz_msg2 = calloc(1, sizeof(*fuzz_msg2));
	if (fuzz_msg == NULL || fuzz_msg2 == NULL)
		abort();
	msgpack_sbuffer_init(&fuzz_sb);
	msgpack_sbuffer_init(&fuzz_sb2);
	if (!msgpack_zone_init(&fuzz_zone, 16 * 1024))
		abort();
}

/* What fohp_scan passes, msgpack-c must unpack exactly. */
static void
fuzz_codec_scan(const uint8_t *data, size_t len)
{
	char		 why[128];
	size_t		 need, off = 0;
	msgpack_object	 obj;

	if (fohp_scan(data, len, FOHP_SCAN_DEPTH_MAX, &need, why,
	    sizeof(why)) != FOHP_OK)
		return;
	msgpack_zone_clear(&fuzz_zone);
	if (msgpack_unpack((const char *)data, len, &off, &fuzz_zone, &obj) !=
	    MSGPACK_UNPACK_SUCCESS || off != len)
		abort();
}

/* Decode, and if that works, encode and decode the result again. */
static void
fuzz_codec_decode(const uint8_t *data, size_t len, int topic)
{
	struct fohp_err	err;

	if (fohp_decode(&fuzz_dec, data, len, topic, fuzz_msg, &err) !=
	    FOHP_OK)
		return;
	msgpack_sbuffer_clear(&fuzz_sb);
	if (fohp_encode(&fuzz_sb, fuzz_msg, topic, &err) != FOHP_OK)
		abort();	/* decoded but cannot be sent on */
	if (fohp_decode(&fuzz_dec, fuzz_sb.data, fuzz_sb.size, topic,
	    fuzz_msg2, &err) != FOHP_OK)
		abort();	/* the encoder wrote what the decoder refuses */
	msgpack_sbuffer_clear(&fuzz_sb2);
	if (fohp_encode(&fuzz_sb2, fuzz_msg2, topic, &err) != FOHP_OK ||
	    fuzz_sb2.size != fuzz_sb.size ||
	    memcmp(fuzz_sb2.data, fuzz_sb.data, fuzz_sb.size) != 0)
		abort();	/* the round trip changed the message */
}

/* libFuzzer's entry point: one input. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	fuzz_codec_init();
	fuzz_codec_scan(data, len);
	fuzz_codec_decode(data, len, 1);
	fuzz_codec_decode(data, len, 0);
	return (0);
}
