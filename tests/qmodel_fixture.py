#!/usr/bin/env python3
# qmodel_fixture.py: write testdata/qmodel-exp1.txt, the fixture of
# tests/qmodel_test.c, from model-trainer's exp1 (a copy of its data is in
# ../shared/inferno/exp1): per file the published fit, then the 7 points
# model-trainer used at full precision with its printed predictions.
#
# Usage: tests/qmodel_fixture.py EXP1DIR >testdata/qmodel-exp1.txt
#
# Which points: model-trainer's guidellm CSV reader (pkg/reader/
# guidellmcsv.go) skips the row named "throughput" and keeps the first 7
# others. Rate = "Successful Requests per second mean", tokens = the
# successful prompt/output token count means, TTFT = the median (not the
# mean: two files have garbage means), ITL = the mean.
import json
import os
import re
import sys

top = sys.argv[1]
print("# model-trainer exp1 (github.com/llm-inferno/model-trainer, Apache License 2.0,")
print("# commit 22bea2e): written by tests/qmodel_fixture.py from data/*.json and results/*.txt.")
print("# fit NAME alpha beta gamma loss avgErrTTFT avgErrITL   (published)")
print("# pt rate inTokens outTokens ttft itl ttftPred itlPred  (pred as printed, 2 decimals)")
for f in sorted(os.listdir(os.path.join(top, "data"))):
    name = f[:-len(".json")]
    rows = json.load(open(os.path.join(top, "data", f)))
    rows = [r for r in rows if r["Name"] != "throughput"][:7]
    res = open(os.path.join(top, "results", name + ".txt")).read()
    est = json.loads(re.search(r"^\{\"OptimizedParms\".*$", res, re.M).group(0))
    p, a = est["OptimizedParms"], est["AnalysisResults"]
    print("fit %s %r %r %r %r %r %r" % (name, p["alpha"], p["beta"], p["gamma"],
        a["avgErrWeighted"], a["avgErrTTFT"], a["avgErrITL"]))
    table = re.findall(r"^ *([0-9.]+) \t +([0-9.]+) \t +([0-9.]+) \t +([-0-9.]+) \t +"
        r"([-0-9.]+) \t +([-0-9.]+) \t +([-0-9.]+) \t $", res, re.M)
    assert len(table) == 7, name
    for r, t in zip(rows, table):
        v = [r["Successful Requests per second mean"],
            r["Successful Prompt token count mean"],
            r["Successful Output token count mean"],
            r["Successful Time to first token ms median"],
            r["Successful Inter token latency ms mean"]]
        assert "%.2f" % v[0] == t[0] and "%.2f" % v[3] == t[3], (name, v, t)
        print("pt %r %r %r %r %r %s %s" % tuple(v + [t[4], t[6]]))
