#!/bin/sh
# run.sh SECONDS: replay fuzz/regress/ through every harness, then fuzz
# each input kind for SECONDS from a seed corpus of testdata/. Exits 1 on
# the first finding (libFuzzer leaves crash-* files in build/fuzz/).

set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-30}
cd "$top/build/fuzz"
for kind in log json csv html yaml dataset csvjson metrics range auto; do
	corpus=corpus-$kind
	mkdir -p "$corpus"
	case $kind in
	log)	set -- "$top"/testdata/*.log ;;
	json)	set -- "$top"/testdata/*.json "$top"/testdata/*.jsonl ;;
	csv)	set -- "$top"/testdata/*.csv ;;
	html)	set -- "$top"/testdata/*.html ;;
	yaml)	set -- "$top"/testdata/guidellm-*.yaml ;;
	dataset) set -- "$top"/testdata/*.in.json ;;
	csvjson) set -- "$top"/testdata/csvjson-*.in.json ;;
	metrics) set -- "$top"/testdata/*.prom ;;
	range)	set -- "$top"/testdata/*.range.json ;;
	auto)	set -- "$top"/testdata/*.log "$top"/testdata/*.json \
		    "$top"/testdata/*.csv "$top"/testdata/*.html \
		    "$top"/testdata/guidellm-*.yaml "$top"/testdata/*.prom ;;
	esac
	cp "$@" "$corpus"/
	if [ -d "$top/fuzz/regress" ]; then
		./fuzz-$kind -runs=0 "$top"/fuzz/regress/* 2>"replay-$kind.log" ||
		    { tail -n 30 "replay-$kind.log"; exit 1; }
	fi
	./fuzz-$kind -max_total_time="$secs" -max_len=16384 -timeout=10 \
	    -dict="$top/fuzz/wva.dict" \
	    -rss_limit_mb=512 -print_final_stats=1 "$corpus" \
	    2>"fuzz-$kind.log" || { tail -n 40 "fuzz-$kind.log"; exit 1; }
	grep -e '^stat::number_of_executed_units' -e '^stat::peak_rss_mb' \
	    "fuzz-$kind.log" | sed "s/^/$kind: /"
done
