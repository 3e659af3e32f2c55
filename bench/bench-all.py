#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""bench-all.py: every benchmark against one build, or against two builds
back to back, and a summary of their figures.

  bench-all.py BUILD                 run them all on BUILD, print a summary
  bench-all.py BASE_BUILD NEW_BUILD  the same benchmarks on both, in turn
                                     (BASE then NEW, then NEW then BASE in
                                     the next round...), and a comparison

A BUILD is a configured build directory holding fohd, foh,
tests/server-harness, bench/bench-ingest and bench/bench-noise (`make
bench` and bench/compare.sh build them). The Python benchmarks are this
script's own (bench/ beside it), the same for both builds; the C ones and
the configs (conf/ of the build's source tree) are each build's own.
Each benchmark's output is shown as it runs; the summary gives each figure,
its unit and which way is better; with --rounds N, the median of N runs.
With two builds, a figure worse in NEW by more than --noise percent is
marked "worse?", and a figure that must not change (the noise benchmark's
counts are deterministic) is marked "CHANGED" when it does.
usage: bench-all.py [--rounds N] [--only a,b] [--noise PCT] [--json FILE]
       [--quick] BUILD [NEW_BUILD]
benchmarks: ingest fohd alert term noise noise20 sign nats venues wan link
            report
"""
import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PY = sys.executable or "/usr/bin/python3"
ALL = ["ingest", "fohd", "alert", "term", "noise", "noise20", "sign",
       "nats", "venues", "wan", "link"]


def srcdir_of(build):
    """The source tree a configured build directory was made from."""
    with open(os.path.join(build, "Makefile")) as f:
        m = re.search(r"(?m)^abs_top_srcdir = (.*)$", f.read())
    if not m:
        raise SystemExit("bench-all: %s/Makefile names no abs_top_srcdir"
                         % build)
    return m.group(1).strip()


def run(argv, cwd, timeout):
    """Run argv in cwd, echoing its output; (status, output). On a timeout,
    an error or a signal here, the benchmark gets SIGTERM (it then ends
    what it started), SIGKILL only if it does not exit within 30 s."""
    print("$ " + " ".join(argv), flush=True)
    t0 = time.monotonic()
    p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    lines = []

    def echo():
        for line in p.stdout:
            lines.append(line)
            sys.stdout.write(line)
            sys.stdout.flush()

    t = threading.Thread(target=echo, daemon=True)
    t.start()
    try:
        p.wait(timeout)
    except subprocess.TimeoutExpired:
        stop(p)
        print("bench-all: %s timed out after %d s" % (argv[0], timeout),
              flush=True)
        return 124, "".join(lines)
    except BaseException:
        stop(p)
        raise
    t.join(10)
    out = "".join(lines)
    print("(%s, %.0f s)" % ("exit %d" % p.returncode if p.returncode
                            else "ok", time.monotonic() - t0), flush=True)
    return p.returncode, out


def stop(p):
    """SIGTERM p, then SIGKILL after 30 s; reap it."""
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def on_signal(signum, frame):
    """SIGTERM, SIGHUP: unwind, so the running benchmark is stopped."""
    raise SystemExit(128 + signum)


def grab(out, pattern, what, figs, name, unit, better, scale=1.0):
    """Add figure name from the first group of pattern in out."""
    m = re.search(pattern, out)
    if m:
        figs.append((what, name, unit, better, float(m.group(1)) * scale))


def make_certs(d):
    """A CA and a certificate for localhost from it (EC P-256), made by
    openssl into folder d: ca.pem, venue.pem, venue.key. False if openssl
    is missing or fails (the tls+tcp figures are then left out)."""
    os.makedirs(d, exist_ok=True)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-noenc"]
    ext = os.path.join(d, "venue.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=DNS:localhost\n")
    steps = [
        ["openssl", "req", "-x509"] + ec + ["-keyout", "ca.key", "-out",
         "ca.pem", "-days", "2", "-subj", "/CN=foh bench CA"],
        ["openssl", "req", "-new"] + ec + ["-keyout", "venue.key", "-out",
         "venue.csr", "-subj", "/CN=localhost"],
        ["openssl", "x509", "-req", "-in", "venue.csr", "-CA", "ca.pem",
         "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile",
         ext, "-out", "venue.pem"],
    ]
    for argv in steps:
        try:
            r = subprocess.run(argv, cwd=d, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
        except OSError as e:
            print("bench-all: openssl: %s: no tls+tcp figures" % e)
            return False
        if r.returncode != 0:
            print("bench-all: %s: %s" % (" ".join(argv), r.stderr.strip()))
            return False
    return True


def bench_ingest(b, quick, tmp):
    """bench-ingest (the console's ingest): its figures, with tcp beside
    tls+tcp when openssl can make the certificates."""
    n = "50000" if quick else "500000"
    certs = os.path.join(tmp, "certs")
    # -H: fohd's readings with history at the edge off and on (issue 15).
    # An older build's bench-ingest has no -H: leave it out there.
    argv = ["./bench/bench-ingest", n]
    if os.path.exists(os.path.join(b["src"], "bench/bench-history.c")):
        argv[1:1] = ["-H", os.path.join(b["src"], "conf/arena.conf")]
    if make_certs(certs):
        argv.append(certs)
    st, out = run(argv, b["build"], 600)
    figs = []
    w = "ingest"
    grab(out, r"baseline msgpack_unpack, reused zone\s+([0-9.]+) ns", w, figs,
         "bare msgpack_unpack (baseline)", "ns/msg", "lower")
    grab(out, r"fohp_decode \+ store_apply \(foh\)\s+([0-9.]+) ns", w, figs,
         "console decode + apply", "ns/msg", "lower")
    grab(out, r"baseline recv \+ msgpack_unpack\s+([0-9.]+) msg/s", w, figs,
         "bare nng recv + unpack (baseline)", "msg/s", "higher")
    grab(out, r"foh recv \+ decode \+ apply\s+([0-9.]+) msg/s", w, figs,
         "console through nng ipc", "msg/s", "higher")
    grab(out, r"= (\d+)% of baseline", w, figs,
         "console through nng, share of bare", "%", "higher")
    grab(out, r"foh over tcp\s+([0-9.]+) msg/s", w, figs,
         "console through nng tcp", "msg/s", "higher")
    grab(out, r"foh over tls\+tcp\s+([0-9.]+) msg/s", w, figs,
         "console through nng tls+tcp", "msg/s", "higher")
    grab(out, r"= (\d+)% of tcp", w, figs,
         "console tls+tcp, share of tcp", "%", "higher")
    grab(out, r"history off\s+([0-9.]+) readings/s", w, figs,
         "fohd readings in process, history off", "readings/s", "higher")
    grab(out, r"history on, step 1s\s+([0-9.]+) readings/s", w, figs,
         "fohd readings in process, history on", "readings/s", "higher")
    grab(out, r"= ([0-9.]+)% of off \(wall\)", w, figs,
         "history on, share of off, wall (target >= 90)", "%", "higher")
    grab(out, r"of off \(wall\), ([0-9.]+)% \(CPU\)", w, figs,
         "history on, share of off, per CPU-s", "%", "higher")
    grab(out, r"history per venue-hour\s+([0-9.]+) KiB", w, figs,
         "journal history per venue-hour (arena)", "KiB", "lower")
    grab(out, r"a step's commit\s+([0-9.]+) ms median", w, figs,
         "history step commit, median", "ms", "lower")
    return st, figs


def run_json(b, script, args, limit, tmp):
    """Run bench/SCRIPT --json FILE ARGS in build b: (status, its figures
    as a dict, or None when it failed or wrote none)."""
    js = os.path.join(tmp, script + ".json")
    st, out = run([PY, os.path.join(HERE, script), "--json", js] + args,
                  b["build"], limit)
    if st != 0 or not os.path.exists(js):
        return st or 1, None
    with open(js) as f:
        d = json.load(f)
    os.unlink(js)
    return st, d


def bench_fohd(b, quick, tmp):
    """bench-fohd.py (fohd's ingest, 0/1/10 subscribers): its figures."""
    # History at the edge (issue 15) where the build has it.
    hist = ["--history"] if os.path.exists(
        os.path.join(b["src"], "src/agent/agent-history.c")) else []
    st, d = run_json(b, "bench-fohd.py", hist + [
        "./fohd", "tests/server-harness",
        os.path.join(b["src"], "conf/club.conf"),
        "200" if quick else "1000"], 2400, tmp)
    figs = []
    if d is None:
        return st, figs
    if "history" in d:
        h = d["history"]
        figs.append(("fohd", "pull, journal, history off, wall",
                     "readings/s", "higher", h["off"]["wall"]))
        figs.append(("fohd", "pull, journal, history on (1s), wall",
                     "readings/s", "higher", h["on"]["wall"]))
        figs.append(("fohd", "history on, share of off, wall (target "
                     ">= 90)", "%", "higher",
                     100.0 * h["on"]["wall"] / h["off"]["wall"]))
        figs.append(("fohd", "history on, share of off, per fohd CPU-s",
                     "%", "higher",
                     100.0 * h["on"]["cpu"] / h["off"]["cpu"]))
    figs.append(("fohd", "ws: bare lws server (baseline)", "readings/s",
                 "higher", d["ws_base"]["wall"]))
    figs.append(("fohd", "pull: bare nngcat --pull (baseline)", "readings/s",
                 "higher", d["pull_base"]["wall"]))
    for path in ("ws", "pull"):
        for r in d[path + "_fohd"]:
            n = r["subs"]
            tag = "%s, %d sub%s" % (path, n, "" if n == 1 else "s")
            figs.append(("fohd", tag + ", per fohd CPU-s", "readings",
                         "higher", r["cpu"]))
            figs.append(("fohd", tag + ", wall", "readings/s", "higher",
                         r["wall"]))
            if n:
                figs.append(("fohd", tag + ", least received", "%",
                             "higher", 100.0 * r["received_min"] /
                             max(r["published"], 1)))
    return st, figs


def bench_alert(b, quick, tmp):
    """bench-alert.py (alert latency at fohd): its figures."""
    st, d = run_json(b, "bench-alert.py", [
        "./fohd", os.path.join(b["src"], "conf/arena.conf"),
        "200" if quick else "1000"], 900, tmp)
    figs = []
    if d is None:
        return st, figs
    for k, tag in (("idle", "no load"), ("load", "under load")):
        r = d[k]
        figs.append(("alert", tag + ": alerts timed", "alerts", "same",
                     r["alerts"]))
        for q in ("p50", "p99"):
            figs.append(("alert", "%s: %s" % (tag, q), "ms", "lower",
                         r[q + "_ms"]))
    figs.append(("alert", "background load", "readings/s", "higher",
                 d["load"]["background_rate"]))
    return st, figs


def bench_term(b, quick, tmp):
    """bench-term.py (the console on a pty): its figures."""
    st, d = run_json(b, "bench-term.py", [
        "./foh", "./fohd", os.path.join(b["src"], "conf/arena.conf"),
        "5" if quick else "20"], 900, tmp)
    figs = []
    if d is None:
        return st, figs
    w = "term"
    figs.append((w, "foh 200x60, 101 venues", "bytes/s", "lower",
                 d["foh_bytes_s"]))
    figs.append((w, "btop 200x60 (baseline)", "bytes/s", "lower",
                 d["btop_bytes_s"]))
    if "frames" in d:
        figs.append((w, "frame build, mean", "ms", "lower",
                     d["frame_mean_ms"]))
    figs.append((w, "foh resident memory", "MB", "lower", d["foh_rss_mb"]))
    if "crossings_seen" in d:
        figs.append((w, "reading -> alert on screen, median", "ms", "lower",
                     d["alert_median_ms"]))
        figs.append((w, "reading -> alert on screen, p99", "ms", "lower",
                     d["alert_p99_ms"]))
    for x in d["demo"]:
        figs.append((w, "foh --demo %dx%d %s" % (x["cols"], x["rows"],
                                                 x["what"]),
                     "bytes/s", "lower", x["bytes_s"]))
    return st, figs


def noise_figs(out, w):
    """The measure table of bench-noise: its 'after' column, the real
    time of both."""
    figs = []
    rows = {}
    for line in out.splitlines():
        c = [x.strip() for x in line.split("|")]
        if len(c) == 6 and c[1] and not c[1].startswith("-"):
            rows[c[1]] = c[2:5]
    for key, name in (("distinct alerts", "distinct alerts, after"),
                      ("most alerts of one (venue, rule, subject) in 10 min",
                       "most alerts per subject in 10 min, after"),
                      ("most queue rows at any moment",
                       "most queue rows, after")):
        if key in rows:
            figs.append((w, name, "count", "same",
                         float(rows[key][1].strip("*"))))
    key = "stream messages published / received"
    if key in rows:
        for col, tag in ((0, "before"), (1, "after")):
            pub, rec = [float(x) for x in rows[key][col].strip("*")
                        .split("/")]
            figs.append((w, "messages received, " + tag, "%", "same",
                         100.0 * rec / max(pub, 1)))
    for k in rows:
        if k.startswith("real time"):
            for col, tag in ((0, "before"), (1, "after")):
                m = re.match(r"([0-9.]+) s", rows[k][col].strip("*"))
                if m:
                    figs.append((w, "real time, " + tag, "s", "lower",
                                 float(m.group(1))))
    return figs


def bench_noise(b, quick, tmp):
    """bench-noise, the demo's hour at the agents' pace."""
    argv = ["./bench/bench-noise"] + (["--minutes", "10"] if quick else [])
    st, out = run(argv, b["build"], 900)
    return st, noise_figs(out, "noise")


def bench_noise20(b, quick, tmp):
    """bench-noise --speed 20, the hour as foh --demo plays it."""
    st, out = run(["./bench/bench-noise", "--speed", "20"], b["build"], 900)
    return st, noise_figs(out, "noise20")


def private_agent(tmp):
    """A private ssh-agent in tmp holding a fresh Ed25519 key: (its
    process, its socket), or (None, None) without ssh-agent. The caller
    stops it."""
    if not (shutil.which("ssh-agent") and shutil.which("ssh-keygen") and
            shutil.which("ssh-add")):
        return None, None
    key = os.path.join(tmp, "bench-key")
    sock = os.path.join(tmp, "bench-agent.sock")
    for f in (key, key + ".pub", sock):
        if os.path.exists(f):
            os.unlink(f)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
                    "bench", "-f", key], check=True)
    agent = subprocess.Popen(["ssh-agent", "-D", "-a", sock],
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    limit = time.monotonic() + 10
    while not os.path.exists(sock) and time.monotonic() < limit:
        time.sleep(0.05)
    env = dict(os.environ, SSH_AUTH_SOCK=sock)
    if subprocess.run(["ssh-add", "-q", key], env=env,
                      stderr=subprocess.DEVNULL).returncode != 0:
        stop(agent)
        return None, None
    return agent, sock


def bench_sign(b, quick, tmp):
    """bench-sign (a signed request's cost beside an unsigned one)."""
    if not os.path.exists(os.path.join(b["build"], "bench/bench-sign")):
        print("bench-all: %s has no bench/bench-sign: skipped" % b["build"])
        return 0, []
    agent, sock = private_agent(tmp)
    old = os.environ.get("SSH_AUTH_SOCK")
    if sock:
        os.environ["SSH_AUTH_SOCK"] = sock
    else:
        os.environ.pop("SSH_AUTH_SOCK", None)
    try:
        st, out = run(["./bench/bench-sign", "20000" if quick else "200000"],
                      b["build"], 900)
    finally:
        if agent:
            stop(agent)
        if old is None:
            os.environ.pop("SSH_AUTH_SOCK", None)
        else:
            os.environ["SSH_AUTH_SOCK"] = old
    figs = []
    w = "sign"
    grab(out, r"baseline fohp_decode, unsigned request\s+([0-9.]+) ns", w,
         figs, "decode unsigned request (baseline)", "ns/req", "lower")
    grab(out, r"signed: decode \+ verify \+ decode body\s+([0-9.]+) ns", w,
         figs, "signed: decode + verify + decode body", "ns/req", "lower")
    grab(out, r"of which sshsig_verify\s+([0-9.]+) ns", w, figs,
         "of which sshsig_verify", "ns/req", "lower")
    grab(out, r"sshsig_sign, key file in memory\s+([0-9.]+) ns", w, figs,
         "console: sign with a key file", "us/req", "lower", 1e-3)
    grab(out, r"sshagent_sign through ssh-agent\s+([0-9.]+) ns", w, figs,
         "console: sign through ssh-agent", "us/req", "lower", 1e-3)
    return st, figs


def bench_nats(b, quick, tmp):
    """bench-nats.py (fohd's ingest with [nats] off and on, the link's
    store rate): its figures."""
    st, d = run_json(b, "bench-nats.py", [
        "./fohd", os.path.join(b["src"], "conf/club.conf"),
        "100" if quick else "400"], 1200, tmp)
    if d is None:
        return st, []
    return st, [
        ("nats", "ingest, [nats] off (baseline), wall", "readings/s",
         "higher", d["off"]["wall"]),
        ("nats", "ingest, [nats] on, wall", "readings/s", "higher",
         d["on"]["wall"]),
        ("nats", "ingest, [nats] off (baseline), per fohd CPU-s",
         "readings", "higher", d["off"]["cpu"]),
        ("nats", "ingest, [nats] on, per fohd CPU-s", "readings", "higher",
         d["on"]["cpu"]),
        ("nats", "ingest, [nats] off, per loop-thread CPU-s", "readings",
         "higher", d["off"]["loop"]),
        ("nats", "ingest, [nats] on, per loop-thread CPU-s", "readings",
         "higher", d["on"]["loop"]),
        ("nats", "stored into JetStream", "msg/s", "higher",
         d["on"]["store_rate"]),
        ("nats", "dropped", "msgs", "lower", d["on"]["dropped"])]


def bench_venues(b, quick, tmp):
    """bench-venues.py (a console watching 300 light venues, over nng and
    through one nats-server): its figures."""
    st, d = run_json(b, "bench-venues.py", [
        "--seconds", "5" if quick else "20", "--runs", "nng,nats",
        "./foh", "./bench/bench-venues"], 900, tmp)
    figs = []
    for r in d or []:
        tag = "%s, %d venues x %d zones" % (r["run"], r["venues"],
                                            r["zones"])
        figs.append(("venues", tag + ": CPU", "% of a core", "lower",
                     r["cpu_pct"]))
        figs.append(("venues", tag + ": RSS", "MB", "lower", r["rss_mb"]))
        figs.append(("venues", tag + ": to the pty", "bytes/s", "lower",
                     r["pty_bytes_s"]))
    return st, figs


def bench_wan(b, quick, tmp):
    """bench-wan.py (a venue's uplink with 0, 1 and 10 consoles at the
    hub; the back-fill of a WAN cut): its figures."""
    args = ["--seconds", "5", "--cut", "10"] if quick else []
    st, d = run_json(b, "bench-wan.py", args + ["./fohd", b["src"]], 600,
                     tmp)
    if d is None:
        return st, []
    u = d["uplink"]
    return st, [
        ("wan", "uplink, no console (baseline)", "bytes/s", "lower",
         u["0"]["bytes_per_s"]),
        ("wan", "uplink, 1 console", "bytes/s", "lower",
         u["1"]["bytes_per_s"]),
        ("wan", "uplink, 10 consoles", "bytes/s", "lower",
         u["10"]["bytes_per_s"]),
        ("wan", "uplink messages per stored, 1 console", "msgs", "lower",
         u["1"]["crossed_per_stored"]),
        ("wan", "uplink messages per stored, 10 consoles", "msgs", "lower",
         u["10"]["crossed_per_stored"]),
        ("wan", "cut: messages to back-fill", "msgs", "higher",
         d["cut"]["messages"]),
        ("wan", "cut: back-fill from the leaf node's return", "s", "lower",
         d["cut"]["backfill_s"])]


def bench_link(b, quick, tmp):
    """bench-link.py (foh --demo on a pty read at 32 and 128 kbit/s):
    bytes/s and the lag behind live, unthrottled (baseline) and
    throttled."""
    st, d = run_json(b, "bench-link.py", [
        "--seconds", "10" if quick else "60", "./foh"], 1800, tmp)
    figs = []
    for r in (d or {}).get("runs", []):
        tag = "%s %s" % (r["case"], "%d B/s" % r["rate"] if r["rate"]
                         else "free (baseline)")
        figs.append(("link", tag + ": bytes/s", "bytes/s", "lower",
                     r["bytes_s"]))
        for k in ("lag_p95", "lag_max", "age_max"):
            figs.append(("link", "%s: %s" % (tag, k), "s", "lower",
                         r.get(k)))
    return st, figs


# Issue 15: fohd report on a 24 h journal of the arena (bench-report.py).
def bench_report(b, quick, tmp):
    """bench-report.py: fohd report's time for a day of the arena."""
    st, d = run_json(b, "bench-report.py", [
        "--hours", "2" if quick else "24", "--runs", "1" if quick else "5",
        "./fohd", os.path.join(b["src"], "conf/arena.conf")], 900, tmp)
    if d is None:
        return st, []
    r, w, h = d["report"], "report", "%d h arena" % d["hours"]
    return st, [
        (w, "read the rows, python sqlite3 (baseline)", "s", "lower",
         d["bare_read_s"]),
        (w, "fohd report, %s, HTML" % h, "s", "lower",
         r["html"]["median_s"]),
        (w, "fohd report, %s, JSON" % h, "s", "lower",
         r["json"]["median_s"]),
        (w, "fohd report, %s, density CSV" % h, "s", "lower",
         r["csv_density"]["median_s"]),
        (w, "HTML size", "KB", "lower", r["html"]["bytes"] / 1e3),
        (w, "journal, " + h, "MB", "lower", d["journal_bytes"] / 1e6)]


ALL.append("report")
BENCHES = {"report": bench_report, "ingest": bench_ingest, "fohd": bench_fohd, "alert": bench_alert,
           "term": bench_term, "noise": bench_noise,
           "noise20": bench_noise20, "sign": bench_sign, "nats": bench_nats,
           "venues": bench_venues, "wan": bench_wan, "link": bench_link}


def fmt(v):
    """A figure for the table: thousands grouped, 3 digits below 10."""
    if v is None:
        return "—"
    if v == int(v):
        return "{:,d}".format(int(v))
    if abs(v) >= 1000:
        return "{:,.0f}".format(v)
    if abs(v) >= 100:
        return "%.0f" % v
    if abs(v) >= 10:
        return "%.1f" % v
    return "%.3g" % v


def verdict(better, a, b, noise):
    """How NEW (b) compares with BASE (a) for one figure."""
    if a is None or b is None:
        return "missing"
    if better == "same":
        return "same" if abs(a - b) < 1e-9 else "CHANGED"
    if a == 0:
        return ""
    change = 100.0 * (b - a) / abs(a)
    worse = change < -noise if better == "higher" else change > noise
    return "%+.0f%%%s" % (change, "  worse?" if worse else "")


def main(args):
    """Run the benchmarks on one or two builds; print the summary."""
    ap = argparse.ArgumentParser(prog="bench-all.py")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--only", default=",".join(ALL))
    ap.add_argument("--noise", type=float, default=10.0,
                    help="percent a figure may move before it is marked")
    ap.add_argument("--json", help="write every round's figures here")
    ap.add_argument("--quick", action="store_true",
                    help="short runs: to check the scripts, not to measure")
    ap.add_argument("builds", nargs="+")
    argv = ap.parse_args(args)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    if len(argv.builds) > 2:
        ap.error("one build, or two to compare")
    only = [x for x in argv.only.split(",") if x]
    for x in only:
        if x not in BENCHES:
            ap.error("no benchmark %s (%s)" % (x, " ".join(ALL)))
    builds = []
    for i, d in enumerate(argv.builds):
        d = os.path.abspath(d)
        src = os.path.normpath(os.path.join(d, srcdir_of(d)))
        builds.append({"build": d, "src": src,
                       "label": "BASE" if len(argv.builds) == 2 and i == 0
                       else "NEW" if len(argv.builds) == 2 else "this"})
    if len(builds) == 2:
        for c in ("club.conf", "arena.conf"):
            a, b = [open(os.path.join(x["src"], "conf", c)).read()
                    for x in builds]
            if a != b:
                print("bench-all: note: conf/%s differs between the trees"
                      % c)

    t_start = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    # figures[label][(what, name)] = [values...]; meta[(what, name)]
    figures = {x["label"]: {} for x in builds}
    meta = {}
    order = []
    failed = []
    tmp = tempfile.mkdtemp(prefix="foh-bench-all-")
    try:
        for r in range(argv.rounds):
            for name in only:
                seq = builds if r % 2 == 0 else builds[::-1]
                for b in seq:
                    print("\n=== %s on %s (%s), round %d of %d" % (
                        name, b["label"], b["build"], r + 1, argv.rounds),
                        flush=True)
                    st, figs = BENCHES[name](b, argv.quick, tmp)
                    if st != 0:
                        failed.append("%s on %s (round %d): exit %d" % (
                            name, b["label"], r + 1, st))
                    for what, fname, unit, better, v in figs:
                        k = (what, fname)
                        if k not in meta:
                            meta[k] = (unit, better)
                            order.append(k)
                        figures[b["label"]].setdefault(k, []).append(v)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print("\n=== summary: started %s, %d round%s%s, machine: %s, %s cpus" % (
        t_start, argv.rounds, "" if argv.rounds == 1 else "s (median)",
        ", QUICK (not a measurement)" if argv.quick else "",
        cpu_model(), os.cpu_count()))
    for b in builds:
        print("  %s = %s (source %s)" % (b["label"], b["build"], b["src"]))
    labels = [b["label"] for b in builds]
    head = "%-8s %-44s %-10s %-6s" % ("bench", "figure", "unit", "better")
    head += "".join(" %14s" % lab for lab in labels)
    if len(builds) == 2:
        head += "  NEW vs BASE"
    print(head)
    worse = 0
    for k in order:
        unit, better = meta[k]
        vals = []
        for lab in labels:
            v = figures[lab].get(k)
            vals.append(statistics.median(v) if v else None)
        line = "%-8s %-44s %-10s %-6s" % (k[0], k[1][:44], unit, better)
        line += "".join(" %14s" % fmt(v) for v in vals)
        if len(builds) == 2:
            v = verdict(better, vals[0], vals[1], argv.noise)
            worse += "worse?" in v or "CHANGED" in v
            line += "  " + v
        print(line)
    if len(builds) == 2:
        print("%d figure%s marked (worse by more than %.0f%%, or changed)"
              % (worse, "" if worse == 1 else "s", argv.noise))
        # The baselines are bare loops and outside programs (nngcat, btop,
        # the lws harness): what they moved is this run's noise.
        moved = []
        for k in order:
            a, b = [figures[lab].get(k) for lab in labels]
            if "(baseline)" in k[1] and a and b and statistics.median(a):
                moved.append(abs(100.0 * (statistics.median(b) -
                                          statistics.median(a)) /
                                 statistics.median(a)))
        if moved:
            print("the noise of this run: the baselines moved by up to "
                  "%.0f%% (median %.0f%%)" % (max(moved),
                                             statistics.median(moved)))
    for f in failed:
        print("FAILED: " + f)
    if argv.json:
        with open(argv.json, "w") as f:
            json.dump({"started": t_start, "rounds": argv.rounds,
                       "builds": builds,
                       "figures": [{"bench": k[0], "figure": k[1],
                                    "unit": meta[k][0],
                                    "better": meta[k][1],
                                    "values": {lab: figures[lab].get(k)
                                               for lab in labels}}
                                   for k in order],
                       "failed": failed}, f, indent=1)
    return 1 if failed else 0


def cpu_model():
    """The machine's CPU model name (/proc/cpuinfo)."""
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"(?m)^model name\s*:\s*(.*)$", f.read())
        return m.group(1) if m else "?"
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
