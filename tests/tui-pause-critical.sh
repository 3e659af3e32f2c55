#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# A pause never hides a critical alert. With the alert queue paused, a
# new warning pushed into the club's fohd is counted in the status bar at
# once but not drawn in the frozen queue; a new critical alert ends the
# pause by itself, the key line says why, and the queue shows it.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3" "$NNGCAT"

club_names
club_ingest_conf "$TEST_DIR/club.db" >"$conf"

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

# q now asks, naming the one.
tm send-keys -t t q
wait_until 5 keyline_has "Quit? 1 critical alert is unacknowledged (y/n)" ||
    { tm_dump; fail "q did not ask about the one critical"; }
tm send-keys -t t y
wait_until 10 tm_exited || { tm_dump; fail "y did not quit"; }
[ "$(cat "$TEST_DIR/status")" = 0 ] || fail "exit status $(cat "$TEST_DIR/status")"
echo "ok: q asks about the 1 critical; y quits with 0"
