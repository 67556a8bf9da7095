# sweeps.sh: sweeps stay apart and are fitted jointly; the out-of-sample
# check, the error bars, the measurements' bracket and percentile targets
# through the command line. Sourced by tests/run.sh, which defines $td,
# $tmp, $bin, $run, wi, expect, expect_msg and the TAP functions.

# last_msg DESC RC MSG: the last run failed with status RC, printed
# nothing, and its last line on stderr (after warnings) is MSG.
last_msg() {
	if [ "$rc" = "$2" ] && [ ! -s "$tmp/out" ] &&
	    [ "$(tail -n 1 "$tmp/err")" = "$3" ]; then
		ok "$1"
	else
		cat "$tmp/err" "$tmp/out" >"$tmp/why"
		not_ok "$1" "$tmp/why"
	fi
}

# --------------------------------------------------- what makes a sweep
wi -x -q -o text duplicate.log
if [ "$rc" = 0 ] && [ "$(grep -c 'duplicate.log:34 ' "$tmp/out")" = 2 ] &&
    grep -q '^throughput  *duplicate.log:114 ' "$tmp/out"; then
	ok "a log rerun in one file: the rerun is its own sweep (duplicate.log:114)"
else
	not_ok "a rerun in one file is its own sweep" "$tmp/out"
fi
wi -x -q -o json synchronous.log throughput.log
if [ "$rc" = 0 ] && ! grep -q '"sweep"' "$tmp/out"; then
	ok "a synchronous and a throughput log are one sweep: no sweep key"
else
	not_ok "a synchronous and a throughput log are one sweep" "$tmp/out"
fi
wi -x -q -o json guidellm-0.6-sweep.log guidellm-0.6-sweep.log
if [ "$rc" = 0 ] && ! grep -q '"sweep"' "$tmp/out" &&
    [ "$(grep -c '"name"' "$tmp/out")" = 2 ]; then
	ok "the same log twice folds into one sweep of its 2 benchmarks"
else
	not_ok "the same log twice folds into one sweep" "$tmp/out"
fi

# ------------------------------------- the joint fit of the 16 exp1 sweeps
set -- "$td"/exp1/sweep-*.csv
wi -q --model queue -o json "$@"
if [ "$rc" = 0 ] && python3 - "$tmp/out" >"$tmp/why" 2>&1 <<'PY'
import json, statistics, sys
d = json.load(open(sys.argv[1]))
v = d["validation"]
assert d["pointCount"] == 144, d["pointCount"]
assert len(d["sweeps"]) == 16 and all(s["points"] == 9 for s in d["sweeps"])
assert {p["sweep"].rsplit("/", 1)[1] for p in d["points"]} == \
    {s["sweep"].rsplit("/", 1)[1] for s in d["sweeps"]}
assert v["method"] == "leave-one-sweep-out" and v["folds"] == 16, v
# The issue's figures: 18% / 12% RMS in sample, worst 63% / 52%; each
# sweep left out, median RMS 17.7% TTFT and 7.8% ITL, worst point 90%.
i, o = v["inSample"], v["outOfSample"]
assert abs(i["ttft"]["rms"] - 0.1815) < 0.002, i["ttft"]
assert abs(i["itl"]["rms"] - 0.1235) < 0.002, i["itl"]
assert abs(i["ttft"]["worst"] - 0.627) < 0.005, i["ttft"]
assert abs(o["ttft"]["worst"] - 0.909) < 0.01, o["ttft"]
assert o["ttft"]["worstPoint"]["benchmark"] == "constant@12.43"
mt = statistics.median(s["outOfSample"]["ttft"]["rms"] for s in d["sweeps"])
mi = statistics.median(s["outOfSample"]["itl"]["rms"] for s in d["sweeps"])
assert abs(mt - 0.177) < 0.003 and abs(mi - 0.078) < 0.003, (mt, mi)
u = d["uncertainty"]
assert u["replicates"] == 16 and u["level"] == 0.9
for k in ("alpha", "beta", "gamma"):
    assert u[k]["low"] < d[k] < u[k]["high"], (k, u[k], d[k])
print("in %.1f%%/%.1f%%, out median %.1f%%/%.1f%%" % (
    100 * i["ttft"]["rms"], 100 * i["itl"]["rms"], 100 * mt, 100 * mi))
PY
then
	ok "16 exp1 sweeps fit jointly: 144 points, each sweep left out: $(cat "$tmp/why")"
else
	not_ok "16 exp1 sweeps fit jointly, validated by sweep" "$tmp/why"
fi

wi -q --model queue --slo-ttft 100 --slo-itl 20 "$@"
last_msg "a joint sizing of sweeps of different shapes asks for the shape" 1 \
    "wva-itl: the points are 16 sweeps of 63 to 4112 prompt and 64 to 4119 output tokens per request: sizing their mean would size a workload nobody measured; give --in-tokens and --out-tokens"

# ------------------------------------------------------------- --points
wi -q --model queue -o env --points -constant@0.14 exp1/sweep-i1024-o4096.csv
grep -q '^WVA_POINTS=8$' "$tmp/out"
a=$?
wi -q --model queue -o env --points 'sweep-i1024-o4096.csv:synchronous,constant@0.25,constant@0.37' exp1/sweep-i1024-o4096.csv
grep -q '^WVA_POINTS=3$' "$tmp/out"
b=$?
wi -q --model queue -o env --points -sweep-i64-o64.csv:constant@201.21 \
    exp1/sweep-i64-o64.csv exp1/sweep-i256-o256.csv
if [ "$a$b$rc" = 000 ] && grep -q '^WVA_POINTS=17$' "$tmp/out"; then
	ok "--points: -NAME leaves a point out, SWEEP:NAME names one sweep's"
else
	not_ok "--points exclusions and sweeps" "$tmp/out"
fi
wi -q --model queue --points nosuch.csv:synchronous exp1/sweep-i64-o64.csv
expect_msg "--points naming a sweep that is not there" 1 \
    'wva-itl: --points: no benchmark is named "nosuch.csv:synchronous" in that sweep (benchmarks found: synchronous, throughput, constant@27.13, constant@51.99, constant@76.86, constant@101.73, constant@126.60, constant@151.47 and 2 more)'
wi -q --model queue --points synchronous,:x exp1/sweep-i64-o64.csv
expect_msg "--points with an empty sweep" 2 \
    'wva-itl: --points: "synchronous,:x" has an empty sweep before ":" (see wva-itl --help)'

# -------------------------------------------------- out of sample, one sweep
wi -q --model queue -o env exp1/sweep-i1024-o4096.csv
if grep -q '^WVA_VALIDATION=leave-one-load-level-out$' "$tmp/out" &&
    grep -q '^WVA_FOLDS=9$' "$tmp/out" &&
    grep -q '^WVA_ALPHA_LOW=' "$tmp/out"; then
	ok "one sweep: each of its 9 load levels left out in turn, with error bars"
else
	not_ok "one sweep: leave one load level out" "$tmp/out"
fi
wi -q --model queue -o json --points synchronous,constant@0.14,constant@0.25 \
    exp1/sweep-i1024-o4096.csv
if grep -q '"why": "fewer than 4 load levels to leave out one at a time"' \
    "$tmp/out" && grep -q '"uncertainty": null' "$tmp/out"; then
	ok "three load levels: no out-of-sample check, and it says why"
else
	not_ok "three load levels: no out-of-sample check" "$tmp/out"
fi

# ----------------------------------------- the bracket and percentiles
wi -q --slo-stat p95 --slo-ttft 100 --slo-itl 20 -b 64 \
    synchronous.log throughput.log
expect_msg "--slo-stat p95 where the logs print no p95" 1 \
    "wva-itl: --slo-stat p95 is answered from the measured points, but a measured point at this shape has no TTFT p95"
wi -q --model queue --slo-stat p90 --slo-ttft 200 --slo-itl 30 -o env \
    exp2/sweep-i256-o256.csv
if grep -q '^WVA_SLO_STAT=p90$' "$tmp/out" &&
    grep -q '^WVA_MAX_RATE_FROM=measurements$' "$tmp/out" &&
    grep -q '^WVA_MEASURED_PASS_RATE=23.783333333333335$' "$tmp/out" &&
    grep -q '^WVA_MEASURED_MISS_RATE=26.94$' "$tmp/out"; then
	ok "--slo-stat p90: answered between the pass at 23.78 and the miss at 26.94 req/s"
else
	not_ok "--slo-stat p90 from the measurements" "$tmp/out"
fi
wi -q --model queue --slo-stat p99 --slo-ttft 25 -o env exp2/sweep-i256-o256.csv
last_msg "a percentile every measured load misses" 1 \
    "wva-itl: exp2/sweep-i256-o256.csv:4: every measured load misses the p99 targets: the lowest, synchronous at 0.3483 req/s, has TTFT p99 29.63 ms"
