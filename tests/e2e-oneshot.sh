#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# 200 one-shot `foh comment` runs at once, as one operator, against one
# fohd: each must print "done" and exit 0, and fohd's journal (a real
# SQLite file) must hold the 200 comments under 200 different request ids.
# With the wall-clock millisecond as the id, runs started in the same
# millisecond shared an id and fohd answered the later ones from its memory
# of the first: "done" for comments never made. Also: the request's `ts`
# is the whole wall clock (not with its low 32 bits zeroed) and it carries
# a deadline; and the console's own snapshot requests carry the wall clock.
. "${top_srcdir:-.}/tests/lib.sh"
need "$DEBIAN_PYTHON3" "$NNGCAT"

club_names
club_ingest_conf "$TEST_DIR/club.db" >"$conf"
fohd_start
probe_alert

runs=""
i=1
while [ $i -le 200 ]; do
	( "$FOH" comment "$control" "$alert" -o ana -m "parallel $i" \
	    >"$TEST_DIR/out.$i" 2>&1; echo $? >"$TEST_DIR/rc.$i" ) &
	runs="$runs $!"
	i=$((i + 1))
done
for p in $runs; do
	wait $p
done
bad=0
i=1
while [ $i -le 200 ]; do
	if [ "$(cat "$TEST_DIR/rc.$i")" != 0 ] ||
	    ! grep -q '^done:' "$TEST_DIR/out.$i"; then
		echo "run $i: exit $(cat "$TEST_DIR/rc.$i"): $(cat "$TEST_DIR/out.$i")" >&2
		bad=$((bad + 1))
	fi
	i=$((i + 1))
done
[ $bad = 0 ] || fail "$bad of 200 one-shot runs did not print done"
echo "ok: 200 parallel one-shot comments each printed done"

"$FOHD" history -c "$conf" --format jsonl >"$TEST_DIR/h.jsonl" || fail "history"
$py - "$TEST_DIR/h.jsonl" <<'EOP' || fail "the journal does not hold the 200 comments"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
c = [r for r in rows if r["op"] == "comment" and r["result"] == "done"]
notes = {r["note"] for r in c}
ids = {r["request"] for r in c}
want = {"parallel %d" % i for i in range(1, 201)}
if notes != want:
    print("missing:", sorted(want - notes)[:10], len(want - notes),
          file=sys.stderr)
    sys.exit(1)
if len(ids) != 200 or len(c) != 200:
    print("%d comment rows, %d request ids" % (len(c), len(ids)),
          file=sys.stderr)
    sys.exit(1)
EOP
echo "ok: the journal holds the 200 comments under 200 request ids"

# What one run sends: a REP socket of our own takes it (nngcat --rep).
"$NNGCAT" --rep --listen "ipc://$TEST_DIR/cap.ctl" --count 1 --raw \
    --data x >"$TEST_DIR/req.bin" 2>/dev/null &
cap=$!
track $cap
listening() { [ -S "$TEST_DIR/cap.ctl" ]; }
wait_until 5 listening || fail "nngcat did not listen"
t0=$(( $(date +%s) * 1000 ))
"$FOH" comment "ipc://$TEST_DIR/cap.ctl" 7 -o ana -m "look" \
    >/dev/null 2>&1	# the answer "x" is not a message: refused, fine
wait $cap 2>/dev/null
$py - "$TEST_DIR/req.bin" "$t0" <<'EOP' || fail "the request's envelope is wrong"
import msgpack, sys
req = msgpack.unpackb(open(sys.argv[1], "rb").read(), raw=False)
t0 = int(sys.argv[2])
ok = True
if not (t0 - 5000 <= req.get("ts", 0) <= t0 + 60000):
    print("ts", req.get("ts"), "is not the wall clock near", t0); ok = False
if not (req.get("ts", 0) + 9000 <= req.get("deadline_ms", 0)
        <= req.get("ts", 0) + 11000):
    print("deadline_ms", req.get("deadline_ms"), "is not ts + 10 s"); ok = False
if req.get("id", 0) == 0 or abs(req["id"] - req.get("ts", 0)) < 10**9:
    print("id", req.get("id"), "looks like the clock"); ok = False
print(req, file=sys.stderr)
sys.exit(0 if ok else 1)
EOP
echo "ok: a one-shot request carries the wall clock as ts, a deadline 10 s on, and a random id"

# What the console sends for a snapshot: the whole wall clock as ts too.
# A publisher of heartbeats (nngcat --pub), and a control that answers
# junk (nngcat --rep), so the console asks again; the first two requests
# are kept. The old console zeroed only part of the envelope: the first
# request had no ts, the next the previous message's ts with its low 32
# bits zeroed.
"$DEBIAN_PYTHON3" - "$TEST_DIR/hb.bin" <<'EOP' || fail "cannot build the heartbeat"
import msgpack, sys, time
now = int(time.time() * 1000)
body = {"v": 1, "venue": "hb", "seq": 1, "epoch": now - 1000, "ts": now,
        "kind": "heartbeat", "agent": "test", "name": "hb", "hb_ms": 1000,
        "uptime_ms": 1000}
open(sys.argv[1], "wb").write(b"foh/hb/heartbeat\0" + msgpack.packb(body))
EOP
"$NNGCAT" --pub --listen "ipc://$TEST_DIR/hb.pub" --file "$TEST_DIR/hb.bin" \
    --interval 1 >/dev/null 2>&1 &
track $!
"$NNGCAT" --rep --listen "ipc://$TEST_DIR/hb.ctl" --count 2 --raw \
    --data x >"$TEST_DIR/snap.bin" 2>/dev/null &
cap=$!
track $cap
wait_until 5 test -S "$TEST_DIR/hb.ctl" || fail "nngcat did not listen"
t0=$(( $(date +%s) * 1000 ))
"$FOH" --json "ipc://$TEST_DIR/hb.pub,ipc://$TEST_DIR/hb.ctl" >/dev/null 2>&1 &
track $!
two_asked() {
	! kill -0 $cap 2>/dev/null
}
wait_until 20 two_asked || fail "the console did not ask for a snapshot twice"
$py - "$TEST_DIR/snap.bin" "$t0" <<'EOP' || fail "a snapshot request's ts is not the wall clock"
import msgpack, sys
t0 = int(sys.argv[2])
reqs = list(msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False))
ok = len(reqs) == 2
for r in reqs:
    print(r, file=sys.stderr)
    if r.get("op") != "snapshot" or not (t0 - 5000 <= r.get("ts", 0)
                                         <= t0 + 60000) or r.get("id", 0) == 0:
        ok = False
sys.exit(0 if ok else 1)
EOP
echo "ok: the console's snapshot requests carry the wall clock as ts"

# Who a one-shot request is sent as: -o, else foh.conf's operator when a
# venue of it is named, else $USER, else "operator" (foh_operator; the
# screen chooses the same way). Each run is taken by a REP socket of our own.
sent_as() {	# sent_as WANT [ENV...] -- FOH-ARGS...: the request's operator
	_want=$1
	shift
	rm -f "$TEST_DIR/as.ctl" "$TEST_DIR/as.bin"
	"$NNGCAT" --rep --listen "ipc://$TEST_DIR/as.ctl" --count 1 --raw \
	    --data x >"$TEST_DIR/as.bin" 2>/dev/null &
	_cap=$!
	track $_cap
	wait_until 5 test -S "$TEST_DIR/as.ctl" || fail "nngcat did not listen"
	_env=
	while [ "$1" != -- ]; do _env="$_env $1"; shift; done
	shift
	env $_env "$FOH" comment "$@" -m "who" >/dev/null 2>&1
	wait $_cap 2>/dev/null
	_got=$($py -c 'import msgpack, sys
print(msgpack.unpackb(open(sys.argv[1], "rb").read(), raw=False).get("operator"))' \
	    "$TEST_DIR/as.bin") || fail "no request captured for $*"
	[ "$_got" = "$_want" ] || fail "foh comment $*: sent as \"$_got\", want \"$_want\""
	echo "ok: foh comment $* (${_env# }) is sent as $_got"
}
as_url="ipc://$TEST_DIR/as.ctl"
mkdir -p "$TEST_DIR/xdg/foh"
printf '[console]\noperator = desk\n[venue as]\nstream = ipc://%s/as.pub\ncontrol = %s\n' \
    "$TEST_DIR" "$as_url" >"$TEST_DIR/xdg/foh/foh.conf"
sent_as ana USER=zed -- "$as_url" 7 -o ana
sent_as zed USER=zed -- "$as_url" 7
sent_as operator USER= -- "$as_url" 7
sent_as desk USER=zed XDG_CONFIG_HOME="$TEST_DIR/xdg" -- as 7
sent_as ana USER=zed XDG_CONFIG_HOME="$TEST_DIR/xdg" -- as 7 -o ana
sent_as desk USER=zed -- as 7 -c "$TEST_DIR/xdg/foh/foh.conf"
echo "ok: one-shot requests are sent as -o, else foh.conf's operator, else \$USER"
