# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""http_sink.py: a webhook receiver for the actions' tests (issue 16).

Usage: http_sink.py PORTFILE LOG FAILS
       http_sink.py PORTFILE - closed
       http_sink.py PORTFILE - silent

Listens on 127.0.0.1 on a port of the kernel's choosing (written to
PORTFILE once it listens), answers its first FAILS POSTs 500 and every
later one 204, and appends one JSON line per request to LOG: the method,
path, Content-Type, the status it answered and the body (parsed JSON, or
the text). With "closed": holds a port bound but not listening (every
connection to it is refused, and no other process can take it), written
to PORTFILE, until killed. With "silent": listens but never accepts
(connections complete in the kernel's backlog, the request is taken
there, and no answer ever comes), until killed. Python's standard
library only.
"""

import json
import os
import signal
import socket
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

PORTFILE, LOG = sys.argv[1], sys.argv[2]
MODE = sys.argv[3] if sys.argv[3] in ("closed", "silent") else ""
FAILS = -1 if MODE else int(sys.argv[3])
SEEN = [0]


class Sink(BaseHTTPRequestHandler):
    """One request: recorded, then answered 500 or 204."""

    protocol_version = "HTTP/1.1"

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(n).decode("utf-8", "replace")
        SEEN[0] += 1
        status = 500 if SEEN[0] <= FAILS else 204
        try:
            body = json.loads(raw)
        except ValueError:
            body = raw
        with open(LOG, "a", encoding="utf-8") as f:
            f.write(json.dumps({"method": "POST", "path": self.path,
                                "type": self.headers.get("Content-Type"),
                                "status": status, "body": body}) + "\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    def log_message(self, *args):
        pass


def tell(port):
    """Write the port to PORTFILE, whole or not at all."""
    with open(PORTFILE + ".tmp", "w", encoding="utf-8") as f:
        f.write("%d\n" % port)
    os.rename(PORTFILE + ".tmp", PORTFILE)


def main():
    if MODE:
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        if MODE == "silent":
            s.listen(16)
        tell(s.getsockname()[1])
        signal.pause()
        return
    srv = HTTPServer(("127.0.0.1", 0), Sink)
    tell(srv.server_address[1])
    srv.serve_forever()


if __name__ == "__main__":
    main()
