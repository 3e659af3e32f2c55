#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The equipment view tells the truth about wear: in the demo's arena the
# screen projector's lamp is at 99% of its 2000 h limit. Its row must not
# read "ok": fohd calls it a warning (at 90% of its wear limit; a console
# reads WORN where an older agent still says ok), it sorts above the ok
# devices, the detail line says why and what to do, and the heading counts
# it, at 200x60 and at 80x24, in UTF-8 and under LANG=C.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN"

# The table row of the device whose name starts so (the 80-column table
# cuts names; the detail block's rule, "-- Name --", is not a row).
row_of() {
	_rule=$(printf '\342\224\200')
	tm_screen | grep -F -- "$1" | grep -v -F -e "-- $1" -e "$_rule $1" |
	    head -n 1
}

for run in "200 60 C.UTF-8" "80 24 C"; do
	set -- $run
	tm kill-server 2>/dev/null
	tm_start "$1" "$2" "env TZ=UTC LANG=$3 TERM=xterm-256color" \
	    "XDG_CONFIG_HOME=$TEST_DIR/xdg USER=golden" \
	    "$FOH --demo --freeze 120 --seed 0"
	wait_until 20 screen_has "3 live" || { tm_dump; fail "$1x$2: no demo"; }
	tm send-keys -t t 3
	wait_until 10 screen_has "City Arena equipment" "Screen projector" ||
	    { tm_dump; fail "$1x$2: no equipment view"; }
	wait_until 10 screen_has "proj-1 projector, WARNING; life" \
	    "wear 1986 of limit 2000 (99%): replace" ||
	    { tm_dump; fail "$1x$2: the detail does not say the lamp is worn"; }
	r=$(row_of "Screen projec")
	case "$r" in
	*" WARNING "*) ;;
	*) tm_dump; fail "$1x$2: projector row not warning: $r" ;;
	esac
	case "$r" in
	*" ok "*) tm_dump; fail "$1x$2: projector row still says ok: $r" ;;
	esac
	# Worn sorts above the devices that are ok.
	first=$(tm_screen | grep -n -e "Screen projec" -e "Stage left a" -e "LED wall" | head -n 1)
	case "$first" in
	*"Screen projec"*) ;;
	*) tm_dump; fail "$1x$2: the worn projector is not the first row" ;;
	esac
	# The amp at 47% and the LED wall without a limit stay ok.
	case "$(row_of "Stage left a")" in
	*" ok "*) ;;
	*) tm_dump; fail "$1x$2: the amp is not ok" ;;
	esac
	if [ "$1" = 200 ]; then
		screen_has "2 ok 1 warning" || { tm_dump; fail "heading does not count the worn device"; }
	fi
	if [ "$3" = C ] && tm_screen | LC_ALL=C grep -q '[^ -~]'; then
		tm_dump; fail "$1x$2: a non-ASCII byte under LANG=C"
	fi
	echo "ok: $1x$2 LANG=$3: $(echo "$r" | tr -s ' ' | cut -c1-70)"
	tm_quit
	wait_until 10 tm_exited || fail "$1x$2: foh did not quit"
done
