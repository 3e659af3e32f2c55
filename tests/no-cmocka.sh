#!/bin/sh
# SPDX-License-Identifier: ISC
# Copyright (c) 2026 the foh authors. See LICENSE.
# no-cmocka.sh: copied to tests/test-NAME-no-cmocka.sh for each cmocka unit
# test when configure found no cmocka. It says so and exits 77, which make
# check reports as SKIP: a unit test that did not run never passes.
name=$(basename "$0" -no-cmocka.sh)
echo "SKIP: $name: cmocka is missing, so the unit tests were not built."
echo "Install it (Debian: apt-get install libcmocka-dev, or ./bootstrap check)"
echo "and run ./configure again."
exit 77
