#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The remote seat, all of issue 12 at once: a fohd whose stream and control
# listen on tls+tcp:// with [tls] clients = required and [control] tcp =
# signed; a console in a real terminal (tmux) dialling it with a CA, its
# own certificate and key, and signing through a real ssh-agent (as a
# manager on a jump host does with ssh -A). The console:
#   - shows the venue live over TLS;
#   - acknowledges the crush alert (signed), then unacknowledges it and
#     acknowledges it again in the same session: each done once;
#   - the journal names the key (SHA256:... as ssh-keygen -l prints it)
#     and the transport tls+tcp for each, and the why-pane says
#     "by ana (SHA256:...)";
# and the same console without its certificate is not let in.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN" "$DEBIAN_PYTHON3"
need_websockets
. "$top_srcdir/tests/tls-lib.sh"
. "$top_srcdir/tests/sign-lib.sh"

mkca ca
mkcert venue ca localhost
mkcert console ca console
make_key ana
agent_start
agent_add ana
fp=$(fingerprint ana)
echo "ok: a CA, venue and console certificates (openssl); ana's key $fp in a private ssh-agent"

club_names
p=$(free_pair)
stream="tls+tcp://localhost:$p"
control="tls+tcp://localhost:$((p + 1))"
{
	sed -e "s#^stream = .*#stream = $stream#" \
	    -e "s#^control = .*#control = $control#" \
	    "$top_srcdir/conf/club.conf"
	conf_ingest
	printf '[journal]\npath = %s\n' "$TEST_DIR/club.db"
	printf '[tls]\ncert = %s\nkey = %s\nca = %s\nclients = required\n' \
	    "$c/venue.pem" "$c/venue.key" "$c/ca.pem"
	printf '[control]\ntcp = signed\n'
	printf '[operator ana]\nrights = all\nkey = %s\n' "$(cat "$KEYS/ana.pub")"
} >"$conf"
fohd_run "$FOHD" -c "$conf"

tls="--ca $c/ca.pem --cert $c/console.pem --key $c/console.key"
tm_start 120 40 "env LANG=C.UTF-8 SSH_AUTH_SOCK=$SSH_AUTH_SOCK" \
    "$FOH --operator ana $tls $stream"
wait_until 15 screen_has "Basement Club" "LIVE" || { tm_dump; fail "no live venue over tls+tcp"; }
tm send-keys -t t 5
wait_until 5 screen_has "signing as $fp (ssh-agent)" ||
    { tm_dump; fail "the diagnostics do not name the signing key"; }
echo "ok: the console is live over tls+tcp with its certificate and signs as $fp"

# A crush on the dance floor, held past the rule's 10 s.
$client send "$ws" "" "$(held_counts dance 900)" >/dev/null || fail "readings"
tm send-keys -t t 2
wait_until 15 screen_has "CRIT" "FIRING" "Dance floor" || { tm_dump; fail "no alert"; }

# rows OP: the journal's OP rows by ana's key over tls+tcp.
rows() {
	"$FOHD" history -c "$conf" --format jsonl |
	    grep "\"op\": *\"$1\"" | grep -F "$fp" | grep -c 'tls+tcp'
}

tm send-keys -t t a
wait_until 5 keyline_has "comment:" || { tm_dump; fail "no comment prompt"; }
ack_answers "over the WAN, signed"
wait_until 10 answered ack ": done" || { tm_dump; fail "the signed ack over TLS was not done"; }
tm send-keys -t t u
wait_until 10 answered unack ": done" || { tm_dump; fail "the second request (unack) was not done"; }
tm send-keys -t t a
wait_until 5 keyline_has "comment:" || { tm_dump; fail "no comment prompt the second time"; }
ack_answers "again, signed"
wait_until 10 answered ack ": done" || { tm_dump; fail "the third request (ack) was not done"; }
[ "$(rows ack)" = 2 ] && [ "$(rows unack)" = 1 ] || {
	"$FOHD" history -c "$conf" --format jsonl >&2
	fail "want 2 acks and 1 unack by $fp over tls+tcp in the journal"
}
echo "ok: ack, unack, ack in one session over tls+tcp, each done once; the journal names $fp and tls+tcp"
tm send-keys -t t Enter
wait_until 10 screen_has "History:" "by ana (SHA256:" ||
    { tm_dump; fail "the why-pane does not say by ana (SHA256:...)"; }
echo "ok: the why-pane says $(tm_screen | grep -o 'by ana (SHA256:[^)]*)' | head -n 1)"
tm send-keys -t t Escape
tm_quit
wait_until 5 tm_exited || fail "foh did not quit"

# Without its certificate the console is not let in (clients = required).
tm_start 120 40 "env LANG=C.UTF-8" "$FOH --operator ana --ca $c/ca.pem $stream"
tm send-keys -t t 5
wait_until 15 screen_has "TLS handshake failed" ||
    { tm_dump; fail "a console without a certificate: no 'TLS handshake failed'"; }
screen_has "0 live" "1 connecting" || { tm_dump; fail "a console without a certificate is live"; }
kill -0 "$pid" || fail "fohd died"
echo "ok: the console without its certificate is refused (TLS handshake failed); fohd serves on"
tm_quit
wait_until 5 tm_exited || fail "foh did not quit"
