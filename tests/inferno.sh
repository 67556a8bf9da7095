#!/bin/sh
# inferno.sh BIN DIR: real guidellm outputs of llm-inferno/model-trainer
# (Apache-2.0, commit 22bea2e), kept outside this repository in DIR
# (../shared/inferno). Prints one "ok"/"not ok" line a check:
#  - exp2: each benchmarks.csv (guidellm 0.5.3, rows longer than the
#    header) and the benchmarks.html of the same run give the same
#    benchmarks, with the same rate, TTFT and ITL (mean, median, p95,
#    p99) and request latency, to the last bit; the HTML's tokens per
#    request (the whole run's) are the CSV's per-benchmark means weighted
#    by successful requests; the CSV has a measured concurrency for each
#    (the HTML has none); a --model queue fit of each CSV prints at most 3
#    stderr lines;
#  - exp1: all 16 guidellm 0.3 CSVs read with -x, 10 benchmarks each, one
#    line for the impossible TTFT means (counting the others it folds),
#    and no other warning but errored requests.

set -u
bin=$1
dir=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/inferno.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

for d in "$dir"/exp2/*/; do
	run=$(basename "$d")
	${WVA_RUN:-} "$bin" -x "$d/benchmarks.csv" >"$tmp/csv.json" \
	    2>"$tmp/csv.err"
	rc1=$?
	${WVA_RUN:-} "$bin" -x "$d/benchmarks.html" >"$tmp/html.json" \
	    2>"$tmp/html.err"
	rc2=$?
	if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ]; then
		echo "not ok exp2 $run: exit $rc1 (csv) $rc2 (html)"
		head -n 3 "$tmp/csv.err" "$tmp/html.err" | sed 's/^/# /'
		continue
	fi
	python3 - "$tmp/csv.json" "$tmp/html.json" "$run" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["benchmarks"]
h = json.load(open(sys.argv[2]))["benchmarks"]
run = sys.argv[3]
bad = []
if [b["name"] for b in c] != [b["name"] for b in h]:
    bad.append("names differ")
for x, y in zip(c, h):
    if x["requestsPerSecond"] != y["requestsPerSecond"]:
        bad.append("%s rate" % x["name"])
    for k in ("ttftMs", "itlMs", "requestLatencySeconds"):
        if x[k] != y[k]:
            bad.append("%s %s" % (x["name"], k))
    if x["requests"]["completed"] != y["requests"]["completed"]:
        bad.append("%s completed" % x["name"])
    if x["concurrency"] is None:
        bad.append("%s: no concurrency in the CSV" % x["name"])
n = sum(x["requests"]["completed"] for x in c)
for k in ("promptTokensPerRequest", "outputTokensPerRequest"):
    m = sum(x[k] * x["requests"]["completed"] for x in c) / n
    for y in h:
        if abs(y[k] - m) > 1e-9 * m:
            bad.append("%s %s %r, CSV weighted %r" % (y["name"], k,
                y[k], m))
            break
print("%s exp2 %s: %d benchmarks, CSV and HTML agree%s" % (
    "not ok" if bad else "ok", run, len(c),
    ": " + "; ".join(bad) if bad else ""))
PY
done

# Issue 17: a --model queue fit of an exp2 sweep says what it must in at
# most 3 stderr lines (the left-out runs, the loose parameters and the
# defaults taken are a line each at most).
for d in "$dir"/exp2/*/; do
	run=$(basename "$d")
	${WVA_RUN:-} "$bin" --model queue "$d/benchmarks.csv" >/dev/null \
	    2>"$tmp/q.err"
	rc=$?
	nl=$(wc -l <"$tmp/q.err")
	if [ $rc -eq 0 ] && [ "$nl" -le 3 ]; then
		echo "ok exp2 $run: --model queue in $nl stderr lines"
	else
		echo "not ok exp2 $run: --model queue exit $rc, $nl stderr lines"
		sed 's/^/# /' "$tmp/q.err"
	fi
done

for f in "$dir"/exp1/csv/*.csv; do
	name=$(basename "$f")
	${WVA_RUN:-} "$bin" -x -o yaml "$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	nb=$(grep -c '^  - name:' "$tmp/out")
	nl=$(grep -c 'TTFT mean (column [0-9]*) is -[0-9.e+]*, negative: taken as unknown' "$tmp/err")
	nw=$(sed -n 's/.*TTFT mean (column.*taken as unknown (\([0-9]*\) more.*/\1/p' \
	    "$tmp/err")
	nw=$((${nw:-0} + nl))
	other=$(grep -v -e 'TTFT mean (column' -e 'requests errored$' \
	    -e 'errored requests, [0-9]* of [0-9]* in all;' "$tmp/err" |
	    grep -c 'warning:')
	if [ $rc -eq 0 ] && [ "$nb" -eq 10 ] && [ "$other" -eq 0 ] &&
	    [ "$nl" -le 1 ]; then
		echo "ok exp1 $name: 10 benchmarks, $nw impossible TTFT means"
	else
		echo "not ok exp1 $name: exit $rc, $nb benchmarks, $other" \
		    "other warnings"
	fi
done
