#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# bench-mqtt.sh: MQTT ingest throughput into fohd (issue 16), end to end:
# a mosquitto on loopback, a fohd with [mqtt] (one value = topic, one
# readings = topic), and mosquitto_pub -l publishing N messages as fast as
# it can: plain values at QoS 0 and 1, then N/10 JSON arrays of 10 zone
# counts at QoS 1. Each time is from the first publish until fohd counts
# them all in fohd_ingest_frames_total{path="mqtt"} (polled every 20 ms), so
# it includes the publisher and the broker, on the same machine.
# Usage, from the build tree: sh ../bench/bench-mqtt.sh [N] (default 50000).
set -eu
N=${1:-50000}
FOHD=${FOHD:-./fohd}
srcdir=$(dirname "$0")/..
dir=$(mktemp -d /tmp/foh-bench-mqtt.XXXXXX)
trap 'kill $fp $mp 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
port=$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' \
    "$port" >"$dir/m.conf"
printf 'max_queued_messages 100000\n' >>"$dir/m.conf"
mosquitto -c "$dir/m.conf" >"$dir/m.log" 2>&1 &
mp=$!
{
	cat "$srcdir/conf/club.conf"
	printf '[ingest]\nlisten = 127.0.0.1:0\nloopback_only = yes\n'
	printf 'simulate = no\n[mqtt]\nurl = mqtt://127.0.0.1:%s\n' "$port"
	printf 'value = club/door/people zone:door count\n'
	printf 'readings = club/readings\n'
} >"$dir/f.conf"
"$FOHD" -c "$dir/f.conf" --stream "ipc://$dir/s" --control "ipc://$dir/c" \
    2>"$dir/f.log" &
fp=$!
until grep -q "mqtt 127.0.0.1:$port: connected" "$dir/f.log"; do
	sleep 0.05
done
hp=$(sed -n 's/.*ingest on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$dir/f.log")
frames() {
	curl -s "http://127.0.0.1:$hp/metrics" |
	    sed -n 's/^fohd_ingest_frames_total{path="mqtt"} //p'
}
now() {
	date +%s.%N
}
# run LABEL TOPIC QOS FILE COUNT
run() {
	f0=$(frames)
	t0=$(now)
	mosquitto_pub -h 127.0.0.1 -p "$port" -q "$3" -t "$2" -l <"$4"
	while [ "$(frames)" -lt $((f0 + $5)) ]; do
		sleep 0.02
	done
	t=$(echo "$(now) - $t0" | bc)
	printf '%s: %d messages in %.2f s: %.0f messages/s\n' "$1" "$5" "$t" \
	    "$(echo "$5 / $t" | bc -l)"
}
seq 1 "$N" | awk '{ print $1 % 500 }' >"$dir/values"
seq 1 $((N / 10)) | awk '{ printf "["; for (i = 0; i < 10; i++)
    printf "%s{\"kind\":\"zone_count\",\"zone\":\"dance\",\"count\":%d}",
    (i ? "," : ""), ($1 + i) % 500; print "]" }' >"$dir/arrays"
run "value, QoS 0" club/door/people 0 "$dir/values" "$N"
run "value, QoS 1" club/door/people 1 "$dir/values" "$N"
run "readings (arrays of 10), QoS 1" club/readings 1 "$dir/arrays" $((N / 10))
curl -s "http://127.0.0.1:$hp/metrics" | grep -E '^fohd_mqtt_(received|dropped)'
