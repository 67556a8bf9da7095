#!/bin/sh
# capacity.sh TOP BIN TMP: the sizing's unit tests (tests/capacity_test.c,
# built by make check; WVA_CAPTEST names another build, e.g. sanitized).
exec "${WVA_CAPTEST:-$1/build/capacity_test}"
