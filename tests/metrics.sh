#!/bin/sh
# metrics.sh TOP BIN TMP: fitting from production metrics, on pods
# simulated by build/metrics_gen (tests/metrics_gen.c; WVA_MGEN names
# another build): the fit recovers the parameters the pods were made
# with, the four ways of writing the same stream give the same fit, a
# stream cut into files reads as the whole, the events of the simulation
# (a restart, a gap, a growing queue, an idle spell) are each dropped
# with their reason, one operating point is said so, and the family list
# of a real vLLM v0.26.0 server reads as the simulator's own. Prints TAP
# lines for run.sh. The parser's rules and bad input are goldens in
# testdata/ (prom-*, range-*).
#
# Tolerances (stated in the README): the day of eight pods and the six
# hours of four pods with events recover alpha within 2%, beta within
# 1% and gamma within 15% (measured: 0.6%, 0.1%, 9%); gamma, the cost of
# reading the KV cache, moves the latencies least.

set -u
top=$1
bin=$2
tmp=$3/metrics
mkdir -p "$tmp"
. "$top/tests/tap.sh"
gen=${WVA_MGEN:-$top/build/metrics_gen}
run=${WVA_RUN:-}
fams=$top/testdata/vllm_metric_families/v0.26.0.txt
truth="6 0.03 0.00005"

wi() {
	$run "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# within FILE NAME...: the env output's ALPHA, BETA, GAMMA against the
# truth, each within its tolerance; prints the errors.
within() {
	awk -F= -v truth="$truth" '
	BEGIN { split(truth, t, " "); tol["ALPHA"] = 0.02; tol["BETA"] = 0.01
		tol["GAMMA"] = 0.15; k["ALPHA"] = 1; k["BETA"] = 2; k["GAMMA"] = 3 }
	$1 == "WVA_ALPHA" || $1 == "WVA_BETA" || $1 == "WVA_GAMMA" {
		n = substr($1, 5); e = ($2 - t[k[n]]) / t[k[n]]
		if (e < 0) e = -e
		printf "%s %.2g%% ", n, 100 * e
		if (e > tol[n]) bad = 1
		seen++
	}
	END { exit bad || seen != 3 }' "$1"
}

# ------------------------------------------------- recovery, one day
"$gen" -f range -p 8 -d 86400 -s 3 >"$tmp/day.json" 2>/dev/null
wi -q --model queue -o env "$tmp/day.json"
if [ "$rc" = 0 ] && msg=$(within "$tmp/out"); then
	ok "a day of 8 simulated pods: the fit recovers alpha, beta, gamma ($msg)"
else
	cat "$tmp/err" >>"$tmp/out"
	not_ok "a day of 8 simulated pods: the fit recovers alpha, beta, gamma" "$tmp/out"
fi
if grep -q '^WVA_WINDOWS=11520$' "$tmp/out" &&
    grep -q '^WVA_WINDOWS_USED=11512$' "$tmp/out" &&
    grep -q '^WVA_WINDOWS_PARTIAL=8$' "$tmp/out" &&
    grep -q '^WVA_VALIDATION=leave-one-sweep-out$' "$tmp/out" &&
    grep -q '^WVA_SWEEPS=8$' "$tmp/out"; then
	ok "a day of 1-minute windows of 8 pods: 11520 windows, a sweep a pod, each pod left out in turn"
else
	not_ok "a day of 1-minute windows of 8 pods: 11520 windows, a sweep a pod" "$tmp/out"
fi

# ----------------------- events, and the same stream written four ways
"$gen" -f text -p 4 -d 21600 -e -s 5 >"$tmp/ev.prom" 2>/dev/null
wi -q --model queue -o env "$tmp/ev.prom"
cp "$tmp/out" "$tmp/ev.env"
if [ "$rc" = 0 ] && msg=$(within "$tmp/ev.env"); then
	ok "6 hours of 4 pods with events: the fit recovers the parameters ($msg)"
else
	not_ok "6 hours of 4 pods with events: the fit recovers the parameters" "$tmp/ev.env"
fi
bad=
for r in RESET GAP FEW_REQUESTS QUEUE_GROWING PARTIAL; do
	grep -q "^WVA_WINDOWS_$r=[1-9]" "$tmp/ev.env" || bad="$bad $r"
done
if [ -z "$bad" ]; then
	ok "a restart, a gap, an idle spell and a growing queue each drop windows with their reason"
else
	echo "no window dropped for:$bad" >"$tmp/why"
	cat "$tmp/ev.env" >>"$tmp/why"
	not_ok "the simulated events drop windows with their reasons" "$tmp/why"
fi
for f in labels om range; do
	"$gen" -f $f -p 4 -d 21600 -e -s 5 >"$tmp/ev.$f" 2>/dev/null
	wi -q --model queue -o env "$tmp/ev.$f"
	if [ "$rc" = 0 ] && cmp -s "$tmp/ev.env" "$tmp/out"; then
		ok "the stream as $f gives the fit of the collect_metrics layout"
	else
		diff "$tmp/ev.env" "$tmp/out" >"$tmp/why" 2>&1
		cat "$tmp/err" >>"$tmp/why"
		not_ok "the stream as $f gives the fit of the collect_metrics layout" \
		    "$tmp/why"
	fi
done

# A stream cut into files at a snapshot, and through a pipe.
cutline=$(grep -n '^# Timestamp:' "$tmp/ev.prom" | awk -F: 'NR == 1000 { print $1 }')
head -n $((cutline - 1)) "$tmp/ev.prom" >"$tmp/part1.prom"
tail -n +"$cutline" "$tmp/ev.prom" >"$tmp/part2.prom"
wi -q --model queue -o env "$tmp/part1.prom" "$tmp/part2.prom"
cp "$tmp/out" "$tmp/parts.env"
$run "$bin" -q --model queue -o env <"$tmp/ev.prom" >"$tmp/out" 2>"$tmp/err"
if cmp -s "$tmp/ev.env" "$tmp/parts.env" && cmp -s "$tmp/ev.env" "$tmp/out"; then
	ok "snapshots split over two files, or piped, read as one stream"
else
	diff "$tmp/ev.env" "$tmp/parts.env" >"$tmp/why" 2>&1
	not_ok "snapshots split over two files, or piped, read as one stream" "$tmp/why"
fi

# ------------------------------------------------ arrivals, engines, ITL
"$gen" -f text -p 2 -d 14400 -A -E 2 -s 7 >"$tmp/arr.prom" 2>/dev/null
wi --model queue -o env "$tmp/arr.prom"
if [ "$rc" = 0 ] && msg=$(within "$tmp/out") &&
    grep -q "rates are the scheduler's arrivals at each pod" "$tmp/err"; then
	ok "two engines a pod and the scheduler's arrivals: rates are arrivals, the fit recovers ($msg)"
else
	cat "$tmp/err" >>"$tmp/out"
	not_ok "two engines a pod and the scheduler's arrivals" "$tmp/out"
fi
"$gen" -f text -p 2 -d 14400 -s 7 >"$tmp/new.prom" 2>/dev/null
"$gen" -f text -p 2 -d 14400 -s 7 -O >"$tmp/old.prom" 2>/dev/null
wi -q --model queue -o env "$tmp/new.prom"
cp "$tmp/out" "$tmp/new.env"
wi -q --model queue -o env "$tmp/old.prom"
if [ "$rc" = 0 ] && cmp -s "$tmp/new.env" "$tmp/out"; then
	ok "vllm:time_per_output_token_seconds (before 2026) reads as vllm:inter_token_latency_seconds"
else
	diff "$tmp/new.env" "$tmp/out" >"$tmp/why" 2>&1
	not_ok "the ITL histogram's old name reads as its new one" "$tmp/why"
fi
wi -q --model queue -o env --itl request "$tmp/new.prom"
if [ "$rc" = 0 ] && msg=$(within "$tmp/out") && ! cmp -s "$tmp/new.env" "$tmp/out"; then
	ok "--itl request fits the per-request histogram ($msg)"
else
	not_ok "--itl request fits the per-request histogram" "$tmp/out"
fi
wi -q --itl request "$top/testdata/prom-basic.prom"
if [ "$rc" = 1 ] && [ ! -s "$tmp/out" ] && grep -q 'dropped: 2 missing' "$tmp/err"; then
	ok "--itl request without that histogram: every window lacks it, exit 1"
else
	not_ok "--itl request without that histogram: exit 1" "$tmp/err"
fi

# --------------------------------------------------- one operating point
"$gen" -f range -p 2 -d 7200 -l 0.5,0.52 -s 2 >"$tmp/one.json" 2>/dev/null
wi --model queue -o env "$tmp/one.json"
if [ "$rc" = 0 ] && grep -q '^wva-itl: warning: the windows cover [0-9.]* to [0-9.]* req/s: one operating point; beta and gamma cannot be learned from it$' "$tmp/err" &&
    grep -q '^WVA_ONE_OPERATING_POINT=1$' "$tmp/out"; then
	ok "load at one operating point: a warning says beta and gamma cannot be learned"
else
	cat "$tmp/err" >>"$tmp/out"
	not_ok "load at one operating point: a warning says so" "$tmp/out"
fi
wi --strict --model queue -o env "$tmp/one.json"
if [ "$rc" = 1 ] && [ ! -s "$tmp/out" ]; then
	ok "one operating point under --strict: exit 1"
else
	not_ok "one operating point under --strict: exit 1" "$tmp/err"
fi
c1=$(sed -n 's/^WVA_CONDITION=//p' "$tmp/ev.env")
wi -q --model queue -o env "$tmp/one.json"
c2=$(sed -n 's/^WVA_CONDITION=//p' "$tmp/out")
if awk -v a="$c1" -v b="$c2" 'BEGIN { exit !(a > 0 && b > 100 * a) }'; then
	ok "the fit's condition number: $c1 over a day's loads, $c2 at one operating point"
else
	not_ok "the condition number rises at one operating point ($c1, $c2)"
fi

# ------------------------------------------ a real vLLM v0.26.0 server
: >"$tmp/missing"
for f in vllm:request_success_total vllm:time_to_first_token_seconds \
    vllm:inter_token_latency_seconds vllm:request_time_per_output_token_seconds \
    vllm:e2e_request_latency_seconds vllm:request_prompt_tokens \
    vllm:request_generation_tokens vllm:num_requests_running \
    vllm:num_requests_waiting; do
	grep -q "^$f " "$fams" || echo "$f" >>"$tmp/missing"
done
grep -q '^vllm:time_per_output_token_seconds ' "$fams" &&
    echo "vllm:time_per_output_token_seconds is still there" >>"$tmp/missing"
if [ -s "$tmp/missing" ]; then
	not_ok "vLLM v0.26.0 has every family wva-itl reads" "$tmp/missing"
else
	ok "vLLM v0.26.0 has every family wva-itl reads, and no longer the old ITL name"
fi
"$gen" -f text -p 2 -d 14400 -s 7 -F "$fams" >"$tmp/full.prom" 2>/dev/null
wi -q --model queue -o env "$tmp/full.prom"
if [ "$rc" = 0 ] && cmp -s "$tmp/new.env" "$tmp/out"; then
	ok "pages with all $(grep -c '^vllm:' "$fams") families of vLLM v0.26.0 give the fit of the needed ones alone"
else
	diff "$tmp/new.env" "$tmp/out" >"$tmp/why" 2>&1
	cat "$tmp/err" >>"$tmp/why"
	not_ok "pages of every vLLM v0.26.0 family give the same fit" "$tmp/why"
fi
"$gen" -f om -p 2 -d 14400 -s 7 -F "$fams" >"$tmp/full.om" 2>/dev/null
wi -q --model queue -o env "$tmp/full.om"
if [ "$rc" = 0 ] && cmp -s "$tmp/new.env" "$tmp/out"; then
	ok "the same as OpenMetrics (counters without _total, _created, # EOF)"
else
	diff "$tmp/new.env" "$tmp/out" >"$tmp/why" 2>&1
	not_ok "the v0.26.0 pages as OpenMetrics give the same fit" "$tmp/why"
fi

# ----------------------------------------------------- the export query
q=$($run "$bin" --print-queries | grep -v '^#' | head -n 1)
: >"$tmp/missing"
for f in request_success_total time_to_first_token_seconds_ \
    inter_token_latency_seconds_ e2e_request_latency_seconds_ \
    request_prompt_tokens_ request_generation_tokens_ num_requests_running \
    num_requests_waiting inference_extension_scheduler_attempts_total; do
	case $q in *"$f"*) ;; *) echo "$f" >>"$tmp/missing" ;; esac
done
case $q in '{__name__=~"vllm:('*'"}') ;; *) echo "not one selector: $q" >>"$tmp/missing" ;; esac
if [ -s "$tmp/missing" ]; then
	not_ok "--print-queries: one selector of every series read" "$tmp/missing"
else
	ok "--print-queries: one selector of every series read"
fi
q=$($run "$bin" --print-queries --itl request --window 120 | grep -c -e 'request_time_per_output_token_seconds_sum\[120s\]' -e 'request_time_per_output_token_seconds_(sum|count)')
if [ "$q" = 2 ]; then
	ok "--print-queries follows --itl and --window"
else
	not_ok "--print-queries follows --itl and --window"
fi

# ------------------------------------------------------- cut anywhere
# The collect_metrics stream cut at 40 offsets: the fit of what is left
# or one message and exit 1, never a crash or other output.
"$gen" -f text -p 1 -d 3600 -s 9 >"$tmp/cut.prom" 2>/dev/null
"$gen" -f range -p 1 -d 3600 -s 9 >"$tmp/cut.json" 2>/dev/null
bad=
for f in cut.prom cut.json; do
	size=$(wc -c <"$tmp/$f")
	i=1
	while [ $i -le 40 ]; do
		head -c $((size * i / 41)) "$tmp/$f" >"$tmp/c.$f"
		$run "$bin" -q --model queue -o env "$tmp/c.$f" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ "$rc" = 0 ] && grep -q '^WVA_ALPHA=' "$tmp/out"; then
			:
		elif [ "$rc" = 1 ] && [ ! -s "$tmp/out" ] &&
		    [ "$(wc -l <"$tmp/err")" = 1 ]; then
			:
		else
			bad="$bad $f@$i:rc=$rc"
		fi
		i=$((i + 1))
	done
done
if [ -z "$bad" ]; then
	ok "both metrics inputs cut at 40 offsets each: a fit or one message and exit 1"
else
	echo "$bad" >"$tmp/why"
	not_ok "metrics inputs cut short" "$tmp/why"
fi

exit 0
