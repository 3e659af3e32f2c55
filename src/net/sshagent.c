/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * sshagent.c: an ssh-agent client (sshagent.h). XXX issue 12: being
 * written.
 */
#include "config.h"

#include <stdlib.h>

#include "sshagent.h"

/* The agent's socket path. */
const char *
sshagent_socket(const char *path)
{
	return (path != NULL ? path : getenv("SSH_AUTH_SOCK"));
}
