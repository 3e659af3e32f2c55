# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# tests/report-lib.sh: the night of known numbers the report tests read
# (tests/report-fixture.sql on tests/report-fixture.conf's venue), in a
# journal whose schema fohd itself made. Sourced after tests/lib.sh.

REPORT_CONF=$TEST_DIR/report.conf
REPORT_DB=$TEST_DIR/report.db

# report_fixture: make $REPORT_CONF and $REPORT_DB.
report_fixture() {
	{
		printf '[journal]\npath = %s\n\n' "$REPORT_DB"
		cat "$top_srcdir/tests/report-fixture.conf"
	} >"$REPORT_CONF"
	# fohd opens the journal, so makes its schema; stopped once it is
	# there (the readers, fohd history and report, never create one).
	"$FOHD" -c "$REPORT_CONF" --stream "ipc://$TEST_DIR/report.pub" \
	    --control "ipc://$TEST_DIR/report.ctl" 2>"$TEST_DIR/report.log" &
	_fx=$!
	track $_fx
	wait_until 10 grep -q "venue .*: stream" "$TEST_DIR/report.log" ||
	    fail "fohd did not make the journal: $(cat "$TEST_DIR/report.log")"
	kill -TERM $_fx
	wait $_fx || fail "fohd on the fixture's journal: exit $?"
	"$DEBIAN_PYTHON3" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.executescript(open(sys.argv[2]).read())
c.commit()' "$REPORT_DB" "$top_srcdir/tests/report-fixture.sql" ||
	    fail "the fixture did not load"
}

# The fixture's range: its 12 samples and the alerts around them.
REPORT_FROM=2023-11-14T22:13:20Z
REPORT_TO=2023-11-14T22:15:20Z
