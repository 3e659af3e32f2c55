#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The ":" line and text that fits, on the frozen demo run from the build
# tree: Tab lists the commands, a venue's ids and names and the themes
# on disk above the prompt and cycles through them; Up recalls the line
# typed before (also after a restart, from $XDG_STATE_HOME/foh/history);
# :venue takes a name's prefix; :theme lists the themes, :theme light is
# found in the source tree with no FOH_THEMEDIR, and a bad name says what
# exists (at 160 columns: the message names the tree's path). Then the
# queue at 80x24 gives its titles the room of an empty "Acked by" column,
# cut with an ellipsis, and at 200x60 no venue's name is cut.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN"

# The line above the prompt (the candidates).
above() {
	tm_screen | tail -n 2 | head -n 1
}
# above_has TEXT...: does the candidates' line show every TEXT?
above_has() {
	_a=$(above)
	for _w in "$@"; do
		case "$_a" in *"$_w"*) ;; *) return 1 ;; esac
	done
	return 0
}

unset FOH_THEMEDIR
run="env TZ=UTC LANG=C.UTF-8 TERM=xterm-256color XDG_CONFIG_HOME=$TEST_DIR/conf XDG_STATE_HOME=$TEST_DIR/state USER=golden $FOH --demo --freeze 120"
tm_start 160 24 "$run"
wait_until 20 screen_has "3 live" "City Arena" || { tm_dump; fail "demo did not come up"; }

# Commands: Tab on an empty line lists them all.
tm send-keys -t t :
tm send-keys -t t Tab
wait_until 10 above_has "command:" "venue" "theme" "view" || { tm_dump; fail "Tab listed no commands"; }
# "ve" and Tab: venue and view; one more letter and Tab completes it.
tm send-keys -t t BSpace v
tm send-keys -t t Tab
wait_until 10 above_has "venue" "view" || { tm_dump; fail "v Tab did not list venue and view"; }
tm send-keys -t t e n Tab
wait_until 10 keyline_has ":venue " || { tm_dump; fail "ven Tab did not complete :venue"; }
# Its argument: the venues, by id with the name beside it.
tm send-keys -t t Tab
wait_until 10 above_has "venue:" "arena (City Arena)" "club (Basement Club)" "festival (Meadow Festival)" ||
    { tm_dump; fail "Tab did not list the venues by id and name"; }
# Tab again cycles: the first, then the second.
tm send-keys -t t Tab
wait_until 10 keyline_has ":venue arena" || { tm_dump; fail "Tab did not put the first venue in"; }
tm send-keys -t t Tab
wait_until 10 keyline_has ":venue club" || { tm_dump; fail "Tab did not cycle to the second venue"; }
echo "ok: Tab lists commands and venues by id and name, and cycles"
# By name, in any case: "me" is the festival.
tm send-keys -t t C-u Escape
tm send-keys -t t : v e n u e Space m e Tab
wait_until 10 keyline_has ":venue Meadow Festival" || { tm_dump; fail "venue me Tab did not complete the name"; }
tm send-keys -t t Escape
echo "ok: a venue's name completes from a prefix in any case"

# :venue with a name's prefix selects it.
tm send-keys -t t : v e n u e Space b a s e Enter
wait_until 10 screen_has "Basement Club  fohd" || { tm_dump; fail ":venue base did not select the club"; }
echo "ok: :venue base selects the Basement Club"

# Up recalls the line typed before.
tm send-keys -t t : Up
wait_until 10 keyline_has ":venue base" || { tm_dump; fail "Up did not recall :venue base"; }
tm send-keys -t t Escape
echo "ok: Up recalls the previous command"

# Themes: Tab lists what is on disk, :theme lists them and where.
tm send-keys -t t : t h e m e Space Tab
wait_until 10 above_has "theme:" "dark" "light" "mono" || { tm_dump; fail "theme Tab listed no themes"; }
tm send-keys -t t Escape
tm send-keys -t t : t h e m e Enter
wait_until 10 keyline_has "themes: colorblind, dark, high-contrast, light, mono (in $(cd "$top_srcdir" && pwd -P)/themes" ||
    { tm_dump; fail ":theme did not list the tree's themes"; }
tm send-keys -t t : t h e m e Space n o p e Enter
wait_until 10 keyline_has 'no theme "nope": there are colorblind, dark, high-contrast, light, mono' ||
    { tm_dump; fail "a bad theme did not say what exists"; }
tm send-keys -t t : t h e m e Space l i g h t Enter
wait_until 10 keyline_has "theme light" || { tm_dump; fail ":theme light failed from the build tree"; }
echo "ok: :theme lists, a bad name says what exists, light is found in the tree"
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"

# The history outlives the run.
grep -qx "venue base" "$TEST_DIR/state/foh/history" || fail "no history file"
tm kill-server 2>/dev/null
tm_start 100 24 "$run"
wait_until 20 screen_has "3 live" || { tm_dump; fail "demo did not come up again"; }
tm send-keys -t t : Up
wait_until 10 keyline_has ":theme light" || { tm_dump; fail "Up after a restart did not recall :theme light"; }
tm send-keys -t t Escape
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"
echo "ok: the history is there after a restart"

# --theme at start finds the tree's themes too.
tm kill-server 2>/dev/null
tm_start 100 24 "$run --theme light"
wait_until 20 screen_has "3 live" || { tm_dump; fail "--theme light did not start"; }
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"
grep -q "no theme" "$TEST_DIR/stderr" && { cat "$TEST_DIR/stderr"; fail "--theme light not found"; }
echo "ok: --theme light from the build tree"

# A theme that does not exist: stderr says which do and where they are
# (the directory was once printed before it was looked up).
tm kill-server 2>/dev/null
tm_start 100 24 "$run --theme nope"
wait_until 20 screen_has "3 live" || { tm_dump; fail "--theme nope did not start"; }
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"
grep -q "no theme nope: there are colorblind, dark, high-contrast, light, mono (in [^)]*themes): using dark" \
    "$TEST_DIR/stderr" || { cat "$TEST_DIR/stderr"; fail "--theme nope: not said which and where"; }
echo "ok: --theme nope: $(grep "no theme" "$TEST_DIR/stderr")"

# 80x24: nobody acked, so the queue has no "Acked by" column and the
# titles get its room: wider than the 16 cells they had, cut with "…".
tm kill-server 2>/dev/null
tm_start 80 24 "$run"
wait_until 20 screen_has "3 live" || { tm_dump; fail "demo did not come up at 80x24"; }
tm send-keys -t t 2
wait_until 10 screen_has "Alerts (" || { tm_dump; fail "no queue"; }
screen_has "Acked by" && { tm_dump; fail "an empty Acked by column kept its width"; }
title=$(tm_screen | grep -F "Person down" | sed 's/.*\(Person down[^ ]* [^ ]* [^ ]* [^ ]*\).*/\1/')
case "$title" in
*…) ;;
*) tm_dump; fail "the cut title \"$title\" does not end in an ellipsis" ;;
esac
[ "$(printf '%s' "$title" | wc -m)" -gt 16 ] || { tm_dump; fail "title \"$title\" no wider than 16"; }
echo "ok: 80x24 titles are wider ($title) and cut with an ellipsis"
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"

# 200x60: every venue name whole in the queue.
tm kill-server 2>/dev/null
tm_start 200 60 "$run"
wait_until 20 screen_has "3 live" || { tm_dump; fail "demo did not come up at 200x60"; }
tm send-keys -t t 2
wait_until 10 screen_has "Alerts (" || { tm_dump; fail "no queue"; }
n=$(tm_screen | grep -c "FIRING   Meadow Festival \|FLAPPING Meadow Festival ")
[ "$n" -ge 3 ] || { tm_dump; fail "Meadow Festival cut at 200x60"; }
tm_screen | grep -q "Festiva[^l]" && { tm_dump; fail "a venue name is cut at 200x60"; }
echo "ok: 200x60 cuts no venue name"
tm_quit
wait_until 10 tm_exited || fail "foh did not quit"
