/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * nats-tool.c: a small NATS client for the tests (libnats), to look at
 * what fohd and consoles put on a server and to talk to them.
 *
 *	nats-tool sub SERVER SUBJECT N		print the next N messages
 *	nats-tool req SERVER SUBJECT FILE [OUT]	send FILE's bytes (- stdin)
 *		as a request; print the answer; OUT: its body's bytes too
 *	nats-tool pub SERVER SUBJECT FILE	publish FILE's bytes; exit 0 if
 *		the server did not refuse it (a flush, then its last error)
 *	nats-tool stream SERVER NAME		the stream's state and config
 *	nats-tool get SERVER STREAM SEQ		the message stored at SEQ
 *	nats-tool dump SERVER STREAM [FIRST [LAST]]	every stored message
 *		from FIRST (the stream's first) to LAST (its last), one line
 *		each; a sequence no longer stored is skipped
 *
 * sub prints {"ready":true} first, once the subscription is in place.
 *
 * SERVER is nats://[USER:PASS@]HOST:PORT or tls://HOST:PORT (TLS from
 * $NATS_CA, and $NATS_CERT with $NATS_KEY for a client certificate).
 * $NATS_DOMAIN: the JetStream domain for stream, get and dump.
 * $NATS_TOOL_TIMEOUT_MS: how long sub, req and the JetStream calls wait
 * (default 5000).
 *
 * A message is printed as one JSON line:
 *	{"subject":"foh.arena.zone","seq":12,"headers":{"Foh-Seq":"7",...},
 *	 "body":{...}}
 * with "seq" (the stream sequence) for get and dump only, "body" the
 * msgpack payload as JSON when it decodes whole (binary strings as
 * {"bin":"HEX"}), else {"hex":"..."}; headers with several values
 * keep the first. stream prints {"name","first","last","messages","bytes",
 * "subjects":[...],"max_age_s","max_bytes","storage","retention",
 * "discard"}.
 * Exit 0 on success, 1 with a sentence on stderr, 2 on usage.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <msgpack.h>
#include <nats/nats.h>

#include "net/natsconn.h"

static int64_t	tool_timeout = 5000;

/* Say why and exit 1. */
static void
tool_die(const char *what, natsStatus s)
{
	const char	*last = nats_GetLastError(NULL);

	fprintf(stderr, "nats-tool: %s: %s\n", what, last != NULL &&
	    *last != '\0' ? last : natsStatus_GetText(s));
	exit(1);
}

/* A JSON string. */
static void
tool_str(const char *s, size_t n)
{
	size_t	i;

	putchar('"');
	for (i = 0; i < n; i++) {
		unsigned char	c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* Hex of n bytes. */
static void
tool_hex(const void *p, size_t n)
{
	const unsigned char	*b = p;
	size_t			 i;

	for (i = 0; i < n; i++)
		printf("%02x", b[i]);
}

/* A msgpack object as JSON. */
static void
tool_obj(const msgpack_object *o)
{
	uint32_t	i;

	switch (o->type) {
	case MSGPACK_OBJECT_NIL:
		printf("null");
		break;
	case MSGPACK_OBJECT_BOOLEAN:
		printf(o->via.boolean ? "true" : "false");
		break;
	case MSGPACK_OBJECT_POSITIVE_INTEGER:
		printf("%llu", (unsigned long long)o->via.u64);
		break;
	case MSGPACK_OBJECT_NEGATIVE_INTEGER:
		printf("%lld", (long long)o->via.i64);
		break;
	case MSGPACK_OBJECT_FLOAT32:
	case MSGPACK_OBJECT_FLOAT64:
		printf("%.17g", o->via.f64);
		break;
	case MSGPACK_OBJECT_STR:
		tool_str(o->via.str.ptr, o->via.str.size);
		break;
	case MSGPACK_OBJECT_BIN:
		printf("{\"bin\":\"");
		tool_hex(o->via.bin.ptr, o->via.bin.size);
		printf("\"}");
		break;
	case MSGPACK_OBJECT_ARRAY:
		putchar('[');
		for (i = 0; i < o->via.array.size; i++) {
			if (i > 0)
				putchar(',');
			tool_obj(&o->via.array.ptr[i]);
		}
		putchar(']');
		break;
	case MSGPACK_OBJECT_MAP:
		putchar('{');
		for (i = 0; i < o->via.map.size; i++) {
			const msgpack_object	*k = &o->via.map.ptr[i].key;

			if (i > 0)
				putchar(',');
			if (k->type == MSGPACK_OBJECT_STR)
				tool_str(k->via.str.ptr, k->via.str.size);
			else {
				printf("\"");
				if (k->type == MSGPACK_OBJECT_POSITIVE_INTEGER)
					printf("%llu", (unsigned long long)
					    k->via.u64);
				printf("\"");
			}
			putchar(':');
			tool_obj(&o->via.map.ptr[i].val);
		}
		putchar('}');
		break;
	default:
		printf("null");
		break;
	}
}

/* A message's body: msgpack as JSON if it decodes whole, else hex. */
static void
tool_body(const char *data, size_t len)
{
	msgpack_unpacked	u;
	size_t			off = 0;

	msgpack_unpacked_init(&u);
	if (len > 0 && msgpack_unpack_next(&u, data, len, &off) ==
	    MSGPACK_UNPACK_SUCCESS && off == len)
		tool_obj(&u.data);
	else {
		printf("{\"hex\":\"");
		tool_hex(data, len);
		printf("\"}");
	}
	msgpack_unpacked_destroy(&u);
}

/* One message as a JSON line; seq 0: not printed. */
static void
tool_msg(natsMsg *m, uint64_t seq)
{
	const char	**keys = NULL, *v;
	int		 n = 0, i;

	printf("{\"subject\":");
	tool_str(natsMsg_GetSubject(m), strlen(natsMsg_GetSubject(m)));
	if (seq != 0)
		printf(",\"seq\":%llu", (unsigned long long)seq);
	printf(",\"headers\":{");
	if (natsMsgHeader_Keys(m, &keys, &n) == NATS_OK) {
		for (i = 0; i < n; i++) {
			v = NULL;
			(void)natsMsgHeader_Get(m, keys[i], &v);
			if (i > 0)
				putchar(',');
			tool_str(keys[i], strlen(keys[i]));
			putchar(':');
			tool_str(v != NULL ? v : "", v != NULL ? strlen(v) : 0);
		}
		free((void *)keys);
	}
	printf("},\"body\":");
	tool_body(natsMsg_GetData(m), (size_t)natsMsg_GetDataLength(m));
	printf("}\n");
	fflush(stdout);
}

/* Connect to server (TLS from the environment). */
static natsConnection *
tool_connect(const char *server)
{
	struct natsconn_url	 u;
	struct transport_tls	 tls;
	natsOptions		*o = NULL;
	natsConnection		*nc = NULL;
	natsStatus		 s;
	char			 err[512];

	if (natsconn_parse(server, &u, err, sizeof(err)) != 0) {
		fprintf(stderr, "nats-tool: %s\n", err);
		exit(2);
	}
	memset(&tls, 0, sizeof(tls));
	tls.ca = getenv("NATS_CA");
	tls.cert = getenv("NATS_CERT");
	tls.key = getenv("NATS_KEY");
	if (natsconn_options(&o, &u, &tls, "nats-tool", err,
	    sizeof(err)) != 0) {
		fprintf(stderr, "nats-tool: %s\n", err);
		exit(1);
	}
	/* One try, not forever: a test wants to know. */
	(void)natsOptions_SetRetryOnFailedConnect(o, false, NULL, NULL);
	(void)natsOptions_SetMaxReconnect(o, 0);
	(void)natsOptions_SetTimeout(o, tool_timeout);
	if ((s = natsConnection_Connect(&nc, o)) != NATS_OK)
		tool_die(server, s);
	natsOptions_Destroy(o);
	return (nc);
}

/* A JetStream context (domain from $NATS_DOMAIN). */
static jsCtx *
tool_js(natsConnection *nc)
{
	jsOptions	 jo;
	jsCtx		*js = NULL;
	natsStatus	 s;
	const char	*d = getenv("NATS_DOMAIN");

	jsOptions_Init(&jo);
	jo.Wait = tool_timeout;
	if (d != NULL && *d != '\0')
		jo.Domain = d;
	if ((s = natsConnection_JetStream(&js, nc, &jo)) != NATS_OK)
		tool_die("JetStream", s);
	return (js);
}

/* A whole file (- stdin) into a malloc'd buffer. */
static char *
tool_read(const char *path, size_t *len)
{
	FILE	*f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char	*buf = NULL, *n;
	size_t	 cap = 0, got;

	*len = 0;
	if (f == NULL) {
		fprintf(stderr, "nats-tool: %s: cannot open\n", path);
		exit(1);
	}
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 65536;
			if ((n = realloc(buf, cap)) == NULL) {
				fprintf(stderr, "nats-tool: out of memory\n");
				exit(1);
			}
			buf = n;
		}
		if ((got = fread(buf + *len, 1, cap - *len, f)) == 0)
			break;
		*len += got;
	}
	if (f != stdin)
		fclose(f);
	return (buf);
}

/* A whole number argument. */
static uint64_t
tool_num(const char *s)
{
	char			*e;
	unsigned long long	 v = strtoull(s, &e, 10);

	if (*s == '\0' || *e != '\0') {
		fprintf(stderr, "nats-tool: \"%s\" is not a number\n", s);
		exit(2);
	}
	return (v);
}

/* sub SERVER SUBJECT N */
static int
tool_sub(natsConnection *nc, const char *subject, uint64_t n)
{
	natsSubscription	*sub = NULL;
	natsMsg			*m = NULL;
	natsStatus		 s;
	uint64_t		 i;

	if ((s = natsConnection_SubscribeSync(&sub, nc, subject)) != NATS_OK ||
	    (s = natsConnection_Flush(nc)) != NATS_OK)
		tool_die(subject, s);
	printf("{\"ready\":true}\n");	/* subscribed: the test may go on */
	fflush(stdout);
	for (i = 0; i < n; i++) {
		if ((s = natsSubscription_NextMsg(&m, sub, tool_timeout)) !=
		    NATS_OK) {
			fprintf(stderr, "nats-tool: %s: %llu of %llu messages: "
			    "%s\n", subject, (unsigned long long)i,
			    (unsigned long long)n, natsStatus_GetText(s));
			return (1);
		}
		tool_msg(m, 0);
		natsMsg_Destroy(m);
	}
	natsSubscription_Destroy(sub);
	return (0);
}

/* req SERVER SUBJECT FILE [OUT] */
static int
tool_req(natsConnection *nc, const char *subject, const char *file,
    const char *out)
{
	natsMsg		*m = NULL;
	natsStatus	 s;
	size_t		 len;
	char		*buf = tool_read(file, &len);
	FILE		*f;

	if ((s = natsConnection_Request(&m, nc, subject, buf, (int)len,
	    tool_timeout)) != NATS_OK)
		tool_die(subject, s);
	free(buf);
	tool_msg(m, 0);
	if (out != NULL) {
		if ((f = fopen(out, "wb")) == NULL || fwrite(natsMsg_GetData(m),
		    1, (size_t)natsMsg_GetDataLength(m), f) !=
		    (size_t)natsMsg_GetDataLength(m) || fclose(f) != 0) {
			fprintf(stderr, "nats-tool: %s: cannot write\n", out);
			return (1);
		}
	}
	natsMsg_Destroy(m);
	return (0);
}

/* pub SERVER SUBJECT FILE */
static int
tool_pub(natsConnection *nc, const char *subject, const char *file)
{
	natsStatus	 s;
	size_t		 len;
	char		*buf = tool_read(file, &len);
	const char	*last = NULL;

	if ((s = natsConnection_Publish(nc, subject, buf, (int)len)) !=
	    NATS_OK || (s = natsConnection_FlushTimeout(nc,
	    tool_timeout)) != NATS_OK)
		tool_die(subject, s);
	free(buf);
	if (natsConnection_GetLastError(nc, &last) != NATS_OK && last != NULL) {
		fprintf(stderr, "nats-tool: %s: %s\n", subject, last);
		return (1);
	}
	return (0);
}

/* stream SERVER NAME */
static int
tool_stream(jsCtx *js, const char *name)
{
	jsStreamInfo	*si = NULL;
	jsErrCode	 jerr = 0;
	natsStatus	 s;
	int		 i;

	if ((s = js_GetStreamInfo(&si, js, name, NULL, &jerr)) != NATS_OK)
		tool_die(name, s);
	printf("{\"name\":");
	tool_str(name, strlen(name));
	printf(",\"first\":%llu,\"last\":%llu,\"messages\":%llu,"
	    "\"bytes\":%llu,\"subjects\":[",
	    (unsigned long long)si->State.FirstSeq,
	    (unsigned long long)si->State.LastSeq,
	    (unsigned long long)si->State.Msgs,
	    (unsigned long long)si->State.Bytes);
	for (i = 0; i < si->Config->SubjectsLen; i++) {
		if (i > 0)
			putchar(',');
		tool_str(si->Config->Subjects[i],
		    strlen(si->Config->Subjects[i]));
	}
	printf("],\"max_age_s\":%lld,\"max_bytes\":%lld,\"storage\":\"%s\","
	    "\"retention\":\"%s\",\"discard\":\"%s\"}\n",
	    (long long)(si->Config->MaxAge / 1000000000),
	    (long long)si->Config->MaxBytes,
	    si->Config->Storage == js_FileStorage ? "file" : "memory",
	    si->Config->Retention == js_LimitsPolicy ? "limits" : "other",
	    si->Config->Discard == js_DiscardOld ? "old" : "new");
	jsStreamInfo_Destroy(si);
	return (0);
}

/* get SERVER STREAM SEQ; quiet: a missing message is not an error. */
static int
tool_get(jsCtx *js, const char *stream, uint64_t seq, int quiet)
{
	natsMsg		*m = NULL;
	jsErrCode	 jerr = 0;
	natsStatus	 s;
	char		 what[128];

	if ((s = js_GetMsg(&m, js, stream, seq, NULL, &jerr)) != NATS_OK) {
		if (quiet && jerr == JSNoMessageFoundErr)
			return (0);
		snprintf(what, sizeof(what), "%s seq %llu", stream,
		    (unsigned long long)seq);
		tool_die(what, s);
	}
	tool_msg(m, seq);
	natsMsg_Destroy(m);
	return (0);
}

/* dump SERVER STREAM [FIRST [LAST]] */
static int
tool_dump(jsCtx *js, const char *stream, const char *first,
    const char *last)
{
	jsStreamInfo	*si = NULL;
	jsErrCode	 jerr = 0;
	natsStatus	 s;
	uint64_t	 a, b, i;

	if ((s = js_GetStreamInfo(&si, js, stream, NULL, &jerr)) != NATS_OK)
		tool_die(stream, s);
	a = first != NULL ? tool_num(first) : si->State.FirstSeq;
	b = last != NULL ? tool_num(last) : si->State.LastSeq;
	if (si->State.Msgs == 0)
		b = 0;
	jsStreamInfo_Destroy(si);
	for (i = a; i != 0 && i <= b; i++)
		tool_get(js, stream, i, 1);
	return (0);
}

/* Usage, exit 2. */
static void
tool_usage(void)
{
	fprintf(stderr, "usage: nats-tool sub SERVER SUBJECT N\n"
	    "       nats-tool req SERVER SUBJECT FILE [OUT]\n"
	    "       nats-tool pub SERVER SUBJECT FILE\n"
	    "       nats-tool stream SERVER NAME\n"
	    "       nats-tool get SERVER STREAM SEQ\n"
	    "       nats-tool dump SERVER STREAM [FIRST [LAST]]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	natsConnection	*nc;
	jsCtx		*js = NULL;
	const char	*t = getenv("NATS_TOOL_TIMEOUT_MS"), *cmd;
	int		 rv = 2;

	if (argc < 4)
		tool_usage();
	if (t != NULL && *t != '\0')
		tool_timeout = (int64_t)tool_num(t);
	cmd = argv[1];
	nc = tool_connect(argv[2]);
	if (strcmp(cmd, "sub") == 0 && argc == 5)
		rv = tool_sub(nc, argv[3], tool_num(argv[4]));
	else if (strcmp(cmd, "req") == 0 && (argc == 5 || argc == 6))
		rv = tool_req(nc, argv[3], argv[4], argc == 6 ? argv[5] :
		    NULL);
	else if (strcmp(cmd, "pub") == 0 && argc == 5)
		rv = tool_pub(nc, argv[3], argv[4]);
	else if (strcmp(cmd, "stream") == 0 && argc == 4)
		rv = tool_stream((js = tool_js(nc)), argv[3]);
	else if (strcmp(cmd, "get") == 0 && argc == 5)
		rv = tool_get((js = tool_js(nc)), argv[3],
		    tool_num(argv[4]), 0);
	else if (strcmp(cmd, "dump") == 0 && argc >= 4 && argc <= 6)
		rv = tool_dump((js = tool_js(nc)), argv[3], argc > 4 ?
		    argv[4] : NULL, argc > 5 ? argv[5] : NULL);
	else
		tool_usage();
	if (js != NULL)
		jsCtx_Destroy(js);
	natsConnection_Destroy(nc);
	nats_CloseAndWait(2000);	/* the library's threads and memory */
	return (rv);
}
