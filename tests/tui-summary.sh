#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The history view's numbers (N, issue 15) against a real fohd that keeps
# its history every second ([history] step = 1s): a crush packs the dance
# floor into band F, ana acknowledges the critical alert, the crowd thins.
# The agent's answer to op summary is checked against the journal's rows.
# The console opens the venue's numbers of the last 4 hours and shows the
# dance floor's peak, its time in E and F and time to acknowledge of the
# critical alerts; what it must show is computed here from the journal's
# SQLite tables (report.h's definitions), not written down. The bar has
# two rows two hours apart, written into the journal as a fohd down in
# between would leave it: its series marks the slices with no sample
# (series_gaps), and the view draws them as gaps, not as an empty bar.
# + asks for 5 hours, Esc goes back to the resolved alerts. A fohd without a journal
# refuses the op with a clear error, and the console says so.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3" "$NNGCAT"

club_names
db="$TEST_DIR/club.db"
# Without the club's amplifier: nothing feeds its heartbeat.
club_conf "$db" | awk '/^\[/ { skip = /^\[device / } !skip' >"$conf"
printf '[history]\nstep = 1s\n' >>"$conf"
fohd_start

tm_start 120 40 "env TZ=UTC LANG=C.UTF-8 $FOH --operator ana $stream"
wait_until 10 screen_has "Basement Club" "LIVE" ||
    { tm_screen >&2; fail "no venue"; }

# jq SQL: one value (or row, |-separated) from the journal, read-only.
jq() {
	$py - "$db" "$1" <<'EOP'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
for row in db.execute(sys.argv[2]):
    print("|".join(str(x) for x in row))
EOP
}
# F rows of the dance floor so far; rows after its last F row.
f_rows() {
	jq "SELECT COUNT(*) FROM zone_samples WHERE zone = 'dance' AND band = 'F' AND drill = 0"
}
after_f() {
	jq "SELECT COUNT(*) FROM zone_samples WHERE zone = 'dance' AND drill = 0 AND t_ms > (SELECT MAX(t_ms) FROM zone_samples WHERE zone = 'dance' AND band = 'F')"
}
packed() {
	[ "$(f_rows)" -ge 3 ]
}
thinned() {
	[ "$(after_f)" -ge 2 ]
}
crit_id() {
	id=$($ctl "$control" snapshot - | $py -c 'import json,sys
a=[x for x in json.load(sys.stdin)["alerts"] if x["rule"]=="density-critical"]
print(a[0]["id"] if a else "")')
	[ -n "$id" ]
}

# 900 persons on 150 m2: 6 p/m2, band F, held until three samples have it.
$client send "$ws" "" "$(held_counts dance 900 1)" >/dev/null || fail "readings"
wait_until 10 packed || fail "no F samples of the dance floor in the journal"
wait_until 10 crit_id || fail "no critical alert"
r=$($ctl "$control" ack ana id=21 alert=$id "comment=stewards to the floor")
case "$r" in *'"done"'*) ;; *) fail "ack: $r" ;; esac
$client send "$ws" "" "$(held_counts dance 100 0)" >/dev/null || fail "readings"
wait_until 10 thinned || fail "the dance floor did not thin in the journal"
echo "ok: $(f_rows) samples of the dance floor in F, then it thinned; #$id acked"

# The bar, heard 3 h and 1 h ago and not since (a fohd that was down).
$py - "$db" <<'EOP' || fail "writing the bar's old rows"
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=10)
now = int(time.time()) * 1000
with db:
    for ago, count in ((3 * 3600000, 30), (3600000, 45)):
        db.execute("INSERT INTO zone_samples (t_ms, zone, count, density,"
                   " band) VALUES (?, 'bar', ?, ?, 'A')",
                   (now - ago, count, count / 60.0))
EOP

# The agent's answer itself (op summary, PROTOCOL.md 6.13) against the
# journal: the range, the slices (4 h in 60 of 240 s, whole 1 s steps),
# zones by peak, the dance floor's peak, minutes in F and series (at most
# 60 values, their highest the peak), the three severities in order.
$ctl "$control" summary - hours=4 >"$TEST_DIR/summary.json" ||
    fail "op summary"
$py - "$db" "$TEST_DIR/summary.json" <<'EOP' || fail "op summary's answer"
import json, sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
m = json.load(open(sys.argv[2]))
assert m["kind"] == "reply" and m["status"] == "done", m
s = m["summary"]
assert s["to"] - s["from"] == 4 * 3600000, s
assert s["step_ms"] == 1000 and s["series_step_ms"] == 240000, s
peaks = [z["peak"] for z in s["zones"]]
assert peaks == sorted(peaks, reverse=True), peaks
assert s["zones_total"] == len(s["zones"]) == 3, s
d = [z for z in s["zones"] if z["zone"] == "dance"][0]
peak, nf = db.execute("SELECT MAX(density), SUM(band = 'F') FROM"
                      " zone_samples WHERE zone = 'dance' AND drill = 0"
                      " AND t_ms >= ? AND t_ms < ?",
                      (s["from"], s["to"])).fetchone()
assert abs(d["peak"] - peak) < 1e-9, (d, peak)
assert abs(d["min_f"] - nf / 60.0) < 1e-9, (d, nf)
assert 1 <= len(d["series"]) <= 60 and abs(max(d["series"]) - peak) < 1e-6, d
assert [t["severity"] for t in s["times"]] == ["info", "warning", "critical"]
# series_gaps: bit k for a slice after the zone's first with no row.
sl = s["series_step_ms"]
start = s["to"] - 60 * sl
gaps = {}
for z in s["zones"]:
    ks = set((t - start) // sl for (t,) in db.execute(
        "SELECT t_ms FROM zone_samples WHERE zone = ? AND drill = 0 AND"
        " t_ms >= ? AND t_ms < ?", (z["zone"], start, s["to"])))
    first = min(ks) if ks else 60
    want = sum(1 << (k - first) for k in range(first, 60) if k not in ks)
    assert len(z["series"]) == 60 - first, (z, first)
    assert z.get("series_gaps", 0) == want, (z, want)
    gaps[z["zone"]] = bin(want).count("1")
assert gaps["bar"] >= 40 and gaps["dance"] == 0, gaps
print("ok: op summary: dance peak %.2f, %d samples in F (%.3f min), %d "
      "series values, zones by peak; slices with no sample %r" %
      (peak, nf, d["min_f"], len(d["series"]), gaps))
EOP
# The journal reads of op summary are counted in /metrics (issue 15 fix:
# an answer is kept per hours within a step while the journal is unchanged).
[ "$(metric fohd_control_summaries_total 'result="computed"')" -ge 1 ] ||
    fail "op summary not counted as computed in /metrics"
[ -n "$(metric fohd_control_summaries_total 'result="cached"')" ] ||
    fail "no fohd_control_summaries_total{result=\"cached\"} in /metrics"

tm send-keys -t t H
wait_until 5 screen_has "History:" || { tm_screen >&2; fail "no history view"; }
tm send-keys -t t N
wait_until 10 screen_has "the last 4 h" "dance" "Severity" ||
    { tm_screen >&2; fail "N: no numbers"; }

# What the journal implies, as the view writes it: peak (2 decimals), time
# in E and F (spans as ui_span: 5s, 1m5s, 2m), and for the critical
# alerts: how many, acked, median time to acknowledge (nearest rank).
expect=$($py - "$db" <<'EOP'
import math, sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
steps = db.execute("SELECT t_ms, step_ms FROM configs WHERE drill = 0"
                   " ORDER BY t_ms").fetchall()
def step_at(t):
    s = steps[0][1]
    for t0, st in steps:
        if t0 <= t:
            s = st
    return s
def span(ms):
    s = ms // 1000
    if s < 60:
        return "%ds" % s
    return "%dm%ds" % (s // 60, s % 60) if s % 60 else "%dm" % (s // 60)
ms = {"E": 0, "F": 0}
peak = None
for t, d, b in db.execute("SELECT t_ms, density, band FROM zone_samples"
                          " WHERE zone = 'dance' AND drill = 0 ORDER BY t_ms"):
    if b in ms:
        ms[b] += step_at(t)
    if peak is None or d > peak:
        peak = d
sev, fired, acked = {}, {}, {}
for a, op, t, who, res in db.execute(
        "SELECT alert, op, t_ms, operator, result FROM audit WHERE drill = 0"
        " AND alert <> 0 ORDER BY seq"):
    w = res.split(" ")[0]
    if op == "fire" and a not in fired:
        fired[a], sev[a] = t, w
    elif a in fired and who == "" and w == "critical":
        sev[a] = w
    if a in fired and op == "ack" and res == "done" and a not in acked:
        acked[a] = t - fired[a]
crit = [a for a in fired if sev[a] == "critical"]
waits = sorted(acked[a] for a in crit if a in acked)
med = span(waits[math.ceil(0.5 * len(waits)) - 1]) if waits else "-"
print("%.2f %s %s %d %d %s" % (peak, span(ms["E"]), span(ms["F"]), len(crit),
                               len(waits), med))
EOP
) || fail "reading the journal"
set -- $expect
peak=$1 in_e=$2 in_f=$3 ncrit=$4 nacked=$5 median=$6
[ "$in_f" != "0s" ] || fail "the journal has no time in F"
# The words of the view's line that starts with $1 (right of the venue
# list's border).
words_of() {
	tm_screen | $py -c 'import sys
for l in sys.stdin:
    w = l.rpartition("\u2502")[2].split()
    if w[:1] == [sys.argv[1]]:
        print(" ".join(w))
        break' "$1"
}
# The dance line: zone, peak, at, in E, in F, sparkline; the critical row:
# severity, alerts, acked, median.
line_is() {
	_want="$*"
	case "$(words_of "$1")" in "$_want"|"$_want "*) return 0 ;; esac
	return 1
}
spark_shown() {
	words_of dance | grep -q '[▁▂▃▄▅▆▇█]'
}
dance_line() {
	words_of dance | awk '{ print $1, $2, $4, $5 }'
}
[ "$(dance_line)" = "dance $peak $in_e $in_f" ] ||
    { tm_screen >&2; fail "dance: want peak $peak, in E $in_e, in F $in_f; shows: $(dance_line)"; }
spark_shown || { tm_screen >&2; fail "no sparkline for the dance floor"; }
line_is critical "$ncrit" "$nacked" "$median" ||
    { tm_screen >&2; fail "critical: want $ncrit alerts, $nacked acked, median $median"; }
# The bar: a sample as a mark between gaps (the panel shows the latest
# slices that fit: the 1 h old sample, gaps before and after it).
bar_spark() {
	words_of bar | awk '{ print $NF }'
}
bar_spark | grep -Eq '^·+(▁|▂|▃|▄|▅|▆|▇|█)·+$' ||
    { tm_screen >&2; fail "bar: its sparkline does not show the gaps: $(bar_spark)"; }
screen_has "· no sample" || { tm_screen >&2; fail "no legend for the gap mark"; }
echo "ok: N shows dance peak $peak, in E $in_e, in F $in_f, a sparkline; critical: $ncrit, $nacked acked, median $median (all from the journal)"

# At 80x24 the panel is narrow: acknowledge and resolve, two tables.
tm new-session -d -x 80 -y 24 -s small \
    "env TZ=UTC LANG=C.UTF-8 $FOH --operator ana $stream"
wait_until 10 shows small "Basement Club" "LIVE" ||
    { tm capture-pane -p -t small >&2; fail "80x24: no venue"; }
tm send-keys -t small H N
wait_until 10 shows small "the last 4 h" "Severity Alerts Acked" \
    "Severity Resolved median" ||
    { tm capture-pane -p -t small >&2; fail "80x24: no numbers in two tables"; }
tm kill-session -t small
echo "ok: at 80x24 the times show as two tables"

tm send-keys -t t +
wait_until 10 screen_has "the last 5 h" "answered" ||
    { tm_screen >&2; fail "+: no 5 h numbers"; }
[ "$(dance_line)" = "dance $peak $in_e $in_f" ] ||
    { tm_screen >&2; fail "5 h: the dance floor's numbers changed"; }
tm send-keys -t t Escape
wait_until 5 screen_has "History:" "resolved alert" ||
    { tm_screen >&2; fail "Esc: not back to the history"; }
echo "ok: + asks for 5 h (same numbers), Esc goes back to the history"

# A fohd without a journal: the op is refused, and the console says why.
kill $pid
wait $pid 2>/dev/null
tm kill-session -t t
club_ingest_conf | awk '/^\[/ { skip = /^\[device / } !skip' >"$conf"
fohd_start
r=$($ctl "$control" summary - hours=4)
case "$r" in
*'"unsupported"'*'"field": "op"'*|*'"field": "op"'*'"unsupported"'*) ;;
*) fail "no journal: $r" ;;
esac
tm_start 120 40 "env TZ=UTC LANG=C.UTF-8 $FOH --operator ana $stream"
wait_until 10 screen_has "Basement Club" "LIVE" || { tm_screen >&2; fail "no venue"; }
tm send-keys -t t H
wait_until 5 screen_has "History:" || { tm_screen >&2; fail "no history view"; }
tm send-keys -t t N
wait_until 10 screen_has "no numbers: unsupported" "keeps no journal" ||
    { tm_screen >&2; fail "no journal: the console does not say so"; }
echo "ok: without a journal: unsupported, field op; the console says it keeps no journal"
kill $pid
wait $pid || fail "fohd exit status"
