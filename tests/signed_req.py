#!/usr/bin/python3
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
"""Signed control requests for fohd, from proto/PROTOCOL.md alone: the
request is packed with Debian's python3-msgpack, signed by OpenSSH's own
`ssh-keygen -Y sign -n foh` (never by foh's code), and sent with
`nngcat --req`.

  signed_req.py sign KEY OUT [key=value ...]
      build a request (v 1, kind "request", then the keys in the order
      given), sign its bytes with the private key file KEY, and write the
      "signed" message to OUT, its body to OUT.body and the SSHSIG blob to
      OUT.blob. ts=now, ts=now-600000, ts=now+600000: the wall clock in
      Unix ms, moved. Keys id, alert, ts, deadline_ms, expiry_s and
      duration_s are uints.
  signed_req.py plain OUT [key=value ...]
      the same request, unsigned: OUT holds the request itself
  signed_req.py flip IN OUT
      the signed message IN with the last byte of its body flipped
  signed_req.py send URL FILE
      send FILE's bytes as one request; print the answer as one JSON line,
      with "_hex": the answer's bytes in hex
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import msgpack

UINTS = {"id", "alert", "deadline_ms", "expiry_s", "duration_s", "v"}


def request(pairs):
    """The request map, in the order given, with typed values."""
    req = {"v": 1, "kind": "request"}
    for kv in pairs:
        k, _, v = kv.partition("=")
        if k == "ts" and v.startswith("now"):
            req[k] = int(time.time() * 1000) + int(v[3:] or "0")
        elif k in UINTS or k == "ts":
            req[k] = int(v)
        else:
            req[k] = v
    return req


def dearmor(text):
    """The SSHSIG blob of an armored signature: base64 between the lines."""
    import base64
    lines = [ln.strip() for ln in text.strip().splitlines()]
    assert lines[0] == "-----BEGIN SSH SIGNATURE-----", lines[0]
    assert lines[-1] == "-----END SSH SIGNATURE-----", lines[-1]
    return base64.b64decode("".join(lines[1:-1]))


def sign(key, body):
    """ssh-keygen -Y sign -n foh over body; the blob."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "body")
        with open(path, "wb") as f:
            f.write(body)
        subprocess.run(["ssh-keygen", "-q", "-Y", "sign", "-n", "foh", "-f",
                        key, path], check=True, capture_output=True)
        with open(path + ".sig") as f:
            return dearmor(f.read())


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def send(url, path):
    """One request with nngcat --req; the answer's bytes."""
    out = subprocess.run(["nngcat", "--req", "--dial", url, "--file", path,
                          "--msgpack", "--recv-timeout", "10"],
                         check=True, capture_output=True, timeout=15).stdout
    unp = msgpack.Unpacker(raw=False)
    unp.feed(out)
    return next(iter(unp))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    mode = argv[1]
    if mode == "sign":
        key, out = argv[2], argv[3]
        body = msgpack.packb(request(argv[4:]))
        blob = sign(key, body)
        write(out + ".body", body)
        write(out + ".blob", blob)
        write(out, msgpack.packb({"v": 1, "kind": "signed", "body": body,
                                  "sig": blob}, use_bin_type=True))
    elif mode == "plain":
        write(argv[2], msgpack.packb(request(argv[3:])))
    elif mode == "flip":
        with open(argv[2], "rb") as f:
            m = msgpack.unpackb(f.read(), raw=False)
        body = bytearray(m["body"])
        body[-1] ^= 0x01
        m["body"] = bytes(body)
        write(argv[3], msgpack.packb(m, use_bin_type=True))
    elif mode == "send":
        raw = send(argv[2], argv[3])
        a = msgpack.unpackb(raw, raw=False)
        a["_hex"] = raw.hex()
        print(json.dumps(a, sort_keys=True))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
