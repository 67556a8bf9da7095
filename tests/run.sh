#!/bin/sh
# run.sh [PART...]: the wva-itl test suite. Prints TAP and ends with
# "N passed, N failed"; exits 1 if any test failed. The tests are in
# sections sourced here, with the helpers below and tap.sh's
# ok/not_ok/skip: goldens.sh, robust.sh, widths.sh, cli.sh, lsq.sh,
# sizing.sh, sweeps.sh, svg.sh; then helper scripts run apart (include):
# tekton.sh, image-recipe.sh, results.sh, capacity.sh, trust.sh,
# truncate.sh, docs.sh, qmodel.sh, exp1.sh, metrics.sh; then the real
# corpus and model-trainer's reports. With PART names (a section or
# script without .sh, "corpus", "inferno") only those run.
#
# Environment:
#   WVA_ITL     the binary under test (default: ./wva-itl at the top)
#   WVA_RUN     a command to run it under, e.g. "valgrind -q --error-exitcode=99"
#   WVA_SWEEPS  how densely the exhaustive sweeps (widths.sh, truncate.sh)
#               sample: "sample" (the default, make check), "full" (every
#               width and byte offset: make check-sweeps, which CI runs)
#   WVA_QUICK   1: fewer runs where each costs (valgrind); sweeps "quick"
#   WVA_SKIP    parts not to run (tests/split.sh)
#   WVA_CORPUS  a folder of real logs with tests/corpus.expected (default:
#               ../shared/corpus beside the checkout; skipped when absent)
#   WVA_INFERNO model-trainer's real guidellm reports (default:
#               ../shared/inferno; skipped when absent), see tests/inferno.sh
#
# Golden cases: testdata/NAME.args holds the arguments (run from testdata/).
# Expected results: NAME.rc (exit status, default 0), NAME.err (stderr,
# default empty) and, for status 0, a NAME.FORMAT for each format of
# "wva-itl --list-formats" (json, yaml, env, wva, svg) to check, each run
# with "-o FORMAT" added ("--acc H100" too where the format needs --acc).
# A case with a non-zero status must leave stdout empty. An input file
# must not be named like an expected output of a case (NAME.json).

set -u
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${WVA_ITL:-$top/wva-itl}
run=${WVA_RUN:-}
quick=${WVA_QUICK:-0}
sweeps=${WVA_SWEEPS:-sample}
[ "$quick" = 1 ] && sweeps=quick
export WVA_SWEEPS=$sweeps
corpus=${WVA_CORPUS:-$top/../shared/corpus}
inferno=${WVA_INFERNO:-$top/../shared/inferno}
td=$top/testdata
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wva-itl-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
. "$top/tests/tap.sh"

# The tests run "python3" with its yaml and rich modules (Debian's
# python3-yaml, python3-rich). Where the first python3 on PATH lacks them
# (pyenv's, a venv) and Debian's has them, Debian's goes first on PATH
# for every script below.
if ! python3 -c 'import yaml, rich' 2>/dev/null &&
    /usr/bin/python3 -c 'import yaml, rich' 2>/dev/null; then
	mkdir "$tmp/py"
	ln -s /usr/bin/python3 "$tmp/py/python3"
	PATH=$tmp/py:$PATH
	export PATH
fi

# wi ARG...: run wva-itl in testdata/; leaves $tmp/out, $tmp/err and $rc.
wi() {
	(cd "$td" && $run "$bin" "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# wi_in FILE ARG...: the same with FILE on standard input.
wi_in() {
	f=$1
	shift
	(cd "$td" && $run "$bin" "$@") <"$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# expect DESC RC OUT ERR: check the last run against an exit status, a
# file holding the expected stdout and one holding the expected stderr.
expect() {
	: >"$tmp/why"
	if [ "$rc" != "$2" ]; then
		echo "exit status $rc, expected $2" >>"$tmp/why"
	fi
	if ! cmp -s "$tmp/out" "$3"; then
		echo "stdout differs:" >>"$tmp/why"
		diff "$3" "$tmp/out" >>"$tmp/why" 2>&1
	fi
	if ! cmp -s "$tmp/err" "$4"; then
		echo "stderr differs:" >>"$tmp/why"
		diff "$4" "$tmp/err" >>"$tmp/why" 2>&1
	fi
	if [ -s "$tmp/why" ]; then
		not_ok "$1" "$tmp/why"
	else
		ok "$1"
	fi
}

# expect_msg DESC RC MESSAGE: an error run: status, empty stdout, one line.
expect_msg() {
	printf '%s\n' "$3" >"$tmp/msg"
	expect "$1" "$2" /dev/null "$tmp/msg"
}

# Drops what depends on where the text came from, to compare extractions.
unplace() {
	grep -v -e '"file":' -e '"line":' -e '"infoLine":' "$1"
}

# include SCRIPT: run a helper script that prints TAP and count its lines.
# A script that dies (it ends with "exit 0") or prints no test fails.
include() {
	wanted "${1%.sh}" || return 0
	sh "$top/tests/$1" "$top" "$bin" "$tmp" >"$tmp/sub.tap" 2>"$tmp/sub.err"
	src=$?
	before=$n
	relay "$tmp/sub.tap"
	if [ "$src" != 0 ] || [ "$n" = "$before" ]; then
		echo "exit status $src after $((n - before)) tests" >"$tmp/why"
		cat "$tmp/sub.err" >>"$tmp/why"
		not_ok "tests/$1 ran to its end" "$tmp/why"
	fi
}

# wanted PART: is PART one of the command line's, or were none named?
# Never one of $WVA_SKIP's (tests/split.sh runs those in another process).
parts=" $* "
skip_parts=" ${WVA_SKIP:-} "
wanted() {
	case $skip_parts in *" $1 "*) return 1 ;; esac
	[ "$parts" = "  " ] || case $parts in *" $1 "*) true ;; *) false ;; esac
}

# ---------------------------------------------------------------- sections
for section in goldens robust widths cli lsq sizing sweeps svg; do
	wanted "$section" && . "$top/tests/$section.sh"
done

# ------------------------------------------------------------ Tekton
include tekton.sh

# ---------------- the image's recipe (make check-image builds and runs it)
include image-recipe.sh

# ------------------------------ --results-dir: signals, races, failures
include results.sh

# ------------------------------------------------- sizing (unit tests)
include capacity.sh

# ----------------- out of sample, error bars and their coverage, bracket
include trust.sh

# ------------------------------------------------ inputs cut at any byte
include truncate.sh

# --------------------------------------- documentation agrees with itself
include docs.sh

# ------------------------------------- the queueing model and its fit
include qmodel.sh

# ----------------------- the CLI against model-trainer's published exp1
include exp1.sh

# ------------- fitting from metrics: simulated pods, formats, families
include metrics.sh

# ------------------------------------------------------- the real corpus
if ! wanted corpus; then
	:
elif [ -d "$corpus" ]; then
	sh "$top/tests/corpus.sh" "$bin" "$corpus" >"$tmp/corpus.got" 2>&1
	if diff "$top/tests/corpus.expected" "$tmp/corpus.got" >"$tmp/why"; then
		ok "corpus: every file in $corpus gives its expected result"
	else
		not_ok "corpus: results differ from tests/corpus.expected" \
		    "$tmp/why"
	fi
else
	skip corpus "no folder $corpus"
fi

# ------------------- real guidellm 0.3 and 0.5.3 reports (model-trainer)
if ! wanted inferno; then
	:
elif [ -d "$inferno" ]; then
	sh "$top/tests/inferno.sh" "$bin" "$inferno" >"$tmp/inferno.got" 2>&1
	while IFS= read -r line; do
		case $line in
		"ok "*)	ok "inferno: ${line#ok }" ;;
		"not ok "*) not_ok "inferno: ${line#not ok }" ;;
		esac
	done <"$tmp/inferno.got"
	grep -q '^ok exp2' "$tmp/inferno.got" ||
	    not_ok "inferno: no exp2 result" "$tmp/inferno.got"
else
	skip inferno "no folder $inferno"
fi

echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
