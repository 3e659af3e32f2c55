#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""slow_tty.py RATE CMD...: run CMD on a pty of this terminal's size and
pass what it writes on to this terminal at RATE bytes/s (a token bucket
holding a tenth of a second's bytes), as a slow link between a program and
its terminal would; what this terminal sends back (keys, the answers to
status reports) goes to CMD at once. SIGUSR1 lifts the limit. Exits with
CMD's status when CMD has exited and its output is passed on."""
import fcntl
import os
import pty
import select
import signal
import sys
import termios
import time
import tty

rate = float(sys.argv[1])


def lift(signum, frame):
    """SIGUSR1: no limit from now on."""
    global rate
    rate = 0


def main():
    """Relay until CMD has exited and its output is passed on."""
    size = fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8)
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, size)
        os.execvp(sys.argv[2], sys.argv[2:])
    signal.signal(signal.SIGUSR1, lift)
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
                data = os.read(0, 4096)
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
