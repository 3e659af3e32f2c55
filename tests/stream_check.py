#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""An outside client of foh's wire protocol, written from proto/PROTOCOL.md
alone: it reads what nngcat received (each message as a msgpack bin, from
`nngcat --msgpack`), splits topic and body, and checks every field, type,
topic and sequence number the document promises.

Run with Debian's python3 (python3-msgpack).

  stream_check.py stream FILE VENUE [MIN_MSGS]   all kinds, consecutive seq
  stream_check.py only FILE VENUE KIND           a filtered subscription
  stream_check.py request FILE OP [VENUE]        write a request body
  stream_check.py snapshot FILE VENUE            check a snapshot answer
  stream_check.py error FILE CODE FIELD          check an error answer
"""
import math
import sys
import time

import msgpack

import foh_test

KINDS = {"hello", "heartbeat", "layout", "zone", "equip", "drift", "alert", "gate",
         "snapshot", "request", "error"}
WALKWAY = [0.31, 0.43, 0.72, 1.08, 2.17]
STANDING = [0.83, 1.11, 1.43, 3.33, 5.00]


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def band(density, zkind):
    table = WALKWAY if zkind == "walkway" else STANDING
    for i, upper in enumerate(table):
        if density <= upper:
            return "ABCDE"[i]
    return "F"


def want(d, key, types, where):
    if key not in d:
        fail("%s: no %r in %r" % (where, key, d))
    v = d[key]
    if isinstance(v, bool) or not isinstance(v, types):
        fail("%s: %r is %r (%s), want %s" % (where, key, v,
             type(v).__name__, types))
    return v


def uint(d, key, where):
    v = want(d, key, int, where)
    if v < 0:
        fail("%s: %r negative" % (where, key))
    return v


def number(d, key, where):
    v = want(d, key, (int, float), where)
    if not math.isfinite(v):
        fail("%s: %r not finite" % (where, key))
    return v


def messages(path):
    with open(path, "rb") as f:
        raw = list(msgpack.Unpacker(f, raw=False))
    out = []
    for i, m in enumerate(raw):
        if not isinstance(m, bytes):
            fail("message %d: nngcat gave %r, not bin" % (i, type(m)))
        out.append(m)
    return out


def split(i, m):
    nul = m.find(b"\0")
    if nul < 0 or nul > 4 + 31 + 1 + 16:
        fail("message %d: no topic NUL" % i)
    topic = m[:nul].decode("ascii")
    body = msgpack.unpackb(m[nul + 1:], raw=False)
    return topic, body


def envelope(body, where, venue):
    if not isinstance(body, dict):
        fail("%s: body is not a map" % where)
    if uint(body, "v", where) != 1:
        fail("%s: v != 1" % where)
    if want(body, "venue", str, where) != venue:
        fail("%s: venue %r" % (where, body["venue"]))
    uint(body, "seq", where)
    epoch = uint(body, "epoch", where)
    ts = uint(body, "ts", where)
    now = time.time() * 1000
    if not (epoch <= ts <= now + 5000 and ts > now - 600000):
        fail("%s: ts %d / epoch %d not a recent Unix ms time" % (where, ts,
             epoch))
    kind = want(body, "kind", str, where)
    if kind not in KINDS:
        fail("%s: unknown kind %r" % (where, kind))
    return kind


def check_hello(b, where):
    want(b, "agent", str, where)
    want(b, "name", str, where)
    if uint(b, "hb_ms", where) == 0:
        fail("%s: hb_ms 0" % where)
    uint(b, "uptime_ms", where)


def check_layout(b, where):
    want(b, "name", str, where)
    grid = want(b, "grid", list, where)
    if len(grid) != 2 or not all(isinstance(x, int) and 1 <= x <= 256
                                 for x in grid):
        fail("%s: grid %r" % (where, grid))
    kinds = {}
    for j, z in enumerate(want(b, "zones", list, where)):
        w = "%s.zones[%d]" % (where, j)
        zid = want(z, "id", str, w)
        want(z, "name", str, w)
        rect = want(z, "rect", list, w)
        if len(rect) != 4 or rect[0] + rect[2] > grid[0] or \
                rect[1] + rect[3] > grid[1]:
            fail("%s: rect %r outside grid %r" % (w, rect, grid))
        if number(z, "area_m2", w) <= 0:
            fail("%s: area_m2 <= 0" % w)
        zk = want(z, "zkind", str, w)
        if zk not in ("walkway", "standing", "queue"):
            fail("%s: zkind %r" % (w, zk))
        uint(z, "capacity", w)
        kinds[zid] = zk
    if not kinds:
        fail("%s: no zones" % where)
    return kinds


def check_zone(b, where, kinds=None):
    zid = want(b, "zone", str, where)
    uint(b, "count", where)
    d = number(b, "density", where)
    if d < 0:
        fail("%s: negative density" % where)
    letter = want(b, "band", str, where)
    if letter not in "ABCDEF" or len(letter) != 1:
        fail("%s: band %r" % (where, letter))
    uint(b, "t", where)
    if kinds is not None and zid in kinds and band(d, kinds[zid]) != letter:
        fail("%s: band %s but density %.3f in a %s zone is %s" % (
             where, letter, d, kinds[zid], band(d, kinds[zid])))
    return zid


def cmd_stream(path, venue, min_msgs=10):
    min_msgs = int(min_msgs)
    msgs = messages(path)
    if len(msgs) < min_msgs:
        fail("only %d messages" % len(msgs))
    last = None
    seen = {}
    for i, m in enumerate(msgs):
        topic, b = split(i, m)
        where = "message %d (%s)" % (i, topic)
        kind = envelope(b, where, venue)
        if topic != "foh/%s/%s" % (venue, kind):
            fail("%s: topic does not match kind %s" % (where, kind))
        if last is not None and b["seq"] != last + 1:
            fail("%s: seq %d after %d" % (where, b["seq"], last))
        last = b["seq"]
        seen[kind] = seen.get(kind, 0) + 1
        if kind in ("hello", "heartbeat"):
            check_hello(b, where)
        elif kind == "zone":
            check_zone(b, where)
        elif kind == "layout":
            check_layout(b, where)
    if "zone" not in seen or "heartbeat" not in seen:
        fail("kinds seen %r: want zone and heartbeat" % seen)
    print("ok: %d messages, seq consecutive to %d, kinds %s" % (
          len(msgs), last, ", ".join("%s=%d" % kv
                                     for kv in sorted(seen.items()))))


def cmd_only(path, venue, kind):
    msgs = messages(path)
    for i, m in enumerate(msgs):
        topic, b = split(i, m)
        if topic != "foh/%s/%s" % (venue, kind) or \
                envelope(b, "message %d" % i, venue) != kind:
            fail("message %d: %s leaked through a %s subscription" % (
                 i, topic, kind))
    print("ok: %d messages, all %s" % (len(msgs), kind))


def cmd_request(path, op, venue=None):
    # A distinct id per op: the agent answers a repeated (operator, id)
    # with its first answer (PROTOCOL.md, idempotent requests).
    rid = 7 + sum(ord(c) for c in op)
    req = {"v": 1, "kind": "request", "id": rid, "op": op, "operator": "e2e",
           "x-future-key": [1, 2, 3]}
    if venue is not None:
        req["venue"] = venue
    with open(path, "wb") as f:
        f.write(msgpack.packb(req))


def answer(path):
    msgs = messages(path)
    if len(msgs) != 1:
        fail("%d answers, want 1" % len(msgs))
    b = msgpack.unpackb(msgs[0], raw=False)
    if not isinstance(b, dict):
        fail("answer not a map")
    return b


def cmd_snapshot(path, venue):
    b = answer(path)
    if envelope(b, "snapshot", venue) != "snapshot":
        fail("answer kind %r" % b.get("kind"))
    check_hello(want(b, "hello", dict, "snapshot"), "snapshot.hello")
    kinds = check_layout(want(b, "layout", dict, "snapshot"),
                         "snapshot.layout")
    zones = want(b, "zones", list, "snapshot")
    for j, z in enumerate(zones):
        check_zone(z, "snapshot.zones[%d]" % j, kinds)
    if len(zones) != len(kinds):
        fail("snapshot: %d samples for %d zones" % (len(zones), len(kinds)))
    for key in ("equip", "drift", "alerts"):
        want(b, key, list, "snapshot")
    print("ok: snapshot seq %d, %d zones %s" % (b["seq"], len(kinds),
          ", ".join(sorted(kinds))))


def cmd_error(path, code, field):
    b = answer(path)
    if b.get("kind") != "error":
        fail("answer kind %r, want error" % b.get("kind"))
    # "field" is optional: absent means "" (PROTOCOL.md 6.10).
    got_field = b.get("field", "")
    if not isinstance(got_field, str):
        fail("error: field %r is not a str" % (got_field,))
    if want(b, "code", str, "error") != code or got_field != field:
        fail("error %r/%r, want %s/%s" % (b["code"], got_field, code,
             field))
    text = want(b, "text", str, "error")
    uint(b, "id", "error")
    print("ok: error %s on %s: %s" % (code, field, text))


def main(argv):
    cmds = {"stream": cmd_stream, "only": cmd_only, "request": cmd_request,
            "snapshot": cmd_snapshot, "error": cmd_error}
    return foh_test.run_commands(argv, cmds, __doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
