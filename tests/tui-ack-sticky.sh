#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Sticky and non-sticky acks, typed in a console in a real terminal, on a
# real fohd with its journal (PROTOCOL.md 6.7). Two zones crowd past the
# critical 5.00 p/m2 (clear 4.50: one clear band is 0.50): the dance
# floor's alert is acknowledged non-sticky at 6.00, the bar's sticky at
# 5.50. A value at 6.40 (not yet past 6.50) leaves both acknowledged; 6.67
# on the dance floor and 6.67 at the bar end the non-sticky ack only: the
# dance floor is FIRING again, its why-pane shows the agent's "ack-ended"
# with the reason, and the bar stays ACKED. The one-shot `foh ack
# --non-sticky` acknowledges the dance floor again (the second ack of the
# alert); an external alert's non-sticky ack ends only when its source
# sends a higher severity; an ack that expires is in the alert's
# history; an unknown ack_type is refused naming the field. fohd restarts, and the journal and the console still say
# non-sticky; a worse value after the restart ends that ack too.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3"

club_names
db="$TEST_DIR/club.db"
club_conf "$db" >"$conf"

# count ZONE N [30]: N people in ZONE, held 30 s (held_counts), else one
# reading now.
count() {
	if [ $# -ge 3 ]; then
		_f=$(held_counts "$1" "$2")
	else
		_f="{\"kind\":\"zone_count\",\"zone\":\"$1\",\"count\":$2,\"t\":$(( $(date +%s) * 1000 ))}"
	fi
	$client send "$ws" "" "$_f" >"$TEST_DIR/push.out" ||
	    fail "readings for $1"
	grep -q '"accepted"' "$TEST_DIR/push.out" ||
	    { cat "$TEST_DIR/push.out" >&2; fail "readings for $1 refused"; }
}
# filter TEXT: the queue through /TEXT, the cursor on its first row (the
# critical alert: criticals sort first).
filter() {
	tm send-keys -t t 2 /
	wait_until 5 keyline_has "Filter:" || { tm_dump; fail "no filter prompt"; }
	tm send-keys -t t -l "$1"
	tm send-keys -t t Enter
	wait_until 5 screen_has "filter /$1" || { tm_dump; fail "no filter /$1"; }
	tm send-keys -t t Home
}
# ack SUBJECT ANSWER: acknowledge SUBJECT's critical alert, answering
# the sticky question with ANSWER ("" for the default); its id in $x.
ack() {
	filter "$1"
	tm send-keys -t t a
	wait_until 5 keyline_has "density-critical $1 (critical)" ||
	    { tm_dump; fail "the ack prompt does not name $1's critical alert"; }
	x=$(keyline | sed -n 's/.*Ack #\([0-9][0-9]*\) .*/\1/p')
	ack_answers "on $1" "$2"
	wait_until 10 screen_has "ack #$x club: done" || { tm_dump; fail "the ack of #$x did not end done"; }
}
# crit_row SUBJECT STATE: the queue's critical row of SUBJECT shows STATE.
crit_row() {
	tm_screen | grep " CRIT " | grep " $1 " | grep -q " $2 "
}
# why ID: the why-pane of the alert under the cursor, which must be ID.
why() {
	tm send-keys -t t Enter
	wait_until 5 screen_has "#$1" "History:" || { tm_dump; fail "no why-pane of #$1"; }
}
# journal_ack_type ID: the ack_type of alert ID as the journal holds it
# (the encoded alert in the alerts table), "-" if absent.
journal_ack_type() {
	$py - "$db" "$1" <<'EOP'
import msgpack, sqlite3, sys
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
row = con.execute("SELECT msg FROM alerts WHERE id = ?",
                  (int(sys.argv[2]),)).fetchone()
a = msgpack.unpackb(row[0], raw=False) if row else {}
print(a.get("ack_type", "-"), a.get("state", "-"))
EOP
}

fohd_start
count dance 900 30	# 6.00 p/m2
count bar 330 30	# 5.50 p/m2
tm_start 120 40 "LANG=C.UTF-8 $FOH --operator ana $stream"
wait_until 10 screen_has "Basement Club" || { tm_dump; fail "no venue"; }
tm send-keys -t t 2
wait_until 10 screen_has "Dance floor" "Bar" "CRIT" || { tm_dump; fail "no critical alerts"; }

ack dance n
dance=$x
ack bar ""
bar=$x
[ "$dance" != "$bar" ] || fail "one alert acknowledged twice"
filter dance
why "$dance"
wait_until 5 screen_has "Acknowledged by ana" "(non-sticky)" ||
    { tm_dump; fail "the why-pane does not say non-sticky"; }
echo "ok: #$dance acknowledged non-sticky, #$bar sticky; the why-pane says: $(tm_screen | grep -o 'Acknowledged by ana.*(non-sticky)')"
[ "$(journal_ack_type "$dance")" = "non-sticky acknowledged" ] ||
    fail "journal: #$dance is $(journal_ack_type "$dance")"
[ "$(journal_ack_type "$bar")" = "sticky acknowledged" ] ||
    fail "journal: #$bar is $(journal_ack_type "$bar")"

# Worse, but not past one clear band (6.50): still acknowledged.
count dance 960		# 6.40 p/m2
wait_until 10 screen_has "6.40" || { tm_dump; fail "the why-pane does not show 6.40"; }
screen_has "Acknowledged by ana" "(non-sticky)" ||
    { tm_dump; fail "the non-sticky ack ended at 6.40, before 6.50"; }
echo "ok: at 6.40 the non-sticky ack holds"

# Past it: 6.67 on both. The non-sticky ack ends, the sticky one holds.
count dance 1000
count bar 400
wait_until 10 screen_has "ack-ended" "value worsened past 6.50" "Not acknowledged" ||
    { tm_dump; fail "the why-pane does not show the ended ack"; }
tm send-keys -t t Escape
filter dance
wait_until 5 crit_row dance FIRING ||
    { tm_dump; fail "#$dance's row is not FIRING"; }
filter bar
wait_until 5 crit_row bar ACKED ||
    { tm_dump; fail "#$bar's row is not ACKED after 6.67"; }
echo "ok: past 6.50 #$dance is FIRING again with ack-ended in its history; #$bar is still ACKED"
"$FOHD" history -c "$conf" --format jsonl >"$TEST_DIR/h.jsonl" || fail "history"
grep '"op":"ack-ended"' "$TEST_DIR/h.jsonl" | grep -q "\"alert\":$dance" ||
    { cat "$TEST_DIR/h.jsonl" >&2; fail "no ack-ended of #$dance in the audit trail"; }
if grep '"op":"ack-ended"' "$TEST_DIR/h.jsonl" | grep -q "\"alert\":$bar"; then
	fail "the sticky ack of #$bar ended"
fi
[ "$(journal_ack_type "$dance")" = "- firing" ] ||
    fail "journal: #$dance is $(journal_ack_type "$dance"), want no ack type, firing"
echo "ok: the journal has #$dance firing with no ack type, and ack-ended in its audit trail"

# The second ack of the alert, from the shell: non-sticky only for ack.
"$FOH" comment "$control" "$dance" -o ana -m x --non-sticky \
    >"$TEST_DIR/oneshot.out" 2>&1
rc=$?
[ $rc = 64 ] && grep -q -- "--non-sticky is for ack only" "$TEST_DIR/oneshot.out" ||
    { cat "$TEST_DIR/oneshot.out" >&2; fail "comment --non-sticky: exit $rc"; }
"$FOH" ack "$control" "$dance" -o ana -m "again" --non-sticky \
    >"$TEST_DIR/oneshot.out" 2>&1 ||
    { cat "$TEST_DIR/oneshot.out" >&2; fail "foh ack --non-sticky failed"; }
grep -q '^done:' "$TEST_DIR/oneshot.out" ||
    { cat "$TEST_DIR/oneshot.out" >&2; fail "foh ack --non-sticky: not done"; }
[ "$(journal_ack_type "$dance")" = "non-sticky acknowledged" ] ||
    fail "journal: #$dance is $(journal_ack_type "$dance") after the second ack"
echo "ok: foh ack --non-sticky acknowledged #$dance again; comment --non-sticky is refused"

# An external alert has no direction: only a higher severity from its
# source ends a non-sticky ack on it.
external() {	# external SEVERITY
	$client send "$ws" "" \
	    "{\"kind\":\"external_alert\",\"source\":\"probe\",\"subject\":\"p1\",\"severity\":\"$1\",\"title\":\"probe $1\"}" \
	    >"$TEST_DIR/push.out" || fail "external alert"
}
external warning
ext_fired() {
	ext=$("$FOHD" history -c "$conf" --format jsonl | grep '"op":"fire"' |
	    grep '"note":"probe warning"' | sed -n 's/.*"alert":\([0-9]*\).*/\1/p' |
	    head -n 1)
	[ -n "$ext" ]
}
wait_until 10 ext_fired || fail "the external alert did not fire"
"$FOH" ack "$control" "$ext" -o ana -m "probe seen" --non-sticky \
    >"$TEST_DIR/oneshot.out" 2>&1 && grep -q '^done:' "$TEST_DIR/oneshot.out" ||
    { cat "$TEST_DIR/oneshot.out" >&2; fail "ack of the external alert"; }
external warning
[ "$(journal_ack_type "$ext")" = "non-sticky acknowledged" ] ||
    fail "journal: external #$ext is $(journal_ack_type "$ext") after a repeat"
external critical
ext_ended() {
	"$FOHD" history -c "$conf" --format jsonl | grep '"op":"ack-ended"' |
	    grep -q "\"alert\":$ext,"
}
wait_until 10 ext_ended || fail "a critical from the source did not end the non-sticky ack of #$ext"
[ "$(journal_ack_type "$ext")" = "- firing" ] ||
    fail "journal: external #$ext is $(journal_ack_type "$ext") after critical"
echo "ok: external #$ext: a repeat leaves the non-sticky ack, a critical from its source ends it"

# An ack that expires (1 s) while the alert fires: firing again, and its
# history says so.
r=$($ctl "$control" ack ana id=78 \
    alert="$ext" comment="brb" expiry_s=1)
[ "$(answer status "$r")" = done ] || fail "ack with expiry_s 1: $r"
last_op() {	# last_op ID -> the op and note of its history's last entry
	$py - "$db" "$1" <<'EOP'
import msgpack, sqlite3, sys
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
row = con.execute("SELECT msg FROM alerts WHERE id = ?",
                  (int(sys.argv[2]),)).fetchone()
ops = msgpack.unpackb(row[0], raw=False).get("ops", []) if row else []
print("%s: %s" % (ops[-1]["op"], ops[-1].get("note", "")) if ops else "-")
EOP
}
expired() {
	[ "$(last_op "$ext")" = "ack-expired: ack by ana expired" ]
}
wait_until 10 expired || fail "no ack-expired in #$ext's history: $(last_op "$ext")"
[ "$(journal_ack_type "$ext")" = "- firing" ] ||
    fail "journal: external #$ext is $(journal_ack_type "$ext") after its ack expired"
echo "ok: an ack that expired is in the alert's history: $(last_op "$ext")"

# An ack type fohd does not know: refused naming the field and counted;
# the alert is as it was, and fohd goes on answering.
refused() {
	metric fohd_control_refused_total 'code="bad-request"'
}
n0=$(refused)
r=$($sp "$control" ask "{\"v\":1,\"kind\":\"request\",\"op\":\"unack\",\"id\":77,\"operator\":\"ana\",\"alert\":$dance,\"ack_type\":\"forever\"}")
[ "$(answer code "$r")" = bad-request ] && [ "$(answer field "$r")" = ack_type ] &&
    [ "$(answer id "$r")" = 77 ] || fail "an unknown ack_type: $r"
[ "$(refused)" = $((n0 + 1)) ] || fail "the refusal was not counted: $n0 then $(refused)"
[ "$(journal_ack_type "$dance")" = "non-sticky acknowledged" ] ||
    fail "the refused request changed #$dance: $(journal_ack_type "$dance")"
echo "ok: ack_type \"forever\" refused: $(answer text "$r"); counted; #$dance unchanged"

# fohd restarts: the journal kept both ack types, and the console says so.
kill $pid
wait $pid 2>/dev/null
fohd_start
[ "$(journal_ack_type "$dance")" = "non-sticky acknowledged" ] ||
    fail "journal after the restart: #$dance is $(journal_ack_type "$dance")"
[ "$(journal_ack_type "$bar")" = "sticky acknowledged" ] ||
    fail "journal after the restart: #$bar is $(journal_ack_type "$bar")"
filter dance
why "$dance"
wait_until 15 screen_has "Acknowledged by ana" "(non-sticky)" ||
    { tm_dump; fail "after the restart the console does not say non-sticky"; }
echo "ok: after a restart of fohd, the journal and the console still say #$dance non-sticky, #$bar sticky"

# A worse value after the restart ends the restored non-sticky ack, from
# the value it was journalled with (6.67: past 7.17).
count dance 1080	# 7.20 p/m2
wait_until 10 screen_has "value worsened past 7.17" "Not acknowledged" ||
    { tm_dump; fail "the restored non-sticky ack did not end"; }
echo "ok: after the restart, 7.20 ends the restored non-sticky ack (past 7.17)"
tm_quit
wait_until 5 tm_exited || fail "foh did not quit"
