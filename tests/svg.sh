# svg.sh: the pictures of -o svg. Every one is checked by svgcheck.py
# (well-formed, self-contained, tooltips, names that do not overprint);
# then what each plot must show. Sourced by tests/run.sh, which defines
# $td, $tmp, $top, wi and the TAP functions; not a script of its own.

# svg_ok DESC FILE [PYTHON]: svgcheck.py on FILE, then the Python
# statements PYTHON with root (the parsed svg), txt (its texts joined by
# newlines), ns (the SVG namespace in braces) and names (point names).
svg_ok() {
	if python3 - "$2" "${3:-}" "$top/tests" >"$tmp/why" 2>&1 <<'PY'
import sys
sys.path.insert(0, sys.argv[3])
import svgcheck, xml.etree.ElementTree as E
bad = svgcheck.check(sys.argv[1])
assert not bad, "\n".join(bad)
root = E.parse(sys.argv[1]).getroot()
ns = svgcheck.NS
txt = "\n".join(svgcheck.texts(root))
names = [s for s, _ in svgcheck.names(root)]
exec(sys.argv[2])
PY
	then
		ok "$1"
	else
		not_ok "$1" "$tmp/why"
	fi
}

# ------------------------------------------------------------- the goldens
for f in "$td"/*.svg; do
	svg_ok "${f##*/} passes svgcheck.py" "$f"
done

# --------------------------------------------------- the linear fit's plot
# Every exp1 sweep by least squares, with and without -b 64 (the max
# batch line far inside the points): crowded names near the origin.
mkdir "$tmp/lsq"
for f in "$td"/exp1/sweep-*.csv; do
	f=${f##*/}
	wi -q --fit lsq -o svg "exp1/$f"
	cp "$tmp/out" "$tmp/lsq/${f%.csv}.svg"
	wi -q --fit lsq -b 64 -o svg "exp1/$f"
	cp "$tmp/out" "$tmp/lsq/${f%.csv}-b64.svg"
done
what="--fit lsq on each exp1 sweep, -b 64 or not: names do not overprint"
if python3 "$top/tests/svgcheck.py" "$tmp"/lsq/*.svg >"$tmp/why" 2>&1; then
	ok "$what"
else
	not_ok "$what" "$tmp/why"
fi

wi -q -b 64 -o svg synchronous.log throughput.log
cp "$tmp/out" "$tmp/seed.svg"
svg_ok "two-point -o svg: an ITL and a TTFT panel, units in the legends" \
    "$tmp/seed.svg" '
for s in ["ITL (ms)", "TTFT (ms)", "batch size (concurrency)",
          "prompt tokens \u00d7 batch size (concurrency)",
          "\u03b1 = 6.97302 ms", "\u03b2 = 0.0269841 ms per batch slot",
          "\u03b3 = 14.8254 ms",
          "\u03b4 = 0.00135246 ms per token \u00d7 batch slot",
          "two-point fit at 129.1 prompt tokens",
          "max batch size 64 \u00d7 129.1 tokens"]:
    assert s in txt.split("\n"), s
assert len(list(root.iter(ns + "circle"))) == 4
fitted = [l for l in root.iter(ns + "line") if l.get("stroke") == "#d62728"]
assert len(fitted) == 2, "the ITL and the TTFT line"
'

wi -q --fit lsq -b 64 -o svg sweep.log
cp "$tmp/out" "$tmp/lsq.svg"
svg_ok "--fit lsq -o svg: the TTFT panel with each point's residual" \
    "$tmp/lsq.svg" '
assert "\u03b3 = -4.91057 ms" in txt, txt
assert "least squares, R\u00b2 = 0.5396, 10 points" in txt, txt
tips = [c.find(ns + "title").text for c in root.iter(ns + "circle")]
assert any(t.startswith("throughput: concurrency 48.71, 512.4 prompt tokens,"
                        " TTFT 412.6 ms, residual +176.499 ms") for t in tips), tips
'

wi -q -b 64 -o svg svg-huge-report.json
cp "$tmp/out" "$tmp/huge.svg"
svg_ok "-o svg without gamma and delta: the ITL panel alone" \
    "$tmp/huge.svg" '
assert "TTFT (ms)" not in txt
assert root.get("height") == "456", root.get("height")
'

# ------------------------------------------- the model against the rate
# A joint fit of four sweeps: each in its colour with its own curve, the
# points named and their tooltips, the fit's quality and intervals.
wi -q --model queue -o svg exp1/sweep-i256-o256.csv exp1/sweep-i256-o1024.csv \
    exp1/sweep-i1024-o256.csv exp1/sweep-i1024-o1024.csv
cp "$tmp/out" "$tmp/joint.svg"
svg_ok "--model queue -o svg of 4 sweeps: a colour, a curve each, a legend" \
    "$tmp/joint.svg" '
dots = [c for c in root.iter(ns + "circle")]
fills = {c.get("fill") for c in dots}
assert len(dots) == 2 * 36 + 4, len(dots)
assert len(fills) == 4, fills
assert len(list(root.iter(ns + "polyline"))) == 8, "4 sweeps x 2 panels"
for s in ["sweep-i256-o256.csv", "sweep-i1024-o1024.csv", "points",
          "TTFT RMS in / out", "6.33% / 14.4%", "4.91% / 6.79%"]:
    assert s in txt.split("\n"), s
assert "constant@43.96" in names and len(names) >= 20, names
tips = [c.find(ns + "title").text for c in dots]
t = ("constant@5.98 (sweep-i256-o256.csv): 5.957 req/s, 256.2 prompt and "
     "255.9 output tokens; TTFT 20.77 ms, model 20.19 ms (-2.8%); ITL 7.62 "
     "ms, model 7.57 ms (-0.5%); out of sample TTFT -4.2%, ITL -0.7%")
assert t in tips, tips[:3]
'
svg_ok "--model queue -o svg: units, 90% intervals, errors in and out" \
    "$tmp/joint.svg" '
for s in ["\u03b1 = 6.849 ms per iteration", "90%: 6.721 to 6.976",
          "\u03b2 = 0.02 ms per token", "90%: 0.0168 to 0.0232",
          "\u03b3 = 4.97e-05 ms per KV-cache token",
          "RMS relative error in sample: TTFT 10.6%, ITL 8.95%",
          "out of sample (each sweep left out in turn, 4 refits): "
          "TTFT 13.4%, ITL 10%"]:
    assert s in txt.split("\n"), s
'

# 16 sweeps sized at a shape of their own, for a total rate: 8 in colour
# and said so, the sizing's curve, the max rate's band, the measured
# bracket and the load per replica.
# case_svg NAME: wi -q with testdata/NAME.args (as goldens.sh) and -o
# svg; the picture left in $tmp/NAME.svg.
case_svg() {
	svg=$tmp/$1.svg
	eval "set -- $(cat "$td/$1.args")"
	wi -q "$@" -o svg
	cp "$tmp/out" "$svg"
}
case_svg size-joint
svg_ok "-o svg of 16 sweeps with a sizing: 8 in colour, the rest grey" \
    "$tmp/size-joint.svg" '
dots = [c for c in root.iter(ns + "circle")]
assert len({c.get("fill") for c in dots}) == 9, "8 colours and grey"
assert ("8 of 16 sweeps are drawn in colour with their curves; the other "
        "8 are grey circles") in txt, txt
assert len(list(root.iter(ns + "polyline"))) == 18, "8 sweeps, the sizing"
assert ("black curves: the model at 256 prompt and 256 output tokens per "
        "request (given)") in txt.split("\n"), txt
'
svg_ok "-o svg with --rate: load per replica, max rate's band, pass and miss" \
    "$tmp/size-joint.svg" '
lines = txt.split("\n")
for s in ["100 req/s over 3 replicas: 33.33 each",
          "max 42.85 req/s (ITL binds)", "90%: 42.24 to 43.47 (the band)",
          "measured: passes at 38.18, misses ITL mean at 42.71 req/s"]:
    assert s in lines, s
tips = [t.text for t in root.iter(ns + "title")]
for s in ["90% interval of the max rate: 42.24 to 43.47 req/s, from 16 "
          "refits",
          "measured pass: constant@38.53 at 38.18 req/s meets every target",
          "measured miss: constant@43.96 at 42.71 req/s has ITL mean 35.15 "
          "ms, over the target 20 ms"]:
    assert s in tips, s
band = [r for r in root.iter(ns + "rect") if r.get("fill") == "#2ca02c"]
assert len(band) == 2 and abs(float(band[0].get("width")) - 3.2) < 0.5, band
'

case_svg size-exp2
svg_ok "-o svg with --rate 40: \"40 req/s over 2 replicas: 20 each\"" \
    "$tmp/size-exp2.svg" '
# A line at 20 req/s, on an axis from 0 to 30 over x 78 to 724.
per = [l for l in root.iter(ns + "line") if l.get("stroke") == "#444"]
assert len(per) == 1 and abs(float(per[0].get("x1")) - 508.7) < 0.1, per
assert "40 req/s over 2 replicas: 20 each" in txt.split("\n"), txt
'
case_svg size-exp2-p95
svg_ok "-o svg for p95 targets: the measured answer, the model a bound" \
    "$tmp/size-exp2-p95.svg" '
lines = txt.split("\n")
for s in ["max 25.26 req/s (measured p95)",
          "the model\x27s means: at most 26.65",
          "circles: measured TTFT median and ITL mean; the targets bound "
          "the p95"]:
    assert s in lines, s
assert not [r for r in root.iter(ns + "rect") if r.get("fill") == "#2ca02c"]
'

# The linear model against the rate: its units, the model at each point.
wi -q -b 64 --slo-ttft 200 --slo-itl 10 --rate 100 -o svg synchronous.log \
    throughput.log
cp "$tmp/out" "$tmp/size-seed.svg"
svg_ok "linear -o svg against the rate: units, the model at each point" \
    "$tmp/size-seed.svg" '
lines = txt.split("\n")
for s in ["\u03b1 = 6.973 ms", "\u03b2 = 0.02698 ms per batch slot",
          "\u03b3 = 14.83 ms",
          "\u03b4 = 0.001352 ms per token \u00d7 batch slot",
          "100 req/s over 2 replicas: 50 each"]:
    assert s in lines, s
tips = [c.find(ns + "title").text for c in root.iter(ns + "circle")]
assert tips[0].startswith("synchronous: 1.1 req/s, 129.1 prompt and 128 "
                          "output tokens; TTFT 15 ms, model 15.17 ms "
                          "(+1.2%)"), tips
# A throughput run gets none: its rate is what the server achieved.
assert "a throughput run" in tips[1] and "model" not in tips[1], tips
'

# Sweep labels from file names are text: escaped, and long ones cut at
# the front with the whole in the swatch's tooltip.
mkdir "$tmp/hostile-svg"
long=a-very-long-directory-like-name-of-a-sweep-of-guidellm-runs
cp "$td/exp1/sweep-i256-o256.csv" "$tmp/hostile-svg/<b>&amp;\"x'.csv"
cp "$td/exp1/sweep-i1024-o256.csv" "$tmp/hostile-svg/$long.csv"
(cd "$tmp/hostile-svg" && $run "$bin" -q --model queue -o svg -- \
    "<b>&amp;\"x'.csv" "$long.csv") >"$tmp/hostile.svg" 2>"$tmp/err"
svg_ok "-o svg: sweep labels escaped, long ones cut, whole in a tooltip" \
    "$tmp/hostile.svg" '
lines = txt.split("\n")
assert "<b>&amp;\"x\x27.csv" in lines, lines
long = "a-very-long-directory-like-name-of-a-sweep-of-guidellm-runs.csv"
cut = [l for l in lines if l.startswith("\u2026")]
assert cut == ["\u2026" + long[-27:]], cut
assert long in [t.text for t in root.iter(ns + "title")]
'
