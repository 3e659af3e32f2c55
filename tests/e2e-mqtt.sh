#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# MQTT ingest (issue 16, fohd.conf(5) [mqtt]), end to end with real
# processes: a mosquitto broker on loopback (tests/mqtt-lib.sh) and a fohd
# whose [mqtt] maps a readings = topic (JSON readings) and value = topics
# (a door counter's people count, a front door's persons in per minute,
# the amp's heatsink temperature). mosquitto_pub at QoS 1 publishes; what
# fohd takes reaches its stream (a subscriber on foh/club/). Bad payloads
# (bad JSON, an unknown zone, a negative count, a word on a value topic)
# are refused, counted in /metrics by kind and reason under path mqtt,
# logged with the topic and field, and fohd keeps running. The broker is
# stopped mid-run and started again on its port: fohd counts the loss,
# connects again (fohd_mqtt_connects_total 2) and a new reading arrives.
# SIGHUP takes a topic mapped to another zone at once, and keeps the
# running [mqtt] when a topic is added (saying so); the url's password is
# never logged. Last, fohd --drill refuses readings from MQTT with code
# drill. (TLS: tests/e2e-mqtt-tls.sh.)
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/mqtt-lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

# is NAME VALUE: is fohd's metric NAME (no labels) VALUE now? (For
# wait_until: its arguments are expanded once, a function runs each time.)
is() {
	[ "$(metric "$1")" = "$2" ]
}

club_names
mqtt_start broker
{
	club_ingest_conf
	printf '[mqtt]\nurl = mqtt://fohd:s3cret@127.0.0.1:%s\nkeepalive = 5s\n' \
	    "$broker_port"
	printf 'readings = club/readings\n'
	printf 'value = club/+/people zone:door count\n'
	printf 'value = club/frontdoor/in gate:door in/60s\n'
	printf 'value = club/amp/heatsink device:amp-main heatsink_c\n'
} >"$conf"

fohd_start
grep -q "info: mqtt: 4 topics from mqtt://fohd:\*\*\*@127.0.0.1:$broker_port" \
    "$TEST_DIR/fohd.log" || fail "fohd did not say it takes [mqtt]"
stream_sub "$TEST_DIR/all.bin" 1000000 120 foh/club/
wait_until 10 subscribers = 1 || fail "fohd_subscribers never 1"
wait_until 10 is fohd_mqtt_connected 1 ||
    { cat "$TEST_DIR/fohd.log"; fail "fohd never connected to the broker"; }
grep -q s3cret "$TEST_DIR/fohd.log" && fail "the password was logged"
echo "ok: fohd connected to mosquitto on port $broker_port"

# pub TOPIC PAYLOAD: publish at QoS 1, as a sensor that wants it there.
pub() {
	mosquitto_pub -h 127.0.0.1 -p "$broker_port" -i "sensor-$$" -q 1 \
	    -t "$1" -m "$2"
}
# seen KIND ID KEY VALUE: has the stream carried message KIND (zone, gate,
# equip) of ID with KEY = VALUE (compared as JSON)?
seen() {
	stream_json "$TEST_DIR/all.bin" | "$DEBIAN_PYTHON3" -c '
import json, sys
kind, id_, key, want = sys.argv[1:]
for line in sys.stdin:
    m = json.loads(line)
    if m.get(kind) != id_:
        continue
    v = m.get(key)
    if key == "metrics":
        v = {x["name"]: x["value"] for x in v or []}
        if v == json.loads(want):
            sys.exit(0)
    elif v == json.loads(want):
        sys.exit(0)
sys.exit(1)' "$@"
}
# pub_seen TOPIC PAYLOAD KIND ID KEY VALUE: publish until it is seen (the
# first may come before fohd's subscription is in place).
pub_seen() {
	_t=$1 _p=$2
	shift 2
	pub "$_t" "$_p" && seen "$@"
}

# JSON readings on the readings topic, one and an array.
wait_until 10 pub_seen club/readings \
    '{"kind":"zone_count","zone":"dance","count":321}' zone dance count 321 ||
    fail "a JSON reading from MQTT never reached the stream"
pub club/readings '[{"kind":"zone_count","zone":"bar","count":44},{"kind":"gate_flow","gate":"door","in":9,"out":2,"interval_ms":60000}]' ||
    fail "mosquitto_pub failed"
wait_until 10 seen zone bar count 44 || fail "an array's zone count"
wait_until 10 seen gate door out 2 || fail "an array's gate flow"
echo "ok: JSON readings on club/readings reach the stream (QoS 1)"
frames() {
	metric fohd_ingest_frames_total 'path="mqtt"'
}
f0=$(frames)	# pub_seen may have published more than once

# Plain values: the door counter's people, persons in, a temperature.
pub club/doorcam/people 17 || fail "mosquitto_pub failed"
wait_until 10 seen zone door count 17 || fail "a plain zone count"
pub club/frontdoor/in "30
" || fail "mosquitto_pub failed"
wait_until 10 seen gate door in 30 || fail "a plain persons-in count"
pub club/amp/heatsink 61.5 || fail "mosquitto_pub failed"
wait_until 10 seen device amp-main metrics '{"heatsink_c": 61.5}' ||
    fail "a plain device metric"
[ "$(frames)" = $((f0 + 3)) ] ||
    fail "messages on path mqtt: $(frames), want $((f0 + 3))"
echo "ok: plain values on value topics become zone, gate and device readings"

# Bad payloads: refused, counted by kind and reason, fohd runs on.
rej() {
	metric fohd_ingest_rejected_total "kind=\"$1\",reason=\"$2\""
}
pub club/readings '{"kind":"zone_count",' || fail "mosquitto_pub failed"
pub club/readings '{"kind":"zone_count","zone":"nope","count":3}' ||
    fail "mosquitto_pub failed"
pub club/doorcam/people -4 || fail "mosquitto_pub failed"
pub club/doorcam/people many || fail "mosquitto_pub failed"
pub club/amp/heatsink NaN || fail "mosquitto_pub failed"
frames_are() {
	[ "$(frames)" = "$1" ]
}
wait_until 10 frames_are $((f0 + 8)) ||
    fail "the bad messages were not all taken"
[ "$(rej unknown json)" = 1 ] || fail "bad JSON: $(rej unknown json)"
[ "$(rej zone_count unknown_id)" = 1 ] ||
    fail "unknown zone: $(rej zone_count unknown_id)"
[ "$(rej zone_count range)" = 1 ] ||
    fail "negative count: $(rej zone_count range)"
[ "$(rej zone_count type)" = 1 ] || fail "a word: $(rej zone_count type)"
[ "$(rej telemetry type)" = 1 ] || fail "NaN: $(rej telemetry type)"
grep -q 'warning: mqtt: refused on topic club/readings: message: json: line 1' \
    "$TEST_DIR/fohd.log" || fail "the first refusal was not logged"
[ "$(grep -c "warning: mqtt: refused" "$TEST_DIR/fohd.log")" = 1 ] ||
    fail "refusals logged more than once in 10 s"
kill -0 "$pid" || fail "fohd died on bad payloads"
pub_seen club/doorcam/people 18 zone door count 18 ||
    wait_until 10 seen zone door count 18 || fail "no reading after the bad ones"
# A message over 1 MiB: dropped by the link, counted and named in the log.
head -c 1100000 /dev/zero | tr '\0' x >"$TEST_DIR/big"
mosquitto_pub -h 127.0.0.1 -p "$broker_port" -i "sensor-$$" -q 1 \
    -t club/readings -f "$TEST_DIR/big" || fail "mosquitto_pub of 1.1 MB"
wait_until 10 is fohd_mqtt_dropped_total 1 ||
    fail "a message over 1 MiB: dropped $(metric fohd_mqtt_dropped_total)"
grep -q "warning: mqtt 127.0.0.1:$broker_port: dropped a message on topic club/readings: larger than 1 MiB (1 dropped in all)" \
    "$TEST_DIR/fohd.log" || fail "the dropped message was not named"
echo "ok: bad payloads refused and counted by reason; fohd runs on"

# The broker restarts mid-run: fohd notices, reconnects, ingest resumes.
[ "$(metric fohd_mqtt_connects_total)" = 1 ] || fail "connects before"
mqtt_stop broker
wait_until 15 is fohd_mqtt_connected 0 ||
    fail "fohd did not notice the broker went"
[ "$(metric fohd_mqtt_losses_total)" = 1 ] || fail "the loss not counted"
pub club/doorcam/people 99 2>/dev/null	# no broker: not expected to arrive
mqtt_start broker
wait_until 40 is fohd_mqtt_connects_total 2 ||
    { tail -n 5 "$TEST_DIR/fohd.log"; curl -s "$metrics" | grep mqtt; fail "fohd did not connect again"; }
[ "$(metric fohd_mqtt_connected)" = 1 ] || fail "connected after restart"
wait_until 10 pub_seen club/doorcam/people 23 zone door count 23 ||
    fail "no reading after the broker restarted"
seen zone door count 99 && fail "a reading published with no broker arrived"
[ "$(metric fohd_mqtt_dropped_total)" = 1 ] || fail "messages dropped"
echo "ok: the broker restarted: fohd connected again (2 connects) and ingest resumed"

# A broker that stops answering with its TCP connection open (frozen):
# fohd notices within twice its keepalive (5s here), and connects again
# once it answers.
kill -STOP "$broker_pid"
t0=$(date +%s)
wait_until 15 is fohd_mqtt_connected 0 ||
    { kill -CONT "$broker_pid"; fail "fohd did not notice a frozen broker"; }
t1=$(date +%s)
kill -CONT "$broker_pid"
[ $((t1 - t0)) -le 12 ] || fail "a frozen broker noticed after $((t1 - t0)) s"
[ "$(metric fohd_mqtt_losses_total)" = 2 ] || fail "the frozen loss not counted"
wait_until 40 is fohd_mqtt_connects_total 3 ||
    fail "fohd did not connect again after the broker thawed"
wait_until 10 pub_seen club/doorcam/people 24 zone door count 24 ||
    fail "no reading after the broker thawed"
echo "ok: a frozen broker noticed in $((t1 - t0)) s (keepalive 5s); fohd connected again"

# SIGHUP: the same topics mapped elsewhere take effect at once; a new
# topic (or url, TLS ...) keeps the running [mqtt] whole, and says so.
reloaded() {
	[ "$(grep -c "SIGHUP: .* reloaded" "$TEST_DIR/fohd.log")" = "$1" ]
}
sed -i 's/^value = club\/+\/people zone:door count$/value = club\/+\/people zone:bar count/' "$conf"
kill -HUP "$pid"
wait_until 10 reloaded 1 || fail "SIGHUP: no reload"
grep -q "SIGHUP: \[mqtt\]" "$TEST_DIR/fohd.log" &&
    fail "SIGHUP: the same topics were called a change"
wait_until 10 pub_seen club/doorcam/people 31 zone bar count 31 ||
    fail "SIGHUP: a topic mapped to another zone"
# The topic added and club/+/people mapped back to door: kept whole, the
# running [mqtt] still maps club/+/people to bar.
sed -i 's/^value = club\/+\/people zone:bar count$/value = club\/+\/people zone:door count/' "$conf"
printf 'value = club/bar/people zone:bar count\n' >>"$conf"
kill -HUP "$pid"
wait_until 10 reloaded 2 || fail "SIGHUP: no second reload"
grep -q "warning: SIGHUP: \[mqtt\] url, TLS, client_id, keepalive, qos and topics change only on restart: keeping the running \[mqtt\] (4 topics" \
    "$TEST_DIR/fohd.log" || fail "SIGHUP: a new topic was not refused"
wait_until 10 pub_seen club/doorcam/people 32 zone bar count 32 ||
    fail "SIGHUP: the running [mqtt] was not kept"
grep -q s3cret "$TEST_DIR/fohd.log" && fail "the password was logged"
echo "ok: SIGHUP takes new targets for the same topics; new topics wait for a restart"

# /metrics with [mqtt] still passes promtool, when it is installed.
if command -v promtool >/dev/null 2>&1; then
	curl -sf "$metrics" | promtool check metrics >"$TEST_DIR/promtool" 2>&1 ||
	    { cat "$TEST_DIR/promtool"; fail "promtool on /metrics with [mqtt]"; }
	echo "ok: promtool check metrics passes with fohd_mqtt_*"
fi
kill "$pid"
wait "$pid" 2>/dev/null

# A drill: readings from MQTT are refused whole, code drill.
drill="$TEST_DIR/drill.jsonl"
printf '{"kind":"zone_count","zone":"dance","count":100,"t":1700000000000}\n' \
    >"$drill"
fohd_start --drill "$drill" --drill-hold 0
grep -q "info: mqtt: 5 topics from .* (refused: a drill runs)" \
    "$TEST_DIR/fohd.log" || fail "the drill's fohd did not say so"
wait_until 10 is fohd_mqtt_connected 1 ||
    fail "the drill's fohd never connected"
drilled() {
	pub club/doorcam/people 5 &&
	    [ "$(rej unknown drill)" -ge 1 ] 2>/dev/null
}
wait_until 10 drilled || fail "a reading from MQTT was not refused in a drill"
[ "$(metric fohd_ingest_readings_total 'kind="zone_count"')" -le 1 ] ||
    fail "a live reading was taken in a drill"
grep -q "drill: refused a live frame on mqtt" "$TEST_DIR/fohd.log" ||
    fail "the drill's refusal was not logged"
echo "ok: in a drill, readings from MQTT are refused with code drill"
