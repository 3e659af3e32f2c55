#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# foh --demo in a real terminal (tmux, 120x40): the three venues, zone
# names, band letters and a density that changes; ] moves the selection;
# q exits with status 0.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN"

tm_start 120 40 "LANG=C.UTF-8 $FOH --demo --seed 4"
wait_until 10 screen_has "City Arena" "Basement Club" "Meadow Festival" \
    "LIVE" || { tm_dump; fail "venue list did not appear"; }
wait_until 10 screen_has "Floor" "North stand" "Gate queue" ||
    { tm_dump; fail "arena zones not shown"; }
echo "ok: venues and arena zones shown"

# Band letters: the heat map labels each zone "X d.dd".
band_labels() {
	tm_screen | grep -oE '\b[A-F] [0-9]+\.[0-9]{2}\b' | sort -u
}
has_labels() {
	[ -n "$(band_labels)" ]
}
wait_until 10 has_labels || { tm_dump; fail "no band letter with density"; }
first=$(band_labels)
echo "ok: band labels: $(echo $first | tr '\n' ' ')"

# A density changes within a few seconds (the simulator ticks at 4 Hz).
changed() {
	[ "$(band_labels)" != "$first" ]
}
wait_until 10 changed || { tm_dump; fail "densities did not change"; }
echo "ok: densities change"

# ] selects the next venue: the club's zones appear.
tm send-keys -t t ]
wait_until 5 screen_has "Dance floor" "Door queue" ||
    { tm_dump; fail "] did not select the club"; }
echo "ok: ] selects the club"

# Every view draws the club: equipment, drift, diagnostics, overview, help.
view() {	# view KEY TEXT...
	_k=$1
	shift
	tm send-keys -t t "$_k"
	wait_until 5 screen_has "$@" || { tm_dump; fail "view $_k: no $*"; }
	echo "ok: view $_k shows $*"
}
view 3 "Basement Club equipment" "Main amp"
view 4 "Basement Club models" "Door counter"
view 5 "Diagnostics: 3 venues" "Gaps"
view 6 "Meadow Festival" "updated"
view 7 "Navigation" "acknowledge"
view 2 "Alerts ("
view 1 "Dance floor"

# Resize: still draws.
tm resize-window -t t -x 80 -y 24
is_80() {
	[ "$(tm display -p -t t '#{window_width}')" = 80 ]
}
wait_until 5 is_80 || fail "resize did not happen"
wait_until 5 screen_has "Basement Club" || { tm_dump; fail "no redraw at 80x24"; }
echo "ok: redraws at 80x24"

tm_quit
wait_until 5 tm_exited || { tm_dump; fail "q did not exit"; }
st=$(cat "$TEST_DIR/status")
[ "$st" = 0 ] || { tm_dump; fail "exit status $st, want 0"; }
echo "ok: q exits with status 0"
