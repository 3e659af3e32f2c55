# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# tests/nats-sites.sh: the sample NATS system of conf/nats/ run for a test,
# sourced after tests/lib.sh and tests/nats-lib.sh: the hub and the leaf
# nodes of sites north (venue club) and south (arena, festival) from the
# shipped configs, with certificates from the shipped mkcerts.sh; and fohd
# venues publishing through them.
need "$DEBIAN_PYTHON3" openssl
nc="$DEBIAN_PYTHON3 $top_srcdir/tests/nats_client.py"

# sites_start: certificates, configs checked with nats-server -t, the hub,
# then both leaf nodes; wait until the hub has both. Sets hub_url
# (tls://127.0.0.1:PORT, for consoles) and north_url, south_url (for fohd).
sites_start() {
	nats_site_certs
	nats_conf_site hub.conf hub >/dev/null
	for _s in hub; do
		nats-server -t -c "$TEST_DIR/$_s.conf" >"$TEST_DIR/t.out" 2>&1 ||
		    fail "nats-server -t: conf/nats/$_s.conf: $(cat "$TEST_DIR/t.out")"
	done
	nats_start hub "$TEST_DIR/hub.conf"
	nats_conf_site leaf-north.conf north "$hub_leaf" >/dev/null
	nats_conf_site leaf-south.conf south "$hub_leaf" >/dev/null
	for _s in north south; do
		nats-server -t -c "$TEST_DIR/$_s.conf" >"$TEST_DIR/t.out" 2>&1 ||
		    fail "nats-server -t: conf/nats/leaf-$_s.conf: $(cat "$TEST_DIR/t.out")"
	done
	echo "ok: nats-server -t accepts conf/nats/hub.conf, leaf-north.conf, leaf-south.conf"
	nats_start north "$TEST_DIR/north.conf"
	nats_start south "$TEST_DIR/south.conf"
	wait_until 20 nats_leafs hub 2 ||
	    { cat "$TEST_DIR/hub.log" >&2; fail "the leaf nodes did not join the hub"; }
	hub_url="tls://127.0.0.1:$hub_port"
	north_url="tls://127.0.0.1:$north_port"
	south_url="tls://127.0.0.1:$south_port"
	echo "ok: hub (client $hub_port, leaf $hub_leaf), leaf nodes north and south joined over TLS"
}

# venue_conf NAME SITE CERT [LINES]: print venue NAME's config (conf/NAME.conf
# on ipc sockets, ingest on a kernel port without the simulator, a journal,
# operator ana, rule bar-full where NAME is club) with [nats] to SITE's leaf
# node using certificate CERT (venue-NAME, or another's), and LINES.
venue_conf() {
	sed -e "s#^stream = .*#stream = ipc://$TEST_DIR/$1.pub#" \
	    -e "s#^control = .*#control = ipc://$TEST_DIR/$1.ctl#" \
	    "$top_srcdir/conf/$1.conf"
	conf_ingest
	printf '[journal]\npath = %s\n' "$TEST_DIR/$1.db"
	printf '[operator ana]\nuid = %s\nrights = all\n' "$(id -u)"
	[ "$1" != club ] || conf_bar_full
	printf '[nats]\nurl = tls://127.0.0.1:%s\nca = %s\ncert = %s\nkey = %s\n' \
	    "$(eval echo "\$${2}_port")" "$NATS_CERTS/ca.pem" \
	    "$NATS_CERTS/$3.pem" "$NATS_CERTS/$3.key"
	printf 'domain = %s\nmax_age = 1h\nmax_bytes = 64M\n' "$2"
	[ -z "${4:-}" ] || printf '%s\n' "$4"
}

# venue_start NAME SITE CERT [LINES]: run fohd for venue NAME (venue_conf)
# with its log in $TEST_DIR/NAME.log; wait for its ingest port. Sets
# NAME_pid, NAME_ws (WebSocket ingest), NAME_metrics and NAME_ctl (its nng
# control).
venue_start() {
	venue_conf "$@" >"$TEST_DIR/$1.conf"
	: >"$TEST_DIR/$1.log"
	"$FOHD" -c "$TEST_DIR/$1.conf" 2>>"$TEST_DIR/$1.log" &
	eval "${1}_pid=$!"
	track $!
	wait_until 10 grep -q "ingest on 127.0.0.1:[1-9]" "$TEST_DIR/$1.log" ||
	    { cat "$TEST_DIR/$1.log" >&2; fail "fohd $1 did not start"; }
	_p=$(sed -n 's/.*ingest on 127\.0\.0\.1:\([0-9]*\).*/\1/p' \
	    "$TEST_DIR/$1.log" | tail -n 1)
	eval "${1}_ws=ws://127.0.0.1:$_p/ingest"
	eval "${1}_metrics=http://127.0.0.1:$_p/metrics"
	eval "${1}_ctl=ipc://$TEST_DIR/$1.ctl"
}

# vmetric NAME METRIC [LABELS]: METRIC of venue NAME's fohd.
vmetric() {
	"$DEBIAN_PYTHON3" "$top_srcdir/tests/ingest_client.py" metric \
	    "$(eval echo "\$${1}_metrics")" "$2" ${3:+"$3"}
}

# venue_connected NAME: does venue NAME's fohd say it is connected to NATS?
venue_connected() {
	[ "$(vmetric "$1" fohd_nats_connected)" = 1 ]
}

# as WHO CMD...: nats_client.py CMD as certificate WHO.
as() {
	_who=$1
	shift
	# shellcheck disable=SC2046 # the options have no blanks
	$nc $(nats_tls "$_who") "$@"
}
