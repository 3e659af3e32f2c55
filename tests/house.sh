#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# house.sh: the habits of the house, checked.
#
#  1. Every source file carries `SPDX-License-Identifier: ISC` in its first
#     4 lines. Source files: *.c *.h *.sh *.py, Makefile.am, configure.ac,
#     bootstrap, .ci/run, the man pages (man/*.[1-8]) and
#     conf/fohd.service.in.
#  2. No .c or .h file is over 800 lines.
#  3. README.md's layout table ("## Layout of the source": the first cell of
#     each row, folders written `like/this/`) names every folder that holds
#     files. The rule: a file's folder is cut to its first component, or to
#     its first two when it is under src/, ui/ or tests/; the cut folder must
#     be named. So src/core/band.c needs `src/core/`, ui/view-help.c `ui/`,
#     tests/golden/80x24/help.txt `tests/golden/`,
#     tests/fuzz/regress/codec/x.bin `tests/fuzz/`, man/foh.1 `man/`.
#     Files at the top (README.md, configure.ac) need nothing. The table
#     names no other folder (one removed, or deeper than the cut): checked
#     in a git checkout only, as a tarball need not carry every folder.
#
# The files are the tracked ones (git ls-files) when top_srcdir is the top
# of a git checkout. From a dist tarball (make distcheck) there is no git:
# the files found under top_srcdir are checked instead, leaving out build
# trees (folders holding config.status), autom4te.cache and build-aux, and
# it says so.
. "${top_srcdir:-.}/tests/lib.sh"

cd "$top_srcdir" || fail "cannot cd to $top_srcdir"
list=$TEST_DIR/files
top=$(git rev-parse --show-toplevel 2>/dev/null || true)
if [ -n "$top" ] && [ "$(cd "$top" && pwd -P)" = "$(pwd -P)" ]; then
	git ls-files >"$list" || fail "git ls-files failed"
	mode=git
	echo "house: checking the files git tracks in $(pwd)"
else
	# Not a checkout (or one that only contains this tree, as distcheck's
	# unpacked tarball inside a build tree): list the tree.
	find . \( -name .git -o -name autom4te.cache -o -name build-aux \
	    -o -exec test -f '{}/config.status' ';' \) -prune \
	    -o -type f -print | sed 's|^\./||' | sort >"$list"
	mode=tree
	echo "house: $(pwd) is not a git checkout (a dist tarball?):" \
	    "checking the $(wc -l <"$list") files found in it instead"
fi
[ -s "$list" ] || fail "no files found in $(pwd)"
bad=0

# 1. The licence line.
n=0
while IFS= read -r f; do
	case $f in
	*.c | *.h | *.sh | *.py | Makefile.am | */Makefile.am | configure.ac | \
	    bootstrap | .ci/run | man/*.[1-8] | conf/fohd.service.in) ;;
	*) continue ;;
	esac
	[ -f "$f" ] || continue
	n=$((n + 1))
	if ! head -n 4 "$f" | grep -q 'SPDX-License-Identifier: ISC'; then
		echo "FAIL: $f: no 'SPDX-License-Identifier: ISC' in its first 4 lines"
		bad=1
	fi
done <"$list"
[ "$n" -gt 0 ] || fail "no source files among the files listed"
echo "house: $n source files checked for their licence line"

# 2. The length of .c and .h files.
n=0
while IFS= read -r f; do
	case $f in
	*.c | *.h) ;;
	*) continue ;;
	esac
	[ -f "$f" ] || continue
	n=$((n + 1))
	lines=$(wc -l <"$f")
	if [ "$lines" -gt 800 ]; then
		echo "FAIL: $f: $lines lines, over 800"
		bad=1
	fi
done <"$list"
echo "house: $n .c and .h files checked for length"

# 3. The README's layout table.
named=$TEST_DIR/named
awk '/^## /{ in_t = ($0 ~ /^## Layout of the source/) }
    in_t && /^\|/ { split($0, cell, "|"); print cell[2] }' README.md |
    grep -o '`[^`]*/`' | tr -d '`' | sed 's|/$||' | sort -u >"$named"
[ -s "$named" ] || fail "README.md: no layout table under '## Layout of the source'"
needed=$TEST_DIR/needed
sed -n 's|/[^/]*$||p' "$list" |
    awk -F/ '($1 == "src" || $1 == "ui" || $1 == "tests") && NF > 1 {
	    print $1 "/" $2; next } { print $1 }' | sort -u >"$needed"
missing=$(comm -23 "$needed" "$named")
for d in $missing; do
	echo "FAIL: README.md: the layout table does not name \`$d/\`"
	bad=1
done
# And names no folder that is gone (or that the rule above cuts away). Only
# in a checkout: a tarball need not carry every folder.
if [ "$mode" = git ]; then
	for d in $(comm -13 "$needed" "$named"); do
		echo "FAIL: README.md: the layout table names \`$d/\`," \
		    "which holds no tracked files"
		bad=1
	done
else
	echo "house: not checked from a tarball: that every folder the" \
	    "table names holds files"
fi
echo "house: $(wc -l <"$needed") folders checked against README.md's layout table"

[ "$bad" -eq 0 ] || fail "the house is not in order (see above)"
echo "ok: licence lines, file lengths and the layout table"
