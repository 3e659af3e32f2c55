/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-actions.c: approved actions that reach the floor (issue 16). Tables
 * of configs ([actions], a rule's publish and webhook: the values they
 * give, the defaults reaching the built-in rules, the errors with their
 * FILE:LINE, the warning of a publish with no broker), of HTTP status
 * lines and URLs (httppost.c), httppost_send against hostile receivers
 * (interim 1xx answers, trickles, silence, endless lines, a close
 * mid-answer: each try ends by its deadline), the retry schedule
 * (deliver.c), and
 * alerts_note (alerts-ops.c): the agent's op published, within the ops'
 * limit, on a resolved alert too.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>

#include <arpa/inet.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "agent/deliver.h"
#include "core/alerts.h"
#include "core/rules.h"
#include "core/vconf.h"
#include "vconf-assert.h"
#include "lib/clock.h"
#include "net/httppost.h"

/* Lines 1-3: the venue; 4-6 a zone; 7-9 a device. */
#define BASE	"[venue]\nid = club\ngrid = 10x10\n" \
		"[zone bar]\nrect = 0,0,5,5\narea_m2 = 60\n" \
		"[device amp]\nkind = amplifier\nheartbeat_s = 30\n"
#define RULE	"[rule bar-full]\nkind = threshold\non = zone:bar\n" \
		"metric = density\nabove = 1.0\n"

/* Good configs: the values, the defaults, where the targets land. */
static void
test_actions_good(void **state)
{
	static const struct {
		const char	*name;
		const char	*text;
		unsigned	 retries;
		uint32_t	 timeout_ms, backoff_ms;
		const char	*rule_publish, *rule_webhook;	/* bar-full */
		const char	*zone_publish;	/* a default zone rule's */
		const char	*device_publish;	/* a device rule's */
		const char	*warning;	/* a prefix, or "" */
	} cases[] = {
		{ "nothing: defaults, no targets", BASE RULE, 3, 5000, 1000,
		    "", "", "", "", "" },
		{ "[actions] reaches zone rules, default ones too, not devices",
		    BASE RULE "[mqtt]\nurl = mqtt://127.0.0.1:1\n[actions]\n"
		    "publish = foh/club/signage\nwebhook = http://10.0.0.9:8080/"
		    "hook\nretries = 5\ntimeout = 2s\nbackoff = 250ms\n", 5,
		    2000, 250, "foh/club/signage", "http://10.0.0.9:8080/hook",
		    "foh/club/signage", "", "" },
		{ "a rule's own targets win over [actions]",
		    BASE RULE "publish = foh/club/bar\n"
		    "webhook = http://[::1]:81\n[mqtt]\nurl = mqtt://h\n"
		    "[actions]\npublish = foh/club/signage\nretries = 0\n", 0,
		    5000, 1000, "foh/club/bar", "http://[::1]:81",
		    "foh/club/signage", "", "" },
		{ "publish with no [mqtt] url: a warning naming the line",
		    BASE RULE "publish = foh/club/signage\n", 3, 5000, 1000,
		    "foh/club/signage", "", "", "",
		    "fohd.conf:15: publish = with no [mqtt] url" },
		{ "[actions] publish with no broker, its line",
		    BASE "[actions]\nwebhook = http://h/x\npublish = a/b\n", 3,
		    5000, 1000, "", "", "a/b", "",
		    "fohd.conf:12: publish = with no [mqtt] url" },
	};
	struct vconf	 c;
	struct rules	 rs;
	char		 err[512];
	size_t		 i;
	unsigned	 j;
	int		 seen_rule, seen_zone, seen_dev;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		print_message("%s\n", cases[i].name);
		if (vconf_load_string(&c, "fohd.conf", cases[i].text, err,
		    sizeof(err)) != 0)
			fail_msg("%s: %s", cases[i].name, err);
		assert_int_equal(c.actions_retries, cases[i].retries);
		assert_int_equal(c.actions_timeout_ms, cases[i].timeout_ms);
		assert_int_equal(c.actions_backoff_ms, cases[i].backoff_ms);
		if (strncmp(c.actions_warning, cases[i].warning,
		    strlen(cases[i].warning)) != 0 ||
		    (cases[i].warning[0] == '\0') !=
		    (c.actions_warning[0] == '\0'))
			fail_msg("%s: warning \"%s\", want \"%s\"",
			    cases[i].name, c.actions_warning,
			    cases[i].warning);
		memset(&rs, 0, sizeof(rs));
		if (rules_build(&rs, &c, err, sizeof(err)) != 0)
			fail_msg("%s: rules: %s", cases[i].name, err);
		seen_rule = seen_zone = seen_dev = 0;
		for (j = 0; j < rs.n; j++) {
			const struct rule	*r = &rs.r[j];

			if (strcmp(r->id, "bar-full") == 0) {
				assert_string_equal(r->publish,
				    cases[i].rule_publish);
				assert_string_equal(r->webhook,
				    cases[i].rule_webhook);
				seen_rule = 1;
			} else if (r->target == RULES_ZONE) {
				assert_string_equal(r->publish,
				    cases[i].zone_publish);
				seen_zone = 1;
			} else if (r->target == RULES_DEVICE) {
				assert_string_equal(r->publish,
				    cases[i].device_publish);
				assert_string_equal(r->webhook, "");
				seen_dev = 1;
			}
		}
		assert_true(seen_zone && seen_dev);
		assert_true(seen_rule || strstr(cases[i].text, RULE) == NULL);
		rules_free(&rs);
	}
}

/* Bad configs: refused with FILE:LINE and the reason. */
static void
test_actions_bad(void **state)
{
	static const struct {
		const char	*name;
		const char	*more;		/* after BASE, from line 10 */
		const char	*error;		/* a prefix of err */
	} cases[] = {
		{ "a wildcard topic", "[actions]\npublish = foh/+/signage\n",
		    "fohd.conf:11: [actions]: publish \"foh/+/signage\" must "
		    "be an MQTT topic" },
		{ "a rule's # topic", RULE "publish = foh/#\n",
		    "fohd.conf:15: rule bar-full: publish \"foh/#\" must be" },
		/* The broker's: acknowledged, and dropped (mosquitto). */
		{ "a $SYS topic", "[actions]\npublish = $SYS/foh/signage\n",
		    "fohd.conf:11: [actions]: publish \"$SYS/foh/signage\" "
		    "must be an MQTT topic of 1-255 bytes with no + or # and "
		    "no leading $" },
		{ "https refused, said why", RULE "webhook = https://x/y\n",
		    "fohd.conf:15: rule bar-full: webhook \"https://x/y\" "
		    "https:// is not supported" },
		{ "not a URL", "[actions]\nwebhook = ftp://x/\n",
		    "fohd.conf:11: [actions]: webhook \"ftp://x/\" must start "
		    "with http://" },
		{ "no host", "[actions]\nwebhook = http:///x\n",
		    "fohd.conf:11: [actions]: webhook \"http:///x\" no host" },
		{ "a port out of range", "[actions]\nwebhook = http://h:70000/\n",
		    "fohd.conf:11: [actions]: webhook \"http://h:70000/\" bad "
		    "port" },
		{ "user in the URL", "[actions]\nwebhook = http://u:p@h/\n",
		    "fohd.conf:11: [actions]: webhook \"http://u:p@h/\" must "
		    "name a host and no user@" },
		{ "retries over 10", "[actions]\nretries = 11\n",
		    "fohd.conf:11: retries \"11\" must be a whole number from 0 "
		    "to 10" },
		{ "timeout too short", "[actions]\nretries = 1\ntimeout = 10ms\n",
		    "fohd.conf:12: timeout \"10ms\" must be a duration from "
		    "100ms to 60s" },
		{ "backoff not a duration", "[actions]\nbackoff = soon\n",
		    "fohd.conf:11: backoff \"soon\" must be a duration" },
		{ "unknown key", "[actions]\nqos = 2\n",
		    "fohd.conf:11: unknown key \"qos\" in [actions]" },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		vconf_assert_refused(cases[i].name, BASE, cases[i].more,
		    cases[i].error);
}

/* Status lines: complete, partial, malformed. */
static void
test_actions_http_status(void **state)
{
	static const struct {
		const char	*in;
		int		 rv, code;
		const char	*reason;
	} cases[] = {
		{ "HTTP/1.1 204 No Content\r\n\r\n", 1, 204, "No Content" },
		{ "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n", 1, 200, "OK" },
		{ "HTTP/1.1 500 Internal Server Error\r\n", 1, 500,
		    "Internal Server Error" },
		{ "HTTP/1.1 404\r\n", 1, 404, "" },
		{ "HTTP/1.1 301 Moved\n", 1, 301, "Moved" },
		{ "HTTP/1.1 20", 0, 0, "" },
		{ "", 0, 0, "" },
		{ "HTTP/2 200 OK\r\n", -1, 0, "" },
		{ "HTTP/1.1 2x4 OK\r\n", -1, 0, "" },
		{ "HTTP/1.1 099 Low\r\n", -1, 0, "" },
		{ "HTTP/1.1 2040 OK\r\n", -1, 0, "" },
		{ "SSH-2.0-OpenSSH_9.2\r\n", -1, 0, "" },
	};
	char	reason[64];
	size_t	i;
	int	code, rv;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		code = 0;
		reason[0] = '\0';
		rv = httppost_status(cases[i].in, strlen(cases[i].in), &code,
		    reason, sizeof(reason));
		if (rv != cases[i].rv)
			fail_msg("\"%s\": %d, want %d", cases[i].in, rv,
			    cases[i].rv);
		if (rv == 1) {
			assert_int_equal(code, cases[i].code);
			assert_string_equal(reason, cases[i].reason);
		}
	}
	assert_true(deliver_http_ok(200) && deliver_http_ok(204) &&
	    deliver_http_ok(299));
	assert_false(deliver_http_ok(199) || deliver_http_ok(300) ||
	    deliver_http_ok(500));
}

/* URLs split into host, port and path. */
static void
test_actions_http_url(void **state)
{
	static const struct {
		const char	*url;
		const char	*host, *port, *path;	/* NULL: refused */
	} cases[] = {
		{ "http://127.0.0.1:8080/hook", "127.0.0.1", "8080", "/hook" },
		{ "http://signage.local", "signage.local", "80", "/" },
		{ "http://[::1]:81/a?b=c", "::1", "81", "/a?b=c" },
		{ "http://h?x", "h", "80", "/?x" },
		{ "http://h/a?b#c", "h", "80", "/a?b" },
		{ "http://h#top", "h", "80", "/" },
		{ "https://h/", NULL, NULL, NULL },
		{ "http://:80/", NULL, NULL, NULL },
		{ "http://h:8x/", NULL, NULL, NULL },
		{ "http://[::1/", NULL, NULL, NULL },
	};
	char	host[64], port[8], path[64], err[128];
	size_t	i;
	int	rv;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rv = httppost_url(cases[i].url, host, sizeof(host), port,
		    sizeof(port), path, sizeof(path), err, sizeof(err));
		if (cases[i].host == NULL) {
			if (rv == 0)
				fail_msg("%s: taken", cases[i].url);
			continue;
		}
		if (rv != 0)
			fail_msg("%s: %s", cases[i].url, err);
		assert_string_equal(host, cases[i].host);
		assert_string_equal(port, cases[i].port);
		assert_string_equal(path, cases[i].path);
	}
}

/*
 * A receiver on 127.0.0.1 (a child process; its port returned): for one
 * connection it reads the request (up to the body's last '}'), writes
 * each piece of answer with gap_ms between bytes (0: at once), then holds
 * the connection until the client closes it, or closes it itself (hold
 * 0). alarm(10) bounds it whatever happens.
 */
static pid_t
test_actions_receiver(const char *answer, unsigned gap_ms, int hold,
    int *port)
{
	struct sockaddr_in	sin;
	socklen_t		sl = sizeof(sin);
	char			buf[4096];
	size_t			i, n;
	ssize_t			r;
	pid_t			pid;
	int			s, c;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(s, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    listen(s, 1) != 0 ||
	    getsockname(s, (struct sockaddr *)&sin, &sl) != 0)
		fail_msg("receiver socket");
	*port = ntohs(sin.sin_port);
	if ((pid = fork()) < 0)
		fail_msg("fork");
	if (pid > 0) {
		close(s);
		return (pid);
	}
	alarm(10);
	if ((c = accept(s, NULL, NULL)) < 0)
		_exit(1);
	for (n = 0; n < sizeof(buf) - 1; n += (size_t)r) {
		if ((r = read(c, buf + n, sizeof(buf) - 1 - n)) <= 0)
			_exit(1);
		if (buf[n + (size_t)r - 1] == '}')
			break;
	}
	for (i = 0; answer[i] != '\0'; i += n) {
		n = gap_ms > 0 ? 1 : strlen(answer + i);
		if (write(c, answer + i, n) != (ssize_t)n)
			_exit(1);
		if (gap_ms > 0)
			usleep(gap_ms * 1000);	/* the trickle itself */
	}
	while (hold && read(c, buf, sizeof(buf)) > 0)
		;
	close(c);
	_exit(0);
}

/* httppost_send against receivers that answer oddly, or do not. */
static void
test_actions_http_hostile(void **state)
{
	static char	endless[2100];
	static const struct {
		const char	*answer;
		unsigned	 gap_ms;
		int		 hold;
		int		 rv, code;
		const char	*reason;	/* or the error's start */
	} cases[] = {
		/* Interim answers before the final one are skipped. */
		{ "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n"
		    "\r\n", 0, 0, 0, 204, "No Content" },
		{ "HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n"
		    "\r\nHTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", 1, 0, 0,
		    200, "" },
		{ "HTTP/1.1 102 Processing\n\nHTTP/1.1 102 Processing\n\n"
		    "HTTP/1.1 500 Internal Server Error\r\n\r\n", 0, 0, 0, 500,
		    "Internal Server Error" },
		/* Byte by byte, chunked, a body it never finishes. */
		{ "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n"
		    "5\r\nhel", 2, 1, 0, 202, "Accepted" },
		/* Silence, an interim answer only, a close mid-answer. */
		{ "", 0, 1, -1, 0, "timed out after 400ms waiting" },
		{ "HTTP/1.1 100 Continue\r\n\r\n", 0, 1, -1, 0,
		    "timed out after 400ms waiting" },
		{ "HTTP/1.1 2", 0, 0, -1, 0, "connection closed before" },
		{ "SSH-2.0-OpenSSH_9.2\r\n", 0, 1, -1, 0, "not an HTTP" },
		{ endless, 0, 1, -1, 0, "not an HTTP" },
		/* A trickle that would go on past the deadline. */
		{ "HTTP/1.1 200 OK\r\n", 60, 1, -1, 0,
		    "timed out after 400ms" },
	};
	char		 url[64], reason[64], err[160];
	const char	*body = "{\"alert\":7}";
	uint64_t	 t0, took;
	size_t		 i;
	pid_t		 pid;
	int		 port, rv, code, wrote, st, ab[2], low;
	uint32_t	 tmo;

	(void)state;
	low = dup(0);		/* the lowest free descriptor: none leak */
	close(low);
	memcpy(endless, "HTTP/1.1 200 ", 13);
	memset(endless + 13, 'x', sizeof(endless) - 14);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pid = test_actions_receiver(cases[i].answer, cases[i].gap_ms,
		    cases[i].hold, &port);
		snprintf(url, sizeof(url), "http://127.0.0.1:%d/hook", port);
		code = 0;
		reason[0] = err[0] = '\0';
		t0 = clock_mono_ms();
		/* 400ms where the try must time out; ample where it must
		 * not, so that a loaded machine's trickle still fits. */
		tmo = cases[i].rv == 0 ? 10000 : 400;
		rv = httppost_send(url, body, strlen(body), tmo, -1, &wrote,
		    NULL, NULL, &code, reason, sizeof(reason), err,
		    sizeof(err));
		took = clock_mono_ms() - t0;
		waitpid(pid, &st, 0);
		if (rv != cases[i].rv || !wrote)
			fail_msg("case %zu: %d (wrote %d) %d %s, want %d", i,
			    rv, wrote, code, err, cases[i].rv);
		if (rv == 0 && (code != cases[i].code ||
		    strcmp(reason, cases[i].reason) != 0))
			fail_msg("case %zu: %d \"%s\", want %d \"%s\"", i, code,
			    reason, cases[i].code, cases[i].reason);
		if (rv != 0 && strncmp(err, cases[i].reason,
		    strlen(cases[i].reason)) != 0)
			fail_msg("case %zu: \"%s\", want \"%s...\"", i, err,
			    cases[i].reason);
		/* The deadline bounds the whole try, trickle or not. */
		if (took > tmo + 300)
			fail_msg("case %zu: took %llums for a %ums timeout",
			    i, (unsigned long long)took, (unsigned)tmo);
	}
	/* A silent receiver, and fohd stopping: the try ends at once. */
	pid = test_actions_receiver("", 0, 1, &port);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/hook", port);
	if (pipe(ab) != 0 || write(ab[1], "", 1) != 1)
		fail_msg("abort pipe");
	t0 = clock_mono_ms();
	rv = httppost_send(url, body, strlen(body), 10000, ab[0], &wrote,
	    NULL, NULL, &code, reason, sizeof(reason), err, sizeof(err));
	took = clock_mono_ms() - t0;
	close(ab[0]);
	close(ab[1]);
	kill(pid, SIGTERM);
	waitpid(pid, &st, 0);
	assert_int_equal(rv, -1);
	assert_string_equal(err, "aborted");
	if (took > 1000)
		fail_msg("aborted after %llums", (unsigned long long)took);
	assert_int_equal((st = dup(0)), low);
	close(st);
}

/* The waits before retries: doubling from the first, capped. */
static void
test_actions_backoff(void **state)
{
	static const struct {
		uint32_t	first;
		unsigned	n;
		uint64_t	ms;
	} cases[] = {
		{ 1000, 1, 1000 }, { 1000, 2, 2000 }, { 1000, 3, 4000 },
		{ 1000, 4, 8000 }, { 250, 3, 1000 }, { 100, 1, 100 },
		{ 60000, 4, 300000 }, { 60000, 40, 300000 },
		{ 1000, 200, 300000 },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (deliver_backoff_ms(cases[i].first, cases[i].n) !=
		    cases[i].ms)
			fail_msg("first %u retry %u: %llu, want %llu",
			    cases[i].first, cases[i].n, (unsigned long long)
			    deliver_backoff_ms(cases[i].first, cases[i].n),
			    (unsigned long long)cases[i].ms);
	}
}

/*
 * A full history keeps the first op and the 4 latest, and drops the
 * agent's notes before what operators did, and comments before an
 * approval: an approval made after the first op is pushed out neither by
 * its deliveries' notes nor by later comments and notes.
 */
static void
test_actions_ops_kept(void **state)
{
	static struct alerts	 table;
	struct alerts		*as = &table;
	struct fohp_alert	 a;
	struct alerts_entry	*e;
	char			 note[16];
	uint64_t		 t0 = 1700000000000ULL;
	unsigned		 i;

	(void)state;
	alerts_init(as, 0);
	memset(&a, 0, sizeof(a));
	a.fingerprint = 1;
	strcpy(a.action, "Open the side room");
	assert_non_null(alerts_raise(as, &a, 0, t0));
	assert_int_equal(alerts_ack(as, 1, "ana", "mine", 0, FOHP_ACK_NONE,
	    t0 + 1), ALERTS_DONE);
	assert_int_equal(alerts_approve(as, 1, "bo", "go", t0 + 2),
	    ALERTS_DONE);
	for (i = 0; i < 40; i++) {
		snprintf(note, sizeof(note), "try %u", i);
		assert_int_equal(alerts_note(as, 1, "deliver", note,
		    t0 + 3 + i), 0);
	}
	e = alerts_find(as, 1);
	assert_int_equal(e->a.nops, FOHP_ALERT_HIST_MAX);
	assert_string_equal(e->a.ops[0].op, "ack");
	assert_string_equal(e->a.ops[1].op, "approve");
	assert_string_equal(e->a.ops[1].operator_name, "bo");
	/* The ack, the approval, then the latest 14 notes (try 26..39). */
	assert_string_equal(e->a.ops[2].note, "try 26");
	assert_string_equal(e->a.ops[FOHP_ALERT_HIST_MAX - 1].note, "try 39");

	/* Comments push the notes out first, then each other. */
	for (i = 1; i <= 14; i++) {
		snprintf(note, sizeof(note), "c%u", i);
		assert_int_equal(alerts_comment(as, 1, "cy", note, t0 + 50 + i),
		    ALERTS_DONE);
	}
	assert_string_equal(e->a.ops[1].op, "approve");
	for (i = 2; i < FOHP_ALERT_HIST_MAX; i++)
		assert_string_equal(e->a.ops[i].operator_name, "cy");
	assert_int_equal(alerts_comment(as, 1, "cy", "c15", t0 + 70),
	    ALERTS_DONE);
	/* Every op an operator's now: c15 pushed out c1, not the approval;
	 * the hook's end pushes out c2 and, among the 4 latest, stays
	 * while comments c16 to c18 push out c3 to c5. */
	assert_string_equal(e->a.ops[1].op, "approve");
	assert_string_equal(e->a.ops[2].note, "c2");
	assert_int_equal(alerts_note(as, 1, "hook", "exit 0", t0 + 71), 0);
	for (i = 16; i <= 18; i++) {
		snprintf(note, sizeof(note), "c%u", i);
		assert_int_equal(alerts_comment(as, 1, "cy", note, t0 + 56 + i),
		    ALERTS_DONE);
	}
	assert_string_equal(e->a.ops[0].op, "ack");
	assert_string_equal(e->a.ops[1].op, "approve");
	assert_string_equal(e->a.ops[1].operator_name, "bo");
	assert_string_equal(e->a.ops[2].note, "c6");
	assert_string_equal(e->a.ops[FOHP_ALERT_HIST_MAX - 4].note, "exit 0");
	assert_string_equal(e->a.ops[FOHP_ALERT_HIST_MAX - 1].note, "c18");
	/* c19 comes while the hook's end is among the 4 latest: c6 goes;
	 * c20 comes when it is not: it goes, before any comment. */
	assert_int_equal(alerts_comment(as, 1, "cy", "c19", t0 + 80),
	    ALERTS_DONE);
	assert_string_equal(e->a.ops[2].note, "c7");
	assert_string_equal(e->a.ops[FOHP_ALERT_HIST_MAX - 5].note, "exit 0");
	assert_int_equal(alerts_comment(as, 1, "cy", "c20", t0 + 81),
	    ALERTS_DONE);
	assert_string_equal(e->a.ops[2].note, "c7");
	for (i = 2; i < FOHP_ALERT_HIST_MAX; i++)
		assert_string_not_equal(e->a.ops[i].op, "hook");
	assert_string_equal(e->a.ops[FOHP_ALERT_HIST_MAX - 1].note, "c20");
	for (i = 1; i < FOHP_ALERT_HIST_MAX; i++)
		assert_true(e->a.ops[i - 1].t_ms < e->a.ops[i].t_ms);
}

/* alerts_note: published, by no operator, kept within the limit. */
static void
test_actions_note(void **state)
{
	static struct alerts	 as;
	struct alerts_entry	*e, *changed[8];
	struct fohp_alert	 a;
	uint64_t		 now = 1700000000000ULL, id;
	char			 note[32];
	unsigned		 i, n;

	(void)state;
	alerts_init(&as, 0);
	memset(&a, 0, sizeof(a));
	a.fingerprint = 42;
	strcpy(a.rule, "bar-full");
	strcpy(a.subject, "bar");
	strcpy(a.title, "Bar full");
	strcpy(a.action, "Send people to the side room");
	a.severity = FOHP_SEV_WARNING;
	assert_non_null(e = alerts_raise(&as, &a, 0, now));
	id = e->a.id;
	(void)alerts_changed(&as, changed, 8);
	assert_int_equal(alerts_approve(&as, id, "ana", "go", now + 1),
	    ALERTS_DONE);
	(void)alerts_changed(&as, changed, 8);

	assert_int_equal(alerts_note(&as, id, "deliver",
	    "mqtt foh/club/signage: sent", now + 2), 0);
	n = alerts_changed(&as, changed, 8);
	assert_int_equal(n, 1);
	assert_int_equal(changed[0]->a.id, id);
	e = alerts_find(&as, id);
	assert_int_equal(e->a.nops, 2);
	assert_string_equal(e->a.ops[1].op, "deliver");
	assert_string_equal(e->a.ops[1].operator_name, "");
	assert_string_equal(e->a.ops[1].note, "mqtt foh/club/signage: sent");
	assert_int_equal(e->a.ops[1].t_ms, now + 2);
	assert_int_equal(e->a.state, FOHP_AS_FIRING);

	/* Many notes: the first op (the approval) stays, 16 at most. */
	for (i = 0; i < 40; i++) {
		snprintf(note, sizeof(note), "try %u", i);
		assert_int_equal(alerts_note(&as, id, "deliver", note,
		    now + 10 + i), 0);
	}
	e = alerts_find(&as, id);
	assert_int_equal(e->a.nops, FOHP_ALERT_HIST_MAX);
	assert_string_equal(e->a.ops[0].op, "approve");
	assert_string_equal(e->a.ops[FOHP_ALERT_HIST_MAX - 1].note, "try 39");

	/* Resolved, still in the table: noted and published, resolved. */
	assert_int_equal(alerts_resolve(&as, 42, now + 100), 0);
	(void)alerts_changed(&as, changed, 8);
	assert_int_equal(alerts_note(&as, id, "hook", "exit 0", now + 101),
	    0);
	assert_int_equal(alerts_changed(&as, changed, 8), 1);
	assert_int_equal(changed[0]->a.state, FOHP_AS_RESOLVED);
	assert_string_equal(changed[0]->a.ops[changed[0]->a.nops - 1].note,
	    "exit 0");

	/* No such alert, or no op: nothing. */
	assert_int_equal(alerts_note(&as, id + 99, "deliver", "x", now), -1);
	assert_int_equal(alerts_note(&as, id, "", "x", now), -1);
	assert_int_equal(alerts_changed(&as, changed, 8), 0);
	alerts_fini(&as);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_actions_good),
		cmocka_unit_test(test_actions_bad),
		cmocka_unit_test(test_actions_http_status),
		cmocka_unit_test(test_actions_http_url),
		cmocka_unit_test(test_actions_http_hostile),
		cmocka_unit_test(test_actions_backoff),
		cmocka_unit_test(test_actions_note),
		cmocka_unit_test(test_actions_ops_kept),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
