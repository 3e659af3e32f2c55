#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fuzz-smoke.sh: a short run of every libFuzzer target (make fuzz), over its
# seeds and its committed regression inputs (tests/fuzz/regress/TARGET/,
# each a past finding that must stay fixed), with ASan and UBSan armed.
#
# Each target first replays every seed and regression input once, then
# mutates for FUZZ_SMOKE_SECONDS (default 8): about 80 s for all nine on
# two cores. Skipped (77) when configure found no clang with libFuzzer: the
# reason is the FUZZ_MISSING line of the Makefile.
. "${top_srcdir:-.}/tests/lib.sh"

fuzzdir=$top_builddir/tests/fuzz
seconds=${FUZZ_SMOKE_SECONDS:-8}
targets="codec ingest-json ingest-msgpack vconf cconf theme scenario replay sshsig"

missing=$(sed -n 's/^FUZZ_MISSING = //p' "$top_builddir/Makefile")
if [ -n "$missing" ]; then
	echo "SKIP: $TEST_NAME: $missing" >&2
	exit 77
fi
for t in $targets; do
	[ -x "$fuzzdir/fuzz-$t" ] && [ -d "$fuzzdir/seeds/$t" ] ||
	    fail "tests/fuzz/fuzz-$t or its seeds not built (make fuzz)"
done

for t in $targets; do
	corpus=$TEST_DIR/$t
	mkdir -p "$corpus"
	regress=$top_srcdir/tests/fuzz/regress/$t
	dirs="$fuzzdir/seeds/$t"
	[ -d "$regress" ] && dirs="$dirs $regress"
	# Every regression input on its own first: a named failure.
	if [ -d "$regress" ]; then
		for f in "$regress"/*; do
			[ -f "$f" ] || continue
			"$fuzzdir/fuzz-$t" "$f" >"$TEST_DIR/$t.regress.log" 2>&1 ||
			    { cat "$TEST_DIR/$t.regress.log" >&2
			      fail "$t: regression input $f fails again"; }
		done
	fi
	# shellcheck disable=SC2086
	if ! "$fuzzdir/fuzz-$t" -max_total_time="$seconds" -timeout=10 \
	    -rss_limit_mb=2048 -dict="$top_srcdir/tests/fuzz/$t.dict" \
	    -artifact_prefix="$TEST_DIR/$t-" -print_final_stats=1 \
	    "$corpus" $dirs >"$TEST_DIR/$t.log" 2>&1; then
		tail -n 60 "$TEST_DIR/$t.log" >&2
		for a in "$TEST_DIR/$t"-*; do
			[ -f "$a" ] || continue
			mkdir -p "$top_builddir/tests/fuzz/findings"
			cp "$a" "$top_builddir/tests/fuzz/findings/"
			echo "kept $top_builddir/tests/fuzz/findings/$(basename "$a")" >&2
		done
		fail "$t: libFuzzer found a crash, leak or UBSan report"
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$TEST_DIR/$t.log")
	cov=$(grep -o 'cov: [0-9]*' "$TEST_DIR/$t.log" | tail -n 1)
	echo "ok: fuzz-$t: ${runs:-?} runs in ${seconds}s, $cov"
done
