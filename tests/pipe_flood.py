#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""pipe_flood.py: hold many nng (SP over TCP) connections open to fohd.

  pipe_flood.py HOST PORT N PROTO SUMMARY STOPFILE

Opens N TCP connections to HOST:PORT at once; each sends the 8-byte SP
header of protocol number PROTO (48: a REQ, the peer of fohd's control
REP) and reads fohd's header, so that nng makes it a pipe; then it says
nothing more. Writes SUMMARY, one line "NHELLO NOTHER" (got fohd's header,
anything else), and holds every connection open until STOPFILE exists (or
120 s pass). Every wait has a deadline. Run with Debian's python3.
"""
import asyncio
import os
import resource
import sys


async def one(host, port, proto, held):
    """Open one connection and exchange headers; keep it in held."""
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection(host, port),
                                      10)
    except (OSError, asyncio.TimeoutError):
        return "other"
    held.append(w)
    try:
        w.write(b"\0SP\0" + proto.to_bytes(2, "big") + b"\0\0")
        await w.drain()
        hdr = await asyncio.wait_for(r.readexactly(8), 10)
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
        return "other"
    return "hello" if hdr[:4] == b"\0SP\0" else "other"


async def main(host, port, n, proto, summary, stop):
    held = []
    res = await asyncio.gather(*[one(host, port, proto, held)
                                 for _ in range(n)])
    with open(summary + ".tmp", "w") as f:
        f.write("%d %d\n" % (res.count("hello"), res.count("other")))
    os.rename(summary + ".tmp", summary)
    for _ in range(2400):
        if os.path.exists(stop):
            break
        await asyncio.sleep(0.05)
    for w in held:
        w.close()


if __name__ == "__main__":
    host, port, n, proto, summary, stop = sys.argv[1:7]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = int(n) + 64
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    asyncio.run(main(host, int(port), int(n), int(proto), summary, stop))
