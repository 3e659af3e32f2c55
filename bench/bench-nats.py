#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bench-nats.py: fohd's ingest rate with [nats] off and on, in the same
run, and how fast fohd's NATS link stores its stream into JetStream.

A local nats-server (JetStream, file store in a private directory,
loopback, a port of its choosing) is started once. Then, for each of
"off" and "on", a fresh fohd on the club venue takes FRAMES WebSocket
frames of BATCH zone_count readings (bench-fohd.py's producer, WINDOW in
flight), every reading a change, so every one is published as a zone
message. With "on", fohd has [nats] url = the server and an outbox of
OUTBOX bytes: publishing never blocks ingest, so the ingest rates should
match; what the link could not keep up with waits in the outbox (or is
dropped, counted, when it overflows).

Figures: readings/s (wall, per fohd CPU-second, and per CPU-second of
fohd's main thread alone, the event loop that publishing must never
hold up: the link's own thread is the difference) for each; for "on",
messages stored per second by the link (from the first message published
to the stream holding all of them, or as many as were not dropped), the
outbox's peak (sampled) and what it dropped. Run by `make bench`
(bench/bench-all.py "nats").
usage: bench-nats.py [--json FILE] [--outbox SIZE] FOHD CONF [FRAMES]
"""
import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

import websockets

from benchlib import BenchError, Fohd, Procs, wait_for

BATCH = 500
WINDOW = 8
ZONES = ["dance", "bar", "door"]
DEADLINE = 600


def frame(i):
    """JSON frame i: BATCH zone_count readings, each a change."""
    return json.dumps([{"kind": "zone_count", "zone": ZONES[j % 3],
                        "count": (i * BATCH + j) % 499 + 1}
                       for j in range(BATCH)])


async def produce_ws(url, frames):
    """Send frames keeping WINDOW in flight; wall seconds."""
    payload = [frame(i) for i in range(16)]
    async with websockets.connect(url, max_size=None,
                                  compression=None) as ws:
        t0 = time.monotonic()
        sent = inflight = 0
        while sent < frames or inflight:
            while sent < frames and inflight < WINDOW:
                await ws.send(payload[sent % 16])
                sent += 1
                inflight += 1
            await ws.recv()
            inflight -= 1
        return time.monotonic() - t0


def loop_cpu(pid):
    """CPU seconds of fohd's main thread alone (its event loop: ingest,
    rules, nng, and the hand-off to the outbox), from /proc."""
    with open("/proc/%d/task/%d/stat" % (pid, pid)) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def nats_server(procs, tmp):
    """A JetStream server on loopback: its client URL."""
    conf = os.path.join(tmp, "nats.conf")
    log = os.path.join(tmp, "nats.log")
    with open(conf, "w") as f:
        f.write('listen: 127.0.0.1:-1\nmax_payload: 2MB\n'
                'jetstream { store_dir: "%s/js"\n max_file_store: 4GB }\n'
                % tmp)
    procs.popen(["nats-server", "-c", conf, "-l", log],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def port():
        try:
            with open(log) as f:
                m = re.search(r"Listening for client connections on "
                              r"[^ ]*:(\d+)", f.read())
        except OSError:
            return None
        return m and m.group(1)
    return "nats://127.0.0.1:%s" % wait_for(port, "nats-server's port")


def one(procs, argv, url, frames):
    """A fresh fohd, [nats] on url (or off: None), fed frames."""
    extra = ("[ingest]\nlisten = 127.0.0.1:0\nloopback_only = yes\n"
             "simulate = no\n")
    if url:
        extra += "[nats]\nurl = %s\nstream = BENCH_%d\noutbox = %s\n" % (
            url, int(time.time() * 1000), argv.outbox)
    d = Fohd(procs, argv.fohd, argv.conf, extra, "nats" if url else "off")
    if url:
        wait_for(lambda: d.metric("fohd_nats_connected") == 1,
                 "fohd's NATS link", 15, 0.05, [d.proc])
        wait_for(lambda: d.metric("fohd_nats_outbox_messages") == 0,
                 "the first messages stored", 15, 0.05, [d.proc])
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            try:
                peak[0] = max(peak[0], d.metric("fohd_nats_outbox_messages"))
            except Exception:
                pass
            time.sleep(0.1)
    pub0 = d.metric("fohd_published_total")
    st0 = d.metric("fohd_nats_published_total") if url else 0
    c0 = d.cpu()
    l0 = loop_cpu(d.pid)
    if url:
        threading.Thread(target=sample, daemon=True).start()
    t0 = time.monotonic()
    wall = asyncio.run(asyncio.wait_for(
        produce_ws("ws://127.0.0.1:%d/ingest" % d.port, frames), DEADLINE))
    cpu = d.cpu() - c0
    loop = loop_cpu(d.pid) - l0
    r = {"nats": bool(url), "wall": frames * BATCH / wall,
         "cpu": frames * BATCH / max(cpu, 1e-9),
         "loop": frames * BATCH / max(loop, 1e-9),
         "published": d.metric("fohd_published_total") - pub0}
    if url:
        wait_for(lambda: d.metric("fohd_nats_outbox_messages") == 0,
                 "the outbox to drain", DEADLINE, 0.05, [d.proc])
        t1 = time.monotonic()
        done.set()
        stored = d.metric("fohd_nats_published_total") - st0
        r.update({"stored": stored, "store_rate": stored / (t1 - t0),
                  "drain_s": t1 - t0 - wall, "outbox_peak": peak[0],
                  "dropped": d.metric("fohd_nats_dropped_total")})
    d.stop()
    return r


def main(args):
    """Off, then on; print (and --json)."""
    ap = argparse.ArgumentParser(prog="bench-nats.py")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--outbox", default="256M")
    ap.add_argument("fohd")
    ap.add_argument("conf")
    ap.add_argument("frames", nargs="?", type=int, default=200)
    argv = ap.parse_args(args)
    if shutil.which("nats-server") is None:
        raise BenchError("bench-nats: needs nats-server")
    procs = Procs()
    tmp = procs.tmpdir("foh-bench-nats-")
    try:
        url = nats_server(procs, tmp)
        off = one(procs, argv, None, argv.frames)
        on = one(procs, argv, url, argv.frames)
    finally:
        procs.stop()
    print("bench-nats: %d frames of %d zone_count readings (each published),"
          " window %d; nats-server %s, JetStream file store"
          % (argv.frames, BATCH, WINDOW, url))
    for r in (off, on):
        print("  fohd [nats] %-3s %9.0f readings/s wall  %9.0f per fohd "
              "CPU-s  %9.0f per loop-thread CPU-s  (%d published)"
              % ("on" if r["nats"] else "off", r["wall"], r["cpu"],
                 r["loop"], r["published"]))
    print("  NATS link: %d stored, %.0f messages/s stored (drained %.1f s "
          "after the last reading), outbox peak %d, dropped %d (outbox %s)"
          % (on["stored"], on["store_rate"], on["drain_s"],
             on["outbox_peak"], on["dropped"], argv.outbox))
    if argv.json:
        with open(argv.json, "w") as f:
            json.dump({"frames": argv.frames, "batch": BATCH, "off": off,
                       "on": on, "outbox": argv.outbox}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
