#!/bin/sh
# tekton.sh TOP BIN TMP [BUNDLE IMAGE]: checks examples/tekton and runs
# its Tasks and Pipeline as Tekton would (tests/tekton.py), in a pod-like
# layout under TMP: the workspaces at ROOT/workspace/NAME, the results at
# ROOT/tekton/results. Prints TAP lines for run.sh.
#
# Without BUNDLE (make check), ROOT is a folder of TMP and the steps run
# BIN through a stand-in wva-itl on PATH. With BUNDLE, an unpacked image
# (tests/image.sh, make check-image), ROOT is its rootfs and the steps
# whose image is IMAGE run in it as the image's user, chrooted: the same
# tests, against the image. guidellm is always a stand-in that copies
# model-trainer's exp1 reports (testdata/exp1) for the shape it is asked.
# Needs python3 with its yaml module.

set -u
top=$1
bin=$2
tmp=$3/tekton
bundle=${4:-}
TEKTON_BUNDLE=$bundle
TEKTON_IMAGE=${5:-}
export TEKTON_BUNDLE TEKTON_IMAGE
mkdir -p "$tmp/bin"
. "$top/tests/tap.sh"
ex=$top/examples/tekton
in=
root=$tmp/root
at=host
if [ -n "$bundle" ]; then
	root=$bundle/rootfs
	in=" (in the image)"
	at="image 65532:65532"
fi

if ! python3 -c 'import yaml' 2>/dev/null; then
	not_ok "python3 and its yaml module are installed (to check YAML)"
	exit 0
fi

# ------------------------------------------------ the YAML, checked offline
if [ -z "$bundle" ]; then
	if python3 "$top/tests/tekton.py" check "$ex" >"$tmp/check" 2>&1; then
		ok "examples/tekton: Tekton v1 fields, names, types; every param, result and workspace reference resolves"
	else
		not_ok "examples/tekton: Tekton v1 fields, names and references" \
		    "$tmp/check"
	fi
	# Each mistake the check is there for, made once, is caught.
	while IFS='|' read -r file from to want; do
		rm -rf "$tmp/mut"
		cp -r "$ex" "$tmp/mut"
		sed "s/$from/$to/" "$ex/$file" >"$tmp/mut/$file"
		python3 "$top/tests/tekton.py" check "$tmp/mut" >"$tmp/check" 2>&1
		rc=$?
		if cmp -s "$ex/$file" "$tmp/mut/$file"; then
			echo "the mutation changed nothing" >"$tmp/check"
			not_ok "tekton.py check catches: $want" "$tmp/check"
		elif [ $rc = 1 ] && grep -q -F -e "$want" "$tmp/check"; then
			ok "tekton.py check catches: $want"
		else
			echo "exit $rc" >>"$tmp/check"
			not_ok "tekton.py check catches: $want" "$tmp/check"
		fi
	done <<'EOF'
task-queue.yaml|params\.inputs\[|params.input[|$(params.input[*]): no such param
task.yaml|- \$(params\.inputs\[\*\])|- $(params.inputs)|array param params.inputs without [*]
task.yaml|--max-batch=\$(params.max-num-seqs)|--max-batch=$(params.options[*])|not a whole element of command or args
task.yaml|workingDir:|workdir:|Step has no field 'workdir'
task-queue.yaml|- name: maxRate|- name: max rate|result name 'max rate' is not valid
pipeline.yaml|results\.report\[\*\])|results.report)|a matrixed task's results are read whole
pipeline.yaml|fit\.results\.loss|fit.results.delta|declares no result delta
pipeline.yaml|--model "\$MODEL"|--model $(params.model)|pasted into the script
pipeline.yaml|taskRef:|taskref:|PipelineTask has no field 'taskref'
pipelinerun.yaml|name: slo-itl|name: slo-it|required param slo-itl not given
pipeline-linear.yaml|name: wva-itl$|name: wva-itl-linear|no Task 'wva-itl-linear' here
EOF
fi

# taskrun TASK PARAMS: runs Task TASK of examples/tekton with PARAMS
# (JSON); pipelinerun OVERRIDES: pipelinerun.yaml, its params overridden.
# Each leaves $tmp/stdout (the steps' output and tekton.py's "# step NAME:
# ARGV" lines), $tmp/stderr, $tmp/results (NAME=VALUE, the declared
# results) and $rc.
tekton() {
	rm -f "$tmp/results"
	PATH="$tmp/bin:$PATH" python3 "$top/tests/tekton.py" "$@" "$root" \
	    "$tmp/results" >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
}
taskrun() {
	tekton taskrun "$ex" "$1" "$2"
}
pipelinerun() {
	tekton pipelinerun "$ex" "$ex/pipelinerun.yaml" "$1"
}

# want GOLDEN NAME=VARIABLE...: the results as the golden -o env output
# GOLDEN gives them (--results-dir writes each value as -o env does).
want() {
	g=$1
	shift
	for r; do
		printf '%s=%s\n' "${r%%=*}" \
		    "$(sed -n "s/^${r#*=}=//p" "$top/testdata/$g")"
	done
}

# check DESC WANT: the last run exited 0 and gave the results in file
# WANT, each result file holding just its value, and no temporary file.
check() {
	: >"$tmp/why"
	[ "$rc" = 0 ] || { echo "exit $rc"; cat "$tmp/stderr"; } >>"$tmp/why"
	diff "$2" "$tmp/results" >>"$tmp/why" 2>&1
	while IFS== read -r name value; do
		[ "$(wc -c <"$root/tekton/results/$name")" = "${#value}" ] ||
		    echo "$name: not just the value" >>"$tmp/why"
	done <"$2"
	ls -A "$root/tekton/results" | grep '^\.' >>"$tmp/why"
	if [ -s "$tmp/why" ]; then
		not_ok "$1" "$tmp/why"
	else
		ok "$1"
	fi
}

# inert DESC: a run given params holding shell ran no command, and
# wva-itl or the step refused the values (exit 2 or 3).
inert() {
	: >"$tmp/why"
	find "$root" "$tmp" -name INJECTED >>"$tmp/why"
	case $rc in
	2|3) ;;
	*) { echo "exit $rc"; cat "$tmp/stderr"; } >>"$tmp/why" ;;
	esac
	if [ -s "$tmp/why" ]; then
		not_ok "$1" "$tmp/why"
	else
		ok "$1 (exit $rc)"
	fi
}

if [ -z "$bundle" ]; then
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${WVA_RUN:-}" "$bin" \
	    >"$tmp/bin/wva-itl"
	chmod +x "$tmp/bin/wva-itl"
fi
# The guidellm of the guidellm-sweep step: copies exp1's CSV report of
# the shape asked for to --output-path, which must end in .csv.
cat >"$tmp/bin/guidellm" <<EOF
#!/bin/sh
set -eu
out= data=
while [ \$# -gt 0 ]; do
	case \$1 in
	--output-path) out=\$2; shift ;;
	--data) data=\$2; shift ;;
	esac
	shift
done
p=\${data#prompt_tokens=}
p=\${p%%,*}
o=\${data##*output_tokens=}
case \$out in
*.csv) ;;
*) echo "guidellm stand-in: exp1 has CSV reports only: \$out" >&2; exit 1 ;;
esac
cp "$top/testdata/exp1/sweep-i\$p-o\$o.csv" "\$out"
EOF
chmod +x "$tmp/bin/guidellm"

# ----------------------------------------------- the linear model's Task
mkdir -p "$root/workspace/logs"
cp "$top/testdata/synchronous.log" "$root/workspace/logs/sync.log"
cp "$top/testdata/throughput.log" "$root/workspace/logs/thr.log"
taskrun wva-itl '{"max-num-seqs": "64"}'
want seed.env alpha=WVA_ALPHA beta=WVA_BETA gamma=WVA_GAMMA \
    delta=WVA_DELTA maxBatchSize=WVA_MAX_BATCH_SIZE >"$tmp/want"
check "Task wva-itl: the seed logs' five results (testdata/seed.env), value only, exactly those$in" "$tmp/want"
if grep -q '^alpha: 6.973015873015873$' "$tmp/stdout"; then
	ok "Task wva-itl: the step's log holds the YAML document$in"
else
	not_ok "Task wva-itl: the step's log holds the YAML document$in" \
	    "$tmp/stdout"
fi
# A file that no result declares fails the run here (Tekton would drop
# it): a sizing option writes maxRate and more, which this Task lacks.
taskrun wva-itl '{"max-num-seqs": "64", "options": ["--slo-ttft=200"]}'
if [ "$rc" != 0 ] &&
    grep -q 'maxRate written, but no result declares it' "$tmp/stderr"; then
	ok "Task wva-itl: a result file it does not declare fails the run$in"
else
	not_ok "Task wva-itl: a result file it does not declare fails the run$in" "$tmp/stderr"
fi

# Params that try to run a command stay data: there is no shell, each
# item is one argument, and wva-itl refuses the odd names and values.
while IFS= read -r p; do
	taskrun wva-itl "{\"max-num-seqs\": \"64\", $p}"
	inert "Task wva-itl: a param holding shell is inert: {$p}$in"
done <<'PARAMS'
"inputs": ["sync.log", "thr.log; touch INJECTED"]
"inputs": ["sync.log", "$(touch INJECTED)", "`touch INJECTED`"]
"inputs": ["sync.log", "thr.log\" ; touch INJECTED; \""]
"inputs": ["-o", "/tmp/x", "--results-dir=/", "*"]
"options": ["-i", "128\"; touch INJECTED; echo \""]
"max-num-seqs": "64 $(touch INJECTED)"
"max-num-seqs": "--strict"
PARAMS

# ---------------------------------------------- the queueing model's Task
# One exp1 report, sized as testdata/size-queue.args sizes it: the
# results are that golden's numbers.
mkdir -p "$root/workspace/reports"
rm -f "$root/workspace/reports/"*
cp "$top/testdata/exp1/sweep-i1024-o4096.csv" "$root/workspace/reports/"
q='"inputs": ["sweep-i1024-o4096.csv"], "slo-ttft": "50", "slo-itl": "12", "rate": "10"'
taskrun wva-itl-queue "{$q}"
want size-queue.env alpha=WVA_ALPHA beta=WVA_BETA gamma=WVA_GAMMA \
    loss=WVA_LOSS maxBatchSize=WVA_MAX_BATCH_SIZE maxRate=WVA_MAX_RATE \
    binding=WVA_BINDING ttftMs=WVA_TTFT_MS itlMs=WVA_ITL_MS \
    replicas=WVA_REPLICAS ratePerReplica=WVA_RATE_PER_REPLICA >"$tmp/want"
check "Task wva-itl-queue: fit and sizing of one exp1 report, its eleven results as testdata/size-queue.env, exactly those$in" "$tmp/want"
while IFS= read -r p; do
	taskrun wva-itl-queue "{$q, $p}"
	inert "Task wva-itl-queue: a param holding shell is inert: {$p}$in"
done <<'PARAMS'
"slo-ttft": "50; touch INJECTED"
"rate": "$(touch INJECTED)"
"queue-version": "0.7 `touch INJECTED`"
"inputs": ["sweep-i1024-o4096.csv", "|touch INJECTED"]
PARAMS

# ------------------------------------------------------------ the Pipeline
# THE JOINT FIT'S EXPECTED NUMBERS, kept here only. pipelinerun.yaml's
# three shapes, exp1's sweep-i64-o256, sweep-i256-o256 and
# sweep-i1024-o256 (reports as CSV: the stand-in has no others), fitted
# jointly (27 points, three sweeps) and sized for 256 prompt and 256
# output tokens by the Pipeline's one wva-itl step. The max rate agrees
# with the joint fit of all 16 exp1 sweeps at that shape (42.85 req/s).
cat >"$tmp/want" <<'RESULTS'
alpha=7.096084
beta=0.021378428
gamma=0.000040172356
loss=0.036416122625921074
maxBatchSize=256
maxRate=43.125477
binding=itl
ttftMs=97.80759
itlMs=20
replicas=2
ratePerReplica=25
RESULTS
rm -f "$root/workspace/reports/"*
pipelinerun '{"report-format": "csv"}'
check "Pipeline wva-profile: the joint fit of three shapes, sized, as the Pipeline's results$in" "$tmp/want"
if [ -s "$tmp/why" ] && [ -s "$tmp/results" ]; then
	sed 's/^/# got /' "$tmp/results"
fi
# The fan-out: one benchmark TaskRun per shape, in Tekton's order, then
# one wva-itl over every shape's report, named by the matrix values,
# run on this machine or, in the image, as its user.
cat >"$tmp/want" <<RUNS
# taskrun benchmark {"prompt-tokens": "64", "output-tokens": "256"}
# taskrun benchmark {"prompt-tokens": "256", "output-tokens": "256"}
# taskrun benchmark {"prompt-tokens": "1024", "output-tokens": "256"}
# step wva-itl-queue/fit [$at]: ["wva-itl", "--model", "queue", "--results-dir", "/tekton/results", "--output=yaml", "--max-batch=256", "--max-num-tokens=8192", "--queue-version=0.7", "--slo-ttft=200", "--slo-itl=20", "--rate=50", "--in-tokens=256", "--out-tokens=256", "--", "sweep-i64-o256.csv", "sweep-i256-o256.csv", "sweep-i1024-o256.csv"]
RUNS
grep -e '^# taskrun benchmark' -e '^# step wva-itl-queue' "$tmp/stdout" \
    >"$tmp/got"
if diff "$tmp/want" "$tmp/got" >"$tmp/why" 2>&1; then
	ok "Pipeline wva-profile: a matrix TaskRun per shape, then one wva-itl over the three reports$in"
else
	not_ok "Pipeline wva-profile: a matrix TaskRun per shape, then one wva-itl over the three reports$in" "$tmp/why"
fi
ls "$root/workspace/reports" >"$tmp/got"
printf '%s\n' sweep-i1024-o256.csv sweep-i256-o256.csv sweep-i64-o256.csv \
    >"$tmp/want"
if diff "$tmp/want" "$tmp/got" >"$tmp/why" 2>&1; then
	ok "Pipeline wva-profile: each shape's report on the workspace, named by its matrix values$in"
else
	not_ok "Pipeline wva-profile: each shape's report on the workspace, named by its matrix values$in" "$tmp/why"
fi
# The guidellm step takes its params from the environment, and its
# numbers name a file: each must be a number, and no value runs.
while IFS= read -r p; do
	rm -f "$root/workspace/reports/"*
	pipelinerun "{\"report-format\": \"csv\", $p}"
	inert "Pipeline wva-profile: a param holding shell is inert: {$p}$in"
done <<'PARAMS'
"prompt-tokens": ["256; touch INJECTED"]
"output-tokens": ["../../$(touch INJECTED)"]
"report-format": "csv; touch INJECTED"
"max-seconds": "`touch INJECTED`"
"slo-itl": "20 $(touch INJECTED)"
PARAMS
# The model goes to guidellm as one argument: a stand-in that ignores it
# runs, the Pipeline succeeds, and nothing else ran.
rm -f "$root/workspace/reports/"*
pipelinerun '{"report-format": "csv", "model": "m\"; touch INJECTED; \"$(touch INJECTED)"}'
if [ "$rc" = 0 ] && [ -z "$(find "$root" "$tmp" -name INJECTED)" ]; then
	ok "Pipeline wva-profile: a model name holding shell is passed as data$in"
else
	not_ok "Pipeline wva-profile: a model name holding shell is passed as data$in" "$tmp/stderr"
fi

exit 0
