# sizing.sh: --slo-ttft, --slo-itl, --rate, --in-tokens, --out-tokens and
# --params planning (issue 12) through the command line: each binding
# case for both models, monotonicity, the replicas, exit codes and
# messages, --results-dir, the rate plot.
# Sourced by tests/run.sh, which defines $td, $tmp, $bin, $run, wi,
# expect and the TAP functions of tap.sh; not a script of its own.

seed_lin=alpha=6.973015873015873,beta=0.02698412698412697,gamma=14.825396825396826,delta=0.0013524645592809807
# model-trainer's published v0.6 fit of exp1 i256-o256
i256=alpha=6.695539427727434,beta=0.018786644201984833,gamma=0.00005703773253492748

# size_is DESC WANT ARG...: a run whose env output holds every line of
# WANT (one "NAME=value" a line), exit 0.
size_is() {
	desc=$1
	printf '%s\n' "$2" >"$tmp/want"
	shift 2
	wi -q -o env "$@"
	if [ "$rc" = 0 ] && [ -z "$(grep -v -x -F -f "$tmp/out" "$tmp/want")" ]
	then
		ok "$desc"
	else
		{ echo "exit $rc; missing:"; grep -v -x -F -f "$tmp/out" \
		    "$tmp/want"; cat "$tmp/err"; } >"$tmp/why"
		not_ok "$desc" "$tmp/why"
	fi
}

# ------------------------------------------------- binding, both models
lin="--params $seed_lin -b 64 --in-tokens 129 --out-tokens 128"
size_is "linear: TTFT binds at 53.5646 req/s, Go's Size at 129 tokens" \
'WVA_MAX_RATE=53.5646
WVA_BINDING=ttft
WVA_REPLICAS=2' $lin --slo-ttft 200 --slo-itl 10 --rate 100
size_is "linear: ITL binds" 'WVA_BINDING=itl
WVA_ITL_MS=8.599999' $lin --slo-ttft 10000 --slo-itl 8.6
size_is "linear: neither binds: the top of the range, Go's 56.5359" \
'WVA_MAX_RATE=56.53594
WVA_BINDING=none' $lin --slo-ttft 1000000 --slo-itl 1000000
wi $lin --slo-ttft 200 --slo-itl 5
expect_msg "linear: ITL unreachable: exit 1, the core's message" 1 \
    "wva-itl: ITL target 5 ms is below the model's ITL at zero load, 7.0 ms"
wi $lin --slo-ttft 10 --slo-itl 5
expect_msg "linear: both unreachable: TTFT is named first" 1 \
    "wva-itl: TTFT target 10 ms is below the model's TTFT at zero load, 15.0 ms"

q="--model queue --params $i256 --in-tokens 256 --out-tokens 256"
size_is "queue v0.7: TTFT binds at 43.3287 req/s (Go 43.3287392)" \
'WVA_MAX_RATE=43.32874
WVA_BINDING=ttft' $q --slo-ttft 100 --slo-itl 20
size_is "queue v0.6: TTFT binds at 43.2043 req/s (Go 43.2043304)" \
'WVA_MAX_RATE=43.204327
WVA_BINDING=ttft' $q --queue-version 0.6 --slo-ttft 100 --slo-itl 20
size_is "queue: ITL binds" 'WVA_BINDING=itl' $q --slo-ttft 1000 --slo-itl 15
size_is "queue: neither binds: the top of the range (Go 45.4723549)" \
'WVA_MAX_RATE=45.472355
WVA_BINDING=none
WVA_REPLICAS=3' $q --slo-ttft 100000 --slo-itl 100000 --rate 100
wi -q $q --slo-itl 5
expect_msg "queue: ITL unreachable: exit 1, the core's message" 1 \
    "wva-itl: ITL target 5 ms is below the model's ITL at zero load, 6.7 ms"

# From logs: the seed (two-point), the same fit as --params gives, and
# the queueing fit of a sweep.
size_is "seed logs, -b 64: 53.5641 req/s at 129.1 tokens, TTFT binds, 2 replicas" \
'WVA_MAX_RATE=53.5641
WVA_BINDING=ttft
WVA_REPLICAS=2
WVA_RATE_PER_REPLICA=50
WVA_PLAN_INPUT_TOKENS=129.1
WVA_PLAN_OUTPUT_TOKENS=128' -b 64 --slo-ttft 200 --slo-itl 10 --rate 100 \
    synchronous.log throughput.log
size_is "seed logs with --in-tokens 129: Go's 53.5646" 'WVA_MAX_RATE=53.5646' \
    -b 64 --slo-ttft 200 --slo-itl 10 --in-tokens 129 synchronous.log \
    throughput.log
wi -q -b 64 --slo-itl 5 synchronous.log throughput.log
expect_msg "seed logs, ITL 5 ms: exit 1, nothing on stdout" 1 \
    "wva-itl: ITL target 5 ms is below the model's ITL at zero load, 7.0 ms"
size_is "queue fit of a sweep: TTFT binds" 'WVA_BINDING=ttft
WVA_REPLICAS=24' --model queue --slo-ttft 50 --slo-itl 12 --rate 10 \
    exp1/sweep-i1024-o4096.csv
size_is "queue fit of a sweep: ITL binds" 'WVA_BINDING=itl' --model queue \
    --slo-ttft 1000 --slo-itl 12 exp1/sweep-i1024-o4096.csv

# ------------------------------------------------------- monotonicity
# A looser target never lowers the rate, and each rate meets its target.
for m in lin q; do
	for which in ttft itl; do
		prev=0
		good=1
		eval "args=\$$m"
		for t in 8 9 10 12 15 20 30 50 100 200 400 1000 5000; do
			wi -q -o env $args --slo-$which "$t"
			[ "$rc" = 0 ] || continue
			r=$(sed -n 's/^WVA_MAX_RATE=//p' "$tmp/out")
			v=$(sed -n "s/^WVA_$(echo $which | tr a-z A-Z)_MS=//p" \
			    "$tmp/out")
			if ! awk -v r="$r" -v p="$prev" -v v="$v" -v t="$t" \
			    'BEGIN { exit !(r >= p && v <= t) }'; then
				good=0
				echo "target $t: rate $r after $prev, value $v" \
				    >>"$tmp/mono"
			fi
			prev=$r
		done
		if [ $good = 1 ] && [ "$prev" != 0 ]; then
			ok "$m: a looser $which target never lowers the rate"
		else
			not_ok "$m: a looser $which target never lowers the rate" \
			    "$tmp/mono"
		fi
	done
done

# ------------------------------------------------ usage and exit codes
usage() {	# usage MESSAGE ARG...
	msg=$1
	shift
	wi "$@"
	expect_msg "usage: $*" 2 "wva-itl: $msg (see wva-itl --help)"
}
usage '--rate, --in-tokens, --out-tokens and --slo-stat size a replica: give --slo-ttft or --slo-itl too' --rate 100 synchronous.log
usage '--rate, --in-tokens, --out-tokens and --slo-stat size a replica: give --slo-ttft or --slo-itl too (the prompt tokens delta is fitted for are -i, --input-tokens)' --in-tokens 128 synchronous.log throughput.log
usage '--slo-ttft: "0" is not a plain decimal of ms above 0 and up to 1000000000' --slo-ttft 0
usage '--slo-itl: "-5" is not a plain decimal of ms above 0 and up to 1000000000' --slo-itl -5
usage '--rate: "x" is not a plain decimal of requests per second above 0 and up to 1000000000' --slo-itl 10 --rate x
usage '--out-tokens: "0.5" is not a plain decimal of tokens from 1 and up to 1000000000' --slo-itl 10 --out-tokens 0.5
usage '--rate: "1e9" is not a plain decimal of requests per second above 0 and up to 1000000000' --slo-itl 10 --rate 1e9
usage '-x fits nothing: --slo-ttft, --slo-itl, --slo-stat, --rate, --in-tokens and --out-tokens do not go with it' -x --slo-ttft 100
usage '--params with no file: give the token shape to size for, --in-tokens and --out-tokens' --model queue --params "$i256" --slo-ttft 100
usage '--params: --model linear needs alpha, beta, gamma and delta' --model linear --params alpha=1,beta=1,gamma=1 --in-tokens 1 --out-tokens 1 --slo-ttft 100
usage '--params: --model linear needs alpha, beta, gamma and delta' --params alpha=1,beta=1,delta=1 --in-tokens 1 --out-tokens 1 --slo-ttft 100
usage "--params: alpha, beta and gamma with no delta are the queueing model's: did you mean --model queue?" --params alpha=1,beta=1,gamma=1 --in-tokens 1 --out-tokens 1 --slo-ttft 100
usage "--params: alpha, beta and gamma with no delta are the queueing model's: did you mean --model queue?" --params alpha=6.6,beta=0.025,gamma=4e-5
usage '--params with no file sizes a replica: give --slo-ttft or --slo-itl (or -o svg), or name the benchmark files to evaluate the parameters on (- for standard input)' --model queue --params "$i256"
usage '-o wva needs benchmark files; a sizing from --params prints json, yaml, env, text or svg' $lin --slo-ttft 100 -o wva --acc H100

# --params with no file reads nothing: stdin is left alone.
printf 'not a log\n' >"$tmp/junk"
wi_in "$tmp/junk" -q -o env $lin --slo-ttft 200
if [ "$rc" = 0 ] && grep -q '^WVA_BINDING=ttft$' "$tmp/out"; then
	ok "--params with no file does not read standard input"
else
	not_ok "--params with no file does not read standard input" "$tmp/err"
fi
wi_in "$tmp/junk" --model queue --params "$i256" -
if [ "$rc" = 1 ]; then
	ok "--params with - reads standard input (here: no results, exit 1)"
else
	not_ok "--params with - reads standard input" "$tmp/err"
fi

# ----------------------------------------------------- --results-dir
rd=$tmp/results
rm -rf "$rd"
mkdir "$rd"
wi -q -b 64 --slo-ttft 200 --slo-itl 10 --rate 100 --results-dir "$rd" \
    synchronous.log throughput.log
got=$(for f in maxRate binding ttftMs itlMs replicas ratePerReplica \
    maxBatchSize; do printf '%s=%s ' "$f" "$(cat "$rd/$f")"; done)
want='maxRate=53.5641 binding=ttft ttftMs=199.99992 itlMs=8.601265 replicas=2 ratePerReplica=50 maxBatchSize=64 '
if [ "$rc" = 0 ] && [ "$got" = "$want" ]; then
	ok "--results-dir: the sizing's files beside the fit's"
else
	echo "$got" >"$tmp/why"
	not_ok "--results-dir: the sizing's files beside the fit's" "$tmp/why"
fi
rm -rf "$rd"
mkdir "$rd"
wi -q $q --slo-ttft 100 --results-dir "$rd"
if [ "$rc" = 0 ] && [ "$(ls "$rd" | tr '\n' ' ')" = "binding itlMs maxRate ttftMs " ]
then
	ok "--results-dir with --params alone: the sizing's files only"
else
	ls "$rd" >"$tmp/why"
	not_ok "--results-dir with --params alone: the sizing's files only" \
	    "$tmp/why"
fi

# ------------------------------------------------------ the rate plot
wi -q -b 64 --slo-ttft 200 --slo-itl 10 -o svg synchronous.log throughput.log
if python3 -c '
import sys, xml.etree.ElementTree as E
t = E.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
txt = " ".join(x.text or "" for x in t.iter(ns + "text"))
assert "max 53.56 req/s (TTFT binds)" in txt, txt
assert "target 200 ms" in txt and "target 10 ms" in txt, txt
assert len(list(t.iter(ns + "polyline"))) == 2
assert len(list(t.iter(ns + "circle"))) == 4
' "$tmp/out"; then
	ok "-o svg with targets: curves, targets, max rate, 2 x 2 points"
else
	not_ok "-o svg with targets: curves, targets, max rate, 2 x 2 points"
fi

# ratePerReplica never prints above maxRate: both print with float's
# digits, and the per-replica rate is at most the max rate (issue 17:
# 99.9000000999 was printed beside 99.9000). Rates just above whole
# multiples of the max rate, where the two come closest.
bad=
for k in 1 2 3 5 8 13 21 34; do
	for frac in 0.99999 0.9999999 1.0000000007 1.0000001; do
		r=$(awk -v k="$k" -v f="$frac" 'BEGIN { printf "%.9f", k * 35.720684 * f }')
		wi -q --params alpha=6.973015873015873,beta=0.02698412698412697,gamma=14.825396825396826,delta=0.0013524645592809807 \
		    -b 64 --in-tokens 129 --out-tokens 128 --slo-itl 8 --rate "$r" -o env
		awk -F= '$1 == "WVA_MAX_RATE" { m = $2 } $1 == "WVA_RATE_PER_REPLICA" { p = $2 }
		    END { exit !(p + 0 <= m + 0) }' "$tmp/out" || bad="$bad $r"
	done
done
if [ -z "$bad" ]; then
	ok "ratePerReplica never prints above maxRate (32 rates near multiples of it)"
else
	echo "above at rates:$bad" >"$tmp/why"
	not_ok "ratePerReplica never prints above maxRate" "$tmp/why"
fi
