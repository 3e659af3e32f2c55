#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The history view (H) against a real fohd: a crush on the dance floor
# fires a critical alert; ana acknowledges it over the control socket with
# a comment; the crowd thins and it resolves. The view then shows it,
# newest first, with who acknowledged it after how long (reckoned here from
# the agent's own answer), the comment, the resolution, and time to
# acknowledge per severity at the top. A second crush that nobody
# acknowledges goes above it as "not acknowledged" and counts as resolved
# unacknowledged. One console at 80x24 (UTF-8) is compared with
# tests/golden/history/80x24.txt after clock times and durations are
# masked (they differ from run to run; the exact wait is checked apart); a
# second at 200x60 under LANG=C must hold the same and no byte above 0x7f.
#
#     GENERATE=1 make check TESTS=tests/tui-history.sh
#
# regenerates the golden; read it before committing it.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3" "$NNGCAT"

club_names
golden="$top_srcdir/tests/golden/history/80x24.txt"
# Without the club's amplifier: it would go offline (nothing feeds its
# heartbeat) while a slow run goes on, and add an alert of its own.
club_conf "$TEST_DIR/club.db" |
    awk '/^\[/ { skip = /^\[device / } !skip' >"$conf"
# Two crushes within ten minutes are four transitions: the second would
# flap (one alert held open, e2e-flap.sh) instead of resolving into the
# history, which is what is tested here.
printf '[rules]\nflap_transitions = 0\n' >>"$conf"
fohd_start

tm new-session -d -x 80 -y 24 -s small \
    "env TZ=UTC LANG=C.UTF-8 USER=golden $FOH --operator ana $stream 2>$TEST_DIR/small.err"
tm new-session -d -x 200 -y 60 -s big \
    "env TZ=UTC LANG=C USER=golden $FOH --operator ana $stream 2>$TEST_DIR/big.err"
dump() {
	tm capture-pane -p -t "$1" >&2
}
for s in small big; do
	wait_until 10 shows $s "Basement Club" "LIVE" || { dump $s; fail "$s: no venue"; }
	if [ $s = small ]; then
		tm send-keys -t $s H
	else
		tm send-keys -t $s -l ":view history"
		tm send-keys -t $s Enter
	fi
	wait_until 5 shows $s "History: 0 resolved alerts" "none resolved yet" ||
	    { dump $s; fail "$s: no empty history view"; }
done
echo "ok: H and :view history open the history view; it says it is empty"

# crush COUNT: 31 s of the dance floor at COUNT persons, ending now.
crush() {
	$client send "$ws" "" "$(held_counts dance "$1" 1)" >/dev/null ||
	    fail "readings"
}
# The open density-critical alert's id, or nothing.
crit_id() {
	$ctl "$control" snapshot - | $py -c 'import json,sys
a=[x for x in json.load(sys.stdin)["alerts"] if x["rule"]=="density-critical" and x["state"]=="firing"]
print(a[0]["id"] if a else "")'
}
has_crit() {
	id=$(crit_id)
	[ -n "$id" ]
}
# No alert of the snapshot is open any more.
all_resolved() {
	$ctl "$control" snapshot - | $py -c 'import json,sys
sys.exit(1 if [x for x in json.load(sys.stdin)["alerts"] if x["state"]!="resolved"] else 0)'
}
# Say which alerts are open, for a failure report.
open_alerts() {
	$ctl "$control" snapshot - | $py -c 'import json,sys
for x in json.load(sys.stdin)["alerts"]:
    print("open:", x["id"], x["rule"], x["state"], x.get("title"))' >&2
}

crush 900
wait_until 10 has_crit || fail "no critical alert"
first=$id
# Let the alert wait a little for its ack, by the agent's clock: until
# two seconds after it fired.
since=$($ctl "$control" snapshot - | $py -c 'import json,sys
print([x for x in json.load(sys.stdin)["alerts"] if x["id"]=='"$first"'][0]["since"])')
waited() {
	[ $(( $(date +%s%N) / 1000000 )) -ge $((since + 2000)) ]
}
wait_until 10 waited || fail "the clock did not move"
r=$($ctl "$control" ack ana id=11 alert=$first "comment=stewards on the way")
# How long after it fired the agent says it was acked, as the view writes
# durations (text_duration, two units, to the second): 45s, 1m20s, 2m.
after=$(echo "$r" | $py -c 'import json,sys
a=json.load(sys.stdin)["alert"]
s=(a["acked_ms"]-a["since"])//1000
print("%ds"%s if s<60 else ("%dm%ds"%(s//60,s%60) if s%60 else "%dm"%(s//60)))') ||
    fail "ack: $r"
echo "ok: alert #$first acked by ana, $after after it fired (the agent's times)"
crush 100
wait_until 10 all_resolved || { open_alerts; fail "the alerts did not resolve"; }
for s in small big; do
	wait_until 10 shows $s "acked by ana after $after" "ack by ana: stewards on the way" ||
	    { dump $s; fail "$s: the history does not say ana acked #$first after $after with her comment"; }
	shows $s "CRIT #$first club dance" "Dance floor: density" ", lasted " ||
	    { dump $s; fail "$s: no alert line or resolution"; }
done
echo "ok: both consoles: #$first acked by ana after $after, with the comment"

# The golden at 80x24, clock times and durations masked.
mask() {
	$py -c 'import re,sys
for l in sys.stdin.read().split("\n"):
    l = re.sub(r"\d\d:\d\d:\d\d", "hh:mm:ss", l)
    l = re.sub(r"(?<![\w.])\d+[smhd](\d+[smh])?\b",
               lambda m: re.sub(r"\d+", "N", m.group()), l)
    print(l.rstrip())'
}
masked() {
	tm capture-pane -p -t small | mask >"$TEST_DIR/small.txt"
	cmp -s "$TEST_DIR/small.txt" "$golden"
}
if [ "${GENERATE:-0}" = 1 ]; then
	tm capture-pane -p -t small | mask >"$golden"
	echo "generated: $golden"
elif ! wait_until 10 masked; then
	diff -u "$golden" "$TEST_DIR/small.txt" >&2
	fail "80x24: the history differs from $golden (GENERATE=1 regenerates it)"
fi
echo "ok: 80x24 matches its golden"

# The second time: a crush nobody acknowledges, newest first.
crush 900
wait_until 10 has_crit || fail "no second critical alert"
second=$id
[ "$second" != "$first" ] || fail "the second crush reused alert #$first"
crush 100
wait_until 10 all_resolved || { open_alerts; fail "the second alerts did not resolve"; }
wait_until 10 shows big "CRIT #$second club dance" || { dump big; fail "no second alert"; }
tm capture-pane -p -t big >"$TEST_DIR/big.txt"
$py - "$TEST_DIR/big.txt" "$first" "$second" "$after" <<'EOP' || { cat "$TEST_DIR/big.txt" >&2; fail "200x60: the history is not what happened"; }
import re, sys
path, first, second, after = sys.argv[1:5]
lines = open(path).read().splitlines()
def at(pat):
    for i, l in enumerate(lines):
        if pat in l:
            return i
    sys.exit("not on screen: " + pat)
i2, i1 = at("CRIT #%s club" % second), at("CRIT #%s club" % first)
assert i2 < i1, "newest first: #%s must be above #%s" % (second, first)
# The second one's own block says nobody acknowledged it.
blk = "\n".join(lines[i2:i1])
assert "not acknowledged" in blk and "acked by" not in blk, blk
blk1 = "\n".join(lines[i1:i1 + 4])
assert "acked by ana after " + after in blk1, blk1
# Time to acknowledge: critical 1 of 2, median = worst = that wait,
# 1 resolved unacknowledged.
row = [l for l in lines if re.search(r"\bcritical +\d+ of \d+", l)]
assert row, "no critical row"
f = row[0].split("\u2502")[-1].split("|")[-1].split()
assert f[:4] == ["critical", "1", "of", "2"], f
assert f[4] == after and f[5] == after and f[6] == "1", f
print("ok: 200x60: #%s above #%s, not acknowledged; critical 1 of 2 acked, "
      "median and worst %s, 1 resolved unacknowledged" % (second, first, after))
EOP
if tm capture-pane -p -t big | LC_ALL=C grep -q '[^ -~]'; then
	dump big
	fail "200x60 LANG=C: a byte that is not printable ASCII"
fi
echo "ok: 200x60 under LANG=C is ASCII only"

# Scrolling at 80x24: Down puts the next alert at the top, End the oldest,
# Home the newest again.
wait_until 10 shows small "CRIT #$second club dance" "alerts 1-" || { dump small; fail "80x24: no second alert"; }
tm send-keys -t small Down
wait_until 5 shows small "alerts 2-" || { dump small; fail "80x24: Down did not scroll"; }
tm send-keys -t small End
wait_until 5 shows small "alerts 6-6 of 6" "CRIT #$first club dance" || { dump small; fail "80x24: End did not reach the oldest"; }
tm send-keys -t small Home
wait_until 5 shows small "alerts 1-" || { dump small; fail "80x24: Home did not go back"; }
echo "ok: 80x24 scrolls with Down, End and Home"

for s in small big; do
	tm send-keys -t $s q
done
