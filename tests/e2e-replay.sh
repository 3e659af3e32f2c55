#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fohd --replay: JSON lines of readings fed at their own pace (here 600
# times faster), bad lines reported with FILE:LINE and skipped, the rest
# applied; the result is checked from outside through a snapshot request.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

py="$DEBIAN_PYTHON3"
file="$TEST_DIR/drill.jsonl"
cat >"$file" <<'EOJ'
{"kind":"zone_count","zone":"dance","count":100,"t":1700000000000}
[{"kind":"zone_count","zone":"bar","count":20,"t":1700000060000},{"kind":"gate_flow","gate":"door","in":30,"out":6,"interval_ms":60000,"t":1700000060000}]
this line is not JSON
{"kind":"zone_count","zone":"attic","count":5,"t":1700000120000}

{"kind":"zone_count","zone":"door","count":33,"t":1700000180000}
EOJ
sed 's/^\[venue\]$/[venue]/' "$top_srcdir/conf/club.conf" >"$TEST_DIR/club.conf"
printf '[ingest]\nsimulate = no\n' >>"$TEST_DIR/club.conf"
control="ipc://$TEST_DIR/club.ctl"
"$FOHD" -c "$TEST_DIR/club.conf" --stream "ipc://$TEST_DIR/club.pub" \
    --control "$control" --replay "$file" --speed 600 \
    2>"$TEST_DIR/fohd.log" &
pid=$!
track $pid
finished() {
	grep -q "replay finished" "$TEST_DIR/fohd.log"
}
wait_until 10 finished || { cat "$TEST_DIR/fohd.log" >&2; fail "replay did not finish"; }
grep "replay finished: 6 lines, 4 readings, 1 refused, 1 bad lines" "$TEST_DIR/fohd.log" ||
    { cat "$TEST_DIR/fohd.log" >&2; fail "replay summary"; }
grep -q "$file:3: line 1 column" "$TEST_DIR/fohd.log" || fail "no FILE:LINE for the bad line"
grep -q "$file:4: reading 0: zone: no zone \"attic\"" "$TEST_DIR/fohd.log" ||
    { cat "$TEST_DIR/fohd.log" >&2; fail "no FILE:LINE for the unknown zone"; }
echo "ok: bad lines reported with file:line, the replay went on"

snapshot_to "$TEST_DIR/snap.ans" || fail "snapshot request"
$py - "$TEST_DIR/snap.ans" <<'EOP' || fail "replayed state"
import sys, msgpack
b = msgpack.unpackb(next(iter(msgpack.Unpacker(open(sys.argv[1], "rb"),
                                               raw=False))), raw=False)
z = {s["zone"]: s for s in b["zones"]}
assert {k: z[k]["count"] for k in z} == {"dance": 100, "bar": 20, "door": 33}, z
g = b["gates"][0]
assert (g["gate"], g["in"], g["out"], g["los"]) == ("door", 30, 6, "A"), g
assert abs(g["flow_pmm"] - 36 / 1.8) < 1e-9, g
# Paced: 180 s of readings at 600x is at least 300 ms (never sooner).
gap = z["door"]["t"] - z["dance"]["t"]
assert gap >= 290, gap
print("ok: replayed state: zones %s, gate door %.1f p/m/min; paced over %d ms"
      % ({k: z[k]["count"] for k in z}, g["flow_pmm"], gap))
EOP
kill -TERM $pid
wait $pid || fail "fohd exit status"
