#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# What a console is shown is the agent's truth, and time moves alerts; end
# to end with a real fohd, real nng sockets and real consoles (foh --json),
# the wire checked from PROTOCOL.md with Debian's python3-msgpack:
#
# 1. One reading puts the dance floor at 6.0 p/m2 (band F), then silence:
#    the 10 s critical rule fires on fohd's timer, after >= 10 s of hold
#    and well before 20 s (it never fired before: holds ran on readings).
# 2. 100 info external alerts, then one critical "FIRE ALARM": a console
#    connected before and one that joins after both show it (with 64 open
#    no console showed any new alert). The snapshot lists every open id,
#    critical first, carries 64 maps, no resolved alert, echoes the id; an
#    external alert's source is the system's name.
# 3. fohd restarts (no journal: it forgets them): the console, which never
#    saw a resolution, drops every alert the healing snapshot does not
#    list; no ghost stays FIRING.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
club_ingest_conf >"$conf"

fohd_start

stream_sub "$TEST_DIR/alerts.bin" 1000000 120 foh/club/alert
wait_until 10 subscribers -ge 1 || fail "subscriber not connected"

# --- 1. One reading, then silence: the critical fires on the timer. ---
t0=$(now_ms)
$client send "$ws" "" '{"kind":"zone_count","zone":"dance","count":900}' |
    grep -q '"accepted": 1' || fail "reading refused"
crit_fired() {
	stream_json "$TEST_DIR/alerts.bin" | grep '"rule": "density-critical"' |
	    grep -q '"state": "firing"'
}
wait_until 25 crit_fired || fail "no density-critical 25 s after one reading at 6.0 p/m2"
t1=$(now_ms)
stream_json "$TEST_DIR/alerts.bin" | grep '"rule": "density-critical"' | head -n 1 \
    >"$TEST_DIR/crit.json"
$py - "$TEST_DIR/crit.json" $((t1 - t0)) <<'EOP' || fail "the timed critical"
import json, sys
a = json.loads(open(sys.argv[1]).read())
waited = int(sys.argv[2])
assert a["severity"] == "critical" and a["subject"] == "dance", a
assert a["value"] == 6.0 and a["threshold"] == 5.0, a
assert a["held_ms"] >= 10000, a
assert 9500 <= waited < 15000, waited
print("ok: one reading at 6.0 p/m2, then silence: critical after %.1f s "
      "(held %.1f s)" % (waited / 1000, a["held_ms"] / 1000))
EOP

# --- 2. 100 open alerts, then FIRE ALARM: seen before and after. ---
"$FOH" --json "$stream" >"$TEST_DIR/early.jsonl" 2>"$TEST_DIR/early.err" &
early=$!
track $early
live() {	# live FILE
	grep -q '"link": *"live"' "$1"
}
wait_until 10 live "$TEST_DIR/early.jsonl" || fail "early console not live"
frame=""
i=1
while [ $i -le 100 ]; do
	frame="$frame{\"kind\":\"external_alert\",\"source\":\"door-sensors\",\"subject\":\"door-$i\",\"severity\":\"info\",\"title\":\"Door $i open\"},"
	i=$((i + 1))
done
$client send "$ws" "" "[${frame%,}]" | grep -q '"accepted": 100' ||
    fail "100 external alerts refused"
alerts_in() {	# alerts_in FILE: distinct alert ids shown and not gone
	$py - "$1" <<'EOP'
import json, sys
held = {}
for line in open(sys.argv[1]):
    try:
        o = json.loads(line)
    except ValueError:
        continue
    if o.get("type") != "alert":
        continue
    if o.get("state") == "gone":
        held.pop(o["id"], None)
    else:
        held[o["id"]] = o
print(len(held))
EOP
}
at_least() {	# at_least FILE N
	[ "$(alerts_in "$1")" -ge "$2" ]
}
wait_until 10 at_least "$TEST_DIR/early.jsonl" 64 || fail "early console: $(alerts_in "$TEST_DIR/early.jsonl") alerts"
$client send "$ws" "" '{"kind":"external_alert","source":"fire-panel","subject":"stage","severity":"critical","title":"FIRE ALARM","reason":"smoke detector 12 in the stage loft"}' |
    grep -q '"accepted": 1' || fail "FIRE ALARM refused"
fire_in() {	# fire_in FILE
	grep '"title": *"FIRE ALARM"' "$1" | grep -q '"severity": *"critical"'
}
wait_until 10 fire_in "$TEST_DIR/early.jsonl" ||
    fail "a console connected before does not show FIRE ALARM ($(alerts_in "$TEST_DIR/early.jsonl") alerts shown)"
wait_until 10 at_least "$TEST_DIR/early.jsonl" 102 ||
    fail "early console holds $(alerts_in "$TEST_DIR/early.jsonl") alerts, not 102"
echo "ok: a console connected before shows FIRE ALARM among $(alerts_in "$TEST_DIR/early.jsonl") open alerts"

"$FOH" --json "$stream" >"$TEST_DIR/late.jsonl" 2>"$TEST_DIR/late.err" &
track $!
wait_until 10 fire_in "$TEST_DIR/late.jsonl" ||
    fail "a console that joins later does not show FIRE ALARM ($(alerts_in "$TEST_DIR/late.jsonl") alerts shown)"
echo "ok: a console that joins later shows FIRE ALARM"

# The snapshot on the wire, as PROTOCOL.md 6.8 says.
$ctl "$control" snapshot - id=1 >"$TEST_DIR/snap.json" || fail "snapshot"
$py - "$TEST_DIR/snap.json" <<'EOP' || fail "the snapshot's open alerts"
import json, sys
b = json.load(open(sys.argv[1]))
assert b["kind"] == "snapshot", b
assert b["id"] == 1, b.get("id")
op, maps = b["open"], b["alerts"]
# 100 doors, the fire, the dance floor, and what else fired meanwhile
# (the amplifier that never reported goes offline after 10 s).
assert len(op) >= 102 and len(set(op)) == len(op), op
assert len(maps) == 64 and [a["id"] for a in maps] == op[:64], maps
assert all(a["state"] != "resolved" for a in maps)
rank = {"critical": 0, "warning": 1, "info": 2}
sev = [rank[a["severity"]] for a in maps]
assert sev == sorted(sev), sev
fire = maps[[a["title"] for a in maps].index("FIRE ALARM")]
assert fire["severity"] == "critical" and fire["source"] == "fire-panel", fire
assert sev.count(0) >= 2, "the dance floor and the fire are critical"
print("ok: snapshot: %d open ids, critical first, %d maps, no resolved, "
      "id %d echoed, source %r" % (len(op), len(maps), b["id"], fire["source"]))
EOP
nopen=$($py -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["open"]))' "$TEST_DIR/snap.json")

# The other maps: op "alerts" (agent side: agent-control.c). Until the
# agent answers it, a late console holds the 64 the snapshot carried.
r=$($ctl "$control" alerts - id=5)
case "$r" in
*'"unsupported"'*)
	echo "note: this fohd does not answer op alerts yet: the late console holds $(alerts_in "$TEST_DIR/late.jsonl") of $nopen" ;;
*)
	wait_until 10 at_least "$TEST_DIR/late.jsonl" "$nopen" ||
	    fail "late console holds $(alerts_in "$TEST_DIR/late.jsonl") alerts, not $nopen"
	echo "ok: the late console fetched the rest: $(alerts_in "$TEST_DIR/late.jsonl") alerts" ;;
esac

# Nothing failed to encode and no alert was refused for want of room.
for f in 'fohd_publish_failed_total reason="encode"' \
    'fohd_publish_failed_total reason="send"' fohd_alerts_refused_total \
    fohd_snapshots_degraded_total; do
	v=$(metric $f)
	[ "$v" = 0 ] || fail "$f is $v"
done
echo "ok: /metrics: no encode failure, no alert refused"

# --- 3. fohd restarts and forgets them: no ghost stays. ---
fire_id=$(grep '"title": *"FIRE ALARM"' "$TEST_DIR/early.jsonl" | head -n 1 |
    $py -c 'import json,sys; print(json.load(sys.stdin)["id"])')
kill -TERM $pid
wait $pid
fohd_start
fire_gone() {
	grep '"state": *"gone"' "$TEST_DIR/early.jsonl" | grep -q "\"id\": *$fire_id[,}]"
}
wait_until 15 fire_gone || fail "the FIRE ALARM (id $fire_id) stays on the early console after fohd forgot it"
none_left() {	# none_left FILE
	[ "$(alerts_in "$1")" -eq 0 ]
}
wait_until 10 none_left "$TEST_DIR/early.jsonl" ||
    fail "ghosts left on the early console: $(alerts_in "$TEST_DIR/early.jsonl")"
wait_until 10 none_left "$TEST_DIR/late.jsonl" ||
    fail "ghosts left on the late console: $(alerts_in "$TEST_DIR/late.jsonl")"
echo "ok: after fohd's restart both consoles dropped every alert it no longer has"
kill -TERM $pid
wait $pid || fail "fohd exit status"
