#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fohd's event loop (src/net/server.c) through tests/server-harness: bearer
# tokens on the WebSocket upgrade, answers in order, fragments, oversized
# messages, /healthz and /metrics, timers and watched descriptors waking
# the loop, --loopback without a token, and SIGTERM ending with status 0.
# Clients are Debian's python3-websockets and urllib (tests/ws_client.py).
. "${top_srcdir:-.}/tests/lib.sh"
need "$DEBIAN_PYTHON3"
"$DEBIAN_PYTHON3" -c 'import websockets' 2>/dev/null || need python3-websockets

HARNESS="${top_builddir:-.}/tests/server-harness"
[ -x "$HARNESS" ] || fail "no $HARNESS: build it first"
client="$DEBIAN_PYTHON3 ${top_srcdir:-.}/tests/ws_client.py"

# start NAME ARGS...: run the harness in the background; its pid lands in
# $TEST_DIR/NAME.pid, its exit status in NAME.status, its port in $port.
start() {
	_n=$1
	shift
	rm -f "$TEST_DIR/$_n.status" "$TEST_DIR/$_n.pid"
	(
		"$HARNESS" "$@" >"$TEST_DIR/$_n.out" 2>"$TEST_DIR/$_n.err" &
		echo $! >"$TEST_DIR/$_n.pid"
		wait $!
		echo $? >"$TEST_DIR/$_n.status"
	) &
	wait_until 10 has_port "$_n" || {
		cat "$TEST_DIR/$_n.err" >&2
		fail "$_n: harness printed no port"
	}
	track "$(cat "$TEST_DIR/$_n.pid")"
	port=$(sed -n 's/^port //p' "$TEST_DIR/$_n.out")
}

has_port() {
	[ -s "$TEST_DIR/$1.pid" ] && grep -q '^port [1-9]' "$TEST_DIR/$1.out"
}

exited() {
	[ -s "$TEST_DIR/$1.status" ]
}

# stop NAME: SIGTERM, then expect exit status 0 within the deadline.
stop() {
	kill -TERM "$(cat "$TEST_DIR/$1.pid")"
	wait_until 10 exited "$1" || fail "$1: still running 10 s after SIGTERM"
	_st=$(cat "$TEST_DIR/$1.status")
	[ "$_st" = 0 ] || {
		cat "$TEST_DIR/$1.err" >&2
		fail "$1: exit $_st on SIGTERM"
	}
	[ -s "$TEST_DIR/$1.err" ] && {
		cat "$TEST_DIR/$1.err" >&2
		fail "$1: unexpected output on stderr"
	}
	echo "ok: $1 stops with status 0 on SIGTERM"
}

# field NAME FILE: a number from the JSON in FILE.
field() {
	sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p" "$2"
}

# healthz_above NAME VALUE: /healthz's NAME has grown past VALUE.
healthz_above() {
	$client http "http://127.0.0.1:$port/healthz" >"$TEST_DIR/h.now" ||
	    return 1
	_v=$(field "$1" "$TEST_DIR/h.now")
	[ -n "$_v" ] && [ "$_v" -gt "$2" ]
}

# http_ok PATH FILE TYPE: GET PATH into FILE; it must answer 200 with
# content type TYPE.
http_ok() {
	$client http "http://127.0.0.1:$port$1" >"$2" || fail "$1 failed"
	grep -qx 'status 200' "$2" || fail "$1 status"
	grep -qx "content-type $3" "$2" || fail "$1 content type"
}

# accepted N: the answer to an N-byte message.
accepted() {
	printf '{"accepted":%s,"rejected":0,"errors":[]}\n' "$1"
}

# --- With tokens. ---
start tok --token s3cret --token other --hup-token fresh --max-frame 65536
ws="ws://127.0.0.1:$port/ingest"

$client refused "$ws" >"$TEST_DIR/out" ||
    fail "no token: $(cat "$TEST_DIR/out")"
grep -qx 'status 401' "$TEST_DIR/out" || fail "no token: not 401"
echo "ok: upgrade without a token refused with 401"

$client refused "$ws" --token wrong >"$TEST_DIR/out" ||
    fail "wrong token: $(cat "$TEST_DIR/out")"
$client refused "$ws" --token s3cre >"$TEST_DIR/out" ||
    fail "token prefix: $(cat "$TEST_DIR/out")"
echo "ok: wrong tokens refused with 401"

$client send "$ws" --token s3cret hello 10 >"$TEST_DIR/out" ||
    fail "send with token failed"
{ accepted 5; accepted 10; } | cmp -s - "$TEST_DIR/out" ||
    fail "answers with token: $(cat "$TEST_DIR/out")"
$client send "$ws" --token other 7 >"$TEST_DIR/out" ||
    fail "send with the second token failed"
accepted 7 | cmp -s - "$TEST_DIR/out" || fail "second token answer"
echo "ok: frames answered with a good token"

# 200 KB over a 64 KB limit: answered "oversized", the connection lives on.
$client send "$ws" --token s3cret 204800 12 >"$TEST_DIR/out" ||
    fail "oversized: connection did not survive"
{
	printf '{"accepted":0,"rejected":1,"errors":[{"index":-1,'
	printf '"kind":"","field":"","code":"oversized",'
	printf '"reason":"message of more than 65536 bytes"}]}\n'
	accepted 12
} | cmp -s - "$TEST_DIR/out" ||
    fail "oversized answers: $(cat "$TEST_DIR/out")"
# Exactly the limit is still fine.
$client send "$ws" --token s3cret 65536 >"$TEST_DIR/out" ||
    fail "65536-byte message failed"
accepted 65536 | cmp -s - "$TEST_DIR/out" || fail "65536-byte answer"
echo "ok: oversized message refused, same connection used afterwards"

# 100 frames in a burst (more than the 16 answers a connection may have
# waiting): all answered, in order.
$client send "$ws" --token s3cret --burst $(seq 1 100) >"$TEST_DIR/out" ||
    fail "burst failed"
for i in $(seq 1 100); do accepted "$i"; done >"$TEST_DIR/want"
cmp -s "$TEST_DIR/want" "$TEST_DIR/out" || fail "burst answers out of order"
echo "ok: 100 frames in a burst answered in order"

# One message in 7 fragments: one answer for the whole.
$client send "$ws" --token s3cret --fragments 7 3000 >"$TEST_DIR/out" ||
    fail "fragmented send failed"
accepted 3000 | cmp -s - "$TEST_DIR/out" ||
    fail "fragments: $(cat "$TEST_DIR/out")"
echo "ok: a fragmented message answered once"

# Timers and the watched pipe keep waking the loop.
http_ok /healthz "$TEST_DIR/h0" application/json
t0=$(field timer_ticks "$TEST_DIR/h0")
f0=$(field fd_wakeups "$TEST_DIR/h0")
[ -n "$t0" ] && [ -n "$f0" ] || fail "/healthz: $(cat "$TEST_DIR/h0")"
wait_until 10 healthz_above timer_ticks $((t0 + 2)) ||
    fail "timer_ticks stuck at $t0"
wait_until 10 healthz_above fd_wakeups $((f0 + 2)) ||
    fail "fd_wakeups stuck at $f0"
frames=$(field frames "$TEST_DIR/h.now")
[ "$frames" -ge 107 ] || fail "/healthz frames $frames"
echo "ok: timers and watched descriptors wake the loop"

http_ok /metrics "$TEST_DIR/m" "text/plain; version=0.0.4"
grep -qx 'fohd_ingest_oversized_total 1' "$TEST_DIR/m" ||
    fail "/metrics oversized: $(cat "$TEST_DIR/m")"
grep -qx 'fohd_ingest_auth_refused_total 3' "$TEST_DIR/m" ||
    fail "/metrics auth_refused: $(cat "$TEST_DIR/m")"
grep -qx 'fohd_ingest_answers_queued 0' "$TEST_DIR/m" ||
    fail "/metrics queued: $(cat "$TEST_DIR/m")"
if command -v promtool >/dev/null 2>&1; then
	sed '1,2d' "$TEST_DIR/m" | promtool check metrics ||
	    fail "promtool check metrics"
fi
echo "ok: /metrics served without a token"

$client http "http://127.0.0.1:$port/nowhere" >"$TEST_DIR/out" ||
    fail "404 fetch failed"
grep -qx 'status 404' "$TEST_DIR/out" || fail "unknown path not 404"
$client http --post "http://127.0.0.1:$port/healthz" >"$TEST_DIR/out" ||
    fail "405 fetch failed"
grep -qx 'status 405' "$TEST_DIR/out" || fail "POST not 405"
echo "ok: 404 and 405"

# A second listener on the same port is refused with the reason.
if "$HARNESS" --token t --listen "127.0.0.1:$port" >/dev/null \
    2>"$TEST_DIR/err"; then
	fail "second listener on port $port accepted"
fi
grep -qi 'in use' "$TEST_DIR/err" || fail "no reason: $(cat "$TEST_DIR/err")"
echo "ok: a port in use is refused at start-up"

# SIGHUP swaps the tokens (server_tokens): the new one gets in, the old
# ones are refused.
fresh_ok() {
	$client send "$ws" --token fresh 3 >"$TEST_DIR/out" 2>/dev/null
}
kill -HUP "$(cat "$TEST_DIR/tok.pid")"
wait_until 10 fresh_ok || fail "new token refused after SIGHUP"
accepted 3 | cmp -s - "$TEST_DIR/out" || fail "new token answer"
$client refused "$ws" --token s3cret >"$TEST_DIR/out" ||
    fail "old token after SIGHUP: $(cat "$TEST_DIR/out")"
echo "ok: tokens replaced on SIGHUP"

stop tok

# --- Loopback only: no token needed. ---
start loop --loopback
$client send "ws://127.0.0.1:$port/ingest" hi >"$TEST_DIR/out" ||
    fail "loopback send failed"
accepted 2 | cmp -s - "$TEST_DIR/out" || fail "loopback answer"
echo "ok: --loopback needs no token"
stop loop

# --- Refusals at start-up. ---
if "$HARNESS" --loopback --listen 0.0.0.0:0 >/dev/null 2>"$TEST_DIR/err"; then
	fail "--loopback on 0.0.0.0 accepted"
fi
grep -q 'loopback' "$TEST_DIR/err" || fail "no reason: $(cat "$TEST_DIR/err")"
if "$HARNESS" >/dev/null 2>"$TEST_DIR/err"; then
	fail "no tokens and no --loopback accepted"
fi
grep -q 'token' "$TEST_DIR/err" || fail "no reason: $(cat "$TEST_DIR/err")"
# 192.0.2.1 (TEST-NET-1) is on no host: lws alone would wait for it.
if "$HARNESS" --token t --listen 192.0.2.1:0 >/dev/null 2>"$TEST_DIR/err"; then
	fail "listener on a foreign address accepted"
fi
grep -q 'assign' "$TEST_DIR/err" || fail "no reason: $(cat "$TEST_DIR/err")"
echo "ok: unsafe listeners refused at start-up"
