#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# MQTT ingest over TLS (issue 16, fohd.conf(5) [mqtt] url mqtts://, ca):
# a mosquitto with a TLS listener whose certificate a test CA signed; fohd
# checks it against [mqtt] ca, connects, and a reading published on the
# broker's plain listener reaches fohd's stream. A CA file that cannot be
# read stops fohd at start (status 69) naming FILE:LINE and [mqtt]; a
# broker whose certificate another CA signed is never connected to, and
# fohd runs on. A broker that is down at start does not stop fohd either:
# it connects once the broker is up.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/mqtt-lib.sh"
. "$top_srcdir/tests/tls-lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

# is NAME VALUE: is fohd's metric NAME VALUE now?
is() {
	[ "$(metric "$1")" = "$2" ]
}

club_names
mkca ca
mkca other
mkcert broker ca localhost
tls_port=$(mqtt_free_port)
write_conf() {	# write_conf CA
	{
		club_ingest_conf
		printf '[mqtt]\nurl = mqtts://localhost:%s\nca = %s\n' \
		    "$tls_port" "$1"
		printf 'value = club/door/people zone:door count\n'
	} >"$conf"
}

# The broker is not up yet: fohd starts anyway and waits for it.
write_conf "$c/ca.pem"
fohd_start
is fohd_mqtt_connected 0 || fail "connected with no broker"
kill -0 "$pid" || fail "fohd stopped for want of a broker"
# As root mosquitto would drop to its own user, who cannot read $TEST_DIR.
mqtt_start broker "$(printf 'user %s\nlistener %s 127.0.0.1\ncafile %s\ncertfile %s\nkeyfile %s' "$(id -un)" \
    "$tls_port" "$c/ca.pem" "$c/broker.pem" "$c/broker.key")"
wait_until 40 is fohd_mqtt_connected 1 ||
    { cat "$TEST_DIR/fohd.log" "$TEST_DIR/broker.mosquitto.log"; fail "fohd never connected over TLS"; }
echo "ok: fohd started before its broker and connected over TLS once it was up"

stream_sub "$TEST_DIR/zones.bin" 1000000 60 foh/club/zone
wait_until 10 subscribers = 1 || fail "fohd_subscribers never 1"
door_is() {
	mosquitto_pub -h 127.0.0.1 -p "$broker_port" -q 1 -t club/door/people \
	    -m "$1" && stream_json "$TEST_DIR/zones.bin" |
	    grep '"zone": "door"' | grep -q "\"count\": $1,"
}
wait_until 10 door_is 37 || fail "a reading over TLS never reached the stream"
echo "ok: a plain value reaches fohd over mqtts://"
kill "$pid"
wait "$pid" 2>/dev/null

# A CA file that cannot be read: fohd stops at start, naming it.
write_conf "$TEST_DIR/no-such-ca.pem"
"$FOHD" -c "$conf" --stream "$stream" --control "$control" \
    2>"$TEST_DIR/noca.log" &
npid=$!
track $npid
wait $npid
rc=$?
[ $rc = 69 ] || { cat "$TEST_DIR/noca.log"; fail "unreadable ca: status $rc, want 69"; }
grep -q "fohd: error: $conf:[0-9]*: \[mqtt\]: mqtt: TLS files (ca $TEST_DIR/no-such-ca.pem" \
    "$TEST_DIR/noca.log" || { cat "$TEST_DIR/noca.log"; fail "unreadable ca: the error"; }
echo "ok: an unreadable [mqtt] ca stops fohd with status 69 and FILE:LINE"

# Another CA: the broker's certificate is refused; fohd runs on, unlinked.
write_conf "$c/other.pem"
fohd_start
failed_tls() {
	grep -q "fohd: club: warning: mqtt localhost:$tls_port: cannot connect: A TLS error" \
	    "$TEST_DIR/fohd.log"
}
wait_until 10 failed_tls || { cat "$TEST_DIR/fohd.log"; fail "no word of the failed TLS connection"; }
is fohd_mqtt_connected 0 || fail "connected to a broker of another CA"
is fohd_mqtt_connects_total 0 || fail "a connect counted with another CA"
kill -0 "$pid" || fail "fohd stopped on a refused certificate"
echo "ok: a broker certificate from another CA is refused; fohd runs on"
