#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# The attack table of signed control requests, end to end: a real fohd
# with its control on loopback tcp under [control] tcp = signed, operator
# keys made by ssh-keygen now (ana's in an OpenSSH allowed_signers file,
# bob's as a key = line), requests packed in Python and signed by
# `ssh-keygen -Y sign -n foh` (never by foh's code), sent with nngcat.
#   - accepted: a signed ack is done; its audit row has the key's
#     fingerprint as ssh-keygen -l prints it, transport tcp, and the body
#     and sig, which `ssh-keygen -Y verify` accepts again (evidence); the
#     alert's op entry names the key; a second signed ack in the same run
#     is done too;
#   - refused, each with its code and field, audited with the reason,
#     counted by reason in /metrics, and fohd still serving (a snapshot
#     answers): unsigned over tcp; a valid signature by a key not listed;
#     a key listed for another operator; one flipped byte of the body; a
#     request id reused for another body; a ts 10 minutes old; a ts 10
#     minutes ahead; another venue; an operator without the right;
#   - the same signed request again gets the first answer byte for byte,
#     is not carried out twice (the alert's ops unchanged) and is audited
#     as a repeat;
#   - on SIGHUP a broken allowed_signers is refused with its file:line and
#     the keys in force stay; one whose valid-before has passed is refused;
#   - under tcp = allow, fohd warns at start; an unsigned claim of the
#     uid-pinned ana (or of bob, who holds a key) over tcp is refused,
#     while an operator with neither may still act unsigned.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3" ssh-keygen

club_names
sr="$py $top_srcdir/tests/signed_req.py"
for k in ana bob eve; do
	ssh-keygen -q -t ed25519 -N '' -C "$k@e2e" -f "$TEST_DIR/$k" ||
	    fail "ssh-keygen $k"
done
fp() {
	ssh-keygen -l -f "$TEST_DIR/$1.pub" | awk '{ print $2 }'
}
ana_fp=$(fp ana)
bob_fp=$(fp bob)
eve_fp=$(fp eve)
{
	echo "# who signs at the club"
	echo "ana $(cut -d' ' -f1,2 "$TEST_DIR/ana.pub") ana@laptop"
	# eve's key is for git only: not for foh.
	echo "ana namespaces=\"git\" $(cut -d' ' -f1,2 "$TEST_DIR/eve.pub")"
} >"$TEST_DIR/allowed_signers"

# write_conf POLICY: the club with ana (this uid, every right, key in
# allowed_signers), bob (comment only, key = line), carl (every right,
# neither uid nor key), dan (another uid, no key) and two alerts' rules.
write_conf() {
	{
		club_conf "$TEST_DIR/club.db"
		printf '[operator bob]\nrights = comment\nkey = %s\n' \
		    "$(cat "$TEST_DIR/bob.pub")"
		printf '[operator carl]\nrights = all\n'
		printf '[operator dan]\nuid = 4242\nrights = all\n'
		printf '[control]\ntcp = %s\nallowed_signers = allowed_signers\n' \
		    "$1"
		conf_bar_full
		printf '[rule dance-any]\nkind = threshold\non = zone:dance\n'
		printf 'metric = density\nabove = 0.1\nfor = 0\nseverity = info\n'
	} >"$conf"
}
write_conf signed
control="tcp://127.0.0.1:$(free_port)"
fohd_start
grep -q "unsigned control over tcp is allowed" "$TEST_DIR/fohd.log" &&
    fail "the allow warning under tcp = signed"

$client send "$ws" "" \
    '[{"kind":"zone_count","zone":"bar","count":90},{"kind":"zone_count","zone":"dance","count":100}]' \
    >/dev/null || fail "readings"
two_alerts() {
	[ -n "$(snapshot_alert bar-full)" ] && [ -n "$(snapshot_alert dance-any)" ]
}
wait_until 10 two_alerts || fail "no alerts (snapshot over tcp)"
bar=$(snapshot_alert bar-full)
dance=$(snapshot_alert dance-any)

# ask FILE: send the message in $TEST_DIR/FILE; the answer as JSON.
ask() {
	$sr send "$control" "$TEST_DIR/$1" || fail "send $1"
}
# ops ALERT: how many op entries the alert has (op alerts, unsigned).
ops() {
	$ctl "$control" alerts - ids="$1" | $py -c \
	    'import json,sys; print(len(json.load(sys.stdin)["alerts"][0].get("ops", [])))'
}
# serving: does fohd still answer a snapshot, with the bar's alert?
serving() {
	[ "$(snapshot_alert bar-full)" = "$bar" ]
}
# audited RESULT TEXT: is there an audit row with result RESULT whose
# reason holds TEXT? (The journal, read with python3's sqlite3.)
audited() {
	$py - "$TEST_DIR/club.db" "$1" "$2" <<'EOP'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
n = db.execute("SELECT COUNT(*) FROM audit WHERE result = ? AND"
               " instr(reason, ?) > 0 AND transport = 'tcp'",
               (sys.argv[2], sys.argv[3])).fetchone()[0]
sys.exit(0 if n > 0 else 1)
EOP
}
# refused NAME FILE CODE FIELD TEXT: the answer to FILE is CODE on FIELD
# with TEXT in its words, a row audits it with that reason, fohd serves.
refused() {
	_a=$(ask "$2")
	[ "$(answer code "$_a")" = "$3" ] && [ "$(answer field "$_a")" = "$4" ] ||
	    fail "$1: want $3 on $4, got $_a"
	case "$(answer text "$_a")" in
	*"$5"*) ;;
	*) fail "$1: text without \"$5\": $_a" ;;
	esac
	wait_until 5 audited "$3" "$5" || fail "$1: not audited with its reason"
	serving || fail "$1: fohd does not serve after it"
	echo "ok: $1: $3, field $4: $(answer text "$_a")"
}

# --- accepted ---
$sr sign "$TEST_DIR/ana" "$TEST_DIR/ack1" venue=club ts=now id=101 \
    op=ack operator=ana alert="$bar" comment="signed from afar" ||
    fail "sign ack1"
n0=$(ops "$bar")
a1=$(ask ack1)
[ "$(answer status "$a1")" = done ] || fail "signed ack: $a1"
$py - "$a1" "$ana_fp" <<'EOP' || fail "the op entry's key: $a1"
import json, sys
a = json.loads(sys.argv[1])
last = a["alert"]["ops"][-1]
assert last["op"] == "ack" and last["operator"] == "ana", last
assert last["key"] == sys.argv[2], last
EOP
n1=$(ops "$bar")
[ "$n1" -eq $((n0 + 1)) ] || fail "ops $n0 -> $n1 after one ack"
row=$($py - "$TEST_DIR/club.db" "$TEST_DIR/ev" <<'EOP'
import sqlite3, sys
r = sqlite3.connect(sys.argv[1]).execute(
    "SELECT key, transport, peer, body, sig FROM audit WHERE request = 101"
    " AND result = 'done'").fetchone()
open(sys.argv[2] + ".body", "wb").write(r[3])
open(sys.argv[2] + ".blob", "wb").write(r[4])
print(r[0], r[1], r[2])
EOP
)
[ "$row" = "$ana_fp tcp tcp 127.0.0.1" ] ||
    fail "audit row: \"$row\", want \"$ana_fp tcp tcp 127.0.0.1\""
# The evidence, checked again by OpenSSH: armor the stored blob.
$py - "$TEST_DIR/ev.blob" "$TEST_DIR/ev.sig" <<'EOP'
import base64, sys
b = base64.b64encode(open(sys.argv[1], "rb").read()).decode()
with open(sys.argv[2], "w") as f:
    f.write("-----BEGIN SSH SIGNATURE-----\n")
    for i in range(0, len(b), 70):
        f.write(b[i:i + 70] + "\n")
    f.write("-----END SSH SIGNATURE-----\n")
EOP
ssh-keygen -Y verify -f "$TEST_DIR/allowed_signers" -I ana -n foh \
    -s "$TEST_DIR/ev.sig" <"$TEST_DIR/ev.body" >"$TEST_DIR/verify.out" 2>&1 ||
    { cat "$TEST_DIR/verify.out" >&2; fail "ssh-keygen -Y verify of the audit row"; }
cmp -s "$TEST_DIR/ev.body" "$TEST_DIR/ack1.body" || fail "stored body differs"
echo "ok: signed ack done; audit row $row; ssh-keygen -Y verify: $(cat "$TEST_DIR/verify.out")"

# --- the same request again: the first answer, not carried out twice ---
a2=$(ask ack1)
[ "$(answer _hex "$a2")" = "$(answer _hex "$a1")" ] ||
    fail "the repeat's answer differs from the first"
[ "$(ops "$bar")" -eq "$n1" ] || fail "the repeat was carried out again"
wait_until 5 audited repeat "first answer" || fail "the repeat is not audited"
echo "ok: a repeat gets the first answer byte for byte, ops still $n1, audited as a repeat"

# --- a second signed ack in the same run ---
$sr sign "$TEST_DIR/ana" "$TEST_DIR/ack2" venue=club ts=now id=102 \
    op=ack operator=ana alert="$dance" comment="second one" ||
    fail "sign ack2"
a=$(ask ack2)
[ "$(answer status "$a")" = done ] || fail "second signed ack: $a"
echo "ok: a second signed ack is done"

# --- the attack table ---
$sr plain "$TEST_DIR/plain" venue=club ts=now id=201 op=ack operator=carl \
    alert="$bar" comment=unsigned
refused "unsigned over tcp" plain forbidden sig "accepts only signed"

$sr sign "$TEST_DIR/eve" "$TEST_DIR/eve1" venue=club ts=now id=202 \
    op=ack operator=ana alert="$bar" comment="eve as ana"
refused "a key not listed" eve1 forbidden sig \
    "key $eve_fp is not listed for any operator"

$sr sign "$TEST_DIR/bob" "$TEST_DIR/bob1" venue=club ts=now id=203 \
    op=ack operator=ana alert="$bar" comment="bob as ana"
refused "another operator's key" bob1 forbidden sig \
    "key $bob_fp is listed for bob, not ana"

$sr sign "$TEST_DIR/ana" "$TEST_DIR/good" venue=club ts=now id=204 \
    op=comment operator=ana alert="$bar" comment="one byte"
$sr flip "$TEST_DIR/good" "$TEST_DIR/flip"
refused "a flipped byte" flip forbidden sig "the signature does not hold"

$sr sign "$TEST_DIR/ana" "$TEST_DIR/reuse" venue=club ts=now id=101 \
    op=ack operator=ana alert="$bar" comment="another body, same id"
refused "same id, another body" reuse bad-request id \
    "used for another request signed by this key"

$sr sign "$TEST_DIR/ana" "$TEST_DIR/old" venue=club ts=now-600000 id=205 \
    op=comment operator=ana alert="$bar" comment="ten minutes ago"
refused "ts 10 min old" old expired ts "behind this agent's clock"

$sr sign "$TEST_DIR/ana" "$TEST_DIR/ahead" venue=club ts=now+600000 id=206 \
    op=comment operator=ana alert="$bar" comment="ten minutes ahead"
refused "ts 10 min ahead" ahead expired ts "ahead of this agent's clock"

$sr sign "$TEST_DIR/ana" "$TEST_DIR/arena" venue=arena ts=now id=207 \
    op=comment operator=ana alert="$bar" comment="wrong venue"
refused "another venue" arena bad-request venue "the body names \"arena\""

$sr sign "$TEST_DIR/bob" "$TEST_DIR/bobak" venue=club ts=now id=208 \
    op=ack operator=bob alert="$bar" comment="not my right"
refused "without the right" bobak forbidden operator \
    "operator \"bob\" may not ack"

# Each refusal counted by its reason.
for r in unsigned unknown-key other-operator signature id-reused venue; do
	[ "$(metric fohd_control_signature_refusals_total "reason=\"$r\"")" = 1 ] ||
	    fail "metric reason $r: $(metric fohd_control_signature_refusals_total "reason=\"$r\"")"
done
[ "$(metric fohd_control_signature_refusals_total 'reason="expired"')" = 2 ] ||
    fail "metric reason expired"
[ "$(metric fohd_control_signed_total)" -ge 4 ] || fail "fohd_control_signed_total"
# Nothing of the refused was carried out: one op entry (the ack) more.
[ "$(ops "$bar")" -eq "$n1" ] || fail "a refused request changed the alert"
"$FOHD" history -c "$conf" >"$TEST_DIR/history.csv" || fail "fohd history"
grep -q ",$ana_fp,tcp," "$TEST_DIR/history.csv" ||
    { cat "$TEST_DIR/history.csv" >&2; fail "history without key and transport"; }
echo "ok: refusals counted by reason; fohd history shows key and transport"

# --- keys change on SIGHUP: a broken file is refused, a revocation holds ---
reloads() {
	grep -c "SIGHUP: .* reloaded" "$TEST_DIR/fohd.log"
}
cp "$TEST_DIR/allowed_signers" "$TEST_DIR/allowed_signers.good"
echo "carl ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQ carl@old" \
    >>"$TEST_DIR/allowed_signers"
kill -HUP "$pid"
wait_until 10 grep -q "SIGHUP: keeping the running config: .*allowed_signers:4: key type" \
    "$TEST_DIR/fohd.log" || { cat "$TEST_DIR/fohd.log" >&2; fail "a broken allowed_signers taken on SIGHUP"; }
$sr sign "$TEST_DIR/ana" "$TEST_DIR/kept" venue=club ts=now id=210 \
    op=comment operator=ana alert="$bar" comment="still listed"
a=$(ask kept)
[ "$(answer status "$a")" = done ] || fail "ana after a refused reload: $a"
n0=$(reloads)
{
	echo "ana valid-before=\"20200101Z\" $(cut -d' ' -f1,2 "$TEST_DIR/ana.pub")"
} >"$TEST_DIR/allowed_signers"
kill -HUP "$pid"
reloaded() {
	[ "$(reloads)" -gt "$n0" ]
}
wait_until 10 reloaded || fail "no reload"
$sr sign "$TEST_DIR/ana" "$TEST_DIR/revoked" venue=club ts=now id=211 \
    op=comment operator=ana alert="$bar" comment="revoked"
refused "a key that expired on SIGHUP" revoked forbidden sig \
    "key $ana_fp of ana is not valid now"
cp "$TEST_DIR/allowed_signers.good" "$TEST_DIR/allowed_signers"
echo "ok: on SIGHUP a broken allowed_signers is refused, a key past valid-before too"

# --- tcp = allow: the warning, and pinned operators must still sign ---
kill "$pid"
wait "$pid" 2>/dev/null
write_conf allow
fohd_start
grep -q "unsigned control over tcp is allowed: anyone who can reach $control can act as any operator" \
    "$TEST_DIR/fohd.log" || fail "no warning under tcp = allow"
$sr plain "$TEST_DIR/pinned" venue=club id=301 op=comment operator=ana \
    alert="$bar" comment="claiming ana"
refused "unsigned claim of the uid-pinned ana under allow" pinned \
    forbidden sig "\"ana\" is pinned to a uid"
$sr plain "$TEST_DIR/dan" venue=club id=304 op=comment operator=dan \
    alert="$bar" comment="claiming dan"
refused "unsigned claim of the uid-pinned dan under allow" dan \
    forbidden sig "operator \"dan\" is pinned to a uid: over"
$sr plain "$TEST_DIR/keyed" venue=club id=302 op=comment operator=bob \
    alert="$bar" comment="claiming bob"
refused "unsigned claim of bob, who holds a key, under allow" keyed \
    forbidden sig "\"bob\" holds a signing key"
$sr plain "$TEST_DIR/carl" venue=club id=303 op=comment operator=carl \
    alert="$bar" comment="carl has neither"
a=$(ask carl)
[ "$(answer status "$a")" = done ] || fail "allow, unsigned carl: $a"
echo "ok: tcp = allow warns; pinned and keyed operators must sign; carl need not"
