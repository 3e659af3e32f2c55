#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# PROTOCOL.md's worked examples are what the codec really encodes.
. "${top_srcdir:-.}/tests/lib.sh"
"$top_builddir/tests/proto-examples" --check "$top_srcdir/proto/PROTOCOL.md" ||
    fail "proto/PROTOCOL.md examples differ from the codec's output"
echo "ok: every worked example in PROTOCOL.md matches the codec"
