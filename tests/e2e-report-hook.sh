#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Whether an approved action was carried out, in the journal and the
# report: a real fohd with two rules whose alerts suggest an action, one
# with a hook that exits 3, one whose hook does not exist. Both alerts
# fire, an operator approves both over the control socket; fohd journals
# how each hook ended (audit line "hook": "exit 3", "not started"), and
# `fohd report`, run while fohd is still writing the journal, shows it on
# the approval's row of the decision log; the approvals' comments and the
# ack before them are there, in order. A third hook is still running when
# fohd stops: its line says "running at stop", and the hook is not killed,
# though fohd's whole process group is signalled (as a Ctrl-C in its
# terminal does): the hook runs in a session of its own.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3" setsid

club_names
{
	club_conf "$TEST_DIR/club.db"
	conf_bar_full
	cat <<EOC
action = Open the side room and move the queue there
hook = $TEST_DIR/hook.sh
[rule door-full]
kind = threshold
on = zone:door
metric = density
above = 1.0
for = 0
severity = warning
action = Open the second door
hook = $TEST_DIR/no-such-hook
[rule dance-full]
kind = threshold
on = zone:dance
metric = density
above = 1.0
for = 0
severity = warning
action = Hold the stairs
hook = $TEST_DIR/slow.sh
EOC
} >"$conf"
cat >"$TEST_DIR/hook.sh" <<EOH
#!/bin/sh
echo "\$FOH_ALERT \$FOH_OPERATOR" >>"$TEST_DIR/hook.runs"
exit 3
EOH
cat >"$TEST_DIR/slow.sh" <<EOH
#!/bin/sh
echo \$\$ >"$TEST_DIR/slow.pid.new" && mv "$TEST_DIR/slow.pid.new" "$TEST_DIR/slow.pid"
exec sleep 600
EOH
chmod +x "$TEST_DIR/hook.sh" "$TEST_DIR/slow.sh"

# fohd leads a process group of its own, to be signalled as a whole.
fohd_run setsid "$FOHD" -c "$conf" --stream "$stream" --control "$control"
# The bar (60 m2) and the door queue (40 m2) past 1 p/m2.
$client send "$ws" "" '[{"kind":"zone_count","zone":"bar","count":90},{"kind":"zone_count","zone":"door","count":60},{"kind":"zone_count","zone":"dance","count":200}]' |
    grep -q '"accepted": 3' || fail "readings refused"
alert_of() {	# alert_of RULE: its alert's id, once journaled
	sql "SELECT id FROM alerts WHERE rule = '$1'"
}
fired() {
	[ -n "$(alert_of bar-full)" ] && [ -n "$(alert_of door-full)" ] &&
	    [ -n "$(alert_of dance-full)" ]
}
wait_until 10 fired || fail "the alerts did not fire"
bar=$(alert_of bar-full)
door=$(alert_of door-full)
dance=$(alert_of dance-full)

r=$($ctl "$control" ack ana id=31 alert=$bar comment="bar staff on it")
[ "$(answer status "$r")" = done ] || fail "ack bar: $r"
r=$($ctl "$control" approve ana id=32 alert=$bar comment="move them, <now>")
[ "$(answer status "$r")" = done ] || fail "approve bar: $r"
r=$($ctl "$control" approve ana id=33 alert=$door comment="open it")
[ "$(answer status "$r")" = done ] || fail "approve door: $r"

hook_of() {	# hook_of ALERT: how its hook ended, per the journal
	sql "SELECT result FROM audit WHERE op = 'hook' AND alert = $1"
}
ended() {
	[ "$(hook_of $bar)" = "exit 3" ] && [ "$(hook_of $door)" = "not started" ]
}
wait_until 10 ended || { sql "SELECT group_concat(op || ' ' || result, '; ') FROM audit" >&2; fail "the hooks' ends are not journaled"; }
[ "$(cat "$TEST_DIR/hook.runs")" = "$bar ana" ] || fail "the hook ran: $(cat "$TEST_DIR/hook.runs")"
echo "ok: journaled: bar's hook $(hook_of $bar), door's $(hook_of $door)"

# The report, while fohd runs and holds the journal open.
kill -0 $pid || fail "fohd stopped"
"$FOHD" report -c "$conf" --from -1h -o "$TEST_DIR/r.html" || fail "fohd report"
"$FOHD" report -c "$conf" --from -1h --format csv --table decisions \
    -o "$TEST_DIR/d.csv" || fail "fohd report csv"
kill -0 $pid || fail "fohd stopped during the report"
"$DEBIAN_PYTHON3" - "$TEST_DIR/d.csv" "$bar" "$door" <<'PY' || fail "the decision log"
import csv, sys
rows = [(r["alert"], r["operator"], r["op"], r["note"], r["hook"])
        for r in csv.DictReader(open(sys.argv[1], newline=""))]
bar, door = sys.argv[2], sys.argv[3]
want = [(bar, "ana", "ack", "bar staff on it", ""),
        (bar, "ana", "approve", "move them, <now>", "exit 3"),
        (door, "ana", "approve", "open it", "not started")]
if rows != want:
    raise SystemExit("decisions %r, want %r" % (rows, want))
print("ok: the decision log: %r" % rows)
PY
grep -q '<td data-k="hook" class="bad">exit 3</td>' "$TEST_DIR/r.html" ||
	fail "the HTML's hook cell"
grep -q 'move them, &lt;now&gt;' "$TEST_DIR/r.html" || fail "the comment"

# A hook still running when fohd stops: journaled as such, not killed.
r=$($ctl "$control" approve ana id=34 alert=$dance comment="hold them")
[ "$(answer status "$r")" = done ] || fail "approve dance: $r"
wait_until 10 test -s "$TEST_DIR/slow.pid" || fail "the slow hook did not start"
slow=$(cat "$TEST_DIR/slow.pid")
track $slow
[ -z "$(hook_of $dance)" ] || fail "a running hook has an end: $(hook_of $dance)"
# stat_of PID N: field N of /proc/PID/stat (3 state, 6 session).
stat_of() {
	sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f$(($2 - 2))
}
[ "$(stat_of $slow 6)" = "$slow" ] ||
    fail "the hook is not in a session of its own: session $(stat_of $slow 6)"
[ "$(stat_of $pid 6)" = "$pid" ] || fail "fohd does not lead its session"
kill -TERM -$pid
wait $pid || fail "fohd exit $?"
[ "$(hook_of $dance)" = "running at stop" ] ||
	fail "the running hook at stop: '$(hook_of $dance)'"
grep -q "hook $TEST_DIR/slow.sh of alert $dance still running (pid $slow) at stop" \
    "$TEST_DIR/fohd.log" || fail "the log does not name the running hook"
case $(stat_of $slow 3) in
[RS]) ;;
*) fail "fohd's stop ended the approved hook: state $(stat_of $slow 3)" ;;
esac
kill $slow
"$FOHD" report -c "$conf" --from -1h --format csv --table decisions \
    -o "$TEST_DIR/d2.csv" || fail "fohd report csv after the stop"
grep -q "hold them,done,running at stop," "$TEST_DIR/d2.csv" ||
	fail "the decision log after the stop: $(cat "$TEST_DIR/d2.csv")"
echo "ok: a hook running at stop is journaled, and left to finish"
echo "ok: approved actions' hooks in the journal and the report"
