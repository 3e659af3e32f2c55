/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * sshsig.c: SSHSIG for Ed25519 keys (sshsig.h). XXX issue 12: being
 * written; every call fails until then.
 */
#include "config.h"

#include <stdio.h>

#include "sshsig.h"

/* Not yet. */
int
sshsig_init(void)
{
	return (-1);
}
