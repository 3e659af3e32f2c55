#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Configs mean what they say, on a real fohd with real control requests.
# 1. A venue whose only operator section is an empty "[operator ana]" has
#    operators: ana has no rights, so an ack, comment or shelve by ana over
#    ipc is refused, and so is one by anybody else (a venue with no
#    operator section trusts every local peer, and fohd used to drop the
#    empty section). After SIGHUP with "rights = ack, comment" ana may ack;
#    after SIGHUP back to the empty section, ana may do nothing again; a
#    SIGHUP to a file with a line over 1024 bytes is refused with its line
#    and changes nothing.
# 2. A 300-byte comment whose last 101 bytes read "   ...tcp = allow" (where
#    inih cut it) is a comment: control over tcp stays off.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names

# The club with a rule that fires at once on the simulated bar, and EXTRA.
write_conf() {	# write_conf EXTRA
	{
		cat "$top_srcdir/conf/club.conf"
		cat <<EOC
[rule bar-open]
kind = threshold
on = zone:bar
metric = density
above = 0
for = 0
severity = info
EOC
		printf '%s\n' "$1"
	} >"$conf.new" && mv "$conf.new" "$conf"
}

# --- 1. An empty [operator ana] -------------------------------------------
write_conf "[operator ana]"
"$FOHD" -c "$conf" --stream "$stream" --control "$control" \
    2>"$TEST_DIR/fohd.log" &
pid=$!
track $pid

# The id of the open bar-open alert, from a snapshot.
alert_id() {
	$ctl "$control" snapshot - 2>/dev/null | $py -c '
import json, sys
b = json.load(sys.stdin)
ids = [a["id"] for a in b.get("alerts", []) if a.get("rule") == "bar-open"
       and a.get("state") == "firing"]
print(ids[0] if ids else "")'
}
firing() {
	id=$(alert_id)
	[ -n "$id" ]
}
wait_until 20 firing || { cat "$TEST_DIR/fohd.log" >&2; fail "no bar-open alert"; }
echo "ok: alert $id firing"

rid=100
refused() {	# refused WHO OP WORDS [key=value ...]: forbidden, saying WORDS
	_who=$1 _op=$2 _words=$3
	shift 3
	rid=$((rid + 1))
	r=$($ctl "$control" "$_op" "$_who" id=$rid alert=$id "$@")
	[ "$(answer code "$r")" = forbidden ] || fail "$_op by $_who: $r"
	case "$(answer text "$r")" in
	*"$_words"*) ;;
	*) fail "$_op by $_who: $r, want ...$_words..." ;;
	esac
	echo "ok: $_op by $_who refused: $(answer text "$r")"
}
refused ana ack 'operator "ana" may not ack' comment=seen
refused ana comment 'operator "ana" may not comment' comment=seen
refused ana shelve 'operator "ana" may not shelve' duration_s=600 reason=test
refused ana approve 'operator "ana" may not approve'
refused bob ack 'operator "bob" is not known' comment=seen
refused root ack 'operator "root" is not known' comment=seen
rid=$((rid + 1))
r=$($ctl "$control" ack - id=$rid alert=$id comment=seen)
[ "$(answer code "$r")" = bad-request ] || fail "ack by nobody: $r"
echo "ok: ack naming no operator refused: $(answer text "$r")"

still_firing() {
	[ "$(alert_id)" = "$id" ]
}
still_firing || fail "alert $id changed although every request was refused"
echo "ok: alert $id still firing"

# Reload with rights for ana: her ack is taken.
write_conf "[operator ana]
rights = ack, comment"
kill -HUP $pid
acked=""
ack_taken() {
	rid=$((rid + 1))
	r=$($ctl "$control" ack ana id=$rid alert=$id comment=after-reload)
	[ "$(answer code "$r")" != forbidden ]
}
wait_until 20 ack_taken || fail "ack after SIGHUP: $r"
[ -z "$(answer code "$r")" ] || fail "ack after SIGHUP: $r"
echo "ok: after SIGHUP with rights, ana's ack: $(answer status "$r")"

# Reload with the empty section again: ana may do nothing.
write_conf "[operator ana]"
kill -HUP $pid
comment_refused() {
	rid=$((rid + 1))
	r=$($ctl "$control" comment ana id=$rid alert=$id comment=again)
	[ "$(answer code "$r")" = forbidden ]
}
wait_until 20 comment_refused || fail "comment after SIGHUP to empty: $r"
echo "ok: after SIGHUP to the empty section: $(answer text "$r")"

# A reload with a line over 1024 bytes is refused whole, with its line:
# ana keeps no rights although the new file would give her all.
long=$($py -c 'print("; " + "x" * 1100)')
write_conf "[operator ana]
rights = all
$long"
n=$(grep -n '^; xxx' "$conf" | cut -d: -f1)
kill -HUP $pid
reload_refused() {
	grep -q "SIGHUP: keeping the running config: $conf:$n: line is 1102 bytes long; at most 1024" \
	    "$TEST_DIR/fohd.log"
}
wait_until 20 reload_refused || { cat "$TEST_DIR/fohd.log" >&2; fail "long line on SIGHUP not refused"; }
rid=$((rid + 1))
r=$($ctl "$control" comment ana id=$rid alert=$id comment=still-not)
[ "$(answer code "$r")" = forbidden ] || fail "comment after a refused reload: $r"
echo "ok: SIGHUP with a 1102-byte line refused at line $n; ana still may not comment"
kill -TERM $pid
wait $pid

# --- 2. A 300-byte comment ending in "tcp = allow" --------------------------
line=$($py -c 'print("; " + "x" * 197 + " " * 90 + "tcp = allow")')
[ ${#line} = 300 ] || fail "the comment is ${#line} bytes"
write_conf "[operator bo]
rights = all
[control]
$line"
fohd_tcp_start
r=$($ctl "$tcp" ack bo id=1 alert=1 comment=remote)
[ "$(answer code "$r")" = forbidden ] || fail "tcp control after a long comment: $r"
case "$(answer text "$r")" in
*"control over tcp is not enabled"*) ;;
*) fail "tcp control after a long comment: $r" ;;
esac
echo "ok: a 300-byte comment ending in tcp = allow: $(answer text "$r")"
kill -TERM $tpid
wait $tpid
