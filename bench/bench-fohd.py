#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bench-fohd.py: readings per second into a real fohd, beside bare
baselines measured in the same run.

  WebSocket JSON: a Python websockets producer (Debian's python3-websockets)
  sends frames of BATCH zone_count readings, keeping WINDOW frames in flight,
  to (a) tests/server-harness, an lws server whose ingest hook only counts
  bytes (the transport baseline), and (b) fohd, which parses, checks,
  applies and publishes every reading.
  nng PULL: nngcat pushes a msgpack array of BATCH readings COUNT times to
  (a) nngcat --pull (the bare receive baseline) and (b) fohd.

fohd's CPU time is read from /proc before and after, so the figure per
CPU-second says what one core of fohd takes in. Run by `make bench`.
usage: bench-fohd.py FOHD SERVER_HARNESS CONF [FRAMES]
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

import msgpack
import websockets

BATCH = 500
WINDOW = 8
ZONES = ["dance", "bar", "door"]


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def frame(i):
    return json.dumps([{"kind": "zone_count", "zone": ZONES[(i + j) % 3],
                        "count": (i * 7 + j) % 500, "source": "bench"}
                       for j in range(BATCH)])


async def produce(url, token, frames):
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


def wait_line(proc_err_path, pattern, timeout=10):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with open(proc_err_path) as f:
            m = re.search(pattern, f.read())
        if m:
            return m
        time.sleep(0.05)
    raise SystemExit("bench: timed out waiting for %r" % pattern)


def main(argv):
    fohd, harness, conf = argv[1:4]
    frames = int(argv[4]) if len(argv) > 4 else 400
    tmp = tempfile.mkdtemp(prefix="foh-bench-")
    token = "bench-token-0123456789"
    out = {}

    # (a) WebSocket baseline: the bare server, no parsing.
    h = subprocess.Popen([harness, "--token", token], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    port = int(h.stdout.readline().split()[1])
    c0 = cpu_seconds(h.pid)
    wall, _ = asyncio.run(produce("ws://127.0.0.1:%d/ingest" % port, token,
                                  frames))
    out["ws_base"] = (frames * BATCH / wall,
                      frames * BATCH / max(cpu_seconds(h.pid) - c0, 1e-9))
    h.terminate()
    h.wait()

    # (b) fohd, WebSocket then PULL.
    cf = os.path.join(tmp, "bench.conf")
    with open(conf) as src, open(cf, "w") as dst:
        dst.write(src.read())
        dst.write("[ingest]\nlisten = 127.0.0.1:0\ntoken = %s\n"
                  "pull = ipc://%s/pull\nsimulate = no\n" % (token, tmp))
    err = os.path.join(tmp, "fohd.log")
    d = subprocess.Popen([fohd, "-c", cf, "--stream", "ipc://%s/pub" % tmp,
                          "--control", "ipc://%s/ctl" % tmp],
                         stderr=open(err, "w"))
    port = int(wait_line(err, r"ingest on 127\.0\.0\.1:(\d+)").group(1))
    c0 = cpu_seconds(d.pid)
    wall, accepted = asyncio.run(produce("ws://127.0.0.1:%d/ingest" % port,
                                         token, frames))
    cpu = cpu_seconds(d.pid) - c0
    assert accepted == frames * BATCH, accepted
    out["ws_fohd"] = (accepted / wall, accepted / max(cpu, 1e-9))

    body = os.path.join(tmp, "batch.bin")
    with open(body, "wb") as f:
        f.write(msgpack.packb([{"kind": "zone_count", "zone": ZONES[j % 3],
                                "count": j % 500} for j in range(BATCH)]))
    count = frames

    # PULL baseline: nngcat --pull receiving the same messages.
    sink = subprocess.Popen(["nngcat", "--pull", "--listen",
                             "ipc://%s/base" % tmp, "--count", str(count),
                             "--raw"], stdout=subprocess.DEVNULL)
    t0 = time.monotonic()
    subprocess.run(["nngcat", "--push", "--dial", "ipc://%s/base" % tmp,
                    "--file", body, "--count", str(count), "--interval",
                    "0"], check=True)
    sink.wait()
    out["pull_base"] = (count * BATCH / (time.monotonic() - t0), None)

    def pulled():
        text = urllib.request.urlopen(
            "http://127.0.0.1:%d/metrics" % port).read().decode()
        m = re.search(r'fohd_ingest_frames_total\{path="pull"\} (\d+)', text)
        return int(m.group(1)) if m else 0

    c0 = cpu_seconds(d.pid)
    t0 = time.monotonic()
    subprocess.run(["nngcat", "--push", "--dial", "ipc://%s/pull" % tmp,
                    "--file", body, "--count", str(count), "--interval",
                    "0"], check=True)
    while pulled() < count:
        time.sleep(0.01)
    wall = time.monotonic() - t0
    cpu = cpu_seconds(d.pid) - c0
    out["pull_fohd"] = (count * BATCH / wall, count * BATCH / cpu)
    d.terminate()
    d.wait()

    print("bench-fohd: %d frames of %d zone_count readings per path, "
          "window %d" % (frames, BATCH, WINDOW))
    print("WebSocket JSON (python3-websockets producer):")
    print("  baseline lws server, no parsing   %9.0f readings/s wall  "
          "%9.0f per server CPU-s" % out["ws_base"])
    print("  fohd parse+check+apply+publish    %9.0f readings/s wall  "
          "%9.0f per fohd CPU-s" % out["ws_fohd"])
    print("nng PULL msgpack (nngcat --push producer):")
    print("  baseline nngcat --pull            %9.0f readings/s wall"
          % out["pull_base"][0])
    print("  fohd decode+check+apply+publish   %9.0f readings/s wall  "
          "%9.0f per fohd CPU-s" % out["pull_fohd"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
