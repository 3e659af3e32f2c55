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
"$py" "$top_srcdir/tests/layering.py" "$top_srcdir" "$top_builddir" ||
    fail "the layers are not one way down (see above)"
