#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""Unit checks of foh-count (src/foh-count.in), run by tests/count-check.sh
with Debian's python3: which zone a person's feet are in (edges, corners,
concave zones), the count of an interval, non-maximum suppression, the
output shapes a DNN may have, and the config's errors (file, line, section
and key named; exit 78 before anything starts).

  count_check.py SRC_FOH_COUNT_IN BUILT_FOH_COUNT TMPDIR
"""
import importlib.machinery
import importlib.util
import os
import subprocess
import sys

SRC, BIN, TMP = sys.argv[1:4]
loader = importlib.machinery.SourceFileLoader("foh_count", SRC)
spec = importlib.util.spec_from_loader("foh_count", loader)
fc = importlib.util.module_from_spec(spec)
loader.exec_module(fc)
n_ok = 0


def check(what, got, want):
    """Fail unless GOT is WANT."""
    global n_ok
    if got != want:
        print("FAIL: count-check: %s: got %r, want %r" % (what, got, want))
        sys.exit(1)
    n_ok += 1


# --- Zones: feet in a polygon. ---
square = [(0, 0), (100, 0), (100, 100), (0, 100)]
check("inside", fc.zone_has(square, (50, 50)), True)
check("outside", fc.zone_has(square, (150, 50)), False)
check("on an edge counts as in", fc.zone_has(square, (100, 50)), True)
check("on a corner counts as in", fc.zone_has(square, (0, 0)), True)
check("just past an edge", fc.zone_has(square, (100.5, 50)), False)
vee = [(0, 0), (50, 80), (100, 0), (100, 100), (0, 100)]  # concave
check("in a concave zone's notch", fc.zone_has(vee, (50, 40)), False)
check("below the notch", fc.zone_has(vee, (50, 90)), True)
# The feet: a DNN box's bottom centre; HOG's 1/8 of the box higher.
check("dnn feet", fc.feet((10, 20, 40, 80), False), (30.0, 100.0))
check("hog feet", fc.feet((10, 20, 40, 128), True), (30.0, 132.0))
# A person whose head is in a zone but feet are not is not in it.
boxes = [(40, 60, 20, 100), (40, 50, 20, 40), (200, 0, 20, 40)]
zones = {"a": square, "b": [(150, 0), (300, 0), (300, 100), (150, 100)]}
check("counts by feet", fc.zone_counts(zones, boxes, False),
      {"a": 1, "b": 1})
check("one person in two overlapping zones counts in both",
      fc.zone_counts({"a": square, "c": [(30, 0), (70, 0), (70, 100),
                                         (30, 100)]}, [(40, 50, 20, 40)],
                     False), {"a": 1, "c": 1})

# --- An interval's count. ---
check("max", fc.interval_count([1, 4, 2], "max"), 4)
check("median", fc.interval_count([1, 4, 2, 3], "median"), 2)
check("last", fc.interval_count([1, 4, 2], "last"), 2)
check("no frames", fc.interval_count([], "max"), None)

# --- An interval's readings: counts, and the camera's health. ---
c = {"frozen_s": 5, "dark": 20, "count": "max", "device": "cam-1"}
snap = {"counts": {"a": [1, 3, 2], "b": [0, 0, 1]}, "frames": 3,
        "detect_s": 0.3, "secs": 1.0, "age": 0.1, "still": 0.1,
        "bright": 90.0, "ended": False}
r = fc.readings_of(c, snap)
check("zone counts: the max", [(x["zone"], x["count"], x["source"])
                               for x in r if x["kind"] == "zone_count"],
      [("a", 3, "foh-count"), ("b", 1, "foh-count")])
tel = r[-1]
check("telemetry", (tel["kind"], tel["device"], tel["flags"]),
      ("telemetry", "cam-1", {"video": "ok", "image": "ok"}))
check("metrics", {m["name"]: m["value"] for m in tel["metrics"]},
      {"fps": 3.0, "detect_ms": 100.0, "frame_age_s": 0.1})
for what, change, flags, ncounts in [
        ("no frame for 6 s: video error, no stale counts",
         {"age": 6.0, "frames": 0}, {"video": "error", "image": "ok"}, 0),
        ("frames unchanged for 6 s: frozen, video error",
         {"still": 6.0}, {"video": "error", "image": "ok"}, 0),
        ("a dark picture: image warning, still counted",
         {"bright": 4.0}, {"video": "ok", "image": "warning"}, 2)]:
    r = fc.readings_of(c, dict(snap, **change))
    check(what, (r[-1]["flags"], len(r) - 1), (flags, ncounts))

# --- One person, one box. ---
b = [(100, 100, 50, 100), (104, 102, 50, 100), (300, 100, 50, 100),
     (110, 110, 30, 60)]
check("nms", sorted(fc.nms(b, [0.9, 0.8, 0.7, 0.95], 0.0, 0.3)),
      [(110, 110, 30, 60), (300, 100, 50, 100)])
check("nms of nothing", fc.nms([], [], 0.0, 0.3), [])

# --- DNN output shapes. ---
check("yolov5", fc.dnn_shape((1, 25200, 85)), "yolov5")
check("yolov8", fc.dnn_shape((1, 84, 8400)), "yolov8")
check("ssd", fc.dnn_shape((1, 1, 100, 7)), "ssd")
check("a classifier is refused", fc.dnn_shape((1, 1000)), None)
check("a segmenter is refused", fc.dnn_shape((1, 21, 512, 512)), None)

# --- The config's errors. ---
GOOD = """[camera]
source = /dev/null
device = cam-1
[fohd]
url = ws://127.0.0.1:1/ingest
[zone west]
polygon = 0,0 10,0 10,10
"""
BAD = [
    ("a polygon of two points", GOOD.replace("10,0 10,10", "10,0"),
     ":7: [zone west] polygon: needs at least 3 points x,y, has 2"),
    ("a point that is not x,y", GOOD.replace("10,0 10,10", "10,0 ten,10"),
     ":7: [zone west] polygon: \"ten,10\" is not a point x,y"),
    ("a polygon on one line", GOOD.replace("10,0 10,10", "5,5 10,10"),
     ":7: [zone west] polygon: has no area"),
    ("an unknown key", GOOD.replace("device = cam-1",
                                    "device = cam-1\nfps = 10"),
     ":4: [camera] fps: unknown key"),
    ("no [fohd]", GOOD.replace("[fohd]\nurl = ws://127.0.0.1:1/ingest\n",
                               ""), ": no [fohd] section"),
    ("no zone", GOOD.split("[zone")[0], ": no [zone ID] section"),
    ("an unknown section", GOOD + "[zones x]\n",
     ":8: [zones x]: unknown section"),
    ("a bad zone id", GOOD.replace("zone west", "zone West"),
     ":6: [zone West]: zone id \"West\" must be"),
    ("a bad interval", GOOD.replace("device = cam-1",
                                    "device = cam-1\ninterval = fast"),
     ":4: [camera] interval: \"fast\": not a duration"),
    ("no device", GOOD.replace("device = cam-1\n", ""),
     ":1: [camera]: no device = ..."),
    ("a url that is not ws://", GOOD.replace("ws://", "http://"),
     ":5: [fohd] url: \"http://127.0.0.1:1/ingest\" is not ws://"),
    ("a token file that is not there",
     GOOD.replace("/ingest\n", "/ingest\ntoken_file = /nonexistent/t\n"),
     ":6: [fohd] token_file: /nonexistent/t: No such file"),
    ("an unknown detector", GOOD.replace("cam-1", "cam-1\ndetector = yolo"),
     ":4: [camera] detector: \"yolo\" must be hog or dnn"),
    ("dnn without a model", GOOD.replace("cam-1", "cam-1\ndetector = dnn"),
     ":1: [camera]: detector = dnn needs model = PATH.onnx"),
    ("a model that is not ONNX",
     GOOD.replace("cam-1", "cam-1\ndetector = dnn\nmodel = %s" % SRC),
     ":5: [camera] model: "),
    ("a key twice", GOOD.replace("cam-1", "cam-1\ndevice = cam-2"),
     ": While reading from"),
]
for what, text, want in BAD:
    path = os.path.join(TMP, "bad.ini")
    with open(path, "w") as f:
        f.write(text)
    r = subprocess.run([BIN, "-c", path], capture_output=True, text=True,
                       timeout=60)
    check(what + ": exit status", r.returncode, 78)
    msg = r.stderr.strip()
    check(what + ": says " + want, ("foh-count: " + path + want) in msg
          or (want.startswith(": While") and path in msg and want[2:] in msg),
          True)
    check(what + ": one line", len(msg.splitlines()), 1)

# The good one gets past the config (to its source, /dev/null: 66).
path = os.path.join(TMP, "good.ini")
with open(path, "w") as f:
    f.write(GOOD)
r = subprocess.run([BIN, "-c", path], capture_output=True, text=True,
                   timeout=60)
check("a good config with a source that is no video: 66", r.returncode, 66)
r = subprocess.run([BIN, "-c", path, "--frames", "0"], capture_output=True,
                   text=True, timeout=60)
check("--frames 0: usage, 64", r.returncode, 64)
r = subprocess.run([BIN, "-c", path, "--fast", "--realtime"],
                   capture_output=True, text=True, timeout=60)
check("--fast with --realtime: usage, 64", r.returncode, 64)

# Privacy: no code path writes an image.
src = open(SRC).read()
for word in ("imwrite", "VideoWriter", "imencode"):
    check("no " + word + " in foh-count", word in src, False)
print("ok: count-check: %d checks (zones, intervals, nms, dnn shapes, "
      "%d config errors, privacy)" % (n_ok, len(BAD)))
