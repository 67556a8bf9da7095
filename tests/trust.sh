#!/bin/sh
# trust.sh TOP BIN TMP: the unit tests of the out-of-sample check, the
# error bars and their coverage on synthetic data, and the measurements'
# bracket (tests/trust_test.c, built by make check; WVA_TRUSTTEST names
# another build, e.g. sanitized, which runs fewer coverage seeds).
seeds=200
[ -n "${WVA_TRUSTTEST:-}" ] && seeds=40
exec "${WVA_TRUSTTEST:-$1/build/trust_test}" "$seeds"
