#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""A control client for fohd, from proto/PROTOCOL.md alone: builds request
maps with Debian's python3-msgpack and sends each through `nngcat --req`.

  control_client.py CONTROL_URL OP OPERATOR [key=value ...]
      prints the answer as one JSON line; exit 0 on any answer
  control_client.py CONTROL_URL --acks OPERATOR ALERT FIRST_ID
      ack and unack the alert in turn, request ids from FIRST_ID, until
      fohd stops answering; prints "ID STATUS" as each answer arrives
  keys: id, alert, comment, expiry_s, duration_s, reason, deadline_ms, hours
  (ints where the protocol says uint), ids (comma-separated uints; empty:
  an empty array)
"""
import json
import os
import subprocess
import sys
import tempfile

import msgpack

UINTS = {"id", "alert", "expiry_s", "duration_s", "deadline_ms", "hours"}


TIMEOUT = os.environ.get("FOH_CTL_TIMEOUT", "10")


def ask(url, req):
    with tempfile.NamedTemporaryFile(suffix=".req", delete=False) as f:
        f.write(msgpack.packb(req))
        path = f.name
    try:
        # nngcat's own timeout does not cover a dial to a dead peer.
        out = subprocess.run(["nngcat", "--req", "--dial", url, "--file",
                              path, "--msgpack", "--recv-timeout", TIMEOUT],
                             check=True, capture_output=True,
                             timeout=float(TIMEOUT) + 5).stdout
    finally:
        os.unlink(path)
    unp = msgpack.Unpacker(raw=False)
    unp.feed(out)
    body = next(iter(unp))
    return msgpack.unpackb(body, raw=False)


def acks(url, who, alert, first):
    rid = int(first)
    while True:
        op = "ack" if rid % 2 == 0 else "unack"
        req = {"v": 1, "kind": "request", "op": op, "id": rid,
               "operator": who, "alert": int(alert)}
        if op == "ack":
            req["comment"] = "crash test ack %d" % rid
        try:
            a = ask(url, req)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired,
                StopIteration):
            return 0
        print(rid, a.get("status") or a.get("code"), flush=True)
        rid += 1


def main(argv):
    if len(argv) > 2 and argv[2] == "--acks":
        return acks(argv[1], *argv[3:6])
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    url, op, who = argv[1:4]
    req = {"v": 1, "kind": "request", "op": op, "id": 1}
    if who != "-":
        req["operator"] = who
    for kv in argv[4:]:
        k, _, v = kv.partition("=")
        if k == "ids":
            req[k] = [int(x) for x in v.split(",") if x]
        else:
            req[k] = int(v) if k in UINTS else v
    print(json.dumps(ask(url, req), sort_keys=True, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
