#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# A safety officer reads the journal without being fohd's user: fohd
# report, history and record run as a user who may read the journal but
# not write its directory (as root, through setpriv as nobody; otherwise
# the directory made read-only). While fohd runs they read through fohd's
# WAL index; after fohd stopped (it removes the index) they must still
# work, give what the owner gets, and leave no file behind; a lock file
# they cannot read is refused, saying so. A kill -9 leaves the WAL and
# its index: read as well, rows not yet copied into the database
# included. A journal that is not there is refused (exit 66, the path
# named), and not created; one of an older schema is refused and left as
# it was. The journal's directory has a space, '?', '#' and '%' in its
# name.
. "${top_srcdir:-.}/tests/lib.sh"
need "$NNGCAT" "$DEBIAN_PYTHON3"

club_names
chmod 755 "$TEST_DIR"
# A directory whose name a URI would misread.
jd="$TEST_DIR/j ?#%41"
mkdir "$jd" "$TEST_DIR/out"
chmod 777 "$TEST_DIR/out"
db="$jd/club.db"
{
	club_conf "$db"
	printf '[history]\nstep = 1s\n'
} >"$conf"
chmod 644 "$conf"
if [ "$(id -u)" = 0 ]; then
	need setpriv
	as_reader="setpriv --reuid=65534 --regid=65534 --clear-groups"
else
	as_reader=""
fi
# The reader runs a copy of fohd in the test's directory: the build tree
# may be where nobody can reach (a clone in /root).
mkdir "$TEST_DIR/bin"
cp "$FOHD" "$TEST_DIR/bin/fohd" && chmod 755 "$TEST_DIR/bin" "$TEST_DIR/bin/fohd" ||
    fail "cannot copy fohd"
FOHD=$TEST_DIR/bin/fohd
$as_reader "$FOHD" --version >/dev/null 2>&1 && $as_reader test -r "$conf" || {
	echo "SKIP: $TEST_NAME: the reader cannot reach $TEST_DIR (TMPDIR)" >&2
	exit 77
}
# reader NAME: as the reader (the directory read-only), fohd report (CSV
# of zone densities), history and record into $TEST_DIR/out/NAME.*;
# as the owner, the same into NAME.own.*, to compare.
reader() {
	# One end for both reads: fohd may be writing a row a second.
	_to=$(now_ms)
	chmod 555 "$jd"
	for who in reader own; do
		_run=$as_reader _o="$TEST_DIR/out/$1"
		[ $who = reader ] || { _run="" _o="$_o.own"; }
		$_run "$FOHD" report -c "$conf" --from -1h --to $_to --format csv \
		    --table density -o "$_o.csv" 2>"$_o.err" ||
		    fail "$1: fohd report as $who: $(cat "$_o.err")"
		$_run "$FOHD" history -c "$conf" >"$_o.hist" 2>>"$_o.err" ||
		    fail "$1: fohd history as $who: $(cat "$_o.err")"
		$_run "$FOHD" record -c "$conf" --from -1h --to $_to -o "$_o.jsonl" \
		    2>>"$_o.err" || fail "$1: fohd record as $who: $(cat "$_o.err")"
		# (The owner's read-only opens may leave a WAL index.)
		[ $who = own ] || left=$(ls "$jd" | tr '\n' ' ')
	done
	chmod 755 "$jd"
	_o="$TEST_DIR/out/$1"
	for x in csv hist jsonl; do
		cmp -s "$_o.$x" "$_o.own.$x" ||
		    fail "$1: the reader's $x differs from the owner's"
	done
	grep -q '^[^,]*,bar,' "$_o.csv" || fail "$1: no bar rows: $(head -3 "$_o.csv")"
	[ "$(wc -l <"$_o.hist")" -ge 1 ] || fail "$1: no history lines"
	echo "ok: $1: report ($(grep -c ',bar,' "$_o.csv") bar rows), history ($(wc -l <"$_o.hist") lines) and record as the reader, as the owner's"
}
# The bar's rows in the journal's history tables.
bar_rows() {
	$py -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM zone_samples WHERE zone = ?", ("bar",)).fetchone()[0])' "$db"
}

fohd_start
$client send "$ws" "" '{"kind":"zone_count","zone":"bar","count":30}' |
    grep -q '"accepted": 1' || fail "reading refused"
rows_over() {	# rows_over N: more than N rows of the bar?
	[ "$(bar_rows)" -gt "$1" ]
}
wait_until 10 rows_over 1 || fail "no history rows"
reader running

kill -TERM $pid
wait $pid || fail "fohd exit $?"
[ ! -e "$db-wal" ] && [ ! -e "$db-shm" ] ||
    fail "fohd left its WAL after a clean stop: $(ls "$jd")"
reader stopped
[ "$left" = "club.db club.db.lock " ] || fail "the reader left a file: $left"

# A lock file the reader cannot read: whether fohd writes is not known,
# so it is refused, saying why, rather than read as unchanging.
# (The owner's read left an empty WAL and its index: gone, as after a
# clean stop.)
[ ! -s "$db-wal" ] || fail "the owner's read left a WAL with rows"
rm -f "$db-wal" "$db-shm"
chmod 000 "$db.lock"
chmod 555 "$jd"
$as_reader "$FOHD" history -c "$conf" >/dev/null 2>"$TEST_DIR/lock.err"
rc=$?
chmod 755 "$jd"
chmod 644 "$db.lock"
[ $rc = 66 ] && grep -q "cannot read $db.lock to see whether fohd writes it: Permission denied" \
    "$TEST_DIR/lock.err" || fail "an unreadable lock: exit $rc: $(cat "$TEST_DIR/lock.err")"
echo "ok: an unreadable lock: $(cat "$TEST_DIR/lock.err")"

# A kill -9: the WAL and its index stay; the last rows are only there.
fohd_start
$client send "$ws" "" '{"kind":"zone_count","zone":"bar","count":42}' |
    grep -q '"accepted": 1' || fail "reading refused after the restart"
n=$(bar_rows)
wait_until 10 rows_over $((n + 1)) || fail "no new history rows"
kill -9 $pid
wait $pid 2>/dev/null
[ -e "$db-wal" ] || fail "no WAL after kill -9"
reader killed
grep -q ',bar,0.70' "$TEST_DIR/out/killed.csv" ||
    fail "killed: the rows only in the WAL are not read: $(grep ',bar,' "$TEST_DIR/out/killed.csv" | tail -2)"
echo "ok: killed: the rows in the WAL are read (42 on 60 m2: 0.70)"

# A journal of an older schema (version 3, before the history tables):
# readers refuse it, naming the version, and leave it as it was (a writer
# upgrades it; a reader changes nothing).
cp "$db" "$TEST_DIR/old.db"
$py -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 3"); c.commit(); c.close()' "$TEST_DIR/old.db"
rm -f "$TEST_DIR/old.db-wal" "$TEST_DIR/old.db-shm"
sum=$(cksum <"$TEST_DIR/old.db")
sed "s|^path = $db|path = $TEST_DIR/old.db|" "$conf" >"$TEST_DIR/old.conf"
"$FOHD" history -c "$TEST_DIR/old.conf" >/dev/null 2>"$TEST_DIR/old.err"
rc=$?
[ $rc = 66 ] && grep -q "old.db: schema version 3, not 4: run this fohd on it once" \
    "$TEST_DIR/old.err" || fail "history of a version 3 journal: exit $rc: $(cat "$TEST_DIR/old.err")"
"$FOHD" report -c "$TEST_DIR/old.conf" --from -1h -o "$TEST_DIR/out/old.html" 2>"$TEST_DIR/old.err"
rc=$?
[ $rc = 66 ] && grep -q "old.db: journal schema version 3 has no history" \
    "$TEST_DIR/old.err" || fail "report of a version 3 journal: exit $rc: $(cat "$TEST_DIR/old.err")"
[ "$(cksum <"$TEST_DIR/old.db")" = "$sum" ] || fail "a reader changed the version 3 journal"
echo "ok: a version 3 journal: refused by history and report, unchanged"

# A journal that is not there: refused, named, and not created.
sed "s|^path = $db|path = $jd/none.db|" "$conf" >"$TEST_DIR/none.conf"
"$FOHD" history -c "$TEST_DIR/none.conf" 2>"$TEST_DIR/none.err"
rc=$?
[ $rc = 66 ] || fail "history of no journal: exit $rc, want 66: $(cat "$TEST_DIR/none.err")"
grep -q "$jd/none.db: cannot read the journal: No such file" \
    "$TEST_DIR/none.err" || fail "history of no journal: $(cat "$TEST_DIR/none.err")"
[ ! -e "$jd/none.db" ] || fail "fohd history created the journal"
echo "ok: no journal: $(cat "$TEST_DIR/none.err"), and none created"
