/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal-lock.c: a journal has one writer. Two fohd on one file (a venue's
 * and a drill started beside it) would each take the largest alert id once
 * at start and overwrite each other's alerts; so journal_open takes an
 * exclusive lock on PATH.lock, a file of its own beside the journal, and
 * refuses the journal while another process holds it, naming that process's
 * pid (written into the file by the holder). flock(2) on a file of its own
 * does not meet SQLite's POSIX locks on the database, which a lock on the
 * database itself would (closing any descriptor of it drops them all).
 * The kernel drops the lock when the holder dies, even by kill -9; the
 * descriptor is close-on-exec, so a hook fohd started does not keep it.
 * Readers (fohd history, report, record) take no lock.
 */
#include "config.h"

#include <sys/file.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "journal-priv.h"
#include "lib/text.h"

/* The pid written in the lock file fd, or 0 if it has none. */
static long
journal_lock_holder(int fd)
{
	char	buf[32];
	ssize_t	n;
	char	*end;
	long	pid;

	if ((n = pread(fd, buf, sizeof(buf) - 1, 0)) <= 0)
		return (0);
	buf[n] = '\0';
	pid = strtol(buf, &end, 10);
	return (end != buf && pid > 0 ? pid : 0);
}

/* The lock file of the journal at journal, PATH.lock, into buf. 0, or -1. */
static int
journal_lock_name(char *buf, size_t len, const char *journal, char *err,
    size_t errlen)
{
	if (snprintf(buf, len, "%s.lock", journal) < (int)len)
		return (0);
	text_error(err, errlen, "%s: path too long", journal);
	return (-1);
}

/*
 * Is the writer's lock of the journal at journal free (no fohd writes it;
 * a reader's question, journal-read.c)? 1; or 0 and why in err, also when
 * the lock file cannot be read. A lock file that is not there is free.
 */
int
journal_lock_free(const char *journal, char *err, size_t errlen)
{
	char	path[4096];
	int	fd, free_;

	if (journal_lock_name(path, sizeof(path), journal, err, errlen) != 0)
		return (0);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return (1);
		text_error(err, errlen, "cannot read %s to see whether fohd "
		    "writes it: %s", path, strerror(errno));
		return (0);
	}
	free_ = flock(fd, LOCK_SH | LOCK_NB) == 0;
	close(fd);
	if (!free_)
		text_error(err, errlen, "fohd is writing it, and this user "
		    "cannot read %s-shm", journal);
	return (free_);
}

/* Take the journal's writer lock (j->lockfd). 0, or -1 and err. */
int
journal_lock(struct journal *j, char *err, size_t errlen)
{
	char	path[4096], pid[32];
	long	holder;
	int	fd, n;

	if (journal_lock_name(path, sizeof(path), j->path, err, errlen) != 0)
		return (-1);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) == -1) {
		text_error(err, errlen, "%s: cannot open the journal's lock: "
		    "%s", path, strerror(errno));
		return (-1);
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno == EWOULDBLOCK) {
			if ((holder = journal_lock_holder(fd)) > 0)
				snprintf(pid, sizeof(pid), " (pid %ld)",
				    holder);
			else
				pid[0] = '\0';
			text_error(err, errlen, "journal %s is in use by "
			    "another fohd%s: a journal has one writer; give a "
			    "drill beside the venue's fohd its own [journal] "
			    "path", j->path, pid);
		} else
			text_error(err, errlen, "%s: cannot lock: %s", path,
			    strerror(errno));
		close(fd);
		return (-1);
	}
	n = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) == -1 || pwrite(fd, pid, (size_t)n, 0) != n)
		fprintf(stderr, "fohd: warning: %s: cannot write the pid: "
		    "%s\n", path, strerror(errno));
	j->lockfd = fd;
	return (0);
}

/*
 * Drop the writer lock, if held. The file stays (removing it would race
 * with the next writer's open), its pid too: read only while locked.
 */
void
journal_unlock(struct journal *j)
{
	if (j->lockfd < 0)
		return;
	close(j->lockfd);
	j->lockfd = -1;
}
