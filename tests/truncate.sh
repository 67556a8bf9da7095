#!/bin/sh
# truncate.sh TOP BIN TMP: every input cut short must give the full
# input's numbers (exit 0) or one message and exit 1: never other
# numbers, never a crash. Cuts the seed logs, and a few inputs of the
# other kinds, at every STRIDE-th byte offset (see WVA_SWEEPS below).
# Prints TAP lines for run.sh.

set -u
top=$1
bin=$2
tmp=$3/truncate
mkdir -p "$tmp"
. "$top/tests/tap.sh"

# errors FILE: $e, how many lines of FILE are wva-itl's errors (not its
# warnings or notes); no process forked, as it runs at every offset.
errors() {
	e=0
	while IFS= read -r l; do
		case $l in
		"wva-itl: warning: "* | "wva-itl: note: "*) ;;
		"wva-itl: "*": warning: "* | "wva-itl: "*": note: "*) ;;
		"wva-itl: "*) e=$((e + 1)) ;;
		esac
	done <"$1"
}

# cuts NAME STRIDE ARGS...: cut $tmp/NAME.in at every STRIDE-th offset.
# Its files are its own (NAME.*), so that two cuts can run at once.
cuts() {
	name=$1
	stride=$2
	shift 2
	in=$tmp/$name.in
	size=$(wc -c <"$in")
	mkdir -p "$tmp/run"
	cut=$tmp/run/$name	# the same name for all, as it is in the output
	cp "$in" "$cut"
	$WVA_RUN "$bin" "$@" "$cut" >"$tmp/$name.full" 2>/dev/null || {
		echo "the whole input fails" >"$tmp/$name.why"
		not_ok "$name: cut at every offset" "$tmp/$name.why"
		return
	}
	: >"$tmp/$name.why"
	good=0
	bad=0
	off=0
	while [ "$off" -lt "$size" ]; do
		head -c "$off" "$in" >"$cut"
		$WVA_RUN "$bin" "$@" "$cut" >"$tmp/$name.out" 2>"$tmp/$name.err"
		rc=$?
		errors "$tmp/$name.err"
		if [ "$rc" = 0 ] && cmp -s "$tmp/$name.out" "$tmp/$name.full"; then
			good=$((good + 1))
		elif [ "$rc" = 1 ] && [ ! -s "$tmp/$name.out" ] &&
		    [ "$e" = 1 ]; then
			bad=$((bad + 1))
		else
			echo "cut at $off: exit $rc" >>"$tmp/$name.why"
			head -n 3 "$tmp/$name.err" "$tmp/$name.out" >>"$tmp/$name.why"
		fi
		off=$((off + stride))
	done
	if [ -s "$tmp/$name.why" ]; then
		not_ok "$name: cut short, same numbers or a clean error" \
		    "$tmp/$name.why"
	else
		ok "$name cut at $((good + bad)) offsets (every $stride bytes of $size): $good the same numbers, $bad a one-line error"
	fi
}

WVA_RUN=${WVA_RUN:-}
# WVA_SWEEPS: "full" cuts the seed logs at every byte and the others at
# every 7th (make check-sweeps, in CI); "sample" at every 17th and 97th
# (make check); "quick" sparser still, for valgrind, where each run takes
# a second. Under sanitizers (20 ms a run) the sample is a little sparser.
case ${WVA_SWEEPS:-sample} in
full)	fine=1 dense=7 ;;
quick)	fine=127 dense=401 ;;
*)	if [ -n "${WVA_SANITIZED:-}" ]; then
		fine=23 dense=131
	else
		fine=17 dense=97
	fi ;;
esac
td=$top/testdata
cat "$td/synchronous.log" "$td/throughput.log" >"$tmp/seed-pair.in"
# The seed pair, cut at every byte in full, is half the runs: it takes
# the second core while the others run.
cuts seed-pair "$fine" -q -b 64 -o env >"$tmp/seed-pair.tap" &
seed=$!
cp "$td/guidellm-0.6-sweep.log" "$tmp/g06-sweep.in"
cuts g06-sweep "$dense" -q -b 64 -o env
cp "$td/vllm-bench-serve.log" "$tmp/vllm-console.in"
cuts vllm-console "$dense" -q -o env
cp "$td/guidellm-0.5-report.csv" "$tmp/report-csv.in"
cuts report-csv "$dense" -q -b 64 -o env
cp "$td/vllm-results.jsonl" "$tmp/vllm-jsonl.in"
# Every byte: a cut between two records is a shorter valid file, which
# must still give the same numbers or an error.
cuts vllm-jsonl "$fine" -q -o env "$td/vllm-result-conc1.json"
cp "$td/guidellm-0.7-report.json" "$tmp/report-json.in"
cuts report-json "$((dense * 10))" -q -x
wait "$seed"
cat "$tmp/seed-pair.tap"

exit 0
