#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""Unit checks of foh-count (src/foh-count.in), run by tests/count-check.sh
with Debian's python3: which zone a person's feet are in (edges, corners,
concave zones), the count of an interval and its health readings,
non-maximum suppression, a venue's ONNX detector in each output layout
(tiny models written here), and the config's errors (file, line, section
and key named; exit 78 before anything starts).

  count_check.py SRC_FOH_COUNT_IN BUILT_FOH_COUNT TMPDIR
"""
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import time

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
check("frames: detect_ms", [m["name"] for m in r[-1]["metrics"]],
      ["fps", "detect_ms", "frame_age_s"])
r = fc.readings_of(c, dict(snap, frames=0, detect_s=0))
check("no frame: no detect_ms", [m["name"] for m in r[-1]["metrics"]],
      ["fps", "frame_age_s"])

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

# --- A venue's ONNX detector: tiny models written here, in protobuf by
# hand (Debian 12 has no python3-onnx), whose output is a constant: the
# image times zero weights plus the detections wanted. ---
def pb_varint(n):
    """N as a protobuf varint."""
    out = b""
    while True:
        b, n = n & 0x7f, n >> 7
        if not n:
            return out + bytes([b])
        out += bytes([b | 0x80])


def pb_int(field, n):
    """An integer FIELD."""
    return pb_varint(field << 3) + pb_varint(n)


def pb_bytes(field, b):
    """A length-delimited FIELD."""
    b = b.encode() if isinstance(b, str) else b
    return pb_varint((field << 3) | 2) + pb_varint(len(b)) + b


def pb_tensor(name, arr, dtype=1):
    """A TensorProto (1 float, 7 int64)."""
    return (b"".join(pb_int(1, d) for d in arr.shape) + pb_int(2, dtype) +
            pb_bytes(8, name) + pb_bytes(9, arr.tobytes()))


def pb_value(name, shape):
    """A ValueInfoProto of a float tensor of SHAPE."""
    dims = b"".join(pb_bytes(1, pb_int(1, d)) for d in shape)
    return pb_bytes(1, name) + pb_bytes(2, pb_bytes(
        1, pb_int(1, 1) + pb_bytes(2, dims)))


def onnx_model(path, out):
    """Write a model whose output is OUT (3 or 4 dims) at PATH; its input
    size (W, H)."""
    import numpy as np
    out = np.asarray(out, np.float32)
    h, w = out.shape[-2:]
    nodes = [pb_bytes(1, "images") + pb_bytes(1, "w0") + pb_bytes(2, "z") +
             pb_bytes(4, "Conv") + pb_bytes(5, pb_bytes(1, "kernel_shape") +
                                            pb_int(8, 1) + pb_int(8, 1) +
                                            pb_int(20, 7)),
             pb_bytes(1, "C") + pb_bytes(1, "z") + pb_bytes(2, "y") +
             pb_bytes(4, "Add")]
    inits = (pb_bytes(5, pb_tensor("w0", np.zeros((1, 3, 1, 1), np.float32)))
             + pb_bytes(5, pb_tensor("C", out.reshape(1, 1, h, w))))
    last = "y"
    if out.ndim == 3:
        nodes.append(pb_bytes(1, "y") + pb_bytes(1, "shape") +
                     pb_bytes(2, "out") + pb_bytes(4, "Reshape"))
        inits += pb_bytes(5, pb_tensor("shape", np.array(out.shape,
                                                          np.int64), 7))
        last = "out"
    g = (b"".join(pb_bytes(1, n) for n in nodes) + pb_bytes(2, "g") + inits +
         pb_bytes(11, pb_value("images", (1, 3, h, w))) +
         pb_bytes(12, pb_value(last, out.shape)))
    with open(path, "wb") as f:
        f.write(pb_int(1, 7) + pb_bytes(7, g) +
                pb_bytes(8, pb_bytes(1, "") + pb_int(2, 13)))
    return (w, h)


def dnn_boxes_of(out, pc, frame_wh):
    """The boxes DnnDetector finds in a frame of FRAME_WH with OUT."""
    import numpy as np
    path = os.path.join(TMP, "m.onnx")
    wh = onnx_model(path, out)
    d = fc.DnnDetector({"input": wh, "person_class": pc, "threshold": 0.5,
                        "nms": 0.3, "model": path})
    return d.shape, [tuple(round(v, 3) for v in b) for b in d.detect(
        np.zeros((frame_wh[1], frame_wh[0], 3), np.uint8))]


import numpy as np  # noqa: E402 (after the loader: python3-opencv's)
ssd = np.zeros((1, 1, 3, 7))
ssd[0, 0, 0] = [0, 1, 0.9, 0.1, 0.2, 0.3, 0.6]   # a person
ssd[0, 0, 1] = [0, 1, 0.3, 0.5, 0.5, 0.6, 0.9]   # not sure enough
ssd[0, 0, 2] = [0, 3, 0.9, 0.5, 0.5, 0.6, 0.9]   # a car
check("ssd: one person", dnn_boxes_of(ssd, 1, (200, 100)),
      ("ssd", [(20.0, 20.0, 40.0, 40.0)]))
v8 = np.zeros((1, 6, 8))                           # 4 + 2 classes, 8 boxes
v8[0, :, 0] = [3, 1, 2, 1, 0.9, 0.1]              # a person at (2..4, .5..1.5)
v8[0, :, 1] = [1, 1, 1, 1, 0.1, 0.9]              # class 1
check("yolov8: one person", dnn_boxes_of(v8, 0, (80, 60)),
      ("yolov8", [(20.0, 5.0, 20.0, 10.0)]))
v5 = np.zeros((1, 8, 7))                           # 8 boxes, 5 + 2 classes
v5[0, 0] = [3, 2, 2, 2, 0.8, 0.9, 0.1]             # 0.72: a person
v5[0, 1] = [3, 2, 2, 2, 0.5, 0.9, 0.1]             # 0.45: not sure enough
check("yolov5: one person", dnn_boxes_of(v5, 0, (7, 8)),
      ("yolov5", [(2.0, 1.0, 2.0, 2.0)]))
# A model's output with NaN or inf (a bad frame, an fp16 overflow): no box
# from that row, and no exception (one killed the camera's thread).
nan, inf = float("nan"), float("inf")
for what, out, layout, pc in [
        ("ssd: a NaN class", [[[[0, nan, .9, .1, .2, .3, .6]]]], "ssd", 1),
        ("ssd: a NaN box", [[[[0, 1, .9, nan, .2, .3, .6]]]], "ssd", 1),
        ("yolov8: an inf box", [[[inf], [1], [2], [1], [.9], [.1]]],
         "yolov8", 0),
        ("yolov5: a NaN score", [[[3, 2, 2, 2, nan, .9, .1]]], "yolov5",
         0)]:
    b, s = fc.dnn_boxes(np.array(out), layout, pc, 0.5, (100, 100),
                        (10, 10))
    check(what + ": no box", fc.nms(b, s, 0.5, 0.3), [])
try:
    dnn_boxes_of(np.zeros((1, 1, 3, 5)), 0, (10, 10))
    check("a (1, 1, 3, 5) output refused", "taken", "refused")
except ValueError as e:
    check("a (1, 1, 3, 5) output refused, named", "output shape (1, 1, 3, "
          "5) is not supported" in str(e), True)

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

# A camera's password never logged: an RTSP camera that cannot be opened
# is said, its URL's password written ***.
path = os.path.join(TMP, "rtsp.ini")
with open(path, "w") as f:
    f.write(GOOD.replace("/dev/null", "rtsp://admin:s3cr@t@127.0.0.1:1/s1\n"
                         "reopen_s = 0.1"))
with open(os.path.join(TMP, "rtsp.err"), "w") as err:
    p = subprocess.Popen([BIN, "-c", path, "--no-push"], stderr=err,
                         stdout=subprocess.DEVNULL)
    end, said = time.monotonic() + 30, ""
    while time.monotonic() < end and "retrying" not in said:
        time.sleep(0.1)  # polled with a deadline: not a sync sleep
        said = open(os.path.join(TMP, "rtsp.err")).read()
    p.terminate()
    p.wait(10)
check("an RTSP camera that cannot be opened: said, no password",
      ("rtsp://admin:***@127.0.0.1:1/s1: cannot be opened: retrying" in
       said, "s3cr" in said), (True, False))

# A DNN end to end: the SSD model's one person stands in walk-mid of
# conf/count-vtest.ini's zones, on every frame; a model whose output
# foh-count cannot read is a config error (78) naming [camera] model.
VTEST = "/usr/share/doc/opencv-doc/examples/data/vtest.avi"
top = os.path.dirname(os.path.dirname(os.path.abspath(SRC)))
zones = open(os.path.join(top, "conf/count-vtest.ini")).read()
zones = zones[zones.index("[zone "):]
ssd = np.zeros((1, 1, 3, 7))
ssd[0, 0, 0] = [0, 1, 0.9, 0.5, 0.3, 0.55, 0.5]   # feet at (403, 288)
for name, out, status in (("ssd", ssd, 0),
                          ("odd", np.zeros((1, 1, 3, 5)), 78)):
    wh = onnx_model(os.path.join(TMP, name + ".onnx"), out)
    path = os.path.join(TMP, name + ".ini")
    with open(path, "w") as f:
        f.write("[camera]\nsource = %s\ndevice = cam-walkway\n"
                "detector = dnn\nmodel = %s\ninput = %dx%d\n"
                "person_class = 1\n[fohd]\nurl = ws://127.0.0.1:1/ingest\n"
                "%s" % (VTEST, os.path.join(TMP, name + ".onnx"), wh[0],
                        wh[1], zones))
    if not os.path.exists(VTEST):
        print("note: count-check: no %s: the DNN run is left out" % VTEST)
        break
    r = subprocess.run([BIN, "-c", path, "--print", "--no-push", "--at",
                        "0,100"], capture_output=True, text=True, timeout=60)
    check("dnn %s: exit status" % name, r.returncode, status)
    if status == 0:
        check("dnn: one person in walk-mid, frames 0 and 100",
              [(o["frame"], o["persons"], o["zones"]) for o in map(
                  json.loads, r.stdout.splitlines())],
              [(i, 1, {"walk-west": 0, "walk-mid": 1, "walk-east": 0})
               for i in (0, 100)])
    else:
        check("dnn odd: says so", (":5: [camera] model: " in r.stderr and
                                   "(1, 1, 3, 5) is not supported" in
                                   r.stderr), True)

# --- fohd away: the link keeps only the newest batch, the rest counted
# as dropped (a day without fohd must not grow the queue a batch a
# second). Not started: no connection is made. ---
link = fc.Link("ws://127.0.0.1:1/ingest", "")
for i in range(1000):
    link.put([{"kind": "zone_count", "n": i}, {"kind": "telemetry"}])
check("fohd away: one batch queued", link.q.qsize(), 1)
check("fohd away: the newest kept", link.q.get_nowait()[0]["n"], 999)
check("fohd away: the rest counted dropped", link.dropped, 2 * 999)

# Privacy: no code path writes an image.
src = open(SRC).read()
for word in ("imwrite", "VideoWriter", "imencode"):
    check("no " + word + " in foh-count", word in src, False)
print("ok: count-check: %d checks (zones, intervals, nms, DNN models, "
      "%d config errors, privacy)" % (n_ok, len(BAD)))
