#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# A journal has one writer (journal-lock.c): two fohd on one journal (the
# venue's and a drill started beside it) would take the same alert ids
# and overwrite each other's rows. The venue's fohd runs and raises an
# alert; a second fohd on the same config (a drill, and a plain one) is
# refused with the journal's path and the first one's pid, and the first
# goes on (an ack lands); fohd history and fohd report read the journal
# while fohd writes it. A drill with its own [journal] path (a copy of the
# config) runs beside the venue and `fohd report --drill` on that copy
# reports it, while the venue's journal has no drill row. After a kill -9
# the lock is gone with the process: fohd starts again on the journal.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
db="$TEST_DIR/club.db"
{
	club_conf "$db"
	conf_bar_full
} >"$conf"
fohd_start
venue_pid=$pid
$client send "$ws" "" '{"kind":"zone_count","zone":"bar","count":90}' |
    grep -q '"accepted": 1' || fail "reading refused"
bar_alert() {
	sql "SELECT id FROM alerts WHERE rule = 'bar-full'"
}
fired() {
	[ -n "$(bar_alert)" ]
}
wait_until 10 fired || fail "no alert journaled"
bar=$(bar_alert)

# The drill in the wrong place: on the venue's own journal, beside it.
drill="$TEST_DIR/night.jsonl"
i=0
while [ $i -le 10 ]; do
	printf '[{"kind":"zone_count","zone":"bar","count":90,"t":%d}]\n' \
	    $((1700000000000 + i * 1000))
	i=$((i + 1))
done >"$drill"
for how in "--drill $drill" ""; do
	# shellcheck disable=SC2086 # $how is words
	# (timeout: a second fohd that took the journal would run on.)
	if timeout 10 "$FOHD" -c "$conf" --stream "ipc://$TEST_DIR/two.pub" \
	    --control "ipc://$TEST_DIR/two.ctl" $how 2>"$TEST_DIR/two.err"; then
		fail "a second fohd ($how) ran on the journal"
	fi
	grep -q "fohd: error: journal $db is in use by another fohd (pid $venue_pid)" \
	    "$TEST_DIR/two.err" || fail "second fohd ($how): $(cat "$TEST_DIR/two.err")"
done
echo "ok: a second fohd on the journal is refused: $(cat "$TEST_DIR/two.err")"

kill -0 "$venue_pid" || fail "the venue's fohd stopped"
r=$($ctl "$control" ack ana id=7 alert=$bar comment="bar staff on it")
[ "$(answer status "$r")" = done ] || fail "ack after the refusal: $r"
[ "$(sql "SELECT count(*) FROM audit WHERE op = 'ack' AND alert = $bar")" = 1 ] ||
    fail "the ack is not in the journal"
echo "ok: the venue's fohd goes on: alert $bar acknowledged"

# Readers take no lock: history and report while fohd writes.
"$FOHD" history -c "$conf" --format jsonl >"$TEST_DIR/history.jsonl" \
    2>"$TEST_DIR/history.err" || fail "fohd history: $(cat "$TEST_DIR/history.err")"
grep '"op":"ack"' "$TEST_DIR/history.jsonl" | grep -q '"operator":"ana"' ||
    fail "history: $(cat "$TEST_DIR/history.jsonl")"
"$FOHD" report -c "$conf" --from -1h --format csv --table decisions \
    -o "$TEST_DIR/d.csv" 2>"$TEST_DIR/report.err" ||
    fail "fohd report: $(cat "$TEST_DIR/report.err")"
grep -q "^[^,]*,ana,ack,$bar,bar staff on it," "$TEST_DIR/d.csv" ||
    fail "report: $(cat "$TEST_DIR/d.csv")"
kill -0 "$venue_pid" || fail "the venue's fohd stopped"
echo "ok: fohd history and fohd report read the journal while fohd runs"

# The drill in the right place: a copy of the config with its own journal.
sed "s|^path = $db\$|path = $TEST_DIR/drill.db|" "$conf" >"$TEST_DIR/drill.conf"
"$FOHD" -c "$TEST_DIR/drill.conf" --stream "ipc://$TEST_DIR/drill.pub" \
    --control "ipc://$TEST_DIR/drill.ctl" --drill "$drill" --speed 50 \
    2>"$TEST_DIR/drill.log" &
drill_pid=$!
track $drill_pid
wait_until 10 grep -q "drill finished: 11 lines" "$TEST_DIR/drill.log" ||
    { cat "$TEST_DIR/drill.log" >&2; fail "the drill beside the venue"; }
drill_fired() {
	[ "$("$DEBIAN_PYTHON3" -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM alerts WHERE drill = 1").fetchone()[0])' "$TEST_DIR/drill.db")" -ge 1 ]
}
wait_until 10 drill_fired || fail "the drill raised no alert in its journal"
"$FOHD" report -c "$TEST_DIR/drill.conf" --drill --from -1h --format csv \
    --table alerts -o "$TEST_DIR/drill.csv" ||
    fail "fohd report --drill on the drill's config"
grep -q "bar-full" "$TEST_DIR/drill.csv" ||
    fail "the drill's report: $(cat "$TEST_DIR/drill.csv")"
[ "$(sql "SELECT count(*) FROM alerts WHERE drill = 1")" = 0 ] ||
    fail "the drill wrote into the venue's journal"
kill -0 "$venue_pid" || fail "the venue's fohd stopped"
kill -TERM "$drill_pid"
wait "$drill_pid" || fail "drill fohd exit status"
echo "ok: a drill with its own journal runs beside the venue; fohd report --drill on its config has its alert"

# kill -9: the kernel drops the lock; fohd starts again on the journal.
kill -KILL "$venue_pid"
wait "$venue_pid" 2>/dev/null
fohd_start
grep -q "1 open alerts restored from $db" "$TEST_DIR/fohd.log" ||
    fail "restart after kill -9: $(cat "$TEST_DIR/fohd.log")"
kill -TERM "$pid"
wait "$pid" || fail "fohd exit status"
echo "ok: after kill -9 fohd opens the journal again"
