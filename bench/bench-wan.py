#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bench-wan.py: a venue's uplink with 0 (baseline), 1 and 10 consoles
watching it, and the time to back-fill a WAN cut.

The shipped topology of conf/nats/ (doc/DEPLOYING.md) on loopback: the hub
and site north's leaf node, TLS with verify_and_map, certificates made by
conf/nats/mkcerts.sh. fohd club publishes through the leaf node; a
producer sends it RATE zone counts a second over the WebSocket (each a
change, so each is published: a steady stream of zone messages of one
size, plus heartbeats).

Uplink: bytes the hub received from the leaf node (/leafz in_bytes) over
SECONDS, with K consoles at the hub subscribed to foh.club.* for K = 0, 1,
10. A leaf node forwards a subject once to the hub whatever the number of
subscribers there, so 1 and 10 should cost the same; 0 is the baseline
(nothing asked for, nothing sent but the protocol's pings). Also the
messages that crossed per message fohd stored (1 when each crosses once).

Back-fill: the hub is stopped for CUT seconds while fohd goes on; then it
is started again. From the moment the leaf node is back in the hub's
/leafz, a console at the hub replays the venue's stream from the sequence
after the last it had to the stream's end (PROTOCOL.md 14.3, through a
consumer by start sequence in domain north): the time until it holds all
of them, and how many there were.

The consoles are tests/nats_client.py (the protocol spoken from the
specs), standing in for foh: what is measured is the fabric's part.
usage: bench-wan.py [--json FILE] [--seconds S] [--cut S] FOHD SRCDIR
"""
import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import time
import threading
import urllib.request

import websockets

from benchlib import BenchError, Fohd, Procs, wait_for

HERE = os.path.dirname(os.path.abspath(__file__))


class Server:
    """One nats-server from a config of conf/nats/ filled in for loopback;
    its ports are fixed at the first start so that a restart listens where
    the leaf node dials again."""

    def __init__(self, procs, tmp, certs, template, name, hub_leaf=0):
        self.procs, self.tmp, self.name = procs, tmp, name
        with open(os.path.join(SRC, "conf/nats", template)) as f:
            text = f.read()
        text = text.replace("/etc/foh/nats/", certs + "/")
        text = re.sub(r'"/var/lib/nats/[a-z]*"', '"%s/%s.js"' % (tmp, name),
                      text)
        text = re.sub(r"0\.0\.0\.0:\d+", "127.0.0.1:-1", text)
        text = re.sub(r"(?m)^http: 127\.0\.0\.1:\d+", "http: 127.0.0.1:-1",
                      text)
        text = re.sub(r"tls://hub\.example\.net:\d+",
                      "tls://127.0.0.1:%d" % hub_leaf, text)
        self.conf = os.path.join(tmp, name + ".conf")
        with open(self.conf, "w") as f:
            f.write(text)
        self.proc = None
        self.start()

    def start(self):
        """Start it and wait until it is ready; learn and pin its ports."""
        self.log = os.path.join(self.tmp, "%s.%d.log" % (self.name,
                                                        time.time_ns()))
        open(self.log, "w").close()
        self.proc = self.procs.popen(["nats-server", "-c", self.conf, "-l",
                                      self.log], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        wait_for(lambda: "Server is ready" in open(self.log).read(),
                 "nats-server %s" % self.name, 20, 0.05, [self.proc])
        log = open(self.log).read()

        def port(what):
            m = re.search(r"%s [^ ]*:(\d+)" % what, log)
            return int(m.group(1)) if m else 0
        self.port = port("Listening for client connections on")
        self.leaf = port("Listening for leafnode connections on")
        self.http = port("Starting http monitor on")
        with open(self.conf) as f:
            text = f.read()
        lines = []
        for ln in text.split("\n"):
            if "NATS_LEAF_LISTEN" in ln:
                ln = ln.replace("-1", str(self.leaf))
            elif re.match(r"^\s*listen", ln):
                ln = ln.replace("-1", str(self.port))
            elif re.match(r"^\s*http:", ln):
                ln = ln.replace("-1", str(self.http))
            lines.append(ln)
        with open(self.conf, "w") as f:
            f.write("\n".join(lines))

    def stop(self):
        self.procs.end(self.proc)

    def leafz(self):
        """The hub's /leafz: (leaf nodes connected, bytes and messages
        received from them in all; here only site north's)."""
        d = json.load(urllib.request.urlopen(
            "http://127.0.0.1:%d/leafz" % self.http, timeout=5))
        ls = d.get("leafs") or []
        return (len(ls), sum(l["in_bytes"] for l in ls),
                sum(l["in_msgs"] for l in ls))


def produce(url, rate, stop):
    """Send rate zone counts a second to fohd's WebSocket until stop is
    set, every one a change (counts 100..199 in turn over three zones)."""
    async def run():
        async with websockets.connect(url) as ws:
            i = 0
            t = time.monotonic()
            while not stop.is_set():
                zone = ("dance", "bar", "door")[i % 3]
                await ws.send(json.dumps({"kind": "zone_count", "zone": zone,
                                          "count": 100 + i % 100}))
                await ws.recv()
                i += 1
                t += 1.0 / rate
                await asyncio.sleep(max(0.0, t - time.monotonic()))
    asyncio.run(run())


def tls_args(certs, who):
    return ["--ca", certs + "/ca.pem", "--cert", "%s/%s.pem" % (certs, who),
            "--key", "%s/%s.key" % (certs, who)]


def main(argv):
    """Uplink at 0, 1, 10 consoles, then the cut; print (and --json)."""
    global SRC
    ap = argparse.ArgumentParser()
    ap.add_argument("--json")
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--cut", type=float, default=30.0)
    ap.add_argument("--rate", type=float, default=30.0)
    ap.add_argument("fohd")
    ap.add_argument("srcdir")
    a = ap.parse_args(argv)
    SRC = os.path.abspath(a.srcdir)
    sys.path.insert(0, os.path.join(SRC, "tests"))
    import nats_client as nc

    procs = Procs()
    tmp = procs.tmpdir("foh-bench-wan-")
    certs = os.path.join(tmp, "certs")
    mk = os.path.join(SRC, "conf/nats/mkcerts.sh")
    for args in (["ca"], ["server", "hub", "127.0.0.1"],
                 ["server", "north", "127.0.0.1"], ["site", "north"],
                 ["venue", "club"], ["console", "desk1"]):
        subprocess.run([mk, certs] + args, check=True,
                       stdout=subprocess.DEVNULL)
    hub = Server(procs, tmp, certs, "hub.conf", "hub")
    north = Server(procs, tmp, certs, "leaf-north.conf", "north", hub.leaf)
    wait_for(lambda: hub.leafz()[0] == 1, "leaf north at the hub", 20)
    hub_url = "tls://127.0.0.1:%d" % hub.port
    extra = ("[ingest]\nlisten = 127.0.0.1:0\nloopback_only = yes\n"
             "simulate = no\n[nats]\nurl = tls://127.0.0.1:%d\nca = %s\n"
             "cert = %s\nkey = %s\ndomain = north\nmax_age = 1h\n"
             % (north.port, certs + "/ca.pem", certs + "/venue-club.pem",
                certs + "/venue-club.key"))
    d = Fohd(procs, a.fohd, os.path.join(SRC, "conf/club.conf"), extra,
             "wan")
    wait_for(lambda: d.metric("fohd_nats_connected") == 1,
             "fohd's NATS link", 20, 0.05, [d.proc])

    stop = threading.Event()
    prod = threading.Thread(target=produce, args=(
        "ws://127.0.0.1:%d/ingest" % d.port, a.rate, stop), daemon=True)
    prod.start()
    res = {"seconds": a.seconds, "rate": a.rate, "uplink": {}}
    watchers = []
    for k in (0, 1, 10):
        while len(watchers) < k:
            watchers.append(procs.popen(
                [sys.executable, os.path.join(SRC, "tests/nats_client.py")]
                + tls_args(certs, "console-desk1")
                + ["sub", hub_url, "foh.club.*", "100000000", "3600"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(2.0)     # let the interest reach the leaf node
        p0 = d.metric("fohd_nats_published_total")
        _, b0, m0 = hub.leafz()
        time.sleep(a.seconds)
        _, b1, m1 = hub.leafz()
        pub = d.metric("fohd_nats_published_total") - p0
        res["uplink"][str(k)] = {
            "bytes_per_s": (b1 - b0) / a.seconds,
            "msgs_per_s": (m1 - m0) / a.seconds,
            "crossed_per_stored": (m1 - m0) / max(pub, 1),
            "published_per_s": pub / a.seconds}
        print("uplink with %2d consoles: %8.0f bytes/s, %6.1f msgs/s "
              "(fohd stored %.1f msgs/s)" % (
                  k, res["uplink"][str(k)]["bytes_per_s"],
                  res["uplink"][str(k)]["msgs_per_s"],
                  res["uplink"][str(k)]["published_per_s"]), flush=True)
    for w in watchers:
        procs.end(w)

    # The cut.
    c = nc.Conn(hub_url, certs + "/ca.pem", certs + "/console-desk1.pem",
                certs + "/console-desk1.key")
    last = nc.stream_info(c, "north", "FOH_club")["state"]["last_seq"]
    c.close()
    hub.stop()
    t_cut = time.monotonic()
    time.sleep(a.cut)
    hub.start()
    wait_for(lambda: hub.leafz()[0] == 1, "leaf north back", 30, 0.01)
    t_heal = time.monotonic()
    c = nc.Conn(hub_url, certs + "/ca.pem", certs + "/console-desk1.pem",
                certs + "/console-desk1.key")
    end = nc.stream_info(c, "north", "FOH_club")["state"]["last_seq"]
    got = nc.replay(c, "north", "FOH_club", last + 1, end - last, 60.0)
    t_done = time.monotonic()
    c.close()
    seqs = [m["seq"] for m in got]
    if seqs != list(range(last + 1, end + 1)):
        raise BenchError("back-fill: got %d of %d messages" % (len(seqs),
                                                              end - last))
    res["cut"] = {"cut_s": t_heal - t_cut, "messages": end - last,
                  "backfill_s": t_done - t_heal}
    print("cut of %.1f s: %d messages back-filled in %.3f s from the leaf "
          "node's return" % (t_heal - t_cut, end - last, t_done - t_heal),
          flush=True)
    stop.set()
    prod.join(10)
    d.stop()
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
