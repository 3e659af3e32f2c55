/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-mqttlink.c: what mqttlink.c decides without a broker: its URLs
 * (each part, defaults, and every refusal with its words), MQTT topic
 * filters and their matching (+, #, $ topics), and that a link to a
 * broker that is not there opens, says why it is down, refuses to
 * publish with that reason, and closes at once; a "broker" that takes the
 * TCP connection and says nothing is given up on after the CONNACK
 * timeout, and a link waiting on it closes at once. The link against a real
 * mosquitto (PUBACKs, a broker restart) is tested end to end by
 * tests/e2e-mqtt.sh and tests/e2e-actions.sh.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "lib/clock.h"
#include "lib/text.h"
#include "net/mqttlink.h"

/* Good URLs and their parts. */
static void
test_mqttlink_parse_good(void **state)
{
	static const struct {
		const char	*url, *host, *user, *pass;
		int		 port, tls;
	} cases[] = {
		{ "mqtt://127.0.0.1", "127.0.0.1", "", "", 1883, 0 },
		{ "mqtt://broker.local:1884/", "broker.local", "", "", 1884,
		    0 },
		{ "mqtts://broker", "broker", "", "", 8883, 1 },
		{ "mqtt://fohd@h:1", "h", "fohd", "", 1, 0 },
		{ "mqtt://fohd:s3:cr@t@h:65535", "h", "fohd", "s3:cr@t",
		    65535, 0 },
		{ "mqtts://[::1]:8884", "::1", "", "", 8884, 1 },
		{ "mqtt://[fe80::1]", "fe80::1", "", "", 1883, 0 },
	};
	char	host[256], user[64], pass[64], err[256];
	int	port, tls;
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (mqttlink_parse(cases[i].url, host, sizeof(host), &port,
		    &tls, user, sizeof(user), pass, sizeof(pass), err,
		    sizeof(err)) != 0)
			fail_msg("%s: refused: %s", cases[i].url, err);
		assert_string_equal(host, cases[i].host);
		assert_string_equal(user, cases[i].user);
		assert_string_equal(pass, cases[i].pass);
		assert_int_equal(port, cases[i].port);
		assert_int_equal(tls, cases[i].tls);
	}
}

/* Bad URLs and the words of their refusal. */
static void
test_mqttlink_parse_bad(void **state)
{
	static const struct {
		const char	*url, *words;
	} cases[] = {
		{ "tcp://h:1883", "not mqtt://HOST[:PORT]" },
		{ "mqtt://", "no host" },
		{ "mqtt://:1883", "no host" },
		{ "mqtt://h:0", "bad port" },
		{ "mqtt://h:65536", "bad port" },
		{ "mqtt://h:18x3", "bad port" },
		{ "mqtt://h:", "bad port" },
		{ "mqtt://h/topic", "a path, query or fragment" },
		{ "mqtt://h?x=1", "a path, query or fragment" },
		{ "mqtt://@h", "bad user or password" },
		{ "mqtt://:pw@h", "bad user or password" },
		{ "mqtt://[::1", "bad [address]" },
		{ "mqtt://[::1]x", "bad [address]" },
	};
	char	host[256], user[64], pass[64], err[256], shown[256];
	int	port, tls;
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err[0] = '\0';
		if (mqttlink_parse(cases[i].url, host, sizeof(host), &port,
		    &tls, user, sizeof(user), pass, sizeof(pass), err,
		    sizeof(err)) == 0)
			fail_msg("%s: accepted", cases[i].url);
		/* The URL is named, a password in it as *** (never pw). */
		if (strstr(err, cases[i].words) == NULL ||
		    strstr(err, text_url_safe(shown, sizeof(shown),
		    cases[i].url)) == NULL || strstr(err, "pw") != NULL)
			fail_msg("%s: \"%s\" does not say \"%s\" and the URL",
			    cases[i].url, err, cases[i].words);
	}
}

/* Filters, topics, and matching. */
static void
test_mqttlink_topics(void **state)
{
	(void)state;
	assert_true(mqttlink_valid("venue/club/+/count", 1));
	assert_true(mqttlink_valid("venue/#", 1));
	assert_false(mqttlink_valid("venue/#/x", 1));
	assert_false(mqttlink_valid("venue/a+/x", 1));
	assert_false(mqttlink_valid("", 1));
	assert_true(mqttlink_valid("foh/club/signage", 0));
	assert_false(mqttlink_valid("foh/+/signage", 0));
	assert_false(mqttlink_valid("foh/#", 0));
	assert_true(mqttlink_match("venue/+/count", "venue/bar/count"));
	assert_false(mqttlink_match("venue/+/count", "venue/bar/x/count"));
	assert_true(mqttlink_match("venue/#", "venue/bar/x/count"));
	assert_true(mqttlink_match("venue/#", "venue"));
	assert_false(mqttlink_match("#", "$SYS/broker/uptime"));
	assert_false(mqttlink_match("+/broker/uptime", "$SYS/broker/uptime"));
	assert_true(mqttlink_match("$SYS/#", "$SYS/broker/uptime"));
}

/*
 * A broker that is not there: the link opens (connecting is the
 * thread's), says why it is down, refuses to publish with that reason,
 * and closes at once although it waits to try again.
 */
static void
test_mqttlink_no_broker(void **state)
{
	struct mqttlink_conf	 c;
	struct mqttlink_stats	 st;
	struct mqttlink		*l;
	char			 err[256];
	uint64_t		 t0;
	int			 mid;

	(void)state;
	memset(&c, 0, sizeof(c));
	/* Port 1 on loopback: nothing listens there (refused at once). */
	snprintf(c.url, sizeof(c.url), "mqtt://127.0.0.1:1");
	snprintf(c.log_prefix, sizeof(c.log_prefix), "test-mqttlink");
	l = mqttlink_open(&c, err, sizeof(err));
	assert_non_null(l);
	assert_true(mqttlink_fd(l) >= 0);
	assert_null(mqttlink_next(l));
	t0 = clock_mono_ms();
	do {
		mqttlink_stats(l, &st);
		if (st.last_error[0] != '\0')
			break;
		usleep(10000);	/* polled with a deadline: not a sync sleep */
	} while (clock_mono_ms() - t0 < 5000);
	assert_int_equal(st.connected, 0);
	assert_non_null(strstr(st.last_error, "cannot connect"));
	assert_int_equal(mqttlink_publish(l, "foh/x", "{}", 2, 1, &mid, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "not connected to the broker"));
	assert_int_equal(mqttlink_publish(l, "foh/+", "{}", 2, 1, &mid, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "not a topic to publish on"));
	t0 = clock_mono_ms();
	mqttlink_close(l);
	assert_true(clock_mono_ms() - t0 < 1000);	/* not the backoff */
	/* A bad URL: no link, and why. */
	snprintf(c.url, sizeof(c.url), "mqtt://h:0");
	assert_null(mqttlink_open(&c, err, sizeof(err)));
	assert_non_null(strstr(err, "bad port"));
}

/* Wait up to ms for the link's last error to hold words; 1 if it did. */
static int
wait_error(struct mqttlink *l, const char *words, uint64_t ms,
    struct mqttlink_stats *st)
{
	uint64_t	t0 = clock_mono_ms();

	do {
		mqttlink_stats(l, st);
		if (strstr(st->last_error, words) != NULL)
			return (1);
		usleep(20000);	/* polled with a deadline: not a sync sleep */
	} while (clock_mono_ms() - t0 < ms);
	return (0);
}

/*
 * A listener that never accepts: the kernel completes the TCP handshake,
 * and no CONNACK ever comes. The link gives up after its CONNACK timeout
 * (10 s) with "no answer to CONNECT", is not counted connected, and a link
 * waiting on such a broker closes at once.
 */
static void
test_mqttlink_silent_broker(void **state)
{
	struct mqttlink_conf	 c;
	struct mqttlink_stats	 st;
	struct mqttlink		*l;
	struct sockaddr_in	 sin;
	socklen_t		 sl = sizeof(sin);
	char			 err[256];
	uint64_t		 t0;
	int			 s;

	(void)state;
	assert_true((s = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&sin, sizeof(sin)), 0);
	assert_int_equal(listen(s, 8), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&sin, &sl), 0);
	memset(&c, 0, sizeof(c));
	snprintf(c.url, sizeof(c.url), "mqtt://127.0.0.1:%d",
	    ntohs(sin.sin_port));
	snprintf(c.log_prefix, sizeof(c.log_prefix), "test-mqttlink");
	/* Closed while it waits for the CONNACK: at once. */
	assert_non_null(l = mqttlink_open(&c, err, sizeof(err)));
	assert_false(wait_error(l, "CONNECT", 300, &st));
	t0 = clock_mono_ms();
	mqttlink_close(l);
	assert_true(clock_mono_ms() - t0 < 1000);
	/* Left alone: given up on after the CONNACK timeout, said. */
	assert_non_null(l = mqttlink_open(&c, err, sizeof(err)));
	if (!wait_error(l, "cannot connect: no answer to CONNECT", 15000, &st))
		fail_msg("a silent broker: last error \"%s\"", st.last_error);
	assert_int_equal(st.connected, 0);
	assert_int_equal(st.connects, 0);
	t0 = clock_mono_ms();
	mqttlink_close(l);
	assert_true(clock_mono_ms() - t0 < 1000);	/* not the backoff */
	close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mqttlink_parse_good),
		cmocka_unit_test(test_mqttlink_parse_bad),
		cmocka_unit_test(test_mqttlink_topics),
		cmocka_unit_test(test_mqttlink_no_broker),
		cmocka_unit_test(test_mqttlink_silent_broker),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
