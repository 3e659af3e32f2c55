#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Who may push readings over nng PULL. PULL has no token, so fohd refuses
# at start-up, with file:line, a pull URL other hosts can reach (tcp on
# 0.0.0.0 or on this host's own address) unless [ingest] pull_allow names
# the producers; and at run time it closes every pipe whose peer is neither
# loopback nor in pull_allow, counting it in fohd_ingest_pull_refused_total.
# Clients are outside ones: nngcat --push, python3-msgpack.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"
need_websockets

club_names
token=e2e-token-0123456789
stream="ipc://$TEST_DIR/s.pub"
control="ipc://$TEST_DIR/s.ctl"

# This host's first address that is not loopback, if it has one.
host_ip=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -v '^127\.' |
    grep '^[0-9.]*$' | head -n 1)

# write_conf PULL-URL [EXTRA-INGEST-LINES]
write_conf() {
	{
		cat "$top_srcdir/conf/club.conf"
		conf_token_ingest "$1" "${2:-}"
	} >"$conf"
}

stop() {
	kill -TERM $pid
	wait $pid || fail "fohd exit status on SIGTERM"
}

# refused_at_start URL: fohd will not start, and says where and why.
refused_at_start() {
	write_conf "$1"
	line=$(grep -n '^pull = ' "$conf" | cut -d: -f1)
	if "$FOHD" -c "$conf" --stream "ipc://$TEST_DIR/x.pub" \
	    --control "ipc://$TEST_DIR/x.ctl" 2>"$TEST_DIR/err"; then
		fail "pull = $1 accepted"
	fi
	grep -qF "fohd: error: $conf:$line: [ingest] pull = $1 is reachable from other hosts" \
	    "$TEST_DIR/err" || fail "pull = $1: $(cat "$TEST_DIR/err")"
	grep -q "pull_allow" "$TEST_DIR/err" || fail "no way out named"
	echo "ok: pull = $1 refused at start: $conf:$line"
}

p=$(free_port 0.0.0.0)
refused_at_start "tcp://0.0.0.0:$p"
refused_at_start "tcp://:$p"
refused_at_start "tcp://[::]:$p"
refused_at_start "ws://0.0.0.0:$p/pull"
[ -n "$host_ip" ] && refused_at_start "tcp://$host_ip:$p"

# A bad pull_allow is refused with its line.
write_conf "tcp://0.0.0.0:$p" "pull_allow = 10.0.0.0/33"
line=$(grep -n '^pull_allow' "$conf" | cut -d: -f1)
if "$FOHD" -c "$conf" 2>"$TEST_DIR/err"; then
	fail "pull_allow 10.0.0.0/33 accepted"
fi
grep -q "$conf:$line: .*pull_allow \"10.0.0.0/33\" is not an address" \
    "$TEST_DIR/err" || fail "bad pull_allow: $(cat "$TEST_DIR/err")"
echo "ok: a bad pull_allow refused at $conf:$line"

# Loopback needs no allow list.
write_conf "tcp://127.0.0.1:$p"
fohd_start
$client pack "$TEST_DIR/gate.bin" \
    '{"kind":"gate_flow","gate":"door","in":54,"out":0,"interval_ms":60000}'
$client pack "$TEST_DIR/alert.bin" \
    '{"kind":"external_alert","source":"intruder","subject":"dance","severity":"critical","title":"FIRE ALARM (pushed from outside)"}'
"$NNGCAT" --push --dial "tcp://127.0.0.1:$p" --file "$TEST_DIR/gate.bin" ||
    fail "nngcat --push on loopback"
gate_taken() {
	[ "$(metric fohd_ingest_readings_total 'kind="gate_flow"')" -ge "$1" ]
}
wait_until 10 gate_taken 1 || fail "loopback PULL reading not taken"
[ "$(metric fohd_ingest_pull_refused_total)" = 0 ] || fail "loopback refused"
stop
echo "ok: pull on 127.0.0.1 starts without pull_allow; a loopback push taken"

if [ -z "$host_ip" ]; then
	echo "note: this host has no address but loopback: run-time refusal not tested"
	exit 0
fi

# Every interface, with an allow list that does not hold this host's own
# address: fohd starts, loopback producers are taken, a producer dialling
# in from $host_ip is closed and counted, and its critical never lands.
write_conf "tcp://0.0.0.0:$p" "pull_allow = 198.51.100.0/24, 2001:db8::/32"
fohd_start
"$NNGCAT" --push --dial "tcp://$host_ip:$p" --file "$TEST_DIR/alert.bin" \
    --send-timeout 3 >/dev/null 2>&1 &
outsider=$!
track $outsider
refused() {
	[ "$(metric fohd_ingest_pull_refused_total)" -ge 1 ]
}
wait_until 10 refused || {
	cat "$TEST_DIR/fohd.log" >&2
	fail "push from $host_ip not refused"
}
grep -q "refused a producer from $host_ip" "$TEST_DIR/fohd.log" ||
    fail "refusal not logged: $(cat "$TEST_DIR/fohd.log")"
wait $outsider 2>/dev/null
"$NNGCAT" --push --dial "tcp://127.0.0.1:$p" --file "$TEST_DIR/gate.bin" ||
    fail "nngcat --push on loopback"
wait_until 10 gate_taken 1 || fail "loopback PULL reading not taken"
[ "$(metric fohd_ingest_readings_total 'kind="external_alert"')" = 0 ] ||
    fail "the outsider's alert was taken"
$py "$top_srcdir/tests/control_client.py" "ipc://$TEST_DIR/s.ctl" snapshot - \
    >"$TEST_DIR/snap.json" || fail "snapshot"
grep -q '"kind": "snapshot"' "$TEST_DIR/snap.json" || fail "snapshot: $(cut -c1-200 "$TEST_DIR/snap.json")"
grep -q 'FIRE ALARM' "$TEST_DIR/snap.json" && fail "the outsider's alert is open"
kill -0 $pid || fail "fohd died"
n=$(metric fohd_ingest_pull_refused_total)
stop
echo "ok: pull on 0.0.0.0 with pull_allow: a push from $host_ip refused ($n), counted, logged; loopback taken"

# With this host's address in pull_allow, the same producer gets in.
write_conf "tcp://0.0.0.0:$p" "pull_allow = $host_ip/32"
fohd_start
"$NNGCAT" --push --dial "tcp://$host_ip:$p" --file "$TEST_DIR/alert.bin" ||
    fail "nngcat --push from $host_ip"
alert_taken() {
	[ "$(metric fohd_ingest_readings_total 'kind="external_alert"')" = 1 ]
}
wait_until 10 alert_taken || fail "allowed producer's alert not taken"
[ "$(metric fohd_ingest_pull_refused_total)" = 0 ] || fail "allowed peer refused"
stop
echo "ok: a producer named in pull_allow is taken"
