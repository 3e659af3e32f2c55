#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# PROTOCOL.md's worked example of a signed request holds for OpenSSH: the
# key line, the body and the armored signature are read back from the
# document alone; `ssh-keygen -Y verify -n foh` accepts the signature for
# that body and refuses it for the body with one byte flipped; the blob's
# hex is the armor's base64, and the message sent carries both, as bin.
. "${top_srcdir:-.}/tests/lib.sh"
need "$DEBIAN_PYTHON3" ssh-keygen

"$DEBIAN_PYTHON3" - "$top_srcdir/proto/PROTOCOL.md" "$TEST_DIR" <<'EOP' ||
import base64, os, re, sys
import msgpack
doc = open(sys.argv[1]).read()
out = sys.argv[2]
sec = doc[doc.index("#### Example: signed"):]
sec = sec[:sec.index("\n#### ", 1)]
blocks = re.findall(r"```(\w*)\n(.*?)```", sec, re.S)
plain = [b for k, b in blocks if k == ""]
hexes = [bytes.fromhex(b.replace("\n", " ")) for k, b in blocks if k == "hex"]
key = plain[0].strip()
armor = plain[1]
assert key.startswith("ssh-ed25519 "), key
assert armor.startswith("-----BEGIN SSH SIGNATURE-----\n"), armor
body, blob, msg = hexes[0], hexes[1], hexes[2]
lines = armor.strip().splitlines()
assert base64.b64decode("".join(lines[1:-1])) == blob, "armor != blob hex"
m = msgpack.unpackb(msg, raw=False)
assert m == {"v": 1, "kind": "signed", "body": body, "sig": blob}, m
req = msgpack.unpackb(body, raw=False)
assert req["kind"] == "request" and req["venue"] and req["ts"] and \
    req["id"] and req["operator"], req
open(os.path.join(out, "body"), "wb").write(body)
flipped = bytearray(body)
flipped[-1] ^= 1
open(os.path.join(out, "flipped"), "wb").write(bytes(flipped))
open(os.path.join(out, "body.sig"), "w").write(armor)
open(os.path.join(out, "allowed_signers"), "w").write("example " + key + "\n")
print("ok: the example's parts agree: %d-byte body, %d-byte blob, %d-byte "
      "message" % (len(body), len(blob), len(msg)))
EOP
    fail "the signed example in PROTOCOL.md does not hold together"
ssh-keygen -Y verify -n foh -f "$TEST_DIR/allowed_signers" -I example \
    -s "$TEST_DIR/body.sig" <"$TEST_DIR/body" >"$TEST_DIR/out" 2>&1 ||
    { cat "$TEST_DIR/out" >&2; fail "ssh-keygen -Y verify refuses the example"; }
echo "ok: $(cat "$TEST_DIR/out")"
if ssh-keygen -Y verify -n foh -f "$TEST_DIR/allowed_signers" -I example \
    -s "$TEST_DIR/body.sig" <"$TEST_DIR/flipped" >"$TEST_DIR/out" 2>&1; then
	fail "ssh-keygen -Y verify accepts the example with a byte flipped"
fi
if ssh-keygen -Y verify -n git -f "$TEST_DIR/allowed_signers" -I example \
    -s "$TEST_DIR/body.sig" <"$TEST_DIR/body" >"$TEST_DIR/out" 2>&1; then
	fail "ssh-keygen -Y verify accepts the example under namespace git"
fi
echo "ok: a flipped byte and another namespace are refused"
