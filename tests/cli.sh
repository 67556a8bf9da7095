# cli.sh: usage errors, system errors, unreadable inputs and
# --results-dir.
# Sourced by tests/run.sh, which defines $td, $tmp, $bin, $run, wi,
# expect and the TAP functions of tap.sh; not a script of its own.

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
usage '-i: "0" is not a plain decimal from 1 to 10000000' -i 0
usage '-i: "nan" is not a plain decimal from 1 to 10000000' -i nan
usage '-i: "-5" is not a plain decimal from 1 to 10000000' -i -5
usage '-b: "0x40" is not a whole number from 2 to 1000000' -b 0x40
usage '-b: "+64" is not a whole number from 2 to 1000000' -b +64
usage '-b: " 64" is not a whole number from 2 to 1000000' -b ' 64'
usage '-i: "1e-300" is not a plain decimal from 1 to 10000000' -i 1e-300
usage '-i: "0x40" is not a plain decimal from 1 to 10000000' -i 0x40
usage '-i: "1e2" is not a plain decimal from 1 to 10000000' -i 1e2
usage '-i: "0.5" is not a plain decimal from 1 to 10000000' -i 0.5
usage '-i: "10000000.5" is not a plain decimal from 1 to 10000000' -i 10000000.5
usage '-i: "128." is not a plain decimal from 1 to 10000000' -i 128.
usage '-o: unknown format "xml"; use json, yaml, env, text, wva, svg, inferno, tuner or dataset' -o xml
usage '-x prints json, yaml or text, not svg' -x -o svg
usage '--fit: unknown method "lms"; use two-point or lsq' --fit lms
usage '--fit lsq uses every benchmark: --low and --high do not go with it' --fit lsq --low x
usage '--results-dir: the name is empty' --results-dir ''
usage '-x fits nothing: -b, -i, --fit, --low, --high, --model and its options, --as, --params and --results-dir do not go with it' -x --fit lsq
usage '-x prints json, yaml or text, not env' -x -o env
usage '-x prints json, yaml or text, not wva' -x -o wva --acc H100
usage '-x fits nothing: -b, -i, --fit, --low, --high, --model and its options, --as, --params and --results-dir do not go with it' -x -b 64
usage '-o wva needs --acc NAME' -o wva
usage '--acc and --acc-count go with -o wva or -o inferno' --acc H100
# --model queue and its options, --params, the exports (issue 11)
usage '--model: unknown model "lin"; use linear or queue' --model lin
usage '--ttft goes with --model queue' --ttft mean
usage '--points goes with --model queue' --points synchronous
usage '--max-num-tokens goes with --model queue' --max-num-tokens 4096
usage '--max-queue goes with --model queue or a sizing (--slo-ttft, --slo-itl)' --max-queue 0
usage '--queue-version goes with --model queue' --queue-version 0.6
usage '--as: unknown preset "trainer"; use model-trainer' --as trainer
usage '--as model-trainer fits the queueing model: --model linear does not go with it' --as model-trainer --model linear
usage '--fit goes with --model linear (the default), not --model queue' --as model-trainer --fit lsq
usage '-x fits nothing: -b, -i, --fit, --low, --high, --model and its options, --as, --params and --results-dir do not go with it' -x --as model-trainer
usage '-o tuner goes with --model queue' -o tuner
usage '--params: evaluating given parameters needs --model queue' --params alpha=1,beta=1,gamma=1,delta=1 -
usage "--params: alpha, beta and gamma with no delta are the queueing model's: did you mean --model queue?" --params alpha=1,beta=1,gamma=1 synchronous.log
usage "-i (--input-tokens) is the prompt tokens the linear model's delta is fitted for: it does not go with --model queue; to size for a prompt length, give --in-tokens" --model queue -i 128
usage "-i (--input-tokens) is the prompt tokens the linear model's delta is fitted for: it does not go with --model queue; to size for a prompt length, give --in-tokens" --model queue --input-tokens 128 --slo-ttft 100
usage '--fit goes with --model linear (the default), not --model queue' --model queue --fit lsq
usage '--low goes with --model linear (the default), not --model queue' --model queue --low synchronous
usage '-o wva shows the linear model: it does not go with --model queue' --model queue -o wva --acc H100
usage '-o inferno needs --acc NAME' --model queue -o inferno --model-name m
usage '-o inferno needs --model-name NAME' --model queue -o inferno --acc H100
usage '--model-name goes with -o inferno' --model queue --model-name m
usage '--model-name: the name is empty' --model queue -o inferno --acc H100 --model-name ''
usage '--queue-version: unknown version "0.5"; use 0.6 (or 0.4, the same analysis) or 0.7 (or 0.8)' --model queue --queue-version 0.5
usage '--queue-version: unknown version "0.3"; use 0.6 (or 0.4, the same analysis) or 0.7 (or 0.8)' --model queue --queue-version 0.3
usage '--ttft: unknown statistic "p95"; use mean or median' --model queue --ttft p95
usage '--points: "a,,b" has an empty name' --model queue --points a,,b
usage '--points: "a," has an empty name' --model queue --points a,
usage '--params: "alpha" is not a list of alpha=A,beta=B,gamma=G' --model queue --params alpha
usage '--params: unknown parameter "eta"; use alpha, beta, gamma or delta' --model queue --params eta=1
usage '--params: alpha is given twice' --model queue --params alpha=1,alpha=2
usage '--params: the value of beta is not a number up to 1e9' --model queue --params alpha=1,beta=x,gamma=1
usage '--params: the value of beta is not a number up to 1e9' --model queue --params alpha=1,beta=nan,gamma=1
usage '--params: --model queue needs alpha, beta and gamma' --model queue --params alpha=1,beta=2
usage '--params: delta is a parameter of the linear model, not of --model queue' --model queue --params alpha=1,beta=2,gamma=3,delta=4
usage '--params: alpha, beta and gamma of --model queue are 0 or more' --model queue --params alpha=1,beta=-2,gamma=3
usage '-b: "0" is not a whole number from 1 to 1000000' --model queue -b 0
usage '-b 1 --max-queue 0: the queue needs room for two requests' --model queue -b 1 --max-queue 0
usage '--max-num-tokens: "0" is not a whole number from 1 to 100000000' --model queue --max-num-tokens 0
usage '--max-queue: "-1" is not a whole number from 0 to 1000000' --model queue --max-queue -1
usage '--input-format: unknown format "xml"; use auto, log, json, csv, html, yaml, dataset, csvjson, metrics or range' --input-format xml
usage '-x fits nothing: -b, -i, --fit, --low, --high, --model and its options, --as, --params and --results-dir do not go with it' -x --model queue
usage '--acc: the name is empty' -o wva --acc ''
usage '--acc-count: "0" is not a whole number from 1 to 1000000' -o wva --acc H100 --acc-count 0
usage '--env-prefix: "1X_" is not a shell variable name prefix' --env-prefix 1X_
usage '--env-prefix: "A-B" is not a shell variable name prefix' --env-prefix A-B
usage '--env-prefix: longer than 64 characters' --env-prefix "$(printf '%070d' 0 | tr 0 A)"
usage '--acc: the name is longer than 256 bytes' -o wva --acc "$(printf '%0300d' 0)"
usage '--low and --high both name x' --low x --high x
# metrics inputs
usage '--window: "0" is not a plain decimal of seconds above 0 and up to 86400' --window 0
usage '--window: "1m" is not a plain decimal of seconds above 0 and up to 86400' --window 1m
usage '--window: "90000" is not a plain decimal of seconds above 0 and up to 86400' --window 90000
usage '--interval: "-15" is not a plain decimal of seconds above 0 and up to 86400' --interval -15
usage '--itl: unknown metric "token"; use step or request' --itl token
usage '--min-requests: "1.5" is not a whole number from 0 to 1000000000' --min-requests 1.5
usage '--print-queries takes no value' --print-queries=1
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
usage '- (standard input) is named twice; it can be read only once' - synchronous.log -
# Other names of the file on descriptor 0 are standard input too: a pipe
# read through one would be empty through the other, a file read twice.
for alias in /dev/stdin /dev/fd/0 /proc/self/fd/0; do
	[ -e "$alias" ] || { skip "$alias beside -" "no $alias"; continue; }
	cat "$td/throughput.log" | (cd "$td" && $run "$bin" -b 64 \
	    synchronous.log - "$alias") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	expect_msg "- and $alias on a pipe: a usage error" 2 \
	    "wva-itl: - and $alias both name standard input; it can be read only once (see wva-itl --help)"
done
wi_in "$td/throughput.log" -b 64 /dev/stdin synchronous.log /dev/fd/0
expect_msg "/dev/stdin and /dev/fd/0 on a file: a usage error" 2 \
    "wva-itl: /dev/stdin and /dev/fd/0 both name standard input; it can be read only once (see wva-itl --help)"
wi -b 64 -o env synchronous.log throughput.log
cp "$tmp/out" "$tmp/seed.env"
cat "$td/throughput.log" | (cd "$td" && $run "$bin" -b 64 -o env \
    synchronous.log /dev/stdin) >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "/dev/stdin named once reads the pipe" 0 "$tmp/seed.env" /dev/null

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
	skip "an unreadable file" "root reads every file"
fi
wi -b 64 /proc/self/mem
expect_msg "a read error (EIO) is a system error" 3 \
    "wva-itl: /proc/self/mem: read error: Input/output error"

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
    "wva-itl: $tmp/no-such-dir: No such file or directory"
wi -q -b 64 --results-dir synchronous.log synchronous.log throughput.log
expect_msg "--results-dir naming a file: exit 3, not a directory" 3 \
    "wva-itl: synchronous.log: Not a directory"
# /proc makes no files of ours: mkstemp says ENOENT in a folder that is.
if [ -d /proc/self ]; then
	wi -q -b 64 --results-dir /proc synchronous.log throughput.log
	expect_msg "--results-dir /proc: says why no file can be made" 3 \
	    "wva-itl: /proc: cannot write alpha: the folder's file system makes no new files (such as /proc or /sys)"
else
	skip "--results-dir /proc" "no /proc"
fi
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
printf '%s\n' "wva-itl: no-info.log:14: warning: benchmark throughput has no prompt tokens per request: gamma and delta not computed; give -i" \
    "wva-itl: --results-dir needs gamma and delta: benchmark throughput has no prompt tokens per request; give -i" \
    >"$tmp/msg"
expect "--results-dir without gamma and delta: exit 1" 1 /dev/null "$tmp/msg"

# queue-analysis v0.8.0 analyses as v0.7.0, v0.4.0 as v0.6.0: the same
# output, the model named in it and in a note.
for pair in 0.8:0.7 0.4:0.6; do
	alias=${pair%:*}
	model=${pair#*:}
	wi -q --model queue -b 256 --queue-version "$model" exp1/sweep-i1024-o1024.csv
	cp "$tmp/out" "$tmp/qv.want"
	wi --model queue -b 256 --queue-version "$alias" exp1/sweep-i1024-o1024.csv
	if [ "$rc" = 0 ] && cmp -s "$tmp/out" "$tmp/qv.want" &&
	    grep -q "\"queueVersion\": \"$model\"" "$tmp/out" &&
	    [ "$(cat "$tmp/err")" = "wva-itl: note: queue-analysis v$alias.0 analyses as v$model.0: computing the $model model
wva-itl: note: the throughput run is left out (its rate is what the server achieved, not a load it was given: name it in --points to fit it)" ]; then
		ok "--queue-version $alias gives $model's fit, named so"
	else
		cat "$tmp/err" >"$tmp/why"
		not_ok "--queue-version $alias gives $model's fit, named so" \
		    "$tmp/why"
	fi
done

# guidellm 0.4+ consoles: the progress panel names a row's rate where it
# is wide enough; a description rich cut short ("const…") leaves the rank.
sed 's/constant@44\.76 /const\xe2\x80\xa6     /' \
    "$td/guidellm-0.6-sweep-panel.log" >"$tmp/panel-cut.log"
wi -x "$tmp/panel-cut.log"
names=$(sed -n 's/^      "name": "\(.*\)",$/\1/p' "$tmp/out" | tr '\n' ' ')
if [ "$rc" = 0 ] &&
    [ "$names" = "synchronous throughput constant@22.38 constant#2 " ]; then
	ok "a panel description cut short leaves the rank name: $names"
else
	echo "rc $rc, names: $names" >"$tmp/why"
	not_ok "a panel description cut short leaves the rank name" "$tmp/why"
fi

# At a terminal with no file named, a one-line hint (as jq gives), then
# standard input is read as ever; not with a file, a pipe or -q.
cat >"$tmp/termhint.py" <<'PY'
import os, pty, subprocess, sys
data = sys.stdin.buffer.read()
master, slave = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stdin=slave, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE)
os.close(slave)
for line in data.splitlines(True):
    os.write(master, line)
os.write(master, b"\x04")
out, err = p.communicate(timeout=20)
os.close(master)
sys.stdout.buffer.write(b"rc %d\n" % p.returncode + err + b"--\n" + out)
PY
hint='wva-itl: reading benchmark results from the terminal; end with ^D, or name the files (see wva-itl --help)'
cat "$td/synchronous.log" "$td/throughput.log" >"$tmp/seed.log"
(cd "$td" && $run "$bin" -b 64 -o env synchronous.log throughput.log) \
    >"$tmp/tty.want" 2>/dev/null
for args in "-b 64 -o env" "-q -b 64 -o env"; do
	# shellcheck disable=SC2086
	python3 "$tmp/termhint.py" $run "$bin" $args <"$tmp/seed.log" \
	    >"$tmp/tty.out" 2>&1
	want="rc 0"
	[ "$args" = "-b 64 -o env" ] && want="rc 0
$hint"
	if [ "$(sed '/^--$/,$d' "$tmp/tty.out")" = "$want" ] &&
	    sed '1,/^--$/d' "$tmp/tty.out" | cmp -s - "$tmp/tty.want"; then
		ok "wva-itl $args at a terminal: $(echo "$want" |
		    sed -n 2p | cut -c1-40)... then the fit"
	else
		not_ok "wva-itl $args at a terminal" "$tmp/tty.out"
	fi
done
python3 "$tmp/termhint.py" $run "$bin" -b 64 -o env "$td/synchronous.log" \
    "$td/throughput.log" <"$tmp/seed.log" >"$tmp/tty.out" 2>&1
if grep -q '^rc 0$' "$tmp/tty.out" && ! grep -q 'terminal' "$tmp/tty.out"; then
	ok "no terminal hint with a file named"
else
	not_ok "no terminal hint with a file named" "$tmp/tty.out"
fi
wi_in "$tmp/seed.log" -b 64 -o env
if [ "$rc" = 0 ] && [ ! -s "$tmp/err" ]; then
	ok "no terminal hint when standard input is a file"
else
	not_ok "no terminal hint when standard input is a file" "$tmp/err"
fi

# --as model-trainer takes the first 7 points: a benchmark after them that
# lacks a value is not looked at, so not named as left out; without --as
# it is.
{
	printf '{"name": "nine points", "data": [\n'
	for r in 1 2 3 4 5 6 7 8; do
		printf '{"requestRate": %s, "inputTokens": 512, "outputTokens": 128, "avgTTFTTime": %s, "avgITLTime": %s},\n' \
		    "$r" "$((30 + r))" "$((7 + r))"
	done
	printf '{"requestRate": 9, "inputTokens": 512, "outputTokens": 128, "avgTTFTTime": 40}]}\n'
} >"$tmp/nine.json"
wi --as model-trainer -o env "$tmp/nine.json"
if [ "$rc" = 0 ] && grep -q '^WVA_POINTS=7$' "$tmp/out" &&
    ! grep -q 'left out' "$tmp/err"; then
	ok "--as model-trainer: 7 points, nothing after them named left out"
else
	cat "$tmp/err" "$tmp/out" >"$tmp/why"
	not_ok "--as model-trainer: 7 points, nothing after them named left out" \
	    "$tmp/why"
fi
wi --model queue -o env "$tmp/nine.json"
if [ "$rc" = 0 ] && grep -q '^WVA_POINTS=8$' "$tmp/out" &&
    grep -q 'note: left out: point-9 (it has no usable ITL mean)$' "$tmp/err"; then
	ok "--model queue: 8 points, point-9 named left out"
else
	cat "$tmp/err" "$tmp/out" >"$tmp/why"
	not_ok "--model queue: 8 points, point-9 named left out" "$tmp/why"
fi

# More messages than diag.c keeps (FOLD_MAX, 128): those beyond are
# printed at once, none is lost.
for i in $(seq 200); do
	cp "$td/synchronous.log" "$tmp/copy$i.log"
done
wi -x "$tmp"/copy*.log
nwarn=$(grep -c 'warning: benchmark synchronous appears again' "$tmp/err")
if [ "$rc" = 0 ] && [ "$nwarn" = 199 ]; then
	ok "200 copies of a log: 199 warnings, beyond the 128 kept too"
else
	echo "rc $rc, $nwarn warnings" >"$tmp/why"
	not_ok "200 copies of a log: 199 warnings" "$tmp/why"
fi
rm -f "$tmp"/copy*.log
