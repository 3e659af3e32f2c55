/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-vconf-nats.c: fohd.conf's [nats] section (vconf-nats.c). A table of
 * configs, good ones with the values they must give (defaults included:
 * stream FOH_<id>, max_age 24h, max_bytes 256M, outbox 16M) and bad ones
 * with the FILE:LINE and the words of their refusal.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/vconf.h"
#include "vconf-assert.h"

/* Lines 1-3: the venue; line 4 a zone; [nats] starts at line 7. */
#define BASE	"[venue]\nid = arena\ngrid = 10x10\n" \
		"[zone a]\nrect = 0,0,5,5\narea_m2 = 100\n"

/* Good configs and what they give. */
static void
test_vconf_nats_good(void **state)
{
	static const struct {
		const char	*name;
		const char	*text;
		const char	*url, *stream, *domain, *ca;
		uint64_t	 age_ms, bytes, outbox;
	} cases[] = {
		{ "no [nats]: off, defaults in place", BASE, "", "", "", "",
		    86400000, 256ULL << 20, 16ULL << 20 },
		{ "a url alone: the defaults", BASE "[nats]\nurl = "
		    "nats://127.0.0.1:4222\n", "nats://127.0.0.1:4222",
		    "FOH_arena", "", "", 86400000, 256ULL << 20, 16ULL << 20 },
		{ "[nats] before [venue]: the default stream still has the id",
		    "[nats]\nurl = nats://hub:4222\n" BASE, "nats://hub:4222",
		    "FOH_arena", "", "", 86400000, 256ULL << 20, 16ULL << 20 },
		{ "every key", BASE "[nats]\nurl = tls://u:p@leaf.local:7422\n"
		    "ca = /etc/foh/ca.pem\ncert = /etc/foh/c.pem\n"
		    "key = /etc/foh/k.pem\nstream = VENUE_A\ndomain = arena-leaf\n"
		    "max_age = 2h30m\nmax_bytes = 1G\noutbox = 512K\n",
		    "tls://u:p@leaf.local:7422", "VENUE_A", "arena-leaf",
		    "/etc/foh/ca.pem", 9000000, 1ULL << 30, 512ULL << 10 },
		{ "sizes in bytes and lower-case units", BASE "[nats]\n"
		    "url = nats://h:1\nmax_bytes = 2097152\noutbox = 64k\n",
		    "nats://h:1", "FOH_arena", "", "", 86400000, 2097152,
		    65536 },
	};
	struct vconf	c;
	char		err[512];
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		print_message("%s\n", cases[i].name);
		if (vconf_load_string(&c, "fohd.conf", cases[i].text, err,
		    sizeof(err)) != 0)
			fail_msg("%s: %s", cases[i].name, err);
		assert_string_equal(c.nats_url, cases[i].url);
		if (cases[i].url[0] != '\0')
			assert_string_equal(c.nats_stream, cases[i].stream);
		assert_string_equal(c.nats_domain, cases[i].domain);
		assert_string_equal(c.nats_ca, cases[i].ca);
		assert_int_equal(c.nats_max_age_ms, cases[i].age_ms);
		assert_int_equal(c.nats_max_bytes, cases[i].bytes);
		assert_int_equal(c.nats_outbox_bytes, cases[i].outbox);
	}
}

/* Bad configs: refused with FILE:LINE and the reason. */
static void
test_vconf_nats_bad(void **state)
{
	static const struct {
		const char	*name;
		const char	*nats;		/* after BASE, from line 7 */
		const char	*error;		/* a prefix of err */
	} cases[] = {
		{ "an nng URL", "[nats]\nurl = tcp://127.0.0.1:4222\n",
		    "fohd.conf:8: url \"tcp://127.0.0.1:4222\" must be "
		    "nats://HOST:PORT" },
		{ "no port", "[nats]\nurl = nats://hub\n",
		    "fohd.conf:8: url \"nats://hub\" must be" },
		{ "a venue in fohd's url", "[nats]\nurl = nats://hub:4222/arena\n",
		    "fohd.conf:8: url" },
		{ "tls:// without ca", "[nats]\nstream = S\n"
		    "url = tls://hub:4222\n", "fohd.conf:9: url tls://hub:4222 is "
		    "TLS: [nats] needs ca = FILE" },
		{ "ca on a plain url", "[nats]\nurl = nats://hub:4222\n"
		    "ca = /x.pem\n", "fohd.conf:8: url nats://hub:4222 is not "
		    "TLS" },
		{ "cert without key", "[nats]\nurl = tls://hub:4222\n"
		    "ca = /ca.pem\ncert = /c.pem\n", "fohd.conf:7: [nats] has a "
		    "cert but no key" },
		{ "[nats] without url", "[nats]\nstream = S\n",
		    "fohd.conf:7: [nats] needs url" },
		{ "unknown key", "[nats]\nurl = nats://h:1\nsubject = x\n",
		    "fohd.conf:9: unknown key \"subject\" in [nats]" },
		{ "stream with a dot", "[nats]\nurl = nats://h:1\n"
		    "stream = foh.a\n", "fohd.conf:9: stream \"foh.a\" must be" },
		{ "domain with a space", "[nats]\nurl = nats://h:1\n"
		    "domain = a b\n", "fohd.conf:9: domain \"a b\" must be" },
		{ "max_age not a duration", "[nats]\nurl = nats://h:1\n"
		    "max_age = forever\n", "fohd.conf:9: max_age \"forever\" "
		    "must be a duration" },
		{ "max_age of 0", "[nats]\nurl = nats://h:1\nmax_age = 0\n",
		    "fohd.conf:9: max_age \"0\"" },
		{ "max_bytes too small", "[nats]\nurl = nats://h:1\n"
		    "max_bytes = 10K\n", "fohd.conf:9: max_bytes \"10K\" must be "
		    "a size from 1M to 1T" },
		{ "outbox with a unit twice", "[nats]\nurl = nats://h:1\n"
		    "outbox = 16MM\n", "fohd.conf:9: outbox \"16MM\"" },
		{ "outbox too big", "[nats]\nurl = nats://h:1\noutbox = 2G\n",
		    "fohd.conf:9: outbox \"2G\" must be a size from 64K to 1G" },
		{ "size overflowing", "[nats]\nurl = nats://h:1\n"
		    "max_bytes = 99999999999999999T\n", "fohd.conf:9: max_bytes" },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		vconf_assert_refused(cases[i].name, BASE, cases[i].nats,
		    cases[i].error);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_vconf_nats_good),
		cmocka_unit_test(test_vconf_nats_bad),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
