#!/usr/bin/env python3
"""g053csv.py OUT.csv OUT.json: a guidellm 0.5.3 CSV report and the JSON
report of the same run, made from simulated requests the way guidellm
0.5.3 makes them (written from reading its source, tag v0.5.3 of
github.com/vllm-project/guidellm; no code of it is copied):

- per request (schemas/request_stats.py): latency = request_end -
  request_start, None without a request_end; TTFT from the first token;
  TPOT = (last token or end - start) / output tokens; ITL = (last -
  first token) / (output tokens - 1); request_end_time falls back to
  resolve_end; token timings spread evenly from the first to the last
  token over the stream's iterations;
- per metric and status (schemas/statistics.py): a distribution of
  (value, weight) pairs: equal values merged, zero weights dropped, mean
  and std dev over the weights, percentiles where the cumulative weight
  first reaches them; rates from event times within the window (ends
  and starts as zero-weight events, times within 0.1 ms merged), each
  event's count over the time around it; concurrency from the requests'
  intervals, weighted by time; the text metrics' "total" is the input
  values and the output values in one list;
- the CSV (benchmark/outputs/csv.py): the header of the first benchmark
  only; for each metric a Mean, Median, Std Dev, Percentiles block per
  status whose values do not sum to 0, in the order successful,
  incomplete, errored.

The run: a synchronous benchmark (successful requests only: the header),
a throughput benchmark of 1998 successful, 511 incomplete (cancelled at
the end, no request_end) and 1718 errored requests (refused before any
token, no request_end): its row has 58 blocks, as the one of issue 17;
and a constant-rate benchmark whose incomplete and errored requests
streamed tokens and have a request_end, so that all three blocks are
there for every metric (72 blocks). Seeded: the output is the same each
run. tests/goldens.sh checks that the CSV reads to the numbers of the
JSON.
"""
import bisect
import csv
import json
import math
import os
import random
import sys

START = 1770000000.0
PCT = ("p001", "p01", "p05", "p10", "p25", "p50", "p75", "p90", "p95",
       "p99", "p999")
PROBS = (0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999)


def dist(pairs, count=None):
    """A DistributionSummary of (value, weight) pairs."""
    if not pairs:
        zero = dict.fromkeys(PCT, 0.0)
        return {"mean": 0.0, "median": 0.0, "mode": 0.0, "variance": 0.0,
                "std_dev": 0.0, "min": 0.0, "max": 0.0,
                "count": 0 if count is None else count, "total_sum": 0.0,
                "percentiles": zero}
    if count is None:
        count = round(sum(w for _, w in pairs))
    merged = {}
    for v, w in pairs:
        merged[v] = merged.get(v, 0.0) + w
    vals = sorted(v for v in merged if merged[v] > 0)
    ws = [merged[v] for v in vals]
    tot = sum(ws)
    if tot <= 1e-6:
        ws = [1.0] * len(vals)
        tot = float(len(vals))
    probs = [w / tot for w in ws]
    if not vals:
        return dist([], count)
    cdf, acc = [], 0.0
    for p in probs:
        acc += p
        cdf.append(acc)
    pct = {k: vals[min(bisect.bisect_left(cdf, q), len(vals) - 1)]
           for k, q in zip(PCT, PROBS)}
    mean = sum(v * p for v, p in zip(vals, probs))
    var = sum((v - mean) ** 2 * p for v, p in zip(vals, probs))
    return {"mean": mean, "median": pct["p50"],
            "mode": vals[probs.index(max(probs))], "variance": var,
            "std_dev": math.sqrt(var), "min": vals[0], "max": vals[-1],
            "count": count, "total_sum": mean * count, "percentiles": pct}


def merge_times(events, threshold=1e-4):
    """(time, weight) sorted, equal times and times within 0.1 ms merged."""
    events.sort()
    out = []
    for t, w in events:
        if out and t - out[-1][2] <= threshold:
            out[-1][1] += w
        else:
            out.append([t, w, t])
    return [(t, w) for t, w, _ in out]


def rate(events, start=None, end=None):
    ev = [e for e in events if (start is None or e[0] >= start) and
          (end is None or e[0] <= end)]
    if start is not None:
        ev.append((start, 0.0))
    if end is not None:
        ev.append((end, 0.0))
    ev = merge_times(ev)
    if len(ev) <= 1:
        return dist([], len(ev))
    t = [e[0] for e in ev]
    mids = [(a + b) / 2 for a, b in zip(t, t[1:])]
    durs = [mids[0] - t[0]] + [b - a for a, b in zip(mids, mids[1:])] + \
        [max(t[-1] - mids[-1], 1e-6)]
    occ = [e[1] for e in ev]
    return dist([(o / d, d) for o, d in zip(occ, durs)],
                round(sum(occ)))


def concurrency(intervals, start=None, end=None):
    iv = [i for i in intervals if (start is None or i[1] >= start) and
          (end is None or i[0] <= end)]
    count = len(iv)
    ev = merge_times([(a, w) for a, _, w in iv] + [(b, -w) for _, b, w in iv])
    if start is not None and ev:
        k = bisect.bisect_left([e[0] for e in ev], start)
        ev = [(start, sum(e[1] for e in ev[:k]))] + ev[k:]
    if end is not None and ev:
        k = bisect.bisect_right([e[0] for e in ev], end)
        ev = ev[:k] + [(end, 0.0)]
    acc, conc = 0.0, []
    for _, w in ev:
        acc += w
        conc.append(max(acc, 0.0))
    if len(conc) <= 1:
        return dist([] if count == 0 else [(conc[0], 1.0)])
    durs = [max(b[0] - a[0], 0.0) for a, b in zip(ev, ev[1:])]
    if not any(d > 0 for d in durs):
        return dist([], count)
    return dist(list(zip(conc[:-1], durs)), count)


class Req:
    """One request's timings and counts, as guidellm records them."""

    def __init__(self, **kw):
        self.__dict__.update(kw)

    @property
    def end_time(self):
        return self.end if self.end is not None else self.resolve_end

    @property
    def latency(self):
        return None if self.end is None else self.end - self.start

    @property
    def out_tokens(self):
        return self.out if self.out is not None else (self.iters or None)

    @property
    def ttft(self):
        return None if self.first is None else 1000 * (self.first - self.start)

    @property
    def tpot(self):
        last = self.last if self.last is not None else self.end_time
        n = self.out_tokens
        return None if not n else 1000 * (last - self.start) / n

    @property
    def itl(self):
        n = self.out_tokens
        if self.first is None or self.last is None or n is None or n <= 1:
            return None
        return 1000 * (self.last - self.first) / (n - 1)

    def iter_tok(self):
        n = self.out_tokens
        if n is None or n <= 1 or self.iters <= 1:
            return None
        return (n - 1.0) / (self.iters - 1.0)

    def iter_timings(self):
        per = self.iter_tok()
        if self.first is None or self.last is None or per is None:
            return []
        k = self.iters
        return [(self.first + (self.last - self.first) * i / (k - 1), per)
                for i in range(1, k)]

    def out_timings(self):
        if self.first is None or self.last is None or self.iters <= 1:
            t = self.last if self.last is not None else self.end_time
            return [(t, float(self.out_tokens or 0))]
        return [(self.first, 1.0 * bool(self.out_tokens))] + \
            self.iter_timings()

    def prompt_timing(self):
        t = self.first if self.first is not None else self.end_time
        return (t, float(self.prompt or 0))


def status_dist(fn, reqs, kind="values", start=None, end=None):
    """{successful, incomplete, errored, total} of fn over each status."""
    lists = {}
    for st in ("successful", "incomplete", "errored"):
        out = []
        for r in reqs[st]:
            x = fn(r)
            if x is None:
                continue
            out.extend(x if isinstance(x, list) else [x])
        lists[st] = out
    lists["total"] = lists["successful"] + lists["incomplete"] + \
        lists["errored"]
    res = {}
    for st, xs in lists.items():
        if kind == "values":
            res[st] = dist([x if isinstance(x, tuple) else (x, 1.0)
                            for x in xs])
        elif kind == "rate":
            res[st] = rate([x if isinstance(x, tuple) else (x, 1.0)
                            for x in xs], start, end)
        else:
            res[st] = concurrency([x if len(x) == 3 else x + (1.0,)
                                   for x in xs], start, end)
    return res


def text_metric(reqs, prop):
    """tokens, words or characters: input, output and total (one list)."""
    rows = {st: [(r.start, r.end_time, getattr(r, "text_in_" + prop),
                  getattr(r, "text_out_" + prop)) for r in rs
                 if r.start and r.end_time and
                 (getattr(r, "text_in_" + prop) is not None or
                  getattr(r, "text_out_" + prop) is not None)]
            for st, rs in reqs.items()}

    def values(i):
        v = {st: [float(m[i] or 0.0) for m in ms] for st, ms in rows.items()}
        return v

    vin, vout = values(2), values(3)
    out = {}
    for name, v in (("input", vin), ("output", vout)):
        d = {st: dist([(x, 1.0) for x in xs]) for st, xs in v.items()}
        d["total"] = dist([(x, 1.0) for xs in v.values() for x in xs])
        out[name] = d if d["total"]["total_sum"] != 0 else None
    if out["input"] is not None and out["output"] is not None:
        d = {st: dist([(x, 1.0) for x in vin[st] + vout[st]])
             for st in vin}
        d["total"] = dist([(x, 1.0) for st in vin
                           for x in vin[st] + vout[st]])
        out["total"] = d
    else:
        out["total"] = None
    return out


def metrics(reqs, start, end):
    m = {
        "request_latency": status_dist(lambda r: r.latency or 0.0, reqs),
        "request_streaming_iterations_count": status_dist(
            lambda r: float(r.iters or 0), reqs),
        "time_to_first_token_ms": status_dist(lambda r: r.ttft or 0.0, reqs),
        "time_per_output_token_ms": status_dist(
            lambda r: (r.tpot or 0.0, float(r.out_tokens or 0)), reqs),
        "inter_token_latency_ms": status_dist(
            lambda r: (r.itl or 0.0, float((r.out_tokens or 1) - 1)), reqs),
        "requests_per_second": status_dist(lambda r: r.end_time, reqs,
                                           "rate", start, end),
        "request_concurrency": status_dist(lambda r: (r.start, r.end_time),
                                           reqs, "conc", start, end),
        "prompt_token_count": status_dist(lambda r: float(r.prompt or 0),
                                          reqs),
        "output_token_count": status_dist(
            lambda r: float(r.out_tokens or 0), reqs),
        "total_token_count": status_dist(
            lambda r: float((r.prompt or 0) + (r.out_tokens or 0)), reqs),
        "prompt_tokens_per_second": status_dist(lambda r: r.prompt_timing(),
                                                reqs, "rate"),
        "output_tokens_per_second": status_dist(lambda r: r.out_timings(),
                                                reqs, "rate"),
        "tokens_per_second": status_dist(
            lambda r: [r.prompt_timing()] + r.out_timings(), reqs, "rate"),
        "output_tokens_per_iteration": status_dist(
            lambda r: [t for _, t in r.out_timings()], reqs),
        "iter_tokens_per_iteration": status_dist(
            lambda r: [t for _, t in r.iter_timings()], reqs),
    }
    m["text"] = {p: text_metric(reqs, p)
                 for p in ("tokens", "words", "characters")}
    return m


def simulate(rng, n_s, n_i, n_e, start, dur, streamed, shape):
    """Requests of a benchmark over [start, start + dur]; streamed: the
    incomplete and errored requests streamed tokens and have an end."""
    end = start + dur
    reqs = {"successful": [], "incomplete": [], "errored": []}

    def stream(t0, n_out, per_tok, ttft):
        iters = n_out
        first = t0 + ttft
        last = first + per_tok * (n_out - 1)
        return first, last, iters

    for k in range(n_s):
        prompt = rng.randint(*shape["in"])
        out = rng.randint(*shape["out"])
        t0 = start + (dur - 6.0) * k / max(n_s, 1) + rng.random() * 0.01
        ttft = rng.uniform(0.02, 0.4)
        first, last, iters = stream(t0, out, rng.uniform(0.03, 0.06), ttft)
        r_end = last + rng.uniform(0.0001, 0.001)
        reqs["successful"].append(Req(
            start=t0, first=first, last=last, end=r_end,
            resolve_end=r_end + 0.001, prompt=prompt, out=out, iters=iters,
            text_in_tokens=prompt, text_out_tokens=out, text_in_words=prompt * 3 // 4,
            text_out_words=out * 3 // 4, text_in_characters=prompt * 4,
            text_out_characters=out * 4 + rng.randint(0, 3)))
    for k in range(n_i):
        prompt = rng.randint(*shape["in"])
        t0 = end - rng.uniform(0.5, 30.0)
        if streamed:
            out = rng.randint(2, 40)
            first, last, iters = stream(t0, out, 0.04, rng.uniform(0.05, 0.3))
            r_end = min(last + 0.005, end - 0.001)
            reqs["incomplete"].append(Req(
                start=t0, first=first, last=min(last, r_end), end=r_end,
                resolve_end=r_end + 0.001, prompt=prompt, out=out,
                iters=iters, text_in_tokens=prompt, text_out_tokens=out,
                text_in_words=prompt * 3 // 4, text_out_words=out * 3 // 4,
                text_in_characters=prompt * 4, text_out_characters=out * 4))
        else:
            got = rng.random() < float(os.environ.get("G053_GOT", "0.6"))
            out = rng.randint(1, 30) if got else None
            first = t0 + rng.uniform(0.05, 0.3) if got else None
            last = first + 0.04 * (out - 1) if got else None
            reqs["incomplete"].append(Req(
                start=t0, first=first, last=last, end=None,
                resolve_end=end + 0.8, prompt=prompt, out=out,
                iters=out or 0, text_in_tokens=prompt, text_out_tokens=out,
                text_in_words=prompt * 3 // 4,
                text_out_words=out * 3 // 4 if got else None,
                text_in_characters=prompt * 4,
                text_out_characters=out * 4 if got else None))
    for k in range(n_e):
        prompt = rng.randint(*shape["in"])
        t0 = start + (dur - 1.0) * rng.random()
        if streamed:
            out = rng.randint(2, 20)
            first, last, iters = stream(t0, out, 0.05, rng.uniform(0.05, 0.3))
            reqs["errored"].append(Req(
                start=t0, first=first, last=last, end=last + 0.002,
                resolve_end=last + 0.003, prompt=prompt, out=None,
                iters=iters, text_in_tokens=prompt, text_out_tokens=out,
                text_in_words=prompt * 3 // 4, text_out_words=out * 3 // 4,
                text_in_characters=prompt * 4,
                text_out_characters=out * 4))
        else:
            reqs["errored"].append(Req(
                start=t0, first=None, last=None, end=None,
                resolve_end=t0 + rng.uniform(0.001, 0.02), prompt=prompt,
                out=None, iters=0, text_in_tokens=prompt, text_out_tokens=None,
                text_in_words=prompt * 3 // 4, text_out_words=None,
                text_in_characters=prompt * 4, text_out_characters=None))
    return reqs


def fmt(x):
    return x if isinstance(x, (int, str)) else repr(float(x))


def blocks(head, vals, group, units, sd):
    """The status blocks of one metric, as _add_stats_for_metric."""
    for st in ("successful", "incomplete", "errored"):
        d = sd[st]
        if d is None or d["total_sum"] == 0.0:
            continue
        label = "%s %s" % (st.capitalize(), units)
        p = d["percentiles"]
        pl = [d["min"], p["p001"], p["p01"], p["p05"], p["p10"], p["p25"],
              p["p75"], p["p90"], p["p95"], p["p99"], d["max"]]
        for name, v in (("Mean", d["mean"]), ("Median", d["median"]),
                        ("Std Dev", d["std_dev"])):
            head.append([group, label, name])
            vals.append(v)
        head.append([group, label, "Percentiles"])
        vals.append("[" + ", ".join(repr(float(x)) for x in pl) + "]")


CSV_METRICS = (
    ("request_latency", "Request Latency", "Sec"),
    ("request_streaming_iterations_count", "Streaming Iterations", "Count"),
    ("time_to_first_token_ms", "Time to First Token", "ms"),
    ("time_per_output_token_ms", "Time per Output Token", "ms"),
    ("inter_token_latency_ms", "Inter Token Latency", "ms"),
    ("requests_per_second", "Server Throughput", "Requests/Sec"),
    ("request_concurrency", "Server Throughput", "Concurrency"),
    ("prompt_token_count", "Token Metrics", "Input Tokens"),
    ("output_token_count", "Token Metrics", "Output Tokens"),
    ("total_token_count", "Token Metrics", "Total Tokens"),
    ("prompt_tokens_per_second", "Token Throughput", "Input Tokens/Sec"),
    ("output_tokens_per_second", "Token Throughput", "Output Tokens/Sec"),
    ("tokens_per_second", "Token Throughput", "Total Tokens/Sec"),
    ("output_tokens_per_iteration", "Token Streaming", "Output Tokens/Iter"),
    ("iter_tokens_per_iteration", "Token Streaming", "Iter Tokens/Iter"),
)


def csv_row(b, idx):
    head, vals = [], []

    def field(group, name, value, units=""):
        head.append([group, name, units])
        vals.append(value)

    field("Run Info", "Run ID", "5f0e3c1a-0000-4000-8000-000000000053")
    field("Run Info", "Run Index", idx)
    field("Run Info", "Profile", json.dumps({"type_": "sweep"}))
    field("Run Info", "Requests", json.dumps({"data": ["prompt_tokens=256"]}))
    field("Run Info", "Backend", json.dumps({"target": "http://vllm:8000"}))
    field("Run Info", "Environment", json.dumps({"type": "NonDistributed"}))
    field("Benchmark", "Type", "generative_benchmark")
    field("Benchmark", "ID", "bench-%d" % idx)
    field("Benchmark", "Strategy", b["strategy"])
    field("Benchmark", "Constraints", json.dumps({"max_seconds": 600}))
    for t in ("Start Time", "Request Start Time", "Measure Start Time",
              "Measure End Time", "Request End Time", "End Time"):
        field("Timings", t, "2026-02-09 16:15:51")
    field("Timings", "Duration", b["duration"], "Sec")
    field("Timings", "Warmup", 0.0, "Sec")
    field("Timings", "Cooldown", 0.0, "Sec")
    for st in ("successful", "incomplete", "errored", "total"):
        field("Request Counts", st.capitalize(), b["totals"][st])
    m = b["metrics"]
    for key, group, units in CSV_METRICS:
        blocks(head, vals, group, units, m[key])
    for prop, label in (("tokens", "Tokens"), ("words", "Words"),
                        ("characters", "Characters")):
        for io in ("input", "output", "total"):
            sd = m["text"][prop][io]
            if sd is None or not any(sd[st]["total_sum"] > 0 for st in
                                     ("successful", "incomplete",
                                      "errored")):
                continue
            blocks(head, vals, "Text " + label, io.capitalize(), sd)
    for name, v in (("Node ID", 0), ("Num Processes", 10),
                    ("Created Requests", b["totals"]["total"]),
                    ("Processed Requests", b["totals"]["total"]),
                    ("Successful Requests", b["totals"]["successful"]),
                    ("Errored Requests", b["totals"]["errored"]),
                    ("Cancelled Requests", b["totals"]["incomplete"])):
        field("Scheduler State", name, v)
    for st in ("Successful", "Incomplete", "Errored", "Total"):
        field("Scheduler Metrics", "Requests Made " + st,
              b["totals"][st.lower()])
    field("Scheduler Metrics", "Queued Time Avg", 0.01, "Sec")
    field("Runtime Info", "Metadata", json.dumps(
        {"version": 1, "guidellm_version": "0.5.3"}))
    field("Runtime Info", "Arguments", json.dumps({"profile": "sweep"}))
    return head, [fmt(v) for v in vals]


def json_bench(b, idx):
    strat = {"type_": b["strategy"]}
    if "rate" in b:
        strat["rate"] = b["rate"]
    m = {k: v for k, v in b["metrics"].items() if k != "text"}
    m["request_totals"] = b["totals"]
    m["text"] = b["metrics"]["text"]
    return {"type_": "generative_benchmark",
            "config": {"id_": "bench-%d" % idx, "run_index": idx,
                       "strategy": strat},
            "duration": b["duration"], "metrics": m}


def main():
    rng = random.Random(int(os.environ.get("G053_SEED", "53")))
    shape = {k: tuple(int(x) for x in os.environ.get(
        "G053_" + k.upper(), d).split(",")) for k, d in
        (("in", "64,192"), ("out", "88,132"))}
    dur = 600.0
    runs = [
        ("synchronous", None, (420, 0, 0), False),
        ("throughput", None, (1998, 511, 1718), False),
        ("constant", 4.5, (1250, 40, 60), True),
    ]
    benches = []
    for i, (strategy, r, (ns, ni, ne), streamed) in enumerate(runs):
        t0 = START + i * (dur + 5)
        reqs = simulate(rng, ns, ni, ne, t0, dur, streamed, shape)
        b = {"strategy": strategy, "duration": dur,
             "totals": {"successful": ns, "incomplete": ni, "errored": ne,
                        "total": ns + ni + ne},
             "metrics": metrics(reqs, t0, t0 + dur)}
        if r is not None:
            b["rate"] = r
        benches.append(b)
    rows = [csv_row(b, i) for i, b in enumerate(benches)]
    header = rows[0][0]
    with open(sys.argv[1], "w", newline="") as f:
        w = csv.writer(f)
        for k in range(3):
            w.writerow([h[k] for h in header])
        for _, vals in rows:
            w.writerow(vals)
    report = {"metadata": {"version": 1, "guidellm_version": "0.5.3"},
              "args": {"profile": "sweep"},
              "benchmarks": [json_bench(b, i) for i, b in enumerate(benches)]}
    with open(sys.argv[2], "w") as f:
        json.dump(report, f)
    for (head, vals), b in zip(rows, benches):
        nb = sum(1 for h in head if h[2] == "Percentiles")
        print("%s: %d blocks, %d cells" % (b["strategy"], nb, len(vals)),
              file=sys.stderr)


if __name__ == "__main__":
    main()
