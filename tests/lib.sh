# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# tests/lib.sh: shared by the end-to-end and terminal tests.
# Sourced by POSIX sh scripts run from `make check`; automake exports FOH,
# FOHD, NNGCAT, TMUX_BIN, DEBIAN_PYTHON3, top_srcdir and top_builddir.
# Nothing here sleeps to synchronise: tests poll for a condition with a
# deadline (wait_until), checking every 50 ms.

set -u

TEST_NAME=$(basename "$0" .sh)
TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/foh-$TEST_NAME.XXXXXX")
TMUX_SOCK="foh-$TEST_NAME-$$"
CLEANUP_PIDS=""
# The user's own ssh-agent must not sign a test's requests: a test that
# signs starts its own (tests/sign-lib.sh).
unset SSH_AUTH_SOCK
# The ":" lines a test types are remembered in the test's directory, not
# in the user's ~/.local/state/foh/history.
XDG_STATE_HOME=$TEST_DIR/state
export XDG_STATE_HOME

# Say why and stop with status 1.
fail() {
	echo "FAIL: $TEST_NAME: $*" >&2
	exit 1
}

# Skip (automake's 77) when an outside tool is missing.
need() {
	for t in "$@"; do
		[ -n "$t" ] && command -v "$t" >/dev/null 2>&1 || {
			echo "SKIP: $TEST_NAME: needs $t" >&2
			exit 77
		}
	done
}

# Milliseconds now, monotonic enough for deadlines.
now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# wait_until SECONDS CMD...: run CMD every 50 ms until it succeeds; 1 on
# timeout.
wait_until() {
	_limit=$(( $(now_ms) + $1 * 1000 ))
	shift
	while ! "$@"; do
		[ "$(now_ms)" -ge "$_limit" ] && return 1
		sleep 0.05
	done
	return 0
}

# Remember a background process to stop at exit.
track() {
	CLEANUP_PIDS="$CLEANUP_PIDS $1"
}

cleanup() {
	for p in $CLEANUP_PIDS; do
		kill -CONT "$p" 2>/dev/null
		kill "$p" 2>/dev/null
	done
	"${TMUX_BIN:-tmux}" -L "$TMUX_SOCK" kill-server 2>/dev/null
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT INT TERM

# tmux on this test's private socket.
tm() {
	"$TMUX_BIN" -L "$TMUX_SOCK" -f /dev/null "$@"
}

# Start CMD in a detached tmux session of W x H; its exit status lands in
# $TEST_DIR/status.
# A session "keep" holds the tmux server up: a server that loses its last
# session exits, and a new session started then can reach it as it goes
# ("server exited unexpectedly").
tm_start() {
	_w=$1 _h=$2
	shift 2
	tm has-session -t keep 2>/dev/null ||
	    tm new-session -d -s keep "sleep 86400" || fail "tmux"
	rm -f "$TEST_DIR/status"
	tm new-session -d -x "$_w" -y "$_h" -s t \
	    "$* 2>$TEST_DIR/stderr; echo \$? >$TEST_DIR/status"
}

# The pane's text now.
tm_screen() {
	tm capture-pane -p -t t 2>/dev/null
}

# screen_is FILE: the screen of session t is FILE, line for line (a golden
# screen); the capture is left in $TEST_DIR/screen.txt for a diff.
screen_is() {
	tm_screen >"$TEST_DIR/screen.txt"
	cmp -s "$TEST_DIR/screen.txt" "$1"
}

# shows SESSION TEXT...: does SESSION's pane show every given fixed
# string?
shows() {
	_s=$(tm capture-pane -p -t "$1" 2>/dev/null)
	shift
	for _w in "$@"; do
		case "$_s" in
		*"$_w"*) ;;
		*) return 1 ;;
		esac
	done
	return 0
}

# Does the screen show every one of the given fixed strings?
screen_has() {
	shows t "$@"
}

# The key line of session t: the pane's last line.
keyline() {
	tm_screen | tail -n 1
}

# keyline_has TEXT: does the key line show TEXT?
keyline_has() {
	case "$(keyline)" in *"$1"*) return 0 ;; esac
	return 1
}

# tm_quit [SESSION]: press q in SESSION (t), and y if foh asks first, as it
# does while critical alerts are unacknowledged (foh(1), KEYS); the caller
# waits for the exit as before.
tm_quit() {
	_qs=${1:-t}
	tm send-keys -t "$_qs" q
	wait_until 20 quit_answered "$_qs"
	return 0
}

# quit_answered SESSION: foh in SESSION is gone, or it asked whether to
# quit and has been told y.
quit_answered() {
	tm has-session -t "$1" 2>/dev/null || return 0
	case "$(tm capture-pane -p -t "$1" 2>/dev/null | tail -n 1)" in
	"Quit? "*"(y/n)"*)
		tm send-keys -t "$1" y
		return 0 ;;
	esac
	return 1
}

# Has the command in tmux exited?
tm_exited() {
	[ -s "$TEST_DIR/status" ]
}

# Print the screen and the program's stderr, for a failure report.
tm_dump() {
	echo "--- screen ---" >&2
	tm_screen >&2
	echo "--- stderr ---" >&2
	cat "$TEST_DIR/stderr" >&2 2>/dev/null
}

# ack_answers COMMENT [STICKY]: the key line of session t asks an ack's
# comment: answer COMMENT, the default expiry and STICKY ("" or not given:
# the default) to the sticky question.
ack_answers() {
	tm send-keys -t t -l "$1"
	tm send-keys -t t Enter
	wait_until 5 keyline_has "Expires in minutes" ||
	    { tm_dump; fail "no expiry question"; }
	tm send-keys -t t Enter
	wait_until 5 keyline_has "Sticky (until resolved), non-sticky (ends if worse)? [S/n]" ||
	    { tm_dump; fail "no sticky question"; }
	[ -z "${2:-}" ] || tm send-keys -t t -l "$2"
	tm send-keys -t t Enter
}

# answered OP WORDS...: the key line says how request OP ended, with
# every one of WORDS.
answered() {
	_op=$1
	shift
	_k=$(keyline)
	case "$_k" in "$_op #"*|*" $_op #"*) ;; *) return 1 ;; esac
	for _w in "$@"; do
		case "$_k" in *"$_w"*) ;; *) return 1 ;; esac
	done
}

# probe_alert: push an external warning "probe" into the running fohd
# (on $ws, journal of $conf), wait until it fires; $alert is its id.
probe_alert() {
	$client send "$ws" "" \
	    '{"kind":"external_alert","source":"probe","subject":"p1","severity":"warning","title":"probe"}' \
	    >"$TEST_DIR/push.out" || fail "push"
	wait_until 10 probe_fired || fail "the alert did not fire"
	alert=$("$FOHD" history -c "$conf" --format jsonl |
	    grep '"op":"fire"' | sed -n 's/.*"alert":\([0-9]*\).*/\1/p' |
	    head -n 1)
}

# probe_fired: has an alert fired in $conf's journal?
probe_fired() {
	"$FOHD" history -c "$conf" --format jsonl | grep -q '"op":"fire"'
}

# Skip unless Debian's python3 has the websockets and msgpack modules.
need_websockets() {
	"$DEBIAN_PYTHON3" -c 'import websockets, msgpack' 2>/dev/null ||
	    need python3-websockets
}

# The names the venue-agent tests share: py (Debian's python3), client,
# ctl and sp (tests/ingest_client.py, control_client.py and sp_req.py run
# by it), conf (the club's config file), stream and control (its ipc
# sockets). A test sets its own after this where it differs.
club_names() {
	py="$DEBIAN_PYTHON3"
	client="$py $top_srcdir/tests/ingest_client.py"
	ctl="$py $top_srcdir/tests/control_client.py"
	sp="$py $top_srcdir/tests/sp_req.py"
	conf="$TEST_DIR/club.conf"
	stream="ipc://$TEST_DIR/club.pub"
	control="ipc://$TEST_DIR/club.ctl"
}

# Print an [ingest] section: a loopback port of the kernel's choosing,
# loopback peers only, no simulator.
conf_ingest() {
	printf '[ingest]\nlisten = 127.0.0.1:0\nloopback_only = yes\nsimulate = no\n'
}

# conf_token_ingest PULL [LINE]: print an [ingest] section on a loopback
# port of the kernel's choosing that wants the bearer $token, takes nng
# PULL on PULL, has no simulator, and LINE if given.
conf_token_ingest() {
	printf '[ingest]\nlisten = 127.0.0.1:0\ntoken = %s\npull = %s\n' \
	    "$token" "$1"
	[ -z "${2:-}" ] || printf '%s\n' "$2"
	printf 'simulate = no\n'
}

# Print the rule bar-full: a warning as soon as the bar holds over 1.0
# p/m2. A test appends its own keys (action, hook ...) after it.
conf_bar_full() {
	printf '[rule bar-full]\nkind = threshold\non = zone:bar\nmetric = density\n'
	printf 'above = 1.0\nfor = 0\nseverity = warning\n'
}

# club_ingest_conf [DB]: print the club venue's config with conf_ingest
# and, given DB, its journal at DB.
club_ingest_conf() {
	cat "$top_srcdir/conf/club.conf"
	conf_ingest
	[ $# = 0 ] || printf '[journal]\npath = %s\n' "$1"
}

# Print the club venue's config with what the control tests share: ingest
# on a loopback port of the kernel's choosing with no simulator, the
# journal at $1, and operator ana (this user, every right). A test appends
# its own sections after it.
club_conf() {
	club_ingest_conf "$1"
	printf '[operator ana]\nuid = %s\nrights = all\n' "$(id -u)"
}

# Has fohd logged the ingest port it listens on?
fohd_port_known() {
	grep -q "ingest on 127.0.0.1:[1-9]" "$TEST_DIR/fohd.log"
}

# fohd_run CMD...: run CMD (fohd, or fohd under a wrapper) in the
# background with its stderr in $TEST_DIR/fohd.log (emptied first), and
# wait up to 10 s for its ingest port. Sets pid, port, ws (the WebSocket
# ingest) and metrics (its /metrics).
fohd_run() {
	: >"$TEST_DIR/fohd.log"
	"$@" 2>>"$TEST_DIR/fohd.log" &
	pid=$!
	track $pid
	wait_until 10 fohd_port_known ||
	    { cat "$TEST_DIR/fohd.log" >&2; fail "fohd did not start"; }
	port=$(sed -n 's/.*ingest on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
	    "$TEST_DIR/fohd.log" | tail -n 1)
	ws="ws://127.0.0.1:$port/ingest"
	metrics="http://127.0.0.1:$port/metrics"
}

# fohd_start [ARG...]: fohd_run fohd on $conf with its stream on $stream,
# its control on $control, and ARGs.
fohd_start() {
	fohd_run "$FOHD" -c "$conf" --stream "$stream" --control "$control" "$@"
}

# metric NAME [LABELS]: print the value of NAME in fohd's $metrics.
metric() {
	"$DEBIAN_PYTHON3" "$top_srcdir/tests/ingest_client.py" metric \
	    "$metrics" "$@"
}

# subscribers OP N: does fohd count a number of subscribers that is OP
# (test(1)'s -ge, = ...) N?
subscribers() {
	[ "$(metric fohd_subscribers)" "$1" "$2" ]
}

# stream_sub FILE COUNT SECONDS TOPIC...: subscribe to $stream's TOPICs in
# the background with nngcat, the messages (msgpack) into FILE, until
# COUNT messages or SECONDS without one. Its pid in $sub.
stream_sub() {
	_file=$1 _count=$2 _secs=$3
	shift 3
	_topics=""
	for _t in "$@"; do
		_topics="$_topics --subscribe $_t"
	done
	# shellcheck disable=SC2086 # the topics have no blanks
	"$NNGCAT" --sub --dial "$stream" $_topics --msgpack --count "$_count" \
	    --recv-timeout "$_secs" >"$_file" 2>/dev/null &
	sub=$!
	track $sub
}

# stream_json FILE: print the bodies of the messages nngcat wrote to FILE
# as JSON, a line each, oldest first (what is not whole yet is left out).
stream_json() {
	"$DEBIAN_PYTHON3" - "$1" <<'EOP'
import json, sys, msgpack
try:
    for m in msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False):
        print(json.dumps(msgpack.unpackb(m.partition(b"\0")[2], raw=False),
                         ensure_ascii=False))
except Exception:
    pass
EOP
}

# answer FIELD JSON: print FIELD of the JSON map (empty if it has none).
answer() {
	"$DEBIAN_PYTHON3" -c 'import json,sys; a=json.loads(sys.argv[2]); print(a.get(sys.argv[1], ""))' "$1" "$2"
}

# sql QUERY: print the first column of QUERY's first row in the journal
# $TEST_DIR/club.db.
sql() {
	"$DEBIAN_PYTHON3" -c 'import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print(r[0] if r else "")' "$TEST_DIR/club.db" "$1"
}

# snapshot_alert RULE: print the id of the first alert of RULE in a
# snapshot asked over $control (a snapshot lists open alerts only), or
# nothing.
snapshot_alert() {
	"$DEBIAN_PYTHON3" "$top_srcdir/tests/control_client.py" "$control" \
	    snapshot - | "$DEBIAN_PYTHON3" -c 'import json,sys; a=[x["id"] for x in json.load(sys.stdin)["alerts"] if x["rule"]==sys.argv[1]]; print(a[0] if a else "")' "$1"
}

# held_counts ZONE COUNT [AGO]: print a JSON array of 31 readings of
# COUNT persons in ZONE, a second apart, the last AGO seconds ago (10 if
# not given): a crowd held for 30 s, so that any hold of a rule on it has
# passed.
held_counts() {
	_t0=$(( $(date +%s) * 1000 - (30 + ${3:-10}) * 1000 ))
	_f=""
	_i=0
	while [ $_i -le 30 ]; do
		_f="$_f{\"kind\":\"zone_count\",\"zone\":\"$1\",\"count\":$2,\"t\":$((_t0 + _i * 1000))},"
		_i=$((_i + 1))
	done
	echo "[${_f%,}]"
}

# cpu_ticks: print the user and system time fohd ($pid) has used, in clock
# ticks.
cpu_ticks() {
	awk '{ print $14 + $15 }' "/proc/$pid/stat"
}

# Remember now and fohd's CPU time so far, for cpu_sleeps.
cpu_mark() {
	_cpu_t0=$(now_ms)
	_cpu_c0=$(cpu_ticks)
}

# cpu_sleeps WHILE: measured over at least a second since cpu_mark, fohd
# must have used less than a fifth of a CPU WHILE (words for the report).
cpu_sleeps() {
	wait_until 5 cpu_second_passed
	_ms=$(( $(now_ms) - _cpu_t0 ))
	_ticks=$(( $(cpu_ticks) - _cpu_c0 ))
	_hz=$(getconf CLK_TCK)
	[ $((_ticks * 1000 * 5)) -lt $((_hz * _ms)) ] ||
	    fail "fohd used $_ticks ticks of CPU in $_ms ms $1"
	echo "ok: fohd sleeps $1: $_ticks ticks ($_hz/s) in $_ms ms"
}

# Has a second passed since cpu_mark?
cpu_second_passed() {
	[ $(( $(now_ms) - _cpu_t0 )) -ge 1000 ]
}

# flood_start SCRIPT ARG...: run tests/SCRIPT (conn_flood.py or
# pipe_flood.py) with ARGs and its summary and stop files
# ($TEST_DIR/flood, $TEST_DIR/stop, both removed first) in the background,
# its pid in $flood; wait up to 60 s for its summary, 1 if none comes.
flood_start() {
	_script=$1
	shift
	rm -f "$TEST_DIR/flood" "$TEST_DIR/stop"
	"$DEBIAN_PYTHON3" "$top_srcdir/tests/$_script" "$@" \
	    "$TEST_DIR/flood" "$TEST_DIR/stop" 2>"$TEST_DIR/flood.err" &
	flood=$!
	track $flood
	wait_until 60 test -s "$TEST_DIR/flood"
}

# pull_gate: push one gate_flow reading to fohd's $pull with nngcat and
# wait up to 10 s for fohd to count it; 1 if it does not.
pull_gate() {
	_n0=$(metric fohd_ingest_readings_total 'kind="gate_flow"')
	"$DEBIAN_PYTHON3" "$top_srcdir/tests/ingest_client.py" pack \
	    "$TEST_DIR/gate.bin" \
	    '{"kind":"gate_flow","gate":"door","in":54,"out":0,"interval_ms":60000}'
	"$NNGCAT" --push --dial "$pull" --file "$TEST_DIR/gate.bin" ||
	    fail "nngcat --push"
	wait_until 10 gate_counted_over "$_n0"
}

# gate_counted_over N: has fohd counted more than N gate_flow readings?
gate_counted_over() {
	[ "$(metric fohd_ingest_readings_total 'kind="gate_flow"')" -gt "$1" ]
}

# healthz: does fohd's /healthz answer status ok within 2 s?
healthz() {
	"$DEBIAN_PYTHON3" -c 'import json,sys,urllib.request; h=json.load(urllib.request.urlopen(sys.argv[1], timeout=2)); assert h["status"]=="ok"' \
	    "http://127.0.0.1:$port/healthz" 2>/dev/null
}

# free_port [ADDR]: print a TCP port that is free on ADDR (127.0.0.1 if
# not given): the kernel's pick, then released.
free_port() {
	"$DEBIAN_PYTHON3" -c 'import socket,sys; s=socket.socket(); s.bind((sys.argv[1], 0)); print(s.getsockname()[1])' \
	    "${1:-127.0.0.1}"
}

# fohd_tcp_start: start a second fohd on $conf with its control on a free
# loopback TCP port, its stderr in $TEST_DIR/tcp.log, and wait up to 20 s
# for it to log that control. Sets tpid and tcp (the control's URL). Its
# config is a copy of $conf with a [journal] path of its own: a journal
# has one writer, the first fohd (journal-lock.c).
fohd_tcp_start() {
	tcp="tcp://127.0.0.1:$(free_port)"
	awk -v db="$TEST_DIR/tcp.db" '/^\[/ { s = $0 }
	    s == "[journal]" && /^path *=/ { print "path = " db; next }
	    { print }' "$conf" >"$TEST_DIR/tcp.conf"
	"$FOHD" -c "$TEST_DIR/tcp.conf" --stream "ipc://$TEST_DIR/tcp.pub" \
	    --control "$tcp" 2>"$TEST_DIR/tcp.log" &
	tpid=$!
	track $tpid
	wait_until 20 grep -q "control $tcp" "$TEST_DIR/tcp.log" ||
	    { cat "$TEST_DIR/tcp.log" >&2; fail "tcp fohd did not start"; }
}

# snapshot_to FILE: ask fohd on $control for a snapshot with nngcat (the
# request written by tests/stream_check.py); its msgpack answer in FILE.
snapshot_to() {
	"$DEBIAN_PYTHON3" "$top_srcdir/tests/stream_check.py" request \
	    "$TEST_DIR/snap.req" snapshot &&
	    "$NNGCAT" --req --dial "$control" --file "$TEST_DIR/snap.req" \
	    --msgpack --recv-timeout 10 >"$1"
}
