#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# foh-count's units (tests/count_check.py): zones, intervals, nms, ONNX
# detectors (tiny models in each supported layout), config errors (exit
# 78 naming file, line, section and key) and no image written anywhere.
# Skips without Debian's python3-opencv.
. "${top_srcdir:-.}/tests/lib.sh"
need "$DEBIAN_PYTHON3"
if ! "$DEBIAN_PYTHON3" -c 'import cv2' 2>/dev/null; then
	echo "SKIP: $TEST_NAME: needs Debian's python3-opencv (./bootstrap check)" >&2
	exit 77
fi
"$DEBIAN_PYTHON3" "$top_srcdir/tests/count_check.py" \
    "$top_srcdir/src/foh-count.in" "${FOH_COUNT:-$top_builddir/foh-count}" \
    "$TEST_DIR" || fail "see above"
