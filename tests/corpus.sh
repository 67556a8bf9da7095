#!/bin/sh
# corpus.sh BIN DIR: what wva-itl makes of each real log in DIR, one
# summary line a benchmark (ttft and itl as mean/median), to compare with
# tests/corpus.expected. The
# logs themselves are public samples kept outside this repository.

set -u
bin=$1
dir=$2
out=$(mktemp "${TMPDIR:-/tmp}/corpus.XXXXXX") || exit 1
trap 'rm -f "$out" "$out.err"' EXIT
cd "$dir" || exit 1
for f in *.log; do
	echo "== $f"
	${WVA_RUN:-} "$bin" -x -o yaml "$f" >"$out" 2>"$out.err"
	echo "exit $?"
	sed "s|$dir/||" "$out.err"
	awk '
	/^  - name:/ { if (n) print line; n = $3; line = "  " $3 }
	/^    concurrency:/ { line = line " concurrency=" $2 }
	/^    maxConcurrency:/ && $2 != "null" { line = line " max=" $2 }
	/^    format:/ { line = line " " $2 }
	/^    ttftMs:/ { sect = "ttft" }
	/^    itlMs:/ { sect = "itl" }
	/^    tpotMs:/ { sect = "" }
	/^      mean:/ && sect != "" { line = line " " sect "=" $2 }
	/^      median:/ && sect != "" { line = line "/" $2 }
	/^      completed:/ { line = line " completed=" $2 }
	/^      errored:/ { line = line " errored=" $2 }
	END { if (n) print line }' "$out"
done
echo "== fit: guidellm-0.2.1-oc-logs-*-80col.log with -b 64"
${WVA_RUN:-} "$bin" -b 64 -o env guidellm-0.2.1-oc-logs-synchronous-80col.log \
    guidellm-0.2.1-oc-logs-throughput-80col.log 2>&1
for f in guidellm-0.2.x-ibm-sweep-1gpu-wide.log \
    guidellm-0.2.x-ibm-sweep-2gpu-wide.log; do
	echo "== fit: $f"
	${WVA_RUN:-} "$bin" -o env "$f" 2>&1
done
