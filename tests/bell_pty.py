#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bell_pty.py: the console's bell, read from a real pseudo-terminal.

  bell_pty.py FOH STREAM INGEST_WS ALL_CONF

Runs four consoles on ptys of their own (pty module, 120x40,
TERM=xterm-256color): two wall consoles, `foh --kiosk=600 STREAM` (bell:
critical, the kiosk's default) and `foh --kiosk=600 --bell no STREAM`; a
desk console `foh STREAM` (default: no bell); and `foh -c ALL_CONF STREAM`
whose foh.conf says bell = all. Pushes readings into the fohd behind
STREAM through its ingest (INGEST_WS), and counts the BEL bytes (0x07)
each console writes outside escape sequences:

  1. warnings only (dance and bar between 3.33 and 5 p/m2): no BEL on the
     wall; bell = all rings;
  2. the dance floor goes critical: one BEL within the deadline on the
     wall; bell = all rings again (new as a critical);
  3. the same alert again, at another value, three times: no more;
  4. the bar goes critical, a second new alert: one more BEL;
  5. --bell no and the desk console's default wrote none at all.

To know a console has taken what was sent before a "no more BEL" check,
it is sent C-l (repaint all) until its status line shows the alert counts
expected. Every wait polls with a deadline; nothing sleeps to sync.
"""
import asyncio
import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ingest_client  # noqa: E402

DEADLINE = 10.0


def fail(msg):
    print("FAIL: bell_pty: " + msg, file=sys.stderr)
    sys.exit(1)


class Console:
    """One foh on a pty of its own: its output, and BELs counted."""

    def __init__(self, name, argv):
        self.name = name
        self.out = b""
        self.bels = 0
        self.esc = None     # None, or the escape sequence read so far
        pid, fd = pty.fork()
        if pid == 0:
            os.environ["TERM"] = "xterm-256color"
            os.environ["LANG"] = "C.UTF-8"
            os.environ.pop("NO_COLOR", None)
            os.execv(argv[0], argv)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

    def feed(self, data):
        """Count BELs that are not the end of an OSC (ESC ] ... BEL)."""
        for b in data:
            if self.esc is not None:
                self.esc.append(b)
                if len(self.esc) == 1 and b != 0x5d:    # not OSC: CSI etc.
                    if b != 0x5b:                       # ESC x: two bytes
                        self.esc = None
                    continue
                if self.esc[0] == 0x5b:                 # CSI ends 0x40-0x7e
                    if len(self.esc) > 1 and 0x40 <= b <= 0x7e:
                        self.esc = None
                    continue
                if b == 0x07 or (b == 0x5c and self.esc[-2:-1] == b"\x1b"):
                    self.esc = None                     # OSC ends
                continue
            if b == 0x1b:
                self.esc = bytearray()
            elif b == 0x07:
                self.bels += 1
        self.out += data

    def pump(self, timeout):
        """Read what is there, waiting at most timeout seconds."""
        r, _, _ = select.select([self.fd], [], [], timeout)
        if r:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                data = b""
            if not data:
                fail("%s: foh exited:\n%r" % (self.name, self.out[-2000:]))
            self.feed(data)

    def key(self, k):
        os.write(self.fd, k)

    def stop(self):
        """q, and wait for it to exit (reading, so it never blocks)."""
        try:
            self.key(b"q")
            end = time.monotonic() + DEADLINE
            while time.monotonic() < end:
                p, _ = os.waitpid(self.pid, os.WNOHANG)
                if p == self.pid:
                    return
                r, _, _ = select.select([self.fd], [], [], 0.05)
                if r:
                    os.read(self.fd, 65536)
            os.kill(self.pid, 15)
        except OSError:
            pass


def pump_all(consoles, timeout=0.05):
    for c in consoles:
        c.pump(timeout / len(consoles))


def until(consoles, cond, what):
    end = time.monotonic() + DEADLINE
    while not cond():
        if time.monotonic() > end:
            for c in consoles:
                print("--- %s output tail:\n%r" % (c.name, c.out[-1500:]),
                      file=sys.stderr)
            fail("no " + what + " within %.0f s" % DEADLINE)
        pump_all(consoles)


# What changes the look of the text, not where it is: SGR and G0 charset.
LOOK = re.compile(rb"\x1b\[[0-9;:]*m|\x1b\(B")


def synced(consoles, counts):
    """Repaint each console (C-l) until its status line shows counts (the
    counts are each drawn in their severity's colour: matched without)."""
    pat = re.compile(counts.encode())
    for c in consoles:
        mark = len(c.out)
        last = 0.0

        def shown(c=c, mark=mark):
            return pat.search(LOOK.sub(b"", c.out[mark:])) is not None

        end = time.monotonic() + DEADLINE
        while not shown():
            if time.monotonic() > end:
                fail("%s: never showed %s:\n%r" % (c.name, counts,
                                                    c.out[-1500:]))
            if time.monotonic() - last > 0.2:
                c.key(b"\x0c")
                last = time.monotonic()
            pump_all(consoles)


def readings(ws, zone, count):
    """31 s of zone at count persons, ending now."""
    t0 = int(time.time() * 1000) - 31000
    frames = ",".join('{"kind":"zone_count","zone":"%s","count":%d,"t":%d}'
                      % (zone, count, t0 + i * 1000) for i in range(31))
    for a in asyncio.run(ingest_client.exchange(ws, "", ["[" + frames + "]"])):
        if a.get("accepted", 31) != 31 and a.get("errors"):
            fail("readings refused: %r" % a)


def main():
    foh, stream, ws, allconf = sys.argv[1:5]
    wall = Console("kiosk", [foh, "--kiosk=600", stream])
    quiet = Console("kiosk --bell no", [foh, "--kiosk=600", "--bell", "no",
                                        stream])
    desk = Console("desk", [foh, stream])
    loud = Console("bell = all", [foh, "-c", allconf, stream])
    both = [wall, quiet, desk, loud]
    try:
        until(both, lambda: all(b"Basement Club" in c.out for c in both),
              "venue on every console")

        # 1. Warnings only.
        readings(ws, "dance", 600)
        readings(ws, "bar", 240)
        synced(both, r"alerts C0 W[1-9]")
        if wall.bels:
            fail("%d BEL while nothing is critical" % wall.bels)
        until(both, lambda: loud.bels >= 1, "BEL for a warning, bell = all")
        loud1 = loud.bels
        print("ok: warnings only: no BEL on the wall; bell = all rang")

        # 2. A critical fires.
        t = time.monotonic()
        readings(ws, "dance", 900)
        until(both, lambda: wall.bels >= 1, "BEL for the critical")
        until(both, lambda: loud.bels > loud1, "BEL for the critical, "
              "bell = all")
        print("ok: BEL %.2f s after the critical's readings were sent"
              % (time.monotonic() - t))

        # 3. The same alert, again and again: synced once the last value
        # (990 persons on 150 m2) is on screen.
        for n in (930, 960, 990):
            readings(ws, "dance", n)
        synced([wall, quiet], r"6\.60 p/m")
        synced(both, r"alerts C1 ")
        if wall.bels != 1:
            fail("%d BEL after repeats of one alert, want 1" % wall.bels)
        print("ok: repeats of the same alert: no second BEL")

        # 4. A second, new critical.
        readings(ws, "bar", 360)
        until(both, lambda: wall.bels >= 2, "BEL for the second critical")
        synced(both, r"alerts C2 ")
        if wall.bels != 2:
            fail("%d BEL for two criticals, want 2" % wall.bels)
        print("ok: a second, new critical: one more BEL (2 in all)")

        # 5. --bell no, and a desk console by default.
        if quiet.bels:
            fail("--bell no wrote %d BEL" % quiet.bels)
        if desk.bels:
            fail("a console without --kiosk wrote %d BEL" % desk.bels)
        print("ok: --bell no and a desk console: no BEL at all, same "
              "alerts shown")
    finally:
        for c in both:
            c.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
