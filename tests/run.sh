#!/bin/sh
# run.sh: the wva-itl test suite. Prints TAP and ends with "N passed, N failed";
# exits 1 if any test failed.
#
# Environment:
#   WVA_ITL     the binary under test (default: ./wva-itl at the top)
#   WVA_RUN     a command to run it under, e.g. "valgrind -q --error-exitcode=99"
#   WVA_QUICK   1: sample the width sweeps (for slow runs under valgrind)
#   WVA_CORPUS  a folder of real logs with tests/corpus.expected (default:
#               ../shared/corpus beside the checkout; skipped when absent)
#
# Golden cases: testdata/NAME.args holds the arguments (run from testdata/).
# Expected results: NAME.rc (exit status, default 0), NAME.err (stderr,
# default empty) and, for status 0, one of NAME.json, NAME.yaml, NAME.env,
# NAME.wva, NAME.svg per format, each run with "-o FORMAT" added ("-o wva --acc H100"
# for wva). A case with a non-zero status must leave stdout empty. An input
# file must not be named like an expected output of a case (NAME.json).

set -u
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${WVA_ITL:-$top/wva-itl}
run=${WVA_RUN:-}
quick=${WVA_QUICK:-0}
corpus=${WVA_CORPUS:-$top/../shared/corpus}
td=$top/testdata
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wva-itl-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	if [ -n "${2:-}" ] && [ -s "$2" ]; then
		head -n 40 "$2" | sed 's/^/# /'
	fi
}

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

# ---------------------------------------------------------------- goldens
for a in "$td"/*.args; do
	name=${a%.args}
	base=${name##*/}
	eval "set -- $(cat "$a")"
	want_rc=0
	[ -f "$name.rc" ] && want_rc=$(cat "$name.rc")
	errf=$name.err
	[ -f "$errf" ] || errf=/dev/null
	if [ "$want_rc" != 0 ]; then
		wi "$@"
		expect "$base: exit $want_rc and its message" "$want_rc" \
		    /dev/null "$errf"
		continue
	fi
	for fmt in json yaml env wva svg; do
		[ -f "$name.$fmt" ] || continue
		if [ "$fmt" = wva ]; then
			wi "$@" -o wva --acc H100
		else
			wi "$@" -o "$fmt"
		fi
		expect "$base -o $fmt" 0 "$name.$fmt" "$errf"
	done
done

# ------------------------------------------- the issue's reference values
wi -b 64 -o env synchronous.log throughput.log
if grep -q '^WVA_ALPHA=6\.9730158730' "$tmp/out" &&
    grep -q '^WVA_BETA=0\.0269841269' "$tmp/out"; then
	ok "seed logs give alpha 6.9730158730 and beta 0.0269841269"
else
	not_ok "seed logs give alpha 6.9730158730 and beta 0.0269841269" \
	    "$tmp/out"
fi
wi -b 64 -i 128 -o env synchronous.log throughput.log
if grep -q '^WVA_GAMMA=14\.825396' "$tmp/out" &&
    grep -q '^WVA_DELTA=0\.0013640873' "$tmp/out"; then
	ok "seed logs with -i 128 give gamma 14.825396 and delta 0.0013640873"
else
	not_ok "seed logs with -i 128 give gamma 14.825396 and delta 0.0013640873" \
	    "$tmp/out"
fi

# ------------------------------------------------ files, pipes and stdin
for fmt in json yaml env; do
	wi -b 64 -o "$fmt" synchronous.log throughput.log
	sed 's/"synchronous\.log"/"<stdin>"/; s/"throughput\.log"/"<stdin>"/' \
	    "$tmp/out" | grep -v -i 'line"*: ' >"$tmp/files"
	cat "$td/synchronous.log" "$td/throughput.log" >"$tmp/both.log"
	wi_in "$tmp/both.log" -b 64 -o "$fmt"
	grep -v -i 'line"*: ' "$tmp/out" >"$tmp/piped"
	if cmp -s "$tmp/files" "$tmp/piped" && [ "$rc" = 0 ]; then
		ok "-o $fmt: one concatenated stream gives what two files give"
	else
		diff "$tmp/files" "$tmp/piped" >"$tmp/why" 2>&1
		not_ok "-o $fmt: one concatenated stream gives what two files give" \
		    "$tmp/why"
	fi
done
wi -b 64 -o env synchronous.log throughput.log
cp "$tmp/out" "$tmp/seed.env"
wi_in "$td/throughput.log" -b 64 -o env synchronous.log -
expect "'-' reads stdin among files" 0 "$tmp/seed.env" /dev/null

# A pipe may hand over a few bytes at first: the kind is still told right.
(cd "$td" && { head -c 5 guidellm-0.5-report.csv; sleep 0.2;
    tail -c +6 guidellm-0.5-report.csv; } | $run "$bin" -q -b 64 -o env) \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "a CSV report through a slow pipe" 0 "$td/report05-csv.env" /dev/null
(cd "$td" && { printf '\n'; sleep 0.2; cat guidellm-0.3-report.json; } |
    $run "$bin" -q -b 64 -o env) >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "a JSON report through a slow pipe, after a blank line" 0 \
    "$td/report03-json.env" /dev/null

# guidellm --output yaml dumps the JSON report's document (yaml.dump):
# read from a file or a pipe, it gives the same bytes as the JSON.
for v in 0.3 0.7; do
	pick=
	[ "$v" = 0.7 ] && pick="--low concurrent@32 --high concurrent@64"
	bad=
	for fmt in env "wva --acc H100" json; do
		wi -q -b 64 $pick -o $fmt "guidellm-$v-report.json"
		unplace "$tmp/out" >"$tmp/ref"
		wi_in "$td/guidellm-$v-report.yaml" -q -b 64 $pick -o $fmt
		unplace "$tmp/out" >"$tmp/got"
		if [ "$rc" != 0 ] || ! cmp -s "$tmp/ref" "$tmp/got"; then
			bad="$bad $fmt"
		fi
	done
	if [ -z "$bad" ]; then
		ok "guidellm $v report: YAML on stdin reads as its JSON"
	else
		echo "differs in:$bad" >"$tmp/why"
		not_ok "guidellm $v report: YAML on stdin reads as its JSON" "$tmp/why"
	fi
done

# ---------------------------------------------- every width from 20 columns
if [ "$quick" = 1 ]; then
	widths="20 21 23 29 37 52 79 80 81 113 160 200"
else
	widths=$(seq 20 200)
fi
for src in pair-wide sweep v03-concurrent; do
	wi -x "$src.log"
	unplace "$tmp/out" >"$tmp/ref"
	bad=
	for w in $widths; do
		awk -v width="$w" -f "$top/tests/richwrap.awk" "$td/$src.log" \
		    >"$tmp/wrapped.log"
		wi -x "$tmp/wrapped.log"
		unplace "$tmp/out" >"$tmp/got"
		if [ "$rc" != 0 ] || ! cmp -s "$tmp/ref" "$tmp/got"; then
			bad="$bad $w"
		fi
	done
	if [ -z "$bad" ]; then
		ok "$src.log wrapped at every width ($(echo $widths | wc -w) widths)"
	else
		echo "fails at widths:$bad" >"$tmp/why"
		not_ok "$src.log wrapped at every width" "$tmp/why"
	fi
done

# guidellm 0.4-0.7 print their tables unwrapped but word-wrap the titles:
# the logs printed again through rich (tests/g04render.py, as guidellm's
# console code prints them) at every width read as at 80 columns.
py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import rich' 2>/dev/null; then
		py=$p
		break
	fi
done
for src in guidellm-0.4-sweep guidellm-0.6-sweep guidellm-0.7-sweep \
    guidellm-0.6-concurrent; do
	if [ -z "$py" ]; then
		ok "$src.log rendered by rich at every width # SKIP no python3-rich"
		continue
	fi
	"$py" "$top/tests/g04render.py" 80 <"$td/$src.log" >"$tmp/wrapped.log"
	wi -x "$tmp/wrapped.log"
	unplace "$tmp/out" >"$tmp/ref"
	bad=
	for w in $widths; do
		"$py" "$top/tests/g04render.py" "$w" <"$td/$src.log" \
		    >"$tmp/wrapped.log"
		wi -x "$tmp/wrapped.log"
		unplace "$tmp/out" >"$tmp/got"
		if [ "$rc" != 0 ] || ! cmp -s "$tmp/ref" "$tmp/got"; then
			bad="$bad $w"
		fi
	done
	if [ -z "$bad" ]; then
		ok "$src.log rendered by rich at every width ($(echo $widths | wc -w) widths)"
	else
		echo "fails at widths:$bad" >"$tmp/why"
		not_ok "$src.log rendered by rich at every width" "$tmp/why"
	fi
done

# -------------------------------------------------------------- log noise
esc=$(printf '\033')
cr=$(printf '\r')
noise() {
	case $1 in
	ansi)	# styles, a colour per cell, an OSC hyperlink, an erase-line
		sed "s/^/${esc}[1;4m${esc}]8;;https:\/\/x${esc}\\\\/; s/|/|${esc}[38;5;2m/g; s/\$/${esc}[0m${esc}[K/" ;;
	cr)	# progress drawn over with carriage returns before each line
		awk -v cr="$cr" '{ printf "Generating... %d%%%sGenerating... 100%%%s%s\n", NR % 100, cr, cr, $0 }' ;;
	crlf)	sed "s/\$/$cr/" ;;
	timestamps)
		awk '{ printf "2025-09-03T20:41:%02d.%09dZ %s\n", NR % 60, NR, $0 }' ;;
	prefix)	sed 's|^|[pod/throughput-job-7x2kq/guidellm-benchmark-container] |' ;;
	prefix-timestamps)
		awk '{ printf "[pod/sync-job-x/guidellm] 2025-09-03T20:41:22.5+02:00 %s\n", $0 }' ;;
	hash)	sed 's/^/# /; s/[[:space:]]*$//' ;;
	indent)	sed 's/^/    /' ;;
	stripped)
		sed 's/[[:space:]]*$//' ;;
	tty)	# a pod with tty: true: colours and CRLF together
		sed "s/^/${esc}[1m/; s/\$/${esc}[0m$cr/" ;;
	esac
}
kinds="ansi cr crlf timestamps prefix prefix-timestamps hash indent stripped tty"
wi -x pair-wide.log
unplace "$tmp/out" >"$tmp/ref"
for kind in $kinds; do
	bad=
	for w in 20 80 1000; do
		awk -v width="$w" -f "$top/tests/richwrap.awk" "$td/pair-wide.log" |
		    noise "$kind" >"$tmp/noisy.log"
		wi -x "$tmp/noisy.log"
		unplace "$tmp/out" >"$tmp/got"
		if [ "$rc" != 0 ] || ! cmp -s "$tmp/ref" "$tmp/got"; then
			bad="$bad $w"
			cp "$tmp/err" "$tmp/why"
		fi
	done
	cat "$td/synchronous.log" "$td/throughput.log" | noise "$kind" \
	    >"$tmp/noisy.log"
	wi -b 64 -o env "$tmp/noisy.log"
	if [ "$rc" != 0 ] || ! cmp -s "$tmp/seed.env" "$tmp/out"; then
		bad="$bad seed"
		cat "$tmp/err" "$tmp/out" >"$tmp/why"
	fi
	if [ -z "$bad" ]; then
		ok "noise '$kind' at widths 20, 80, unwrapped and on the seed logs"
	else
		echo "fails at:$bad" >>"$tmp/why"
		not_ok "noise '$kind'" "$tmp/why"
	fi
done

# ------------------------------------------------------------ usage errors
usage() {
	want=$1
	shift
	wi "$@"
	expect_msg "usage: $*" 2 "wva-itl: $want (see wva-itl --help)"
}
usage '-b: "1" is not a whole number from 2 to 1000000' -b 1 synchronous.log
usage '-b: "64x" is not a whole number from 2 to 1000000' -b 64x
usage '-b: "1000001" is not a whole number from 2 to 1000000' -b 1000001
usage '-i: "0" is not a number above 0 and up to 1e9' -i 0
usage '-i: "nan" is not a number above 0 and up to 1e9' -i nan
usage '-i: "-5" is not a number above 0 and up to 1e9' -i -5
usage '-o: unknown format "xml"; use json, yaml, env, wva or svg' -o xml
usage '-x prints json or yaml, not svg' -x -o svg
usage '--fit: unknown method "lms"; use two-point or lsq' --fit lms
usage '--fit lsq uses every benchmark: --low and --high do not go with it' --fit lsq --low x
usage '--results-dir: the name is empty' --results-dir ''
usage '-x fits nothing: -b, -i, --fit, --low, --high and --results-dir do not go with it' -x --fit lsq
usage '-x prints json or yaml, not env' -x -o env
usage '-x prints json or yaml, not wva' -x -o wva --acc H100
usage '-x fits nothing: -b, -i, --fit, --low, --high and --results-dir do not go with it' -x -b 64
usage '-o wva needs --acc NAME' -o wva
usage '--acc and --acc-count go with -o wva' --acc H100
usage '--acc: the name is empty' -o wva --acc ''
usage '--acc-count: "0" is not a whole number from 1 to 1000000' -o wva --acc H100 --acc-count 0
usage '--env-prefix: "1X_" is not a shell variable name prefix' --env-prefix 1X_
usage '--env-prefix: "A-B" is not a shell variable name prefix' --env-prefix A-B
usage '--env-prefix: longer than 64 characters' --env-prefix "$(printf '%070d' 0 | tr 0 A)"
usage '--acc: the name is longer than 256 bytes' -o wva --acc "$(printf '%0300d' 0)"
usage '--low and --high both name x' --low x --high x
usage 'unknown option --bogus' --bogus
usage 'unknown option -z' -z
usage 'unknown option -z' -qz
usage 'unknown option -z' -zq
usage 'unknown option --bogus' --bogus=3
usage 'unknown option -z' --strict -zq
usage 'unknown option -z' --acc=x -zq
usage '--quiet takes no value' --quiet=1
usage 'option --in is ambiguous' --in 3
usage '-b needs a value' synchronous.log -b
usage '-b needs a value' synchronous.log -qb
usage '--max-batch needs a value' synchronous.log --max-batch

# ---------------------------------------------------------- system errors
wi -b 64 no-such-file.log
expect_msg "a missing file is a system error" 3 \
    "wva-itl: no-such-file.log: No such file or directory"
wi -b 64 .
expect_msg "a directory is a system error" 3 "wva-itl: .: is a directory"
if [ -w /dev/full ]; then
	(cd "$td" && $run "$bin" -b 64 synchronous.log throughput.log) \
	    >/dev/full 2>"$tmp/err"
	rc=$?
	: >"$tmp/out"
	expect_msg "a full disk is a write error" 3 \
	    "wva-itl: write error: No space left on device"
	(cd "$td" && $run "$bin" --help) >/dev/full 2>"$tmp/err"
	rc=$?
	expect_msg "--help to a full disk is a write error" 3 \
	    "wva-itl: write error: No space left on device"
fi
(cd "$td" && $run "$bin" -b 64 synchronous.log throughput.log) \
    >&- 2>"$tmp/err"
rc=$?
: >"$tmp/out"
expect_msg "a closed stdout is a write error" 3 \
    "wva-itl: write error: Bad file descriptor"

# ------------------------------------------------------ limits and junk
{ head -c 3000000 /dev/urandom; printf '\n'; } >"$tmp/junk.log"
wi "$tmp/junk.log"
printf 'wva-itl: no benchmark results found in %s (no guidellm table or report, no vLLM result)\n' "$tmp/junk.log" \
    >"$tmp/msg"
expect "3 MB of random bytes: no table, exit 1" 1 /dev/null "$tmp/msg"

# ------------------------------------------------------ unreadable inputs
ln -s loop "$tmp/loop"
wi -b 64 "$tmp/loop"
expect_msg "a symbolic link loop is a system error" 3 \
    "wva-itl: $tmp/loop: Too many levels of symbolic links"
cp "$td/synchronous.log" "$tmp/unreadable.log"
chmod 000 "$tmp/unreadable.log"
# Root reads every file: it runs the test as nobody where it can.
asuser=
if [ "$(id -u)" = 0 ] && setpriv --reuid=65534 --regid=65534 \
    --clear-groups "$bin" --version >/dev/null 2>&1; then
	asuser="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 755 "$tmp"
fi
if [ "$(id -u)" != 0 ] || [ -n "$asuser" ]; then
	saved=$run
	run="$asuser $run"
	wi -b 64 "$tmp/unreadable.log"
	run=$saved
	expect_msg "an unreadable file is a system error" 3 \
	    "wva-itl: $tmp/unreadable.log: Permission denied"
else
	n=$((n + 1))
	echo "ok $n - an unreadable file # SKIP root reads every file"
fi
wi -b 64 /proc/self/mem
expect_msg "a read error (EIO) is a system error" 3 \
    "wva-itl: /proc/self/mem: read error: Input/output error"

# ------------------------------------------ a 100 MB line in bounded memory
head -c 100000000 /dev/zero | tr '\0' 'x' >"$tmp/long.log"
{ cat "$td/synchronous.log" "$tmp/long.log"; echo; cat "$td/throughput.log"; } \
    >"$tmp/longline.log"
cat "$td/synchronous.log" "$td/throughput.log" "$tmp/long.log" \
    >"$tmp/longend.log"
rm -f "$tmp/long.log"
for where in between end; do
	f=$tmp/longline.log what="between the runs"
	if [ "$where" = end ]; then
		f=$tmp/longend.log what="at the end, with no newline"
	fi
	if [ -z "$run" ] && [ -z "${WVA_SANITIZED:-}" ]; then
		# 64 MB of address space is far more than wva-itl needs, and
		# far less than the line: memory that grew with it would fail.
		(ulimit -v 65536; cd "$td" && "$bin" -b 64 -o env "$f") \
		    >"$tmp/out" 2>"$tmp/err"
		rc=$?
		expect "a 100 MB line $what, in 64 MB of address space" 0 \
		    "$tmp/seed.env" /dev/null
	else
		wi -b 64 -o env "$f"
		expect "a 100 MB line $what is passed over" 0 \
		    "$tmp/seed.env" /dev/null
	fi
done
rm -f "$tmp/longline.log" "$tmp/longend.log"

# ------------------------------------------------------- output safety
# A file name and log noise full of shell: the env output sources
# without running anything, and json and yaml keep the name as data.
mkdir -p "$tmp/hostile"
hname=$(printf 'a$(touch pwned1)`touch pwned2`"\047;touch pwned3;\n#.log')
{
	echo '$(touch pwned4) `touch pwned5` "; touch pwned6; \'
	cat "$td/synchronous.log" "$td/throughput.log"
} >"$tmp/hostile/$hname"
(cd "$tmp/hostile" && $run "$bin" -b 64 -o env -- "$hname" >../host.env &&
    $run "$bin" -b 64 -o json -- "$hname" >../host.json &&
    $run "$bin" -b 64 -o yaml -- "$hname" >../host.yaml) 2>"$tmp/err"
rc=$?
(cd "$tmp/hostile" && . ../host.env && [ "$WVA_ALPHA" = 6.973015873015873 ])
src=$?
if [ "$rc" = 0 ] && [ "$src" = 0 ] &&
    ! ls "$tmp/hostile/pwned"* "$tmp/pwned"* "$td/pwned"* 2>/dev/null &&
    python3 - "$tmp/host.json" "$tmp/host.yaml" "$hname" <<'PY'
import json, sys, yaml
j = json.load(open(sys.argv[1]))
y = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
name = sys.argv[3]
assert j == y, "json and yaml differ"
assert j["benchmarks"][0]["file"] == name, j["benchmarks"][0]["file"]
PY
then
	ok "hostile file name and log: env sources inertly, json and yaml hold the name"
else
	ls "$tmp/hostile" >"$tmp/why"
	cat "$tmp/err" >>"$tmp/why"
	not_ok "hostile file name and log: env sources inertly" "$tmp/why"
fi

# ------------------------------------------------- env output is inert
wi -b 64 -i 128 -o env synchronous.log throughput.log
cp "$tmp/out" "$tmp/vars.env"
(
	. "$tmp/vars.env"
	[ "$WVA_ALPHA" = 6.973015873015873 ] &&
	    [ "$WVA_BETA" = 0.02698412698412697 ] &&
	    [ "$WVA_GAMMA" = 14.825396825396826 ] &&
	    [ "$WVA_DELTA" = 0.0013640873015873015 ] &&
	    [ "$WVA_MAX_BATCH_SIZE" = 64 ] && [ "$WVA_INPUT_TOKENS" = 128.000 ]
) && ok "-o env sources in sh with the exact values" ||
    not_ok "-o env sources in sh with the exact values" "$tmp/vars.env"
if grep -qv '^WVA_[A-Z_]*=[0-9.-]*$' "$tmp/vars.env"; then
	not_ok "-o env lines are NAME=decimal only" "$tmp/vars.env"
else
	ok "-o env lines are NAME=decimal only"
fi

# include SCRIPT: run a helper script that prints TAP and count its lines.
# A script that dies (it ends with "exit 0") or prints no test fails.
include() {
	sh "$top/tests/$1" "$top" "$bin" "$tmp" >"$tmp/sub.tap" 2>"$tmp/sub.err"
	src=$?
	before=$n
	while IFS= read -r line; do
		case $line in
		"ok "*)	ok "${line#ok * - }" ;;
		"not ok "*) not_ok "${line#not ok * - }" ;;
		"# "*)	echo "$line" ;;
		esac
	done <"$tmp/sub.tap"
	if [ "$src" != 0 ] || [ "$n" = "$before" ]; then
		echo "exit status $src after $((n - before)) tests" >"$tmp/why"
		cat "$tmp/sub.err" >>"$tmp/why"
		not_ok "tests/$1 ran to its end" "$tmp/why"
	fi
}

# ----------------------------------------------- least squares, exactly
# The same fit computed with exact rational arithmetic in Python from the
# points wva-itl reports: the parameters must agree to 1e-9.
lsq_check() {
	python3 - "$tmp/out" <<'PY'
import json, sys
from fractions import Fraction as F
d = json.load(open(sys.argv[1]))
def fit(pts, xk, yk):
    x = [F(p[xk]) if xk != "x" else F(p["inputTokens"]) * F(p["batchSize"]) for p in pts]
    y = [F(p[yk]) for p in pts]
    n = len(x); mx = sum(x) / n; my = sum(y) / n
    b = sum((a - mx) * (c - my) for a, c in zip(x, y)) / sum((a - mx) ** 2 for a in x)
    a = my - b * mx
    ss = sum((c - a - b * q) ** 2 for q, c in zip(x, y))
    st = sum((c - my) ** 2 for c in y)
    return a, b, 1 - ss / st if st else F(1), [c - a - b * q for q, c in zip(x, y)]
a, b, r2, res = fit(d["points"], "batchSize", "itlMs")
bad = []
def near(name, want, got):
    if abs(float(want) - got) > 1e-9 * max(1, abs(float(want))):
        bad.append("%s: exact %.17g, wva-itl %.17g" % (name, float(want), got))
near("alpha", a, d["alpha"]); near("beta", b, d["beta"]); near("itlR2", r2, d["itlR2"])
for p, r in zip(d["points"], res):
    near("residual of " + p["benchmark"], r, p["itlResidualMs"])
if d["gamma"] is not None:
    g, dl, r2t, rt = fit(d["points"], "x", "ttftMs")
    near("gamma", g, d["gamma"]); near("delta", dl, d["delta"]); near("ttftR2", r2t, d["ttftR2"])
    for p, r in zip(d["points"], rt):
        near("TTFT residual of " + p["benchmark"], r, p["ttftResidualMs"])
if d["pointCount"] != len(d["points"]):
    bad.append("pointCount")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}
for src in sweep.log vllm-bench-serve.log guidellm-0.3-report.json \
    v03-concurrent.log; do
	wi -q --fit lsq -b 64 "$src"
	if [ "$rc" = 0 ] && lsq_check >"$tmp/why" 2>&1; then
		ok "--fit lsq on $src matches exact least squares to 1e-9"
	else
		not_ok "--fit lsq on $src matches exact least squares" "$tmp/why"
	fi
done

# ------------------------------------------------------------ the picture
wi -q --fit lsq -b 64 -o svg sweep.log
cp "$tmp/out" "$tmp/plot.svg"
if python3 - "$tmp/plot.svg" >"$tmp/why" 2>&1 <<'PY'
import sys, xml.dom.minidom as m
doc = m.parse(sys.argv[1])
svg = doc.documentElement
assert svg.tagName == "svg" and svg.getAttribute("xmlns") == "http://www.w3.org/2000/svg"
texts = [t.firstChild.data for t in doc.getElementsByTagName("text") if t.firstChild]
assert len(doc.getElementsByTagName("circle")) == 10, "10 points"
for name in ["synchronous", "throughput", "constant@9.82", "ITL (ms)",
             "batch size (concurrency)", "max batch size 64"]:
    assert name in texts, name
assert any("R\u00b2 = 0.9993" in t for t in texts), "R^2 in the legend"
assert any(t.startswith("\u03b1 = 11.0977 ms") for t in texts), "alpha in the legend"
PY
then
	ok "-o svg is well-formed XML with the points, axes, legend and R^2"
else
	not_ok "-o svg is well-formed XML with the points, axes, legend and R^2" \
	    "$tmp/why"
fi

# ------------------------------------------------------------ --results-dir
mkdir -p "$tmp/results"
wi -q -b 64 -i 128 -o env --results-dir "$tmp/results" synchronous.log \
    throughput.log
got=$(for r in alpha beta gamma delta maxBatchSize; do
	printf '%s=[%s] ' "$r" "$(cat "$tmp/results/$r")"; done)
want="alpha=[6.973015873015873] beta=[0.02698412698412697] gamma=[14.825396825396826] delta=[0.0013640873015873015] maxBatchSize=[64] "
if [ "$rc" = 0 ] && [ "$got" = "$want" ] &&
    [ "$(ls -A "$tmp/results" | wc -l)" = 5 ]; then
	ok "--results-dir writes the five values, no newline, no temp files"
else
	echo "$got" >"$tmp/why"
	ls -A "$tmp/results" >>"$tmp/why"
	not_ok "--results-dir writes the five values" "$tmp/why"
fi
wi -q -b 64 --results-dir "$tmp/no-such-dir" synchronous.log throughput.log
expect_msg "--results-dir into a missing folder: exit 3, empty stdout" 3 \
    "wva-itl: $tmp/no-such-dir: cannot write alpha: No such file or directory"
mkdir -p "$tmp/r2/gamma"
printf 'old' >"$tmp/r2/alpha"
wi -q -b 64 -i 128 --results-dir "$tmp/r2" synchronous.log throughput.log
expect_msg "--results-dir with a folder in the way: exit 3, empty stdout" 3 \
    "wva-itl: $tmp/r2/gamma: Is a directory"
if [ "$(cat "$tmp/r2/alpha")" = old ] &&
    [ "$(ls -A "$tmp/r2" | tr '\n' ' ')" = "alpha gamma " ]; then
	ok "--results-dir with a folder in the way leaves the folder as it was"
else
	ls -A "$tmp/r2" >"$tmp/why"
	not_ok "--results-dir with a folder in the way leaves the folder" \
	    "$tmp/why"
fi
wi -q -b 64 --results-dir "$tmp/results" no-info.log
printf '%s\n' "wva-itl: warning: no-info.log:14: benchmark throughput has no prompt tokens per request: gamma and delta not computed; give -i" \
    "wva-itl: --results-dir needs gamma and delta, which need the prompt tokens per request: give -i" \
    >"$tmp/msg"
expect "--results-dir without gamma and delta: exit 1" 1 /dev/null "$tmp/msg"

# ------------------------------------------------------------ Tekton
include tekton.sh

# ------------------------------------------------ inputs cut at any byte
include truncate.sh

# --------------------------------------- documentation agrees with itself
include docs.sh

# ------------------------------------------------------- the real corpus
if [ -d "$corpus" ]; then
	sh "$top/tests/corpus.sh" "$bin" "$corpus" >"$tmp/corpus.got" 2>&1
	if diff "$top/tests/corpus.expected" "$tmp/corpus.got" >"$tmp/why"; then
		ok "corpus: every file in $corpus gives its expected result"
	else
		not_ok "corpus: results differ from tests/corpus.expected" \
		    "$tmp/why"
	fi
else
	n=$((n + 1))
	echo "ok $n - corpus # SKIP no folder $corpus"
fi

echo "1..$n"
echo "$((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
