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
if python3 "$top/tests/svgcheck.py" "$tmp"/lsq/*.svg >"$tmp/why" 2>&1; then
	ok "--fit lsq on each exp1 sweep, -b 64 or not: names do not overprint"
else
	not_ok "--fit lsq on each exp1 sweep, -b 64 or not: names do not overprint" \
	    "$tmp/why"
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
