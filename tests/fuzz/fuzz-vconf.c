/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * fuzz-vconf.c: libFuzzer target for the venue config parser (fohd.conf,
 * vconf_load_string in src/core/vconf.c).
 *
 * An error must name file:line. A config that loads must describe a venue
 * fohd can publish: its layout and hello messages must encode.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "proto/foh-proto.h"
#include "fuzz.h"
#include "core/vconf.h"

static struct vconf	*fuzz_conf;
static struct fohp_msg	*fuzz_msg;

/* The layout of a loaded venue must go on the wire. */
static void
fuzz_vconf_publish(const struct vconf *v)
{
	struct fohp_err	err;
	msgpack_sbuffer	sb;

	memset(fuzz_msg, 0, sizeof(*fuzz_msg));
	fuzz_msg->v = FOHP_VERSION;
	memcpy(fuzz_msg->venue, v->id, sizeof(fuzz_msg->venue));
	fuzz_msg->seq = 1;
	fuzz_msg->kind = FOHP_LAYOUT;
	fuzz_msg->u.layout = v->layout;
	msgpack_sbuffer_init(&sb);
	if (fohp_encode(&sb, fuzz_msg, 1, &err) != FOHP_OK) {
		fprintf(stderr, "fuzz: venue loads but its layout does not "
		    "encode: %s\n", err.text);
		abort();
	}
	msgpack_sbuffer_destroy(&sb);
}

/* One config file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	char	*text, err[512];

	if (fuzz_conf == NULL && ((fuzz_conf = malloc(sizeof(*fuzz_conf))) ==
	    NULL || (fuzz_msg = malloc(sizeof(*fuzz_msg))) == NULL))
		abort();
	text = fuzz_string(data, len);
	err[0] = '\0';
	if (vconf_load_string(fuzz_conf, "fuzz.conf", text, err,
	    sizeof(err)) == 0)
		fuzz_vconf_publish(fuzz_conf);
	else
		fuzz_check_where(err, "fuzz.conf");
	free(text);
	return (0);
}
