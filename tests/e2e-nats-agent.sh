#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fohd's side of NATS (PROTOCOL.md 14), on a real nats-server with
# JetStream and a real fohd, looked at with tests/nats-tool:
#   - a bad [nats] (a tls:// url without ca, an nng url) stops fohd at
#     start with FILE:LINE;
#   - fohd creates its stream (subjects foh.club.KIND, never ctl; limits,
#     discard old, file, max_age, max_bytes) and publishes every kind
#     (hello heartbeat layout zone equip drift alert gate action raster) on
#     foh.club.KIND, each with Foh-Epoch, Foh-Seq, Foh-Stream-Seq equal to
#     the sequence JetStream stored it at, Nats-Expected-Last-Sequence one
#     less, Nats-Msg-Id club.EPOCH.SEQ; live subscribers see the same;
#   - control over foh.club.ctl: a snapshot is answered with Foh-Stream and
#     Foh-Domain (the server's JetStream domain, learnt by fohd);
#     under the default [control] tcp an unsigned ack is refused; after a
#     SIGHUP to tcp = signed (the NATS link stays) a signed ack is carried
#     out once, its repeat answered byte for byte, audited with transport
#     nats; a signed approve publishes the action;
#   - NATS stopped while readings flow: fohd answers on nng, an alert
#     fires and the nng stream goes on, the outbox grows; the server back
#     on the same port, the outbox drains and the stream holds every seq
#     of the epoch once and in order;
#   - acknowledgements lost (the server frozen with SIGSTOP, a window in
#     flight): fohd re-syncs once it thaws; each seq stored once, in order;
#   - a message stored in the stream by someone else: fohd's next is
#     refused (wrong last sequence), it re-syncs and carries on after it;
#   - a small outbox with NATS down drops its oldest and counts them; what
#     it kept is stored in order once the server is back;
#   - with another venue's credentials the server refuses fohd: counted
#     (reason permission), logged naming the subject, nothing published,
#     and the password never logged;
#   - over tls:// with ca, cert and key (certificates made by openssl now)
#     to a server that requires client certificates: stored and answered.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/nats-lib.sh"
need "$DEBIAN_PYTHON3" ssh-keygen
need_websockets

club_names
sr="$py $top_srcdir/tests/signed_req.py"
nt="$top_builddir/tests/nats-tool"
# Generous: a loaded machine (make -j2 check beside other builds) is slow.
NATS_TOOL_TIMEOUT_MS=20000
export NATS_TOOL_TIMEOUT_MS
[ -x "$nt" ] || fail "no $nt: make check builds it"

# --- a bad [nats] stops fohd at start, naming the line ---
bad_start() {
	{ club_conf "$TEST_DIR/club.db"; printf '[nats]\n%s\n' "$1"; } >"$conf"
	_line=$(grep -n "^$1\$" "$conf" | cut -d: -f1)
	"$FOHD" -c "$conf" --stream "$stream" --control "$control" \
	    2>"$TEST_DIR/bad.log" && fail "fohd started with $1"
	grep -q "$conf:$_line: $2" "$TEST_DIR/bad.log" ||
	    fail "bad [nats] $1: $(cat "$TEST_DIR/bad.log")"
	echo "ok: $1 refused: $(cat "$TEST_DIR/bad.log")"
}
bad_start "url = tls://127.0.0.1:4222" "url tls://127.0.0.1:4222 is TLS"
bad_start "url = tcp://127.0.0.1:4222" "url \"tcp://127.0.0.1:4222\" must be"
# A CA that cannot be read: status 69 at start, naming [nats]'s line.
{ club_conf "$TEST_DIR/club.db"
  printf '[nats]\nurl = tls://127.0.0.1:4222\nca = %s/none.pem\n' "$TEST_DIR"
} >"$conf"
line=$(grep -n '^\[nats\]' "$conf" | cut -d: -f1)
"$FOHD" -c "$conf" --stream "$stream" --control "$control" 2>"$TEST_DIR/bad.log"
rv=$?
[ "$rv" = 69 ] && grep -q "$conf:$line: \[nats\]: CA $TEST_DIR/none.pem" \
    "$TEST_DIR/bad.log" || fail "an unreadable CA: $rv $(cat "$TEST_DIR/bad.log")"
echo "ok: an unreadable CA stops fohd (69): $(cat "$TEST_DIR/bad.log")"

# --- the server, the key, the venue ---
# The server has a JetStream domain of its own (as a venue's leaf node
# has): fohd, not told it, learns it and names it in every answer.
nats_conf_js hub >/dev/null
sed -i 's/^jetstream {/jetstream {\n\tdomain: clubleaf/' "$TEST_DIR/hub.conf"
nats_start hub "$TEST_DIR/hub.conf"
url="nats://127.0.0.1:$hub_port"
ssh-keygen -q -t ed25519 -N '' -C ana@e2e -f "$TEST_DIR/ana" ||
    fail "ssh-keygen"
echo "ana $(cut -d' ' -f1,2 "$TEST_DIR/ana.pub")" >"$TEST_DIR/allowed_signers"
# write_conf POLICY [OUTBOX]: the club, journal, ana (every right, key in
# allowed_signers), bar-full (with an action) and [nats] on the hub.
write_conf() {
	{
		club_conf "$TEST_DIR/club.db"
		printf '[control]\ntcp = %s\nallowed_signers = allowed_signers\n' \
		    "$1"
		conf_bar_full
		printf 'action = Open the side room\n'
		printf '[rule dance-any]\nkind = threshold\non = zone:dance\n'
		printf 'metric = density\nabove = 0.1\nfor = 0\nseverity = info\n'
		printf '[nats]\nurl = %s\nmax_age = 1h\nmax_bytes = 64M\n' "$url"
		[ -z "${2:-}" ] || printf 'outbox = %s\n' "$2"
	} >"$conf"
}
write_conf refuse
fohd_start
wait_until 10 grep -q "publishing to NATS $url, stream FOH_club" \
    "$TEST_DIR/fohd.log" || fail "no NATS line: $(cat "$TEST_DIR/fohd.log")"
connected() {
	[ "$(metric fohd_nats_connected)" = 1 ]
}
wait_until 10 connected || fail "not connected: $(cat "$TEST_DIR/fohd.log")"
if command -v promtool >/dev/null 2>&1; then
	$py -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' \
	    "$metrics" | promtool check metrics || fail "promtool check metrics"
	echo "ok: /metrics with fohd_nats_* passes promtool"
fi

# The stream as fohd made it.
has_stream() {
	"$nt" stream "$url" FOH_club >"$TEST_DIR/stream.json" 2>/dev/null
}
wait_until 10 has_stream || fail "no stream FOH_club"
$py - "$TEST_DIR/stream.json" <<'EOP' || fail "stream config: $(cat "$TEST_DIR/stream.json")"
import json, sys
s = json.load(open(sys.argv[1]))
kinds = "hello heartbeat layout zone equip drift alert gate action raster".split()
assert sorted(s["subjects"]) == sorted("foh.club." + k for k in kinds), s
assert (s["max_age_s"], s["max_bytes"]) == (3600, 64 << 20), s
assert (s["storage"], s["retention"], s["discard"]) == ("file", "limits", "old"), s
print("ok: stream FOH_club: %d subjects, never ctl; limits, old, file, 1h, 64M"
      % len(s["subjects"]))
EOP

# nreq FILE [OUT]: FILE's bytes as a request on foh.club.ctl; the answer
# (subject, headers, body) as one JSON line; OUT: its body's bytes.
nreq() {
	"$nt" req "$url" foh.club.ctl "$@" || fail "request $1 over NATS"
}
# jq_ PATH JSON: a field of a JSON line (a.b.c).
jq_() {
	$py -c 'import json,sys
v = json.loads(sys.argv[2])
for k in sys.argv[1].split("."):
    v = v.get(k, "") if isinstance(v, dict) else ""
print(v)' "$1" "$2"
}

# --- every kind, live and stored, with its headers ---
"$nt" sub "$url" foh.club.zone 2 >"$TEST_DIR/live.jsonl" &
subpid=$!
track $subpid
wait_until 10 grep -q ready "$TEST_DIR/live.jsonl" || fail "live sub"
cells=$($py -c 'print(",".join(str((i % 16) // 4) for i in range(160)))')
$client send "$ws" "" \
    '[{"kind":"zone_count","zone":"bar","count":90},{"kind":"zone_count","zone":"dance","count":100}]' \
    '{"kind":"gate_flow","gate":"door","in":54,"out":2,"interval_ms":60000}' \
    '{"kind":"telemetry","device":"amp-main","metrics":[{"name":"heatsink_c","value":61}]}' \
    '{"kind":"drift_score","model":"counter","version":"1","method":"psi","score":0.02}' \
    "{\"kind\":\"raster\",\"x\":0,\"y\":0,\"cols\":16,\"rows\":10,\"cells\":[$cells]}" \
    >"$TEST_DIR/sent" || fail "readings"
wait $subpid || fail "live zone messages: $(cat "$TEST_DIR/live.jsonl")"

# The snapshot over NATS: answered, with Foh-Stream; the alerts fired.
$py -c 'import msgpack,sys; sys.stdout.buffer.write(msgpack.packb({"v":1,"kind":"request","venue":"club","id":1,"op":"snapshot"}))' \
    >"$TEST_DIR/snap.req"
bar_alert() {
	_s=$(nreq "$TEST_DIR/snap.req")
	bar=$($py -c 'import json,sys
a = json.loads(sys.argv[1])
assert a["headers"]["Foh-Stream"] == "FOH_club", a["headers"]
assert a["headers"]["Foh-Domain"] == "clubleaf", a["headers"]
assert a["body"]["kind"] == "snapshot", a["body"]["kind"]
print([x["id"] for x in a["body"]["alerts"] if x["rule"] == "bar-full"][0])' "$_s" 2>/dev/null)
	[ -n "$bar" ]
}
wait_until 10 bar_alert || fail "snapshot over NATS without bar-full"
echo "ok: snapshot over foh.club.ctl answered with Foh-Stream FOH_club, Foh-Domain clubleaf; alert $bar"

# Unsigned ack under the default policy: refused, audited as nats.
$sr plain "$TEST_DIR/plain" venue=club id=50 op=ack operator=ana \
    alert="$bar" comment="from the hub" || fail "plain"
a=$(nreq "$TEST_DIR/plain")
[ "$(jq_ body.code "$a")" = forbidden ] ||
    fail "unsigned ack over NATS under tcp = refuse: $a"
echo "ok: unsigned ack over NATS refused: $(jq_ body.text "$a")"

# SIGHUP to tcp = signed: the link stays (no second connect).
write_conf signed
resyncs=$(metric fohd_nats_resyncs_total)
kill -HUP $pid
wait_until 10 grep -q "SIGHUP: .* reloaded" "$TEST_DIR/fohd.log" ||
    fail "SIGHUP: $(cat "$TEST_DIR/fohd.log")"
$sr sign "$TEST_DIR/ana" "$TEST_DIR/ack" venue=club ts=now id=101 op=ack \
    operator=ana alert="$bar" comment="signed from the hub" || fail "sign"
a1=$(nreq "$TEST_DIR/ack" "$TEST_DIR/ack.1")
[ "$(jq_ body.status "$a1")" = done ] || fail "signed ack over NATS: $a1"
a2=$(nreq "$TEST_DIR/ack" "$TEST_DIR/ack.2")
cmp -s "$TEST_DIR/ack.1" "$TEST_DIR/ack.2" ||
    fail "the repeat's answer differs: $a1 / $a2"
acks=$(sql "SELECT COUNT(*) FROM audit WHERE op = 'ack' AND result = 'done' AND transport = 'nats' AND request = 101")
[ "$acks" = 1 ] || fail "signed ack audited $acks times as done over nats"
reps=$(sql "SELECT COUNT(*) FROM audit WHERE result = 'repeat' AND transport = 'nats' AND request = 101")
[ "$reps" = 1 ] || fail "the repeat audited $reps times"
[ "$(sql "SELECT COUNT(*) FROM audit WHERE request = 50 AND result = 'forbidden' AND transport = 'nats'")" = 1 ] ||
    fail "the unsigned ack not audited as refused over nats"
"$FOHD" history -c "$conf" --format jsonl | grep '"request":101' |
    grep -q '"transport":"nats"' || fail "fohd history: no transport nats"
echo "ok: signed ack over NATS done once, its repeat byte for byte, audited with transport nats"
$sr sign "$TEST_DIR/ana" "$TEST_DIR/approve" venue=club ts=now id=102 \
    op=approve operator=ana alert="$bar" || fail "sign approve"
a=$(nreq "$TEST_DIR/approve")
[ "$(jq_ body.status "$a")" = done ] || fail "signed approve over NATS: $a"
[ "$(metric fohd_nats_requests_total)" -ge 5 ] || fail "requests not counted"
[ "$(metric fohd_nats_resyncs_total)" = "$resyncs" ] ||
    fail "SIGHUP re-connected the link"

# check_stream MODE: every stored message's headers agree with its body
# and its stream sequence; the latest epoch's seqs are 1..N once each, in
# order (MODE "all"), or rising with gaps (MODE "gaps"); prints "N MISSING
# LAST EPOCH KIND..." of that epoch (MISSING: seqs 1..LAST not stored).
check_stream() {
	"$nt" dump "$url" FOH_club >"$TEST_DIR/dump.jsonl" ||
	    fail "dump FOH_club"
	$py - "$TEST_DIR/dump.jsonl" "$1" <<'EOP'
import json, sys
# A message published there by someone else (no Foh-Epoch) is skipped.
rows = [r for r in map(json.loads, open(sys.argv[1])) if "Foh-Epoch" in r["headers"]]
epoch = max(int(r["headers"]["Foh-Epoch"]) for r in rows)
kinds, seqs, prev = set(), [], 0
for r in rows:
    h, b = r["headers"], r["body"]
    assert r["subject"] == "foh.club." + b["kind"], r["subject"]
    assert int(h["Foh-Stream-Seq"]) == r["seq"], (h, r["seq"])
    assert int(h["Nats-Expected-Last-Sequence"]) == r["seq"] - 1, h
    assert int(h["Foh-Epoch"]) == b["epoch"] and int(h["Foh-Seq"]) == b["seq"], (h, b)
    assert h["Nats-Msg-Id"] == "club.%d.%d" % (b["epoch"], b["seq"]), h
    assert r["seq"] > prev, (r["seq"], prev)
    prev = r["seq"]
    if b["epoch"] == epoch:
        kinds.add(b["kind"])
        seqs.append(b["seq"])
assert seqs == sorted(set(seqs)), "out of order or twice: %s" % seqs
if sys.argv[2] == "all":
    assert seqs == list(range(1, len(seqs) + 1)), "not 1..N: %s" % seqs
missing = seqs[-1] - seqs[0] + 1 - len(seqs) + (seqs[0] - 1)
print(len(seqs), missing, seqs[-1], epoch, " ".join(sorted(kinds)))
EOP
}
nats_caught_up() {
	[ "$(metric fohd_nats_outbox_messages)" = 0 ] &&
	    [ "$(metric fohd_nats_published_total)" -gt 0 ]
}
every_kind() {
	_c=$(check_stream all 2>/dev/null) || return 1
	for k in hello heartbeat layout zone equip drift alert gate action raster; do
		case " $_c " in *" $k "*) ;; *) return 1 ;; esac
	done
}
wait_until 10 every_kind || fail "not every kind stored: $(check_stream all)"
echo "ok: every kind stored with its headers, Foh-Stream-Seq = its stream sequence: $(check_stream all)"
$py - "$TEST_DIR/live.jsonl" "$TEST_DIR/dump.jsonl" <<'EOP' || fail "live vs stored"
import json, sys
live = [json.loads(l) for l in open(sys.argv[1]) if '"subject"' in l]
stored = {r["seq"]: r for r in map(json.loads, open(sys.argv[2]))}
for m in live:
    s = stored[int(m["headers"]["Foh-Stream-Seq"])]
    assert s["headers"]["Foh-Seq"] == m["headers"]["Foh-Seq"], (m, s)
    assert s["body"] == m["body"]
print("ok: %d live zone messages are the ones stored at their Foh-Stream-Seq" % len(live))
EOP

# Someone else stores a message in the stream: fohd's next is refused
# (wrong last sequence), it re-syncs and carries on after it.
printf 'not foh' >"$TEST_DIR/foreign"
r0=$(metric fohd_nats_resyncs_total)
"$nt" pub "$url" foh.club.zone "$TEST_DIR/foreign" || fail "foreign pub"
$client send "$ws" "" '{"kind":"zone_count","zone":"door","count":12}' \
    >/dev/null || fail "reading after the foreign message"
resynced() {
	[ "$(metric fohd_nats_resyncs_total)" -gt "$r0" ] &&
	    [ "$(metric fohd_nats_outbox_messages)" = 0 ] &&
	    "$nt" dump "$url" FOH_club | tail -n 1 | grep -q '"Foh-Epoch"'
}
wait_until 10 resynced || fail "no re-sync after a foreign message"
grep -q '"hex":"6e6f7420666f68"' "$TEST_DIR/dump.jsonl" 2>/dev/null ||
    "$nt" dump "$url" FOH_club | grep -q '"hex":"6e6f7420666f68"' ||
    fail "the foreign message is not in the stream"
[ "$(metric fohd_nats_refused_total 'reason="stream"')" = 0 ] ||
    fail "a wrong last sequence counted as a refusal"
echo "ok: a foreign message in the stream: refused once, re-synced, carried on: $(check_stream all)"

# Acknowledgements lost: the server frozen (SIGSTOP) with a window in
# flight, so fohd cannot tell what was stored; once it thaws, fohd re-syncs
# and nothing is stored twice or skipped.
r0=$(metric fohd_nats_resyncs_total)
kill -STOP "$hub_pid"
$client send "$ws" "" '[{"kind":"zone_count","zone":"door","count":21},{"kind":"zone_count","zone":"bar","count":97}]' \
    >/dev/null || fail "readings with the server frozen"
wait_until 20 grep -q "NATS stream FOH_club unanswered" "$TEST_DIR/fohd.log" ||
    { kill -CONT "$hub_pid"; fail "no word of JetStream not answering"; }
kill -CONT "$hub_pid"
thawed() {
	[ "$(metric fohd_nats_resyncs_total)" -gt "$r0" ] && nats_caught_up
}
wait_until 20 thawed || fail "no re-sync after the server thawed"
$ctl "$control" snapshot - >"$TEST_DIR/snap.json" || fail "nng snapshot"
cur=$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))["seq"])' \
    "$TEST_DIR/snap.json")
caught_all() {
	set -- $(check_stream all 2>/dev/null) && [ $# -ge 3 ] && [ "$3" -ge "$cur" ]
}
wait_until 20 caught_all || fail "after the freeze: $(check_stream all)"
echo "ok: acknowledgements lost (server frozen): re-synced, each seq stored once, in order: $(check_stream all)"

# --- NATS down while readings flow ---
nats_stop hub
down() {
	[ "$(metric fohd_nats_connected)" = 0 ]
}
wait_until 10 down || fail "fohd_nats_connected stays 1 with the server down"
out0=$(metric fohd_nats_outbox_messages)
$client send "$ws" "" '{"kind":"external_alert","source":"probe","subject":"p1","severity":"warning","title":"while NATS is down"}' \
    '[{"kind":"zone_count","zone":"door","count":40},{"kind":"zone_count","zone":"bar","count":95}]' \
    >/dev/null || fail "readings with NATS down"
probe_up() {
	$ctl "$control" snapshot - >"$TEST_DIR/snap.json" 2>/dev/null &&
	    grep -q '"while NATS is down"' "$TEST_DIR/snap.json"
}
wait_until 10 probe_up || fail "no alert on nng while NATS is down"
seq_nng() {
	$py -c 'import json,sys; print(json.load(open(sys.argv[1]))["seq"])' \
	    "$TEST_DIR/snap.json"
}
s1=$(seq_nng)
out1=$(metric fohd_nats_outbox_messages)
[ "$out1" -gt "$out0" ] || fail "the outbox did not take the readings' messages"
# Heartbeats go on: on nng (a later snapshot's seq), into the outbox.
grown() {
	$ctl "$control" snapshot - >"$TEST_DIR/snap.json" 2>/dev/null &&
	    [ "$(seq_nng)" -gt "$s1" ] &&
	    [ "$(metric fohd_nats_outbox_messages)" -gt "$out1" ]
}
wait_until 15 grown || fail "the nng stream or the outbox stopped: seq $(seq_nng), outbox $(metric fohd_nats_outbox_messages)"
echo "ok: NATS down: fohd answers on nng, the alert fired, seq $s1 -> $(seq_nng), outbox $(metric fohd_nats_outbox_messages)"
nats_start hub "$TEST_DIR/hub.conf"
[ "$hub_port" = "${url##*:}" ] || fail "the server came back on $hub_port"
wait_until 20 connected || fail "not connected again"
wait_until 20 nats_caught_up || fail "the outbox did not drain"
$ctl "$control" snapshot - >"$TEST_DIR/snap.json" || fail "nng snapshot"
cur=$(seq_nng)
# caught MODE: has the stream stored the epoch up to seq $cur at least?
caught() {
	set -- $(check_stream "$1" 2>/dev/null) && [ $# -ge 3 ] && [ "$3" -ge "$cur" ]
}
wait_until 20 caught all ||
    fail "the stream did not catch up to $cur: $(check_stream all)"
[ "$(metric fohd_nats_dropped_total)" = 0 ] || fail "dropped with a big outbox"
echo "ok: back: the outbox drained; the epoch's seqs 1..N once, in order: $(check_stream all)"

# --- a small outbox overflows: oldest dropped, counted ---
kill $pid
wait $pid || { st=$?; tail -n 30 "$TEST_DIR/fohd.log" >&2
    fail "fohd with [nats] did not stop cleanly on SIGTERM (status $st)"; }
grep -q "stopping on signal 15" "$TEST_DIR/fohd.log" ||
    fail "no stopping line: $(cat "$TEST_DIR/fohd.log")"
nats_stop hub
write_conf signed 64K
fohd_start
wait_until 10 grep -q "not reached yet" "$TEST_DIR/fohd.log" ||
    fail "no word of the server down: $(cat "$TEST_DIR/fohd.log")"
# 40 frames of 30 zone counts, each a change: far over 64K of messages.
frames=$($py -c 'import json
for i in range(40):
    print(json.dumps([{"kind": "zone_count", "zone": z, "count": 10 + (i * 7 + j) % 50}
                      for j, z in enumerate(["dance", "bar", "door"] * 10)],
                     separators=(",", ":")))')
# shellcheck disable=SC2086
$client send "$ws" "" $frames >/dev/null || fail "flood"
dropped() {
	[ "$(metric fohd_nats_dropped_total)" -gt 0 ]
}
wait_until 10 dropped || fail "nothing dropped from a 64K outbox"
nats_start hub "$TEST_DIR/hub.conf"
wait_until 20 connected || fail "not connected again"
wait_until 20 nats_caught_up || fail "the small outbox did not drain"
$ctl "$control" snapshot - >"$TEST_DIR/snap.json" || fail "nng snapshot"
cur=$(seq_nng)
wait_until 20 caught gaps || fail "the stream did not catch up to $cur"
set -- $(check_stream gaps)
n=$1 missing=$2
[ "$missing" = "$(metric fohd_nats_dropped_total)" ] ||
    fail "stored $n, missing $missing, dropped $(metric fohd_nats_dropped_total)"
first=$(grep "\"Foh-Epoch\":\"$4\"" "$TEST_DIR/dump.jsonl" | head -n 1 |
    sed -n 's/.*"Foh-Seq":"\([0-9]*\)".*/\1/p')
[ "$first" -gt 1 ] || fail "the oldest was not the one dropped (first $first)"
echo "ok: 64K outbox: $missing dropped (oldest first: kept from seq $first), $n stored in order"

# --- another venue's credentials: the server refuses, fohd counts ---
kill $pid
wait $pid || { st=$?; tail -n 30 "$TEST_DIR/fohd.log" >&2
    fail "fohd did not stop cleanly on SIGTERM (status $st)"; }
cat >"$TEST_DIR/auth.conf" <<EOC
server_name: auth
listen: 127.0.0.1:-1
jetstream { store_dir: "$TEST_DIR/auth.js" }
authorization {
	users = [
		{ user: arena, password: arenapw, permissions: {
			publish: { allow: ["foh.arena.>", "\$JS.API.>", "_INBOX.>"],
			    deny: ["foh.arena.ctl", "\$JS.API.STREAM.*.FOH_club"] }
			subscribe: { allow: ["foh.arena.ctl", "_INBOX.>"] } } }
	]
}
EOC
nats_start auth "$TEST_DIR/auth.conf"
sed -i "s|^url = nats://.*|url = nats://arena:arenapw@127.0.0.1:$auth_port|" "$conf"
fohd_start
grep -q arenapw "$TEST_DIR/fohd.log" && fail "the password in fohd's log"
refused_perm() {
	[ "$(metric fohd_nats_refused_total 'reason="permission"')" -ge 2 ]
}
wait_until 15 refused_perm || fail "permission refusals not counted: $(cat "$TEST_DIR/fohd.log")"
grep -Eq 'NATS permission refused: Permissions Violation for .*"(foh\.club\.ctl|.*FOH_club)"' \
    "$TEST_DIR/fohd.log" || fail "no log line naming the subject: $(cat "$TEST_DIR/fohd.log")"
[ "$(metric fohd_nats_published_total)" = 0 ] || fail "published as another venue"
$ctl "$control" snapshot - >/dev/null || fail "fohd does not serve nng with NATS refusing"
echo "ok: with arena's credentials: $(metric fohd_nats_refused_total 'reason="permission"') permission refusals counted, logged naming the subject, nothing published; nng serves"

# --- tls://: the server's certificate checked, fohd's shown (verify) ---
. "$top_srcdir/tests/tls-lib.sh"
mkca ca
mkcert hubcert ca localhost
mkcert clubcert ca club
kill $pid
wait $pid || { st=$?; tail -n 30 "$TEST_DIR/fohd.log" >&2
    fail "fohd did not stop cleanly on SIGTERM (status $st)"; }
nats_stop auth
cat >"$TEST_DIR/tlshub.conf" <<EOC
server_name: tlshub
listen: 127.0.0.1:-1
max_payload: 2MB
jetstream { store_dir: "$TEST_DIR/tlshub.js" }
tls {
	cert_file: "$c/hubcert.pem"
	key_file: "$c/hubcert.key"
	ca_file: "$c/ca.pem"
	verify: true
}
EOC
nats_start tlshub "$TEST_DIR/tlshub.conf"
tls="tls://localhost:$tlshub_port"
sed -i -e "s|^url = nats://.*|url = $tls|" "$conf"
printf 'ca = %s\ncert = %s\nkey = %s\n' "$c/ca.pem" "$c/clubcert.pem" \
    "$c/clubcert.key" >>"$conf"
fohd_start
wait_until 15 connected || fail "not connected over TLS: $(cat "$TEST_DIR/fohd.log")"
export NATS_CA="$c/ca.pem" NATS_CERT="$c/clubcert.pem" NATS_KEY="$c/clubcert.key"
tls_stream() {
	"$nt" stream "$tls" FOH_club 2>/dev/null | grep -q '"messages":[1-9]'
}
wait_until 15 tls_stream || fail "no stream over TLS"
a=$("$nt" req "$tls" foh.club.ctl "$TEST_DIR/snap.req") || fail "snapshot over TLS"
[ "$(jq_ body.kind "$a")" = snapshot ] || fail "snapshot over TLS: $a"
echo "ok: over tls:// (server checked against ca, fohd's certificate shown): stream stored, snapshot answered"
