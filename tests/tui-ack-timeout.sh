#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# An ack typed while the venue's agent cannot answer ends visibly, "not
# carried out: no answer in 10 s", and is not carried out later: not when
# fohd is restarted after a kill (the console cancelled the request, so
# nng does not send it again), and not when a stopped fohd resumes (the
# request's deadline_ms has passed on the agent's clock).
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3" "$NNGCAT"

club_names
club_ingest_conf "$TEST_DIR/club.db" >"$conf"

push() {	# push SUBJECT: a warning from source probe
	$client send "$ws" "" "{\"kind\":\"external_alert\",\"source\":\"probe\",\"subject\":\"$1\",\"severity\":\"warning\",\"title\":\"probe $1\"}" \
	    >"$TEST_DIR/push.out" || fail "push: $(cat "$TEST_DIR/push.out")"
}
# The journal's rows for an ack with this comment that was carried out.
acks_done() {	# acks_done COMMENT
	"$FOHD" history -c "$conf" --format jsonl |
	    grep '"op":"ack"' | grep "\"note\":\"$1\"" | grep -c '"result":"done"'
}
ack_done() {
	[ "$(acks_done "$1")" != 0 ]
}
# ack_typed COMMENT: acknowledge the alert under the cursor (filter
# /probe); its id in $x.
ack_typed() {
	tm send-keys -t t a
	wait_until 5 keyline_has "Ack #" || { tm_dump; fail "no ack prompt"; }
	x=$(keyline | sed -n 's/.*Ack #\([0-9][0-9]*\) .*/\1/p')
	ack_answers "$1"
}

fohd_start
push w1
push w2
tm_start 150 40 "LANG=C.UTF-8 $FOH --operator ana $stream"
wait_until 10 screen_has "Basement Club" || { tm_dump; fail "no venue"; }
tm send-keys -t t 2 /
wait_until 5 keyline_has "Filter:" || { tm_dump; fail "no filter prompt"; }
tm send-keys -t t -l probe
tm send-keys -t t Enter
wait_until 10 screen_has "probe w1" "probe w2" || { tm_dump; fail "no alerts"; }

# 1. fohd killed: the ack times out; fohd restarted: it is not made.
kill -9 $pid
wait $pid 2>/dev/null
t0=$(now_ms)
ack_typed "ack while killed"
wait_until 15 screen_has "ack #$x club: not carried out: no answer in 10 s" ||
    { tm_dump; fail "the ack while fohd was dead did not end 'not carried out'"; }
took=$(( $(now_ms) - t0 ))
[ $took -ge 9000 ] || fail "gave up after $took ms, before 10 s"
echo "ok: the ack of #$x while fohd was dead ends 'not carried out: no answer in 10 s' after $took ms"
fohd_start
push w1
push w2
wait_until 10 screen_has "probe w1" "LIVE" || { tm_dump; fail "the console did not reconnect"; }
# A request that the console got answered after the restart: its own
# answer comes after any resend of the old one on the same socket.
tm send-keys -t t Home
ack_typed "ack after restart"
wait_until 10 screen_has "ack #$x club:" "done" || { tm_dump; fail "no ack after the restart"; }
wait_until 10 ack_done "ack after restart" || fail "the ack after the restart is not in the journal"
if wait_until 3 ack_done "ack while killed"; then
	"$FOHD" history -c "$conf" --format jsonl >&2
	fail "the timed-out ack was carried out after fohd's restart"
fi
echo "ok: after fohd's restart the timed-out ack is not carried out; a new one is"

# 2. fohd stopped: the request sits in its socket; the agent must refuse
# it by its deadline when it resumes. Only an agent that checks
# deadline_ms can (PROTOCOL.md 6.9): ask it first.
expired=$($py - "$top_srcdir/tests" "$control" <<'EOP'
import sys
sys.path.insert(0, sys.argv[1])
import control_client
a = control_client.ask(sys.argv[2], {"v": 1, "kind": "request", "id": 77,
    "op": "comment", "operator": "ana", "alert": 1, "comment": "late",
    "deadline_ms": 1})
print(a.get("code", a.get("status")))
EOP
)
if [ "$expired" != expired ]; then
	echo "SKIP part: this fohd does not check deadline_ms (answered $expired), so a stopped fohd carries out what waited in its socket"
	exit 0
fi
tm send-keys -t t j
kill -STOP $pid
ack_typed "ack while stopped"
wait_until 15 screen_has "ack #$x club: not carried out: no answer in 10 s" ||
    { tm_dump; fail "the ack while fohd was stopped did not end 'not carried out'"; }
kill -CONT $pid
"$FOH" comment "$control" "$x" -m "resumed" -o ana >"$TEST_DIR/oneshot.out" ||
    fail "fohd did not answer after SIGCONT: $(cat "$TEST_DIR/oneshot.out")"
if wait_until 3 ack_done "ack while stopped"; then
	"$FOHD" history -c "$conf" --format jsonl >&2
	fail "the timed-out ack was carried out when fohd resumed"
fi
echo "ok: after SIGCONT the timed-out ack of #$x is not carried out (its deadline passed)"
tm_quit
wait_until 5 tm_exited || fail "foh did not quit"
