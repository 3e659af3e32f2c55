/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-vconf.c: venue and console config parsing (the reader and number
 * parsers under them: test-cfg.c). Good files load; each bad one is
 * refused with the file:line and words the table expects. Numbers are tried
 * at the edges of their types; sections with no keys still count; lines
 * are read whole or refused.
 */
#include "config.h"

#include <float.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "console/cconf.h"
#include "lib/cfg.h"
#include "lib/text.h"
#include "core/vconf.h"

#define VENUE	"[venue]\nid = arena\ngrid = 10x10\n"
#define X10	"xxxxxxxxxx"
#define X100	X10 X10 X10 X10 X10 X10 X10 X10 X10 X10
#define LONG_COMMENT	X100 X100 X100 X100 X100 X100 X100 X100 X100 X100 \
    X10 X10 X10 X10 X10 X10 X10 X10 X10 "xxxxxxxx"	/* 1098 bytes */
#define ZONE	"[zone a]\nrect = 0,0,5,5\narea_m2 = 100\n"

struct vconf_case {
	const char	*name;
	const char	*text;
	const char	*error;		/* NULL: must load */
};

static const struct vconf_case vconf_cases[] = {
	{ "minimal", VENUE ZONE, NULL },
	{ "syntax error", VENUE "this is not ini\n" ZONE,
	    "t.conf:4: expected \"key = value\" or \"[section]\"" },
	{ "unclosed section", VENUE "[zone a\n",
	    "t.conf:4: a section header must end with ']'" },
	{ "text after a section", VENUE "[zone a] rect = 0,0,1,1\n",
	    "t.conf:4: a section header must end with ']'" },
	{ "key before any section", "id = arena\n" VENUE ZONE,
	    "t.conf:1: key \"id\" before the first [section]" },
	{ "escape in a name", VENUE "name = a\x1b[31mred\n" ZONE,
	    "t.conf:4: control character 0x1b at column 9" },
	{ "indented keys are keys", "[venue]\n  id = arena\n  grid = 10x10\n"
	    ZONE, NULL },
	{ "crlf lines", "[venue]\r\nid = arena\r\n[zone a]\r\n"
	    "rect = 0,0,5,5\r\narea_m2 = 100\r\n", NULL },
	{ "bad id", "[venue]\nid = Arena!\n" ZONE,
	    "t.conf:2: venue id \"Arena!\" must be" },
	{ "bad grid", "[venue]\nid = a\ngrid = 10by10\n" ZONE,
	    "t.conf:3: grid \"10by10\" must be WxH" },
	{ "grid too big", "[venue]\nid = a\ngrid = 10x999\n" ZONE,
	    "t.conf:3: grid" },
	{ "unknown venue key", VENUE "colour = red\n" ZONE,
	    "t.conf:4: unknown key \"colour\" in [venue]" },
	{ "unknown section", VENUE ZONE "[zoo x]\nk = v\n",
	    "t.conf:7: unknown section [zoo x]" },
	{ "bad url", VENUE "stream = localhost\n" ZONE,
	    "t.conf:4: stream URL \"localhost\" is not a URL" },
	{ "heartbeat range", VENUE "heartbeat_ms = 5\n" ZONE,
	    "t.conf:4: heartbeat_ms \"5\" must be 100-60000" },
	{ "bad rect", VENUE "[zone a]\nrect = 1,2,3\narea_m2 = 5\n",
	    "t.conf:5: zone a: rect \"1,2,3\" must be x,y,w,h" },
	{ "negative area", VENUE "[zone a]\nrect = 0,0,1,1\narea_m2 = -4\n",
	    "t.conf:6: zone a: area_m2 \"-4\" must be a positive number" },
	{ "NaN area", VENUE "[zone a]\nrect = 0,0,1,1\narea_m2 = nan\n",
	    "t.conf:6: zone a: area_m2 \"nan\"" },
	{ "bad kind", VENUE ZONE "kind = disco\n",
	    "t.conf:7: zone a: kind \"disco\" must be walkway, standing or "
	    "queue" },
	{ "negative capacity", VENUE ZONE "capacity = -1\n",
	    "t.conf:7: zone a: capacity \"-1\" must be" },
	{ "bad surge", VENUE ZONE "surge = maybe\n",
	    "t.conf:7: zone a: surge \"maybe\" must be yes or no" },
	{ "zone outside grid", VENUE "\n[zone a]\nrect = 8,8,5,5\n"
	    "area_m2 = 100\n", "t.conf:5: zone a rect lies outside the grid" },
	{ "zone without area", VENUE "[zone a]\nrect = 0,0,1,1\n",
	    "t.conf:4: zone a has no area_m2" },
	{ "no zones", VENUE, "t.conf:1: no [zone ID] sections" },
	{ "no venue", ZONE, "t.conf:1: no [venue] section with an id" },
	{ "bad zone id", VENUE "[zone A B]\nrect = 0,0,1,1\n",
	    "t.conf:4: zone id \"A B\" must be" },
	{ "gate", VENUE ZONE "[gate g1]\nwidth_m = 4\nzones = a\n", NULL },
	{ "gate unknown zone", VENUE ZONE "[gate g1]\nwidth_m = 4\n"
	    "zones = a,zz\n", "t.conf:9: gate g1: no zone \"zz\"" },
	{ "gate without width", VENUE ZONE "[gate g1]\nzones = a\n",
	    "t.conf:7: gate g1 has no width_m" },
	{ "gate negative width", VENUE ZONE "[gate g1]\nwidth_m = -1\n",
	    "t.conf:8: gate g1: width_m \"-1\" is not valid" },
	{ "device", VENUE ZONE "[device p1]\nkind = projector\n"
	    "wear = lamp_hours\nwear_limit = 2000\n", NULL },
	{ "device bad kind", VENUE ZONE "[device p1]\nkind = toaster\n",
	    "t.conf:8: device p1: kind \"toaster\" must be" },
	/* Issue 16: foh-count's camera reports as a device of kind camera. */
	{ "device camera", VENUE ZONE "[device c1]\nkind = camera\n"
	    "heartbeat_s = 5\n", NULL },
	{ "device limit without metric", VENUE ZONE "[device p1]\n"
	    "wear_limit = 2000\n", "t.conf:7: device p1 has wear_limit but "
	    "no wear metric" },
	{ "model", VENUE ZONE "[model m1]\nmethod = ks\nref_n = 100\n", NULL },
	{ "model bad method", VENUE ZONE "[model m1]\nmethod = vibes\n",
	    "t.conf:8: model m1: method \"vibes\" must be psi or ks" },
	{ "model crit below warn", VENUE ZONE "[model m1]\nwarn = 0.3\n"
	    "crit = 0.2\n", "t.conf:7: model m1: crit 0.2 is below warn 0.3" },
	{ "ingest loopback", VENUE ZONE "[ingest]\nlisten = 127.0.0.1:7680\n"
	    "loopback_only = yes\n", NULL },
	{ "ingest token", VENUE ZONE "[ingest]\nlisten = 0.0.0.0:7680\n"
	    "token = 0123456789abcdef\npull = tcp://127.0.0.1:7603\n", NULL },
	{ "ingest no token", VENUE ZONE "[ingest]\nlisten = 0.0.0.0:7680\n",
	    "t.conf:7: [ingest] listens on 0.0.0.0:7680 but has no token" },
	{ "loopback_only on a public address", VENUE ZONE "[ingest]\n"
	    "listen = 10.0.0.1:7680\nloopback_only = yes\n",
	    "t.conf:7: loopback_only = yes but listen 10.0.0.1:7680 is not a "
	    "loopback address" },
	{ "short token", VENUE ZONE "[ingest]\ntoken = abc\n",
	    "t.conf:8: token must be 8-127 bytes" },
	{ "bad listen", VENUE ZONE "[ingest]\nlisten = somewhere\n",
	    "t.conf:8: listen \"somewhere\" must be IPV4ADDR:PORT" },
	{ "max_frame range", VENUE ZONE "[ingest]\nmax_frame = 10\n",
	    "t.conf:8: max_frame \"10\" must be 1024-1048576 bytes" },
	{ "zone limits", VENUE ZONE "warn_density = 3\ncrit_density = 4.2\n",
	    NULL },
	{ "zone limit NaN", VENUE ZONE "crit_density = nan\n",
	    "t.conf:7: zone a: crit_density \"nan\" must be a density" },
	{ "rule", VENUE ZONE "[rule hot]\nkind = threshold\non = zone:*\n"
	    "metric = density\nabove = 3\nclear = 2.5\nfor = 1m30s\n"
	    "severity = critical\naction = Close the doors\n", NULL },
	{ "rule bad kind", VENUE ZONE "[rule hot]\nkind = vibes\n",
	    "t.conf:8: rule hot: kind \"vibes\" must be threshold" },
	{ "rule bad on", VENUE ZONE "[rule hot]\non = floor\n",
	    "t.conf:8: rule hot: on \"floor\" is not valid" },
	{ "rule unknown subject", VENUE ZONE "[rule hot]\nkind = threshold\n"
	    "on = zone:zz\nmetric = density\n",
	    "t.conf:7: rule hot names a subject that is not configured" },
	{ "rule bad duration", VENUE ZONE "[rule hot]\nfor = soon\n",
	    "t.conf:8: rule hot: for \"soon\" must be a duration" },
	{ "rule no metric", VENUE ZONE "[rule hot]\nkind = rate\n"
	    "on = zone:a\n", "t.conf:7: rule hot has no metric" },
	{ "rule relative hook", VENUE ZONE "[rule hot]\nhook = signs.sh\n",
	    "t.conf:8: rule hot: hook must be an absolute path" },
	{ "operator", VENUE ZONE "[operator ana]\nuid = 1000\n"
	    "rights = ack,shelve,approve\n[control]\ntcp = refuse\n"
	    "[journal]\npath = /var/lib/fohd/arena.db\n", NULL },
	{ "operator bad right", VENUE ZONE "[operator ana]\nrights = root\n",
	    "t.conf:8: operator ana: right \"root\" must be ack" },
	{ "control bad", VENUE ZONE "[control]\ntcp = maybe\n",
	    "t.conf:8: tcp \"maybe\" must be refuse, signed or allow" },

	/* Empty sections are sections. */
	{ "empty zone", VENUE ZONE "[zone b]\n",
	    "t.conf:7: zone b has no rect" },
	{ "empty gate", VENUE ZONE "[gate g1]\n",
	    "t.conf:7: gate g1 has no width_m" },
	{ "empty rule", VENUE ZONE "[rule hot]\n",
	    "t.conf:7: rule hot has no kind" },
	{ "empty unknown section", VENUE ZONE "[zoo]\n",
	    "t.conf:7: unknown section [zoo]" },
	{ "empty operator, bad name", VENUE ZONE "[operator Ana]\n",
	    "t.conf:7: operator id \"Ana\" must be" },
	{ "empty zone, bad id", VENUE ZONE "[zone B]\n",
	    "t.conf:7: zone id \"B\" must be" },
	{ "empty section name", VENUE ZONE "[ ]\n",
	    "t.conf:7: a section name must be" },

	/* Durations: the edges of the grammar and of uint32 ms. */
	{ "for overflows", VENUE ZONE "[rule hot]\nfor = 18446744073709552s\n",
	    "t.conf:8: rule hot: for \"18446744073709552s\" must be a "
	    "duration from 0s to 168h" },
	{ "for 2^64 s", VENUE ZONE "[rule hot]\nfor = 18446744073709551616s\n",
	    "t.conf:8: rule hot: for \"18446744073709551616s\" must be" },
	{ "for UINT64_MAX ms", VENUE ZONE "[rule hot]\n"
	    "for = 18446744073709551615ms\n", "t.conf:8: rule hot: for" },
	{ "for UINT32_MAX+1 ms", VENUE ZONE "[rule hot]\n"
	    "for = 4294967296ms\n", "t.conf:8: rule hot: for" },
	{ "for a week and 1 ms", VENUE ZONE "[rule hot]\n"
	    "for = 168h1ms\n", "t.conf:8: rule hot: for" },
	{ "for a week", VENUE ZONE "[rule hot]\nkind = threshold\n"
	    "on = zone:a\nmetric = density\nabove = 3\nfor = 168h\n", NULL },
	{ "for negative", VENUE ZONE "[rule hot]\nfor = -1s\n",
	    "t.conf:8: rule hot: for \"-1s\" must be" },
	{ "for empty", VENUE ZONE "[rule hot]\nfor =\n",
	    "t.conf:8: rule hot: for \"\" must be" },
	{ "for garbage", VENUE ZONE "[rule hot]\nfor = 10x\n",
	    "t.conf:8: rule hot: for \"10x\" must be" },
	{ "for 1e999", VENUE ZONE "[rule hot]\nfor = 1e999\n",
	    "t.conf:8: rule hot: for \"1e999\" must be" },
	{ "for seconds after a unit", VENUE ZONE "[rule hot]\nfor = 1h30\n",
	    "t.conf:8: rule hot: for \"1h30\" must be" },
	{ "window overflows", VENUE ZONE "[rule hot]\n"
	    "window = 5124095576031h\n", "t.conf:8: rule hot: window" },

	/* Whole numbers: no sign, no wrap, nothing after. */
	{ "seed UINT64_MAX", VENUE "seed = 18446744073709551615\n" ZONE, NULL },
	{ "seed 2^64", VENUE "seed = 18446744073709551616\n" ZONE,
	    "t.conf:4: seed \"18446744073709551616\" is not a number" },
	{ "seed negative", VENUE "seed = -1\n" ZONE,
	    "t.conf:4: seed \"-1\" is not a number" },
	{ "seed plus", VENUE "seed = +1\n" ZONE, "t.conf:4: seed \"+1\"" },
	{ "seed empty", VENUE "seed =\n" ZONE, "t.conf:4: seed \"\"" },
	{ "seed garbage", VENUE "seed = 10x\n" ZONE, "t.conf:4: seed \"10x\"" },
	{ "grid wraps", "[venue]\nid = a\ngrid = 4294967306x10\n" ZONE,
	    "t.conf:3: grid \"4294967306x10\" must be WxH" },
	{ "grid negative", "[venue]\nid = a\ngrid = -1x10\n" ZONE,
	    "t.conf:3: grid \"-1x10\" must be WxH" },
	{ "grid trailing", "[venue]\nid = a\ngrid = 10x10x\n" ZONE,
	    "t.conf:3: grid \"10x10x\" must be WxH" },
	{ "rect wraps", VENUE "[zone a]\nrect = 0,0,4294967297,1\n",
	    "t.conf:5: zone a: rect \"0,0,4294967297,1\" must be" },
	{ "rect with blanks", VENUE "[zone a]\nrect = 0, 0, 5, 5\n"
	    "area_m2 = 1\n", NULL },
	{ "capacity UINT32_MAX+1", VENUE ZONE "capacity = 4294967296\n",
	    "t.conf:7: zone a: capacity \"4294967296\" must be" },
	{ "uid wraps", VENUE ZONE "[operator ana]\nuid = 4294968296\n",
	    "t.conf:8: operator ana: uid \"4294968296\" is not valid" },
	{ "uid past INT32_MAX", VENUE ZONE "[operator ana]\nuid = 2147483648\n",
	    "t.conf:8: operator ana: uid \"2147483648\" is not valid" },
	{ "heartbeat plus", VENUE "heartbeat_ms = +500\n" ZONE,
	    "t.conf:4: heartbeat_ms \"+500\" must be" },

	/* An ingest address: each part a whole number in range. */
	{ "listen port wraps", VENUE ZONE "[ingest]\n"
	    "listen = 127.0.0.1:4294967376\nloopback_only = yes\n",
	    "t.conf:8: listen \"127.0.0.1:4294967376\" must be" },
	{ "listen port negative", VENUE ZONE "[ingest]\n"
	    "listen = 127.0.0.1:-1\n", "t.conf:8: listen" },
	{ "listen port blank", VENUE ZONE "[ingest]\n"
	    "listen = 127.0.0.1: 80\n", "t.conf:8: listen" },
	{ "listen octet", VENUE ZONE "[ingest]\nlisten = 256.0.0.1:80\n",
	    "t.conf:8: listen" },
	{ "listen octet wraps", VENUE ZONE "[ingest]\n"
	    "listen = 4294967423.0.0.1:80\n", "t.conf:8: listen" },
	{ "listen localhost", VENUE ZONE "[ingest]\nlisten = localhost:0\n"
	    "loopback_only = yes\n", NULL },

	/* Numbers with a point: finite, decimal, nothing after. */
	{ "area 1e999", VENUE "[zone a]\nrect = 0,0,1,1\narea_m2 = 1e999\n",
	    "t.conf:6: zone a: area_m2 \"1e999\"" },
	{ "area hex", VENUE "[zone a]\nrect = 0,0,1,1\narea_m2 = 0x10\n",
	    "t.conf:6: zone a: area_m2 \"0x10\"" },
	{ "area inf", VENUE "[zone a]\nrect = 0,0,1,1\narea_m2 = inf\n",
	    "t.conf:6: zone a: area_m2 \"inf\"" },
	{ "threshold 1e999", VENUE ZONE "[rule hot]\nabove = 1e999\n",
	    "t.conf:8: rule hot: above \"1e999\" is not valid" },
	{ "threshold nan", VENUE ZONE "[rule hot]\nbelow = nan\n",
	    "t.conf:8: rule hot: below \"nan\" is not valid" },
	{ "threshold garbage", VENUE ZONE "[rule hot]\nabove = 3p\n",
	    "t.conf:8: rule hot: above \"3p\" is not valid" },
	{ "min_r2 above 1", VENUE ZONE "[rule hot]\nmin_r2 = 1.5\n",
	    "t.conf:8: rule hot: min_r2 \"1.5\" is not valid" },

	/* Flapping and drift: [rule]'s own, and [rules] for all. */
	{ "flap keys", VENUE ZONE "[rules]\nflap_transitions = 0\n"
	    "flap_window = 90s\ndrift_hold = 0\ndrift_clear = 0.5\n"
	    "[rule hot]\nkind = threshold\non = zone:a\nmetric = density\n"
	    "above = 3\nflap_transitions = 255\nflap_window = 1h\n", NULL },
	{ "flap_transitions 256", VENUE ZONE "[rule hot]\n"
	    "flap_transitions = 256\n",
	    "t.conf:8: rule hot: flap_transitions \"256\" must be a whole "
	    "number from 0 (never flapping) to 255" },
	{ "flap_transitions negative", VENUE ZONE "[rule hot]\n"
	    "flap_transitions = -1\n",
	    "t.conf:8: rule hot: flap_transitions \"-1\" must be" },
	{ "flap_transitions 4.5", VENUE ZONE "[rules]\n"
	    "flap_transitions = 4.5\n",
	    "t.conf:8: flap_transitions \"4.5\" must be" },
	{ "flap_window 0", VENUE ZONE "[rule hot]\nflap_window = 0\n",
	    "t.conf:8: rule hot: flap_window \"0\" must be a duration from "
	    "1ms to 168h" },
	{ "flap_window 5min", VENUE ZONE "[rules]\nflap_window = 5min\n",
	    "t.conf:8: flap_window \"5min\" must be" },
	{ "flap_window 8 days", VENUE ZONE "[rules]\nflap_window = 192h\n",
	    "t.conf:8: flap_window \"192h\" must be" },
	{ "drift_hold garbage", VENUE ZONE "[rules]\ndrift_hold = soon\n",
	    "t.conf:8: drift_hold \"soon\" must be a duration" },
	{ "drift_clear 1", VENUE ZONE "[rules]\ndrift_clear = 1\n",
	    "t.conf:8: drift_clear \"1\" must be a number between 0 and 1" },
	{ "drift_clear 0", VENUE ZONE "[rules]\ndrift_clear = 0\n",
	    "t.conf:8: drift_clear \"0\" must be" },
	{ "drift_clear nan", VENUE ZONE "[rules]\ndrift_clear = nan\n",
	    "t.conf:8: drift_clear \"nan\" must be" },
	{ "unknown key in [rules]", VENUE ZONE "[rules]\nhold = 1m\n",
	    "t.conf:8: unknown key \"hold\" in [rules]" },
	{ "[rules] line after others", VENUE ZONE "[rules]\n"
	    "drift_hold = 2m\n\n; the window\nflap_window = -\n",
	    "t.conf:11: flap_window \"-\" must be" },
	{ "tls", VENUE "stream = tls+tcp://venue.example:7601\n"
	    "control = wss://venue.example:7602/c\n" ZONE "[tls]\n"
	    "cert = v.pem\nkey = v.key\nca = ca.pem\nclients = required\n",
	    NULL },
	{ "tls clients word", VENUE ZONE "[tls]\nclients = yes\n",
	    "t.conf:8: clients \"yes\" must be none, optional or required" },
	{ "tls unknown key", VENUE ZONE "[tls]\ncertificate = v.pem\n",
	    "t.conf:8: unknown key \"certificate\" in [tls]" },
	{ "tls empty file", VENUE ZONE "[tls]\ncert =\n",
	    "t.conf:8: cert must be a file name" },
	{ "tls cert without key", VENUE ZONE "\n[tls]\ncert = v.pem\n",
	    "t.conf:8: [tls] has a cert but no key" },
	{ "tls key without cert", VENUE ZONE "[tls]\nkey = v.key\n",
	    "t.conf:7: [tls] has a key but no cert" },
	{ "tls required without ca", VENUE ZONE "[tls]\ncert = v.pem\n"
	    "key = v.key\nclients = required\n",
	    "t.conf:7: [tls] clients = required needs ca = FILE" },
	{ "tls optional without ca", VENUE ZONE "[tls]\ncert = v.pem\n"
	    "key = v.key\nclients = optional\n",
	    "t.conf:7: [tls] clients = optional needs ca = FILE" },
	{ "tls stream without cert", VENUE "tick_ms = 100\n"
	    "stream = tls+tcp://127.0.0.1:7601\n" ZONE,
	    "t.conf:5: stream URL tls+tcp://127.0.0.1:7601 needs TLS" },
	{ "wss control without cert", VENUE
	    "control = wss://127.0.0.1:7602/c\n" ZONE "[tls]\nca = ca.pem\n",
	    "t.conf:4: control URL wss://127.0.0.1:7602/c needs TLS" },
	{ "tls pull without cert", VENUE ZONE "[ingest]\n"
	    "pull = tls+tcp://127.0.0.1:7603\n",
	    "t.conf:8: pull URL tls+tcp://127.0.0.1:7603 needs TLS" },
	{ "plain tcp with [tls]", VENUE "stream = tcp://127.0.0.1:7601\n"
	    ZONE "[tls]\ncert = v.pem\nkey = v.key\n", NULL },
};

/* Every case loads or fails with its message. */
static void
test_vconf_table(void **state)
{
	struct vconf	*c = malloc(sizeof(*c));
	char		 err[512];
	size_t		 i;
	int		 rv;

	(void)state;
	for (i = 0; i < sizeof(vconf_cases) / sizeof(vconf_cases[0]); i++) {
		const struct vconf_case	*t = &vconf_cases[i];

		err[0] = '\0';
		rv = vconf_load_string(c, "t.conf", t->text, err, sizeof(err));
		if (t->error == NULL && rv != 0)
			fail_msg("%s: refused: %s", t->name, err);
		if (t->error != NULL && rv == 0)
			fail_msg("%s: loaded, want error %s", t->name,
			    t->error);
		if (t->error != NULL && strncmp(err, t->error,
		    strlen(t->error)) != 0)
			fail_msg("%s: got \"%s\", want \"%s...\"", t->name,
			    err, t->error);
	}
	free(c);
}

/*
 * A section with no keys is a section: an empty [operator ana] makes ana an
 * operator with no rights, so ana may do nothing and nobody else anything,
 * where a venue with no operator trusts every local peer. Empty [device]
 * and [model] sections are a device and a model with their defaults.
 */
static void
test_vconf_empty_sections(void **state)
{
	static const unsigned	 rights[] = { VCONF_RIGHT_ACK,
	    VCONF_RIGHT_SHELVE, VCONF_RIGHT_COMMENT, VCONF_RIGHT_APPROVE };
	static const char	*ops[] = { "ack", "shelve", "comment",
	    "approve" };
	struct vconf	*c = malloc(sizeof(*c));
	char		 err[512], why[256];
	size_t		 i;

	(void)state;
	assert_int_equal(vconf_load_string(c, "t.conf", VENUE ZONE
	    "[operator ana]\n", err, sizeof(err)), 0);
	assert_int_equal(c->noperators, 1);
	assert_string_equal(c->operators[0].id, "ana");
	assert_int_equal(c->operators[0].rights, 0);
	assert_int_equal(c->operators[0].uid, -1);
	for (i = 0; i < 4; i++) {
		assert_non_null(vconf_may(c, "ana", ops[i], rights[i],
		    VCONF_PEER_IPC, 1000, 0, why, sizeof(why)));
		assert_non_null(strstr(why, "operator \"ana\" may not"));
		assert_non_null(vconf_may(c, "ana", ops[i], rights[i],
		    VCONF_PEER_INPROC, -1, 0, why, sizeof(why)));
		assert_non_null(vconf_may(c, "bob", ops[i], rights[i],
		    VCONF_PEER_IPC, 1000, 0, why, sizeof(why)));
		assert_non_null(strstr(why, "operator \"bob\" is not known"));
		assert_non_null(vconf_may(c, "", ops[i], rights[i],
		    VCONF_PEER_IPC, 1000, 0, why, sizeof(why)));
	}
	/* The same with a comment and blank lines in the section. */
	assert_int_equal(vconf_load_string(c, "t.conf", VENUE ZONE
	    "[operator ana] ; nobody yet\n\n; rights = all\n[control]\n", err,
	    sizeof(err)), 0);
	assert_int_equal(c->noperators, 1);
	assert_int_equal(c->operators[0].rights, 0);

	assert_int_equal(vconf_load_string(c, "t.conf", VENUE ZONE
	    "[device amp]\n[model cam]\n[ingest]\n[journal]\n", err,
	    sizeof(err)), 0);
	assert_int_equal(c->ndevices, 1);
	assert_string_equal(c->devices[0].id, "amp");
	assert_string_equal(c->devices[0].dkind, "other");
	assert_int_equal(c->devices[0].heartbeat_s, 30);
	assert_int_equal(c->nmodels, 1);
	assert_string_equal(c->models[0].method, "psi");
	assert_int_equal(c->models[0].ref_n, 500);
	free(c);
}

/*
 * Long lines are read whole: a 300-byte comment ending in "tcp = allow" is
 * a comment (inih cut it at 199 bytes and read the tail as a key), a
 * 300-byte value is one value, and a line over CFG_LINE_MAX is refused
 * with its line.
 */
static void
test_vconf_long_lines(void **state)
{
	struct vconf	*c = malloc(sizeof(*c));
	char		 text[4096], line[2048], err[512];
	size_t		 n;

	(void)state;
	memset(line, 'x', sizeof(line));
	/* "; xxx... tcp = allow": 300 bytes. */
	memcpy(line, "; ", 2);
	memcpy(line + 300 - 12, " tcp = allow", 12);
	line[300] = '\0';
	assert_int_equal(strlen(line), 300);
	snprintf(text, sizeof(text), VENUE ZONE "[control]\n%s\n", line);
	assert_int_equal(vconf_load_string(c, "t.conf", text, err,
	    sizeof(err)), 0);
	assert_int_equal(c->control_tcp, 0);

	/* The same after a key, as an inline comment. */
	snprintf(text, sizeof(text), VENUE ZONE "[control]\ntcp = refuse %s\n",
	    line);
	assert_int_equal(vconf_load_string(c, "t.conf", text, err,
	    sizeof(err)), 0);
	assert_int_equal(c->control_tcp, 0);

	/* A 300-byte value is one value, refused as one. */
	memset(line, 'w', 290);
	line[290] = '\0';
	snprintf(text, sizeof(text), VENUE ZONE "[rule r]\nwords = %s\n", line);
	assert_int_equal(vconf_load_string(c, "t.conf", text, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "t.conf:8: rule r: words"));

	/* Longest line read; one byte more refused, with its line. */
	for (n = CFG_LINE_MAX; n <= CFG_LINE_MAX + 1; n++) {
		memset(line, 'x', n);
		line[0] = '#';
		line[n] = '\0';
		snprintf(text, sizeof(text), VENUE ZONE "%s\n[control]\n"
		    "tcp = refuse\n", line);
		if (n == CFG_LINE_MAX)
			assert_int_equal(vconf_load_string(c, "t.conf", text,
			    err, sizeof(err)), 0);
		else {
			assert_int_equal(vconf_load_string(c, "t.conf", text,
			    err, sizeof(err)), -1);
			assert_string_equal(err, "t.conf:7: line is 1025 bytes "
			    "long; at most 1024");
		}
	}
	free(c);
}

/* The sample configs load, with what they say. */
static void
test_vconf_samples(void **state)
{
	static const char	*names[] = { "arena", "club", "festival" };
	struct vconf		*c = malloc(sizeof(*c));
	char			 path[1024], err[512];
	const char		*top = getenv("top_srcdir");
	size_t			 i;

	(void)state;
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/conf/%s.conf",
		    top != NULL ? top : ".", names[i]);
		if (vconf_load_file(c, path, err, sizeof(err)) != 0)
			fail_msg("%s", err);
		assert_string_equal(c->id, names[i]);
		assert_true(c->layout.nzones >= 3);
		assert_true(c->surge >= 0);
		assert_int_equal(c->hb_ms, 1000);
		assert_true(c->ngates >= 1);
		assert_true(c->ndevices >= 1);
		assert_int_equal(c->nmodels, 1);
		assert_int_equal(vconf_model(c, "counter"), 0);
		assert_true(vconf_gate(c, c->gates[0].id) == 0);
		assert_int_equal(vconf_zone(c, "no-such-zone"), -1);
		assert_true(c->models[0].ref_n >= 20);
		assert_true(c->models[0].crit >= c->models[0].warn);
	}
	assert_int_equal(vconf_load_file(c, "/nonexistent/x.conf", err,
	    sizeof(err)), -1);
	assert_string_equal(err, "/nonexistent/x.conf: No such file or "
	    "directory");
	free(c);
}

/* foh.conf: good and bad, with file:line. */
static void
test_cconf(void **state)
{
	static const struct vconf_case	cases[] = {
		{ "good", "[console]\nfps = 10\noperator = ana\nkiosk = 30\n"
		    "readonly = yes\nlinger = 2m\nlink = slow\n"
		    "identity = ~/.ssh/id_ed25519.pub\n[venue arena]\n"
		    "stream = tcp://127.0.0.1:7601\n", NULL },
		{ "empty identity", "[console]\nidentity =\n",
		    ":2: identity \"\" must be a file name" },
		{ "bad operator", "[console]\noperator = Ana Smith\n",
		    ":2: operator \"Ana Smith\" must be 1-31 of a-z" },
		{ "bad kiosk", "[console]\n\nkiosk = 1\n",
		    ":3: kiosk \"1\" must be no or whole seconds from 2s to "
		    "1h" },
		{ "kiosk fraction", "[console]\nkiosk = 2.5\n",
		    ":2: kiosk \"2.5\" must be" },
		{ "kiosk garbage", "[console]\nkiosk = 5min\n",
		    ":2: kiosk \"5min\" must be" },
		{ "linger negative", "[console]\nlinger = -1\n",
		    ":2: linger \"-1\" must be a duration from 0s to 1d, "
		    "like 30s or 2m" },
		{ "linger too long", "[console]\nfps = 4\nlinger = 25h\n",
		    ":3: linger \"25h\" must be a duration" },
		{ "linger no unit", "[console]\nlinger = 30 s\n",
		    ":2: linger \"30 s\" must be a duration" },
		{ "fps garbage", "[console]\nfps = 7x\n",
		    ":2: fps \"7x\" must be 1-60" },
		{ "fps wraps", "[console]\nfps = 18446744073709551620\n",
		    ":2: fps \"18446744073709551620\" must be 1-60" },
		{ "empty venue", "[console]\nfps = 4\n[venue x]\n",
		    ":3: [venue x] has no stream URL" },
		{ "bad venue id", "[console]\n\n[venue City Arena]\n"
		    "stream = tcp://127.0.0.1:7601\n",
		    ":3: venue id \"City Arena\" must be 1-31 of a-z" },
		{ "empty unknown section", "[console]\n[colours]\n",
		    ":2: unknown section [colours]" },
		{ "long line", "[console]\n; " LONG_COMMENT "\n",
		    ":2: line is 1100 bytes long; at most 1024" },
		{ "bad readonly", "[console]\nreadonly = maybe\n",
		    ":2: readonly \"maybe\" must be yes or no" },
		{ "bad fps", "[console]\nfps = 0\n", ":2: fps \"0\" must be" },
		{ "bad link", "[console]\nlink = dialup\n",
		    ":2: link \"dialup\" must be auto, slow or fast" },
		{ "bad url", "[venue x]\nstream = nowhere\n",
		    ":2: stream \"nowhere\" is not a URL" },
		{ "no stream", "[venue x]\ncontrol = tcp://a:1\n",
		    ":1: [venue x] has no stream URL" },
		{ "unknown", "[console]\nfps = 4\nbeep = yes\n",
		    ":3: unknown key \"beep\" in [console]" },
		{ "tls without ca", "[console]\n[venue x]\n"
		    "stream = tls+tcp://localhost:7601\n",
		    ":2: [venue x] has a TLS URL and no ca = FILE" },
		{ "wss control without ca", "[venue x]\n"
		    "stream = tcp://localhost:7601\n"
		    "control = wss://localhost:7602/c\n",
		    ":1: [venue x] has a TLS URL and no ca = FILE" },
		{ "cert without key", "[venue x]\nstream = tcp://a:1\n"
		    "ca = ca.pem\ncert = me.pem\n",
		    ":1: [venue x] has a cert but no key" },
		{ "empty ca", "[venue x]\nca =\n",
		    ":2: ca must be a file name" },
	};
	struct cconf	*c = malloc(sizeof(*c));
	char		 path[] = "/tmp/foh-cconf-XXXXXX", err[512];
	size_t		 i;
	FILE		*f;
	int		 fd, rv;

	(void)state;
	setenv("HOME", "/home/ana", 1);	/* identity = ~/... */
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strcpy(path, "/tmp/foh-cconf-XXXXXX");
		assert_true((fd = mkstemp(path)) >= 0);
		f = fdopen(fd, "w");
		fputs(cases[i].text, f);
		fclose(f);
		cconf_defaults(c);
		assert_int_equal(c->linger_ms, 30000);
		rv = cconf_load(c, path, err, sizeof(err));
		unlink(path);
		if (cases[i].error == NULL) {
			if (rv != 0)
				fail_msg("%s: %s", cases[i].name, err);
			assert_int_equal(c->fps, 10);
			assert_string_equal(c->operator_name, "ana");
			assert_int_equal(c->kiosk_s, 30);
			assert_int_equal(c->readonly, 1);
			assert_int_equal(c->linger_ms, 120000);
			assert_int_equal(c->link, CCONF_LINK_SLOW);
			assert_int_equal(c->nvenues, 1);
			assert_string_equal(c->venues[0].id, "arena");
			assert_string_equal(c->identity,
			    "/home/ana/.ssh/id_ed25519.pub");
			continue;
		}
		assert_int_equal(rv, -1);
		if (strncmp(err, path, strlen(path)) != 0 ||
		    strstr(err, cases[i].error) != err + strlen(path))
			fail_msg("%s: got \"%s\", want \"%s%s\"",
			    cases[i].name, err, path, cases[i].error);
	}
	free(c);
}

/* Rules and operators come out as configured, with their defaults. */
static void
test_vconf_rules(void **state)
{
	struct vconf	*c = malloc(sizeof(*c));
	char		 err[512];

	(void)state;
	assert_int_equal(vconf_load_string(c, "t.conf", VENUE ZONE
	    "crit_density = 4.2\n[rule hot]\nkind = threshold\non = zone:a\n"
	    "metric = density\nabove = 3\nfor = 1m30s\nescalate_after = 5m\n"
	    "[operator ana]\nrights = shelve\n[operator bo]\nuid = 1000\n",
	    err, sizeof(err)), 0);
	assert_int_equal(c->nrules, 1);
	assert_string_equal(c->rules[0].target, "zone");
	assert_string_equal(c->rules[0].subject, "a");
	assert_int_equal(c->rules[0].for_ms, 90000);
	assert_int_equal(c->rules[0].escalate_ms, 300000);
	assert_true(c->rules[0].clear == 3);	/* defaults to threshold */
	assert_true(c->zone_crit[0] == 4.2);
	assert_int_equal(c->noperators, 2);
	assert_int_equal(c->operators[0].uid, -1);
	assert_int_equal(c->operators[0].rights, VCONF_RIGHT_SHELVE);
	assert_int_equal(c->operators[1].uid, 1000);
	assert_int_equal(c->operators[1].rights, 0);	/* only what is listed */
	assert_int_equal(vconf_operator(c, "bo"), 1);
	assert_int_equal(c->control_tcp, 0);
	/* Nothing given: flap and drift keys say so. */
	assert_int_equal(c->rules[0].has_for, 1);
	assert_int_equal(c->rules[0].has_flap_transitions, 0);
	assert_int_equal(c->rules[0].flap_window_ms, 0);
	assert_int_equal(c->has_flap_transitions, 0);
	assert_int_equal(c->flap_window_ms, 0);
	assert_int_equal(c->has_drift_hold, 0);
	assert_true(c->drift_clear == 0);

	assert_int_equal(vconf_load_string(c, "t.conf", VENUE ZONE
	    "[rules]\nflap_transitions = 0\nflap_window = 90s\n"
	    "drift_hold = 0\ndrift_clear = 0.5\n"
	    "[rule hot]\nkind = drift\non = zone:a\nmetric = density\n"
	    "above = 3\nflap_transitions = 6\nflap_window = 1h\n",
	    err, sizeof(err)), 0);
	assert_int_equal(c->has_flap_transitions, 1);
	assert_int_equal(c->flap_transitions, 0);
	assert_int_equal(c->flap_window_ms, 90000);
	assert_int_equal(c->has_drift_hold, 1);
	assert_int_equal(c->drift_hold_ms, 0);
	assert_true(c->drift_clear == 0.5);
	assert_int_equal(c->rules[0].has_for, 0);
	assert_int_equal(c->rules[0].has_flap_transitions, 1);
	assert_int_equal(c->rules[0].flap_transitions, 6);
	assert_int_equal(c->rules[0].flap_window_ms, 3600000);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_vconf_table),
		cmocka_unit_test(test_vconf_rules),
		cmocka_unit_test(test_vconf_samples),
		cmocka_unit_test(test_cconf),
		cmocka_unit_test(test_vconf_empty_sections),
		cmocka_unit_test(test_vconf_long_lines),
	};

	return (cmocka_run_group_tests_name("vconf", tests, NULL, NULL));
}
