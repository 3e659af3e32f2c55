/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * journal-read.c: open a journal to read it (fohd history, report,
 * record), never creating or changing it, as whoever runs the command.
 *
 * A journal is in WAL mode, and SQLite reads a WAL database through its
 * PATH-shm index: a reader that finds none must create it beside the
 * journal. A safety officer who may read the journal but not write its
 * directory (a fohd user's /var/lib/fohd) could read it while fohd ran
 * (fohd's -shm is there) and not after fohd stopped (fohd removes it when
 * it closes cleanly): "attempt to write a readonly database". Then, when
 * no fohd holds the writer's lock (journal-lock.c) and no PATH-wal is left
 * (so the database file holds every committed row), the journal is opened
 * as immutable, which needs no -shm, and read the same.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "journal-priv.h"
#include "lib/text.h"

/*
 * The URI of the journal at path, read as immutable, into buf: "file:"
 * (with an empty authority for an absolute path), the path with '%', '?'
 * and '#' escaped, "?immutable=1". -1 if it does not fit.
 */
static int
journal_read_uri(char *buf, size_t len, const char *path)
{
	size_t	n;

	n = (size_t)snprintf(buf, len, "file:%s", path[0] == '/' ? "//" : "");
	for (; *path != '\0' && n + 4 < len; path++) {
		if (*path == '%' || *path == '?' || *path == '#')
			n += (size_t)snprintf(buf + n, len - n, "%%%02x",
			    (unsigned char)*path);
		else
			buf[n++] = *path;
	}
	if (*path != '\0' || n + sizeof("?immutable=1") > len)
		return (-1);
	memcpy(buf + n, "?immutable=1", sizeof("?immutable=1"));
	return (0);
}

/* Does a first read work? The SQLite code if not. */
static int
journal_read_probe(sqlite3 *db)
{
	return (sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL,
	    NULL, NULL));
}

/*
 * Is the journal at path left alone: no PATH-wal beside it and no fohd
 * holding its writer's lock (journal_lock_free)? 1 if so, else 0 and why
 * in err.
 */
static int
journal_read_idle(const char *path, char *err, size_t errlen)
{
	char		name[4096];
	struct stat	sb;

	snprintf(name, sizeof(name), "%s-wal", path);
	if (stat(name, &sb) == 0 || errno != ENOENT) {
		text_error(err, errlen, "%s is there and this user cannot "
		    "create %s-shm beside it", name, path);
		return (0);
	}
	return (journal_lock_free(path, err, errlen));
}

/*
 * Open the journal at path read-only into *dbp, waiting busy_ms for locks;
 * as immutable where it must be (above). 0, or -1 with err naming the
 * journal and why (*dbp is then NULL).
 */
int
journal_read_open(const char *path, sqlite3 **dbp, unsigned busy_ms,
    char *err, size_t errlen)
{
	sqlite3	*db = NULL;
	char	 uri[3 * 4096 + 32], why[256];
	int	 rc;

	*dbp = NULL;
	if (access(path, R_OK) != 0) {
		text_error(err, errlen, "%s: cannot read the journal: %s", path,
		    strerror(errno));
		return (-1);
	}
	if ((rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL)) ==
	    SQLITE_OK) {
		sqlite3_busy_timeout(db, (int)busy_ms);
		rc = journal_read_probe(db);
	}
	if (rc == SQLITE_OK) {
		*dbp = db;
		return (0);
	}
	if ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN) {
		text_error(err, errlen, "%s: cannot open the journal: %s",
		    path, db != NULL ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return (-1);
	}
	sqlite3_close(db);
	db = NULL;
	if (!journal_read_idle(path, why, sizeof(why))) {
		text_error(err, errlen, "%s: cannot read the journal: %s",
		    path, why);
		return (-1);
	}
	if (journal_read_uri(uri, sizeof(uri), path) != 0) {
		text_error(err, errlen, "%s: the path is too long", path);
		return (-1);
	}
	rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	    NULL);
	if (rc == SQLITE_OK)
		rc = journal_read_probe(db);
	if (rc != SQLITE_OK) {
		text_error(err, errlen, "%s: cannot open the journal: %s",
		    path, db != NULL ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return (-1);
	}
	*dbp = db;
	return (0);
}
