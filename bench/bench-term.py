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
usage: bench-term.py FOH FOHD ARENA_CONF [SECONDS]
"""
import asyncio
import fcntl
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time

import websockets

COLS, ROWS = 200, 60
VENUES = 100
TOKEN = "bench-token-0123456789"


def spawn_pty(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS,
                                                    0, 0))
    os.kill(pid, signal.SIGWINCH)
    return pid, fd


def drain(fd, seconds, sink=None):
    """Read the pty for seconds; return bytes read."""
    end = time.monotonic() + seconds
    n = 0
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return n
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return n
            n += len(data)
            if sink is not None:
                sink.append(data)


class Reader(threading.Thread):
    """Reads a pty all the time, so the program never blocks on output."""

    def __init__(self, fd):
        super().__init__(daemon=True)
        self.fd = fd
        self.lock = threading.Lock()
        self.total = 0
        self.buf = bytearray()

    def run(self):
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
        with self.lock:
            self.buf = bytearray()
            return self.total

    def seen(self, needle):
        with self.lock:
            return needle in self.buf


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        m = re.search(r"VmRSS:\s+(\d+) kB", f.read())
    return int(m.group(1))


def start_farm(fohd, conf, tmp):
    procs = []
    text = open(conf).read()
    lines = ["[console]", "fps = 4"]
    for i in range(VENUES):
        vid = "arena-%03d" % i
        c = os.path.join(tmp, vid + ".conf")
        with open(c, "w") as f:
            f.write(re.sub(r"(?m)^id = arena$", "id = " + vid, text))
            f.write("\n[ingest]\nsimulate = yes\n")
        url = "ipc://%s/%s" % (tmp, vid)
        procs.append(subprocess.Popen(
            [fohd, "-c", c, "--stream", url + ".pub", "--control",
             url + ".ctl"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL))
        lines += ["[venue %s]" % vid, "stream = %s.pub" % url]
    # The 101st: takes readings, fires at once past 1 p/m2 on the floor.
    c = os.path.join(tmp, "live.conf")
    with open(c, "w") as f:
        f.write(re.sub(r"(?m)^id = arena$", "id = live", text))
        f.write("\n[ingest]\nlisten = 127.0.0.1:0\ntoken = %s\n"
                "simulate = no\n[rule cross]\nkind = threshold\n"
                "on = zone:floor\nmetric = density\nabove = 1.0\n"
                "clear = 0.5\nfor = 0\nseverity = critical\n" % TOKEN)
    log = os.path.join(tmp, "live.log")
    url = "ipc://%s/live" % tmp
    procs.append(subprocess.Popen(
        [fohd, "-c", c, "--stream", url + ".pub", "--control", url + ".ctl"],
        stdout=subprocess.DEVNULL, stderr=open(log, "w")))
    lines += ["[venue live]", "stream = %s.pub" % url]
    with open(os.path.join(tmp, "foh.conf"), "w") as f:
        f.write("\n".join(lines) + "\n")
    for _ in range(200):
        m = re.search(r"ingest on 127\.0\.0\.1:(\d+)", open(log).read())
        if m:
            return procs, int(m.group(1))
        time.sleep(0.05)
    raise SystemExit("bench-term: the live fohd did not start")


async def crossings(port, rd, n):
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


def main(argv):
    foh, fohd, conf = argv[1:4]
    secs = float(argv[4]) if len(argv) > 4 else 20
    tmp = tempfile.mkdtemp(prefix="foh-bench-term-")
    procs, port = start_farm(fohd, conf, tmp)
    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "FOH_BENCH": "1"}
    pid, fd = spawn_pty([foh, "-c", os.path.join(tmp, "foh.conf")], env)
    rd = Reader(fd)
    rd.start()
    time.sleep(8)                      # connect, snapshots, first frames
    b0 = rd.mark()
    time.sleep(secs)
    nbytes = rd.mark() - b0
    rss = rss_kb(pid)
    os.write(fd, b"/live\r")           # the alert queue, live venue only
    time.sleep(1)
    lat = asyncio.run(crossings(port, rd, 60))
    rd.mark()
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    rd.join(2)
    with rd.lock:
        m = re.search(rb"foh: bench: (\d+) frames, mean ([0-9.]+) ms, max "
                      rb"([0-9.]+) ms", bytes(rd.buf))
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait()

    bpid, bfd = spawn_pty(["btop"], {"TERM": "xterm-256color",
                                     "LANG": "C.UTF-8"})
    brd = Reader(bfd)
    brd.start()
    time.sleep(5)
    b0 = brd.mark()
    time.sleep(secs)
    bbytes = brd.mark() - b0
    os.kill(bpid, signal.SIGTERM)
    os.waitpid(bpid, 0)

    demo = []
    for cols, rows, keys, what in ((COLS, ROWS, b"", "arena heat map"),
                                   (COLS, ROWS, b"]", "club heat map"),
                                   (80, 24, b"2", "queue + map")):
        dpid, dfd = spawn_pty([foh, "--demo"], {"TERM": "xterm-256color",
                                                "LANG": "C.UTF-8"})
        fcntl.ioctl(dfd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols,
                                                         0, 0))
        os.kill(dpid, signal.SIGWINCH)
        drd = Reader(dfd)
        drd.start()
        time.sleep(3)
        if keys:
            os.write(dfd, keys)
        time.sleep(2)
        b0 = drd.mark()
        time.sleep(secs)
        demo.append((cols, rows, what, (drd.mark() - b0) / secs))
        os.write(dfd, b"q")
        os.waitpid(dpid, 0)

    print("bench-term: %dx%d pty, %d venues (%d fohd processes, 4 Hz each), "
          "%.0f s measured after warm-up" % (COLS, ROWS, VENUES + 1,
                                              VENUES + 1, secs))
    print("  foh   %8.0f bytes/s to the terminal" % (nbytes / secs))
    print("  btop  %8.0f bytes/s at the same size, same run" % (bbytes / secs))
    if m:
        print("  foh frames: %s built, mean %s ms, max %s ms" % (
              m.group(1).decode(), m.group(2).decode(), m.group(3).decode()))
    print("  foh resident memory: %.1f MB" % (rss / 1024))
    if lat:
        lat.sort()
        print("  reading -> alert on screen (%d crossings): median %.1f ms, "
              "p99 %.1f ms, max %.1f ms" % (
                  len(lat), statistics.median(lat),
                  lat[min(len(lat) - 1, int(len(lat) * 0.99))], lat[-1]))
    else:
        print("  reading -> alert on screen: no alert seen")
    for cols, rows, what, bps in demo:
        print("  foh --demo %dx%d %-15s %6.0f bytes/s (raster in half "
              "blocks)" % (cols, rows, what, bps))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
