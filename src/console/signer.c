/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * signer.c: the console's request signer (signer.h). XXX issue 12: being
 * written.
 */
#include "config.h"

#include "signer.h"

/* The key's fingerprint, or "". */
const char *
signer_fingerprint(const struct signer *s)
{
	return (s->kind == SIGNER_NONE ? "" : s->pub.fp);
}
