#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""An outside producer for fohd's ingest, written from proto/PROTOCOL.md
("Ingest") alone, with Debian's python3-websockets and python3-msgpack.

  ingest_client.py send URL TOKEN JSON...     send frames, print answers
  ingest_client.py corpus URL TOKEN           the bad-frame corpus: every
                                              frame gets its error answer
  ingest_client.py refused URL [TOKEN]        the upgrade is refused (401)
  ingest_client.py metric METRICS_URL NAME [LABELS]
                                              print one sample's value
  ingest_client.py pack FILE JSON             write a reading as msgpack
"""
import asyncio
import json
import sys
import urllib.request

import msgpack
import websockets

import foh_test


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def headers(token):
    return {"Authorization": "Bearer " + token} if token else {}


async def exchange(url, token, frames):
    answers = []
    async with websockets.connect(url, extra_headers=headers(token),
                                  max_size=None) as ws:
        for f in frames:
            await ws.send(f)
            answers.append(json.loads(await ws.recv()))
    return answers


def cmd_send(url, token, *frames):
    for a in asyncio.run(exchange(url, token, list(frames))):
        print(json.dumps(a, sort_keys=True))


# Each bad frame, the answer's first error's code and field, and how many
# readings of the frame must still be accepted.
CORPUS = [
    ("bad JSON", '{"kind": "zone_count", "zone": ', "json", "", 0),
    ("not an object", '"hello"', "type", "", 0),
    ("wrong type", '{"kind":"zone_count","zone":"dance","count":"many"}',
     "type", "count", 0),
    ("unknown zone", '{"kind":"zone_count","zone":"attic","count":5}',
     "unknown_id", "zone", 0),
    ("negative count", '{"kind":"zone_count","zone":"dance","count":-4}',
     "range", "count", 0),
    ("huge count",
     '{"kind":"zone_count","zone":"dance","count":99999999999}',
     "range", "count", 0),
    ("fractional count",
     '{"kind":"zone_count","zone":"dance","count":1.5}', "type", "count", 0),
    ("NaN", '{"kind":"zone_count","zone":"dance","count":NaN}', "json", "",
     0),
    ("missing kind", '{"zone":"dance","count":5}', "missing", "kind", 0),
    ("unknown kind", '{"kind":"teleport","zone":"dance"}', "unknown_kind",
     "kind", 0),
    ("one bad among good",
     '[{"kind":"zone_count","zone":"dance","count":5},'
     '{"kind":"zone_count","zone":"bar","count":-1},'
     '{"kind":"zone_count","zone":"door","count":7}]', "range", "count", 2),
    ("oversized", '[' + ','.join(['{"kind":"zone_count","zone":"dance",'
                                 '"count":5}'] * 3000) + ']',
     "oversized", "", 0),
]


async def corpus(url, token):
    async with websockets.connect(url, extra_headers=headers(token),
                                  max_size=None) as ws:
        for name, frame, code, field, accepted in CORPUS:
            await ws.send(frame)
            a = json.loads(await ws.recv())
            errs = a.get("errors", [])
            if not errs:
                fail("%s: no error in %r" % (name, a))
            e = errs[0]
            if e.get("code") != code or e.get("field", "") != field:
                fail("%s: got %s/%s (%s), want %s/%s" % (
                     name, e.get("code"), e.get("field"), e.get("reason"),
                     code, field))
            if a.get("accepted") != accepted:
                fail("%s: accepted %r, want %d" % (name, a.get("accepted"),
                                                   accepted))
            if not e.get("reason"):
                fail("%s: no reason" % name)
            # A whole frame refused is one refusal, wherever it was caught.
            if e.get("index") == -1 and (a.get("rejected") != 1 or
                                         len(errs) != 1):
                fail("%s: frame refused with rejected %r, want 1 (%r)" % (
                     name, a.get("rejected"), a))
            print("ok: %-20s -> %s %s: %s" % (name, code, field or "-",
                                               e["reason"]))
        # The connection and fohd still serve.
        await ws.send('{"kind":"zone_count","zone":"dance","count":42}')
        a = json.loads(await ws.recv())
        if a.get("accepted") != 1:
            fail("good frame after the corpus: %r" % a)
        print("ok: still serving after %d bad frames" % len(CORPUS))


def cmd_corpus(url, token):
    asyncio.run(corpus(url, token))


async def refused(url, token):
    try:
        async with websockets.connect(url, extra_headers=headers(token)):
            pass
    except websockets.exceptions.InvalidStatusCode as e:
        if e.status_code != 401:
            fail("status %d, want 401" % e.status_code)
        print("ok: upgrade refused with 401")
        return
    fail("upgrade was accepted")


def cmd_refused(url, token=""):
    asyncio.run(refused(url, token))


def cmd_metric(url, name, labels=""):
    text = urllib.request.urlopen(url, timeout=5).read().decode()
    want = name + ("{" + labels + "}" if labels else "")
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        key, _, value = line.rpartition(" ")
        if key == want:
            print(value)
            return
    print("absent")


def cmd_pack(path, text):
    with open(path, "wb") as f:
        f.write(msgpack.packb(json.loads(text)))


def main(argv):
    cmds = {"send": cmd_send, "corpus": cmd_corpus, "refused": cmd_refused,
            "metric": cmd_metric, "pack": cmd_pack}
    return foh_test.run_commands(argv, cmds, __doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
