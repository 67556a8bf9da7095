/*
 * in_json.c: benchmark reports in JSON.
 *
 * guidellm's report (--output-path / --outputs json) of every schema:
 * 0.2/0.3 (benchmarks[i].args.strategy), 0.4-0.6 (config.strategy,
 * metrics.request_totals), 0.7 (metadata.version 2), 0.8 (goodput:
 * config.slo, metrics.slo_attainment and request_goodput). Every statistic is
 * benchmarks[i].metrics.NAME.successful.{mean,median,percentiles.pNN},
 * unrounded. And vLLM's --save-result: one object per run, or one per
 * line with --append-result, with mean_itl_ms, max_concurrency, ...
 *
 * Takes the raw bytes of one input (read through jstream, in bounded
 * memory) and adds one struct bench per benchmark or run to the set.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "in.h"
#include "jstream.h"
#include "re.h"

struct jread {
	const char	*file;
	struct benchset	*set;
	const struct wi_warn *w;
	cJSON		*top;		/* the members of the current object */
	unsigned long	 nbench;	/* guidellm benchmarks in it */
	int		 has_bench;	/* it has a "benchmarks" member */
	unsigned long	 doc_line;
};

/* Sets field f from a finite number at path; 0 if there is none. */
static int
field(struct bench *b, int f, const cJSON *o, const char *path, double scale)
{
	const cJSON	*v = js_at(o, path);

	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return 0;
	bench_set(b, f, v->valuedouble * scale);
	return 1;
}

/* metrics.NAME.successful: mean, median, percentiles p90, p95, p99. */
static void
stats(struct bench *b, int group, const cJSON *m, const char *name,
    double scale)
{
	const cJSON	*s;
	char		 path[96];

	snprintf(path, sizeof(path), "%s.successful", name);
	if ((s = js_at(m, path)) == NULL)
		return;
	field(b, group + ST_MEAN, s, "mean", scale);
	if (!field(b, group + ST_MEDIAN, s, "median", scale))
		field(b, group + ST_MEDIAN, s, "percentiles.p50", scale);
	field(b, group + ST_P90, s, "percentiles.p90", scale);
	field(b, group + ST_P95, s, "percentiles.p95", scale);
	field(b, group + ST_P99, s, "percentiles.p99", scale);
}

/*
 * guidellm 0.8 goodput (PR #1085): metrics.slo_attainment and
 * metrics.request_goodput are null without objectives. The PR does not
 * show their JSON shape: a plain number or a status distribution like
 * requests_per_second are both taken, the successful mean first.
 */
static void
goodput(struct bench *b, int f, const cJSON *m, const char *name)
{
	const cJSON	*v = js_at(m, name);

	if (field(b, f, m, name, 1))
		return;
	if (!field(b, f, v, "successful.mean", 1))
		field(b, f, v, "total.mean", 1);
}

/* The objectives in config.slo, milliseconds, where set. */
static void
slo(struct bench *b, const cJSON *e)
{
	const cJSON	*s = js_at(e, "config.slo");

	field(b, BF_SLO_TTFT, s, "ttft_ms", 1);
	field(b, BF_SLO_TPOT, s, "tpot_ms", 1);
	field(b, BF_SLO_E2EL, s, "e2el_ms", 1);
}

static int
strategy(struct jread *c, struct bench *b, const cJSON *e, long index,
    unsigned long line, struct wi_err *err)
{
	const cJSON	*s, *t;
	double		 x;
	char		 q[64];

	if ((s = js_at(e, "args.strategy")) == NULL)
		s = js_at(e, "config.strategy");
	t = js_at(s, "type_");
	if (!cJSON_IsString(t)) {
		wi_seterr(err, WI_EINPUT, c->file, line, "guidellm report: "
		    "benchmark %ld has no args.strategy.type_ or "
		    "config.strategy.type_", index);
		return -1;
	}
	b->type = strategy_from_name(t->valuestring, strlen(t->valuestring));
	if (b->type == S_CONCURRENT && cJSON_IsNumber(js_at(s, "streams"))) {
		x = js_at(s, "streams")->valuedouble;
		snprintf(b->name, sizeof(b->name), "concurrent@%.0f", x);
		b->param = x;
		b->has_param = 1;
	} else if ((b->type == S_CONSTANT || b->type == S_POISSON) &&
	    cJSON_IsNumber(js_at(s, "rate"))) {
		x = js_at(s, "rate")->valuedouble;
		snprintf(b->name, sizeof(b->name), "%s@%.2f", t->valuestring,
		    x);
		b->param = x;
		b->has_param = 1;
	} else if (re_exec(RE_G04_TYPE, t->valuestring, strlen(t->valuestring),
	    NULL, err) == 1)
		snprintf(b->name, sizeof(b->name), "%s", t->valuestring);
	else {
		wi_seterr(err, WI_EINPUT, c->file, line, "guidellm report: "
		    "benchmark %ld has a strategy type that is not a name: %s",
		    index, wi_quote(q, sizeof(q), t->valuestring,
		    strlen(t->valuestring)));
		return -1;
	}
	return 0;
}

static int
guidellm_bench(struct jread *c, const cJSON *e, long index,
    unsigned long line, struct wi_err *err)
{
	struct bench	 b;
	const cJSON	*m, *t;

	memset(&b, 0, sizeof(b));
	b.src = SRC_G_JSON;
	b.file = c->file;
	b.line = line;
	if (strategy(c, &b, e, index, line, err) == -1)
		return -1;
	m = js_at(e, "metrics");
	stats(&b, BF_LAT, m, "request_latency", 1);
	stats(&b, BF_TTFT, m, "time_to_first_token_ms", 1);
	stats(&b, BF_ITL, m, "inter_token_latency_ms", 1);
	stats(&b, BF_TPOT, m, "time_per_output_token_ms", 1);
	field(&b, BF_RPS, m, "requests_per_second.successful.mean", 1);
	field(&b, BF_CONC, m, "request_concurrency.successful.mean", 1);
	field(&b, BF_OUT_TPS, m, "output_tokens_per_second.successful.mean", 1);
	field(&b, BF_TOT_TPS, m, "tokens_per_second.successful.mean", 1);
	field(&b, BF_PROMPT_TPR, m, "prompt_token_count.successful.mean", 1);
	field(&b, BF_OUTPUT_TPR, m, "output_token_count.successful.mean", 1);
	if ((t = js_at(e, "request_totals")) == NULL &&
	    (t = js_at(m, "request_totals")) == NULL &&
	    (t = js_at(e, "run_stats.requests_made")) == NULL)
		t = js_at(e, "scheduler_metrics.requests_made");
	if (field(&b, BF_COMPLETED, t, "successful", 1)) {
		field(&b, BF_INCOMPLETE, t, "incomplete", 1);
		field(&b, BF_ERRORED, t, "errored", 1);
	}
	field(&b, BF_DURATION, e, "duration", 1);
	goodput(&b, BF_SLO_ATTAIN, m, "slo_attainment");
	goodput(&b, BF_GOODPUT, m, "request_goodput");
	slo(&b, e);
	if (!bench_has(&b, BF_ITL + ST_MEAN)) {
		wi_seterr(err, WI_EINPUT, c->file, line, "guidellm report: "
		    "benchmark %ld (%s) has no metrics.inter_token_latency_ms."
		    "successful.mean", index, b.name);
		return -1;
	}
	return benchset_add(c->set, &b, c->w, err);
}

/* The keys of a vLLM --save-result object that become bench fields. */
static const struct vkey {
	const char	*key;
	int		 f;
	double		 scale;
} vkeys[] = {
	{ "completed", BF_COMPLETED, 1 }, { "failed", BF_ERRORED, 1 },
	{ "duration", BF_DURATION, 1 },
	{ "request_throughput", BF_RPS, 1 },
	{ "output_throughput", BF_OUT_TPS, 1 },
	{ "total_token_throughput", BF_TOT_TPS, 1 },
#define V(n, g, s) \
	{ "mean_" n "_ms", g + ST_MEAN, s }, \
	{ "median_" n "_ms", g + ST_MEDIAN, s }, \
	{ "p90_" n "_ms", g + ST_P90, s }, \
	{ "p95_" n "_ms", g + ST_P95, s }, \
	{ "p99_" n "_ms", g + ST_P99, s }
	V("ttft", BF_TTFT, 1), V("tpot", BF_TPOT, 1),
	V("itl", BF_ITL, 1), V("e2el", BF_LAT, 0.001),
#undef V
};

/* A vLLM --save-result object. */
static int
vllm_result(struct jread *c, struct wi_err *err)
{
	struct bench	 b;
	const cJSON	*v;
	double		 maxc = -1, rate = -1, burst = -1, done;
	size_t		 i;

	memset(&b, 0, sizeof(b));
	b.src = SRC_VLLM_JSON;
	b.file = c->file;
	b.line = c->doc_line;
	for (i = 0; i < sizeof(vkeys) / sizeof(vkeys[0]); i++)
		field(&b, vkeys[i].f, c->top, vkeys[i].key, vkeys[i].scale);
	if (!bench_has(&b, BF_ITL + ST_MEAN) || !bench_has(&b, BF_COMPLETED)) {
		wi_seterr(err, WI_EINPUT, c->file, c->doc_line, "vLLM result: "
		    "no %s", bench_has(&b, BF_COMPLETED) ? "mean_itl_ms" :
		    "completed");
		return -1;
	}
	done = b.v[BF_COMPLETED];
	if (done > 0 && cJSON_IsNumber(v = js_at(c->top, "total_input_tokens")))
		bench_set(&b, BF_PROMPT_TPR, v->valuedouble / done);
	if (done > 0 && cJSON_IsNumber(v = js_at(c->top, "total_output_tokens")))
		bench_set(&b, BF_OUTPUT_TPR, v->valuedouble / done);
	if (cJSON_IsNumber(v = js_at(c->top, "max_concurrency")))
		maxc = v->valuedouble;
	if (cJSON_IsNumber(v = js_at(c->top, "request_rate")))
		rate = v->valuedouble;
	if (cJSON_IsNumber(v = js_at(c->top, "burstiness")))
		burst = v->valuedouble;
	vllm_name(&b, maxc, rate, burst);
	return benchset_add(c->set, &b, c->w, err);
}

/*
 * Only what is read is kept: the benchmarks one at a time, and of the
 * other top-level members those a vLLM result is made of, so that a
 * report of any size with any members takes bounded memory.
 */
static enum js_want
want(void *ctx, const char *key)
{
	static const char *const more[] = { "total_input_tokens",
	    "total_output_tokens", "max_concurrency", "request_rate",
	    "burstiness" };
	struct jread	*c = ctx;
	size_t		 i;

	if (strcmp(key, "benchmarks") == 0) {
		c->has_bench = 1;
		return JS_EACH;
	}
	for (i = 0; i < sizeof(vkeys) / sizeof(vkeys[0]); i++)
		if (strcmp(key, vkeys[i].key) == 0)
			return JS_TAKE;
	for (i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		if (strcmp(key, more[i]) == 0)
			return JS_TAKE;
	return JS_SKIP;
}

static int
take(void *ctx, const char *key, long index, cJSON *v, unsigned long line,
    struct wi_err *err)
{
	struct jread	*c = ctx;
	int		 rc = 0;

	if (c->top == NULL && (c->top = cJSON_CreateObject()) == NULL) {
		cJSON_Delete(v);
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	if (index >= 0) {
		c->nbench++;
		c->has_bench = 1;
		rc = guidellm_bench(c, v, index, line, err);
		cJSON_Delete(v);
		return rc;
	}
	if (strcmp(key, "benchmarks") == 0)
		c->has_bench = 1;	/* not an array: found, but unread */
	cJSON_AddItemToObject(c->top, key, v);
	return 0;
}

static int
end(void *ctx, unsigned long line, struct wi_err *err)
{
	struct jread	*c = ctx;
	int		 rc = 0;

	c->doc_line = line;
	if (c->has_bench && c->nbench == 0) {
		wi_seterr(err, WI_EINPUT, c->file, line,
		    "guidellm report: no benchmarks in its \"benchmarks\"");
		rc = -1;
	} else if (!c->has_bench) {
		if (js_at(c->top, "mean_itl_ms") != NULL)
			rc = vllm_result(c, err);
		else {
			wi_seterr(err, WI_EINPUT, c->file, c->doc_line,
			    "JSON that is neither a guidellm report (no "
			    "\"benchmarks\") nor a vLLM result (no "
			    "\"mean_itl_ms\"); if it is a log, give "
			    "--input-format log");
			rc = -1;
		}
	}
	cJSON_Delete(c->top);
	c->top = NULL;
	c->nbench = 0;
	c->has_bench = 0;
	return rc;
}

static int
feed(void *j, const char *p, size_t n, struct wi_err *err)
{
	return js_feed(j, p, n, err);
}

/*
 * Where the object starting at p[i] == '{' closes, if it closes on its
 * first line: the index past its '}', or 0 if the line (or what was
 * read of it) ends first.
 */
static size_t
line_object(const char *p, size_t n, size_t i)
{
	size_t	depth = 0;
	int	instr = 0;

	for (; i < n && p[i] != '\n'; i++) {
		if (instr) {
			if (p[i] == '\\')
				i++;
			else if (p[i] == '"')
				instr = 0;
		} else if (p[i] == '"')
			instr = 1;
		else if (p[i] == '{' || p[i] == '[')
			depth++;
		else if ((p[i] == '}' || p[i] == ']') && --depth == 0)
			return i + 1;
	}
	return 0;
}

/*
 * Where the value of the member named key (with its quotes) starts in
 * p[0..n), past blanks, or NULL if there is no such member.
 */
static const char *
member(const char *p, size_t n, const char *key)
{
	size_t		 len = strlen(key);
	const char	*q, *end = p + n;

	while ((q = memmem(p, (size_t)(end - p), key, len)) != NULL) {
		for (p = q + len; p < end && (*p == ' ' || *p == '\t'); p++)
			continue;
		if (p == end || *p++ != ':')
			continue;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		return p;
	}
	return NULL;
}

/*
 * A member a reader takes: "benchmarks" holding a list of objects (or
 * none), "mean_itl_ms" holding a number (or null). A log line's
 * "benchmarks": ["sync"] is not one.
 */
static int
has_result(const char *p, size_t n)
{
	const char	*v, *end = p + n;

	if ((v = member(p, n, "\"benchmarks\"")) != NULL && v < end &&
	    *v++ == '[') {
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		if (v < end && (*v == '{' || *v == ']'))
			return 1;
	}
	return (v = member(p, n, "\"mean_itl_ms\"")) != NULL && v < end &&
	    strchr("-0123456789n", *v) != NULL;
}

/*
 * The kind of a start that opens with '{': 1 JSON, 0 a log, -1 cannot
 * tell yet. A report printed over many lines is JSON; an object on one
 * line is JSON (a compact report, JSON Lines of vLLM results) if it has
 * a member the readers look for or is all there is; else it is a
 * structured log line and a log follows.
 */
static int
json_start(const char *p, size_t n, size_t i, int final)
{
	size_t	end;

	/* A first line longer than the bound is not looked into: JSON. */
	if ((end = line_object(p, n, i)) == 0)
		return final || memchr(p + i, '\n', n - i) != NULL ? 1 : -1;
	if (has_result(p + i, end - i))
		return 1;
	/* Alone in the input, it is JSON: the reader says what it lacks. */
	end += lead_len(p + end, n - end);
	return end < n ? 0 : final ? 1 : -1;
}

/* 1: a JSON report (see json_start), 0: not, -1: cannot tell yet. */
static int
json_sniff(const char *p, size_t n, int final)
{
	size_t	i = lead_len(p, n);

	if (i == n)
		return final ? 0 : -1;
	return p[i] == '{' ? json_start(p, n, i, final) : 0;
}

static int
drive_json(struct lr *r, const struct js_sink *sink, struct wi_err *err)
{
	struct js	 j;
	int		 rc;

	js_init(&j, sink, r->name);
	rc = lr_feed_all(r, feed, &j, err);
	if (rc == 0)
		rc = js_finish(&j, err);
	js_free(&j);
	return rc;
}

int
json_drive(struct lr *r, int (*drive)(struct lr *, const struct js_sink *,
    struct wi_err *), struct benchset *set, const struct wi_warn *w,
    struct wi_err *err)
{
	struct jread	 c = { r->name, set, w, NULL, 0, 0, 1 };
	struct js_sink	 sink = { want, take, end, &c, 0 };
	int		 rc;

	rc = drive(r, &sink, err);
	cJSON_Delete(c.top);
	return rc;
}

static int
json_read(void *unused, struct lr *r, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	(void)unused;
	return json_drive(r, drive_json, set, w, err);
}

const struct in_report in_json = {
	"json", "guidellm or vLLM JSON", json_sniff,
	NULL, NULL, json_read
};
