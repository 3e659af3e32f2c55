#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# A pause never hides a critical alert. With the alert queue paused, a
# new warning pushed into the club's fohd is counted in the status bar at
# once but not drawn in the frozen queue; a new critical alert ends the
# pause by itself, the key line says why, and the queue shows it. Paused
# again, the critical acknowledged and another fired while foh is stopped
# (SIGSTOP: both reach it between two frames, so their number does not
# change): the pause ends too, for the pause keeps which criticals it saw.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3" "$NNGCAT"

club_names
# Without the club's amplifier: its heartbeat would stop and fire a
# critical of its own at a moment of its choosing.
club_conf "$TEST_DIR/club.db" |
    awk '/^\[/ { skip = ($0 == "[device amp-main]") } !skip' >"$conf"
grep -q amp-main "$conf" && fail "the amplifier is still in $conf"

push() {	# push SUBJECT SEVERITY: an alert from source probe
	$client send "$ws" "" "{\"kind\":\"external_alert\",\"source\":\"probe\",\"subject\":\"$1\",\"severity\":\"$2\",\"title\":\"probe $1\"}" \
	    >"$TEST_DIR/push.out" || fail "push: $(cat "$TEST_DIR/push.out")"
}
# status_has TEXT: the status bar shows TEXT.
status_has() {
	tm_screen | head -n 1 | grep -qF -- "$1"
}

fohd_start
push w1 warning
tm_start 120 40 "env LANG=C.UTF-8 TERM=xterm-256color $FOH --operator ana $stream"
wait_until 10 screen_has "Basement Club" || { tm_dump; fail "no venue"; }
tm send-keys -t t 2
wait_until 10 screen_has "probe w1" || { tm_dump; fail "no alert in the queue"; }
wait_until 10 status_has "alerts C0 W1" || { tm_dump; fail "status bar: not C0 W1"; }

tm send-keys -t t p
wait_until 5 status_has " PAUSED " || { tm_dump; fail "p: not paused"; }
push w2 warning
wait_until 10 status_has "alerts C0 W2" || { tm_dump; fail "paused: the status bar does not count the new warning"; }
status_has " PAUSED " || { tm_dump; fail "a warning ended the pause"; }
screen_has "probe w2" && { tm_dump; fail "the frozen queue shows the new warning"; }
echo "ok: paused, a new warning is counted in the status bar, not drawn"

push c1 critical
wait_until 10 keyline_has "live again: a new critical alert" ||
    { tm_dump; fail "a new critical did not end the pause"; }
status_has "PAUSED" && { tm_dump; fail "PAUSED stays after a new critical"; }
wait_until 10 screen_has "probe c1" "probe w2" || { tm_dump; fail "the queue does not show the critical"; }
status_has "1 crit unacked" || { tm_dump; fail "the status bar does not count the critical"; }
echo "ok: a new critical ends the pause and is shown"

# fire_id SUBJECT: the id of the alert fired about SUBJECT, from the
# journal (empty if none yet).
fire_id() {
	"$FOHD" history -c "$conf" --format jsonl | grep '"op":"fire"' |
	    grep "\"note\":\"probe $1\"" | sed -n 's/.*"alert":\([0-9]*\).*/\1/p' | head -n 1
}
fired() {
	[ -n "$(fire_id "$1")" ]
}
tm send-keys -t t p
wait_until 5 status_has " PAUSED " || { tm_dump; fail "p again: not paused"; }
c1=$(fire_id c1)
[ -n "$c1" ] || fail "no id for the critical c1"
foh_pid=$(pgrep -P "$(tm display-message -p -t t '#{pane_pid}')" -x foh) ||
    fail "no foh process"
kill -STOP "$foh_pid"
r=$($ctl "$control" ack ana id=7 alert="$c1" comment=seen)
[ "$(answer status "$r")" = done ] || { kill -CONT "$foh_pid"; fail "ack: $r"; }
push c2 critical
wait_until 10 fired c2 || { kill -CONT "$foh_pid"; fail "c2 did not fire"; }
kill -CONT "$foh_pid"
wait_until 10 keyline_has "live again: a new critical alert" ||
    { tm_dump; fail "one critical acked, another fired: the pause stays"; }
wait_until 10 screen_has "probe c2" || { tm_dump; fail "the queue does not show c2"; }
status_has "1 crit unacked" || { tm_dump; fail "the status bar does not count c2 alone"; }
echo "ok: one critical acknowledged and another fired at once end the pause"

# q now asks, naming the one.
tm send-keys -t t q
wait_until 5 keyline_has "Quit? 1 critical alert is unacknowledged (y/n)" ||
    { tm_dump; fail "q did not ask about the one critical"; }
tm send-keys -t t y
wait_until 10 tm_exited || { tm_dump; fail "y did not quit"; }
[ "$(cat "$TEST_DIR/status")" = 0 ] || fail "exit status $(cat "$TEST_DIR/status")"
echo "ok: q asks about the 1 critical; y quits with 0"
