#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# foh against a real fohd over ipc: LIVE while it beats; STALE when the agent
# hangs (SIGSTOP: connection up, heartbeats stopped); STALE and offline when
# it is killed; LIVE again, resynchronised, when a new fohd starts. While
# stale its heat map is greyed: the zones lose their band colours.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3"

# map_bg N: the map's cells use at least N background colours (-N: at most)
map_bg() {
	tm capture-pane -p -e -t t | "$DEBIAN_PYTHON3" \
	    "$top_srcdir/tests/screen_colours.py" map-bg "$1" >"$TEST_DIR/bg.txt"
}

conf="$top_srcdir/conf/club.conf"
stream="ipc://$TEST_DIR/club.pub"
control="ipc://$TEST_DIR/club.ctl"

start_fohd() {
	"$FOHD" -c "$conf" --stream "$stream" --control "$control" \
	    2>>"$TEST_DIR/fohd.log" &
	FOHD_PID=$!
	track $FOHD_PID
}

start_fohd
tm_start 120 40 "LANG=C.UTF-8 TERM=xterm-256color $FOH $stream"
wait_until 10 screen_has "Basement Club" "LIVE" "Dance floor" ||
    { tm_dump; cat "$TEST_DIR/fohd.log" >&2; fail "club never LIVE"; }
wait_until 10 map_bg 2 || { cat "$TEST_DIR/bg.txt" >&2; fail "live map not in band colours"; }
echo "ok: LIVE with the club's zones, $(cat "$TEST_DIR/bg.txt")"

kill -STOP $FOHD_PID
wait_until 10 screen_has "STALE" || { tm_dump; fail "no STALE after SIGSTOP"; }
wait_until 10 map_bg -1 || { cat "$TEST_DIR/bg.txt" >&2; fail "stale map still in band colours"; }
echo "ok: STALE when heartbeats stop; greyed: $(cat "$TEST_DIR/bg.txt")"
kill -CONT $FOHD_PID
wait_until 10 screen_has "LIVE" || { tm_dump; fail "no LIVE after SIGCONT"; }
echo "ok: LIVE again when they resume"

kill -KILL $FOHD_PID
wait $FOHD_PID 2>/dev/null
wait_until 10 screen_has "STALE" "offline" ||
    { tm_dump; fail "no STALE/offline after kill"; }
echo "ok: STALE and offline when fohd is killed"

start_fohd
wait_until 15 screen_has "LIVE" "Dance floor" ||
    { tm_dump; cat "$TEST_DIR/fohd.log" >&2; fail "no LIVE after restart"; }
echo "ok: reconnects and resyncs to a new fohd"

tm_quit
wait_until 5 tm_exited || { tm_dump; fail "q did not exit"; }
[ "$(cat "$TEST_DIR/status")" = 0 ] || fail "exit status not 0"
