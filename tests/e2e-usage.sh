#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# foh --help's usage line is whole: every option of foh's getopt table
# (src/foh.c's longopts, read from the source) is in the synopsis at the
# top, by its short letter or its long name, and in foh(1)'s SYNOPSIS too;
# and the key summary at the end names the habits (sort, filter, pause).
. "${top_srcdir:-.}/tests/lib.sh"

src="$top_srcdir/src/foh.c"
man="$top_srcdir/man/foh.1"
"$FOH" --help >"$TEST_DIR/help" 2>"$TEST_DIR/err" || fail "foh --help: status $?"
# The synopsis: from "usage: foh" to the one-shot commands' line.
sed -n '1,/^ *foh ack/p' "$TEST_DIR/help" | sed '$d' >"$TEST_DIR/usage"
grep -q "^usage: foh " "$TEST_DIR/usage" || { cat "$TEST_DIR/help" >&2; fail "no usage line"; }
# The man page's first synopsis: from .Sh SYNOPSIS to the second .Nm.
awk '/^\.Sh SYNOPSIS/ { on = 1; next } on && /^\.Nm/ { n++; if (n == 2) exit }
    on { print }' "$man" >"$TEST_DIR/synopsis"
[ -s "$TEST_DIR/synopsis" ] || fail "no SYNOPSIS in foh.1"
# The short options getopt_long takes.
shorts=$(sed -n 's/.*getopt_long(argc, argv, "\([^"]*\)".*/\1/p' "$src" | tr -d :)
[ -n "$shorts" ] || fail "no getopt_long call in $src"

# LONG SHORT for each entry of main's longopts.
awk '/longopts\[\] = \{/ { on = 1; next } on && /\};/ { exit }
    on && /\{ *"/ { l = $0; sub(/^[^"]*"/, "", l); sub(/".*/, "", l)
	n = split($0, q, "'\''"); print l, (n >= 3 ? q[2] : "-") }' \
    "$src" >"$TEST_DIR/opts"
[ "$(wc -l <"$TEST_DIR/opts")" -gt 10 ] || fail "longopts not read from $src"

n=0
while read -r long short; do
	case "$shorts" in
	*"$short"*) has_short=1 ;;
	*) has_short=0 ;;
	esac
	# The usage: --long, or -X inside a bracket of letters or alone.
	if grep -q -- "--$long\\([^a-z-]\\|$\\)" "$TEST_DIR/usage"; then
		:
	elif [ $has_short = 1 ] &&
	    grep -Eq -- "\\[-[a-zA-Z]*$short[a-zA-Z]*[] []|\\[-$short\\[" "$TEST_DIR/usage"; then
		:
	else
		cat "$TEST_DIR/usage" >&2
		fail "the usage line does not name --$long"
	fi
	# The man page: Fl \-long, or the letter among Fl's letters.
	if grep -q -- "Fl \\\\-$long\\( \\|$\\)" "$TEST_DIR/synopsis"; then
		:
	elif [ $has_short = 1 ] &&
	    grep -Eq -- "^\\.Op Fl [a-zA-Z]*$short[a-zA-Z]*( |$)" "$TEST_DIR/synopsis"; then
		:
	else
		cat "$TEST_DIR/synopsis" >&2
		fail "foh.1's SYNOPSIS does not name --$long"
	fi
	n=$((n + 1))
done <"$TEST_DIR/opts"
echo "ok: the usage line and foh.1's SYNOPSIS name all $n options"

for k in "< > sort" "/ filter" "p pause" "q quit"; do
	grep -qF -- "$k" "$TEST_DIR/help" || fail "--help's keys do not say \"$k\""
done
echo "ok: --help's key summary names sort, filter, pause and quit"
