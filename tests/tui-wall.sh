#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# tui-wall.sh: the overview as a wall, and the kiosk's banner.
#
# The overview's grid at 3, 12 and 100 demo venues (foh --demo=N --freeze
# 120 --seed 0: two minutes played, then the clocks stopped, so every run
# draws the same screen), at 80x24, 120x40 and 200x60, compared with
# tests/golden/WxH/overview-N.txt. Regenerate them after a deliberate
# change to what the overview shows:
#
#     GENERATE=1 make check TESTS=tests/tui-wall.sh
#
# then read them (git diff tests/golden) before committing. Whatever the
# goldens say, the tiles fill the main panel (a tile's right edge on the
# last column), the alert counts are in one format only ("C2 W9 I0"), and
# the status bar (line 1) says "N crit unacked", whatever else it gives up.
# And, read against foh --json on the same frozen demo (wall_check.py):
# every venue is on screen, or the dense list says how many it shows
# ("shown 74 of 100, 26 more") and that many are; what it says of the
# hidden ones ("12 with crit unacked") is true; every venue with an
# unacknowledged critical alert is on screen (at 80x24 with 100 venues,
# 33 of them, in the compact list by id); a critical alert's title on a
# tile follows CRIT, never a band letter, and 3 venues' tiles show some.
#
# At 40x12 the dense list's summaries are whole: the unacked count goes
# before it would be cut to ",…". Without colour (NO_COLOR), a tile's
# map is filled flat, a glyph per band, not from the raster.
#
# Then the kiosk's banner while a critical alert is unacknowledged: on a
# line of its own under the status bar, the whole width, over the venue
# list's divider, naming the venue, the zone and the title, in the theme's
# severity_critical colour (a probe theme's, exact under COLORTERM=
# truecolor); the heading under it still shown; without colour, reverse
# and bold.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3"

FREEZE=120
GOLDEN="$top_srcdir/tests/golden"
GENERATE=${GENERATE:-0}
ENV="env TZ=UTC LANG=C.UTF-8 TERM=xterm-256color XDG_CONFIG_HOME=$TEST_DIR/xdg USER=golden"
mkdir -p "$TEST_DIR/xdg/foh/themes"

# The truth about each demo: foh --json's lines, once every venue is live
# and nothing more has come for a second (the clocks are frozen).
for n in 3 12 100; do
	"$FOH" --demo=$n --freeze $FREEZE --seed 0 --json \
	    >"$TEST_DIR/demo-$n.json" 2>/dev/null </dev/null &
	track $!
	eval "JSON_PID_$n=$!"
done
json_ready() {	# json_ready N
	_f=$TEST_DIR/demo-$1.json
	[ "$(grep -c '"type":"venue".*"link":"live"' "$_f")" -ge "$1" ] ||
	    return 1
	_sz=$(wc -c <"$_f")
	if [ "$_sz" != "$(cat "$_f.size" 2>/dev/null)" ]; then
		echo "$_sz" >"$_f.size"
		now_ms >"$_f.since"
		return 1
	fi
	[ $(( $(now_ms) - $(cat "$_f.since") )) -ge 1000 ]
}

screen() {
	tm capture-pane -p -t t 2>/dev/null
}

# The overview is on screen (tiles or the dense list), and two captures
# agree: the frame is whole.
settled() {
	screen >"$TEST_DIR/a.txt"
	grep -qE "┌ ▶ City Arena|venues, worst first|venues by worst|shown [0-9]+ of" \
	    "$TEST_DIR/a.txt" || return 1
	screen >"$TEST_DIR/b.txt"
	cmp -s "$TEST_DIR/a.txt" "$TEST_DIR/b.txt"
}

# What every overview screen must be, golden or not: tiles reach the
# panel's right edge, and alert counts are "C<n> W<n> I<n>" only.
check_screen() {	# check_screen FILE SIZE N
	if grep -q "┌ ▶ City Arena" "$1"; then
		right=$(sed -n 2p "$1" | sed 's/ *$//')
		case "$right" in
		*┐) ;;
		*) fail "$2 $3 venues: the tiles do not reach the right edge" ;;
		esac
	fi
	# Never a hidden critical: the frozen demos all have some, and the
	# status bar gives up everything else before "crit unacked".
	sed -n 1p "$1" | grep -qE "[0-9]+ crit unacked" ||
	    fail "$2 $3 venues: no \"crit unacked\" on line 1: $(sed -n 1p "$1")"
	if grep -qE "C [0-9]+ W [0-9]|crit all acked|[^,] [0-9]+ unacked" "$1"; then
		grep -nE "C [0-9]+ W [0-9]|crit all acked|[^,] [0-9]+ unacked" "$1" >&2
		fail "$2 $3 venues: alert counts in another format"
	fi
}

for n in 3 12 100; do
	for size in 80x24 120x40 200x60; do
		w=${size%x*}
		h=${size#*x}
		tm kill-session -t t 2>/dev/null
		t0=$(now_ms)
		tm_start "$w" "$h" "$ENV" \
		    "$FOH --demo=$n --freeze $FREEZE --seed 0"
		wait_until 60 screen_has "$n live" ||
		    { tm_dump; fail "$size: $n demo venues did not come up"; }
		up=$(( $(now_ms) - t0 ))
		tm send-keys -t t 6
		file="$GOLDEN/$size/overview-$n.txt"
		if [ "$GENERATE" = 1 ]; then
			mkdir -p "$GOLDEN/$size"
			wait_until 20 settled ||
			    { tm_dump; fail "$size $n venues: no settled overview"; }
			cp "$TEST_DIR/a.txt" "$file"
			echo "generated: $size/overview-$n.txt (up in $up ms)"
		else
			[ -f "$file" ] || fail "$size: no golden $file (GENERATE=1)"
			if ! wait_until 20 screen_is "$file"; then
				diff -u "$file" "$TEST_DIR/screen.txt" >&2
				fail "$size $n venues: screen differs from $file" \
				    "(GENERATE=1 regenerates it)"
			fi
			echo "ok: $size $n venues matches its golden (up in $up ms)"
		fi
		check_screen "$file" "$size" "$n"
		if [ ! -f "$TEST_DIR/demo-$n.json.done" ]; then
			wait_until 90 json_ready $n ||
			    fail "foh --json --demo=$n: not all $n venues live"
			eval "kill \$JSON_PID_$n"
			touch "$TEST_DIR/demo-$n.json.done"
		fi
		set -- --all-unacked
		[ "$n" = 3 ] && set -- "$@" --crit-titles
		out=$("$DEBIAN_PYTHON3" "$top_srcdir/tests/wall_check.py" \
		    "$TEST_DIR/demo-$n.json" "$file" "$n" "$@") ||
		    fail "$size $n venues: the wall hides or mislabels: $out"
		echo "ok: $size $n venues: $out"
	done
done
tm kill-session -t t 2>/dev/null

# --demo=N: 1 to 300, said so.
st=0
"$FOH" --demo=301 >/dev/null 2>"$TEST_DIR/demo.err" </dev/null || st=$?
[ "$st" = 64 ] || fail "--demo=301: status $st, want 64"
grep -q "from 1 to 300" "$TEST_DIR/demo.err" ||
    { cat "$TEST_DIR/demo.err" >&2; fail "--demo=301: not said why"; }
echo "ok: --demo=301 refused: $(cat "$TEST_DIR/demo.err")"

# 40x12, 12 venues: the dense list's summaries drop the unacked count's
# words whole ("C2 W4 I0", C2 in the critical colour), never ",…".
tm kill-session -t t 2>/dev/null
tm_start 40 12 "$ENV" "$FOH --demo=12 --freeze $FREEZE --seed 0"
wait_until 60 screen_has "crit unacked" || { tm_dump; fail "40x12: no demo"; }
tm send-keys -t t 6
wait_until 20 screen_has "by worst" "Basement Club" ||
    { tm_dump; fail "40x12: no dense list"; }
screen | grep -q "Basement Club.* C2 W[0-9]* I0 *$" ||
    { tm_dump; fail "40x12: no critical count in the dense list"; }
if screen | grep -q ",…"; then
	tm_dump
	fail "40x12: a summary cut to ',…'"
fi
echo "ok: 40x12: $(screen | grep -m1 "Basement Club" | sed 's/  */ /g')"
tm_quit
wait_until 10 tm_exited || fail "40x12: foh did not quit"

# The kiosk's banner, in a probe theme's critical colour: #fe0a0b behind.
printf '[theme]\nname = probe\nseverity_critical = #010203 on #fe0a0b, bold\n' \
    >"$TEST_DIR/xdg/foh/themes/probe.theme"
tm_start 120 40 "env TZ=UTC LANG=C.UTF-8 COLORTERM=truecolor" \
    "TERM=tmux-256color XDG_CONFIG_HOME=$TEST_DIR/xdg USER=golden" \
    "$FOH --demo --freeze $FREEZE --seed 0 --kiosk=3600 --theme probe"
tm new-session -d -x 120 -y 40 -s mono "env TZ=UTC LANG=C.UTF-8 NO_COLOR=1 \
TERM=xterm-256color $FOH --demo --freeze $FREEZE --seed 0 --kiosk=3600"
banner() {	# banner SESSION: line 2 is the banner
	tm capture-pane -p -t "$1" | sed -n 2p |
	    grep -q "UNACKNOWLEDGED CRITICAL  Basement Club  zone Dance floor  Dance floor: "
}
wait_until 20 banner t || { tm_dump; fail "no banner naming venue and zone"; }
line=$(screen | sed -n 2p)
case "$line" in
*│*) fail "the banner is cut by the divider: $line" ;;
esac
# The heading is under it, not under the banner: the venue list's title
# and the overview's first tile.
screen | sed -n 3p | grep -q "Venues (3) .*│ ┌ ▶ City Arena" ||
    { tm_dump; fail "the heading is not on the line under the banner"; }
echo "ok: banner: $(echo "$line" | sed 's/  *$//')"
# Every cell of the line in the critical colour, edge to edge.
bg() {
	tm capture-pane -p -e -N -t t | sed -n 1,2p | PYTHONPATH="$top_srcdir/tests" \
	    "$DEBIAN_PYTHON3" -c '
import sys, screen_colours
# -e gives only what changes from the cell before, across lines too:
# line 1 sets the state line 2 starts in.
state = {"fg": None, "bg": None}
lines = sys.stdin.read().split("\n")
list(screen_colours.cells(lines[0], state))
row = list(screen_colours.cells(lines[1].rstrip("\n"), state))
bad = [i for i, (c, fg, bg) in enumerate(row) if bg != "254,10,11"]
print("%d cells, %d not on the critical colour" % (len(row), len(bad)))
sys.exit(0 if len(row) == 120 and not bad else 1)'
}
# Polled: a capture may fall between two frames' bytes.
bg_ok() { out=$(bg); }
wait_until 10 bg_ok || { tm capture-pane -p -e -t t | sed -n 1,2p | cat -v >&2; fail "banner colour: $out"; }
echo "ok: banner: severity_critical colour, full width ($out)"
# The heat map's heading too (the kiosk's keys still work).
tm send-keys -t t 1
wait_until 10 eval 'screen | sed -n 3p | grep -q "City Arena  fohd"' ||
    { tm_dump; fail "heat map: its heading is not under the banner"; }
echo "ok: heat map: the heading under the banner: $(screen | sed -n 3p | sed 's/  *$//')"

# Without colour: reverse and bold.
wait_until 20 banner mono || { tm capture-pane -p -t mono >&2; fail "no banner without colour"; }
# capture-pane -e gives only what changes from the cell before, from line
# to line too: follow reverse (7, 27) and bold (1, 22) from the top.
reversed() {
	tm capture-pane -p -e -N -t mono | "$DEBIAN_PYTHON3" -c '
import re, sys
rev = bold = False
lines = sys.stdin.read().split("\n")
for n, line in enumerate(lines[:2]):
    cells = []
    for part in re.split(r"(\x1b\[[0-9;]*m)", line):
        m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
        if not m:
            cells += [(rev, bold)] * len(part)
            continue
        for p in (m.group(1) or "0").split(";"):
            if p in ("", "0"):
                rev = bold = False
            elif p == "7":
                rev = True
            elif p == "27":
                rev = False
            elif p == "1":
                bold = True
            elif p == "22":
                bold = False
good = sum(1 for r, b in cells if r and b)
print("%d cells, %d reverse and bold" % (len(cells), good))
sys.exit(0 if len(cells) == 120 and good == 120 else 1)'
}
out=$(reversed) || { tm capture-pane -p -e -t mono | sed -n 1,2p | cat -v >&2; fail "no colour: the banner is not reverse and bold: $out"; }
echo "ok: no colour: the banner is in reverse and bold ($out)"
# And the tiles' maps in flat band fills, one glyph a zone, never the
# raster (which would also thrash the heat map's raster cache).
tiles() {
	tm capture-pane -p -t mono | "$DEBIAN_PYTHON3" \
	    "$top_srcdir/tests/map_cells.py" flat "Dance floor" Bar Floor \
	    "Main field" >"$TEST_DIR/flat"
}
wait_until 10 tiles ||
    { tm capture-pane -p -t mono >&2; cat "$TEST_DIR/flat" >&2; fail "no colour: a tile's map is not in flat fills"; }
echo "ok: no colour: tiles in flat fills: $(cat "$TEST_DIR/flat")"
for s in t mono; do
	tm send-keys -t $s q
done
wait_until 10 tm_exited || fail "foh did not quit"
