#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bench-link.py: foh on a slow link, and how far behind live it falls.

foh --demo runs on a pty whose master is read at a throttled rate, as
the far end of a 32 kbit/s (4000 bytes/s) or 128 kbit/s (16000 bytes/s)
link would take it: a token bucket that holds a tenth of a second's
bytes. What is read goes into a small terminal (vtscreen.py), which also
answers the status reports a terminal answers. Each time the status
bar's clock (HH:MM:SS, top right, in UTC here) turns to a new second on
that screen, the lag behind live is the wall clock then minus the second
shown: how old what the user sees is, to within one frame (an upper
bound; at 4 frames a second it reads up to 0.25 s high). Also "oldest":
the largest age the clock on that screen reached at any read (the clock
turns once a second, so 1 s and a little is the floor), with when it was,
in seconds into the run; and bytes/s read.

Each screen size and view is run unthrottled first (the baseline, in
the same run), then at each rate, for SECONDS after a 5 s warm-up:
  200x60 the arena's heat map (a density raster in half blocks),
  200x60 the club's heat map (the busier raster),
  80x24  the alert queue with its compact map.
usage: bench-link.py [--json FILE] [--seconds S] [--warmup S]
                     [--rates R,...] [--cases N,...] [--args "ARGS"] FOH
"""
import argparse
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import termios
import threading
import time

from benchlib import BenchError, Procs, wait_for
from vtscreen import Screen

CASES = [
    ("200x60-arena", 200, 60, b"", "arena heat map"),
    ("200x60-club", 200, 60, b"]", "club heat map"),
    ("80x24-queue", 80, 24, b"2", "queue + map"),
]
RATES = [0, 16000, 4000]        # bytes/s; 0: read as fast as it comes
WARMUP = 5.0
CLOCK = re.compile(r"(\d\d):(\d\d):(\d\d)\s*$")


def spawn(procs, argv, env, cols, rows):
    """argv on a new pty of cols x rows, sized before it starts."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ,
                        struct.pack("HHHH", rows, cols, 0, 0))
            os.environ.update(env)
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    procs.add_pid(pid)
    return pid, fd


class Link(threading.Thread):
    """Reads the pty at rate bytes/s (0: as fast as it can) into a
    Screen; samples the lag behind live at each turn of the clock."""

    def __init__(self, fd, cols, rows, rate):
        super().__init__(daemon=True)
        self.fd, self.rate = fd, rate
        self.lock = threading.Lock()
        self.screen = Screen(cols, rows, self.answer)
        self.total = 0
        self.shown = None           # the clock's second, as shown
        self.lags = []              # (monotonic, lag) at each turn
        self.ages = []              # (monotonic, age) at each read
        self.done = False

    def answer(self, data):
        """The terminal's answer to a status report, back to foh."""
        try:
            os.write(self.fd, data)
        except OSError:
            pass

    def run(self):
        """Read until the pty closes or stop()."""
        burst = self.rate / 10.0
        tokens, last = burst, time.monotonic()
        while not self.done:
            want = 65536
            if self.rate:
                now = time.monotonic()
                tokens = min(burst, tokens + (now - last) * self.rate)
                last = now
                if tokens < 1:
                    time.sleep((1 - tokens) / self.rate + 0.002)
                    continue
                want = int(tokens)
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if not r:
                continue
            try:
                data = os.read(self.fd, want)
            except OSError:
                return
            if not data:
                return
            tokens -= len(data)
            with self.lock:
                self.total += len(data)
                self.screen.feed(data)
                self.sample(self.screen.text(0))

    def sample(self, top):
        """Read the clock off the top line; a lag at each new second."""
        m = CLOCK.search(top.rstrip())
        if not m:
            return
        h, mi, s = (int(x) for x in m.groups())
        shown = h * 3600 + mi * 60 + s
        wall = time.time()
        age = (wall % 86400) - shown
        if age < -43200:                # past midnight
            age += 86400
        mono = time.monotonic()
        if shown != self.shown:
            self.shown = shown
            self.lags.append((mono, age))
        self.ages.append((mono, age))

    def mark(self):
        """Bytes read so far."""
        with self.lock:
            return self.total


def pct(v, q):
    """The q-quantile of the sorted list v."""
    return v[min(len(v) - 1, int(len(v) * q))]


def run_case(procs, foh, extra, case, rate, secs, warmup=WARMUP):
    """One size and view at one rate: its figures."""
    name, cols, rows, keys, what = case
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "TZ": "UTC"}
    pid, fd = spawn(procs, [foh, "--demo"] + extra, env, cols, rows)
    link = Link(fd, cols, rows, rate)
    link.start()
    wait_for(lambda: link.shown is not None, "foh --demo's clock", 30)
    time.sleep(3)
    if keys:
        os.write(fd, keys)
    time.sleep(warmup - 3)
    t0 = time.monotonic()
    b0 = link.mark()
    time.sleep(secs)
    t1 = time.monotonic()
    nbytes = link.mark() - b0
    with link.lock:
        lags = sorted(x for t, x in link.lags if t0 <= t <= t1)
        ages = [(x, t - t0) for t, x in link.ages if t0 <= t <= t1]
        dsr = link.screen.dsr
        final = link.ages[-1][1] if link.ages else None
        screen = link.screen.dump()
    link.rate = 0                       # drain, then quit
    os.write(fd, b"q")
    try:
        procs.wait_pid(pid, "foh --demo", 30)
    except BenchError:
        procs.end_pid(pid)
    link.done = True
    link.join(2)
    os.close(fd)
    out = {"case": name, "what": what, "cols": cols, "rows": rows,
           "rate": rate, "bytes_s": nbytes / (t1 - t0), "turns": len(lags),
           "dsr": dsr, "final_age": final}
    if lags:
        out.update({"lag_median": statistics.median(lags),
                    "lag_p95": pct(lags, 0.95), "lag_max": lags[-1],
                    "age_max": max(ages)[0],
                    "age_max_at": max(ages)[1]})
    else:
        out["screen"] = screen
    return out


def main(args):
    """Measure each case at each rate; print (and --json)."""
    ap = argparse.ArgumentParser(prog="bench-link.py")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--rates", default=",".join(str(r) for r in RATES),
                    help="bytes/s, 0 for unthrottled")
    ap.add_argument("--cases", default=",".join(c[0] for c in CASES))
    ap.add_argument("--args", default="", help="more arguments for foh")
    ap.add_argument("--warmup", type=float, default=WARMUP,
                    help="seconds before measuring (keys at 3 s), >= 3")
    ap.add_argument("foh")
    argv = ap.parse_args(args)
    rates = [int(r) for r in argv.rates.split(",")]
    cases = [c for c in CASES if c[0] in argv.cases.split(",")]
    procs = Procs()
    res = []
    try:
        for c in cases:
            for r in rates:
                res.append(run_case(procs, argv.foh, argv.args.split(), c,
                                    r, argv.seconds, max(3.0, argv.warmup)))
                d = res[-1]
                print("%-13s %6s B/s link: %6.0f bytes/s, lag median %s "
                      "p95 %s max %s s, oldest %s s at %s s (%d turns, %d "
                      "DSR)" % (
                          d["case"], d["rate"] or "free", d["bytes_s"],
                          *("%.1f" % d[k] if k in d else "-" for k in (
                              "lag_median", "lag_p95", "lag_max",
                              "age_max", "age_max_at")), d["turns"],
                          d["dsr"]),
                      flush=True)
    finally:
        procs.stop()
    if argv.json:
        with open(argv.json, "w") as f:
            json.dump({"seconds": argv.seconds, "warmup": argv.warmup,
                       "runs": res}, f, indent=1)
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main(sys.argv[1:]))
