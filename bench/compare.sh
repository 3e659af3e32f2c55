#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# compare.sh: every benchmark against two builds back to back, in one run,
# and a table of each figure on both with the change.
#
#   bench/compare.sh [bench-all options] BASE_BUILD NEW_BUILD
#
# BASE_BUILD and NEW_BUILD are configured build directories (e.g. the tree
# before a change, built in its own worktree, and the tree after). Builds
# what the benchmarks need in each (make -j2, one after the other), says
# the date, the machine and its load, then runs bench/bench-all.py on both:
# each benchmark on BASE then NEW (NEW then BASE in the next round). Options
# go to bench-all.py: --rounds N (medians of N), --only fohd,alert,
# --noise PCT, --quick. The whole output is also kept in
# NEW_BUILD/bench-compare.log.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
py=${DEBIAN_PYTHON3:-/usr/bin/python3}
usage() {
	echo "usage: compare.sh [--rounds N] [--only LIST] [--noise PCT]" \
	    "[--quick] BASE_BUILD NEW_BUILD" >&2
	exit 2
}
opts=
while [ $# -gt 2 ]; do
	case $1 in
	--rounds|--only|--noise) [ $# -gt 3 ] || usage
		opts="$opts $1 $2"; shift 2 ;;
	--quick) opts="$opts $1"; shift ;;
	*) usage ;;
	esac
done
[ $# -eq 2 ] || usage
base=$1 new=$2
for b in "$base" "$new"; do
	[ -f "$b/Makefile" ] || { echo "compare.sh: $b: not a configured" \
	    "build directory (no Makefile)" >&2; exit 2; }
done
for b in "$base" "$new"; do
	echo "== building the benchmarks' programs in $b"
	make -C "$b" -j2 fohd foh tests/server-harness bench/bench-ingest \
	    bench/bench-noise >/dev/null
done
log=$new/bench-compare.log
rm -f "$log.status"
{
	echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cpus," \
	    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | sort -u)"
	echo "== load: $(cat /proc/loadavg)"
	for b in "$base" "$new"; do
		s=$(sed -n 's/^abs_top_srcdir = //p' "$b/Makefile")
		case $s in /*) ;; *) s=$b/$s ;; esac
		c=$(git -C "$s" log -1 --format='%h %s' 2>/dev/null ||
		    echo 'not a git tree')
		if git -C "$s" status --porcelain --untracked-files=no \
		    2>/dev/null | grep -q .; then
			c="$c (and uncommitted changes)"
		fi
		echo "== $b: $c"
	done
	# shellcheck disable=SC2086
	"$py" "$here/bench-all.py" $opts "$base" "$new" ||
		echo $? >"$log.status"
	echo "== load at the end: $(cat /proc/loadavg)"
} 2>&1 | tee "$log"
if [ -f "$log.status" ]; then
	rc=$(cat "$log.status")
	rm -f "$log.status"
	exit "$rc"
fi
