#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The bell: a wall console (foh --kiosk, so bell = critical) on a real
# pseudo-terminal rings once per new unattended critical and never for the
# rest (tests/bell_pty.py, against a real fohd fed through its ingest);
# --bell no and a desk console's default ring never; foh.conf's bell = all
# rings for warnings too; a bad --bell or foh.conf bell is refused, naming
# what and where.
. "${top_srcdir:-.}/tests/lib.sh"
need "$DEBIAN_PYTHON3"

# Bad modes first: the option and the config key.
"$FOH" --bell loud tcp://127.0.0.1:9 >"$TEST_DIR/out" 2>"$TEST_DIR/err"
rc=$?
[ $rc = 64 ] || fail "--bell loud: exit $rc, want 64"
grep -q "foh: --bell: 'loud' is not no, critical or all" "$TEST_DIR/err" ||
    { cat "$TEST_DIR/err" >&2; fail "--bell loud: no clear error"; }
printf '[console]\nfps = 4\nbell = Critical\n' >"$TEST_DIR/foh.conf"
"$FOH" -c "$TEST_DIR/foh.conf" tcp://127.0.0.1:9 >"$TEST_DIR/out" 2>"$TEST_DIR/err"
rc=$?
[ $rc = 78 ] || fail "bell = Critical: exit $rc, want 78"
grep -q "foh.conf:3: bell \"Critical\" must be no, critical or all" "$TEST_DIR/err" ||
    { cat "$TEST_DIR/err" >&2; fail "bell = Critical: no file:line error"; }
echo "ok: refused: $(cat "$TEST_DIR/err")"

club_names
# Without the club's amplifier: it would go offline (nothing feeds its
# heartbeat) in a slow run and raise an alert the counts do not expect.
club_conf "$TEST_DIR/club.db" |
    awk '/^\[/ { skip = /^\[device / } !skip' >"$conf"
fohd_start
printf '[console]\nbell = all\n' >"$TEST_DIR/all.conf"
$py "$top_srcdir/tests/bell_pty.py" "$FOH" "$stream" "$ws" \
    "$TEST_DIR/all.conf" ||
    fail "the bell on a pty"
