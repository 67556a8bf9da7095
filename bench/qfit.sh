#!/bin/sh
# qfit.sh: the time of one queueing-model fit (src/qfit.c, v0.6, the 7
# points model-trainer used) on each of the 16 exp1 files, a process per
# fit (build/qmodel_test -f), fork, exec and reading the fixture included:
# the median of 11 runs per file, then the median and the worst of the 16,
# against /bin/true started the same way, and the CPU time (a loaded
# machine stretches the wall time, not the CPU time). Then the same fits
# as a user runs them: wva-itl --model queue --queue-version 0.6 --points
# (the 7) on each exp1 CSV, reading the file and printing json included
# (and since issue 16 each point left out and refitted). Then the joint
# fit of all 16 sweeps with its out-of-sample check.
# Not a test: run by "make bench".
# Targets: under 25 ms per fit; the joint fit and its check under 0.5 s.

set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
qt=${WVA_QTEST:-$top/build/qmodel_test}
bin=${WVA_ITL:-$top/wva-itl}
fx=$top/testdata/qmodel-exp1.txt
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wva-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$top/bench/lib.sh"
fails=0

# cpu N CMD...: the mean CPU time (user + system) of N runs, ms, from
# the children's times (clock ticks: good as a mean over the runs only).
cpu() {
	perl -e '
		my $n = shift;
		for (1 .. $n) {
			my $pid = fork // die;
			if ($pid == 0) {
				open STDOUT, ">", "/dev/null";
				open STDERR, ">", "/dev/null";
				exec @ARGV;
				exit 127;
			}
			waitpid $pid, 0;
		}
		my @t = times;
		printf "%.1f\n", ($t[2] + $t[3]) * 1000 / $n;
	' "$@"
}

echo "queueing-model fit, one process per exp1 file (median of 11 runs, ms):"
for name in $(awk '$1 == "fit" { print $2 }' "$fx"); do
	t=$(wall 11 "$qt" -f "$fx" "$name")
	c=$(cpu 11 "$qt" -f "$fx" "$name")
	printf '   %-20s %8s   cpu %6s\n' "$name" "$t" "$c"
	echo "$t" >>"$tmp/times"
	echo "$c" >>"$tmp/cpu"
done
med=$(sort -n "$tmp/times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
max=$(sort -n "$tmp/times" | tail -n 1)
base=$(wall 11 /bin/true)
cmean=$(awk '{ s += $1 } END { printf "%.1f", s / NR }' "$tmp/cpu")
echo "   median of the 16: $med ms, worst $max ms; /bin/true: $base ms"
echo "   CPU per fit, mean of the 16: $cmean ms; load: $(cut -d' ' -f1-3 /proc/loadavg)"
check "median fit" "$med" "<" 25

echo "the same fits through the CLI on the exp1 CSVs (median of 11 runs, ms):"
: >"$tmp/cli"
for csv in "$top"/testdata/exp1/sweep-*.csv; do
	pts=$(awk -F, 'NR > 1 && $4 != "throughput" { print $4 }' "$csv" |
	    head -n 7 | paste -sd, -)
	t=$(wall 11 "$bin" -q --model queue --queue-version 0.6 --points "$pts" \
	    "$csv")
	printf '   %-20s %8s\n' "$(basename "$csv" .csv)" "$t"
	echo "$t" >>"$tmp/cli"
done
cmed=$(sort -n "$tmp/cli" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
cmax=$(sort -n "$tmp/cli" | tail -n 1)
echo "   median of the 16: $cmed ms, worst $cmax ms; load: $(cut -d' ' -f1-3 /proc/loadavg)"
check "median fit through the CLI" "$cmed" "<" 25

# The joint fit of the 16 sweeps (144 points) with its out-of-sample
# check (16 refits, one per sweep left out) and error bars, against
# reading and printing the same files alone (-x) in the same run.
set -- "$top"/testdata/exp1/sweep-*.csv
echo "the joint fit of the 16 exp1 sweeps, 144 points, each sweep left out (median of 11 runs, ms):"
jt=$(wall 11 "$bin" -q --model queue -o json "$@")
jc=$(cpu 11 "$bin" -q --model queue -o json "$@")
js=$(wall 11 "$bin" -q --model queue --in-tokens 256 --out-tokens 256 \
    --slo-ttft 100 --slo-itl 20 --rate 100 -o json "$@")
jx=$(wall 11 "$bin" -q -x -o json "$@")
echo "   fit and check: $jt ms (cpu $jc ms); sized too: $js ms; reading alone: $jx ms; ratio $(awk -v a="$jt" -v b="$jx" 'BEGIN { printf "%.1f", a / b }')"
echo "   load: $(cut -d' ' -f1-3 /proc/loadavg)"
check "joint fit of 144 points with its out-of-sample check" "$jt" "<" 500
check "the same, sized with its interval and bracket" "$js" "<" 500
[ "$fails" = 0 ]
