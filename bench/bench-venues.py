#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bench-venues.py: what a console costs watching hundreds of venues.

  For each run, bench/bench-venues serves VENUES light venues (ZONES zones
  each, one sample per zone per second, a heartbeat a second) and foh
  watches all of them on a 200x60 pty (foh.conf naming every venue). After
  every venue is connected and a warm-up, over SECONDS: foh's CPU (% of
  one core, user + system, all threads), its resident set at the end
  (VmRSS), and the bytes/s it wrote to the pty.
  Runs:
    nng      over nng (ipc), one PUB and one REP per venue: the console
             dials each venue itself.
    nng-base the same with --base FOH (the build before the change), at
             min(VENUES, 256): the old cap.
    nats     through one nats-server (started here on a loopback port the
             system chose, max_payload 2 MB): the venues publish foh.V.KIND
             and answer foh.V.ctl on one connection; foh.conf's streams are
             nats://127.0.0.1:PORT/V. Skipped (said so) without
             nats-server, or when foh refuses nats:// URLs.
Every process is ended and waited for at exit, also on an error or Ctrl-C.
usage: bench-venues.py [--json FILE] [--venues N] [--zones N]
       [--seconds S] [--base FOH] [--runs nng,nng-base,nats] FOH BENCH_VENUES
"""
import argparse
import importlib.util
import json
import os
import re
import select
import shutil
import subprocess
import sys
import time

from benchlib import BenchError, Procs, cpu_seconds, read_line, \
    unix_connected, wait_for

def _bench_term():
    """bench-term.py (a dash in its name), for its pty helpers."""
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location(
        "bench_term", os.path.join(here, "bench-term.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_BT = _bench_term()
spawn_pty, Reader, rss_kb = _BT.spawn_pty, _BT.Reader, _BT.rss_kb

OLD_CAP = 256


def write_conf(tmp, streams):
    """foh.conf naming every venue (id, stream); its path."""
    lines = ["[console]", "fps = 4"]
    for vid, url in streams:
        lines += ["[venue %s]" % vid, "stream = %s" % url]
    path = os.path.join(tmp, "foh.conf")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def start_nats(procs, tmp):
    """A nats-server on a loopback port the system chose; its port."""
    conf = os.path.join(tmp, "nats.conf")
    log = os.path.join(tmp, "nats.log")
    with open(conf, "w") as f:
        f.write("listen: 127.0.0.1:-1\nmax_payload: 2MB\n")
    procs.popen(["nats-server", "-c", conf, "-l", log])

    def port():
        try:
            with open(log) as f:
                m = re.search(r"Listening for client connections on "
                              r"[^ ]*:(\d+)", f.read())
        except OSError:
            return None
        return int(m.group(1)) if m else None
    return wait_for(port, "nats-server to listen", 20)


def one_run(foh, bv, kind, venues, zones, seconds):
    """One measured run; a dict of its figures."""
    procs = Procs()
    try:
        tmp = procs.tmpdir("foh-bench-venues-")
        if kind == "nats":
            port = start_nats(procs, tmp)
            where = "nats://127.0.0.1:%d" % port
            streams = [("v%04d" % i, "%s/v%04d" % (where, i))
                       for i in range(venues)]
        else:
            where = tmp
            streams = [("v%04d" % i, "ipc://%s/v%04d.pub" % (tmp, i))
                       for i in range(venues)]
        pub = procs.popen([bv, "-z", str(zones), where, str(venues)],
                          stdout=subprocess.PIPE, text=True)
        line = read_line(pub.stdout, "bench-venues to be ready", 60)
        if not line.startswith("ready"):
            raise BenchError("bench-venues said %r" % line)
        conf = write_conf(tmp, streams)
        env = {"TERM": "xterm-256color", "LANG": "C.UTF-8",
               "LC_ALL": "C.UTF-8", "HOME": tmp, "XDG_CONFIG_HOME": tmp}
        pid, fd = spawn_pty(procs, [foh, "-c", conf], env)
        rd = Reader(fd)
        rd.start()
        if kind == "nats":
            # Every venue asked for its snapshot and got it.
            answered = [0]

            def all_answered():
                while select.select([pub.stdout], [], [], 0)[0]:
                    ln = pub.stdout.readline()
                    if ln.startswith("answered "):
                        answered[0] = int(ln.split()[1])
                return answered[0] >= venues
            wait_for(all_answered, "every venue's snapshot answered", 60)
        else:
            wait_for(lambda: unix_connected(pid) >= 2 * venues,
                     "foh connected to %d venues" % venues, 60)
        time.sleep(5)   # warm-up: snapshots asked and answered
        c0, b0, t0 = cpu_seconds(pid), rd.mark(), time.monotonic()
        time.sleep(seconds)
        c1, b1, t1 = cpu_seconds(pid), rd.mark(), time.monotonic()
        rss = rss_kb(pid)
        procs.end_pid(pid)
        return {"run": kind, "venues": venues, "zones": zones,
                "cpu_pct": round(100 * (c1 - c0) / (t1 - t0), 1),
                "rss_mb": round(rss / 1024, 1),
                "pty_bytes_s": round((b1 - b0) / (t1 - t0))}
    finally:
        procs.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json")
    ap.add_argument("--venues", type=int, default=300)
    ap.add_argument("--zones", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--base", help="foh of the build before, for nng-base")
    ap.add_argument("--runs", default="nng,nng-base,nats")
    ap.add_argument("foh")
    ap.add_argument("bench_venues")
    a = ap.parse_args()
    out = []

    def say(r):
        out.append(r)
        print("%-8s %4d venues x %d zones: cpu %5.1f %%  rss %6.1f MB  "
              "pty %7d B/s" % (r["run"], r["venues"], r["zones"],
                               r["cpu_pct"], r["rss_mb"], r["pty_bytes_s"]),
              flush=True)

    for kind in a.runs.split(","):
        if kind == "nng-base":
            if not a.base:
                print("nng-base: skipped (no --base)")
                continue
            # The build before, at the old cap; the new one at the same.
            n = min(a.venues, OLD_CAP)
            r = one_run(a.base, a.bench_venues, "nng", n, a.zones,
                        a.seconds)
            r["run"] = "nng-base"
            say(r)
            if n != a.venues:
                say(one_run(a.foh, a.bench_venues, "nng", n, a.zones,
                            a.seconds))
            continue
        if kind == "nats" and shutil.which("nats-server") is None:
            print("nats: skipped (no nats-server)")
            continue
        try:
            say(one_run(a.foh, a.bench_venues, kind, a.venues, a.zones,
                        a.seconds))
        except BenchError as e:
            print("%s: not measured: %s" % (kind, e), flush=True)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(out, f, indent=1)


if __name__ == "__main__":
    try:
        main()
    except BenchError as e:
        sys.exit(str(e))
