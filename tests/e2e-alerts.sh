#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Alerts that explain themselves, end to end with real processes: readings
# into a real fohd push the dance floor past 5 p/m2 for more than the hold
# time; the alert arrives at two subscribers with its explanation; an
# operator acknowledges it with a comment over the ipc control socket; both
# subscribers see it acknowledged; the audit row is in the journal (`fohd
# history`); refusals (unknown alert, no comment, no right) are answered
# with their reason and recorded; a repeat is idempotent; an ack after the
# alert resolved answers already-resolved and changes nothing; approve
# publishes an action; a restarted fohd restores what was open.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
{
	club_conf "$TEST_DIR/club.db"
	cat <<EOC
[operator viewer]
rights = comment
[operator bob]
uid = 4242
rights = all
EOC
	conf_bar_full
	cat <<EOC
action = Open the side room and move the queue there
hook = $TEST_DIR/hook.sh
EOC
} >"$conf"
cat >"$TEST_DIR/hook.sh" <<EOH
#!/bin/sh
env | grep '^FOH_' | sort >"$TEST_DIR/hook.out"
EOH
chmod +x "$TEST_DIR/hook.sh"

fohd_start

stream_sub "$TEST_DIR/a.bin" 1000000 60 foh/club/alert foh/club/action
stream_sub "$TEST_DIR/b.bin" 1000000 60 foh/club/alert foh/club/action
wait_until 10 subscribers = 2 || fail "subscribers not connected"

has_alert() {	# has_alert FILE STATE
	stream_json "$1" | grep '"rule": "density-critical"' | grep -q "\"state\": \"$2\""
}

# A crush on the dance floor: 600 -> 900 persons on 150 m2 over 30 s.
t0=$(( $(date +%s) * 1000 - 40000 ))
frames=""
i=0
while [ $i -le 30 ]; do
	n=$((600 + i * 10))
	frames="$frames{\"kind\":\"zone_count\",\"zone\":\"dance\",\"count\":$n,\"source\":\"cam-7\",\"t\":$((t0 + i * 1000))},"
	i=$((i + 1))
done
$client send "$ws" "" '{"kind":"gate_flow","gate":"door","in":120,"out":3,"interval_ms":60000}' >/dev/null
$client send "$ws" "" "[${frames%,}]" | grep -q '"accepted": 31' || fail "readings refused"
wait_until 10 has_alert "$TEST_DIR/a.bin" firing || fail "no firing alert"
stream_json "$TEST_DIR/a.bin" | grep '"rule": "density-critical"' | tail -n 1 >"$TEST_DIR/alert.json"
$py - "$TEST_DIR/alert.json" <<'EOP' || fail "the alert's explanation"
import json, sys
a = json.loads(open(sys.argv[1]).read())
assert a["severity"] == "critical" and a["subject"] == "dance", a
assert a["rkind"] == "threshold" and a["unit"], a
assert a["value"] > 5.0 and a["threshold"] == 5.0, a
assert abs(a["margin"] - (a["value"] - a["threshold"])) < 1e-6, a
assert a["held_ms"] >= 10000, a
assert len(a["window"]) >= 10 and a["window_step_ms"] > 0, a
assert a["words"] and a["expr"] and a["action"], a
assert a["source"] == "zone counts from cam-7", a
names = [c["name"] for c in a.get("contrib", [])]
assert any(n.startswith("gate:door") for n in names), (names, a)
print("ok: alert %d: %s" % (a["id"], a["title"]))
print("    rule: %s | %s" % (a["words"], a["expr"]))
print("    value %.2f vs %.2f (margin %+.2f) held %d s, %d samples; source %s"
      % (a["value"], a["threshold"], a["margin"], a["held_ms"] // 1000,
         len(a["window"]), a["source"]))
print("    contributing: %s; action: %s" % (names, a["action"]))
EOP
id=$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$TEST_DIR/alert.json")

# Refusals, each with its reason.
r=$($ctl "$control" ack ana id=11 alert=999999 comment=where)
[ "$(answer code "$r")" = not-found ] || fail "unknown alert: $r"
r=$($ctl "$control" ack ana id=12 alert=$id)
[ "$(answer code "$r")" = bad-request ] && [ "$(answer field "$r")" = comment ] ||
    fail "ack without comment: $r"
r=$($ctl "$control" ack viewer id=13 alert=$id comment=mine)
[ "$(answer code "$r")" = forbidden ] || fail "viewer ack: $r"
echo "ok: refused: $(answer text "$r")"
r=$($ctl "$control" ack - id=14 alert=$id comment=x)
[ "$(answer code "$r")" = bad-request ] || fail "ack without operator: $r"
r=$($ctl "$control" ack bob id=15 alert=$id comment=x)
[ "$(answer code "$r")" = forbidden ] || fail "bob from the wrong uid: $r"
echo "ok: refused: $(answer text "$r")"

# The ack, its answer after commit, and its idempotent repeat.
r=$($ctl "$control" ack ana id=21 alert=$id "comment=stewards sent, holding the door")
[ "$(answer status "$r")" = done ] || fail "ack: $r"
echo "ok: ack answered: $(answer text "$r")"
r2=$($ctl "$control" ack ana id=21 alert=$id "comment=stewards sent, holding the door")
[ "$r2" = "$r" ] || fail "repeat of request 21 answered differently: $r2"
r3=$($ctl "$control" ack ana id=22 alert=$id comment=again)
[ "$(answer status "$r3")" = unchanged ] || fail "second ack: $r3"
echo "ok: a repeated request gets the same answer; a second ack is unchanged"
wait_until 10 has_alert "$TEST_DIR/a.bin" acknowledged || fail "subscriber a: no ack"
wait_until 10 has_alert "$TEST_DIR/b.bin" acknowledged || fail "subscriber b: no ack"
echo "ok: both subscribers see the alert acknowledged"

# The one-shot command line does the same from a shell.
out=$("$FOH" comment "$stream" "$id" -m "one-shot note" -o ana) ||
    fail "foh comment: $out"
case "$out" in done:*) ;; *) fail "foh comment said: $out" ;; esac
"$FOH" ack "$stream" 999999 -m x -o ana >"$TEST_DIR/oneshot.out"
st=$?
[ $st = 1 ] && grep -q "refused (not-found)" "$TEST_DIR/oneshot.out" ||
    fail "foh ack of an unknown alert: status $st, $(cat "$TEST_DIR/oneshot.out")"
echo "ok: foh comment from a shell: $out"
# ... naming the venue of a foh.conf, which also gives the operator.
printf '[console]\noperator = ana\n[venue club]\nstream = %s\n' "$stream" \
    >"$TEST_DIR/foh.conf"
out=$("$FOH" comment club "$id" -m "by venue name" -c "$TEST_DIR/foh.conf") ||
    fail "foh comment club: $out"
case "$out" in done:*) ;; *) fail "foh comment club said: $out" ;; esac
if "$FOH" comment nowhere "$id" -m x -c "$TEST_DIR/foh.conf" 2>"$TEST_DIR/nv.err"; then
	fail "a venue not in foh.conf was accepted"
fi
grep -q 'no venue "nowhere" in' "$TEST_DIR/nv.err" || fail "unknown venue: $(cat "$TEST_DIR/nv.err")"
echo "ok: foh comment VENUE from foh.conf: $out"

# Approve the suggested action: an action message on the stream.
r=$($ctl "$control" approve ana id=31 alert=$id)
[ "$(answer status "$r")" = done ] || fail "approve: $r"
has_action() {
	stream_json "$TEST_DIR/b.bin" | grep -q '"kind": "action"'
}
wait_until 10 has_action || fail "no action published"
echo "ok: approve published the action"

# A rule with a hook: approving its alert runs the hook with the alert.
$client send "$ws" "" '{"kind":"zone_count","zone":"bar","count":90}' >/dev/null
bar_alert() {
	stream_json "$TEST_DIR/a.bin" | grep -q '"rule": "bar-full"'
}
wait_until 10 bar_alert || fail "no bar-full alert"
bar=$(stream_json "$TEST_DIR/a.bin" | grep '"rule": "bar-full"' | tail -n 1 |
    $py -c 'import json,sys; print(json.load(sys.stdin)["id"])')
r=$($ctl "$control" approve ana id=32 alert=$bar comment=go)
[ "$(answer status "$r")" = done ] || fail "approve bar: $r"
hooked() {
	grep -q "FOH_ACTION=Open the side room" "$TEST_DIR/hook.out" 2>/dev/null
}
wait_until 10 hooked || fail "the hook did not run"
grep -q "FOH_OPERATOR=ana" "$TEST_DIR/hook.out" || fail "hook env"
echo "ok: approve ran the rule's hook: $(tr '\n' ' ' <"$TEST_DIR/hook.out")"

# The audit trail, from the journal.
"$FOHD" history -c "$conf" --format jsonl >"$TEST_DIR/history.jsonl" ||
    fail "fohd history"
grep '"op": *"ack"' "$TEST_DIR/history.jsonl" | grep '"operator": *"ana"' |
    grep -q 'stewards sent, holding the door' || { cat "$TEST_DIR/history.jsonl" >&2; fail "no audit row for the ack"; }
grep '"operator": *"viewer"' "$TEST_DIR/history.jsonl" | grep -q forbidden ||
    fail "the refusal is not in the audit trail"
"$FOHD" history -c "$conf" >"$TEST_DIR/history.csv" || fail "history csv"
head -n 1 "$TEST_DIR/history.csv" | grep -q '^time,venue,alert,op,operator,note' ||
    fail "history csv header"
echo "ok: audit trail has the ack and the refusal ($(wc -l <"$TEST_DIR/history.jsonl") lines)"

# A restart restores the open, acknowledged alert.
kill -TERM $pid
wait $pid
fohd_start
snapshot_to "$TEST_DIR/snap.ans" || fail "snapshot"
$py - "$TEST_DIR/snap.ans" "$id" <<'EOP' || fail "restore"
import sys, msgpack
b = msgpack.unpackb(next(iter(msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False))), raw=False)
a = [x for x in b["alerts"] if x["id"] == int(sys.argv[2])]
assert a and a[0]["state"] == "acknowledged" and a[0]["acked_by"] == "ana", b["alerts"]
print("ok: restarted fohd restored alert %d, acknowledged by %s" % (a[0]["id"], a[0]["acked_by"]))
EOP

# Control over tcp is refused unless the venue allows it.
fohd_tcp_start
r=$($ctl "$tcp" ack ana id=51 alert=$id comment=remote)
[ "$(answer code "$r")" = forbidden ] || fail "tcp control: $r"
echo "ok: over tcp: $(answer text "$r")"
kill -TERM $tpid
wait $tpid

# The crowd thins: the alert resolves; a late ack does not un-resolve it.
now=$(( $(date +%s) * 1000 ))
$client send "$ws" "" "{\"kind\":\"zone_count\",\"zone\":\"dance\",\"count\":200,\"t\":$now}" >/dev/null
resolved() {
	$ctl "$control" comment ana id=$(( $(date +%s%N) % 1000000 + 100 )) alert=$id comment=check |
	    grep -q '"state": "resolved"'
}
wait_until 10 resolved || fail "alert did not resolve"
r=$($ctl "$control" unack ana id=41 alert=$id)
[ "$(answer code "$r")" = already-resolved ] || fail "unack after resolve: $r"
r=$($ctl "$control" ack ana id=42 alert=$id comment=late)
[ "$(answer code "$r")" = already-resolved ] || fail "ack after resolve: $r"
echo "ok: ack after resolve: $(answer text "$r")"
kill -TERM $pid
wait $pid || fail "fohd exit status"
