#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Sort and filter the tables, on the frozen demo (every value known):
# < > choose the sort column, which the header marks, r reverses it, and
# the selected zone or device stays selected whatever the order; "/"
# narrows the zone, equipment and drift tables and the heading says
# "N of M"; Esc clears the filter. The alert queue keeps its safety order
# and says so. Live, the rows re-sort as the densities move, and the
# selection stays on its zone.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN"

# zones: the zone table's names, top to bottom, one line ("a,b,c");
# a row is a name, its kind and its band letter.
zones() {
	tm_screen | grep -E ' (standing|walkway|queue) +[A-F-] +([0-9.]+|-) +([0-9]+|-) ' |
	    sed -E 's/^[^│]*│ (▶ |  )//; s/ +(standing|walkway|queue) +[A-F-] .*//' |
	    paste -s -d, -
}
# zone_selected: the name on the table row that has the marker.
zone_selected() {
	tm_screen | grep -E '│ ▶ .* (standing|walkway|queue) +[A-F-] +([0-9.]+|-) +([0-9]+|-) ' |
	    sed -E 's/^[^│]*│ ▶ //; s/ +(standing|walkway|queue) +[A-F-] .*//'
}
# devices, device_selected: the same for the equipment table (a row has
# a status word after the name).
devices() {
	tm_screen | grep -E '│ (▶ |  ).* (ok|WARNING|ERROR|OFFLINE|WORN) ' |
	    sed -E 's/^[^│]*│ (▶ |  )//; s/ +(ok|WARNING|ERROR|OFFLINE|WORN) .*//' |
	    paste -s -d, -
}
device_selected() {
	tm_screen | grep -E '│ ▶ .* (ok|WARNING|ERROR|OFFLINE|WORN) ' |
	    sed -E 's/^[^│]*│ ▶ //; s/ +(ok|WARNING|ERROR|OFFLINE|WORN) .*//'
}
# is WANT CMD: does CMD print WANT?
is() {
	_want=$1
	shift
	[ "$("$@")" = "$_want" ]
}
# expect WHAT WANT CMD: wait for CMD to print WANT, else fail saying WHAT.
expect() {
	_what=$1
	shift
	wait_until 10 is "$@" ||
	    { tm_dump; fail "$_what: want \"$1\", have \"$(shift; "$@")\""; }
}
# sort_by NAME: press > until the key line says the table is sorted by
# NAME (each press names the column it chose).
sort_by() {
	_i=0
	while [ $_i -lt 12 ]; do
		_before=$(keyline)
		tm send-keys -t t '>'
		wait_until 5 keyline_changed "$_before" ||
		    { tm_dump; fail "> did nothing"; }
		keyline_has "sorted by $1," && return 0
		_i=$((_i + 1))
	done
	tm_dump
	fail "> never sorted by $1"
}
# keyline_changed LINE: the key line is no longer LINE.
keyline_changed() {
	[ "$(keyline)" != "$1" ]
}
# rows CMD: how many names CMD lists.
rows() {
	"$@" | tr , '\n' | grep -c .
}

tm_start 120 40 "env TZ=UTC LANG=C.UTF-8 TERM=xterm-256color" \
    "XDG_CONFIG_HOME=$TEST_DIR USER=golden $FOH --demo --freeze 120 --seed 0"
wait_until 20 screen_has "3 live" "City Arena" || { tm_dump; fail "demo did not come up"; }

# Zones: the layout's order, then the floor selected (j on the map).
own="North stand,West concourse,Floor,East concourse,South stand,Gate queue"
expect "the zone table in map order" "$own" zones
tm send-keys -t t j
expect "j on the map" "Floor" zone_selected

sort_by Zone
expect "by name" "East concourse,Floor,Gate queue,North stand,South stand,West concourse" zones
screen_has "Zone▲" || { tm_dump; fail "the Zone column is not marked ▲"; }
expect "the floor stays selected (by name)" "Floor" zone_selected
tm send-keys -t t r
expect "by name, reversed" "West concourse,South stand,North stand,Gate queue,Floor,East concourse" zones
screen_has "Zone▼" || { tm_dump; fail "the reversed Zone column is not marked ▼"; }
expect "the floor stays selected (reversed)" "Floor" zone_selected
echo "ok: zones by name, and reversed; the floor stays selected"

sort_by "p/m²"
expect "by density, densest first" "Floor,Gate queue,North stand,South stand,East concourse,West concourse" zones
screen_has "p/m²▼" || { tm_dump; fail "the density column is not marked ▼"; }
expect "the floor stays selected (by density)" "Floor" zone_selected
tm send-keys -t t I
expect "by density, I reverses as htop's" "West concourse,East concourse,South stand,North stand,Gate queue,Floor" zones
expect "the floor stays selected (density reversed)" "Floor" zone_selected
# The map moves the selection; the table follows it in its order.
tm send-keys -t t k
expect "k on the map" "North stand" zone_selected
echo "ok: zones by density, and reversed; the selection follows the map"

# Filter the zones: two of six contain "conc"; Esc clears it.
tm send-keys -t t /
wait_until 5 keyline_has "Filter rows:" || { tm_dump; fail "/ asked nothing"; }
tm send-keys -t t -l conc
tm send-keys -t t Enter
expect "filtered zones" "West concourse,East concourse" zones
screen_has "/conc  2 of 6" || { tm_dump; fail "the heading does not say /conc  2 of 6"; }
# The selected zone was filtered out: the first that passes is selected.
expect "a zone that passes" "West concourse" zone_selected
tm send-keys -t t Escape
expect "Esc clears the filter" 6 rows zones
screen_has "2 of 6" && { tm_dump; fail "the heading still counts after Esc"; }
echo "ok: / narrows the zones to 2 of 6; Esc clears it"

# Equipment: worst first; select the amp; by device; by wear.
tm send-keys -t t 3
expect "equipment, worst first" "Screen projector,Stage left amp,LED wall" devices
tm send-keys -t t j
expect "j in the table" "Stage left amp" device_selected
sort_by Device
expect "devices by name" "LED wall,Screen projector,Stage left amp" devices
screen_has "Device▲" || { tm_dump; fail "the Device column is not marked"; }
expect "the amp stays selected (by name)" "Stage left amp" device_selected
tm send-keys -t t r
expect "devices by name, reversed" "Stage left amp,Screen projector,LED wall" devices
expect "the amp stays selected (reversed)" "Stage left amp" device_selected
sort_by Wear
# LED wall has no wear limit: it sorts last either way.
expect "devices by wear" "Screen projector,Stage left amp,LED wall" devices
screen_has "Wear▼" || { tm_dump; fail "the Wear column is not marked ▼"; }
expect "the amp stays selected (by wear)" "Stage left amp" device_selected
tm send-keys -t t r
expect "devices by wear, reversed" "Stage left amp,Screen projector,LED wall" devices
expect "the amp stays selected (wear reversed)" "Stage left amp" device_selected
echo "ok: equipment by device and by wear, each reversed; the amp stays selected"

tm send-keys -t t /
wait_until 5 keyline_has "Filter rows:" || { tm_dump; fail "/ asked nothing in equipment"; }
tm send-keys -t t -l projector
tm send-keys -t t Enter
expect "filtered devices" "Screen projector" devices
screen_has "/projector  1 of 3" || { tm_dump; fail "equipment heading: no 1 of 3"; }
expect "the one that passes is selected" "Screen projector" device_selected
# An empty answer clears it.
tm send-keys -t t /
wait_until 5 keyline_has "Filter rows: projector" || { tm_dump; fail "/ did not offer the filter"; }
tm send-keys -t t BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
tm send-keys -t t Enter
expect "an empty filter clears" 3 rows devices
echo "ok: / narrows the equipment to 1 of 3; an empty filter clears it"

# Home and End in the table: the first and the last row, in the order
# shown (wear, reversed: the amp first, the LED wall last).
tm send-keys -t t End
expect "End: the last row" "LED wall" device_selected
tm send-keys -t t Home
expect "Home: the first row" "Stage left amp" device_selected
# A filter that leaves no row, then cleared: the keys pressed meanwhile
# do not pick a row of the table as it was before the filter.
tm send-keys -t t End
expect "End again" "LED wall" device_selected
tm send-keys -t t /
wait_until 5 keyline_has "Filter rows:" || { tm_dump; fail "/ asked nothing"; }
tm send-keys -t t -l zzz
tm send-keys -t t Enter
wait_until 10 screen_has "no device matches the filter" || { tm_dump; fail "no empty table"; }
tm send-keys -t t Up Up
tm send-keys -t t n
expect "the LED wall still selected after an empty filter" "LED wall" device_selected
echo "ok: Home and End in the equipment table; an empty filter keeps the selection"

# Drift: the arena has one model; a filter that matches it and one that
# does not.
tm send-keys -t t 4
wait_until 10 screen_has "City Arena models" "Head counter" || { tm_dump; fail "no drift view"; }
tm send-keys -t t /
wait_until 5 keyline_has "Filter rows:" || { tm_dump; fail "/ asked nothing in drift"; }
tm send-keys -t t -l nothing-like-this
tm send-keys -t t Enter
wait_until 10 screen_has "/nothing-like-this  0 of 1" "no model matches the filter" ||
    { tm_dump; fail "drift: no 0 of 1"; }
tm send-keys -t t n
wait_until 10 screen_has "Head counter" || { tm_dump; fail "n did not clear the drift filter"; }
tm send-keys -t t /
tm send-keys -t t -l STABLE
tm send-keys -t t Enter
wait_until 10 screen_has "/STABLE  1 of 1" "Head counter" || { tm_dump; fail "drift: the level word does not filter"; }
sort_by Score
screen_has "Score▼" || { tm_dump; fail "the Score column is not marked"; }
echo "ok: / in drift says 0 of 1 and 1 of 1; n clears it; Score is marked"

# The queue keeps its order, and says why.
tm send-keys -t t 2
wait_until 10 screen_has "problems" || { tm_dump; fail "no queue"; }
tm send-keys -t t '>'
wait_until 5 keyline_has "safety order" || { tm_dump; fail "> in the queue did not say why it does not sort"; }
echo "ok: the queue keeps its safety order"
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"

# ASCII (LANG=C, 80x24): the mark is v or ^, a space after the title
# ("p/m2 v": "Bandv" would read as a word), and no byte is not ASCII.
tm kill-session -t t 2>/dev/null
tm_start 80 24 "env TZ=UTC LANG=C TERM=xterm-256color" \
    "XDG_CONFIG_HOME=$TEST_DIR USER=golden $FOH --demo --freeze 120 --seed 0"
wait_until 20 screen_has "3 live" "City Arena" || { tm_dump; fail "LANG=C: no demo"; }
sort_by "p/m2"
wait_until 5 screen_has "p/m2 v" || { tm_dump; fail "LANG=C: no v mark"; }
tm send-keys -t t r
wait_until 5 screen_has "p/m2 ^" || { tm_dump; fail "LANG=C: no ^ mark"; }
tm send-keys -t t /
tm send-keys -t t -l conc
tm send-keys -t t Enter
wait_until 5 screen_has "/conc  2 of 6" || { tm_dump; fail "LANG=C: no 2 of 6"; }
if tm_screen | LC_ALL=C grep -q '[^ -~]'; then
	tm_dump; fail "LANG=C: a non-ASCII byte"
fi
echo "ok: LANG=C at 80x24: p/m2v, p/m2^, /conc  2 of 6, ASCII only"
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"

# Live: the densities move and the table re-sorts itself under the
# selection, which stays on its zone.
tm kill-session -t t 2>/dev/null
tm_start 120 40 "env TZ=UTC LANG=C.UTF-8 TERM=xterm-256color" \
    "XDG_CONFIG_HOME=$TEST_DIR USER=golden $FOH --demo --seed 0"
wait_until 20 screen_has "3 live" "City Arena" || { tm_dump; fail "live demo did not come up"; }
expect "the live zone table in map order" "$own" zones
tm send-keys -t t j j
expect "j j on the map" "South stand" zone_selected
sort_by "p/m²"
first=$(zones)
# order_moved: the table's order is no longer $first.
order_moved() {
	[ "$(zones)" != "$first" ] && [ -n "$(zones)" ]
}
wait_until 60 order_moved || { tm_dump; fail "the live order never changed from $first"; }
expect "the south stand stays selected when the rows move" "South stand" zone_selected
echo "ok: live, the rows re-sort ($first -> $(zones)); the south stand stays selected"
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"
