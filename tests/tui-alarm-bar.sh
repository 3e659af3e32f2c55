#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Never a hidden critical, however small the terminal (issue 14's review).
#  - The status bar keeps "N crit unacked" on line 1 at 80x24 with 12 and
#    100 demo venues and at 40x12 with 3: the venue counts shorten, the
#    clock and title go first.
#  - Paused, PAUSED starts the key line even while a message shows, and
#    the status bar at 40 columns shows both PAUSED and the count.
#  - Below 40x12 the first line carries the counts (the words about the
#    size shorten to "too small", whole on line 3); q's question shows on
#    line 2; n stays, y quits.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN"

ENV="env TZ=UTC LANG=C.UTF-8 TERM=xterm-256color XDG_CONFIG_HOME=$TEST_DIR USER=golden"
line1() {
	tm_screen | head -n 1
}
line1_has() {	# line1_has TEXT...
	for _t in "$@"; do
		case "$(line1)" in *"$_t"*) ;; *) return 1 ;; esac
	done
}
run() {	# run W H ARGS: foh --demo ARGS frozen at 120 s in a W x H session
	tm kill-session -t t 2>/dev/null
	_w=$1 _h=$2
	shift 2
	tm_start "$_w" "$_h" "$ENV $FOH --seed 0 --freeze 120 $*"
}

for n in 12 100; do
	run 80 24 --demo=$n
	wait_until 60 line1_has "$n live" ||
	    { tm_dump; fail "80x24 $n venues: not all live"; }
	wait_until 10 line1_has "crit unacked" ||
	    { tm_dump; fail "80x24 $n venues: no crit unacked on line 1"; }
	echo "ok: 80x24, $n venues: $(line1 | sed 's/  *$//')"
done

run 40 12 --demo
wait_until 20 line1_has "2 crit unacked" ||
    { tm_dump; fail "40x12: no \"2 crit unacked\" on line 1"; }
echo "ok: 40x12, 3 venues: $(line1 | sed 's/  *$//')"
tm send-keys -t t p
wait_until 5 keyline_has "PAUSED" || { tm_dump; fail "40x12: p did not pause"; }
case "$(keyline | sed 's/^ *//')" in
"PAUSED "*) ;;
*) tm_dump; fail "40x12 paused: the key line does not start with PAUSED" ;;
esac
line1_has "2 crit unacked" "PAUSED" ||
    { tm_dump; fail "40x12 paused: line 1 lacks PAUSED or the count"; }
echo "ok: 40x12 paused: $(line1 | sed 's/  *$//') / $(keyline | sed 's/  *$//')"

# A message (6 s) after PAUSED, not over it: 80 columns, a view key's.
run 80 24 --demo
wait_until 20 line1_has "2 crit unacked" || { tm_dump; fail "80x24: no criticals"; }
tm send-keys -t t p
wait_until 5 keyline_has "paused: the view is frozen" || { tm_dump; fail "80x24: no pause message"; }
case "$(keyline | sed 's/^ *//')" in
"PAUSED "*"paused: the view is frozen"*) ;;
*) tm_dump; fail "80x24: the pause's message hides PAUSED" ;;
esac
echo "ok: 80x24 paused, a message: $(keyline | sed 's/  *$//')"

# Shrunk below 40x12: the counts, then q asks on line 2.
tm resize-window -t t -x 30 -y 10
wait_until 10 line1_has "too small" "2 crit unacked" ||
    { tm_dump; fail "30x10: no counts on the too small line"; }
tm_screen | sed -n 3p | grep -q "too small: 30x10, needs 40x12" ||
    { tm_dump; fail "30x10: the size is not said on line 3"; }
echo "ok: 30x10: $(line1 | sed 's/  *$//') / $(tm_screen | sed -n 3p)"
tm resize-window -t t -x 20 -y 6
wait_until 10 line1_has "2 crit unacked" ||
    { tm_dump; fail "20x6: the count gave way"; }
echo "ok: 20x6: $(line1 | sed 's/  *$//')"
tm send-keys -t t q
wait_until 5 eval 'tm_screen | sed -n 2p | grep -q "Quit? (y/n)"' ||
    { tm_dump; fail "too small: q's question not shown"; }
tm send-keys -t t n
wait_until 5 eval 'tm_screen | sed -n 2p | grep -q "not quitting"' ||
    { tm_dump; fail "too small: n not said"; }
tm_exited && fail "too small: n quit"
tm send-keys -t t q
wait_until 5 eval 'tm_screen | sed -n 2p | grep -q "(y/n)"' ||
    { tm_dump; fail "too small: q did not ask again"; }
tm send-keys -t t y
wait_until 10 tm_exited || { tm_dump; fail "too small: y did not quit"; }
[ "$(cat "$TEST_DIR/status")" = 0 ] || fail "too small: status $(cat "$TEST_DIR/status")"
echo "ok: too small: q asks on line 2, n stays, y quits"
