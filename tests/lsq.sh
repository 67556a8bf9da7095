# lsq.sh: --fit lsq against exact least squares, and the -o svg plot.
# Sourced by tests/run.sh, which defines $td, $tmp, $bin, $run, wi,
# expect and the TAP functions of tap.sh; not a script of its own.

# ----------------------------------------------- least squares, exactly
# The same fit computed with exact rational arithmetic in Python from the
# points wva-itl reports: the parameters must agree to 1e-9.
lsq_check() {
	python3 - "$tmp/out" <<'PY'
import json, sys
from fractions import Fraction as F
d = json.load(open(sys.argv[1]))
def fit(pts, xk, yk):
    x = [F(p[xk]) if xk != "x" else F(p["inputTokens"]) * F(p["batchSize"]) for p in pts]
    y = [F(p[yk]) for p in pts]
    n = len(x); mx = sum(x) / n; my = sum(y) / n
    b = sum((a - mx) * (c - my) for a, c in zip(x, y)) / sum((a - mx) ** 2 for a in x)
    a = my - b * mx
    ss = sum((c - a - b * q) ** 2 for q, c in zip(x, y))
    st = sum((c - my) ** 2 for c in y)
    return a, b, 1 - ss / st if st else F(1), [c - a - b * q for q, c in zip(x, y)]
a, b, r2, res = fit(d["points"], "batchSize", "itlMs")
bad = []
def near(name, want, got):
    if abs(float(want) - got) > 1e-9 * max(1, abs(float(want))):
        bad.append("%s: exact %.17g, wva-itl %.17g" % (name, float(want), got))
near("alpha", a, d["alpha"]); near("beta", b, d["beta"]); near("itlR2", r2, d["itlR2"])
for p, r in zip(d["points"], res):
    near("residual of " + p["benchmark"], r, p["itlResidualMs"])
if d["gamma"] is not None:
    g, dl, r2t, rt = fit(d["points"], "x", "ttftMs")
    near("gamma", g, d["gamma"]); near("delta", dl, d["delta"]); near("ttftR2", r2t, d["ttftR2"])
    for p, r in zip(d["points"], rt):
        near("TTFT residual of " + p["benchmark"], r, p["ttftResidualMs"])
if d["pointCount"] != len(d["points"]):
    bad.append("pointCount")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}
for src in sweep.log vllm-bench-serve.log guidellm-0.3-report.json \
    v03-concurrent.log; do
	wi -q --fit lsq -b 64 "$src"
	if [ "$rc" = 0 ] && lsq_check >"$tmp/why" 2>&1; then
		ok "--fit lsq on $src matches exact least squares to 1e-9"
	else
		not_ok "--fit lsq on $src matches exact least squares" "$tmp/why"
	fi
done

# ------------------------------------------------------------ the picture
wi -q --fit lsq -b 64 -o svg sweep.log
cp "$tmp/out" "$tmp/plot.svg"
if python3 - "$tmp/plot.svg" >"$tmp/why" 2>&1 <<'PY'
import sys, xml.dom.minidom as m
doc = m.parse(sys.argv[1])
svg = doc.documentElement
assert svg.tagName == "svg" and svg.getAttribute("xmlns") == "http://www.w3.org/2000/svg"
texts = [t.firstChild.data for t in doc.getElementsByTagName("text") if t.firstChild]
assert len(doc.getElementsByTagName("circle")) == 20, "10 points, 2 panels"
for name in ["synchronous", "throughput", "constant@9.82", "ITL (ms)",
             "batch size (concurrency)", "max batch size 64", "TTFT (ms)"]:
    assert name in texts, name
assert any("R\u00b2 = 0.9993" in t for t in texts), "R^2 in the legend"
assert any(t.startswith("\u03b1 = 11.0977 ms") for t in texts), "alpha in the legend"
PY
then
	ok "-o svg is well-formed XML with the points, axes, legend and R^2"
else
	not_ok "-o svg is well-formed XML with the points, axes, legend and R^2" \
	    "$tmp/why"
fi
