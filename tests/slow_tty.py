#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""slow_tty.py RATE CMD...: run CMD on a pty of this terminal's size and
pass what it writes on to this terminal at RATE bytes/s (a token bucket
holding a tenth of a second's bytes), as a slow link between a program and
its terminal would; what this terminal sends back (keys, the answers to
status reports) goes to CMD at once. SIGUSR1 lifts the limit. SIGUSR2
turns on (and again off) dropping the terminal's answers to status and
cursor reports (ESC [ 0 n, ESC [ r ; c R), as a link that loses them; the
count dropped is written to $SLOW_TTY_LOG if set. Exits with CMD's status
when CMD has exited and its output is passed on."""
import fcntl
import os
import pty
import re
import select
import signal
import sys
import termios
import time
import tty

rate = float(sys.argv[1])
drop = False
dropped = 0
ANSWER = re.compile(rb"\x1b\[(0n|[0-9]+;[0-9]+R)")


def lift(signum, frame):
    """SIGUSR1: no limit from now on."""
    global rate
    rate = 0


def toggle(signum, frame):
    """SIGUSR2: drop the terminal's answers, or stop dropping them."""
    global drop
    drop = not drop


def strip(data):
    """data without the terminal's answers while dropping, counted."""
    global dropped
    if not drop:
        return data
    data, n = ANSWER.subn(b"", data)
    if n:
        dropped += n
        log = os.environ.get("SLOW_TTY_LOG")
        if log:
            with open(log, "w") as f:
                f.write("%d\n" % dropped)
    return data


def main():
    """Relay until CMD has exited and its output is passed on."""
    size = fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8)
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, size)
        os.execvp(sys.argv[2], sys.argv[2:])
    signal.signal(signal.SIGUSR1, lift)
    signal.signal(signal.SIGUSR2, toggle)
    saved = termios.tcgetattr(0)
    tty.setraw(0)
    tokens, last = 0.0, time.monotonic()
    try:
        while True:
            want = 65536
            if rate:
                now = time.monotonic()
                tokens = min(rate / 10, tokens + (now - last) * rate)
                last = now
                want = int(tokens)
            fds = [0] + ([fd] if want >= 1 else [])
            try:
                r, _, _ = select.select(fds, [], [], 0.02)
            except InterruptedError:
                continue
            if 0 in r:
                data = strip(os.read(0, 4096))
                if data:
                    os.write(fd, data)
            if fd in r:
                try:
                    data = os.read(fd, want)
                except OSError:
                    break
                if not data:
                    break
                tokens -= len(data)
                while data:
                    data = data[os.write(1, data):]
    finally:
        termios.tcsetattr(0, termios.TCSADRAIN, saved)
    _, st = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(st)


if __name__ == "__main__":
    sys.exit(main())
