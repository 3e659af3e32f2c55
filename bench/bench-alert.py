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
              crossing opens a new alert.
usage: bench-alert.py FOHD CONF [N]
"""
import asyncio
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request

import websockets

TOKEN = "bench-token-0123456789"
OTHERS = ["north", "west", "east", "south", "gates"]


async def background(url, stop, counter):
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
    hdr = {"Authorization": "Bearer " + TOKEN}
    async with websockets.connect(url, extra_headers=hdr) as ws:
        for i in range(n):
            for count in (2400, 120):       # 2.0 then 0.1 p/m2 on 1200 m2
                await ws.send(json.dumps({"kind": "zone_count",
                                          "zone": "floor", "count": count}))
                await ws.recv()
    stop.set()


async def run(url, n, load):
    stop = asyncio.Event()
    counter = [0]
    t0 = time.monotonic()
    if load:
        await asyncio.gather(background(url, stop, counter),
                             crossings(url, n, stop))
    else:
        await crossings(url, n, stop)
    return counter[0] / (time.monotonic() - t0)


def phase(fohd, conf, n, load):
    tmp = tempfile.mkdtemp(prefix="foh-bench-alert-")
    cf = os.path.join(tmp, "bench.conf")
    with open(conf) as src, open(cf, "w") as dst:
        dst.write(src.read())
        dst.write("[ingest]\nlisten = 127.0.0.1:0\ntoken = %s\n"
                  "simulate = no\n[rule bench-cross]\nkind = threshold\n"
                  "on = zone:floor\nmetric = density\nabove = 1.0\n"
                  "clear = 0.5\nfor = 0\nseverity = critical\n" % TOKEN)
    err = os.path.join(tmp, "fohd.log")
    d = subprocess.Popen([fohd, "-c", cf, "--stream", "ipc://%s/pub" % tmp,
                          "--control", "ipc://%s/ctl" % tmp],
                         stderr=open(err, "w"))
    port = None
    for _ in range(200):
        m = re.search(r"ingest on 127\.0\.0\.1:(\d+)", open(err).read())
        if m:
            port = int(m.group(1))
            break
        time.sleep(0.05)
    if port is None:
        raise SystemExit("bench-alert: fohd did not start")
    # A subscriber, so publishing does real work.
    sub = subprocess.Popen(["nngcat", "--sub", "--dial", "ipc://%s/pub" % tmp,
                            "--subscribe", "", "--raw"],
                           stdout=subprocess.DEVNULL)
    rate = asyncio.run(run("ws://127.0.0.1:%d/ingest" % port, n, load))
    text = urllib.request.urlopen(
        "http://127.0.0.1:%d/metrics" % port).read().decode()
    q = dict(re.findall(
        r'fohd_alert_latency_seconds\{quantile="([0-9.]+)"\} (\S+)', text))
    count = re.search(r"fohd_alert_latency_seconds_count (\d+)", text)
    d.terminate()
    d.wait()
    sub.terminate()
    print("  %-34s %5s alerts  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms" % (
          "background %.0f readings/s" % rate if load else
          "baseline: no background load", count.group(1),
          float(q["0.5"]) * 1e3, float(q["0.9"]) * 1e3,
          float(q["0.99"]) * 1e3))


def main(argv):
    fohd, conf = argv[1:3]
    n = int(argv[3]) if len(argv) > 3 else 1000
    print("bench-alert: reading arrival -> alert published, timed at fohd; "
          "%d crossings per run" % n)
    phase(fohd, conf, n, False)
    phase(fohd, conf, n, True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
