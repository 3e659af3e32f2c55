/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * sshsig-priv.h: what sshsig.c, sshsig-key.c and sshsig-wire.c share: a
 * bounded reader and writer of SSH wire data (RFC 4251 "uint32" and
 * "string"), the error setter, and the key blob reader (sshsig-key.c).
 *
 * Every read checks the bytes left before it looks at them; a string's
 * bytes stay in the caller's buffer (the reader points into it).
 */
#ifndef FOH_SSHSIG_PRIV_H
#define FOH_SSHSIG_PRIV_H

#include <stddef.h>
#include <stdint.h>

#define SSHSIG_KEYTYPE		"ssh-ed25519"
#define SSHSIG_KEYTYPE_LEN	11
#define SSHSIG_SIG_LEN		64	/* an Ed25519 signature */
#define SSHSIG_SIGBLOB_LEN	83	/* string type, string sig[64] */

/* A cursor over bytes the caller owns. */
struct sshsig_rd {
	const uint8_t	*p;
	size_t		 len;
	size_t		 off;
};

/* A cursor writing into a buffer the caller owns; ok 0 once it overflowed. */
struct sshsig_wr {
	uint8_t		*p;
	size_t		 len;
	size_t		 off;
	int		 ok;
};

void	sshsig_show(char *dst, size_t dstlen, const uint8_t *s, size_t n);

int	sshsig_rd_u32(struct sshsig_rd *, uint32_t *);
int	sshsig_rd_string(struct sshsig_rd *, const uint8_t **, size_t *);
int	sshsig_rd_bytes(struct sshsig_rd *, const uint8_t **, size_t);
int	sshsig_rd_is(const uint8_t *, size_t, const char *);
int	sshsig_rd_keytype(struct sshsig_rd *, const char *cut, char *err,
	    size_t errlen);

void	sshsig_wr_bytes(struct sshsig_wr *, const void *, size_t);
void	sshsig_wr_u32(struct sshsig_wr *, uint32_t);
void	sshsig_wr_string(struct sshsig_wr *, const void *, size_t);

int	sshsig_keyblob_parse(const uint8_t *blob, size_t len,
	    uint8_t pk[SSHSIG_PK_LEN], char *err, size_t errlen);

#endif
