#!/bin/sh
# split.sh PART... [-- PART...]: the suite in two processes at once, for
# a 2-core machine (make check-asan, check-valgrind, check-sweeps: one
# run is one core): the PARTs named (see run.sh) in one, those after
# "--" in the other, or without "--" every other part.
# Prints the two TAP streams one after the other and a last line
# "N passed, N failed" over both; exits 1 if any test failed or either
# half did not end with its count.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wva-itl-split.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
a=
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	a="$a $1"
	shift
done
a=${a# }
if [ $# -gt 0 ]; then
	shift
	b="$*"
	[ -n "$b" ] || { echo "split.sh: no part after --" >&2; exit 2; }
	bname=$b
else
	b=
	bname="all but $a"
fi
[ -n "$a" ] || { echo "split.sh: no part named" >&2; exit 2; }
"$top/tests/run.sh" $a >"$tmp/a" 2>&1 &
pid=$!
if [ -n "$b" ]; then
	"$top/tests/run.sh" $b >"$tmp/b" 2>&1
else
	WVA_SKIP="${WVA_SKIP:-} $a" "$top/tests/run.sh" >"$tmp/b" 2>&1
fi
wait "$pid"
pass=0
fail=0
for half in a b; do
	if [ "$half" = a ]; then
		echo "# parts: $a"
	else
		echo "# parts: $bname"
	fi
	grep -v -e '^1\.\.[0-9]*$' -e '^[0-9]* passed, [0-9]* failed$' \
	    "$tmp/$half"
	last=$(tail -n 1 "$tmp/$half")
	case $last in
	*" passed, "*" failed")
		set -- $last
		pass=$((pass + $1))
		fail=$((fail + $3)) ;;
	*)	echo "not ok - tests/run.sh ($half) ended without its count"
		fail=$((fail + 1)) ;;
	esac
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
