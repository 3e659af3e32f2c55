#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# foh over a slow link (issue 14): tests/slow_tty.py passes its output on
# to tmux at 4000 bytes/s (32 kbit/s), tmux answers its status reports.
# --link slow draws the heat map without its raster and says so (map
# heading, diagnostics); with the default (auto) foh finds the link slow by
# itself and does the same; once the link is fast again the screen catches
# up with live (the status bar's clock); a critical alert fired behind the
# slow link is shown. Timing is bench/bench-link.py's, not this test's.
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
