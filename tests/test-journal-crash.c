/* SPDX-License-Identifier: ISC */
/* Copyright (c) 2026 the foh authors. See LICENSE. */
/*
 * test-journal-crash.c: a child process records lines and reports each one
 * on a pipe only after journal_record returned 0; the parent kills it with
 * SIGKILL at a random moment, reopens the file and checks that every
 * reported line is there.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>
#include <sqlite3.h>

#include "journal-fixture.h"

#define CRASH_RUNS	20
#define CRASH_LINES	400

/* Child of the crash test: record lines, report each one done on fd. */
static void __attribute__((noreturn))
crash_child(const char *path, int fd, uint64_t base)
{
	struct journal		*j;
	struct fohp_alert	 a;
	struct journal_audit	 au;
	char			 err[512];
	uint32_t		 i;

	if ((j = journal_open(path, VENUE, err, sizeof err)) == NULL)
		_exit(2);
	for (i = 1; i <= CRASH_LINES; i++) {
		make_alert(&a, base + i, FOHP_AS_FIRING, "crash test");
		make_audit(&au, T0 + base + i, base + i, "fire", "crash");
		au.request = base + i;
		if (journal_record(j, &a, &au, err, sizeof err) != 0)
			_exit(3);
		if (write(fd, &i, sizeof i) != sizeof i)
			_exit(4);
	}
	journal_close(j);
	_exit(0);
}

/* Kill a recording child at random moments: no answered line is lost. */
static void
test_journal_crash(void **state)
{
	struct tj	*t = *state;
	struct journal	*j;
	struct pollfd	 pfd;
	struct timespec	 now, end;
	char		 sql[256];
	uint64_t	 base, last;
	uint32_t	 v, done;
	long long	 have, maxreq;
	unsigned	 seed, run, killed = 0, total_done = 0, total_have = 0;
	unsigned	 extra = 0;
	int		 fds[2], status, delay_us, left_ms;
	pid_t		 pid;

	seed = (unsigned)time(NULL) ^ (unsigned)getpid();
	srand(seed);
	j = tj_open(t);		/* create the file first */
	journal_close(j);
	for (run = 0; run < CRASH_RUNS; run++) {
		base = (uint64_t)(run + 1) * 100000;
		delay_us = rand() % 150000;
		assert_int_equal(pipe(fds), 0);
		if ((pid = fork()) == 0) {
			close(fds[0]);
			crash_child(t->path, fds[1], base);
		}
		assert_true(pid > 0);
		close(fds[1]);

		clock_gettime(CLOCK_MONOTONIC, &end);
		end.tv_nsec += (long)delay_us * 1000;
		end.tv_sec += end.tv_nsec / 1000000000;
		end.tv_nsec %= 1000000000;
		done = 0;
		pfd.fd = fds[0];
		pfd.events = POLLIN;
		for (;;) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			left_ms = (int)((end.tv_sec - now.tv_sec) * 1000 +
			    (end.tv_nsec - now.tv_nsec) / 1000000);
			if (left_ms < 0)
				break;
			if (poll(&pfd, 1, left_ms) <= 0)
				continue;
			if (read(fds[0], &v, sizeof v) != sizeof v)
				break;	/* the child finished */
			done = v;
		}
		kill(pid, SIGKILL);
		while (read(fds[0], &v, sizeof v) == sizeof v)
			done = v;
		close(fds[0]);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (WIFSIGNALED(status))
			killed++;
		else
			assert_int_equal(WEXITSTATUS(status), 0);

		/* Reopen (recovering the WAL) and look. */
		j = tj_open(t);
		last = journal_last_id(j);
		journal_close(j);
		if (done > 0 && last < base + done)
			fail_msg("run %u: last id %llu, %u lines answered", run,
			    (unsigned long long)last, done);
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM audit WHERE "
		    "request BETWEEN %llu AND %llu",
		    (unsigned long long)base + 1,
		    (unsigned long long)base + CRASH_LINES);
		have = sql_int(t->path, sql);
		snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(request), %llu) "
		    "FROM audit WHERE request BETWEEN %llu AND %llu",
		    (unsigned long long)base, (unsigned long long)base + 1,
		    (unsigned long long)base + CRASH_LINES);
		maxreq = sql_int(t->path, sql);
		/* Every answered line is there, in order, with no holes. */
		assert_true(have >= (long long)done);
		assert_int_equal(maxreq - (long long)base, have);
		/* At most one committed but not yet answered. */
		assert_true(have <= (long long)done + 1);
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM alerts WHERE "
		    "id BETWEEN %llu AND %llu", (unsigned long long)base + 1,
		    (unsigned long long)base + CRASH_LINES);
		assert_int_equal(sql_int(t->path, sql), have);
		total_done += done;
		total_have += (unsigned)have;
		extra += (unsigned)have - done;
	}
	print_message("crash: %u runs (seed %u), %u killed mid-run, %u lines "
	    "answered, %u found after reopen (%u committed but not yet "
	    "answered), 0 lost\n", CRASH_RUNS, seed, killed, total_done,
	    total_have, extra);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f)	cmocka_unit_test_setup_teardown(f, tj_setup, tj_teardown)
		T(test_journal_crash),
#undef T
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
