#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
#
# conf/nats/mkcerts.sh: the certificates of a foh NATS system (doc/DEPLOYING.md),
# made with openssl alone. Every certificate is signed by one CA; a client
# certificate's subject is what the servers' verify_and_map turn into a user:
#
#   mkcerts.sh DIR ca                     DIR/ca.pem, DIR/ca.key (keep ca.key offline)
#   mkcerts.sh DIR server NAME HOST...    a server (hub or leaf node): CN=NAME,
#                                         subjectAltName DNS:/IP: for each HOST
#   mkcerts.sh DIR site NAME              a leaf node's remote to the hub:
#                                         user "CN=NAME,OU=site,O=foh"
#   mkcerts.sh DIR venue ID               fohd of venue ID: "CN=ID,OU=venue,O=foh"
#   mkcerts.sh DIR console NAME           an operator's console: "CN=NAME,OU=console,O=foh"
#
# Each writes DIR/ROLE-NAME.pem and DIR/ROLE-NAME.key (ca: ca.pem, ca.key),
# EC P-256, valid DAYS days (environment, default 825; the CA 3650).
set -eu

usage() {
	echo "usage: mkcerts.sh DIR ca | server NAME HOST... | site NAME | venue ID | console NAME" >&2
	exit 2
}

# mkcerts_sign OUT SUBJECT EXTFILE: a key OUT.key and OUT.pem for SUBJECT,
# signed by DIR/ca with the extensions in EXTFILE.
mkcerts_sign() {
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc \
	    -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
	openssl x509 -req -in "$1.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
	    -CAcreateserial -days "${DAYS:-825}" -extfile "$3" -out "$1.pem" \
	    2>/dev/null
	rm -f "$1.csr" "$3"
	chmod 600 "$1.key"
	echo "$1.pem: $(openssl x509 -in "$1.pem" -noout -subject -nameopt RFC2253)"
}

# mkcerts_client ROLE NAME: a client certificate for user CN=NAME,OU=ROLE,O=foh.
mkcerts_client() {
	case "$2" in
	''|*[!a-z0-9_-]*) echo "mkcerts.sh: $1 name '$2': a-z, 0-9, _ and - only" >&2
		exit 2 ;;
	esac
	printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n' \
	    >"$dir/$1-$2.ext"
	mkcerts_sign "$dir/$1-$2" "/O=foh/OU=$1/CN=$2" "$dir/$1-$2.ext"
}

[ $# -ge 2 ] || usage
dir=$1 role=$2
shift 2
mkdir -p "$dir"
case "$role" in
ca)
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc \
	    -keyout "$dir/ca.key" -out "$dir/ca.pem" -days 3650 \
	    -subj "/O=foh/CN=foh NATS CA" 2>/dev/null
	chmod 600 "$dir/ca.key"
	echo "$dir/ca.pem: $(openssl x509 -in "$dir/ca.pem" -noout -subject -nameopt RFC2253)"
	;;
server)
	[ $# -ge 2 ] || usage
	name=$1
	shift
	san=""
	for h in "$@"; do
		case "$h" in
		*[!0-9.]*) san="$san,DNS:$h" ;;
		*) san="$san,IP:$h" ;;
		esac
	done
	printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=%s\n' \
	    "${san#,}" >"$dir/server-$name.ext"
	mkcerts_sign "$dir/server-$name" "/O=foh/OU=server/CN=$name" \
	    "$dir/server-$name.ext"
	;;
site|venue|console)
	[ $# = 1 ] || usage
	mkcerts_client "$role" "$1"
	;;
*)
	usage
	;;
esac
