#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The multi-site system of conf/nats/ end to end, on real nats-server
# processes (a hub, leaf nodes north and south; TLS and verify_and_map with
# the shipped configs and certificates script), three fohd venues (club at
# north; arena and festival at south) and two consoles at the hub: desk1
# (foh --json, every venue) and desk2 (foh in tmux, club and arena).
#
# The WAN cut: the hub is stopped for 30 s, and leaf south with it (a site
# whose own NATS box is down too: its fohd must hold what it cannot publish).
# Meanwhile, at club, bar-full fires, the laptop on the venue LAN
# acknowledges it over nng and it resolves; an external critical alert
# fires and is acknowledged and stays open; at arena a critical fires.
# fohd keeps serving nng throughout. Then the servers come back:
#   - fohd arena catches up: its outbox drains, and its stream holds every
#     message of its epoch once, in order (an outside client checks it);
#   - club's stream at north holds the whole cut, read from the hub;
#   - both consoles show exactly fohd's open alerts (each venue's nng
#     snapshot), desk1's JSON has every transition of the cut (bar-full
#     firing, acknowledged, resolved), and both healed by replay with no
#     snapshot fallback (their heal counters);
#   - a console started after the cut replays the last minutes and shows
#     the cut's transitions too.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/nats-lib.sh"
. "$top_srcdir/tests/nats-sites.sh"
need "$NNGCAT" "$TMUX_BIN"
need_websockets
py="$DEBIAN_PYTHON3"
client="$py $top_srcdir/tests/ingest_client.py"
ctl="$py $top_srcdir/tests/control_client.py"
export LC_ALL=C.UTF-8

# step WHAT: name the step the next failure belongs to.
step() {
	STEP=$1
	echo "--- step: $1"
}
# sfail WHY: fail, naming the step.
sfail() {
	fail "step \"$STEP\": $*"
}

step "the sites"
sites_start
venue_start club north venue-club
venue_start arena south venue-arena
venue_start festival south venue-festival
for v in club arena festival; do
	wait_until 20 venue_connected $v ||
	    sfail "fohd $v not connected to its leaf node: $(cat "$TEST_DIR/$v.log")"
done
echo "ok: fohd club, arena and festival publish through their leaf nodes"

# console_conf NAME VENUE...: a foh.conf for console NAME reading VENUEs
# through the hub with its certificate.
console_conf() {
	_n=$1
	shift
	printf '[console]\noperator = %s\nlinger = 0s\n' "$_n"
	for _v in "$@"; do
		printf '[venue %s]\nstream = %s/%s\nca = %s\ncert = %s\nkey = %s\n' \
		    "$_v" "$hub_url" "$_v" "$NATS_CERTS/ca.pem" \
		    "$NATS_CERTS/console-$_n.pem" "$NATS_CERTS/console-$_n.key"
	done
}
console_conf desk1 club arena festival >"$TEST_DIR/desk1.conf"
console_conf desk2 club arena >"$TEST_DIR/desk2.conf"

step "the consoles at the hub"
"$FOH" --json -c "$TEST_DIR/desk1.conf" >"$TEST_DIR/desk1.jsonl" \
    2>"$TEST_DIR/desk1.err" &
desk1=$!
track $desk1
tm_start 160 50 "$FOH" -c "$TEST_DIR/desk2.conf"
# live_in FILE VENUE: has console FILE (JSON lines) seen VENUE live?
live_in() {
	grep '"type": *"venue"' "$1" | grep "\"venue\": *\"$2\"" |
	    grep -q '"live"'
}
for v in club arena festival; do
	wait_until 20 live_in "$TEST_DIR/desk1.jsonl" $v ||
	    sfail "desk1 (foh --json) never shows $v live: $(tail -n 5 "$TEST_DIR/desk1.jsonl") $(cat "$TEST_DIR/desk1.err")"
done
wait_until 20 screen_has "Basement Club" ||
    { tm_dump; sfail "desk2 (tmux) never shows the club"; }
echo "ok: desk1 (foh --json) and desk2 (tmux) read the venues through the hub"

# --- the cut ---
step "the WAN cut"
# What fohd club and arena answered over NATS so far: the consoles'
# snapshots at start. A console that heals by snapshot asks again.
req_club=$(vmetric club fohd_nats_requests_total)
req_arena=$(vmetric arena fohd_nats_requests_total)
cut_t0=$(now_ms)
nats_stop hub
nats_stop south
echo "ok: the hub and leaf south are down"

# open_id VENUE RULE-WORD: the id of an open alert of VENUE whose rule
# contains RULE-WORD, from a snapshot over its nng control; "" if none.
open_id() {
	eval "_c=\$${1}_ctl"
	$ctl "$_c" snapshot - | $py -c 'import json,sys; a=[x["id"] for x in json.load(sys.stdin)["alerts"] if sys.argv[1] in x["rule"]]; print(a[0] if a else "")' "$2"
}
# send VENUE READING...: push readings into VENUE's fohd.
send() {
	_v=$1
	shift
	eval "_w=\$${_v}_ws"
	$client send "$_w" "" "$@" >"$TEST_DIR/answers" || sfail "send to $_v"
	grep -q '"rejected": [1-9]' "$TEST_DIR/answers" &&
	    sfail "$_v refused a reading: $(cat "$TEST_DIR/answers")"
	return 0
}
send club '{"kind":"zone_count","zone":"bar","count":90}' \
    '{"kind":"external_alert","source":"radio","subject":"door","severity":"critical","title":"fight at the door"}'
send arena '{"kind":"external_alert","source":"radio","subject":"gate-a","severity":"critical","title":"crush at gate A"}'
wait_until 10 test -n "$(open_id club bar-full)" || sfail "bar-full did not fire at club"
bar=$(open_id club bar-full)
bar_title=$($ctl "$club_ctl" snapshot - | $py -c 'import json,sys; print([x["title"] for x in json.load(sys.stdin)["alerts"] if x["id"]==int(sys.argv[1])][0])' "$bar")
crit=$(open_id club external)
[ -n "$crit" ] || crit=$($ctl "$club_ctl" snapshot - | $py -c 'import json,sys; a=[x["id"] for x in json.load(sys.stdin)["alerts"] if x["severity"]=="critical"]; print(a[0] if a else "")')
[ -n "$crit" ] || sfail "the critical alert did not fire at club"
r=$($ctl "$club_ctl" ack ana id=101 alert="$bar" "comment=bar staff on it")
[ "$(answer status "$r")" = done ] || sfail "the laptop's ack of bar-full over nng: $r"
r=$($ctl "$club_ctl" ack ana id=102 alert="$crit" "comment=stewards sent")
[ "$(answer status "$r")" = done ] || sfail "the laptop's ack of the critical alert over nng: $r"
send club '{"kind":"zone_count","zone":"bar","count":10}'
wait_until 10 test -z "$(open_id club bar-full)" || sfail "bar-full did not resolve"
echo "ok: during the cut at club: bar-full $bar fired, was acknowledged on nng and resolved; critical $crit fired and was acknowledged"
# fohd serves its nng consoles with NATS down.
r=$($ctl "$arena_ctl" snapshot -)
[ "$(answer kind "$r")" = snapshot ] || sfail "fohd arena's nng control with NATS down: $r"
stream="ipc://$TEST_DIR/arena.pub"
stream_sub "$TEST_DIR/arena-nng.bin" 1 10 foh/arena/heartbeat
wait $sub || sfail "fohd arena's nng stream with NATS down: no heartbeat"
[ "$(vmetric arena fohd_nats_connected)" = 0 ] || sfail "fohd arena says it is connected to a stopped server"
outbox_grows() {
	[ "$(vmetric arena fohd_nats_outbox_messages)" -gt 0 ]
}
wait_until 10 outbox_grows || sfail "fohd arena's outbox does not grow"
echo "ok: fohd arena with its server down: nng control and stream served, outbox $(vmetric arena fohd_nats_outbox_messages)"
cut_long() {
	[ $(( $(now_ms) - cut_t0 )) -ge 30000 ]
}
wait_until 40 cut_long
cut_ms=$(( $(now_ms) - cut_t0 ))

# --- the heal ---
step "the heal"
nats_start south "$TEST_DIR/south.conf"
nats_start hub "$TEST_DIR/hub.conf"
wait_until 30 nats_leafs hub 2 || sfail "the leaf nodes did not join the hub again"
echo "ok: after ${cut_ms} ms the hub and leaf south are back"
drained() {
	venue_connected arena && [ "$(vmetric arena fohd_nats_outbox_messages)" = 0 ]
}
wait_until 30 drained ||
    sfail "fohd arena did not catch up: connected $(vmetric arena fohd_nats_connected), outbox $(vmetric arena fohd_nats_outbox_messages)"
[ "$(vmetric arena fohd_nats_dropped_total)" = 0 ] ||
    sfail "fohd arena dropped $(vmetric arena fohd_nats_dropped_total) messages"

# every_seq VENUE DOMAIN: the venue's stream, read at the hub from its
# start, holds its epoch's messages once each, in order, at consecutive
# stream sequences; prints the count.
every_seq() {
	_n=$(as console-desk1 --domain "$2" stream-info "$hub_url" "FOH_$1" |
	    $py -c 'import json,sys; print(json.load(sys.stdin)["state"]["last_seq"])') ||
	    sfail "stream info of FOH_$1"
	as console-desk1 --domain "$2" replay "$hub_url" "FOH_$1" 1 "$_n" \
	    >"$TEST_DIR/$1.stream" || sfail "replay of FOH_$1"
	$py - "$TEST_DIR/$1.stream" "$_n" "$1" <<'EOP' || sfail "FOH_$1 is not whole"
import json, sys
ms = [json.loads(l) for l in open(sys.argv[1])]
n = int(sys.argv[2])
assert len(ms) == n, (len(ms), n)
epochs = {m["body"]["epoch"] for m in ms}
assert len(epochs) == 1, epochs
assert [m["body"]["seq"] for m in ms] == list(range(1, n + 1)), "seqs not 1..n"
assert [m["seq"] for m in ms] == list(range(1, n + 1)), "stream seqs not 1..n"
assert all(m["body"]["venue"] == sys.argv[3] for m in ms)
print(n)
EOP
}
na=$(every_seq arena south) || exit 1
echo "ok: fohd arena caught up: FOH_arena holds all $na messages of its epoch once, in order, read from the hub"
nc_=$(every_seq club north) || exit 1
$py - "$TEST_DIR/club.stream" "$bar" <<'EOP' || sfail "club's stream lacks the cut's transitions"
import json, sys
bar = int(sys.argv[2])
states = [m["body"]["state"] for m in (json.loads(l) for l in open(sys.argv[1]))
          if m["body"]["kind"] == "alert" and m["body"]["id"] == bar]
for s in ("firing", "acknowledged", "resolved"):
    assert s in states, (s, states)
print("ok: FOH_club at north held the cut: bar-full", states)
EOP

# --- the consoles after the heal ---
step "the consoles after the heal"
# fohd's open alerts of every venue desk1 watches, as "venue id state" lines.
truth() {
	for _v in "$@"; do
		eval "_c=\$${_v}_ctl"
		$ctl "$_c" snapshot - | $py -c 'import json,sys
for a in json.load(sys.stdin)["alerts"]:
    if a["state"] != "resolved":
        print(sys.argv[1], a["id"], a["state"])' "$_v"
	done | sort
}
# shown_set FILE: the open alerts console FILE (JSON lines) shows now.
shown_set() {
	$py - "$1" <<'EOP' | sort
import json, sys
last = {}
for l in open(sys.argv[1]):
    try:
        o = json.loads(l)
    except ValueError:
        continue
    if o.get("type") == "alert":
        last[(o["venue"], o["id"])] = o["state"]
for (v, i), s in last.items():
    if s not in ("resolved", "gone"):
        print(v, i, s)
EOP
}
same_set() {
	truth club arena festival >"$TEST_DIR/truth"
	shown_set "$TEST_DIR/desk1.jsonl" >"$TEST_DIR/shown"
	cmp -s "$TEST_DIR/truth" "$TEST_DIR/shown"
}
wait_until 20 same_set ||
    sfail "desk1 shows $(cat "$TEST_DIR/shown") where fohd has $(cat "$TEST_DIR/truth")"
echo "ok: desk1 shows exactly fohd's open alerts: $(tr '\n' ';' <"$TEST_DIR/truth")"
# transitions FILE ID: the states console FILE showed for club's alert ID.
transitions() {
	grep '"type": *"alert"' "$1" | grep '"venue": *"club"' |
	    grep "\"id\": *$2[,}]" | $py -c 'import json,sys; print(" ".join(json.loads(l)["state"] for l in sys.stdin))'
}
# resolved_by FILE ID: acked_by of the "resolved" line console FILE printed
# for club's alert ID ("-" if it printed none).
resolved_by() {
	grep '"type": *"alert"' "$1" | grep '"venue": *"club"' |
	    grep "\"id\": *$2[,}]" | grep '"state": *"resolved"' | tail -n 1 |
	    $py -c 'import json,sys
l = sys.stdin.read()
print(json.loads(l).get("acked_by", "") if l else "-")'
}
# bar-full fired, was acknowledged and resolved during the cut: desk1 must
# show it resolved with the laptop's acknowledgement, which only the
# stream carries (a snapshot no longer lists a resolved alert).
t=$(transitions "$TEST_DIR/desk1.jsonl" "$bar")
[ "$(resolved_by "$TEST_DIR/desk1.jsonl" "$bar")" = ana ] ||
    sfail "desk1 did not take bar-full's cut from the stream (resolved, acknowledged by ana): \"$t\": $(grep "\"id\": *$bar[,}]" "$TEST_DIR/desk1.jsonl" | tail -n 2)"
echo "ok: desk1 showed bar-full's cut from the replay: \"$t\", acknowledged by ana"
# desk2 (tmux), its alert view: club's critical there, bar-full gone
# (linger 0s: a resolved alert leaves the queue at once).
tm send-keys -t t 2
wait_until 20 screen_has "fight at the door" ||
    { tm_dump; sfail "desk2 does not show club's critical alert"; }
tm_screen | grep -qF "$bar_title" &&
    { tm_dump; sfail "desk2 still shows bar-full"; }
echo "ok: desk2 (tmux) shows the critical alert and not bar-full"

# What fohd answered over NATS by now, before the late consoles ask for
# their own snapshots (checked in the step "healed by replay").
heal_club=$(vmetric club fohd_nats_requests_total)
heal_arena=$(vmetric arena fohd_nats_requests_total)

# --- a console started late replays the cut ---
step "a console started late"
# One in tmux: its history view (H) lists what resolved before it started,
# from the replay of the last 5 minutes: bar-full, acknowledged by ana.
tm new-session -d -x 160 -y 50 -s late \
    "$FOH --replay 5m -c $TEST_DIR/desk2.conf 2>$TEST_DIR/late-tmux.err"
wait_until 20 shows late "Basement Club" "LIVE" ||
    { tm capture-pane -p -t late >&2; sfail "the late console (tmux) never shows the club live"; }
tm send-keys -t late H
wait_until 20 shows late "$bar_title" "acked by ana" ||
    { tm capture-pane -p -t late >&2; sfail "the late console's history does not list bar-full of the cut, acknowledged by ana"; }
echo "ok: a console started late (tmux) replayed the cut: its history lists bar-full, acked by ana"
# One with --json, also from --replay 5m.
"$FOH" --json --replay 5m -c "$TEST_DIR/desk2.conf" >"$TEST_DIR/late.jsonl" \
    2>"$TEST_DIR/late.err" &
late=$!
track $late
wait_until 20 live_in "$TEST_DIR/late.jsonl" club ||
    sfail "the late console (--json) never shows club live"

step "healed by replay, with no snapshot fallback"
# heal_counts FILE VENUE: "REPLAY SNAPSHOT" from the last venue line of
# console FILE (foh --json) for VENUE that carries its heal counters.
heal_counts() {
	$py - "$1" "$2" <<'EOP'
import json, sys
r = s = None
for l in open(sys.argv[1]):
    try:
        o = json.loads(l)
    except ValueError:
        continue
    if o.get("venue") == sys.argv[2] and "heal_replay" in o:
        r, s = o["heal_replay"], o.get("heal_snapshot")
print(r, s)
EOP
}
for v in club arena; do
	hc=$(heal_counts "$TEST_DIR/desk1.jsonl" $v)
	case "$hc" in
	"None None") sfail "desk1's --json says nothing of how $v's gap healed (heal_replay, heal_snapshot)" ;;
	*" 0") ;;
	*) sfail "desk1 healed $v by snapshot: heal_replay heal_snapshot = $hc" ;;
	esac
	[ "${hc%% *}" -ge 1 ] || sfail "desk1 did not heal $v by replay: $hc"
	echo "ok: desk1 healed $v by replay, never by snapshot (heal_replay heal_snapshot: $hc)"
done
# desk2's diagnostics view (5): how it healed each venue's gap.
tm send-keys -t t 5
wait_until 10 screen_has "gaps healed" ||
    { tm_dump; sfail "desk2's diagnostics say nothing of healed gaps"; }
diag2=$(tm_screen | grep -o '[A-Za-z ]*: gaps healed: [^)]*)' | tr '\n' ';')
echo "ok: desk2's diagnostics: $diag2"
echo "$diag2" | tr ';' '\n' | grep -v '^$' | grep -v ", 0 by snapshot" >/dev/null &&
    sfail "desk2 healed a venue by snapshot: $diag2"
# Healed by replay, no snapshot fallback: fohd answered no request over
# NATS since the cut (a console that falls back asks for a snapshot).
[ "$heal_club" = "$req_club" ] && [ "$heal_arena" = "$req_arena" ] ||
    sfail "desk1 and desk2 asked fohd again after the heal: a snapshot fallback (or op alerts for missing maps) where a replay should have healed: requests over NATS from the cut to the heal's end, club $req_club -> $heal_club, arena $req_arena -> $heal_arena"
case "$(transitions "$TEST_DIR/desk1.jsonl" "$bar")" in
*gone*) sfail "desk1 healed by snapshot after the replay: bar-full \"$(transitions "$TEST_DIR/desk1.jsonl" "$bar")\"" ;;
esac
echo "ok: no snapshot fallback: fohd club and arena answered no request over NATS since the cut"

step "every transition of the cut in --json"
# Every transition, one JSON line each (PROTOCOL.md 14.3: each replayed
# message is applied): what foh --json prints per transition.
t=$(transitions "$TEST_DIR/desk1.jsonl" "$bar")
case "$t" in
*firing*acknowledged*resolved*) echo "ok: desk1 printed every transition of the cut for bar-full: $t" ;;
*) sfail "desk1 printed only \"$t\" for bar-full, not each transition of the cut (firing, acknowledged, resolved): foh --json prints the store's state once per loop pass (src/foh.c foh_json_loop, jsonout_scan), and a replay applies the whole cut in one pass" ;;
esac

step "the late console's --json shows the cut"
late_saw() {
	case "$(transitions "$TEST_DIR/late.jsonl" "$bar")" in
	*firing*resolved*) return 0 ;;
	esac
	return 1
}
wait_until 20 late_saw ||
    sfail "the late console did not replay bar-full's transitions: \"$(transitions "$TEST_DIR/late.jsonl" "$bar")\"; it printed $(grep -c '"type": *"alert"' "$TEST_DIR/late.jsonl") alert lines, club's: $(grep '"venue": *"club"' "$TEST_DIR/late.jsonl" | grep '"type": *"alert"' | cut -c1-160 | tr '\n' ' ') $(cat "$TEST_DIR/late.err")"
echo "ok: a console started late replayed the cut: bar-full $(transitions "$TEST_DIR/late.jsonl" "$bar")"

