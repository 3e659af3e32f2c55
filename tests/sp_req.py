#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""A REQ client for nng's ipc transport, from the SP wire format alone
(nng's docs: the SP header, then each message as a 0x01 byte, a 64-bit
big-endian length and the payload; REQ payloads start with a 32-bit request
id, high bit set). Lets a test send thousands of control requests fast and
see the exact bytes of each answer, which nngcat cannot.

  sp_req.py SOCKET_PATH flood N REQUEST_JSON
      send the request N times, its id counting up from the one given (so
      no answer memory can absorb them); print a JSON summary of the
      answers' codes
  sp_req.py SOCKET_PATH ask REQUEST_JSON
      send it once; print the answer as one JSON line
  sp_req.py SOCKET_PATH hex REQUEST_JSON
      send it once; print the answer's bytes in hex
  sp_req.py SOCKET_PATH send REQUEST_JSON
      send it once and hang up without reading: its answer is lost
  sp_req.py SOCKET_PATH raw HEX
      send those bytes once (any, even not msgpack); print the answer as
      one JSON line
"""
import json
import socket
import struct
import sys

import msgpack

REQ, REP = 0x30, 0x31


class Req:
    """One REQ connection to an ipc:// REP socket."""

    def __init__(self, path, timeout=10.0):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(timeout)
        self.s.connect(path)
        self.s.sendall(b"\0SP\0" + struct.pack(">H", REQ) + b"\0\0")
        hdr = self._read(8)
        if hdr[:4] != b"\0SP\0" or struct.unpack(">H", hdr[4:6])[0] != REP:
            raise IOError("not a REP peer: %r" % hdr)
        self.rid = 0x80000001

    def _read(self, n):
        buf = b""
        while len(buf) < n:
            got = self.s.recv(n - len(buf))
            if not got:
                raise EOFError("peer closed")
            buf += got
        return buf

    def send(self, body):
        """Send body as a request; return its request id."""
        rid = self.rid
        self.rid = 0x80000000 | ((self.rid + 1) & 0x7fffffff)
        payload = struct.pack(">I", rid) + body
        self.s.sendall(b"\x01" + struct.pack(">Q", len(payload)) + payload)
        return rid

    def ask(self, body):
        """Send body; return the answer's body (bytes)."""
        rid = self.send(body)
        while True:
            t, n = struct.unpack(">BQ", self._read(9))
            msg = self._read(n)
            if struct.unpack(">I", msg[:4])[0] == rid:
                return msg[4:]

    def close(self):
        self.s.close()


def main(argv):
    path, mode = argv[1], argv[2]
    r = Req(path[len("ipc://"):] if path.startswith("ipc://") else path)
    if mode == "flood":
        n, req = int(argv[3]), json.loads(argv[4])
        codes = {}
        for i in range(n):
            body = dict(req, id=req.get("id", 1) + i)
            a = msgpack.unpackb(r.ask(msgpack.packb(body)), raw=False)
            c = a.get("code") or a.get("status")
            codes[c] = codes.get(c, 0) + 1
        print(json.dumps(codes, sort_keys=True))
    elif mode == "send":
        r.send(msgpack.packb(json.loads(argv[3])))
    elif mode == "hex":
        print(r.ask(msgpack.packb(json.loads(argv[3]))).hex())
    elif mode in ("ask", "raw"):
        body = (msgpack.packb(json.loads(argv[3])) if mode == "ask"
                else bytes.fromhex(argv[3]))
        print(json.dumps(msgpack.unpackb(r.ask(body), raw=False),
                         sort_keys=True))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    r.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
