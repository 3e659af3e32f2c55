#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# e2e-noise.sh: bench-noise (issue 10's benchmark) played short: the demo's
# venues for 10 scenario minutes, before and after, over real inproc nng
# sockets. "after" must meet issue 10's targets (at most 3 alerts per
# venue, rule and subject in 10 minutes; one queue row per subject; no
# resolved row past the linger), which the tree before issue 10 missed. It
# must read every stream message the agents published, give the same
# figures twice (the clocks are frozen and stepped), and refuse bad options
# by name.
. "$top_srcdir/tests/lib.sh"

BENCH=$top_builddir/bench/bench-noise
[ -x "$BENCH" ] || fail "$BENCH is not built"

# run NAME ARGS...: run the bench into $TEST_DIR/NAME.txt; its status in rc.
run() {
	_out=$TEST_DIR/$1.txt
	shift
	"$BENCH" "$@" >"$_out" 2>&1
	rc=$?
}

run one --minutes 10
[ "$rc" = 0 ] || fail "exit $rc: $(cat "$TEST_DIR/one.txt")"
# Every message published was received, in both runs.
line=$(grep '^| stream messages published / received |' "$TEST_DIR/one.txt") ||
	fail "no published / received line"
echo "$line" | awk -F'|' '{
	for (i = 3; i <= 4; i++) {
		split($i, n, "/");
		if (n[1] + 0 == 0 || n[1] + 0 != n[2] + 0) exit 1;
	}
}' || fail "messages lost or none: $line"
# It saw alerts, per (venue, rule, subject): the demo's drift warnings.
grep -q '^| festival | drift-warning | counter | [1-9]' "$TEST_DIR/one.txt" ||
	fail "no festival drift-warning row: $(cat "$TEST_DIR/one.txt")"
grep -q '^after: every target met' "$TEST_DIR/one.txt" ||
	fail "exit 0 without the targets met: $(cat "$TEST_DIR/one.txt")"
# The main gate's flow forecast flaps: 18 alerts before, after one that
# enters FLAPPING (seen on the wire, as a console sees it).
grep -q '^| festival | flow-forecast | main-gate | 18 → [12] | .* | 0 → 1 | [0-9] → [0-9] |$' \
    "$TEST_DIR/one.txt" ||
	fail "main-gate: $(grep main-gate "$TEST_DIR/one.txt")"
# "before" is the old noise: it misses them.
grep -q '^before: [1-9][0-9]* targets missed' "$TEST_DIR/one.txt" ||
	fail "before met the targets: $(cat "$TEST_DIR/one.txt")"

# The same figures again (only the real time differs).
run two --minutes 10
grep -v '^| real time' "$TEST_DIR/one.txt" >"$TEST_DIR/one.cmp"
grep -v '^| real time' "$TEST_DIR/two.txt" >"$TEST_DIR/two.cmp"
cmp -s "$TEST_DIR/one.cmp" "$TEST_DIR/two.cmp" ||
	fail "two runs differ: $(diff "$TEST_DIR/one.cmp" "$TEST_DIR/two.cmp")"

# The demo's hour as foh --demo plays it (20x): "before" is the old
# behaviour the issue saw, the festival counter's drift warning 40 times.
run demo --speed 20
[ "$rc" = 0 ] || fail "--speed 20: exit $rc: $(cat "$TEST_DIR/demo.txt")"
grep -q '^| festival | drift-warning | counter | 40 → ' "$TEST_DIR/demo.txt" ||
	fail "--speed 20: not the issue's 40 drift warnings before: $(grep drift-warning "$TEST_DIR/demo.txt")"

# Bad options are refused by name, with status 2.
for bad in "--minutes 0" "--minutes 10x" "--speed 0" "--speed" "--frobnicate" \
    "--before --after"; do
	# shellcheck disable=SC2086
	run bad $bad
	[ "$rc" = 2 ] || fail "$bad: exit $rc, not 2"
	grep -q -e '--\(minutes\|speed\|before\)\|usage' "$TEST_DIR/bad.txt" ||
		fail "$bad: $(cat "$TEST_DIR/bad.txt")"
done
exit 0
