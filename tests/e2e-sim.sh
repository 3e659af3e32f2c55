#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# e2e-sim.sh: foh-sim against a stand-in for fohd's WebSocket ingest
# (tests/ws_sink.py): it sends JSON arrays of the ingest shapes, one per
# tick, with the bearer token; counts the answers; exits 0 after
# --count-frames or --duration; is deterministic for a seed; reconnects when
# the connection drops; reports a refused token (401) and a bad scenario
# (78, FILE:LINE).
. "${top_srcdir:-.}/tests/lib.sh"

FOH_SIM=${FOH_SIM:-$top_builddir/foh-sim}
PY=${DEBIAN_PYTHON3:-/usr/bin/python3}
need "$FOH_SIM" "$PY"
"$PY" -c 'import websockets' 2>/dev/null || {
	echo "SKIP: $TEST_NAME: needs python3-websockets" >&2
	exit 77
}
CONF=$top_srcdir/conf/arena.conf
SCN=$top_srcdir/scenarios/arena.scn

# start_sink NAME ARGS...: run a sink; its port lands in $TEST_DIR/NAME.port.
start_sink() {
	_n=$1
	shift
	"$PY" "$top_srcdir/tests/ws_sink.py" "$TEST_DIR/$_n.port" \
	    "$TEST_DIR/$_n.frames" "$@" 2>"$TEST_DIR/$_n.log" &
	track $!
	wait_until 10 test -s "$TEST_DIR/$_n.port" ||
	    fail "sink $_n did not start: $(cat "$TEST_DIR/$_n.log")"
	eval "${_n}_url=ws://127.0.0.1:\$(cat \"\$TEST_DIR/$_n.port\")/ingest"
}

start_sink ok --token s3cret

# 1. Frames with the token: exit 0, every reading accepted.
"$FOH_SIM" -c "$CONF" -s "$SCN" --url "$ok_url" --token s3cret \
    --speed 0 --seed 9 --count-frames 40 >"$TEST_DIR/out1" \
    2>"$TEST_DIR/err1" || fail "exit $? (stderr: $(cat "$TEST_DIR/err1"))"
grep -q '40 frames sent, 40 answered, 0 lost' "$TEST_DIR/out1" ||
    fail "summary: $(cat "$TEST_DIR/out1")"
grep -q ' 0 rejected' "$TEST_DIR/out1" || fail "rejects: $(cat "$TEST_DIR/out1")"

# The frames are JSON arrays of the documented shapes.
"$PY" - "$TEST_DIR/ok.frames" "$TEST_DIR/out1" <<'PYEOF' || fail "frame shapes"
import json, re, sys
frames = [json.loads(l) for l in open(sys.argv[1])]
assert len(frames) == 40, len(frames)
keys = {
    "zone_count": {"zone": str, "count": int},
    "gate_flow": {"gate": str, "in": int, "out": int, "interval_ms": int},
    "telemetry": {"device": str, "metrics": list},
    "model_sample": {"model": str, "version": str, "features": dict},
    "raster": {"x": int, "y": int, "cols": int, "rows": int, "cells": list},
}
seen, total = set(), 0
for f in frames:
    assert isinstance(f, list) and 0 < len(f) <= 1024
    total += len(f)
    for r in f:
        k = r["kind"]
        seen.add(k)
        assert isinstance(r["t"], int) and r["t"] > 0
        for key, typ in keys[k].items():
            assert isinstance(r[key], typ), (k, key, r)
        if k == "zone_count":
            assert 0 <= r["count"] <= 1000000
        if k == "gate_flow":
            assert r["interval_ms"] == 250
        if k == "telemetry":
            assert 1 <= len(r["metrics"]) <= 8
            for m in r["metrics"]:
                assert isinstance(m["name"], str)
                assert isinstance(m["value"], (int, float))
            for v in r.get("flags", {}).values():
                assert v in ("ok", "warning", "error")
        if k == "raster":	# arena.scn: the whole 40x20 grid
            assert (r["x"], r["y"], r["cols"], r["rows"]) == (0, 0, 40, 20), r
            assert len(r["cells"]) == 800
            assert all(isinstance(c, int) and c >= 0 for c in r["cells"])
        if k == "model_sample":
            assert 1 <= len(r["features"]) <= 8
            for vals in r["features"].values():
                assert all(isinstance(x, (int, float)) for x in vals)
assert seen == set(keys), seen
summary = open(sys.argv[2]).read()
assert re.search(r"%d readings: %d accepted" % (total, total), summary), \
    (total, summary)
PYEOF

# 2. The same seed gives the same frames (apart from the timestamps).
start_sink again --token s3cret
"$FOH_SIM" -c "$CONF" -s "$SCN" --url "$again_url" --token s3cret \
    --speed 0 --seed 9 --count-frames 40 --no-time >/dev/null \
    2>"$TEST_DIR/err2" || fail "second run: exit $?"
"$PY" - "$TEST_DIR/ok.frames" "$TEST_DIR/again.frames" <<'PYEOF' ||
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
for f in a:
    for r in f:
        del r["t"]
for f in b:
    for r in f:
        assert "t" not in r
assert a == b
PYEOF
    fail "same seed, other frames"

# 3. --duration in sim seconds, paced: 2 s at speed 20 is 8 ticks.
start_sink paced --token s3cret
"$FOH_SIM" -c "$CONF" --url "$paced_url" --token s3cret --speed 20 \
    --duration 2 >"$TEST_DIR/out3" 2>"$TEST_DIR/err3" || fail "paced: exit $?"
grep -q '^foh-sim: 8 frames sent, 8 answered' "$TEST_DIR/out3" ||
    fail "paced: $(cat "$TEST_DIR/out3")"

# 4. A dropped connection is retried; refusals are reported with reasons.
start_sink drop --drop-after 3 --reject
"$FOH_SIM" -c "$CONF" --url "$drop_url" --speed 0 --count-frames 8 \
    >"$TEST_DIR/out4" 2>"$TEST_DIR/err4" || fail "drop: exit $?"
grep -q '1 reconnects' "$TEST_DIR/out4" || fail "drop: $(cat "$TEST_DIR/out4")"
grep -q 'reading 0 (zone_count): count: range: test refusal' \
    "$TEST_DIR/err4" || fail "no refusal reason: $(cat "$TEST_DIR/err4")"

# 5. A wrong or missing token: 401, reported, exit 77 (EX_NOPERM).
"$FOH_SIM" -c "$CONF" --url "$ok_url" --token wrong --count-frames 1 \
    >/dev/null 2>"$TEST_DIR/err5"
rc=$?
[ "$rc" -eq 77 ] || fail "wrong token: exit $rc"
grep -q 'token refused' "$TEST_DIR/err5" || fail "401: $(cat "$TEST_DIR/err5")"

# 6. A bad scenario: exit 78 (EX_CONFIG) naming FILE:LINE.
printf '[scenario]\nvenue = arena\n[ramp x]\nzone = stage\n' \
    >"$TEST_DIR/bad.scn"
"$FOH_SIM" -c "$CONF" -s "$TEST_DIR/bad.scn" --url "$ok_url" \
    >/dev/null 2>"$TEST_DIR/err6"
rc=$?
[ "$rc" -eq 78 ] || fail "bad scenario: exit $rc"
grep -q "bad.scn:4: \[ramp x\]: no zone \"stage\"" "$TEST_DIR/err6" ||
    fail "bad scenario: $(cat "$TEST_DIR/err6")"
exit 0
