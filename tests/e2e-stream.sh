#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# A real fohd on ipc, outside clients only: nngcat subscribes and asks for
# a snapshot; Debian's python3-msgpack checks what arrives against
# PROTOCOL.md (fields, types, topics, consecutive sequence numbers).
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"
"$DEBIAN_PYTHON3" -c 'import msgpack' 2>/dev/null || need python3-msgpack

check="$DEBIAN_PYTHON3 $top_srcdir/tests/stream_check.py"
stream="ipc://$TEST_DIR/club.pub"
control="ipc://$TEST_DIR/club.ctl"

"$FOHD" -c "$top_srcdir/conf/club.conf" --stream "$stream" \
    --control "$control" 2>"$TEST_DIR/fohd.log" &
pid=$!
track $pid
listening() {
	[ -S "$TEST_DIR/club.pub" ] && [ -S "$TEST_DIR/club.ctl" ]
}
wait_until 10 listening || { cat "$TEST_DIR/fohd.log" >&2; fail "fohd not listening"; }

# The whole venue: 40 messages (zones change at 4 Hz, a beat a second).
"$NNGCAT" --sub --dial "$stream" --subscribe "foh/club/" --msgpack \
    --count 40 --recv-timeout 20 >"$TEST_DIR/all.bin" ||
    fail "nngcat --sub failed"
$check stream "$TEST_DIR/all.bin" club 40 || fail "stream check"

# A prefix subscription to one kind gets only that kind.
"$NNGCAT" --sub --dial "$stream" --subscribe "foh/club/heartbeat" \
    --msgpack --count 2 --recv-timeout 10 >"$TEST_DIR/beat.bin" ||
    fail "nngcat heartbeat subscription failed"
$check only "$TEST_DIR/beat.bin" club heartbeat || fail "filtered stream"

# Control: a snapshot, an op no agent does, an ack naming no alert, garbage.
ask() {
	"$NNGCAT" --req --dial "$control" --file "$1" --msgpack \
	    --recv-timeout 10 >"$2" || fail "nngcat --req failed"
}
$check request "$TEST_DIR/snap.req" snapshot
ask "$TEST_DIR/snap.req" "$TEST_DIR/snap.ans"
$check snapshot "$TEST_DIR/snap.ans" club || fail "snapshot check"

$check request "$TEST_DIR/op.req" reboot
ask "$TEST_DIR/op.req" "$TEST_DIR/op.ans"
$check error "$TEST_DIR/op.ans" unsupported op || fail "unknown op answer"

$check request "$TEST_DIR/ack.req" ack
ask "$TEST_DIR/ack.req" "$TEST_DIR/ack.ans"
$check error "$TEST_DIR/ack.ans" bad-request alert || fail "ack without alert"

$check request "$TEST_DIR/other.req" snapshot arena
ask "$TEST_DIR/other.req" "$TEST_DIR/other.ans"
$check error "$TEST_DIR/other.ans" bad-request venue || fail "other venue answer"

printf '\205\241v\001' >"$TEST_DIR/junk.req"	# a map of 5 cut short
ask "$TEST_DIR/junk.req" "$TEST_DIR/junk.ans"
$check error "$TEST_DIR/junk.ans" bad-request "" || fail "truncated answer"

printf 'not msgpack at all' >"$TEST_DIR/junk.req"
ask "$TEST_DIR/junk.req" "$TEST_DIR/junk.ans"
$check error "$TEST_DIR/junk.ans" bad-request "" || fail "junk answer"

# fohd kept serving and stops cleanly on SIGTERM.
kill -0 $pid || fail "fohd died"
kill -TERM $pid
wait $pid
st=$?
[ $st = 0 ] || { cat "$TEST_DIR/fohd.log" >&2; fail "fohd exit $st on SIGTERM"; }
grep -q "stopping on signal 15" "$TEST_DIR/fohd.log" || fail "no stop log line"
echo "ok: fohd stops cleanly on SIGTERM"
