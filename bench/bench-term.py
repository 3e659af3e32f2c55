#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bench-term.py: what the console costs a terminal, measured on a pty.

  bytes/s     foh at 200x60 watching 100 venues (100 real fohd processes,
              each simulating the arena at 4 Hz), counted on the pty after
              a warm-up; btop at the same size in the same run, for scale.
  frames      foh's own count of frames and their build time (FOH_BENCH).
  memory      foh's resident set at that load (/proc/PID/status VmRSS).
  latency     from a reading that crosses a threshold leaving a producer
              for a 101st fohd to the alert's text appearing on foh's pty.
  demo        foh --demo (three venues played 20 times faster than life,
              the arena's and the club's density rasters drawn in half
              blocks) at 200x60 on its heat map, and at 80x24 on the alert
              queue with its compact map: bytes/s on the pty.
Each fohd is waited for (its stream socket bound), foh until it holds a
connection to every venue, and every process (fohd, foh, btop) is ended
and waited for at exit, also on an error or Ctrl-C.
usage: bench-term.py [--json FILE] FOH FOHD ARENA_CONF [SECONDS]
"""
import argparse
import asyncio
import fcntl
import json
import os
import pty
import re
import signal
import statistics
import struct
import sys
import termios
import threading
import time

import websockets

from benchlib import BenchError, Fohd, Procs, unix_connected, wait_for

COLS, ROWS = 200, 60
VENUES = 100
TOKEN = "bench-token-0123456789"
DEADLINE = 120          # seconds the crossings may take


def spawn_pty(procs, argv, env, rows=ROWS, cols=COLS):
    """argv on a new pty of rows x cols; (pid, fd), the pid registered
    with procs."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.environ.update(env)
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    procs.add_pid(pid)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols,
                                                    0, 0))
    os.kill(pid, signal.SIGWINCH)
    return pid, fd


class Reader(threading.Thread):
    """Reads a pty all the time, so the program never blocks on output."""

    def __init__(self, fd):
        super().__init__(daemon=True)
        self.fd = fd
        self.lock = threading.Lock()
        self.total = 0
        self.buf = bytearray()

    def run(self):
        """Read until the pty closes, keeping the last 1 MiB."""
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.total += len(data)
                self.buf += data
                if len(self.buf) > 1 << 20:
                    del self.buf[:len(self.buf) - (1 << 19)]

    def mark(self):
        """Forget the buffer; the bytes read so far."""
        with self.lock:
            self.buf = bytearray()
            return self.total

    def seen(self, needle):
        """Whether needle was written since the last mark."""
        with self.lock:
            return needle in self.buf


def rss_kb(pid):
    """Resident set of pid, in kB."""
    with open("/proc/%d/status" % pid) as f:
        m = re.search(r"VmRSS:\s+(\d+) kB", f.read())
    return int(m.group(1))


def start_farm(procs, fohd, conf):
    """VENUES simulating arena fohds and a 101st that takes readings; the
    live one, and foh's config naming all of them (in a private dir)."""
    farm = []
    lines = ["[console]", "fps = 4"]
    for i in range(VENUES):
        vid = "arena-%03d" % i
        farm.append(Fohd(procs, fohd, conf, "[ingest]\nsimulate = yes\n",
                         "term-" + vid, wait=False, rewrite=lambda t, v=vid:
                         re.sub(r"(?m)^id = arena$", "id = " + v, t)))
        lines += ["[venue %s]" % vid, "stream = %s" % farm[-1].stream]
    # The 101st: takes readings, fires at once past 1 p/m2 on the floor;
    # flap detection off, so that each crossing is an alert of its own.
    live = Fohd(procs, fohd, conf,
                "[ingest]\nlisten = 127.0.0.1:0\ntoken = %s\n"
                "simulate = no\n[rule cross]\nkind = threshold\n"
                "on = zone:floor\nmetric = density\nabove = 1.0\n"
                "clear = 0.5\nfor = 0\nseverity = critical\n"
                "flap_transitions = 0\n" % TOKEN, "term-live",
                rewrite=lambda t: re.sub(r"(?m)^id = arena$", "id = live",
                                         t))
    lines += ["[venue live]", "stream = %s" % live.stream]
    for f in farm:
        f.ready()
    tmp = procs.tmpdir("foh-bench-term-")
    cf = os.path.join(tmp, "foh.conf")
    with open(cf, "w") as f:
        f.write("\n".join(lines) + "\n")
    return live, cf


async def crossings(port, rd, n):
    """n crossings at the live fohd; ms until each shows on the pty."""
    hdr = {"Authorization": "Bearer " + TOKEN}
    lat = []
    async with websockets.connect("ws://127.0.0.1:%d/ingest" % port,
                                  extra_headers=hdr) as ws:
        for i in range(n):
            density = 1.50 + (i % 90) * 0.01
            count = int(round(density * 1200))
            want = ("density %.2f" % (count / 1200.0)).encode()
            rd.mark()
            t0 = time.monotonic()
            await ws.send(json.dumps({"kind": "zone_count", "zone": "floor",
                                      "count": count}))
            while not rd.seen(want) and time.monotonic() - t0 < 2:
                time.sleep(0.0005)
            if rd.seen(want):
                lat.append((time.monotonic() - t0) * 1000)
            await ws.recv()
            await ws.send(json.dumps({"kind": "zone_count", "zone": "floor",
                                      "count": 60}))
            await ws.recv()
            await asyncio.sleep(0.3)    # let the resolve be drawn
    return lat


def quit_pty(procs, pid, fd, what):
    """Ask a program on a pty to quit ("q") and wait for it."""
    os.write(fd, b"q")
    procs.wait_pid(pid, what)


def measure(procs, argv, out):
    """The farm, foh watching it, btop and foh --demo: fills out."""
    foh, fohd, conf, secs = argv.foh, argv.fohd, argv.conf, argv.seconds
    live, fconf = start_farm(procs, fohd, conf)
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "FOH_BENCH": "1"}
    pid, fd = spawn_pty(procs, [foh, "-c", fconf], env)
    rd = Reader(fd)
    rd.start()
    # foh holds a connection to every venue's stream; the live fohd
    # counts it as a subscriber.
    wait_for(lambda: unix_connected(pid) >= VENUES + 1,
             "foh to connect to %d venues" % (VENUES + 1), 60, 0.1)
    wait_for(lambda: live.metric("fohd_subscribers") >= 1,
             "the live fohd to count foh", 30, 0.1)
    time.sleep(5)                      # snapshots, first frames: warm-up
    b0 = rd.mark()
    time.sleep(secs)
    out["foh_bytes_s"] = (rd.mark() - b0) / secs
    out["foh_rss_mb"] = rss_kb(pid) / 1024.0
    os.write(fd, b"/live\r")           # the alert queue, live venue only
    time.sleep(1)
    try:
        lat = asyncio.run(asyncio.wait_for(crossings(live.port, rd, 60),
                                           DEADLINE))
    except asyncio.TimeoutError:
        raise BenchError("60 crossings took over %d s" % DEADLINE)
    rd.mark()
    quit_pty(procs, pid, fd, "foh")
    rd.join(2)
    os.close(fd)
    with rd.lock:
        m = re.search(rb"foh: bench: (\d+) frames, mean ([0-9.]+) ms, max "
                      rb"([0-9.]+) ms", bytes(rd.buf))
    if m:
        out["frames"] = int(m.group(1))
        out["frame_mean_ms"] = float(m.group(2))
        out["frame_max_ms"] = float(m.group(3))
    if lat:
        lat.sort()
        out["crossings_seen"] = len(lat)
        out["alert_median_ms"] = statistics.median(lat)
        out["alert_p99_ms"] = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        out["alert_max_ms"] = lat[-1]
    procs.stop()                       # the farm: not beside btop

    bpid, bfd = spawn_pty(procs, ["btop"], {"TERM": "xterm-256color",
                                            "LANG": "C.UTF-8"})
    brd = Reader(bfd)
    brd.start()
    wait_for(lambda: brd.total > 0, "btop's first frame", 20)
    time.sleep(5)
    b0 = brd.mark()
    time.sleep(secs)
    out["btop_bytes_s"] = (brd.mark() - b0) / secs
    procs.end_pid(bpid)
    os.close(bfd)

    out["demo"] = []
    for cols, rows, keys, what in ((COLS, ROWS, b"", "arena heat map"),
                                   (COLS, ROWS, b"]", "club heat map"),
                                   (80, 24, b"2", "queue + map")):
        dpid, dfd = spawn_pty(procs, [foh, "--demo"],
                              {"TERM": "xterm-256color", "LANG": "C.UTF-8"},
                              rows, cols)
        drd = Reader(dfd)
        drd.start()
        wait_for(lambda: drd.total > 0, "foh --demo's first frame", 20)
        time.sleep(3)
        if keys:
            os.write(dfd, keys)
        time.sleep(2)
        b0 = drd.mark()
        time.sleep(secs)
        out["demo"].append({"cols": cols, "rows": rows, "what": what,
                            "bytes_s": (drd.mark() - b0) / secs})
        quit_pty(procs, dpid, dfd, "foh --demo")
        os.close(dfd)


def main(args):
    """Measure; print (and --json)."""
    ap = argparse.ArgumentParser(prog="bench-term.py")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("foh")
    ap.add_argument("fohd")
    ap.add_argument("conf")
    ap.add_argument("seconds", nargs="?", type=float, default=20)
    argv = ap.parse_args(args)
    secs = argv.seconds
    procs = Procs()
    out = {"seconds": secs, "venues": VENUES + 1}
    try:
        measure(procs, argv, out)
    finally:
        procs.stop()

    print("bench-term: %dx%d pty, %d venues (%d fohd processes, 4 Hz each), "
          "%.0f s measured after warm-up" % (COLS, ROWS, VENUES + 1,
                                              VENUES + 1, secs))
    print("  foh   %8.0f bytes/s to the terminal" % out["foh_bytes_s"])
    print("  btop  %8.0f bytes/s at the same size, same run"
          % out["btop_bytes_s"])
    if "frames" in out:
        print("  foh frames: %d built, mean %.3f ms, max %.3f ms" % (
              out["frames"], out["frame_mean_ms"], out["frame_max_ms"]))
    print("  foh resident memory: %.1f MB" % out["foh_rss_mb"])
    if "crossings_seen" in out:
        print("  reading -> alert on screen (%d crossings): median %.1f ms, "
              "p99 %.1f ms, max %.1f ms" % (
                  out["crossings_seen"], out["alert_median_ms"],
                  out["alert_p99_ms"], out["alert_max_ms"]))
    else:
        print("  reading -> alert on screen: no alert seen")
    for d in out["demo"]:
        print("  foh --demo %dx%d %-15s %6.0f bytes/s (raster in half "
              "blocks)" % (d["cols"], d["rows"], d["what"], d["bytes_s"]))
    if argv.json:
        with open(argv.json, "w") as f:
            json.dump(out, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
