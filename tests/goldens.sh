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

# ------------------------------------------- how each input's kind is told
# A YAML report is told by its first key, whatever YAML puts before it
# (a comment, a %YAML directive, "---") and in whatever order it was
# dumped (yaml.safe_dump(sort_keys=False) puts "metadata" first); a name
# ending in .yaml or .yml is taken at its word. Each reads as its JSON.
python3 - "$td" "$tmp" <<'PY'
import sys, yaml
td, tmp = sys.argv[1:3]
d7 = yaml.safe_load(open(td + "/guidellm-0.7-report.yaml"))
d3 = yaml.safe_load(open(td + "/guidellm-0.3-report.yaml"))
first = {k: d7[k] for k in ("metadata", "config", "benchmarks")}
v = {
    "metadata-first": yaml.safe_dump(first, sort_keys=False),
    "comment": "# guidellm benchmarks\n" + yaml.safe_dump(d7),
    "directive": "%YAML 1.1\n---\n" + yaml.safe_dump(d7),
    "trailing-space": yaml.safe_dump(d3).replace("benchmarks:\n",
        "benchmarks: \n", 1),
}
for name, text in v.items():
    open("%s/%s.txt" % (tmp, name), "w").write(text)
PY
for v in metadata-first comment directive trailing-space; do
	case $v in
	trailing-space) ref=guidellm-0.3-report.json pick= ;;
	*) ref=guidellm-0.7-report.json
	   pick="--low concurrent@32 --high concurrent@64" ;;
	esac
	wi -q -b 64 $pick -o env "$ref"
	cp "$tmp/out" "$tmp/ref"
	bad=
	wi_in "$tmp/$v.txt" -q -b 64 $pick -o env
	cmp -s "$tmp/ref" "$tmp/out" && [ "$rc" = 0 ] || bad="$bad stdin"
	cp "$tmp/$v.txt" "$tmp/$v.yml"
	wi -q -b 64 $pick -o env "$tmp/$v.yml"
	cmp -s "$tmp/ref" "$tmp/out" && [ "$rc" = 0 ] || bad="$bad .yml"
	if [ -z "$bad" ]; then
		ok "a YAML report ($v) is told as YAML, on stdin and by a .yml name"
	else
		echo "differs:$bad" >"$tmp/why"
		cat "$tmp/err" >>"$tmp/why"
		not_ok "a YAML report ($v) is told as YAML" "$tmp/why"
	fi
done
# The same through a pipe that hands over the comment line first.
(cd "$td" && { printf '# guidellm\n'; sleep 0.2; cat guidellm-0.3-report.yaml; } |
    $run "$bin" -q -b 64 -o env) >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "a YAML report after a comment line, through a slow pipe" 0 \
    "$td/report03-json.env" /dev/null

# A log pasted after "# " is all YAML comments to its first table: it
# is read on, not taken for YAML, and reads as the plain log does.
wi -q -b 64 -o env synchronous.log throughput.log
cp "$tmp/out" "$tmp/ref"
sed 's/^/# /' "$td/synchronous.log" >"$tmp/hash-sync.log"
sed 's/^/# /' "$td/throughput.log" >"$tmp/hash-thr.log"
{ head -n 3 "$tmp/hash-sync.log"; sleep 0.2; tail -n +4 "$tmp/hash-sync.log";
    cat "$tmp/hash-thr.log"; } | (cd "$td" && $run "$bin" -q -b 64 -o env) \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "a log pasted after \"# \", through a slow pipe, is a log" 0 \
    "$tmp/ref" /dev/null

# model-trainer's DataSet, its first 40 bytes apart from the rest (the
# issue's case) and with a name longer than the 64 KiB looked at, reads
# as it does by name and with --input-format dataset.
wi -q --model queue -b 64 -o env queue-dataset.in.json
cp "$tmp/out" "$tmp/ref"
(cd "$td" && { head -c 40 queue-dataset.in.json; sleep 0.3;
    tail -c +41 queue-dataset.in.json; } |
    $run "$bin" -q --model queue -b 64 -o env) >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "a DataSet through a pipe that pauses after 40 bytes" 0 "$tmp/ref" \
    /dev/null
# A query_range export likewise, paused before "data" and "resultType".
wi -q -x -o json range-basic.range.json
sed 's/range-basic\.range\.json/<stdin>/g' "$tmp/out" >"$tmp/range-ref"
(cd "$td" && { head -c 20 range-basic.range.json; sleep 0.3;
    tail -c +21 range-basic.range.json; } |
    $run "$bin" -q -x -o json) >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "a query_range export through a pipe that pauses after 20 bytes" 0 \
    "$tmp/range-ref" /dev/null
python3 - "$td/queue-dataset.in.json" "$tmp/long-name.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["name"] = "n" * 70000
json.dump(d, open(sys.argv[2], "w"))
PY
for how in file stdin; do
	if [ $how = file ]; then
		wi -q --model queue -b 64 -o env "$tmp/long-name.json"
	else
		wi_in "$tmp/long-name.json" -q --model queue -b 64 -o env
	fi
	expect "a DataSet whose name is over 64 KiB ($how)" 0 "$tmp/ref" \
	    /dev/null
done

# Compressed inputs say so, by their magic bytes, whatever the kind.
for z in "gzip gunzip" "xz unxz" "bzip2 bunzip2" "zstd unzstd"; do
	set -- $z
	if ! command -v "$1" >/dev/null 2>&1; then
		skip "$1-compressed input" "no $1"
		continue
	fi
	"$1" -c "$td/synchronous.log" >"$tmp/c.log.z" 2>/dev/null
	wi -b 64 "$tmp/c.log.z" throughput.log
	expect_msg "$1-compressed input: \"$2 it first\", exit 1" 1 \
	    "wva-itl: $tmp/c.log.z: compressed with $1: $2 it first"
done
gzip -c "$td/guidellm-0.3-report.json" >"$tmp/c.json.gz"
wi_in "$tmp/c.json.gz" -b 64 --input-format json
expect_msg "a gzip-compressed input on stdin with --input-format json" 1 \
    "wva-itl: <stdin>: compressed with gzip: gunzip it first"

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


# --------------------------- guidellm 0.5.3 CSV rows of three statuses
# csv053-status.csv and csv053-status.in.json are one run written by
# tests/g053csv.py after guidellm 0.5.3's CSV writer and statistics: a
# throughput row of 58 blocks (1998 successful, 511 incomplete, 1718
# errored requests), which the successful means alone left with two
# layouts, and a constant-rate row with all three statuses on every
# metric (72 blocks). Each row reads to the numbers of the JSON report.
wi -q -x -o json csv053-status.csv
cp "$tmp/out" "$tmp/csv.x"
csv_rc=$rc
wi -q -x -o json csv053-status.in.json
python3 - "$tmp/csv.x" "$tmp/out" >"$tmp/why" 2>&1 <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))["benchmarks"]
b = json.load(open(sys.argv[2]))["benchmarks"]
if len(a) != 3 or len(b) != 3:
    print("benchmarks: %d in the CSV, %d in the JSON" % (len(a), len(b)))
for x, y in zip(a, b):
    for k in x:
        if k not in ("name", "format", "file", "line", "infoLine") and \
                x[k] != y.get(k):
            print("%s %s: CSV %r, JSON %r" % (x["name"], k, x[k], y.get(k)))
PY
if [ "$csv_rc" = 0 ] && [ "$rc" = 0 ] && [ ! -s "$tmp/why" ]; then
	ok "guidellm 0.5.3 CSV, rows of 58 and 72 blocks: the JSON report's numbers"
else
	echo "exit $csv_rc (CSV), $rc (JSON)" >>"$tmp/why"
	not_ok "guidellm 0.5.3 CSV rows of three statuses read as the JSON" \
	    "$tmp/why"
fi

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
