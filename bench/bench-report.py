#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bench-report.py: how long `fohd report` takes on a 24 h journal of the
arena (conf/arena.conf: 6 zones, 3 gates, 3 devices, 1 model) at a 10 s
step, with a few hundred alerts and their audit lines.

The journal is made the way fohd makes it (fohd history opens it, so makes
its schema), then filled by SQL with a seeded night: the zones fill from
the afternoon to a peak in the evening (the floor into F), the gates'
flow follows the arrivals and leavings, a device warns now and then, the
model drifts once; ALERTS alerts over the day, most acknowledged by one of
four operators after 5 to 120 s, most resolved, some shelved, escalated,
commented or approved. Then `fohd report` writes the whole day as HTML,
as JSON and as the density CSV, each RUNS times (the median is the
figure), and the bare read of the samples it needs by Python's sqlite3 is
the baseline.

usage: bench-report.py [--json FILE] [--hours H] [--runs N] [--keep DIR]
                       FOHD CONF
(--keep: copy the report's HTML and the journal into DIR, to look at.)
"""
import argparse
import json
import math
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

STEP = 10000
T0 = 1795600000000          # 2026-11-25T07:06:40Z, a Wednesday
ALERTS = 300
OPERATORS = ["ana", "ben", "cy", "dee"]


def ids(conf, kind):
    """The ids of conf's [KIND id] sections, in order."""
    out = []
    for line in open(conf):
        line = line.strip()
        if line.startswith("[" + kind + " ") and line.endswith("]"):
            out.append(line[len(kind) + 2:-1])
    return out


def crowd(t, peak):
    """The share of a zone's peak at step t: up from 3 h, most from 10 h
    to 14 h, down by 16 h."""
    h = (t - T0) / 3600000.0
    return peak * max(0.0, math.sin(math.pi * (h - 3) / 13)) ** 2 \
        if 3 <= h <= 16 else 0.0


def band(d, walkway):
    """The band letter of density d (src/core/band.c)."""
    ups = (0.31, 0.43, 0.72, 1.08, 2.17) if walkway else \
        (0.83, 1.11, 1.43, 3.33, 5.00)
    for i, u in enumerate(ups):
        if d <= u:
            return "ABCDE"[i]
    return "F"


def fill(db, conf, hours, rnd):
    """The night's samples, configs, alerts and audit lines."""
    zones, gates = ids(conf, "zone"), ids(conf, "gate")
    devices, models = ids(conf, "device"), ids(conf, "model")
    peaks = {z: 5.6 if z == "floor" else 1.6 + 0.4 * i
             for i, z in enumerate(zones)}
    walk = {"west", "east"}
    n = hours * 3600000 // STEP
    c = sqlite3.connect(db)
    c.execute("BEGIN")
    c.execute("INSERT INTO configs VALUES (?, ?, ?, 0)",
              (T0 - 60000, "a1b2c3d4e5f60718", STEP))
    zr, gr, dr, mr = [], [], [], []
    for k in range(n):
        t = T0 + k * STEP
        for z in zones:
            d = max(0.0, crowd(t, peaks[z]) + rnd.gauss(0, 0.05))
            zr.append((t, z, int(d * 400), d, band(d, z in walk)))
        for g in gates:
            f = max(0.0, 95 * crowd(t, 1.0) + rnd.gauss(0, 4))
            gr.append((t, g, int(f / 6), int(f / 12), f,
                       "F" if f > 82 else "C"))
        for i, dv in enumerate(devices):
            st = "warning" if (k // 360 + i) % 17 == 0 else "ok"
            dr.append((t, dv, st, 0.2 + k / n / 2))
        for m in models:
            mr.append((t, m, 0.3 if k > n * 2 // 3 else 0.05,
                       "major" if k > n * 2 // 3 else "stable"))
    c.executemany("INSERT INTO zone_samples VALUES (?,?,?,?,?,0)", zr)
    c.executemany("INSERT INTO gate_samples VALUES (?,?,?,?,?,?,0)", gr)
    c.executemany("INSERT INTO device_samples VALUES (?,?,?,?,0)", dr)
    c.executemany("INSERT INTO model_samples VALUES (?,?,?,?,0)", mr)
    subjects = zones + gates + devices
    audit = []
    for a in range(1, ALERTS + 1):
        fired = T0 + rnd.randrange(n) * STEP
        sev = rnd.choice(["info", "warning", "warning", "critical"])
        subj = rnd.choice(subjects)
        rule = "density-warn" if subj in zones else "flow-over-limit" \
            if subj in gates else "device-status"
        c.execute("INSERT INTO alerts VALUES (?, ?, ?, ?, ?, 'resolved', "
                  "?, 0, ?, x'', 0)", (a, "fp%d" % a, rule, subj, sev,
                                       fired, fired))
        title = "%s on %s" % (rule, subj)
        audit.append((fired, a, "fire", "", title, sev + " firing"))
        if sev == "warning" and rnd.random() < 0.1:
            audit.append((fired + 30000, a, "timer", "", title,
                          "critical firing"))
        who = rnd.choice(OPERATORS)
        if rnd.random() < 0.9:
            audit.append((fired + rnd.randint(5000, 120000), a, "ack", who,
                          "seen, steward sent to %s" % subj, "done"))
        if rnd.random() < 0.1:
            audit.append((fired + 130000, a, "shelve", who,
                          "known: sensor dirty", "done"))
        if rnd.random() < 0.2:
            audit.append((fired + 140000, a, "comment", who,
                          "crowd <easing> & moving \"slowly\"", "done"))
        if rnd.random() < 0.05:
            audit.append((fired + 150000, a, "approve", who,
                          "open the side exit", "done"))
        if rnd.random() < 0.85:
            audit.append((fired + rnd.randint(60000, 1200000), a,
                          "resolve", "", title, sev + " resolved"))
    audit.sort()
    c.executemany("INSERT INTO audit (t_ms, venue, alert, op, operator, "
                  "note, request, result, peer, key, transport, reason, "
                  "drill) VALUES (?, 'arena', ?, ?, ?, ?, 0, ?, 'ipc', "
                  "'', 'ipc', '', 0)", audit)
    c.commit()
    c.close()
    return {"zone_rows": len(zr), "gate_rows": len(gr),
            "device_rows": len(dr), "model_rows": len(mr),
            "alerts": ALERTS, "audit_lines": len(audit)}


def timed(argv):
    """Wall seconds of one run of argv, which must succeed."""
    t = time.monotonic()
    r = subprocess.run(argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, timeout=600)
    if r.returncode != 0:
        raise SystemExit("bench-report: %s: exit %d: %s" % (
            " ".join(argv), r.returncode, r.stderr.strip()))
    return time.monotonic() - t


def bare_read(db, t1):
    """The baseline: every sample row the report needs, read by Python."""
    t = time.monotonic()
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    for table in ("zone_samples", "gate_samples", "device_samples",
                  "model_samples", "audit"):
        for _ in c.execute("SELECT * FROM %s WHERE drill = 0 AND t_ms >= ? "
                           "AND t_ms < ? ORDER BY t_ms" % table, (T0, t1)):
            pass
    c.close()
    return time.monotonic() - t


def main():
    ap = argparse.ArgumentParser(prog="bench-report.py")
    ap.add_argument("--json")
    ap.add_argument("--hours", type=int, default=24)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep")
    ap.add_argument("fohd")
    ap.add_argument("conf")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="foh-bench-report-")
    try:
        db = os.path.join(tmp, "arena.db")
        conf = os.path.join(tmp, "arena.conf")
        with open(conf, "w") as f:
            f.write("[journal]\npath = %s\n\n" % db)
            f.write(open(a.conf).read())
        subprocess.run([a.fohd, "history", "-c", conf], check=True,
                       stdout=subprocess.DEVNULL)
        t = time.monotonic()
        rows = fill(db, a.conf, a.hours, random.Random(15))
        made = time.monotonic() - t
        for f in os.listdir(tmp):       # one file: fold the WAL in
            if f.endswith("-wal"):
                sqlite3.connect(db).execute(
                    "PRAGMA wal_checkpoint(TRUNCATE)").close()
        t1 = T0 + a.hours * 3600000
        rng = ["--from", time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                       time.gmtime(T0 // 1000)),
               "--to", time.strftime("%Y-%m-%dT%H:%M:%SZ",
                                     time.gmtime(t1 // 1000))]
        base = [a.fohd, "report", "-c", conf] + rng
        out = {}
        for name, extra, path in (
                ("html", [], "r.html"),
                ("json", ["--format", "json"], "r.json"),
                ("csv_density", ["--format", "csv", "--table", "density"],
                 "r.csv")):
            p = os.path.join(tmp, path)
            runs = [timed(base + extra + ["-o", p]) for _ in range(a.runs)]
            out[name] = {"median_s": statistics.median(runs),
                         "min_s": min(runs), "bytes": os.path.getsize(p)}
        bare = statistics.median(bare_read(db, t1) for _ in range(a.runs))
        res = {"hours": a.hours, "step_ms": STEP, "rows": rows,
               "journal_bytes": os.path.getsize(db), "fill_s": made,
               "bare_read_s": bare, "report": out}
        print("journal: %d h of the arena at %d s: %d zone, %d gate, %d "
              "device, %d model rows, %d alerts, %d audit lines; %.1f MB "
              "(made in %.1f s)" % (
                  a.hours, STEP // 1000, rows["zone_rows"],
                  rows["gate_rows"], rows["device_rows"], rows["model_rows"],
                  rows["alerts"], rows["audit_lines"],
                  res["journal_bytes"] / 1e6, made))
        print("bare read of its rows (python sqlite3, baseline) %8.3f s"
              % bare)
        for name, r in out.items():
            print("fohd report %-12s median %8.3f s  min %8.3f s  %8.1f KB"
                  % (name, r["median_s"], r["min_s"], r["bytes"] / 1e3))
        if a.keep:
            os.makedirs(a.keep, exist_ok=True)
            for f in ("r.html", "arena.db"):
                shutil.copy(os.path.join(tmp, f), a.keep)
        if a.json:
            with open(a.json, "w") as f:
                json.dump(res, f, indent=1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
