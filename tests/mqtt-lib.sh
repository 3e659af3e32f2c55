# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# MQTT brokers for the tests (issue 16): Debian's mosquitto on loopback,
# started and stopped by the test. Sourced after tests/lib.sh.

# mqtt_free_port: a TCP port on 127.0.0.1 that the system gave free just
# now (mosquitto has no "port 0": it must be told a port).
mqtt_free_port() {
	"$DEBIAN_PYTHON3" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# mqtt_up PORT: does a broker on PORT take a connection and a message?
mqtt_up() {
	mosquitto_pub -h 127.0.0.1 -p "$1" -i "foh-probe-$$" -t foh/probe \
	    -m up -q 0 2>/dev/null
}

# mqtt_start NAME [CONF_LINES]: start mosquitto NAME on 127.0.0.1,
# anonymous, without persistence, with CONF_LINES added to its config;
# wait until it takes connections. Sets NAME_port (kept: mqtt_start NAME
# again after mqtt_stop NAME restarts it on the same port) and NAME_pid.
# Its log: $TEST_DIR/NAME.mosquitto.log.
mqtt_start() {
	_mn=$1
	need mosquitto mosquitto_pub mosquitto_sub
	eval "_mp=\${${_mn}_port:-}"
	[ -n "$_mp" ] || _mp=$(mqtt_free_port)
	{
		printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$_mp"
		printf 'persistence false\nlog_dest stderr\n'
		printf 'log_type error\nlog_type warning\nlog_type notice\n'
		[ -z "${2:-}" ] || printf '%s\n' "$2"
	} >"$TEST_DIR/$_mn.mosquitto.conf"
	mosquitto -c "$TEST_DIR/$_mn.mosquitto.conf" \
	    >>"$TEST_DIR/$_mn.mosquitto.log" 2>&1 &
	eval "${_mn}_pid=$!"
	track $!
	eval "${_mn}_port=$_mp"
	wait_until 10 mqtt_up "$_mp" ||
	    fail "mosquitto $_mn did not start on $_mp: $(tail -n 5 "$TEST_DIR/$_mn.mosquitto.log")"
}

# mqtt_stop NAME: stop broker NAME and wait until it is gone.
mqtt_stop() {
	eval "_mk=\$${1}_pid"
	kill "$_mk" 2>/dev/null
	wait "$_mk" 2>/dev/null
	! mqtt_up "$(eval "echo \$${1}_port")" ||
	    fail "mosquitto $1 still answers after it was stopped"
}
