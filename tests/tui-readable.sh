#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Readable on poor terminals: TERM=xterm (8 colours), NO_COLOR=1 (no colour
# escapes at all) and LANG=C (no byte above 0x7f), each still showing every
# zone's band letter; a broken theme is named with file:line while the
# console starts with the default; and COLORTERM=truecolor gets the theme's
# exact RGB, where a 256-colour terminal gets the nearest palette colour.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3"

labels() {	# labels SESSION: the "X d.dd" band labels on screen
	tm capture-pane -p -t "$1" | grep -oE '\b[A-F] [0-9]+\.[0-9]{2}\b'
}
has_labels() {
	[ "$(labels "$1" | wc -l)" -ge 6 ]
}
tm new-session -d -x 120 -y 40 -s xterm "TERM=xterm LANG=C.UTF-8 $FOH --demo"
tm new-session -d -x 120 -y 40 -s nocolor "NO_COLOR=1 LANG=C.UTF-8 $FOH --demo"
tm new-session -d -x 120 -y 40 -s langc "LANG=C LC_ALL=C $FOH --demo"
tm new-session -d -x 120 -y 40 -s rgb \
    "COLORTERM=truecolor TERM=tmux-256color LANG=C.UTF-8 $FOH --demo --freeze 120"
tm new-session -d -x 120 -y 40 -s c256 \
    "TERM=tmux-256color LANG=C.UTF-8 $FOH --demo --freeze 120"
mkdir -p "$TEST_DIR/xdg/foh/themes"
printf '[theme]\nname = broken\nband_a = #12345\n' >"$TEST_DIR/xdg/foh/themes/broken.theme"
tm new-session -d -x 100 -y 30 -s theme \
    "XDG_CONFIG_HOME=$TEST_DIR/xdg LANG=C.UTF-8 $FOH --demo --theme broken 2>$TEST_DIR/theme.err"
for s in xterm nocolor langc; do
	wait_until 10 has_labels $s || { tm capture-pane -p -t $s >&2; fail "$s: band letters missing"; }
	echo "ok: $s: band letters shown: $(labels $s | cut -c1 | sort -u | tr -d '\n')"
done
# NO_COLOR: the captured screen sets no colour (SGR 30-38, 40-48; 39/49 are
# the defaults); the
# same check on the 8-colour screen finds colour, so it can see it.
esc=$(printf '\033')
colour="${esc}\\[([0-9]*;)*(3[0-8]|4[0-8])(;[0-9;]*)?m"
tm capture-pane -p -e -t xterm | grep -qE "$colour" ||
    fail "the colour check sees no colour even on TERM=xterm"
if tm capture-pane -p -e -t nocolor | grep -qE "$colour"; then
	fail "NO_COLOR screen has colour escapes"
fi
echo "ok: NO_COLOR: no colour escapes (TERM=xterm has them)"
# LANG=C: nothing but ASCII.
if tm capture-pane -p -t langc | LC_ALL=C grep -q '[^ -~]'; then
	tm capture-pane -p -t langc | LC_ALL=C grep -n '[^ -~]' >&2
	fail "LANG=C screen has non-ASCII bytes"
fi
echo "ok: LANG=C: ASCII only"

# Truecolor: the dark theme's band F fill, #af00ff, as 24-bit colour; the
# same screen on a 256-colour terminal uses palette colour 129 instead.
rgb_f() { tm capture-pane -p -e -t "$1" | grep -q "48;2;175;0;255m"; }
p256_f() { tm capture-pane -p -e -t "$1" | grep -q "48;5;129m"; }
for s in rgb c256; do
	tm send-keys -t $s ]	# the club: its dance floor is in band F
done
wait_until 10 rgb_f rgb || { tm capture-pane -p -e -t rgb | head -5 >&2; fail "COLORTERM=truecolor: no 24-bit band F"; }
wait_until 10 p256_f c256 || fail "256 colours: no palette band F"
rgb_f c256 && fail "256-colour terminal got 24-bit colour"
echo "ok: COLORTERM=truecolor: exact theme RGB; 256 colours: palette"

# The club sends a density raster (scenarios/club.scn): its heat map is
# drawn in upper half blocks, some with different bands in their halves.
hb=$(tm capture-pane -p -e -t c256 | "$DEBIAN_PYTHON3" "$top_srcdir/tests/screen_colours.py" halfblock) ||
    fail "no two-coloured half block on the club's raster ($hb)"
echo "ok: raster drawn in half blocks: $hb"

# A broken theme: file:line on stderr, and the console runs anyway.
wait_until 10 has_labels theme || fail "console with a broken theme did not run"
grep -q "broken.theme:3: " "$TEST_DIR/theme.err" || { cat "$TEST_DIR/theme.err" >&2; fail "no file:line for the theme"; }
echo "ok: broken theme: $(head -n 1 "$TEST_DIR/theme.err")"
for s in xterm nocolor langc theme rgb c256; do
	tm send-keys -t $s q
done
