#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The journal's disk fills up: fohd's journal lives on a 1 MiB tmpfs that
# the test fills to the last block. An ack is then answered internal, the
# alert is NOT shown acknowledged (not in memory, not on the stream), the
# failure is logged once with SQLite's words and counted in /metrics; its
# retry with the same id fails the same way, without another log line.
# Once the disk has room again the retry is carried out, and after a kill
# -9 and a restart the ack is still there and its repeat is answered from
# the journal. Needs root (mount); skipped otherwise.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
disk="$TEST_DIR/disk"
mkdir "$disk"
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=1m foh-test "$disk" 2>/dev/null; then
	echo "SKIP: $TEST_NAME: needs root to mount a small tmpfs" >&2
	exit 77
fi
# Stop the processes before the disk goes, then the usual cleanup.
unmount() {
	for p in $CLEANUP_PIDS; do
		kill -KILL "$p" 2>/dev/null
	done
	for p in $CLEANUP_PIDS; do
		wait "$p" 2>/dev/null
	done
	umount "$disk" 2>/dev/null || umount -l "$disk"
	cleanup
}
trap unmount EXIT INT TERM

{
	club_conf "$disk/club.db"
	conf_bar_full
} >"$conf"
fohd_start

stream_sub "$TEST_DIR/alerts.bin" 100000 120 foh/club/alert
wait_until 10 subscribers = 1 || fail "no subscriber"
states() {	# the states the stream showed for the alert, one a line
	$py - "$TEST_DIR/alerts.bin" "$bar" <<'EOP'
import sys, msgpack
try:
    for m in msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False):
        a = msgpack.unpackb(m.partition(b"\0")[2], raw=False)
        if a.get("id") == int(sys.argv[2]):
            print(a["state"])
except Exception:
    pass
EOP
}
$client send "ws://127.0.0.1:$port/ingest" "" '{"kind":"zone_count","zone":"bar","count":90}' >/dev/null
has_alert() {
	[ -n "$(snapshot_alert bar-full)" ]
}
wait_until 10 has_alert || fail "no alert"
bar=$(snapshot_alert bar-full)
state_now() {
	$ctl "$control" alerts - ids=$bar | $py -c 'import json,sys; a=json.load(sys.stdin)["alerts"][0]; print(a["state"], a.get("acked_by", "-"))'
}

# Fill the disk to the last block.
dd if=/dev/zero of="$disk/filler" bs=4096 2>/dev/null
echo "   disk: $(df -k "$disk" | tail -n 1 | awk '{print $3 " KiB used, " $4 " KiB free"}')"

ack='{"v":1,"kind":"request","op":"ack","id":6001,"operator":"ana","alert":'$bar',"comment":"stewards sent"}'
r=$($sp "$control" ask "$ack")
[ "$(answer code "$r")" = internal ] || fail "ack on a full disk: $r"
echo "ok: ack on a full disk: internal: $(answer text "$r")"
[ "$(state_now)" = "firing -" ] || fail "the alert changed anyway: $(state_now)"
logged() {
	grep -q "journal: .*database or disk is full" "$TEST_DIR/fohd.log"
}
wait_until 5 logged || { cat "$TEST_DIR/fohd.log" >&2; fail "the failure is not logged"; }
errs=$(metric fohd_journal_errors_total)
[ "$errs" -ge 1 ] || fail "fohd_journal_errors_total $errs"
r=$($sp "$control" ask "$ack")
[ "$(answer code "$r")" = internal ] || fail "retry on a full disk: $r"
[ "$(state_now)" = "firing -" ] || fail "the alert changed on the retry: $(state_now)"
[ "$(metric fohd_journal_errors_total)" -gt "$errs" ] || fail "the retry's failure is not counted"
# journal.c's line; agent-alerts.c logs its own failures (a device going
# offline meanwhile) on top.
[ "$(grep -c 'journal: .*database or disk is full (further failures are counted' "$TEST_DIR/fohd.log")" = 1 ] ||
    { cat "$TEST_DIR/fohd.log" >&2; fail "logged more than once"; }
# What the stream showed: the alert firing, never acknowledged. (A
# snapshot answered after a published message proves the stream is read
# up to now.)
$client send "ws://127.0.0.1:$port/ingest" "" '{"kind":"zone_count","zone":"bar","count":91}' >/dev/null
two_updates() {
	[ "$(states | wc -l)" -ge 2 ]
}
wait_until 10 two_updates || fail "stream: $(states | tr '\n' ' ')"
! states | grep -qv '^firing$' || fail "the stream showed: $(states | tr '\n' ' ')"
echo "ok: not acknowledged in memory nor on the stream; logged once, $(metric fohd_journal_errors_total) failures counted"

# Room again: the same request is carried out and made durable.
rm -f "$disk/filler"
done_hex=$($sp "$control" hex "$ack")
$py -c 'import msgpack,sys; a=msgpack.unpackb(bytes.fromhex(sys.argv[1]),raw=False); assert a["status"]=="done", a' "$done_hex" ||
    fail "retry with room: $done_hex"
[ "$(state_now)" = "acknowledged ana" ] || fail "after the retry: $(state_now)"
acked() {
	states | grep -q '^acknowledged$'
}
wait_until 10 acked || fail "the stream never showed the ack"
grep -q "journal: writing again after [0-9]* failed commits" "$TEST_DIR/fohd.log" ||
    fail "recovery not logged"
echo "ok: with room again the retry is done and published"

kill -KILL $pid
wait $pid 2>/dev/null
fohd_start
[ "$(state_now)" = "acknowledged ana" ] || fail "after kill -9: $(state_now)"
again=$($sp "$control" hex "$ack")
[ "$again" = "$done_hex" ] || fail "repeat after the restart: $again"
"$FOHD" history -c "$conf" --format jsonl >"$TEST_DIR/history.jsonl" || fail "history"
[ "$(grep -c '"request": *6001' "$TEST_DIR/history.jsonl")" = 1 ] ||
    fail "request 6001 in the history: $(grep 6001 "$TEST_DIR/history.jsonl")"
echo "ok: after kill -9 the ack is durable, audited once, and its repeat answered from the journal"
kill -TERM $pid
wait $pid || fail "fohd exit status"
