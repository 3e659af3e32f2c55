#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# A theme's severity_* and state_* slots are what the screen shows: a probe
# theme gives each an unusual colour no other slot has, and on a 24-bit
# terminal (COLORTERM=truecolor) the captured escapes show exactly those
# colours on the queue's CRIT, WARN and FIRING cells, on the status bar's
# counts and on the why-pane's title and state lines ("Not acknowledged"
# in state_firing; acknowledged in the console, "Acknowledged by" in
# state_acknowledged); with 256 colours, the palette colours nearest them.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3"

cat >"$TEST_DIR/probe.theme" <<'THEME'
[theme]
name = probe
severity_info = #0a1b2c
severity_warning = #f1a2b3, bold
severity_critical = #010203 on #fa0b0c, bold
state_firing = #c1d2e3, bold
state_acknowledged = #d4e5f6
state_shelved = #a1b1c1
state_resolved = #b2c2d2
THEME

# colours WORD: the colours of every WORD on session $S's screen, one line
# each.
S=t
colours() {
	tm capture-pane -p -e -t $S |
	    "$DEBIAN_PYTHON3" "$top_srcdir/tests/screen_colours.py" word "$1"
}
# all_fg WORD FG: every WORD on screen is in text colour FG ("R,G,B").
all_fg() {
	_c=$(colours "$1") || return 1
	[ -z "$(printf '%s\n' "$_c" | grep -v "^fg=$2 ")" ]
}
# all_in WORD FG BG: every WORD is FG on BG.
all_in() {
	_c=$(colours "$1") || return 1
	[ -z "$(printf '%s\n' "$_c" | grep -vx "fg=$2 bg=$3")" ]
}
show() {	# show WORD: what it was drawn in, for a failure
	echo "--- $1 ---" >&2
	colours "$1" | sort | uniq -c >&2
}

tm_start 120 40 "env TZ=UTC LANG=C.UTF-8 COLORTERM=truecolor" \
    "TERM=tmux-256color XDG_CONFIG_HOME=$TEST_DIR" \
    "$FOH --demo --freeze 120 --theme $TEST_DIR/probe.theme"
wait_until 20 screen_has "3 live" "City Arena" || { tm_dump; fail "demo did not come up"; }
tm send-keys -t t 2
wait_until 10 screen_has "Alerts (" "CRIT" "WARN" "FIRING" ||
    { tm_dump; fail "no queue with CRIT, WARN and FIRING"; }

wait_until 10 all_in CRIT 1,2,3 250,11,12 ||
    { show CRIT; fail "CRIT not in severity_critical"; }
echo "ok: CRIT in severity_critical: #010203 on #fa0b0c"
wait_until 10 all_fg WARN 241,162,179 ||
    { show WARN; fail "WARN not in severity_warning"; }
echo "ok: WARN in severity_warning: #f1a2b3"
wait_until 10 all_fg FIRING 193,210,227 ||
    { show FIRING; fail "FIRING not in state_firing"; }
echo "ok: FIRING in state_firing: #c1d2e3"
# The status bar's counts: C2 in the critical fill, W9 in the warning text.
wait_until 10 all_in "crit unacked" 1,2,3 250,11,12 ||
    { show "crit unacked"; fail "status bar: unacked count not in severity_critical"; }
c=$(tm_screen | head -n 1 | grep -oE ' W[0-9]+' | tr -d ' ')
[ -n "$c" ] && all_fg "$c" 241,162,179 ||
    { show "$c"; fail "status bar: $c not in severity_warning"; }
echo "ok: status bar: unacked count and $c in their severity slots"

# The why-pane of the first alert (critical, firing).
tm send-keys -t t Enter
wait_until 10 screen_has " CRITICAL " ||
    { tm_dump; fail "no why-pane"; }
wait_until 10 all_in " CRITICAL " 1,2,3 250,11,12 ||
    { show " CRITICAL "; fail "why-pane: severity not in severity_critical"; }
all_fg "FIRING" 193,210,227 || { show FIRING; fail "why-pane: FIRING not in state_firing"; }
echo "ok: why-pane title: CRITICAL and FIRING in their slots"
all_fg "Not acknowledged" 193,210,227 ||
    { show "Not acknowledged"; fail "why-pane: Not acknowledged not in state_firing"; }
tm send-keys -t t a
wait_until 5 screen_has "comment:" || { tm_dump; fail "no comment prompt"; }
tm send-keys -t t -l "probe"
tm send-keys -t t Enter
wait_until 5 screen_has "Expires in minutes" || { tm_dump; fail "no expiry prompt"; }
tm send-keys -t t Enter
wait_until 5 screen_has "[S/n]" || { tm_dump; fail "no sticky prompt"; }
tm send-keys -t t Enter
wait_until 10 screen_has "Acknowledged by" || { tm_dump; fail "the ack is not shown"; }
wait_until 10 all_fg "Acknowledged by" 212,229,246 ||
    { show "Acknowledged by"; fail "why-pane: Acknowledged by not in state_acknowledged"; }
echo "ok: why-pane: Not acknowledged in state_firing, then Acknowledged by in state_acknowledged"
tm_quit
wait_until 10 tm_exited || { tm_dump; fail "q did not quit"; }

# With 256 colours the same slots come out as their nearest palette
# colours (ui/theme.c theme_to_256): #fa0b0c 196, #010203 16, #f1a2b3 217,
# #c1d2e3 152.
S=c256
tm new-session -d -x 120 -y 40 -s c256 "env TZ=UTC LANG=C.UTF-8 \
    TERM=tmux-256color XDG_CONFIG_HOME=$TEST_DIR \
    $FOH --demo --freeze 120 --theme $TEST_DIR/probe.theme"
wait_until 20 shows c256 "3 live" "City Arena" || fail "256 colours: demo did not come up"
tm send-keys -t c256 2
wait_until 10 all_in CRIT 16 196 || { show CRIT; fail "256 colours: CRIT"; }
wait_until 10 all_fg WARN 217 || { show WARN; fail "256 colours: WARN"; }
wait_until 10 all_fg FIRING 152 || { show FIRING; fail "256 colours: FIRING"; }
echo "ok: 256 colours: CRIT 16 on 196, WARN 217, FIRING 152"
tm_quit c256
