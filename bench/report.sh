#!/bin/sh
# report.sh [MB]: time and peak memory of wva-itl on a guidellm JSON report
# of about MB megabytes (default 100), against cat(1) reading the same file
# in the same run. Not a test: run by "make bench"; prints medians of 5
# and checks that peak RSS stays within a few (3) times the file size.
#
# The report is generated here: two benchmarks in guidellm's 0.4+ schema,
# each with its per-request list (prompt and output text), which is what
# makes real reports hundreds of MB.

set -eu
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${WVA_ITL:-$top/wva-itl}
mb=${1:-100}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wva-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$top/bench/lib.sh"
f=$tmp/report.json

awk -v mb="$mb" '
function dist(m) {
	return sprintf("{\"mean\": %.10f, \"median\": %.10f, \"mode\": %.4f, " \
	    "\"variance\": 0.01, \"std_dev\": 0.1, \"min\": %.4f, \"max\": %.4f, " \
	    "\"count\": 1000, \"total_sum\": %.4f, \"percentiles\": {\"p50\": %.4f, " \
	    "\"p95\": %.4f, \"p99\": %.4f}, \"pdf\": null}", m, m, m, m * 0.9, \
	    m * 1.2, m * 1000, m, m * 1.05, m * 1.1)
}
function status(m) {
	return sprintf("{\"successful\": %s, \"errored\": %s, \"incomplete\": %s, " \
	    "\"total\": %s}", dist(m), dist(0), dist(0), dist(m))
}
function bench(k, type, streams, itl, ttft, conc, n,    i, text) {
	text = ""
	for (i = 0; i < 20; i++)
		text = text "lorem ipsum dolor sit amet, consectetur adipiscing "
	printf "{\"type_\": \"generative_benchmark\", \"config\": {\"strategy\": " \
	    "{\"type_\": \"%s\", \"streams\": %d}}, \"metrics\": {" \
	    "\"request_totals\": {\"successful\": %d, \"errored\": 0, " \
	    "\"incomplete\": 0, \"total\": %d}, \"requests_per_second\": %s, " \
	    "\"request_concurrency\": %s, \"request_latency\": %s, " \
	    "\"prompt_token_count\": %s, \"output_token_count\": %s, " \
	    "\"time_to_first_token_ms\": %s, \"time_per_output_token_ms\": %s, " \
	    "\"inter_token_latency_ms\": %s}, \"requests\": {\"successful\": [", \
	    type, streams, n, n, status(10), status(conc), status(1.1), \
	    status(128), status(128), status(ttft), status(itl), status(itl)
	for (i = 0; i < n; i++)
		printf "%s{\"type_\": \"generative_request_stats\", " \
		    "\"request_id\": \"%d-%d\", \"prompt\": \"%s\", \"output\": " \
		    "\"%s\", \"prompt_tokens\": 128, \"output_tokens\": 128, " \
		    "\"time_to_first_token_ms\": %.3f, \"inter_token_latency_ms\": " \
		    "%.3f}", i ? ", " : "", k, i, text, text, ttft, itl
	printf "], \"errored\": [], \"incomplete\": [], \"total\": null}, " \
	    "\"duration\": 60.0}"
}
BEGIN {
	n = int(mb * 1024 * 1024 / 2 / 2170)
	printf "{\"metadata\": {\"version\": 1}, \"benchmarks\": ["
	bench(0, "concurrent", 1, 7.0123456789, 15.0123456789, 1.0, n)
	printf ", "
	bench(1, "concurrent", 64, 8.7123456789, 26.0123456789, 63.9, n)
	printf "]}\n"
}' >"$f"

size=$(wc -c <"$f")
cat "$f" >/dev/null		# into the page cache
fails=0
c_ms=$(wall 5 cat "$f")
w_ms=$(wall 5 "$bin" -x "$f")
w_kb=$(rss "$bin" -x "$f")
"$bin" -b 64 -o env "$f" >"$tmp/out" 2>/dev/null
echo "report: $(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }'), 2 benchmarks"
echo "cat:     $c_ms ms (median of 5)"
echo "wva-itl: $w_ms ms (median of 5), peak RSS $w_kb KiB"
awk -v w="$w_ms" -v c="$c_ms" -v k="$w_kb" -v s="$size" 'BEGIN {
	printf "ratios:  time %.1fx cat; peak RSS %.3fx the file size; %.0f MB/s\n",
	    (c > 0 ? w / c : 0), k * 1024 / s, (w > 0 ? s / w / 1e3 : 0)
}'
check "peak RSS, times the file size" \
    "$(awk -v k="$w_kb" -v s="$size" 'BEGIN { printf "%.3f", k * 1024 / s }')" \
    "<=" 3
grep -q '^WVA_BETA=0.0269841269' "$tmp/out" && echo "fit: beta as expected" ||
    { echo "fit: WRONG"; cat "$tmp/out"; exit 1; }
[ "$fails" = 0 ]
