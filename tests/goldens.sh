# goldens.sh: the golden cases of testdata/, the reference values of the
# issue, and files, pipes and stdin giving the same results.
# Sourced by tests/run.sh, which defines $td, $tmp, $bin, $run, wi,
# expect and the TAP functions of tap.sh; not a script of its own.

# ---------------------------------------------------------------- goldens
# --list-formats: one line a format, "NAME [-x] [--acc] [--model-name]
# [--model queue]"; a format needing --model-name gets --acc H100 too.
$run "$bin" --list-formats >"$tmp/formats"
for a in "$td"/*.args; do
	name=${a%.args}
	base=${name##*/}
	eval "set -- $(cat "$a")"
	want_rc=0
	[ -f "$name.rc" ] && want_rc=$(cat "$name.rc")
	errf=$name.err
	[ -f "$errf" ] || errf=/dev/null
	if [ "$want_rc" != 0 ]; then
		wi "$@"
		expect "$base: exit $want_rc and its message" "$want_rc" \
		    /dev/null "$errf"
		continue
	fi
	while read -r fmt flags; do
		[ -f "$name.$fmt" ] || continue
		case " $flags " in
		*" --model-name "*) wi "$@" -o "$fmt" --acc H100 \
		    --model-name llama-3.1-8b ;;
		*" --acc "*) wi "$@" -o "$fmt" --acc H100 ;;
		*) wi "$@" -o "$fmt" ;;
		esac
		expect "$base -o $fmt" 0 "$name.$fmt" "$errf"
	done <"$tmp/formats"
done
# The table of formats and the goldens' file types agree both ways (a
# case's own input, named in its args, may be NAME.log, NAME.csv, ...).
for a in "$td"/*.args; do
	for f in "${a%.args}".*; do
		grep -q -F -w -e "${f##*/}" "$a" || echo "${f##*.}"
	done
done | grep -v -x -e args -e err -e rc | sort -u >"$tmp/golden-types"
cut -d' ' -f1 "$tmp/formats" | sort >"$tmp/table-types"
if cmp -s "$tmp/golden-types" "$tmp/table-types"; then
	ok "every output format has goldens, every golden type is a format"
else
	diff "$tmp/table-types" "$tmp/golden-types" >"$tmp/why" 2>&1
	not_ok "the output formats and the golden types agree" "$tmp/why"
fi

# ------------------------------------------- the issue's reference values
wi -b 64 -o env synchronous.log throughput.log
if grep -q '^WVA_ALPHA=6\.9730158730' "$tmp/out" &&
    grep -q '^WVA_BETA=0\.0269841269' "$tmp/out"; then
	ok "seed logs give alpha 6.9730158730 and beta 0.0269841269"
else
	not_ok "seed logs give alpha 6.9730158730 and beta 0.0269841269" \
	    "$tmp/out"
fi
wi -b 64 -i 128 -o env synchronous.log throughput.log
if grep -q '^WVA_GAMMA=14\.825396' "$tmp/out" &&
    grep -q '^WVA_DELTA=0\.0013640873' "$tmp/out"; then
	ok "seed logs with -i 128 give gamma 14.825396 and delta 0.0013640873"
else
	not_ok "seed logs with -i 128 give gamma 14.825396 and delta 0.0013640873" \
	    "$tmp/out"
fi

# ------------------------------------------------ files, pipes and stdin
for fmt in json yaml env; do
	wi -b 64 -o "$fmt" synchronous.log throughput.log
	sed 's/"synchronous\.log"/"<stdin>"/; s/"throughput\.log"/"<stdin>"/' \
	    "$tmp/out" | grep -v -i 'line"*: ' >"$tmp/files"
	cat "$td/synchronous.log" "$td/throughput.log" >"$tmp/both.log"
	wi_in "$tmp/both.log" -b 64 -o "$fmt"
	grep -v -i 'line"*: ' "$tmp/out" >"$tmp/piped"
	if cmp -s "$tmp/files" "$tmp/piped" && [ "$rc" = 0 ]; then
		ok "-o $fmt: one concatenated stream gives what two files give"
	else
		diff "$tmp/files" "$tmp/piped" >"$tmp/why" 2>&1
		not_ok "-o $fmt: one concatenated stream gives what two files give" \
		    "$tmp/why"
	fi
done
wi -b 64 -o env synchronous.log throughput.log
cp "$tmp/out" "$tmp/seed.env"
wi_in "$td/throughput.log" -b 64 -o env synchronous.log -
expect "'-' reads stdin among files" 0 "$tmp/seed.env" /dev/null

# A pipe may hand over a few bytes at first: the kind is still told right.
(cd "$td" && { head -c 5 guidellm-0.5-report.csv; sleep 0.2;
    tail -c +6 guidellm-0.5-report.csv; } | $run "$bin" -q -b 64 -o env) \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "a CSV report through a slow pipe" 0 "$td/report05-csv.env" /dev/null
(cd "$td" && { printf '\n'; sleep 0.2; cat guidellm-0.3-report.json; } |
    $run "$bin" -q -b 64 -o env) >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "a JSON report through a slow pipe, after a blank line" 0 \
    "$td/report03-json.env" /dev/null

# guidellm --output yaml dumps the JSON report's document (yaml.dump):
# read from a file or a pipe, it gives the same bytes as the JSON.
for v in 0.3 0.7; do
	pick=
	[ "$v" = 0.7 ] && pick="--low concurrent@32 --high concurrent@64"
	bad=
	for fmt in env "wva --acc H100" json; do
		wi -q -b 64 $pick -o $fmt "guidellm-$v-report.json"
		unplace "$tmp/out" >"$tmp/ref"
		wi_in "$td/guidellm-$v-report.yaml" -q -b 64 $pick -o $fmt
		unplace "$tmp/out" >"$tmp/got"
		if [ "$rc" != 0 ] || ! cmp -s "$tmp/ref" "$tmp/got"; then
			bad="$bad $fmt"
		fi
	done
	if [ -z "$bad" ]; then
		ok "guidellm $v report: YAML on stdin reads as its JSON"
	else
		echo "differs in:$bad" >"$tmp/why"
		not_ok "guidellm $v report: YAML on stdin reads as its JSON" "$tmp/why"
	fi
done

# guidellm 0.8 goodput. No 0.8 output is public here: these fixtures are
# built from guidellm PR #1085 ("Add goodput measurement against
# per-request latency objectives"), which shows config.slo with ttft_ms,
# tpot_ms and e2el_ms, metrics.slo_attainment and request_goodput (null
# without objectives), CSV goodput columns after "Server Throughput"/
# "Concurrency" only when an objective is set (the mean written even at
# 0.0), and goodput columns added to the console's Server Throughput
# table. It shows neither the JSON shape of the two metrics nor the CSV
# and console header words: guidellm-0.8-slo.json makes slo_attainment a
# number and request_goodput a status distribution, the CSV and the
# consoles carry guessed headers. Each fixture is a 0.7 fixture with the
# 0.8 additions put on existing lines, so that it must read as that one:
# goodput shows in -x output and changes no fit.
for v in slo noslo; do
	bad=
	for fmt in env json "wva --acc H100"; do
		wi -q -b 64 --low concurrent@32 --high concurrent@64 -o $fmt \
		    guidellm-0.7-report.json
		unplace "$tmp/out" | grep -v '"slo"' >"$tmp/ref"
		wi -q -b 64 --low concurrent@32 --high concurrent@64 -o $fmt \
		    "guidellm-0.8-$v.json"
		unplace "$tmp/out" | awk '/"slo": \{/ { skip = 1 }
		    !skip { print } skip && /\}/ { skip = 0 }' >"$tmp/got"
		if [ "$rc" != 0 ] || ! cmp -s "$tmp/ref" "$tmp/got"; then
			bad="$bad $fmt"
		fi
	done
	if [ -z "$bad" ]; then
		ok "guidellm 0.8 report ($v): the fit of its 0.7 original"
	else
		echo "differs in:$bad" >"$tmp/why"
		not_ok "guidellm 0.8 report ($v): the fit of its 0.7 original" \
		    "$tmp/why"
	fi
done
wi -q -x -o json guidellm-0.7-report.json
unplace "$tmp/out" >"$tmp/ref"
wi -q -x -o json guidellm-0.8-noslo.json
unplace "$tmp/out" >"$tmp/got"
if [ "$rc" = 0 ] && cmp -s "$tmp/ref" "$tmp/got"; then
	ok "guidellm 0.8 report without objectives: -x reads as 0.7"
else
	diff "$tmp/ref" "$tmp/got" >"$tmp/why" 2>&1
	not_ok "guidellm 0.8 report without objectives: -x reads as 0.7" \
	    "$tmp/why"
fi
wi -q -x -o json csv-concurrent.csv
unplace "$tmp/out" >"$tmp/ref"
wi -q -x -o json guidellm-0.8-goodput.csv
unplace "$tmp/out" | awk '/"slo": \{/ { skip = 1 }
    !skip { print } skip && /\}/ { skip = 0 }' >"$tmp/got"
if [ "$rc" = 0 ] && cmp -s "$tmp/ref" "$tmp/got" &&
    grep -q '"requestGoodput": 53.8216' "$tmp/out" &&
    grep -q '"attainment": 0,' "$tmp/out"; then
	ok "guidellm 0.8 CSV: goodput columns read, nothing else changed"
else
	diff "$tmp/ref" "$tmp/got" >"$tmp/why" 2>&1
	not_ok "guidellm 0.8 CSV: goodput columns read, nothing else changed" \
	    "$tmp/why"
fi
for f in guidellm-0.8-goodput guidellm-0.8-goodput-table; do
	wi -q -x -o json guidellm-0.7-sweep.log
	unplace "$tmp/out" >"$tmp/ref"
	wi -q -x -o json "$f.log"
	unplace "$tmp/out" >"$tmp/got"
	if [ "$rc" = 0 ] && cmp -s "$tmp/ref" "$tmp/got"; then
		ok "$f.log: the goodput console output passed over"
	else
		diff "$tmp/ref" "$tmp/got" >"$tmp/why" 2>&1
		not_ok "$f.log: the goodput console output passed over" \
		    "$tmp/why"
	fi
done


# ------------------------------------------------- env output is inert
wi -b 64 -i 128 -o env synchronous.log throughput.log
cp "$tmp/out" "$tmp/vars.env"
(
	. "$tmp/vars.env"
	[ "$WVA_ALPHA" = 6.973015873015873 ] &&
	    [ "$WVA_BETA" = 0.02698412698412697 ] &&
	    [ "$WVA_GAMMA" = 14.825396825396826 ] &&
	    [ "$WVA_DELTA" = 0.0013640873015873015 ] &&
	    [ "$WVA_MAX_BATCH_SIZE" = 64 ] && [ "$WVA_INPUT_TOKENS" = 128 ]
) && ok "-o env sources in sh with the exact values" ||
    not_ok "-o env sources in sh with the exact values" "$tmp/vars.env"
if grep -qv '^WVA_[A-Z_]*=[0-9.-]*$' "$tmp/vars.env"; then
	not_ok "-o env lines are NAME=decimal only" "$tmp/vars.env"
else
	ok "-o env lines are NAME=decimal only"
fi
