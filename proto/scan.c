/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * scan.c: one pass over raw bytes, before msgpack-c sees them (decode.c's
 * first step, and fohd's msgpack ingest).
 */
#include <stdio.h>

#include "foh-proto.h"

/* Read a big-endian number of n bytes. */
static uint64_t
fohp_be(const uint8_t *p, size_t n)
{
	uint64_t	v = 0;

	while (n-- > 0)
		v = (v << 8) | *p++;
	return (v);
}

/*
 * Check that buf holds one complete msgpack object and nothing after it,
 * nested at most max_depth deep, each array or map promising no more
 * entries than bytes are left, without recursion: msgpack-c then allocates
 * no more than the message's size warrants. Sets *need (if not NULL) to
 * the zone bytes msgpack-c will use. Returns FOHP_OK, or FOHP_ETRUNC with
 * why (whylen bytes) saying what is wrong. Shared with fohd's msgpack
 * ingest (src/agent/ingest.c), which allows one more level than messages need.
 */
int
fohp_scan(const void *data, size_t len, int max_depth, size_t *need,
    char *why, size_t whylen)
{
	const uint8_t	*buf = data;
	uint64_t	 left[FOHP_SCAN_DEPTH_MAX + 1], pending = 1, n;
	size_t		 pos = 0, hdr, body, zone = 0;
	int		 depth = 0;
	uint8_t		 b;

	if (need != NULL)
		*need = 0;
	if (max_depth > FOHP_SCAN_DEPTH_MAX)
		max_depth = FOHP_SCAN_DEPTH_MAX;
	left[0] = 1;
	if (len == 0) {
		snprintf(why, whylen, "empty message");
		return (FOHP_ETRUNC);
	}
	while (depth >= 0) {
		if (left[depth] == 0) {
			depth--;
			continue;
		}
		left[depth]--;
		pending--;
		if (pos >= len)
			goto trunc;
		b = buf[pos];
		hdr = 1;
		body = 0;
		n = 0;
		if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 ||
		    b == 0xc3)
			;
		else if (b >= 0xa0 && b <= 0xbf)
			body = b & 0x1f;
		else if (b >= 0x80 && b <= 0x8f)
			n = 2 * (uint64_t)(b & 0x0f);
		else if (b >= 0x90 && b <= 0x9f)
			n = b & 0x0f;
		else {
			switch (b) {
			case 0xcc: case 0xd0: body = 1; break;
			case 0xcd: case 0xd1: body = 2; break;
			case 0xca: case 0xce: case 0xd2: body = 4; break;
			case 0xcb: case 0xcf: case 0xd3: body = 8; break;
			case 0xd4: body = 2; break;
			case 0xd5: body = 3; break;
			case 0xd6: body = 5; break;
			case 0xd7: body = 9; break;
			case 0xd8: body = 17; break;
			case 0xc4: case 0xd9: hdr = 2; break;
			case 0xc5: case 0xda: hdr = 3; break;
			case 0xc6: case 0xdb: hdr = 5; break;
			case 0xc7: hdr = 3; break;
			case 0xc8: hdr = 4; break;
			case 0xc9: hdr = 6; break;
			case 0xdc: case 0xde: hdr = 3; break;
			case 0xdd: case 0xdf: hdr = 5; break;
			default:
				snprintf(why, whylen, "not msgpack (byte 0x%02x "
				    "at offset %zu)", b, pos);
				return (FOHP_ETRUNC);
			}
			if (len - pos < hdr)
				goto trunc;
			switch (b) {
			case 0xc4: case 0xc5: case 0xc6:
			case 0xd9: case 0xda: case 0xdb:
				body = fohp_be(buf + pos + 1, hdr - 1);
				break;
			case 0xc7: case 0xc8: case 0xc9:	/* + type */
				body = fohp_be(buf + pos + 1, hdr - 2);
				break;
			case 0xdc: case 0xdd:
				n = fohp_be(buf + pos + 1, hdr - 1);
				break;
			case 0xde: case 0xdf:
				n = 2 * fohp_be(buf + pos + 1, hdr - 1);
				break;
			}
		}
		if (len - pos < hdr || len - pos - hdr < body)
			goto trunc;
		pos += hdr + body;
		if ((b >= 0x80 && b <= 0x9f) || (b >= 0xdc && b <= 0xdf)) {
			/* Entries of a map count twice; kv is 2 objects. */
			zone += n * sizeof (msgpack_object);
			/*
			 * An empty container is nested as deep as a full one:
			 * msgpack-c refuses 33 nested arrays even when the
			 * innermost is empty.
			 */
			if (depth + 1 > max_depth) {
				snprintf(why, whylen, "nested deeper than %d",
				    max_depth);
				return (FOHP_ETRUNC);
			}
			if (n == 0)
				continue;
			/* Every entry still to come needs at least a byte. */
			if (pending + n > len - pos)
				goto trunc;
			left[++depth] = n;
			pending += n;
		}
	}
	if (pos != len) {
		snprintf(why, whylen, "%zu trailing bytes after the message",
		    len - pos);
		return (FOHP_ETRUNC);
	}
	if (need != NULL)
		*need = zone;
	return (FOHP_OK);

trunc:
	snprintf(why, whylen, "truncated (%zu bytes)", len);
	return (FOHP_ETRUNC);
}
