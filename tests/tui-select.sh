#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Selection by keys and by mouse, on the frozen demo (foh --freeze), so
# every position on screen is known: hjkl moves between zones on the heat
# map and the zone's detail follows; a click selects a venue in the list, a
# zone on the map and an alert in the queue, and a second click on that
# alert opens its why-pane; on the overview a click selects a venue's tile
# and a second opens its heat map; a click picks a table row; Tab moves the
# keys between the venue list and the view. Then foh.conf's [console] operator, readonly
# and kiosk keys reach the status bar.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN"

# click X Y: press and release the first button at 1-based column X, row Y,
# as an xterm reports it in SGR 1006 mode, which xterm-256color's terminfo
# tells ncurses to expect.
click() {
	tm send-keys -t t -l "$(printf '\033[<0;%s;%sM\033[<0;%s;%sm' "$1" "$2" "$1" "$2")"
}
# detail NAME: the zone detail (the line starting with the marker) names NAME
detail() {
	tm_screen | grep -qE "^ +│ ▶ $1  "
}

tm_start 80 24 "env TZ=UTC LANG=C.UTF-8 TERM=xterm-256color" \
    "XDG_CONFIG_HOME=$TEST_DIR USER=golden $FOH --demo --freeze 120"
wait_until 20 screen_has "3 live" "City Arena" || { tm_dump; fail "demo did not come up"; }

# Keys: the arena opens on its first zone; j goes down the map, l right.
wait_until 10 detail "North stand" || { tm_dump; fail "first zone not selected"; }
tm send-keys -t t j
wait_until 10 detail "Floor" || { tm_dump; fail "j did not move to the floor"; }
tm send-keys -t t l
wait_until 10 detail "East concourse" || { tm_dump; fail "l did not move east"; }
tm send-keys -t t h h
wait_until 10 detail "West concourse" || { tm_dump; fail "h h did not move west"; }
echo "ok: hjkl move between zones; the detail follows"

# Mouse: the club is the second venue in the list (rows 3-4 are the arena).
row=$(tm_screen | grep -n "Basement Club" | head -n 1 | cut -d: -f1)
click 5 "$row"
wait_until 10 screen_has "Basement Club  fohd" || { tm_dump; fail "click did not select the club"; }
# The club's door queue spans the bottom of its grid: click inside the map
# on the line of its label.
row=$(tm_screen | grep -n "│ │ *Door queue" | head -n 1 | cut -d: -f1)
[ -n "$row" ] || { tm_dump; fail "no door queue on the map"; }
click 40 "$row"
wait_until 10 detail "Door queue" || { tm_dump; fail "click did not select the door queue"; }
echo "ok: a click selects a venue and a zone"

# Tab gives the keys to the venue list (its heading is marked): k selects
# the arena; Enter gives them back to the map, where j moves the zone.
tm send-keys -t t Tab
wait_until 10 screen_has "▶Venues (3)" || { tm_dump; fail "Tab did not focus the list"; }
tm send-keys -t t k
wait_until 10 screen_has "City Arena  fohd" || { tm_dump; fail "k in the list did not select the arena"; }
tm send-keys -t t Enter
wait_until 10 screen_has " Venues (3) " || { tm_dump; fail "Enter did not leave the list"; }
detail "North stand" || { tm_dump; fail "the arena's first zone is not selected"; }
tm send-keys -t t j
wait_until 10 detail "Floor" || { tm_dump; fail "j after Enter did not move the zone"; }
echo "ok: Tab to the venue list and back"

# The queue: a click on the second alert selects it, another opens it.
tm send-keys -t t 2
wait_until 10 screen_has "problems" || { tm_dump; fail "no queue"; }
# Row 5 is the second alert; its subject starts after the venue column.
subject=$(tm_screen | sed -n 5p | sed 's/.*FIRING *[^ ]* *//' | cut -c1-11)
[ -n "$subject" ] || { tm_dump; fail "no second alert"; }
click 40 5
click 40 5
wait_until 10 screen_has "Raised by" || { tm_dump; fail "second click did not open the why-pane"; }
tm_screen | grep -qF "$(echo "$subject" | cut -c1-12)" || { tm_dump; fail "why-pane is not for \"$subject\""; }
echo "ok: click, click again: the why-pane of \"$subject\""
# Overview: a click on the festival's tile selects it; another opens its
# heat map. Equipment: a click on the second device selects it.
tm send-keys -t t 6
wait_until 10 screen_has "┌ Meadow Festival" || { tm_dump; fail "no overview"; }
row=$(tm_screen | grep -n "┌ Meadow Festival" | head -n 1 | cut -d: -f1)
click 30 $((row + 2))
wait_until 10 screen_has "┌ ▶ Meadow Festival" || { tm_dump; fail "tile click did not select the festival"; }
click 30 $((row + 2))
wait_until 10 screen_has "Meadow Festival  fohd" "Kind" || { tm_dump; fail "second tile click did not open its map"; }
tm send-keys -t t 3
wait_until 10 screen_has "equipment" "Device" || { tm_dump; fail "no equipment view"; }
second=$(tm_screen | sed -n 5p | sed 's/^[^│]*│ *//' | cut -c1-12)
click 40 5
wait_until 10 screen_has "── $second" || { tm_dump; fail "row click did not select \"$second\""; }
echo "ok: clicks select a tile, open its map, and select a table row ($second)"
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"

# foh.conf: operator and read-only, then kiosk.
cat >"$TEST_DIR/ro.conf" <<EOF
[console]
operator = ana
readonly = yes
EOF
tm kill-server 2>/dev/null
tm_start 100 24 "env TZ=UTC LANG=C.UTF-8 TERM=tmux-256color" \
    "$FOH -c $TEST_DIR/ro.conf --demo --freeze 60"
wait_until 20 screen_has "read-only ana" || { tm_dump; fail "no read-only ana in the status bar"; }
tm send-keys -t t 2 a
wait_until 10 screen_has "read-only console: acknowledge does nothing" || { tm_dump; fail "a did not say read-only"; }
echo "ok: foh.conf operator and readonly"
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"
printf '[console]\nkiosk = 2\n' >"$TEST_DIR/kiosk.conf"
tm kill-server 2>/dev/null
tm_start 100 24 "env LANG=C.UTF-8 TERM=tmux-256color" \
    "$FOH -c $TEST_DIR/kiosk.conf --demo"
wait_until 20 screen_has "kiosk" "LIVE  updated" || { tm_dump; fail "no kiosk overview from foh.conf"; }
# The overview comes first; the next view names the agent or the queue.
rotated() { screen_has "fohd 0" || screen_has "Alerts ("; }
wait_until 15 rotated || { tm_dump; fail "kiosk = 2 did not rotate"; }
echo "ok: foh.conf kiosk = 2 rotates"
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"
