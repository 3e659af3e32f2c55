#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bench-summary.py: how long fohd takes to answer op "summary" (the
console's numbers, issue 15) over 24 hours of the arena's journal, which
it reads on its own thread while the venue waits.

The journal is bench-report.py's seeded day (6 zones, 3 gates, 3 devices,
1 model at 10 s, 300 alerts), moved in time so that it ends now; a real
fohd serves it on an ipc control socket. Each figure is the median of RUNS
round trips through nngcat (a process each): op "summary" of 24 h, of 4 h,
and op "alerts" (which reads nothing) as the baseline; the difference is
what the summary costs fohd.

usage: bench-summary.py [--json FILE] [--runs N] FOHD CONF
"""
import argparse
import importlib.util
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

import msgpack

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "bench_report", os.path.join(HERE, "bench-report.py"))
br = importlib.util.module_from_spec(spec)
spec.loader.exec_module(br)

TABLES = ("zone_samples", "gate_samples", "device_samples", "model_samples",
          "configs", "audit")


def ask(url, req, path):
    """One round trip through nngcat; seconds and the answer."""
    with open(path, "wb") as f:
        f.write(msgpack.packb(req))
    t = time.monotonic()
    out = subprocess.run(["nngcat", "--req", "--dial", url, "--file", path,
                          "--msgpack", "--recv-timeout", "30"],
                         check=True, capture_output=True).stdout
    dt = time.monotonic() - t
    unp = msgpack.Unpacker(raw=False)
    unp.feed(out)
    return dt, msgpack.unpackb(next(iter(unp)), raw=False)


def main():
    ap = argparse.ArgumentParser(prog="bench-summary.py")
    ap.add_argument("--json")
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("fohd")
    ap.add_argument("conf")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="foh-bench-summary-")
    fohd = None
    try:
        db = os.path.join(tmp, "arena.db")
        conf = os.path.join(tmp, "arena.conf")
        ctl = "ipc://%s/arena.ctl" % tmp
        with open(conf, "w") as f:
            f.write(open(a.conf).read())
            f.write("\n[journal]\npath = %s\n" % db)
        subprocess.run([a.fohd, "history", "-c", conf], check=True,
                       stdout=subprocess.DEVNULL)
        rows = br.fill(db, a.conf, 24, random.Random(15))
        shift = int(time.time() * 1000) - 24 * 3600000 - br.T0
        c = sqlite3.connect(db)
        for t in TABLES:
            c.execute("UPDATE %s SET t_ms = t_ms + ?" % t, (shift,))
        c.commit()
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        c.close()
        t = time.monotonic()
        subprocess.run([a.fohd, "report", "-c", conf, "-o",
                        os.path.join(tmp, "r.html")], check=True)
        report_s = time.monotonic() - t
        fohd = subprocess.Popen([a.fohd, "-c", conf, "--stream",
                                 "ipc://%s/arena.pub" % tmp, "--control",
                                 ctl], stderr=subprocess.DEVNULL)
        req = os.path.join(tmp, "req")
        for _ in range(100):
            if os.path.exists(ctl[len("ipc://"):]):
                break
            time.sleep(0.05)
        out = {}
        for name, extra in (("alerts (baseline)", {"op": "alerts",
                                                   "ids": [1]}),
                            ("summary 4 h", {"op": "summary", "hours": 4}),
                            ("summary 24 h", {"op": "summary",
                                              "hours": 24})):
            runs = []
            for i in range(a.runs):
                if extra["op"] == "summary":
                    time.sleep(0.6)	# under the peer's 2 a second
                dt, ans = ask(ctl, dict({"v": 1, "kind": "request",
                                         "id": i + 1}, **extra), req)
                if ans.get("kind") != "reply":
                    raise SystemExit("%s: %s" % (name, ans))
                runs.append(dt)
            # The first summary of a range reads the journal; the repeats
            # within the [history] step are answered from the kept answer.
            out[name] = {"median_s": statistics.median(runs),
                         "min_s": min(runs), "first_s": runs[0]}
            if "summary" in ans:
                out[name]["zones"] = len(ans["summary"]["zones"])
                out[name]["f_min"] = max(z["min_f"] for z in
                                         ans["summary"]["zones"])
        base = out["alerts (baseline)"]["median_s"]
        print("journal: 24 h of the arena at 10 s: %d zone rows, %d alerts;"
              " fohd report of it: %.3f s" % (rows["zone_rows"],
                                               rows["alerts"], report_s))
        for name, r in out.items():
            print("%-18s first %7.3f s  median %7.3f s  min %7.3f s  "
                  "(%+.3f s over the baseline)" % (name, r["first_s"],
                                                   r["median_s"], r["min_s"],
                                                   r["median_s"] - base))
        if a.json:
            with open(a.json, "w") as f:
                json.dump({"rows": rows, "ops": out, "report_s": report_s}, f,
                          indent=1)
    finally:
        if fohd is not None:
            fohd.terminate()
            fohd.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
