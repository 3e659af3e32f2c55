#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# TLS on every nng link, with certificates made here by openssl: a CA, a
# venue certificate for localhost, a console certificate from the CA, one
# from another CA, expired ones (openssl ca -startdate/-enddate: x509
# -days cannot go back), one for another name.
#   fohd on tls+tcp://: nngcat --cacert subscribes; the console in tmux
#   shows the venue LIVE; a one-shot (foh comment) is answered "done", by
#   foh.conf venue (its ca =) and by URL (--ca), and refused with the wrong
#   CA (nothing sent, "TLS handshake failed"); a plain tcp:// dial gets
#   nothing and the TLS clients are served after it.
#   The console refuses a venue whose certificate is from another CA, for
#   another name, or expired (the diagnostics view says "TLS handshake
#   failed"), and a TLS URL without a CA at start.
#   clients = required: a console certificate from the CA connects; one
#   from another CA, none, or an expired one are refused.
#   fohd refuses to start (78, FILE:LINE): a TLS URL without [tls] cert,
#   also given by --stream; clients = required without ca; a file that is
#   missing, not PEM, a key of another certificate, an expired certificate.
#   wss:// takes the same [tls].
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3" "$TMUX_BIN" openssl
need_websockets

club_names
. "$top_srcdir/tests/tls-lib.sh"
mkca ca
mkca other
mkcert venue ca localhost
mkcert console ca console
mkcert stranger other console
mkcert elsewhere ca venue.example
mkexpired old-venue localhost
mkexpired old-console console
openssl x509 -in "$c/old-console.pem" -noout -enddate | grep -q 2020 ||
    fail "the expired certificate is not from 2020"
echo "ok: openssl made a CA, another CA, venue, console, stranger, other-name and expired certificates"

# write_conf FILE STREAM CONTROL [TLS LINES...]: the club on STREAM and
# CONTROL, ingest on loopback, its journal, operator ana (every right,
# control over tcp allowed), then the lines given.
write_conf() {
	_f=$1 _s=$2 _c=$3
	shift 3
	{
		sed -e "s#^stream = .*#stream = $_s#" \
		    -e "s#^control = .*#control = $_c#" \
		    "$top_srcdir/conf/club.conf"
		conf_ingest
		printf '[journal]\npath = %s\n' "$TEST_DIR/club.db"
		printf '[control]\ntcp = allow\n[operator ana]\nrights = all\n'
		for _l in "$@"; do
			printf '%s\n' "$_l"
		done
	} >"$_f"
}

p=$(free_pair)
stream="tls+tcp://localhost:$p"
control="tls+tcp://localhost:$((p + 1))"
write_conf "$conf" "$stream" "$control" "[tls]" "cert = $c/venue.pem" \
    "key = $c/venue.key"
fohd_run "$FOHD" -c "$conf"
grep -q "stream $stream, control $control" "$TEST_DIR/fohd.log" ||
    { cat "$TEST_DIR/fohd.log" >&2; fail "fohd does not say its TLS URLs"; }
echo "ok: fohd listens on $stream and $control"

# tls_sub FILE: three stream messages through nngcat --cacert into FILE.
tls_sub() {
	"$NNGCAT" --sub --dial "$stream" --cacert "$c/ca.pem" --subscribe "" \
	    --msgpack --count 3 --recv-timeout 10 >"$1" 2>"$TEST_DIR/nngcat.err"
	[ "$(stream_json "$1" | grep -c '"venue": "club"')" = 3 ] ||
	    { cat "$TEST_DIR/nngcat.err" >&2; fail "nngcat --cacert: $(stream_json "$1")"; }
}
tls_sub "$TEST_DIR/sub1.bin"
echo "ok: nngcat --sub --cacert ca.pem takes 3 club messages over tls+tcp"

# A plain tcp dial to the TLS listener: no message, and fohd serves on.
"$NNGCAT" --sub --dial "tcp://127.0.0.1:$p" --subscribe "" --msgpack \
    --count 1 --recv-timeout 2 >"$TEST_DIR/plain.bin" 2>/dev/null
[ ! -s "$TEST_DIR/plain.bin" ] || fail "a plain tcp dial got a message"
kill -0 "$pid" || fail "fohd died after a plain tcp dial"
tls_sub "$TEST_DIR/sub2.bin"
failed_counted() {
	[ "$(metric fohd_nng_connections_failed_total 'socket="stream"')" -ge 1 ]
}
wait_until 10 failed_counted ||
    fail "the failed handshake is not in /metrics: $(metric fohd_nng_connections_failed_total 'socket="stream"')"
wait_until 15 grep -q "fohd: warning: stream: [0-9]* connections failed before they were links .*TLS handshakes refused or broken" \
    "$TEST_DIR/fohd.log" || { cat "$TEST_DIR/fohd.log" >&2; fail "no warning of the failed handshake"; }
echo "ok: a plain tcp:// dial gets nothing, is counted and logged; nngcat over TLS is still served"

# One-shot over TLS: an alert to comment on, from the WebSocket ingest.
probe_alert
"$FOH" comment --ca "$c/ca.pem" "$stream" "$alert" -o ana -m "over tls" \
    >"$TEST_DIR/one.out" 2>&1 || { cat "$TEST_DIR/one.out" >&2; fail "foh comment --ca over TLS"; }
grep -q '^done:' "$TEST_DIR/one.out" || fail "foh comment: $(cat "$TEST_DIR/one.out")"
printf '[venue club]\nstream = %s\nca = %s\n' "$stream" "$c/ca.pem" \
    >"$TEST_DIR/foh.conf"
"$FOH" comment -c "$TEST_DIR/foh.conf" club "$alert" -o ana -m "by conf" \
    >"$TEST_DIR/one2.out" 2>&1 || { cat "$TEST_DIR/one2.out" >&2; fail "foh comment by foh.conf venue"; }
grep -q '^done:' "$TEST_DIR/one2.out" || fail "foh comment: $(cat "$TEST_DIR/one2.out")"
"$FOHD" history -c "$conf" --format jsonl | grep '"op":"comment"' |
    grep -q 'by conf' || fail "the journal lacks the comment made by conf"
echo "ok: foh comment over tls+tcp is done, with --ca and with foh.conf's ca ="

"$FOH" comment "$stream" "$alert" -o ana -m x >"$TEST_DIR/noca.out" 2>&1
st=$?
[ $st = 64 ] && grep -q "is a TLS URL: give --ca FILE" "$TEST_DIR/noca.out" ||
    fail "one-shot without --ca: $st $(cat "$TEST_DIR/noca.out")"
"$FOH" "$stream" >"$TEST_DIR/noca.out" 2>&1
st=$?
[ $st = 64 ] && grep -q "is a TLS URL: give --ca FILE" "$TEST_DIR/noca.out" ||
    fail "console without --ca: $st $(cat "$TEST_DIR/noca.out")"
printf '[venue club]\nstream = %s\n' "$stream" >"$TEST_DIR/noca.conf"
"$FOH" -c "$TEST_DIR/noca.conf" >"$TEST_DIR/noca.out" 2>&1
st=$?
[ $st = 78 ] && grep -q "noca.conf:1: \[venue club\] has a TLS URL and no ca = FILE" \
    "$TEST_DIR/noca.out" || fail "foh.conf without ca: $st $(cat "$TEST_DIR/noca.out")"
echo "ok: a TLS URL without a CA: foh and the one-shot say so at start"
"$FOH" comment --ca "$c/venue.key" "$stream" "$alert" -o ana -m x \
    >"$TEST_DIR/badca.out" 2>&1
st=$?
[ $st = 64 ] && grep -q "CA $c/venue.key: holds no certificate" "$TEST_DIR/badca.out" ||
    fail "one-shot, a key as --ca: $st $(cat "$TEST_DIR/badca.out")"
"$FOH" --ca "$c/ca.pem" --cert "$c/console.pem" --key "$c/venue.key" \
    "$stream" >"$TEST_DIR/badkey.out" 2>&1
st=$?
[ $st = 64 ] && grep -q "key $c/venue.key does not belong to the certificate in $c/console.pem" \
    "$TEST_DIR/badkey.out" || fail "console, another's key: $st $(cat "$TEST_DIR/badkey.out")"
echo "ok: a bad --ca or --key: the one-shot and the console name the file at start"
"$FOH" comment --ca "$c/other.pem" "$stream" "$alert" -o ana -m "wrong CA" \
    >"$TEST_DIR/wrong.out" 2>&1
st=$?
[ $st = 69 ] && grep -q "not carried out: no answer from $control in 10 s (TLS handshake failed)" \
    "$TEST_DIR/wrong.out" || fail "one-shot, wrong CA: $st $(cat "$TEST_DIR/wrong.out")"
"$FOHD" history -c "$conf" --format jsonl | grep -q 'wrong CA' &&
    fail "a comment sent with the wrong CA reached the journal"
echo "ok: a one-shot that does not trust the venue's certificate sends nothing and says why"

# console ARGS...: the console in tmux (session t, 120x40) on ARGS
# (tm_start's session "keep" holds the server up while t is replaced).
console() {
	tm kill-session -t t 2>/dev/null
	tm_start 120 40 "LANG=C.UTF-8 TERM=xterm-256color $FOH $*"
}

# live ARGS...: the console on ARGS shows the club LIVE.
live() {
	console "$@"
	wait_until 15 screen_has "Basement Club" "LIVE" "Dance floor" ||
	    { tm_dump; cat "$TEST_DIR/fohd.log" >&2; fail "not LIVE: $*"; }
}

# refused WHAT ARGS...: the console on ARGS never gets the club; its
# diagnostics view says the TLS handshake failed.
refused() {
	_what=$1
	shift
	console "$@"
	wait_until 5 screen_has "CONNECTING" || { tm_dump; fail "$_what: no screen"; }
	tm send-keys -t t 5
	wait_until 15 screen_has "not connected: TLS handshake failed" ||
	    { tm_dump; fail "$_what: no TLS handshake failure shown"; }
	screen_has "Basement Club" && { tm_dump; fail "$_what: the club's name came through"; }
	echo "ok: refused: $_what"
}

live --ca "$c/ca.pem" "$stream"
echo "ok: the console shows the club LIVE over tls+tcp"
refused "a venue certificate from another CA than --ca" \
    --ca "$c/other.pem" "$stream"

# Another TLS server that shows a certificate that is expired, or for
# another name (both from the CA): nngcat --pub.
fake_pub() {
	_fp=$(free_pair)
	"$NNGCAT" --pub --listen "tls+tcp://localhost:$_fp" --cert "$c/$1.pem" \
	    --key "$c/$1.key" --data x --interval 1 >/dev/null 2>&1 &
	track $!
	fake="tls+tcp://localhost:$_fp"
}
fake_pub old-venue
refused "an expired venue certificate" --ca "$c/ca.pem" "$fake"
fake_pub elsewhere
refused "a venue certificate for venue.example, not localhost" \
    --ca "$c/ca.pem" "$fake"

# clients = required: a second fohd asks for a console certificate.
kill "$pid"
wait "$pid" 2>/dev/null
p=$(free_pair)
stream="tls+tcp://localhost:$p"
control="tls+tcp://localhost:$((p + 1))"
write_conf "$conf" "$stream" "$control" "[tls]" "cert = $c/venue.pem" \
    "key = $c/venue.key" "ca = $c/ca.pem" "clients = required"
fohd_run "$FOHD" -c "$conf"
live --ca "$c/ca.pem" --cert "$c/console.pem" --key "$c/console.key" \
    "$stream"
echo "ok: clients = required: a console certificate from the CA connects"
refused "clients = required, a console certificate from another CA" \
    --ca "$c/ca.pem" --cert "$c/stranger.pem" --key "$c/stranger.key" \
    "$stream"
refused "clients = required, no console certificate" --ca "$c/ca.pem" \
    "$stream"
refused "clients = required, an expired console certificate" \
    --ca "$c/ca.pem" --cert "$c/old-console.pem" --key "$c/old-console.key" \
    "$stream"
"$NNGCAT" --sub --dial "$stream" --cacert "$c/ca.pem" --cert "$c/console.pem" \
    --key "$c/console.key" --subscribe "" --msgpack --count 1 \
    --recv-timeout 10 >"$TEST_DIR/req.bin" 2>/dev/null
[ -s "$TEST_DIR/req.bin" ] || fail "nngcat with a console certificate got nothing"
kill -0 "$pid" || fail "fohd died"
live --ca "$c/ca.pem" --cert "$c/console.pem" --key "$c/console.key" \
    "$stream"
echo "ok: fohd still serves a good console after the refusals"
tm_quit
wait_until 5 tm_exited || { tm_dump; fail "q did not exit"; }

# fohd refuses to start, with the file and line.
# start_refused WHAT TEXT ARGS...: fohd ARGS exits 78 saying TEXT.
start_refused() {
	_what=$1 _text=$2
	shift 2
	timeout 10 "$FOHD" "$@" >"$TEST_DIR/out" 2>"$TEST_DIR/err"
	_st=$?
	[ $_st = 78 ] || { cat "$TEST_DIR/err" >&2; fail "$_what: status $_st, want 78"; }
	grep -qF -- "$_text" "$TEST_DIR/err" ||
	    { cat "$TEST_DIR/err" >&2; fail "$_what: no \"$_text\""; }
	echo "ok: refused at start: $_what: $(cat "$TEST_DIR/err")"
}
bad="$TEST_DIR/bad.conf"
write_conf "$bad" "$stream" "tcp://127.0.0.1:$((p + 1))"
line=$(grep -n '^stream = tls' "$bad" | cut -d: -f1)
start_refused "a tls+tcp stream without [tls]" \
    "$bad:$line: stream URL $stream needs TLS, and there is no certificate" -c "$bad"
write_conf "$bad" "tcp://127.0.0.1:$p" "tcp://127.0.0.1:$((p + 1))"
start_refused "--stream tls+tcp:// without [tls]" \
    "--stream $stream needs TLS, and $bad has no certificate" -c "$bad" \
    --stream "$stream"
write_conf "$bad" "$stream" "$control" "[tls]" "cert = $c/venue.pem" \
    "key = $c/venue.key" "clients = required"
tline=$(grep -n '^\[tls\]' "$bad" | cut -d: -f1)
start_refused "clients = required without ca" \
    "$bad:$tline: [tls] clients = required needs ca = FILE" -c "$bad"
write_conf "$bad" "$stream" "$control" "[tls]" "cert = $c/venue.pem"
start_refused "a cert without a key" "$bad:$tline: [tls] has a cert but no key" -c "$bad"

# tls_refused WHAT TEXT CERT KEY: fohd with [tls] CERT and KEY says TEXT.
tls_refused() {
	write_conf "$bad" "$stream" "$control" "[tls]" "cert = $3" "key = $4"
	start_refused "$1" "$bad:$tline: [tls]: $2" -c "$bad"
}
tls_refused "a missing certificate" \
    "certificate $c/none.pem: cannot read it: No such file or directory" \
    "$c/none.pem" "$c/venue.key"
tls_refused "a certificate file that is not PEM" \
    "certificate $bad: not a PEM file" "$bad" "$c/venue.key"
tls_refused "a key given as the certificate" \
    "certificate $c/venue.key: holds no certificate" "$c/venue.key" \
    "$c/venue.key"
tls_refused "a key of another certificate" \
    "key $c/console.key does not belong to the certificate in $c/venue.pem" \
    "$c/venue.pem" "$c/console.key"
tls_refused "an expired certificate" \
    "certificate $c/old-venue.pem expired on 2020-01-02" \
    "$c/old-venue.pem" "$c/old-venue.key"
head -c 200 "$c/venue.pem" >"$c/cut.pem"
tls_refused "a cut certificate" "certificate $c/cut.pem: not a certificate" \
    "$c/cut.pem" "$c/venue.key"
kill -0 "$pid" || fail "the running fohd died"
echo "ok: every bad [tls] refused at start, naming the file"

# wss:// takes the same [tls]: nngcat and the console (--json) over it.
kill "$pid"
wait "$pid" 2>/dev/null
p=$(free_pair)
stream="wss://localhost:$p/stream"
control="wss://localhost:$((p + 1))/control"
write_conf "$conf" "$stream" "$control" "[tls]" "cert = $c/venue.pem" \
    "key = $c/venue.key"
fohd_run "$FOHD" -c "$conf"
tls_sub "$TEST_DIR/wss.bin"
"$FOH" --json --ca "$c/ca.pem" "$stream,$control" >"$TEST_DIR/wss.json" \
    2>"$TEST_DIR/wss.err" &
track $!
json_live() { grep -q '"venue":"club".*"link":"live"' "$TEST_DIR/wss.json"; }
wait_until 15 json_live || { cat "$TEST_DIR/wss.err" >&2; fail "foh --json over wss: $(cat "$TEST_DIR/wss.json")"; }
echo "ok: wss:// with [tls]: nngcat --cacert and foh --json --ca get the club"
