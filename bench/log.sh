#!/bin/sh
# log.sh: the speed and memory figures of wva-itl on console logs, each
# against a baseline run in the same script on the same machine:
#
#   1. a 256 MiB pod log (80-column access-log lines and progress bars
#      redrawn with carriage returns, then the two seed tables): wall time
#      against grep -c 'Benchmarks Stats:' and cat on the same file;
#   2. peak RSS (/usr/bin/time %M) on a 1 MiB and on the 256 MiB log;
#   3. linearity: the 256 MiB log against a 25.6 MiB one;
#   4. a 64 MiB line without a newline: time and peak RSS;
#   5. start-up: the seed pair end to end, median of 300 runs.
#
# Times are medians (of 5, and of 301 for start-up: noisy machines),
# fork and exec included; the inputs are generated here.
# Not a test: run by "make bench". Needs /usr/bin/time (Debian: time) and
# perl (for sub-millisecond timing).

set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${WVA_ITL:-$top/wva-itl}
seed="$top/testdata/synchronous.log $top/testdata/throughput.log"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wva-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$top/bench/lib.sh"

# noise MiB: 80-column log noise of about MiB mebibytes.
noise() {
	awk -v mb="$1" 'BEGIN {
		bar = ""
		for (i = 0; i < 38; i++)
			bar = bar "\342\224\201"
		for (n = k = 0; n < mb * 1048576; k++) {
			if (k % 7 == 6) {
				s = sprintf("Generating... %s (1/1) [ 0:%02d:%02d < " \
				    "0:05:00 ]\r", bar, int(k / 60) % 60, k % 60)
				s = s s s "\n"
			} else
				s = sprintf("INFO:     10.128.%d.%d:%d - \"POST " \
				    "/v1/completions HTTP/1.1\" 200 OK\n", k % 250,
				    k * 7 % 250, 30000 + k % 30000)
			printf "%s", s
			n += length(s)
		}
	}'
}

fails=0
echo "machine: $(uname -m), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
echo "date:    $(date -u +%Y-%m-%d)"

noise 256 >"$tmp/noise256"
cat "$tmp/noise256" $seed >"$tmp/big.log"
noise 25.6 >"$tmp/noise25"
cat "$tmp/noise25" $seed >"$tmp/mid.log"
noise 1 >"$tmp/noise1"
cat "$tmp/noise1" $seed >"$tmp/small.log"
cat "$tmp/big.log" >/dev/null		# into the page cache

"$bin" -b 64 -o env "$tmp/big.log" >"$tmp/out" 2>/dev/null
grep -q '^WVA_BETA=0.02698412698412697$' "$tmp/out" || {
	echo "wrong result on the 256 MiB log:"; cat "$tmp/out"; exit 1; }

w_big=$(wall 5 "$bin" -b 64 -o env "$tmp/big.log")
g_big=$(wall 5 grep -c 'Benchmarks Stats:' "$tmp/big.log")
c_big=$(wall 5 cat "$tmp/big.log")
echo "1. 256 MiB log: wva-itl $w_big ms, grep -c $g_big ms, cat $c_big ms"
ratio=$(awk -v w="$w_big" -v g="$g_big" 'BEGIN { printf "%.2f", (g > 0 ? w / g : 0) }')
check "wva-itl / grep -c" "$ratio" "<=" 2

m_small=$(rss "$bin" -b 64 -o env "$tmp/small.log")
m_big=$(rss "$bin" -b 64 -o env "$tmp/big.log")
echo "2. peak RSS: 1 MiB log $m_small KiB, 256 MiB log $m_big KiB"
check "peak RSS on 1 MiB, KiB" "$m_small" "<=" 8192
check "peak RSS on 256 MiB, KiB" "$m_big" "<=" 8192

w_mid=$(wall 5 "$bin" -b 64 -o env "$tmp/mid.log")
ratio=$(awk -v b="$w_big" -v m="$w_mid" 'BEGIN { printf "%.2f", (m > 0 ? b / m : 0) }')
echo "3. linearity: 25.6 MiB $w_mid ms, 256 MiB $w_big ms"
check "time ratio for 10x the input" "$ratio" "<=" 11

head -c 67108864 /dev/zero | tr '\0' 'x' >"$tmp/line.log"
w_line=$(wall 5 "$bin" "$tmp/line.log")
m_line=$(rss "$bin" "$tmp/line.log")
echo "4. 64 MiB line without a newline: $w_line ms, peak RSS $m_line KiB"
check "64 MiB line, ms" "$w_line" "<" 10000
check "64 MiB line, peak RSS KiB" "$m_line" "<=" 8192

start=$(wall 301 "$bin" -b 64 -o env $seed)
base=$(wall 301 true)
echo "5. start-up, seed pair end to end: median $start ms of 301 runs" \
    "(true(1): $base ms)"
check "start-up, ms" "$start" "<" 2

echo "$fails target(s) not met"
[ "$fails" = 0 ]
