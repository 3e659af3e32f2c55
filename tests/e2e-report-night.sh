#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# A whole club night on the record (issue 15; tests/e2e-report.sh is
# fohd report on a fixture journal): foh-sim plays
# scenarios/club.scn into a real fohd with a journal and [history] step =
# 1s (as e2e-drill.sh, at 60 times real speed: the hour in a minute). While
# it plays, an operator works the alerts with the console's one-shot
# commands, each with its rationale as the comment: critical alerts
# acknowledged, the full-floor warning's action approved, other warnings
# shelved. Then `fohd report` writes the night as HTML, and
# tests/report_check.py, which reads only the SQLite journal and the HTML,
# recomputes time in band F per zone, time to acknowledge per severity and
# the decision log and compares them with the report. The numbers must
# not be trivially zero: some zone spent time in F, a critical alert was
# acknowledged, the decision log holds every action taken. A tampered copy
# of the report is refused; a report of part of the night checks too. The
# console's summary (op summary) agrees with the report on the dance floor.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
db="$TEST_DIR/club.db"
token=report-token-0123456789
{
	cat "$top_srcdir/conf/club.conf"
	printf '[device amp-main]\nheartbeat_s = 2\n'
	printf '[ingest]\nlisten = 127.0.0.1:0\ntoken = %s\nsimulate = no\n' "$token"
	printf '[journal]\npath = %s\n' "$db"
	printf '[operator ana]\nuid = %s\nrights = all\n' "$(id -u)"
	printf '[history]\nstep = 1s\n'
	# A warning with a suggested action, for the approval.
	cat <<EOC
[rule floor-full]
kind = threshold
on = zone:dance
metric = density
above = 3.0
for = 0
severity = warning
action = Hold the door queue until the floor thins
EOC
} >"$conf"
fohd_start
t0=$(now_ms)

"$FOH_SIM" -c "$conf" -s "$top_srcdir/scenarios/club.scn" \
    --url "$ws" --token "$token" --speed 60 \
    >"$TEST_DIR/sim.out" 2>"$TEST_DIR/sim.err" &
sim=$!
track $sim

# The operator: every open alert not yet handled, by what it is. Each
# one-shot command must print "done".
handled="$TEST_DIR/handled"
: >"$handled"
# An alert of the night may resolve before the operator gets to it: that
# refusal is the agent's right answer, not counted as an action taken.
act() {
	if "$FOH" "$@" >"$TEST_DIR/act.out" 2>&1 &&
	    grep -q '^done' "$TEST_DIR/act.out"; then
		echo "$1" >>"$TEST_DIR/actions"
		return 0
	fi
	grep -q 'already-resolved' "$TEST_DIR/act.out" ||
	    { cat "$TEST_DIR/act.out" >&2; fail "foh $*"; }
	echo "$1" >>"$TEST_DIR/late"
	return 1
}
operator() {
	$ctl "$control" snapshot - | $py -c 'import json, sys
for a in json.load(sys.stdin)["alerts"]:
    if a["state"] == "firing":
        print(a["id"], a["rule"], a["severity"], a.get("subject") or "-",
              1 if a.get("action") else 0)' >"$TEST_DIR/open" || return 0
	while read -r id rule sev subject action; do
		grep -qx "$id" "$handled" && continue
		echo "$id" >>"$handled"
		echo "$id $rule $sev $subject $action" >>"$TEST_DIR/seen"
		if [ "$rule" = floor-full ] && [ "$action" = 1 ]; then
			act approve "$control" "$id" -o ana \
			    -m "approved: the floor is full, hold the queue" &&
			    act ack "$control" "$id" -o ana \
			    -m "door team holding the queue"
		elif [ "$sev" = critical ]; then
			act ack "$control" "$id" -o ana \
			    -m "stewards sent to $subject ($rule)"
		else
			act shelve "$control" "$id" -o ana -d 5 \
			    -m "known: $rule on $subject, tech told"
		fi
	done <"$TEST_DIR/open"
}
while kill -0 $sim 2>/dev/null; do
	operator
	sleep 0.2
done
wait $sim || { cat "$TEST_DIR/sim.out" "$TEST_DIR/sim.err" >&2; fail "foh-sim failed"; }
grep -q "rejected 0\b\|0 rejected" "$TEST_DIR/sim.out" ||
    { cat "$TEST_DIR/sim.out" >&2; fail "fohd refused readings from foh-sim"; }
operator
echo "ok: the night played in $(( ($(now_ms) - t0) / 1000 )) s; the operator" \
    "took $(wc -l <"$TEST_DIR/actions") actions:" \
    "$(sort "$TEST_DIR/actions" | uniq -c | tr -s ' \n' ' ')"
for op in ack shelve approve; do
	grep -qx $op "$TEST_DIR/actions" ||
	    { cat "$TEST_DIR/seen" >&2; fail "no $op during the night"; }
done

# The console's numbers of the last hour, asked before fohd stops.
summary=$($ctl "$control" summary - hours=1)
kill -TERM $pid
wait $pid || fail "fohd exit status"

"$FOHD" report -c "$conf" -o "$TEST_DIR/night.html" >"$TEST_DIR/report.out" \
    2>&1 || { cat "$TEST_DIR/report.out" >&2; fail "fohd report"; }
$py "$top_srcdir/tests/report_check.py" --journal "$db" \
    --html "$TEST_DIR/night.html" --step 1000 --conf "$conf" \
    >"$TEST_DIR/check.out" 2>&1 ||
    { cat "$TEST_DIR/check.out" >&2; fail "the report's numbers differ from the journal's"; }
grep ' ok$' "$TEST_DIR/check.out" | grep -E 'min_f|cap_use|critical|rows' | sed 's/^/ok: /'
grep -q 'zone dance: cap_use .* ok$' "$TEST_DIR/check.out" ||
    { cat "$TEST_DIR/check.out" >&2; fail "report_check.py did not check cap_use"; }
echo "ok: report_check.py: $(tail -n 1 "$TEST_DIR/check.out")"

# The checker has teeth: the same report with the dance floor's minutes
# in F and the first decision's comment changed is refused, naming both.
$py - "$TEST_DIR/night.html" "$TEST_DIR/bad.html" <<'EOP' || fail "tampering"
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
row = re.search(r'<tr data-zone="dance".*?</tr>', t, re.S)
cell = re.search(r'(data-k="min_f"[^>]*>)([^<]*)', row.group())
bad_row = row.group().replace(cell.group(), cell.group(1) + "%.1f" %
                              (float(cell.group(2)) + 0.1), 1)
t = t.replace(row.group(), bad_row, 1)
t = re.sub(r'(<table id="decisions".*?data-k="note"[^>]*>)', r'\1x', t, 1,
           re.S)
open(sys.argv[2], "w", encoding="utf-8").write(t)
EOP
if $py "$top_srcdir/tests/report_check.py" --journal "$db" \
    --html "$TEST_DIR/bad.html" >"$TEST_DIR/bad.out" 2>&1; then
	fail "report_check.py passed a tampered report"
fi
grep -q 'zone dance: min_f .* MISMATCH' "$TEST_DIR/bad.out" &&
    grep -q 'decision 1 .*note .* MISMATCH' "$TEST_DIR/bad.out" ||
    { cat "$TEST_DIR/bad.out" >&2; fail "the tampering was not named"; }
echo "ok: a tampered copy is refused: $(grep -c MISMATCH "$TEST_DIR/bad.out") mismatches named"

# A part of the night: the crush's 20 s (30 to 50 minutes in, at 60x),
# cut at whole seconds as fohd report takes them; both sides must cut the
# samples, alerts and decisions at the same edges.
iso() {
	date -u -d "@$1" +%Y-%m-%dT%H:%M:%SZ
}
from=$(iso $(( t0 / 1000 + 31 )))
to=$(iso $(( t0 / 1000 + 51 )))
"$FOHD" report -c "$conf" --from "$from" --to "$to" \
    -o "$TEST_DIR/part.html" >"$TEST_DIR/report.out" 2>&1 ||
    { cat "$TEST_DIR/report.out" >&2; fail "fohd report --from --to"; }
$py "$top_srcdir/tests/report_check.py" --journal "$db" \
    --html "$TEST_DIR/part.html" --from "$from" --to "$to" --conf "$conf" \
    >"$TEST_DIR/part.out" 2>&1 ||
    { cat "$TEST_DIR/part.out" >&2; fail "$from to $to: the report's numbers differ from the journal's"; }
echo "ok: $from to $to: $(grep 'zone dance: min_f' "$TEST_DIR/part.out");" \
    "$(tail -n 1 "$TEST_DIR/part.out")"

# Not trivially zero, in the journal and in the HTML alike; the decision
# log holds every action the operator took; the console's summary agrees.
$py - "$db" "$TEST_DIR/night.html" "$TEST_DIR/actions" "$summary" <<'EOP' ||
import html.parser, json, sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
f = db.execute("SELECT zone, COUNT(*) FROM zone_samples WHERE band = 'F'"
               " AND drill = 0 GROUP BY zone").fetchall()
assert f, "no zone spent a sample in band F"
cells = {}
class P(html.parser.HTMLParser):
    row = key = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr":
            self.row = a.get("data-zone") or a.get("data-group")
        elif tag == "td" and self.row:
            self.key = a.get("data-k")
    def handle_endtag(self, tag):
        self.key = None
    def handle_data(self, d):
        if self.row and self.key:
            cells[(self.row, self.key)] = cells.get((self.row, self.key), "") + d
P().feed(open(sys.argv[2], encoding="utf-8").read())
inf = [(z, float(cells[(z, "min_f")])) for z, _ in f]
assert any(m > 0 for _, m in inf), inf
print("ok: minutes in F:", ", ".join("%s %.1f" % x for x in inf))
crit = cells.get(("critical", "ack_median"), "").strip()
assert crit not in ("", "\u2014"), "no critical alert acknowledged"
print("ok: critical alerts: %s, acknowledged in %s s (median)" %
      (cells[("critical", "n")], crit))
acts = len(open(sys.argv[3]).read().split())
rows = db.execute("SELECT COUNT(*) FROM audit WHERE operator = 'ana'"
                  " AND result = 'done' AND drill = 0").fetchone()[0]
assert rows == acts, (rows, acts)
print("ok: the journal's decision log holds the %d actions taken" % acts)
s = json.loads(sys.argv[4])["summary"]
dance = [z for z in s["zones"] if z["zone"] == "dance"][0]
assert "%.1f" % dance["min_f"] == cells[("dance", "min_f")].strip(), \
    (dance, cells[("dance", "min_f")])
print("ok: the console's summary: dance %.1f min in F, as the report" %
      dance["min_f"])
EOP
    fail "the night's numbers"
