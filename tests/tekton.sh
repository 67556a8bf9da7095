#!/bin/sh
# tekton.sh TOP BIN TMP: checks examples/tekton and runs its Task's step
# the way Tekton would, in a Tekton-like layout: the logs workspace holds
# the seed logs, $(results.NAME.path) is TMP/tekton/results/NAME. Prints
# TAP lines for run.sh. Needs python3 with its yaml module.

set -u
top=$1
bin=$2
tmp=$3/tekton
mkdir -p "$tmp/ws" "$tmp/tekton/results" "$tmp/bin"
. "$top/tests/tap.sh"

if ! python3 -c 'import yaml' 2>/dev/null; then
	not_ok "python3 and its yaml module are installed (to check YAML)"
	exit 0
fi

# The files parse, the Pipeline's references resolve, and the Task
# declares the results wva-itl writes.
python3 - "$top/examples/tekton" >"$tmp/check" 2>&1 <<'PY'
import os, re, sys, yaml
d = sys.argv[1]
docs = []
for f in sorted(os.listdir(d)):
    if f.endswith(".yaml"):
        docs += [x for x in yaml.safe_load_all(open(os.path.join(d, f))) if x]
tasks = {x["metadata"]["name"]: x for x in docs if x["kind"] == "Task"}
pipes = [x for x in docs if x["kind"] == "Pipeline"]
assert "wva-itl" in tasks, "no wva-itl Task"
res = [r["name"] for r in tasks["wva-itl"]["spec"]["results"]]
assert res == ["alpha", "beta", "gamma", "delta", "maxBatchSize"], res
assert pipes, "no Pipeline"
for p in pipes:
    names = [t["name"] for t in p["spec"]["tasks"]]
    for t in p["spec"]["tasks"]:
        assert t["taskRef"]["name"] in tasks, t["taskRef"]["name"]
        for a in t.get("runAfter", []):
            assert a in names, a
        want = {x["name"] for x in tasks[t["taskRef"]["name"]]["spec"]["params"]
                if "default" not in x}
        have = {x["name"] for x in t.get("params", [])}
        assert want <= have, (t["name"], want - have)
    for r in p["spec"].get("results", []):
        task, name = r["value"][len("$(tasks."):-1].split(".results.")
        assert name in [x["name"] for x in tasks[dict((t["name"], t["taskRef"]["name"]) for t in p["spec"]["tasks"])[task]]["spec"]["results"]], r
for t in tasks.values():
    for st in t["spec"]["steps"]:
        assert not re.search(r"\$\((params|results|workspaces|context)\.",
            st["script"]), (t["metadata"]["name"], "a Tekton variable pasted into the script")
PY
if [ $? -ne 0 ]; then
	not_ok "examples/tekton: valid YAML, references resolve" "$tmp/check"
	exit 0
fi
ok "examples/tekton: valid YAML; Pipeline params, runAfter, taskRefs and results resolve"

# step PARAMS: runs the Task's step as Tekton would, in $tmp/ws: PARAMS
# (JSON) are substituted into the step's env values, which reach the
# script as its environment; $(results.NAME.path) is
# $tmp/tekton/results/NAME. Leaves $tmp/stdout, $tmp/stderr and $rc.
step() {
	python3 - "$top/examples/tekton/task.yaml" "$1" "$tmp" \
	    >"$tmp/env.sh" 2>"$tmp/stderr" <<'PY'
import json, re, shlex, sys, yaml
task = yaml.safe_load(open(sys.argv[1]))
params, tmp = json.loads(sys.argv[2]), sys.argv[3]
for p in task["spec"]["params"]:
    params.setdefault(p["name"], p.get("default"))
def subst(v):
    v = re.sub(r"\$\(params\.([a-z-]+)\)", lambda m: params[m.group(1)], v)
    return re.sub(r"\$\(results\.([A-Za-z]+)\.path\)",
        lambda m: tmp + "/tekton/results/" + m.group(1), v)
st = task["spec"]["steps"][0]
for e in st.get("env", []):
    print("export %s=%s" % (e["name"], shlex.quote(subst(e["value"]))))
open(tmp + "/step.sh", "w").write(st["script"])
PY
	(cd "$tmp/ws" && . "$tmp/env.sh" && PATH="$tmp/bin:$PATH" \
	    sh "$tmp/step.sh") >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
}

cp "$top/testdata/synchronous.log" "$tmp/ws/sync.log"
cp "$top/testdata/throughput.log" "$tmp/ws/thr.log"
printf '#!/bin/sh\nexec %s "%s" "$@"\n' "${WVA_RUN:-}" "$bin" >"$tmp/bin/wva-itl"
chmod +x "$tmp/bin/wva-itl"
step '{"max-num-seqs": "64", "inputs": "sync.log thr.log"}'
: >"$tmp/why"
[ "$rc" = 0 ] || { echo "exit $rc"; cat "$tmp/stderr"; } >>"$tmp/why"
for r in alpha:6.973015873015873 beta:0.02698412698412697 \
    gamma:14.825396825396826 delta:0.0013524645592809807 maxBatchSize:64; do
	name=${r%%:*}
	want=${r#*:}
	got=$(cat "$tmp/tekton/results/$name" 2>/dev/null)
	[ "$got" = "$want" ] || echo "$name: [$got], want [$want]" >>"$tmp/why"
	[ "$(wc -c <"$tmp/tekton/results/$name" 2>/dev/null)" = "${#want}" ] ||
	    echo "$name: not just the value (a newline?)" >>"$tmp/why"
done
ls -a "$tmp/tekton/results" | grep '^\.[a-zA-Z]' >>"$tmp/why"	# temp files left
# Exactly the results the Task declares: none undeclared, none missing.
[ "$(ls "$tmp/tekton/results" | tr '\n' ' ')" = "alpha beta delta gamma maxBatchSize " ] ||
    { echo "results folder:"; ls "$tmp/tekton/results"; } >>"$tmp/why"
grep -q '^alpha: 6.973015873015873$' "$tmp/stdout" ||
    echo "the step's log lacks the document" >>"$tmp/why"
if [ -s "$tmp/why" ]; then
	not_ok "the Task's step writes the five results, value only" "$tmp/why"
else
	ok "the Task's step writes the five results, value only, no temp files"
fi

# Params that try to run a command stay data: nothing runs, and the step
# fails on the odd names or values, which wva-itl refuses.
for p in '"inputs": "sync.log thr.log; touch INJECTED"' \
    '"inputs": "sync.log $(touch INJECTED) `touch INJECTED`"' \
    '"inputs": "sync.log thr.log\" ; touch INJECTED; \""' \
    '"inputs": "-o /tmp/x --results-dir=/ *"' \
    '"input-tokens": "128\"; touch INJECTED; echo \""' \
    '"max-num-seqs": "64 $(touch INJECTED)"'; do
	rm -f "$tmp/ws/INJECTED"
	step "{\"max-num-seqs\": \"64\", \"inputs\": \"sync.log thr.log\", $p}"
	: >"$tmp/why"
	[ -e "$tmp/ws/INJECTED" ] && echo "the command ran" >>"$tmp/why"
	case $rc in
	2|3) ;;
	*) { echo "exit $rc"; cat "$tmp/stderr"; } >>"$tmp/why" ;;
	esac
	if [ -s "$tmp/why" ]; then
		not_ok "a param holding shell is inert: {$p}" "$tmp/why"
	else
		ok "a param holding shell is inert: {$p} (exit $rc)"
	fi
done

exit 0
