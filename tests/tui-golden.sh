#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Golden screens: foh --demo --freeze plays the demo's first FREEZE seconds
# with a fixed seed, then stops both clocks (the wall clock at 2026-07-04
# 20:00 UTC), so every run draws the same screens. Each view is captured at
# 80x24 and 200x60 and compared with tests/golden/WxH/VIEW.txt.
#
# Regenerate the goldens after a deliberate change to what a view shows:
#
#     GENERATE=1 make check TESTS=tests/tui-golden.sh
#
# then read the diff (git diff tests/golden) before committing it.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN"

FREEZE=120
GOLDEN="$top_srcdir/tests/golden"
GENERATE=${GENERATE:-0}

# The views: name, the keys that reach it from the previous one, and a
# string that is on screen once it is drawn. The club (] from the arena)
# is the venue with the most going on at that moment.
VIEWS="overview:6:Meadow_Festival
heatmap:]_1:Kind
alerts:2:problems
why:Enter:Observed
equipment:3:Wear
drift:4:Warn/Crit
help:7:Navigation"

screen() {
	tm capture-pane -p -t t 2>/dev/null
}

# Poll until the marker is on screen and two captures agree (the frame is
# whole; nothing moves while the clocks are frozen).
settled() {
	screen >"$TEST_DIR/a.txt"
	grep -qF -- "$1" "$TEST_DIR/a.txt" || return 1
	screen >"$TEST_DIR/b.txt"
	cmp -s "$TEST_DIR/a.txt" "$TEST_DIR/b.txt"
}

n=0
for size in 80x24 200x60; do
	w=${size%x*}
	h=${size#*x}
	mkdir -p "$TEST_DIR/xdg"
	tm kill-server 2>/dev/null
	tm_start "$w" "$h" "env TZ=UTC LANG=C.UTF-8 TERM=xterm-256color" \
	    "XDG_CONFIG_HOME=$TEST_DIR/xdg USER=golden" \
	    "$FOH --demo --freeze $FREEZE --seed 0"
	wait_until 20 screen_has "3 live" || { tm_dump; fail "$size: demo did not come up"; }
	echo "$VIEWS" | while IFS=: read -r view keys marker; do
		for k in $(echo "$keys" | tr _ ' '); do
			tm send-keys -t t "$k"
		done
		marker=$(echo "$marker" | tr _ ' ')
		file="$GOLDEN/$size/$view.txt"
		if [ "$GENERATE" = 1 ]; then
			mkdir -p "$GOLDEN/$size"
			wait_until 20 settled "$marker" ||
			    { tm_dump; fail "$size $view: no settled screen"; }
			cp "$TEST_DIR/a.txt" "$file"
			echo "generated: $size/$view.txt"
			continue
		fi
		[ -f "$file" ] || fail "$size $view: no golden $file (GENERATE=1)"
		if ! wait_until 20 screen_is "$file"; then
			diff -u "$file" "$TEST_DIR/screen.txt" >&2
			fail "$size $view: screen differs from $file" \
			    "(GENERATE=1 regenerates it)"
		fi
		echo "ok: $size $view matches its golden"
	done || exit 1
	tm_quit
	wait_until 10 tm_exited || fail "$size: foh did not quit"
	[ "$(cat "$TEST_DIR/status")" = 0 ] || { tm_dump; fail "$size: exit status"; }
	n=$((n + 1))
done
[ "$n" = 2 ] || fail "ran $n sizes, not 2"
