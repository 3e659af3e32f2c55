#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# A whole club night, end to end through real processes: foh-sim plays
# scenarios/club.scn into a real fohd over the WebSocket ingest as fast as
# fohd answers; nngcat records what fohd publishes; Debian's python3-msgpack
# checks that the analytics at the edge saw the story: the door gate's
# inflow growing to its Green Guide limit, the dance floor crushing into
# band F, the amp running hot into a protect error with its remaining life
# estimated, the people counter drifting at lights-down (PSI), the fall
# detector's alert passed through, and the amp going OFFLINE when its
# telemetry stops.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
check="$py $top_srcdir/tests/stream_check.py"
token=drill-token-0123456789
{
	cat "$top_srcdir/conf/club.conf"
	printf '[device amp-main]\nheartbeat_s = 2\n'
	printf '[ingest]\nlisten = 127.0.0.1:0\ntoken = %s\nsimulate = no\n' "$token"
} >"$conf"

fohd_start

# Everything but heartbeats, until 6 s of quiet after the night ends.
stream_sub "$TEST_DIR/night.bin" 10000000 6 foh/club/zone foh/club/gate \
    foh/club/equip foh/club/drift foh/club/alert
wait_until 10 subscribers = 1 || fail "nngcat never subscribed"

"$FOH_SIM" -c "$conf" -s "$top_srcdir/scenarios/club.scn" \
    --url "$ws" --token "$token" --speed 600 \
    >"$TEST_DIR/sim.out" 2>"$TEST_DIR/sim.err" ||
    { cat "$TEST_DIR/sim.out" "$TEST_DIR/sim.err" >&2; fail "foh-sim failed"; }
echo "ok: foh-sim: $(tail -n 1 "$TEST_DIR/sim.out")"
grep -q "rejected 0\b\|0 rejected" "$TEST_DIR/sim.out" ||
    { cat "$TEST_DIR/sim.out" >&2; fail "fohd refused readings from foh-sim"; }

wait $sub
$py - "$TEST_DIR/night.bin" <<'EOP' || fail "the night's story"
import sys, msgpack
gate_los, dance_bands, amp, drift, alerts = set(), set(), [], [], []
n = 0
for m in msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False):
    b = msgpack.unpackb(m.partition(b"\0")[2], raw=False)
    n += 1
    k = b["kind"]
    if k == "gate" and b["gate"] == "door":
        gate_los.add(b["los"])
        assert abs(b["flow_pmm"] - (b["in"] + b["out"]) / 1.8 /
                   (b["interval_ms"] / 60000)) < 1e-6, b
    elif k == "zone" and b["zone"] == "dance":
        dance_bands.add(b["band"])
    elif k == "equip" and b["device"] == "amp-main":
        amp.append(b)
    elif k == "drift":
        drift.append(b)
    elif k == "alert":
        alerts.append(b)
print("ok: %d messages" % n)
assert "A" in gate_los and ("E" in gate_los or "F" in gate_los), gate_los
print("ok: door gate flow levels seen:", "".join(sorted(gate_los)))
assert "F" in dance_bands, dance_bands
print("ok: dance floor bands seen:", "".join(sorted(dance_bands)))
statuses = [a["status"] for a in amp]
assert "ok" in statuses and "error" in statuses, set(statuses)
hot = [a for a in amp
       if {"name": "protect", "status": "error"} in a.get("flags", [])]
assert hot and hot[0]["status"] == "error", amp[-1]
ruls = {a.get("rul", "unset") for a in amp}
assert ruls & {"value", "beyond"}, ruls
val = [a for a in amp if a.get("rul") == "value"]
print("ok: amp went %s; remaining life states %s; e.g. %.2f h left at %.1f C" % (
      " -> ".join(dict.fromkeys(statuses)), sorted(ruls),
      val[0]["rul_h"] if val else float("nan"),
      val[0]["wear"] if val else float("nan")))
assert statuses[-1] == "offline", statuses[-1]
print("ok: amp OFFLINE after its telemetry stopped (hb_age_s %d)" %
      amp[-1].get("hb_age_s", 0))
levels = [d.get("level") for d in drift]
assert "pending" in levels and "stable" in levels and "major" in levels, set(levels)
worst = max(drift, key=lambda d: d.get("score", 0))
assert worst["features"][0]["name"] == "brightness", worst["features"]
print("ok: drift levels %s; worst PSI %.3f, top feature %s %.3f" % (
      " -> ".join(dict.fromkeys(levels)), worst["score"],
      worst["features"][0]["name"], worst["features"][0]["score"]))
EOP

# The snapshot at the end holds the fall detector's alert.
$check request "$TEST_DIR/snap.req" snapshot
"$NNGCAT" --req --dial "$control" --file "$TEST_DIR/snap.req" --msgpack \
    --recv-timeout 10 >"$TEST_DIR/snap.ans" || fail "snapshot request"
$py - "$TEST_DIR/snap.ans" <<'EOP' || fail "snapshot alert"
import sys, msgpack
m = next(iter(msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False)))
b = msgpack.unpackb(m, raw=False)
a = [x for x in b["alerts"] if x["rule"] == "fall-detector"]
assert a and a[0]["severity"] == "critical" and a[0]["subject"] == "dance", b["alerts"]
print("ok: snapshot holds the alert:", a[0]["title"])
g = b["gates"][0]
assert len(g["hist"]) > 10, g
print("ok: snapshot carries %d gate flow samples of history" % len(g["hist"]))
EOP
kill -TERM $pid
wait $pid || fail "fohd exit status"
