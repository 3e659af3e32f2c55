#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The console signs through a real ssh-agent (ssh-agent -a, a key made by
# ssh-keygen), in a real terminal (tmux) against a real fohd over ipc:
#   - the diagnostics view says which key signs ("signing as SHA256:...
#     (ssh-agent)"), and a console without an agent says its requests go
#     unsigned and why;
#   - an ack, then a second request (unack) in the same session, each
#     signed; with a fohd that takes signed requests (ana's key listed)
#     both are done, the journal holds the key, and the why-pane's history
#     says "by ana (SHA256:...)"; a fohd that predates them refuses the
#     "signed" kind, which still shows the console signed;
#   - the agent's keys removed (ssh-add -D): the next request fails on screen
#     ("not sent: ...") and nothing reaches fohd; the key back, the same
#     session acks again;
#   - an identity that cannot be used (a passphrase-protected key the
#     agent does not hold) stops foh at start with a message naming
#     ssh-agent, exit 78.
. "${top_srcdir:-.}/tests/lib.sh"
need "$TMUX_BIN"
. "$top_srcdir/tests/sign-lib.sh"

make_key ana
make_key locked "a passphrase"
agent_start
agent_add ana
fp=$(fingerprint ana)

club_names
db="$TEST_DIR/club.db"
club_conf "$db" >"$conf"
# ana's key, listed for her ([operator ana] is the config's last section).
cp "$conf" "$TEST_DIR/keyed.conf"
printf 'key = %s\n' "$(cat "$KEYS/ana.pub")" >>"$TEST_DIR/keyed.conf"
# fohd takes the key; were it to refuse it, the test fails here.
"$FOHD" history -c "$TEST_DIR/keyed.conf" >/dev/null 2>"$TEST_DIR/probe.err" ||
    ! grep -q 'unknown key "key"' "$TEST_DIR/probe.err" ||
    fail "fohd refuses [operator] key = : $(cat "$TEST_DIR/probe.err")"
signed=1
conf="$TEST_DIR/keyed.conf"
fohd_start

# journal_ops OP: how many OP rows the journal holds.
journal_ops() {
	"$FOHD" history -c "$conf" --format jsonl 2>/dev/null |
	    grep -c "\"op\": *\"$1\""
}

# A console with no agent: its requests go unsigned, and it says why.
tm new-session -d -x 120 -y 40 -s plain \
    "env -u SSH_AUTH_SOCK LANG=C.UTF-8 $FOH --operator ana $stream"
wait_until 10 shows plain "Basement Club" || { tm capture-pane -p -t plain >&2; fail "plain: no venue"; }
tm send-keys -t plain 5
wait_until 5 shows plain "requests go unsigned" "SSH_AUTH_SOCK" ||
    { tm capture-pane -p -t plain >&2; fail "plain: the diagnostics do not say requests go unsigned"; }
echo "ok: without an agent: $(tm capture-pane -p -t plain | grep -o 'no identity.*requests go unsigned')"

# The signing console (started before the plain one quits, so that the
# tmux server never loses its last session).
tm_start 120 40 "env LANG=C.UTF-8 SSH_AUTH_SOCK=$SSH_AUTH_SOCK" \
    "$FOH --operator ana $stream"
tm send-keys -t plain q
wait_until 10 screen_has "Basement Club" || { tm_dump; fail "no venue"; }
tm send-keys -t t 5
wait_until 5 screen_has "signing as $fp (ssh-agent)" ||
    { tm_dump; fail "the diagnostics do not name the agent's key $fp"; }
echo "ok: the diagnostics say: signing as $fp (ssh-agent)"

# A crush on the dance floor, held past the rule's 10 s.
$client send "$ws" "" "$(held_counts dance 900)" >/dev/null || fail "readings"
tm send-keys -t t 2
wait_until 10 screen_has "CRIT" "FIRING" "Dance floor" || { tm_dump; fail "no alert"; }


tm send-keys -t t a
wait_until 5 keyline_has "comment:" || { tm_dump; fail "no comment prompt"; }
ack_answers "signed one"
if [ $signed = 1 ]; then
	wait_until 10 answered ack ": done" || { tm_dump; fail "the signed ack was not done"; }
	"$FOHD" history -c "$conf" --format jsonl | grep '"op": *"ack"' |
	    grep -qF "$fp" || fail "the journal's ack does not name the key $fp"
	echo "ok: the signed ack is done; the journal names $fp"
else
	wait_until 10 answered ack "refused" "signed" || { tm_dump; fail "no answer to the signed ack"; }
	echo "ok: the ack went signed: $(keyline | sed 's/ *$//')"
fi

# A second request in the same session: signed anew.
tm send-keys -t t u
if [ $signed = 1 ]; then
	wait_until 10 answered unack ": done" || { tm_dump; fail "the second signed request was not done"; }
	# Acknowledged again, so the why-pane has both in its history.
	tm send-keys -t t a
	wait_until 5 keyline_has "comment:" || { tm_dump; fail "no comment prompt"; }
	ack_answers "signed two"
	wait_until 10 answered ack ": done" || { tm_dump; fail "the third signed request was not done"; }
	tm send-keys -t t Enter
	wait_until 10 screen_has "History:" "by ana (SHA256:" ||
	    { tm_dump; fail "the why-pane's history does not say by ana (SHA256:...)"; }
	echo "ok: a second and third signed request in the session; the why-pane says: $(tm_screen | grep -o 'by ana (SHA256:[^)]*)' | head -n 1)"
	tm send-keys -t t Escape 2
else
	wait_until 10 answered unack "refused" "signed" || { tm_dump; fail "no answer to the second request"; }
	echo "ok: a second request in the session went signed too"
fi
acks=$(journal_ops ack)
unacks=$(journal_ops unack)

# The agent's keys removed: the next request fails visibly, nothing sent.
ssh-add -D >/dev/null 2>&1 || fail "ssh-add -D"
wait_until 5 screen_has "Dance floor" || { tm_dump; fail "not on the alerts view"; }
tm send-keys -t t u
wait_until 10 answered unack "not sent:" || { tm_dump; fail "no 'not sent' once the key was removed"; }
echo "ok: the key removed: $(keyline | sed 's/ *$//')"
[ "$(journal_ops unack)" = "$unacks" ] && [ "$(journal_ops ack)" = "$acks" ] ||
    fail "a request reached fohd without its key"
echo "ok: nothing reached fohd"

# The key back: the same session signs again.
agent_add ana
tm send-keys -t t u
if [ $signed = 1 ]; then
	wait_until 10 answered unack ": done" || { tm_dump; fail "the unack with the key back was not done"; }
	[ "$(journal_ops unack)" = $((unacks + 1)) ] || fail "the unack with the key back is not in the journal"
else
	wait_until 10 answered unack "refused" "signed" || { tm_dump; fail "no answer with the key back"; }
fi
echo "ok: the key back in the agent, the same session signs again"
tm_quit
wait_until 5 tm_exited || fail "foh did not quit"

# An identity that cannot be used stops foh at start, naming ssh-agent.
tm_start 120 40 "env LANG=C.UTF-8 SSH_AUTH_SOCK=$SSH_AUTH_SOCK" \
    "$FOH --identity $KEYS/locked $stream"
wait_until 10 tm_exited || { tm_dump; fail "foh started with an unusable identity"; }
[ "$(cat "$TEST_DIR/status")" = 78 ] || { tm_dump; fail "exit $(cat "$TEST_DIR/status"), want 78"; }
grep -q "ssh-agent" "$TEST_DIR/stderr" || { tm_dump; fail "the error does not name ssh-agent"; }
echo "ok: an unusable identity: $(cat "$TEST_DIR/stderr")"
