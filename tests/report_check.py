#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""report_check.py: judge fohd report's HTML and what headless Chromium
made of it, with the standard library only (tests/e2e-report-chromium.sh);
and check its numbers against the journal (tests/e2e-report-night.sh).

  report_check.py html FILE.html CHARTS   strict parse: every element closed
      in order, no script, no event attribute, nothing fetched (no http, no
      //, no url()), the contract's tables present, CHARTS svg.chart
  report_check.py png FILE.png CHARTS     a screenshot that is not blank and
      shows CHARTS chart frames (the frame colour, report-svg.c)
  report_check.py pdf FILE.pdf            %PDF, at least one page, A4
  report_check.py --journal J --html R [--from T] [--to T] [--step S]
                  [--drill] [--conf C]      the numbers, recomputed from the
      journal alone (numbers_main, below)

Exits 0, or 1 with the reason on stderr.
"""
import argparse
import calendar
import html.parser
import math
import re
import sqlite3
import struct
import sys
import time
import zlib

FRAME = (0x6a, 0x00, 0xb0)      # REPORT_SVG_FRAME in src/agent/report-svg.c
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
# SVG elements that may close themselves (<rect/>).
SVG_EMPTY = {"rect", "line", "path", "circle", "polyline", "polygon"}
TABLES = ("report", "zones", "gates", "alerts", "times-severity",
          "times-operator", "decisions", "events")


def fail(msg):
    sys.stderr.write("report_check: %s\n" % msg)
    sys.exit(1)


class Strict(html.parser.HTMLParser):
    """Tag balance, and what a self-contained report may not have."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.charts, self.ids = [], [], 0, set()
        self.in_style = False

    def where(self):
        return "line %d col %d" % self.getpos()

    def check_attrs(self, tag, attrs):
        for k, v in attrs:
            if k.startswith("on"):
                self.errors.append("%s: <%s %s=...>: an event handler"
                                   % (self.where(), tag, k))
            if k in ("src", "href", "xlink:href", "action", "data"):
                self.errors.append("%s: <%s %s=%r>: a reference"
                                   % (self.where(), tag, k, v))
            if k == "id":
                self.ids.add(v)
        if tag == "svg" and ("class", "chart") in attrs:
            self.charts += 1

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "link", "img"):
            self.errors.append("%s: <%s>" % (self.where(), tag))
        self.check_attrs(tag, attrs)
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        self.check_attrs(tag, attrs)
        if tag not in VOID and tag not in SVG_EMPTY:
            self.errors.append("%s: <%s/> closes itself" % (self.where(), tag))

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if tag in VOID:
            self.errors.append("%s: </%s> of a void element"
                               % (self.where(), tag))
            return
        if not self.stack:
            self.errors.append("%s: </%s> with nothing open"
                               % (self.where(), tag))
            return
        top, at = self.stack.pop()
        if top != tag:
            self.errors.append("%s: </%s> closes <%s> of %s"
                               % (self.where(), tag, top, at))

    def handle_data(self, data):
        if self.in_style and ("url(" in data or "@import" in data):
            self.errors.append("%s: the style sheet fetches" % self.where())


def check_html(path, charts):
    with open(path, encoding="utf-8") as f:     # must be UTF-8
        text = f.read()
    if not text.startswith("<!DOCTYPE html>"):
        fail("%s: no <!DOCTYPE html>" % path)
    low = text.lower()
    for bad in ("<script", "http:", "https:", "//"):
        if bad in low:
            fail("%s: has %r at offset %d" % (path, bad, low.index(bad)))
    if "@media print" not in low or "size:a4" not in low:
        fail("%s: no print CSS for A4" % path)
    p = Strict()
    p.feed(text)
    p.close()
    if p.stack:
        p.errors.append("left open: " + ", ".join(
            "<%s> of %s" % s for s in p.stack))
    if p.errors:
        fail("%s: %d errors:\n  %s" % (path, len(p.errors),
                                       "\n  ".join(p.errors[:20])))
    for t in TABLES:
        if t not in p.ids:
            fail("%s: no table id=%s" % (path, t))
    if p.charts != charts:
        fail("%s: %d svg.chart, not %d" % (path, p.charts, charts))
    print("html: %s: balanced, self-contained, %d charts" % (path, charts))


def png_rows(path):
    """The PNG's size and rows of (r, g, b) bytes: 8-bit RGB or RGBA."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s: not a PNG" % path)
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype not in (2, 6) or interlace:
        fail("%s: PNG depth %d colour type %d interlace %d: not read here"
             % (path, depth, ctype, interlace))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if ft == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif ft == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif ft == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif ft == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line) if bpp == 3 else
                    bytes(v for i, v in enumerate(line) if i % 4 != 3))
        prev = line
    return w, h, rows


def check_png(path, charts):
    w, h, rows = png_rows(path)
    frame = bytes(FRAME)
    colours, ink, corners = set(), 0, 0
    for y, row in enumerate(rows):
        colours.update(row[x:x + 3] for x in range(0, 3 * w, 3 * 7))
        ink += sum(1 for x in range(0, 3 * w, 3 * 7)
                   if row[x:x + 3] != b"\xff\xff\xff")
        start = row.find(frame)
        while start >= 0:
            if start % 3 == 0:
                x = start // 3
                # A frame's top-left corner: frame right and below, not
                # left nor above.
                left = x > 0 and row[start - 3:start] == frame
                up = y > 0 and rows[y - 1][start:start + 3] == frame
                right = x + 1 < w and row[start + 3:start + 6] == frame
                down = y + 1 < h and rows[y + 1][start:start + 3] == frame
                if not left and not up and right and down:
                    corners += 1
            start = row.find(frame, start + 1)
    sampled = (w // 7 + 1) * h
    print("png: %s: %dx%d, %d colours sampled, %.1f %% ink, %d frames"
          % (path, w, h, len(colours), 100.0 * ink / sampled, corners))
    if len(colours) < 8 or ink < sampled // 100:
        fail("%s: blank: %d colours, %d of %d sampled pixels not white"
             % (path, len(colours), ink, sampled))
    if corners != charts:
        fail("%s: %d chart frames, not %d" % (path, corners, charts))
    # The whole page was in the window: its last rows are white.
    if any(r != b"\xff" * (3 * w) for r in rows[-20:]):
        fail("%s: the page does not end inside the window" % path)


def check_pdf(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"%PDF-"):
        fail("%s: does not start with %%PDF-" % path)
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    if pages < 1:
        pages = data.count(b"/Type/Page") - data.count(b"/Type/Pages")
    if pages < 1:
        fail("%s: no page" % path)
    # @page { size: A4 }: every page 595 x 842 points, give or take.
    boxes = re.findall(rb"/MediaBox\s*\[\s*([-0-9. ]+)\]", data)
    for b in boxes:
        x0, y0, x1, y1 = (float(v) for v in b.split())
        if abs(x1 - x0 - 595.3) > 2 or abs(y1 - y0 - 841.9) > 2:
            fail("%s: a page of %.1f x %.1f points, not A4" % (
                path, x1 - x0, y1 - y0))
    if not boxes:
        fail("%s: no /MediaBox" % path)
    print("pdf: %s: %d bytes, %d A4 pages" % (path, len(data), pages))


def main():
    if len(sys.argv) > 1 and sys.argv[1].startswith("--"):
        sys.exit(numbers_main())
    if len(sys.argv) < 3:
        fail("usage: report_check.py html|png|pdf FILE [CHARTS]")
    what, path = sys.argv[1], sys.argv[2]
    if what == "html":
        check_html(path, int(sys.argv[3]))
    elif what == "png":
        check_png(path, int(sys.argv[3]))
    elif what == "pdf":
        check_pdf(path)
    else:
        fail("what is %s?" % what)


# --- The numbers, from the journal alone (issue 15, helper "summary") ---

NUMBERS_DOC = """report_check.py --journal: a `fohd report` HTML file against its journal.

An independent checker: it reads the SQLite journal (schema version 4,
described in src/agent/journal.c) with Python's own sqlite3, recomputes
the night's numbers from the definitions written in src/agent/report.h,
and compares them with what the HTML says, read through the report's
HTML contract (fohd(8), REPORT HTML): <table id="zones"> rows
<tr data-zone=ID>, <table id="times-severity"> rows <tr data-group=SEV>,
<table id="decisions"> rows <tr data-alert=ID>, cells <td data-k=KEY>.
It imports and runs nothing of foh's.

    report_check.py --journal J --html R [--from T] [--to T] [--step S]
                    [--drill] [--conf C]

C is the venue's fohd.conf, read here only for its zones' capacity (for
cap_use); without it cap_use is not checked.

T is Unix milliseconds or ISO 8601 UTC (2026-12-04T21:03:10Z); the range
is [from, to), the report's own. --step (ms) asserts the journal's step.
Every comparison is printed, "ok" or "MISMATCH"; the exit status is 1 if
any number differs, 2 if the input cannot be read.

Definitions recomputed (report.h):
  - a zone sample at t lasts the least of: the step of the configs row in
    force at t (the latest at or before t; the first if none), the time
    to the next configs row after t, and the time to that zone's next
    row; minutes in band X = the sum of what its rows in X last / 60000;
    rows count if from <= t < to;
  - peak: the highest density, peak_at: the first sample with it;
    cap_use: the highest count over the zone's capacity (--conf), in %;
  - an alert counts if its first "fire" audit line is in the range; its
    severity starts as the first word of that line's result ("SEVERITY
    STATE"), warning if that is no severity, and rises to the highest
    named by fohd's own later lines of it (empty operator); time to
    acknowledge = t of its first "ack" line with result "done" (before
    `to`) minus t of the fire line; time to resolve = t of its first line
    of fohd's own whose result's second word is "resolved" (any op:
    resolve, settle) minus the same;
  - per operator, the same times of the alerts whose first "done" ack
    was theirs;
  - percentiles nearest-rank: p of n values is the value at rank
    ceil(p * n) in ascending order (median: p = 0.5);
  - the decision log: every audit line with an operator in the range, in
    journal order (seq); an "approve" row's hook is the result of the
    first "hook" line of its alert after it (a hook line goes to the
    latest approve of its alert before it, unless that has one already);
  - only rows with drill = 0 count, or only drill = 1 with --drill.
"""
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


def lasts(configs, t, nxt):
    """How long a row at t lasts (ms): its step, cut at the next configs
    row and at its subject's next row nxt (None: none)."""
    span = step_at(configs, t)
    later = [t0 for t0, _ in configs if t0 > t]
    if later:
        span = min(span, min(later) - t)
    if nxt is not None:
        span = min(span, nxt - t)
    return span


def zones_of(db, configs, lo, hi, drill):
    """{zone: {peak, peak_at, peak_count, ms: {band: ms}}} from
    zone_samples."""
    rows = {}
    for t, zone, count, density, band in db.execute(
            "SELECT t_ms, zone, count, density, band FROM zone_samples"
            " WHERE drill = ? AND t_ms >= ? AND t_ms < ?"
            " ORDER BY t_ms", (drill, lo, hi)):
        rows.setdefault(zone, []).append((t, count, density, band))
    out = {}
    for zone, zr in rows.items():
        z = out[zone] = {"peak": None, "peak_at": None, "peak_count": 0,
                         "ms": dict.fromkeys("ABCDEF", 0)}
        for k, (t, count, density, band) in enumerate(zr):
            nxt = zr[k + 1][0] if k + 1 < len(zr) else None
            z["ms"][band] = z["ms"].get(band, 0) + lasts(configs, t, nxt)
            if z["peak"] is None or density > z["peak"]:
                z["peak"], z["peak_at"] = density, t
            z["peak_count"] = max(z["peak_count"], count)
    return out


def capacities(path):
    """{zone: capacity} from a fohd.conf's [zone ID] sections."""
    out, zone = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            m = re.fullmatch(r"\[\s*(\S+)\s*(\S*)\s*\]", line)
            if m:
                zone = m.group(2) if m.group(1) == "zone" else None
                continue
            m = re.fullmatch(r"capacity\s*=\s*(\d+)", line)
            if zone and m:
                out[zone] = int(m.group(1))
    return out


def severity_word(result):
    """The severity named by the first word of an audit result, or None."""
    w = (result or "").split(" ", 1)[0]
    return w if w in SEVERITIES else None


def alerts_of(db, lo, hi, drill):
    """{alert id: {severity, fired, acked, resolved}} of the alerts that
    fired in the range. An alert's severity is the highest it reached:
    fohd's own audit lines carry "SEVERITY STATE" as their result."""
    out = {}
    for alert, op, t, who, result in db.execute(
            "SELECT alert, op, t_ms, operator, result FROM audit"
            " WHERE drill = ? AND alert <> 0 AND t_ms >= ? AND t_ms < ?"
            " ORDER BY seq", (drill, lo, hi)):
        if op == "fire" and alert not in out:
            out[alert] = {"severity": severity_word(result) or
                          "warning", "fired": t,
                          "acked": None, "acked_by": None,
                          "resolved": None}
            continue
        a = out.get(alert)
        if a is None:
            continue
        w = severity_word(result) if who == "" else None
        if w and SEVERITIES.index(w) > SEVERITIES.index(a["severity"]):
            a["severity"] = w
        if op == "ack" and result == "done" and a["acked"] is None:
            a["acked"], a["acked_by"] = t, who
        words = (result or "").split(" ")
        if (who == "" and a["resolved"] is None and len(words) == 2 and
                words[1] == "resolved"):
            a["resolved"] = t
    return out


def times_of(alerts, severity=None, operator=None):
    """{key: text} of one severity's times (or of the alerts an operator
    acknowledged first), as the HTML writes them."""
    group = [a for a in alerts.values() if (a["severity"] == severity
             if operator is None else a["acked_by"] == operator)]
    out = {"n": str(len(group))}
    for pre, key in (("ack", "acked"), ("res", "resolved")):
        secs = [(a[key] - a["fired"]) / 1000.0 for a in group
                if a[key] is not None]
        for name, p in (("median", 0.5), ("p90", 0.9), ("worst", 1.0)):
            out["%s_%s" % (pre, name)] = (
                "%.1f" % nearest_rank(secs, p) if secs else NONE)
    return out


def decisions_of(db, lo, hi, drill):
    """The decision log's rows, in order: [alert, t, operator, op, note,
    result, hook]."""
    out = []
    for alert, t, who, op, note, result in db.execute(
            "SELECT alert, t_ms, operator, op, note, result FROM audit"
            " WHERE drill = ? AND t_ms >= ? AND t_ms < ? ORDER BY seq",
            (drill, lo, hi)):
        if who != "":
            out.append([alert, t, who, op, note, result, ""])
        elif op == "hook" and alert != 0:
            approves = [d for d in out if d[0] == alert and d[3] == "approve"]
            if approves and approves[-1][6] == "":
                approves[-1][6] = result
    return out


def check_zones(c, doc, zones, caps):
    """min_f, min_e, peak, peak_at and (with caps) cap_use of every
    zone."""
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
        if caps is not None:
            cap = caps.get(zone, 0)
            c.same("zone %s: cap_use" % zone,
                   "%.0f" % (100.0 * z["peak_count"] / cap) if cap else NONE,
                   cells.get("cap_use"))


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


def check_operators(c, doc, alerts):
    """The same times per operator: the alerts each acknowledged first."""
    rows = {a.get("data-group"): k
            for a, k in doc.tables.get("times-operator", [])
            if a.get("data-group")}
    who = sorted({a["acked_by"] for a in alerts.values() if a["acked_by"]})
    c.same("operators", who, sorted(rows))
    for op in who:
        want = times_of(alerts, operator=op)
        for key in ("n",) + TIME_KEYS:
            c.same("operator %s: %s" % (op, key), want[key],
                   rows.get(op, {}).get(key))


def check_decisions(c, doc, decisions):
    """The decision log, row by row, in order."""
    rows = doc.tables.get("decisions", [])
    rows = [(a, k) for a, k in rows if "data-alert" in a]
    c.same("decisions: rows", len(decisions), len(rows))
    for i, (d, (a, k)) in enumerate(zip(decisions, rows)):
        alert, t, operator, op, note, result, hook = d
        what = "decision %d (alert %d)" % (i + 1, alert)
        c.same(what + ": alert", str(alert), a.get("data-alert"))
        c.same(what + ": t", iso(t), k.get("t"))
        c.same(what + ": operator", operator, k.get("operator"))
        c.same(what + ": op", op, k.get("op"))
        c.same(what + ": note", " ".join(note.split()),
               " ".join((k.get("note") or "").split()))
        c.same(what + ": result", result, k.get("result"))
        c.same(what + ": hook", hook, k.get("hook"))


def numbers_main():
    """The journal mode: every comparison printed; 0, 1 or 2."""
    ap = argparse.ArgumentParser(description=NUMBERS_DOC.split("\n")[0])
    ap.add_argument("--journal", required=True)
    ap.add_argument("--html", required=True)
    ap.add_argument("--from", dest="lo", default="0")
    ap.add_argument("--to", dest="hi", default=None)
    ap.add_argument("--step", type=int, default=None,
                    help="the journal's step in ms, asserted")
    ap.add_argument("--drill", action="store_true")
    ap.add_argument("--conf", default=None,
                    help="the venue's fohd.conf: zones' capacity")
    o = ap.parse_args()
    try:
        lo = parse_time(o.lo)
        hi = parse_time(o.hi) if o.hi else 1 << 62
        db = sqlite3.connect("file:%s?mode=ro" % o.journal, uri=True)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        with open(o.html, encoding="utf-8") as f:
            text = f.read()
        caps = capacities(o.conf) if o.conf else None
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
    check_zones(c, doc, zones, caps)
    c.same("html: zone charts", sorted(zones), sorted(
        z for z in set(doc.zone_charts) if z in zones))
    alerts = alerts_of(db, lo, hi, drill)
    check_times(c, doc, alerts)
    check_operators(c, doc, alerts)
    check_decisions(c, doc, decisions_of(db, lo, hi, drill))
    print("%d comparisons, %d mismatched" % (c.n, c.bad))
    return 1 if c.bad else 0


if __name__ == "__main__":
    main()
