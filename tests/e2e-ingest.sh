#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fohd's ingest from the field, from outside clients only: readings over
# the WebSocket (python3-websockets) and nng PULL (nngcat + python3-msgpack)
# come out on the stream (nngcat + python3-msgpack); the bad-frame corpus
# gets its error answers, is counted in /metrics, and fohd keeps serving;
# /metrics passes promtool; SIGHUP keeps a broken config out and takes a
# good one without dropping subscribers.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"
need_websockets

club_names
check="$py $top_srcdir/tests/stream_check.py"
token=e2e-token-0123456789
pull="ipc://$TEST_DIR/club.pull"

write_conf() {	# write_conf EXTRA-ZONE-SECTION
	{
		cat "$top_srcdir/conf/club.conf"
		printf '%s\n' "$1"
		conf_token_ingest "$pull"
	} >"$conf"
}
write_conf ""

fohd_start
echo "ok: fohd ingest on port $port"

# A subscriber first; fohd's own gauge says when it is connected.
stream_sub "$TEST_DIR/zones.bin" 3 20 foh/club/zone
wait_until 10 subscribers = 1 || fail "fohd_subscribers never 1"

# Readings over the WebSocket are published as zone samples.
$client refused "$ws" || fail "no token: not refused"
$client refused "$ws" wrong-token-000 || fail "wrong token: not refused"
$client send "$ws" "$token" \
    '{"kind":"zone_count","zone":"dance","count":300,"source":"cam-1"}' \
    '[{"kind":"zone_count","zone":"bar","count":30},{"kind":"zone_count","zone":"door","count":50}]' \
    >"$TEST_DIR/answers" || fail "send failed"
grep -q '"accepted": 1' "$TEST_DIR/answers" || fail "first frame not accepted"
grep -q '"accepted": 2' "$TEST_DIR/answers" || fail "second frame not accepted"
wait $sub || fail "nngcat got no zone samples"
$py - "$TEST_DIR/zones.bin" <<'EOP' || fail "published zone samples"
import sys, msgpack
got = {}
for m in msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False):
    topic, _, body = m.partition(b"\0")
    z = msgpack.unpackb(body, raw=False)
    got[z["zone"]] = (z["count"], z["band"], round(z["density"], 3))
# dance 300/150 m2 standing, bar 30/60 m2 standing, door 50/40 m2 queue
want = {"dance": (300, "D", 2.0), "bar": (30, "A", 0.5), "door": (50, "C", 1.25)}
assert got == want, got
print("ok: published", got)
EOP

# An upgrade may ask for any subprotocol by name: every entry of
# server-conn.c's protocol table and an unknown one. Only foh-ingest (or none)
# is served; the others are refused with 400 and fohd lives on (asking
# for "foh-watch" used to crash it: that entry had no per-session data).
names=$(sed -n '/server_protocols\[\] = {/,/^};/s/^[[:space:]]*\.name = "\([^"]*\)",$/\1/p' \
    "$top_srcdir/src/net/server-conn.c")
names=$(echo $names)
case " $names " in
*" foh-ingest "*) ;;
*) fail "protocol names not found in src/net/server-conn.c: $names" ;;
esac
wsc="$py $top_srcdir/tests/ws_client.py"
for name in $names no-such-protocol; do
	$wsc subproto "$ws" "$name" \
	    '{"kind":"zone_count","zone":"bar","count":31}' --token "$token" \
	    >"$TEST_DIR/sp" ||
	    fail "subprotocol $name: client failed"
	kill -0 $pid 2>/dev/null || fail "fohd died on subprotocol $name"
	if [ "$name" = foh-ingest ]; then
		head -n 1 "$TEST_DIR/sp" | grep -qx 'accepted foh-ingest' &&
		    grep -q '"accepted":1' "$TEST_DIR/sp" ||
		    fail "subprotocol foh-ingest: $(cat "$TEST_DIR/sp")"
	else
		grep -qx 'status 400' "$TEST_DIR/sp" ||
		    fail "subprotocol $name: $(cat "$TEST_DIR/sp")"
	fi
	echo "ok: upgrade asking for subprotocol $name: $(head -n 1 "$TEST_DIR/sp")"
done
$client send "$ws" "$token" '{"kind":"zone_count","zone":"bar","count":30}' |
    grep -q '"accepted": 1' || fail "not serving after the subprotocol upgrades"
[ "$(metric fohd_ws_subprotocol_refused_total)" -ge 3 ] ||
    fail "subprotocol refusals not counted"
echo "ok: fohd serves on after every subprotocol; refusals counted"

# A raster over the WebSocket: its zone counts are taken, and it is
# published as a "raster" message (PROTOCOL.md 6.14) with the same cells.
stream_sub "$TEST_DIR/raster.bin" 1 20 foh/club/raster
rsub=$sub
wait_until 10 subscribers = 1 || fail "raster subscriber not connected"
cells=$($py -c 'print(",".join(str((i % 16) // 4) for i in range(160)))')
$client send "$ws" "$token" \
    "{\"kind\":\"raster\",\"x\":0,\"y\":0,\"cols\":16,\"rows\":10,\"t\":1718000000000,\"cells\":[$cells]}" \
    >"$TEST_DIR/answers" || fail "raster send failed"
grep -q '"accepted": 1' "$TEST_DIR/answers" || { cat "$TEST_DIR/answers" >&2; fail "raster not accepted"; }
wait $rsub || fail "nngcat got no raster"
$py - "$TEST_DIR/raster.bin" <<'EOP' || fail "published raster"
import sys, msgpack
m = next(iter(msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False)))
topic, _, body = m.partition(b"\0")
assert topic == b"foh/club/raster", topic
r = msgpack.unpackb(body, raw=False)
assert r["kind"] == "raster" and r["venue"] == "club", r
assert (r["x"], r["y"], r["cols"], r["rows"]) == (0, 0, 16, 10), r
assert r["t"] == 1718000000000, r
assert r["cells"] == [float((i % 16) // 4) for i in range(160)], r["cells"]
print("ok: raster published: %dx%d, %d cells" % (r["cols"], r["rows"], len(r["cells"])))
EOP
[ "$(metric fohd_ingest_readings_total 'kind="raster"')" -ge 1 ] ||
    fail "raster not counted in /metrics"

# The bad-frame corpus: each answered, counted, and fohd keeps serving.
before=$(metric fohd_ingest_rejected_total 'kind="zone_count",reason="range"')
$client corpus "$ws" "$token" || fail "corpus"
after=$(metric fohd_ingest_rejected_total 'kind="zone_count",reason="range"')
[ "$after" -ge $((before + 3)) ] || fail "range rejects $before -> $after"
[ "$(metric fohd_ingest_rejected_total 'kind="unknown",reason="json"')" -ge 2 ] ||
    fail "json rejects not counted"
[ "$(metric fohd_ws_auth_refused_total)" -ge 2 ] || fail "auth refusals not counted"
[ "$(metric fohd_ingest_rejected_total 'kind="unknown",reason="oversized"')" -ge 1 ] ||
    fail "oversized not counted"
echo "ok: rejects counted in /metrics"

# Values that cannot go out on the wire (float32 histories) are refused at
# the door with their field, counted, and every snapshot after is whole.
# A drift score or telemetry value of 1e300 used to be taken, and then
# every snapshot failed "internal".
$client send "$ws" "$token" \
    '{"kind":"drift_score","model":"counter","version":"1","method":"psi","score":1e300}' \
    '{"kind":"telemetry","device":"amp-main","metrics":[{"name":"heatsink_c","value":1e300}]}' \
    '[{"kind":"telemetry","device":"amp-main","metrics":[{"name":"heatsink_c","value":-1e300}]},{"kind":"drift_score","model":"counter","version":"1","method":"ks","score":1.5}]' \
    '{"kind":"raster","x":0,"y":0,"cols":1,"rows":1,"cells":[1e300]}' \
    >"$TEST_DIR/answers" || fail "range send failed"
$py - "$TEST_DIR/answers" <<'EOP' || fail "range answers"
import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
want = [[("drift_score", "score")], [("telemetry", "metrics[0].value")],
        [("telemetry", "metrics[0].value"), ("drift_score", "score")],
        [("raster", "cells[0]")]]
for got, w in zip(a, want):
    assert got["accepted"] == 0 and got["rejected"] == len(w), got
    assert [(e["kind"], e["field"]) for e in got["errors"]] == w, got
    assert all(e["code"] == "range" for e in got["errors"]), got
    print("ok: refused:", "; ".join("%s %s: %s" % (e["kind"], e["field"], e["reason"]) for e in got["errors"]))
EOP
[ "$(metric fohd_ingest_rejected_total 'kind="drift_score",reason="range"')" -ge 2 ] ||
    fail "drift range refusals not counted"
[ "$(metric fohd_ingest_rejected_total 'kind="telemetry",reason="range"')" -ge 2 ] ||
    fail "telemetry range refusals not counted"
kill -0 $pid || fail "fohd died on out-of-range values"
$client send "$ws" "$token" \
    '{"kind":"drift_score","model":"counter","version":"1","method":"psi","score":0.05}' \
    '{"kind":"telemetry","device":"amp-main","metrics":[{"name":"heatsink_c","value":41.5}]}' |
    grep -c '"accepted": 1' | grep -qx 2 || fail "good values after the bad ones"
for i in 1 2 3; do
	$py "$top_srcdir/tests/control_client.py" "ipc://$TEST_DIR/club.ctl" snapshot - \
	    >"$TEST_DIR/snap.json" || fail "snapshot request $i"
	grep -q '"kind": "snapshot"' "$TEST_DIR/snap.json" ||
	    fail "snapshot $i after out-of-range values: $(cut -c1-300 "$TEST_DIR/snap.json")"
done
echo "ok: 1e300 refused with its field, counted; snapshots after it are whole"

# /metrics is valid Prometheus text.
if command -v promtool >/dev/null 2>&1; then
	$py -c 'import sys,urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' \
	    "$metrics" >"$TEST_DIR/metrics.txt"
	promtool check metrics <"$TEST_DIR/metrics.txt" ||
	    { cat "$TEST_DIR/metrics.txt" >&2; fail "promtool check metrics"; }
	echo "ok: promtool check metrics passes"
else
	echo "note: promtool not installed, metrics syntax not checked"
fi
$py -c 'import json,sys,urllib.request; h=json.load(urllib.request.urlopen(sys.argv[1])); assert h["status"]=="ok" and h["venue"]=="club", h; print("ok: /healthz", h)' \
    "http://127.0.0.1:$port/healthz" || fail "/healthz"

# nng PULL: a msgpack reading from an outside PUSH client.
pull_gate || fail "PULL reading not taken"
echo "ok: nng PULL reading taken"

# SIGHUP: a broken config is refused with file:line, the old one kept.
# One subscriber stays connected throughout and must see the new layout.
stream_sub "$TEST_DIR/reload.bin" 100000 60 foh/club/
wait_until 10 subscribers = 1 || fail "reload subscriber never counted"
printf '[zone loft]\nrect = 0,0,99,1\narea_m2 = 30\n' >>"$conf"
kill -HUP $pid
reloaded_bad() {
	grep -q "keeping the running config: $conf:[0-9]*: zone loft rect lies outside the grid" "$TEST_DIR/fohd.log"
}
wait_until 10 reloaded_bad || { cat "$TEST_DIR/fohd.log" >&2; fail "bad reload not refused"; }
kill -0 $pid || fail "fohd died on a bad reload"
$client send "$ws" "$token" '{"kind":"zone_count","zone":"dance","count":10}' |
    grep -q '"accepted": 1' || fail "not serving after a bad reload"
echo "ok: broken config refused on SIGHUP, old one kept"

write_conf "$(printf '[zone loft]\nname = Loft\nrect = 0,0,4,1\narea_m2 = 30\nkind = standing\n')"
kill -HUP $pid
reloaded_good() {
	grep -q "SIGHUP: $conf reloaded: 4 zones" "$TEST_DIR/fohd.log"
}
wait_until 10 reloaded_good || { cat "$TEST_DIR/fohd.log" >&2; fail "good reload not taken"; }
$client send "$ws" "$token" '{"kind":"zone_count","zone":"loft","count":12}' |
    grep -q '"accepted": 1' || fail "new zone not accepted after reload"
saw_loft() {
	$py - "$TEST_DIR/reload.bin" <<'EOP' 2>/dev/null
import sys, msgpack
layout = zone = False
try:
    for m in msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False):
        b = msgpack.unpackb(m.partition(b"\0")[2], raw=False)
        if b["kind"] == "layout":
            layout = "loft" in [z["id"] for z in b["zones"]]
        if b["kind"] == "zone" and b["zone"] == "loft" and b["count"] == 12:
            zone = True
except Exception:
    pass
sys.exit(0 if layout and zone else 1)
EOP
}
wait_until 10 saw_loft || fail "the subscriber did not see the new layout and zone"
[ "$(metric fohd_subscribers)" = 1 ] || fail "subscriber dropped by reload"
echo "ok: SIGHUP applied a valid config; the subscriber stayed and saw it"

kill -TERM $pid
wait $pid || fail "fohd exit status on SIGTERM"
