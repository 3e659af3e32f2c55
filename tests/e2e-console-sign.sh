#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# What a one-shot `foh ack` sends when it signs, taken by nngcat --rep as
# the receiver, checked by outside tools: ssh-keygen -Y verify accepts the
# signature over the body's exact bytes, and the body names the venue, ts,
# id and operator. Signed through a private ssh-agent (ssh-agent -a), and
# with --identity FILE the same; for a URL the venue comes from the agent's
# answer. Faults: a passphrase-protected key not in the agent is a clear
# error that names ssh-agent; an agent whose key was removed (ssh-add -D)
# or that refuses to sign (a key to confirm, declined) or is gone fails the
# request visibly, and nothing is sent unsigned instead.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT"
. "$top_srcdir/tests/sign-lib.sh"

make_key ana
make_key bob
make_key locked "a passphrase"
agent_start
agent_add ana

n=0
# capture COUNT [ANSWER-FILE]: a fresh nngcat --rep on $cap (ipc) that
# keeps the first COUNT requests in $cap_out and answers each with the
# file's bytes (else "x", which is no message); $conf names it as venue
# club.
capture() {
	n=$((n + 1))
	cap="ipc://$TEST_DIR/cap$n.ctl"
	cap_out="$TEST_DIR/cap$n.bin"
	if [ -n "${2:-}" ]; then
		set -- "$1" --file "$2"
	else
		set -- "$1" --data x
	fi
	"$NNGCAT" --rep --listen "$cap" --count "$@" --raw \
	    >"$cap_out" 2>/dev/null &
	cap_pid=$!
	track $cap_pid
	wait_until 5 test -S "$TEST_DIR/cap$n.ctl" || fail "nngcat did not listen"
	conf="$TEST_DIR/foh$n.conf"
	printf '[console]\noperator = ana\n[venue club]\nstream = %s\ncontrol = %s\n' \
	    "ipc://$TEST_DIR/cap$n.pub" "$cap" >"$conf"
}

# body_ok OUT VENUE: OUT.json is an ack of alert 7 by ana at VENUE, its ts
# this host's wall clock (now, $1 ms), a random id, a deadline 10 s on.
body_ok() {
	"$DEBIAN_PYTHON3" - "$1.json" "$2" "$(now_ms)" <<'EOP'
import json, sys
b = json.load(open(sys.argv[1]))
venue, now = sys.argv[2], int(sys.argv[3])
bad = []
if b.get("kind") != "request" or b.get("op") != "ack" or b.get("alert") != 7:
    bad.append("not an ack of alert 7")
if b.get("venue") != venue:
    bad.append("venue %r, want %r" % (b.get("venue"), venue))
if b.get("operator") != "ana":
    bad.append("operator %r" % b.get("operator"))
if not (now - 30000 <= b.get("ts", 0) <= now):
    bad.append("ts %r is not the wall clock (%d)" % (b.get("ts"), now))
if b.get("deadline_ms") != b.get("ts", 0) + 10000:
    bad.append("deadline_ms %r is not ts + 10 s" % b.get("deadline_ms"))
if not b.get("id"):
    bad.append("no id")
if bad:
    print("; ".join(bad), b, file=sys.stderr)
sys.exit(1 if bad else 0)
EOP
}

# 1. Through the agent, to a foh.conf venue: verified by ssh-keygen as ana.
capture 1
"$FOH" ack -c "$conf" club 7 -m "look" >/dev/null 2>"$TEST_DIR/err1"
rc=$?
[ $rc = 69 ] || { cat "$TEST_DIR/err1" >&2; fail "exit $rc, want 69 (the answer x is no message)"; }
wait $cap_pid
signed_split "$cap_out" "$TEST_DIR/s1" || fail "the request is not a signed message"
allowed ana ana
verify_as ana "$TEST_DIR/s1" || { cat "$TEST_DIR/s1.verify" >&2; fail "ssh-keygen -Y verify refused foh's signature"; }
grep -qF "$(fingerprint ana)" "$TEST_DIR/s1.verify" || fail "not signed by ana's key: $(cat "$TEST_DIR/s1.verify")"
body_ok "$TEST_DIR/s1" club || fail "the signed body is wrong"
echo "ok: signed through ssh-agent; ssh-keygen -Y verify: $(cat "$TEST_DIR/s1.verify")"

# The check is not vacuous: another principal, or one flipped byte, fails.
! verify_as bob "$TEST_DIR/s1" || fail "verified as bob"
"$DEBIAN_PYTHON3" -c '
import sys
b = bytearray(open(sys.argv[1], "rb").read()); b[-1] ^= 1
open(sys.argv[1], "wb").write(b)' "$TEST_DIR/s1.body"
! verify_as ana "$TEST_DIR/s1" || fail "a flipped byte of the body still verified"
echo "ok: the same signature fails for another principal and a flipped byte"

# 2. --identity FILE, no agent: signed here with bob's key file.
capture 1
env -u SSH_AUTH_SOCK "$FOH" ack -c "$conf" --identity "$KEYS/bob" club 7 \
    -m "look" >/dev/null 2>"$TEST_DIR/err2"
wait $cap_pid
signed_split "$cap_out" "$TEST_DIR/s2" || fail "--identity: not a signed message"
allowed ana bob
verify_as ana "$TEST_DIR/s2" || { cat "$TEST_DIR/s2.verify" >&2; fail "--identity: refused"; }
grep -qF "$(fingerprint bob)" "$TEST_DIR/s2.verify" || fail "--identity: not bob's key"
body_ok "$TEST_DIR/s2" club || fail "--identity: the body is wrong"
echo "ok: --identity FILE signs with that key, without an agent"

# identity = in foh.conf, a .pub file: the agent's matching key signs.
capture 1
sed -i "s|^operator = ana|operator = ana\nidentity = $KEYS/ana.pub|" "$conf"
"$FOH" ack -c "$conf" club 7 -m "look" >/dev/null 2>"$TEST_DIR/err3"
wait $cap_pid
signed_split "$cap_out" "$TEST_DIR/s3" || fail "identity =: not a signed message"
allowed ana ana
verify_as ana "$TEST_DIR/s3" || fail "identity = FILE.pub: refused"
echo "ok: identity = FILE.pub in foh.conf: the agent's key signs"

# 3. A URL: the venue is the one the agent names in its answer to an
# unsigned "alerts" request, asked first.
"$DEBIAN_PYTHON3" - "$TEST_DIR/answer.bin" <<'EOP' || fail "cannot build the answer"
import msgpack, sys, time
now = int(time.time() * 1000)
m = {"v": 1, "venue": "club", "seq": 1, "epoch": now - 1000, "ts": now, "kind": "error",
     "id": 0, "code": "bad-request", "field": "test", "text": "a stand-in"}
open(sys.argv[1], "wb").write(msgpack.packb(m))
EOP
capture 2 "$TEST_DIR/answer.bin"
"$FOH" ack "$cap" 7 -o ana -m "look" >"$TEST_DIR/out4" 2>&1
rc=$?
[ $rc = 1 ] || { cat "$TEST_DIR/out4" >&2; fail "URL: exit $rc, want 1 (refused by the stand-in)"; }
wait $cap_pid
"$DEBIAN_PYTHON3" - "$cap_out" <<'EOP' || fail "URL: the first request is not an unsigned alerts request for 7"
import msgpack, sys
u = msgpack.Unpacker(raw=False)
u.feed(open(sys.argv[1], "rb").read())
first = next(iter(u))
sys.exit(0 if first.get("kind") == "request" and first.get("op") == "alerts"
         and first.get("ids") == [7] else 1)
EOP
signed_split "$cap_out" "$TEST_DIR/s4" || fail "URL: no signed request"
verify_as ana "$TEST_DIR/s4" || fail "URL: refused"
body_ok "$TEST_DIR/s4" club || fail "URL: the body is wrong"
echo "ok: to a URL: the venue from the agent's answer, then the signed ack"

# 4. A passphrase-protected key the agent does not hold: a start-up error
# that names ssh-agent, nothing sent.
capture 1
"$FOH" ack -c "$conf" --identity "$KEYS/locked" club 7 -m "look" \
    >/dev/null 2>"$TEST_DIR/err5"
rc=$?
[ $rc = 77 ] || [ $rc = 78 ] || { cat "$TEST_DIR/err5" >&2; fail "encrypted key: exit $rc, want 77 or 78"; }
grep -q "ssh-agent" "$TEST_DIR/err5" || fail "encrypted key: the error does not name ssh-agent: $(cat "$TEST_DIR/err5")"
[ ! -s "$cap_out" ] || fail "encrypted key: something was sent"
echo "ok: an encrypted key not in the agent: $(cat "$TEST_DIR/err5")"
# Once the agent holds it, the same command signs with it.
cp "$KEYS/locked" "$KEYS/unlocked"
ssh-keygen -q -p -P "a passphrase" -N "" -f "$KEYS/unlocked" >/dev/null ||
    fail "cannot unlock a copy"
agent_add unlocked
"$FOH" ack -c "$conf" --identity "$KEYS/locked" club 7 -m "look" \
    >/dev/null 2>"$TEST_DIR/err6"
wait $cap_pid
signed_split "$cap_out" "$TEST_DIR/s6" || { cat "$TEST_DIR/err6" >&2; fail "encrypted key in the agent: not signed"; }
allowed ana locked
verify_as ana "$TEST_DIR/s6" || fail "encrypted key in the agent: refused"
echo "ok: the same encrypted key, once in the agent, signs through it"

# 5. The agent's keys removed (ssh-add -D): a key asked for fails visibly
# and nothing is sent, signed or not.
ssh-add -D >/dev/null 2>&1 || fail "ssh-add -D"
capture 1
"$FOH" ack -c "$conf" --identity "$KEYS/ana.pub" club 7 -m "look" \
    >/dev/null 2>"$TEST_DIR/err7"
rc=$?
[ $rc = 77 ] || [ $rc = 78 ] || { cat "$TEST_DIR/err7" >&2; fail "removed key: exit $rc, want 77 or 78"; }
grep -q "ssh-agent" "$TEST_DIR/err7" || fail "removed key: the error does not name ssh-agent: $(cat "$TEST_DIR/err7")"
[ ! -s "$cap_out" ] && kill -0 $cap_pid 2>/dev/null || fail "removed key: something was sent"
echo "ok: a key the agent no longer holds: $(cat "$TEST_DIR/err7")"
# Without an identity, an agent with no key means no signer: unsigned, as
# documented (ipc and a LAN that allows it still take it).
"$FOH" ack -c "$conf" club 7 -m "look" >/dev/null 2>&1
wait $cap_pid
"$DEBIAN_PYTHON3" -c '
import msgpack, sys
m = msgpack.unpackb(open(sys.argv[1], "rb").read(), raw=False)
sys.exit(0 if m.get("kind") == "request" and m.get("venue") == "club" else 1)' \
    "$cap_out" || fail "no key at all: not the plain request"
echo "ok: no identity and no key in the agent: the request goes unsigned"

# The agent refuses to sign (a key added with -c; the confirmation is
# declined): the request, already under way, fails visibly (77), nothing
# sent.
agent_add ana -c
capture 1
"$FOH" ack -c "$conf" club 7 -m "look" >/dev/null 2>"$TEST_DIR/err9"
rc=$?
[ $rc = 77 ] || { cat "$TEST_DIR/err9" >&2; fail "agent refused: exit $rc, want 77"; }
grep -q "not sent: .*ssh-agent.*refused" "$TEST_DIR/err9" ||
    fail "agent refused: the error does not say so: $(cat "$TEST_DIR/err9")"
[ ! -s "$cap_out" ] && kill -0 $cap_pid 2>/dev/null || fail "agent refused: something was sent"
echo "ok: the agent refused to sign: $(cat "$TEST_DIR/err9")"
kill $cap_pid

# 6. The agent gone: a key asked for fails visibly, nothing sent.
kill $agent_pid
agent_gone() {
	ssh-add -l >/dev/null 2>&1
	[ $? = 2 ]	# 2: cannot reach the agent; 1: no keys
}
wait_until 5 agent_gone || fail "the agent did not stop"
capture 1
"$FOH" ack -c "$conf" --identity "$KEYS/ana.pub" club 7 -m "look" \
    >/dev/null 2>"$TEST_DIR/err8"
rc=$?
[ $rc = 77 ] || [ $rc = 78 ] || { cat "$TEST_DIR/err8" >&2; fail "agent gone: exit $rc"; }
grep -q "ssh-agent" "$TEST_DIR/err8" || fail "agent gone: the error does not name ssh-agent: $(cat "$TEST_DIR/err8")"
[ ! -s "$cap_out" ] || fail "agent gone: something was sent"
echo "ok: the agent gone: $(cat "$TEST_DIR/err8")"
