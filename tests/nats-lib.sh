# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# tests/nats-lib.sh: NATS servers for the multi-site tests, sourced after
# tests/lib.sh. Each server runs from a config the test writes, on
# loopback with ports the system chose (port -1 in the config) and fixed
# at its first start, so that a restart (the WAN coming back) listens
# where its clients and leaf nodes dial again.
need nats-server

# nats_start NAME CONF: start nats-server NAME from the config file CONF
# (its client, leafnode and monitoring listeners may say -1), store under
# $TEST_DIR/NAME.js, log $TEST_DIR/NAME.log; wait up to 20 s for it to be
# ready. Sets NAME_port (clients), NAME_leaf (leaf nodes, if it listens
# for them) and NAME_pid, and remembers the ports in CONF for a restart.
nats_start() {
	_n=$1 _c=$2
	: >"$TEST_DIR/$_n.log"
	nats-server -c "$_c" -l "$TEST_DIR/$_n.log" &
	eval "${_n}_pid=$!"
	track $!
	wait_until 20 grep -q "Server is ready" "$TEST_DIR/$_n.log" ||
	    { cat "$TEST_DIR/$_n.log" >&2; fail "nats-server $_n did not start"; }
	_p=$(sed -n 's/.*Listening for client connections on [^ ]*:\([0-9]*\).*/\1/p' \
	    "$TEST_DIR/$_n.log" | tail -n 1)
	_l=$(sed -n 's/.*Listening for leafnode connections on [^ ]*:\([0-9]*\).*/\1/p' \
	    "$TEST_DIR/$_n.log" | tail -n 1)
	[ -n "$_p" ] || fail "nats-server $_n: no client port in its log"
	eval "${_n}_port=$_p"
	eval "${_n}_leaf=$_l"
	# The next start listens on the same ports.
	# (not the leaf node listener's line: that one gets its own port).
	sed -i -e "/NATS_LEAF_LISTEN/!s/^\( *\(listen\|port\).*\)-1/\1$_p/" "$_c"
	[ -z "$_l" ] || sed -i -e "/NATS_LEAF_LISTEN/s/-1/$_l/" "$_c"
	# The monitoring port (http: HOST:-1), if it has one: NAME_http.
	_h=$(sed -n 's/.*Starting http monitor on [^ ]*:\([0-9]*\).*/\1/p' \
	    "$TEST_DIR/$_n.log" | tail -n 1)
	eval "${_n}_http=$_h"
	[ -z "$_h" ] || sed -i -e "/^ *http:/s/-1/$_h/" "$_c"
}

# nats_stop NAME: stop nats-server NAME and wait for it to be gone.
nats_stop() {
	eval "_pid=\$${1}_pid"
	kill "$_pid" 2>/dev/null
	wait "$_pid" 2>/dev/null
	return 0
}

# nats_conf_js NAME: a config for a lone JetStream server NAME on
# loopback (client port -1, store in $TEST_DIR/NAME.js, max_payload 2 MB)
# into $TEST_DIR/NAME.conf; prints the file's name. Tests append to it.
nats_conf_js() {
	cat >"$TEST_DIR/$1.conf" <<EOC
server_name: $1
listen: 127.0.0.1:-1
max_payload: 2MB
jetstream {
	store_dir: "$TEST_DIR/$1.js"
	max_memory_store: 64MB
	max_file_store: 256MB
}
EOC
	echo "$TEST_DIR/$1.conf"
}

# nats_conf_site TEMPLATE NAME [HUB_LEAF_PORT]: fill the shipped config
# $top_srcdir/conf/nats/TEMPLATE (hub.conf, leaf-north.conf ...) for this
# test into $TEST_DIR/NAME.conf and print its name: certificates from
# $NATS_CERTS (conf/nats/mkcerts.sh's DIR), the store in $TEST_DIR/NAME.js,
# every listener on loopback with a port of the system's choosing, and a
# leaf node's remote at 127.0.0.1:HUB_LEAF_PORT. Nothing else changes:
# the permissions are the shipped ones.
nats_conf_site() {
	sed -e "s#/etc/foh/nats/#$NATS_CERTS/#" \
	    -e "s#\"/var/lib/nats/[a-z]*\"#\"$TEST_DIR/$2.js\"#" \
	    -e "s#0\.0\.0\.0:[0-9]*#127.0.0.1:-1#" \
	    -e "s#^http: 127\.0\.0\.1:[0-9]*#http: 127.0.0.1:-1#" \
	    -e "s#tls://hub\.example\.net:[0-9]*#tls://127.0.0.1:${3:-0}#" \
	    "$top_srcdir/conf/nats/$1" >"$TEST_DIR/$2.conf" ||
	    fail "conf/nats/$1: cannot fill it in"
	echo "$TEST_DIR/$2.conf"
}

# nats_site_certs: make, with the shipped conf/nats/mkcerts.sh, the CA and
# the certificates of the sample system in $NATS_CERTS: servers hub, north
# and south (for 127.0.0.1), sites north and south, venues club, arena and
# festival, consoles desk1 and desk2.
nats_site_certs() {
	NATS_CERTS="$TEST_DIR/nats-certs"
	_mk="$top_srcdir/conf/nats/mkcerts.sh"
	{
		"$_mk" "$NATS_CERTS" ca &&
		for _s in hub north south; do
			"$_mk" "$NATS_CERTS" server $_s localhost 127.0.0.1 || exit 1
		done &&
		for _s in north south; do
			"$_mk" "$NATS_CERTS" site $_s || exit 1
		done &&
		for _s in club arena festival; do
			"$_mk" "$NATS_CERTS" venue $_s || exit 1
		done &&
		"$_mk" "$NATS_CERTS" console desk1 &&
		"$_mk" "$NATS_CERTS" console desk2
	} >"$TEST_DIR/mkcerts.log" 2>&1 ||
	    { cat "$TEST_DIR/mkcerts.log" >&2; fail "conf/nats/mkcerts.sh"; }
}

# nats_tls WHO: the nats_client.py options for certificate WHO
# (venue-club, console-desk1, site-north ...) of $NATS_CERTS.
nats_tls() {
	echo "--ca $NATS_CERTS/ca.pem --cert $NATS_CERTS/$1.pem --key $NATS_CERTS/$1.key"
}

# nats_leafz NAME: print server NAME's /leafz (its monitoring port).
nats_leafz() {
	eval "_h=\$${1}_http"
	"$DEBIAN_PYTHON3" -c 'import sys,urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' \
	    "http://127.0.0.1:$_h/leafz"
}

# nats_leafs NAME N: does server NAME count N leaf node connections?
nats_leafs() {
	[ "$(nats_leafz "$1" | "$DEBIAN_PYTHON3" -c 'import json,sys; print(len(json.load(sys.stdin).get("leafs") or []))')" = "$2" ]
}
