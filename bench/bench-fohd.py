#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bench-fohd.py: readings per second into a real fohd, with 0, 1 and 10
subscribers on its stream, beside bare baselines measured in the same run.

  WebSocket JSON: a Python websockets producer (Debian's python3-websockets)
  sends frames of BATCH zone_count readings, keeping WINDOW frames in flight,
  to (a) tests/server-harness, an lws server whose ingest hook only counts
  bytes (the transport baseline), and (b) fohd, which parses, checks,
  applies and publishes every reading.
  nng PULL: nngcat pushes a msgpack array of BATCH readings COUNT times to
  (a) nngcat --pull (the bare receive baseline) and (b) fohd.

Each fohd run is a fresh fohd with SUBS subscribers (nngcat --sub on its
stream, each connected and receiving before the run starts, each counting
every message it takes in). A subscriber that falls behind loses what PUB
drops for it: the "received" column says how much of what fohd published
each subscriber got (the lowest of them).

With --history (issue 15), fohd with a journal is also fed over PULL with
[history] enabled = no and with step = 1s (ten times the default's writes),
in turns (off, on, off, on, ...; 3 or --turns), 5 x FRAMES each, no subscribers: the medians
of each, and on as a share of off (target: at least 90%).

fohd's CPU time is read from /proc before and after (after the subscribers
have drained), so the figure per CPU-second says what one core of fohd takes
in. Every process is waited for with a deadline and ended at exit, also on
an error or Ctrl-C. Run by `make bench` (bench/bench-all.py).
usage: bench-fohd.py [--subs 0,1,10] [--history [--turns N]] [--json FILE]
       FOHD SERVER_HARNESS CONF [FRAMES]
"""
import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time

import msgpack
import websockets

from benchlib import (BenchError, Fohd, Procs, cpu_seconds, read_line,
                      settle, subscribe, unix_bound, wait_for)

BATCH = 500
WINDOW = 8
ZONES = ["dance", "bar", "door"]
TOKEN = "bench-token-0123456789"
DEADLINE = 600          # seconds any one producer run may take


def frame(i):
    """JSON frame i: BATCH zone_count readings."""
    return json.dumps([{"kind": "zone_count", "zone": ZONES[(i + j) % 3],
                        "count": (i * 7 + j) % 500, "source": "bench"}
                       for j in range(BATCH)])


async def produce_ws(url, token, frames):
    """Send frames keeping WINDOW in flight; (wall s, accepted)."""
    hdr = {"Authorization": "Bearer " + token} if token else {}
    payload = [frame(i) for i in range(16)]
    accepted = 0
    async with websockets.connect(url, extra_headers=hdr, max_size=None,
                                  compression=None) as ws:
        t0 = time.monotonic()
        sent = 0
        inflight = 0
        while sent < frames or inflight:
            while sent < frames and inflight < WINDOW:
                await ws.send(payload[sent % 16])
                sent += 1
                inflight += 1
            a = json.loads(await ws.recv())
            accepted += a.get("accepted", 0)
            inflight -= 1
        return time.monotonic() - t0, accepted


def produce(url, token, frames):
    """(wall seconds, readings accepted) of one WebSocket producer run."""
    try:
        return asyncio.run(asyncio.wait_for(produce_ws(url, token, frames),
                                            DEADLINE))
    except asyncio.TimeoutError:
        raise BenchError("the WebSocket producer took over %d s" % DEADLINE)


def push(url, body, count):
    """nngcat --push count copies of body to url, once it listens (its
    socket exists; a dial refused in the moment before listen() is tried
    again)."""
    wait_for(lambda: unix_bound(url[6:]), url + " to listen")
    end = time.monotonic() + 10
    while True:
        r = subprocess.run(["nngcat", "--push", "--dial", url, "--file",
                            body, "--count", str(count), "--interval", "0"],
                           stderr=subprocess.PIPE, text=True,
                           timeout=DEADLINE)
        if r.returncode == 0:
            return
        if "refused" not in r.stderr or time.monotonic() > end:
            raise BenchError("nngcat --push %s: %s"
                             % (url, r.stderr.strip()))
        time.sleep(0.05)


def ws_baseline(procs, harness, frames):
    """The bare lws server (tests/server-harness): its rates."""
    h = procs.popen([harness, "--token", TOKEN], stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL, text=True)
    port = int(read_line(h.stdout, "server-harness's port").split()[1])
    c0 = cpu_seconds(h.pid)
    wall, _ = produce("ws://127.0.0.1:%d/ingest" % port, TOKEN, frames)
    cpu = cpu_seconds(h.pid) - c0
    procs.end(h)
    # Under 5 clock ticks of CPU the figure only bounds it: none given.
    return {"wall": frames * BATCH / wall,
            "cpu": frames * BATCH / cpu if cpu >= 0.05 else None}


def pull_baseline(procs, tmp, body, count):
    """A bare nngcat --pull taking the same messages: its rate."""
    url = "ipc://%s/base" % tmp
    sink = procs.popen(["nngcat", "--pull", "--listen", url, "--count",
                        str(count), "--raw"], stdout=subprocess.DEVNULL)
    wait_for(lambda: unix_bound(url[6:]), "nngcat --pull to listen",
             alive=[sink])
    t0 = time.monotonic()
    push(url, body, count)
    wait_for(lambda: sink.poll() is not None,
             "nngcat --pull to take %d messages" % count, DEADLINE, 0.005)
    wall = time.monotonic() - t0
    procs.end(sink)
    return {"wall": count * BATCH / wall}


def fohd_run(procs, argv, nsubs, path, frames, body, more=""):
    """One fresh fohd with nsubs subscribers and the config sections more,
    fed frames over path ("ws" or "pull"); its figures."""
    d = Fohd(procs, argv.fohd, argv.conf,
             "[ingest]\nlisten = 127.0.0.1:0\ntoken = %s\n"
             "pull = @PULL@\nsimulate = no\n%s" % (TOKEN, more),
             "fohd-%s" % path)
    subs = subscribe(procs, d, nsubs)
    pub0 = d.metric("fohd_published_total")
    got0 = [s.count for s in subs]
    c0 = d.cpu()
    t0 = time.monotonic()
    if path == "ws":
        wall, readings = produce("ws://127.0.0.1:%d/ingest" % d.port, TOKEN,
                                 frames)
        if readings != frames * BATCH:
            raise BenchError("fohd accepted %d of %d readings"
                             % (readings, frames * BATCH))
    else:
        push(d.pull, body, frames)
        key = 'fohd_ingest_frames_total{path="pull"}'
        wait_for(lambda: d.metric(key) >= frames,
                 "fohd to take %d PULL frames" % frames, DEADLINE, 0.01,
                 [d.proc])
        wall = time.monotonic() - t0
        readings = frames * BATCH
    pub1 = d.metric("fohd_published_total")
    settle(subs, [g + pub1 - pub0 for g in got0])
    cpu = d.cpu() - c0
    published = d.metric("fohd_published_total") - pub0
    got = [s.count - g for s, g in zip(subs, got0)]
    steps = d.metric('fohd_history_steps_total{result="written"}') \
        if "[history]" in more else 0
    for s in subs:
        s.stop()
    d.stop()
    return {"subs": nsubs, "wall": readings / wall, "steps": steps,
            "cpu": readings / max(cpu, 1e-9), "published": published,
            "received_min": min(got) if got else None,
            "received_max": max(got) if got else None}


def history_runs(procs, argv, tmp, frames, body, turns=3):
    """fohd with a journal over PULL, history off and on in turns: the
    medians of each, wall and per fohd CPU-s, and the steps written."""
    runs = {"off": [], "on": []}
    for t in range(turns):
        for mode in ("off", "on"):
            more = "[journal]\npath = %s\n[history]\n%s\n" % (
                os.path.join(tmp, "history-%s-%d.db" % (mode, t)),
                "enabled = no" if mode == "off" else "step = 1s")
            runs[mode].append(fohd_run(procs, argv, 0, "pull", frames, body,
                                       more))
    out = {}
    for mode, rs in runs.items():
        out[mode] = {"wall": statistics.median(r["wall"] for r in rs),
                     "cpu": statistics.median(r["cpu"] for r in rs),
                     "steps": sum(r["steps"] for r in rs)}
    return out


def show_run(r, what):
    """Print one fohd run's line."""
    line = "  fohd %-3s %2d subscriber%s %9.0f readings/s wall  %9.0f per " \
           "fohd CPU-s" % (what, r["subs"], " " if r["subs"] == 1 else "s",
                           r["wall"], r["cpu"])
    if r["subs"]:
        line += "  received %5.1f%%..%5.1f%% of %d published" % (
            100.0 * r["received_min"] / max(r["published"], 1),
            100.0 * r["received_max"] / max(r["published"], 1),
            r["published"])
    print(line)


def main(args):
    """Run every path and subscriber count; print (and --json)."""
    ap = argparse.ArgumentParser(prog="bench-fohd.py")
    ap.add_argument("--subs", default="0,1,10",
                    help="subscriber counts to run fohd with")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("--history", action="store_true",
                    help="also fohd with history at the edge off and on")
    ap.add_argument("--turns", type=int, default=3,
                    help="turns of history off and on (--history)")
    ap.add_argument("fohd")
    ap.add_argument("harness")
    ap.add_argument("conf")
    ap.add_argument("frames", nargs="?", type=int, default=400)
    argv = ap.parse_args(args)
    nsubs = [int(n) for n in argv.subs.split(",")]
    frames = argv.frames
    procs = Procs()
    tmp = procs.tmpdir("foh-bench-")
    out = {"frames": frames, "batch": BATCH, "window": WINDOW}
    try:
        body = os.path.join(tmp, "batch.bin")
        with open(body, "wb") as f:
            f.write(msgpack.packb([{"kind": "zone_count",
                                    "zone": ZONES[j % 3], "count": j % 500}
                                   for j in range(BATCH)]))
        out["ws_base"] = ws_baseline(procs, argv.harness, frames)
        out["ws_fohd"] = [fohd_run(procs, argv, n, "ws", frames, body)
                          for n in nsubs]
        out["pull_base"] = pull_baseline(procs, tmp, body, frames)
        out["pull_fohd"] = [fohd_run(procs, argv, n, "pull", frames, body)
                            for n in nsubs]
        if argv.history:
            # Runs of several seconds, so each holds several steps.
            out["history"] = history_runs(procs, argv, tmp, frames * 5,
                                          body, argv.turns)
    finally:
        procs.stop()

    print("bench-fohd: %d frames of %d zone_count readings per path, "
          "window %d; subscribers: nngcat --sub on fohd's stream"
          % (frames, BATCH, WINDOW))
    print("WebSocket JSON (python3-websockets producer):")
    cpu = out["ws_base"]["cpu"]
    print("  baseline lws server, no parsing   %9.0f readings/s wall  %s"
          % (out["ws_base"]["wall"], "%9.0f per server CPU-s" % cpu if cpu
             else "(under 5 CPU ticks)"))
    print("  fohd parse+check+apply+publish:")
    for r in out["ws_fohd"]:
        show_run(r, "ws")
    print("nng PULL msgpack (nngcat --push producer):")
    print("  baseline nngcat --pull            %9.0f readings/s wall"
          % out["pull_base"]["wall"])
    print("  fohd decode+check+apply+publish:")
    for r in out["pull_fohd"]:
        show_run(r, "pull")
    if "history" in out:
        h = out["history"]
        print("fohd with a journal over PULL, no subscribers, medians of "
              "turns:")
        print("  history off                       %9.0f readings/s wall  "
              "%9.0f per fohd CPU-s" % (h["off"]["wall"], h["off"]["cpu"]))
        print("  history on, step 1s               %9.0f readings/s wall  "
              "%9.0f per fohd CPU-s  = %.1f%% of off (wall), %.1f%% (CPU); "
              "%d steps" % (h["on"]["wall"], h["on"]["cpu"],
                            100.0 * h["on"]["wall"] / h["off"]["wall"],
                            100.0 * h["on"]["cpu"] / h["off"]["cpu"],
                            h["on"]["steps"]))
    if argv.json:
        with open(argv.json, "w") as f:
            json.dump(out, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
