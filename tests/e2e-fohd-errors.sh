#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fohd and foh at the edges: --help and --version; a broken config is named
# by file:line with exit status 78 (EX_CONFIG), overflowing durations, long
# lines and empty sections included; a URL already in use is refused with
# 69 (EX_UNAVAILABLE); bad command lines give 64 (EX_USAGE).
. "${top_srcdir:-.}/tests/lib.sh"

expect() {	# expect STATUS PATTERN CMD...
	_want=$1 _pat=$2
	shift 2
	"$@" >"$TEST_DIR/out" 2>&1
	_st=$?
	[ "$_st" = "$_want" ] || { cat "$TEST_DIR/out" >&2; fail "$*: status $_st, want $_want"; }
	grep -q -- "$_pat" "$TEST_DIR/out" || { cat "$TEST_DIR/out" >&2; fail "$*: no \"$_pat\""; }
	echo "ok: $* -> $_st: $(head -n 1 "$TEST_DIR/out")"
}

expect 0 "usage: fohd" "$FOHD" --help
expect 0 "fohd 0" "$FOHD" --version
expect 0 "usage: foh" "$FOH" --help
expect 0 "foh 0" "$FOH" --version
expect 64 "usage: fohd" "$FOHD" --bogus
expect 64 "no venues" "$FOH"
expect 64 "is not a URL" "$FOH" not-a-url
expect 64 "foh: --fps: '0' is not a whole number from 1 to 60" "$FOH" --fps 0 --demo

sed 's/^area_m2 = 60$/area_m2 = -60/' "$top_srcdir/conf/club.conf" >"$TEST_DIR/bad.conf"
line=$(grep -n 'area_m2 = -60' "$TEST_DIR/bad.conf" | cut -d: -f1)
expect 78 "$TEST_DIR/bad.conf:$line: zone bar: area_m2 \"-60\" must be a positive number" \
    "$FOHD" -c "$TEST_DIR/bad.conf"
expect 78 "nonexistent.conf: No such file" "$FOHD" -c "$TEST_DIR/nonexistent.conf"

expect 64 "foh: --freeze: '0' is not a duration from 1ms to 1d" "$FOH" --demo --freeze 0
printf '[console]\nfps = fast\n' >"$TEST_DIR/foh.conf"
expect 78 "$TEST_DIR/foh.conf:2: fps \"fast\" must be 1-60" "$FOH" -c "$TEST_DIR/foh.conf"

# Configs mean what they say: each of these was accepted, and fohd started
# (so each run is bounded: an accepted config fails with 124, not a hang).
# A rule duration that overflows 64 bits of milliseconds (it was 0.384 s).
bad() {	# bad NAME TEXT: the club with TEXT appended, as $TEST_DIR/NAME
	{ cat "$top_srcdir/conf/club.conf"; printf '%s\n' "$2"; } >"$TEST_DIR/$1"
}
ipc="--stream ipc://$TEST_DIR/x.pub --control ipc://$TEST_DIR/x.ctl"
bad over.conf "[rule hot]
kind = threshold
on = zone:bar
metric = density
above = 3
for = 18446744073709552s"
line=$(grep -n '^for = ' "$TEST_DIR/over.conf" | cut -d: -f1)
expect 78 "$TEST_DIR/over.conf:$line: rule hot: for \"18446744073709552s\" must be a duration from 0s to 168h" \
    timeout 10 "$FOHD" -c "$TEST_DIR/over.conf" $ipc
sed 's/^for = .*/for = 4294967296ms/' "$TEST_DIR/over.conf" >"$TEST_DIR/over32.conf"
expect 78 "$TEST_DIR/over32.conf:$line: rule hot: for \"4294967296ms\" must be a duration" \
    timeout 10 "$FOHD" -c "$TEST_DIR/over32.conf" $ipc
# A line longer than 1024 bytes is refused with its line, not split.
bad long.conf "[control]
; $(printf '%01100d' 0) tcp = allow"
line=$(grep -n '^; 000' "$TEST_DIR/long.conf" | cut -d: -f1)
expect 78 "$TEST_DIR/long.conf:$line: line is 1114 bytes long; at most 1024" \
    timeout 10 "$FOHD" -c "$TEST_DIR/long.conf" $ipc
# An empty section is a section: an unknown one is an error at its line.
bad empty.conf "[zoo]"
line=$(grep -n '^\[zoo\]' "$TEST_DIR/empty.conf" | cut -d: -f1)
expect 78 "$TEST_DIR/empty.conf:$line: unknown section \[zoo\]" \
    timeout 10 "$FOHD" -c "$TEST_DIR/empty.conf" $ipc
bad emptyrule.conf "[rule quiet]"
line=$(grep -n '^\[rule quiet\]' "$TEST_DIR/emptyrule.conf" | cut -d: -f1)
expect 78 "$TEST_DIR/emptyrule.conf:$line: rule quiet has no kind" \
    timeout 10 "$FOHD" -c "$TEST_DIR/emptyrule.conf" $ipc
# A NUL byte would have ended the file there; it is refused at its line.
printf '[venue]\nid = x\0\n' >"$TEST_DIR/nul.conf"
expect 78 "$TEST_DIR/nul.conf:2: NUL byte" timeout 10 "$FOHD" -c "$TEST_DIR/nul.conf" $ipc

# Two agents on one URL: the second is refused, the first keeps serving.
"$FOHD" -c "$top_srcdir/conf/club.conf" --stream "ipc://$TEST_DIR/a.pub" \
    --control "ipc://$TEST_DIR/a.ctl" 2>"$TEST_DIR/first.log" &
pid=$!
track $pid
up() { [ -S "$TEST_DIR/a.ctl" ]; }
wait_until 10 up || fail "first fohd not listening"
expect 69 "ipc://$TEST_DIR/a.pub: Address in use" "$FOHD" -c "$top_srcdir/conf/club.conf" \
    --stream "ipc://$TEST_DIR/a.pub" --control "ipc://$TEST_DIR/b.ctl"
kill -0 $pid || fail "first fohd died"
echo "ok: first fohd still running"
