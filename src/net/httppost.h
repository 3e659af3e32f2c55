/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * httppost.h: one HTTP/1.1 POST of a JSON body to an http:// URL, with a
 * deadline, for fohd's webhook deliveries (issue 16; src/agent/deliver.c
 * calls it on its own thread). Plain sockets: a non-blocking connect and
 * poll(2) for every wait, so the whole attempt (connect, request, status
 * line) ends by the deadline, or at once when abort_fd becomes readable.
 * The name is resolved with getaddrinfo before that (not bounded: use an
 * address, or a name the host resolves locally). No https://.
 */
#ifndef FOH_HTTPPOST_H
#define FOH_HTTPPOST_H

#include <stddef.h>
#include <stdint.h>

/*
 * Split http://HOST[:PORT][/PATH] (HOST may be [IPv6]); port "80" and path
 * "/" by default. 0, or -1 with err.
 */
int	httppost_url(const char *url, char *host, size_t hostlen, char *port,
	    size_t portlen, char *path, size_t pathlen, char *err,
	    size_t errlen);

/*
 * Read a response's status line from the first len bytes of buf: 1 with
 * *code (100-999) and its reason phrase (may be ""), 0 if the line is not
 * complete yet, -1 if it is not "HTTP/1.x NNN ...".
 */
int	httppost_status(const char *buf, size_t len, int *code, char *reason,
	    size_t reasonlen);

/*
 * POST body (Content-Type: application/json) to url within timeout_ms:
 * 0 with *code the response's final status (whatever it is; interim 1xx
 * answers are skipped) and reason its
 * phrase, or -1 with err ("connection refused", "timed out after 5s
 * connecting", "aborted", ...). abort_fd: -1, or a descriptor whose
 * readability ends the attempt. *wrote is set to 1 once the whole request
 * was written (0 before), whatever comes after; written(warg), if not
 * NULL, is called then, before the answer is awaited.
 */
int	httppost_send(const char *url, const char *body, size_t len,
	    uint32_t timeout_ms, int abort_fd, int *wrote,
	    void (*written)(void *), void *warg, int *code,
	    char *reason, size_t reasonlen, char *err, size_t errlen);

#endif
