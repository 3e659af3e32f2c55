#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# Numbers on the command lines of foh, fohd and foh-sim are parsed strictly:
# garbage after a number, a sign, a blank, an empty argument, a value that
# wraps or overflows, NaN and inf are refused with "PROG: OPTION: 'ARG' is
# not ..." and exit status 64 (EX_USAGE), before anything starts; durations
# take the config's grammar (30, 30s, 5m, 1h30m, 250ms). Each run is bounded
# by `timeout`, so a program that wrongly accepts an argument and starts
# fails the test instead of hanging it.
. "${top_srcdir:-.}/tests/lib.sh"

conf="$top_srcdir/conf/club.conf"

refused() {	# refused MESSAGE CMD...: exit 64 and MESSAGE on stderr
	_msg=$1
	shift
	timeout 10 "$@" </dev/null >"$TEST_DIR/out" 2>"$TEST_DIR/err"
	_st=$?
	[ "$_st" = 64 ] || { cat "$TEST_DIR/err" >&2; fail "$*: status $_st, want 64"; }
	grep -qF -- "$_msg" "$TEST_DIR/err" || { cat "$TEST_DIR/err" >&2; fail "$*: no \"$_msg\""; }
	echo "ok: $* -> 64: $(head -n 1 "$TEST_DIR/err")"
}

# foh: --fps, --seed, --kiosk, --freeze.
fps="is not a whole number from 1 to 60"
refused "foh: --fps: '7x' $fps" "$FOH" --fps 7x --demo --json
refused "foh: --fps: '0' $fps" "$FOH" --fps 0 --demo --json
refused "foh: --fps: '61' $fps" "$FOH" --fps 61 --demo --json
refused "foh: --fps: '' $fps" "$FOH" --fps '' --demo --json
refused "foh: --fps: '-4' $fps" "$FOH" --fps -4 --demo --json
refused "foh: --fps: ' 4' $fps" "$FOH" --fps ' 4' --demo --json
refused "foh: --fps: '18446744073709551620' $fps" \
    "$FOH" --fps 18446744073709551620 --demo --json	# wrapped to 4
seed="is not a whole number from 0 to 18446744073709551615"
refused "foh: --seed: 'banana' $seed" "$FOH" --seed banana --demo --json
refused "foh: --seed: '-1' $seed" "$FOH" --seed -1 --demo --json
refused "foh: --seed: '18446744073709551616' $seed" \
    "$FOH" --seed 18446744073709551616 --demo --json
refused "foh: --seed: '7.5' $seed" "$FOH" --seed 7.5 --demo --json
kiosk="is not a duration from 2s to 1h in whole seconds, like 30, 30s or 5m"
refused "foh: --kiosk: '5min' $kiosk" "$FOH" --kiosk=5min --demo --json
refused "foh: --kiosk: '1' $kiosk" "$FOH" --kiosk=1 --demo --json
refused "foh: --kiosk: '3601' $kiosk" "$FOH" --kiosk=3601 --demo --json
refused "foh: --kiosk: '2.5' $kiosk" "$FOH" --kiosk=2.5 --demo --json
refused "foh: --kiosk: '1h1s' $kiosk" "$FOH" --kiosk=1h1s --demo --json
freeze="is not a duration from 1ms to 1d, like 30, 30s or 5m"
refused "foh: --freeze: '0' $freeze" "$FOH" --demo --freeze 0 --json
refused "foh: --freeze: 'nan' $freeze" "$FOH" --demo --freeze nan --json
refused "foh: --freeze: '1e3' $freeze" "$FOH" --demo --freeze 1e3 --json
refused "foh: --freeze: '24h1ms' $freeze" "$FOH" --demo --freeze 24h1ms --json
refused "foh: --freeze: '10 s' $freeze" "$FOH" --demo --freeze '10 s' --json

# One-shot requests: -e and -d take whole minutes, 1 to 10080, checked
# before anything is sent (the agent's URL here does not exist).
mins="is not a whole number from 1 to 10080"
nowhere="ipc://$TEST_DIR/nowhere.ctl"
refused "foh: -e: '-18446744073709551615' $mins" \
    "$FOH" ack "$nowhere" 5 -m hi -e -18446744073709551615	# wrapped to 1
refused "foh: -e: ' 5' $mins" "$FOH" ack "$nowhere" 5 -m hi -e ' 5'
refused "foh: -d: '15m' $mins" "$FOH" shelve "$nowhere" 5 -m hi -d 15m
refused "foh: -d: '0' $mins" "$FOH" shelve "$nowhere" 5 -m hi -d 0
# The alert operand is a whole number from 1 (2^64 was taken as 2^64-1).
refused "foh: 18446744073709551616 is not an alert id" \
    "$FOH" ack "$nowhere" 18446744073709551616 -m hi
refused "foh:  5 is not an alert id" "$FOH" ack "$nowhere" ' 5' -m hi
refused "foh: 0x10 is not an alert id" "$FOH" ack "$nowhere" 0x10 -m hi

# The same options, well formed, are taken: the demo runs and prints.
accepted() {	# accepted CMD...: prints a JSON line, then is stopped by head
	timeout 10 "$@" </dev/null 2>"$TEST_DIR/err" | head -n 1 >"$TEST_DIR/out"
	grep -q '"type":"venue"' "$TEST_DIR/out" || { cat "$TEST_DIR/err" >&2; fail "$*: refused"; }
	echo "ok: $* -> runs"
}
accepted "$FOH" --demo --json --fps 60 --seed 18446744073709551615 \
    --kiosk=5m --freeze 1.5s
accepted "$FOH" --demo --json --fps 1 --seed 0 --kiosk=2 --freeze 1ms
accepted "$FOH" --demo --json --kiosk=1h --freeze 0.25

# fohd: --speed, and history's --since.
speed="is not a number from 0.001 to 1000000"
for a in abc 0 -1 inf nan 1e999 0x10 2x '' 1000001; do
	refused "fohd: --speed: '$a' $speed" "$FOHD" -c "$conf" \
	    --stream "ipc://$TEST_DIR/s.pub" --control "ipc://$TEST_DIR/s.ctl" \
	    --speed "$a"
done
since="is not a whole number from 0 to 18446744073709551615"
for a in 12x -5 '' 1.5 18446744073709551616; do
	refused "fohd: --since: '$a' $since" "$FOHD" history -c "$conf" \
	    --since "$a"
done

# foh-sim: --speed, --duration, --seed, --count-frames.
sim="$FOH_SIM -c $conf --url ws://127.0.0.1:9/ingest"
refused "foh-sim: --speed: 'nan' is not a number from 0 to 1000000" \
    $sim --speed nan
refused "foh-sim: --speed: '1e7' is not a number from 0 to 1000000" \
    $sim --speed 1e7
dur="is not a duration from 1ms to 365d, like 30, 30s or 5m"
for a in 5min 0 -3 1e3 '' 366d; do
	refused "foh-sim: --duration: '$a' $dur" $sim --duration "$a"
done
for a in ' 5' +5 -5 banana 18446744073709551616; do
	refused "foh-sim: --seed: '$a' $seed" $sim --seed "$a"
done
frames="is not a whole number from 1 to 1000000000000000"
for a in 1e3 1.0 0 10x 1000000000000001; do
	refused "foh-sim: --count-frames: '$a' $frames" $sim --count-frames "$a"
done
echo "ok: every numeric option refuses what is not its number"

# --help and --version, as GNU tools answer them: for every program and
# every subcommand, usage on stdout naming the command, nothing on stderr,
# exit 0; the usage names every option of the command's getopt table. The
# commands and their tables are read from the source, so a new subcommand
# or option is checked without touching this list.
src="$top_srcdir/src"

# tables FILE: "FUNCTION LONG" for each entry of each getopt_long table,
# and "FUNCTION -SHORTS" for each getopt_long call's short options.
tables() {
	awk '/^[a-z_][a-z_0-9]*\(/ { fn = $0; sub(/\(.*/, "", fn) }
	    /struct option/ { intab = 1; next }
	    intab && /};/ { intab = 0 }
	    intab && /\{ *"[a-z-]+"/ {
		s = $0; sub(/^[^"]*"/, "", s); sub(/".*/, "", s)
		print fn, "--" s }
	    /getopt_long\(/ {
		s = $0; sub(/^[^"]*"/, "", s); sub(/".*/, "", s)
		gsub(/:/, "", s); print fn, "-" s }' "$1"
}

# help_ok FILE FUNCTION CMD...: CMD --help, -h and --version, -V.
help_ok() {
	_file=$1 _fn=$2
	shift 2
	_name="$(basename "$1")${2:+ $2}"
	for _h in --help -h; do
		timeout 10 "$@" $_h </dev/null >"$TEST_DIR/out" 2>"$TEST_DIR/err"
		_st=$?
		[ "$_st" = 0 ] || { cat "$TEST_DIR/err" >&2; fail "$_name $_h: status $_st, want 0"; }
		[ -s "$TEST_DIR/err" ] && { cat "$TEST_DIR/err" >&2; fail "$_name $_h: wrote to stderr"; }
		head -n 1 "$TEST_DIR/out" | grep -q "^usage: $_name " ||
		    { cat "$TEST_DIR/out" >&2; fail "$_name $_h: no \"usage: $_name\" first"; }
	done
	_n=0
	for _opt in $(tables "$_file" | awk -v fn="$_fn" '$1 == fn { print $2 }'); do
		case $_opt in
		--*)	grep -q -- "$_opt\\([^a-z-]\\|$\\)" "$TEST_DIR/out" ||
			    fail "$_name --help does not name $_opt" ;;
		-*)	_shorts=${_opt#-}
			while [ -n "$_shorts" ]; do
				_c=$(printf '%s' "$_shorts" | cut -c1)
				_shorts=${_shorts#?}
				grep -Eq -- "(^|[[ ,|])-[a-zA-Z]*$_c" "$TEST_DIR/out" ||
				    fail "$_name --help does not name -$_c"
			done ;;
		esac
		_n=$((_n + 1))
	done
	[ "$_n" -gt 1 ] || fail "$_name: no getopt table found in $_file $_fn"
	for _v in --version -V; do
		timeout 10 "$@" $_v </dev/null >"$TEST_DIR/out" 2>"$TEST_DIR/err"
		_st=$?
		[ "$_st" = 0 ] || { cat "$TEST_DIR/err" >&2; fail "$_name $_v: status $_st, want 0"; }
		grep -Eq "^$(basename "$1") [0-9]+\.[0-9]+" "$TEST_DIR/out" ||
		    { cat "$TEST_DIR/out" >&2; fail "$_name $_v: no version"; }
	done
	echo "ok: $_name --help/-h (all its options) and --version/-V"
}

help_ok "$src/foh.c" main "$FOH"
help_ok "$src/fohd.c" main "$FOHD"
help_ok "$src/foh-sim.c" main "$FOH_SIM"
# foh's one-shot commands: the names in foh_oneshot_ops[].
ops=$(sed -n '/foh_oneshot_ops\[\] = {/,/};/p' "$src/foh-oneshot.c" |
    grep -o '"[a-z]*"' | tr -d '"')
[ "$(echo $ops | wc -w)" -ge 6 ] || fail "no one-shot commands found: $ops"
for op in $ops; do
	help_ok "$src/foh-oneshot.c" foh_oneshot "$FOH" "$op"
done
# fohd's subcommands: each argv[1] its main compares, run by fohd_NAME
# in src/fohd-NAME.c.
subs=$(grep -o 'strcmp(argv\[1\], "[a-z]*")' "$src/fohd.c" | grep -o '"[a-z]*"' |
    tr -d '"')
[ -n "$subs" ] || fail "no fohd subcommands found"
for sub in $subs; do
	help_ok "$src/fohd-$sub.c" "fohd_$sub" "$FOHD" "$sub"
done
# An unknown option is still refused with the usage on stderr.
refused "usage: fohd history" "$FOHD" history --bogus
refused "usage: foh ack" "$FOH" ack --bogus
echo "ok: every program and subcommand answers --help and --version"
