#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fohd's /metrics for the venue's own Prometheus (metrics-venue.c): readings
# from an outside client over the WebSocket become gauges with the values
# they imply (zone density and persons, gate flow, device status and wear,
# model drift score, open alerts by severity and state), each with the
# venue's label; they follow the next readings (a zone emptied, an alert
# acknowledged, then resolved); a zone never heard has no series; the whole
# passes promtool check metrics.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"
need_websockets

club_names
token=e2e-token-0123456789
pull="ipc://$TEST_DIR/club.pull"
{
	# The amp's heartbeat an hour: a slow run must not see it go offline
	# (a critical alert of its own) between two checks.
	sed 's/^heartbeat_s = 10$/heartbeat_s = 3600/' "$top_srcdir/conf/club.conf"
	conf_token_ingest "$pull"
	printf '[journal]\npath = %s\n' "$TEST_DIR/club.db"
	printf '[operator ana]\nuid = %s\nrights = all\n' "$(id -u)"
	conf_bar_full
} >"$conf"
fohd_start

# gauge NAME LABELS WANT: is NAME{LABELS} WANT (a number compared with a
# tolerance of 1e-6, or "absent")?
gauge() {
	_v=$(metric "$1" "$2")
	[ "$3" = absent ] && { [ "$_v" = absent ]; return; }
	"$DEBIAN_PYTHON3" -c 'import sys; sys.exit(abs(float(sys.argv[1]) - float(sys.argv[2])) > 1e-6)' \
	    "$_v" "$3" 2>/dev/null
}

# expect NAME LABELS WANT: wait up to 10 s for gauge NAME LABELS WANT.
expect() {
	wait_until 10 gauge "$@" ||
	    fail "$1{$2} is $(metric "$1" "$2"), not $3"
	echo "ok: $1{$2} $3"
}

# Before any reading: no zone series (no false zeros), capacities known,
# every severity and state counted 0.
expect fohd_zone_density 'venue="club",zone="dance"' absent
expect fohd_zone_capacity_persons 'venue="club",zone="dance"' 600
expect fohd_alerts_open 'venue="club",severity="warning",state="firing"' 0

send() {
	$client send "$ws" "$token" "$@" >"$TEST_DIR/answers" || fail "send"
	grep -q '"rejected": [1-9]' "$TEST_DIR/answers" &&
	    { cat "$TEST_DIR/answers" >&2; fail "a reading was refused"; }
	return 0
}

# dance 300 / 150 m2, bar 90 / 60 m2 (over bar-full's 1.0: a warning),
# door 54 in a minute through 1.8 m, the amp's heatsink, a drift score and
# an external critical alert.
send '[{"kind":"zone_count","zone":"dance","count":300},{"kind":"zone_count","zone":"bar","count":90}]' \
    '{"kind":"gate_flow","gate":"door","in":54,"out":0,"interval_ms":60000}' \
    '{"kind":"telemetry","device":"amp-main","metrics":[{"name":"heatsink_c","value":41.5}]}' \
    '{"kind":"drift_score","model":"counter","version":"1","method":"psi","score":0.125}' \
    '{"kind":"external_alert","source":"radio","subject":"door","severity":"critical","title":"fight at the door"}'
expect fohd_zone_density 'venue="club",zone="dance"' 2
expect fohd_zone_persons 'venue="club",zone="dance"' 300
expect fohd_zone_density 'venue="club",zone="bar"' 1.5
expect fohd_zone_persons 'venue="club",zone="bar"' 90
expect fohd_zone_density 'venue="club",zone="door"' absent
expect fohd_gate_flow 'venue="club",gate="door"' 30
expect fohd_device_status 'venue="club",device="amp-main",status="ok"' 1
expect fohd_device_status 'venue="club",device="amp-main",status="error"' 0
expect fohd_device_wear 'venue="club",device="amp-main"' 41.5
expect fohd_device_wear_limit 'venue="club",device="amp-main"' 90
expect fohd_model_drift_score 'venue="club",model="counter"' 0.125
expect fohd_alerts_open 'venue="club",severity="warning",state="firing"' 1
expect fohd_alerts_open 'venue="club",severity="critical",state="firing"' 1
[ "$(metric fohd_model_drift_warn 'venue="club",model="counter"')" != absent ] ||
    fail "no drift threshold series"

# The next readings move them: the dance floor empties, the amp runs hot
# past its limit (wear 95), the critical alert is acknowledged (firing 0,
# acknowledged 1), the bar empties and bar-full resolves.
send '{"kind":"zone_count","zone":"dance","count":0}' \
    '{"kind":"telemetry","device":"amp-main","metrics":[{"name":"heatsink_c","value":95}]}'
expect fohd_zone_density 'venue="club",zone="dance"' 0
expect fohd_zone_persons 'venue="club",zone="dance"' 0
expect fohd_device_wear 'venue="club",device="amp-main"' 95
crit=$($ctl "$control" snapshot - | $py -c 'import json,sys; a=[x["id"] for x in json.load(sys.stdin)["alerts"] if x["severity"]=="critical"]; print(a[0] if a else "")')
[ -n "$crit" ] || fail "the critical alert is not in a snapshot"
r=$($ctl "$control" ack ana id=7 alert="$crit" "comment=stewards at the door")
[ "$(answer status "$r")" = done ] || fail "ack: $r"
expect fohd_alerts_open 'venue="club",severity="critical",state="firing"' 0
expect fohd_alerts_open 'venue="club",severity="critical",state="acknowledged"' 1
send '{"kind":"zone_count","zone":"bar","count":10}'
bar_open() {
	[ -n "$($ctl "$control" snapshot - | $py -c 'import json,sys; print(" ".join(str(a["id"]) for a in json.load(sys.stdin)["alerts"] if a["rule"] == "bar-full" and a["state"] != "resolved"))')" ]
}
wait_until 10 eval '! bar_open' || fail "bar-full did not resolve"
# Every series now says what fohd's own alert table (a snapshot) holds
# open, by severity and state.
$ctl "$control" snapshot - >"$TEST_DIR/snap.json" || fail "snapshot"
for sev in info warning critical; do
	for st in firing acknowledged shelved flapping; do
		n=$($py -c 'import json,sys; print(sum(1 for a in json.load(open(sys.argv[1]))["alerts"] if a["severity"]==sys.argv[2] and a["state"]==sys.argv[3]))' \
		    "$TEST_DIR/snap.json" $sev $st)
		expect fohd_alerts_open "venue=\"club\",severity=\"$sev\",state=\"$st\"" "$n"
	done
done

# Labels: every venue series names the venue, and no more series than the
# config allows (2 zones heard of 3, 3 capacities, 1 gate, 1 device x 4 states, 1 model, 3 x 4).
$py -c 'import sys,urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' \
    "$metrics" >"$TEST_DIR/metrics.txt" || fail "GET /metrics"
$py - "$TEST_DIR/metrics.txt" <<'EOP' || fail "venue series"
import re, sys
fams = ("fohd_zone_", "fohd_gate_", "fohd_device_status", "fohd_device_wear",
        "fohd_model_drift", "fohd_alerts_open")
n = {}
for line in open(sys.argv[1]):
    if line.startswith("#") or not line.startswith(fams):
        continue
    name = line.split("{")[0]
    assert 'venue="club"' in line, line
    n[name] = n.get(name, 0) + 1
want = {"fohd_zone_density": 2, "fohd_zone_persons": 2,
        "fohd_zone_capacity_persons": 3, "fohd_gate_flow": 1,
        "fohd_gate_use_ratio": 1, "fohd_device_status": 4,
        "fohd_device_wear": 1, "fohd_device_wear_limit": 1,
        "fohd_model_drift_score": 1, "fohd_alerts_open": 12}
for k, v in want.items():
    assert n.get(k) == v, (k, n.get(k), v)
print("ok: venue series, each labelled venue=\"club\":", sorted(n.items()))
EOP
if command -v promtool >/dev/null 2>&1; then
	promtool check metrics <"$TEST_DIR/metrics.txt" ||
	    { cat "$TEST_DIR/metrics.txt" >&2; fail "promtool check metrics"; }
	echo "ok: promtool check metrics passes"
else
	echo "note: promtool not installed, metrics syntax not checked"
fi
