#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# man-lint.sh: the man pages are clean mdoc, and each documents every long
# option its program's --help prints.
#
# Run by make check with top_srcdir, MANDOC, FOH, FOHD and FOH_SIM in the
# environment. MANDOC empty (configure found no mandoc) skips the test: exit
# 77. FOH, FOHD, FOH_SIM or FOH_COUNT empty skips that program's option
# check (for runs by hand). Subcommands' --help (foh ack, fohd history,
# fohd record, fohd report) are checked too.

top_srcdir=${top_srcdir:-.}
MANDOC=${MANDOC:-}
FOH=${FOH:-}
FOHD=${FOHD:-}
FOH_SIM=${FOH_SIM:-}
FOH_COUNT=${FOH_COUNT:-}	# issue 16: foh-count
man=$top_srcdir/man
fail=0

if [ -z "$MANDOC" ]; then
	echo "man-lint: SKIP: mandoc not found"
	exit 77
fi

# lint PAGE: mandoc -Tlint -W warning must say nothing and exit 0.
lint() {
	page=$1
	if [ ! -f "$man/$page" ]; then
		echo "FAIL: $page: no such file in $man"
		fail=1
		return
	fi
	out=$("$MANDOC" -Tlint -W warning "$man/$page" 2>&1)
	rc=$?
	if [ "$rc" -ne 0 ] || [ -n "$out" ]; then
		echo "FAIL: $page: mandoc -Tlint -W warning (status $rc):"
		printf '%s\n' "$out"
		fail=1
	else
		echo "ok: $page: mandoc -Tlint -W warning is clean"
	fi
}

# options PROG BINARY PAGE [SUBCOMMAND]: every --word of "BINARY
# [SUBCOMMAND] --help" is in PAGE, written as ".Fl \-word" (or "Fl -word")
# or "\-\-word", its inner dashes as "-" or "\-".
options() {
	prog=$1${4:+ $4}
	bin=$2
	page=$3
	sub=${4:-}
	if [ -z "$bin" ]; then
		echo "skip: $page: options not checked (no $prog binary given)"
		return
	fi
	if [ ! -x "$bin" ]; then
		echo "FAIL: $page: $bin is not an executable"
		fail=1
		return
	fi
	if ! help=$("$bin" $sub --help 2>&1); then
		echo "FAIL: $page: $prog --help failed:"
		printf '%s\n' "$help"
		fail=1
		return
	fi
	opts=$(printf '%s\n' "$help" | tr -cs 'a-z-' '\n' |
	    grep -E '^--[a-z][a-z-]*$' | sort -u)
	if [ -z "$opts" ]; then
		echo "FAIL: $page: $prog --help lists no long options"
		fail=1
		return
	fi
	missing=
	n=0
	for opt in $opts; do
		word=$(printf '%s' "${opt#--}" | sed 's/-/\\\\?-/g')
		n=$((n + 1))
		if ! grep -Eq "(Fl \\\\?-|\\\\-\\\\-)$word([^a-z-]|\$)" \
		    "$man/$page"; then
			missing="$missing $opt"
		fi
	done
	if [ -n "$missing" ]; then
		echo "FAIL: $page: not documented:$missing"
		fail=1
	else
		echo "ok: $page: documents all $n long options of $prog --help"
	fi
}

lint foh.1
lint foh-sim.1
lint foh.conf.5
lint fohd.8
lint fohd.conf.5
lint foh-count.1	# issue 16
if [ -f "$man/foh.1" ]; then
	options foh "$FOH" foh.1
	options foh "$FOH" foh.1 ack
fi
if [ -f "$man/fohd.8" ]; then
	options fohd "$FOHD" fohd.8
	options fohd "$FOHD" fohd.8 history
	options fohd "$FOHD" fohd.8 record	# drills (issue 15)
	options fohd "$FOHD" fohd.8 report	# issue 15
fi
if [ -f "$man/foh-sim.1" ]; then
	options foh-sim "$FOH_SIM" foh-sim.1
fi
# Issue 16: foh-count, a script: checked when FOH_COUNT is given.
if [ -f "$man/foh-count.1" ]; then
	options foh-count "$FOH_COUNT" foh-count.1
fi

exit "$fail"
