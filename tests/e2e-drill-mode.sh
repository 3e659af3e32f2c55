#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fohd --drill (issue 15, PROTOCOL.md 15), end to end with real processes:
# a fohd with a journal plays a small JSON-lines drill at speed 20 that
# takes the dance floor past its critical level; a subscriber sees drill:
# true on every message: heartbeat, zone, alert (one key for the alert and
# its message), a layout after SIGHUP (the drill holds across a reload);
# a snapshot (with the hello a console starts from) marks its alerts,
# whose source names the drill file;
# live readings (WebSocket and nng PULL) are refused and counted; foh
# --json marks the venue and the alert; a tmux console shows the DRILL
# banner (warning slot) and tags the alert (info slot), never critical;
# a kiosk names a real critical of another venue over the drill's;
# foh ack of the drill alert lands once with an audit row marked drill;
# the drill's end is logged and fohd stays up. Restarted without --drill,
# the banner goes and the drill's alert is not restored. Then fohd record
# writes the journal's history (rows inserted here, as the sampler would)
# as JSON lines, real rows only, and fohd --drill on them reproduces the
# counts; a scenario file plays as a drill too, and a bad one is refused
# with FILE:LINE. (Not tests/e2e-drill.sh, which plays scenarios with
# foh-sim.)
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3" "$TMUX_BIN"

club_names
db="$TEST_DIR/club.db"
pull="ipc://$TEST_DIR/club.pull"
{
	# club_conf's, with an nng PULL ingest too.
	cat "$top_srcdir/conf/club.conf"
	conf_ingest
	printf 'pull = %s\n[journal]\npath = %s\n' "$pull" "$db"
	printf '[operator ana]\nuid = %s\nrights = all\n' "$(id -u)"
	# Critical at once over 5 p/m2 (750 persons on 150 m2): no hold, so
	# the drill need not last the default rule's 10 s of real time.
	printf '[rule crush]\nkind = threshold\non = zone:dance\n'
	printf 'metric = density\nabove = 5.0\nfor = 0\nseverity = critical\n'
	# Its action's hook would open the real exits: a drill never runs it.
	printf 'action = Open the side exits\nhook = %s\n' "$TEST_DIR/exits.sh"
} >"$conf"
cat >"$TEST_DIR/exits.sh" <<EOH
#!/bin/sh
echo "\$FOH_ALERT" >>"$TEST_DIR/exits.opened"
EOH
chmod +x "$TEST_DIR/exits.sh"

# The drill: 40 s of a recorded night (2 s at speed 20): the floor fills
# from 600 to 900 persons, the bar to 40, the door lets 60 in a minute.
drill="$TEST_DIR/night.jsonl"
t0=1700000000000
i=0
while [ $i -le 40 ]; do
	n=$((600 + (i > 30 ? 30 : i) * 10))
	printf '[{"kind":"zone_count","zone":"dance","count":%d,"t":%d},' \
	    $n $((t0 + i * 1000))
	printf '{"kind":"zone_count","zone":"bar","count":40,"t":%d}]\n' \
	    $((t0 + i * 1000))
	i=$((i + 1))
done >"$drill"

# Refusals of the command line, before anything runs.
if "$FOHD" -c "$conf" --drill "$drill" --replay "$drill" 2>"$TEST_DIR/both.err"; then
	fail "--drill with --replay was accepted"
fi
grep -q "fohd: error: --drill and --replay" "$TEST_DIR/both.err" ||
    fail "--drill --replay: $(cat "$TEST_DIR/both.err")"
if "$FOHD" -c "$conf" --stream "$stream" --control "$control" \
    --drill "$TEST_DIR/none.jsonl" 2>"$TEST_DIR/none.err"; then
	fail "a missing drill file was accepted"
fi
grep -q "none.jsonl: No such file" "$TEST_DIR/none.err" ||
    fail "missing drill file: $(cat "$TEST_DIR/none.err")"
echo "ok: --drill with --replay, and a missing drill file, are refused"

# A subscriber that dials before fohd listens, so it hears the hello.
"$NNGCAT" --sub --async --dial "$stream" --subscribe "" --msgpack \
    --count 100000 --recv-timeout 60 >"$TEST_DIR/all.bin" 2>/dev/null &
track $!
# A console in tmux (24-bit colour, a theme whose severity slots have
# colours no other slot has, as tests/tui-slots.sh), and foh --json, both
# waiting for the venue.
cat >"$TEST_DIR/probe.theme" <<'THEME'
[theme]
name = probe
severity_info = #0a1b2c
severity_warning = #f1a2b3, bold
severity_critical = #010203 on #fa0b0c, bold
THEME
tm_start 120 40 "env LANG=C.UTF-8 COLORTERM=truecolor TERM=tmux-256color" \
    "XDG_CONFIG_HOME=$TEST_DIR $FOH --theme $TEST_DIR/probe.theme $stream"
"$FOH" --json "$stream" >"$TEST_DIR/events.jsonl" 2>/dev/null &
track $!

fohd_start --drill "$drill" --speed 20
grep -q "DRILL: venue club runs a drill from $drill at speed 20" \
    "$TEST_DIR/fohd.log" || { cat "$TEST_DIR/fohd.log" >&2; fail "no drill line"; }

# Live readings of the real venue are refused, with code drill, counted.
r=$($client send "$ws" "" '{"kind":"zone_count","zone":"bar","count":5}')
case "$r" in *'"code": "drill"'*'"rejected": 1'*) ;;
*) fail "a live reading in a drill: $r" ;; esac
[ "$(metric fohd_ingest_rejected_total 'kind="unknown",reason="drill"')" = 1 ] ||
    fail "live refusal not counted"
grep -q "warning: drill: refused a live frame on ws" "$TEST_DIR/fohd.log" ||
    fail "live refusal not logged"
"$DEBIAN_PYTHON3" "$top_srcdir/tests/ingest_client.py" pack "$TEST_DIR/gate.bin" \
    '{"kind":"gate_flow","gate":"door","in":54,"out":0,"interval_ms":60000}'
"$NNGCAT" --push --dial "$pull" --file "$TEST_DIR/gate.bin" || fail "nngcat --push"
pull_refused() {
	[ "$(metric fohd_ingest_rejected_total 'kind="unknown",reason="drill"')" = 2 ]
}
wait_until 10 pull_refused || fail "a live PULL message was not refused"
echo "ok: a live reading is refused, on the WebSocket and on PULL: $r"

crush_id() {
	stream_json "$TEST_DIR/all.bin" | "$DEBIAN_PYTHON3" -c '
import json, sys
ids = [m["id"] for m in map(json.loads, sys.stdin)
       if m.get("kind") == "alert" and m.get("rule") == "crush"]
print(ids[0] if ids else "")'
}
has_crush() {
	[ -n "$(crush_id)" ]
}
wait_until 20 has_crush || { cat "$TEST_DIR/fohd.log" >&2; fail "no crush alert"; }
id=$(crush_id)
wait_until 10 grep -q "drill finished: 41 lines, 82 readings, 0 refused" \
    "$TEST_DIR/fohd.log" || { cat "$TEST_DIR/fohd.log" >&2; fail "no drill finished line"; }

# Every message on the stream has the mark; hello, heartbeat, zone and
# alert are among them; an alert's one key marks it and its message.
has_kind() {
	stream_json "$TEST_DIR/all.bin" | grep -q "\"kind\": \"$1\""
}
wait_until 10 has_kind heartbeat || fail "no heartbeat"
# A SIGHUP republishes the layout: the drill holds across a reload.
kill -HUP "$pid"
wait_until 10 has_kind layout || fail "no layout after SIGHUP"
stream_json "$TEST_DIR/all.bin" >"$TEST_DIR/all.json"
"$DEBIAN_PYTHON3" - "$TEST_DIR/all.json" <<'EOP' || fail "marks on the stream"
import json, sys
msgs = [json.loads(l) for l in open(sys.argv[1])]
kinds = {}
for m in msgs:
    assert m.get("drill") is True, m
    kinds[m["kind"]] = kinds.get(m["kind"], 0) + 1
for k in ("heartbeat", "layout", "zone", "alert"):
    assert k in kinds, (k, kinds)
print("ok: %d messages, every one drill: true (%s)" % (len(msgs),
      ", ".join("%s %d" % kv for kv in sorted(kinds.items()))))
EOP

snapshot_to "$TEST_DIR/snap.ans" || fail "snapshot request"
"$DEBIAN_PYTHON3" - "$TEST_DIR/snap.ans" "$id" <<'EOP' || fail "snapshot marks"
import sys, msgpack
raw = next(iter(msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False)))
b = msgpack.unpackb(raw, raw=False)
assert b["drill"] is True, b.get("drill")
assert b["hello"]["name"] == "Basement Club", b.get("hello")
a = [x for x in b["alerts"] if x["id"] == int(sys.argv[2])]
assert a and a[0]["drill"] is True, b["alerts"]
# Its data came from the drill's file, not from fohd's simulator.
assert a[0]["source"] == "zone counts from the drill file night.jsonl", a[0]
print("ok: the snapshot (the hello a console starts from) and its alert "
      "%s are marked drill; source: %s" % (sys.argv[2], a[0]["source"]))
EOP

# foh --json: the venue line and the alert's lines say drill.
json_marks() {
	grep -q '"type": *"venue".*"drill": *true\|"drill": *true.*"type": *"venue"' \
	    "$TEST_DIR/events.jsonl" &&
	grep "\"id\": *$id[,}]" "$TEST_DIR/events.jsonl" | grep -q '"drill": *true'
}
wait_until 10 json_marks || { cat "$TEST_DIR/events.jsonl" >&2; fail "foh --json marks"; }
echo "ok: foh --json marks the venue and alert $id as drill"

# The console: a DRILL banner on every view; the alert tagged DRILL.
wait_until 10 screen_has "DRILL" "Basement Club is running a drill: alerts are not real" ||
    { tm_dump; fail "no DRILL banner"; }
screen_has "LIVE DRILL" || { tm_dump; fail "no DRILL in the venue list"; }
tm send-keys -t t 2
wait_until 10 screen_has "DRILL Dance floor" ||
    { tm_dump; fail "no DRILL tag in the queue"; }
screen_has "Basement Club is running a drill" || { tm_dump; fail "banner gone on the queue"; }
# In the theme's slots: the banner in severity_warning (reversed), the
# tags in severity_info, never in severity_critical. drill_colours WHERE.
drill_colours() {
	c=$(tm capture-pane -p -e -t t |
	    "$DEBIAN_PYTHON3" "$top_srcdir/tests/screen_colours.py" word DRILL) ||
	    fail "$1: no DRILL to read colours of"
	printf '%s\n' "$c" | grep -q '^fg=241,162,179 ' ||
	    fail "$1: the banner is not in severity_warning: $c"
	printf '%s\n' "$c" | grep -q '^fg=10,27,44 ' ||
	    fail "$1: the tag is not in severity_info: $c"
	case "$c" in *250,11,12*|*"fg=1,2,3 "*)
		fail "$1: DRILL in severity_critical: $c" ;; esac
}
drill_colours queue
tm send-keys -t t Enter
wait_until 10 screen_has "FIRING  DRILL  alert $id" ||
    { tm_dump; fail "no DRILL in the why-pane"; }
drill_colours why-pane
echo "ok: the console shows the DRILL banner and tags the alert, in the queue and its why-pane, in the warning and info slots"

# A kiosk watching the club in its drill and a second, real venue: the
# drill's critical gives the DRILL banner; a real critical elsewhere takes
# the line, in the critical colour; once it is acknowledged the DRILL
# banner is back. (fohd_start sets pid, ws, metrics: the club's are kept.)
club_pid=$pid club_ws=$ws club_metrics=$metrics
sed 's/^id = club$/id = hall/; s/^name = Basement Club$/name = Side Hall/' \
    "$conf" >"$TEST_DIR/hall.conf"
sed -i "s|^path = $db\$|path = $TEST_DIR/hall.db|; s|^pull = .*|pull = ipc://$TEST_DIR/hall.pull|" \
    "$TEST_DIR/hall.conf"
hall="ipc://$TEST_DIR/hall.pub"
fohd_run "$FOHD" -c "$TEST_DIR/hall.conf" --stream "$hall" \
    --control "ipc://$TEST_DIR/hall.ctl"
hall_pid=$pid hall_ws=$ws
pid=$club_pid ws=$club_ws metrics=$club_metrics
tm new-session -d -x 120 -y 30 -s k "env LANG=C.UTF-8 COLORTERM=truecolor \
    TERM=tmux-256color XDG_CONFIG_HOME=$TEST_DIR $FOH --kiosk=600 \
    --theme $TEST_DIR/probe.theme $stream $hall"
wait_until 10 shows k "Side Hall" "Basement Club" "running a drill" ||
    { tm capture-pane -p -t k >&2; fail "kiosk: no DRILL banner"; }
$client send "$hall_ws" "" "$(held_counts dance 900)" >/dev/null ||
    fail "hall readings"
line2() {
	tm capture-pane -p -t k | sed -n 2p
}
real_banner() {
	# The real one counted alone, the drill's apart (issue 15 fix).
	case "$(line2)" in *" 1 UNACKNOWLEDGED CRITICAL (+1 drill)  Side Hall"*) return 0 ;; esac
	return 1
}
wait_until 15 real_banner || { tm capture-pane -p -t k >&2; fail "kiosk: the real critical did not take the banner"; }
c=$(tm capture-pane -p -e -t k | sed -n 2p |
    "$DEBIAN_PYTHON3" "$top_srcdir/tests/screen_colours.py" word UNACKNOWLEDGED)
[ "$c" = "fg=1,2,3 bg=250,11,12" ] || fail "kiosk: the real banner in $c"
hall_id=$("$DEBIAN_PYTHON3" "$top_srcdir/tests/control_client.py" \
    "ipc://$TEST_DIR/hall.ctl" snapshot - | "$DEBIAN_PYTHON3" -c \
    'import json,sys; print([a["id"] for a in json.load(sys.stdin)["alerts"] if a["severity"]=="critical"][0])')
out=$("$FOH" ack "$hall" "$hall_id" -m "real one: on it" -o ana) ||
    fail "hall ack: $out"
drill_banner() {
	case "$(line2)" in *"Basement Club is running a drill"*) return 0 ;; esac
	return 1
}
wait_until 15 drill_banner || { tm capture-pane -p -t k >&2; fail "kiosk: the DRILL banner did not come back"; }
echo "ok: a kiosk: the drill's banner, a real critical's over it (critical colour), the drill's again once that is acknowledged"
kill -TERM "$hall_pid"
wait "$hall_pid" || fail "hall fohd exit status"
tm kill-session -t k

# An operator acknowledges the drill's alert like a real one: once.
out=$("$FOH" ack "$stream" "$id" -m "drill: stewards to the floor" -o ana) ||
    fail "foh ack: $out"
case "$out" in done:*) ;; *) fail "foh ack said: $out" ;; esac
out2=$("$FOH" ack "$stream" "$id" -m "again" -o ana)
case "$out2" in unchanged:*) ;; *) fail "second ack said: $out2" ;; esac
[ "$(sql "SELECT count(*) FROM audit WHERE op = 'ack' AND alert = $id AND result = 'done'")" = 1 ] ||
    fail "ack not in the audit once"
[ "$(sql "SELECT drill FROM audit WHERE op = 'ack' AND alert = $id AND result = 'done'")" = 1 ] ||
    fail "the ack's audit row is not marked drill"
[ "$(sql "SELECT drill FROM alerts WHERE id = $id")" = 1 ] ||
    fail "the alert's row is not marked drill"
[ "$(sql "SELECT count(*) FROM audit WHERE drill = 0")" = 0 ] ||
    fail "a drill wrote real audit rows"
echo "ok: foh ack landed once ($out); its audit row and the alert are drill = 1"
# fohd history: the real trail has none of the drill's lines; --drill has
# them, marked drill (the JSON field, the CSV's last column).
"$FOHD" history -c "$conf" >"$TEST_DIR/hist-real.csv" || fail "fohd history"
[ "$(wc -l <"$TEST_DIR/hist-real.csv")" = 1 ] ||
    fail "fohd history shows drill lines as real: $(cat "$TEST_DIR/hist-real.csv")"
"$FOHD" history -c "$conf" --format jsonl >"$TEST_DIR/hist-real.jsonl" ||
    fail "fohd history jsonl"
[ ! -s "$TEST_DIR/hist-real.jsonl" ] ||
    fail "fohd history jsonl shows drill lines: $(cat "$TEST_DIR/hist-real.jsonl")"
"$FOHD" history -c "$conf" --drill --format jsonl >"$TEST_DIR/hist-drill.jsonl" ||
    fail "fohd history --drill"
[ "$(grep '"op":"ack"' "$TEST_DIR/hist-drill.jsonl" | grep '"result":"done"' |
    grep -c '"drill":true')" = 1 ] ||
    fail "fohd history --drill: $(cat "$TEST_DIR/hist-drill.jsonl")"
! grep -q '"drill":false' "$TEST_DIR/hist-drill.jsonl" ||
    fail "fohd history --drill shows real lines"
"$FOHD" history -c "$conf" --drill >"$TEST_DIR/hist-drill.csv" ||
    fail "fohd history --drill csv"
head -n 1 "$TEST_DIR/hist-drill.csv" | grep -q ',reason,drill$' ||
    fail "csv header: $(head -n 1 "$TEST_DIR/hist-drill.csv")"
grep -q ',ack,ana,drill: stewards to the floor,.*,1$' "$TEST_DIR/hist-drill.csv" ||
    fail "csv drill line: $(cat "$TEST_DIR/hist-drill.csv")"
echo "ok: fohd history leaves the drill out; --drill shows its lines, marked drill"

# Approving the drill's action answers done and publishes the action,
# marked, but runs no hook: it would open the real exits. The hook's
# audit line says so, marked drill.
r=$($ctl "$control" approve ana id=41 alert=$id comment="drill: open them")
[ "$(answer status "$r")" = done ] || fail "approve in a drill: $r"
hook_line() {
	[ "$(sql "SELECT result FROM audit WHERE op = 'hook' AND alert = $id")" = "skipped: drill" ]
}
wait_until 10 hook_line ||
    fail "no hook line: $(sql "SELECT group_concat(op || ' ' || result, '; ') FROM audit")"
[ "$(sql "SELECT note || ' ' || drill FROM audit WHERE op = 'hook' AND alert = $id")" = "$TEST_DIR/exits.sh 1" ] ||
    fail "the hook line: $(sql "SELECT note || ' ' || drill FROM audit WHERE op = 'hook'")"
has_action() {
	stream_json "$TEST_DIR/all.bin" | grep '"kind": "action"' |
	    grep "\"alert\": $id[,}]" | grep -q '"drill": true'
}
wait_until 10 has_action || fail "no drill action message on the stream"
grep -q "drill: hook $TEST_DIR/exits.sh of alert $id not run" "$TEST_DIR/fohd.log" ||
    fail "the skipped hook is not logged"
[ ! -e "$TEST_DIR/exits.opened" ] || fail "a drill ran the real hook"
echo "ok: an approved drill action is published, its hook is not run (audit: skipped: drill)"
kill -0 "$pid" || fail "fohd left after the drill's end"

# The real report leaves the drill out (its alert, ana's ack); only the
# report asked for drills (--drill) has them, marked DRILL.
"$FOHD" report -c "$conf" -o "$TEST_DIR/real.html" ||
    fail "fohd report failed"
"$FOHD" report -c "$conf" --drill -o "$TEST_DIR/drill.html" ||
    fail "fohd report --drill failed"
[ "$(grep -o "<tr data-alert=\"$id\">" "$TEST_DIR/real.html" | wc -l)" = 0 ] ||
    fail "the real report shows drill alert $id"
grep -q 'drill: stewards to the floor' "$TEST_DIR/real.html" &&
    fail "the real report has the drill's ack comment"
grep -q 'id="drill"' "$TEST_DIR/real.html" && fail "the real report says DRILL"
[ "$(grep -o "<tr data-alert=\"$id\">" "$TEST_DIR/drill.html" | wc -l)" -ge 2 ] ||
    fail "the drill report lacks alert $id in its alerts and decision log"
grep -q 'drill: stewards to the floor' "$TEST_DIR/drill.html" ||
    fail "the drill report lacks the ack's comment"
grep -q 'id="drill"' "$TEST_DIR/drill.html" || fail "the drill report is not marked"
grep -q '<td data-k="hook">skipped: drill</td>' "$TEST_DIR/drill.html" ||
    fail "the drill report's hook cell"
echo "ok: fohd report leaves the drill out; with --drill it has alert $id and ana's ack"

# Restart without --drill: the banner goes, the drill's alert stays in the
# journal and is not restored.
kill -TERM "$pid"
wait "$pid" || fail "fohd exit status"
grep -q "stopping on signal 15: .* (a drill)" "$TEST_DIR/fohd.log" ||
    fail "no drill on the stop line"
# Offline, the venue is no longer shown drilling: no banner, and the list
# says it was last seen in a drill (cut to the list's width).
offline_no_banner() {
	screen_has "1 offline" && screen_has "last seen in" &&
	    ! screen_has "running a drill" && ! screen_has "LIVE DRILL"
}
wait_until 15 offline_no_banner || { tm_dump; fail "the DRILL banner stayed while the venue was offline"; }
echo "ok: the drill's fohd stopped: no DRILL banner, the list says last seen in a drill"
fohd_start
if grep -q "restored" "$TEST_DIR/fohd.log"; then
	fail "a real start restored: $(grep restored "$TEST_DIR/fohd.log")"
fi
no_banner() {
	! screen_has "running a drill" && ! screen_has "LIVE DRILL" &&
	    screen_has "Basement Club"
}
wait_until 15 no_banner || { tm_dump; fail "the DRILL banner stayed"; }
snapshot_to "$TEST_DIR/snap2.ans" || fail "snapshot request"
"$DEBIAN_PYTHON3" - "$TEST_DIR/snap2.ans" "$id" <<'EOP' || fail "restart"
import sys, msgpack
raw = next(iter(msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False)))
b = msgpack.unpackb(raw, raw=False)
assert "drill" not in b, b.get("drill")
assert all(a["id"] != int(sys.argv[2]) for a in b.get("alerts", [])), b
print("ok: restarted without --drill: no mark, alert %s not restored" %
      sys.argv[2])
EOP
echo "ok: the banner went after the restart"

# fohd record: the sampler's rows (inserted here: a real night of three
# steps, and a drill's row that must not be recorded) as JSON lines.
kill -TERM "$pid"
wait "$pid" || fail "fohd exit status"
"$DEBIAN_PYTHON3" - "$db" <<'EOP' || fail "inserting samples"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
T = 1764882000000	# 2025-12-04T21:00:00Z
db.execute("INSERT INTO configs VALUES (?, 'abc', 10000, 0)", (T - 1000,))
for k, (dance, bar) in enumerate([(300, 20), (500, 35), (640, 44)]):
    t = T + k * 10000
    db.execute("INSERT INTO zone_samples VALUES (?, 'dance', ?, ?, 'C', 0)",
               (t, dance, dance / 150))
    db.execute("INSERT INTO zone_samples VALUES (?, 'bar', ?, ?, 'B', 0)",
               (t, bar, bar / 60))
    db.execute("INSERT INTO gate_samples VALUES (?, 'door', ?, 2, 11.1, 'A', 0)",
               (t, 20 + k))
    db.execute("INSERT INTO device_samples VALUES (?, 'amp-main', ?, ?, 0)",
               (t, ["ok", "warning", "offline"][k], 60.0 + k))
db.execute("INSERT INTO zone_samples VALUES (?, 'dance', 999, 6.66, 'F', 1)",
           (T + 20000,))
db.execute("INSERT INTO zone_samples VALUES (?, 'dance', 1, 0.01, 'A', 0)",
           (T + 3600000,))
db.commit()
EOP
"$FOHD" record -c "$conf" --from 2025-12-04T21:00:00Z --to 1764882030000 \
    -o "$TEST_DIR/rec.jsonl" 2>"$TEST_DIR/record.log" ||
    fail "fohd record: $(cat "$TEST_DIR/record.log")"
grep -q "record: 3 lines: 6 zone, 3 gate, 2 device, 0 model readings (1 offline" \
    "$TEST_DIR/record.log" || fail "record summary: $(cat "$TEST_DIR/record.log")"
"$DEBIAN_PYTHON3" - "$TEST_DIR/rec.jsonl" <<'EOP' || fail "recorded lines"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 3, lines
T = 1764882000000
for k, line in enumerate(lines):
    assert {r["t"] for r in line} == {T + k * 10000}, line
    z = {r["zone"]: r["count"] for r in line if r["kind"] == "zone_count"}
    assert z == [{"dance": 300, "bar": 20}, {"dance": 500, "bar": 35},
                 {"dance": 640, "bar": 44}][k], z
    g = [r for r in line if r["kind"] == "gate_flow"]
    assert g == [{"kind": "gate_flow", "t": T + k * 10000, "gate": "door",
                  "in": 20 + k, "out": 2, "interval_ms": 10000}], g
    d = [r for r in line if r["kind"] == "telemetry"]
    if k < 2:
        assert d[0]["metrics"] == [{"name": "heatsink_c", "value": 60.0 + k}], d
        assert d[0]["flags"] == {"status": ["ok", "warning"][k]}, d
    else:
        assert d == [], d
print("ok: fohd record wrote 3 steps of real rows (the drill's and those "
      "past --to left out)")
EOP
if "$FOHD" record -c "$conf" --from tomorrow 2>"$TEST_DIR/bad.err"; then
	fail "record --from tomorrow accepted"
fi
grep -q "fohd: --from: 'tomorrow' is not a time" "$TEST_DIR/bad.err" ||
    fail "bad time: $(cat "$TEST_DIR/bad.err")"

# ... and played back as a drill, it reproduces the counts.
fohd_start --drill "$TEST_DIR/rec.jsonl" --speed 1000
wait_until 10 grep -q "drill finished: 3 lines, 11 readings, 0 refused" \
    "$TEST_DIR/fohd.log" || { cat "$TEST_DIR/fohd.log" >&2; fail "record replay"; }
snapshot_to "$TEST_DIR/snap3.ans" || fail "snapshot request"
"$DEBIAN_PYTHON3" - "$TEST_DIR/snap3.ans" <<'EOP' || fail "replayed record"
import sys, msgpack
raw = next(iter(msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False)))
b = msgpack.unpackb(raw, raw=False)
assert b["drill"] is True
z = {s["zone"]: s["count"] for s in b["zones"]}
assert z == {"dance": 640, "bar": 44}, z
g = b["gates"][0]
assert (g["gate"], g["in"], g["out"]) == ("door", 22, 2), g
print("ok: fohd --drill on the recording: zones %s, gate in %d out %d" %
      (z, g["in"], g["out"]))
EOP
kill -TERM "$pid"
wait "$pid" || fail "fohd exit status"

# A scenario is a drill too (played by src/sim): 20 s at speed 20 in
# ticks of half a second, the floor crushed to 6 p/m2 from the start.
cat >"$TEST_DIR/crush.scn" <<'EOS'
[scenario]
name = Crush drill
venue = club
seed = 1
duration_s = 20
tick_ms = 500

[ramp crush]
zone = dance
from_s = 0
to_s = 20
from = 6
to = 6
unit = density
EOS
fohd_start --drill "$TEST_DIR/crush.scn" --speed 20
wait_until 10 grep -q "drill finished: scenario Crush drill: 20 s in 40 ticks, [0-9]* readings, 0 refused" \
    "$TEST_DIR/fohd.log" || { cat "$TEST_DIR/fohd.log" >&2; fail "scenario drill"; }
snapshot_to "$TEST_DIR/snap4.ans" || fail "snapshot request"
"$DEBIAN_PYTHON3" - "$TEST_DIR/snap4.ans" <<'EOP' || fail "scenario drill state"
import sys, msgpack
raw = next(iter(msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False)))
b = msgpack.unpackb(raw, raw=False)
assert b["drill"] is True
z = {s["zone"]: s["count"] for s in b["zones"]}
assert 850 <= z["dance"] <= 950, z	# 6 p/m2 on 150 m2, with noise
a = [x for x in b["alerts"] if x["rule"] == "crush"]
assert a and a[0]["drill"] is True, b["alerts"]
assert a[0]["source"] == "zone counts from the drill file crush.scn", a[0]
print("ok: a scenario drill: dance %d persons, alert %d marked drill" %
      (z["dance"], a[0]["id"]))
EOP
kill -TERM "$pid"
wait "$pid" || fail "fohd exit status"
printf '[scenario]\nvenue = club\nduration_s = 20\n[ramp x]\nzone = attic\n' \
    >"$TEST_DIR/bad.scn"
if "$FOHD" -c "$conf" --stream "$stream" --control "$control" \
    --drill "$TEST_DIR/bad.scn" 2>"$TEST_DIR/bad.log"; then
	fail "a bad scenario was accepted"
fi
grep -q "bad.scn:[0-9]*: .*attic" "$TEST_DIR/bad.log" ||
    fail "bad scenario: $(cat "$TEST_DIR/bad.log")"
echo "ok: a bad scenario stops fohd with FILE:LINE: $(cat "$TEST_DIR/bad.log")"

# --drill-hold: once the file is played out the drill holds that long,
# then fohd exits 0 (consoles see the venue offline, not a calm drill).
if "$FOHD" -c "$conf" --drill "$drill" --drill-hold soon 2>"$TEST_DIR/hold.err"; then
	fail "--drill-hold soon accepted"
fi
grep -q "fohd: --drill-hold: 'soon' is not a duration" "$TEST_DIR/hold.err" ||
    fail "bad --drill-hold: $(cat "$TEST_DIR/hold.err")"
fohd_start --drill "$drill" --speed 50 --drill-hold 2s
hold_pid=$pid
wait_until 10 grep -q "drill finished: 41 lines, .*; still in the drill for 2s (--drill-hold), then fohd exits" \
    "$TEST_DIR/fohd.log" || { cat "$TEST_DIR/fohd.log" >&2; fail "no hold line"; }
kill -0 "$hold_pid" || fail "fohd left before the hold was over"
over() {
	grep -q "drill over: exiting; start fohd without --drill" "$TEST_DIR/fohd.log" &&
	    ! kill -0 "$hold_pid" 2>/dev/null
}
wait_until 10 over || { cat "$TEST_DIR/fohd.log" >&2; fail "fohd did not exit after --drill-hold"; }
wait "$hold_pid" || fail "fohd's exit status after the hold: $?"
grep -q "stopping at the drill's end, status 0: .* (a drill)" "$TEST_DIR/fohd.log" ||
    fail "the stop line: $(tail -n 2 "$TEST_DIR/fohd.log")"
echo "ok: --drill-hold 2s: fohd exits 0 two seconds after the drill's file ends"
