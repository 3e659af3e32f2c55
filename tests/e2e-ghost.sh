#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The ghost of issue 9, end to end: a console (foh --json) shows an alert;
# it is stopped (SIGSTOP) while fohd publishes so much that the stopped
# console's buffers overflow and the alert's resolution is lost to it; fohd
# restarts (its journal restores only what is open). When the console runs
# again, it sees the gap and the new epoch, and the healing snapshot, which
# does not list the alert, must make it drop it: before, it stayed FIRING
# for ever.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
{
	club_ingest_conf "$TEST_DIR/club.db"
	conf_bar_full
} >"$conf"

fohd_start

# A witness that sees every alert message (it is never stopped).
stream_sub "$TEST_DIR/witness.bin" 1000000 120 foh/club/alert
"$FOH" --json "$stream" >"$TEST_DIR/console.jsonl" 2>"$TEST_DIR/console.err" &
con=$!
track $con
wait_until 10 subscribers -ge 2 || fail "subscribers not connected"

$client send "$ws" "" '{"kind":"zone_count","zone":"bar","count":90}' |
    grep -q '"accepted": 1' || fail "reading refused"
shown() {
	grep '"rule": *"bar-full"' "$TEST_DIR/console.jsonl" | grep -q '"state": *"firing"'
}
wait_until 10 shown || fail "the console does not show bar-full"
id=$(grep '"rule": *"bar-full"' "$TEST_DIR/console.jsonl" | head -n 1 |
    $py -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "ok: the console shows alert $id (bar-full) firing"

# Stop the console, overflow what it can be sent, then resolve the alert.
kill -STOP $con
i=0
while [ $i -lt 30 ]; do
	$py - $i >"$TEST_DIR/flood.json" <<'EOP'
import json, sys
base = int(sys.argv[1]) * 1000
print(json.dumps([{"kind": "zone_count", "zone": "door",
                   "count": (base + k) % 50 + (k % 2)} for k in range(1000)]))
EOP
	$client send "$ws" "" "$(cat "$TEST_DIR/flood.json")" |
	    grep -q '"accepted": 1000' || fail "flood frame $i refused"
	i=$((i + 1))
done
$client send "$ws" "" '{"kind":"zone_count","zone":"bar","count":10}' |
    grep -q '"accepted": 1' || fail "reading refused"
resolved() {
	$py - "$TEST_DIR/witness.bin" "$id" <<'EOP'
import sys, msgpack
try:
    for m in msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False):
        a = msgpack.unpackb(m.partition(b"\0")[2], raw=False)
        if a["id"] == int(sys.argv[2]) and a["state"] == "resolved":
            sys.exit(0)
except Exception:
    pass
sys.exit(1)
EOP
}
wait_until 10 resolved || fail "the alert did not resolve"
echo "ok: alert $id resolved while the console was stopped"

# fohd restarts; its journal restores only open alerts.
kill -TERM $pid
wait $pid
fohd_start
kill -CONT $con
gone() {
	grep '"state": *"gone"' "$TEST_DIR/console.jsonl" | grep -q "\"id\": *$id[,}]"
}
if ! wait_until 15 gone; then
	grep "\"id\": *$id[,}]" "$TEST_DIR/console.jsonl" >&2
	fail "alert $id stays on the console after it resolved unseen and fohd restarted"
fi
if grep "\"id\": *$id[,}]" "$TEST_DIR/console.jsonl" | grep -q '"state": *"resolved"'; then
	echo "note: the console did see the resolution before the restart"
else
	echo "ok: the console never saw the resolution"
fi
echo "ok: the healing snapshot dropped the ghost (alert $id)"
kill -TERM $pid
wait $pid || fail "fohd exit status"
