# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# tests/tls-lib.sh: what the TLS tests share, sourced after tests/lib.sh:
# certificates made by openssl at test time in $c (a CA with mkca, leaf
# certificates with mkcert, expired ones with mkexpired), and free_pair.
need openssl
c="$TEST_DIR/certs"
mkdir -p "$c/db/new"

# mkca NAME: a self-signed CA, NAME.pem and NAME.key (EC P-256).
mkca() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc \
	    -keyout "$c/$1.key" -out "$c/$1.pem" -days 30 -subj "/CN=$1" \
	    2>"$TEST_DIR/openssl.err" ||
	    { cat "$TEST_DIR/openssl.err" >&2; fail "openssl: CA $1"; }
}

# csr NAME CN: a key and a request for CN, with CN as its DNS name.
csr() {
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc \
	    -keyout "$c/$1.key" -out "$c/$1.csr" -subj "/CN=$2" \
	    -addext "subjectAltName=DNS:$2" 2>"$TEST_DIR/openssl.err" ||
	    { cat "$TEST_DIR/openssl.err" >&2; fail "openssl: request $1"; }
}

# mkcert NAME CA CN: NAME.pem for CN (DNS:CN) signed by CA, 30 days.
mkcert() {
	csr "$1" "$3"
	printf 'subjectAltName=DNS:%s\n' "$3" >"$c/$1.ext"
	openssl x509 -req -in "$c/$1.csr" -CA "$c/$2.pem" -CAkey "$c/$2.key" \
	    -CAcreateserial -days 30 -extfile "$c/$1.ext" -out "$c/$1.pem" \
	    2>"$TEST_DIR/openssl.err" ||
	    { cat "$TEST_DIR/openssl.err" >&2; fail "openssl: cert $1"; }
}

# mkexpired NAME CN: NAME.pem for CN from ca, valid 1-2 January 2020.
mkexpired() {
	csr "$1" "$2"
	openssl ca -batch -config "$c/db/ca.cnf" -cert "$c/ca.pem" \
	    -keyfile "$c/ca.key" -in "$c/$1.csr" -out "$c/$1.pem" -notext \
	    -startdate 20200101000000Z -enddate 20200102000000Z \
	    >"$TEST_DIR/openssl.err" 2>&1 ||
	    { cat "$TEST_DIR/openssl.err" >&2; fail "openssl ca: $1"; }
}

: >"$c/db/index.txt"
echo 1000 >"$c/db/serial"
cat >"$c/db/ca.cnf" <<EOF
[ca]
default_ca = d
[d]
database = $c/db/index.txt
new_certs_dir = $c/db/new
serial = $c/db/serial
default_md = sha256
policy = p
copy_extensions = copy
[p]
commonName = supplied
EOF
# free_pair: print a loopback port P with P+1 free too (a stream URL's
# control is on the next port).
free_pair() {
	for _i in 1 2 3 4 5 6 7 8 9 10; do
		_p=$(free_port)
		"$DEBIAN_PYTHON3" -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' \
		    $((_p + 1)) 2>/dev/null && { echo "$_p"; return 0; }
	done
	fail "no two free ports in a row"
}

