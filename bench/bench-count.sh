#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# bench-count.sh FOH_COUNT SRCDIR PYTHON3 [FRAMES]: foh-count's throughput on
# OpenCV's pedestrian sample (768x576, Debian's opencv-doc), beside a
# baseline measured in the same run: bare cv2.VideoCapture decoding
# without detection, so that the detector's cost is visible. HOG at
# scale 1 and at the example's 1.25, FRAMES frames each (default 200),
# --fast --no-push: frames/s end to end and the detector's mean latency.
# Run by `make bench-count` (and `make bench`); bench/RESULTS.md.
set -eu
count=$1 src=$2 py=$3 n=${4:-200}
vtest=/usr/share/doc/opencv-doc/examples/data/vtest.avi
[ -f "$vtest" ] || { echo "bench-count: no $vtest (opencv-doc)"; exit 0; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-count.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
echo "bench-count: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
    "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')," \
    "load $(cut -d' ' -f1-3 /proc/loadavg)"
"$py" - "$vtest" "$n" <<'EOP'
import sys, time, cv2
c = cv2.VideoCapture(sys.argv[1])
n, t = 0, time.monotonic()
while n < int(sys.argv[2]) and c.read()[0]:
    n += 1
dt = time.monotonic() - t
print("bench-count: decode only (cv2.VideoCapture): %d frames in %.2f s: "
      "%.0f frames/s" % (n, dt, n / dt))
EOP
for scale in 1 1.25; do
	sed -e "s/^scale = .*/scale = $scale/" "$src/conf/count-vtest.ini" \
	    >"$tmp/cam.ini"
	t0=$(date +%s%N)
	"$count" -c "$tmp/cam.ini" --fast --no-push --print --frames "$n" \
	    >"$tmp/out.jsonl"
	t1=$(date +%s%N)
	"$py" - "$tmp/out.jsonl" $(( (t1 - t0) / 1000000 )) "$scale" <<'EOP'
import json, sys
ms = [json.loads(l)["detect_ms"] for l in open(sys.argv[1])]
wall = int(sys.argv[2]) / 1000.0
ms.sort()
print("bench-count: HOG scale %s: %d frames in %.1f s: %.1f frames/s; "
      "detect mean %.0f ms, median %.0f, p95 %.0f" % (
          sys.argv[3], len(ms), wall, len(ms) / wall, sum(ms) / len(ms),
          ms[len(ms) // 2], ms[int(len(ms) * 0.95)]))
EOP
done
