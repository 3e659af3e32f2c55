#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The pause key and the quit question.
#  - On the live demo, p freezes the main panel (its densities stop
#    changing) while the status bar's clock goes on and says PAUSED and
#    for how long; p again and the panel moves again.
#  - With critical alerts unacknowledged (the frozen demo has two), q asks
#    y/n naming how many: n keeps foh running, y quits with status 0; :q
#    asks the same.
#  - With none (the demo's first second), q quits at once; a kiosk quits
#    at once whatever is open, and is never paused.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN"

# main: the main panel's text (right of the venue list's rule, between
# the status bar and the key line).
main() {
	tm_screen | sed '1d;$d' | sed 's/^[^│]*│//'
}
# status: the status bar.
status() {
	tm_screen | head -n 1
}
# main_is FILE: the main panel is FILE's text.
main_is() {
	main >"$TEST_DIR/main.now"
	cmp -s "$1" "$TEST_DIR/main.now"
}
# main_moved FILE: the main panel is not FILE's text.
main_moved() {
	! main_is "$1"
}
# status_moved FILE: the status bar is not FILE's text.
status_moved() {
	[ "$(status)" != "$(cat "$1")" ]
}
# run ARGS: foh ARGS in a 120x40 session.
run() {
	tm kill-session -t t 2>/dev/null
	tm_start 120 40 "env TZ=UTC LANG=C.UTF-8 TERM=xterm-256color" \
	    "XDG_CONFIG_HOME=$TEST_DIR USER=golden $FOH --demo --seed 0 $*"
	wait_until 20 screen_has "3 live" "City Arena" ||
	    { tm_dump; fail "demo did not come up ($*)"; }
}

# Pause: the live demo's heat map changes every second or so.
run
main >"$TEST_DIR/main.0"
wait_until 20 main_moved "$TEST_DIR/main.0" || { tm_dump; fail "the demo's heat map does not move"; }
tm send-keys -t t p
wait_until 5 screen_has " PAUSED " || { tm_dump; fail "p: no PAUSED in the status bar"; }
main >"$TEST_DIR/main.1"
status >"$TEST_DIR/status.1"
# Three seconds on: the clock and the pause's age moved, the panel did not.
wait_until 10 screen_has "PAUSED 3s" || { tm_dump; fail "PAUSED does not count"; }
status_moved "$TEST_DIR/status.1" || { tm_dump; fail "the status bar stopped"; }
main_is "$TEST_DIR/main.1" || {
	diff "$TEST_DIR/main.1" "$TEST_DIR/main.now" >&2
	tm_dump; fail "the main panel changed while paused"
}
# The key that changes the view paints it once, and it stays frozen.
echo "ok: p freezes the heat map; the status bar's clock and PAUSED go on"
tm send-keys -t t p
wait_until 5 keyline_has "live again" || { tm_dump; fail "p again: not live again"; }
screen_has "PAUSED" && { tm_dump; fail "PAUSED stays after p"; }
wait_until 20 main_moved "$TEST_DIR/main.1" || { tm_dump; fail "the heat map does not move after p"; }
echo "ok: p again and the heat map moves"

# Quit with no critical alert open: at once. (The demo's first second.)
run --freeze 1
status | grep -q "crit unacked" && { tm_dump; fail "criticals in the first second"; }
tm send-keys -t t q
wait_until 10 tm_exited || { tm_dump; fail "q with no critical open did not quit"; }
[ "$(cat "$TEST_DIR/status")" = 0 ] || fail "q: status $(cat "$TEST_DIR/status")"
echo "ok: q with no critical unacknowledged quits at once"

# Two critical alerts unacknowledged: q asks; n stays; :q asks; y quits.
run --freeze 120
wait_until 10 screen_has "2 crit unacked" || { tm_dump; fail "no criticals at 120 s"; }
tm send-keys -t t q
wait_until 5 keyline_has "Quit? 2 critical alerts are unacknowledged (y/n)" ||
    { tm_dump; fail "q did not ask"; }
tm send-keys -t t n
wait_until 5 keyline_has "not quitting" || { tm_dump; fail "n: not said"; }
tm_exited && fail "n quit"
tm send-keys -t t 3
wait_until 5 screen_has "City Arena equipment" || { tm_dump; fail "foh does not answer keys after n"; }
tm send-keys -t t :
tm send-keys -t t -l q
tm send-keys -t t Enter
wait_until 5 keyline_has "Quit? 2 critical alerts" || { tm_dump; fail ":q did not ask"; }
tm send-keys -t t Escape
wait_until 5 keyline_has "not quitting" || { tm_dump; fail "Esc: not said"; }
tm send-keys -t t q
wait_until 5 keyline_has "(y/n)" || { tm_dump; fail "q did not ask again"; }
tm send-keys -t t y
wait_until 10 tm_exited || { tm_dump; fail "y did not quit"; }
[ "$(cat "$TEST_DIR/status")" = 0 ] || fail "y: status $(cat "$TEST_DIR/status")"
echo "ok: q and :q ask with 2 criticals open; n and Esc stay; y quits with 0"

# At 80 columns the venue counts shorten so that the status bar keeps both
# the alert counts and PAUSED; the key line starts with it.
tm kill-session -t t 2>/dev/null
tm_start 80 24 "env TZ=UTC LANG=C.UTF-8 TERM=xterm-256color" \
    "XDG_CONFIG_HOME=$TEST_DIR USER=golden $FOH --demo --seed 0 --freeze 120"
wait_until 20 screen_has "2 crit unacked" || { tm_dump; fail "80x24: no criticals"; }
tm send-keys -t t p
wait_until 5 keyline_has "paused" || { tm_dump; fail "80x24: p did not pause"; }
status | grep -q "alerts C2 W9 I0, 2 crit unacked" ||
    { tm_dump; fail "80x24 paused: the status bar lost the critical count"; }
status | grep -q " PAUSED " ||
    { tm_dump; fail "80x24 paused: no PAUSED in the status bar"; }
echo "ok: at 80 columns, paused, the status bar keeps \"2 crit unacked\" and PAUSED"
tm_quit
wait_until 10 tm_exited || { tm_dump; fail "80x24: did not quit"; }

# Narrow: the quit question keeps its "(y/n)" whole at every width (at
# 44 and 60 columns it was once cut before it).
for w in 44 60; do
	tm kill-session -t t 2>/dev/null
	tm_start $w 24 "env TZ=UTC LANG=C.UTF-8 TERM=xterm-256color" \
	    "XDG_CONFIG_HOME=$TEST_DIR USER=golden $FOH --demo --seed 0 --freeze 120"
	wait_until 20 screen_has "2 crit unacked" || { tm_dump; fail "${w}x24: no criticals"; }
	tm send-keys -t t q
	wait_until 5 keyline_has "(y/n)" || { tm_dump; fail "${w}x24: the quit question lost its (y/n)"; }
	tm send-keys -t t y
	wait_until 10 tm_exited || { tm_dump; fail "${w}x24: y did not quit"; }
	echo "ok: ${w}x24: the quit question shows (y/n); y quits"
done

# A kiosk: never paused; q quits at once though criticals are open.
run --freeze 120 --kiosk
wait_until 10 screen_has "UNACKNOWLEDGED CRITICAL" || { tm_dump; fail "no kiosk banner"; }
tm send-keys -t t p
wait_until 5 keyline_has "a kiosk is never paused" || { tm_dump; fail "p in a kiosk"; }
screen_has "PAUSED" && { tm_dump; fail "a kiosk paused"; }
tm send-keys -t t q
wait_until 10 tm_exited || { tm_dump; fail "q in a kiosk did not quit"; }
[ "$(cat "$TEST_DIR/status")" = 0 ] || fail "kiosk q: status $(cat "$TEST_DIR/status")"
echo "ok: a kiosk is never paused, and q quits it at once"
