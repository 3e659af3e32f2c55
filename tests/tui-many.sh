#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# tui-many.sh: foh at 200x60 watching 300 venues over nng (ipc): 298 light
# venues served by bench/bench-venues (10 zones, 1 Hz) and 2 that never
# answer. The status bar counts them ("300 venues: 298 live ... 2
# connecting"), the venue list has its counts line and scrolls with its
# cursor, the overview is the dense list of the worst 171 in three
# columns (the two that never answered on top), whichever venue is
# selected, "shown 171 of 300, 129 more". Then the publisher is killed: every venue it served
# goes offline, counted, and the offline ones move to the top of the
# overview; restarted, all 298 come back LIVE (reconnect, snapshot). Last,
# 1025 venues on the command line: refused, saying the limit.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN"

BV=$top_builddir/bench/bench-venues
[ -x "$BV" ] || fail "no $BV (make check builds it)"
N=300
SERVED=298

conf=$TEST_DIR/foh.conf
printf '[console]\nfps = 4\n' >"$conf"
i=0
while [ $i -lt $N ]; do
	v=$(printf 'v%04d' $i)
	printf '[venue %s]\nstream = ipc://%s/%s.pub\n' "$v" "$TEST_DIR" "$v" \
	    >>"$conf"
	i=$((i + 1))
done

start_venues() {
	"$BV" "$TEST_DIR" $SERVED >"$TEST_DIR/bv.out" 2>>"$TEST_DIR/bv.log" &
	BV_PID=$!
	track $BV_PID
	wait_until 90 grep -q "^ready $SERVED" "$TEST_DIR/bv.out" ||
	    { cat "$TEST_DIR/bv.log" >&2; fail "bench-venues not ready"; }
}

start_venues
tm_start 200 60 "LANG=C.UTF-8 TERM=xterm-256color HOME=$TEST_DIR" \
    "XDG_CONFIG_HOME=$TEST_DIR $FOH -c $conf"
wait_until 90 screen_has "300 venues: 298 live 0 stale 0 offline 2 connecting" ||
    { tm_dump; fail "status bar never counted 298 of 300 live"; }
screen_has "Venues (300)" "0 off 0 stale 298 live" ||
    { tm_dump; fail "venue list: no counts line"; }
echo "ok: status bar and venue list count 300 venues, 298 live"

# The venue list scrolls with its cursor: Tab to the list, down to the
# last venue (one never heard, so named by its id); Tab back.
tm send-keys -t t Tab
tm send-keys -t t -N $((N - 1)) Down
wait_until 10 screen_has "▶ v0299" ||
    { tm_dump; fail "venue list did not scroll to the last venue"; }
tm capture-pane -p -t t | grep -q "Bench v0000" &&
    { tm_dump; fail "venue list: the first venue still shown at the end"; }
tm send-keys -t t Tab
echo "ok: the venue list scrolls with its cursor to the last venue"

# The overview is the dense list of the worst venues, whichever is
# selected (here v0299, one of the worst: never heard), in three columns
# at 200x60, saying how many it shows and how many more there are.
tm send-keys -t t 6
wait_until 10 screen_has "300 venues, worst first: 0 offline, 0 stale, 298 live, some connecting; shown 171 of 300, 129 more" ||
    { tm_dump; fail "overview: not the dense list of the worst, counted"; }
# The worst first: the two that never answered head the first column.
tm capture-pane -p -t t | sed -n 3,4p >"$TEST_DIR/top.txt"
grep -q "v0298 *CONNECTING never" "$TEST_DIR/top.txt" &&
    grep -q "v0299 *CONNECTING never" "$TEST_DIR/top.txt" ||
    { cat "$TEST_DIR/top.txt" >&2; fail "overview: connecting venues not first"; }
echo "ok: overview is a dense list, the venues never heard first"

kill $BV_PID
wait $BV_PID 2>/dev/null
wait_until 90 screen_has "300 venues: 0 live 0 stale 298 offline 2 connecting" ||
    { tm_dump; fail "publisher gone: not 298 offline"; }
wait_until 5 screen_has "298 off 0 stale 0 live" ||
    { tm_dump; fail "venue list: counts not updated"; }
tm capture-pane -p -t t | sed -n 3p >"$TEST_DIR/top.txt"
grep -q "STALE offline" "$TEST_DIR/top.txt" ||
    { cat "$TEST_DIR/top.txt" >&2; fail "overview: offline venues not first"; }
# The 129 not shown are all down too, and the selected v0299 (connecting,
# now behind 298 offline) is one of them: said, not paged to.
wait_until 5 screen_has "shown 171 of 300, 129 more (129 not live); ▶ v0299 among them" ||
    { tm_dump; fail "overview: the hidden venues not counted as down"; }
echo "ok: publisher killed: 298 offline, counted, first in the overview"

start_venues
wait_until 90 screen_has "300 venues: 298 live 0 stale 0 offline 2 connecting" ||
    { tm_dump; fail "publisher back: not 298 live again"; }
echo "ok: publisher back: 298 LIVE again"

# No q here: after a reconnect, closing 600 nng sockets one by one takes
# nng 1.5.2 minutes under load (measured at 256 venues: 97 s before issue
# 13's work, 22 s and more after); the session is ended with the test.
tm kill-session -t t

# The cap: 1024 venues a console. On the command line, the 1025th is
# refused before the screen starts, with the limit in the words (64).
set --
i=0
while [ $i -le 1024 ]; do
	set -- "$@" "ipc://$TEST_DIR/none-$i.pub"
	i=$((i + 1))
done
st=0
"$FOH" "$@" >/dev/null 2>"$TEST_DIR/cap.err" </dev/null || st=$?
[ "$st" = 64 ] || { cat "$TEST_DIR/cap.err" >&2; fail "1025 venues: status $st, want 64"; }
grep -q "too many venues: a console watches at most 1024" "$TEST_DIR/cap.err" ||
    { cat "$TEST_DIR/cap.err" >&2; fail "1025 venues: not said why"; }
echo "ok: the 1025th venue is refused: $(head -n 1 "$TEST_DIR/cap.err")"
