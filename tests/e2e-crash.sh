#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Durability: a control client acknowledges and unacknowledges an alert as
# fast as it can while fohd is killed with SIGKILL at a random moment, over
# and over (ROUNDS, default 20). After each restart, every request that was
# answered "done" or "unchanged" must be in the journal's audit trail: an
# answer is only sent after its transaction is committed. And none may be
# carried out twice (nng's REQ resends a request whose pipe died; the
# restarted fohd must recognise it from its journal).
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
rounds=${ROUNDS:-20}
{
	club_ingest_conf "$TEST_DIR/club.db"
	printf '[operator ana]\nrights = all\n'
} >"$conf"
fohd_start
# One open alert to act on: a crush on the dance floor held for 30 s.
$client send "$ws" "" "$(held_counts dance 900)" >/dev/null || fail "readings"
has_alert() {
	[ -n "$(snapshot_alert density-critical)" ]
}
wait_until 10 has_alert || fail "no alert to acknowledge"
alert=$(snapshot_alert density-critical)

answered=0
: >"$TEST_DIR/answers"
round=1
while [ $round -le "$rounds" ]; do
	FOH_CTL_TIMEOUT=2 $ctl "$control" --acks ana "$alert" $((round * 10000)) \
	    >>"$TEST_DIR/answers" 2>/dev/null &
	loop=$!
	# The fault: SIGKILL after a random 100-600 ms of acknowledging.
	$py -c 'import random,time; time.sleep(random.uniform(0.1, 0.6))'
	kill -KILL $pid
	wait $pid 2>/dev/null
	wait $loop
	fohd_start
	round=$((round + 1))
done
"$FOHD" history -c "$conf" --format jsonl >"$TEST_DIR/history.jsonl" || fail "history"
$py - "$TEST_DIR/answers" "$TEST_DIR/history.jsonl" <<'EOP' || fail "answered requests missing from the journal"
import json, sys
answered = {}
for line in open(sys.argv[1]):
    rid, status = line.split()
    answered[int(rid)] = status
ok = {r for r, s in answered.items() if s in ("done", "unchanged")}
logged = set()
carried = {}
for line in open(sys.argv[2]):
    a = json.loads(line)
    if a.get("request"):
        logged.add(int(a["request"]))
        if a["result"] in ("done", "unchanged"):
            carried[int(a["request"])] = carried.get(int(a["request"]), 0) + 1
missing = sorted(ok - logged)
twice = sorted(r for r, n in carried.items() if n > 1)
assert not twice, ("carried out more than once", twice[:10])
print("ok: %d requests answered OK across the kills, %d in the journal, "
      "%d missing" % (len(ok), len(ok & logged), len(missing)))
assert ok and not missing, missing[:10]
EOP
echo "ok: $rounds SIGKILLs survived with every answered ack on disk"
kill -TERM $pid
wait $pid || fail "fohd exit status"
