# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# tests/sign-lib.sh: what the tests of signed requests share, sourced after
# tests/lib.sh: operator keys made by ssh-keygen, a private ssh-agent, and
# a check of a "signed" message with ssh-keygen -Y verify.
need ssh-keygen ssh-agent ssh-add "$DEBIAN_PYTHON3"

KEYS="$TEST_DIR/keys"
mkdir -p "$KEYS"
chmod 700 "$KEYS"

# make_key NAME [PASSPHRASE]: an Ed25519 key pair $KEYS/NAME(.pub),
# commented NAME@foh-test, encrypted with PASSPHRASE if given.
make_key() {
	ssh-keygen -q -t ed25519 -N "${2:-}" -C "$1@foh-test" \
	    -f "$KEYS/$1" </dev/null || fail "ssh-keygen $1"
}

# agent_start: a private ssh-agent on $TEST_DIR/agent.sock, in the
# foreground (-D) so that its pid ($agent_pid) is ours to stop;
# SSH_AUTH_SOCK names it. Its askpass is false(1): a key added with
# confirmation (agent_add NAME -c) is always declined, and no dialog opens.
agent_start() {
	SSH_AUTH_SOCK="$TEST_DIR/agent.sock"
	export SSH_AUTH_SOCK
	env SSH_ASKPASS=false SSH_ASKPASS_REQUIRE=force \
	    ssh-agent -D -a "$SSH_AUTH_SOCK" >/dev/null 2>&1 &
	agent_pid=$!
	track $agent_pid
	wait_until 5 test -S "$SSH_AUTH_SOCK" || fail "ssh-agent did not start"
}

# agent_add NAME [-c]: give the agent key NAME (-c: each use confirmed,
# which this agent declines).
agent_add() {
	ssh-add -q ${2:-} "$KEYS/$1" </dev/null 2>/dev/null || fail "ssh-add $1"
}

# fingerprint NAME: SHA256:... of key NAME, as ssh-keygen -l prints it.
fingerprint() {
	ssh-keygen -l -E sha256 -f "$KEYS/$1.pub" | cut -d' ' -f2
}

# allowed NAME KEY...: write $KEYS/allowed_signers: principal NAME for the
# given keys, namespace foh.
allowed() {
	_who=$1
	shift
	: >"$KEYS/allowed_signers"
	for _k in "$@"; do
		printf '%s namespaces="foh" %s\n' "$_who" \
		    "$(cut -d' ' -f1,2 "$KEYS/$_k.pub")" >>"$KEYS/allowed_signers"
	done
}

# signed_split FILE OUT: the msgpack messages in FILE (as nngcat --raw
# wrote them, one after another); the last "signed" one is unpacked into
# OUT.body (its body), OUT.sig (its sig armored as ssh-keygen writes it)
# and OUT.json (the body decoded). 1 if FILE holds no signed message.
signed_split() {
	"$DEBIAN_PYTHON3" - "$1" "$2" <<'EOP'
import base64, json, msgpack, sys
u = msgpack.Unpacker(raw=False)
u.feed(open(sys.argv[1], "rb").read())
signed = [m for m in u if isinstance(m, dict) and m.get("kind") == "signed"]
if not signed:
    sys.exit(1)
m = signed[-1]
out = sys.argv[2]
open(out + ".body", "wb").write(m["body"])
b64 = base64.b64encode(m["sig"]).decode()
lines = [b64[i:i + 70] for i in range(0, len(b64), 70)]
open(out + ".sig", "w").write("-----BEGIN SSH SIGNATURE-----\n" +
                              "\n".join(lines) +
                              "\n-----END SSH SIGNATURE-----\n")
json.dump(msgpack.unpackb(m["body"], raw=False), open(out + ".json", "w"))
EOP
}

# verify_as NAME OUT: does ssh-keygen -Y verify accept OUT.sig over
# OUT.body as principal NAME, namespace foh, with $KEYS/allowed_signers?
verify_as() {
	ssh-keygen -Y verify -n foh -I "$1" -f "$KEYS/allowed_signers" \
	    -s "$2.sig" <"$2.body" >"$2.verify" 2>&1
}
