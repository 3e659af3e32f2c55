/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * httppost.c: an HTTP/1.1 POST with a deadline (httppost.h). One
 * connection per request ("Connection: close"); only the final status
 * line of the answer is read (interim 1xx answers before it are skipped):
 * whatever the receiver says after it, a 2xx is its acceptance. Each
 * wait is a poll(2) on the socket and the abort descriptor, for what is
 * left until the deadline.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "httppost.h"
#include "lib/clock.h"
#include "lib/text.h"
#include "lib/url.h"

#define HTTPPOST_HEAD_MAX	1024	/* status line and more, read */

/* Split an http:// URL into host, port and path. */
int
httppost_url(const char *url, char *host, size_t hostlen, char *port,
    size_t portlen, char *path, size_t pathlen, char *err, size_t errlen)
{
	static const char *const schemes[] = { "http", NULL };
	struct url	u;
	char		safe[2 * URL_PART_MAX];

	if (url_split(url, schemes, &u, err, errlen) != 0)
		return (-1);
	if (u.user[0] != '\0') {
		snprintf(err, errlen, "%s: a user@ (fohd sends no "
		    "credentials in a URL)", text_url_safe(safe, sizeof(safe),
		    url));
		return (-1);
	}
	/* The fragment is the client's, never sent (RFC 9110 4.2.4). */
	if (strlen(u.host) >= hostlen || snprintf(path, pathlen, "%s%.*s",
	    u.path[0] == '/' ? "" : "/", (int)strcspn(u.path, "#"),
	    u.path) >= (int)pathlen) {
		snprintf(err, errlen, "%s: too long", url);
		return (-1);
	}
	text_copy(host, hostlen, u.host);
	snprintf(port, portlen, "%d", u.port != 0 ? u.port : 80);
	return (0);
}

/* Read the status line of a response. */
int
httppost_status(const char *buf, size_t len, int *code, char *reason,
    size_t reasonlen)
{
	const char	*eol;
	size_t		 n;

	if ((eol = memchr(buf, '\n', len)) == NULL)
		return (len > HTTPPOST_HEAD_MAX ? -1 : 0);
	n = (size_t)(eol - buf);
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	if (n < 12 || strncmp(buf, "HTTP/1.", 7) != 0 ||
	    (buf[7] != '0' && buf[7] != '1') || buf[8] != ' ' ||
	    strspn(buf + 9, "0123456789") < 3 || buf[9] == '0' ||
	    (n > 12 && buf[12] != ' '))
		return (-1);
	*code = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
	n = n > 13 ? n - 13 : 0;
	if (n >= reasonlen)
		n = reasonlen - 1;
	memcpy(reason, buf + 13, n);
	reason[n] = '\0';
	return (1);
}

/*
 * Wait for events on fd until the deadline (monotonic ms) or abort_fd:
 * 1 ready, 0 timed out, -1 aborted or failed.
 */
static int
httppost_wait(int fd, short events, uint64_t deadline, int abort_fd)
{
	struct pollfd	pfd[2];
	uint64_t	now;
	int		rv;

	for (;;) {
		if ((now = clock_mono_ms()) >= deadline)
			return (0);
		pfd[0].fd = fd;
		pfd[0].events = events;
		pfd[1].fd = abort_fd;
		pfd[1].events = POLLIN;
		rv = poll(pfd, abort_fd >= 0 ? 2 : 1, (int)(deadline - now));
		if (rv < 0 && errno == EINTR)
			continue;
		if (rv < 0 || (abort_fd >= 0 && (pfd[1].revents & POLLIN)))
			return (-1);
		if (rv > 0)
			return (1);
	}
}

/* Connect to one address within the deadline: the socket, or -1 and err. */
static int
httppost_connect(const struct addrinfo *ai, uint64_t deadline, int abort_fd,
    uint32_t timeout_ms, char *err, size_t errlen)
{
	socklen_t	 sl = sizeof(int);
	int		 fd, rv, soerr = 0;

	if ((fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC |
	    SOCK_NONBLOCK, ai->ai_protocol)) < 0) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return (-1);
	}
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return (fd);
	if (errno != EINPROGRESS) {
		snprintf(err, errlen, "%s", errno == ECONNREFUSED ?
		    "connection refused" : strerror(errno));
		close(fd);
		return (-1);
	}
	if ((rv = httppost_wait(fd, POLLOUT, deadline, abort_fd)) <= 0) {
		if (rv == 0)
			snprintf(err, errlen, "timed out after %ums "
			    "connecting", (unsigned)timeout_ms);
		else
			snprintf(err, errlen, "aborted");
		close(fd);
		return (-1);
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0 ||
	    soerr != 0) {
		snprintf(err, errlen, "%s", soerr == ECONNREFUSED ?
		    "connection refused" : strerror(soerr != 0 ? soerr :
		    errno));
		close(fd);
		return (-1);
	}
	return (fd);
}

/* Write all of buf within the deadline: 0, or -1 and err. */
static int
httppost_write(int fd, const char *buf, size_t len, uint64_t deadline,
    int abort_fd, uint32_t timeout_ms, char *err, size_t errlen)
{
	ssize_t	n;
	int	rv;

	while (len > 0) {
		if ((rv = httppost_wait(fd, POLLOUT, deadline, abort_fd)) <=
		    0) {
			if (rv == 0)
				snprintf(err, errlen, "timed out after %ums "
				    "sending", (unsigned)timeout_ms);
			else
				snprintf(err, errlen, "aborted");
			return (-1);
		}
		if ((n = send(fd, buf, len, MSG_NOSIGNAL)) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			snprintf(err, errlen, "sending: %s", strerror(errno));
			return (-1);
		}
		buf += n;
		len -= (size_t)n;
	}
	return (0);
}

/* Where the header block that starts buf ends (after its blank line), or 0. */
static size_t
httppost_head_end(const char *buf, size_t len)
{
	size_t	i;

	for (i = 1; i < len; i++) {
		if (buf[i] == '\n' && (buf[i - 1] == '\n' || (i >= 2 &&
		    buf[i - 1] == '\r' && buf[i - 2] == '\n')))
			return (i + 1);
	}
	return (0);
}

/*
 * Drop the interim (1xx) answers at the start of buf: 1 once a final
 * status line is read (*code), 0 for more bytes, -1 if not HTTP.
 */
static int
httppost_final(char *buf, size_t *have, int *skip, int *code, char *reason,
    size_t reasonlen)
{
	size_t	end;
	int	rv;

	for (;;) {
		if (*skip) {
			if ((end = httppost_head_end(buf, *have)) == 0) {
				if (*have > 2) {	/* keep a split end */
					memmove(buf, buf + *have - 2, 2);
					*have = 2;
				}
				return (0);
			}
			memmove(buf, buf + end, *have - end);
			*have -= end;
			*skip = 0;
		}
		rv = httppost_status(buf, *have, code, reason, reasonlen);
		if (rv != 1 || *code >= 200 || *code == 101)
			return (rv);
		*skip = 1;	/* 100 Continue, 102, 103 Early Hints... */
	}
}

/* Read up to the final status line within the deadline: 0, or -1 and err. */
static int
httppost_read(int fd, uint64_t deadline, int abort_fd, uint32_t timeout_ms,
    int *code, char *reason, size_t reasonlen, char *err, size_t errlen)
{
	char	buf[HTTPPOST_HEAD_MAX + 1];
	size_t	have = 0;
	ssize_t	n;
	int	rv, skip = 0;

	for (;;) {
		if ((rv = httppost_wait(fd, POLLIN, deadline, abort_fd)) <=
		    0) {
			if (rv == 0)
				snprintf(err, errlen, "timed out after %ums "
				    "waiting for the answer",
				    (unsigned)timeout_ms);
			else
				snprintf(err, errlen, "aborted");
			return (-1);
		}
		n = recv(fd, buf + have, sizeof(buf) - 1 - have, 0);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "%s", n == 0 ? "connection "
			    "closed before an answer" : strerror(errno));
			return (-1);
		}
		have += (size_t)n;
		if ((rv = httppost_final(buf, &have, &skip, code, reason,
		    reasonlen)) == 1)
			return (0);
		if (rv < 0 || (!skip && have == sizeof(buf) - 1)) {
			snprintf(err, errlen, "not an HTTP answer");
			return (-1);
		}
	}
}

/* POST body to url within timeout_ms. */
int
httppost_send(const char *url, const char *body, size_t len,
    uint32_t timeout_ms, int abort_fd, int *wrote, void (*written)(void *),
    void *warg, int *code, char *reason,
    size_t reasonlen, char *err, size_t errlen)
{
	struct addrinfo	 hints, *res, *ai;
	char		 host[256], port[8], path[1024], *head;
	uint64_t	 deadline;
	int		 fd = -1, rv, n;

	*wrote = 0;
	if (httppost_url(url, host, sizeof(host), port, sizeof(port), path,
	    sizeof(path), err, errlen) != 0)
		return (-1);
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((rv = getaddrinfo(host, port, &hints, &res)) != 0) {
		snprintf(err, errlen, "%s: %s", host, gai_strerror(rv));
		return (-1);
	}
	deadline = clock_mono_ms() + timeout_ms;
	for (ai = res; ai != NULL && fd < 0; ai = ai->ai_next)
		fd = httppost_connect(ai, deadline, abort_fd, timeout_ms, err,
		    errlen);
	freeaddrinfo(res);
	if (fd < 0)
		return (-1);
	n = asprintf(&head, "POST %s HTTP/1.1\r\nHost: %s%s%s%s%s\r\n"
	    "User-Agent: fohd/" PACKAGE_VERSION "\r\n"
	    "Content-Type: application/json\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n\r\n", path, strchr(host, ':') ? "[" : "",
	    host, strchr(host, ':') ? "]" : "", strcmp(port, "80") ? ":" : "",
	    strcmp(port, "80") ? port : "", len);
	if (n < 0) {
		snprintf(err, errlen, "out of memory");
		close(fd);
		return (-1);
	}
	rv = httppost_write(fd, head, (size_t)n, deadline, abort_fd,
	    timeout_ms, err, errlen);
	free(head);
	if (rv == 0)
		rv = httppost_write(fd, body, len, deadline, abort_fd,
		    timeout_ms, err, errlen);
	if (rv == 0) {
		*wrote = 1;
		if (written != NULL)
			written(warg);
		rv = httppost_read(fd, deadline, abort_fd, timeout_ms, code,
		    reason, reasonlen, err, errlen);
	}
	close(fd);
	return (rv);
}
