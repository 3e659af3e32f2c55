/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * vconf-assert.h: the one check of a refused fohd.conf for the config
 * tests (test-vconf-nats.c, test-vconf-mqtt.c, test-actions.c): text is
 * refused, and the error starts with want (FILE:LINE and the words).
 * Include after <cmocka.h> and "core/vconf.h".
 */
#ifndef FOH_TEST_VCONF_ASSERT_H
#define FOH_TEST_VCONF_ASSERT_H

#include <string.h>

/* Load base and more as "fohd.conf": refused, with an error starting want. */
static inline void
vconf_assert_refused(const char *name, const char *base, const char *more,
    const char *want)
{
	static struct vconf	c;	/* large: not on the stack */
	char			text[8192], err[512];

	print_message("%s\n", name);
	snprintf(text, sizeof(text), "%s%s", base, more);
	if (vconf_load_string(&c, "fohd.conf", text, err, sizeof(err)) == 0)
		fail_msg("%s: loaded", name);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("%s: got \"%s\", want \"%s...\"", name, err, want);
}

#endif
