#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# One row per problem, life safety first, in a real terminal: a real fohd
# gets, through its ingest, a model drift critical first, sees the main amp
# go silent (an equipment critical), then a crowd on the dance floor (its
# density warning and forecast, then its critical: three at once) and a
# fall detector's warning about the same zone. The console shows ONE row
# for the zone's own alerts, "+2" on it, the two warnings under it
# "inhibited by #N" of the critical; the cursor, on the warnings' row when
# the critical came, stays on its alert (the row opens by itself); Left
# and Right fold and open it; the why-pane of a warning says what inhibits
# it and lists the others; the external alert is a row of its own whose
# why-pane shows its own fields, never "Observed 0.00 vs threshold 0.00";
# the bulk ack counts the folded alerts; the kiosk banner names the crowd
# critical, not the older drift critical; and resolved rows linger
# (--linger 3s), then leave; the banner then names the amp, equipment
# before the model's drift.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3"

club_names
{
	club_conf "$TEST_DIR/club.db"
	# The model's drift rule with no hold, whatever the default becomes.
	cat <<EOC
[rule counter-drift]
kind = drift
on = model:counter
metric = score
above = 0.25
clear = 0.20
for = 0s
severity = critical
EOC
} >"$conf"
fohd_start

"$FOH" --json "$stream" >"$TEST_DIR/events.jsonl" 2>/dev/null &
track $!
tm new-session -d -x 200 -y 50 -s one \
    "LANG=C.UTF-8 $FOH --operator ana --linger 3s $stream 2>$TEST_DIR/one.err"
tm new-session -d -x 120 -y 30 -s kiosk \
    "LANG=C.UTF-8 $FOH --kiosk=600 $stream"
screen() {	# screen SESSION
	tm capture-pane -p -t "$1"
}
lacks() {	# lacks SESSION TEXT: the screen does not show TEXT
	! screen "$1" | grep -qF -- "$2"
}
rows() {	# rows SESSION: the queue's lines (the map under it has no state)
	screen "$1" | grep -E ' (FIRING|FLAPPING|ACKED|SHELVED|RESOLVED) '
}
dump() {	# dump SESSION: for a failure
	echo "--- $1 ---" >&2
	screen "$1" >&2
}
for s in one kiosk; do
	wait_until 10 shows $s "Basement Club" || { dump $s; fail "$s: no venue"; }
done

# The open alerts as foh --json last reported them: "id rule subject
# severity state" lines.
alerts() {
	"$py" - "$TEST_DIR/events.jsonl" <<'EOP'
import json, sys
last = {}
for l in open(sys.argv[1]):
    if not l.strip():
        continue
    e = json.loads(l)
    if e.get("type") == "alert":
        last[e["id"]] = e
for i, e in sorted(last.items()):
    if e["state"] != "gone":
        print(i, e["rule"], e["subject"], e["severity"], e["state"])
EOP
}
has_alert() {	# has_alert RULE STATE
	alerts | grep -q " $1 [a-z0-9_-]* [a-z]* $2\$"
}
alert_id() {	# alert_id RULE
	alerts | awk -v r="$1" '$2 == r && $5 != "resolved" { print $1 }' | tail -n 1
}

now=$(( $(date +%s) * 1000 ))
# First the model's drift, two minutes of it: the older critical.
frames=""
i=0
while [ $i -le 12 ]; do
	frames="$frames{\"kind\":\"drift_score\",\"model\":\"counter\",\"version\":\"1\",\"method\":\"psi\",\"score\":0.9,\"t\":$((now - 120000 + i * 10000))},"
	i=$((i + 1))
done
$client send "$ws" "" "[${frames%,}]" >/dev/null || fail "drift readings"
wait_until 15 has_alert counter-drift firing || { alerts >&2; fail "no drift critical"; }
drift=$(alert_id counter-drift)
# The main amp sends no telemetry: 10 s after fohd started it is offline,
# an equipment critical, younger than the drift one.
wait_until 30 has_alert device-offline firing || { alerts >&2; fail "the amp did not go offline"; }

# Then a crowd building on the dance floor for five minutes, 2.0 to 4.0
# p/m2 steadily: past the warning level (3.33), and forecast to reach the
# critical one (5.00).
now=$(( $(date +%s) * 1000 ))
frames=""
i=0
while [ $i -le 60 ]; do
	frames="$frames{\"kind\":\"zone_count\",\"zone\":\"dance\",\"count\":$((300 + i * 5)),\"t\":$((now - 300000 + i * 5000))},"
	i=$((i + 1))
done
$client send "$ws" "" "[${frames%,}]" >/dev/null || fail "zone readings"
warnings() {
	has_alert density-warning firing && has_alert density-forecast firing
}
wait_until 20 warnings || { alerts >&2; fail "the dance floor's warnings did not fire"; }

# The cursor on the dance floor's row: a warning, the other folded (+1).
tm send-keys -t one 2
warn_row() {
	rows one | grep 'Dance floor' | grep -q 'WARN.*+1 '
}
wait_until 10 warn_row || { dump one; fail "no dance floor row with +1"; }
n=$(rows one | grep -n 'Dance floor' | head -n 1 | cut -d: -f1)
tm send-keys -t one Home
while [ "$n" -gt 1 ]; do
	tm send-keys -t one j
	n=$((n - 1))
done
keyline() {
	screen one | tail -n 1
}
prompt_closed() {
	! keyline | grep -q "Ack #"
}
tm send-keys -t one a
wait_until 5 shows one "Ack #" || { dump one; fail "no ack prompt"; }
warn=$(keyline | sed -n 's/.*Ack #\([0-9][0-9]*\) club density-[a-z]* dance.*/\1/p')
[ -n "$warn" ] || { dump one; fail "the cursor is not on the dance floor's row"; }
tm send-keys -t one Escape
wait_until 5 prompt_closed || { dump one; fail "Escape did not close the prompt"; }
echo "ok: the cursor is on the dance floor's row, #$warn"

# Past the critical level (held 10 s), and a fall detector's warning.
now=$(( $(date +%s) * 1000 ))
$client send "$ws" "" "{\"kind\":\"zone_count\",\"zone\":\"dance\",\"count\":900,\"t\":$now}" >/dev/null || fail "zone reading"
$client send "$ws" "" '{"kind":"external_alert","source":"fall-detector","subject":"dance","severity":"warning","title":"Crowd surge near the stage","reason":"camera 3: flow against the exits","details":{"camera":"cam-3","persons":12}}' >/dev/null || fail "external alert"
zone_alerts() {
	has_alert density-critical firing && has_alert fall-detector firing
}
wait_until 30 zone_alerts || { alerts >&2; fail "the dance floor's critical did not fire"; }
crit=$(alert_id density-critical)
echo "ok: fohd raised the drift critical #$drift, the amp's offline critical, the dance floor's warnings, then its critical #$crit and an external warning"

# One row for the zone's three alerts, "+2" on it, first: life safety
# before the older equipment and drift criticals, in that order. The
# external alert has its own row. The cursor's warning is now folded
# under the critical: its row opened by itself, so the cursor is still on
# it, and the two warnings say "inhibited by #crit".
one_row() {
	_s=$(rows one)
	echo "$_s" | grep 'Dance floor' | head -n 1 | grep -q 'CRIT.*+2 ' &&
	    [ "$(echo "$_s" | grep -c "(inhibited by #$crit)")" = 2 ] &&
	    [ "$(echo "$_s" | grep -c 'Dance floor')" = 3 ] &&
	    echo "$_s" | grep -q 'Crowd surge near the stage' &&
	    echo "$_s" | grep -q 'Door counter' &&
	    echo "$_s" | grep -q 'Main amp'
}
wait_until 10 one_row || { dump one; fail "not one opened row with +2 and two inhibited warnings"; }
tm send-keys -t one a
wait_until 5 shows one "Ack #" || { dump one; fail "no ack prompt"; }
keyline | grep -q "Ack #$warn " || { dump one; fail "the cursor left #$warn when it was folded"; }
tm send-keys -t one Escape
wait_until 5 prompt_closed || { dump one; fail "Escape did not close the prompt"; }
echo "ok: #$warn folded under the critical #$crit: its row opened, the cursor stayed on it"
order=$(rows one | grep CRIT | grep -o -e 'Dance floor' -e 'Main amp' -e 'Door counter' | tr '\n' ,)
[ "$order" = "Dance floor,Main amp,Door counter," ] ||
    { dump one; fail "criticals in the order $order: want the crowd, the amp, the model"; }
rows one | grep 'Crowd surge' | grep -q inhibited &&
    { dump one; fail "the external alert says it is inhibited"; }
wait_until 5 shows one "problems" "open alerts" || { dump one; fail "no problem count in the heading"; }
echo "ok: criticals ordered $order the external alert apart"

# Left on a folded alert folds the row and takes the cursor up to it,
# saying so; Right opens it again.
tm send-keys -t one Left
folded() {
	[ "$(rows one | grep -c 'Dance floor')" = 1 ] &&
	    shows one "group closed: the cursor is on its row, #$crit"
}
wait_until 10 folded || { dump one; fail "Left did not fold the row and say where the cursor went"; }
tm send-keys -t one Right
opened() {
	[ "$(rows one | grep -c "(inhibited by #$crit)")" = 2 ] &&
	    [ "$(rows one | grep -c 'Dance floor')" = 3 ]
}
wait_until 10 opened || { dump one; fail "Right does not open the row again"; }
echo "ok: Left folds the row (cursor to #$crit, said), Right opens it: $(rows one | grep -c "(inhibited by #$crit)") warnings inhibited"

# The why-pane of the first folded warning.
tm send-keys -t one j
tm send-keys -t one Enter
wait_until 10 shows one "Inhibited by #$crit:" "Also on this subject:" "#$crit CRIT" ||
    { dump one; fail "the why-pane does not say what inhibits the warning"; }
echo "ok: the why-pane: $(screen one | grep -o "Inhibited by #$crit:.*" | head -n 1)"
tm send-keys -t one Escape
wait_until 5 shows one "open alert" || { dump one; fail "Escape did not go back to the queue"; }

# The bulk ack counts the folded alerts, and cancelling sends nothing.
tm send-keys -t one A
wait_until 5 shows one "Ack 6 unacknowledged alerts (2 of them folded) of club?" ||
    { dump one; fail "the bulk ack does not count the folded alerts"; }
tm send-keys -t one n Enter
wait_until 5 shows one "nothing acknowledged" || { dump one; fail "bulk ack not cancelled"; }
echo "ok: A asks for 6 alerts, 2 of them folded"

# The external alert's why-pane: its own fields, no value of ours.
tm send-keys -t one /
tm send-keys -t one -l surge
tm send-keys -t one Enter
wait_until 5 shows one "filter /surge" || { dump one; fail "no filter"; }
tm send-keys -t one Enter
wait_until 10 shows one "Reason: camera 3: flow against the exits" "Details:" "cam-3" "persons" ||
    { dump one; fail "the external alert's why-pane lacks its own fields"; }
for bad in Observed "vs threshold" "Trend:" "0.00"; do
	lacks one "$bad" || { dump one; fail "the external alert's why-pane shows \"$bad\""; }
done
echo "ok: the external alert's why-pane shows its reason and details, no value or threshold"
tm send-keys -t one Escape
wait_until 5 shows one "open alert" || { dump one; fail "no queue"; }
tm send-keys -t one n

# The kiosk names the crowd critical, the first in queue order, not the
# older amp or drift critical.
banner() {
	screen kiosk | sed -n 2p |
	    grep -q "3 UNACKNOWLEDGED CRITICAL  Basement Club  zone Dance floor  Dance floor"
}
wait_until 10 banner || { dump kiosk; alerts >&2; fail "the kiosk banner does not name the crowd critical"; }
echo "ok: kiosk: $(screen kiosk | sed -n 2p | sed 's/  *$//')"

# The crowd goes: the zone's alerts resolve, linger 3 s, then leave.
now=$(( $(date +%s) * 1000 ))
$client send "$ws" "" "[{\"kind\":\"zone_count\",\"zone\":\"dance\",\"count\":60,\"t\":$((now - 1000))},{\"kind\":\"zone_count\",\"zone\":\"dance\",\"count\":60,\"t\":$now}]" >/dev/null || fail "readings"
wait_until 20 has_alert density-critical resolved || { alerts >&2; fail "the critical did not resolve"; }
resolved_row() {
	rows one | grep 'RESOLVED' | grep -q 'Dance floor'
}
wait_until 10 resolved_row || { dump one; fail "no resolved row"; }
t0=$(now_ms)
no_resolved() {
	! rows one | grep -q 'RESOLVED'
}
wait_until 20 no_resolved || { dump one; fail "resolved rows did not leave after the linger"; }
took=$(( $(now_ms) - t0 ))
[ "$took" -ge 1000 ] || fail "resolved rows left after $took ms, before the linger"
echo "ok: resolved rows stayed, then left $took ms after first shown (linger 3 s)"
wait_until 10 shows kiosk "2 UNACKNOWLEDGED CRITICAL  Basement Club  device Main amp  Main amp" ||
    { dump kiosk; fail "the banner does not move on to the amp's critical"; }
echo "ok: kiosk, the crowd gone: $(screen kiosk | sed -n 2p | sed 's/  *$//')"
for s in one kiosk; do
	tm send-keys -t $s q
done
