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
import sys

import foh_test


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


if __name__ == "__main__":
    host, port, n, proto, summary, stop = sys.argv[1:7]
    foh_test.nofile_at_least(int(n) + 64)
    asyncio.run(foh_test.flood(
        int(n), lambda held: one(host, int(port), int(proto), held),
        ("hello", "other"), summary, stop))
