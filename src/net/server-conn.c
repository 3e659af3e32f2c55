/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * server-conn.c: one connection of fohd's libwebsockets server, from its
 * upgrade to its close: the bearer token, the WebSocket ingest (pieces
 * gathered, answers queued, reads throttled), /healthz and /metrics, and
 * server_callback, which lws calls for all of them (server.c says how the
 * whole is built).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libwebsockets.h>

#include "server-priv.h"

/* Marks a wsi we accepted (its opaque user data) and so counted. */
static char	server_conn_mark;

/* Compare a presented token with an accepted one, in constant time. */
static int
server_token_equal(const char *want, size_t wantlen, const char *got,
    size_t gotlen)
{
	unsigned char	diff;
	size_t		i;

	diff = wantlen != gotlen;
	for (i = 0; i < wantlen; i++)
		diff |= (unsigned char)want[i] ^
		    (unsigned char)(i < gotlen ? got[i] : 0);
	return (diff == 0);
}

/* Does this upgrade carry one of our bearer tokens (or need none)? */
static int
server_authorised(struct server *srv, struct lws *wsi)
{
	char		 hdr[SERVER_AUTH_MAX], *p;
	size_t		 len;
	unsigned	 i;
	int		 n, ok = 0;

	if (srv->loopback_only)
		return (1);
	n = lws_hdr_copy(wsi, hdr, sizeof(hdr), WSI_TOKEN_HTTP_AUTHORIZATION);
	if (n <= 7 || strncasecmp(hdr, "Bearer ", 7) != 0)
		return (0);
	p = hdr + 7;
	while (*p == ' ')
		p++;
	len = strlen(p);
	while (len > 0 && p[len - 1] == ' ')
		len--;
	if (len == 0)
		return (0);
	for (i = 0; i < srv->ntokens; i++)
		ok |= server_token_equal(srv->tokens[i], srv->toklens[i], p,
		    len);
	return (ok);
}

/*
 * Refuse an upgrade with an HTTP status. Written by hand: this early,
 * lws_return_http_status answers "HTTP/1.0" (the request's version is not
 * parsed yet), which WebSocket clients reject.
 */
static int
server_refuse(struct lws *wsi, unsigned code, const char *status,
    const char *extra, const char *text)
{
	unsigned char	buf[LWS_PRE + 512];
	int		n;

	n = snprintf((char *)buf + LWS_PRE, sizeof(buf) - LWS_PRE,
	    "HTTP/1.1 %u %s\r\n"
	    "content-type: text/plain\r\n"
	    "content-length: %zu\r\n"
	    "%s"
	    "\r\n"
	    "%s", code, status, strlen(text), extra, text);
	if (n < 0 || (size_t)n >= sizeof(buf) - LWS_PRE)
		return (-1);
	if (lws_write(wsi, buf + LWS_PRE, (size_t)n, LWS_WRITE_HTTP_HEADERS) !=
	    n)
		return (-1);
	return (1);	/* lws ends the transaction */
}

/*
 * The subprotocol lws would bind this upgrade to: the first name in the
 * client's Sec-WebSocket-Protocol list that is in server_protocols.
 * Returns its index; -1 if the client asked for no subprotocol; -2 if it
 * asked only for others (lws would hang up without an answer) or the
 * header is too long to read.
 */
static int
server_asked_protocol(struct lws *wsi, char *name, size_t namelen)
{
	char		 hdr[SERVER_URI_MAX], *tok, *save;
	size_t		 n;
	int		 i;

	name[0] = '\0';
	if (lws_hdr_total_length(wsi, WSI_TOKEN_PROTOCOL) <= 0)
		return (-1);
	if (lws_hdr_copy(wsi, hdr, sizeof(hdr), WSI_TOKEN_PROTOCOL) <= 0)
		return (-2);
	for (tok = strtok_r(hdr, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ' || *tok == '\t')
			tok++;
		n = strcspn(tok, " \t");
		tok[n] = '\0';
		for (i = 0; i < SERVER_PROTO_COUNT; i++) {
			if (strcmp(tok, server_protocols[i].name) == 0) {
				snprintf(name, namelen, "%s", tok);
				return (i);
			}
		}
	}
	return (-2);
}

/*
 * Decide on an upgrade: 404 off /ingest, 401 without a token, 400 for a
 * subprotocol of ours that is not the ingest.
 */
static int
server_confirm_upgrade(struct server *srv, struct lws *wsi, const char *up)
{
	char	uri[SERVER_URI_MAX], name[32], text[160];
	int	proto;

	if (up == NULL || strcasecmp(up, "websocket") != 0)
		return (-1);	/* h2c and the like: hang up */
	if (lws_hdr_copy(wsi, uri, sizeof(uri), WSI_TOKEN_GET_URI) <= 0 ||
	    strcmp(uri, "/ingest") != 0)
		return (server_refuse(wsi, HTTP_STATUS_NOT_FOUND, "Not Found",
		    "", "not found: WebSocket ingest is at /ingest\n"));
	if (srv->stats.open >= srv->max_ws) {
		srv->stats.ws_refused++;
		server_note_refusal(srv, "WebSocket connections at their cap");
		return (server_refuse(wsi, HTTP_STATUS_SERVICE_UNAVAILABLE,
		    "Service Unavailable", "retry-after: 10\r\n", "busy: too "
		    "many WebSocket connections, try again later\n"));
	}
	if (!server_authorised(srv, wsi)) {
		srv->stats.auth_refused++;
		return (server_refuse(wsi, HTTP_STATUS_UNAUTHORIZED,
		    "Unauthorized", "www-authenticate: Bearer\r\n",
		    "unauthorized: send Authorization: Bearer <token>\n"));
	}
	proto = server_asked_protocol(wsi, name, sizeof(name));
	if (proto != -1 && proto != SERVER_PROTO_INGEST) {
		srv->stats.proto_refused++;
		snprintf(text, sizeof(text), "bad request: %s%s%sthe only "
		    "WebSocket subprotocol here is foh-ingest (or none)\n",
		    name[0] != '\0' ? "subprotocol " : "", name,
		    name[0] != '\0' ? " is not a WebSocket; " : "");
		return (server_refuse(wsi, HTTP_STATUS_BAD_REQUEST,
		    "Bad Request", "", text));
	}
	return (0);
}

/* Free whatever a connection holds. */
static void
server_conn_free(struct server *srv, struct server_conn *c)
{
	while (c->count > 0) {
		srv->stats.queued--;
		free(c->ring[c->head].buf);
		c->ring[c->head].buf = NULL;
		c->head = (c->head + 1) % SERVER_RING;
		c->count--;
	}
	free(c->msg);
	c->msg = NULL;
	c->msglen = c->msgsize = 0;
	free(c->body);
	c->body = NULL;
}

/* Put an answer in the connection's ring; stop reading if it is full. */
static int
server_queue(struct server *srv, struct lws *wsi, struct server_conn *c,
    const char *text, size_t len)
{
	struct server_reply	*r;

	if (c->count == SERVER_RING) {
		/* Reads are stopped at full: lws should not get here. */
		fprintf(stderr, "fohd: server: answer ring overflow, "
		    "closing connection\n");
		return (-1);
	}
	r = &c->ring[(c->head + c->count) % SERVER_RING];
	if ((r->buf = malloc(LWS_PRE + len + 1)) == NULL) {
		fprintf(stderr, "fohd: server: out of memory, closing "
		    "connection\n");
		return (-1);
	}
	memcpy(r->buf + LWS_PRE, text, len);
	r->len = len;
	c->count++;
	srv->stats.queued++;
	if (c->count == SERVER_RING && !c->throttled) {
		lws_rx_flow_control(wsi, 0);
		c->throttled = 1;
	}
	lws_callback_on_writable(wsi);
	return (0);
}

/* Write the oldest waiting answer; resume reading once half drained. */
static int
server_write_reply(struct server *srv, struct lws *wsi, struct server_conn *c)
{
	struct server_reply	*r;
	int			 n;

	if (c->count == 0)
		return (0);
	r = &c->ring[c->head];
	n = lws_write(wsi, r->buf + LWS_PRE, r->len, LWS_WRITE_TEXT);
	free(r->buf);
	r->buf = NULL;
	c->head = (c->head + 1) % SERVER_RING;
	c->count--;
	srv->stats.queued--;
	if (n < 0 || (size_t)n < r->len)
		return (-1);
	if (c->throttled && c->count <= SERVER_RING / 2) {
		lws_rx_flow_control(wsi, 1);
		c->throttled = 0;
	}
	if (c->count > 0)
		lws_callback_on_writable(wsi);
	return (0);
}

/* Add a piece of a message; at its end, answer it. */
static int
server_receive(struct server *srv, struct lws *wsi, struct server_conn *c,
    const char *in, size_t len)
{
	size_t	 n, want;
	char	*p;

	if (!c->discard && len > srv->max_frame - c->msglen)
		c->discard = 1;
	if (!c->discard && len > 0) {
		if (c->msglen + len > c->msgsize) {
			want = c->msgsize != 0 ? c->msgsize : 4096;
			while (want < c->msglen + len)
				want *= 2;
			if (want > srv->max_frame)
				want = srv->max_frame;
			if ((p = realloc(c->msg, want)) == NULL) {
				fprintf(stderr, "fohd: server: out of memory, "
				    "closing connection\n");
				return (-1);
			}
			c->msg = p;
			c->msgsize = want;
		}
		memcpy(c->msg + c->msglen, in, len);
		c->msglen += len;
	}
	if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi))
		return (0);

	srv->stats.frames++;
	if (c->discard) {
		srv->stats.oversized++;
		n = (size_t)snprintf(srv->reply, sizeof(srv->reply),
		    "{\"accepted\":0,\"rejected\":1,\"errors\":[{\"index\":-1,"
		    "\"kind\":\"\",\"field\":\"\",\"code\":\"oversized\","
		    "\"reason\":"
		    "\"message of more than %zu bytes\"}]}", srv->max_frame);
	} else if (srv->hooks.ingest != NULL)
		n = srv->hooks.ingest(srv->hooks.arg, c->msg, c->msglen,
		    srv->reply, sizeof(srv->reply));
	else
		n = 0;
	if (n > sizeof(srv->reply))
		n = sizeof(srv->reply);
	c->msglen = 0;
	c->discard = 0;
	return (server_queue(srv, wsi, c, srv->reply, n));
}

/* Answer an HTTP request: headers now, the body when writeable. */
static int
server_http(struct server *srv, struct lws *wsi, struct server_conn *c,
    const char *uri)
{
	unsigned char	 hdr[LWS_PRE + 512], *p, *end;
	const char	*ctype = "text/plain", *text = NULL;
	char		*body;
	char		*muri;
	unsigned	 code = HTTP_STATUS_OK;
	int		 mlen, meth;
	size_t		 len = 0;

	srv->stats.http_requests++;
	free(c->body);
	if ((c->body = malloc(LWS_PRE + SERVER_HTTP_MAX)) == NULL)
		return (-1);
	body = (char *)c->body + LWS_PRE;

	meth = lws_http_get_uri_and_method(wsi, &muri, &mlen);
	c->close_after = meth != LWSHUMETH_GET;
	if (meth != LWSHUMETH_GET) {
		code = HTTP_STATUS_METHOD_NOT_ALLOWED;
		text = "method not allowed: only GET\n";
	} else if (strcmp(uri, "/healthz") == 0 && srv->hooks.healthz != NULL) {
		ctype = "application/json";
		len = srv->hooks.healthz(srv->hooks.arg, body, SERVER_HTTP_MAX);
	} else if (strcmp(uri, "/metrics") == 0 && srv->hooks.metrics != NULL) {
		ctype = "text/plain; version=0.0.4";
		len = srv->hooks.metrics(srv->hooks.arg, body, SERVER_HTTP_MAX);
	} else {
		code = HTTP_STATUS_NOT_FOUND;
		text = "not found: try /healthz, /metrics or /ingest\n";
	}
	if (text != NULL) {
		len = strlen(text);
		memcpy(body, text, len);
	}
	if (len > SERVER_HTTP_MAX)
		len = SERVER_HTTP_MAX;
	c->bodylen = len;

	p = hdr + LWS_PRE;
	end = hdr + sizeof(hdr) - 1;
	if (lws_add_http_common_headers(wsi, code, ctype, len, &p, end))
		return (-1);
	if (code == HTTP_STATUS_METHOD_NOT_ALLOWED &&
	    lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_ALLOW,
	    (const unsigned char *)"GET", 3, &p, end))
		return (-1);
	if (lws_finalize_write_http_header(wsi, hdr + LWS_PRE, &p, end))
		return (-1);
	lws_callback_on_writable(wsi);
	return (0);
}

/* Write an HTTP body and end the transaction. */
static int
server_http_body(struct lws *wsi, struct server_conn *c)
{
	int	n;

	if (c->body == NULL)
		return (0);
	n = lws_write(wsi, c->body + LWS_PRE, c->bodylen,
	    LWS_WRITE_HTTP_FINAL);
	free(c->body);
	c->body = NULL;
	if (n < 0 || (size_t)n < c->bodylen || c->close_after)
		return (-1);
	if (lws_http_transaction_completed(wsi))
		return (-1);
	return (0);
}

/* The one callback for every protocol of the vhost. */
int
server_callback(struct lws *wsi, enum lws_callback_reasons reason,
    void *user, void *in, size_t len)
{
	struct server		*srv;
	struct server_conn	*c = user;
	struct server_watch	*w;

	srv = lws_context_user(lws_get_context(wsi));
	/*
	 * Only the ingest protocol is a WebSocket; see server_protocols. By
	 * name: lws may bind a vhost's copy of the table.
	 */
	if (reason == LWS_CALLBACK_ESTABLISHED && (c == NULL ||
	    lws_get_protocol(wsi) == NULL ||
	    strcmp(lws_get_protocol(wsi)->name,
	    server_protocols[SERVER_PROTO_INGEST].name) != 0)) {
		srv->stats.proto_refused++;
		return (-1);
	}
	switch (reason) {
	case LWS_CALLBACK_FILTER_NETWORK_CONNECTION:
		/* user is lws's struct lws_filter_network_conn_args. */
		if (srv->stats.conns < srv->max_conns)
			return (0);
		srv->stats.conns_refused++;
		server_note_refusal(srv, "at max_conns");
		return (1);
	case LWS_CALLBACK_SERVER_NEW_CLIENT_INSTANTIATED:
		if (lws_get_opaque_user_data(wsi) == NULL) {
			lws_set_opaque_user_data(wsi, &server_conn_mark);
			srv->stats.conns++;
		}
		lws_set_timer_usecs(wsi, srv->first_us);
		return (0);
	case LWS_CALLBACK_WSI_DESTROY:
		if (lws_get_opaque_user_data(wsi) == &server_conn_mark) {
			lws_set_opaque_user_data(wsi, NULL);
			srv->stats.conns--;
		}
		return (0);
	case LWS_CALLBACK_TIMER:
		/* Nothing from the peer for idle_timeout: hang up. */
		srv->stats.idle_closed++;
		return (-1);
	case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
		return (server_confirm_upgrade(srv, wsi, in));
	case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
		if (!server_authorised(srv, wsi)) {
			srv->stats.auth_refused++;
			return (-1);
		}
		return (0);
	case LWS_CALLBACK_ESTABLISHED:
		lws_set_timer_usecs(wsi, srv->idle_us);
		memset(c, 0, sizeof(*c));
		c->established = 1;
		srv->stats.connections++;
		srv->stats.open++;
		return (0);
	case LWS_CALLBACK_RECEIVE:
		lws_set_timer_usecs(wsi, srv->idle_us);
		return (server_receive(srv, wsi, c, in, len));
	case LWS_CALLBACK_SERVER_WRITEABLE:
		return (server_write_reply(srv, wsi, c));
	case LWS_CALLBACK_CLOSED:
		if (c != NULL && c->established) {
			c->established = 0;
			srv->stats.open--;
		}
		if (c != NULL)
			server_conn_free(srv, c);
		return (0);
	case LWS_CALLBACK_HTTP:
		lws_set_timer_usecs(wsi, srv->idle_us);
		return (server_http(srv, wsi, c, in));
	case LWS_CALLBACK_HTTP_WRITEABLE:
		return (server_http_body(wsi, c));
	case LWS_CALLBACK_CLOSED_HTTP:
	case LWS_CALLBACK_HTTP_DROP_PROTOCOL:
		if (c != NULL) {
			free(c->body);
			c->body = NULL;
		}
		return (0);
	case LWS_CALLBACK_RAW_RX_FILE:
		w = lws_get_opaque_user_data(wsi);
		if (w != NULL)
			w->cb(w->arg);
		return (0);
	case LWS_CALLBACK_RAW_CLOSE_FILE:
		w = lws_get_opaque_user_data(wsi);
		if (w != NULL)
			w->wsi = NULL;
		return (0);
	default:
		return (0);
	}
}

/* The vhost's protocols (server-priv.h), all on server_callback. */
const struct lws_protocols server_protocols[] = {
	[SERVER_PROTO_HTTP] = {
		.name = "http",
		.callback = server_callback,
		.per_session_data_size = sizeof(struct server_conn)
	},
	[SERVER_PROTO_INGEST] = {
		.name = "foh-ingest",
		.callback = server_callback,
		.per_session_data_size = sizeof(struct server_conn)
	},
	[SERVER_PROTO_WATCH] = {
		.name = "foh-watch",
		.callback = server_callback,
		.per_session_data_size = sizeof(struct server_conn)
	},
	/* 4.1 has no LWS_PROTOCOL_LIST_TERM: an all-zero entry ends it. */
	{ .name = NULL, .callback = NULL }
};
