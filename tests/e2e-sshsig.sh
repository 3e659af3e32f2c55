#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# foh's SSHSIG code against the real OpenSSH tools, with keys made now by
# ssh-keygen and a private ssh-agent started (and stopped) by this test:
# - a signature foh makes from a key file verifies with ssh-keygen -Y
#   verify -n foh against an allowed_signers file; ssh-keygen -Y sign's
#   verifies with foh's sshsig_verify; another key, namespace or message
#   is refused; fingerprints equal ssh-keygen -l's;
# - a passphrase-protected key file is refused with the ssh-add hint, an
#   ecdsa one as not ssh-ed25519;
# - through the agent: its Ed25519 keys listed as ssh-add -l lists them,
#   signatures verified by ssh-keygen, a key it does not hold named as
#   such, a refused confirmation (ssh-add -c) as such; a dead socket, a
#   missing one, an agent that never answers and one that answers
#   nonsense each give their own clear error, fast;
# - signer_open's choices (a private key file, a .pub through the agent,
#   an encrypted key through the agent, the agent's first key, none) and
#   signer_wrap's message, whose body and signature ssh-keygen verifies.
. "${top_srcdir:-.}/tests/lib.sh"
need ssh-keygen ssh-agent ssh-add "$DEBIAN_PYTHON3"

TOOL="$top_builddir/tests/sshsig-tool"
D="$TEST_DIR"
unset SSH_AUTH_SOCK SSH_AGENT_PID
SSHSIG_TOOL_TIMEOUT_MS=5000
export SSHSIG_TOOL_TIMEOUT_MS

# expect_fail TEXT CMD...: CMD fails and its stderr says TEXT.
expect_fail() {
	_want=$1
	shift
	if "$@" >"$D/out" 2>"$D/err"; then
		fail "succeeded, should have failed: $*"
	fi
	grep -qF -- "$_want" "$D/err" ||
	    fail "$*: stderr does not say \"$_want\": $(cat "$D/err")"
}

# keygen_verify MSG SIG: ssh-keygen checks SIG over MSG as ana's.
keygen_verify() {
	ssh-keygen -Y verify -n foh -I ana -f "$D/allowed_signers" -s "$2" \
	    <"$1" >"$D/kv.out" 2>&1
}

ssh-keygen -q -t ed25519 -N '' -C ana@laptop -f "$D/ana" || fail "keygen"
ssh-keygen -q -t ed25519 -N '' -C bob -f "$D/bob" || fail "keygen"
ssh-keygen -q -t ed25519 -N 'correct horse' -C enc -f "$D/enc" ||
    fail "keygen"
ssh-keygen -q -t ecdsa -N '' -C ec -f "$D/ec" || fail "keygen"
echo "ana namespaces=\"foh\" $(cat "$D/ana.pub")" >"$D/allowed_signers"
echo "ana namespaces=\"foh\" $(cat "$D/enc.pub")" >>"$D/allowed_signers"
printf '\x81\xa4kind\xa7request and some bytes\n' >"$D/msg"

# Fingerprints as ssh-keygen -l prints them.
for k in ana bob enc; do
	want=$(ssh-keygen -l -f "$D/$k.pub" | awk '{print $2}')
	got=$("$TOOL" fingerprint "$D/$k.pub") || fail "fingerprint $k"
	[ "$got" = "$want" ] || fail "fingerprint of $k: $got, not $want"
done
got=$("$TOOL" load "$D/ana") || fail "load ana"
[ "$got" = "$(ssh-keygen -l -f "$D/ana" | awk '{print $2, $3}')" ] ||
    fail "load ana: $got"

# foh signs, ssh-keygen verifies; a changed message it refuses.
"$TOOL" sign "$D/ana" "$D/msg" "$D/foh.sig" || fail "foh sign"
keygen_verify "$D/msg" "$D/foh.sig" ||
    fail "ssh-keygen refused foh's signature: $(cat "$D/kv.out")"
printf 'x' >>"$D/msg2"
cat "$D/msg" >>"$D/msg2"
keygen_verify "$D/msg2" "$D/foh.sig" &&
    fail "ssh-keygen accepted foh's signature over another message"
# ssh-keygen -Y sign's own signature is the same file, byte for byte.
cp "$D/msg" "$D/kmsg"
ssh-keygen -q -Y sign -n foh -f "$D/ana" "$D/kmsg" 2>/dev/null ||
    fail "ssh-keygen sign"
cmp -s "$D/kmsg.sig" "$D/foh.sig" ||
    fail "foh's signature differs from ssh-keygen's"

# ssh-keygen signs, foh verifies; sha256 too; wrong key, namespace, message.
"$TOOL" verify "$(cat "$D/ana.pub")" "$D/msg" "$D/kmsg.sig" >"$D/out" ||
    fail "foh refused ssh-keygen's signature"
grep -qF "$(ssh-keygen -l -f "$D/ana.pub" | awk '{print $2}')" "$D/out" ||
    fail "verify names no fingerprint"
cp "$D/msg" "$D/m256"
ssh-keygen -q -Y sign -n foh -O hashalg=sha256 -f "$D/ana" "$D/m256" \
    2>/dev/null || fail "ssh-keygen sign sha256"
"$TOOL" verify "$(cat "$D/ana.pub")" "$D/msg" "$D/m256.sig" >/dev/null ||
    fail "foh refused ssh-keygen's sha256 signature"
expect_fail "a valid signature, but by" \
    "$TOOL" verify "$(cat "$D/bob.pub")" "$D/msg" "$D/kmsg.sig"
expect_fail "the signature does not verify" \
    "$TOOL" verify "$(cat "$D/ana.pub")" "$D/msg2" "$D/kmsg.sig"
cp "$D/msg" "$D/gmsg"
ssh-keygen -q -Y sign -n git -f "$D/ana" "$D/gmsg" 2>/dev/null ||
    fail "ssh-keygen sign git"
expect_fail 'namespace "git", not "foh"' \
    "$TOOL" verify "$(cat "$D/ana.pub")" "$D/msg" "$D/gmsg.sig"

# Key files foh will not use, each with its reason.
"$TOOL" load "$D/enc" >/dev/null 2>"$D/err"
[ $? -eq 3 ] || fail "an encrypted key was not refused as encrypted"
grep -qF "ssh-add $D/enc" "$D/err" || fail "no ssh-add hint: $(cat "$D/err")"
expect_fail "not an ssh-ed25519 key" "$TOOL" load "$D/ec"
expect_fail "not an OpenSSH private key" "$TOOL" load "$D/ana.pub"
expect_fail "$D/none: No such file" "$TOOL" load "$D/none"

# No agent: signer falls back to none, or refuses a key it cannot use.
"$TOOL" signer - "$D/b" "$D/s" >"$D/out" || fail "signer without agent"
grep -q "^none: no identity and no ssh-agent" "$D/out" ||
    fail "signer without agent: $(cat "$D/out")"
expect_fail "$D/ana.pub: there is no ssh-agent (SSH_AUTH_SOCK is not set)" \
    "$TOOL" signer "$D/ana.pub" "$D/b" "$D/s"
expect_fail "(ssh-add $D/enc) and foh signs through the agent; now there is no ssh-agent" \
    "$TOOL" signer "$D/enc" "$D/b" "$D/s"
# A private key file signs here, agent or not; ssh-keygen checks it.
"$TOOL" signer "$D/ana" "$D/body" "$D/body.sig" >"$D/out" ||
    fail "signer file: $(cat "$D/out")"
grep -q "^file $D/ana SHA256:" "$D/out" || fail "signer file: $(cat "$D/out")"
keygen_verify "$D/body" "$D/body.sig" ||
    fail "ssh-keygen refused a file-signed request: $(cat "$D/kv.out")"

# A private agent, stopped at exit.
SSH_AUTH_SOCK="$D/agent.sock"
export SSH_AUTH_SOCK
ssh-agent -D -a "$SSH_AUTH_SOCK" >/dev/null 2>&1 &
track $!
wait_until 10 test -S "$SSH_AUTH_SOCK" || fail "ssh-agent did not start"

"$TOOL" agent-list >"$D/out" || fail "agent-list, empty agent"
[ ! -s "$D/out" ] || fail "an empty agent listed keys: $(cat "$D/out")"
"$TOOL" signer - "$D/b" "$D/s" >"$D/out" || fail "signer, empty agent"
grep -q "^none: ssh-agent at .* holds no Ed25519 key" "$D/out" ||
    fail "signer, empty agent: $(cat "$D/out")"

expect_fail "ssh-add $D/enc) and foh signs through the agent; now ssh-agent at $SSH_AUTH_SOCK does not hold the key" \
    "$TOOL" signer "$D/enc" "$D/b" "$D/s"
mv "$D/enc.pub" "$D/enc.pub.away"
expect_fail "; now $D/enc.pub: No such file" \
    "$TOOL" signer "$D/enc" "$D/b" "$D/s"
mv "$D/enc.pub.away" "$D/enc.pub"
ssh-add -q "$D/ec" 2>/dev/null || fail "ssh-add ec"
ssh-add -q "$D/ana" 2>/dev/null || fail "ssh-add ana"
# The encrypted key goes in with its passphrase through SSH_ASKPASS.
printf '#!/bin/sh\necho "correct horse"\n' >"$D/askpass"
chmod +x "$D/askpass"
SSH_ASKPASS="$D/askpass" SSH_ASKPASS_REQUIRE=force DISPLAY=: \
    ssh-add -q "$D/enc" </dev/null 2>/dev/null || fail "ssh-add enc"

# The agent's Ed25519 keys, in its order, as ssh-add -l lists them.
"$TOOL" agent-list >"$D/out" || fail "agent-list"
ssh-add -l -E sha256 | grep '(ED25519)$' | awk '{print $2}' >"$D/want"
awk '{print $1}' "$D/out" >"$D/got"
cmp -s "$D/got" "$D/want" ||
    fail "agent-list: $(cat "$D/got"), not $(cat "$D/want")"
[ "$(wc -l <"$D/got")" -eq 2 ] || fail "agent-list: not the 2 Ed25519 keys"
grep -q " ana@laptop$" "$D/out" || fail "agent-list: no comment"

# The agent signs; ssh-keygen verifies. Any key, or the first one.
"$TOOL" agent-sign "$D/ana.pub" "$D/msg" "$D/agent.sig" ||
    fail "agent-sign"
keygen_verify "$D/msg" "$D/agent.sig" ||
    fail "ssh-keygen refused the agent's signature: $(cat "$D/kv.out")"
cmp -s "$D/agent.sig" "$D/foh.sig" ||
    fail "the agent's signature differs from the key file's"
"$TOOL" agent-sign "$D/enc.pub" "$D/msg" "$D/enc.sig" ||
    fail "agent-sign enc"
keygen_verify "$D/msg" "$D/enc.sig" || fail "ssh-keygen refused enc's"
"$TOOL" agent-sign "$D/msg" "$D/first.sig" || fail "agent-sign first"
keygen_verify "$D/msg" "$D/first.sig" || fail "ssh-keygen refused first"
expect_fail "does not hold that key: add it with ssh-add" \
    "$TOOL" agent-sign "$D/bob.pub" "$D/msg" "$D/bob.sig"

# signer's choices with an agent.
"$TOOL" signer "$D/ana.pub" "$D/body" "$D/body.sig" >"$D/out" ||
    fail "signer .pub"
grep -q "^agent ssh-agent SHA256:" "$D/out" || fail "signer .pub: $(cat "$D/out")"
keygen_verify "$D/body" "$D/body.sig" || fail "signer .pub: not verified"
"$TOOL" signer "$D/enc" "$D/body" "$D/body.sig" >"$D/out" ||
    fail "signer encrypted key through the agent: $(cat "$D/err")"
grep -qF "agent ssh-agent $("$TOOL" fingerprint "$D/enc.pub")" "$D/out" ||
    fail "signer enc: $(cat "$D/out")"
keygen_verify "$D/body" "$D/body.sig" || fail "signer enc: not verified"
"$TOOL" signer - "$D/body" "$D/body.sig" >"$D/out" || fail "signer -"
grep -qF "agent ssh-agent $("$TOOL" fingerprint "$D/ana.pub")" "$D/out" ||
    fail "signer -: not the agent's first Ed25519 key: $(cat "$D/out")"
"$TOOL" signer "$D/ana" "$D/body" "$D/body.sig" >"$D/out" ||
    fail "signer file with an agent"
grep -q "^file " "$D/out" || fail "a key file must sign here: $(cat "$D/out")"
expect_fail "does not hold the key $("$TOOL" fingerprint "$D/bob.pub"): add it with ssh-add" \
    "$TOOL" signer "$D/bob.pub" "$D/b" "$D/s"
expect_fail "not an ssh-ed25519 key" "$TOOL" signer "$D/ec" "$D/b" "$D/s"
expect_fail "$D/nope: No such file" "$TOOL" signer "$D/nope" "$D/b" "$D/s"

# An agent that asks its user to confirm each use (ssh-add -c): its
# askpass says no, then yes.
printf '#!/bin/sh\n[ -e "%s/confirm" ]\n' "$D" >"$D/confirm.sh"
chmod +x "$D/confirm.sh"
SSH_ASKPASS="$D/confirm.sh" SSH_ASKPASS_REQUIRE=force DISPLAY=: \
    ssh-agent -D -a "$D/confirm.sock" >/dev/null 2>&1 &
track $!
wait_until 10 test -S "$D/confirm.sock" || fail "the confirming agent"
SSH_AUTH_SOCK="$D/confirm.sock" ssh-add -q -c "$D/ana" 2>/dev/null ||
    fail "ssh-add -c"
SSH_AUTH_SOCK="$D/confirm.sock"
expect_fail "refused to sign with $("$TOOL" fingerprint "$D/ana.pub") (it holds the key: was confirmation declined?)" \
    "$TOOL" agent-sign "$D/ana.pub" "$D/msg" "$D/x.sig"
: >"$D/confirm"
"$TOOL" agent-sign "$D/ana.pub" "$D/msg" "$D/confirmed.sig" ||
    fail "agent-sign once confirmed"
keygen_verify "$D/msg" "$D/confirmed.sig" || fail "ssh-keygen: confirmed"

# Broken agents: each fails with its own words, quickly.
# fast_fail MAXMS TEXT CMD...: as expect_fail, within MAXMS.
fast_fail() {
	_max=$1
	shift
	_t0=$(now_ms)
	expect_fail "$@"
	_dt=$(( $(now_ms) - _t0 ))
	[ "$_dt" -le "$_max" ] || fail "took $_dt ms (over $_max): $*"
}
"$DEBIAN_PYTHON3" -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' \
    "$D/dead.sock" || fail "dead socket"
SSH_AUTH_SOCK="$D/dead.sock"; fast_fail 2000 \
    "cannot reach ssh-agent at $D/dead.sock: Connection refused" \
    "$TOOL" agent-list
SSH_AUTH_SOCK="$D/dead.sock"; fast_fail 2000 \
    "cannot reach ssh-agent at $D/dead.sock: Connection refused" \
    "$TOOL" agent-sign "$D/ana.pub" "$D/msg" "$D/x.sig"
SSH_AUTH_SOCK="$D/missing.sock"; fast_fail 2000 \
    "cannot reach ssh-agent at $D/missing.sock: No such file" \
    "$TOOL" agent-list
SSH_AUTH_SOCK="$D/dead.sock" "$TOOL" signer - "$D/b" "$D/s" >"$D/out" ||
    fail "signer with a dead agent"
grep -q "^none: cannot reach ssh-agent" "$D/out" ||
    fail "signer, dead agent: $(cat "$D/out")"

# fake_agent MODE SOCK: a listener that never answers (mute) or answers a
# frame of 4 GiB (huge) or a wrong type (odd); runs until killed.
fake_agent() {
	"$DEBIAN_PYTHON3" -c '
import socket, sys, time
mode, path = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX)
s.bind(path)
s.listen(8)
held = []
while True:
    c, _ = s.accept()
    held.append(c)
    c.recv(4096)
    if mode == "huge":
        c.sendall(b"\xff\xff\xff\xff")
    elif mode == "odd":
        c.sendall(b"\x00\x00\x00\x01\x63")
' "$1" "$2" &
	track $!
	wait_until 10 test -S "$2" || fail "fake agent $1 did not start"
}
fake_agent mute "$D/mute.sock"
fake_agent huge "$D/huge.sock"
fake_agent odd "$D/odd.sock"
SSH_AUTH_SOCK="$D/mute.sock"; SSHSIG_TOOL_TIMEOUT_MS=300; fast_fail 2500 \
    "ssh-agent at $D/mute.sock did not answer in time" "$TOOL" agent-list
SSH_AUTH_SOCK="$D/mute.sock"; SSHSIG_TOOL_TIMEOUT_MS=300; fast_fail 2500 \
    "did not answer in time" "$TOOL" agent-sign "$D/ana.pub" "$D/msg" \
    "$D/x.sig"
SSH_AUTH_SOCK="$D/huge.sock"; fast_fail 2000 \
    "answered a frame of 4294967295 bytes" "$TOOL" agent-list
SSH_AUTH_SOCK="$D/odd.sock"; fast_fail 2000 \
    "did not list its keys (answer type 99)" "$TOOL" agent-list
SSH_AUTH_SOCK="$D/odd.sock"; fast_fail 2000 \
    "answered type 99 to a sign request" \
    "$TOOL" agent-sign "$D/ana.pub" "$D/msg" "$D/x.sig"

# The real agent still serves after all that; then it is stopped.
SSH_AUTH_SOCK="$D/agent.sock"
SSHSIG_TOOL_TIMEOUT_MS=5000
"$TOOL" agent-sign "$D/ana.pub" "$D/msg" "$D/again.sig" ||
    fail "agent-sign after the faults"
keygen_verify "$D/msg" "$D/again.sig" || fail "ssh-keygen refused again"
echo "ok: e2e-sshsig"
