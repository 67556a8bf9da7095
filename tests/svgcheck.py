"""svgcheck.py FILE...: what every -o svg picture must be. Prints what is
wrong in each file and exits 1 if anything is:

  - well-formed XML whose root is an <svg> of the SVG namespace;
  - no reference outside the file (href, url() other than #id);
  - every circle (a point, a legend's mark) has a tooltip, a <title>;
  - point names, the texts of a font-size 11 group, do not overprint
    each other, the circles or the legends (rects stroked #999), with
    text as wide as wva-itl estimates it (out_svg_label.c: 6.3 px a
    character, 13 px high, the baseline 3 px above the bottom).

Imported by tests that check more (names(), texts()).
"""
import re
import sys
import xml.etree.ElementTree as E

NS = "{http://www.w3.org/2000/svg}"
CHAR, HIGH, SLACK = 6.3, 13.0, 0.2	# SLACK: the output's one decimal


def width(s):
    return CHAR * len(s)


def texts(root):
    return [t.text or "" for t in root.iter(NS + "text")]


def names(root):
    """The point names: (text, box) for each font-size 11 group's text."""
    out = []
    for g in root.iter(NS + "g"):
        if g.get("font-size") != "11":
            continue
        for t in g.iter(NS + "text"):
            x, y, s = float(t.get("x")), float(t.get("y")), t.text or ""
            x0 = x - width(s) if t.get("text-anchor") == "end" else x
            out.append((s, (x0, y - HIGH + 3, x0 + width(s), y + 3)))
    return out


def hit(a, b):
    return (a[0] < b[2] - SLACK and b[0] < a[2] - SLACK and
            a[1] < b[3] - SLACK and b[1] < a[3] - SLACK)


def check(path):
    bad = []
    try:
        root = E.parse(path).getroot()
    except E.ParseError as e:
        return ["not XML: %s" % e]
    if root.tag != NS + "svg":
        bad.append("root is %s, not an SVG svg" % root.tag)
    for el in root.iter():
        for k, v in el.attrib.items():
            if k.endswith("href") or re.search(r"url\((?!#)", v):
                bad.append("reference outside: %s=%r" % (k, v))
    dots = []
    for c in root.iter(NS + "circle"):
        if c.find(NS + "title") is None:
            bad.append("a circle without a title at %s,%s" %
                       (c.get("cx"), c.get("cy")))
        x, y, r = (float(c.get(k)) for k in ("cx", "cy", "r"))
        dots.append((x - r, y - r, x + r, y + r))
    legends = [(float(r.get("x")), float(r.get("y")),
                float(r.get("x")) + float(r.get("width")),
                float(r.get("y")) + float(r.get("height")))
               for r in root.iter(NS + "rect") if r.get("stroke") == "#999"]
    ns = names(root)
    for i, (s, b) in enumerate(ns):
        for t, c in ns[i + 1:]:
            if hit(b, c):
                bad.append("names %r and %r overprint" % (s, t))
        for d in dots:
            if hit(b, d):
                bad.append("name %r overprints a point at %.1f,%.1f" %
                           (s, (d[0] + d[2]) / 2, (d[1] + d[3]) / 2))
        for g in legends:
            if hit(b, g):
                bad.append("name %r overprints a legend" % s)
    return bad


if __name__ == "__main__":
    failed = 0
    for p in sys.argv[1:]:
        for why in check(p):
            print("%s: %s" % (p, why))
            failed = 1
    sys.exit(failed)
