#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# foh-count (issue 16) on OpenCV's pedestrian sample into a real fohd:
#
# 1. The hand count: foh-count --print on the six frames of
#    tests/count-vtest.hand, each zone of each frame within +-1 person of
#    the hand count and at least 12 of the 18 exact. Why +-1: HOG misses
#    people (overlapping, turned, small) far more than it invents them;
#    at scale 1.25 it is within one everywhere and exact in 14 of 18; at
#    scale 1 it misses two in four zones and this test fails, so the
#    tolerance can fail (foh-count(1), ACCURACY).
# 2. A zone the venue does not have: fohd refuses it (unknown_id), foh-count
#    logs the refusal, counts it, and the good readings are taken. A wrong
#    token: the upgrade's 401 is said.
# 3. The video played at its own rate into fohd: counts per zone arrive on
#    the stream and move with the people; the camera's health telemetry
#    (fps, detect_ms, frame_age_s, flags) arrives as device cam-walkway.
#    fohd is stopped mid-run: foh-count keeps counting and reconnects to
#    the restarted fohd, whose stream gets counts again.
# 4. The video ends, foh-count exits: the camera falls silent, goes OFFLINE
#    after its heartbeat_s and device-offline fires.
# 5. A frozen, dark camera (a still black video): its flags say so and
#    device-error fires.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"
vtest=/usr/share/doc/opencv-doc/examples/data/vtest.avi
if [ ! -f "$vtest" ] ||
    ! "$DEBIAN_PYTHON3" -c 'import cv2, websockets, msgpack' 2>/dev/null; then
	echo "SKIP: $TEST_NAME: needs $vtest (opencv-doc) and Debian's" \
	    "python3-opencv, python3-websockets (./bootstrap check)" >&2
	exit 77
fi
count=${FOH_COUNT:-$top_builddir/foh-count}
club_names
conf=$TEST_DIR/walkway.conf
stream="ipc://$TEST_DIR/walkway.pub"
control="ipc://$TEST_DIR/walkway.ctl"

# --- 1. The hand count. ---
frames=$(awk '!/^#/ && NF == 3 { print $1 }' \
    "$top_srcdir/tests/count-vtest.hand" | sort -un | paste -sd, -)
"$count" -c "$top_srcdir/conf/count-vtest.ini" --print --no-push \
    --at "$frames" >"$TEST_DIR/print.jsonl" 2>"$TEST_DIR/print.err" ||
    { cat "$TEST_DIR/print.err" >&2; fail "foh-count --print --at $frames"; }
$py - "$top_srcdir/tests/count-vtest.hand" "$TEST_DIR/print.jsonl" <<'EOP' ||
import json, sys
hand = {}
for line in open(sys.argv[1]):
    w = line.split()
    if len(w) == 3 and not line.startswith("#"):
        hand[(int(w[0]), w[1])] = int(w[2])
got = {}
for line in open(sys.argv[2]):
    o = json.loads(line)
    assert set(o) == {"frame", "persons", "zones", "detect_ms"}, o
    for z, n in o["zones"].items():
        got[(o["frame"], z)] = n
assert set(got) == set(hand), (sorted(got), sorted(hand))
off = {k: got[k] - hand[k] for k in hand if got[k] != hand[k]}
for k in sorted(off):
    print("  frame %d %s: foh-count %d, by hand %d" % (k[0], k[1], got[k],
                                                       hand[k]))
assert all(abs(d) <= 1 for d in off.values()), "off by more than 1"
assert len(hand) - len(off) >= 12, "only %d exact" % (len(hand) - len(off))
assert len(set(got.values())) >= 3, "the counts do not move"
print("ok: hand count: %d zone-frames, %d exact, the rest within 1"
      % (len(hand), len(hand) - len(off)))
EOP
    fail "foh-count's counts are not the hand count's"

# The venue: count-demo.conf with an [ingest] on a free loopback port.
iport=$(free_port)
awk '/^\[/ { skip = ($0 == "[ingest]") } !skip' \
    "$top_srcdir/conf/count-demo.conf" >"$conf"
printf '[ingest]\nlisten = 127.0.0.1:%s\ntoken = s3cret-cam\nsimulate = no\n' \
    "$iport" >>"$conf"
echo s3cret-cam >"$TEST_DIR/token"
echo wrong-token >"$TEST_DIR/wrong"
# cam_conf INTERVAL [EXTRA [TOKEN_FILE]]: count-vtest.ini pointed at this
# fohd with its token, its interval and, given EXTRA, one more section.
cam_conf() {
	sed -e "s|^url = .*|url = ws://127.0.0.1:$iport/ingest\\
token_file = ${3:-$TEST_DIR/token}|" \
	    -e "s|^interval = .*|interval = $1|" \
	    "$top_srcdir/conf/count-vtest.ini"
	[ -z "${2:-}" ] || printf '%s\n' "$2"
}
fohd_start
stream_sub "$TEST_DIR/s1.bin" 100000 60 foh/walkway/
wait_until 10 subscribers -ge 1 || fail "stream subscriber not connected"

# --- 2. A zone fohd does not know: refused, logged, counted. ---
cam_conf 1s "$(printf '[zone attic]\npolygon = 0,0 50,0 50,50')" \
    >"$TEST_DIR/attic.ini"
st=0
"$count" -c "$TEST_DIR/attic.ini" --once 2>"$TEST_DIR/attic.err" || st=$?
grep -q "fohd refused zone_count attic: unknown_id zone" \
    "$TEST_DIR/attic.err" && [ "$st" = 1 ] &&
    grep -q "readings sent, 4 accepted, 1 refused" "$TEST_DIR/attic.err" ||
    { cat "$TEST_DIR/attic.err" >&2; fail "unknown zone: status $st"; }
echo "ok: fohd refused zone attic (unknown_id); foh-count logged and counted it"
cam_conf 1s "" "$TEST_DIR/wrong" >"$TEST_DIR/wrong.ini"
st=0
"$count" -c "$TEST_DIR/wrong.ini" --once 2>"$TEST_DIR/wrong.err" || st=$?
[ "$st" = 69 ] && grep -q "HTTP 401: fohd refused the token" \
    "$TEST_DIR/wrong.err" ||
    { cat "$TEST_DIR/wrong.err" >&2; fail "a wrong token: status $st"; }
echo "ok: a wrong token: HTTP 401 said, --once exits 69"

# --- 3. The video into fohd, fohd restarted mid-run. ---
cam_conf 500ms >"$TEST_DIR/cam.ini"
"$count" -c "$TEST_DIR/cam.ini" --frames 300 2>"$TEST_DIR/count.err" &
cpid=$!
track $cpid
# zones_in FILE: print "ZONE COUNT" for each zone message in FILE.
zones_in() {
	stream_json "$1" | $py -c '
import json, sys
for l in sys.stdin:
    o = json.loads(l)
    if "zone" in o and "band" in o:
        print(o["zone"], o["count"])'
}
# cam_in FILE: the camera's equip messages in FILE, a JSON line each.
cam_in() {
	stream_json "$1" | grep '"device": "cam-walkway"' | grep '"dkind"'
}
# moved FILE N: have N zones each shown at least two counts in FILE?
moved() {
	[ "$(zones_in "$1" | sort -u | awk '{ print $1 }' | uniq -c |
	    awk '$1 >= 2' | wc -l)" -ge "$2" ]
}
healthy() {	# healthy FILE: a camera message with its metrics, ok
	cam_in "$1" | grep '"fps"' | grep '"detect_ms"' |
	    grep '"frame_age_s"' | grep '"video"' | grep -q '"status": "ok"'
}
wait_until 30 moved "$TEST_DIR/s1.bin" 2 ||
    fail "counts did not move in two zones: $(zones_in "$TEST_DIR/s1.bin" | sort | uniq -c | tr '\n' ' ')"
wait_until 10 healthy "$TEST_DIR/s1.bin" ||
    fail "no camera telemetry: $(cam_in "$TEST_DIR/s1.bin" | tail -n 1)"
# The last report of an interval that counted frames (at 500ms and a
# loaded machine's 2-4 frames/s an interval may count none: fps 0).
cam_in "$TEST_DIR/s1.bin" | grep '"detect_ms"' | $py -c '
import json, sys
o = [o for o in map(json.loads, sys.stdin) if any(
     x["name"] == "fps" and x["value"] > 0 for x in o["metrics"])][-1]
m = {x["name"]: x["value"] for x in o["metrics"]}
f = {x["name"]: x["status"] for x in o["flags"]}
assert o["dkind"] == "camera" and f == {"video": "ok", "image": "ok"}, o
assert 0 < m["fps"] <= 12 and 1 < m["detect_ms"] < 5000, m
assert 0 <= m["frame_age_s"] < 5, m
print("ok: camera health on the stream: %.1f fps, detect %.0f ms, frame "
      "%.1f s old, flags %s" % (m["fps"], m["detect_ms"], m["frame_age_s"], f))
' || fail "the camera's telemetry"
echo "ok: counts moved: $(zones_in "$TEST_DIR/s1.bin" | sort -u | tr '\n' ' ')"

kill -TERM $pid
wait $pid || fail "fohd's exit status"
wait_until 10 grep -q "retrying with backoff" "$TEST_DIR/count.err" ||
    fail "foh-count did not notice fohd going"
kill -0 $cpid 2>/dev/null || fail "foh-count died with fohd"
fohd_start
stream_sub "$TEST_DIR/s2.bin" 100000 60 foh/walkway/
some_counts() {	# some_counts FILE
	[ -n "$(zones_in "$1")" ]
}
wait_until 20 some_counts "$TEST_DIR/s2.bin" ||
    { cat "$TEST_DIR/count.err" >&2; fail "no counts after fohd restarted"; }
[ "$(grep -c "connected to fohd" "$TEST_DIR/count.err")" = 2 ] ||
    fail "foh-count did not reconnect once: $(cat "$TEST_DIR/count.err")"
echo "ok: fohd stopped and started: foh-count kept counting and reconnected"

# --- 4. The video ends: the camera goes offline, its alert fires. ---
wait_until 40 eval '! kill -0 $cpid 2>/dev/null' ||
    fail "foh-count still runs after its 300 frames"
wait $cpid || fail "foh-count exit status $? at the end of its frames"
grep -q "refused by fohd" "$TEST_DIR/count.err" ||
    fail "no summary: $(cat "$TEST_DIR/count.err")"
offline() {
	cam_in "$TEST_DIR/s2.bin" | grep -q '"status": "offline"' &&
	    stream_json "$TEST_DIR/s2.bin" | grep '"rule": "device-offline"' |
	    grep '"subject": "cam-walkway"' | grep -q '"state": "firing"'
}
wait_until 20 offline ||
    fail "no offline camera or device-offline alert after foh-count stopped"
echo "ok: foh-count stopped: cam-walkway OFFLINE, device-offline firing"
echo "ok: $(tail -n 1 "$TEST_DIR/count.err")"

# --- 5. A frozen, dark camera: a still black video (written here by the
# test; foh-count writes nothing). video error, image warning, the
# device's status error and device-error firing (no stale counts while
# frozen: tests/count_check.py). ---
$py -c '
import sys, cv2, numpy as np
w = cv2.VideoWriter(sys.argv[1], cv2.VideoWriter_fourcc(*"MJPG"), 10,
                    (320, 240))
for i in range(150):
    w.write(np.zeros((240, 320, 3), np.uint8))
w.release()' "$TEST_DIR/black.avi" || fail "cannot write the black video"
cam_conf 500ms | sed -e "s|^source = .*|source = $TEST_DIR/black.avi|" \
    -e 's|^\[camera\]|[camera]\nfrozen_s = 1|' >"$TEST_DIR/black.ini"
"$count" -c "$TEST_DIR/black.ini" 2>"$TEST_DIR/black.err" &
bpid=$!
track $bpid
frozen() {
	cam_in "$TEST_DIR/s2.bin" | grep '"status": "error"' |
	    grep '"name": "video", "status": "error"' |
	    grep -q '"name": "image", "status": "warning"' &&
	    stream_json "$TEST_DIR/s2.bin" | grep '"rule": "device-error"' |
	    grep '"subject": "cam-walkway"' | grep -q '"state": "firing"'
}
wait_until 20 frozen ||
    fail "a still black camera: no video error, image warning and device-error: $(cam_in "$TEST_DIR/s2.bin" | tail -n 1)"
kill -TERM $bpid
wait $bpid || fail "foh-count's status after SIGTERM"
echo "ok: a still black video: video error, image warning, device-error firing"
kill -TERM $pid
wait $pid || fail "fohd's exit status"
