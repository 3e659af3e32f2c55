# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# tests/lib.sh: shared by the end-to-end and terminal tests.
# Sourced by POSIX sh scripts run from `make check`; automake exports FOH,
# FOHD, NNGCAT, TMUX_BIN, DEBIAN_PYTHON3, top_srcdir and top_builddir.
# Nothing here sleeps to synchronise: tests poll for a condition with a
# deadline (wait_until), checking every 50 ms.

set -u

TEST_NAME=$(basename "$0" .sh)
TEST_DIR=$(mktemp -d "${TMPDIR:-/tmp}/foh-$TEST_NAME.XXXXXX")
TMUX_SOCK="foh-$TEST_NAME-$$"
CLEANUP_PIDS=""

# Say why and stop with status 1.
fail() {
	echo "FAIL: $TEST_NAME: $*" >&2
	exit 1
}

# Skip (automake's 77) when an outside tool is missing.
need() {
	for t in "$@"; do
		[ -n "$t" ] && command -v "$t" >/dev/null 2>&1 || {
			echo "SKIP: $TEST_NAME: needs $t" >&2
			exit 77
		}
	done
}

# Milliseconds now, monotonic enough for deadlines.
now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# wait_until SECONDS CMD...: run CMD every 50 ms until it succeeds; 1 on
# timeout.
wait_until() {
	_limit=$(( $(now_ms) + $1 * 1000 ))
	shift
	while ! "$@"; do
		[ "$(now_ms)" -ge "$_limit" ] && return 1
		sleep 0.05
	done
	return 0
}

# Remember a background process to stop at exit.
track() {
	CLEANUP_PIDS="$CLEANUP_PIDS $1"
}

cleanup() {
	for p in $CLEANUP_PIDS; do
		kill -CONT "$p" 2>/dev/null
		kill "$p" 2>/dev/null
	done
	"${TMUX_BIN:-tmux}" -L "$TMUX_SOCK" kill-server 2>/dev/null
	rm -rf "$TEST_DIR"
}
trap cleanup EXIT INT TERM

# tmux on this test's private socket.
tm() {
	"$TMUX_BIN" -L "$TMUX_SOCK" -f /dev/null "$@"
}

# Start CMD in a detached tmux session of W x H; its exit status lands in
# $TEST_DIR/status.
tm_start() {
	_w=$1 _h=$2
	shift 2
	rm -f "$TEST_DIR/status"
	tm new-session -d -x "$_w" -y "$_h" -s t \
	    "$* 2>$TEST_DIR/stderr; echo \$? >$TEST_DIR/status"
}

# The pane's text now.
tm_screen() {
	tm capture-pane -p -t t 2>/dev/null
}

# Does the screen show every one of the given fixed strings?
screen_has() {
	_s=$(tm_screen)
	for _w in "$@"; do
		case "$_s" in
		*"$_w"*) ;;
		*) return 1 ;;
		esac
	done
	return 0
}

# Has the command in tmux exited?
tm_exited() {
	[ -s "$TEST_DIR/status" ]
}

# Print the screen and the program's stderr, for a failure report.
tm_dump() {
	echo "--- screen ---" >&2
	tm_screen >&2
	echo "--- stderr ---" >&2
	cat "$TEST_DIR/stderr" >&2 2>/dev/null
}

# Print the club venue's config with what the control tests share: ingest
# on a loopback port of the kernel's choosing with no simulator, the
# journal at $1, and operator ana (this user, every right). A test appends
# its own sections after it.
club_conf() {
	cat "$top_srcdir/conf/club.conf"
	cat <<EOC
[ingest]
listen = 127.0.0.1:0
loopback_only = yes
simulate = no
[journal]
path = $1
[operator ana]
uid = $(id -u)
rights = all
EOC
}
