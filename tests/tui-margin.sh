#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# An alert from an agent that predates `margin` (PROTOCOL.md 6.7) shows
# its margin as value - threshold in the why-pane, not "margin 0.00". The
# agent is an outside publisher: nngcat --pub with a message built from
# PROTOCOL.md by Debian's python3-msgpack.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3" "$NNGCAT"

"$DEBIAN_PYTHON3" - "$TEST_DIR/alert.bin" <<'EOP' || fail "cannot build the message"
import msgpack, sys, time
now = int(time.time() * 1000)
body = {"v": 1, "venue": "old", "seq": 1, "epoch": now - 1000, "ts": now,
        "kind": "alert", "id": 5, "rule": "floor-crush", "subject": "floor",
        "severity": "critical", "state": "firing",
        "title": "Floor density 6.4 p/m2", "value": 6.4, "threshold": 4.0,
        "since": now - 500, "unit": "p/m2"}
open(sys.argv[1], "wb").write(b"foh/old/alert\0" + msgpack.packb(body))
EOP
"$NNGCAT" --pub --listen "ipc://$TEST_DIR/old.pub" --file "$TEST_DIR/alert.bin" \
    --interval 1 >/dev/null 2>&1 &
track $!
tm_start 120 40 "LANG=C.UTF-8 $FOH ipc://$TEST_DIR/old.pub"
wait_until 10 screen_has "old" || { tm_dump; fail "no venue"; }
tm send-keys -t t 2
wait_until 10 screen_has "Floor density 6.4" || { tm_dump; fail "no alert"; }
tm send-keys -t t Enter
wait_until 10 screen_has "vs threshold" || { tm_dump; fail "no why-pane"; }
screen_has "(margin +2.40" || { tm_dump; fail "the margin is not value - threshold"; }
echo "ok: an alert without margin shows $(tm_screen | grep -o '(margin [^)]*)' | head -n 1)"
tm_quit
wait_until 5 tm_exited || fail "foh did not quit"
