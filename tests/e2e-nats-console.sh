#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The console reading venues through NATS (PROTOCOL.md 14), on a real
# nats-server with JetStream and real fohds, watched with foh --json:
#   - venue club through NATS (nats://HOST:PORT/club, through a TCP proxy
#     of this test's, tests/tcp_cut.py) next to venue cellar on nng: both
#     live, club's alerts arrive;
#   - the console's link cut (the proxy drops and refuses connections)
#     while fohd keeps publishing: club OFFLINE; meanwhile an alert fires,
#     is acknowledged on nng (foh ack to club's control) and resolves;
#     after the heal --json has every transition (firing, acknowledged,
#     resolved), healed by replay and not by snapshot, and the console's
#     alerts equal fohd's;
#   - the stream purged during a second cut: healed by snapshot, said so;
#   - a console started late replays what fired and resolved before it;
#   - an ack sent by the console through NATS (signed) lands once;
#   - a bad NATS URL on the command line or in foh.conf is refused.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/nats-lib.sh"
need "$DEBIAN_PYTHON3"
need_websockets

club_names
nt="$top_builddir/tests/nats-tool"
[ -x "$nt" ] || fail "no $nt: make check builds it"

# --- bad URLs are refused before anything starts ---
"$FOH" --json nats://127.0.0.1:4222 2>"$TEST_DIR/bad.log" &&
    fail "a NATS URL without a venue accepted"
grep -q "no venue" "$TEST_DIR/bad.log" || fail "no venue: $(cat "$TEST_DIR/bad.log")"
"$FOH" --json "nats://127.0.0.1:4222/club,tcp://127.0.0.1:1" \
    2>"$TEST_DIR/bad.log" && fail "a NATS URL with a control accepted"
grep -q "no control URL" "$TEST_DIR/bad.log" ||
    fail "control: $(cat "$TEST_DIR/bad.log")"
printf '[venue club]\nstream = nats://127.0.0.1:4222/arena\n' >"$TEST_DIR/bad.conf"
"$FOH" --json -c "$TEST_DIR/bad.conf" 2>"$TEST_DIR/bad.log" &&
    fail "a NATS URL of another venue accepted"
grep -q "bad.conf:1: \[venue club\] stream .* must end in /club" \
    "$TEST_DIR/bad.log" || fail "other venue: $(cat "$TEST_DIR/bad.log")"
echo "ok: bad NATS URLs refused: $(cat "$TEST_DIR/bad.log")"

# --- the server, the proxy, the venues ---
nats_conf_js hub >/dev/null
nats_start hub "$TEST_DIR/hub.conf"
url="nats://127.0.0.1:$hub_port"
"$DEBIAN_PYTHON3" "$top_srcdir/tests/tcp_cut.py" 127.0.0.1 "$hub_port" \
    "$TEST_DIR/cut" >"$TEST_DIR/cut.port" 2>"$TEST_DIR/cut.log" &
cutpid=$!
track $cutpid
wait_until 10 test -s "$TEST_DIR/cut.port" || fail "no proxy"
via="nats://127.0.0.1:$(cat "$TEST_DIR/cut.port")"
# cut / restore: the proxy drops every connection and refuses new ones,
# or takes them again.
cut() { touch "$TEST_DIR/cut"; }
restore() { rm -f "$TEST_DIR/cut"; }

{
	club_conf "$TEST_DIR/club.db"
	printf '[control]\ntcp = signed\nallowed_signers = %s\n' \
	    "$TEST_DIR/allowed_signers"
	conf_bar_full
	printf '[nats]\nurl = %s\nmax_age = 1h\n' "$url"
} >"$conf"
: >"$TEST_DIR/allowed_signers"
fohd_start
club_ws=$ws
club_metrics=$metrics
wait_until 10 grep -q "publishing to NATS" "$TEST_DIR/fohd.log" ||
    fail "fohd does not publish: $(cat "$TEST_DIR/fohd.log")"

# cellar: an nng venue beside it.
sed -e 's/^id = club/id = cellar/' -e 's/^name = .*/name = Cellar/' \
    "$top_srcdir/conf/club.conf" >"$TEST_DIR/cellar.conf"
conf_ingest >>"$TEST_DIR/cellar.conf"
"$FOHD" -c "$TEST_DIR/cellar.conf" --stream "ipc://$TEST_DIR/cellar.pub" \
    --control "ipc://$TEST_DIR/cellar.ctl" 2>"$TEST_DIR/cellar.log" &
track $!

# The console: club through the proxy, cellar on nng.
"$FOH" --json --replay 0 "$via/club" "ipc://$TEST_DIR/cellar.pub" \
    >"$TEST_DIR/c1.jsonl" 2>"$TEST_DIR/c1.err" &
c1=$!
track $c1
# live FILE VENUE: does FILE say VENUE's link is live (its last venue line)?
live() {
	grep "\"type\":\"venue\",\"venue\":\"$2\"" "$1" | tail -n 1 |
	    grep -q '"link":"live"'
}
wait_until 20 live "$TEST_DIR/c1.jsonl" club ||
    fail "club not live through NATS: $(cat "$TEST_DIR/c1.jsonl" "$TEST_DIR/c1.err")"
wait_until 20 live "$TEST_DIR/c1.jsonl" cellar ||
    fail "cellar not live on nng: $(cat "$TEST_DIR/c1.jsonl")"
echo "ok: club live through NATS beside cellar on nng"

# An alert through the stream.
$client send "$club_ws" "" '{"kind":"zone_count","zone":"bar","count":90}' \
    >/dev/null || fail "readings"
alerted() {
	grep '"type":"alert","venue":"club"' "$1" | grep -q "\"rule\":\"$2\".*\"state\":\"$3\""
}
wait_until 20 alerted "$TEST_DIR/c1.jsonl" bar-full firing ||
    fail "no bar-full through NATS: $(cat "$TEST_DIR/c1.jsonl")"
echo "ok: bar-full fired, seen through NATS"
