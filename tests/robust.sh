# robust.sh: log noise, repeated warnings, junk, a 100 MB line in
# bounded memory, hostile names.
# Sourced by tests/run.sh, which defines $td, $tmp, $bin, $run, wi,
# expect and the TAP functions of tap.sh; not a script of its own.

# The seed pair's env, as its golden has it (this part may run alone).
cp "$td/seed.env" "$tmp/seed.env"

# -------------------------------------------------------------- log noise
esc=$(printf '\033')
cr=$(printf '\r')
noise() {
	case $1 in
	ansi)	# styles, a colour per cell, an OSC hyperlink, an erase-line
		sed "s/^/${esc}[1;4m${esc}]8;;https:\/\/x${esc}\\\\/; s/|/|${esc}[38;5;2m/g; s/\$/${esc}[0m${esc}[K/" ;;
	cr)	# progress drawn over with carriage returns before each line
		awk -v cr="$cr" '{ printf "Generating... %d%%%sGenerating... 100%%%s%s\n", NR % 100, cr, cr, $0 }' ;;
	crlf)	sed "s/\$/$cr/" ;;
	timestamps)
		awk '{ printf "2025-09-03T20:41:%02d.%09dZ %s\n", NR % 60, NR, $0 }' ;;
	prefix)	sed 's|^|[pod/throughput-job-7x2kq/guidellm-benchmark-container] |' ;;
	prefix-timestamps)
		awk '{ printf "[pod/sync-job-x/guidellm] 2025-09-03T20:41:22.5+02:00 %s\n", $0 }' ;;
	hash)	sed 's/^/# /; s/[[:space:]]*$//' ;;
	indent)	sed 's/^/    /' ;;
	stripped)
		sed 's/[[:space:]]*$//' ;;
	tty)	# a pod with tty: true: colours and CRLF together
		sed "s/^/${esc}[1m/; s/\$/${esc}[0m$cr/" ;;
	esac
}
kinds="ansi cr crlf timestamps prefix prefix-timestamps hash indent stripped tty"
wi -x pair-wide.log
unplace "$tmp/out" >"$tmp/ref"
for kind in $kinds; do
	bad=
	for w in 20 80 1000; do
		awk -v width="$w" -f "$top/tests/richwrap.awk" "$td/pair-wide.log" |
		    noise "$kind" >"$tmp/noisy.log"
		wi -x "$tmp/noisy.log"
		unplace "$tmp/out" >"$tmp/got"
		if [ "$rc" != 0 ] || ! cmp -s "$tmp/ref" "$tmp/got"; then
			bad="$bad $w"
			cp "$tmp/err" "$tmp/why"
		fi
	done
	cat "$td/synchronous.log" "$td/throughput.log" | noise "$kind" \
	    >"$tmp/noisy.log"
	wi -b 64 -o env "$tmp/noisy.log"
	if [ "$rc" != 0 ] || ! cmp -s "$tmp/seed.env" "$tmp/out"; then
		bad="$bad seed"
		cat "$tmp/err" "$tmp/out" >"$tmp/why"
	fi
	if [ -z "$bad" ]; then
		ok "noise '$kind' at widths 20, 80, unwrapped and on the seed logs"
	else
		echo "fails at:$bad" >>"$tmp/why"
		not_ok "noise '$kind'" "$tmp/why"
	fi
done

# ------------------------------------------------ repeated warnings fold
# The same sweep 300 times: each of its 10 benchmarks "appears again" 299
# times; the 2990 warnings differ only in the benchmark and the lines, so
# they are one line, naming the first four others and counting the rest.
for i in $(seq 300); do cat "$td/sweep.log"; done >"$tmp/s300.log"
wi -q -x "$tmp/s300.log"
bytes=$(wc -c <"$tmp/err")
lines=$(wc -l <"$tmp/err")
want="wva-itl: $tmp/s300.log:101: warning: benchmark synchronous appears again (first at $tmp/s300.log:43); using this one (2989 more, also throughput, constant@1.49, constant@2.68, constant@3.87, ...; the last at line 17394)"
if [ "$rc" = 0 ] && [ "$lines" = 1 ] && [ "$(cat "$tmp/err")" = "$want" ]; then
	ok "a sweep 300 times: 2990 warnings fold into one line of $bytes bytes"
else
	echo "rc $rc, $lines lines, $bytes bytes" >"$tmp/why"
	tail -n 3 "$tmp/err" >>"$tmp/why"
	not_ok "a sweep 300 times: repeated warnings fold" "$tmp/why"
fi
rm -f "$tmp/s300.log"

# ------------------------------------------------------ limits and junk
{ head -c 3000000 /dev/urandom; printf '\n'; } >"$tmp/junk.log"
wi "$tmp/junk.log"
printf 'wva-itl: no benchmark results found in %s: read as a log (no guidellm or vLLM console table in it), as its start is none of: model-trainer DataSet, guidellm CSV rows as JSON, Prometheus query_range JSON, Prometheus text (/metrics), guidellm or vLLM JSON, guidellm CSV, guidellm HTML, guidellm YAML (--input-format says which it is)\n' "$tmp/junk.log" \
    >"$tmp/msg"
expect "3 MB of random bytes: no table, exit 1" 1 /dev/null "$tmp/msg"

# Numbers in messages stay short whatever the input held: a report
# claiming 1e300 errored requests is warned about as 1e+300, not in 301
# digits.
python3 - "$td/guidellm-0.3-report.json" "$tmp/errored-1e300.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("request_totals", "run_stats"):
    t = d["benchmarks"][1][k]
    (t if k == "request_totals" else t["requests_made"])["errored"] = 1e300
json.dump(d, open(sys.argv[2], "w"))
PY
wi -q -b 64 -o env "$tmp/errored-1e300.json"
if [ "$rc" = 0 ] && [ "$(cat "$tmp/err")" = "wva-itl: $tmp/errored-1e300.json:1: warning: benchmark throughput: 1e+300 of 1e+300 requests errored" ]; then
	ok "1e300 errored requests are warned about as 1e+300"
else
	cat "$tmp/err" >"$tmp/why"
	not_ok "1e300 errored requests are warned about as 1e+300" "$tmp/why"
fi

# ------------------------------------------ a 100 MB line in bounded memory
head -c 100000000 /dev/zero | tr '\0' 'x' >"$tmp/long.log"
{ cat "$td/synchronous.log" "$tmp/long.log"; echo; cat "$td/throughput.log"; } \
    >"$tmp/longline.log"
cat "$td/synchronous.log" "$td/throughput.log" "$tmp/long.log" \
    >"$tmp/longend.log"
rm -f "$tmp/long.log"
for where in between end; do
	f=$tmp/longline.log what="between the runs"
	if [ "$where" = end ]; then
		f=$tmp/longend.log what="at the end, with no newline"
	fi
	if [ -z "$run" ] && [ -z "${WVA_SANITIZED:-}" ]; then
		# 64 MB of address space is far more than wva-itl needs, and
		# far less than the line: memory that grew with it would fail.
		(ulimit -v 65536; cd "$td" && "$bin" -b 64 -o env "$f") \
		    >"$tmp/out" 2>"$tmp/err"
		rc=$?
		expect "a 100 MB line $what, in 64 MB of address space" 0 \
		    "$tmp/seed.env" /dev/null
	else
		wi -b 64 -o env "$f"
		expect "a 100 MB line $what is passed over" 0 \
		    "$tmp/seed.env" /dev/null
	fi
done
rm -f "$tmp/longline.log" "$tmp/longend.log"

# ------------------------------------------------------- output safety
# A file name and log noise full of shell: the env output sources
# without running anything, and json and yaml keep the name as data.
mkdir -p "$tmp/hostile"
hname=$(printf 'a$(touch pwned1)`touch pwned2`"\047;touch pwned3;\n#.log')
{
	echo '$(touch pwned4) `touch pwned5` "; touch pwned6; \'
	cat "$td/synchronous.log" "$td/throughput.log"
} >"$tmp/hostile/$hname"
(cd "$tmp/hostile" && $run "$bin" -b 64 -o env -- "$hname" >../host.env &&
    $run "$bin" -b 64 -o json -- "$hname" >../host.json &&
    $run "$bin" -b 64 -o yaml -- "$hname" >../host.yaml) 2>"$tmp/err"
rc=$?
(cd "$tmp/hostile" && . ../host.env && [ "$WVA_ALPHA" = 6.973015873015873 ])
src=$?
if [ "$rc" = 0 ] && [ "$src" = 0 ] &&
    ! ls "$tmp/hostile/pwned"* "$tmp/pwned"* "$td/pwned"* 2>/dev/null &&
    python3 - "$tmp/host.json" "$tmp/host.yaml" "$hname" <<'PY'
import json, sys, yaml
j = json.load(open(sys.argv[1]))
y = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
name = sys.argv[3]
assert j == y, "json and yaml differ"
assert j["benchmarks"][0]["file"] == name, j["benchmarks"][0]["file"]
PY
then
	ok "hostile file name and log: env sources inertly, json and yaml hold the name"
else
	ls "$tmp/hostile" >"$tmp/why"
	cat "$tmp/err" >>"$tmp/why"
	not_ok "hostile file name and log: env sources inertly" "$tmp/why"
fi
