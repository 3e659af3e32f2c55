#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# fohd report on the fixture night (tests/report-lib.sh): its command line
# refuses bad times, formats and tables naming the option; the HTML's
# numbers, read back by the contract (table ids, data-* keys, fixed
# formats: fohd(8), REPORT), are the fixture's known ones; an operator's
# comment with <script> comes out inert; drill rows only with --drill and
# then only they; the CSV tables and the JSON say the same numbers; a
# report of a range with nothing in it is still a whole page.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/report-lib.sh"

need "$DEBIAN_PYTHON3"
report_fixture
R="$FOHD report -c $REPORT_CONF"

refused() {	# refused STATUS MESSAGE ARGS...: fohd report's answer
	_st=$1 _msg=$2
	shift 2
	timeout 20 $R "$@" >"$TEST_DIR/out" 2>"$TEST_DIR/err"
	_got=$?
	[ "$_got" = "$_st" ] || { cat "$TEST_DIR/err" >&2; fail "$*: status $_got, want $_st"; }
	grep -qF -- "$_msg" "$TEST_DIR/err" || { cat "$TEST_DIR/err" >&2; fail "$*: no \"$_msg\""; }
	echo "ok: $* -> $_st: $(head -n 1 "$TEST_DIR/err")"
}
refused 64 "fohd: --from: 'banana' is not a time" --from banana
refused 64 "fohd: --to: '2023-13-01' is not a time" --to 2023-13-01
refused 64 "fohd: --to: '2023-11-14T22:15:20' is not a time" --to 2023-11-14T22:15:20
refused 64 "fohd: --from: '-6x' is not a time" --from -6x
refused 64 "fohd: --from: '2023-02-30' is not a time" --from 2023-02-30
refused 64 "fohd: --from: the range is empty" --from "$REPORT_TO" --to "$REPORT_FROM"
refused 64 "fohd: --format: 'pdf' is not html, csv or json" --format pdf
refused 64 "fohd: --table: no table 'nope'" --format csv --table nope
refused 64 "fohd: --table: only with --format csv" --table zones
refused 73 "$TEST_DIR/no/such/dir/r.html: cannot write it" -o "$TEST_DIR/no/such/dir/r.html"
sed 's|^path = .*|path = '"$TEST_DIR"'/absent.db|' "$REPORT_CONF" >"$TEST_DIR/absent.conf"
timeout 20 "$FOHD" report -c "$TEST_DIR/absent.conf" >/dev/null 2>"$TEST_DIR/err"
[ $? = 66 ] && grep -q "absent.db: cannot read the journal: No such file" "$TEST_DIR/err" ||
	{ cat "$TEST_DIR/err" >&2; fail "a missing journal: not refused"; }
[ ! -e "$TEST_DIR/absent.db" ] || fail "fohd report made a journal"

# The whole night; then the drill's; the CSV tables; the JSON.
$R --from "$REPORT_FROM" --to 2023-11-14T22:20:00Z -o "$TEST_DIR/r.html" ||
	fail "fohd report"
$R --from "$REPORT_FROM" --to 2023-11-14T22:20:00Z --drill -o "$TEST_DIR/d.html" ||
	fail "fohd report --drill"
for t in zones times decisions density; do
	$R --from "$REPORT_FROM" --to 2023-11-14T22:20:00Z --format csv \
	    --table $t -o "$TEST_DIR/$t.csv" || fail "fohd report --table $t"
done
$R --from "$REPORT_FROM" --to 2023-11-14T22:20:00Z --format json \
    -o "$TEST_DIR/r.json" || fail "fohd report --format json"
# A comment whose bytes are not UTF-8: each bad byte written as U+FFFD.
$R --from "$REPORT_FROM" --to 2023-11-14T22:30:00Z -o "$TEST_DIR/bad.html" ||
	fail "fohd report, bad bytes"
$R --from "$REPORT_FROM" --to 2023-11-14T22:30:00Z --format json \
    -o "$TEST_DIR/bad.json" || fail "fohd report --format json, bad bytes"
# The same range in Unix ms (fohd record's times, one syntax for both): the
# same report, byte for byte.
from_ms=$(( $(date -u -d "$(echo "$REPORT_FROM" | sed 's/T/ /; s/Z$//')" +%s) * 1000 ))
to_ms=$(( $(date -u -d "2023-11-14 22:20:00" +%s) * 1000 ))
$R --from "$from_ms" --to "$to_ms" -o "$TEST_DIR/ms.html" ||
	fail "fohd report --from $from_ms --to $to_ms"
cmp -s "$TEST_DIR/r.html" "$TEST_DIR/ms.html" ||
	fail "--from $from_ms (Unix ms) differs from --from $REPORT_FROM"
echo "ok: --from $from_ms --to $to_ms (Unix ms) gives the report of $REPORT_FROM"
# A range with nothing in it: a whole page, no numbers.
$R --from -1h --to now -o "$TEST_DIR/empty.html" || fail "an empty range"
ls "$TEST_DIR"/*.tmp 2>/dev/null && fail "a .tmp file left behind"

"$DEBIAN_PYTHON3" - "$TEST_DIR" <<'PY' || fail "the report's numbers"
import csv, html.parser, json, sys
d = sys.argv[1]

class Cells(html.parser.HTMLParser):
    """table id -> [(row's data-* attrs, {data-k: text})], in order."""
    def __init__(self):
        super().__init__()
        self.t, self.table, self.row, self.key = {}, None, None, None
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == "table" and "id" in a:
            self.table = self.t.setdefault(a["id"], [])
        elif tag == "tr" and self.table is not None and len(a):
            self.row = ({k: v for k, v in a.items()}, {})
            self.table.append(self.row)
        elif tag == "td" and self.row is not None and "data-k" in a:
            self.key = a["data-k"]
            self.row[1][self.key] = ""
    def handle_endtag(self, tag):
        if tag == "td":
            self.key = None
        elif tag == "table":
            self.table = self.row = None
    def handle_data(self, s):
        if self.key is not None:
            self.row[1][self.key] += s

def parse(name):
    p = Cells()
    p.feed(open("%s/%s" % (d, name), encoding="utf-8").read())
    return p.t

def row(t, attr, value):
    for a, cells in t:
        if a.get(attr) == value:
            return cells
    raise SystemExit("no row %s=%s" % (attr, value))

def want(what, got, exp):
    if got != exp:
        raise SystemExit("%s: %r, want %r" % (what, got, exp))
    print("ok: %s = %r" % (what, got))

t = parse("r.html")
z = row(t["zones"], "data-zone", "dance")
want("dance peak", z["peak"], "6.25")
want("dance peak_at", z["peak_at"], "2023-11-14T22:14:10Z")
want("dance min_f (5 rows of 10 s)", z["min_f"], "0.8")
want("dance min_e", z["min_e"], "0.3")
want("dance cap_use", z["cap_use"], "156")
want("door min_a", row(t["zones"], "data-zone", "door")["min_a"], "2.0")
w = row(t["times-severity"], "data-group", "warning")
want("warning n", w["n"], "4")
want("warning ack median, p90, worst",
     (w["ack_median"], w["ack_p90"], w["ack_worst"]), ("20.0", "45.0", "45.0"))
want("warning resolve median, p90", (w["res_median"], w["res_p90"]),
     ("100.0", "150.0"))
c = row(t["times-severity"], "data-group", "critical")
want("critical (escalated) ack", c["ack_median"], "12.5")
i = row(t["times-severity"], "data-group", "info")
want("info ack (none)", (i["n"], i["ack_median"]), ("1", "\u2014"))
want("alice's p90", row(t["times-operator"], "data-group", "alice")["ack_p90"],
     "20.0")
dec = [(a["data-alert"], c["operator"], c["op"], c["result"])
       for a, c in t["decisions"]]
want("decision log", dec, [("1", "alice", "ack", "done"),
     ("3", "alice", "ack", "done"), ("5", "bob", "ack", "done"),
     ("2", "mallory", "ack", "forbidden"), ("2", "bob", "ack", "done"),
     ("3", "bob", "shelve", "done"), ("5", "alice", "approve", "done")])
want("the approval's hook", t["decisions"][6][1]["hook"], "exit 3")
want("bob's comment, as text", t["decisions"][2][1]["note"],
     '<script>alert(1)</script> & "x"')
raw = open(d + "/r.html", encoding="utf-8").read()
if "<script" in raw.lower() or "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " \
   "&quot;x&quot;" not in raw:
    raise SystemExit("the comment is not escaped")
want("venue name, escaped", "Basement &lt;Club&gt; &amp; Bar" in raw, True)
want("gate min_over", row(t["gates"], "data-gate", "door")["min_over"], "0.5")
want("events", [(c["subject"], c["to"]) for a, c in t["events"]],
     [("amp-main", "warning"), ("amp-main", "ok"), ("counter", "major")])
want("real: no drill mark", 'id="drill"' in raw, False)
want("real: no drill alert", "900" in [a["data-alert"] for a, c in t["alerts"]],
     False)

t = parse("d.html")
want("drill: decisions", [(c["operator"], c["op"]) for a, c in t["decisions"]],
     [("drillop", "ack")])
want("drill: dance peak", row(t["zones"], "data-zone", "dance")["peak"], "7.00")
want("drill: alerts", [a["data-alert"] for a, c in t["alerts"]], ["900"])
want("drill: mark", 'id="drill"' in open(d + "/d.html").read(), True)

rows = list(csv.DictReader(open(d + "/times.csv", newline="")))
w = [r for r in rows if r["group"] == "warning"][0]
want("csv warning", (w["by"], w["ack_median"], w["ack_p90"], w["ack_worst"]),
     ("severity", "20.0", "45.0", "45.0"))
want("csv info none", [r for r in rows if r["group"] == "info"][0]["ack_median"],
     "")
rows = list(csv.DictReader(open(d + "/decisions.csv", newline="")))
want("csv comment", rows[2]["note"], '<script>alert(1)</script> & "x"')
want("csv hook", rows[6]["hook"], "exit 3")
rows = list(csv.DictReader(open(d + "/zones.csv", newline="")))
want("csv dance", (rows[0]["zone"], rows[0]["min_f"], rows[0]["peak"]),
     ("dance", "0.8", "6.25"))
rows = list(csv.DictReader(open(d + "/density.csv", newline="")))
want("csv density rows", len(rows), 36)

j = json.load(open(d + "/r.json"))
z = j["zones"][0]
want("json dance F minutes", round(z["minutes"]["F"] * 60), 50)
want("json series", (len(z["series"]), z["series"][5]), (12, [1700000050000, 6.25]))
want("json warning ack p90", j["times"]["severity"][1]["ack_p90"], 45.0)
want("json info median", j["times"]["severity"][2]["ack_median"], None)
want("json decisions", len(j["decisions"]), 7)
want("json drill", j["drill"], False)

want("bad bytes, JSON", json.load(open(d + "/bad.json"))["decisions"][7]["note"],
     "bad\ufffd byte\ufffd")
want("bad bytes, HTML", parse("bad.html")["decisions"][7][1]["note"],
     "bad\ufffd byte\ufffd")

t = parse("empty.html")
want("empty: zone rows", len(t["zones"]), 3)
want("empty: no peak", row(t["zones"], "data-zone", "dance")["peak"], "\u2014")
want("empty: no decisions", len(t["decisions"]), 0)
PY
"$DEBIAN_PYTHON3" "$top_srcdir/tests/report_check.py" html "$TEST_DIR/empty.html" 5 ||
	fail "the empty range's HTML"
"$DEBIAN_PYTHON3" "$top_srcdir/tests/report_check.py" html "$TEST_DIR/bad.html" 5 ||
	fail "the HTML with bad bytes"

# Two hours on (tests/report-fixture.sql, T2): a reload from 60 s to 10 s,
# a flapping alert that settles off, an operator whose name and comment
# are spreadsheet formulas. The CSV keeps them text (a ' before them); the
# numbers, checked by tests/report_check.py from the journal alone, are
# the hand-computed ones.
T2A=1700007140000 T2B=1700010800000
$R --from $T2A --to $T2B -o "$TEST_DIR/t2.html" || fail "fohd report, T2"
for t in decisions zones times alerts; do
	$R --from $T2A --to $T2B --format csv --table $t \
	    -o "$TEST_DIR/t2-$t.csv" || fail "fohd report --table $t, T2"
done
"$DEBIAN_PYTHON3" - "$TEST_DIR" <<'PY' || fail "the T2 night's CSV and HTML"
import csv, sys, html.parser
d = sys.argv[1]
def want(what, got, exp):
    if got != exp:
        sys.exit("%s: %r, want %r" % (what, got, exp))
    print("ok: %s: %r" % (what, got))
rows = list(csv.DictReader(open(d + "/t2-decisions.csv", newline="")))
want("decisions", len(rows), 2)
evil = rows[1]
want("formula operator", evil["operator"], "'=cmd|' /C calc'!A0")
want("formula note", evil["note"],
     "'=HYPERLINK(\"http://evil.example/x\",\"click\")")
want("numbers stay numbers", (evil["alert"], rows[0]["operator"]),
     ("7", "carol"))
times = list(csv.DictReader(open(d + "/t2-times.csv", newline="")))
want("operator group", [r["group"] for r in times if r["by"] == "operator"],
     ["carol"])
al = list(csv.DictReader(open(d + "/t2-alerts.csv", newline="")))
want("settled alert resolved after", (al[0]["alert"], al[0]["res_s"]),
     ("7", "90.0"))
z = {r["zone"]: r for r in csv.DictReader(open(d + "/t2-zones.csv",
                                                newline=""))}
want("dance F, E minutes (170 s, 20 s)", (z["dance"]["min_f"],
     z["dance"]["min_e"]), ("2.8", "0.3"))
PY
py="$DEBIAN_PYTHON3 $top_srcdir/tests/report_check.py"
$py --journal "$REPORT_DB" --html "$TEST_DIR/t2.html" --from $T2A --to $T2B \
    --conf "$REPORT_CONF" >"$TEST_DIR/t2-check.out" ||
	{ cat "$TEST_DIR/t2-check.out" >&2; fail "report_check.py, T2"; }
grep -q '^zone dance: min_f journal 2.8 html 2.8 ok' "$TEST_DIR/t2-check.out" &&
    grep -q '^severity warning: res_median journal 90.0 html 90.0 ok' \
    "$TEST_DIR/t2-check.out" && grep -q '^zone dance: cap_use journal 150 ' \
    "$TEST_DIR/t2-check.out" || { cat "$TEST_DIR/t2-check.out" >&2;
	fail "report_check.py did not check T2's numbers"; }
echo "ok: report_check.py, T2: $(tail -n 1 "$TEST_DIR/t2-check.out")"
# The first night by the checker too: hooks, cap_use, severities.
$py --journal "$REPORT_DB" --html "$TEST_DIR/r.html" --from "$REPORT_FROM" \
    --to 2023-11-14T22:20:00Z --conf "$REPORT_CONF" >"$TEST_DIR/r-check.out" ||
	{ cat "$TEST_DIR/r-check.out" >&2; fail "report_check.py, the night"; }
grep -q 'hook journal exit 3 html exit 3 ok' "$TEST_DIR/r-check.out" ||
	{ cat "$TEST_DIR/r-check.out" >&2; fail "report_check.py: no hook check"; }
echo "ok: report_check.py, the night: $(tail -n 1 "$TEST_DIR/r-check.out")"
echo "ok: fohd report"
