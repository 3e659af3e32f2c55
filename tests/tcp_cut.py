#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""tcp_cut.py HOST PORT FLAG: a TCP proxy for the tests, to cut a link.

Listens on 127.0.0.1 on a port the system chooses (printed on stdout,
then a newline) and forwards every connection to HOST:PORT. While the
file FLAG exists the link is cut: every forwarded connection is closed
and a new one is accepted and closed at once; when FLAG is gone again,
connections are forwarded again. One thread, one select loop, looking
at FLAG every 50 ms.
"""
import os
import selectors
import socket
import sys


def main(argv):
    host, port, flag = argv[1], int(argv[2]), argv[3]
    lsock = socket.socket()
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(64)
    print(lsock.getsockname()[1], flush=True)
    sel = selectors.DefaultSelector()
    sel.register(lsock, selectors.EVENT_READ, None)
    peer = {}

    def drop(s):
        for x in (s, peer.get(s)):
            if x is None:
                continue
            try:
                sel.unregister(x)
            except (KeyError, ValueError):
                pass
            x.close()
            peer.pop(x, None)

    while True:
        cut = os.path.exists(flag)
        if cut:
            for s in list(peer):
                drop(s)
        for key, _ in sel.select(0.05):
            s = key.fileobj
            if s is lsock:
                c, _ = lsock.accept()
                if cut:
                    c.close()
                    continue
                u = socket.socket()
                try:
                    u.connect((host, port))
                except OSError:
                    c.close()
                    u.close()
                    continue
                peer[c], peer[u] = u, c
                sel.register(c, selectors.EVENT_READ, None)
                sel.register(u, selectors.EVENT_READ, None)
                continue
            if s not in peer:
                continue
            try:
                data = s.recv(65536)
            except OSError:
                data = b""
            if not data:
                drop(s)
                continue
            try:
                peer[s].sendall(data)
            except OSError:
                drop(s)


if __name__ == "__main__":
    try:
        main(sys.argv)
    except KeyboardInterrupt:
        pass
