# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""ws_client.py: a small client of fohd's ingest and HTTP side, for tests.

Run with Debian's python3 (python3-websockets 10.x, asyncio API):

  ws_client.py send URL [--token T] [--burst] [--fragments K] MSG...
      Connect to URL, send each MSG as one message and print each answer
      on its own line, in order. A MSG of only digits N is N bytes of "x";
      anything else is sent as text. --burst sends every message before
      reading any answer; --fragments K splits each message into K
      fragments. All messages go over the same connection.
  ws_client.py refused URL [--token T]
      Expect the upgrade to be refused: print the HTTP status, exit 0 on
      401, 1 otherwise.
  ws_client.py subproto URL NAME [--token T] [MSG]
      Upgrade asking for the subprotocol NAME. Print "accepted P" (P the
      subprotocol the server chose, "-" for none) and the answer to MSG
      (default "1"), or "status N" if the upgrade was refused with HTTP N,
      or "closed" if the connection was dropped. Exit 0 in all three cases,
      1 on a timeout or anything else.
  ws_client.py http URL [--post]
      GET (or POST) URL, print "status N" then the body; exit 0 whatever
      the status (the caller checks it).

Every wait has a deadline (--timeout, 10 s): nothing hangs a test.
"""

import argparse
import asyncio
import sys
import urllib.error
import urllib.request

import websockets
import websockets.exceptions


def headers(token):
    """The Authorization header for token, if any."""
    return {"Authorization": "Bearer " + token} if token else {}


def payload(spec):
    """A message from its command-line spec."""
    return "x" * int(spec) if spec.isdigit() else spec


def pieces(msg, k):
    """msg as k fragments (fewer if it is shorter)."""
    if k <= 1 or len(msg) < 2:
        return msg
    k = min(k, len(msg))
    step = (len(msg) + k - 1) // k
    return [msg[i:i + step] for i in range(0, len(msg), step)]


async def send(args):
    """Send messages and print the answers."""
    msgs = [payload(s) for s in args.msg]
    async with websockets.connect(args.url, extra_headers=headers(args.token),
                                  compression=None, max_size=None,
                                  open_timeout=args.timeout) as ws:
        if args.burst:
            for m in msgs:
                await ws.send(pieces(m, args.fragments))
            for _ in msgs:
                print(await asyncio.wait_for(ws.recv(), args.timeout))
        else:
            for m in msgs:
                await ws.send(pieces(m, args.fragments))
                print(await asyncio.wait_for(ws.recv(), args.timeout))
    return 0


async def refused(args):
    """Expect a 401 refusal of the upgrade."""
    try:
        async with websockets.connect(args.url,
                                      extra_headers=headers(args.token),
                                      compression=None,
                                      open_timeout=args.timeout):
            print("accepted")
            return 1
    except websockets.exceptions.InvalidStatusCode as e:
        print("status %d" % e.status_code)
        return 0 if e.status_code == 401 else 1


async def subproto(args):
    """Ask for one subprotocol by name; say what came of it."""
    try:
        async with websockets.connect(args.url,
                                      extra_headers=headers(args.token),
                                      subprotocols=[args.name],
                                      compression=None,
                                      open_timeout=args.timeout) as ws:
            print("accepted %s" % (ws.subprotocol or "-"))
            await ws.send(payload(args.msg))
            print(await asyncio.wait_for(ws.recv(), args.timeout))
    except websockets.exceptions.InvalidStatusCode as e:
        print("status %d" % e.status_code)
    except (websockets.exceptions.ConnectionClosed,
            websockets.exceptions.InvalidHandshake, ConnectionError,
            EOFError) as e:
        print("closed (%s)" % type(e).__name__)
    return 0


def http(args):
    """Fetch URL and print its status and body."""
    data = b"x" if args.post else None
    try:
        with urllib.request.urlopen(args.url, data=data,
                                    timeout=args.timeout) as r:
            status, body = r.status, r.read()
            ctype = r.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
        ctype = e.headers.get("Content-Type", "")
    print("status %d" % status)
    print("content-type %s" % ctype)
    sys.stdout.write(body.decode("utf-8", "replace"))
    return 0


def main():
    p = argparse.ArgumentParser(prog="ws_client.py")
    p.add_argument("--timeout", type=float, default=10.0)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("send")
    s.add_argument("url")
    s.add_argument("--token")
    s.add_argument("--burst", action="store_true")
    s.add_argument("--fragments", type=int, default=1)
    s.add_argument("msg", nargs="+")
    r = sub.add_parser("refused")
    r.add_argument("url")
    r.add_argument("--token")
    sp = sub.add_parser("subproto")
    sp.add_argument("url")
    sp.add_argument("name")
    sp.add_argument("--token")
    sp.add_argument("msg", nargs="?", default="1")
    h = sub.add_parser("http")
    h.add_argument("url")
    h.add_argument("--post", action="store_true")
    args = p.parse_args()

    if args.cmd == "send":
        return asyncio.run(send(args))
    if args.cmd == "refused":
        return asyncio.run(refused(args))
    if args.cmd == "subproto":
        return asyncio.run(subproto(args))
    return http(args)


if __name__ == "__main__":
    sys.exit(main())
