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
import os
import resource
import sys

REQUEST = ("GET /ingest HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           "Authorization: Bearer %s\r\n\r\n")


async def one(host, port, token, held):
    """Open one connection and upgrade; keep it in held if it stays."""
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
    held.append((r, w))
    return {"101": "101", "503": "503"}.get(status, "other")


async def main(host, port, n, token, summary, stop):
    held = []
    res = await asyncio.gather(*[one(host, port, token, held)
                                 for _ in range(n)])
    counts = [res.count(k) for k in ("101", "503", "closed", "other")]
    with open(summary + ".tmp", "w") as f:
        f.write(" ".join(str(c) for c in counts) + "\n")
    os.rename(summary + ".tmp", summary)
    for _ in range(2400):
        if os.path.exists(stop):
            break
        await asyncio.sleep(0.05)
    for _, w in held:
        w.close()


if __name__ == "__main__":
    host, port, n, token, summary, stop = sys.argv[1:7]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = int(n) + 64
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))
    asyncio.run(main(host, int(port), int(n), token, summary, stop))
