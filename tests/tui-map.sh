#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The heat map read at a glance (issue 14): zone outlines, the selected
# zone's heavy outline and the band legend, on golden screens of the
# festival at 80x24, 120x40 and 200x60 (its Dance tent and Main pit are
# both in band D: a line must part them); the club without colour
# (TERM=vt100, NO_COLOR, and NO_COLOR in ASCII under LANG=C), where band
# F's fill must not be band A's; and --theme mono on a colour terminal,
# whose raster map must carry
# no colour at all.
#
# At 40x12, the smallest usable terminal, a map too small for outlines is
# drawn flat, and keeps every zone: a row for each, the selected one
# marked, and a zone too narrow for its name shows its band letter, never
# its name's first letters (the club's Dance floor, band F, read "D").
#
# foh --demo --freeze plays the demo's first FREEZE seconds with a fixed
# seed and stops its clocks, so the screens are the same on every run.
# Regenerate the goldens after a deliberate change, then read the diff:
#
#     GENERATE=1 make check TESTS=tests/tui-map.sh
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3"

FREEZE=120
GOLDEN="$top_srcdir/tests/golden/map"
GENERATE=${GENERATE:-0}

# Poll until the marker is on screen and two captures agree.
settled() {
	tm_screen >"$TEST_DIR/a.txt"
	grep -qF -- "$1" "$TEST_DIR/a.txt" || return 1
	tm_screen >"$TEST_DIR/b.txt"
	cmp -s "$TEST_DIR/a.txt" "$TEST_DIR/b.txt"
}

# golden NAME MARKER: compare the screen with $GOLDEN/NAME.txt (GENERATE=1:
# write it once MARKER is on a settled screen).
golden() {
	if [ "$GENERATE" = 1 ]; then
		mkdir -p "$GOLDEN"
		wait_until 20 settled "$2" ||
		    { tm_dump; fail "$1: no settled screen"; }
		cp "$TEST_DIR/a.txt" "$GOLDEN/$1.txt"
		echo "generated: map/$1.txt"
		return
	fi
	[ -f "$GOLDEN/$1.txt" ] || fail "$1: no golden $GOLDEN/$1.txt (GENERATE=1)"
	if ! wait_until 20 screen_is "$GOLDEN/$1.txt"; then
		diff -u "$GOLDEN/$1.txt" "$TEST_DIR/screen.txt" >&2
		fail "$1: screen differs from map/$1.txt (GENERATE=1 regenerates it)"
	fi
	echo "ok: $1 matches its golden"
}

# start W H ENV...: foh's frozen demo (and $args) in a W x H pane with the
# environment ENV; wait for it.
start() {
	_w=$1 _h=$2
	shift 2
	tm kill-session -t t 2>/dev/null
	mkdir -p "$TEST_DIR/xdg"
	tm_start "$_w" "$_h" "env TZ=UTC XDG_CONFIG_HOME=$TEST_DIR/xdg" \
	    "FOH_THEMEDIR=$top_srcdir/themes USER=golden $*" \
	    "$FOH --demo --freeze $FREEZE --seed 0 ${args:-}"
	wait_until 20 screen_has "${up:-3 live}" || { tm_dump; fail "$*: demo did not come up"; }
}

# quit: q, and foh ends with status 0.
quit() {
	tm_quit
	wait_until 10 tm_exited || fail "foh did not quit"
	[ "$(cat "$TEST_DIR/status")" = 0 ] || { tm_dump; fail "exit status"; }
}

# The map's zones as the screen shows them, by tests/map_cells.py.
cells() {
	tm_screen | "$DEBIAN_PYTHON3" "$top_srcdir/tests/map_cells.py" "$@"
}

# 1. The festival (] twice from the arena) at three sizes: its outlines,
# the selected Dance tent's heavy outline, the two-line legend (walkways;
# standing areas and queues).
for size in 80x24 120x40 200x60; do
	start "${size%x*}" "${size#*x}" LANG=C.UTF-8 TERM=xterm-256color
	tm send-keys -t t ] ]
	wait_until 10 screen_has "Meadow Festival  fohd" "Main gate" ||
	    { tm_dump; fail "$size: no festival"; }
	golden "festival-$size" "0.31"
	# Dance tent and Main pit, both band D, are parted by a line; the
	# Dance tent is outlined heavy.
	cells parted "Dance tent" "Main pit" >"$TEST_DIR/parted" ||
	    { tm_dump; cat "$TEST_DIR/parted" >&2; fail "$size: no line between Dance tent and Main pit"; }
	cells heavy "Dance tent" >"$TEST_DIR/heavy" ||
	    { tm_dump; cat "$TEST_DIR/heavy" >&2; fail "$size: the selected zone is not outlined heavy"; }
	echo "ok: $size: $(cat "$TEST_DIR/parted"); $(cat "$TEST_DIR/heavy")"
	tm_screen | grep -qE 'A *0\.31.{0,3}B *0\.43.{0,3}C *0\.72' &&
	    tm_screen | grep -qE 'A *0\.83.{0,3}B *1\.11.{0,3}C *1\.43' ||
	    { tm_dump; fail "$size: no legend with both kinds' limits"; }
	quit
done

# 2. The club without colour: TERM=vt100, NO_COLOR, --no-color (the same
# screen as NO_COLOR's) and ASCII (LANG=C). Its dance floor is in band F,
# its bar in band A: their fills differ, and the dance floor's has ink.
for how in vt100:TERM=vt100 nocolor:NO_COLOR=1 noflag: \
    ascii:LANG=C+LC_ALL=C+NO_COLOR=1; do
	name=${how%%:*}
	env=$(echo "${how#*:}" | tr + ' ')
	args=""
	screen=club-$name
	if [ "$name" = noflag ]; then
		args=--no-color
		screen=club-nocolor
	fi
	case $name in ascii) ;; *) env="LANG=C.UTF-8 $env" ;; esac
	case $name in vt100) ;; *) env="TERM=xterm-256color $env" ;; esac
	start 80 24 "$env"
	tm send-keys -t t ]
	wait_until 10 screen_has "Basement Club  fohd" "Door queue" ||
	    { tm_dump; fail "$name: no club"; }
	golden "$screen" "p/m"
	cells fills "Dance floor" "Bar" >"$TEST_DIR/fills" ||
	    { tm_dump; cat "$TEST_DIR/fills" >&2; fail "$name: band F's fill is band A's"; }
	echo "ok: $name: $(cat "$TEST_DIR/fills")"
	if [ "$name" = ascii ] && tm_screen | LC_ALL=C grep -q '[^ -~]'; then
		fail "ascii: the screen has non-ASCII bytes"
	fi
	quit
done
args=""

# 3. --theme mono on a colour terminal: the club's raster map is drawn in
# fill glyphs with no colour (no SGR 30-38 or 40-48 in the map's rows);
# the same check sees the colour of the default theme's map.
esc=$(printf '\033')
colour="${esc}\\[([0-9]*;)*(3[0-8]|4[0-8])(;[0-9;]*)?m"
maprows() {	# the rows of the map's box, with their escapes
	tm capture-pane -p -e -t t | awk '/[┌┏]/ { on = 1 } on { print } /[└┗]/ { on = 0 }'
}
for theme in dark mono; do
	args="--theme $theme"
	start 120 40 LANG=C.UTF-8 TERM=xterm-256color
	tm send-keys -t t ]
	wait_until 10 screen_has "Basement Club  fohd" "raster" ||
	    { tm_dump; fail "$theme: no raster club"; }
	maprows >"$TEST_DIR/map.e"
	[ "$(wc -l <"$TEST_DIR/map.e")" -gt 5 ] || { tm_dump; fail "$theme: no map rows"; }
	if [ "$theme" = dark ]; then
		grep -qE "$colour" "$TEST_DIR/map.e" ||
		    fail "the colour check sees no colour on the dark theme's map"
		continue
	fi
	if grep -qE "$colour" "$TEST_DIR/map.e"; then
		grep -nE "$colour" "$TEST_DIR/map.e" | head -3 | cat -v >&2
		fail "mono: colour escapes in the raster map"
	fi
	grep -q "█" "$TEST_DIR/map.e" ||
	    { tm_dump; fail "mono: the raster is not drawn in fill glyphs"; }
	if grep -q "▀" "$TEST_DIR/map.e"; then
		fail "mono: half blocks (colourless stripes) in the map"
	fi
	cells fills "Dance floor" "Bar" >"$TEST_DIR/fills" ||
	    { tm_dump; cat "$TEST_DIR/fills" >&2; fail "mono: band F's fill is band A's"; }
	echo "ok: --theme mono: the raster map has no colour escapes (dark has); $(cat "$TEST_DIR/fills")"
	quit
done
args=""

# 4. 40x12: the club (band F's Dance floor selected), the festival and
# the arena (its selected North stand a row of its own).
inner() {	# the map's rows inside its box, without the box's sides
	tm_screen | awk '/┌|┏/ { on = 1; next } /└|┗/ { on = 0 } on' |
	    sed 's/^│//; s/^┃//; s/│ *$//; s/┃ *$//'
}
for venue in "Basement Club:]:▶F " "Meadow Festival:] ]:▶" "City Arena::▶North stand"; do
	name=${venue%%:*}
	keys=${venue#*:}
	keys=${keys%%:*}
	mark=${venue##*:}
	up=fohd start 40 12 LANG=C.UTF-8 TERM=xterm-256color
	[ -n "$keys" ] && tm send-keys -t t $keys
	wait_until 10 screen_has "$name" || { tm_dump; fail "40x12: no $name"; }
	wait_until 10 eval 'inner | grep -qF -- "$mark"' ||
	    { tm_dump; fail "40x12 $name: the selected zone's label is not \"$mark\""; }
	if inner | grep -qvE '[A-Za-z]'; then
		tm_dump
		fail "40x12 $name: a row of the map without a zone's label (a zone lost)"
	fi
	echo "ok: 40x12 $name: every row labelled, $(inner | grep -F -- "$mark" | sed 's/  */ /g')"
	quit
done

# 5. The festival's two-line legend (walkways; standing areas and queues)
# on a narrow screen: each line labelled, if only by a letter, or no
# legend at all; never two unlabelled rows of numbers.
for w in 40 48; do
	up=fohd start "$w" 24 LANG=C.UTF-8 TERM=xterm-256color
	tm send-keys -t t ] ]
	wait_until 10 screen_has "Meadow Festival" "Main gate" ||
	    { tm_dump; fail "${w}x24: no festival"; }
	legend=$(tm_screen | grep -E 'A +0\.[0-9]{2} +B' || :)
	if echo "$legend" | grep -qE '^ *A '; then
		tm_dump
		fail "${w}x24: a legend line without its kind"
	fi
	echo "ok: ${w}x24: $(echo "$legend" | grep -c .) legend lines, each labelled"
	quit
done
