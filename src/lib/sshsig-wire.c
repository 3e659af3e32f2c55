/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * sshsig-wire.c: SSH wire data for sshsig (sshsig-priv.h): a reader that
 * checks the bytes left before every read, a writer that stops at its
 * buffer's end, and the error sentence.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sshsig.h"
#include "sshsig-priv.h"
#include "text.h"


/* Copy untrusted bytes s[n] for a message: printable ASCII, else '?'. */
void
sshsig_show(char *dst, size_t dstlen, const uint8_t *s, size_t n)
{
	size_t	i;

	if (dstlen == 0)
		return;
	for (i = 0; i < n && i + 1 < dstlen; i++)
		dst[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? (char)s[i] : '?';
	if (i < n && i >= 3)
		memcpy(dst + i - 3, "...", 3);
	dst[i] = '\0';
}

/* Read a big-endian uint32; 0, or -1 if fewer than 4 bytes are left. */
int
sshsig_rd_u32(struct sshsig_rd *r, uint32_t *v)
{
	const uint8_t	*b;

	if (r->len - r->off < 4)
		return (-1);
	b = r->p + r->off;
	*v = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | (uint32_t)b[3];
	r->off += 4;
	return (0);
}

/* Point *s at the next n bytes; 0, or -1 if fewer are left. */
int
sshsig_rd_bytes(struct sshsig_rd *r, const uint8_t **s, size_t n)
{
	if (r->len - r->off < n)
		return (-1);
	*s = r->p + r->off;
	r->off += n;
	return (0);
}

/* Read an SSH string: *s points into the reader's bytes, *n its length. */
int
sshsig_rd_string(struct sshsig_rd *r, const uint8_t **s, size_t *n)
{
	struct sshsig_rd	save = *r;
	uint32_t		len;

	if (sshsig_rd_u32(r, &len) != 0 || sshsig_rd_bytes(r, s, len) != 0) {
		*r = save;
		return (-1);
	}
	*n = len;
	return (0);
}

/* Do the n bytes at s spell exactly the C string want? 1 or 0. */
int
sshsig_rd_is(const uint8_t *s, size_t n, const char *want)
{
	return (n == strlen(want) && memcmp(s, want, n) == 0);
}

/*
 * Read a key's type, which must be "ssh-ed25519". 0, or -1 and err: cut
 * (when the string is cut short) or the type found.
 */
int
sshsig_rd_keytype(struct sshsig_rd *r, const char *cut, char *err,
    size_t errlen)
{
	const uint8_t	*t;
	size_t		 tn;
	char		 show[40];

	if (sshsig_rd_string(r, &t, &tn) != 0) {
		text_error(err, errlen, "%s", cut);
		return (-1);
	}
	if (!sshsig_rd_is(t, tn, SSHSIG_KEYTYPE)) {
		sshsig_show(show, sizeof(show), t, tn);
		text_error(err, errlen, "not an ssh-ed25519 key (\"%s\")",
		    show);
		return (-1);
	}
	return (0);
}

/* Append n bytes, or mark the writer overflowed. */
void
sshsig_wr_bytes(struct sshsig_wr *w, const void *s, size_t n)
{
	if (!w->ok || w->len - w->off < n) {
		w->ok = 0;
		return;
	}
	if (n > 0)
		memcpy(w->p + w->off, s, n);
	w->off += n;
}

/* Append a big-endian uint32. */
void
sshsig_wr_u32(struct sshsig_wr *w, uint32_t v)
{
	uint8_t	b[4];

	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
	sshsig_wr_bytes(w, b, 4);
}

/* Append an SSH string. */
void
sshsig_wr_string(struct sshsig_wr *w, const void *s, size_t n)
{
	if (n > UINT32_MAX) {
		w->ok = 0;
		return;
	}
	sshsig_wr_u32(w, (uint32_t)n);
	sshsig_wr_bytes(w, s, n);
}
