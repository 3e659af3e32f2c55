#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""conn_flood.py: hold many idle WebSocket connections open to fohd.

  conn_flood.py HOST PORT N TOKEN SUMMARY STOPFILE

Opens N TCP connections to HOST:PORT at once, each sending a WebSocket
upgrade for /ingest with the bearer TOKEN, and reads each answer's status
line. Then writes SUMMARY, one line "N101 N503 NCLOSED NOTHER" (upgraded,
refused busy, closed by the server without an answer, anything else), and
holds every connection open, sending nothing, until STOPFILE exists (or
120 s pass). Every wait has a deadline. Run with Debian's python3.
"""
import asyncio
import sys

import foh_test

REQUEST = ("GET /ingest HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           "Authorization: Bearer %s\r\n\r\n")


async def one(host, port, token, held):
    """Open one connection and upgrade; keep its writer in held if it
    stays."""
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection(host, port),
                                      10)
    except (OSError, asyncio.TimeoutError):
        return "closed"
    try:
        w.write((REQUEST % (host, port, token)).encode())
        await w.drain()
        line = await asyncio.wait_for(r.readline(), 10)
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError):
        w.close()
        return "closed"
    if not line:
        w.close()
        return "closed"
    parts = line.split()
    status = parts[1].decode() if len(parts) > 1 else "?"
    held.append(w)
    return {"101": "101", "503": "503"}.get(status, "other")


if __name__ == "__main__":
    host, port, n, token, summary, stop = sys.argv[1:7]
    foh_test.nofile_at_least(int(n) + 64)
    asyncio.run(foh_test.flood(
        int(n), lambda held: one(host, int(port), token, held),
        ("101", "503", "closed", "other"), summary, stop))
