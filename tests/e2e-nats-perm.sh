#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The shipped NATS topology (conf/nats/) on real nats-server processes, with
# the shipped certificates script, seen from an outside client written from
# the specs (tests/nats_client.py) and real fohd venues:
#   - the hub and both leaf nodes pass nats-server -t and join over TLS with
#     verify_and_map;
#   - fohd club publishes through its leaf node; a console at the hub reads
#     foh.club.* live with PROTOCOL.md 14.2's headers, gets the same
#     messages from JetStream in domain north (STREAM.INFO, MSG.GET and a
#     consumer by start sequence, as a replay does) and asks foh.club.ctl
#     for a snapshot, answered with Foh-Stream and Foh-Domain;
#   - permissions, each refused by the server: a venue publishing as
#     another, or on its own control subject; fohd arena run with festival's
#     certificate publishes nothing and counts the refusals
#     (fohd_nats_refused_total{reason="permission"}); console desk2 cannot
#     request festival's control, subscribe to its stream, read its
#     JetStream or publish a venue's subjects; a site's certificate is no
#     client; desk1 may request festival's control.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/nats-lib.sh"
. "$top_srcdir/tests/nats-sites.sh"
need "$NNGCAT"

sites_start

# --- fohd club through its leaf node, read at the hub ---
venue_start club north venue-club
wait_until 20 venue_connected club ||
    fail "fohd club not connected to its leaf node: $(cat "$TEST_DIR/club.log")"
as console-desk1 sub "$hub_url" 'foh.club.*' 3 10 >"$TEST_DIR/live.json" ||
    fail "desk1 cannot subscribe to foh.club.*: $(cat "$TEST_DIR/live.json")"
$DEBIAN_PYTHON3 - "$TEST_DIR/live.json" <<'EOP' || fail "club's live messages at the hub"
import json, sys
ms = [json.loads(l) for l in open(sys.argv[1])]
assert len(ms) == 3, ms
for m in ms:
    h, b = m["headers"], m["body"]
    assert m["subject"] == "foh.club." + b["kind"], m
    assert b["venue"] == "club", m
    assert h["Foh-Epoch"] == str(b["epoch"]) and h["Foh-Seq"] == str(b["seq"]), m
    assert int(h["Nats-Expected-Last-Sequence"]) == int(h["Foh-Stream-Seq"]) - 1, m
    assert h["Nats-Msg-Id"] == "club.%d.%d" % (b["epoch"], b["seq"]), m
print("ok: desk1 at the hub reads club live through leaf north, headers as PROTOCOL.md 14.2:",
      [(m["subject"], m["headers"]["Foh-Seq"], m["headers"]["Foh-Stream-Seq"]) for m in ms])
EOP
last=$(tail -n 1 "$TEST_DIR/live.json" | $DEBIAN_PYTHON3 -c 'import json,sys; print(json.load(sys.stdin)["headers"]["Foh-Stream-Seq"])')
as console-desk1 --domain north stream-info "$hub_url" FOH_club >"$TEST_DIR/si.json" ||
    fail "desk1: stream info: $(cat "$TEST_DIR/si.json")"
as console-desk1 --domain north stream-get "$hub_url" FOH_club "$last" >"$TEST_DIR/get.json" ||
    fail "desk1: msg get: $(cat "$TEST_DIR/get.json")"
as console-desk1 --domain north replay "$hub_url" FOH_club 1 5 >"$TEST_DIR/replay.json" ||
    fail "desk1: replay: $(cat "$TEST_DIR/replay.json")"
$DEBIAN_PYTHON3 - "$TEST_DIR/si.json" "$TEST_DIR/get.json" "$TEST_DIR/live.json" "$TEST_DIR/replay.json" <<'EOP' || fail "club's stream in domain north"
import json, sys
si = json.load(open(sys.argv[1]))
assert si["domain"] == "north" and si["config"]["name"] == "FOH_club", si
assert "foh.club.ctl" not in si["config"]["subjects"], si
got = json.load(open(sys.argv[2]))
live = [json.loads(l) for l in open(sys.argv[3])][-1]
assert got["seq"] == int(live["headers"]["Foh-Stream-Seq"]), (got, live)
assert got["body"] == live["body"] and got["subject"] == live["subject"], (got, live)
rp = [json.loads(l) for l in open(sys.argv[4])]
assert [m["seq"] for m in rp] == [1, 2, 3, 4, 5], rp
assert rp[0]["body"]["kind"] == "hello" and rp[0]["body"]["seq"] == 1, rp[0]
for m in rp:
    assert m["headers"]["Foh-Stream-Seq"] == str(m["seq"]), m
    assert m["headers"]["Foh-Seq"] == str(m["body"]["seq"]), m
print("ok: FOH_club in domain north, read at the hub: %d messages; the live one at %d is stored there; replay from 1: Foh-Seq %s"
      % (si["state"]["messages"], got["seq"], [m["body"]["seq"] for m in rp]))
EOP
as console-desk1 request "$hub_url" foh.club.ctl \
    '{"v":1,"kind":"request","op":"snapshot","id":1}' 10 >"$TEST_DIR/snap.json" ||
    fail "desk1: snapshot over foh.club.ctl: $(cat "$TEST_DIR/snap.json")"
$DEBIAN_PYTHON3 - "$TEST_DIR/snap.json" <<'EOP' || fail "the snapshot answer: $(cut -c1-400 "$TEST_DIR/snap.json")"
import json, sys
a = json.load(open(sys.argv[1]))
assert a["body"]["kind"] == "snapshot" and a["body"]["venue"] == "club", a["body"].get("kind")
assert a["headers"]["Foh-Stream"] == "FOH_club", a["headers"]
assert a["headers"]["Foh-Domain"] == "north", a["headers"]
print("ok: desk1's snapshot request over the hub answered by fohd club:", a["headers"])
EOP

# --- the server refuses what a user may not ---
refused() {	# refused WHAT OUTPUT-FILE
	grep -q "Permissions Violation" "$2" || fail "$1 was not refused: $(cat "$2")"
	echo "ok: refused: $1: $(cat "$2")"
}
as venue-club pub "$hub_url" foh.arena.zone '{"v":1}' >"$TEST_DIR/o" &&
    fail "club published as arena"
refused "club publishing foh.arena.zone at the hub" "$TEST_DIR/o"
as venue-club pub "$north_url" foh.club.ctl '{"v":1}' >"$TEST_DIR/o" &&
    fail "club published on its own control subject"
refused "club publishing foh.club.ctl at its leaf node" "$TEST_DIR/o"
as venue-arena pub "$south_url" foh.festival.alert '{"v":1}' >"$TEST_DIR/o" &&
    fail "arena published as festival"
refused "arena publishing foh.festival.alert at leaf south" "$TEST_DIR/o"
as console-desk2 request "$hub_url" foh.festival.ctl \
    '{"v":1,"kind":"request","op":"snapshot","id":2}' 3 >"$TEST_DIR/o" &&
    fail "desk2 requested festival's control"
refused "desk2 requesting foh.festival.ctl" "$TEST_DIR/o"
as console-desk2 sub "$hub_url" 'foh.festival.*' 1 2 >"$TEST_DIR/o" &&
    fail "desk2 subscribed to festival"
refused "desk2 subscribing to foh.festival.*" "$TEST_DIR/o"
as console-desk2 sub "$hub_url" 'foh.club.ctl' 1 2 >"$TEST_DIR/o" &&
    fail "desk2 subscribed to another console's requests"
refused "desk2 subscribing to foh.club.ctl" "$TEST_DIR/o"
as console-desk2 --domain south stream-info "$hub_url" FOH_festival >"$TEST_DIR/o" &&
    fail "desk2 read festival's stream"
refused "desk2 asking JetStream about FOH_festival" "$TEST_DIR/o"
as console-desk2 pub "$hub_url" foh.club.alert '{"v":1}' >"$TEST_DIR/o" &&
    fail "desk2 published on a venue's stream subject"
refused "desk2 publishing foh.club.alert" "$TEST_DIR/o"
as site-north pub "$hub_url" foh.club.zone '{"v":1}' >"$TEST_DIR/o" &&
    fail "a site's certificate connected as a client"
grep -q "Authorization Violation" "$TEST_DIR/o" ||
    fail "a site's certificate as a client: $(cat "$TEST_DIR/o")"
echo "ok: a site's certificate is no client: $(cat "$TEST_DIR/o")"
# desk1 may: festival has no fohd yet, so nobody answers, but the server
# lets the request through.
as console-desk1 request "$hub_url" foh.festival.ctl \
    '{"v":1,"kind":"request","op":"snapshot","id":3}' 3 >"$TEST_DIR/o"
grep -q "no responders" "$TEST_DIR/o" || fail "desk1 on festival's control: $(cat "$TEST_DIR/o")"
echo "ok: desk1 may request festival's control (no fohd there yet: no responders)"

# --- fohd arena with festival's certificate: refused, counted ---
venue_start arena south venue-festival
perm_counted() {
	[ "$(vmetric arena fohd_nats_refused_total 'reason="permission"')" -ge 1 ] 2>/dev/null
}
wait_until 20 perm_counted ||
    fail "fohd arena with festival's certificate: no permission refusal counted: $(vmetric arena fohd_nats_refused_total 'reason="permission"'); $(cat "$TEST_DIR/arena.log")"
grep -q "Permissions Violation" "$TEST_DIR/arena.log" ||
    fail "fohd arena did not log the refusal: $(cat "$TEST_DIR/arena.log")"
as console-desk1 --domain south stream-info "$hub_url" FOH_arena >"$TEST_DIR/o"
grep -q '"stream not found"' "$TEST_DIR/o" ||
    fail "a stream FOH_arena exists, made with festival's certificate: $(cut -c1-300 "$TEST_DIR/o")"
echo "ok: fohd arena with festival's certificate: $(vmetric arena fohd_nats_refused_total 'reason="permission"') permission refusals counted, no stream FOH_arena"
kill -0 "$arena_pid" || fail "fohd arena died"
r=$("$DEBIAN_PYTHON3" "$top_srcdir/tests/control_client.py" "$arena_ctl" snapshot -)
[ "$(answer kind "$r")" = snapshot ] || fail "fohd arena does not serve nng: $r"
echo "ok: fohd arena serves its nng control all the same"
