#!/bin/sh
# qmodel.sh TOP BIN TMP: runs build/qmodel_test, the unit tests of the
# queueing model and its fit (src/qmodel.c, src/qfit.c), on the exp1
# fixture; its TAP lines go to run.sh. WVA_QTEST names another build of
# it (check-asan's). Status 1 means a test failed (its "not ok" line
# says which); anything else, a crash or a sanitizer, is a failure too.

set -u
top=$1
"${WVA_QTEST:-$top/build/qmodel_test}" "$top/testdata/qmodel-exp1.txt"
rc=$?
if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
	echo "not ok 1 - build/qmodel_test ran to its end (status $rc)"
fi
exit 0
