#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# layering.sh: one way down and no circles (doc/ARCHITECTURE.md).
#
# Every file of proto/, src/ and ui/ sits in a layer, by its folder:
#   proto < src/lib < src/core < src/net < src/agent < src/sim
#   < src/console < ui < the mains (src/*.c)
# tests/layering.py reads the built objects' symbols (nm) and the sources'
# `#include "..."` lines and fails, naming files and symbols or includes, on
# an edge from a lower layer to a higher one, or on a cycle between files
# (of any folders) in the object graph.
#
# Run by make check from the build tree, with top_srcdir and top_builddir
# in the environment (by hand: top_srcdir=.. top_builddir=. sh
# ../tests/layering.sh from _build). Needs nm and Debian's python3.
. "${top_srcdir:-.}/tests/lib.sh"

py=${DEBIAN_PYTHON3:-python3}
need nm "$py"

# First the checker itself, on a tiny tree of its own: three layers one way
# down must pass; an upward call and include, then a cycle, must fail and be
# named. Needs a C compiler (cc, or $CC); without one this part is skipped.
cc=${CC:-cc}
if command -v "$cc" >/dev/null 2>&1; then
	t=$TEST_DIR/tree
	mkdir -p "$t/proto" "$t/src/core" "$t/ui"
	printf 'int p_one(void) { return 1; }\n' >"$t/proto/p.c"
	printf '#include "proto/p.h"\nint p_one(void);\n' >"$t/src/core/c.c"
	printf 'int c_two(void) { return p_one() + 1; }\n' >>"$t/src/core/c.c"
	printf 'int p_one(void);\n' >"$t/proto/p.h"
	printf 'int c_two(void);\nint u_three(void) { return c_two() + 1; }\n' \
	    >"$t/ui/u.c"
	# u.c's object is named as automake names a per-target one.
	build() {
		"$cc" -c -o "$t/proto/p.o" "$t/proto/p.c" &&
		"$cc" -c -I"$t" -o "$t/src/core/c.o" "$t/src/core/c.c" &&
		"$cc" -c -o "$t/ui/libx_a-u.o" "$t/ui/u.c"
	}
	build || fail "self-test: cannot compile the tiny tree with $cc"
	"$py" "$top_srcdir/tests/layering.py" "$t" "$t" >"$TEST_DIR/out" ||
	    { cat "$TEST_DIR/out"; fail "self-test: a clean tree fails"; }
	# core calls ui, and includes its header: upward twice, and a cycle.
	printf 'int u_three(void);\n' >"$t/ui/u.h"
	printf '#include "ui/u.h"\nint c_back(void) { return u_three(); }\n' \
	    >>"$t/src/core/c.c"
	printf 'int c_back(void);\nint u_four(void) { return c_back(); }\n' \
	    >>"$t/ui/u.c"
	build || fail "self-test: cannot compile the tiny tree with $cc"
	"$py" "$top_srcdir/tests/layering.py" "$t" "$t" >"$TEST_DIR/out" &&
	    fail "self-test: an upward call passes"
	for want in 'upward include: src/core/c.c:4: #include "ui/u.h"' \
	    'upward call: src/core/c.c \[src/core\] -> ui/u.c \[ui\]: u_three' \
	    'cycle of 2 files: src/core/c.c ui/u.c'; do
		grep -q "$want" "$TEST_DIR/out" ||
		    { cat "$TEST_DIR/out"; fail "self-test: no '$want'"; }
	done
	echo "ok: self-test: a clean tree passes; an upward call, an upward" \
	    "include and a cycle are named"
else
	echo "skip: self-test: no C compiler ($cc)"
fi

# Then the real tree.
"$py" "$top_srcdir/tests/layering.py" "$top_srcdir" "$top_builddir" ||
    fail "the layers are not one way down (see above)"
