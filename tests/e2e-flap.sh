#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Flapping, end to end with a real fohd: the bar's density crosses and
# recrosses a threshold; the stream must show ONE alert for it, in state
# "flapping" with its flaps counting each fire and clear and a title that
# says whether the condition holds, never a new alert per fire. Once the
# crossings stop for a flap window it settles: resolved when the bar has
# emptied, firing when it stays full, each recorded in the alert's ops. A
# fohd restarted while an alert flaps restores it flapping, and its rule
# goes on with the same alert. The flap window is 8 s here (10 min by
# default) so that the test is quick; nothing sleeps to synchronise.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
{
	club_ingest_conf "$TEST_DIR/club.db"
	printf '[rules]\nflap_transitions = 4\nflap_window = 8s\n'
	conf_bar_full
	printf 'flap_transitions = 2\n'
} >"$conf"

fohd_start

stream_sub "$TEST_DIR/a.bin" 1000000 60 foh/club/alert
wait_until 10 subscribers = 1 || fail "subscriber not connected"

# The bar (60 m2) holds COUNT persons: 120 is 2.0 p/m2 (over 1.0), 30 is
# 0.5 (under the clear level 0.9).
bar() {
	$client send "$ws" "" "{\"kind\":\"zone_count\",\"zone\":\"bar\",\"count\":$1}" |
	    grep -q '"accepted": 1' || fail "reading of $1 refused"
}

# The bar-full alerts the subscriber saw, one JSON map a line, in order.
seen() {
	stream_json "$TEST_DIR/a.bin" | grep '"rule": "bar-full"'
}

# saw STATE FLAPS [ID|!ID]: a bar-full map with this state and flaps (0:
# the key is absent or 0), and this id (or not this one) if given, has been
# seen; the first such
# is kept in $TEST_DIR/saw.json. Any map seen, not only the latest: a slow
# poll must not miss a state that a later change replaced.
saw() {
	seen | $py -c '
import json, sys
want_state, want_flaps = sys.argv[1], int(sys.argv[2])
for line in sys.stdin:
    a = json.loads(line)
    if a["state"] != want_state or a.get("flaps", 0) != want_flaps:
        continue
    if len(sys.argv) > 3 and (a["id"] == int(sys.argv[3][1:])
            if sys.argv[3][0] == "!" else a["id"] != int(sys.argv[3])):
        continue
    sys.stdout.write(line)
    sys.exit(0)
sys.exit(1)' "$@" >"$TEST_DIR/saw.json"
}

saw_field() {	# saw_field KEY: of the map saw found
	$py -c 'import json, sys; print(json.loads(open(sys.argv[1]).read()).get(sys.argv[2], ""))' "$TEST_DIR/saw.json" "$1"
}

ids() {
	seen | $py -c '
import json, sys
print(" ".join(sorted({str(json.loads(l)["id"]) for l in sys.stdin})))'
}

# 1. Fire, clear, fire, clear: one alert, flapping from the 2nd.
bar 120
wait_until 10 saw firing 0 || fail "no firing alert: $(seen | tail -n 1)"
A=$(saw_field id)
bar 30
wait_until 10 saw flapping 2 "$A" ||
    fail "a clear resolved instead of flapping: $(seen | tail -n 1)"
saw_field title | grep -q 'cleared (below [0-9.]*) (flapping)$' ||
    fail "title does not say it is clear now: $(saw_field title)"
bar 120
wait_until 10 saw flapping 3 "$A" || fail "fire: $(seen | tail -n 1)"
saw_field title | grep -q '(flapping)$' || fail "title: $(saw_field title)"
bar 30
wait_until 10 saw flapping 4 "$A" || fail "clear: $(seen | tail -n 1)"
[ "$(ids)" = "$A" ] || fail "more than one alert for 4 transitions: $(ids)"
echo "ok: 4 transitions, one alert $A, flapping with flaps 4"

# 2. Steady off for a flap window: it settles, resolved.
wait_until 20 saw resolved 0 "$A" || fail "did not settle: $(seen | tail -n 1)"
$py -c '
import json, sys
a = json.loads(sys.stdin.read())
ops = [(o["op"], o.get("note", ""), o.get("operator")) for o in a["ops"]]
assert ("flapping", "fired or cleared 2 times in 8s", None) in ops, ops
assert ("settled", "steady again: resolved", None) in ops, ops
assert not a["title"].endswith("(flapping)"), a["title"]
' <"$TEST_DIR/saw.json" || fail "ops or title of the settled alert"
[ "$(ids)" = "$A" ] || fail "alerts: $(ids)"
echo "ok: steady off, alert $A settled and resolved (ops flapping, settled)"

# 3. Again: a new alert, flapping; fohd restarts while it flaps.
bar 120
wait_until 10 saw firing 0 "!$A" || fail "no second alert: $(seen | tail -n 1)"
B=$(saw_field id)
bar 30
wait_until 10 saw flapping 2 "$B" || fail "B: $(seen | tail -n 1)"
bar 120
wait_until 10 saw flapping 3 "$B" || fail "B: $(seen | tail -n 1)"
[ "$(metric fohd_alerts_flapping_total)" = 2 ] &&
    [ "$(metric fohd_alerts_settled_total)" = 1 ] ||
    fail "metrics: flapping $(metric fohd_alerts_flapping_total), settled $(metric fohd_alerts_settled_total)"
echo "ok: /metrics counts 2 alerts that flapped, 1 settled"
kill -TERM $pid
wait $pid || fail "fohd exit status"
fohd_start
snapshot() {	# the alert map of B in a snapshot, as JSON
	snapshot_to "$TEST_DIR/snap.ans" || return 1
	$py - "$TEST_DIR/snap.ans" "$B" <<'EOP'
import json, sys, msgpack
b = msgpack.unpackb(next(iter(msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False))), raw=False)
a = [x for x in b["alerts"] if x["id"] == int(sys.argv[2])]
print(json.dumps(a[0]) if a else "{}")
EOP
}
snapshot | grep -q '"state": "flapping"' || fail "not restored flapping: $(snapshot)"
echo "ok: restarted fohd restored alert $B flapping"
# No reading after the restart: it held when it was saved, so it settles
# on the timer, firing, judged on the value it was saved with (not 0).
settled_firing() {
	snapshot | $py -c '
import json, sys
a = json.loads(sys.stdin.read())
ops = [(o["op"], o.get("note", "")) for o in a.get("ops", [])]
ok = a.get("state") == "firing" and a.get("flaps", 0) == 0 and \
    ("settled", "steady again: firing") in ops and \
    a.get("value", 0) > a.get("threshold", 0) and "clearing" not in a["title"]
sys.exit(0 if ok else 1)'
}
wait_until 25 settled_firing || fail "did not settle firing: $(snapshot)"
echo "ok: steady on, alert $B settled and goes on firing"
$py - "$TEST_DIR/snap.ans" "$A" "$B" <<'EOP' || fail "open alerts"
import sys, msgpack
b = msgpack.unpackb(next(iter(msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False))), raw=False)
mine = [x["id"] for x in b["alerts"] if x["rule"] == "bar-full"]
assert mine == [int(sys.argv[3])], mine
EOP
kill -TERM $pid
wait $pid || fail "fohd exit status"
