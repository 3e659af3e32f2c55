#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# foh over a slow link (issue 14): tests/slow_tty.py passes its output on
# to tmux at 4000 bytes/s (32 kbit/s), tmux answers its status reports.
# --link slow draws the heat map without its raster and says so (map
# heading, diagnostics); with the default (auto) foh finds the link slow by
# itself and does the same; once the link is fast again the screen catches
# up with live (the status bar's clock); a critical alert fired behind the
# slow link is shown. Answers lost (the relay drops them, SIGUSR2): with
# answers fast a frame waits for a lost one about a second, not 10 s (the
# clock goes on); behind a slow link that lost them, a venue going offline
# is shown at once, not when the next frame would go. Other timing is
# bench/bench-link.py's, not this test's.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3"

relay="$DEBIAN_PYTHON3 $top_srcdir/tests/slow_tty.py"

# The status bar's clock (TZ=UTC) within 3 s of now.
clock_live() {
	_c=$(tm_screen | head -n 1 | grep -oE '[0-9]{2}:[0-9]{2}:[0-9]{2} *$' |
	    tr -d ' ')
	[ -n "$_c" ] || return 1
	_shown=$(date -u -d "$_c" +%s 2>/dev/null) || return 1
	_d=$(( $(date -u +%s) - _shown ))
	[ $_d -ge -3 ] && [ $_d -le 3 ]
}
# The status bar's clock, in seconds since the epoch (TZ=UTC).
clock_at() {
	_c=$(tm_screen | head -n 1 | grep -oE '[0-9]{2}:[0-9]{2}:[0-9]{2} *$' |
	    tr -d ' ')
	[ -n "$_c" ] && date -u -d "$_c" +%s 2>/dev/null
}
# The clock shows $1 or later.
clock_past() {
	_s=$(clock_at) && [ "$_s" -ge "$1" ]
}
# The relay's dropped answers: at least $1.
dropped() {
	[ "$(cat "$TEST_DIR/dropped" 2>/dev/null || echo 0)" -ge "$1" ]
}
# The relay under the pane's shell.
relay_pid() {
	_sh=$(tm display -p -t t '#{pane_pid}')
	pgrep -P "$_sh" | head -n 1
}
# q, and foh (through the relay) exits 0.
quit() {
	tm_quit
	wait_until 30 tm_exited || { tm_dump; fail "$1: q did not exit"; }
	st=$(cat "$TEST_DIR/status")
	[ "$st" = 0 ] || { tm_dump; fail "$1: exit status $st"; }
	tm kill-session -t t 2>/dev/null || :
}

# 1. --link slow: no raster from the start, and it says so.
tm_start 120 40 "LANG=C.UTF-8 TZ=UTC $FOH --demo --seed 4 --link slow"
wait_until 20 screen_has "City Arena" "slow link: no raster" ||
    { tm_dump; fail "--link slow: the map heading does not say so"; }
tm send-keys -t t 5
wait_until 10 screen_has "Terminal link: slow" "flat fills (slow link)" ||
    { tm_dump; fail "--link slow: not in the diagnostics"; }
echo "ok: --link slow: $(tm_screen | grep -o 'Terminal link:.*' | sed 's/ *$//')"
quit "--link slow"

# 2. The default over 32 kbit/s: found slow, the raster dropped.
tm_start 200 60 "LANG=C.UTF-8 TZ=UTC $relay 4000 $FOH --demo --seed 4"
wait_until 30 screen_has "City Arena" ||
    { tm_dump; fail "auto: nothing through the slow link"; }
wait_until 120 screen_has "slow link: no raster" ||
    { tm_dump; fail "auto: the slow link was not found"; }
tm send-keys -t t 5
wait_until 60 screen_has "Terminal link: auto" "flat fills (slow link)" ||
    { tm_dump; fail "auto: the diagnostics do not say the link is slow"; }
echo "ok: auto: $(tm_screen | grep -o 'Terminal link:.*' | sed 's/ *$//')"

# 3. The limit lifted: the screen catches up with live.
shell=$(tm display -p -t t '#{pane_pid}')
rpid=$(pgrep -P "$shell" | head -n 1)
[ -n "$rpid" ] || { tm_dump; fail "no relay process under $shell"; }
kill -USR1 "$rpid"
wait_until 30 clock_live ||
    { tm_dump; fail "the clock did not catch up with $(date -u +%T)"; }
echo "ok: the limit lifted, the clock is live: $(tm_screen | head -n 1 |
    grep -oE '[0-9:]{8} *$')"
quit "auto"

# 4. A critical alert fired behind the slow link is shown.
club_names
club_ingest_conf "$TEST_DIR/club.db" >"$conf"
fohd_start
tm_start 200 60 "LANG=C.UTF-8 TZ=UTC $relay 4000 $FOH $stream"
wait_until 30 screen_has "Basement Club" "LIVE" ||
    { tm_dump; fail "no venue through the slow link"; }
tm send-keys -t t 2
$client send "$ws" "" \
    '{"kind":"external_alert","source":"probe","subject":"c1","severity":"critical","title":"probe critical c1"}' \
    >"$TEST_DIR/push.out" || fail "push: $(cat "$TEST_DIR/push.out")"
wait_until 60 screen_has "probe critical c1" "CRIT" ||
    { tm_dump; fail "the critical alert is not shown behind the slow link"; }
echo "ok: a critical alert behind the slow link is shown"
quit "critical"

# 5. One answer lost while answers are fast: the next frame (the clock)
# comes within about a second, not after the 10 s a slow link gets.
tm_start 120 40 "LANG=C.UTF-8 TZ=UTC SLOW_TTY_LOG=$TEST_DIR/dropped \
    $relay 0 $FOH --demo --seed 4"
wait_until 30 screen_has "City Arena" ||
    { tm_dump; fail "lost answer: nothing through the relay"; }
wait_until 10 clock_live || { tm_dump; fail "lost answer: clock not live"; }
rpid=$(relay_pid)
[ -n "$rpid" ] || { tm_dump; fail "no relay process"; }
kill -USR2 "$rpid"
wait_until 10 dropped 1 || { tm_dump; fail "the relay dropped no answer"; }
kill -USR2 "$rpid"
t=$(date -u +%s)
wait_until 4 clock_past $((t + 2)) ||
    { tm_dump; fail "lost answer: the clock stopped at $(clock_at), $t+2 wanted"; }
echo "ok: an answer lost ($(cat "$TEST_DIR/dropped") dropped): the clock went on within $(( $(date -u +%s) - t )) s"
quit "lost answer"

# 6. With the link slow (--link slow: frames wait for an answer up to
# 10 s) and every answer lost, a venue going stale (fohd stopped: no
# message, only its heartbeats' timeout says so, 3 s) is shown at once,
# not at the next frame 10 s on; then offline (fohd killed). The relay
# does not throttle, so that the frame's time is the time seen. fohd is
# test 4's.
rm -f "$TEST_DIR/dropped"
tm_start 120 40 "LANG=C.UTF-8 TZ=UTC SLOW_TTY_LOG=$TEST_DIR/dropped \
    $relay 0 $FOH --link slow $stream"
wait_until 30 screen_has "Basement Club" "LIVE" ||
    { tm_dump; fail "stale: no venue through the slow link"; }
rpid=$(relay_pid)
kill -USR2 "$rpid"
wait_until 20 dropped 1 || { tm_dump; fail "stale: no answer dropped"; }
# Just after a frame (the clock moved): the next would be 10 s away.
c=$(clock_at)
wait_until 25 clock_past $((c + 1)) ||
    { tm_dump; fail "stale: no frame while answers are lost"; }
kill -STOP "$pid"
t=$(date -u +%s)
wait_until 6 screen_has "STALE" ||
    { tm_dump; kill -CONT "$pid"; fail "stale: not shown within 6 s behind the slow link"; }
echo "ok: a venue stale behind a slow link losing answers shown $(( $(date -u +%s) - t )) s after its agent stopped (3 heartbeats)"
kill -CONT "$pid"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
wait_until 10 screen_has "offline" ||
    { tm_dump; fail "offline: not shown behind the slow link"; }
echo "ok: and offline when it is killed"
kill -USR2 "$rpid"
quit "stale"
