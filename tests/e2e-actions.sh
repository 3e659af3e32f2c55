#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Approved actions that reach the floor (issue 16): a real fohd, a real
# mosquitto and two webhooks (a local HTTP server that answers its first
# two requests 500, then 204; a closed port). Two rules fire; bar-full's
# action goes to the signage topic ([actions] publish) and to the server,
# door-full's to the topic and the closed port. An operator approves bar's
# action with the one-shot `foh approve`: mosquitto_sub receives the
# payload on foh/club/signage, the server receives it on the third try,
# and the journal has each delivery's lines (sent, acknowledged, HTTP 204).
# Then door's: the topic receives it (a second approval in the same fohd
# delivers too), the closed port ends "failed: connection refused (4
# tries)" after the retries, in the journal, on the stream (the alert's
# ops) and in a console's why-pane. With the broker stopped, an approval
# fails on MQTT after its retries, saying why. A drill of the same venue:
# its approval delivers nothing, journaled "skipped: drill". Last, the
# example venue as shipped (no [mqtt] url): a warning at start naming the
# line, and the delivery failed at once. Then a receiver that answers 500
# to every try: the alert resolves between tries, and no try follows;
# fohd stopped between tries journals the delivery it gives up.
# And a broker stopped (SIGSTOP) past the PUBACK timeout, continued in
# the backoff: its late PUBACK ends the delivery, published once. A
# webhook that never answers: "sent" once the request is written, and
# another approval's MQTT delivery not held up by its try.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/mqtt-lib.sh"
need "$DEBIAN_PYTHON3" "$TMUX_BIN" "$NNGCAT"

mqtt_start broker
"$DEBIAN_PYTHON3" "$top_srcdir/tests/http_sink.py" "$TEST_DIR/sink.port" \
    "$TEST_DIR/sink.jsonl" 2 &
track $!
# A port held bound but not listening: refused, and no one else's.
"$DEBIAN_PYTHON3" "$top_srcdir/tests/http_sink.py" "$TEST_DIR/closed.port" \
    - closed &
track $!
sinks_up() { [ -s "$TEST_DIR/sink.port" ] && [ -s "$TEST_DIR/closed.port" ]; }
wait_until 10 sinks_up || fail "the HTTP sink did not start"
hport=$(cat "$TEST_DIR/sink.port")
closed=$(cat "$TEST_DIR/closed.port")

club_names
{
	club_conf "$TEST_DIR/club.db"
	printf '[mqtt]\nurl = mqtt://127.0.0.1:%s\n' "$broker_port"
	printf '[actions]\npublish = foh/club/signage\nretries = 3\n'
	printf 'timeout = 2s\nbackoff = 100ms\n'
	conf_bar_full
	printf 'action = Send people to the side room\n'
	printf 'webhook = http://127.0.0.1:%s/foh/hook\n' "$hport"
	cat <<EOC
[rule door-full]
kind = threshold
on = zone:door
metric = density
above = 1.0
for = 0
severity = critical
action = Open the second door
webhook = http://127.0.0.1:$closed/signage
EOC
} >"$conf"

# The signage player: subscribed before anything is approved (a probe
# on the topic proves it), it keeps what comes: the probes, the actions.
mosquitto_sub -h 127.0.0.1 -p "$broker_port" -t foh/club/signage \
    >"$TEST_DIR/signage.out" 2>"$TEST_DIR/signage.err" &
sub=$!
track $sub
probed() {
	mosquitto_pub -h 127.0.0.1 -p "$broker_port" -t foh/club/signage \
	    -m probe -q 1 2>/dev/null
	grep -q '^probe$' "$TEST_DIR/signage.out"
}
wait_until 10 probed || fail "mosquitto_sub did not subscribe"
# actions: the messages on the topic but the probes.
actions() { grep -v '^probe$' "$TEST_DIR/signage.out"; }

fohd_start
grep -q "warning: .*publish = with no \[mqtt\] url" "$TEST_DIR/fohd.log" &&
    fail "a publish warning with a [mqtt] url"
"$NNGCAT" --sub --async --dial "$stream" --subscribe "" --msgpack \
    --count 100000 --recv-timeout 60 >"$TEST_DIR/all.bin" 2>/dev/null &
track $!
$client send "$ws" "" '[{"kind":"zone_count","zone":"bar","count":90},{"kind":"zone_count","zone":"door","count":60}]' |
    grep -q '"accepted": 2' || fail "readings refused"
alert_of() { sql "SELECT id FROM alerts WHERE rule = '$1'"; }
fired() { [ -n "$(alert_of bar-full)" ] && [ -n "$(alert_of door-full)" ]; }
wait_until 10 fired || fail "the alerts did not fire"
bar=$(alert_of bar-full)
door=$(alert_of door-full)

# deliveries ALERT: "result|note|reason" of its deliver lines, in order.
deliveries() {
	"$DEBIAN_PYTHON3" -c '
import sqlite3, sys
for r in sqlite3.connect(sys.argv[1]).execute(
        "SELECT result, note, reason, peer FROM audit WHERE op = '"'deliver'"'"
        " AND alert = ? ORDER BY seq", (int(sys.argv[2]),)):
    print("|".join(r))' "$TEST_DIR/club.db" "$1"
}
# delivered ALERT LINE: has ALERT a deliver line LINE (a grep -x pattern)?
delivered() { deliveries "$1" 2>/dev/null | grep -qx "$2"; }

t0=$(now_ms)
out=$("$FOH" approve "$stream" "$bar" -m "move them" -o ana) ||
    fail "foh approve: $out"
case "$out" in done:*) ;; *) fail "foh approve said: $out" ;; esac
wait_until 20 delivered "$bar" "acknowledged|mqtt foh/club/signage|1 try|fohd for ana" ||
    { deliveries "$bar" >&2; fail "bar: no MQTT acknowledgement"; }
wait_until 20 delivered "$bar" "HTTP 204|http://127.0.0.1:$hport/foh/hook|3 tries|fohd for ana" ||
    { deliveries "$bar" >&2; cat "$TEST_DIR/fohd.log" >&2; fail "bar: the webhook did not end HTTP 204"; }
t1=$(now_ms)
[ "$(deliveries "$bar" | grep -c '^sent|')" = 2 ] ||
    { deliveries "$bar" >&2; fail "bar: not one sent line per target"; }
echo "ok: bar's action acknowledged by the broker and HTTP 204 on the third try ($((t1 - t0)) ms)"

# What the signage player and the webhook received: the same payload.
got_one() { [ "$(actions | grep -c .)" -ge 1 ]; }
wait_until 10 got_one || fail "mosquitto_sub got no action: $(cat "$TEST_DIR/signage.out")"
actions >"$TEST_DIR/actions.out"
"$DEBIAN_PYTHON3" - "$TEST_DIR/actions.out" "$TEST_DIR/sink.jsonl" "$bar" <<'PY' || fail "the payloads"
import json, sys
raw = open(sys.argv[1], encoding="utf-8").read().splitlines()[0]
mq = json.loads(raw)
# As PROTOCOL.md 16 shows it: compact, UTF-8 as is, keys in its order.
if raw != json.dumps(mq, separators=(",", ":"), ensure_ascii=False):
    raise SystemExit("MQTT payload not compact as documented: %s" % raw)
if list(mq)[:3] != ["venue", "alert", "rule"]:
    raise SystemExit("MQTT payload keys in another order: %s" % raw)
reqs = [json.loads(l) for l in open(sys.argv[2])]
bar = int(sys.argv[3])
want = {"venue": str, "alert": int, "rule": str, "subject": str,
        "severity": str, "title": str, "action": str, "operator": str,
        "approved_ms": int, "delivery": str}
if set(mq) != set(want):
    raise SystemExit("MQTT payload keys %r" % sorted(mq))
for k, t in want.items():
    if not isinstance(mq[k], t):
        raise SystemExit("%s: %r is not %s" % (k, mq[k], t.__name__))
if (mq["venue"], mq["alert"], mq["rule"], mq["subject"], mq["severity"],
        mq["operator"], mq["action"]) != ("club", bar, "bar-full", "bar",
        "warning", "ana", "Send people to the side room"):
    raise SystemExit("MQTT payload %r" % mq)
if [r["status"] for r in reqs] != [500, 500, 204]:
    raise SystemExit("webhook answers %r" % [r["status"] for r in reqs])
ids = {r["body"]["delivery"] for r in reqs}
if len(ids) != 1 or ids == {mq["delivery"]}:
    raise SystemExit("delivery ids: webhook %r, mqtt %r" % (ids, mq["delivery"]))
for r in reqs:
    if r["path"] != "/foh/hook" or r["type"] != "application/json":
        raise SystemExit("request %r" % r)
    b = dict(r["body"]); b.pop("delivery"); m = dict(mq); m.pop("delivery")
    if b != m:
        raise SystemExit("webhook body %r, MQTT %r" % (b, m))
print("ok: the payload on the topic and the webhook: %s" % json.dumps(mq))
PY

# door: a second approval in the same fohd; its webhook's port is closed.
r=$($ctl "$control" approve ana id=51 alert=$door comment="open it")
[ "$(answer status "$r")" = done ] || fail "approve door: $r"
wait_until 20 delivered "$door" "acknowledged|mqtt foh/club/signage|1 try|fohd for ana" ||
    { deliveries "$door" >&2; fail "door: the second approval's MQTT delivery"; }
wait_until 20 delivered "$door" "failed|http://127.0.0.1:$closed/signage|connection refused (4 tries)|fohd for ana" ||
    { deliveries "$door" >&2; fail "door: the closed port did not end failed after 4 tries"; }
deliveries "$door" | grep -q "^sent|http" && fail "door: a refused connection counted as sent"
got_two() { [ "$(actions | grep -c .)" = 2 ]; }
wait_until 10 got_two || fail "mosquitto_sub: $(cat "$TEST_DIR/signage.out")"
actions | tail -n 1 | grep -q "\"alert\":$door," ||
    fail "the second action on the topic: $(actions | tail -n 1)"
grep -q "warning: club: alert $door: delivery to http://127.0.0.1:$closed/signage failed: connection refused (4 tries)" \
    "$TEST_DIR/fohd.log" || fail "the failure is not logged"
echo "ok: a second approval delivers too; the closed port failed after the retries"

# fohd history shows the lines.
"$FOHD" history -c "$conf" --format jsonl >"$TEST_DIR/hist.jsonl" ||
    fail "fohd history"
grep '"op":"deliver"' "$TEST_DIR/hist.jsonl" | grep '"result":"failed"' |
    grep -q '"reason":"connection refused (4 tries)"' ||
    fail "fohd history: $(grep deliver "$TEST_DIR/hist.jsonl")"
[ "$(grep -c '"op":"deliver"' "$TEST_DIR/hist.jsonl")" = 7 ] ||
    fail "fohd history: deliver lines: $(grep deliver "$TEST_DIR/hist.jsonl")"
echo "ok: fohd history has the 7 deliver lines"
for m in 'mqtt delivered 2' 'webhook delivered 1' 'webhook failed 1' 'mqtt failed 0'; do
	set -- $m
	[ "$(metric fohd_deliveries_total "via=\"$1\",result=\"$2\"")" = "$3" ] ||
	    fail "fohd_deliveries_total{via=$1,result=$2}: $(metric fohd_deliveries_total "via=\"$1\",result=\"$2\"")"
done
echo "ok: /metrics counts the deliveries by via and result"

# On the stream: door's ops end with the failure, by no operator.
door_failed() {
	stream_json "$TEST_DIR/all.bin" >"$TEST_DIR/all.jsonl"
	"$DEBIAN_PYTHON3" - "$TEST_DIR/all.jsonl" "$door" <<'PY'
import json, sys
last = None
for l in open(sys.argv[1]):
    a = json.loads(l)
    if a.get("kind") == "alert" and a.get("id") == int(sys.argv[2]):
        last = a
ops = [(o.get("op"), o.get("operator", ""), o.get("note")) for o in (last or {}).get("ops", [])]
sys.exit(0 if any(o[0] == "deliver" and o[1] == "" and o[2].endswith(
    "/signage: failed: connection refused (4 tries)") for o in ops) else 1)
PY
}
wait_until 10 door_failed || { grep '"kind": "alert"' "$TEST_DIR/all.jsonl" | tail -n 1 >&2; fail "the stream does not show door's failed delivery"; }
echo "ok: the stream shows the failure among the alert's ops"

# A console's why-pane: door is critical, first in the queue.
tm_start 80 24 "env LANG=C.UTF-8 $FOH --operator ana $stream"
wait_until 10 screen_has "Basement Club" || { tm_dump; fail "no console"; }
tm send-keys -t t 2
wait_until 10 screen_has "CRIT" || { tm_dump; fail "no alert in the queue"; }
tm send-keys -t t Enter
wait_until 5 screen_has "alert $door, Basement Club" || { tm_dump; fail "no why-pane of alert $door"; }
shown() {
	tm send-keys -t t End
	screen_has "deliver" "signage: failed: connection" "refused (4 tries)"
}
wait_until 10 shown || { tm_dump; fail "the why-pane does not show the failed delivery"; }
tm_screen | grep -A1 "failed: connection" | sed 's/.*│ *//' | tr '\n' ' ' >"$TEST_DIR/why.line"
echo "ok: the why-pane at 80 columns: $(cat "$TEST_DIR/why.line")"
tm send-keys -t t q

# The broker gone: bar's next approval fails on MQTT after its retries,
# saying why, while its webhook (now answering 204) is delivered.
mqtt_stop broker
r=$($ctl "$control" approve ana id=52 alert=$bar comment="again")
[ "$(answer status "$r")" = done ] || fail "approve bar again: $r"
wait_until 20 delivered "$bar" "failed|mqtt foh/club/signage|not connected to the broker.* (4 tries)|fohd for ana" ||
    { deliveries "$bar" >&2; fail "bar: no failure with the broker down"; }
wait_until 20 delivered "$bar" "HTTP 204|http://127.0.0.1:$hport/foh/hook|1 try|fohd for ana" ||
    { deliveries "$bar" >&2; fail "bar: the webhook, again"; }
echo "ok: the broker down: $(deliveries "$bar" | grep '^failed|mqtt' | cut -d'|' -f3)"
kill -TERM $pid
wait $pid || fail "fohd exit $?"

# A drill of the same venue: its approval delivers nothing.
drill="$TEST_DIR/drill.jsonl"
printf '[{"kind":"zone_count","zone":"bar","count":90,"t":1700000000000}]\n' >"$drill"
printf '[{"kind":"zone_count","zone":"bar","count":90,"t":1700000001000}]\n' >>"$drill"
nreq=$(grep -c . "$TEST_DIR/sink.jsonl")
fohd_start --drill "$drill" --speed 20
drill_bar() {
	sql "SELECT id FROM alerts WHERE rule = 'bar-full' AND drill = 1"
}
has_drill_bar() { [ -n "$(drill_bar)" ]; }
wait_until 10 has_drill_bar || fail "no drill alert"
dbar=$(drill_bar)
r=$($ctl "$control" approve ana id=61 alert=$dbar comment="drill: move them")
[ "$(answer status "$r")" = done ] || fail "approve in the drill: $r"
skipped() {
	delivered "$dbar" "skipped: drill|mqtt foh/club/signage||fohd for ana" &&
	delivered "$dbar" "skipped: drill|http://127.0.0.1:$hport/foh/hook||fohd for ana"
}
wait_until 10 skipped || { deliveries "$dbar" >&2; fail "the drill's deliveries are not skipped"; }
[ "$(deliveries "$dbar" | grep -vc '^skipped: drill|')" = 0 ] ||
    fail "the drill delivered: $(deliveries "$dbar")"
[ "$(grep -c . "$TEST_DIR/sink.jsonl")" = "$nreq" ] ||
    fail "the webhook got a drill's action"
[ "$(metric fohd_deliveries_total 'via="mqtt",result="skipped"')" = 1 ] ||
    fail "the drill's skip is not counted"
kill -TERM $pid
wait $pid || fail "fohd exit $?"
[ "$(actions | grep -c .)" = 2 ] ||
    fail "the topic got a drill's action: $(actions)"
echo "ok: a drill delivers nothing: skipped: drill, twice"

# The example venue as shipped ([actions] publish, no [mqtt] url): fohd
# warns at start, naming the line, and the delivery fails at once.
{
	club_conf "$TEST_DIR/club.db"
	conf_bar_full
} >"$conf"
fohd_start
line=$(grep -n '^publish = foh/club/signage' "$conf" | cut -d: -f1)
grep -q "fohd: warning: $conf:$line: publish = with no \[mqtt\] url" \
    "$TEST_DIR/fohd.log" || { cat "$TEST_DIR/fohd.log" >&2; fail "no warning naming line $line"; }
$client send "$ws" "" '[{"kind":"zone_count","zone":"bar","count":90}]' |
    grep -q '"accepted": 1' || fail "readings refused"
# bar's alert of the first fohd, restored (still open), or a new one.
nobroker() { sql "SELECT id FROM alerts WHERE rule = 'bar-full' AND drill = 0 AND state != 'resolved' ORDER BY id DESC LIMIT 1"; }
has_nobroker() { [ -n "$(nobroker)" ]; }
wait_until 10 has_nobroker || fail "no alert without a broker"
nb=$(nobroker)
r=$($ctl "$control" approve ana id=71 alert=$nb comment="no broker")
[ "$(answer status "$r")" = done ] || fail "approve without a broker: $r"
wait_until 10 delivered "$nb" "failed|mqtt foh/club/signage|no \[mqtt\] url (1 try)|fohd for ana" ||
    { deliveries "$nb" >&2; fail "no broker: the delivery did not fail at once"; }
kill -TERM $pid
wait $pid || fail "fohd exit $?"
echo "ok: no [mqtt] url: warned at start (line $line), the delivery failed at once"

# A receiver that answers 500 to every try, and the crowd thins between
# two tries: the alert resolves, and its delivery is not tried again (no
# redirect on the signage for a crowd that is gone); it ends failed,
# saying so, with as many tries as the receiver saw.
"$DEBIAN_PYTHON3" "$top_srcdir/tests/http_sink.py" "$TEST_DIR/down.port" \
    "$TEST_DIR/down.jsonl" 1000 &
track $!
down_up() { [ -s "$TEST_DIR/down.port" ]; }
wait_until 10 down_up || fail "the second HTTP sink did not start"
dport=$(cat "$TEST_DIR/down.port")
rm -f "$TEST_DIR/club.db" "$TEST_DIR/club.db-wal" "$TEST_DIR/club.db-shm"
{
	club_conf "$TEST_DIR/club.db"
	printf '[actions]\nretries = 3\ntimeout = 2s\nbackoff = 2s\n'
	conf_bar_full
	printf 'webhook = http://127.0.0.1:%s/down\n' "$dport"
} >"$conf"
fohd_start
$client send "$ws" "" '[{"kind":"zone_count","zone":"bar","count":90}]' |
    grep -q '"accepted": 1' || fail "readings refused"
wait_until 10 has_nobroker || fail "no alert for the down receiver"
rb=$(nobroker)
r=$($ctl "$control" approve ana id=81 alert=$rb comment="move them")
[ "$(answer status "$r")" = done ] || fail "approve for the down receiver: $r"
tried() { [ -s "$TEST_DIR/down.jsonl" ]; }
wait_until 10 tried || fail "the down receiver got no try"
$client send "$ws" "" '[{"kind":"zone_count","zone":"bar","count":0}]' |
    grep -q '"accepted": 1' || fail "readings refused"
rb_resolved() { [ "$(sql "SELECT state FROM alerts WHERE id = $rb")" = resolved ]; }
wait_until 10 rb_resolved || fail "alert $rb did not resolve"
wait_until 10 delivered "$rb" "failed|http://127.0.0.1:$dport/down|alert resolved; last try: HTTP 500 Internal Server Error ([123] tr[a-z]*)|fohd for ana" ||
    { deliveries "$rb" >&2; fail "a delivery of a resolved alert was tried again"; }
n=$(deliveries "$rb" | sed -n 's/^failed|http:.*(\([0-9]*\) tr[a-z]*)|.*/\1/p')
[ "$(grep -c . "$TEST_DIR/down.jsonl")" = "$n" ] ||
    fail "the receiver saw $(grep -c . "$TEST_DIR/down.jsonl") tries, the journal says $n"
echo "ok: the alert resolved between tries: $(deliveries "$rb" | grep '^failed|http' | cut -d'|' -f3)"

# The crowd again, approved again, the receiver still failing: fohd is
# stopped in the backoff (or in the try, aborted: the receiver logs
# before it answers). The delivery it will not finish is journaled
# as failed, saying so, not left at "sent".
$client send "$ws" "" '[{"kind":"zone_count","zone":"bar","count":90}]' |
    grep -q '"accepted": 1' || fail "readings refused"
wait_until 10 has_nobroker || fail "no second alert for the down receiver"
rs=$(nobroker)
[ "$rs" != "$rb" ] || fail "the resolved alert came back as $rs"
r=$($ctl "$control" approve ana id=82 alert=$rs comment="again")
[ "$(answer status "$r")" = done ] || fail "approve again for the down receiver: $r"
tried_again() { [ "$(grep -c . "$TEST_DIR/down.jsonl")" -gt "$n" ]; }
wait_until 10 tried_again || fail "the down receiver got no second try"
kill -TERM $pid
wait $pid || fail "fohd exit $?"
[ "$(grep -c . "$TEST_DIR/down.jsonl")" = $((n + 1)) ] || fail "a try after the stop"
delivered "$rs" "failed|http://127.0.0.1:$dport/down|fohd stopped; last try: \(HTTP 500 Internal Server Error\|aborted\) (1 try)|fohd for ana" ||
    { deliveries "$rs" >&2; fail "a delivery cut short by the stop is not journaled"; }
grep -q "warning: club: alert $rs: delivery to http://127.0.0.1:$dport/down failed: fohd stopped" \
    "$TEST_DIR/fohd.log" || fail "the stop's failure is not logged"
echo "ok: stopped in the backoff: $(deliveries "$rs" | grep '^failed|http' | cut -d'|' -f3)"

# A broker that answers late: stopped (SIGSTOP) before an approval, it
# keeps the PUBLISH unanswered past [actions] timeout (1s); continued in
# the backoff's 4s before the retry, its PUBACK of that first try comes
# late. The delivery is acknowledged on that one try and not published
# again: one message on the topic, not two. (The only wait on a clock
# here is the fault itself: 2s after "sent", past the 1s timeout.)
mqtt_start broker
mosquitto_sub -h 127.0.0.1 -p "$broker_port" -t foh/club/signage \
    >"$TEST_DIR/late.out" 2>"$TEST_DIR/late.err" &
track $!
late_probed() {
	mosquitto_pub -h 127.0.0.1 -p "$broker_port" -t foh/club/signage \
	    -m probe -q 1 2>/dev/null
	grep -q '^probe$' "$TEST_DIR/late.out"
}
wait_until 10 late_probed || fail "mosquitto_sub did not subscribe again"
rm -f "$TEST_DIR/club.db" "$TEST_DIR/club.db-wal" "$TEST_DIR/club.db-shm"
{
	club_conf "$TEST_DIR/club.db"
	printf '[mqtt]\nurl = mqtt://127.0.0.1:%s\n' "$broker_port"
	printf '[actions]\nretries = 1\ntimeout = 1s\nbackoff = 4s\n'
	conf_bar_full
} >"$conf"
fohd_start
link_up() { grep -q "mqtt 127.0.0.1:$broker_port: connected" "$TEST_DIR/fohd.log"; }
wait_until 10 link_up || { cat "$TEST_DIR/fohd.log" >&2; fail "fohd did not connect to the broker"; }
$client send "$ws" "" '[{"kind":"zone_count","zone":"bar","count":90}]' |
    grep -q '"accepted": 1' || fail "readings refused"
wait_until 10 has_nobroker || fail "no alert for the late broker"
lb=$(nobroker)
kill -STOP "$broker_pid"
r=$($ctl "$control" approve ana id=91 alert=$lb comment="move them")
[ "$(answer status "$r")" = done ] || { kill -CONT "$broker_pid"; fail "approve for the late broker: $r"; }
wait_until 10 delivered "$lb" "sent|mqtt foh/club/signage||fohd for ana" ||
    { kill -CONT "$broker_pid"; deliveries "$lb" >&2; fail "late broker: not sent"; }
t_sent=$(now_ms)
past() { [ $(( $(now_ms) - t_sent )) -ge 2000 ]; }
wait_until 10 past
kill -CONT "$broker_pid"
wait_until 10 delivered "$lb" "acknowledged|mqtt foh/club/signage|1 try|fohd for ana" ||
    { deliveries "$lb" >&2; fail "late broker: the first try's late PUBACK did not end the delivery"; }
late_acts() { grep -c -v '^probe$' "$TEST_DIR/late.out"; }
late_one() { [ "$(late_acts)" -ge 1 ]; }
wait_until 10 late_one || fail "late broker: no action on the topic"
kill -TERM $pid
wait $pid || fail "fohd exit $?"
[ "$(late_acts)" = 1 ] || fail "late broker: $(late_acts) actions on the topic"
echo "ok: a late PUBACK acknowledges its try; the action published once"

# A webhook receiver that never answers (its try takes all of [actions]
# timeout, 10s): its delivery is journaled "sent" as soon as the request
# is written, well before the try ends "failed"; and it does not hold up
# another approval's MQTT delivery.
"$DEBIAN_PYTHON3" "$top_srcdir/tests/http_sink.py" "$TEST_DIR/silent.port" \
    - silent &
track $!
silent_up() { [ -s "$TEST_DIR/silent.port" ]; }
wait_until 10 silent_up || fail "the silent HTTP sink did not start"
sport=$(cat "$TEST_DIR/silent.port")
rm -f "$TEST_DIR/club.db" "$TEST_DIR/club.db-wal" "$TEST_DIR/club.db-shm"
{
	club_conf "$TEST_DIR/club.db"
	printf '[mqtt]\nurl = mqtt://127.0.0.1:%s\n' "$broker_port"
	printf '[actions]\nretries = 0\ntimeout = 10s\n'
	conf_bar_full
	printf 'webhook = http://127.0.0.1:%s/silent\n' "$sport"
	printf '[rule door-full]\nkind = threshold\non = zone:door\n'
	printf 'metric = density\nabove = 1.0\nfor = 0\nseverity = critical\n'
	printf 'action = Open the second door\n'
} >"$conf"
fohd_start
wait_until 10 link_up || { cat "$TEST_DIR/fohd.log" >&2; fail "fohd did not connect to the broker"; }
$client send "$ws" "" '[{"kind":"zone_count","zone":"bar","count":90},{"kind":"zone_count","zone":"door","count":60}]' |
    grep -q '"accepted": 2' || fail "readings refused"
wait_until 10 fired || fail "the alerts did not fire"
bar=$(alert_of bar-full)
door=$(alert_of door-full)
r=$($ctl "$control" approve ana id=101 alert=$bar comment="move them")
[ "$(answer status "$r")" = done ] || fail "approve bar: $r"
wait_until 5 delivered "$bar" "sent|http://127.0.0.1:$sport/silent||fohd for ana" ||
    { deliveries "$bar" >&2; fail "silent receiver: no sent line while the try waits"; }
deliveries "$bar" | grep -q "^failed|http" &&
    fail "silent receiver: sent only with the try's end: $(deliveries "$bar")"
# Door is approved while bar's webhook try waits: its MQTT delivery is
# acknowledged by the broker long before that try ends.
r=$($ctl "$control" approve ana id=102 alert=$door comment="open it")
[ "$(answer status "$r")" = done ] || fail "approve door: $r"
wait_until 20 delivered "$door" "acknowledged|mqtt foh/club/signage|1 try|fohd for ana" ||
    { deliveries "$door" >&2; fail "door: no MQTT acknowledgement"; }
deliveries "$bar" | grep -q "^failed|http" &&
    fail "door's MQTT delivery waited for bar's webhook try: $(deliveries "$bar")"
wait_until 20 delivered "$bar" "failed|http://127.0.0.1:$sport/silent|timed out after 10000ms waiting for the answer (1 try)|fohd for ana" ||
    { deliveries "$bar" >&2; fail "silent receiver: the try did not time out"; }
kill -TERM $pid
wait $pid || fail "fohd exit $?"
echo "ok: a webhook that never answers: sent when written, failed at the timeout, holding up no MQTT delivery"
