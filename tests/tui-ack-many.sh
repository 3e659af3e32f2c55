#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# One console session acknowledges 10 different alerts in a row, shelves 3
# and bulk-acknowledges a filter (/ then A), while new alerts keep arriving
# and re-sorting the queue under the cursor. Before each request, the key
# is pressed once to read the alert the prompt names, cancelled, a new
# critical alert is pushed (it sorts above, so every row under the cursor
# moves), and the key is pressed again: the prompt must name the same
# alert, and start at its first question. Then fohd's journal (a real
# SQLite file, read with `fohd history`) must hold each ack and shelve on
# the alert its prompt named, with the words typed, and nothing else.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3"

club_names
club_ingest_conf "$TEST_DIR/club.db" >"$conf"
fohd_start

# push SOURCE SUBJECT SEVERITY TITLE...: external alerts, one per
# SUBJECT/TITLE pair given as "SUBJECT=TITLE".
push() {
	_src=$1 _sev=$2
	shift 2
	_f=""
	for _p in "$@"; do
		_f="$_f{\"kind\":\"external_alert\",\"source\":\"$_src\",\"subject\":\"${_p%%=*}\",\"severity\":\"$_sev\",\"title\":\"${_p#*=}\"},"
	done
	$client send "$ws" "" "[${_f%,}]" >"$TEST_DIR/push.out" ||
	    fail "push: $(cat "$TEST_DIR/push.out")"
	grep -q '"rejected": 0' "$TEST_DIR/push.out" ||
	    fail "push refused: $(cat "$TEST_DIR/push.out")"
}

# 14 warnings to act on one by one, 5 info alerts for the bulk ack.
w=""
i=1
while [ $i -le 14 ]; do
	w="$w w$i=warning-$i"
	i=$((i + 1))
done
push probe warning $w
push bulk info b1="bulk 1" b2="bulk 2" b3="bulk 3" b4="bulk 4" b5="bulk 5"

tm_start 150 50 "LANG=C.UTF-8 $FOH --operator ana $stream"
wait_until 10 screen_has "Basement Club" || { tm_dump; fail "no venue"; }
tm send-keys -t t 2
wait_until 10 screen_has "bulk 5" || { tm_dump; fail "no alerts"; }

keyline_lacks() {
	! keyline_has "$1"
}
# The alert id the open prompt names ("Ack #12 ..." or "Shelve #12 ...").
named() {
	keyline | sed -n 's/.*\(Ack\|Shelve\) #\([0-9][0-9]*\) .*/\2/p'
}

# The agent raises alerts of its own (a silent device): the queue is
# filtered to this test's source, and the criticals pushed carry it too.
tm send-keys -t t /
wait_until 5 keyline_has "Filter:" || { tm_dump; fail "no filter prompt"; }
tm send-keys -t t -l "probe"
tm send-keys -t t Enter
open=14
wait_until 5 screen_has "filter /probe" ", $open open alert" || { tm_dump; fail "the filter does not show the 14 warnings"; }

acked=""		# "ID:COMMENT" of each ack made
shelved=""		# "ID:REASON" of each shelve made
i=1
while [ $i -le 13 ]; do
	if [ $i -le 10 ]; then key=a word=Ack; else key=s word=Shelve; fi
	# To the oldest unacknowledged warning: below the i - 1 criticals
	# this test pushed (acknowledged warnings sort below it).
	tm send-keys -t t Home
	j=1
	while [ $j -lt $i ]; do
		tm send-keys -t t j
		j=$((j + 1))
	done
	tm send-keys -t t $key
	wait_until 5 keyline_has "$word #" || { tm_dump; fail "$i: no prompt naming the alert"; }
	x=$(named)
	keyline_has "(warning)" || { tm_dump; fail "$i: the prompt does not name the warning"; }
	tm send-keys -t t Escape
	wait_until 5 keyline_lacks "$word #" || { tm_dump; fail "$i: Escape left the prompt"; }

	# A new critical sorts above the cursor: every row below moves.
	push probe critical "c$i=incoming-$i"
	open=$((open + 1))
	wait_until 10 screen_has ", $open open alert" || { tm_dump; fail "$i: the new alert is not shown"; }

	tm send-keys -t t $key
	wait_until 5 keyline_has "$word #" || { tm_dump; fail "$i: no second prompt"; }
	x2=$(named)
	[ "$x2" = "$x" ] || { tm_dump; fail "$i: the cursor moved from #$x to #$x2 when the queue re-sorted"; }
	if [ $key = a ]; then
		keyline_has "comment:" || { tm_dump; fail "$i: the ack prompt does not start at its comment"; }
		ack_answers "comment $i on $x"
		wait_until 10 screen_has "ack #$x club: done" || { tm_dump; fail "$i: the ack of #$x did not end done"; }
		acked="$acked $x:comment $i on $x"
	else
		keyline_has "minutes:" || { tm_dump; fail "$i: the shelve prompt does not start at its minutes"; }
		tm send-keys -t t -l "30"
		tm send-keys -t t Enter
		wait_until 5 keyline_has "Reason:" || { tm_dump; fail "$i: no reason question"; }
		tm send-keys -t t -l "reason $i on $x"
		tm send-keys -t t Enter
		wait_until 10 screen_has "shelve #$x club: done" || { tm_dump; fail "$i: the shelve of #$x did not end done"; }
		shelved="$shelved $x:reason $i on $x"
	fi
	echo "ok: $i: $word #$x named before and after the re-sort, done"
	i=$((i + 1))
done

# Bulk: the filter shows the 5 bulk alerts; A names them and asks.
tm send-keys -t t /
wait_until 5 keyline_has "Filter:" || { tm_dump; fail "no filter prompt"; }
tm send-keys -t t -l "bulk"
tm send-keys -t t Enter
wait_until 5 screen_has "filter /bulk" ", 5 open alert" || { tm_dump; fail "the filter does not show the 5 bulk alerts"; }
tm send-keys -t t A
wait_until 5 keyline_has "Ack 5 unacknowledged alerts of club? (y/n)" || { tm_dump; fail "A does not state the count and venue"; }
# A sixth arrives while A asks: it was not named, so it is not acknowledged.
push bulk info b6="bulk 6"
wait_until 10 screen_has ", 6 open alert" || { tm_dump; fail "the sixth bulk alert is not shown"; }
tm send-keys -t t -l y
tm send-keys -t t Enter
wait_until 5 keyline_has "Ack 5 alerts" || { tm_dump; fail "no bulk comment question"; }
keyline_has "comment:" || { tm_dump; fail "no bulk comment question"; }
tm send-keys -t t Enter		# empty: refused in the console
wait_until 5 screen_has "needs a comment" || { tm_dump; fail "an empty comment was not refused"; }
wait_until 10 keyline_has "comment:" || { tm_dump; fail "the comment question did not come back"; }
tm send-keys -t t -l "bulk ok"
tm send-keys -t t Enter
wait_until 5 keyline_has "Expires in minutes" || { tm_dump; fail "no bulk expiry question"; }
tm send-keys -t t Enter

# The journal: every ack and shelve on the alert named, and nothing else.
journal_right() {
	"$FOHD" history -c "$conf" --format jsonl >"$TEST_DIR/h.jsonl" ||
	    return 1
	$py - "$TEST_DIR/h.jsonl" "$acked" "$shelved" >"$TEST_DIR/check.out" 2>&1 <<'EOP'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
def parse(s):
    out, cur = [], None
    for tok in s.split(" "):
        if tok == "":
            continue
        if ":" in tok and tok.split(":", 1)[0].isdigit():
            if cur:
                out.append(cur)
            a, w = tok.split(":", 1)
            cur = [int(a), w]
        else:
            cur[1] += " " + tok
    if cur:
        out.append(cur)
    return {(a, w) for a, w in out}
want_ack = parse(sys.argv[2])
want_shelve = parse(sys.argv[3])
fired = {r["note"]: r["alert"] for r in rows if r["op"] == "fire"}
bulk = {fired["bulk %d" % i] for i in range(1, 6)}
want_ack |= {(a, "bulk ok") for a in bulk}
acks = {(r["alert"], r["note"]) for r in rows if r["op"] == "ack"}
shelves = {(r["alert"], r["note"]) for r in rows if r["op"] == "shelve"}
other = [r for r in rows if r["op"] in ("unack", "unshelve", "approve",
                                         "comment")]
bad = [r for r in rows if r["op"] in ("ack", "shelve") and
       (r["result"] != "done" or r["operator"] != "ana")]
ok = True
if len(want_ack) != 15 or len({a for a, _ in want_ack}) != 15:
    print("the acks made are not 15 different alerts:", want_ack); ok = False
if acks != want_ack:
    print("acks in the journal:", sorted(acks)); print("acks made:",
          sorted(want_ack)); ok = False
if shelves != want_shelve or len(want_shelve) != 3:
    print("shelves in the journal:", sorted(shelves)); print("made:",
          sorted(want_shelve)); ok = False
if other or bad:
    print("unexpected rows:", other + bad); ok = False
if fired["bulk 6"] in {a for a, _ in acks}:
    print("bulk 6, not named by A, was acknowledged"); ok = False
sys.exit(0 if ok else 1)
EOP
}
wait_until 10 journal_right || { cat "$TEST_DIR/check.out" >&2; cat "$TEST_DIR/h.jsonl" >&2; fail "the journal does not hold exactly what was asked"; }
echo "ok: the journal holds 15 acks and 3 shelves, each on the alert its prompt named, with its words, and nothing else"

# The cursor's alert (a bulk one) leaves the view with a new filter: said.
tm send-keys -t t /
wait_until 5 keyline_has "Filter:" || { tm_dump; fail "no filter prompt"; }
tm send-keys -t t -l "probe"
tm send-keys -t t Enter
wait_until 5 screen_has "left the queue; the cursor is on #" || { tm_dump; fail "the cursor's alert left the view unsaid"; }
echo "ok: $(tm_screen | grep -o 'alert #[0-9]* left the queue; the cursor is on #[0-9]*')"
tm_quit
wait_until 5 tm_exited || fail "foh did not quit"
