#!/bin/sh
# exp1.sh TOP BIN TMP: the CLI against model-trainer's published exp1
# results (tests/exp1.py); its TAP lines go to run.sh.
set -u
python3 "$1/tests/exp1.py" "$1" "$2" "$3"
exit 0
