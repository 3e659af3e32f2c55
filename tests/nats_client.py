# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""tests/nats_client.py: an outside NATS client for foh's tests, written from
the specs alone (the NATS client protocol, JetStream's JSON API and foh's
PROTOCOL.md section 14), with Debian's python3 and python3-msgpack only: it
shares no code with libnats or foh.

It speaks the protocol itself over a socket: INFO, CONNECT (headers true),
PUB, HPUB, SUB, UNSUB, MSG, HMSG, PING, PONG, +OK, -ERR; TLS with a client
certificate through the ssl module (the server's INFO says tls_required,
then the client upgrades). JetStream through its JSON API, with a domain
prefix ($JS.DOMAIN.API): STREAM.INFO, STREAM.MSG.GET, CONSUMER.CREATE (an
ephemeral push consumer by start sequence or time).

    nats_client.py [TLS] pub URL SUBJECT [BODY-JSON]
        publish (msgpack of BODY-JSON, or nothing); print "ok" or the -ERR
    nats_client.py [TLS] sub URL SUBJECT COUNT SECONDS
        print up to COUNT messages (a JSON line each: subject, headers, body
        decoded from msgpack) or stop after SECONDS without one; print
        "-ERR ..." if the server refuses the subscription
    nats_client.py [TLS] request URL SUBJECT BODY-JSON [SECONDS]
        a request; print the answer as a JSON line, "-ERR ..." or "timeout"
    nats_client.py [TLS] [--domain D] stream-info URL STREAM
    nats_client.py [TLS] [--domain D] stream-get URL STREAM SEQ
    nats_client.py [TLS] [--domain D] replay URL STREAM FIRST-SEQ COUNT
        JetStream: the JSON answer / the stored message / COUNT messages from
        FIRST-SEQ through a consumer, each as a JSON line like sub's
    nats_client.py [TLS] venue URL VENUE STREAM N
        a light fohd: hello, then N heartbeats, as PROTOCOL.md 14 publishes
        them into STREAM (headers Foh-Epoch, Foh-Seq, Foh-Stream-Seq,
        Nats-Msg-Id, Nats-Expected-Last-Sequence); prints the PubAcks' count
    TLS = --ca FILE --cert FILE --key FILE

URL: nats://HOST:PORT or tls://HOST:PORT. Exit status 0 on success, 1 when
the server refused (the -ERR is printed), 2 on a usage or transport error.
"""

import json
import os
import socket
import ssl
import sys
import time

import msgpack


class NatsError(Exception):
    """A -ERR from the server, or the connection lost."""


class Msg:
    """One MSG or HMSG: subject, reply, headers (dict, last value wins),
    status (the NATS/1.0 line's code, "" if none) and the payload bytes."""

    def __init__(self, subject, reply, headers, status, data, sid=0):
        self.sid = sid
        self.subject = subject
        self.reply = reply
        self.headers = headers
        self.status = status
        self.data = data

    def body(self):
        """The payload decoded as msgpack (None if it is not)."""
        if not self.data:
            return None
        try:
            return msgpack.unpackb(self.data, raw=False)
        except Exception:
            return None

    def to_json(self):
        """The message as a JSON-friendly dict."""
        b = self.body()
        if b is None and self.data:
            try:
                b = json.loads(self.data)
            except Exception:
                b = self.data.decode("utf-8", "replace")
        return {"subject": self.subject, "reply": self.reply,
                "status": self.status, "headers": self.headers, "body": b}


def parse_headers(raw):
    """The status code and the headers of an HMSG's header block."""
    lines = raw.decode("utf-8", "replace").split("\r\n")
    first = lines[0].split(" ", 2)
    status = first[1] if len(first) > 1 else ""
    hdrs = {}
    for ln in lines[1:]:
        if not ln or ":" not in ln:
            continue
        k, v = ln.split(":", 1)
        hdrs[k.strip()] = v.strip()
    return status, hdrs


def build_headers(hdrs):
    """A header block for HPUB from a dict."""
    out = "NATS/1.0\r\n"
    for k, v in hdrs.items():
        out += "%s: %s\r\n" % (k, v)
    return (out + "\r\n").encode()


class Conn:
    """One client connection. Not thread-safe; everything is synchronous."""

    def __init__(self, url, ca=None, cert=None, key=None, name="nats_client.py",
                 timeout=10.0):
        scheme, _, rest = url.partition("://")
        if scheme not in ("nats", "tls") or not rest:
            raise ValueError("URL %r: nats://HOST:PORT or tls://HOST:PORT" % url)
        hostport = rest.split("/", 1)[0]
        host, _, port = hostport.rpartition(":")
        self.host = host
        self.sock = socket.create_connection((host, int(port)), timeout)
        self.sock.settimeout(timeout)
        self.buf = b""
        self.sid = 0
        self.errors = []        # every -ERR seen, in order
        self.pending = []       # messages read while waiting for something else
        self.inbox_n = 0
        line = self._line()
        if not line.startswith(b"INFO "):
            raise NatsError("no INFO: %r" % line[:80])
        self.info = json.loads(line[5:])
        if scheme == "tls" or self.info.get("tls_required"):
            ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=ca)
            if cert:
                ctx.load_cert_chain(cert, key)
            self.sock = ctx.wrap_socket(self.sock, server_hostname=host)
        connect = {"verbose": False, "pedantic": False, "headers": True,
                   "no_responders": True, "protocol": 1, "name": name,
                   "lang": "python-foh-test", "version": "1", "echo": True,
                   "tls_required": bool(self.info.get("tls_required"))}
        self._send(b"CONNECT " + json.dumps(connect).encode() + b"\r\n")
        self.flush()

    # -- framing --

    def _send(self, data):
        self.sock.sendall(data)

    def _fill(self):
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            raise
        if not chunk:
            raise NatsError("connection closed by the server")
        self.buf += chunk

    def _line(self):
        while b"\r\n" not in self.buf:
            self._fill()
        line, _, self.buf = self.buf.partition(b"\r\n")
        return line

    def _bytes(self, n):
        while len(self.buf) < n + 2:
            self._fill()
        data = self.buf[:n]
        self.buf = self.buf[n + 2:]
        return data

    def _read(self):
        """Read one protocol line; return a Msg, "PONG", or None."""
        line = self._line()
        if line.startswith(b"MSG "):
            p = line.split()
            subj, sid = p[1].decode(), p[2]
            reply = p[3].decode() if len(p) == 5 else ""
            data = self._bytes(int(p[-1]))
            return Msg(subj, reply, {}, "", data, int(sid))
        if line.startswith(b"HMSG "):
            p = line.split()
            subj = p[1].decode()
            reply = p[3].decode() if len(p) == 6 else ""
            hlen, tlen = int(p[-2]), int(p[-1])
            raw = self._bytes(tlen)
            status, hdrs = parse_headers(raw[:hlen])
            return Msg(subj, reply, hdrs, status, raw[hlen:], int(p[2]))
        if line == b"PING":
            self._send(b"PONG\r\n")
            return None
        if line == b"PONG":
            return "PONG"
        if line.startswith(b"-ERR"):
            err = line.decode("utf-8", "replace")
            self.errors.append(err)
            if "Permissions Violation" not in err:
                raise NatsError(err)
            return None
        if line.startswith(b"INFO ") or line == b"+OK":
            return None
        raise NatsError("unexpected: %r" % line[:80])

    def flush(self):
        """PING and wait for the PONG; raise on a fatal -ERR. Messages that
        arrive meanwhile are kept for next_msg."""
        self._send(b"PING\r\n")
        while True:
            r = self._read()
            if r == "PONG":
                return
            if isinstance(r, Msg):
                self.pending.append(r)

    def refused(self, since):
        """The permission -ERRs seen after the first `since` errors."""
        return [e for e in self.errors[since:] if "Permissions Violation" in e]

    # -- operations --

    def sub(self, subject):
        """Subscribe; returns the sid."""
        self.sid += 1
        self._send(("SUB %s %d\r\n" % (subject, self.sid)).encode())
        return self.sid

    def unsub(self, sid):
        self._send(("UNSUB %d\r\n" % sid).encode())

    def pub(self, subject, data=b"", reply="", headers=None):
        r = (" " + reply) if reply else ""
        if headers:
            h = build_headers(headers)
            self._send(("HPUB %s%s %d %d\r\n" % (subject, r, len(h),
                        len(h) + len(data))).encode() + h + data + b"\r\n")
        else:
            self._send(("PUB %s%s %d\r\n" % (subject, r, len(data))).encode()
                       + data + b"\r\n")

    def next_msg(self, timeout):
        """The next message within timeout seconds, or None."""
        if self.pending:
            return self.pending.pop(0)
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            self.sock.settimeout(left)
            try:
                r = self._read()
            except socket.timeout:
                return None
            if isinstance(r, Msg):
                return r

    def new_inbox(self):
        self.inbox_n += 1
        return "_INBOX.%s.%d" % (os.urandom(6).hex(), self.inbox_n)

    def request(self, subject, data=b"", timeout=5.0, headers=None):
        """A request: the answer Msg, or None on timeout. A permission -ERR
        raises NatsError."""
        inbox = self.new_inbox()
        sid = self.sub(inbox)
        n = len(self.errors)
        self.pub(subject, data, inbox, headers)
        self.flush()
        if self.refused(n):
            self.unsub(sid)
            raise NatsError(self.refused(n)[0])
        end = time.monotonic() + timeout
        others = []
        try:
            while time.monotonic() < end:
                m = self.next_msg(end - time.monotonic())
                if m is None:
                    return None
                if m.sid == sid:
                    return m
                others.append(m)
            return None
        finally:
            self.pending[:0] = others
            self.unsub(sid)

    def close(self):
        try:
            self.sock.close()
        except Exception:
            pass


# -- JetStream --

def js_prefix(domain):
    return "$JS.%s.API" % domain if domain else "$JS.API"


def js_request(c, domain, api, req=None, timeout=5.0):
    """A JetStream API request; the decoded JSON answer."""
    data = json.dumps(req).encode() if req is not None else b""
    m = c.request("%s.%s" % (js_prefix(domain), api), data, timeout)
    if m is None:
        raise NatsError("JetStream %s: no answer" % api)
    if m.status == "503":
        raise NatsError("JetStream %s: no responders" % api)
    return json.loads(m.data)


def stream_info(c, domain, stream):
    return js_request(c, domain, "STREAM.INFO." + stream)


def stream_get(c, domain, stream, seq):
    """The message stored at seq as a dict like Msg.to_json (the stored
    headers decoded), or the API's error."""
    a = js_request(c, domain, "STREAM.MSG.GET." + stream, {"seq": seq})
    if "message" not in a:
        return a
    import base64
    m = a["message"]
    status, hdrs = ("", {})
    if m.get("hdrs"):
        status, hdrs = parse_headers(base64.b64decode(m["hdrs"]))
    data = base64.b64decode(m.get("data", ""))
    return Msg(m["subject"], "", hdrs, status, data).to_json() | {"seq": m["seq"]}


def replay(c, domain, stream, first, count, timeout=10.0):
    """count messages from stream sequence first, through an ephemeral push
    consumer (deliver_policy by_start_sequence, ack none) delivering to an
    inbox of ours: the messages as dicts like Msg.to_json with their stream
    sequence (from the reply subject $JS.ACK....)."""
    inbox = c.new_inbox()
    sid = c.sub(inbox)
    cfg = {"stream_name": stream, "config": {
        "deliver_subject": inbox, "deliver_policy": "by_start_sequence",
        "opt_start_seq": first, "ack_policy": "none",
        "replay_policy": "instant", "inactive_threshold": 10 * 10**9}}
    a = js_request(c, domain, "CONSUMER.CREATE." + stream, cfg)
    if "error" in a:
        c.unsub(sid)
        raise NatsError("consumer create: %s" % a["error"])
    out = []
    others = []
    end = time.monotonic() + timeout
    while len(out) < count and time.monotonic() < end:
        m = c.next_msg(end - time.monotonic())
        if m is None:
            break
        if m.sid != sid:
            others.append(m)
            continue
        if m.status:            # 100 idle heartbeat / flow control
            if m.reply:
                c.pub(m.reply)
            continue
        d = m.to_json()
        # $JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.<ts>.<pending>
        parts = m.reply.split(".")
        if len(parts) >= 9:
            d["seq"] = int(parts[-4])
        out.append(d)
    c.unsub(sid)
    c.pending[:0] = others
    js_request(c, domain, "CONSUMER.DELETE.%s.%s" % (stream, a["name"]))
    return out


# -- a light venue --

def venue(c, name, stream, n, domain=None):
    """Publish hello and n heartbeats of venue `name` into `stream` as
    PROTOCOL.md 14.2 says, creating the stream first; returns the number of
    PubAcks that name the stream."""
    cfg = {"name": stream, "subjects": ["foh.%s.%s" % (name, k) for k in (
        "hello", "heartbeat", "layout", "zone", "equip", "drift", "alert",
        "gate", "action", "raster")],
        "retention": "limits", "discard": "old", "storage": "file",
        "max_age": 3600 * 10**9, "max_bytes": 64 * 2**20, "num_replicas": 1,
        "duplicate_window": 120 * 10**9}
    a = js_request(c, domain, "STREAM.CREATE." + stream, cfg)
    if "error" in a and a["error"].get("err_code") != 10058:
        raise NatsError("stream create: %s" % a["error"])
    last = stream_info(c, domain, stream)["state"]["last_seq"]
    epoch = int(time.time() * 1000)
    acks = 0
    for seq in range(1, n + 2):
        kind = "hello" if seq == 1 else "heartbeat"
        body = {"v": 1, "venue": name, "seq": seq, "epoch": epoch,
                "ts": int(time.time() * 1000), "kind": kind}
        if kind == "hello":
            body.update({"agent": "nats_client.py", "name": name,
                         "hb_ms": 1000, "uptime_ms": 0})
        sseq = last + seq
        hdrs = {"Foh-Epoch": epoch, "Foh-Seq": seq, "Foh-Stream-Seq": sseq,
                "Nats-Msg-Id": "%s.%d.%d" % (name, epoch, seq),
                "Nats-Expected-Last-Sequence": sseq - 1}
        m = c.request("foh.%s.%s" % (name, kind), msgpack.packb(body), 5.0,
                      hdrs)
        if m is not None and json.loads(m.data).get("stream") == stream:
            acks += 1
    return acks


def main(argv):
    tls = {}
    domain = None
    while argv and argv[0].startswith("--"):
        opt = argv.pop(0)
        if opt in ("--ca", "--cert", "--key", "--domain") and argv:
            val = argv.pop(0)
            if opt == "--domain":
                domain = val
            else:
                tls[opt[2:]] = val
        else:
            print(__doc__, file=sys.stderr)
            return 2
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, url, what = argv[0], argv[1], argv[2]
    rest = argv[3:]
    try:
        c = Conn(url, tls.get("ca"), tls.get("cert"), tls.get("key"))
    except (OSError, NatsError, ssl.SSLError) as e:
        print("connect %s: %s" % (url, e))
        return 2
    try:
        if cmd == "pub":
            data = msgpack.packb(json.loads(rest[0])) if rest else b""
            n = len(c.errors)
            c.pub(what, data)
            c.flush()
            bad = c.refused(n)
            print(bad[0] if bad else "ok")
            return 1 if bad else 0
        if cmd == "sub":
            count, secs = int(rest[0]), float(rest[1])
            n = len(c.errors)
            c.sub(what)
            c.flush()
            if c.refused(n):
                print(c.refused(n)[0])
                return 1
            got = 0
            while got < count:
                m = c.next_msg(secs)
                if c.refused(n):
                    print(c.refused(n)[0])
                    return 1
                if m is None:
                    break
                print(json.dumps(m.to_json()), flush=True)
                got += 1
            return 0
        if cmd == "request":
            data = msgpack.packb(json.loads(rest[0])) if rest else b""
            secs = float(rest[1]) if len(rest) > 1 else 5.0
            try:
                m = c.request(what, data, secs)
            except NatsError as e:
                print(e)
                return 1
            if m is None:
                print("timeout")
                return 1
            if m.status == "503":
                print("no responders")
                return 1
            print(json.dumps(m.to_json()))
            return 0
        if cmd == "stream-info":
            print(json.dumps(stream_info(c, domain, what)))
            return 0
        if cmd == "stream-get":
            print(json.dumps(stream_get(c, domain, what, int(rest[0]))))
            return 0
        if cmd == "replay":
            for d in replay(c, domain, what, int(rest[0]), int(rest[1])):
                print(json.dumps(d))
            return 0
        if cmd == "venue":
            print(venue(c, what, rest[0], int(rest[1]), domain))
            return 0
        print(__doc__, file=sys.stderr)
        return 2
    except NatsError as e:
        print(e)
        return 1
    finally:
        c.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
