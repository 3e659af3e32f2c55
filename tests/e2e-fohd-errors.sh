#!/bin/sh
# fohd and foh at the edges: --help and --version; a broken config is named
# by file:line with exit status 78 (EX_CONFIG); a URL already in use is
# refused with 69 (EX_UNAVAILABLE); bad command lines give 64 (EX_USAGE).
. "${top_srcdir:-.}/tests/lib.sh"

expect() {	# expect STATUS PATTERN CMD...
	_want=$1 _pat=$2
	shift 2
	"$@" >"$TEST_DIR/out" 2>&1
	_st=$?
	[ "$_st" = "$_want" ] || { cat "$TEST_DIR/out" >&2; fail "$*: status $_st, want $_want"; }
	grep -q -- "$_pat" "$TEST_DIR/out" || { cat "$TEST_DIR/out" >&2; fail "$*: no \"$_pat\""; }
	echo "ok: $* -> $_st: $(head -n 1 "$TEST_DIR/out")"
}

expect 0 "usage: fohd" "$FOHD" --help
expect 0 "fohd 0" "$FOHD" --version
expect 0 "usage: foh" "$FOH" --help
expect 0 "foh 0" "$FOH" --version
expect 64 "usage: fohd" "$FOHD" --bogus
expect 64 "no venues" "$FOH"
expect 64 "is not a URL" "$FOH" not-a-url
expect 64 "fps must be" "$FOH" --fps 0 --demo

sed 's/^area_m2 = 60$/area_m2 = -60/' "$top_srcdir/conf/club.conf" >"$TEST_DIR/bad.conf"
line=$(grep -n 'area_m2 = -60' "$TEST_DIR/bad.conf" | cut -d: -f1)
expect 78 "$TEST_DIR/bad.conf:$line: zone bar: area_m2 \"-60\" must be a positive number" \
    "$FOHD" -c "$TEST_DIR/bad.conf"
expect 78 "nonexistent.conf: No such file" "$FOHD" -c "$TEST_DIR/nonexistent.conf"

expect 64 "--freeze takes seconds, over 0 and at most 86400" "$FOH" --demo --freeze 0
printf '[console]\nfps = fast\n' >"$TEST_DIR/foh.conf"
expect 78 "$TEST_DIR/foh.conf:2: fps \"fast\" must be 1-60" "$FOH" -c "$TEST_DIR/foh.conf"

# Two agents on one URL: the second is refused, the first keeps serving.
"$FOHD" -c "$top_srcdir/conf/club.conf" --stream "ipc://$TEST_DIR/a.pub" \
    --control "ipc://$TEST_DIR/a.ctl" 2>"$TEST_DIR/first.log" &
pid=$!
track $pid
up() { [ -S "$TEST_DIR/a.ctl" ]; }
wait_until 10 up || fail "first fohd not listening"
expect 69 "ipc://$TEST_DIR/a.pub: Address in use" "$FOHD" -c "$top_srcdir/conf/club.conf" \
    --stream "ipc://$TEST_DIR/a.pub" --control "ipc://$TEST_DIR/b.ctl"
kill -0 $pid || fail "first fohd died"
echo "ok: first fohd still running"
