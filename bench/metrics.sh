#!/bin/sh
# metrics.sh: reading a day of production metrics. build/metrics_gen
# writes the /metrics pages of 8 simulated vLLM v0.26.0 pods every 15
# seconds for 24 hours (46,080 pages of every family of the v0.26.0
# list, in the layout of llm-d-benchmark's collect_metrics.sh, some
# 1.6 GB); wva-itl reads them into 11,520 one-minute windows and pools
# them (-x -o text), then reads and fits them (--model queue -o env),
# against cat(1) and wc -l on the same file in the same run; peak RSS of
# one hour and of the day. Then the same day as a query_range export.
# Not a test: run by "make bench".
# Targets: the day read in under 2 s; peak RSS at most 16 MiB, growing
# from the hour's by no more than the compact record each window keeps
# for the output's list (struct mwin, under 256 bytes) and 1 MiB: the
# snapshots themselves cost the same for an hour or a day.

set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${WVA_ITL:-$top/wva-itl}
gen=${WVA_MGEN:-$top/build/metrics_gen}
fams=$top/testdata/vllm_metric_families/v0.26.0.txt
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wva-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$top/bench/lib.sh"
fails=0

"$gen" -f text -p 8 -d 86400 -i 15 -F "$fams" >"$tmp/day.prom" 2>/dev/null
"$gen" -f text -p 8 -d 3600 -i 15 -F "$fams" >"$tmp/hour.prom" 2>/dev/null
"$gen" -f range -p 8 -d 86400 -i 15 >"$tmp/day.json" 2>/dev/null
size=$(wc -c <"$tmp/day.prom")
pages=$(grep -c '^# Timestamp:' "$tmp/day.prom")
sync		# the 1.6 GB just written out, not flushed while timed
cat "$tmp/day.prom" >/dev/null		# into the page cache
c_ms=$(wall 3 cat "$tmp/day.prom")
l_ms=$(wall 3 wc -l "$tmp/day.prom")
r_ms=$(wall 3 "$bin" -q -x -o text "$tmp/day.prom")
f_ms=$(wall 3 "$bin" -q --model queue -o env "$tmp/day.prom")
q_ms=$(wall 3 "$bin" -q --model queue -o env "$tmp/day.json")
day_kb=$(rss "$bin" -q --model queue -o env "$tmp/day.prom")
hour_kb=$(rss "$bin" -q --model queue -o env "$tmp/hour.prom")
"$bin" -q --model queue -o env "$tmp/day.prom" >"$tmp/out"
echo "metrics: $pages pages of 8 pods, $(awk -v s="$size" 'BEGIN {
    printf "%.2f GB", s / 1e9 }'), $(grep '^WVA_WINDOWS=' "$tmp/out" |
    cut -d= -f2) windows"
echo "cat:     $c_ms ms; wc -l: $l_ms ms (medians of 3)"
echo "wva-itl: read and pool $r_ms ms ($(awk -v s="$size" -v t="$r_ms" \
    'BEGIN { printf "%.0f MB/s", s / t / 1e3 }')); read and fit $f_ms ms"
echo "         the same day as query_range JSON ($(wc -c <"$tmp/day.json" |
    awk '{ printf "%.0f MB", $1 / 1e6 }')): read and fit $q_ms ms"
echo "peak RSS: $hour_kb KiB for an hour, $day_kb KiB for the day"
grep -e '^WVA_ALPHA=' -e '^WVA_BETA=' -e '^WVA_GAMMA=' "$tmp/out" | tr '\n' ' '
echo "(made with 6, 0.03, 0.00005)"
check "the day read and pooled, ms" "$r_ms" "<" 2000
check "peak RSS for the day, KiB" "$day_kb" "<=" 16384
wins=$(grep '^WVA_WINDOWS=' "$tmp/out" | cut -d= -f2)
echo "         the day over the hour: $((day_kb - hour_kb)) KiB for \
$((wins - 480)) more windows, $(( (day_kb - hour_kb) * 1024 / (wins - 480) )) bytes each"
check "peak RSS, the day over the hour, KiB" "$((day_kb - hour_kb))" "<=" \
    "$(( (wins - 480) / 4 + 1024 ))"
[ "$fails" = 0 ]
