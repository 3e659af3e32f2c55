#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# A request is never carried out twice, even across a crash: fohd is killed
# with SIGKILL after committing an approve (by the rule's own hook, which
# runs after the commit), is restarted, and the approve is retried with the
# same id. The client hangs up as soon as it has sent the approve, so its
# answer is lost for certain (fohd would otherwise send it a few
# microseconds after starting the hook, before the hook's kill lands): for
# the client, fohd died between the commit and the answer. The hook must
# have run once and one action be published; the retry is answered "done"
# from the journal's answer memory. An ack's repeat after a restart gets
# the first answer byte for byte (envelope, seq and epoch included).
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
{
	club_conf "$TEST_DIR/club.db"
	conf_bar_full
	cat <<EOC
action = Open the side room
hook = $TEST_DIR/hook.sh
EOC
} >"$conf"
# The hook counts its runs; the first one kills fohd, which is then past
# its commit, once the action it published has reached the subscriber (a
# message still in nng's queue dies with the process).
cat >"$TEST_DIR/hook.sh" <<EOH
#!/bin/sh
echo "\$FOH_ALERT \$FOH_OPERATOR" >>"$TEST_DIR/hook.runs"
if [ ! -e "$TEST_DIR/killed" ]; then
	: >"$TEST_DIR/killed"
	i=0
	while [ ! -s "$TEST_DIR/actions.bin" ] && [ \$i -lt 200 ]; do
		sleep 0.05
		i=\$((i + 1))
	done
	kill -KILL \$PPID
fi
EOH
chmod +x "$TEST_DIR/hook.sh"
: >"$TEST_DIR/hook.runs"

runs() {
	wc -l <"$TEST_DIR/hook.runs" | tr -d ' '
}
fohd_start

# A subscriber to the actions that stays across the restart (nng redials).
stream_sub "$TEST_DIR/actions.bin" 1000 120 foh/club/action
actions() {	# how many action messages the subscriber has
	$py - "$TEST_DIR/actions.bin" <<'EOP'
import sys, msgpack
n = 0
try:
    for m in msgpack.Unpacker(open(sys.argv[1], "rb"), raw=False):
        n += 1
except Exception:
    pass
print(n)
EOP
}
wait_until 10 subscribers = 1 || fail "no subscriber"

$client send "ws://127.0.0.1:$port/ingest" "" '{"kind":"zone_count","zone":"bar","count":90}' >/dev/null
has_alert() {
	[ -n "$(snapshot_alert bar-full)" ]
}
wait_until 10 has_alert || fail "no bar-full alert"
bar=$(snapshot_alert bar-full)

# The approve: committed, then fohd dies in its hook; no answer arrives.
$sp "$control" send "{\"v\":1,\"kind\":\"request\",\"op\":\"approve\",\"id\":4001,\"operator\":\"ana\",\"alert\":$bar,\"comment\":\"go\"}" ||
    fail "could not send approve 4001"
wait $pid 2>/dev/null
dead() {
	! kill -0 $pid 2>/dev/null
}
wait_until 10 dead || fail "the hook did not kill fohd"
[ "$(runs)" = 1 ] || fail "hook runs before the retry: $(runs)"
[ "$(sql "SELECT COUNT(*) FROM audit WHERE request = 4001 AND result = 'done'")" = 1 ] ||
    fail "the approve was not committed before the kill"
echo "ok: fohd killed after committing approve 4001; its client got no answer"

fohd_start
# The subscriber redials with a growing back-off: wait for it, or the
# next action goes out to nobody.
wait_until 30 subscribers = 1 || fail "the subscriber did not come back"
r=$($ctl "$control" approve ana id=4001 alert=$bar comment=go)
[ "$(answer status "$r")" = done ] || fail "retry of approve 4001: $r"
[ "$(metric fohd_control_replayed_total)" = 1 ] ||
    fail "the retry was not answered from the memory"
# A new approve (new id) runs the hook again: once its run is seen, the
# retry's would have been too.
r=$($ctl "$control" approve ana id=4002 alert=$bar comment=again)
[ "$(answer status "$r")" = done ] || fail "approve 4002: $r"
two_runs() {
	[ "$(runs)" -ge 2 ]
}
two_actions() {
	[ "$(actions)" -ge 2 ]
}
wait_until 10 two_runs || fail "approve 4002 did not run the hook"
wait_until 10 two_actions || fail "actions: $(actions)"
[ "$(runs)" = 2 ] || fail "the hook ran $(runs) times for two approvals: $(cat "$TEST_DIR/hook.runs")"
[ "$(actions)" = 2 ] || fail "$(actions) actions published for two approvals"
[ "$(sql "SELECT COUNT(*) FROM audit WHERE op = 'approve' AND result = 'done'")" = 2 ] ||
    fail "approvals in the audit trail"
echo "ok: approve 4001 retried after kill -9: answered from the journal, hook run once, one action"

# An ack, its repeat after more stream traffic, and after a restart.
a1=$($sp "$control" hex "{\"v\":1,\"kind\":\"request\",\"op\":\"ack\",\"id\":5001,\"operator\":\"ana\",\"alert\":$bar,\"comment\":\"on it\"}")
[ -n "$a1" ] || fail "no answer to ack 5001"
$py -c 'import msgpack,sys; a=msgpack.unpackb(bytes.fromhex(sys.argv[1]),raw=False); assert a["status"]=="done", a' "$a1" ||
    fail "ack 5001"
$client send "ws://127.0.0.1:$port/ingest" "" '{"kind":"zone_count","zone":"dance","count":10}' >/dev/null
a2=$($sp "$control" hex "{\"v\":1,\"kind\":\"request\",\"op\":\"ack\",\"id\":5001,\"operator\":\"ana\",\"alert\":$bar,\"comment\":\"on it\"}")
[ "$a2" = "$a1" ] || fail "repeat of ack 5001 differs: $a1 / $a2"
kill -KILL $pid
wait $pid 2>/dev/null
fohd_start
a3=$($sp "$control" hex "{\"v\":1,\"kind\":\"request\",\"op\":\"ack\",\"id\":5001,\"operator\":\"ana\",\"alert\":$bar,\"comment\":\"on it\"}")
[ "$a3" = "$a1" ] || fail "repeat of ack 5001 after a restart differs: $a1 / $a3"
$py - "$a1" <<'EOP'
import msgpack, sys
a = msgpack.unpackb(bytes.fromhex(sys.argv[1]), raw=False)
print("ok: ack 5001 repeated after a restart: the first answer byte for byte "
      "(%d bytes, seq %d, epoch %d)" % (len(sys.argv[1]) // 2, a["seq"], a["epoch"]))
EOP
[ "$(sql "SELECT COUNT(*) FROM audit WHERE request = 5001")" = 1 ] ||
    fail "ack 5001 audited more than once"

kill -TERM $pid
wait $pid || fail "fohd exit status"
