#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fohd's control contract against hostile and confused peers, end to end
# with a real fohd, real nng sockets (nngcat, and tests/sp_req.py speaking
# nng's ipc wire format for floods) and a real SQLite journal:
#   - op alerts: the full maps of the ids asked, in order, unknown ones
#     left out; ids empty or absent is bad-request, field ids;
#   - a request whose deadline_ms has passed is refused expired, changes
#     nothing, is audited and counted; one in time is carried out; one
#     held up while fohd is stopped arrives late and is refused;
#   - an undecodable request is answered with its id when the id can be
#     read; a request of another kind is refused naming field kind;
#   - another user who sends ana's next id first does not poison the
#     answer ana gets (the answer memory is keyed by peer too);
#   - an id reused for another request is refused (field id), neither
#     carried out nor answered with the first request's "done";
#   - 2000 forbidden requests write a bounded number of audit rows and log
#     lines; the rest are counted as suppressed and summed up in one line;
#   - control characters in comments and operator names reach neither the
#     log nor `fohd history` raw.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
other=4242	# another local user
{
	club_conf "$TEST_DIR/club.db"
	cat <<EOC
[operator bob]
uid = $other
rights = all
EOC
	conf_bar_full
	cat <<EOC
action = Open the side room
[rule dance-any]
kind = threshold
on = zone:dance
metric = density
above = 0.1
for = 0
severity = info
EOC
} >"$conf"

fohd_start
now_ms_() {
	$py -c 'import time; print(int(time.time() * 1000))'
}

# Two alerts: the bar is full, the dance floor has people.
$client send "ws://127.0.0.1:$port/ingest" "" \
    '[{"kind":"zone_count","zone":"bar","count":90},{"kind":"zone_count","zone":"dance","count":100}]' \
    >/dev/null || fail "readings"
two_alerts() {
	[ -n "$(snapshot_alert bar-full)" ] && [ -n "$(snapshot_alert dance-any)" ]
}
wait_until 10 two_alerts || fail "no alerts"
bar=$(snapshot_alert bar-full)
dance=$(snapshot_alert dance-any)

# --- op alerts ---
r=$($ctl "$control" alerts - ids=)
[ "$(answer code "$r")" = bad-request ] && [ "$(answer field "$r")" = ids ] ||
    fail "alerts with no ids: $r"
r=$($ctl "$control" alerts -)
[ "$(answer field "$r")" = ids ] || fail "alerts without ids: $r"
r=$($ctl "$control" alerts - id=5 ids=$dance,999999,$bar)
$py - "$r" "$dance" "$bar" <<'EOP' || fail "alerts op: $r"
import json, sys
a = json.loads(sys.argv[1])
assert a["kind"] == "reply" and a["id"] == 5 and a["status"] == "done", a
got = [x["id"] for x in a["alerts"]]
assert got == [int(sys.argv[2]), int(sys.argv[3])], got
full = a["alerts"][1]
assert full["rule"] == "bar-full" and full["title"] and full["window"], full
print("ok: op alerts: %s in the order asked, 999999 left out" % got)
EOP

# --- deadlines ---
late=$(( $(now_ms_) - 1500 ))
r=$($ctl "$control" ack ana id=101 alert=$bar comment=late deadline_ms=$late)
[ "$(answer code "$r")" = expired ] && [ "$(answer field "$r")" = deadline_ms ] &&
    [ "$(answer id "$r")" = 101 ] || fail "late ack: $r"
echo "ok: late ack refused: $(answer text "$r")"
r=$($ctl "$control" alerts - ids=$bar)
$py -c 'import json,sys; a=json.loads(sys.argv[1])["alerts"][0]; assert a["state"]=="firing" and not a.get("acked_by") and not a.get("ops"), a' "$r" ||
    fail "the late ack changed the alert: $r"
[ "$(sql "SELECT result FROM audit WHERE request = 101")" = expired ] ||
    fail "the late ack is not audited as expired"
[ "$(sql "SELECT COUNT(*) FROM audit WHERE request = 101 AND result <> 'expired'")" = 0 ] ||
    fail "the late ack was recorded as done"
[ "$(metric fohd_control_refused_total 'code="expired"')" = 1 ] ||
    fail "expired not counted: $(metric fohd_control_refused_total 'code="expired"')"
r=$($ctl "$control" ack ana id=101 alert=$bar comment=late deadline_ms=$late)
[ "$(answer code "$r")" = expired ] || fail "the late ack's repeat: $r"
r=$($ctl "$control" ack ana id=102 alert=$bar comment=in-time deadline_ms=$(( $(now_ms_) + 60000 )))
[ "$(answer status "$r")" = done ] || fail "ack in time: $r"
echo "ok: expired changes nothing, is audited and counted; an ack in time is done"
# The link is down (fohd stopped) while the operator waits: the request
# arrives after its deadline and is not carried out.
kill -STOP $pid
deadline=$(( $(now_ms_) + 1000 ))
$ctl "$control" ack ana id=103 alert=$dance comment=stuck deadline_ms=$deadline \
    >"$TEST_DIR/stuck.out" &
stuck=$!
past() {
	[ "$(now_ms_)" -gt $((deadline + 200)) ]
}
wait_until 10 past
kill -CONT $pid
wait $stuck || fail "the stuck ack got no answer"
r=$(cat "$TEST_DIR/stuck.out")
[ "$(answer code "$r")" = expired ] || fail "ack that arrived after its deadline: $r"
r=$($ctl "$control" alerts - ids=$dance)
$py -c 'import json,sys; a=json.loads(sys.argv[1])["alerts"][0]; assert a["state"]=="firing" and not a.get("acked_by"), a' "$r" ||
    fail "the stuck ack changed the alert: $r"
echo "ok: an ack held up while fohd was stopped arrives late and is refused expired"

# --- contract: ids of undecodable requests, other kinds ---
r=$($sp "$control" ask '{"v":1,"kind":"reply","id":6,"status":"done"}')
[ "$(answer code "$r")" = bad-request ] && [ "$(answer field "$r")" = kind ] &&
    [ "$(answer id "$r")" = 6 ] || fail "a reply sent as a request: $r"
echo "ok: kind reply refused: field kind, id 6: $(answer text "$r")"
r=$($sp "$control" ask '{"v":1,"kind":"heartbeat","venue":"club","seq":1,"epoch":1,"ts":1,"id":8}')
[ "$(answer field "$r")" = kind ] && [ "$(answer id "$r")" = 8 ] ||
    fail "a heartbeat sent as a request: $r"
r=$($sp "$control" ask "{\"v\":1,\"kind\":\"request\",\"op\":\"ack\",\"id\":7,\"operator\":\"ana\",\"alert\":\"$bar\"}")
[ "$(answer code "$r")" = bad-request ] && [ "$(answer field "$r")" = alert ] &&
    [ "$(answer id "$r")" = 7 ] || fail "undecodable with an id: $r"
r=$($sp "$control" ask '{"v":1,"kind":"request","op":"ack","id":"seven"}')
[ "$(answer code "$r")" = bad-request ] && [ "$(answer id "$r")" = 0 ] ||
    fail "an unreadable id: $r"
# A whole map with a byte after it, and a map cut short after its id.
r=$($sp "$control" raw '84a17601a46b696e64a772657175657374a269642da26f70a8736e617073686f74c0')
[ "$(answer code "$r")" = bad-request ] && [ "$(answer id "$r")" = 45 ] ||
    fail "a request with a trailing byte: $r"
r=$($sp "$control" raw '86a17601a46b696e64a772657175657374a26f70a361636ba86f70657261746f72a3616e61a269642ca7636f6d6d656e74b361206c6f6e6720636f6d6d656e742068')
[ "$(answer code "$r")" = bad-request ] && [ "$(answer id "$r")" = 44 ] ||
    fail "a request cut short after its id: $r"
r=$($sp "$control" raw '83a17601a46b696e64a57265706c79a269643500')
[ "$(answer field "$r")" = kind ] && [ "$(answer id "$r")" = 53 ] ||
    fail "a reply with a trailing byte: $r"
r=$($sp "$control" ask '{"v":2,"kind":"reply","id":51}')
[ "$(answer code "$r")" = unsupported ] && [ "$(answer field "$r")" = v ] &&
    [ "$(answer id "$r")" = 51 ] || fail "a v2 reply: the version comes first: $r"
r=$($sp "$control" raw 'c1c1c1')
[ "$(answer code "$r")" = bad-request ] && [ "$(answer id "$r")" = 0 ] ||
    fail "not msgpack: $r"
echo "ok: an undecodable request's error carries its id when it can be read"

# --- no poisoning: another user sends ana's next id first ---
chmod 755 "$TEST_DIR"
chmod 777 "$TEST_DIR/club.ctl"
r=$(setpriv --reuid=$other --regid=$other --clear-groups \
    $ctl "$control" comment ana id=777 alert=$dance comment=mine) ||
    fail "could not run as uid $other"
[ "$(answer code "$r")" = forbidden ] || fail "uid $other as ana: $r"
r=$($ctl "$control" comment ana id=777 alert=$dance "comment=ana's own")
[ "$(answer status "$r")" = done ] || fail "ana's request 777 was poisoned: $r"
r2=$($ctl "$control" comment ana id=777 alert=$dance "comment=ana's own")
[ "$r2" = "$r" ] || fail "ana's repeat answered differently: $r2"
r=$(setpriv --reuid=$other --regid=$other --clear-groups \
    $ctl "$control" comment ana id=777 alert=$dance "comment=ana's own")
[ "$(answer code "$r")" = forbidden ] || fail "uid $other got ana's answer: $r"
echo "ok: uid $other sending ana's id first does not poison ana's answer, nor gets it"

# --- an id reused for another request is refused, not answered "done" ---
r=$($ctl "$control" comment ana id=400 alert=$dance "comment=the first note")
[ "$(answer status "$r")" = done ] || fail "comment 400: $r"
r2=$($ctl "$control" comment ana id=400 alert=$dance "comment=another note")
[ "$(answer code "$r2")" = bad-request ] && [ "$(answer field "$r2")" = id ] ||
    fail "id 400 reused for another comment: $r2"
r3=$($ctl "$control" ack ana id=400 alert=$dance "comment=the first note")
[ "$(answer field "$r3")" = id ] || fail "id 400 reused for an ack: $r3"
r4=$($ctl "$control" comment ana id=400 alert=$dance "comment=the first note")
[ "$r4" = "$r" ] || fail "the real repeat of 400: $r4"
[ "$(sql "SELECT COUNT(*) FROM audit WHERE note = 'another note'")" = 0 ] ||
    fail "the reused id's comment was recorded"
echo "ok: an id reused for another request: $(answer text "$r2")"

# --- control characters ---
esc=$(printf '\033')
note=$(printf 'line one\nline two\033[2J\033]0;pwned\007\177end')
r=$($ctl "$control" comment ana id=201 alert=$dance "comment=$note")
[ "$(answer status "$r")" = done ] || fail "comment with controls: $r"
r=$($ctl "$control" ack "ev${esc}[31mil" id=202 alert=$dance comment=x)
[ "$(answer code "$r")" = forbidden ] || fail "operator with ESC: $r"
logged() {
	grep -q 'line one\\x0aline two\\x1b\[2J\\x1b\]0;pwned\\x07\\x7fend' "$TEST_DIR/fohd.log" &&
	    grep -q 'ev\\x1b\[31mil' "$TEST_DIR/fohd.log"
}
wait_until 5 logged || { cat "$TEST_DIR/fohd.log" >&2; fail "comment or name not escaped in the log"; }
! grep -q "$esc" "$TEST_DIR/fohd.log" || fail "a raw ESC reached the log"
"$FOHD" history -c "$conf" >"$TEST_DIR/history.csv" || fail "history"
"$FOHD" history -c "$conf" --format jsonl >"$TEST_DIR/history.jsonl" || fail "history jsonl"
grep -q '^[^,]*,club,'"$dance"',comment,ana,line one\\x0aline two\\x1b\[2J\\x1b\]0;pwned\\x07\\x7fend,201,done,' "$TEST_DIR/history.csv" ||
    { cat "$TEST_DIR/history.csv" >&2; fail "history csv: comment not escaped"; }
grep -q 'ev\\x1b\[31mil' "$TEST_DIR/history.csv" || fail "history csv: operator"
$py - "$TEST_DIR/history.csv" "$TEST_DIR/history.jsonl" <<'EOP' || fail "raw controls in the history"
import csv, json, sys
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    bad = [b for b in set(data) if (b < 0x20 and b != 0x0a) or b == 0x7f]
    assert not bad and b"\xc2\x9b" not in data, (path, bad)
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert all(len(r) == 13 for r in rows), [r for r in rows if len(r) != 13]
assert rows[0][12] == "drill" and all(r[12] == "0" for r in rows[1:]), rows[0]
notes = [json.loads(l)["note"] for l in open(sys.argv[2])]
assert "line one\\x0aline two\\x1b[2J\\x1b]0;pwned\\x07\\x7fend" in notes, notes
print("ok: history csv (%d rows of 13 fields) and jsonl carry no raw control" % len(rows))
EOP
echo "ok: control characters escaped in the log and the history"

# --- 2000 forbidden requests: bounded audit rows and log lines ---
sup0=$(metric fohd_control_refusals_suppressed_total)
warn0=$(grep -c 'refused ack of alert .* by bob' "$TEST_DIR/fohd.log")
t0=$(now_ms_)
r=$($sp "$control" flood 2000 "{\"v\":1,\"kind\":\"request\",\"op\":\"ack\",\"id\":9000,\"operator\":\"bob\",\"alert\":$bar,\"comment\":\"x\"}")
t1=$(now_ms_)
[ "$r" = '{"forbidden": 2000}' ] || fail "flood answers: $r"
rows=$(sql "SELECT COUNT(*) FROM audit WHERE operator = 'bob' AND result = 'forbidden'")
sup=$(( $(metric fohd_control_refusals_suppressed_total) - sup0 ))
warn=$(( $(grep -c 'refused ack of alert .* by bob' "$TEST_DIR/fohd.log") - warn0 ))
bound=$(( 20 + 10 * ( (t1 - t0) / 1000 + 1 ) ))
echo "   2000 forbidden in $((t1 - t0)) ms: $rows audit rows, $warn log lines, $sup suppressed (bound $bound)"
[ $((rows + sup)) = 2000 ] || fail "rows $rows + suppressed $sup != 2000"
[ "$rows" -le "$bound" ] && [ "$rows" -ge 1 ] || fail "audit rows $rows, bound $bound"
[ "$warn" = "$rows" ] || fail "log lines $warn, audit rows $rows"
summary() {
	grep -q "suppressed [0-9]* refusals from ipc uid $(id -u) in the last 1[01] s" "$TEST_DIR/fohd.log"
}
wait_until 20 summary || { tail -n 5 "$TEST_DIR/fohd.log" >&2; fail "no summary line"; }
echo "ok: $(grep 'suppressed [0-9]* refusals' "$TEST_DIR/fohd.log" | tail -n 1)"
r=$($ctl "$control" comment ana id=301 alert=$dance comment=still-here)
[ "$(answer status "$r")" = done ] || fail "ana after the flood: $r"
echo "ok: ana is served after the flood"

kill -TERM $pid
wait $pid || fail "fohd exit status"

# --- without a journal the memory is in fohd, keyed the same way ---
grep -v "^\[journal\]\|^path = " "$conf" >"$TEST_DIR/nojournal.conf"
control="ipc://$TEST_DIR/nj.ctl"
fohd_run "$FOHD" -c "$TEST_DIR/nojournal.conf" --stream "ipc://$TEST_DIR/nj.pub" \
    --control "$control"
$client send "ws://127.0.0.1:$port/ingest" "" '{"kind":"zone_count","zone":"dance","count":100}' >/dev/null
has_dance() {
	[ -n "$(snapshot_alert dance-any)" ]
}
wait_until 10 has_dance || fail "no alert without a journal"
dance=$(snapshot_alert dance-any)
chmod 777 "$TEST_DIR/nj.ctl"
r=$(setpriv --reuid=$other --regid=$other --clear-groups \
    $ctl "$control" comment ana id=88 alert=$dance comment=mine)
[ "$(answer code "$r")" = forbidden ] || fail "no journal: uid $other as ana: $r"
req="{\"v\":1,\"kind\":\"request\",\"op\":\"comment\",\"id\":88,\"operator\":\"ana\",\"alert\":$dance,\"comment\":\"ana's\"}"
h1=$($sp "$control" hex "$req")
h2=$($sp "$control" hex "$req")
[ -n "$h1" ] && [ "$h1" = "$h2" ] || fail "no journal: repeat differs: $h1 / $h2"
$py -c 'import msgpack,sys; a=msgpack.unpackb(bytes.fromhex(sys.argv[1]),raw=False); assert a["status"]=="done" and len(a["alert"]["ops"])==1, a' "$h1" ||
    fail "no journal: ana's comment 88: $h1"
echo "ok: without a journal: not poisoned, and a repeat gets the first answer byte for byte"
kill -TERM $pid
wait $pid || fail "fohd exit status"
