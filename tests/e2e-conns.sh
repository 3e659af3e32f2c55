#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fohd under a flood of idle connections. With `ulimit -n 1024`, 1100
# WebSocket connections that upgrade and then send nothing used to take
# every descriptor: /healthz, control and ingest stopped, and fohd spun on
# its listener logging thousands of lines a second. Now: connections over
# max_conns (derived from the limit) are closed at accept, WebSockets leave
# a reserve for /healthz and /metrics, idle ones are closed after
# idle_timeout, all of it counted, refusals logged as a line per 10 s, and
# fohd sleeps. Outside clients only: tests/conn_flood.py (asyncio), nngcat,
# python3-websockets, the control client.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"
need_websockets

club_names
token=e2e-token-0123456789
pull="ipc://$TEST_DIR/club.pull"
stream="ipc://$TEST_DIR/s.pub"
control="ipc://$TEST_DIR/s.ctl"
N=1100

{
	cat "$top_srcdir/conf/club.conf"
	conf_token_ingest "$pull" "idle_timeout = 15s"
} >"$conf"

# fohd with the usual descriptor limit, whatever the test runs under.
fohd_run sh -c 'ulimit -n 1024 && exec "$@"' fohd "$FOHD" -c "$conf" \
    --stream "$stream" --control "$control"
grep -q '^Max open files *1024 ' "/proc/$pid/limits" ||
    fail "fohd's descriptor limit: $(grep 'open files' "/proc/$pid/limits")"
echo "ok: fohd on port $port with ulimit -n 1024"

flood_start conn_flood.py 127.0.0.1 "$port" $N "$token" || { cat "$TEST_DIR/flood.err" >&2; fail "the flood never settled"; }
read up busy closed other <"$TEST_DIR/flood"
echo "ok: $N connections: $up upgraded, $busy refused 503, $closed closed at accept, $other other"
[ "$other" = 0 ] || fail "unexpected answers to the flood"
[ $((busy + closed)) -ge $((N - 768)) ] || fail "too few refused: $busy + $closed"

# While the flood holds its connections: fohd sleeps, answers /healthz,
# takes readings over PULL and answers control.
cpu_mark
wait_until 10 healthz || fail "/healthz does not answer under the flood"
echo "ok: /healthz answers with $up idle WebSockets open"
pull_gate || fail "PULL reading not taken under the flood"
$ctl "$control" snapshot - \
    >"$TEST_DIR/snap.json" || fail "snapshot under the flood"
grep -q '"kind": "snapshot"' "$TEST_DIR/snap.json" || fail "snapshot: $(cut -c1-200 "$TEST_DIR/snap.json")"
echo "ok: PULL ingest and control answer under the flood"

# The flood's own state, from /metrics. idle_timeout is long enough that
# no connection of the flood has been closed yet: all of the above was
# done with the flood holding every descriptor it could get.
open=$(metric fohd_ingest_conns_open)
[ "$(metric fohd_ingest_conns_idle_closed_total)" = 0 ] ||
    fail "idle_timeout already closed some of the flood: the checks above prove less (machine too slow?)"
refused=$(( $(metric fohd_ingest_conns_refused_total 'stage="accept"') + \
    $(metric fohd_ingest_conns_refused_total 'stage="upgrade"') ))
[ "$open" -ge "$up" ] || fail "fohd_ingest_conns_open $open < $up"
[ "$refused" -ge $((busy + closed)) ] || fail "refusals counted $refused < $((busy + closed))"
[ "$(metric fohd_ingest_conns_max)" = 768 ] || fail "max_conns from ulimit 1024: $(metric fohd_ingest_conns_max)"
echo "ok: /metrics: $open open, $refused refused, cap $(metric fohd_ingest_conns_max)"

# Measured over at least a second: fohd used less than a fifth of a CPU.
cpu_sleeps "under the flood"

# Refusals are logged as one line and then a sum per 10 s, not a line each.
lines=$(grep -c 'refused' "$TEST_DIR/fohd.log")
[ "$lines" -le 3 ] || fail "$lines log lines about refusals"
[ "$(wc -l <"$TEST_DIR/fohd.log")" -le 20 ] ||
    fail "fohd logged $(wc -l <"$TEST_DIR/fohd.log") lines under the flood"
echo "ok: $lines log line(s) about $refused refusals"

# Five connections that never send a byte (not even a request), opened in
# the HTTP reserve while the flood holds its share: idle before any
# upgrade, closed after 10 s (idle_timeout if shorter) and counted. They
# report when fohd has closed them all.
"$py" - 127.0.0.1 "$port" "$TEST_DIR/silent" <<'EOP' &
import socket, sys, time
host, port, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
socks = [socket.create_connection((host, port), timeout=5) for _ in range(5)]
open(out + ".open", "w").write("5\n")
closed = 0
deadline = time.monotonic() + 90
for s in socks:
    s.settimeout(max(0.1, deadline - time.monotonic()))
    try:
        if s.recv(1) == b"":
            closed += 1
    except OSError:
        pass
open(out, "w").write("%d\n" % closed)
EOP
silent=$!
track $silent
silent_open() {
	[ -s "$TEST_DIR/silent.open" ]
}
wait_until 10 silent_open || fail "silent connections not opened"

# idle_timeout (15 s) closes the idle WebSockets and the five silent
# connections (10 s before a first request); then a producer gets in.
idled() {
	[ "$(metric fohd_ingest_conns_idle_closed_total)" -ge $((up + 5)) ]
}
wait_until 40 idled || fail "idle connections not closed: $(metric fohd_ingest_conns_idle_closed_total) of $up"
few_open() {
	[ "$(metric fohd_ingest_conns_open)" -le 5 ]
}
wait_until 10 few_open || fail "still $(metric fohd_ingest_conns_open) open"
silent_closed() {
	[ -s "$TEST_DIR/silent" ]
}
wait_until 10 silent_closed || fail "the silent connections saw no close"
[ "$(cat "$TEST_DIR/silent")" = 5 ] || fail "silent connections closed by fohd: $(cat "$TEST_DIR/silent") of 5"
$client send "$ws" "$token" \
    '{"kind":"zone_count","zone":"dance","count":42}' >"$TEST_DIR/answers" ||
    fail "WebSocket ingest after the idle timeout"
grep -q '"accepted": 1' "$TEST_DIR/answers" || fail "reading not accepted: $(cat "$TEST_DIR/answers")"
echo "ok: idle connections closed after idle_timeout ($(metric fohd_ingest_conns_idle_closed_total)); WebSocket ingest accepted"

: >"$TEST_DIR/stop"
wait $flood
kill -0 $pid || fail "fohd died"
kill -TERM $pid
wait $pid || fail "fohd exit status on SIGTERM"
echo "ok: fohd stops cleanly"
