#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Every terminal: under TERM=xterm (PuTTY's default) End and Home arrive in
# the forms xterm's terminfo does not list (ESC [ 4 ~ and ESC [ 1 ~ from
# PuTTY, ESC [ 8 ~ and ESC [ 7 ~ from rxvt, ESC [ F / ESC [ H and ESC O F /
# ESC O H from xterm itself), sent here as raw bytes: each is one key (the
# queue's cursor to the last row, to the first) and not Esc and three more
# (leave the view, previous venue, ...); F1 as ESC [ 11 ~ opens the help.
# TERM=dumb, and a terminal below 40x12, are refused at start with exit 69
# and a message saying why; a terminal made that small while foh runs
# shows one line saying so, and the layout comes back when it grows; at
# 40x12 itself the view takes the width and Tab swaps in the venue list.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN"

# pos: the queue's "N/M" at the end of its heading.
pos() {
	tm_screen | grep -E 'Alerts \(' | grep -oE '[0-9]+/[0-9]+ *$' |
	    tr -d ' '
}
at_row() {	# at_row N: the queue's cursor is on row N (or "last")
	_p=$(pos)
	[ -n "$_p" ] || return 1
	if [ "$1" = last ]; then
		[ "${_p%/*}" = "${_p#*/}" ]
	else
		[ "${_p%/*}" = "$1" ]
	fi
}
# Still the queue, on the arena (Esc would have left the view; '[' is the
# previous venue).
unmoved() {
	screen_has "Alerts (" "▶ City Arena" ||
	    { tm_dump; fail "after $1: the view or the venue changed"; }
}

tm_start 120 40 "env TZ=UTC LANG=C.UTF-8 TERM=xterm" \
    "XDG_CONFIG_HOME=$TEST_DIR $FOH --demo --freeze 120"
wait_until 20 screen_has "3 live" "City Arena" || { tm_dump; fail "demo did not come up"; }
tm send-keys -t t 2
wait_until 10 at_row 1 || { tm_dump; fail "no alert queue"; }
n=$(pos)
[ "${n#*/}" -ge 3 ] || { tm_dump; fail "the queue has too few rows ($n)"; }

# end HOME-HEX END-HEX NAME: End then Home in one terminal's form.
ends() {
	# shellcheck disable=SC2086
	tm send-keys -t t -H $2
	wait_until 10 at_row last || { tm_dump; fail "$3 End: not on the last row ($(pos))"; }
	unmoved "$3 End"
	# shellcheck disable=SC2086
	tm send-keys -t t -H $1
	wait_until 10 at_row 1 || { tm_dump; fail "$3 Home: not on the first row ($(pos))"; }
	unmoved "$3 Home"
	echo "ok: $3: End and Home are one key each (${n#*/} rows)"
}
ends "1b 5b 31 7e" "1b 5b 34 7e" "PuTTY (ESC [1~ ESC [4~)"
ends "1b 5b 37 7e" "1b 5b 38 7e" "rxvt (ESC [7~ ESC [8~)"
ends "1b 5b 48" "1b 5b 46" "xterm (ESC [H ESC [F)"
ends "1b 4f 48" "1b 4f 46" "xterm application mode (ESC OH ESC OF)"

# F1 in PuTTY's and rxvt's form: the help, and nothing else.
tm send-keys -t t -H 1b 5b 31 31 7e
wait_until 10 screen_has "Navigation" "PgUp PgDn scroll" || { tm_dump; fail "ESC [11~ did not open the help"; }
screen_has "▶ City Arena" || { tm_dump; fail "F1 changed the venue"; }
echo "ok: F1 (ESC [11~) opens the help"

# Too small while running: one line, then the layout again.
tm resize-window -t t -x 80 -y 8
wait_until 10 screen_has "terminal too small (80x8, needs 40x12)" ||
    { tm_dump; fail "no 'too small' line at 80x8"; }
tm resize-window -t t -x 30 -y 8
wait_until 10 screen_has "too small: 30x8, needs 40x12" ||
    { tm_dump; fail "no 'too small' line at 30x8"; }
tm resize-window -t t -x 100 -y 30
wait_until 10 screen_has "Venues (3)" "? help  q quit" ||
    { tm_dump; fail "the layout did not come back at 100x30"; }
echo "ok: resized to 80x8 and 30x8: 'too small'; back at 100x30"
# The minimum itself, 40x12: the view in front takes the width, Tab puts
# the venue list in its place and Enter gives the view back.
tm resize-window -t t -x 40 -y 12
tm send-keys -t t 2
wait_until 10 screen_has "Alerts (" "CRIT" ||
    { tm_dump; fail "40x12: no alert queue"; }
tm send-keys -t t Tab
wait_until 10 screen_has "Venues (3)" "City Arena" ||
    { tm_dump; fail "40x12: Tab did not show the venue list"; }
tm send-keys -t t Enter
wait_until 10 screen_has "Alerts (" || { tm_dump; fail "40x12: Enter did not give the view back"; }
echo "ok: 40x12: the queue, Tab the venue list, Enter the queue again"
tm_quit
wait_until 10 tm_exited || { tm_dump; fail "q did not quit"; }

# Refused at start: TERM=dumb, an unknown TERM, and a 30x8 pane.
for term in dumb no-such-terminal; do
	rc=0
	TERM=$term "$FOH" --demo </dev/null >/dev/null 2>"$TEST_DIR/err" ||
	    rc=$?
	[ "$rc" = 69 ] || fail "TERM=$term: exit $rc, not 69"
	case $term in
	dumb) want="^foh: TERM=dumb cannot move the cursor.*at least 40x12" ;;
	*) want="^foh: TERM=$term: no such terminal" ;;
	esac
	grep -q "$want" "$TEST_DIR/err" ||
	    { cat "$TEST_DIR/err" >&2; fail "TERM=$term: no message"; }
	echo "ok: TERM=$term: 69, $(cat "$TEST_DIR/err")"
done
tm kill-session -t t 2>/dev/null
tm_start 30 8 "env LANG=C.UTF-8 TERM=xterm-256color" \
    "XDG_CONFIG_HOME=$TEST_DIR $FOH --demo"
wait_until 10 tm_exited || { tm_dump; fail "foh runs in a 30x8 pane"; }
[ "$(cat "$TEST_DIR/status")" = 69 ] ||
    { tm_dump; fail "30x8: exit $(cat "$TEST_DIR/status"), not 69"; }
grep -q "the terminal is 30x8; foh needs at least 40x12" \
    "$TEST_DIR/stderr" || { tm_dump; fail "30x8: no message"; }
echo "ok: 30x8: 69, $(cat "$TEST_DIR/stderr")"
