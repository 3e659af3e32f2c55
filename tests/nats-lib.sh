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
	sed -i -e "/^ *\(listen\|port\)/s/-1/$_p/" "$_c"
	[ -z "$_l" ] || sed -i -e "/NATS_LEAF_LISTEN/s/-1/$_l/" "$_c"
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
