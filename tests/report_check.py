#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""report_check.py: check a `fohd report` HTML file against its journal.

An independent checker: it reads the SQLite journal (schema version 4,
described in src/agent/journal.c) with Python's own sqlite3, recomputes
the night's numbers from the definitions written in src/agent/report.h,
and compares them with what the HTML says, read through the report's
HTML contract (fohd(8), REPORT HTML): <table id="zones"> rows
<tr data-zone=ID>, <table id="times-severity"> rows <tr data-group=SEV>,
<table id="decisions"> rows <tr data-alert=ID>, cells <td data-k=KEY>.
It imports and runs nothing of foh's.

    report_check.py --journal J --html R [--from T] [--to T] [--step S]
                    [--drill]

T is Unix milliseconds or ISO 8601 UTC (2026-12-04T21:03:10Z); the range
is [from, to), the report's own. --step (ms) asserts the journal's step.
Every comparison is printed, "ok" or "MISMATCH"; the exit status is 1 if
any number differs, 2 if the input cannot be read.

Definitions recomputed (report.h):
  - a zone sample at t stands for [t, t + step) where step is that of the
    configs row in force at t (the latest at or before t; the first if
    none); minutes in band X = sum of the steps of its rows in X / 60000;
    rows count if from <= t < to;
  - peak: the highest density, peak_at: the first sample with it;
  - an alert counts if its first "fire" audit line is in the range; its
    severity is the highest named by fohd's own audit lines of it (their
    result is "SEVERITY STATE"); time to acknowledge = t of its first
    "ack" line with result "done" (before `to`) minus t of the fire line;
    time to resolve likewise with "resolve";
  - percentiles nearest-rank: p of n values is the value at rank
    ceil(p * n) in ascending order (median: p = 0.5);
  - the decision log: every audit line with an operator in the range, in
    journal order (seq);
  - only rows with drill = 0 count, or only drill = 1 with --drill.
"""
import argparse
import calendar
import html.parser
import math
import re
import sqlite3
import sys
import time

SEVERITIES = ("info", "warning", "critical")
TIME_KEYS = ("ack_median", "ack_p90", "ack_worst",
             "res_median", "res_p90", "res_worst")
NONE = "\u2014"  # an em dash: no value


def parse_time(s):
    """Unix ms from digits or ISO 8601 UTC."""
    if re.fullmatch(r"\d+", s):
        return int(s)
    m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z", s)
    if not m:
        raise ValueError("not Unix ms nor ISO 8601 UTC: %r" % s)
    t = calendar.timegm(time.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"))
    frac = float(m.group(2)) if m.group(2) else 0.0
    return t * 1000 + int(round(frac * 1000))


def iso(ms):
    """ISO 8601 UTC of Unix ms, to the second (truncated)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ms // 1000))


def nearest_rank(values, p):
    """The nearest-rank p-th percentile of values (not empty)."""
    v = sorted(values)
    return v[max(1, math.ceil(p * len(v))) - 1]


class Tables(html.parser.HTMLParser):
    """The report's tables: {id: [(attrs of tr, {key: text})]}, and the
    things that must not be there."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.stack = {}, []
        self.row = self.cell = None
        self.scripts, self.charts, self.zone_charts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if tag == "svg" and "chart" in (a.get("class") or "").split():
            self.charts += 1
            if a.get("data-zone"):
                self.zone_charts.append(a["data-zone"])
        if tag == "table":
            self.stack.append(a.get("id"))
            if a.get("id"):
                self.tables.setdefault(a["id"], [])
        elif tag == "tr" and self.stack and self.stack[-1]:
            self.row = (a, {})
            self.tables[self.stack[-1]].append(self.row)
        elif tag in ("td", "th") and self.row is not None and "data-k" in a:
            self.cell = [a["data-k"], ""]

    def handle_endtag(self, tag):
        if tag == "table" and self.stack:
            self.stack.pop()
            self.row = None
        elif tag == "tr":
            self.row = None
        elif tag in ("td", "th") and self.cell is not None:
            self.row[1][self.cell[0]] = self.cell[1].strip()
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data


class Checker:
    """Counts and prints comparisons."""

    def __init__(self):
        self.n = self.bad = 0

    def same(self, what, journal, html_value):
        self.n += 1
        ok = journal == html_value
        if not ok:
            self.bad += 1
        print("%s journal %s html %s %s" % (what, journal, html_value,
                                             "ok" if ok else "MISMATCH"))
        return ok

    def fail(self, what):
        self.n += 1
        self.bad += 1
        print("%s MISMATCH" % what)


def steps_of(db, drill):
    """[(t_ms, step_ms)] of the configs rows, oldest first."""
    rows = db.execute("SELECT t_ms, step_ms FROM configs WHERE drill = ?"
                      " ORDER BY t_ms, rowid", (drill,)).fetchall()
    if not rows:
        rows = db.execute("SELECT t_ms, step_ms FROM configs"
                          " ORDER BY t_ms, rowid").fetchall()
    return rows


def step_at(configs, t):
    """The step in force at t."""
    step = configs[0][1]
    for t0, s in configs:
        if t0 <= t:
            step = s
        else:
            break
    return step


def zones_of(db, configs, lo, hi, drill):
    """{zone: {peak, peak_at, min_X}} from zone_samples."""
    out = {}
    for t, zone, density, band in db.execute(
            "SELECT t_ms, zone, density, band FROM zone_samples"
            " WHERE drill = ? AND t_ms >= ? AND t_ms < ?"
            " ORDER BY t_ms", (drill, lo, hi)):
        z = out.setdefault(zone, {"peak": None, "peak_at": None,
                                  "ms": dict.fromkeys("ABCDEF", 0)})
        z["ms"][band] = z["ms"].get(band, 0) + step_at(configs, t)
        if z["peak"] is None or density > z["peak"]:
            z["peak"], z["peak_at"] = density, t
    return out


def severity_word(result):
    """The severity named by the first word of an audit result, or None."""
    w = (result or "").split(" ", 1)[0]
    return w if w in SEVERITIES else None


def alerts_of(db, lo, hi, drill):
    """{alert id: {severity, fired, acked, resolved}} of the alerts that
    fired in the range. An alert's severity is the highest it reached:
    fohd's own audit lines carry "SEVERITY STATE" as their result."""
    sev = dict(db.execute("SELECT id, severity FROM alerts WHERE drill = ?",
                          (drill,)).fetchall())
    out = {}
    for alert, op, t, who, result in db.execute(
            "SELECT alert, op, t_ms, operator, result FROM audit"
            " WHERE drill = ? AND alert <> 0 AND t_ms >= ? AND t_ms < ?"
            " ORDER BY seq", (drill, lo, hi)):
        if op == "fire" and alert not in out:
            out[alert] = {"severity": severity_word(result) or
                          sev.get(alert, "warning"), "fired": t,
                          "acked": None, "resolved": None}
            continue
        a = out.get(alert)
        if a is None:
            continue
        w = severity_word(result) if who == "" else None
        if w and SEVERITIES.index(w) > SEVERITIES.index(a["severity"]):
            a["severity"] = w
        if op == "ack" and result == "done" and a["acked"] is None:
            a["acked"] = t
        elif op == "resolve" and a["resolved"] is None:
            a["resolved"] = t
    return out


def times_of(alerts, severity):
    """{key: text} of one severity's times, as the HTML writes them."""
    group = [a for a in alerts.values() if a["severity"] == severity]
    out = {"n": str(len(group))}
    for pre, key in (("ack", "acked"), ("res", "resolved")):
        secs = [(a[key] - a["fired"]) / 1000.0 for a in group
                if a[key] is not None]
        for name, p in (("median", 0.5), ("p90", 0.9), ("worst", 1.0)):
            out["%s_%s" % (pre, name)] = (
                "%.1f" % nearest_rank(secs, p) if secs else NONE)
    return out


def decisions_of(db, lo, hi, drill):
    """The decision log's rows, in order."""
    return db.execute("SELECT alert, t_ms, operator, op, note, result"
                      " FROM audit WHERE drill = ? AND operator <> ''"
                      " AND t_ms >= ? AND t_ms < ? ORDER BY seq",
                      (drill, lo, hi)).fetchall()


def check_zones(c, doc, zones):
    """min_f, min_e, peak and peak_at of every zone."""
    rows = {a.get("data-zone"): k for a, k in doc.tables.get("zones", [])
            if a.get("data-zone")}
    if not rows:
        c.fail("zones: no <tr data-zone> in <table id=\"zones\">")
    for zone in sorted(set(zones) | set(rows)):
        if zone not in rows:
            c.fail("zone %s: in the journal, not in the HTML" % zone)
            continue
        cells = rows[zone]
        z = zones.get(zone)
        if z is None:
            # In the config, no samples in the range: nothing in F.
            c.same("zone %s: min_f" % zone, "0.0", cells.get("min_f"))
            continue
        c.same("zone %s: min_f" % zone, "%.1f" % (z["ms"]["F"] / 60000.0),
               cells.get("min_f"))
        c.same("zone %s: min_e" % zone, "%.1f" % (z["ms"]["E"] / 60000.0),
               cells.get("min_e"))
        c.same("zone %s: peak" % zone, "%.2f" % z["peak"], cells.get("peak"))
        c.same("zone %s: peak_at" % zone, iso(z["peak_at"]),
               cells.get("peak_at"))


def check_times(c, doc, alerts):
    """Time to acknowledge and resolve per severity."""
    rows = {a.get("data-group"): k
            for a, k in doc.tables.get("times-severity", [])
            if a.get("data-group")}
    for sev in SEVERITIES:
        want = times_of(alerts, sev)
        got = rows.get(sev)
        if got is None:
            if want["n"] != "0":
                c.fail("severity %s: %s alerts, no row in the HTML" %
                       (sev, want["n"]))
            continue
        for key in ("n",) + TIME_KEYS:
            c.same("severity %s: %s" % (sev, key), want[key], got.get(key))


def check_decisions(c, doc, decisions):
    """The decision log, row by row, in order."""
    rows = doc.tables.get("decisions", [])
    rows = [(a, k) for a, k in rows if "data-alert" in a]
    c.same("decisions: rows", len(decisions), len(rows))
    for i, (d, (a, k)) in enumerate(zip(decisions, rows)):
        alert, t, operator, op, note, result = d
        what = "decision %d (alert %d)" % (i + 1, alert)
        c.same(what + ": alert", str(alert), a.get("data-alert"))
        c.same(what + ": t", iso(t), k.get("t"))
        c.same(what + ": operator", operator, k.get("operator"))
        c.same(what + ": op", op, k.get("op"))
        c.same(what + ": note", " ".join(note.split()),
               " ".join((k.get("note") or "").split()))
        c.same(what + ": result", result, k.get("result"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--journal", required=True)
    ap.add_argument("--html", required=True)
    ap.add_argument("--from", dest="lo", default="0")
    ap.add_argument("--to", dest="hi", default=None)
    ap.add_argument("--step", type=int, default=None,
                    help="the journal's step in ms, asserted")
    ap.add_argument("--drill", action="store_true")
    o = ap.parse_args()
    try:
        lo = parse_time(o.lo)
        hi = parse_time(o.hi) if o.hi else 1 << 62
        db = sqlite3.connect("file:%s?mode=ro" % o.journal, uri=True)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        with open(o.html, encoding="utf-8") as f:
            text = f.read()
    except (OSError, ValueError, sqlite3.Error) as e:
        print("report_check: %s" % e, file=sys.stderr)
        return 2
    c = Checker()
    drill = 1 if o.drill else 0
    c.same("journal schema version", 4, version)
    doc = Tables()
    doc.feed(text)
    doc.close()
    c.same("html: <script> elements", 0, doc.scripts)
    ext = re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
    c.same("html: external references", 0, len(ext))
    configs = steps_of(db, drill)
    if not configs:
        c.fail("journal: no configs row, no step")
        return 1
    if o.step is not None:
        c.same("journal step_ms", o.step, step_at(configs, lo))
    zones = zones_of(db, configs, lo, hi, drill)
    check_zones(c, doc, zones)
    c.same("html: zone charts", sorted(zones), sorted(
        z for z in set(doc.zone_charts) if z in zones))
    check_times(c, doc, alerts_of(db, lo, hi, drill))
    check_decisions(c, doc, decisions_of(db, lo, hi, drill))
    print("%d comparisons, %d mismatched" % (c.n, c.bad))
    return 1 if c.bad else 0


if __name__ == "__main__":
    sys.exit(main())
