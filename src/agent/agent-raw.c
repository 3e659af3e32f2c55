/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * agent-raw.c: what can be read of a control request that did not decode.
 *
 * A request that fails to decode is still answered with its id when the
 * bytes name one (PROTOCOL.md, control). This reads msgpack headers one by
 * one, without allocating and whatever lengths they claim, just far enough
 * to find the "id" and "kind" keys of the map the request starts with.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "agent-priv.h"

/* One msgpack header, as agent_raw_header reads it. */
struct agent_mp {
	char		 type;		/* 'u' uint, 's' str, 'o' other */
	uint64_t	 u;		/* 'u': the value */
	const char	*s;		/* 's': the bytes (not NUL-ended) */
	size_t		 slen;
	uint64_t	 items;		/* objects that follow inside it */
};

/* A big-endian number of n bytes at b. */
static uint64_t
agent_raw_be(const unsigned char *b, unsigned n)
{
	uint64_t	u = 0;

	while (n-- > 0)
		u = (u << 8) | *b++;
	return (u);
}

/*
 * Read the msgpack header at *off (and the body of a string, number or
 * blob) into h, moving *off past it; -1 if it is cut short or invalid.
 * Allocates nothing: a container's entries are only counted.
 */
static int
agent_raw_header(const unsigned char *b, size_t len, size_t *off,
    struct agent_mp *h)
{
	/* Bytes of the length field, then of fixed data, per 0xc0.. byte. */
	static const unsigned char lenb[32] = {
		0, 0, 0, 0, 1, 2, 4, 1, 2, 4, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 2, 4, 2, 4 };
	static const unsigned char fixb[32] = {
		0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 4, 8, 1, 2, 4, 8,
		1, 2, 4, 8, 2, 3, 5, 9, 17, 0, 0, 0, 0, 0, 0, 0 };
	size_t		 o = *off, n;
	unsigned	 c;

	memset(h, 0, sizeof(*h));
	h->type = 'o';
	if (o >= len)
		return (-1);
	c = b[o++];
	if (c <= 0x7f || c >= 0xe0) {
		h->type = c <= 0x7f ? 'u' : 'o';
		h->u = c;
	} else if (c <= 0x8f)
		h->items = 2 * (uint64_t)(c & 0x0f);
	else if (c <= 0x9f)
		h->items = c & 0x0f;
	else if (c <= 0xbf) {
		h->type = 's';
		h->slen = c & 0x1f;
	} else if (c == 0xc1)
		return (-1);
	else if (lenb[c - 0xc0] != 0) {
		if (len - o < lenb[c - 0xc0])
			return (-1);
		n = (size_t)agent_raw_be(b + o, lenb[c - 0xc0]);
		o += lenb[c - 0xc0];
		if (c >= 0xdc)
			h->items = (c >= 0xde ? 2 : 1) * (uint64_t)n;
		else {
			h->type = c >= 0xd9 ? 's' : 'o';
			h->slen = n + (c >= 0xc7 && c <= 0xc9);	/* ext type */
		}
	} else {
		n = fixb[c - 0xc0];
		if (len - o < n)
			return (-1);
		if (c >= 0xcc && c <= 0xcf) {
			h->type = 'u';
			h->u = agent_raw_be(b + o, n);
		}
		o += n;
	}
	if (h->slen > len - o)
		return (-1);
	h->s = (const char *)b + o;
	*off = o + h->slen;
	return (0);
}

/*
 * What can be read of a request that did not decode: its id (0 if none)
 * and its kind ("" if none), from the keys of the map it starts with, as
 * far as the bytes go: a map cut short or followed by more bytes still
 * names its id. Without allocating, whatever the headers claim.
 */
void
agent_raw_request(const void *buf, size_t len, uint64_t *id, char *kind,
    size_t kindlen)
{
	const unsigned char	*b = buf;
	struct agent_mp		 h, k, v;
	uint64_t		 keys, skip;
	size_t			 off = 0;
	int			 seen = 0;	/* an id: the first counts */

	*id = 0;
	kind[0] = '\0';
	if (agent_raw_header(b, len, &off, &h) != 0 || h.type != 'o' ||
	    h.items % 2 != 0 || (b[0] & 0xf0) == 0x90 || b[0] == 0xdc ||
	    b[0] == 0xdd)
		return;		/* not a map */
	for (keys = h.items / 2; keys > 0; keys--) {
		if (agent_raw_header(b, len, &off, &k) != 0 ||
		    agent_raw_header(b, len, &off, &v) != 0)
			return;
		if (k.type == 's' && k.slen == 2 && memcmp(k.s, "id", 2) == 0 &&
		    !seen++ && v.type == 'u')
			*id = v.u;
		if (k.type == 's' && k.slen == 4 &&
		    memcmp(k.s, "kind", 4) == 0 && v.type == 's')
			snprintf(kind, kindlen, "%.*s", (int)v.slen, v.s);
		/* Skip what a key's value holds, counting, not recursing. */
		for (skip = v.items; skip > 0; skip--) {
			if (agent_raw_header(b, len, &off, &v) != 0)
				return;
			skip += v.items;
		}
	}
}
