#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fohd report's HTML as a browser sees it: Debian's headless Chromium
# renders the fixture night's report (tests/report-lib.sh) to a PNG and
# prints it to PDF. The HTML parses with every element closed in order
# and nothing to run or fetch, and has one svg.chart per zone and gate
# plus the alert timeline; the screenshot is not blank and shows as many
# chart frames (the one colour only frames have); the PDF has pages.
# tests/report_check.py judges all three with the standard library.
# Skipped (77) only when chromium is absent (./bootstrap check installs it).
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/report-lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
need "$CHROMIUM"	# the one reason to skip
command -v "${DEBIAN_PYTHON3:-}" >/dev/null || fail "no python3 to judge the output"
check="$DEBIAN_PYTHON3 $top_srcdir/tests/report_check.py"

report_fixture
"$FOHD" report -c "$REPORT_CONF" --from "$REPORT_FROM" --to 2023-11-14T22:20:00Z \
    -o "$TEST_DIR/night.html" || fail "fohd report failed"
charts=5	# 3 zones, 1 gate, the timeline
$check html "$TEST_DIR/night.html" $charts || fail "the HTML"

# Chromium keeps its profile, crash reports and caches in the test's
# directory; headless, one process tree, bounded by timeout.
chrome() {
	HOME=$TEST_DIR timeout 120 "$CHROMIUM" --headless --no-sandbox \
	    --disable-gpu --no-first-run --disable-extensions \
	    --user-data-dir="$TEST_DIR/chromium" --hide-scrollbars \
	    --force-device-scale-factor=1 "$@" \
	    "file://$TEST_DIR/night.html" >>"$TEST_DIR/chromium.log" 2>&1
}
# A4 at 150 dpi is 1240 wide; tall enough for the whole page.
chrome --screenshot="$TEST_DIR/night.png" --window-size=1240,5000 ||
	{ tail -n 20 "$TEST_DIR/chromium.log" >&2; fail "no screenshot"; }
$check png "$TEST_DIR/night.png" $charts || fail "the screenshot"
chrome --no-pdf-header-footer --print-to-pdf="$TEST_DIR/night.pdf" ||
	{ tail -n 20 "$TEST_DIR/chromium.log" >&2; fail "no PDF"; }
$check pdf "$TEST_DIR/night.pdf" || fail "the PDF"

# A drill's report: the DRILL mark, and it renders as well.
"$FOHD" report -c "$REPORT_CONF" --from "$REPORT_FROM" --to "$REPORT_TO" \
    --drill -o "$TEST_DIR/night.html" || fail "fohd report --drill failed"
grep -q 'id="drill"' "$TEST_DIR/night.html" || fail "no DRILL mark"
$check html "$TEST_DIR/night.html" $charts || fail "the drill's HTML"
chrome --screenshot="$TEST_DIR/night.png" --window-size=1240,5000 ||
	fail "no screenshot of the drill's report"
$check png "$TEST_DIR/night.png" $charts || fail "the drill's screenshot"
echo "ok: the report renders in $("$CHROMIUM" --version 2>/dev/null)"
