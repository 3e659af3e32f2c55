/*
 * test-vconf.c: venue config parsing. Good files load; each bad one is
 * refused with the file:line and words the table expects.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cconf.h"
#include "vconf.h"

#define VENUE	"[venue]\nid = arena\ngrid = 10x10\n"
#define ZONE	"[zone a]\nrect = 0,0,5,5\narea_m2 = 100\n"

struct vconf_case {
	const char	*name;
	const char	*text;
	const char	*error;		/* NULL: must load */
};

static const struct vconf_case vconf_cases[] = {
	{ "minimal", VENUE ZONE, NULL },
	{ "syntax error", VENUE "this is not ini\n" ZONE,
	    "t.conf:4: syntax error" },
	{ "bad id", "[venue]\nid = Arena!\n" ZONE,
	    "t.conf:2: venue id \"Arena!\" must be" },
	{ "bad grid", "[venue]\nid = a\ngrid = 10by10\n" ZONE,
	    "t.conf:3: grid \"10by10\" must be WxH" },
	{ "grid too big", "[venue]\nid = a\ngrid = 10x999\n" ZONE,
	    "t.conf:3: grid" },
	{ "unknown venue key", VENUE "colour = red\n" ZONE,
	    "t.conf:4: unknown key \"colour\" in [venue]" },
	{ "unknown section", VENUE ZONE "[zoo x]\nk = v\n",
	    "t.conf:8: unknown section [zoo x]" },
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
	    "t.conf:5: zone id \"A B\" must be" },
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
	    "t.conf:8: tcp \"maybe\" must be allow or refuse" },
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
		    "readonly = yes\n[venue arena]\n"
		    "stream = tcp://127.0.0.1:7601\n", NULL },
		{ "bad operator", "[console]\noperator = Ana Smith\n",
		    ":2: operator \"Ana Smith\" must be 1-31 of a-z" },
		{ "bad kiosk", "[console]\n\nkiosk = 1\n",
		    ":3: kiosk \"1\" must be no or 2-3600 seconds" },
		{ "bad readonly", "[console]\nreadonly = maybe\n",
		    ":2: readonly \"maybe\" must be yes or no" },
		{ "bad fps", "[console]\nfps = 0\n", ":2: fps \"0\" must be" },
		{ "bad url", "[venue x]\nstream = nowhere\n",
		    ":2: stream \"nowhere\" is not a URL" },
		{ "no stream", "[venue x]\ncontrol = tcp://a:1\n",
		    ": [venue x] has no stream URL" },
		{ "unknown", "[console]\nfps = 4\nbeep = yes\n",
		    ":3: unknown key \"beep\" in [console]" },
	};
	struct cconf	*c = malloc(sizeof(*c));
	char		 path[] = "/tmp/foh-cconf-XXXXXX", err[512];
	size_t		 i;
	FILE		*f;
	int		 fd, rv;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		strcpy(path, "/tmp/foh-cconf-XXXXXX");
		assert_true((fd = mkstemp(path)) >= 0);
		f = fdopen(fd, "w");
		fputs(cases[i].text, f);
		fclose(f);
		cconf_defaults(c);
		rv = cconf_load(c, path, err, sizeof(err));
		unlink(path);
		if (cases[i].error == NULL) {
			if (rv != 0)
				fail_msg("%s: %s", cases[i].name, err);
			assert_int_equal(c->fps, 10);
			assert_string_equal(c->operator_name, "ana");
			assert_int_equal(c->kiosk_s, 30);
			assert_int_equal(c->readonly, 1);
			assert_int_equal(c->nvenues, 1);
			assert_string_equal(c->venues[0].id, "arena");
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
	assert_int_equal(c->operators[1].rights,
	    VCONF_RIGHT_ACK | VCONF_RIGHT_COMMENT);
	assert_int_equal(vconf_operator(c, "bo"), 1);
	assert_int_equal(c->control_tcp, 0);
	free(c);
}

/* Who may do what: a table of operator, op, peer and uid. */
static void
test_vconf_may(void **state)
{
	static const struct {
		const char	*name;
		const char	*who;
		const char	*op;
		unsigned	 right;
		enum vconf_peer	 peer;
		long		 uid;
		const char	*refusal;	/* NULL: allowed */
	} cases[] = {
		{ "listed with the right, ipc, its uid", "ana", "ack",
		    VCONF_RIGHT_ACK, VCONF_PEER_IPC, 1000, NULL },
		{ "wrong uid over ipc", "ana", "ack", VCONF_RIGHT_ACK,
		    VCONF_PEER_IPC, 1001, "must connect as uid 1000" },
		{ "in-process for a uid-bound operator", "ana", "ack",
		    VCONF_RIGHT_ACK, VCONF_PEER_INPROC, -1,
		    "must connect as uid 1000" },
		{ "no uid set: any local peer", "bo", "comment",
		    VCONF_RIGHT_COMMENT, VCONF_PEER_IPC, 4242, NULL },
		{ "without the right", "bo", "ack", VCONF_RIGHT_ACK,
		    VCONF_PEER_IPC, 4242, "operator \"bo\" may not ack" },
		{ "without the right to approve", "bo", "approve",
		    VCONF_RIGHT_APPROVE, VCONF_PEER_INPROC, -1, "may not approve" },
		{ "unknown operator", "eve", "ack", VCONF_RIGHT_ACK,
		    VCONF_PEER_IPC, 0, "operator \"eve\" is not known" },
		{ "tcp not enabled", "ana", "ack", VCONF_RIGHT_ACK,
		    VCONF_PEER_TCP, -1, "control over tcp is not enabled" },
	};
	struct vconf	*c = malloc(sizeof(*c));
	char		 err[512], why[256];
	const char	*got;
	size_t		 i;

	(void)state;
	assert_int_equal(vconf_load_string(c, "t.conf", VENUE ZONE
	    "[operator ana]\nuid = 1000\nrights = all\n"
	    "[operator bo]\nrights = comment\n", err, sizeof(err)), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = vconf_may(c, cases[i].who, cases[i].op, cases[i].right,
		    cases[i].peer, cases[i].uid, why, sizeof(why));
		if (cases[i].refusal == NULL && got != NULL)
			fail_msg("%s: refused: %s", cases[i].name, got);
		if (cases[i].refusal != NULL && (got == NULL ||
		    strstr(got, cases[i].refusal) == NULL))
			fail_msg("%s: got %s, want ...%s...", cases[i].name,
			    got != NULL ? got : "allowed", cases[i].refusal);
	}
	/* With tcp allowed, a listed operator may act from the network. */
	c->control_tcp = 1;
	assert_null(vconf_may(c, "ana", "ack", VCONF_RIGHT_ACK,
	    VCONF_PEER_TCP, -1, why, sizeof(why)));
	/* No operators listed: local peers are trusted, tcp never. */
	c->noperators = 0;
	assert_null(vconf_may(c, "anyone", "approve", VCONF_RIGHT_APPROVE,
	    VCONF_PEER_IPC, 7, why, sizeof(why)));
	assert_non_null(vconf_may(c, "anyone", "ack", VCONF_RIGHT_ACK,
	    VCONF_PEER_TCP, -1, why, sizeof(why)));
	free(c);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_vconf_table),
		cmocka_unit_test(test_vconf_rules),
		cmocka_unit_test(test_vconf_may),
		cmocka_unit_test(test_vconf_samples),
		cmocka_unit_test(test_cconf),
	};

	return (cmocka_run_group_tests_name("vconf", tests, NULL, NULL));
}
