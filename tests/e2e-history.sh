#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# History at the edge (issue 15) on a real fohd and a real journal:
# 1. With [history] step = 1s, readings pushed over the WebSocket ingest
#    show up as rows of zone_samples, gate_samples, device_samples and
#    model_samples with the values sent, on the wall clock's 1 s grid; the
#    zones never heard have no row; configs holds the config's fingerprint
#    (sha256sum's first 16 digits) and the step, logged at start; /metrics
#    counts the steps.
# 2. kill -9 and a restart: rows go on after the last one, no (t_ms, zone)
#    twice, a second configs row; the gate's persons are not counted twice.
# 3. SIGHUP to step = 2s: a configs row with the new step, rows 2 s apart;
#    SIGHUP to a bad step is refused with FILE:LINE and steps go on.
# 4. A bad [history] value at start: fohd refuses to start, with FILE:LINE.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"
need_websockets

club_names
db="$TEST_DIR/club.db"
write_conf() {	# write_conf STEP: the club with its journal and [history]
	{
		club_ingest_conf "$db"
		printf '[history]\nstep = %s\nretention = 1d\n' "$1"
	} >"$conf.new" && mv "$conf.new" "$conf"
}
write_conf 1s

# rows N SQL: does SQL's first column say at least N?
rows() {
	[ "$(sql "$2")" -ge "$1" ] 2>/dev/null
}

# --- 1. Readings become rows ----------------------------------------------
fohd_start
$client send "$ws" "" '[{"kind":"zone_count","zone":"dance","count":420},
{"kind":"gate_flow","gate":"door","in":54,"out":6,"interval_ms":60000},
{"kind":"telemetry","device":"amp-main","metrics":[{"name":"heatsink_c","value":61.5}]},
{"kind":"drift_score","model":"counter","version":"1","method":"psi","score":0.4}]' \
    >/dev/null || fail "readings"
wait_until 15 rows 3 "SELECT COUNT(*) FROM zone_samples WHERE zone = 'dance'
    AND count = 420" || { cat "$TEST_DIR/fohd.log" >&2; fail "no rows of dance"; }
[ "$(sql "SELECT density || ' ' || band FROM zone_samples WHERE zone = 'dance'
    LIMIT 1")" = "2.8 D" ] || fail "dance's density and band"
[ "$(sql "SELECT COUNT(*) FROM zone_samples WHERE zone <> 'dance'")" = 0 ] ||
    fail "a zone never heard has rows"
[ "$(sql "SELECT SUM(in_count) || ' ' || SUM(out_count) FROM gate_samples")" = "54 6" ] ||
    fail "the door's persons: $(sql "SELECT group_concat(in_count) FROM gate_samples")"
[ "$(sql "SELECT los FROM gate_samples LIMIT 1")" = "C" ] || fail "door's level: $(sql "SELECT los || flow_pmm FROM gate_samples")"
[ "$(sql "SELECT status || ' ' || wear FROM device_samples LIMIT 1")" = "ok 61.5" ] ||
    fail "amp-main's status and wear"
[ "$(sql "SELECT level || ' ' || score FROM model_samples LIMIT 1")" = "major 0.4" ] ||
    fail "counter's drift: $(sql "SELECT level || ' ' || score FROM model_samples")"
[ "$(sql "SELECT COUNT(*) FROM zone_samples WHERE t_ms % 1000 <> 0")" = 0 ] ||
    fail "rows off the 1 s grid"
fp=$(sha256sum "$conf" | cut -c1-16)
[ "$(sql "SELECT fingerprint || ' ' || step_ms FROM configs")" = "$fp 1000" ] ||
    fail "configs: $(sql "SELECT fingerprint || ' ' || step_ms FROM configs"), not $fp"
grep -q "fohd: info: club: history every 1s, kept 1d, in $db (config $fp)" \
    "$TEST_DIR/fohd.log" || { cat "$TEST_DIR/fohd.log" >&2; fail "history not logged at start"; }
[ "$(metric fohd_history_steps_total 'result="written"')" -ge 3 ] ||
    fail "steps not counted"
[ "$(metric fohd_history_steps_total 'result="failed"')" = 0 ] ||
    fail "failed steps counted"
echo "ok: readings in the journal every second, fingerprint $fp"

# --- 2. kill -9 and a restart ---------------------------------------------
kill -KILL $pid
wait $pid 2>/dev/null
last=$(sql "SELECT MAX(t_ms) FROM zone_samples")
fohd_start
$client send "$ws" "" '[{"kind":"zone_count","zone":"dance","count":300},
{"kind":"zone_count","zone":"bar","count":60}]' >/dev/null || fail "readings"
wait_until 15 rows 2 "SELECT COUNT(*) FROM zone_samples WHERE zone = 'bar'
    AND count = 60" || { cat "$TEST_DIR/fohd.log" >&2; fail "no rows after the restart"; }
[ "$(sql "SELECT COUNT(*) FROM zone_samples WHERE t_ms > $last")" -ge 2 ] ||
    fail "rows did not go on after $last"
[ "$(sql "SELECT COUNT(*) FROM (SELECT t_ms, zone FROM zone_samples
    GROUP BY t_ms, zone HAVING COUNT(*) > 1)")" = 0 ] || fail "a (t_ms, zone) twice"
[ "$(sql "SELECT COUNT(*) FROM zone_samples WHERE zone = 'dance' AND
    t_ms > $last AND count NOT IN (300, 420)")" = 0 ] || fail "dance's count"
[ "$(sql "SELECT COUNT(*) FROM configs")" = 2 ] || fail "no configs row for the restart"
[ "$(sql "SELECT SUM(in_count) FROM gate_samples")" = 54 ] ||
    fail "the door's persons counted again after the restart"
echo "ok: rows go on after kill -9, none twice"

# --- 3. SIGHUP: a new step; a bad one refused -----------------------------
write_conf 2s
kill -HUP $pid
wait_until 10 rows 1 "SELECT COUNT(*) FROM configs WHERE step_ms = 2000" ||
    { cat "$TEST_DIR/fohd.log" >&2; fail "no configs row for the reload"; }
since=$(sql "SELECT MAX(t_ms) FROM configs")
wait_until 15 rows 3 "SELECT COUNT(*) FROM zone_samples WHERE zone = 'bar'
    AND t_ms > $since" || fail "no rows after the reload"
[ "$(sql "SELECT COUNT(*) FROM zone_samples WHERE zone = 'bar' AND
    t_ms > $since AND t_ms % 2000 <> 0")" = 0 ] || fail "rows off the 2 s grid"
write_conf 0.2s
kill -HUP $pid
wait_until 10 grep -q "club.conf:[0-9]*: step \"0.2s\" must be a duration from 1s to 1h" \
    "$TEST_DIR/fohd.log" || { cat "$TEST_DIR/fohd.log" >&2; fail "bad step not refused"; }
n=$(sql "SELECT COUNT(*) FROM zone_samples WHERE zone = 'bar'")
wait_until 10 rows $((n + 1)) "SELECT COUNT(*) FROM zone_samples WHERE zone = 'bar'" ||
    fail "steps stopped after a refused reload"
[ "$(sql "SELECT COUNT(*) FROM configs")" = 3 ] || fail "a refused reload noted"
echo "ok: SIGHUP takes a new step and refuses a bad one"
kill -TERM $pid
wait $pid || fail "fohd exit status"

# --- 4. A bad [history] at start ------------------------------------------
for bad in "step = 2h" "retention = forever" "enabled = perhaps"; do
	{
		club_ingest_conf "$db"
		printf '[history]\n%s\n' "$bad"
	} >"$conf"
	line=$(grep -n "^$bad\$" "$conf" | cut -d: -f1)
	if timeout 10 "$FOHD" -c "$conf" --stream "$stream" --control "$control" \
	    2>"$TEST_DIR/bad.log"; then
		fail "fohd started with \"$bad\""
	fi
	grep -q "$conf:$line: " "$TEST_DIR/bad.log" ||
	    { cat "$TEST_DIR/bad.log" >&2; fail "\"$bad\" not refused at $conf:$line"; }
done
{
	club_ingest_conf
	printf '[history]\nenabled = yes\n'
} >"$conf"
timeout 10 "$FOHD" -c "$conf" --stream "$stream" --control "$control" \
    2>"$TEST_DIR/bad.log" && fail "fohd started with history and no journal"
grep -q "needs a journal" "$TEST_DIR/bad.log" ||
    { cat "$TEST_DIR/bad.log" >&2; fail "history without a journal not refused"; }
echo "ok: bad [history] values refused with FILE:LINE"
