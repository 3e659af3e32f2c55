#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# An acknowledgement typed in a console (tmux send-keys) reaches a real
# fohd, is in its audit journal, and shows as acknowledged in a second
# console; a --kiosk console's same keys change nothing and say so.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3"

club_names
club_ingest_conf "$TEST_DIR/club.db" >"$conf"
fohd_start

# A script's view: foh --json, JSON lines on stdout.
"$FOH" --json "$stream" >"$TEST_DIR/events.jsonl" 2>/dev/null &
track $!

# Three consoles: the one that acks, a second one, and a kiosk.
tm new-session -d -x 120 -y 40 -s one \
    "LANG=C.UTF-8 $FOH --operator ana $stream 2>$TEST_DIR/one.err"
tm new-session -d -x 120 -y 40 -s two "LANG=C.UTF-8 $FOH $stream"
tm new-session -d -x 120 -y 40 -s kiosk \
    "LANG=C.UTF-8 $FOH --kiosk=600 $stream"
for s in one two kiosk; do
	wait_until 10 shows $s "Basement Club" || { tm capture-pane -p -t $s >&2; fail "$s: no venue"; }
done

# A crush on the dance floor, held past the rule's 10 s.
$client send "$ws" "" "$(held_counts dance 900)" >/dev/null || fail "readings"
for s in one two kiosk; do
	tm send-keys -t $s 2
done
wait_until 10 shows one "CRIT" "FIRING" "Dance floor" || { tm capture-pane -p -t one >&2; fail "no alert in console one"; }
wait_until 10 shows kiosk "UNACKNOWLEDGED CRITICAL" || { tm capture-pane -p -t kiosk >&2; fail "no kiosk banner"; }
echo "ok: the alert is on all three consoles; the kiosk shows its banner"

# The kiosk's keys do nothing, and say so.
tm send-keys -t kiosk a
wait_until 5 shows kiosk "read-only console" || { tm capture-pane -p -t kiosk >&2; fail "kiosk did not refuse"; }
echo "ok: the kiosk refuses: $(tm capture-pane -p -t kiosk | grep -o 'read-only console.*' | head -n 1)"

# Console one acknowledges the selected (critical, first) alert.
tm send-keys -t one a
wait_until 5 shows one "Ack #" "comment:" || fail "no comment prompt"
tm send-keys -t one -l "stewards on the way"
tm send-keys -t one Enter
wait_until 5 shows one "Expires in minutes" || fail "no expiry prompt"
tm send-keys -t one Enter
wait_until 5 shows one "Sticky (until resolved)" "[S/n]" || fail "no sticky prompt"
tm send-keys -t one Enter
wait_until 10 shows one ": done" || { tm capture-pane -p -t one >&2; fail "no answer shown"; }
wait_until 10 shows two "ACKED" "ana" || { tm capture-pane -p -t two >&2; fail "console two: not acknowledged"; }
echo "ok: acknowledged in console one, seen in console two"
"$FOHD" history -c "$conf" --format jsonl >"$TEST_DIR/h.jsonl" || fail "history"
grep '"op": *"ack"' "$TEST_DIR/h.jsonl" | grep -q 'stewards on the way' ||
    { cat "$TEST_DIR/h.jsonl" >&2; fail "the ack is not in the journal"; }
n=$(grep -c '"op": *"ack"' "$TEST_DIR/h.jsonl")
[ "$n" = 1 ] || fail "$n acks in the journal, want 1 (the kiosk must add none)"
echo "ok: the journal holds the ack, and only that one"
json_acked() {
	"$DEBIAN_PYTHON3" - "$TEST_DIR/events.jsonl" <<'EOP'
import json, sys
seen = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
a = [e for e in seen if e["type"] == "alert" and e["state"] == "acknowledged"
     and e["acked_by"] == "ana" and e["subject"] == "dance"]
f = [e for e in seen if e["type"] == "alert" and e["state"] == "firing"]
v = [e for e in seen if e["type"] == "venue" and e["link"] == "live"]
sys.exit(0 if a and f and v else 1)
EOP
}
wait_until 10 json_acked || { cat "$TEST_DIR/events.jsonl" >&2; fail "foh --json did not report the firing and acknowledged alert"; }
echo "ok: foh --json reported the alert firing, then acknowledged by ana"
for s in one two kiosk; do
	tm send-keys -t $s q
done
