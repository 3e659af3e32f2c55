#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bench-alert.py: at fohd, the time from a reading that crosses a threshold
arriving at the ingest to its alert being published on the stream, under a
background load of other readings. fohd times every alert it opens
(fohd_alert_latency_seconds in /metrics, from the exact samples); this
script makes the load and the crossings and reads the quantiles.

  background  a WebSocket producer sends frames of 500 zone_count readings
              for the arena's other zones, 4 frames in flight, flat out;
  crossings   a second producer sends the floor past 1 p/m2 (a rule with no
              hold time) and back under its clear level, N times: each
              crossing opens a new alert (the rule has flap detection
              off, flap_transitions = 0: with it, fohd folds the crossings
              into one FLAPPING alert and only 2 alerts are timed).
One subscriber (nngcat --sub) is on fohd's stream, connected and receiving
before the run starts, so publishing does real work; it counts what it
received. Every process is waited for with a deadline and ended at exit,
also on an error or Ctrl-C.
usage: bench-alert.py [--json FILE] FOHD CONF [N]
"""
import argparse
import asyncio
import json
import sys
import time

import websockets

from benchlib import BenchError, Fohd, Procs, settle, subscribe

TOKEN = "bench-token-0123456789"
DEADLINE = 300          # seconds one run of crossings may take
OTHERS = ["north", "west", "east", "south", "gates"]


async def background(url, stop, counter):
    """Frames of 500 readings, 4 in flight, until stop; counts them."""
    frame = json.dumps([{"kind": "zone_count", "zone": OTHERS[j % 5],
                         "count": 100 + j % 300} for j in range(500)])
    hdr = {"Authorization": "Bearer " + TOKEN}
    async with websockets.connect(url, extra_headers=hdr,
                                  max_size=None) as ws:
        inflight = 0
        while not stop.is_set() or inflight:
            while not stop.is_set() and inflight < 4:
                await ws.send(frame)
                inflight += 1
            await ws.recv()
            inflight -= 1
            counter[0] += 500


async def crossings(url, n, stop):
    """n crossings up past the rule and back down, each answered."""
    hdr = {"Authorization": "Bearer " + TOKEN}
    async with websockets.connect(url, extra_headers=hdr) as ws:
        for i in range(n):
            for count in (2400, 120):       # 2.0 then 0.1 p/m2 on 1200 m2
                await ws.send(json.dumps({"kind": "zone_count",
                                          "zone": "floor", "count": count}))
                await ws.recv()
    stop.set()


async def run(url, n, load):
    """The crossings, with or without the background; its rate."""
    stop = asyncio.Event()
    counter = [0]
    t0 = time.monotonic()
    if load:
        await asyncio.gather(background(url, stop, counter),
                             crossings(url, n, stop))
    else:
        await crossings(url, n, stop)
    return counter[0] / (time.monotonic() - t0)


def phase(procs, fohd, conf, n, load):
    """One fresh fohd, one subscriber, n crossings with or without the
    background load; the figures read from fohd's /metrics."""
    d = Fohd(procs, fohd, conf,
             "[ingest]\nlisten = 127.0.0.1:0\ntoken = %s\n"
             "simulate = no\n[rule bench-cross]\nkind = threshold\n"
             "on = zone:floor\nmetric = density\nabove = 1.0\n"
             "clear = 0.5\nfor = 0\nseverity = critical\n"
             "flap_transitions = 0\n" % TOKEN,
             "alert")
    subs = subscribe(procs, d, 1)
    pub0 = d.metric("fohd_published_total")
    got0 = subs[0].count
    try:
        rate = asyncio.run(asyncio.wait_for(
            run("ws://127.0.0.1:%d/ingest" % d.port, n, load), DEADLINE))
    except asyncio.TimeoutError:
        raise BenchError("%d crossings took over %d s" % (n, DEADLINE))
    m = d.metrics()
    q = {}
    for k in ("0.5", "0.9", "0.99"):
        key = 'fohd_alert_latency_seconds{quantile="%s"}' % k
        if key not in m:
            raise BenchError("fohd's /metrics has no %s" % key)
        q[k] = m[key]
    pub1 = d.metric("fohd_published_total")
    settle(subs, [got0 + pub1 - pub0])
    published = d.metric("fohd_published_total") - pub0
    received = subs[0].count - got0
    subs[0].stop()
    d.stop()
    r = {"load": load, "background_rate": rate,
         "alerts": int(m.get("fohd_alert_latency_seconds_count", 0)),
         "p50_ms": q["0.5"] * 1e3, "p90_ms": q["0.9"] * 1e3,
         "p99_ms": q["0.99"] * 1e3, "published": published,
         "received": received}
    print("  %-34s %5d alerts  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  "
          "subscriber got %.1f%% of %d" % (
              "background %.0f readings/s" % rate if load else
              "baseline: no background load", r["alerts"], r["p50_ms"],
              r["p90_ms"], r["p99_ms"],
              100.0 * received / max(published, 1), published))
    sys.stdout.flush()
    return r


def main(args):
    """Run both phases; print them (and --json)."""
    ap = argparse.ArgumentParser(prog="bench-alert.py")
    ap.add_argument("--json", help="also write the figures to this file")
    ap.add_argument("fohd")
    ap.add_argument("conf")
    ap.add_argument("n", nargs="?", type=int, default=1000)
    argv = ap.parse_args(args)
    procs = Procs()
    print("bench-alert: reading arrival -> alert published, timed at fohd; "
          "%d crossings per run, 1 subscriber" % argv.n)
    try:
        out = {"n": argv.n,
               "idle": phase(procs, argv.fohd, argv.conf, argv.n, False),
               "load": phase(procs, argv.fohd, argv.conf, argv.n, True)}
    finally:
        procs.stop()
    if argv.json:
        with open(argv.json, "w") as f:
            json.dump(out, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
